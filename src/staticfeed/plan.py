"""Which feed documents a publication has, and which entries each one holds.

The main feed carries the newest `limit` entries. Older ones go into RFC 5005 archive
documents, filled oldest first, so new entries never change a full archive: archive 1 holds the
oldest `archive_size` entries, archive 2 the next ones, and only the newest archive can still
grow. Per-tag and per-author feeds carry the newest `limit` entries on their topic.

A feed that leaves older entries out also carries those of them updated after the oldest of
its newest `limit` entries was published, at most `limit` of them: subscribers fetch an
archive once, if at all, so an update there reaches them only through the main feed (RFC
5005, 4.1: publishers should consider putting changed entries in the subscription document
too). Such an entry stays in its archive as well, so no archive loses an entry and the
archives after it do not shift.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from staticfeed.config import Config
from staticfeed.dates import in_utc
from staticfeed.ids import WINDOWS_DEVICES
from staticfeed.model import Entry

MAIN = ""
_SLUG_BYTES = 200  # leaves room for ".atom.xml" and the like within 255 bytes
_MAIN_NAMES = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}
_SUFFIXES = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}
MEDIA_TYPES = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}


def file_name(base: str, format_name: str) -> str:
    """`atom.xml` for the main Atom feed, `tags/x.rss.xml` for a tag's RSS feed, and so on."""
    return _MAIN_NAMES[format_name] if base == MAIN else base + _SUFFIXES[format_name]


def url_of(config: Config, base: str, format_name: str) -> str:
    return config.feed_url + quote(file_name(base, format_name))


def feed_plans(config: Config, published: Sequence[Entry]) -> list[FeedPlan]:
    """Every feed document of the publication; `published` must be newest first."""
    window = Window.of(config.limit, published)
    plans = main_and_archives(config.title, published, window, config.archive_size)
    clashes: list[Clash] = []
    topics: list[tuple[str, Callable[[str], str], Callable[[Entry], Iterable[str]]]] = []
    if config.tag_feeds:
        topics.append(("tags", lambda tag: f"{config.title}: {tag}", lambda entry: entry.tags))
    if config.author_feeds:
        topics.append(
            (
                "authors",
                lambda name: f"{config.title}: by {name}",
                lambda entry: (author.name for author in entry.authors),
            )
        )
    for kind, title, names_of in topics:
        try:
            plans += topic_feeds(kind, title, published, names_of, window)
        except TopicCollision as collision:
            clashes += collision.clashes
    if clashes:
        raise TopicCollision(clashes)
    return plans


@dataclass(frozen=True)
class FeedPlan:
    """One feed document, named by its `base` path without format suffix ("" for the main)."""

    base: str
    title: str
    entries: tuple[Entry, ...]
    complete: bool = False
    archive: bool = False
    prev_archive: str | None = None
    next_archive: str | None = None
    current: str | None = None


@dataclass(frozen=True)
class Clash:
    """Two spellings of a tag or author that would share one feed file, and the first entry
    with each."""

    kind: str
    slug: str
    names: tuple[str, str]
    entries: tuple[Entry, Entry]


class TopicCollision(ValueError):
    """Every clash of the publication's tags and authors, so that all are reported at once."""

    def __init__(self, clashes: Sequence[Clash]) -> None:
        self.clashes = tuple(clashes)
        said = [
            f"{c.kind} {c.names[0]!r} and {c.names[1]!r} both become {c.slug!r}" for c in clashes
        ]
        super().__init__("; ".join(said))


@dataclass(frozen=True)
class Window:
    """Which entries a feed of at most `limit` entries (0: no limit) carries."""

    limit: int
    updated: Mapping[str, datetime]
    """In UTC, by id, the `updated` of each entry updated after it was published."""

    @classmethod
    def of(cls, limit: int, published: Iterable[Entry]) -> Window:
        # Only an entry updated after its own publication can have been updated after a
        # newer one was published; the others need no conversion to UTC.
        later = (entry for entry in published if entry.updated > entry.published)
        return cls(limit, {entry.id: in_utc(entry.updated) for entry in later})

    def shown(self, entries: Sequence[Entry]) -> tuple[Entry, ...]:
        """The newest `limit` of `entries` (newest first), then, newest first, the older ones
        updated after the oldest of those was published: the `limit` updated last, so that a
        feed never carries more than twice `limit` (a site imported with every `lastmod`)."""
        if not self.limit or len(entries) <= self.limit:
            return tuple(entries)
        newest = entries[: self.limit]
        if not self.updated:
            return tuple(newest)
        since = in_utc(newest[-1].published)
        updated = self.updated
        later = [e for e in entries[self.limit :] if e.id in updated and updated[e.id] > since]
        if len(later) > self.limit:
            # A stable sort: of two updated at once, the one published later is kept.
            last = sorted(later, key=lambda entry: updated[entry.id], reverse=True)
            kept = {entry.id for entry in last[: self.limit]}
            later = [entry for entry in later if entry.id in kept]
        return (*newest, *later)


def main_and_archives(
    title: str, entries: Sequence[Entry], window: Window, archive_size: int
) -> list[FeedPlan]:
    """The main feed and its archives; `entries` must be newest first."""
    limit = window.limit
    if not limit or len(entries) <= limit:
        return [FeedPlan(MAIN, title, tuple(entries), complete=True)]
    current, older = window.shown(entries), list(reversed(entries[limit:]))
    pages = [older[i : i + archive_size] for i in range(0, len(older), archive_size)]
    names = [archive_base(number) for number in range(1, len(pages) + 1)]
    archives = [
        FeedPlan(
            names[index],
            f"{title} (archive {index + 1})",
            tuple(reversed(page)),
            archive=True,
            prev_archive=names[index - 1] if index else None,
            next_archive=names[index + 1] if index + 1 < len(names) else None,
            current=MAIN,
        )
        for index, page in enumerate(pages)
    ]
    return [FeedPlan(MAIN, title, current, prev_archive=names[-1]), *archives]


def archive_base(number: int) -> str:
    return f"archive/{number}"


def topic_feeds(
    kind: str,
    title: Callable[[str], str],
    entries: Sequence[Entry],
    names_of: Callable[[Entry], Iterable[str]],
    window: Window,
) -> list[FeedPlan]:
    """One feed per tag or author (`kind` is "tags" or "authors"), sorted by slug; `entries`
    must be newest first, and each feed keeps their order: its entries are picked out of them
    in turn, not sorted again (sorting every topic's entries took most of the planning)."""
    by_slug: dict[str, tuple[str, list[Entry]]] = {}
    clashes: dict[tuple[str, str], Clash] = {}  # the first clash of each spelling
    for entry in entries:
        for name in dict.fromkeys(unicodedata.normalize("NFC", n) for n in names_of(entry)):
            slug = topic_slug(name)
            known_name, members = by_slug.setdefault(slug, (name, []))
            if known_name != name:
                clash = Clash(kind[:-1], slug, (known_name, name), (members[0], entry))
                clashes.setdefault((slug, name), clash)
                continue
            members.append(entry)
    if clashes:
        raise TopicCollision(list(clashes.values()))
    plans = []
    for slug, (name, members) in sorted(by_slug.items()):
        shown = window.shown(members)
        plans.append(
            FeedPlan(f"{kind}/{slug}", title(name), shown, complete=len(shown) == len(members))
        )
    return plans


@functools.lru_cache(maxsize=4096)
def topic_slug(name: str) -> str:
    """A file name for a tag or author that stays readable in any script (memoized: a few
    hundred names recur in tens of thousands of entries).

    Letters, digits and combining marks of every script are kept (case-folded, NFC), any other
    run of characters becomes one "-". URLs percent-encode the non-ASCII letters; file names keep
    them as they are.
    """
    folded = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in folded)
    slug = "-".join(kept.split()) or folded.encode("utf-8").hex()
    # `con.atom.xml` cannot be checked out or uploaded on Windows. No other name ends in "-".
    return f"{slug}-" if slug in WINDOWS_DEVICES else _fit_file_name(slug)


# Symbols a file name leaves out, and words that keep them apart: C++ and C# are both "c".
_SYMBOL_WORDS = {"+": "plus", "#": "sharp", "&": "and", "@": "at", "%": "percent", "$": "dollar"}


def respelled(name: str) -> str | None:
    """`name` with its symbols written as words (`C#` is `C-sharp`), when that gives another
    file name; None when it has no such symbol."""
    words = "".join(f"-{_SYMBOL_WORDS[c]}-" if c in _SYMBOL_WORDS else c for c in name)
    spelled = "-".join(part for part in words.split("-") if part)
    return spelled if topic_slug(spelled) != topic_slug(name) else None


def _fit_file_name(slug: str) -> str:
    """File systems take names of at most 255 bytes: a longer slug is cut, and a hash of the
    whole slug keeps two long names that share a beginning apart."""
    encoded = slug.encode("utf-8")
    if len(encoded) <= _SLUG_BYTES:
        return slug
    digest = hashlib.sha256(encoded).hexdigest()[:12]
    cut = encoded[: _SLUG_BYTES - len(digest) - 1].decode("utf-8", errors="ignore")
    return f"{cut.rstrip('-')}-{digest}"
