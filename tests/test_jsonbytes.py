"""JSON written by orjson is byte for byte what the json module writes: the ids file and JSON
Feeds keep their bytes, and patches find items by their indentation."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from staticfeed.jsonbytes import compact, indented

# Every code point but lone surrogates, which orjson refuses (see the tests below); control
# characters, U+2028, U+FEFF and characters beyond the BMP included.
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
SCALARS = st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | TEXT
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(TEXT, children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=500)
@given(VALUES, st.booleans())
def test_indented_is_json_dumps_with_an_indent_of_two(value: object, sort_keys: bool) -> None:
    expected = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=sort_keys)
    assert indented(value, sort_keys=sort_keys) == expected.encode("utf-8")


@settings(max_examples=500)
@given(VALUES)
def test_compact_is_json_dumps_without_spaces(value: object) -> None:
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    assert compact(value) == expected.encode("utf-8")


def test_an_integer_beyond_64_bits_is_written_as_json_writes_it() -> None:
    value = {"length": 10**30, "negative": -(2**64)}
    assert json.loads(indented(value)) == value
    assert indented(value) == json.dumps(value, indent=2).encode()
    assert compact(value) == b'{"length":1' + b"0" * 30 + b',"negative":-18446744073709551616}'


def test_a_lone_surrogate_is_written_as_json_writes_it() -> None:
    value = ["café \ud800", {"\udfff": 1}]
    written = compact(value)
    assert written == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )
    assert json.loads(written.decode("utf-8", "surrogatepass")) == value
    assert json.loads(indented(value, sort_keys=True).decode("utf-8", "surrogatepass")) == value


def test_what_orjson_refuses_keeps_its_letters_and_the_order_of_its_keys() -> None:
    # An enclosure's length beyond 64 bits sends the whole value to the json module: its text
    # is still written as UTF-8 (a JSON Feed shows "Café", not "Caf\u00e9"), and the ids file
    # (.staticfeed-ids) still sorts its keys.
    value = {"title": "Café", "length": 10**30, "authors": ["Zoë"]}
    assert indented(value) == (
        '{\n  "title": "Café",\n  "length": 1' + "0" * 30 + ',\n  "authors": [\n    "Zoë"\n  ]\n}'
    ).encode("utf-8")
    assert indented(value, sort_keys=True) == (
        '{\n  "authors": [\n    "Zoë"\n  ],\n  "length": 1' + "0" * 30 + ',\n  "title": "Café"\n}'
    ).encode("utf-8")
