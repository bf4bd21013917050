"""A build with nothing to do (staticfeed.stamp) prints what the last build printed, writes
nothing and loads none of the pipeline. Any change to what a build reads or writes makes the
next build a full one, whose files equal those of a build without the cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed import stamp
from staticfeed.cli import cli
from tests.conftest import files_under, remember_history, seed_history

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = """\
title = "Stamped feed"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
timezone = "UTC"
authors = [{ name = "Default Author" }]
templates = "templates"
"""
AGED = time.time() - 3600  # an hour ago: older than the two seconds a stamp distrusts


def post(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\nText of {title}.\n"


def run(*args: str) -> Result:
    remember_history(args)
    return CliRunner().invoke(cli, list(args), prog_name="staticfeed")


def write(name: str, text: str, *, aged: bool = True) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if aged:
        os.utime(path, (AGED, AGED))
    return path


@pytest.fixture(autouse=True)
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write("staticfeed.toml", CONFIG)
    write("templates/README", "Overrides of staticfeed's page templates.\n")
    write("entries/alpha.md", post("Alpha", "2025-01-01", "tags: [news]\n"))
    write("entries/beta.md", post("Beta", "2025-01-02"))
    write("entries/gamma.md", post("Gamma", "2025-01-03", "draft: true\n"))
    return tmp_path


def stamps() -> list[Path]:
    return sorted(Path(".staticfeed-cache").glob("stamp-*.json"))


def default_scan(*, drafts: bool = False, future: bool = False) -> stamp.Scan:
    """The stamp's scan of `staticfeed build` with no option but --drafts or --future, in the
    current folder."""
    invocation = stamp.Invocation(
        Path("staticfeed.toml"), Path("entries"), Path("feeds"), (None, drafts, future)
    )
    scan = stamp.scan(invocation)
    assert scan is not None
    return scan


def feed_files() -> dict[str, tuple[int, int]]:
    """Every file under feeds/, with its mtime and inode: a rewrite changes either."""
    return {
        path.as_posix(): (path.stat().st_mtime_ns, path.stat().st_ino)
        for path in sorted(Path("feeds").rglob("*"))
        if path.is_file()
    }


def atom_titles(name: str = "feeds/atom.xml") -> list[str | None]:
    root = etree.parse(name).getroot()
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def build_and_compare(*args: str) -> Result:
    """`staticfeed build ARGS`, then the same without the cache into another folder: both
    folders hold the same files, byte for byte."""
    built = run("build", *args)
    assert built.exit_code == 0, built.output
    seed_history(Path("fresh"))
    fresh = run("build", "--no-cache", "--out", "fresh", *args)
    assert fresh.exit_code == 0, fresh.output
    assert files_under(Path("feeds")) == files_under(Path("fresh"))
    shutil.rmtree("fresh")
    return built


def test_a_build_with_nothing_to_do_prints_the_same_report_and_writes_nothing() -> None:
    first = run("build")
    assert first.exit_code == 0, first.output
    assert len(stamps()) == 1
    left = feed_files()

    again = run("build")

    assert again.exit_code == 0, again.output
    assert feed_files() == left
    assert "wrote" not in again.stdout.replace("pages: wrote 0", "")
    assert "unchanged feeds/atom.xml (2 entries)" in again.stdout.splitlines()
    assert "left out 1 draft; --drafts includes them" in again.stdout.splitlines()
    # The full no-change build, without the stamp, prints exactly the same.
    for path in stamps():
        path.unlink()
    full = run("build")
    assert full.exit_code == 0, full.output
    assert (again.stdout, again.stderr) == (full.stdout, full.stderr)


def test_a_report_beyond_ascii_is_replayed_as_it_was_printed() -> None:
    """The stamp keeps what the build printed as ASCII with escapes; a folder's and a
    document's name in other scripts come back the same."""
    due = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    write("entries/später-日本.md", post("Later", due))
    first = run("build", "--out", "Ausgabe-ü")
    assert first.exit_code == 0, first.output
    assert "wrote Ausgabe-ü/atom.xml (2 entries)" in first.stdout.splitlines()
    assert len(stamps()) == 1
    options = (None, False, False)
    invocation = stamp.Invocation(
        Path("staticfeed.toml"), Path("entries"), Path("Ausgabe-ü"), options
    )
    scan = stamp.scan(invocation)
    assert scan is not None
    replayed = stamp.replay(scan)

    again = run("build", "--out", "Ausgabe-ü")

    assert again.exit_code == 0, again.output
    assert replayed == again.stdout.splitlines()  # the build replayed the stamp
    assert "unchanged Ausgabe-ü/atom.xml (2 entries)" in again.stdout.splitlines()
    assert "the next, entries/später-日本.md, is due" in again.stdout
    for path in stamps():
        path.unlink()
    full = run("build", "--out", "Ausgabe-ü")
    assert (again.stdout, again.stderr) == (full.stdout, full.stderr)


def test_after_a_build_that_removed_a_feed_nothing_to_do_removes_nothing() -> None:
    assert run("build").exit_code == 0
    write("entries/alpha.md", post("Alpha", "2025-01-01"))  # its tag, and so its feed, gone
    removing = run("build")
    assert removing.exit_code == 0, removing.output
    assert "removed feeds/tags/news.atom.xml" in removing.stdout.splitlines()

    again = run("build")

    assert again.exit_code == 0, again.output
    assert "removed" not in again.stdout
    for path in stamps():
        path.unlink()
    full = run("build")
    assert (again.stdout, again.stderr) == (full.stdout, full.stderr)


def test_a_build_with_nothing_to_do_loads_no_part_of_the_pipeline() -> None:
    assert run("build").exit_code == 0
    script = (
        "import sys\n"
        "from staticfeed.cli import cli\n"
        "try:\n"
        "    cli(['build', '--quiet'], prog_name='staticfeed')\n"
        "except SystemExit as stop:\n"
        "    assert not stop.code, stop.code\n"
        "heavy = ['staticfeed.pipeline', 'staticfeed.entries', 'feedgen', 'lxml', 'yaml',\n"
        "         'jinja2', 'cmarkgfm', 'dateutil']\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout == "[]\n", done.stderr


def test_quiet_prints_nothing_and_verbose_prints_the_time_of_each_phase() -> None:
    full = run("build", "--quiet", "--verbose")
    assert full.exit_code == 0, full.output
    assert full.stdout == ""
    phases = [line.split(":")[1].strip() for line in full.stderr.splitlines()]
    assert phases[0] == "compare with the last build"
    assert phases[1] == "load the config and the pipeline"
    assert phases[2].startswith("read documents (3 done)")
    assert "write files" in [phase.split(" (")[0] for phase in phases]
    assert full.stderr.splitlines()[-1].startswith("time: in all: ")
    again = run("build", "-q", "-v")
    assert again.stdout == ""
    lines = again.stderr.splitlines()
    assert [line.rsplit(": ", 1)[0] for line in lines] == [
        "time: compare with the last build",
        "time: in all",
    ]


def edit_keeping_size_and_mtime() -> None:
    path = Path("entries/beta.md")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Beta", "title: Bata"), encoding="utf-8")
    os.utime(path, (AGED, AGED))


def change_template() -> None:
    write("templates/index.html", '{% extends "base.html" %}{% block main %}Ours{% endblock %}')


CHANGES: dict[str, Callable[[], object]] = {
    "an entry edited, same size and mtime": edit_keeping_size_and_mtime,
    "an entry added": lambda: write("entries/delta.md", post("Delta", "2025-01-04")),
    "an entry deleted": lambda: Path("entries/alpha.md").unlink(),
    "a non-document file added": lambda: write("entries/notes.bak", "not a document"),
    "the config edited": lambda: write(
        "staticfeed.toml", CONFIG.replace("Stamped feed", "Restamped feed")
    ),
    "a template added": change_template,
    "a feed deleted": lambda: Path("feeds/rss.xml").unlink(),
    "a page overwritten": lambda: write("feeds/index.html", "<p>Gone</p>", aged=False),
    "a page deleted": lambda: Path("feeds/index.html").unlink(),
    "the stamp and the placing damaged": lambda: [
        path.write_text("{}") for path in Path(".staticfeed-cache").glob("*-*.json")
    ],
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=list(CHANGES))
def test_any_change_makes_a_full_build_with_the_right_files(change: Callable[[], object]) -> None:
    assert run("build").exit_code == 0
    assert len(stamps()) == 1

    change()
    after = build_and_compare("--verbose")

    # A full build, not the last report replayed: --verbose lists the documents read.
    assert "time: read documents (" in after.stderr, after.stderr


@pytest.mark.parametrize("then_edit", [False, True], ids=["no-edit", "one-entry-edited"])
def test_a_templates_folder_made_beside_the_config_after_a_build_is_used(then_edit: bool) -> None:
    # Used without the config naming it. The stamp (then the patch, after an edit) took the
    # pages as left: no page, or only the edited entry's, showed the new template.
    write("staticfeed.toml", CONFIG.replace('templates = "templates"\n', ""))
    shutil.rmtree("templates")
    assert run("build").exit_code == 0
    assert len(stamps()) == 1
    template = Path(stamp.__file__).parent / "templates" / "entry.html"
    ours = template.read_text(encoding="utf-8").replace("<main>", "<main><p>OURS</p>", 1)
    assert ours != template.read_text(encoding="utf-8")
    write("templates/entry.html", ours)
    if then_edit:
        write("entries/beta.md", post("Beta", "2025-01-02").replace("Beta.", "Beta, fixed."))

    build_and_compare()

    pages = sorted(Path("feeds").glob("*/index.html"))
    assert [page.parent.name for page in pages] == ["alpha", "beta"]
    assert all("<p>OURS</p>" in page.read_text(encoding="utf-8") for page in pages)


def test_an_edit_in_a_folder_linked_into_the_templates_folder_makes_a_full_build() -> None:
    # Jinja follows templates/shared -> ../shared, but the stamp did not look through links
    # to folders: the build after an edit there replayed the last one, pages stale.
    write("shared/part.html", "<p>ONE</p>\n")
    os.symlink("../shared", "templates/shared")
    os.symlink(".", "templates/self")  # a loop, not to be followed round
    write(
        "templates/index.html",
        '{% extends "base.html" %}{% block body %}{% include "self/shared/part.html" %}'
        "{% endblock %}",
    )
    for aged in ("templates/shared", "templates/self", "templates", "shared"):
        os.utime(aged, (AGED, AGED), follow_symlinks=False)
    assert run("build").exit_code == 0
    assert len(stamps()) == 1
    write("shared/part.html", "<p>TWO</p>\n")  # the same size and mtime
    build_and_compare()
    assert "<p>TWO</p>" in Path("feeds/index.html").read_text(encoding="utf-8")


def test_the_edited_title_reaches_the_feed_even_with_the_same_size_and_mtime() -> None:
    assert run("build").exit_code == 0
    edit_keeping_size_and_mtime()
    assert run("build").exit_code == 0
    assert atom_titles() == ["Bata", "Alpha"]


def test_options_that_change_the_output_are_part_of_the_stamp() -> None:
    assert run("build").exit_code == 0
    drafts = build_and_compare("--drafts")
    assert "wrote feeds/atom.xml (3 entries)" in drafts.stdout.splitlines()
    moved = build_and_compare("--base-url", "https://preview.example.org/")
    assert "wrote feeds/atom.xml (2 entries)" in moved.stdout.splitlines()
    root = etree.parse("feeds/atom.xml").getroot()
    assert root.findtext(f"{ATOM}id") == "https://preview.example.org/"


def test_a_document_modified_just_before_the_build_leaves_no_stamp() -> None:
    assert run("build").exit_code == 0
    assert len(stamps()) == 1
    write("entries/beta.md", post("Beta", "2025-01-02", "tags: [late]\n"), aged=False)
    assert run("build").exit_code == 0
    assert stamps() == []  # it could change again within the same clock tick, unseen


# With --future, the entry is a preview before its date and a publication after, which
# .staticfeed-ids must name.
@pytest.mark.parametrize("future", [False, True], ids=["left-out", "shown-by-future"])
def test_a_scheduled_entry_that_falls_due_makes_a_full_build(future: bool) -> None:
    due = datetime.now(UTC) + timedelta(days=1)
    write("entries/later.md", post("Later", due.strftime("%Y-%m-%dT%H:%M:%SZ")))
    # One due after it: the first to fall due ends the stamp.
    write("entries/last.md", post("Last", (due + timedelta(days=1)).strftime("%Y-%m-%d")))
    first = run("build", *(["--future"] if future else []))
    assert first.exit_code == 0, first.output
    assert ("left out 2 future entries" in first.stdout) is not future
    scan = default_scan(future=future)
    assert stamp.replay(scan) is not None
    after_due = int((due + timedelta(seconds=1)).timestamp()) * 1_000_000_000
    assert stamp.replay(scan, now_ns=after_due) is None


def test_a_draft_shown_by_drafts_is_never_due_and_keeps_the_stamp_valid() -> None:
    # Gamma, a draft dated in the past, is a preview with --drafts, not an entry that falls
    # due: the build after it, with nothing changed, has nothing to do.
    first = run("build", "--drafts")
    assert first.exit_code == 0, first.output
    scan = default_scan(drafts=True)
    assert stamp.replay(scan) is not None


@pytest.mark.parametrize(
    ("first", "lengths"),
    [
        pytest.param("", ["250"], id="alone"),
        # A file of the project after an enclosure on another host is measured all the same.
        pytest.param(
            "{url: https://cdn.example.org/talk.ogg, type: audio/ogg, length: 5}, ",
            ["5", "250"],
            id="after-one-on-another-host",
        ),
    ],
)
def test_a_local_enclosure_leaves_no_stamp_so_its_new_length_is_published(
    first: str, lengths: list[str]
) -> None:
    write("media/talk.mp3", "x" * 100)
    extra = f"enclosures: [{first}{{url: /blog/media/talk.mp3, type: audio/mpeg}}]\n"
    write("entries/talk.md", post("Talk", "2025-01-05", extra))
    assert run("build").exit_code == 0
    assert stamps() == []
    write("media/talk.mp3", "x" * 250)
    assert run("build").exit_code == 0
    root = etree.parse("feeds/atom.xml").getroot()
    assert [link.get("length") for link in root.iter(f"{ATOM}link") if link.get("length")] == (
        lengths
    )


@pytest.mark.parametrize(
    "url", ["https://cdn.example.org/talk.mp3", "//cdn.example.org/talk.mp3"], ids=["https", "//"]
)
def test_an_enclosure_on_another_host_keeps_the_stamp(url: str) -> None:
    # `//cdn.example.org/...` is another host, by the reader's scheme: no file of the project
    # is measured, so the next build with nothing changed has nothing to do.
    extra = f"enclosures: [{{url: '{url}', type: audio/mpeg, length: 100}}]\n"
    write("entries/talk.md", post("Talk", "2025-01-05", extra))
    assert run("build").exit_code == 0
    assert len(stamps()) == 1
    root = etree.parse("feeds/atom.xml").getroot()
    hrefs = [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("length")]
    assert hrefs == ["https://cdn.example.org/talk.mp3"]


def test_no_cache_writes_no_stamp() -> None:
    assert run("build", "--no-cache").exit_code == 0
    assert stamps() == []
    assert run("build").exit_code == 0
    assert len(stamps()) == 1
