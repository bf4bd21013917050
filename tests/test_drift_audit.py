"""Gaps a hand mutation audit of drift.py found: sequences of builds whose outcome no other
test pinned down (which ids reach readers, or the exact refusal)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import invoke_build
from tests.test_drift_cli import built, published, swapped

Site = Callable[..., Path]
TAG = "tag:example.org,2025:"


def short(title: str, day: int = 1, **front: str) -> str:
    """A document whose texts are far shorter than the 200 characters an entry is told by."""
    lines = [f"title: {title}", f"date: 2025-03-{day:02d}"]
    lines += [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + "\n---\nVia HN.\n"


def write(name: str, text: str) -> None:
    Path("entries", name).write_text(text, encoding="utf-8")


def ids_file() -> dict[str, object]:
    return json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8"))


def left_and_renamed(new: str, old: str = "a") -> str:
    return (
        f"Error: entries/{new}.md: an entry with its title was published from {old}.md with the "
        f"id '{TAG}{old}', then left the feeds (a draft, or dated in the future), and its id is "
        f"now '{TAG}{new}': feed readers, which keep it, would show it again as a new entry. "
        f'Add "id: {TAG}{old}" to its front matter, or pass --allow-id-change.\n'
    )


def invoke_check() -> Result:
    return CliRunner().invoke(cli, ["check"], prog_name="staticfeed")


def refused(result: Result, message: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.stderr == message


def test_an_entry_of_short_texts_withdrawn_is_remembered_without_digests(site: Site) -> None:
    # README: the sha256 of its content and summary are remembered when either has at least
    # 200 characters; "Via HN." has neither, so the record is [path, title, date] alone.
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built()
    write("a.md", short("Alpha", draft="true"))

    built()

    assert ids_file() == {
        TAG + "a": ["a.md", "Alpha", "2025-03-01T00:00:00+00:00"],
        TAG + "o": "o.md",
    }


def test_an_entry_let_through_under_its_title_no_longer_blocks_the_title(site: Site) -> None:
    # Withdrawn, renamed and let through with --allow-id-change: readers have it under its
    # new id now, so a later entry of that title and another date is simply a new entry.
    site(**{"a.md": short("Links"), "o.md": short("Other", 2)})
    built()
    write("a.md", short("Links", draft="true"))
    built()
    Path("entries/a.md").unlink()
    write("links.md", short("Links"))
    assert invoke_build().exit_code == 1
    built("--allow-id-change")
    write("links-2.md", short("Links", 9))

    built()

    assert published() == [
        (TAG + "links", "Links"),
        (TAG + "links-2", "Links"),
        (TAG + "o", "Other"),
    ]


def test_a_draft_of_short_texts_renamed_as_it_waits_is_caught_after_a_new_entry_of_its_title(
    site: Site,
) -> None:
    # The draft renamed keeps its title and date, which hold its record while another entry
    # of its title is published; its texts are too short to hold it by.
    site(**{"a.md": short("Weekly notes"), "c.md": short("Gamma", 3)})
    built()
    write("a.md", short("Weekly notes", draft="true"))
    built()
    Path("entries/a.md").rename("entries/a-draft.md")
    built()
    write("b.md", short("Weekly notes", 5))
    built()
    Path("entries/a-draft.md").unlink()
    write("a2.md", short("Weekly notes"))
    before = Path("feeds/atom.xml").read_bytes()

    refused(invoke_build(), left_and_renamed("a2"))
    assert Path("feeds/atom.xml").read_bytes() == before


def test_a_withdrawn_entry_deleted_beside_an_older_one_of_its_title_is_still_remembered(
    site: Site,
) -> None:
    # "Notes" of the 5th was published before: it says nothing of the "Notes" of the 1st,
    # which left the feeds, and whose document was then deleted (or renamed: they look alike).
    site(**{"a.md": short("Notes"), "b.md": short("Notes", 5)})
    built()
    write("a.md", short("Notes", draft="true"))
    built()
    Path("entries/a.md").unlink()
    built()
    write("n.md", short("Notes"))

    refused(invoke_build(), left_and_renamed("n"))


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_draft_previewed_may_be_renamed_before_a_build_that_reads_the_feeds(
    site: Site, command: str
) -> None:
    # `build --drafts` wrote the draft into feeds/ as a preview; `build --no-cache` and `check`
    # read the feeds, where it still is, and must not take it for a published entry.
    site(**{"a.md": short("Alpha"), "wip.md": short("Work in progress", 2, draft="true")})
    built("--drafts")
    Path("entries/wip.md").unlink()
    write("final.md", short("Work in progress", 2))

    if command == "build":
        built("--no-cache")
        assert published() == [(TAG + "a", "Alpha"), (TAG + "final", "Work in progress")]
    else:
        # feeds/ is stale (the preview is in it), which check says; no id changed.
        errors = [line for line in invoke_check().output.splitlines() if "Error:" in line]
        assert errors
        assert [line for line in errors if not line.startswith("Error: feeds/")] == []


def test_an_undated_record_held_by_its_draft_outlives_a_new_entry_of_its_title(
    site: Site,
) -> None:
    # An earlier staticfeed remembered a withdrawn entry as [path, title]. While its draft
    # still holds it under its id, a new entry may take the title; the record must stay, so
    # that the draft, renamed and published later, is caught.
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built()
    write("a.md", short("Alpha", draft="true"))
    built()
    earlier = {TAG + "a": ["a.md", "Alpha"], TAG + "o": "o.md"}
    Path("feeds/.staticfeed-ids").write_text(json.dumps(earlier, indent=2) + "\n", "utf-8")
    write("b.md", short("Alpha", 9))
    built()
    Path("entries/a.md").unlink()
    write("a2.md", short("Alpha"))

    refused(invoke_build(), left_and_renamed("a2"))


def test_a_preview_of_a_withdrawn_entrys_title_does_not_end_its_record(site: Site) -> None:
    # A --drafts preview is no publication: a draft of the title of an entry that left the
    # feeds, shown ahead, says nothing of that entry, which may still come back renamed.
    site(**{"a.md": short("Notes"), "o.md": short("Other", 2)})
    built()
    write("a.md", short("Notes", draft="true"))
    built()
    Path("entries/a.md").unlink()
    write("next.md", short("Notes", 9, draft="true"))
    built("--drafts")
    built()
    write("n.md", short("Notes"))

    refused(invoke_build(), left_and_renamed("n"))


def test_feeds_that_hold_previews_alone_publish_no_entry_in_earnest(site: Site) -> None:
    # The first build was a --drafts preview: the ids file names no published entry, only
    # entries held back. A build that reads the feeds must not take the preview for one.
    site(**{"wip.md": short("Work in progress", 2, draft="true")})
    built("--drafts")
    Path("entries/wip.md").unlink()
    write("final.md", short("Work in progress", 2))

    built("--no-cache")

    assert published() == [(TAG + "final", "Work in progress")]


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_an_entry_deleted_as_a_draft_of_its_title_and_another_date_is_written_is_no_withdrawal(
    site: Site, options: tuple[str, ...]
) -> None:
    # In one build, last week's "Weekly notes" is deleted and next week's written as a draft:
    # a draft made of the entry would keep its date, so this one is another entry.
    site(**{"a.md": short("Weekly notes"), "b.md": short("Beta", 2)})
    built(*options)
    Path("entries/a.md").unlink()
    write("next.md", short("Weekly notes", 8, draft="true"))
    built(*options)
    write("next.md", short("Weekly notes", 8))

    built(*options)

    assert published() == [(TAG + "b", "Beta"), (TAG + "next", "Weekly notes")]


def taken_by(title: str, new: str = "alpha") -> str:
    """The error for `new`.md, published as a.md, whose id a.md gives to `title`."""
    return (
        f"Error: entries/{new}.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', which entries/a.md now gives to another entry (\"{title}\"), and this one's "
        f"id is now '{TAG}{new}': feed readers would show it again as a new entry, and take "
        f'"{title}" for an edit of it. Add "id: {TAG}a" to its front matter and give '
        "entries/a.md a slug: of its own, or pass --allow-id-change.\n"
    )


def test_a_renamed_file_retitled_with_curly_quotes_is_still_caught_by_its_title(
    site: Site,
) -> None:
    # A straight apostrophe, "--" and "..." are one title with U+2019, an en dash and an
    # ellipsis, as Jekyll's smartify writes them.
    site(**{"a.md": short("Don't panic -- really..."), "o.md": short("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    write("alpha.md", short("Don\u2019t panic \u2013 really\u2026"))

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        f"Error: entries/alpha.md: an entry with its title was published from a.md with the id "
        f"'{TAG}a', and its id is now '{TAG}alpha': "
    )


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_draft_retitled_in_letter_case_and_redated_is_still_the_entry_that_left(
    site: Site, options: tuple[str, ...]
) -> None:
    # Made a draft as "ALPHA" of another date, under its id: a title that differs in letter
    # case alone is its title, so the draft is the entry, and its return under a new id is
    # caught.
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", short("ALPHA", 5, draft="true"))
    built(*options)
    Path("entries/a.md").unlink()
    write("alpha.md", short("Alpha"))

    refused(invoke_build(*options), left_and_renamed("alpha"))


def test_an_undated_record_whose_id_a_new_title_takes_is_caught_with_the_renamed_file(
    site: Site,
) -> None:
    # README: a record an earlier staticfeed wrote has no date, and a new title under its id
    # is enough then to tell that a new document took the withdrawn entry's file name.
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built()
    write("a.md", short("Alpha", draft="true"))
    built()
    earlier = {TAG + "a": ["a.md", "Alpha"], TAG + "o": "o.md"}
    Path("feeds/.staticfeed-ids").write_text(json.dumps(earlier, indent=2) + "\n", "utf-8")
    write("a.md", short("Beta"))
    write("alpha.md", short("Alpha"))

    refused(invoke_build(), taken_by("Beta"))


PARAGRAPH = (
    "It goes on for a while, about the peace movements of the region and what they asked "
    "for, who came to the meetings, and what the town council answered a week later, when "
    "the square had emptied and the rain had come back."
)


def test_a_file_renamed_and_retitled_with_a_date_of_fractional_seconds_is_caught(
    site: Site,
) -> None:
    # The feeds give dates to the second (Atom here, RSS always): the entry's date and text
    # still find it when its front matter writes a fraction of a second.
    date = "2025-03-01T10:00:00.500+00:00"
    site(**{"a.md": f"---\ntitle: Alpha\ndate: {date}\n---\n{PARAGRAPH}\n", "o.md": short("O", 2)})
    built()
    Path("entries/a.md").unlink()
    write("b.md", f"---\ntitle: Beta\ndate: {date}\n---\n{PARAGRAPH}\n")

    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        'Error: entries/b.md: an entry with its date and text, "Alpha", was published from '
        f"a.md with the id '{TAG}a', and its id is now '{TAG}b': "
    )


def long_doc(title: str, day: int = 1, text: str = PARAGRAPH, **front: str) -> str:
    lines = [f"title: {title}", f"date: 2025-03-{day:02d}"]
    lines += [f"{key}: {value}" for key, value in front.items()]
    return "---\n" + "\n".join(lines) + f"\n---\n{text}\n"


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_new_entry_with_the_old_text_of_one_rewritten_in_place_is_a_new_entry(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md keeps its title, date and id, and gets a new text; b.md, of its date, takes the
    # old text. Readers still have a.md's entry under its id: b.md is simply new.
    site(**{"a.md": long_doc("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", long_doc("Alpha", text="Rewritten. " + PARAGRAPH.upper()))
    write("b.md", long_doc("Beta"))

    built(*options)

    assert published() == [(TAG + "a", "Alpha"), (TAG + "b", "Beta"), (TAG + "o", "Other")]


def test_diff_lists_several_id_changes_in_the_order_of_their_files(site: Site) -> None:
    # Diff lists id changes by file, whatever ids they now have (build's errors are sorted
    # by place on their own).
    site(**{"a.md": short("Alpha"), "b.md": short("Beta", 2)})
    built()
    write("a.md", short("Alpha", id=TAG + "zz"))
    write("b.md", short("Beta", 2, id=TAG + "aa"))

    result = CliRunner().invoke(cli, ["diff"], prog_name="staticfeed")

    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "id changed:\n"
        f'  {TAG}a -> {TAG}zz "Alpha" (entries/a.md), same file: change its id line to '
        f'"id: {TAG}a"\n'
        f'  {TAG}b -> {TAG}aa "Beta" (entries/b.md), same file: change its id line to '
        f'"id: {TAG}b"\n'
    )


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_draft_of_the_old_version_beside_a_rewrite_in_place_is_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md is retitled and rewritten in place while its old version waits as a draft of its
    # title, date and text: published in the same build, that draft is refused (README: a
    # new entry with the date and text of one whose id shows another title is taken for it).
    # Held back, it was let through, and once a.md's rewrite had replaced the old text in the
    # feeds nothing was left to tell it by: published later, readers got "Alpha" twice.
    site(**{"a.md": long_doc("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", long_doc("Alpha, rewritten", text="Rewritten. " + PARAGRAPH.upper()))
    write("alpha-old.md", long_doc("Alpha", draft="true"))
    before = Path("feeds/atom.xml").read_bytes()

    refused(
        invoke_build(*options),
        'Error: entries/alpha-old.md: an entry with its date and text, "Alpha", was published '
        f"from a.md with the id '{TAG}a', which entries/a.md now gives to another entry "
        f"(\"Alpha, rewritten\"), and this one's id is now '{TAG}alpha-old': feed readers would "
        'show it again as a new entry, and take "Alpha, rewritten" for an edit of it. Add '
        f'"id: {TAG}a" to its front matter and give entries/a.md a slug: of its own, or pass '
        "--allow-id-change.\n",
    )
    assert Path("feeds/atom.xml").read_bytes() == before


OTHER_PARAGRAPH = (
    "Another long text entirely, on the harbour works of the spring, the cranes that came by "
    "sea, the men who unloaded them at night, and the argument about who would pay for the "
    "new quay once the old one had sunk into the mud."
)


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_two_entries_of_one_title_and_other_dates_may_trade_texts_in_place(
    site: Site, options: tuple[str, ...]
) -> None:
    # Two "Notes" of other dates are told apart by their dates: texts exchanged between them
    # are edits in place, which readers see under the same ids.
    site(**{"a.md": long_doc("Notes"), "b.md": long_doc("Notes", 2, text=OTHER_PARAGRAPH)})
    built(*options)
    write("a.md", long_doc("Notes", text=OTHER_PARAGRAPH))
    write("b.md", long_doc("Notes", 2))

    built(*options)

    feed = feedparser.parse(Path("feeds/atom.xml").read_bytes())
    contents = {entry.id: entry.content[0].value for entry in feed.entries}
    assert "harbour" in contents[TAG + "a"]
    assert "peace movements" in contents[TAG + "b"]


def test_files_that_swapped_names_one_retitled_and_redated_are_refused(site: Site) -> None:
    # a.md now holds "Beta" (title, date, text); b.md holds a.md's text, retitled and
    # redated: its content went under b's id while "Beta" took a's, a whole swap.
    site(**{"a.md": long_doc("Alpha"), "b.md": long_doc("Beta", 2, text=OTHER_PARAGRAPH)})
    built()
    before = Path("feeds/atom.xml").read_bytes()
    write("a.md", long_doc("Beta", 2, text=OTHER_PARAGRAPH))
    write("b.md", long_doc("Alpha, revised", 3))

    result = invoke_build()

    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert [line.split(":")[1].strip() for line in lines] == ["entries/a.md", "entries/b.md"]
    assert all("the files swapped names" in line for line in lines), result.stderr
    assert Path("feeds/atom.xml").read_bytes() == before


ATOM = "{http://www.w3.org/2005/Atom}"


def atom_text_sizes() -> dict[str, tuple[int, int]]:
    """{id: (length of content, length of summary)} as lxml reads feeds/atom.xml."""
    root = etree.parse("feeds/atom.xml").getroot()
    return {
        entry.findtext(f"{ATOM}id", ""): (
            len(entry.findtext(f"{ATOM}content", "")),
            len(entry.findtext(f"{ATOM}summary", "")),
        )
        for entry in root.iter(f"{ATOM}entry")
    }


def sized(title: str, text: str, size: int) -> str:
    """A document whose content (`text` "content": "<p>…</p>" in the feed) or summary
    (`text` "summary") has `size` characters, and whose other text is shorter."""
    words = ("Words of a length, " * 20)[: size - 7 if text == "content" else size].strip()
    words = words.ljust(size - 7 if text == "content" else size, "x")
    if text == "content":
        return f"---\ntitle: {title}\ndate: 2025-03-01\n---\n{words}\n"
    return f"---\ntitle: {title}\ndate: 2025-03-01\nsummary: {words}\n---\nVia HN.\n"


@pytest.mark.parametrize("size", [199, 200])
@pytest.mark.parametrize("text", ["content", "summary"])
def test_a_text_of_200_characters_finds_a_file_renamed_and_retitled_and_one_of_199_does_not(
    site: Site, text: str, size: int
) -> None:
    # README: only a text of at least 200 characters tells one entry from another of its date.
    site(**{"a.md": sized("Alpha", text, size), "o.md": short("Other", 2)})
    built()
    sizes = atom_text_sizes()[TAG + "a"]
    assert sizes[0 if text == "content" else 1] == size
    assert max(sizes) == size
    Path("entries/a.md").unlink()
    write("b.md", sized("Beta", text, size))

    result = invoke_build()

    if size == 199:
        assert result.exit_code == 0, result.output
        assert published() == [(TAG + "b", "Beta"), (TAG + "o", "Other")]
    else:
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith(
            'Error: entries/b.md: an entry with its date and text, "Alpha", was published from '
            f"a.md with the id '{TAG}a', and its id is now '{TAG}b': "
        )


REWRITTEN = "Rewritten. " + PARAGRAPH.upper()

WITHDRAWN_TEXT_MOVED = (
    'Error: entries/b.md: an entry with its date and text, "Alpha", was published from a.md '
    f"with the id '{TAG}a', which entries/a.md now gives to another entry (\"Alpha, "
    f"rewritten\"), and this one's id is now '{TAG}b': feed readers would show it again as a "
    'new entry, and take "Alpha, rewritten" for an edit of it. Add '
    f'"id: {TAG}a" to its front matter and give entries/a.md a slug: of its own, or pass '
    "--allow-id-change.\n"
)


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_the_text_of_a_withdrawn_entry_whose_draft_is_rewritten_in_place_is_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # Readers keep "Alpha" (its text) under a.md's id after it left the feeds. Its draft
    # rewritten in place no longer holds that text, so b.md, of its date and text, is that
    # entry under a new id (README: a new entry with the date and text of one whose id now
    # shows another title, held back too), as when a.md is rewritten in place unwithdrawn.
    # The draft was taken to hold the entry still, and readers got "Alpha"'s text twice.
    site(**{"a.md": long_doc("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", long_doc("Alpha", draft="true"))
    built(*options)
    write("a.md", long_doc("Alpha, rewritten", text=REWRITTEN, draft="true"))
    write("b.md", long_doc("Beta"))

    caught_as_withdrawn_text_moved(options)


def caught_as_withdrawn_text_moved(options: tuple[str, ...]) -> None:
    """`build OPTIONS` refuses b.md, "Beta" with the date and text of "Alpha" (a.md, withdrawn,
    now "Alpha, rewritten"), and changes no feed; `check` and `diff` say so too."""
    before = Path("feeds/atom.xml").read_bytes()
    refused(invoke_build(*options), WITHDRAWN_TEXT_MOVED)
    assert Path("feeds/atom.xml").read_bytes() == before
    result = invoke_check()
    assert result.exit_code == 1, result.output
    assert WITHDRAWN_TEXT_MOVED.rstrip("\n") + " [build]" in result.output.splitlines()
    result = CliRunner().invoke(cli, ["diff"], prog_name="staticfeed")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        "id changed:\n"
        f'  {TAG}a -> {TAG}b "Beta" (entries/b.md), same date and text as entries/a.md '
        '("Alpha"), which left the feeds before, whose id entries/a.md now gives to "Alpha, '
        f'rewritten": add "id: {TAG}a" to its front matter and give entries/a.md a slug: of '
        "its own\n"
    )
    result = CliRunner().invoke(cli, ["diff", "--format", "json"], prog_name="staticfeed")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout)["id_changed"] == [
        {
            "old_id": TAG + "a",
            "new_id": TAG + "b",
            "title": "Beta",
            "file": "entries/b.md",
            "previous_file": "entries/a.md",
            "matched_by": "date",
            "withdrawn": True,
            "taken_by": {"title": "Alpha, rewritten", "file": "entries/a.md"},
        }
    ]


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
@pytest.mark.parametrize(
    ("draft", "new", "expected"),
    [
        # Withdrawn, then published again as it was: the entry readers have, under its id.
        (None, None, [(TAG + "a", "Alpha"), (TAG + "o", "Other")]),
        # Rewritten in place as it waits, then published: an edit of it, under its id.
        (
            long_doc("Alpha, rewritten", text=REWRITTEN),
            None,
            [(TAG + "a", "Alpha, rewritten"), (TAG + "o", "Other")],
        ),
        # Beside the rewritten draft, a new entry of the date with another text is new.
        (
            long_doc("Alpha, rewritten", text=REWRITTEN, draft="true"),
            long_doc("Beta", text=OTHER_PARAGRAPH),
            [(TAG + "b", "Beta"), (TAG + "o", "Other")],
        ),
        # Beside a draft retitled in place with its text still, one of its text is a copy.
        (
            long_doc("Alpha, retitled", draft="true"),
            long_doc("Beta"),
            [(TAG + "b", "Beta"), (TAG + "o", "Other")],
        ),
    ],
    ids=["republished", "rewritten-republished", "new-of-another-text", "copy"],
)
def test_a_withdrawn_entry_edited_as_it_waits_is_no_id_change(
    site: Site,
    options: tuple[str, ...],
    draft: str | None,
    new: str | None,
    expected: list[tuple[str, str]],
) -> None:
    site(**{"a.md": long_doc("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", long_doc("Alpha", draft="true"))
    built(*options)
    write("a.md", draft if draft is not None else long_doc("Alpha"))
    if new is not None:
        write("b.md", new)

    built(*options)

    assert published() == expected


def title_moved(new: str, old: str) -> str:
    return (
        f"Error: entries/{new}.md: an entry with its title was published from {old}.md with the "
        f"id '{TAG}{old}', and its id is now '{TAG}{new}': feed readers would show it again as a "
        f'new entry. Add "id: {TAG}{old}" to its front matter, or pass --allow-id-change.\n'
    )


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_of_two_entries_of_one_title_deleted_a_new_one_of_the_second_date_is_the_second(
    site: Site, options: tuple[str, ...]
) -> None:
    # README: of several entries with its title, the one of its date is taken for it. Two
    # "Notes" vanished, and one came back with the second's date (b.md renamed). The error
    # named a.md, whose id is lower: pinning a's id in n.md as it said, readers took b's text
    # for an edit of a's entry, and kept b's: the text twice.
    site(**{"a.md": short("Notes"), "b.md": short("Notes", 2), "o.md": short("Other", 3)})
    built(*options)
    Path("entries/a.md").unlink()
    Path("entries/b.md").unlink()
    write("n.md", short("Notes", 2))
    before = Path("feeds/atom.xml").read_bytes()

    refused(invoke_build(*options), title_moved("n", "b"))
    assert Path("feeds/atom.xml").read_bytes() == before
    write("n.md", short("Notes", 2, id=TAG + "b"))
    built(*options)
    assert published() == [(TAG + "b", "Notes"), (TAG + "o", "Other")]


def test_of_two_entries_of_one_title_deleted_a_new_one_of_neither_date_is_the_lowest_id(
    site: Site,
) -> None:
    # No date tells which of the two "Notes" came back: ties go to the lowest id, whatever
    # order the files are read in, and only one error is given (one new entry, one id).
    site(**{"b.md": short("Notes", 2), "a.md": short("Notes"), "o.md": short("Other", 3)})
    built()
    Path("entries/a.md").unlink()
    Path("entries/b.md").unlink()
    write("n.md", short("Notes", 9))

    refused(invoke_build(), title_moved("n", "a"))


def test_of_two_new_entries_of_a_vanished_title_and_other_dates_the_lowest_id_is_taken(
    site: Site,
) -> None:
    # Neither new "Notes" has the old one's date: the one of the lowest id (n1) is taken for
    # it, and once n1 is pinned, n2 reaches readers as a new entry.
    site(**{"a.md": short("Notes"), "o.md": short("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    write("n2.md", short("Notes", 9))
    write("n1.md", short("Notes", 5))

    refused(invoke_build(), title_moved("n1", "a"))
    write("n1.md", short("Notes", 5, id=TAG + "a"))
    built()
    assert published() == [(TAG + "a", "Notes"), (TAG + "n2", "Notes"), (TAG + "o", "Other")]


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_the_text_of_an_entry_withdrawn_and_rewritten_in_one_build_is_caught(
    site: Site, options: tuple[str, ...]
) -> None:
    # As when its draft is rewritten in a later build (above), but made a draft, retitled
    # and rewritten in one build: the ids file remembered the draft's title alone, so the
    # draft looked like the entry unedited, holding its text still, and b.md, of its old date
    # and text, reached readers, who have "Alpha", as a new entry.
    site(**{"a.md": long_doc("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", long_doc("Alpha, rewritten", text=REWRITTEN, draft="true"))
    built(*options)
    built(*options)  # the record is written again as it was read
    write("b.md", long_doc("Beta"))

    caught_as_withdrawn_text_moved(options)


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_an_entry_withdrawn_and_retitled_in_one_build_is_still_caught_by_its_new_title(
    site: Site, options: tuple[str, ...]
) -> None:
    # The record keeps the title the draft was held back with, beside the one readers have:
    # renamed and published under it, the draft is still the entry readers have as "Alpha".
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", short("Alpha, rewritten", draft="true"))
    built(*options)
    Path("entries/a.md").unlink()
    write("x.md", short("Alpha, rewritten"))

    refused(invoke_build(*options), left_and_renamed("x"))


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_draft_retitled_in_a_later_build_is_still_caught_by_its_new_title(
    site: Site, options: tuple[str, ...]
) -> None:
    # As above, but the draft is retitled a build after it was made one. The record kept the
    # title "Alpha", so x.md, the draft renamed and published as "Alpha, rewritten" (texts too
    # short to tell it by), reached readers, who keep "Alpha" under a.md's id, as a new entry.
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", short("Alpha", draft="true"))
    built(*options)
    write("a.md", short("Alpha, rewritten", draft="true"))
    built(*options)
    # README: the title it is held back with, the date, no digests, the title readers have.
    assert ids_file()[TAG + "a"] == [
        "a.md",
        "Alpha, rewritten",
        "2025-03-01T00:00:00+00:00",
        "",
        "",
        "Alpha",
    ]
    Path("entries/a.md").unlink()
    write("x.md", short("Alpha, rewritten"))
    before = Path("feeds/atom.xml").read_bytes()

    refused(invoke_build(*options), left_and_renamed("x"))
    assert Path("feeds/atom.xml").read_bytes() == before
    write("x.md", short("Alpha, rewritten", id=TAG + "a"))
    built(*options)
    assert published() == [(TAG + "a", "Alpha, rewritten"), (TAG + "o", "Other")]


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
@pytest.mark.parametrize("later", [False, True], ids=["retitled-as-withdrawn", "retitled-later"])
@pytest.mark.parametrize("day", [1, 9], ids=["its-date", "another-date"])
def test_a_deleted_draft_retitled_as_it_waited_is_caught_by_the_title_readers_have(
    site: Site, options: tuple[str, ...], later: bool, day: int
) -> None:
    # The record names the draft's new title beside "Alpha", the one readers have: x.md,
    # the draft published again under its old title once deleted, is still the entry (a
    # withdrawn entry is found by its title alone, README), not a new "Alpha" beside it.
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built(*options)
    if later:
        write("a.md", short("Alpha", draft="true"))
        built(*options)
    write("a.md", short("Alpha, rewritten", draft="true"))
    built(*options)
    Path("entries/a.md").unlink()
    write("x.md", short("Alpha", day))
    before = Path("feeds/atom.xml").read_bytes()

    refused(invoke_build(*options), left_and_renamed("x"))
    assert Path("feeds/atom.xml").read_bytes() == before


def test_diff_json_gives_an_updated_entrys_dates_and_what_changed(site: Site) -> None:
    # Retitled with a new `updated:`: readers show it as updated; the JSON gives both dates
    # (the entry's `date:` was its updated date before) and the fields a reader sees change.
    site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built()
    write("a.md", short("Alpha, revised", updated="2025-03-09"))

    result = CliRunner().invoke(cli, ["diff", "--format", "json"], prog_name="staticfeed")

    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["updated"] == [
        {
            "id": TAG + "a",
            "title": "Alpha, revised",
            "file": "entries/a.md",
            "updated": "2025-03-09T00:00:00+00:00",
            "archive": None,
            "previous_updated": "2025-03-01T00:00:00+00:00",
            "changed": ["title"],
        }
    ]
    assert [data[key] for key in ("new", "removed", "id_changed", "silent")] == [[]] * 4


def chained(file: str, old: str, holder_title: str) -> str:
    """The error for entries/`file`.md, published from `old`.md, whose id `old`.md now gives
    to "`holder_title`"."""
    return (
        f"Error: entries/{file}.md: an entry with its title was published from {old}.md with the "
        f"id '{TAG}{old}', which entries/{old}.md now gives to another entry "
        f"(\"{holder_title}\"), and this one's id is now '{TAG}{file}': feed readers would show "
        f'it again as a new entry, and take "{holder_title}" for an edit of it. Add '
        f'"id: {TAG}{old}" to its front matter and give entries/{old}.md a slug: of its own, or '
        "pass --allow-id-change.\n"
    )


def test_a_chain_of_three_renames_into_names_others_left_is_named_whole(site: Site) -> None:
    # c.md renamed d.md, b.md renamed c.md, a.md renamed b.md, and a new a.md: each link of
    # the chain is found once the one after it is, so it takes more than one round.
    site(**{"a.md": short("Alpha"), "b.md": short("Beta", 2), "c.md": short("Gamma", 3)})
    built()
    for old, new in ("cd", "bc", "ab"):
        Path(f"entries/{old}.md").replace(f"entries/{new}.md")
    write("a.md", short("Zeta", 9))
    before = Path("feeds/atom.xml").read_bytes()

    refused(
        invoke_build(),
        chained("b", "a", "Zeta") + chained("c", "b", "Alpha") + chained("d", "c", "Beta"),
    )
    assert Path("feeds/atom.xml").read_bytes() == before


def scheduled(title: str, day: int) -> str:
    """A document of short texts dated in the future (held back, not published)."""
    return f"---\ntitle: {title}\ndate: 2999-01-{day:02d}\n---\nVia HN.\n"


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_of_two_scheduled_entries_of_the_title_of_a_taken_id_the_lowest_id_is_named(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md was rewritten into another document (a new title and date) as "Notes" was held
    # back for a future date twice, neither of its date: as with new entries published
    # (README: else the one of the lowest id), n1 is taken for it, however they are listed.
    site(**{"a.md": short("Notes"), "o.md": short("Other", 2)})
    built(*options)
    write("a.md", short("Rewritten", 5))
    write("n2.md", scheduled("Notes", 2))
    write("n1.md", scheduled("Notes", 1))
    before = Path("feeds/atom.xml").read_bytes()

    refused(invoke_build(*options), chained("n1", "a", "Rewritten"))
    assert Path("feeds/atom.xml").read_bytes() == before


def test_two_vanished_entries_of_one_date_and_text_are_taken_for_one_new_entry_once(
    site: Site,
) -> None:
    # Two copies of one text of one date (a.md, b.md) vanish, and c.md has that date and
    # text: it is one of them (the lowest id), and only one id would reach readers again.
    site(**{"a.md": long_doc("Alpha"), "b.md": long_doc("Beta"), "o.md": short("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    Path("entries/b.md").unlink()
    write("c.md", long_doc("Gamma"))

    refused(
        invoke_build(),
        'Error: entries/c.md: an entry with its date and text, "Alpha", was published from '
        f"a.md with the id '{TAG}a', and its id is now '{TAG}c': feed readers would show it "
        f'again as a new entry. Add "id: {TAG}a" to its front matter, or pass '
        "--allow-id-change.\n",
    )


def test_diff_compares_an_update_in_the_one_format_left(site: Site) -> None:
    # formats = ["json"] after all three: atom.xml is still in feeds/ until the build, but
    # the diff reads the published feed.json against the new one, so an update is an update.
    folder = site(**{"a.md": short("Alpha"), "o.md": short("Other", 2)})
    built()
    config = folder / "staticfeed.toml"
    config.write_text(config.read_text(encoding="utf-8") + 'formats = ["json"]\n', "utf-8")
    write("a.md", short("Alpha", updated="2025-03-09"))

    result = CliRunner().invoke(cli, ["diff"], prog_name="staticfeed")

    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(
        f'updated:\n  {TAG}a "Alpha" (entries/a.md)\nfeeds removed (their subscribers get '
        "nothing more):\n  feeds/atom.xml\n"
    ), result.stdout


def test_of_two_ids_new_documents_took_the_lowest_is_taken_for_a_renamed_entry_of_their_title(
    site: Site,
) -> None:
    # Two "Notes" files now hold new documents (new titles, new dates) and a "Notes" waits
    # for a future date under a new id: the file renamed is one of the two, the lowest id
    # when no date tells, whatever order the files are read in.
    site(**{"b.md": short("Notes", 2), "a.md": short("Notes"), "o.md": short("Other", 3)})
    built()
    write("a.md", short("Zeta", 9))
    write("b.md", short("Yeta", 8))
    Path("entries/n.md").write_text("---\ntitle: Notes\ndate: 2999-01-01\n---\nVia HN.\n", "utf-8")

    refused(invoke_build(), taken_by("Zeta", "n"))


def test_diff_of_a_weekly_entry_deleted_as_the_next_held_beside_it_is_published(
    site: Site,
) -> None:
    # README: an entry the build before held back beside a published one of its title and
    # another date (the next "Weekly notes") is another entry. Build publishes it as new; the
    # diff must say so, not that an id changed.
    site(**{"a.md": short("Weekly notes"), "next.md": short("Weekly notes", 8, draft="true")})
    built()
    Path("entries/a.md").unlink()
    write("next.md", short("Weekly notes", 8))

    result = CliRunner().invoke(cli, ["diff"], prog_name="staticfeed")

    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f'new:\n  {TAG}next "Weekly notes" (entries/next.md)\n'
        f'removed:\n  {TAG}a "Weekly notes" (entries/a.md)\n'
    )
    built()
    assert published() == [(TAG + "next", "Weekly notes")]


def test_diff_takes_a_draft_previewed_then_renamed_for_a_new_entry(site: Site) -> None:
    # As build and check do (above): the preview `build --drafts` wrote is in feeds/, but
    # was no publication, so the renamed draft published is new, and nothing is removed.
    site(**{"a.md": short("Alpha"), "wip.md": short("Work in progress", 2, draft="true")})
    built("--drafts")
    Path("entries/wip.md").unlink()
    write("final.md", short("Work in progress", 2))

    result = CliRunner().invoke(cli, ["diff"], prog_name="staticfeed")

    assert result.exit_code == 1, result.output
    assert result.stdout == f'new:\n  {TAG}final "Work in progress" (entries/final.md)\n'


def test_diff_drafts_does_not_take_a_draft_of_another_date_for_a_deleted_entry(
    site: Site,
) -> None:
    # README: a draft made of the entry keeps its date, so a draft of its title and another
    # date (the next "Weekly notes") is another entry, in a --drafts preview too.
    site(**{"a.md": short("Weekly notes"), "o.md": short("Other", 2)})
    built()
    Path("entries/a.md").unlink()
    write("next.md", short("Weekly notes", 8, draft="true"))

    result = CliRunner().invoke(cli, ["diff", "--drafts"], prog_name="staticfeed")

    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f'new:\n  {TAG}next "Weekly notes" (entries/next.md)\n'
        f'removed:\n  {TAG}a "Weekly notes" (entries/a.md)\n'
    )


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_file_renamed_and_retitled_beside_a_new_entry_of_its_title_and_date_is_caught_by_text(
    site: Site, options: tuple[str, ...]
) -> None:
    # a.md ("Notes") is renamed x.md and retitled "Renamed", keeping its date and text, as a
    # new n1.md "Notes" of the same date, with a short text of its own, is written. Readers
    # have the text under a's id: pinned in n1.md, as a title match would ask, they would get
    # it again under x's id as a new entry, and a's entry edited into n1's text.
    site(**{"a.md": long_doc("Notes"), "o.md": short("Other", 2)})
    built(*options)
    before = Path("feeds/atom.xml").read_bytes()
    Path("entries/a.md").unlink()
    write("x.md", long_doc("Renamed"))
    write("n1.md", short("Notes"))

    refused(
        invoke_build(*options),
        'Error: entries/x.md: an entry with its date and text, "Notes", was published from a.md '
        f"with the id '{TAG}a', and its id is now '{TAG}x': feed readers would show it again as "
        f'a new entry. Add "id: {TAG}a" to its front matter, or pass --allow-id-change.\n',
    )
    assert Path("feeds/atom.xml").read_bytes() == before
    diff = CliRunner().invoke(cli, ["diff"], prog_name="staticfeed")
    assert diff.stdout == (
        f'new:\n  {TAG}n1 "Notes" (entries/n1.md)\n'
        "id changed:\n"
        f'  {TAG}a -> {TAG}x "Renamed" (entries/x.md), same date and text as entries/a.md '
        f'("Notes"): add "id: {TAG}a" to its front matter\n'
    )
    write("x.md", long_doc("Renamed", id=TAG + "a"))

    built(*options)

    # The long text reaches readers once, under the id they have it by.
    feed = feedparser.parse(Path("feeds/atom.xml").read_bytes())
    with_text = [entry.id for entry in feed.entries if "peace movements" in entry.content[0].value]
    assert with_text == [TAG + "a"]
    assert published() == [(TAG + "a", "Renamed"), (TAG + "n1", "Notes"), (TAG + "o", "Other")]


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_file_renamed_and_rewritten_beside_a_copy_of_its_old_text_is_caught_by_its_title(
    site: Site, options: tuple[str, ...]
) -> None:
    # The new entry of its title and date has its text too: a copy under another title
    # ("Renamed") is no reason to take that one for it. The title still finds it.
    site(**{"a.md": long_doc("Notes"), "o.md": short("Other", 2)})
    built(*options)
    Path("entries/a.md").unlink()
    write("x.md", long_doc("Renamed"))
    write("n1.md", long_doc("Notes"))

    refused(invoke_build(*options), title_moved("n1", "a"))


THIRD_PARAGRAPH = (
    "A third long text, on the orchard behind the school, the pears that nobody picked that "
    "year, the wasps that came for them in September, and the teacher who finally made jam of "
    "the lot and sold it at the autumn fair."
)


def entry_of(name: str, one_date: bool = False, **front: str) -> str:
    """The document a.md, b.md or c.md had at first: "Alpha", "Beta", "Gamma", each of its
    own long text, and of its own date unless `one_date`."""
    title, day, text = {
        "a": ("Alpha", 1, PARAGRAPH),
        "b": ("Beta", 2, OTHER_PARAGRAPH),
        "c": ("Gamma", 3, THIRD_PARAGRAPH),
    }[name]
    return long_doc(title, 1 if one_date else day, text, **front)


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
@pytest.mark.parametrize("swap", ["abc", "bca"], ids=["copy-last", "copy-first"])
@pytest.mark.parametrize("one_date", [False, True], ids=["dated", "one-date"])
def test_files_that_swapped_names_beside_a_copy_made_in_place_are_refused(
    site: Site, options: tuple[str, ...], swap: str, one_date: bool
) -> None:
    # Two files swapped names (a.md and b.md; or b.md and c.md) as the third was rewritten
    # into a copy of the first one's entry: two ids now carry its title and date (of one
    # date: its title and text), which hid the swap, and readers took each swapped entry for
    # an edit of the other. The copy, of an id below or above the swapped file's, is the
    # user's edit in place, as without a swap.
    one, other, copy = swap
    site(**{f"{name}.md": entry_of(name, one_date) for name in "abc"})
    built(*options)
    before = Path("feeds/atom.xml").read_bytes()
    write(f"{one}.md", entry_of(other, one_date))
    write(f"{other}.md", entry_of(one, one_date))
    write(f"{copy}.md", entry_of(one, one_date))
    titles = {"a": "Alpha", "b": "Beta", "c": "Gamma"}

    refused(
        invoke_build(*options),
        swapped(f"{one}.md", other, other, titles[one], one)
        + swapped(f"{other}.md", one, one, titles[other], other),
    )
    assert Path("feeds/atom.xml").read_bytes() == before
    write(f"{one}.md", entry_of(other, one_date, id=TAG + other))
    write(f"{other}.md", entry_of(one, one_date, id=TAG + one))

    built(*options)

    now = {one: titles[one], other: titles[other], copy: titles[one]}
    assert published() == [(TAG + name, now[name]) for name in "abc"]


def test_entries_of_one_title_and_date_that_traded_texts_beside_a_copy_are_refused(
    site: Site,
) -> None:
    # Three "Notes" of a day, told by their texts alone: a's and b's traded texts as c's was
    # rewritten into a copy of a's. Two ids now carry a's text, which hid the trade (README:
    # each text that went to another's id, which no longer carries its own, is a swap).
    texts = {"a": PARAGRAPH, "b": OTHER_PARAGRAPH, "c": THIRD_PARAGRAPH}
    site(**{f"{name}.md": long_doc("Notes", text=text) for name, text in texts.items()})
    built()
    before = Path("feeds/atom.xml").read_bytes()
    write("a.md", long_doc("Notes", text=OTHER_PARAGRAPH))
    write("b.md", long_doc("Notes"))
    write("c.md", long_doc("Notes"))

    def by_text(message: str) -> str:
        return message.replace("an entry with its title", 'an entry with its text, "Notes",')

    refused(
        invoke_build(),
        by_text(swapped("a.md", "b", "b", "Notes", "a"))
        + by_text(swapped("b.md", "a", "a", "Notes", "b")),
    )
    assert Path("feeds/atom.xml").read_bytes() == before


def by_its_text(message: str, title: str) -> str:
    """`message` (`swapped`), said of an entry found by its text alone."""
    return message.replace("an entry with its title", f'an entry with its text, "{title}",')


# Of each swap beside a copy (above): the documents, the edits, and the error.
BESIDE_A_COPY = {
    "swapped-beside-a-copy": (
        {f"{name}.md": entry_of(name, one_date=True) for name in "abc"},
        {name: entry_of(old, one_date=True) for name, old in (("b.md", "c"), ("c.md", "b"))}
        | {"a.md": entry_of("b", one_date=True)},
        swapped("b.md", "c", "c", "Beta", "b") + swapped("c.md", "b", "b", "Gamma", "c"),
    ),
    "traded-texts-beside-a-copy": (
        {
            f"{name}.md": long_doc("Notes", text=text)
            for name, text in zip("abc", (PARAGRAPH, OTHER_PARAGRAPH, THIRD_PARAGRAPH), strict=True)
        },
        {
            "a.md": long_doc("Notes", text=OTHER_PARAGRAPH),
            "b.md": long_doc("Notes"),
            "c.md": long_doc("Notes"),
        },
        by_its_text(swapped("a.md", "b", "b", "Notes", "a"), "Notes")
        + by_its_text(swapped("b.md", "a", "a", "Notes", "b"), "Notes"),
    ),
}


@pytest.mark.parametrize("scenario", list(BESIDE_A_COPY))
def test_a_swap_beside_a_copy_is_refused_alike_whatever_the_hash_seed(
    site: Site, tmp_path_factory: pytest.TempPathFactory, scenario: str
) -> None:
    # Two ids carry the swapped entry's title and text, the swapped file's and the copy's: the
    # one that goes round is taken (README). Python orders a set of strings by their hashes,
    # which each process seeds anew (PYTHONHASHSEED): a choice left to a set's order named
    # the copy in some processes and refused nothing, or refused it otherwise. Each build
    # here runs in a process of its own, under a hash seed of its own.
    documents, edits, message = BESIDE_A_COPY[scenario]
    root = site(**documents)
    built()
    before = Path("feeds/atom.xml").read_bytes()
    for seed in range(4):
        folder = tmp_path_factory.mktemp(f"seed{seed}")
        for name in ("staticfeed.toml", "entries", "feeds"):
            copy = shutil.copytree if (root / name).is_dir() else shutil.copyfile
            copy(root / name, folder / name)
        for name, text in edits.items():
            (folder / "entries" / name).write_text(text, encoding="utf-8")
        run = subprocess.run(
            [sys.executable, "-m", "staticfeed", "build", "--no-cache"],
            cwd=folder,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert (run.returncode, run.stderr) == (1, message), f"PYTHONHASHSEED={seed}"
        assert (folder / "feeds" / "atom.xml").read_bytes() == before
