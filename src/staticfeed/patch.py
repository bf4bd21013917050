"""A rebuild after edits to a few documents: the files that show them patched, nothing else read.

staticfeed.delta tells which documents changed since the last build and where that build
placed each. `patch` reads those documents alone; when each still has the placing it had
(staticfeed.delta.placing) and, with pages, the same listing on the index, no other file can
change: the feeds that carry it and its page are made again from the ones the last build
wrote, its item in each feed replaced by the one the full build would make (the same
functions make it), and published as a build publishes. Anything else (an error, a warning,
an id, date, tag or author that changed, an item not found where it should be) gives None
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
from typing import BinaryIO

from staticfeed.config import Config
from staticfeed.delta import Basis, Placed, Previous, placing
from staticfeed.entries import read_document
from staticfeed.errors import StaticfeedError
from staticfeed.feeds import entry_elements, item_span
from staticfeed.jsonfeed import item_span as json_item_span
from staticfeed.jsonfeed import item_text
from staticfeed.model import Entry, RenderedEntry
from staticfeed.output import Staging
from staticfeed.pages import (
    FeedLink,
    PageEntry,
    PageRenderer,
    entry_page_url,
    index_listing,
    page_path,
)
from staticfeed.plan import file_name
from staticfeed.progress import SILENT, Progress
from staticfeed.render import render_entry


@dataclass(frozen=True)
class _Edit:
    """An edited document's entry, rendered, and where the last build placed it."""

    rendered: RenderedEntry
    placed: Placed


def patch(
    config: Config,
    entries_dir: Path,
    out_dir: Path,
    previous: Previous,
    progress: Progress = SILENT,
) -> set[str] | None:
    """Patch the files that show the documents `previous` found changed, and publish them;
    the names of the files whose bytes changed. None, having written nothing, when the
    build has to run in full."""
    assert previous.changed is not None
    edits = []
    for relative in previous.changed:
        read = _read(config, entries_dir, relative, previous.basis)
        if read is None:
            return None
        entry, placed = read
        if placed.plans is None:
            continue  # a draft or a scheduled entry, which shows nowhere
        edit = _rendered(config, entry, placed)
        if edit is None:
            return None
        edits.append(edit)
    progress.phase("patch files", 0)
    with Staging(out_dir) as staging:
        if not _staged(config, out_dir, previous.basis, edits, staging):
            return None  # leaving the block removes what was staged
        written = staging.publish(progress)
    return {name for name, file in written.items() if file.changed}


def _read(
    config: Config, entries_dir: Path, relative: str, basis: Basis
) -> tuple[Entry, Placed] | None:
    """The document's entry, when it has no error nor warning, and the same placing."""
    placed = basis.placed(relative)
    path = entries_dir.joinpath(*relative.split("/"))
    if placed is None or path.is_symlink():  # a link's target is checked by the full build
        return None
    try:
        read = read_document(config, entries_dir, path)
    except StaticfeedError:
        return None  # the full build lists every error
    (entry,) = read.entries
    if read.warnings or read.reads_project_files or placing(entry) != placed.placing:
        return None
    return entry, placed


def _rendered(config: Config, entry: Entry, placed: Placed) -> _Edit | None:
    """The entry rendered, when the index lists it as it did."""
    page_url = entry_page_url(config, entry) if config.pages else None
    rendered = render_entry(entry, config.site_url, page_url)
    if config.pages and not placed.lists(index_listing(entry, rendered.summary)):
        return None  # the index changes, and it lists every entry
    return _Edit(rendered, placed)


def _staged(
    config: Config, out_dir: Path, basis: Basis, edits: Sequence[_Edit], staging: Staging
) -> bool:
    """Stage the files that show the `edits`, patched: pages first, which the feeds link to,
    as a build publishes them. False when an item is not where it should be."""
    feeds: dict[str, list[tuple[bytes, str]]] = {}
    for edit in edits:
        items = _items(config, edit.rendered)
        assert edit.placed.plans is not None
        for index in edit.placed.plans:
            for format_name in config.formats:
                name = file_name(basis.plans[index], format_name)
                feeds.setdefault(name, []).append((items[format_name], format_name))
        if config.pages:
            page = _page(config, basis, edit.rendered)
            if page is None:
                return False
            staging.add(page_path(edit.rendered.entry), page)
    return all(_stage_feed(staging, out_dir, name, items) for name, items in feeds.items())


def _items(config: Config, rendered: RenderedEntry) -> Mapping[str, bytes]:
    """The entry's item in each format, as every feed that holds it carries it."""
    xml = [name for name in config.formats if name != "json"]
    items = dict(zip(xml, entry_elements(config, rendered, xml), strict=True))
    if "json" in config.formats:
        items["json"] = item_text(rendered)
    return items


def _stage_feed(
    staging: Staging, out_dir: Path, name: str, items: Sequence[tuple[bytes, str]]
) -> bool:
    """Stage the feed `name` with `items` in place of its own items of the same ids: read
    through a memory map and written in parts, as a feed of every entry may be hundreds of
    megabytes."""
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


def _page(config: Config, basis: Basis, rendered: RenderedEntry) -> bytes | None:
    main = [FeedLink(*link) for link in basis.main]
    topics = [FeedLink(*link) for link in basis.topics]
    assert rendered.page_url is not None
    try:
        renderer = PageRenderer(config, main, topics, config.templates)
        return renderer.entry(PageEntry(rendered, rendered.page_url))
    except StaticfeedError:
        return None  # a broken template: the full build says where
