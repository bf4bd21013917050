"""One item of a published feed replaced in place (feeds.item_span, jsonfeed.item_span), and one
entry's article in the index (pages.article_span): the same bytes as the feed or index made
again with the new item, whatever the item's text holds."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from staticfeed.config import Config, load_config
from staticfeed.feeds import entry_xml, feed_parts, item_span
from staticfeed.jsonfeed import item_span as json_item_span
from staticfeed.jsonfeed import item_text, json_feed
from staticfeed.model import Author, Entry, RenderedEntry
from staticfeed.pages import FeedLink, PageEntry, PageRenderer, article_span, articles_in
from staticfeed.plan import feed_plans

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = """\
title = "Items"
site_url = "https://example.org/blog/"
timezone = "Europe/Kyiv"
authors = [{ name = "Default Author" }]
"""


@pytest.fixture
def config(tmp_path: Path) -> Config:
    path = tmp_path / "unit.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return load_config(path)


def rendered(number: int, html: str) -> RenderedEntry:
    moment = datetime(2025, 1, number, tzinfo=UTC)
    entry = Entry(
        source=Path(f"entries/{number}.md"),
        id=f"tag:example.org,2025:{number}",
        slug=str(number),
        title=f"Entry {number}",
        published=moment,
        updated=moment,
        authors=(Author("Ann Lee"),),
        body="",
        body_line=1,
    )
    return RenderedEntry(entry, html, f"Summary {number}.", f"https://example.org/blog/{number}/")


def feed_of(config: Config, entries: list[RenderedEntry], format_name: str) -> bytes:
    (plan,) = [p for p in feed_plans(config, [r.entry for r in entries]) if p.base == ""]
    if format_name == "json":
        return json_feed(config, plan, entries)
    return b"".join(feed_parts(config, plan, entries, format_name))


def item_of(config: Config, entry: RenderedEntry, format_name: str) -> bytes:
    if format_name == "json":
        return item_text(config, entry)
    return entry_xml(config, entry, format_name)


def replaced(document: bytes, item: bytes, format_name: str) -> bytes | None:
    """`document` with `item` at the span the module that made it gives."""
    if format_name == "json":
        span = json_item_span(document, item)
    else:
        span = item_span(document, item, format_name)
    return document[: span[0]] + item + document[span[1] :] if span is not None else None


def html_of(document: bytes, entry_id: str, format_name: str) -> str:
    """The HTML the feed carries for `entry_id`, read with json or lxml."""
    if format_name == "json":
        items = json.loads(document)["items"]
        (html,) = [item["content_html"] for item in items if item["id"] == entry_id]
        return str(html)
    root = etree.fromstring(document)
    if format_name == "atom":
        (entry,) = [e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == entry_id]
        return entry.findtext(f"{ATOM}content") or ""
    (item,) = [i for i in root.iter("item") if i.findtext("guid") == entry_id]
    return item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded") or ""


FORMATS = ["atom", "rss", "json"]
HTML = '<p>Text, with <a href="https://example.org/">a link</a>.</p>\n<p>A &amp; B\n  </p>'


@pytest.mark.parametrize("format_name", FORMATS)
@pytest.mark.parametrize("position", [0, 1, 2])
def test_an_item_replaced_in_a_feed_gives_the_feed_made_with_the_new_item(
    config: Config, format_name: str, position: int
) -> None:
    entries = [rendered(number, HTML) for number in (3, 2, 1)]
    html = "<p>Edited: </entry></item>\n    }\n<b>bold</b> \u00e9</p>"
    edited = replace(entries[position], content_html=html)
    document = feed_of(config, entries, format_name)

    patched_document = replaced(document, item_of(config, edited, format_name), format_name)

    new_entries = [edited if number == position else e for number, e in enumerate(entries)]
    assert patched_document == feed_of(config, new_entries, format_name)
    assert html_of(patched_document, edited.entry.id, format_name) == html


@pytest.mark.parametrize("format_name", FORMATS)
def test_an_item_the_feed_holds_not_once_is_not_replaced(config: Config, format_name: str) -> None:
    entries = [rendered(number, HTML) for number in (2, 1)]
    document = feed_of(config, entries, format_name)
    other = item_of(config, rendered(9, HTML), format_name)
    assert replaced(document, other, format_name) is None
    first = item_of(config, entries[0], format_name)
    separator = b",\n" if format_name == "json" else b""
    twice = document.replace(first, first + separator + first)
    assert twice.count(first) == 2
    assert replaced(twice, first, format_name) is None


def index_of(config: Config, entries: list[RenderedEntry]) -> bytes:
    renderer = PageRenderer(config, [FeedLink("Items", "https://example.org/blog/atom.xml", "x")])
    return renderer.index([PageEntry(entry, entry.page_url or "") for entry in entries])


@pytest.mark.parametrize("position", [0, 1, 2])
def test_an_article_replaced_in_the_index_gives_the_index_made_with_the_new_title(
    config: Config, position: int
) -> None:
    """The index's article is found by the link to the entry's page, whatever its title
    or summary say, before or after the edit."""
    entries = [rendered(number, HTML) for number in (3, 2, 1)]
    entry = entries[position].entry
    title = 'New </article>\n<h3><a href="https://example.org/blog/1/"> & "title" \u00e9'
    edited = replace(
        entries[position],
        entry=replace(entry, title=title, lang="uk"),
        summary="</article> <article class=x>",
    )
    index = index_of(config, entries)
    renderer = PageRenderer(config, [])
    article = renderer.index_article(PageEntry(edited, edited.page_url or ""))
    assert article is not None and article.startswith(b'<article class="entry" lang="uk">')

    span = article_span(index, article)

    assert span is not None
    patched_index = index[: span[0]] + article + index[span[1] :]
    new_entries = [edited if number == position else e for number, e in enumerate(entries)]
    assert patched_index == index_of(config, new_entries)
    headings = lxml.html.fromstring(patched_index).xpath("//article/h3/a")
    assert [a.text_content() for a in headings][position] == title
    assert article_span(index, index_article_of_another(config)) is None


def index_article_of_another(config: Config) -> bytes:
    other = rendered(9, HTML)
    article = PageRenderer(config, []).index_article(PageEntry(other, other.page_url or ""))
    assert article is not None
    return article


@pytest.mark.parametrize("count", [1, 2, 5])
def test_an_index_made_of_its_articles_is_the_index_made_whole(config: Config, count: int) -> None:
    """The articles an index holds (articles_in), each as index_article makes it, make the
    same index again around the first entry's (index_of_articles)."""
    entries = [rendered(number, HTML) for number in range(count, 0, -1)]
    entries[0] = replace(
        entries[0], entry=replace(entries[0].entry, title="</article>\n<article x>", lang="uk")
    )
    pages = [PageEntry(entry, entry.page_url or "") for entry in entries]
    renderer = PageRenderer(config, [FeedLink("Items", "https://example.org/blog/atom.xml", "x")])
    whole = renderer.index(pages)

    articles = articles_in(whole)

    assert articles == [renderer.index_article(page) for page in pages]
    assert renderer.index_of_articles(pages[0], articles) == whole
    assert len(lxml.html.fromstring(whole).xpath("//article")) == count


def test_an_article_is_found_by_its_whole_page_url_when_another_begins_with_it(
    config: Config,
) -> None:
    # A slug may hold folders (`2024/bridge`): the page URL of the entry `2024` begins that of
    # `2024/bridge`, whose article is not the one to replace, listed or not.
    year, bridge = rendered(2, HTML), rendered(1, HTML)
    bridge = replace(bridge, page_url="https://example.org/blog/2/bridge/")
    renderer = PageRenderer(config, [])
    article = renderer.index_article(PageEntry(year, year.page_url or ""))
    assert article is not None
    index = index_of(config, [year, bridge])
    span = article_span(index, article)
    assert span is not None
    listed = lxml.html.fromstring(index[: span[0]] + index[span[1] :]).xpath("//article/h3/a")
    assert [a.get("href") for a in listed] == ["https://example.org/blog/2/bridge/"]
    assert article_span(index_of(config, [bridge]), article) is None
