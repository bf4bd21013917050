"""Mutation audit of staticfeed.jsonfeed: JSON Feed 1.1 documents as a reader gets them, read
with json and checked against the spec's schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG
from tests.jsonfeed_helpers import validate_json_feed
from tests.test_jsonfeed import make_config, make_rendered, read, render

Site = Callable[..., Path]


def test_a_feed_with_no_items_ends_with_a_line_end_as_one_with_items_does() -> None:
    # A build refuses to publish no entry at all, but json_feed takes an empty feed: it is a
    # whole text file too, so `cat` and diffs of it show no missing newline.
    config = make_config()
    empty = render(config, [])
    assert read(empty)["items"] == []
    assert empty.endswith(b"}\n")
    assert render(config, [make_rendered("a")]).endswith(b"}\n")


def built_items(site: Site, config: str, **documents: str) -> list[dict[str, Any]]:
    """The items of feeds/feed.json after `staticfeed build`, read with json alone, the file
    checked against the JSON Feed 1.1 schema first."""
    site(config, **documents)
    result = CliRunner().invoke(cli, ["build"], prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    validate_json_feed(Path("feeds/feed.json").read_bytes())
    items: list[dict[str, Any]] = json.loads(Path("feeds/feed.json").read_text("utf-8"))["items"]
    return items


def test_summaries_only_gives_json_feed_readers_the_summary_and_not_the_whole_text(
    site: Site,
) -> None:
    # content = "summary": the item's text is its summary (content_text), without the whole
    # entry as content_html beside it, which a reader would show; an image alone, with no
    # text to summarise, keeps its HTML.
    long = "---\ntitle: Long\ndate: 2025-01-05\nsummary: The short of it.\n---\nThe whole story.\n"
    pic = "---\ntitle: Pic\ndate: 2025-01-04\n---\n![a map](https://example.net/map.png)\n"
    config = BASIC_CONFIG + 'content = "summary"\n'
    first, second = built_items(site, config, **{"long.md": long, "pic.md": pic})
    assert (first["title"], first["content_text"], first["summary"]) == (
        "Long",
        "The short of it.",
        "The short of it.",
    )
    assert "content_html" not in first
    assert "The whole story" not in Path("feeds/feed.json").read_text("utf-8")
    assert second["title"] == "Pic"
    assert "content_text" not in second
    assert second["content_html"].startswith('<p><img src="https://example.net/map.png"')
