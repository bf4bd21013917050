"""Mutation audit of staticfeed.spool: the spool folders a build removes, and those it keeps.

A build makes its spool folder in TMPDIR (`staticfeed-spool-<pid>-…`); a build that was killed
cannot remove it, and a later build does once it is an hour old (README, "Performance")."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from staticfeed.spool import Spool, SpoolWriter

pytestmark = pytest.mark.skipif(os.name != "posix", reason="whether a process runs: POSIX only")

HOUR = 3600


@pytest.fixture(autouse=True)
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def aged(folder: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(folder, (then, then))
    return folder


@pytest.fixture
def running_pid() -> Iterator[int]:
    """The PID of another process that runs for as long as the test: a build still at work."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        yield process.pid
    finally:
        process.kill()
        process.wait()


def gone_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_the_folder_of_a_build_still_running_is_kept_however_long_untouched(
    temporary: Path, running_pid: int
) -> None:
    """A build of a large publication that has been at work for hours (or waits, stopped in a
    terminal) must not lose the items its workers wrote to another build that starts."""
    folder = temporary / f"staticfeed-spool-{running_pid}-k3p9"
    folder.mkdir()
    (folder / "41.part").write_bytes(b"<entry/>" * 100)
    aged(folder, 5 * HOUR)
    with Spool() as spool:
        spool.folder()
        assert (folder / "41.part").read_bytes() == b"<entry/>" * 100


def test_the_folder_of_a_gone_build_is_kept_until_it_is_an_hour_old(temporary: Path) -> None:
    """A PID unknown here may be a build in another container that shares TMPDIR, writing into
    its folder: one touched within the hour is left to it."""
    folder = temporary / f"staticfeed-spool-{gone_pid()}-w8q2"
    folder.mkdir()
    aged(folder, HOUR - 5 * 60)
    with Spool() as spool:
        spool.folder()
        assert folder.is_dir()


_KILLED = """
import os, signal, sys
from staticfeed.spool import Spool, SpoolWriter
spool = Spool()
with SpoolWriter(spool.folder()) as writer:
    writer.put(b"<entry/>" * 1000)
print(spool.folder(), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_the_folder_a_killed_build_left_is_removed_by_a_later_build_an_hour_on(
    temporary: Path,
) -> None:
    environment = {**os.environ, "TMPDIR": str(temporary)}
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED], env=environment, capture_output=True, text=True
    )
    assert killed.returncode < 0, killed.stderr
    left = Path(killed.stdout.strip())
    assert left.parent == temporary and left.is_dir()  # the kill left it
    aged(left, HOUR + 60)
    with Spool() as spool:
        folder = Path(spool.folder())
        assert not left.exists()
        with SpoolWriter(str(folder)) as writer:
            place = writer.put(b"mine")
        spool.adopt("mine", place)
        assert spool["mine"] == b"mine"
