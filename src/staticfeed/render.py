"""Turn an entry's Markdown into the HTML a feed reader shows, and derive its summary."""

from __future__ import annotations

from urllib.parse import urljoin

import cmarkgfm
import lxml.html
from cmarkgfm.cmark import Options
from lxml import etree

from staticfeed.model import Entry, RenderedEntry
from staticfeed.text import collapse_whitespace, remove_xml_illegal, shorten

SUMMARY_LIMIT = 300
# GitHub's extensions minus tagfilter, which would mangle raw HTML the author wrote on purpose.
_EXTENSIONS = ["table", "strikethrough", "autolink"]
_URL_ATTRIBUTES = ("href", "src", "poster")


def render_entry(entry: Entry, site_url: str) -> RenderedEntry:
    """Render `entry`, resolving every relative URL against its link or the site URL."""
    html = markdown_to_html(entry.body)
    base = entry.link or site_url
    fragment = _parse_fragment(html)
    _make_urls_absolute(fragment, base)
    summary = entry.summary or summarize(fragment)
    return RenderedEntry(entry=entry, content_html=_serialize(fragment), summary=summary)


def markdown_to_html(markdown: str) -> str:
    return str(
        cmarkgfm.markdown_to_html_with_extensions(
            markdown, options=Options.CMARK_OPT_UNSAFE, extensions=_EXTENSIONS
        )
    )


def inline_text(markdown: str) -> str:
    """The text a reader sees for one line of Markdown, such as a heading: `*Hi*` is `Hi`."""
    return collapse_whitespace(_parse_fragment(markdown_to_html(markdown)).text_content())


def _parse_fragment(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def _make_urls_absolute(fragment: lxml.html.HtmlElement, base: str) -> None:
    for element in fragment.iter(etree.Element):
        for attribute in _URL_ATTRIBUTES:
            value = element.get(attribute)
            if value is not None:
                element.set(attribute, urljoin(base, value.strip()))
        srcset = element.get("srcset")
        if srcset is not None:
            element.set("srcset", _absolute_srcset(srcset, base))


def _absolute_srcset(srcset: str, base: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        if url:
            joined = urljoin(base, url)
            candidates.append(f"{joined} {descriptor.strip()}".strip())
    return ", ".join(candidates)


def summarize(fragment: lxml.html.HtmlElement) -> str:
    """The first paragraph as plain text, cut at a word boundary under SUMMARY_LIMIT."""
    paragraphs = fragment.findall(".//p") or [fragment]
    for paragraph in paragraphs:
        text = collapse_whitespace(paragraph.text_content())
        if text:
            return shorten(text, SUMMARY_LIMIT)
    return ""


def _serialize(fragment: lxml.html.HtmlElement) -> str:
    parts = [fragment.text or ""]
    parts.extend(lxml.html.tostring(child, encoding="unicode") for child in fragment)
    return remove_xml_illegal("".join(parts)).strip()
