"""Metadata a document without front matter carries in its first lines: title, date, byline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from staticfeed.dates import DateError, parse_date_line
from staticfeed.render import inline_text

_HEAD_LINES = 10  # a date or byline further down is part of the text, not metadata
_TITLE_MAX = 200
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
# Four columns in, a tab counted to the next multiple of four: an indented code block.
_INDENTED_CODE = re.compile(r" {0,3}\t| {4}")
# Possessive (*+) and anchored so that a long run of spaces costs time in proportion to its
# length: "\s*(?:,|\s+and\s+)" tried every split of it, and 3,000 spaces after "By Ann" took
# 45 s, as did the byline's ".+?\s*[*_]*\s*$".
_BYLINE = re.compile(r"\s*+[*_]*+\s*+(?:written\s++)?by[:\s](?P<names>.*)", re.I)
_NAME_SEPARATORS = re.compile(r"(?:(?<!\s)\s++)?+(?:,(?:\s*+and(?=\s))?|(?<=\s)and(?=\s)|&)\s*+")
# A byline names people: "By Ann Lee and Bo Chen", not "By the time we arrived, ...". Each name
# is a few words that start with a capital (or a letter without case, as in 李明), but for the
# lower-case particles of names such as "Ludwig van Beethoven" or "Ana de la Cruz".
_NAME_WORDS_MAX = 5
_NAME_PARTICLES = frozenset(
    {
        *("al", "bin", "binti", "da", "das", "de", "del", "della", "der", "di", "dos", "du"),
        *("el", "la", "le", "ten", "ter", "van", "von", "y", "zu"),
    }
)


@dataclass(frozen=True)
class HeadMetadata:
    title: str | None
    title_line: int | None
    published: datetime | None
    date_line: int | None
    byline_names: tuple[str, ...]
    byline_line: int | None
    body: str
    date_problem: str | None = None
    """Why the date line at `date_line` is refused (`12/01/2025` reads both ways); `published`
    is then None, and the line stays in the body."""


def read_head(
    body: str,
    tz: tzinfo,
    first_line: int,
    *,
    find_title: bool = True,
    find_date: bool = True,
    find_byline: bool = True,
) -> HeadMetadata:
    """Find the title, date and byline at the top of `body`, and the body without them.

    Each `find_` false (the front matter gives that) leaves such a line in the body: a heading
    that is not the title, a date line under a `date:`, a line starting "By" under `author:`.
    """
    lines = body.split("\n")
    head = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    found_date = _find_date(lines, head, tz) if find_date or find_title else (None, None, None)
    found_byline = _find_byline(lines, head) if find_byline or find_title else (None, ())
    # A date line or a byline is never the title, also one left in the body under the front
    # matter's date or author, which the first line of the text would otherwise have been.
    not_titles = {found_date[0], found_byline[0]}
    title_indexes, title = _find_title(lines, head, not_titles) if find_title else ([], None)
    date_index, published, problem = found_date if find_date else (None, None, None)
    byline_index, names = found_byline if find_byline else (None, ())
    taken = {date_index, byline_index} - {None}
    # A refused date line is no title, but stays in the body: nothing was taken from it.
    consumed = (taken if problem is None else taken - {date_index}) | set(title_indexes)
    paragraph_lines = {
        i for i in consumed if i is not None and _paragraph_line(lines, i, title_indexes)
    }
    kept = _kept_lines(lines, consumed, paragraph_lines)
    return HeadMetadata(
        title=title,
        title_line=first_line + title_indexes[0] if title_indexes else None,
        published=published,
        date_line=first_line + date_index if date_index is not None else None,
        byline_names=names,
        byline_line=first_line + byline_index if byline_index is not None else None,
        body="\n".join(kept).strip("\n") + "\n",
        date_problem=problem,
    )


def _paragraph_line(lines: list[str], index: int, title_indexes: list[int]) -> bool:
    """Whether the line taken at `index` is a paragraph's line, which the next line, indented
    four columns or more, continues (CommonMark's lazy continuation), as a heading is not."""
    line = lines[index]
    setext = len(title_indexes) == 2 and index in title_indexes
    return not (setext or _ATX_HEADING.match(line) or _INDENTED_CODE.match(line))


# What a paragraph's first line may not start with, which a line continuing one may: a block.
_BLOCK_START = re.compile(r"(?:#{1,6}|[-+*])(?=[ \t]|$)|>|`{3,}(?=[^`]*$)|~{3}|\[[^\]]*\]:")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])(?=[ \t]|$)")
_THEMATIC_BREAK = re.compile(r"(?:\*[ \t]*){3,}$|(?:-[ \t]*){3,}$|(?:_[ \t]*){3,}$")
# The HTML that starts a block even inside a paragraph, as cmark-gfm reads it (CommonMark's
# HTML blocks 1 to 6); another tag there is among the paragraph's text: `<em>crews</em> went`.
_INTERRUPTING_TAGS = (
    *("address", "article", "aside", "base", "basefont", "blockquote", "body", "caption"),
    *("center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt"),
    *("fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h[1-6]"),
    *("head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu"),
    *("menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "section"),
    *("source", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr"),
    *("track", "ul"),
)
HTML_INTERRUPTS = re.compile(
    r" {0,3}(?:<(?:script|pre|style|textarea)(?:[\s>]|$)"
    r"|<!--|<\?|<!(?-i:[A-Z])|<!\[CDATA\[|</?(?:"
    + "|".join(_INTERRUPTING_TAGS)
    + r")(?:[\s>]|/>|$))",
    re.I,
)


# A line of a tag alone (`<em>`, `<a href="x">`), which starts an HTML block in Markdown but
# for a paragraph above it to continue: CommonMark's HTML block 7.
_LONE_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*+(?:\s[^<>]*+)?+>[ \t]*+")


def _kept_lines(
    lines: list[str], consumed: set[int | None], paragraph_lines: set[int]
) -> list[str]:
    """The lines not `consumed`, a line that continued a paragraph whose line above it was
    taken out written to show what it did: as a paragraph's first line (`_paragraph_start`),
    and a tag alone on it (`<em>`) joined to the line under it, where the paragraph goes on,
    as alone it would start an HTML block, which shows Markdown (`*x*`) as written."""
    kept: list[str] = []
    joined = False  # the line was joined to the one above it
    for index, line in enumerate(lines):
        if index in consumed or joined:
            joined = False
            continue
        continued = index - 1 in paragraph_lines
        below = index + 1 < len(lines) and index + 1 not in consumed
        if continued and _lone_tag(line) and below and _goes_on(lines[index + 1]):
            kept.append(f"{line.strip()} {lines[index + 1].strip()}")
            joined = True
        elif continued and _INDENTED_CODE.match(line):
            kept.append(_paragraph_start(line))
        else:
            kept.append(line)
    return kept


def _lone_tag(line: str) -> bool:
    text = line.strip()  # indented too: the line above was taken out
    return bool(_LONE_TAG.fullmatch(text)) and not HTML_INTERRUPTS.match(text)


def _goes_on(line: str) -> bool:
    """Whether `line`, under a paragraph's, surely continues it: it starts no block (a
    number, a tag or a `|` may, and are left as they are)."""
    text = line.strip()
    return bool(text) and not (
        _BLOCK_START.match(text)
        or _THEMATIC_BREAK.match(text)
        or _SETEXT_UNDERLINE.match(text)
        or text[0] in "<|"
        or text[0].isdigit()
    )


def _paragraph_start(line: str) -> str:
    """`line`, which continued a paragraph whose line above it was taken out, as the first
    line of one that shows the same text: without the indentation that would make it code,
    and with a `\\` where it would start a block (`# x`, `- x`, `2. x`)."""
    text = line.lstrip()
    if _BLOCK_START.match(text) or _THEMATIC_BREAK.match(text):
        return "\\" + text
    return _ORDERED_ITEM.sub(r"\1\\\2", text, count=1)


def _find_date(
    lines: list[str], head: list[int], tz: tzinfo
) -> tuple[int | None, datetime | None, str | None]:
    """The first date line: its index, and its date or why it is refused."""
    for index in head:
        try:
            moment = parse_date_line(lines[index], tz)
        except DateError as error:
            return index, None, str(error)
        if moment is not None:
            return index, moment, None
    return None, None, None


def _find_byline(lines: list[str], head: list[int]) -> tuple[int | None, tuple[str, ...]]:
    for index in head:
        match = _BYLINE.match(lines[index])
        if match is None:
            continue
        text = match.group("names").strip().rstrip("*_").rstrip()
        if len(text) >= _TITLE_MAX:
            continue
        names = tuple(name for n in _NAME_SEPARATORS.split(text) if (name := n.strip(" .")))
        if names and all(_looks_like_a_name(name) for name in names):
            return index, names
    return None, ()


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return len(words) <= _NAME_WORDS_MAX and all(
        not word[0].isdigit() and (not word[0].islower() or word.lower() in _NAME_PARTICLES)
        for word in words
    )


def _find_title(
    lines: list[str], head: list[int], taken: set[int | None]
) -> tuple[list[int], str | None]:
    for index in head:
        if index in taken:
            continue
        if _ATX_HEADING.match(lines[index]):
            # cmark-gfm reads the heading: a closing "#" after a space is markup, "C#" is not.
            return [index], inline_text(lines[index]) or None
        if index + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[index + 1]):
            return [index, index + 1], inline_text(lines[index])
        candidate = lines[index].strip()
        if len(candidate) > _TITLE_MAX or _INDENTED_CODE.match(lines[index]):
            # Indented four columns, the line is code (`    # not a heading`), shown as written.
            return [], None
        text = inline_text(candidate)
        if text:
            return [index], text
        # A line with nothing to read (an image, a rule, a comment) stays in the body.
    return [], None
