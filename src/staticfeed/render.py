"""Turn an entry's Markdown into the HTML a feed reader shows, and derive its summary."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Sequence
from copy import copy
from functools import lru_cache
from html import escape
from typing import cast
from urllib.parse import quote, unquote, urljoin

from cmarkgfm.cmark import Options
from lxml import etree

from staticfeed import gfm
from staticfeed.doclinks import DocumentLinks
from staticfeed.errors import EntryError
from staticfeed.model import Entry, RenderedEntry
from staticfeed.text import collapse_whitespace, for_feeds, remove_xml_illegal, shorten
from staticfeed.values import BARE_PERCENT, backslashes_as_slashes

SUMMARY_LIMIT = 300
# GitHub's extensions minus tagfilter, which would mangle raw HTML the author wrote on purpose.
EXTENSIONS = ["table", "strikethrough", "autolink"]
# Raw HTML as written, and footnotes as GitHub writes them: "a claim[^1]" and "[^1]: the note".
OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES
# Those a reader follows or shows, which feedparser resolves against the feed's own URL when
# they are relative: a quotation's source (`<blockquote cite>`, `<q>`, `<del>`, `<ins>`), an
# image's long description, an `<object>`'s data and a form's action, besides links and media;
# and SVG 1.1's links (`<a xlink:href>`, `<use>`), which readers keep in an <svg>. And an
# image's old lowsrc and dynsrc, which readers keep too: the W3C Feed Validation Service takes
# the last "src=" in an <img> for its URL, and warned about a relative one (ContainsRelRef).
_URL_ATTRIBUTES = (
    "href", "src", "poster", "cite", "longdesc", "data", "action", "xlink:href", "lowsrc", "dynsrc",
)  # fmt: skip
URL_ATTRIBUTES = (*_URL_ATTRIBUTES, "srcset")
"""The attributes that hold URLs: one each, or a list of them in srcset."""
# The same, as sets: an element's attributes are tested against them in one call each, where
# asking an element for each of the eleven names took most of the walk over an entry's HTML.
_ONE_URL = frozenset(_URL_ATTRIBUTES)
_ANY_URL = frozenset(URL_ATTRIBUTES)
# What readers fetch to show in the entry. An empty one is left out rather than led to the
# entry: readers fetched its HTML page as the picture (feedparser resolves an empty src to the
# feed's URL, newsboat lists it as an image), where an <img> without a src shows its alt text.
_SHOWN = ("src", "poster")
# cmark-gfm writes the references &#xFFFE; and &#xFFFF; as the bytes FE and FF, which are not
# UTF-8, so cmarkgfm fails to decode its own output. XML cannot carry those two characters
# anyway: such references are removed and the Markdown rendered again.
_NONCHARACTER_REFERENCE = re.compile(r"&#(?:[xX]0{0,2}[fF]{3}[eEfF]|0{0,2}6553[45]);")
# lxml.html's parser gives every element a Python class chosen by a Python lookup, which costs
# more than the parse itself on a long entry; nothing here needs those classes. huge_tree: by
# default libxml2 stops at 256 levels of nesting or a text of 10 MB, and what follows was lost
# without a word; an entry is the author's own, and is published whole.
_HTML_PARSER = etree.HTMLParser(huge_tree=True)
_TEXT_CONTENT = etree.XPath("string()")
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)
# The <div> a fragment is parsed into, in an HTML document of its own, as lxml lets an HTML
# element take an attribute named as HTML names it, such as SVG's `xlink:href`, and an XML one
# does not. A copy takes 0.7 us, against 2.3 for etree.Element("div").
_EMPTY_DIV = cast(etree._Element, etree.HTML("<div></div>").find("body/div"))


def render_entry(entry: Entry, site_url: str, page_url: str | None = None) -> RenderedEntry:
    """Render `entry`, resolving every relative URL against its link or the site URL, and a
    link to a place in the entry itself (`#notes`) against the entry's own page."""
    (rendered,) = render_entries([(entry, page_url)], site_url)
    return rendered


def render_entries(
    entries: Sequence[tuple[Entry, str | None]],
    site_url: str,
    documents: Sequence[DocumentLinks | None] = (),
) -> list[RenderedEntry]:
    """Each of `entries` (with its page's URL) rendered as `render_entry` renders it. One step
    is taken over all of them before the next (Markdown, parsing, URLs, serializing): each
    library's code and data then stay in the processor's caches, which made a chunk of 64
    entries of the benchmark corpus 13% faster to render (264 us an entry, against 229).
    `documents` gives, for each entry that links to others' documents, where those links
    lead (doclinks); none for the others."""
    htmls = [markdown_to_html(entry.body) for entry, _ in entries]
    headings: list[list[etree._Element]] = [[] for _ in entries]
    fragments = [
        _parsed_whole(html, entry, found)
        for html, (entry, _), found in zip(htmls, entries, headings, strict=True)
    ]
    for fragment, html in zip(fragments, htmls, strict=True):
        if _FOOTNOTE_MARK in html:
            _footnotes_for_readers(fragment)
        if "<!--" in html:
            _comments_for_readers(fragment)
    for fragment, links in zip(fragments, documents, strict=False):
        if links is not None:
            _link_documents(fragment, links)
    for fragment, (entry, page_url), found in zip(fragments, entries, headings, strict=True):
        base = entry.link or site_url
        own_url = entry.link or page_url or base
        if found:
            places: list[str] = []  # found in the walk that finds the URLs, the only full one
            _make_urls_absolute(fragment, base, own_url, places)
            _heading_ids(found, places)
        else:
            _make_urls_absolute(fragment, base, own_url)
    return [
        RenderedEntry(
            entry=entry,
            content_html=serialize(fragment),
            summary=entry.summary or summarize(fragment),
            page_url=page_url,
        )
        for fragment, (entry, page_url) in zip(fragments, entries, strict=True)
    ]


# libxml2 nests at most 2,048 elements, even with huge_tree, and drops what lies deeper; it
# takes at least as many start tags, so the parser's log is read only for such HTML.
_DEEPEST = 2048


def _parsed_whole(html: str, entry: Entry, headings: list[etree._Element]) -> etree._Element:
    fragment = parse_fragment(html, headings=headings)
    if html.count("<") > _DEEPEST and any(
        error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in _HTML_PARSER.error_log
    ):
        raise EntryError(
            f"the text nests HTML elements more than {_DEEPEST:,} levels deep, and what lies "
            "deeper would be lost",
            "Close the elements it opens (an unclosed <div> repeated, say), or nest less.",
            path=entry.source,
        )
    return fragment


def markdown_to_html(markdown: str) -> str:
    try:
        return _cmark(markdown)
    except UnicodeDecodeError:
        return _cmark(_NONCHARACTER_REFERENCE.sub("", markdown))


def _cmark(markdown: str) -> str:
    return gfm.markdown_to_html(markdown, OPTIONS, EXTENSIONS)


def shows_nothing(html: str, blank_paragraphs: bool = False) -> bool:
    """Whether readers show nothing of an entry's `html`: blank, or HTML comments alone, as
    Markdown renders a body of link reference definitions (`[x]: https://…`, to nothing) or
    of comments; with `blank_paragraphs`, paragraphs of spaces alone among them too, as
    Markdown renders a line of no-break spaces. Parsed only when a comment or such a paragraph
    starts it; isspace() stops at the first character that is not a space."""
    if not html or html.isspace():
        return True
    if _COMMENT_FIRST.match(html) is None:
        return False
    fragment = parse_fragment(html)
    text = (fragment.text or "") + "".join(node.tail or "" for node in fragment)
    return not text.strip() and all(
        isinstance(node, etree._Comment) or (blank_paragraphs and _blank_paragraph(node))
        for node in fragment
    )


def _blank_paragraph(node: etree._Element) -> bool:
    """A <p> of spaces alone (str.strip takes a no-break space for one), no element in it."""
    return node.tag == "p" and len(node) == 0 and not (node.text or "").strip()


_COMMENT_FIRST = re.compile(r"\s*+(?:<!--|<p>\s*+</p>)")


def inline_text(markdown: str) -> str:
    """The text a reader sees for one line of Markdown, such as a heading: `*Hi*` is `Hi`,
    and `Hi <script>…</script>` is `Hi`."""
    text = _text_without_notes(parse_fragment(markdown_to_html(markdown)))
    return collapse_whitespace(for_feeds(text))


def parse_fragment(
    html: str,
    parser: etree.HTMLParser = _HTML_PARSER,
    headings: list[etree._Element] | None = None,
) -> etree._Element:
    """`html` inside a <div>, as lxml.html.fragment_fromstring(html, create_parent="div") parses
    it (whitespace before the first element dropped, an empty body for markup lxml drops).
    Its headings are added to `headings`, when given, in document order."""
    if not _FULL_DOCUMENT.match(html):
        html = f"<html><body>{html}"
    if _may_self_close(html):
        html = _self_closing_ignored(html, parser)
    fragment = _parsed(html, parser, headings, divs_closed=False)
    if _CDATA_START in html and (as_text := _foreign_sections_as_text(fragment, html)) != html:
        if headings is not None:
            headings.clear()  # parsed again from the start, with the sections' text
        fragment = _parsed(as_text, parser, headings, divs_closed=False)
    return fragment


# HTML5 ignores the "/" that ends the start tag of an HTML element that is not void: `x <b/>y`
# is a bold "y", `<p>a<script/>b c</p>` a script of "b c" (browsers hide it, and the rest of
# the entry with no </script>), `<div/>` a <div> holding what follows it. libxml2 closed such an
# element at once, and readers were shown what the author's HTML does not show. In SVG and
# MathML the "/" closes the element (`<circle r="1"/>`), as in XML. The void elements, in which
# HTML5 takes a "/" too: cmark-gfm writes `<img … />`, `<br />` and `<hr />` itself.
_VOID = (
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
)  # fmt: skip
# And a <table/>, kept empty: HTML5 moves the text and paragraphs after an open table out,
# before it (browsers show "<table/>Text" as "Text" and an empty table), which libxml2 does
# not, and readers of the feed as XML would have found them in the table.
_CLOSED_AS_WRITTEN = frozenset((*_VOID, "table"))
_VOID_START = re.compile(rf"<(?:{'|'.join(_VOID)})[\t\n\f\r />]", re.IGNORECASE)
# A comment, a CDATA section (to its first ">", as HTML5 reads it outside SVG and MathML), or a
# start tag, its name apart; an end tag is none of these.
_MARKUP_PIECE = re.compile(
    r"<(?:!--(?:-?>|.*?--!?>|.*)|!\[CDATA\[[^>]*>?"
    r"""|(?P<name>[a-z][^\t\n\f\r /<>]*+)"""
    r"""(?>[^<>="']++|=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+')?+|["'])*+>)""",
    re.DOTALL | re.IGNORECASE,
)
# A start tag whose "/" HTML5's tokenizer reads as self-closing: right before its ">", not in
# an unquoted attribute value (`<a href=x/>` is a link to `x/`, and no self-closing tag).
_SELF_CLOSING = re.compile(
    r"<[^\t\n\f\r />]++"
    r"(?>[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r />=]*+"
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]++))?)*+"""
    r"[\t\n\f\r ]*+/>"
)
# Elements whose text runs to their end tag, markup and all, as HTML5 reads them (a
# <plaintext>'s to the end): no start tag in it is one.
_TEXT_ONLY = (
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
)  # fmt: skip
_SELF_CLOSED_MARK = "staticfeed: self-closed"


def _may_self_close(html: str) -> bool:
    """Whether a start tag in `html` other than a void element's may end in "/>". Each "/>"
    is looked at, from the "<" before it: most entries have one, in an image cmark-gfm wrote.
    (Found by a regex, which took about what `"/>" in html` takes over the benchmark corpus,
    and a str.find loop 1.4 times that, its text not ASCII; a regex for such a tag, "<"
    first, 2.5 times.)"""
    start = searched = 0
    for slash in _SLASH_GT.finditer(html):
        # Only back to the last "/>": a "<" before it is the one found then (each search from
        # the start made `<img>` and 20,000 " />" take seconds).
        start = max(start, html.rfind("<", searched, slash.start()))
        searched = slash.end()
        if html.startswith("<", start) and not _VOID_START.match(html, start):
            return True
    return False


_SLASH_GT = re.compile("/>")


_Tag = tuple[int, int, str]
"""Where a start tag is in HTML, and its element's name."""


def _self_closing_ignored(html: str, parser: etree.HTMLParser) -> str:
    """`html` without the "/" of each self-closing start tag of an HTML element not void, as
    HTML5 reads it. Which tags are in SVG or MathML is told by libxml2's parse, a comment put
    after each: it makes the element, and the comment its sibling, in SVG or MathML, or not.
    An element that ends them is opened in that parse already: what follows it is HTML's. A
    tag in the text of an element opened so (`<textarea/>a <b/>`) is that text."""
    tags = _self_closing_tags(html)
    if not tags:
        return html
    marked = "".join(_pieces(html, tags, _marked))
    document = etree.fromstring(marked, parser)
    marks = (
        []
        if document is None
        else [mark for mark in document.iter(etree.Comment) if mark.text == _SELF_CLOSED_MARK]
    )
    if len(marks) != len(tags):
        return html  # a mark read as text: libxml2 reads the HTML otherwise than HTML5
    opened: list[_Tag] = []
    text_end = 0
    for tag, mark in zip(tags, marks, strict=True):
        start, end, name = tag
        foreign = _closes_in_foreign_content(html[start:end], name, mark.getparent())
        if start >= text_end and not foreign:
            opened.append(tag)
            text_end = _text_end(html, name, end) if name in _TEXT_ONLY else end
    return "".join(_pieces(html, opened, _opened))


def _marked(tag: str, name: str) -> str:
    """The self-closing `tag` with the mark after it; opened when HTML5 opens it anywhere."""
    return (_opened(tag, name) if name in _BREAKOUT else tag) + f"<!--{_SELF_CLOSED_MARK}-->"


def _opened(tag: str, name: str) -> str:
    """The self-closing `tag` of the element `name` without its "/"."""
    return tag[:-2] + ">"


def _self_closing_tags(html: str) -> list[_Tag]:
    """Each self-closing start tag in `html` of an element not void, outside comments and the
    text of a script, a <textarea> and the like. Such an element's own self-closing tag may be
    SVG's (`<svg><title/>`), which ends it, so what follows it is searched too."""
    tags: list[_Tag] = []
    at = 0
    while (piece := _MARKUP_PIECE.search(html, at)) is not None:
        at = piece.end()
        name = (piece["name"] or "").lower()
        if not name or name in _CLOSED_AS_WRITTEN:
            continue
        if _SELF_CLOSING.fullmatch(piece[0]):
            tags.append((*piece.span(), name))
        elif name in _TEXT_ONLY:
            at = _text_end(html, name, at)
    return tags


def _text_end(html: str, name: str, start: int) -> int:
    """Where the text of the element `name` that starts at `start` in `html` ends, as HTML5
    reads it: at its end tag, or the end of `html`."""
    if name == "plaintext":
        return len(html)
    end = re.compile(f"</{name}[\t\n\f\r />]", re.IGNORECASE).search(html, start)
    return len(html) if end is None else end.start()


def _pieces(html: str, tags: list[_Tag], rewrite: Callable[[str, str], str]) -> list[str]:
    """`html` in pieces, with each of `tags` rewritten (given its text and name)."""
    pieces: list[str] = []
    copied = 0
    for start, end, name in tags:
        pieces += (html[copied:start], rewrite(html[start:end], name))
        copied = end
    pieces.append(html[copied:])
    return pieces


def _closes_in_foreign_content(tag: str, name: str, parent: etree._Element | None) -> bool:
    """Whether HTML5 closes the element `name` of the self-closing `tag` at once, its `parent`
    as libxml2 read it: an <svg> or <math>, or one in SVG or MathML, but where HTML is read
    again (in a <foreignObject>, or an HTML element that ends them there)."""
    if name in _FOREIGN:
        return True
    if name in _BREAKOUT or (name == "font" and _FONT_BREAKOUT.search(tag)) or parent is None:
        return False
    outer = (
        parent
        if parent.tag in _HTML_OR_FOREIGN
        else next(parent.iterancestors(*_HTML_OR_FOREIGN), None)
    )
    return outer is not None and outer.tag in _FOREIGN


# HTML elements whose start tag ends SVG and MathML in HTML5, which reads them as HTML, "/" and
# all, where libxml2 keeps them in: `<svg><div/>x` is an open <div>, holding "x". A <font> only
# with a color, face or size. (Void ones such as <br> aside.)
_BREAKOUT = frozenset(
    (
        "b", "big", "blockquote", "body", "center", "code", "dd", "div", "dl", "dt", "em", "h1",
        "h2", "h3", "h4", "h5", "h6", "head", "i", "li", "listing", "menu", "nobr", "ol", "p",
        "pre", "ruby", "s", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "ul",
        "var",
    )
)  # fmt: skip
_FONT_BREAKOUT = re.compile(r"[\t\n\f\r /](?:color|face|size)[\t\n\f\r /=>]", re.IGNORECASE)


# HTML5 reads a CDATA section in SVG or MathML as its text, up to "]]>", and browsers show it
# (`<svg><text><![CDATA[a < b]]></text></svg>` shows "a < b"); libxml2 reads it as a comment,
# as HTML5 does elsewhere, up to the first ">", and the build published a comment no one saw.
_CDATA_START = "<![CDATA["
_CDATA_END = "]]>"


def _foreign_sections_as_text(fragment: etree._Element, html: str) -> str:
    """`html` with each CDATA section the parse of it (`fragment`) holds in SVG or MathML
    written as the escaped text it stands for. Each is found by the comment libxml2 made of
    its start, as written, after the one before; one without its "]]>" is all the rest of
    `html`, as HTML5 reads it (browsers show the end tags after it as text)."""
    pieces: list[str] = []
    copied = searched = 0  # how far `html` is in `pieces`, and how far its comments are found
    for comment in fragment.iter(etree.Comment):
        data = str(comment.text or "")
        at = html.find(f"<!{data}>", searched) if data.startswith(_CDATA_START[2:]) else -1
        if at < 0 or not html.startswith(_CDATA_START, at):
            continue  # a comment written as one
        searched = at + len(data) + 3
        parent = comment.getparent()
        if parent is None or not _in_foreign_namespace(parent):
            continue
        end = html.find(_CDATA_END, at + len(_CDATA_START))
        text_end = len(html) if end < 0 else end
        pieces += (html[copied:at], escape(html[at + len(_CDATA_START) : text_end], quote=False))
        copied = searched = len(html) if end < 0 else end + len(_CDATA_END)
    return "".join(pieces) + html[copied:] if pieces else html


def _in_foreign_namespace(element: etree._Element) -> bool:
    """Whether HTML5 puts `element` in SVG's or MathML's namespace: <svg> and <math>, and the
    elements in them, their integration points too (<foreignObject>, but not a <p> in it)."""
    return element.tag in _FOREIGN or _in_foreign_content(element)


def _parsed(
    html: str,
    parser: etree.HTMLParser,
    headings: list[etree._Element] | None,
    divs_closed: bool,
) -> etree._Element:
    div = copy(_EMPTY_DIV)
    document = etree.fromstring(html, parser)
    if _end_tag_dropped(parser):
        marks = _paragraph_end_dropped(parser) and _STRAY_PARAGRAPH_END not in html
        with_brs = _brs_written(html, _as_br_marking_paragraph_ends if marks else _as_br)
        if with_brs != html:
            return _parsed(with_brs, parser, headings, divs_closed)
    body = document.find("body") if document is not None else None
    if body is None:
        return div
    if body.text and body.text.strip():
        # lxml's parser keeps what a reference such as &#1; stands for; its API refuses it.
        div.text = for_feeds(body.text)
    div.extend(body)
    if _STRAY_PARAGRAPH_END in html:
        _stray_paragraph_ends(div)
    # Found in the tree, not by a search of `html`: 3 us an entry of the benchmark corpus
    # against 28 for a case-blind regex, on every entry's render. Headings are found in the
    # same walk: a walk of their own took 8 us an entry, this one 1 us more.
    walked = _WALKED if headings is None else _WALKED_AND_HEADINGS
    for element in list(div.iterdescendants(*walked)):
        if element.tag == "div":
            if not divs_closed and (closed := _divs_closed(html)) != html:
                if headings is not None:
                    headings.clear()  # parsed again from the start, with the </div>s
                return _parsed(closed, parser, headings, divs_closed=True)
            divs_closed = True
            _unwrap_paragraph_around(element)
        elif headings is not None and element.tag in _HEADINGS:
            headings.append(element)
        elif element.tag in _FALLBACK:
            _parse_fallback(element)
        elif element.tag in ("plaintext", "xmp"):
            # <plaintext> has no end tag in HTML5: everything after it is text, so on an
            # entry's page the rest of the page (the links back, the footer) was shown as
            # markup. <xmp> shows its text as written, `&amp;` and `<b>` too, but libxml2
            # writes that text escaped, which browsers then showed: `&amp;amp;`, `&lt;b&gt;`.
            # <pre> shows the escaped text as they show theirs.
            _as_pre(element)
        elif element.tag in _HTML5_BLOCKS:
            _close_paragraph(element)
            _unwrap_paragraph_around(element)
        elif element.tag == "image":
            # HTML5 reads the obsolete <image> as <img>, and browsers show the picture; feed
            # readers removed an element of that name, picture, alt text and all. In <svg> it
            # is SVG's own, where an <img> would end the <svg>, leaving a broken picture.
            if not _in_foreign_content(element):
                element.tag = "img"
                _empty_void_element(element)
        elif len(element) or element.text:
            _empty_void_element(element)
    return div


# Where HTML5 reads HTML again inside SVG or MathML (its integration points), and where it
# reads their own markup.
_HTML_AGAIN = ("foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml")
_FOREIGN = ("svg", "math")
# What tells whether an element is in SVG or MathML (a self-closing tag in it closes it).
_HTML_OR_FOREIGN = (*_FOREIGN, *_HTML_AGAIN, *_BREAKOUT)


def _in_foreign_content(element: etree._Element) -> bool:
    """Whether HTML5 parsers read `element` as SVG or MathML markup, not HTML."""
    outer = next(element.iterancestors(*_FOREIGN, *_HTML_AGAIN), None)
    return outer is not None and outer.tag in _FOREIGN


# What an <iframe>, <noembed> or <noframes> holds is for whoever cannot show the element: feed
# readers, which remove it, show it. libxml2 from 2.14 on, whose tokenizer is HTML5's, reads it
# as text, as browsers do (which show the element instead), and writes it escaped: readers
# showed the author's markup, "<p>Watch <a href=…>the talk</a></p>", as text. (Told by the
# version, not by parsing an <iframe>: lxml would then know the name, and look for it in every
# entry's tree, 8 us an entry of the benchmark corpus, against none for a name it never read.)
_FALLBACK = ("iframe", "noembed", "noframes")
_FALLBACK_PARSER = etree.HTMLParser(huge_tree=True)  # keeps _HTML_PARSER's error log the entry's
_FALLBACK_READ_AS_TEXT = etree.LIBXML_VERSION >= (2, 14)
_MARKUP = re.compile("[<&]")


def _parse_fallback(element: etree._Element) -> None:
    """The text of `element` parsed as the markup it is, as readers read it."""
    text = element.text
    if not _FALLBACK_READ_AS_TEXT or not text or len(element) or not _MARKUP.search(text):
        return  # read as markup already, or text that reads the same either way
    fragment = parse_fragment(text, _FALLBACK_PARSER)
    element.text = fragment.text
    element.extend(fragment)


# Elements HTML5 made void that libxml2's HTML parser, which knows HTML 4, takes for elements
# with content: in "<source srcset=a><img src=b>" the <img> went inside the <source>, and the
# HTML ended in </source>, an end tag HTML5 parsers reject (the W3C Feed Validation Service
# warns: NotHtml). Browsers and readers read what follows such an element as its sibling.
_HTML5_VOID = ("embed", "keygen", "source", "track", "wbr")
# libxml2 writes a script's or style sheet's code and a comment as they are, where "<wbr></wbr>"
# is the author's text: such a piece is matched whole, and kept, before any void element in it.
# Elsewhere `<` is always escaped, in attributes too. (One `<` before the alternatives lets the
# search skip to each `<`: with a `<` in each, it took six times as long.)
_VOID_END_TAG = re.compile(
    r"<(?:(?P<raw>script|style)(?=[\s>])[^>]*>.*?</(?P=raw)>|!--.*?-->"
    r"|(?P<name>embed|keygen|source|track|wbr)\b[^>]*>(?P<end></(?P=name)>))",
    re.DOTALL,
)


def _empty_void_element(element: etree._Element) -> None:
    """Put what libxml2 parsed into the void `element` after it, as HTML5 parses it."""
    parent = element.getparent()
    assert parent is not None  # under the fragment's <div>
    text, tail, children = element.text, element.tail, list(element)
    element.text = None
    position = parent.index(element)
    for offset, child in enumerate(children, start=1):
        parent.insert(position + offset, child)  # with its tail
    if children:
        children[-1].tail = ((children[-1].tail or "") + (tail or "")) or None
        element.tail = text
    else:
        element.tail = ((text or "") + (tail or "")) or None


# Elements that end an open <p> in HTML5, as <div> does, which libxml2's parser, knowing HTML
# 4, puts inside it: cmark-gfm makes "Intro <figure>…</figure>" a paragraph, and
# "<p>Intro <figure>…</figure></p>" ended in a </p> that HTML5 parsers take for an empty
# paragraph of its own (browsers show its space; the W3C Feed Validation Service warns:
# NotHtml).
_HTML5_BLOCKS = (
    "article", "aside", "details", "dialog", "figcaption", "figure", "footer", "header",
    "hgroup", "main", "nav", "search", "section", "summary",
)  # fmt: skip
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_WALKED = (*_HTML5_VOID, *_HTML5_BLOCKS, "plaintext", "xmp", "image", *_FALLBACK, "div")
_WALKED_AND_HEADINGS = (*_WALKED, *_HEADINGS)


# HTML5 reads </br>, a common slip, as <br>; libxml2 drops it (an unexpected end tag, which
# its log tells, at 0.3 us an entry), and the two lines it parted ran together. One in a
# script's or style sheet's code, a <textarea>'s, <title>'s or <xmp>'s text, all after a
# <plaintext>, a comment, a CDATA section (text in SVG) or a start tag's attributes (`<abbr
# title="a</br>b">`) is matched whole and kept as written. A comment ends where HTML5 ends
# it, as libxml2 does: "<!-->" and "<!--->" are empty, and "--!>" ends one too; a </br>
# after such a comment is the text's, and was dropped. One never ended runs to the end, and
# so does the text of an element above never closed, as HTML5 reads them: a <textarea> ends
# at "</textarea" and a space, "/" or ">". (Each unclosed one was searched to the end for
# its end tag: 5,000 <textarea>s took 4 s.) A CDATA section is kept to its first ">", the
# comment libxml2 reads, and HTML5 outside SVG and MathML, "]]>" or not: a </br> after it
# is a line break there (`<![CDATA[x</br>y</br>z]]>` shows "y", a break, "z]]>"; the
# second was dropped). In SVG the comment is found as written, to make the section its text
# (_foreign_sections_as_text). (Each with no "]]>" was searched to the end for one: 5,000
# took 3 s.) A start tag ends at a "<" outside its quotes: read to
# the next ">" from each "<b" of a text with none, the search took seconds. A </p> is found
# too, to be marked (_as_br_marking_paragraph_ends).
_BR_END_TAG = re.compile(
    r"<(?:(?P<raw>script|style|textarea|title|xmp)(?=[\s>])"
    r"[^>]*(?:>.*?(?:</(?P=raw)(?=[\t\n\f\r />])|\Z)|\Z)"
    r"|plaintext(?=[\s/>]).*|!--(?:-?>|.*?--!?>|.*)|!\[CDATA\[[^>]*>?"
    r"|(?P<br>/br(?=[\s/>])[^>]*>)|(?P<p>/p(?=[\s/>])[^>]*>)"
    r"""|[a-z][^\s/>]*(?:[^<>"']|"[^"]*"|'[^']*')*>)""",
    re.DOTALL | re.IGNORECASE,
)


def _brs_written(html: str, as_br: Callable[[re.Match[str]], str]) -> str:
    """`html` with each </br> (and </p>) `_BR_END_TAG` finds written as `as_br` writes it.
    Only up to the last ">": no tag ends after it, and what is there stays as written. (Each
    "</br" after it was searched to the end for its ">": 5,000 took 0.3 s.)"""
    end = html.rfind(">") + 1
    return _BR_END_TAG.sub(as_br, html[:end]) + html[end:]


def _end_tag_dropped(parser: etree.HTMLParser) -> bool:
    log = parser.error_log
    return bool(log) and any(error.type == etree.ErrorTypes.ERR_TAG_NAME_MISMATCH for error in log)


def _as_br(match: re.Match[str]) -> str:
    """<br> for a </br>; code, a comment or a </p> as it is."""
    return "<br>" if match["br"] else match[0]


# HTML5 reads a </p> with no paragraph open as an empty paragraph (`<div>Some end</p>Tail`:
# browsers show "Tail" on a line of its own); libxml2 drops it, and readers showed "Some
# endTail". Where the parse logged one dropped, as its message says, each </p> gets a mark
# before it, which libxml2 puts in the <p> it ends, if one is open: a mark in none is a
# stray's, made a <br> as after a paragraph a <figure> ended (_close_paragraph). (Fed to
# libxml2's pull parser up to each </p>, to tell which <p>s are open, the HTML took seconds
# for a few thousand paragraphs.)
_PARAGRAPH_END_DROPPED = "Unexpected end tag : p"
_STRAY_MARK = "staticfeed: a paragraph end"  # a comment's text, which no one sees
_STRAY_PARAGRAPH_END = f"<!--{_STRAY_MARK}-->"


def _paragraph_end_dropped(parser: etree.HTMLParser) -> bool:
    return any(error.message == _PARAGRAPH_END_DROPPED for error in parser.error_log)


def _as_br_marking_paragraph_ends(match: re.Match[str]) -> str:
    """`_as_br`, and a </p> with the mark before it."""
    return _STRAY_PARAGRAPH_END + match[0] if match["p"] else _as_br(match)


def _stray_paragraph_ends(div: etree._Element) -> None:
    """Each mark of a </p> under `div` out; for one in no <p>, the </p> libxml2 dropped, a
    <br> in its place where text follows it and text or an inline element comes before, as
    `_close_paragraph` breaks the line (after a block, or first in one, the text is on a line
    of its own already). None in SVG or MathML, where a <br> is no line break."""
    for mark in [node for node in div.iter(etree.Comment) if node.text == _STRAY_MARK]:
        parent = mark.getparent()
        assert parent is not None  # under the fragment's <div>
        tail, mark.tail = mark.tail, None
        stray = next(mark.iterancestors("p"), None) is None
        breaks = stray and (tail or "").strip() and not _in_foreign_content(mark)
        if breaks and _inline_before(mark, parent):
            br = parent.makeelement("br")
            br.tail, tail = tail, None
            mark.addnext(br)
        if tail and (previous := mark.getprevious()) is not None:
            previous.tail = (previous.tail or "") + tail
        elif tail:
            parent.text = (parent.text or "") + tail
        parent.remove(mark)


def _inline_before(node: etree._Element, parent: etree._Element) -> bool:
    """Whether text or an element shown inline comes right before `node` in `parent`."""
    previous = node.getprevious()
    while previous is not None and not isinstance(previous.tag, str):
        if (previous.tail or "").strip():
            return True
        previous = previous.getprevious()  # a comment, which shows nothing
    if previous is None:
        return bool((parent.text or "").strip())
    return bool((previous.tail or "").strip()) or previous.tag not in _SHOWN_APART


# cmark-gfm writes the end tag of a quote, a list and a list item on a line of its own.
_CONTAINER_END = re.compile(r"^</(blockquote|li|ol|ul)>$", re.MULTILINE)
# Elements an end tag does not reach past in HTML5, which ends only an element "in scope";
# for </li>, a list as well ("in list item scope").
_SCOPE = frozenset({"applet", "caption", "html", "marquee", "object", "table", "td", "th"})
_LIST_ITEM_SCOPE = _SCOPE | {"ol", "ul"}


def _divs_closed(html: str) -> str:
    """`html` with a </div> before the end of a quote, a list or a list item for each <div>
    left open in it, which HTML5 parsers close there. libxml2's parser, which knows HTML 4,
    ignores such an end tag while a <div> is open: in "> <div>" and the paragraph below it,
    all that followed, the rest of the entry, went into the quote. Which elements are open at
    each end is told by libxml2 itself, fed the HTML up to it."""
    ends = list(_CONTAINER_END.finditer(html))
    if not ends:
        return html
    parser = etree.HTMLPullParser(events=("start", "end"), huge_tree=True)
    open_tags: list[str] = []
    pieces: list[str] = []
    done = 0
    for end in ends:
        pieces.append(html[done : end.start()])
        parser.feed(pieces[-1])
        done = end.start()
        for event, element in parser.read_events():
            if event == "start":
                open_tags.append(str(cast(etree._Element, element).tag))
            else:
                open_tags.pop()
        closing = "</div>" * _open_divs(open_tags, end[1])
        if closing:
            pieces.append(closing)
            parser.feed(closing)
    pieces.append(html[done:])
    parser.feed(pieces[-1])
    parser.close()
    return "".join(pieces)


def _open_divs(open_tags: list[str], ended: str) -> int:
    """How many <div>s the end tag of `ended` closes in HTML5, which libxml2 does not."""
    scope = _LIST_ITEM_SCOPE if ended == "li" else _SCOPE
    divs = 0
    for tag in reversed(open_tags):
        if tag == ended:
            return divs
        if tag in scope:
            return 0
        divs += tag == "div"
    return 0


def _close_paragraph(element: etree._Element) -> None:
    """When `element` is in a <p>, end the <p> before it, as HTML5 parses it: `element` and
    what follows it come after the <p>, which goes when nothing is left in it."""
    paragraph = element.getparent()
    if paragraph is None or paragraph.tag != "p":
        return
    parent = paragraph.getparent()
    assert parent is not None  # under the fragment's <div>
    moved = [element, *element.itersiblings()]
    position = parent.index(paragraph)
    tail, paragraph.tail = paragraph.tail, None
    for offset, child in enumerate(moved, start=1):
        parent.insert(position + offset, child)  # with its tail
    last = moved[-1]
    if tail and tail.strip() and (last.tag not in _SHOWN_APART or (last.tail or "").strip()):
        # The </p> is stray then, which HTML5 reads as an empty paragraph: browsers show the
        # text after it on a line of its own, where "the end.</p>Tail" ran "the end.Tail".
        last = parent.makeelement("br")
        moved[-1].addnext(last)
    last.tail = ((last.tail or "") + (tail or "")) or None
    if not len(paragraph) and not (paragraph.text or "").strip():
        parent.remove(paragraph)


def _as_pre(element: etree._Element) -> None:
    """The <plaintext> or <xmp> `element` as a <pre>, a block out of any <p>, as HTML5 ends
    the <p> at either: libxml2 kept a <plaintext> in its <p> (`<p><pre>`, which no HTML
    parser makes), and ended the <p> before an <xmp>, left empty when the <xmp> came first in
    it, which readers showed as a blank line above the text."""
    element.tag = "pre"
    _close_paragraph(element)
    _unwrap_paragraph_around(element)
    before, parent = element.getprevious(), element.getparent()
    if before is None or parent is None or (before.tail or "").strip():
        return
    if _blank_paragraph(before):
        parent.remove(before)


def _unwrap_paragraph_around(block: etree._Element) -> None:
    """When `block` is in a <p> inside one of its inline elements ("<p><a href=…><div>A
    card</div></a></p>": cmark-gfm makes a line that starts with a link a paragraph), put
    what the <p> holds in its place: HTML5 ends the <p> at the block and takes its </p> for
    a stray end tag (the W3C Feed Validation Service warns: NotHtml), where libxml2, knowing
    HTML 4, kept the block inside. A block that is the <p>'s own child `_close_paragraph`
    moves out; one in SVG or MathML is theirs."""
    parent = block.getparent()
    if parent is None or parent.tag == "p" or _in_foreign_content(block):
        return
    paragraph = next(block.iterancestors("p"), None)
    if paragraph is None:
        return
    outer = paragraph.getparent()
    assert outer is not None  # under the fragment's <div>
    position = outer.index(paragraph)
    children = list(paragraph)
    _add_text(outer, position, paragraph.text)
    for offset, child in enumerate(children):
        outer.insert(position + offset, child)  # with its tail
    _add_text(outer, position + len(children), paragraph.tail)
    paragraph.tail = None
    outer.remove(paragraph)


def _add_text(parent: etree._Element, position: int, text: str | None) -> None:
    """Put `text` where a child at `position` of `parent` would start."""
    if not text:
        return
    if position:
        before = parent[position - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


_FOOTNOTE_MARK = "data-footnote"
_HTML_SPACE = "\t\n\f\r "


def _heading_ids(headings: list[etree._Element], places: list[str]) -> None:
    """An id for each of `headings` without one, as GitHub gives it (`## Set up` is `set-up`),
    so that `[setup](#set-up)` leads to it: a later heading with the same text is `set-up-1`,
    then `set-up-2`. The `places` the entry has already (an author's `<a id>`, a footnote's
    `fn-1`) are never given again: a heading `Fn 1` is `fn-1-1`. A heading whose text has no
    letter, digit, `-` or `_` (an emoji alone) gets none."""
    taken = dict.fromkeys(places, 0)
    for heading in headings:
        if "id" in heading.attrib:
            continue  # the author's own
        text = _text_content(heading) if len(heading) else heading.text or ""
        slug = _heading_slug(text.strip(_HTML_SPACE))  # `<h2>\n  Setup\n</h2>` is `setup`
        if not slug:
            continue
        unique = slug
        while unique in taken:  # as github-slugger counts them
            taken[slug] += 1
            unique = f"{slug}-{taken[slug]}"
        taken[unique] = 0
        heading.set("id", unique)


def _heading_slug(text: str) -> str:
    """The id GitHub gives a heading of `text`, as github-slugger writes it: lowercase, with
    letters (of any script), marks, digits, `_`, `-` and spaces kept, and spaces as `-`."""
    lowered = text.lower()
    if lowered.isascii():  # most headings: 0.3 us, against 0.7 through the table
        kept = lowered.encode("ascii").translate(None, _ASCII_DROPPED).decode("ascii")
    else:
        kept = lowered.translate(_SLUG_CHARACTERS)
    return kept.replace(" ", "-")


class _SlugCharacters(dict[int, int | None]):
    """What each character is in a slug: itself or nothing, found the first time it is seen."""

    def __missing__(self, code: int) -> int | None:
        category = unicodedata.category(chr(code))
        kept = (
            category[0] in "LM"
            or category in ("Nd", "Nl", "Pc")
            or code in (0x20, 0x2D)  # space and hyphen-minus
            or any(first <= code <= last for first, last in _ALPHABETIC_SYMBOLS)
        )
        self[code] = code if kept else None
        return self[code]


# Symbols Unicode counts as letters (Other_Alphabetic), which github-slugger keeps: circled
# and squared Latin letters.
_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))
_SLUG_CHARACTERS = _SlugCharacters()
_ASCII_DROPPED = bytes(code for code in range(128) if _SLUG_CHARACTERS[code] is None)
_DASH_BEFORE_DASH = re.compile("-(?=-)")


def _comments_for_readers(fragment: etree._Element) -> None:
    """The author's comments, such as "<!-- TODO -- later -->", with a space between two
    dashes inside and after a dash at the end: the W3C Feed Validation Service, which reads
    HTML as HTML5 was first written, takes them for a mistake (NotHtml: "Unexpected character
    in comment found"). And with ">" as "&gt;": newsboat ends a comment at its first ">", and
    showed the rest of it, such as a paragraph commented out (`<!-- <p>Old</p> -->`), as text.
    No one sees a comment."""
    for comment in fragment.iter(etree.Comment):
        text = comment.text or ""
        spaced = _DASH_BEFORE_DASH.sub("- ", text)
        if spaced.endswith("-"):
            spaced += " "
        spaced = spaced.replace(">", "&gt;")
        if spaced != text:
            comment.text = spaced


def _footnotes_for_readers(fragment: etree._Element) -> None:
    """cmark-gfm's footnotes without what feed readers remove (feedparser's sanitizer drops
    the data-footnote-* attributes, hooks for GitHub's own scripts, and aria-label, kept here
    as the back link's title), and with the notes in a <div>: the W3C Feed Validation
    Service's list of elements is older than <section>."""
    for element in fragment.iter("section", "a"):
        attributes = element.attrib
        marks = [name for name in attributes if str(name).startswith(_FOOTNOTE_MARK)]
        if not marks:
            continue  # a section or link of the author's own
        if element.tag == "section":
            element.tag = "div"
        for name in marks:
            del attributes[name]
        if "aria-label" in attributes:
            attributes["title"] = attributes.pop("aria-label")


def elements_with_urls(
    fragment: etree._Element, places: list[str] | None = None
) -> list[etree._Element]:
    """The elements under `fragment` that have an attribute holding URLs, in document order.
    Walked here rather than found by XPath (.//*[@href or ...]): 21 us an entry of the
    benchmark corpus against 34, as most elements have no attribute at all (comments have
    none either). With `places`, the places under `fragment` a link's fragment can name are
    added to it (every id, and the name of an <a>), found in the same walk: 2.5 us, against
    10 for an XPath of their own."""
    if places is None:
        return [
            element
            for element in fragment.iterdescendants()
            if not _ANY_URL.isdisjoint(element.keys())
        ]
    found = []
    for element in fragment.iterdescendants():
        if names := element.keys():
            if "id" in names:
                places.append(str(element.get("id")))
            if "name" in names and element.tag == "a":
                places.append(str(element.get("name")))
            if not _ANY_URL.isdisjoint(names):
                found.append(element)
    return found


def _make_urls_absolute(
    fragment: etree._Element, base: str, own_url: str, places: list[str] | None = None
) -> None:
    """Resolve the URLs under `fragment` against `base`, but a reference to a place in the
    entry itself (`#notes`) against the entry's `own_url`, and an empty one (`[this]()`, the
    same document, or one of spaces: `blank_url`) as `own_url` without its fragment (RFC 3986,
    5.2.2): against the site's home page they led a reader out of the entry. An empty `src`
    or `poster` is taken out: the entry's page is no picture. `places` as `elements_with_urls`
    adds to it."""
    for element in elements_with_urls(fragment, places):
        attributes = element.attrib
        # Each attribute is resolved on its own, so the order they are met in does not matter.
        # Names and values are text: the HTML parser made them.
        for attribute, value in cast(list[tuple[str, str]], attributes.items()):
            if attribute in _ONE_URL:
                blank = blank_url(value)
                if blank and attribute in _SHOWN:
                    del attributes[attribute]
                    continue
                if blank:
                    absolute = own_url.partition("#")[0]
                else:
                    written = value.strip()
                    absolute = absolute_url(own_url if written[0] == "#" else base, written)
                if attribute not in _ENCODED_BY_LIBXML2:
                    absolute = _encoded_as_links_are(absolute)
                if absolute != value:
                    attributes[attribute] = absolute
        srcset = attributes.get("srcset")
        if srcset is not None:
            if absolute_srcset := _absolute_srcset(srcset, base):
                attributes["srcset"] = absolute_srcset
            else:
                del attributes["srcset"]  # no image left in it, as an empty src is left out
            if "src" not in attributes and element.tag == "img":
                image = srcset_src(srcset)
                if image is not None:
                    attributes["src"] = _absolute_in_srcset(base, image)


def blank_url(url: str) -> bool:
    """Whether `url` is empty, the one rule of the build and `check` (empty-src): nothing but
    spaces, as written or percent-encoded. HTML strips the spaces around a URL (`src=" "` is
    the page itself), and cmark-gfm writes a Markdown URL of spaces (`![x](&#32;)`) as `%20`,
    which readers resolved to the site's `…/%20`, a file no site has."""
    return not unquote(url).strip()


def _link_documents(fragment: etree._Element, links: DocumentLinks) -> None:
    """Make each link under `fragment` to a document that is an entry lead to that entry;
    `_make_urls_absolute` then leaves it as it is."""
    for element in fragment.iter("a"):
        href = element.get("href")
        if href is not None:
            url = links.url(href)
            if url is not None:
                element.set("href", url)


@lru_cache(maxsize=1024)
def place_link_start(own_url: str) -> str | None:
    """How an entry's HTML writes the start of a link to a place in the entry (`#notes`),
    whose own page is `own_url`, from `href=` to the `#`: as `_make_urls_absolute` resolves it
    (a fragment of `own_url` gives way: `…/p#top` gives `…/p#notes`) and as `serialize`
    writes it, which percent-encodes a space or a letter that is not ASCII (`…/p%C3%A4ge#`),
    escapes `&`, and quotes with `'` a URL that holds `"`. None if it does not resolve so."""
    marker = "#staticfeed-place"
    link = etree.Element("a", href=absolute_url(own_url, marker))
    html = etree.tostring(link, method="html", encoding="unicode")  # <a href="…"></a>
    start = html.find("href=")
    quote = html[start + len("href=") : start + len("href=") + 1]
    end = html.find(marker[1:] + quote, start)
    if start < 0 or quote not in ("'", '"') or end < 0 or html[end - 1] != "#":
        return None
    return html[start:end]


def srcset_src(srcset: str) -> str | None:
    """The URL, as written, that an `<img>` written with `srcset` alone gets as its `src`, the
    one browsers fall back to (the build's, and `check`'s for empty-src): readers remove
    srcset (feedparser, newsboat), and such an image reached them with no picture at all. Its
    1x image (one without a descriptor is 1x), else its first: browsers still choose from the
    srcset, where the src is just one more 1x image. Only of the images browsers read (`café
    1.png 1x` is the URL `café`, then no descriptor they read, and is skipped), and not one of
    spaces alone (`%20 1x`: `blank_url`), which would be a broken picture."""
    candidates = [
        (url, descriptors)
        for url, descriptors in srcset_candidates(srcset)
        if readable_descriptors(descriptors) and not blank_url(url)
    ]
    if not candidates:
        return None
    ones = [url for url, descriptors in candidates if _one_x(descriptors)]
    return ones[0] if ones else candidates[0][0]


def _one_x(descriptors: str) -> bool:
    """Whether browsers read an image's `descriptors`, which they read, as a density of 1:
    none, or one HTML's rules for floating-point numbers read as 1 (`1x`, `1.0x`, `1e0x`)."""
    return not descriptors or (descriptors.endswith("x") and float(descriptors[:-1]) == 1)


def readable_descriptors(descriptors: str) -> bool:
    """Whether HTML reads a srcset image's `descriptors` ("parse a srcset attribute"): none, a
    density (`2x`), or a width (`300w`) with at most a height (`200h`). Browsers skip an image
    with any other: one they cannot read, a density with a width or height, two of a kind, a
    height without a width (`200h` alone), or a width or height of 0."""
    kinds = descriptor_kinds(descriptors)
    return kinds is not None and sorted(kinds) in ([], ["x"], ["w"], ["h", "w"])


def descriptor_kinds(descriptors: str) -> str | None:
    """The kind ("w", "h", "x") of each of `descriptors` in turn, or None if HTML cannot read
    one of them, whatever the others: `2X`, `2`, `0w`, `-1x`."""
    kinds = ""
    for descriptor in descriptors.split():
        match = _DESCRIPTOR.fullmatch(descriptor)
        if match is None or (match["size"] and int(match["size"]) == 0):
            return None
        if match["density"] and float(match["density"]) < 0:
            return None
        kinds += descriptor[-1]
    return kinds


# A width (`300w`) or a height (`200h`), a non-negative integer; a density (`1.5x`, `2e0x`),
# HTML's floating-point number (no "+", no "1." without a digit after the point).
_DESCRIPTOR = re.compile(
    r"(?P<size>\d+)[wh]|(?P<density>-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?)x"
)


def _absolute_srcset(srcset: str, base: str) -> str:
    """`srcset` with its URLs absolute, and without the images of an empty URL (`%20 2x`:
    `blank_url`), which browsers fetched as the site's `…/%20` and showed broken."""
    candidates = []
    for url, descriptor in srcset_candidates(srcset):
        if blank_url(url):
            continue
        joined = _absolute_in_srcset(base, url)
        candidates.append(f"{joined} {descriptor}".strip())
    return ", ".join(candidates)


def _absolute_in_srcset(base: str, url: str) -> str:
    return _encoded_as_links_are(absolute_url(base, url))


# The URL attributes libxml2 percent-encodes as it writes HTML (a space, a letter beyond
# ASCII); the others are written as they are, and must be encoded here.
_ENCODED_BY_LIBXML2 = frozenset(("href", "src", "action"))


def _encoded_as_links_are(url: str) -> str:
    """`url` with a space, tab, newline, DEL or letter beyond ASCII percent-encoded as UTF-8,
    as libxml2 writes an href: a poster or srcset reached readers as an IRI
    (`…/my poster é.png`), which no URI may hold. An escape already made stays as written."""
    if url.isascii() and url.isprintable() and " " not in url:
        return url
    return quote(url, safe=string.punctuation)


def srcset_candidates(srcset: str) -> list[tuple[str, str]]:
    """The (URL, descriptor such as "2x") of each image a srcset offers, as HTML parses a
    srcset: a URL runs to the next whitespace, commas and all (a CDN's
    `…/upload/w_300,c_fill/a.jpg`, a `data:` URL), but for commas at its end, and the
    descriptors to the next comma outside parentheses. Any whitespace parts them: a srcset
    written over several lines, or with tabs, is common."""
    candidates = []
    for match in _SRCSET_CANDIDATE.finditer(srcset):
        url, descriptors = match.group("url"), match.group("descriptors")
        if url.endswith(","):  # "a.png," is a.png with no descriptor
            url, descriptors = url.rstrip(","), ""
        if url:
            candidates.append((url, " ".join((descriptors or "").split())))
    return candidates


# HTML's "parse a srcset attribute": whitespace and commas, a URL (no whitespace), then
# descriptors up to a comma that is not in parentheses.
_SRCSET_CANDIDATE = re.compile(
    r"[\t\n\f\r ,]*(?P<url>[^\t\n\f\r ]+)"
    r"(?:(?<!,)(?P<descriptors>(?:[^,(]|\([^()]*\)?)*),?)?"
)


def absolute_url(base: str, url: str) -> str:
    """`url` resolved against `base`. References like &#1; are decoded by the time they get
    here, so characters XML cannot carry are removed; a URL that urllib cannot parse
    (`http://[x/`, a host that NFKC turns into `/`) is left as written."""
    if not url.isprintable():  # a printable URL holds none of the characters XML cannot carry
        url = remove_xml_illegal(url)
    if "%" in url:  # one that begins no escape (`100%.html`): servers answer 400 Bad Request
        url = BARE_PERCENT.sub("%25", url)
    if "\\" in url:
        url = _backslashes_as_slashes(base, url)
    if _already_absolute(url):
        return url
    return _join(base, url)


def _backslashes_as_slashes(base: str, url: str) -> str:
    """`url` with each `\\` before its query or fragment a `/`, as browsers read an http(s)
    URL (WHATWG URL standard): `img\\x.png` reached readers as `…/img\\x.png`, which
    servers and readers that are no browser take for another file. A URL of another scheme
    (`news:a\\b`) stays as written."""
    scheme = _SCHEME.match(url)
    if (scheme[0] if scheme else base[: base.find(":") + 1]).lower() not in _SPECIAL_SCHEMES:
        return url
    return backslashes_as_slashes(url)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_SPECIAL_SCHEMES = ("http:", "https:")


@lru_cache(maxsize=4096)
def _join(base: str, url: str) -> str:
    # Entries link to the same few pages (the archive, tags, each other) against the same base.
    joined = _join_path(base, url)
    if joined is not None:
        return joined
    try:
        return urljoin(base, url)
    except ValueError:
        return url


# A path of plain segments, then any query and fragment without spaces or control characters:
# what urljoin leaves as written. Leading ../ are taken apart; a path that starts with a dot,
# any other dot segment, an empty path, a ; (params to urllib) or a : before the first / (a
# scheme) is left to urljoin.
_PLAIN_PATH = re.compile(
    r"(?P<up>(?:\.\./)*)(?P<path>/?[\w~!$&'()*+,=@%-][\w.~!$&'()*+,=:@%/-]*)"
    r"(?P<rest>[?#][^\x00-\x20\x7f]*)?",
    re.ASCII,
)
_DOT_SEGMENT = re.compile(r"(?:^|/)\.\.?(?:/|$)")


def _join_path(base: str, url: str) -> str | None:
    """What urljoin(base, url) gives, for the relative URLs most entries hold (`/archive/`,
    `notes.html#a`, `../2024/post/`) against a plain http(s) base; None for anything else.
    urljoin takes 5.8 us for such a URL of the benchmark corpus, this 2.0 us."""
    match = _PLAIN_PATH.fullmatch(url)
    if match is None or "//" in match["path"] or _DOT_SEGMENT.search(match["path"]):
        return None  # urljoin merges empty segments (a//b is a/b) and resolves dot segments
    path, up = match["path"], match["up"].count("../")
    if ":" in path.partition("/")[0] or (up and path.startswith("/")):
        return None
    query, hash_sign, fragment = (match["rest"] or "").partition("#")
    if query == "?" or (hash_sign and not fragment):
        return None  # urljoin drops an empty query or fragment
    split = _split_base(base)
    if split is None:
        return None
    origin, folder = split
    if path.startswith("/"):
        return origin + url
    segments = folder.split("/")  # "/a/b/" is ["", "a", "b", ""]
    up = min(up, len(segments) - 2)  # as urljoin, ../ above the root stays at the root
    kept = "/".join(segments[: len(segments) - 1 - up]) + "/"
    return origin + kept + url[len(match["up"]) :]


# A base urljoin takes apart plainly: http(s), a host without user, brackets or odd characters,
# and a path of plain segments.
_PLAIN_BASE = re.compile(
    r"(?P<origin>https?://[A-Za-z0-9.-]+(?::\d+)?)(?P<path>(?:/[\w.~!$&'()*+,=:@%-]*)*)"
    r"(?:[?#][^\x00-\x20\x7f]*)?",
    re.ASCII,
)


@lru_cache(maxsize=64)
def _split_base(base: str) -> tuple[str, str] | None:
    """`base`'s scheme and host, and the folder its path is in ("/" for none), as urljoin
    resolves against them; None when urljoin must be asked."""
    match = _PLAIN_BASE.fullmatch(base)
    if match is None or "//" in match["path"] or _DOT_SEGMENT.search(match["path"]):
        return None
    folder = match["path"].rpartition("/")[0] + "/"
    return match["origin"], folder


# Characters after which urljoin may rewrite an absolute URL: it drops an empty query (?),
# fragment (#) or params (;), removes tabs and newlines, and checks brackets (IPv6 hosts).
_REWRITTEN = frozenset("?#;\t\r\n[]")


def _already_absolute(url: str) -> bool:
    """Whether `url` is an http(s) URL with a host that urljoin would return unchanged against
    any base: half the URLs in a typical entry, and urljoin is slow."""
    if url.startswith("https://"):
        rest = url[8:]
    elif url.startswith("http://"):
        rest = url[7:]
    else:
        return False
    return bool(rest) and rest[0] != "/" and _REWRITTEN.isdisjoint(url)


def summarize(fragment: etree._Element) -> str:
    """The first paragraph with text as plain text, cut at a word boundary under
    SUMMARY_LIMIT. An image in it reads as its alt text: "Cats, ![a cat](cat.jpg), dogs" left
    "Cats, , dogs". A paragraph of images alone is no text: a photo above the first words."""
    paragraphs = fragment.findall(".//p") or [fragment]
    for paragraph in paragraphs:
        if next(paragraph.iterancestors(*_UNSHOWN), None) is not None:
            continue  # a paragraph in a <template>, which nothing shows
        text = collapse_whitespace(for_feeds(_text_without_notes(paragraph)))
        if text.isspace():
            continue  # no-break spaces alone, which collapse_whitespace keeps: a blank line
        if text and paragraph.find(".//img[@alt]") is not None:
            text = collapse_whitespace(for_feeds(_text_with_images(paragraph)))
        if text:
            return shorten(text, SUMMARY_LIMIT)
    return ""


def _text_content(element: etree._Element) -> str:
    return str(_TEXT_CONTENT(element))


_NOTE_REFERENCE = ".//sup[@class='footnote-ref']"
# Elements whose text no one sees: a script's or style sheet's code, a template's content.
_UNSHOWN = ("script", "style", "template")
# Elements a reader shows apart from the text around them: "red,<br>violets" is "red, violets",
# and two table cells are two words.
_APART = (
    "br", "hr", "p", "div", "li", "dt", "dd", "td", "th", "tr", "blockquote", "pre", "figcaption",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "section", "article", "figure",
)  # fmt: skip
_SHOWN_APART = frozenset((*_APART, *_HTML5_BLOCKS))
_APART_TEST = " or ".join(f"self::{tag}" for tag in _APART)
_UNSHOWN_TEST = " or ".join(f"ancestor::{tag}" for tag in _UNSHOWN)
_SHOWN_TEXT = f".//text()[not(ancestor::sup[@class='footnote-ref'] or {_UNSHOWN_TEST})]"
_TEXT_APART = etree.XPath(f"{_SHOWN_TEXT} | .//*[{_APART_TEST}]")
_TEXT_AND_IMAGES = etree.XPath(
    f"{_SHOWN_TEXT} | .//*[{_APART_TEST}] | .//img[@alt and not({_UNSHOWN_TEST})]"
)


def _text_without_notes(element: etree._Element) -> str:
    """The text of `element` as a reader shows it, without its footnote numbers: "A claim.1"
    is "A claim.", and elements shown apart (a line break, a cell) are apart by a space. The
    code of a <script> or <style> is no text: "Hello <script>…</script>world." reads
    "Hello world."."""
    if (
        element.tag == "p"
        and element.find(_NOTE_REFERENCE) is None
        and next(element.iter("br", *_UNSHOWN), None) is None
    ):
        return _text_content(element)  # most first paragraphs: 1 us, against 6 for the XPath
    parts = cast(list[str | etree._Element], _TEXT_APART(element))
    return "".join(part if isinstance(part, str) else " " for part in parts)


def _text_with_images(element: etree._Element) -> str:
    """`_text_without_notes`, with each image as its alt text, as a reader shows an image it
    does not load, and as a screen reader reads it."""
    parts = cast(list[str | etree._Element], _TEXT_AND_IMAGES(element))
    return "".join(
        part if isinstance(part, str) else part.get("alt", "") if part.tag == "img" else " "
        for part in parts
    )


def serialize(fragment: etree._Element) -> str:
    """The HTML inside the <div> of `parse_fragment`: its text escaped again, then its
    children. Text before the first element (after a raw closing tag, say) is parsed text, so
    "&lt;em&gt;" stays text."""
    html = etree.tostring(fragment, method="html", encoding="unicode")
    if next(fragment.iter(*_HTML5_VOID), None) is not None:  # libxml2 closes them: <wbr></wbr>
        html = _VOID_END_TAG.sub(_without_end_tag, html)
    return for_feeds(html.removeprefix("<div>").removesuffix("</div>")).strip()


def _without_end_tag(match: re.Match[str]) -> str:
    """A void element without the end tag libxml2 gave it; code or a comment as it is."""
    if match["end"] is None:
        return match[0]
    return match[0][: match.start("end") - match.start()]


def places_in(markdown: str) -> set[str]:
    """What a link's fragment can name in `markdown` as `render_entries` renders it: every
    id, headings' own included, and the name of each <a>."""
    headings: list[etree._Element] = []
    places: list[str] = []
    elements_with_urls(parse_fragment(markdown_to_html(markdown), headings=headings), places)
    _heading_ids(headings, places)
    return {*places, *(str(heading.get("id")) for heading in headings if heading.get("id"))}
