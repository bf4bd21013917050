"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from the same entries as Atom and RSS."""

from __future__ import annotations

import mmap
from collections.abc import Sequence

from staticfeed.blocks import block_span
from staticfeed.config import Config
from staticfeed.dates import iso
from staticfeed.jsonbytes import indented
from staticfeed.model import Author, Enclosure, RenderedEntry
from staticfeed.plan import FeedPlan, url_of
from staticfeed.values import mailto_uri

VERSION = "https://jsonfeed.org/version/1.1"

Json = dict[str, object]


def json_feed(config: Config, plan: FeedPlan, entries: Sequence[RenderedEntry]) -> bytes:
    """The JSON Feed document of `plan`; `entries` are its entries, rendered, in feed order."""
    return b"".join(json_feed_parts(config, plan, [item_text(config, r) for r in entries]))


def json_feed_parts(config: Config, plan: FeedPlan, items: Sequence[bytes]) -> list[bytes]:
    """`json_feed` in parts, from its entries' `item_text`s: an entry in many feeds (one of
    5,000 authors is in the feeds of all of them) is made into JSON once, not once a feed.

    JSON Feed pages with `next_url`, "the next n items": the main feed points to its newest
    archive, and each archive to the one before it, so following next_url reads every entry.
    """
    older = plan.prev_archive
    document: Json = {
        "version": VERSION,
        "title": plan.title,
        "home_page_url": config.site_url,
        "feed_url": url_of(config, plan.base, "json"),
        "next_url": url_of(config, older, "json") if older is not None else None,
        "description": config.subtitle,
        "icon": config.logo,
        "favicon": config.icon,
        "language": config.language,
        "authors": [_author(author) for author in config.authors] or None,
        "hubs": [{"type": "WebSub", "url": config.hub}] if config.hub else None,
        "items": [],
    }
    head = indented(_without_empty(document, keep=("items",)))
    if not items:
        return [head, b"\n"]
    # "items" is the document's last key: its list is written as `indented` writes one.
    assert head.endswith(_NO_ITEMS)
    between = [part for item in items for part in (b",\n", item)][1:]
    return [head.removesuffix(_NO_ITEMS), b"[\n", *between, b"\n  ]\n}\n"]


_NO_ITEMS = b"[]\n}"


def item_text(config: Config, rendered: RenderedEntry) -> bytes:
    """`rendered`'s item as `json_feed` writes it among the items: indented for its depth."""
    indent = _ITEM_INDENT.encode()
    return b"\n".join(indent + line for line in indented(_item(config, rendered)).split(b"\n"))


def item_span(document: bytes | mmap.mmap, item: bytes) -> tuple[int, int] | None:
    """Where `document`, a feed `json_feed` made, holds the item of the same id as `item` (an
    `item_text`), to put `item` in its place; None when it holds none (or more than one)."""
    indent = _ITEM_INDENT.encode()
    start, end, key = b"\n" + indent + b"{", b"\n" + indent + b"}", b"\n" + indent + b'  "id": '
    return block_span(document, item, start=start, end=end, key=key)


_ITEM_INDENT = "    "
"""Items are in the list that is the value of a key of the document: two levels deep."""


def _item(config: Config, rendered: RenderedEntry) -> Json:
    entry = rendered.entry
    # JSON Feed needs content_html or content_text: with summaries only, the summary is its text.
    whole = rendered.content_in_feeds(config.content)
    html = rendered.content_html if whole else None
    if not html and rendered.summary and not rendered.url:
        whole = False  # no body, nothing to open: its summary, as Atom and RSS carry it
    return _without_empty(
        {
            "id": entry.id,
            "url": rendered.url,
            "title": entry.title,
            "content_html": html if whole else None,
            "content_text": None if whole else rendered.summary,
            "summary": rendered.summary,
            "date_published": iso(entry.published),
            "date_modified": iso(entry.updated),
            "authors": [_author(author) for author in entry.authors],
            "tags": list(entry.tags),
            "language": entry.lang,
            "image": entry.image,
            "attachments": [_attachment(enclosure) for enclosure in entry.enclosures],
        },
        keep=("content_html",) if whole else ("content_text",),
    )


def _attachment(enclosure: Enclosure) -> Json:
    return {
        "url": enclosure.url,
        "mime_type": enclosure.media_type,
        "size_in_bytes": enclosure.length,
    }


def _author(author: Author) -> Json:
    url = author.uri or (mailto_uri(author.email) if author.email else None)
    return _without_empty({"name": author.name, "url": url})


def _without_empty(mapping: Json, keep: tuple[str, ...] = ()) -> Json:
    """JSON Feed readers treat a missing key and an empty one alike; leave empty ones out,
    except the keys the spec requires (`keep`)."""
    return {
        key: value for key, value in mapping.items() if key in keep or value not in (None, [], "")
    }
