"""Mutation audit of staticfeed.patch: after an edit, the patched files are the bytes a build
without the cache makes, whatever the size of the feeds the patch copies its parts from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from staticfeed import patch, stamp
from tests.conftest import files_under
from tests.test_patch import ATOM, CONFIG, DOCUMENTS, build_like_a_full_build, edit, patched, post
from tests.test_stamp import run, write


@pytest.fixture(autouse=True)
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "publication"  # build_like_a_full_build comes back to it by this name
    folder.mkdir()
    monkeypatch.chdir(folder)
    write("staticfeed.toml", CONFIG)
    for name, text in DOCUMENTS.items():
        write(f"entries/{name}", text)
    return folder


def first_build() -> None:
    built = run("build")
    assert built.exit_code == 0, built.output


def test_an_edit_next_to_an_entry_of_a_megabyte_leaves_the_files_of_a_full_build() -> None:
    """Patched feeds are copied a megabyte at a time around the new item: an entry of a
    long text makes the part before the edited item longer than that."""
    paragraphs = "".join(f"Paragraph {n} of a long text, {'word ' * 20}\n\n" for n in range(9000))
    write("entries/2025/long.md", post("Long", "2025-01-07") + paragraphs)
    first_build()
    assert Path("feeds/atom.xml").stat().st_size > 1 << 20  # more than one part

    built = build_like_a_full_build(lambda: edit("2025/zeta.md", "past its", "after its"))

    assert patched(built), built.stderr
    atom = Path("feeds/atom.xml").read_text(encoding="utf-8")
    assert "after its summary" in atom and "Paragraph 8999 of a long text" in atom


@pytest.mark.parametrize("size", [1, 2, 3])
def test_the_parts_a_patch_is_written_in_join_into_the_files_of_a_full_build(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """The parts between the new items are copied a megabyte at a time; made a few bytes each,
    every part ends at a boundary (the gaps of two bytes between JSON items too), as parts of
    a feed of hundreds of megabytes do."""
    first_build()
    monkeypatch.setattr(patch, "_CHUNK", size)

    built = build_like_a_full_build(
        lambda: [
            edit("2025/zeta.md", "past its", "after its"),  # neighbours in every feed of both
            edit("2025/epsilon.md", "title: Epsilon", "title: Eps"),  # and the index's article
        ]
    )

    assert patched(built), built.stderr


def test_without_pages_an_edit_leaves_items_that_link_where_a_full_build_links_them() -> None:
    """With `pages = false` an entry without a `link` links to no page of its own."""
    write("staticfeed.toml", CONFIG + "pages = false\n")
    first_build()

    built = build_like_a_full_build(lambda: edit("2025/zeta.md", "past its", "after its"))

    assert patched(built), built.stderr
    assert not Path("feeds/2025").exists()
    feed = etree.parse("feeds/atom.xml").getroot()
    links = [link.get("href") for link in feed.iter(f"{ATOM}link") if link.get("rel") != "self"]
    assert not any("/2025/zeta" in (href or "") for href in links)


def enclosure_lengths() -> set[str | None]:
    feed = etree.parse("feeds/atom.xml").getroot()
    return {
        link.get("length") for link in feed.iter(f"{ATOM}link") if link.get("rel") == "enclosure"
    }


def test_an_edit_that_adds_a_project_file_as_enclosure_measures_it_in_every_later_build() -> None:
    """The stamp does not watch the project's files a document names: a build that measured
    one is not recorded, so the next build measures it again, after it grew too."""
    first_build()
    write("media/episode.mp3", "x" * 100)
    edit("2025/zeta.md", "---\nFirst", "enclosures: [media/episode.mp3]\n---\nFirst")
    first_build()
    assert enclosure_lengths() == {"100"}

    write("media/episode.mp3", "x" * 250)  # the episode cut again, the document as it was
    built = run("build")
    assert built.exit_code == 0, built.output

    assert enclosure_lengths() == {"250"}
    fresh = run("build", "--no-cache", "--out", "../fresh")
    assert fresh.exit_code == 0, fresh.output
    assert files_under(Path("feeds")) == files_under(Path("../fresh"))


def test_two_entries_edited_at_once_are_patched_in_a_json_feed_only_publication() -> None:
    """Two edits are checked for a trade of titles and texts in the first format's feeds."""
    write("staticfeed.toml", CONFIG + 'formats = ["json"]\n')
    first_build()

    built = build_like_a_full_build(
        lambda: [
            edit("2025/alpha.md", "past its", "after its"),
            edit("2025/zeta.md", "past its", "after its"),
        ]
    )

    assert patched(built), built.stderr
    assert not Path("feeds/atom.xml").exists()


def test_a_draft_retitled_after_it_left_the_feeds_is_recorded_as_a_full_build_records_it() -> None:
    """`.staticfeed-ids` keeps the title an entry that left the feeds is held back with, so
    that the id guard knows it as that entry later: retitling the draft is a full build's
    to write there, and a patch leaves it to one."""
    first_build()
    edit("2025/zeta.md", "---\nFirst", "draft: true\n---\nFirst")
    first_build()  # Zeta leaves the feeds: the ids file remembers it as "Zeta"

    built = build_like_a_full_build(lambda: edit("2025/zeta.md", "title: Zeta", "title: Zed"))

    assert not patched(built), built.stderr
    records = Path("feeds/.staticfeed-ids").read_text(encoding="utf-8")
    assert '"Zed"' in records and '"Zeta"' in records  # the title it waits as, and readers'


def placed_in(name: str, feeds: Callable[[list[str], list[str]], list[str]]) -> None:
    """Give the document `name`, in the last build's record of where it placed each (a
    checksum vouches for it), the feeds `feeds` makes of the feed names and of those it names
    now: a record damaged where the checksum cannot tell."""
    (path,) = Path(".staticfeed-cache").glob("delta-*.json")
    record = stamp.read(path)
    assert record is not None
    documents, names = record["documents"], record["plans"]
    assert isinstance(documents, dict) and isinstance(names, list)
    *row, indexes = documents[name].split(" ")
    carried = [names[int(index)] for index in indexes.split(",")]
    plans = ",".join(str(names.index(feed)) for feed in feeds(names, carried))
    documents[name] = " ".join([*row, plans])
    stamp.write(path, record)


@pytest.mark.parametrize(
    "feeds",
    [
        lambda names, carried: [next(name for name in names if name not in carried)],
        lambda names, carried: [carried[0], carried[0], *carried[1:]],
    ],
    ids=["a feed that does not carry it", "a feed named twice"],
)
def test_a_record_that_places_an_edited_entry_wrongly_builds_in_full(
    feeds: Callable[[list[str], list[str]], list[str]],
) -> None:
    """The feeds the record names are read for the edited entry's items: one that lacks it,
    or one named twice, is no file to patch, and the full build makes the feeds again."""
    first_build()
    placed_in("2025/alpha.md", feeds)

    built = build_like_a_full_build(lambda: edit("2025/alpha.md", "past its", "after its"))

    assert not patched(built), built.stderr
    for name in ("archive/1.atom.xml", "tags/peace.atom.xml"):
        feed = etree.parse(f"feeds/{name}").getroot()
        contents = [element.text or "" for element in feed.iter(f"{ATOM}content")]
        assert sum("after its summary" in content for content in contents) == 1, name


def test_edits_with_errors_in_two_documents_name_both_and_change_no_file() -> None:
    """A full build lists every error at once: an edit a patch cannot read leaves it to one,
    not naming the first error alone, which a user would fix only to be told of the next."""
    first_build()
    before = files_under(Path("feeds"))
    edit("2025/alpha.md", "date: 2025-01-01", "date: the first of January")
    edit("2025/zeta.md", "date: 2025-01-06", "date: the sixth of January")

    failed = run("build")

    assert failed.exit_code == 1, failed.output
    errors = failed.stderr.splitlines()
    assert [line.split(" ", 2)[1] for line in errors] == [
        "entries/2025/alpha.md:3:",
        "entries/2025/zeta.md:3:",
    ], failed.stderr
    assert files_under(Path("feeds")) == before
    assert run("build", "--no-cache").stderr == failed.stderr
