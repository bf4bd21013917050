"""canonical_url, the form of the site URL a build publishes as the feeds' <id> and check's
canonical-id rule compares ids with, against RFC 3986's own examples."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from staticfeed.values import canonical_url
from tests.test_entries import build_ok

Site = Callable[..., Path]
ATOM_ID = "{http://www.w3.org/2005/Atom}id"

# RFC 3986, 5.4.1 and 5.4.2: each relative path against the base http://a/b/c/d;p?q, and the
# URL it resolves to. The merge (5.2.3) puts a relative path after the base's folder,
# /b/c/; the rest is remove_dot_segments (5.2.4), which canonical_url does.
RFC_3986_EXAMPLES = [
    ("g", "http://a/b/c/g"),
    ("./g", "http://a/b/c/g"),
    ("g/", "http://a/b/c/g/"),
    ("/g", "http://a/g"),
    (";x", "http://a/b/c/;x"),
    ("g;x", "http://a/b/c/g;x"),
    (".", "http://a/b/c/"),
    ("./", "http://a/b/c/"),
    ("..", "http://a/b/"),
    ("../", "http://a/b/"),
    ("../g", "http://a/b/g"),
    ("../..", "http://a/"),
    ("../../", "http://a/"),
    ("../../g", "http://a/g"),
    ("../../../g", "http://a/g"),
    ("../../../../g", "http://a/g"),
    ("/./g", "http://a/g"),
    ("/../g", "http://a/g"),
    ("g.", "http://a/b/c/g."),
    (".g", "http://a/b/c/.g"),
    ("g..", "http://a/b/c/g.."),
    ("..g", "http://a/b/c/..g"),
    ("./../g", "http://a/b/g"),
    ("./g/.", "http://a/b/c/g/"),
    ("g/./h", "http://a/b/c/g/h"),
    ("g/../h", "http://a/b/c/h"),
    ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
    ("g;x=1/../y", "http://a/b/c/y"),
    # Not in 5.4; 5.2.4 step by step: "/../" becomes "/", leaving "//a", whose empty first
    # segment is the path's own and stays.
    ("/..//a", "http://a//a"),
]


@pytest.mark.parametrize(("reference", "resolved"), RFC_3986_EXAMPLES)
def test_dot_segments_go_as_rfc_3986_resolves_them(reference: str, resolved: str) -> None:
    merged = reference if reference.startswith("/") else f"/b/c/{reference}"
    assert canonical_url(f"http://a{merged}") == resolved


def test_an_ipv6_host_is_published_in_lower_case(site: Site) -> None:
    # RFC 3986 (6.2.2.1): a host is case-insensitive and its normal form is in lower case,
    # hexadecimal digits of an IPv6 address too; the path stays as written.
    config = (
        'title = "T"\nsite_url = "https://[2001:DB8::1]/Blog/"\n'
        'id_authority = "example.org,2025"\nauthors = [{ name = "Ann Lee" }]\n'
    )
    site(config=config, **{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nB.\n"})
    build_ok()
    assert etree.parse("feeds/atom.xml").getroot().findtext(ATOM_ID) == (
        "https://[2001:db8::1]/Blog/"
    )
    (item,) = feedparser.parse("feeds/atom.xml").entries
    assert item.link.startswith("https://[2001:db8::1]/Blog/")
