"""The data staticfeed works on: frozen values passed from one pipeline step to the next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class Author:
    name: str
    email: str | None = None
    uri: str | None = None


@dataclass(frozen=True)
class Entry:
    """One document from entries/, with its metadata resolved but its body not yet rendered."""

    source: Path
    id: str
    slug: str
    title: str
    published: datetime
    updated: datetime
    authors: tuple[Author, ...]
    body: str
    body_line: int
    tags: tuple[str, ...] = ()
    summary: str | None = None
    link: str | None = None
    draft: bool = False
    lang: str | None = None


@dataclass(frozen=True)
class RenderedEntry:
    """An entry ready for a feed: its Markdown rendered to HTML with absolute URLs."""

    entry: Entry
    content_html: str
    summary: str
