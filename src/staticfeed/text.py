"""Rules for text that must survive being put into XML."""

from __future__ import annotations

import re

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def find_xml_illegal(text: str) -> list[int]:
    """Offsets of characters that XML 1.0 cannot carry."""
    return [match.start() for match in _XML_ILLEGAL.finditer(text)]


def remove_xml_illegal(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """Cut `text` at a word boundary so that, with an ellipsis, it stays under `limit`."""
    if len(text) < limit:
        return text
    cut = text[: limit - 2]  # with the ellipsis, limit - 1 characters at most
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def replace_block(
    document: bytes, block: bytes, *, start: bytes, end: bytes, key: bytes
) -> bytes | None:
    """`document` with `block` in place of its block that has the same key line, or None
    when it holds that line other than once. The key line is the line of `block` that `key`
    begins (with the newline before it). A block runs from the newline before the last line
    that `start` begins, before the key line, to the first `end` after it: `start` and `end`
    begin with a newline, and the block holds `end` but not the newline before itself.

    Feeds are pretty-printed, one element per line, and their text is escaped (JSON has no
    newline in a string, XML no `<` in text): a line that opens or closes an item, or names
    it, is only ever that."""
    at = block.find(key)
    if at < 0:
        return None
    line_end = block.find(b"\n", at + 1)
    if line_end < 0:
        return None
    key_line = block[at : line_end + 1]
    found = document.find(key_line)
    if found < 0 or document.find(key_line, found + 1) >= 0:
        return None
    first, last = document.rfind(start, 0, found), document.find(end, found)
    if first < 0 or last < 0:
        return None
    return document[: first + 1] + block + document[last + len(end) :]
