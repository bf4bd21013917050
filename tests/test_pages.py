"""The web pages for people: the index with the feeds and entries, and a page per entry.

Pages are checked with parsers that share no code with the templates: lxml (libxml2), html5lib
(the WHATWG parsing algorithm, strict: any parse error fails) and headless Chromium.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import html5lib
import lxml.html
import pytest

from staticfeed.config import Config, load_config
from staticfeed.entries import read_entries
from staticfeed.errors import ConfigError, EntryError, ManyErrors, StaticfeedError
from staticfeed.model import Author, Entry, RenderedEntry
from staticfeed.output import write_outputs
from staticfeed.pages import FeedLink, entry_page_url, page_path
from staticfeed.pages import render_pages as each_page
from staticfeed.render import render_entry
from staticfeed.selection import newest_first
from tests.conftest import REPO, build_as_a_user, invoke_build, need_program

PLUS_TWO = timezone(timedelta(hours=2))
FEED_URL = "https://example.org/blog/feeds/"
FEEDS = (
    FeedLink("Atom", FEED_URL + "atom.xml", "application/atom+xml"),
    FeedLink("RSS", FEED_URL + "rss.xml", "application/rss+xml"),
    FeedLink("JSON Feed", FEED_URL + "feed.json", "application/feed+json"),
)
TOPIC_FEEDS = (
    FeedLink("Tag: ukraine", FEED_URL + "tags/ukraine.xml", "application/atom+xml"),
    FeedLink("Author: Ann Lee", FEED_URL + "authors/ann-lee.xml", "application/atom+xml"),
)


def render_pages(*args: Any, **kwargs: Any) -> dict[str, bytes]:
    """Every page staticfeed.pages.render_pages makes, which it makes one at a time."""
    return dict(each_page(*args, **kwargs))


def make_config(**changes: object) -> Config:
    config = Config(
        path=Path("staticfeed.toml"),
        title="Peace From Below",
        site_url="https://example.org/blog/",
        feed_url=FEED_URL,
        timezone=ZoneInfo("UTC"),
        subtitle="Commentary, chosen and summarised.",
        language="en",
        id_authority="example.org,2025",
    )
    return replace(config, **changes)  # type: ignore[arg-type]


def make_entry(
    slug: str,
    title: str = "A title",
    *,
    published: datetime = datetime(2025, 12, 22, 14, 0, tzinfo=PLUS_TWO),
    updated: datetime | None = None,
    authors: tuple[Author, ...] = (Author("Ann Lee"),),
    content_html: str = "<p>Some <em>text</em>.</p>\n",
    summary: str = "Some text.",
    **fields: object,
) -> RenderedEntry:
    entry = Entry(
        source=Path(f"entries/{slug}.md"),
        id=f"tag:example.org,2025:{slug}",
        slug=slug,
        title=title,
        published=published,
        updated=updated or published,
        authors=authors,
        body="",
        body_line=1,
        **fields,  # type: ignore[arg-type]
    )
    return RenderedEntry(entry=entry, content_html=content_html, summary=summary)


def sample_entries() -> list[RenderedEntry]:
    """Three entries, newest first: offsets, several authors, tags, a link, another language."""
    return [
        make_entry(
            "2025/caf%C3%A9",
            'Café <b>talks</b> & the "peace" plan',
            published=datetime(2025, 12, 22, 14, 0, tzinfo=PLUS_TWO),
            updated=datetime(2025, 12, 23, 9, 30, tzinfo=PLUS_TWO),
            authors=(
                Author("Ann Lee", "ann@example.org", "https://ann.example/"),
                Author("Bo Chen"),
                Author("Cy Dee", email="cy+feeds@example.org"),
            ),
            content_html=(
                '<p>Hello <em>world</em> <a href="https://example.org/blog/x">x</a>.</p>\n'
                "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody>"
                "</table>\n"
            ),
            summary="Hello world <script>alert(1)</script> & more.",
            tags=("ukraine", "peace-talks"),
            link="https://original.example/cafe",
        ),
        make_entry(
            "2025/mir",
            "Мир знизу",
            published=datetime(2025, 12, 21, tzinfo=ZoneInfo("Europe/Kyiv")),
            authors=(Author("Liza Smirnova"),),
            summary="Короткий виклад.",
            lang="uk",
        ),
        make_entry(
            "older",
            "An older entry",
            published=datetime(2025, 1, 5, 23, 59, tzinfo=timezone(timedelta(hours=-5))),
            authors=(),
            summary="Older summary.",
        ),
    ]


def sample_pages(**changes: object) -> dict[str, bytes]:
    return render_pages(make_config(**changes), sample_entries(), FEEDS, TOPIC_FEEDS)


def parse(page: bytes) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(page)


def text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def one(root: lxml.html.HtmlElement, xpath: str) -> lxml.html.HtmlElement:
    found = root.xpath(xpath)
    assert len(found) == 1, f"{xpath}: {found}"
    return found[0]


# Parsing


def test_pages_are_the_index_and_one_folder_per_entry() -> None:
    assert list(sample_pages()) == [
        "index.html",
        "2025/café/index.html",
        "2025/mir/index.html",
        "older/index.html",
    ]


def test_every_page_is_html5_without_a_single_parse_error() -> None:
    for name, page in sample_pages().items():
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        parser.parse(page)  # strict: raises on the first parse error
        assert parser.errors == [], name


@pytest.mark.parametrize(
    "raw", ["<plaintext>", "<PLAINTEXT class=x>", "<textarea>", "<xmp>", "<title>", "<!--"]
)
def test_raw_html_left_open_keeps_the_rest_of_the_page_a_page(
    site: Callable[..., Path], raw: str
) -> None:
    """<plaintext> has no end tag: all after it, the page's links back and footer too, was
    text. An element of text left open (<textarea>) showed "</body></html>", the end of the
    HTML staticfeed wraps the entry in to parse it, as text of the entry."""
    site(**{"a.md": f"---\ntitle: A\ndate: 2025-01-01\n---\nBefore.\n\n{raw}\nafter <b>x</b>\n"})
    result = invoke_build("--no-cache")
    assert result.exit_code == 0, result.output
    page = Path("feeds/a/index.html").read_bytes()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    root = parser.parse(page)
    assert [nav.find("a").text for nav in root.iter("nav")][-1] == "← All entries"
    assert "</body>" not in "".join(root.find("body").itertext())
    assert b"&lt;/body&gt;" not in Path("feeds/atom.xml").read_bytes()


def test_libxml2_reads_every_page_without_errors() -> None:
    for name, page in sample_pages().items():
        parser = lxml.html.HTMLParser()
        lxml.html.document_fromstring(page, parser=parser)
        # libxml2 before 2.14 did not know HTML5 elements such as <main> and <time>.
        errors = [e.message for e in parser.error_log if not e.message.endswith(" invalid")]
        assert errors == [], name


def test_pages_declare_utf8_and_language_and_load_nothing() -> None:
    pages = sample_pages()
    for name, page in pages.items():
        assert page.startswith(b"<!DOCTYPE html>\n"), name
        root = parse(page)
        assert root.xpath("//meta/@charset") == ["utf-8"], name
        assert root.xpath("//script") == [], name
        assert root.xpath("//link[@rel='stylesheet'] | //img | //iframe") == [], name
        assert root.xpath("//style"), name
    assert parse(pages["index.html"]).get("lang") == "en"
    assert parse(pages["2025/café/index.html"]).get("lang") == "en"
    assert parse(pages["2025/mir/index.html"]).get("lang") == "uk"


def test_pages_have_no_lang_when_nothing_names_one() -> None:
    pages = sample_pages(language=None)
    assert parse(pages["index.html"]).get("lang") is None
    assert parse(pages["2025/mir/index.html"]).get("lang") == "uk"


# The index


def test_index_shows_the_publication_title_and_subtitle() -> None:
    root = parse(sample_pages()["index.html"])
    assert text(one(root, "//title")) == "Peace From Below"
    assert text(one(root, "//h1")) == "Peace From Below"
    assert "Commentary, chosen and summarised." in text(root.body)


def test_index_without_subtitle() -> None:
    root = parse(sample_pages(subtitle=None)["index.html"])
    assert root.xpath("//*[@class='subtitle']") == []


def test_index_lists_every_entry_newest_first_with_date_authors_and_summary() -> None:
    config = make_config()
    entries = sample_entries()
    root = parse(render_pages(config, entries, FEEDS)["index.html"])
    articles = root.xpath("//article")
    assert len(articles) == len(entries)
    for article, rendered in zip(articles, entries, strict=True):
        entry = rendered.entry
        link = one(article, ".//a[@href]")
        assert text(link) == entry.title
        assert link.get("href") == entry_page_url(config, entry)
        time_element = one(article, ".//time")
        assert time_element.get("datetime") == entry.published.isoformat()
        assert datetime.fromisoformat(time_element.get("datetime")) == entry.published
        names = article.xpath(".//*[@class='authors']")
        shown = [text(name) for name in names]
        assert shown == ([", ".join(a.name for a in entry.authors)] if entry.authors else [])
        assert text(one(article, ".//*[@class='summary']")) == rendered.summary


def test_index_lists_author_names_as_written_escaped_once() -> None:
    entry = make_entry("x", "X", authors=(Author('Ann & <Bo> "A"'), Author("Zoë")))
    html = render_pages(make_config(), [entry], FEEDS)["index.html"]
    assert b'<span class="authors">Ann &amp; &lt;Bo&gt; &#34;A&#34;, Zo\xc3\xab</span>' in html
    assert text(one(parse(html), "//*[@class='authors']")) == 'Ann & <Bo> "A", Zoë'


def test_index_shows_dates_in_each_entrys_own_offset() -> None:
    times = parse(sample_pages()["index.html"]).xpath("//article//time")
    # Config time zone is UTC; every date keeps the offset it was written with.
    assert [text(t) for t in times] == [
        "2025-12-22 14:00 +02:00",
        "2025-12-21",
        "2025-01-05 23:59 -05:00",
    ]
    assert [t.get("datetime") for t in times] == [
        "2025-12-22T14:00:00+02:00",
        "2025-12-21T00:00:00+02:00",
        "2025-01-05T23:59:00-05:00",
    ]


def test_index_marks_an_entry_in_another_language() -> None:
    articles = parse(sample_pages()["index.html"]).xpath("//article")
    assert [a.get("lang") for a in articles] == [None, "uk", None]


def test_right_to_left_languages_are_marked_so_on_pages_and_in_the_index() -> None:
    # Without dir="rtl" a browser lays Arabic or Hebrew out left to right: the punctuation at
    # the end of a sentence showed at its start.
    langs = {"ar": "rtl", "he-IL": "rtl", "ku-Arab": "rtl", "sd-Deva": None, "uk": None}
    entries = [make_entry(f"e{n}", lang=lang) for n, lang in enumerate(langs)]
    pages = render_pages(make_config(), entries, FEEDS, TOPIC_FEEDS)
    articles = parse(pages["index.html"]).xpath("//article")
    assert [(a.get("lang"), a.get("dir")) for a in articles] == list(langs.items())
    assert [parse(pages[f"e{n}/index.html"]).get("dir") for n in range(5)] == list(langs.values())
    assert parse(pages["index.html"]).get("dir") is None
    rtl_site = render_pages(make_config(language="fa"), entries[:1], FEEDS, TOPIC_FEEDS)
    assert parse(rtl_site["index.html"]).get("dir") == "rtl"


def test_an_entry_written_left_to_right_is_marked_so_on_a_right_to_left_index() -> None:
    # An English entry on a Hebrew site got lang="en" and no dir: it took the page's rtl, and
    # its sentences ended with their full stops at the left.
    langs = {"en": "ltr", "uk": "ltr", "ar": "rtl", "he": "rtl", None: None}
    entries = [make_entry(f"e{n}", lang=lang) for n, lang in enumerate(langs)]
    pages = render_pages(make_config(language="he"), entries, FEEDS, TOPIC_FEEDS)
    index = parse(pages["index.html"])
    assert (index.get("lang"), index.get("dir")) == ("he", "rtl")
    articles = index.xpath("//article")
    assert [(a.get("lang"), a.get("dir")) for a in articles] == list(langs.items())
    # An entry's page is in the entry's language from <html> down.
    pages_html = [parse(pages[f"e{n}/index.html"]) for n in range(5)]
    assert [(p.get("lang"), p.get("dir")) for p in pages_html] == [
        ("en", None),
        ("uk", None),
        ("ar", "rtl"),
        ("he", "rtl"),
        ("he", "rtl"),
    ]
    assert not pages_html[0].xpath("//*[@dir]")


def test_links_to_places_in_a_cross_posted_entry_stay_on_its_page() -> None:
    # Made absolute against the entry's link for the feeds, they led from staticfeed's page to
    # the original (Medium, say), which has no #fn-1.
    original = "https://medium.test/@ann/x?a=1&b=2"
    body = (
        "A claim[^1]. [Below](#results), [elsewhere](https://else.test/#a).\n\n"
        '<h2 id="results">R</h2>\n\n[^1]: The source.\n'
    )
    source = replace(make_entry("x", link=original).entry, body=body)
    entry = render_entry(source, "https://example.org/blog/")
    assert f'href="{original.replace("&", "&amp;")}#results"' in entry.content_html  # the feeds
    page = parse(render_pages(make_config(), [entry], FEEDS, TOPIC_FEEDS)["x/index.html"])
    hrefs = page.xpath("//div[@class='content']//a/@href")
    assert hrefs == ["#fn-1", "#results", "https://else.test/#a", "#fnref-1"]
    assert page.xpath("//*[@id='fn-1'] | //*[@id='results']")


@pytest.mark.parametrize(
    "original",
    [
        # The HTML holds the link percent-encoded, or with its fragment replaced, so the page
        # kept "https://elsewhere.test/p%C3%A4ge#fn-1", leading to the original.
        "https://elsewhere.test/päge",
        "https://elsewhere.test/p#frag",
        "https://elsewhere.test/a b/?q=ä&r=1",
        'https://elsewhere.test/say"hi"',
    ],
)
def test_links_to_places_stay_on_the_page_whatever_the_link_holds(original: str) -> None:
    body = 'A claim[^1]. [Below](#results).\n\n<h2 id="results">R</h2>\n\n[^1]: The source.\n'
    source = replace(make_entry("x", link=original).entry, body=body)
    entry = render_entry(source, "https://example.org/blog/")
    page = parse(render_pages(make_config(), [entry], FEEDS, TOPIC_FEEDS)["x/index.html"])
    hrefs = page.xpath("//div[@class='content']//a/@href")
    assert hrefs == ["#fn-1", "#results", "#fnref-1"]
    assert page.xpath("//p[@class='original']/a/@href") == [original]


def test_autodiscovery_announces_each_feed_in_head() -> None:
    root = parse(sample_pages()["index.html"])
    links = root.xpath("/html/head/link[@rel='alternate']")
    assert [(x.get("type"), x.get("title"), x.get("href")) for x in links] == [
        (feed.media_type, feed.title, feed.url) for feed in FEEDS
    ]


def test_entry_pages_announce_the_feeds_too() -> None:
    for name, page in sample_pages().items():
        hrefs = parse(page).xpath("/html/head/link[@rel='alternate']/@href")
        assert hrefs == [feed.url for feed in FEEDS], name


def test_subscribe_section_lists_the_feeds_and_the_topic_feeds() -> None:
    root = parse(sample_pages()["index.html"])
    section = one(root, "//section[h2='Subscribe']")
    hrefs = section.xpath(".//a/@href")
    assert hrefs == [feed.url for feed in (*FEEDS, *TOPIC_FEEDS)]
    for feed in (*FEEDS, *TOPIC_FEEDS):
        assert feed.title in text(section)
        assert feed.url in text(section)  # shown, so people can copy it into a reader
    # Topic feeds are listed but not announced, so readers offer only the main feeds.
    assert TOPIC_FEEDS[0].url not in root.xpath("//head//@href")


def test_subscribe_section_without_topic_feeds() -> None:
    root = parse(render_pages(make_config(), sample_entries(), FEEDS)["index.html"])
    section = one(root, "//section[h2='Subscribe']")
    assert section.xpath(".//h3") == []
    assert section.xpath(".//a/@href") == [feed.url for feed in FEEDS]


def test_rights_appear_in_the_footer() -> None:
    pages = sample_pages(rights="© 2025 The editors")
    for page in pages.values():
        assert text(one(parse(page), "//footer")) == "© 2025 The editors"
    assert parse(sample_pages()["index.html"]).xpath("//footer") == []


# Entry pages


def entry_page(slug_path: str = "2025/café/index.html") -> lxml.html.HtmlElement:
    return parse(sample_pages()[slug_path])


def test_entry_page_contains_the_content_as_markup() -> None:
    root = entry_page()
    content = one(root, "//*[@class='content']")
    assert text(one(content, ".//em")) == "world"
    assert one(content, ".//a").get("href") == "https://example.org/blog/x"
    assert text(one(content, ".//td")) == "1"


def test_entry_page_title_and_heading() -> None:
    root = entry_page()
    title = 'Café <b>talks</b> & the "peace" plan'
    assert text(one(root, "//h1")) == title
    assert text(one(root, "//title")) == f"{title} · Peace From Below"


def test_entry_page_dates_published_and_updated_when_different() -> None:
    root = entry_page()
    published = one(root, "//time[@class='published']")
    updated = one(root, "//time[@class='updated']")
    assert published.get("datetime") == "2025-12-22T14:00:00+02:00"
    assert text(published) == "2025-12-22 14:00 +02:00"
    assert updated.get("datetime") == "2025-12-23T09:30:00+02:00"
    assert text(updated) == "2025-12-23 09:30 +02:00"
    same = entry_page("2025/mir/index.html")
    assert one(same, "//time[@class='published']").get("datetime") == "2025-12-21T00:00:00+02:00"
    assert same.xpath("//time[@class='updated']") == []


def test_entry_page_says_updated_only_at_another_second() -> None:
    """Dates are written in whole seconds: published 10:00:00.5 and updated 10:00:00.7 were
    shown as "Published 10:00, updated 10:00"."""
    published = datetime(2025, 6, 3, 10, 0, 0, 500000, tzinfo=PLUS_TWO)
    entry = make_entry("a", published=published, updated=published.replace(microsecond=700000))
    root = parse(render_pages(make_config(), [entry], FEEDS)["a/index.html"])
    assert one(root, "//time[@class='published']").get("datetime") == "2025-06-03T10:00:00+02:00"
    assert root.xpath("//time[@class='updated']") == []
    assert "updated" not in text(one(root, "//p[@class='meta']"))


def test_entry_page_authors_with_links() -> None:
    byline = one(entry_page(), "//*[contains(@class, 'authors')]")
    assert text(byline) == (
        "By Ann Lee <ann@example.org>, Bo Chen and Cy Dee <cy+feeds@example.org>"
    )
    assert byline.xpath(".//a/@href") == [
        "https://ann.example/",
        "mailto:ann@example.org",
        "mailto:cy+feeds@example.org",
    ]
    assert text(one(entry_page("2025/mir/index.html"), "//*[contains(@class, 'authors')]")) == (
        "By Liza Smirnova"
    )
    assert entry_page("older/index.html").xpath("//*[contains(@class, 'authors')]") == []


@pytest.mark.parametrize(
    ("names", "byline"),
    [
        # The page said "Lee, Ann and Chen, Bo": "and" runs "Bo and Chen" together, and the
        # README says names with commas are joined with "; " in the pages too.
        (["Lee, Ann", "Chen, Bo"], "Lee, Ann; Chen, Bo"),
        (["Lee, Ann", "Chen, Bo", "Dee, Cy"], "Lee, Ann; Chen, Bo; Dee, Cy"),
        (["Ann Lee", "Chen, Bo"], "Ann Lee; Chen, Bo"),
        (["Ann Lee", "Bo Chen", "Cy Dee"], "Ann Lee, Bo Chen and Cy Dee"),
        (["Ann Lee", "Bo Chen"], "Ann Lee and Bo Chen"),
        # "Smith and Jones and Ann Lee" read as three people, and so did "&".
        (["Smith and Jones", "Ann Lee"], "Smith and Jones, Ann Lee"),
        (["Ann Lee", "Bo Chen", "Tom & Jerry"], "Ann Lee, Bo Chen, Tom & Jerry"),
        (["Andrea Anderson", "Bo Chen"], "Andrea Anderson and Bo Chen"),
    ],
)
def test_entry_page_byline_runs_no_two_names_together(names: list[str], byline: str) -> None:
    entry = make_entry("x", authors=tuple(Author(name) for name in names))
    pages = render_pages(make_config(), [entry], FEEDS)
    page_byline = one(parse(pages["x/index.html"]), "//*[contains(@class, 'authors')]")
    assert text(page_byline) == f"By {byline}"
    if any("," in name for name in names):
        index_names = one(parse(pages["index.html"]), "//*[@class='authors']")
        assert text(index_names) == byline


def test_entry_page_tags_original_link_and_way_back() -> None:
    root = entry_page()
    assert [text(li) for li in root.xpath("//ul[@class='tags']/li")] == ["ukraine", "peace-talks"]
    original = one(root, "//*[@class='original']/a")
    assert original.get("href") == "https://original.example/cafe"
    assert FEED_URL in root.xpath("//nav/a/@href")
    # A copy of a page published elsewhere points search engines at the original.
    assert root.xpath("//link[@rel='canonical']/@href") == ["https://original.example/cafe"]

    plain = entry_page("older/index.html")
    assert plain.xpath("//*[@class='original']") == []
    assert plain.xpath("//ul[@class='tags']") == []
    assert plain.xpath("//link[@rel='canonical']/@href") == [FEED_URL + "older/"]


def test_entry_page_url_is_the_feed_url_and_slug() -> None:
    entry = make_entry("2025/caf%C3%A9").entry
    assert entry_page_url(make_config(), entry) == FEED_URL + "2025/caf%C3%A9/"


# Escaping


def test_text_is_escaped_everywhere() -> None:
    hostile = '<b>&amp;</b> "quoted" <script>x</script>'
    config = make_config(title=hostile, subtitle=hostile, rights=hostile)
    entries = [
        make_entry(
            "x",
            hostile,
            summary=hostile,
            authors=(Author(hostile),),
            tags=(hostile,),
        )
    ]
    feeds = [FeedLink(hostile, FEED_URL + "atom.xml?a=1&b=2", "application/atom+xml")]
    pages = render_pages(config, entries, feeds, feeds)
    for name, page in pages.items():
        root = parse(page)
        assert root.xpath("//body//b | //body//script") == [], name
        assert root.xpath("//link[@rel='alternate']/@title") == [hostile], name
        assert root.xpath("//link[@rel='alternate']/@href") == [FEED_URL + "atom.xml?a=1&b=2"]
        assert hostile in text(root.body), name
        assert b"&amp;amp;" in page
    index = parse(pages["index.html"])
    assert text(one(index, "//h1")) == hostile
    assert text(one(index, "//*[@class='summary']")) == hostile
    assert text(one(parse(pages["x/index.html"]), "//h1")) == hostile


def test_summary_markup_is_shown_as_text() -> None:
    root = parse(sample_pages()["index.html"])
    summary = root.xpath("//*[@class='summary']")[0]
    assert text(summary) == "Hello world <script>alert(1)</script> & more."
    assert root.xpath("//script") == []


# Slugs and paths


def test_page_folders_are_the_decoded_slug() -> None:
    """Static hosts decode the request path, so /caf%C3%A9/ is served from the folder café/."""
    assert page_path(make_entry("2025/caf%C3%A9").entry) == "2025/café/index.html"
    assert page_path(make_entry("a%25b").entry) == "a%b/index.html"
    assert page_path(make_entry("x~y.z_-").entry) == "x~y.z_-/index.html"


@pytest.mark.parametrize(
    "slug",
    [
        "..",
        "a/../b",
        ".",
        "a/./b",
        "%2e%2e",
        "a/%2E%2E",
        "%2F",
        "a%2fb",
        "a%5Cb",
        "a\\b",
        "/abs",
        "a//b",
        "a/",
        "",
        "a b",
        "a%00b",
        "%0A",
        "%FF",
        "a?b",
        "index.html",
        "INDEX.HTML/x",
    ],
)
def test_slugs_that_could_escape_or_break_the_folder_are_refused(slug: str) -> None:
    rendered = make_entry("fine", "Fine")
    bad = replace(rendered, entry=replace(rendered.entry, slug=slug, source=Path("entries/b.md")))
    with pytest.raises(EntryError) as caught:
        render_pages(make_config(), [rendered, bad], FEEDS)
    assert caught.value.path == Path("entries/b.md")


def test_every_bad_slug_is_reported_at_once() -> None:
    entries = [
        make_entry("a"),
        make_entry(".."),
        replace(make_entry("a"), summary="same slug, another entry"),
    ]
    entries[2] = replace(entries[2], entry=replace(entries[2].entry, source=Path("entries/A.md")))
    with pytest.raises(ManyErrors) as caught:
        render_pages(make_config(), entries, FEEDS)
    messages = [str(error) for error in caught.value.errors]
    assert len(messages) == 2
    assert "'..'" in messages[0]
    assert "entries/A.md" in messages[1]
    assert "entries/a.md" in messages[1]


@pytest.mark.parametrize(
    ("slugs", "clash"),
    [
        (["atom.xml"], "atom.xml"),
        (["tags/ukraine.xml/more"], "tags/ukraine.xml"),
        (["a", "a/index.html"], "a/index.html"),
    ],
)
def test_a_page_folder_cannot_take_a_files_place(slugs: list[str], clash: str) -> None:
    entries = [make_entry(slug) for slug in slugs]
    with pytest.raises(EntryError, match=f"where the file {clash} goes"):
        render_pages(make_config(), entries, FEEDS, TOPIC_FEEDS)


def test_pages_next_to_topic_feeds_are_fine() -> None:
    pages = render_pages(make_config(), [make_entry("tags")], FEEDS, TOPIC_FEEDS)
    assert "tags/index.html" in pages


def test_no_entries_still_gives_an_index() -> None:
    pages = render_pages(make_config(), [], FEEDS)
    assert list(pages) == ["index.html"]
    assert parse(pages["index.html"]).xpath("//article") == []


# Templates


def test_a_template_in_the_templates_folder_replaces_the_default(tmp_path: Path) -> None:
    (tmp_path / "entry.html").write_text(
        '{% extends "base.html" %}\n'
        "{% block body %}<h1 class=mine>{{ entry.title }}</h1>{{ entry.content }}{% endblock %}\n",
        encoding="utf-8",
    )
    pages = render_pages(make_config(), sample_entries(), FEEDS, templates_dir=tmp_path)
    root = parse(pages["2025/café/index.html"])
    assert text(one(root, "//h1[@class='mine']")).startswith("Café <b>talks</b>")
    assert text(one(root, "//em")) == "world"
    # Everything not overridden is staticfeed's own: the base page and the index.
    assert root.xpath("//meta/@charset") == ["utf-8"]
    assert parse(pages["index.html"]).xpath("//section[h2='Subscribe']")


def test_overriding_the_base_template_changes_every_page(tmp_path: Path) -> None:
    (tmp_path / "base.html").write_text(
        "<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>{{ config.title }}</title>"
        "</head><body class=custom>{% block body %}{% endblock %}</body></html>\n",
        encoding="utf-8",
    )
    pages = render_pages(make_config(), sample_entries(), FEEDS, templates_dir=tmp_path)
    for name, page in pages.items():
        assert parse(page).body.get("class") == "custom", name
    assert len(parse(pages["index.html"]).xpath("//article")) == 3


def test_templates_see_undefined_names_as_errors(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '{% extends "base.html" %}\n{% block body %}\n<p>{{ entry_count }}</p>\n{% endblock %}\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        render_pages(make_config(), sample_entries(), FEEDS, templates_dir=tmp_path)
    assert caught.value.path == tmp_path / "index.html"
    assert caught.value.line == 3
    assert "'entry_count' is undefined" in str(caught.value)


def test_a_template_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "entry.html").write_text("<p>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        render_pages(make_config(), sample_entries(), FEEDS, templates_dir=tmp_path)
    assert caught.value.path == tmp_path / "entry.html"
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("1 / 0", "division by zero"),
        ('"%d" % "x"', "%d format: a real number is required, not str"),
        ("[1].pop(5)", "pop index out of range"),
    ],
)
def test_an_error_in_a_template_expression_names_the_file_and_line(
    tmp_path: Path, expression: str, problem: str
) -> None:
    """Python's own errors in a template's expressions are a mistake in the template, reported
    like Jinja's, not a traceback."""
    (tmp_path / "entry.html").write_text(
        '{% extends "base.html" %}\n{% block body %}\n<p>{{ ' + expression + " }}</p>\n"
        "{% endblock %}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        render_pages(make_config(), sample_entries(), FEEDS, templates_dir=tmp_path)
    assert (caught.value.path, caught.value.line) == (tmp_path / "entry.html", 3)
    assert caught.value.message == f"template error: {problem}"


OWN_INDEX = (
    'Error: templates/index.html:{line}: template error: it {verb}s "index.html", which is '
    "this very file: it takes the place of staticfeed's own index.html. A template cannot "
    "{verb} staticfeed's own index.html while it has its name: copy "
    "src/staticfeed/templates/index.html into this file and edit it, or "
    '{{% extends "base.html" %}} as it does.'
)
FIX_IT = "Fix the template, or delete it to use staticfeed's own."


@pytest.mark.parametrize(
    ("template", "error"),
    [
        # Users expect to build on staticfeed's own page; the name finds their file again.
        ('{% extends "index.html" %}\n', OWN_INDEX.format(line=1, verb="extend")),
        ('<p>\n{% include "index.html" %}\n', OWN_INDEX.format(line=2, verb="include")),
        ('{% import "index.html" as own %}\n', OWN_INDEX.format(line=1, verb="import")),
        (
            '{% extends "base.html" %}\n{% block body %}{% include "part.html" %}{% endblock %}\n',
            'Error: templates/part.html:2: template error: it includes "part.html", which is '
            "this very file. A template cannot include itself: take it out.",
        ),
        (
            '{% extends "base.html" %}\n{% block body %}{% include "loop.html" %}{% endblock %}\n',
            'Error: templates/loop.html:1: template error: it includes "back.html", which '
            "leads back to this file without end. A template cannot include itself, not even "
            "through others: take it out, or what leads back here from back.html.",
        ),
        (
            "{% macro down(n) %}\n{{ down(n - 1) }}\n{% endmacro %}\n{{ down(3) }}\n",
            "Error: templates/index.html:2: template error: a macro or loop here calls itself "
            "without end. Call it again only inside an {% if %} that stops.",
        ),
        (
            '{% macro m() %}{{ m() }}{% endmacro %}{% extends "base.html" %}'
            "{% block body %}{{ m() }}{% endblock %}\n",
            "Error: templates/index.html:1: template error: a macro or loop here calls itself "
            "without end. Call it again only inside an {% if %} that stops.",
        ),
        (
            '<p>\n{{ "x"|date_text }}\n',
            "Error: templates/index.html:2: template error: the filter date_text takes a date, "
            f"such as entry.published, not text ('x'). {FIX_IT}",
        ),
        (
            '<p>{{ "2025-01-01"|iso }}\n',
            "Error: templates/index.html:1: template error: the filter iso takes a date, "
            f"such as entry.published, not text ('2025-01-01'). {FIX_IT}",
        ),
        (
            "<p>{{ 12|mailto }}\n",
            "Error: templates/index.html:1: template error: the filter mailto takes an email "
            f"address, not a number (12). {FIX_IT}",
        ),
        # It said "_taking.<locals>.checked() takes 1 positional argument but 2 were given".
        (
            '<p>\n{{ "2025"|date_text("%d %B") }}\n',
            "Error: templates/index.html:2: template error: the filter date_text takes no "
            f"arguments, not ('%d %B'). {FIX_IT}",
        ),
        (
            "<p>{{ 12|mailto(subject=1) }}\n",
            "Error: templates/index.html:1: template error: the filter mailto takes no "
            f"arguments, not (subject=1). {FIX_IT}",
        ),
    ],
)
def test_a_template_that_never_ends_or_misuses_a_filter_is_an_error_not_a_traceback(
    site: Callable[..., Path], template: str, error: str
) -> None:
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "index.html").write_text(template, encoding="utf-8")
    (folder / "templates" / "part.html").write_text('x\n{% include "part.html" %}\n')
    (folder / "templates" / "loop.html").write_text('{% include "back.html" %}\n')
    (folder / "templates" / "back.html").write_text('{% include "loop.html" %}\n')
    result = invoke_build("--no-cache")
    assert (result.exit_code, result.stderr) == (1, error + "\n")


NOT_FOUND = (
    'Error: templates/{file}:{line}: template error: no template "{name}" is in templates/ or '
    "among staticfeed's own (base.html, index.html, entry.html). Create templates/{name}, or "
    "correct the name."
)


@pytest.mark.parametrize(
    ("files", "error"),
    [
        # It said "template error: 'utf-8' codec can't decode byte 0xe9 …", naming no file.
        (
            {"index.html": b'{% extends "base.html" %}\n{# caf\xe9 #}\n'},
            "Error: templates/index.html:2: the template is not valid UTF-8 (byte offset 32). "
            "Save it as UTF-8.",
        ),
        (
            {"index.html": b'{% extends "base.html" %}\n', "base.html": b"<p>\n\n\xff\n"},
            "Error: templates/base.html:3: the template is not valid UTF-8 (byte offset 5). "
            "Save it as UTF-8.",
        ),
        # It said "templates/base.html:1: template error: missing.html.", not that it was missing.
        (
            {"base.html": b'{% include "missing.html" %}\n'},
            NOT_FOUND.format(file="base.html", line=1, name="missing.html"),
        ),
        (
            {"index.html": b'<p>\n{% extends "layout.html" %}\n'},
            NOT_FOUND.format(file="index.html", line=2, name="layout.html"),
        ),
        (
            {"entry.html": b'{% from "parts/macros.html" import card %}\n'},
            NOT_FOUND.format(file="entry.html", line=1, name="parts/macros.html"),
        ),
        (
            {"index.html": b'{% include ["a.html", "b.html"] %}\n'},
            'Error: templates/index.html:1: template error: no template "a.html" or "b.html" is '
            "in templates/ or among staticfeed's own (base.html, index.html, entry.html). "
            "Create one of them in templates/, or correct the names.",
        ),
        # Jinja reads no name that goes up a folder, even to a file that is there: it said
        # "Create templates/../outside.html, or correct the name", which would not help.
        *[
            (
                {"index.html": b"<p>\n{% " + load.encode() + b" %}\n"},
                f'Error: templates/index.html:2: template error: "{name}" goes up a folder '
                'with "..", and templates are read only from inside templates/. Name the '
                'template from templates/ without "..", and move it there if it is outside.',
            )
            for load, name in [
                ('include "../outside.html"', "../outside.html"),
                ('extends "parts/../../outside.html"', "parts/../../outside.html"),
                ('import "../outside.html" as m', "../outside.html"),
                ('include ["nope.html", "../outside.html"]', "../outside.html"),
            ]
        ],
    ],
)
def test_a_template_not_utf8_or_not_found_is_an_error_that_names_the_file_and_the_cause(
    site: Callable[..., Path], files: dict[str, bytes], error: str
) -> None:
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "outside.html").write_text("<p>never read</p>\n", encoding="utf-8")
    for name, content in files.items():
        (folder / "templates" / name).write_bytes(content)
    result = invoke_build()
    assert (result.exit_code, result.stderr) == (1, error + "\n")


NOT_A_NAME = (
    "Error: templates/entry.html:2: template error: extends, include and import need a "
    'template\'s name, not {what}. Write the name in quotes, like {{% extends "base.html" %}} '
    "(include also takes a list of names)."
)


@pytest.mark.parametrize(
    ("load", "what"),
    [
        # Jinja said "'NoneType' object has no attribute 'split'".
        ("extends none", "none"),
        ("import none as m", "none"),
        ("extends 5", "a number (5)"),
        ("extends entry", "a PageEntry object"),
        # "no template "None" … Create templates/None".
        ("include none", "none"),
        ("include []", "an empty list"),
        ('include ["a.html", none]', "none"),
        # "'Config' object is not iterable".
        ("include config", "a Config object"),
        # "templates: the template is a folder, not a file": the templates folder itself.
        ('extends ""', "empty text"),
    ],
)
def test_extends_include_or_import_of_something_not_a_name_is_an_error_naming_the_line(
    site: Callable[..., Path], load: str, what: str
) -> None:
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "entry.html").write_text(f"<p>\n{{% {load} %}}\n", encoding="utf-8")
    result = invoke_build()
    assert (result.exit_code, result.stderr) == (1, NOT_A_NAME.format(what=what) + "\n")
    assert not (folder / "feeds").exists()


EMPTY = (
    "Error: templates/{file}: template error: it made {page} empty, a blank page for readers. "
    "Write the page's HTML in the template (or delete it to use staticfeed's own), or turn "
    "pages off with pages = false in the config."
)


@pytest.mark.parametrize(
    ("files", "error"),
    [
        # It wrote a 0-byte feeds/index.html and said nothing.
        ({"index.html": ""}, EMPTY.format(file="index.html", page="the index page")),
        (
            {"entry.html": "\n  \n"},
            EMPTY.format(file="entry.html", page="the page of entries/a.md"),
        ),
        ({"base.html": ""}, EMPTY.format(file="base.html", page="the index page")),
        (
            {
                "entry.html": '{% extends "base.html" %}',
                "base.html": "{% block body %}{% endblock %}",
            },
            EMPTY.format(file="entry.html", page="the page of entries/a.md"),
        ),
    ],
)
def test_a_template_that_makes_an_empty_page_is_an_error_and_changes_no_file(
    site: Callable[..., Path], files: dict[str, str], error: str
) -> None:
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    result = invoke_build("--no-cache")
    assert result.exit_code == 0, result.output
    before = {path: path.read_bytes() for path in (folder / "feeds").rglob("*") if path.is_file()}
    (folder / "templates").mkdir()
    for name, content in files.items():
        (folder / "templates" / name).write_text(content, encoding="utf-8")
    result = invoke_build("--no-cache")
    assert (result.exit_code, result.stderr) == (1, error + "\n")
    after = {path: path.read_bytes() for path in (folder / "feeds").rglob("*") if path.is_file()}
    assert after == before
    assert lxml.html.fromstring(after[folder / "feeds" / "index.html"]).xpath("//article")


@pytest.mark.parametrize(
    ("expression", "problem"),
    [
        ("{{ [1, 2, 3]|random }}", "No filter named 'random'"),
        ("{{ lipsum(1) }}", "'lipsum' is undefined"),
    ],
    ids=["random", "lipsum"],
)
def test_a_template_cannot_make_a_page_that_changes_at_every_build(
    site: Callable[..., Path], expression: str, problem: str
) -> None:
    # Jinja's random filter and lipsum() made other bytes at each build of the same entries.
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "index.html").write_text(f"<!doctype html>{expression}\n")
    result = invoke_build("--no-cache")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: templates/index.html:1: template error: {problem}. Fix the template, or "
        "delete it to use staticfeed's own.\n",
    )


@pytest.mark.parametrize("name", ["entry.html", "index.html", "base.html", "part.html"])
@pytest.mark.parametrize(
    ("make", "error"),
    [
        (
            lambda path: path.symlink_to("../../theme/moved.html"),
            "the template is a link to ../../theme/moved.html, which does not exist. Point the "
            "link at the template, or delete it to use staticfeed's own.",
        ),
        (
            lambda path: path.mkdir(),
            "the template is a folder, not a file. Rename the folder, and write the template as "
            "a file of that name, or leave it out to use staticfeed's own.",
        ),
    ],
)
def test_a_template_that_is_a_broken_link_or_a_folder_is_an_error_not_staticfeeds_own(
    site: Callable[..., Path], name: str, make: Callable[[Path], None], error: str
) -> None:
    """Jinja took either for no template at all, and staticfeed's own page was published in
    place of the user's, without a word."""
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    if name == "part.html":
        (folder / "templates" / "index.html").write_text(
            '{% extends "base.html" %}{% block body %}{% include "part.html" %}{% endblock %}\n'
        )
    make(folder / "templates" / name)
    result = invoke_build("--no-cache")
    assert (result.exit_code, result.stderr) == (1, f"Error: templates/{name}: {error}\n")
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("<p>\n{# a note\n", "Missing end of comment tag"),
        ("<p>\n{% raw %}\n", "Missing end of raw directive"),
    ],
)
def test_a_comment_or_raw_block_left_open_is_an_error_naming_its_template(
    site: Callable[..., Path], source: str, problem: str
) -> None:
    # Jinja gives the file of these as the template's name: the error named no file.
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "base.html").write_text(source)
    result = invoke_build("--no-cache")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: templates/base.html:2: template error: {problem}. Fix the template, or delete "
        "it to use staticfeed's own.\n",
    )


def test_a_templates_folder_that_cannot_be_entered_is_an_error(site: Callable[..., Path]) -> None:
    # Looking for a template in it raised PermissionError: a traceback.
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "entry.html").write_text("<p>{{ entry.title }}</p>\n")
    (folder / "templates").chmod(0o000)
    try:
        result = build_as_a_user()
    finally:
        (folder / "templates").chmod(0o755)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: templates: cannot read the folder (Permission denied). Check that it can be "
        "read (and entered: chmod +rx).\n",
    )
    assert not (folder / "feeds").exists()


def test_a_missing_templates_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="templates folder does not exist"):
        render_pages(make_config(), sample_entries(), FEEDS, templates_dir=tmp_path / "nope")


# Determinism


def test_same_input_same_bytes() -> None:
    assert sample_pages() == sample_pages()


_DIGEST_SCRIPT = """
import hashlib
from tests.test_pages import sample_pages
for name, page in sample_pages().items():
    print(name, hashlib.sha256(page).hexdigest())
"""


def test_same_bytes_whatever_the_process_hash_seed_locale_and_time_zone() -> None:
    def digests(**environment: str) -> str:
        env = {**os.environ, **environment}
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST_SCRIPT],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    first = digests(PYTHONHASHSEED="1", TZ="Pacific/Kiritimati", LC_ALL="C.UTF-8")
    second = digests(PYTHONHASHSEED="2", TZ="America/Adak", LC_ALL="C")
    assert first == second
    expected = "".join(
        f"{name} {hashlib.sha256(page).hexdigest()}\n" for name, page in sample_pages().items()
    )
    assert first == expected


# From documents to pages that a web server and a browser can use


def pages_from_documents(site: Callable[..., Path]) -> tuple[Config, list[RenderedEntry]]:
    folder = site(
        **{
            "2025/Café.md": """
                ---
                title: "Café <talks> & more"
                date: 2025-12-22T14:00:00+02:00
                authors: ["Ann Lee <ann@example.org>"]
                tags: [cafe]
                ---
                Hello *world*, see ![map](img/map.png).
                """,
            "mir.md": """
                Monday, December 1, 2025

                # Мир знизу

                By Liza Smirnova and Alexey Sakhnin

                Перший абзац.
                """,
        }
    )
    config = load_config(folder / "staticfeed.toml")
    entries = newest_first(read_entries(config, folder / "entries").entries)
    return config, [render_entry(entry, config.site_url) for entry in entries]


def test_pages_from_documents(site: Callable[..., Path]) -> None:
    config, rendered = pages_from_documents(site)
    pages = render_pages(config, rendered, FEEDS)
    assert list(pages) == ["index.html", "2025/café/index.html", "mir/index.html"]
    index = parse(pages["index.html"])
    assert [text(a) for a in index.xpath("//article//h3/a")] == ["Café <talks> & more", "Мир знизу"]
    assert text(index.xpath("//article")[1]).count("Liza Smirnova, Alexey Sakhnin") == 1
    cafe = parse(pages["2025/café/index.html"])
    assert (
        one(cafe, "//*[@class='content']//img").get("src") == "https://example.org/blog/img/map.png"
    )


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on localhost, as a static host would serve it."""
    root = tmp_path / "public"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_web_server_serves_every_page_at_its_url(
    site: Callable[..., Path], web_server: tuple[Path, str]
) -> None:
    root, base = web_server
    config, rendered = pages_from_documents(site)
    config = replace(config, feed_url=base)
    write_outputs(root, render_pages(config, rendered, FEEDS))
    for item in rendered:
        url = entry_page_url(config, item.entry)
        with urllib.request.urlopen(url) as response:
            page = parse(response.read())
        assert text(one(page, "//h1")) == item.entry.title, url
    with urllib.request.urlopen(base) as response:
        index = parse(response.read())
    assert index.xpath("//article//h3/a/@href") == [
        entry_page_url(config, item.entry) for item in rendered
    ]


def test_chromium_shows_every_entry_and_announces_the_feeds(tmp_path: Path) -> None:
    chromium = need_program("chromium")
    config = make_config()
    entries = sample_entries()
    out = tmp_path / "public"
    write_outputs(out, render_pages(config, entries, FEEDS, TOPIC_FEEDS))
    index = out / "index.html"
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            index.as_uri(),
        ],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    dom = parse(result.stdout)
    assert [text(a) for a in dom.xpath("//article//h3/a")] == [e.entry.title for e in entries]
    assert dom.xpath("//article//h3/a/@href") == [entry_page_url(config, e.entry) for e in entries]
    assert [text(p) for p in dom.xpath("//article//*[@class='summary']")] == [
        e.summary for e in entries
    ]
    assert dom.xpath("//article//time/@datetime") == [
        e.entry.published.isoformat() for e in entries
    ]
    links = dom.xpath("//head/link[@rel='alternate']")
    assert [(x.get("type"), x.get("title"), x.get("href")) for x in links] == [
        (feed.media_type, feed.title, feed.url) for feed in FEEDS
    ]


def test_pages_made_elsewhere_are_taken_as_they_are_and_their_errors_raised_in_order(
    tmp_path: Path,
) -> None:
    """A build's workers make the entry pages; render_pages makes the index and puts theirs in
    place, or raises the error a worker met, after the index's own."""
    entries = sample_entries()
    pages = render_pages(make_config(), entries, FEEDS)
    first = next(name for name in pages if name != "index.html")
    made: dict[str, bytes | StaticfeedError] = {first: b"<p>made by a worker</p>"}
    again = render_pages(make_config(), entries, FEEDS, made=made)
    assert again[first] == b"<p>made by a worker</p>"
    assert {name: page for name, page in again.items() if name != first} == {
        name: page for name, page in pages.items() if name != first
    }
    made[first] = ConfigError("template error: from a worker", "Fix it.")
    with pytest.raises(ConfigError, match="from a worker"):
        render_pages(make_config(), entries, FEEDS, made=made)
    (tmp_path / "index.html").write_text(
        '{% extends "base.html" %}\n{% block body %}{{ nothing }}{% endblock %}\n', "utf-8"
    )
    with pytest.raises(ConfigError, match="'nothing' is undefined"):
        render_pages(make_config(), entries, FEEDS, templates_dir=tmp_path, made=made)
