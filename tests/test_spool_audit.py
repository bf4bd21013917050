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


def test_the_folder_of_another_users_build_is_kept(
    temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared TMPDIR holds other users' builds, whose processes this one may not signal: the
    system says so (EPERM), not that they are gone. (Run as root, every process can be
    signalled, so that answer is given here as the system gives it to other users.)"""
    others = gone_pid()
    folder = temporary / f"staticfeed-spool-{others}-u7v8"
    folder.mkdir()
    aged(folder, 5 * HOUR)
    kill = os.kill

    def not_ours(pid: int, signal: int) -> None:
        if pid == others:
            raise PermissionError(1, "Operation not permitted")
        kill(pid, signal)

    monkeypatch.setattr(os, "kill", not_ours)
    with Spool() as spool:
        spool.folder()
        assert folder.is_dir()


def test_a_temporary_folder_that_cannot_be_listed_still_takes_the_spool(
    temporary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared drop folder (mode 1733) lets a user make files in it but not list it: the
    build makes its spool there without looking for folders left behind. (Run as root, any
    folder can be listed, so the refusal is given here as the system gives it to others.)"""
    listdir = os.listdir

    def unlistable(path: str) -> list[str]:
        if Path(path) == temporary:
            raise PermissionError(13, "Permission denied", path)
        return listdir(path)

    monkeypatch.setattr(os, "listdir", unlistable)
    with Spool() as spool:
        folder = spool.folder()
        with SpoolWriter(folder) as writer:
            spool.adopt("item", writer.put(b"<entry/>"))
        assert spool["item"] == b"<entry/>"


@pytest.mark.parametrize("name", ["{pid}", "{pid}-cache", "spool-{pid}-x1y2"])
def test_another_programs_folder_named_with_a_number_is_kept(temporary: Path, name: str) -> None:
    """TMPDIR is shared with every other program: a build removes only the folders its own
    spools made, named `staticfeed-spool-<pid>-…`, however old another one is and whatever
    number it starts with."""
    folder = temporary / name.format(pid=gone_pid())
    folder.mkdir()
    (folder / "data").write_bytes(b"not the build's")
    aged(folder, 5 * HOUR)
    with Spool() as spool:
        spool.folder()
        assert (folder / "data").read_bytes() == b"not the build's"
