"""Ids that never drift, and `staticfeed diff`: the publication as readers have it, against now.

Feed readers know an entry by its id. A file renamed without `id:` in its front matter gets a
new id, and every reader shows it again as new. `build` compares what it is about to publish
with what is already published and stops when an entry looks like it moved to a new id.

What is published is read back from the feeds in the output folder (`published_entries`): the
main Atom feed and its RFC 5005 archives hold every published entry. The feeds do not say
which file an entry came from, so `build` also writes `.staticfeed-ids` (`sources_file`), a
JSON object mapping each published id to its document's path under the entries folder.

The fresh side of a diff is parsed from the bytes `pipeline.rendered_outputs` makes, with the
same function, so both sides are read the same way and nothing here depends on feedgen.
`feed_file_entries` reads one feed file that another generator wrote, for `pin --from`: the
ids a site's readers know from before it moved to staticfeed.
"""

from __future__ import annotations

import contextlib
import hashlib
import html.entities
import json
import mmap
import os
import re
import shlex
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Literal, TypedDict

import lxml.html
from lxml import etree

from staticfeed import values
from staticfeed.dates import lenient_iso_date, lenient_rfc822
from staticfeed.entries import written_body
from staticfeed.errors import (
    EntryError,
    ManyErrors,
    OutputError,
    StaticfeedError,
    display_path,
)
from staticfeed.jsonbytes import indented
from staticfeed.model import Entry
from staticfeed.render import render_entry
from staticfeed.text import xml_problem

SOURCES_NAME = ".staticfeed-ids"
"""The state file `build` writes next to the feeds: {id: document path under entries/}."""

FORMATS = ("atom", "json", "rss")
"""Formats published entries are read from, best first: Atom and JSON Feed carry `updated`,
RSS does not."""

_MAIN_NAMES = {"atom": "atom.xml", "json": "feed.json", "rss": "rss.xml"}
_ARCHIVE_NAMES = {
    "atom": re.compile(r"archive/([0-9]+)\.atom\.xml"),
    "json": re.compile(r"archive/([0-9]+)\.json"),
    "rss": re.compile(r"archive/([0-9]+)\.rss\.xml"),
}
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_MEDIA_THUMBNAIL = "{http://search.yahoo.com/mrss/}thumbnail"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
# RSS 1.0 and RSS 0.90, both RDF documents whose items follow the channel.
_RDF_RSS = ("{http://purl.org/rss/1.0/}", "{http://my.netscape.com/rdf/simple/0.9/}")
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_ATOM_03 = "{http://purl.org/atom/ns#}"

MatchedBy = Literal["source", "title", "date", "text"]


@dataclass(frozen=True)
class PublishedEntry:
    """One entry as a feed carries it: what readers have, or will have after the build."""

    id: str
    title: str
    updated: datetime | None
    """None when the feed has no such date (RSS)."""
    published: datetime | None
    link: str | None
    content_hash: str | None
    """sha256 of the content text; None when the feed carries no content (summaries only)."""
    summary_hash: str | None
    source: str | None = None
    """The document's POSIX path under the entries folder, when known."""
    file: str = ""
    """The feed file the entry was read from, such as `atom.xml` or `archive/1.atom.xml`."""
    authors: tuple[str, ...] = ()
    """The authors' names as the feed gives them (RSS: the text of each dc:creator)."""
    image: str | None = None
    text_sizes: tuple[int, int] = (0, 0)
    """The length of its content text and of its summary (0 for none): only a text of some
    length tells one entry from another of the same date (`_distinct_texts`)."""


@dataclass(frozen=True)
class IdChange:
    """A published entry that disappeared while its document, or its title, came back under an
    id never published before."""

    old_id: str
    new_id: str
    title: str
    source: str | None
    """The new document's path under the entries folder."""
    matched_by: MatchedBy = "source"
    """Why the two are taken for one entry: the same document file, else the same title, else
    the same date (a file renamed and retitled at once keeps its date)."""
    old_source: str | None = None
    taken_by: tuple[str, str | None] | None = None
    """When the old id is published again, given to another document that took the old file's
    name: that entry's title and document."""
    withdrawn: bool = False
    """Whether the old entry had left the feeds (a draft, a future date) before it came back."""
    old_title: str = ""
    """The old entry's title, as readers have it, when paired by date (else "")."""
    swapped: bool = False
    """Whether its new id is another published entry's, whose file took this one's name: files
    that traded names, each now read as an edit of another entry (`_swapped`)."""


@dataclass(frozen=True)
class EntryChange:
    """An entry under the same id whose `updated`, title, content or summary changed."""

    old: PublishedEntry
    new: PublishedEntry
    fields: tuple[str, ...]
    """What changed among title, content, summary, link, authors, image and date (in that
    order); may be empty when only `updated` moved."""


@dataclass(frozen=True)
class Diff:
    """What a build would change for readers: each list sorted by id, id changes by file."""

    new: tuple[PublishedEntry, ...] = ()
    updated: tuple[EntryChange, ...] = ()
    """`updated` moved: readers show these entries as updated."""
    removed: tuple[PublishedEntry, ...] = ()
    id_changes: tuple[IdChange, ...] = ()
    """Readers will show these entries a second time, as new."""
    silent: tuple[EntryChange, ...] = ()
    """Something readers show changed (`EntryChange.fields`) but `updated` did not: most
    readers will not notice."""
    feeds_removed: tuple[str, ...] = ()
    """Feed files the build would remove (a format, or tag feeds, turned off), by name under
    the output folder: their subscribers would get nothing more."""

    @property
    def changed(self) -> bool:
        return bool(
            self.new
            or self.updated
            or self.removed
            or self.id_changes
            or self.silent
            or self.feeds_removed
        )

    def to_json(self, entries_dir: Path | None = None) -> dict[str, list[dict[str, object]]]:
        """The diff as JSON-ready data: {section: [{id, title, file, ...}]}.

        `file` is the document's path under the entries folder, or, given `entries_dir`, the
        path to show the user (relative to the current folder, as errors show it).
        """

        def shown(source: str | None) -> str | None:
            if source is None or entries_dir is None:
                return source
            return display_path(entries_dir / source)

        return {
            "new": [_entry_json(entry, shown) for entry in self.new],
            "updated": [_change_json(change, shown) for change in self.updated],
            "removed": [_entry_json(entry, shown) for entry in self.removed],
            "id_changed": [_id_change_json(change, shown) for change in self.id_changes],
            "silent": [_change_json(change, shown) for change in self.silent],
            "feeds_removed": [{"name": name} for name in self.feeds_removed],
        }


# Reading the published state


def published_entries(
    out_dir: Path, formats: Sequence[str] = FORMATS, read: Mapping[str, bytes] | None = None
) -> dict[str, PublishedEntry]:
    """Every entry the feeds in `out_dir` carry, by id, with its source file when known.

    The main feed and its archives are read in the first of `formats` the folder has (Atom,
    else JSON Feed, else RSS), but those in `read` (bytes by POSIX path under `out_dir`), read
    already. A folder without feeds has no published entries. A feed that cannot be read
    raises OutputError.
    """
    format_name = next((name for name in formats if (out_dir / _MAIN_NAMES[name]).is_file()), None)
    if format_name is None:
        return {}
    names = [_MAIN_NAMES[format_name]]
    archive = out_dir / "archive"
    if archive.is_dir():
        names += [
            path.relative_to(out_dir).as_posix()
            for path in archive.iterdir()
            if path.is_file() and _ARCHIVE_NAMES[format_name].fullmatch(f"archive/{path.name}")
        ]
    known = read or {}
    files = {name: known.get(name) or _read_bytes(out_dir, name) for name in names}
    entries = entries_in_files(files, (format_name,), where=out_dir)
    return _with_sources(entries, read_sources(out_dir))


def fresh_entries(
    files: Mapping[str, bytes],
    entries: Sequence[Entry],
    entries_dir: Path,
    formats: Sequence[str] = FORMATS,
) -> dict[str, PublishedEntry]:
    """The entries a fresh render would publish, parsed from its files like the published ones.

    `files` maps output names to bytes (`{f.name: f.content for f in rendered.files}`);
    `entries` are the published entries (`rendered.selection.entries`), for their sources.
    """
    parsed = entries_in_files(files, formats)
    return _with_sources(parsed, source_map(entries, entries_dir))


def in_history(name: str, made: Collection[str]) -> bool:
    """Whether a diff of a fresh render that made the formats `made` reads the output file
    `name`: the main feed or an archive, in the best of those formats (`entries_in_files`)."""
    best = next(format_name for format_name in FORMATS if format_name in made)
    return name == _MAIN_NAMES[best] or bool(_ARCHIVE_NAMES[best].fullmatch(name))


def entries_in_files(
    files: Mapping[str, bytes], formats: Sequence[str] = FORMATS, *, where: Path | None = None
) -> dict[str, PublishedEntry]:
    """The entries of the main feed and its archives among `files` (output name -> bytes).

    Read in the first of `formats` whose main feed is among `files`; an id found in several
    documents is taken from the newest (the main feed, then the highest archive).
    """
    format_name = next((name for name in formats if _MAIN_NAMES[name] in files), None)
    if format_name is None:
        return {}
    pattern = _ARCHIVE_NAMES[format_name]
    archives = sorted((int(match[1]), name) for name in files if (match := pattern.fullmatch(name)))
    names = [_MAIN_NAMES[format_name], *(name for _, name in reversed(archives))]
    found: dict[str, PublishedEntry] = {}
    for name in names:
        try:
            parsed = _with_ids(_PARSERS[format_name](files[name], name))
        except _Unreadable as problem:
            raise _unreadable(where / name if where is not None else Path(name), problem) from None
        for entry in parsed:
            found.setdefault(entry.id, entry)
    return found


def item_entries(
    document: bytes | mmap.mmap, items: Sequence[bytes], format_name: str
) -> list[PublishedEntry] | None:
    """`items`, items of the feed `document` in `format_name` as staticfeed writes them (one
    read at its span, or one made to take its place), read as `published_entries` reads the
    feed; None when they cannot be. An XML item may use the prefixes the feed's root element
    declares, on the feed's second line."""
    if format_name == "json":
        data = b'{"items": [' + b",".join(items) + b"]}"
    else:
        first = document.find(b"\n<") + 1
        root = bytes(document[first : document.find(b">", first) + 1])
        inner, end = (
            (b"", b"</feed>") if format_name == "atom" else (b"<channel>", b"</channel></rss>")
        )
        data = root + inner + b"".join(items) + end
    try:
        return _with_ids(_PARSERS[format_name](data, format_name))
    except _Unreadable:
        return None


def traded(before: Sequence[PublishedEntry], after: Sequence[PublishedEntry]) -> bool:
    """Whether entries published again under their ids (`after`, as readers have them:
    `before`) traded titles and texts (`_traded`): files of one date that swapped names."""
    now = {entry.id: _published_side(entry) for entry in after}
    sides = [_published_side(entry) for entry in before]
    kept = [side for side in sides if side.id in now]
    return bool(_traded(_trading(kept, now), now, _digests_or(None)))


def feed_file_entries(path: Path) -> list[PublishedEntry]:
    """The entries of one feed file, Atom, RSS or JSON Feed, whoever wrote it (the feed of a
    site before it moved to staticfeed), in its order. An RSS item without a guid is known to
    readers by its link, which is its id here; one without either has the id "". Older
    sites' RSS 1.0 (and 0.90), an RDF document, and Atom 0.3 are read too. OutputError when it
    cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OutputError(
            f"cannot read the feed ({error.strerror})", "Check the path.", path=path
        ) from None
    if data.startswith(b"\x1f\x8b"):  # a feed saved as a server sent it, compressed
        # The shell empties the file `>` names before gunzip reads: never the feed itself.
        out = "feed.xml" if Path("feed.xml").resolve() != path.resolve() else "feed-unzipped.xml"
        command = f"gunzip -c {shlex.quote(display_path(path))} > {out}"
        raise OutputError(
            "the file is compressed with gzip",
            f"Decompress it ({command}) and give that file.",
            path=path,
        )
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    try:
        if start == b"{":
            return _json_entries(data, str(path))
        root = _xml(data).tag
        if root == f"{_ATOM_03}feed":
            return _atom_03_entries(data, str(path))
        if root == f"{_RDF}RDF":
            return _rdf_entries(data, str(path))
        return (_atom_entries if root == f"{_ATOM}feed" else _rss_entries)(data, str(path))
    except _Unreadable as problem:
        raise OutputError(
            f"cannot read the file as a feed: {problem.what}",
            "Give the Atom, RSS or JSON Feed file the earlier site published.",
            path=path,
            line=problem.line,
        ) from None


def sources_file(entries: Sequence[Entry], entries_dir: Path) -> bytes:
    """The `.staticfeed-ids` state file of a first build: {id: document path under
    entries_dir}, sorted (`ids_file` adds the entries withdrawn since)."""
    return indented(source_map(entries, entries_dir), sort_keys=True) + b"\n"


@dataclass(frozen=True)
class Withdrawn:
    """An entry published once and withdrawn since (made a draft, given a future date), as
    `.staticfeed-ids` remembers it: `[path, title, date]`, and the digests of its content and
    summary after those when either is long enough to tell it by, and the title readers have
    after those when it left the feeds retitled (`_record_json`)."""

    path: str
    """Its document's path under the entries folder when it was published."""
    title: str
    """The title of the entry held back, when it left the feeds."""
    date: datetime | None
    """The date readers have of it (else the entry's held back); None in a record written
    before dates were."""
    texts: _TextDigests | None = None
    """`_distinct_texts` of the entry readers have: renamed and retitled as it waits, it is
    found by its date and text when published again. None in a record written before texts
    were, or of an entry whose texts are too short to tell it by."""
    seen_as: str = ""
    """The title readers have of it, when it left the feeds retitled (made a draft and
    rewritten in one build; else ""): its draft under its id is then the entry edited in
    place (`still_withdrawn`), as one retitled in a later build."""


@dataclass(frozen=True)
class IdsState:
    """What `.staticfeed-ids` remembers: the published ids' documents, and the entries that
    left the feeds while their documents stayed (drafts, future dates), which readers keep."""

    sources: dict[str, str]
    """{id: document path under the entries folder} of the entries the last build published."""
    withdrawn: dict[str, Withdrawn]
    """The entries published once and withdrawn since, by id."""
    held: dict[str, datetime] = field(default_factory=dict)
    """{id: date} of the other entries the last build held back (drafts, future entries):
    each of another date is another entry than those it published (`_Side.beside`)."""


def read_ids_state(out_dir: Path) -> IdsState:
    """The previous build's `.staticfeed-ids`: each published id maps to its document's path,
    each withdrawn one to [path, title, date] ([path, title] before dates were remembered),
    each other one held back to {"held": path, "date": date}.

    A missing or unreadable file gives nothing: the file only helps to recognise a moved entry,
    and titles still do when it is gone.
    """
    try:
        data = json.loads((out_dir / SOURCES_NAME).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return IdsState({}, {})
    if not isinstance(data, dict):
        return IdsState({}, {})
    sources = {key: value for key, value in data.items() if isinstance(value, str)}
    withdrawn = {
        key: _read_record(value)
        for key, value in data.items()
        if isinstance(value, list)
        and len(value) in (2, 3, 5, 6)
        and all(isinstance(v, str) for v in value)
    }
    held = {
        key: date
        for key, value in data.items()
        if isinstance(value, dict)
        and isinstance(value.get("date"), str)
        and (date := lenient_iso_date(value["date"])) is not None
    }
    return IdsState(sources, withdrawn, held)


def _read_record(value: Sequence[str]) -> Withdrawn:
    """A withdrawn entry's record (`_record_json`): [path, title], then its date, then the
    digests of its content and summary ("" for a text too short to tell it by), then the
    title readers have when the entry left the feeds retitled."""
    date = lenient_iso_date(value[2]) if len(value) > 2 else None
    # A 6-field record of a short entry has no digests ("", ""): no texts, as a 5-field
    # one is never written then; a pair of Nones would have its date's entries rendered.
    texts = (value[3] or None, value[4] or None) if len(value) >= 5 else None
    texts = texts if texts is not None and any(texts) else None
    seen_as = value[5] if len(value) == 6 else ""
    return Withdrawn(value[0], value[1], date, texts, seen_as)


def still_withdrawn(
    withdrawn: Mapping[str, Withdrawn], held: Iterable[Entry]
) -> dict[str, Withdrawn]:
    """The withdrawn entries (IdsState.withdrawn) that no entry `held` back (a draft, a
    future entry) still holds under its id as readers have it (`_holds`, with its title and
    date): only those can come back under another id. One held back edited in place
    (another title or date) is left to `_match`, as an entry published so: its text may have
    gone to a new id beside the rewrite, and readers, who keep it, would get it twice. An entry
    that left the feeds retitled is compared, and left to `_match`, under the title readers
    have (`Withdrawn.seen_as`)."""
    unmoved = set()
    edited = set()
    for entry in held:
        if (record := withdrawn.get(entry.id)) is None:
            continue
        if record.date is None or not _moved(_seen_side(entry.id, record), _side(entry)):
            unmoved.add(entry.id)
        elif record.seen_as:
            edited.add(entry.id)
    return {
        entry_id: replace(record, title=record.seen_as) if entry_id in edited else record
        for entry_id, record in withdrawn.items()
        if entry_id not in unmoved
    }


def _seen_side(entry_id: str, record: Withdrawn) -> _Side:
    """A withdrawn entry as readers have it: its title then (`Withdrawn.seen_as`)."""
    return _Side(entry_id, record.seen_as or record.title, None, record.date)


def _holding(withdrawn: Mapping[str, Withdrawn], held: Iterable[Entry]) -> set[str]:
    """The ids of `withdrawn` that an entry of `held` holds back (`_holds`)."""
    return {
        entry.id
        for entry in held
        if (record := withdrawn.get(entry.id)) is not None and _holds(record, entry)
    }


def _record_side(entry_id: str, record: Withdrawn) -> _Side:
    return _Side(entry_id, record.title, None, record.date)


def _holds(record: Withdrawn, entry: Entry) -> bool:
    """Whether `entry`, held back under the id of the withdrawn entry `record`, is that entry:
    not another document that took its file's name (a new title and a new date, `_taken`),
    while the entry itself waits renamed, or comes back under another id. A record without a
    date is held by any entry of its id, as before dates were remembered."""
    if record.date is None:
        return True
    return not _taken(_record_side(entry.id, record), _side(entry))


def published_in_earnest(
    published: Mapping[str, PublishedEntry], state: IdsState
) -> dict[str, PublishedEntry]:
    """The entries of the feeds (`published_entries`) but those a --drafts or --future build
    showed as a preview, which `.staticfeed-ids` does not name (`ids_file`): renaming such a
    draft is no id change. Without an ids file (a build before it was written), all of them."""
    if not state.sources and not state.withdrawn and not state.held:
        return dict(published)
    return {entry_id: entry for entry_id, entry in published.items() if entry_id in state.sources}


def read_sources(out_dir: Path) -> dict[str, str]:
    """The ids and documents of the previous build (`read_ids_state`)."""
    return read_ids_state(out_dir).sources


def ids_file(
    previous: IdsState,
    published: Sequence[Entry],
    withheld: Sequence[Entry],
    entries_dir: Path,
    previewed: Sequence[Entry] = (),
    in_feeds: Mapping[str, PublishedEntry] | None = None,
    site_url: str | None = None,
) -> bytes:
    """The `.staticfeed-ids` a build that publishes `published` and holds back `withheld`
    writes after one that left `previous`. An entry withdrawn is remembered until its id, or
    a new entry with its title (or, given `site_url` to render it, its date and text), is
    published; each other entry held back, as long as it is.
    The entries of `published` that are in `previewed` (drafts and future entries a --drafts
    or --future build shows) count as held back: a preview is no publication. `in_feeds`, the
    entries the feeds published (by id), finds an entry that left the feeds renamed (made a
    draft and moved in one go): a document held back under a new id with the title of an id
    no longer published. It also tells a new document held back under the old file's name (a
    new title and a new date, as `_taken`) from the entry itself: the entry was deleted then,
    which is not remembered."""
    shown = {entry.id for entry in previewed}
    published = [entry for entry in published if entry.id not in shown]
    now = source_map(published, entries_dir)
    held = [*withheld, *previewed]
    withdrawn = {
        **_retitled_as_held(previous.withdrawn, held),
        **_newly_withdrawn(previous, now, held, entries_dir, in_feeds),
    }
    # A title, or a date and text, published under a new id ends the record (the entry came
    # back, let through with --allow-id-change); one an entry published before already had
    # says nothing of it.
    appeared = [entry for entry in published if entry.id not in previous.sources]
    back = _came_back(withdrawn, appeared, site_url)
    # A record whose entry is still held back (under its id, or renamed: its title and date;
    # renamed and retitled: its date and text) was let through beside a new entry of its
    # title: that title does not end it.
    holding = _holding(withdrawn, held)
    waiting_as = {(title_key(entry.title), _second(entry.published)) for entry in held}
    holding |= {
        entry_id
        for entry_id, record in withdrawn.items()
        if record.date is not None and (title_key(record.title), _second(record.date)) in waiting_as
    }
    renamed = [e for e in held if e.id not in previous.sources and e.id not in withdrawn]
    holding |= _dated_and_texted(_withdrawn_sides(withdrawn, holding), renamed, site_url)
    kept = {
        entry_id: _record_json(record)
        for entry_id, record in withdrawn.items()
        if entry_id not in now and (entry_id in holding or entry_id not in back)
    }
    waiting = [entry for entry in held if entry.id not in kept]
    paths = source_map(waiting, entries_dir)
    dates = {entry.id: entry.published.isoformat() for entry in waiting}
    held_back = {key: {"held": path, "date": dates[key]} for key, path in paths.items()}
    return indented({**now, **kept, **held_back}, sort_keys=True) + b"\n"


def _came_back(
    withdrawn: Mapping[str, Withdrawn], appeared: Sequence[Entry], site_url: str | None
) -> set[str]:
    """The ids of `withdrawn` whose entries came back under the new ids of `appeared` (let
    through with --allow-id-change): an entry of the title of one, or, given `site_url` to
    render it, of its date and text (renamed and retitled). Only the entries of such a date
    are rendered."""
    titles = {title_key(entry.title) for entry in appeared}
    back = {entry_id for entry_id, record in withdrawn.items() if title_key(record.title) in titles}
    return back | _dated_and_texted(_withdrawn_sides(withdrawn, back), appeared, site_url)


def _dated_and_texted(
    gone: Sequence[_Side], entries: Sequence[Entry], site_url: str | None
) -> set[str]:
    """The ids of `gone` (`_withdrawn_sides`) that an entry of `entries` has the date (to the
    second) and the text of, given `site_url` to render them; only the entries of such a date
    are rendered."""
    dated = {_second(side.published) for side in gone if side.published and side.texts}
    afters = [
        _Side(entry.id, entry.title, None, entry.published)
        for entry in entries
        if _second(entry.published) in dated
    ]
    if site_url is None or not afters:
        return set()
    pairs = _same_dates_and_texts(gone, afters, _rendered_texts(entries, site_url), {})
    return {before.id for before, _ in pairs}


def _newly_withdrawn(
    previous: IdsState,
    now: Mapping[str, str],
    held: Sequence[Entry],
    entries_dir: Path,
    in_feeds: Mapping[str, PublishedEntry] | None,
) -> dict[str, Withdrawn]:
    """The entries the previous build published that left the feeds while `held` back (as
    `ids_file`): under their ids, at their file names, or renamed as they left."""
    at_path = {entry.source: entry for entry in held}
    by_id = {entry.id: entry for entry in held}
    renamed: dict[str, list[Entry]] = {}
    for entry in held:
        if entry.id not in previous.sources and entry.id not in previous.withdrawn:
            renamed.setdefault(title_key(entry.title), []).append(entry)
    withdrawn: dict[str, Withdrawn] = {}
    for entry_id, path in previous.sources.items():
        if entry_id in now:
            continue
        was = None if in_feeds is None else in_feeds.get(entry_id)
        # Held back under its id (renamed with `id:` pinned, or not), else at its file name;
        # there, a new title and a new date is another document that took a deleted one's name.
        at = (by_id.get(entry_id), at_path.get(entries_dir / path))
        fits = (
            e for e in at if e is not None and (was is None or not _taken(_side(was), _side(e)))
        )
        holder = next(fits, None)
        if holder is None and was is not None:
            candidates = renamed.get(title_key(was.title), [])
            # A draft made of the entry keeps its date: a draft of another date is another
            # entry of its title (the next "Weekly notes"), and `was` was deleted.
            fits = (
                e
                for e in candidates
                if _may_be_held(_side(was), _held_side(e, entries_dir, previous.held))
            )
            holder = next(fits, None)
        if holder is not None:
            # The date readers have: a draft made of the entry keeps it, a future one does not
            # (and is known by its title alone, as another entry may be dated alike).
            date = was.published if was is not None else None
            texts = None if was is None else _distinct_texts(was)
            known = texts if texts is not None and any(texts) else None
            # Retitled as it left (rewritten in place as it was made a draft), its draft
            # is the entry edited: the title readers have tells (`still_withdrawn`).
            seen_as = was.title if was is not None and _retitled(_side(was), _side(holder)) else ""
            withdrawn[entry_id] = Withdrawn(
                path, holder.title, date or holder.published, known, seen_as
            )
    return withdrawn


def _retitled_as_held(
    withdrawn: Mapping[str, Withdrawn], held: Iterable[Entry]
) -> dict[str, Withdrawn]:
    """`withdrawn` (IdsState.withdrawn), each record whose entry is held back under its id
    (`_holds`) with another title given that title, and the one readers have beside it, as
    a record of an entry retitled as it left the feeds (`_newly_withdrawn`): the draft renamed
    then, or deleted as a new document of its new title is published, is still the entry."""
    records = dict(withdrawn)
    for entry in held:
        record = records.get(entry.id)
        if record is None or record.date is None or not _holds(record, entry):
            continue
        seen_as = record.seen_as or record.title
        changed = title_key(seen_as) != title_key(entry.title)
        records[entry.id] = replace(record, title=entry.title, seen_as=seen_as if changed else "")
    return records


def records_retitled(out_dir: Path, held: Iterable[Entry]) -> bool:
    """Whether an entry of `held`, held back under the id of an entry that left the feeds,
    has another title than the record of `.staticfeed-ids` gives it (`_retitled_as_held`):
    only a build that writes that file again keeps the title it is held back with."""
    withdrawn = read_ids_state(out_dir).withdrawn
    return _retitled_as_held(withdrawn, held) != withdrawn


def _record_json(record: Withdrawn) -> list[str]:
    if record.date is None:
        return [record.path, record.title]
    # Only a text long enough to tell the entry by is remembered: the record of any other
    # stays as an earlier staticfeed wrote it.
    texts = [digest or "" for digest in record.texts or ()]
    if record.seen_as:
        texts = [*(texts or ["", ""]), record.seen_as]
    return [record.path, record.title, record.date.isoformat(), *texts]


def source_map(entries: Iterable[Entry], entries_dir: Path) -> dict[str, str]:
    # Documents are found under entries_dir by joining names to it: their paths start with its
    # own, and slicing that off is what relative_to does, many times quicker.
    prefix = os.path.join(str(entries_dir), "")
    return {entry.id: _relative_to(prefix, entry.source, entries_dir) for entry in entries}


def _relative_to(prefix: str, source: Path, entries_dir: Path) -> str:
    path = str(source)
    if path.startswith(prefix):
        return path[len(prefix) :].replace(os.sep, "/")
    return relative_source(source, entries_dir)


def relative_source(source: Path, entries_dir: Path) -> str:
    """A document's POSIX path under the entries folder, however the folder was named."""
    try:
        return source.relative_to(entries_dir).as_posix()
    except ValueError:
        relative = os.path.relpath(os.path.abspath(source), os.path.abspath(entries_dir))
        return PurePosixPath(*Path(relative).parts).as_posix()


# The id-drift guard


def find_id_changes(
    published: Mapping[str, PublishedEntry] | None,
    sources: Mapping[str, str],
    entries: Sequence[Entry],
    entries_dir: Path,
    withdrawn: Mapping[str, Withdrawn] | None = None,
    held: Iterable[Entry] = (),
    held_before: Mapping[str, datetime] | None = None,
    site_url: str | None = None,
) -> list[IdChange]:
    """Published entries that vanished while their document or title came back under a new id.

    `sources` is the previous build's {id: document} (`read_sources`); `entries` are the
    entries about to be published. A renamed file with `id:` pinned keeps its id and is no
    change; a deleted entry, or a new entry under a new title in a new file, is none either.
    `withdrawn` (IdsState.withdrawn) are entries that left the feeds before, which readers
    keep, but for those whose documents still hold them back (`still_withdrawn`). `held` are
    the entries held back (drafts, future entries), as in `_match`; `held_before`, the dates
    of the other entries the previous build held back (IdsState.held), by id.
    `published` None: the feeds are known to hold the entries `sources` names under the same
    titles, so only the withdrawn entries can have come back under a new id. Given `site_url`,
    an entry of the date of one that vanished is rendered, to compare their texts.
    """
    kept_entries = list(held)
    back = _under_the_title_seen(withdrawn or {}, kept_entries, entries)
    gone = _withdrawn_sides(back, set(published or ()))
    if not published and not gone:  # no id can have vanished (a first build)
        return []
    new = [
        _held_side(entry, entries_dir, held_before)
        for entry in entries
        if published is not None or entry.id not in sources
    ]
    old = [
        _published_side(entry, source=sources.get(entry.id, entry.source))
        for entry in (published or {}).values()
    ]
    kept = [_held_side(e, entries_dir, held_before) for e in kept_entries]
    texts = None if site_url is None else _rendered_texts([*entries, *kept_entries], site_url)
    return _match(old + gone, new, kept, texts)


def _under_the_title_seen(
    withdrawn: Mapping[str, Withdrawn], held: Sequence[Entry], entries: Sequence[Entry]
) -> Mapping[str, Withdrawn]:
    """`withdrawn`, but an entry that left the feeds and was retitled as it waited, whose id
    no entry holds back now, under the title readers have (`Withdrawn.seen_as`) when an entry
    of that title, and none of the one it was held back with, is published or held back: its
    draft, deleted or renamed, came back under its old title."""
    holding = {entry.id for entry in held}
    titles = {title_key(entry.title) for entry in (*entries, *held)}
    return {
        entry_id: replace(record, title=record.seen_as)
        if record.seen_as
        and entry_id not in holding
        and title_key(record.seen_as) in titles
        and title_key(record.title) not in titles
        else record
        for entry_id, record in withdrawn.items()
    }


def _rendered_texts(entries: Sequence[Entry], site_url: str) -> _Texts:
    """`_Side.texts` of each of `entries`, rendered when asked (`render_entry`): the summary is
    the feeds', and so is the content of an entry without links to its own page."""
    by_id = {entry.id: entry for entry in entries}

    def texts(side: _Side) -> _TextDigests | None:
        entry = by_id.get(side.id)
        if entry is None:
            return None
        if not entry.body:  # put aside for the workers that render it (pipeline._body_into)
            try:
                entry = replace(entry, body=written_body(entry.source)[0])
            except (OSError, StaticfeedError):  # gone since it was read: no text to compare
                return None
        rendered = render_entry(entry, site_url)
        return _hash(rendered.content_html), _hash(rendered.summary or None)

    return texts


def check_id_changes(
    published: Mapping[str, PublishedEntry] | None,
    sources: Mapping[str, str],
    entries: Sequence[Entry],
    entries_dir: Path,
    withdrawn: Mapping[str, Withdrawn] | None = None,
    held: Iterable[Entry] = (),
    held_before: Mapping[str, datetime] | None = None,
    site_url: str | None = None,
) -> None:
    """Raise an EntryError per id change (ManyErrors for several), naming the entry's file;
    the arguments are find_id_changes'."""
    changes = find_id_changes(
        published, sources, entries, entries_dir, withdrawn, held, held_before, site_url
    )
    errors = [id_change_error(change, entries_dir) for change in changes]
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ManyErrors(errors)


def id_change_error(change: IdChange, entries_dir: Path) -> EntryError:
    if change.taken_by is not None:
        return _taken_id_error(change, change.taken_by, entries_dir)
    why = "this document was published" if change.matched_by == "source" else _like(change)
    left = (
        ", then left the feeds (a draft, or dated in the future), and its id is now "
        f"{change.new_id!r}: feed readers, which keep it,"
        if change.withdrawn
        else f", and its id is now {change.new_id!r}: feed readers"
    )
    return EntryError(
        f"{why} with the id {change.old_id!r}{left} would show it again as a new entry",
        f"{pin_fix(_source_path(entries_dir, change), change.old_id)}, or pass --allow-id-change.",
        path=entries_dir / change.source if change.source is not None else entries_dir,
        line=_id_line(entries_dir, change.source),
    )


def pin_fix(path: Path | None, old_id: str) -> str:
    """How to give the document at `path` the id `old_id` again, as typed into it: in the
    language of its front matter (TOML's `id = "…"`: `id: …` there is invalid TOML), in place
    of an `id` it has (a second is an error), or in front matter of its own when it has none."""
    from staticfeed.entries import front_matter_of  # entries reads documents: only on this error

    document = front_matter_of(path) if path is not None else None
    if document is not None and document.toml:
        line = f"id = {values.quoted(old_id)}"
    else:
        line = f'"id: {old_id}"'  # an id is an absolute URI: no space, so no YAML to quote
    if document is not None and not document.has_front_matter:
        return f"Add front matter with {line}"
    if document is not None and "id" in document.key_lines:
        return f"Change its id line to {line}"
    return f"Add {line} to its front matter"


def _like(change: IdChange) -> str:
    """The entry `change` takes the document for, by its title or by its date and text (and
    then its title, which differs), and where it was published from."""
    like = "an entry with its title"
    if change.matched_by in ("date", "text"):
        what = "date and text" if change.matched_by == "date" else "text"
        like = f"an entry with its {what}, {json.dumps(change.old_title)},"
    if change.old_source is None:
        return f"{like} was published"
    return f"{like} was published from {change.old_source}"


def _source_path(entries_dir: Path, change: IdChange) -> Path | None:
    return entries_dir / change.source if change.source is not None else None


def _id_line(entries_dir: Path, source: str | None) -> int | None:
    """The line of the `id:` or `slug:` that changed the entry's id; None when none did (the
    file was renamed or moved)."""
    from staticfeed.entries import key_line  # entries reads documents: only on this error

    if source is None:
        return None
    path = entries_dir / source
    return next((line for key in ("id", "slug") if (line := key_line(path, key))), None)


def _taken_id_error(
    change: IdChange, taken_by: tuple[str, str | None], entries_dir: Path
) -> EntryError:
    title, holder = taken_by
    where = display_path(entries_dir / holder) if holder is not None else "another document"
    shown = json.dumps(title)
    harm = (
        f"{change.new_id!r}: feed readers would show it again as a new entry, and take {shown} "
        "for an edit of it"
    )
    fix = f" and give {where} a slug: of its own"
    if change.swapped:  # the new id is another entry's: readers have it, no new entry
        harm = (
            f"{change.new_id!r}, another published entry's: the files swapped names, and feed "
            f"readers would take {shown} for an edit of this one, and this one for an edit of "
            f"the entry they have under {change.new_id!r}"
        )
        fix = ", and to each file that swapped names the id it had"
    return EntryError(
        f"{_like(change)} with the id {change.old_id!r}, which {where} now gives to another "
        f"entry ({shown}), and this one's id is now {harm}",
        f"{pin_fix(_source_path(entries_dir, change), change.old_id)}{fix}, or pass "
        "--allow-id-change.",
        path=entries_dir / change.source if change.source is not None else entries_dir,
    )


# The diff


def compare(
    published: Mapping[str, PublishedEntry],
    fresh: Mapping[str, PublishedEntry],
    withdrawn: Mapping[str, Withdrawn] | None = None,
    held: Mapping[str, _Side] | None = None,
    drafts: Collection[str] = (),
    held_before: Mapping[str, datetime] | None = None,
    texts: _Texts | None = None,
) -> Diff:
    """What readers would see change between `published` and `fresh` (both read the same way);
    `withdrawn` as in find_id_changes, and `held` its held entries by id (`_held_side`);
    `drafts`, the ids of the drafts `fresh` shows (a --drafts preview); `held_before` as in
    find_id_changes; `texts`, the `_Side.texts` of a held entry (`_rendered_texts`).

    An id change is listed only as such, not also as a removed and a new entry. An entry under
    the same id is updated when its `updated` moved, and a silent change when its title,
    content, summary, link, authors, image or date changed but `updated` did not. Entries read
    from two formats (one added since the last build) are compared by id alone.
    """
    gone = _withdrawn_sides(withdrawn or {}, published.keys())
    id_changes = _match(
        [_published_side(e) for e in published.values()] + gone,
        [
            _published_side(e, draft=e.id in drafts, beside=(held_before or {}).get(e.id))
            for e in fresh.values()
        ],
        list((held or {}).values()),
        texts,
    )
    moved_from = {change.old_id for change in id_changes}
    moved_to = {change.new_id for change in id_changes}
    updated: list[EntryChange] = []
    silent: list[EntryChange] = []
    for entry_id in sorted(published.keys() & fresh.keys()):
        old, new = published[entry_id], fresh[entry_id]
        if _format_of(old.file) != _format_of(new.file):
            continue  # a format added (RSS, then Atom too): only Atom carries `updated`
        fields = _changed_fields(old, new)
        if old.updated != new.updated:
            updated.append(EntryChange(old, new, fields))
        elif fields:
            silent.append(EntryChange(old, new, fields))
    return Diff(
        new=tuple(fresh[i] for i in sorted(fresh.keys() - published.keys() - moved_to)),
        updated=tuple(updated),
        removed=tuple(published[i] for i in sorted(published.keys() - fresh.keys() - moved_from)),
        id_changes=tuple(id_changes),
        silent=tuple(silent),
    )


def diff_publication(
    out_dir: Path,
    files: Mapping[str, bytes],
    entries: Sequence[Entry],
    entries_dir: Path,
    made: Collection[str],
    feeds_removed: Sequence[str] = (),
    held: Sequence[Entry] = (),
    site_url: str | None = None,
) -> Diff:
    """The diff between the feeds in `out_dir` and a fresh render that made the formats
    `made` (`files`, `entries`: see `fresh_entries`; `files` needs only those `in_history`
    names), both read in the best format the fresh render has; `feeds_removed` as in Diff;
    `held`, the entries the render holds back (drafts, future entries)."""
    formats = [name for name in FORMATS if name in made]
    # In a format the render made, to compare like with like; else in the one published
    # before the formats changed, by id alone (`compare`).
    published = published_entries(out_dir, [*formats, *(f for f in FORMATS if f not in made)])
    state = read_ids_state(out_dir)
    kept = {e.id: _held_side(e, entries_dir, state.held) for e in held}
    withdrawn = still_withdrawn(state.withdrawn, held)
    published = published_in_earnest(published, state)
    fresh = fresh_entries(files, entries, entries_dir, formats)
    drafts = {entry.id for entry in entries if entry.draft}
    texts = None if site_url is None else _rendered_texts(held, site_url)
    found = compare(published, fresh, withdrawn, kept, drafts, state.held, texts)
    return replace(found, feeds_removed=tuple(sorted(feeds_removed)))


def in_archive(entry: PublishedEntry) -> bool:
    """Whether a feed carries `entry` in an archive rather than its main document: readers
    that follow the main feed fetch an archive once, if at all (RFC 5005 archives do not
    change), so they never see an entry added to one, or its update."""
    return any(pattern.fullmatch(entry.file) for pattern in _ARCHIVE_NAMES.values())


def _format_of(file: str) -> str:
    return next(
        (
            name
            for name in FORMATS
            if file == _MAIN_NAMES[name] or _ARCHIVE_NAMES[name].fullmatch(file)
        ),
        "",
    )


def _changed_fields(old: PublishedEntry, new: PublishedEntry) -> tuple[str, ...]:
    pairs = {
        "title": (old.title, new.title),
        "content": (old.content_hash, new.content_hash),
        "summary": (old.summary_hash, new.summary_hash),
        "link": (old.link, new.link),
        "authors": (old.authors, new.authors),
        "image": (old.image, new.image),
        "date": (old.published, new.published),
    }
    return tuple(name for name, (before, after) in pairs.items() if before != after)


_TextDigests = tuple[str | None, str | None]
"""The sha256 of an entry's content and of its summary, as PublishedEntry has them."""


@dataclass(frozen=True)
class _Side:
    id: str
    title: str
    source: str | None
    published: datetime | None = None
    withdrawn: bool = False
    draft: bool = False
    beside: datetime | None = None
    """The date it was held back with in the build before, under its id, while the entries
    that build published were out: it is another entry than each of another date."""
    texts: _TextDigests | None = None
    """The sha256 of its content and of its summary (PublishedEntry), when read from a feed
    (`_distinct_texts`: None for a text too short to tell it by)."""
    digests: _TextDigests | None = None
    """The same of any length, when read from a feed (`_traded`)."""
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", title_key(self.title))


def _published_side(
    entry: PublishedEntry,
    *,
    source: str | None = None,
    draft: bool = False,
    beside: datetime | None = None,
) -> _Side:
    """An entry read from a feed, for `_match`; `source` in place of its own when given."""
    return _Side(
        entry.id,
        entry.title,
        source or entry.source,
        entry.published,
        draft=draft,
        beside=beside,
        texts=_distinct_texts(entry),
        digests=(entry.content_hash, entry.summary_hash),
    )


def _withdrawn_sides(withdrawn: Mapping[str, Withdrawn], shown: Collection[str]) -> list[_Side]:
    """The withdrawn entries (IdsState.withdrawn) as vanished ones, but those whose ids the
    feeds still show. An id about to be published again stays: another document may have
    taken it (`_taken`)."""
    return [
        _Side(entry_id, record.title, record.path, record.date, withdrawn=True, texts=record.texts)
        for entry_id, record in withdrawn.items()
        if entry_id not in shown
    ]


def _may_be_held(before: _Side, side: _Side) -> bool:
    """Whether `side` may be the entry `before` was, as far as dates tell (to the second, as
    RSS gives them), when `before` has one: only a draft held back (`_held_side`) is held to
    the date it kept; an entry held back for a future date has a new date. An entry held back
    `beside` a published `before` in the build before, with another date, was another entry
    (the next "Weekly notes", scheduled while the last was out; a copy made a draft has its
    date)."""
    if before.published is None:
        return True
    if (
        side.beside is not None
        and not before.withdrawn
        and not _same(before.published, side.beside)
    ):
        return False
    return not side.draft or side.published is None or _same(before.published, side.published)


def _same(one: datetime, other: datetime) -> bool:
    return _second(one) == _second(other)


def _second(moment: datetime) -> datetime:
    """`moment` to the second, as RSS gives dates."""
    return moment.replace(microsecond=0)


def _held_side(
    entry: Entry, entries_dir: Path, held_before: Mapping[str, datetime] | None = None
) -> _Side:
    """An entry, held back (a draft, a future entry) or not, for `_match`; `held_before`, the
    dates of the other entries the build before held back (IdsState.held), by id."""
    source = relative_source(entry.source, entries_dir)
    beside = (held_before or {}).get(entry.id)
    return _Side(entry.id, entry.title, source, entry.published, draft=entry.draft, beside=beside)


def _side(entry: Entry | PublishedEntry) -> _Side:
    return _Side(entry.id, entry.title, None, entry.published)


def _taken(before: _Side, now: _Side) -> bool:
    """Whether the entry under an id is another one: a new title and a new date (a retitled
    entry keeps its date). Dates are compared to the second, as RSS gives them."""
    if before.key == now.key:
        return False
    if before.published is None or now.published is None:
        return True
    return not _same(before.published, now.published)


def title_key(title: str) -> str:
    """A title as entries are matched by it: letter case, spacing and typography aside. Jekyll's
    feed writes titles through smartify, which makes "Don't panic -- really..." curly quotes,
    an en dash and an ellipsis (U+2019, U+2013, U+2026)."""
    return " ".join(title.translate(_PLAIN_PUNCTUATION).split()).casefold()


_PLAIN_PUNCTUATION = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "--",
        "\u2014": "---",
        "\u2026": "...",
    }
)


@dataclass(frozen=True)
class _Compared:
    """The sides of one comparison that `_match` pairs, each list sorted by id."""

    now: Mapping[str, _Side]
    """Each published entry of this build, by id."""
    holders: Mapping[str, _Side]
    """Each entry held back in this build (a draft, a future entry), by id."""
    vanished: Sequence[_Side]
    """Entries published before whose id is gone (an entry held back under its id has not
    moved, whatever took its file's name, unless it is another document: `_another`)."""
    appeared: Sequence[_Side]
    """Entries published under an id not published before."""
    taken: Sequence[_Side]
    """Old entries whose id is published again for another document (a new file took a
    renamed file's name): pairable by their old title alone, their file being the same."""
    renamed: Sequence[_Side]
    """Entries held back under a new id: the renamed file may have been made a draft as it
    was renamed, or withdrawn before, and readers would still take the new document for an
    edit of the entry they have."""


def _compared(
    old: Sequence[_Side], new: Sequence[_Side], held: Sequence[_Side], texts: _Texts
) -> _Compared:
    now = {side.id: side for side in new}
    old_ids = {side.id for side in old}
    holders = {side.id: side for side in held}

    def by_id(sides: Iterable[_Side]) -> list[_Side]:
        return sorted(sides, key=lambda s: s.id)

    return _Compared(
        now=now,
        holders=holders,
        vanished=by_id(
            side
            for side in old
            if side.id not in now
            and (side.id not in holders or _another(side, holders[side.id], texts))
        ),
        appeared=by_id(side for side in new if side.id not in old_ids),
        taken=by_id(side for side in old if side.id in now and _taken(side, now[side.id])),
        renamed=by_id(side for side in held if side.id not in old_ids and side.id not in now),
    )


def _match(
    old: Sequence[_Side],
    new: Sequence[_Side],
    held: Sequence[_Side] = (),
    texts: _Texts | None = None,
) -> list[IdChange]:
    """Pair each vanished id with a new id from the same document, else with the same title,
    else with the same date and text.

    Each entry is paired at most once; the same document wins over the same title, and ties
    go to the lowest ids, so the result never depends on the order of the input. `held` are
    the entries held back (drafts, future entries), which are not published yet. `texts`
    gives a new entry's `_Side.texts` when it has none (an entry not yet rendered).
    """
    digests = _digests_or(texts)
    texts = _texts_or(texts)
    moves = _compared(old, new, held, texts)
    paired: set[str] = set()
    found, befores = _moved_pairs(old, moves, paired, texts)
    pairing = paired - {side.id for side in moves.taken}
    found += _same_files_at_last(moves, befores, paired, pairing, texts)
    swapped = _swaps(old, moves, paired | pairing, digests)
    changes = [
        _change(before, after, matched_by, moves.now.get(before.id) or moves.holders.get(before.id))
        for matched_by, before, after in found
    ]
    changes += [
        replace(_change(before, after, matched_by, moves.now[before.id]), swapped=True)
        for matched_by, before, after in swapped
    ]
    return sorted(changes, key=lambda change: (change.source or "", change.new_id))


def _moved_pairs(
    old: Sequence[_Side], moves: _Compared, paired: set[str], texts: _Texts
) -> tuple[list[tuple[MatchedBy, _Side, _Side]], list[_Side]]:
    """The pairs by document, by title, then by date and text, adding to `paired`; and the
    old entries that may move (those that do not wait for a draft: `_waits`)."""
    vanished, appeared, taken, renamed = moves.vanished, moves.appeared, moves.taken, moves.renamed
    # The same file, unless the entry under the new id has both a new title and a new date: a
    # new document that took the name of one renamed (as its `slug:` or `id:` went), which its
    # title, or its date and text, find below.
    found = _paired("source", _source_of, vanished, appeared, paired, lenient=False)
    # A withdrawn entry whose id no other document takes waits for its draft to be published,
    # which may be renamed and retitled (`_waits`).
    free = {s.id for s in vanished if s.withdrawn}
    befores = [
        s for s in (*vanished, *taken) if not _waits(s, renamed, texts if s.id in free else None)
    ]
    edited_pairs = _edited_in_place(old, moves)
    edited_now = {before.id: now for before, now in edited_pairs}
    found += _retitled_as_another(befores, appeared, paired, texts, edited_now)
    found += _paired("title", _title_of, befores, appeared, paired)
    found += _paired("title", _title_of, taken, renamed, paired)
    # A file renamed and retitled at once has neither its document nor its title, but its
    # date and its text; a new document that took its old name may have its date or its
    # title too. The renamed file may be held back as a draft, which keeps its date. An entry
    # edited in place (`edited_now`) does not wait for such a draft to be published, as one
    # that vanished does (`befores`): its old text leaves the feeds in this build, and with
    # it all that would tell the draft by then.
    edited = [before for before, _ in edited_pairs]
    unpaired = [s for s in (*befores, *edited) if s.id not in paired]
    candidates = [side for side in (*appeared, *renamed) if side.id not in paired]
    waits = (free, {side.id for side in renamed})
    for before, after in _same_dates_and_texts(unpaired, candidates, texts, edited_now, waits):
        paired |= {before.id, after.id}
        found.append(("date", before, after))
    # Redated too, it keeps its text alone: its content, of any date, under another title,
    # when it vanished in this build. Not its summary, the first paragraph, which the entries
    # of a series may share; nor a withdrawn one's, remembered for long, which a later entry
    # may read as well, unless another document takes its id now; nor one held back beside it
    # in the build before: a copy.
    redated = [s for s in befores if s.id not in paired and (not s.withdrawn or s in taken)]
    afters = [side for side in candidates if side.id not in paired]
    for before, after in _same_contents(redated, afters, texts):
        paired |= {before.id, after.id}
        found.append(("text", before, after))
    return found, befores


def _edited_in_place(old: Sequence[_Side], moves: _Compared) -> list[tuple[_Side, _Side]]:
    """Entries edited in place (another title or date), published or held back under their
    id, each with what it is now: a new entry of their date and text is a copy only beside
    one with that text still."""
    in_place = {**moves.holders, **moves.now}
    moving = {side.id for side in moves.vanished}
    return [
        (s, in_place[s.id])
        for s in old
        if s.id in in_place
        and s.id not in moving
        and s not in moves.taken
        and _moved(s, in_place[s.id])
    ]


def _same_files_at_last(
    moves: _Compared,
    befores: Sequence[_Side],
    paired: Collection[str],
    pairing: set[str],
    texts: _Texts,
) -> list[tuple[MatchedBy, _Side, _Side]]:
    """The same file after all: edited in its title, its date and its id at once, unless the
    entry waits held back under a new id (`_waits`), and the file holds a new document.

    An entry that lost its `id:` may have taken an old id (`taken`): the one its file's name
    gave an entry withdrawn or deleted since. It moved all the same (renamed too: by its
    title; retitled too: by its date and text), whether or not the entry readers have under
    that id was paired before (the id is paired once a side). Adds to `pairing`.
    """
    taken = moves.taken
    reused = [moves.now[side.id] for side in taken]
    unheld = {side.id for side in befores}
    alone = [side for side in moves.vanished if side.id in unheld]
    found = _paired("source", _source_of, alone, [*moves.appeared, *reused], pairing)
    found += _paired("title", _title_of, moves.vanished, reused, pairing)
    rest = [side for side in alone if side.id not in pairing]
    found += _dated_pairs(rest, [s for s in reused if s.id not in pairing], pairing, texts, {})
    chained = [side for side in taken if side.id in unheld and side.id not in paired]
    moved = {side.id for side in taken if side.id in paired}
    found += _chained(chained, [s for s in reused if s.id not in pairing], moved)
    return found


def _swaps(
    old: Sequence[_Side], moves: _Compared, paired: set[str], digests: _Texts
) -> list[tuple[MatchedBy, _Side, _Side]]:
    """Entries whose ids two documents swapped or traded, of those not `paired` yet."""
    swapped: list[tuple[MatchedBy, _Side, _Side]] = [
        ("title", before, after) for before, after in _swapped(moves.taken, moves.now, paired)
    ]
    done = paired | {before.id for _, before, _ in swapped}
    kept = [s for s in old if s.id in moves.now and s.id not in done]
    swapped += _traded(_trading(kept, moves.now), moves.now, digests)
    return swapped


def _chained(
    befores: Sequence[_Side], reused: Sequence[_Side], moved: Collection[str]
) -> list[tuple[MatchedBy, _Side, _Side]]:
    """Pairs by title of `befores`, entries whose ids other documents took, with `reused`,
    entries published under an id that another document took first, of those `moved`: a
    chain of renames into the names others left (b.md renamed c.md, a.md renamed b.md, a new
    a.md), which the pairs found so far end, told whole in one build. Pairs found move their
    ids in turn; an id whose entry did not move (two files swapped) is none."""
    found: list[tuple[MatchedBy, _Side, _Side]] = []
    moving, left = set(moved), list(befores)
    used: set[str] = set()
    while pairs := _paired(
        "title", _title_of, left, [s for s in reused if s.id in moving - used], set()
    ):
        found += pairs
        moving |= {before.id for _, before, _ in pairs}
        used |= {after.id for _, _, after in pairs}
        left = [side for side in left if side.id not in moving]
    return found


def _swapped(
    taken: Sequence[_Side], now: Mapping[str, _Side], paired: Collection[str]
) -> list[tuple[_Side, _Side]]:
    """Pairs of `taken` entries, not `paired`, each found under another's id with its title
    and date: files that traded names (a.md and b.md swapped, or a.md renamed b.md, b.md c.md
    and c.md a.md). Only whole cycles: a retitled entry that kept its date is not `taken`, and
    an entry that took another's title and date while that one stayed is an edit. Of several
    ids that took an entry's title and date (a copy of it made in place beside the swap), the
    one whose entry went round to its id is taken, the lowest of several."""
    free = [side for side in taken if side.id not in paired]
    holding: dict[tuple[str, datetime] | None, list[str]] = {}
    for side in free:
        holding.setdefault(_titled_and_dated(now[side.id]), []).append(side.id)
    holding.pop(None, None)
    moves: dict[str, str] = {}
    crowded: dict[str, list[str]] = {}
    for side in free:
        ids = [other for other in holding.get(_titled_and_dated(side), []) if other != side.id]
        if len(ids) == 1:
            moves[side.id] = ids[0]
        elif ids:
            crowded[side.id] = ids
    moves.update(_going_round(moves, crowded))
    cycles = _in_cycles(moves)
    return [(side, now[moves[side.id]]) for side in free if side.id in cycles]


def _going_round(moves: Mapping[str, str], crowded: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """{id: the first of its `crowded` ids from which `moves`, with those found, lead back to
    it}: of the ids that took an entry's title and date, the one that closes a cycle. An id is
    walked until the walk comes back to it, ends, or loops elsewhere."""
    found: dict[str, str] = {}
    left = dict(crowded)
    while True:
        known = {**moves, **found}
        more = {}
        for side_id, ids in left.items():
            back = next((other for other in ids if _leads_to(known, other, side_id)), None)
            if back is not None:
                more[side_id] = back
        if not more:
            return found
        found.update(more)
        left = {side_id: ids for side_id, ids in left.items() if side_id not in more}


def _leads_to(moves: Mapping[str, str], start: str, goal: str) -> bool:
    """Whether following `moves` from `start` reaches `goal`."""
    step, seen = start, set()
    while step != goal and step in moves and step not in seen:
        seen.add(step)
        step = moves[step]
    return step == goal


def _titled_and_dated(side: _Side) -> tuple[str, datetime] | None:
    """What tells an entry from the others of a swap: its title and date (None: undated)."""
    return None if side.published is None else (side.key, _second(side.published))


def _trading(kept: Sequence[_Side], now: Mapping[str, _Side]) -> list[_Side]:
    """Those of `kept`, entries published again under their ids (`now`), that may have traded
    names with others (`_traded`): the retitled (`_retitled`), and those that kept the title
    and date another of `kept` kept too, which only their texts tell apart."""
    still = [s for s in kept if not s.withdrawn and not _moved(s, now[s.id])]
    alike = Counter(_titled_and_dated(side) for side in still)
    twins = {s.id for s in still if s.published is not None and alike[_titled_and_dated(s)] > 1}
    return [s for s in kept if s.id in twins or _retitled(s, now[s.id])]


def _retitled(before: _Side, now: _Side) -> bool:
    """Whether the entry readers have as `before` is published again under its id with another
    title (a retitle, or files that traded names: `_traded`)."""
    return not before.withdrawn and before.key != now.key


def _traded(
    befores: Sequence[_Side], now: Mapping[str, _Side], digests: _Texts
) -> list[tuple[MatchedBy, _Side, _Side]]:
    """Pairs of `befores`, entries each published again under its id with another title, each
    found under another's id: with its title and a text (content or summary, of any length)
    that its own id no longer has, or with its content alone (`_content_moves`: the file
    retitled too). Files that traded names (a.md and b.md of one date swapped, or redated or
    retitled too), which `_swapped` cannot tell by titles and dates; only whole cycles. A
    retitle in place leaves each text under its id, and so do entries that share one (a link
    blog's "Via HN."). `digests` gives `_Side.digests` of an entry not read from a feed
    (rendered): only those of entries a title or a date moved to. Of several ids that took an
    entry's title and text (a copy of it made in place beside the swap), the one that goes
    round (`_going_round`)."""
    titled: dict[str, list[_Side]] = {}
    for before in befores:
        titled.setdefault(now[before.id].key, []).append(before)
    by_title, crowded = _moves(befores, titled, now, digests)
    left = [before for before in befores if before.id not in by_title]
    moves = {**by_title, **_content_moves(left, befores, set(by_title), now, digests)}
    targets = {before_id: after_id for before_id, (_, after_id) in moves.items()}
    several = {i: ids for i, (_, ids) in crowded.items() if i not in moves}
    for before_id, after_id in _going_round(targets, several).items():
        moves[before_id] = (crowded[before_id][0], after_id)
        targets[before_id] = after_id
    cycles = _in_cycles(targets)
    return [
        (moves[side.id][0], side, now[moves[side.id][1]]) for side in befores if side.id in cycles
    ]


def _moves(
    befores: Sequence[_Side],
    titled: Mapping[str, Sequence[_Side]],
    now: Mapping[str, _Side],
    digests: _Texts,
) -> tuple[dict[str, tuple[MatchedBy, str]], dict[str, tuple[MatchedBy, list[str]]]]:
    """{id of one of `befores`: ("title", id now carrying its entry)}, for each whose entry is
    under the id of exactly one other of `titled` (by the title each id has now) with its
    title and a text its own id no longer has; and {id: (the same, those ids sorted)} for
    each under several. The ids of a title are found by their texts, not compared in pairs:
    a title many entries of a day share ("Note") may be many's."""
    holding: dict[str, dict[tuple[int, str], list[str]]] = {}
    moves: dict[str, tuple[MatchedBy, str]] = {}
    crowded: dict[str, tuple[MatchedBy, list[str]]] = {}
    for before in befores:
        if before.digests is None or not any(before.digests):
            continue
        if before.key not in holding:
            holding[before.key] = _by_text(titled.get(before.key, ()), now, digests)
        here = digests(now[before.id])
        found = {
            other_id
            for at, text in enumerate(before.digests)
            if text is not None and (here is None or here[at] != text)
            for other_id in holding[before.key].get((at, text), ())
            if other_id != before.id
        }
        # Of entries that share a title, the one each id took is told by its text.
        how: MatchedBy = "title" if _retitled(before, now[before.id]) else "text"
        if len(found) == 1:
            moves[before.id] = (how, found.pop())
        elif found:
            crowded[before.id] = (how, sorted(found))
    return moves, crowded


def _by_text(
    sides: Sequence[_Side], now: Mapping[str, _Side], digests: _Texts
) -> dict[tuple[int, str], list[str]]:
    """The ids of `sides` by each text their entries have `now`: (0, content digest) and (1,
    summary digest)."""
    holders: dict[tuple[int, str], list[str]] = {}
    for side in sides:
        for at, text in enumerate(digests(now[side.id]) or ()):
            if text is not None:
                holders.setdefault((at, text), []).append(side.id)
    return holders


def _content_moves(
    befores: Sequence[_Side],
    others: Sequence[_Side],
    titled: Collection[str],
    now: Mapping[str, _Side],
    digests: _Texts,
) -> dict[str, tuple[MatchedBy, str]]:
    """{id of one of `befores`: ("text", id now carrying its content)}, for each whose content
    its own id no longer has and exactly one other of `others` has now: one of at least 200
    characters, under one of `titled` (whose entry moved with its title) or of its date; or of
    any length, under one of `titled` of its date. A retitled entry keeps its date, so a date
    that went with a content tells a swap of short texts from link-blog entries edited in
    place, and is all that tells one where no title went along. Beside those of `titled`,
    only the entries now of the date of one with a long content are rendered."""
    anchors = _by_text([other for other in others if other.id in titled], now, digests)
    of_date: dict[datetime, list[_Side]] = {}
    for other in others:
        if (moment := now[other.id].published) is not None:
            of_date.setdefault(_second(moment), []).append(other)
    dated: dict[datetime, dict[tuple[int, str], list[str]]] = {}
    moves: dict[str, tuple[MatchedBy, str]] = {}
    for before in befores:
        content = (before.digests or (None,))[0]
        if content is None:
            continue
        long = (before.texts or (None,))[0] is not None
        found = {
            other_id
            for other_id in anchors.get((0, content), ())
            if long or _dated_alike(now[other_id], before)
        }
        moment = None if before.published is None else _second(before.published)
        if long and moment is not None and moment in of_date:
            if moment not in dated:
                dated[moment] = _by_text(of_date[moment], now, digests)
            found.update(dated[moment].get((0, content), ()))
        found.discard(before.id)
        here = digests(now[before.id]) if len(found) == 1 else None
        if len(found) == 1 and (here is None or here[0] != content):
            moves[before.id] = ("text", found.pop())
    return moves


def _in_cycles(moves: Mapping[str, str]) -> set[str]:
    """The ids that following `moves` (old id -> new id) from comes back to: whole cycles,
    each id walked once (many files of one date may have traded names in a rotation)."""
    walked: dict[str, bool] = {}  # True while on the walk at hand
    cycles: set[str] = set()
    for start in moves:
        path, step = [], start
        while step in moves and step not in walked:
            walked[step] = True
            path.append(step)
            step = moves[step]
        if walked.get(step):  # back onto this walk
            cycles.update(path[path.index(step) :])
        walked.update(dict.fromkeys(path, False))
    return cycles


def _retitled_as_another(
    befores: Sequence[_Side],
    appeared: Sequence[_Side],
    paired: set[str],
    texts: _Texts,
    edited: Mapping[str, _Side],
) -> list[tuple[MatchedBy, _Side, _Side]]:
    """Pairs by date and text (`_same_dates_and_texts`, `edited` as there) of `befores` and
    `appeared` not `paired` yet (which it adds to) that titles would get wrong. One of
    `appeared` that has the title of some of `befores` but none's date is paired with
    another: a file renamed and retitled as an entry of that title was deleted is the entry
    whose text it has, not the deleted one. One of `befores` whose title only entries of
    another date have, or of its date without its text, is paired with one of another title:
    a file renamed and retitled beside a new entry of its old title (the next "Weekly notes",
    or another "Notes" of its day) is the entry."""
    left = [before for before in befores if before.id not in paired]
    found = _dated_pairs(left, _misdated(appeared, left, paired), paired, texts, edited)
    left = [before for before in left if before.id not in paired]
    afters = [side for side in appeared if side.id not in paired]
    misdated = _misdated(left, afters, paired, texts)
    return found + _dated_pairs(misdated, afters, paired, texts, edited)


def _misdated(
    sides: Sequence[_Side],
    others: Sequence[_Side],
    paired: set[str],
    texts: _Texts | None = None,
) -> list[_Side]:
    """Those of `sides` not `paired` that have the title of some of `others` but none's date;
    given `texts`, none's date and text, for one of `sides` with a text to tell it by."""
    titled: dict[str, list[_Side]] = {}
    for other in others:
        titled.setdefault(other.key, []).append(other)
    return [
        side
        for side in sides
        if side.id not in paired
        and side.key in titled
        and not any(_may_be_dated(side, other, texts) for other in titled[side.key])
    ]


def _may_be_dated(side: _Side, other: _Side, texts: _Texts | None) -> bool:
    """Whether `other`, of the title of `side`, may be it by its date: of its date, and given
    `texts`, with its text, when `side` has one long enough to tell it by. A new entry of its
    title and date without its text is another (a new "Notes" of the day), when a new entry
    of another title has its date and text: pinned the old id, as a title match would ask, the
    first would be taken for an edit of it, and the second would bring readers the text again."""
    if not _dated_alike(other, side):
        return False
    if texts is None or side.texts is None or not any(side.texts):
        return True
    return _same_text(side.texts, texts(other))


def _dated_pairs(
    befores: Sequence[_Side],
    afters: Sequence[_Side],
    paired: set[str],
    texts: _Texts,
    edited: Mapping[str, _Side],
) -> list[tuple[MatchedBy, _Side, _Side]]:
    """The pairs of `befores` and `afters` of another title by date and text, added to
    `paired` (`_same_dates_and_texts`, `edited` as there)."""
    if not befores or not afters:
        return []
    found: list[tuple[MatchedBy, _Side, _Side]] = []
    for before, after in _same_dates_and_texts(befores, afters, texts, edited):
        if before.key != after.key:
            paired |= {before.id, after.id}
            found.append(("date", before, after))
    return found


def _paired(
    matched_by: MatchedBy,
    key: Callable[[_Side], str | None],
    befores: Sequence[_Side],
    candidates: Sequence[_Side],
    paired: set[str],
    *,
    lenient: bool = True,
) -> list[tuple[MatchedBy, _Side, _Side]]:
    """Each of `befores` with the first of `candidates` of the same `key` that `_may_be` it,
    of those not `paired` yet (which it adds to); not `lenient`, none with both a new title
    and a new date (`_taken`)."""
    waiting: dict[str, list[_Side]] = {}
    for side in candidates:
        if side.id not in paired and (value := key(side)) is not None:
            waiting.setdefault(value, []).append(side)
    found: list[tuple[MatchedBy, _Side, _Side]] = []
    # Those of their date first: of two "Notes" that vanished, a new "Notes" of the second's
    # date is the second, whichever has the lower id.
    for dated in (True, False):
        for before in befores:
            value = key(before)
            if before.id in paired or value is None:
                continue
            fits = [
                side
                for side in waiting.get(value, ())
                if (not dated or _dated_alike(before, side))
                and _may_be(before, side, matched_by)
                and (lenient or not _taken(before, side))
            ]
            if not fits:
                continue
            # Of several, one of its date too: another entry of its title is a new one.
            after = next((side for side in fits if _dated_alike(before, side)), fits[0])
            waiting[value].remove(after)
            paired |= {before.id, after.id}
            found.append((matched_by, before, after))
    return found


_Texts = Callable[["_Side"], "_TextDigests | None"]


def _digests_or(rendered: _Texts | None) -> _Texts:
    """`_Side.digests`, else what `rendered` gives (an entry not read from a feed), once."""
    known: dict[str, _TextDigests | None] = {}

    def digests(side: _Side) -> _TextDigests | None:
        if side.digests is not None or rendered is None:
            return side.digests
        if side.id not in known:
            known[side.id] = rendered(side)
        return known[side.id]

    return digests


def _texts_or(rendered: _Texts | None) -> _Texts:
    """`_Side.texts`, else what `rendered` gives (an entry not read from a feed)."""

    def texts(side: _Side) -> _TextDigests | None:
        if side.texts is not None or rendered is None:
            return side.texts
        return rendered(side)

    return texts


def _change(before: _Side, after: _Side, matched_by: MatchedBy, holder: _Side | None) -> IdChange:
    """`before`'s id published as `after`'s; `holder`, what its id holds now, if anything."""
    return IdChange(
        before.id,
        after.id,
        after.title,
        after.source,
        matched_by,
        before.source,
        None if holder is None else (holder.title, holder.source),
        before.withdrawn,
        before.title if matched_by in ("date", "text") else "",
    )


def _dated_alike(one: _Side, other: _Side) -> bool:
    return (
        one.published is not None
        and other.published is not None
        and _same(one.published, other.published)
    )


def _moved(before: _Side, now: _Side) -> bool:
    """Whether the entry under an id has another title or another date than `before`."""
    if before.key != now.key:
        return True
    return (
        before.published is not None
        and now.published is not None
        and not _same(before.published, now.published)
    )


def _same_dates_and_texts(
    befores: Sequence[_Side],
    afters: Sequence[_Side],
    texts: _Texts,
    edited: Mapping[str, _Side],
    waits: tuple[Collection[str], Collection[str]] = ((), ()),
) -> list[tuple[_Side, _Side]]:
    """Pairs of an entry of `befores` and one of `afters` with the same date (to the second)
    and the same content or summary, each paired once; ties go to the lowest ids. A date
    alone says little (`date: 2025-03-01` is midnight), and `texts` renders only the
    entries that share one. An entry whose id is published `edited` (another title or date)
    with that text still is not paired: the other is a copy. Of `waits`, (ids of `befores`,
    ids of `afters`), the first are not paired with the second: an entry withdrawn before
    with one held back (a draft may be renamed and retitled as it waits, and is paired once
    published, as by its title)."""
    by_date: dict[datetime, list[_Side]] = {}
    for side in afters:
        if side.published is not None:
            by_date.setdefault(_second(side.published), []).append(side)
    pairs = []
    for before in befores:
        if before.published is None or before.texts is None:
            continue
        same = by_date.get(_second(before.published), [])
        after = next(
            (
                side
                for side in same
                if not (before.id in waits[0] and side.id in waits[1])
                and _same_text(before.texts, texts(side))
            ),
            None,
        )
        if after is not None and before.id in edited:
            after = None if _same_text(before.texts, texts(edited[before.id])) else after
        if after is not None:
            same.remove(after)
            pairs.append((before, after))
    return pairs


def _another(before: _Side, now: _Side, texts: _Texts) -> bool:
    """Whether the entry `now` under the id of `before` is another one: a new title and a new
    date (`_taken`), unless it has the same content (`_same_content`), retitled and redated
    in place (or renamed with its id pinned)."""
    return _taken(before, now) and not _same_content(before, now, texts)


def _same_content(before: _Side, after: _Side, texts: _Texts) -> bool:
    """Whether `after` has the content of `before`, one long enough to tell it by."""
    content = before.texts[0] if before.texts is not None else None
    return content is not None and _same_text((content, None), texts(after))


def _same_contents(
    befores: Sequence[_Side], afters: Sequence[_Side], texts: _Texts
) -> list[tuple[_Side, _Side]]:
    """Pairs of an entry of `befores` and one of `afters` of another title with the same
    content, of any date, each paired once; ties go to the lowest ids. One held back beside a
    published entry in the build before is another (a copy), as for `_may_be_held`. `texts`
    renders only when an entry of `befores` has a content long enough to tell it by."""
    left = list(afters)
    pairs = []
    for before in befores:
        after = next(
            (
                s
                for s in left
                if s.key != before.key
                and (s.beside is None or before.withdrawn)
                and _same_content(before, s, texts)
            ),
            None,
        )
        if after is not None:
            left.remove(after)
            pairs.append((before, after))
    return pairs


def _same_text(one: _TextDigests, other: _TextDigests | None) -> bool:
    """Whether two entries have the same content, or the same summary (which names no URL: a
    renamed entry's links to its own page change)."""
    return other is not None and any(
        a is not None and a == b for a, b in zip(one, other, strict=True)
    )


def _may_be(before: _Side, side: _Side, matched_by: MatchedBy) -> bool:
    """Whether `side` may be the entry `before` was, paired by its document or its title. A
    draft made of the entry keeps its date: a draft of another date is another entry of the
    same title (the next "Weekly notes"), written beside it (`_may_be_held`). The file an
    entry was withdrawn from may hold another document since (a new title and a new date):
    the entry renamed with its id pinned left it to a new one, with a `slug:` of its own."""
    if matched_by == "title":
        return _may_be_held(before, side)
    return not (before.withdrawn and before.published is not None and _taken(before, side))


def _waits(before: _Side, renamed: Sequence[_Side], texts: _Texts | None = None) -> bool:
    """Whether the entry `before` is one of `renamed` (held back under a new id): the same title
    and date (a draft made of it, or a withdrawn entry renamed as it waits), or, given `texts`,
    the same date and text (a withdrawn entry renamed and retitled as it waits). Another entry
    of its title is not it then."""
    if before.published is None:
        return False
    return any(
        side.published is not None
        and _same(side.published, before.published)
        and (
            side.key == before.key
            or (
                texts is not None
                and before.texts is not None
                and _same_text(before.texts, texts(side))
            )
        )
        for side in renamed
    )


def _source_of(side: _Side) -> str | None:
    return side.source


def _title_of(side: _Side) -> str | None:
    return side.key or None


def _with_sources(
    entries: Mapping[str, PublishedEntry], sources: Mapping[str, str]
) -> dict[str, PublishedEntry]:
    return {
        entry_id: replace(entry, source=sources.get(entry_id, entry.source))
        for entry_id, entry in entries.items()
    }


# Parsing feeds


def _read_bytes(out_dir: Path, name: str) -> bytes:
    path = out_dir / name
    try:
        return path.read_bytes()
    except OSError as error:
        raise OutputError(
            f"cannot read the published feed ({error.strerror})",
            "Check the file's permissions, or run staticfeed build --allow-id-change, which "
            "does not compare ids with the published feeds.",
            path=path,
        ) from None


class _Unreadable(Exception):
    """What makes a feed file unreadable, and at which line; each caller words the error."""

    def __init__(self, what: str, line: int | None = None) -> None:
        super().__init__(what)
        self.what, self.line = what, line


def _unreadable(path: Path, problem: _Unreadable) -> OutputError:
    return OutputError(
        f"cannot read the published feed: {problem.what}",
        "Run staticfeed check to see what is wrong, or staticfeed build --allow-id-change, "
        "which does not compare ids with the published feeds.",
        path=path,
        line=problem.line,
    )


def _xml(data: bytes) -> etree._Element:
    try:
        return feed_xml(data)
    except etree.XMLSyntaxError as error:
        raise _Unreadable(xml_problem(str(error.msg)), error.lineno) from None


def feed_xml(data: bytes) -> etree._Element:
    """The root of an XML feed, with the entities its DOCTYPE declares (`<!ENTITY mdash
    "&#8212;">`) expanded, as readers' XML parsers expand them. libxml2 refuses a billion
    laughs, and no external entity is ever loaded. A reference to an entity the document does
    not declare (RSS 0.91's DTD, never fetched, declares HTML's) stays a reference, and so do
    the declared ones in a document that has such a reference too: `_entity_text` reads them.
    XMLSyntaxError when it is not well-formed."""
    # huge_tree: an entry with over 10 MB of text is valid XML, which libxml2 refuses by default.
    root = etree.fromstring(
        data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    )
    if any(content is not None for content in _declared_entities(root).values()):
        parser = etree.XMLParser(
            resolve_entities="internal",  # type: ignore[arg-type]  # lxml-stubs know only bools
            no_network=True,
            huge_tree=True,
        )
        with contextlib.suppress(etree.XMLSyntaxError):  # "Entity 'nbsp' not defined"
            return etree.fromstring(data, parser)
    return root


def _declared_entities(node: etree._Element) -> dict[str, object]:
    """The entities the DOCTYPE of `node`'s document declares, by name, with what each stands
    for (None for an external one)."""
    dtd = node.getroottree().docinfo.internalDTD
    if dtd is None:
        return {}
    return {decl.name: decl.content for decl in dtd.iterentities()}  # type: ignore[attr-defined]


def _atom_entries(data: bytes, name: str) -> list[PublishedEntry]:
    root = _xml(data)
    if root.tag != f"{_ATOM}feed":
        raise _Unreadable("its root element is not an Atom <feed>")
    entries = []
    for element in root.iterfind(f"{_ATOM}entry"):
        content = element.find(f"{_ATOM}content")
        summary = element.find(f"{_ATOM}summary")
        links = [
            link.get("href")
            for link in element.iterfind(f"{_ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        entries.append(
            PublishedEntry(
                id=_text(element.find(f"{_ATOM}id")),
                title=_atom_title(element.find(f"{_ATOM}title")),
                updated=lenient_iso_date(_text(element.find(f"{_ATOM}updated"))),
                published=lenient_iso_date(_text(element.find(f"{_ATOM}published"))),
                link=next((link for link in links if link), None),
                **_text_fields(_atom_text(content), _atom_text(summary)),
                file=name,
                authors=tuple(
                    _text(author.find(f"{_ATOM}name"))
                    for author in element.iterfind(f"{_ATOM}author")
                ),
                image=_thumbnail(element),
            )
        )
    return entries


def _thumbnail(element: etree._Element) -> str | None:
    thumbnail = element.find(_MEDIA_THUMBNAIL)
    return thumbnail.get("url") if thumbnail is not None else None


def _json_names(authors: object) -> tuple[str, ...]:
    if not isinstance(authors, list):
        return ()
    return tuple(_json_text(author.get("name")) for author in authors if isinstance(author, dict))


def _rss_entries(data: bytes, name: str) -> list[PublishedEntry]:
    root = _xml(data)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise _Unreadable("its root element is not an RSS <rss> with a <channel>")
    entries = []
    for item in channel.iterfind("item"):
        content = item.find(_CONTENT_ENCODED)
        summary = item.find("description")
        entries.append(
            PublishedEntry(
                id=_text(item.find("guid")) or _text(item.find("link")),
                title=_text(item.find("title")),
                updated=None,
                published=lenient_rfc822(_text(item.find("pubDate"))),
                link=_text(item.find("link")) or None,
                **_text_fields(_element_text(content), _element_text(summary)),
                file=name,
                authors=tuple(_text(creator) for creator in item.iterfind(_DC_CREATOR)),
                image=_thumbnail(item),
            )
        )
    return entries


def _rdf_entries(data: bytes, name: str) -> list[PublishedEntry]:
    """RSS 1.0 (or 0.90): readers (feedparser, newsboat) know an item by its rdf:about, which
    RSS 1.0 makes its link, and date it by dc:date, a W3C date-time."""
    root = _xml(data)
    entries = []
    for namespace in _RDF_RSS:
        for item in root.iterfind(f"{namespace}item"):
            link = _text(item.find(f"{namespace}link"))
            content = item.find(_CONTENT_ENCODED)
            summary = item.find(f"{namespace}description")
            entries.append(
                PublishedEntry(
                    id=(item.get(f"{_RDF}about") or "").strip() or link,
                    title=_text(item.find(f"{namespace}title")),
                    updated=None,
                    published=lenient_iso_date(_text(item.find(_DC_DATE))),
                    link=link or None,
                    **_text_fields(_element_text(content), _element_text(summary)),
                    file=name,
                    authors=tuple(_text(creator) for creator in item.iterfind(_DC_CREATOR)),
                    image=None,
                )
            )
    return entries


def _atom_03_entries(data: bytes, name: str) -> list[PublishedEntry]:
    """Atom 0.3, the draft before Atom 1.0: `issued` (or `created`) is the date published,
    `modified` the date updated, and a title may be escaped HTML (`mode="escaped"`)."""
    root = _xml(data)
    entries = []
    for element in root.iterfind(f"{_ATOM_03}entry"):
        title = element.find(f"{_ATOM_03}title")
        links = [
            link.get("href")
            for link in element.iterfind(f"{_ATOM_03}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        published = element.find(f"{_ATOM_03}issued")
        if published is None:
            published = element.find(f"{_ATOM_03}created")
        entries.append(
            PublishedEntry(
                id=_text(element.find(f"{_ATOM_03}id")),
                title=_atom_03_title(title),
                updated=lenient_iso_date(_text(element.find(f"{_ATOM_03}modified"))),
                published=lenient_iso_date(_text(published)),
                link=next((link for link in links if link), None),
                content_hash=None,
                summary_hash=None,
                file=name,
                authors=tuple(
                    _text(author.find(f"{_ATOM_03}name"))
                    for author in element.iterfind(f"{_ATOM_03}author")
                ),
                image=None,
            )
        )
    return entries


def _atom_03_title(element: etree._Element | None) -> str:
    text = _text(element)
    if element is None or not text or element.get("mode") != "escaped":
        return text
    if "html" in element.get("type", ""):
        return html_text(text)
    return text


def _json_entries(data: bytes, name: str) -> list[PublishedEntry]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _Unreadable(f"it is not JSON ({error})") from None
    except RecursionError:  # json's decoder recurses into each nested list
        raise _Unreadable("its JSON nests lists or objects too deep to read") from None
    items = document.get("items") if isinstance(document, dict) else None
    if not isinstance(items, list):
        raise _Unreadable("it is not a JSON Feed with items")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            raise _Unreadable("an item is not a JSON object")
        content = item.get("content_html", item.get("content_text"))
        summary = item.get("summary")
        entries.append(
            PublishedEntry(
                id=_json_text(item.get("id")),
                title=_json_text(item.get("title")),
                updated=lenient_iso_date(_json_text(item.get("date_modified"))),
                published=lenient_iso_date(_json_text(item.get("date_published"))),
                link=_json_text(item.get("url")) or None,
                **_text_fields(
                    content if isinstance(content, str) else None,
                    summary if isinstance(summary, str) else None,
                ),
                file=name,
                authors=_json_names(item.get("authors")),
                image=_json_text(item.get("image")) or None,
            )
        )
    return entries


_PARSERS: dict[str, Callable[[bytes, str], list[PublishedEntry]]] = {
    "atom": _atom_entries,
    "json": _json_entries,
    "rss": _rss_entries,
}


def _with_ids(entries: list[PublishedEntry]) -> list[PublishedEntry]:
    if any(not entry.id for entry in entries):
        raise _Unreadable("an entry has no id")
    return entries


def _text(element: etree._Element | None) -> str:
    """An element's text, with the entity references in it (`Hello&nbsp;World`) as readers
    read them: `_xml` leaves them unresolved, and the text stopped at the first."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child, etree._Entity):
            break
        parts += [_entity_text(child), child.tail or ""]
    return "".join(parts).strip()


def _entity_text(entity: etree._Entity) -> str:
    """What an entity stands for: its declaration in the document (`<!ENTITY nbsp "&#160;">`),
    else the HTML entity of its name, which feedparser reads in an RSS 0.91 feed (whose DTD,
    never fetched, declares them), else the reference as written. A declaration that refers to
    other entities is not expanded: that is how a billion laughs grows."""
    content = _declared_entities(entity).get(entity.name)
    if isinstance(content, str) and "&" not in content:
        return content
    return str(html.entities.html5.get(f"{entity.name};", entity.text))


def _atom_title(element: etree._Element | None) -> str:
    """A title as readers show it: the text of HTML (`type="html"`, as Jekyll's feed writes
    titles) or of XHTML, else the text as written."""
    if element is None:
        return ""
    kind = element.get("type")
    if kind == "html" and (text := _text(element)):
        return html_text(text)
    if kind == "xhtml":
        return "".join(str(text) for text in element.itertext()).strip()
    return _text(element)


def html_text(html: str) -> str:
    """The text a reader shows of a title written as escaped HTML."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    return str(fragment.text_content()).strip()


def _json_text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _atom_text(element: etree._Element | None) -> str | None:
    """The text of an Atom text construct; XHTML content as its serialized children."""
    if element is None:
        return None
    if element.get("type") == "xhtml":
        return "".join(
            etree.tostring(child, encoding="unicode", with_tail=True) for child in element
        )
    return element.text or ""


def _hash(text: str | None) -> str | None:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else None


class _TextFields(TypedDict):
    content_hash: str | None
    summary_hash: str | None
    text_sizes: tuple[int, int]


def _text_fields(content: str | None, summary: str | None) -> _TextFields:
    """A PublishedEntry's digests and sizes of its content and summary (None: it has none)."""
    return _TextFields(
        content_hash=_hash(content),
        summary_hash=_hash(summary),
        text_sizes=(len(content or ""), len(summary or "")),
    )


def _element_text(element: etree._Element | None) -> str | None:
    return element.text or "" if element is not None else None


_DISTINCT_TEXT = 200
"""Characters of content (HTML) or summary that make the same text on the same date the same
entry: a link blog's entries of one day may all read `Via HN.`, and are other entries."""


def _distinct_texts(entry: PublishedEntry) -> _TextDigests:
    """The content and summary digests of `entry` to pair it by (`_same_dates_and_texts`),
    each None when too short to tell one entry from another."""
    content, summary = entry.text_sizes
    return (
        entry.content_hash if content >= _DISTINCT_TEXT else None,
        entry.summary_hash if summary >= _DISTINCT_TEXT else None,
    )


# JSON output of a diff

_Shown = Callable[[str | None], str | None]


def _date_json(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _entry_json(entry: PublishedEntry, shown: _Shown) -> dict[str, object]:
    return {
        "id": entry.id,
        "title": entry.title,
        "file": shown(entry.source),
        "updated": _date_json(entry.updated),
        "archive": entry.file if in_archive(entry) else None,
    }


def _change_json(change: EntryChange, shown: _Shown) -> dict[str, object]:
    return {
        **_entry_json(change.new, shown),
        "previous_updated": _date_json(change.old.updated),
        "changed": list(change.fields),
    }


def _id_change_json(change: IdChange, shown: _Shown) -> dict[str, object]:
    return {
        "old_id": change.old_id,
        "new_id": change.new_id,
        "title": change.title,
        "file": shown(change.source),
        "previous_file": shown(change.old_source),
        "matched_by": change.matched_by,
        "withdrawn": change.withdrawn,
        "taken_by": None
        if change.taken_by is None
        else {"title": change.taken_by[0], "file": shown(change.taken_by[1])},
    }
