"""`staticfeed check`'s `tag-uri` warning for a tag URI whose authority names no owner: RFC
4151 takes a domain name or an email address, and an IP address (`192.0.2.1`, or `2001`, what
init pinned for `https://[2001:db8::1]/`, cut at its first colon) or `localhost` is neither.
The ids are read from the built feeds with lxml and feedparser."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.conftest import ATOM_NS, invoke_build
from tests.test_check import (
    ATOM,
    AUTHOR_RSS,
    CONFIG,
    NEWER,
    NEWER_ID,
    SITE,
    Site,
    edit,
    findings,
    ordered,
    published,
    rows,
    stale,
    warning,
)

__all__ = ["published"]  # the fixture, used by name

PINNED = 'Before the first publication, write id_authority = "{0}"; once feeds are published,'
PINNED += " leave it: a new id would reach every reader again."
IN_ITS_PLACE = (
    "Before the first publication, write a domain name or an email address of yours in its"
    " place (id_authority, or the entry's id: in its front matter); once feeds are published,"
    " leave it: a new id would reach every reader again."
)
NO_OWNER = "names no owner (RFC 4151 asks for a domain name or an email address of theirs)"
POST = "---\ntitle: {0}\ndate: 2025-01-0{1}\n---\nText.\n"


def entry_ids(file: str) -> list[str]:
    return [str(entry.id) for entry in feedparser.parse(file).entries]


def tag_uri_findings() -> list[tuple[tuple[str | None, int | None, str, str, str], str]]:
    """check's tag-uri warnings, each with its fix."""
    found = findings(exit_code=0)
    return [
        ((f["file"], f["line"], f["severity"], f["rule"], f["message"]), f["fix"])  # type: ignore[misc]
        for f in found
        if f["rule"] == "tag-uri"
    ]


@pytest.mark.parametrize(
    ("site_url", "authors", "authority", "why", "suggested"),
    [
        # What init wrote for an IPv6 site: the fix offers what it pins now, with the date.
        (
            "https://[2001:db8::1]/blog/", '[{ name = "Ann", email = "ann@notes.test" }]',
            "2001,2026", "'2001' ends in a number, as only an IP address does",
            "ann@notes.test,2026",
        ),
        (
            "http://192.0.2.1/blog/", '[{ name = "Ann" }]', "192.0.2.1,2025",
            "'192.0.2.1' is an IP address", "<a domain name or an email address of yours>,2025",
        ),
        # A site on a domain now: its host, as init would pin it.
        (
            SITE, '[{ name = "Ann" }]', "localhost,2025",
            "'localhost' is a name without a dot, which no one owns", "notes.staticfeed.test,2025",
        ),
    ],
)  # fmt: skip
def test_an_id_authority_that_names_no_owner_is_one_warning_at_id_authority(
    site: Site, site_url: str, authors: str, authority: str, why: str, suggested: str
) -> None:
    config = f'title = "T"\nsite_url = "{site_url}"\nid_authority = "{authority}"\n'
    config += f"authors = {authors}\n"
    site(config, **{"a.md": POST.format("A", 1), "b.md": POST.format("B", 2)})
    assert invoke_build().exit_code == 0
    assert entry_ids(ATOM) == [f"tag:{authority}:b", f"tag:{authority}:a"]
    assert f"tag:{authority}:b" in entry_ids("feeds/rss.xml")  # and in the author's feeds
    message = f"id_authority {authority!r}, and so every id made from it, {NO_OWNER}: {why}"
    assert tag_uri_findings() == [
        (warning("staticfeed.toml", 3, "tag-uri", message), PINNED.format(suggested))
    ]


@pytest.mark.parametrize(
    ("uri", "why"),
    [
        ("tag:localhost,2025:a", "'localhost' is a name without a dot, which no one owns"),
        # The DNS root's dot makes no name owned.
        ("tag:localhost.,2025:a", "'localhost.' is a name without a dot, which no one owns"),
        # WHATWG reads "0x" as the number 0 (hexadecimal, no digits), so foo.0x as an IPv4
        # address, as it does foo.0x1.
        ("tag:foo.0x,2025:a", "'foo.0x' ends in a number, as only an IP address does"),
        # An email address at an IP address names no owner either.
        ("tag:ann@192.0.2.1,2025:a", "'192.0.2.1' is an IP address"),
    ],
)
def test_an_entry_id_whose_authority_names_no_owner_is_a_warning_at_its_id(
    site: Site, uri: str, why: str
) -> None:
    post = f"---\ntitle: A\ndate: 2025-01-01\nid: {uri}\n---\nText.\n"
    site(CONFIG, **{"a.md": post, "b.md": NEWER})
    assert invoke_build().exit_code == 0
    assert uri in entry_ids(ATOM) and uri in entry_ids(AUTHOR_RSS)
    message = f"the tag URI {uri!r} {NO_OWNER}: {why}"
    assert tag_uri_findings() == [(warning("entries/a.md", 4, "tag-uri", message), IN_ITS_PLACE)]


def test_an_authority_that_names_no_owner_only_a_feed_file_has_is_reported_there(
    published: Path,
) -> None:
    # A hand edit: once a file and authority, at the first, with how many more.
    line = edit(ATOM, "tag:notes.staticfeed.test,", "tag:127.0.0.1,")
    edit(ATOM, "tag:notes.staticfeed.test,", "tag:127.0.0.1,")
    root = etree.parse(ATOM).getroot()
    first = root.findtext(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}id")
    assert first == NEWER_ID.replace("notes.staticfeed.test", "127.0.0.1")
    message = f"the tag URI {first!r} (and 1 more) {NO_OWNER}: '127.0.0.1' is an IP address"
    assert rows(exit_code=1) == ordered(
        [stale(ATOM, line), warning(ATOM, line, "tag-uri", message)]
    )
    fix = next(f["fix"] for f in findings() if f["rule"] == "tag-uri")
    assert fix == IN_ITS_PLACE


def test_an_authority_on_a_domain_or_at_an_email_is_no_warning(site: Site) -> None:
    post = "---\ntitle: A\ndate: 2025-01-01\nid: tag:ann@notes.test,2025:a\n---\nText.\n"
    site(CONFIG, **{"a.md": post, "b.md": NEWER})
    assert invoke_build().exit_code == 0
    assert tag_uri_findings() == []


def test_an_id_authority_no_id_is_made_from_is_no_warning(site: Site) -> None:
    config = CONFIG.replace('"notes.staticfeed.test,2025"', '"192.0.2.1,2025"')
    own = "---\ntitle: {0}\ndate: 2025-01-0{1}\nid: tag:notes.test,2025:{0}\n---\nText.\n"
    site(config, **{"a.md": own.format("a", 1), "b.md": own.format("b", 2)})
    assert invoke_build().exit_code == 0
    assert Path("staticfeed.toml").read_text(encoding="utf-8").count("192.0.2.1") == 1
    assert tag_uri_findings() == []
