"""`staticfeed check`'s id rules for a site or an id whose host is an IPv6 address: RFC 3986
writes one in brackets (`https://[2001:db8::1]/`), which no other part of a URI may hold.
What the W3C Feed Validation Service takes is its own pattern, copied below from its source
(w3c/feedvalidator, validators.rfc2396); the ids come from the feeds, read with lxml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ATOM_NS, invoke_build
from tests.test_check import ATOM, AUTHOR_ATOM, CONFIG, NEWER, SITE, Site, findings, rows

# validators.rfc2396.rfc2396_re: an address in brackets only straight after "scheme://".
W3C_URI = re.compile(
    r"([a-zA-Z][0-9a-zA-Z+\-.]*:)?/{0,2}(\[[0-9A-Fa-f:]+\])?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]*$"
)
ID_RULES = ("w3c-id", "canonical-id")
HOST = (
    "has a bracket in its host that the W3C Feed Validation Service rejects: it takes brackets"
    " only around an IPv6 address of hexadecimal digits and colons, straight after '//'"
)
FIX = (
    "Write the host as a domain name or as such an address (https://[2001:db8::1]/) in {0},"
    " before the first publication; once feeds are published, leave it: a new id would reach"
    " every reader again."
)
POST = "---\ntitle: A\ndate: 2025-01-01\nid: '{0}'\n---\nText.\n"


def feed_id(file: str) -> str:
    found = etree.parse(file).getroot().find(f"{{{ATOM_NS}}}id")
    assert found is not None and found.text is not None
    return found.text


def id_findings() -> list[tuple[str | None, int | None, str, str]]:
    """check's findings of the id rules: (file, line, rule, message), and their fixes."""
    return [row[:2] + row[3:] for row in rows(exit_code=0) if row[3] in ID_RULES]


def fixes() -> list[str]:
    return [str(item["fix"]) for item in findings(exit_code=0) if item["rule"] in ID_RULES]


def test_an_ipv6_site_url_gives_ids_the_w3c_service_takes(site: Site) -> None:
    # check told to write '[' as %5B in an entry's id:, of the feeds' own ids that build makes
    # from site_url: there is no such id:, and a host in %5B…%5D is another host. RFC 3986
    # writes the address in brackets, in lower case (6.2.2.1), as the feed has it.
    site(CONFIG.replace(SITE, "https://[2001:DB8::1]/Blog/"), **{"newer.md": NEWER})
    assert invoke_build().exit_code == 0
    made = [feed_id(ATOM), feed_id(AUTHOR_ATOM)]
    assert made == [
        "https://[2001:db8::1]/Blog/",
        "https://[2001:db8::1]/Blog/feeds/authors/ann-lee.atom.xml",
    ]
    assert all(W3C_URI.match(each) for each in made)
    assert id_findings() == []


def test_a_host_the_w3c_service_rejects_in_site_url_is_one_warning_at_site_url(
    site: Site,
) -> None:
    # An IPv4-mapped address is RFC 3986's too, but the service's pattern has no dot in
    # brackets: told once, at site_url, how to write it, rather than %5B in every feed file.
    config = CONFIG.replace(SITE, "https://[::ffff:192.0.2.1]/blog/")
    site(config, **{"newer.md": NEWER})
    assert invoke_build().exit_code == 0
    made = [feed_id(ATOM), feed_id(AUTHOR_ATOM)]
    assert not any(W3C_URI.match(each) for each in made)
    message = f"the id 'https://[::ffff:192.0.2.1]/blog/' {HOST}"
    assert id_findings() == [("staticfeed.toml", 2, "w3c-id", message)]
    assert fixes() == [FIX.format("site_url, which the feeds' ids are made from")]
    # The fix works: the same address in hexadecimal (192.0.2.1 is c000:0201).
    Path("staticfeed.toml").write_text(config.replace("192.0.2.1", "c000:201"), "utf-8")
    assert invoke_build("--allow-id-change").exit_code == 0
    assert W3C_URI.match(feed_id(ATOM))
    assert id_findings() == []


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("https://[::ffff:192.0.2.1]/p", "https://[::ffff:c000:201]/p"),
        ("https://ann@[2001:db8::1]/p", "https://[2001:db8::1]/p"),  # not straight after //
    ],
)
def test_an_entry_id_with_a_host_the_w3c_service_rejects_is_told_to_write_the_host(
    site: Site, written: str, fixed: str
) -> None:
    site(CONFIG, **{"a.md": POST.format(written)})
    assert invoke_build().exit_code == 0
    assert not W3C_URI.match(written)
    assert id_findings() == [("entries/a.md", 4, "w3c-id", f"the id {written!r} {HOST}")]
    assert fixes() == [FIX.format("the entry's id:")]
    Path("entries/a.md").write_text(POST.format(fixed), encoding="utf-8")
    assert invoke_build("--allow-id-change").exit_code == 0
    assert W3C_URI.match(fixed)
    assert id_findings() == []


def test_an_entry_id_with_an_ipv6_host_is_canonical_in_lower_case(site: Site) -> None:
    # The service takes the address; its canonical form has the host in lower case (its
    # canonicalForm, as RFC 3986 6.2.2.1), and warns about an id in another.
    taken = POST.format("https://[2001:db8::1]/q").replace("01-01", "01-02")
    site(CONFIG, **{"a.md": POST.format("https://[2001:DB8::1]/p"), "b.md": taken})
    assert invoke_build().exit_code == 0
    message = (
        "the id 'https://[2001:DB8::1]/p' is not in canonical form ('https://[2001:db8::1]/p'),"
        " which the W3C Feed Validation Service warns about"
    )
    assert id_findings() == [("entries/a.md", 4, "canonical-id", message)]
