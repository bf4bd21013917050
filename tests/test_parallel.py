"""A cold build of many entries renders them in worker processes, and writes the very same
files as a build that renders them one by one in its own process."""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree

from staticfeed import parallel, pipeline
from staticfeed.cli import cli
from staticfeed.collection import collections_paused
from staticfeed.progress import SILENT
from tests.conftest import files_under
from tests.pipes import first_line

ATOM = "http://www.w3.org/2005/Atom"
CONFIG = """\
title = "Many entries"
site_url = "https://example.org/"
authors = ["Ann Lee"]
id_authority = "example.org,2025"
timezone = "Europe/Kyiv"
limit = 0
"""
BODY = """\
Read [the notes](notes/{n}.html) and see ![a chart](img/{n}.png "Chart {n}").

| week | état |
|---:|---|
| {n} | ~~draft~~ done |
"""


@pytest.fixture(autouse=True)
def publication(site: Callable[..., Path]) -> None:
    site(config=CONFIG, **{f"week-{n}.md": week(n) for n in range(1, 41)})


def week(n: int) -> str:
    front = f"---\ntitle: Week {n}\ndate: 2025-01-01T00:{n:02}:00+02:00\ntags: [t{n % 3}]\n---\n"
    return front + BODY.format(n=n)


def counted_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of workers of each pool of worker processes made from now on (none is made
    before)."""
    monkeypatch.setattr(parallel, "_pools", {})  # a pool made before this test is not counted
    pools: list[int] = []

    class CountedPool(parallel.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(kwargs["max_workers"])  # type: ignore[arg-type]
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    return pools


def build(out: str, *options: str) -> dict[str, bytes]:
    result = CliRunner().invoke(cli, ["build", *options, "--out", out], prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    return files_under(Path(out))


@pytest.mark.parametrize("cache", [False, True])
def test_entries_rendered_in_workers_give_the_same_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache: bool
) -> None:
    """Workers render entries, make their Atom and RSS elements and their pages."""
    pools = counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    options = [] if cache else ["--no-cache"]
    in_workers = build("workers", *options)
    assert pools, "the entries were not rendered in worker processes"
    # What the workers wrote went with the build. (multiprocessing may leave its own pymp-*
    # folder there, for the forkserver's socket, until this process ends.)
    assert not list(temporary.glob("staticfeed-spool-*"))

    monkeypatch.setattr(parallel, "MIN_STEPS", 1000)
    shutil.rmtree(".staticfeed-cache", ignore_errors=True)  # rendered again, not taken from it
    pools.clear()
    here = build("here", *options)
    assert not pools

    assert in_workers == here
    atom = etree.fromstring(in_workers["atom.xml"])
    contents = [c.text for c in atom.iter("{http://www.w3.org/2005/Atom}content")]
    assert len(contents) == 40
    assert all('src="https://example.org/img/' in text for text in contents if text)
    assert all("<del>draft</del>" in text for text in contents if text)
    page = in_workers["week-7/index.html"].decode()
    assert "<title>Week 7" in page and 'src="https://example.org/img/7.png"' in page


def test_a_build_after_edits_in_workers_gives_the_files_of_a_build_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The build after an edit, an added and a deleted document renders the new ones in
    workers and takes the others from the cache: the same bytes as a build without the cache
    in one process, and as a first build in workers."""
    counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    monkeypatch.setattr(parallel, "_CHUNK", 3)
    monkeypatch.setattr(pipeline, "FEED_IN_WORKER", 20)
    build("feeds")
    given: list[int] = []
    give = parallel._Window.give

    def counted(window: Any, chunk: Sequence[Any], count: int) -> None:
        given.append(count)
        give(window, chunk, count)

    monkeypatch.setattr(parallel._Window, "give", counted)
    Path("entries/week-5.md").write_text(week(5).replace("Week 5", "Week five"), "utf-8")
    Path("entries/week-41.md").write_text(week(41), "utf-8")
    Path("entries/week-9.md").unlink()
    after_edits = build("feeds")
    # The two documents parsed, then their two entries rendered, in workers.
    assert given == [2, 2], given
    monkeypatch.setattr(parallel, "MIN_STEPS", 1000)
    here = build("here", "--no-cache")
    assert after_edits == here
    shutil.rmtree(".staticfeed-cache")
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    assert build("first", "--no-cache") == here
    titles = etree.fromstring(here["atom.xml"]).iterfind(f"{{{ATOM}}}entry/{{{ATOM}}}title")
    shown = [title.text for title in titles]
    assert len(shown) == 40 and "Week five" in shown and "Week 41" in shown
    assert "Week 9" not in shown


def test_one_core_parses_and_renders_in_one_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """On one core, many documents are still parsed and rendered in a worker process, one:
    the build's own process holds every entry, and allocating got slower in its heap as that
    grew. The files are those of a build that does everything in its own process."""
    pools = counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    in_worker = build("worker")
    assert pools == [1]
    monkeypatch.setattr(parallel, "MIN_STEPS", 1000)
    pools.clear()
    here = build("here", "--no-cache")
    assert not pools
    assert in_worker == here
    atom = etree.fromstring(in_worker["atom.xml"])
    assert [title.text for title in atom.iterfind(f"{{{ATOM}}}entry/{{{ATOM}}}title")] == [
        f"Week {n}" for n in range(40, 0, -1)
    ]


def test_a_system_that_cannot_run_workers_builds_in_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where multiprocessing cannot make its queues (no working sem_open, as in AWS Lambda,
    which has no /dev/shm), a build of many entries does everything in its own process, with
    the same files, instead of failing."""
    monkeypatch.setattr(parallel, "_pools", {})

    class NoSemaphores(parallel.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise NotImplementedError("This platform lacks a functioning sem_open implementation")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", NoSemaphores)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    monkeypatch.setattr(pipeline, "FEED_IN_WORKER", 20)  # would be staged by a worker
    without = build("without")
    monkeypatch.setattr(parallel, "MIN_STEPS", 1000)
    shutil.rmtree(".staticfeed-cache")
    here = build("here", "--no-cache")
    assert without == here
    assert len(etree.fromstring(without["atom.xml"]).findall(f"{{{ATOM}}}entry")) == 40


def test_feeds_made_while_workers_render_are_those_made_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With archives of five entries, each archive and tag feed is made as soon as its entries
    come back from the workers: the files are those of a build that makes every feed after
    the last entry (--no-cache, in one process)."""
    config = CONFIG.replace("limit = 0", "limit = 5\narchive_size = 5")
    Path("staticfeed.toml").write_text(config, "utf-8")
    pools = counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    monkeypatch.setattr(parallel, "_CHUNK", 4)  # results come back a few entries at a time
    in_workers = build("workers")
    assert pools, "the entries were not rendered in worker processes"
    monkeypatch.setattr(parallel, "MIN_STEPS", 1000)
    after = build("after", "--no-cache")
    assert in_workers == after
    assert {"archive/1.atom.xml", "archive/7.json", "tags/t2.rss.xml"} <= set(in_workers)
    archive = etree.fromstring(in_workers["archive/1.atom.xml"])
    assert len(archive.findall("{http://www.w3.org/2005/Atom}entry")) == 5


def test_feeds_of_many_entries_staged_by_workers_are_those_made_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A feed of many entries is staged by a worker, from the items the workers wrote, while
    the build writes the cache's HTML: the same files as a build that makes every feed in
    one process without the cache, and a cache the next build finds everything in."""
    pools = counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    monkeypatch.setattr(pipeline, "FEED_IN_WORKER", 20)  # the main feeds, of 40 entries
    staged: list[str] = []
    submit = parallel.submit

    def recording(step: Callable[..., Any], *args: Any) -> object:
        staged.append(args[-2].name)  # the feed's path, then its temporary file's
        return submit(step, *args)

    monkeypatch.setattr(parallel, "submit", recording)
    in_workers = build("workers")
    assert pools
    # The main feeds and the author's, of 40 entries; the tag feeds, of 13 or 14, are made here.
    assert sorted(staged) == ["ann-lee.atom.xml", "ann-lee.rss.xml", "atom.xml", "rss.xml"]
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1000)
    here = build("here", "--no-cache")
    assert in_workers == here
    assert len(etree.fromstring(in_workers["atom.xml"]).findall(f"{{{ATOM}}}entry")) == 40
    again = CliRunner().invoke(cli, ["build", "--out", "workers"], prog_name="staticfeed")
    assert again.exit_code == 0, again.output
    wrote = [line for line in again.output.splitlines() if line.startswith("wrote ")]
    assert wrote == []  # the cache holds what the first build made


def test_workers_started_for_one_publication_build_another_in_its_own_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The workers outlive a build: a program (a test suite, a script building several sites)
    that builds one publication, changes folder and builds another with the same relative
    paths has its feeds staged by workers that started in the first folder. They looked for
    the second's temporary files in the first: "cannot write the file (No such file or
    directory)"."""
    counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    monkeypatch.setattr(pipeline, "FEED_IN_WORKER", 20)  # the main feeds, of 40 entries
    first = build("feeds")
    other = tmp_path / "other"
    shutil.copytree(tmp_path, other, ignore=shutil.ignore_patterns("feeds", ".staticfeed*"))
    monkeypatch.chdir(other)
    Path("entries/week-41.md").write_text(week(41), "utf-8")
    in_workers = build("feeds")
    assert files_under(tmp_path / "feeds") == first
    monkeypatch.setattr(parallel, "MIN_STEPS", 1000)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    here = build("here", "--no-cache")
    assert in_workers == here
    entries = etree.fromstring(in_workers["atom.xml"]).findall(f"{{{ATOM}}}entry")
    assert len(entries) == 41


def _text_of(path: str) -> str:
    return Path(path).read_text("utf-8")


def test_a_step_given_to_workers_after_a_change_of_folder_takes_paths_from_the_new_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A feed is staged by whichever worker is free, and one that rendered nothing of the
    second publication still stood in the folder of the first: the relative paths `submit`
    is given must lead into the folder this process is in when it gives them."""
    counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    for name in ("first", "second"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "which.txt").write_text(name, "utf-8")
    monkeypatch.chdir(tmp_path / "first")
    pool = parallel._pool(2)
    assert pool is not None
    try:
        pool.submit(os.getpid).result()  # the workers start, in the first folder
        monkeypatch.chdir(tmp_path / "second")
        assert parallel.has_workers()
        read = [parallel.submit(_text_of, "which.txt").result() for _ in range(4)]
    finally:
        pool.shutdown()
    assert read == ["second"] * 4


def _no_space(path: Path, parts: object, **options: object) -> object:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_feed_a_worker_cannot_write_is_an_error_and_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    build("feeds")
    before = files_under(Path("feeds"))
    Path("entries/week-41.md").write_text(week(41), "utf-8")
    shutil.rmtree(".staticfeed-cache")  # every entry rendered by the workers
    counted_pools(monkeypatch)  # workers forked from here on stage with _no_space
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    monkeypatch.setattr(pipeline, "FEED_IN_WORKER", 20)
    monkeypatch.setattr(pipeline, "stage_parts", _no_space)
    result = CliRunner().invoke(cli, ["build"], prog_name="staticfeed")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: feeds/atom.xml: cannot write the file (No space left on device). "
        "Check the folder's permissions and free space.\n"
    )
    assert files_under(Path("feeds")) == before  # no temporary file either


def test_every_body_nested_too_deep_is_listed_from_the_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each chunk of entries rendered in a worker, the bad ones among them in two chunks."""
    deep = "<div>" * 2100 + "The words." + "</div>" * 2100
    for n in (3, 38):
        Path(f"entries/week-{n}.md").write_text(week(n) + f"\n{deep}\n", "utf-8")
    pools = counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    monkeypatch.setattr(parallel, "_CHUNK", 8)
    result = CliRunner().invoke(cli, ["build"], prog_name="staticfeed")
    assert pools, "the entries were not rendered in worker processes"
    assert result.exit_code == 1, result.output
    too_deep = (
        "the text nests HTML elements more than 2,048 levels deep, and what lies deeper would "
        "be lost. Close the elements it opens (an unclosed <div> repeated, say), or nest less."
    )
    assert result.stderr == (
        f"Error: entries/week-3.md: {too_deep}\nError: entries/week-38.md: {too_deep}\n"
    )
    assert not Path("feeds").exists()


def test_a_template_error_met_in_workers_is_the_one_met_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The index is made first, in the main process: its error comes before those of the
    entry pages, which workers make, as in a build that makes every page in one process."""
    Path("templates").mkdir()
    Path("templates/entry.html").write_text(
        "{% extends 'base.html' %}\n{% block body %}\n{{ entry.nothing.here }}\n{% endblock %}\n"
    )
    Path("staticfeed.toml").write_text(CONFIG + 'templates = "templates"\n', encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    results = {}
    for count in (2, 1):
        monkeypatch.setattr(parallel, "workers", lambda count=count: count)
        results[count] = CliRunner().invoke(cli, ["build", "--out", f"out-{count}"])
    assert results[2].exit_code == results[1].exit_code == 1
    assert results[2].stderr == results[1].stderr
    assert results[2].stderr.startswith("Error: templates/entry.html:3: template error: ")
    Path("templates/index.html").write_text(
        "{% extends 'base.html' %}\n{% block body %}\n\n{{ nothing.here }}\n{% endblock %}\n"
    )
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    result = CliRunner().invoke(cli, ["build", "--out", "out-2"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: templates/index.html:4: template error: ")
    assert not [*Path("out-2").rglob("*"), *Path("out-1").rglob("*")]  # nothing, not even a page


def test_errors_found_in_workers_name_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("entries/week-7.md").write_text(
        "---\ntitle: Week 7\ndate: 2025-01-01\ndate: 2025-01-02\n---\nText.\n", encoding="utf-8"
    )
    Path("entries/week-9.md").write_text("---\ntitle: [Week 9\n---\nText.\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    results = {}
    for count in (2, 1):
        monkeypatch.setattr(parallel, "workers", lambda count=count: count)
        results[count] = CliRunner().invoke(
            cli, ["build", "--no-cache", "--out", f"out-{count}"], prog_name="staticfeed"
        )
    assert results[2].exit_code == results[1].exit_code == 1
    assert results[2].stderr == results[1].stderr
    lines = results[2].stderr.splitlines()
    places = [line.split(": ")[1] for line in lines]
    # The [ never closed is on line 2 (PyYAML finds that on line 3, the closing ---).
    assert places == ["entries/week-7.md:4", "entries/week-9.md:2"]
    assert not Path("out-2").exists()


class _CountingPool(ThreadPoolExecutor):
    """Runs steps in threads, and counts the chunks given out."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.given = 0
        self.futures: list[Future[list[int]]] = []
        self.chunks: list[list[int]] = []

    def submit(self, *args: Any, **kwargs: Any) -> Future[Any]:
        self.given += 1
        self.chunks.append(list(args[1]))
        future = super().submit(*args, **kwargs)
        self.futures.append(future)
        return future


def _doubled(chunk: Sequence[int]) -> list[int]:
    return [item * 2 for item in chunk]


def test_workers_are_given_only_a_few_chunks_ahead_of_the_results_taken() -> None:
    """Results not taken yet wait in the build's memory: a build slower than its workers
    (writing thousands of pages) must not let every result pile up."""
    chunks: list[Sequence[int]] = [list(range(start, start + 3)) for start in range(0, 60, 3)]
    with _CountingPool() as pool:
        results = parallel._in_workers(_doubled, chunks, pool, list, window=4, progress=SILENT)
        taken = []
        for result in results:
            taken.append(result)
            chunks_taken = -(-len(taken) // 3)
            assert pool.given <= chunks_taken + 4, (len(taken), pool.given)
        assert taken == [item * 2 for item in range(60)]
        assert pool.given == 20


def test_items_are_taken_as_the_workers_need_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build reads its documents as it gives them to the workers: the first are parsed
    while the last are still unread, and a document is not read twice or skipped."""
    monkeypatch.setattr(parallel, "MIN_STEPS", 10)
    monkeypatch.setattr(parallel, "_CHUNK", 5)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    made: list[int] = []

    def items() -> Iterator[int]:
        for item in range(200):
            made.append(item)
            yield item

    with _CountingPool() as pool:
        monkeypatch.setattr(parallel, "_pool", lambda count: pool)
        results = parallel.map_steps(_doubled, items(), SILENT)
        assert next(results) == 0
        # Given out: the window of 2 workers x 4 chunks of 5, and one more when the first
        # result was taken.
        assert len(made) == 45, made
        assert list(results) == [item * 2 for item in range(1, 200)]
    assert made == list(range(200))
    assert pool.given == 40


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="sets the CPU affinity")
def test_a_process_confined_to_one_core_uses_one_worker() -> None:
    """A build run with `taskset -c 0`, or in a container given one core of many, starts one
    worker, not one per core of the machine: they would only take turns on that core."""
    allowed = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(0, {min(allowed)})
        assert parallel.workers() == 1
    finally:
        os.sched_setaffinity(0, allowed)


def test_few_items_are_done_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    pools = counted_pools(monkeypatch)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    few = iter(range(parallel.MIN_STEPS - 1))
    assert list(parallel.map_steps(_doubled, few, SILENT)) == [
        item * 2 for item in range(parallel.MIN_STEPS - 1)
    ]
    assert not pools


def test_as_many_items_as_min_steps_go_to_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    items = range(parallel.MIN_STEPS)
    with _CountingPool() as pool:
        monkeypatch.setattr(parallel, "_pool", lambda count: pool)
        assert list(parallel.map_steps(_doubled, iter(items), SILENT)) == [n * 2 for n in items]
    assert [n for chunk in pool.chunks for n in chunk] == list(items)


def test_workers_started_during_a_build_collect_garbage(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build pauses the collector, and workers forked meanwhile inherit that: they turn it
    on again, rarely, as they render for as long as `serve` runs."""
    pools = counted_pools(monkeypatch)
    with collections_paused():
        pool = parallel._pool(2)
        assert pool is not None and not gc.isenabled()
        try:  # workers start as the first steps are given out: during the build
            settings = [pool.submit(_collection).result() for _ in range(4)]
        finally:
            pool.shutdown()
    assert pools
    assert all(enabled and first >= 50_000 for enabled, first in settings), settings


def _collection() -> tuple[bool, int]:
    return gc.isenabled(), gc.get_threshold()[0]


def _slowly_doubled(chunk: Sequence[int]) -> list[int]:
    time.sleep(0.2)  # the chunks given out after the first are still waiting or running
    return _doubled(chunk)


def test_chunks_not_taken_are_cancelled_when_the_build_stops() -> None:
    chunks: list[Sequence[int]] = [[n] for n in range(100)]
    with _CountingPool() as pool:
        results = parallel._in_workers(
            _slowly_doubled, chunks, pool, list, window=4, progress=SILENT
        )
        assert next(results) == 0
        results.close()  # an error where the results go, say
        assert pool.given <= 5
        assert all(future.done() or future.running() for future in pool.futures)


def _weight(item: int) -> int:
    return item


def test_steps_not_taken_are_cancelled_when_check_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    """check stopped by an error while it gives feeds to workers does not wait for the rules
    to run over the feeds given out and not started: they are not wanted."""
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    going_on = threading.Event()

    def held(chunk: Sequence[int]) -> list[int]:
        going_on.wait()  # every chunk given out is running or waiting for a worker
        return _doubled(chunk)

    with _CountingPool() as pool:
        monkeypatch.setattr(parallel, "_pool", lambda count: pool)
        try:
            with (
                pytest.raises(KeyError),
                parallel.Steps(
                    held, in_workers=True, size=_weight, chunk_size=1, chunk_bytes=10**9
                ) as steps,
            ):
                for item in range(6):
                    steps.add(item)
                raise KeyError("a feed that cannot be read")
            assert pool.given == 6
            assert all(future.running() or future.cancelled() for future in pool.futures)
        finally:
            going_on.set()


def test_steps_added_one_at_a_time_give_their_results_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """check gives its feeds to workers as it reads them, in chunks, never more than a few
    ahead of the results taken back, and takes every result back in the order given."""
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    for chunk_size, chunk_bytes in ((3, 10**9), (100, 50)):
        with _CountingPool() as pool:
            monkeypatch.setattr(parallel, "_pool", lambda count, pool=pool: pool)
            with parallel.Steps(
                _slowly_doubled,
                in_workers=True,
                size=_weight,
                chunk_size=chunk_size,
                chunk_bytes=chunk_bytes,
            ) as steps:
                for item in range(60):
                    steps.add(item)
                    waiting = sum(not future.done() for future in pool.futures)
                    assert waiting <= 2 * 4, (item, waiting)
                assert steps.results() == [item * 2 for item in range(60)]
            chunks = pool.chunks
        assert [item for chunk in chunks for item in chunk] == list(range(60))
        # Full by count, or by weight (each item weighs its value): each chunk but the last.
        assert all(len(chunk) <= chunk_size for chunk in chunks)
        assert all(sum(chunk[:-1]) < chunk_bytes for chunk in chunks)
        assert all(len(chunk) == chunk_size or sum(chunk) >= chunk_bytes for chunk in chunks[:-1])
    assert len(chunks) > 5  # the second round was cut by weight


def _failing(chunk: Sequence[int]) -> list[int]:
    raise ValueError(f"cannot do {chunk[0]}")


def test_an_error_in_a_step_is_raised_where_the_results_are_taken() -> None:
    with (
        parallel.Steps(_failing, in_workers=False, size=_weight, chunk_bytes=10) as steps,
        pytest.raises(ValueError, match="cannot do 1"),
    ):
        steps.add(1)
        steps.results()


def test_check_finds_in_workers_what_it_finds_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """check's rules run in worker processes over the feeds it reads: the same findings, the
    same lines, as when one process does everything."""
    build("feeds")
    atom = Path("feeds/atom.xml")
    atom.write_text(atom.read_text("utf-8").replace("https://example.org/img/7.png", "img/7.png"))
    tag = Path("feeds/tags/t1.rss.xml")
    tag.write_text(tag.read_text("utf-8").replace("</title>", "</titel>", 1))
    Path("feeds/tags/gone.atom.xml").write_text("<feed><title>Gone</title></feed>\n")
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    pools = counted_pools(monkeypatch)
    found = {}
    for count in (2, 1):
        monkeypatch.setattr(parallel, "workers", lambda count=count: count)
        result = CliRunner().invoke(cli, ["check", "--format", "json"], prog_name="staticfeed")
        assert result.exit_code == 1, result.output
        found[count] = json.loads(result.stdout)
    assert pools, "nothing was done in worker processes"
    assert found[2] == found[1]
    errors = [finding for finding in found[2] if finding["severity"] == "error"]
    rules = {(finding["file"], finding["rule"]) for finding in errors}
    assert rules == {
        ("feeds/atom.xml", "stale"),
        ("feeds/atom.xml", "relative-url"),
        ("feeds/tags/t1.rss.xml", "stale"),
        ("feeds/tags/t1.rss.xml", "xml"),
        ("feeds/tags/gone.atom.xml", "xml"),
    }


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_workers_leave_ctrl_c_and_sigterm_to_the_main_process(
    monkeypatch: pytest.MonkeyPatch, signum: signal.Signals
) -> None:
    """Ctrl-C reaches every process of the terminal's process group: a worker that took it
    printed a KeyboardInterrupt traceback of its own under the build's "Aborted!". SIGTERM to
    the group (a CI job's timeout, systemd stopping serve) ended a worker that staged a feed at
    once: its `.atom.xml.1a2b3c4d.tmp` stayed in feeds/, with no mark for the next build to
    remove it, as the main process, which waits for the feeds workers stage and removes them,
    heard nothing of it; and the pool's thread, told of the worker lost while the build
    cancelled the rest, printed an InvalidStateError traceback."""
    counted_pools(monkeypatch)
    # A suite started in the background by a script (`pytest &`) ignores SIGINT already, and
    # so did workers forked from it that left it as they found it.
    taken = signal.default_int_handler if signum == signal.SIGINT else signal.SIG_DFL
    previous = signal.signal(signum, taken)
    try:
        pool = parallel._pool(2)
        assert pool is not None
        try:
            handlers = [pool.submit(signal.getsignal, signum).result() for _ in range(4)]
        finally:
            pool.shutdown()
    finally:
        signal.signal(signum, previous)
    assert handlers == [signal.SIG_IGN] * 4


_SIGTERM_AS_A_WORKER_STAGES = """\
import os, signal, sys, time
from staticfeed import __main__, parallel, pipeline
parallel.workers = lambda: 2
parallel.MIN_STEPS = 1
pipeline.FEED_IN_WORKER = 20  # the main feeds, of 41 entries, are staged by workers
stage_parts = pipeline.stage_parts
def parts_then_sigterm(parts):
    for number, part in enumerate(parts):
        yield part
        if number == 0:  # its temporary file written to: `kill` of the job's process group
            os.killpg(os.getpgrp(), signal.SIGTERM)
def stage_then_sigterm(path, parts, **options):
    return stage_parts(path, parts_then_sigterm(parts), **options)
pipeline.stage_parts = stage_then_sigterm
submit = parallel.submit
def submit_then_wait(*args):
    future = submit(*args)
    for _ in range(6000):  # SIGTERM comes here, before the build keeps `future`
        time.sleep(0.01)
    return future
parallel.submit = submit_then_wait
sys.argv[1:] = ["build", "-q"]
__main__.main()
"""


@pytest.mark.skipif(os.name != "posix", reason="signals and process groups (POSIX)")
def test_sigterm_as_a_worker_starts_staging_a_feed_leaves_no_temporary_file() -> None:
    """SIGTERM that came as a worker started to stage a feed, before the build kept the
    worker's answer, left the worker's `.atom.xml.1a2b3c4d.tmp` in feeds/, its name never
    heard of in the main process, and no mark for the next build to remove it."""
    build("feeds")
    before = files_under(Path("feeds"))
    Path("entries/week-41.md").write_text(week(41), "utf-8")
    shutil.rmtree(".staticfeed-cache")  # every entry rendered by the workers
    Path("sigterm.py").write_text(_SIGTERM_AS_A_WORKER_STAGES, "utf-8")
    done = subprocess.run(
        [sys.executable, "sigterm.py"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        start_new_session=True,  # a process group of its own, as a CI job's
    )
    assert (done.returncode, done.stderr) == (-signal.SIGTERM, "")
    assert files_under(Path("feeds")) == before


_KILLED_WITH_WORKERS = """\
import os, signal
from staticfeed import parallel
pool = parallel._pool(2)
pool.submit(os.getpid).result()
print(*pool._processes, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def _running(pid: int) -> bool:
    """Whether the process `pid` is alive: neither gone nor a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_main_process_is_killed() -> None:
    """A build killed (SIGKILL, the OOM killer) or a serve stopped with SIGTERM left its
    workers waiting for work forever, holding its stdout open: `staticfeed build | tee log`
    never ended."""
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WITH_WORKERS], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    workers = [int(pid) for pid in first_line(process, "stdout").split()]
    process.wait(timeout=60)
    try:
        assert len(workers) == 2
        deadline = time.monotonic() + 60  # a deadline, not a timing: they end within a second
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(_running, workers))
    finally:
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.stdout.close()
