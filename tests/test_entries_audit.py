"""Tests from a hand mutation audit of entries.py: each kills a mutant that survived the other
tests, or pins a bug the audit found. Builds with the real command, reads the feeds with lxml
or feedparser, and asserts the exact error a user reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result

from staticfeed.cli import cli

Site = Callable[..., Path]


def build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", *args], prog_name="staticfeed")


def errors() -> list[str]:
    """The error lines of a build that must fail; no feed may have been written."""
    result = build()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not Path("feeds").exists()
    return result.stderr.splitlines()


def write(name: str, data: bytes) -> Path:
    path = Path("entries", name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


NO_DATE = (
    "Error: entries/note.md:3: the front matter has no date, and the text does not begin with"
    " one. Add a line date = 2025-12-22 to the front matter, above line 3."
)


def test_toml_front_matter_after_a_byte_order_mark_is_told_to_add_a_toml_date(
    site: Site,
) -> None:
    # Notepad saves a byte-order mark; the file read again with it kept hid the +++, and the
    # fix said `date: 2025-12-22`, above the closing line: inside the [[authors]] table.
    site()
    path = write(
        "note.md", b'\xef\xbb\xbf+++\ntitle = "Note"\n[[authors]]\nname = "Ann"\n+++\nText.\n'
    )
    assert errors() == [NO_DATE]
    # Doing what it says builds.
    lines = path.read_bytes().split(b"\n")
    path.write_bytes(b"\n".join([*lines[:2], b"date = 2025-12-22", *lines[2:]]))
    assert build().exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published[:10], entry.author) == ("Note", "2025-12-22", "Ann")


@pytest.mark.parametrize(
    "title",
    [
        pytest.param(b'"A\x0cB"', id="form-feed"),  # removed, with a warning
        pytest.param(b"A\rB", id="lone-cr"),  # read as a space, as grep shows it
        pytest.param(b'"A\xc2\x85B"', id="next-line"),  # U+0085 shown as U+2026
    ],
)
def test_a_date_commented_out_below_a_character_read_inside_its_line_is_found(
    site: Site, title: bytes
) -> None:
    # The file read again was split at these characters too (str.splitlines), so the comment
    # was looked for a line off and missed: "add a line date: 2025-12-22 above line 4".
    site()
    write("note.md", b"---\ntitle: " + title + b"\n# date: 2025-12-22\n---\nText.\n")
    assert errors() == [
        "Error: entries/note.md:3: the front matter has no date: line 3 gives one in a comment."
        " Remove the # at the start of line 3."
    ]
