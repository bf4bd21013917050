"""Web pages for people: an index that lists the entries and the feeds, and a page per entry.

The pages are rendered with Jinja2 templates. The defaults live in staticfeed/templates/
(base.html, index.html, entry.html); a folder passed as `templates_dir` may override any of them.
Templates see plain values (see `PageEntry`) and these filters:

- `iso`: a datetime as ISO 8601, for `<time datetime=...>`;
- `date_text`: a datetime as people read it, in its own offset and in no language
  (`2025-12-22`, or `2025-12-22 14:00 +02:00` when it has a time of day);
- `mailto`: an email address as a `mailto:` URL.

Rendering is deterministic: the same inputs always give the same bytes.
"""

from __future__ import annotations

import functools
import mmap
import os
import re
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import quote, unquote, urlsplit

import jinja2
import jinja2.nodes
from jinja2.loaders import split_template_path
from markupsafe import Markup

from staticfeed.blocks import block_span
from staticfeed.cache import digest_text
from staticfeed.config import Config
from staticfeed.dates import date_text, iso
from staticfeed.errors import (
    ConfigError,
    EntryError,
    ManyErrors,
    StaticfeedError,
    display_path,
    unreachable,
    unreadable,
)
from staticfeed.ids import WINDOWS_DEVICES
from staticfeed.model import Author, Entry, RenderedEntry
from staticfeed.render import place_link_start
from staticfeed.text import names_separator, names_text
from staticfeed.values import type_name

INDEX_NAME = "index.html"
PAGE_NAME = "index.html"
TEMPLATE_NAMES = ("base.html", INDEX_NAME, "entry.html")
# A slug segment as ids.normalize_slug writes it: unreserved characters and %XX escapes.
_SLUG_SEGMENT = re.compile(r"(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})+")
# Files a static host reads from the top of the site (Netlify, Cloudflare Pages); staticfeed
# writes _headers, and its own records are the hidden .staticfeed-ids and .staticfeed-files.
_HOST_FILES = ("_headers", "_redirects")
_LONGEST_NAME = 255  # bytes of UTF-8 in a folder's name, on Linux and macOS (Windows: UTF-16 units)
# What a decoded segment may not contain to be one folder name on every common file system.
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")
# "and" or "&" as a word of a name (`Smith and Jones`, `Tom & Jerry`).
_AND = re.compile(r"(?<!\S)(?:and|&)(?!\S)", re.IGNORECASE)
T = TypeVar("T")


@dataclass(frozen=True)
class FeedLink:
    """A feed people can subscribe to: shown on the index, and announced in <head>."""

    title: str
    url: str
    media_type: str


@dataclass(frozen=True)
class PageEntry:
    """What a template sees of one entry."""

    rendered: RenderedEntry
    url: str
    """The entry's page, absolute: `entry_page_url`."""

    @property
    def entry(self) -> Entry:
        return self.rendered.entry

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def title(self) -> str:
        return self.entry.title

    @property
    def published(self) -> datetime:
        """In whole seconds, as pages and feeds write dates (`dates.writable`)."""
        return self.entry.published.replace(microsecond=0)

    @property
    def updated(self) -> datetime:
        """In whole seconds: entry.html says "updated" when it is not `published`, and a
        fraction of a second (10:00:00.5 and 10:00:00.7) gave "updated" at the same time."""
        return self.entry.updated.replace(microsecond=0)

    @property
    def authors(self) -> tuple[Author, ...]:
        return self.entry.authors

    @property
    def author_names(self) -> str:
        """The authors' names as the index lists them (`names_text`), made here: the filter
        `authors|map(attribute="name")|join(", ")` took a quarter of the time to make an index
        of 10,000 entries."""
        return names_text(author.name for author in self.entry.authors)

    @functools.cached_property
    def name_separator(self) -> str:
        """What parts the authors' names on the entry's page, as in `names_text`: `;` when a
        name has a comma of its own (`Lee, Ann; Chen, Bo`: entry.html writes no "and", which
        would run two names together), else `,` (`Ann Lee, Bo Chen and Cy Dee`). Kept, as is
        `and_before_last`: entry.html asks after each name, and each asks about every name."""
        return names_separator(author.name for author in self.entry.authors).rstrip()

    @functools.cached_property
    def and_before_last(self) -> bool:
        """Whether the page writes "and" before the last name (`Ann Lee, Bo Chen and Cy Dee`):
        not when a name has a comma, or an "and" or "&" of its own, which "and" would run into
        the next name (`Smith and Jones and Ann Lee` reads as three people; `Smith and Jones,
        Ann Lee` as two)."""
        names = [author.name for author in self.entry.authors]
        return self.name_separator == "," and not any(_AND.search(name) for name in names)

    @property
    def tags(self) -> tuple[str, ...]:
        return self.entry.tags

    @property
    def summary(self) -> str:
        return self.rendered.summary

    @property
    def content(self) -> Markup:
        """The entry's HTML, inserted as markup (the author's raw HTML passes through). In the
        feeds, a link to a place in the entry (`#results`, a footnote) leads to its `link`;
        on this page, where those places are, it stays here: at the original (Medium, say),
        the footnotes staticfeed numbered do not exist."""
        html = self.rendered.content_html
        if self.entry.link:
            start = place_link_start(self.entry.link)  # href="https://…/p%C3%A4ge#
            if start is not None:
                html = html.replace(start, start[: len('href="')] + "#")
        return Markup(html)

    @property
    def link(self) -> str | None:
        """The original web page, when the entry has one with an http(s) URL."""
        return _web_url(self.entry.link)

    @property
    def lang(self) -> str | None:
        return self.entry.lang


def entry_page_url(config: Config, entry: Entry) -> str:
    """The absolute URL of `entry`'s page: `feed_url` + slug + "/", each folder name Windows
    keeps for a device with a `-` after it (`_page_folder`)."""
    segments = entry.slug.split("/")
    if any(_windows_device(unquote(segment)) for segment in segments):
        # Only a slug from the file name (`con.md`): a written one is refused (page_path).
        return config.feed_url + "/".join(map(_page_folder, segments)) + "/"
    return config.feed_url + entry.slug + "/"


class Paged(Protocol):
    """What places an entry's page: its slug, and its document (named in errors). An Entry, or
    a document `staticfeed new` is about to write, checked before it is."""

    @property
    def slug(self) -> str: ...

    @property
    def source(self) -> Path: ...


def page_path(entry: Paged) -> str:
    """Where `entry`'s page goes, relative to the output folder: `<slug>/index.html`.

    The slug is percent-encoded in URLs; static hosts decode a request's path before looking
    for the file, so the folders are named with the decoded text (`caf%C3%A9` -> `café`).
    Raises EntryError for a slug that is not a plain relative path.
    """
    return "/".join([*_slug_folders(entry), PAGE_NAME])


def render_pages(
    config: Config,
    entries: Sequence[RenderedEntry],
    feeds: Sequence[FeedLink],
    topic_feeds: Sequence[FeedLink] = (),
    templates_dir: Path | None = None,
    made: Mapping[str, bytes | StaticfeedError] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """The index, then every entry's page, each made as it is asked for, with its POSIX path
    relative to the output folder.

    `entries` are listed in the order given (newest first). `feeds` are announced for
    autodiscovery and listed with `topic_feeds` under "Subscribe". Raises EntryError (or
    ManyErrors) for slugs that cannot be pages, and ConfigError for a broken template: the
    index's first, then the entry pages' in order. `made` has the entry pages already made
    elsewhere (in worker processes), by path, or the error making one gave.
    """
    paths = page_paths(config, [rendered.entry for rendered in entries], [*feeds, *topic_feeds])
    renderer = PageRenderer(config, feeds, topic_feeds, templates_dir)
    pages = [PageEntry(rendered, entry_page_url(config, rendered.entry)) for rendered in entries]
    yield INDEX_NAME, renderer.index(pages)
    made = made or {}
    for path, page in zip(paths, pages, strict=True):
        yield path, _made_page(made[path]) if path in made else renderer.entry(page)


def _made_page(made: bytes | StaticfeedError) -> bytes:
    if isinstance(made, StaticfeedError):
        raise made
    return made


class PageRenderer:
    """Makes the index and entry pages one at a time, as `render_pages` makes them: a cached
    build makes only the pages whose entries changed."""

    def __init__(
        self,
        config: Config,
        feeds: Sequence[FeedLink],
        topic_feeds: Sequence[FeedLink] = (),
        templates_dir: Path | None = None,
    ) -> None:
        self._config = config
        self._environment = _environment(templates_dir)
        self._common = {
            "config": config,
            "feeds": tuple(feeds),
            "topic_feeds": tuple(topic_feeds),
            "index_url": config.feed_url,
        }

    def index(self, pages: Sequence[PageEntry]) -> bytes:
        context = {**self._common, "entries": tuple(pages), "lang": self._config.language}
        return _render(self._environment, INDEX_NAME, None, **context)

    def entry(self, page: PageEntry) -> bytes:
        context = {**self._common, "entry": page, "lang": page.lang or self._config.language}
        return _render(self._environment, "entry.html", page.entry.source, **context)

    def index_article(self, page: PageEntry) -> bytes | None:
        """What staticfeed's own index.html lists of `page`'s entry, as the index of every
        entry holds it (`article_span`): its index made with it alone, and taken out."""
        alone, span = self._index_alone(page)
        return alone[span[0] : span[1]] if span is not None else None

    def index_of_articles(self, first: PageEntry, articles: Sequence[bytes]) -> bytes | None:
        """staticfeed's own index of the entries whose `index_article`s are `articles`, the
        first of them `first`'s: the index made with `first` alone, its article replaced by
        all of them, which its template writes one after another and nothing else about."""
        alone, span = self._index_alone(first)
        return alone[: span[0]] + b"".join(articles) + alone[span[1] :] if span else None

    def _index_alone(self, page: PageEntry) -> tuple[bytes, tuple[int, int] | None]:
        """The index of `page`'s entry alone, and where it holds its article."""
        alone = self.index([page])
        return alone, article_span(alone, alone)


def articles_in(index: bytes) -> list[bytes]:
    """The articles of an index made with staticfeed's own index.html, in order, as
    `PageRenderer.index_article` gives each (see `article_span` for why the lines that
    open and close one are only ever that)."""
    articles: list[bytes] = []
    start = index.find(_ARTICLE_START)
    while start >= 0:
        end = index.find(_ARTICLE_END, start)
        if end < 0:
            return []
        end += len(_ARTICLE_END)
        articles.append(index[start + 1 : end])
        start = index.find(_ARTICLE_START, end - 1)
    return articles


def article_span(index: bytes | mmap.mmap, article: bytes) -> tuple[int, int] | None:
    """Where `index`, made with staticfeed's own index.html, lists the entry `article` lists
    (`PageRenderer.index_article`), to put `article` in its place. The entry is found by the
    line that links to its page, whose title may have changed; an autoescaped template
    writes no `<` nor `"` from an entry's text or URL, so the lines that open and close an
    article, and that one, are only ever that."""
    return block_span(
        index,
        article,
        start=_ARTICLE_START,
        end=_ARTICLE_END,
        key=b'\n<h3><a href="',
        key_end=b'">',
    )


_ARTICLE_START = b"\n<article "
_ARTICLE_END = b"\n</article>\n"


def index_listing(entry: Entry, summary: str) -> str:
    """A digest of what templates/index.html shows of `entry`, whose summary is `summary`.
    The date counts by its wall time and offset, all the index shows of it: a date read from
    the cache may have another tzinfo of the same offset."""
    shown = [
        entry.slug,
        entry.title,
        entry.published.isoformat(),
        [(author.name, author.email, author.uri) for author in entry.authors],
        entry.lang,
        summary,
    ]
    return digest_text(repr(shown))  # repr escapes a NUL


def page_paths(config: Config, entries: Sequence[Paged], feeds: Sequence[FeedLink]) -> list[str]:
    """Each entry's page path, refusing slugs that escape the folder or collide with a file."""
    paths, errors = _page_paths(config, entries, feeds)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ManyErrors(errors)
    return paths


def page_is_free(
    config: Config, entries: Sequence[Paged], new: Paged, feeds: Sequence[FeedLink]
) -> bool:
    """Whether the build takes `new`'s page beside `entries`'s: page_paths finds no more
    errors with it than without (the same page, case folded, or a folder where a file goes)."""
    # With `new` last, an error the pages of `entries` have is still theirs, and only theirs.
    return len(_page_paths(config, [*entries, new], feeds)[1]) == len(
        _page_paths(config, entries, feeds)[1]
    )


def _page_paths(
    config: Config, entries: Sequence[Paged], feeds: Sequence[FeedLink]
) -> tuple[list[str], list[StaticfeedError]]:
    errors: list[StaticfeedError] = []
    paths: list[str] = []
    owners: dict[str, Paged] = {}
    for entry in entries:
        try:
            path = page_path(entry)
        except EntryError as error:
            errors.append(error)
            continue
        paths.append(path)
        other = owners.setdefault(path.casefold(), entry)
        if other is not entry:
            errors.append(
                EntryError(
                    f"slug {entry.slug!r} gives the same page as {display_path(other.source)}",
                    "Give one of them another slug: in its front matter.",
                    path=entry.source,
                )
            )
    errors.extend(_clashes(config, owners, feeds))
    return paths, errors


def _slug_folders(entry: Paged) -> list[str]:
    folders = []
    for segment in entry.slug.split("/"):
        name = _decoded(segment)
        if name is None:
            raise _slug_error(
                entry,
                f"slug {entry.slug!r} cannot be the name of a page's folder",
                "Write slug: as a relative path of words, like 2025/my-post.",
            )
        if len(name.encode("utf-8")) > _LONGEST_NAME:  # the page could not be written
            raise _slug_error(
                entry,
                f"slug {entry.slug!r} would name a page's folder longer than the "
                f"{_LONGEST_NAME} bytes a file system takes",
                "Give the entry a shorter slug: in its front matter.",
            )
        folders.append(name)
    if folders[0].casefold() == INDEX_NAME:
        raise _slug_error(
            entry,
            f"slug {entry.slug!r} would put a page where the index page goes",
            "Give the entry another slug: in its front matter.",
        )
    # Hidden at any depth: hosts and serve leave such a folder out (hosts read _headers and
    # _redirects only at the top).
    if any(name.startswith(".") for name in folders) or folders[0].casefold() in _HOST_FILES:
        raise _slug_error(
            entry,
            f"slug {entry.slug!r} would put a page in a hidden folder, where staticfeed keeps "
            ".staticfeed-ids, or where a host reads _headers or _redirects",
            "Give the entry another slug: in its front matter.",
        )
    device = next((name for name in folders if _windows_device(name)), None)
    if device is not None:
        _refuse_windows_device(entry, device)
        return [_page_folder(name) for name in folders]
    return folders


def _windows_device(name: str) -> bool:
    """Whether Windows takes the folder `name` for a device: `con`, `AUX`, `nul.x` (a name
    with any extension, or spaces before it), which git cannot check out there."""
    return name.partition(".")[0].rstrip(" ").casefold() in WINDOWS_DEVICES


def _page_folder(name: str) -> str:
    """The folder of a page named `name` (decoded or percent-encoded), a `-` after a device's
    name when Windows keeps it (`con` gets `con-`, `nul.x` gets `nul-.x`), as a topic feed's
    file name gets one (`con-.atom.xml`): the site can then be checked out and uploaded there,
    and the entry keeps its id, which is made of the slug."""
    return re.sub(r"^[^.]*", r"\g<0>-", name, count=1) if _windows_device(unquote(name)) else name


def _refuse_windows_device(entry: Paged, device: str) -> None:
    """The error of a `slug:` that names a page's folder as Windows names a device. A slug
    from the file name (`con.md`) gets its folder renamed instead (`_page_folder`): no `slug:`
    line to fix, and a new one would change the entry's id."""
    from staticfeed.entries import key_line  # only on an error: a patch does not import it

    line = key_line(entry.source, "slug")
    if line is None:
        return
    fixed = "/".join(  # as written in slug:, which percent-encodes `com¹` itself
        re.sub(r"^[^.]*", r"\g<0>-entry", name) if _windows_device(name) else name
        for name in unquote(entry.slug).split("/")
    )
    raise EntryError(
        f"slug {entry.slug!r} would name a page's folder {device!r}, a name Windows keeps for "
        "a device: the site could not be checked out or uploaded there",
        f"Give the entry another slug: in its front matter, like slug: {fixed}.",
        path=entry.source,
        line=line,
    )


def _slug_error(entry: Paged, message: str, fix: str) -> EntryError:
    """The error, at the slug: line when the slug was written (not taken from the path)."""
    from staticfeed.entries import key_line  # only on an error: a patch does not import it

    return EntryError(message, fix, path=entry.source, line=key_line(entry.source, "slug"))


def _decoded(segment: str) -> str | None:
    """The folder name of one slug segment, or None when it is not a safe single name."""
    if not _SLUG_SEGMENT.fullmatch(segment):
        return None
    try:
        name = unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return None
    if name in ("", ".", "..") or _UNSAFE_NAME.search(name):
        return None
    return name


def _clashes(
    config: Config, owners: dict[str, Paged], feeds: Sequence[FeedLink]
) -> Iterable[StaticfeedError]:
    """Pages whose folders would be files: a slug `atom.xml`, or `a/index.html` next to `a`."""
    files = {path.casefold() for feed in feeds if (path := _feed_path(config, feed))}
    files.update(owners)
    for path, entry in owners.items():
        folders = path.split("/")[:-1]
        for depth in range(1, len(folders) + 1):
            folder = "/".join(folders[:depth])
            if folder in files:
                yield EntryError(
                    f"slug {entry.slug!r} would make a folder where the file {folder} goes",
                    "Give the entry another slug: in its front matter.",
                    path=entry.source,
                )
                break


def _feed_path(config: Config, feed: FeedLink) -> str | None:
    """The feed's file relative to the output folder, when it is served from there."""
    if not feed.url.startswith(config.feed_url):
        return None
    return unquote(urlsplit(feed.url[len(config.feed_url) :]).path) or None


def _environment(templates_dir: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise ConfigError(
                "the templates folder does not exist",
                "Create it, or leave it out to use staticfeed's own templates.",
                path=templates_dir,
            )
        loaders.append(_TemplatesFolder(templates_dir))
    loaders.append(jinja2.PackageLoader("staticfeed", "templates"))
    environment = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        # Jinja checks a template file's mtime at every render to reload it: 14 of the 70 us
        # a page took. staticfeed's own templates change only with staticfeed itself.
        auto_reload=templates_dir is not None,
    )
    a_date = "a date, such as entry.published"
    environment.filters["iso"] = _taking("iso", datetime, a_date, iso)
    environment.filters["date_text"] = _taking("date_text", datetime, a_date, date_text)
    environment.filters["mailto"] = _taking("mailto", str, "an email address", mailto)
    environment.tests["rtl"] = right_to_left
    # The same entries make the same bytes: a page that changed at every build would be
    # uploaded again every time, and its Last-Modified would lie.
    del environment.filters["random"], environment.globals["lipsum"]
    return environment


class _NotAName(jinja2.TemplateRuntimeError):
    """An extends, include or import given something else than a template's name."""

    def __init__(self, value: object) -> None:
        super().__init__(f"not a template name: {type_name(value)}")
        self.value = value


def _named(name: object) -> None:
    """Raise _NotAName unless `name` can name a template (an undefined name is Jinja's to
    report): `{% extends none %}` made Jinja say "'NoneType' object has no attribute 'split'",
    and `{% extends "" %}` named the templates folder itself."""
    if isinstance(name, str) and not name.isspace() and name:
        return
    if not isinstance(name, _NAMED_BY_JINJA):
        raise _NotAName(name)


_NAMED_BY_JINJA = (jinja2.Undefined, jinja2.Template)


class _Environment(jinja2.Environment):
    """Jinja's environment, where an extends, include or import of anything but a template's
    name, or of a list of them, is _NotAName."""

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        _named(name)
        return super().get_template(name, parent, globals)

    def select_template(
        self,
        names: Iterable[str | jinja2.Template],
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> jinja2.Template:
        # `{% include [] %}` looked for a template named "None"; `{% include config %}` said
        # "'Config' object is not iterable".
        if not isinstance(names, jinja2.Undefined):
            if not isinstance(names, list | tuple) or not names:
                raise _NotAName(names)
            for name in names:
                _named(name)
        return super().select_template(names, parent, globals)


class _TemplatesFolder(jinja2.FileSystemLoader):
    """The user's templates folder. A template in it that cannot be read, or is not UTF-8, is
    a ConfigError naming it (FileSystemLoader let UnicodeDecodeError through, which named no
    file)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        try:
            return super().get_source(environment, template)
        except jinja2.TemplateNotFound:
            self._not_a_file(template)
            raise
        except OSError as error:
            path = self.folder.joinpath(*split_template_path(template))
            raise unreadable(path, error, ConfigError) from None
        except UnicodeDecodeError:
            raise _not_utf8(self.folder.joinpath(*split_template_path(template))) from None

    def _not_a_file(self, template: str) -> None:
        """Raise ConfigError when `template` is in the folder but cannot be read as a file:
        Jinja took a link to nothing, or a folder, for no template, and used staticfeed's own
        in its place without a word."""
        try:
            path = self.folder.joinpath(*split_template_path(template))
        except jinja2.TemplateNotFound:
            return  # a name with "..": _not_found says so
        try:
            dangling = path.is_symlink() and not path.exists()
            is_folder = path.is_dir()
        except OSError as error:  # PermissionError: the templates folder cannot be entered
            raise unreachable(path, error, ConfigError) from None
        if dangling:
            raise ConfigError(
                f"the template is a link to {os.readlink(path)}, which does not exist",
                "Point the link at the template, or delete it to use staticfeed's own.",
                path=path,
            )
        if is_folder:
            raise ConfigError(
                "the template is a folder, not a file",
                "Rename the folder, and write the template as a file of that name, or leave "
                "it out to use staticfeed's own.",
                path=path,
            )


def _not_utf8(path: Path) -> StaticfeedError:
    try:
        data = path.read_bytes()
        data.decode("utf-8")
    except OSError as error:
        return unreadable(path, error, ConfigError)
    except UnicodeDecodeError as error:
        return ConfigError(
            f"the template is not valid UTF-8 (byte offset {error.start})",
            "Save it as UTF-8.",
            path=path,
            line=data[: error.start].count(b"\n") + 1,
        )
    return ConfigError("the template is not valid UTF-8", "Save it as UTF-8.", path=path)


# Languages written right to left when no script is named (CLDR's characterOrder), and the
# scripts written so: "ku-Arab" is, "sd-Deva" is not.
_RTL_LANGUAGES = frozenset(
    "ar arc ckb dv fa he iw ks lrc mzn nqo pnb ps sd syr ug ur yi".split()  # noqa: SIM905
)
_RTL_SCRIPTS = frozenset(("arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand"))


def right_to_left(lang: str | None) -> bool:
    """Whether text in the language `lang` (BCP 47) is written right to left: the pages then
    say dir="rtl", without which a browser lays out Arabic or Hebrew punctuation backwards."""
    if not lang:
        return False
    subtags = lang.lower().split("-")
    # A script comes before any singleton (`u-`, `x-`): after it, `latn` in `ar-u-nu-latn`
    # names the digits, and the text is still Arabic, written right to left.
    singleton = next((at for at, tag in enumerate(subtags) if len(tag) == 1), len(subtags))
    script = next((tag for tag in subtags[1:singleton] if len(tag) == 4 and tag.isalpha()), None)
    return script in _RTL_SCRIPTS if script is not None else subtags[0] in _RTL_LANGUAGES


def _taking(
    name: str, kind: type[T], what: str, function: Callable[[T], str]
) -> Callable[[object], str]:
    """The filter `name`, `function`, which takes `what` (a `kind`): given anything else, it
    says so, where Python said "'str' object has no attribute 'utcoffset'"."""

    def checked(value: object, *args: object, **kwargs: object) -> str:
        if args or kwargs:  # Python said "_taking.<locals>.checked() takes 1 positional …"
            given = ", ".join(
                [repr(arg) for arg in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
            )
            raise TypeError(f"the filter {name} takes no arguments, not ({_cut(given)})")
        if not isinstance(value, kind):
            raise TypeError(
                f"the filter {name} takes {what}, not {type_name(value)} ({_shown(value)})"
            )
        return function(value)

    return checked


def _shown(value: object) -> str:
    return _cut(repr(value))


def _cut(text: str) -> str:
    """`text` as an error quotes it: at most 40 characters."""
    return text if len(text) <= 40 else text[:39] + "…"


def _render(
    environment: jinja2.Environment, name: str, source: Path | None, **context: object
) -> bytes:
    """The page the template `name` makes with `context`: the index, or the page of the entry
    read from `source`."""
    try:
        text = environment.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        # Jinja's lexer gives the file of a comment or raw block never closed as the name.
        filename = error.filename or error.name
        raise _template_error(error, filename, error.lineno) from None
    except RecursionError as error:  # {% extends "index.html" %} in index.html
        raise _endless(environment, error) from None
    except jinja2.TemplateNotFound as error:  # {% include "missing.html" %}
        raise _not_found(environment, error) from None
    except _NotAName as error:
        raise _not_a_name(error) from None
    except _TEMPLATE_ERRORS as error:  # also {{ 1 / 0 }}, {{ [1].pop(5) }}
        filename, line = _template_frame(error)
        raise _template_error(error, filename, line) from None
    if not text.strip():  # a blank page at the site's or an entry's address
        raise _empty(environment, name, source)
    return text.encode("utf-8")


def _empty(environment: jinja2.Environment, name: str, source: Path | None) -> ConfigError:
    """The error for a template that made a page with nothing in it (an empty file, or every
    part in an {% if %} that was false): the file named `name`, or the user's base.html that
    staticfeed's own `name` extends."""
    folder = next(iter(_user_folders(environment)), None)
    path = None if folder is None else folder / name
    if path is not None and not path.is_file():  # staticfeed's own, which extends base.html
        path = folder / "base.html" if folder is not None else None
    page = f"the page of {display_path(source)}" if source is not None else "the index page"
    return ConfigError(
        f"template error: it made {page} empty, a blank page for readers",
        "Write the page's HTML in the template (or delete it to use staticfeed's own), or turn "
        "pages off with pages = false in the config.",
        path=path,
    )


def _user_folders(environment: jinja2.Environment) -> list[Path]:
    """The user's templates folder, when there is one."""
    return [
        loader.folder
        for loader in getattr(environment.loader, "loaders", [])
        if isinstance(loader, _TemplatesFolder)
    ]


# Jinja's errors, and what a template's own expressions raise: arithmetic, a filter given the
# wrong type or value, a missing key, index or attribute.
_TEMPLATE_ERRORS = (
    jinja2.TemplateError,
    ArithmeticError,
    AttributeError,
    LookupError,
    TypeError,
    ValueError,
)
_LOADS = {
    jinja2.nodes.Extends: "extend",
    jinja2.nodes.Include: "include",
    jinja2.nodes.Import: "import",
    jinja2.nodes.FromImport: "import",
}


def _endless(environment: jinja2.Environment, error: RecursionError) -> ConfigError:
    """The error for a template that leads back to itself without end: one that extends,
    includes or imports itself (a template in the templates folder named like one of
    staticfeed's own takes its place, so `{% extends "index.html" %}` in index.html names
    that file again), or a macro that calls itself.

    It is reported where the recursion starts: the outermost template line that runs again
    deeper down (the innermost one depends on how deep Python lets it go)."""
    places = [(frame.filename, frame.lineno) for frame in _template_frames(error)]
    runs = Counter(places)
    again = [place for place in places if runs[place] > 1]
    if not again:
        return _template_error(error, *_template_frame(error))
    path, line = Path(again[0][0]), again[0][1]
    looping = {Path(filename) for filename, _ in again}
    for verb, name in _loads_at(environment, path, line):
        target = _template_file(environment, name)
        if target is None or not any(_same_file(target, other) for other in looping):
            continue  # {% extends "base.html" %}{{ endless() }} on one line
        if not _same_file(path, target):
            return ConfigError(
                f'template error: it {verb}s "{name}", which leads back to this file without end',
                f"A template cannot {verb} itself, not even through others: take it out, or "
                f"what leads back here from {name}.",
                path=path,
                line=line,
            )
        if name not in TEMPLATE_NAMES:
            return ConfigError(
                f'template error: it {verb}s "{name}", which is this very file',
                f"A template cannot {verb} itself: take it out.",
                path=path,
                line=line,
            )
        layout = "" if name == "base.html" else ', or {% extends "base.html" %} as it does'
        return ConfigError(
            f'template error: it {verb}s "{name}", which is this very file: it takes the '
            f"place of staticfeed's own {name}",
            f"A template cannot {verb} staticfeed's own {name} while it has its name: copy "
            f"src/staticfeed/templates/{name} into this file and edit it{layout}.",
            path=path,
            line=line,
        )
    return ConfigError(
        "template error: a macro or loop here calls itself without end",
        "Call it again only inside an {% if %} that stops.",
        path=path,
        line=line,
    )


def _loads_at(
    environment: jinja2.Environment, path: Path, line: int | None
) -> list[tuple[str, str]]:
    """The `{% extends %}`, `{% include %}` and `{% import %}` of templates by name at `line`
    of the template file `path`, as (extend, include or import; the name)."""
    try:
        tree = environment.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return []
    return [
        (_LOADS[type(node)], name.value)
        for node in tree.find_all(tuple(_LOADS))
        # The name is a Const when written as text.
        if node.lineno == line
        and isinstance(name := getattr(node, "template", None), jinja2.nodes.Const)
        and isinstance(name.value, str)
    ]


def _template_file(environment: jinja2.Environment, name: str) -> Path | None:
    try:
        filename = environment.get_template(name).filename
    except (jinja2.TemplateError, OSError):
        return None
    return Path(filename) if filename else None


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False


def _not_found(environment: jinja2.Environment, error: jinja2.TemplateNotFound) -> ConfigError:
    """The error for an extends, include or import of a template that does not exist: Jinja's
    own says no more than the name."""
    filename, line = _template_frame(error)
    names = [str(name) for name in error.templates] or [str(error.name)]
    folders = _user_folders(environment)
    folder = f"{display_path(folders[0])}/" if folders else None
    outside = next((name for name in names if not _inside(name)), None)
    if outside is not None:  # it said "Create templates/../x.html", which Jinja would not read
        inside = folder or "the templates folder"
        return ConfigError(
            f'template error: "{outside}" goes up a folder with "..", and templates are read '
            f"only from inside {inside}",
            f'Name the template from {inside} without "..", and move it there if it is outside.',
            path=Path(filename) if filename else None,
            line=line,
        )
    own = ", ".join(TEMPLATE_NAMES)
    where = f"in {folder} or among staticfeed's own ({own})" if folder else f"among {own}"
    quoted = " or ".join(f'"{name}"' for name in names)
    if folder is None:
        fix = "Correct the name."
    elif len(names) == 1:
        fix = f"Create {folder}{names[0]}, or correct the name."
    else:
        fix = f"Create one of them in {folder}, or correct the names."
    return ConfigError(
        f"template error: no template {quoted} is {where}",
        fix,
        path=Path(filename) if filename else None,
        line=line,
    )


def _not_a_name(error: _NotAName) -> ConfigError:
    """The error for an extends, include or import given something else than a name, shown
    as a template writes it (`none`)."""
    value = error.value
    if value is None:
        what = "none"
    elif isinstance(value, str):
        # A blank name shown as written: "empty text" for " " sent the user looking for "".
        what = f"blank text ({_shown(value)})" if value else "empty text"
    elif isinstance(value, list | tuple) and not value:
        what = "an empty list"
    elif isinstance(value, int | float | list | tuple | dict):
        what = f"{type_name(value)} ({_shown(value)})"
    else:
        what = f"a {type(value).__name__} object"  # its repr would hold its memory address
    filename, line = _template_frame(error)
    return ConfigError(
        f"template error: extends, include and import need a template's name, not {what}",
        'Write the name in quotes, like {% extends "base.html" %} (include also takes a list '
        "of names).",
        path=Path(filename) if filename else None,
        line=line,
    )


def _inside(name: str) -> bool:
    """Whether the template name `name` can name a file in the templates folder: Jinja reads
    none whose path goes up (`../x.html`, `a/../b.html`)."""
    try:
        split_template_path(name)
    except jinja2.TemplateNotFound:
        return False
    return True


def _template_error(error: Exception, filename: str | None, line: int | None) -> ConfigError:
    message = error.message if isinstance(error, jinja2.TemplateError) else str(error)
    return ConfigError(
        f"template error: {message or type(error).__name__}",
        "Fix the template, or delete it to use staticfeed's own.",
        path=Path(filename) if filename else None,
        line=line,
    )


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an error happened in (Jinja2 puts them in the traceback)."""
    frames = _template_frames(error)
    return (frames[-1].filename, frames[-1].lineno) if frames else (None, None)


def _template_frames(error: BaseException) -> list[traceback.FrameSummary]:
    """The frames of template code in `error`'s traceback, outermost first."""
    return [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.endswith(".py") and Path(frame.filename).is_file()
    ]


def mailto(email: str) -> str:
    return "mailto:" + quote(email, safe="@!$'()*+,;=._~-")


def _web_url(url: str | None) -> str | None:
    return url if url and urlsplit(url).scheme in ("http", "https") else None
