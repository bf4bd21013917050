"""Where an item is in a published feed, or an entry in the index page: a block of lines."""

from __future__ import annotations

import mmap


def block_span(
    document: bytes | mmap.mmap,
    block: bytes,
    *,
    start: bytes,
    end: bytes,
    key: bytes,
    key_end: bytes = b"\n",
) -> tuple[int, int] | None:
    """Where `document` holds the block that has the same key line as `block`, as (first,
    past the last) byte; None when it holds that line other than once. The key line is the
    line of `block` that `key` begins (with the newline before it), up to `key_end` (the
    line's own newline, unless what follows on the line may change). A block runs from the
    last line that `start` begins before the key line to the first `end` after it: `start`
    and `end` begin with a newline, and the block holds `end` but not the newline before
    itself. `document` may be a memory map of a feed far larger than the memory to spare.

    Feeds are pretty-printed, one element per line, and their text is escaped (JSON has no
    newline in a string, XML and HTML no `<` in text): a line that opens or closes an item,
    or names it, is only ever that."""
    at = block.find(key)
    key_last = block.find(key_end, at + 1) if at >= 0 else -1
    if key_last < 0:
        return None
    key_line = block[at : key_last + len(key_end)]
    found = document.find(key_line)
    if found < 0 or document.find(key_line, found + 1) >= 0:
        return None
    first, last = document.rfind(start, 0, found), document.find(end, found)
    if first < 0 or last < 0:
        return None
    return first + 1, last + len(end)
