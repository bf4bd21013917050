"""How far a build is: the pipeline reports each phase and each step through these hooks, and
the command line decides what to show (a progress bar, timings, or nothing)."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def phase(self, name: str, total: int) -> None:
        """A new phase begins, of `total` steps (0 when it is not counted)."""

    def advance(self, steps: int = 1) -> None:
        """`steps` more steps of the current phase are done."""


class Silent:
    """Reports nowhere: for builds nobody watches (tests, check, diff)."""

    def phase(self, name: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass


SILENT = Silent()
