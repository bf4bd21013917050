"""Spread many independent steps (rendering entries) over the machine's cores.

A cold build of a large publication spends most of its time rendering Markdown, one entry at a
time; each entry is independent of the others, so worker processes can render them side by
side. Few steps are done in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

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
    step: Callable[[Sequence[T]], list[R]], items: Sequence[T], progress: Progress
) -> Iterator[R]:
    """`step` over `items` in chunks, in order, in worker processes when there are many items
    and more than one core. `step` takes a chunk and returns one result per item; it must be a
    module-level function, as workers receive it by name. Exceptions raised in a worker are
    raised here."""
    chunks = [items[start : start + _CHUNK] for start in range(0, len(items), _CHUNK)]
    count = workers()
    if len(items) < MIN_STEPS or count < 2:
        for chunk in chunks:
            yield from step(chunk)
            progress.advance(len(chunk))
        return
    for chunk, results in zip(chunks, _pool(count).map(step, chunks), strict=True):
        yield from results
        progress.advance(len(chunk))


_pools: dict[int, ProcessPoolExecutor] = {}


def _pool(count: int) -> ProcessPoolExecutor:
    """The worker processes, started once and kept for every later step of this process (a
    build reads, then renders; `serve` builds again and again)."""
    if count not in _pools:
        # forkserver, not fork: `serve` builds from a thread, and fork copies locks held by
        # other threads. The server imports the pipeline once; each worker starts from it.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["staticfeed.entries", "staticfeed.pipeline"])
        _pools[count] = ProcessPoolExecutor(max_workers=count, mp_context=context)
    return _pools[count]
