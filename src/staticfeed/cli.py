"""The command line: the only module that talks to the user."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import shlex
import shutil
import sys
import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click
from click.core import ParameterSource

from staticfeed import __version__, delta, output, stamp
from staticfeed.errors import (
    ConfigError,
    ManyErrors,
    StaticfeedError,
    display_path,
    failure_lines,
)
from staticfeed.progress import SILENT, Progress
from staticfeed.rules import RULES

# The pipeline and its libraries are imported by the commands that use them, not here: a
# build with nothing to do (staticfeed.stamp) must not pay for loading them.
if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from zoneinfo import ZoneInfo

    from staticfeed.check import Finding
    from staticfeed.config import Config
    from staticfeed.drift import Diff, EntryChange, IdChange, PublishedEntry
    from staticfeed.importer import ImportedEntry
    from staticfeed.localfiles import LocalFile
    from staticfeed.pipeline import BuildReport, Rendered
    from staticfeed.selection import Selection
    from staticfeed.serve import PreviewServer, Snapshot

_PATH = click.Path(path_type=Path)


class _NonEmpty(click.ParamType[str]):
    """Text that is not empty: `--bind "$HOST"` with HOST unset listened on every interface."""

    name = "TEXT"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not value.strip():
            self.fail("it is empty.", param, ctx)
        return value


class _FolderPath(click.Path):
    """A folder's path, never empty: `--out "$OUT"` with OUT unset wrote the feeds and pages
    into the current folder, as "" is "." to pathlib."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("the folder name is empty.", param, ctx)
        return super().convert(value, param, ctx)


_FOLDER_PATH = _FolderPath(path_type=Path, file_okay=False, readable=False)
# A file there, or a folder that cannot be read, is the build's error, with its fix (exit 1).
_OUT_PATH = _FolderPath(path_type=Path, readable=False)


class _FilePath(click.Path):
    """A file's path, never empty: `--config "$CONFIG"` with CONFIG unset named ".", the
    current folder, which is "a folder" only after a confusing error, exit status 1."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail("the file name is empty.", param, ctx)
        return super().convert(value, param, ctx)


class _EntriesFolder(_FolderPath):
    """The folder import writes <year>/<slug>.md into: not a year folder in it, which gave
    entries/2025/2025/post.md, and an id with the year twice."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if re.fullmatch(r"\d{4}", Path(path).name):
            self.fail(
                f"{value} is a year folder: give the entries folder, in which import makes the "
                f"year folders (--into {shlex.quote(Path(path).parent.as_posix())}).",
                param,
                ctx,
            )
        return path


_FILE_PATH = _FilePath(path_type=Path, dir_okay=False)
_ENTRY_PATH = _FilePath(path_type=Path)  # a folder is touch's error, with its fix


class _Checked(click.ParamType[str]):
    """A value as the config or an entry checks it: the function `check` of staticfeed.values,
    under the name `key`. Anything it refuses, or nothing, is a wrong command line (exit 2),
    and a prompt asks again. `wanted` says what to give instead of nothing."""

    def __init__(self, name: str, key: str, check: str, wanted: str) -> None:
        self.name, self.key, self.check, self.wanted = name, key, check, wanted

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from staticfeed import values
        from staticfeed.text import unfit_character

        if not values.stripped(value):  # spaces or invisible characters alone, as it was typed
            self.fail(f"it is empty: give {self.wanted}.", param, ctx)
        if any("\udc80" <= character <= "\udcff" for character in value):
            # What Python makes of bytes that are not UTF-8 in an argument (surrogateescape).
            self.fail("it is not valid UTF-8: give it as UTF-8.", param, ctx)
        if unfit := unfit_character(value):
            self.fail(f"{self.key} contains {unfit}. Remove it.", param, ctx)
        try:
            checked = getattr(values, self.check)(self.key, value)
        except values.InvalidValue as problem:
            self.fail(f"{problem.message}. {problem.fix}", param, ctx)
        return checked if isinstance(checked, str) else value


class _FromEnvironment(click.Option):
    """An option whose refused value, when it came from the environment variable, is said to
    be that variable's: "Invalid value for '--base-url'" sent its reader to a command line
    that has no --base-url."""

    def handle_parse_result(
        self, ctx: click.Context, opts: Mapping[str, Any], args: list[str]
    ) -> tuple[Any, list[str]]:
        try:
            return super().handle_parse_result(ctx, opts, args)
        except click.BadParameter as error:
            if self.consume_value(ctx, opts)[1] == ParameterSource.ENVIRONMENT:
                error.param_hint = f"the environment variable {self.envvar}"
            raise


_SITE_URL = _Checked("URL", "the site URL", "site_url", "a URL like https://example.org/")
_PUBLICATION_TITLE = _Checked("TEXT", "title", "line_of_text", "a title")
_AUTHOR = _Checked(
    "TEXT", "author", "author", 'a name, like "Ann Lee" or "Ann Lee <ann@example.org>"'
)
# new writes each as text in the entry's authors, which the build reads as listed_author does.
_LISTED_AUTHOR = _Checked(
    "TEXT", "author", "author_option", 'a name, like "Ann Lee" or "Ann Lee <ann@example.org>"'
)


_READER_GONE = 141
"""The exit status when the reader of the output stops early (`staticfeed diff | head -1`):
128 + SIGPIPE, what a shell shows for `cat` there. Not click's 1, which means errors (or, for
diff, changes), nor 0, which would say that all the output was read."""


INTERRUPTED = 130
"""The exit status after Ctrl-C: 128 + SIGINT. The `staticfeed` command (staticfeed.__main__)
ends by SIGINT itself instead, as a shell script stops only after a command that did."""


class _Commands(click.Group):
    """staticfeed's commands, which stop quietly, with `_READER_GONE`, when the reader of
    their output is gone, and say "Aborted!", as click does, after Ctrl-C, with `INTERRUPTED`
    (click's 1 is diff's "readers would see changes"). The --help of staticfeed is written
    while its context is made, the rest while a command is invoked."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _stop_quietly()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _stop_quietly()
        except KeyboardInterrupt:
            click.echo(err=True)  # after the ^C the terminal shows, as click does
            click.echo("Aborted!", err=True)
            sys.exit(INTERRUPTED)


def _stop_quietly() -> NoReturn:
    """Exit with `_READER_GONE`, standard output and error sent to nothing first, as Python's
    documentation of SIGPIPE does: the interpreter, flushing what they still hold at exit,
    would say "Exception ignored ... BrokenPipeError" and exit 120."""
    nothing = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(nothing, stream.fileno())
        except (OSError, ValueError):  # ValueError: not a file, as under click.testing
            continue
    os.close(nothing)
    sys.exit(_READER_GONE)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="staticfeed")
def cli() -> None:
    """Turn the documents in entries/ into Atom, RSS and JSON feeds and pages in feeds/.

    \b
    Examples:
      staticfeed build
      staticfeed build --base-url https://preview.example.org/
    """


_ENTRIES_OPTION = click.option(
    "--entries",
    "entries_dir",
    type=_FOLDER_PATH,
    metavar="DIR",
    default=Path("entries"),
    show_default=True,
    help="Folder of documents to publish.",
)
_CONFIG_OPTION = click.option(
    "--config",
    "config_path",
    type=_FILE_PATH,
    default=None,
    help="Config file (default: staticfeed.toml, or [tool.staticfeed] in "
    "pyproject.toml, in the current folder).",
)
_PUBLICATION_OPTIONS = [
    _ENTRIES_OPTION,
    click.option(
        "--out",
        "out_dir",
        type=_OUT_PATH,
        metavar="DIR",
        default=Path("feeds"),
        show_default=True,
        help="Folder the feeds are written to.",
    ),
    _CONFIG_OPTION,
    click.option(
        "--base-url",
        cls=_FromEnvironment,
        envvar="STATICFEED_BASE_URL",
        type=_SITE_URL,
        default=None,
        help="Use this site URL instead of the config's site_url (env STATICFEED_BASE_URL).",
    ),
    click.option("--drafts", is_flag=True, help="Include entries marked draft: true."),
    click.option("--future", is_flag=True, help="Include entries dated in the future."),
    click.option(
        "--no-cache",
        is_flag=True,
        help="Neither read nor write the build cache (.staticfeed-cache/ beside the config). "
        "check and diff never use it.",
    ),
]


def _with_options(
    options: Sequence[Callable[[Callable[..., None]], Callable[..., None]]],
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


# Which publication: shared by build, check, diff and serve.
_publication_options = _with_options(_PUBLICATION_OPTIONS)
# Where the documents and the config are: shared by new, pin and touch.
_authoring_options = _with_options([_ENTRIES_OPTION, _CONFIG_OPTION])


def _out_suggestion(entries: Path, out: Path) -> str:
    """An --out for the error that refuses `out` (both resolved): a folder beside the entries
    folder that is not `out`, and neither holds the entries folder nor is in it, shown from
    the current folder (`../feeds` when run in the entries folder)."""
    for candidate in (entries.parent / name for name in ("feeds", "public", "site")):
        related = candidate.is_relative_to(entries) or entries.is_relative_to(candidate)
        if candidate != out and not related:
            try:
                shown = Path(os.path.relpath(candidate))
            except ValueError:  # on Windows, on another drive than the current folder
                shown = candidate
            return shlex.quote(shown.as_posix())
    return "feeds"


@dataclass(frozen=True)
class _Publication:
    """What the shared options name: where a publication's sources and feeds are."""

    entries_dir: Path
    out_dir: Path
    config_path: Path | None
    base_url: str | None
    drafts: bool
    future: bool
    no_cache: bool = False
    """build and serve only: check and diff never use the build cache."""

    def __post_init__(self) -> None:
        # realpath: Path.resolve() raises RuntimeError on a link that leads back to itself,
        # which the build names as an error.
        entries, out = (
            Path(os.path.realpath(self.entries_dir)),
            Path(os.path.realpath(self.out_dir)),
        )
        if out.is_relative_to(entries):
            raise click.UsageError(
                f"--out {self.out_dir} is the entries folder {self.entries_dir} or inside it: the "
                "pages and feeds would be mixed with the documents. Write them elsewhere, such "
                f"as --out {_out_suggestion(entries, out)}."
            )
        if entries.is_relative_to(out):  # `--out .`: serve served the drafts, and the config
            raise click.UsageError(
                f"the entries folder {self.entries_dir} is inside --out {self.out_dir}: the "
                "documents would be published with the pages and feeds, drafts too. Write them "
                f"to a folder of their own, such as --out {_out_suggestion(entries, out)}."
            )

    def config(self) -> Config:
        from staticfeed.config import load_config

        return load_config(_config_file(self.config_path), base_url=self.base_url)

    def config_file(self) -> Path:
        return _config_file(self.config_path)

    def build(
        self,
        config: Config | None = None,
        *,
        allow_id_change: bool = False,
        progress: Progress = SILENT,
        previous: delta.Previous | None = None,
        left_ids: str | None = None,
    ) -> BuildReport:
        from staticfeed.pipeline import build

        return build(
            config or self.config(),
            self.entries_dir,
            self.out_dir,
            now=datetime.now(UTC),
            drafts=self.drafts,
            future=self.future,
            allow_id_change=allow_id_change,
            cache=not self.no_cache,
            progress=progress,
            previous=previous,
            left_ids=left_ids,
        )

    def patch(
        self, config: Config, previous: delta.Previous, progress: Progress
    ) -> delta.Patched | None:
        """Patch the files that show the documents changed since the last build, when nothing
        else changed (staticfeed.patch); None when the build has to run in full."""
        from staticfeed.patch import patch

        return patch(config, self.entries_dir, self.out_dir, previous, progress)

    def invocation(self) -> stamp.Invocation:
        """The stamp's view of this build (see staticfeed.stamp); --allow-id-change is not part
        of it, as it changes no file that a build with nothing to do would write."""
        config_file = self.config_path or _config_file_here()
        options = (self.base_url, self.drafts, self.future)
        return stamp.Invocation(config_file, self.entries_dir, self.out_dir, options)

    def rendering(self, config: Config) -> AbstractContextManager[Rendered]:
        from staticfeed.pipeline import rendered_outputs

        return rendered_outputs(
            config,
            self.entries_dir,
            now=datetime.now(UTC),
            drafts=self.drafts,
            future=self.future,
        )


@cli.command("build")
@_publication_options
@click.option(
    "--allow-id-change",
    is_flag=True,
    help="Publish even when a published entry's id changed (readers show it again as new).",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only warnings and errors (and -v's timings): no line per file, no progress bar.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also print how long each phase of the build took, on stderr.",
)
def build_command(allow_id_change: bool, quiet: bool, verbose: bool, **options: Any) -> None:
    """Write the feeds and pages in feeds/ from the documents in entries/.

    Files whose content would not change are left untouched. If any document has an
    error, every error is listed and no file changes. A published entry whose id changed
    (a file renamed without id: in its front matter) is an error too. A build that takes
    over 2 seconds shows a progress bar on a terminal.

    \b
    Examples:
      staticfeed build
      staticfeed build --entries posts --out public/feeds
      staticfeed build --drafts --future --out /tmp/preview
    """
    publication = _Publication(**options)
    meter = _Meter(bar=not quiet and _on_terminal(), verbose=verbose)
    try:
        lines = _build_lines(publication, meter, allow_id_change=allow_id_change)
    except StaticfeedError as error:
        meter.finish()
        raise _user_error(error) from None
    meter.finish()
    _echo_report(lines, quiet=quiet)


def _build_lines(
    publication: _Publication, progress: Progress, *, allow_id_change: bool = False
) -> list[str]:
    """Build, record the build, and give the lines of its report. With the cache, a build
    with nothing to do replays the last one (staticfeed.stamp), and one after edits to a few
    documents patches the files that show them (staticfeed.patch); any other builds in full.
    One build at a time writes into an output folder (output.exclusive)."""
    out_dir = publication.out_dir
    if (in_the_way := output.not_a_folder(out_dir)) is not None:
        raise in_the_way

    def waiting() -> None:
        click.echo(f"waiting for another staticfeed build into {display_path(out_dir)}", err=True)

    with output.exclusive(out_dir, waiting):
        return _build_lines_alone(publication, progress, allow_id_change=allow_id_change)


def _build_lines_alone(
    publication: _Publication, progress: Progress, *, allow_id_change: bool
) -> list[str]:
    scan = None
    if not publication.no_cache:
        progress.phase("compare with the last build", 0)
        scan = stamp.scan(publication.invocation())
        replayed = stamp.replay(scan) if scan is not None else None
        if replayed is not None:
            return replayed
    progress.phase("load the config and the pipeline", 0)
    from staticfeed.collection import collections_paused

    with collections_paused():
        previous = delta.load(scan) if scan is not None else None
        config = publication.config()
        patched = None
        if previous is not None and previous.patchable:
            patched = publication.patch(config, previous, progress)
        if patched is not None:
            assert scan is not None and previous is not None
            _stamp_patch(scan, previous, publication.out_dir, patched)
            return _patched_lines(previous, publication.out_dir, patched.written)
        left_ids = previous.left_ids() if previous is not None else None
        report = publication.build(
            config,
            allow_id_change=allow_id_change,
            progress=progress,
            previous=previous,
            left_ids=left_ids,
        )
        if scan is not None:
            _stamp(scan, config, publication.out_dir, report)
        return _report_lines(report, publication.out_dir)


def _stamp(scan: stamp.Scan, config: Config, out_dir: Path, report: BuildReport) -> None:
    """Record the build, so that the next one with nothing to do stops at once, and the next
    one after a few edits patches the files they change (staticfeed.delta). A build that
    measured a file of the project besides the documents (a local enclosure) is not recorded:
    the stamp does not watch those files. Nor, for a patch, is one that warned: the warnings
    of the documents it did not read would not be given again."""
    if report.reads_project_files:
        stamp.discard(scan)
        delta.discard(scan)
        return
    left = stamp.left_by(
        scan,
        templates=config.templates,
        zone=config.timezone.key,
        out_dir=out_dir,
        outputs=report.files,
    )
    next_change = report.selection.next_change
    valid_until = stamp.nanoseconds(next_change.published if next_change is not None else None)
    again = _report_lines(report, out_dir, again=True)
    stamp.save(scan, left, lines=again, valid_until=valid_until)
    basis = report.basis if not report.warnings else None
    left_out = _left_out_lines(report.selection)
    delta.save(scan, left, basis, left_out=left_out, valid_until=valid_until)


def _stamp_patch(
    scan: stamp.Scan, previous: delta.Previous, out_dir: Path, patched: delta.Patched
) -> None:
    """Record a build that patched files (see `_stamp`): the same files, placed the same."""
    assert previous.left is not None
    left = previous.left.after(patched.written)
    again = _patched_lines(previous, out_dir, set())
    stamp.save(scan, left, lines=again, valid_until=previous.valid_until)
    delta.save_patched(scan, previous, left, patched.listed)


def _patched_lines(previous: delta.Previous, out_dir: Path, changed: AbstractSet[str]) -> list[str]:
    """What a full build would print after the patch: the same lines, those files written."""
    return _file_lines(previous.basis.report, changed, out_dir) + list(previous.left_out)


def _echo_report(lines: Sequence[str], *, quiet: bool) -> None:
    for line in lines:
        if not quiet or line.startswith(("Error: ", "Warning: ")):
            _echo_event(line)


def _on_terminal() -> bool:
    return sys.stderr.isatty()


class _Meter:
    """The build's progress: a bar on stderr once a build has run for 2 seconds (when `bar`),
    and with `verbose` the time of each phase at the end."""

    _BAR_AFTER = 2.0
    _REDRAW_EVERY = 0.1

    def __init__(self, *, bar: bool, verbose: bool) -> None:
        self._bar_wanted, self._verbose = bar, verbose
        self._started = self._phase_started = time.perf_counter()
        self._phases: list[tuple[str, int, float]] = []
        self._name, self._total, self._done, self._shown = "", 0, 0, 0
        self._bar: Any = None
        self._redrawn = 0.0

    def phase(self, name: str, total: int) -> None:
        self._end_phase()
        self._name, self._total, self._done, self._shown = name, total, 0, 0
        self._phase_started = time.perf_counter()

    def advance(self, steps: int = 1) -> None:
        self._done += steps
        now = time.perf_counter()
        if not self._bar_wanted or now - self._redrawn < self._REDRAW_EVERY:
            return
        self._redrawn = now
        if self._bar is None and now - self._started >= self._BAR_AFTER and self._total:
            self._open_bar()
        if self._bar is not None:
            self._bar.update(self._done - self._shown)
            self._shown = self._done

    def finish(self) -> None:
        self._end_phase()
        if self._verbose:
            for name, steps, seconds in self._phases:
                counted = f" ({steps} done)" if steps else ""
                click.echo(f"time: {name}{counted}: {seconds:.2f} s", err=True)
            total = time.perf_counter() - self._started
            click.echo(f"time: in all: {total:.2f} s", err=True)

    def _open_bar(self) -> None:
        self._bar = click.progressbar(length=self._total, label=self._name, file=sys.stderr)
        self._bar.__enter__()

    def _end_phase(self) -> None:
        if self._bar is not None:
            self._bar.update(self._done - self._shown)
            self._bar.__exit__(None, None, None)
            self._bar = None
        if self._name:
            elapsed = time.perf_counter() - self._phase_started
            self._phases.append((self._name, self._done, elapsed))
        self._name = ""


def _report_lines(report: BuildReport, out_dir: Path, *, again: bool = False) -> list[str]:
    """What a build did, one line per feed file; pages are summed up in one line. `again`:
    what the same build run again prints, every file unchanged and nothing removed."""
    lines = [f"Warning: {warning}" for warning in report.warnings]
    files = [(file.name, file.entry_count) for _, file in report.written]
    written = set() if again else {file.name for done, file in report.written if done.changed}
    lines += _file_lines(files, written, out_dir)
    if not again:
        lines += [f"removed {display_path(path)}" for path in report.removed]
    return lines + _left_out_lines(report.selection)


def _file_lines(
    files: Sequence[tuple[str, int | None]], written: AbstractSet[str], out_dir: Path
) -> list[str]:
    """A line per file in `out_dir` but pages, which are summed up in one line. `files` are
    (POSIX path under `out_dir`, how many entries it carries when it is a feed), and those
    `written` changed; no object per file, as a patched rebuild reports 10,000 pages twice."""
    # display_path(out_dir / name), without a Path and a relative_to for each of 1,000 feeds
    folder = display_path(out_dir)

    def shown(name: str) -> str:
        return name if folder == "." else f"{folder}/{name}"

    lines = []
    pages = [name for name, _ in files if name.endswith("index.html")]
    for name, entry_count in files:
        verb = "wrote" if name in written else "unchanged"
        if entry_count is not None:
            noun = "entry" if entry_count == 1 else "entries"
            lines.append(f"{verb} {shown(name)} ({entry_count} {noun})")
        elif not name.endswith("index.html"):
            lines.append(f"{verb} {shown(name)}")
    if pages:
        changed = sum(name in written for name in pages)
        lines.append(
            f"pages: wrote {changed}, unchanged {len(pages) - changed} "
            f"({shown(pages[0])} and one per entry)"
        )
    return lines


def _left_out_lines(selection: Selection) -> list[str]:
    from staticfeed.dates import utc_offset_text

    lines = []
    if drafts := selection.drafts_left_out:
        lines.append(f"left out {_count(drafts, 'draft')}; --drafts includes them")
    upcoming = selection.next_due
    if upcoming is not None:
        future = _count(len(selection.future_left_out), "future entry", "future entries")
        lines.append(
            f"left out {future}; the next, "
            f"{display_path(upcoming.source)}, is due {utc_offset_text(upcoming.published)}"
            "; build again then, or pass --future"
        )
    return lines


def _echo_event(line: str) -> None:
    """Errors and warnings go to stderr; everything else to stdout."""
    click.echo(line, err=line.startswith(("Error: ", "Warning: ")))


@cli.command("serve")
@_publication_options
@click.option(
    "--bind",
    type=_NonEmpty(),
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 lets other machines connect).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0 lets the system choose one).",
)
def serve_command(bind: str, port: int, **options: Any) -> None:
    """Build the feeds, serve them at http://127.0.0.1:8000/, and rebuild on every change.

    Saving a document in entries/, the config, a template or a file an entry encloses rebuilds
    the feeds and says what changed.
    A build with errors lists them and the previous feeds stay served. Ctrl-C stops.

    \b
    Examples:
      staticfeed serve
      staticfeed serve --drafts --future --out /tmp/preview --port 0
    """
    from staticfeed.serve import Enclosures, PreviewServer, snapshot

    publication = _Publication(**options)

    def rebuild() -> list[str]:
        return _build_lines(publication, SILENT)

    def enclosed(changed: Collection[Path]) -> frozenset[Path]:
        files = enclosures.update(changed)
        _lay_out(server, publication, enclosures.served)
        return files

    try:
        config_file = publication.config_file()
        watched = [publication.entries_dir, config_file]
        enclosures = Enclosures(publication.entries_dir, config_file, publication.config)
        depends = _watched_besides(publication, enclosed)
        # The port first: a serve started twice by mistake (`--drafts` in another terminal)
        # built into the feeds the first one serves, and then stopped, port in use.
        server = PreviewServer(publication.out_dir, bind, port, on_hint=click.echo)
    except StaticfeedError as error:
        raise _user_error(error) from None
    with server:
        try:
            # A save during the first build is rebuilt for once watching begins.
            read = snapshot([*watched, *_templates_to_watch(publication, [])])
            _first_build(publication, rebuild)
            _lay_out(server, publication, frozenset())
        except StaticfeedError as error:
            raise _user_error(error) from None
        try:  # from here on Ctrl-C is the way to stop, even before serving began
            click.echo(
                f"serving {display_path(publication.out_dir)} at {server.url} (Ctrl-C stops)"
            )
            _serve_until_interrupted(
                server, publication.entries_dir, watched, rebuild, read, depends
            )
        except KeyboardInterrupt:
            click.echo("stopped")


def _lay_out(server: PreviewServer, publication: _Publication, files: frozenset[Path]) -> None:
    """Let `server` answer the published site's paths too, as the config gives them now (one
    with an error, which the build lists, leaves them as they were)."""
    from staticfeed.serve import SiteLayout

    with contextlib.suppress(StaticfeedError):
        server.layout = SiteLayout.of(publication.config(), files, publication.entries_dir)


def _watched_besides(
    publication: _Publication, enclosed: Callable[[Collection[Path]], frozenset[Path]]
) -> Callable[[Collection[Path]], frozenset[Path]]:
    """`watch`'s `depends`: the files enclosed, and the folder of templates, looked for again
    each time the config changes (`templates` may name another folder now)."""
    config_file = publication.config_file().resolve()
    templates: list[Path] = []

    def depends(changed: Collection[Path]) -> frozenset[Path]:
        nonlocal templates
        if not changed or config_file in changed:
            templates = [path.resolve() for path in _templates_to_watch(publication, templates)]
        return enclosed(changed).union(templates)

    return depends


def _templates_to_watch(publication: _Publication, before: list[Path]) -> list[Path]:
    """The folder of templates the build reads: the config's `templates`, or templates/ beside
    it. A config with an error (the build lists it) leaves `before`, or as serve starts that
    default. A folder that holds the feeds or the cache is not watched: each rebuild would set
    off the next."""
    config_file = publication.config_file()
    try:
        folder = publication.config().templates
    except StaticfeedError:
        if before:
            return before
        default = config_file.parent / "templates"
        folder = default if default.is_dir() else None
    if folder is None:
        return []
    inside = (publication.out_dir.resolve(), config_file.parent.resolve())
    return [] if any(path.is_relative_to(folder.resolve()) for path in inside) else [folder]


def _first_build(publication: _Publication, rebuild: Callable[[], list[str]]) -> None:
    """serve's first build. With an error, and feeds a build made before, the error is listed
    and those are served, as after any save: a document to fix does not stop the preview."""
    from staticfeed.output import MANIFEST_NAME

    try:
        lines = rebuild()
    except StaticfeedError as error:
        if not (publication.out_dir / MANIFEST_NAME).is_file():
            raise  # no build before: nothing to serve
        for line in failure_lines(error):
            click.echo(line, err=True)
        click.echo("serving the previous feeds; fix the error and save again", err=True)
        return
    for line in lines:
        _echo_event(line)


def _serve_until_interrupted(
    server: PreviewServer,
    documents: Path,
    watched: Sequence[Path],
    rebuild: Callable[[], list[str]],
    read: Snapshot,
    depends: Callable[[Collection[Path]], Collection[Path]],
) -> None:
    """Serve in a thread of its own, and watch and rebuild in this one, the main thread, where
    Ctrl-C lands: it stops a rebuild under way as it stops `build`, which takes away the files
    it was writing. (Rebuilt in another thread, the interpreter's exit cut a rebuild short and
    left hundreds of `.tmp` files in feeds/, for publishing.) A bug in a rebuild stops serve
    with its traceback, as it stops `build`, rather than serve feeds no save changes any more.
    """
    from staticfeed.serve import watch

    server.start()
    watch(watched, rebuild, _echo_event, threading.Event(), read, depends, documents)


class _UserError(click.ClickException):
    """Prints `Error: ` before every line, one line per problem; with `lines`, those, which
    give the warnings found before the errors too (errors.failure_lines)."""

    def __init__(self, message: str, lines: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.lines = tuple(lines)

    def format_message(self) -> str:
        return self.message.replace("\n", "\nError: ")

    def show(self, file: IO[Any] | None = None) -> None:
        if not self.lines:
            super().show(file)
            return
        for line in self.lines:
            click.echo(line, file=file, err=True)  # err: stderr when no file is given


class _DiffError(_UserError):
    """diff exits 2 on an error, like diff(1), so that 1 can mean "readers would see changes"."""

    exit_code = 2


def _user_error(error: StaticfeedError) -> click.ClickException:
    warned = isinstance(error, ManyErrors) and error.warnings
    return _UserError(str(error), failure_lines(error) if warned else ())


def _format_option(text_help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=text_help,
    )


@cli.command("check")
@_publication_options
@_format_option(
    "One line per problem, or a JSON array of {file, line, severity, rule, message, fix}."
)
@click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=None,
    metavar="BYTES",
    help="Size budget of each feed file (default: the config's max_feed_size, or 1000000).",
)
@click.option(
    "--ignore",
    "ignored",
    multiple=True,
    type=click.Choice(RULES),
    metavar="RULE",
    help="Leave out the problems of RULE (the name in brackets); repeat for more.",
)
def check_command(
    output_format: str, max_size: int | None, ignored: tuple[str, ...], **options: Any
) -> None:
    """Report every problem in the documents in entries/ and the feeds in feeds/.

    Lists what build would reject, markup and template code in entries that feed readers
    would not show as written, feeds that differ from what build would write now, and what
    the W3C Feed Validation Service would flag in the files on disk. Exit status 1 if any
    problem is an error; warnings alone exit 0.

    \b
    Examples:
      staticfeed check
      staticfeed check --format json --max-size 500000
      staticfeed check --ignore reader-html
    """
    from staticfeed.check import check_publication

    publication = _Publication(**options)
    findings = check_publication(
        publication.config,
        publication.entries_dir,
        publication.out_dir,
        now=datetime.now(UTC),
        max_size=max_size,
        drafts=publication.drafts,
        future=publication.future,
        ignore=frozenset(ignored),
    )
    if output_format == "json":
        click.echo(json.dumps([asdict(finding) for finding in findings], indent=2))
    else:
        for finding in findings:
            click.echo(_finding_line(finding))
        click.echo(_check_summary(findings))
    if any(finding.severity == "error" for finding in findings):
        raise SystemExit(1)


def _finding_line(finding: Finding) -> str:
    """`Error: <file>:<line>: <what is wrong>. <how to fix> [<rule>]`, like build's errors."""
    label = "Error" if finding.severity == "error" else "Warning"
    location = f"{finding.file}:{finding.line}" if finding.file and finding.line else finding.file
    where = f"{location}: " if location else ""
    text = f"{finding.message}. {finding.fix}" if finding.fix else f"{finding.message}."
    return f"{label}: {where}{text} [{finding.rule}]"


def _check_summary(findings: Sequence[Finding]) -> str:
    errors = sum(finding.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    if not findings:
        return "ok: no problems found"
    counts = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    return f"failed: {counts}" if errors else f"ok: {counts}"


def _count(number: int, noun: str, nouns: str = "") -> str:
    """`1 draft`, `2 drafts` (`nouns` when not `noun` + "s"): "draft(s)" reads as a form."""
    return f"{number} {noun}" if number == 1 else f"{number} {nouns or noun + 's'}"


@cli.command("diff")
@_publication_options
@_format_option(
    "Sections of lines, or a JSON object of {new, updated, removed, id_changed, silent, "
    "feeds_removed}."
)
def diff_command(output_format: str, **options: Any) -> None:
    """Show what build would change for readers of the feeds in feeds/.

    Lists new, updated and removed entries, entries whose id changed (readers would show them
    again as new), and silent changes: a title, content, summary, link, authors, image or
    date edited without a new updated date, which most readers will not notice; then the feed
    files build would remove. Exit status 0 when nothing would change, 1 when something would,
    2 on an error.

    \b
    Examples:
      staticfeed diff
      staticfeed diff --format json
    """
    from staticfeed.drift import diff_publication, in_history
    from staticfeed.output import not_a_folder, previous_files

    publication = _Publication(**options)
    if (in_the_way := not_a_folder(publication.out_dir)) is not None:
        raise _DiffError(str(in_the_way))
    try:
        config = publication.config()
        with publication.rendering(config) as rendered:
            # Only what a diff reads: at 10,000 entries, all files are 450 MB.
            files: dict[str, bytes] = {}
            names = set()
            for file in rendered.files:
                names.add(file.name)
                if in_history(file.name, config.formats):
                    files[file.name] = file.content
            entries = rendered.selection.entries
        gone = previous_files(publication.out_dir) - names
        result = diff_publication(
            publication.out_dir,
            files,
            entries,
            publication.entries_dir,
            config.formats,
            feeds_removed=[name for name in gone if name.endswith((".xml", ".json"))],
            held=rendered.selection.withheld,
            site_url=config.site_url,
        )
    except StaticfeedError as error:
        raise _DiffError(str(error)) from None
    if output_format == "json":
        click.echo(
            json.dumps(result.to_json(publication.entries_dir), indent=2, ensure_ascii=False)
        )
    else:
        for line in _diff_lines(result, publication.entries_dir, publication.out_dir):
            click.echo(line)
    if result.changed:
        raise SystemExit(1)


_SAME = {"title": "same title", "date": "same date and text", "text": "same text"}
"""Why `diff` takes an entry under a new id for one published (IdChange.matched_by)."""


def _diff_lines(result: Diff, entries_dir: Path, out_dir: Path) -> list[str]:
    """One section per kind of change, one line per entry: id "title" (file); then each feed
    file the build would remove."""
    from staticfeed.drift import in_archive, pin_fix

    def file(source: str | None) -> str:
        return f" ({display_path(entries_dir / source)})" if source is not None else ""

    def entry(item: PublishedEntry) -> str:
        return f'  {item.id} "{item.title}"{file(item.source)}'

    def arrival(item: PublishedEntry) -> str:
        if not in_archive(item):
            return entry(item)
        where = display_path(out_dir / item.file)
        touch = "staticfeed touch puts it in the main feed"  # plan.Window: updated since
        readers = "which the main feed's subscribers do not fetch again"
        return f"{entry(item)}; in {where}, {readers} ({touch})"

    def change(item: EntryChange) -> str:
        edited = f"; {', '.join(item.fields)} changed" if item.fields else ""
        return arrival(item.new) + edited

    def moved(item: IdChange) -> str:
        if item.matched_by == "source":
            why = "same file"
        else:
            why = _SAME[item.matched_by]
            if item.old_source is not None:
                why += f" as {display_path(entries_dir / item.old_source)}"
            if item.matched_by != "title":
                why += f" ({json.dumps(item.old_title)})"
        if item.withdrawn:
            why += ", which left the feeds before"
        fixed = pin_fix(entries_dir / item.source if item.source else None, item.old_id)
        fix = fixed[0].lower() + fixed[1:]  # after a colon
        if item.taken_by is not None:
            title, holder = item.taken_by
            where = display_path(entries_dir / holder) if holder else "another document"
            why += f', whose id {where} now gives to "{title}"'
            if item.swapped:
                why += " (the files swapped names)"
            else:
                fix += f" and give {where} a slug: of its own"
        return f'  {item.old_id} -> {item.new_id} "{item.title}"{file(item.source)}, {why}: {fix}'

    sections: list[tuple[str, list[str]]] = [
        ("new:", [arrival(item) for item in result.new]),
        ("updated:", [change(item) for item in result.updated]),
        ("removed:", [entry(item) for item in result.removed]),
        ("id changed:", [moved(item) for item in result.id_changes]),
        ("silent (readers will not notice):", [change(item) for item in result.silent]),
        (
            "feeds removed (their subscribers get nothing more):",
            [f"  {display_path(out_dir / name)}" for name in result.feeds_removed],
        ),
    ]
    lines = [line for title, items in sections if items for line in (title, *items)]
    return lines or ["no changes: readers would see nothing new"]


def _ask(question: str, kind: click.ParamType[str], option: str, default: str | None = None) -> str:
    """The answer to `question`; when standard input ends before one (a script, a CI job), a
    wrong command line naming the option to pass, where click said only "Aborted!". The
    question goes to stderr, as bash's `read -p` puts it: `init > log` still shows it."""
    try:
        answer: str = click.prompt(question, type=kind, default=default, err=True)
    except (click.Abort, RuntimeError) as error:  # RuntimeError: input() found stdin closed
        if sys.stdin is not None and not sys.stdin.closed and sys.stdin.isatty():
            if isinstance(error.__context__, KeyboardInterrupt):  # click made Ctrl-C Abort
                raise KeyboardInterrupt from None  # to end as Ctrl-C ends any command
            raise  # Ctrl-D
        raise click.UsageError(
            f"no answer on standard input for {option}: pass {option} (or run it in a terminal)."
        ) from None
    return answer


class _TimeZone(click.ParamType[str]):
    """An IANA time zone name; anything else is a wrong command line (exit 2)."""

    name = "ZONE"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from staticfeed.dates import DateError, zone

        try:
            zone(value.strip())
        except DateError as error:
            self.fail(
                f"{error}. Use an IANA name like UTC, Europe/Kyiv or America/New_York.", param, ctx
            )
        return value.strip()


def _load_config(config_path: Path | None) -> Config:
    from staticfeed.config import load_config

    return load_config(_config_file(config_path))


def _config_file_here() -> Path:
    """The file `find_config` would choose in the current folder, found without reading it."""
    own = Path("staticfeed.toml")
    return own if own.is_file() else Path("pyproject.toml")


def _config_file(config_path: Path | None) -> Path:
    from staticfeed.config import find_config

    return config_path if config_path is not None else find_config(Path.cwd())


@cli.command("init")
@click.argument(
    "folder",
    type=_OUT_PATH,  # never empty: `init "$DIR"` with DIR unset started one in the current folder
    default=Path("."),
    required=False,
)
@click.option("--title", type=_PUBLICATION_TITLE, help="The publication's title.")
@click.option("--site-url", type=_SITE_URL, help="The site's home page, absolute http(s).")
@click.option("--author", type=_AUTHOR, help='The default author: "Name" or "Name <email>".')
@click.option(
    "--timezone",
    type=_TimeZone(),
    help="IANA time zone of dates written without an offset, like Europe/Kyiv (asked for, "
    "offering the machine's).",
)
def init_command(
    folder: Path,
    title: str | None,
    site_url: str | None,
    author: str | None,
    timezone: str | None,
) -> None:
    """Start a publication in FOLDER: write staticfeed.toml and a first entry in entries/.

    Asks for each value the options do not give. The config pins id_authority, so that entry
    ids never change. No file is ever written over.

    \b
    Examples:
      staticfeed init
      staticfeed init blog --title Notes --site-url https://example.org/ --author Ann --timezone UTC
    """
    if title is None:
        title = _ask("Title of the publication", _PUBLICATION_TITLE, "--title")
    if site_url is None:
        site_url = _ask("Site URL (its home page)", _SITE_URL, "--site-url")
    if author is None:
        author = _ask_author(site_url)
    from staticfeed.authoring import init_project
    from staticfeed.dates import machine_zone, zone

    if timezone is None:
        timezone = _ask("Time zone", _TimeZone(), "--timezone", default=machine_zone())

    try:
        written = init_project(
            folder,
            title=title,
            site_url=site_url,
            author=author,
            timezone=timezone,
            today=datetime.now(zone(timezone)).date(),
        )
    except StaticfeedError as error:
        raise _user_error(error) from None
    for path in written:
        click.echo(f"wrote {display_path(path)}")
    click.echo("next:")
    if folder.resolve() != Path.cwd().resolve():
        click.echo(f"  cd {shlex.quote(display_path(folder))}")
    click.echo('  staticfeed new "Title of the next entry"')
    click.echo("  staticfeed build")


def _ask_author(site_url: str) -> str:
    """init's question for the author: one with an email, for a site whose host names no one
    (an IP address), as the email then names whose the entries' ids are; asked again without."""
    from staticfeed.ids import no_owner, site_names_no_owner

    if not site_names_no_owner(site_url):
        return _ask('Default author ("Name" or "Name <email>")', _AUTHOR, "--author")
    why = no_owner(site_url, [])
    question = f'Default author ("Name <email>": {why}, so the entries\' ids take the email)'
    return _ask(question, _OwningAuthor(site_url), "--author")


class _OwningAuthor(click.ParamType[str]):
    """An author whose email can be a tag URI's authority (RFC 4151), for a site whose host
    cannot: anything else makes a prompt ask again, rather than init fail after every answer."""

    name = "TEXT"

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from staticfeed import ids, values

        checked = _AUTHOR.convert(value, param, ctx)
        email = values.author("author", checked).email
        if ids.suggest_authority(self.site_url, 0, [email]) is None:
            why = ids.no_owner(self.site_url, [email])
            self.fail(f'{why}: give an email of yours, like "Ann Lee <ann@example.org>".')
        return checked


class _TakesATitle(click.Command):
    """A command whose argument is a title, which may begin with "-" ("-30% off", "---"):
    click reads such a title as an unknown option, so the error says how to give it."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        written = list(args)  # click's parser takes its arguments off `args`
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            given = next((arg for arg in written if arg.startswith(error.option_name)), None)
            if given is None or _OPTION_SHAPE.fullmatch(given):
                raise
            # A new error, as click 8.5 made `message` final.
            raise click.NoSuchOption(
                error.option_name,
                f"{error.message} A title that starts with - goes after --, at the end: "
                f"staticfeed {ctx.info_name} [OPTIONS] -- {shlex.quote(given)}",
                error.possibilities,
                ctx,
            ) from None


_OPTION_SHAPE = re.compile(r"--?[A-Za-z][\w-]*(=.*)?", re.DOTALL)


@cli.command("new", cls=_TakesATitle)
@click.argument("title", type=_Checked("TEXT", "title", "line_of_text", "the entry's title"))
@click.option(
    "--author",
    "authors",
    multiple=True,
    type=_LISTED_AUTHOR,
    metavar="NAME",
    help='An author, "Name" or "Name <email>"; repeat for several (default: the config\'s).',
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    type=_Checked("TAG", "tag", "line_of_text", "a tag"),
    metavar="TAG",
    help="A tag; repeat for several.",
)
@click.option(
    "--date",
    "when",
    metavar="DATE",
    help="When it is published (default: now), like 2025-12-22 14:30; without an offset, "
    "in the config's timezone.",
)
@click.option(
    "--slug",
    "name",
    type=_Checked("NAME", "slug", "text", "a file name, like peace-from-below"),
    metavar="NAME",
    help="The file name and id to make from NAME instead of TITLE, like peace-from-below.",
)
@click.option("--edit", is_flag=True, help="Open the new entry in $VISUAL, else $EDITOR.")
@_authoring_options
def new_command(
    title: str,
    authors: tuple[str, ...],
    tags: tuple[str, ...],
    when: str | None,
    name: str | None,
    edit: bool,
    entries_dir: Path,
    config_path: Path | None,
) -> None:
    """Write a new entry, entries/<year>/<slug>.md, with its id pinned, and print its path.

    The slug comes from TITLE, or --slug. No file is ever written over.

    \b
    Examples:
      staticfeed new "For a Peace From Below"
      staticfeed new "Notes from Kyiv" --author "Ann Lee" --tag ukraine --date 2025-12-22 --edit
    """
    from staticfeed import values
    from staticfeed.authoring import new_entry

    _one_spelling("--tag", tags)
    _one_spelling("--author", [values.author("author", author).name for author in authors])
    now = datetime.now(UTC)
    try:
        config = _load_config(config_path)
        date = _date_option(when, config) if when is not None else None
        path = new_entry(
            config, entries_dir, title, authors=authors, tags=tags, date=date, now=now, name=name
        )
    except StaticfeedError as error:
        raise _user_error(error) from None
    click.echo(display_path(path))
    if date is not None and date > now:
        click.echo(
            f"note: {display_path(path)} is dated later than now: the feeds leave it out until "
            "then (build again then, or pass --future)",
            err=True,
        )
    if edit:
        _edit(path)


_EDITOR_VARIABLES = ("VISUAL", "EDITOR")  # in click's order
_FALLBACK_EDITORS = ("sensible-editor", "vim", "nano")  # click's, in its order


def _fallback_editor() -> str:
    """The editor click falls back on when neither variable names one, found here: given no
    editor, click reads the variables itself and runs one of spaces, the entry as the command."""
    if sys.platform.startswith("win"):
        return "notepad"
    return next((name for name in _FALLBACK_EDITORS if shutil.which(name)), "vi")


def _edit(path: Path) -> None:
    """Open the new entry in $VISUAL, else $EDITOR, else the editor click finds (vim, nano,
    …); a variable holding only spaces is unset, also to click. An editor
    that cannot start or fails is the user's to fix, named with the entry it was to open (click
    names the editor as if it were the file), and with the variable that chose it."""
    variable = next((name for name in _EDITOR_VARIABLES if os.environ.get(name, "").strip()), None)
    editor = os.environ[variable] if variable is not None else _fallback_editor()

    def failed(why: str) -> click.ClickException:
        return _user_error(
            StaticfeedError(
                f"the entry was written, but the editor ({editor}) {why}",
                f"Set {variable or 'EDITOR'} to your editor's command, or open the file yourself.",
                path=path,
            )
        )

    try:
        shlex.split(editor or "")  # as click splits it, where a lone quote was a traceback
    except ValueError as error:
        raise failed(f"could not be read as a command: {str(error).lower()}") from None
    try:
        click.edit(filename=str(path), editor=editor)
    except click.ClickException as error:
        start = error.__cause__  # an editor that could not start, as Python says why
        if isinstance(start, OSError):
            raise failed(f"failed: it could not start ({start.strerror})") from None
        raise failed("failed: it exited with an error") from None


def _one_spelling(option: str, names: Sequence[str]) -> None:
    """Two spellings of one name given to `new` (`--tag a --tag A`) would share one feed, which
    the build refuses: a wrong command line. The same name twice is written once."""
    from staticfeed.plan import topic_slug

    first: dict[str, str] = {}
    for name in names:
        known = first.setdefault(topic_slug(name), name)
        if known != name:
            raise click.BadParameter(
                f"{known!r} and {name!r} would share one feed: give one spelling.",
                param_hint=f"'{option}'",
            )


def _date_option(text: str, config: Config) -> datetime:
    """The date --date gives, as `new` writes it: in the site's zone."""
    from staticfeed.dates import DateError, in_zone, parse_date

    try:
        return in_zone(parse_date(text, config.timezone), config.timezone)
    except DateError as error:
        raise click.BadParameter(
            f"{error}. Write it like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            param_hint="'--date'",
        ) from None


@cli.command("pin")
@_authoring_options
@click.option(
    "--from",
    "earlier_feeds",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FEED",
    help="The feed the site published before staticfeed (Atom, RSS or JSON Feed; repeat for "
    "its archives): an entry with the title and date of one of its entries takes that id.",
)
def pin_command(
    entries_dir: Path, config_path: Path | None, earlier_feeds: tuple[Path, ...]
) -> None:
    """Write each entry's id into its front matter, so renaming or moving the file keeps it.

    An entry without id: gets the id it has now, so readers see no change. With --from, an
    entry imported from a site that published FEED gets the id that feed gave it, so its
    readers see no entry again when the feed moves to staticfeed. Nothing else in the file
    changes. If any document has an error, every error is listed and no file changes.

    \b
    Examples:
      staticfeed pin
      staticfeed pin --entries posts
      staticfeed pin --from old-site/atom.xml
    """
    from staticfeed.authoring import pin_ids
    from staticfeed.drift import feed_file_entries

    try:
        earlier = [entry for feed in earlier_feeds for entry in feed_file_entries(feed)]
        pinning = pin_ids(_load_config(config_path), entries_dir, earlier)
    except StaticfeedError as error:
        raise _user_error(error) from None
    for path, identifier in pinning.pinned:
        before = pinning.carried.get(path)
        origin = f" (from {display_path(Path(before.file))})" if before else ""
        click.echo(f"pinned {display_path(path)}: id: {identifier}{origin}")
    if not pinning.pinned:
        click.echo("nothing to pin: every entry has its id: in its front matter")
    for before, why in pinning.left:
        known_as = f" ({before.id})" if before.id else ""
        click.echo(f"not carried over: {before.title!r}{known_as}: {why}", err=True)


@cli.command("touch")
@click.argument("entry", type=_ENTRY_PATH)
@_authoring_options
def touch_command(entry: Path, entries_dir: Path, config_path: Path | None) -> None:
    """Set the updated: of ENTRY to now, so that feed readers see it changed.

    Only that line of the file changes (or is added).

    \b
    Examples:
      staticfeed touch entries/2025/for-a-peace-from-below.md
    """
    from staticfeed.authoring import touch_entry

    try:
        touched = touch_entry(_load_config(config_path), entries_dir, entry, datetime.now(UTC))
    except StaticfeedError as error:
        raise _user_error(error) from None
    click.echo(f"{display_path(entry)}: updated: {touched.updated}")
    if touched.draft:
        click.echo(
            f"note: {display_path(entry)} is a draft (draft: true): the feeds leave it out, "
            "and this updated date with it, until it is published",
            err=True,
        )


@cli.command("import")
@click.argument(
    "sources",
    nargs=-1,
    required=True,
    metavar="FILE_OR_DIR...",
    type=click.Path(exists=True, path_type=Path),
)
@click.option(
    "--into",
    type=_EntriesFolder(path_type=Path),  # never empty: "" would write into the current folder
    metavar="DIR",
    default=Path("entries"),
    show_default=True,
    help="Folder the entries are written to, as <year>/<slug>.md.",
)
@click.option(
    "--config",
    "config_path",
    type=_FILE_PATH,
    default=None,
    help="Config file whose timezone the dates are read in (default: staticfeed.toml, or "
    "[tool.staticfeed] in pyproject.toml, in the current folder, else in the folder that "
    "holds the --into folder).",
)
@click.option(
    "--timezone",
    "timezone_name",
    type=_TimeZone(),
    default=None,
    metavar="ZONE",
    help="IANA time zone for dates written without an offset (default: the config's).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be written, and write nothing.")
def import_command(
    sources: tuple[Path, ...],
    into: Path,
    config_path: Path | None,
    timezone_name: str | None,
    dry_run: bool,
) -> None:
    """Turn existing documents into entries, for you to review before publishing.

    FILE_OR_DIR can be text or Markdown copied from a web page, an HTML page, or another
    tool's post (Jekyll, Hugo, Pelican); a folder is imported with everything in it. The
    source files are never changed, and an existing entry is never overwritten.

    Every field recovered from the text rather than from metadata is a guess: it is listed
    under review: in the entry's front matter. Check those, then delete the review: line.

    \b
    Examples:
      staticfeed import saved-page.txt
      staticfeed import old-blog/_posts --dry-run
      staticfeed import article.html --into entries --timezone Europe/Kyiv
    """
    from staticfeed.dates import zone
    from staticfeed.importer import import_documents

    passed_over: list[Path] = []
    notes: list[str] = []
    try:
        given = None if timezone_name is None else zone(timezone_name)
        config_tz = _import_timezone(config_path, into, told=given is not None)
        tz = given or config_tz
        imported = import_documents(
            list(sources),
            into,
            timezone=tz,
            dry_run=dry_run,
            config_timezone=config_tz,
            passed_over=passed_over,
            notes=notes,
        )
    except StaticfeedError as error:
        # What was passed over may be why the import failed: say it before the error.
        _echo_import_notes(notes, passed_over)
        raise _user_error(error) from None
    _echo_import_notes(notes, [])
    for entry in imported:
        for line in _imported_lines(entry, dry_run=dry_run):
            click.echo(_escaped_halves(line))
    click.echo(_import_summary(imported, dry_run=dry_run))
    if passed_over:
        click.echo(_passed_over_note(sorted(passed_over)), err=True)
    if any(entry.post for entry in imported):
        click.echo(
            "next: so that readers of the site's earlier feed see no post again, run "
            "staticfeed pin --from FEED with that feed, before the first build"
        )


def _echo_import_notes(notes: list[str], passed_over: list[Path]) -> None:
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if passed_over:
        click.echo(_passed_over_note(sorted(passed_over)), err=True)


def _import_timezone(config_path: Path | None, into: Path, *, told: bool) -> ZoneInfo:
    """The zone the build reads dates without an offset in: the config's. Outside any
    publication, UTC, as for a config without timezone, with a note unless `told` the zone."""
    from staticfeed.dates import zone

    found = config_path or _import_config(into)
    if found is None:
        if not told:
            click.echo(
                "note: dates without an offset are read in UTC, as there is no staticfeed config "
                "here: pass --timezone ZONE, or --config FILE, to read them in another zone",
                err=True,
            )
        return zone("UTC")
    from staticfeed.config import load_config

    return load_config(found).timezone


def _import_config(into: Path) -> Path | None:
    """The config of the current folder, else of the publication whose folder `into` is in;
    in a subfolder of a publication, or in the folder that holds one, the error other commands
    give there (its entries/ is not the current folder's)."""
    from staticfeed.config import config_above, configs_below, find_config

    try:
        return find_config(Path.cwd())
    except ConfigError as here:
        with contextlib.suppress(ConfigError):
            return find_config(into.resolve().parent)
        if config_above(Path.cwd()) is not None or configs_below(Path.cwd()):
            raise here from None
    return None


def _escaped_halves(line: str) -> str:
    """`line` with each half of a surrogate pair (YAML's "\\ud800", which import keeps, escaped,
    for build to remove) as that escape: no terminal can show one, and printing it stopped
    the report with a traceback, after the entries were written."""
    return line.encode("utf-8", "backslashreplace").decode("utf-8")


def _imported_lines(entry: ImportedEntry, *, dry_run: bool) -> list[str]:
    """`wrote <path> (from <source>)`, then title, date, authors and source, each marked
    `(guessed)` when it was recovered from the text."""

    def field(label: str, name: str, value: str) -> str:
        mark = " (guessed)" if name in entry.guessed else ""
        return f"  {label:<8} {value}{mark}"

    from staticfeed.dates import utc_offset_text

    verb = "would write" if dry_run else "wrote"
    lines = [f"{verb} {display_path(entry.path)} (from {display_path(entry.source)})"]
    lines.append(field("title:", "title", entry.title))
    lines.append(field("date:", "date", utc_offset_text(entry.date)))
    if entry.updated is not None:
        lines.append(field("updated:", "updated", utc_offset_text(entry.updated)))
    names = ", ".join(
        f"{author.name} <{author.email}>" if author.email else author.name
        for author in entry.authors
    )
    lines.append(field("authors:", "authors", names or "(the config's default authors)"))
    if entry.source_line:
        lines.append(field("source:", "source", entry.source_line))
    if entry.tags:
        lines.append(field("tags:", "tags", ", ".join(entry.tags)))
    if entry.draft:
        lines.append("  draft:   true")
    if entry.lang_from is not None:
        lines.append(f"  lang:    {entry.lang} ({entry.lang_from})")
    if entry.named_from:
        lines.append(f"  named:   from {entry.named_from}")
    if entry.left_out:
        # A value left out says why in parentheses; "no staticfeed key" is for the others.
        why = [item for item in entry.left_out if item.endswith(")")]
        keys = [item for item in entry.left_out if not item.endswith(")")]
        parts = [*why, *([f"{', '.join(keys)} (no staticfeed key)"] if keys else [])]
        lines.append(f"  left out: {'; '.join(parts)}")
    if entry.not_copied:
        lines.append(_not_copied_line(entry.not_copied))
    return lines


def _not_copied_line(found: Sequence[LocalFile]) -> str:
    """What `import` did not copy, as written in the body, and what those are: a folder
    (`gallery/`, or `gallery` without its `/`) is no file a reader would guess it to be."""
    folders = [local.folder for local in found]
    kinds = "folders" if all(folders) else "files and folders" if any(folders) else "files"
    return (
        f"  not copied: {', '.join(local.url for local in found)} ({kinds} beside the source:"
        " put them on the site at site_url + that path, or write their full URLs)"
    )


def _passed_over_note(paths: Sequence[Path]) -> str:
    shown = ", ".join(display_path(path) for path in paths[:5])
    more = f" and {len(paths) - 5} more" if len(paths) > 5 else ""
    one = len(paths) == 1
    return (
        f"note: passed over {len(paths)} {'post' if one else 'posts'} in a format import does "
        f"not read: {shown}{more}. Convert {'it' if one else 'them'} to Markdown or HTML "
        f"(pandoc can), and import {'that' if one else 'those'}."
    )


def _import_summary(imported: Sequence[ImportedEntry], *, dry_run: bool) -> str:
    verb = "would be written" if dry_run else "written"
    guessed = sum(bool(entry.guessed) for entry in imported)
    noun = "entry" if len(imported) == 1 else "entries"
    summary = f"{len(imported)} {noun} {verb}"
    if guessed:
        summary += (
            f"; {guessed} {'has' if guessed == 1 else 'have'} guessed fields: check them, "
            "then delete their review: line"
        )
    return summary


def main() -> None:
    try:
        cli(prog_name="staticfeed")
    finally:
        # The interpreter's shutdown ends with a full collection over every object still
        # alive: after a build of 10,000 entries that walk took 25 ms, longer than some
        # rebuilds' work, to free memory the system takes back at exit anyway.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    main()
