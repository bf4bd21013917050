"""`staticfeed build` guards ids, `--allow-id-change` lets a change through, `staticfeed diff`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import files_under, invoke_build

Site = Callable[..., Path]
TAG = "tag:example.org,2025:"
ATOM = "{http://www.w3.org/2005/Atom}"


# A paragraph of some length: a file renamed and retitled is found by its date and a text of
# at least 200 characters, which a short one ("Via HN.") is not.
PARAGRAPH = (
    "It goes on for a while, about the peace movements of the region and what they asked "
    "for, who came to the meetings, and what the town council answered a week later, when "
    "the square had emptied and the rain had come back."
)


def doc(title: str, day: int = 1, **front: str) -> str:
    lines = [f"title: {title}", f"date: 2025-03-{day:02d}"]
    lines += [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + f"\n---\nThe body. {PARAGRAPH}\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="staticfeed")


def built(*options: str) -> None:
    result = invoke_build(*options)
    assert result.exit_code == 0, result.output


def test_build_writes_the_ids_of_the_published_entries(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "sub/b.md": doc("Beta", 2)})
    built()
    assert json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8")) == {
        TAG + "a": "a.md",
        TAG + "sub/b": "sub/b.md",
    }
    assert ".staticfeed-ids" not in Path("feeds/.staticfeed-files").read_text(encoding="utf-8")


def test_build_refuses_a_renamed_file_and_changes_nothing(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    built()
    before = Path("feeds/atom.xml").read_bytes()
    Path("entries/a.md").rename("entries/alpha.md")

    result = invoke_build()

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', and its id is now '{TAG}alpha': feed readers would show it again as a new "
        f'entry. Add "id: {TAG}a" to its front matter, or pass --allow-id-change.\n'
    )
    assert Path("feeds/atom.xml").read_bytes() == before


def taken_by(title: str) -> str:
    """The error for alpha.md, "Alpha" published as a.md, whose id a.md gives to `title`."""
    return (
        f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', which entries/a.md now gives to another entry (\"{title}\"), and this one's "
        f"id is now '{TAG}alpha': feed readers would show it again as a new entry, and take "
        f'"{title}" for an edit of it. Add "id: {TAG}a" to its front matter and give '
        "entries/a.md a slug: of its own, or pass --allow-id-change.\n"
    )


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_build_refuses_a_renamed_file_whose_old_name_a_new_document_took(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md renamed to alpha.md, and a new a.md written: the id tag:...:a went to the new
    # document, so readers would take it for an edit of "Alpha" (and never show it as new)
    # while "Alpha" came again as a new entry under a new id.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    before = Path("feeds/atom.xml").read_bytes()
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/a.md").write_text(doc("Aleph", 9), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == taken_by("Aleph")
    assert Path("feeds/atom.xml").read_bytes() == before


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_build_refuses_a_retitled_file_whose_old_name_and_title_a_new_document_took(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md renamed to alpha.md and retitled, and a new a.md titled "Alpha" as a.md was: the
    # id tag:...:a is published again under its title, and only its date (March 9, not 1)
    # tells that another document has it.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    before = Path("feeds/atom.xml").read_bytes()
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")
    aleph = "---\ntitle: Alpha\ndate: 2025-03-09\n---\nAnother note.\n"
    Path("entries/a.md").write_text(aleph, encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == taken_by("Alpha").replace(
        "an entry with its title was", 'an entry with its date and text, "Alpha", was'
    )
    assert Path("feeds/atom.xml").read_bytes() == before


HELD_BACK = ("draft", "future")
"""How an entry is held back (`held_back_doc`): a draft, or a date ahead."""


def held_back_doc(title: str, held_back: str = "draft", day: int = 1, **front: str) -> str:
    """A document held back: a draft of 2025-03-`day`, or one of 2999-01-`day`; `front` adds
    front-matter keys as written."""
    if held_back == "draft":
        return doc(title, day, draft="true", **front)
    return doc(title, day, **front).replace("date: 2025-03-", "date: 2999-01-")


def held_back_alpha(held_back: str = "draft") -> str:
    return held_back_doc("Alpha", held_back)


def rename_held_back_and_take_its_name(
    site: Site, options: tuple[str, ...], when: str, held_back: str = "draft"
) -> None:
    """a.md ("Alpha") published, then renamed alpha.md and held back, and a new a.md ("Beta")
    written: held back in a build before ("withdrawn"), or as it is renamed ("at-once")."""
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    if when == "withdrawn":
        Path("entries/a.md").write_text(held_back_alpha(held_back), encoding="utf-8")
        assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(held_back_alpha(held_back), encoding="utf-8")
    Path("entries/a.md").write_text(doc("Beta", 9), encoding="utf-8")


def published() -> list[tuple[str, str]]:
    """(id, title) of each entry of feeds/atom.xml, as feedparser reads them."""
    feed = feedparser.parse(Path("feeds/atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return sorted((entry.id, entry.title) for entry in feed.entries)


WHEN = pytest.mark.parametrize("when", ["withdrawn", "at-once"])
OPTIONS = pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])


@OPTIONS
@WHEN
@pytest.mark.parametrize("held_back", HELD_BACK)
def test_build_refuses_a_new_document_taking_the_id_of_an_entry_held_back_and_renamed(
    site: Site, options: tuple[str, ...], when: str, held_back: str
) -> None:
    # Readers still have tag:...:a as "Alpha" (an entry that leaves the feeds stays with
    # them): they would take "Beta" for an edit of it, and show "Alpha" again once published
    # under its new id. The (id, document) pairs may be those of the last build: the cache
    # must not skip the guard then.
    rename_held_back_and_take_its_name(site, options, when, held_back)
    before, readers_have = files_under(Path("feeds")), published()

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == taken_by("Beta")
    assert files_under(Path("feeds")) == before
    assert published() == readers_have
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 1, "published later, it is still refused"
    assert files_under(Path("feeds")) == before


@WHEN
def test_check_reports_an_id_taken_from_an_entry_held_back_as_build_does(
    site: Site, when: str
) -> None:
    rename_held_back_and_take_its_name(site, (), when)
    refused = invoke_build().stderr.removeprefix("Error: ").rstrip("\n")

    result = invoke("check", "--format", "json")

    assert result.exit_code == 1, result.output
    found = [
        f"{item['file']}: {item['message']}. {item['fix']}" for item in json.loads(result.stdout)
    ]
    assert refused in found


@OPTIONS
@WHEN
def test_diff_lists_an_id_taken_from_an_entry_held_back(
    site: Site, options: tuple[str, ...], when: str
) -> None:
    rename_held_back_and_take_its_name(site, options, when)

    result = invoke("diff", *options)

    assert result.exit_code == 1, result.output
    left = ", which left the feeds before" if when == "withdrawn" else ""
    assert result.stdout.endswith(
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha" (entries/alpha.md), same title as entries/a.md{left}, '
        f'whose id entries/a.md now gives to "Beta": add "id: {TAG}a" to its front matter and '
        "give entries/a.md a slug: of its own\n"
    )


@OPTIONS
@WHEN
def test_the_fix_for_an_id_taken_from_an_entry_held_back_works(
    site: Site, options: tuple[str, ...], when: str
) -> None:
    rename_held_back_and_take_its_name(site, options, when)
    pinned = held_back_alpha().replace("title: Alpha\n", f"title: Alpha\nid: {TAG}a\n")
    Path("entries/alpha.md").write_text(pinned, encoding="utf-8")
    Path("entries/a.md").write_text(doc("Beta", 9, slug="beta"), encoding="utf-8")

    built = invoke_build(*options)
    assert built.exit_code == 0, built.output
    Path("entries/alpha.md").write_text(doc("Alpha", id=TAG + "a"), encoding="utf-8")
    built = invoke_build(*options)
    assert built.exit_code == 0, built.output

    assert published() == [(TAG + "a", "Alpha"), (TAG + "beta", "Beta"), (TAG + "o", "Other")]


@OPTIONS
@WHEN
def test_allow_id_change_gives_the_id_of_an_entry_held_back_to_a_new_document(
    site: Site, options: tuple[str, ...], when: str
) -> None:
    rename_held_back_and_take_its_name(site, options, when)

    built = invoke_build("--allow-id-change", *options)
    assert built.exit_code == 0, built.output
    assert published() == [(TAG + "a", "Beta"), (TAG + "o", "Other")]
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    built = invoke_build(*options)
    assert built.exit_code == 0, "let through once, it is not refused later"
    assert published() == [(TAG + "a", "Beta"), (TAG + "alpha", "Alpha"), (TAG + "o", "Other")]


def test_diff_lists_an_id_a_new_document_took(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/a.md").write_text(doc("Aleph", 9), encoding="utf-8")

    result = invoke("diff")

    assert result.exit_code == 1, result.output
    assert result.stdout.endswith(
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha" (entries/alpha.md), same title as entries/a.md, whose '
        f'id entries/a.md now gives to "Aleph": add "id: {TAG}a" to its front matter and give '
        "entries/a.md a slug: of its own\n"
    )
    data = json.loads(invoke("diff", "--format", "json").stdout)
    assert data["id_changed"][0]["taken_by"] == {"title": "Aleph", "file": "entries/a.md"}


def test_the_fix_for_a_taken_name_works(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/alpha.md").write_text(doc("Alpha", id=TAG + "a"), encoding="utf-8")
    Path("entries/a.md").write_text(doc("Aleph", 9, slug="aleph"), encoding="utf-8")

    built()

    ids = [i.text for i in etree.parse("feeds/atom.xml").findall(f"{ATOM}entry/{ATOM}id")]
    assert ids == [TAG + "aleph", TAG + "a"]


RETITLED_TAKEN_BY_GAMMA = (
    'Error: entries/alpha.md: an entry with its date and text, "Alpha", was published from '
    f"a.md with the id '{TAG}a', which entries/a.md now gives to another entry (\"Gamma\"), "
    f"and this one's id is now '{TAG}alpha': feed readers would show it again as a new entry, "
    f'and take "Gamma" for an edit of it. Add "id: {TAG}a" to its front matter and give '
    "entries/a.md a slug: of its own, or pass --allow-id-change.\n"
)
"""The error for alpha.md, "Alpha" published as a.md and retitled, whose id a.md gives to
"Gamma"."""


@OPTIONS
def test_build_refuses_a_file_renamed_and_retitled_whose_old_name_a_new_document_took(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md renamed alpha.md and retitled, and a new a.md written: neither the file nor the
    # title tied "Alpha, revised" to "Alpha", so "Gamma" took tag:...:a (readers took it for an
    # edit of "Alpha") and "Alpha, revised" reached them as a new entry. Its date and its text
    # did not change.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    before, readers_have = files_under(Path("feeds")), published()
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")
    Path("entries/a.md").write_text(doc("Gamma", 9), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == RETITLED_TAKEN_BY_GAMMA
    assert files_under(Path("feeds")) == before
    assert published() == readers_have
    assert invoke("diff").stdout.endswith(
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha, revised" (entries/alpha.md), same date and text as '
        f'entries/a.md ("Alpha"), whose id entries/a.md now gives to "Gamma": add "id: {TAG}a" '
        "to its front matter and give entries/a.md a slug: of its own\n"
    )
    Path("entries/alpha.md").write_text(doc("Alpha, revised", id=TAG + "a"), encoding="utf-8")
    Path("entries/a.md").write_text(doc("Gamma", 9, slug="gamma"), encoding="utf-8")
    fixed = invoke_build(*options)
    assert fixed.exit_code == 0, fixed.output
    assert published() == [
        (TAG + "a", "Alpha, revised"),
        (TAG + "gamma", "Gamma"),
        (TAG + "o", "Other"),
    ]


def test_build_refuses_a_file_renamed_and_retitled_whose_name_a_new_document_of_its_date_took(
    site: Site,
) -> None:
    # As above, but "Gamma" has the date of "Alpha" (both written on 2025-03-01), so that
    # tag:...:a looked like "Alpha" retitled, in place.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")
    Path("entries/a.md").write_text(doc("Gamma").replace("The body.", "News."), "utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        'Error: entries/alpha.md: an entry with its date and text, "Alpha", was published from '
        f"a.md with the id '{TAG}a', which entries/a.md now gives to another entry (\"Gamma\"), "
    )
    Path("entries/a.md").write_text(doc("Alpha, revised"), encoding="utf-8")
    Path("entries/alpha.md").unlink()
    built()  # retitled in place, it keeps its id: no change


def test_a_file_renamed_and_retitled_whose_name_a_draft_of_its_date_took_is_caught(
    site: Site,
) -> None:
    # As above, with "Gamma" a draft: tag:...:a, held back under another title, counted as
    # "Alpha" made a draft in place, and "Alpha, revised" reached readers a second time.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    before = files_under(Path("feeds"))
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")
    gamma = doc("Gamma", draft="true").replace("The body.", "News.")
    Path("entries/a.md").write_text(gamma, encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr == RETITLED_TAKEN_BY_GAMMA
    assert files_under(Path("feeds")) == before
    gamma = doc("Gamma", draft="true", slug="gamma").replace("The body.", "News.")
    Path("entries/a.md").write_text(gamma, encoding="utf-8")
    Path("entries/alpha.md").write_text(doc("Alpha, revised", id=TAG + "a"), encoding="utf-8")
    built()
    assert published() == [(TAG + "a", "Alpha, revised"), (TAG + "o", "Other")]


def test_an_entry_made_a_draft_and_retitled_beside_a_copy_of_it_is_no_change(site: Site) -> None:
    # The draft has the text still: the entry waits in place, and alpha.md is a copy.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").write_text(doc("Gamma", draft="true"), encoding="utf-8")
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")

    built()

    assert published() == [(TAG + "alpha", "Alpha, revised"), (TAG + "o", "Other")]


def test_an_entry_renamed_to_a_name_another_left_as_it_was_renamed_is_named_too(
    site: Site,
) -> None:
    # a.md renamed x.md, retitled and redated (its text kept), and b.md ("Beta") renamed
    # a.md: only x.md was named, with the fix to give a.md a slug: of its own; "Beta" under
    # that slug was refused in the next build, as it had been under tag:...:a.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 3).replace("The body.", "News.")})
    built()
    Path("entries/x.md").write_text(doc("Xi", 5), encoding="utf-8")
    Path("entries/b.md").replace("entries/a.md")
    before = files_under(Path("feeds"))

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/a.md: an entry with its title was published from b.md with the id "
        f"'{TAG}b', and its id is now '{TAG}a': feed readers would show it again as a new "
        f'entry. Add "id: {TAG}b" to its front matter, or pass --allow-id-change.\n'
        'Error: entries/x.md: an entry with its text, "Alpha", was published from a.md with the '
        f"id '{TAG}a', which entries/a.md now gives to another entry (\"Beta\"), and this one's "
        f"id is now '{TAG}x': feed readers would show it again as a new entry, and take \"Beta\" "
        f'for an edit of it. Add "id: {TAG}a" to its front matter and give entries/a.md a slug: '
        "of its own, or pass --allow-id-change.\n"
    )
    assert files_under(Path("feeds")) == before
    beta = doc("Beta", 3, id=TAG + "b").replace("The body.", "News.")
    Path("entries/a.md").write_text(beta, encoding="utf-8")
    Path("entries/x.md").write_text(doc("Xi", 5, id=TAG + "a"), encoding="utf-8")
    built()
    assert published() == [(TAG + "a", "Xi"), (TAG + "b", "Beta")]


@OPTIONS
def test_a_chain_of_renames_into_names_others_left_is_named_whole_in_one_build(
    site: Site, options: tuple[str, ...]
) -> None:
    # b.md renamed c.md, a.md renamed b.md, and a new a.md written: only c.md was named, and
    # "Alpha", under the slug its fix gave b.md, was refused in the next build, as it had
    # been under tag:...:b.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/b.md").replace("entries/c.md")
    Path("entries/a.md").replace("entries/b.md")
    Path("entries/a.md").write_text(doc("Zeta", 9).replace("The body.", "News."), "utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/b.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', which entries/a.md now gives to another entry (\"Zeta\"), and this one's "
        f"id is now '{TAG}b': feed readers would show it again as a new entry, and take \"Zeta\" "
        f'for an edit of it. Add "id: {TAG}a" to its front matter and give entries/a.md a slug: '
        "of its own, or pass --allow-id-change.\n"
        "Error: entries/c.md: an entry with its title was published from b.md with the id "
        f"'{TAG}b', which entries/b.md now gives to another entry (\"Alpha\"), and this one's "
        f"id is now '{TAG}c': feed readers would show it again as a new entry, and take "
        f'"Alpha" for an edit of it. Add "id: {TAG}b" to its front matter and give entries/b.md '
        "a slug: of its own, or pass --allow-id-change.\n"
    )
    assert files_under(Path("feeds")) == before
    Path("entries/b.md").write_text(doc("Alpha", id=TAG + "a"), encoding="utf-8")
    Path("entries/c.md").write_text(doc("Beta", 2, id=TAG + "b"), encoding="utf-8")
    zeta = doc("Zeta", 9, slug="zeta").replace("The body.", "News.")
    Path("entries/a.md").write_text(zeta, encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    assert published() == [(TAG + "a", "Alpha"), (TAG + "b", "Beta"), (TAG + "zeta", "Zeta")]


def swapped(file: str, old: str, holder: str, title: str, new: str) -> str:
    """The error for `file`, published from `old`.md, whose id `holder`.md now gives to
    `title`, as `file` gives it the id of `new`.md's entry."""
    return (
        f"Error: entries/{file}: an entry with its title was published from {old}.md with the "
        f"id '{TAG}{old}', which entries/{holder}.md now gives to another entry (\"{title}\"), "
        f"and this one's id is now '{TAG}{new}', another published entry's: the files swapped "
        f'names, and feed readers would take "{title}" for an edit of this one, and this one '
        f"for an edit of the entry they have under '{TAG}{new}'. Add \"id: {TAG}{old}\" to its "
        "front matter, and to each file that swapped names the id it had, or pass "
        "--allow-id-change.\n"
    )


TITLES = {"a": "Alpha", "b": "Beta", "c": "Gamma"}


def swap(names: str) -> list[tuple[str, str]]:
    """Give each of `names` (a.md, b.md...) the name of the next, the last the first's, and
    return (old name, new name) of each."""
    moves = list(zip(names, names[1:] + names[0], strict=True))
    for old, new in moves:
        Path(f"entries/{old}.md").replace(f"entries/{new}.tmp")
    for _, new in moves:
        Path(f"entries/{new}.tmp").replace(f"entries/{new}.md")
    return moves


def own(title: str, day: int = 1, text: str = "", **front: str) -> str:
    """A document whose text is its own: `text`, else the long one with its title."""
    body = text or f"{title}: {PARAGRAPH}"
    return doc(title, day, **front).replace(f"The body. {PARAGRAPH}", body)


@OPTIONS
@pytest.mark.parametrize("names", ["ab", "abc"], ids=["two", "three"])
@pytest.mark.parametrize("texts", ["", "long", "short"], ids=["dated", "one-date", "short"])
def test_build_refuses_files_that_swapped_names(
    site: Site, options: tuple[str, ...], names: str, texts: str
) -> None:
    # a.md and b.md swapped names (or a.md took b.md's, b.md c.md's and c.md a.md's): each id
    # stayed with its file name, and readers took "Beta" for an edit of "Alpha" under
    # tag:...:a, and "Alpha" for an edit of "Beta" under tag:...:b. Of one date, each id
    # keeps its date, as in a retitle in place, but its text goes with its title, which a
    # retitle leaves where it was: short texts ("Via Alpha.") count then.
    def document(name: str, **front: str) -> str:
        if not texts:
            return doc(TITLES[name], names.index(name) + 1, **front)
        return own(TITLES[name], 1, f"Via {TITLES[name]}." if texts == "short" else "", **front)

    site(**{f"{name}.md": document(name) for name in names})
    assert invoke_build(*options).exit_code == 0
    moves = swap(names)
    before = files_under(Path("feeds"))
    holders = {old: TITLES[names[names.index(old) - 1]] for old in names}  # old -> title now

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    errors = sorted((new, old) for old, new in moves)
    assert result.stderr == "".join(
        swapped(f"{new}.md", old, old, holders[old], new) for new, old in errors
    )
    assert files_under(Path("feeds")) == before
    moved = [line for line in invoke("diff").stdout.splitlines() if " -> " in line]
    assert moved == [
        f'  {TAG}{old} -> {TAG}{new} "{TITLES[old]}" (entries/{new}.md), same title as '
        f'entries/{old}.md, whose id entries/{old}.md now gives to "{holders[old]}" (the files '
        f'swapped names): add "id: {TAG}{old}" to its front matter'
        for new, old in errors
    ]
    for old, new in moves:
        Path(f"entries/{new}.md").write_text(document(old, id=TAG + old), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    assert published() == [(TAG + name, TITLES[name]) for name in names]


@OPTIONS
def test_build_lets_entries_edited_in_place_through(site: Site, options: tuple[str, ...]) -> None:
    # Not a swap: "Alpha" retitled "Beta" keeps its date, and "Beta" redated and retitled
    # "Alpha" is another entry's title and date only while "Alpha" has kept them.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2), "c.md": doc("Gamma", 3)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(doc("Beta"), encoding="utf-8")
    Path("entries/b.md").write_text(doc("Beta", 2).replace("The body.", "News."), "utf-8")
    Path("entries/c.md").write_text(doc("Beta", 2), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    assert published() == [(TAG + "a", "Beta"), (TAG + "b", "Beta"), (TAG + "c", "Beta")]


@OPTIONS
def test_build_refuses_files_of_one_date_that_swapped_names_and_tags(
    site: Site, options: tuple[str, ...]
) -> None:
    # The tags of each entry went with it, so the cached build is a full one, not a patch: the
    # same (id, document) pairs of the same dates no longer spare it the published feeds, as
    # the ids' titles changed.
    site(**{"a.md": own("Alpha", tags="[peace]"), "b.md": own("Beta", tags="[war]")})
    assert invoke_build(*options).exit_code == 0
    swap("ab")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == swapped("a.md", "b", "b", "Alpha", "a") + swapped(
        "b.md", "a", "a", "Beta", "b"
    )


@OPTIONS
@pytest.mark.parametrize("change", ["retitled", "redated"])
def test_build_refuses_files_that_swapped_names_when_one_changed_too(
    site: Site, options: tuple[str, ...], change: str
) -> None:
    # a.md and b.md of one date swapped names, and the new a.md ("Beta") retitled or redated:
    # "Alpha" went to tag:...:b with its title and text, "Beta" to tag:...:a with its text
    # (of at least 200 characters), or its title and text.
    site(**{"a.md": own("Alpha"), "b.md": own("Beta")})
    assert invoke_build(*options).exit_code == 0
    swap("ab")
    beta = own("Beta").replace("title: Beta", "title: Beta, part 2")
    title = "Beta, part 2"
    if change == "redated":
        beta, title = own("Beta", 2), "Beta"
    Path("entries/a.md").write_text(beta, encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    like = "its title" if change == "redated" else 'its text, "Beta",'
    assert result.stderr == swapped("a.md", "b", "b", "Alpha", "a").replace(
        "its title", like
    ) + swapped("b.md", "a", "a", title, "b")


@OPTIONS
def test_build_refuses_files_of_short_texts_that_swapped_names_when_one_was_retitled(
    site: Site, options: tuple[str, ...]
) -> None:
    # "Alpha" went to tag:...:b with its title and text, "Beta" to tag:...:a with its text
    # alone ("Via Beta."), short, but into the id whose text went with its title: a swap, not
    # link-blog entries that share a text.
    site(**{"a.md": own("Alpha", 1, "Via Alpha."), "b.md": own("Beta", 1, "Via Beta.")})
    assert invoke_build(*options).exit_code == 0
    swap("ab")
    Path("entries/a.md").write_text(own("Beta, part 2", 1, "Via Beta."), encoding="utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == swapped("a.md", "b", "b", "Alpha", "a").replace(
        "its title", 'its text, "Beta",'
    ) + swapped("b.md", "a", "a", "Beta, part 2", "b")
    assert files_under(Path("feeds")) == before


@OPTIONS
@pytest.mark.parametrize("day", [1, 2], ids=["one-date", "dated"])
def test_build_refuses_files_that_swapped_names_when_both_were_retitled(
    site: Site, options: tuple[str, ...], day: int
) -> None:
    # Neither title stayed: each content (of at least 200 characters) went with its date to
    # the other's id, which a retitle in place leaves where it was.
    days = {"Alpha": 1, "Beta": day}
    site(**{"a.md": own("Alpha"), "b.md": own("Beta", day)})
    assert invoke_build(*options).exit_code == 0
    swap("ab")
    for name, title in (("a", "Beta"), ("b", "Alpha")):
        text = own(title, days[title]).replace(f"title: {title}", f"title: {title}, part 2")
        Path(f"entries/{name}.md").write_text(text, encoding="utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == swapped("a.md", "b", "b", "Alpha, part 2", "a").replace(
        "its title", 'its text, "Beta",'
    ) + swapped("b.md", "a", "a", "Beta, part 2", "b").replace("its title", 'its text, "Alpha",')
    assert files_under(Path("feeds")) == before
    for name, old in (("a", "b"), ("b", "a")):
        text = Path(f"entries/{name}.md").read_text(encoding="utf-8")
        Path(f"entries/{name}.md").write_text(text.replace("---\n", f"---\nid: {TAG}{old}\n", 1))
    assert invoke_build(*options).exit_code == 0
    feed = feedparser.parse(Path("feeds/atom.xml").read_bytes())
    texts = {entry.id: (entry.title, entry.content[0].value[:12]) for entry in feed.entries}
    assert texts == {
        TAG + "a": ("Alpha, part 2", "<p>Alpha: It"),
        TAG + "b": ("Beta, part 2", "<p>Beta: It "),
    }


@OPTIONS
@pytest.mark.parametrize("texts", ["long", "short"])
@pytest.mark.parametrize("tagged", [False, True], ids=["patched", "tagged"])
def test_build_refuses_files_of_one_date_and_title_that_swapped_names(
    site: Site, options: tuple[str, ...], texts: str, tagged: bool
) -> None:
    # Two entries "Alpha" of one date: each id kept its title and date, and only the texts
    # tell that each went to the other's id, where readers would take it for an edit (read,
    # or starred, as the other was). With their tags, the cached build is a full one, whose
    # id guard the same titles and dates do not spare the feeds; else a patch.
    bodies = {name: f"{name}: {PARAGRAPH}" for name in ("One", "Two")}
    if texts == "short":
        bodies = {name: f"Via {name}." for name in bodies}
    tags = {"One": {"tags": "[peace]"}, "Two": {"tags": "[war]"}}

    def alpha(name: str, **front: str) -> str:
        return own("Alpha", 1, bodies[name], **front, **(tags[name] if tagged else {}))

    site(**{"a.md": alpha("One"), "b.md": alpha("Two")})
    assert invoke_build(*options).exit_code == 0
    swap("ab")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    like = 'its text, "Alpha",'
    assert result.stderr == swapped("a.md", "b", "b", "Alpha", "a").replace(
        "its title", like
    ) + swapped("b.md", "a", "a", "Alpha", "b").replace("its title", like)
    assert files_under(Path("feeds")) == before
    Path("entries/a.md").write_text(alpha("Two", id=TAG + "b"), encoding="utf-8")
    Path("entries/b.md").write_text(alpha("One", id=TAG + "a"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    feed = feedparser.parse(Path("feeds/atom.xml").read_bytes())
    texts_now = {entry.id: entry.content[0].value[:8] for entry in feed.entries}
    assert texts_now == {TAG + "a": f"<p>{bodies['One'][:5]}", TAG + "b": f"<p>{bodies['Two'][:5]}"}


@OPTIONS
def test_build_lets_entries_of_one_date_and_title_edited_in_place_through(
    site: Site, options: tuple[str, ...]
) -> None:
    # Four "Notes" of one date: one given a new text, one left, and two that share a text
    # swapped names, which leaves each text under its id.
    texts = {"i": "Via One.", "j": "Via Two.", "k": "Via HN.", "l": "Via HN."}
    site(**{f"{name}.md": own("Notes", 1, text) for name, text in texts.items()})
    assert invoke_build(*options).exit_code == 0
    Path("entries/i.md").write_text(own("Notes", 1, "Via Two, again."), encoding="utf-8")
    swap("kl")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    feed = feedparser.parse(Path("feeds/atom.xml").read_bytes())
    assert sorted((entry.id, entry.content[0].value) for entry in feed.entries) == [
        (TAG + "i", "<p>Via Two, again.</p>"),
        (TAG + "j", "<p>Via Two.</p>"),
        (TAG + "k", "<p>Via HN.</p>"),
        (TAG + "l", "<p>Via HN.</p>"),
    ]


@OPTIONS
def test_build_lets_entries_of_one_date_retitled_in_place_through(
    site: Site, options: tuple[str, ...]
) -> None:
    # Not a swap: the titles of a.md and b.md exchanged, each text left where it was; "Gamma"
    # made a copy of "Delta", which stays; link-blog entries that share a short text swapped
    # names, which leaves each text under its id; link-blog entries that traded short texts
    # as both were retitled, which no title nor date went with (edited in place, or swapped).
    site(
        **{
            "a.md": own("Alpha"),
            "b.md": own("Beta"),
            "c.md": own("Gamma"),
            "d.md": own("Delta"),
            "e.md": own("Epsilon", 1, "Via HN."),
            "f.md": own("Zeta", 1, "Via HN."),
            "g.md": own("Eta", 1, "Via Lobsters."),
            "h.md": own("Theta", 1, "Via Tildes."),
        }
    )
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(own("Alpha").replace("title: Alpha", "title: Beta"), "utf-8")
    Path("entries/b.md").write_text(own("Beta").replace("title: Beta", "title: Alpha"), "utf-8")
    Path("entries/c.md").write_text(own("Delta"), encoding="utf-8")
    swap("ef")
    Path("entries/g.md").write_text(own("Eta, fixed", 1, "Via Tildes."), encoding="utf-8")
    Path("entries/h.md").write_text(own("Theta, fixed", 1, "Via Lobsters."), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    assert published() == [
        (TAG + "a", "Beta"),
        (TAG + "b", "Alpha"),
        (TAG + "c", "Delta"),
        (TAG + "d", "Delta"),
        (TAG + "e", "Zeta"),
        (TAG + "f", "Epsilon"),
        (TAG + "g", "Eta, fixed"),
        (TAG + "h", "Theta, fixed"),
    ]


def test_build_refuses_a_file_renamed_whose_name_a_new_document_of_its_title_took(
    site: Site,
) -> None:
    # alpha.md kept the title, date and text of "Alpha": tag:...:a, with its title, looked
    # like "Alpha" redated, in place, and alpha.md came again as a new entry.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/a.md").write_text(doc("Alpha", 9).replace("The body.", "News."), "utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        'Error: entries/alpha.md: an entry with its date and text, "Alpha", was published from '
        f"a.md with the id '{TAG}a', which entries/a.md now gives to another entry (\"Alpha\"), "
    )


@OPTIONS
def test_build_refuses_a_draft_renamed_and_retitled_whose_old_name_a_new_document_took(
    site: Site, options: tuple[str, ...]
) -> None:
    # Made a draft as it was renamed and retitled: readers keep "Alpha", and would take
    # "Gamma" for an edit of it.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised", draft="true"), "utf-8")
    Path("entries/a.md").write_text(doc("Gamma", 9).replace("The body.", "News."), "utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        'Error: entries/alpha.md: an entry with its date and text, "Alpha", was published from '
        f"a.md with the id '{TAG}a', which entries/a.md now gives to another entry (\"Gamma\"), "
    )
    assert invoke("diff", *options).stdout.endswith(
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha, revised" (entries/alpha.md), same date and text as '
        f'entries/a.md ("Alpha"), whose id entries/a.md now gives to "Gamma": add "id: {TAG}a" '
        "to its front matter and give entries/a.md a slug: of its own\n"
    )


def test_of_two_entries_with_a_renamed_files_title_the_error_names_the_one_of_its_date(
    site: Site,
) -> None:
    # aa.md, a new "Alpha" of another date and text, was named (its id sorts first), and its
    # fix gave it the id readers know as the "Alpha" now in alpha.md.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/aa.md").write_text(doc("Alpha", 5).replace("The body.", "News."), "utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', and its id is now '{TAG}alpha'"
    )


def test_an_entry_retitled_in_place_beside_a_copy_of_it_is_no_change(site: Site) -> None:
    # a.md keeps its text: b.md, with its date and text under another title, is a copy.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").write_text(doc("Alpha, part 1"), encoding="utf-8")
    Path("entries/b.md").write_text(doc("Alpha, part 2"), encoding="utf-8")

    built()


@OPTIONS
def test_a_file_renamed_without_its_slug_is_named_not_the_new_document_at_its_name(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md, published under its slug: as tag:...:s, renamed b.md without it, and a new a.md
    # ("Gamma", another date) written. The error named a.md, by its file, and its fix gave
    # tag:...:s to "Gamma": readers would have taken it for an edit of "Alpha", and the next
    # build asked for the same id in b.md too.
    site(**{"a.md": doc("Alpha", slug="s"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    Path("entries/b.md").write_text(doc("Alpha"), encoding="utf-8")
    Path("entries/a.md").write_text(doc("Gamma", 9), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/b.md: an entry with its title was published from a.md with the id "
        f"'{TAG}s', and its id is now '{TAG}b': feed readers would show it again as a new "
        f'entry. Add "id: {TAG}s" to its front matter, or pass --allow-id-change.\n'
    )
    Path("entries/b.md").write_text(doc("Alpha", id=TAG + "s"), encoding="utf-8")
    fixed = invoke_build(*options)
    assert fixed.exit_code == 0, fixed.output
    assert published() == [(TAG + "a", "Gamma"), (TAG + "o", "Other"), (TAG + "s", "Alpha")]


def test_build_refuses_a_file_renamed_and_retitled(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr == renamed_and_retitled("alpha")


def renamed_and_retitled(name: str) -> str:
    """The error for `name`.md, "Alpha" of a.md renamed and retitled (its date and text)."""
    return (
        f'Error: entries/{name}.md: an entry with its date and text, "Alpha", was published from '
        f"a.md with the id '{TAG}a', and its id is now '{TAG}{name}': feed readers would show it "
        f'again as a new entry. Add "id: {TAG}a" to its front matter, or pass '
        "--allow-id-change.\n"
    )


def test_a_file_renamed_and_retitled_as_an_entry_deleted_beside_it_is_taken_for_itself(
    site: Site,
) -> None:
    # "Beta" deleted while a.md is renamed c.md and retitled "Beta", with Alpha's date and
    # text: its title took it for "Beta", with the fix to give it tag:...:b, which readers
    # would take for an edit of "Beta", and have "Alpha" twice.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2).replace("The body.", "Other news.")})
    built()
    Path("entries/a.md").unlink()
    Path("entries/b.md").unlink()
    Path("entries/c.md").write_text(doc("Beta"), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr == renamed_and_retitled("c")
    Path("entries/c.md").write_text(doc("Beta", id=TAG + "a"), encoding="utf-8")
    built()
    assert published() == [(TAG + "a", "Beta")]


def test_a_file_renamed_and_retitled_beside_a_new_entry_of_its_old_title_is_taken_for_itself(
    site: Site,
) -> None:
    # a.md renamed alpha.md and retitled, its date and text kept, and a new "Alpha" of
    # another date written (the next "Weekly notes"): its title took b.md for "Alpha", with
    # the fix to give it tag:...:a, which readers would take for an edit of "Alpha", and
    # have "Alpha" twice.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")
    Path("entries/b.md").write_text(doc("Alpha", 8).replace("The body.", "News."), "utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr == renamed_and_retitled("alpha")
    Path("entries/alpha.md").write_text(doc("Alpha, revised", id=TAG + "a"), encoding="utf-8")
    built()
    assert published() == [
        (TAG + "a", "Alpha, revised"),
        (TAG + "b", "Alpha"),
        (TAG + "o", "Other"),
    ]


def test_a_deleted_entry_and_a_new_one_of_its_date_and_another_text_is_no_change(
    site: Site,
) -> None:
    # A date alone says little (`date: 2025-03-01` is midnight): "Beta" is not "Alpha" renamed.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    Path("entries/b.md").write_text(doc("Beta").replace("The body.", "Other news."), "utf-8")

    built()

    assert published() == [(TAG + "b", "Beta"), (TAG + "o", "Other")]


@pytest.mark.parametrize("day", [1, 2], ids=["same-day", "next-day"])
def test_a_deleted_link_and_a_new_one_of_its_day_and_its_short_text_is_no_change(
    site: Site, day: int
) -> None:
    # A link blog's entries of one day may all read "Via HN.": such a text tells no entry from
    # another, and the build refused "Neat library" as "Cool tool" renamed, saying to give it
    # the id readers know as "Cool tool". Nor does it on another day.
    via = "---\ntitle: {}\ndate: 2025-03-0{}\nlink: https://{}.example/\n---\nVia HN.\n"
    site(**{"cool.md": via.format("Cool tool", 1, "a"), "o.md": doc("Other", 2)})
    built()
    Path("entries/cool.md").unlink()
    Path("entries/neat.md").write_text(via.format("Neat library", day, "b"), "utf-8")

    built()

    assert published() == [(TAG + "neat", "Neat library"), (TAG + "o", "Other")]


@OPTIONS
@pytest.mark.parametrize("held_back", ["published", "future"])
def test_build_refuses_a_file_renamed_retitled_and_redated(
    site: Site, options: tuple[str, ...], held_back: str
) -> None:
    # Renamed, retitled and redated at once (or scheduled anew), "Alpha" kept only its text:
    # it reached readers a second time, as "Alpha, revised".
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    before = files_under(Path("feeds"))
    Path("entries/a.md").unlink()
    text = doc("Alpha, revised", 5)
    if held_back == "future":
        text = held_back_doc("Alpha, revised", "future", 5)
    Path("entries/alpha.md").write_text(text, encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        'Error: entries/alpha.md: an entry with its text, "Alpha", was published from a.md with '
        f"the id '{TAG}a', and its id is now '{TAG}alpha': feed readers would show it again as a "
        f'new entry. Add "id: {TAG}a" to its front matter, or pass --allow-id-change.\n'
    )
    assert files_under(Path("feeds")) == before
    assert invoke("diff", *options).stdout.endswith(
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha, revised" (entries/alpha.md), same text as entries/a.md '
        f'("Alpha"): add "id: {TAG}a" to its front matter\n'
    )
    Path("entries/alpha.md").write_text(text.replace("---\nThe", f"id: {TAG}a\n---\nThe"), "utf-8")
    assert invoke_build(*options).exit_code == 0, "the fix the error names works"


def test_a_deleted_entry_and_a_new_one_sharing_its_first_paragraph_is_no_change(
    site: Site,
) -> None:
    # The entries of a series may open with the same paragraph, which is their summary: only
    # the same content, all of it, tells a renamed, retitled and redated entry.
    site(**{"a.md": doc("Notes 1"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    Path("entries/b.md").write_text(doc("Notes 2", 8) + "\nWhat came next.\n", "utf-8")

    result = invoke_build()

    assert result.exit_code == 0, result.output
    assert published() == [(TAG + "b", "Notes 2"), (TAG + "o", "Other")]


def test_a_deleted_entry_beside_a_copy_held_back_before_is_no_change(site: Site) -> None:
    # A copy of "Alpha" waited as a draft of its own title and date beside it: it is another
    # entry, written from it, when "Alpha" is deleted.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    Path("entries/b.md").write_text(doc("Beta", 8, draft="true"), encoding="utf-8")
    built()
    Path("entries/a.md").unlink()
    built()
    Path("entries/b.md").write_text(doc("Beta", 8), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 0, result.output
    assert published() == [(TAG + "b", "Beta"), (TAG + "o", "Other")]


def test_a_new_title_and_a_new_entry_under_the_old_title_is_no_change(site: Site) -> None:
    # The same document retitled ("Links" became "Links, March") keeps its date; a new
    # document then named "Links" is a new entry, not the old one moved.
    site(**{"a.md": doc("Links")})
    built()
    Path("entries/a.md").write_text(doc("Links, March"), encoding="utf-8")
    Path("entries/b.md").write_text(doc("Links", 9), encoding="utf-8")

    built()


def test_the_fix_the_error_names_works(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/alpha.md").write_text(doc("Alpha", id=TAG + "a"), encoding="utf-8")

    built()


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
@pytest.mark.parametrize(
    "leaves", ["date: 2025-03-01\ndraft: true", "date: 2999-01-01"], ids=["draft", "future"]
)
def test_build_refuses_an_entry_that_left_and_came_back_renamed(
    site: Site, options: tuple[str, ...], leaves: str
) -> None:
    # Readers keep an entry that left the feeds: back under a new id, they would show it again.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    text = f"---\ntitle: Alpha\n{leaves}\n---\nThe body.\n"
    Path("entries/a.md").write_text(text, encoding="utf-8")
    assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    before = Path("feeds/atom.xml").read_bytes()

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', then left the feeds (a draft, or dated in the future), and its id is now "
        f"'{TAG}alpha': feed readers, which keep it, would show it again as a new entry. Add "
        f'"id: {TAG}a" to its front matter, or pass --allow-id-change.\n'
    )
    assert Path("feeds/atom.xml").read_bytes() == before
    assert invoke("diff").stdout.endswith(
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha" (entries/alpha.md), same title as entries/a.md, which '
        f'left the feeds before: add "id: {TAG}a" to its front matter\n'
    )
    Path("entries/alpha.md").write_text(doc("Alpha", id=TAG + "a"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    assert json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8")) == {
        TAG + "a": "alpha.md",
        TAG + "b": "b.md",
    }


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_an_entry_made_a_draft_and_renamed_in_one_go_is_caught_when_it_comes_back(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md left the feeds and its document in the same build: the draft that holds its title
    # under a new id is the same entry, which readers keep.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    before = Path("feeds/atom.xml").read_bytes()

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: entries/alpha.md: an entry with its title was ")
    assert f"'{TAG}a', then left the feeds" in result.stderr
    assert Path("feeds/atom.xml").read_bytes() == before
    Path("entries/alpha.md").write_text(doc("Alpha", id=TAG + "a"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    ids = [i.text for i in etree.parse("feeds/atom.xml").findall(f"{ATOM}entry/{ATOM}id")]
    assert ids == [TAG + "b", TAG + "a"]


LEFT_AND_RENAMED = (
    f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
    f"'{TAG}a', then left the feeds (a draft, or dated in the future), and its id is now "
    f"'{TAG}alpha': feed readers, which keep it, would show it again as a new entry. Add "
    f'"id: {TAG}a" to its front matter, or pass --allow-id-change.\n'
)


def withdraw_pinned(site: Site, options: tuple[str, ...], **new: str) -> None:
    """a.md ("Alpha") published, then renamed alpha.md, a draft with tag:...:a pinned, and
    built; `new` writes documents beside it (by name)."""
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha", draft="true", id=TAG + "a"), "utf-8")
    for name, text in new.items():
        Path("entries", name).write_text(text, encoding="utf-8")
    assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"


@OPTIONS
def test_an_entry_made_a_draft_and_renamed_with_its_id_pinned_is_remembered(
    site: Site, options: tuple[str, ...]
) -> None:
    # The draft kept tag:...:a at a new file name: the entry was not remembered as withdrawn,
    # and published without its pin it reached readers a second time.
    withdraw_pinned(site, options)
    remembered = json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8"))
    assert remembered[TAG + "a"][:3] == ["a.md", "Alpha", "2025-03-01T00:00:00+00:00"]
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == LEFT_AND_RENAMED
    assert files_under(Path("feeds")) == before


@OPTIONS
def test_a_new_document_with_a_slug_of_its_own_may_keep_a_withdrawn_entrys_file_name(
    site: Site, options: tuple[str, ...]
) -> None:
    # The fix for a pinned draft: alpha.md keeps tag:...:a, the new a.md gets a slug: of its
    # own. With alpha.md deleted since, the new a.md, once published, was refused as the
    # document "Alpha" was published from, told to take tag:...:a, which readers have.
    withdraw_pinned(site, options, **{"a.md": doc("Gamma", 9, draft="true", slug="gamma")})
    Path("entries/alpha.md").unlink()
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(doc("Gamma", 9, slug="gamma"), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    assert published() == [(TAG + "b", "Beta"), (TAG + "gamma", "Gamma")]


@OPTIONS
def test_a_pinned_entry_made_a_draft_and_renamed_without_its_pin_leaves_its_name_to_another(
    site: Site, options: tuple[str, ...]
) -> None:
    # b.md ("Alpha", id: pinned) made a draft alpha.md without its pin, and a new b.md
    # ("Gamma", another title, date and text) written: the build told b.md to take
    # tag:...:a, which readers have as "Alpha" (they would take "Gamma" for an edit of it).
    site(**{"b.md": doc("Alpha", id=TAG + "a"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/b.md").rename("entries/alpha.md")
    Path("entries/alpha.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
    Path("entries/b.md").write_text(doc("Gamma", 9).replace("The body.", "News."), "utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    ids = [i.text for i in etree.parse("feeds/atom.xml").findall(f"{ATOM}entry/{ATOM}id")]
    assert ids == [TAG + "b", TAG + "o"]
    remembered = json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8"))
    assert remembered[TAG + "a"][:3] == ["b.md", "Alpha", "2025-03-01T00:00:00+00:00"]
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    left = invoke_build(*options)
    assert left.exit_code == 1, left.output
    assert left.stderr == LEFT_AND_RENAMED.replace("from a.md", "from b.md")


@OPTIONS
@pytest.mark.parametrize("alpha_published", ["at-once", "later"])
@pytest.mark.parametrize("new_held_back", HELD_BACK)
def test_an_entry_renamed_beside_a_new_document_held_back_under_its_name_is_caught(
    site: Site, options: tuple[str, ...], alpha_published: str, new_held_back: str
) -> None:
    # a.md renamed alpha.md (published at once, or made a draft and published later), and a
    # new a.md ("Gamma") held back: tag:...:a held back by another entry counted as "Alpha"
    # held back, and "Alpha" reached readers a second time under tag:...:alpha, unnoticed.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").rename("entries/alpha.md")
    gamma = held_back_doc("Gamma", new_held_back, 9).replace("The body.", "News.")
    Path("entries/a.md").write_text(gamma, "utf-8")  # a new document: a text of its own
    if alpha_published == "later":
        Path("entries/alpha.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
        assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
        Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == taken_by("Gamma")
    assert files_under(Path("feeds")) == before
    Path("entries/alpha.md").write_text(doc("Alpha", id=TAG + "a"), encoding="utf-8")
    text = held_back_doc("Gamma", new_held_back, 9, slug="gamma")
    Path("entries/a.md").write_text(text, encoding="utf-8")
    fixed = invoke_build(*options)
    assert fixed.exit_code == 0, "the fix the error names works"
    assert published() == [(TAG + "a", "Alpha"), (TAG + "b", "Beta")]


@OPTIONS
def test_an_entry_scheduled_and_renamed_beside_a_new_one_of_its_new_date_is_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # Both scheduled for the same day: "Alpha" was remembered with its new date, which the
    # new a.md ("Gamma") had too, so "Gamma" counted as "Alpha" held back under its id.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/alpha.md").write_text(held_back_doc("Alpha", "future", 9), encoding="utf-8")
    gamma = held_back_doc("Gamma", "future", 9).replace("The body.", "News.")
    Path("entries/a.md").write_text(gamma, encoding="utf-8")  # a new document: a text of its own
    assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == taken_by("Gamma")


def atom_texts(entry_id: str) -> list[str]:
    """The sha256 of the content and of the summary of the entry `entry_id` of feeds/atom.xml."""
    entry = next(
        e
        for e in etree.parse("feeds/atom.xml").iter(f"{ATOM}entry")
        if e.findtext(f"{ATOM}id") == entry_id
    )
    texts = [entry.findtext(f"{ATOM}content"), entry.findtext(f"{ATOM}summary")]
    return [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts if text]


def withdraw_and_rename_alpha(site: Site, options: tuple[str, ...]) -> list[str]:
    """a.md ("Alpha") published, made a draft, then renamed alpha.md and retitled "Alpha,
    revised" as it waits, each built; the digests readers have of its texts (`atom_texts`)."""
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    texts = atom_texts(TAG + "a")
    Path("entries/a.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha, revised", draft="true"), "utf-8")
    result = invoke_build(*options)
    assert result.exit_code == 0, "a draft may be renamed and retitled as it waits"
    return texts


@OPTIONS
def test_build_refuses_an_entry_that_left_and_came_back_renamed_and_retitled(
    site: Site, options: tuple[str, ...]
) -> None:
    # Withdrawn, then renamed and retitled as a draft: the entry kept neither its file nor its
    # title, and .staticfeed-ids remembered no text to find it by, so it reached readers a
    # second time as "Alpha, revised".
    texts = withdraw_and_rename_alpha(site, options)
    remembered = json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8"))
    assert remembered[TAG + "a"] == ["a.md", "Alpha", "2025-03-01T00:00:00+00:00", *texts]
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        'Error: entries/alpha.md: an entry with its date and text, "Alpha", was published from '
        f"a.md with the id '{TAG}a', then left the feeds (a draft, or dated in the future), and "
        f"its id is now '{TAG}alpha': feed readers, which keep it, would show it again as a new "
        f'entry. Add "id: {TAG}a" to its front matter, or pass --allow-id-change.\n'
    )
    assert files_under(Path("feeds")) == before
    assert invoke("diff", *options).stdout.endswith(
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha, revised" (entries/alpha.md), same date and text as '
        f'entries/a.md ("Alpha"), which left the feeds before: add "id: {TAG}a" to its front '
        "matter\n"
    )
    Path("entries/alpha.md").write_text(doc("Alpha, revised", id=TAG + "a"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0, "the fix the error names works"
    assert published() == [(TAG + "a", "Alpha, revised"), (TAG + "o", "Other")]


@OPTIONS
def test_a_new_document_taking_the_id_of_an_entry_withdrawn_and_retitled_is_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # "Alpha" waits as "Alpha, revised" in alpha.md; a new a.md ("Gamma") took tag:...:a,
    # which readers keep as "Alpha": they would take "Gamma" for an edit of it, and have
    # "Alpha" twice once it is published again.
    withdraw_and_rename_alpha(site, options)
    Path("entries/a.md").write_text(doc("Gamma", 9).replace("The body.", "News."), "utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == RETITLED_TAKEN_BY_GAMMA
    assert files_under(Path("feeds")) == before


@OPTIONS
def test_a_new_document_taking_the_id_of_an_entry_rescheduled_and_retitled_is_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # "Alpha" left the feeds for a future date, then waited renamed and retitled: only its
    # text tells it, as a new a.md ("Gamma") takes tag:...:a, which readers keep as "Alpha".
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(held_back_doc("Alpha", "future"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(held_back_doc("Alpha, revised", "future", 5), "utf-8")
    assert invoke_build(*options).exit_code == 0, "it may be renamed and retitled as it waits"
    Path("entries/a.md").write_text(doc("Gamma", 9).replace("The body.", "News."), "utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == RETITLED_TAKEN_BY_GAMMA.replace("its date and text", "its text")
    assert files_under(Path("feeds")) == before


@OPTIONS
def test_the_fix_for_an_entry_rescheduled_renamed_and_retitled_in_one_go_works(
    site: Site, options: tuple[str, ...]
) -> None:
    # Pinned as the error said, alpha.md held tag:...:a with a new title and a new date: it
    # was taken for a new document then, and a.md ("Gamma") for "Alpha" renamed.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(held_back_doc("Alpha, revised", "future", 5), "utf-8")
    gamma = doc("Gamma", 9).replace("The body.", "News.")
    Path("entries/a.md").write_text(gamma, encoding="utf-8")
    refused = invoke_build(*options)
    assert refused.stderr == RETITLED_TAKEN_BY_GAMMA.replace("its date and text", "its text")
    text = held_back_doc("Alpha, revised", "future", 5, id=TAG + "a")
    Path("entries/alpha.md").write_text(text, encoding="utf-8")
    Path("entries/a.md").write_text(gamma.replace("---\nNews", "slug: gamma\n---\nNews"), "utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    assert published() == [(TAG + "gamma", "Gamma"), (TAG + "o", "Other")]


def test_an_entry_let_through_renamed_and_retitled_is_forgotten(site: Site) -> None:
    # --allow-id-change publishes it under its new id once: .staticfeed-ids forgets it then,
    # as it does an entry that came back under its title.
    withdraw_and_rename_alpha(site, ())
    Path("entries/alpha.md").write_text(doc("Alpha, revised"), encoding="utf-8")

    assert invoke_build("--allow-id-change").exit_code == 0

    assert json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8")) == {
        TAG + "alpha": "alpha.md",
        TAG + "o": "o.md",
    }
    built()
    assert published() == [(TAG + "alpha", "Alpha, revised"), (TAG + "o", "Other")]


def test_a_record_an_earlier_staticfeed_wrote_without_texts_is_read_and_left_as_it_is(
    site: Site,
) -> None:
    # Its entry's texts left the feeds with it: a build of the same entries changes no file.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    built()
    Path("entries/a.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
    built()
    earlier = {TAG + "a": ["a.md", "Alpha", "2025-03-01T00:00:00+00:00"], TAG + "o": "o.md"}
    Path("feeds/.staticfeed-ids").write_text(json.dumps(earlier, indent=2) + "\n", "utf-8")
    before = files_under(Path("feeds"))

    built()

    assert files_under(Path("feeds")) == before
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")
    assert invoke_build().stderr == LEFT_AND_RENAMED


GAMMA_MOVED = (
    "Error: entries/a.md: {why} with the id '{tag}gamma', and its id is now '{tag}a': feed "
    'readers would show it again as a new entry. Add "id: {tag}gamma" to its front matter, or '
    "pass --allow-id-change.\n"
)


@OPTIONS
def test_removing_an_id_that_gave_way_to_a_withdrawn_entrys_is_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md ("Alpha") withdrawn and deleted; a new a.md ("Gamma") published with id: pinned.
    # Its pin removed, "Gamma" took tag:...:a, which readers keep as "Alpha": they would take
    # it for an edit of "Alpha", and have "Gamma" twice.
    site(**{"a.md": doc("Alpha"), "o.md": doc("Other", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0, "the entry leaves the feeds"
    Path("entries/a.md").unlink()
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(doc("Gamma", 9, id=TAG + "gamma"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(doc("Gamma", 9), encoding="utf-8")
    before = files_under(Path("feeds"))

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr == GAMMA_MOVED.format(why="this document was published", tag=TAG)
    assert files_under(Path("feeds")) == before
    assert invoke("diff", *options).stdout.endswith(
        "id changed:\n"
        f'  {TAG}gamma -> {TAG}a "Gamma" (entries/a.md), same file: add "id: {TAG}gamma" to its '
        "front matter\n"
    )


def test_a_pinned_entry_renamed_without_its_pin_to_a_deleted_entrys_name_is_caught(
    site: Site,
) -> None:
    # b.md ("Gamma", id: pinned) renamed a.md without its pin as a.md's "Alpha" was deleted:
    # "Gamma" took tag:...:a, which readers have as "Alpha", and reached them twice.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Gamma", 9, id=TAG + "gamma")})
    built()
    Path("entries/b.md").unlink()
    Path("entries/a.md").write_text(doc("Gamma", 9), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    why = "an entry with its title was published from b.md"
    assert result.stderr == GAMMA_MOVED.format(why=why, tag=TAG)
    assert published() == [(TAG + "a", "Alpha"), (TAG + "gamma", "Gamma")]


def test_an_entry_renamed_and_retitled_to_a_deleted_entrys_name_is_caught(site: Site) -> None:
    # h.md ("Links") deleted, and a.md renamed h.md and retitled, its date and text kept:
    # readers would take "Alpha, revised" for an edit of "Links", and have "Alpha" twice.
    site(**{"a.md": doc("Alpha"), "h.md": doc("Links", 9).replace("The body.", "News.")})
    built()
    before = files_under(Path("feeds"))
    Path("entries/a.md").unlink()
    Path("entries/h.md").write_text(doc("Alpha, revised"), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr == renamed_and_retitled("h")
    assert files_under(Path("feeds")) == before
    Path("entries/h.md").write_text(doc("Alpha, revised", id=TAG + "a"), encoding="utf-8")
    built()
    assert published() == [(TAG + "a", "Alpha, revised")]


def test_a_withdrawn_entry_an_earlier_staticfeed_remembered_without_its_date_is_caught(
    site: Site,
) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    built()
    Path("entries/a.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
    built()
    earlier = {TAG + "a": ["a.md", "Alpha"], TAG + "b": "b.md"}
    Path("feeds/.staticfeed-ids").write_text(json.dumps(earlier), encoding="utf-8")
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha"), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr == LEFT_AND_RENAMED


def test_an_entry_withdrawn_beside_one_of_the_same_title_is_still_caught(site: Site) -> None:
    # b.md, published with the same title, made the build forget a.md as soon as it left.
    site(**{"a.md": doc("Weekly notes"), "b.md": doc("Weekly notes", 2)})
    built()
    Path("entries/a.md").write_text(doc("Weekly notes", draft="true"), encoding="utf-8")
    built()
    Path("entries/a.md").unlink()
    Path("entries/a2.md").write_text(doc("Weekly notes"), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: entries/a2.md: an entry with its title was published")
    assert f"'{TAG}a', then left the feeds" in result.stderr


@pytest.mark.parametrize("between", [True, False], ids=["build-between", "still-in-feeds"])
def test_a_draft_previewed_with_drafts_may_be_renamed_before_it_is_published(
    site: Site, between: bool
) -> None:
    # build --drafts (and serve --drafts) write to feeds/ too: a preview, not a publication.
    site(**{"a.md": doc("Alpha"), "wip.md": doc("Work in progress", 2, draft="true")})
    assert invoke_build("--drafts").exit_code == 0
    if between:
        built()  # the preview leaves feeds/
    Path("entries/wip.md").unlink()
    Path("entries/final.md").write_text(doc("Work in progress", 2), encoding="utf-8")

    built()
    assert invoke("diff").stdout == "no changes: readers would see nothing new\n"


DRAFT_KEPT = {
    "as-is": ("a.md", "Weekly notes"),
    "retitled": ("a.md", "Weekly notes (redone)"),
    "renamed": ("a-draft.md", "Weekly notes"),
    "renamed and retitled": ("a-draft.md", "Beta"),
}
"""The draft made of a.md, kept as it is, retitled, renamed, or both: its file name and
title."""


@pytest.mark.parametrize("draft_kept", DRAFT_KEPT)
def test_a_new_entry_may_take_the_title_of_a_draft_still_there(site: Site, draft_kept: str) -> None:
    # a.md is still a draft, retitled (it keeps its date) or renamed (its title and date) or
    # both (its date and text) or not: b.md cannot be its return. Renamed, it made the build
    # refuse b.md; renamed and retitled too, with the fix to give b.md tag:...:a, which
    # readers keep as a.md's entry.
    site(**{"a.md": doc("Weekly notes"), "c.md": doc("Gamma", 3)})
    built()
    Path("entries/a.md").write_text(doc("Weekly notes", draft="true"), encoding="utf-8")
    built()
    name, title = DRAFT_KEPT[draft_kept]
    Path("entries/a.md").unlink()
    Path("entries", name).write_text(doc(title, draft="true"), encoding="utf-8")
    built()
    Path("entries/b.md").write_text(doc("Weekly notes", 5), encoding="utf-8")

    built()
    assert invoke("diff").stdout == "no changes: readers would see nothing new\n"
    # a.md, renamed and published later, still comes back under a new id: b.md's title,
    # let through beside the draft, must not have ended a.md's record.
    Path("entries", name).unlink()
    Path("entries/a2.md").write_text(doc("Weekly notes"), encoding="utf-8")
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert f"'{TAG}a', then left the feeds" in result.stderr


def test_an_entry_withdrawn_then_deleted_does_not_block_its_title_forever(site: Site) -> None:
    site(**{"a.md": doc("Links"), "b.md": doc("Beta", 2)})
    built()
    Path("entries/a.md").write_text(doc("Links", draft="true"), encoding="utf-8")
    built()
    Path("entries/a.md").unlink()
    Path("entries/links.md").write_text(doc("Links", 9), encoding="utf-8")

    assert invoke_build().exit_code == 1
    assert invoke_build("--allow-id-change").exit_code == 0
    Path("entries/links.md").unlink()
    Path("entries/links2.md").write_text(doc("Links", 10), encoding="utf-8")
    assert invoke_build().exit_code == 1, "an entry that vanished is still caught"
    Path("entries/links2.md").rename("entries/links.md")
    built()
    Path("entries/c.md").write_text(doc("Gamma", 11), encoding="utf-8")
    built()


@OPTIONS
def test_a_new_draft_under_a_deleted_entrys_file_name_may_be_renamed_and_published(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md was deleted, and a new draft of another title and date written as a.md: "Alpha"
    # left the feeds deleted, which is not remembered. Remembered under the draft's title,
    # it made the build refuse the draft once renamed and published, and tell it to take
    # tag:...:a, which readers would take for an edit of "Alpha" and never show as new.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").write_text(doc("Brand new", 9, draft="true"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    Path("entries/brand-new.md").write_text(doc("Brand new", 9), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    assert published() == [(TAG + "b", "Beta"), (TAG + "brand-new", "Brand new")]
    assert invoke("diff").stdout == "no changes: readers would see nothing new\n"


@OPTIONS
def test_deleting_an_entry_beside_a_draft_of_its_title_and_another_date_is_no_withdrawal(
    site: Site, options: tuple[str, ...]
) -> None:
    # The next "Weekly notes" waits as a draft while last week's is deleted: the draft was
    # taken for the entry made a draft and renamed, and refused once published, with the fix
    # to give it tag:...:a, which readers would take for an edit of the deleted entry.
    site(**{"a.md": doc("Weekly notes"), "b.md": doc("Beta", 2)})
    Path("entries/next.md").write_text(doc("Weekly notes", 8, draft="true"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    assert invoke_build(*options).exit_code == 0
    Path("entries/next.md").write_text(doc("Weekly notes", 8), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    assert published() == [(TAG + "b", "Beta"), (TAG + "next", "Weekly notes")]


@OPTIONS
def test_a_copy_made_a_draft_and_published_in_its_place_is_still_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # A draft held back beside the entry is another entry only with another date: a copy
    # to rework keeps it, and published in the entry's place (dated anew) it is the entry.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    Path("entries/alpha.md").write_text(doc("Alpha", draft="true"), encoding="utf-8")
    assert invoke_build(*options).exit_code == 0
    Path("entries/a.md").unlink()
    Path("entries/alpha.md").write_text(doc("Alpha", 9), encoding="utf-8")

    result = invoke_build(*options)

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', and its id is now '{TAG}alpha': "
    )


@OPTIONS
@pytest.mark.parametrize("change", ["retitled", "deleted"])
@pytest.mark.parametrize("next_week", HELD_BACK)
def test_an_entry_retitled_and_redated_beside_one_of_its_old_title_held_back_is_no_change(
    site: Site, options: tuple[str, ...], change: str, next_week: str
) -> None:
    # Last week's "Weekly notes" gets a title and date of its own (or is deleted) while next
    # week's waits: held back beside it in the build before, of another date, it is no
    # renamed entry, and none of build, check and diff may take it for one. Scheduled, it
    # was taken for one, and refused (or remembered, and refused once due), with the fix to
    # give it tag:...:a, which readers have.
    site(
        **{
            "a.md": doc("Weekly notes"),
            "b.md": doc("Beta", 2),
            "next.md": held_back_doc("Weekly notes", next_week, 8),
        }
    )
    assert invoke_build(*options).exit_code == 0
    if change == "deleted":
        Path("entries/a.md").unlink()
    else:
        Path("entries/a.md").write_text(doc("Weekly notes 1", 3), encoding="utf-8")

    diff = invoke("diff", "--format", "json")
    check = invoke("check", "--format", "json")
    result = invoke_build(*options)

    assert result.exit_code == 0, result.output
    assert json.loads(diff.stdout)["id_changed"] == []
    assert not [f for f in json.loads(check.stdout) if "readers would show" in f["message"]]
    kept = [(TAG + "a", "Weekly notes 1")] if change == "retitled" else []
    assert published() == [*kept, (TAG + "b", "Beta")]
    Path("entries/next.md").write_text(doc("Weekly notes", 8), encoding="utf-8")
    assert invoke("diff").stdout.endswith(f'new:\n  {TAG}next "Weekly notes" (entries/next.md)\n')
    assert invoke_build(*options).exit_code == 0
    assert (TAG + "next", "Weekly notes") in published()


@pytest.mark.parametrize("deleted", [False, True], ids=["retitled", "deleted"])
def test_a_drafts_preview_takes_no_draft_of_another_date_for_an_entry_renamed(
    site: Site, deleted: bool
) -> None:
    # As the build after it: a --drafts preview showing next week's "Weekly notes" beside last
    # week's, retitled and redated (or deleted), is no id change, in build, check or diff.
    site(**{"a.md": doc("Weekly notes"), "b.md": doc("Beta", 2)})
    Path("entries/next.md").write_text(doc("Weekly notes", 8, draft="true"), encoding="utf-8")
    built()
    if deleted:
        Path("entries/a.md").unlink()
    else:
        Path("entries/a.md").write_text(doc("Weekly notes 1", 3), encoding="utf-8")

    diff = invoke("diff", "--drafts", "--format", "json")
    check = invoke("check", "--drafts", "--format", "json")
    result = invoke_build("--drafts")

    assert result.exit_code == 0, result.output
    assert json.loads(diff.stdout)["id_changed"] == []
    assert not [f for f in json.loads(check.stdout) if "readers would show" in f["message"]]
    assert (TAG + "next", "Weekly notes") in published()
    built()
    assert (TAG + "next", "Weekly notes") not in published()


def test_a_drafts_preview_still_catches_a_document_whose_slug_and_date_changed(site: Site) -> None:
    # The same document under a new id: only titles are held to a draft's date.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    built()
    Path("entries/a.md").write_text(doc("Alpha", 5, draft="true", slug="alpha-new"), "utf-8")

    result = invoke_build("--drafts")

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: entries/a.md:5: this document was published with ")


def test_allow_id_change_publishes_and_the_next_build_is_quiet(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    built()
    Path("entries/a.md").rename("entries/alpha.md")

    assert invoke_build("--allow-id-change").exit_code == 0
    built()
    assert f"<id>{TAG}alpha</id>" in Path("feeds/atom.xml").read_text(encoding="utf-8")


def test_diff_without_changes_exits_0(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    built()

    result = invoke("diff")

    assert (result.exit_code, result.stdout) == (0, "no changes: readers would see nothing new\n")


def test_diff_reads_dates_with_a_lower_case_t_and_z_as_readers_do(site: Site) -> None:
    # RFC 3339 allows them (Atom does not, and check says so): diff read no date, and listed
    # the entry as updated, which readers (feedparser here) would not see.
    site(**{"a.md": doc("Alpha")})
    built()
    feed = Path("feeds/atom.xml")
    before = [entry.updated_parsed for entry in feedparser.parse(str(feed)).entries]
    text = feed.read_text(encoding="utf-8")
    feed.write_text(text.replace("T00:00:00+00:00<", "t00:00:00z<"), encoding="utf-8")
    assert "<updated>2025-03-01t00:00:00z</updated>" in feed.read_text(encoding="utf-8")
    assert [entry.updated_parsed for entry in feedparser.parse(str(feed)).entries] == before

    result = invoke("diff")

    assert (result.exit_code, result.stdout) == (0, "no changes: readers would see nothing new\n")


def test_a_published_feed_diff_cannot_read_gets_a_fix_that_works_for_diff(site: Site) -> None:
    # The fix said "pass --allow-id-change", which diff refuses (exit 2, no such option).
    site(**{"a.md": doc("Alpha")})
    assert invoke_build().exit_code == 0
    Path("feeds/atom.xml").write_text("<feed", encoding="utf-8")
    result = invoke("diff")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: feeds/atom.xml:"), result.stderr
    assert result.stderr.endswith(
        ". Run staticfeed check to see what is wrong, or staticfeed build --allow-id-change, "
        "which does not compare ids with the published feeds.\n"
    )
    assert invoke_build("--allow-id-change").exit_code == 0  # as the fix says


def test_diff_lists_every_kind_of_change_and_exits_1(site: Site) -> None:
    site(
        **{
            "a.md": doc("Alpha"),
            "b.md": doc("Beta", 2),
            "c.md": doc("Gamma", 3),
            "d.md": doc("Delta", 4),
        }
    )
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    Path("entries/b.md").write_text(doc("Beta", 2, updated="2025-03-09"), encoding="utf-8")
    Path("entries/c.md").write_text(doc("Gamma, fixed", 3), encoding="utf-8")
    Path("entries/d.md").unlink()
    epsilon = doc("Epsilon", 5).replace("The body.", "Other news.")  # not "Delta" renamed
    Path("entries/e.md").write_text(epsilon, encoding="utf-8")

    result = invoke("diff")

    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "new:\n"
        f'  {TAG}e "Epsilon" (entries/e.md)\n'
        "updated:\n"
        f'  {TAG}b "Beta" (entries/b.md)\n'
        "removed:\n"
        f'  {TAG}d "Delta" (entries/d.md)\n'
        "id changed:\n"
        f'  {TAG}a -> {TAG}alpha "Alpha" (entries/alpha.md), same title as entries/a.md: '
        f'add "id: {TAG}a" to its front matter\n'
        "silent (readers will not notice):\n"
        f'  {TAG}c "Gamma, fixed" (entries/c.md); title changed\n'
    )
    data = json.loads(invoke("diff", "--format", "json").stdout)
    assert [entry["id"] for entry in data["new"]] == [TAG + "e"]
    assert data["id_changed"][0]["file"] == "entries/alpha.md"


@pytest.mark.parametrize(("before", "after"), [("atom", "rss"), ("rss", "json")])
def test_diff_after_the_formats_changed_finds_the_entries_published(
    site: Site, before: str, after: str
) -> None:
    # Only Atom published, then only RSS: diff read the published entries in RSS alone, found
    # none, and called every entry new, and a renamed file new too, which build refuses.
    folder = site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    config = folder / "staticfeed.toml"
    config.write_text(config.read_text() + f'formats = ["{before}"]\n', encoding="utf-8")
    built()
    config.write_text(config.read_text().replace(before, after), encoding="utf-8")
    switched = invoke("diff").stdout
    assert switched.startswith("feeds removed (their subscribers get nothing more):\n"), switched
    assert f"  feeds/{'atom.xml' if before == 'atom' else 'rss.xml'}\n" in switched
    Path("entries/a.md").rename("entries/alpha.md")

    result = invoke("diff")

    assert result.stdout.startswith(f"id changed:\n  {TAG}a -> {TAG}alpha "), result.stdout
    assert "new:" not in result.stdout


def test_diff_says_when_a_new_or_updated_entry_lands_in_an_archive(site: Site) -> None:
    # A draft dated before the main feed's oldest entry, published late, goes straight into
    # an archive, which readers fetched already (RFC 5005: archives do not change).
    folder = site(**{f"p{day}.md": doc(f"Post {day}", day) for day in range(1, 8)})
    config = folder / "staticfeed.toml"
    config.write_text(config.read_text() + "limit = 3\narchive_size = 2\n", encoding="utf-8")
    Path("entries/late.md").write_text(doc("Late", 3, draft="true"), encoding="utf-8")
    built()
    Path("entries/late.md").write_text(doc("Late", 3), encoding="utf-8")
    Path("entries/p7.md").write_text(doc("Post 7", 7, updated="2025-03-09"), encoding="utf-8")

    result = invoke("diff")

    assert result.stdout == (
        "new:\n"
        f'  {TAG}late "Late" (entries/late.md); in feeds/archive/2.atom.xml, which the main '
        "feed's subscribers do not fetch again (staticfeed touch puts it in the main feed)\n"
        "updated:\n"
        f'  {TAG}p7 "Post 7" (entries/p7.md)\n'
    )
    data = json.loads(invoke("diff", "--format", "json").stdout)
    assert [entry["archive"] for entry in data["new"]] == ["archive/2.atom.xml"]
    # As the line says: touch dates an update now, and the main feed carries it too.
    assert invoke("touch", "entries/late.md").exit_code == 0
    data = json.loads(invoke("diff", "--format", "json").stdout)
    assert [(entry["title"], entry["archive"]) for entry in data["new"]] == [("Late", None)]


def test_diff_says_when_a_silent_change_is_in_an_archive_alone(site: Site) -> None:
    # A title fixed without updated: in an archive, touch would not only tell readers but put
    # the entry in the main feed, which its subscribers fetch.
    folder = site(**{f"p{day}.md": doc(f"Post {day}", day) for day in range(1, 8)})
    config = folder / "staticfeed.toml"
    config.write_text(config.read_text() + "limit = 3\narchive_size = 2\n", encoding="utf-8")
    built()
    Path("entries/p2.md").write_text(doc("Post two", 2), encoding="utf-8")

    result = invoke("diff")

    assert result.stdout == (
        "silent (readers will not notice):\n"
        f'  {TAG}p2 "Post two" (entries/p2.md); in feeds/archive/1.atom.xml, which the main '
        "feed's subscribers do not fetch again (staticfeed touch puts it in the main feed); "
        "title changed\n"
    )
    data = json.loads(invoke("diff", "--format", "json").stdout)
    assert [entry["archive"] for entry in data["silent"]] == ["archive/1.atom.xml"]


def test_diff_tells_an_archived_entry_updated_late_enough_reaches_subscribers(
    site: Site,
) -> None:
    # The main feed carries an archived entry updated after its oldest entry was published
    # (RFC 5005 4.1), so such an update reaches subscribers; an older update does not.
    folder = site(**{f"p{day}.md": doc(f"Post {day}", day) for day in range(1, 8)})
    config = folder / "staticfeed.toml"
    config.write_text(config.read_text() + "limit = 3\narchive_size = 2\n", encoding="utf-8")
    built()  # main 7, 6, 5
    Path("entries/p2.md").write_text(doc("Post 2", 2, updated="2025-03-06"), encoding="utf-8")
    Path("entries/p3.md").write_text(doc("Post 3", 3, updated="2025-03-04"), encoding="utf-8")

    result = invoke("diff")

    assert result.stdout == (
        "updated:\n"
        f'  {TAG}p2 "Post 2" (entries/p2.md)\n'
        f'  {TAG}p3 "Post 3" (entries/p3.md); in feeds/archive/2.atom.xml, which the main '
        "feed's subscribers do not fetch again (staticfeed touch puts it in the main feed)\n"
    )


def test_diff_lists_the_feed_files_a_build_would_remove(site: Site) -> None:
    # formats = ["rss"] after Atom and JSON Feed: "no changes", while build then removed
    # atom.xml, feed.json and their author feeds, and their subscribers got nothing more.
    folder = site(**{"a.md": doc("Alpha")})
    built()
    config = folder / "staticfeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'formats = ["rss"]\n', "utf-8")

    result = invoke("diff")

    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "feeds removed (their subscribers get nothing more):\n"
        "  feeds/atom.xml\n"
        "  feeds/authors/default-author.atom.xml\n"
        "  feeds/authors/default-author.json\n"
        "  feeds/feed.json\n"
    )
    data = json.loads(invoke("diff", "--format", "json").stdout)
    assert data["feeds_removed"][0] == {"name": "atom.xml"}
    removed = invoke_build().stdout.splitlines()
    assert [line for line in removed if line.startswith("removed ")] == [
        line.replace("  ", "removed ") for line in result.stdout.splitlines()[1:]
    ]


def test_diff_errors_exit_2(site: Site) -> None:
    site(**{"a.md": "---\ntitle: [\n---\n"})

    result = invoke("diff")

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: entries/a.md")


def test_diff_json_writes_a_title_as_written_not_as_escapes(site: Site) -> None:
    # Read by a person in a CI log as much as by a program: "Café", not "Caf\u00e9".
    site(**{"a.md": doc("Alpha")})
    built()
    Path("entries/b.md").write_text(doc("Café in Kyiv", 2), encoding="utf-8")
    result = invoke("diff", "--format", "json")
    assert result.exit_code == 1, result.output
    assert '"title": "Café in Kyiv"' in result.stdout
    assert json.loads(result.stdout)["new"][0]["title"] == "Café in Kyiv"


# The fix an id change asks for is typed into the file as the error writes it: in TOML in TOML
# front matter, in place of an `id:` the file has, and as front matter of its own where the
# file has none. Each test types it and checks, with feedparser, that readers get the old id.


def read_ids() -> dict[str, str]:
    """Each entry's id in the published Atom feed, by title, as feedparser reads it."""
    return {entry.title: entry.id for entry in feedparser.parse("feeds/atom.xml").entries}


def renamed_and_refused(text: str) -> str:
    """The error of a build after a.md, published as `text` beside b.md, is renamed alpha.md."""
    Path("entries/a.md").write_text(text, encoding="utf-8")
    Path("entries/b.md").write_text(doc("Beta", 2), encoding="utf-8")
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    result = invoke_build()
    assert result.exit_code == 1
    return result.stderr


def rename_refused(fix: str) -> str:
    """The error renamed_and_refused expects, with `fix`."""
    return (
        f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', and its id is now '{TAG}alpha': feed readers would show it again as a new "
        f"entry. {fix}, or pass --allow-id-change.\n"
    )


def test_the_fix_for_a_renamed_file_with_toml_front_matter_is_toml(site: Site) -> None:
    toml = f'+++\ntitle = "Alpha"\ndate = 2025-03-01\n+++\nThe body. {PARAGRAPH}\n'
    site()

    assert renamed_and_refused(toml) == rename_refused(f'Add id = "{TAG}a" to its front matter')
    diffed = invoke("diff").stdout
    assert diffed.endswith(f'same title as entries/a.md: add id = "{TAG}a" to its front matter\n')
    pinned = toml.replace("+++\n", f'+++\nid = "{TAG}a"\n', 1)
    Path("entries/alpha.md").write_text(pinned, encoding="utf-8")
    built()
    assert read_ids() == {"Alpha": TAG + "a", "Beta": TAG + "b"}


def test_the_fix_for_a_changed_id_replaces_it(site: Site) -> None:
    site(**{"a.md": doc("Alpha", id="https://example.org/a")})
    built()
    Path("entries/a.md").write_text(doc("Alpha", id="https://example.org/b"), encoding="utf-8")

    result = invoke_build()

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:4: this document was published with the id "
        "'https://example.org/a', and its id is now 'https://example.org/b': feed readers would "
        'show it again as a new entry. Change its id line to "id: https://example.org/a", or '
        "pass --allow-id-change.\n"
    )
    Path("entries/a.md").write_text(doc("Alpha", id="https://example.org/a"), encoding="utf-8")
    built()
    assert read_ids() == {"Alpha": "https://example.org/a"}


def test_the_fix_for_a_renamed_file_without_front_matter_adds_it(site: Site) -> None:
    text = f"2025-03-01\n\n# Alpha\n\nThe body. {PARAGRAPH}\n"
    site()

    assert renamed_and_refused(text) == rename_refused(f'Add front matter with "id: {TAG}a"')
    Path("entries/alpha.md").write_text(f"---\nid: {TAG}a\n---\n{text}", encoding="utf-8")
    built()
    assert read_ids() == {"Alpha": TAG + "a", "Beta": TAG + "b"}


def test_pin_after_a_rename_is_caught_with_a_fix_that_replaces_the_pinned_id(site: Site) -> None:
    # `pin` run after the rename (not before, as the README says) writes the new id, which
    # readers never had; the build's fix said to add a second id: then, an error of its own.
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    built()
    Path("entries/a.md").rename("entries/alpha.md")
    assert invoke("pin").exit_code == 0

    result = invoke_build()

    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: entries/alpha.md:4: an entry with its title was published from a.md with the "
        f"id '{TAG}a', and its id is now '{TAG}alpha': feed readers would show it again as a new "
        f'entry. Change its id line to "id: {TAG}a", or pass --allow-id-change.\n'
    )
    pinned = Path("entries/alpha.md").read_text(encoding="utf-8")
    Path("entries/alpha.md").write_text(pinned.replace(f"id: {TAG}alpha", f"id: {TAG}a"))
    built()
    assert read_ids() == {"Alpha": TAG + "a", "Beta": TAG + "b"}
