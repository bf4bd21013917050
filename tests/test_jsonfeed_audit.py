"""Mutation audit of staticfeed.jsonfeed: JSON Feed 1.1 documents as a reader gets them, read
with json and checked against the spec's schema."""

from __future__ import annotations

from tests.test_jsonfeed import make_config, make_rendered, read, render


def test_a_feed_with_no_items_ends_with_a_line_end_as_one_with_items_does() -> None:
    # A build refuses to publish no entry at all, but json_feed takes an empty feed: it is a
    # whole text file too, so `cat` and diffs of it show no missing newline.
    config = make_config()
    empty = render(config, [])
    assert read(empty)["items"] == []
    assert empty.endswith(b"}\n")
    assert render(config, [make_rendered("a")]).endswith(b"}\n")
