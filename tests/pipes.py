"""Reading a child process's pipe in a test without waiting for ever.

A bare readline() on a child's pipe hung the whole run, not one test, when the line never
came: written elsewhere, without its line end, or not at all while the child kept the pipe
open (a build held back by the lock the test keeps, a server stuck before it says where it
serves, pool workers holding their parent's stdout).
"""

from __future__ import annotations

import os
import select
import subprocess
import time
from typing import Literal

import pytest


def first_line(
    process: subprocess.Popen[str],
    stream: Literal["stdout", "stderr"] = "stderr",
    seconds: float = 30,
) -> str:
    """The first line `process` writes to `stream`. When no whole line comes within `seconds`,
    or the stream ends first, the process is stopped and the test fails saying what came.
    The pipe is read a byte at a time, so that what follows the line is left for the test."""
    pipe = getattr(process, stream)
    assert pipe is not None, f"{stream} is no pipe"
    descriptor = pipe.fileno()
    deadline = time.monotonic() + seconds  # a bound on the wait, not a timing asserted
    written = b""
    while not written.endswith(b"\n"):
        ready, _, _ = select.select([descriptor], [], [], max(deadline - time.monotonic(), 0))
        byte = os.read(descriptor, 1) if ready else b""
        if not byte:
            ended = f"{stream} ended before a whole line"
            what = ended if ready else f"no whole line on {stream} within {seconds:g} s"
            process.kill()
            process.wait()
            pytest.fail(f"{what}; it wrote {written.decode(errors='replace')!r}", pytrace=False)
        written += byte
    return written.decode()
