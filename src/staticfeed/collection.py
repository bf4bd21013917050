"""Python's cyclic garbage collector while a build holds its many objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collections_paused() -> Iterator[None]:
    """No cyclic garbage collection in this process while a build runs; worker processes
    started meanwhile collect rarely (`in_worker`). A build holds tens of thousands of
    long-lived objects (entries, cache records, renderings), and every collection walks
    those made since the last: Python's default first threshold of 700 allocations made
    collections a quarter of a rebuild after one edit at 10,000 entries (0.5 of 2.2 s), and
    one of 70,000 still 0.19 s of a first build of every entry at 10,000 and 1.3 s at 50,000.
    A build makes almost no cyclic garbage: paused, a first build at 10,000 and 50,000 peaked
    at the same memory (220 MB, 945 MB). The command line runs all of a build in it, what it
    reads of the last build (staticfeed.delta) too. The process (which `serve` keeps) gets its
    setting back afterwards."""
    enabled = gc.isenabled()
    gc.disable()  # inherited by workers forked meanwhile: `in_worker` turns it on again
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def in_worker() -> None:
    """Collect garbage in a worker process, rarely: a worker keeps little from one chunk to the
    next, and it renders entries for as long as `serve` runs."""
    first, *others = gc.get_threshold()
    gc.set_threshold(max(first, _WORKER_THRESHOLD), *others)
    gc.enable()


_WORKER_THRESHOLD = 70_000
