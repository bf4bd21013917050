"""Spread many independent steps (parsing documents, rendering entries, checking feeds) over
the machine's cores.

A cold build of a large publication spends most of its time parsing documents and rendering
Markdown, one entry at a time; each is independent of the others, so worker processes can do
them side by side. Few steps are done in this process: starting workers costs more than it
saves. Many are done in workers even on one core (`map_steps`).
"""

from __future__ import annotations

import functools
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

from staticfeed import collection
from staticfeed.progress import Progress

T = TypeVar("T")
R = TypeVar("R")

MIN_STEPS = 200
"""Fewer steps than this are done here: a worker takes a few tenths of a second to start."""
_CHUNK = 64


def workers() -> int:
    """How many worker processes to use: one per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_steps(
    step: Callable[[Sequence[T]], list[R]],
    items: Iterable[T],
    progress: Progress,
    prepare: Callable[[Sequence[T]], Sequence[T]] | None = None,
) -> Iterator[R]:
    """`step` over `items` in chunks, in order, in worker processes when there are many items
    and the system can run them (`_pool`). `step` takes a chunk and returns one result per item;
    it must be a module-level function, as workers receive it by name. Exceptions raised in a
    worker are raised here. `items` may be lazy: the first MIN_STEPS decide whether workers are
    used, and the rest are taken as chunks are given out, so that making them (reading
    documents) overlaps the steps done on the ones before. `prepare` makes each chunk what
    `step` takes just before it is given out: what it adds (entries' bodies) is then in this
    process's memory a few chunks at a time.

    On one core there is one worker: this process holds what a build keeps of every entry,
    and allocating got slower in its heap as that grew (encoding an entry's HTML to UTF-8 took
    2 us in a fresh process, 16 us here at 10,000 entries, 54 us at 50,000). A first build of
    the defaults at 50,000 entries on one core took 87 s when it parsed and rendered here, and
    68 s with one worker; one of the feeds of every entry, 55 s and 46 s."""
    pending = iter(items)
    first = list(itertools.islice(pending, MIN_STEPS))
    chunks = _chunks(itertools.chain(first, pending))
    ready = prepare or _as_it_is
    count = workers()
    pool = _pool(count) if len(first) >= MIN_STEPS else None
    if pool is None:
        for chunk in chunks:
            yield from step(ready(chunk))
            progress.advance(len(chunk))
        return
    yield from _in_workers(step, chunks, pool, ready, window=_AHEAD * count, progress=progress)


def has_workers() -> bool:
    """Whether this process started worker processes, one per core of more than one: `submit`
    can be used."""
    count = workers()
    return count > 1 and _pools.get(count) is not None


def submit(step: Callable[..., R], *args: object) -> Future[R]:
    """`step(*args)` started in a worker process (`has_workers` must hold); `step` must be a
    module-level function, as workers receive it by name."""
    count = workers()
    pool = _pools.get(count)
    assert count > 1 and pool is not None, "no workers: do the step in this process"
    return pool.submit(_here(step), *args)


def _here(step: Callable[..., R]) -> Callable[..., R]:
    """`step` done in this process's current folder: workers outlive a build, and those that
    started in another folder (a program that builds one site, changes folder and builds
    another) took the relative paths `step` is given from there."""
    try:
        folder = os.getcwd()
    except OSError:  # a folder removed: relative paths lead nowhere here either
        return step
    return functools.partial(_in_folder, folder, step)


def _in_folder(folder: str, step: Callable[..., R], *args: object) -> R:
    os.chdir(folder)  # not os.getcwd(): the worker's own folder may be gone
    return step(*args)


def _chunks(items: Iterator[T]) -> Iterator[list[T]]:
    while chunk := list(itertools.islice(items, _CHUNK)):
        yield chunk


def _as_it_is(chunk: Sequence[T]) -> Sequence[T]:
    return chunk


_AHEAD = 4
"""Chunks given to each worker ahead of the one this process takes results from."""


def _in_workers(
    step: Callable[[Sequence[T]], list[R]],
    chunks: Iterable[Sequence[T]],
    pool: ProcessPoolExecutor,
    prepare: Callable[[Sequence[T]], Sequence[T]],
    *,
    window: int,
    progress: Progress,
) -> Iterator[R]:
    """`step` over `chunks` in the pool, with at most `window` chunks given out and not yet
    taken back: results this process has not taken wait in its memory, and a build that
    writes thousands of pages can fall behind workers that make them (Executor.map gives
    out every chunk at once)."""
    with _Window(step, pool, window) as given:
        waiting = iter(chunks)
        for chunk in itertools.islice(waiting, window):
            given.give(prepare(chunk), len(chunk))
        while given:
            results, count = given.take()
            for following in itertools.islice(waiting, 1):
                given.give(prepare(following), len(following))
            yield from results
            progress.advance(count)


class _Window(Generic[T, R]):
    """Chunks given to `pool` to do `step` on, and not taken back yet, in the order given: at
    most `size` of them, so what waits for a worker, or for this process, stays small. Use it
    in a `with` block: leaving it early (an error, here or where the results go) cancels the
    chunks not started, as the rest is not wanted."""

    def __init__(
        self, step: Callable[[Sequence[T]], list[R]], pool: ProcessPoolExecutor, size: int
    ) -> None:
        self._step, self._pool, self._size = _here(step), pool, size
        self._given: deque[tuple[Future[list[R]], int]] = deque()

    def __enter__(self) -> _Window[T, R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()

    def __bool__(self) -> bool:
        return bool(self._given)

    def cancel(self) -> None:
        """Cancel the chunks given out that no worker has started."""
        for future, _ in self._given:
            future.cancel()

    def full(self) -> bool:
        return len(self._given) >= self._size

    def give(self, chunk: Sequence[T], count: int) -> None:
        """Give out `chunk`, of `count` items."""
        self._given.append((self._pool.submit(self._step, chunk), count))

    def take(self) -> tuple[list[R], int]:
        """The results of the first chunk given out and not taken, and its count of items,
        when it is done."""
        future, count = self._given.popleft()
        return future.result(), count


class Steps(Generic[T, R]):
    """`step` over items given one at a time (`add`), as they are made, in chunks of at most
    `chunk_size` items or `chunk_bytes` bytes (by `size`), done in worker processes when
    `in_workers` and more than one core, or here at once; `results` gives every result, in the
    order of the items. At most `_AHEAD` chunks per worker are given out and not taken back,
    so what waits for a worker in this process's memory stays small. Use it in a `with` block:
    leaving it early cancels what was not started."""

    def __init__(
        self,
        step: Callable[[Sequence[T]], list[R]],
        *,
        in_workers: bool,
        size: Callable[[T], int],
        chunk_size: int = _CHUNK,
        chunk_bytes: int,
    ) -> None:
        count = workers()
        self._step = step
        pool = _pool(count) if in_workers and count > 1 else None
        self._given = _Window(step, pool, _AHEAD * count) if pool is not None else None
        self._size = size
        self._chunk_size, self._chunk_bytes = chunk_size, chunk_bytes
        self._chunk: list[T] = []
        self._chunk_weight = 0
        self._results: list[R] = []

    def __enter__(self) -> Steps[T, R]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._given is not None:  # an error here: the rest is not wanted
            self._given.cancel()

    def add(self, item: T) -> None:
        self._chunk.append(item)
        self._chunk_weight += self._size(item)
        full = len(self._chunk) >= self._chunk_size or self._chunk_weight >= self._chunk_bytes
        if full:
            self._give_out()

    def results(self) -> list[R]:
        self._give_out()
        while self._given:
            self._results += self._given.take()[0]
        return self._results

    def _give_out(self) -> None:
        chunk, self._chunk, self._chunk_weight = self._chunk, [], 0
        if not chunk:
            return
        if self._given is None:
            self._results += self._step(chunk)
            return
        if self._given.full():
            self._results += self._given.take()[0]
        self._given.give(chunk, len(chunk))


_pools: dict[int, ProcessPoolExecutor | None] = {}


def _pool(count: int) -> ProcessPoolExecutor | None:
    """The worker processes, started once and kept for every later step of this process (a
    build reads, then renders; `serve` builds again and again). None where the system cannot
    run them, and the steps are done in this process: without a working sem_open (no
    /dev/shm, as in AWS Lambda, or no _multiprocessing.SemLock) multiprocessing's queues
    cannot be made, and without fork, forkserver is missing too (Windows)."""
    if count not in _pools:
        try:
            _pools[count] = ProcessPoolExecutor(
                max_workers=count, mp_context=_context(), initializer=_start_worker
            )
        except (ImportError, NotImplementedError, OSError, ValueError):
            _pools[count] = None
    return _pools[count]


def _start_worker() -> None:
    """Set up a worker process. Ctrl-C reaches every process of the terminal's process group:
    the main process stops the build (and tells the user), while a worker that took it too
    printed a KeyboardInterrupt traceback of its own. And a worker outlives a main process
    that ends without shutting the pool down (SIGKILL, the OOM killer, SIGTERM to serve): it
    waited for work on a queue whose other end it holds itself, forever, holding the build's
    stdout and stderr open (`staticfeed build | tee log` never ended); it now exits once its
    parent is gone. SIGTERM to the process group (a CI job's timeout, systemd stopping serve)
    is left to the main process too: a worker it ended at once left the feed it was staging
    in a temporary file that the main process, which waits for that worker as it cleans up,
    then never heard of."""
    collection.in_worker()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # not the main process's handler, if forked
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


_PARENT_CHECK_S = 0.5


def _exit_with(parent: int) -> None:
    """End this process as soon as the process `parent` is no longer its parent."""
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_S)
    os._exit(1)


def _context() -> multiprocessing.context.BaseContext:
    """fork while this process runs one thread: workers start at once, with the pipeline
    already imported, and all of them when the pool is made. With other threads (a library
    user's), fork could copy a lock another thread holds: forkserver then, whose server imports
    the pipeline once. Like spawn, it runs the main script again in each worker, which a script
    without `if __name__ == "__main__":` does not survive."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["staticfeed.entries", "staticfeed.pipeline"])
    return context
