"""Which documents changed since the last build, and where that build placed each document.

A rebuild after the text of one document changed need not read the others: their entries are
where the last build put them, and only the files that show the edited one change. After a
build with the cache, `save` keeps beside the stamp (staticfeed.stamp) the stat of every file
under the entries folder and, for each document, a digest of all that places its entry among
the others (`placing`: its id, slug, dates, authors, tags, whether it is a draft, whether it
has an image, and its link when another document links to it), a digest of what the index
page lists of it, and the feeds that carry it.

The next build, when the stamp cannot replay the last one, asks `load` for the last build.
When the config, the code, the options, the templates and every file the last build wrote
are as it left them, and the only files of the entries folder that changed are a few of its
documents (`Previous.patchable`), staticfeed.patch reads those documents alone and, when their
placing is the same, patches the files that show them (the index too, when its listing
changed); a patch keeps what it changed, and the new listings, in a second, small record
(`save_patched`). Any other change makes the build a full one, which still takes from the
record the placing of each entry it reads the same, and, after patches, that the files they
rewrote changed no id. A document changed too recently for its stat to vouch for its content
(see staticfeed.stamp) is kept as changed, so the next build reads it again.

Nothing in the file is trusted: it is checked as the stamp is, and a record of the wrong
shape makes the build a full one. This module imports nothing heavy.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from pathlib import Path

from staticfeed import stamp
from staticfeed.model import Entry

MOST_CHANGED = 16
"""More changed documents than this are read by a full build, many at once."""

Row = str
"""A document's record (`row`): its placing, its key in the build cache, its listing and the
indexes of the feed plans that carry it, in one string: 10,000 of them are read and written
in a third of the time of as many lists."""
_NONE = "-"
Link = tuple[str, str, str]
"""A feed as pages announce it: its title, URL and media type (pages.FeedLink)."""


@dataclass(frozen=True)
class Placed:
    """Where the last build placed a document's entry."""

    placing: str
    listing: str | None
    """What the index lists of it (`lists`); None when pages use the user's templates, which
    may show anything of it."""
    plans: tuple[int, ...] | None
    """The feed plans that carry it, by index in `Basis.plans`; None when it is not published."""

    def lists(self, listing: str) -> bool:
        """Whether the index listed the entry as `listing` (pages.index_listing) says."""
        return self.listing is not None and self.listing == _short(listing)


@dataclass(frozen=True)
class Basis:
    """Where a build placed each document, and what a patch needs to make files as it did."""

    documents: Mapping[str, object]
    """Each document's `Placed`, as a `Row`, by POSIX path under the entries folder."""
    plans: Sequence[str]
    """The base name of each feed plan (plan.file_name gives its files)."""
    main: Sequence[Link]
    topics: Sequence[Link]
    """The main feeds, and the tag and author feeds, as pages announce them."""
    report: Sequence[tuple[str, int | None]]
    """Each file the build made or kept, in the order of its report, with the number of
    entries of a feed (None for other files)."""
    ids: str
    """The digest of the (id, document) pairs the build published and of their titles, as
    the cache's output records keep it (cache.left_digest)."""

    def placed(self, relative: str) -> Placed | None:
        """The document's placing, when the basis has one of the right shape."""
        parts = _parts(self.documents.get(relative))
        if parts is None:
            return None
        placing, _, listing, plans = parts
        shown = None if listing == _NONE else listing
        if plans == _NONE:
            return Placed(placing, shown, None)
        indexes = plans.split(",") if plans else []
        if not all(_is_index(index, len(self.plans)) for index in indexes):
            return None
        return Placed(placing, shown, tuple(int(index) for index in indexes))


def _is_index(text: str, count: int) -> bool:
    return text.isascii() and text.isdigit() and int(text) < count


def row(placing: str, listing: str | None, plans: Sequence[int] | None, key: str) -> Row:
    shown = _NONE if plans is None else ",".join(str(plan) for plan in plans)
    return f"{placing} {_short(key)} {_short(listing) if listing else _NONE} {shown}"


def _short(digest: str) -> str:
    """The first 128 bits of a digest: as unlikely to collide, and a third of the record."""
    return digest[:32]


def _parts(found: object) -> list[str] | None:
    parts = found.split(" ") if isinstance(found, str) else []
    return parts if len(parts) == 4 and all(parts[:3]) else None


def placing(entry: Entry, *, linked: bool = False) -> str:
    """A digest of all that places `entry` among the others and in a feed's own elements: an
    edit that changes none of it changes only the files that show the entry. For an entry
    whose document another entry links to (`linked`, staticfeed.doclinks), its link too, which
    that entry's HTML holds: a patch checks both ways, so a new link is not patched."""
    authors = [(author.name, author.email, author.uri) for author in entry.authors]
    values = (entry.id, entry.slug, entry.published.isoformat(), entry.updated.isoformat())
    shown = repr((values, authors, entry.tags, entry.draft, entry.image, entry.review))
    if linked:
        shown += repr(entry.link)
    return _short(hashlib.sha256(shown.encode("utf-8", "surrogatepass")).hexdigest())


@dataclass(frozen=True)
class Patched:
    """What a patch (staticfeed.patch) changed."""

    written: frozenset[str]
    """The files whose bytes changed, by POSIX path under the output folder."""
    listed: Mapping[str, str]
    """What the index now lists of each document whose listing changed (pages.index_listing),
    by document."""


@dataclass(frozen=True)
class Previous:
    """The last build, as `save` and `save_patched` kept it, and what changed since."""

    basis: Basis
    left: stamp.Stats | None
    """The files it left, as they still are; None when they are not, or were not looked at
    (no patch can be made, and none was made since the full build)."""
    left_out: tuple[str, ...]
    """The lines of its report about entries left out (drafts, scheduled entries)."""
    valid_until: int | None
    changed: tuple[str, ...] | None
    """The documents changed since, by POSIX path under the entries folder; None when the
    build cannot patch: a file was added or removed, a file that is not a document changed,
    or more than MOST_CHANGED documents did."""
    made: str
    """Names the record of the full build that placed the documents."""
    patched: frozenset[str]
    """The documents that builds since the full one patched."""
    listed: Mapping[str, str]
    """What the index lists of the documents whose listing a patch since changed (their
    rows in `basis` say so already), by document."""

    @property
    def patchable(self) -> bool:
        return self.changed is not None and self.left is not None

    def placing(self, relative: str, key: str) -> str | None:
        """The `placing` of the document, when its entry is the one that build read: the same
        cache key (cache.encode_parsed), which digests every value of the parsed entry."""
        parts = _parts(self.basis.documents.get(relative))
        return parts[0] if parts is not None and parts[1] == _short(key) else None

    def left_ids(self) -> str | None:
        """The digest of the (id, document) pairs the last build published and of their
        titles (`Basis.ids`), when the files it left are as it, or a patch since, left them. A
        patch changes no id, so the next full build need not read every published feed for ids
        that changed (the id guard) because the files it patched are not as the build cache
        last saw them."""
        return self.basis.ids if self.left is not None else None


def load(scan: stamp.Scan, now_ns: int | None = None) -> Previous | None:
    """The last build into the same folder from the same config, code and options, when its
    record can be read; with the few documents changed since, when nothing else changed."""
    record = stamp.read(_path(scan))
    if record is None or record.get("setup") != scan.setup or stamp.is_due(record, now_ns):
        return None
    tree, made = record.get("tree"), record.get("made")
    if not isinstance(tree, dict) or not isinstance(made, str):
        return None
    since = _since(scan, made, tree.keys())
    if since is not None:
        tree, record = {**tree, **since.tree}, {**record, "state": since.state}
    left, left_out = stamp.left_in(record), _strings(record, "left_out")
    basis = _basis(record, left.outputs) if left is not None else None
    if basis is None or left is None or left_out is None:
        return None
    if not stamp.zones_still(left):
        # Every date in the config's zone may have moved, and each placing with it: a build
        # that took them over would patch, or keep, entries at their old offsets.
        return None
    listed = since.listed if since is not None else {}
    if listed:
        basis = replace(basis, documents=_relisted(basis.documents, listed))
    changed = _changed(scan, tree, basis)
    # A patch needs the files as they were left; so does a full build after patches, to skip
    # the id guard. Without either, the build cache looks at them itself.
    stats = stamp.still(left) if changed is not None or since is not None else None
    valid_until = record.get("valid_until")
    due = valid_until if type(valid_until) is int else None
    patched = frozenset(since.tree) if since is not None else frozenset()
    return Previous(basis, stats, tuple(left_out), due, changed, made, patched, listed)


def _relisted(documents: Mapping[str, object], listed: Mapping[str, str]) -> dict[str, object]:
    """`documents` with the listing of each document in `listed` replaced."""
    relisted = dict(documents)
    for relative, listing in listed.items():
        parts = _parts(documents.get(relative))
        if parts is not None:
            relisted[relative] = " ".join([*parts[:2], listing, parts[3]])
    return relisted


def _changed(scan: stamp.Scan, tree: Mapping[str, object], basis: Basis) -> tuple[str, ...] | None:
    """The documents whose stat is not the one `tree` kept; None when a file was added or
    removed, or one that is not a document (or too many documents) changed."""
    if tree.keys() != scan.tree.keys():
        return None
    changed = tuple(relative for relative, stat in scan.tree.items() if tree[relative] != stat)
    if len(changed) > MOST_CHANGED or any(basis.placed(name) is None for name in changed):
        return None
    return changed


@dataclass(frozen=True)
class _Since:
    """What `save_patched` kept since a full build."""

    tree: dict[str, str]
    """The stat of the documents patched since."""
    state: str
    """The state of the files the last patch left (stamp.Left.state)."""
    listed: dict[str, str]
    """The new listing of each document patched since whose listing changed."""


def _since(scan: stamp.Scan, made: str, names: AbstractSet[str]) -> _Since | None:
    """What `save_patched` kept since the full build `made`, when it has the right shape."""
    since = stamp.read(_since_path(scan))
    state = since.get("state") if since is not None else None
    if since is None or since.get("made") != made or not isinstance(state, str):
        return None
    tree, listed = since.get("tree"), since.get("listed")
    if not isinstance(tree, dict) or not isinstance(listed, dict):
        return None
    if not tree.keys() <= names or not listed.keys() <= tree.keys():
        return None
    if not all(isinstance(value, str) for value in [*tree.values(), *listed.values()]):
        return None
    if not all(_is_digest(listing) for listing in listed.values()):
        return None
    return _Since(tree, state, listed)


def _is_digest(text: str) -> bool:
    return len(text) == 32 and set(text) <= _HEX_DIGITS


_HEX_DIGITS = frozenset("0123456789abcdef")


def save(
    scan: stamp.Scan,
    left: stamp.Left | None,
    basis: Basis | None,
    *,
    left_out: Sequence[str],
    valid_until: int | None,
) -> None:
    """Keep what the build that `scan` was taken for placed where, for the next build's
    `load`; remove what an earlier build kept when there is nothing to keep."""
    names = [name for name, _ in basis.report] if basis is not None else None
    if left is None or names is None or left.outputs[: len(names)] != names:
        discard(scan)
        return
    assert basis is not None
    record = {
        "made": secrets.token_hex(16),
        "setup": scan.setup,
        "tree": _tree(scan, scan.tree),
        **left.fields(),
        "valid_until": valid_until,
        "left_out": list(left_out),
        "documents": basis.documents,
        "plans": list(basis.plans),
        "main": [list(link) for link in basis.main],
        "topics": [list(link) for link in basis.topics],
        "counts": [count for _, count in basis.report],
        "ids": basis.ids,
    }
    _discard(_since_path(scan))
    stamp.write(_path(scan), record)


def save_patched(
    scan: stamp.Scan, previous: Previous, left: stamp.Left | None, listed: Mapping[str, str]
) -> None:
    """Keep what a build that patched files (staticfeed.patch) changed since the full build:
    the stat of the documents patched since, of the files it left, and what the index now
    lists of each document whose listing changed (`listed`, by document, as
    pages.index_listing gives it). The placing of every document, and the stat of the
    others, stay as the full build kept them, which is most of what there is to write (2.6
    MB at 10,000 documents)."""
    if left is None or previous.changed is None:
        discard(scan)
        return
    patched = previous.patched.union(previous.changed)
    since = {
        "made": previous.made,
        "tree": _tree(scan, patched),
        "state": left.state,
        "listed": {**previous.listed, **{name: _short(text) for name, text in listed.items()}},
    }
    stamp.write(_since_path(scan), since)


def _tree(scan: stamp.Scan, names: Iterable[str]) -> dict[str, str]:
    """The stat of each of `names`; a document changed too recently to be vouched for by its
    stat has none, and counts as changed in the next build."""
    return {name: "" if name in scan.recent else scan.tree[name] for name in names}


def discard(scan: stamp.Scan) -> None:
    _discard(_since_path(scan))
    _discard(_path(scan))


def _discard(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _path(scan: stamp.Scan) -> Path:
    return scan.path.with_name(scan.path.name.replace("stamp-", "delta-", 1))


def _since_path(scan: stamp.Scan) -> Path:
    return scan.path.with_name(scan.path.name.replace("stamp-", "delta-since-", 1))


def _basis(record: Mapping[str, object], outputs: Sequence[str]) -> Basis | None:
    """The basis kept in `record`; the files of its report are the first `outputs`."""
    documents, plans = record.get("documents"), _strings(record, "plans")
    main, topics = _links(record.get("main")), _links(record.get("topics"))
    report, ids = _report(record.get("counts"), outputs), record.get("ids")
    if not isinstance(documents, dict) or plans is None or main is None or topics is None:
        return None
    if report is None or not isinstance(ids, str):
        return None
    return Basis(documents, plans, main, topics, report, ids)


def _strings(record: Mapping[str, object], key: str) -> list[str] | None:
    values = record.get(key)
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        return None
    return values


def _links(values: object) -> list[Link] | None:
    if not isinstance(values, list):
        return None
    links = []
    for value in values:
        if not isinstance(value, list) or len(value) != 3:
            return None
        if not all(isinstance(part, str) for part in value):
            return None
        links.append((value[0], value[1], value[2]))
    return links


def _report(counts: object, outputs: Sequence[str]) -> list[tuple[str, int | None]] | None:
    if not isinstance(counts, list) or len(counts) > len(outputs):
        return None
    if not all(count is None or type(count) is int for count in counts):
        return None
    return list(zip(outputs, counts, strict=False))
