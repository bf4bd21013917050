"""Bytes kept in a temporary file until asked for, not in memory.

A large build makes every entry's Atom and RSS item before it makes any feed: at 10,000
entries they are 130 MB, and held in memory they would be most of the build's peak. They are
written to an unnamed temporary file instead, and read back through a memory map while the
feeds are put together, from the page cache.
"""

from __future__ import annotations

import mmap
import tempfile
from collections.abc import Hashable, Iterable
from typing import IO


class Spool:
    """A mapping of keys to bytes, the bytes in a temporary file that goes away when the spool
    is closed (or its process ends): use it in a `with` block."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._map: mmap.mmap | None = None
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
        self._file.write(data)
        self._places[key] = (self._size, len(data))
        self._size += len(data)

    def __getitem__(self, key: Hashable) -> bytes:
        start, length = self._places[key]
        if self._map is None or start + length > len(self._map):
            self._map_file()
        assert self._map is not None
        return self._map[start : start + length]

    def update(self, items: Iterable[tuple[Hashable, bytes]]) -> None:
        for key, data in items:
            self[key] = data

    def close(self) -> None:
        if self._map is not None:
            self._map.close()
        if self._file is not None:
            self._file.close()
        self._map = self._file = None
        self._places.clear()
        self._size = 0

    def _map_file(self) -> None:
        """Map the file as written so far: once after the items of a build are all made, and
        again only when one made later (for an entry the cache kept) is read."""
        assert self._file is not None
        self._file.flush()
        if self._map is not None:
            self._map.close()
        self._map = mmap.mmap(self._file.fileno(), self._size, access=mmap.ACCESS_READ)
