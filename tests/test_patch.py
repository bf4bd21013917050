"""A rebuild after an edit that changes only what an entry shows (staticfeed.patch) patches the
files that show it, and leaves the same files, and prints the same report, as a full build.
Any other change makes the build a full one."""

from __future__ import annotations

import functools
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from staticfeed import delta, pipeline, stamp
from tests.conftest import files_under, seed_history
from tests.test_output import build_killed
from tests.test_stamp import AGED, default_scan, run, write

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = """\
title = "Patched feed"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
timezone = "Europe/Kyiv"
authors = [{ name = "Default Author" }]
limit = 3
archive_size = 2
"""


def post(title: str, date: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndate: {date}\n{extra}---\n"
        f"First paragraph of {title}.\n\nMore about {title}, past its summary.\n"
    )


DOCUMENTS = {
    "2025/alpha.md": post("Alpha", "2025-01-01", "tags: [news, peace]\n"),
    "2025/beta.md": post("Beta", "2025-01-02 09:30", "author: Ann Lee <ann@example.org>\n"),
    "2025/gamma.md": post("Gamma", "2025-01-03T10:00", "tags: [news]\nauthors: [Ann Lee, Bo]\n"),
    "2025/delta.md": post("Delta", "2025-01-04", "lang: uk\nimage: https://example.org/d.png\n"),
    "2025/epsilon.md": post("Epsilon", "2025-01-05", "link: https://elsewhere.example/e\n"),
    "2025/zeta.md": post("Zeta", "2025-01-06", "tags: [peace]\n"),
    "2025/eta.md": post("Eta", "2025-02-01", "draft: true\n"),
}


def edit(name: str, old: str, new: str, *, aged: bool = True) -> None:
    text = Path("entries", name).read_text(encoding="utf-8")
    assert old in text
    write(f"entries/{name}", text.replace(old, new), aged=aged)


@pytest.fixture(autouse=True)
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "publication"
    folder.mkdir()
    monkeypatch.chdir(folder)
    write("staticfeed.toml", CONFIG)
    for name, text in DOCUMENTS.items():
        write(f"entries/{name}", text)
    first = run("build")
    assert first.exit_code == 0, first.output
    return folder


def patched(result: Result) -> bool:
    """Whether the build patched files rather than reading every document."""
    phases = [line.split(":")[1].strip() for line in result.stderr.splitlines()]
    return "patch files" in phases and not any(p.startswith("read documents") for p in phases)


def build_like_a_full_build(change: Callable[[], object]) -> Result:
    """Make `change` here and in a copy of the publication without the records a patch needs,
    then build both: the same files, and the same report. Both equal a build without the
    cache, too."""
    shutil.copytree(".", "../twin", symlinks=True)
    change()
    before = files_under(Path("feeds"))
    built = run("build", "--verbose")
    assert built.exit_code == 0, built.output
    os.chdir("../twin")
    try:
        change()
        for record in Path(".staticfeed-cache").glob("*-*.json"):
            record.unlink()  # the stamp and the placing: this build is a full one
        full = run("build", "--verbose")
        assert full.exit_code == 0, full.output
        assert not patched(full)
    finally:
        os.chdir("../publication")
    assert (built.stdout, built.stderr.count("Warning")) == (full.stdout, 0)
    assert files_under(Path("feeds")) == files_under(Path("../twin/feeds"))
    seed_history(Path("../fresh"))
    fresh = run("build", "--no-cache", "--out", "../fresh")
    assert fresh.exit_code == 0, fresh.output
    assert files_under(Path("feeds")) == files_under(Path("../fresh"))
    shutil.rmtree("../twin")
    shutil.rmtree("../fresh")
    # What the report says was written is what changed, byte for byte (but the build's own
    # state files, and pages, which it counts).
    after = files_under(Path("feeds"))
    changed = {name for name, content in after.items() if before.get(name) != content}
    reported = {name for name in changed if not name.endswith(".html")} - STATE_FILES
    assert set(written(built)) == reported
    return built


STATE_FILES = {".staticfeed-files", ".staticfeed-ids"}


def written(result: Result) -> list[str]:
    """The files but pages the build reports as written, by path under feeds/."""
    lines = result.stdout.splitlines()
    return [line.split()[1].removeprefix("feeds/") for line in lines if line.startswith("wrote ")]


def pages_line(result: Result) -> str:
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("pages: ")]
    return line


def feeds_holding(title: str) -> set[str]:
    """The feed files under feeds/ that carry the entry titled `title`, read with lxml and
    json: Atom <entry>, RSS <item>, JSON Feed items."""
    holding = set()
    for path in Path("feeds").rglob("*"):
        name = path.relative_to("feeds").as_posix()
        if path.suffix == ".json":
            titles = [item.get("title") for item in json.loads(path.read_text())["items"]]
        elif name.endswith(("atom.xml", "rss.xml")):
            root = etree.parse(str(path)).getroot()
            items = root.iter(f"{ATOM}entry", "item")
            titles = [item.findtext(f"{ATOM}title") or item.findtext("title") for item in items]
        else:
            continue
        if title in titles:
            holding.add(name)
    return holding


def contents(name: str) -> list[str]:
    """The HTML of every item of the feed file feeds/`name`."""
    path = Path("feeds", name)
    if path.suffix == ".json":
        return [item["content_html"] for item in json.loads(path.read_text())["items"]]
    root = etree.parse(str(path)).getroot()
    encoded = "{http://purl.org/rss/1.0/modules/content/}encoded"
    found = root.iter(f"{ATOM}content", encoded)
    return [element.text or "" for element in found]


def test_an_edit_past_the_summary_patches_only_the_files_that_show_the_entry() -> None:
    holding = feeds_holding("Alpha")
    assert len(holding) == 9  # an archive and two tag feeds, in three formats

    built = build_like_a_full_build(
        lambda: edit("2025/alpha.md", "past its summary.", "past its summary, and edited.")
    )

    assert patched(built), built.stderr
    assert set(written(built)) == holding
    assert pages_line(built) == "pages: wrote 1, unchanged 6 (feeds/index.html and one per entry)"
    for name in holding:
        assert any("and edited." in html for html in contents(name)), name
    page = Path("feeds/2025/alpha/index.html").read_text(encoding="utf-8")
    assert "past its summary, and edited." in page


LINK_TO_EPSILON = ("2025/zeta.md", "past its summary.", "past its summary; see [E](epsilon.md#x).")


def after_linking_to_epsilon(name: str, old: str, new: str) -> None:
    """Zeta links to Epsilon's document (a build), then `name` is edited."""
    edit(*LINK_TO_EPSILON)
    run("build")
    edit(name, old, new)


EDITS_THAT_PATCH: dict[str, Callable[[], object]] = {
    "the newest entry's text": lambda: edit("2025/zeta.md", "More about", "Much more about"),
    "an entry with two authors": lambda: edit("2025/gamma.md", "past its", "beyond its"),
    "an entry with an image and a language": lambda: edit(
        "2025/delta.md", "past its summary.", "past its summary: **bold** [a link](x.html)."
    ),
    "an entry's own link": lambda: edit(
        "2025/epsilon.md", "https://elsewhere.example/e", "https://elsewhere.example/moved"
    ),
    "two entries at once": lambda: [
        edit("2025/alpha.md", "past its", "after its"),
        edit("2025/zeta.md", "past its", "after its"),
    ],
    "an entry's text, then another's in the next build": lambda: [
        edit("2025/alpha.md", "past its", "after its"),
        run("build"),
        edit("2025/beta.md", "past its", "after its"),
    ],
    "an enclosure added": lambda: edit(
        "2025/beta.md",
        "---\nFirst",
        "enclosures: [{url: 'https://cdn.example/b.mp3', type: audio/mpeg, length: 12}]\n"
        "---\nFirst",
    ),
    "a draft's text": lambda: edit("2025/eta.md", "past its", "after its"),
    "the text of an entry another links to": lambda: after_linking_to_epsilon(
        "2025/epsilon.md", "past its", "after its"
    ),
    "an entry's text after an entry was added": lambda: [
        write("entries/2025/theta.md", post("Theta", "2025-01-07")),
        run("build"),
        edit("2025/alpha.md", "past its", "after its"),
    ],
    "a file touched, not changed": lambda: os.utime("entries/2025/beta.md", (AGED + 5, AGED + 5)),
    "a title, which the index lists": lambda: edit("2025/beta.md", "title: Beta", "title: Bet"),
    "a title with what HTML escapes": lambda: edit(
        "2025/beta.md", "title: Beta", "title: 'Beta <b> & \"quoted\" </article>'"
    ),
    "the oldest entry's title, the index's last article": lambda: edit(
        "2025/alpha.md", "title: Alpha", "title: Alef"
    ),
    "the summary's paragraph": lambda: edit("2025/beta.md", "First paragraph", "Opening"),
    "a summary given": lambda: edit("2025/beta.md", "---\nFirst", "summary: Short.\n---\nFirst"),
    "a language": lambda: edit("2025/delta.md", "lang: uk", "lang: de"),
    "one entry's text and another's title": lambda: [
        edit("2025/alpha.md", "past its", "after its"),
        edit("2025/zeta.md", "title: Zeta", "title: Zed"),
    ],
    "a title, then another edit of the same entry": lambda: [
        edit("2025/beta.md", "title: Beta", "title: Bet"),
        run("build"),
        edit("2025/beta.md", "past its", "after its"),
    ],
    "a title, then the title it had": lambda: [
        edit("2025/beta.md", "title: Beta", "title: Bet"),
        run("build"),
        edit("2025/beta.md", "title: Bet", "title: Beta"),
    ],
    "a title, then another entry's title": lambda: [
        edit("2025/beta.md", "title: Beta", "title: Bet"),
        run("build"),
        edit("2025/gamma.md", "title: Gamma", "title: Gam"),
    ],
}


@pytest.mark.parametrize("change", EDITS_THAT_PATCH.values(), ids=list(EDITS_THAT_PATCH))
def test_an_edit_that_changes_only_what_an_entry_shows_is_patched(
    change: Callable[[], object],
) -> None:
    built = build_like_a_full_build(change)
    assert patched(built), built.stderr


PATCHABLE_EDITS: dict[str, Callable[[str, int], object]] = {
    "title": lambda name, n: edit(name, "title: ", f"title: T{n} "),
    "first paragraph": lambda name, n: edit(name, "\nFirst", f"\nFirst{n} & <i>"),
    "text past the summary": lambda name, n: edit(name, "summary.", f"summary. *{n}*"),
}


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    builds=st.lists(
        st.lists(
            st.tuples(st.sampled_from(sorted(DOCUMENTS)), st.sampled_from(sorted(PATCHABLE_EDITS))),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_any_sequence_of_patched_edits_leaves_the_files_of_a_build_without_the_cache(
    builds: list[list[tuple[str, str]]],
) -> None:
    """Edits of titles, summaries and text, to one entry or several, over several builds:
    each build is a patch, and leaves the files a build without the cache makes. The
    examples run one after another on the same publication, so each starts where the last
    one left it."""
    for number, edits in enumerate(builds):
        for name, kind in edits:
            PATCHABLE_EDITS[kind](name, number)
        built = run("build", "--verbose")
        assert built.exit_code == 0, built.output
        assert patched(built), (edits, built.stderr)
        fresh = run("build", "--no-cache", "--out", "../fresh")
        assert fresh.exit_code == 0, fresh.output
        assert files_under(Path("feeds")) == files_under(Path("../fresh")), edits
        shutil.rmtree("../fresh")


def test_a_draft_edited_changes_no_file() -> None:
    built = build_like_a_full_build(lambda: edit("2025/eta.md", "past its", "after its"))
    assert written(built) == []
    assert pages_line(built).startswith("pages: wrote 0, ")
    assert "left out 1 draft; --drafts includes them" in built.stdout.splitlines()


EDITS_THAT_BUILD_IN_FULL: dict[str, Callable[[], object]] = {
    "a date": lambda: edit("2025/beta.md", "2025-01-02 09:30", "2025-01-02 09:31"),
    "a date that reorders the feeds": lambda: edit("2025/alpha.md", "2025-01-01", "2025-03-01"),
    "a tag added": lambda: edit("2025/beta.md", "---\nFirst", "tags: [news]\n---\nFirst"),
    "a tag removed": lambda: edit("2025/zeta.md", "tags: [peace]\n", ""),
    "an author's email": lambda: edit("2025/beta.md", "ann@example.org", "ann@example.net"),
    "an image removed": lambda: edit("2025/delta.md", "image: https://example.org/d.png\n", ""),
    "a draft published": lambda: edit("2025/eta.md", "draft: true\n", ""),
    "an entry made a draft": lambda: edit("2025/beta.md", "---\nFirst", "draft: true\n---\nFirst"),
    "a slug": lambda: edit(
        "2025/beta.md", "---\nFirst", "id: tag:example.org,2025:2025/beta\nslug: b\n---\nFirst"
    ),
    "an entry added": lambda: write("entries/2025/theta.md", post("Theta", "2025-01-07")),
    "an entry removed": lambda: Path("entries/2025/beta.md").unlink(),
    "an entry renamed with its id kept": lambda: [
        edit("2025/beta.md", "---\nFirst", "id: tag:example.org,2025:2025/beta\n---\nFirst"),
        run("build"),
        Path("entries/2025/beta.md").rename("entries/2025/bravo.md"),
    ],
    "a tag taken back, added in a build that added an entry": lambda: [
        edit("2025/beta.md", "---\nFirst", "tags: [news]\n---\nFirst"),
        write("entries/2025/theta.md", post("Theta", "2025-01-07")),
        run("build"),
        edit("2025/beta.md", "tags: [news]\n", ""),
    ],
    "a file that is not a document added": lambda: write("entries/cover.png", "PNG"),
    "a file that is not a document changed": lambda: [
        write("entries/cover.png", "PNG"),
        run("build"),
        write("entries/cover.png", "PNG, changed"),
    ],
    "the config": lambda: write("staticfeed.toml", CONFIG.replace("limit = 3", "limit = 4")),
    "a link to another entry's document": lambda: edit(*LINK_TO_EPSILON),
    "the text of an entry that links to another's document": lambda: after_linking_to_epsilon(
        "2025/zeta.md", "More about", "Much more about"
    ),
    "the link of an entry another links to, which its HTML holds": lambda: after_linking_to_epsilon(
        "2025/epsilon.md", "https://elsewhere.example/e", "https://elsewhere.example/moved"
    ),
}


@pytest.mark.parametrize(
    "change", EDITS_THAT_BUILD_IN_FULL.values(), ids=list(EDITS_THAT_BUILD_IN_FULL)
)
def test_an_edit_that_moves_an_entry_or_changes_a_list_builds_in_full(
    change: Callable[[], object],
) -> None:
    built = build_like_a_full_build(change)
    assert not patched(built), built.stderr
    assert "time: read documents (" in built.stderr


def test_an_edit_with_a_warning_builds_in_full_and_gives_the_warning() -> None:
    edit("2025/beta.md", "past its summary.", "past its summary.\x07")
    built = run("build", "--verbose")
    assert built.exit_code == 0, built.output
    assert not patched(built)
    warnings = [line for line in built.stderr.splitlines() if line.startswith("Warning: ")]
    assert len(warnings) == 1 and warnings[0].startswith("Warning: entries/2025/beta.md:"), warnings
    # The warning stays until the document is fixed: the next edit is not patched either.
    edit("2025/alpha.md", "past its", "after its")
    again = run("build", "--verbose")
    assert not patched(again)
    assert again.stderr.count("Warning: ") == 1


def test_an_edit_with_an_error_changes_no_file_and_names_it() -> None:
    before = files_under(Path("feeds"))
    edit("2025/beta.md", "date: 2025-01-02 09:30", "date: the second of January")
    failed = run("build")
    assert failed.exit_code == 1
    assert failed.stderr.startswith("Error: entries/2025/beta.md:3: ")
    assert files_under(Path("feeds")) == before


def test_a_document_replaced_by_a_link_out_of_the_entries_folder_is_an_error() -> None:
    """A patch reads no link: the full build says that it is never followed."""
    before = files_under(Path("feeds"))
    write("../outside.md", DOCUMENTS["2025/alpha.md"].replace("past its", "after its"))
    Path("entries/2025/alpha.md").unlink()
    Path("entries/2025/alpha.md").symlink_to(Path("../outside.md").resolve())
    failed = run("build")
    assert failed.exit_code == 1
    assert failed.stderr.startswith(
        "Error: entries/2025/alpha.md: the file is a link to outside the entries folder"
    )
    assert files_under(Path("feeds")) == before


def test_more_documents_edited_than_a_patch_takes_build_in_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(delta, "MOST_CHANGED", 1)
    built = build_like_a_full_build(
        lambda: [
            edit("2025/alpha.md", "past its", "after its"),
            edit("2025/zeta.md", "past its", "after its"),
        ]
    )
    assert not patched(built)


def test_a_document_edited_twice_in_the_same_clock_tick_is_read_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stat cannot tell two versions written within the clock's resolution apart: the
    second must still reach the feeds (staticfeed.stamp's racy rule). The file system here
    keeps nanoseconds and a ctime; one that keeps whole seconds and no ctime is simulated."""

    def coarse(stat: os.stat_result) -> str:
        return f"{stat.st_size} {stat.st_mtime_ns // 1_000_000_000} {stat.st_ino}"

    monkeypatch.setattr(stamp, "_stat_text", coarse)
    assert run("build").exit_code == 0
    path = Path("entries/2025/alpha.md")
    edit("2025/alpha.md", "past its summary.", "past its summary: version A.", aged=False)
    first = run("build", "--verbose")
    assert patched(first), first.stderr
    stat = path.stat()
    edit("2025/alpha.md", "version A.", "version B.", aged=False)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same size and mtime
    second = build_like_a_full_build(lambda: None)
    assert patched(second), second.stderr
    assert any("version B." in html for html in contents("archive/1.atom.xml"))


def test_a_full_build_after_patches_leaves_the_same_files() -> None:
    """The build cache is not told about a patch; it finds the patched files and documents
    changed, and makes them again, the same."""
    for number in range(3):
        edit("2025/alpha.md", "past its", f"past, {number}, its")
        assert patched(run("build", "--verbose"))
        edit("2025/alpha.md", f"past, {number}, its", "past its")
        assert patched(run("build", "--verbose"))
    for record in Path(".staticfeed-cache").glob("*-*.json"):
        record.unlink()
    built = build_like_a_full_build(lambda: edit("2025/zeta.md", "More about", "All about"))
    assert not patched(built)
    assert set(written(built)) == feeds_holding("Zeta")


@pytest.mark.parametrize(
    "damaged",
    [["a", "list"], "too few parts", "a b c 99", "a b c 1,\u00b2", "a  c 1", None],
    ids=["a list", "three parts", "a feed that is not there", "not a number", "no key", "none"],
)
def test_a_damaged_placing_builds_in_full(damaged: object) -> None:
    """The record is checked as the stamp is (a checksum); one of the right checksum but the
    wrong shape is ignored too."""
    (path,) = Path(".staticfeed-cache").glob("delta-*.json")
    record = stamp.read(path)
    assert record is not None
    documents = record["documents"]
    assert isinstance(documents, dict)
    documents["2025/alpha.md"] = damaged
    stamp.write(path, record)
    built = build_like_a_full_build(lambda: edit("2025/alpha.md", "past its", "after its"))
    assert not patched(built)


@pytest.fixture
def guard_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a build's id guard read every published feed."""
    runs: list[int] = []
    original = pipeline.published_entries

    def counted(*args: Any) -> Any:
        runs.append(1)
        return original(*args)

    monkeypatch.setattr(pipeline, "published_entries", counted)
    return runs


def test_after_a_patch_a_full_build_does_not_read_every_feed_for_changed_ids(
    guard_runs: list[int],
) -> None:
    """The files a patch rewrote are not as the build cache last saw them, but a patch changes
    no id: the full build after it need not look for ids that changed (0.8 s at 10,000)."""
    edit("2025/alpha.md", "past its", "after its")
    assert patched(run("build", "--verbose"))
    write("entries/2025/theta.md", post("Theta", "2025-01-07"))
    built = run("build", "--verbose")
    assert built.exit_code == 0, built.output
    assert not patched(built)
    assert guard_runs == []
    seed_history(Path("../fresh"))
    assert run("build", "--no-cache", "--out", "../fresh").exit_code == 0
    assert files_under(Path("feeds")) == files_under(Path("../fresh"))


def test_files_of_one_title_and_date_that_swapped_names_are_not_patched() -> None:
    # Each keeps its id, title, date and placing, and a patch would have given each id the
    # other's text: readers would take each for an edit of the one they have (read, or
    # starred, as the other was).
    write("entries/2025/notes-1.md", post("Notes", "2025-01-08").replace("Notes.", "Notes, 1."))
    write("entries/2025/notes-2.md", post("Notes", "2025-01-08").replace("Notes.", "Notes, 2."))
    assert run("build").exit_code == 0
    before = files_under(Path("feeds"))
    first = Path("entries/2025/notes-1.md").read_text(encoding="utf-8")
    write("entries/2025/notes-1.md", Path("entries/2025/notes-2.md").read_text(encoding="utf-8"))
    write("entries/2025/notes-2.md", first)

    swapped = run("build", "--verbose")

    assert swapped.exit_code == 1, swapped.output
    assert not patched(swapped)
    assert "the files swapped names" in swapped.stderr
    assert files_under(Path("feeds")) == before


def test_a_patch_killed_once_a_page_is_in_place_is_made_whole_by_the_next_build() -> None:
    # A patch killed (SIGKILL, a power cut) after renaming the entry's page and before its
    # feeds leaves files neither the last build nor it left whole: the next build must not
    # take the published files, the stamp or the patch's record for what they say.
    edit("2025/zeta.md", "More about Zeta", "Much more about Zeta")
    where = build_killed("after-a-page")
    assert f"staticfeed{os.sep}patch.py" in where, where
    page = Path("feeds/2025/zeta/index.html").read_text(encoding="utf-8")
    assert "Much more about Zeta" in page  # the kill came after the page
    assert b"Much more about Zeta" not in Path("feeds/atom.xml").read_bytes()  # before the feed

    built = run("build")
    assert built.exit_code == 0, built.output
    seed_history(Path("../fresh"))
    fresh = run("build", "--no-cache", "--out", "../fresh")
    assert fresh.exit_code == 0, fresh.output
    assert files_under(Path("feeds")) == files_under(Path("../fresh"))


def test_an_edited_document_replaced_by_a_pipe_is_an_error_not_a_hang() -> None:
    # A patch read the edited document without looking at what it was: a pipe in its place
    # waited for ever for something to write into it.
    edit("2025/alpha.md", "past its", "after its")
    assert run("build").exit_code == 0
    before = files_under(Path("feeds"))
    Path("entries/2025/alpha.md").unlink()
    os.mkfifo("entries/2025/alpha.md")
    command = [sys.executable, "-m", "staticfeed", "build"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (
        1,
        "Error: entries/2025/alpha.md: the file is not a regular file (a pipe, a socket or a "
        "device). Replace it with a document, or rename it so that its name does not end in .md.\n",
    )
    assert files_under(Path("feeds")) == before


def test_after_a_patch_an_entry_renamed_without_its_id_is_still_an_error(
    guard_runs: list[int],
) -> None:
    edit("2025/alpha.md", "past its", "after its")
    assert patched(run("build", "--verbose"))
    before = files_under(Path("feeds"))
    Path("entries/2025/beta.md").rename("entries/2025/bravo.md")
    renamed = run("build")
    assert renamed.exit_code == 1
    assert renamed.stderr.startswith("Error: entries/2025/bravo.md: an entry with its title was")
    assert guard_runs == [1]
    assert files_under(Path("feeds")) == before


@pytest.mark.parametrize("pages", [True, False], ids=["pages", "no pages"])
def test_after_a_patched_retitle_a_new_document_at_a_renamed_files_name_is_an_error(
    pages: bool,
) -> None:
    # The build cache's titles are those of the last full build: "Beta" for beta.md, which a
    # patch retitled. A new "Beta" at its name made them the same again, the cache vouched
    # for the ids, and the guard never ran: "Beta, retitled" came again as a new entry.
    if not pages:
        write("staticfeed.toml", CONFIG + "pages = false\n")
        assert run("build").exit_code == 0
    edit("2025/beta.md", "title: Beta", "title: Beta, retitled")
    assert patched(run("build", "--verbose"))
    before = files_under(Path("feeds"))
    Path("entries/2025/beta.md").rename("entries/2025/bravo.md")
    write("entries/2025/beta.md", post("Beta", "2025-01-09"))

    renamed = run("build")

    assert renamed.exit_code == 1, renamed.output
    assert renamed.stderr.startswith(
        "Error: entries/2025/bravo.md: an entry with its title was published from 2025/beta.md"
    )
    assert files_under(Path("feeds")) == before


def swapped_names(document: str, other: str, title: str) -> str:
    """The id guard's error for `document`, which swapped names with `other` (now `title`)."""
    own, others = (f"tag:example.org,2025:2025/{name}" for name in (document, other))
    return (
        f"Error: entries/2025/{document}.md: an entry with its title was published from "
        f"2025/{other}.md with the id '{others}', which entries/2025/{other}.md now gives to "
        f"another entry (\"{title}\"), and this one's id is now '{own}', another published "
        f'entry\'s: the files swapped names, and feed readers would take "{title}" for an '
        f"edit of this one, and this one for an edit of the entry they have under '{own}'. "
        f'Add "id: {others}" to its front matter, and to each file that swapped names the id '
        "it had, or pass --allow-id-change.\n"
    )


def write_x_and_y() -> None:
    """Two entries of one date, "Ex" and "Why", published."""
    x_and_y = "---\ntitle: {}\ndate: 2025-03-01\n---\nText of {}, on its own.\n"
    write("entries/2025/x.md", x_and_y.format("Ex", "x"))
    write("entries/2025/y.md", x_and_y.format("Why", "y"))
    assert run("build").exit_code == 0


def assert_swapping_x_and_y_is_refused() -> None:
    """x.md and y.md, retitled "Why" and "Ex", swap names: the build refuses, as one without
    the cache (which always runs the id guard) does, and changes no file."""
    before = files_under(Path("feeds"))
    Path("entries/2025/x.md").rename("entries/2025/x.tmp")
    Path("entries/2025/y.md").rename("entries/2025/x.md")
    Path("entries/2025/x.tmp").rename("entries/2025/y.md")

    swapped = run("build")

    assert swapped.exit_code == 1, swapped.output
    assert swapped.stderr == swapped_names("x", "y", "Why") + swapped_names("y", "x", "Ex")
    assert files_under(Path("feeds")) == before
    assert run("build", "--no-cache").stderr == swapped.stderr


@pytest.mark.parametrize("pages", [True, False], ids=["pages", "no pages"])
def test_after_patched_retitles_files_that_swap_back_their_titles_and_names_are_an_error(
    pages: bool,
) -> None:
    # The build cache's titles are those of the last full build: x.md "Ex", y.md "Why". A
    # patch swapped the titles, and the files then swapped names: each id has its old title
    # again, with the other's text, which only the feeds' texts tell. The cache vouched for the
    # ids unless told that a patch may have retitled an entry, and the guard never ran.
    # Without pages there is no index to tell a retitle: any patch may have made one.
    if not pages:
        write("staticfeed.toml", CONFIG + "pages = false\n")
    write_x_and_y()
    edit("2025/x.md", "title: Ex", "title: Why")
    edit("2025/y.md", "title: Why", "title: Ex")
    assert patched(run("build", "--verbose"))
    assert_swapping_x_and_y_is_refused()


def keep_the_cache_as_loaded() -> Callable[[], None]:
    """What a build into another folder that loaded the build cache now does when it saves
    the cache after the next build here: it writes back the records of this folder's files
    it loaded (the stamp and the records of patches, kept by output folder, stay)."""
    cache = Path(".staticfeed-cache")
    by_folder = shutil.ignore_patterns("stamp-*", "delta-*")
    shutil.copytree(cache, "../loaded", ignore=by_folder)

    def save() -> None:
        for path in cache.iterdir():
            if path.is_dir():
                shutil.rmtree(path)
            elif not path.name.startswith(("stamp-", "delta-")):
                path.unlink()
        shutil.copytree("../loaded", cache, dirs_exist_ok=True)

    return save


def move_alpha_with_its_id() -> None:
    edit("2025/alpha.md", "title: Alpha\n", "title: Alpha\nid: tag:example.org,2025:2025/alpha\n")
    Path("entries/2025/alpha.md").rename("entries/2025/alpha-moved.md")


def add_a_draft() -> None:
    write("entries/2025/draft.md", post("Later", "2025-03-02", "draft: true\n"))


@pytest.mark.parametrize(
    "change", [move_alpha_with_its_id, add_a_draft], ids=["other pairs", "the same pairs"]
)
def test_a_cache_saved_by_a_build_into_another_folder_vouches_for_no_id_here(
    change: Callable[[], None],
) -> None:
    # A build into another folder (--drafts --out preview), run while a full build here
    # retitled x.md and y.md, saved the cache as it loaded it: with the titles of the build
    # before. The files then swapped names, each id taking its old title with the other's
    # text: the cache's titles match, but the files here are not those it recorded. The
    # (id, document) pairs did not tell, when the full build here (made full by `change`, a
    # file added or renamed) published the same ones.
    write_x_and_y()
    save_as_loaded = keep_the_cache_as_loaded()
    edit("2025/x.md", "title: Ex", "title: Why")
    edit("2025/y.md", "title: Why", "title: Ex")
    change()
    assert not patched(built := run("build", "--verbose")) and built.exit_code == 0
    save_as_loaded()
    assert_swapping_x_and_y_is_refused()


@pytest.mark.parametrize(
    "damaged",
    [
        {"made": "another build"},
        {"tree": {"2025/not-there.md": "1 2 3 4"}},
        {"state": 1},
        {"listed": {"2025/alpha.md": "<b>not a digest</b>"}},
        {"listed": {"2025/zeta.md": "0" * 32}},
        {"listed": ["2025/alpha.md"]},
    ],
    ids=[
        "of another full build",
        "a file that is not there",
        "no state",
        "a listing that is not a digest",
        "a listing of a document not patched",
        "listings that are not by document",
    ],
)
def test_a_damaged_record_of_patches_builds_in_full(damaged: dict[str, object]) -> None:
    """After a patch, the record of what it changed is checked too; one that cannot be used
    leaves the patched files and documents changed, which only a full build can vouch for."""
    assert patched(build_like_a_full_build(lambda: edit("2025/alpha.md", "past its", "after")))
    (path,) = Path(".staticfeed-cache").glob("delta-since-*.json")
    record = stamp.read(path)
    assert record is not None
    stamp.write(path, {**record, **damaged})
    built = build_like_a_full_build(lambda: edit("2025/zeta.md", "past its", "after its"))
    assert not patched(built)


@pytest.mark.parametrize("name", ["index.html", "tags/news.atom.xml"])
def test_a_file_changed_by_hand_in_the_output_folder_makes_a_full_build(name: str) -> None:
    """A patch changes files as the last build left them: the full build puts them back."""
    write(f"feeds/{name}", "Changed by hand.", aged=False)
    built = build_like_a_full_build(lambda: edit("2025/alpha.md", "past its", "after its"))
    assert not patched(built)


def test_custom_templates_make_every_edit_of_a_published_entry_a_full_build() -> None:
    """The index may show anything of every entry with the user's templates."""
    write("staticfeed.toml", CONFIG + 'templates = "templates"\n')
    write("templates/README", "Overrides.\n")
    assert run("build").exit_code == 0
    built = build_like_a_full_build(lambda: edit("2025/alpha.md", "past its", "after its"))
    assert not patched(built)
    drafted = build_like_a_full_build(lambda: edit("2025/eta.md", "past its", "after its"))
    assert patched(drafted), drafted.stderr


def test_a_scheduled_entry_that_falls_due_is_not_patched() -> None:
    due = datetime.now(UTC) + timedelta(days=1)
    write("entries/2025/later.md", post("Later", due.strftime("%Y-%m-%dT%H:%M:%SZ")))
    assert run("build").exit_code == 0
    edit("2025/alpha.md", "past its", "after its")
    scan = default_scan()
    assert delta.load(scan) is not None
    after_due = int((due + timedelta(seconds=1)).timestamp()) * 1_000_000_000
    assert delta.load(scan, now_ns=after_due) is None


def test_serve_patches_the_files_after_an_edit(tmp_path: Path) -> None:
    """`serve` rebuilds as `build` does: an edit to an entry's text is patched (the build
    cache, which a full build rewrites, is left as it was), with the files of a full build."""
    command = [sys.executable, "-m", "staticfeed", "serve", "--port", "0"]
    lines: queue.Queue[str] = queue.Queue()
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert server.stdout is not None
    reader = threading.Thread(target=lambda: [lines.put(line) for line in server.stdout or []])
    reader.start()
    try:
        assert wait_for_line(lines, "serving feeds at http://127.0.0.1:")
        index = Path(".staticfeed-cache/index.json")
        cache_written = index.stat().st_mtime_ns
        shutil.copytree(".", "../twin", symlinks=True)
        edit("2025/alpha.md", "past its summary.", "past its summary, served.")
        edited = Path("entries/2025/alpha.md").read_text(encoding="utf-8")
        # A watcher not ready yet misses a change: the same text is saved again each second.
        poke = functools.partial(write, "entries/2025/alpha.md", edited)
        assert wait_for_line(lines, "pages: wrote 1, unchanged 6", poke)
    finally:
        server.terminate()
        server.wait(timeout=10)
        reader.join(timeout=10)
    assert index.stat().st_mtime_ns == cache_written
    assert any("served." in html for html in contents("archive/1.atom.xml"))
    os.chdir("../twin")
    edit("2025/alpha.md", "past its summary.", "past its summary, served.")
    assert run("build", "--no-cache").exit_code == 0
    assert files_under(Path("feeds")) == files_under(Path("../publication/feeds"))


def wait_for_line(
    lines: queue.Queue[str], start: str, poke: Callable[[], object] = lambda: None
) -> bool:
    """Whether a line that begins with `start` comes within 30 s, `poke` called each second."""
    deadline, next_poke = time.monotonic() + 30, time.monotonic() + 1
    while time.monotonic() < deadline:
        if time.monotonic() >= next_poke:
            poke()
            next_poke = time.monotonic() + 1
        try:
            if lines.get(timeout=0.1).startswith(start):
                return True
        except queue.Empty:
            continue
    return False


def test_a_patch_does_not_load_the_pipeline() -> None:
    """A patch renders one entry: it imports what that takes, not the full build's modules
    (the pipeline, with the id guard's; importlib.metadata, for the cache's key; the worker
    processes' multiprocessing): 35 ms."""
    edit("2025/alpha.md", "past its", "after its")
    script = (
        "import sys\n"
        "from staticfeed.cli import cli\n"
        "try:\n"
        "    cli(['build', '--quiet', '--verbose'], prog_name='staticfeed')\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "heavy = ['staticfeed.pipeline', 'staticfeed.drift', 'importlib.metadata',\n"
        "         'staticfeed.parallel', 'multiprocessing']\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "time: patch files" in done.stderr
    assert done.stdout == "[]\n", done.stderr


@pytest.mark.parametrize(
    "change",
    [("past its summary", "beyond its summary"), ("First paragraph of", "Opening of")],
    ids=["text-past-the-summary", "the-summary"],
)
def test_a_patch_in_summary_mode_gives_the_files_a_full_build_gives(
    change: tuple[str, str],
) -> None:
    # With summaries only, JSON Feed items carry content_text, not content_html (f718625).
    write("staticfeed.toml", CONFIG + 'content = "summary"\n')
    assert run("build").exit_code == 0
    edit("2025/zeta.md", *change)
    built = run("build", "--verbose")
    assert built.exit_code == 0, built.output
    assert patched(built), built.stderr
    seed_history(Path("../fresh"))
    assert run("build", "--no-cache", "--out", "../fresh").exit_code == 0
    assert files_under(Path("feeds")) == files_under(Path("../fresh"))
    item = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))["items"][0]
    assert "content_html" not in item and item["content_text"] == item["summary"]


def test_after_a_preview_a_build_need_not_read_every_feed_for_changed_ids(
    guard_runs: list[int],
) -> None:
    """build --drafts shows eta.md, which .staticfeed-ids leaves out (a preview): the build
    after it, which holds eta back again, changed no published id, and need not read the
    feeds to know it."""
    assert run("build", "--drafts").exit_code == 0
    built = run("build")
    assert built.exit_code == 0, built.output
    assert guard_runs == []
