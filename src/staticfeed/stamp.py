"""Whether a build would change nothing: everything it reads and writes is as the last one left it.

The build cache (staticfeed.cache) makes a rebuild cheap, but a rebuild still imports the whole
pipeline, reads every document and loads the cache's index. The commonest rebuild, the one
after no change at all, costs little more than a look at each file's metadata with a stamp:
after a build, the stamp records the stat of every file under the entries folder, of the
config, of staticfeed's own code and of the libraries it builds with, and of every file the
build left in the output folder, with what the build printed. The next build that finds every
one of them the same prints that again and stops.

A file's stat (size, mtime, ctime and inode) stands for its content, as in git's index and in
make: writing a file changes its ctime, which no program can set back. One gap is closed as
git closes it: a file modified in the two seconds before the build started (by its mtime)
could change again within the same clock tick without a new stat, so a build that read such a
file leaves no stamp, and the next build runs in full.

This module imports nothing heavy, so that a build with nothing to do never loads the pipeline.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import time
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

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


def scan(invocation: Invocation) -> Scan | None:
    """The state of the inputs of `invocation`; None when the config or the entries folder
    cannot be read (the build itself then says what is wrong)."""
    started_ns = time.time_ns()
    hashed = hashlib.sha256()
    try:
        config = invocation.config_file.resolve(strict=True)
        entries = invocation.entries_dir.resolve(strict=True)
        out = invocation.out_dir.resolve()
        python = os.path.realpath(sys.executable)
        _add(hashed, [_FORMAT, __version__, sys.version, python, os.getcwd()])
        _add(hashed, [str(config), str(entries), str(out), repr(invocation.options)])
        _add(hashed, [os.environ.get("TZ"), list(time.tzname), _code(), config.read_bytes().hex()])
        newest = _add_tree(hashed, entries)
    except OSError:
        return None
    key = hashlib.sha256(str(out).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    path = config.parent / CACHE_FOLDER / f"stamp-{key}.json"
    return Scan(path, hashed.hexdigest(), started_ns, newest > started_ns - RACY_NS)


def replay(scan: Scan, now_ns: int | None = None) -> list[str] | None:
    """What the last build printed, when nothing it read or wrote changed since; else None."""
    stamp = _read(scan.path)
    if stamp is None or stamp.get("inputs") != scan.inputs:
        return None
    valid_until = stamp.get("valid_until")
    if isinstance(valid_until, int) and (now_ns or time.time_ns()) >= valid_until:
        return None  # a scheduled entry is due: the build now publishes it
    templates, outputs, lines = stamp.get("templates"), stamp.get("outputs"), stamp.get("lines")
    if not isinstance(outputs, list) or not all(isinstance(name, str) for name in outputs):
        return None
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        return None
    if templates is not None and not isinstance(templates, str):
        return None
    try:
        same = stamp.get("state") == _state(templates, outputs)
    except OSError:
        return None
    return lines if same else None


def save(
    scan: Scan,
    *,
    templates: Path | None,
    out_dir: Path,
    outputs: Sequence[str],
    lines: Sequence[str],
    valid_until: datetime | None,
) -> None:
    """Record what the build that `scan` was taken for read, wrote and printed. Nothing is
    recorded when a file it read was changed too recently to be vouched for by its stat.
    `outputs` are the files left in `out_dir`, by POSIX path under it."""
    if scan.racy:
        discard(scan)
        return
    folder = str(templates.resolve()) if templates is not None else None
    out = str(out_dir.resolve())
    names = [os.path.join(out, name) for name in outputs]
    try:
        state = _state(folder, names, racy_after=scan.started_ns - RACY_NS)
    except OSError:
        state = None
    if state is None:
        discard(scan)
        return
    stamp: dict[str, object] = {
        "inputs": scan.inputs,
        "templates": folder,
        "outputs": names,
        "state": state,
        "lines": list(lines),
        "valid_until": _nanoseconds(valid_until) if valid_until is not None else None,
    }
    _write(scan.path, stamp)


def _state(
    templates: str | None, outputs: Sequence[str], racy_after: int | None = None
) -> str | None:
    """Digest of the stat of the templates and of the output files; None when a template was
    changed after `racy_after`."""
    hashed = hashlib.sha256()
    if templates is not None:
        newest = _add_tree(hashed, Path(templates))
        if racy_after is not None and newest > racy_after:
            return None
    for name in outputs:
        hashed.update(_stat_line(name, os.stat(name)))
    return hashed.hexdigest()


def _add(hashed: hashlib._Hash, values: list[object]) -> None:
    hashed.update(json.dumps(values, default=repr).encode("utf-8", "surrogatepass") + b"\n")


def _add_tree(hashed: hashlib._Hash, root: Path, skip: str = "") -> int:
    """Add the name and stat of every file and link under `root` but in folders named `skip`
    (links are not followed into folders, as the build does not follow them); return the
    newest mtime found."""
    newest = 0
    for relative, stat in sorted(_walk(str(root), "", skip)):
        hashed.update(_stat_line(relative, stat))
        newest = max(newest, stat.st_mtime_ns)
    return newest


def _walk(folder: str, prefix: str, skip: str) -> Iterator[tuple[str, os.stat_result]]:
    with os.scandir(folder) as listing:
        for item in listing:
            relative = prefix + item.name
            if item.is_dir(follow_symlinks=False):
                if item.name != skip:
                    yield from _walk(item.path, relative + "/", skip)
            else:
                yield relative, _stat_or_link(item)


def _stat_or_link(item: os.DirEntry[str]) -> os.stat_result:
    try:
        return item.stat()
    except FileNotFoundError:
        return item.stat(follow_symlinks=False)  # a broken link: the build reports it


def _stat_line(name: str, stat: os.stat_result) -> bytes:
    line = f"{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}\n"
    return line.encode("utf-8", "surrogatepass")


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


def _nanoseconds(moment: datetime) -> int:
    seconds = int(moment.timestamp())
    return seconds * 1_000_000_000 + moment.microsecond * 1000


def _read(path: Path) -> dict[str, object] | None:
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


def _write(path: Path, stamp: dict[str, object]) -> None:
    """Write atomically; a stamp that cannot be written only costs the next build time."""
    if not path.parent.is_dir():
        return  # no build cache here (its folder holds the stamps)
    payload = json.dumps(stamp, ensure_ascii=False).encode("utf-8", "surrogatepass")
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
