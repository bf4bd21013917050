"""The spool keeps items and HTML in a temporary file and gives back exactly what was put in."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from staticfeed.spool import Spool


def test_gives_back_each_item_as_written() -> None:
    items = {(f"id-{n}", "atom"): f"Ünïcode ✓ {n} ".encode() * (n % 50 + 1) for n in range(500)}
    with Spool() as spool:
        spool.update(items.items())
        assert all(key in spool for key in items)
        assert ("id-500", "atom") not in spool
        assert {key: spool[key] for key in items} == items


def test_an_item_added_after_others_were_read_is_read_too() -> None:
    """A cached build makes the items of entries the cache kept while it assembles feeds, after
    reading the others."""
    with Spool() as spool:
        spool["a"] = b"first"
        assert spool["a"] == b"first"
        spool["b"] = b"second, longer than the first"
        assert (spool["b"], spool["a"]) == (b"second, longer than the first", b"first")


def test_a_missing_item_is_a_key_error() -> None:
    with Spool() as spool, pytest.raises(KeyError):
        spool["nothing"]


def test_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file has no name, even while it is used: a build that is killed leaves nothing."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Spool() as spool:
        spool["a"] = b"x" * 100_000
        assert spool["a"] == b"x" * 100_000
        assert list(tmp_path.iterdir()) == []
    with pytest.raises(KeyError):
        spool["a"]  # closed: nothing is kept


def test_gives_back_text_as_written() -> None:
    """Entries' HTML waits in the spool as UTF-8 until a feed, a page or the cache asks."""
    html = "<p>Привіт, 世界 🌍 &amp; <em>café</em></p>"
    with Spool() as spool:
        spool[("id", "html")] = html.encode("utf-8")
        assert spool.text(("id", "html")) == html
