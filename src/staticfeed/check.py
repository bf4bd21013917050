"""`staticfeed check`: every problem in a publication, as findings. Nothing here prints.

A check reads the entries as `build` does, collecting what it would reject instead of stopping;
compares the feeds `build` would write now with the files on disk; and applies to the files on
disk the rules of the W3C Feed Validation Service that a feed can still break, because a file may
have been edited by hand or written by an older staticfeed.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import io
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass
from datetime import date, datetime, timedelta, tzinfo
from html.entities import name2codepoint
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Literal
from urllib.parse import quote, urlsplit

from lxml import etree

from staticfeed import gfm, localfiles, nesting, parallel, placelinks, readerhtml, templates, values
from staticfeed.config import DEFAULT_MAX_FEED_SIZE, Config, config_items, config_key_line
from staticfeed.dates import (
    clock_text,
    date_text,
    iso,
    strict_atom_date,
    strict_rfc822,
    strict_rfc3339,
)
from staticfeed.doclinks import document_path, target
from staticfeed.drift import (
    feed_xml,
    find_id_changes,
    id_change_error,
    published_entries,
    published_in_earnest,
    read_ids_state,
    relative_source,
    still_withdrawn,
)
from staticfeed.entries import (
    TITLE_ALONE,
    DocumentErrors,
    date_line,
    front_matter_items,
    key_line,
    written_body,
)
from staticfeed.errors import BuildWarning, ManyErrors, StaticfeedError, display_path
from staticfeed.feeds import rss_carries_image, rss_image_format_read
from staticfeed.frontmatter import ItemLines
from staticfeed.hosting import CLOUDFLARE_MAX_RULES, HEADERS_NAME
from staticfeed.ids import suggest_authority, unowned_host
from staticfeed.languages import known_to_the_w3c_service
from staticfeed.model import Author, Entry, RenderedEntry
from staticfeed.output import FOLDER_IN_THE_WAY, not_a_folder
from staticfeed.pipeline import Rendered, rendered_outputs
from staticfeed.plan import FeedPlan, TopicCollision, feed_plans
from staticfeed.progress import SILENT
from staticfeed.render import (
    EXTENSIONS,
    URL_ATTRIBUTES,
    absolute_url,
    descriptor_kinds,
    elements_with_urls,
    markdown_to_html,
    parse_fragment,
    shows_nothing,
    srcset_candidates,
)
from staticfeed.selection import Selection, newest_first, select_entries
from staticfeed.text import xml_problem

Severity = Literal["error", "warning"]

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_FEED_SUFFIXES = (".xml", ".json")  # the kinds of file `build` writes
_REBUILD = "or run staticfeed build"
_KNOWN_PREFIXES = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_RSS_EMAIL = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+(?:\s+\([^()]*\))?$")
# (what to show, pattern, also looked for in entry bodies). Names are only looked for in
# metadata: an article may well mention "John Doe".
_PLACEHOLDERS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    *(
        (domain, re.compile(rf"(?<![\w-]){re.escape(domain)}(?![\w-])", re.I), True)
        for domain in ("example.com", "example.org", "example.net")
    ),
    ("Lorem ipsum", re.compile(r"\blorem ipsum\b", re.I), True),
    ("Your Name", re.compile(r"\bYour Name\b"), False),
    ("John Doe", re.compile(r"\bJohn Doe\b"), False),
)
_PLACEHOLDER_TEXTS = tuple(shown.lower() for shown, _, _ in _PLACEHOLDERS)


def may_hold_placeholder(text: str) -> bool:
    """False when no pattern of _PLACEHOLDERS can match `text`, found without a regular
    expression: each pattern matches its text, in any case for some. Most texts, whole entries
    among them, hold none, and scanning each with six patterns made `check` slow (11 s of 30 at
    10,000 entries). Ignoring case, `re` also matches i with the dotted capital I
    (U+0130) and the dotless i (U+0131), and s with the long s (U+017F)."""
    lowered = text.lower()
    if not text.isascii():
        lowered = lowered.replace("\u0307", "").replace("\u0131", "i").replace("\u017f", "s")
    return any(needle in lowered for needle in _PLACEHOLDER_TEXTS)


@dataclass(frozen=True)
class Finding:
    """One problem: where, how bad, which rule, what is wrong (no final period), how to fix it."""

    file: str | None
    line: int | None
    severity: Severity
    rule: str
    message: str
    fix: str

    @property
    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.file or "", self.line or 0, self.severity, self.rule, self.message)


@dataclass(frozen=True)
class _OfValue(Finding):
    """A finding about `values` (a language, an email, an id), which a build writes into every
    feed it makes from the config or an entry: at the place one is written (`in_feed` False),
    or in a feed file, where `check_publication` drops it when the places all its values come
    from are reported: once, where the user wrote them, rather than once a feed file."""

    values: frozenset[str]
    in_feed: bool

    def plain(self) -> Finding:
        return Finding(self.file, self.line, self.severity, self.rule, self.message, self.fix)


_PLACEHOLDER_FIX = "Replace it with the real value in the config or the entry before publishing."


def _once_at_the_source(findings: Sequence[Finding]) -> list[Finding]:
    """`findings` without those of a feed file about a value reported where it is written."""
    valued = [each for each in findings if isinstance(each, _OfValue)]
    at_source: dict[str, set[str]] = {}
    for each in valued:
        if not each.in_feed:
            at_source.setdefault(each.rule, set()).update(each.values)
    repeated = {
        each
        for each in valued
        if each.in_feed and all(value in at_source.get(each.rule, ()) for value in each.values)
    }
    # A summary is HTML in RSS's <description>, and so is a title or a summary Atom marks as
    # HTML (a '<' or an '&' in it): written there escaped.
    placeholders = at_source.get("placeholder", set())
    written = placeholders | {html.escape(value, quote=False) for value in placeholders}
    kept = (
        each.outside(written) if isinstance(each, _PlaceholderInFeed) else each
        for each in findings
        if each not in repeated
    )
    return [each.plain() if isinstance(each, _OfValue) else each for each in kept if each]


def check_publication(
    load_config: Callable[[], Config],
    entries_dir: Path,
    out_dir: Path,
    *,
    now: datetime,
    max_size: int | None = None,
    drafts: bool = False,
    future: bool = False,
    ignore: Collection[str] = (),
) -> list[Finding]:
    """Every finding for the publication, sorted by file and line, but those of the rules in
    `ignore`.

    `load_config` raising a StaticfeedError is a finding too; the files on disk are then still
    checked, by the rules that need no config. `max_size` overrides the config's max_feed_size.
    """
    findings: list[Finding] = []
    try:
        config: Config | None = load_config()
    except StaticfeedError as error:
        config = None
        findings.extend(findings_from_error(error))
    if (in_the_way := not_a_folder(out_dir)) is not None:  # no feed to check, nor to compare
        return sorted(findings + findings_from_error(in_the_way), key=lambda f: f.sort_key)
    budget = max_size or (config.max_feed_size if config else DEFAULT_MAX_FEED_SIZE)
    feed_url = config.feed_url if config else None
    on_disk = _feeds_on_disk(out_dir)
    step = functools.partial(_check_feeds, out_dir, feed_url, budget)
    # The rules were a third of a check of many feeds: workers apply them to the feeds this
    # process reads, while it makes and compares the next ones.
    in_workers = len(on_disk) >= parallel.MIN_STEPS
    with parallel.Steps(
        step, in_workers=in_workers, size=_size_of, chunk_size=8, chunk_bytes=_CHUNK_BYTES
    ) as rules:
        feeds = _FeedChecks(out_dir, feed_url, budget, rules)
        if config is not None:
            findings.extend(_config_values(config))
            findings.extend(
                check_build(
                    config,
                    entries_dir,
                    out_dir,
                    now=now,
                    drafts=drafts,
                    future=future,
                    read=feeds.check,
                    ignore=ignore,
                )
            )
        findings.extend(_check_the_rest(out_dir, on_disk, feeds))
        findings.extend(feeds.findings())
    findings.extend(_headers_rules(out_dir / HEADERS_NAME))
    kept = [finding for finding in findings if finding.rule not in ignore]
    return sorted(_once_at_the_source(kept), key=lambda finding: finding.sort_key)


def _headers_rules(path: Path) -> list[Finding]:
    """`_headers` over Cloudflare Pages' limit of rules, one a path: it refuses such an upload
    ("Maximum number of _headers rules limit of 100 exceeded"). Netlify has no limit."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    rules = [number for number, line in enumerate(lines, start=1) if line.startswith("/")]
    if len(rules) <= CLOUDFLARE_MAX_RULES:
        return []
    message = (
        f"the file has {len(rules)} rules, and Cloudflare Pages refuses more than "
        f"{CLOUDFLARE_MAX_RULES}"
    )
    fix = (
        "On Cloudflare Pages, turn off what you do not need (tag_feeds, author_feeds, formats) "
        "or delete _headers before uploading; on Netlify, leave it."
    )
    line = rules[CLOUDFLARE_MAX_RULES]
    return [_at(path, line, "warning", "headers-rules", message, fix)]


def _check_the_rest(out_dir: Path, on_disk: Iterable[str], feeds: _FeedChecks) -> list[Finding]:
    """Check the feeds `on_disk` that `feeds` was not given: those the build does not make, or
    could not read. What cannot be read is a finding; a file that is no feed (a sitemap.xml,
    a manifest.json kept beside the feeds) is not checked."""
    unreadable = []
    for name in on_disk:
        if feeds.checked(name):
            continue
        path = out_dir / name
        try:
            data = path.read_bytes()  # one at a time: 350 MB at 10,000 entries
        except OSError as error:
            message = f"cannot read the file ({error.strerror})"
            unreadable.append(_at(path, None, "error", "xml", message, "Check its permissions."))
            continue
        if not _no_feed(name, data):
            feeds.check(name, data)
    return unreadable


_FEED_ROOTS = ("feed", "rss", "RDF")


def _no_feed(name: str, data: bytes) -> bool:
    """Whether `data`, read well, is something else than a feed: XML whose root is not a
    feed's, JSON without a JSON Feed version. What cannot be read may be a broken feed."""
    if name.endswith(".json"):
        try:
            document = json.loads(data)
        except (ValueError, RecursionError):
            return False
        version = document.get("version") if isinstance(document, dict) else None
        return "jsonfeed.org" not in str(version)
    try:
        for _, root in etree.iterparse(io.BytesIO(data), events=("start",), resolve_entities=False):
            return etree.QName(root).localname not in _FEED_ROOTS
    except etree.XMLSyntaxError:
        return False
    return False


class _FeedChecks:
    """The feed files of an output folder, checked as they are read: the size of a JSON Feed
    here, an XML feed by the rules, in `rules` (worker processes), or here when it is big."""

    def __init__(
        self,
        out_dir: Path,
        feed_url: str | None,
        budget: int,
        rules: parallel.Steps[tuple[str, bytes], list[Finding]],
    ) -> None:
        self._out_dir, self._feed_url, self._budget, self._rules = out_dir, feed_url, budget, rules
        self._checked: set[str] = set()
        self._findings: list[Finding] = []
        self._seen = SeenHtml()  # every feed an entry is in carries its HTML

    def check(self, name: str, data: bytes) -> None:
        """Check the file `name` of the folder, whose bytes are `data`, if it is a feed."""
        if not name.endswith(_FEED_SUFFIXES):
            return
        self._checked.add(name)
        if not name.endswith(".xml"):  # a JSON Feed: aggregators refuse a big one too
            path = display_path(self._out_dir / name)
            self._findings.extend(_size(path, len(data), self._budget))
            self_url = _served_at(self._feed_url, name)
            self._findings.extend(check_json_feed(path, data, self_url))
        elif len(data) > _CHUNK_BYTES:  # checked here rather than copied to a worker
            self._findings.extend(
                _check_feed_file(
                    self._out_dir, name, data, self._feed_url, self._budget, self._seen
                )
            )
        else:
            self._rules.add((name, data))

    def checked(self, name: str) -> bool:
        return name in self._checked

    def findings(self) -> list[Finding]:
        """What is wrong with the feeds checked, once the rules are done with all of them."""
        return self._findings + [found for each in self._rules.results() for found in each]


_CHUNK_BYTES = 4_000_000
"""At most this many bytes of feeds go to a worker at once; a bigger feed (one of every
entry) is checked in this process, not copied."""


def _size_of(feed: tuple[str, bytes]) -> int:
    return len(feed[1])


def _check_feeds(
    out_dir: Path, feed_url: str | None, budget: int, feeds: Sequence[tuple[str, bytes]]
) -> list[list[Finding]]:
    """What is wrong with each (name, bytes) of the XML feed files `feeds` of `out_dir`."""
    seen = SeenHtml()  # a plan's Atom and RSS feeds come together: so do most repeats
    return [_check_feed_file(out_dir, name, data, feed_url, budget, seen) for name, data in feeds]


def _check_feed_file(
    out_dir: Path, name: str, data: bytes, feed_url: str | None, budget: int, seen: SeenHtml
) -> list[Finding]:
    self_url = _served_at(feed_url, name)
    return check_feed(out_dir / name, data, self_url=self_url, max_size=budget, seen=seen)


def _served_at(feed_url: str | None, name: str) -> str | None:
    """The URL of the feed file `name` (by POSIX path under the folder); None without a config."""
    # The URL percent-encodes what a file name holds as is (tags/україна.atom.xml).
    return feed_url + quote(name) if feed_url is not None else None


def findings_from_error(error: StaticfeedError) -> list[Finding]:
    """What `build` reports as `Error:` lines, as findings of the rule "build"."""
    errors = error.errors if isinstance(error, ManyErrors) else (error,)
    warnings = error.warnings if isinstance(error, ManyErrors) else ()
    found = [_from_warning(warning) for warning in warnings]
    return found + [_at(e.path, e.line, "error", "build", e.message, e.fix) for e in errors]


def check_build(
    config: Config,
    entries_dir: Path,
    out_dir: Path,
    *,
    now: datetime,
    drafts: bool = False,
    future: bool = False,
    read: Callable[[str, bytes], None] | None = None,
    ignore: Collection[str] = (),
) -> list[Finding]:
    """What `build` would reject or warn about, what the entry rules find in the published
    entries (but those in `ignore`), and files in `out_dir` that differ from a fresh build,
    compared one at a time. `read` is given each file of `out_dir` read for that, by POSIX
    path under it, with its bytes: `check_publication` checks the feeds among them then, so
    that none is read twice."""
    rendering = rendered_outputs(config, entries_dir, now=now, drafts=drafts, future=future)
    try:
        with rendering as rendered:
            findings = _metadata_findings(config, rendered, now)
            findings += _body_rule_findings(config, rendered, entries_dir, ignore)
            findings += _files_findings(config, rendered, entries_dir, out_dir, read)
    except DocumentErrors as error:
        # The other entries' values, once where they are written rather than once a feed.
        read_well = select_entries(error.read, now=now, drafts=drafts, future=future)
        found = findings_from_error(error) + _values_at_source(config, read_well.entries)
        if "rss" in config.formats:
            found += _refused_enclosures(_held_once_fixed(config, read_well.entries))
        return found
    except StaticfeedError as error:
        return findings_from_error(error)
    return findings


def _metadata_findings(config: Config, rendered: Rendered, now: datetime) -> list[Finding]:
    """What the build warns of, and what the rules find in the entries' and the config's values
    and dates."""
    entries = rendered.selection.entries
    findings = [_from_warning(warning) for warning in rendered.warnings]
    findings += [_to_review(entry) for entry in entries if entry.review]
    findings += [found for entry in entries for found in _looks_like_html(config, entry)]
    findings += _config_like_html(config)
    findings += _values_at_source(config, entries)
    if "atom" in config.formats:
        findings += _same_updated(rendered.plans, config.timezone)
    if "rss" in config.formats:
        findings += _refused_enclosures(_held(rendered.plans))
    findings += _implausible_dates(entries, now, config.timezone)
    return findings


def _body_rule_findings(
    config: Config, rendered: Rendered, entries_dir: Path, ignore: Collection[str]
) -> list[Finding]:
    """What the rules that read the published entries' bodies find (but those in `ignore`),
    the bodies read in worker processes."""
    rules = _EntryRules(
        config.site_url,
        entries_dir,
        reader_html="reader-html" not in ignore,
        w3c_html="w3c-html" not in ignore,
        relative_file="relative-file" not in ignore,
        missing_place="missing-place" not in ignore,
        empty_src="empty-src" not in ignore,
        template_code="template-code" not in ignore,
        no_text=None if "no-text" in ignore else _no_text_format(config.formats),
    )
    if not rules.any():
        return []
    held = _held_documents(config, rendered.selection, entries_dir)
    alone = {each.path for each in rendered.warnings if each.message == TITLE_ALONE}
    shown = rendered.entries if rules.no_text is not None else {}
    bodies = [
        _Body(
            entry.source,
            entry.link,
            *held(entry),
            nothing_shown=_nothing_shown(shown.get(entry.id)),
            title_alone=entry.source in alone,
        )
        for entry in rendered.selection.entries
    ]
    step = functools.partial(_body_findings, rules)
    return [found for each in parallel.map_steps(step, bodies, SILENT) for found in each]


def _files_findings(
    config: Config,
    rendered: Rendered,
    entries_dir: Path,
    out_dir: Path,
    read: Callable[[str, bytes], None] | None,
) -> list[Finding]:
    """The files in `out_dir` that differ from a fresh build (compared one at a time, each
    given to `read`), and the ids the feeds there carry that this build would change."""
    on_disk: dict[str, bytes] = {}
    stale: list[Finding] = []
    built = False
    for file in rendered.files:
        path = out_dir / file.name
        current = _read(path)
        stale.extend(_stale(path, current, file.content))
        built |= current is not None
        if current is not None:
            if read is not None:
                read(file.name, current)
            if file.entry_count is not None:
                on_disk[file.name] = current
    findings = stale if built or not stale else _never_built(out_dir, len(stale))
    return findings + _id_changes(
        out_dir, entries_dir, rendered.selection, on_disk, config.site_url
    )


def _values_at_source(config: Config, entries: Sequence[Entry]) -> list[Finding]:
    """What the rules of values (`_OfValue`) and `placeholder` find in the front matter of
    `entries`, once each, where it is written: the rules find it in every feed too."""
    # Once: two authors alike but for the name, on one line of a flow list.
    rejected = dict.fromkeys(_rejected_values(config, entries))
    return [*rejected, *_entries_placeholders(entries)]


def _id_changes(
    out_dir: Path,
    entries_dir: Path,
    selection: Selection,
    on_disk: Mapping[str, bytes],
    site_url: str,
) -> list[Finding]:
    """The published entries whose id changed, which build refuses (unless
    --allow-id-change), in its words. `on_disk`: feeds read already, by name under `out_dir`.
    A feed that cannot be read is the rules' to report."""
    state = read_ids_state(out_dir)
    try:
        published = published_in_earnest(published_entries(out_dir, read=on_disk), state)
    except StaticfeedError:
        return []
    withdrawn = still_withdrawn(state.withdrawn, selection.withheld)
    changes = find_id_changes(
        published,
        state.sources,
        selection.entries,
        entries_dir,
        withdrawn,
        selection.withheld,
        state.held,
        site_url,
    )
    return [
        finding
        for change in changes
        for finding in findings_from_error(id_change_error(change, entries_dir))
    ]


def _read(path: Path) -> bytes | None:
    """The bytes of the file at `path`; None when there is none, as for a pipe there, whose
    reading waits for ever (the build replaces it)."""
    with contextlib.suppress(OSError):
        if S_ISREG(path.stat().st_mode):
            return path.read_bytes()
    return None


def check_feed(
    path: Path,
    data: bytes,
    *,
    self_url: str | None,
    max_size: int,
    seen: SeenHtml | None = None,
) -> list[Finding]:
    """The feed-validator rules for one file on disk; `self_url` is where it will be served.
    `seen` remembers what entries' HTML holds across the feeds of one publication."""
    file = display_path(path)
    findings = _size(file, len(data), max_size)
    parsed = _parse(file, data)
    if isinstance(parsed, list):
        return findings + parsed
    feed = _Feed.of(file, parsed, self_url, seen or SeenHtml())
    if isinstance(feed, Finding):
        return [*findings, feed]
    for rule in _RULES:
        findings.extend(rule(feed))
    return findings


def check_json_feed(file: str, data: bytes, self_url: str | None = None) -> list[Finding]:
    """JSON Feed's rules that readers depend on: JSON at all, a feed with items, an id each
    item alone has, RFC 3339 dates, and a feed_url that is `self_url`, where it is served."""
    try:
        text = data.decode("utf-8")
        feed = json.loads(text)
    except (UnicodeDecodeError, ValueError) as error:
        line = error.lineno if isinstance(error, json.JSONDecodeError) else None
        return [Finding(file, line, "error", "json", f"it is not JSON ({error})", _REBUILT)]
    except RecursionError:  # json's decoder recurses into each nested list
        message = "its JSON nests lists or objects too deep to read"
        return [Finding(file, None, "error", "json", message, _REBUILT)]
    items = feed.get("items") if isinstance(feed, dict) else None
    version = feed.get("version") if isinstance(feed, dict) else None
    if not isinstance(items, list) or not str(version).startswith("https://jsonfeed.org/"):
        message = "it is not a JSON Feed (a version and a list of items)"
        return [Finding(file, None, "error", "json", message, _REBUILT)]
    found = [*_json_feed_ports(file, text, feed), *_json_feed_url(file, text, feed, self_url)]
    return found + list(_json_item_findings(file, text, [i for i in items if isinstance(i, dict)]))


_REBUILT = "Run staticfeed build to write it again."


def _json_item_findings(file: str, text: str, items: list[dict[str, object]]) -> Iterator[Finding]:
    # Each item's line is its "id"'s, the only member of that name in a JSON Feed build writes.
    lines = [text.count("\n", 0, found.start()) + 1 for found in _JSON_ID.finditer(text)]
    seen: dict[str, int] = {}  # by the id as JSON: a hand-edited id may be a list
    for number, item in enumerate(items, 1):
        line = lines[number - 1] if len(lines) == len(items) else None
        item_id = json.dumps(item.get("id"), sort_keys=True)
        if item_id in seen:
            message = f"the id {item.get('id')!r} is also item {seen[item_id]}'s"
            yield Finding(file, line, "error", "duplicate-id", message, _REBUILT)
        seen.setdefault(item_id, number)
        for key in ("date_published", "date_modified"):
            value = item.get(key)
            if value is not None and not (isinstance(value, str) and strict_rfc3339(value)):
                message = f"{key} {value!r} is not an RFC 3339 date-time"
                yield Finding(file, line, "error", "date", message, _REBUILT)
        for key in ("url", "external_url"):  # the item's page, and the page it links to
            yield from _json_port(file, line, "link", key, item.get(key))


# The URLs of a JSON Feed that readers open (its site's page) or fetch (its own, where they
# follow a feed that moved), by rule: a port that is no port leaves them nowhere.
_JSON_FEED_URLS = (("home_page_url", "link"), ("feed_url", "self-link"))


def _json_feed_ports(file: str, text: str, feed: dict[str, object]) -> Iterator[Finding]:
    for key, rule in _JSON_FEED_URLS:
        yield from _json_port(file, _json_key_line(text, key), rule, key, feed.get(key))


def _json_key_line(text: str, key: str) -> int | None:
    found = re.search(rf'"{key}"\s*:', text)  # build writes each once, before the items
    return text.count("\n", 0, found.start()) + 1 if found else None


def _json_feed_url(
    file: str, text: str, feed: dict[str, object], self_url: str | None
) -> Iterator[Finding]:
    """feed_url is the file's own absolute URL, as Atom's rel="self" link (`_self_link`):
    readers that follow a feed's move fetch it there. A port that is no port is told apart
    (`_json_feed_ports`); JSON Feed makes feed_url optional, so none is no finding."""
    url = feed.get("feed_url")
    if not isinstance(url, str) or _bad_port(url) is not None:
        return
    line = _json_key_line(text, "feed_url")
    if not _scheme(url):
        where = f", {self_url}" if self_url else ""
        message = f"the feed_url {url!r} is not an absolute URL"
        yield Finding(
            file, line, "error", "self-link", message, f"Write it in full{where}, {_REBUILD}."
        )
    elif self_url and url != self_url:
        message = f"the feed_url is {url}, but this file is served at {self_url}"
        fix = f"Point it at {self_url} (or correct feed_url in the config), {_REBUILD}."
        yield Finding(file, line, "error", "self-link", message, fix)


def _json_port(file: str, line: int | None, rule: str, key: str, url: object) -> Iterator[Finding]:
    """An error for a JSON Feed URL whose port is no port, worded as build words it."""
    if isinstance(url, str) and (bad_port := _bad_port(url)) is not None:
        yield Finding(
            file, line, "error", rule, f"{key} {url!r} is not a URL ({bad_port})", _PORT_FIX
        )


_JSON_ID = re.compile(r'"id"\s*:')


def _at(
    path: Path | None, line: int | None, severity: Severity, rule: str, message: str, fix: str
) -> Finding:
    shown = display_path(path) if path is not None else None
    return Finding(shown, line, severity, rule, message.rstrip("."), fix)


def _to_review(entry: Entry) -> Finding:
    fields = ", ".join(entry.review)
    return _at(
        entry.source,
        key_line(entry.source, "review"),
        "warning",
        "review",
        f"staticfeed import guessed {fields}",
        "Check them against the original, then delete the review: line.",
    )


# What the W3C Feed Validation Service takes for HTML in text (its `htmlEndTag_re`): an end tag.
_END_TAG = re.compile(r"</(\w+)>")
# A reference as feedparser's sgmllib reads it in HTML: a name (with "-" and "." in it) up to
# ";" or any other character but a letter or digit, which it keeps; or a number up to ";"
# (without one, feedparser passes it on, and the reader's HTML parser reads it alike).
_REFERENCE = re.compile(
    r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);?|&[a-zA-Z][-.a-zA-Z0-9]*(?:;|(?=[^a-zA-Z0-9]))"
)
# What an HTML reader does not show: a start tag, "<" and a letter up to ">" or the end of the
# text ("<>" too, which feedparser drops); a comment, up to "-->" or the end of the text; a
# processing instruction, "<?" up to ">" (feedparser drops it) or the end of the text (passed
# on as it is, for the reader to hide); a doctype and a marked section, the declarations
# feedparser reads (its sgmllib's), as it reads them. "a < b", "1<2", "<3" and "<!x>" are text.
# The end of a marked section's keyword, and what it holds up to its end (the next section's
# start ends the search: see below).
_SECTION_END = (
    r"(?![-_.:0-9A-Za-z])"
    r"(?:(?!<!\[(?i:cdata|temp|ignore|include|rcdata|if|else|endif)(?![-_.:0-9A-Za-z])).)*?"
)
# A name or a quoted string in a declaration (sgmllib's), and the spaces after it: no other
# space is read. Possessive: a long name fails at once, not after trying each way to split it.
_DECL_NAME = r"[A-Za-z][-_.:0-9A-Za-z]*+\s*+"
_DECL_TOKEN = rf"(?:{_DECL_NAME}|\"[^\"]*\"\s*+|'[^']*'\s*+)"
_NOT_NAME = r"(?![-_.:0-9A-Za-z])"
# What a doctype's internal subset ("[...]", last before its ">") holds that feedparser reads:
# spaces, "%name;" and comments, each to its first "--" and ">" (atomic, lest a later one
# vouch for text the first left outside); once no "--" and ">" follow, as its sanitizer reads
# them, each to its first "--" and the next ">" (none follows a later one if none follows the
# first). Read in that order, the text is searched to its end once, not once a comment, which
# took seconds. It writes "&lt;" for any other "<!", which makes sgmllib give up on the
# declaration and show it, as it does for anything else.
_SUBSET_ITEM = rf"\s|%{_DECL_NAME};?"
_SUBSET_READ = rf"\[(?:{_SUBSET_ITEM}|(?><!--.*?--\s*>))*+(?:{_SUBSET_ITEM}|<!--(?>.*?--)[^>]*>)*+"
_SUBSET = rf"{_SUBSET_READ}\]\s*+>"
# Cut off by the end of the text (but its spaces, which feedparser strips), an internal subset
# is passed on as it is, for the reader to hide: sgmllib waits for the rest of "%", "%name",
# "]", a comment, "<", "<![" and "<!doctype" (the one "<!" feedparser leaves for it).
_SUBSET_CUT = rf"{_SUBSET_READ}(?:%|\]|<!--.*|<(?:!\[|!(?i:doctype)[-_.:0-9A-Za-z]*+)?)?\s*+\Z"
# "%" or "<![" in an internal subset before what starts no name: as for a marked section's
# "<![1", sgmllib cannot read it, and feedparser writes out all the text again, many times.
_SUBSET_GARBLED = rf"{_SUBSET_READ}(?:%(?![A-Za-z])|<!\[)(?!\s*\Z)"
_DOCTYPE_START = rf"<!(?i:doctype){_NOT_NAME}\s*+{_DECL_TOKEN}*+"


def _doctype(equals: str) -> str:
    """A doctype as feedparser's sgmllib reads it: names and quoted strings up to ">", or the
    end, or a quote left open to the end with no ">" (all passed on, for the reader to hide);
    "<!doctype" alone may end with an internal subset, which it may garble; a longer name
    ("<!doctypex") is another declaration, which may hold `equals`. Anything else, as in
    "<!doctype a, b>", feedparser shows."""
    end = r"(?:>|(?:\"[^\">]*+|'[^'>]*+)?\Z)"
    return (
        rf"(?P<garbled_doctype>{_DOCTYPE_START}{_SUBSET_GARBLED})"
        rf"|(?P<doctype>{_DOCTYPE_START}(?:{_SUBSET}|{_SUBSET_CUT}|{end})"
        rf"|<!(?i:doctype)[-_.:0-9A-Za-z]++\s*+(?:{_DECL_TOKEN}|{equals})*+{end})"
    )


def _hidden(doctype: str) -> re.Pattern[str]:
    return re.compile(
        # SGML's short form, `<b/x/` for `<b>x</b>` (sgmllib's shorttag): a name, then a "/",
        # ends at the next "/", whatever is between (a ">", a new line). feedparser shows the
        # text between, but a script's, a style sheet's or an applet's, which it drops.
        r"(?P<short_dropped><(?i:script|style|applet)/[^/]*+/)"
        r"|(?P<short><[A-Za-z][-.A-Za-z0-9]*+/(?P<shown>[^/]*+)/)|"
        # A tag ends at the first "<" or ">" outside quotes, as feedparser's sgmllib reads one
        # (its endbracket): a quoted string closed before ">", "/", a space or the next
        # attribute holds its ">" (`<b title="x>y">`). Once a quote is left open, the tag ends
        # at the first "<" or ">" after its name (`<b title="x>`), within its line; with
        # neither, it is passed on to the end of the text, for the reader to hide.
        r"(?P<tag><(?:[A-Za-z](?:(?:[^\"'<>]|\"[^\"]*\"(?=[>/\s]|\w+=)|'[^']*'(?=[>/\s]|\w+=))*+"
        r"(?=[<>])|[^\n<>]*+(?=[<>])|.*)>?|>))"
        r"|(?P<comment><!--(?:.*?-->|.*))"
        rf"|(?P<instruction><\?[^>]*>?)|{doctype}"
        # Up to "]]>" ("]>" after Office's keywords); unclosed, feedparser shows it. Read no
        # further than the next such section: one unclosed, all after it are, and reading each
        # to the end of the text again took minutes for a long one.
        rf"|(?P<cdata><!\[(?i:cdata|temp|ignore|include|rcdata){_SECTION_END}\]\s*\]\s*>)"
        rf"|(?P<marked><!\[(?i:if|else|endif){_SECTION_END}\]\s*>"
        # Cut off by the end of the text (but its spaces) before its keyword ends: sgmllib
        # waits for the rest, and feedparser passes it on as it is, for the reader to hide.
        r"|<!\[(?:[A-Za-z][-_.:0-9A-Za-z]*+)?(?=\s*\Z))"
        # Before what starts no name (but the spaces that end the text, which feedparser
        # strips), feedparser's sgmllib cannot read it, and writes out all the text again,
        # many times.
        r"|(?P<garbled><!\[(?![A-Za-z])(?!\s*\Z))",
        re.DOTALL,
    )


_HIDDEN = _hidden(_doctype("="))
# sgmllib reads "=" in a declaration until it has read a "<!doctype": then never again.
_HIDDEN_AFTER_DOCTYPE = _hidden(_doctype("(?!)"))
_FIRST_DOCTYPE = re.compile(rf"<!(?i:doctype){_NOT_NAME}")


def hidden_html(text: str, start: int = 0) -> re.Match[str] | None:
    """The first thing in `text` (from `start`) an HTML reader, reading it as feedparser does,
    does not show."""
    found = _HIDDEN.search(text, start)
    if found and found.lastgroup == "doctype" and _FIRST_DOCTYPE.search(text, 0, found.start()):
        return _HIDDEN_AFTER_DOCTYPE.search(text, found.start())
    return found


def _all_hidden(text: str) -> list[re.Match[str]]:
    """Each thing in `text` a reader does not show, in order: none after a garbled section,
    for which feedparser shows the whole text several times over."""
    every = []
    found = hidden_html(text)
    while found:
        every.append(found)
        if (found.lastgroup or "").startswith("garbled"):
            break
        found = hidden_html(text, found.end())
    return every


_HIDDEN_AS = {
    "tag": "take it for an HTML tag and do not show it",
    "short": "take it for an HTML tag around the text between its slashes and show that text alone",
    "short_dropped": "take it for an HTML tag and do not show it",
    "comment": "take it for an HTML comment and do not show it",
    "instruction": "take it for an HTML processing instruction and do not show it",
    "doctype": "take it for an HTML doctype and do not show it",
    "cdata": "take it for a CDATA section and do not show it",
    "marked": "take it for a marked section and do not show it",
    "garbled": "take it for a marked section and show the text several times over",
    "garbled_doctype": "take it for an HTML doctype and show the text several times over",
}
_AS_WRITTEN_ELSEWHERE = "Write it another way, or leave it: Atom and JSON Feed show it as written."
# RSS's <description> of the channel, which feedparser always reads as HTML.
_DESCRIPTION = "a description"


def _looks_like_html(config: Config, entry: Entry) -> Iterator[Finding]:
    """A title with an end tag in its text. Atom writes it as escaped HTML, and a summary is
    HTML in RSS's description, but RSS has no way to say a title is text: the W3C service
    warns about it (ContainsHTML), and feedparser takes it for HTML. Also a tag or an author
    name, which the service warns about in RSS's <category> and Atom's <name>, and which the
    title of its own feed holds."""
    source = entry.source
    title = functools.partial(key_line, source, "title")
    yield from _text_like_html(source, title, "the title", entry.title)
    tags = functools.partial(key_line, source, "tags")
    tag_feed = "the title of its tag feed" if config.tag_feeds else None
    for tag in entry.tags:
        yield from _text_like_html(source, tags, f"the tag {tag!r}", tag, tag_feed)
    if any("</" in author.name or "&" in author.name for author in entry.authors):
        names_line = key_line(source, "author") or key_line(source, "authors")
        if names_line is not None:  # not the config's authors, reported once at the config
            yield from _names_like_html(config, source, lambda: names_line, entry.authors)


def _config_like_html(config: Config) -> Iterator[Finding]:
    """The same as `_looks_like_html` for the config's title, subtitle and authors' names."""
    path = config.path
    title = functools.partial(config_key_line, path, "title")
    yield from _text_like_html(path, title, "the title", config.title)
    if config.subtitle is not None:
        subtitle = functools.partial(config_key_line, path, "subtitle")
        yield from _text_like_html(path, subtitle, "the subtitle", config.subtitle, _DESCRIPTION)
    authors = functools.partial(config_key_line, path, "authors")
    yield from _names_like_html(config, path, authors, config.authors)


def _config_values(config: Config) -> list[Finding]:
    """The config's language and authors' emails that the W3C service rejects (the `language`
    and `email` rules), each once, at its line: a build writes them into every feed, where the
    rules find them too. Found even when an entry stops the build, unlike the entries'."""
    found = []
    if config.language is not None and not known_to_the_w3c_service(config.language):
        line = config_key_line(config.path, "language")
        warned = _language_warning(config.language, 0)
        found.append(_at_source(config.path, line, "language", config.language, warned))
    authors = functools.partial(config_items, config.path, "authors")
    found += _rejected_emails(config.path, config.authors, authors)
    found += _logo_format_read(config)
    found += _feed_ids_rejected(config)
    for key in _CONFIG_TEXTS:
        found += _placeholders_written(config.path, key, config_items(config.path, key))
    return list(dict.fromkeys(found))  # two authors alike but for the name, on one line


def _feed_ids_rejected(config: Config) -> Iterator[Finding]:
    """site_url and feed_url, whose host the W3C service rejects in the feeds' own ids that
    build makes from them (the `w3c-id` rule): once, at the key, rather than in every feed
    file. Not a --base-url's, written nowhere: the feed files report that."""
    for key, made in (("site_url", config.site_url), ("feed_url", config.feed_url)):
        problem = _w3c_id_problem(made, f"{key}, which the feeds' ids are made from")
        if problem is None or problem.name != _HOST_PROBLEM:
            continue
        host = _authority(made)
        for written, _ in config_items(config.path, key):
            if isinstance(written, str) and _authority(written).lower() == host.lower():
                line, warned = config_key_line(config.path, key), _w3c_id_warning(made, problem, 0)
                yield _at_source(config.path, line, "w3c-id", host, warned)


def _logo_format_read(config: Config) -> list[Finding]:
    """The logo, when RSS carries it as its <image> and the W3C service reads the text after
    its URL's last "." as a format RSS does not name (the `rss-image` rule): a PNG with a
    version after it (`logo.png?v=1.2`) is one, and readers show it."""
    logo = config.logo
    if logo is None or "rss" not in config.formats or not rss_carries_image(logo):
        return []
    read = rss_image_format_read(logo)
    if read is None:
        return []
    message = (
        f"the logo {logo!r} ends in {'.' + read!r}, which the W3C Feed Validation Service reads"
        " as the format of RSS's image, and warns that it is not GIF, JPEG or PNG"
    )
    fix = (
        "Write the URL with no '.' after the file's own name (logo.png?v=12), or leave it:"
        " readers show the image."
    )
    line = config_key_line(config.path, "logo")
    return [_at_source(config.path, line, "rss-image", logo, (message, fix))]


# The keys of the config and of front matter whose texts a build writes into feeds.
_CONFIG_TEXTS = (
    *("title", "subtitle", "site_url", "feed_url", "authors"),
    *("icon", "logo", "rights", "id_authority", "hub"),
)
_ENTRY_TEXTS = ("title", "summary", "link", "id", "author", "authors", "tags", "image")


def _entries_placeholders(entries: Iterable[Entry]) -> Iterator[Finding]:
    """The placeholders in the front matter of `entries` (the `placeholder` rule), at their
    lines, once each rather than once a feed file. The front matter is read again only for an
    entry whose values hold one."""
    for entry in entries:
        authors = (text for author in entry.authors for text in astuple(author) if text)
        texts = (entry.title, entry.summary, entry.link, entry.id, entry.image, *entry.tags)
        if not may_hold_placeholder(" ".join(str(text) for text in (*texts, *authors) if text)):
            continue
        for key in _ENTRY_TEXTS:
            items = front_matter_items(entry.source, key)
            yield from _placeholders_written(entry.source, key, items)


def _rejected_values(config: Config, entries: Sequence[Entry]) -> Iterator[Finding]:
    """The languages, emails and ids of the entries, and the config's id_authority, that the
    W3C service rejects or warns about (the `language`, `email`, `tag-uri`, `w3c-id` and
    `canonical-id` rules), each once, where it is written: a build writes them into every feed
    of the publication or of the entry, where the rules find them too."""
    yield from _capital_authorities(config, entries)
    yield from _unowned_authorities(config, entries)
    yield from _rejected_ids(entries)
    for entry in entries:
        if entry.lang is not None and not known_to_the_w3c_service(entry.lang):
            line = key_line(entry.source, "lang")
            warned = _language_warning(entry.lang, 0)
            yield _at_source(entry.source, line, "language", entry.lang, warned)
        if entry.authors != config.authors:  # not the config's, reported there
            yield from _rejected_emails(entry.source, entry.authors, _entry_authors(entry.source))


def _rejected_ids(entries: Iterable[Entry]) -> Iterator[Finding]:
    """The ids written in entries (id:) that the W3C service rejects or warns about (the
    `w3c-id` and `canonical-id` rules), at their lines."""
    for entry in entries:
        problem = _w3c_id_problem(entry.id)
        if problem is not None:
            rule, warned = "w3c-id", _w3c_id_warning(entry.id, problem, 0)
        elif _not_canonical(entry.id):
            rule, warned = "canonical-id", _canonical_warning(entry.id, 0)
        else:
            continue
        line = key_line(entry.source, "id")
        if line is not None:  # else not the user's to see: the rule reports it in the feeds
            yield _at_source(entry.source, line, rule, entry.id, warned)


def _capital_authorities(config: Config, entries: Iterable[Entry]) -> Iterator[Finding]:
    """Tag URIs with capitals in their authority (the `tag-uri` rule): each entry's id: that
    has one, at its line, and id_authority, at its line, for the ids made from it."""
    made = False
    for entry in entries:
        authority = _tag_authority(entry.id) if entry.id.startswith("tag:") else ""
        if authority == authority.lower():
            continue
        line = key_line(entry.source, "id")
        made |= line is None
        if line is not None:
            warned = _capitals_message(f"the tag URI {entry.id!r}"), _CAPITALS_FIX
            yield _at_source(entry.source, line, "tag-uri", authority, warned)
    if made and config.id_authority is not None:
        line = config_key_line(config.path, "id_authority")
        what = f"id_authority {config.id_authority!r}, and so every id made from it,"
        warned = _capitals_message(what), _CAPITALS_FIX
        authority = config.id_authority.rpartition(",")[0]
        yield _at_source(config.path, line, "tag-uri", authority, warned)


def _unowned_authorities(config: Config, entries: Iterable[Entry]) -> Iterator[Finding]:
    """Tag URIs whose authority names no one, an IP address or `localhost` (the `tag-uri`
    rule): each entry's id: that has one, at its line, and id_authority, at its line, for the
    ids made from it (init wrote `2001,2026` for `https://[2001:db8::1]/`)."""
    made = False
    for entry in entries:
        authority = _tag_authority(entry.id) if entry.id.startswith("tag:") else ""
        why = _unowned(authority)
        if why is None:
            continue
        line = key_line(entry.source, "id")
        made |= line is None
        if line is not None:
            warned = _unowned_message(f"the tag URI {entry.id!r}", authority, why), _UNOWNED_FIX
            yield _at_source(entry.source, line, "tag-uri", authority, warned)
    if made and config.id_authority is not None:
        yield _unowned_id_authority(config, config.id_authority)


def _unowned_id_authority(config: Config, written: str) -> Finding:
    """The warning at id_authority `written`, whose name names no one: its fix offers the
    value init would pin now, with the same date, when the config gives one."""
    authority, _, day = written.rpartition(",")
    what = f"id_authority {written!r}, and so every id made from it,"
    message = _unowned_message(what, authority, str(_unowned(authority)))
    emails = [author.email for author in config.authors]
    suggested = suggest_authority(config.site_url, day, emails)
    value = suggested or f"<a domain name or an email address of yours>,{day}"
    fix = (
        f'Before the first publication, write id_authority = "{value}"; once feeds are'
        " published, leave it: a new id would reach every reader again."
    )
    line = config_key_line(config.path, "id_authority")
    return _at_source(config.path, line, "tag-uri", authority, (message, fix))


def _unowned(authority: str) -> str | None:
    """Why a tag URI's authority (`example.org` or `ann@example.org`, without its date)
    names no one (ids.unowned_host); None when it may name someone, or there is none."""
    return unowned_host(authority.rpartition("@")[2].lower()) if authority else None


def _unowned_message(what: str, authority: str, why: str, more: int = 0) -> str:
    also = f" (and {more} more)" if more else ""
    return (
        f"{what}{also} names no owner (RFC 4151 asks for a domain name or an email address of"
        f" theirs): {authority.rpartition('@')[2]!r} {why}"
    )


_UNOWNED_FIX = (
    "Before the first publication, write a domain name or an email address of yours in its"
    " place (id_authority, or the entry's id: in its front matter); once feeds are published,"
    " leave it: a new id would reach every reader again."
)


def _entry_authors(path: Path) -> Callable[[], list[tuple[object, ItemLines | int | None]]]:
    return lambda: front_matter_items(path, "author") or front_matter_items(path, "authors")


def _rejected_emails(
    path: Path,
    authors: Iterable[Author],
    written: Callable[[], list[tuple[object, ItemLines | int | None]]],
) -> Iterator[Finding]:
    """The emails of `authors` that the W3C service rejects, each at the line of the author as
    written (`written`: each item as written, with its line, read only for such an email)."""
    rejected = [author for author in authors if _rejected_email(author.email)]
    items = written() if rejected else []
    for author in rejected:
        lines = (_line_of(where, "email") for item, where in items if _written_as(item, author))
        line = next(lines, _line_of(items[0][1], "email") if items else None)
        address = str(author.email)
        yield _at_source(path, line, "email", address, _email_warning(address, 0))


def _line_of(where: ItemLines | int | None, field: str | None) -> int | None:
    """The line of the key `field` of an item written at `where`, else the item's."""
    return where.of(field) if isinstance(where, ItemLines) else where


def _written_as(item: object, author: Author) -> bool:
    try:
        return values.author("author", item) == author
    except values.InvalidValue:
        return False


def _at_source(
    path: Path, line: int | None, rule: str, value: str, warned: tuple[str, str]
) -> Finding:
    """A warning of `rule` about `value` where it is written, with its message and fix."""
    message, fix = warned
    shown = display_path(path)
    values = frozenset([value])
    return _OfValue(shown, line, "warning", rule, message, fix, values=values, in_feed=False)


def _names_like_html(
    config: Config, path: Path, line: Callable[[], int | None], authors: Iterable[Author]
) -> Iterator[Finding]:
    author_feed = "the title of its author feed" if config.author_feeds else None
    for author in authors:
        yield from _text_like_html(
            path, line, f"the author name {author.name!r}", author.name, author_feed
        )


def _text_like_html(
    path: Path,
    line: Callable[[], int | None],
    what: str,
    text: str,
    rss: str | None = "a title",
) -> Iterator[Finding]:
    """Text with a character reference, a start tag, a comment, a processing instruction or an
    end tag in it: the W3C service warns about the end tag, and some readers (feedparser) take
    all of them for HTML in `rss`, an RSS element that holds the text (None for none)."""
    if rss and not _read_as_html(text, rss):
        rss = None
    hidden = _all_hidden(text) if rss else []
    references = (
        (found[0], _reference_shown(found[0]))
        for found in _REFERENCE.finditer(text)
        # In a tag, a comment, ...: readers show nothing of it.
        if not any(_hides(each, found.start()) for each in hidden)
    )
    changed = [(written, seen) for written, seen in references if seen != written]
    if rss and changed:
        (written, seen), more = changed[0], len(changed) - 1
        yield _at(
            path,
            line(),
            "warning",
            "looks-like-html",
            f"{what} holds {written!r}{_and_more(more)}: RSS cannot mark {rss} as text, so"
            f" some readers (feedparser) take it for an HTML character reference and show"
            f" {seen!r}",
            _AS_WRITTEN_ELSEWHERE,
        )
    match = _END_TAG.search(text)
    if rss and hidden and not match:  # else the end tag's warning says it is shown as HTML
        first, more = hidden[0], len(hidden) - 1
        yield _at(
            path,
            line(),
            "warning",
            "looks-like-html",
            f"{what} holds {first.group(0)!r}{_and_more(more)}: RSS cannot"
            f" mark {rss} as text, so some readers (feedparser)"
            f" {_HIDDEN_AS[first.lastgroup or 'tag']}",
            _AS_WRITTEN_ELSEWHERE,
        )
    if match:
        shown = "readers show it as text, but"
        if rss:
            shown = f"RSS cannot mark {rss} as text, so some readers (feedparser) show it as HTML,"
            shown += " and"
        yield _at(
            path,
            line(),
            "warning",
            "looks-like-html",
            f"{what} holds {match.group(0)!r}: {shown} the W3C Feed Validation Service warns"
            " that it looks like HTML",
            f'Write it another way, such as "the {match.group(1)} end tag", or leave it.',
        )


def _hides(found: re.Match[str], at: int) -> bool:
    """Whether readers hide what is `at` in the text, by what `found` there: all of it but the
    text of SGML's short form (`x` in `<b/x/`), which they show."""
    if found.lastgroup == "short" and found.start("shown") <= at < found.end("shown"):
        return False
    return found.start() <= at < found.end()


def _and_more(more: int) -> str:
    return f" (and {more} more)" if more else ""


def _reference_shown(reference: str) -> str:
    """What feedparser shows for `reference` (`&#n;`, `&name;`, or `&name` without its ";")
    read as HTML. A name that HTML 4 lacks (but "apos"), such as "&x;", "&a-b;" or HTML 5's
    "&check;", it writes as "&amp;name" and drops any ";"; one it knows, as "&name;"."""
    name = reference[1:].removesuffix(";")
    if name.startswith("#"):
        return html.unescape(reference)
    if name not in name2codepoint and name != "apos":
        return f"&{name}"
    return html.unescape(f"&{name};")


def _read_as_html(text: str, rss: str) -> bool:
    """Whether feedparser reads `text` in `rss` as HTML: a description always, a title only as
    its looks_like_html guesses. It knows HTML 4's entity names alone, and a name HTML 5 added,
    such as "&apos;", makes it show the whole title as written (newsboat shows any as written)."""
    if rss == _DESCRIPTION:
        return True
    if "&" not in text and "</" not in text:  # most text: feedparser need not be loaded
        return False
    from feedparser import mixin  # only `check` needs it, and it is slow to load

    # A private method of feedparser's: should a later release drop it, warn as of HTML, as
    # check did before it asked feedparser.
    looks_like_html = getattr(getattr(mixin, "_FeedParserMixin", None), "looks_like_html", None)
    return True if looks_like_html is None else bool(looks_like_html(text))


def _same_updated(plans: Iterable[FeedPlan], tz: tzinfo) -> Iterator[Finding]:
    """Entries that one Atom feed carries with the same <updated>, as text: the W3C service
    warns about those (DuplicateUpdated), whatever the feed. One finding for each such date, at
    the first of its entries in feed order, naming the others."""
    written: dict[str, str] = {}  # each entry's <updated>, by id
    shared: dict[str, dict[str, Entry]] = {}
    for plan in plans:
        by_text: dict[str, list[Entry]] = {}
        for entry in plan.entries:
            if entry.id not in written:
                written[entry.id] = iso(entry.updated)
            by_text.setdefault(written[entry.id], []).append(entry)
        for text, together in by_text.items():
            if len(together) > 1:
                shared.setdefault(text, {}).update((entry.id, entry) for entry in together)
    for text, group in shared.items():
        first, *others = newest_first(group.values())
        yield _same_updated_finding(first, others, text, tz)


def _same_updated_finding(entry: Entry, others: Sequence[Entry], text: str, tz: tzinfo) -> Finding:
    key = "date" if entry.updated == entry.published else "updated"
    named = [display_path(other.source) for other in others[:2]]
    if len(others) > 2:
        named.append(f"{len(others) - 2} more")
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return _at(
        entry.source,
        key_line(entry.source, key) or date_line(entry.source, tz),
        "warning",
        "same-updated",
        f"its updated, {text}, is also that of {listed}, in the same feed: the W3C Feed"
        " Validation Service warns about two entries of a feed with the same atom:updated",
        f"Give each the time it was written, such as {key}: {entry.updated.date()} 14:30, or"
        " leave it if they changed at the same moment.",
    )


_EARLIEST_PLAUSIBLE = date(1990, 1, 1)
_LATEST_PLAUSIBLE = timedelta(minutes=10)
"""The W3C service calls a date implausible when it is written before 1990 (it compares the
text, `value < '1990-01-01'`: the date in the offset it is written with) or is more than ten
minutes after now."""


def _implausible_dates(entries: Iterable[Entry], now: datetime, tz: tzinfo) -> Iterator[Finding]:
    """Dates the W3C service calls implausible (ImplausibleDate): an `updated:` in the future,
    which keeps the entry on top of readers that sort by it until then, or a year before 1990,
    often a typing slip. A future `date` is not reported: only --future publishes one, to
    preview what is due. At the line of the date, in front matter or the body (`tz`: the
    config's timezone, which a date line is read in)."""
    for entry in entries:
        dated = [("date", entry.published)]
        if entry.updated != entry.published:
            dated.append(("updated", entry.updated))
        for key, moment in dated:
            if key == "updated" and moment > now + _LATEST_PLAUSIBLE:
                assert moment.tzinfo is not None  # entries' dates are aware
                why = f"is more than 10 minutes after now ({clock_text(now, moment.tzinfo)})"
                fix = "Write when it happened; staticfeed touch ENTRY sets updated: to now."
            elif moment.date() < _EARLIEST_PLAUSIBLE:  # the date shown, as written
                why = f"is before {_EARLIEST_PLAUSIBLE.year}"
                fix = "Check the year, or leave it if the entry is that old."
            else:
                continue
            line = key_line(entry.source, key) if key == "updated" else date_line(entry.source, tz)
            yield _at(
                entry.source,
                line,
                "warning",
                "implausible-date",
                f"{key} {date_text(moment)} {why}: the W3C Feed Validation Service calls it"
                " implausible",
                fix,
            )


@dataclass(frozen=True)
class _EntryRules:
    """The rules that read the published entries' bodies, and what they need to know of the
    publication."""

    site_url: str
    entries_dir: Path
    reader_html: bool
    w3c_html: bool
    relative_file: bool
    missing_place: bool
    empty_src: bool
    template_code: bool
    no_text: str | None
    """The format whose feed no-text speaks of (`_no_text_format`); None when it is ignored."""

    def any(self) -> bool:
        return (
            self.html()
            or self.relative_file
            or self.missing_place
            or self.empty_src
            or self.template_code
            or self.no_text is not None
        )

    def html(self) -> bool:
        """Whether a rule reads the raw HTML of entries."""
        return self.reader_html or self.w3c_html


@dataclass(frozen=True)
class _Body:
    """What the body rules need to know of a published entry besides its body."""

    path: Path
    link: str | None
    document: str = ""
    """Its path under the entries folder, as links name it (doclinks.document_path)."""
    linked: tuple[tuple[str, _Unreached | None], ...] = ()
    """The documents its links name that are entries' (Entry.links_to), each with why its
    links do not lead to that entry (a draft, say), or None when they do."""
    unnamed: tuple[str, ...] = ()
    """The document paths its links name that are no entry's document (`zz.md`, a slip)."""
    nothing_shown: _Nothing = None
    """Why readers show nothing of its text (`_nothing_shown`), if they do not."""
    title_alone: bool = False
    """Whether `build` warned it has a title alone (TITLE_ALONE), which no-text would repeat."""


_Nothing = Literal["no content", "comments"] | None


def _nothing_shown(rendered: RenderedEntry | None) -> _Nothing:
    """Why readers show nothing of a rendered entry's text, by its HTML as the build rendered
    it (read from the build's spool, not rendered again; only for an entry without a summary):
    "no content" when the body renders to nothing (blank, or link reference definitions alone),
    and the Atom entry has neither content nor a summary; "comments" for HTML comments alone,
    which its content holds and readers do not show. None when they show some text or an
    image, or when no output shows the entry."""
    if rendered is None or rendered.summary:
        return None
    html = rendered.content_html
    if not shows_nothing(html):
        return None
    return "comments" if html.strip() else "no content"


_Unreached = tuple[str, str]
"""Why links to an entry's document do not lead to the entry ("is a draft"), and the fix."""
_Linked = tuple[tuple[str, _Unreached | None], ...]
_Held = Callable[[Entry], tuple[str, _Linked, tuple[str, ...]]]
_DRAFT = (
    "is a draft",
    "Publish it (take out draft: true), or take the link out until it is published.",
)
_NOWHERE = (
    "has neither a page (pages = false) nor a link",
    "Give it a link:, or set pages = true in the config to give it a page.",
)


def _held_documents(config: Config, selection: Selection, entries_dir: Path) -> _Held:
    """What `_Body` says of an entry's links to documents: its own document's path, and why
    the links to each document that is an entry's do not lead to it (None when they do)."""
    if not any(entry.links_to for entry in selection.entries):
        return lambda entry: ("", (), ())
    every = [*selection.entries, *selection.withheld]
    paths = {
        id(entry): document_path(relative_source(entry.source, entries_dir)) for entry in every
    }
    why: dict[str, _Unreached | None] = {}
    for entry in selection.withheld:
        why[paths[id(entry)]] = _DRAFT if entry.draft else _scheduled(entry)
    for entry in selection.entries:
        has_url = entry.link is not None or config.pages
        why[paths[id(entry)]] = None if has_url else _NOWHERE

    def held(entry: Entry) -> tuple[str, _Linked, tuple[str, ...]]:
        linked = tuple((path, why[path]) for path in entry.links_to if path in why)
        unnamed = tuple(path for path in entry.links_to if path not in why)
        return paths[id(entry)], linked, unnamed

    return held


def _scheduled(entry: Entry) -> _Unreached:
    return (
        f"is dated {entry.published.isoformat()}, and left out until then",
        "Build again once it is due, and the link leads to it; or take the link out.",
    )


def _body_findings(rules: _EntryRules, bodies: Sequence[_Body]) -> list[list[Finding]]:
    """For each entry, what the entry rules find in its body. Bodies are read again: an
    entry's own may lack its first lines (a title line), or be set aside by the build. An entry
    with a link: has no relative-file finding: its URLs resolve against that page."""
    read: list[tuple[str, int] | None] = []
    for body in bodies:
        try:
            read.append(written_body(body.path))
        except (OSError, StaticfeedError):
            read.append(None)  # read a moment ago: changed since; the next check will tell
    sources = [gfm.sources(each[0] if each else "", EXTENSIONS) for each in read]
    html = [readerhtml.linked_html(found) if rules.html() else [] for found in sources]
    readings = readerhtml.read_by_readers(html)
    findings = []
    for body, written, found, reading in zip(bodies, read, sources, readings, strict=True):
        path, link = body.path, body.link
        text, first_line = written or ("", 1)
        here = []
        if rules.reader_html:
            here += [_removed_finding(path, first_line, each) for each in reading.removed]
        if rules.reader_html:
            misread = localfiles.misread_srcsets(found)
            here += [_misread_finding(path, first_line, *each) for each in misread]
            hidden = readerhtml.hidden_sections(found)
            here += [_hidden_section_finding(path, first_line, hidden)] if hidden else []
            # Not a tag told to be text Markdown read as one (`a<b and c>d`): its fix is \<.
            as_text = {(each.line, each.tag) for each in reading.removed if each.element}
            here += _carried_findings(path, first_line, text, found, as_text)
        if rules.w3c_html:
            here += [_service_finding(path, first_line, each) for each in reading.warned]
        nothing = body.nothing_shown
        if rules.no_text and nothing and not body.title_alone and written is not None:
            here += _no_text_finding(path, first_line, nothing, text, rules.no_text)
        if rules.template_code:
            code = templates.template_code(text, found)
            here += [_template_finding(path, first_line, each) for each in code]
        if rules.relative_file and (link is None or body.linked or body.unnamed):
            beside = localfiles.local_files(found, path, rules.entries_dir, folders=True)
            here += _local_findings(body, first_line, beside, link or rules.site_url)
            if body.unnamed:
                files = [local.url for local in beside]
                here += _unnamed_findings(body, first_line, found, files, rules)
        if rules.missing_place and link is None:
            here += _missing_place_findings(path, first_line, text, found)
        if rules.empty_src:
            here += _empty_src_findings(path, first_line, found)
        findings.append(here)
    return findings


def _no_text_format(formats: Sequence[str]) -> str:
    """Atom if the site writes it, whose entry without content the W3C service warns about;
    else the first format written."""
    return "atom" if "atom" in formats else formats[0]


# Where each format carries a body of HTML comments alone.
_COMMENTS_CARRIED = {
    "atom": "the Atom entry carries as its content",
    "rss": "the RSS item carries as its description",
    "json": "the JSON Feed item carries as its content_html",
}


def _no_text_finding(
    path: Path,
    first_line: int,
    nothing: Literal["no content", "comments"],
    body: str,
    feed_format: str,
) -> list[Finding]:
    """No-text for an entry, if any: RSS and JSON Feed items need no content, and a link
    blog's entry with no body is only reported for Atom's sake."""
    if nothing == "comments":
        why = (
            f"its body renders to HTML comments alone, which {_COMMENTS_CARRIED[feed_format]}"
            " and readers do not show: they show the title alone"
        )
    elif feed_format != "atom":
        if not body.strip():
            return []
        why = "its body renders to nothing, and readers show the title alone"
    else:
        renders = "its body renders to nothing, and " if body.strip() else ""
        why = (
            f"{renders}the W3C Feed Validation Service warns about an Atom entry without content"
            " or a summary, and readers show the title alone"
        )
    return [
        _at(
            path,
            first_line,
            "warning",
            "no-text",
            f"the entry has no text, only its title: {why}",
            "Write a sentence about it below the front matter, or a summary:, or leave it.",
        )
    ]


def _local_findings(
    body: _Body, first_line: int, beside: Sequence[localfiles.LocalFile], base: str
) -> list[Finding]:
    """The findings of the files `beside` an entry's document that its URLs name: not those
    that name an entry's document its links lead to (doclinks), and for those that do not lead
    to one, why. An entry with a `link:` has its URLs resolved against that page: only its
    links to documents of entries are found."""
    linked = dict(body.linked)
    findings = []
    for local in beside:
        is_link = linked and local.what in _LINKS
        named = (
            target(body.document, localfiles.as_built(local.what, local.url)) if is_link else None
        )
        if named is not None and named[0] in linked:
            why = linked[named[0]]
            if why is not None:
                findings.append(_held_finding(body.path, first_line, local, base, why))
        elif body.link is None:
            findings.append(_local_finding(body.path, first_line, local, base))
    return findings


def _unnamed_findings(
    body: _Body, first_line: int, found: gfm.Sources, beside: Collection[str], rules: _EntryRules
) -> list[Finding]:
    """Links that name a document path no entry has (`zz.md`), nor a file `beside` the
    document: published as a URL (`https://example.org/zz.md`) that leads nowhere. Not one
    written with template code (`{filename}/a.md`), which template-code reports."""
    unnamed, seen = set(body.unnamed), set(beside)
    findings = []
    for line, what, url in localfiles.references(found):
        named = target(body.document, localfiles.as_built(what, url)) if what in _LINKS else None
        if named is None or named[0] not in unnamed or url in seen or templates.holds_code(url):
            continue
        seen.add(url)  # once each, as for files beside it
        findings.append(
            _body_warning(
                body.path,
                first_line,
                line,
                "relative-file",
                f"{what} {url!r} names {display_path(rules.entries_dir / named[0])}, which is no"
                f" entry's document: readers load {absolute_url(body.link or rules.site_url, url)}",
                "Correct the path to that of an entry's document, letter case and all, or write"
                " the full URL.",
            )
        )
    return findings


_LINKS = ("the link", "the <a href>")
"""What `localfiles.references` calls the links that may name a document (doclinks)."""


def _held_finding(
    path: Path, first_line: int, local: localfiles.LocalFile, base: str, unled: _Unreached
) -> Finding:
    loaded = absolute_url(base, local.url)
    why, fix = unled
    return _body_warning(
        path,
        first_line,
        local.line,
        "relative-file",
        f"{local.what} {local.url!r} names {display_path(local.file)}, the document of an "
        f"entry that {why}: readers load {loaded}, and "
        "staticfeed publishes the feeds and pages, not the files in entries/",
        fix,
    )


def _local_finding(
    path: Path, first_line: int, local: localfiles.LocalFile, site_url: str
) -> Finding:
    loaded = absolute_url(site_url, local.url)
    named = f"the folder {display_path(local.file)}/" if local.folder else display_path(local.file)
    return _body_warning(
        path,
        first_line,
        local.line,
        "relative-file",
        f"{local.what} {local.url!r} names {named}, but readers load "
        f"{loaded}: staticfeed publishes the feeds and pages, not the files in entries/",
        f"Put the {'folder' if local.folder else 'file'} on the site at that URL, or write the"
        " full URL where it is.",
    )


def _missing_place_findings(
    path: Path, first_line: int, text: str, found: gfm.Sources
) -> list[Finding]:
    """Links to a place the entry does not have. Not for an entry with a link:, whose
    links to places lead to that page in feeds, where staticfeed cannot look."""
    findings = []
    for missing in placelinks.missing_places(found, text):
        near = f"Did you mean '#{missing.near}'? " if missing.near else ""
        findings.append(
            _body_warning(
                path,
                first_line,
                missing.line,
                "missing-place",
                f"{missing.what} {missing.url!r} leads to no place in the entry: no heading or"
                " element has that id, so readers land at the top of its page",
                f"{near}Link to a heading's id (## Notes is #notes), or give the place that id.",
            )
        )
    return findings


def _empty_src_findings(path: Path, first_line: int, found: gfm.Sources) -> list[Finding]:
    return [
        _body_warning(
            path,
            first_line,
            line,
            "empty-src",
            f"{what} has an empty URL: staticfeed leaves it out, as an empty URL would lead"
            " readers to the entry's page, and readers show no picture",
            "Give the image its file, or take it out.",
        )
        for line, what in localfiles.empty_sources(found)
    ]


def _template_finding(path: Path, first_line: int, code: templates.TemplateCode) -> Finding:
    if code.in_url:
        message = f"{code.code!r} in a URL is {code.kind}, which staticfeed does not expand: "
        message += f"the link or image leads nowhere{_elsewhere(code.more)}"
        fix = "Write the URL it stands for."
    else:
        message = f"{code.code!r} is {code.kind}, which staticfeed does not expand: readers "
        message += f"see it as written{_elsewhere(code.more)}"
        fix = "Write what it stands for in Markdown or HTML, or put it in backticks to show it "
        fix += "as code."
    return _body_warning(path, first_line, code.line, "template-code", message, fix)


def _removed_finding(path: Path, first_line: int, removed: readerhtml.Removed) -> Finding:
    return _body_warning(
        path,
        first_line,
        removed.line,
        "reader-html",
        f"feed readers remove {removed.what}{_elsewhere(removed.more)}",
        _removed_fix(removed),
    )


def _hidden_section_finding(
    path: Path, first_line: int, hidden: readerhtml.HiddenSection
) -> Finding:
    """A CDATA section, text the author wrote that no reader shows: once an entry, as the fix
    is the same for each."""
    return _body_warning(
        path,
        first_line,
        hidden.line,
        "reader-html",
        f"HTML reads the CDATA section {hidden.written!r} as a comment, and the build publishes"
        f" it as one: no one sees {hidden.text!r}{_elsewhere(hidden.more)}",
        "Write its text without <![CDATA[ and ]]> (a '<' before a letter as \\<), or put it"
        " in backticks to show it as code.",
    )


def _carried_findings(
    path: Path,
    first_line: int,
    text: str,
    found: gfm.Sources,
    reported: Collection[tuple[int | None, str]],
) -> list[Finding]:
    """A formatting element of the entry's raw HTML around text that browsers show with it,
    as HTML5 reads it, and the feed without it: once an entry, at its start tag. Not one
    whose start tag, by its line and name, is `reported` already."""
    if not found.parsed or not nesting.may_carry(found.raw_html, found.in_prose):
        return []
    html = markdown_to_html(text)
    carried = nesting.carried(html, parse_fragment(html))
    if carried is None:
        return []
    line = nesting.line_of(carried.at, html, found.raw_html)
    if (line, carried.name) in reported:
        return []
    where = None
    if carried.closed_at is not None and carried.closed_by is not None:
        closed_line = nesting.line_of(carried.closed_at, html, found.raw_html)
        where = carried.closed_by if closed_line is not None else _end_of(carried.closed_by)
        line = closed_line if line is None else line
    message, fix = _carried_words(carried, where)
    return [_body_warning(path, first_line, line, "reader-html", message, fix)]


def _carried_words(carried: nesting.Carried, where: str | None) -> tuple[str, str]:
    """The warning and its fix for `carried`: opened again after `where` closed it, or (None)
    kept around the blocks after it."""
    name, shown = carried.name, " ".join(carried.text.split())
    if where is None:
        said = f"<{name}> holds {shown!r} in browsers, as HTML5 reads it, but the feed ends it"
        return (
            f"{said} before that text{_elsewhere(carried.more)}",
            f"Close it with </{name}> before the block that holds that text, and write"
            f" <{name}> again inside each block that is meant to have it.",
        )
    return (
        f"<{name}> is still open at {where}: browsers carry it on to {shown!r} after it, as"
        f" HTML5 reads it, but the feed ends it there{_elsewhere(carried.more)}",
        f"Close it with </{name}> before {where}, and write <{name}> again where the text after"
        " it is meant to have it.",
    )


# What closed a formatting element, when the author did not write that tag: Markdown did.
_ENDS_OF = {
    "p": "the end of its paragraph",
    "li": "the end of its list item",
    "blockquote": "the end of its block quote",
    "strong": "the end of the bold text around it",
    "em": "the end of the emphasis around it",
    "a": "the end of the link around it",
    "del": "the end of the struck-out text around it",
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "the end of its heading"),
}


def _end_of(tag: str) -> str:
    """How to name the tag that closed a formatting element when Markdown wrote it."""
    return _ENDS_OF.get(tag[2:-1].lower(), tag) if tag.startswith("</") else tag


def _misread_finding(
    path: Path, first_line: int, line: int, what: str, misread: Sequence[tuple[str, str]]
) -> Finding:
    mixed = [_mixed_descriptors(descriptors) for _, descriptors in misread]
    typos = [
        not why and bool(_MISTYPED.fullmatch(descriptors))
        for why, (_, descriptors) in zip(mixed, misread, strict=True)
    ]
    in_names = not all(map(any, zip(mixed, typos, strict=True)))  # the rest: a space in a name
    skipped = "that image" if len(misread) == 1 else f"those {len(misread)} images"
    spaces = "a space ends a URL there, and " if in_names else ""
    fixes = ([_SPACE_FIX] if in_names else []) + ([_DESCRIPTOR_FIX] if any(typos) else [])
    fix = f"Write {', '.join(fixes)}." if fixes else ""
    return _body_warning(
        path,
        first_line,
        line,
        "reader-html",
        f"{what} reads {_misread_reads(misread, mixed)}: {spaces}browsers skip {skipped}",
        f"{fix} {_KINDS_FIX}".strip() if any(mixed) else fix,
    )


def _misread_reads(misread: Sequence[tuple[str, str]], mixed: Sequence[str | None]) -> str:
    read = [
        f"{url + ' ' + descriptors!r} as the URL {url!r}, then {descriptors!r}"
        for url, descriptors in misread
    ]
    if any(mixed):  # each its own reason: "no width or density" is untrue of "1x 300w"
        read = [
            f"{each}, {why or 'no width or density'}" for each, why in zip(read, mixed, strict=True)
        ]
        return read[0] if len(read) == 1 else f"{'; '.join(read[:-1])}; and {read[-1]}"
    if len(read) == 1:
        return f"{read[0]}, which is no width or density"
    return f"{', '.join(read[:-1])}, and {read[-1]}, none of them a width or density"


def _mixed_descriptors(descriptors: str) -> str | None:
    """Why browsers skip an image whose `descriptors` they each read, by HTML's "parse a
    srcset attribute"; None if they cannot read one of them (or have no reason to skip)."""
    kinds = descriptor_kinds(descriptors)
    if not kinds:
        return None
    if "x" in kinds and ("w" in kinds or "h" in kinds):
        return "a density with a width" if "w" in kinds else "a density with a height"
    for kind, name in (("w", "widths"), ("h", "heights"), ("x", "densities")):
        if kinds.count(kind) > 1:
            return f"{kinds.count(kind)} {name}"
    return "a height without a width" if "w" not in kinds else None


# What reads as a width or density mistyped ("2", "2X", "300W", "1.5", "300px", "2 x"), not
# as the rest of a file's name ("map.png", "1.png 1x"): a number, and at most two letters,
# maybe after a space (srcset_candidates leaves one), which is no space in a file's name.
_MISTYPED = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?: ?[A-Za-z]{1,2})?")
_SPACE_FIX = "each space in the file's name as %20"
_DESCRIPTOR_FIX = "a width as a number and w (300w), a density as a number and x (2x)"
_KINDS_FIX = "Give each image one width or one density, and a height only with its width."


def _body_warning(
    path: Path, first_line: int, line: int | None, rule: str, message: str, fix: str
) -> Finding:
    """A warning at `line` of an entry's body (1 for its first; None for no line), which
    starts at `first_line` of the document."""
    return _at(path, None if line is None else first_line + line - 1, "warning", rule, message, fix)


def _service_finding(path: Path, first_line: int, warned: readerhtml.Removed) -> Finding:
    kept = "which readers keep"
    if warned.url_in_style:
        kept = "which readers take out of it: they show no picture from it"
        fix = 'Take the url() out, or show the picture with <img src="...">, which readers show'
        fix += " and the service takes."
    elif warned.element and warned.tag in readerhtml.DRAWINGS:
        fix = "Leave it for readers (--ignore w3c-html), or show it as an image, which the service"
        fix += " takes."
    elif warned.what.startswith("the controls "):
        fix = "Leave it for readers, who need it to play the file (--ignore w3c-html), or take"
        fix += " it out."
    else:
        fix = "Leave it for readers (--ignore w3c-html), or take it out."
    return _body_warning(
        path,
        first_line,
        warned.line,
        "w3c-html",
        f"the W3C Feed Validation Service warns about {warned.what}, {kept}"
        f"{_elsewhere(warned.more)}",
        fix,
    )


def _removed_fix(removed: readerhtml.Removed) -> str:
    if removed.hides_the_rest:
        return (
            "newsboat takes the '<' for a tag and shows nothing of the entry after it: move "
            "the code into a file, or take it out."
        )
    if removed.not_html or removed.words_as_attributes:
        lacks = "HTML has no such element: " if removed.not_html else ""
        return (
            f"{lacks}Markdown reads a '<' before a letter as a tag, and no one sees the text from"
            f" it to the next '>'. If the '<' is text, write it as \\<, as in x\\<{removed.tag}."
        )
    if removed.code:
        # HTML5 ignores the "/" of `<script src="…"/>`: what follows is its code, which
        # readers remove with it (and browsers hide), to </script> or the end of the entry.
        tag = removed.tag
        return (
            f"They show the rest of the entry but the code it holds, up to </{tag}>; a <{tag} …/>"
            f" holds what follows it as its code, up to </{tag}> or the entry's end (HTML5"
            f" ignores the '/'): write <{tag} …></{tag}>, or take it out."
        )
    if removed.shows_hidden:
        return (
            "They show what it holds, which browsers hide: take it out, or, if it is meant to"
            " be seen, write it as HTML without <template>."
        )
    if removed.element:
        return "They show the rest of the entry: link to what it shows, or take it out."
    if removed.url:
        return (
            "They show the link, leading nowhere: link to a web page, or write the address as text."
        )
    return "They show the element without it: take it out."


def _elsewhere(count: int) -> str:
    places = "place" if count == 1 else "places"
    return f", here and in {count} more {places} in this file" if count else ""


def _from_warning(warning: BuildWarning) -> Finding:
    return _at(warning.path, warning.line, "warning", "build", warning.message, "")


def _feeds_on_disk(out_dir: Path) -> list[str]:
    """Every feed file under `out_dir` (hidden ones, such as temporaries, aside), by POSIX
    path under it."""
    if not out_dir.is_dir():
        return []
    names = []
    for path in sorted(out_dir.rglob("*")):
        relative = path.relative_to(out_dir)
        hidden = any(part.startswith(".") for part in relative.parts)
        if not hidden and path.suffix in _FEED_SUFFIXES and path.is_file():
            names.append(relative.as_posix())
    return names


def _never_built(out_dir: Path, missing: int) -> list[Finding]:
    """One error where no file the build writes exists (check run before the first build),
    not one for each of them."""
    message = f"nothing has been built here yet (the {missing} files build writes are missing)"
    return [_at(out_dir, None, "error", "stale", message, "Run staticfeed build.")]


def _stale(path: Path, current: bytes | None, fresh: bytes) -> list[Finding]:
    if current is None:
        return [_at(path, None, "error", "stale", *_not_there(path))]
    if current == fresh:
        return []
    # Where one ends, the other goes on: the first byte past the shorter differs.
    same = next(
        (i for i, (a, b) in enumerate(zip(current, fresh, strict=False)) if a != b),
        min(len(current), len(fresh)),
    )
    line = current.count(b"\n", 0, same) + 1
    message = (
        "the file is stale: it differs from what staticfeed build would write now "
        "(the entries, the config or staticfeed changed since the last build)"
    )
    return [_at(path, line, "error", "stale", message, "Run staticfeed build.")]


def _not_there(path: Path) -> tuple[str, str]:
    """What is wrong, and the fix, where `path` has no file `_read` reads: ls shows a pipe or
    a folder there, not nothing."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "the file does not exist", "Run staticfeed build."
    if S_ISDIR(mode):
        return FOLDER_IN_THE_WAY
    # os.replace puts the built file in its place.
    return (
        "the file is not a regular file (a pipe, a socket or a device)",
        "Run staticfeed build, which replaces it.",
    )


def _size(file: str, size: int, budget: int) -> list[Finding]:
    if size <= budget:
        return []
    message = (
        f"the file is {size:,} bytes, over the budget of {budget:,} bytes; "
        "some aggregators refuse feeds that big"
    )
    fix = (
        'Carry fewer entries (limit in the config) or summaries only (content = "summary"), '
        "or raise the budget with max_feed_size in the config or --max-size."
    )
    return [Finding(file, None, "error", "size", message, fix)]


def _parse(file: str, data: bytes) -> etree._Element | list[Finding]:
    """The document's root, or every XML error in it (from a second, recovering parse)."""
    try:
        return feed_xml(data)
    except etree.XMLSyntaxError as strict:
        # huge_tree: an entry with over 10 MB of text is valid XML, which libxml2 refuses by
        # default.
        recovering = etree.XMLParser(
            resolve_entities=False, no_network=True, recover=True, huge_tree=True
        )
        with contextlib.suppress(etree.XMLSyntaxError):
            etree.fromstring(data, recovering)
        errors = [(e.line, xml_problem(e.message)) for e in recovering.error_log] or [
            (strict.lineno, xml_problem(str(strict.msg)))
        ]
        return [_xml_error(file, line, message) for line, message in errors]


def _xml_error(file: str, line: int | None, message: str) -> Finding:
    undeclared = re.match(r"Namespace prefix (\S+) on (\S+) is not defined", message)
    if undeclared is None:
        fix = f"Fix the XML, {_REBUILD} to write the file again."
        return Finding(file, line, "error", "xml", f"not well-formed XML: {message}", fix)
    prefix, name = undeclared.groups()
    uri = _KNOWN_PREFIXES.get(prefix, "…")
    text = f"the namespace prefix {prefix} of <{prefix}:{name}> is not declared"
    fix = f'Declare it on the root element, xmlns:{prefix}="{uri}", {_REBUILD}.'
    return Finding(file, line, "error", "xml", text, fix)


@dataclass(frozen=True)
class _Feed:
    """A parsed Atom or RSS document; `head` is Atom's <feed> or RSS's <channel>."""

    file: str
    root: etree._Element
    head: etree._Element
    atom: bool
    self_url: str | None
    seen: SeenHtml

    @classmethod
    def of(
        cls, file: str, root: etree._Element, self_url: str | None, seen: SeenHtml
    ) -> _Feed | Finding:
        if root.tag == f"{_ATOM}feed":
            return cls(file, root, root, True, self_url, seen)
        channel = root.find("channel") if root.tag == "rss" else None
        if channel is not None:
            return cls(file, root, channel, False, self_url, seen)
        message = f"the root element <{_written(root)}> is not an Atom <feed> or an RSS <rss>"
        message += " with <channel>"
        fix = f"Write an Atom 1.0 or RSS 2.0 feed, {_REBUILD}."
        return Finding(file, _line(root), "error", "xml", message, fix)

    def tag(self, name: str) -> str:
        return _ATOM + name if self.atom else name

    @property
    def entries(self) -> list[etree._Element]:
        return self.head.findall(self.tag("entry") if self.atom else "item")

    @property
    def id_name(self) -> str:
        return "id" if self.atom else "guid"

    def finding(
        self,
        element: etree._Element,
        rule: str,
        message: str,
        fix: str,
        *,
        severity: Severity = "error",
        line: int | None = None,
        values: Iterable[str] | None = None,
    ) -> Finding:
        """A finding at `element`; one about `values`, which the build may have written from
        the config or an entry, when given (`_OfValue`)."""
        at = (self.file, line or _line(element), severity, rule, message, fix)
        if values is None:
            return Finding(*at)
        return _OfValue(*at, values=frozenset(values), in_feed=True)


_Rule = Callable[[_Feed], Iterator[Finding]]


def _text(element: etree._Element) -> str:
    return "".join(text for text in element.itertext() if isinstance(text, str)).strip()


def _line(element: etree._Element) -> int | None:
    """lxml's sourceline (its stubs leave it untyped)."""
    line: object = element.sourceline
    return line if isinstance(line, int) else None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _written(element: etree._Element) -> str:
    """The element's name as the file writes it, with its prefix (`content:encoded`): a
    finding names what the user sees in the file."""
    prefix = element.prefix
    return f"{prefix}:{_local(element)}" if prefix else _local(element)


def _written_attribute(element: etree._Element, name: str) -> str:
    """An attribute's name as the file writes it (`xml:base`), by a prefix its element knows."""
    if not name.startswith("{"):
        return name  # most attributes: no namespace
    qname = etree.QName(name)
    prefixes = {uri: prefix for prefix, uri in element.nsmap.items() if prefix}
    prefixes["http://www.w3.org/XML/1998/namespace"] = "xml"
    prefix = prefixes.get(qname.namespace)
    return f"{prefix}:{qname.localname}" if prefix else qname.localname


def _is_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:  # `http://[oops`, an unclosed IPv6 bracket: no URL
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _scheme(url: str) -> str:
    """The scheme of `url`; "" when it has none, or urllib cannot parse it (`http://[oops`, an
    unclosed IPv6 bracket, which a hand edit may leave): no absolute URL either way."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def _self_link(feed: _Feed) -> Iterator[Finding]:
    """rel=self is the file's own absolute URL: readers resubscribe to it when a feed moves."""
    links = [link for link in feed.head.findall(f"{_ATOM}link") if link.get("rel") == "self"]
    where = f", {feed.self_url}" if feed.self_url else ""
    if not links:
        message = 'the feed has no rel="self" link to its own URL'
        fix = f'Add {_atom_link(feed.head)} rel="self" href="…"/>{where}, {_REBUILD}.'
        yield feed.finding(feed.head, "self-link", message, fix, severity="warning")
    for link in links:
        href = (link.get("href") or "").strip()
        if not _scheme(href):
            message = f'the rel="self" link {href!r} is not an absolute URL'
            yield feed.finding(link, "self-link", message, f"Write it in full{where}, {_REBUILD}.")
        elif feed.self_url and href != feed.self_url:
            message = f'the rel="self" link is {href}, but this file is served at {feed.self_url}'
            fix = f"Point it at {feed.self_url} (or correct feed_url in the config), {_REBUILD}."
            yield feed.finding(link, "self-link", message, fix)


def _atom_link(head: etree._Element) -> str:
    """Atom's <link> as `head` (Atom's <feed>, RSS's <channel>) would hold it: by the prefix
    the file gives Atom's namespace there, or none if it is the default; with a declaration
    of its own if the file has none, so that the link copied in is still XML."""
    namespace = _ATOM[1:-1]
    prefixes = sorted(prefix or "" for prefix, uri in head.nsmap.items() if uri == namespace)
    if not prefixes:
        return f'<atom:link xmlns:atom="{namespace}"'
    return f"<{prefixes[0]}:link" if prefixes[0] else "<link"


def _guids(feed: _Feed) -> Iterator[Finding]:
    """A guid is a permalink unless isPermaLink="false": readers open it as the entry's page."""
    for entry in [] if feed.atom else feed.entries:
        for guid in entry.findall("guid"):
            permalink = (guid.get("isPermaLink") or "true").strip()
            text = _text(guid)
            if permalink not in ("true", "false"):
                message = f'isPermaLink must be "true" or "false", not {permalink!r}'
                yield feed.finding(guid, "guid", message, f"Correct it, {_REBUILD}.")
            elif permalink == "true" and not _is_url(text):
                message = f'the guid {text!r} is not a URL, but has no isPermaLink="false"'
                fix = f'Add isPermaLink="false" to the guid, {_REBUILD}.'
                yield feed.finding(guid, "guid", message, fix)
            elif permalink == "true" and (bad_port := _bad_port(text)) is not None:
                yield _port_finding(feed, guid, "guid", f"the guid {text!r}", bad_port)


def _links(feed: _Feed) -> Iterator[Finding]:
    """The feed's and each entry's web page (RSS <link>, Atom rel="alternate"): readers open
    it, so a port that is no port (a hand edit) leaves them nothing to open."""
    for parent in [feed.head, *feed.entries]:
        for element, url, name in _page_links(feed, parent):
            if (bad_port := _bad_port(url)) is not None:
                yield _port_finding(feed, element, "link", name, bad_port)


def _page_links(feed: _Feed, parent: etree._Element) -> Iterator[tuple[etree._Element, str, str]]:
    """Each web-page link of `parent`: its element, its URL, and how a finding names it."""
    if not feed.atom:
        for link in parent.findall("link"):
            yield link, _text(link), f"the link {_text(link)!r}"
        return
    for link in parent.findall(f"{_ATOM}link"):
        # Atom reads a link without rel as rel="alternate" (RFC 4287, 4.2.7.2).
        if (link.get("rel") or "alternate").strip() == "alternate":
            href = (link.get("href") or "").strip()
            yield link, href, f'the rel="alternate" link {href!r}'


def _port_finding(
    feed: _Feed, element: etree._Element, rule: str, named: str, bad_port: str
) -> Finding:
    """An error at a URL whose port is no port, worded as build words it in front matter."""
    return feed.finding(element, rule, f"{named} is not a URL ({bad_port})", _PORT_FIX)


_PORT_FIX = f"Write the port as a number from 0 to 65535, or leave it out, {_REBUILD}."


def _rss_authors(feed: _Feed) -> Iterator[Finding]:
    """RSS's author, managingEditor and webMaster take an email, not a name."""
    if feed.atom:
        return
    people = [*feed.head.findall("managingEditor"), *feed.head.findall("webMaster")]
    people += [author for entry in feed.entries for author in entry.findall("author")]
    for element in people:
        text = _text(element)
        if not _RSS_EMAIL.match(text):
            message = f"<{element.tag}> {text!r} is not an email address"
            fix = (
                "Write an email, optionally with the name, like ann@example.org (Ann Lee); "
                f"a name alone goes in <dc:creator>; {_REBUILD}."
            )
            yield feed.finding(element, "rss-author", message, fix)


# The W3C Feed Validation Service's own pattern for an address (addr_spec.email_re), narrower
# than RFC 5322: these characters before the @; after it, labels of ASCII letters, digits and
# hyphens, each but the last followed by a dot. The last may be of any length (`.studio`).
_VALIDATOR_EMAIL = re.compile(r"[A-Za-z0-9_\-+.']+@(?:[A-Za-z0-9\-]+\.)+[A-Za-z0-9][A-Za-z0-9\-]*$")


def _emails(feed: _Feed) -> Iterator[Finding]:
    """Addresses valid by RFC 5322 (and so taken by build) that the W3C service rejects:
    `a!b@example.org`, `üni@bücher.test`, `ann@my_host.example`. Once a file and address:
    one fix serves every entry; none for one of the config or an entry, reported there."""
    if feed.atom:
        people = list(feed.root.iter(f"{_ATOM}email"))
    else:
        people = [*feed.head.findall("managingEditor"), *feed.head.findall("webMaster")]
        people += [author for entry in feed.entries for author in entry.findall("author")]
    rejected: dict[str, list[etree._Element]] = {}
    for element in people:
        # The address ends at any whitespace, as RSS readers read `ann@example.org\t(Ann)`.
        address = next(iter(_text(element).split(maxsplit=1)), "")
        if _rejected_email(address):
            rejected.setdefault(address, []).append(element)
    for address, elements in rejected.items():
        message, fix = _email_warning(address, len(elements) - 1)
        yield feed.finding(elements[0], "email", message, fix, severity="warning", values=[address])


def _rejected_email(address: str | None) -> bool:
    return bool(address) and "@" in str(address) and not _VALIDATOR_EMAIL.match(str(address))


def _email_warning(address: str, more: int) -> tuple[str, str]:
    """The `email` rule's message and fix for `address`, found `more` more times in a file."""
    also = f" (and {more} more)" if more else ""
    message = (
        f"the email {address!r}{also} is not an address the W3C Feed Validation Service takes "
        "(ASCII letters, digits and _-+.' before the @, and after it a domain of ASCII "
        "letters, digits, hyphens and dots)"
    )
    return message, "Write another address for the author, or leave the email out."


def _languages(feed: _Feed) -> Iterator[Finding]:
    """xml:lang anywhere, and RSS <language>, are BCP 47 tags (an empty xml:lang is allowed),
    whose language the W3C service knows: a warning, once a file and tag, for one it does not,
    which readers take; none for the config's or an entry's, reported there."""
    unknown: dict[str, list[etree._Element]] = {}
    for element, key, tag in _language_tags(feed):
        try:
            values.language_tag(key, tag)
        except values.InvalidValue as problem:
            fix = f"{problem.fix.rstrip('.')} {_LANGUAGE_KEYS}."
            yield feed.finding(element, "language", problem.message, fix)
            continue
        if not known_to_the_w3c_service(tag):
            unknown.setdefault(tag, []).append(element)
    for tag, elements in unknown.items():
        message, fix = _language_warning(tag, len(elements) - 1)
        yield feed.finding(elements[0], "language", message, fix, severity="warning", values=[tag])


def _language_warning(tag: str, more: int) -> tuple[str, str]:
    """The `language` rule's message and fix for `tag`, found `more` more times in a file."""
    also = f" (and {more} more)" if more else ""
    message = (
        f"the W3C Feed Validation Service rejects the language {tag!r}{also}, which BCP 47"
        " takes: it knows the languages of ISO 639-1 and ISO 639-2 alone"
    )
    fix = (
        "Write the code of its macrolanguage before it, as BCP 47 allows (zh-yue for yue,"
        f" zh-cmn for cmn), or leave it for readers, who take it {_LANGUAGE_KEYS}."
    )
    return message, fix


_LANGUAGE_KEYS = "(language in the config, lang: in an entry)"


def _language_tags(feed: _Feed) -> Iterator[tuple[etree._Element, str, str]]:
    """Each language tag of `feed`: its element, the name it has there, and the tag."""
    for element in feed.root.iter(etree.Element):
        lang = element.get(_XML_LANG)
        if lang:
            yield element, "xml:lang", lang
    for element in [] if feed.atom else feed.head.findall("language"):
        yield element, "language", element.text or ""


def _enclosures(feed: _Feed) -> Iterator[Finding]:
    """An enclosure needs its URL, length and type: readers download it with them."""
    for entry in feed.entries:
        if feed.atom:
            for link in entry.findall(f"{_ATOM}link"):
                if link.get("rel") == "enclosure":
                    yield from _enclosure(feed, link, "href", "warning")
        else:
            for enclosure in entry.findall("enclosure"):
                yield from _enclosure(feed, enclosure, "url", "error")


def _enclosure(
    feed: _Feed, element: etree._Element, url_name: str, severity: Severity
) -> Iterator[Finding]:
    """`severity` is for a missing length or type: RSS requires them, Atom only advises them."""
    url = (element.get(url_name) or "").strip()
    length = (element.get("length") or "").strip()
    if not url:
        yield feed.finding(element, "enclosure", f"the enclosure has no {url_name}", "Add it.")
    elif not _scheme(url):
        message = f"the enclosure {url_name} {url!r} is not an absolute URL"
        yield feed.finding(element, "enclosure", message, "Write it in full (https://…).")
    elif (bad_port := _bad_port(url)) is not None:
        # Worded as build words it in front matter: no reader fetches it, whatever its host.
        message = f"the enclosure {url_name} {url!r} is not a URL ({bad_port})"
        fix = "Write the port as a number from 0 to 65535, or leave it out (https://host/ep.mp3)."
        yield feed.finding(element, "enclosure", message, fix)
    elif url_name == "url" and (refused := _enclosure_url_refused(url)) is not None:
        # None where the entry's front matter gives it, reported there (_refused_enclosures).
        message, fix = _refused_url_warning(url, refused)
        yield feed.finding(element, "enclosure", message, fix, severity="warning", values=[url])
    if not length:
        fix = 'Add length="…", the file\'s size in bytes.'
        message = "the enclosure has no length"
        yield feed.finding(element, "enclosure", message, fix, severity=severity)
    elif not (length.isascii() and length.isdigit()):
        message = f"the enclosure length {length!r} is not a number of bytes"
        yield feed.finding(element, "enclosure", message, "Write the size in bytes, like 1234567.")
    if not (element.get("type") or "").strip():
        fix = 'Add type="…", the file\'s media type, like audio/mpeg.'
        message = "the enclosure has no type"
        yield feed.finding(element, "enclosure", message, fix, severity=severity)


def _bad_port(url: str) -> str | None:
    """Why urllib, as build and readers, takes `url`'s port for none (`:abc`, `:99999`)."""
    try:
        _ = urlsplit(url).port
    except ValueError as error:
        return str(error)
    return None


# The W3C service's check of an RSS enclosure's url (httpURL, in its validators.py): http or
# https, then a host of its addr_spec.domain_re, an optional port, and "/" or the end. Narrower
# than RFC 3986, which build and readers follow: the host is labels of ASCII letters, digits
# and hyphens joined by dots, at least two (an IPv4 address is such a name), the last one not
# starting with a hyphen.
_SERVICE_ENCLOSURE_URL = re.compile(
    r"https?://(?:[A-Za-z0-9\-]+\.)+[A-Za-z0-9][A-Za-z0-9\-]*(?::[0-9]+)?(?:/|$)", re.IGNORECASE
)
_REFUSED_URL_FIX = (
    "Publish the file at a URL with the host's full name, with a dot, and no user name"
    " (https://media.example.org/ep.mp3), or leave it for readers."
)


def _held(plans: Iterable[FeedPlan]) -> list[Entry]:
    """The entries some feed of `plans` holds, once each."""
    return list({entry.id: entry for plan in plans for entry in plan.entries}.values())


def _held_once_fixed(config: Config, entries: Sequence[Entry]) -> list[Entry]:
    """The entries read well (newest first) that the feeds would hold once the documents with
    errors are fixed; all of them if their tags or authors would share a feed, an error the
    build reports then."""
    try:
        return _held(feed_plans(config, entries))
    except TopicCollision:
        return list(entries)


def _refused_enclosures(held: Iterable[Entry]) -> Iterator[Finding]:
    """The enclosure urls of RSS items that the W3C service rejects (the `enclosure` rule),
    once an entry, at its first enclosure's url in the front matter: RSS carries that one
    alone, and every feed that holds the entry (the main one, its tags' and authors'), where
    the rule finds it too. Only of the entries `held` by some feed: one past every feed's
    limit is in no RSS file."""
    for entry in (entry for entry in held if entry.enclosures):
        url = entry.enclosures[0].url
        refused = _enclosure_url_refused(url)
        if refused is None:
            continue
        items = front_matter_items(entry.source, "enclosures")
        line = _line_of(items[0][1], "url") if items else key_line(entry.source, "enclosures")
        yield _at_source(entry.source, line, "enclosure", url, _refused_url_warning(url, refused))


def _refused_url_warning(url: str, refused: str) -> tuple[str, str]:
    """The `enclosure` rule's message and fix for the url the W3C service rejects, and why."""
    message = (
        f"the W3C Feed Validation Service rejects the enclosure url {url!r}, which readers"
        f" fetch: {refused}"
    )
    return message, _REFUSED_URL_FIX


def _enclosure_url_refused(url: str) -> str | None:
    """Why the W3C service rejects the absolute `url` as an RSS enclosure's
    (InvalidURLAttribute); None when it takes it."""
    if _SERVICE_ENCLOSURE_URL.match(url):
        return None
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    if not host.startswith("["):
        host = host.partition(":")[0]
    if parts.scheme.lower() not in ("http", "https"):
        return "it is neither http nor https"
    if "@" in parts.netloc:
        return "it has a user name before the host"
    if host.startswith("["):
        return "its host is an IPv6 address"
    if parts.netloc.endswith(":"):
        return "it has a ':' after the host but no port"
    if not parts.path and (parts.query or parts.fragment):
        return "it has no '/' between the host and the '?' or '#'"
    if "." not in host:
        return f"its host {host!r} has no dot"
    return f"its host {host!r} is not names of ASCII letters, digits and hyphens joined by dots"


def _id_elements(feed: _Feed) -> Iterator[etree._Element]:
    """The feed's id (Atom) and every entry's id or guid."""
    head_id = feed.head.find(f"{_ATOM}id") if feed.atom else None
    if head_id is not None:
        yield head_id
    for entry in feed.entries:
        element = entry.find(feed.tag(feed.id_name))
        if element is not None:
            yield element


def _tag_uris(feed: _Feed) -> Iterator[Finding]:
    """Tag URIs (RFC 4151) are ASCII; the validator rejects any other character. It rejects
    capitals in the authority too, which RFC 4151 only advises against: a warning, once a
    file and authority, since ids must never change once published; none for an authority of
    the config or an entry, reported there. A feed's own id is never a tag URI build makes:
    its fix is to build again."""
    capitals: dict[tuple[str, bool], list[etree._Element]] = {}
    unowned: dict[tuple[str, bool], list[etree._Element]] = {}
    for element in _id_elements(feed):
        text, own = _text(element), element.getparent() is feed.head
        if text.startswith("tag:") and _unowned(_tag_authority(text)) is not None:
            unowned.setdefault((_tag_authority(text), own), []).append(element)
        if text.lower().startswith("tag:") and not text.isascii():
            char = next(c for c in text if not c.isascii())
            message = f"the tag URI {text!r} has characters that are not ASCII"
            encoded = f"{char} is {quote(char)}"
            fix = f"Percent-encode them as UTF-8 ({encoded}) in the entry's front-matter id."
            yield feed.finding(element, "tag-uri", message, _FEED_ID_FIX.format("") if own else fix)
        elif text.startswith("tag:") and _tag_authority(text) != _tag_authority(text).lower():
            capitals.setdefault((_tag_authority(text), own), []).append(element)
    for (authority, own), elements in capitals.items():
        message = _capitals_message(f"the tag URI {_text(elements[0])!r}", len(elements) - 1)
        fix = _FEED_ID_FIX.format("") if own else _CAPITALS_FIX
        yield feed.finding(
            elements[0], "tag-uri", message, fix, severity="warning", values=[authority]
        )
    for (authority, own), elements in unowned.items():
        what, why = f"the tag URI {_text(elements[0])!r}", str(_unowned(authority))
        message = _unowned_message(what, authority, why, len(elements) - 1)
        fix = _FEED_ID_FIX.format("") if own else _UNOWNED_FIX
        yield feed.finding(
            elements[0], "tag-uri", message, fix, severity="warning", values=[authority]
        )


def _capitals_message(what: str, more: int = 0) -> str:
    also = f" (and {more} more)" if more else ""
    return (
        f"{what}{also} has capitals in its authority, which the W3C Feed Validation Service"
        " rejects (RFC 4151 recommends lower case)"
    )


_CAPITALS_FIX = (
    "Before the first publication, write it in lower case (id_authority, or the entry's id: in"
    " its front matter); once feeds are published, leave it: a new id would reach every reader"
    " again."
)


def _canonical_ids(feed: _Feed) -> Iterator[Finding]:
    """The W3C Feed Validation Service warns about an http(s) id that is not in the form RFC
    3986 compares URLs in; staticfeed writes its own ids so, an id: in front matter may not
    be. A warning, once a file, since ids must never change once published (none for an
    entry's id:, reported there). Atom alone: the validator checks an RSS guid only as a URI."""
    found: dict[bool, list[etree._Element]] = {}
    for element in _id_elements(feed) if feed.atom else ():
        if _not_canonical(_text(element)):
            found.setdefault(element.getparent() is feed.head, []).append(element)
    for own, written in found.items():
        message, fix = _canonical_warning(_text(written[0]), len(written) - 1)
        # build writes the feed's own id from the config, in that form: no entry's id: is it.
        fix = _FEED_ID_FIX.format(", in that form") if own else fix
        ids = map(_text, written)
        yield feed.finding(written[0], "canonical-id", message, fix, severity="warning", values=ids)


# A feed's own id is not the user's to write: build makes it from the config (and canonical,
# never a tag URI), so one that breaks a rule in a feed file is a hand edit, which build undoes.
_FEED_ID_FIX = (
    "Run staticfeed build: it writes the feed's own id from site_url (and feed_url, if the"
    " config has one){0}."
)


def _not_canonical(uri: str) -> bool:
    return (
        uri.lower().startswith(("http://", "https://"))
        and _canonical_id(uri) != uri  # None too: an IRI with no URI, which the service rejects
        # One the service rejects (InvalidUriChar: w3c-id) has no form for it to warn about.
        and _w3c_id_problem(uri) is None
    )


def _canonical_warning(uri: str, more: int) -> tuple[str, str]:
    """The canonical-id rule's message and fix for `uri`, found with `more` others."""
    also = f" (and {more} more)" if more else ""
    form = _canonical_id(uri)
    if form is None:
        message = (
            f"the id {uri!r}{also} has letters beyond ASCII (an IRI where a URI belongs), which"
            f" the W3C Feed Validation Service rejects, and no form in ASCII: {_no_uri(uri)}"
        )
        written = "a tag URI, or a URL whose host is a domain name (each name between dots at"
        written += " most 63 characters), in the entry's id:"
    else:
        verdict = "warns about" if uri.isascii() else "rejects (an IRI where a URI belongs)"
        message = (
            f"the id {uri!r}{also} is not in canonical form "
            f"({form!r}), which the W3C Feed Validation Service {verdict}"
        )
        written = "it in that form in the entry's id:"
    fix = (
        f"Before the first publication, write {written}; once feeds are published, leave it:"
        " a new id would reach every reader again."
    )
    return message, fix


def _no_uri(uri: str) -> str:
    """Why the IRI `uri` maps to no URI: urllib cannot read it (`https://[é/p`, an IPv6
    bracket left open, has no host at all), or IDNA cannot write its host."""
    try:
        urlsplit(uri)
    except ValueError as error:
        return f"it is not a URL ({error})"
    return "its host is no domain name IDNA can write"


def _canonical_id(uri: str) -> str | None:
    """`uri` as the W3C service's canonicalForm writes it, which has none for an IRI (it
    warns about `https://example.org/café`): in canonical form, an IRI mapped to its URI.
    None for an IRI that maps to no URI: a host IDNA cannot write (a label over 63
    characters), which the service rejects as it does any IRI."""
    try:
        return values.canonical_url(values.as_uri(uri))
    except ValueError:
        return None if not uri.isascii() else uri


def _tag_authority(uri: str) -> str:
    """The authority of a tag URI, `tag:<authority>,<date>:<specific>`; "" when it has none."""
    return uri[4:].partition(":")[0].rpartition(",")[0]


# The W3C Feed Validation Service's own patterns for an id (validators.rfc2396), older and
# narrower than the RFCs now in force: a URN as RFC 2141 wrote it (RFC 8141's
# `urn:example:a/b` is rejected), a UUID as RFC 4122 writes it, a tag URI as RFC 4151 does, and
# RFC 2396's characters (no `[` or `]`); and the schemes it knows as registered with IANA, but
# those with a dot or a digit, which it does not look up.
_VALIDATOR_URN = re.compile(
    r"urn:[a-z0-9][a-z0-9-]{1,31}:(?:[a-z0-9()+,.:=@;$_!*'-]|%[0-9a-f]{2})+", re.I | re.A
)
_VALIDATOR_UUID = re.compile(
    r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I
)
_URI_CHARACTERS = "-0-9a-zA-Z;/?:@&=+$._!~*'()%,"  # "-" first: no range
_VALIDATOR_TAG = re.compile(
    r"tag:(?:[a-z0-9._-]+?@)?[a-z0-9.-]+?,\d{4}(?:-\d{2}(?:-\d{2})?)?:"
    rf"[{_URI_CHARACTERS}]*(?:#[{_URI_CHARACTERS}]*)?",
    re.A,
)
# It takes an IPv6 address (RFC 3986's `[2001:db8::1]`) straight after the scheme and its
# slashes, written in hexadecimal digits and colons alone (`[::ffff:192.0.2.1]` is rejected).
_VALIDATOR_IPV6 = re.compile(r"/{0,2}\[[0-9A-Fa-f:]+\]", re.A)
_NOT_URI_CHARACTER = re.compile(rf"[^{_URI_CHARACTERS}#]", re.A)
_NOT_TAG_CHARACTER = re.compile(rf"[^{_URI_CHARACTERS}]", re.A)  # one "#" aside
_VALIDATOR_SCHEMES = frozenset(
    (
        *("aaa", "aaas", "acap", "cap", "cid", "crid", "data", "dav", "dict", "dns", "fax"),
        *("file", "ftp", "go", "gopher", "http", "https", "iax", "icap", "im", "imap", "info"),
        *("ipp", "iris", "ldap", "mailto", "mid", "modem", "msrp", "msrps", "mtqp", "mupdate"),
        *("news", "nfs", "nntp", "opaquelocktoken", "pop", "pres", "prospero", "rtsp"),
        *("service", "shttp", "sip", "sips", "snmp", "tag", "tel", "telnet", "tftp"),
        *("thismessage", "tip", "tv", "urn", "vemmi", "wais", "xmpp"),
    )
)


@dataclass(frozen=True)
class _IdProblem:
    """What the W3C service says of an id: its name for the problem, what is wrong (after
    "the id …"), and how to fix it before the first publication."""

    name: str
    what: str
    fix: str


def _w3c_ids(feed: _Feed) -> Iterator[Finding]:
    """Atom ids that readers take (any URI will do for them, and build takes them: an id from
    `pin --from` was published by the earlier site) but the W3C service rejects or warns
    about. A warning, once a file and kind, since ids must never change once published (none
    for entries' id:, reported there); the tag-uri and canonical-id rules report ids with
    characters beyond ASCII."""
    found: dict[tuple[str, str], list[tuple[etree._Element, _IdProblem]]] = {}
    for element in _id_elements(feed) if feed.atom else ():
        # build makes the feed's own id from the config, an entry's from its front matter
        where = _CONFIG_URLS if element.getparent() is feed.head else _ENTRY_ID
        problem = _w3c_id_problem(_text(element), where)
        if problem is not None:
            found.setdefault((problem.name, where), []).append((element, problem))
    for (name, where), ids in found.items():
        element, problem = ids[0]
        message, fix = _w3c_id_warning(_text(element), problem, len(ids) - 1)
        # A host of site_url or feed_url is reported at its key, if the config has it there.
        value = _authority if (name, where) == (_HOST_PROBLEM, _CONFIG_URLS) else str
        written = [value(_text(each)) for each, _ in ids]
        yield feed.finding(element, "w3c-id", message, fix, severity="warning", values=written)


def _w3c_id_warning(uri: str, problem: _IdProblem, more: int) -> tuple[str, str]:
    """The w3c-id rule's message and fix for `uri`, found with `more` others of its kind."""
    also = f" (and {more} more)" if more else ""
    fix = (
        f"{problem.fix} before the first publication; once feeds are published, leave it:"
        " a new id would reach every reader again."
    )
    return f"the id {uri!r}{also} {problem.what}", fix


_ENTRY_ID = "the entry's id:"
_CONFIG_URLS = "site_url (and feed_url, if the config has one), which the feeds' ids are made from"


def _w3c_id_problem(uri: str, where: str = _ENTRY_ID) -> _IdProblem | None:
    """What the W3C service says of an id, looking in its order; None when it takes it. The
    fix says to write it so in `where`."""
    if not _SCHEME.match(uri):  # `x`, `2025:x`: no scheme for the rest to be read after
        return _IdProblem("InvalidFullLink: no scheme", _NOT_ABSOLUTE, _TAG_OR_URL)
    scheme, _, rest = uri.partition(":")
    scheme = scheme.lower()
    if scheme == "tag":
        return _w3c_tag_problem(uri)
    if scheme == "urn":
        return _w3c_urn_problem(uri)
    if scheme in ("http", "https") and not uri.isascii():
        return None  # an IRI: canonical-id's
    address = _VALIDATOR_IPV6.match(rest)
    if (bad := _NOT_URI_CHARACTER.search(rest, address.end() if address else 0)) is not None:
        if bad[0] in "[]" and bad.start() < _authority_end(rest):
            return _IdProblem(_HOST_PROBLEM, _BRACKET_IN_HOST, f"{_HOST_FIX}{where},")
        what = f"has {bad[0]!r}, which no URI may hold: the W3C Feed Validation Service rejects it"
        return _IdProblem("InvalidUriChar", what, _encoded(bad[0], where))
    if scheme in ("http", "ftp") and not _FULL_URL.match(uri):  # the service's: not https
        return _IdProblem("InvalidFullLink: no host", _NOT_FULL_URL, _WITH_HOST)
    if scheme.isalpha() and scheme not in _VALIDATOR_SCHEMES:
        what = (
            f"has a scheme, {scheme}:, that the W3C Feed Validation Service does not know as"
            " registered with IANA, and warns about"
        )
        return _IdProblem("SchemeNotIANARegistered", what, _TAG_OR_URL)
    return None


# RFC 3986's scheme, which an absolute IRI starts with, and the W3C service's full link too.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:", re.A)
# How the W3C service tells an http: or ftp: URL with its host (`http:foo`, `http:///a` have none).
_FULL_URL = re.compile(r"\w+://[^/]", re.A)
_NOT_FULL_URL = (
    "is not a full URL (no host after '//'), which the W3C Feed Validation Service rejects"
)
_TAG_OR_URL = "Use a tag URI or a URL instead,"
_WITH_HOST = "Write the URL whole, with its host,"
_NOT_ABSOLUTE = (
    "is not an absolute IRI (it does not start with a scheme, such as https: or tag:), which"
    " RFC 4287 (4.2.6) requires of an Atom id: the W3C Feed Validation Service rejects it"
)


def _w3c_urn_problem(uri: str) -> _IdProblem | None:
    if uri.lower().startswith("urn:uuid:") and not _VALIDATOR_UUID.fullmatch(uri):
        what = "is not a UUID (8-4-4-4-12 hexadecimal digits), which the W3C Feed Validation"
        fix = "Write the UUID whole, like urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e,"
        return _IdProblem("InvalidUUID", what + " Service rejects", fix)
    if _VALIDATOR_URN.fullmatch(uri):
        return None
    what = (
        "is not a URN as RFC 2141 writes it (urn:, a namespace of 2 to 32 letters, digits and"
        " hyphens, a colon, then letters, digits, ()+,-.:=@;$_!*' and %XX), which the W3C Feed"
        " Validation Service rejects"
    )
    return _IdProblem("InvalidURN", what, "Write it so, or use a tag URI or a URL,")


def _w3c_tag_problem(uri: str) -> _IdProblem | None:
    """A tag URI as the W3C service reads it, but for what the tag-uri rule reports already:
    characters beyond ASCII, capitals in the authority."""
    authority = _tag_authority(uri)
    lowered = uri[:4] + uri[4:].replace(authority, authority.lower(), 1)
    if not uri.isascii() or _VALIDATOR_TAG.fullmatch(lowered):
        return None
    what = "is not a tag URI as RFC 4151 writes it, which the W3C Feed Validation Service rejects"
    specific = uri[4:].partition(":")[2]
    bad = _NOT_TAG_CHARACTER.search(specific.replace("#", "", 1))
    if bad is None:
        fix = "Write it like tag:example.org,2025:my-post,"
        return _IdProblem("InvalidTAG", what, fix)
    shown = "a second '#'" if bad[0] == "#" else repr(bad[0])
    return _IdProblem("InvalidTAG", f"{what} ({shown} may not be in it)", _encoded(bad[0]))


def _encoded(character: str, where: str = _ENTRY_ID) -> str:
    return f"Write {character!r} as {quote(character, safe='')} in {where},"


def _authority(uri: str) -> str:
    """The authority of `uri` (`ann@[::1]:8080` in `https://ann@[::1]:8080/p`); "" if none."""
    rest = uri.partition(":")[2]
    return rest[2 : _authority_end(rest)]


def _authority_end(rest: str) -> int:
    """Where the authority (`//host`) of a URI ends in `rest`, the URI after its scheme's
    colon; 0 when it has none."""
    if not rest.startswith("//"):
        return 0
    ends = [rest.find(mark, 2) for mark in "/?#"]
    return min((end for end in ends if end >= 0), default=len(rest))


_HOST_PROBLEM = "InvalidUriChar in the host"
_BRACKET_IN_HOST = (
    "has a bracket in its host that the W3C Feed Validation Service rejects: it takes brackets"
    " only around an IPv6 address of hexadecimal digits and colons, straight after '//'"
)
# A bracket of the host, percent-encoded, would name another host: the address is written
# otherwise (`[::ffff:192.0.2.1]` is `[::ffff:c000:201]`), or a domain name used.
_HOST_FIX = "Write the host as a domain name or as such an address (https://[2001:db8::1]/) in "


def _duplicate_ids(feed: _Feed) -> Iterator[Finding]:
    """Readers tell entries apart by id: of two entries with one id, they show one."""
    first_line: dict[str, int | None] = {}
    for element in _id_elements(feed):
        if element.getparent() is feed.head:
            continue
        text = _text(element)
        if text in first_line:
            message = f"the {feed.id_name} {text!r} is also on line {first_line[text]}"
            fix = f"Give every entry its own id: (slug: or id: in its front matter), {_REBUILD}."
            yield feed.finding(element, "duplicate-id", message, fix)
        else:
            first_line[text] = _line(element)


def _date_elements(feed: _Feed) -> Iterator[etree._Element]:
    names = ("updated", "published") if feed.atom else ("lastBuildDate", "pubDate")
    return feed.head.iter(*(feed.tag(name) for name in names))


def _read_date(feed: _Feed, text: str) -> datetime | None:
    """An Atom (RFC 3339) or RSS (RFC 822) date in the form the specs give; None when it is
    not one: `check` reports a date some readers may not read, in whatever form."""
    return strict_atom_date(text) if feed.atom else strict_rfc822(text)


def _dates(feed: _Feed) -> Iterator[Finding]:
    kind, example = (
        ("an RFC 3339 date-time", "2025-12-22T14:30:00+02:00")
        if feed.atom
        else ("an RFC 822 date", "Mon, 22 Dec 2025 14:30:00 +0200")
    )
    for element in _date_elements(feed):
        text = _text(element)
        if _read_date(feed, text) is None:
            message = f"<{_written(element)}> {text!r} is not {kind}"
            if feed.atom and strict_rfc3339(text) is not None:
                message += " as Atom writes it, with T and Z in upper case"
            yield feed.finding(element, "date", message, f"Write it like {example}, {_REBUILD}.")


def _entry_date(feed: _Feed, entry: etree._Element) -> tuple[etree._Element, datetime] | None:
    """When the entry was published (Atom falls back to updated), as build orders entries."""
    names = ("published", "updated") if feed.atom else ("pubDate",)
    for name in names:
        element = entry.find(feed.tag(name))
        if element is not None:
            moment = _read_date(feed, _text(element))
            return (element, moment) if moment is not None else None
    return None


def _order(feed: _Feed) -> Iterator[Finding]:
    """Entries go newest first: some readers show or keep only the first ones."""
    previous: tuple[etree._Element, datetime] | None = None
    for entry in feed.entries:
        dated = _entry_date(feed, entry)
        if dated is None:
            continue
        if previous is not None and dated[1] > previous[1]:
            message = (
                f"the entry dated {dated[1].isoformat()} comes after an older one "
                f"(line {_line(previous[0])}, {previous[1].isoformat()})"
            )
            yield feed.finding(dated[0], "order", message, f"Put entries newest first, {_REBUILD}.")
        previous = dated


def _bodies(feed: _Feed) -> Iterator[tuple[etree._Element, bool]]:
    """Each entry's HTML (Atom content and summary, RSS description and content:encoded), with
    whether it is XHTML markup rather than escaped HTML. Atom under an xml:base is left out."""
    names = (f"{_ATOM}content", f"{_ATOM}summary") if feed.atom else ("description",)
    for entry in feed.entries:
        for element in (child for child in entry if child.tag in (*names, _CONTENT_ENCODED)):
            kind = element.get("type", "text") if feed.atom else "html"
            based = feed.atom and _UNDER_XML_BASE(element)
            if kind in ("html", "xhtml") and not based:
                yield element, kind == "xhtml"


_UNDER_XML_BASE = etree.XPath("boolean(ancestor-or-self::*[@xml:base])")


def _relative_urls(feed: _Feed) -> Iterator[Finding]:
    """Readers resolve relative URLs against the feed, or not at all."""
    for body, xhtml in _bodies(feed):
        found = _relative_in_xhtml(body) if xhtml else feed.seen.relative_urls(body.text or "")
        first = _line(body) or 1
        for line, name, attribute, url in found:
            message = f"the {name} {attribute} {url!r} is a relative URL"
            fix = f"Write it in full (https://…), {_REBUILD}, which makes it absolute."
            yield feed.finding(body, "relative-url", message, fix, line=first + line - 1)


_RelativeUrl = tuple[int, str, str, str]
"""A relative URL in an entry's HTML: its line there (1 on the first), the element's name, the
attribute's and the URL."""


class SeenHtml:
    """What the relative-URL rule found in each entry's escaped HTML, by the HTML's sha256: an
    entry's HTML is in every feed it is in (its main feed or archive, its tags' and its
    authors'), and parsing it again for each took 2 s of the 15 `check` took at 10,000
    entries."""

    def __init__(self) -> None:
        self._relative_urls: dict[bytes, tuple[_RelativeUrl, ...]] = {}

    def relative_urls(self, html: str) -> tuple[_RelativeUrl, ...]:
        """The relative URLs in `html`, parsed as rendering parses it (as lxml.html would, but
        quicker)."""
        if not html.strip():
            return ()
        key = hashlib.sha256(html.encode("utf-8", "surrogatepass")).digest()
        found = self._relative_urls.get(key)
        if found is None:
            elements = elements_with_urls(parse_fragment(html))
            found = tuple(_relative_in(elements, lambda element: _line(element) or 1))
            self._relative_urls[key] = found
        return found


def _relative_in_xhtml(body: etree._Element) -> Iterator[_RelativeUrl]:
    """The relative URLs in XHTML markup, each at its line counted from that of `body` (1 on
    the same line), as `SeenHtml` counts them."""
    first = _line(body) or 1
    return _relative_in(
        elements_with_urls(body), lambda element: (_line(element) or first) - first + 1
    )


def _relative_in(
    elements: Iterable[etree._Element], line_of: Callable[[etree._Element], int]
) -> Iterator[_RelativeUrl]:
    for element in elements:
        for attribute, url in _urls(element):
            if not _has_scheme(url):
                yield line_of(element), _written(element), attribute, url


def _urls(element: etree._Element) -> Iterator[tuple[str, str]]:
    for name in URL_ATTRIBUTES:
        value = element.get(name)
        if value is None:
            continue
        if name != "srcset":
            yield name, value.strip()
            continue
        for url, _ in srcset_candidates(value):
            yield name, url


def _has_scheme(url: str) -> bool:
    """Whether `url` is absolute. A URL urllib cannot parse (an unclosed IPv6 bracket, as in
    `http://[oops`) is absolute when it starts with a scheme."""
    if url.startswith(("https://", "http://")):
        return True  # most URLs in a feed; a feed has hundreds of thousands, urlsplit is slow
    try:
        return bool(urlsplit(url).scheme)
    except ValueError:
        return _SCHEME.match(url) is not None


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _titles(feed: _Feed) -> Iterator[Finding]:
    """Readers list entries by title; a blank one shows as nothing."""
    yield from _title(feed, feed.head, "feed", f"title in the config, {_REBUILD}")
    for entry in feed.entries:
        fix = f"title: in the entry's front matter, {_REBUILD}"
        yield from _title(feed, entry, "entry", fix, required=feed.atom)


def _title(
    feed: _Feed, parent: etree._Element, what: str, how: str, *, required: bool = True
) -> Iterator[Finding]:
    title = parent.find(feed.tag("title"))
    if title is None and required:
        yield feed.finding(parent, "title", f"the {what} has no title", f"Add one ({how}).")
    elif title is not None and not _text(title):
        yield feed.finding(title, "title", f"the {what}'s title is blank", f"Write one ({how}).")


def _in_body(feed: _Feed, element: etree._Element) -> bool:
    entries = {feed.tag("entry") if feed.atom else "item"}
    names = {f"{_ATOM}content", f"{_ATOM}summary", "description", _CONTENT_ENCODED}
    for node in (element, *element.iterancestors()):
        parent = node.getparent()
        if node.tag in names and parent is not None and parent.tag in entries:
            return True
    return False


def _texts(feed: _Feed) -> Iterator[tuple[str, str, int, bool]]:
    """Every text and attribute value: (where, text, line, whether it is in an entry's body)."""
    for element in feed.root.iter(etree.Element):
        name = _written(element)
        line = _line(element) or 1
        body = _in_body(feed, element)
        if element.text:
            yield f"<{name}>", element.text, line, body
        for attribute, value in element.attrib.items():
            written = _written_attribute(element, str(attribute))
            yield f"<{name} {written}>", str(value), line, body
        # Text after a child is its parent's (`<b>Note:</b> Lorem ipsum` in XHTML content);
        # a feed's other tails are the whitespace between elements, which holds none.
        parent = element.getparent()
        if element.tail and parent is not None and may_hold_placeholder(element.tail):
            end = line + etree.tostring(element, with_tail=False).count(b"\n")
            yield f"<{_written(parent)}>", element.tail, end, _in_body(feed, parent)


def _placeholders(feed: _Feed) -> Iterator[Finding]:
    """Text left from a template or an example, once per placeholder with where it is first."""
    found: dict[str, list[tuple[str, int, _Place]]] = {}
    for where, text, line, body in _texts(feed):
        if not may_hold_placeholder(text):
            continue
        for shown, pattern, in_bodies in _PLACEHOLDERS:
            if body and not in_bodies:
                continue
            for match in pattern.finditer(text):
                found.setdefault(shown, []).append(
                    (where, line + text.count("\n", 0, match.start()), _Place.of(text, match))
                )
    for shown, places in found.items():
        yield _PlaceholderInFeed.at(feed.file, shown, places)


@dataclass(frozen=True)
class _PlaceholderInFeed(Finding):
    """A placeholder in a feed file, at the first of its `places` (where, line, `_Place`), which
    `check_publication` leaves out where a value written in the config or an entry holds it:
    that value is reported once, where it is written, rather than once a feed file."""

    shown: str
    places: tuple[tuple[str, int, _Place], ...]

    @classmethod
    def at(
        cls, file: str, shown: str, places: Sequence[tuple[str, int, _Place]]
    ) -> _PlaceholderInFeed:
        where, line, _ = places[0]
        more = len(places) - 1
        others = (
            f", and {more} more {'place' if more == 1 else 'places'} in this file" if more else ""
        )
        message = f"{shown!r} looks like a placeholder, in {where}{others}"
        fix = _PLACEHOLDER_FIX
        return cls(file, line, "warning", "placeholder", message, fix, shown, tuple(places))

    def outside(self, written: Collection[str]) -> Finding | None:
        """The finding about the places no value of `written` holds, if any."""
        places = [place for place in self.places if not place[2].within(written)]
        if not places:
            return None
        left = _PlaceholderInFeed.at(self.file or "", self.shown, places)
        return Finding(left.file, left.line, left.severity, left.rule, left.message, left.fix)


# How much of a feed's text on each side of a placeholder `_Place` keeps, to compare with the
# values written in the config and entries: a place in an entry's body may have thousands.
_AROUND = 1000


@dataclass(frozen=True)
class _Place:
    """A placeholder in a feed's text, with what is around it: at most _AROUND characters on
    each side, and whether the text goes on past them."""

    before: str
    found: str
    after: str
    more_before: bool
    more_after: bool

    @classmethod
    def of(cls, text: str, match: re.Match[str]) -> _Place:
        start, end = match.span()
        before = text[max(0, start - _AROUND) : start]
        after = text[end : end + _AROUND]
        return cls(before, match[0], after, start > _AROUND, len(text) > end + _AROUND)

    def within(self, written: Collection[str]) -> bool:
        """Whether the placeholder is inside one of the `written` values, which a build copies
        into longer texts (site_url into every link), or into a text of its own longer than
        what the place keeps of it (a long subtitle)."""
        for value in written:
            at = value.find(self.found)
            while at >= 0:
                if self._has(value, len(self.before) - at):
                    return True
                at = value.find(self.found, at + 1)
        return False

    def _has(self, value: str, at: int) -> bool:
        """Whether the text has `value` at `at` (counted from the start of `before`, negative
        before it): as far as the place keeps the text, and past that only where it goes on."""
        text = self.before + self.found + self.after
        end = at + len(value)
        if (at < 0 and not self.more_before) or (end > len(text) and not self.more_after):
            return False
        start = max(0, at)
        return text.startswith(value[start - at : min(len(text), end) - at], start)


def _placeholders_written(
    path: Path, key: str, items: Sequence[tuple[object, ItemLines | int | None]]
) -> Iterator[Finding]:
    """The placeholders in the texts of `items` of `key` as written in the config or an entry
    at `path`, each with where it is (a line, or an ItemLines), once each, at its line."""
    for item, where in items:
        for field, text in _texts_of(item):
            if not may_hold_placeholder(text):
                continue
            line = _line_of(where, field)
            for shown, pattern, _ in _PLACEHOLDERS:
                if pattern.search(text):
                    yield _OfValue(
                        display_path(path),
                        line,
                        "warning",
                        "placeholder",
                        f"{shown!r} looks like a placeholder, in {key}",
                        _PLACEHOLDER_FIX,
                        values=frozenset([text]),
                        in_feed=False,
                    )


def _texts_of(item: object, field: str | None = None) -> Iterator[tuple[str | None, str]]:
    """The strings in a value as written, with the key of its table each is under: itself, or
    those in its list or table."""
    if isinstance(item, str):
        yield field, item
    elif isinstance(item, dict):
        for key, value in item.items():
            yield from _texts_of(value, str(key))
    elif isinstance(item, list):
        for value in item:
            yield from _texts_of(value, field)


_RULES: tuple[_Rule, ...] = (
    _self_link,
    _guids,
    _links,
    _rss_authors,
    _emails,
    _languages,
    _enclosures,
    _tag_uris,
    _canonical_ids,
    _w3c_ids,
    _duplicate_ids,
    _dates,
    _order,
    _relative_urls,
    _titles,
    _placeholders,
)
