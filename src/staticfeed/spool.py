"""Bytes kept in temporary files until asked for, not in memory.

A large build makes every entry's Atom and RSS item before it makes any feed: at 10,000
entries they are 130 MB, and held in memory they would be most of the build's peak. They are
written to temporary files instead, and read back while the feeds are put together, from the
page cache. The entries' Markdown waits there too (45 MB; written by the worker that parsed
the document) until a worker renders it, and so does their HTML (70 MB), for the pages and
feeds made in the main process and for the cache, which takes its file as it is (a hard link,
`written_file`); so do the entry pages the workers made (90 MB). They are read, not mapped:
the pages of a memory map count in the process's memory for as long as it is open.

What worker processes make is written by them (`SpoolWriter`) to files in the spool's folder,
and only where it lies is sent back: sent through a pipe, 300 MB of items, HTML and pages
would be pickled, copied and unpickled on the way, and written to the spool once more, all
in the main process, which all workers wait on. The folder is removed when the spool is
closed; one left by a build that was killed is removed by a later spool that makes one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
import time
from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path
from typing import IO

from staticfeed.errors import OutputError

Place = tuple[str, int, int]
"""Where bytes lie in a file of a spool's folder: the file's name, an offset and a length."""
_OWN = ""
"""The file name of the places of bytes put into the spool in this process (`__setitem__`)."""


class Spool:
    """A mapping of keys to bytes, the bytes in temporary files that go away when the spool is
    closed (or, for the one this process writes, when its process ends): use it in a `with`
    block."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._places: dict[Hashable, Place] = {}
        self._size = 0
        self._at_end = True
        """Whether the own file's position is at its end: a seek flushes what is buffered,
        so that one before every write made each a system call (and a seek) of its own."""
        self._folder: str | None = None
        self._written: dict[str, IO[bytes]] = {}
        """The files of the folder opened for reading, by name."""

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, kind: object, error: BaseException | None, traceback: object) -> None:
        self.close()
        # The output folder's and the cache's own writes never raise these (Staging reports
        # them, the cache does without): what filled up is the spool's, in the temporary folder.
        if isinstance(error, OSError) and error.errno in _NO_ROOM:
            raise OutputError(
                f"no room for the build's temporary files ({error.strerror})",
                "Free space there, or set TMPDIR to a folder with room.",
                path=Path(tempfile.gettempdir()),
            ) from None

    def __contains__(self, key: Hashable) -> bool:
        return key in self._places

    def __setitem__(self, key: Hashable, data: bytes) -> None:
        if self._file is None:  # closed by close(), as the spool's own `with` block ends
            self._file = tempfile.TemporaryFile()  # noqa: SIM115
        if not self._at_end:
            self._file.seek(self._size)  # the end, wherever the last read left off
            self._at_end = True
        self._file.write(data)
        self._places[key] = (_OWN, self._size, len(data))
        self._size += len(data)

    def __getitem__(self, key: Hashable) -> bytes:
        name, start, length = self._places[key]
        if name == _OWN:
            assert self._file is not None
            self._file.seek(start)  # writes still buffered are written first
            self._at_end = False
            return self._file.read(length)
        assert self._folder is not None
        return _read_place(self._folder, self._written, (name, start, length))

    def written_place(self, key: Hashable) -> Place | None:
        """Where a `SpoolWriter` put the bytes kept under `key`, for another process to read
        (`read_places`); None for bytes put into the spool in this process."""
        place = self._places[key]
        return None if place[0] == _OWN else place

    def written_file(self, key: Hashable) -> Place | None:
        """`written_place` with the path of its file: the file can be given a second name
        (os.link) that outlives the spool."""
        place = self.written_place(key)
        if place is None:
            return None
        assert self._folder is not None
        return os.path.join(self._folder, place[0]), place[1], place[2]

    def text(self, key: Hashable) -> str:
        """The bytes kept under `key`, as the UTF-8 text they encode."""
        return self[key].decode("utf-8", "surrogatepass")

    def update(self, items: Iterable[tuple[Hashable, bytes]]) -> None:
        for key, data in items:
            self[key] = data

    def folder(self) -> str:
        """The folder in which other processes write bytes for this spool with a
        `SpoolWriter`, made when first asked for: it goes away with the spool."""
        if self._folder is None:
            _remove_abandoned(tempfile.gettempdir())
            self._folder = tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-")
        return self._folder

    def adopt(self, key: Hashable, place: Place) -> None:
        """Keep under `key` the bytes a `SpoolWriter` put at `place` in this spool's folder."""
        name = place[0]
        if self._folder is None or not name.endswith(_PART) or os.path.basename(name) != name:
            raise ValueError(f"{place!r} is not a place in this spool's folder")
        self._places[key] = place

    def empty_plain_files(self) -> None:
        """Empty the files of the spool's folder that `SpoolWriter`s wrote bytes of no kind to:
        a build does it once it reads them no more, so that flushing the disk (os.sync) does not
        write the hundreds of megabytes about to be deleted (the 10k defaults: 0.46 -> 0.31 s).
        Reading a place in them then raises OSError, and the files of a kind are kept."""
        if self._folder is None:
            return
        with contextlib.suppress(OSError):  # only time is lost
            for name in os.listdir(self._folder):
                if name.endswith(_PART) and name.removesuffix(_PART).isdigit():
                    os.truncate(os.path.join(self._folder, name), 0)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        for stream in self._written.values():
            stream.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
        self._file = None
        self._folder = None
        self._written.clear()
        self._places.clear()
        self._size = 0
        self._at_end = True


def read_places(folder: str, places: Iterable[Place]) -> Iterator[bytes]:
    """The bytes at each of `places` in the spool folder `folder`, in turn, in any process."""
    streams: dict[str, IO[bytes]] = {}
    try:
        for place in places:
            yield _read_place(folder, streams, place)
    finally:
        for stream in streams.values():
            stream.close()


def _read_place(folder: str, streams: dict[str, IO[bytes]], place: Place) -> bytes:
    """The bytes at `place` in `folder`, from its file's stream in `streams` (opened the first
    time)."""
    name, start, length = place
    stream = streams.get(name)
    if stream is None:
        path = os.path.join(folder, name)
        stream = streams[name] = open(path, "rb", buffering=0)  # noqa: SIM115
    data = read_at(stream, start, length)
    if len(data) != length:
        # With an errno, as callers report `strerror` ("cannot write the file (...)").
        raise OSError(errno.EIO, f"{name} in the build's spool is shorter than was written")
    return data


def read_at(stream: IO[bytes], start: int, length: int) -> bytes:
    """`length` bytes of `stream` (unbuffered) at `start`, or fewer at the end of the file."""
    parts: list[bytes] = []
    got = 0
    while got < length:  # a read may give less than asked for before the end
        part = _read_once(stream, start + got, length - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _read_once(stream: IO[bytes], start: int, length: int) -> bytes:
    """One system call where there is os.pread, not a seek and a read through a buffer that
    copies the bytes twice: 63,000 reads of 7.5 KB, as many as a build of the pages and feeds
    of 10,000 entries makes, took 0.13 s instead of 0.23 s."""
    if hasattr(os, "pread"):
        return os.pread(stream.fileno(), length, start)
    stream.seek(start)  # Windows
    return stream.read(length) or b""


_NO_ROOM = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})

_PREFIX = "staticfeed-spool-"
_PART = ".part"


def _remove_abandoned(root: str) -> None:
    """Remove the spool folders under `root` of processes that are gone: killed before they
    could remove them. Only a folder untouched for an hour is removed: a process of another
    PID namespace (a container) that shares the temporary folder may bear the number of one
    that is gone here, and the builds it runs write into their folders within seconds."""
    if os.name != "posix":  # os.kill(pid, 0) tells whether a process runs on POSIX only
        return
    try:
        names = [name for name in os.listdir(root) if name.startswith(_PREFIX)]
    except OSError:
        return
    for name in names:
        pid = name.removeprefix(_PREFIX).partition("-")[0]
        path = os.path.join(root, name)
        if pid.isdigit() and not _runs(int(pid)) and _untouched_for(path, _ABANDONED_AFTER_S):
            shutil.rmtree(path, ignore_errors=True)


_ABANDONED_AFTER_S = 3600


def _untouched_for(path: str, seconds: float) -> bool:
    try:
        return time.time() - os.stat(path).st_mtime > seconds
    except OSError:
        return False


def _runs(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


class SpoolWriter:
    """Writes bytes to a file of a spool's folder, in any process, for the spool to `adopt`:
    each process appends to a file of its own. Use it in a `with` block: what it wrote is
    written out by the time the block ends, and the file is closed."""

    def __init__(self, folder: str, kind: str = "") -> None:
        """`kind` (letters) gives bytes of one kind a file of their own, which holds nothing
        else (see `Spool.written_file`)."""
        if kind and not (kind.isascii() and kind.isalpha()):
            raise ValueError(f"{kind!r} is not a kind of bytes: letters only")
        self._name = f"{os.getpid()}{kind}{_PART}"
        self._file = open(os.path.join(folder, self._name), "ab")  # noqa: SIM115
        self._size = self._file.tell()

    def __enter__(self) -> SpoolWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._file.close()

    def put(self, data: bytes) -> Place:
        """Write `data`; where it lies, for `Spool.adopt`."""
        self._file.write(data)
        place = (self._name, self._size, len(data))
        self._size += len(data)
        return place
