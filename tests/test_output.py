"""Writing the feed files: deterministic bytes, untouched when unchanged, atomic, all-or-nothing."""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

import staticfeed
from staticfeed import output
from staticfeed.errors import OutputError
from staticfeed.output import FSYNC_AT_MOST, Staged, Staging, stage_parts
from tests.conftest import (
    BASIC_CONFIG,
    build_as_a_user,
    interrupt_as_a_temporary_file_opens,
    invoke_build,
    read_xml,
)
from tests.pipes import first_line

Site = Callable[..., Path]
NAMES = ("atom.xml", "rss.xml")
LONG_AGO_NS = 978_307_200 * 10**9  # 2001-01-01: any rewrite gives a newer mtime

CONFIG = BASIC_CONFIG + (
    'timezone = "Europe/Kyiv"\nsubtitle = "Sub"\nlanguage = "en"\nlogo = "img/logo.png"\n'
)
# A publication that exercises most of what a feed holds.
GONE = "---\ntitle: Gone\ndate: 2025-06-01\ntags: [solo]\n---\nG.\n"
KEPT = "---\ntitle: Kept\ndate: 2025-06-02\ntags: [other]\n---\nK.\n"
PUBLICATION = {
    "2025/one.md": (
        "---\ntitle: One & <two>\ndate: 2025-12-22 09:30\nupdated: 2025-12-23T10:00:00+01:00\n"
        "authors:\n  - Ann Lee <ann@example.org>\n  - name: Bo Chen\n    uri: https://bo.example/\n"
        "tags: [a, b, ц]\nlink: https://example.org/blog/one/\n---\n"
        "Text with ![img](i.png) and [a link](../x.html).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    ),
    "2025/two.md": '+++\ntitle = "Two"\ndate = 2025-07-01T08:00:00\n+++\nПривіт 🌍\n',  # noqa: RUF001
    "three.txt": "Monday, December 1, 2025\n\n# Three\n\nBy Ann Lee and Bo Chen\n\nBody.\n",
    "same-day-b.md": "---\ntitle: B\ndate: 2025-06-01\n---\nB.\n",
    "same-day-a.md": "---\ntitle: A\ndate: 2025-06-01\n---\nA.\n",
}
ENTRY_COUNT = len(PUBLICATION)
# Each feed of the default build, by base name ("" is the main feed), with its entry count:
# a feed per tag of one.md, and per author. two.md and the same-day ones have the config's
# Default Author; three.txt names Ann Lee and Bo Chen in its byline, as one.md does.
FEEDS = {
    "": ENTRY_COUNT,
    "tags/a": 1,
    "tags/b": 1,
    "tags/ц": 1,
    "authors/ann-lee": 2,
    "authors/bo-chen": 2,
    "authors/default-author": 3,
}
# index.html and a page per entry, in folders named by the slug.
PAGES = (
    "index.html",
    "2025/one/index.html",
    "2025/two/index.html",
    "three/index.html",
    "same-day-b/index.html",
    "same-day-a/index.html",
)


def feed_names(base: str) -> tuple[str, str, str]:
    """The Atom, RSS and JSON Feed files of the feed `base`, in the order build writes them."""
    if not base:
        return ("atom.xml", "rss.xml", "feed.json")
    return (f"{base}.atom.xml", f"{base}.rss.xml", f"{base}.json")


# Every file the default build writes: the manifest lists them for the next build.
ALL_FILES = sorted(
    [
        *(name for base in FEEDS for name in feed_names(base)),
        "_headers",
        *PAGES,
        ".staticfeed-files",
        ".staticfeed-ids",
    ]
)


def report(changed: set[str], pages_written: int) -> list[str]:
    """What build prints when it rewrites the files `changed` and `pages_written` pages."""
    lines = []
    for base, count in FEEDS.items():
        noun = "entry" if count == 1 else "entries"
        for name in feed_names(base):
            verb = "wrote" if name in changed else "unchanged"
            lines.append(f"{verb} feeds/{name} ({count} {noun})")
    lines.append(f"{'wrote' if '_headers' in changed else 'unchanged'} feeds/_headers")
    unchanged = len(PAGES) - pages_written
    lines.append(
        f"pages: wrote {pages_written}, unchanged {unchanged} (feeds/index.html and one per entry)"
    )
    return lines


def files(folder: Path) -> list[str]:
    """Every file under `folder`, hidden ones (such as temporaries) too, by POSIX path."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def folder_with_an_old_feed(tmp_path: Path) -> Path:
    """An output folder whose atom.xml holds `<feed>old</feed>`."""
    out = tmp_path / "feeds"
    out.mkdir()
    (out / "atom.xml").write_bytes(b"<feed>old</feed>")
    return out


def contents(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in files(folder)}


def write_publication(folder: Path, documents: dict[str, str], *, reverse: bool = False) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "staticfeed.toml").write_text(CONFIG, encoding="utf-8")
    for name in sorted(documents, reverse=reverse):  # creation order differs between copies
        path = folder / "entries" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(documents[name], encoding="utf-8")


def state(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Each file's bytes, mtime and inode, in every subfolder."""
    result = {}
    for name in files(folder):
        path = folder / name
        info = path.stat()
        result[name] = (path.read_bytes(), info.st_mtime_ns, info.st_ino)
    return result


def age(folder: Path) -> None:
    """Set every file's mtime far in the past, so a rewrite shows whatever the clock's
    resolution."""
    for name in files(folder):
        os.utime(folder / name, ns=(LONG_AGO_NS, LONG_AGO_NS))


def built_and_aged(site: Site) -> tuple[Path, dict[str, tuple[bytes, int, int]]]:
    """The publication built, its files aged, and their state (see `state`)."""
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    age(folder / "feeds")
    return folder, state(folder / "feeds")


def build_ok(*args: str) -> list[str]:
    result = invoke_build(*args)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def assert_clean_error(result: Result, *, exit_code: int = 1) -> str:
    """An `Error: ...` message on stderr with the exit status, and no traceback."""
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stderr.startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return result.stderr


# Determinism


def test_same_input_in_different_folders_gives_identical_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    outputs = []
    for name, reverse in (("first", False), ("elsewhere/second", True)):
        folder = tmp_path / name
        write_publication(folder, PUBLICATION, reverse=reverse)
        monkeypatch.chdir(folder)
        build_ok()
        outputs.append(contents(folder / "feeds"))
    assert sorted(outputs[0]) == ALL_FILES
    assert outputs[0] == outputs[1]
    for name in ALL_FILES:
        if name.endswith(".xml"):
            read_xml(tmp_path / "first" / "feeds" / name)


def test_same_input_gives_identical_bytes_across_processes(tmp_path: Path) -> None:
    """Hash seed, the machine's time zone and locale do not leak into the feeds."""
    outputs = []
    environments = [
        {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C"},
        {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
    ]
    for number, extra in enumerate(environments):
        folder = tmp_path / f"run{number}"
        write_publication(folder, PUBLICATION, reverse=bool(number))
        env = {k: v for k, v in os.environ.items() if k != "STATICFEED_BASE_URL"} | extra
        subprocess.run(
            [sys.executable, "-m", "staticfeed", "build"],
            cwd=folder,
            env=env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        outputs.append(contents(folder / "feeds"))
    assert sorted(outputs[0]) == ALL_FILES
    assert outputs[0] == outputs[1]


# Unchanged files stay untouched; changed ones are replaced


def test_rebuild_without_changes_leaves_every_file_untouched(site: Site) -> None:
    folder = site(config=CONFIG, **PUBLICATION)
    assert build_ok() == report(set(ALL_FILES), len(PAGES))
    assert files(folder / "feeds") == ALL_FILES
    age(folder / "feeds")
    before = state(folder / "feeds")
    assert build_ok() == report(set(), 0)
    assert state(folder / "feeds") == before


def test_a_change_rewrites_only_the_files_it_changes(site: Site) -> None:
    folder, before = built_and_aged(site)
    # Email addresses appear in Atom only (RSS has a dc:creator name per author).
    one = folder / "entries" / "2025" / "one.md"
    one.write_text(
        one.read_text(encoding="utf-8").replace("ann@example.org", "ann@example.net"),
        encoding="utf-8",
    )
    # one.md is in the main feeds, its tags' and its authors' feeds: their Atom and JSON Feed
    # (which links an author to mailto:) change, their RSS does not; its page shows the email.
    with_one = ["", "tags/a", "tags/b", "tags/ц", "authors/ann-lee", "authors/bo-chen"]
    changed = {name for base in with_one for name in feed_names(base) if ".rss" not in name}
    changed.discard("rss.xml")
    changed.add("2025/one/index.html")
    assert build_ok() == report(changed, 1)
    after = state(folder / "feeds")
    for name in ALL_FILES:
        if name in changed or name == ".staticfeed-files":
            continue
        assert after[name] == before[name], name
    for name in changed:
        content, mtime, _ = after[name]
        assert b"ann@example.net" in content and b"ann@example.org" not in content, name
        assert mtime > LONG_AGO_NS


def test_a_change_seen_by_both_feeds_rewrites_both(site: Site) -> None:
    folder, before = built_and_aged(site)
    (folder / "entries" / "same-day-a.md").write_text(
        "---\ntitle: A, retitled\ndate: 2025-06-01\n---\nA.\n", encoding="utf-8"
    )
    # same-day-a.md is in the main feeds and Default Author's, in each format, and on the
    # index and its page.
    changed = {*feed_names(""), *feed_names("authors/default-author")}
    assert build_ok() == report(changed, 2)
    changed |= {"index.html", "same-day-a/index.html"}
    after = state(folder / "feeds")
    assert {name for name in ALL_FILES if after[name] != before[name]} == changed
    for name in changed:
        assert b"A, retitled" in after[name][0]
        assert after[name][1] > LONG_AGO_NS
        assert after[name][0] != before[name][0]


def test_an_edit_that_changes_no_output_bytes_rewrites_no_file(site: Site) -> None:
    folder, before = built_and_aged(site)
    # Blank lines at the end change the document, so every feed it is in is made again, but
    # not its HTML, so not one byte of those feeds.
    (folder / "entries" / "same-day-a.md").write_text(
        "---\ntitle: A\ndate: 2025-06-01\n---\nA.\n\n\n\n", encoding="utf-8"
    )
    for _ in range(2):  # with the cache, then with the documents' stats vouched for
        assert build_ok() == report(set(), 0)
        assert state(folder / "feeds") == before


REBUILDS = {
    "defaults, with the cache": ("", ()),
    "Atom alone, no pages, without the cache": (
        'formats = ["atom"]\npages = false\n',
        ("--no-cache",),
    ),
    "RSS and JSON, archives, no topic feeds": (
        'formats = ["rss", "json"]\nlimit = 1\narchive_size = 1\n'
        "tag_feeds = false\nauthor_feeds = false\n",
        (),
    ),
    "summaries and archives, run from another folder": (
        'content = "summary"\nlimit = 2\narchive_size = 1\n',
        ("--config",),
    ),
    "a templates folder, every entry": ("limit = 0\n", ("templates",)),
}


def stats(*folders: Path) -> dict[str, tuple[int, int, int, int]]:
    """Each file's inode, mtime, ctime and size, in every subfolder of `folders`: what
    changes when a file is written, created or replaced, whatever its bytes."""
    found = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                info = path.stat()
                key = (info.st_ino, info.st_mtime_ns, info.st_ctime_ns, info.st_size)
                found[path.relative_to(folder.parent).as_posix()] = key
    return found


@pytest.mark.parametrize(("extra", "how"), REBUILDS.values(), ids=list(REBUILDS))
def test_a_rebuild_rewrites_what_an_edit_changes_and_nothing_else(
    site: Site, monkeypatch: pytest.MonkeyPatch, extra: str, how: tuple[str, ...]
) -> None:
    # Each documented output option, with and without the cache, from the config's folder or
    # another: a build after no change writes nothing, in feeds/ or the cache; an edit
    # rewrites only the files that show it; undoing it gives back the first bytes.
    folder = site(config=CONFIG + extra, **PUBLICATION)
    args = [option for option in how if option == "--no-cache"]
    if "--config" in how:
        args = ["--config", str(folder / "staticfeed.toml"), "--entries", str(folder / "entries")]
        args += ["--out", str(folder / "feeds")]
        (folder / "elsewhere").mkdir()
        monkeypatch.chdir(folder / "elsewhere")
    if "templates" in how:
        (folder / "templates").mkdir()
        page = Path(staticfeed.__file__).parent / "templates" / "entry.html"
        (folder / "templates" / "entry.html").write_text(page.read_text(encoding="utf-8"))
    age(folder)  # documents saved long ago: their stat vouches for them from the first build
    feeds, cache = folder / "feeds", folder / ".staticfeed-cache"
    build_ok(*args)
    first, before = contents(feeds), stats(feeds, cache)
    build_ok(*args)
    assert stats(feeds, cache) == before

    edited = folder / "entries" / "same-day-a.md"
    edited.write_text("---\ntitle: A\ndate: 2025-06-01\n---\nA.\n\nA last line.\n")
    build_ok(*args)
    after = stats(feeds)
    rewritten = {name for name, stat in after.items() if before.get(name) != stat}
    # The files that show the edited text (summaries do not: its first paragraph stays).
    showing = {name for name in after if b"A last line." in (folder / name).read_bytes()}
    manifest = {"feeds/.staticfeed-files"} & rewritten  # lists the files; rewritten or not
    assert showing
    assert ("feeds/same-day-a/index.html" in showing) == ("pages = false" not in extra)
    assert rewritten - manifest == showing

    edited.write_text(PUBLICATION["same-day-a.md"])
    build_ok(*args)
    assert contents(feeds) == first


@pytest.mark.parametrize(
    ("old", "parts", "changed"),
    [
        (b"<feed>abc</feed>", [b"<feed>", b"abc", b"</feed>"], False),
        (b"<feed>abc</feed>", [b"<feed>", b"abc"], True),  # the old file is longer
        (b"<feed>abc", [b"<feed>", b"abc", b"</feed>"], True),  # the old file is shorter
        (b"<feed>abc</feed>", [b"<feed>", b"abd", b"</feed>"], True),
        (None, [b"<feed>", b"</feed>"], True),
    ],
)
def test_a_file_staged_in_parts_is_replaced_only_when_its_bytes_differ(
    tmp_path: Path, old: bytes | None, parts: list[bytes], changed: bool
) -> None:
    out = tmp_path / "feeds"
    out.mkdir()
    feed = out / "atom.xml"
    if old is not None:
        feed.write_bytes(old)
        os.utime(feed, ns=(LONG_AGO_NS, LONG_AGO_NS))
    with Staging(out) as staging:
        staging.add_parts("atom.xml", iter(parts))
        written = staging.publish()
    assert written["atom.xml"].changed is changed
    assert feed.read_bytes() == b"".join(parts)
    assert (feed.stat().st_mtime_ns == LONG_AGO_NS) is not changed
    assert files(out) == ["atom.xml"]  # no temporary file is left


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fds by /proc (Linux)")
@pytest.mark.parametrize("count", [1, FSYNC_AT_MOST, FSYNC_AT_MOST + 1])
def test_new_files_are_flushed_to_disk_before_any_is_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """A crash after a rename must not leave a published file empty: every staged file is
    flushed (an fsync of each, or one os.sync for many) before the first rename."""
    events: list[str] = []
    fsync, replace = os.fsync, os.replace

    def recording_fsync(fd: int) -> None:
        events.append("fsync " + Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        fsync(fd)

    def recording_replace(source: object, target: object) -> None:
        events.append("replace " + Path(str(target)).name)
        replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", recording_fsync)
    monkeypatch.setattr(os, "sync", lambda: events.append("sync"))
    monkeypatch.setattr(os, "replace", recording_replace)
    out = tmp_path / "feeds"
    out.mkdir()
    names = [f"page-{number}.html" for number in range(count)]
    with Staging(out) as staging:
        for name in names:
            staging.add(name, name.encode())
        staging.publish()
    first_rename = next(n for n, event in enumerate(events) if event.startswith("replace"))
    flushes = events[:first_rename]
    if count > FSYNC_AT_MOST:  # thousands of pages: one sync costs far less than an fsync each
        assert flushes == ["sync"]
    else:  # os.sync would also write out the build's own temporary files (the spool)
        staged = sorted(event.removeprefix("fsync .").rpartition(".")[0] for event in flushes)
        assert [name.rpartition(".")[0] for name in staged] == sorted(names)  # .<random>.tmp
    assert sorted(event for event in events if event.startswith("replace")) == sorted(
        f"replace {name}" for name in names
    )
    assert {path.name: path.read_bytes() for path in out.iterdir()} == {
        name: name.encode() for name in names
    }


@pytest.mark.parametrize("count", [1, FSYNC_AT_MOST + 1])
def test_work_given_to_publish_is_done_while_the_files_are_flushed_before_any_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    """A build saves its cache while os.sync waits for the disk (0.45 s of the 10k defaults):
    the flush waits here until that work has started, so done one after the other they would
    never meet. No staged file is published before both are done."""
    out = folder_with_an_old_feed(tmp_path)
    working, flush_met_work = threading.Event(), []
    fsync = os.fsync

    def flush(fd: int | None = None) -> None:
        flush_met_work.append(working.wait(timeout=10))
        if fd is not None:
            fsync(fd)

    monkeypatch.setattr(os, "fsync", flush)
    monkeypatch.setattr(os, "sync", flush)
    seen_during_work: list[bytes] = []

    def work() -> None:
        working.set()
        seen_during_work.append((out / "atom.xml").read_bytes())

    names = [f"page-{number}.html" for number in range(count - 1)]
    with Staging(out) as staging:
        staging.add("atom.xml", b"<feed>new</feed>")
        for name in names:
            staging.add(name, b"<p>page</p>", first=True)
        staging.publish(meanwhile=work)
    assert flush_met_work and all(flush_met_work)
    assert seen_during_work == [b"<feed>old</feed>"]
    assert (out / "atom.xml").read_bytes() == b"<feed>new</feed>"
    assert files(out) == sorted(["atom.xml", *names])


def _waits_for_a_thread(thread: threading.Thread) -> bool:
    """Whether `thread` comes to join another (a `with ThreadPoolExecutor` being left) within
    10 s."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        frame = sys._current_frames().get(thread.ident or 0)
        while frame is not None:
            if frame.f_code.co_name == "join":
                return True
            frame = frame.f_back
        time.sleep(0.01)
    return False


def test_ctrl_c_while_files_are_flushed_stops_after_the_one_being_flushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # serve took over 10 s to end after SIGTERM on a busy disk: a build stopped (Ctrl-C,
    # SIGTERM) while the cache was saved went on to flush every staged file, a second each
    # there, before removing them all, as a stopped build does.
    fsync = os.fsync
    flushed: list[int] = []
    flushing = threading.Event()
    build = threading.current_thread()

    def slow_fsync(fd: int) -> None:
        flushed.append(fd)
        flushing.set()
        # A busy disk: this flush ends only once the build has stopped and waits for it.
        assert _waits_for_a_thread(build)
        fsync(fd)

    def work() -> None:
        assert flushing.wait(timeout=10)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", slow_fsync)
    out = folder_with_an_old_feed(tmp_path)
    with pytest.raises(KeyboardInterrupt), Staging(out) as staging:
        staging.add("atom.xml", b"<feed>new</feed>")
        for number in range(4):
            staging.add(f"page-{number}.html", b"<p>page</p>", first=True)
        staging.publish(meanwhile=work)
    assert len(flushed) == 1
    assert contents(out) == {"atom.xml": b"<feed>old</feed>"}  # and no temporary file


def test_a_flush_that_fails_while_work_is_done_publishes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    out = folder_with_an_old_feed(tmp_path)
    done: list[str] = []
    with Staging(out) as staging, pytest.raises(OutputError) as raised:
        staging.add("atom.xml", b"<feed>new</feed>")
        staging.publish(meanwhile=lambda: done.append("work"))
    assert done == ["work"]
    assert raised.value.path == out
    assert "Input/output error" in str(raised.value)
    assert (out / "atom.xml").read_bytes() == b"<feed>old</feed>"
    assert files(out) == ["atom.xml"]  # the temporary file is gone


@pytest.mark.parametrize("elsewhere", [False, True], ids=["here", "in-another-process"])
def test_a_file_whose_parts_fail_midway_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, elsewhere: bool
) -> None:
    # In another process (a worker staging a feed of every entry), into the temporary file
    # the Staging made for it: the file is removed all the same.
    out = folder_with_an_old_feed(tmp_path)

    def parts() -> Iterator[bytes]:
        yield b"<feed>"
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with (
        ThreadPoolExecutor(1) as pool,
        Staging(out) as staging,
        pytest.raises(OutputError, match="cannot write the file"),
    ):
        if elsewhere:
            staging.add_later(
                "atom.xml", lambda path, into: pool.submit(stage_parts, path, parts(), into=into)
            )
            staging.publish()
        else:
            staging.add_parts("atom.xml", parts())
    assert (out / "atom.xml").read_bytes() == b"<feed>old</feed>"
    assert files(out) == ["atom.xml"]


@pytest.mark.parametrize("in_parts", [False, True])
def test_ctrl_c_right_after_a_temporary_file_is_made_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_parts: bool
) -> None:
    """Ctrl-C (KeyboardInterrupt) comes between any two steps. One that came after a temporary
    file was made and before the staging kept it left that file in feeds/ for good: the build
    removed its mark on the way out, so no later build looked for it."""
    out = folder_with_an_old_feed(tmp_path)
    stage = output._stage

    def interrupted(*args: Any, **kwargs: Any) -> Path:
        stage(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_stage", interrupted)
    with pytest.raises(KeyboardInterrupt), Staging(out) as staging:
        if in_parts:
            staging.add_parts("atom.xml", [b"<feed>", b"new</feed>"])
        else:
            staging.add("atom.xml", b"<feed>new</feed>")
    assert (out / "atom.xml").read_bytes() == b"<feed>old</feed>"
    assert files(out) == ["atom.xml"]


def test_ctrl_c_as_a_temporary_file_is_made_leaves_none(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SIGTERM or Ctrl-C that came while mkstemp opened the file (a busy disk) left a file whose
    # name mkstemp never returned, in feeds/ until the next build. Seen once in about a hundred
    # builds stopped at a random moment, and in `serve` stopped under load.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    before = state(feeds)
    (folder / "entries" / "same-day-a.md").write_text(
        "---\ntitle: A, retitled\ndate: 2025-06-01\n---\nA.\n", encoding="utf-8"
    )
    with monkeypatch.context() as patched:
        interrupt_as_a_temporary_file_opens(patched)
        result = invoke_build()
    assert (result.exit_code, result.stderr) == (130, "\nAborted!\n")
    assert state(feeds) == before  # not one file rewritten, none left

    build_ok()
    assert files(feeds) == ALL_FILES


def test_ctrl_c_as_a_temporary_file_opens_leaves_no_file_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C or SIGTERM between os.open and os.fdopen removed the file, but left it open:
    # `serve`, which rebuilds for as long as it runs, or a program that builds with the
    # library and goes on after KeyboardInterrupt, held one more handle each time.
    out = tmp_path / "feeds"
    opened: list[int] = []
    open_file = os.open

    def recorded(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        handle = open_file(path, flags, *args, **kwargs)
        opened.append(handle)
        return handle

    def interrupted(handle: int, *args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt  # as the signal's handler does once `open` returns

    with (
        pytest.raises(KeyboardInterrupt),
        Staging(out) as staging,
        monkeypatch.context() as patched,
    ):
        patched.setattr(os, "open", recorded)
        patched.setattr(os, "fdopen", interrupted)
        staging.add("atom.xml", b"<feed/>")
    assert len(opened) == 1
    with pytest.raises(OSError) as closed:
        os.fstat(opened[0])
    assert closed.value.errno == errno.EBADF
    assert not out.exists()  # nothing published, no temporary file left


def test_ctrl_c_again_as_a_build_cleans_up_leaves_its_files_to_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C pressed again while the build removed its temporary files stopped that, after
    # it had removed its mark: the next build did not look for them, and they stayed.
    out = tmp_path / "feeds"
    unlink = Path.unlink

    def ctrl_c_again(path: Path, missing_ok: bool = False) -> None:
        if path.name.endswith(".tmp"):
            raise KeyboardInterrupt
        unlink(path, missing_ok=missing_ok)

    with (
        monkeypatch.context() as patched,
        pytest.raises(KeyboardInterrupt),
        Staging(out) as staging,
    ):
        staging.add("atom.xml", b"<feed/>")
        patched.setattr(Path, "unlink", ctrl_c_again)
        raise KeyboardInterrupt
    assert len([name for name in files(out) if name.endswith(".tmp")]) == 1  # was removing
    with output.exclusive(out, waiting=lambda: None):  # the next build
        assert files(out) == []


def _staged_later(path: Path, into: Path, parts: list[bytes], started: threading.Event) -> Staged:
    started.wait()  # staged once the files after it are
    return stage_parts(path, parts, into=into)


def test_a_file_staged_by_another_process_takes_its_place_among_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed of every entry is staged by a worker while the build goes on: it is renamed in
    the order it was added, its report is in that place, and its bytes are compared with the
    old file's like any other."""
    out = tmp_path / "feeds"
    out.mkdir()
    (out / "same.xml").write_bytes(b"<same/>")
    renamed: list[str] = []
    replace = os.replace

    def record(source: str, target: str) -> None:
        renamed.append(Path(target).name)
        replace(source, target)

    monkeypatch.setattr(os, "replace", record)
    started = threading.Event()
    with ThreadPoolExecutor(2) as elsewhere, Staging(out) as staging:
        staging.add("first.xml", b"<first/>")
        for name, parts in (("atom.xml", [b"<feed>", b"</feed>"]), ("same.xml", [b"<same/>"])):
            stage = functools.partial(_staged_later, parts=parts, started=started)
            staging.add_later(
                name, lambda path, into, stage=stage: elsewhere.submit(stage, path, into)
            )
        staging.add_parts("last.xml", [b"<last/>"])
        started.set()
        written = staging.publish()
    assert renamed == ["first.xml", "atom.xml", "last.xml"]
    assert [(name, file.changed) for name, file in written.items()] == [
        ("first.xml", True),
        ("atom.xml", True),
        ("same.xml", False),
        ("last.xml", True),
    ]
    assert staging.digests["atom.xml"] == hashlib.sha256(b"<feed></feed>").hexdigest()
    assert (out / "atom.xml").read_bytes() == b"<feed></feed>"
    assert files(out) == ["atom.xml", "first.xml", "last.xml", "same.xml"]


@pytest.mark.parametrize("with_work", [False, True])
def test_what_only_staging_needed_is_let_go_after_every_file_is_staged_and_before_the_flush(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_work: bool
) -> None:
    """A build empties its spool's files there, which os.sync would otherwise write out:
    not before a worker has staged the feed it reads from them, nor after the flush."""
    events: list[str] = []
    monkeypatch.setattr(os, "fsync", lambda fd: events.append("flush"))

    go = threading.Event()

    def staged_later(path: Path, into: Path) -> Staged:
        go.wait(timeout=10)  # still staging when publish starts
        events.append("staged by a worker")
        return stage_parts(path, [b"<feed>new</feed>"], into=into)

    out = folder_with_an_old_feed(tmp_path)
    threading.Timer(0.2, go.set).start()
    with ThreadPoolExecutor(1) as elsewhere, Staging(out) as staging:
        staging.add("page.html", b"<p>page</p>", first=True)
        staging.add_later("atom.xml", lambda path, into: elsewhere.submit(staged_later, path, into))
        work = (lambda: None) if with_work else None
        staging.publish(meanwhile=work, spent=lambda: events.append("spent"))
    assert events == ["staged by a worker", "spent", "flush", "flush"]
    assert (out / "atom.xml").read_bytes() == b"<feed>new</feed>"


def test_a_file_staged_elsewhere_is_waited_for_and_removed_when_the_build_fails(
    tmp_path: Path,
) -> None:
    out = folder_with_an_old_feed(tmp_path)
    started = threading.Event()
    stage = functools.partial(_staged_later, parts=[b"<feed>new</feed>"], started=started)
    with (
        ThreadPoolExecutor(1) as elsewhere,
        pytest.raises(OutputError, match="broken"),
        Staging(out) as staging,
    ):
        staging.add_later("atom.xml", lambda path, into: elsewhere.submit(stage, path, into))
        threading.Timer(0.2, started.set).start()  # done after the build has failed
        raise OutputError("broken", "Fix it.", path=out)
    assert (out / "atom.xml").read_bytes() == b"<feed>old</feed>"
    assert files(out) == ["atom.xml"]  # its temporary file was waited for, and removed


def test_a_write_error_in_another_process_names_the_file(tmp_path: Path) -> None:
    out = tmp_path / "feeds"
    out.mkdir()
    failed: Future[Staged] = Future()
    failed.set_exception(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
    with Staging(out) as staging:
        staging.add_later("tags/x.atom.xml", lambda path, into: failed)
        with pytest.raises(OutputError) as raised:
            staging.publish()
    assert raised.value.path == out / "tags/x.atom.xml"
    assert "No space left on device" in str(raised.value)
    assert files(out) == []
    assert not (out / "tags").exists()  # the folder made for it is gone too


def test_a_temporary_name_another_file_has_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One chance in 4 billion: the random name of a temporary file is one another build is
    # staging under. Its file is neither written over (and published) nor in the way.
    out = folder_with_an_old_feed(tmp_path)
    theirs = out / ".atom.xml.deadbeef.tmp"
    theirs.write_bytes(b"another build's")
    names = iter(["deadbeef"])
    random_hex = secrets.token_hex
    monkeypatch.setattr(secrets, "token_hex", lambda size: next(names, random_hex(size)))
    with Staging(out) as staging:
        staging.add("atom.xml", b"<feed>new</feed>")
        staging.publish()
    assert (out / "atom.xml").read_bytes() == b"<feed>new</feed>"
    assert theirs.read_bytes() == b"another build's"
    assert files(out) == [".atom.xml.deadbeef.tmp", "atom.xml"]


def test_files_staged_and_not_published_leave_no_new_folder(tmp_path: Path) -> None:
    """A build that fails after staging pages in new folders leaves the output folder as it
    found it: its own folders and files, and no empty folder of the pages it did not
    publish."""
    out = tmp_path / "feeds"
    (out / "tags").mkdir(parents=True)
    (out / "tags" / "a.atom.xml").write_bytes(b"<feed/>")
    with Staging(out) as staging:
        staging.add("tags/b.atom.xml", b"<feed>b</feed>")
        staging.add("2025/one/index.html", b"<p>one</p>", first=True)
        staging.add_parts("archive/1.atom.xml", [b"<feed>", b"</feed>"])
        (out / "archive" / "kept.txt").write_bytes(b"not the build's")  # written by another
    assert sorted(path.relative_to(out).as_posix() for path in out.rglob("*")) == [
        "archive",
        "archive/kept.txt",
        "tags",
        "tags/a.atom.xml",
    ]


# Atomic writes


def test_a_write_replaces_the_file_by_rename_and_leaves_no_temporary_file(
    site: Site, tmp_path: Path
) -> None:
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    assert files(feeds) == ALL_FILES
    # A reader that opened the old file keeps reading the whole old feed: hard links to the
    # old files (outside feeds/) still hold the old bytes after the rebuild.
    old = {name: (feeds / name).read_bytes() for name in NAMES}
    for name in NAMES:
        os.link(feeds / name, tmp_path / f"old-{name}")
    (folder / "entries" / "2025" / "two.md").write_text(
        '+++\ntitle = "Two, edited"\ndate = 2025-07-01T08:00:00\n+++\nNew body.\n',
        encoding="utf-8",
    )
    build_ok()
    for name in NAMES:
        assert (tmp_path / f"old-{name}").read_bytes() == old[name]
        assert (feeds / name).stat().st_ino != (tmp_path / f"old-{name}").stat().st_ino
        assert b"Two, edited" in (feeds / name).read_bytes()
    assert files(feeds) == ALL_FILES  # no temporary file is left


def test_a_failed_rename_keeps_the_old_feed_and_reports_an_error(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    before = state(feeds)
    (folder / "entries" / "same-day-b.md").write_text(
        "---\ntitle: B, edited\ndate: 2025-06-01\n---\nB.\n", encoding="utf-8"
    )

    def full_disk(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", full_disk)
        message = assert_clean_error(invoke_build())
    # The first file published is the edited entry's page (see the next test).
    assert message.startswith("Error: feeds/same-day-b/index.html: cannot write the file (")
    assert os.strerror(errno.ENOSPC) in message
    assert state(feeds) == before
    assert files(feeds) == ALL_FILES  # the temporary file is gone
    build_ok()
    assert b"B, edited" in (feeds / "atom.xml").read_bytes()


@pytest.mark.parametrize("cache", [True, False])
def test_pages_are_published_before_the_feeds_that_link_to_them(
    site: Site, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """A reader that fetches a feed while a build publishes must find the pages it links to:
    every page is renamed into place before any feed, and the hosting hints come last."""
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    (folder / "entries" / "same-day-b.md").write_text(
        "---\ntitle: B, edited\ndate: 2025-06-01\n---\nB.\n", encoding="utf-8"
    )
    (folder / "entries" / "new.md").write_text(
        "---\ntitle: New\ndate: 2025-12-30\n---\nNew.\n", encoding="utf-8"
    )
    published: list[str] = []
    replace = os.replace

    def record(source: str, target: str) -> None:
        if Path(target).is_relative_to("feeds"):  # not the build cache
            published.append(Path(target).relative_to("feeds").as_posix())
        replace(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", record)
        result = invoke_build(*([] if cache else ["--no-cache"]))
    assert result.exit_code == 0, result.output
    outputs = [name for name in published if not name.startswith(".")]  # not the state files
    pages = [name for name in outputs if name.endswith(".html")]
    assert {"new/index.html", "same-day-b/index.html", "index.html"} <= set(pages)
    feeds = [name for name in outputs if name.endswith(".xml") or name.endswith(".json")]
    assert {"atom.xml", "rss.xml", "feed.json"} <= set(feeds)
    assert outputs[: len(pages)] == pages
    assert outputs[len(pages) :] in ([*feeds], [*feeds, "_headers"])


def test_a_feed_made_before_the_last_pages_is_still_published_after_them(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed is made as soon as its entries are rendered: in a first build with a main feed
    of two entries, the main feed is ready after the two newest are rendered, before the
    other six pages are made. It is still renamed into place after every page, and the
    report lists the feeds in their usual order."""
    entries = {
        f"e{n}.md": f"---\ntitle: E{n}\ndate: 2025-03-{n:02}\n---\nEntry {n}.\n"
        for n in range(1, 9)
    }
    site(config=CONFIG + "limit = 2\n", **entries)
    published: list[str] = []
    replace = os.replace

    def record(source: str, target: str) -> None:
        if Path(target).is_relative_to("feeds") and not Path(target).name.startswith("."):
            published.append(Path(target).relative_to("feeds").as_posix())
        replace(source, target)

    monkeypatch.setattr(os, "replace", record)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    pages = [name for name in published if name.endswith(".html")]
    assert len(pages) == 9  # eight entries and the index
    assert published[: len(pages)] == pages
    assert {"atom.xml", "archive/1.atom.xml", "archive/1.json"} <= set(published[len(pages) :])
    reported = [line.split()[1] for line in result.output.splitlines() if line.startswith("wrote")]
    assert reported == [
        f"feeds/{name}"
        for base in ("", "archive/1.", "authors/default-author.")
        for name in (f"{base}atom.xml", f"{base}rss.xml", f"{base}json" if base else "feed.json")
    ] + ["feeds/_headers"]


@pytest.mark.parametrize("cache", [True, False])
def test_a_template_error_on_the_last_pages_leaves_every_file_as_it_was(
    site: Site, cache: bool
) -> None:
    """Files are staged as they are made, pages first, one at a time: a template that fails
    on one of the last entry pages, when the index and the other pages are staged already,
    leaves every published file as it was and no temporary."""
    folder = site(config=CONFIG + 'templates = "templates"\n', **PUBLICATION)
    (folder / "templates").mkdir()
    build_ok()
    feeds = folder / "feeds"
    before = state(feeds)
    (folder / "entries" / "same-day-b.md").write_text(
        "---\ntitle: B, edited\ndate: 2025-06-01\n---\nB.\n", encoding="utf-8"
    )
    (folder / "templates" / "entry.html").write_text(
        '{% if entry.title == "A" %}{{ no_such_name }}{% endif %}{{ entry.title }}\n',
        encoding="utf-8",
    )
    message = assert_clean_error(invoke_build(*([] if cache else ["--no-cache"])))
    assert "entry.html" in message and "no_such_name" in message
    assert state(feeds) == before


def test_an_id_change_found_after_the_files_were_made_leaves_every_file_as_it_was(
    site: Site,
) -> None:
    """Files are written to temporaries as they are made; the id guard runs after that, and
    when it refuses the build every temporary is removed."""
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    before = state(feeds)
    entries = folder / "entries"
    (entries / "same-day-b.md").rename(entries / "renamed-b.md")  # a new id, the same title
    (entries / "2025" / "two.md").write_text(
        '+++\ntitle = "Two, edited"\ndate = 2025-07-01T08:00:00\n+++\nNew body.\n',
        encoding="utf-8",
    )
    message = assert_clean_error(invoke_build())
    assert "renamed-b.md" in message
    assert state(feeds) == before
    assert files(feeds) == ALL_FILES  # no temporary file is left


@pytest.mark.parametrize(
    ("read_only", "named"),
    [("", "atom.xml"), ("same-day-b", "same-day-b/index.html")],  # a page's: Staging.add
    ids=["feeds", "a-page-folder"],
)
def test_a_read_only_output_folder_keeps_the_old_feeds(
    site: Site, read_only: str, named: str
) -> None:
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    before = state(feeds)
    (folder / "entries" / "same-day-b.md").write_text(
        "---\ntitle: B, edited\ndate: 2025-06-01\n---\nB.\n", encoding="utf-8"
    )
    (feeds / read_only).chmod(0o555)
    try:  # as a user: root writes in a read-only folder
        built = build_as_a_user()
    finally:
        (feeds / read_only).chmod(0o755)
    assert (built.returncode, built.stderr) == (
        1,
        f"Error: feeds/{named}: cannot write the file (Permission denied). "
        "Check the folder's permissions and free space.\n",
    )
    assert state(feeds) == before
    assert files(feeds) == ALL_FILES


def test_an_output_path_that_is_a_file_is_an_error(site: Site) -> None:
    folder = site(config=CONFIG, **PUBLICATION)
    (folder / "taken").write_text("not a folder", encoding="utf-8")
    message = assert_clean_error(invoke_build("--out", "taken"))
    assert "taken" in message
    assert (folder / "taken").read_text(encoding="utf-8") == "not a folder"


def test_every_file_a_build_writes_can_be_read_by_a_web_server(site: Site) -> None:
    # Staged with mkstemp, a file only its owner may read (0600) would be published so: a web
    # server running as another user answers 403 for every feed.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    modes = {name: stat.S_IMODE((feeds / name).stat().st_mode) for name in files(feeds)}
    assert set(modes.values()) == {0o644}, modes


# A build that dies (SIGKILL, a power cut) as it publishes its first file: no clean-up runs.
_KILLED_AS_IT_PUBLISHES = """
import os, sys
os.replace = lambda source, target: os._exit(137)
from staticfeed.__main__ import main
sys.argv = ["staticfeed", "build"]
main()
"""


def test_the_temporary_files_of_a_build_killed_as_it_publishes_are_removed_by_the_next(
    site: Site,
) -> None:
    # The files the build itself stages, under the names it gives them, not names made up
    # here: the sweep must know every one of them.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    before = state(feeds)
    (folder / "entries" / "2025" / "two.md").write_text(
        '+++\ntitle = "Two, edited"\ndate = 2025-07-01T08:00:00\n+++\nNew body.\n',
        encoding="utf-8",
    )
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_AS_IT_PUBLISHES], capture_output=True, check=False
    )
    assert killed.returncode == 137, killed.stderr
    left = [name for name in files(feeds) if name.endswith(".tmp")]
    assert left, files(feeds)
    after = state(feeds)
    assert {name: after[name] for name in before} == before  # every published file intact

    build_ok()
    assert files(feeds) == ALL_FILES
    assert b"Two, edited" in (feeds / "atom.xml").read_bytes()


def test_temporary_files_a_killed_build_left_are_removed_by_a_later_build(site: Site) -> None:
    # A build killed while staging (SIGKILL) left .atom.xml.x1y2z3w4.tmp files that every later
    # build kept, and a sync of feeds/ published; then, for an hour, those another build might
    # have been staging. A build holds the folder alone (output.exclusive): none is another's.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    hour_ago = time.time() - 3700
    left = [feeds / ".atom.xml.k2j4h6g8.tmp", feeds / "2025" / "one" / ".index.html.abcd_123.tmp"]
    fresh = feeds / ".rss.xml.zzzz9999.tmp"  # killed a moment ago
    for path in [*left, fresh]:
        path.write_bytes(b"half a file")
    for path in left:
        os.utime(path, (hour_ago, hour_ago))
    (feeds / ".staticfeed-staging").write_bytes(b"")  # as the killed build left it

    result = build_ok()  # with nothing else to do

    assert files(feeds) == ALL_FILES, result.output
    for path in left:  # without the mark of a killed build, nothing is looked for
        path.write_bytes(b"half a file")
        os.utime(path, (hour_ago, hour_ago))
    build_ok()
    assert all(path.exists() for path in left)


def test_a_build_that_fails_after_a_killed_one_leaves_feeds_as_the_last_good_build_did(
    site: Site,
) -> None:
    # The killed build's mark outlived a build stopped by an invalid entry: a stray file in
    # feeds/, which a sync of the folder published.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    (feeds / ".atom.xml.k2j4h6g8.tmp").write_bytes(b"half a file")
    (feeds / ".staticfeed-staging").write_bytes(b"")  # as the killed build left it
    (folder / "entries" / "bad-date.md").write_text(
        "---\ntitle: Bad\ndate: 2025-13-01\n---\nB.\n", encoding="utf-8"
    )
    assert_clean_error(invoke_build())
    assert files(feeds) == ALL_FILES


def test_a_users_file_named_like_a_temporary_file_and_more_is_never_removed(site: Site) -> None:
    # Only the build's own temporary names are swept after a killed build: an editor's backup
    # of such a name (a trailing "~") is the user's.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    backup = feeds / ".atom.xml.k2j4h6g8.tmp~"
    backup.write_bytes(b"the user's")
    hour_ago = time.time() - 3700
    os.utime(backup, (hour_ago, hour_ago))
    (feeds / ".staticfeed-staging").write_bytes(b"")  # as a killed build left it
    build_ok()
    assert backup.read_bytes() == b"the user's"


def test_without_locks_a_temporary_file_too_young_to_remove_is_looked_for_again(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a file system without locks (some NFS) a build cannot tell a killed build's fresh
    # temporary file from one another build is staging, and leaves it: the killed build's mark
    # stays, so that a build an hour later removes it.
    import fcntl

    def no_locks(handle: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    fresh = feeds / ".rss.xml.zzzz9999.tmp"  # killed a moment ago
    fresh.write_bytes(b"half a file")
    (feeds / ".staticfeed-staging").write_bytes(b"")  # as the killed build left it
    build_ok()
    assert fresh.exists()
    hour_ago = time.time() - 3700
    os.utime(fresh, (hour_ago, hour_ago))
    build_ok()
    assert files(feeds) == ALL_FILES


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX's; Windows builds are not held")
def test_a_build_waits_while_another_writes_into_the_same_folder(site: Site) -> None:
    # Two builds at once (serve rebuilding while build runs) could record each other's files
    # as their own in the cache, which then vouched for a stale page until --no-cache.
    import fcntl

    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    handle = os.open(folder / "feeds", os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX)  # as another build holds it
    try:
        command = [sys.executable, "-m", "staticfeed", "build", "-q"]
        second = subprocess.Popen(command, cwd=folder, stderr=subprocess.PIPE, text=True)
        assert first_line(second) == "waiting for another staticfeed build into feeds\n"
        assert second.poll() is None  # still waiting
    finally:
        os.close(handle)
    _, rest = second.communicate(timeout=60)
    assert second.returncode == 0, rest
    assert rest == ""


@pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX's; Windows builds are not held")
def test_a_build_waits_while_a_first_build_writes_into_the_same_folder(site: Site) -> None:
    # A first build held the folder above feeds/, which did not exist yet, and then made
    # feeds/: a second build started then held feeds/ itself, and both wrote at once. One of
    # them failed ("cannot write the file (No such file or directory)") or left the other's
    # files.
    folder = site(config=CONFIG, **PUBLICATION)
    feeds = folder / "feeds"
    with output.exclusive(feeds, waiting=lambda: None):  # as a first build holds it
        feeds.mkdir(exist_ok=True)  # as that build's staging makes it
        command = [sys.executable, "-m", "staticfeed", "build", "-q"]
        second = subprocess.Popen(command, cwd=folder, stderr=subprocess.PIPE, text=True)
        assert first_line(second) == "waiting for another staticfeed build into feeds\n"
        assert second.poll() is None  # still waiting
    _, rest = second.communicate(timeout=60)
    assert second.returncode == 0, rest
    assert rest == ""
    assert files(feeds) == ALL_FILES


# All or nothing


IN_THE_WAY = {
    "folder": "a folder is where this file goes. Remove or rename the folder; the build writes "
    "a file there.",
    "file": "a file is where this folder goes. Remove or rename the file; the build makes a "
    "folder there.",
}


@pytest.mark.parametrize(
    ("name", "obstacle"),
    [
        ("rss.xml", "folder"),
        (".staticfeed-ids", "folder"),
        ("_headers", "folder"),
        ("tags", "file"),
        ("2025", "file"),
        ("2025/one", "file"),
    ],
)
def test_what_is_in_the_way_of_a_file_stops_the_build_before_any_file_changes(
    site: Site, name: str, obstacle: str
) -> None:
    # A folder where a file goes was found by the os.replace that failed, after atom.xml and
    # the pages had been replaced. A file where a folder goes: mkdir said "cannot write the
    # file (File exists). Check the folder's permissions and free space.", which no chmod fixes.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    if obstacle == "folder":
        (feeds / name).unlink()
        (feeds / name).mkdir()
    else:
        shutil.rmtree(feeds / name)
        (feeds / name).write_text("in the way", encoding="utf-8")
    before = state(feeds)
    (folder / "entries" / "same-day-b.md").write_text(
        "---\ntitle: B, edited\ndate: 2025-06-01\n---\nB.\n", encoding="utf-8"
    )
    message = assert_clean_error(invoke_build())
    assert message == f"Error: feeds/{name}: {IN_THE_WAY[obstacle]}\n"
    assert state(feeds) == before


def test_a_link_among_the_output_folders_is_never_written_through(
    site: Site, tmp_path: Path
) -> None:
    # The page went wherever the link led, outside feeds/.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(folder / "feeds" / "2025")
    (folder / "feeds" / "2025").symlink_to(elsewhere, target_is_directory=True)
    one = folder / "entries" / "2025" / "one.md"
    one.write_text(one.read_text(encoding="utf-8").replace("Text with", "Edited text with"))
    message = assert_clean_error(invoke_build())
    assert message == (
        "Error: feeds/2025: the folder is a link, which staticfeed never writes through. "
        "Replace the link with a folder, or remove it: the build makes the folder.\n"
    )
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cached", "uncached"])
def test_every_thing_in_the_way_is_named_by_one_build(
    site: Site, tmp_path: Path, cache: tuple[str, ...]
) -> None:
    # The build stopped at the first: `feeds/tags` alone, then once it was fixed, the next build
    # named `feeds/rss.xml`, and so on, as it does not for the errors of entries.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    (feeds / "rss.xml").unlink()
    (feeds / "rss.xml").mkdir()
    shutil.rmtree(feeds / "tags")
    (feeds / "tags").write_text("in the way", encoding="utf-8")
    shutil.rmtree(feeds / "2025")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (feeds / "2025").symlink_to(elsewhere, target_is_directory=True)
    before = state(feeds)
    message = assert_clean_error(invoke_build(*cache))
    assert message == (
        "Error: feeds/2025: the folder is a link, which staticfeed never writes through. "
        "Replace the link with a folder, or remove it: the build makes the folder.\n"
        f"Error: feeds/rss.xml: {IN_THE_WAY['folder']}\n"
        f"Error: feeds/tags: {IN_THE_WAY['file']}\n"
    )
    assert state(feeds) == before
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("link", ["feeds", "www"])
def test_an_output_folder_reached_through_a_link_is_written_into(
    site: Site, tmp_path: Path, link: str
) -> None:
    # feeds/, or the folder above --out, as a link into a web server's folder: the user's way
    # in, above the folders the build writes, and kept. Only links below --out are refused.
    folder = site(config=CONFIG, **PUBLICATION)
    served = tmp_path / "served"
    (served / "feeds").mkdir(parents=True)
    target = served / "feeds" if link == "feeds" else served
    (folder / link).symlink_to(target, target_is_directory=True)
    build_ok(*(() if link == "feeds" else ("--out", "www/feeds")))
    assert (folder / link).is_symlink()
    assert files(served / "feeds") == ALL_FILES
    atom = read_xml(served / "feeds" / "tags" / "a.atom.xml")
    assert atom.tag == "{http://www.w3.org/2005/Atom}feed"


@pytest.mark.parametrize(
    "slug", ["_headers", ".staticfeed-ids", "_redirects/x", ".well-known/x", "2025/.plans/x"]
)
def test_a_slug_where_a_host_or_staticfeed_keeps_its_files_is_an_error(
    site: Site, slug: str
) -> None:
    site(config=CONFIG, **{"a.md": f"---\ntitle: A\ndate: 2025-06-01\nslug: {slug}\n---\nA.\n"})
    message = assert_clean_error(invoke_build())
    assert message == (
        f"Error: entries/a.md:4: slug {slug!r} would put a page in a hidden folder, where "
        "staticfeed keeps .staticfeed-ids, or where a host reads _headers or _redirects. Give "
        "the entry another slug: in its front matter.\n"
    )
    assert not Path("feeds").exists()  # a failed first build leaves no folder


@pytest.mark.parametrize(
    ("slug", "shown", "folder", "fix"),
    [
        ("con", "con", "con", "con-entry"),
        ("NUL.txt", "nul.txt", "nul.txt", "nul-entry.txt"),
        ("2025/aux", "2025/aux", "aux", "2025/aux-entry"),
        ("Lpt9/com¹", "lpt9/com%C2%B9", "lpt9", "lpt9-entry/com¹-entry"),
    ],
)
def test_a_slug_windows_keeps_for_a_device_is_an_error_at_its_line(
    site: Site, slug: str, shown: str, folder: str, fix: str
) -> None:
    # The build wrote feeds/con/index.html, which Windows can neither check out nor upload.
    site(config=CONFIG, **{"a.md": f"---\ntitle: A\ndate: 2025-06-01\nslug: {slug}\n---\nA.\n"})
    message = assert_clean_error(invoke_build())
    assert message == (
        f"Error: entries/a.md:4: slug {shown!r} would name a page's folder {folder!r}, a name "
        "Windows keeps for a device: the site could not be checked out or uploaded there. Give "
        f"the entry another slug: in its front matter, like slug: {fix}.\n"
    )
    assert not Path("feeds").exists()


def test_a_page_folder_named_as_a_device_by_the_file_name_gets_a_dash_and_keeps_its_id(
    site: Site,
) -> None:
    # entries/con.md made feeds/con/index.html, which Windows can neither check out nor upload
    # (wherever the site is built), while `slug: con` was refused. The id, made of the name,
    # stays: a new one would deliver the entry again to every reader.
    post = "---\ntitle: A\ndate: 2025-06-0{}\n---\nA.\n"
    site(config=CONFIG, **{"con.md": post.format(1), "AUX/NUL.x.md": post.format(2)})
    build_ok()
    assert sorted(str(page) for page in Path("feeds").glob("*/**/index.html")) == [
        "feeds/aux-/nul-.x/index.html",
        "feeds/con-/index.html",
    ]
    atom = read_xml(Path("feeds/atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [
        (entry.findtext("a:id", namespaces=ns), entry.find("a:link", ns).get("href"))
        for entry in atom.findall("a:entry", ns)
    ] == [
        ("tag:example.org,2025:aux/nul.x", "https://example.org/blog/feeds/aux-/nul-.x/"),
        ("tag:example.org,2025:con", "https://example.org/blog/feeds/con-/"),
    ]


def test_slug_errors_are_listed_by_file_then_line(site: Site) -> None:
    # Listed as the pages are placed, newest entry first: s2.md, then s.md. `check` sorted them.
    site(
        config=CONFIG,
        **{
            "s.md": "---\ntitle: A\ndate: 2025-06-01\nslug: .a/b\n---\nA.\n",
            "s2.md": "---\ntitle: B\ndate: 2025-06-02\nslug: _headers\n---\nB.\n",
            "t/a.md": "---\ntitle: C\ndate: 2025-06-03\n\nslug: _redirects\n---\nC.\n",
        },
    )
    message = assert_clean_error(invoke_build())
    hidden = (
        "would put a page in a hidden folder, where staticfeed keeps .staticfeed-ids, or where "
        "a host reads _headers or _redirects. Give the entry another slug: in its front matter."
    )
    assert message == (
        f"Error: entries/s.md:4: slug '.a/b' {hidden}\n"
        f"Error: entries/s2.md:4: slug '_headers' {hidden}\n"
        f"Error: entries/t/a.md:5: slug '_redirects' {hidden}\n"
    )


@pytest.mark.parametrize(
    ("written", "slug"),
    [("a" * 256, "a" * 256), ("€" * 86, "%E2%82%AC" * 86)],  # 86 euro signs: 258 bytes
    ids=["ascii", "euro"],
)
def test_a_slug_too_long_for_a_folder_name_is_an_error_at_its_line(
    site: Site, written: str, slug: str
) -> None:
    # Writing the page failed: "feeds/aaa…/index.html: cannot write the file (File name too
    # long). Check the folder's permissions and free space", naming neither entry nor slug.
    document = f"---\ntitle: A\ndate: 2025-06-01\nslug: 2025/{written}\n---\nA.\n"
    site(config=CONFIG, **{"a.md": document})
    message = assert_clean_error(invoke_build())
    assert message == (
        f"Error: entries/a.md:4: slug '2025/{slug}' would name a page's folder longer than the "
        "255 bytes a file system takes. Give the entry a shorter slug: in its front matter.\n"
    )
    assert not Path("feeds").exists()


def built_then_tag_solo_gone(site: Site) -> Path:
    """A publication built with the tags solo and other, then the entry tagged solo deleted:
    the next build no longer makes feeds/tags/solo.*."""
    folder = site(
        config=CONFIG,
        **{
            "gone.md": "---\ntitle: Gone\ndate: 2025-06-01\ntags: [solo]\n---\nG.\n",
            "kept.md": "---\ntitle: Kept\ndate: 2025-06-02\ntags: [other]\n---\nK.\n",
        },
    )
    build_ok()
    (folder / "entries" / "gone.md").unlink()
    return folder


def test_a_stale_file_that_cannot_be_removed_is_an_error_and_removed_later(site: Site) -> None:
    # A PermissionError traceback, and the file was left out of the manifest for good.
    folder = built_then_tag_solo_gone(site)
    tags = folder / "feeds" / "tags"
    tags.chmod(0o555)
    try:
        built = build_as_a_user()
    finally:
        tags.chmod(0o755)
    assert (built.returncode, built.stderr) == (
        1,
        "Error: feeds/tags/solo.atom.xml: cannot remove the file, which the build no longer "
        "makes (Permission denied). Remove it by hand, or let it be removed: the next build "
        "tries again.\n",
    )
    assert "removed feeds/tags/solo.json" in build_ok()
    assert sorted(path.name for path in tags.iterdir()) == [
        "other.atom.xml",
        "other.json",
        "other.rss.xml",
    ]


def test_ctrl_c_as_the_list_of_files_is_written_again_leaves_no_temporary_file(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once the stale files are removed, the list of files is written again to name only those
    # left: its temporary file, made outside any Staging, stayed in feeds/ for good.
    folder = built_then_tag_solo_gone(site)
    with monkeypatch.context() as patched:
        interrupt_as_a_temporary_file_opens(patched, of=".staticfeed-files")
        result = invoke_build()
    assert (result.exit_code, result.stderr) == (130, "\nAborted!\n")
    assert not (folder / "feeds" / "tags" / "solo.json").exists()  # it was that far
    assert [name for name in files(folder / "feeds") if name.endswith(".tmp")] == []


@pytest.mark.parametrize("replacement", ["link", "folder"])
def test_a_stale_file_replaced_by_a_link_or_a_folder_is_left_alone(
    site: Site, replacement: str
) -> None:
    # The link or folder is the user's, not a file the build wrote: nothing else in feeds/ is
    # removed.
    folder = built_then_tag_solo_gone(site)
    stale = folder / "feeds" / "tags" / "solo.atom.xml"
    stale.unlink()
    if replacement == "link":
        stale.symlink_to("other.atom.xml")
    else:
        stale.mkdir()
        (stale / "notes.txt").write_text("mine", encoding="utf-8")
    said = build_ok()
    assert "removed feeds/tags/solo.json" in said
    assert not [line for line in said if "solo.atom.xml" in line]
    if replacement == "link":
        assert os.readlink(stale) == "other.atom.xml"
    else:
        assert (stale / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_folder_of_a_deleted_entrys_page_goes_with_it(site: Site) -> None:
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    assert (feeds / "2025" / "one" / "index.html").is_file()
    (folder / "entries" / "2025" / "one.md").unlink()
    assert "removed feeds/2025/one/index.html" in build_ok()
    assert not (feeds / "2025" / "one").exists()
    assert (feeds / "2025" / "two").is_dir()  # a folder with a page left in it stays
    # The last page of 2025/ gone, 2025/ goes too: no empty folder is left for a sync.
    (folder / "entries" / "2025" / "two.md").unlink()
    assert "removed feeds/2025/two/index.html" in build_ok()
    assert not (feeds / "2025").exists()


def test_the_list_of_files_a_build_wrote_is_sorted(site: Site) -> None:
    # Committed with feeds/, it changes in a diff only when the files do, not with the order
    # the build made them in.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    listed = (feeds / ".staticfeed-files").read_text(encoding="utf-8").splitlines()
    assert listed == sorted(set(files(feeds)) - {".staticfeed-files", ".staticfeed-ids"})


def test_a_list_of_files_that_is_not_utf8_is_written_anew(site: Site) -> None:
    # A list garbled by hand or by a tool: the build cannot tell which files are stale, and
    # lists those it writes, with no traceback.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    (feeds / ".staticfeed-files").write_bytes(b"atom.xml\n\xff\xfe\n")
    build_ok()
    listed = (feeds / ".staticfeed-files").read_text(encoding="utf-8").splitlines()
    assert listed == sorted(set(ALL_FILES) - {".staticfeed-files", ".staticfeed-ids"})


def test_a_file_outside_the_output_folder_is_never_removed(site: Site) -> None:
    # The list of what the last build wrote is a file anyone can edit, or a copy can garble.
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    kept = folder / "notes.txt"
    kept.write_text("mine", encoding="utf-8")
    manifest = folder / "feeds" / ".staticfeed-files"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "../notes.txt\n", encoding="utf-8")
    said = build_ok()
    assert kept.read_text(encoding="utf-8") == "mine"
    assert not [line for line in said if "notes.txt" in line]


# A build that kills itself (SIGKILL, as a power cut ends it) at a point of publishing: before
# removing the files it no longer makes, or once the first page of feeds/ is in place.
_KILLED_WHILE_PUBLISHING = """\
import os, signal, sys, traceback
from staticfeed import cli, output, pipeline

def killed(*args):
    traceback.print_stack(file=sys.stderr)  # where the build was: by a full build, or a patch
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)

def replace_then_die(source, target):
    os.rename(source, target)
    if os.path.basename(target) == "index.html":
        killed()

if sys.argv[1] == "before-removing":
    pipeline.remove_stale = killed
else:
    output.os = type("os", (), {**vars(os), "replace": staticmethod(replace_then_die)})
sys.argv = ["staticfeed", "build", *sys.argv[2:]]
cli.main()
"""


def build_killed(moment: str, *args: str) -> str:
    """Build, killed at `moment` (`_KILLED_WHILE_PUBLISHING`), passing `args`; what it printed
    on stderr by then, and where it was."""
    command = [sys.executable, "-c", _KILLED_WHILE_PUBLISHING, moment, *(args or ["-q"])]
    killed = subprocess.run(command, check=False, capture_output=True, text=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    return killed.stderr


def test_a_build_killed_before_removing_stale_files_leaves_them_for_the_next(site: Site) -> None:
    # Killed between publishing the new manifest and removing the files it no longer lists, the
    # build left the feeds of a tag nobody used any more and the page of the entry deleted for
    # good: no later build knew it had written them.
    folder = site(config=CONFIG, **{"gone.md": GONE, "kept.md": KEPT})
    build_ok()
    feeds = folder / "feeds"
    before = files(feeds)
    (folder / "entries" / "gone.md").unlink()
    build_killed("before-removing")
    assert (feeds / "tags" / "solo.atom.xml").is_file()  # the kill came before the removal

    assert "removed feeds/tags/solo.atom.xml" in build_ok()
    gone = ["gone/index.html", *(f"tags/solo.{kind}" for kind in ("atom.xml", "json", "rss.xml"))]
    assert set(gone) <= set(before)
    assert files(feeds) == [name for name in before if name not in gone]


def test_a_page_a_killed_build_published_is_removed_once_no_build_makes_it(site: Site) -> None:
    # Killed once the page of a new entry was in place, before the manifest that names it, the
    # build left a page that stayed after the entry was deleted again.
    folder = site(config=CONFIG, **{"kept.md": KEPT})
    build_ok()
    feeds = folder / "feeds"
    before = files(feeds)
    (folder / "entries" / "gone.md").write_text(GONE, encoding="utf-8")
    build_killed("after-a-page")
    assert (feeds / "gone" / "index.html").is_file()  # the kill came after its page

    (folder / "entries" / "gone.md").unlink()
    assert "removed feeds/gone/index.html" in build_ok()
    assert files(feeds) == before


def test_an_invalid_entry_changes_no_feed_file(site: Site) -> None:
    folder = site(config=CONFIG, **PUBLICATION)
    build_ok()
    feeds = folder / "feeds"
    age(feeds)
    before = state(feeds)
    # A valid edit that would change both feeds, next to two broken documents.
    (folder / "entries" / "same-day-a.md").write_text(
        "---\ntitle: A, retitled\ndate: 2025-06-01\n---\nA.\n", encoding="utf-8"
    )
    (folder / "entries" / "bad-date.md").write_text(
        "---\ntitle: Bad\ndate: 2025-13-01\n---\nB.\n", encoding="utf-8"
    )
    (folder / "entries" / "bad-key.md").write_text(
        "---\ntitel: Bad\ndate: 2025-12-01\n---\nB.\n", encoding="utf-8"
    )
    message = assert_clean_error(invoke_build())
    lines = message.splitlines()
    assert all(line.startswith("Error: ") for line in lines), message
    assert any(line.startswith("Error: entries/bad-date.md:3:") for line in lines), message
    assert any(line.startswith("Error: entries/bad-key.md:2:") for line in lines), message
    assert state(feeds) == before
    assert files(feeds) == ALL_FILES


def test_an_invalid_entry_on_the_first_build_writes_nothing(site: Site) -> None:
    folder = site(
        config=CONFIG,
        **{"good.md": "---\ntitle: G\ndate: 2025-12-01\n---\nG.\n", "bad.md": "no date here\n"},
    )
    assert_clean_error(invoke_build("--out", "public/feeds"))
    assert not (folder / "public").exists()
