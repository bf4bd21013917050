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
    date_index, published, problem = (
        _find_date(lines, head, tz) if find_date else (None, None, None)
    )
    byline_index, names = _find_byline(lines, head) if find_byline else (None, ())
    taken = {date_index, byline_index} - {None}
    title_indexes, title = _find_title(lines, head, taken) if find_title else ([], None)
    # A refused date line is no title, but stays in the body: nothing was taken from it.
    consumed = (taken if problem is None else taken - {date_index}) | set(title_indexes)
    paragraph_lines = {
        i for i in consumed if i is not None and _paragraph_line(lines, i, title_indexes)
    }
    kept = [
        _paragraph_start(line) if i - 1 in paragraph_lines and _INDENTED_CODE.match(line) else line
        for i, line in enumerate(lines)
        if i not in consumed
    ]
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
