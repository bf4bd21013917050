"""Where a formatting element is around text as HTML5 reads an entry's HTML, and the feed
shows that text without it.

An HTML5 parser keeps a list of the formatting elements it has seen open (`<b>`, `<a>`, `<em>`
and the like) and opens them again around text that follows once their parent has closed
(HTML5's "reconstruct the active formatting elements"): in `<p>a <b>bold</p><p>c</p>`, `c` is
bold in every browser and HTML5 feed reader; and a `<b>` left open before a `<p>` holds the
paragraph. The build parses an entry's HTML with libxml2, which closes such an element with
its parent, or at the block, and publishes `c` plain; readers then show that. This module
follows HTML5's tree-building steps for those elements (its stack of open elements and its
list of active formatting elements, by tag name) over cmark-gfm's HTML of an entry, and
compares what each text is in with the build's reading, to tell the author where the two
part. It builds no tree and publishes nothing.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from html import unescape

from lxml import etree

from staticfeed.render import parse_fragment

FORMATTING = frozenset(
    (
        "a",
        "b",
        "big",
        "code",
        "em",
        "font",
        "i",
        "nobr",
        "s",
        "small",
        "strike",
        "strong",
        "tt",
        "u",
    )
)
# HTML5's "special" elements: an end tag of another element does not close them, and the
# adoption agency stops at the first above a formatting element.
_SPECIAL = frozenset(
    (
        *("address", "applet", "area", "article", "aside", "base", "basefont", "bgsound"),
        *("blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd"),
        *("details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure"),
        *("footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head"),
        *("header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link"),
        *("listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes"),
        *("object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section"),
        *("select", "source", "style", "summary", "table", "tbody", "td", "template"),
        *("textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp"),
    )
)
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
# Start tags that close an open <p> first; their end tags close what they hold.
_BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "center", "details", "dialog", "dir"),
        *("div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header"),
        *("hgroup", "listing", "main", "menu", "nav", "ol", "p", "pre", "search", "section"),
        *("summary", "table", "ul", "hr", "xmp", "plaintext"),
    )
)
_BLOCK_ENDS = (_BLOCKS - {"p", "hr", "xmp", "plaintext", "table"}) | {"button"}
# Their start puts a marker in the list of active formatting elements, and their end clears
# it back to that marker: what is open in a table cell is not carried out of it.
_MARKED = frozenset(("applet", "caption", "marquee", "object", "td", "template", "th"))
_TABLE_PARTS = frozenset(("caption", "tbody", "td", "tfoot", "th", "thead", "tr"))
_VOID = frozenset(
    (
        *("area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image"),
        *("img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"),
    )
)
_RAW_TEXT = frozenset(
    ("iframe", "noembed", "noframes", "script", "style", "textarea", "title", "xmp")
)
_FOREIGN = frozenset(("math", "svg"))
_TEXT_HOLDERS = _RAW_TEXT | {"plaintext"}
_SKIPPED = _RAW_TEXT
"""What the build's reading does not look into for formatting: raw text. It looks into SVG and
MathML, where libxml2 keeps text that HTML5 reads as HTML's, after an end tag of theirs that it
ignores or an <svg> or <math> left open."""
# Start tags that end SVG and MathML in HTML5 (its "breakout" from foreign content): the
# elements open in them are closed, and the tag is HTML's. So is <font> with one of
# _FONT_BREAKOUT's attributes.
_BREAKOUT = frozenset(
    (
        *("b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt"),
        *("em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li"),
        *("listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span"),
        *("strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var"),
    )
)
_FONT_BREAKOUT = frozenset(("color", "face", "size"))
# SVG and MathML elements in which HTML5 reads start tags and text as HTML's (an
# <annotation-xml> only with an _HTML_ENCODINGS encoding): what they hold is HTML, and they
# are "special", as a <div> is, which an end tag of another element does not close.
_INTEGRATION = {
    "svg": frozenset(("desc", "foreignobject", "title")),
    "math": frozenset(("annotation-xml", "mi", "mn", "mo", "ms", "mtext")),
}
_HTML_ENCODINGS = frozenset(("text/html", "application/xhtml+xml"))
# libxml2's "end priority" of elements (its htmlEndPriority): an end tag does not end an
# element opened before one of higher priority than its own (a </svg> one before a <div>).
_END_PRIORITY = {
    **{"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180},
    **{"tfoot": 180, "table": 190, "head": 200, "body": 200, "html": 220},
}
_DEFAULT_END_PRIORITY = 100
_SCOPE = frozenset(
    ("applet", "caption", "html", "marquee", "object", "table", "td", "template", "th")
)
_BUTTON_SCOPE = _SCOPE | {"button"}
_LIST_SCOPE = _SCOPE | {"ol", "ul"}
_TABLE_SCOPE = frozenset(("html", "table", "template"))

_ATTRIBUTE_NAME = r"[^\t\n\f />][^\t\n\f />=]*+"
# A quote begins a value only straight after `=` and spaces (`title=a"b` is the value `a"b`,
# and the tag ends at the first `>`), as HTML5's tokenizer reads them.
_ATTRIBUTE_VALUE = r"[\t\n\f ]*+=[\t\n\f ]*+(?:\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z)|[^\t\n\f >]*+)"
_TOKEN = re.compile(
    r"<!--(?:-?>|.*?(?:--!?>|\Z))"  # a comment (`<!-->` and `<!--->` are whole, empty ones)
    r"|<(?:[!?]|/(?![A-Za-z]))[^>]*+>?"  # a bogus comment, a doctype
    r"|<(/?)([A-Za-z][^\t\n\f />]*+)"
    rf"(?:[\t\n\f /]++|{_ATTRIBUTE_NAME}(?:{_ATTRIBUTE_VALUE})?)*+>?"
    r"|[^<]++|<",
    re.DOTALL,
)
# One part of a start tag after its name: spaces, a '/' that does not end it, or an
# attribute (its name in group 1). A '/' in an unquoted value is the value's (`<x a=b/>`).
_TAG_PART = re.compile(rf"[\t\n\f ]++|/(?!>)|({_ATTRIBUTE_NAME})(?:{_ATTRIBUTE_VALUE})?")
_TAG_NAME = re.compile(r"</?[A-Za-z][^\t\n\f />]*+")


@dataclass(frozen=True, eq=False)
class _Open:
    """An element open in HTML5's reading: its tag name, where its start tag is in the HTML,
    and, for a formatting element opened again, the one it was carried on from."""

    name: str
    at: int
    carried: _Open | None = None
    foreign: bool = False
    # Its start tag's attributes as written, for HTML5's limit on like elements (`_push`).
    attributes: str = ""
    # An SVG or MathML element in which HTML5 reads HTML (`_INTEGRATION`).
    integration: bool = False
    # Of SVG or MathML, "svg" or "math", as the <svg> or <math> it is in.
    space: str = ""


@dataclass(frozen=True)
class _Closed:
    """A formatting element that HTML5 keeps for later after something first closed it: the
    element, and that tag (its place in the HTML and the tag as written)."""

    element: _Open
    at: int
    tag: str


@dataclass(frozen=True)
class _Text:
    """A text as HTML5 reads it (character references replaced), not all spaces, and the
    formatting elements open around it."""

    text: str
    around: tuple[_Open, ...]


@dataclass(frozen=True)
class Carried:
    """A formatting element around text in HTML5's reading that the feed shows without it:
    its tag name, the offset of its start tag in the HTML, the first such text, and how many
    more such elements there are. When HTML5 opened it again around that text (its parent
    closed it, or a misnested end tag), the offset and the tag as written where the feed ends
    it, as the build's reading (libxml2's) does, which may be past where HTML5 closed it;
    else None (the feed ended it at a block it holds in HTML5)."""

    name: str
    at: int
    text: str
    more: int
    closed_at: int | None = None
    closed_by: str | None = None


class _Reading:
    """HTML5's stack of open elements and list of active formatting elements (None for a
    marker), as its tree construction keeps them "in body", for the elements whose place
    decides what a formatting element holds."""

    def __init__(self, *, alike_by_name: bool = False, whole_agency: bool = False) -> None:
        # Whether elements of a name are alike whatever their attributes, in `_push`.
        self.alike_by_name = alike_by_name
        # Whether the adoption agency is followed whole (`_agency`), else in part.
        self.whole_agency = whole_agency
        self.stack: list[_Open] = [_Open("html", 0)]
        self.active: list[_Open | None] = []
        self.closed: dict[_Open, _Closed] = {}
        self.unsure: set[_Open] = set()
        # Formatting elements HTML5 keeps open past an SVG or MathML end tag it ignores, which
        # the feed ends there (they are in `closed` at that tag).
        self.left_open: set[_Open] = set()
        # The SVG and MathML elements that a breakout closed, with the element it left as the
        # current one: an end tag of theirs ends, in the feed, what was opened after.
        self.broken_out: list[tuple[frozenset[str], _Open]] = []
        # The SVG and MathML elements HTML5 keeps open that the feed has ended at their end
        # tag, which HTML5 ignored with an HTML element open in them.
        self.ended_in_feed: set[_Open] = set()
        # How many elements of each name are open, and how many SVG and MathML elements of
        # those the feed has not ended (it has the text in them): kept, not counted at each
        # end tag and text, which took seconds with a thousand of them open.
        self.open_names: Counter[str] = Counter(("html",))
        self.in_feeds_svg = 0
        self.texts: list[_Text] = []
        self.token = (0, "")
        # The elements of `stack` and of `active`, for asking whether one is there: the lists
        # grow with each unlike formatting element left open (`<p><i class="a1">x<p><i
        # class="a2">x`), and asking them at each tag made check cubic in their number.
        self.open: set[_Open] = set(self.stack)
        self.in_active: set[_Open] = set()

    def _enter(self, element: _Open) -> None:
        self.stack.append(element)
        self.open.add(element)
        self.open_names[element.name] += 1
        self.in_feeds_svg += element.foreign

    def _left(self, element: _Open) -> _Open:
        """`element`, taken off the stack (by the caller)."""
        self.open.discard(element)
        self.open_names[element.name] -= 1
        self.in_feeds_svg -= element.foreign and element not in self.ended_in_feed
        return element

    def in_foreign(self) -> bool:
        """Whether the current element is SVG's or MathML's: end tags are theirs first."""
        return self.stack[-1].foreign

    def reads_html(self) -> bool:
        """Whether HTML5 reads a start tag or text as HTML's here: not in SVG or MathML, or
        in one of their elements that holds HTML (`<foreignObject>`)."""
        return not self.stack[-1].foreign or self.stack[-1].integration

    def holds_text(self, name: str) -> bool:
        """Whether the element `name` just opened holds text, not markup, to its end tag."""
        current = self.stack[-1]
        return current.name == name and not current.foreign and name in _TEXT_HOLDERS

    def start(self, name: str) -> None:
        if not self.reads_html():
            self._foreign_start(name)
            return
        if name in _TABLE_PARTS:
            if any(element.name == "table" for element in self.stack):
                self._table_part(name)
                self._open(name)
            return  # HTML5 ignores the start tag of a table's part outside a table
        if name in _BLOCKS or name in _HEADINGS:
            self._close_p()
            if name in _HEADINGS and self.stack[-1].name in _HEADINGS:
                self._pop()
            self._open(name)
            return
        if name in ("li", "dd", "dt"):
            self._list_item(name)
            self._open(name)
            return
        if name in ("a", "nobr") and self._active(name) is not None:
            self._adopt(name)
            self._forget(name)
        elif name == "button" and self._in_scope({"button"}, _SCOPE):
            self._pop_until({"button"})
        self._reconstruct()
        self._open(name)

    def _open(self, name: str) -> None:
        if name in _VOID:
            return
        if name in _FOREIGN:
            self._open_foreign(name)
            return
        element = _Open(name, self.token[0], attributes=_attributes(self.token[1]))
        self._enter(element)
        if name in FORMATTING:
            self._push(element)
        elif name in _MARKED:
            self.active.append(None)

    def _open_foreign(self, name: str) -> None:
        """An SVG or MathML element, unless its tag closes itself (`<circle/>`): in foreign
        content, and for <svg> and <math>, HTML5 reads that '/'. In foreign content, an element
        is of the space of the one it is in, an <svg> or a <foreignObject> in MathML too, which
        then holds no HTML; but an <svg> in an <annotation-xml>, which HTML5 reads as HTML's."""
        if _self_closing(self.token[1]):
            return
        current = self.stack[-1]
        in_html = not current.foreign or current.integration or current.name == "annotation-xml"
        space = name if name in _FOREIGN and in_html else current.space
        integration = name in _INTEGRATION.get(space, ()) and (
            name != "annotation-xml"
            or (_attribute_value(self.token[1], "encoding") or "").lower() in _HTML_ENCODINGS
        )
        self._enter(_Open(name, self.token[0], foreign=True, integration=integration, space=space))

    def _foreign_start(self, name: str) -> None:
        breakout = name in _BREAKOUT or (
            name == "font" and not _FONT_BREAKOUT.isdisjoint(_attribute_names(self.token[1]))
        )
        if not breakout:
            self._open_foreign(name)
            return
        closed: set[str] = set()
        while self.stack[-1].foreign and not self.stack[-1].integration:
            closed.add(self._left(self.stack.pop()).name)
        # One record a parent: libxml2 nests each <svg> after in the one it keeps open.
        if self._in_feeds_foreign() and self.broken_out[-1][1] is self.stack[-1]:
            closed |= self.broken_out.pop()[0]
        self.broken_out.append((frozenset(closed), self.stack[-1]))
        self.start(name)

    def end(self, name: str) -> None:
        if name == "html":
            return  # HTML5 ends no element at </html>: it only reads on "after body"
        if self.in_foreign():
            self._foreign_end(name)
        else:
            self._html_end(name)

    def _html_end(self, name: str) -> None:
        self._left_open(name)
        self._ended_in_feed(name)
        if name in FORMATTING:
            self._adopt(name)
        elif name == "p":
            if self._in_scope({"p"}, _BUTTON_SCOPE):
                self._pop_until({"p"})
        elif name in ("li", "dd", "dt"):
            if self._in_scope({name}, _LIST_SCOPE if name == "li" else _SCOPE):
                self._pop_until({name})
        elif name in _HEADINGS:
            if self._in_scope(_HEADINGS, _SCOPE):
                self._pop_until(_HEADINGS)
        elif name in _BLOCK_ENDS or name in _MARKED:
            if self._in_scope({name}, _SCOPE):
                self._pop_until({name})
        elif name in _TABLE_PARTS or name == "table":
            if self._in_scope({name}, _TABLE_SCOPE):
                self._pop_until({name})
        elif name == "br":
            self._reconstruct()  # HTML5 reads </br> as <br>
        else:
            self._other_end(name)

    def _foreign_end(self, name: str) -> None:
        """HTML5 closes the SVG or MathML element of that name above the last HTML one, or
        else reads the end tag as HTML's."""
        for element in reversed(self.stack):
            if not element.foreign:
                self._html_end(name)
                return
            if element.name == name:
                while self._left(self.stack.pop()) is not element:
                    pass
                return

    def _left_open(self, name: str) -> None:
        """At the end tag of an SVG or MathML element that a breakout closed, HTML5 has
        nothing to close, and the feed (libxml2 kept the element) ends what was opened in it
        after: the formatting elements open since."""
        for index in range(len(self.broken_out) - 1, -1, -1):
            closed, parent = self.broken_out[index]
            if parent not in self.open:
                del self.broken_out[index]
            elif name in closed:
                del self.broken_out[index:]
                for element in self.stack[self.stack.index(parent) + 1 :]:
                    if element in self.in_active:
                        first = element.carried or element
                        self.closed.setdefault(first, _Closed(first, *self.token))
                        self.left_open.add(first)
                return

    def text(self, text: str) -> None:
        if self.reads_html():
            self._reconstruct()  # (not for SVG's or MathML's own text)
        if text.isspace():
            return
        # HTML's formatting elements: SVG has an <a> of its own, which formats nothing.
        around = tuple(
            element for element in self.stack if element.name in FORMATTING and not element.foreign
        )
        self.texts.append(_Text(unescape(text), around))

    def _ended_in_feed(self, name: str) -> None:
        """At an end tag with SVG or MathML open in the element it names, or of one of theirs,
        which HTML5 ignores with an HTML element open in it (`<foreignObject><b>x</svg>`),
        libxml2 ends that element and what it holds, but past an element of higher "end
        priority" (`_END_PRIORITY`): the feed ends the SVG or MathML there, and the
        formatting elements HTML5 keeps open in it."""
        if not self.in_feeds_svg or not self.open_names[name]:
            return
        priority = _END_PRIORITY.get(name, _DEFAULT_END_PRIORITY)
        for index in range(len(self.stack) - 1, 0, -1):
            element = self.stack[index]
            if element.name == name:
                break
            if _END_PRIORITY.get(element.name, _DEFAULT_END_PRIORITY) > priority:
                return
        else:
            return
        ended = self.stack[index:]
        if not any(each.foreign for each in ended):
            return  # HTML alone: the reading follows HTML5's, not libxml2's, end tags
        for each in ended:
            if each.foreign and each not in self.ended_in_feed:
                self.ended_in_feed.add(each)
                self.in_feeds_svg -= 1
            elif each in self.in_active:
                first = each.carried or each
                self.closed.setdefault(first, _Closed(first, *self.token))
                self.left_open.add(first)

    def _in_feeds_foreign(self) -> bool:
        """Whether the feed has this text in an SVG or MathML element HTML5 broke out of, as
        libxml2 keeps it to its end tag or its parent's end: the build's reading skips it."""
        while self.broken_out and self.broken_out[-1][1] not in self.open:
            self.broken_out.pop()  # its parent has ended: so has, in the feed, the <svg>
        return bool(self.broken_out)

    def _table_part(self, name: str) -> None:
        """HTML5 closes an open cell, then what is open in the table's row, body or table
        itself (an element the table moved out in front of it: `<table><b><td>`)."""
        if name in ("td", "th") and self._in_scope({"td", "th"}, _TABLE_SCOPE):
            self._pop_until({"td", "th"})
        if name in ("td", "th"):
            self._pop_until_above({"tr", "tbody", "thead", "tfoot", "table"})
        elif name == "tr":
            self._pop_until_above({"tbody", "thead", "tfoot", "table"})
        else:
            self._pop_until_above({"table"})

    def _list_item(self, name: str) -> None:
        names = {"li"} if name == "li" else {"dd", "dt"}
        for element in reversed(self.stack):
            if element.name in names:
                self._pop_until({element.name})
                break
            if _special(element) and element.name not in ("address", "div", "p"):
                break
        self._close_p()

    def _close_p(self) -> None:
        if self._in_scope({"p"}, _BUTTON_SCOPE):
            self._pop_until({"p"})

    def _in_scope(self, names: set[str] | frozenset[str], scope: frozenset[str]) -> bool:
        for element in reversed(self.stack):
            if element.foreign:
                if element.integration and scope is not _TABLE_SCOPE:
                    return False  # in each scope but a table's
                continue
            if element.name in names:
                return True
            if element.name in scope:
                return False
        return False

    def _pop_until(self, names: set[str] | frozenset[str]) -> None:
        while len(self.stack) > 1:
            if self._pop().name in names:
                return

    def _pop_until_above(self, names: set[str] | frozenset[str]) -> None:
        while len(self.stack) > 1 and self.stack[-1].name not in names:
            self._pop()

    def _pop(self) -> _Open:
        element = self._left(self.stack.pop())
        if element.foreign:
            return element
        if element.name in _MARKED:
            while self.active and (marked := self.active.pop()) is not None:
                self.in_active.discard(marked)
        elif element in self.in_active:
            first = element.carried or element
            self.closed.setdefault(first, _Closed(first, *self.token))
        return element

    def _active(self, name: str) -> _Open | None:
        for element in reversed(self.active):
            if element is None:
                return None
            if element.name == name:
                return element
        return None

    def _forget(self, name: str) -> None:
        element = self._active(name)
        if element is not None:
            self._inactive(element)
            if element in self.open:
                self._left(element)
                self.stack.remove(element)

    def _push(self, element: _Open) -> None:
        """HTML5's "Noah's Ark": of like elements (a name and attributes) active after the last
        marker, three at most stay, the earliest left out. Without it every `<p><i>x` opened
        again each <i> before it, and 1,500 of them took `check` 15 s. With `alike_by_name`,
        of a name alone: `<p><b class=c1>x</p>`, `c2`…, each unlike the others, are as many
        to open again at each text, and 2,000 of them took `import` minutes."""
        like = []
        for other in reversed(self.active):
            if other is None:
                break
            if other.name == element.name and (
                self.alike_by_name or other.attributes == element.attributes
            ):
                like.append(other)
        if len(like) >= 3:
            self._inactive(like[-1])
        self.active.append(element)
        self.in_active.add(element)

    def _inactive(self, element: _Open) -> None:
        """`element` taken out of the list of active formatting elements."""
        self.active.remove(element)
        self.in_active.discard(element)

    def _reconstruct(self) -> None:
        """HTML5's reconstruction: each active element after the last marker that is no
        longer open is opened again, in order, as one carried on from it."""
        start = len(self.active)
        while start > 0 and self.active[start - 1] is not None:
            if self.active[start - 1] in self.open:
                break
            start -= 1
        for index in range(start, len(self.active)):
            element = self.active[index]
            if element is None or element in self.open:
                continue
            again = _Open(
                element.name, element.at, element.carried or element, attributes=element.attributes
            )
            self.active[index] = again
            self.in_active.discard(element)
            self.in_active.add(again)
            self._enter(again)

    def _adopt(self, name: str) -> None:
        """HTML5's adoption agency, for what it does to the open elements: an end tag closes
        the formatting element of its name, and what was opened in it after stays active."""
        current = self.stack[-1]
        if current.name == name and current not in self.in_active:
            self._pop()
            return
        element = self._active(name)
        if element is None:
            self._other_end(name)
        elif element not in self.open:
            self._inactive(element)  # carried on, and closed at last
        elif self._element_in_scope(element):
            self._close_formatting(element)

    def _close_formatting(self, element: _Open) -> None:
        index = self.stack.index(element)
        above = self.stack[index + 1 :]
        if self.whole_agency and not any(each.foreign for each in above):
            self._agency(element)
            return
        self._inactive(element)
        if any(_special(each) for each in above):
            # The furthest block keeps its place, and what it held stays formatted: only
            # text after this end tag is out of the element. HTML5 moves and copies the
            # formatting elements between the two, which this reading does not follow: what
            # it would say of them is left unsaid.
            self._left(element)
            self.stack.remove(element)
            self.unsure.update(each.carried or each for each in above if each.name in FORMATTING)
            return
        while self.stack[-1] is not element:
            self._pop()
        self._left(self.stack.pop())

    def _agency(self, element: _Open) -> None:
        """HTML5's adoption agency whole, for what it does to the open elements and the active
        ones: while a block (a special element) was opened in `element`, the element is
        carried into that block, and copies of the formatting elements between the two (three
        at most) take their place; then what is opened in it is closed, and stays active."""
        for _ in range(8):  # HTML5's own limit
            index = self.stack.index(element)
            block = next((each for each in self.stack[index + 1 :] if _special(each)), None)
            if block is None:
                self._pop_until_element(element)
                self._inactive(element)
                return
            element = self._into_block(element, block)
        # Past the limit, what the loops left stays: as HTML5 leaves it.

    def _into_block(self, element: _Open, block: _Open) -> _Open:
        """One round of the adoption agency: `element` moved into `block` as a copy."""
        bookmark = _Open("#bookmark", -1)
        self.active.insert(self.active.index(element), bookmark)
        at = self.stack.index(block) - 1
        last, counter = block, 0
        while (node := self.stack[at]) is not element:
            counter += 1
            if counter > 3 and node in self.in_active:
                self._inactive(node)
            if node not in self.in_active:
                del self.stack[at]
                self._left(node)
            else:
                copy = self._copy(node)
                self._active_replaced(node, copy)
                self.stack[at] = copy
                self._counted(node, copy)
                if last is block:
                    self.active.remove(bookmark)
                    self.active.insert(self.active.index(copy) + 1, bookmark)
                last = copy
            at -= 1
        copy = self._copy(element)
        self._active_replaced(bookmark, copy)
        self._inactive(element)
        self.stack.remove(element)
        self.stack.insert(self.stack.index(block) + 1, copy)
        self._counted(element, copy)
        return copy

    @staticmethod
    def _copy(element: _Open) -> _Open:
        return _Open(
            element.name, element.at, element.carried or element, attributes=element.attributes
        )

    def _counted(self, left: _Open, entered: _Open) -> None:
        """The counts of open elements kept, `left` taken off the stack, `entered` put on."""
        self._left(left)
        self.open.add(entered)
        self.open_names[entered.name] += 1

    def _active_replaced(self, element: _Open, by: _Open) -> None:
        """`element` in the list of active formatting elements replaced `by` another."""
        self.active[self.active.index(element)] = by
        self.in_active.discard(element)
        self.in_active.add(by)

    def _element_in_scope(self, element: _Open) -> bool:
        for each in reversed(self.stack):
            if each is element:
                return True
            if each.integration or (each.name in _SCOPE and not each.foreign):
                return False
        return False

    def _other_end(self, name: str) -> None:
        """HTML5 closes the HTML element of that name, unless a special one is open in it."""
        for element in reversed(self.stack):
            if element.name == name and not element.foreign:
                self._pop_until_element(element)
                return
            if _special(element):
                return

    def _pop_until_element(self, element: _Open) -> None:
        while self._pop() is not element:
            pass


_FORMATTING_START = re.compile(rf"<(?i:{'|'.join(sorted(FORMATTING))})(?=[\t\n\f />])")
_VOID_START = re.compile(rf"<(?i:{'|'.join(sorted(_VOID))})(?=[\t\n\f />])")


def may_carry(pieces: Sequence[tuple[int, str]], in_prose: Collection[int]) -> bool:
    """Whether an entry's raw HTML (`pieces`, those `in_prose` a tag among text) could leave a
    formatting element open that HTML5 carries on: it opens one, or a tag among text closes
    what Markdown opened (`**a </p> b**`). Markdown's own are closed in their block, and an
    HTML block stands between blocks. Most raw HTML (`<figure>`, `<img>`) is not read again."""
    return any(_FORMATTING_START.search(piece) for _, piece in pieces) or any(
        not _VOID_START.match(pieces[index][1]) for index in in_prose
    )


def carried(html: str, published: etree._Element) -> Carried | None:
    """The first formatting element in `html` (cmark-gfm's HTML of an entry) that HTML5 opens
    again around text after the tag that closed it, where `published` (the build's reading of
    `html`) has that text without it (`Carried`), if any."""
    marks = _Marks()
    reading = _read(html, marks)
    first: dict[_Open, tuple[_Open, str]] = {}
    for text, formatting in _aligned(reading.texts, _formatted_text(published)):
        for element in text.around:
            if (
                formatting is not None
                and element.name not in formatting
                and (element.carried or element) not in reading.unsure
            ):
                first.setdefault(element.carried or element, (element, text.text))
    if not first:
        return None
    element, shown = next(iter(first.values()))
    more = len(first) - 1
    if element.carried is None and element not in reading.left_open:
        return Carried(element.name, element.at, shown, more)
    closed = reading.closed[element.carried or element]
    at, tag = marks.feeds_end(html, published, element.at, element.name) or (closed.at, closed.tag)
    return Carried(element.name, element.at, shown, more, at, tag)


def _read(html: str, marks: _Marks | None = None, *, for_import: bool = False) -> _Reading:
    """HTML5's reading of `html`, each tag told to `marks` as it is read."""
    reading = _Reading(alike_by_name=for_import, whole_agency=for_import)
    for start, end, name in _tags(html, reading):
        reading.token = (start, html[start:end])
        if name is None:
            reading.text(html[start:end])
            continue
        if name.startswith("/"):
            reading.end(name[1:])
        else:
            reading.start(name)
        if marks is not None:
            marks.tag(start, end, not name.startswith("/") and reading.holds_text(name))
    return reading


@dataclass(frozen=True)
class Reopened:
    """A part of a text of a tree (`element`'s text, or its tail) that HTML5 reads in
    formatting elements the tree does not put it in: their names and attributes as written,
    the outermost first. `start` and `end` are offsets in that text."""

    element: etree._Element
    tail: bool
    start: int
    end: int
    formatting: tuple[tuple[str, dict[str, str]], ...]
    # The kinds of formatting element the tree puts around it that HTML5 does not (libxml2
    # ignores an end tag of one around a block opened in it: `<b><div>x</b> y</div>`).
    without: frozenset[str] = frozenset()


def reopened(html: str, root: etree._Element, kinds: Mapping[str, str]) -> list[Reopened]:
    """Where `root`, libxml2's reading of the page `html`, leaves out of text the formatting
    elements HTML5 reads around it (one it opens again after a block closed it: in
    `<p><em>a</p><p>b</p>`, `b` is in italics in browsers), of the names in `kinds`: each
    missing where the tree has none of its kind (`kinds["b"] == kinds["strong"]`) around
    the text. In order; none of an element whose end this reading does not follow
    (`_Reading.unsure`). Three elements of a name at most are opened again (`_push`), more
    than HTML5 keeps of those unlike in their attributes: all three would have to be closed
    for the text after to be read without their kind."""
    reading = _read(html, for_import=True)
    slots = list(_text_slots(root))
    found: list[Reopened] = []
    # Each text of the page lies in few of the tree's, and the other way round.
    missing_in: dict[
        tuple[int, int], tuple[tuple[tuple[str, dict[str, str]], ...], frozenset[str]]
    ] = {}
    shown_at: dict[int, list[int]] = {}  # where each character shown is in a text of the tree
    texts = [_visible(text.text) for text in reading.texts]
    for text_index, slot_index, first, last in _shared(texts, [_visible(s.text) for s in slots]):
        slot = slots[slot_index]
        if not slot.shown:  # SVG's and MathML's own text, no HTML's to format
            continue
        if (text_index, slot_index) not in missing_in:
            missing_in[text_index, slot_index] = _missing(
                reading, reading.texts[text_index], slot.formatting, kinds
            )
        missing, without = missing_in[text_index, slot_index]
        if not missing and not without:
            continue
        if slot_index not in shown_at:
            shown_at[slot_index] = [at for at, char in enumerate(slot.text) if not char.isspace()]
        start, end = shown_at[slot_index][first], shown_at[slot_index][last - 1] + 1
        part = Reopened(slot.element, slot.tail, start, end, missing, without)
        _add_part(found, part, slot.text)
    return found


def _add_part(found: list[Reopened], part: Reopened, text: str) -> None:
    """`part` of `text` added to `found`, or to the last of them when it goes on from it."""
    last = found[-1] if found else None
    if (
        last is not None
        and (last.element, last.tail) == (part.element, part.tail)
        and (last.formatting, last.without) == (part.formatting, part.without)
        and _only_spaces(text[last.end : part.start])
    ):
        found[-1] = replace(last, end=part.end)
    else:
        found.append(part)


def _visible(text: str) -> str:
    """The characters of `text` a reader sees, whose place two readings are compared by."""
    return "".join(text.split())


def _shared(ours: list[str], theirs: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """The runs of characters two readings of a page show alike, as the index of the text in
    each (`ours`, `theirs`), and the run's start and end in the second's text, in order."""
    if "".join(ours) == "".join(theirs):  # as nearly always: texts parted in other places
        yield from _cut_alike(ours, theirs)
        return
    owner = [(index, at) for index, text in enumerate(ours) for at in range(len(text))]
    place = [(index, at) for index, text in enumerate(theirs) for at in range(len(text))]
    run: list[int] | None = None  # our text, their text, the run's start and end in theirs
    for mine, other in _paired("".join(ours), "".join(theirs)):
        (text_index, _), (slot_index, at) = owner[mine], place[other]
        if run is not None and run[:2] == [text_index, slot_index] and run[3] == at:
            run[3] = at + 1
            continue
        if run is not None:
            yield run[0], run[1], run[2], run[3]
        run = [text_index, slot_index, at, at + 1]
    if run is not None:
        yield run[0], run[1], run[2], run[3]


def _cut_alike(ours: list[str], theirs: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """`_shared` of two lists of texts that join into the same characters."""
    mine = other = 0  # the texts read, their ends in the characters, and where in `theirs[other]`
    mine_end, other_end, at = len(ours[0]) if ours else 0, len(theirs[0]) if theirs else 0, 0
    while mine < len(ours) and other < len(theirs):
        end = min(mine_end, other_end)
        step = end - (other_end - len(theirs[other])) - at
        if step > 0:
            yield mine, other, at, at + step
            at += step
        if mine_end == end:
            mine += 1
            mine_end += len(ours[mine]) if mine < len(ours) else 0
        if other_end == end:
            other += 1
            other_end += len(theirs[other]) if other < len(theirs) else 0
            at = 0


def _only_spaces(text: str) -> bool:
    return not text or text.isspace()


def _missing(
    reading: _Reading, text: _Text, formatting: frozenset[str], kinds: Mapping[str, str]
) -> tuple[tuple[tuple[str, dict[str, str]], ...], frozenset[str]]:
    """The elements around `text` in HTML5's reading of the kinds none of `formatting` is, and
    the kinds of `formatting` none around `text` is (unless the reading is unsure of one)."""
    have = {kinds[name] for name in formatting if name in kinds}
    around = {kinds[element.name] for element in text.around if element.name in kinds}
    without = frozenset() if reading.unsure else frozenset(have - around)
    missing = []
    for element in text.around:
        kind = kinds.get(element.name)
        if kind is None or kind in have or (element.carried or element) in reading.unsure:
            continue
        have.add(kind)
        missing.append((element.name, _attribute_values(element.attributes)))
    return tuple(missing), without


# Past this many pairs of characters (the parts of a page two readings do not show alike)
# they are not lined up: difflib takes time that grows with the product of their lengths.
_ALIGN_LIMIT = 1_000_000


def _paired(ours: str, theirs: str) -> Iterator[tuple[int, int]]:
    """The indexes of the characters of two readings of a page that are the same character
    shown: all of them, as nearly always; else those of the same start and end of the two, and
    those difflib lines up in between if it is short enough."""
    if ours == theirs:
        yield from ((index, index) for index in range(len(ours)))
        return
    size = min(len(ours), len(theirs))
    prefix = next((index for index in range(size) if ours[index] != theirs[index]), size)
    suffix = 0
    while suffix < size - prefix and ours[-1 - suffix] == theirs[-1 - suffix]:
        suffix += 1
    yield from ((index, index) for index in range(prefix))
    middle = (ours[prefix : len(ours) - suffix], theirs[prefix : len(theirs) - suffix])
    if len(middle[0]) * len(middle[1]) <= _ALIGN_LIMIT:
        matcher = difflib.SequenceMatcher(None, middle[0], middle[1], autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                yield prefix + block.a + offset, prefix + block.b + offset
    yield from ((len(ours) - index, len(theirs) - index) for index in range(suffix, 0, -1))


_MARK = "staticfeed: after tag "
# A line of the end tag of a quote, a list or a list item alone, as cmark-gfm writes them.
_CONTAINER_END = re.compile(r"</(?:blockquote|li|ol|ul)>(?=\n|\Z)")


class _Marks:
    """The tags of an entry's HTML, to ask the build's reading (libxml2's) where it ends an
    element, as it does not where HTML5 does: it keeps a <p> open past a <dl> or an <xmp>
    in it, to its end, and ignores a </button> with a <div> open in the <button>, which
    then ends what it holds at the </div>. A comment is put after each tag, and the element
    ends at the tag whose comment is the first after its start outside it."""

    def __init__(self) -> None:
        # Where each comment goes (after a tag), and the tag it tells of (its start and end):
        # what a raw text element holds is text, so its start tag's goes after its end tag.
        self.tags: list[tuple[int, tuple[int, int]]] = []
        self.raw_start: tuple[int, int] | None = None

    def tag(self, start: int, end: int, holds_text: bool) -> None:
        if holds_text:
            self.raw_start = (start, end)
            return
        self.tags.append((end, self.raw_start or (start, end)))
        self.raw_start = None

    def feeds_end(
        self, html: str, published: etree._Element, at: int, name: str
    ) -> tuple[int, str] | None:
        """Where the build's reading of `html` (`published`) ends the element `name` whose
        start tag is at `at`: the place of the tag that ends it, and the tag as written; None
        if the comments cannot tell (one read as text, or the reading not the same with them)."""
        first = bisect.bisect_left(self.tags, at, key=lambda tag: tag[1][0])
        if first == len(self.tags) or self.tags[first][1][0] != at or _MARK in html:
            return None  # (a comment as the author wrote it would be taken for one)
        fragment = parse_fragment(self._marked(html))
        if not _alike(fragment, published):
            return None
        marks = _marks(fragment)
        opened = marks.get(first)
        element = None if opened is None else opened.getparent()
        if element is None or element.tag != name:
            return None
        inside = _marks(element)
        unmarked: int | None = None  # the first tag since the last comment inside without one
        for index in range(first + 1, len(self.tags)):
            if index not in marks:
                unmarked = index if unmarked is None else unmarked
            elif index in inside:
                unmarked = None
            else:
                start, end = self.tags[index if unmarked is None else unmarked][1]
                return start, html[start:end]
        return None

    def _marked(self, html: str) -> str:
        """`html` with a comment after each tag; after the end of a quote or list (item) on a
        line of its own, on a line of its own: the build finds those by their line
        (render._divs_closed), and cmark-gfm writes several in a row."""
        pieces: list[str] = []
        copied = 0
        for index, (end, (start, _)) in enumerate(self.tags):
            alone = _CONTAINER_END.match(html, start) and (start == 0 or html[start - 1] == "\n")
            pieces += (html[copied:end], "\n" if alone else "", f"<!--{_MARK}{index}-->")
            copied = end
        return "".join(pieces) + html[copied:]


def _alike(one: etree._Element, other: etree._Element) -> bool:
    """Whether two readings make the same elements, in the same order and nesting, but line
    breaks: the build writes a stray </p> as a <br> when text follows it, not a comment
    (render._stray_paragraph_ends), and a <br> ends nothing."""
    return _shape(one) == _shape(other)


def _shape(root: etree._Element) -> list[tuple[str, int]]:
    """Each element under `root` in order but <br>: its name, and where its parent is in
    that order."""
    elements = [element for element in root.iter(etree.Element) if element.tag != "br"]
    places = {id(element): place for place, element in enumerate(elements)}
    return [(str(element.tag), places.get(id(element.getparent()), -1)) for element in elements]


def _marks(root: etree._Element) -> dict[int, etree._Element]:
    """The comments `_Marks` put in the HTML that `root` holds, by the number of each."""
    return {
        int(comment.text.removeprefix(_MARK)): comment
        for comment in root.iter(etree.Comment)
        if comment.text and comment.text.startswith(_MARK)
    }


def _aligned(
    texts: Sequence[_Text], published: Sequence[tuple[str, frozenset[str] | None]]
) -> Iterator[tuple[_Text, frozenset[str] | None]]:
    """Each text HTML5 reads, with the formatting elements the build's reading puts around
    it, by its first character shown, where both readings show it."""
    ours = [
        (char, index)
        for index, text in enumerate(texts)
        for char in text.text
        if not char.isspace()
    ]
    theirs = [char for char, _ in published]
    if [char for char, _ in ours] == theirs:  # as nearly always: no need to look for blocks
        for (_, index), (_, formatting) in zip(ours, published, strict=True):
            yield texts[index], formatting
        return
    matcher = difflib.SequenceMatcher(None, [char for char, _ in ours], theirs, autojunk=False)
    seen: set[int] = set()
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            index = ours[block.a + offset][1]
            if index not in seen:
                seen.add(index)
                yield texts[index], published[block.b + offset][1]


def _formatted_text(root: etree._Element) -> list[tuple[str, frozenset[str] | None]]:
    """Each character of the text in `root` (not a space), with the names of the formatting
    elements it is in; None for SVG's and MathML's own text, which readers do not show as
    HTML's, if at all (`_shown`)."""
    return [
        (char, slot.formatting if slot.shown else None)
        for slot in _text_slots(root)
        for char in slot.text
        if not char.isspace()
    ]


@dataclass(frozen=True)
class _Slot:
    """A text of a tree: the element whose text (or tail) it is, the names of the formatting
    elements it is in, and whether it is shown as HTML's (`_shown`)."""

    element: etree._Element
    tail: bool
    text: str
    formatting: frozenset[str]
    shown: bool | None


def _text_slots(root: etree._Element) -> Iterator[_Slot]:
    """Each text in `root`, in order, but in raw text. A loop, not a recursion: the build
    publishes up to 2,048 levels of nesting, past Python's limit on recursion."""
    # Each element being read: its children not read yet, the formatting around them, and
    # whether their text is shown as HTML's.
    reading: list[tuple[etree._Element, Iterator[etree._Element], frozenset[str], bool | None]] = []
    root_name = root.tag if isinstance(root.tag, str) else ""
    if root_name not in _SKIPPED:
        formatting = frozenset({root_name} & FORMATTING)
        shown = _shown(root_name, True)
        if root_name and root.text:
            yield _Slot(root, False, root.text, formatting, shown)
        reading.append((root, iter(root), formatting, shown))
    while reading:
        element, children, formatting, shown = reading[-1]
        child = next(children, None)
        if child is None:
            reading.pop()
            if reading and element.tail:
                yield _Slot(element, True, element.tail, *reading[-1][2:])
            continue
        name = child.tag if isinstance(child.tag, str) else ""
        if not name or name in _SKIPPED:
            if child.tail:
                yield _Slot(child, True, child.tail, formatting, shown)
            continue
        inner = formatting | {name} if name in FORMATTING else formatting
        inner_shown = _shown(name, shown)
        if child.text:
            yield _Slot(child, False, child.text, inner, inner_shown)
        reading.append((child, iter(child), inner, inner_shown))


# Shown as HTML's in the feed's SVG and MathML; and those that are not drawn, nor what they hold.
_SHOWN_IN_FOREIGN = _BREAKOUT | {"font", "foreignobject", "mi", "mn", "mo", "ms", "mtext"}
_NOT_DRAWN = frozenset(("annotation-xml", "desc", "title"))


def _shown(name: str, around: bool | None) -> bool | None:
    """Whether the text an element `name` holds is shown as HTML's, when that around it is
    (`around`): not in an <svg> or <math> (the feed holds text there after an end tag of theirs
    libxml2 ignores, or when one is left open), but in an element of theirs that holds HTML,
    as a <foreignObject>, and in one HTML5 reads as HTML's there, as a <p> or a <b>; None in a
    <desc> and the like, which are not drawn, whatever it holds."""
    if around is None or (around is False and name in _NOT_DRAWN):
        return None
    if name in _FOREIGN:
        return False
    return around or name in _SHOWN_IN_FOREIGN


def _tags(html: str, reading: _Reading) -> Iterator[tuple[int, int, str | None]]:
    """Each tag of `html` as (start, end, name with "/" before an end tag's) and each run of
    text as (start, end, None), as `reading` reads each in turn. Comments are left out, and so
    is what raw text elements hold, and SVG's and MathML's CDATA sections and the elements of
    theirs whose start tags HTML5 reads as HTML's (`<foreignObject>`)."""
    position = 0
    while position < len(html):
        if reading.in_foreign() and html.startswith("<![CDATA[", position):
            found = html.find("]]>", position)
            position = len(html) if found < 0 else found + 3
            continue
        token = _TOKEN.match(html, position)
        assert token is not None  # the last alternative takes any character
        start, position = token.span()
        slash, name = token.group(1, 2)
        if name is None:
            if token[0] == "<" or token[0][0] != "<":
                yield start, position, None
            continue
        name = name.lower()
        yield start, position, f"{slash}{name}"
        if slash or not reading.holds_text(name):
            continue
        if name == "plaintext":
            return
        position = _after(html, position, name)


def _attributes(tag: str) -> str:
    """A start tag's attributes as written: alike for two tags HTML5 reads alike when written
    alike (not when they differ in spacing, order or quotes only: then a like element stays)."""
    return tag[_name_end(tag) :].removesuffix(">").removesuffix("/").strip()


def _special(element: _Open) -> bool:
    """Whether `element` is of HTML5's "special" ones: an end tag of another does not end
    it (of SVG and MathML, those that hold HTML)."""
    return element.integration if element.foreign else element.name in _SPECIAL


def _attribute_value(tag: str, name: str) -> str | None:
    """The value of the attribute `name` of a start tag as written, its quotes taken off."""
    for part in _tag_parts(tag):
        if part[1] is not None and part[1].lower() == name:
            value = part[0][len(part[1]) :].strip("\t\n\f ").removeprefix("=")
            return value.strip("\t\n\f ").strip("\"'")
    return None


def _attribute_values(attributes: str) -> dict[str, str]:
    """The attributes of a start tag (`attributes`, as `_attributes` keeps them) by name, each
    value as HTML5 reads it (character references replaced); the first of a name, as HTML5
    keeps it."""
    values: dict[str, str] = {}
    for part in _tag_parts(f"<x {attributes}>"):
        if part[1] is not None and part[1].lower() not in values:
            value = part[0][len(part[1]) :].strip("\t\n\f ").removeprefix("=").strip("\t\n\f ")
            if value[:1] in ("'", '"'):
                value = value[1:].removesuffix(value[0])
            values[part[1].lower()] = unescape(value)
    return values


def _attribute_names(tag: str) -> set[str]:
    """The names of the attributes of a start tag as written, in lower case."""
    names: set[str] = set()
    for part in _tag_parts(tag):
        if part[1] is not None:
            names.add(part[1].lower())
    return names


def _self_closing(tag: str) -> bool:
    """Whether a start tag as written ends with a '/' of its own (`<circle r="1"/>`)."""
    end = max((part.end() for part in _tag_parts(tag)), default=_name_end(tag))
    return tag.startswith("/>", end)


def _name_end(tag: str) -> int:
    found = _TAG_NAME.match(tag)
    return 0 if found is None else found.end()


def _tag_parts(tag: str) -> Iterator[re.Match[str]]:
    """The parts of a start tag after its name, in order, up to what ends it."""
    position = _name_end(tag)
    while (part := _TAG_PART.match(tag, position)) is not None and part.end() > position:
        yield part
        position = part.end()


def _after(html: str, position: int, name: str) -> int:
    """Where what a raw text element, or an SVG or MathML element HTML5 reads HTML in,
    holds ends: its end tag."""
    found = re.compile(rf"</{name}(?=[\t\n\f />])", re.IGNORECASE).search(html, position)
    return len(html) if found is None else found.start()


def line_of(offset: int, html: str, pieces: Sequence[tuple[int, str]]) -> int | None:
    """The line of the Markdown at `offset` in `html`, when a piece of the entry's raw HTML
    (`pieces`, each with its line, in order, as cmark-gfm copies them) holds it."""
    starts: list[int] = []
    lines: list[tuple[int, str]] = []
    position = 0
    for line, piece in pieces:
        found = html.find(piece, position)
        if found < 0:
            continue
        starts.append(found)
        lines.append((line, piece))
        position = found + len(piece)
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0 or offset >= starts[index] + len(lines[index][1]):
        return None
    line, piece = lines[index]
    return line + piece.count("\n", 0, offset - starts[index])
