"""Ids that never drift, and the diff of a publication (issue 5).

Each test publishes with `staticfeed build`, changes the documents the way an author would, and
compares the published folder with a fresh render (`pipeline.rendered_outputs`), through
staticfeed.drift. Expected ids are worked out here from the file names, not asked of staticfeed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from staticfeed.config import load_config
from staticfeed.drift import (
    SOURCES_NAME,
    Diff,
    EntryChange,
    IdChange,
    PublishedEntry,
    check_id_changes,
    compare,
    diff_publication,
    entries_in_files,
    find_id_changes,
    fresh_entries,
    in_history,
    published_entries,
    read_sources,
    sources_file,
)
from staticfeed.errors import EntryError, ManyErrors, OutputError
from staticfeed.pipeline import Rendered, rendered_outputs
from tests.conftest import BASIC_CONFIG, NS, invoke_build

Site = Callable[..., Path]
TAG = "tag:example.org,2025:"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
ENTRIES = Path("entries")
FEEDS = Path("feeds")


def doc(title: str, day: int = 1, *, body: str = "", **front: str) -> str:
    """A document published on 2025-03-`day`; `front` adds front-matter keys as written."""
    lines = [f"title: {title}", f"date: 2025-03-{day:02d}"]
    lines += [f"{key}: {value}" for key, value in front.items()]
    text = body or "The body."
    return "---\n" + "\n".join(lines) + f"\n---\n{text}\n"


def write(name: str, text: str) -> None:
    path = ENTRIES / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def rename(old: str, new: str) -> None:
    (ENTRIES / new).parent.mkdir(parents=True, exist_ok=True)
    (ENTRIES / old).rename(ENTRIES / new)


def render() -> Rendered:
    """A fresh render, its files made and kept."""
    with rendered_outputs(load_config(Path("staticfeed.toml")), ENTRIES, now=NOW) as rendered:
        return replace(rendered, files=tuple(rendered.files))


def publish() -> None:
    """`staticfeed build`, and the `.staticfeed-ids` the build writes (written here when this
    build does not write it yet; compared with it when it does)."""
    result = invoke_build()
    assert result.exit_code == 0, result.output
    expected = sources_file(render().selection.entries, ENTRIES)
    state = FEEDS / SOURCES_NAME
    if state.exists():
        assert state.read_bytes() == expected
    else:
        state.write_bytes(expected)


def id_changes() -> list[IdChange]:
    rendered = render()
    return find_id_changes(
        published_entries(FEEDS), read_sources(FEEDS), rendered.selection.entries, ENTRIES
    )


def diff() -> Diff:
    """What `staticfeed diff` finds: from the fresh files a diff reads, as it keeps them."""
    formats = load_config(Path("staticfeed.toml")).formats
    rendered = render()
    files = {f.name: f.content for f in rendered.files if in_history(f.name, formats)}
    return diff_publication(FEEDS, files, rendered.selection.entries, ENTRIES, formats)


def ids(entries: tuple[PublishedEntry, ...]) -> list[str]:
    return [entry.id for entry in entries]


def changed_ids(changes: tuple[EntryChange, ...]) -> list[str]:
    return [change.new.id for change in changes]


# Reading the published state


def test_published_entries_are_read_from_the_atom_feed(site: Site) -> None:
    site(**{"a.md": doc("Alpha", 1, updated="2025-03-05"), "sub/b.md": doc("Beta", 2)})
    publish()

    published = published_entries(FEEDS)

    assert sorted(published) == [TAG + "a", TAG + "sub/b"]
    alpha = published[TAG + "a"]
    assert alpha.title == "Alpha"
    assert alpha.published == datetime(2025, 3, 1, tzinfo=UTC)
    assert alpha.updated == datetime(2025, 3, 5, tzinfo=UTC)
    assert alpha.source == "a.md"
    assert alpha.file == "atom.xml"
    assert alpha.link is not None and alpha.link.startswith("https://example.org/blog/")
    atom = etree.fromstring((FEEDS / "atom.xml").read_bytes())
    content = atom.find(f"a:entry[a:id='{TAG}a']/a:content", NS)
    assert content is not None and content.text is not None
    assert alpha.content_hash == hashlib.sha256(content.text.encode("utf-8")).hexdigest()
    assert published[TAG + "sub/b"].source == "sub/b.md"


def test_the_sources_file_is_sorted_json_of_ids_and_documents(site: Site) -> None:
    site(**{"z.md": doc("Zed", 1), "2025/Café.md": doc("Cafe", 2), "a.md": doc("A", 3)})
    publish()

    text = (FEEDS / SOURCES_NAME).read_text(encoding="utf-8")

    assert json.loads(text) == {
        TAG + "2025/caf%C3%A9": "2025/Café.md",
        TAG + "a": "a.md",
        TAG + "z": "z.md",
    }
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert read_sources(FEEDS) == json.loads(text)


@pytest.mark.parametrize("garbage", ["not json", "[1, 2]", '{"x": 1}', "\udc80"])
def test_an_unreadable_sources_file_is_no_sources(site: Site, garbage: str) -> None:
    site()
    FEEDS.mkdir()
    (FEEDS / SOURCES_NAME).write_bytes(garbage.encode("utf-8", "surrogateescape"))

    assert read_sources(FEEDS) == {}


def test_nothing_is_published_before_the_first_build(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})

    assert published_entries(FEEDS) == {}
    assert read_sources(FEEDS) == {}
    result = diff()
    assert ids(result.new) == [TAG + "a"]
    assert result.changed
    assert id_changes() == []


def test_an_unreadable_feed_names_the_file_and_line(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    publish()
    (FEEDS / "atom.xml").write_text("<feed>\n<entry>\n", encoding="utf-8")

    with pytest.raises(OutputError) as raised:
        published_entries(FEEDS)

    assert str(raised.value).startswith("feeds/atom.xml:")
    assert "--allow-id-change" in raised.value.fix


# The id-drift guard


def test_a_renamed_file_without_a_pinned_id_is_found_by_its_title(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()
    rename("a.md", "2025/alpha.md")

    assert id_changes() == [
        IdChange(TAG + "a", TAG + "2025/alpha", "Alpha", "2025/alpha.md", "title", "a.md")
    ]
    with pytest.raises(EntryError) as raised:
        check_id_changes(
            published_entries(FEEDS), read_sources(FEEDS), render().selection.entries, ENTRIES
        )
    message = str(raised.value)
    assert message.startswith("entries/2025/alpha.md: ")
    assert f"'{TAG}a'" in message and f"'{TAG}2025/alpha'" in message
    assert message.endswith(f'Add "id: {TAG}a" to its front matter, or pass --allow-id-change.')


def test_a_title_is_the_same_title_whatever_its_case_and_spaces(site: Site) -> None:
    site(**{"a.md": doc("Alpha  and Omega")})
    publish()
    rename("a.md", "b.md")
    write("b.md", doc("alpha and omega"))

    assert [change.matched_by for change in id_changes()] == ["title"]


def test_a_document_with_a_new_id_is_found_by_its_file(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()
    write("a.md", doc("Alpha, retitled", slug="alpha"))

    changes = id_changes()

    assert changes == [
        IdChange(TAG + "a", TAG + "alpha", "Alpha, retitled", "a.md", "source", "a.md")
    ]
    with pytest.raises(EntryError, match=r"^entries/a\.md:4: this document was published"):
        check_id_changes(
            published_entries(FEEDS), read_sources(FEEDS), render().selection.entries, ENTRIES
        )


def test_the_same_file_wins_over_the_same_title(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    publish()
    write("a.md", doc("Alpha", slug="alpha-1"))
    write("b.md", doc("Alpha", 2))

    changes = id_changes()

    assert [(c.old_id, c.new_id, c.matched_by) for c in changes] == [
        (TAG + "a", TAG + "alpha-1", "source")
    ]


def test_a_renamed_file_with_its_id_pinned_is_no_change(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()
    write("a.md", doc("Alpha", id=TAG + "a"))
    rename("a.md", "2025/alpha.md")

    assert id_changes() == []
    result = diff()
    assert (result.new, result.removed, result.id_changes) == ((), (), ())


def test_a_new_title_keeps_the_id_and_is_no_change(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    publish()
    write("a.md", doc("Alpha, better title"))

    assert id_changes() == []
    result = diff()
    assert [(change.new.id, change.fields) for change in result.silent] == [(TAG + "a", ("title",))]


def test_a_deleted_entry_is_no_id_change_but_is_removed(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()
    (ENTRIES / "a.md").unlink()

    assert id_changes() == []
    check_id_changes(
        published_entries(FEEDS), read_sources(FEEDS), render().selection.entries, ENTRIES
    )
    result = diff()
    assert ids(result.removed) == [TAG + "a"]
    assert result.removed[0].source == "a.md"
    assert (result.new, result.updated, result.silent, result.id_changes) == ((), (), (), ())


def test_a_deleted_entry_and_a_new_one_with_another_title_are_no_id_change(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()
    (ENTRIES / "a.md").unlink()
    write("c.md", doc("Gamma", 3))

    assert id_changes() == []
    result = diff()
    assert (ids(result.removed), ids(result.new)) == ([TAG + "a"], [TAG + "c"])


def test_every_id_change_is_an_error(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2), "c.md": doc("Gamma", 3)})
    publish()
    rename("a.md", "x/a.md")
    rename("b.md", "x/b.md")

    with pytest.raises(ManyErrors) as raised:
        check_id_changes(
            published_entries(FEEDS), read_sources(FEEDS), render().selection.entries, ENTRIES
        )

    assert [error.path for error in raised.value.errors] == [
        ENTRIES / "x/a.md",
        ENTRIES / "x/b.md",
    ]
    assert all(isinstance(error, EntryError) for error in raised.value.errors)


def test_without_the_sources_file_titles_still_find_a_moved_entry(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    publish()
    (FEEDS / SOURCES_NAME).unlink()
    rename("a.md", "b.md")

    changes = id_changes()

    assert [(c.old_id, c.new_id, c.matched_by, c.old_source) for c in changes] == [
        (TAG + "a", TAG + "b", "title", None)
    ]
    with pytest.raises(EntryError, match=r"^entries/b\.md: an entry with its title was published "):
        check_id_changes(published_entries(FEEDS), {}, render().selection.entries, ENTRIES)


# The diff


@pytest.mark.parametrize(
    ("formats", "read"),
    [
        (("atom", "rss", "json"), ["archive/1.atom.xml", "archive/2.atom.xml", "atom.xml"]),
        (("rss", "json"), ["archive/1.json", "archive/2.json", "feed.json"]),
        (("rss",), ["archive/1.rss.xml", "archive/2.rss.xml", "rss.xml"]),
    ],
)
def test_a_diff_reads_the_main_feed_and_archives_of_the_best_format(
    formats: tuple[str, ...], read: list[str]
) -> None:
    names = [
        "index.html",
        "2025/a/index.html",
        *(f"{base}.{suffix}" for base in ("archive/1", "archive/2") for suffix in SUFFIXES),
        "atom.xml",
        "rss.xml",
        "feed.json",
        *(f"tags/news.{suffix}" for suffix in SUFFIXES),
        "_headers",
    ]
    assert sorted(name for name in names if in_history(name, formats)) == read


SUFFIXES = ("atom.xml", "rss.xml", "json")


def test_nothing_changed_is_an_empty_diff(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()

    result = diff()

    assert result == Diff()
    assert not result.changed


def test_a_new_entry_is_new(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    publish()
    write("c.md", doc("Gamma", 3))
    write("b.md", doc("Beta", 2))

    result = diff()

    assert ids(result.new) == [TAG + "b", TAG + "c"]
    assert [entry.source for entry in result.new] == ["b.md", "c.md"]
    assert (result.updated, result.removed, result.silent) == ((), (), ())


def test_an_edit_with_a_new_updated_is_updated(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()
    write("a.md", doc("Alpha", body="A better body.", updated="2025-03-10"))

    result = diff()

    assert [(c.new.id, c.old.updated, c.new.updated) for c in result.updated] == [
        (TAG + "a", datetime(2025, 3, 1, tzinfo=UTC), datetime(2025, 3, 10, tzinfo=UTC))
    ]
    assert "content" in result.updated[0].fields
    assert (result.new, result.removed, result.silent, result.id_changes) == ((), (), (), ())


def test_a_new_updated_alone_is_updated(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    publish()
    write("a.md", doc("Alpha", updated="2025-03-10"))

    result = diff()

    assert [(change.new.id, change.fields) for change in result.updated] == [(TAG + "a", ())]


def test_an_edit_without_a_new_updated_is_silent(site: Site) -> None:
    site(**{"a.md": doc("Alpha", body="A typo: teh end."), "b.md": doc("Beta", 2)})
    publish()
    write("a.md", doc("Alpha", body="A typo: the end."))

    result = diff()

    assert [(c.new.id, c.fields) for c in result.silent] == [(TAG + "a", ("content", "summary"))]
    assert (result.new, result.updated, result.removed, result.id_changes) == ((), (), (), ())


@pytest.mark.parametrize("formats", ['["atom"]', '["rss"]', '["json"]'])
def test_authors_link_image_or_date_edited_without_a_new_updated_are_silent(
    site: Site, formats: str
) -> None:
    # diff said "no changes" while readers were shown another author, link and image.
    site(
        config=BASIC_CONFIG + f"formats = {formats}\n",
        **{"a.md": doc("Alpha", updated="2025-03-05")},
    )
    publish()
    front = {"author": "Bo Chen", "link": "https://else.test/a", "image": "https://else.test/a.png"}
    write("a.md", doc("Alpha", updated="2025-03-05", **front))

    assert [c.fields for c in diff().silent] == [("link", "authors", "image")]

    publish()
    write("a.md", doc("Alpha", 2, updated="2025-03-05", **front))

    assert [c.fields for c in diff().silent] == [("date",)]


def test_a_format_added_changes_nothing_readers_have(site: Site) -> None:
    # Read from RSS before and Atom after, every entry was listed as updated.
    site(config=BASIC_CONFIG + 'formats = ["rss"]\n', **{"a.md": doc("Alpha"), "b.md": doc("B", 2)})
    publish()
    Path("staticfeed.toml").write_text(BASIC_CONFIG + 'formats = ["rss", "atom"]\n', "utf-8")

    result = diff()

    assert not result.changed, result


def test_an_id_change_is_listed_once_not_as_removed_and_new(site: Site) -> None:
    site(**{"a.md": doc("Alpha")})
    publish()
    rename("a.md", "b.md")

    result = diff()

    assert [(c.old_id, c.new_id, c.source) for c in result.id_changes] == [
        (TAG + "a", TAG + "b", "b.md")
    ]
    assert (result.new, result.removed) == ((), ())


def test_the_diff_is_sorted_and_json_ready(site: Site) -> None:
    site(**{f"{name}.md": doc(name.upper(), day) for day, name in enumerate("edcba", start=1)})
    publish()
    for name in "ecb":
        write(f"{name}.md", doc(name.upper() + "!", 9))
    for name in "da":
        (ENTRIES / f"{name}.md").unlink()
    # New texts: of the date of an entry that moved off it, and its text, Y would be C
    # renamed and retitled.
    write("z.md", doc("Z", 2, body="Zed."))
    write("y.md", doc("Y", 3, body="Why."))

    result = diff()

    assert changed_ids(result.updated) == [TAG + "b", TAG + "c", TAG + "e"]
    assert [change.fields for change in result.updated] == [("title", "date")] * 3
    assert ids(result.removed) == [TAG + "a", TAG + "d"]
    assert ids(result.new) == [TAG + "y", TAG + "z"]
    data = json.loads(json.dumps(result.to_json()))
    assert list(data) == ["new", "updated", "removed", "id_changed", "silent", "feeds_removed"]
    assert data["new"][0] == {
        "id": TAG + "y",
        "title": "Y",
        "file": "y.md",
        "updated": "2025-03-03T00:00:00+00:00",
        "archive": None,
    }
    assert result.to_json(ENTRIES)["new"][0]["file"] == "entries/y.md"


# Archives and other formats


def test_an_entry_only_in_an_archive_is_published(site: Site) -> None:
    site(
        config=BASIC_CONFIG + "limit = 2\narchive_size = 2\n",
        **{f"p{day}.md": doc(f"Post {day}", day) for day in range(1, 6)},
    )
    publish()
    assert (FEEDS / "archive/2.atom.xml").is_file()

    published = published_entries(FEEDS)

    assert sorted(published) == [TAG + f"p{day}" for day in range(1, 6)]
    assert published[TAG + "p1"].file == "archive/1.atom.xml"
    assert published[TAG + "p5"].file == "atom.xml"
    rename("p1.md", "old/p1.md")
    (ENTRIES / "p2.md").unlink()
    assert [(c.old_id, c.new_id) for c in id_changes()] == [(TAG + "p1", TAG + "old/p1")]
    result = diff()
    assert ids(result.removed) == [TAG + "p2"]
    assert result.new == ()


def test_the_same_function_reads_both_sides(site: Site) -> None:
    site(**{"a.md": doc("Alpha"), "b.md": doc("Beta", 2)})
    publish()
    rendered = render()
    files = {file.name: file.content for file in rendered.files}

    fresh = fresh_entries(files, rendered.selection.entries, ENTRIES)

    assert fresh == published_entries(FEEDS)
    assert compare(published_entries(FEEDS), fresh) == Diff()
    assert entries_in_files({}) == {}


@pytest.mark.parametrize(
    ("formats", "has_updated"), [('["rss"]', False), ('["json"]', True), ('["rss", "json"]', True)]
)
def test_feeds_without_atom_are_read_too(site: Site, formats: str, has_updated: bool) -> None:
    site(
        config=BASIC_CONFIG + f"formats = {formats}\n",
        **{"a.md": doc("Alpha", updated="2025-03-04"), "b.md": doc("Beta", 2)},
    )
    publish()
    assert not (FEEDS / "atom.xml").exists()

    published = published_entries(FEEDS)

    alpha = published[TAG + "a"]
    assert (alpha.title, alpha.source) == ("Alpha", "a.md")
    assert alpha.published == datetime(2025, 3, 1, tzinfo=UTC)
    assert alpha.updated == (datetime(2025, 3, 4, tzinfo=UTC) if has_updated else None)
    assert alpha.content_hash is not None and alpha.summary_hash is not None
    assert diff() == Diff()
    rename("a.md", "c.md")
    assert [c.new_id for c in id_changes()] == [TAG + "c"]
