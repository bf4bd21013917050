#!/usr/bin/env python3
"""How busy the machine's cores are during one first build: where a build leaves cores idle.

    python3 benchmarks/cpu_trace.py CONFIG_DIR [--interval 0.05] [--width 0.25]
                                    [--cores N] [--no-cache]

Runs `staticfeed build --verbose` in CONFIG_DIR (a folder with `staticfeed.toml` and
`entries/`, such as a corpus from generate_corpus.py) into a new folder beside CONFIG_DIR,
after moving the build cache there, so that the build is a first one. Meanwhile it reads
`/proc/stat` every `--interval` seconds. It prints the build's own phase times, the number of
cores busy in each `--width` seconds of the build, and the idle core-seconds: filling every one
would save half as many seconds on two cores (a third on three), which bounds what any change
to the order of the work can give. Linux only; the rest of the machine should be idle.

It also prints the CPU seconds the build used, its worker processes included: divided by the
machine's cores, the least time any schedule of the same work could take. `--cores N` lets the
build run on the first N cores only (staticfeed starts one worker process per core it may run
on, and one on a single core). `--no-cache` passes the same flag to the build, which then
neither reads nor writes `.staticfeed-cache/`: the difference is what keeping the cache costs a
first build.
"""

from __future__ import annotations

import argparse
import os
import resource
import runpy
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

# The machine's busy CPU seconds since boot, read from /proc/stat as benchmarks/run reads them
# for its "other load" column (its own `if __name__` keeps it from running here).
_busy_seconds: Callable[[], float] = runpy.run_path(str(Path(__file__).with_name("run")))[
    "_busy_seconds"
]


class _Sampler(threading.Thread):
    """(seconds since start, cores busy) every `interval` seconds until stopped."""

    def __init__(self, interval: float, cores: int) -> None:
        super().__init__(daemon=True)
        self.samples: list[tuple[float, float]] = []
        self._interval, self._cores = interval, cores
        self._done = threading.Event()

    def run(self) -> None:
        start = before = time.perf_counter()
        busy = _busy_seconds()
        while not self._done.wait(self._interval):
            now, now_busy = time.perf_counter(), _busy_seconds()
            cores = (now_busy - busy) / (now - before)
            self.samples.append((now - start, min(float(self._cores), cores)))
            before, busy = now, now_busy

    def stop(self) -> None:
        self._done.set()
        self.join()


def _buckets(samples: list[tuple[float, float]], width: float) -> list[tuple[float, float]]:
    """The mean cores busy in each `width` seconds, by the bucket's start."""
    sums: dict[int, list[float]] = {}
    for at, busy in samples:
        sums.setdefault(int(at / width), []).append(busy)
    return [(index * width, sum(values) / len(values)) for index, values in sorted(sums.items())]


def _idle_core_seconds(samples: list[tuple[float, float]], cores: int) -> float:
    idle, before = 0.0, 0.0
    for at, busy in samples:
        idle += (cores - busy) * (at - before)
        before = at
    return idle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config_dir", type=Path)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between samples")
    parser.add_argument("--width", type=float, default=0.25, help="seconds per printed bucket")
    parser.add_argument("--cores", type=int, help="run the build on this many cores only")
    parser.add_argument("--no-cache", action="store_true", help="build with --no-cache")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    allowed = set(range(min(args.cores, cores))) if args.cores else None
    cache = args.config_dir / ".staticfeed-cache"
    # Kept, not deleted: on ext4 without a journal, a build right after deleting thousands of
    # files pays for it (benchmarks/README.md); delete the folder when done.
    work = Path(tempfile.mkdtemp(prefix="cpu-trace-", dir=args.config_dir.resolve().parent))
    if cache.exists():
        cache.rename(work / "cache-before")
    command = [sys.executable, "-m", "staticfeed", "build", "--verbose", "--out", str(work / "out")]
    sampler = _Sampler(args.interval, cores)
    sampler.start()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    build = subprocess.run(
        command + (["--no-cache"] if args.no_cache else []),
        cwd=args.config_dir,
        capture_output=True,
        text=True,
        check=False,
        # staticfeed starts one worker per core it may run on (os.sched_getaffinity).
        preexec_fn=(lambda: os.sched_setaffinity(0, allowed)) if allowed else None,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.stop()
    if cache.exists():
        cache.rename(work / "cache-after")
    if build.returncode != 0:
        print(build.stderr, file=sys.stderr)
        return build.returncode
    print("\n".join(line for line in build.stderr.splitlines() if line.startswith("time:")))
    print(f"\ncores busy (of {cores}), mean of each {args.width} s:")
    row = [f"{at:6.2f}:{busy:.1f}" for at, busy in _buckets(sampler.samples, args.width)]
    print("\n".join(" ".join(row[i : i + 8]) for i in range(0, len(row), 8)))
    idle = _idle_core_seconds(sampler.samples, cores)
    end = sampler.samples[-1][0] if sampler.samples else 0.0
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    print(
        f"\nthe build's CPU, its workers included: {user + system:.2f} s "
        f"({user:.2f} user, {system:.2f} system), on {len(allowed) if allowed else cores} "
        f"of {cores} cores; divided by {cores}: {(user + system) / cores:.2f} s"
    )
    print(
        f"idle core-seconds: {idle:.2f} over {end:.2f} s; filling them all would save at most "
        f"{idle / cores:.2f} s\nthe build's output and caches are in {work}: delete it when done"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
