"""What the Atom and RSS feeds say about each entry, read back with lxml and feedparser."""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import html5lib
import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG, NS, build_and_read, invoke_build, read_xml

Site = Callable[..., Path]
TAG = "tag:example.org,2025:"
SITE_URL = BLOG = "https://example.org/blog/"
POST_DIR = "https://example.org/blog/2025/"
LINK = POST_DIR + "post.html"
PREVIEW = "https://preview.example.com/pr-7/"
# Characters XML 1.0 cannot carry (its Char production), for checking the output.
XML_ILLEGAL = [chr(c) for c in range(0x20) if c not in (0x9, 0xA, 0xD)] + ["\ufffe", "\uffff"]


def doc(front: str, body: str = "The body.\n") -> str:
    """A document with YAML front matter; `front` is `key: value` lines."""
    return f"---\n{front.strip()}\n---\n{body}"


def by_id(atom: etree._Element) -> dict[str, etree._Element]:
    return {e.findtext("a:id", namespaces=NS): e for e in atom.findall("a:entry", NS)}


def by_guid(rss: etree._Element) -> dict[str, etree._Element]:
    return {item.findtext("guid"): item for item in rss.findall("channel/item")}


def only(atom: etree._Element, rss: etree._Element) -> tuple[etree._Element, etree._Element]:
    entries, items = atom.findall("a:entry", NS), rss.findall("channel/item")
    assert len(entries) == len(items) == 1
    return entries[0], items[0]


def html_of(text: str | None) -> lxml.html.HtmlElement:
    assert text, "the entry has no content"
    return lxml.html.fragment_fromstring(text, create_parent="div")


def contents(entry: etree._Element, item: etree._Element) -> list[str | None]:
    """The HTML content of an entry in Atom and of the same item in RSS."""
    return [
        entry.findtext("a:content", namespaces=NS),
        item.findtext("content:encoded", namespaces=NS),
    ]


def people(parent: etree._Element) -> list[tuple[str | None, ...]]:
    """(name, email, uri) of each Atom author of a feed or an entry."""
    return [
        tuple(a.findtext(f"a:{field}", namespaces=NS) for field in ("name", "email", "uri"))
        for a in parent.findall("a:author", NS)
    ]


def alternates(parent: etree._Element) -> list[str | None]:
    """The Atom alternate links of a feed or an entry (rel defaults to alternate)."""
    return [
        link.get("href")
        for link in parent.findall("a:link", NS)
        if link.get("rel", "alternate") == "alternate"
    ]


def creators(item: etree._Element) -> list[str]:
    """The author names an RSS item's dc:creator elements give, in order.

    README asks for a dc:creator per author; a single dc:creator listing them ("Ann Lee, Bo
    Chen") names them all too, and is accepted here so long as no author goes missing.
    """
    return [name for c in item.findall("dc:creator", NS) for name in (c.text or "").split(", ")]


def description(item: etree._Element) -> str:
    """The text a reader shows for an RSS <description>, which readers treat as HTML."""
    text = item.findtext("description")
    assert text is not None, "the item has no description"
    return lxml.html.fragment_fromstring(text, create_parent="div").text_content()


def parsed(name: str) -> feedparser.FeedParserDict:
    result = feedparser.parse(Path("feeds", name).read_bytes())
    assert not result.bozo, result.get("bozo_exception")
    return result


# Authors


def test_every_author_is_in_atom_and_a_dc_creator_in_rss(site: Site) -> None:
    front = """
title: Four authors
date: 2025-12-22
authors:
  - Ann Lee <ann@example.org>
  - name: Bo Chen
    uri: https://bo.example.org/
  - name: Cy Dee
    email: cy@example.org
    uri: https://cy.example.org/about
  - Dee Without Email
"""
    site(**{"a.md": doc(front)})
    entry, item = only(*build_and_read())
    assert people(entry) == [
        ("Ann Lee", "ann@example.org", None),
        ("Bo Chen", None, "https://bo.example.org/"),
        ("Cy Dee", "cy@example.org", "https://cy.example.org/about"),
        ("Dee Without Email", None, None),
    ]
    names = ["Ann Lee", "Bo Chen", "Cy Dee", "Dee Without Email"]
    assert creators(item) == names
    rss_root = item.getroottree().getroot()
    assert list(rss_root.iter("author")) == [], "RSS <author> takes only an email; none expected"
    assert [a["name"] for a in parsed("atom.xml").entries[0].authors] == names


def test_an_entry_of_hundreds_of_authors_and_tags_names_each_in_every_feed_of_it(
    site: Site,
) -> None:
    # Each author's and tag's feed holds the entry, made once for them all (5,000 authors took
    # over a minute): every name is still in each of them, in order, in every format.
    people_written = [(f"Person {n}", f"p{n}@example.org", None) for n in range(200)]
    names = [name for name, _, _ in people_written]
    tags = [f"topic {n}" for n in range(200)]
    authors = "".join(f"  - {name} <{email}>\n" for name, email, _ in people_written)
    site(
        **{
            "a.md": doc(
                f"title: Many\ndate: 2025-12-22\ntags: {json.dumps(tags)}\nauthors:\n{authors}"
            )
        }
    )
    build_and_read()
    feeds = ["", "authors/person-0.", "authors/person-199.", "tags/topic-0.", "tags/topic-199."]
    for base in feeds:
        atom, rss = (read_xml(Path("feeds", f"{base}{name}.xml")) for name in ("atom", "rss"))
        entry, item = only(atom, rss)
        assert people(entry) == people_written
        assert [c.get("term") for c in entry.findall("a:category", NS)] == tags
        assert creators(item) == names
        assert [c.text for c in item.findall("category")] == tags
        assert [a["name"] for a in parsed(f"{base}atom.xml").entries[0].authors] == names
        json_name = f"{base}json" if base else "feed.json"
        (json_item,) = json_items(f"feeds/{json_name}").values()
        assert [a["name"] for a in json_item["authors"]] == names
        assert json_item["tags"] == tags
    assert (
        len(list(Path("feeds/authors").glob("*.json")))
        == len(list(Path("feeds/tags").glob("*.json")))
        == 200
    )
    page = lxml.html.parse("feeds/a/index.html").getroot()
    (byline,) = page.find_class("authors")
    written = ", ".join(f"{name} <{email}>" for name, email, _ in people_written[:-1])
    last = people_written[-1]
    assert " ".join(byline.text_content().split()) == f"By {written} and {last[0]} <{last[1]}>"


def test_names_with_commas_stay_apart_in_rss_and_the_index(site: Site) -> None:
    # "Lee, Ann, Chen, Bo" would read as four people: a semicolon parts names with commas.
    front = 'title: Surnames first\ndate: 2025-12-22\nauthors: ["Lee, Ann", "Chen, Bo"]'
    site(
        **{
            "a.md": doc(front),
            "b.md": doc("title: Plain\ndate: 2025-12-21\nauthors: [Ann Lee, Bo Chen]"),
        }
    )
    _, rss = build_and_read()
    written = [item.findtext("dc:creator", namespaces=NS) for item in rss.iterfind("channel/item")]
    assert written == ["Lee, Ann; Chen, Bo", "Ann Lee, Bo Chen"]
    assert [entry.author for entry in parsed("rss.xml").entries] == written
    names = [[a["name"] for a in entry.authors] for entry in parsed("atom.xml").entries]
    assert names == [["Lee, Ann", "Chen, Bo"], ["Ann Lee", "Bo Chen"]]
    index = lxml.html.parse("feeds/index.html").getroot()
    assert [span.text_content() for span in index.find_class("authors")] == written


def test_a_name_with_a_semicolon_is_joined_as_written_and_kept_whole_in_atom(site: Site) -> None:
    # README "How the authors reach readers": one dc:creator can part "Lee, Ann; Jr" from "Bob"
    # with no separator a reader tells apart, and readers show the text as written, so it is
    # documented, not refused: Atom's authors, which feedparser lists apart, keep it whole. A
    # mapping's name, as text with a ";" is several people (an error).
    front = 'title: T\ndate: 2025-12-22\nauthors: [{name: "Lee, Ann; Jr"}, Bob]'
    site(**{"a.md": doc(front)})
    _, rss = build_and_read()
    assert rss.findtext("channel/item/dc:creator", namespaces=NS) == "Lee, Ann; Jr; Bob"
    assert parsed("rss.xml").entries[0].author == "Lee, Ann; Jr; Bob"
    assert [a["name"] for a in parsed("atom.xml").entries[0].authors] == ["Lee, Ann; Jr", "Bob"]


def test_names_with_commas_stay_apart_on_the_entry_page(site: Site) -> None:
    authors = '["Ann Lee", "Lee, Bo", "Chen, Cy"]'
    site(**{"a.md": doc(f"title: Three\ndate: 2025-12-22\nauthors: {authors}")})
    build_and_read()
    page = lxml.html.parse("feeds/a/index.html").getroot()
    (line,) = page.find_class("authors")
    assert " ".join(line.text_content().split()) == "By Ann Lee; Lee, Bo; Chen, Cy"


def test_config_authors_are_the_default(site: Site) -> None:
    config = BASIC_CONFIG.replace(
        'authors = [{ name = "Default Author", email = "default@example.org" }]',
        'authors = [{ name = "Default Author", email = "default@example.org" }, '
        '{ name = "Second Editor", uri = "https://example.org/editor" }]',
    )
    site(
        config=config,
        **{
            "own.md": doc("title: Own\ndate: 2025-01-02\nauthor: Ann Lee"),
            "default.md": doc("title: Default\ndate: 2025-01-01"),
        },
    )
    atom, rss = build_and_read()
    defaults = [
        ("Default Author", "default@example.org", None),
        ("Second Editor", None, "https://example.org/editor"),
    ]

    assert people(atom) == defaults
    assert people(by_id(atom)[TAG + "default"]) == defaults
    assert people(by_id(atom)[TAG + "own"]) == [("Ann Lee", None, None)]
    items = by_guid(rss)
    assert creators(items[TAG + "default"]) == ["Default Author", "Second Editor"]
    assert creators(items[TAG + "own"]) == ["Ann Lee"]


def test_a_category_per_tag(site: Site) -> None:
    site(**{"a.md": doc("title: T\ndate: 2025-12-22\ntags: [ukraine, peace-talks, ліві рухи]")})
    entry, item = only(*build_and_read())
    tags = ["ukraine", "peace-talks", "ліві рухи"]
    assert [c.get("term") for c in entry.findall("a:category", NS)] == tags
    assert [c.text for c in item.findall("category")] == tags
    assert [t["term"] for t in parsed("atom.xml").entries[0].tags] == tags


def test_a_tag_or_author_listed_twice_is_published_once(site: Site) -> None:
    # Published twice: two <category term="a"/>, two Atom <author>, "Bo, Bo" in dc:creator,
    # "By Bo and Bo" on the page; while [a, A] was an error.
    front = (
        "title: T\ndate: 2025-12-22\ntags: [a, b, a]\n"
        "authors: [Bo, Ann <ann@example.org>, Bo, Ann <ann@example.org>]"
    )
    folder = site(**{"t.md": doc(front)})
    entry, item = only(*build_and_read())
    assert [c.get("term") for c in entry.findall("a:category", NS)] == ["a", "b"]
    assert [c.text for c in item.findall("category")] == ["a", "b"]
    assert people(entry) == [("Bo", None, None), ("Ann", "ann@example.org", None)]
    assert [c.text for c in item.findall("dc:creator", NS)] == ["Bo, Ann"]
    feed = json.loads((folder / "feeds" / "feed.json").read_text(encoding="utf-8"))
    assert [a["name"] for a in feed["items"][0]["authors"]] == ["Bo", "Ann"]
    assert feed["items"][0]["tags"] == ["a", "b"]
    page = lxml.html.parse(str(folder / "feeds" / "t" / "index.html")).getroot()
    byline = page.xpath("//*[contains(@class, 'authors')]")[0]
    assert " ".join(byline.text_content().split()) == "By Bo and Ann <ann@example.org>"
    assert [li.text for li in page.xpath("//ul[@class='tags']/li")] == ["a", "b"]


def test_a_tag_or_author_typed_with_a_separate_accent_is_one_for_readers(site: Site) -> None:
    # "café" typed as "e" and U+0301 (macOS, some copy and paste) shared the feed of "café",
    # but readers got two categories and two authors that look alike and compare unequal.
    composed, decomposed = "café", "cafe\u0301"
    site(
        **{
            "a.md": doc(f"title: A\ndate: 2025-12-21\ntags: [{composed}]\nauthors: [José]"),
            "b.md": doc(f"title: B\ndate: 2025-12-22\ntags: [{decomposed}]\nauthors: [Jose\u0301]"),
            "c.md": doc(f"title: C\ndate: 2025-12-23\ntags: [{decomposed}, {composed}]"),
        }
    )
    assert invoke_build().exit_code == 0
    for name in ("atom.xml", "rss.xml", "tags/café.atom.xml"):
        entries = parsed(name).entries
        assert [[tag["term"] for tag in e.tags] for e in entries] == [[composed]] * 3
        assert [e.get("author") for e in entries][1:] == ["José", "José"]
    feed = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))
    assert [item["tags"] for item in feed["items"]] == [[composed]] * 3
    assert [item["authors"][0]["name"] for item in feed["items"][1:]] == ["José", "José"]


def test_default_authors_listed_twice_are_published_once(site: Site) -> None:
    config = BASIC_CONFIG.replace(
        'authors = [{ name = "Default Author", email = "default@example.org" }]',
        'authors = ["Ed", "Ed"]',
    )
    site(config=config, **{"t.md": doc("title: T\ndate: 2025-12-22")})
    atom, rss = build_and_read()
    assert people(atom) == [("Ed", None, None)]
    assert [c.text for c in rss.findall("channel/item/dc:creator", NS)] == ["Ed"]


# Summary and content


SENTENCE = (
    "Solidarity across borders is built slowly, by people who meet, argue and decide "
    "together; self-determination means nothing if it is granted from above."
)
WORDS = SENTENCE.split(" ")


def long_paragraph(length: int) -> str:
    words: list[str] = []
    while len(" ".join(words)) < length:
        words.append(WORDS[len(words) % len(WORDS)])
    return " ".join(words)


@pytest.mark.parametrize("length", [320, 600, 2000])
def test_default_summary_is_the_first_paragraph_cut_at_a_word(site: Site, length: int) -> None:
    first = long_paragraph(length)
    body = f"# A heading\n\n{first}\n\nThe second paragraph stays out.\n"
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    entry, item = only(*build_and_read())
    summary = entry.findtext("a:summary", namespaces=NS)
    assert description(item) == summary
    assert summary.endswith("…")
    assert len(summary) < 300
    kept = summary[:-1]
    assert first.startswith(kept)
    # Cut between words: what follows the kept text starts with a space or punctuation...
    assert first[len(kept)] in " ,;:.", repr(first[len(kept) - 10 : len(kept) + 10])
    # ... and no more than one word (plus its punctuation) was given up to stay under 300.
    longest_word = max(len(w) for w in WORDS)
    assert len(kept) >= 300 - 2 * (longest_word + 2)
    assert "second paragraph" not in summary


@pytest.mark.parametrize(("length", "whole"), [(299, True), (300, False)])
def test_a_first_paragraph_under_300_characters_is_the_summary_whole(
    site: Site, length: int, whole: bool
) -> None:
    # "Cut under 300 characters" (README): 299 stay whole, 300 are cut.
    first = ("word " * 60)[:299] if length == 299 else "word " * 59 + "words"
    assert len(first) == length
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", first + "\n")})
    entry, item = only(*build_and_read())
    summary = entry.findtext("a:summary", namespaces=NS)
    assert description(item) == summary
    assert (summary == first) is whole
    assert len(summary) < 300


def test_a_summary_cut_after_a_comma_ends_with_the_word_and_the_ellipsis(site: Site) -> None:
    # "peace,…" reads as a list cut short; the comma goes with what was cut off.
    first = ("peace, " * 60).strip()
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", first + "\n")})
    entry, _ = only(*build_and_read())
    summary = entry.findtext("a:summary", namespaces=NS)
    assert summary.endswith(" peace\u2026")
    assert first.startswith(summary[:-1])
    assert len(summary) < 300


def test_summary_of_text_without_spaces_stays_under_300(site: Site) -> None:
    first = "和平与团结" * 100  # no spaces to cut at
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", first + "\n")})
    entry, _ = only(*build_and_read())
    summary = entry.findtext("a:summary", namespaces=NS)
    assert summary.endswith("…")
    assert len(summary) < 300
    assert first.startswith(summary[:-1])
    assert len(summary) > 250


@pytest.mark.parametrize(
    ("unit", "first"),
    [
        ("\U0001f1fa\U0001f1e6", "x"),  # a flag: two regional indicators
        ("e\u0301", "a"),  # e and a combining acute accent
        ("\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466", ""),  # a family
        ("\U0001f44d\U0001f3fd", "y"),  # a thumb with a skin tone
    ],
    ids=["flag", "accent", "joined-emoji", "skin-tone"],
)
def test_a_summary_without_spaces_is_never_cut_inside_a_character(
    site: Site, unit: str, first: str
) -> None:
    # Cut at 298 code points, a flag lost half of itself (a lone regional indicator showed).
    text = first + unit * (400 // len(unit))
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", text + "\n")})
    entry, _ = only(*build_and_read())
    summary = entry.findtext("a:summary", namespaces=NS)
    assert summary.endswith("…")
    kept = summary[:-1]
    assert kept.startswith(first)
    assert kept[len(first) :] == unit * ((len(kept) - len(first)) // len(unit))  # whole units


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hello *world* and [a link](https://x.example/) &amp; <b>bold</b>.\n",
            "Hello world and a link & bold.",
        ),
        (
            "# Heading\n\nFirst  paragraph,\nover two lines.\n\nSecond.\n",
            "First paragraph, over two lines.",
        ),
        ("> Quoted first.\n\nThen text.\n", "Quoted first."),
        # Words a reader shows apart stay apart: they ran together ("red,violets").
        (
            "Roses are red,<br>violets are blue,<br/>sugar is sweet.\n",
            "Roses are red, violets are blue, sugar is sweet.",
        ),
        ("One line,  \nthe next.\n", "One line, the next."),
        ("<div>First block</div><div>Second block</div>\n", "First block Second block"),
        # Code and templates readers and browsers do not show: their text is no summary.
        ("Hello <script>track('hello');</script>world.\n", "Hello world."),
        ("<style>\np { color: red }\n</style>\n\n<div>Only this shows</div>\n", "Only this shows"),
        ("<template><p>Not shown.</p></template>\n\nShown.\n", "Shown."),
        ("| Name | Age |\n| --- | --- |\n| Ann | 30 |\n", "Name Age Ann 30"),
        # An image among words reads as its alt text, as a reader that does not load it shows
        # it: it read "Cats, , dogs". A photo above the first words is no text of its own.
        ("Cats, ![a cat](cat.jpg), <img src=d.png alt='a dog'>.\n", "Cats, a cat, a dog."),
        ("![A march](march.jpg)\n\nThe march began at noon.\n", "The march began at noon."),
        # A line of no-break spaces is a blank line to readers: it was the summary, blank.
        ("\u00a0\n\nThe march began at noon.\n", "The march began at noon."),
        # Spaces the author chose, which readers keep: they became plain spaces.
        (
            "Il a dit\u202f: «\u202fbonjour\u202f» pour 10\u00a0€. 日本\u3000語\n",
            "Il a dit\u202f: «\u202fbonjour\u202f» pour 10\u00a0€. 日本\u3000語",
        ),
    ],
)
def test_short_first_paragraph_is_the_summary_as_plain_text(
    site: Site, body: str, expected: str
) -> None:
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    entry, item = only(*build_and_read())
    assert entry.findtext("a:summary", namespaces=NS) == expected
    assert description(item) == expected


def test_explicit_summary_is_used_verbatim(site: Site) -> None:
    summary = "Kept <as> written & never cut: " + long_paragraph(320)
    quoted = summary.replace("'", "''")
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22\nsummary: '{quoted}'", "Body text.\n")})
    entry, item = only(*build_and_read())
    assert entry.findtext("a:summary", namespaces=NS) == summary
    assert description(item) == summary


def test_an_entry_without_text_has_no_blank_summary(site: Site) -> None:
    # The W3C Feed Validation Service warns about a blank <summary/> (NotBlank); an image
    # alone is content, but no text for a summary.
    site(
        **{
            "bare.md": doc("title: Only a title\ndate: 2025-12-22\nlink: https://x.example/a", ""),
            "image.md": doc("title: A photo\ndate: 2025-12-21", "![](https://x.example/i.png)\n"),
        }
    )
    atom, rss = build_and_read()
    entries = {
        entry.findtext("a:title", namespaces=NS): entry for entry in atom.iterfind("a:entry", NS)
    }
    for title, entry in entries.items():
        assert entry.find("a:summary", NS) is None, title
    assert entries["A photo"].findtext("a:content", namespaces=NS) != ""
    # No blank <content/> either (NotBlank again): readers open the link.
    assert entries["Only a title"].find("a:content", NS) is None
    assert entries["Only a title"].find("a:link", NS).get("href") == "https://x.example/a"
    assert [entry.title for entry in parsed("atom.xml").entries] == ["Only a title", "A photo"]
    assert [item.findtext("title") for item in rss.iterfind("channel/item")] == list(entries)


def test_a_summary_alone_with_nothing_to_open_is_the_content(site: Site) -> None:
    # Without pages or a link, Atom needs content; it was blank, which the W3C Feed Validation
    # Service warns about (NotBlank), and readers showed the title alone.
    config = BASIC_CONFIG + "pages = false\n"
    site(config=config, **{"a.md": doc("title: T\ndate: 2025-12-22\nsummary: A <short> note", "")})
    entry, item = only(*build_and_read())
    assert entry.findtext("a:summary", namespaces=NS) == "A <short> note"
    content = entry.find("a:content", NS)
    assert content is not None and content.get("type") == "html"
    assert html_of(content.text).text_content() == "A <short> note"
    assert html_of(item.findtext("content:encoded", namespaces=NS)).text_content() == (
        "A <short> note"
    )
    for name in ("atom.xml", "rss.xml"):
        shown = parsed(name).entries[0].content[0].value
        assert lxml.html.fragment_fromstring(shown, "div").text_content() == "A <short> note"
    # JSON Feed carried an empty content_html: its readers showed nothing, not the summary.
    item = json_items()[TAG + "a"]
    assert "content_html" not in item
    assert (item["content_text"], item["summary"]) == ("A <short> note", "A <short> note")


def test_a_title_alone_with_nothing_to_open_is_an_error(site: Site) -> None:
    # Without pages or a link, Atom needs content, and it was blank: the W3C Feed Validation
    # Service warned (NotBlank), and readers showed a title that led nowhere.
    config = BASIC_CONFIG + "pages = false\n"
    other = doc("title: B\ndate: 2025-12-21")
    site(config=config, **{"a.md": doc("title: T\ndate: 2025-12-22", ""), "b.md": other})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:5: the entry has a title alone: no text, no summary, no link, and no"
        " page (pages = false), so readers have nothing to show or open, and an Atom entry needs"
        " content or a link. Write a sentence about it below the front matter, or give it a"
        " summary: or a link:.\n"
    )
    assert not Path("feeds").exists()
    # Each way out the fix names builds an Atom entry with text, or a link to open.
    for front, body in (("", "A line.\n"), ("summary: A line", ""), (f"link: {LINK}", "")):
        Path("entries/a.md").write_text(doc(f"title: T\ndate: 2025-12-22\n{front}", body))
        atom, _ = build_and_read()
        entry = by_id(atom)["tag:example.org,2025:a"]
        content = entry.findtext("a:content", namespaces=NS)
        assert content or alternates(entry) == [LINK], front
        shown = parsed("atom.xml").entries[0]
        assert shown.get("content") or shown.link == LINK, front


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_every_entry_with_a_title_alone_is_named_at_once(
    site: Site, options: tuple[str, ...]
) -> None:
    # The others are rendered on, so that one build names every such entry, not one a build.
    site(
        config=BASIC_CONFIG + "pages = false\n",
        **{
            "a.md": doc("title: A\ndate: 2025-12-22", ""),
            "b.md": doc("title: B\ndate: 2025-12-21"),
            "c.md": doc("title: C\ndate: 2025-12-20", ""),
        },
    )
    result = invoke_build(*options)
    assert result.exit_code == 1
    assert result.stderr == "".join(
        f"Error: entries/{name}:5: the entry has a title alone: no text, no summary, no link, and"
        " no page (pages = false), so readers have nothing to show or open, and an Atom entry"
        " needs content or a link. Write a sentence about it below the front matter, or give it"
        " a summary: or a link:.\n"
        for name in ("a.md", "c.md")
    )
    assert not Path("feeds").exists()


@pytest.mark.parametrize(
    "body",
    [
        "[x]: https://x.example/a\n",
        "<!-- To write -->\n",
        "[x]:\n  https://x.example/a\n  'A title'\n\n<!-- To\nwrite -->\n",
        # An end tag that ends nothing and a reference to a control character: the HTML
        # parser drops both, and build said nothing of the entry while check said no-text.
        "</div>&#1;\n",
        "</p >\n\n<!-- To write -->\n\n</span>\n\n</div>&#x7F;\n",
        # A line of no-break spaces is a paragraph readers show as blank: without pages, such
        # an entry was published with nothing to show or open, and build said nothing.
        "\u00a0\n",
        "<!-- To write -->\n\n\u3000\u00a0\n",
        "<!-- to write -->\n\n\u00a0\n",
        "\u00a0\n\n<!-- to write -->\n",
        "&nbsp;\n",
    ],
)
def test_a_body_that_renders_to_nothing_is_a_title_alone(site: Site, body: str) -> None:
    # A link reference definition renders to nothing, a comment to nothing readers show: with
    # pages, build published such an entry, its title and an empty page, and said nothing of
    # it; without, it published one with nothing to show or open, as for a blank body.
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    result = invoke_build()
    assert (result.exit_code, result.stderr) == (0, _TITLE_ALONE_WARNING)
    (entry,) = parsed("atom.xml").entries
    shown = lxml.html.fragment_fromstring(entry.get("content", [{}])[0].get("value", ""), "div")
    assert shown.text_content().strip() == ""
    Path("staticfeed.toml").write_text(BASIC_CONFIG + "pages = false\n")
    result = invoke_build()
    assert (result.exit_code, result.stderr) == (1, _TITLE_ALONE_ERROR)
    assert parsed("atom.xml").entries[0].title == "T"  # left as the last build wrote it


_TITLE_ALONE_WARNING = (
    "Warning: entries/a.md:5: the entry has a title alone: no text, no summary and no link, so"
    " readers get its title and an empty page. Write a sentence about it below the front matter,"
    " give it a summary: or a link:, or mark it draft: true until it is ready.\n"
)
_TITLE_ALONE_ERROR = (
    "Error: entries/a.md:5: the entry has a title alone: no text, no summary, no link, and no"
    " page (pages = false), so readers have nothing to show or open, and an Atom entry needs"
    " content or a link. Write a sentence about it below the front matter, or give it a"
    " summary: or a link:.\n"
)


def test_an_entry_without_text_keeps_its_content_in_rss(site: Site) -> None:
    # No text means no summary; the RSS <description> was then left empty, and no
    # content:encoded carried the image, so readers showed nothing but the title.
    site(**{"a.md": doc("title: A photo\ndate: 2025-12-21", "![A map](https://x.example/m.png)\n")})
    _, item = only(*build_and_read())
    html = item.findtext("content:encoded", namespaces=NS) or item.findtext("description")
    assert [img.get("src") for img in html_of(html).iter("img")] == ["https://x.example/m.png"]
    shown = lxml.html.fragment_fromstring(parsed("rss.xml").entries[0].summary, "div")
    assert [img.get("src") for img in shown.iter("img")] == ["https://x.example/m.png"]


@pytest.mark.parametrize(
    ("title", "escaped"),
    [
        ("Use &amp; literally", True),
        ("Why x&1 is odd", True),
        ("Issue &#42 fixed", True),
        ("Why </div> matters", True),
        ("AT&T, Tom & Jerry", False),
    ],
)
def test_an_atom_title_that_looks_like_html_is_escaped_html(
    site: Site, title: str, escaped: bool
) -> None:
    # The W3C service warns about text it takes for HTML (ContainsUndeclaredHTML): an end tag,
    # or "&" before an entity's name or a digit, with or without ";".
    site(**{"a.md": doc(f"title: {json.dumps(title)}\ndate: 2025-12-22")})
    entry, _ = only(*build_and_read())
    element = entry.find("a:title", NS)
    assert element.get("type") == ("html" if escaped else None)
    shown = parsed("atom.xml").entries[0]  # readers show escaped HTML as its text
    if shown.title_detail.type == "text/html":
        assert html_of(shown.title).text_content() == title
    else:
        assert shown.title == title


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Use &amp; literally", "Use &amp;amp; literally"),
        ("Why </div> matters", "Why &lt;/div&gt; matters"),
        ("AT&T, Tom & Jerry", None),
    ],
)
def test_atom_rights_subtitle_and_summary_that_look_like_html_are_escaped_html(
    site: Site, text: str, escaped: str | None
) -> None:
    # As a title: the W3C service warns about Atom text it takes for HTML
    # (ContainsUndeclaredHTML), and readers show escaped HTML as the same text.
    config = BASIC_CONFIG + f"rights = {json.dumps(text)}\nsubtitle = {json.dumps(text)}\n"
    site(config=config, **{"a.md": doc(f"title: A\ndate: 2025-12-22\nsummary: {json.dumps(text)}")})
    atom, _ = build_and_read()
    feed = parsed("atom.xml")
    for element, detail in [
        (atom.find("a:rights", NS), feed.feed.rights_detail),
        (atom.find("a:subtitle", NS), feed.feed.subtitle_detail),
        (atom.find("a:entry/a:summary", NS), feed.entries[0].summary_detail),
    ]:
        assert element is not None
        assert (element.get("type"), element.text) == (
            ("html", escaped) if escaped else (None, text)
        )
        shown = html_of(detail.value).text_content() if escaped else detail.value
        assert (detail.type, shown) == ("text/html" if escaped else "text/plain", text)


def test_full_content_in_both_feeds(site: Site) -> None:
    body = "First paragraph.\n\nSecond paragraph with **bold**.\n"
    site(**{"a.md": doc("title: T\ndate: 2025-12-22\nlink: https://example.org/blog/a", body)})
    entry, item = only(*build_and_read())
    content = entry.find("a:content", NS)
    assert content is not None
    assert content.get("type") == "html"
    for html in contents(entry, item):
        fragment = html_of(html)
        assert [p.text_content() for p in fragment.findall("p")] == [
            "First paragraph.",
            "Second paragraph with bold.",
        ]
        assert fragment.findtext("p/strong") == "bold"
    assert entry.findtext("a:summary", namespaces=NS) == "First paragraph."
    assert description(item) == "First paragraph."


@pytest.mark.parametrize("pages", [True, False], ids=["pages", "no-pages"])
def test_summary_mode_keeps_content_only_for_entries_without_a_link(
    site: Site, pages: bool
) -> None:
    """Readers open the entry's link, or else its page, for the rest; an entry with neither
    (only when pages = false) keeps its content, so readers have something to show."""
    body = "First paragraph.\n\nSecond paragraph.\n"
    site(
        config=BASIC_CONFIG + 'content = "summary"\n' + ("" if pages else "pages = false\n"),
        **{
            "linked.md": doc("title: L\ndate: 2025-12-22\nlink: https://example.org/blog/l", body),
            "unlinked.md": doc("title: U\ndate: 2025-12-21", body),
        },
    )
    atom, rss = build_and_read()
    linked, unlinked = by_id(atom)[TAG + "linked"], by_id(atom)[TAG + "unlinked"]
    assert linked.find("a:content", NS) is None
    assert linked.findtext("a:summary", namespaces=NS) == "First paragraph."
    assert alternates(linked) == ["https://example.org/blog/l"]
    assert unlinked.findtext("a:summary", namespaces=NS) == "First paragraph."
    items = by_guid(rss)
    assert items[TAG + "linked"].find("content:encoded", NS) is None
    assert description(items[TAG + "linked"]) == "First paragraph."
    assert items[TAG + "linked"].findtext("link") == "https://example.org/blog/l"
    assert description(items[TAG + "unlinked"]) == "First paragraph."
    unlinked_html = items[TAG + "unlinked"].findtext("content:encoded", namespaces=NS)
    if pages:
        page = "https://example.org/blog/feeds/unlinked/"
        assert alternates(unlinked) == [page]
        assert unlinked.find("a:content", NS) is None
        assert items[TAG + "unlinked"].findtext("link") == page
        assert unlinked_html is None
        assert "Second paragraph." in Path("feeds/unlinked/index.html").read_text(encoding="utf-8")
    else:
        assert alternates(unlinked) == []
        unlinked_content = html_of(unlinked.findtext("a:content", namespaces=NS))
        assert "Second paragraph." in unlinked_content.text_content()
        assert items[TAG + "unlinked"].find("link") is None
        assert "Second paragraph." in html_of(unlinked_html).text_content()


def test_summary_mode_gives_json_feed_summaries_only_too(site: Site) -> None:
    # JSON Feed carried every entry's full content_html with content = "summary", and check
    # then advised content = "summary" for its size.
    body = "First paragraph.\n\nSecond paragraph.\n"
    site(
        config=BASIC_CONFIG + 'content = "summary"\n',
        **{
            "linked.md": doc("title: L\ndate: 2025-12-22\nlink: https://example.org/blog/l", body),
            "image.md": doc("title: I\ndate: 2025-12-21", "![A map](https://x.example/m.png)\n"),
        },
    )
    assert invoke_build().exit_code == 0
    items = json_items()
    linked, image = items[TAG + "linked"], items[TAG + "image"]
    assert "content_html" not in linked
    assert (linked["content_text"], linked["summary"]) == ("First paragraph.", "First paragraph.")
    assert "Second paragraph" not in Path("feeds/feed.json").read_text(encoding="utf-8")
    assert "https://x.example/m.png" in str(image["content_html"])  # no text: its content


def test_summary_mode_keeps_the_content_of_an_entry_without_text(site: Site) -> None:
    # No text, no summary: the entry had neither summary nor content, which the W3C service
    # warns about (MissingTextualContent), and readers showed its title alone.
    body = "![A map](https://x.example/m.png)\n"
    site(
        config=BASIC_CONFIG + 'content = "summary"\n',
        **{"a.md": doc("title: A photo\ndate: 2025-12-22", body)},
    )
    entry, item = only(*build_and_read())
    assert entry.find("a:summary", NS) is None
    for html in (entry.findtext("a:content", namespaces=NS), item.findtext("description")):
        assert [img.get("src") for img in html_of(html).iter("img")] == ["https://x.example/m.png"]


def json_items(path: str = "feeds/feed.json") -> dict[str, dict[str, object]]:
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    return {item["id"]: item for item in document["items"]}


@pytest.mark.parametrize(
    ("path", "front", "args", "page"),
    [
        pytest.param("a.md", "", [], BLOG + "feeds/a/", id="page"),
        pytest.param(
            "2025/Café.md", "", [], BLOG + "feeds/2025/caf%C3%A9/", id="percent-encoded-slug"
        ),
        pytest.param("a.md", "slug: notes/first\n", [], BLOG + "feeds/notes/first/", id="slug"),
        pytest.param("a.md", "", ["--base-url", PREVIEW], PREVIEW + "feeds/a/", id="base-url"),
    ],
)
def test_an_entry_without_a_link_links_to_its_page_in_every_format(
    site: Site, path: str, front: str, args: list[str], page: str
) -> None:
    site(**{path: doc(f"title: T\ndate: 2025-12-22\n{front}")})
    entry, item = only(*build_and_read(*args))
    assert alternates(entry) == [page]
    assert item.findtext("link") == page
    guid = item.find("guid")
    assert guid is not None and guid.get("isPermaLink") == "false"  # the id is a tag URI
    (json_item,) = json_items().values()
    assert json_item["url"] == page
    # The page is there, where a static host serves that URL (the folders are decoded).
    folder = urllib.parse.unquote(page.split("/feeds/", 1)[1])
    assert Path("feeds", folder, "index.html").is_file()


def test_an_entry_with_a_link_keeps_it_in_every_format(site: Site) -> None:
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22\nlink: {LINK}")})
    entry, item = only(*build_and_read())
    assert alternates(entry) == [LINK]
    assert item.findtext("link") == LINK
    assert [item["url"] for item in json_items().values()] == [LINK]
    assert Path("feeds/a/index.html").is_file()  # it has a page all the same


def test_without_pages_an_entry_without_a_link_has_none(site: Site) -> None:
    site(config=BASIC_CONFIG + "pages = false\n", **{"a.md": doc("title: T\ndate: 2025-12-22")})
    entry, item = only(*build_and_read())
    assert entry.findall("a:link", NS) == []
    assert item.find("link") is None
    (json_item,) = json_items().values()
    assert "url" not in json_item
    assert not Path("feeds/index.html").exists()
    assert not Path("feeds/a").exists()


def test_urls_in_other_letters_than_ascii_are_written_as_uris(site: Site) -> None:
    # The W3C Feed Validation Service rejects an IRI in RSS's <link>, Atom's <id>, <icon> and
    # <logo> and Media RSS's url (UriNotIri): RFC 3987 maps them to URIs.
    config = BASIC_CONFIG.replace("/blog/", "/caf\u00e9/") + 'logo = "img/log\u00f3.png"\n'
    front = 'title: T\ndate: 2025-12-22\nlink: "https://other.test/\u00e4?q=\u00fc#\u00df"'
    site(config=config, **{"a.md": doc(front + "\nimage: https://b\u00fccher.test/p.png")})
    atom, rss = build_and_read()
    site_url = "https://example.org/caf%C3%A9/"
    assert atom.findtext("a:id", namespaces=NS) == site_url
    assert atom.findtext("a:logo", namespaces=NS) == site_url + "img/log%C3%B3.png"
    assert rss.findtext("channel/link") == site_url
    entry, item = only(atom, rss)
    assert item.findtext("link") == "https://other.test/%C3%A4?q=%C3%BC#%C3%9F"
    assert alternates(entry) == ["https://other.test/%C3%A4?q=%C3%BC#%C3%9F"]
    thumbnail = "{http://search.yahoo.com/mrss/}thumbnail"
    assert [e.get("url") for e in (*entry.iter(thumbnail), *item.iter(thumbnail))] == [
        "https://xn--bcher-kva.test/p.png"
    ] * 2
    for name in ("atom.xml", "rss.xml"):
        feed = parsed(name)
        assert (
            urllib.parse.unquote(feed.entries[0].link)
            == "https://other.test/\u00e4?q=\u00fc#\u00df"
        )


# What RFC 3986 lets a URI hold outside an IPv6 host: letters, digits, -._~, the delimiters
# but [ and ], and % escapes.
URI = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+")


def test_ascii_characters_no_uri_may_hold_are_percent_encoded(site: Site) -> None:
    # URLs written by hand hold them (`?tags[]=a`, `?family=A|B`), and the W3C Feed Validation
    # Service rejects a feed with one (InvalidUriChar).
    link = 'https://other.test/s?tags[]=a&f=A|B&q="x"&c={y}&d=<^`>'
    front = (
        f"title: T\ndate: 2025-12-22\nlink: '{link}'\n"
        "author:\n  name: Bo\n  uri: https://other.test/~bo|x\nimage: /img/a[1].png\n"
        "enclosures:\n  - url: https://cdn.test/ep{1}.mp3\n    type: audio/mpeg\n    length: 9"
    )
    site(**{"a.md": doc(front)})
    entry, item = only(*build_and_read())
    media = "{http://search.yahoo.com/mrss/}"
    uris = [
        item.findtext("link"),
        item.find("enclosure").get("url"),  # type: ignore[union-attr]
        entry.findtext("a:author/a:uri", namespaces=NS),
        *(link.get("href") for link in entry.findall("a:link", NS)),
        *(e.get("url") for e in (*entry.iter(media + "*"), *item.iter(media + "*"))),
    ]
    assert len(uris) == 9
    assert [uri for uri in uris if not URI.fullmatch(uri or "")] == []
    # Readers fetch the same address: the escapes decode to what was written.
    assert urllib.parse.unquote(parsed("rss.xml").entries[0].link) == link
    assert urllib.parse.unquote(parsed("atom.xml").entries[0].author_detail.href) == (
        "https://other.test/~bo|x"
    )


@pytest.mark.parametrize(
    ("host", "written"),
    [
        # IDNA 2003 (Python's codec) maps "ß" to "ss": faß.de became fass.de, another domain.
        ("fa\u00df.de", "xn--fa-hia.de"),
        # IDNA 2008 refuses a symbol, which browsers open as IDNA 2003 writes it.
        ("\u2603.net", "xn--n3h.net"),
    ],
)
def test_a_host_is_written_as_browsers_write_it(site: Site, host: str, written: str) -> None:
    site(**{"a.md": doc(f'title: T\ndate: 2025-12-22\nlink: "https://{host}/x"')})
    _, item = only(*build_and_read())
    assert item.findtext("link") == f"https://{written}/x"


@pytest.mark.parametrize(
    ("email", "url"),
    [
        ("\u00fcni@b\u00fccher.test", "mailto:%C3%BCni@xn--bcher-kva.test"),
        # RFC 6068: "?", "#", "%" and "&" would start a query, a fragment or an escape.
        ("a?b#c%d&e@example.org", "mailto:a%3Fb%23c%25d%26e@example.org"),
    ],
)
def test_an_authors_email_is_a_mailto_uri_in_json_feed(site: Site, email: str, url: str) -> None:
    config = BASIC_CONFIG.replace("default@example.org", email)
    site(config=config, **{"a.md": doc("title: T\ndate: 2025-12-22")})
    assert invoke_build().exit_code == 0
    (item,) = json_items().values()
    assert item["authors"] == [{"name": "Default Author", "url": url}]


def test_a_host_idna_cannot_write_is_an_error(site: Site) -> None:
    site(**{"a.md": doc('title: T\ndate: 2025-12-22\nlink: "https://\u00e4..test/"')})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:4: link 'https://\u00e4..test/' has a host that is not a domain "
        "name. Check the host's spelling, or write it in punycode (xn--...).\n"
    )


# DNS allows a label of 1 to 63 characters (RFC 1035); IDNA refused another only in a
# host of other letters than ASCII, and an ASCII one was published, naming no host there can be.
LONG_HOST = "a" * 64 + ".example"


@pytest.mark.parametrize(
    ("front", "url", "line", "key"),
    [
        (
            f"author:\n  name: Ann\n  uri: https://{LONG_HOST}/",
            f"https://{LONG_HOST}/",
            6,
            "author uri",
        ),
        (f"link: https://{LONG_HOST}:8080/x", f"https://{LONG_HOST}:8080/x", 4, "link"),
        # An empty label, as IDNA refused it only in such a host (`https://ä..test/`).
        ("link: https://a..example/x", "https://a..example/x", 4, "link"),
        (
            "author:\n  name: Ann\n  uri: https://.example/",
            "https://.example/",
            6,
            "author uri",
        ),
        ("link: https://example.org../x", "https://example.org../x", 4, "link"),
    ],
    ids=["author-uri", "link-with-port", "empty", "empty-first", "two-trailing-dots"],
)
def test_an_ascii_host_with_a_label_dns_does_not_allow_is_an_error(
    site: Site, front: str, url: str, line: int, key: str
) -> None:
    assert refused(site, front) == (
        f"Error: entries/a.md:{line}: {key} {url!r} has a host that is not a domain name. Check "
        "the host's spelling, or write it in punycode (xn--...).\n"
    )


def refused(site: Site, front: str) -> str:
    """The stderr of a build of one entry with `front` after its title and date, which must
    fail and write no feed."""
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22\n{front}")})
    result = invoke_build()
    assert result.exit_code == 1
    assert not Path("feeds").exists()
    return result.stderr


def test_an_ascii_host_with_a_label_of_63_characters_is_published(site: Site) -> None:
    url = "https://" + "a" * 63 + ".example/"
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22\nauthor:\n  name: Ann\n  uri: {url}")})
    atom, _ = build_and_read()
    assert atom.findtext("a:entry/a:author/a:uri", namespaces=NS) == url


def test_a_host_with_one_trailing_dot_is_published(site: Site) -> None:
    # `example.org.` names the domain from the DNS root: a domain name, which browsers open.
    site(**{"a.md": doc("title: T\ndate: 2025-12-22\nlink: https://example.org./x")})
    _, item = only(*build_and_read())
    assert item.findtext("link") == "https://example.org./x"


@pytest.mark.parametrize(
    "domain",
    [
        LONG_HOST,
        "a..example",
        "example.org.",
        # 60 letters, but over 63 characters in punycode (xn--...), the name DNS would look up.
        "\u00e4" * 60 + ".test",
        # A character IDNA allows in no domain name (U+2FF0, an ideographic description one).
        "b\u00fccher\u2ff0.test",
    ],
    ids=["label-over-63", "empty-label", "trailing-dot", "punycode-over-63", "not-idna"],
)
def test_an_email_with_a_domain_dns_does_not_allow_is_an_error(site: Site, domain: str) -> None:
    # DNS allows a label of 1 to 63 characters (RFC 1035), and an address's domain has no dot
    # at its end (RFC 5322's dot-atom): the address reaches no one. A domain in other letters
    # than ASCII is looked up in IDNA: one IDNA cannot write reaches no one either (its mailto:
    # link in JSON Feed was percent-encoded, which no mail program turns back into a domain).
    address = f"ann@{domain}"
    assert refused(site, f"author:\n  name: Ann\n  email: {address}") == (
        f"Error: entries/a.md:6: {address!r} in author is not an email address. Write it like "
        "ann@example.org, or leave the email out.\n"
    )


def test_an_email_with_a_domain_label_of_63_characters_is_published(site: Site) -> None:
    address = "ann@" + "a" * 63 + ".example"
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22\nauthor:\n  name: Ann\n  email: {address}")})
    atom, _ = build_and_read()
    assert atom.findtext("a:entry/a:author/a:email", namespaces=NS) == address


def test_an_id_that_is_the_page_url_is_a_permalink_guid(site: Site) -> None:
    page = BLOG + "feeds/a/"
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22\nid: {page}")})
    _, item = only(*build_and_read())
    guid = item.find("guid")
    assert guid is not None
    assert (guid.text, guid.get("isPermaLink"), item.findtext("link")) == (page, "true", page)


# Ids, guids and links


@pytest.mark.parametrize(
    ("front", "guid", "permalink"),
    [
        pytest.param("", TAG + "a", "false", id="tag-uri"),
        pytest.param(f"link: {BLOG}a.html", TAG + "a", "false", id="tag-uri-with-link"),
        pytest.param(
            f"id: {BLOG}a.html\nlink: {BLOG}a.html", BLOG + "a.html", "true", id="id-is-link"
        ),
        pytest.param(
            f"id: {BLOG}other\nlink: {BLOG}a.html", BLOG + "other", "false", id="id-url-not-link"
        ),
        pytest.param(
            "id: tag:example.org,2019:old", "tag:example.org,2019:old", "false", id="own-tag"
        ),
    ],
)
def test_rss_guid_is_the_id_and_a_permalink_only_when_it_is_the_link(
    site: Site, front: str, guid: str, permalink: str
) -> None:
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22\n{front}")})
    entry, item = only(*build_and_read())
    assert entry.findtext("a:id", namespaces=NS) == guid
    element = item.find("guid")
    assert element is not None
    assert (element.text, element.get("isPermaLink")) == (guid, permalink)


@pytest.mark.parametrize(
    ("config_line", "args", "home", "feeds"),
    [
        pytest.param("", [], SITE_URL, SITE_URL + "feeds/", id="default"),
        pytest.param(
            'feed_url = "/feeds"\n', [], SITE_URL, "https://example.org/feeds/", id="root"
        ),
        pytest.param(
            'feed_url = "https://cdn.example.net/f/"\n',
            [],
            SITE_URL,
            "https://cdn.example.net/f/",
            id="absolute",
        ),
        pytest.param("", ["--base-url", PREVIEW], PREVIEW, PREVIEW + "feeds/", id="base-url"),
    ],
)
def test_site_and_self_links(
    site: Site, config_line: str, args: list[str], home: str, feeds: str
) -> None:
    site(config=BASIC_CONFIG + config_line, **{"a.md": doc("title: T\ndate: 2025-12-22")})
    atom, rss = build_and_read(*args)
    assert atom.findtext("a:id", namespaces=NS) == home
    assert alternates(atom) == [home]
    atom_self = atom.findall("a:link[@rel='self']", NS)
    assert [(link.get("href"), link.get("type")) for link in atom_self] == [
        (feeds + "atom.xml", "application/atom+xml")
    ]
    assert rss.findtext("channel/link") == home  # the site, never the feed
    rss_self = rss.findall("channel/atom:link[@rel='self']", NS)
    assert [link.get("href") for link in rss_self] == [feeds + "rss.xml"]
    assert rss_self[0].get("type") in (None, "application/rss+xml")


def test_ids_do_not_change_when_an_entry_is_edited(site: Site) -> None:
    folder = site(**{"a.md": doc("title: First title\ndate: 2025-12-01", "First body.\n")})
    atom, rss = build_and_read()
    assert by_id(atom).keys() == by_guid(rss).keys() == {TAG + "a"}
    (folder / "entries" / "a.md").write_text(
        doc(
            "title: A new title\ndate: 2025-11-30 10:00\nupdated: 2025-12-24\n"
            "summary: Now with a summary.",
            "A rewritten body.\n\nWith more text.\n",
        ),
        encoding="utf-8",
    )
    atom, rss = build_and_read()
    entry, item = only(atom, rss)
    assert entry.findtext("a:title", namespaces=NS) == "A new title"  # the edit took effect
    assert entry.findtext("a:summary", namespaces=NS) == "Now with a summary."
    assert entry.findtext("a:id", namespaces=NS) == item.findtext("guid") == TAG + "a"


@pytest.mark.parametrize(
    ("pin", "expected"),
    [("", TAG + "2025/renamed"), ("slug: a\n", TAG + "a"), (f"id: {TAG}a\n", TAG + "a")],
)
def test_renaming_changes_the_id_unless_it_is_pinned(site: Site, pin: str, expected: str) -> None:
    folder = site(**{"a.md": doc(f"title: T\ndate: 2025-12-01\n{pin}")})
    atom, _ = build_and_read()
    assert list(by_id(atom)) == [TAG + "a"]
    moved = folder / "entries" / "2025" / "Renamed.md"
    moved.parent.mkdir()
    (folder / "entries" / "a.md").rename(moved)
    atom, rss = build_and_read("--allow-id-change")  # without it, an unpinned rename is refused
    assert list(by_id(atom)) == list(by_guid(rss)) == [expected]


def test_slug_from_a_non_ascii_path_is_percent_encoded_utf8(site: Site) -> None:
    site(**{"2025/Café Olé.md": doc("title: T\ndate: 2025-12-01")})
    atom, _ = build_and_read()
    assert list(by_id(atom)) == [TAG + "2025/caf%C3%A9%20ol%C3%A9"]


# Markdown and HTML


def test_markdown_is_github_flavoured_and_raw_html_passes_through(site: Site) -> None:
    body = """\
| Name  | Count |
| ----- | ----: |
| peace | 3     |

~~gone~~ and https://example.net/path and www.example.com here.

<div class="note" data-x="1">
<em>kept as written</em>
</div>

Press <kbd>Ctrl</kbd>.
"""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    entry, item = only(*build_and_read())
    for html in contents(entry, item):
        fragment = html_of(html)
        assert [th.text_content() for th in fragment.findall(".//table/thead/tr/th")] == [
            "Name",
            "Count",
        ]
        assert [td.text_content() for td in fragment.findall(".//table/tbody/tr/td")] == [
            "peace",
            "3",
        ]
        assert [d.text for d in fragment.iter("del", "s", "strike")] == ["gone"]
        links = {a.get("href"): a.text_content() for a in fragment.iter("a")}
        assert links == {
            "https://example.net/path": "https://example.net/path",
            "http://www.example.com": "www.example.com",
        }
        note = fragment.find(".//div[@class='note']")
        assert note is not None and note.get("data-x") == "1"
        assert note.findtext("em") == "kept as written"
        assert fragment.findtext(".//kbd") == "Ctrl"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        # A raw HTML block that starts with text: with a reference to a control character,
        # it was a traceback.
        ("</div>\nA &lt;em&gt; B &amp; <b>x</b>\n", "A <em> B & x"),
        ("A &lt;em&gt; B &amp; <b>x</b>\n", "A <em> B & x"),
        ("<div>\nA &lt;em&gt; B &amp; <b>x</b>\n</div>\n", "A <em> B & x"),
        ("</div>&#1;A&#x1F; <b>x</b>\n", "A x"),
        ("<div>&#1;A&#x1F; <b>x</b></div>\n", "A x"),
        ("A&#1;&#x1F; <b>x</b>\n", "A x"),
    ],
)
def test_text_in_raw_html_stays_text(site: Site, body: str, text: str) -> None:
    """Escaped markup stays text, and references to characters XML cannot carry go."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    for html in contents(*only(*build_and_read())):
        fragment = html_of(html)
        assert fragment.find(".//em") is None, html
        assert fragment.findtext(".//b") == "x"
        assert text in fragment.text_content()
        assert "\x01" not in str(html) and "\x1f" not in str(html)


def test_xmp_shows_its_code_as_written_in_browsers_and_readers(site: Site) -> None:
    # <xmp> shows its text as written, markup and references too. libxml2 wrote that text
    # escaped, and browsers showed "&lt;b&gt;bold&lt;/b&gt; &amp;amp; more".
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", "<xmp>\n<b>bold</b> &amp; more\n</xmp>\n")})
    entry, item = only(*build_and_read())
    (json_item,) = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))["items"]
    for html in [*contents(entry, item), json_item["content_html"]]:
        tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
        assert "".join(tree.itertext()).strip() == "<b>bold</b> &amp; more", html
    shown = parsed("atom.xml").entries[0].content[0].value
    assert html_of(shown).text_content().strip() == "<b>bold</b> &amp; more"


@pytest.mark.parametrize("tag", ["iframe", "noembed"])
def test_what_an_embed_holds_for_readers_reaches_them_as_markup(site: Site, tag: str) -> None:
    # Readers remove an <iframe> and show what it holds, which is there for them. libxml2 read
    # that as text and wrote it escaped: readers showed '<p>Watch <a href="talk.html">…' as
    # text, and its link led nowhere.
    held = '<p>Watch <a href="talk.html">the talk</a> &amp; more.</p>'
    body = f'<{tag} src="https://video.example/embed/1">{held}</{tag}>\n\nAfter.\n'
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    build_and_read()
    for name in ("atom.xml", "rss.xml"):
        shown = html_of(parsed(name).entries[0].content[0].value)
        assert " ".join(shown.text_content().split()) == "Watch the talk & more. After."
        assert [a.get("href") for a in shown.iter("a")] == [BLOG + "talk.html"]


def html5_trees() -> list[etree._Element]:
    """The HTML of the only entry in Atom, RSS and JSON Feed, each parsed as HTML5 parsers
    parse it, after a strict parse that raises on a parse error, which the W3C Feed
    Validation Service reports (NotHtml: html5lib, strict, reads content)."""
    entry, item = only(*build_and_read())
    (json_item,) = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))["items"]
    trees = []
    for html in [*contents(entry, item), json_item["content_html"]]:
        assert html
        html5lib.HTMLParser(strict=True).parseFragment(html)
        trees.append(html5lib.parseFragment(html, namespaceHTMLElements=False))
    return trees


HTML5_BLOCKS_IN_A_LINE = """\
A photo: <figure><img src="map.png" alt=""><figcaption>The map</figcaption></figure> Then text.

Intro <details><summary>More</summary>Hidden.</details>
"""


def test_an_html5_block_in_a_line_of_text_ends_its_paragraph(site: Site) -> None:
    """cmark-gfm makes a line with a <figure> or <details> a paragraph, and the HTML was
    "<p>A photo: <figure>…</figure> Then text.</p>": HTML5 parsers end the paragraph at the
    <figure>, and take the </p> for an empty paragraph of its own, a parse error."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", HTML5_BLOCKS_IN_A_LINE)})
    for tree in html5_trees():
        assert [element.tag for element in tree] == ["p", "figure", "p", "details"]
        paragraphs = [" ".join("".join(p.itertext()).split()) for p in tree.iter("p")]
        assert paragraphs == ["A photo:", "Intro"]
        text = " ".join(" ".join(tree.itertext()).split())
        assert text == "A photo: The map Then text. Intro More Hidden."


BLOCKS_IN_A_LINK = """\
<a href="https://cards.example/1"><div class="card">A card</div></a>

Intro <span class="wide"><figure><img src="map.png" alt=""></figure></span> then text.
"""


def test_a_block_in_a_link_or_span_in_a_line_of_text_is_no_paragraph(site: Site) -> None:
    """cmark-gfm makes a line that starts with a link a paragraph: "<p><a href=…><div>A
    card</div></a></p>", which HTML5 parsers end at the <div>, taking the </p> for a stray
    end tag (a parse error: the W3C service warns, NotHtml). The line is written without the
    <p>, its block inside the link, as the author wrote it."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", BLOCKS_IN_A_LINK)})
    for tree in html5_trees():
        assert [element.tag for element in tree] == ["a", "span"]
        link, span = tree
        assert link.get("href") == "https://cards.example/1"
        assert [(e.tag, e.text) for e in link] == [("div", "A card")]
        assert " ".join("".join(tree.itertext()).split()) == "A card Intro then text."
        assert [e.tag for e in span] == ["figure"]


DIVS_LEFT_OPEN = """\
## Notes

> <div class="note">
> Quoted.

After the quote.

- <div>
  First.
- Second.

Last.
"""


def test_a_div_left_open_in_a_quote_or_a_list_item_ends_with_it(site: Site) -> None:
    """HTML5 parsers end a <div> left open in a quote or a list item where the quote or item
    ends (CommonMark's examples 143 and 144). libxml2's parser ignored that end tag: all that
    followed, the rest of the entry, went into the quote, and readers showed it quoted."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", DIVS_LEFT_OPEN)})
    for tree in html5_trees():
        assert [element.tag for element in tree] == ["h2", "blockquote", "p", "ul", "p"]
        heading, quote, after, items, last = tree
        assert heading.get("id") == "notes"  # once, in the HTML parsed again
        assert " ".join("".join(quote.itertext()).split()) == "Quoted."
        assert [" ".join("".join(li.itertext()).split()) for li in items] == ["First.", "Second."]
        assert (after.text, last.text) == ("After the quote.", "Last.")


def test_an_obsolete_image_tag_reaches_readers_as_the_picture(site: Site) -> None:
    """HTML5 parsers read <image> as <img>, as browsers show it; feedparser removes an element
    named image, and readers showed no picture, nor its alt text."""
    body = 'The map: <image src="map.png" alt="The map"> Then text.\n'
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    build_and_read()
    for name in ("atom.xml", "rss.xml"):
        shown = html_of(parsed(name).entries[0].content[0].value)
        pictures = [(img.get("src"), img.get("alt")) for img in shown.iter("img")]
        assert pictures == [(BLOG + "map.png", "The map")], name
        assert " ".join(shown.text_content().split()) == "The map: Then text.", name


def test_a_br_end_tag_breaks_the_line_as_browsers_read_it(site: Site) -> None:
    """HTML5 reads </br>, a common slip, as <br>; libxml2 dropped it, and readers showed the
    two lines it parts run together ("Line onetwo"). In code it stays as written."""
    body = (
        "Line one</br>Line two</BR >Line three, and `</br>` in code.\n\n"
        "<script>\nlines = 'a</br>b';\n</script>\n"
    )
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    for html in contents(*only(*build_and_read())):
        assert html_of(html).findtext("script") == "\nlines = 'a</br>b';\n"
    for name in ("atom.xml", "rss.xml"):
        (paragraph,) = html_of(parsed(name).entries[0].content[0].value)
        lines = [paragraph.text, *(br.tail for br in paragraph.iter("br"))]
        assert lines == ["Line one", "Line two", "Line three, and "], name
        assert paragraph.findtext("code") == "</br>", name


def test_a_comment_with_two_dashes_inside_is_read_as_one(site: Site) -> None:
    """HTML5 as html5lib (and the W3C Feed Validation Service) reads it takes "--" inside a
    comment, or "-" at its end, for a parse error: a space goes between the dashes."""
    body = "Text <!-- TODO -- later --> more.\n\n<!-- a --->\n"
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    for tree in html5_trees():
        comments = [node.text for node in tree.iter() if node.tag is ElementTree.Comment]
        assert comments == [" TODO - - later ", " a - "]
        paragraph = tree.find("p")
        assert paragraph is not None
        assert [paragraph.text, *(child.tail for child in paragraph)] == ["Text ", " more."]


COMMENTED_OUT = """\
Before.

<!-- <p>An old paragraph, taken out.</p> -->

After <!-- a -> b --> the comments.
"""
# How newsboat reads a comment: to its first ">", showing what follows as text.
NEWSBOAT_COMMENT = re.compile(r"<!--[^>]*>")


def test_a_comment_holding_an_end_of_tag_stays_hidden_in_newsboat(site: Site) -> None:
    """newsboat showed "An old paragraph, taken out. -->" between the two paragraphs."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", COMMENTED_OUT)})
    entry, item = only(*build_and_read())
    (json_item,) = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))["items"]
    page = Path("feeds/a/index.html").read_text(encoding="utf-8")
    for html in [*contents(entry, item), json_item["content_html"]]:
        assert html is not None
        shown = html_of(NEWSBOAT_COMMENT.sub("", html)).text_content()
        assert " ".join(shown.split()) == "Before. After the comments."
        assert " ".join(html_of(html).text_content().split()) == "Before. After the comments."
    body = lxml.html.fromstring(page).find(".//main")
    assert body is not None and "taken out" not in body.text_content()


def test_a_task_list_reads_as_written(site: Site) -> None:
    """GitHub draws a checkbox for "[x]" and "[ ]", which newsboat leaves out: "done" and "to
    do" would read the same. Each item reads as the author wrote it."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", "- [x] done\n- [ ] to do\n")})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    for name in ("atom.xml", "rss.xml"):
        (entry,) = parsed(name).entries
        items = html_of(entry.content[0].value).findall(".//li")
        assert [item.text_content() for item in items] == ["[x] done", "[ ] to do"], name


HTML5_VOID_ELEMENTS = """\
<picture><source srcset="map.webp" type="image/webp"><img src="map.png" alt="The map"></picture>

<video controls><source src="talk.webm"><track src="talk.vtt" kind="captions">Download it.</video>

A very long word: super<wbr>cali<wbr>fragilistic. <embed src="tune.mid"> Then text.
"""


def test_html5_void_elements_stay_empty_and_get_no_end_tag(site: Site) -> None:
    """<source>, <track>, <wbr> and <embed> have no content and no end tag in HTML5: what
    follows them is their sibling. An end tag such as </source> is a parse error."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", HTML5_VOID_ELEMENTS)})
    for tree in html5_trees():
        voids = [e for e in tree.iter() if e.tag in ("source", "track", "wbr", "embed")]
        assert len(voids) == 6
        assert all(len(void) == 0 and not void.text for void in voids)
        picture = tree.find(".//picture")
        assert picture is not None
        assert [child.tag for child in picture] == ["source", "img"]
        text = " ".join("".join(tree.itertext()).split())
        assert text == "Download it. A very long word: supercalifragilistic. Then text."


CODE_WITH_END_TAGS = 'document.write("<video><source src=a.webm></source></video>");'
STYLE_WITH_END_TAGS = "/* not <wbr></wbr> */ p { color: red }"
COMMENT_WITH_END_TAGS = " <embed src=old.swf></embed> "


def test_end_tags_in_code_and_comments_stay_beside_a_void_element(site: Site) -> None:
    # libxml2 writes <wbr></wbr>, and the end tag was taken out wherever the HTML held it: in
    # a script's code, a style sheet or a comment as well, which then differed from the author's.
    body = (
        f"super<wbr>cali\n\n<script>\n{CODE_WITH_END_TAGS}\n</script>\n\n"
        f"<style>\n{STYLE_WITH_END_TAGS}\n</style>\n\n<!--{COMMENT_WITH_END_TAGS}-->\n"
    )
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    entry, item = only(*build_and_read())
    (json_item,) = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))["items"]
    for html in [*contents(entry, item), json_item["content_html"]]:
        html5lib.HTMLParser(strict=True).parseFragment(html)  # no </wbr>: it raises on one
        tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
        assert tree.findtext("script") == f"\n{CODE_WITH_END_TAGS}\n"
        assert tree.findtext("style") == f"\n{STYLE_WITH_END_TAGS}\n"
        comments = [node.text for node in tree.iter(ElementTree.Comment)]
        # ">" is "&gt;" in a comment, which newsboat would end there (see above).
        assert comments == [COMMENT_WITH_END_TAGS.replace(">", "&gt;")]


# (Markdown or HTML, XPath of the element, attribute, URL without link:, URL with link:)
VIDEO = '<video poster="p.jpg" src="v.mp4"></video>'
RELATIVE_URLS = [
    pytest.param(
        "![m](img/map.png)",
        ".//img",
        "src",
        BLOG + "img/map.png",
        POST_DIR + "img/map.png",
        id="img-src",
    ),
    pytest.param(
        "[n](notes/x.html)",
        ".//a",
        "href",
        BLOG + "notes/x.html",
        POST_DIR + "notes/x.html",
        id="a-href",
    ),
    pytest.param(
        "[r](/root.html)",
        ".//a",
        "href",
        "https://example.org/root.html",
        "https://example.org/root.html",
        id="root-relative",
    ),
    pytest.param(
        "[u](../up.html?q=1)",
        ".//a",
        "href",
        "https://example.org/up.html?q=1",
        BLOG + "up.html?q=1",
        id="dot-dot",
    ),
    pytest.param(  # a place in the entry: on its own page (feed_url/<slug>/), or its link
        "[f](#section)", ".//a", "href", BLOG + "feeds/a/#section", LINK + "#section", id="fragment"
    ),
    pytest.param(  # the entry itself (RFC 3986: the same document), not the site's home page
        "[e]()", ".//a", "href", BLOG + "feeds/a/", LINK, id="empty"
    ),
    pytest.param('<a href=" ">e</a>', ".//a", "href", BLOG + "feeds/a/", LINK, id="empty-in-html"),
    pytest.param(
        VIDEO, ".//video", "poster", BLOG + "p.jpg", POST_DIR + "p.jpg", id="video-poster"
    ),
    pytest.param(VIDEO, ".//video", "src", BLOG + "v.mp4", POST_DIR + "v.mp4", id="video-src"),
    pytest.param(
        '<audio src="a.mp3"></audio>',
        ".//audio",
        "src",
        BLOG + "a.mp3",
        POST_DIR + "a.mp3",
        id="audio-src",
    ),
    pytest.param(  # feedparser resolved these against the feed's own URL
        '<blockquote cite="q/source.html">Quoted.</blockquote>',
        ".//blockquote",
        "cite",
        BLOG + "q/source.html",
        POST_DIR + "q/source.html",
        id="blockquote-cite",
    ),
    pytest.param(
        '<p><q cite="q.html">Q</q> <del cite="d.html">D</del></p>',
        ".//del",
        "cite",
        BLOG + "d.html",
        POST_DIR + "d.html",
        id="del-cite",
    ),
    pytest.param(
        '<object data="chart.svg" type="image/svg+xml"></object>',
        ".//object",
        "data",
        BLOG + "chart.svg",
        POST_DIR + "chart.svg",
        id="object-data",
    ),
    # feedparser resolved lowsrc against the feed's own URL, and the W3C service warned about
    # it (ContainsRelRef): it takes the last "src=" in an <img> for its URL.
    pytest.param(
        '<img src="https://pics.example/a.png" lowsrc="low.png" alt="a">',
        ".//img",
        "lowsrc",
        BLOG + "low.png",
        POST_DIR + "low.png",
        id="img-lowsrc",
    ),
    pytest.param(
        '<img src="https://pics.example/a.png" dynsrc="clip.avi" alt="a">',
        ".//img",
        "dynsrc",
        BLOG + "clip.avi",
        POST_DIR + "clip.avi",
        id="img-dynsrc",
    ),
    pytest.param(
        "![c](//cdn.example.net/p.png)",
        ".//img",
        "src",
        "https://cdn.example.net/p.png",
        "https://cdn.example.net/p.png",
        id="protocol-relative",
    ),
    pytest.param(
        "[a](https://other.example/x?y=1#z)",
        ".//a",
        "href",
        "https://other.example/x?y=1#z",
        "https://other.example/x?y=1#z",
        id="absolute",
    ),
    pytest.param(
        "[m](mailto:ann@example.org)",
        ".//a",
        "href",
        "mailto:ann@example.org",
        "mailto:ann@example.org",
        id="mailto",
    ),
    pytest.param(
        "<http://plain.example/>",
        ".//a",
        "href",
        "http://plain.example/",
        "http://plain.example/",
        id="autolink",
    ),
]


@pytest.mark.parametrize("linked", [False, True], ids=["no-link", "link"])
@pytest.mark.parametrize(("markup", "xpath", "attribute", "unlinked", "linked_url"), RELATIVE_URLS)
def test_relative_urls_become_absolute(
    site: Site,
    markup: str,
    xpath: str,
    attribute: str,
    unlinked: str,
    linked_url: str,
    linked: bool,
) -> None:
    front = "title: T\ndate: 2025-12-22" + (f"\nlink: {LINK}" if linked else "")
    site(**{"a.md": doc(front, f"Text {markup} more.\n")})
    entry, item = only(*build_and_read())
    expected = linked_url if linked else unlinked
    for html in contents(entry, item):
        element = html_of(html).find(xpath)
        assert element is not None, html
        assert element.get(attribute) == expected


def test_a_place_in_an_entry_without_a_page_or_link_is_on_the_site(site: Site) -> None:
    """With pages = false and no link an entry has no URL of its own; readers get the site's."""
    site(
        config=BASIC_CONFIG + "pages = false\n",
        **{"a.md": doc("title: T\ndate: 2025-12-22", "See [f](#section), [top](#), [e]().\n")},
    )
    entry, item = only(*build_and_read())
    for html in contents(entry, item):
        hrefs = [a.get("href") for a in html_of(html).iter("a")]
        assert hrefs == [BLOG + "#section", BLOG, BLOG]


def test_an_empty_link_is_the_entry_without_the_fragment_of_its_link(site: Site) -> None:
    # RFC 3986 (5.2.2) gives an empty reference the base's document without its fragment, as
    # a place in the entry takes the place of the link's own (`#section`, below).
    front = f"title: T\ndate: 2025-12-22\nlink: {LINK}#top"
    site(**{"a.md": doc(front, "See [e](), [f](#section).\n")})
    entry, item = only(*build_and_read())
    for html in contents(entry, item):
        hrefs = [a.get("href") for a in html_of(html).iter("a")]
        assert hrefs == [LINK, LINK + "#section"]


@pytest.mark.parametrize(
    ("markup", "xpath", "attribute"),
    [
        pytest.param("![todo]()", ".//img", "src", id="markdown-image"),
        pytest.param('<img src="" alt="todo">', ".//img", "src", id="img"),
        pytest.param('<video src=" " poster="">V</video>', ".//video", "src", id="video-src"),
        pytest.param('<video src="v.mp4" poster="">V</video>', ".//video", "poster", id="poster"),
        pytest.param('<audio src="">A</audio>', ".//audio", "src", id="audio"),
        pytest.param(
            '<video><source src="" type="video/mp4">V</video>', ".//source", "src", id="source"
        ),
    ],
)
def test_an_empty_src_is_left_out_not_led_to_the_entry(
    site: Site, markup: str, xpath: str, attribute: str
) -> None:
    # It was the entry's page (https://example.org/blog/feeds/a/), which readers fetched as the
    # picture and showed broken; feedparser makes an empty one the feed's own URL.
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", f"Text {markup} more.\n")})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    page = Path("feeds/a/index.html").read_text(encoding="utf-8")
    for name in ("atom.xml", "rss.xml"):
        (entry,) = parsed(name).entries
        for html in (entry.content[0].value, page):
            element = html_of(html).find(xpath)
            assert element is not None, html
            assert attribute not in element.attrib, name


def test_an_empty_src_gives_way_to_the_srcset(site: Site) -> None:
    markup = '<img src="" srcset="s2.png 2x, s1.png 1x" alt="map">'
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", f"A photo: {markup}\n")})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    (entry,) = parsed("atom.xml").entries
    img = html_of(entry.content[0].value).find(".//img")
    assert img is not None
    assert (img.get("src"), img.get("alt")) == (BLOG + "s1.png", "map")


def srcset_candidates(srcset: str | None) -> list[tuple[str, str]]:
    assert srcset is not None
    return [tuple(part.split()) for part in srcset.split(",")]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("base_front", "base"),
    [("", "https://example.org/blog/"), (f"\nlink: {LINK}", "https://example.org/blog/2025/")],
)
def test_srcset_candidates_become_absolute(site: Site, base_front: str, base: str) -> None:
    markup = (
        '<picture><source srcset="w/small.webp 480w, w/big.webp 1080w">'
        '<img src="i.png" srcset="i.png 1x, /abs/i@2x.png 2x, https://cdn.example.net/i3.png 3x">'
        "</picture>"
    )
    site(**{"a.md": doc(f"title: T\ndate: 2025-12-22{base_front}", markup + "\n")})
    entry, _ = only(*build_and_read())
    fragment = html_of(entry.findtext("a:content", namespaces=NS))
    source, img = fragment.find(".//source"), fragment.find(".//img")
    assert source is not None and img is not None
    assert srcset_candidates(source.get("srcset")) == [
        (base + "w/small.webp", "480w"),
        (base + "w/big.webp", "1080w"),
    ]
    assert srcset_candidates(img.get("srcset")) == [
        (base + "i.png", "1x"),
        ("https://example.org/abs/i@2x.png", "2x"),
        ("https://cdn.example.net/i3.png", "3x"),
    ]
    assert img.get("src") == base + "i.png"
    # An <img> with a srcset alone is given a src; a <source> in a <picture> takes none (HTML).
    assert source.get("src") is None


@pytest.mark.parametrize(
    ("srcset", "src"),
    [
        ("s2.png 2x, s1.png 1x", BLOG + "s1.png"),
        ("s2.png 2x, s.png", BLOG + "s.png"),
        ("s.png, s2.png 2x", BLOG + "s.png"),  # the comma ends the URL: no descriptor, 1x
        ("w/480.jpg 480w, w/960.jpg 960w", BLOG + "w/480.jpg"),
        # A space ends the URL `café`: `1.png 1x` is no descriptor, and browsers skip it.
        ("café 1.png 1x, s2.png 2x", BLOG + "s2.png"),
        ("café 1.png 1x", None),  # no image to show: the alt text, as without a srcset
        # HTML's srcset parsing skips a height alone, a density with a width, two of a kind
        # and a width of 0 (so does Chromium): the first such image was made the src.
        ("h.png 200h, s2.png 2x", BLOG + "s2.png"),
        ("b.png 1x 300w, s2.png 2x", BLOG + "s2.png"),
        ("d.png 2x 3x, s2.png 2x", BLOG + "s2.png"),
        ("z.png 0w, w/960.jpg 960w", BLOG + "w/960.jpg"),
        ("p.png 1.x, s2.png 2x", BLOG + "s2.png"),  # no valid number: a digit after "."
        ("w.png 300w 200h", BLOG + "w.png"),  # a height with its width is read
        # HTML reads the density as a floating-point number: each of these is 1x, as Chromium
        # reads it, but the first image was made the src.
        ("s2.png 2x, s1.png 1.0x", BLOG + "s1.png"),
        ("s2.png 2x, s1.png 1e0x", BLOG + "s1.png"),
        ("s2.png 2x, s1.png 10E-1x", BLOG + "s1.png"),
        ("s2.png 2x, s1.png .1e1x", BLOG + "s1.png"),
    ],
)
def test_an_image_with_a_srcset_alone_reaches_readers(
    site: Site, srcset: str, src: str | None
) -> None:
    """Readers remove srcset: an <img> written with it alone reached them with no picture."""
    site(
        **{
            "a.md": doc(
                "title: T\ndate: 2025-12-22", f'A photo: <img srcset="{srcset}" alt="map">\n'
            )
        }
    )
    result = invoke_build()
    assert result.exit_code == 0, result.output
    for name in ("atom.xml", "rss.xml"):
        (entry,) = parsed(name).entries
        img = html_of(entry.content[0].value).find(".//img")
        assert img is not None and img.get("srcset") is None, name  # feedparser removed it
        assert (img.get("src"), img.get("alt")) == (src, "map"), name


def test_a_srcset_image_browsers_skip_is_published_as_written(site: Site) -> None:
    """The README says why it stays: browsers skip it wherever it is, readers remove srcset,
    and which file was meant (`café 1.png`?) is not the build's guess."""
    markup = 'A photo: <img srcset="café 1.png 1x, s2.png 2x" alt="map">\n'
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", markup)})
    entry, item = only(*build_and_read())
    atom_html = entry.findtext("a:content", namespaces=NS)
    for html in (atom_html, item.findtext("content:encoded", namespaces=NS)):
        img = html_of(html).find(".//img")
        assert img is not None
        # é is C3 A9 in UTF-8; HTML ends the URL at the space, so "1.png 1x" stays its
        # descriptors, which browsers cannot read.
        assert img.get("srcset") == f"{BLOG}caf%C3%A9 1.png 1x, {BLOG}s2.png 2x"


CDN = "https://res.cloudinary.com/demo/image/upload/"


def test_a_srcset_url_with_commas_stays_whole(site: Site) -> None:
    """In a srcset, a URL runs to the next whitespace, commas included, as image CDNs write
    their options (`w_300,c_fill`) and as a data: URL is written; only a comma after a URL,
    or after its descriptors, parts two images. Cut at each comma, the pieces became
    relative URLs on the site, and `check` reported them as relative URLs in the feed."""
    srcset = (
        f"{CDN}w_300,c_fill/a.jpg 300w, {CDN}w_600,c_fill/a.jpg 600w,"
        " img/a,b.png 2x, data:image/png;base64,iVBORw0KGgo= 3x"
    )
    site(
        **{
            "a.md": doc(
                "title: T\ndate: 2025-12-22", f'A photo: <img src="a.png" srcset="{srcset}">\n'
            )
        }
    )
    entry, item = only(*build_and_read())
    for html in contents(entry, item):
        img = html_of(html).find(".//img")
        assert img is not None
        assert img.get("srcset") == (
            f"{CDN}w_300,c_fill/a.jpg 300w, {CDN}w_600,c_fill/a.jpg 600w,"
            " https://example.org/blog/img/a,b.png 2x, data:image/png;base64,iVBORw0KGgo= 3x"
        )
    result = CliRunner().invoke(cli, ["check"], prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    assert "[relative-url]" not in result.output


@pytest.mark.parametrize(
    # What reads as a character reference ("&amp;") is escaped HTML in Atom (see
    # test_an_atom_title_that_looks_like_html_is_escaped_html).
    "title",
    ['Using <b> & "quotes"', "AT&T <b> stays literal", "a < b > c's"],
)
def test_titles_are_plain_text(site: Site, title: str) -> None:
    quoted = title.replace("'", "''")
    site(**{"a.md": doc(f"title: '{quoted}'\ndate: 2025-12-22")})
    entry, item = only(*build_and_read())
    atom_title = entry.find("a:title", NS)
    assert atom_title is not None
    assert atom_title.get("type") in (None, "text")
    assert atom_title.text == title
    assert item.findtext("title") == title
    assert parsed("atom.xml").entries[0].title == title


def test_rss_text_that_reads_as_markup_is_written_with_hexadecimal_references(
    site: Site,
) -> None:
    # The W3C service warns about plain text with "<" before a letter or "&#" before a digit
    # (CharacterData), unless its line writes a hexadecimal reference, as it asks.
    config = BASIC_CONFIG.replace('"Test feed"', '"Notes on Vec<T>"') + 'rights = "&#169; Ann"\n'
    config += 'subtitle = "Sizes of Vec<T>"\n'  # the channel's <description>
    front = 'title: "Vec<T> in Rust"\ndate: 2025-12-22\ntags: ["<html>", "a < b", "</p> soup"]'
    site(config=config, **{"a.md": doc(front)})
    _, item = only(*build_and_read())
    lines = Path("feeds/rss.xml").read_text(encoding="utf-8").splitlines()
    for written in [
        "<title>Notes on Vec&#x3C;T&gt;</title>",
        "<description>Sizes of Vec&#x3C;T&gt;</description>",
        "<copyright>&#x26;#169; Ann</copyright>",
        "<title>Vec&#x3C;T&gt; in Rust</title>",
        "<category>&#x3C;html&gt;</category>",
        "<category>a &lt; b</category>",  # no markup: as before
        "<category>&#x3C;/p&gt; soup</category>",  # an end tag
    ]:
        assert written in [line.strip() for line in lines]
    assert item.findtext("title") == "Vec<T> in Rust"
    assert [c.text for c in item.findall("category")] == ["<html>", "a < b", "</p> soup"]
    channel = parsed("rss.xml").feed
    assert (channel.title, channel.rights) == ("Notes on Vec<T>", "&#169; Ann")


def test_a_tag_feeds_rss_title_that_reads_as_markup_is_written_with_hexadecimal_references(
    site: Site,
) -> None:
    # The tag feed's own title ("Notes on Vec<T>: rust"), not the main feed's, is the text
    # its <title> holds: written with "&lt;", the W3C service warns (CharacterData).
    config = BASIC_CONFIG.replace('"Test feed"', '"Notes on Vec<T>"')
    site(config=config, **{"a.md": doc('title: "A"\ndate: 2025-12-22\ntags: ["rust"]')})
    result = CliRunner().invoke(cli, ["build"], prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    lines = Path("feeds/tags/rust.rss.xml").read_text(encoding="utf-8").splitlines()
    assert "<title>Notes on Vec&#x3C;T&gt;: rust</title>" in [line.strip() for line in lines]
    channel = etree.parse("feeds/tags/rust.rss.xml").getroot().find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Notes on Vec<T>: rust"


def test_rss_text_the_service_reads_as_a_reference_is_written_with_hexadecimal_references(
    site: Site,
) -> None:
    # The W3C service took "&1" and "&copy" for character references (ContainsHTML) in the
    # RSS title, tag and channel title, written "x&amp;1": it says nothing about a line with a
    # hexadecimal reference, and readers read the same text.
    config = BASIC_CONFIG.replace('"Test feed"', '"Q&A &copy Ann"')
    # "&apos" too: XML's entity, which HTML5 has and HTML 4 had not.
    front = 'title: "Why x&1 is odd"\ndate: 2025-12-22\ntags: ["Room&101", "R&D", "it&apos;s"]'
    front += '\nauthor: "Q&A &copy Desk"'
    site(config=config, **{"a.md": doc(front)})
    _, item = only(*build_and_read())
    lines = [
        line.strip() for line in Path("feeds/rss.xml").read_text(encoding="utf-8").splitlines()
    ]
    for written in [
        "<title>Q&#x26;A &#x26;copy Ann</title>",
        "<title>Why x&#x26;1 is odd</title>",
        "<category>Room&#x26;101</category>",
        "<category>R&amp;D</category>",  # "&D" is no reference: as before
        "<category>it&#x26;apos;s</category>",
        "<dc:creator>Q&#x26;A &#x26;copy Desk</dc:creator>",
    ]:
        assert written in lines
    assert item.findtext("title") == "Why x&1 is odd"
    assert [c.text for c in item.findall("category")] == ["Room&101", "R&D", "it&apos;s"]
    feed = parsed("rss.xml")
    assert (feed.feed.title, feed.entries[0].title) == ("Q&A &copy Ann", "Why x&1 is odd")
    assert [tag.term for tag in feed.entries[0].tags] == ["Room&101", "R&D", "it&apos;s"]


def test_an_atom_name_the_service_reads_as_a_reference_is_written_with_hexadecimal_references(
    site: Site,
) -> None:
    # Atom cannot mark an author's <name> as text: the W3C service read "&amp" and "x&1" in
    # it as character references (ContainsHTML, its nonhtml rule), unless the line writes a
    # hexadecimal reference, as in RSS. Readers read the same text.
    config = BASIC_CONFIG.replace('"Default Author"', '"Q&A &copy Desk"')
    front = 'title: A\ndate: 2025-12-22\nauthors: ["Tom &amp; Jerry", "Room x&1", "R&D Team"]'
    site(config=config, **{"a.md": doc(front)})
    entry, _ = only(*build_and_read())
    lines = [
        line.strip() for line in Path("feeds/atom.xml").read_text(encoding="utf-8").splitlines()
    ]
    for written in [
        "<name>Q&#x26;A &#x26;copy Desk</name>",  # the feed's author
        "<name>Tom &#x26;amp; Jerry</name>",
        "<name>Room x&#x26;1</name>",
        "<name>R&amp;D Team</name>",  # "&D" is no reference: as before
    ]:
        assert written in lines
    names = ["Tom &amp; Jerry", "Room x&1", "R&D Team"]
    assert [name for name, _, _ in people(entry)] == names
    feed = parsed("atom.xml")
    assert feed.feed.author_detail.name == "Q&A &copy Desk"
    assert [author.name for author in feed.entries[0].authors] == names


def test_rss_text_with_a_carriage_return_gets_the_references_too(site: Site) -> None:
    # lxml writes a carriage return as &#13;, which the replacement did not look for. (A title,
    # a name or a tag, RSS's other text, may not hold a line end.)
    config = BASIC_CONFIG + 'rights = "Vec<T>\\r\\nand more"\n'
    site(config=config, **{"a.md": doc("title: A\ndate: 2025-12-22")})
    _, rss = build_and_read()
    text = Path("feeds/rss.xml").read_text(encoding="utf-8")
    assert "<copyright>Vec&#x3C;T&gt;&#13;\nand more</copyright>" in text
    assert rss.findtext("channel/copyright") == "Vec<T>\r\nand more"


def test_non_ascii_round_trips(site: Site) -> None:
    front = (
        "title: Мир знизу 🕊️ — «Peace»\ndate: 2025-12-22\n"
        "author: Олена Коваленко <olena@example.org>\ntags: [мир, 🌍]"
    )
    site(**{"a.md": doc(front, "Привіт, світе! 🌍 Ще трохи тексту.\n")})
    entry, item = only(*build_and_read())
    title = "Мир знизу 🕊️ — «Peace»"
    assert entry.findtext("a:title", namespaces=NS) == item.findtext("title") == title
    assert entry.findtext("a:author/a:name", namespaces=NS) == "Олена Коваленко"
    assert creators(item) == ["Олена Коваленко"]
    assert [c.text for c in item.findall("category")] == ["мир", "🌍"]
    assert entry.findtext("a:summary", namespaces=NS) == "Привіт, світе! 🌍 Ще трохи тексту."
    content = html_of(item.findtext("content:encoded", namespaces=NS))
    assert content.text_content().strip() == "Привіт, світе! 🌍 Ще трохи тексту."
    assert parsed("rss.xml").entries[0].title == "Мир знизу 🕊️ — «Peace»"
    assert Path("feeds/atom.xml").read_bytes().startswith(b"<?xml version='1.0' encoding='UTF-8'?>")


# Characters XML cannot carry

# (document text, lines the warnings must name, {XPath in Atom: expected text})
ILLEGAL = [
    pytest.param(
        "---\ntitle: Con\x0btrol\ndate: 2025-12-22\n---\nFirst\x01 line.\n\nSecond \ufffeline.\n",
        [2, 5, 7],
        {"a:entry/a:title": "Control", "a:entry/a:summary": "First line."},
        id="raw-in-yaml-and-body",
    ),
    pytest.param(
        '---\ntitle: "Esc\\x01aped"\ndate: 2025-12-22\nsummary: "Lone \\ud800surrogate"\n---\nB.\n',
        [2, 4],
        {"a:entry/a:title": "Escaped", "a:entry/a:summary": "Lone surrogate"},
        id="yaml-escapes",
    ),
    pytest.param(
        '---\ntitle: T\ndate: 2025-12-22\ntags: ["a\\x0bb", c]\nauthor: "Ann\\x02 Lee"\n---\nB.\n',
        [4, 5],
        {"a:entry/a:category[1]/@term": "ab", "a:entry/a:author/a:name": "Ann Lee"},
        id="yaml-escapes-in-lists-and-authors",
    ),
    pytest.param(
        '+++\ntitle = "To\\u0001ml"\ndate = 2025-12-22\n+++\nBody \x1f text.\n',
        [2, 5],
        {"a:entry/a:title": "Toml", "a:entry/a:summary": "Body text."},
        id="toml-escape",
    ),
    pytest.param(
        "No front matter \x07here\n\nDecember 22, 2025\n\nBody.\n",
        [1],
        {"a:entry/a:title": "No front matter here"},
        id="inferred-title",
    ),
    pytest.param(  # each range's first and last: U+0008, U+000E (after CR), U+FFFF
        "---\ntitle: Shift\x0eout\ndate: 2025-12-22\n---\nLast\x08 \uffffline.\n",
        [2, 5],
        {"a:entry/a:title": "Shiftout", "a:entry/a:summary": "Last line."},
        id="ends-of-the-ranges",
    ),
]


@pytest.mark.parametrize(("document", "lines", "expected"), ILLEGAL)
def test_characters_xml_cannot_carry_are_removed_with_a_warning(
    site: Site, document: str, lines: list[int], expected: dict[str, str]
) -> None:
    site(**{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line]
    assert all(line.startswith("Warning: ") for line in warnings), result.stderr
    named = {int(w.split(":")[2]) for w in warnings if w.startswith("Warning: entries/a.md:")}
    assert named == set(lines), result.stderr
    for name in ("atom.xml", "rss.xml"):
        text = Path("feeds", name).read_bytes().decode("utf-8")
        assert not [c for c in XML_ILLEGAL if c in text]
        assert "&#" not in text  # no character reference smuggles them back either
    atom = read_xml(Path("feeds/atom.xml"))  # well-formed, or this raises
    for xpath, value in expected.items():
        found = atom.xpath(xpath, namespaces=NS)
        assert [getattr(f, "text", f) for f in found] == [value], xpath
    read_xml(Path("feeds/rss.xml"))


REMOVED = "removed characters that XML cannot carry"


@pytest.mark.parametrize(
    ("document", "warned", "title"),
    [
        # Said "(control characters)": a surrogate is half of a pair, which is a character.
        pytest.param(
            '---\ntitle: "A\\ud800B"\ndate: 2025-12-22\n---\nBody.\n',
            ["2: {} (half a surrogate pair, which is no character on its own)"],
            "AB",
            id="half-a-pair",
        ),
        pytest.param(
            '---\ntitle: "A\\x01B\\udfffC"\ndate: 2025-12-22\n---\nBody.\n',
            ["2: {} (control characters; half a surrogate pair, which is no character on its own)"],
            "ABC",
            id="a-control-and-half-a-pair",
        ),
        pytest.param(  # the last of them, U+001F, is one too
            '---\ntitle: "A\\x1fB"\ndate: 2025-12-22\n---\nBody.\n',
            ["2: {} (control characters)"],
            "AB",
            id="the-last-control",
        ),
        # U+FFFF is no control character either: Unicode keeps it out of text.
        pytest.param(
            "---\ntitle: A\uffffB\ndate: 2025-12-22\n---\nBo\x07dy.\n",
            ["2: {} (U+FFFE or U+FFFF, noncharacters)", "5: {} (control characters)"],
            "AB",
            id="a-noncharacter-raw",
        ),
        # Both in one line of the file: its one warning names both kinds.
        pytest.param(
            "---\ntitle: A\x07B\uffffC\ndate: 2025-12-22\n---\nBody.\n",
            ["2: {} (control characters; U+FFFE or U+FFFF, noncharacters)"],
            "ABC",
            id="a-control-and-a-noncharacter-raw-in-one-line",
        ),
    ],
)
def test_the_warning_for_removed_characters_says_what_they_are(
    site: Site, document: str, warned: list[str], title: str
) -> None:
    site(**{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Warning: entries/a.md:{each.format(REMOVED)}" for each in warned
    ]
    assert feedparser.parse("feeds/atom.xml").entries[0].title == title


def test_a_yaml_escape_of_a_surrogate_pair_is_the_character_it_stands_for(site: Site) -> None:
    """JSON writes a character beyond the BMP as two escapes, a surrogate pair ("\\ud83d\\udc99"
    is 💙), and tools that write front matter with JSON's escapes do so; YAML 1.2 includes
    JSON. The pair is the character, not two lone surrogates to remove with a warning. A lone
    surrogate is still removed (test_characters_xml_cannot_carry_are_removed_with_a_warning)."""
    front = (
        'title: "I \\ud83d\\udc99 Kyiv"\ndate: 2025-12-22\ntags: ["\\ud83c\\uddfa\\ud83c\\udde6"]'
    )
    site(**{"a.md": doc(front)})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    for name in ("atom.xml", "rss.xml"):
        entry = feedparser.parse(Path("feeds", name).read_bytes()).entries[0]
        assert entry.title == "I \U0001f499 Kyiv"
        assert [tag.term for tag in entry.tags] == ["\U0001f1fa\U0001f1e6"]


# What the W3C Feed Validation Service rejects (BadCharacters; html5lib in HTML content) though
# XML allows it: U+007F and C1 control characters, noncharacters and U+FFFD. HTML reads a C1
# reference as Windows-1252.
UNSHOWABLE = [chr(c) for c in range(0x7F, 0xA0)] + ["\ufdd0", "\ufdef", "\ufffd"]


def test_c1_references_read_as_browsers_read_them(site: Site) -> None:
    # &#128; and &#159;, the first and the last of them, are the euro sign and a Y with diaeresis.
    site(
        **{"a.md": doc("title: T\ndate: 2025-12-22", "It&#146;s a &#150; test: &#128;5, &#159;.\n")}
    )
    result = invoke_build()
    assert result.exit_code == 0, result.output
    entry, item = only(read_xml(Path("feeds/atom.xml")), read_xml(Path("feeds/rss.xml")))
    for html in contents(entry, item):
        assert html_of(html).text_content() == "It\u2019s a \u2013 test: \u20ac5, \u0178."
    assert parsed("rss.xml").entries[0].summary == "It\u2019s a \u2013 test: \u20ac5, \u0178."


def test_characters_readers_cannot_show_are_changed_with_a_warning(site: Site) -> None:
    # U+FDD0 and U+FDEF: the first and the last of the noncharacters in the BMP's middle.
    body = "Pasted: It\x92s \x81here.\n\nLost \ufffd and \ufdd0\ufdef gone.\n"
    site(**{"a.md": doc('title: "Title\\x93"\ndate: 2025-12-22', body)})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    assert sorted(line.split(":")[2] for line in result.stderr.splitlines()) == ["2", "5", "7"]
    assert "U+0092 is \u2019" in result.stderr
    for name in ("atom.xml", "rss.xml"):
        text = Path("feeds", name).read_text(encoding="utf-8")
        assert not [c for c in UNSHOWABLE if c in text], name
    entry, item = only(read_xml(Path("feeds/atom.xml")), read_xml(Path("feeds/rss.xml")))
    assert entry.findtext("a:title", namespaces=NS) == "Title\u201c"
    for html in contents(entry, item):
        paragraphs = [p.text_content() for p in html_of(html).iter("p")]
        assert paragraphs == ["Pasted: It\u2019s here.", "Lost  and  gone."]


# Which entries the feeds carry


def test_limit_keeps_the_newest(site: Site) -> None:
    site(
        config=BASIC_CONFIG + "limit = 2\n",
        **{f"{n}.md": doc(f"title: T{n}\ndate: 2025-12-{n:02d}") for n in range(1, 6)},
    )
    atom, rss = build_and_read()
    assert list(by_id(atom)) == list(by_guid(rss)) == [TAG + "5", TAG + "4"]


def test_limit_zero_keeps_all_and_the_default_is_fifty(site: Site) -> None:
    entries = {f"{n}.md": doc(f"title: T{n}\ndate: 2025-01-01 00:{n:02d}") for n in range(52)}
    site(**entries)
    atom, rss = build_and_read()
    assert list(by_id(atom)) == [TAG + str(n) for n in range(51, 1, -1)]
    assert len(by_guid(rss)) == 50
    Path("staticfeed.toml").write_text(BASIC_CONFIG + "limit = 0\n", encoding="utf-8")
    atom, rss = build_and_read()
    assert len(by_id(atom)) == len(by_guid(rss)) == 52


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ["now"]),
        (["--drafts"], ["now", "draft"]),
        (["--future"], ["later", "now"]),
        (["--drafts", "--future"], ["later", "now", "draft"]),
    ],
)
def test_drafts_and_future_entries_are_left_out_unless_asked(
    site: Site, args: list[str], expected: list[str]
) -> None:
    site(
        **{
            "now.md": doc("title: Now\ndate: 2025-12-22"),
            "draft.md": doc("title: Draft\ndate: 2025-12-21\ndraft: true"),
            "later.md": doc("title: Later\ndate: 2999-01-01"),
        }
    )
    atom, rss = build_and_read(*args)
    assert list(by_id(atom)) == list(by_guid(rss)) == [TAG + name for name in expected]


# The feed itself


def test_channel_metadata(site: Site) -> None:
    config = BASIC_CONFIG + (
        'subtitle = "One line about it"\nlanguage = "uk"\nicon = "img/icon.png"\n'
        'logo = "https://cdn.example.net/logo.png"\nrights = "© 2025 Peace From Below"\n'
    )
    site(config=config, **{"a.md": doc("title: T\ndate: 2025-12-22\nlang: en")})
    atom, rss = build_and_read()
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    assert atom.findtext("a:title", namespaces=NS) == "Test feed"
    assert atom.findtext("a:subtitle", namespaces=NS) == "One line about it"
    assert atom.findtext("a:icon", namespaces=NS) == "https://example.org/blog/img/icon.png"
    assert atom.findtext("a:logo", namespaces=NS) == "https://cdn.example.net/logo.png"
    assert atom.findtext("a:rights", namespaces=NS) == "© 2025 Peace From Below"
    assert atom.findtext("a:generator", namespaces=NS) == "staticfeed"
    entry = atom.find("a:entry", NS)
    assert entry is not None and entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    channel = rss.find("channel")
    assert channel is not None
    assert channel.findtext("title") == "Test feed"
    assert channel.findtext("description") == "One line about it"
    assert channel.findtext("language") == "uk"
    assert channel.findtext("copyright") == "© 2025 Peace From Below"
    assert channel.findtext("generator") == "staticfeed"
    assert [channel.findtext(f"image/{f}") for f in ("url", "title", "link")] == [
        "https://cdn.example.net/logo.png",
        "Test feed",
        SITE_URL,
    ]


def test_without_subtitle_rss_description_is_the_title(site: Site) -> None:
    site(**{"a.md": doc("title: T\ndate: 2025-12-22")})
    atom, rss = build_and_read()
    assert atom.find("a:subtitle", NS) is None
    assert rss.findtext("channel/description") == "Test feed"
    assert rss.find("channel/image") is None


def test_sample_publication_reads_cleanly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The repository's own entries/ build into feeds feedparser reads without complaint."""
    repo = Path(__file__).resolve().parent.parent
    shutil.copytree(repo / "entries", tmp_path / "entries")
    shutil.copy(repo / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    atom, rss = build_and_read()
    assert list(by_id(atom)) == list(by_guid(rss))
    assert len(by_id(atom)) == len(list((tmp_path / "entries").rglob("*.md")))
    for name in ("atom.xml", "rss.xml"):
        assert len(parsed(name).entries) == len(by_id(atom))


def test_base_url_moves_relative_icon_logo_and_self_links(site: Site) -> None:
    config = BASIC_CONFIG + 'icon = "icon.png"\nlogo = "https://cdn.example.net/logo.png"\n'
    site(config=config, **{"a.md": doc("title: T\ndate: 2025-12-22", "![i](i.png)\n")})
    atom, rss = build_and_read("--base-url", PREVIEW)
    assert atom.findtext("a:icon", namespaces=NS) == PREVIEW + "icon.png"
    assert atom.findtext("a:logo", namespaces=NS) == "https://cdn.example.net/logo.png"
    assert rss.findtext("channel/image/link") == PREVIEW
    entry = atom.find("a:entry", NS)
    assert entry is not None
    assert html_of(entry.findtext("a:content", namespaces=NS)).find(".//img").get("src") == (
        PREVIEW + "i.png"
    )


SPLICED_ENTRIES = {
    "a.md": doc(
        """
title: "Ünïcode & <b>markup</b>"
date: 2025-12-01 09:30
updated: 2025-12-03
authors:
  - Ann Lee <ann@example.org>
  - name: Bo Chen
    uri: https://bo.example.org/
tags: [Notes, "C++"]
lang: uk
image: img/cover.jpg
enclosures:
  - url: https://cdn.example.net/episode-1.ogg
    type: audio/ogg
    length: 18223342
""",
        'Привіт, [світ](../other/) & <em>раз</em> ![x](pic.png "t")\n\n```\n<code>\n```\n',
    ),
    "b.md": doc("title: Plain\ndate: 2025-11-02\nsummary: Said <i>so</i>.\nlink: " + LINK),
    "c.md": "# No front matter\n\n2025-10-05\n\nBy Cy Doe\n\nText.\n",
}


@pytest.mark.parametrize("content", ["full", "summary"])
@pytest.mark.parametrize("format_name", ["atom", "rss"])
def test_feeds_are_the_documents_feedgen_writes_with_the_entries_in_them(
    site: Site, content: str, format_name: str
) -> None:
    """Each entry's element is serialized once and put in every feed that holds it. A feed must
    still be, byte for byte, the one feedgen writes when it is given the entries itself: with
    images or not (a namespace on the root), with a language, an enclosure, several authors."""
    from feedgen.feed import FeedGenerator

    from staticfeed import feeds
    from staticfeed.config import load_config
    from staticfeed.entries import read_entries
    from staticfeed.plan import feed_plans
    from staticfeed.render import render_entry

    folder = site(config=BASIC_CONFIG + f'content = "{content}"\n', **SPLICED_ENTRIES)
    config = load_config(folder / "staticfeed.toml")
    entries = read_entries(config, folder / "entries").entries
    plans = feed_plans(config, sorted(entries, key=lambda entry: entry.published, reverse=True))
    without_images = 0
    for plan in plans:
        rendered = [render_entry(entry, config.site_url) for entry in plan.entries]
        generator: FeedGenerator = feeds._feed_generator(config, plan, rendered, format_name)
        for entry in rendered:
            item = generator.add_entry(order="append")
            feeds._add_entry(item, entry, config)
            if format_name == "rss":
                feeds._add_rss_enclosure(item, entry.entry)
        serialize = generator.atom_str if format_name == "atom" else generator.rss_str
        expected = serialize(pretty=True, encoding="UTF-8")
        made = b"".join(feeds.feed_parts(config, plan, rendered, format_name))
        if format_name == "rss":  # text that reads as markup has hexadecimal references
            made = made.replace(b"&#x3C;", b"&lt;").replace(b"&#x26;", b"&amp;")
        assert made == expected, plan.base
        without_images += not any(entry.image for entry in plan.entries)
    assert len(plans) > without_images > 0  # author feeds: Cy Doe's has no image


@pytest.mark.parametrize("body", ["<html>\n", "<html><head><title>Tab</title></head></html>\n"])
def test_a_body_that_is_an_empty_html_document_is_an_entry_without_content(
    site: Site, body: str
) -> None:
    """lxml.html's fragment parser fails an assertion on such a body; it has no visible text."""
    site(**{"a.md": doc("title: Bare\ndate: 2025-12-01", body)})
    atom, rss = build_and_read()
    (entry,) = feedparser.parse(etree.tostring(atom)).entries
    (item,) = feedparser.parse(etree.tostring(rss)).entries
    assert (entry.title, item.title) == ("Bare", "Bare")
    assert "content" not in entry and "content" not in item  # a link to its page instead
    assert entry.link == item.link == "https://example.org/blog/feeds/a/"


SVG_IMAGE = (
    'A map: <svg width="40" height="40"><image href="map.png" width="40" height="40"/>'
    '<foreignObject><image src="pin.png" alt="Pin"></foreignObject></svg>\n'
)
SVG = "{http://www.w3.org/2000/svg}"


def test_an_image_in_svg_stays_the_svg_picture(site: Site) -> None:
    """In <svg>, HTML5 parsers keep <image> as SVG's image; it became an <img>, which ends
    the <svg> there, and browsers and readers showing HTML showed a broken picture (an <img>
    without a src). Where HTML is read again, in a <foreignObject>, it is an <img>."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", SVG_IMAGE)})
    for tree in html5_trees():
        (svg,) = tree.iter(SVG + "svg")
        assert [image.get("href") for image in svg.iter(SVG + "image")] == [BLOG + "map.png"]
        assert [(img.get("src"), img.get("alt")) for img in svg.iter("img")] == [
            (BLOG + "pin.png", "Pin")
        ]


SVG_CDATA = (
    "Less: <svg><text><![CDATA[a < b & c > d]]></text></svg> and "
    "<math><mi><![CDATA[x]]></mi></math>.\n\n<svg>\n<text><![CDATA[In a block]]></text>\n</svg>\n"
)
MATHML = "{http://www.w3.org/1998/Math/MathML}"


def test_a_cdata_section_in_svg_or_mathml_is_published_as_its_text(site: Site) -> None:
    """HTML5 reads a CDATA section in SVG or MathML as its text, to its "]]>", and browsers
    show it; the build published it as a comment (libxml2 reads one, as HTML does elsewhere,
    up to its first ">"), and readers showed nothing of it."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", SVG_CDATA)})
    for tree in html5_trees():
        shown = [element for element in tree.iter() if element.tag in (SVG + "text", MATHML + "mi")]
        texts = ["".join(element.itertext()) for element in shown]
        assert texts == ["a < b & c > d", "x", "In a block"]
    for name in ("atom.xml", "rss.xml"):
        shown = parsed(name).entries[0].content[0].value
        text = lxml.html.fragment_fromstring(shown, create_parent="div").text_content()
        assert " ".join(text.split()) == "Less: a < b & c > d and x. In a block", name


SVG_XLINK = (
    'A map: <svg width="40" height="40"><a xlink:href="notes.html"><text y="20">Notes</text>'
    '</a><use xlink:href="icons.svg#dove"/></svg>\n'
)
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def test_an_svg_xlink_href_is_made_absolute(site: Site) -> None:
    """SVG 1.1 links with xlink:href, which feed readers keep in an <svg> (feedparser does)
    but resolve against the feed, if at all: a relative one led nowhere."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", SVG_XLINK)})
    for tree in html5_trees():
        hrefs = [element.get(XLINK_HREF) for element in tree.iter() if XLINK_HREF in element.attrib]
        assert hrefs == [BLOG + "notes.html", BLOG + "icons.svg#dove"]
    for name in ("atom.xml", "rss.xml"):
        shown = parsed(name).entries[0].content[0].value
        assert f'xlink:href="{BLOG}notes.html"' in shown, name


def test_a_percent_that_begins_no_escape_in_a_link_is_escaped(site: Site) -> None:
    """`[sale](sale/100%.html)` reached readers with its bare `%`, and following the link,
    or loading the image, got `400 Bad Request` from nginx and Apache. An escape already
    made stays as written."""
    body = "[The sale](sale/100%.html) ![chart](charts/50%.png) [done](a%20b%zz.html)\n"
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", body)})
    expected = [BLOG + "sale/100%25.html", BLOG + "charts/50%25.png", BLOG + "a%20b%25zz.html"]
    for tree in html5_trees():
        urls = [element.get("href") or element.get("src") for element in tree.iter()]
        urls = [url for url in urls if url]
        assert urls == expected


IRI_ATTRIBUTES = (
    '<video poster="my poster é.png"></video> <q cite="talks/ü.html">Q</q>\n'
    '<img src="a.png" longdesc="about é.html" srcset="été.png 2x, b.png">\n'
    '<object data="maps/carte é.svg"></object>\n'
    '<svg><use xlink:href="icônes.svg#dove"/></svg>\n'
    '<del cite="notes/old notes.html">D</del>\n'  # a space alone, all ASCII
)


def test_urls_in_every_attribute_are_percent_encoded_as_links_are(site: Site) -> None:
    """A poster, cite, longdesc, data, xlink:href or srcset URL with a space or a letter that
    is not ASCII reached readers as written (`…/my poster é.png`), which no URI may hold,
    where an href or a src is percent-encoded as UTF-8."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", IRI_ATTRIBUTES)})
    expected = {
        ("video", "poster"): BLOG + "my%20poster%20%C3%A9.png",
        ("q", "cite"): BLOG + "talks/%C3%BC.html",
        ("img", "longdesc"): BLOG + "about%20%C3%A9.html",
        ("img", "srcset"): f"{BLOG}%C3%A9t%C3%A9.png 2x, {BLOG}b.png",
        ("object", "data"): BLOG + "maps/carte%20%C3%A9.svg",
        ("{http://www.w3.org/2000/svg}use", XLINK_HREF): BLOG + "ic%C3%B4nes.svg#dove",
        ("del", "cite"): BLOG + "notes/old%20notes.html",
    }
    for tree in html5_trees():
        found = {
            (element.tag, attribute): element.get(attribute)
            for element in tree.iter()
            for attribute in element.attrib
            if (element.tag, attribute) in expected
        }
        assert found == expected


BACKSLASHES = (
    '<img src="img\\x.png" alt="x"> <a href="https://example.org/docs\\a.html">a</a>\n'
    '<a href="..\\notes\\b.html?path=c\\d#e\\f">b</a> <a href="\\\\cdn.example.net\\c.html">c</a>\n'
    '<a href="news:comp\\lang">d</a>\n'
)


def test_a_backslash_in_a_link_is_a_slash_as_browsers_read_it(site: Site) -> None:
    """Browsers read a `\\` in an http(s) URL's path as a `/` (the WHATWG URL standard):
    `img\\x.png` reached readers as `…/blog/img\\x.png`, which leads elsewhere, or nowhere,
    where the entry's page showed `…/blog/img/x.png`. In a query or a fragment, or in a URL
    of another scheme, it stays as written, as browsers keep it."""
    site(**{"a.md": doc("title: T\ndate: 2025-12-22", BACKSLASHES)})
    expected = [
        BLOG + "img/x.png",
        "https://example.org/docs/a.html",
        "https://example.org/notes/b.html?path=c\\d#e\\f",
        "https://cdn.example.net/c.html",
        "news:comp\\lang",
    ]
    for tree in html5_trees():
        urls = [element.get("href") or element.get("src") for element in tree.iter()]
        assert [url for url in urls if url] == expected
