"""JSON as UTF-8 bytes, written in C by orjson: the bytes the json module's `dumps` gives with
ensure_ascii=False, which with an indent encodes in Python (60 us a JSON Feed item; the
cache's records of 50,000 documents took 0.7 s of a first build's last, single-core second)."""

from __future__ import annotations

import json

import orjson

# orjson refuses what it cannot write: an integer beyond 64 bits (an enclosure's length, which
# the front matter allows) and a lone surrogate (which a document's text can hold). The json
# module writes those. No caller passes floats, which orjson would write differently (NaN).
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def indented(value: object, *, sort_keys: bool = False) -> bytes:
    """`json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys)`, as UTF-8."""
    option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    try:
        return orjson.dumps(value, option=option)
    except orjson.JSONEncodeError:
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys)
        return text.encode("utf-8", "surrogatepass")


def compact(value: object) -> bytes:
    """`json.dumps(value, ensure_ascii=False, separators=(",", ":"))`, as UTF-8; a lone
    surrogate is written as the json module writes it, in bytes that are not UTF-8 (read them
    with the "surrogatepass" error handler)."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        return _COMPACT.encode(value).encode("utf-8", "surrogatepass")
