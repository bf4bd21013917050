"""The data staticfeed works on: frozen values passed from one pipeline step to the next."""

from __future__ import annotations

from collections.abc import Callable
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
    links_to: tuple[str, ...] = ()
    """The documents its links name (doclinks.linked_documents), by POSIX path under the
    entries folder: whose entries' URLs its HTML holds."""


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

    def content_in_feeds(self, content: str) -> bool:
        """Whether feeds carry the entry's whole content, with the config's `content` ("full"
        or "summary"): with summaries only, when it has no summary (no text: an image) or no
        link or page to open for the rest."""
        return content == "full" or not self.summary or not self.url


class DeferredRendering(RenderedEntry):
    """A rendered entry whose HTML is kept out of memory, in the build's spool or in the cache,
    and read each time something asks for it: a large build's HTML is more than 100 MB, and
    most of what a build makes (feed items, entry pages) is made where the entry is rendered."""

    def __init__(
        self, entry: Entry, summary: str, page_url: str | None, load: Callable[[], str]
    ) -> None:
        # RenderedEntry is a frozen dataclass: its fields are set as its own __init__ does.
        object.__setattr__(self, "entry", entry)
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "page_url", page_url)
        object.__setattr__(self, "_load", load)

    @property
    def content_html(self) -> str:
        """The HTML, read again each time, so that it is never held."""
        load: Callable[[], str] = self.__dict__["_load"]
        return load()
