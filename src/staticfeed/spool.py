"""Bytes kept in a temporary file until asked for, not in memory.

A large build makes every entry's Atom and RSS item before it makes any feed: at 10,000
entries they are 130 MB, and held in memory they would be most of the build's peak. They are
written to an unnamed temporary file instead, and read back while the feeds are put together,
from the page cache. The entries' Markdown waits there too (45 MB) until a worker renders it,
and so does their HTML (70 MB), for the pages and feeds made in the main process and for the
cache, which writes it when the build is done; without the cache, so do the entry pages the
workers made (90 MB). They are read, not mapped: the pages of a memory map count in the
process's memory for as long as it is open.
"""

from __future__ import annotations

import tempfile
from collections.abc import Hashable, Iterable
from typing import IO


class Spool:
    """A mapping of keys to bytes, the bytes in a temporary file that goes away when the spool
    is closed (or its process ends): use it in a `with` block."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._places: dict[Hashable, tuple[int, int]] = {}
        self._size = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __contains__(self, key: Hashable) -> bool:
        return key in self._places

    def __setitem__(self, key: Hashable, data: bytes) -> None:
        if self._file is None:  # closed by close(), as the spool's own `with` block ends
            self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._file.seek(self._size)  # the end, wherever the last read left off
        self._file.write(data)
        self._places[key] = (self._size, len(data))
        self._size += len(data)

    def __getitem__(self, key: Hashable) -> bytes:
        start, length = self._places[key]
        assert self._file is not None
        self._file.seek(start)  # writes still buffered are written first
        return self._file.read(length)

    def text(self, key: Hashable) -> str:
        """The bytes kept under `key`, as the UTF-8 text they encode."""
        return self[key].decode("utf-8", "surrogatepass")

    def update(self, items: Iterable[tuple[Hashable, bytes]]) -> None:
        for key, data in items:
            self[key] = data

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = None
        self._places.clear()
        self._size = 0
