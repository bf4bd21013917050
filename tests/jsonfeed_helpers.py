"""Check a JSON Feed document against JSON Feed 1.1, for any test that has one in bytes.

The schema, tests/jsonfeed-1.1.schema.json, is written from the specification
(https://www.jsonfeed.org/version/1.1/). It is used without a format checker on purpose: which
formats jsonschema asserts depends on optional packages, and a test should not pass on one
machine and fail on another. Every date-time and URL in the schema has a pattern instead.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

SCHEMA_PATH = Path(__file__).resolve().parent / "jsonfeed-1.1.schema.json"


@cache
def json_feed_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_errors(document: object) -> list[str]:
    """Every way `document` breaks JSON Feed 1.1, as `path: message` lines (none when valid)."""
    errors = sorted(json_feed_validator().iter_errors(document), key=lambda e: list(e.path))
    return [f"{error.json_path}: {error.message}" for error in errors]


def validate_json_feed(data: bytes) -> dict[str, Any]:
    """The document in `data`, after checking it is UTF-8 JSON Feed 1.1; AssertionError if not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AssertionError(f"the JSON Feed is not UTF-8: {error}") from None
    if text.startswith("\ufeff"):
        raise AssertionError("the JSON Feed starts with a byte-order mark (RFC 8259 forbids it)")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise AssertionError(f"the JSON Feed is not JSON: {error}") from None
    errors = list(json_feed_validator().iter_errors(document))
    if errors:
        best = best_match(errors)
        details = "\n".join(schema_errors(document))
        raise AssertionError(
            f"the JSON Feed breaks JSON Feed 1.1 at {best.json_path}: {best.message}\n"
            f"all problems:\n{details}"
        )
    if not isinstance(document, dict):  # the schema requires an object; this narrows the type
        raise AssertionError("the JSON Feed is not an object")
    seen: set[str] = set()
    for item in document["items"]:  # "unique for that item for that feed": beyond JSON Schema
        if item["id"] in seen:
            raise AssertionError(f"two items of the JSON Feed have the same id {item['id']!r}")
        seen.add(item["id"])
    return document
