"""`staticfeed check` on an Atom id with no scheme: the w3c-id warning says what is wrong (it is
not an absolute IRI, RFC 4287 4.2.6), not that its scheme is unregistered."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ATOM_NS, invoke_build
from tests.test_check import (  # noqa: F401 (published: a fixture)
    ATOM,
    CONFIG,
    W3C_ID_FIX,
    Site,
    findings,
    published,
)

NOT_ABSOLUTE = (
    "is not an absolute IRI (it does not start with a scheme, such as https: or tag:), which"
    " RFC 4287 (4.2.6) requires of an Atom id: the W3C Feed Validation Service rejects it"
)
OLD = "feeds/old.atom.xml"


def old_feed(identifier: str) -> None:
    """An Atom file an earlier tool left in feeds/, with this feed id."""
    feed = (
        f'<feed xmlns="{ATOM_NS}"><title>T</title><id>{identifier}</id>'
        "<updated>2025-01-01T00:00:00Z</updated></feed>"
    )
    Path(OLD).write_text(feed, encoding="utf-8")


@pytest.mark.parametrize("identifier", ["x", "2025:x", "my_id:1", "tag", "urn"])
def test_an_id_with_no_scheme_is_said_to_be_no_absolute_iri(
    published: Path,  # noqa: F811
    identifier: str,
) -> None:
    # check said "the id 'x' has a scheme, x:, ..." of an id with no colon at all, took
    # `2025:x` (a scheme starts with a letter), and called `tag` a tag URI with a bad form.
    old_feed(identifier)
    read = etree.parse(OLD).getroot().findtext(f"{{{ATOM_NS}}}id")
    assert read == identifier  # the id a reader takes, as written
    found = [item for item in findings(exit_code=0) if item["file"] == OLD]
    ids = [(item["line"], item["severity"], item["message"], item["fix"]) for item in found]
    assert [item for item in ids if "the id" in str(item[2])] == [
        (
            1,
            "warning",
            f"the id {identifier!r} {NOT_ABSOLUTE}",
            "Use a tag URI or a URL instead," + W3C_ID_FIX,
        )
    ]
    assert [item["rule"] for item in found if "the id" in str(item["message"])] == ["w3c-id"]


def test_an_id_with_a_scheme_the_service_does_not_know_still_says_so(
    published: Path,  # noqa: F811
) -> None:
    old_feed("doi:10.1000/182")
    messages = [item["message"] for item in findings(exit_code=0) if item["rule"] == "w3c-id"]
    assert messages == [
        "the id 'doi:10.1000/182' has a scheme, doi:, that the W3C Feed Validation Service"
        " does not know as registered with IANA, and warns about"
    ]


@pytest.mark.parametrize("identifier", ["http:foo", "http:///posts/1", "ftp:x"])
def test_an_http_or_ftp_id_without_its_host_is_a_warning_at_its_id(
    site: Site, identifier: str
) -> None:
    # build takes such an id (it has a scheme), and check said nothing, but the W3C service
    # wants `http://` or `ftp://` and a host (its InvalidFullLink).
    post = f"---\ntitle: A\ndate: 2025-01-01\nid: '{identifier}'\n---\nText.\n"
    site(CONFIG, **{"a.md": post})
    assert invoke_build().exit_code == 0
    ids = etree.parse(ATOM).getroot().findall(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}id")
    assert [element.text for element in ids] == [identifier]  # as written (feedparser mends it)
    found = [item for item in findings(exit_code=0) if item["rule"] == "w3c-id"]
    assert [(item["file"], item["line"], item["severity"]) for item in found] == [
        ("entries/a.md", 4, "warning")
    ]
    assert [(item["message"], item["fix"]) for item in found] == [
        (
            f"the id {identifier!r} is not a full URL (no host after '//'), which the W3C Feed"
            " Validation Service rejects",
            "Write the URL whole, with its host," + W3C_ID_FIX,
        )
    ]


def test_an_https_id_without_its_host_is_not_said_to_be_rejected(site: Site) -> None:
    # The service looks for the host of http: and ftp: URLs alone.
    site(CONFIG, **{"a.md": "---\ntitle: A\ndate: 2025-01-01\nid: 'https:foo'\n---\nText.\n"})
    assert invoke_build().exit_code == 0
    assert [item for item in findings(exit_code=0) if item["rule"] == "w3c-id"] == []
