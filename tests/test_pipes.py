"""The bounded reading of a child's pipe (tests/pipes.py) fails a test rather than hang the run."""

from __future__ import annotations

import subprocess
import sys
from typing import Literal

import pytest

from tests.pipes import first_line

Stream = Literal["stdout", "stderr"]


@pytest.mark.skipif(sys.platform == "win32", reason="select() takes no pipe on Windows")
@pytest.mark.parametrize(
    ("stream", "code", "told"),
    [
        # Half a line, and no end to it: readline() after select waited for its line end.
        (
            "stderr",
            "import sys, time; sys.stderr.write('waiting'); sys.stderr.flush(); time.sleep(600)",
            "no whole line on stderr within 1 s; it wrote 'waiting'",
        ),
        # The line sent to stdout: nothing on stderr, which a build keeps open while it waits.
        (
            "stderr",
            "import time; print('waiting', flush=True); time.sleep(600)",
            "no whole line on stderr within 1 s; it wrote ''",
        ),
        (
            "stderr",
            "import sys; sys.stderr.write('wait')",
            "stderr ended before a whole line; it wrote 'wait'",
        ),
        # A child that never writes its line and keeps stdout open, as a server stuck before it
        # says where it serves, or pool workers holding their parent's stdout.
        (
            "stdout",
            "import time; time.sleep(600)",
            "no whole line on stdout within 1 s; it wrote ''",
        ),
        (
            "stdout",
            "import sys; sys.stdout.write('serving feeds at'); sys.stdout.flush()",
            "stdout ended before a whole line; it wrote 'serving feeds at'",
        ),
    ],
    ids=["half-a-line", "elsewhere", "ended", "never-written", "stdout-ended"],
)
def test_a_line_that_never_comes_fails_the_test_rather_than_hang_it(
    stream: Stream, code: str, told: str
) -> None:
    # The waiting-build tests (test_output.py), serve's first line (test_serve.py) and the
    # workers' ids (test_parallel.py) are read so: a bare readline() hung the whole run.
    process = subprocess.Popen([sys.executable, "-c", code], **{stream: subprocess.PIPE}, text=True)
    with pytest.raises(pytest.fail.Exception) as failed:
        first_line(process, stream, seconds=1)
    assert str(failed.value) == told
    assert process.poll() is not None  # stopped, holding nothing


def test_the_rest_of_the_pipe_is_left_for_the_test() -> None:
    code = "import sys; sys.stdout.write('one\\ntwo\\n')"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert first_line(process, "stdout") == "one\n"
    rest, _ = process.communicate(timeout=60)
    assert rest == "two\n"
