"""Step 3 of a build: the Atom and RSS documents, as bytes. The only module that uses feedgen.

feedgen has traps, all handled here:
- `updated` defaults to the build time: it is always set from the entries.
- `add_entry()` prepends: entries are appended, in the order given.
- The RSS channel <link> is whichever link was added last: the self link goes first and the
  site link last.
- Authors without an email vanish from RSS: the authors become a dc:creator, and feedgen's
  <author> is dropped, because the W3C validator warns when an item has both. It is one
  dc:creator naming every author ("Ann Lee, Bo Chen"): newsboat keeps only the last of several
  and feedparser's `author` is the last one too, so a second dc:creator hid the first author.
- RSS <description> is HTML to readers (feedparser, newsboat): the plain-text summary is
  HTML-escaped, or `<b>` and `&amp;` in it would be rendered instead of shown.
- feedgen formats RFC 822 dates by switching the whole process's locale: entry dates never go
  through it (our extensions write <published> and <pubDate>), and the one channel date it
  insists on formatting, lastBuildDate, is overwritten with a locale-free format.
- lxml raises on characters XML cannot carry: entries.py removes them before they get here.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedEntry, FeedGenerator
from lxml import etree

from staticfeed.config import Config
from staticfeed.dates import iso, rfc822
from staticfeed.model import RenderedEntry

ATOM_NAME = "atom.xml"
RSS_NAME = "rss.xml"
GENERATOR = "staticfeed"
_DC = "http://purl.org/dc/elements/1.1/"
_ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedFile:
    name: str
    content: bytes
    entry_count: int


def build_feeds(config: Config, entries: Sequence[RenderedEntry]) -> list[FeedFile]:
    """Atom and RSS files for `entries`, which must already be in feed order."""
    if not entries:
        raise ValueError("a feed needs at least one entry")
    generator = _feed_generator(config, entries)
    atom = generator.atom_str(pretty=True, encoding="UTF-8")
    rss = generator.rss_str(pretty=True, encoding="UTF-8")
    return [FeedFile(ATOM_NAME, atom, len(entries)), FeedFile(RSS_NAME, rss, len(entries))]


def newest_update(entries: Sequence[RenderedEntry]) -> datetime:
    return max(rendered.entry.updated for rendered in entries)


def _feed_generator(config: Config, entries: Sequence[RenderedEntry]) -> FeedGenerator:
    generator = FeedGenerator()
    updated = newest_update(entries)
    generator.register_extension("staticfeed", _RssChannel, _RssItem, atom=False, rss=True)
    generator.register_extension("staticfeed_atom", _AtomFeed, _AtomEntry, atom=True, rss=False)
    _set_channel(generator, config, updated)
    for rendered in entries:
        _add_entry(generator.add_entry(order="append"), rendered, config)
    return generator


def _set_channel(generator: FeedGenerator, config: Config, updated: datetime) -> None:
    generator.id(config.site_url)
    generator.title(config.title)
    if config.subtitle:
        generator.subtitle(config.subtitle)
    generator.description(config.subtitle or config.title)
    generator.link(href=config.feed_url + ATOM_NAME, rel="self", type="application/atom+xml")
    generator.link(href=config.site_url, rel="alternate")  # last, so RSS <link> is the site
    generator.updated(updated)
    generator.staticfeed.last_build_date = updated
    generator.staticfeed.self_url = config.feed_url + RSS_NAME
    generator.staticfeed_atom.has_subtitle = config.subtitle is not None
    generator.generator(GENERATOR)
    if config.language:
        generator.language(config.language)
    for author in config.authors:
        generator.author(_author_dict(author.name, author.email, author.uri))
    if config.icon:
        generator.icon(config.icon)
    if config.logo:
        generator.logo(config.logo)
        generator.image(url=config.logo, title=config.title, link=config.site_url)
    if config.rights:
        generator.rights(config.rights)


def _add_entry(item: FeedEntry, rendered: RenderedEntry, config: Config) -> None:
    entry = rendered.entry
    item.id(entry.id)
    item.guid(entry.id, permalink=entry.id == entry.link)
    item.title(entry.title)
    item.updated(entry.updated)
    item.staticfeed.published = entry.published
    item.staticfeed_atom.published = entry.published
    item.staticfeed.creator = ", ".join(author.name for author in entry.authors)
    item.staticfeed.description_html = html.escape(rendered.summary, quote=False)
    for author in entry.authors:
        item.author(_author_dict(author.name, author.email, author.uri))
    if entry.link:
        item.link(href=entry.link, rel="alternate")
    for tag in entry.tags:
        item.category(term=tag)
    item.summary(rendered.summary)
    if config.content == "full" or not entry.link:
        item.content(rendered.content_html, type="html")
    item.staticfeed_atom.lang = entry.lang


def _author_dict(name: str, email: str | None, uri: str | None) -> dict[str, str]:
    fields = {"name": name, "email": email, "uri": uri}
    return {key: value for key, value in fields.items() if value}


class _RssChannel(BaseExtension):  # type: ignore[misc]
    def __init__(self) -> None:
        self.last_build_date: datetime | None = None
        self.self_url: str | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"dc": _DC}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        last_build = feed.find("channel/lastBuildDate")
        if last_build is not None and self.last_build_date is not None:
            last_build.text = rfc822(self.last_build_date)
        # feedgen copies the Atom feed's self link; the RSS file's own URL belongs there.
        self_link = feed.find(f"channel/{{{_ATOM}}}link[@rel='self']")
        if self_link is not None and self.self_url is not None:
            self_link.set("href", self.self_url)
            self_link.set("type", "application/rss+xml")
        return feed


class _RssItem(BaseEntryExtension):  # type: ignore[misc]
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
        return item


class _AtomFeed(BaseExtension):  # type: ignore[misc]
    def __init__(self) -> None:
        self.has_subtitle = False

    def extend_atom(self, feed: etree._Element) -> etree._Element:
        # feedgen copies the RSS description, which falls back to the title, into <subtitle>.
        subtitle = feed.find("subtitle")
        if subtitle is not None and not self.has_subtitle:
            feed.remove(subtitle)
        return feed


class _AtomEntry(BaseEntryExtension):  # type: ignore[misc]
    def __init__(self) -> None:
        self.lang: str | None = None
        self.published: datetime | None = None

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        if self.published is not None:
            etree.SubElement(entry, "published").text = iso(self.published)
        if self.lang:
            entry.set("{http://www.w3.org/XML/1998/namespace}lang", self.lang)
        return entry
