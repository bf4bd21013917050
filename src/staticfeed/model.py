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
class Enclosure:
    """A file that goes with an entry, such as a podcast episode."""

    url: str
    media_type: str
    length: int


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
    image: str | None = None
    enclosures: tuple[Enclosure, ...] = ()
    review: tuple[str, ...] = ()
    """Fields `staticfeed import` guessed, for the author to check; `check` warns while set."""


@dataclass(frozen=True)
class RenderedEntry:
    """An entry ready for a feed: its Markdown rendered to HTML with absolute URLs."""

    entry: Entry
    content_html: str
    summary: str
    page_url: str | None = None

    @property
    def url(self) -> str | None:
        """Where readers open the entry: its own `link`, else its page on the feed site."""
        return self.entry.link or self.page_url
