"""A whole build, step by step: load_config -> read_entries -> build_feeds -> write_outputs.

`build(..., cache=True)` takes over from the build cache (staticfeed.cache) what did not change
since the last build: documents are not parsed again, entries not rendered again, and an output
file is not made again while what it is made from, and the file itself, are unchanged.
`rendered_outputs`, which `check` and `diff` use, never touches the cache.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path

from staticfeed import parallel
from staticfeed.cache import (
    BuildCache,
    CacheCorrupt,
    DocumentCache,
    OutputRecords,
    cache_folder,
    digest,
    digest_html,
    digest_text,
    fingerprint,
    html_data,
    left_digest,
    templates_digest,
    titles_digest,
)
from staticfeed.collection import collections_paused
from staticfeed.config import Config
from staticfeed.delta import Basis, Previous, placing, row
from staticfeed.doclinks import DocumentLinks, document_path, links_of
from staticfeed.drift import (
    SOURCES_NAME,
    IdsState,
    PublishedEntry,
    check_id_changes,
    ids_file,
    published_entries,
    published_in_earnest,
    read_ids_state,
    read_sources,
    source_map,
    sources_file,
    still_withdrawn,
)
from staticfeed.entries import ReadResult, key_line, read_entries
from staticfeed.errors import (
    BuildWarning,
    EntryError,
    ManyErrors,
    StaticfeedError,
    display_path,
    warned,
)
from staticfeed.feeds import entry_elements, feed_parts
from staticfeed.hosting import HEADERS_NAME, HostedFile, headers_file
from staticfeed.jsonfeed import item_text, json_feed_parts
from staticfeed.model import DeferredRendering, Entry, RenderedEntry
from staticfeed.output import (
    MANIFEST_NAME,
    Staged,
    Staging,
    Written,
    manifest,
    previous_files,
    remove_stale,
    rewrite_manifest,
    stage_parts,
)
from staticfeed.pages import (
    INDEX_NAME,
    FeedLink,
    PageEntry,
    PageRenderer,
    articles_in,
    entry_page_url,
    index_listing,
    page_paths,
    render_pages,
)
from staticfeed.plan import (
    MAIN,
    MEDIA_TYPES,
    Clash,
    FeedPlan,
    TopicCollision,
    feed_plans,
    file_name,
    respelled,
    url_of,
)
from staticfeed.progress import SILENT, Progress
from staticfeed.render import render_entries, shows_nothing
from staticfeed.selection import Selection, select_entries
from staticfeed.spool import Place, Spool, SpoolWriter, read_places

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
    files: Iterable[OutputFile]
    """Made one at a time as they are iterated, once (see `rendered_outputs`)."""
    selection: Selection
    warnings: tuple[BuildWarning, ...]
    reads_project_files: bool = False
    """Whether a document names a file of the project besides itself (a local enclosure)."""
    plans: tuple[FeedPlan, ...] = ()
    """Every feed document and the entries it carries, each written in every format."""
    entries: Mapping[str, RenderedEntry] = field(default_factory=dict)
    """Each entry some output shows, rendered, by id: its HTML is read from the spool when
    asked for, inside the `with` block, rather than rendered again."""


@dataclass(frozen=True)
class BuiltFile:
    """One file of a build's report, by POSIX path under the output folder."""

    name: str
    entry_count: int | None = None
    """How many entries a feed carries; None for a file that is not a feed."""


@dataclass(frozen=True)
class BuildReport:
    written: tuple[tuple[Written, BuiltFile], ...]
    selection: Selection
    warnings: tuple[BuildWarning, ...]
    removed: tuple[Path, ...] = ()
    """Files the previous build wrote that this one no longer does (a tag that is gone)."""
    files: tuple[str, ...] = ()
    """Every file the build left in the output folder, its own state files included, by POSIX
    path under it."""
    reads_project_files: bool = False
    """Whether a document names a file of the project besides itself (a local enclosure)."""
    basis: Basis | None = None
    """Where a build with the cache placed each document, for the next build to patch the
    files that show an edited one (staticfeed.delta); None when it cannot tell."""


@dataclass(frozen=True)
class _Made:
    """An output file of a build: `made` (and staged) in this build, or kept as the last build
    left it. `fingerprint` digests what it is made from ("" for a file the cache does not skip)."""

    name: str
    made: bool
    entry_count: int | None = None
    fingerprint: str = ""


@dataclass(frozen=True)
class _Options:
    now: datetime
    drafts: bool
    future: bool
    allow_id_change: bool
    progress: Progress
    previous: Previous | None = None
    left_ids: str | None = None


@contextlib.contextmanager
def rendered_outputs(
    config: Config,
    entries_dir: Path,
    *,
    now: datetime,
    drafts: bool = False,
    future: bool = False,
    progress: Progress = SILENT,
) -> Iterator[Rendered]:
    """Every output file, without touching the disk: the entries are read and rendered on
    entering; each file is made as `files` is iterated, inside the `with` block, from what
    waits in a spool (a temporary file), so that one file at a time is in memory. Pages come
    first, then the feeds, then the hosting hints: the order in which a build publishes them.

    Never uses the build cache: `check` and `diff` compare the published files with this.
    """
    with collections_paused(), Spool() as spool:
        as_read = functools.partial(_body_into, spool)
        result = read_entries(
            config, entries_dir, progress=progress, as_read=as_read, bodies=spool.folder()
        )
        with _warnings_too(result.warnings):
            selection = _published(
                result.entries, entries_dir, now=now, drafts=drafts, future=future
            )
            plans = _plans(config, selection.entries)
            setup = _page_setup(config, plans, selection.entries) if config.pages else None
            shown = _entries_of(plans, config, selection.entries)
            linking = _Linking.of(config, selection.entries, entries_dir)
            renderings = _Renderings.of(
                _render_all(config, shown, progress, spool, setup, linking), spool
            )
            files = _output_files(config, plans, setup, selection.entries, renderings, progress)
            yield Rendered(
                files,
                selection,
                result.warnings,
                result.reads_project_files,
                tuple(plans),
                renderings.entries,
            )


@contextlib.contextmanager
def _warnings_too(warnings: Sequence[BuildWarning]) -> Iterator[None]:
    """An error raised in the block, with the `warnings` of the documents read before it: a
    build that stops in placing, rendering or publishing shows them, as one that publishes
    does, rather than one build later."""
    try:
        yield
    except StaticfeedError as error:
        raise warned(error, warnings) from None


def _output_files(
    config: Config,
    plans: Sequence[FeedPlan],
    setup: _PageSetup | None,
    entries: Sequence[Entry],
    renderings: _Renderings,
    progress: Progress,
) -> Iterator[OutputFile]:
    progress.phase("make files", 0)
    if setup is not None:
        yield from _page_files(config, setup, entries, renderings)
    yield from _feed_files(config, plans, renderings)
    feeds = [file_name(plan.base, name) for plan in plans for name in config.formats]
    yield _headers(config, plans, feeds)


def _body_into(spool: Spool, entry: Entry, place: Place | None) -> Entry:
    """`entry` with its body put into `spool`, by document, as soon as it is read: a body is
    needed only when its entry is rendered, in a worker (`_with_bodies`), and at 10,000
    documents the bodies are 100 MB as Python strings. The process that parsed the document
    wrote it already when it gives its `place` (entries.read_entries)."""
    if place is not None:
        spool.adopt((entry.source, _BODY), place)
        return entry
    if not entry.body:
        return entry
    spool[(entry.source, _BODY)] = entry.body.encode("utf-8", "surrogatepass")
    return replace(entry, body="")


_BODY = "body"
_HTML = "html"
_PAGE = "page"
"""What the spool keeps besides feed elements, by (document, _BODY), (entry id, _HTML) and
(page path, _PAGE)."""


@collections_paused()
def build(
    config: Config,
    entries_dir: Path,
    out_dir: Path,
    *,
    now: datetime,
    drafts: bool = False,
    future: bool = False,
    allow_id_change: bool = False,
    cache: bool = False,
    progress: Progress = SILENT,
    previous: Previous | None = None,
    left_ids: str | None = None,
) -> BuildReport:
    """Render and write the publication; nothing is written on any error.

    Unless `allow_id_change`, an entry that was published under another id (a file renamed
    without `id:` in its front matter) is an error: readers would show it again as new.

    With `cache`, the build keeps what it can in the build cache beside the config
    (staticfeed.cache) and takes over from it what has not changed: the files are the same,
    byte for byte, as without it. `previous` is what the last build into `out_dir` placed
    where (staticfeed.delta), when it is known: the placing of an entry read the same is
    taken from it rather than worked out again. `left_ids` is the digest of the (id, document)
    pairs the last build published and of their titles, when the files in `out_dir` are as
    it, or a patch since, left them (delta.Previous.left_ids): the id guard need not read
    them.
    """
    options = _Options(now, drafts, future, allow_id_change, progress, previous, left_ids)
    if not cache:
        return _build_fresh(config, entries_dir, out_dir, options)
    folder, key = cache_folder(config), fingerprint(config)
    try:
        return _build_cached(config, entries_dir, out_dir, options, BuildCache.open(folder, key))
    except CacheCorrupt:
        return _build_cached(config, entries_dir, out_dir, options, BuildCache.empty(folder, key))


def _build_fresh(
    config: Config, entries_dir: Path, out_dir: Path, options: _Options
) -> BuildReport:
    rendering = rendered_outputs(
        config,
        entries_dir,
        now=options.now,
        drafts=options.drafts,
        future=options.future,
        progress=options.progress,
    )
    # Files are staged, so published, in the order they come: pages before the feeds that
    # link to them, so that a reader who fetches a feed while a build publishes finds them.
    with rendering as rendered, Staging(out_dir) as staging:
        made = []
        for file in rendered.files:
            staging.add(file.name, file.content)
            made.append(_Made(file.name, True, file.entry_count))
        report = _publish(
            out_dir,
            entries_dir,
            rendered.selection,
            rendered.warnings,
            sorted(made, key=_is_page),  # reported as a cached build reports them
            staging,
            check_ids=not options.allow_id_change,
            site_url=config.site_url,
            progress=options.progress,
        )
    return replace(report, reads_project_files=rendered.reads_project_files)


def _is_page(file: _Made) -> bool:
    return file.entry_count is None and file.name != HEADERS_NAME


def _build_cached(
    config: Config, entries_dir: Path, out_dir: Path, options: _Options, store: BuildCache
) -> BuildReport:
    """A build that makes again only what changed since the last one (see staticfeed.cache)."""
    # Entries' HTML and feed items wait in the spool until the cache is saved.
    with Spool() as spool, contextlib.closing(store):
        return _build_spooled(config, entries_dir, out_dir, options, store, spool)


def _build_spooled(
    config: Config,
    entries_dir: Path,
    out_dir: Path,
    options: _Options,
    store: BuildCache,
    spool: Spool,
) -> BuildReport:
    read_warnings: tuple[BuildWarning, ...] = ()  # shown with an error after the reading
    try:
        result, selection = _read_selected(config, entries_dir, options, store.documents, spool)
        read_warnings = result.warnings
        linking = _Linking.of(config, selection.entries, entries_dir)
        keys = _keys(selection.entries, store.documents, linking)
        plans = _cached_plans(config, selection.entries, store)
        records = store.outputs(out_dir)
        with Staging(out_dir) as staging:
            incremental = _Incremental(
                config,
                plans,
                selection.entries,
                keys,
                store,
                records,
                options.progress,
                staging,
                spool,
                linking,
            )
            made = incremental.outputs()
            ids = hashlib.sha256(sources_file(selection.entries, entries_dir)).hexdigest()
            built = _BuildResult(result, selection, plans, made, ids)
            titles = _dated_titles(selection.entries, keys)
            vouched = _feeds_vouched(config, out_dir, options, records, built, titles)
            published = _published_digests(built, titles)
            basis = functools.cache(
                functools.partial(
                    _basis, config, built, incremental, store.documents, options, published
                )
            )
            report = _publish(
                out_dir,
                entries_dir,
                selection,
                result.warnings,
                made,
                staging,
                check_ids=not options.allow_id_change,
                site_url=config.site_url,
                feeds_vouched=vouched,
                progress=options.progress,
                # While workers stage the feeds of many entries and the files are made
                # durable: before the files are published rather than after, as the cache is
                # saved whatever comes of that.
                meanwhile=functools.partial(_save_documents_and_place, store, basis),
                # The elements, pages and bodies workers wrote; the HTML the cache keeps is in
                # files of their own (keep_rendered).
                spent=spool.empty_plain_files,
            )
        report = replace(report, reads_project_files=result.reads_project_files, basis=basis())
    except StaticfeedError as error:
        store.save()  # the documents read without an error are not parsed again
        raise warned(error, read_warnings) from None
    _record_outputs(store, out_dir, records, built, published, incremental.index_listed, staging)
    return report


def _read_selected(
    config: Config, entries_dir: Path, options: _Options, documents: DocumentCache, spool: Spool
) -> tuple[ReadResult, Selection]:
    """Every document read, those `documents` has as they are now without parsing them again,
    their bodies put into `spool` (`_body_into`); and the entries published."""
    as_read = functools.partial(_body_into, spool)
    result = read_entries(config, entries_dir, documents, options.progress, as_read, spool.folder())
    selection = _published(
        result.entries,
        entries_dir,
        now=options.now,
        drafts=options.drafts,
        future=options.future,
    )
    return result, selection


def _dated_titles(entries: Sequence[Entry], keys: Mapping[str, str]) -> dict[str, str]:
    """Each entry's title, by id, with its date (to the second, as the id guard compares
    them): a new document at a renamed file's name may have its title alone. Entries that
    share a title and a date have their `keys` too: files of theirs that swapped names keep
    both, and only their texts tell (drift._trading)."""
    titles = {e.id: e.title + "\0" + str(int(e.published.timestamp())) for e in entries}
    shared = Counter(titles.values())
    return {
        entry_id: title + "\0" + keys[entry_id] if shared[title] > 1 else title
        for entry_id, title in titles.items()
    }


def _feeds_vouched(
    config: Config,
    out_dir: Path,
    options: _Options,
    records: OutputRecords,
    built: _BuildResult,
    titles: Mapping[str, str],
) -> bool:
    """Whether the id guard need not read every published feed: it cannot find anything when
    the files the last build left are still as it left them and each id it published is
    published again under the same title and date (`OutputRecords.vouch_for`)."""
    again = functools.partial(_published_titles, out_dir, titles)
    return records.vouch_for(
        again, left_ids=options.left_ids, retitled=_may_have_retitled(config, options.previous)
    )


def _save_documents_and_place(store: BuildCache, basis: Callable[[], Basis | None]) -> None:
    """Save the documents read in the cache and place them (`_basis`): both need the documents
    alone, and the one-core end of a first build at 50k spent 0.6 s placing them after
    publishing, as the flush waited for workers."""
    store.write_documents()
    basis()


def _record_outputs(
    store: BuildCache,
    out_dir: Path,
    records: OutputRecords,
    built: _BuildResult,
    published: tuple[str, str],
    listed: list[str] | None,
    staging: Staging,
) -> None:
    """Save in the cache what the build left in `out_dir`, for the next build to keep the files
    made from the same and to know whether an id can have changed (`OutputRecords.vouch_for`)."""
    made_from = {file.name: file.fingerprint if file.made else None for file in built.made}
    fingerprints = {**made_from, **_STATE_FILES}
    records_now = records.after_build(fingerprints, published, listed, staging.digests)
    store.set_outputs(out_dir, records_now)
    store.save()


_STATE_FILES: dict[str, str | None] = {SOURCES_NAME: "", MANIFEST_NAME: ""}


@dataclass(frozen=True)
class _BuildResult:
    """What a cached build placed where: the documents it read, those it published, its feed
    plans, its files in the order of its report, and the digest of its (id, document) pairs."""

    read: ReadResult
    selection: Selection
    plans: Sequence[FeedPlan]
    made: Sequence[_Made]
    ids: str


def _published_digests(built: _BuildResult, titles: Mapping[str, str]) -> tuple[str, str]:
    """The digests of the (id, document) pairs `built` published and of their titles."""
    # Over the ids the ids file names, as `_published_titles` reads them: not a preview's.
    previewed = {entry.id for entry in built.selection.previewed}
    return built.ids, titles_digest(titles, titles.keys() - previewed)


def _basis(
    config: Config,
    built: _BuildResult,
    outputs: _Incremental,
    documents: DocumentCache,
    options: _Options,
    published: tuple[str, str],
) -> Basis | None:
    """Where this build placed each document it read (staticfeed.delta); None when a document
    is not in the cache (which knows its path under the entries folder)."""
    carried: dict[str, list[int]] = {entry.id: [] for entry in built.selection.entries}
    for index, plan in enumerate(built.plans):
        for entry in plan.entries:
            carried[entry.id].append(index)
    linked = {path for entry in built.selection.entries for path in entry.links_to}
    rows = {}
    for entry in built.read.entries:
        relative = documents.relative(entry.source)
        if relative is None:
            return None
        key = documents.key(entry.source)
        known = options.previous.placing(relative, key) if options.previous is not None else None
        if linked and document_path(relative) in linked:
            known = placing(entry, linked=True)  # its link is in another entry's HTML
        listing = outputs.listings.get(entry.id)
        rows[relative] = row(known or placing(entry), listing, carried.get(entry.id), key)
    main, topics = _feed_links(config, built.plans)
    report = [(file.name, file.entry_count) for file in built.made]
    bases = [plan.base for plan in built.plans]
    return Basis(rows, bases, _links(main), _links(topics), report, left_digest(*published))


def _links(links: Sequence[FeedLink]) -> list[tuple[str, str, str]]:
    return [(link.title, link.url, link.media_type) for link in links]


def _published_titles(out_dir: Path, titles: Mapping[str, str]) -> str | None:
    """The titles `titles` (id -> title) gives the ids in the last build's ids file
    (read_sources), as `titles_digest`; None when one of those ids is not in `titles`. That
    build published at least one entry, so a file that gives none cannot be read."""
    published = read_sources(out_dir)
    if not published or not published.keys() <= titles.keys():
        return None
    return titles_digest(titles, published)


def _keys(
    entries: Sequence[Entry], documents: DocumentCache, linking: _Linking | None
) -> dict[str, str]:
    """Each entry's key in output fingerprints, by id: its document's key in the cache, and,
    for an entry that links to other entries' documents, the URLs those links lead to, so that
    the files that show it are made again when one of them changes (a slug, a link, an entry
    made a draft or deleted)."""
    keys = {entry.id: documents.key(entry.source) for entry in entries}
    if linking is not None:
        for entry in entries:
            links = linking.of_entry(entry)
            if links is not None:
                keys[entry.id] = digest_text(keys[entry.id], links.digest())
    return keys


def _may_have_retitled(config: Config, previous: Previous | None) -> bool:
    """Whether a patch since the last full build may have retitled an entry: it changed what
    the index lists of one (its title among it), or patched any when there are no pages."""
    if previous is None or not previous.patched:
        return False
    return bool(previous.listed) or not config.pages


def _cached_plans(config: Config, entries: Sequence[Entry], store: BuildCache) -> list[FeedPlan]:
    """The feed plans, taken from the cache when the same entries are published again in the
    same order with the same tags and authors, and the same dates if any was updated after it
    was published: all that places an entry in a feed (plan.py), so that editing an entry's
    text does not plan every feed again."""
    placed = [[entry.id, list(entry.tags), [a.name for a in entry.authors]] for entry in entries]
    updated = [[e.id, e.updated.isoformat()] for e in entries if e.updated > e.published]
    dates = [entry.published.isoformat() for entry in entries] if updated else []
    key = digest([store.fingerprint, placed, updated, dates])
    plans = store.plans(key, entries)
    if plans is None:
        plans = _plans(config, entries)
        store.keep_plans(key, plans, entries)
    return plans


def _published(
    entries: Sequence[Entry], entries_dir: Path, *, now: datetime, drafts: bool, future: bool
) -> Selection:
    selection = select_entries(entries, now=now, drafts=drafts, future=future)
    if not selection.entries:
        raise EntryError(
            "there is no published entry to put in the feeds",
            "Add a document, or pass --drafts or --future to include drafts and scheduled entries.",
            path=entries_dir,
        )
    return selection


def _publish(
    out_dir: Path,
    entries_dir: Path,
    selection: Selection,
    warnings: tuple[BuildWarning, ...],
    made: Sequence[_Made],
    staging: Staging,
    *,
    check_ids: bool,
    site_url: str,
    progress: Progress,
    feeds_vouched: bool = False,
    meanwhile: Callable[[], None] | None = None,
    spent: Callable[[], None] | None = None,
) -> BuildReport:
    """Publish the files `made`, staged in `staging`, and the state files; files kept are not
    touched. With `check_ids`, an id that changed is an error, and then nothing is published
    (`site_url` renders an entry that may be another renamed and retitled, to compare texts);
    `feeds_vouched`: the published feeds hold the ids the ids file names, under the same
    titles, and need not be read for it. `meanwhile` is done while the files are made
    durable, and `spent` before (Staging.publish)."""
    ids_state = read_ids_state(out_dir)
    published = None
    if check_ids:
        published = _checked_ids(
            out_dir, entries_dir, selection, ids_state, site_url, feeds_vouched
        )
    names = [file.name for file in made]
    state = _state_files(entries_dir, selection, ids_state, published, names, site_url)
    previous = previous_files(out_dir)
    # Killed (SIGKILL, a power cut) between its first rename and its last removal, a build
    # left files no manifest named, which no later build removed: until the stale files are
    # gone, the manifest names those of the last build too.
    widened = previous != set(names)
    for name, content in state.items():
        if name == MANIFEST_NAME and widened:
            content = manifest(sorted(previous | set(names)))
        staging.add(name, content, ahead=name == MANIFEST_NAME)
    written = staging.publish(progress, meanwhile, spent)
    removed = remove_stale(out_dir, previous, {*names, *state})
    if widened and (narrowed := rewrite_manifest(out_dir, state[MANIFEST_NAME])) is not None:
        staging.digests[MANIFEST_NAME] = narrowed
    report = _reported(out_dir, made, written)
    left = (*names, *state)
    return BuildReport(report, selection, warnings, tuple(removed), left)


def _checked_ids(
    out_dir: Path,
    entries_dir: Path,
    selection: Selection,
    ids_state: IdsState,
    site_url: str,
    feeds_vouched: bool,
) -> dict[str, PublishedEntry] | None:
    """Raise if a published entry's id changed (drift.check_id_changes); else the entries the
    published feeds hold, for the ids file: None when `feeds_vouched` spares reading them,
    unless one left them for a preview (`_left_for_a_preview`)."""
    feeds = None if feeds_vouched else published_entries(out_dir)
    published = None if feeds is None else published_in_earnest(feeds, ids_state)
    withdrawn = still_withdrawn(ids_state.withdrawn, selection.withheld)
    check_id_changes(
        published,
        ids_state.sources,
        selection.entries,
        entries_dir,
        withdrawn,
        selection.withheld,
        ids_state.held,
        site_url,
    )
    if published is None:
        return _left_for_a_preview(out_dir, ids_state, selection)
    return published


def _state_files(
    entries_dir: Path,
    selection: Selection,
    ids_state: IdsState,
    published: Mapping[str, PublishedEntry] | None,
    names: list[str],
    site_url: str,
) -> dict[str, bytes]:
    """The build's own files, by name: the ids file, and the manifest of the files `names`."""
    sources = ids_file(
        ids_state,
        selection.entries,
        selection.withheld,
        entries_dir,
        selection.previewed,
        published,
        site_url,
    )
    return {SOURCES_NAME: sources, MANIFEST_NAME: manifest(names)}


def _reported(
    out_dir: Path, made: Sequence[_Made], written: Mapping[str, Written]
) -> tuple[tuple[Written, BuiltFile], ...]:
    """What happened to each file `made`, in order; a file kept was not written."""
    return tuple(
        (written.get(file.name) or Written(out_dir / file.name, changed=False), _built(file))
        for file in made
    )


def _left_for_a_preview(
    out_dir: Path, ids_state: IdsState, selection: Selection
) -> dict[str, PublishedEntry] | None:
    """The published entries, read from the feeds vouched for, when an entry published in
    earnest is shown only as a preview now (made a draft, then built with --drafts): it left
    the feeds, and the ids file keeps the date readers have of it (drift.ids_file), as a
    build that reads the feeds does. None otherwise: vouched feeds publish again every id
    they did, so no entry can have left them."""
    if not any(entry.id in ids_state.sources for entry in selection.previewed):
        return None
    return published_in_earnest(published_entries(out_dir), ids_state)


def _built(file: _Made) -> BuiltFile:
    return BuiltFile(file.name, file.entry_count)


class _Incremental:
    """The output files of a cached build. Each is made again only when what it is made from
    (its fingerprint) changed since the last build, or the file is not as that build left it;
    entries are rendered, or taken from the cache, only for the files made again."""

    def __init__(
        self,
        config: Config,
        plans: Sequence[FeedPlan],
        entries: Sequence[Entry],
        keys: dict[str, str],
        store: BuildCache,
        records: OutputRecords,
        progress: Progress,
        staging: Staging,
        spool: Spool,
        linking: _Linking | None = None,
    ) -> None:
        """What is rendered waits in `spool`, which the cache reads new HTML from when saved.
        `keys` names each entry as output fingerprints know it (`_keys`)."""
        self._config = config
        self._linking = linking
        self._progress = progress
        self._staging = staging
        self._plans = plans
        self._entries = entries
        self._documents = store.documents
        self._base = digest([store.fingerprint, repr(config)])  # templates see all of config
        self._records = records
        self._keys = keys
        self._rendered: dict[str, RenderedEntry] = {}
        self._spool = spool
        self._page_setup: _PageSetup | None = None
        self.listings: dict[str, str] = {}
        """What the index lists of each entry (`listing`), by id, once made with staticfeed's
        own templates."""
        self.index_listed: list[str] | None = None
        """What the index this build leaves lists, in order, for the next build
        (OutputRecords.listed): None when it is made with the user's templates."""
        self._made_pages: dict[str, StaticfeedError | None] = {}
        """Pages made with their entries' rendering: staged, or the error making it gave."""
        self._made_feeds: dict[str, _Made] = {}
        """Feeds made and staged, by name."""

    def outputs(self) -> list[_Made]:
        """Feeds, hosting hints, then pages: the order of a build's report. Pages are staged
        `first`, so that they are published before the feeds that link to them, though a feed
        is made as soon as every entry it holds is rendered: then it is made while the
        workers render the others, rather than with one core idle after the last."""
        feeds = [job for plan in self._plans for job in self._feed_jobs(plan)]
        pages = self._page_jobs() if self._config.pages else None
        if pages is not None:
            self._page_setup = pages.setup(self._entries)
        wanted = [job for job in feeds if job.wanted]
        # Rendered newest first, not feed by feed: the archives run oldest first, so every
        # tag's and author's feed (its newest entries) waited for the last archive, and this
        # process made them all after the workers were done (0.9 s on one core, 10k defaults).
        shown = {entry.id for job in wanted for entry in job.plan.entries}
        self._render([entry for entry in self._entries if entry.id in shown], wanted)
        page_files: list[_Made] = []
        if pages is not None:
            self._render(pages.entries_shown(self._entries))
            index = self._index_job(pages)
            to_make = len(pages.wanted) + index.wanted - len(self._made_pages)
            self._progress.phase("make pages", to_make)
            page_files = self._pages(pages, index)
        late = [job for job in wanted if job.name not in self._made_feeds]
        self._progress.phase("make feeds", len(late))
        for job in late:
            self._made_feeds[job.name] = self._feed(job)
            self._progress.advance()
        made = [self._made_feeds[job.name] if job.wanted else _left_as_it_was(job) for job in feeds]
        headers = _headers(self._config, self._plans, [feed.name for feed in made])
        self._staging.add(headers.name, headers.content)
        return [*made, _Made(headers.name, True), *page_files]

    def _feed_jobs(self, plan: FeedPlan) -> Iterator[_FeedJob]:
        plan_fields = [getattr(plan, f.name) for f in fields(FeedPlan) if f.name != "entries"]
        made_from = digest([self._base, plan_fields, [self._keys[e.id] for e in plan.entries]])
        for format_name in self._config.formats:
            name = file_name(plan.base, format_name)
            feed_fingerprint = digest([made_from, format_name])
            wanted = not self._records.unchanged(name, feed_fingerprint)
            yield _FeedJob(plan, format_name, name, feed_fingerprint, wanted)

    def _feed(self, job: _FeedJob) -> _Made:
        """Make and stage the wanted feed of `job`: every entry it holds is rendered. A feed
        of many entries whose items the workers wrote is staged by a worker, from the spool,
        while this process goes on (writing the cache's HTML, see `_build_spooled`)."""
        entries = [self._rendered[entry.id] for entry in job.plan.entries]
        places = self._item_places(job, entries)
        if places is not None:
            head, closing = feed_parts(self._config, job.plan, entries, job.format_name, ())
            folder = self._spool.folder()
            stage = functools.partial(parallel.submit, _staged_feed, folder, head, places, closing)
            self._staging.add_later(job.name, stage)
        else:
            parts = _feed_parts(
                self._config, job.plan, entries, job.format_name, self._spool, self._documents
            )
            self._staging.add_parts(job.name, parts)
        return _Made(job.name, True, len(job.plan.entries), job.fingerprint)

    def _item_places(self, job: _FeedJob, entries: Sequence[RenderedEntry]) -> list[Place] | None:
        """Where the workers wrote the items of the feed of `job`, when it is an XML feed of
        at least FEED_IN_WORKER entries, there are workers, and they wrote every item."""
        many = len(entries) >= FEED_IN_WORKER and parallel.has_workers()
        if not many or job.format_name not in _XML_FORMATS:
            return None
        places = []
        for rendered in entries:
            key = (rendered.entry.id, job.format_name)
            place = self._spool.written_place(key) if key in self._spool else None
            if place is None:
                return None
            places.append(place)
        return places

    def _page_jobs(self) -> _PageJobs:
        main, topics = _feed_links(self._config, self._plans)
        # The checks render_pages makes first, on every entry, whichever pages are made.
        paths = page_paths(self._config, self._entries, [*main, *topics])
        links = [astuple(link) for link in [*main, *topics]]
        templates = templates_digest(self._config.templates)
        common = digest([self._base, templates, links])
        # staticfeed's own entry page announces the main feeds alone: a new tag's or author's
        # feed changes the index, not the 10,000 pages (1.4 s to make again). The user's
        # templates see every feed.
        announced = links if self._config.templates else [astuple(link) for link in main]
        of_entries = digest([self._base, templates, announced])
        planned = {
            path: digest_text(of_entries, path, self._keys[entry.id])
            for path, entry in zip(paths, self._entries, strict=True)
        }
        records = self._records
        wanted = {name for name, made in planned.items() if not records.unchanged(name, made)}
        return _PageJobs(tuple(main), tuple(topics), templates, paths, planned, wanted, common)

    def _index_job(self, pages: _PageJobs) -> _IndexJob:
        """The index lists every entry. With staticfeed's own templates it shows only what
        `_listing` digests of each, so editing an entry's text past its summary leaves it as
        it was; a templates folder may show anything of an entry, so then all of it counts."""
        if self._config.templates is None:
            self._render([entry for entry in self._entries if self._summary(entry) is None])
            listed = [self._listing(entry) for entry in self._entries]
            self.listings = dict(zip([entry.id for entry in self._entries], listed, strict=True))
        else:
            listed = [self._keys[entry.id] for entry in self._entries]
        made_from = digest_text(pages.common, INDEX_NAME, *listed)
        wanted = not self._records.unchanged(INDEX_NAME, made_from)
        if self._config.templates is None:  # a kept index is as left: it lists what it did
            self.index_listed = listed if wanted else self._records.listed(INDEX_NAME)
        return _IndexJob(made_from, wanted)

    def _summary(self, entry: Entry) -> str | None:
        """`entry`'s summary, when it was rendered in this build or the cache has it."""
        rendered = self._rendered.get(entry.id)
        return rendered.summary if rendered is not None else self._documents.summary(entry)

    def _listing(self, entry: Entry) -> str:
        """`index_listing` of `entry`, kept in the cache with its document."""
        listing = self._documents.listing(entry)
        if listing is None:
            summary = self._summary(entry)
            assert summary is not None  # _index_job rendered every entry that had none
            listing = index_listing(entry, summary)
            self._documents.keep_listing(entry, listing)
        return listing

    def _pages(self, jobs: _PageJobs, index: _IndexJob) -> list[_Made]:
        """The index, when `index.wanted`, and the pages in `jobs.wanted` made (and staged), as
        pages.render_pages makes them: tests/test_cache.py compares every page with a build
        without the cache. Most entry pages were made with their entries' rendering; the rest
        (entries the cache kept) are made here."""
        if jobs.wanted or index.wanted:
            renderer = _page_renderer(self._config, jobs.main, jobs.topics, jobs.templates)
            if index.wanted:
                self._staging.add(INDEX_NAME, self._index(renderer), first=True)
                self._progress.advance()
            for path, entry in zip(jobs.paths, self._entries, strict=True):
                if path in self._made_pages:
                    error = self._made_pages[path]
                    if error is not None:  # raised in the order pages.render_pages raises
                        raise error
                elif path in jobs.wanted:
                    page = renderer.entry(self._page_entry(entry))
                    self._staging.add(path, page, first=True)
                    self._progress.advance()
        entry_pages = [
            _Made(name, name in jobs.wanted, None, made) for name, made in jobs.planned.items()
        ]
        return [_Made(INDEX_NAME, index.wanted, None, index.fingerprint), *entry_pages]

    def _index(self, renderer: PageRenderer) -> bytes:
        """The index of every entry. With staticfeed's own templates, an entry whose listing
        the index the last build left shows keeps its article from that file, which is read
        rather than each such entry taken from the cache and its article made again: after an
        entry was added to 50,000, making the pages took 1.6 s before, 0.3 s after."""
        kept = self._kept_articles()
        if kept and self._entries:
            articles = [
                kept.get(self.listings[entry.id]) or renderer.index_article(self._page_entry(entry))
                for entry in self._entries
            ]
            made = [article for article in articles if article is not None]
            first = self._page_entry(self._entries[0])
            index = renderer.index_of_articles(first, made) if len(made) == len(articles) else None
            if index is not None:
                return index
        return renderer.index([self._page_entry(entry) for entry in self._entries])

    def _kept_articles(self) -> dict[str, bytes]:
        """The articles of the index the last build left, by the listing each shows, when it
        is still as that build left it and made with staticfeed's own templates."""
        listed = self._records.listed(INDEX_NAME) if self._config.templates is None else None
        if not listed:
            return {}
        try:
            articles = articles_in((self._staging.out_dir / INDEX_NAME).read_bytes())
        except OSError:
            return {}
        return dict(zip(listed, articles, strict=True)) if len(articles) == len(listed) else {}

    def _render(self, entries: Iterable[Entry], feeds: Sequence[_FeedJob] = ()) -> None:
        """Render the `entries` not yet rendered in this build nor kept by the cache: many of
        them at once in worker processes (staticfeed.parallel). Each of `feeds` that holds
        some of them is made as soon as the last of those is rendered."""
        missing: dict[str, Entry] = {}
        for entry in entries:
            if entry.id in self._rendered or entry.id in missing:
                continue
            page_url = entry_page_url(self._config, entry) if self._config.pages else None
            cached = self._documents.rendered(entry, page_url, self._links_digest(entry))
            if cached is None:
                missing[entry.id] = entry
            else:
                self._rendered[entry.id] = cached
        if not missing:
            return
        waiting = _WaitingFeeds(feeds, missing)
        renderings = _render_all(
            self._config,
            missing.values(),
            self._progress,
            self._spool,
            self._page_setup,
            self._linking,
        )
        for rendering in renderings:
            rendered = rendering.into(self._spool)
            key = (rendered.entry.id, _HTML)
            line = functools.partial(self._spool.__getitem__, key)
            spooled = self._spool.written_file(key)
            links = self._links_digest(rendered.entry)
            self._documents.keep_rendered(rendered, rendering.html_digest, line, spooled, links)
            self._rendered[rendered.entry.id] = rendered
            if rendering.page is not None:
                self._stage_page(rendering.page)
            for job in waiting.ready(rendered.entry.id):
                self._made_feeds[job.name] = self._feed(job)

    def _links_digest(self, entry: Entry) -> str | None:
        """What the HTML of `entry` holds of other entries: the URLs its links to their
        documents lead to (DocumentLinks.digest); None when it links to none."""
        links = self._linking.of_entry(entry) if self._linking is not None else None
        return links.digest() if links is not None else None

    def _stage_page(self, page: _EntryPage) -> None:
        """Stage a page as soon as a worker made it, while the others go on rendering."""
        if isinstance(page.made, StaticfeedError):
            self._made_pages[page.path] = page.made
        else:
            self._spool.adopt((page.path, _PAGE), page.made)
            self._staging.add(page.path, self._spool[(page.path, _PAGE)], first=True)
            self._made_pages[page.path] = None

    def _page_entry(self, entry: Entry) -> PageEntry:
        return PageEntry(self._rendered_entry(entry), entry_page_url(self._config, entry))

    def _rendered_entry(self, entry: Entry) -> RenderedEntry:
        """`entry` rendered: once per build, and from the cache when it has it."""
        if entry.id not in self._rendered:  # asked once per page: 10,000 times in a build
            self._render([entry])
        return self._rendered[entry.id]


@dataclass(frozen=True)
class _FeedJob:
    """One feed file of a cached build, and whether it has to be made again."""

    plan: FeedPlan
    format_name: str
    name: str
    fingerprint: str
    wanted: bool


FEED_IN_WORKER = 1000
"""A feed of this many entries or more is staged by a worker: the feeds of every entry of a
large publication, tens of megabytes each, are then written side by side, while this process
writes the cache's HTML (0.3 s for each at 10,000 entries, 1.5-2 s at 50,000)."""


def _staged_feed(
    folder: str, head: bytes, places: Sequence[Place], closing: bytes, path: Path, into: Path
) -> Staged:
    """Stage the feed at `path`, `into` the temporary file made for it: `head`, the items at
    `places` in the spool's `folder`, then `closing`, as `feed_parts` puts them together. Run
    in a worker process."""
    parts = itertools.chain([head], read_places(folder, places), [closing])
    return stage_parts(path, parts, into=into)


def _left_as_it_was(job: _FeedJob) -> _Made:
    """The feed of `job`, as the last build left it."""
    return _Made(job.name, False, len(job.plan.entries), job.fingerprint)


class _WaitingFeeds:
    """Feeds waiting for entries to be rendered: `ready` gives each when the last is."""

    def __init__(self, feeds: Sequence[_FeedJob], coming: Container[str]) -> None:
        """`feeds` wait for those of their entries that are `coming` (by id); one that waits
        for none is never ready here."""
        self._feeds = feeds
        self._left: list[int] = []
        self._waited_by: dict[str, list[int]] = {}
        for index, job in enumerate(feeds):
            ids = [entry.id for entry in job.plan.entries if entry.id in coming]
            self._left.append(len(ids))
            for entry_id in ids:
                self._waited_by.setdefault(entry_id, []).append(index)

    def ready(self, entry_id: str) -> list[_FeedJob]:
        """The feeds the entry `entry_id`, just rendered, was the last to wait for."""
        ready = []
        for index in self._waited_by.pop(entry_id, ()):
            self._left[index] -= 1
            if not self._left[index]:
                ready.append(self._feeds[index])
        return ready


@dataclass(frozen=True)
class _PageJobs:
    """The pages of a cached build: what each is made from, and which to make again."""

    main: tuple[FeedLink, ...]
    topics: tuple[FeedLink, ...]
    templates: str
    paths: list[str]
    planned: dict[str, str]
    """Each entry page's fingerprint, by path."""
    wanted: set[str]
    common: str
    """What the index is made from besides its entries: the config, the templates and every
    feed it lists (an entry page of staticfeed's own announces the main feeds alone)."""

    def setup(self, entries: Sequence[Entry]) -> _PageSetup:
        """What rendering needs to make the wanted pages of `entries` (in their order)."""
        wanted = {
            entry.id: path
            for path, entry in zip(self.paths, entries, strict=True)
            if path in self.wanted
        }
        return _PageSetup(self.main, self.topics, self.templates, wanted)

    def entries_shown(self, entries: Sequence[Entry]) -> Sequence[Entry]:
        """The entries whose pages are made again."""
        return [
            entry for path, entry in zip(self.paths, entries, strict=True) if path in self.wanted
        ]


@dataclass(frozen=True)
class _IndexJob:
    """The index page of a cached build: what it is made from, and whether to make it again."""

    fingerprint: str
    wanted: bool


def _plans(config: Config, published: Sequence[Entry]) -> list[FeedPlan]:
    try:
        return feed_plans(config, published)
    except TopicCollision as collision:
        errors = [_clash_error(clash) for clash in collision.clashes]
        raise (errors[0] if len(errors) == 1 else ManyErrors(errors)) from None


def _clash_error(clash: Clash) -> EntryError:
    first, second = clash.entries
    spelled = [(name, respelled(name)) for name in reversed(clash.names)]
    example = next((f" ({name!r} as {other!r})" for name, other in spelled if other), "")
    return EntryError(
        f"the {clash.kind} {clash.names[1]!r} and the {clash.kind} {clash.names[0]!r} of "
        f"{display_path(first.source)} would share the feed {clash.slug!r}",
        f"Write the {clash.kind} the same way everywhere, or make the names differ in letters "
        f"or digits{example}.",
        path=second.source,
        line=_topic_line(second.source, clash.kind),
    )


def _topic_line(path: Path, kind: str) -> int | None:
    """The line of the front matter's tags, or its author or authors, in the document at
    `path`; None for authors the config gives, or a date line's byline."""
    keys = ("tags",) if kind == "tag" else ("authors", "author")
    return next((line for key in keys if (line := key_line(path, key)) is not None), None)


def _entries_of(
    plans: Iterable[FeedPlan], config: Config, published: Sequence[Entry]
) -> list[Entry]:
    """Entries some output shows: Markdown is rendered only for those."""
    if config.pages:
        return list(published)
    return list({entry.id: entry for plan in plans for entry in plan.entries}.values())


@dataclass(frozen=True)
class _PageSetup:
    """What rendering needs to make entry pages as it goes: the feeds every page announces,
    the templates' digest, and the path of each page to make, by entry id."""

    main: tuple[FeedLink, ...]
    topics: tuple[FeedLink, ...]
    templates: str
    paths: dict[str, str]

    def links(self) -> _Links:
        return self.main, self.topics, self.templates


@dataclass(frozen=True)
class _EntryPage:
    """An entry's page, made with its rendering, where the worker wrote it in the spool's
    folder; or the error making it gave, which the build raises after the index's own, in
    the order render_pages has."""

    path: str
    made: Place | StaticfeedError


@dataclass(frozen=True)
class _Rendering:
    """One entry rendered by a worker, which wrote its HTML (as the cache keeps it,
    `html_data`), its Atom and RSS elements and, when wanted, its page to the spool's folder."""

    entry: Entry
    page_url: str | None
    summary: str
    html_digest: str
    places: dict[str, Place]
    """Where the worker wrote the HTML (_HTML) and each element (by format)."""
    page: _EntryPage | None

    def into(self, spool: Spool) -> RenderedEntry:
        """The entry rendered, its HTML and feed elements taken into `spool`, and its HTML read
        from there when asked: a build renders thousands of entries before it makes a feed."""
        entry = self.entry
        for name, place in self.places.items():
            spool.adopt((entry.id, name), place)
        load = functools.partial(_spooled_html, spool, (entry.id, _HTML))
        return DeferredRendering(entry, self.summary, self.page_url, load)


@dataclass(frozen=True)
class _Linking:
    """Where links to documents lead, in a build where some entry links to another's document:
    the URL of each published entry that has one (its `link`, or its page), by its document's
    path under the entries folder, and each published entry's document, by id."""

    urls: dict[str, str]
    documents: dict[str, str]

    @classmethod
    def of(cls, config: Config, published: Sequence[Entry], entries_dir: Path) -> _Linking | None:
        """None when no entry links to a document: the build then renders as it did."""
        if not any(entry.links_to for entry in published):
            return None
        documents = {
            entry_id: document_path(relative)
            for entry_id, relative in source_map(published, entries_dir).items()
        }
        urls = {}
        for entry in published:
            url = entry.link or (entry_page_url(config, entry) if config.pages else None)
            if url is not None:
                urls[documents[entry.id]] = url
        return cls(urls, documents)

    def of_entry(self, entry: Entry) -> DocumentLinks | None:
        """Where the links of `entry` to documents lead; None when none leads to an entry."""
        if not entry.links_to:
            return None
        return links_of(self.documents[entry.id], entry.links_to, self.urls)


def _spooled_html(spool: Spool, key: tuple[str, str]) -> str:
    return spool.text(key)


@dataclass(frozen=True)
class _Renderings:
    """Entries rendered, by id, their HTML in `items`; their feed elements, in `items` by
    (id, format); pages, by path."""

    entries: dict[str, RenderedEntry]
    items: Spool
    pages: _SpooledPages

    @classmethod
    def of(cls, renderings: Iterable[_Rendering], spool: Spool) -> _Renderings:
        """`renderings` collected, their HTML, feed elements and pages into `spool`."""
        collected = cls({}, spool, _SpooledPages(spool))
        for rendering in renderings:
            collected.entries[rendering.entry.id] = rendering.into(spool)
            if rendering.page is not None:
                collected.pages.keep(rendering.page)
        return collected


class _SpooledPages(Mapping[str, bytes | StaticfeedError]):
    """Entry pages made with their entries' rendering, by path: each kept in a spool until it
    is asked for (10,000 pages are 90 MB), or the error making it gave."""

    def __init__(self, spool: Spool) -> None:
        self._spool = spool
        self._failed: dict[str, StaticfeedError | None] = {}
        """Each page's error, by path; None for a page made, which is in the spool."""

    def keep(self, page: _EntryPage) -> None:
        if isinstance(page.made, StaticfeedError):
            self._failed[page.path] = page.made
        else:
            self._spool.adopt((page.path, _PAGE), page.made)
            self._failed[page.path] = None

    def __getitem__(self, path: str) -> bytes | StaticfeedError:
        error = self._failed[path]
        return error if error is not None else self._spool[(path, _PAGE)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._failed)

    def __len__(self) -> int:
        return len(self._failed)


def _render_all(
    config: Config,
    entries: Iterable[Entry],
    progress: Progress,
    bodies: Spool,
    pages: _PageSetup | None = None,
    linking: _Linking | None = None,
) -> Iterator[_Rendering]:
    """Every entry in `entries` rendered, with its Atom and RSS elements and the page `pages`
    wants for it: many at once in worker processes, each given back as soon as it is done.
    Their bodies are taken from `bodies` (see `_body_into`) as they are given out; `linking`
    makes their links to other entries' documents lead to those entries."""
    jobs = [_render_job(config, entry, pages, linking) for entry in entries]
    if not jobs:
        return
    progress.phase("render entries", len(jobs))
    links = pages.links() if pages is not None else None
    step = functools.partial(_render_chunk, config, links, bodies.folder())
    prepare = functools.partial(_with_bodies, bodies)
    results = parallel.map_steps(step, jobs, progress, prepare)
    names = [_HTML, *_xml_formats(config)]
    failed: list[StaticfeedError] = []
    for (entry, page_url, page_path, *_), result in zip(jobs, results, strict=True):
        if isinstance(result, StaticfeedError):
            failed.append(result)  # the others go on, so that every such entry is listed
            continue
        summary, html_digest, places, page = result
        made = _EntryPage(page_path, page) if page_path is not None and page is not None else None
        placed = dict(zip(names, places, strict=True))
        yield _Rendering(entry, page_url, summary, html_digest, placed, made)
    if failed:
        raise failed[0] if len(failed) == 1 else ManyErrors(failed)


_Links = tuple[tuple[FeedLink, ...], tuple[FeedLink, ...], str]
"""The feeds pages announce, and the templates' digest."""
_RenderJob = tuple[Entry, str | None, str | None, bytes | Place | None, DocumentLinks | None]
"""An entry, its page's URL when there are pages, its page's path when it is wanted, its
body when it waits in the spool (`_body_into`): as UTF-8, or where a worker wrote it, and
where its links to other entries' documents lead."""


def _render_job(
    config: Config, entry: Entry, pages: _PageSetup | None, linking: _Linking | None
) -> _RenderJob:
    page_url = entry_page_url(config, entry) if config.pages else None
    path = pages.paths.get(entry.id) if pages is not None else None
    return entry, page_url, path, None, linking.of_entry(entry) if linking is not None else None


def _with_bodies(bodies: Spool, jobs: Sequence[_RenderJob]) -> list[_RenderJob]:
    """`jobs` with their entries' bodies, to be rendered: where a worker wrote one, which the
    worker that renders it reads (`_bodies_read`), else as bytes from `bodies`; the worker
    decodes them and puts them back into the entry (`_with_body`), not this process."""
    return [
        (entry, page_url, path, _body_of(bodies, (entry.source, _BODY)), links)
        for entry, page_url, path, _, links in jobs
    ]


def _body_of(bodies: Spool, key: tuple[Path, str]) -> bytes | Place | None:
    if key not in bodies:
        return None
    return bodies.written_place(key) or bodies[key]


def _bodies_read(folder: str, jobs: Sequence[_RenderJob]) -> list[bytes | None]:
    """The body of each of `jobs` as UTF-8: read from the spool's `folder` where it is a
    place there (`_with_bodies`)."""
    places = [job[3] for job in jobs if isinstance(job[3], tuple)]
    read = iter(list(read_places(folder, places)))
    return [next(read) if isinstance(job[3], tuple) else job[3] for job in jobs]


def _with_body(entry: Entry, body: bytes | None) -> Entry:
    return entry if body is None else replace(entry, body=body.decode("utf-8", "surrogatepass"))


_Rendered = tuple[str, str, list[Place], Place | StaticfeedError | None]
"""What a worker sends back of an entry it rendered (`_rendered_chunk`)."""


def _render_chunk(
    config: Config, links: _Links | None, folder: str, jobs: Sequence[_RenderJob]
) -> list[_Rendered | StaticfeedError]:
    """`_rendered_chunk` of `jobs`, or the error of each entry that cannot be rendered (HTML
    nested too deep): a build stopped at the first, and fixing it showed the next."""
    try:
        return list(_rendered_chunk(config, links, folder, jobs))
    except StaticfeedError as error:
        if len(jobs) == 1:
            return [error]
    # Only when one of them failed: each alone, to tell the others from it.
    return [made for job in jobs for made in _render_chunk(config, links, folder, [job])]


def _rendered_chunk(
    config: Config, links: _Links | None, folder: str, jobs: Sequence[_RenderJob]
) -> list[_Rendered]:
    """The summary and HTML digest of each entry, and where its HTML, feed elements and
    wanted page were written in the spool's `folder`: all a worker sends back, the entry
    being known. Made here, an element is made once, whatever the number of feeds it is in,
    and pages are made on every core."""
    formats = _xml_formats(config)
    # Found once a chunk: the lookup hashes the config and every feed link (hundreds with tag
    # and author feeds): 28 us, done once a page in a first build of 10,000 pages.
    renderer = _chunk_renderer(config, links)
    # Each step over the whole chunk before the next, as render_entries does: making every
    # entry's feed elements after every entry is rendered took 55 us less an entry.
    bodies = _bodies_read(folder, jobs)
    rendered = render_entries(
        [
            (_with_body(entry, body), page_url)
            for (entry, page_url, *_), body in zip(jobs, bodies, strict=True)
        ],
        config.site_url,
        [links for *_, links in jobs],
    )
    for each in rendered:
        _require_something_to_show(each)
    made = [
        [html_data(each.content_html), *entry_elements(config, each, formats)] for each in rendered
    ]
    pages = [
        _entry_page(renderer, each) if page_path is not None else None
        for each, (_, _, page_path, *_) in zip(rendered, jobs, strict=True)
    ]
    results = []
    # The HTML has a file of its own, which the cache can take as it is (keep_rendered).
    with SpoolWriter(folder) as writer, SpoolWriter(folder, kind="html") as html_writer:
        for each, (html, *elements), page in zip(rendered, made, pages, strict=True):
            placed = writer.put(page) if isinstance(page, bytes) else page
            places = [html_writer.put(html), *(writer.put(element) for element in elements)]
            results.append((each.summary, digest_html(html), places, placed))
    return results


def _require_something_to_show(rendered: RenderedEntry) -> None:
    """Refuse an entry with a title alone and nothing to open: Atom needs content or a link
    (RFC 4287), and the content would be blank, which the W3C service warns about (NotBlank),
    while readers show a title that leads nowhere."""
    if rendered.url is not None or rendered.summary:
        return
    if shows_nothing(rendered.content_html, blank_paragraphs=True):
        raise EntryError(
            "the entry has a title alone: no text, no summary, no link, and no page (pages ="
            " false), so readers have nothing to show or open, and an Atom entry needs content"
            " or a link",
            "Write a sentence about it below the front matter, or give it a summary: or a link:.",
            path=rendered.entry.source,
            line=rendered.entry.body_line,
        )


def _chunk_renderer(config: Config, links: _Links | None) -> PageRenderer | StaticfeedError | None:
    """The renderer of a chunk's pages, when it makes any, or the error making it gave."""
    if links is None:
        return None
    try:
        return _page_renderer(config, *links)
    except StaticfeedError as error:  # raised, like a page's, in order after the index's
        return error


def _entry_page(
    renderer: PageRenderer | StaticfeedError | None, rendered: RenderedEntry
) -> bytes | StaticfeedError:
    assert renderer is not None and rendered.page_url is not None
    if isinstance(renderer, StaticfeedError):
        return renderer
    try:
        return renderer.entry(PageEntry(rendered, rendered.page_url))
    except StaticfeedError as error:  # a broken template: raised in order, after the index's
        return error


@functools.lru_cache(maxsize=4)
def _page_renderer(
    config: Config, main: Sequence[FeedLink], topics: Sequence[FeedLink], templates: str
) -> PageRenderer:
    """The pages' renderer, made once per process for many pages. The templates' digest is
    part of the key: Jinja would keep staticfeed's own template after a user adds one to the
    folder, which `serve`, building again in the same process, would show."""
    return PageRenderer(config, main, topics, config.templates)


def _xml_formats(config: Config) -> list[str]:
    return [name for name in config.formats if name in _XML_FORMATS]


_XML_FORMATS = ("atom", "rss")


def _feed_files(
    config: Config, plans: Iterable[FeedPlan], renderings: _Renderings
) -> Iterable[OutputFile]:
    for plan in plans:
        entries = [renderings.entries[entry.id] for entry in plan.entries]
        for format_name in config.formats:
            content = _feed_content(config, plan, entries, format_name, renderings.items)
            yield OutputFile(file_name(plan.base, format_name), content, len(entries))


def _feed_content(
    config: Config,
    plan: FeedPlan,
    entries: Sequence[RenderedEntry],
    format_name: str,
    items: Spool,
) -> bytes:
    return b"".join(_feed_parts(config, plan, entries, format_name, items))


def _feed_parts(
    config: Config,
    plan: FeedPlan,
    entries: Sequence[RenderedEntry],
    format_name: str,
    items: Spool,
    cache: DocumentCache | None = None,
) -> Iterable[bytes]:
    """The feed in parts, its items read from the spool (or made) one at a time."""
    if format_name == "json":
        return json_feed_parts(config, plan, [_json_item(config, r, items) for r in entries])
    made = (_item(config, rendered, format_name, items, cache) for rendered in entries)
    return feed_parts(config, plan, entries, format_name, made)


def _item(
    config: Config,
    rendered: RenderedEntry,
    format_name: str,
    items: Spool,
    cache: DocumentCache | None,
) -> bytes:
    """The entry's element, made once: by the worker that rendered it, or for an entry the
    cache kept, taken from the cache or made here, in every XML format at once, so that its
    HTML is read from the cache once (the feeds of one plan are made one after the other)."""
    key = (rendered.entry.id, format_name)
    if key in items:
        return items[key]
    formats = _xml_formats(config)
    made = cache.elements(rendered, formats) if cache is not None else None
    if made is None:
        entry, html = rendered.entry, rendered.content_html
        held = RenderedEntry(entry, html, rendered.summary, rendered.page_url)
        made = dict(zip(formats, entry_elements(config, held, formats), strict=True))
        if cache is not None:
            cache.keep_elements(held, html, made)
    items.update(((rendered.entry.id, name), element) for name, element in made.items())
    return made[format_name]


def _json_item(config: Config, rendered: RenderedEntry, items: Spool) -> bytes:
    """The entry's JSON Feed item, made once: an entry is in the feed of each of its tags and
    authors, and 5,000 authors made its item 5,000 times (a minute)."""
    key = (rendered.entry.id, "json")
    if key in items:
        return items[key]
    made = items[key] = item_text(config, rendered)
    return made


def _headers(config: Config, plans: Sequence[FeedPlan], feeds: Sequence[str]) -> OutputFile:
    """Hosting hints for the feeds; an archive that has a successor never changes again."""
    final = {
        file_name(plan.base, name)
        for plan in plans
        if plan.archive and plan.next_archive is not None
        for name in config.formats
    }
    hosted = [HostedFile(name, final=name in final) for name in feeds]
    return OutputFile(HEADERS_NAME, headers_file(config, hosted))


def _page_setup(config: Config, plans: Sequence[FeedPlan], entries: Sequence[Entry]) -> _PageSetup:
    """Every entry's page, after the checks render_pages makes first."""
    main, topics = _feed_links(config, plans)
    paths = page_paths(config, entries, [*main, *topics])
    wanted = {entry.id: path for path, entry in zip(paths, entries, strict=True)}
    return _PageSetup(tuple(main), tuple(topics), templates_digest(config.templates), wanted)


def _page_files(
    config: Config, setup: _PageSetup, entries: Sequence[Entry], renderings: _Renderings
) -> Iterator[OutputFile]:
    """The index, then the entry pages, which the workers made with the renderings."""
    shown = [renderings.entries[entry.id] for entry in entries]
    pages = render_pages(
        config, shown, setup.main, setup.topics, config.templates, made=renderings.pages
    )
    return (OutputFile(name, content) for name, content in pages)


def _feed_links(config: Config, plans: Sequence[FeedPlan]) -> tuple[list[FeedLink], list[FeedLink]]:
    """The main feeds, and the tag and author feeds, as the pages announce them."""
    main = [_feed_link(config, config.title, MAIN, name) for name in config.formats]
    topics = [
        _feed_link(config, plan.title, plan.base, name)
        for plan in plans
        if plan.base != MAIN and not plan.archive
        for name in config.formats
    ]
    return main, topics


def _feed_link(config: Config, title: str, base: str, format_name: str) -> FeedLink:
    return FeedLink(
        f"{title} ({_FORMAT_TITLES[format_name]})",
        url_of(config, base, format_name),
        MEDIA_TYPES[format_name],
    )
