"""Step 3 of a build: Atom and RSS documents, as bytes. The only module that uses feedgen.

feedgen has traps, all handled here:
- `updated` defaults to the build time: it is always set from the entries. feedgen formats
  it itself, so an offset with seconds (a zone before standard time) is turned to UTC first.
- `add_entry()` prepends: entries are appended, in the order given.
- The RSS channel <link> is whichever link was added last: the self link goes first and the
  site link last.
- Authors without an email vanish from RSS: the authors become a dc:creator, and feedgen's
  <author> is dropped, because the W3C validator warns when an item has both. It is one
  dc:creator naming every author ("Ann Lee, Bo Chen", `names_text`): newsboat keeps only the
  last of several and feedparser's `author` is the last one too, so a second dc:creator hid
  the first author.
- RSS <description> is HTML to readers (feedparser, newsboat): the plain-text summary is
  HTML-escaped, or `<b>` and `&amp;` in it would be rendered instead of shown.
- feedgen formats RFC 822 dates by switching the whole process's locale: entry dates never go
  through it (our extensions write <published> and <pubDate>), and the one channel date it
  insists on formatting, lastBuildDate, is overwritten with a locale-free format.
- lxml raises on characters XML cannot carry: entries.py removes them before they get here.
- An entry's Atom <link> loses its rel, type and length (feedgen 1.0 reads them from the new
  element instead of the data), so an enclosure would become an alternate link: enclosure
  links are written by our extension. RSS allows one <enclosure>: the first one.
- `logo()` sets the RSS <image> too, whatever the image's format: one RSS cannot carry (an SVG
  logo) is removed again by our extension.
- RSS has no archive links of its own: RFC 5005's links go in atom:link, written by our
  extension, never through feedgen's link(), which would change the channel <link>.

An entry is in several feeds (the main feed or an archive, a feed per tag and per author), and
serializing it is most of a feed's cost: `entry_xml` serializes its <entry> or <item> once, in
a stand-in document with the same namespaces and depth, and `feed_parts` puts those bytes
after the feed's own elements, where feedgen appends entries, so the document is the same byte
for byte as feedgen's with the entries added.
"""

from __future__ import annotations

import functools
import html
import mmap
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedEntry, FeedGenerator
from lxml import etree

from staticfeed.blocks import block_span
from staticfeed.config import Config
from staticfeed.dates import iso, rfc822, writable
from staticfeed.model import Enclosure, Entry, RenderedEntry
from staticfeed.plan import MAIN, MEDIA_TYPES, FeedPlan, url_of
from staticfeed.text import looks_like_html, names_text, reference_like

GENERATOR = "staticfeed"
_DC = "http://purl.org/dc/elements/1.1/"
_ATOM = "http://www.w3.org/2005/Atom"
_FH = "http://purl.org/syndication/history/1.0"
_MEDIA = "http://search.yahoo.com/mrss/"
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
# How each document ends, pretty-printed: entries go just before.
_CLOSING = {"atom": b"</feed>\n", "rss": b"  </channel>\n</rss>\n"}


def feed_parts(
    config: Config,
    plan: FeedPlan,
    entries: Sequence[RenderedEntry],
    format_name: str,
    items: Iterable[bytes] | None = None,
) -> Iterator[bytes]:
    """The Atom or RSS document of `plan` in parts; `entries` are its entries, rendered, in feed
    order, and `items` their elements as `entry_xml` makes them, when they are already made.
    Each item is taken from `items` only as it is reached: a feed of every entry need never be
    in memory whole."""
    if items is None:
        items = (entry_xml(config, rendered, format_name) for rendered in entries)
    generator = _feed_generator(config, plan, entries, format_name)
    if format_name == "atom":
        head = bytes(generator.atom_str(pretty=True, encoding="UTF-8"))
        head = _char_data_as_references(head, {"name": [a.name for a in config.authors]})
    else:
        head = bytes(generator.rss_str(pretty=True, encoding="UTF-8"))
        plain = {
            "title": [plan.title],  # the channel's, and its image's
            "description": [config.subtitle or plan.title],
            "copyright": [config.rights] if config.rights else [],
        }
        head = _char_data_as_references(head, plain)
    closing = _CLOSING[format_name]
    yield head.removesuffix(closing)
    yield from items
    yield closing


def entry_xml(config: Config, rendered: RenderedEntry, format_name: str) -> bytes:
    """The <entry> (Atom) or <item> (RSS) of `rendered`, as every feed that holds it carries
    it: indented for its depth, and with the prefixes the document declares."""
    (element,) = entry_elements(config, rendered, [format_name])
    return element


def item_span(document: bytes | mmap.mmap, item: bytes, format_name: str) -> tuple[int, int] | None:
    """Where `document`, a feed `feed_parts` made, holds the item of the same id as `item` (an
    `entry_xml`), to put `item` in its place; None when it holds none (or more than one)."""
    start, end, key = _ITEM_LINES[format_name]
    return block_span(document, item, start=start, end=end, key=key)


# Where an item starts and ends in a pretty-printed feed, and the line that gives its id.
_ITEM_LINES = {
    "atom": (b"\n  <entry", b"\n  </entry>\n", b"\n    <id>"),
    "rss": (b"\n    <item", b"\n    </item>\n", b"\n      <guid"),
}


def entry_elements(config: Config, rendered: RenderedEntry, formats: Sequence[str]) -> list[bytes]:
    """`entry_xml` of `rendered` in each of `formats` ("atom", "rss"), made from one FeedEntry
    filled once: both took 128 us an entry of the benchmark corpus, against 143 us made one
    by one."""
    item = FeedEntry()
    item.register_extension("staticfeed", _RssItem, atom=False, rss=True)
    item.register_extension("staticfeed_atom", _AtomEntry, atom=True, rss=False)
    _add_entry(item, rendered, config)
    made = {}
    if "atom" in formats:
        names = {"name": [author.name for author in rendered.entry.authors]}
        made["atom"] = _char_data_as_references(_serialized(item.atom_entry(), "atom"), names)
    if "rss" in formats:
        _add_rss_enclosure(item, rendered.entry)  # after the Atom entry is made: see there
        entry = rendered.entry
        plain = {"title": [entry.title], "category": entry.tags}
        plain["dc:creator"] = [names_text(author.name for author in entry.authors)]
        made["rss"] = _char_data_as_references(_serialized(item.rss_entry(), "rss"), plain)
    return [made[name] for name in formats]


# The W3C service warns about plain text in RSS that reads as markup, "<" before a letter or
# "/", or "&#" before a digit or "x" (CharacterData), and about "&" before what it reads as a
# character reference ("x&1", "&amp": ContainsHTML), in RSS and in an Atom <name>, which has
# no type to mark it as text, unless the line writes a character as a hexadecimal reference
# (&#x..;): as it asks, such a text is written with "<" and "&" so.
_LOOKS_LIKE_MARKUP = re.compile(r"&#[x0-9]|<[/a-zA-Z]")


def _char_data_as_references(document: bytes, plain: Mapping[str, Sequence[str]]) -> bytes:
    """`document` (RSS, or Atom for its names) with each text of `plain` (texts by the name
    of their element) that reads as markup written with hexadecimal references for "<" and
    "&"."""
    for name, texts in plain.items():
        for text in texts:
            if _LOOKS_LIKE_MARKUP.search(text) or ("&" in text and reference_like(text)):
                # As lxml writes text: "&", "<" and ">" escaped, a carriage return as &#13;.
                escaped = html.escape(text, quote=False).replace("\r", "&#13;").encode()
                hexed = escaped.replace(b"&amp;", b"&#x26;").replace(b"&lt;", b"&#x3C;")
                start, end = f"<{name}>".encode(), f"</{name}>".encode()
                document = document.replace(start + escaped + end, start + hexed + end)
    return document


def _serialized(element: etree._Element, format_name: str) -> bytes:
    parent = _stand_in(format_name)
    parent.append(element)
    try:
        document = etree.tostring(parent.getroottree(), pretty_print=True, encoding="UTF-8")
    finally:
        del parent[-1]
    # The entry is the only element in the stand-in's root or channel: it starts on the line
    # after their opening tags.
    start = document.index(b"\n", document.index(b"<channel>") if format_name == "rss" else 0)
    return document[start + 1 : -len(_CLOSING[format_name])]


@functools.cache
def _stand_in(format_name: str) -> etree._Element:
    """Where an entry goes in a document like feedgen's that declares every namespace an entry
    may use: a <feed>, or the <channel> of an <rss>."""
    if format_name == "atom":
        return etree.Element("feed", xmlns=_ATOM, nsmap={"fh": _FH, "media": _MEDIA})
    namespaces = {"dc": _DC, "fh": _FH, "media": _MEDIA, "atom": _ATOM, "content": _CONTENT}
    return etree.SubElement(etree.Element("rss", version="2.0", nsmap=namespaces), "channel")


def newest_update(entries: Sequence[RenderedEntry]) -> datetime:
    return max(rendered.entry.updated for rendered in entries)


def feed_id(config: Config, plan: FeedPlan) -> str:
    """The main feed and its archives are one feed (RFC 5005); a topic feed is its own."""
    if plan.base == MAIN or plan.archive:
        return config.site_url
    return url_of(config, plan.base, "atom")


def history_links(config: Config, plan: FeedPlan, format_name: str) -> list[tuple[str, str]]:
    """RFC 5005 links of `plan` and the WebSub hub, as (rel, absolute URL) in a fixed order."""
    targets = [
        ("current", plan.current),
        ("prev-archive", plan.prev_archive),
        ("next-archive", plan.next_archive),
    ]
    links = [(rel, url_of(config, base, format_name)) for rel, base in targets if base is not None]
    return links + ([("hub", config.hub)] if config.hub else [])


def _feed_generator(
    config: Config, plan: FeedPlan, entries: Sequence[RenderedEntry], format_name: str
) -> FeedGenerator:
    generator = FeedGenerator()
    generator.register_extension("staticfeed", _RssChannel, _RssItem, atom=False, rss=True)
    generator.register_extension("staticfeed_atom", _AtomFeed, _AtomEntry, atom=True, rss=False)
    _set_channel(generator, config, plan, format_name, newest_update(entries))
    has_images = any(rendered.entry.image for rendered in entries)
    generator.staticfeed.has_images = generator.staticfeed_atom.has_images = has_images
    return generator


def _set_channel(
    generator: FeedGenerator, config: Config, plan: FeedPlan, format_name: str, updated: datetime
) -> None:
    generator.id(feed_id(config, plan))
    generator.title(plan.title)
    # feedgen's description() is Atom's <subtitle> too (removed in `_AtomFeed` when the
    # config gives none).
    generator.description(config.subtitle or plan.title)
    self_url = url_of(config, plan.base, format_name)
    generator.link(href=self_url, rel="self", type=MEDIA_TYPES[format_name])
    _set_history(generator, config, plan, format_name)
    generator.link(href=config.site_url, rel="alternate")  # last, so RSS <link> is the site
    generator.updated(writable(updated))
    generator.staticfeed.last_build_date = updated
    generator.staticfeed_atom.has_subtitle = config.subtitle is not None
    generator.generator(GENERATOR)
    _set_optional_channel_fields(generator, config, plan.title)


def _set_history(
    generator: FeedGenerator, config: Config, plan: FeedPlan, format_name: str
) -> None:
    links = history_links(config, plan, format_name)
    marker = "archive" if plan.archive else "complete" if plan.complete else None
    for extension in (generator.staticfeed, generator.staticfeed_atom):
        extension.history_marker = marker
    if format_name == "rss":
        generator.staticfeed.links = links
        return
    for rel, href in links:
        generator.link(href=href, rel=rel)


def _set_optional_channel_fields(generator: FeedGenerator, config: Config, title: str) -> None:
    """The config's optional fields. The RSS <image> repeats the channel's own title (a tag
    feed's too), as the RSS Best Practices Profile asks and the W3C service checks, and is
    left out for a logo RSS cannot carry (`rss_carries_image`)."""
    if config.language:
        generator.language(config.language)
    for author in config.authors:
        generator.author(_author_dict(author.name, author.email, author.uri))
    if config.icon:
        generator.icon(config.icon)
    if config.logo:
        generator.logo(config.logo)  # which sets the RSS <image> too
        if rss_carries_image(config.logo):
            generator.image(url=config.logo, title=title, link=config.site_url)
        else:
            generator.staticfeed.without_image = True
    if config.rights:
        generator.rights(config.rights)


_RSS_IMAGE_SUFFIXES = frozenset({".gif", ".jpg", ".jpeg", ".png"})


def rss_carries_image(url: str) -> bool:
    """Whether RSS can carry the image at `url`: RSS 2.0 names GIF, JPEG and PNG, and the W3C
    service warns about an image whose name ends otherwise (an SVG or WebP logo). A name
    without an extension says nothing, and is kept."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return not suffix or suffix in _RSS_IMAGE_SUFFIXES


_WORD = re.compile(r"\w+")


def rss_image_format_read(url: str) -> str | None:
    """What the W3C service reads as the format of an RSS image at `url`, when it warns about
    it (ImageUrlFormat): the text after the URL's last ".", in its path or not ("2" of
    `logo.png?v=1.2`), when it is a word and not gif, jpg, jpeg or png. None when it takes
    the image."""
    read = url.rpartition(".")[2].lower()
    if _WORD.fullmatch(read) and f".{read}" not in _RSS_IMAGE_SUFFIXES:
        return read
    return None


def _add_entry(item: FeedEntry, rendered: RenderedEntry, config: Config) -> None:
    """Fill `item` for both formats but RSS's enclosure: see `_add_rss_enclosure`."""
    entry = rendered.entry
    item.id(entry.id)
    item.guid(entry.id, permalink=entry.id == rendered.url)
    item.title(entry.title)
    item.updated(writable(entry.updated))
    item.staticfeed.published = entry.published
    item.staticfeed_atom.published = entry.published
    item.staticfeed.creator = names_text(author.name for author in entry.authors)
    # Without a summary (no text: an image, an embed), feedgen's <description> is the content,
    # which readers then show; an empty one would leave them the title alone.
    if rendered.summary:
        item.staticfeed.description_html = html.escape(rendered.summary, quote=False)
    # All at once: feedgen goes through every author (and category) it has at each call, and
    # an entry of 5,000 authors took seconds a feed format.
    if entry.authors:
        item.author([_author_dict(a.name, a.email, a.uri) for a in entry.authors])
    if rendered.url:
        item.link(href=rendered.url, rel="alternate")
    if entry.tags:
        item.category([{"term": tag} for tag in entry.tags])
    if rendered.summary:  # a blank <summary/> makes the W3C service warn (NotBlank)
        item.summary(rendered.summary)
    # Atom needs content where there is no link to open; blank content where there is one
    # makes the W3C service warn (NotBlank), and a reader shows nothing more for it. With
    # summaries only, an entry with no text to summarise (an image) keeps its content: an
    # entry with neither makes the service warn (MissingTextualContent), and readers would
    # show its title alone.
    if rendered.content_in_feeds(config.content):  # true, too, with no link to open
        content = rendered.content_html
        if content or not rendered.url:
            # Without a body, its summary: blank content makes the service warn (NotBlank).
            item.content(content or html.escape(rendered.summary, quote=False), type="html")
    item.staticfeed_atom.lang = entry.lang
    item.staticfeed.image = item.staticfeed_atom.image = entry.image
    item.staticfeed_atom.enclosures = entry.enclosures


def _add_rss_enclosure(item: FeedEntry, entry: Entry) -> None:
    """RSS's one enclosure. Not in an entry made for Atom: feedgen would add it to the Atom
    entry as a link too, where _AtomEntry writes every enclosure."""
    if entry.enclosures:
        first = entry.enclosures[0]
        item.enclosure(url=first.url, length=str(first.length), type=first.media_type)


def _author_dict(name: str, email: str | None, uri: str | None) -> dict[str, str]:
    fields = {"name": name, "email": email, "uri": uri}
    return {key: value for key, value in fields.items() if value}


class _Media:
    """Media RSS for an entry's `image`: a thumbnail and the image itself, as readers expect."""

    has_images = False
    image: str | None = None

    def media_namespace(self) -> dict[str, str]:
        return {"media": _MEDIA} if self.has_images else {}

    def add_image(self, parent: etree._Element) -> None:
        if self.image:
            etree.SubElement(parent, f"{{{_MEDIA}}}thumbnail", url=self.image)
            etree.SubElement(parent, f"{{{_MEDIA}}}content", url=self.image, medium="image")


class _History:
    """RFC 5005 marker (`fh:complete` or `fh:archive`) and its namespace, when the feed has one."""

    history_marker: str | None = None

    def history_namespace(self) -> dict[str, str]:
        return {"fh": _FH} if self.history_marker else {}

    def add_history_marker(self, parent: etree._Element) -> None:
        if self.history_marker:
            etree.SubElement(parent, f"{{{_FH}}}{self.history_marker}")


class _RssChannel(BaseExtension, _History, _Media):  # type: ignore[misc]
    def __init__(self) -> None:
        self.last_build_date: datetime | None = None
        self.links: list[tuple[str, str]] = []
        self.without_image = False

    def extend_ns(self) -> dict[str, str]:
        return {"dc": _DC, **self.history_namespace(), **self.media_namespace()}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        last_build = feed.find("channel/lastBuildDate")
        if last_build is not None and self.last_build_date is not None:
            last_build.text = rfc822(self.last_build_date)
        channel = feed.find("channel")
        assert channel is not None
        image = channel.find("image")
        if image is not None and self.without_image:
            channel.remove(image)
        for rel, href in self.links:
            etree.SubElement(channel, f"{{{_ATOM}}}link", href=href, rel=rel)
        self.add_history_marker(channel)
        return feed


class _RssItem(BaseEntryExtension, _Media):  # type: ignore[misc]
    def __init__(self) -> None:
        self.published: datetime | None = None
        self.creator = ""
        self.description_html: str | None = None

    def extend_rss(self, item: etree._Element) -> etree._Element:
        for author in item.findall("author"):
            item.remove(author)
        etree.SubElement(item, f"{{{_DC}}}creator").text = self.creator
        description = item.find("description")
        if description is not None and self.description_html is not None:
            description.text = self.description_html
        if self.published is not None:
            etree.SubElement(item, "pubDate").text = rfc822(self.published)
        self.add_image(item)
        return item


class _AtomFeed(BaseExtension, _History, _Media):  # type: ignore[misc]
    def __init__(self) -> None:
        self.has_subtitle = False

    def extend_ns(self) -> dict[str, str]:
        return {**self.history_namespace(), **self.media_namespace()}

    def extend_atom(self, feed: etree._Element) -> etree._Element:
        # feedgen copies the RSS description, which falls back to the title, into <subtitle>.
        subtitle = feed.find("subtitle")
        if subtitle is not None and not self.has_subtitle:
            feed.remove(subtitle)
        for name in ("title", "subtitle", "rights"):
            _escaped_if_it_looks_like_html(feed.find(name))
        self.add_history_marker(feed)
        return feed


def _escaped_if_it_looks_like_html(element: etree._Element | None) -> None:
    """Make a text construct whose text looks like HTML (`Why </div> matters`, `Use &amp;`)
    escaped HTML: the W3C service warns about such text (ContainsUndeclaredHTML), and readers
    show escaped HTML as the same text. Any other text stays plain text, byte for byte."""
    if element is not None and element.text and looks_like_html(element.text):
        element.set("type", "html")
        element.text = html.escape(element.text, quote=False)


class _AtomEntry(BaseEntryExtension, _Media):  # type: ignore[misc]
    def __init__(self) -> None:
        self.lang: str | None = None
        self.published: datetime | None = None
        self.enclosures: Sequence[Enclosure] = ()

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        for name in ("title", "summary"):
            _escaped_if_it_looks_like_html(entry.find(name))
        if self.published is not None:
            etree.SubElement(entry, "published").text = iso(self.published)
        if self.lang:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", self.lang)
        self.add_image(entry)
        for enclosure in self.enclosures:
            etree.SubElement(
                entry,
                "link",
                rel="enclosure",
                href=enclosure.url,
                type=enclosure.media_type,
                length=str(enclosure.length),
            )
        return entry
