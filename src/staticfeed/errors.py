"""Errors for the user: each names the file, the line, what is wrong and how to fix it."""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


def where(path: Path | None, line: int | None) -> str:
    """`file:line`, with the path relative to the current folder when it is inside it."""
    if path is None:
        return ""
    shown = display_path(path)
    return f"{shown}:{line}" if line else shown


def display_path(path: Path) -> str:
    # abspath, not resolve(): a symlink is shown by its own name, not by the file it points to.
    try:
        shown = Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = path.as_posix()
    printable = shown if shown.isascii() else _printable(shown)
    return printable.translate(_CONTROL_ESCAPES)


# A control character in a file name, shown as an escape (a\nb.md): a line end would break
# the one line of an error or a report in two, the second without `Error:`.
_CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}


# Where str.splitlines() ends a line, as an escape in an error's text: a value a message quotes
# (`tags: |` and two lines, a URL with "\n") broke its one line in two, the second without
# `Error:`, in the terminal and in `check`'s report.
_LINE_END_ESCAPES = {
    ord(end): end.encode("unicode_escape").decode("ascii")
    for end in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
}


def _printable(name: str) -> str:
    """A name that is not UTF-8 with its bytes shown as escapes (caf\\xe9.md), not as the
    surrogates Python decodes them to, which no terminal shows."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


class StaticfeedError(Exception):
    """A problem in the user's input: `<file>[:<line>]: <what is wrong>. <how to fix>`."""

    def __init__(
        self, message: str, fix: str = "", *, path: Path | None = None, line: int | None = None
    ) -> None:
        self.message = message.rstrip(".").translate(_LINE_END_ESCAPES)
        self.fix = fix.translate(_LINE_END_ESCAPES)
        self.path = path
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        location = where(self.path, self.line)
        text = f"{location}: {self.message}." if location else f"{self.message}."
        return f"{text} {self.fix}" if self.fix else text

    def __reduce__(self) -> tuple[object, ...]:
        # Documents are parsed in worker processes (staticfeed.parallel), which send errors back
        # pickled: rebuilt from their parts, not from the one text Exception.args holds.
        return (_rebuild, (type(self), self.message, self.fix, self.path, self.line))


def _rebuild(
    kind: type[StaticfeedError], message: str, fix: str, path: Path | None, line: int | None
) -> StaticfeedError:
    return kind(message, fix, path=path, line=line)


class ConfigError(StaticfeedError):
    """The configuration is missing, unreadable or has a bad value."""


class EntryError(StaticfeedError):
    """One document in entries/ cannot become a feed entry."""


class OutputError(StaticfeedError):
    """A feed file cannot be written."""


class ManyErrors(StaticfeedError):
    """Every error found in a run, so the user can fix them all at once: by file, as shown,
    then by line, as `check` lists its findings; errors of no file first, and those of one
    place in the order found."""

    def __init__(
        self, errors: Sequence[StaticfeedError], warnings: Sequence[BuildWarning] = ()
    ) -> None:
        # Each step found them in its own order: the pages' slugs newest entry first, so
        # entries/s2.md came before entries/s.md.
        self.errors = tuple(sorted(errors, key=_place))
        # What the run found to warn about before it stopped, which the user sees with the
        # errors: a document's removed control character and its bad date are fixed in one
        # edit, not one build after the other.
        self.warnings = tuple(warnings)
        super().__init__("\n".join(str(error) for error in self.errors))

    def __reduce__(self) -> tuple[object, ...]:
        return (ManyErrors, (self.errors, self.warnings))

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def _place(error: StaticfeedError | BuildWarning) -> tuple[str, int]:
    return (display_path(error.path) if error.path is not None else "", error.line or 0)


def warned(error: StaticfeedError, warnings: Sequence[BuildWarning]) -> StaticfeedError:
    """`error`, and with it `warnings`, found before it: what a run that stops reports."""
    if not warnings or (isinstance(error, ManyErrors) and error.warnings):
        return error  # the warnings of the same reading, given with it already
    errors = error.errors if isinstance(error, ManyErrors) else (error,)
    return ManyErrors(errors, warnings)


def failure_lines(error: StaticfeedError) -> list[str]:
    """The lines a run that stops on `error` shows: `Error: ` and `Warning: ` lines by file
    and then line, as `check` lists them; at one line, the warning first, as it may be the
    error's cause (a title of a removed control character alone is empty)."""
    errors = error.errors if isinstance(error, ManyErrors) else (error,)
    warnings = error.warnings if isinstance(error, ManyErrors) else ()
    found = [(_place(each), 0, f"Warning: {each}") for each in warnings]
    found += [(_place(each), 1, f"Error: {line}") for each in errors for line in _lines(each)]
    # Stable: the errors of one place in the order found.
    return [line for _, _, line in sorted(found, key=lambda each: (each[0], each[1]))]


def _lines(error: StaticfeedError) -> list[str]:
    """An error's lines: one, but for a ManyErrors given as one of many."""
    return str(error).split("\n")


def unreadable(
    path: Path, error: OSError, kind: type[StaticfeedError] = EntryError
) -> StaticfeedError:
    """The error for a file that cannot be read (missing, a broken link, no permission): it
    names the file and the system's reason."""
    return kind(
        f"cannot read the file ({error.strerror or error})",
        "Check that it exists and that it can be read; a link must lead to a file.",
        path=path,
    )


def unreachable(
    path: Path, error: OSError, kind: type[StaticfeedError] = EntryError
) -> StaticfeedError:
    """The error for `path` when looking at it failed other than by its absence (Path.exists()
    and is_dir() raise then): a folder on the way that cannot be entered, named, or a path the
    system refuses (a name too long), which no chmod fixes."""
    if isinstance(error, PermissionError):
        return kind(
            f"cannot read the folder ({error.strerror or error})",
            "Check that it can be read (and entered: chmod +rx).",
            path=_shut_folder(path),
        )
    return kind(
        f"the system cannot look at the path ({error.strerror or error})",
        "Check the path, or give another.",
        path=path,
    )


def broken_link(
    path: Path, kind: type[StaticfeedError], leads_to: str = "a folder"
) -> StaticfeedError | None:
    """The error of `path` when it is a link that leads nowhere: to nothing, or back to
    itself, which `Path.resolve()` raised RuntimeError for (a traceback); `leads_to` says
    what it should lead to."""
    try:
        path.stat()
    except OSError as error:
        if not path.is_symlink():
            return None
        why = (
            "leads back to itself"
            if error.errno == errno.ELOOP
            else f"leads to {os.readlink(path)}, which does not exist"
        )
        return kind(
            f"it is a link that {why}",
            f"Remove the link, or make it lead to {leads_to}.",
            path=path,
        )
    return None


def _shut_folder(path: Path) -> Path:
    """The folder on the way to `path` that cannot be entered."""
    for step in (*reversed(path.parents), path):
        try:
            step.stat()
        except OSError:
            return step.parent
    return path.parent


@dataclass(frozen=True)
class BuildWarning:
    """Something staticfeed fixed on its own but the author should know about."""

    message: str
    path: Path | None = None
    line: int | None = None

    def __str__(self) -> str:
        location = where(self.path, self.line)
        return f"{location}: {self.message}" if location else self.message
