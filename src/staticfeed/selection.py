"""Choose which entries are published: not drafts, not in the future, newest first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from staticfeed.dates import in_utc
from staticfeed.model import Entry


@dataclass(frozen=True)
class Selection:
    entries: tuple[Entry, ...]
    drafts_left_out: int
    future_left_out: tuple[Entry, ...]
    withheld: tuple[Entry, ...] = ()
    """Every entry read but not published (drafts, future entries), in the order read."""
    previewed: tuple[Entry, ...] = ()
    """The entries published only because of --drafts or --future: a preview."""

    @property
    def next_due(self) -> Entry | None:
        return min(self.future_left_out, key=lambda e: (e.published, e.id), default=None)

    @property
    def next_change(self) -> Entry | None:
        """The entry whose date next changes what a build with these options makes: the next
        scheduled entry left out, or the next one --future shows ahead of time, a preview
        until it is due and a publication after (`.staticfeed-ids` names it then)."""
        ahead = (entry for entry in self.previewed if not entry.draft)
        scheduled = (*self.future_left_out, *ahead)
        return min(scheduled, key=lambda e: (e.published, e.id), default=None)


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Newest published first; equal dates fall back to the id so the order never wobbles."""
    by_id = sorted(entries, key=lambda entry: entry.id)
    return sorted(by_id, key=lambda entry: in_utc(entry.published), reverse=True)


def select_entries(
    entries: Iterable[Entry],
    *,
    now: datetime,
    drafts: bool = False,
    future: bool = False,
) -> Selection:
    entries = list(entries)
    kept = [e for e in entries if drafts or not e.draft]
    future_entries = tuple(e for e in kept if e.published > now)
    if not future:
        kept = [e for e in kept if e.published <= now]
    ordered = newest_first(kept)
    published = {id(entry) for entry in kept}
    return Selection(
        entries=tuple(ordered),
        drafts_left_out=0 if drafts else sum(e.draft for e in entries),
        future_left_out=() if future else future_entries,
        withheld=tuple(entry for entry in entries if id(entry) not in published),
        previewed=tuple(entry for entry in kept if entry.draft or entry.published > now),
    )
