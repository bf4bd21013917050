"""Template code from other site generators in an entry: staticfeed expands none of it, so
readers see `{{< figure src="peak.jpg" >}}` or `{% include note.html %}` as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import cast

from lxml import etree

from staticfeed.gfm import Sources

# Leftmost first, and Hugo's {{% … %}} before Liquid's {% … %}, which it holds.
_CODE = re.compile(
    r"(?P<hugo>\{\{[<%].*?[>%]\}\})"
    r"|(?P<liquid>\{%-?\s*[A-Za-z_].*?%\})"
    r"|(?P<variable>\{\{-?\s*[A-Za-z_$.][\w.$\[\]'\"]*\s*(?:\|[^{}]*)?-?\}\})"
)
_KINDS = {
    "hugo": "a Hugo shortcode",
    "liquid": "a Liquid tag (Jekyll)",
    "variable": "a template variable",
}
# A code span on a line of text: what is in it is shown as code (CommonMark: the same number of
# backticks opens and closes it).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
# Pelican's links to other files of the site: [x]({filename}/post.md), ![x]({static}/a.png).
_PELICAN = re.compile(r"\{(?:filename|static|attach|index|tag|category|author)\}")
_SHOWN = 40
"""The longest code a warning quotes in full."""


def holds_code(url: str) -> bool:
    """Whether `url` holds template code (`{filename}/post.md`), which template-code reports."""
    return bool(_CODE.search(url) or _PELICAN.search(url))


@dataclass(frozen=True)
class TemplateCode:
    """Template code written at `line` of the Markdown (1 for the first), what kind it is, and
    how many more of that kind the entry holds."""

    line: int
    code: str
    kind: str
    more: int = 0
    in_url: bool = False
    """Written in a link's or an image's URL, which it breaks, rather than in text."""


def template_code(markdown: str, sources: Sources) -> list[TemplateCode]:
    """The template code in `markdown` (whose `sources` these are) that readers would see as
    text, or that breaks the URL of a link or an image, once per kind, in order of line. Code
    blocks and spans are left alone: what is in them is meant to be shown; and so are HTML
    attributes other than URLs (`title`, `class`), which readers do not show as text."""
    found: dict[tuple[str, bool], list[tuple[int, str]]] = {}
    for line, code in [*_in_text_lines(markdown, sources), *_in_html_blocks(sources)]:
        found.setdefault((_KINDS[str(code.lastgroup)], False), []).append((line, code.group()))
    urls = [(line, url) for line, _, url in sources.destinations]
    for line, url in [*urls, *_in_html_urls(sources)]:
        if _PELICAN.match(url):
            found.setdefault(("a Pelican link", False), []).append((line, url))
        for code in _CODE.finditer(url):
            found.setdefault((_KINDS[str(code.lastgroup)], True), []).append((line, code.group()))
    each = [
        TemplateCode(min(places)[0], _shortened(min(places)[1]), kind, len(places) - 1, in_url)
        for (kind, in_url), places in found.items()
    ]
    return sorted(each, key=lambda code: (code.line, code.kind, code.in_url))


def _in_text_lines(markdown: str, sources: Sources) -> Iterator[tuple[int, re.Match[str]]]:
    """The template code of the lines of text, out of code spans, comments and tags (whose
    URLs `_in_html_urls` searches)."""
    lines = markdown.split("\n")
    tags = _html_among_text(sources)
    for line in sources.braced_lines:
        text = _CODE_SPAN.sub("", lines[line - 1]) if line <= len(lines) else ""
        unseen = [(at, at + len(tag)) for tag in tags.get(line, ()) if (at := text.find(tag)) >= 0]
        for match in _CODE.finditer(text):
            # Code a tag is written around (`{{<figure src="b.jpg">}}`) is still seen.
            if not any(start <= match.start() and match.end() <= end for start, end in unseen):
                yield line, match


def _in_html_blocks(sources: Sources) -> Iterator[tuple[int, re.Match[str]]]:
    """The template code of the text of HTML blocks (`<div class="note">{{ site.url }}</div>`),
    which readers show as written, at the line where it is written: not in a comment, an
    attribute, a script, a style sheet or code, which readers do not show as text or show as
    code. Not when cmark-gfm's own functions are missing, and the whole Markdown is one
    piece of raw HTML."""
    if not sources.parsed:
        return
    for index, (line, html) in enumerate(sources.raw_html):
        if index in sources.in_prose or "{" not in html:
            continue
        from staticfeed.render import parse_fragment  # only for HTML blocks with a brace

        shown: list[tuple[int, int]] | None = None
        after = 0
        for text in cast(list[str], _SHOWN_TEXT(parse_fragment(html))):
            for match in _CODE.finditer(text):
                shown = _shown_places(html) if shown is None else shown
                written = _written_at(html, match.group(), shown, after)
                after = written + len(match.group())
                yield line + html.count("\n", 0, written), match


def _written_at(html: str, code: str, shown: list[tuple[int, int]], after: int) -> int:
    """Where in `html` the `code` readers see is written: in a place they see (`shown`), after
    `after`, where the code seen before it ends. The same code in a comment or an attribute
    above it was named instead."""
    for start, end in shown:
        found = html.find(code, max(start, after), end) if end > after else -1
        if found >= 0:
            return found
    return _read_at(html, code, shown, after)


def _read_at(html: str, code: str, shown: list[tuple[int, int]], after: int) -> int:
    """Where the line begins on which `code` is written unlike it is seen (`&#123;{ a }}`), in
    a place readers see, after `after`: the same code written as such elsewhere (a comment)
    is not where they see it. Else where it is first written: near, at least."""
    for start, end in shown:
        begin = max(start, after)
        text = unescape(html[begin:end]) if end > begin else ""
        if code in text:
            lines_above = text[: text.find(code)].count("\n")
            return begin + sum(len(line) + 1 for line in html[begin:end].split("\n")[:lines_above])
    return max(html.find(code), 0)


def _shown_places(html: str) -> list[tuple[int, int]]:
    """Where each run of text in `html` that readers show as text begins and ends, as
    html.parser reads it: lxml keeps no place of a text."""
    places = _Places()
    places.feed(html)
    places.close()
    line_starts = [0, *(found.end() for found in re.finditer("\n", html))]
    starts = [line_starts[line - 1] + column for (line, column), _ in places.pieces]
    ends = [*starts[1:], len(html)]
    return [
        (start, end)
        for start, end, (_, seen) in zip(starts, ends, places.pieces, strict=True)
        if seen
    ]


class _Places(HTMLParser):
    """The place of each piece of an HTML block (a tag, a comment, a text), and whether readers
    show it as text: not a tag, a comment, nor the text of a script, a style sheet or code (see
    _SHOWN_TEXT)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[tuple[int, int], bool]] = []
        self._within = 0  # how many elements whose text is not seen as text hold the text here

    def _piece(self, seen: bool = False) -> None:
        self.pieces.append((self.getpos(), seen))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._piece()
        if tag in _UNSEEN:
            self._within += 1

    def handle_endtag(self, tag: str) -> None:
        self._piece()
        if tag in _UNSEEN and self._within:
            self._within -= 1

    def handle_data(self, data: str) -> None:
        self._piece(seen=not self._within)

    def handle_comment(self, data: str) -> None:
        self._piece()

    def handle_decl(self, decl: str) -> None:
        self._piece()

    def handle_pi(self, data: str) -> None:
        self._piece()

    def unknown_decl(self, data: str) -> None:
        self._piece()


_UNSEEN = frozenset({"script", "style", "pre", "code"})


# The text of an HTML block that readers show as text: not a script's or a style sheet's code,
# and not what is shown as code. A <template>'s content is: browsers hide it, but readers
# drop its tags and show it (reader-html tells of the <template> itself).
_SHOWN_TEXT = etree.XPath(
    "//text()[not(ancestor::script or ancestor::style or ancestor::pre or ancestor::code)]"
)


def _html_among_text(sources: Sources) -> dict[int, list[str]]:
    """The tags and HTML comments among text, by line, each line of one over several a piece
    of its own: readers show no text of them, though the line holds text with a brace (`Set {x}
    <!-- {{ site.url }} -->`; `<!-- {{ site.url }}` then `-->` a line below, after which the
    code was taken for text; `<abbr title="{{ x }}">`, whose title was, though not in an HTML
    block)."""
    pieces: dict[int, list[str]] = {}
    for index, (line, html) in enumerate(sources.raw_html):
        if index in sources.in_prose:
            for number, piece in enumerate(html.split("\n"), start=line):
                pieces.setdefault(number, []).append(piece)
    return pieces


def _in_html_urls(sources: Sources) -> Iterator[tuple[int, str]]:
    """Each URL with a brace in the raw HTML (`<a href="{{ site.url }}/p">`, among text or in a
    block) and the line it is written on. Not when cmark-gfm's own functions are missing, and
    the whole Markdown, code blocks too, is one piece of raw HTML."""
    if not sources.parsed:
        return
    for line, html in sources.raw_html:
        if "{" in html:
            urls = _Urls()
            urls.feed(html)
            urls.close()
            yield from ((line + below, url) for below, url in urls.found)


class _Urls(HTMLParser):
    """The URLs with a brace in the attributes of a piece of HTML, each with the number of
    lines above its own in the piece."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        from staticfeed.render import URL_ATTRIBUTES  # only for raw HTML with a brace

        written = self.get_starttag_text() or ""
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value and "{" in value:
                below = written.count("\n", 0, max(written.find(value), 0))
                self.found.append((self.getpos()[0] - 1 + below, value))


def _shortened(code: str) -> str:
    return code if len(code) <= _SHOWN else f"{code[: _SHOWN - 1]}…"
