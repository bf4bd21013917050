"""Step 2 of a build: read every document under entries/ into checked `Entry` values."""

from __future__ import annotations

import codecs
import functools
import os
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, tzinfo
from pathlib import Path, PurePosixPath
from stat import S_ISREG
from typing import TypeVar
from urllib.parse import urlsplit

from staticfeed import localfiles, media, values
from staticfeed.cache import DocumentCache, Encoded, Parsed, encode_parsed
from staticfeed.config import Config, dotted_keys_place
from staticfeed.dates import DateAsNumber, DateError, NumberLeftOver, parse_date
from staticfeed.doclinks import DOCUMENT_SUFFIXES, linked_documents
from staticfeed.errors import (
    BuildWarning,
    EntryError,
    ManyErrors,
    StaticfeedError,
    broken_link,
    display_path,
    unreachable,
    unreadable,
)
from staticfeed.frontmatter import (
    KEYS,
    PROSE,
    Document,
    FrontMatterError,
    ItemLines,
    body_of,
    item_lines,
    key_line_in,
    keys_caught_by_items,
    refuse_kinds_changed,
    split,
    toml_array_dates_as_written,
    toml_date_as_written,
    toml_first_table,
    toml_numbers_as_written,
    without_keys,
)
from staticfeed.ids import (
    SlugError,
    missing_authority_fix,
    normalize_slug,
    slug_from_path,
    tag_uri,
)
from staticfeed.infer import HeadMetadata, read_head
from staticfeed.model import Author, Entry
from staticfeed.progress import SILENT, Progress
from staticfeed.spool import Place, SpoolWriter
from staticfeed.text import (
    find_unshowable,
    find_xml_illegal,
    fit_for_feeds,
    for_feeds,
    line_at_byte,
    lone_cr_lines,
    with_lf_line_ends,
    xml_illegal_named,
)

SUFFIXES = DOCUMENT_SUFFIXES
T = TypeVar("T")


class DocumentErrors(ManyErrors):
    """The errors in reading the documents, with the entries of those read without one (their
    bodies put aside, as `read_entries` was told), whose values `check` still reports where
    they are written."""

    def __init__(
        self,
        errors: Sequence[StaticfeedError],
        read: Sequence[Entry],
        warnings: Sequence[BuildWarning] = (),
    ) -> None:
        super().__init__(errors, warnings)
        self.read = tuple(read)

    def __reduce__(self) -> tuple[object, ...]:
        return (DocumentErrors, (self.errors, self.read, self.warnings))


@dataclass(frozen=True)
class ReadResult:
    entries: tuple[Entry, ...]
    warnings: tuple[BuildWarning, ...]
    reads_project_files: bool = False
    """Whether a document names a file of the project besides itself (a local enclosure)."""


def read_entries(
    config: Config,
    entries_dir: Path,
    cache: DocumentCache | None = None,
    progress: Progress = SILENT,
    as_read: AsRead | None = None,
    bodies: str | None = None,
) -> ReadResult:
    """Read every document; raise `ManyErrors` listing every problem in every file.

    With `cache`, a document the cache has as it is now is not parsed again (its warnings are
    given again), and every document parsed without an error is handed to the cache.
    `as_read` is what to keep of each entry, applied as soon as it is read: a build moves the
    bodies out of memory while the workers parse the documents that follow. With `bodies`, a
    spool folder (staticfeed.spool), the process that parses a document writes the entry's
    body there as UTF-8 and takes it out of the entry, and `as_read` is given where it lies
    (None for an entry the cache gave, which keeps its body).
    """
    try:
        is_folder = entries_dir.is_dir()
    except OSError as error:  # PermissionError: a folder above it cannot be entered
        raise unreachable(entries_dir, error) from None
    if not is_folder:
        raise broken_link(entries_dir, EntryError) or EntryError(
            "the entries folder does not exist",
            "Create it and add a document, or pass --entries DIR.",
            path=entries_dir,
        )
    errors: list[StaticfeedError] = []
    warnings: list[BuildWarning] = []
    drafts: list[_Draft] = []
    documents = list(_documents(entries_dir, errors))
    progress.phase("read documents", len(documents))
    read = _read_documents(
        documents, entries_dir, config, cache, progress, as_read or _as_it_is, bodies
    )
    for outcome in read:
        warnings.extend(outcome.warnings)
        errors.extend(outcome.errors)
        if outcome.draft is not None:
            drafts.append(outcome.draft)
    entries = _assign_ids(drafts, config, errors)
    if errors:
        # Every warning too, of a document with an error as well: what was removed from its
        # title is no less true for a date that does not exist two lines below.
        raise DocumentErrors(errors, entries, warnings)
    reads_project_files = any(draft.names_project_files for draft in drafts)
    return ReadResult(tuple(entries), tuple(warnings), reads_project_files)


def read_document(config: Config, entries_dir: Path, path: Path) -> ReadResult:
    """The document at `path` alone, as `read_entries` reads it among the others; raise
    `ManyErrors` on an error in it. A duplicate id is not looked for: that needs the others."""
    try:
        if not S_ISREG(path.stat().st_mode):
            raise ManyErrors([not_a_regular_file(path)])  # reading a pipe waits for ever
        data = path.read_bytes()
    except OSError as error:
        raise ManyErrors([unreadable(path, error)]) from None
    outcome = _parse_one(config, entries_dir, path, data, cached=False)
    errors = list(outcome.errors)
    drafts = [outcome.draft] if outcome.draft is not None else []
    entries = _assign_ids(drafts, config, errors)
    if errors:
        raise ManyErrors(errors, outcome.warnings)
    project_files = any(draft.names_project_files for draft in drafts)
    return ReadResult(tuple(entries), outcome.warnings, project_files)


def is_document_name(name: str) -> bool:
    """Whether a file named `name` is one a build reads as a document: one of SUFFIXES, in any
    letter case, and not hidden."""
    return not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES


def document_paths(entries_dir: Path, errors: list[StaticfeedError]) -> Iterator[Path]:
    """Documents under `entries_dir`, sorted; a link that leads outside it is an error."""
    return (path for path, _ in _documents(entries_dir, errors))


def _documents(entries_dir: Path, errors: list[StaticfeedError]) -> Iterator[tuple[Path, str]]:
    """Each document under `entries_dir` and its POSIX path under it, as os.walk would find
    them (a folder's files by name, then its subfolders by name; links to folders are not
    followed), but from the directory listings alone: a large publication has tens of
    thousands of documents, and a stat or a Path.relative_to for each is time."""
    root = entries_dir.resolve()
    pending = [(str(entries_dir), "")]
    while pending:
        folder, under = pending.pop()
        subfolders, files = _listing(folder, errors, movable=bool(under))
        for entry in subfolders:
            if entry.is_symlink():
                _check_inside(Path(entry.path), root, errors)
        for entry in files:
            if not is_document_name(entry.name):
                continue
            path = Path(entry.path)
            if not _is_text(entry.name):
                errors.append(_name_not_utf8(path, "file"))
            elif entry.is_symlink() and not _check_inside(path, root, errors):
                continue
            elif not entry.is_file() and os.path.exists(path):
                errors.append(not_a_regular_file(path))  # reading a pipe waits for ever
            else:
                yield path, under + entry.name
        followed = []
        for entry in subfolders:
            if not _is_text(entry.name):
                errors.append(_name_not_utf8(Path(entry.path), "folder"))
            elif not entry.is_symlink():
                followed.append(entry)
        pending += [(entry.path, f"{under}{entry.name}/") for entry in reversed(followed)]


def _listing(
    folder: str, errors: list[StaticfeedError], *, movable: bool
) -> tuple[list[os.DirEntry[str]], list[os.DirEntry[str]]]:
    """The subfolders (but hidden ones) and the files of `folder`, each sorted by name; none,
    and an error, when it cannot be listed: skipped as os.walk skips it, its entries would
    leave every feed. A folder in the entries folder (`movable`) may be moved out of it."""
    try:
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        move = ", or move it out of the entries folder" if movable else ""
        errors.append(
            EntryError(
                f"cannot read the folder ({error.strerror or error})",
                f"Check that it can be read (and entered: chmod +rx){move}.",
                path=Path(folder),
            )
        )
        return [], []
    subfolders, files = [], []
    for entry in found:
        if _is_folder(entry):
            if not entry.name.startswith("."):
                subfolders.append(entry)
        else:
            files.append(entry)
    return subfolders, files


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_text(name: str) -> bool:
    """Whether `name` is text: a name that is not UTF-8 reaches Python with surrogates in it,
    which no slug, id or URL can carry."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _name_not_utf8(path: Path, kind: str) -> EntryError:
    """The error for a file or folder whose name is not UTF-8; a folder's is given once, and
    its documents are not read."""
    becomes = "the entry's slug and id" if kind == "file" else "part of its entries' slugs and ids"
    return EntryError(
        f"the {kind}'s name is not UTF-8, so it cannot become {becomes}",
        "Rename it with UTF-8 characters, for example with `convmv -f latin1 -t utf8`.",
        path=path,
    )


def not_a_regular_file(path: Path) -> EntryError:
    return EntryError(
        "the file is not a regular file (a pipe, a socket or a device)",
        "Replace it with a document, or rename it so that its name does not end in .md.",
        path=path,
    )


def _check_inside(path: Path, root: Path, errors: list[StaticfeedError]) -> bool:
    try:
        target = path.resolve()
    except (RuntimeError, OSError):  # RuntimeError: "Symlink loop" (Python 3.11)
        errors.append(
            EntryError(
                "the link leads back to itself, so it names no file",
                "Delete the link, or point it at a document inside the entries folder.",
                path=path,
            )
        )
        return False
    if path.is_symlink() and not target.is_relative_to(root):
        kind = "folder" if path.is_dir() else "file"
        errors.append(
            EntryError(
                f"the {kind} is a link to outside the entries folder, "
                "which staticfeed never follows",
                "Move or copy the document into the entries folder.",
                path=path,
            )
        )
        return False
    return True


@dataclass(frozen=True)
class _Draft:
    """An entry whose id may still need the config's id_authority."""

    entry: Entry
    has_own_id: bool
    names_project_files: bool = False
    """Whether its output depends on files besides the document (a local enclosure)."""


@dataclass(frozen=True)
class _Outcome:
    """What reading one document gave: its draft, or the errors in it; and its warnings."""

    draft: _Draft | None
    warnings: tuple[BuildWarning, ...] = ()
    errors: tuple[StaticfeedError, ...] = ()
    encoded: Encoded | None = None
    """The draft as the build cache keeps it, when a cache is used."""
    body: Place | None = None
    """Where the entry's body was written, when the entry no longer holds it (`read_entries`)."""


def _read_documents(
    documents: Sequence[tuple[Path, str]],
    root: Path,
    config: Config,
    cache: DocumentCache | None,
    progress: Progress,
    as_read: AsRead,
    bodies: str | None,
) -> list[_Outcome]:
    """Each of `documents` (a path, and its POSIX path under the entries folder `root`), in
    order: from `cache` when it has it as it is now, else parsed (many at once in worker processes)
    and handed to the cache. Documents are read here as the workers need them, so that reading
    the later ones overlaps parsing the first."""
    outcomes: dict[int, _Outcome] = {}
    unparsed: deque[tuple[int, Path, str, bytes, os.stat_result]] = deque()

    def to_parse() -> Iterator[tuple[Path, bytes]]:
        for index, (path, relative) in enumerate(documents):
            try:
                found = _cached_or_read(path, relative, cache)
            except OSError as error:
                outcomes[index] = _Outcome(None, errors=(unreadable(path, error),))
                progress.advance()
                continue
            if isinstance(found, Parsed):
                draft = _Draft(as_read(found.entry, None), found.has_own_id)
                outcomes[index] = _Outcome(draft, found.warnings)
                progress.advance()
            else:
                unparsed.append((index, path, relative, *found))
                yield path, found[0]

    step = functools.partial(_parse_documents, config, root, cache is not None, bodies)
    # Here, not at the top: a patch reads a document with `read_document` and has no use for
    # multiprocessing, 10 ms of imports. The pipeline still imports it first for a full build.
    from staticfeed import parallel

    for outcome in parallel.map_steps(step, to_parse(), progress):
        # Results come in the order of the documents given out, each after its document.
        index, path, relative, data, stat = unparsed.popleft()
        if cache is not None and outcome.draft is not None:
            _store(cache, path, relative, data, stat, outcome)
        outcomes[index] = _handed_over(outcome, as_read)
    assert not unparsed, "a document parsed without a result"
    return [outcomes[index] for index in range(len(documents))]


def _handed_over(outcome: _Outcome, as_read: AsRead) -> _Outcome:
    """`outcome`, its entry as `as_read` takes it over from the reading (the pipeline puts its
    body aside)."""
    if outcome.draft is None:
        return outcome
    entry = as_read(outcome.draft.entry, outcome.body)
    return outcome if entry is outcome.draft.entry else _with_entry(outcome, entry)


def _with_entry(outcome: _Outcome, entry: Entry) -> _Outcome:
    assert outcome.draft is not None
    return replace(outcome, draft=replace(outcome.draft, entry=entry))


AsRead = Callable[[Entry, Place | None], Entry]
"""What to keep of an entry just read, given where its body lies in the spool (`read_entries`)."""


def _as_it_is(entry: Entry, body: Place | None) -> Entry:
    return entry


def _cached_or_read(
    path: Path, relative: str, cache: DocumentCache | None
) -> Parsed | tuple[bytes, os.stat_result]:
    """The document from the cache, unread when its stat vouches for it; else its bytes, and
    its stat taken before they were read."""
    stat = path.stat()
    cached = cache.lookup_unread(path, relative, stat) if cache is not None else None
    if cached is not None:
        return cached
    data = path.read_bytes()
    cached = cache.lookup(path, relative, data, stat) if cache is not None else None
    return cached if cached is not None else (data, stat)


def _store(
    cache: DocumentCache,
    path: Path,
    relative: str,
    data: bytes,
    stat: os.stat_result,
    outcome: _Outcome,
) -> None:
    draft = outcome.draft
    assert draft is not None
    parsed = _parsed(draft, outcome.warnings)
    keep = not draft.names_project_files
    cache.store(path, relative, data, parsed, stat=stat, keep=keep, encoded=outcome.encoded)


def _parsed(draft: _Draft, warnings: tuple[BuildWarning, ...]) -> Parsed:
    return Parsed(draft.entry, draft.has_own_id, warnings)


def _parse_documents(
    config: Config,
    root: Path,
    cached: bool,
    bodies: str | None,
    jobs: Sequence[tuple[Path, bytes]],
) -> list[_Outcome]:
    """Parse each (path, bytes) of the entries folder `root`: run in worker processes, which
    also encode each entry for the cache when there is one (`cached`), and write its body into
    the spool folder `bodies` when given. Each step is taken over all of them before the next
    (front matter, entries, the cache's encoding), as render.render_entries does: 184 us a
    document of the benchmark corpus, against 213 one document at a time."""
    warnings: list[list[BuildWarning]] = [[] for _ in jobs]
    documents = [
        _split_or_errors(path, data, found)
        for (path, data), found in zip(jobs, warnings, strict=True)
    ]
    outcomes = [
        _built(config, root, path, data, document, found)
        for (path, data), document, found in zip(jobs, documents, warnings, strict=True)
    ]
    if cached:
        outcomes = [_encoded(outcome) for outcome in outcomes]
    return _bodies_put(outcomes, bodies) if bodies is not None else outcomes


def _bodies_put(outcomes: list[_Outcome], folder: str) -> list[_Outcome]:
    """`outcomes`, each entry's body written to the spool folder `folder` and taken out of it:
    written here, in the worker, rather than sent to the main process to write (it still goes
    there in the cache's encoding), it is never copied into a pipe to be rendered, and the
    main process spent 25 us a document putting it aside and back, 1.25 s at 50,000."""
    with SpoolWriter(folder) as writer:
        return [_body_put(outcome, writer) for outcome in outcomes]


def _body_put(outcome: _Outcome, writer: SpoolWriter) -> _Outcome:
    if outcome.draft is None or not outcome.draft.entry.body:
        return outcome
    entry = outcome.draft.entry
    place = writer.put(entry.body.encode("utf-8", "surrogatepass"))
    return replace(_with_entry(outcome, replace(entry, body="")), body=place)


def _parse_one(config: Config, root: Path, path: Path, data: bytes, cached: bool) -> _Outcome:
    (outcome,) = _parse_documents(config, root, cached, None, [(path, data)])
    return outcome


def written_body(path: Path) -> tuple[str, int]:
    """The body of the document at `path` as its author wrote it (a title or date line that
    `build` takes out of an entry's body is still there), and the line it starts on.
    StaticfeedError when `build` could not read it either; OSError when it cannot be read."""
    return _read_text(path, path.read_bytes(), [], body_of)


def front_matter_of(path: Path) -> Document | None:
    """The document at `path` split as `build` splits it; None when it cannot be read now."""
    try:
        return _split_document(path, path.read_bytes(), [])
    except (OSError, StaticfeedError):
        return None


def key_line(path: Path, key: str) -> int | None:
    """The line of `key` in the front matter of the document at `path`; None when the key is
    not there (a title taken from the body) or the document cannot be read now."""
    try:
        return _split_document(path, path.read_bytes(), []).key_lines.get(key)
    except (OSError, StaticfeedError):
        return None


def date_line(path: Path, tz: tzinfo) -> int | None:
    """The line of the date of the document at `path`: its `date:` in front matter, else the
    date line near the top of its body that `build` takes it from (in the config's timezone
    `tz`, as `build` reads it); None when it has neither or cannot be read now."""
    try:
        document = _split_document(path, path.read_bytes(), [])
    except (OSError, StaticfeedError):
        return None
    if "date" in document.metadata:
        return document.key_lines.get("date")
    return read_head(
        document.body, tz, document.body_line, find_title=False, find_byline=False
    ).date_line


def front_matter_items(path: Path, key: str) -> list[tuple[object, ItemLines | int | None]]:
    """Each item of the list `key` (or its one value) in the front matter of the document at
    `path` as written, with its lines (ItemLines), the key's line when items and lines do not
    pair up; [] when the key is not there or the document cannot be read now. For a warning:
    `split` does not keep where each value was."""
    try:
        data = path.read_bytes()
        document = _split_document(path, data, [])
        lines: list[ItemLines | int | None] = [
            *_read_text(path, data, [], lambda t: item_lines(t, key))
        ]
    except (OSError, StaticfeedError):
        return []
    if key not in document.metadata:
        return []
    value = document.metadata[key]
    items = value if isinstance(value, list) else [value]
    if len(lines) != len(items):
        lines = [document.key_lines.get(key)] * len(items)
    return list(zip(items, lines, strict=True))


def enclosed_files(config: Config, path: Path) -> tuple[frozenset[Path], frozenset[Path]]:
    """The files of the project that the document at `path` names as enclosures, which a
    build measures (media.py), whether they are there or not: serve rebuilds when one changes;
    and as its image, which a build does not read (serve's preview serves both). None from a
    document that cannot be read or split now: the build says why."""
    try:
        data = path.read_bytes()
    except OSError:
        return frozenset(), frozenset()
    if b"enclosures" not in data and b"image" not in data:  # most documents: no need to parse
        return frozenset(), frozenset()
    try:
        metadata = _split_document(path, data, []).metadata
    except StaticfeedError:
        return frozenset(), frozenset()
    enclosed, image = (
        frozenset(media.project_files(metadata[key], config) if key in metadata else ())
        for key in ("enclosures", "image")
    )
    return enclosed, image


def named_in_a_body(config: Config, entries_dir: Path, file: Path) -> bool:
    """Whether the body of a document in `entries_dir` names `file` by a relative link or
    image (`localfiles.site_files`): a path in the project folder, normalized, links not
    followed. serve's preview serves it. Looked for at each request for such a file, rather
    than in every document as serve starts: that took 7 ms a document (a Markdown and a YAML
    parse, a path resolved for each URL)."""
    bodies = _bodies(entries_dir, file)
    return any(file in localfiles.site_files(body, config) for _, body in bodies)


def beside_a_document(config: Config, entries_dir: Path, file: Path) -> tuple[Path, Path] | None:
    """A document in `entries_dir` whose body names by a relative URL a file beside it, at
    the URL where the site has `file` (a path in the project folder, as `named_in_a_body`
    takes it): the document and that file, or None. serve's hint for its 404: no build
    publishes the file. Looked for at the request, as `named_in_a_body` is."""
    for path, body in _bodies(entries_dir, file):
        for local in localfiles.local_files(localfiles.body_sources(body), path, entries_dir):
            if file in media.project_files(localfiles.as_built(local.what, local.url), config):
                return path, local.file
    return None


def _bodies(entries_dir: Path, file: Path) -> Iterator[tuple[Path, str]]:
    """(document, body) of the documents in `entries_dir` that may name a file called as
    `file` by a relative URL on the site: those with no `link` (a body's relative URLs
    resolve against the entry's link when it has one, not the site)."""
    # A plain name is written as it is, unless escaped (`m%61p.png`, Markdown's `map\\.png`):
    # a document with neither it nor an escape names no such file, and is not parsed.
    plain = _PLAIN_NAME.fullmatch(file.name) is not None
    for path in document_paths(entries_dir, []):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if plain and file.name.encode("ascii") not in data and not _ESCAPE.search(data):
            continue
        try:
            document = _split_document(path, data, [])
        except StaticfeedError:
            continue  # the build says what is wrong
        if document.metadata.get("link") is None:
            yield path, document.body


# The keys of the front matter's own mappings: a key of another name written below one's
# TOML table may be a front matter key misspelled (`_caught_by_items`).
_ITEM_KEYS = {
    "author": values.AUTHOR_KEYS,
    "authors": values.AUTHOR_KEYS,
    "enclosures": media.ENCLOSURE_KEYS,
}
_PLAIN_NAME = re.compile(r"[A-Za-z0-9._-]+")
"""A file's name that a URL holds as it is: nothing to percent-encode, no `\\` to read as `/`."""
# A value that begins with a # and a word (`#news`, `#1`): a hashtag or a number, not a
# comment, which has a space after its # (`# none yet`).
_HASHED = re.compile(r"#[^\s#]")
_LISTS = ("tags", "review", "authors", "enclosures")  # the keys a fix gives a list
_ESCAPE = re.compile(rb"%[0-9A-Fa-f]{2}|\\[._-]|&#|&(?:period|hyphen|dash|lowbar|UnderBar);")
"""What else may spell a character of a plain name: a percent-escape, Markdown's backslash
before punctuation, an HTML character reference (`&#46;`, `&period;`)."""


def _split_or_errors(
    path: Path, data: bytes, warnings: list[BuildWarning]
) -> Document | tuple[StaticfeedError, ...]:
    try:
        return _split_document(path, data, warnings)
    except StaticfeedError as error:
        return (error,)


def _split_document(path: Path, data: bytes, warnings: list[BuildWarning]) -> Document:
    return _read_text(path, data, warnings, split, refuse_kinds_changed)


def _read_text(
    path: Path,
    data: bytes,
    warnings: list[BuildWarning],
    reader: Callable[[str], T],
    as_written: Callable[[str, str], None] | None = None,
) -> T:
    """`reader` of the document's text, decoded and cleaned as `build` reads it; `as_written`
    checks that text against the text as written, when cleaning changed it."""
    decoded = decode_document(path, data)
    warnings.extend(BuildWarning(_LONE_CR_READ, path, line) for line in lone_cr_lines(decoded))
    written = with_lf_line_ends(decoded)
    text = _clean_text(path, written, warnings)
    try:
        if as_written is not None and text is not written:
            as_written(written, text)
        return reader(text)
    except FrontMatterError as error:
        raise EntryError(error.message, error.fix, path=path, line=error.line) from None


def _built(
    config: Config,
    root: Path,
    path: Path,
    data: bytes,
    document: Document | tuple[StaticfeedError, ...],
    warnings: list[BuildWarning],
) -> _Outcome:
    if not isinstance(document, Document):
        return _Outcome(None, tuple(warnings), document)
    try:
        draft = _EntryBuilder(path, root, config, (data, document), warnings).build()
    except ManyErrors as many:
        return _Outcome(None, tuple(warnings), many.errors)
    except StaticfeedError as error:
        return _Outcome(None, tuple(warnings), (error,))
    return _Outcome(draft, tuple(warnings))


def _encoded(outcome: _Outcome) -> _Outcome:
    """`outcome` with its entry encoded for the cache, when it has one."""
    if outcome.draft is None:
        return outcome
    encoded = encode_parsed(_parsed(outcome.draft, outcome.warnings))
    return _Outcome(outcome.draft, outcome.warnings, encoded=encoded)


def _names_project_files(metadata: Mapping[str, object]) -> bool:
    """Whether the entry depends on files besides its document, which the cache does not
    watch: an enclosure with a relative URL is a file in the project, measured (media.py)."""
    if "enclosures" not in metadata:
        return False
    value = metadata["enclosures"]
    items = value if isinstance(value, list) else [value]
    urls = [item.get("url") if isinstance(item, dict) else item for item in items]
    return not all(isinstance(url, str) and _is_absolute(url) for url in urls)


def _is_absolute(url: str) -> bool:
    url = url.strip()
    try:
        return bool(urlsplit(url).scheme) or url.startswith("//")
    except ValueError:
        return False


def decode_document(
    path: Path,
    data: bytes,
    kind: type[StaticfeedError] = EntryError,
    fix: str = "Save the file as UTF-8.",
) -> str:
    """The text of the document `path` whose bytes are `data`, without its UTF-8 byte-order
    mark, or the error (a `kind`, saying `fix`) that says why it is not UTF-8."""
    # UTF-16 or UTF-32 without a byte-order mark: ASCII letters read as UTF-8 with zero bytes
    # between them, which were removed with a warning a line, and other letters as control
    # characters, removed too (U+2019 is the bytes 19 20 in UTF-16), without an error.
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # and UTF-32's
        why = "it begins with the byte-order mark of UTF-16 or UTF-32"
        raise kind(f"the file is not UTF-8: {why}", fix, path=path)
    if b"\x00" in data and data.count(0) * 4 >= len(data):
        why = "a quarter or more of its bytes are zero, as in UTF-16 or UTF-32 text"
        raise kind(f"the file is not UTF-8: {why}", fix, path=path)
    # Decode after the byte-order mark, so error offsets count from the file's first byte.
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as error:
        offset = bom + error.start
        line = line_at_byte(data, offset)
        raise kind(
            f"the file is not valid UTF-8 (byte offset {offset})", fix, path=path, line=line
        ) from None
    return text


# grep, vim and git show it inside its line (^M), VS Code as a line end: which the author meant,
# the author says.
_LONE_CR_READ = (
    "read a carriage return (CR) alone inside this line as a space, as grep and vim show it "
    "(^M); VS Code shows a line break there"
)
TITLE_ALONE = (
    "the entry has a title alone: no text, no summary and no link, so readers get its title and"
    " an empty page. Write a sentence about it below the front matter, give it a summary: or a"
    " link:, or mark it draft: true until it is ready."
)
"""What `build` warns of an entry `staticfeed new` made and no one wrote yet: with pages, it
is published (pages = false makes it an error: there is nothing to open)."""


def _xml_illegal_removed(characters: str) -> str:
    return f"removed characters that XML cannot carry ({xml_illegal_named(characters)})"


_UNSHOWABLE_CHANGED = (
    "changed characters feed readers cannot show: a C1 control character became the "
    "Windows-1252 character browsers show for it (U+0092 is \u2019), and U+007F (DELETE), "
    "noncharacters and U+FFFD were removed"
)


def _clean_text(path: Path, text: str, warnings: list[BuildWarning]) -> str:
    if fit_for_feeds(text):
        return text
    illegal, unshowable = find_xml_illegal(text), find_unshowable(text)
    removed: dict[int, str] = {}  # the characters of each line, which its warning names
    for offset in illegal:
        line = text.count("\n", 0, offset) + 1
        removed[line] = removed.get(line, "") + text[offset]
    for line, characters in sorted(removed.items()):
        warnings.append(BuildWarning(_xml_illegal_removed(characters), path, line))
    for line in sorted({text.count("\n", 0, offset) + 1 for offset in unshowable}):
        warnings.append(BuildWarning(_UNSHOWABLE_CHANGED, path, line))
    return for_feeds(text)


def _date_fix(key: str, error: DateError) -> str:
    """How to write `key`'s date: a number that is a date in quotes (`20251222`) is told so."""
    if isinstance(error, DateAsNumber):
        return f'Write {key} as {error.day}, or put it in quotes: "{error.written}".'
    if isinstance(error, NumberLeftOver):
        return f"Write {key} as {error.day}, or as {error.day} {error.clock} for that time."
    return f"Write {key} like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00."


class _EntryBuilder:
    """Turns one parsed document into an Entry, collecting every problem it has."""

    def __init__(
        self,
        path: Path,
        root: Path,
        config: Config,
        read: tuple[bytes, Document],
        warnings: list[BuildWarning],
    ) -> None:
        self.path = path
        self.relative = PurePosixPath(path.relative_to(root).as_posix())
        self.config = config
        self.data, document = read
        self.document = document
        self.meta = document.metadata
        self.warnings = warnings
        self.errors: list[StaticfeedError] = []
        # The error of a title or date the front matter lacks, and each key an item caught by
        # a slip of layout (`_caught_by_items`): one error for one slip (`_errors`).
        self.missing: dict[str, EntryError] = {}
        self.caught: set[str] = set()

    def build(self) -> _Draft:
        self._check_keys()
        head = self._head()
        title = (
            self._field("title", self._line) if "title" in self.meta else (self._infer_title(head))
        )
        published = self._date("date") if "date" in self.meta else self._infer_date(head)
        updated = self._date("updated") if "updated" in self.meta else published
        if published and updated and updated < published:
            self._fail(
                "updated",
                f"updated ({updated.isoformat()}) is earlier than date ({published.isoformat()})",
                "Set updated to the date or later.",
            )
        entry_authors = self._authors(head)
        slug = self._slug()
        own_id = self._field("id", checked_id)
        # A tag listed twice as written is one tag: one category, not two. Spelled otherwise
        # (`a` and `A`), the two share a feed, and the build says so.
        written = self._field("tags", self._tags) or ()
        tags = tuple(dict.fromkeys(values.composed(tag) for tag in written))
        summary = self._field("summary", self._text)
        link = self._field("link", values.absolute_url)
        draft = bool(self._field("draft", values.boolean))
        lang = self._field("lang", self._language_tag)
        image = self._field("image", lambda key, value: media.image_url(key, value, self.config))
        enclosures = self._field(
            "enclosures", lambda key, value: media.enclosures(key, value, self.config)
        )
        review = self._field("review", self._text_list) or ()
        if self.errors:
            # In the order of the document (ManyErrors), rather than the order of the steps
            # above; a problem of the whole document (no title found) comes first.
            raise ManyErrors(self._errors())
        assert title is not None and published is not None and updated is not None
        assert slug is not None
        body = head.body if self._inferred_anything(head) else self.document.body
        entry = Entry(
            source=self.path,
            id=own_id or self._derived_id(slug),
            slug=slug,
            title=title,
            published=published,
            updated=updated,
            authors=entry_authors,
            body=body,
            body_line=self.document.body_line,
            tags=tags,
            summary=summary,
            link=link,
            draft=draft,
            lang=lang,
            image=image,
            enclosures=enclosures or (),
            review=review,
            links_to=linked_documents(body, str(self.relative)),
        )
        if self.config.pages and _title_alone(entry):
            self.warnings.append(BuildWarning(TITLE_ALONE, self.path, entry.body_line))
        return _Draft(
            entry,
            own_id is not None,
            _names_project_files(self.document.metadata),
        )

    def _derived_id(self, slug: str) -> str:
        """The id `_assign_ids` gives an entry without its own, made here, in the worker that
        parses the document, so that the main process need not make 10,000 entries again;
        "" without an id_authority, which `_assign_ids` then reports."""
        authority = self.config.id_authority
        return tag_uri(authority, slug) if authority is not None else ""

    def _head(self) -> HeadMetadata:
        """The title, date and byline in the first lines of the body. Looked for only when the
        front matter lacks one of them: most documents have all three, and looking for a date
        line takes dateutil a while."""
        meta = self.meta
        has_authors = "author" in meta or "authors" in meta
        if self.document.has_front_matter and "title" in meta and "date" in meta and has_authors:
            return HeadMetadata(None, None, None, None, (), None, self.document.body)
        return read_head(
            self.document.body,
            self.config.timezone,
            self.document.body_line,
            find_title="title" not in meta,
            find_date="date" not in meta,
            find_byline=not has_authors,
        )

    def _inferred_anything(self, head: HeadMetadata) -> bool:
        """Whether a line of the body was taken as the title, date or byline: it is then left
        out of the body, so that readers do not show it twice."""
        return any(line is not None for line in (head.title_line, head.date_line, head.byline_line))

    def _check_keys(self) -> None:
        for key in self.meta:
            if key not in KEYS:
                name = values.key_named(str(key)) if self.document.toml else str(key)
                self._add(key, values.unknown_key(name, KEYS))
        if "author" in self.meta and "authors" in self.meta:
            lines = self.document.key_lines
            self._fail(
                max(("author", "authors"), key=lambda key: lines.get(key, 0)),  # the one added
                "both author and authors are given",
                "Keep one: author for one person, authors for a list.",
            )

    def _field(self, key: str, check: Callable[[str, object], T]) -> T | None:
        if key not in self.meta or key not in KEYS:
            return None
        caught = self._caught_by_items(key)
        value = without_keys(self.meta[key], caught) if caught else self.meta[key]
        if value is None and (commented := self._read_as_comment(key)) is not None:
            self._add(key, commented)
            return None
        # Cleaned before the check, so that "is empty" and the stripping of spaces apply to the
        # text that will be published: "\\x01" alone is empty, and " \\x01" strips to nothing.
        try:
            return check(key, self._sanitized(key, value))
        except values.InvalidValue as problem:
            self._add(key, problem)
            return None

    def _caught_by_items(self, key: str) -> list[str]:
        """Each key, as written, of the front matter that `key` holds by a slip of layout
        (written below its TOML table's header, indented under it in YAML), which is then the
        error: "unknown key 'authors.summary'. Remove it" had the author remove the summary. In
        TOML, a misspelled one too (`sumary`)."""
        value = self.meta[key]
        items = value if isinstance(value, list) else [value]
        fields = _ITEM_KEYS.get(key, ())
        if not any(isinstance(item, dict) and not item.keys() <= set(fields) for item in items):
            return []  # as nearly always: not read again
        caught = _read_text(
            self.path,
            self.data,
            [],
            lambda text: keys_caught_by_items(text, key, value, KEYS, fields),
        )
        self.errors += [
            EntryError(c.message, c.fix, path=self.path, line=c.line) for _, _, c in caught
        ]
        # As meant: `dat` below [[authors]] is told as the date, whose lack is then no error.
        self.caught.update(meant for _, meant, _ in caught)
        return [name for name, _, _ in caught]

    def _read_as_comment(self, key: str) -> values.InvalidValue | None:
        """The error of a YAML value that begins with a # (`tags: #news`, `title: #1 fan`),
        which YAML reads as a comment: it was "tags is empty. Give tags a value", which it had.
        Not of a comment meant as one, `tags:  # none yet`, with a space after its #."""
        written = self.document.cut.get(key, "").strip()
        if not _HASHED.match(written):
            return None
        fix = values.listed([written], toml=False) if key in _LISTS else values.quoted(written)
        return values.InvalidValue(
            f"YAML reads {written!r}, which begins with #, as a comment, so {key} is empty",
            f"Put it in quotes: {key}: {fix}",
        )

    def _text(self, key: str, value: object) -> str:
        written = self.document.cut.get(key)
        if key in PROSE and written is not None and isinstance(value, str):
            raise values.InvalidValue(
                f"YAML reads everything from ' #' on as a comment, so the {key} would be "
                f"{value.strip()!r}",
                f"Put it in quotes: {key}: {values.quoted(written)}. A comment "
                "goes on a line of its own.",
            )
        source = self.document.written.get(key)
        if isinstance(value, date | time):  # TOML's: YAML reads a date as text
            source = self._date_as_written(key, value)
        return values.text(key, self._as_written(key, value), source)

    def _date_as_written(self, key: str, value: date | time) -> str | None:
        """`value`, a date TOML front matter gives `key`, as written there (`10:00:00Z`, which
        str() writes `10:00:00+00:00`), for the fix to quote; None where it is not found."""
        return self._from_key_line(key, lambda text: toml_date_as_written(text, value))

    def _from_key_line(self, key: str, reader: Callable[[str], T]) -> T | None:
        """`reader` of the document's text from the line of `key` on, for an error's fix to
        quote a value as written (tomllib keeps no source); None where that line is unknown."""
        line = self.document.key_lines.get(key)
        if line is None:
            return None
        return _read_text(
            self.path, self.data, [], lambda text: reader("\n".join(text.split("\n")[line - 1 :]))
        )

    def _as_written(self, key: str, value: object) -> object:
        """`value` with each number in it as TOML front matter writes it (`3.10`, which it
        reads as 3.1), for the fix of a number where text belongs to quote as written (YAML's
        are in `Document.written`); as it is otherwise, the line not read again."""
        items = value if isinstance(value, list) else [value]
        numbers = any(
            isinstance(item, int | float) and not isinstance(item, bool) for item in items
        )
        if not self.document.toml or not numbers:
            return value
        read = self._from_key_line(key, lambda text: toml_numbers_as_written(text, value))
        return value if read is None else read

    def _listed_author(self, key: str, value: object) -> Author:
        self._refuse_dashed_items(key, value)
        # Its fix in the front matter's language: `authors: [...]` is no TOML.
        return values.listed_author(key, value, toml=self.document.toml)

    def _listed_authors(self, key: str, value: object) -> tuple[Author, ...]:
        self._refuse_dashed_items(key, value)
        return values.authors(key, value)

    def _refuse_dashed_items(self, key: str, value: object) -> None:
        # `-Ann` and `-Bob` below authors:, with no space after each -, are one text to YAML:
        # the author `-Ann -Bob` was published. TOML's text is in quotes, as meant.
        if not self.document.toml:
            values.refuse_dashed_items(key, value)

    def _language_tag(self, key: str, value: object) -> str:
        # As written: YAML reads `lang: no` (Norwegian) as false, and the fix quoted "false".
        return values.language_tag(key, value, self.document.written.get(key))

    def _line(self, key: str, value: object) -> str:
        return values.one_line(key, self._text(key, value))

    def _tags(self, key: str, value: object) -> tuple[str, ...]:
        return tuple(values.one_line(f"each of {key}", tag) for tag in self._text_list(key, value))

    def _text_list(self, key: str, value: object) -> tuple[str, ...]:
        written = self.document.written.get(key)
        if isinstance(value, date | time):  # TOML's: YAML reads a date as text
            written = self._date_as_written(key, value)
        elif isinstance(value, list) and any(isinstance(item, date | time) for item in value):
            written = self._dates_as_written(key, value)
        return values.text_list(key, self._as_written(key, value), written, toml=self.document.toml)

    def _dates_as_written(self, key: str, value: list[object]) -> list[object]:
        """The TOML array `value` with each date in it as written, for the fix to quote as
        `_date_as_written` does; as it is where its line is not known."""
        read = self._from_key_line(key, lambda text: toml_array_dates_as_written(text, value))
        return value if read is None else read

    def _sanitized(self, key: str, value: object) -> object:
        """Front-matter escapes like "\\x01" can smuggle in what the raw-text pass removed."""
        cleaned = _without_xml_illegal(value)
        if cleaned is not value and cleaned != value:
            line = self.document.key_lines.get(key)
            changed = "".join(text for text in _texts(value) if find_xml_illegal(text))
            message = _xml_illegal_removed(changed) if changed else _UNSHOWABLE_CHANGED
            self.warnings.append(BuildWarning(message, self.path, line))
        return cleaned

    def _date(self, key: str) -> datetime | None:
        if key not in self.meta:
            return None
        value = self.meta[key]
        if values.blank(value):
            self._add(key, values.empty(key))
            return None
        try:
            return parse_date(value, self.config.timezone, self.document.written.get(key))
        except DateError as error:
            self._fail(key, f"{key}: {error}", _date_fix(key, error))
            return None

    def _errors(self) -> list[StaticfeedError]:
        """The errors found, but for "the front matter has no date" where the date is written
        below a TOML table's header (indented under a YAML key): "date is in the [author]
        table", told too, is the one slip, and its fix gives the date."""
        told = [self.missing[name] for name in self.caught if name in self.missing]
        return [error for error in self.errors if not any(error is each for each in told)]

    def _infer_title(self, head: HeadMetadata) -> str | None:
        if head.title:
            return head.title
        if self.document.has_front_matter:
            self._add_missing("title", '"Your title"')
        else:
            self._fail(None, "no title found", 'Add front matter with title: "Your title".')
        return None

    def _infer_date(self, head: HeadMetadata) -> datetime | None:
        if head.published:
            return head.published
        if head.date_problem is not None:
            self.errors.append(
                EntryError(
                    f"date line: {head.date_problem}",
                    "Write the date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22 14:30 +02:00,"
                    " or give it in front matter (date: 2025-12-22).",
                    path=self.path,
                    line=head.date_line,
                )
            )
            return None
        if self.document.has_front_matter:
            self._add_missing("date", "2025-12-22")
        else:
            self._fail(
                None,
                "no date found near the top of the document",
                "Add front matter with date: 2025-12-22, or a line with the date.",
            )
        return None

    def _add_missing(self, key: str, value: str) -> None:
        self.missing[key] = self._not_in_front_matter(key, value)
        self.errors.append(self.missing[key])

    def _not_in_front_matter(self, key: str, value: str) -> EntryError:
        """The error of front matter without `key`, which the text does not give either: at
        the line that comments it out (`#date: 2025-01-01`), else at the closing line, above
        which it goes. "Add front matter" misled an author who had some."""
        closing = self.document.body_line - 1
        # The text as `split` read it, its lines as it counted them: read from the file again,
        # its byte-order mark hid TOML's +++ (the fix gave YAML's `date:`), and str.splitlines
        # ends a line at a form feed or a lone CR too, so the comment was looked for a line off.
        lines = _read_text(self.path, self.data, [], lambda text: text.split("\n"))
        toml = bool(lines) and lines[0].strip() == "+++"
        # In TOML, above the first table: a line below its header is a key of the table.
        table = toml_first_table("\n".join(lines[1 : closing - 1]), 2) if toml else None
        for number, line in enumerate(lines[1 : closing - 1], start=2):
            found = re.fullmatch(rf"#\s*{key}\s*([:=])(.*)", line.strip())
            if found:
                # Indented in YAML, it is a key of the mapping above it once uncommented.
                nested = not toml and line[:1].isspace()
                # Written in the other language, it was invalid TOML or YAML once uncommented.
                other = found[1] == (":" if toml else "=")
                given = found[2].strip()
                written = given or value
                # A title's text runs to the end of the line, # and all, as `_text` has it.
                whole = key in PROSE
                # In this language too, a title TOML or YAML reads otherwise once uncommented
                # (`2025`, `Fix #12`) is told in quotes, or the next build asked for them; a
                # key with no value (`# title:`) is told one, or the next build said "empty".
                # A title holds no tab (`values.one_line`): uncommented as it is, or quoted with
                # it, the next build refused it. Told with a space, as `_whole_line` tells one
                # before a #.
                told = written.replace("\t", " ") if whole else written
                rewrite = (
                    key_line_in(key, told, toml=toml, whole_text=whole, same=not other)
                    if other or whole or not given
                    else None
                )
                if rewrite == f"{key}{' = ' if toml else ': '}{written}" and not other and given:
                    rewrite = None  # it reads as it is
                return self._commented_out(key, number, table, nested=nested, rewrite=rewrite)
        above = table[0] if table else None
        return EntryError(
            f"the front matter has no {key}, and the text does not begin with one",
            f"Add a line {key}{' = ' if toml else ': '}{value} to the front matter, above "
            f"line {above or closing}.",
            path=self.path,
            line=above or closing,
        )

    def _commented_out(
        self,
        key: str,
        number: int,
        table: tuple[int, str] | None,
        *,
        nested: bool,
        rewrite: str | None,
    ) -> EntryError:
        """The error of `key` commented out at line `number`, in front matter whose first TOML
        table (line, header) is `table`; `nested`: indented in YAML; `rewrite`: the line as
        the front matter's language writes it, when the comment is in the other one."""
        fix = f"Remove the # at the start of line {number}"
        if nested:
            # Else the next build said "date is indented under author": write it without.
            fix = f"Remove the # and the indentation before it from line {number}"
        if rewrite is not None:
            fix += f" and write it {rewrite}"
        if table is not None and table[0] < number:
            # Uncommented there, TOML reads the line as a key of the table, and the next build
            # said to move it: both steps at once.
            fix += f", and move the line above line {table[0]}, where {table[1]} begins"
        return EntryError(
            f"the front matter has no {key}: line {number} gives one in a comment",
            f"{fix}.",
            path=self.path,
            line=number,
        )

    def _authors(self, head: HeadMetadata) -> tuple[Author, ...]:
        key = "author" if "author" in self.meta else "authors"
        if key == "author" and "authors" in self.meta:
            # Both is an error (_check_keys), and "Keep one" may mean keeping authors: its own
            # problems are told in this build too, not in the next one once author is gone.
            self._field("authors", self._listed_authors)
        found = self._field(key, self._listed_author if key == "author" else self._listed_authors)
        if isinstance(found, Author):
            return (found,)
        if isinstance(found, tuple):
            return found
        if key not in self.meta and head.byline_names:
            return tuple(
                dict.fromkeys(Author(name=values.composed(name)) for name in head.byline_names)
            )
        if key not in self.meta and not self.config.authors:
            self._fail(
                None,
                "the entry has no author, and the config has no default authors",
                'Add author: "Name" to the front matter, or authors to the config.',
            )
        return self.config.authors

    def _slug(self) -> str | None:
        raw = self._field("slug", self._text)
        try:
            return normalize_slug(raw) if raw is not None else slug_from_path(self.relative)
        except SlugError as error:
            self._fail("slug", str(error), "Use letters, digits, - and / only, like 2025/my-post.")
            return None

    def _add(self, key: str | None, problem: values.InvalidValue) -> None:
        listed = isinstance(problem, values.InvalidItems)
        if key is None or not (listed or problem.field):
            self._fail(key, problem.message, problem.fix)
            return
        lines = _read_text(self.path, self.data, [], lambda text: item_lines(text, key))
        problems = problem.problems if isinstance(problem, values.InvalidItems) else [(0, problem)]
        for index, each in problems:
            at = lines[index] if index < len(lines) else None
            line = at.of(each.field) if at else self.document.key_lines.get(key)
            error = EntryError(each.message, each.fix, path=self.path, line=line)
            if str(error) not in map(str, self.errors):  # two items of one flow list alike
                self.errors.append(error)

    def _fail(self, key: str | None, message: str, fix: str) -> None:
        line = self.document.key_lines.get(key) if key else None
        self.errors.append(EntryError(message, fix, path=self.path, line=line))


def _texts(value: object) -> list[str]:
    """The texts in a front-matter value: itself, or those in its lists and mappings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    return []


def _without_xml_illegal(value: object) -> object:
    """A front-matter value (text, or lists and mappings of it) without what XML cannot carry
    or readers cannot show (text.for_feeds)."""
    if isinstance(value, str):
        return for_feeds(value)
    if isinstance(value, list):
        return [_without_xml_illegal(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_xml_illegal(item) for key, item in value.items()}
    return value


def checked_id(key: str, value: object) -> str:
    """`value` as an entry id: an absolute URI (Atom ids are IRIs), else InvalidValue."""
    values.refuse_scalar(key, value, "an absolute URI", _ID_FIX)
    identifier = values.text(key, value)
    scheme, colon, rest = identifier.partition(":")
    if not colon or not rest or not scheme[:1].isalpha() or any(c.isspace() for c in identifier):
        raise values.InvalidValue(f"id {identifier!r} is not an absolute URI", _ID_FIX)
    return identifier


_ID_FIX = "Use a tag URI like tag:example.org,2025:my-post, or a URL."


def _assign_ids(drafts: list[_Draft], config: Config, errors: list[StaticfeedError]) -> list[Entry]:
    needs_authority = [d for d in drafts if not d.has_own_id]
    if needs_authority and config.id_authority is None:
        oldest = min(d.entry.published.year for d in drafts)
        emails = [author.email for author in config.authors]
        line, prefix = dotted_keys_place(config.path)
        errors.append(
            StaticfeedError(
                "id_authority is not set, and entries without an id: need it",
                missing_authority_fix(config.site_url, oldest, emails, prefix),
                path=config.path,
                line=line,
            )
        )
        return []
    entries = [_with_id(d, config) for d in drafts]
    _check_unique_ids(entries, errors)
    return entries


def _with_id(draft: _Draft, config: Config) -> Entry:
    if draft.has_own_id:
        return draft.entry
    assert config.id_authority is not None
    identifier = tag_uri(config.id_authority, draft.entry.slug)
    if draft.entry.id == identifier:  # from the cache, which remembers it
        return draft.entry
    return replace(draft.entry, id=identifier)


def _check_unique_ids(entries: list[Entry], errors: list[StaticfeedError]) -> None:
    first_by_id: dict[str, Entry] = {}
    for entry in entries:
        other = first_by_id.setdefault(entry.id, entry)
        if other is not entry:
            errors.append(
                EntryError(
                    f"the entry has the same id as {display_path(other.source)} ({entry.id})"
                    + _encoded_alike(entry.source, other.source),
                    "Give one of them its own slug: or id: in the front matter.",
                    path=entry.source,
                )
            )


def _encoded_alike(path: Path, other: Path) -> str:
    """A word on two paths that look the same but are not: their accents are written as one
    character in one, as a letter and a combining mark in the other."""
    composed = unicodedata.normalize("NFC", str(path))
    if path != other and composed == unicodedata.normalize("NFC", str(other)):
        return "; the two names differ only in how their accented letters are encoded"
    return ""


def _title_alone(entry: Entry) -> bool:
    """Whether a published entry would show its title alone: a draft is not published, and a
    link blog's entry opens its link. isspace() stops at the first character not a space."""
    if entry.draft or entry.link is not None or entry.summary:
        return False
    if not entry.body or entry.body.isspace():
        return True
    if _MAY_SHOW_NOTHING.fullmatch(entry.body) is None:
        return False
    # Only such a body is rendered here, before the build renders every entry: rare, and the
    # match ends at the first character of text, where most bodies start. Parsed as the build
    # parses it, which drops what the pre-check lets through and readers would not see.
    from staticfeed.render import markdown_to_html, parse_fragment, serialize, shows_nothing

    # A paragraph of no-break spaces is blank as the body of one alone is (isspace() above).
    html = serialize(parse_fragment(markdown_to_html(entry.body)))
    return shows_nothing(html, blank_paragraphs=True)


# A body Markdown renders to nothing readers see holds only link reference definitions
# (`[x]: https://…`, its title maybe on the lines below) and HTML comments, between blank
# space; and what the HTML parser may drop: an end tag with nothing to end (`</div>`), a
# character reference to a control character (`&#1;`); and a reference to a space readers
# show as blank (`&nbsp;`, `&#160;`). No other body is rendered here.
# Possessive, so that a body of many comments and some text is not matched again from each.
_MAY_SHOW_NOTHING = re.compile(
    r"(?:\s*+(?><!--.*?-->|</[A-Za-z][A-Za-z0-9-]*+\s*+>|&\#?\w++;"
    r"|\[[^\]\n]++\]:[^\n]*+(?:\n(?![ \t]*+\n)[^\n]*+)*+))*+\s*+",
    re.DOTALL,
)
