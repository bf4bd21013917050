"""`staticfeed check`'s rules for the feed files on disk, which a hand edit may have changed:
each finding names what the file holds, as the file writes it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree

from tests.conftest import invoke_build
from tests.test_check import (
    ATOM,
    CONFIG,
    FEEDS,
    NEWER,
    OLDER,
    RSS,
    Site,
    edit,
    error,
    findings,
    line_of,
    ordered,
    rows,
    stale,
    warning,
)

EPISODE = """\
---
title: Episode one
date: 2025-03-01
enclosures:
  - url: {url}
    type: audio/mpeg
    length: 1234
---
Listen.
"""
MEDIA = "https://media.staticfeed.test/a.mp3"


@pytest.fixture
def episode(site: Site) -> Path:
    """A publication of one entry with an enclosure, built: one Atom and one RSS file."""
    root = site(CONFIG + "author_feeds = false\n", **{"ep.md": EPISODE.format(url=MEDIA)})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    return root


def build_error(url: str) -> str:
    """What build says, in front matter, of an enclosure with `url`."""
    Path("entries/ep.md").write_text(EPISODE.format(url=url), encoding="utf-8")
    result = invoke_build()
    assert result.exit_code == 1
    Path("entries/ep.md").write_text(EPISODE.format(url=MEDIA), encoding="utf-8")
    return result.stderr


@pytest.mark.parametrize(
    ("port", "why"),
    [
        ("abc", "Port could not be cast to integer value as 'abc'"),
        ("99999", "Port out of range 0-65535"),  # the service takes any digits; curl does not
    ],
)
def test_an_enclosure_url_whose_port_is_no_port_is_named_so(
    episode: Path, port: str, why: str
) -> None:
    # check said "its host 'media.staticfeed.test' is not names of ASCII letters…" of
    # `:abc`, and nothing of `:99999`: no reader can fetch either, and build refuses both.
    url = f"https://media.staticfeed.test:{port}/a.mp3"
    assert f"enclosures url {url!r} is not a URL ({why})" in build_error(url)
    rss_line = edit(RSS, f'url="{MEDIA}"', f'url="{url}"')
    atom_line = edit(ATOM, f'href="{MEDIA}"', f'href="{url}"')
    assert rows() == ordered(
        [
            stale(RSS, rss_line),
            error(RSS, rss_line, "enclosure", f"the enclosure url {url!r} is not a URL ({why})"),
            stale(ATOM, atom_line),
            error(ATOM, atom_line, "enclosure", f"the enclosure href {url!r} is not a URL ({why})"),
        ]
    )


NO_PORT = [
    ("abc", "Port could not be cast to integer value as 'abc'"),
    ("99999", "Port out of range 0-65535"),
]
PAGE = "https://notes.staticfeed.test/blog/feeds/ep/"  # the entry's page, as build links it
PORT_FIX = "Write the port as a number from 0 to 65535, or leave it out, or run staticfeed build."


@pytest.mark.parametrize(("port", "why"), NO_PORT)
def test_a_permalink_guid_whose_port_is_no_port_is_named_so(
    episode: Path, port: str, why: str
) -> None:
    # check reported the hand edit as stale alone: readers open a permalink guid as the page.
    url = f"https://blog.staticfeed.test:{port}/a"
    line = edit(RSS, '<guid isPermaLink="false">', "<guid>")
    edit(RSS, "tag:notes.staticfeed.test,2025:ep</guid>", f"{url}</guid>")
    assert rows() == ordered(
        [stale(RSS, line), error(RSS, line, "guid", f"the guid {url!r} is not a URL ({why})")]
    )


def test_a_guid_that_is_no_permalink_may_have_any_port(episode: Path) -> None:
    # isPermaLink="false": readers only compare it, never open it.
    line = edit(RSS, "tag:notes.staticfeed.test,2025:ep", "https://blog.staticfeed.test:abc/a")
    assert rows() == [stale(RSS, line)]


# Each format's web-page links, of the feed and of the entry, as build writes them, with
# {} for the host and port: RSS <link>, and Atom's rel="alternate" link and the entry's link,
# which has no rel (Atom reads it as rel="alternate"). Readers open each.
PAGE_LINKS = [
    (RSS, "<link>https://{}/blog/</link>", "<link>https://{}/blog/feeds/ep/</link>", "the link"),
    (
        ATOM,
        '<link href="https://{}/blog/" rel="alternate"/>',
        '<link href="https://{}/blog/feeds/ep/"/>',
        'the rel="alternate" link',
    ),
]


@pytest.mark.parametrize(("file", "head", "entry", "named"), PAGE_LINKS)
@pytest.mark.parametrize(("port", "why"), NO_PORT)
def test_a_page_link_whose_port_is_no_port_is_named_so(
    episode: Path, file: str, head: str, entry: str, named: str, port: str, why: str
) -> None:
    host = "notes.staticfeed.test"
    site, page = f"https://{host}:{port}/blog/", f"https://{host}:{port}/blog/feeds/ep/"
    head_line = edit(file, head.format(host), head.format(f"{host}:{port}"))
    entry_line = edit(file, entry.format(host), entry.format(f"{host}:{port}"))
    assert rows() == ordered(
        [
            stale(file, head_line),
            error(file, head_line, "link", f"{named} {site!r} is not a URL ({why})"),
            error(file, entry_line, "link", f"{named} {page!r} is not a URL ({why})"),
        ]
    )


JSON = "feeds/feed.json"
ITEM_URL = '"url": "https://notes.staticfeed.test/blog/feeds/ep/"'


@pytest.mark.parametrize(("port", "why"), NO_PORT)
@pytest.mark.parametrize(
    ("key", "written", "rule"),
    [
        ("home_page_url", '"home_page_url": "https://{}/blog/"', "link"),
        ("url", '"url": "https://{}/blog/feeds/ep/"', "link"),
        # build writes none; a hand edit may, and readers open it as the item's link.
        ("external_url", '"external_url": "https://{}/blog/feeds/ep/", ' + ITEM_URL, "link"),
        # Readers that follow a feed's move fetch it there.
        ("feed_url", '"feed_url": "https://{}/blog/feeds/feed.json"', "self-link"),
    ],
)
def test_a_json_feed_url_whose_port_is_no_port_is_named_so(
    episode: Path, key: str, written: str, rule: str, port: str, why: str
) -> None:
    # check read a JSON Feed's ids and dates alone: readers could open none of these URLs,
    # and check said nothing (build refuses such a port where it takes them from).
    host = "notes.staticfeed.test"
    before = ITEM_URL if key == "external_url" else written.format(host)
    line = edit(JSON, before, written.format(f"{host}:{port}"))
    url = json.loads(Path(JSON).read_text(encoding="utf-8"))
    url = url[key] if key in url else url["items"][0][key]
    with pytest.raises(ValueError, match=why):
        _ = urlsplit(url).port
    # An item's finding is at its "id", as the json rule's are; the feed's, at the key.
    at = line_of(JSON, '"id"' if key in ("url", "external_url") else f'"{key}"')
    found = [f for f in findings() if f["file"] == JSON]
    message = f"{key} {url!r} is not a URL ({why})"
    assert [(f["file"], f["line"], f["severity"], f["rule"], f["message"]) for f in found] == (
        ordered([stale(JSON, line), error(JSON, at, rule, message)])
    )
    assert [f["fix"] for f in found if f["rule"] == rule] == [PORT_FIX]


def test_a_link_whose_port_is_no_port_is_told_how_to_mend_it(episode: Path) -> None:
    edit(RSS, f"<link>{PAGE}</link>", "<link>https://notes.staticfeed.test:abc/blog/</link>")
    fixes = [f["fix"] for f in findings(exit_code=1) if f["rule"] == "link"]
    assert fixes == [PORT_FIX]


@pytest.mark.parametrize("space", ["\t", "\n", "  "])
def test_an_rss_author_is_the_address_before_any_whitespace(episode: Path, space: str) -> None:
    # `_emails` split on a space alone: the address was 'a!b@x.staticfeed.test\t(Ann)'.
    author = f"<author>a!b@x.staticfeed.test{space}(Ann)</author>"
    line = edit(RSS, "<pubDate>", author + "<pubDate>")
    message = (
        "the email 'a!b@x.staticfeed.test' is not an address the W3C Feed Validation Service"
        " takes (ASCII letters, digits and _-+.' before the @, and after it a domain of ASCII"
        " letters, digits, hyphens and dots)"
    )
    assert rows() == ordered([stale(RSS, line), warning(RSS, line, "email", message)])


# A host of 71 letters, one beyond ASCII: its one label is over 63 characters, in IDNA too, so
# the IRI maps to no URI, and has no canonical form to name.
IRI = "https://é" + "a" * 70 + ".staticfeed.test/p"
NO_URI = (
    f"the id {IRI!r} has letters beyond ASCII (an IRI where a URI belongs), which the W3C"
    " Feed Validation Service rejects, and no form in ASCII: its host is no domain name IDNA"
    " can write"
)


def test_an_iri_id_whose_host_idna_cannot_write_is_reported_in_the_feed(episode: Path) -> None:
    assert len(IRI.split("/")[2].split(".")[0]) > 63
    line = edit(ATOM, "tag:notes.staticfeed.test,2025:ep", IRI)
    assert rows() == ordered([stale(ATOM, line), warning(ATOM, line, "canonical-id", NO_URI)])


def test_an_iri_id_whose_host_idna_cannot_write_is_reported_at_its_id(site: Site) -> None:
    # build takes it (readers take any id); check said nothing of it, anywhere.
    entry = EPISODE.format(url=MEDIA).replace("title:", f"id: {IRI}\ntitle:")
    site(CONFIG + "author_feeds = false\n", **{"ep.md": entry})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [warning("entries/ep.md", 2, "canonical-id", NO_URI)]


def test_an_iri_id_with_an_unclosed_bracket_is_told_it_is_no_url(site: Site) -> None:
    # "[" opens an IPv6 address that never closes: urllib reads no host at all, so IDNA never
    # saw it, and check gave IDNA's reason. It now gives urllib's, as build does for the same
    # URL as a link:, and as the guid rule words a URL it cannot read.
    iri = "https://[é/p"
    with pytest.raises(ValueError, match="Invalid IPv6 URL"):
        urlsplit(iri)
    linked = EPISODE.format(url=MEDIA).replace("title:", f"link: {iri}\ntitle:")
    site(CONFIG + "author_feeds = false\n", **{"ep.md": linked})
    result = invoke_build()
    assert (result.exit_code, result.stderr.partition(". ")[0]) == (
        1,
        f"Error: entries/ep.md:2: link {iri!r} is not a URL (Invalid IPv6 URL)",
    )
    Path("entries/ep.md").write_text(linked.replace("link:", "id:"), encoding="utf-8")
    assert invoke_build().exit_code == 0  # readers take any id
    message = (
        f"the id {iri!r} has letters beyond ASCII (an IRI where a URI belongs), which the W3C"
        " Feed Validation Service rejects, and no form in ASCII: it is not a URL (Invalid IPv6"
        " URL)"
    )
    assert rows(exit_code=0) == [warning("entries/ep.md", 2, "canonical-id", message)]


# (what the RSS file has, what a hand edit writes there, the placeholder, the element as the
# file writes it): RSS carries an entry's body in <content:encoded>, its author in <dc:creator>
# and its own URL in <atom:link>, each in its namespace.
HAND_EDITS = [
    ("&lt;p&gt;Listen.", "&lt;p&gt;Lorem ipsum.", "Lorem ipsum", "<content:encoded>"),
    ("<dc:creator>Ann Lee", "<dc:creator>John Doe", "John Doe", "<dc:creator>"),
    (
        "<atom:link ",
        '<atom:link rel="hub" href="https://example.net/"/><atom:link ',
        "example.net",
        "<atom:link href>",
    ),
]


@pytest.mark.parametrize(("before", "after", "shown", "written"), HAND_EDITS)
def test_a_placeholder_names_the_element_as_the_file_writes_it(
    episode: Path, before: str, after: str, shown: str, written: str
) -> None:
    # check said "in <encoded>", "in <creator>", "in <link href>": no element the file has.
    line = edit(RSS, before, after)
    message = f"{shown!r} looks like a placeholder, in {written}"
    assert rows() == ordered([stale(RSS, line), warning(RSS, line, "placeholder", message)])


def test_an_xml_base_attribute_is_named_with_its_prefix(episode: Path) -> None:
    line = edit(ATOM, "<title>Episode one", '<title xml:base="https://example.com/">Episode one')
    message = "'example.com' looks like a placeholder, in <title xml:base>"
    assert rows() == ordered([stale(ATOM, line), warning(ATOM, line, "placeholder", message)])


def test_a_date_written_with_a_prefix_is_named_so(episode: Path) -> None:
    edit(ATOM, "<feed ", '<feed xmlns:a="http://www.w3.org/2005/Atom" ')
    line = edit(ATOM, "<published>2025", "<a:published>x</a:published><!--")
    edit(ATOM, "</published>", "-->")
    message = "<a:published> 'x' is not an RFC 3339 date-time"
    assert error(ATOM, line, "date", message) in rows()


@pytest.mark.parametrize(
    ("img", "message"),
    [
        ('<xhtml:img src="a.png"/>', "the xhtml:img src 'a.png' is a relative URL"),
        # Browsers drop the spaces around a src: the URL they fetch, relative, is 'a.png'.
        ('<xhtml:img src="  a.png "/>', "the xhtml:img src 'a.png' is a relative URL"),
    ],
)
def test_a_relative_url_in_xhtml_names_the_element_with_its_prefix(
    episode: Path, img: str, message: str
) -> None:
    xhtml = (
        f'type="xhtml"><xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml">{img}'
        "</xhtml:div></content>"
    )
    line = edit(ATOM, 'type="html">&lt;p&gt;Listen.&lt;/p&gt;</content>', xhtml)
    assert error(ATOM, line, "relative-url", message) in rows()


def test_a_folder_named_like_a_feed_beside_the_feeds_is_left_alone(episode: Path) -> None:
    # A folder the build never makes, such as a site's `feeds/data.json/`, is no feed file:
    # check has nothing of it to read, and says nothing.
    Path("feeds/data.json").mkdir()
    Path("feeds/old.xml").mkdir()
    assert rows(exit_code=0) == []


def test_a_self_link_with_spaces_around_its_url_is_that_url(episode: Path) -> None:
    # Readers drop the spaces around a URL (the WHATWG URL parser does), so the link still
    # names this file: no "served at" error for a space.
    line = edit(RSS, f'href="{FEEDS}rss.xml"', f'href=" {FEEDS}rss.xml\t"')
    assert rows() == [stale(RSS, line)]


def test_a_guid_whose_ispermalink_has_spaces_around_false_is_no_permalink(episode: Path) -> None:
    # feedparser takes a guid for a permalink only for "true": " false " is no permalink, and
    # its text need not be a URL.
    line = edit(RSS, ' isPermaLink="false"', ' isPermaLink=" false "')
    assert feedparser.parse(RSS).entries[0].guidislink is False
    assert rows() == [stale(RSS, line)]


def test_entries_out_of_order_around_an_undated_one_are_still_reported(site: Site) -> None:
    # An item without a date between two does not make the later, newer one right: readers
    # that keep the first items still keep the wrong ones.
    site(CONFIG, **{"older.md": OLDER, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    edit(RSS, "Wed, 01 Jan 2025 00:00:00 +0000", "Sat, 01 Mar 2025 00:00:00 +0000")
    edit(
        RSS,
        "<item>",
        "<item><title>Undated</title><description>Hi.</description></item><item>",
        nth=1,
    )
    line = line_of(RSS, "Sat, 01 Mar 2025")
    message = (
        "the entry dated 2025-03-01T00:00:00+00:00 comes after an older one "
        f"(line {line_of(RSS, '<pubDate>')}, 2025-02-01T00:00:00+00:00)"
    )
    assert error(RSS, line, "order", message) in rows()


def test_an_rss_feed_without_a_self_link_is_told_to_add_an_atom_link(episode: Path) -> None:
    # RSS has no <link rel="self">: the element to add is Atom's, with its prefix.
    edit(RSS, f'<atom:link href="{FEEDS}rss.xml" rel="self" type="application/rss+xml"/>', "")
    fixes = [(f["rule"], f["fix"]) for f in findings() if f["file"] == RSS]
    fix = f'Add <atom:link rel="self" href="…"/>, {FEEDS}rss.xml, or run staticfeed build.'
    assert ("self-link", fix) in fixes


ATOM_NS = "http://www.w3.org/2005/Atom"


def self_link_fix(file: str) -> str:
    """The fix check gives for a feed without a self link (there must be one)."""
    fixes = [
        f["fix"] for f in findings(exit_code=1) if (f["file"], f["rule"]) == (file, "self-link")
    ]
    assert len(fixes) == 1
    return str(fixes[0])


def copy_in(file: str, fix: str, after: str) -> etree._Element:
    """The element the fix says to add, written into the feed after `after` with the file's
    own URL as its href, as a user copies it; lxml must read the file."""
    added = fix.split("Add ", 1)[1].split("/>", 1)[0] + "/>"
    added = added.replace('href="…"', f'href="{FEEDS}{Path(file).name}"')
    edit(file, after, after + added)
    links = etree.parse(file).getroot().iter(f"{{{ATOM_NS}}}link")
    return next(link for link in links if link.get("rel") == "self")


@pytest.mark.parametrize(
    ("binding", "element"),
    [
        # .NET's SyndicationFeed writes Atom's namespace as "a10".
        (f'xmlns:a10="{ATOM_NS}"', "<a10:link"),
        # No prefix for Atom: the fix must declare one, or the file is no longer XML.
        ("", f'<atom:link xmlns:atom="{ATOM_NS}"'),
    ],
)
def test_the_self_link_to_add_to_rss_is_written_with_the_files_atom_prefix(
    episode: Path, binding: str, element: str
) -> None:
    # The fix said <atom:link …/> whatever prefix the file gave Atom's namespace: copied
    # into a file that binds another, or none, it made the file not well-formed XML.
    edit(RSS, f'<atom:link href="{FEEDS}rss.xml" rel="self" type="application/rss+xml"/>', "")
    edit(RSS, f'xmlns:atom="{ATOM_NS}"', binding)
    fix = self_link_fix(RSS)
    assert fix == f'Add {element} rel="self" href="…"/>, {FEEDS}rss.xml, or run staticfeed build.'
    assert copy_in(RSS, fix, "<channel>").get("href") == f"{FEEDS}rss.xml"


def test_the_self_link_to_add_to_a_prefixed_atom_feed_has_its_prefix(episode: Path) -> None:
    # An Atom feed may write Atom's elements with a prefix: a bare <link> is then no Atom.
    edit(ATOM, f'  <link href="{FEEDS}atom.xml" rel="self" type="application/atom+xml"/>\n', "")
    text = Path(ATOM).read_text(encoding="utf-8")
    text = re.sub(r"<(/?)(?![\w-]+:)([\w-]+)", r"<\1a:\2", text.split("?>", 1)[1])
    Path(ATOM).write_text(text.replace(f'xmlns="{ATOM_NS}"', f'xmlns:a="{ATOM_NS}"'), "utf-8")
    assert feedparser.parse(ATOM).feed.title == "Field notes"  # still an Atom feed
    fix = self_link_fix(ATOM)
    assert fix == f'Add <a:link rel="self" href="…"/>, {FEEDS}atom.xml, or run staticfeed build.'
    assert copy_in(ATOM, fix, "</a:title>").get("href") == f"{FEEDS}atom.xml"


def test_a_guid_with_a_scheme_but_no_host_is_no_url_to_open(episode: Path) -> None:
    # "https:ep" names no host: a reader opening the guid as the item's page goes nowhere.
    line = edit(RSS, ' isPermaLink="false">', ">https:")
    text = feedparser.parse(RSS).entries[0].id  # the guid as a reader reads it
    message = f'the guid {text!r} is not a URL, but has no isPermaLink="false"'
    assert error(RSS, line, "guid", message) in rows()


def test_atom_content_without_a_type_is_text_and_has_no_urls(episode: Path) -> None:
    # Without type="html" Atom content is text (RFC 4287, 3.1.1): readers show the markup
    # as written, so no relative URL in it is fetched.
    edit(
        ATOM, '<content type="html">&lt;p&gt;Listen.&lt;/p&gt;', '<content>&lt;img src="a.png"&gt;'
    )
    assert "relative-url" not in {row[3] for row in rows()}


@pytest.mark.parametrize("guid", ["HTTP://notes.staticfeed.test/ep", "urn:a:ep"])
def test_an_rss_guid_is_not_held_to_the_atom_id_rules(episode: Path, guid: str) -> None:
    # The W3C service checks an RSS guid as a URI alone: no canonical-id or w3c-id warning.
    line = edit(
        RSS,
        ' isPermaLink="false">tag:notes.staticfeed.test,2025:ep<',
        f' isPermaLink="false">{guid}<',
    )
    assert rows() == [stale(RSS, line)]


def test_an_enclosure_url_with_spaces_around_it_is_that_url(episode: Path) -> None:
    # Readers drop the spaces around a URL: the enclosure is fetched as written without them.
    line = edit(RSS, f'url="{MEDIA}"', f'url=" {MEDIA} "')
    assert rows() == [stale(RSS, line)]


def test_an_enclosure_type_of_spaces_is_no_type(episode: Path) -> None:
    line = edit(RSS, 'type="audio/mpeg"', 'type=" "')
    assert error(RSS, line, "enclosure", "the enclosure has no type") in rows()


def test_a_channel_under_another_root_is_no_rss_feed(episode: Path) -> None:
    Path("feeds/old.xml").write_text("<feed><channel><title>Old</title></channel></feed>")
    message = "the root element <feed> is not an Atom <feed> or an RSS <rss> with <channel>"
    assert error("feeds/old.xml", 1, "xml", message) in rows()


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("HTTPS://media.staticfeed.test:/a.mp3", "it has a ':' after the host but no port"),
        ("https://media.staticfeed.test#a", "it has no '/' between the host and the '?' or '#'"),
    ],
)
def test_a_rejected_enclosure_url_in_the_feed_file_says_why(
    episode: Path, url: str, why: str
) -> None:
    # A ':' with no port after it, and a '#' right after the host, which lacks its '/' too.
    edit(RSS, f'url="{MEDIA}"', f'url="{url}"')
    messages = [row[4] for row in rows() if row[:1] == (RSS,) and row[3] == "enclosure"]
    assert len(messages) == 1 and why in messages[0], messages


def test_an_id_urn_uuid_in_capitals_is_still_held_to_the_uuid_form(episode: Path) -> None:
    # URN schemes and namespace ids are read in any case (RFC 8141): this is a bad UUID.
    line = edit(ATOM, "<id>tag:notes.staticfeed.test,2025:ep<", "<id>URN:UUID:1234<")
    messages = [row[4] for row in rows() if row[:2] == (ATOM, line) and row[3] == "w3c-id"]
    assert len(messages) == 1 and "is not a UUID" in messages[0], messages


def test_a_rejected_language_a_feed_file_has_twice_is_counted(episode: Path) -> None:
    # A hand edit gave two elements a language the W3C service rejects: one warning, at the
    # first, which says that there is another to change.
    first = edit(ATOM, "<entry>", '<entry xml:lang="yue">')
    edit(ATOM, "<title>Episode one</title>", '<title xml:lang="yue">Episode one</title>')
    message = (
        "the W3C Feed Validation Service rejects the language 'yue' (and 1 more), which BCP 47"
        " takes: it knows the languages of ISO 639-1 and ISO 639-2 alone"
    )
    assert rows() == ordered([stale(ATOM, first), warning(ATOM, first, "language", message)])


def test_a_date_that_cannot_be_read_is_no_order_to_compare(site: Site) -> None:
    # An Atom entry is ordered by its <published>: one that cannot be read is a date error,
    # and its <updated>, a later time, says nothing of where the entry belongs.
    site(CONFIG, **{"older.md": OLDER, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    line = edit(ATOM, "<published>2025-01-01T00:00:00+00:00", "<published>someday")
    edit(ATOM, "<updated>2025-01-01T00:00:00+00:00", "<updated>2025-06-01T00:00:00+00:00")
    message = "<published> 'someday' is not an RFC 3339 date-time"
    found = [row for row in rows() if row[0] == ATOM and row[3] != "stale"]
    assert found == [error(ATOM, line, "date", message)]


def test_deeply_nested_xhtml_is_no_xml_error_beside_a_real_one(episode: Path) -> None:
    # XML has no depth limit; libxml2 has one (256) unless told otherwise. A feed with a real
    # error was read again to list every error, and that read added one for the depth.
    nested = '<div xmlns="http://www.w3.org/1999/xhtml">' + "<div>" * 300 + "deep"
    nested += "</div>" * 301
    edit(
        ATOM,
        '<content type="html">',
        f'<summary type="xhtml">{nested}</summary><content type="html">',
    )
    line = edit(ATOM, "<title>Episode one</title>", "<title>Tom & Jerry</title>")
    unlimited = etree.XMLParser(huge_tree=True)
    assert etree.fromstring(nested.encode(), unlimited).xpath("count(//*)") == 301  # well-formed
    found = [(row[1], row[3]) for row in rows() if row[0] == ATOM and row[3] != "stale"]
    assert found == [(line, "xml")]
