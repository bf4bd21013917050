"""Relative URLs in an entry become absolute, so links and images work inside a reader: each
resolves exactly as urllib's urljoin resolves it against the entry's base."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from staticfeed.model import Entry
from staticfeed.render import elements_with_urls, parse_fragment, render_entry

BASES = [
    "https://example.org/blog/",
    "http://example.org/",
    "https://example.org/a/b?x=1#y",
    "https://ed:pw@Example.ORG:8443/a/b/;p?q#f",
    "https://example.org",
    "http://[::1]:8080/x/",
    "file:///home/ed/site/",
]
# Characters urllib gives a meaning to, strips or rejects, and some it normalizes (NFKC); no
# line breaks, which would end the HTML in the Markdown.
URL_CHARACTERS = st.sampled_from(list("abcAZ09-._~%/?#;:@!$&'()*+,=[] \té\u0928\uff0f"))
STARTS = ["https://", "http://", "HTTPS://", "https:/", "https:", "//", "/", "", "mailto:"]


def entry_linking_to(url: str) -> Entry:
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    return Entry(
        source=Path("entries/x.md"),
        id="tag:example.org,2025:x",
        slug="x",
        title="X",
        published=moment,
        updated=moment,
        authors=(),
        body=f'<a href="{html.escape(url)}">x</a>\n',
        body_line=1,
    )


@given(
    base=st.sampled_from(BASES),
    start=st.sampled_from(STARTS),
    rest=st.text(URL_CHARACTERS, max_size=30),
)
@example(base=BASES[0], start="https://", rest="example.org/page?")
@example(base=BASES[0], start="https://", rest="example.org#")
@example(base=BASES[0], start="https://", rest="/path")
@example(base=BASES[1], start="https://", rest="example.org/a/../b")
@example(base=BASES[0], start="https://", rest="[::1/x")
@example(base=BASES[2], start="/", rest="\t/")  # urljoin reads //: the base itself
@example(base=BASES[3], start="/", rest="c/../d;e?f#g")
@example(base=BASES[2], start="", rest=" ")
@example(base=BASES[0], start="", rest="../../../x")  # above the root: at the root
@example(base=BASES[0], start="", rest="..//x")  # a / after ../ is no path from the host
@example(base=BASES[0], start="", rest="a/./b/../c")  # dot segments resolved
@example(base=BASES[0], start="https://", rest="example.org/a\tb")  # urljoin drops the tab
@example(base=BASES[0], start="", rest="100%.html?a=%2")  # bare %: %25
def test_a_link_resolves_as_urljoin_resolves_it(base: str, start: str, rest: str) -> None:
    url = (start + rest).strip()
    rendered = render_entry(entry_linking_to(url), base)
    root = lxml.html.fragment_fromstring(rendered.content_html, create_parent="div")
    (link,) = root.iter("a")
    # A % that begins no escape is written %25, which servers take (they answer a bare one
    # with 400 Bad Request).
    url = re.sub("%(?![0-9A-Fa-f]{2})", "%25", url)
    try:
        expected = joined(base, url)
    except ValueError:
        expected = url  # urllib cannot parse it: left as the author wrote it
    assert link.get("href") == as_html_keeps_it(expected)


def joined(base: str, url: str) -> str:
    """urljoin(base, url), but for an empty `url`, which urljoin answers with `base` as it
    is: RFC 3986 (5.2.2) drops the base's fragment."""
    return urljoin(base, url) if url else base.partition("#")[0]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("a&#1;b/c", "ab/c"),
        ("../x&#xFFFE;y/", "../xy/"),
        ("https://example.net/p&#x7;q", "https://example.net/pq"),
        ("/r&#x1F;oot?s", "/root?s"),
        ("ht&#1;tps://example.net/", "https://example.net/"),  # a scheme once it is removed
    ],
)
def test_a_link_loses_what_xml_cannot_carry_then_resolves_as_urljoin(
    written: str, meant: str
) -> None:
    entry = replace(entry_linking_to("x"), body=f'<a href="{written}">x</a>\n')
    rendered = render_entry(entry, BASES[0])
    root = lxml.html.fragment_fromstring(rendered.content_html, create_parent="div")
    (link,) = root.iter("a")
    assert link.get("href") == urljoin(BASES[0], meant)


def as_html_keeps_it(url: str) -> str | None:
    """`url` after a trip through lxml's HTML serializer, which %-escapes non-ASCII in href."""
    anchor = lxml.html.Element("a", href=url)
    return lxml.html.fromstring(lxml.html.tostring(anchor)).get("href")


def test_elements_with_urls_are_those_with_a_url_attribute_in_document_order() -> None:
    fragment = parse_fragment(
        '<p class="x">Text <!-- <a href="in-a-comment"> --><em>no url</em>'
        '<a href="one">1</a></p><div><video poster="two"><source srcset="three 2x">'
        '</video><img alt="no src"><img SRC="four"></div>'
    )
    found = elements_with_urls(fragment)
    assert [(element.tag, dict(element.attrib)) for element in found] == [
        ("a", {"href": "one"}),
        ("video", {"poster": "two"}),
        ("source", {"srcset": "three 2x"}),
        ("img", {"src": "four"}),
    ]


def test_a_srcset_written_over_lines_or_with_tabs_gets_absolute_urls() -> None:
    """HTML parts a srcset's URL from its descriptor by any whitespace; an entry's srcset
    written over several lines once kept "b.png\t2x" as one URL, joined to the site."""
    body = '<img src="a.png" srcset="a.png 1x,\n  b.png\t2x,\n  c.png">\n'
    rendered = render_entry(replace(entry_linking_to("x"), body=body), BASES[0])
    (image,) = lxml.html.fragment_fromstring(rendered.content_html, create_parent="div").iter("img")
    offered = [candidate.split() for candidate in image.get("srcset").split(",")]
    assert offered == [
        [urljoin(BASES[0], "a.png"), "1x"],
        [urljoin(BASES[0], "b.png"), "2x"],
        [urljoin(BASES[0], "c.png")],
    ]


# Bases and relative URLs like those of real entries, and their near misses: render.py joins
# the plain ones itself, as urllib would, and must agree with urljoin on every one.
SEGMENTS = ["a", "b.html", "2025", "x_y-z~", "%C3%A9", "", ".", "..", "é", "a;p", "a:b", "@"]
JOIN_BASES = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["https://", "https://", "http://", "HTTP://", "ftp://", "https://ed@"]),
        st.sampled_from(["example.org", "example.org", "Example.ORG:8443", "[::1]", "a b", ""]),
        st.lists(st.sampled_from(SEGMENTS), max_size=4).map(lambda parts: "/" + "/".join(parts)),
        st.sampled_from(["", "", "?q=1", "#f", "?", "#"]),
    ),
)
JOIN_URLS = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["", "", "../", "../../", "../../../../", "./", "/", "//", ".."]),
        st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=4).map("/".join),
        st.sampled_from(["", "", "/", "?q", "#entry-1", "?a=b#c", "#a b", "?\t", "#"]),
    ),
)


@given(base=JOIN_BASES, urls=st.lists(JOIN_URLS, min_size=1, max_size=40))
@example(base="https://example.org/", urls=["/archive/2025/", "notes.html#entry-1"])
@example(base="https://example.org/a/b/c", urls=["../2005/x/", "../../x", "../../../x"])
@example(base="https://example.org//a/", urls=["x", "b//c", "/b//c", "/b/./c", "a:b", ".."])
@example(base="https://example.org/a?q#f", urls=["a?", "a#", "a?#x", "a?x#", "b?x#y", ""])
def test_relative_urls_resolve_as_urljoin_resolves_them(base: str, urls: list[str]) -> None:
    body = "".join(
        f'<a href="{html.escape(url)}">{number}</a>\n' for number, url in enumerate(urls)
    )
    rendered = render_entry(replace(entry_linking_to("x"), body=body), base)
    root = lxml.html.fragment_fromstring(rendered.content_html, create_parent="div")
    for url, link in zip(urls, root.iter("a"), strict=True):
        try:
            expected = joined(base, url.strip())
        except ValueError:
            expected = url.strip()
        assert link.get("href") == as_html_keeps_it(expected), (base, url)


def heading_ids(body: str) -> list[str | None]:
    """The id of each heading in `body` rendered, as lxml reads the published HTML."""
    rendered = render_entry(replace(entry_linking_to("x"), body=body), BASES[0])
    root = lxml.html.fragment_fromstring(rendered.content_html, create_parent="div")
    return [heading.get("id") for heading in root.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        # As github-slugger's own fixtures give them, which GitHub's pages follow.
        ("Setup", "setup"),
        ("Step 2: Install it!", "step-2-install-it"),
        ("heading with a - dash", "heading-with-a---dash"),
        ("heading with an _ underscore", "heading-with-an-_-underscore"),
        ("exchange.bind_headers(exchange, routing [, bindCallback])",
         "exchangebind_headersexchange-routing--bindcallback"),
        ("apostrophe\u2019s should be trimmed", "apostrophes-should-be-trimmed"),
        ("I ♥ unicode", "i--unicode"),
        ("en\u2013dash", "endash"),
        ("😄 - an emoji", "---an-emoji"),
        ("Привет non-latin 你好", "привет-non-latin-你好"),
        ("Ⅻ Ⓐ x² ½", "ⅻ-ⓐ-x-"),  # letter numbers and circled letters stay, other numbers go
        ("Café *au* `lait` &amp; [more](https://example.net/)", "café-au-lait--more"),
        ("Tab\there", "tabhere"),
    ],
)  # fmt: skip
def test_a_heading_gets_the_id_github_gives_it(heading: str, expected: str) -> None:
    # Headings had no id at all, so [see setup](#setup) led to the top of the entry's page.
    assert heading_ids(f"## {heading}\n") == [expected]


def test_headings_with_the_same_id_are_numbered_as_github_numbers_them() -> None:
    body = "# Echo\n\n## Echo\n\n### Echo 1\n\n#### echo-1\n\n##### ECHO\n"
    assert heading_ids(body) == ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"]


def test_a_heading_never_takes_an_id_the_entry_holds_already() -> None:
    # A heading "Fn 1" took the footnote's id: its number in the text led to the heading.
    body = (
        "## Fn 1\n\nA claim[^1].\n\n"
        '<p><a id="setup"></a><a name="setup-1"></a><span ID = \'setup-2\'></span></p>\n\n'
        "## Setup\n\n[^1]: The source.\n"
    )
    rendered = render_entry(replace(entry_linking_to("x"), body=body), BASES[0])
    root = lxml.html.fragment_fromstring(rendered.content_html, create_parent="div")
    assert [h.get("id") for h in root.iter("h2")] == ["fn-1-1", "setup-3"]
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids)) and "fn-1" in ids


def test_a_name_on_an_element_other_than_a_link_takes_no_id_from_a_heading() -> None:
    # Browsers go to an <a name>, but to no other element's name (a form's <input name>).
    body = '<p><input name="setup"> <a name="intro"></a></p>\n\n## Setup\n\n## Intro\n'
    assert heading_ids(body) == ["setup", "intro-1"]


def test_a_heading_keeps_the_id_its_author_gave_it() -> None:
    body = '<h2 id="Custom">Setup</h2>\n\n## Setup\n\n<h3>\n  Raw heading\n</h3>\n\n## 😄\n'
    assert heading_ids(body) == ["Custom", "setup", "raw-heading", None]
