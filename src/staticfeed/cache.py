"""The build cache in .staticfeed-cache/: what a rebuild can take over from the last build.

`staticfeed build` and `serve` keep, in `.staticfeed-cache/` beside the config:

- every document's parsed entry, its warnings, and its rendered summary and HTML, found again
  by the document's path under the entries folder and the sha256 of its bytes, whatever its
  timestamps (a fresh clone gives every document a new mtime). A document whose stat (size,
  mtime, ctime and inode) is still the one recorded is not even read, as git trusts its
  index: writing a file changes its ctime, which no program can set back. The same gap is
  closed as git closes it: a record made when its document had been modified less than two
  seconds before (by its mtime) vouches for nothing, since the document could change again
  within the same clock tick without a new stat;
- for each output folder, every file's fingerprint (a digest of everything it is made from)
  with the size, mtime_ns, ctime_ns, inode and sha256 the file had after the build (a file
  whose stat alone changed is still as left when its bytes are), and digests of the published (id,
  document) pairs and of their titles, which vouch that no id can have changed;
- the feed plans of the last build, for the same published entries.

Files: `index.json`, a header line (format, fingerprint, sha256 of the rest) then one JSON
object, which names the documents' shards; `documents/<sha256>.json`, one shard of the
documents' records (a document's shard is fixed by its path), named by the sha256 of its bytes,
so that a build that changed one document writes one shard, not every record;
`html/xx/<sha256>.html`, an entry's HTML in UTF-8, named by its sha256; and
`html/<name>.pack`, the HTML of the many entries one build renders (a first build) one after
the other, each read by its offset and length and checked against its sha256 in the same way;
`elements/<name>.pack`, named by what it holds, one part per entry: the entry's Atom <entry>
and RSS <item> as its feeds carry them, each part read by its offset and checked against the
sha256 its record keeps. A feed that changes because of one entry holds others, whose elements
need not be made again through feedgen (after one edit of a feed of 10,000 entries, that was
most of the rebuild): the elements made for an entry whose rendering came from the cache are
kept for the next build. An element is kept without the entry's HTML, which it carries
escaped and which is kept already (`_encode_elements`).
The whole cache is keyed by `fingerprint`: staticfeed's version and code, the libraries that
parse and render, the config file's bytes and what it resolved to (so --base-url counts), and
the time-zone setup.

Nothing in it is trusted. An index whose checksum, format or fingerprint does not match, that
is not JSON or has the wrong shape, is ignored, and so is a shard whose sha256 is not its name;
a record that does not match its document, or does not decode, is read again from the
document; HTML whose sha256 is not the one its record names raises `CacheCorrupt`, and the
build starts over without the cache. It is JSON (and the HTML's and feed elements' own bytes),
never pickle: the folder is as writable as the project, and loading it must never run code. A
part of an elements pack that is not what was written is ignored, and the elements are made
again. Every file is written atomically (a temporary file, then a rename); a cache that cannot
be written is skipped silently.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import os
import re
import secrets
import sys
import time
import typing
import zlib
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import IO, Any

from staticfeed import __version__
from staticfeed.config import Config
from staticfeed.errors import BuildWarning
from staticfeed.jsonbytes import compact
from staticfeed.model import Author, DeferredRendering, Enclosure, Entry, RenderedEntry
from staticfeed.plan import FeedPlan
from staticfeed.spool import Place, read_at
from staticfeed.stamp import CACHE_FOLDER, RACY_NS, walk_files

_FORMAT = 6
"""The layout of the files in the folder; a cache of another layout is ignored (and the HTML
files of layout 4, each a JSON string, are removed by the first save that looks for them).
Layout 6 keeps no line of a document's `id:` in its record, which nothing read."""
_INDEX = "index.json"
_DOCUMENTS = "documents"
_SHARDS = 64
"""How many shards the documents' records are kept in: at 10,000 documents, a shard is 170 KB
of the 11 MB they take."""
_SHARD_FILE = re.compile(r"[0-9a-f]{64}\.json")
_HTML = "html"
_DIGEST = re.compile(r"[0-9a-f]{64}")
_HTML_FILE = re.compile(r"[0-9a-f]{64}\.html")
_PACK_FILE = re.compile(r"[0-9a-f]{32}\.pack")
_FORMAT_4_HTML = re.compile(r"[0-9a-f]{64}\.json|[0-9a-f]{32}\.jsonl")
_ELEMENTS_FILE = re.compile(r"[0-9a-f]{32}\.pack")
_ELEMENTS_FOLDER = "elements"
_PACK_FROM = 64
"""A save with this many new renderings or more writes them into one pack file: a first build
renders thousands of entries, and one file is far quicker to create than thousands."""
_MAX_OUTPUT_FOLDERS = 8
_LIBRARIES = (
    "cmarkgfm",
    "feedgen",
    "Jinja2",
    "lxml",
    "MarkupSafe",
    "orjson",
    "python-dateutil",
    "PyYAML",
)
# RecursionError: json's decoder recurses into each nested list, so a damaged file can hold
# more levels than Python allows.
_BAD = (
    KeyError,
    TypeError,
    ValueError,
    IndexError,
    AttributeError,
    OverflowError,
    OSError,
    RecursionError,
)
"""What decoding a record that is not as written raises: the record is ignored."""

Json = Any
"""A value decoded from the cache's JSON: checked where it is used."""


class CacheCorrupt(Exception):
    """A file of the cache is not what its index says: the build starts over without it."""


def cache_folder(config: Config) -> Path:
    """`.staticfeed-cache/` beside the config, in the project's folder."""
    return config.path.parent / CACHE_FOLDER


def digest(value: object) -> str:
    """sha256 of `value` as JSON; anything JSON cannot hold counts by its repr. For keys made
    a few times a build (feeds, pages, plans); a parsed document's key, made for every
    document from values that are JSON already, is `encode_parsed`'s."""
    return _sha256(json.dumps(value, sort_keys=True, default=repr).encode("ascii"))


def digest_text(*parts: str) -> str:
    """sha256 of texts that cannot hold a NUL (digests, paths), quicker than `digest`."""
    return _sha256(_utf8("\0".join(parts)))


def titles_digest(titles: Mapping[str, str], ids: Iterable[str]) -> str:
    """The digest of the titles (id -> title) of `ids`, in the order of their ids."""
    return digest_text(*(part for entry_id in sorted(ids) for part in (entry_id, titles[entry_id])))


def left_digest(ids: str, titles: str) -> str:
    """What names the files one build left: the digests of the (id, document) pairs it
    published and of their titles (`titles_digest`). The output records and the record of
    that build's placing (delta.Basis.ids) each keep it: when they match, the titles the
    records keep are those of the files the build left."""
    return digest_text(ids, titles)


def fingerprint(config: Config) -> str:
    """What every cached value depends on: a cache made under another fingerprint is ignored."""
    try:
        config_bytes = _sha256(config.path.read_bytes())
    except OSError:
        config_bytes = secrets.token_hex(32)  # unreadable now: nothing can be reused
    return digest(
        [
            _FORMAT,
            __version__,
            _code_digest(),
            _library_versions(),
            sys.version,
            config_bytes,
            repr(_resolved(config)),
            _ENTRY_FIELDS,
            os.environ.get("TZ"),
            list(time.tzname),
            _zone_digest(config.timezone),
        ]
    )


def _resolved(config: Config) -> Config:
    """`config` with absolute paths: the same config however --config names it."""
    templates = config.templates.resolve() if config.templates is not None else None
    return replace(config, path=config.path.resolve(), templates=templates)


def templates_digest(folder: Path | None) -> str:
    """Every file of a templates folder, names and bytes (templates may include any of them),
    through links to folders too, as Jinja follows them (`templates/shared -> ../shared`),
    but not round a loop (`stamp.walk_files`)."""
    if folder is None:
        return ""
    hashed = hashlib.sha256()
    try:
        above = frozenset([(os.stat(folder).st_dev, os.stat(folder).st_ino)])
        names = sorted(name for name, stat in walk_files(str(folder), above=above))
        for name in names:
            path = folder / name
            if not path.is_file():
                continue  # a folder's link, or a broken one
            hashed.update(name.encode("utf-8", "surrogatepass"))
            hashed.update(b"\0" + _sha256(path.read_bytes()).encode("ascii"))
    except OSError:
        return secrets.token_hex(32)
    return hashed.hexdigest()


@functools.cache
def _code_digest() -> str:
    """staticfeed's own modules and templates: an edited checkout invalidates the cache."""
    package = Path(__file__).parent
    hashed = hashlib.sha256()
    files = [*package.glob("*.py"), *package.glob("templates/*")]
    for path in sorted(path for path in files if path.is_file()):
        hashed.update(path.relative_to(package).as_posix().encode("utf-8"))
        hashed.update(b"\0" + _sha256(path.read_bytes()).encode("ascii"))
    return hashed.hexdigest()


@functools.cache
def _library_versions() -> dict[str, str | None]:
    import importlib.metadata  # here: a rebuild that patches files never needs it (10 ms)

    versions: dict[str, str | None] = {}
    for name in _LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def _zone_digest(zone: tzinfo) -> str | None:
    """The rules of the config's time zone, as zoneinfo finds them (system, else tzdata)."""
    key = getattr(zone, "key", None)
    if not isinstance(key, str):
        return None
    for folder in zoneinfo.TZPATH:
        path = Path(folder, key)
        if path.is_file():
            try:
                return _sha256(path.read_bytes())
            except OSError:
                return secrets.token_hex(32)
    import importlib.metadata

    try:
        return importlib.metadata.version("tzdata")
    except importlib.metadata.PackageNotFoundError:
        return None


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def html_data(html: str) -> bytes:
    """An entry's HTML as the cache writes it: its UTF-8 bytes."""
    return _utf8(html)


def digest_html(data: bytes) -> str:
    """What the cache names an entry's HTML by: the sha256 of its `html_data`, which a worker
    encodes once for both."""
    return _sha256(data)


# Entries as JSON: a list of every field of Entry but `source` (the document's path, taken from
# the current build), in field order, each encoded by its type: a field added to Entry is
# cached without a change here, as long as its type is one of those below.

_PLAIN = frozenset({str, int, bool, type(None)})
_ENTRY_FIELDS = tuple(field.name for field in fields(Entry) if field.name != "source")
_BODY = _ENTRY_FIELDS.index("body")
_LINKS_TO = _ENTRY_FIELDS.index("links_to")
_Encode = Callable[[Any], Json]
_Decode = Callable[[Json], Any]


def encode_entry(entry: Entry) -> list[Json]:
    """`entry` as JSON values; TypeError for a value the cache cannot hold."""
    return [
        encode(getattr(entry, name))
        for name, (encode, _) in zip(_ENTRY_FIELDS, _entry_codecs(), strict=True)
    ]


def decode_entry(values: Json, source: Path) -> Entry:
    """The Entry `encode_entry` gave `values` for; one of `_BAD` when they are not such.
    A body left out (None) is empty."""
    if type(values) is not list or len(values) != len(_ENTRY_FIELDS):
        raise ValueError("not a cached entry")
    decoded = values.copy()
    for index, decode in _entry_decoders():
        decoded[index] = decode(decoded[index])
    return Entry(source, *decoded)


@functools.cache
def _entry_decoders() -> tuple[tuple[int, _Decode], ...]:
    """The decoder of each field that JSON does not hold as it is: 8 of 18 (10,000 entries
    are decoded by every rebuild)."""
    codecs = enumerate(_entry_codecs())
    return tuple((index, decode) for index, (_, decode) in codecs if decode is not _same)


@functools.cache
def _entry_codecs() -> tuple[tuple[_Encode, _Decode], ...]:
    hints = typing.get_type_hints(Entry)
    codecs = [_codec(hints[name]) for name in _ENTRY_FIELDS]
    codecs[_BODY] = (_plain, _body)
    return tuple(codecs)


_SHARED: dict[object, Callable[..., Author | Enclosure]] = {
    Author: functools.lru_cache(maxsize=4096)(Author),
    Enclosure: functools.lru_cache(maxsize=4096)(Enclosure),
}
"""Authors and enclosures, each made once for the many entries that share it (they are
frozen); a field JSON holds that cannot be hashed raises TypeError."""


def _codec(hint: object) -> tuple[_Encode, _Decode]:
    if hint is datetime:
        return _encode_datetime, _decode_datetime
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if item in _SHARED:
            return _encode_values, functools.partial(_decode_values, _SHARED[item])
        return _encode_plain_tuple, _decode_plain_tuple
    return _plain, _same


def _plain(value: object) -> Json:
    if type(value) not in _PLAIN:
        raise TypeError(f"the cache cannot hold a {type(value).__name__}")
    return value


def _same(value: Json) -> Json:
    return value


def _body(value: Json) -> Json:
    return "" if value is None else value


def _encode_plain_tuple(values: tuple[object, ...]) -> Json:
    return [_plain(value) for value in values]


def _decode_plain_tuple(values: Json) -> tuple[Json, ...]:
    if type(values) is not list:
        raise ValueError("not a cached list")
    return tuple(values)


def _encode_values(items: tuple[Author | Enclosure, ...]) -> Json:
    return [[_plain(getattr(item, f.name)) for f in fields(item)] for item in items]


def _decode_values(
    make: Callable[..., Author | Enclosure], items: Json
) -> tuple[Author | Enclosure, ...]:
    if type(items) is not list or not all(type(item) is list for item in items):
        raise ValueError("not a cached list")
    return tuple(make(*item) for item in items)


def _encode_datetime(moment: datetime) -> Json:
    """Wall time, fold and zone: an IANA zone by its name, so that the instant is read again
    under the rules in force, and any other zone by its offset in microseconds."""
    zone = moment.tzinfo
    wall = moment.replace(tzinfo=None, fold=0).isoformat()
    if zone is None:
        return [wall, moment.fold, None]
    if isinstance(zone, zoneinfo.ZoneInfo) and zone.key:
        return [wall, moment.fold, zone.key]
    offset = moment.utcoffset()
    if offset is None:
        raise TypeError("a time zone without an offset")
    return [wall, moment.fold, offset // timedelta(microseconds=1)]


def _decode_datetime(value: Json) -> datetime:
    wall, fold, zone = value
    moment = datetime.fromisoformat(wall)
    if moment.tzinfo is not None or type(zone) is bool:
        raise ValueError("not a cached date")
    if type(zone) is str:
        return moment.replace(tzinfo=zoneinfo.ZoneInfo(zone), fold=fold)
    if type(zone) is int:
        return moment.replace(tzinfo=_fixed_zone(zone), fold=fold)
    if zone is None:
        return moment.replace(fold=fold)
    raise ValueError("not a cached date")


@functools.lru_cache(maxsize=256)
def _fixed_zone(microseconds: int) -> timezone:
    return timezone(timedelta(microseconds=microseconds))


@dataclass(frozen=True)
class Parsed:
    """One document read into an entry: what read_entries hands the cache, and gets back."""

    entry: Entry
    has_own_id: bool
    warnings: tuple[BuildWarning, ...] = ()


# A document's record: a list, so that the index stays small and quick to read.
(
    _SIZE,
    _MTIME,
    _SHA256,
    _STAT,
    _KEY,
    _OWN_ID,
    _WARNINGS,
    _RENDERING,
    _VALUES,
    _LISTING,
    _LINKS,
    _ELEMENTS,
) = range(12)
_LENGTH = _ELEMENTS + 1
_Record = list[Json]


class DocumentCache:
    """Parsed and rendered entries, by document path under the entries folder.

    An entry from the cache whose rendering is cached too has an empty `body`: only rendering
    reads it, and the rendering comes from the cache as well (but for an entry that links to
    other entries' documents, whose HTML changes with their URLs). An entry from the cache has the
    id the document was parsed with, which a build gives it again: the same document and
    config make the same id.
    """

    def __init__(self, folder: Path, records: dict[str, Json]) -> None:
        self._folder = folder
        self._vouch_before_ns = time.time_ns() - RACY_NS
        self._old = records
        self._new: dict[str, _Record] = {}
        self._keys: dict[Path, str] = {}
        self._relative: dict[Path, str] = {}
        self._pending: dict[str, Callable[[], bytes]] = {}
        """The HTML to write at `save`, as `html_data` gives it, by its digest."""
        self._spooled: dict[str, Place] = {}
        """Where some of the HTML to write already lies, by its digest: the path of a file
        that holds nothing but such HTML, an offset and a length (`keep_rendered`)."""
        self._pending_elements: dict[str, bytes] = {}
        """Entries' elements to write at `save` (`_encode_elements`), by their sha256."""
        self._changed: set[str] = set()
        """The documents whose records this build made or changed."""
        self._packs: dict[str, IO[bytes]] = {}
        """The pack files read from, open until `close`, by path: a rebuild of a feed of
        10,000 entries reads a part of a pack twice for each (its HTML and its elements),
        and opening the file for each read took a fifth of the time."""

    def lookup_unread(self, path: Path, relative: str, stat: os.stat_result) -> Parsed | None:
        """The cached document at `path` when its record vouches for it by `stat` alone: the
        document need not be read."""
        record = self._old.get(relative)
        if type(record) is not list or len(record) != _LENGTH:
            return None
        if record[_STAT] is None or record[_STAT] != [stat.st_ctime_ns, stat.st_ino]:
            return None
        if record[_SIZE] != stat.st_size or record[_MTIME] != stat.st_mtime_ns:
            return None
        return self._take(path, relative, record, stat)

    def lookup(self, path: Path, relative: str, data: bytes, stat: os.stat_result) -> Parsed | None:
        """The cached document at `path` when its record holds the sha256 of `data`, read after
        `stat`, whatever its timestamps: a fresh clone or checkout (a CI job that restored the
        cache) gives every document a new mtime, and its entry is made from its bytes alone."""
        record = self._old.get(relative)
        if type(record) is not list or len(record) != _LENGTH:
            return None
        if record[_SHA256] != _sha256(data) or len(data) != stat.st_size:
            return None
        return self._take(path, relative, record, stat)

    def _take(
        self, path: Path, relative: str, record: _Record, stat: os.stat_result
    ) -> Parsed | None:
        try:
            parsed = _parsed(record, path)
        except _BAD:
            return None
        if record[_MTIME] != stat.st_mtime_ns or record[_STAT] not in (None, _stat_of(stat)):
            # Touched, copied or checked out afresh, not changed: vouched for anew below.
            record[_MTIME] = stat.st_mtime_ns
            record[_STAT] = None
            self._changed.add(relative)
        if record[_STAT] is None and self._vouches(stat):
            record[_STAT] = _stat_of(stat)  # no longer racy: the next build need not read it
            self._changed.add(relative)
        self._remember(path, relative, record)
        return parsed

    def _vouches(self, stat: os.stat_result) -> bool:
        return stat.st_mtime_ns < self._vouch_before_ns

    def store(
        self,
        path: Path,
        relative: str,
        data: bytes,
        parsed: Parsed,
        *,
        stat: os.stat_result,
        keep: bool,
        encoded: Encoded | None = None,
    ) -> None:
        """Note the document just parsed from `data`, read after `stat`; cache it when `keep`
        (it depends on no other file). `encoded` is `encode_parsed(parsed)`, when the process
        that parsed it made it."""
        encoded = encoded or encode_parsed(parsed)
        if isinstance(encoded, Unencodable):
            self._keys[path] = secrets.token_hex(32)  # matches nothing: always made again
            return
        values, key = encoded
        self._keys[path] = key
        if keep and all(warning.path == path for warning in parsed.warnings):
            vouched = self._vouches(stat) and stat.st_size == len(data)
            record = _record(stat, vouched, data, parsed, values, key)
            self._take_rendering(relative, record)
            self._remember(path, relative, record)
            self._changed.add(relative)

    def relative(self, source: Path) -> str | None:
        """The POSIX path under the entries folder of the document read from `source` in this
        build, when the cache keeps its record."""
        return self._relative.get(source)

    def key(self, source: Path) -> str:
        """The entry read from `source` in this build, as output fingerprints name it: the same
        parsed entry has the same key, whatever its document's stat."""
        return self._keys[source]

    def rendered(
        self, entry: Entry, page_url: str | None, links: str | None = None
    ) -> RenderedEntry | None:
        """`entry` rendered, when the cache has it rendered with its links to other entries'
        documents leading where `links` says (DocumentLinks.digest; None for none);
        CacheCorrupt when its HTML is damaged."""
        record = self._record_of(entry)
        if record is None or record[_RENDERING] is None or record[_LINKS] != links:
            return None
        load = functools.partial(self._html, record[_RENDERING])
        return DeferredRendering(entry, record[_RENDERING][0], page_url, load)

    def summary(self, entry: Entry) -> str | None:
        """`entry`'s rendered summary, when the cache has its rendering."""
        record = self._record_of(entry)
        if record is None or record[_RENDERING] is None:
            return None
        summary: str = record[_RENDERING][0]
        return summary

    def listing(self, entry: Entry) -> str | None:
        """What `keep_listing` kept for `entry` since its document or its rendering changed."""
        record = self._record_of(entry)
        listing = record[_LISTING] if record is not None else None
        return listing if type(listing) is str else None

    def keep_listing(self, entry: Entry, listing: str) -> None:
        """Keep a digest of what a page lists of `entry`, made from its values but its id, and
        from its rendering's summary: it stands until either changes."""
        record = self._record_of(entry)
        if record is not None and record[_LISTING] != listing:
            record[_LISTING] = listing
            self._changed.add(self._relative[entry.source])

    def keep_rendered(
        self,
        rendered: RenderedEntry,
        html_digest: str,
        data: Callable[[], bytes],
        spooled: Place | None = None,
        links: str | None = None,
    ) -> None:
        """Cache the rendering of an entry whose document is cached; `html_digest` is
        `digest_html` of its HTML, and `data` gives its `html_data` when the cache is
        saved, or asks for the HTML before: what it reads it from (the build's spool) must
        stay open until then. `spooled` is where `data` lies when it is in a file of nothing
        but HTML to keep (the path, an offset and a length), which the cache may then take
        as it is (`write_html`). `links` is where its links to other entries' documents lead
        (DocumentLinks.digest), which its HTML holds."""
        record = self._record_of(rendered.entry)
        if record is None:
            return
        self._pending[html_digest] = data
        if spooled is not None:
            self._spooled[html_digest] = spooled
        record[_RENDERING] = [rendered.summary, html_digest]
        record[_LINKS] = links
        _drop_body(record)
        record[_LISTING] = None  # made from the summary, which may have changed
        record[_ELEMENTS] = None  # made from the rendering
        self._changed.add(self._relative[rendered.entry.source])

    def elements(self, rendered: RenderedEntry, formats: Sequence[str]) -> dict[str, bytes] | None:
        """The elements of `rendered` (cached) in each of `formats`, as `keep_elements` kept
        them with its rendering; None when they are not kept, or not as kept."""
        record = self._record_of(rendered.entry)
        if record is None or record[_RENDERING] is None:
            return None
        line = self._elements_line(record[_ELEMENTS])
        if line is None:
            return None
        try:
            html = functools.partial(self._html_data, record[_RENDERING])
            elements = _decode_elements(line, _made_from(record), rendered, html)
        except _BAD:
            return None
        return elements if elements is not None and list(elements) == list(formats) else None

    def keep_elements(
        self, rendered: RenderedEntry, html: str, elements: Mapping[str, bytes]
    ) -> None:
        """Keep the feed elements, by format, made from `rendered` (cached) and its `html`.
        Only elements made for an entry whose rendering the cache gave are kept: an entry
        rendered in this build may well be edited again, and a first build renders thousands
        (keeping theirs would cost it several percent)."""
        record = self._record_of(rendered.entry)
        if record is None or record[_RENDERING] is None:
            return
        line = _encode_elements(_made_from(record), rendered, html, elements)
        line_digest = _sha256(line)
        self._pending_elements[line_digest] = line
        record[_ELEMENTS] = [line_digest]  # its place in a pack file is added when written
        self._changed.add(self._relative[rendered.entry.source])

    def _elements_line(self, place: Json) -> bytes | None:
        """The part `place` (a record's) names: [sha256] for one this build keeps, [sha256,
        pack file, offset, length] for one written; None when it is not what was written."""
        if type(place) is not list:
            return None
        if len(place) == 1:
            return self._pending_elements.get(place[0])
        if len(place) != 4 or not _is_place(place[1:], _ELEMENTS_FILE):
            return None
        line_digest, pack, offset, length = place
        path = os.path.join(self._folder, _ELEMENTS_FOLDER, pack)
        try:
            line = self._read_pack(path, offset, length)
        except OSError:
            return None
        return line if _sha256(line) == line_digest else None

    def elements_in_use(self) -> set[str]:
        """The names of the elements' pack files that records name."""
        places = (record[_ELEMENTS] for record in self._new.values())
        return {place[1] for place in places if type(place) is list and len(place) == 4}

    def write_elements(self) -> None:
        """Write the elements kept in this build, in one pack file named by what it holds: the
        same elements kept again make the same records."""
        if not self._pending_elements:
            return
        hashed = hashlib.sha256()
        for line in self._pending_elements.values():
            hashed.update(line)
        name = f"{hashed.hexdigest()[:32]}.pack"
        (self._folder / _ELEMENTS_FOLDER).mkdir(exist_ok=True)
        path = os.path.join(self._folder, _ELEMENTS_FOLDER, name)
        places = _write_packed(path, self._pending_elements.items())
        for record in self._new.values():
            place = record[_ELEMENTS]
            if type(place) is list and len(place) == 1 and place[0] in places:
                record[_ELEMENTS] = [place[0], name, *places[place[0]]]
        self._pending_elements.clear()

    def records(self) -> dict[str, _Record]:
        """The records of every document this build read without an error."""
        return self._new

    def html_in_use(self) -> tuple[set[str], set[str]]:
        """The digests of the HTML files, and the names of the pack files, records name."""
        # This build's records were checked when taken (`_parsed`) or made here.
        places = {_checked_place(record[_RENDERING]) for record in self._new.values()}
        files = {place for place in places if _DIGEST.fullmatch(place)}
        return files, {place for place in places if _PACK_FILE.fullmatch(place)}

    def unused_html_files(self, in_use: set[str]) -> set[str]:
        """The digests of HTML files the loaded records named and the records of this build
        do not (`in_use`, from `html_in_use`). Only a record this build changed or dropped
        can have named one: the others are the very records loaded."""
        replaced = self._changed | (self._old.keys() - self._new.keys())
        loaded = {_html_place(self._old[name]) for name in replaced if name in self._old}
        return {place for place in loaded - in_use if _DIGEST.fullmatch(place)}

    def differs_from_loaded(self) -> bool:
        return bool(self._changed) or self._new.keys() != self._old.keys()

    def changed_shards(self) -> dict[str, dict[str, _Record]]:
        """The records of each shard that holds a record this build made, changed or dropped."""
        touched = self._changed | (self._old.keys() ^ self._new.keys())
        shards: dict[str, dict[str, _Record]] = {shard_of(name): {} for name in touched}
        for relative, record in self._new.items():
            records = shards.get(shard_of(relative))
            if records is not None:
                records[relative] = record
        return shards

    def write_html(self) -> None:
        """Write the HTML rendered in this build, each file atomically: one file per entry, or
        pack files for many."""
        if len(self._pending) >= _PACK_FROM:
            self._write_packs()
        else:
            for html_digest, data in self._pending.items():
                (self._folder / _HTML / html_digest[:2]).mkdir(parents=True, exist_ok=True)
                _write_atomically(_html_path(self._folder, html_digest), data())
        self._pending.clear()
        self._spooled.clear()

    def _write_packs(self) -> None:
        (self._folder / _HTML).mkdir(parents=True, exist_ok=True)
        places = self._linked_packs()
        copied = {key: data for key, data in self._pending.items() if key not in places}
        if copied:
            name = f"{secrets.token_hex(16)}.pack"
            # Each HTML read as it is written: a first build's are 70 MB at 10k.
            parts = ((html_digest, data()) for html_digest, data in copied.items())
            packed = _write_packed(os.path.join(self._folder, _HTML, name), parts)
            places.update((key, (name, *place)) for key, place in packed.items())
        for record in self._new.values():
            rendering = record[_RENDERING]
            if rendering is not None and len(rendering) == 2 and rendering[1] in places:
                record[_RENDERING] = [*rendering, *places[rendering[1]]]

    def _linked_packs(self) -> dict[str, Place]:
        """Where the HTML to write lies, by its digest, in the files of nothing but HTML that
        `keep_rendered` was told of, each given a name in the cache as a pack file (a hard
        link): rather than copied, as the workers that rendered it already wrote it (255 MB,
        1.9 s of a first build's last, single-core seconds at 50,000 entries). A file on
        another file system cannot be linked, and its HTML is copied."""
        files: dict[str, list[str]] = {}
        for html_digest in self._pending.keys() & self._spooled.keys():
            files.setdefault(self._spooled[html_digest][0], []).append(html_digest)
        places: dict[str, Place] = {}
        for path, digests in files.items():
            name = f"{secrets.token_hex(16)}.pack"
            try:
                os.link(path, os.path.join(self._folder, _HTML, name))
            except OSError:
                continue
            for html_digest in digests:
                _, offset, length = self._spooled[html_digest]
                places[html_digest] = (name, offset, length)
        return places

    def _record_of(self, entry: Entry) -> _Record | None:
        return self._new.get(self._relative.get(entry.source, ""))

    def _remember(self, path: Path, relative: str, record: _Record) -> None:
        self._new[relative] = record
        self._keys[path] = record[_KEY]
        self._relative[path] = relative

    def _take_rendering(self, relative: str, record: _Record) -> None:
        """A document touched but not changed keeps the rendering it had."""
        old = self._old.get(relative)
        if type(old) is not list or len(old) != _LENGTH or old[_KEY] != record[_KEY]:
            return
        if _rendering(old[_RENDERING]):
            record[_RENDERING] = old[_RENDERING]
            _drop_body(record)
            record[_LISTING] = old[_LISTING]
            record[_ELEMENTS] = old[_ELEMENTS]
            record[_LINKS] = old[_LINKS]

    def _html(self, rendering: list[Json]) -> str:
        """The HTML of a cached rendering; CacheCorrupt when it is not what was written."""
        return self._html_data(rendering).decode("utf-8", "surrogatepass")

    def _html_data(self, rendering: list[Json]) -> bytes:
        """The HTML of a cached rendering in UTF-8, which its digest is the sha256 of; CacheCorrupt
        when it is not what was written."""
        html_digest = rendering[1]
        try:
            if html_digest in self._pending:  # rendered in this build, and not yet written
                data = self._pending[html_digest]()
            elif len(rendering) == 2:
                data = Path(_html_path(self._folder, html_digest)).read_bytes()
            else:
                pack = os.path.join(self._folder, _HTML, rendering[2])
                data = self._read_pack(pack, *rendering[3:])
        except OSError:
            raise CacheCorrupt(html_digest) from None
        if digest_html(data) != html_digest:
            raise CacheCorrupt(html_digest)
        return data

    def _read_pack(self, path: str, offset: int, length: int) -> bytes:
        """`length` bytes of the pack file `path` from `offset` (fewer past its end)."""
        stream = self._packs.get(path)
        if stream is None:
            stream = self._packs[path] = open(path, "rb", buffering=0)  # noqa: SIM115
        return read_at(stream, offset, length)

    def close(self) -> None:
        """Close the pack files read from (reading again opens them again): before a save,
        which may remove them."""
        for stream in self._packs.values():
            stream.close()
        self._packs.clear()


def _write_packed(path: str, parts: Iterable[tuple[str, bytes]]) -> dict[str, tuple[int, int]]:
    """Write `parts` one after the other into the file `path`, atomically, as they come; the
    offset and length of each, by its key."""
    places: dict[str, tuple[int, int]] = {}

    def data() -> Iterator[bytes]:
        offset = 0
        for key, part in parts:
            places[key] = (offset, len(part))
            offset += len(part)
            yield part

    _write_atomically(path, data())
    return places


def _drop_body(record: _Record) -> None:
    """Leave out the body of a record with a rendering, which only rendering reads; but that of
    an entry that links to others' documents, rendered again when one of their URLs changes."""
    if not record[_VALUES][_LINKS_TO]:
        record[_VALUES][_BODY] = None


def _parsed(record: _Record, path: Path) -> Parsed:
    rendering, values = record[_RENDERING], record[_VALUES]
    if rendering is not None and not _rendering(rendering):
        raise ValueError("not a cached rendering")
    if rendering is None and values[_BODY] is None:
        raise ValueError("neither a body nor a rendering")
    has_own_id, key = record[_OWN_ID], record[_KEY]
    if type(has_own_id) is not bool:
        raise ValueError("not a cached document")
    if type(key) is not str:
        raise ValueError("not a cached document")
    entry = decode_entry(values, path)
    return Parsed(entry, has_own_id, _warnings(record[_WARNINGS], path))


def _warnings(values: Json, path: Path) -> tuple[BuildWarning, ...]:
    warnings = []
    for message, line in values:
        if type(message) is not str or not (line is None or type(line) is int):
            raise ValueError("not a cached warning")
        warnings.append(BuildWarning(message, path, line))
    return tuple(warnings)


class Unencodable:
    """An entry holding a value the cache cannot hold: it is parsed again by every build."""


Encoded = tuple[list[Json], str] | Unencodable
"""A parsed entry as the cache keeps it, and its key: see `encode_parsed`."""


def encode_parsed(parsed: Parsed) -> Encoded:
    """The cache's values of a parsed entry and the key outputs know it by. It depends on the
    entry alone, so the worker process that parsed the document makes it."""
    try:
        values = encode_entry(parsed.entry)
    except TypeError:
        return Unencodable()
    # Not `digest`: the values are JSON already, which orjson writes in a third of the time
    # json's sorted ASCII takes (17 us a document of the benchmark corpus, its body included).
    return values, _sha256(compact([values, parsed.has_own_id]))


def _html_place(record: Json) -> str:
    """Where a record's HTML is: its digest (its own file), or its pack file's name; ""."""
    if type(record) is not list or len(record) != _LENGTH:
        return ""
    rendering = record[_RENDERING]
    return _checked_place(rendering) if _rendering(rendering) else ""


def _checked_place(rendering: Json) -> str:
    """Where the HTML of a rendering `_rendering` accepts is, as `_html_place` gives it."""
    if rendering is None:
        return ""
    return str(rendering[1] if len(rendering) == 2 else rendering[2])


def _rendering(rendering: Json) -> bool:
    """Whether `rendering` is a cached [summary, HTML digest], with [pack file, offset,
    length] after them when the HTML is in a pack file."""
    if type(rendering) is not list or len(rendering) not in (2, 5):
        return False
    summary, html_digest, *place = rendering
    if type(summary) is not str or type(html_digest) is not str:
        return False
    if not _DIGEST.fullmatch(html_digest):
        return False
    return not place or _is_place(place, _PACK_FILE)


def _is_place(place: list[Json], pack_file: re.Pattern[str]) -> bool:
    """Whether `place` is [pack file, offset, length], the pack file's name as `pack_file`."""
    return (
        len(place) == 3
        and type(place[0]) is str
        and bool(pack_file.fullmatch(place[0]))
        and type(place[1]) is int
        and type(place[2]) is int
        and place[1] >= 0
        and place[2] > 0
    )


def _made_from(record: _Record) -> str:
    """What an entry's elements are made from: its values (the record's key) and its rendering
    (the HTML's digest and the summary), with the config and code the cache is keyed by."""
    return digest_text(record[_KEY], record[_RENDERING][1], record[_RENDERING][0])


def _encode_elements(
    made_from: str, rendered: RenderedEntry, html: str, elements: Mapping[str, bytes]
) -> bytes:
    """How the cache keeps `elements` (by format) of `rendered`, made from its record's values
    and rendering (`_made_from`) with the HTML `html`: a JSON header line, then the bytes of
    each element as it stands, but for the HTML it carries escaped, cut out (a summary-only
    feed carries none).

    What is cut out is found without escaping the whole HTML (the first rebuild of a feed of
    every entry keeps thousands): it starts as the escaped start of the HTML does, ends as
    its escaped end does, and is as long as the escaped HTML. The header keeps its sha256,
    and the escaped HTML is put back only when it has that sha256: the element then has its
    bytes again, whatever they are. The part is checked against its own sha256 and the entry
    it was made for."""
    span = _EscapedSpan.of(html)
    kept: list[Json] = []
    parts: list[bytes] = []
    carried: bytes | None = None
    for name, element in elements.items():
        at = span.find(element)
        middle = element[at : at + span.length] if at >= 0 else None
        cut = middle is not None and (carried is None or middle == carried)
        if cut:
            carried = middle
        kept.append([name, cut])
        parts += [element[:at], element[at + span.length :]] if cut else [element]
    header = [made_from, rendered.entry.id, rendered.page_url, [len(part) for part in parts]]
    carried_digest = _sha256(carried) if carried is not None else None
    return compact([*header, kept, carried_digest]) + b"\n" + b"".join(parts)


@dataclass(frozen=True)
class _EscapedSpan:
    """Where an element carries some HTML as XML text (& < > escaped), found by its start, its
    end and its length."""

    head: bytes
    tail: bytes
    length: int

    @classmethod
    def of(cls, html: str) -> _EscapedSpan:
        data = _utf8(html)
        # Each of the three escaped characters is one byte that grows by 3 or 4.
        length = len(data) + 4 * data.count(b"&") + 3 * (data.count(b"<") + data.count(b">"))
        return cls(_escaped(html[:_ENDS]), _escaped(html[-_ENDS:]), length if html else 0)

    def find(self, element: bytes) -> int:
        """Where the escaped HTML may start in `element`; -1 where it is not."""
        at = element.find(self.head) if self.length else -1
        if at < 0 or not element.startswith(self.tail, at + self.length - len(self.tail)):
            return -1
        return at


_ENDS = 32
"""How many characters of each end of the HTML are escaped to find where an element has it."""


def _decode_elements(
    part: bytes, made_from: str, rendered: RenderedEntry, html: Callable[[], bytes]
) -> dict[str, bytes] | None:
    """The elements a part `_encode_elements` made keeps, when it was made for `rendered`, from
    the same values and rendering (`made_from`); the HTML, in UTF-8 (`html()`), is read only
    when an element carries it."""
    header, _, rest = part.partition(b"\n")
    made_for, entry_id, page_url, lengths, kept, carried_digest = json.loads(header)
    if (made_for, entry_id, page_url) != (made_from, rendered.entry.id, rendered.page_url):
        return None
    if not all(type(length) is int and length >= 0 for length in lengths):
        return None
    cut_out = [cut is True for _, cut in kept]
    if sum(lengths) != len(rest) or len(lengths) != len(cut_out) + sum(cut_out):
        return None
    ends = list(itertools.accumulate(lengths))
    pieces = iter([rest[end - length : end] for length, end in zip(lengths, ends, strict=True)])
    escaped: bytes | None = None
    elements = {}
    for (name, _), cut in zip(kept, cut_out, strict=True):
        if not cut:
            elements[name] = next(pieces)
            continue
        if escaped is None:
            escaped = _escaped_data(html())
            if _sha256(escaped) != carried_digest:
                return None  # not what the element carried: it is made again
        elements[name] = next(pieces) + escaped + next(pieces)
    return elements


def _escaped(html: str) -> bytes:
    """`html` as the text of an XML element carries it (the Atom <content>, RSS's
    <content:encoded>), when lxml needs to escape no other character in it: &, < and >."""
    return _escaped_data(_utf8(html))


def _escaped_data(data: bytes) -> bytes:
    """`_escaped` of the HTML whose UTF-8 is `data`: escaped in its bytes, where no byte of a
    character beyond ASCII is one of them. html.escape on the text took 43 µs for 8 KB of HTML,
    and this 26 µs, for each entry of a feed made again from the cache."""
    return data.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")


def _record(
    stat: os.stat_result,
    vouched: bool,
    data: bytes,
    parsed: Parsed,
    values: list[Json],
    key: str,
) -> _Record:
    """The record of a document read as `data` after `stat`, which may vouch for it."""
    record: _Record = [None] * _LENGTH
    record[_SIZE] = len(data)
    record[_MTIME] = stat.st_mtime_ns
    record[_SHA256] = _sha256(data)
    record[_STAT] = _stat_of(stat) if vouched else None
    record[_KEY] = key
    record[_OWN_ID] = parsed.has_own_id
    record[_WARNINGS] = [[warning.message, warning.line] for warning in parsed.warnings]
    record[_RENDERING] = None
    record[_VALUES] = values
    return record


def shard_of(relative: str) -> str:
    """The shard that keeps the record of the document at `relative`."""
    return format(zlib.crc32(_utf8(relative)) % _SHARDS, "02x")


def _stat_of(stat: os.stat_result) -> list[Json]:
    return [stat.st_ctime_ns, stat.st_ino]


def _html_path(folder: Path, html_digest: str) -> str:
    return os.path.join(folder, _HTML, html_digest[:2], f"{html_digest}.html")


class OutputRecords:
    """What each file of one output folder was made from, and its stat after that build."""

    def __init__(self, out_dir: Path, stored: Json) -> None:
        self._out_dir = str(out_dir)
        files = stored.get("files") if isinstance(stored, dict) else None
        self._files: dict[str, Json] = files if isinstance(files, dict) else {}
        self._ids = stored.get("ids") if isinstance(stored, dict) else None
        self._titles = stored.get("titles") if isinstance(stored, dict) else None
        listed = stored.get("listed") if isinstance(stored, dict) else None
        self._listed = listed if isinstance(listed, list) else None
        self._left: dict[str, bool] = {}
        self._restated: dict[str, tuple[int, int, int, int]] = {}
        """The stat of each file found as left by its bytes, not its stat."""

    def unchanged(self, name: str, fingerprint: str) -> bool:
        """Whether the file `name` was made from `fingerprint` and is still as it was left."""
        record = self._files.get(name)
        return isinstance(record, list) and record[:1] == [fingerprint] and self._as_left(name)

    def vouch_for(
        self,
        published_titles: Callable[[], str | None],
        *,
        left_ids: str | None = None,
        retitled: bool = False,
    ) -> bool:
        """Whether no published entry can have a new id: every file the last build left is
        still as it was, and each id it published is published again under the same title and
        date (`published_titles()`, `titles_digest` of those ids and their titles now, None
        when one is gone; of entries that share both, with their documents too, whose texts
        alone tell a swap: pipeline._dated_titles). The same (id, document) pairs are not
        enough: an id that another document took keeps its file but not its title, and files
        of one date that swapped names keep their pairs and dates, which only the feeds' texts
        tell from entries retitled in place (drift._traded). `left_ids`, the `left_digest` of
        those pairs and titles, when the files are known to be as the build that published
        them, or a patch since (which changes no id), left them (staticfeed.delta): the pairs
        alone may be those of another build, whose records a build into another folder, which
        loaded the cache before it, saved again over these. `retitled`: a patch since may have
        retitled an entry, which the titles this build recorded do not know."""
        as_left = left_ids is not None and left_ids == self._left_digest()
        if not self._files or not (as_left or all(map(self._as_left, self._files))):
            return False
        return not retitled and isinstance(self._titles, str) and published_titles() == self._titles

    def _left_digest(self) -> str | None:
        ids, titles = self._ids, self._titles
        if not isinstance(ids, str) or not isinstance(titles, str):
            return None
        return left_digest(ids, titles)

    def listed(self, index_name: str) -> list[str] | None:
        """What the index lists, one listing per article in order, as the build that made it
        with staticfeed's own templates recorded (`after_build`), when the file `index_name`
        is still as the last build left it."""
        listed = self._listed
        if listed is None or not all(isinstance(listing, str) for listing in listed):
            return None
        return listed if self._as_left(index_name) else None

    def after_build(
        self,
        fingerprints: dict[str, str | None],
        ids: tuple[str, str],
        listed: list[str] | None,
        digests: Mapping[str, str],
    ) -> dict[str, Json]:
        """The records to keep once the build wrote its files: `fingerprints` maps each file
        to what it was made from ("" when it is not fingerprinted), or to None when it was kept
        as it was; `digests`, the sha256 of each file made; `ids`, the digests of the published
        (id, document) pairs and of their titles (`titles_digest`). `listed`: what the index
        lists (`listed`), or None."""
        files: dict[str, Json] = {}
        for name, made_from in fingerprints.items():
            if made_from is None:
                kept = self._files[name]
                restated = self._restated.get(name)
                files[name] = kept if restated is None else [kept[0], *restated, kept[-1]]
            elif (stat := _stat(os.path.join(self._out_dir, name))) is not None:
                files[name] = [made_from, *stat, digests.get(name)]
        return {"files": files, "ids": ids[0], "titles": ids[1], "listed": listed}

    def _as_left(self, name: str) -> bool:
        """Whether the file `name` is as the last build left it: by its stat, or, when its size
        is the same, by the sha256 of its bytes (feeds/ checked out afresh). The ctime counts
        as a document's does: a file rewritten by a tool that sets its mtime back keeps its size
        and mtime."""
        if name not in self._left:
            self._left[name] = self._find_as_left(name)
        return self._left[name]

    def _find_as_left(self, name: str) -> bool:
        path = os.path.join(self._out_dir, name)
        record, stat = self._files.get(name), _stat(path)
        if stat is None or not isinstance(record, list) or len(record) != _OUTPUT_RECORD:
            return False
        if record[1:-1] == list(stat):
            return True
        if record[1] != stat[0] or type(record[-1]) is not str:
            return False
        try:
            with open(path, "rb") as stream:
                same = hashlib.file_digest(stream, "sha256").hexdigest() == record[-1]
        except OSError:
            return False
        if same and _stat(path) == stat:  # not changed while it was read
            self._restated[name] = stat
            return True
        return False


_OUTPUT_RECORD = 6
"""An output file's record: what it was made from, its size, mtime_ns, ctime_ns and inode,
and its sha256."""


def _stat(path: str) -> tuple[int, int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


class BuildCache:
    """The cache folder of one publication, loaded; `save` writes it back."""

    def __init__(
        self,
        folder: Path,
        fingerprint: str,
        body: dict[str, Json],
        shards: dict[str, str] | None = None,
    ) -> None:
        """`body` is the index with its "documents" read, from `shards`: the name of each
        shard file the records were read from, by shard."""
        self.folder = folder
        self.fingerprint = fingerprint
        self._shards = shards or {}
        documents = body.get("documents")
        outputs = body.get("outputs")
        self.documents = DocumentCache(folder, documents if isinstance(documents, dict) else {})
        self._outputs: dict[str, Json] = outputs if isinstance(outputs, dict) else {}
        self._plans: Json = body.get("plans")
        self._changed = False
        self._loaded = bool(body)
        self._documents_written = False
        """Whether `write_documents` wrote the records' shards (`_shards` names them)."""

    @classmethod
    def open(cls, folder: Path, fingerprint: str) -> BuildCache:
        """The cache in `folder`; an empty one when there is none or it cannot be used."""
        body = _read_index(folder / _INDEX, fingerprint)
        if body is None:  # its files are then all looked at when saved (_remove_unused_html)
            return cls.empty(folder, fingerprint)
        records, shards = _read_shards(folder / _DOCUMENTS, body.get("documents"))
        return cls(folder, fingerprint, {**body, "documents": records}, shards)

    @classmethod
    def empty(cls, folder: Path, fingerprint: str) -> BuildCache:
        return cls(folder, fingerprint, {})

    def outputs(self, out_dir: Path) -> OutputRecords:
        return OutputRecords(out_dir, self._outputs.get(_folder_key(out_dir)))

    def set_outputs(self, out_dir: Path, records: dict[str, Json]) -> None:
        key = _folder_key(out_dir)
        if self._outputs.get(key) == records:
            return
        self._outputs.pop(key, None)
        self._outputs[key] = records  # the most recent last; the oldest folders are dropped
        for stale in list(self._outputs)[:-_MAX_OUTPUT_FOLDERS]:
            del self._outputs[stale]
        self._changed = True

    def plans(self, key: str, entries: Sequence[Entry]) -> list[FeedPlan] | None:
        """The feed plans the last build made for the same published entries (digest `key`),
        with these `entries`; None when it made them for others."""
        stored = self._plans
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        try:
            return [_plan(values, indexes, entries) for values, indexes in stored["plans"]]
        except _BAD:
            return None

    def keep_plans(self, key: str, plans: Sequence[FeedPlan], entries: Sequence[Entry]) -> None:
        position = {entry.id: index for index, entry in enumerate(entries)}
        stored = []
        for plan in plans:
            values = {f.name: getattr(plan, f.name) for f in fields(plan) if f.name != "entries"}
            if not all(type(value) in _PLAIN for value in values.values()):
                return  # a plan the cache cannot hold: made again next time
            stored.append([values, [position[entry.id] for entry in plan.entries]])
        self._plans = {"key": key, "plans": stored}
        self._changed = True

    def save(self) -> None:
        """Write what changed: HTML files and shards, then the index, then remove the HTML
        and shards it does not name."""
        self.close()
        documents_changed = self.documents.differs_from_loaded()
        if not documents_changed and not self._changed:
            return
        try:
            _prepare_folder(self.folder)
            self.documents.write_html()
            self.documents.write_elements()
            written = self._documents_written or not documents_changed
            shards = self._shards if written else self._write_shards()
            body = {"documents": shards, "outputs": self._outputs, "plans": self._plans}
            _write_index(str(self.folder / _INDEX), self.fingerprint, body)
            if documents_changed:
                self._remove_unused_html()
                shard_files = {f"{name}.json" for name in shards.values()}
                _remove_unused(self.folder / _DOCUMENTS, _SHARD_FILE, shard_files)
                packs = self.documents.elements_in_use()
                _remove_unused(self.folder / _ELEMENTS_FOLDER, _ELEMENTS_FILE, packs)
        except OSError:
            return  # the cache only saves time: a build never fails for it

    def write_documents(self) -> None:
        """Write what the cache keeps of the documents this build read (their HTML, feed
        elements and records) now, not when it is saved: a build does it while its files are
        made durable (Staging.publish), and workers stage its feeds of every entry. `save`
        then writes the index that names them; the documents must not change in between."""
        try:
            _prepare_folder(self.folder)
            self.documents.write_html()
            self.documents.write_elements()
            if self.documents.differs_from_loaded():
                self._shards = self._write_shards()
                self._documents_written = True
        except OSError:
            return  # the cache only saves time: a build never fails for it

    def close(self) -> None:
        """Close the files the cache keeps open while a build reads from it."""
        self.documents.close()

    def _write_shards(self) -> dict[str, str]:
        """Write the shards whose records changed; the name of every shard's file, by shard."""
        shards = dict(self._shards)
        (self.folder / _DOCUMENTS).mkdir(exist_ok=True)
        for shard, records in self.documents.changed_shards().items():
            if not records:
                shards.pop(shard, None)
                continue
            data = compact(records)
            shards[shard] = _sha256(data)
            # Written even when a file of that name exists: it may be the damaged copy that
            # kept these records from being read.
            _write_atomically(os.path.join(self.folder, _DOCUMENTS, f"{shards[shard]}.json"), data)
        return shards

    def _remove_unused_html(self) -> None:
        """Remove the HTML and pack files no record names, and those of layout 4: only such
        files, in real folders, never through a link. Every HTML file is looked at only after
        a cache that could not be used (one of layout 4, say); otherwise those the loaded
        records named."""
        html = self.folder / _HTML
        if html.is_symlink() or not html.is_dir():
            return
        files, packs = self.documents.html_in_use()
        for path in html.iterdir():
            unused = _PACK_FILE.fullmatch(path.name) and path.name not in packs
            if unused or _FORMAT_4_HTML.fullmatch(path.name):
                path.unlink(missing_ok=True)
        if self._loaded:
            for html_digest in self.documents.unused_html_files(files):
                with contextlib.suppress(OSError):
                    os.unlink(_html_path(self.folder, html_digest))
            return
        for shard in html.iterdir():
            if shard.is_symlink() or not shard.is_dir():
                continue
            for path in shard.iterdir():
                unused = _HTML_FILE.fullmatch(path.name) and path.name[:-5] not in files
                if unused or _FORMAT_4_HTML.fullmatch(path.name):
                    path.unlink(missing_ok=True)


def _read_shards(folder: Path, names: Json) -> tuple[dict[str, Json], dict[str, str]]:
    """The records in the shard files `names` lists, and the name of each file read, by
    shard: a file that is missing, or whose sha256 is not its name, is left out, and so is
    a record kept in the wrong shard."""
    records: dict[str, Json] = {}
    read: dict[str, str] = {}
    for shard, name in names.items() if isinstance(names, dict) else ():
        if type(name) is not str or not _DIGEST.fullmatch(name):
            continue
        try:
            data = (folder / f"{name}.json").read_bytes()
            shard_records = json.loads(data.decode("utf-8", "surrogatepass"))
        except (OSError, ValueError, RecursionError):
            continue
        if _sha256(data) != name or type(shard_records) is not dict:
            continue
        records.update(
            (relative, record)
            for relative, record in shard_records.items()
            if shard_of(relative) == shard
        )
        read[shard] = name
    return records, read


def _remove_unused(folder: Path, pattern: re.Pattern[str], in_use: set[str]) -> None:
    """Remove the files of `folder` named as `pattern` says that are not `in_use`: only such
    files, never through a link (shard files, elements' pack files)."""
    if folder.is_symlink() or not folder.is_dir():
        return
    for path in folder.iterdir():
        if pattern.fullmatch(path.name) and path.name not in in_use:
            path.unlink(missing_ok=True)


def _plan(values: Json, indexes: Json, entries: Sequence[Entry]) -> FeedPlan:
    if indexes and min(indexes) < 0:
        raise IndexError("not a cached plan")
    return FeedPlan(**values, entries=tuple(entries[index] for index in indexes))


def _folder_key(out_dir: Path) -> str:
    return str(out_dir.resolve())


def _read_index(path: Path, fingerprint: str) -> dict[str, Json] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    first_line, _, payload = data.partition(b"\n")
    if first_line != _header(fingerprint, payload):
        return None
    try:
        body = json.loads(payload.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):
        return None
    return body if isinstance(body, dict) else None


def _header(fingerprint: str, payload: bytes) -> bytes:
    return _header_line(fingerprint, _sha256(payload))


def _header_line(fingerprint: str, payload_sha256: str) -> bytes:
    header = {
        "staticfeed-cache": _FORMAT,
        "version": __version__,
        "fingerprint": fingerprint,
        "sha256": payload_sha256,
    }
    return json.dumps(header).encode("ascii")


def _write_index(path: str, fingerprint: str, body: dict[str, Json]) -> None:
    """Write the index part by part, never whole in memory: at 50,000 documents its JSON (the
    records of 52,744 output files) is about 7 MB, and four times that as a Python string when one
    character is outside the BMP. The documents' shards are each a 64th of theirs. The
    header, which holds the checksum of what follows it, is written last, over a placeholder
    of the same length (a sha256 is always 64 digits)."""
    hashed = hashlib.sha256()

    def payload() -> Iterator[bytes]:
        for part in _json_parts(body, depth=2):
            hashed.update(part)
            yield part

    placeholder = _header(fingerprint, b"") + b"\n"

    def header() -> bytes:
        return _header_line(fingerprint, hashed.hexdigest())

    _write_atomically(path, itertools.chain([placeholder], payload()), header=header)


def _json_parts(value: Json, depth: int) -> Iterator[bytes]:
    """`value` as compact JSON, the same as one `json.dumps` gives, in parts: the objects in
    its first `depth` levels are opened, so that a part holds at most one of their values."""
    if depth == 0 or type(value) is not dict:
        yield compact(value)
        return
    yield b"{"
    for index, (key, item) in enumerate(value.items()):
        yield (b"," if index else b"") + compact(key) + b":"
        yield from _json_parts(item, depth - 1)
    yield b"}"


def _prepare_folder(folder: Path) -> None:
    """Create the folder with a .gitignore and a CACHEDIR.TAG, so that neither git nor backup
    tools take it."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True)
    (folder / ".gitignore").write_text("# Written by staticfeed: the build cache.\n*\n")
    (folder / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This folder is staticfeed's build cache (https://bford.info/cachedir/).\n"
    )


def _write_atomically(
    path: str, data: bytes | Iterable[bytes], *, header: Callable[[], bytes] | None = None
) -> None:
    """Write `data`, or each of its parts in turn, to a temporary file, then rename it. With
    `header`, what it gives once the parts are written is written again over their start."""
    folder, name = os.path.split(path)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                stream.writelines(data)
            if header is not None:
                stream.seek(0)
                stream.write(header())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
