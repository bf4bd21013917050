"""A whole build, step by step: load_config -> read_entries -> build_feeds -> write_outputs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from staticfeed.config import Config
from staticfeed.entries import read_entries
from staticfeed.errors import BuildWarning, EntryError
from staticfeed.feeds import FeedFile, build_feeds
from staticfeed.output import Written, write_outputs
from staticfeed.render import render_entry
from staticfeed.selection import Selection, select_entries


@dataclass(frozen=True)
class BuildReport:
    written: tuple[tuple[Written, FeedFile], ...]
    selection: Selection
    warnings: tuple[BuildWarning, ...]


Rendered = tuple[list[FeedFile], Selection, tuple[BuildWarning, ...]]


def render_feeds(
    config: Config, entries_dir: Path, *, now: datetime, drafts: bool = False, future: bool = False
) -> Rendered:
    """Every feed file's bytes, without touching the disk: nothing is written on any error."""
    result = read_entries(config, entries_dir)
    selection = select_entries(
        result.entries, now=now, limit=config.limit, drafts=drafts, future=future
    )
    if not selection.entries:
        raise EntryError(
            "there is no published entry to put in the feeds",
            "Add a document, or pass --drafts or --future to include drafts and scheduled entries.",
            path=entries_dir,
        )
    # Markdown is rendered only for the entries that go into a feed.
    rendered = [render_entry(entry, config.site_url) for entry in selection.entries]
    return build_feeds(config, rendered), selection, result.warnings


def build(
    config: Config,
    entries_dir: Path,
    out_dir: Path,
    *,
    now: datetime,
    drafts: bool = False,
    future: bool = False,
) -> BuildReport:
    files, selection, warnings = render_feeds(
        config, entries_dir, now=now, drafts=drafts, future=future
    )
    written = write_outputs(out_dir, {feed.name: feed.content for feed in files})
    return BuildReport(tuple(zip(written, files, strict=True)), selection, warnings)
