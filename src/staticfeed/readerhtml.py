"""What feed readers remove from the raw HTML in entries, found by running feedparser's
sanitizer on it.

Readers do not show an entry's HTML as a browser shows a page: they keep a list of elements,
attributes and CSS properties, and drop the rest (scripts, iframes, event handlers, layout
CSS). feedparser's list is the one Python readers apply, and the W3C Feed Validation Service
warns about the same kind of markup. Rather than keep a copy of that list, the HTML is given to
feedparser as a feed, and what it gives back is compared with what went in.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from html import escape as escape_html
from typing import NamedTuple
from xml.sax.saxutils import escape

from lxml import etree

from staticfeed.gfm import Sources
from staticfeed.render import parse_fragment, serialize

_URL_ATTRIBUTES = ("href", "src", "poster", "action", "cite", "longdesc")
_BATCH = 500
"""Bodies given to feedparser at once: one feed of many entries takes a third of the time that
a feed for each takes, and a batch keeps the feed's size in bounds."""


@dataclass(frozen=True)
class Removed:
    """Something readers remove (or the W3C service warns about), the first time it occurs:
    its line in the Markdown (1 for the first; None when it cannot be told), what it is
    (`<iframe>`), and how many more times it occurs."""

    line: int | None
    what: str
    more: int = 0

    @property
    def element(self) -> bool:
        """Whether a whole element is removed, not one of its attributes or CSS properties."""
        return self.what.startswith("<")

    @property
    def url(self) -> bool:
        """Whether a URL is emptied, its attribute kept."""
        return ": URL " in self.what

    @property
    def tag(self) -> str:
        """The name of the element it is or is in (`b` of `<b and c>`)."""
        return re.split(r"[\s>]", self.what.partition("<")[2], maxsplit=1)[0]

    @property
    def not_html(self) -> bool:
        """Whether it is an element HTML does not have, such as the `<y and a >` that Markdown
        reads in the text "x<y and a > b": a '<' before a letter starts a tag."""
        return self.element and _unknown_element(self.tag)

    @property
    def words_as_attributes(self) -> bool:
        """Whether it is an element of HTML whose attributes are words of text
        (`_words_as_attributes`), written with them: `<b and c>`."""
        return self.element and " " in self.what.partition(">")[0]

    @property
    def url_in_style(self) -> bool:
        """Whether it is a style with a url(), which readers take out of it."""
        return self.what.startswith(_URL)

    @property
    def code(self) -> bool:
        """Whether it is a script or a style sheet, whose code readers remove with it."""
        return self.element and self.tag in _CODE

    @property
    def shows_hidden(self) -> bool:
        """Whether it is a `<template>`: readers drop its tags but show what it holds, which
        browsers keep out of the page (feedparser does not list it with `<script>`, whose
        content it drops too)."""
        return self.element and self.tag == "template"

    @property
    def hides_the_rest(self) -> bool:
        """Whether newsboat shows nothing after it (`_code_hiding_the_rest`)."""
        return self.what.endswith(_HOLDING_LT)


# Elements of HTML that neither lxml's list nor feedparser's has: HTML5's newer ones, and
# obsolete ones browsers still read.
_MORE_HTML_ELEMENTS = (
    "bdi",
    "bgsound",
    "data",
    "frame",
    "image",
    "listing",
    "main",
    "menuitem",
    "nobr",
    "noembed",
    "noframes",
    "picture",
    "plaintext",
    "rb",
    "rtc",
    "search",
    "slot",
    "template",
    "xmp",
)


# Attributes HTML writes without a value that neither lxml's lists nor feedparser's has.
_MORE_VALUELESS_ATTRIBUTES = (
    *("allowfullscreen", "alpha", "async", "autoplay", "declare", "defer", "download"),
    *("formnovalidate", "inert", "itemscope", "mozallowfullscreen", "muted", "nomodule"),
    *("noresize", "novalidate", "playsinline", "popover", "reversed", "scoped", "seamless"),
    *("shadowrootclonable", "shadowrootdelegatesfocus", "shadowrootserializable"),
    *("spellcheck", "translate", "truespeed", "typemustmatch", "webkitallowfullscreen"),
)


def _words_as_attributes(element: etree._Element) -> bool:
    """Whether the attributes of `element` are words of text that Markdown read as a tag, as
    the `and` and `c` of `<b and c>` in "if a<b and c>d": none has a value, and one is a word
    that names no attribute of HTML. A custom attribute (`x-cloak`) has a hyphen."""
    if any(element.attrib.values()):
        return False
    names = (str(name) for name in element.attrib)
    return any(name.isalpha() and name not in _html_attributes() for name in names)


@functools.cache
def _html_attributes() -> frozenset[str]:
    from feedparser.sanitizer import _HTMLSanitizer as readers
    from lxml.html import defs

    names = (
        *defs.safe_attrs,
        *defs.event_attrs,
        *defs.link_attrs,
        *readers.acceptable_attributes,
        *readers.svg_attributes,
        *readers.mathml_attributes,
        *_MORE_VALUELESS_ATTRIBUTES,
    )
    return frozenset(name.lower() for name in names)


def _unknown_element(tag: str) -> bool:
    """Whether HTML has no element `tag`; a custom element's name has a hyphen."""
    return "-" not in tag and tag.lower() not in _html_elements()


@functools.cache
def _html_elements() -> frozenset[str]:
    from feedparser.sanitizer import _HTMLSanitizer as readers
    from lxml.html import defs

    names = (
        *defs.tags,
        *readers.acceptable_elements,
        *readers.unacceptable_elements_with_end_tag,
        *readers.svg_elements,
        *readers.mathml_elements,
        *_MORE_HTML_ELEMENTS,
    )
    return frozenset(name.lower() for name in names)


class Piece(NamedTuple):
    """A piece of an entry's raw HTML, after the line of its Markdown it starts on (1 for the
    first), and whether it is a tag among text, as in a paragraph (`Sources.in_prose`)."""

    line: int
    html: str
    in_prose: bool = False


def linked_html(sources: Sources) -> list[Piece]:
    """The raw HTML of `sources` and, written as HTML, each link of its Markdown, in order of
    line: a reader empties the URL of `[call](tel:…)` as it does that of `<a href="tel:…">`,
    and cmark-gfm keeps both as written. Readers keep an image's URL, whatever its scheme, and
    a web page's: only links with another scheme are given, which keeps an entry without raw
    HTML from feedparser (check of the 10,000-entry benchmark took 20.2 s given every link,
    16.6 s given only those).
    """
    raw = [
        Piece(line, html, index in sources.in_prose)
        for index, (line, html) in enumerate(sources.raw_html)
    ]
    links = [
        Piece(line, f'<a href="{escape_html(url)}">link</a>')
        for line, kind, url in sources.destinations
        if kind == "link" and _other_scheme(url)
    ]
    return sorted([*raw, *links], key=lambda piece: piece.line)


_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _other_scheme(url: str) -> bool:
    """Whether `url` has a scheme other than http(s); a relative URL has none."""
    scheme = _SCHEME.match(url)
    return scheme is not None and scheme[1].lower() not in ("http", "https")


@dataclass(frozen=True)
class Reading:
    """What readers remove from a body's raw HTML, and what of the rest the W3C Feed
    Validation Service warns about, each in order of first line."""

    removed: list[Removed]
    warned: list[Removed]


def read_by_readers(pieces: Sequence[Sequence[Piece]]) -> list[Reading]:
    """For each body's raw HTML (`linked_html`), what readers remove from it and what of what
    they keep the service warns about. What cmark-gfm makes of the Markdown around that HTML
    they keep, so only the raw HTML is given to feedparser: a whole entry took it three times
    as long."""
    with_html = [index for index, found in enumerate(pieces) if found]
    readings = [Reading([], []) for _ in pieces]
    for start in range(0, len(with_html), _BATCH):
        batch = with_html[start : start + _BATCH]
        written = [
            parse_fragment("\n".join(piece.html for piece in pieces[index])) for index in batch
        ]
        # Readers get the HTML as staticfeed publishes it: a <plaintext> as the <pre> they keep.
        published = _sanitized([serialize(fragment) for fragment in written])
        for index, fragment, kept in zip(batch, written, published, strict=True):
            readings[index] = _reading(pieces[index], fragment, kept)
    return readings


def _reading(pieces: Sequence[Piece], written: etree._Element, kept: str | None) -> Reading:
    warned = _warned_by_the_service(written)
    if kept is None:  # not given back: nothing is reported as removed, no style as kept
        return Reading([], _first_of_each(pieces, warned))
    aligned = _aligned(written, parse_fragment(kept))
    return Reading(
        _first_of_each(pieces, _differences(aligned, _prose_lines(pieces))),
        _first_of_each(pieces, itertools.chain(warned, _kept_css_warned_about(aligned))),
    )


_Found = tuple[str, re.Pattern[str], etree._Element]
"""Something found in raw HTML: what it is, a pattern that finds it there, and its element."""


def _prose_lines(pieces: Sequence[Piece]) -> frozenset[int]:
    """The lines of `pieces` joined by newlines, as lxml numbers them, that hold a tag among
    text (`Piece.in_prose`)."""
    lines: set[int] = set()
    start = 1
    for piece in pieces:
        end = start + piece.html.count("\n")
        if piece.in_prose:
            lines.update(range(start, end + 1))
        start = end + 1
    return frozenset(lines)


def _first_of_each(pieces: Sequence[Piece], found: Iterable[_Found]) -> list[Removed]:
    """Each kind of thing `found`, at its first line in `pieces`, in order of line."""
    lines: dict[str, list[int | None]] = {}
    for what, pattern, element in found:
        ends: object = element.sourceline  # untyped in lxml's stubs
        until = ends if isinstance(ends, int) else None
        lines.setdefault(what, []).append(_line(pieces, pattern, until))
    each = [Removed(places[0], what, len(places) - 1) for what, places in lines.items()]
    return sorted(each, key=lambda one: (one.line or 0, one.what))


# HTML readers keep that the W3C Feed Validation Service warns about, its lists of HTML being
# older than feedparser's: inline SVG and MathML, which it takes for other than HTML (NotHtml),
# and the controls of a <video> or an <audio> (SecurityRiskAttr: its list of attributes has
# poster and preload, not controls). And
# elements of old browsers that feedparser keeps, which the service's list of HTML's elements
# does not have (NotHtml: "Non-html tag"; its `eventsource` is not feedparser's `event-source`).
DRAWINGS = ("svg", "math")
"""Inline SVG and MathML: markup a picture can show instead."""
_NOT_HTML_TO_THE_SERVICE = (
    *DRAWINGS, "event-source", "keygen", "multicol", "nextid", "sound", "spacer",
)  # fmt: skip
_ATTRIBUTES_THE_SERVICE_WARNS_ABOUT = ("controls",)


def _warned_by_the_service(fragment: etree._Element) -> Iterator[_Found]:
    for element in fragment.iter(*_NOT_HTML_TO_THE_SERVICE):
        if next(element.iterancestors(*DRAWINGS), None) is None:  # else its drawing is told
            yield f"<{element.tag}>", _tag_pattern(str(element.tag)), element
    for element in _elements(fragment):
        for name in _ATTRIBUTES_THE_SERVICE_WARNS_ABOUT:
            if name in element.attrib:
                tag = str(element.tag)
                yield f"the {name} attribute of <{tag}>", _attribute_pattern(tag, name), element


def _sanitized(htmls: Sequence[str]) -> list[str | None]:
    """Each of `htmls` as feedparser gives it to a reader; None for one it did not give back,
    which is then not reported as removed whole."""
    import feedparser  # only `check` needs it, and it takes a while to import

    entries = "".join(
        f'<entry><id>{number}</id><content type="html">{escape(html)}</content></entry>'
        for number, html in enumerate(htmls)
    )
    feed = f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
    parsed = feedparser.parse(feed.encode("utf-8"), sanitize_html=True, resolve_relative_uris=False)
    kept = {
        str(entry.get("id")): str(entry.get("content", [{}])[0].get("value", ""))
        for entry in parsed.entries
    }
    return [kept.get(str(number)) for number in range(len(htmls))]


_Aligned = list[tuple[etree._Element, etree._Element | None]]


def _aligned(written: etree._Element, kept: etree._Element) -> _Aligned:
    """Each element of `written` with the one readers keep of it, or None when they remove it."""
    before, after = _elements(written), _elements(kept)
    matcher = difflib.SequenceMatcher(
        None, [e.tag for e in before], [e.tag for e in after], autojunk=False
    )
    aligned: _Aligned = []
    for operation, start, end, kept_start, _ in matcher.get_opcodes():
        for offset in range(end - start):
            same = after[kept_start + offset] if operation == "equal" else None
            aligned.append((before[start + offset], same))
    return aligned


def _differences(aligned: _Aligned, prose: frozenset[int]) -> Iterator[_Found]:
    """What readers remove, with a pattern that finds it in raw HTML; `prose`, the lines of it
    that hold a tag among text (`_prose_lines`)."""
    dropped: set[etree._Element] = set()
    for element, kept in aligned:
        if kept is not None:
            line: object = element.sourceline  # untyped in lxml's stubs
            yield from _kept_differences(element, kept, line in prose)
            continue
        if not any(parent in dropped for parent in element.iterancestors()):
            yield *_dropped(element), element
        dropped.add(element)


# Code newsboat shows nothing after: it reads a "<" in a script or a style sheet as the start of
# a tag that runs to the next ">", and the one of "</script>" when no other follows, so it
# never sees the element end ("if (a < b) go();"; "if (a < b && c > d)" ends as it should).
_CODE = ("script", "style")
_HOLDING_LT = " whose code holds '<'"


def _dropped(element: etree._Element) -> tuple[str, re.Pattern[str]]:
    tag = str(element.tag)
    code = element.text or "" if tag in _CODE else ""
    if code.rfind("<") > code.rfind(">"):
        return f"<{tag}>{_HOLDING_LT}", _holding_lt_pattern(tag)
    return f"<{tag}>", _tag_pattern(tag)


def _holding_lt_pattern(tag: str) -> re.Pattern[str]:
    """A start tag `<tag>` whose code, up to its end tag or the end of the piece (where an
    element left open ends), holds a '<' that no '>' follows. Each part takes all it can and
    gives nothing back, so a long script left open is read once, not once for each '<'."""
    code = rf"(?:(?!</{tag})[^>])"
    return re.compile(
        rf"<{tag}(?=[\s/>])[^>]*>(?:{code}*+>)*+(?:(?!</{tag})[^<>])*+<{code}*+(?:</{tag}|\Z)",
        re.IGNORECASE,
    )


def _kept_differences(
    written: etree._Element, kept: etree._Element, in_prose: bool
) -> Iterator[_Found]:
    """What readers remove from an element they keep: its attributes, or, when it is a tag in
    a paragraph whose attributes are words of text (`_words_as_attributes`), the text it was
    written as, which no one sees. In an HTML block, `<div markdown>` is HTML written so."""
    removed = list(_attribute_differences(written, kept))
    if removed and in_prose and _words_as_attributes(written):
        tag, names = str(written.tag), [str(name) for name in written.attrib]
        yield f"<{tag} {' '.join(names)}>", _attribute_pattern(tag, names[0]), written
        return
    for what, pattern in removed:
        yield what, pattern, written


def _attribute_differences(
    written: etree._Element, kept: etree._Element
) -> Iterator[tuple[str, re.Pattern[str]]]:
    tag = str(written.tag)
    for name, value in written.attrib.items():
        name = str(name)
        if name not in kept.attrib:
            if name == "style":
                yield from _css_differences(tag, str(value), "")
            else:
                yield f"the {name} attribute of <{tag}>", _attribute_pattern(tag, name)
        elif name == "style":
            yield from _css_differences(tag, str(value), str(kept.attrib[name]))
        elif name in _URL_ATTRIBUTES and str(value).strip() and not kept.attrib[name].strip():
            scheme = str(value).strip().partition(":")[0].lower()
            link = (tag, name) == ("a", "href")
            what = (
                f"the {scheme}: URL of a link" if link else f"the {scheme}: URL in <{tag} {name}>"
            )
            yield what, _attribute_pattern(tag, name, rf"\s*=\s*[\"']?\s*{re.escape(scheme)}:")


def _css_differences(tag: str, written: str, kept: str) -> Iterator[tuple[str, re.Pattern[str]]]:
    for name in sorted(_css_properties(written) - _css_properties(kept)):
        yield f"the CSS property {name} in the style of <{tag}>", _css_pattern(tag, name)


# The W3C service and feedparser share a list of CSS properties but for those that start with
# these: feedparser keeps any of them whose values are plain, the service only those on its
# longer list; and the service holds the values of these to its own, stricter, notion of plain.
_BOX = ("background", "border", "margin", "padding")
_SIDES = ("", "-top", "-right", "-bottom", "-left")
_BOX_PROPERTIES_THE_SERVICE_TAKES = frozenset(
    {"background", "background-color", "border-collapse", "border-spacing"}
    | {f"{box}{side}" for box in ("border", "margin", "padding") for side in _SIDES}
    | {f"border{side}-{part}" for side in _SIDES for part in ("color", "style", "width")}
)
# Its plain values: a keyword of feedparser's list, a colour in hex or rgb(), or a number of at
# most three digits, at most one before a point and two after it ("100px", "1.25em"; not
# "12.5px"), the same as feedparser's but for the number.
_VALUE_THE_SERVICE_TAKES = re.compile(
    r"#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d?\.?\d?\d(?:cm|em|ex|in|mm|pc|pt|px|%|,|\))?"
)


def _kept_css_warned_about(aligned: _Aligned) -> Iterator[_Found]:
    """The CSS readers keep that the service warns about (DangerousStyleAttr). It reads the
    style as written, and lower case: one readers keep is one it gets past its first look,
    unless it held a url(), which readers take out before that look and the service does not
    (its look lets a parenthesis hold only digits, commas and spaces): it then warns about the
    whole style, and looks no further."""
    for written, kept in aligned:
        style = str(kept.get("style", "")).lower() if kept is not None else ""
        tag = str(written.tag)
        if style and _CSS_URL.search(str(written.get("style", ""))):
            yield (
                f"{_URL} in the style of <{tag}>",
                _attribute_pattern(tag, "style", _URL_AFTER),
                written,
            )
            continue
        for name, value in _DECLARATION.findall(style):
            for what in _css_the_service_warns_about(name, value):
                yield f"{what} in the style of <{tag}>", _css_pattern(tag, name), written


def _css_the_service_warns_about(name: str, value: str) -> Iterator[str]:
    if name.split("-")[0] not in _BOX:
        return  # on the list both share, and its values are not looked at
    if name not in _BOX_PROPERTIES_THE_SERVICE_TAKES:
        yield f"the CSS property {name}"
        return
    from feedparser.sanitizer import _HTMLSanitizer  # its keywords are the service's

    for word in value.split():
        plain = word in _HTMLSanitizer.acceptable_css_keywords
        if not plain and not _VALUE_THE_SERVICE_TAKES.fullmatch(word):
            yield f"the value {word} of the CSS property {name}"


_DECLARATION = re.compile(r"([-\w]+)\s*:\s*([^:;]*)")
# A url() as feedparser finds it (in lower case alone), to take it out of a style.
_CSS_URL = re.compile(r"url\s*\(")
_URL_AFTER = r"\s*=[^>]*?\burl\s*\("
_URL = "the url()"


def _css_pattern(tag: str, name: str) -> re.Pattern[str]:
    return _attribute_pattern(tag, "style", rf"\s*=[^>]*?\b{re.escape(name)}\s*:")


def _css_properties(style: str) -> set[str]:
    names = (declaration.partition(":")[0].strip().lower() for declaration in style.split(";"))
    return {name for name in names if name}


def _elements(fragment: etree._Element) -> list[etree._Element]:
    return [element for element in fragment.iterdescendants() if isinstance(element.tag, str)]


def _tag_pattern(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<{re.escape(tag)}(?=[\s/>]|$)", re.IGNORECASE)


def _attribute_pattern(tag: str, name: str, after: str = r"(?=[\s=/>]|$)") -> re.Pattern[str]:
    return re.compile(rf"<{re.escape(tag)}\s[^>]*?(?<=\s){re.escape(name)}{after}", re.IGNORECASE)


def _line(pieces: Sequence[Piece], pattern: re.Pattern[str], until: int | None) -> int | None:
    """The line where `pattern` is found in the raw HTML `pieces`: the last place on or before
    `until`, the line of the pieces joined by newlines where the element found ends its start
    tag (lxml's sourceline), which is that start tag's place; else the first. Of two <b> with
    `margin` in their style, readers may remove it from the second alone."""
    found = None
    start = 1  # the line of the pieces joined where this piece starts
    for line, html, _ in pieces:
        for match in pattern.finditer(html):
            before = html.count("\n", 0, match.start())
            if found is not None and (until is None or start + before > until):
                return found
            found = line + before
        start += html.count("\n") + 1
    return found


@dataclass(frozen=True)
class HiddenSection:
    """The first CDATA section in an entry's raw HTML with text in it: XML shows its text, but
    HTML reads it as a comment, up to its first ">", and the build publishes it as one. Its
    line in the Markdown, the section as written (to that ">"), the text no one sees, and how
    many more such sections there are."""

    line: int
    written: str
    text: str
    more: int


def hidden_sections(sources: Sources) -> HiddenSection | None:
    """The CDATA sections of `sources` whose text no one sees (`HiddenSection`), if any. Not
    one in code, nor in a comment or a script the author wrote, nor one in SVG or MathML,
    whose text HTML shows and the build publishes. From the comments the build's parser makes
    of them: its own reading, `<![cdata[` too. The tags among the text of a paragraph are read
    together, as a section's place among them (in an <svg>) is what it is read by."""
    found: list[tuple[int, str, str]] = []
    for run in _runs(sources.raw_html if sources.parsed else [], sources.in_prose):
        html = "\n".join(piece for _, piece in run)
        if "<![" not in html:
            continue  # most raw HTML: parsed for nothing
        starts = list(itertools.accumulate((len(piece) + 1 for _, piece in run), initial=0))
        start = 0
        for comment in parse_fragment(html).iter(etree.Comment):
            data = str(comment.text or "")
            written = f"<!{data}>"
            at = html.find(written, start)
            if data[:7].upper() != "[CDATA[" or at < 0:
                continue  # a comment written as one: <!-- x -->, or <!--[CDATA[x]]-->
            start = at + len(written)
            text = data[7:].removesuffix("]]")
            index = bisect.bisect_right(starts, at) - 1
            line, piece = run[index]
            if text.strip():
                found.append((line + piece.count("\n", 0, at - starts[index]), written, text))
    if not found:
        return None
    line, written, text = found[0]
    return HiddenSection(line, written, text, len(found) - 1)


def _runs(
    pieces: Sequence[tuple[int, str]], in_prose: frozenset[int]
) -> Iterator[list[tuple[int, str]]]:
    """`pieces` of raw HTML, an HTML block alone and the tags among text that follow one
    another together."""
    run: list[tuple[int, str]] = []
    for index, piece in enumerate(pieces):
        if index in in_prose:
            run.append(piece)
            continue
        if run:
            yield run
            run = []
        yield [piece]
    if run:
        yield run
