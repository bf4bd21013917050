"""Metadata a document without front matter carries in its first lines: title, date, byline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from staticfeed.dates import parse_date_line
from staticfeed.render import inline_text

_HEAD_LINES = 10  # a date or byline further down is part of the text, not metadata
_TITLE_MAX = 200
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_BYLINE = re.compile(r"^\s*[*_]*\s*(?:written\s+)?by[:\s]\s*(?P<names>.+?)\s*[*_]*\s*$", re.I)
_NAME_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,|\s+and\s+|\s*&\s*)\s*")


@dataclass(frozen=True)
class HeadMetadata:
    title: str | None
    title_line: int | None
    published: datetime | None
    date_line: int | None
    byline_names: tuple[str, ...]
    byline_line: int | None
    body: str


def read_head(body: str, tz: tzinfo, first_line: int, *, find_title: bool = True) -> HeadMetadata:
    """Find the title, date and byline at the top of `body`, and the body without them.

    With `find_title` false (the front matter gives the title) no line is taken as the title, so
    a heading that is not the title stays in the body.
    """
    lines = body.split("\n")
    head = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    date_index, published = _find_date(lines, head, tz)
    byline_index, names = _find_byline(lines, head)
    taken = {date_index, byline_index} - {None}
    title_indexes, title = _find_title(lines, head, taken) if find_title else ([], None)
    consumed = taken | set(title_indexes)
    kept = [line for i, line in enumerate(lines) if i not in consumed]
    return HeadMetadata(
        title=title,
        title_line=first_line + title_indexes[0] if title_indexes else None,
        published=published,
        date_line=first_line + date_index if date_index is not None else None,
        byline_names=names,
        byline_line=first_line + byline_index if byline_index is not None else None,
        body="\n".join(kept).strip("\n") + "\n",
    )


def _find_date(lines: list[str], head: list[int], tz: tzinfo) -> tuple[int | None, datetime | None]:
    for index in head:
        moment = parse_date_line(lines[index], tz)
        if moment is not None:
            return index, moment
    return None, None


def _find_byline(lines: list[str], head: list[int]) -> tuple[int | None, tuple[str, ...]]:
    for index in head:
        match = _BYLINE.match(lines[index])
        if match and len(match.group("names")) < _TITLE_MAX:
            names = tuple(n.strip(" .") for n in _NAME_SEPARATORS.split(match.group("names")))
            return index, tuple(name for name in names if name)
    return None, ()


def _find_title(
    lines: list[str], head: list[int], taken: set[int | None]
) -> tuple[list[int], str | None]:
    for index in head:
        if index in taken:
            continue
        heading = _ATX_HEADING.match(lines[index])
        if heading:
            return [index], inline_text(heading.group(2)) or None
        if index + 1 < len(lines) and _SETEXT_UNDERLINE.match(lines[index + 1]):
            return [index, index + 1], inline_text(lines[index])
        candidate = lines[index].strip()
        if len(candidate) <= _TITLE_MAX:
            return [index], inline_text(candidate) or None
        return [], None
    return [], None
