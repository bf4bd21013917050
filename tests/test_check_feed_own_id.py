"""`staticfeed check`'s fix for a feed's own Atom id (`<feed><id>`) that breaks an id rule:
build makes that id from site_url (and feed_url), so its fix names them and build, not "the
entry's id:", which an entry's own id comes from. The ids are read back with lxml."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import ATOM_NS, invoke_build
from tests.test_check import (
    ATOM,
    CONFIG,
    NEWER,
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

BUILD_FIX = (
    "Run staticfeed build: it writes the feed's own id from site_url (and feed_url, if the"
    " config has one){0}."
)
ENTRY_FIX = (
    "Before the first publication, write it in that form in the entry's id:; once feeds are"
    " published, leave it: a new id would reach every reader again."
)


def feed_id() -> str | None:
    return etree.parse(ATOM).getroot().findtext(f"{{{ATOM_NS}}}id")


def fixes(rule: str) -> list[tuple[str | None, str]]:
    return [(str(f["file"]), str(f["fix"])) for f in findings() if f["rule"] == rule]


def test_a_feed_id_not_in_canonical_form_is_told_to_build_again(published: Path) -> None:
    # Session 39: the fix said to write it "in the entry's id:", which no feed's id comes from.
    assert feed_id() == SITE
    line = edit(ATOM, f"<id>{SITE}</id>", "<id>HTTPS://Notes.Staticfeed.test/blog/</id>")
    message = (
        "the id 'HTTPS://Notes.Staticfeed.test/blog/' is not in canonical form"
        f" ({SITE!r}), which the W3C Feed Validation Service warns about"
    )
    assert rows() == ordered([stale(ATOM, line), warning(ATOM, line, "canonical-id", message)])
    assert fixes("canonical-id") == [(ATOM, BUILD_FIX.format(", in that form"))]
    # The fix works.
    assert invoke_build().exit_code == 0
    assert feed_id() == SITE
    assert rows(exit_code=0) == []


def test_a_feed_id_and_an_entry_id_not_in_canonical_form_get_each_its_own_fix(
    site: Site,
) -> None:
    # They were one finding, at the feed's id "(and 1 more)", with the entry's fix.
    uri = "HTTPS://Notes.Staticfeed.test/p"
    site(
        CONFIG, **{"a.md": f"---\ntitle: A\ndate: 2025-01-01\nid: {uri}\n---\nT.\n", "b.md": NEWER}
    )
    assert invoke_build().exit_code == 0
    line = edit(ATOM, f"<id>{SITE}</id>", "<id>HTTPS://Notes.Staticfeed.test/blog/</id>")
    found = [row for row in rows() if row[3] == "canonical-id"]
    assert [row[:2] for row in found] == [("entries/a.md", 4), (ATOM, line)]
    assert fixes("canonical-id") == [
        ("entries/a.md", ENTRY_FIX),
        (ATOM, BUILD_FIX.format(", in that form")),
    ]


@pytest.mark.parametrize(
    "written",
    [
        "tag:Notes.staticfeed.test,2025:feed",  # capitals in the authority
        "tag:192.0.2.1,2025:feed",  # an authority that names no owner
        "tag:notes.staticfeed.test,2025:café",  # beyond ASCII (an error)
    ],
)
def test_a_feed_id_hand_edited_into_a_tag_uri_is_told_to_build_again(
    published: Path, written: str
) -> None:
    # It was told to fix id_authority, or "the entry's front-matter id".
    edit(ATOM, f"<id>{SITE}</id>", f"<id>{written}</id>")
    assert feed_id() == written
    assert fixes("tag-uri") == [(ATOM, BUILD_FIX.format(""))]
