"""What `check` says readers remove from raw HTML, as a hand mutation audit of readerhtml
found it untested: each warning word for word, at its line, and feedparser (the sanitizer
Python readers apply) as the judge of what a reader is given."""

from __future__ import annotations

import feedparser
from lxml import etree

from tests.conftest import BASIC_CONFIG as CONFIG
from tests.test_check import HIDES_THE_REST
from tests.test_links_audit import Site, post, reported


def shown(title: str) -> etree._Element:
    """The HTML of the entry `title` as feedparser gives it to a reader."""
    (entry,) = [e for e in feedparser.parse("feeds/atom.xml").entries if e.title == title]
    return etree.HTML(f"<div>{entry.content[0].value}</div>")


def test_a_script_left_open_holding_a_less_than_sign_is_at_its_line(site: Site) -> None:
    # A <script> never closed runs to the end of the entry: it was reported with no line, and
    # the search for that line took seconds once the script ran to a few thousand lines.
    site(CONFIG, **{"2025/a.md": post("A", "Text.\n\n<script>\nif (a < b) go();")})
    assert reported("reader-html") == [
        (7, "feed readers remove <script> whose code holds '<'", HIDES_THE_REST)
    ]
    text = str(shown("A").xpath("string()"))
    assert "Text." in text and "go()" not in text
