"""Whether a build would change nothing: everything it reads and writes is as the last one left it.

The build cache (staticfeed.cache) makes a rebuild cheap, but a rebuild still imports the whole
pipeline, reads every document and loads the cache's index. The commonest rebuild, the one
after no change at all, costs little more than a look at each file's metadata with a stamp:
after a build, the stamp records the stat of every file under the entries folder, of the
config, of staticfeed's own code and of the libraries it builds with, of the file the
config's time zone was read from (`zone_files`), and of every file the build left in the
output folder, with what the build printed. The next build that finds every
one of them the same prints that again and stops.

A file's stat (size, mtime, ctime and inode) stands for its content, as in git's index and in
make: writing a file changes its ctime, which no program can set back. One gap is closed as
git closes it: a file modified in the two seconds before the build started (by its mtime)
could change again within the same clock tick without a new stat, so a build that read such a
file leaves no stamp, and the next build runs in full.

The stat of each file is kept line by line (`Scan.tree`, `Stats`): staticfeed.delta tells from
them which documents changed, when only a few did.

This module imports nothing heavy, so that a build with nothing to do never loads the pipeline.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import json
import os
import sys
import time
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from stat import S_ISREG

from staticfeed import __version__

CACHE_FOLDER = ".staticfeed-cache"
"""The build cache's folder, beside the config: the stamps are kept there too."""
_FORMAT = 1
RACY_NS = 2_000_000_000
"""A file changed this recently when the build started may change again unseen (see above);
the build cache applies the same rule to the documents it does not read again."""
_LIBRARIES = ("click", "cmarkgfm", "dateutil", "feedgen", "jinja2", "lxml", "markupsafe", "yaml")
_TZDATA = "tzdata"


@dataclass(frozen=True)
class Invocation:
    """What a build is asked to do: the files it reads and writes, and the options that change
    what it writes (the site URL, drafts, future entries)."""

    config_file: Path
    entries_dir: Path
    out_dir: Path
    options: tuple[object, ...]


@dataclass(frozen=True)
class Scan:
    """The state of everything a build reads, taken before it reads any of it."""

    path: Path
    """The stamp file of this invocation."""
    inputs: str
    """Digest of the invocation, the code and every file it reads but the templates."""
    started_ns: int
    racy: bool
    """Whether a file was changed too recently for its stat to vouch for its content."""
    setup: str
    """Digest of the same but the files under the entries folder (see staticfeed.delta)."""
    tree: Mapping[str, str]
    """The stat of each file under the entries folder, by POSIX path under it."""
    recent: frozenset[str]
    """The files of `tree` changed too recently for their stat to vouch for their content."""


def scan(invocation: Invocation) -> Scan | None:
    """The state of the inputs of `invocation`; None when the config or the entries folder
    cannot be read (the build itself then says what is wrong)."""
    started_ns = time.time_ns()
    setup = hashlib.sha256()
    try:
        config = invocation.config_file.resolve(strict=True)
        entries = invocation.entries_dir.resolve(strict=True)
        out = invocation.out_dir.resolve()
        python = os.path.realpath(sys.executable)
        if not S_ISREG(config.stat().st_mode):
            return None  # a pipe, whose reading waits for ever
        _add(setup, [_FORMAT, __version__, sys.version, python, os.getcwd()])
        _add(setup, [str(config), str(entries), str(out), repr(invocation.options)])
        _add(setup, [os.environ.get("TZ"), list(time.tzname), _code(), config.read_bytes().hex()])
        # A templates folder beside the config is used without the config naming it: one made
        # since the last build changes every page, as its stat (in `Left`) does once it is used.
        _add(setup, [(config.parent / "templates").is_dir()])
        stats = sorted(walk_files(str(entries)))
    except (OSError, RuntimeError):  # RuntimeError: resolve() on a link to itself (3.11, 3.12)
        return None
    tree = {relative: _stat_text(stat) for relative, stat in stats}
    hashed = setup.copy()
    hashed.update(_lines(tree.items()))
    racy_after = started_ns - RACY_NS
    recent = frozenset(relative for relative, stat in stats if stat.st_mtime_ns > racy_after)
    key = hashlib.sha256(str(out).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    path = config.parent / CACHE_FOLDER / f"stamp-{key}.json"
    return Scan(path, hashed.hexdigest(), started_ns, bool(recent), setup.hexdigest(), tree, recent)


def replay(scan: Scan, now_ns: int | None = None) -> list[str] | None:
    """What the last build printed, when nothing it read or wrote changed since; else None."""
    stamp = read(scan.path)
    if stamp is None or stamp.get("inputs") != scan.inputs or is_due(stamp, now_ns):
        return None
    lines = stamp.get("lines")
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        return None
    left = left_in(stamp)
    if left is None or not zones_still(left):
        return None
    return lines if still(left) is not None else None


def is_due(record: Mapping[str, object], now_ns: int | None = None) -> bool:
    """Whether a scheduled entry the build that made `record` left out is now due."""
    valid_until = record.get("valid_until")
    return isinstance(valid_until, int) and (now_ns or time.time_ns()) >= valid_until


@dataclass(frozen=True)
class Left:
    """What a build left for the next to check: every file it wrote in its output folder and
    the templates folder it read, with a digest of their stat, and the stat of the files
    zoneinfo looked at for the config's time zone (`zone_files`)."""

    templates: str | None
    zones: dict[str, str]
    """The stat of each of `zone_files`, by path ("" for one that is not a file)."""
    out: str
    outputs: list[str]
    """By POSIX path under `out`."""
    state: str

    def fields(self) -> dict[str, object]:
        return {
            "templates": self.templates,
            "zones": self.zones,
            "out": self.out,
            "outputs": self.outputs,
            "state": self.state,
        }


def left_by(
    scan: Scan,
    *,
    templates: Path | None,
    zone: str,
    out_dir: Path,
    outputs: Sequence[str],
) -> Left | None:
    """What the build that `scan` was taken for left: `outputs` are the files in `out_dir`,
    by POSIX path under it; `zone` is the key of the config's time zone. None when a template
    or a zone file was changed too recently for its stat to vouch for it, or a file cannot be
    found."""
    folder = str(templates.resolve()) if templates is not None else None
    racy_after = scan.started_ns - RACY_NS
    zones = _zone_stats(zone_files(zone), racy_after)
    if zones is None:
        return None
    left = Left(folder, zones, str(out_dir.resolve()), list(outputs), "")
    try:
        stats = _stats(left, racy_after=racy_after)
    except OSError:
        return None
    return replace(left, state=stats.digest()) if stats is not None else None


def zone_files(key: str) -> list[str]:
    """The files zoneinfo looks at, in its order, for the zone `key`: the one in each folder
    of its path up to the first that has it. A zone data update replaces one in a folder
    under the path's (Europe/), whose stat does not change, and a file made in an earlier
    folder hides the one read: the stamp records each. (A zone read from the tzdata package
    changes with the package, whose stat `_code` records.)"""
    files = []
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, key)
        files.append(path)
        if os.path.isfile(path):
            break
    return files


def zones_still(left: Left) -> bool:
    """Whether the zone files are as the build that left `left` found them."""
    return _zone_stats(list(left.zones)) == left.zones


def zone_state(key: str) -> dict[str, str]:
    """The stat of each of `zone_files` ("" for one that is not a file)."""
    zones = _zone_stats(zone_files(key))
    assert zones is not None  # None only for a racy file
    return zones


def _zone_stats(paths: Sequence[str], racy_after: int | None = None) -> dict[str, str] | None:
    """The stat of each file of `paths` ("" for one that is not a file); None when one was
    changed after `racy_after`."""
    zones = {}
    for path in paths:
        try:
            stat = os.stat(path)
        except (OSError, ValueError):  # ValueError: a NUL in a name no zone has
            zones[path] = ""
            continue
        if racy_after is not None and stat.st_mtime_ns > racy_after:
            return None
        zones[path] = _stat_text(stat) if S_ISREG(stat.st_mode) else ""
    return zones


def left_in(record: Mapping[str, object]) -> Left | None:
    """The `Left.fields` kept in `record`, when they have the right shape."""
    templates, out, outputs = record.get("templates"), record.get("out"), record.get("outputs")
    if not isinstance(outputs, list) or not all(isinstance(name, str) for name in outputs):
        return None
    if templates is not None and not isinstance(templates, str):
        return None
    zones, state = record.get("zones"), record.get("state")
    if not isinstance(zones, dict) or not all(isinstance(stat, str) for stat in zones.values()):
        return None
    if not isinstance(out, str) or not isinstance(state, str):
        return None
    return Left(templates, zones, out, outputs, state)


def still(left: Left) -> Stats | None:
    """The stat of the templates and of the files a build left, when they are as it left
    them; else None."""
    try:
        stats = _stats(left)
    except OSError:
        return None
    return stats if stats is not None and stats.digest() == left.state else None


@dataclass(frozen=True)
class Stats:
    """The stat of the templates and of the files a build left (`Left`), line by line."""

    left: Left
    templates: bytes
    outputs: list[str]
    """The stat of each file of `left.outputs`."""

    def digest(self) -> str:
        lines = _lines(zip(self.left.outputs, self.outputs, strict=True))
        return hashlib.sha256(self.templates + lines).hexdigest()

    def after(self, rewritten: Iterable[str]) -> Left | None:
        """The `Left` of the same files once those `rewritten` are; the others are vouched
        for by the stat they had before, which the next build compares with theirs."""
        outputs = list(self.outputs)
        index = {name: number for number, name in enumerate(self.left.outputs)}
        try:
            for name in rewritten:
                outputs[index[name]] = _stat_text(os.stat(os.path.join(self.left.out, name)))
        except (OSError, KeyError):  # gone, or not a file the build left
            return None
        return replace(self.left, state=replace(self, outputs=outputs).digest())


def save(scan: Scan, left: Left | None, *, lines: Sequence[str], valid_until: int | None) -> None:
    """Record what the build that `scan` was taken for read, wrote (`left`) and printed, and
    when the first entry it left out for being scheduled is due (`nanoseconds`). Nothing is
    recorded when a file it read was changed too recently to be vouched for by its stat."""
    if scan.racy or left is None:
        discard(scan)
        return
    stamp: dict[str, object] = {
        "inputs": scan.inputs,
        **left.fields(),
        "lines": list(lines),
        "valid_until": valid_until,
    }
    write(scan.path, stamp)


def _stats(left: Left, racy_after: int | None = None) -> Stats | None:
    """The stat of the templates and of the output files; None when a template was changed
    after `racy_after`."""
    templates = hashlib.sha256()
    if left.templates is not None:
        newest = _add_tree(templates, Path(left.templates), follow_links=True)
        if racy_after is not None and newest > racy_after:
            return None
    with _folder(left.out) as stat:
        outputs = [_stat_text(stat(name)) for name in left.outputs]
    return Stats(left, templates.digest(), outputs)


@contextlib.contextmanager
def _folder(path: str) -> Iterator[Callable[[str], os.stat_result]]:
    """`os.stat` of a path under the folder `path`: relative to the open folder where the
    system can, rather than joined to it (5 of the 35 ms to stat 10,000 files)."""
    if os.stat not in os.supports_dir_fd:
        yield lambda name: os.stat(os.path.join(path, name))
        return
    folder = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        yield functools.partial(os.stat, dir_fd=folder)
    finally:
        os.close(folder)


def _add(hashed: hashlib._Hash, values: list[object]) -> None:
    hashed.update(json.dumps(values, default=repr).encode("utf-8", "surrogatepass") + b"\n")


def _add_tree(
    hashed: hashlib._Hash, root: Path, skip: str = "", *, follow_links: bool = False
) -> int:
    """Add the name and stat of every file and link under `root` but in folders named `skip`;
    return the newest mtime found. Links to folders are followed only with `follow_links`, as
    Jinja follows them in a templates folder (`templates/shared -> ../../shared`); a link back
    to a folder it is in is a loop, and is not followed."""
    newest = 0
    above = frozenset([_identity(os.stat(root))]) if follow_links else None
    for relative, stat in sorted(walk_files(str(root), skip=skip, above=above)):
        hashed.update(_stat_line(relative, stat))
        newest = max(newest, stat.st_mtime_ns)
    return newest


def walk_files(
    folder: str,
    prefix: str = "",
    *,
    skip: str = "",
    above: frozenset[tuple[int, int]] | None = None,
) -> Iterator[tuple[str, os.stat_result]]:
    """The name (after `prefix`) and stat of every file and link under `folder` but in folders
    named `skip`. With `above`, the folders `folder` is in, itself included, by device and
    inode, links to folders are followed too (each link listed with its own stat, so pointing
    it elsewhere shows), but not into one of those folders: that would go round a loop."""
    with os.scandir(folder) as listing:
        for item in listing:
            relative = prefix + item.name
            if item.is_dir(follow_symlinks=False):
                if item.name != skip:
                    inside = above | {_identity(item.stat())} if above is not None else None
                    yield from walk_files(item.path, relative + "/", skip=skip, above=inside)
            elif above is not None and item.is_symlink() and item.is_dir():
                yield relative, item.stat(follow_symlinks=False)
                target = _identity(item.stat())
                if target not in above and item.name != skip:
                    inside = above | {target}
                    yield from walk_files(item.path, relative + "/", skip=skip, above=inside)
            else:
                yield relative, _stat_or_link(item)


def _identity(stat: os.stat_result) -> tuple[int, int]:
    return stat.st_dev, stat.st_ino


def _stat_or_link(item: os.DirEntry[str]) -> os.stat_result:
    try:
        return item.stat()
    except FileNotFoundError:
        return item.stat(follow_symlinks=False)  # a broken link: the build reports it


def _stat_line(name: str, stat: os.stat_result) -> bytes:
    return f"{name}\0{_stat_text(stat)}\n".encode("utf-8", "surrogatepass")


def _lines(stats: Iterable[tuple[str, str]]) -> bytes:
    """The lines of `_stat_line` for each (name, `_stat_text`), at once."""
    return "".join([f"{name}\0{text}\n" for name, text in stats]).encode("utf-8", "surrogatepass")


def _stat_text(stat: os.stat_result) -> str:
    return f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns} {stat.st_ino}"


def _code() -> list[object]:
    """The stat of staticfeed's own files and of the modules of the libraries it builds with:
    an upgrade or an edit of any of them makes the next build a full one."""
    package = os.path.dirname(os.path.abspath(__file__))
    hashed = hashlib.sha256()
    _add_tree(hashed, Path(package), skip="__pycache__")
    libraries = []
    for name in (*_LIBRARIES, _TZDATA):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        stat = os.stat(origin) if origin is not None and os.path.exists(origin) else None
        libraries.append([name, origin, _stat_line("", stat).decode() if stat else None])
    zones = [[folder, _stat_line("", os.stat(folder)).decode()] for folder in _zone_folders()]
    return [hashed.hexdigest(), libraries, zones]


def _zone_folders() -> list[str]:
    return [folder for folder in zoneinfo.TZPATH if os.path.isdir(folder)]


def nanoseconds(moment: datetime | None) -> int | None:
    if moment is None:
        return None
    seconds = int(moment.timestamp())
    return seconds * 1_000_000_000 + moment.microsecond * 1000


def read(path: Path) -> dict[str, object] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    first_line, _, payload = data.partition(b"\n")
    if first_line != _header(payload):
        return None
    try:
        stamp = json.loads(payload)
    except (ValueError, RecursionError):
        return None
    return stamp if isinstance(stamp, dict) else None


def _header(payload: bytes) -> bytes:
    header = {"staticfeed-stamp": _FORMAT, "sha256": hashlib.sha256(payload).hexdigest()}
    return json.dumps(header).encode("ascii")


def write(path: Path, stamp: Mapping[str, object]) -> None:
    """Write atomically; a stamp that cannot be written only costs the next build time."""
    if not path.parent.is_dir():
        return  # no build cache here (its folder holds the stamps)
    # ASCII, escapes and all: one character past Latin-1 (an author's name in the delta
    # record) makes Python decode the whole file into a wider string, twice as slow to parse.
    payload = json.dumps(stamp).encode("ascii")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(_header(payload) + b"\n" + payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def discard(scan: Scan) -> None:
    """Remove the stamp of `scan`'s invocation: the next build runs in full."""
    with contextlib.suppress(OSError):
        scan.path.unlink(missing_ok=True)
