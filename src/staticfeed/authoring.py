"""Starting a publication and adding to it: init, new, pin and touch, with ids that never drift.

Every function here writes files and nothing else: no printing, no prompts. The command line
(cli.py) asks for what is missing and says what was done. Files are written atomically, a new file
is never written over an existing one, and an edit to an existing document changes only the line it
is about: everything else (a byte-order mark, Windows line ends, comments, the order of keys) stays
byte for byte as the author wrote it.
"""

from __future__ import annotations

import codecs
import errno
import html
import itertools
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path, PurePosixPath
from typing import TypeVar

import yaml

from staticfeed import values
from staticfeed.config import Config, dotted_keys_place, load_config
from staticfeed.dates import DateError, in_utc, in_zone, iso, parse_date
from staticfeed.drift import PublishedEntry, html_text, title_key
from staticfeed.entries import (
    SUFFIXES,
    checked_id,
    decode_document,
    document_paths,
    not_a_regular_file,
    read_entries,
)
from staticfeed.errors import (
    ConfigError,
    EntryError,
    ManyErrors,
    OutputError,
    StaticfeedError,
    broken_link,
    display_path,
    unreachable,
    unreadable,
)
from staticfeed.frontmatter import Document, FrontMatterError, split
from staticfeed.ids import (
    SlugError,
    missing_authority_fix,
    no_owner,
    normalize_slug,
    slug_from_path,
    slugify,
    suggest_authority,
    tag_uri,
)
from staticfeed.infer import read_head
from staticfeed.model import Author, Entry
from staticfeed.output import create_file, write_temporary
from staticfeed.text import for_feeds, unfit_character, with_lf_line_ends

CONFIG_NAME = "staticfeed.toml"
EXAMPLE_TITLE = "Hello, world"
_EXAMPLE_BODY = (
    "This is the first entry of the publication. Edit it or delete it, and add the next one\n"
    'with `staticfeed new "Its title"`.\n'
)
_NEW_FILE_MODE = 0o644
T = TypeVar("T")


# init


def init_project(
    folder: Path, *, title: str, site_url: str, author: str, timezone: str, today: date
) -> list[Path]:
    """Write staticfeed.toml and a first entry in entries/; return the files written.

    The config pins `id_authority` (the site's host and this year), so no entry id ever depends
    on something that could change later. Nothing is written over an existing file: if one is
    in the way, or a value is wrong, a StaticfeedError says so and nothing is written. When
    entries/ already holds documents, no example is added to them.
    """
    checked_url = _input("site_url", site_url, values.site_url)
    checked_author = _input("authors", author, values.author)
    authority = _authority(checked_url, checked_author, today.year)
    config_text = _config_text(title, checked_url, checked_author, timezone, authority)
    _check_config_text(config_text)  # title and timezone: the checks config.py makes
    config_path = folder / CONFIG_NAME
    existing = _existing_config(folder)
    if existing is not None:
        raise ConfigError(
            "the folder already has a staticfeed config",
            "Edit that config, or run init in another folder.",
            path=existing,
        )
    entries_dir = folder / "entries"
    targets = [(config_path, config_text.encode("utf-8"))]
    if not _has_documents(entries_dir):
        slug = slugify(EXAMPLE_TITLE)
        relative = PurePosixPath(f"{today.year:04d}/{slug}.md")
        example = entries_dir / relative
        if _exists(example):
            raise EntryError(
                "the file already exists",
                "Move it away, or run init in another folder.",
                path=example,
            )
        text = _entry_text(
            [
                ("title", EXAMPLE_TITLE),
                ("date", today.isoformat()),
                ("id", tag_uri(authority, slug_from_path(relative))),
            ],
            _EXAMPLE_BODY,
        )
        targets.append((example, text.encode("utf-8")))
    written: list[Path] = []
    try:
        for path, content in targets:
            _create(path, content)
            written.append(path)
    except StaticfeedError:
        for path in written:  # all or nothing: take back what this call wrote
            path.unlink(missing_ok=True)
        raise
    return written


def _input(
    key: str,
    value: object,
    check: Callable[[str, object], T],
    kind: type[StaticfeedError] = ConfigError,
) -> T:
    """`value` checked as the config (or, with `kind` EntryError, an entry) would check it."""
    try:
        _reject_xml_illegal(key, value)
        return check(key, value)
    except values.InvalidValue as problem:
        raise kind(problem.message, problem.fix) from None


def _authority(site_url: str, author: Author, year: int) -> str:
    """The tag URI authority (RFC 4151) init pins: the site's host and the year, else, for a
    host that names no one (an IP address), the author's email; refused without either, as
    any value pinned then would have to stay."""
    authority = suggest_authority(site_url, year, [author.email])
    if authority is None:
        raise ConfigError(
            f"{no_owner(site_url, [author.email])}, but an entry's id (a tag URI, RFC 4151)"
            " needs a domain name or an email address of yours to name whose it is",
            f"Give the author {'an email that can' if author.email else 'with an email'}, as"
            ' --author "Ann Lee <ann@example.org>", or a site URL whose host is a domain name.',
        )
    return authority


def _config_text(title: str, site_url: str, author: Author, timezone: str, authority: str) -> str:
    fields = [f"name = {_toml_string(author.name)}"]
    if author.email is not None:
        fields.append(f"email = {_toml_string(author.email)}")
    return (
        "# staticfeed's configuration: the README describes every key.\n"
        f"title = {_toml_string(title.strip())}\n"
        f"site_url = {_toml_string(site_url)}\n"
        f"timezone = {_toml_string(timezone.strip())}\n"
        f"authors = [{{ {', '.join(fields)} }}]\n"
        "\n"
        "# Every entry's id is tag:<id_authority>:<slug>, and feed readers know entries by their\n"
        "# ids. Never change id_authority, not even when the site moves to another domain: a new\n"
        "# value would make every reader show every entry again, as new.\n"
        f"id_authority = {_toml_string(authority)}\n"
    )


def _check_config_text(text: str) -> None:
    """The config as config.py reads it, so init accepts exactly what build will accept."""
    with tempfile.TemporaryDirectory(prefix="staticfeed-init-") as folder:
        path = Path(folder, CONFIG_NAME)
        path.write_text(text, encoding="utf-8")
        try:
            load_config(path)
        except ConfigError as error:
            # The file named would be a temporary one: the key in the message says what is wrong.
            raise ConfigError(error.message, error.fix) from None
        except ManyErrors as many:  # a bad title and a bad timezone
            raise ManyErrors([ConfigError(e.message, e.fix) for e in many.errors]) from None


def _existing_config(folder: Path) -> Path | None:
    own = folder / CONFIG_NAME
    if _exists(own):
        return own
    pyproject = folder / "pyproject.toml"
    if _is_file(pyproject):
        try:
            tool = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
            return None
        if isinstance(tool, dict) and "staticfeed" in tool:
            return pyproject
    return None


def _has_documents(entries_dir: Path) -> bool:
    return any(True for _ in document_paths(entries_dir, []))


# new


def new_entry(
    config: Config,
    entries_dir: Path,
    title: str,
    *,
    authors: Sequence[str],
    tags: Sequence[str],
    date: datetime | None,
    now: datetime,
    name: str | None = None,
) -> Path:
    """Write entries/<year>/<slug>.md with front matter and a pinned id; return its path.

    `date` (default `now`) is written in the site's time zone with its offset; a date without a
    time zone is a wall time there. The slug comes from `name`, else the title (see
    `ids.slugify`). An existing file is never written over.
    """
    authority = _require_authority(config, "new", now.year)
    checked_title = _input("title", title, values.text, EntryError)
    checked_authors = [_input("authors", name, values.author, EntryError) for name in authors]
    checked_tags = _input("tags", list(tags), values.text_list, EntryError)
    if not authors and not config.authors:
        raise StaticfeedError(
            "the entry has no author, and the config has no default authors",
            "Name an author, or add authors to the config.",
            path=config.path,
        )
    published = _site_time(date if date is not None else now, config.timezone)
    slug = slugify(checked_title if name is None else name)
    relative = PurePosixPath(f"{published.year:04d}/{slug}.md")  # as import writes it
    if _exists(entries_dir / relative):
        raise EntryError(
            "the file already exists",
            "Give the new entry a file name of its own with --slug (or another title), or edit "
            "that file.",
            path=entries_dir / relative,
        )
    documents = _front_matters(entries_dir)
    identifier = tag_uri(authority, slug_from_path(relative))
    _refuse_taken_id(documents, entries_dir, authority, identifier)
    relative = _free_name(config, entries_dir, documents, authority, relative)
    path = entries_dir / relative
    identifier = tag_uri(authority, slug_from_path(relative))
    fields: list[tuple[str, object]] = [("title", checked_title), ("date", iso(published))]
    if checked_authors:  # each author once, as first written: a build reads them so
        written: dict[Author, str] = {}
        for checked, name in zip(checked_authors, authors, strict=True):
            written.setdefault(checked, name.strip())
        fields.append(("authors", list(written.values())))
    if checked_tags:
        fields.append(("tags", list(dict.fromkeys(checked_tags))))
    fields.append(("id", identifier))
    if config.tag_feeds:
        _refuse_other_spellings(documents, config, "tag", checked_tags, "--tag")
    if config.author_feeds:
        new_authors = [author.name for author in checked_authors]
        _refuse_other_spellings(documents, config, "author", new_authors, "--author")
    _create(path, _entry_text(fields, "").encode("utf-8"))
    return path


def _stat(path: Path) -> os.stat_result | None:
    """What is at `path` (a link followed), None when nothing is. A folder on the way that
    cannot be entered is an error naming it, where Path.exists() and is_file() raise
    PermissionError."""
    try:
        return path.stat()
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP, errno.EBADF):
            return None  # as Path.exists() has it
        raise unreachable(path, error) from None


def _exists(path: Path) -> bool:
    return _stat(path) is not None


def _is_file(path: Path) -> bool:
    found = _stat(path)
    return found is not None and stat.S_ISREG(found.st_mode)


def _require_authority(config: Config, command: str, year: int) -> str:
    if config.id_authority is not None:
        return config.id_authority
    emails = [author.email for author in config.authors]
    line, prefix = dotted_keys_place(config.path)
    raise StaticfeedError(
        f"id_authority is not set, and {command} needs it to pin the entry's id",
        missing_authority_fix(config.site_url, year, emails, prefix),
        path=config.path,
        line=line,
    )


def _reject_xml_illegal(key: str, value: object) -> None:
    for text in value if isinstance(value, list) else [value]:
        if isinstance(text, str) and (unfit := unfit_character(text)):
            raise values.InvalidValue(f"{key} contains {unfit}", "Remove it.")


def _site_time(moment: datetime, tz: tzinfo) -> datetime:
    """`moment` in the site's time zone, to the second; a naive one is a wall time there."""
    try:
        return in_zone(moment, tz)
    except DateError as error:
        raise EntryError(f"date: {error}", "Give a time that exists there.") from None


def _front_matters(entries_dir: Path) -> list[tuple[Path, dict[str, object]]]:
    """The front matter of every document in `entries_dir` that has one staticfeed reads."""
    found = []
    for path in document_paths(entries_dir, []) if entries_dir.is_dir() else ():
        try:
            found.append((path, split(_RawFile.read(path).text).metadata))
        except (StaticfeedError, FrontMatterError):
            continue  # the build reports what is wrong with it
    return found


def _refuse_taken_id(
    documents: Sequence[tuple[Path, dict[str, object]]],
    entries_dir: Path,
    authority: str,
    identifier: str,
) -> None:
    """Another document that pinned this id (it was renamed, say), or has it from a name that
    differs only in its suffix (`notes.txt` beside a new `notes.md`), would make a duplicate."""
    holder = _id_holder(documents, entries_dir, authority, identifier)
    if holder is not None:
        raise EntryError(
            f"a new entry would have the id {identifier}, which this document already has",
            "Give the new entry a file name of its own with --slug (or another title).",
            path=holder,
        )


def _id_holder(
    documents: Sequence[tuple[Path, dict[str, object]]],
    entries_dir: Path,
    authority: str,
    identifier: str,
) -> Path | None:
    """The document that has `identifier`, pinned or from its slug or file name."""
    for path, metadata in documents:
        try:
            own_id, own_slug = metadata.get("id"), metadata.get("slug")
            taken = {
                own_id.strip() if isinstance(own_id, str) else None,
                tag_uri(authority, normalize_slug(own_slug)) if isinstance(own_slug, str) else None,
            }
            if own_id is None and own_slug is None:
                relative = PurePosixPath(path.relative_to(entries_dir).as_posix())
                taken.add(tag_uri(authority, slug_from_path(relative)))
        except SlugError:
            continue  # the build reports what is wrong with it
        if identifier in taken:
            return path
    return None


@dataclass(frozen=True)
class _Page:
    """Where a document's page goes (pages.Paged): its slug, and the document."""

    slug: str
    source: Path


def _free_name(
    config: Config,
    entries_dir: Path,
    documents: Sequence[tuple[Path, dict[str, object]]],
    authority: str,
    relative: PurePosixPath,
) -> PurePosixPath:
    """`relative` (`2025/a.md`), else the first of `2025/a-2.md`, `2025/a-3.md`... that no file,
    id or page of another document has. Beside `a.txt` with an id of its own, which keeps the
    page of its name, `a.md` would make the next build fail: the two pages are one."""
    if not config.pages:  # the build places no page, so it finds no clash
        return relative
    from staticfeed.pages import page_is_free  # imports jinja2, for a build that makes pages

    pages = _pages(entries_dir, documents)

    def free(candidate: PurePosixPath) -> bool:
        path, slug = entries_dir / candidate, slug_from_path(candidate)
        taken = candidate != relative and (  # new_entry refused `relative`'s file and id
            _exists(path)
            or _id_holder(documents, entries_dir, authority, tag_uri(authority, slug)) is not None
        )
        # No feed file is checked: each has a suffix (atom.xml), and no folder of a page new
        # writes has a "." (slugify), so none can be a feed's file.
        return not taken and page_is_free(config, pages, _Page(slug, path), ())

    numbered = (relative.with_stem(f"{relative.stem}-{n}") for n in itertools.count(2))
    return next(filter(free, itertools.chain([relative], numbered)))


def _pages(entries_dir: Path, documents: Sequence[tuple[Path, dict[str, object]]]) -> list[_Page]:
    """Each document's page as the build places it: by its slug:, else by its file name."""
    pages = []
    for path, metadata in documents:
        own = metadata.get("slug")
        try:
            relative = PurePosixPath(path.relative_to(entries_dir).as_posix())
            slug = normalize_slug(own) if isinstance(own, str) else slug_from_path(relative)
        except SlugError:
            continue  # the build reports what is wrong with it
        pages.append(_Page(slug, path))
    return pages


def _refuse_other_spellings(
    documents: Sequence[tuple[Path, dict[str, object]]],
    config: Config,
    kind: str,
    names: Sequence[str],
    option: str,
) -> None:
    """A tag or author written otherwise in another document (`News`, where the new entry has
    `news`) would share its feed, which the next build refuses: refused here, before it is."""
    from staticfeed.plan import topic_slug

    wanted = {topic_slug(name): name for name in names}
    if not wanted:
        return
    known: list[tuple[str, Path]] = [(author.name, config.path) for author in config.authors]
    for path, metadata in documents:
        known += [(name, path) for name in _topic_names(metadata, kind)]
    for name, path in known:
        new = wanted.get(topic_slug(name))
        # Composed, as the build reads names: `café` typed with a separate accent is the same.
        if new is not None and values.composed(new) != values.composed(name):
            raise EntryError(
                f"{option} {new!r} would share the feed of the {kind} {name!r} written here",
                f"Give {option} {name!r}, as it is written here.",
                path=path,
            )


def _topic_names(metadata: dict[str, object], kind: str) -> list[str]:
    """The tags or the authors' names a document's front matter gives, as the build reads them;
    none when they are not valid (the build says so)."""
    try:
        if kind == "tag":
            return list(values.text_list("tags", metadata["tags"])) if "tags" in metadata else []
        listed = metadata.get("authors", metadata.get("author"))
        return [author.name for author in values.authors(kind, listed)] if listed else []
    except values.InvalidValue:
        return []


def _entry_text(fields: Sequence[tuple[str, object]], body: str) -> str:
    lines = ["---\n"]
    for key, value in fields:
        if key == "date":  # ISO text as written, unquoted; staticfeed reads it as the date
            lines.append(f"{key}: {value}\n")
        else:
            lines.append(_yaml_field(key, value))
    lines.append("---\n")
    return "".join(lines) + body


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the README writes them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _yaml_field(key: str, value: object) -> str:
    """One `key: value` of YAML that reads back as exactly `value`, whatever its characters."""
    return yaml.dump(
        {key: value},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None if key == "tags" else False,  # tags: [a, b]; authors one a line
        width=1_000_000,
    )


# pin


@dataclass(frozen=True)
class Pinning:
    """What `pin_ids` wrote, and what it could not carry over from an earlier feed."""

    pinned: list[tuple[Path, str]]
    """Each document given `id:`, and the id."""
    carried: dict[Path, PublishedEntry] = field(default_factory=dict)
    """The documents that took the id of an earlier feed's entry, and that entry."""
    left: list[tuple[PublishedEntry, str]] = field(default_factory=list)
    """The earlier feed's entries no document took, and why."""


def pin_ids(config: Config, entries_dir: Path, earlier: Sequence[PublishedEntry] = ()) -> Pinning:
    """Write `id:` into the front matter of every entry that has none; return what was pinned.

    The id written is the one the entry has now, so nothing changes for readers; from then on,
    renaming or moving the file keeps it. An entry of the `earlier` feed (the site's feed before
    staticfeed) with the same title and date gives its id instead (`_carried_over`), so that
    its readers see no entry again. Only the new line (or, for a document without front
    matter, a new block at the top) is added: every other byte stays as it was. If any document
    has an error, ManyErrors lists them all and no file changes.
    """
    entries = read_entries(config, entries_dir).entries
    errors: list[StaticfeedError] = []
    unpinned: list[tuple[Entry, _RawFile, Document]] = []
    for entry in entries:
        try:
            raw = _RawFile.read(entry.source)
            document = raw.document(entry.source)
        except StaticfeedError as error:
            errors.append(error)
            continue
        if "id" not in document.metadata:
            unpinned.append((entry, raw, document))
    taken = {entry.id for entry in entries}
    carried, left = _carried_over([entry for entry, _, _ in unpinned], taken, earlier)
    edits: list[tuple[Path, Path, bytes, str]] = []
    seen: dict[Path, Path] = {}
    for entry, raw, document in unpinned:
        target = entry.source.resolve()
        if target in seen:
            errors.append(
                EntryError(
                    f"the file is a link to {display_path(seen[target])}, another entry: pinning "
                    "would give both the same id",
                    "Remove the link, or write id: into the file by hand.",
                    path=entry.source,
                )
            )
            continue
        seen[target] = entry.source
        identifier = carried[entry.source].id if entry.source in carried else entry.id
        try:
            _refuse_read_only(entry.source, target)
            pinned = _pinned(entry.source, raw, document, identifier)
        except StaticfeedError as error:
            errors.append(error)
            continue
        edits.append((entry.source, target, pinned.encode(), identifier))
    if errors:
        raise ManyErrors(errors)
    for path, target, content, _ in edits:
        _replace(path, target, content)
    written = [(path, identifier) for path, _, _, identifier in edits]
    return Pinning(written, carried, left)


_SAME_DAY = timedelta(hours=36)
"""How far an earlier feed's date may be from the entry's: a date read in another time zone,
or written without its time, moves by up to a day."""


def _carried_over(
    unpinned: Sequence[Entry], taken: set[str], earlier: Sequence[PublishedEntry]
) -> tuple[dict[Path, PublishedEntry], list[tuple[PublishedEntry, str]]]:
    """Which earlier entry each of `unpinned` stands for: the one with its title (letter case
    and spacing aside) and a date within `_SAME_DAY` of its own (any, when the feed gives none),
    the closest first; each earlier entry goes to one document. Also the earlier entries left
    over, with why: an id some entry already has is carried over already."""
    once: dict[str, PublishedEntry] = {}  # an archive may repeat an entry of the feed
    left: list[tuple[PublishedEntry, str]] = []
    for before in earlier:
        if not before.id:  # an RSS item without a guid or a link: readers know it by neither
            left.append((before, "the feed gives it no id"))
            continue
        first = once.setdefault(before.id, before)
        if title_key(first.title) != title_key(before.title):  # not the same entry repeated
            left.append((before, f"its id is also {first.title!r}'s, which readers show alone"))
    by_title: dict[str, list[PublishedEntry]] = {}
    for before in once.values():
        if before.id in taken:
            continue
        try:
            checked_id("id", before.id)
        except values.InvalidValue as problem:
            left.append((before, problem.message))
            continue
        # An RSS title readers take for HTML (feedparser does) reads with its entities decoded.
        by_title.setdefault(title_key(html.unescape(before.title)), []).append(before)
    carried: dict[Path, PublishedEntry] = {}
    for entry in sorted(unpinned, key=lambda entry: (in_utc(entry.published), entry.source)):
        candidates = [
            (abs(before.published - entry.published) if before.published else timedelta(0), before)
            for key in _title_keys(entry.title)
            for before in by_title.get(key, [])
            if before.published is None or abs(before.published - entry.published) <= _SAME_DAY
        ]
        if candidates:
            _, chosen = min(candidates, key=lambda pair: (pair[0], pair[1].id))
            by_title[title_key(html.unescape(chosen.title))].remove(chosen)
            carried[entry.source] = chosen
    unused = [before for group in by_title.values() for before in group]
    left += [(before, "no entry has its title and date") for before in unused]
    return carried, left


def _title_keys(title: str) -> list[str]:
    """The keys an earlier feed may know `title` by: as written, and, when it holds markup,
    as its text, since jekyll-feed writes a title through strip_html (`Second <b>post</b>`
    is `Second post` there)."""
    keys = [title_key(title)]
    if "<" in title:
        keys.append(title_key(html_text(title)))
    return keys


def _pinned(path: Path, raw: _RawFile, document: Document, identifier: str) -> _RawFile:
    fence = raw.fence()
    if fence is None:
        # No front matter: a block with just the id goes on top. The rest of the file stays as it
        # is, byte for byte, and is still the body: its first lines still give the title, date
        # and byline, since a title or date the front matter leaves out is found there as before.
        block = ["---", _yaml_field("id", identifier).rstrip("\n"), "---"]
        candidates = [raw.edited(0, 0, block)]
    elif fence == "+++":
        line = f"id = {_toml_string(identifier)}"
        candidates = raw.insertions(line, [raw.closing_index(), 1])
    else:
        line = raw.yaml_indent() + _yaml_field("id", identifier).rstrip("\n")
        candidates = raw.insertions(line, [raw.closing_index(), 1])
    expected = {**document.metadata, "id": identifier}
    return _first_faithful(path, raw, candidates, expected, f"id: {identifier}")


# touch


@dataclass(frozen=True)
class Touched:
    """What `touch_entry` wrote."""

    updated: str
    """The value of `updated:`."""
    draft: bool
    """The entry is a draft: no feed shows it, nor the new date, until it is published."""


def touch_entry(config: Config, entries_dir: Path, path: Path, now: datetime) -> Touched:
    """Set the entry's `updated:` to `now` in the site's time zone; return what was written.

    An existing `updated` line is replaced, else one is added after `date` (or at the end of the
    front matter); a document without front matter gets a block with just `updated:`. Every
    other byte stays as it was.
    """
    _check_entry_path(entries_dir, path)
    _refuse_read_only(path, path.resolve())
    raw = _RawFile.read(path)
    document = raw.document(path)
    published = _published(document, config.timezone)
    if published is not None and now < published:
        raise EntryError(
            f"the entry is dated {iso(published)}, later than now "
            f"({iso(_site_time(now, config.timezone))}), and updated cannot be earlier than date",
            "Change its date instead, or touch it once it is published.",
            path=path,
            line=document.key_lines.get("date"),
        )
    moment = _site_time(_not_before(now, published), config.timezone)
    value = iso(moment)
    fence = raw.fence()
    if fence is None:
        candidates = [raw.edited(0, 0, ["---", f"updated: {value}", "---"])]
        expected_value: object = value
    elif fence == "+++":
        candidates = raw.toml_touches(value)
        expected_value = datetime.fromisoformat(value)  # a TOML offset date-time
    else:
        candidates = raw.yaml_touches(value)
        expected_value = value
    expected = {**document.metadata, "updated": expected_value}
    touched = _first_faithful(path, raw, candidates, expected, f"updated: {value}")
    _replace(path, path.resolve(), touched.encode())
    return Touched(value, document.metadata.get("draft") is True)


def _not_before(now: datetime, published: datetime | None) -> datetime:
    """`now`, or, when `now` is in the same second as a date with a fraction (`10:00:00.5`),
    the next whole second: `updated:` is written to the second, and `10:00:00` would be earlier
    than the date, which the build refuses."""
    if published is None or now.replace(microsecond=0) >= published:
        return now
    return published.replace(microsecond=0) + timedelta(seconds=1)


def _meant_entry(entries_dir: Path, path: Path) -> Path | None:
    """The one entry `path` names without the entries folder, its suffix or its year folder
    (`2025/my-post.md`, `entries/2025/my-post`, `my-post`), if there is one."""
    bases = [path] if path.is_absolute() else [path, entries_dir / path]
    for base in bases:
        for suffix in ("", *SUFFIXES):
            candidate = base.with_name(base.name + suffix)
            if suffix != base.suffix and _is_file(candidate):
                return candidate
    if len(path.parts) != 1 or not entries_dir.is_dir():
        return None
    stem = path.stem if path.suffix.lower() in SUFFIXES else path.name
    found = [entry for entry in document_paths(entries_dir, []) if entry.stem == stem]
    return found[0] if len(found) == 1 else None


def _check_entry_path(entries_dir: Path, path: Path) -> None:
    if not _is_file(path):
        raise _not_a_document(entries_dir, path)
    root = entries_dir.resolve()
    resolved = path.resolve()
    as_given = Path(os.path.abspath(path))
    if not resolved.is_relative_to(root) and as_given.is_relative_to(os.path.abspath(entries_dir)):
        raise EntryError(  # worded as the build words it
            "the file is a link to outside the entries folder, which staticfeed never follows",
            "Move or copy the document into the entries folder.",
            path=path,
        )
    if not resolved.is_relative_to(root):
        raise EntryError(
            f"the file is not in the entries folder ({display_path(entries_dir)})",
            "Give the path of a document in it, or pass --entries DIR.",
            path=path,
        )
    relative = resolved.relative_to(root)
    if path.suffix.lower() not in SUFFIXES or any(p.startswith(".") for p in relative.parts):
        raise EntryError(
            "the file is not an entry: staticfeed reads only .md, .markdown and .txt files "
            "whose names and folders do not start with a dot",
            "Give the path of an entry.",
            path=path,
        )


def _not_a_document(entries_dir: Path, path: Path) -> StaticfeedError:
    """The error of `path`, which is no regular file: a pipe, or a link leading nowhere, is
    there (`ls` lists it), and "there is no such file" misled."""
    broken = broken_link(path, EntryError, "a document in the entries folder")
    if broken is not None:
        return broken
    if _exists(path) and not path.is_dir():
        return not_a_regular_file(path)
    meant = None if path.is_dir() else _meant_entry(entries_dir, path)
    return EntryError(
        "it is a folder, not a document" if path.is_dir() else "there is no such file",
        f"Give its path from here: {display_path(meant)}."
        if meant is not None
        else "Give the path of a document in the entries folder, like entries/2025/my-post.md.",
        path=path,
    )


def _published(document: Document, tz: tzinfo) -> datetime | None:
    """The entry's date when it can be read; the build reports a date it cannot."""
    if "date" in document.metadata:
        try:
            return parse_date(document.metadata["date"], tz)
        except DateError:
            return None
    return read_head(document.body, tz, document.body_line, find_title=False).published


# Editing a document without changing anything else


@dataclass(frozen=True)
class _RawFile:
    """A document as bytes would give it back: its lines, each line's own end, and its BOM."""

    bom: bytes
    lines: tuple[str, ...]
    ends: tuple[str, ...]  # "\n", "\r\n" or "\r" after each line; "" after the last

    @classmethod
    def read(cls, path: Path) -> _RawFile:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise unreadable(path, error) from None
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        text = decode_document(path, data)
        # As the build reads it (with_lf_line_ends): a CR alone ends a line only without LF.
        parts = re.split(r"(\r\n|\n)" if "\n" in text else r"(\r)", text)
        return cls(bom, tuple(parts[0::2]), (*parts[1::2], ""))

    @property
    def text(self) -> str:
        """The text as build reads it: without the BOM, every line end `\\n`, and a character
        feeds cannot carry changed as build changes it (a C1 control, which YAML would take for
        a line end, is the character browsers show). Its lines are `lines`, one for one."""
        return for_feeds(with_lf_line_ends("\n".join(self.lines)))

    def encode(self) -> bytes:
        return self.bom + "".join(map(str.__add__, self.lines, self.ends)).encode("utf-8")

    def document(self, path: Path) -> Document:
        try:
            return split(self.text)
        except FrontMatterError as error:
            raise EntryError(error.message, error.fix, path=path, line=error.line) from None

    def newline(self) -> str:
        """The file's own line end, for the lines added to it."""
        return self.ends[0] or "\n"

    def fence(self) -> str | None:
        first = self.lines[0].rstrip()
        return first if first in ("---", "+++") else None

    def closing_index(self) -> int:
        fence = self.fence()
        return next(i for i in range(1, len(self.lines)) if self.lines[i].rstrip() == fence)

    def edited(self, start: int, stop: int, new: Sequence[str]) -> _RawFile:
        """Lines `start:stop` replaced by `new`: a replaced line keeps its end, a new one gets
        the file's own."""
        ends = [self.newline()] * len(new)
        if stop > start and new:
            ends[-1] = self.ends[stop - 1]
        return replace(
            self,
            lines=(*self.lines[:start], *new, *self.lines[stop:]),
            ends=(*self.ends[:start], *ends, *self.ends[stop:]),
        )

    def insertions(self, line: str, indexes: Sequence[int]) -> list[_RawFile]:
        return [self.edited(index, index, [line]) for index in indexes]

    # YAML front matter

    def _yaml_root(self) -> yaml.Node | None:
        loader = yaml.SafeLoader(self._yaml_source())
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            return None
        finally:
            loader.dispose()

    def _yaml_source(self) -> str:
        """The front matter as build reads it (a CR alone inside a line is a space there)."""
        return "\n".join(self.text.split("\n")[1 : self.closing_index()])

    def _place(self, mark: yaml.Mark) -> tuple[int, int]:
        """The index in `lines` and the column of a mark of `_yaml_root`. Not the mark's own
        line and column: YAML 1.1 also ends a line at U+2028 and U+2029, which a file's lines
        hold, as editors and build read them."""
        source = self._yaml_source()
        start = source.rfind("\n", 0, mark.index) + 1
        return source.count("\n", 0, mark.index) + 1, mark.index - start

    def yaml_indent(self) -> str:
        """Keys go where the front matter's keys are: usually the first column."""
        root = self._yaml_root()
        column = self._place(root.start_mark)[1] if isinstance(root, yaml.MappingNode) else 0
        return " " * column

    def _yaml_item(self, key: str) -> tuple[yaml.Node, yaml.Node] | None:
        root = self._yaml_root()
        if not isinstance(root, yaml.MappingNode):
            return None
        return next(((k, v) for k, v in root.value if k.value == key), None)

    def _between(self, begin: tuple[int, int], end: tuple[int, int]) -> str:
        """The text from one place in `lines` to another, on one line or more."""
        (first, column), (last, stop) = begin, end
        if first == last:
            return self.lines[first][column:stop]
        middle = self.lines[first + 1 : last]
        return "\n".join([self.lines[first][column:], *middle, self.lines[last][:stop]])

    def yaml_touches(self, value: str) -> list[_RawFile]:
        """Ways to set updated: replace its key and value, or add a line after date's."""
        new_line = f"updated: {value}"
        closing = self.closing_index()
        found = self._yaml_item("updated")
        if found is not None:
            key, old = found
            first, column = self._place(key.start_mark)
            start, start_column = self._place(old.start_mark)
            last, end = self._place(old.end_mark)
            if end == 0 and last > start:  # a block scalar, which ends below its blank lines
                last -= 1
                while last > start and not self.lines[last].strip():
                    last -= 1
                end = len(self.lines[last])
            if "#" in self._between(self._place(key.end_mark), (start, start_column)):
                # A comment between the key and the value stays: only the value changes.
                first, column, new_line = start, start_column, value
            comment = ""  # of a block scalar's `|` or `>` line, which the value's span holds
            if isinstance(old, yaml.ScalarNode) and old.style in ("|", ">"):
                header = self.lines[start][start_column:]
                indicator = re.match(r"[|>][-+0-9]*", header)
                comment = header[indicator.end() :] if indicator else ""
            merged = self.lines[first][:column] + new_line + comment + self.lines[last][end:]
            return [self.edited(first, last + 1, [merged])]
        indexes = [closing, 1]
        dated = self._yaml_item("date")
        if dated is not None:
            line, column = self._place(dated[1].end_mark)
            indexes.insert(0, line if column == 0 else line + 1)
        return self.insertions(self.yaml_indent() + new_line, indexes)

    # TOML front matter

    def toml_touches(self, value: str) -> list[_RawFile]:
        closing = self.closing_index()
        date_index = None
        for index in range(1, closing):
            line = self.lines[index]
            if re.match(r"\s*\[", line):
                break  # keys after a table header belong to the table
            match = _TOML_UPDATED.match(line)
            if match:
                merged = f"{match['lead']}{value}{match['tail']}"
                return [self.edited(index, index + 1, [merged])]
            if date_index is None and re.match(r"\s*date\s*=", line):
                date_index = index
        indexes = [closing, 1] if date_index is None else [date_index + 1, closing, 1]
        return self.insertions(f"updated = {value}", indexes)


_TOML_UPDATED = re.compile(
    r"""(?P<lead>\s*updated\s*=\s*)(?:"(?:[^"\\]|\\.)*"|'[^']*'|[^#]*?)(?P<tail>\s*(?:\#.*)?)$"""
)


def _first_faithful(
    path: Path,
    before: _RawFile,
    candidates: Sequence[_RawFile],
    expected: dict[str, object],
    line: str,
) -> _RawFile:
    """The first edit that staticfeed reads as `expected` metadata and the same body.

    Reading the edited text back is the proof that the edit did what it should and nothing else,
    whatever the front matter looks like (tables in TOML, `...` or flow style in YAML).
    """
    original = split(before.text)
    body = original.body if original.has_front_matter else before.text
    for candidate in candidates:
        try:
            document = split(candidate.text)
        except FrontMatterError:
            continue
        if document.metadata == expected and document.body == body:
            return candidate
    raise EntryError(
        "staticfeed cannot add to this front matter without changing something else in it",
        f"Write {line} into the front matter by hand.",
        path=path,
    )


# Writing files


def _create(path: Path, content: bytes) -> None:
    """Write a new file at once (a reader sees all of it or nothing), never over another."""
    _make_folder(path.parent)
    try:
        create_file(path, content, _NEW_FILE_MODE)
    except FileExistsError:
        raise EntryError(
            "the file already exists", "Move it away or choose another name.", path=path
        ) from None
    except OSError as error:
        raise OutputError(
            f"cannot write the file ({error.strerror})",
            "Check the folder's permissions and free space.",
            path=path,
        ) from None


def _make_folder(folder: Path) -> None:
    """The folder a new file goes in, made if need be; a file in the way is an error naming it
    (mkdir says "File exists", which read as if the new file did)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # the folder, or one above it, is a file
        found = (p for p in (folder, *folder.parents) if p.exists() and not p.is_dir())
        in_the_way = next(found, folder)
        raise EntryError(
            "a file is where a folder must go",
            "Move the file away, or choose another place.",
            path=in_the_way,
        ) from None
    except OSError as error:
        raise OutputError(
            f"cannot make the folder ({error.strerror})",
            "Check the folder's permissions and free space.",
            path=folder,
        ) from None


def _refuse_read_only(path: Path, target: Path) -> None:
    """Refuse a document whose permissions say it is not to be written: `_replace` renames a
    new file over it, which only the folder's permissions stop, and root may write any file,
    so its mode bits are the one sign of what its owner meant."""
    try:
        mode = target.stat().st_mode
    except OSError as error:
        raise unreadable(path, error) from None
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise EntryError(
            "the file is read-only",
            "If it is to change, make it writable (chmod u+w) and run the command again.",
            path=path,
        )


def _replace(path: Path, target: Path, content: bytes) -> None:
    """Replace `target` (the file `path` is, or links to) at once, keeping its permissions."""
    made: list[Path] = []
    try:
        try:
            temporary = write_temporary(target, content, target.stat().st_mode & 0o7777, made)
        except PermissionError as error:  # the file's own permissions were checked before
            raise OutputError(
                f"cannot make a file in the folder ({error.strerror}): a document is replaced "
                "by a new file made beside it",
                "Make the folder writable (chmod u+w), then run the command again.",
                path=target.parent,
            ) from None
        os.replace(temporary, target)
    except OSError as error:
        raise OutputError(
            f"cannot write the file ({error.strerror})",
            "Check its permissions and the free space; run the command again once fixed.",
            path=path,
        ) from None
    finally:
        _remove(made)


def _remove(made: list[Path]) -> None:
    for temporary in made:
        temporary.unlink(missing_ok=True)


def _toml_string(text: str) -> str:
    """A TOML basic string that reads back as exactly `text`."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04X}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'
