"""A rebuild after edits to a few documents: the files that show them patched, nothing else read.

staticfeed.delta tells which documents changed since the last build and where that build
placed each. `patch` reads those documents alone; when each still has the placing it had
(staticfeed.delta.placing), no other entry moves: the feeds that carry it are made again
from the ones the last build wrote, its item in each replaced by the one the full build
would make (the same functions make it), its page is made again, and, when what the index
lists of it changed (its title, summary or language), its article in the index is replaced
by the one the index template makes of it. They are published as a build publishes. Anything
else (an error, a warning, an id, date, tag or author that changed, a listing changed with
the user's own templates, an item not found where it should be, a document that links to
another entry's document or a new link of one another links to, which only a full build
knows where to lead: staticfeed.doclinks; edited entries that traded titles and texts, files
of one date that swapped names, which only a full build's id guard reports) gives None
before any file is written, and the build runs in full.

The build cache is not told: the next full build finds each patched file and each edited
document changed, and makes them again from their sources, as the cache never vouches for
a file that is not as it left it. A patch changes no id, so that build need not look for
ids that changed in every published feed (delta.Previous.left_ids).
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from staticfeed.config import Config
from staticfeed.delta import Basis, Patched, Placed, Previous, placing
from staticfeed.entries import read_document
from staticfeed.errors import StaticfeedError
from staticfeed.feeds import entry_elements, item_span
from staticfeed.jsonfeed import item_span as json_item_span
from staticfeed.jsonfeed import item_text
from staticfeed.model import Entry, RenderedEntry
from staticfeed.output import Staging
from staticfeed.pages import (
    INDEX_NAME,
    FeedLink,
    PageEntry,
    PageRenderer,
    article_span,
    entry_page_url,
    index_listing,
    page_path,
)
from staticfeed.plan import file_name
from staticfeed.progress import SILENT, Progress
from staticfeed.render import render_entry

if TYPE_CHECKING:
    from staticfeed.drift import PublishedEntry


@dataclass(frozen=True)
class _Edit:
    """An edited document's entry, rendered, and where the last build placed it."""

    relative: str
    rendered: RenderedEntry
    placed: Placed
    listing: str | None
    """What the index lists of it now, when that changed (pages.index_listing)."""


def patch(
    config: Config,
    entries_dir: Path,
    out_dir: Path,
    previous: Previous,
    progress: Progress = SILENT,
) -> Patched | None:
    """Patch the files that show the documents `previous` found changed, and publish them.
    None, having written nothing, when the build has to run in full."""
    assert previous.changed is not None
    edits = []
    held = []
    for relative in previous.changed:
        read = _read(config, entries_dir, relative, previous.basis)
        if read is None:
            return None
        entry, placed = read
        if placed.plans is None:
            held.append(entry)  # a draft or a scheduled entry, which shows nowhere
            continue
        edit = _rendered(config, relative, entry, placed)
        if edit is None:
            return None
        edits.append(edit)
    if held and _records_retitled(out_dir, held):
        return None  # the ids file names the new title: a full build writes it
    if _traded(config, out_dir, previous.basis, edits):
        return None  # files that swapped names: the full build's id guard tells
    progress.phase("patch files", 0)
    with Staging(out_dir) as staging:
        if not _staged(config, out_dir, previous.basis, edits, staging):
            return None  # leaving the block removes what was staged
        written = staging.publish(progress)
    listed = {edit.relative: edit.listing for edit in edits if edit.listing is not None}
    return Patched(frozenset(name for name, file in written.items() if file.changed), listed)


def _read(
    config: Config, entries_dir: Path, relative: str, basis: Basis
) -> tuple[Entry, Placed] | None:
    """The document's entry, when it has no error nor warning, and the same placing, and
    links to no other entry's document (where those lead is known to a full build alone)."""
    placed = basis.placed(relative)
    path = entries_dir.joinpath(*relative.split("/"))
    if placed is None or path.is_symlink():  # a link's target is checked by the full build
        return None
    try:
        read = read_document(config, entries_dir, path)
    except StaticfeedError:
        return None  # the full build lists every error
    (entry,) = read.entries
    if read.warnings or read.reads_project_files or entry.links_to:
        return None
    if placed.placing not in (placing(entry), placing(entry, linked=True)):
        return None
    return entry, placed


def _rendered(config: Config, relative: str, entry: Entry, placed: Placed) -> _Edit | None:
    """The entry rendered; None when pages are made with the user's templates, which may
    show anything of it anywhere."""
    page_url = entry_page_url(config, entry) if config.pages else None
    rendered = render_entry(entry, config.site_url, page_url)
    if not config.pages:
        return _Edit(relative, rendered, placed, None)
    if placed.listing is None:
        return None
    listing = index_listing(entry, rendered.summary)
    return _Edit(relative, rendered, placed, None if placed.lists(listing) else listing)


def _records_retitled(out_dir: Path, held: Sequence[Entry]) -> bool:
    """Whether an entry of `held` is one that left the feeds, retitled as it waits
    (drift.records_retitled)."""
    from staticfeed.drift import records_retitled  # reads the ids file: only for held entries

    return records_retitled(out_dir, held)


def _traded(config: Config, out_dir: Path, basis: Basis, edits: Sequence[_Edit]) -> bool:
    """Whether entries of `edits` traded titles and texts (drift.traded): files of one date
    that swapped names keep their ids and their placings, and the id guard of a full build
    alone reports them. Each old item is read from the first feed that holds it; True when
    one is not found there (the full build makes the feed again)."""
    if len(edits) < 2:
        return False
    from staticfeed.drift import traded  # the id guard's module: a one-edit patch needs none

    format_name = config.formats[0]
    before, after = [], []
    for edit in edits:
        assert edit.placed.plans is not None
        if not edit.placed.plans:
            continue  # in no feed: readers lack it (none now: past the limit is archived)
        name = file_name(basis.plans[edit.placed.plans[0]], format_name)
        read = _old_and_new(out_dir / name, _items(config, edit.rendered)[format_name], format_name)
        if read is None:
            return True
        before.append(read[0])
        after.append(read[1])
    return traded(before, after)


def _old_and_new(
    path: Path, item: bytes, format_name: str
) -> tuple[PublishedEntry, PublishedEntry] | None:
    """The entry of the feed at `path` that `item` takes the place of, and `item`'s."""
    from staticfeed.drift import item_entries

    try:
        with open(path, "rb") as file, _mapped(file) as document:
            span = _span(document, item, format_name)
            if document is None or span is None:
                return None
            read = item_entries(document, [document[span[0] : span[1]], item], format_name)
    except OSError:
        return None
    return (read[0], read[1]) if read is not None and len(read) == 2 else None


def _staged(
    config: Config, out_dir: Path, basis: Basis, edits: Sequence[_Edit], staging: Staging
) -> bool:
    """Stage the files that show the `edits`, patched: pages first, which the feeds link to,
    as a build publishes them. False when an item is not where it should be."""
    spliced: dict[str, list[tuple[bytes, str]]] = {}
    for edit in edits:
        items = _items(config, edit.rendered)
        assert edit.placed.plans is not None
        for index in edit.placed.plans:
            for format_name in config.formats:
                name = file_name(basis.plans[index], format_name)
                spliced.setdefault(name, []).append((items[format_name], format_name))
    if config.pages and edits:
        articles = _stage_pages(config, basis, edits, staging)
        if articles is None:
            return False
        if articles:
            spliced[INDEX_NAME] = [(article, _INDEX) for article in articles]
    return all(_stage_spliced(staging, out_dir, name, items) for name, items in spliced.items())


def _stage_pages(
    config: Config, basis: Basis, edits: Sequence[_Edit], staging: Staging
) -> list[bytes] | None:
    """Stage the page of each edited entry; the index's new article of each whose listing
    changed. None when a template fails (the full build says where)."""
    renderer = _renderer(config, basis)
    if renderer is None:
        return None
    articles = []
    for edit in edits:
        page = _page(renderer, edit.rendered)
        if page is None:
            return None
        staging.add(page_path(edit.rendered.entry), page)
        if edit.listing is not None:
            article = _article(renderer, edit.rendered)
            if article is None:
                return None
            articles.append(article)
    return articles


_INDEX = "index"
"""Stands for a format: the items of the index are its articles."""


def _items(config: Config, rendered: RenderedEntry) -> Mapping[str, bytes]:
    """The entry's item in each format, as every feed that holds it carries it."""
    xml = [name for name in config.formats if name != "json"]
    items = dict(zip(xml, entry_elements(config, rendered, xml), strict=True))
    if "json" in config.formats:
        items["json"] = item_text(config, rendered)
    return items


def _stage_spliced(
    staging: Staging, out_dir: Path, name: str, items: Sequence[tuple[bytes, str]]
) -> bool:
    """Stage the feed (or index) `name` with `items` in place of its own items of the same
    ids: read through a memory map and written in parts, as a feed of every entry may be
    hundreds of megabytes."""
    try:
        with open(out_dir / name, "rb") as file, _mapped(file) as document:
            replacements = []
            for item, format_name in items:
                span = _span(document, item, format_name)
                if span is None:
                    return False
                replacements.append((span, item))
            replacements.sort()
            spans = [span for span, _ in replacements]
            if document is None or any(a[1] > b[0] for a, b in itertools.pairwise(spans)):
                return False
            staging.add_parts(name, _spliced(document, replacements))
    except OSError:
        return False
    return True


@contextlib.contextmanager
def _mapped(file: BinaryIO) -> Iterator[mmap.mmap | None]:
    """The file mapped into memory; None when it is empty (which cannot be mapped)."""
    if os.fstat(file.fileno()).st_size == 0:
        yield None
        return
    with mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        yield mapped


def _span(document: mmap.mmap | None, item: bytes, format_name: str) -> tuple[int, int] | None:
    if document is None:
        return None
    if format_name == "json":
        return json_item_span(document, item)
    if format_name == _INDEX:
        return article_span(document, item)
    return item_span(document, item, format_name)


def _spliced(
    document: mmap.mmap, replacements: Sequence[tuple[tuple[int, int], bytes]]
) -> Iterator[bytes]:
    """`document` with each item in place of the bytes at its span (in order, apart), a
    megabyte at a time."""
    done = 0
    for (first, last), item in replacements:
        yield from _chunks(document, done, first)
        yield item
        done = last
    yield from _chunks(document, done, len(document))


def _chunks(document: mmap.mmap, first: int, last: int) -> Iterator[bytes]:
    for at in range(first, last, _CHUNK):
        yield document[at : min(at + _CHUNK, last)]


_CHUNK = 1 << 20


def _renderer(config: Config, basis: Basis) -> PageRenderer | None:
    main = [FeedLink(*link) for link in basis.main]
    topics = [FeedLink(*link) for link in basis.topics]
    try:
        return PageRenderer(config, main, topics, config.templates)
    except StaticfeedError:
        return None  # a templates folder gone: the full build says so


def _page(renderer: PageRenderer, rendered: RenderedEntry) -> bytes | None:
    assert rendered.page_url is not None
    try:
        return renderer.entry(PageEntry(rendered, rendered.page_url))
    except StaticfeedError:
        return None  # a broken template: the full build says where


def _article(renderer: PageRenderer, rendered: RenderedEntry) -> bytes | None:
    """What the index lists of the entry, as the index of every entry holds it."""
    assert rendered.page_url is not None
    try:
        return renderer.index_article(PageEntry(rendered, rendered.page_url))
    except StaticfeedError:
        return None
