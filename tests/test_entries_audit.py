"""Tests from a hand mutation audit of entries.py: each kills a mutant that survived the other
tests, or pins a bug the audit found. Builds with the real command, reads the feeds with lxml
or feedparser, and asserts the exact error a user reads."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG

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
    # Below the warning of the title's character, at its line 2.
    (warning, *found) = errors()
    assert warning.startswith("Warning: entries/note.md:2: ")
    assert found == [
        "Error: entries/note.md:3: the front matter has no date: line 3 gives one in a comment."
        " Remove the # at the start of line 3."
    ]


@pytest.mark.parametrize("gap", [" ", "\t"], ids=["space", "tab"])
def test_a_comment_after_a_yaml_date_commented_out_in_toml_stays_in_the_line_told(
    site: Site, gap: str
) -> None:
    # TOML has no date without seconds: the date is told in quotes, the comment after it kept,
    # as after a space, though a tab before the # parts it (YAML and TOML read it so).
    site()
    write("note.md", f'+++\ntitle = "A"\n# date: 2025-06-01 10:00{gap}# c\n+++\nText.\n'.encode())
    assert errors() == [
        "Error: entries/note.md:3: the front matter has no date: line 3 gives one in a comment."
        ' Remove the # at the start of line 3 and write it date = "2025-06-01 10:00" # c.'
    ]


ATOM = "{http://www.w3.org/2005/Atom}"


def categories() -> tuple[list[str], list[str]]:
    """The tags of the one entry as Atom's category terms and RSS's categories, read by lxml."""
    atom = etree.fromstring(Path("feeds/atom.xml").read_bytes())
    rss = etree.fromstring(Path("feeds/rss.xml").read_bytes())
    return (
        [c.get("term", "") for c in atom.iterfind(f"{ATOM}entry/{ATOM}category")],
        [c.text or "" for c in rss.iterfind("channel/item/category")],
    )


def test_a_tag_written_twice_or_in_two_unicode_forms_is_one_category(site: Site) -> None:
    # "Cafe" + U+0301 (a combining acute, as macOS names files) looks like "Café" and is the
    # same tag: readers and the tag's own feed get the composed form, once.
    site()
    tags = '[peace, peace, "Cafe\u0301", "Caf\u00e9"]'
    write("note.md", f"---\ntitle: Note\ndate: 2025-12-22\ntags: {tags}\n---\nText.\n".encode())
    assert build().exit_code == 0
    assert categories() == (["peace", "Caf\u00e9"], ["peace", "Caf\u00e9"])


def test_a_summary_of_several_lines_is_published_with_its_line_breaks(site: Site) -> None:
    # A summary is prose, not a title: a line break in it is not an error.
    site()
    write(
        "note.md",
        b"---\ntitle: Note\ndate: 2025-12-22\nsummary: |\n  Line one.\n  Line two.\n---\nText.\n",
    )
    assert build().exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert entry.summary == "Line one.\nLine two."


def authors() -> list[str]:
    """The names of the one entry's authors in atom.xml, read by lxml."""
    atom = etree.fromstring(Path("feeds/atom.xml").read_bytes())
    return [name.text or "" for name in atom.iterfind(f"{ATOM}entry/{ATOM}author/{ATOM}name")]


def test_a_by_line_under_front_matter_authors_stays_in_the_text(site: Site) -> None:
    # `authors:` gives the authors: a first line "By Bob" is then the author's text, kept.
    site()
    write("note.md", b"---\ntitle: Note\ndate: 2025-12-22\nauthors: [Ann]\n---\nBy Bob\n\nText.\n")
    assert build().exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert "By Bob" in entry.content[0].value
    assert authors() == ["Ann"]


def test_a_name_given_twice_in_a_by_line_is_one_author(site: Site) -> None:
    site()
    write("note.md", b"# Note\n\n2025-12-22\n\nBy Ann and Ann\n\nText.\n")
    assert build().exit_code == 0
    assert authors() == ["Ann"]


def test_a_by_line_name_with_combining_accents_is_published_composed(site: Site) -> None:
    # "Jose" + U+0301, as macOS may save it, is José: the same author as one typed "José".
    site()
    write("note.md", "# Note\n\n2025-12-22\n\nBy Jose\u0301 Marti\u0301\n\nText.\n".encode())
    assert build().exit_code == 0
    assert authors() == ["Jos\u00e9 Mart\u00ed"]


def test_an_empty_author_is_one_error_even_without_default_authors(site: Site) -> None:
    # The author is given, wrongly: "the entry has no author" on top of it was not so.
    site(config=BASIC_CONFIG.replace(BASIC_CONFIG.splitlines()[-1] + "\n", ""))
    write("note.md", b'---\ntitle: Note\ndate: 2025-12-22\nauthor: ""\n---\nText.\n')
    assert errors() == [
        "Error: entries/note.md:4: author is empty. Give author a value or remove the key."
    ]


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        pytest.param("1tag:x", "'1tag:x'", id="scheme-not-a-letter"),
        pytest.param("urn:", "'urn:'", id="nothing-after-the-colon"),
        pytest.param("tag:x,2025:a\\u00a0b", "'tag:x,2025:a\\xa0b'", id="no-break-space"),
        pytest.param("tag:x,2025:a\\tb", "'tag:x,2025:a\\tb'", id="tab"),
    ],
)
def test_an_id_that_is_not_an_absolute_uri_is_an_error_at_its_line(
    site: Site, written: str, shown: str
) -> None:
    site()
    write("note.md", f'---\ntitle: Note\ndate: 2025-12-22\nid: "{written}"\n---\nText.\n'.encode())
    assert errors() == [
        f"Error: entries/note.md:4: id {shown} is not an absolute URI. Use a tag URI like"
        " tag:example.org,2025:my-post, or a URL."
    ]


def test_two_alike_bad_items_of_a_list_on_one_line_are_one_error(site: Site) -> None:
    # Both empty items are on line 4: the same error twice said nothing more.
    site()
    write("note.md", b'---\ntitle: Note\ndate: 2025-12-22\ntags: [news, "", ""]\n---\nText.\n')
    assert errors() == [
        "Error: entries/note.md:4: tags has an empty item. Remove it, or write what it should be."
    ]


def test_a_comment_after_a_slug_is_a_comment(site: Site) -> None:
    # Only a title or summary, prose, may mean a " #" as text (#hashtags): a slug cannot hold
    # one, so the rest of its line is the author's comment.
    site()
    write("note.md", b"---\ntitle: Note\ndate: 2025-12-22\nslug: my-post # was 2024/x\n---\nT.\n")
    assert build().exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert entry.id == "tag:example.org,2025:my-post"


TITLE_ALONE_AT_5 = (
    "Warning: entries/note.md:5: the entry has a title alone: no text, no summary and no link, so"
    " readers get its title and an empty page. Write a sentence about it below the front matter,"
    " give it a summary: or a link:, or mark it draft: true until it is ready."
)


def test_a_title_alone_is_published_with_a_warning_at_the_line_its_text_would_start(
    site: Site,
) -> None:
    # What `staticfeed new` writes: the author is told where to write the text, line 5.
    site()
    write("note.md", b"---\ntitle: Note\ndate: 2025-12-22\n---\n")
    result = build()
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [TITLE_ALONE_AT_5]
    assert [entry.title for entry in feedparser.parse("feeds/atom.xml").entries] == ["Note"]


def test_a_control_character_written_as_a_yaml_escape_is_taken_out_of_the_title(
    site: Site,
) -> None:
    # "\x01" in double quotes is a character XML cannot carry, which the pass over the file's
    # raw text cannot see; "\x92" is the C1 control Windows-1252 shows as a right quote.
    site()
    write("note.md", b'---\ntitle: "A\\x01B\\x92s"\ndate: 2025-12-22\n---\nText.\n')
    result = build()
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "Warning: entries/note.md:2: removed characters that XML cannot carry (control characters)"
    ]
    assert [entry.title for entry in feedparser.parse("feeds/atom.xml").entries] == ["AB\u2019s"]


def test_a_date_written_as_a_number_is_told_to_go_in_quotes(site: Site) -> None:
    # Unquoted, as the fix wrote it, 20251222 is the same number again.
    site()
    write("note.md", b"---\ntitle: Note\ndate: 20251222\n---\nText.\n")
    assert errors() == [
        "Error: entries/note.md:3: date: expected a date, not a number (20251222). Write date as"
        ' 2025-12-22, or put it in quotes: "20251222".'
    ]


@pytest.mark.parametrize(
    ("key", "other", "text"),
    [
        pytest.param("date = 2025-12-22", 'title = "Note"', "Text.\n", id="date"),
        # Without a text, which a title could be taken from.
        pytest.param('title = "Note"', "date = 2025-12-22", "", id="title"),
    ],
)
def test_a_toml_key_commented_out_below_a_table_is_told_to_move_above_it(
    site: Site, key: str, other: str, text: str
) -> None:
    # "Remove the #" alone put the key in the [[authors]] table, and the next build said to
    # move it: one fix at a time, two builds, for one line.
    site()
    path = write(
        "note.md", f'+++\n{other}\n[[authors]]\nname = "Ann"\n# {key}\n+++\n{text}'.encode()
    )
    name = key.split(" ")[0]
    assert errors() == [
        f"Error: entries/note.md:5: the front matter has no {name}: line 5 gives one in a"
        " comment. Remove the # at the start of line 5, and move the line above line 3, where"
        " [[authors]] begins."
    ]
    # Doing both, as a user would: the line without its #, moved above line 3, builds.
    lines = path.read_text(encoding="utf-8").split("\n")
    moved = [*lines[:2], key, *lines[2:4], *lines[5:]]
    path.write_text("\n".join(moved), encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published[:10], entry.author) == ("Note", "2025-12-22", "Ann")


def test_a_toml_key_commented_out_above_the_first_table_needs_no_move(site: Site) -> None:
    site()
    write("note.md", b'+++\ntitle = "N"\n# date = 2025-12-22\n[[authors]]\nname = "A"\n+++\nT.\n')
    assert errors() == [
        "Error: entries/note.md:3: the front matter has no date: line 3 gives one in a comment."
        " Remove the # at the start of line 3."
    ]


def test_a_toml_key_commented_out_in_an_indented_table_is_found(site: Site) -> None:
    # Keys of a table are often indented under its header: the # is not the line's first
    # character, and it is still the comment to remove.
    site()
    write(
        "note.md",
        b'+++\ntitle = "Note"\n[[authors]]\n  name = "A"\n  # date = 2025-12-22\n+++\nT.\n',
    )
    assert errors() == [
        "Error: entries/note.md:5: the front matter has no date: line 5 gives one in a comment."
        " Remove the # at the start of line 5, and move the line above line 3, where"
        " [[authors]] begins."
    ]


def test_toml_front_matter_opened_with_a_space_after_the_plus_signs_gets_a_toml_fix(
    site: Site,
) -> None:
    # `+++ ` opens the front matter as `+++` does; the fix must be TOML, above the table.
    site()
    write("note.md", b'+++ \ntitle = "Note"\n[[authors]]\nname = "Ann"\n+++\nText.\n')
    assert errors() == [NO_DATE]


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("draft: true", id="draft"),  # not published: nothing for readers to see
        pytest.param("link: https://example.com/read-this", id="link"),  # readers open it
        pytest.param("summary: Why it matters.", id="summary"),  # readers read it
    ],
)
def test_an_entry_without_text_that_is_a_draft_or_has_a_link_or_summary_has_no_warning(
    site: Site, line: str
) -> None:
    site()
    write("note.md", f"---\ntitle: Note\ndate: 2025-12-22\n{line}\n---\n".encode())
    write("other.md", b"---\ntitle: Other\ndate: 2025-12-21\n---\nText.\n")
    result = build()
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr


def test_a_missing_id_authority_is_suggested_with_the_year_of_the_oldest_entry(
    site: Site,
) -> None:
    # The year of a tag URI's authority must be one the site's host was owned in: the oldest
    # entry shows it was, the year of the newest or this year would not cover older ones.
    site(config=BASIC_CONFIG.replace('id_authority = "example.org,2025"\n', ""))
    write("a.md", b"---\ntitle: A\ndate: 2023-05-01\n---\nText.\n")
    write("b.md", b"---\ntitle: B\ndate: 2019-03-02\n---\nText.\n")
    write("c.md", b"---\ntitle: C\ndate: 2024-01-09\n---\nText.\n")
    assert errors() == [
        "Error: staticfeed.toml: id_authority is not set, and entries without an id: need it. Add"
        ' id_authority = "example.org,2019" to the config. Pin it and never change it: every'
        " entry id is built from it, and a new value would make readers show every entry again."
    ]


def test_an_author_given_with_authors_too_is_still_checked(site: Site) -> None:
    # "Keep one" may mean keeping author: its own problem is told in the same build, not the
    # next one.
    site()
    write("note.md", b'---\ntitle: T\ndate: 2025-12-22\nauthor: ""\nauthors: [Bo]\n---\nText.\n')
    assert errors() == [
        "Error: entries/note.md:4: author is empty. Give author a value or remove the key.",
        "Error: entries/note.md:5: both author and authors are given. Keep one: author for one"
        " person, authors for a list.",
    ]


@pytest.mark.parametrize(
    ("front", "line"),
    [
        pytest.param("author: Ann\nauthors: [Bo, 5]\n", 5, id="authors-second"),
        pytest.param("authors: [Bo, 5]\nauthor: Ann\n", 4, id="authors-first"),
    ],
)
def test_authors_given_with_an_author_too_is_still_checked(
    site: Site, front: str, line: int
) -> None:
    # Only author's value was read: kept as "Keep one" allows, a bad authors was told by the
    # next build, once author was gone.
    site()
    path = write("note.md", f"---\ntitle: T\ndate: 2025-12-22\n{front}---\nText.\n".encode())
    both = (
        "Error: entries/note.md:5: both author and authors are given. Keep one: author for one"
        " person, authors for a list."
    )
    bad = (
        f"Error: entries/note.md:{line}: authors must be 'Name <email>' or a mapping with name,"
        ' not a number. Write it as "Ann Lee <ann@example.org>".'
    )
    # In the order of the lines; on one line, that the key is one too many comes first.
    assert errors() == ([bad, both] if line < 5 else [both, bad])
    # Keeping authors, with its number removed, builds.
    path.write_text(
        path.read_text(encoding="utf-8").replace("author: Ann\n", "").replace(", 5", ""),
        encoding="utf-8",
    )
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert [author.name for author in entry.authors] == ["Bo"]


def test_a_yaml_key_commented_out_indented_is_told_to_lose_the_indentation_too(
    site: Site,
) -> None:
    # Without its # alone, the line stayed indented under author:, and the next build said
    # "date is indented under author": one fix at a time, two builds, for one line.
    site()
    path = write(
        "note.md", b"---\ntitle: T\nauthor:\n  name: Ann\n  # date: 2025-12-22\n---\nText.\n"
    )
    assert errors() == [
        "Error: entries/note.md:5: the front matter has no date: line 5 gives one in a comment."
        " Remove the # and the indentation before it from line 5."
    ]
    # Doing it, as a user would, builds.
    path.write_text(path.read_text(encoding="utf-8").replace("  # date", "date"), encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published[:10], entry.author) == ("T", "2025-12-22", "Ann")


@pytest.mark.parametrize(
    "space",
    [
        pytest.param("\u00a0", id="no-break-space"),  # left by a paste from a word processor
        pytest.param("\u3000", id="ideographic-space"),  # typed by a Japanese input method
    ],
)
def test_a_text_of_a_wide_or_no_break_space_alone_is_a_title_alone(site: Site, space: str) -> None:
    # Readers show nothing of it, as of no text at all.
    site()
    write("note.md", f"---\ntitle: Note\ndate: 2025-12-22\n---\n{space}\n".encode())
    result = build()
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [TITLE_ALONE_AT_5]


def built_as_told(path: Path, commented: str, fixed: str) -> Any:
    """The one entry of a build after `commented` is replaced with `fixed` in `path`, as a user
    would do it, by feedparser."""
    path.write_text(path.read_text(encoding="utf-8").replace(commented, fixed), encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    return entry


@pytest.mark.parametrize(
    ("fence", "commented", "fixed"),
    [
        pytest.param("+++", "# date: 2025-12-22", "date = 2025-12-22", id="yaml-line-in-toml"),
        pytest.param("---", "# date = 2025-12-22", "date: 2025-12-22", id="toml-line-in-yaml"),
        # TOML 1.0 has no date-time without seconds: unquoted, the next build said so.
        pytest.param(
            "+++", "#date: 2025-12-22 14:30", 'date = "2025-12-22 14:30"', id="time-in-toml"
        ),
        # The comment after it was one in YAML too: the fix quoted the date and dropped it.
        pytest.param(
            "+++",
            "# date: 2025-12-22 14:30 # sent",
            'date = "2025-12-22 14:30" # sent',
            id="time-and-comment-in-toml",
        ),
    ],
)
def test_a_key_commented_out_in_the_other_language_is_told_how_to_write_it(
    site: Site, fence: str, commented: str, fixed: str
) -> None:
    # "Remove the #" alone left `date: 2025-12-22` in TOML, and the next build said "invalid
    # TOML: Expected '=' after a key": two builds, for one line.
    site()
    title = 'title = "T"' if fence == "+++" else "title: T"
    path = write("note.md", f"{fence}\n{title}\n{commented}\n{fence}\nText.\n".encode())
    assert errors() == [
        "Error: entries/note.md:3: the front matter has no date: line 3 gives one in a comment."
        f" Remove the # at the start of line 3 and write it {fixed}."
    ]
    entry = built_as_told(path, commented, fixed)
    time = "14:30" if "14:30" in fixed else "00:00"
    assert (entry.title, entry.published[:16]) == ("T", f"2025-12-22T{time}")


@pytest.mark.parametrize(
    ("fence", "commented", "fixed"),
    [
        pytest.param("---", "# date:", "date: 2025-12-22", id="yaml"),
        pytest.param("+++", "#date =", "date = 2025-12-22", id="toml"),
    ],
)
def test_a_date_commented_out_with_no_value_is_told_a_line_with_one(
    site: Site, fence: str, commented: str, fixed: str
) -> None:
    # A template's `# date:`: "Remove the #" alone left `date:`, and the next build said
    # "date is empty". The fix gives a line that builds, as it does for a title.
    site()
    title = 'title = "T"' if fence == "+++" else "title: T"
    path = write("note.md", f"{fence}\n{title}\n{commented}\n{fence}\nText.\n".encode())
    assert errors() == [
        "Error: entries/note.md:3: the front matter has no date: line 3 gives one in a comment."
        f" Remove the # at the start of line 3 and write it {fixed}."
    ]
    entry = built_as_told(path, commented, fixed)
    assert (entry.title, entry.published[:10]) == ("T", "2025-12-22")


def test_a_toml_key_of_yaml_style_commented_out_below_a_table_gets_both_fixes(site: Site) -> None:
    site()
    path = write(
        "note.md", b'+++\ntitle = "T"\n[[authors]]\nname = "Ann"\n# date: 2025-12-22\n+++\nT.\n'
    )
    assert errors() == [
        "Error: entries/note.md:5: the front matter has no date: line 5 gives one in a comment."
        " Remove the # at the start of line 5 and write it date = 2025-12-22, and move the line"
        " above line 3, where [[authors]] begins."
    ]
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([*lines[:2], "date = 2025-12-22", *lines[2:4], *lines[5:]]))
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published[:10], entry.author) == ("T", "2025-12-22", "Ann")


# More than a title is long (200 characters), so the text gives none: the commented-out one is
# the only title there is.
LONG_TEXT = b"word " * 50 + b"\n"


@pytest.mark.parametrize(
    ("fence", "commented", "fixed", "title"),
    [
        # YAML reads ` #12` as a comment, so quoting what YAML read suggested `title = "Fix"`.
        pytest.param("+++", "# title: Fix #12", 'title = "Fix #12"', "Fix #12", id="yaml-in-toml"),
        # Written as it was, YAML reads it as "Fix" again, and the next build said so.
        pytest.param("---", "# title = Fix #12", 'title: "Fix #12"', "Fix #12", id="toml-in-yaml"),
        # The whole text, as the error of `title: Fix #12 # see the issue` quotes it.
        pytest.param(
            "+++",
            "# title: Fix #12 # the bug",
            'title = "Fix #12 # the bug"',
            "Fix #12 # the bug",
            id="two-hashes",
        ),
        # A tab before the # parts it as a space does; in quotes, a title holds no tab.
        pytest.param(
            "+++", "# title: Fix\t#12", 'title = "Fix #12"', "Fix #12", id="tab-before-the-hash"
        ),
        # A quoted title ends at its quote: what follows is a comment, and stays one.
        pytest.param(
            "---",
            '# title = "Fix #12" # the bug',
            'title: "Fix #12" # the bug',
            "Fix #12",
            id="quoted-then-comment",
        ),
        # In the front matter's own language, "Remove the #" alone left `title = 2025`, and
        # the next build asked for quotes: TOML and YAML read it as other than text.
        pytest.param("+++", "# title = 2025", 'title = "2025"', "2025", id="toml-number"),
        pytest.param("+++", "# title: 2025", 'title = "2025"', "2025", id="yaml-number-in-toml"),
        pytest.param("---", "# title: yes", 'title: "yes"', "yes", id="yaml-true"),
        pytest.param("---", "# title: 3.10", 'title: "3.10"', "3.10", id="yaml-version"),
        # A comment after a number is a comment, as YAML and TOML read it and as the error for
        # `title: 2025 # year` uncommented says ("Put it in quotes: \"2025\""): it stays one.
        pytest.param(
            "+++", "# title = 2025 # year", 'title = "2025" # year', "2025", id="toml-hash"
        ),
        pytest.param("---", "# title: 2025 # year", 'title: "2025" # year', "2025", id="yaml-hash"),
        pytest.param(
            "+++", "# title: yes # c", 'title = "yes" # c', "yes", id="yaml-true-hash-in-toml"
        ),
        pytest.param("---", "# title: Fix #12", 'title: "Fix #12"', "Fix #12", id="yaml-text"),
        # Text without quotes is no TOML at all.
        pytest.param("+++", "# title = Fix #12", 'title = "Fix #12"', "Fix #12", id="toml-text"),
        pytest.param("+++", "# title = A day", 'title = "A day"', "A day", id="toml-words"),
        # As written in TOML, not as YAML reads it: `&Co` is an anchor there, "news" the title.
        pytest.param("+++", "# title = &Co news", 'title = "&Co news"', "&Co news", id="toml-amp"),
        # A line of YAML is told as YAML reads it: as written, its tag was part of the title.
        pytest.param("+++", "# title: !!str 2025", 'title = "2025"', "2025", id="yaml-tag-in-toml"),
        # With no value, "Remove the #" alone gave the next build's "title is empty".
        pytest.param("+++", "# title =", 'title = "Your title"', "Your title", id="toml-empty"),
        pytest.param("---", "# title:", 'title: "Your title"', "Your title", id="yaml-empty"),
        # What reads as the title once uncommented is told only that (None).
        pytest.param("+++", '# title = "Fix #12" # c', None, "Fix #12", id="toml-quoted"),
        pytest.param("---", "# title: A day", None, "A day", id="yaml-words"),
        pytest.param("---", "# title: C# tips", None, "C# tips", id="yaml-hash-in-a-word"),
    ],
)
def test_a_commented_out_title_is_told_a_line_that_publishes_it(
    site: Site, fence: str, commented: str, fixed: str | None, title: str
) -> None:
    site()
    date = "date = 2025-12-22" if fence == "+++" else "date: 2025-12-22"
    path = write("note.md", f"{fence}\n{commented}\n{date}\n{fence}\n".encode() + LONG_TEXT)
    told = f" and write it {fixed}" if fixed else ""
    assert errors() == [
        "Error: entries/note.md:2: the front matter has no title: line 2 gives one in a comment."
        f" Remove the # at the start of line 2{told}."
    ]
    fixed = fixed or commented.removeprefix("# ")
    read = tomllib.loads(fixed) if fence == "+++" else yaml.safe_load(fixed)
    assert read == {"title": title}
    # Doing it, as a user would, publishes the title the author meant.
    assert built_as_told(path, commented, fixed).title == title


@pytest.mark.parametrize(
    ("escape", "fixed", "title"),
    [
        # TOML refuses U+007F in a basic string unescaped: the line suggested did not read.
        pytest.param("\\x7f", "\\u007F", "A\x7fB", id="delete"),
        pytest.param("\\x01", "\\u0001", "A\x01B", id="start-of-heading"),
        pytest.param("\\x1b", "\\u001b", "A\x1bB", id="escape"),
        pytest.param("\\x9f", "\\u009F", "A\x9fB", id="c1-control"),
        # A title holds no tab: told as its escape, the next build refused the line.
        pytest.param("\\t", " ", "A B", id="tab"),
    ],
)
def test_a_yaml_title_commented_out_in_toml_is_told_with_its_control_characters_escaped(
    site: Site, escape: str, fixed: str, title: str
) -> None:
    # YAML reads "\x7f" as U+007F; the fix must be TOML that reads back as that same title.
    site()
    write("note.md", f'+++\n# title: "A{escape}B"\ndate = 2025-12-22\n+++\n'.encode() + LONG_TEXT)
    line = f'title = "A{fixed}B"'
    assert errors() == [
        "Error: entries/note.md:2: the front matter has no title: line 2 gives one in a comment."
        f" Remove the # at the start of line 2 and write it {line}."
    ]
    assert tomllib.loads(line) == {"title": title}
