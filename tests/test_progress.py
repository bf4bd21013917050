"""What a build shows while it runs: a progress bar on a terminal once it has taken a while,
nothing when stderr is not a terminal or with --quiet, and phase timings with --verbose."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from staticfeed import parallel
from staticfeed.cli import cli

CONFIG = """\
title = "Progress"
site_url = "https://example.org/"
authors = ["Ann"]
id_authority = "example.org,2025"
"""


@pytest.fixture(autouse=True)
def publication(site: Callable[..., Path]) -> None:
    site(
        config=CONFIG,
        **{
            f"day-{day}.md": f"---\ntitle: Day {day}\ndate: 2025-01-{day:02}\n---\nText {day}.\n"
            for day in range(1, 21)
        },
    )


def build(*args: str, terminal: bool, monkeypatch: pytest.MonkeyPatch) -> Result:
    """A build whose stderr is (or is not) a terminal, as slow as one that takes 2 s: the bar
    is due at once, and redrawn at every step."""
    monkeypatch.setattr("staticfeed.cli._on_terminal", lambda: terminal)
    monkeypatch.setattr("staticfeed.cli._Meter._BAR_AFTER", 0.0)
    monkeypatch.setattr("staticfeed.cli._Meter._REDRAW_EVERY", 0.0)
    return CliRunner().invoke(cli, ["build", "--no-cache", *args], prog_name="staticfeed")


def on_a_terminal(script: str) -> tuple[int, str, str]:
    """Run `script` with stderr on a real terminal (a pseudo-terminal) and stdout on a pipe:
    its exit status, what the terminal showed, and stdout."""
    controller, terminal = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=terminal
    ) as process:
        os.close(terminal)
        shown = _read_all(controller)
        stdout = process.stdout.read() if process.stdout else b""
    return process.returncode, shown, stdout.decode()


def test_a_long_build_on_a_terminal_shows_a_progress_bar_on_stderr() -> None:
    status, shown, stdout = on_a_terminal(
        "from staticfeed import cli\n"
        "cli._Meter._BAR_AFTER = 0.0  # as if the build had already run for 2 s\n"
        "cli._Meter._REDRAW_EVERY = 0.0\n"
        "cli.cli(['build', '--no-cache'], prog_name='staticfeed')\n"
    )
    assert status == 0, shown
    assert "read documents" in shown
    assert "100%" in shown
    assert "#" in shown
    assert "100%" not in stdout  # the report stays clean for scripts
    assert "wrote feeds/atom.xml (20 entries)" in stdout.splitlines()


def test_a_quick_build_on_a_terminal_shows_no_progress_bar() -> None:
    # The build's clock stands still: it took no time, however busy the machine (the build
    # took over 2 s on one running eight test suites, and showed the bar). Redrawn at every
    # step, only the time it has run decides.
    status, shown, stdout = on_a_terminal(
        "import types\n"
        "from staticfeed import cli\n"
        "cli.time = types.SimpleNamespace(perf_counter=lambda: 1000.0)\n"
        "cli._Meter._REDRAW_EVERY = 0.0\n"
        "cli.cli(['build', '--no-cache'], prog_name='staticfeed')\n"
    )
    assert status == 0, shown
    assert shown == ""
    assert "wrote feeds/atom.xml (20 entries)" in stdout.splitlines()


def test_no_progress_bar_when_stderr_is_a_pipe() -> None:
    # The tests below tell the build whether stderr is a terminal; this one lets it ask the
    # system: a CI log (a pipe) gets no bar, even from a build long enough to show one.
    script = (
        "from staticfeed import cli\n"
        "cli._Meter._BAR_AFTER = 0.0  # as if the build had already run for 2 s\n"
        "cli._Meter._REDRAW_EVERY = 0.0\n"
        "cli.cli(['build', '--no-cache'], prog_name='staticfeed')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "wrote feeds/atom.xml (20 entries)" in done.stdout.splitlines()


def _read_all(controller: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal's other end is closed: the process is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


def test_no_progress_bar_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    result = build(terminal=False, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_no_progress_bar_and_no_report_with_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    result = build("--quiet", terminal=True, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "")


def test_quiet_still_prints_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("entries/bell.md").write_text(
        "---\ntitle: Bell\ndate: 2025-02-01\n---\nA bell\x07 rings.\n", encoding="utf-8"
    )
    result = build("--quiet", terminal=False, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Warning: entries/bell.md")


def test_quiet_and_verbose_print_the_timings_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # As -q's help says: no line per file, no bar, and -v's timings (for a CI log).
    result = build("--quiet", "--verbose", terminal=True, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("time: ") and line.endswith(" s") for line in lines)
    assert lines[-1].startswith("time: in all: ")


def test_verbose_prints_every_phase_with_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    result = build("--verbose", terminal=False, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    written = [path for path in Path("feeds").rglob("*") if path.is_file()]
    names = [line.removeprefix("time: ").rsplit(": ", 1)[0] for line in lines]
    assert names == [
        "load the config and the pipeline",
        "read documents (20 done)",
        "render entries (20 done)",
        "make files",
        f"write files ({len(written)} done)",
        "in all",
    ]
    assert all(line.endswith(" s") for line in lines)


def test_verbose_counts_the_steps_done_in_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    # Documents parsed and entries rendered by workers count as their results come back: the
    # same counts as a build that does every step in its own process.
    monkeypatch.setattr(parallel, "_pools", {})
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    result = build("--verbose", terminal=False, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert parallel._pools.get(2) is not None, "nothing was done in worker processes"
    names = [line.removeprefix("time: ").rsplit(": ", 1)[0] for line in result.stderr.splitlines()]
    assert names[1:3] == ["read documents (20 done)", "render entries (20 done)"]


def test_verbose_prints_the_timings_of_a_build_that_fails_before_its_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The time a failed build took is what to look at when a CI job's build is slow and fails.
    Path("entries/no-date.md").write_text("---\ntitle: No date\n---\nText.\n", encoding="utf-8")
    result = build("--verbose", terminal=False, monkeypatch=monkeypatch)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines[-2:]] == ["time", "Error"]
    assert lines[-2].startswith("time: in all: ")
    assert lines[-1].startswith("Error: entries/no-date.md")


def test_a_bar_redrawn_less_often_than_its_steps_still_ends_full() -> None:
    # Steps that come between two redraws are counted when the phase ends: the bar of a phase
    # that is done shows 100%, not where its last redraw left it.
    status, shown, _ = on_a_terminal(
        "from staticfeed import cli\n"
        "cli._Meter._BAR_AFTER = 0.0\n"
        "cli._Meter._REDRAW_EVERY = 0.0  # the first step of each phase opens its bar\n"
        "advance = cli._Meter.advance\n"
        "def first_step_only(self, steps=1):  # no redraw after the one that opens the bar\n"
        "    if self._bar is None:\n"
        "        advance(self, steps)\n"
        "    else:\n"
        "        self._done += steps\n"
        "cli._Meter.advance = first_step_only\n"
        "cli.cli(['build', '--no-cache'], prog_name='staticfeed')\n"
    )
    assert status == 0, shown
    # One step a file: the first redraw shows a few percent; the phase's end, all of them.
    assert re.search(r"write files +\[#+\] +100%", shown), shown
