"""text.for_feeds, which every title, body and HTML goes through on its way into a feed."""

from __future__ import annotations

import pytest

from staticfeed.text import for_feeds

# From the specifications, not from staticfeed: XML 1.0's Char production (tab, LF, CR,
# U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF) and what the README says readers cannot show
# (U+007F, the C1 controls U+0080-U+009F, the noncharacters U+FDD0-U+FDEF, U+FFFD).
XML_CHARS = [(0x9, 0x9), (0xA, 0xA), (0xD, 0xD), (0x20, 0xD7FF), (0xE000, 0xFFFD)]
UNSHOWN = [(0x7F, 0x9F), (0xFDD0, 0xFDEF), (0xFFFD, 0xFFFD)]


def _in(ranges: list[tuple[int, int]], code: int) -> bool:
    return any(first <= code <= last for first, last in ranges)


def _fit(code: int) -> bool:
    return code >= 0x10000 or (_in(XML_CHARS, code) and not _in(UNSHOWN, code))


# Every character of the Basic Multilingual Plane, and the planes above at their ends and in
# between (one range of XML's, all kept).
CODES = [*range(0x10000), 0x10000, 0x1F600, 0xE0001, 0x10FFFF]


def test_every_character_readers_can_show_is_kept() -> None:
    kept = "".join(chr(code) for code in CODES if _fit(code))
    assert for_feeds(kept) == kept


@pytest.mark.parametrize("before, after", [("", ""), ("Це текст ", " i dalej 😀")])
def test_each_character_readers_cannot_show_is_taken_out_wherever_it_stands(
    before: str, after: str
) -> None:
    """One such character among text that is all fit, as a pasted title or body has it: a
    text of fit characters alone is let through untouched, so one of them let through with it
    would reach readers."""
    for code in CODES:
        if not _fit(code):
            written = f"{before}{chr(code)}{after}"
            assert chr(code) not in for_feeds(written), f"U+{code:04X}"
