"""Turn existing documents into staticfeed entries for a person to review (`staticfeed import`).

Three kinds of input:

- another tool's posts: Jekyll or Hugo front matter (YAML or TOML) and Pelican `Key: value`
  headers, whose metadata is mapped to staticfeed's keys; the body is kept as written;
- HTML pages: the main text is extracted with lxml and written as Markdown, the metadata is
  read from the markup (`<meta>`, JSON-LD, `<h1>`, `<time>`, `rel=author`);
- plain text and Markdown without front matter, typically copied from a web page: the date,
  title, section headings, authors (from bylines and from the bios that close an article),
  their emails and the "Originally published by" line are recovered, glued pull quotes are
  separated again, and page residue (share buttons, comment counters, related posts) is
  dropped. A page that holds several articles, each closing with its author bio, gives one
  entry per article.

Every value that was recovered from the text rather than read from metadata is a guess: the
entry lists it in `guessed`, and the written front matter lists it under `review:`.

The sources are only read. Entries are written to `<into>/<year>/<slug>.md`; an existing entry is
never overwritten, and if any document has a problem, nothing is written at all.
"""

from __future__ import annotations

import codecs
import contextlib
import itertools
import json
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path, PurePath, PurePosixPath
from typing import TypeAlias
from urllib.parse import urljoin

import lxml.html
import webencodings
from lxml import etree

from staticfeed import gfm, nesting, values
from staticfeed.codeblocks import fenced
from staticfeed.dates import (
    DateError,
    front_matter_date,
    lenient_date_line,
    lenient_refusal,
    parse_date,
)
from staticfeed.entries import SUFFIXES as ENTRY_SUFFIXES
from staticfeed.entries import decode_document
from staticfeed.errors import (
    ManyErrors,
    StaticfeedError,
    display_path,
    unreachable,
    unreadable,
)
from staticfeed.frontmatter import FrontMatterError, split
from staticfeed.ids import slugify
from staticfeed.infer import HTML_INTERRUPTS, read_head
from staticfeed.localfiles import LocalFile, local_files
from staticfeed.model import Author
from staticfeed.output import MANIFEST_NAME, create_file
from staticfeed.render import EXTENSIONS, inline_text
from staticfeed.sitelangs import (
    ContentFolder,
    HugoSites,
    PelicanDefault,
    hugo_sites,
    pelican_default_lang,
)
from staticfeed.text import collapse_whitespace, for_feeds, shorten, with_lf_line_ends

TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Posts in the other formats Pelican, Hugo and Jekyll read (reStructuredText, AsciiDoc, Org,
# Pandoc, Textile), and notebooks: import reads none, and passing one over unsaid lost a post.
OTHER_POST_SUFFIXES = (
    ".rst",
    ".adoc",
    ".asciidoc",
    ".org",
    ".pandoc",
    ".pdc",
    ".textile",
    ".ipynb",
)
# The order of the front-matter keys an import writes, and of the fields `review:` lists.
FIELDS = ("title", "date", "updated", "authors", "summary", "tags", "link", "image", "lang")
_TITLE_FROM_SENTENCE_LIMIT = 80
_WRAP_MAX = 120
_SENTENCE_ENDS = tuple('.!?:;\u2026"\u201d\u2019)]')
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class ImportedEntry:
    """One entry made from a document: what was written (or would be, on a dry run)."""

    source: Path  # the document it was made from, which is never changed
    path: Path  # the entry written: <into>/<year>/<slug>.md
    title: str
    date: datetime
    authors: tuple[Author, ...]  # empty: the config's default authors apply
    source_line: str | None  # "Originally published by X", written as the body's last line
    guessed: frozenset[str]  # fields recovered from the text: title, date, authors, source, …
    body: str
    updated: datetime | None = None
    summary: str | None = None
    tags: tuple[str, ...] = ()
    link: str | None = None
    image: str | None = None
    lang: str | None = None
    draft: bool = False
    left_out: tuple[str, ...] = ()  # the source's metadata that has no staticfeed key
    named_from: str | None = None  # the URL path it is named from: "permalink /history/x/"
    translation: str | None = None  # the language its Hugo file name gives: `fr` of `x.fr.md`
    lang_from: str | None = None  # where its lang came from: "from the file name, as Hugo …"
    not_copied: tuple[LocalFile, ...] = ()  # files and folders beside the source it links to
    post: bool = False  # another site generator's post, which that site's feed carried
    document: str = ""  # the whole file: front matter and body


class ImportProblem(StaticfeedError):
    """A document that cannot be imported, or an entry that would overwrite another."""


def import_documents(
    sources: Sequence[Path],
    into: Path,
    *,
    timezone: tzinfo,
    dry_run: bool,
    config_timezone: tzinfo | None = None,
    passed_over: list[Path] | None = None,
    notes: list[str] | None = None,
) -> list[ImportedEntry]:
    """Make an entry in `into` of every document in `sources` (files, or folders of them).

    Dates written without an offset are wall times in `timezone`. The entries' dates are
    written as wall times only in `config_timezone`, the zone the build reads them in (by
    default `timezone`), and with their offset in any other. With `dry_run`
    nothing is written. Raises `ManyErrors` listing every problem, and then writes nothing.
    The posts in the folders that import cannot read (OTHER_POST_SUFFIXES) go to `passed_over`;
    what the user should know of a site's config (one not read) goes to `notes`.
    """
    errors: list[StaticfeedError] = []
    drafts: list[tuple[Path, _Draft]] = []
    notes = [] if notes is None else notes
    sites = hugo_sites(sorted({source.resolve() for source in sources}), notes)
    pelican_sites: dict[Path, PelicanDefault] = {}
    found = _source_files(sources, into, errors, [] if passed_over is None else passed_over)
    for path in _published(found, sources, sites, notes):
        try:
            read = _read_source(path, timezone, sites)
            for draft in read:
                _take_file_language(draft, path, sites)
                _take_folder_language(draft, sites.content_folder(path.resolve()))
                if draft.header == "pelican":
                    _mark_pelican_translation(draft, path, pelican_sites)
            drafts.extend((path, draft) for draft in read)
        except ManyErrors as many:
            errors.extend(many.errors)
        except StaticfeedError as error:
            errors.append(error)
        except RecursionError:  # a page of unclosed elements, each read inside the last
            errors.append(
                ImportProblem(
                    "the document nests elements (or JSON values) too deep to read",
                    "Save only the article's text in a copy, or close the elements it leaves "
                    "open, and import the copy.",
                    path=path,
                )
            )
    entries = _place(drafts, into, config_timezone or timezone, errors, read_in=timezone)
    if errors:
        raise ManyErrors(errors)
    if not dry_run:
        _write(entries)
    return entries


# ---------------------------------------------------------------------------------------------
# Which files


def _source_files(
    sources: Sequence[Path], into: Path, errors: list[StaticfeedError], passed_over: list[Path]
) -> list[Path]:
    """The files named, and the documents in the folders named (but none inside `into`)."""
    found: list[Path] = []
    for source in sources:
        if source.is_dir():
            inside = sorted(_documents_in(source, into, errors, passed_over))
            if not inside:
                errors.append(
                    ImportProblem(
                        "the folder holds no document to import",
                        f"Import {', '.join(TEXT_SUFFIXES + HTML_SUFFIXES)} files.",
                        path=source,
                    )
                )
            found.extend(inside)
        elif source.is_file() and source.suffix.lower() in OTHER_POST_SUFFIXES:
            errors.append(
                ImportProblem(
                    f"import does not read {source.suffix} documents: it would take their markup "
                    "for text",
                    "Convert it to Markdown or HTML (pandoc can), and import that.",
                    path=source,
                )
            )
        elif source.is_file():
            found.append(source)
        else:
            errors.append(ImportProblem("no such file or folder", "Check the path.", path=source))
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _documents_in(
    folder: Path, into: Path, errors: list[StaticfeedError], passed_over: list[Path]
) -> Iterator[Path]:
    target = into.resolve()
    within = folder.resolve()
    # What a build wrote (feeds/, with its list of files): its pages are the entries again.
    built = [marker.parent for marker in folder.rglob(MANIFEST_NAME)]
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if any(path.is_relative_to(output) for output in built):
            continue
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
            if path.suffix.lower() in OTHER_POST_SUFFIXES and path.is_file():
                passed_over.append(path)
            continue
        if path.stem.partition(".")[0] == "_index":
            continue  # a Hugo section's list page (`_index.fr.md` in French), not a post
        if path.resolve().is_relative_to(target):
            continue  # importing a folder that holds entries/ must not import the entries
        if not path.resolve().is_relative_to(within):
            # A link out of the folder (to ~/.ssh/config, /etc/passwd: a downloaded site's
            # archive may hold one) would publish that file's text in the feeds.
            errors.append(
                ImportProblem(
                    f"the file is a link to {display_path(path.resolve())}, outside "
                    f"{display_path(folder)}, and is not followed",
                    "Remove the link, or name the file it leads to if that is the document "
                    "to import.",
                    path=path,
                )
            )
            continue
        yield path


def _published(
    paths: list[Path], sources: Sequence[Path], sites: HugoSites, notes: list[str]
) -> list[Path]:
    """The documents but those found in a folder in a language their Hugo site's config
    disables, which Hugo does not publish, with a line in `notes` naming them."""
    named = {source.resolve() for source in sources if source.is_file()}
    off = {
        path: lang
        for path in paths
        if path.resolve() not in named
        and (lang := sites.disabled_language(path.resolve())) is not None
    }
    if off:
        shown = ", ".join(display_path(path) for path in list(off)[:5])
        more = f" and {len(off) - 5} more" if len(off) > 5 else ""
        notes.append(
            f"passed over {len(off)} {'document' if len(off) == 1 else 'documents'} in a "
            f"language its Hugo site's config disables ({', '.join(sorted(set(off.values())))}), "
            f"which Hugo does not publish: {shown}{more}. Name a file to import it all the same."
        )
    return [path for path in paths if path not in off]


def _take_file_language(draft: _Draft, path: Path, sites: HugoSites) -> None:
    """Give a document without front matter in a Hugo site the language its file name gives
    (`pont.fr.md`), as Hugo publishes it; a post's name was read with its front matter."""
    if draft.post or sites.site_of(path.resolve()) is None:
        return
    _, language = sites.file_language(path)
    if language is not None:
        draft.translation = language
        draft.lang, draft.lang_from = language, "from the file name, as Hugo reads it"


def _take_folder_language(draft: _Draft, folder: ContentFolder | None) -> None:
    """Give a document of a Hugo site's language folder (`content/fr/`) that language, unless
    its file name or front matter gives one; outside the default language, it is a
    translation, named as one. Hugo gives every content file of the folder its language,
    one without front matter too: it publishes that one in the language as well."""
    if folder is None or folder.lang is None or draft.translation is not None:
        return  # in no folder of a language, or in one of a key that is no language tag
    if not folder.default:
        draft.translation = folder.lang
    if draft.lang is None:
        draft.lang = folder.lang
        draft.lang_from = f"from its folder {folder.written}, as Hugo's {folder.config} maps it"


def _mark_pelican_translation(draft: _Draft, path: Path, sites: dict[Path, PelicanDefault]) -> None:
    """A Pelican post whose `Lang:` is not the site's DEFAULT_LANG is a translation, which
    Pelican publishes at its ARTICLE_LANG_URL, `{slug}-{lang}.html` unless set: named as it
    was, unless its own `URL:` or `Save_as:` named it. Where that name is the original's,
    `{lang}/{slug}.html`, it is named as Hugo's translations are."""
    if draft.lang is None or draft.named_from is not None:
        return
    default = pelican_default_lang(path.resolve().parent, sites)
    if draft.lang.lower() != default.lang.lower():
        draft.translation = draft.lang
        draft.lang_from = f"a translation: {default.said}"
        named = _pelican_translation_name(draft, default.translation_url)
        if named is not None:
            draft.slug, draft.translation = named, None
            draft.named_from = default.translation_said


def _pelican_translation_name(draft: _Draft, url: str) -> str | None:
    """The name a translation's URL ends in (`cranes-fr` of `{slug}-{lang}.html`), or None
    when it is its original's (`{slug}`) or holds a placeholder it cannot fill (`{date}`)."""
    end = _post_name(PurePosixPath(url))
    slug = draft.slug or (slugify(draft.title) if draft.title else None)
    if end == "{slug}" or slug is None or draft.lang is None:
        return None
    filled = end.replace("{slug}", slug).replace("{lang}", draft.lang)
    return None if "{" in filled or "}" in filled else _slug_of_name(filled)


# ---------------------------------------------------------------------------------------------
# What one document holds


@dataclass
class _Draft:
    """An entry being put together from one document (or one article of a page)."""

    body: str
    title: str | None = None
    date: datetime | None = None
    updated: datetime | None = None
    authors: list[Author] = field(default_factory=list)
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    link: str | None = None
    image: str | None = None
    lang: str | None = None
    draft: bool = False
    source_line: str | None = None
    slug: str | None = None
    guessed: set[str] = field(default_factory=set)
    left_out: list[str] = field(default_factory=list)
    named_from: str | None = None
    translation: str | None = None  # the language of a Hugo translation's file name: `fr`
    lang_from: str | None = None  # where its lang came from, when not its own metadata
    line: int | None = None  # where the article starts, when a page holds several
    post: bool = False  # another site generator's post (Jekyll, Hugo, Pelican)
    header: str | None = None  # where its metadata is: "yaml", "toml", "pelican" or "html"

    def guess(self, name: str, value: object) -> bool:
        """Record a guessed value for an empty field; true if it was taken."""
        if value in (None, "", [], ()) or getattr(self, name) not in (None, "", [], ()):
            return False
        setattr(self, name, value)
        self.guessed.add("source" if name == "source_line" else name)
        return True


def _read_source(path: Path, tz: tzinfo, sites: HugoSites) -> list[_Draft]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise unreadable(path, error, ImportProblem) from None
    if _looks_like_html(path, data):
        return [_from_html(path, data, tz)]
    text = _decode(path, data)
    if not text.strip():  # else nothing imported, and "0 entries written" named no file
        raise ImportProblem(
            "the file holds no text",
            "Leave it out of what you import, or save the document's text in it.",
            path=path,
        )
    if text.split("\n", 1)[0].rstrip() in ("---", "+++"):
        return [_from_front_matter(path, text, tz, sites)]
    pelican = _pelican_header(text)
    if pelican is not None:
        return [_from_pelican(path, pelican, tz)]
    return _from_text(text, tz)


def _looks_like_html(path: Path, data: bytes) -> bool:
    if path.suffix.lower() in HTML_SUFFIXES:
        return True
    start = data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:64].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _decode(path: Path, data: bytes) -> str:
    return for_feeds(  # as build reads it: YAML takes a C1 control (U+0085) for a line end
        with_lf_line_ends(
            decode_document(path, data, ImportProblem, "Save it as UTF-8, then import it again.")
        )
    )


# ---------------------------------------------------------------------------------------------
# Other tools' posts: Jekyll and Hugo front matter, Pelican headers

_TITLE_KEYS = ("title",)
_DATE_KEYS = ("date", "publishdate", "pubdate", "published_at")
_UPDATED_KEYS = ("lastmod", "last_modified_at", "modified", "updated", "updated_at")
_AUTHOR_KEYS = ("authors", "author")
_SUMMARY_KEYS = ("summary", "description", "excerpt")
_TAG_KEYS = ("tags", "categories", "category")
_LINK_KEYS = ("link", "canonical_url", "canonicalurl", "permalink", "url")
_IMAGE_KEYS = ("image", "images", "featured_image", "cover")
_JEKYLL_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")
_TEXT_KEYS = (*_TITLE_KEYS, *_SUMMARY_KEYS, *_TAG_KEYS, "slug")


def _from_front_matter(path: Path, text: str, tz: tzinfo, sites: HugoSites) -> _Draft:
    try:
        document = split(text, names_only=False)  # another tool's keys: take what fits
    except FrontMatterError as error:
        raise ImportProblem(error.message, error.fix, path=path, line=error.line) from None
    header = "toml" if text.startswith("+++") else "yaml"
    draft = _Draft(body=fenced(document.body), post=True, header=header)
    # Text as written: YAML 1.1 reads "title: No" as false and "tags: [3.10]" as 3.1; Hugo's
    # YAML 1.2 shows them as written, and so should the entry.
    as_written = {key: value for key, value in document.written.items() if key in _TEXT_KEYS}
    _map_metadata(draft, {**document.metadata, **as_written}, document.key_lines, path, tz)
    if "_drafts" in path.parts:
        draft.draft = True  # Jekyll publishes _drafts/ only with --drafts
    jekyll = _JEKYLL_NAME.match(path.stem)  # Jekyll's _posts/2025-12-22-title.md
    if jekyll and draft.date is None:
        draft.date = _date_value("date", jekyll.group(1), path, None, tz)
    if jekyll and draft.title is None:
        # Jekyll's own title for such a post (titleize_slug), which its feed and pages showed:
        # not the first paragraph, which would then leave the body.
        draft.title = " ".join(word.capitalize() for word in jekyll.group(2).split("-"))
    name, language = sites.file_language(path) if not jekyll else (path.stem, None)
    if language is not None:
        draft.translation = language
        if draft.lang is None:
            draft.lang, draft.lang_from = language, "from the file name, as Hugo reads it"
    if draft.slug is None:  # the URL took it (Jekyll, Hugo), not the title
        draft.slug = _slug_of_name(jekyll.group(2) if jekyll else _post_name(path.with_stem(name)))
    _fill_from_head(draft, document.body, document.body_line, tz)
    _drop_earlier_update(draft)
    return draft


def _slug_of_url_path(by_key: dict[str, tuple[str, object]]) -> tuple[str, str] | None:
    """The name a post's URL ends in when its front matter sets that URL whole (Jekyll's
    `permalink: /history/cranes/`, Hugo's `url:`), over its slug and file name, with the key
    (lowercase) it is from. A permalink with placeholders (`/:year/:title/`) takes its name from
    them, and so sets none. A path without its leading `/` sets it too: Jekyll puts the `/`
    before it, and Hugo reads it against the root of the post's language."""
    for key in ("permalink", "url"):
        value = by_key.get(key, ("", None))[1]
        if isinstance(value, str) and value.strip() and ":" not in value:
            slug = _slug_of_site_path(value)
            return (slug, key) if slug is not None else None
    return None


def _slug_of_site_path(path: str) -> str | None:
    """The name a URL path ends in (`/history/cranes/`, `old/cranes.html`), or None."""
    return _slug_of_name(_post_name(PurePosixPath(path)))


def _post_name(path: PurePath) -> str:
    """The name a post's URL takes from its file: `NAME.md`, or the folder of a Hugo page
    bundle, `NAME/index.md` (and of a URL path, `NAME/index.html`)."""
    return path.parent.name if path.stem == "index" else path.stem


def _slug_of_name(name: str) -> str | None:
    """The slug of a post's file name, or None for a name without a letter or digit, which
    would make `entry` where the title makes a name."""
    return slugify(name) if any(char.isalnum() for char in name) else None


def _map_metadata(
    draft: _Draft, meta: dict[str, object], lines: dict[str, int], path: Path, tz: tzinfo
) -> None:
    """Carry each key another tool writes over to the staticfeed key that means the same."""
    by_key = {str(key).lower(): (str(key), value) for key, value in meta.items()}
    used: set[str] = set()

    def first(keys: tuple[str, ...]) -> tuple[str, object] | None:
        for key in keys:
            if key in by_key and by_key[key][1] not in (None, "", []):
                used.add(key)
                return by_key[key]
        return None

    def line(key: str) -> int | None:
        return lines.get(key)

    if found := first(_TITLE_KEYS):
        draft.title = _scalar_text(found[1])
    if found := first(_DATE_KEYS):
        draft.date = _date_value(found[0], found[1], path, line(found[0]), tz)
    if found := first(_UPDATED_KEYS):
        draft.updated = _date_value(found[0], found[1], path, line(found[0]), tz)
    for key in _AUTHOR_KEYS:
        if key in by_key:
            used.add(key)
            draft.authors = _merge_people(draft.authors, _metadata_authors(by_key[key][1]))
    if found := first(_SUMMARY_KEYS):
        draft.summary = collapse_whitespace(_scalar_text(found[1])) or None
    for key in _TAG_KEYS:
        if key in by_key:
            used.add(key)
            value = by_key[key][1]
            # Jekyll's singular category is one value ("Open Source"), its plurals a list.
            listed = [value.strip()] if key == "category" and isinstance(value, str) else None
            draft.tags = _unique(draft.tags + (listed or _tag_list(value)))
    _map_flags(draft, by_key, used)
    named = _slug_of_url_path(by_key)
    if named is not None:  # the post's file name, not a value build refuses
        used.add(named[1])
        draft.slug = named[0]
        draft.named_from = " ".join(str(part) for part in by_key[named[1]])
    if found := first(_LINK_KEYS):
        try:
            draft.link = values.absolute_url("link", found[1])
        except values.InvalidValue:
            if named is None or by_key[named[1]] != found:
                draft.left_out.append(f"{found[0]} (not an absolute URL)")
    if found := first(_IMAGE_KEYS):
        image = found[1][0] if isinstance(found[1], list) else found[1]
        if not (isinstance(image, str) and image.strip()):
            draft.left_out.append(found[0])
        elif _fetchable(image.strip()):
            draft.image = image.strip()
        else:
            draft.left_out.append(f"{found[0]} (not an http(s) URL)")  # data:, as build refuses
    if found := first(("lang", "language")):
        try:
            draft.lang = values.language_tag("lang", found[1])
        except values.InvalidValue:
            draft.left_out.append(f"{found[0]} (not a language tag)")
    if (found := first(("slug",))) and named is None:
        draft.slug = slugify(_scalar_text(found[1])) or None
    draft.left_out.extend(original for key, (original, _) in by_key.items() if key not in used)


def _drop_earlier_update(draft: _Draft) -> None:
    """Leave out an update earlier than the date, which build refuses. Checked once the date is
    known: a Jekyll post's may come from its file name, any post's, a page's or a text's from a
    line of its text."""
    if draft.updated and draft.date and draft.updated < draft.date:
        draft.updated = None
        draft.guessed.discard("updated")  # nothing is left to review
        draft.left_out.append("updated (earlier than the date)")


def _map_flags(draft: _Draft, by_key: dict[str, tuple[str, object]], used: set[str]) -> None:
    """Hugo's `draft`, Jekyll's `published: false` and Pelican's `Status: draft`."""
    if "draft" in by_key:
        used.add("draft")
        draft.draft = _truth(by_key["draft"][1])
    if "published" in by_key and isinstance(by_key["published"][1], bool | str):
        used.add("published")
        draft.draft = draft.draft or not _truth(by_key["published"][1])
    if "status" in by_key:
        status = _scalar_text(by_key["status"][1]).lower()
        if status in ("draft", "published"):
            used.add("status")
            draft.draft = draft.draft or status == "draft"


def _truth(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "1")
    return bool(value)


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_scalar_text(item) for item in value)
    return str(value).strip()


def _date_value(key: str, value: object, path: Path, line: int | None, tz: tzinfo) -> datetime:
    try:
        return parse_date(value, tz)
    except DateError as error:
        raise ImportProblem(
            f"{key}: {error}",
            "Correct the date in a copy of the document and import the copy.",
            path=path,
            line=line,
        ) from None


def _metadata_authors(value: object) -> list[Author]:
    listed = value if isinstance(value, list) else [value]
    # `author: 李安、陈波` is two people, which the build refuses as one text (listed_author).
    items = [part for item in listed for part in _parted(item)]
    found: list[Author] = []
    for item in items:
        if isinstance(item, dict):
            name = item.get("name") or item.get("display_name")
            if isinstance(name, str) and name.strip():
                email = item.get("email")
                uri = item.get("uri") or item.get("url") or item.get("website")
                author = Author(
                    name=name.strip(),
                    email=email.strip() if isinstance(email, str) and email.strip() else None,
                    uri=_absolute_or_none(uri),
                )
                found.append(_with_address_apart(author))
        elif isinstance(item, str) and item.strip():
            try:
                found.append(values.author("author", item))
            except values.InvalidValue:
                found.append(_with_address_apart(Author(name=item.strip())))
    return found


def _parted(item: object) -> list[object]:
    return list(values.parted_names(item)) if isinstance(item, str) else [item]


def _with_address_apart(author: Author) -> Author:
    """`author` with the address in its name (`Ann Lee (ann@example.org)`) as its email: build
    refuses a name with an address in it. An address alone stays the name, for build to say
    what to write: there is no name to guess."""
    found = values.split_address(author.name)
    if found is None or not found[0]:
        return author
    return Author(name=found[0], email=author.email or found[2], uri=author.uri)


def _fetchable(url: str) -> bool:
    """Whether `url` is one build takes for an image: http(s), or relative to the site."""
    try:
        values.refuse_other_scheme("image", url)
    except values.InvalidValue:
        return False
    return True


def _absolute_or_none(value: object) -> str | None:
    try:
        return values.absolute_url("uri", value) if value is not None else None
    except values.InvalidValue:
        return None


def _tag_list(value: object) -> list[str]:
    """Tags as a list; Jekyll allows them as one string separated by spaces."""
    if isinstance(value, list):
        return [_scalar_text(item) for item in value if _scalar_text(item)]
    text = _scalar_text(value)
    return [tag for tag in re.split(r"\s*,\s*" if "," in text else r"\s+", text) if tag]


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.casefold() not in seen:
            seen.add(item.casefold())
            kept.append(item)
    return kept


def _fill_from_head(draft: _Draft, body: str, body_line: int, tz: tzinfo) -> None:
    """Take a title, date or byline the metadata leaves out from the top of the body."""
    if draft.title is not None and draft.date is not None and draft.authors:
        return
    head = read_head(
        body,
        tz,
        body_line,
        find_title=draft.title is None,
        find_date=draft.date is None,
        find_byline=not draft.authors,
    )
    taken = draft.title is None and draft.guess("title", head.title)
    taken |= draft.date is None and draft.guess("date", head.published)
    names = [Author(name=name) for name in head.byline_names]
    taken |= not draft.authors and draft.guess("authors", names)
    if taken:
        draft.body = head.body


_PELICAN_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class _PelicanHeader:
    metadata: dict[str, object]
    key_lines: dict[str, int]
    body: str
    body_line: int


def _pelican_header(text: str) -> _PelicanHeader | None:
    """Pelican's `Title: …` lines up to the first blank line, when they name the title. Pelican
    takes any key (`Series:`, a plugin's own), so any `Key: value` line belongs to the header;
    those staticfeed has no use for are listed as left out."""
    lines = text.split("\n")
    raw: dict[str, str] = {}
    key_lines: dict[str, int] = {}
    index = 0
    while index < len(lines) and lines[index].strip():
        match = _PELICAN_LINE.match(lines[index])
        if match:
            key = match.group(1).lower()
            raw[key] = match.group(2)
            key_lines[key] = index + 1
        elif raw and lines[index][:1] in (" ", "\t"):
            last = list(raw)[-1]
            raw[last] = f"{raw[last]} {lines[index].strip()}"
        else:
            return None
        index += 1
    if "title" not in raw:
        return None
    metadata: dict[str, object] = {}
    for key, value in raw.items():
        if key in ("tags", "authors", "keywords"):
            metadata[key] = [item for item in re.split(r"\s*[,;]\s*", value) if item]
        else:
            metadata[key] = value
    body = "\n".join(lines[index + 1 :])
    return _PelicanHeader(metadata, key_lines, body, index + 2)


def _from_pelican(path: Path, header: _PelicanHeader, tz: tzinfo) -> _Draft:
    draft = _Draft(body=header.body, post=True, header="pelican")
    metadata = dict(header.metadata)
    # Pelican's URL: and Save_as: are the page's path on the site, not a link.
    site_paths: dict[str, str] = {
        key: str(metadata.pop(key)) for key in ("url", "save_as") if key in metadata
    }
    _map_metadata(draft, metadata, header.key_lines, path, tz)
    _name_from_site_path(draft, site_paths)
    _fill_from_head(draft, header.body, header.body_line, tz)
    _drop_earlier_update(draft)
    return draft


def _name_from_site_path(draft: _Draft, site_paths: dict[str, str]) -> None:
    """Name a Pelican post as Pelican published it: at its `URL:`, else its `Save_as:`, taken
    as written (`2010/02/cranes/`, `cranes/index.html`, relative to the site), over its
    `Slug:`. One with a placeholder (`{slug}.html`, which Pelican does not fill in here) or a
    full URL names nothing; with no name from either, both are listed as left out."""
    for key in ("url", "save_as"):
        value = site_paths.get(key, "")
        slug = _slug_of_site_path(value) if "{" not in value and ":" not in value else None
        if slug is not None:
            draft.slug, draft.named_from = slug, f"{key} {value}"
            return
    draft.left_out.extend(
        f"{key} (a path on the site)" if key == "url" else key for key in site_paths
    )


# ---------------------------------------------------------------------------------------------
# Plain text and Markdown without front matter: the text is cut into units (paragraphs, single
# lines, Markdown blocks), each unit is classified, and articles are read from the units.


@dataclass(frozen=True)
class _Unit:
    kind: str  # "text" (a paragraph or a line), "heading" (Markdown), "markdown" (list, quote…)
    text: str
    line: int | None = None


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HR = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_STRUCTURES = (
    ("list", re.compile(r"^ {0,3}(?:[-+*]|\d{1,9}[.)])[ \t]+\S")),
    ("quote", re.compile(r"^ {0,3}>")),
    ("table", re.compile(r"^ {0,3}\|")),
    ("html", re.compile(r"^ {0,3}<(?:[A-Za-z][\w-]*[\s/>]|/[A-Za-z]|!--)")),
    ("image", re.compile(r"^ {0,3}!\[")),
)


def _units(text: str) -> list[_Unit]:
    lines = text.split("\n")
    width = _wrap_width(lines)
    units: list[_Unit] = []
    index = 0
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        fence = _FENCE.match(lines[index])
        if fence:
            marker = fence.group(1)
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith(marker):
                end += 1
            units.append(_Unit("markdown", "\n".join(lines[index : end + 1]).rstrip(), index + 1))
            index = end + 1
            continue
        end = index
        while end < len(lines) and lines[end].strip() and not _FENCE.match(lines[end]):
            end += 1
        units.extend(_block_units(lines[index:end], index + 1, width))
        index = end
    return units


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text is hard-wrapped at, or None when each line is a paragraph of its own.

    Text wrapped by an editor has lines of at most 120 characters or so, and a line that the
    next word would not have fit in ends in the middle of a sentence: that shows the wrapping.
    In text copied from a web page, each paragraph is one line, of any length.
    """
    widths = [len(line.rstrip()) for line in lines if " " in line.strip() and "://" not in line]
    width = max(widths, default=80)
    if width > _WRAP_MAX:
        return None
    wrapped = [
        second
        for first, second in itertools.pairwise(lines)
        if first.strip()
        and second.strip()
        and not _structure(first, in_paragraph=True)
        and not _structure(second, in_paragraph=True)
        and not _fits(first, second, width)
        and not first.rstrip().endswith(_SENTENCE_ENDS)
    ]
    # A title that is the longest line is full too; two such lines, or one that the next line
    # continues in lower case, are wrapping.
    if len(wrapped) >= 2 or any(line.lstrip()[:1].islower() for line in wrapped):
        return width
    return None


def _fits(previous: str, line: str, width: int) -> bool:
    """Whether the first word of `line` would have fit at the end of `previous`."""
    words = line.split()
    return not words or len(previous.rstrip()) + 1 + len(words[0]) <= width


def _structure(line: str, *, in_paragraph: bool = False) -> str | None:
    """The Markdown block a line starts, if any: `in_paragraph`, a tag that CommonMark reads
    as the paragraph's text starts none."""
    if _ATX.match(line) or _HR.match(line) or _SETEXT.match(line) or _FENCE.match(line):
        return "other"
    found = next((name for name, pattern in _STRUCTURES if pattern.match(line)), None)
    return None if found == "html" and in_paragraph and _inline_html(line) else found


def _inline_html(line: str) -> bool:
    """Whether a line that starts with a tag continues a paragraph above it, as its text."""
    return not HTML_INTERRUPTS.match(line)


def _block_units(block: list[str], first_line: int, width: int | None) -> list[_Unit]:
    """Units of consecutive non-blank lines: a line break where the next word would have fit
    was meant, so it ends a unit; a paragraph wrapped at `width` stays one unit."""
    units: list[_Unit] = []
    current: list[str] = []
    current_line = first_line
    open_structure: str | None = None

    def flush() -> None:
        if current:
            units.append(_Unit("text", "\n".join(current), current_line))
            current.clear()

    for offset, line in enumerate(block):
        number = first_line + offset
        structure = next((name for name, pattern in _STRUCTURES if pattern.match(line)), None)
        heading = _ATX.match(line)
        # An indented line continues a list item or a quote; so does an unindented one in
        # wrapped Markdown (a lazy continuation), but not in text where each line is a paragraph.
        continues = line[:1] in (" ", "\t") or width is not None
        # `===` underlines the lines above it, wrapped or not; `---` under wrapped lines is
        # taken for a thematic break, as plain text writes one.
        if _SETEXT.match(line) and current and (len(current) == 1 or line.lstrip()[0] == "="):
            level = "#" if line.strip().startswith("=") else "##"
            title = " ".join(part.strip() for part in current)
            units.append(_Unit("heading", f"{level} {title}", current_line))
            current.clear()
            open_structure = None
        elif heading:
            flush()
            units.append(_Unit("heading", line.strip(), number))
            open_structure = None
        elif _HR.match(line):
            flush()
            units.append(_Unit("markdown", line.strip(), number))
            open_structure = None
        elif (
            structure == "html"
            and current
            and _inline_html(line)
            and not _meant_break(current[-1], line, width)
        ):
            current.append(line)  # a tag among a wrapped paragraph's words: its text
        elif structure is not None or (open_structure and not current and continues):
            flush()
            if open_structure is not None and (structure in (None, open_structure)):
                last = units[-1]
                units[-1] = _Unit("markdown", f"{last.text}\n{line}", last.line)
            else:
                units.append(_Unit("markdown", line, number))
                open_structure = structure
        elif current and not _meant_break(current[-1], line, width):
            current.append(line)
        else:
            flush()
            current.append(line)
            current_line = number
    flush()
    return units


def _meant_break(previous: str, line: str, width: int | None) -> bool:
    """A line break where the next word would have fit was meant; so is the break around a
    line that means something on its own (a date, a byline, page residue)."""
    if width is None or _fits(previous, line, width):
        return True
    return _single_meaning(previous) or _single_meaning(line)


def _single_meaning(line: str) -> bool:
    plain = _plain(line)
    return bool(
        _residue(plain)
        or _SOURCE.match(plain)
        or _byline(plain, UTC)
        or lenient_date_line(plain, UTC) is not None
    )


def _plain(text: str) -> str:
    """A line without the emphasis or heading marks around it."""
    return text.strip().strip("*_#").strip()


# What a single line can be.

_DATE_LABEL = re.compile(
    r"^(?P<label>posted|published|first published|written|date|dated|"
    r"updated|last updated|last modified|modified)(?:\s+on)?\s*[:\s]\s*(?P<date>.+)$",
    re.I,
)
_UPDATE_LABELS = ("updated", "last updated", "last modified", "modified")
_BYLINE = re.compile(
    r"^(?:(?:written|posted|words|text|reporting|story|article)\s+)?by\s*:?\s+(?P<rest>.+)$", re.I
)
_AUTHORS_LABEL = re.compile(r"^(?:authors?|writers?|words)\s*:\s*(?P<rest>.+)$", re.I)
_POSTED_BY = re.compile(
    r"^(?:posted|published|written)(?:\s+on)?\s+(?P<date>.+?)\s+by\s+(?P<rest>.+)$", re.I
)
_DATE_AFTER_NAMES = re.compile(
    "\\s+(?:on|[|\u00b7\u2022\u2014\u2013-])\\s+|,\\s+|\\s*[|\u00b7\u2022]\\s*"
)
_NAME_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,|;|\s+and\s+|\s*&\s*)\s*")
_PARTICLES = _words(
    "de da di del della der den van von la le du dos das bin ibn al el ter ten y zu"
)
_NOT_NAMES = _words(
    """The This That These Those It Its He She They We I You Our His Her Their Both Each All
    Many Some Most In On At After Before When While If As But And Or So A An There Here
    Today Yesterday Now Then However Also Why How What Who Where Which One Two No Not By For
    From With To Of Under Over During Since Until Dear Meanwhile Last Next Every"""
)
_COMMENTS_HEADER = re.compile(
    r"^(?:no|\d+|one)\s+(?:comments?|thoughts?|responses?|replies)(?:\s+(?:on|to)\s.{1,200})?:?$",
    re.I,
)
_COMMENT_BY = re.compile(r"^.{1,60}?\s(?:said|says|wrote)\W{0,4}$", re.I)
_COMMENTS_END = re.compile(r"^(?:post a comment|leave a (?:comment|reply)|add a comment)\W*$", re.I)
_RESIDUE_STRONG = re.compile(
    r"^(?:posted by .{1,80}? at \d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|labels?\s*:.*)$", re.I
)
_RESIDUE_WEAK = re.compile(
    r"^(?:post a comment|leave a (?:comment|reply)|comments?|related(?: posts?| articles?| "
    r"stories)?:?|you (?:may|might) also like:?|read (?:more|also|next):?|newer posts?|older "
    r"posts?|home|subscribe to:.*|like this:?|(?:like\s+)?loading\W*|follow us.*|advertisement|"
    r"(?:tags?|categories|category|filed under)\s*:.*)$",
    re.I,
)
# A site's menu, pasted with the page: three or more short links parted by | • or ·
# ("Home | About | Contact"), which was taken for the title above the real one. Not a line
# with a digit (a date: "Tuesday | 4 March 2025 | 5 min read") or a byline.
_MENU = re.compile(r"^(?!by\s)[^|•·.!?\d]{1,30}(?:\s+[|•·]\s+[^|•·.!?\d]{1,30}){2,}$", re.I)
_BUTTON_TOKEN = re.compile(
    r"email this|blogthis!|share (?:to|on|via) (?:x|twitter|facebook|pinterest|linkedin|whatsapp"
    r"|telegram|reddit|email|bluesky|mastodon|threads)|share this(?: article| post)?:?|share|tweet"
    r"|pin it|like|facebook|twitter|whatsapp|telegram|reddit|linkedin|pinterest|email|print"
    r"|bluesky|mastodon|newer posts?|older posts?|home",
    re.I,
)
_TAG_LINE = re.compile(r"^(?:labels?|tags?|categories|category|filed under)\s*:\s*(.+)$", re.I)
_SOURCE = re.compile(
    r"^(?:(?:this|the) (?:article|essay|piece|post|story|text|interview|report) (?:was|is) )?"
    r"(?:originally|first) (?:published|appeared|posted|printed)\b.{0,200}$"
    r"|^(?:re(?:published|printed|posted) (?:from|with permission from|by)|source:)\s.{1,200}$",
    re.I,
)


@dataclass(frozen=True)
class _Facts:
    """What one unit is, when it is a single line with a meaning of its own."""

    date: datetime | None = None
    updated: bool = False  # the date line says "Updated"
    byline: tuple[str, ...] = ()
    residue: str | None = None  # "strong" (ends a post) or "weak"
    tags: tuple[str, ...] = ()
    source: str | None = None
    title_like: bool = False

    @property
    def special(self) -> bool:
        return bool(self.date or self.byline or self.residue or self.source)


def _classify(unit: _Unit, tz: tzinfo) -> _Facts:
    if unit.kind == "heading":
        return _Facts(title_like=True)
    if unit.kind != "text" or "\n" in unit.text:
        return _Facts()
    line = _plain(unit.text)
    residue = _residue(line)
    if residue:
        tags = _TAG_LINE.match(line)
        found = [t.strip() for t in tags.group(1).split(",") if t.strip()] if tags else []
        return _Facts(residue=residue, tags=tuple(found))
    if _SOURCE.match(line):
        source = line.rstrip(".").strip()
        return _Facts(source=source[:1].upper() + source[1:])
    dated = _date_line(line, tz)
    if dated:
        return _Facts(date=dated[0], updated=dated[1])
    byline = _byline(line, tz)
    if byline:
        return _Facts(byline=byline[0], date=byline[1])
    return _Facts(title_like=_title_like(line))


def _residue(line: str) -> str | None:
    if _RESIDUE_STRONG.match(line) or _COMMENTS_HEADER.match(line):
        return "strong"
    if _RESIDUE_WEAK.match(line) or _MENU.match(line):
        return "weak"
    if _BUTTON_TOKEN.search(line) and not re.search(r"\w", _BUTTON_TOKEN.sub("", line)):
        return "strong" if "blogthis" in line.lower() else "weak"
    return None


def _date_line(line: str, tz: tzinfo) -> tuple[datetime, bool] | None:
    moment = lenient_date_line(line, tz)
    if moment is not None:
        return moment, False
    labelled = _DATE_LABEL.match(line)
    if labelled:
        moment = lenient_date_line(labelled.group("date"), tz)
        if moment is not None:
            return moment, labelled.group("label").lower() in _UPDATE_LABELS
    return None


def _byline(line: str, tz: tzinfo) -> tuple[tuple[str, ...], datetime | None] | None:
    """`By Ann Lee and Bo Chen`, `By Ann Lee | December 22, 2025`, `Posted on … by Ann Lee`."""
    line = line.rstrip(". ")
    posted = _POSTED_BY.match(line)
    if posted:
        moment = lenient_date_line(posted.group("date"), tz)
        names = _names(posted.group("rest"))
        if moment is not None and names:
            return names, moment
    match = _BYLINE.match(line) or _AUTHORS_LABEL.match(line)
    if not match:
        return None
    rest = match.group("rest")
    names = _names(rest)
    if names:
        return names, None
    for separator in _DATE_AFTER_NAMES.finditer(rest):
        names = _names(rest[: separator.start()])
        moment = lenient_date_line(rest[separator.end() :], tz)
        if names and moment is not None:
            return names, moment
    return None


def _names(text: str) -> tuple[str, ...]:
    parts = [part.strip(" .") for part in _NAME_SEPARATORS.split(text.strip())]
    parts = [part for part in parts if part]
    if not parts or not all(_name_like(part, minimum=1) for part in parts):
        return ()
    return tuple(part.title() if part.isupper() and len(part) > 3 else part for part in parts)


def _name_like(text: str, minimum: int) -> bool:
    words = text.split()
    if not minimum <= len(words) <= 5 or words[0] in _NOT_NAMES:
        return False
    for word in words:
        if word in _PARTICLES and word is not words[0]:
            continue
        if not (word[0].isupper() and all(c.isalpha() or c in "'\u2019-." for c in word)):
            return False
    return True


def _title_like(line: str) -> bool:
    """A line that could be a title or a heading: short, capitalized, no closing punctuation."""
    if not 1 <= len(line) <= 150 or len(line.split()) > 25 or line[-1] in ".,;:":
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"\u201c\u2018'\u00ab(["


def _heading_like(unit: _Unit) -> bool:
    line = _plain(unit.text)
    return (
        unit.kind == "text"
        and "\n" not in unit.text
        and len(line) <= 80
        and len(line.split()) <= 12
        and not line.endswith("…")
    )


# Bios: "Jane Roe is a journalist…", "John Doe has a degree in…", one person or several.

_BIO_VERBS = _words(
    """is was has had holds held teaches taught writes wrote works worked lives lived
    received earned studied studies serves served covers covered edits edited founded
    co-founded leads led graduated researches reports directs joined sits heads runs hosts"""
)
_BIO_CUE = re.compile(
    r"\b(?:journalist|writer|author|editor|reporter|columnist|correspondent|researcher|professor"
    r"|lecturer|scholar|historian|economist|sociologist|activist|organi[sz]er|poet|novelist"
    r"|translator|student|teacher|analyst|contributor|fellow|founder|co-founder|director"
    r"|coordinator|campaigner|blogger|photographer|filmmaker|lawyer|scientist|commentator"
    r"|degree|doctorate|master'?s|bachelor'?s|graduated|studied|can be reached|is the author"
    r"|lives in|based in|member of)\b",
    re.I,
)
_DEGREE = re.compile(r"\b(?:MA|BA|MSc|BSc|PhD|MPhil|LLM|MFA)\b")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_HONORIFICS = frozenset(("Dr.", "Dr", "Prof.", "Prof", "Professor"))
_ABBREVIATIONS = _words("mr mrs ms dr prof st jr sr vs etc e.g i.e no inc co gen col lt sgt rev")
_CLAUSE_END = re.compile(r"(?<=[.;!?])\s+")


@dataclass(frozen=True)
class _Bio:
    people: tuple[Author, ...]
    strong: bool  # names a byline author, or gives an email: surely the end of an article


def _bio(unit: _Unit, byline: tuple[str, ...]) -> _Bio | None:
    if unit.kind != "text":
        return None
    flat = collapse_whitespace(unit.text)
    if len(flat) > 800:
        return None
    known = {name.casefold() for name in byline}
    people: list[Author] = []
    strong = False
    for number, clause in enumerate(_clauses(flat)):
        name = _bio_subject(clause)
        context = flat if number == 0 else clause
        if name and (
            name.casefold() in known
            or _EMAIL.search(context)
            or _BIO_CUE.search(context)
            or _DEGREE.search(context)
        ):
            strong |= name.casefold() in known
            people = _merge_people(people, [Author(name=name)])
        elif number == 0:
            return None
        emails = _EMAIL.findall(clause)
        if emails and people:
            strong = True
            people = _merge_people(people, [Author(name=people[-1].name, email=emails[0])])
    return _Bio(tuple(people), strong) if people else None


def _clauses(text: str) -> list[str]:
    """Sentences and `;` clauses, not cut after an initial or an abbreviation (`J. Roe`)."""
    clauses = []
    start = 0
    for end in _CLAUSE_END.finditer(text):
        before = text[start : end.start()].split()
        last = before[-1] if before else ""
        word = last.rstrip(".").lower()
        if last.endswith(".") and (len(word) == 1 or word in _ABBREVIATIONS):
            continue
        clauses.append(text[start : end.start()])
        start = end.end()
    clauses.append(text[start:])
    return [clause for clause in clauses if clause]


def _bio_subject(clause: str) -> str | None:
    """The person a clause is about: `Jane Roe is…`, `Jane Roe, a journalist, …`."""
    words = clause.split()
    if words and words[0] in _HONORIFICS:
        words = words[1:]
    for count in range(2, min(6, len(words))):
        name_words = words[:count]
        following = words[count]
        appositive = name_words[-1].endswith(",") and following in ("a", "an", "the")
        if appositive:
            name_words = [*name_words[:-1], name_words[-1].rstrip(",")]
        if (following in _BIO_VERBS or appositive) and _name_like(" ".join(name_words), 2):
            return " ".join(name_words)
        if name_words[-1].endswith(","):
            return None
    return None


def _merge_people(people: list[Author], more: list[Author]) -> list[Author]:
    """Each person once (by name, ignoring case); a later mention adds a missing email or uri."""
    merged = list(people)
    for person in more:
        for index, known in enumerate(merged):
            if known.name.casefold() == person.name.casefold():
                merged[index] = Author(
                    name=known.name,
                    email=known.email or person.email,
                    uri=known.uri or person.uri,
                )
                break
        else:
            merged.append(person)
    return merged


# Pull quotes that lost their line break: "…end of a sentence.The quote starts here".

_GLUE = re.compile(
    '(?<=[a-z][.!?])(?=[\u201c"]?[A-Z][a-z])|(?<=[a-z][.!?][\u201d"\u2019])(?=[\u201c"]?[A-Z][a-z])'
)


def _split_pull_quote(text: str) -> tuple[str, str] | None:
    for glue in _GLUE.finditer(text):
        before, after = text[: glue.start()], text[glue.start() :]
        last_word = before.split()[-1] if before.split() else ""
        next_word = after.split()[0]
        if last_word.rstrip('.!?\u201d"\u2019').lower() in _ABBREVIATIONS:
            continue
        if any(c in last_word for c in "/@") or any(c in next_word[:-1] for c in "./@"):
            continue  # a URL, a domain or an email address, not two sentences
        if len(before) >= 40 and len(after) >= 20 and len(after.split()) >= 4:
            return before, after
    return None


# Articles.


@dataclass
class _Head:
    end: int  # the first unit after the head
    taken: set[int]  # units the head's metadata came from, left out of the body
    kept: set[int]  # title-like lines of the head that stay in the body as they are
    title: str | None = None
    date: datetime | None = None
    updated: datetime | None = None
    byline: tuple[str, ...] = ()


@dataclass
class _Article:
    start: int
    end: int
    head: _Head


class _Page:
    """The units of a text and what each one is; reads the articles it holds."""

    def __init__(self, units: list[_Unit], tz: tzinfo) -> None:
        self.units = units
        self.facts = [_classify(unit, tz) for unit in units]
        self._drop_comment_sections()

    def _drop_comment_sections(self) -> None:
        """Readers' comments under a post (`3 comments:`, then `Ann said...` and the comment)
        are residue up to `Post a Comment` or the end of the page."""
        index = 0
        while index < len(self.units):
            if not _COMMENTS_HEADER.match(self._line(index)):
                index += 1
                continue
            following = index + 1
            while following < len(self.units) and self.facts[following].residue:
                following += 1
            if following == len(self.units) or not _COMMENT_BY.match(self._line(following)):
                index = following
                continue
            while following < len(self.units):
                ends = bool(_COMMENTS_END.match(self._line(following)))
                self.facts[following] = _Facts(residue="weak")
                following += 1
                if ends:
                    break
            index = following

    def _line(self, index: int) -> str:
        unit = self.units[index]
        return _plain(unit.text) if unit.kind == "text" and "\n" not in unit.text else ""

    def prose(self, index: int) -> bool:
        unit, facts = self.units[index], self.facts[index]
        if unit.kind == "markdown":
            return True
        return unit.kind == "text" and not facts.special and not facts.title_like

    def articles(self, *, known_title: str | None, several: bool) -> list[_Article]:
        found: list[_Article] = []
        start = 0
        while start < len(self.units):
            head = self.head(start, known_title if not found else None)
            end = self.article_end(head, several)
            found.append(_Article(start, end, head))
            start = end
        return found

    def head(self, start: int, known_title: str | None) -> _Head:
        """Date, title and byline lines at the top of an article, in any order."""
        head = _Head(end=start, taken=set(), kept=set())
        titles: list[int] = []
        date_index: int | None = None
        index = start
        while index < len(self.units) and index - start < 8:
            facts = self.facts[index]
            if facts.residue:
                head.taken.add(index)
            elif facts.date and facts.updated:
                # A page may list its updates, in either order: it last changed at the latest.
                # None is its publication date.
                head.updated = max(facts.date, head.updated or facts.date)
                head.taken.add(index)
            elif facts.date and not facts.byline and head.date is None:
                head.date, date_index = facts.date, index
                head.taken.add(index)
            elif facts.byline and not head.byline:
                head.byline = facts.byline
                head.date = head.date or facts.date
                head.taken.add(index)
            elif facts.title_like and not facts.special:
                titles.append(index)
            else:
                break
            index += 1
        head.end = index
        self._choose_title(head, titles, date_index, known_title)
        return head

    def _choose_title(
        self, head: _Head, titles: list[int], date_index: int | None, known_title: str | None
    ) -> None:
        if known_title is not None:
            for index in titles:
                if _same_title(self.units[index].text, known_title):
                    head.taken.add(index)  # the page repeats the title it has in its markup
            head.kept.update(index for index in titles if index not in head.taken)
            return
        after_date = [i for i in titles if date_index is not None and i > date_index]
        if after_date and titles[0] < after_date[0]:
            # The site's name or a breadcrumb above the date, the article's title below it.
            chosen = after_date[0]
            head.taken.update(i for i in titles if i < chosen)
        elif titles:
            chosen = titles[0]
        else:
            return
        head.title = _unit_title(self.units[chosen])
        head.taken.add(chosen)
        head.kept.update(i for i in titles if i > chosen)

    def article_end(self, head: _Head, several: bool) -> int:
        """Where the article ends: after the bios, source line or comment counter that close it,
        when another article follows; otherwise at the end of the page."""
        count = len(self.units)
        seen_prose = False
        index = head.end
        while index < count:
            if seen_prose and self.closes(index, head.byline):
                end, strong = self.closing_run(index, head.byline)
                if not any(self.prose(i) for i in range(end, count)):
                    return count  # what follows is residue such as related posts' titles
                if several and self.starts_article(end, strong):
                    return end
                index = end
                continue
            seen_prose = seen_prose or self.prose(index)
            index += 1
        return count

    def closes(self, index: int, byline: tuple[str, ...]) -> bool:
        facts = self.facts[index]
        return bool(facts.source or facts.residue == "strong" or _bio(self.units[index], byline))

    def closing_run(self, index: int, byline: tuple[str, ...]) -> tuple[int, bool]:
        strong = False
        while index < len(self.units):
            facts = self.facts[index]
            bio = _bio(self.units[index], byline)
            if bio is not None:
                strong |= bio.strong
            elif facts.source or facts.residue:
                strong |= bool(facts.source) or facts.residue == "strong"
            else:
                break
            index += 1
        return index, strong

    def starts_article(self, index: int, strong: bool) -> bool:
        facts = self.facts[index]
        if facts.date or facts.byline:
            return True
        if facts.title_like and not facts.special:
            following = range(index + 1, min(index + 4, len(self.units)))
            return any(self.prose(i) for i in following)
        return strong and self.prose(index)


def _unit_title(unit: _Unit) -> str:
    if unit.kind == "heading":
        heading = _ATX.match(unit.text)
        return inline_text(heading.group(2) or "") if heading else inline_text(unit.text)
    return inline_text(_plain(unit.text))


def _same_title(text: str, title: str) -> bool:
    line = _ATX.match(text)
    shown = inline_text(line.group(2) or "") if line else inline_text(_plain(text))
    return shown.casefold() == collapse_whitespace(title).casefold()


@dataclass
class _TextArticle:
    """An article read from units: what its text says, and its body."""

    title: str | None
    date: datetime | None
    updated: datetime | None
    authors: list[Author]
    source: str | None
    tags: list[str]
    blocks: list[str]
    line: int | None
    first_sentence: str | None


def _read_articles(
    page: _Page,
    *,
    known_title: str | None = None,
    several: bool = True,
    headings: bool = True,
    pull_quotes: bool = True,
) -> list[_TextArticle]:
    return [
        _assemble(page, article, headings=headings, pull_quotes=pull_quotes)
        for article in page.articles(known_title=known_title, several=several)
    ]


def _assemble(page: _Page, article: _Article, *, headings: bool, pull_quotes: bool) -> _TextArticle:
    head = article.head
    indexes = [i for i in range(article.start, article.end) if i not in head.taken]
    source: str | None = None
    tags: list[str] = []
    kept: list[int] = []
    for index in indexes:
        facts = page.facts[index]
        source = source or facts.source
        tags += facts.tags
        if not (facts.residue or facts.source):
            kept.append(index)
    kept = _without_trailing_residue(page, kept, indexes, head.byline)
    people: list[Author] = [Author(name=name) for name in head.byline]
    for index in _closing_bios(page, kept, head.byline):
        bio = _bio(page.units[index], head.byline)
        assert bio is not None
        people = _merge_people(people, list(bio.people))
    first_prose = next((page.units[i] for i in kept if page.prose(i)), None)
    return _TextArticle(
        title=head.title,
        date=head.date,
        updated=head.updated,
        authors=people,
        source=source,
        tags=_unique(tags),
        blocks=_markdown_blocks(page, kept, head, headings=headings, pull_quotes=pull_quotes),
        line=page.units[article.start].line if article.start < len(page.units) else None,
        first_sentence=_first_sentence(first_prose.text) if first_prose else None,
    )


def _markdown_blocks(
    page: _Page, kept: list[int], head: _Head, *, headings: bool, pull_quotes: bool
) -> list[str]:
    """The units `kept` of an article as its Markdown blocks: with `headings`, a title-like
    line before prose becomes a heading; with `pull_quotes`, a pull quote glued to the end of
    a paragraph becomes a block quote after it."""
    blocks = []
    for position, index in enumerate(kept):
        unit = page.units[index]
        following = kept[position + 1] if position + 1 < len(kept) else None
        if (
            headings
            and index not in head.kept
            and page.facts[index].title_like
            and _heading_like(unit)
            and following is not None
            and page.prose(following)
        ):
            blocks.append(f"## {_plain(unit.text)}")
            continue
        quote = _split_pull_quote(unit.text) if pull_quotes and page.prose(index) else None
        if quote and unit.kind == "text":
            blocks.append(quote[0])
            blocks.append("\n".join(f"> {line}" for line in quote[1].split("\n")))
            continue
        blocks.append(unit.text)
    return blocks


def _without_trailing_residue(
    page: _Page, kept: list[int], indexes: list[int], byline: tuple[str, ...]
) -> list[int]:
    """Drop the short lines after an article's end (the titles of related posts)."""
    last_prose = next((i for i in reversed(kept) if page.prose(i)), None)
    if last_prose is None:
        return kept
    ended = _bio(page.units[last_prose], byline) is not None or any(
        page.facts[i].residue or page.facts[i].source for i in indexes if i > last_prose
    )
    return [i for i in kept if i <= last_prose] if ended else kept


def _closing_bios(page: _Page, kept: list[int], byline: tuple[str, ...]) -> list[int]:
    """The bios among the last paragraphs of an article, in order."""
    bios: list[int] = []
    for index in reversed(kept):
        if _bio(page.units[index], byline) is None:
            break
        bios.insert(0, index)
    return bios


def _body(blocks: list[str], source: str | None) -> str:
    if source:
        blocks = [*blocks, f"*{source}*" if source[-1] in "!?" else f"*{source}.*"]
    return "\n\n".join(block.strip("\n") for block in blocks if block.strip()) + "\n"


def _first_sentence(text: str) -> str:
    plain = inline_text(text)
    clauses = re.split(r"(?<=[.!?])\s+", plain, maxsplit=1)
    return shorten(clauses[0].rstrip("."), _TITLE_FROM_SENTENCE_LIMIT)


def _from_text(text: str, tz: tzinfo) -> list[_Draft]:
    page = _Page(_units(text), tz)
    drafts = []
    previous_date: datetime | None = None
    for article in _read_articles(page):
        draft = _article_draft(article)
        if draft.date is None and previous_date is not None:
            draft.guess("date", previous_date)  # a page dated once for all its articles
        previous_date = draft.date or previous_date
        drafts.append(draft)
    if len(drafts) == 1:
        drafts[0].line = None  # a problem is the document's, not that of one of its articles
    return drafts


def _article_draft(article: _TextArticle) -> _Draft:
    draft = _Draft(body=_body(article.blocks, article.source), line=article.line)
    if not draft.guess("title", article.title):
        draft.guess("title", article.first_sentence)
    draft.guess("date", article.date)
    draft.guess("updated", article.updated)
    draft.guess("authors", article.authors)
    draft.guess("source_line", article.source)
    draft.guess("tags", article.tags)
    return draft


# ---------------------------------------------------------------------------------------------
# HTML pages

_NOISE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "aside",
    "form",
    "iframe",
    "button",
    "svg",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "canvas",
    "dialog",
)
_NOISE_WORDS = _words(
    "comment comments disqus respond share sharing sharedaddy social related relatedposts"
)
_KEEP_TAGS = ("html", "body", "main", "article")
_ARTICLE_TYPES = _words(
    """Article NewsArticle BlogPosting OpinionNewsArticle ReportageNewsArticle
    AnalysisNewsArticle ScholarlyArticle TechArticle Report SocialMediaPosting Posting"""
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.I)
_TITLE_SEPARATORS = re.compile("\\s+[|\u2013\u2014\u2022\u00b7\u00bb:-]{1,2}\\s+")


def _from_html(path: Path, data: bytes, tz: tzinfo) -> _Draft:
    try:
        page = _page_text(data)
        document = _parse_html(page)
    except (etree.ParserError, ValueError) as error:
        raise ImportProblem(
            f"cannot read the page as HTML ({error})", "Check that it is an HTML page.", path=path
        ) from None
    meta = _html_meta(document)
    linked = _json_ld(document)
    base = _base_url(document, meta)
    marked_authors = _rel_authors(document)
    _links_apart(document)
    _formatting_reopened(page, document)
    _formatting_into_blocks(document)
    _formatting_taken_out(document)
    _prune(document)
    main = _main_element(document)
    heading = _first_h1(main, document)
    draft = _Draft(body="", header="html")
    _html_title(draft, meta, linked, document, heading)
    _html_dates(draft, meta, linked, main, document, tz)
    authors = _names_from_markup(meta, linked) or marked_authors
    draft.authors = [Author(name=name) for name in authors]
    draft.summary = _first_meta(meta, "description", "og:description", "twitter:description")
    draft.summary = draft.summary or _ld_text(linked.get("description"))
    draft.tags = _unique(meta.get("article:tag", []) or _ld_keywords(linked.get("keywords")))
    draft.link = _absolute_or_none(_canonical(document) or _first_meta(meta, "og:url"))
    draft.image = _absolute_or_none(_first_meta(meta, "og:image", "twitter:image"))
    head_units, foot_units = _article_chrome(main, base)
    if heading is not None and _inside(heading, main):
        heading.drop_tree()
    main_units = [_block_unit(block) for block in _blocks(main, base)]
    # The metadata comes from the whole article; the body from its main text alone, without
    # the lines of its <header> and <footer> (bylines, bios, share buttons).
    article = _only_article(head_units + main_units + foot_units, draft.title, tz)
    text = _only_article(main_units, draft.title, tz)
    # Again, as what the article leaves out (a line of share buttons) may have parted two lists.
    draft.body = _body(_lists_apart(text.blocks), article.source)
    if draft.title is None and not draft.guess("title", article.title):
        draft.guess("title", article.first_sentence)
    draft.guess("date", article.date)
    draft.guess("updated", article.updated)
    if not draft.guess("authors", article.authors):
        with_emails = _with_emails(draft.authors, article.authors)
        if with_emails != draft.authors:
            draft.authors = with_emails
            draft.guessed.add("authors")
    draft.guess("source_line", article.source)
    if not draft.tags:
        draft.guess("tags", article.tags)
    return draft


def _with_emails(authors: list[Author], people: list[Author]) -> list[Author]:
    """The markup's authors, with the email a bio gives for one of them."""
    emails = {person.name.casefold(): person.email for person in people if person.email}
    return [
        Author(author.name, author.email or emails.get(author.name.casefold()), author.uri)
        for author in authors
    ]


def _only_article(units: list[_Unit], known_title: str | None, tz: tzinfo) -> _TextArticle:
    articles = _read_articles(
        _Page(units, tz), known_title=known_title, several=False, headings=False, pull_quotes=False
    )
    return articles[0] if articles else _TextArticle(None, None, None, [], None, [], [], None, None)


def _page_text(data: bytes) -> str:
    """The text of a page as it is parsed: decoded, and with what a feed cannot carry out."""
    # Decoded here, not by libxml2, which reads no UTF-16 page without a <meta> saying so and
    # drops the rest of a page at a byte its encoding leaves out.
    text = data.decode(_html_encoding(data), errors="replace")
    # lxml refuses text with an encoding declaration: the declaration has been read.
    text = _XML_DECLARATION.sub("", text, count=1)
    # The Markdown written marks emphasis with these while it is made (_EMPHASIS); XML has no
    # place for them, and the build leaves them out of every feed.
    text = _MARK_CHARACTERS.sub("", text)
    # As build reads an entry: a C1 control (U+0085) is the character browsers show (…).
    return for_feeds(text)


def _parse_html(text: str) -> lxml.html.HtmlElement:
    # huge_tree: past 256 levels of nesting or 10 MB of text, libxml2 drops the rest of a page.
    parser = lxml.html.HTMLParser(remove_comments=True, huge_tree=True)
    return lxml.html.document_fromstring(text, parser=parser)


def _html_encoding(data: bytes) -> str:
    """The codec that reads a page as browsers do: the one its byte-order mark names, else the
    charset its <meta> (or XML declaration) names, else UTF-8 when its bytes are UTF-8, else
    windows-1252 (HTML's default, a superset of latin-1): as UTF-8, "Café" was "Caf�"."""
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return codec
    declared = _CHARSET.search(data[:4096]) or _XML_ENCODING.match(data)
    # webencodings holds the WHATWG Encoding Standard's labels, as html5lib reads them: latin-1
    # and ASCII are windows-1252, whose 0x93 and 0x94 are curly quotes; rot13 is no charset.
    encoding = webencodings.lookup(declared.group(1).decode("ascii")) if declared else None
    if encoding is not None and encoding.name != "replacement":
        # HTML's own rule: a page that says UTF-16 is in bytes ASCII's letters are, so UTF-8.
        name: str = encoding.codec_info.name
        return _DECLARED_OVERRIDES.get(encoding.name, name)
    return "utf-8" if _is_utf8(data) else "cp1252"


# UTF-32's marks first: each begins with UTF-16's. The codecs read and drop the mark.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_ENCODING = re.compile(rb"""\s*<\?xml\s[^>]*?encoding\s*=\s*["']\s*([A-Za-z0-9._-]+)""", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml\s[^>]*>")
# HTML's encoding sniffing: a declared UTF-16 or x-user-defined is read as these.
_DECLARED_OVERRIDES = {"utf-16le": "utf-8", "utf-16be": "utf-8", "x-user-defined": "cp1252"}


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _html_meta(document: lxml.html.HtmlElement) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in document.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = collapse_whitespace(meta.get("content") or "")
        if key.strip() and content:
            found.setdefault(key.strip(), []).append(content)
    return found


def _first_meta(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def _json_ld(document: lxml.html.HtmlElement) -> dict[str, object]:
    """The schema.org Article a page describes in JSON-LD, if any."""
    for script in document.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            kinds = item.get("@type")
            kind_list = kinds if isinstance(kinds, list) else [kinds]
            if any(kind in _ARTICLE_TYPES for kind in kind_list) or "headline" in item:
                return item
    return {}


def _ld_items(data: object) -> Iterator[dict[str, object]]:
    if isinstance(data, list):
        for item in data:
            yield from _ld_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _ld_items(data.get("@graph"))


def _ld_text(value: object) -> str | None:
    return (collapse_whitespace(value) or None) if isinstance(value, str) else None


def _ld_keywords(value: object) -> list[str]:
    if isinstance(value, list):
        return [item.strip() for item in value if isinstance(item, str) and item.strip()]
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return []


def _names_from_markup(meta: dict[str, list[str]], linked: dict[str, object]) -> list[str]:
    names: list[str] = []
    for content in meta.get("author", []) + meta.get("dc.creator", []):
        split_names = _names(content)
        names += list(split_names) if split_names else [content]
    for content in meta.get("article:author", []):
        if "://" not in content:
            names.append(content)
    author = linked.get("author")
    for item in author if isinstance(author, list) else [author]:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            names.append(collapse_whitespace(name))
    return _unique(names)


def _rel_authors(document: lxml.html.HtmlElement) -> list[str]:
    names = []
    for link in document.iter("a"):
        if "author" in (link.get("rel") or "").lower().split():
            name = collapse_whitespace(link.text_content())
            if name:
                names.append(name)
    return _unique(names)


def _base_url(document: lxml.html.HtmlElement, meta: dict[str, list[str]]) -> str | None:
    for base in document.iter("base"):
        href = str(base.get("href") or "")
        if href:
            return href
    return _canonical(document) or _first_meta(meta, "og:url")


def _canonical(document: lxml.html.HtmlElement) -> str | None:
    for link in document.iter("link"):
        href = str(link.get("href") or "")
        if "canonical" in (link.get("rel") or "").lower().split() and href:
            return href
    return None


def _prune(document: lxml.html.HtmlElement) -> None:
    """Drop what is not the article: navigation, asides, forms, scripts, comments, sharing."""
    for element in list(document.iter(*_NOISE_TAGS)):
        element.drop_tree()
    for element in list(document.iter(etree.Element)):
        if element.tag in _KEEP_TAGS or element.getparent() is None:
            continue
        words = f"{element.get('class') or ''} {element.get('id') or ''}".lower().split()
        parts = {part for word in words for part in re.split(r"[-_]", word)}
        if parts & _NOISE_WORDS and next(element.iter("article", "main"), None) is None:
            element.drop_tree()


def _main_element(document: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    articles = [
        article
        for article in document.iter("article")
        if not any(ancestor.tag == "article" for ancestor in article.iterancestors())
    ]
    if articles:
        return max(articles, key=lambda article: len(article.text_content().strip()))
    for element in document.iter(etree.Element):
        if element.tag == "main" or element.get("role") == "main":
            return element
    scores: dict[lxml.html.HtmlElement, int] = {}
    for paragraph in document.iter("p"):
        if any(a.tag in ("header", "footer") for a in paragraph.iterancestors()):
            continue
        parent = paragraph.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(paragraph.text_content().strip())
    if scores:
        return max(scores, key=lambda element: scores[element])
    body = document.body
    # A page of a <head> alone has no <body> in lxml's tree: its text is then nothing.
    return body if body is not None else lxml.html.Element("body")


def _first_h1(
    main: lxml.html.HtmlElement, document: lxml.html.HtmlElement
) -> lxml.html.HtmlElement | None:
    inside = next(main.iter("h1"), None)
    if inside is not None:
        return inside
    outside = [h1 for h1 in document.iter("h1") if not _inside_any(h1, ("footer",))]
    return outside[-1] if outside else None  # the site's name comes first, the article's after


def _inside(element: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> bool:
    return any(ancestor is container for ancestor in element.iterancestors())


def _inside_any(element: lxml.html.HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(ancestor.tag in tags for ancestor in element.iterancestors())


def _html_title(
    draft: _Draft,
    meta: dict[str, list[str]],
    linked: dict[str, object],
    document: lxml.html.HtmlElement,
    heading: lxml.html.HtmlElement | None,
) -> None:
    """og:title or JSON-LD headline; else the <h1>, which counts as read when the page's <title>
    says the same; else the <title> without the site's name, a guess."""
    headline = _ld_text(linked.get("headline"))
    marked = _first_meta(meta, "og:title", "twitter:title") or headline
    if marked:
        draft.title = _without_site_name(marked, _first_meta(meta, "og:site_name"), headline)
        return
    page_title = collapse_whitespace(document.findtext(".//title") or "")
    heading_text = collapse_whitespace(heading.text_content()) if heading is not None else ""
    if heading_text:
        draft.title = heading_text
        if heading_text.casefold() not in page_title.casefold():
            draft.guessed.add("title")
    elif page_title:
        parts = _TITLE_SEPARATORS.split(page_title)
        draft.title = max(parts, key=len)
        if len(parts) > 1:
            draft.guessed.add("title")


def _without_site_name(title: str, site: str | None, headline: str | None) -> str:
    """og:title as SEO plugins (Yoast) write it, "Post - Site": the post's own headline when
    the title is that and a separator, else the title without " - <og:site_name>"."""
    rest = title[len(headline) :] if headline and title.startswith(headline) else ""
    if headline and _TITLE_SEPARATORS.match(rest):
        return headline
    parts = _TITLE_SEPARATORS.split(title)
    if site and len(parts) > 1 and parts[-1].strip().casefold() == site.strip().casefold():
        return title[: title.rfind(parts[-1])].rstrip(" \t|\u2013\u2014\u2022\u00b7\u00bb:-")
    return title


def _html_dates(
    draft: _Draft,
    meta: dict[str, list[str]],
    linked: dict[str, object],
    main: lxml.html.HtmlElement,
    document: lxml.html.HtmlElement,
    tz: tzinfo,
) -> None:
    published = _first_meta(
        meta, "article:published_time", "datepublished", "date", "dc.date", "dcterms.created"
    )
    draft.date = _lenient_date(published or linked.get("datePublished"), tz)
    modified = _first_meta(meta, "article:modified_time", "datemodified", "og:updated_time")
    draft.updated = _lenient_date(modified or linked.get("dateModified"), tz)
    if draft.date is None:
        times = [t for t in main.iter("time") if t.get("datetime")] or [
            t for t in document.iter("time") if t.get("datetime")
        ]
        moments = [_lenient_date(t.get("datetime"), tz) for t in times]
        found = [moment for moment in moments if moment is not None]
        if found:
            draft.date = found[0]
            if len({moment.date() for moment in found}) > 1:
                draft.guessed.add("date")  # several dates on the page: the first one
    if draft.updated and draft.date and draft.updated <= draft.date:
        draft.updated = None


def _lenient_date(value: object, tz: tzinfo) -> datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_date(value, tz)
    except DateError:
        return None


def _article_chrome(
    main: lxml.html.HtmlElement, base: str | None
) -> tuple[list[_Unit], list[_Unit]]:
    """The <header> and <footer> of the article, as units, taken out of it."""
    head: list[_Unit] = []
    foot: list[_Unit] = []
    for tag, units in (("header", head), ("footer", foot)):
        for element in list(main.iter(tag)):
            if element is main:
                continue
            units.extend(_block_unit(block) for block in _blocks(element, base))
            element.drop_tree()
    return head, foot


def _block_unit(block: str) -> _Unit:
    if _ATX.match(block.split("\n", 1)[0]):
        return _Unit("heading", block)
    if any(pattern.match(block) for _, pattern in _STRUCTURES) or _FENCE.match(block):
        return _Unit("markdown", block)
    if _HR.match(block):
        return _Unit("markdown", block)
    return _Unit("text", block)


# HTML to Markdown.

_HEADINGS = {"h1": "##", "h2": "##", "h3": "###", "h4": "####", "h5": "####", "h6": "####"}
_BLOCK_TAGS = _words(
    """address article blockquote center dd details div dl dt figcaption figure footer h1 h2
    h3 h4 h5 h6 header hr li main ol p pre section summary table ul"""
)
_BREAK = "\x00"  # a <br>; cannot occur in parsed HTML text


_NOT_INLINE = frozenset(("html", "head", "body"))
_OPAQUE = ("table", "pre")
"""Blocks whose content is taken whole (`_block`): nothing is moved in or out of them."""

_MARKED = frozenset(
    ("a", "b", "cite", "code", "del", "em", "i", "s", "strike", "strong", "sub", "sup")
)
"""The inline elements `_inline` writes a mark for: a link, emphasis, code."""
_Node: TypeAlias = str | lxml.html.HtmlElement
"""A text or an element among the content of an element (`_content`)."""


def _formatting_into_blocks(document: lxml.html.HtmlElement) -> None:
    """Each inline element that holds a block (`<em>note<ul>…</ul></em>`, as libxml2 nests an
    `<em>` left open above a list) parted around its blocks, and put around each text in
    them instead, as browsers show it: `<em>note</em><ul><li><em>one</em></li>…`. Read
    inline, a list or a paragraph in it ran into one line of Markdown (`*noteonetwo*`)."""
    # Found before any is parted, which moves blocks up but never out of an element.
    holding = [
        element
        for element in _holding_blocks(document)
        if element.tag not in _BLOCK_TAGS
        and element.tag not in _NOT_INLINE
        and not _inside_any(element, _OPAQUE)
    ]
    # A <span> or a <font>, which Markdown does not show, gives way to its content; the
    # outermost first, so that what a thousand left open hold moves up once, not each time.
    for element in holding:
        if element.tag not in _MARKED:
            element.drop_tag()
    # The innermost first: the blocks of an element are then its children.
    for element in reversed(holding):
        if element.tag in _MARKED:
            _part_around_blocks(element)


def _links_apart(document: lxml.html.HtmlElement) -> None:
    """Each link that libxml2 nests in another through an element between them (`<a href=1>x
    <em><a href=2>y</a>z</em>w</a>`) taken out of it with what follows it there, as HTML5
    ends the first link at the second's start tag: `<a href=1>x<em></em></a><em><a href=2>y
    </a>z</em>w`. Markdown has no link in a link: the import wrote `[x*[y](2)z*w](1)`, whose
    brackets readers saw."""
    for link in list(document.iter("a")):
        around = next(link.iterancestors("a"), None)
        while around is not None:
            _end_before(around, link)
            around = next(link.iterancestors("a"), None)


def _end_before(element: lxml.html.HtmlElement, inner: lxml.html.HtmlElement) -> None:
    """`element` ended where `inner`, an element in it, starts: `inner` and what follows it in
    `element` moved after it, in copies of the elements between the two."""
    node = inner
    while (parent := node.getparent()) is not None and parent is not element:
        copy = parent.makeelement(parent.tag, dict(parent.attrib))
        for each in [node, *node.itersiblings()]:
            copy.append(each)  # with its tail
        copy.tail, parent.tail = parent.tail, None
        parent.addnext(copy)
        node = copy
    moved = [node, *node.itersiblings()]
    moved[-1].tail = (moved[-1].tail or "") + (element.tail or "")
    element.tail = None
    for each in reversed(moved):
        element.addnext(each)


# The formatting elements HTML5 opens again that the Markdown shows, by the mark of each.
_REOPENED_KINDS = {
    **{"a": "link", "b": "strong", "strong": "strong", "em": "em", "i": "em"},
    **{"code": "code", "s": "del", "strike": "del"},
}


def _formatting_reopened(page: str, document: lxml.html.HtmlElement) -> None:
    """Each text that HTML5 reads in a formatting element libxml2 closed before it, put in
    one, as browsers show it: in `<p><em>note</p><ul><li>one</li></ul>`, the `<em>` left open
    is opened again around `one` (HTML5's "reconstruct the active formatting elements"), and
    so is an `<a href>`, which makes `one` a link in browsers."""
    # The last first: a part's offsets in its text stay right while those after it are moved.
    for part in reversed(nesting.reopened(page, document, _REOPENED_KINDS)):
        text = (part.element.tail if part.tail else part.element.text) or ""
        outer = _formatting_around(part, text[part.start : part.end])
        if part.without:  # taken out of those by _formatting_taken_out
            marker = part.element.makeelement(_PLAIN, {"kinds": " ".join(sorted(part.without))})
            marker.append(outer)
            outer = marker
        outer.tail = text[part.end :]
        if part.tail:
            part.element.tail = text[: part.start]
            part.element.addnext(outer)
        else:
            part.element.text = text[: part.start]
            part.element.insert(0, outer)


def _formatting_around(part: nesting.Reopened, text: str) -> lxml.html.HtmlElement:
    """The elements of `part.formatting`, each in the one before, the last holding `text`."""
    made = [part.element.makeelement("span", {})] if not part.formatting else []
    for name, attributes in part.formatting:
        # Only a link's address: a copy's class (`share-link`) would have _prune drop it.
        kept = {"href": attributes["href"]} if "href" in attributes and name == "a" else {}
        made.append(part.element.makeelement(name, kept))
    for outer, inner in itertools.pairwise(made):
        outer.append(inner)
    made[-1].text = text
    return made[0]


_PLAIN = "staticfeed-plain"
"""An element around text HTML5 reads outside formatting elements libxml2 puts around it,
of the kinds its `kinds` attribute names (`_REOPENED_KINDS`'s)."""


def _formatting_taken_out(document: lxml.html.HtmlElement) -> None:
    """The text of each `_PLAIN` taken out of the formatting elements of its kinds around it
    in its block, which are parted around it: in `<b><div>x</b> y</div>`, HTML5 ends the <b>
    at its end tag, which libxml2 ignores, and browsers show `y` plain."""
    for marker in list(document.iter(_PLAIN)):
        kinds = set(str(marker.get("kinds")).split())
        while (around := _formatting_of(marker, kinds)) is not None:
            if not _part_around(around, marker):
                break  # (it always is: this only makes sure the loop ends)
        marker.drop_tag()


def _formatting_of(element: lxml.html.HtmlElement, kinds: set[str]) -> lxml.html.HtmlElement | None:
    """The nearest element around `element` in its block of one of `kinds`, if any."""
    for around in element.iterancestors():
        if around.tag in _BLOCK_TAGS or around.tag in _NOT_INLINE:
            return None
        if _REOPENED_KINDS.get(str(around.tag)) in kinds:
            return around
    return None


def _part_around(element: lxml.html.HtmlElement, inner: lxml.html.HtmlElement) -> bool:
    """`element` parted in two around `inner`, an element in it: a copy with what it holds
    before `inner`, then `inner` in copies of the elements between the two, then a copy
    with what it holds after. Whether it was parted."""
    parts = _Parts(None, inner, None)
    node = middle = inner
    while (parent := node.getparent()) is not None:
        middle = parts.middle
        parts = _parted_at(parent, node, parts)
        if parent is element:
            break
        node = parent
    holder = element.getparent()
    if holder is None or parts.before is None or parts.after is None:
        return False  # not so: `element` holds `inner`, and is in a block
    parts.after.tail = element.tail
    for each in (parts.before, middle, parts.after):
        element.addprevious(each)
    holder.remove(element)
    return True


@dataclass(frozen=True)
class _Parts:
    """An element parted around one in it: copies with what it holds before and after that
    one, and one with it alone."""

    before: lxml.html.HtmlElement | None
    middle: lxml.html.HtmlElement
    after: lxml.html.HtmlElement | None


def _parted_at(parent: lxml.html.HtmlElement, node: lxml.html.HtmlElement, parts: _Parts) -> _Parts:
    """`parent` parted around `node`, one of its children, itself parted as `parts`."""
    # Found first: `parts.middle` may be `node`, moved below.
    later, tail = list(node.itersiblings()), node.tail
    before, middle, after = (parent.makeelement(parent.tag, dict(parent.attrib)) for _ in "bma")
    before.text = parent.text
    for each in list(parent):
        if each is node:
            break
        before.append(each)  # with its tail
    if parts.before is not None:
        before.append(parts.before)
    middle.append(parts.middle)
    parts.middle.tail = None
    if parts.after is None:
        after.text = tail
    else:
        after.append(parts.after)
        parts.after.tail = tail
    for each in later:
        after.append(each)
    return _Parts(before, middle, after)


def _holding_blocks(document: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements of `document` with a block inside, in document order: each element looked
    at once, as a page that leaves a thousand <span> open nests each in the one before."""
    elements = list(document.iter(etree.Element))
    holds: set[lxml.html.HtmlElement] = set()
    for element in reversed(elements):  # children before their parent
        if any(child.tag in _BLOCK_TAGS or child in holds for child in element):
            holds.add(element)
    return [element for element in elements if element in holds]


def _part_around_blocks(element: lxml.html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is None:
        return
    parted = _each_text_in(_content(element), element)
    items = _content(parent)
    at = next(index for index, item in enumerate(items) if item is element)
    items[at : at + 1] = parted  # its tail follows it in `items` already
    _set_content(parent, items)


def _wrap_texts(block: lxml.html.HtmlElement, formatting: lxml.html.HtmlElement) -> None:
    """Each text in `block` and the blocks in it put in a copy of `formatting`."""
    if block.tag in _OPAQUE:
        return
    items = _each_text_in(_content(block), formatting)
    if items != _content(block):
        _set_content(block, items)


def _each_text_in(items: list[_Node], formatting: lxml.html.HtmlElement) -> list[_Node]:
    """`items`, each run of inline content among them in a copy of `formatting`, and each
    text in the blocks among them too."""
    wrapped: list[_Node] = []
    for run in _runs(items):
        if isinstance(run, list):
            wrapped += _wrapped(run, formatting)
        else:
            _wrap_texts(run, formatting)
            wrapped.append(run)
    return wrapped


def _wrapped(run: list[_Node], formatting: lxml.html.HtmlElement) -> list[_Node]:
    """`run`, inline content, in a copy of `formatting`; as it is when it is spaces alone,
    or in such an element already (a copy of one inside `formatting`, like it or not)."""
    if all(isinstance(item, str) and not item.strip() for item in run):
        return run
    if _in_one(run, formatting.tag):
        return run  # `<em>` in `<em>` shows as one, and a page of them open nests no deeper
    copy = formatting.makeelement(formatting.tag, dict(formatting.attrib))
    _set_content(copy, run)
    return [copy]


def _in_one(run: list[_Node], tag: str) -> bool:
    """Whether `run` is one element `tag`, or one element that holds one alone, and so on."""
    while len(run) == 1 and not isinstance(run[0], str):
        if run[0].tag == tag:
            return True
        run = _content(run[0])
    return False


def _runs(items: list[_Node]) -> list[list[_Node] | lxml.html.HtmlElement]:
    """`items` as runs of inline content between the blocks among them."""
    runs: list[list[_Node] | lxml.html.HtmlElement] = []
    for item in items:
        if not isinstance(item, str) and item.tag in _BLOCK_TAGS:
            runs.append(item)
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _content(element: lxml.html.HtmlElement) -> list[_Node]:
    """The texts and elements in `element`, in order, each element without its tail."""
    items: list[_Node] = [element.text] if element.text else []
    for child in element:
        items.append(child)
        if child.tail:
            items.append(child.tail)
    return items


def _set_content(element: lxml.html.HtmlElement, items: list[_Node]) -> None:
    for child in list(element):
        element.remove(child)
    element.text = None
    last: lxml.html.HtmlElement | None = None
    for item in items:
        if not isinstance(item, str):
            item.tail = None
            element.append(item)
            last = item
        elif last is None:
            element.text = (element.text or "") + item
        else:
            last.tail = (last.tail or "") + item


def _blocks(element: lxml.html.HtmlElement, base: str | None) -> list[str]:
    """Markdown blocks for the content of `element`."""
    blocks: list[str] = []
    inline: list[str] = [_escape(element.text or "")]

    def flush() -> None:
        text = _finish_inline("".join(inline))
        inline.clear()
        if text:
            blocks.append(_escape_block_start(text))

    for child in element:
        if not isinstance(child.tag, str):
            inline.append(_escape(child.tail or ""))
            continue
        tag = child.tag.lower()
        if tag not in _BLOCK_TAGS:
            inline.append(_inline(child, base))
            inline.append(_escape(child.tail or ""))
            continue
        flush()
        blocks.extend(_block(child, tag, base))
        inline.append(_escape(child.tail or ""))
    flush()
    return _lists_apart([block for block in blocks if block.strip()])


def _block(child: lxml.html.HtmlElement, tag: str, base: str | None) -> list[str]:
    if tag in _READ_INLINE and any(inside.tag in _BLOCK_TAGS for inside in child):
        return _parted_at_blocks(child, tag, base)
    if tag in _HEADINGS:
        # An ATX heading is one line, and `#`s that end it would close it: `Issue #` is kept.
        text = _finish_inline(_inline_content(child, base).replace(_BREAK, " "))
        text = re.sub(r"(^|\s)#(#*)$", r"\1\\#\2", text)
        return [f"{_HEADINGS[tag]} {text}"] if text else []
    if tag == "p":
        text = _finish_inline(_inline_content(child, base))
        return [_escape_block_start(text)] if text else []
    if tag in ("ul", "ol"):
        return [_list(child, ordered=tag == "ol", base=base)]
    if tag == "blockquote":
        inner = "\n\n".join(_blocks(child, base))
        return ["\n".join(f"> {line}".rstrip() for line in inner.split("\n"))] if inner else []
    if tag == "pre":
        for line_break in child.iter("br"):  # WordPress writes code lines apart with <br>
            line_break.tail = "\n" + (line_break.tail or "")
        code = child.text_content().strip("\n")
        fence = "```" if "```" not in code else "~~~" if "~~~" not in code else _ticks(code)
        return [f"{fence}\n{code}\n{fence}"]
    if tag == "hr":
        return ["* * *"]
    if tag == "table":
        return [lxml.html.tostring(child, encoding="unicode", with_tail=False).strip()]
    if tag == "figcaption":  # in italics, as browsers and themes show it, apart from the text
        text = _finish_inline(_wrap(_inline_content(child, base), _EM))
        return [text] if text else []
    return _blocks(child, base)


_READ_INLINE = frozenset((*_HEADINGS, "p", "figcaption"))
"""The blocks `_block` reads as a line of text: a block in one would run into that line."""


def _parted_at_blocks(element: lxml.html.HtmlElement, tag: str, base: str | None) -> list[str]:
    """`element`, one of _READ_INLINE that holds a block (`<h2>Steps<ol>…</ol></h2>`, which
    HTML5 allows): one of its kind for each run of text, and the blocks between them as
    blocks (`## Steps`, then the list), rather than the list run into the heading."""
    blocks: list[str] = []
    for run in _runs(_content(element)):
        if isinstance(run, list):
            part = element.makeelement(element.tag, dict(element.attrib))
            _set_content(part, run)
            blocks += _block(part, tag, base)
        else:
            blocks += _block(run, run.tag.lower(), base)
    return blocks


def _list(element: lxml.html.HtmlElement, *, ordered: bool, base: str | None) -> str:
    items = []
    start = str(element.get("start") or "").strip()
    number = int(start) if ordered and start.isdecimal() and len(start) <= 9 else 1
    for child in element:
        if not isinstance(child.tag, str) or child.tag.lower() != "li":
            continue
        marker = f"{number}. " if ordered else "- "
        number += 1
        text = "\n\n".join(_blocks(child, base)) or ""
        indent = " " * len(marker)
        lines = text.split("\n")
        # An empty line stays empty: spaces alone at its end would be noise in the author's file.
        indented = [indent + line if line else line for line in lines[1:]]
        items.append(marker + "\n".join([lines[0], *indented]))
    return "\n".join(items)


_LIST_MARKER = re.compile(r"(?:\d{1,9}[.)]|[-*])(?= |$)")


def _lists_apart(blocks: list[str]) -> list[str]:
    """`blocks` with a list that follows a list of the same marker written with the other
    one, `1)` after `1.` and `*` after `-`: CommonMark reads the two as one list else."""
    apart: list[str] = []
    for block in blocks:
        marker = _list_marker(block)
        if marker is not None and apart and _list_marker(apart[-1]) == marker:
            # Only an item's first line starts at the margin: the others are indented.
            if marker == ".":
                block = re.sub(r"^(\d{1,9})\.(?= |$)", r"\1)", block, flags=re.M)
            else:
                block = re.sub(r"^-(?= |$)", "*", block, flags=re.M)
        apart.append(block)
    return apart


def _list_marker(block: str) -> str | None:
    """The character that ends the marker of the list `block` is (`.`, `)`, `-`, `*`)."""
    if _HR.match(block.split("\n", 1)[0]):
        return None  # `* * *`, a thematic break
    match = _LIST_MARKER.match(block)
    return match.group()[-1] if match else None


def _inline_content(element: lxml.html.HtmlElement, base: str | None) -> str:
    parts = [_escape(element.text or "")]
    for child in element:
        if isinstance(child.tag, str):
            written = _inline(child, base)
            if written.startswith("["):
                _escape_bang_before_link(parts)
            parts.append(written)
        parts.append(_escape(child.tail or ""))
    return "".join(parts)


def _escape_bang_before_link(parts: list[str]) -> None:
    """A `!` that ends the text before a link, escaped: `Wow!` then a link was written
    `Wow![text](url)`, an image of the link's URL, and the `!` and the link's text were lost."""
    last = next((index for index in range(len(parts) - 1, -1, -1) if parts[index]), None)
    if last is None or not parts[last].endswith("!"):
        return
    before = parts[last][:-1]
    if (len(before) - len(before.rstrip("\\"))) % 2 == 0:  # not a `\!` escaped already
        parts[last] = f"{before}\\!"


def _inline(element: lxml.html.HtmlElement, base: str | None) -> str:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag == "br":
        return _BREAK
    if tag == "img":
        src = _image_source(element)
        if not src:
            return ""
        alt = _escape(collapse_whitespace(element.get("alt") or ""))
        return f"![{alt}]({_url(src, base)})"
    if tag == "code":
        code = collapse_whitespace(element.text_content())
        # Longer ticks than any run inside; a space apart from a tick at either end.
        pad = " " if code[:1] == "`" or code[-1:] == "`" else ""
        return f"{_ticks(code)}{pad}{code}{pad}{_ticks(code)}" if code else ""
    inner = _inline_content(element, base)
    if tag == "a":
        href = (element.get("href") or "").strip()
        text = collapse_whitespace(inner.replace(_BREAK, " "))
        if not href or href.startswith(("javascript:", "#")) or not text:
            return inner
        return f"[{text}]({_url(href, base)})"
    if tag in ("strong", "b"):
        return _wrap(inner, _STRONG)
    if tag in ("em", "i", "cite"):
        return _wrap(inner, _EM)
    if tag in ("del", "s", "strike"):
        return _wrap(inner, _DEL)
    if tag in ("sup", "sub") and inner.strip():
        return f"<{tag}>{inner}</{tag}>"  # E = mc<sup>2</sup> is not E = mc2; Markdown has none
    return inner


# Where lazy-loading scripts keep an image's real address, its src a placeholder until then:
# a data: URL, or a file such as jQuery Lazy Load's grey.gif, which the script replaces.
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original")


def _image_source(image: lxml.html.HtmlElement) -> str | None:
    sources = [str(image.get(name) or "").strip() for name in (*_LAZY_SOURCES, "src")]
    return next((found for found in sources if found), None)


def _ticks(code: str) -> str:
    """Backticks one longer than the longest run of them in `code`."""
    return "`" * (max((len(run) for run in re.findall("`+", code)), default=0) + 1)


def _wrap(inner: str, opening: str) -> str:
    """`inner` between the marks of an emphasis (`opening` and the character after it), with
    the spaces around the text moved outside them. _finish_inline writes the marks."""
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{opening}{stripped}{chr(ord(opening) + 1)}{trail}"


# Emphasis is marked with a character (the opening one, and the next for its end) while the
# Markdown is made, and written once the text on both sides is known: `*`, `**` or `~~` where
# CommonMark's flanking rules read them as its start and end, else as HTML. Next to
# punctuation inside and a letter outside, `word*"quoted"*word` showed its stars.
_EM, _STRONG, _DEL = "\x01", "\x03", "\x05"
_EMPHASIS = {_EM: ("*", "em"), _STRONG: ("**", "strong"), _DEL: ("~~", "del")}
_MARK_CHARACTERS = re.compile("[\x01-\x06]")
_MARKS = re.compile("([\x01-\x06])")


def _write_emphasis(text: str) -> str:
    # Text and marks in turn: text at even places, marks at odd ones, each text maybe empty.
    pieces = _MARKS.split(text)
    opened: list[int] = []
    ends: dict[int, int] = {}  # where each emphasis written so far ends, by its start
    for index in range(1, len(pieces), 2):
        if pieces[index] in _EMPHASIS:
            opened.append(index)
            continue
        start = opened.pop()
        ends[start] = index
        mark, tag = _EMPHASIS[pieces[start]]
        # An opening `*` that could close too closes an outer one's `*` first (`*a*b*c*`).
        inside_same = any(_EMPHASIS[pieces[outer]][0][0] == mark[0] for outer in opened)
        if tag == "em" and _strong_alone(pieces, ends, start, index, may_close=not inside_same):
            # `***x***`, which CommonMark reads as emphasis around strong emphasis.
            pieces[start] = pieces[index] = mark
            pieces[start + 2] = pieces[index - 2] = "**"
        elif _flanks(pieces, start, index, may_close=not inside_same):
            pieces[start] = pieces[index] = mark
        else:
            pieces[start], pieces[index] = f"<{tag}>", f"</{tag}>"
    return "".join(pieces)


def _strong_alone(
    pieces: list[str], ends: dict[int, int], start: int, end: int, *, may_close: bool
) -> bool:
    """Whether the emphasis between the marks at `start` and `end` of `pieces` holds a strong
    one alone, written as HTML as its `**` ran into these `*`, and `***` around its text
    would open and close as one run."""
    inner_start, inner_end = start + 2, end - 2
    if pieces[start + 1] or pieces[end - 1] or ends.get(inner_start) != inner_end:
        return False
    if pieces[inner_start] != "<strong>":
        return False
    merged = [*pieces[:start], _EM, *pieces[inner_start + 1 : inner_end], chr(ord(_EM) + 1)]
    return _flanks([*merged, *pieces[end + 1 :]], start, len(merged) - 1, may_close=may_close)


def _flanks(pieces: list[str], start: int, end: int, *, may_close: bool) -> bool:
    """Whether the marks at `start` and `end` of `pieces` (text and marks in turn) open and
    close the emphasis between them: the opening one left-flanking, the closing one
    right-flanking (CommonMark 6.2), and next to no other delimiter they would run into;
    unless `may_close`, the opening one not right-flanking as well."""
    char = _EMPHASIS[pieces[start]][0][0]
    sides = [
        _side(pieces, start - 1, char, last=True),
        _side(pieces, start + 1, char, last=False),
        _side(pieces, end - 1, char, last=True),
        _side(pieces, end + 1, char, last=False),
    ]
    if "mark" in sides or "space" in sides[1:3] or _between_runs(sides):
        return False
    before, first, last, after = ("punctuation" if side == "other mark" else side for side in sides)
    opens = first == "other" or before in ("space", "punctuation")
    closes = last == "other" or after in ("space", "punctuation")
    could_close = before != "space" and (before == "other" or first == "punctuation")
    return opens and closes and (may_close or not could_close)


def _between_runs(sides: list[str]) -> bool:
    """Whether the opening or the closing mark (`sides`: before and after each) has
    punctuation on both sides, one of them another character's run (`~~` beside `*`):
    CommonMark takes that run for punctuation, but cmark-gfm reads no emphasis there
    (`*:*~~x~~` shows its stars; `~~*x*~~` is struck and emphasised)."""
    punctuation = ("punctuation", "other mark")
    return any(
        "other mark" in pair and all(side in punctuation for side in pair)
        for pair in (sides[0:2], sides[2:4])
    )


def _side(pieces: list[str], index: int, char: str, *, last: bool) -> str:
    """What the text at `index` of `pieces` is next to a mark written with `char`: `space`,
    `punctuation`, `other`, `mark` where another emphasis's delimiters of that character
    would be, and run into its own, or `other mark` where another character's would."""
    text = pieces[index]
    if not text and index in (0, len(pieces) - 1):
        return "space"
    if not text:  # another mark is beyond it
        beside = pieces[index - 1 if last else index + 1]
        if _MARK_CHARACTERS.fullmatch(beside):
            beside = _EMPHASIS[beside if beside in _EMPHASIS else chr(ord(beside) - 1)][0]
        if beside[:1] == char:
            return "mark"
        # `~~*x*~~`: a run of another character; `<em>`'s `<` is punctuation.
        return "other mark" if beside[:1] in "*~" else "punctuation"
    near = text[-1] if last else text[0]
    category = unicodedata.category(near)
    if near == _BREAK or near in " \t\n\r\f" or category == "Zs":
        return "space"
    if near in string.punctuation or category.startswith("P"):
        return "punctuation"
    # cmark-gfm takes other symbols (€) for letters, CommonMark 0.31 for punctuation.
    return "mark" if category.startswith("S") else "other"


def _url(url: str, base: str | None) -> str:
    # `<` and `>` end a link's address in Markdown, as they cannot in a page's markup.
    url = url.strip().replace("<", "%3C").replace(">", "%3E")
    if base:
        with contextlib.suppress(ValueError):
            url = urljoin(base, url)
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


_BARE_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<]*", re.I)
_URL_END = re.compile(r">(?=[>?!.,:]*$)")
_URL_END_PAREN = re.compile(r">(?=[>?!.,:)]*$)")


def _escape(text: str) -> str:
    """Text that Markdown shows as written."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*\[\]~])", r"\\\1", text)  # ~ strikes text through, ~~~ opens code
    text = re.sub(r"(?<![^\W_])_|_(?![^\W_])", r"\\_", text)
    text = re.sub(r"<(?=[A-Za-z/!?])", r"\\<", text)
    text = re.sub(r"&(?=#?\w+;)", r"\\&", text)
    return _BARE_URL.sub(_bare_url_end, text)


def _bare_url_end(url: re.Match[str]) -> str:
    # GFM links a bare address up to a space or `<`, a `>` after it too: the page's
    # `&lt;https://e.org&gt;` linked to https://e.org%3E. `&gt;` shows `>` and ends the link
    # where only what GFM leaves out of a link follows (`.`, a `)` without its `(`); before
    # more, GFM would show `&gt;` in the link's text.
    run = url.group()
    return (_URL_END if "(" in run else _URL_END_PAREN).sub("&gt;", run)


def _escape_block_start(text: str) -> str:
    # `-` alone or `---` is a list item, a thematic break or a heading's underline; a `>`
    # starts a quote with no space after it (`>>> print(1)`).
    if re.match(r"(?:#{1,6}|\+|-+|=+)(?:\s|$)|>", text):
        return "\\" + text
    return re.sub(r"^(\d{1,9})([.)])(?=\s)", r"\1\\\2", text)


def _finish_inline(text: str) -> str:
    lines = [collapse_whitespace(line) for line in _write_emphasis(text).split(_BREAK)]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    # A line after a break starts a list, quote or heading as a block's first line does.
    return "\\\n".join(lines[:1] + [_escape_block_start(line) for line in lines[1:]])


# ---------------------------------------------------------------------------------------------
# Where entries go, and what is written


def _place(
    drafts: list[tuple[Path, _Draft]],
    into: Path,
    tz: tzinfo,
    errors: list[StaticfeedError],
    *,
    read_in: tzinfo,
) -> list[ImportedEntry]:
    """The entries of `drafts`, their dates written as wall times in `tz`, or with offsets; a
    draft without a date is told why in `read_in`, the zone its date lines were read in."""
    planned: set[Path] = set()
    entries = []
    shared = _shared_names(drafts)
    for source, draft in drafts:
        if draft.title is None or draft.date is None:
            errors.append(_missing(source, draft, read_in))
            continue
        _join_lines(draft)
        _drop_earlier_update(draft)  # a page's or a text's, whose dates a line may give
        slug = _translation_slug(draft, shared)
        path = _free_path(into, draft.date.year, slug, planned)
        in_the_way = _file_in_the_way(path.parent)
        if in_the_way is not None:
            errors.append(_in_the_way_error(in_the_way, path, source))
            continue
        existing = _existing_entry(path)
        if existing is not None:
            errors.append(_existing_entry_error(existing, path, source))
            continue
        planned.add(path)
        entries.append(_entry(source, path, draft, tz))
    return entries


def _join_lines(draft: _Draft) -> None:
    """A title, tag or author name on several lines or with a tab (YAML's `title: |`), which
    build refuses (`values.one_line`), on one line, its field listed for review as changed."""
    title = values.joined(draft.title or "")
    tags = _unique([values.joined(tag) for tag in draft.tags])
    authors = [replace(author, name=values.joined(author.name)) for author in draft.authors]
    for name, value in (("title", title), ("tags", tags), ("authors", authors)):
        if value != getattr(draft, name):
            setattr(draft, name, value)
            draft.guessed.add(name)


def _missing(source: Path, draft: _Draft, tz: tzinfo) -> ImportProblem:
    """The error for a draft without a title or a date; a date line refused (`12/01/2025`
    reads both ways) is named, with why, rather than not found."""
    missing = "title" if draft.title is None else "date"
    where = " for the article that starts here" if draft.line else ""
    # A refused date line above the title is taken for the title, and is not in the body.
    top = f"{draft.title}\n{draft.body}" if draft.title else draft.body
    if draft.header in (None, "html"):
        top = _head_lines(top, tz)  # a text's date is read there, not below its first prose
    refused = _refused_date_line(top, tz) if missing == "date" else None
    if refused is not None:
        return ImportProblem(
            f"no date found{where}: the date line {refused[1]}",
            "Write the date like 2025-12-22 or 2025-12-22 14:30 in a copy of the document, "
            "and import the copy.",
            path=source,
            line=_line_in(source, refused[0]) or draft.line,
        )
    return ImportProblem(
        f"no {missing} found{where}",
        f"Add {_missing_line(draft, missing)} of a copy of the document, and import the copy.",
        path=source,
        line=draft.line,
    )


_EXAMPLES = {"title": ("My title", '"My title"'), "date": ("2025-12-22", "2025-12-22")}
_HTML_EXAMPLES = {
    "title": "<title>My title</title> to the <head>",
    "date": '<meta name="date" content="2025-12-22"> to the <head>',
}


def _missing_line(draft: _Draft, missing: str) -> str:
    """Where and how to write the missing title or date: as a key of the post's header (the
    line at the top would break its front matter), in a page's <head>, or as a line of text."""
    plain, toml = _EXAMPLES[missing]
    if draft.header == "html":
        return _HTML_EXAMPLES[missing]
    if draft.header == "yaml":
        return f"{missing}: {plain} to the front matter"
    if draft.header == "toml":
        return f"{missing} = {toml} to the front matter"
    if draft.header == "pelican":
        return f"{missing.capitalize()}: {plain} to the header lines"
    return f"a line with the {missing} at the top"


def _head_lines(text: str, tz: tzinfo) -> str:
    """The lines at the top of `text` that a text's title, date and byline are read from, as
    _Page.head reads them: up to its first prose."""
    page = _Page(_units(text), tz)
    return "\n".join(unit.text for unit in page.units[: page.head(0, None).end])


def _refused_date_line(body: str, tz: tzinfo) -> tuple[str, str] | None:
    """The first line near the top of `body` that is a date staticfeed refuses, and why."""
    for line in [line for line in body.split("\n") if line.strip()][:8]:
        plain = _plain(line)
        labelled = _DATE_LABEL.match(plain)
        # Not a wrong weekday, nor a time in a form a date line does not read: import takes
        # the day for review, unless that is a time the clocks skip.
        refusal = lenient_refusal(labelled.group("date") if labelled else plain, tz)
        if refusal is not None:
            return line, refusal
    return None


def _line_in(source: Path, line: str) -> int | None:
    """The number of the first line of `source` that is `line`, give or take spaces."""
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    wanted = line.strip()
    lines = list(enumerate(text.splitlines(), 1))
    found = next((n for n, raw in lines if raw.strip() == wanted), None)
    # A title is the line without its marks: `*12/01/2025*` gives `12/01/2025`.
    return found or next((n for n, raw in lines if _plain(raw) == _plain(wanted)), None)


def _existing_entry_error(existing: Path, path: Path, source: Path) -> ImportProblem:
    consequence = (
        "would overwrite it"
        if existing == path
        else f"would write {display_path(path)}, an entry with the same id"
    )
    return ImportProblem(
        f"the entry already exists: importing {display_path(source)} {consequence}",
        "staticfeed import never overwrites an entry: move or rename it, or delete it if it is "
        "an earlier import of the same document.",
        path=existing,
    )


def _shared_names(drafts: list[tuple[Path, _Draft]]) -> set[tuple[int, str]]:
    """The year folders and names that more than one of `drafts` takes."""
    names = Counter(
        (draft.date.year, draft.slug or slugify(draft.title))
        for _, draft in drafts
        if draft.title is not None and draft.date is not None
    )
    return {name for name, count in names.items() if count > 1}


def _translation_slug(draft: _Draft, shared: set[tuple[int, str]]) -> str:
    """The name of a draft: a Hugo translation's (`bridge.fr.md`) is its post's, `bridge`,
    but `bridge-fr` where another document of the import takes that name too, its original
    or another translation, whatever order they come in."""
    assert draft.title is not None and draft.date is not None
    slug = draft.slug or slugify(draft.title)
    if draft.translation is None or (draft.date.year, slug) not in shared:
        return slug
    named = f"{slug}-{draft.translation}"
    basis = "its Slug: and Lang:" if draft.header == "pelican" else "its file name and language"
    if not draft.post:  # a document without front matter in a Hugo language folder
        basis = "its title and language"
    draft.named_from = f"{basis}: {slug} is another post's"
    return named


def _free_path(into: Path, year: int, slug: str, planned: set[Path]) -> Path:
    """A path no other entry of this import takes: `slug.md`, else `slug-2.md`, …"""
    folder = into / f"{year:04d}"
    path = folder / f"{slug}.md"
    number = 2
    while path in planned:
        path = folder / f"{slug}-{number}.md"
        number += 1
    return path


def _file_in_the_way(folder: Path) -> Path | None:
    """The file at `folder`, or at a folder above it, that keeps it from being made: found
    before writing, so that --dry-run shows the error the import would end with."""
    for path in (folder, *folder.parents):
        try:
            if path.is_dir():
                return None
            if path.exists():
                return path
        except OSError:  # cannot be looked at: the entry's own check names it
            return None
    return None


def _in_the_way_error(in_the_way: Path, path: Path, source: Path) -> ImportProblem:
    return ImportProblem(
        f"it is a file, where importing {display_path(source)} needs a folder to write "
        f"{display_path(path)} in",
        "Move or rename that file, or pass another --into folder.",
        path=in_the_way,
    )


def _existing_entry(path: Path) -> Path | None:
    """An entry at `path`, or one with the same name and another suffix (the same id)."""
    for suffix in ENTRY_SUFFIXES:
        candidate = path.with_suffix(suffix)
        try:
            if candidate.exists():
                return candidate
        except OSError as error:  # PermissionError: a folder on the way cannot be entered
            raise unreachable(candidate, error) from None
    return None


def _entry(source: Path, path: Path, draft: _Draft, tz: tzinfo) -> ImportedEntry:
    assert draft.title is not None and draft.date is not None
    body = _LEADING_BLANK_LINES.sub("", draft.body).rstrip() + "\n"
    entry = ImportedEntry(
        source=source,
        path=path,
        title=draft.title,
        date=draft.date,
        authors=tuple(draft.authors),
        source_line=draft.source_line,
        guessed=frozenset(draft.guessed),
        body=body,
        updated=draft.updated,
        summary=draft.summary,
        tags=tuple(draft.tags),
        link=draft.link,
        image=draft.image,
        lang=draft.lang,
        draft=draft.draft,
        left_out=tuple(draft.left_out),
        named_from=draft.named_from,
        translation=draft.translation,
        lang_from=draft.lang_from,
        not_copied=() if draft.link else _files_beside(body, source),
        post=draft.post,
    )
    return _with_document(entry, tz)


def _files_beside(body: str, source: Path) -> tuple[LocalFile, ...]:
    """The files and folders in the source's folder or below it that `body` names by a relative
    URL (a Hugo page bundle's images, its `gallery/`), as `check` reports them once imported
    (relative-file): import copies documents only, and in entries/ such a URL resolves against
    site_url."""
    return tuple(local_files(gfm.sources(body, EXTENSIONS), source, source.parent, folders=True))


def _with_document(entry: ImportedEntry, tz: tzinfo) -> ImportedEntry:
    lines = [
        "---",
        f"title: {values.quoted(entry.title)}",
        f"date: {front_matter_date(entry.date, tz)}",
    ]
    if entry.updated is not None:
        lines.append(f"updated: {front_matter_date(entry.updated, tz)}")
    if entry.authors:
        lines.append("authors:")
        for author in entry.authors:
            lines.append(f"  - name: {values.quoted(author.name)}")
            if author.email:
                lines.append(f"    email: {values.quoted(author.email)}")
            if author.uri:
                lines.append(f"    uri: {values.quoted(author.uri)}")
    if entry.summary:
        lines.append(f"summary: {values.quoted(entry.summary)}")
    if entry.tags:
        lines.append(f"tags: [{', '.join(values.quoted(tag) for tag in entry.tags)}]")
    for key in ("link", "image", "lang"):
        value = getattr(entry, key)
        if value:
            lines.append(f"{key}: {values.quoted(value)}")
    if entry.draft:
        lines.append("draft: true")
    review = [name for name in (*FIELDS, "source") if name in entry.guessed]
    if review:
        lines.append(f"review: [{', '.join(review)}]")
    lines.append("---")
    document = "\n".join(lines) + "\n\n" + entry.body
    return replace(entry, document=document)


_ENTRY_MODE = 0o644  # as `new` writes one


def _write(entries: list[ImportedEntry]) -> None:
    """Write every entry, each as a new file, whole or not at all: if one cannot be written,
    or Ctrl-C or SIGTERM comes, the entries written so far and the folders made for them go."""
    written: list[Path] = []
    made: list[Path] = []
    done = False
    try:
        for entry in entries:
            _make_folders(entry.path.parent, made)
            written.append(entry.path)  # before it exists: an interruption may come as it does
            _write_new(entry, written)
        done = True
    finally:
        if not done:
            _undo(written, made)


def _undo(written: list[Path], made: list[Path]) -> None:
    for path in written:
        path.unlink(missing_ok=True)
    for folder in reversed(made):
        with contextlib.suppress(OSError):  # not empty: another's file came meanwhile
            folder.rmdir()


def _make_folders(folder: Path, made: list[Path]) -> None:
    """`folder` and the folders above it that are missing, each named in `made` once made."""
    missing = [folder, *itertools.takewhile(lambda above: not above.is_dir(), folder.parents)]
    for each in reversed(missing):
        try:
            each.mkdir()
        except FileExistsError:
            continue  # made meanwhile, by another
        except OSError as error:
            raise ImportProblem(
                f"cannot create the folder ({error.strerror})",
                "Check that the entries folder is writable and holds no file of that name.",
                path=folder,
            ) from None
        made.append(each)


def _write_new(entry: ImportedEntry, written: list[Path]) -> None:
    try:
        create_file(entry.path, entry.document.encode("utf-8"), _ENTRY_MODE)
    except FileExistsError:
        written.remove(entry.path)  # another's: left as it is
        raise ImportProblem(
            "the entry appeared while importing, and is left as it is",
            "Import again.",
            path=entry.path,
        ) from None
    except OSError as error:
        raise ImportProblem(
            f"cannot write the entry ({error.strerror})",
            "Check that the entries folder is writable.",
            path=entry.path,
        ) from None
