"""A whole build, step by step: load_config -> read_entries -> build_feeds -> write_outputs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from staticfeed.config import Config
from staticfeed.drift import (
    SOURCES_NAME,
    check_id_changes,
    published_entries,
    read_sources,
    sources_file,
)
from staticfeed.entries import read_entries
from staticfeed.errors import BuildWarning, EntryError, display_path
from staticfeed.feeds import feed_document
from staticfeed.hosting import HEADERS_NAME, HostedFile, headers_file
from staticfeed.jsonfeed import json_feed
from staticfeed.model import Entry, RenderedEntry
from staticfeed.output import (
    MANIFEST_NAME,
    Written,
    manifest,
    previous_files,
    remove_stale,
    write_outputs,
)
from staticfeed.pages import FeedLink, entry_page_url, render_pages
from staticfeed.plan import (
    MAIN,
    MEDIA_TYPES,
    FeedPlan,
    TopicCollision,
    feed_plans,
    file_name,
    url_of,
)
from staticfeed.render import render_entry
from staticfeed.selection import Selection, select_entries

_FORMAT_TITLES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}


@dataclass(frozen=True)
class OutputFile:
    """One file of the publication, by POSIX path under the output folder."""

    name: str
    content: bytes
    entry_count: int | None = None
    """How many entries a feed carries; None for a file that is not a feed."""


@dataclass(frozen=True)
class Rendered:
    files: tuple[OutputFile, ...]
    selection: Selection
    warnings: tuple[BuildWarning, ...]


@dataclass(frozen=True)
class BuildReport:
    written: tuple[tuple[Written, OutputFile], ...]
    selection: Selection
    warnings: tuple[BuildWarning, ...]
    removed: tuple[Path, ...] = ()
    """Files the previous build wrote that this one no longer does (a tag that is gone)."""


def render_outputs(
    config: Config, entries_dir: Path, *, now: datetime, drafts: bool = False, future: bool = False
) -> Rendered:
    """Every output file's bytes, without touching the disk: nothing is written on any error."""
    result = read_entries(config, entries_dir)
    selection = select_entries(result.entries, now=now, drafts=drafts, future=future)
    if not selection.entries:
        raise EntryError(
            "there is no published entry to put in the feeds",
            "Add a document, or pass --drafts or --future to include drafts and scheduled entries.",
            path=entries_dir,
        )
    plans = _plans(config, selection.entries)
    rendered = _render_entries(config, _entries_of(plans, config, selection.entries))
    files = [*_feed_files(config, plans, rendered)]
    files.append(_headers(config, plans, files))
    if config.pages:
        files += _page_files(config, plans, [rendered[e.id] for e in selection.entries])
    return Rendered(tuple(files), selection, result.warnings)


def build(
    config: Config,
    entries_dir: Path,
    out_dir: Path,
    *,
    now: datetime,
    drafts: bool = False,
    future: bool = False,
    allow_id_change: bool = False,
) -> BuildReport:
    """Render and write the publication; nothing is written on any error.

    Unless `allow_id_change`, an entry that was published under another id (a file renamed
    without `id:` in its front matter) is an error: readers would show it again as new.
    """
    rendered = render_outputs(config, entries_dir, now=now, drafts=drafts, future=future)
    entries = rendered.selection.entries
    if not allow_id_change:
        check_id_changes(published_entries(out_dir), read_sources(out_dir), entries, entries_dir)
    names = [file.name for file in rendered.files]
    state = {
        SOURCES_NAME: sources_file(entries, entries_dir),
        MANIFEST_NAME: manifest(names),
    }
    previous = previous_files(out_dir)
    written = write_outputs(
        out_dir, {**{file.name: file.content for file in rendered.files}, **state}
    )
    removed = remove_stale(out_dir, previous, {*names, *state})
    return BuildReport(
        tuple(zip(written[: len(rendered.files)], rendered.files, strict=True)),
        rendered.selection,
        rendered.warnings,
        tuple(removed),
    )


def _plans(config: Config, published: Sequence[Entry]) -> list[FeedPlan]:
    try:
        return feed_plans(config, published)
    except TopicCollision as collision:
        first, second = collision.entries
        raise EntryError(
            f"the {collision.kind} {collision.names[1]!r} and the {collision.kind} "
            f"{collision.names[0]!r} of {display_path(first.source)} would share the feed "
            f"{collision.slug!r}",
            f"Write the {collision.kind} the same way everywhere, or make the names differ "
            "in letters or digits.",
            path=second.source,
        ) from None


def _entries_of(
    plans: Iterable[FeedPlan], config: Config, published: Sequence[Entry]
) -> list[Entry]:
    """Entries some output shows: Markdown is rendered only for those."""
    if config.pages:
        return list(published)
    return list({entry.id: entry for plan in plans for entry in plan.entries}.values())


def _render_entries(config: Config, entries: Iterable[Entry]) -> dict[str, RenderedEntry]:
    return {
        entry.id: render_entry(
            entry, config.site_url, entry_page_url(config, entry) if config.pages else None
        )
        for entry in entries
    }


def _feed_files(
    config: Config, plans: Iterable[FeedPlan], rendered: dict[str, RenderedEntry]
) -> Iterable[OutputFile]:
    for plan in plans:
        entries = [rendered[entry.id] for entry in plan.entries]
        for format_name in config.formats:
            if format_name == "json":
                content = json_feed(config, plan, entries)
            else:
                content = feed_document(config, plan, entries, format_name)
            yield OutputFile(file_name(plan.base, format_name), content, len(entries))


def _headers(config: Config, plans: Sequence[FeedPlan], feeds: Sequence[OutputFile]) -> OutputFile:
    """Hosting hints for the feeds; an archive that has a successor never changes again."""
    final = {
        file_name(plan.base, name)
        for plan in plans
        if plan.archive and plan.next_archive is not None
        for name in config.formats
    }
    hosted = [HostedFile(feed.name, final=feed.name in final) for feed in feeds]
    return OutputFile(HEADERS_NAME, headers_file(config, hosted))


def _page_files(
    config: Config, plans: Sequence[FeedPlan], entries: Sequence[RenderedEntry]
) -> list[OutputFile]:
    main = [_feed_link(config, config.title, MAIN, name) for name in config.formats]
    topics = [
        _feed_link(config, plan.title, plan.base, name)
        for plan in plans
        if plan.base != MAIN and not plan.archive
        for name in config.formats
    ]
    pages = render_pages(config, entries, main, topics, config.templates)
    return [OutputFile(name, content) for name, content in pages.items()]


def _feed_link(config: Config, title: str, base: str, format_name: str) -> FeedLink:
    return FeedLink(
        f"{title} ({_FORMAT_TITLES[format_name]})",
        url_of(config, base, format_name),
        MEDIA_TYPES[format_name],
    )
