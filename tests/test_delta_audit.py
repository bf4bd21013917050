"""Gaps a hand mutation audit of delta.py found: records of the last build that must not be
trusted, and sequences of patched builds whose files no other test compared with a build
without the cache."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import html

from staticfeed import delta, patch, stamp
from tests.conftest import files_under
from tests.test_patch import (
    build_like_a_full_build,
    edit,
    patched,
    post,
    publication,  # noqa: F401 (the autouse fixture: the publication of test_patch)
)
from tests.test_stamp import default_scan, run, write

Record = dict[str, object]


def damage(pattern: str, change: Callable[[Record], object]) -> None:
    """Rewrite the record of the cache's folder named by `pattern`, checksum and all, so that
    only its shape is wrong: `change` edits it in place."""
    (path,) = Path(".staticfeed-cache").glob(pattern)
    record = stamp.read(path)
    assert record is not None
    change(record)
    stamp.write(path, record)


def first_count_true(record: Record) -> None:
    counts = record["counts"]
    assert isinstance(counts, list)
    record["counts"] = [True if count else count for count in counts]


def counts_past_the_files(record: Record) -> None:
    outputs, counts = record["outputs"], record["counts"]
    assert isinstance(outputs, list) and isinstance(counts, list)
    record["counts"] = counts + [None] * (len(outputs) + 1 - len(counts))


def each_main_link(change: Callable[[list[str]], object]) -> Callable[[Record], None]:
    def changed(record: Record) -> None:
        links = record["main"]
        assert isinstance(links, list) and links
        record["main"] = [change(link) for link in links]

    return changed


FULL_RECORDS_OF_THE_WRONG_SHAPE: dict[str, Callable[[Record], object]] = {
    "files not by name": lambda record: record.update(tree=["2025/alpha.md"]),
    "a build not named by text": lambda record: record.update(made=7),
    "left-out lines that are not text": lambda record: record.update(left_out=[1]),
    "documents not by name": lambda record: record.update(documents=["a", "b"]),
    "no feed plans": lambda record: record.update(plans=None),
    "feed plans that are not names": lambda record: record.update(plans=[1, 2, 3]),
    "no main feeds": lambda record: record.update(main=None),
    "no tag and author feeds": lambda record: record.update(topics=None),
    "a main feed that is a word of three letters": each_main_link(lambda link: "abc"),
    "a main feed of two parts": each_main_link(lambda link: link[:2]),
    "a main feed of four parts": each_main_link(lambda link: [*link, "x"]),
    "a main feed that is not text": each_main_link(lambda link: [1, 2, 3]),
    "no counts": lambda record: record.update(counts=None),
    "more counts than files": counts_past_the_files,
    "a count that is true, not a number": first_count_true,
    "ids that are not text": lambda record: record.update(ids=5),
}


@pytest.mark.parametrize(
    "change",
    FULL_RECORDS_OF_THE_WRONG_SHAPE.values(),
    ids=list(FULL_RECORDS_OF_THE_WRONG_SHAPE),
)
def test_a_record_of_the_wrong_shape_builds_in_full(change: Callable[[Record], object]) -> None:
    """The record is checked as the stamp is (a checksum); one of the right checksum and the
    wrong shape (a foreign or older staticfeed, a hand edit) is not trusted: the build is a
    full one, and no traceback."""
    damage("delta-[0-9a-f]*.json", change)
    built = build_like_a_full_build(lambda: edit("2025/alpha.md", "past its", "after its"))
    assert not patched(built), built.stderr


def with_plans(text: str) -> Callable[[list[str], int], str]:
    return lambda parts, plans: " ".join([*parts[:3], text.format(plans=plans)])


PLACINGS_OF_THE_WRONG_SHAPE: dict[str, Callable[[list[str], int], str]] = {
    "a feed one past the last": with_plans("{plans}"),
    "a feed counted from the end": with_plans("-1"),
    "its first feed counted from the end": lambda parts, plans: " ".join(
        [*parts[:3], str(int(parts[3].split(",")[0]) - plans)]
    ),
    # str.isdigit takes it, int() does not: no traceback.
    "a feed in superscript digits": with_plans("\u00b2"),
    "five parts": lambda parts, plans: " ".join([*parts, "0"]),
    "no listing": lambda parts, plans: " ".join([parts[0], parts[1], "", parts[3]]),
}


@pytest.mark.parametrize(
    "change", PLACINGS_OF_THE_WRONG_SHAPE.values(), ids=list(PLACINGS_OF_THE_WRONG_SHAPE)
)
def test_a_placing_of_the_wrong_shape_builds_in_full(
    change: Callable[[list[str], int], str],
) -> None:
    """Alpha's own placing, made wrong in one part only (test_patch damages it whole)."""

    def changed(record: Record) -> None:
        documents, plans = record["documents"], record["plans"]
        assert isinstance(documents, dict) and isinstance(plans, list)
        parts = documents["2025/alpha.md"].split(" ")
        assert len(parts) == 4 and parts[3], parts  # alpha is in feeds
        documents["2025/alpha.md"] = change(parts, len(plans))

    damage("delta-[0-9a-f]*.json", changed)
    built = build_like_a_full_build(lambda: edit("2025/alpha.md", "past its", "after its"))
    assert not patched(built), built.stderr


RECORDS_OF_PATCHES_OF_THE_WRONG_SHAPE: dict[str, Callable[[Record], object]] = {
    "stats not by file": lambda record: record.update(tree=["2025/alpha.md"]),
    "a stat that is a number": lambda record: record.update(tree={"2025/alpha.md": 5}),
    "a listing that is a number": lambda record: record.update(listed={"2025/alpha.md": 5}),
    "a listing too short": lambda record: record.update(listed={"2025/alpha.md": "0" * 31}),
    "a listing not in hex": lambda record: record.update(listed={"2025/alpha.md": "z" * 32}),
}


@pytest.mark.parametrize(
    "change",
    RECORDS_OF_PATCHES_OF_THE_WRONG_SHAPE.values(),
    ids=list(RECORDS_OF_PATCHES_OF_THE_WRONG_SHAPE),
)
def test_a_record_of_patches_of_the_wrong_shape_builds_in_full(
    change: Callable[[Record], object],
) -> None:
    edit("2025/alpha.md", "past its", "after its")
    assert patched(run("build", "--verbose"))
    damage("delta-since-*.json", change)
    built = build_like_a_full_build(lambda: edit("2025/zeta.md", "past its", "after its"))
    assert not patched(built), built.stderr


def index_titles() -> list[str]:
    """The titles of the index page's articles, newest first, read with lxml."""
    page = html.fromstring(Path("feeds/index.html").read_bytes())
    return [article.findtext(".//h3/a") or "" for article in page.iter("article")]


def test_titles_patched_back_and_forth_over_builds_leave_the_index_of_a_full_build() -> None:
    """Each build patches, and leaves what a build without the cache leaves: what a patch
    kept of the index (the listing of an entry it retitled) is kept across the patches that
    follow, the newest listing over an older one, until the next full build."""
    steps: list[tuple[Callable[[], object], str]] = [
        (lambda: edit("2025/beta.md", "title: Beta", "title: Bet"), "Bet"),
        (lambda: edit("2025/alpha.md", "past its", "after its"), "Bet"),
        (lambda: edit("2025/beta.md", "title: Bet", "title: Beta"), "Beta"),
        (lambda: edit("2025/beta.md", "title: Beta", "title: Bet"), "Bet"),
        (lambda: edit("2025/gamma.md", "past its", "after its"), "Bet"),
    ]
    for number, (change, beta) in enumerate(steps):
        built = build_like_a_full_build(change)
        assert patched(built), (number, built.stderr)
        assert beta in index_titles(), (number, index_titles())


def test_a_scheduled_entry_falls_due_after_a_patch() -> None:
    """The stamp a patch leaves replays the build only until the scheduled entry is due."""
    due = datetime.now(UTC) + timedelta(days=1)
    write("entries/2025/later.md", post("Later", due.strftime("%Y-%m-%dT%H:%M:%SZ")))
    assert run("build").exit_code == 0
    edit("2025/alpha.md", "past its", "after its")
    assert patched(run("build", "--verbose"))
    scan = default_scan()
    assert stamp.replay(scan) is not None  # nothing changed since the patch
    after_due = int((due + timedelta(seconds=1)).timestamp()) * 1_000_000_000
    assert stamp.replay(scan, now_ns=after_due) is None


def test_an_id_given_in_an_edit_is_refused_as_without_the_cache() -> None:
    """A new id is a new entry to readers: the id guard refuses it, patch or not."""
    before = files_under(Path("feeds"))
    edit("2025/beta.md", "title: Beta\n", "title: Beta\nid: tag:example.org,2025:other\n")
    built = run("build")
    assert built.exit_code == 1, built.output
    assert built.stderr.startswith(
        "Error: entries/2025/beta.md:3: this document was published with the id "
    )
    assert files_under(Path("feeds")) == before
    without_the_cache = run("build", "--no-cache")
    assert (without_the_cache.exit_code, without_the_cache.stderr) == (1, built.stderr)
    assert files_under(Path("feeds")) == before


def refused_as_without_the_cache(message: str) -> None:
    """The next build fails with `message` and changes no file, with the cache or without."""
    before = files_under(Path("feeds"))
    built = run("build")
    assert (built.exit_code, built.stderr) == (1, message), built.output
    assert files_under(Path("feeds")) == before
    without_the_cache = run("build", "--no-cache")
    assert (without_the_cache.exit_code, without_the_cache.stderr) == (1, message)
    assert files_under(Path("feeds")) == before


def test_a_slug_edited_to_take_another_entrys_page_is_refused_as_without_the_cache() -> None:
    """Beta keeps its id and takes alpha's page: the index lists a page by its URL, so a
    patch would find alpha's article and page there and overwrite both with beta's."""
    moved = "id: tag:example.org,2025:2025/beta\nslug: 2025/alpha\n---\nFirst"
    edit("2025/beta.md", "---\nFirst", moved)
    refused_as_without_the_cache(
        "Error: entries/2025/alpha.md: slug '2025/alpha' gives the same page as "
        "entries/2025/beta.md. Give one of them another slug: in its front matter.\n"
    )


def test_an_id_edited_to_another_entrys_is_refused_as_without_the_cache() -> None:
    """Beta takes the id of alpha, which is in every feed beta is in: a patch, which finds an
    entry's items by id, would put beta in place of alpha there."""
    author = "tags: [news, peace]\nauthor: Ann Lee <ann@example.org>\n"
    edit("2025/alpha.md", "tags: [news, peace]\n", author)
    assert run("build").exit_code == 0
    edit("2025/beta.md", "title: Beta\n", "title: Beta\nid: tag:example.org,2025:2025/alpha\n")
    refused_as_without_the_cache(
        "Error: entries/2025/beta.md: the entry has the same id as entries/2025/alpha.md "
        "(tag:example.org,2025:2025/alpha). Give one of them its own slug: or id: in the "
        "front matter.\n"
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda: edit("2025/beta.md", "---\nFirst", "updated: 2025-03-01\n---\nFirst"),
        lambda: edit(
            "2025/beta.md",
            "Ann Lee <ann@example.org>",
            "{name: Ann Lee, email: ann@example.org, uri: 'https://a.example/'}",
        ),
    ],
    ids=["an updated date given", "an author's URI given"],
)
def test_an_edit_of_what_a_feed_shows_of_an_entry_leaves_the_files_of_a_full_build(
    change: Callable[[], object],
) -> None:
    build_like_a_full_build(change)


def test_each_patch_reads_only_the_documents_edited_since_the_last_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A patch reads the documents edited since the build before it, not those an earlier
    patch read: their new stat is kept with the patch (delta.save_patched)."""
    read: list[str] = []
    original = patch.read_document

    def counted(config: Any, entries_dir: Path, path: Path) -> Any:
        read.append(path.relative_to(entries_dir).as_posix())
        return original(config, entries_dir, path)

    monkeypatch.setattr(patch, "read_document", counted)
    edits = [
        ("2025/beta.md", "title: Beta", "title: Bet"),
        ("2025/alpha.md", "past its", "after its"),
        ("2025/zeta.md", "past its", "after its"),
        ("2025/alpha.md", "after its", "past its"),
    ]
    for name, old, new in edits:
        read.clear()
        edit(name, old, new)
        assert patched(run("build", "--verbose"))
        assert read == [name]


def test_a_damaged_placing_of_a_document_a_patch_retitled_is_no_traceback() -> None:
    """What a patch kept of the index for beta.md, over a placing of the wrong shape: beta.md
    is not patched again, and the edit of another document is."""
    edit("2025/beta.md", "title: Beta", "title: Bet")
    assert patched(run("build", "--verbose"))

    def damaged(record: Record) -> None:
        documents = record["documents"]
        assert isinstance(documents, dict)
        documents["2025/beta.md"] = 1

    damage("delta-[0-9a-f]*.json", damaged)
    built = build_like_a_full_build(lambda: edit("2025/zeta.md", "past its", "after its"))
    assert patched(built), built.stderr
    again = build_like_a_full_build(lambda: edit("2025/beta.md", "past its", "after its"))
    assert not patched(again), again.stderr


def test_as_many_documents_edited_as_a_patch_takes_are_patched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(delta, "MOST_CHANGED", 2)

    def two_edits() -> None:
        edit("2025/alpha.md", "past its", "after its")
        edit("2025/zeta.md", "past its", "after its")

    built = build_like_a_full_build(two_edits)
    assert patched(built), built.stderr


def test_a_document_a_full_build_read_in_its_clock_tick_is_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As test_patch's test of a document edited twice in one clock tick, for a full build
    (a document added) that read the first version: the next build must read the second."""

    def coarse(stat: os.stat_result) -> str:
        return f"{stat.st_size} {stat.st_mtime_ns // 1_000_000_000} {stat.st_ino}"

    monkeypatch.setattr(stamp, "_stat_text", coarse)
    assert run("build").exit_code == 0
    path = write("entries/2025/theta.md", post("Theta", "2025-01-07", "tags: [news]\n"), aged=False)
    edit("2025/theta.md", "past its summary.", "past its summary: version A.", aged=False)
    first = run("build", "--verbose")
    assert first.exit_code == 0 and not patched(first), first.output
    stat = path.stat()
    edit("2025/theta.md", "version A.", "version B.", aged=False)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and mtime
    build_like_a_full_build(lambda: None)
    assert b"version B." in Path("feeds/atom.xml").read_bytes()


def test_a_record_of_patches_that_names_a_document_added_since_builds_in_full() -> None:
    """A record of patches may name only documents of the full build it follows: one that
    names a document added since, with its stat now, must not make it one already placed,
    which no patch would publish."""
    edit("2025/alpha.md", "past its", "after its")
    assert patched(run("build", "--verbose"))

    def added(record: Record) -> None:
        tree = record["tree"]
        assert isinstance(tree, dict)
        write("entries/2025/theta.md", post("Theta", "2025-01-07"))
        tree["2025/theta.md"] = default_scan().tree["2025/theta.md"]

    damage("delta-since-*.json", added)
    built = build_like_a_full_build(lambda: None)
    assert not patched(built), built.stderr
