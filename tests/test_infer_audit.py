"""Tests from a hand mutation audit of infer.py (the title, date line and byline read from the
top of a document without front matter): each kills a mutant that survived the other tests.
Builds with the real command and reads the feeds with lxml or asserts the error a user reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cmarkgfm
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli

Site = Callable[..., Path]
A = "{http://www.w3.org/2005/Atom}"
UNSAFE = cmarkgfm.Options.CMARK_OPT_UNSAFE  # raw HTML kept, as build keeps it


def build() -> Result:
    return CliRunner().invoke(cli, ["build"])


def only_entry() -> etree._Element:
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = etree.parse("feeds/atom.xml").getroot().findall(f"{A}entry")
    return entry


def error_lines() -> list[str]:
    result = build()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not Path("feeds").exists()
    return result.stderr.splitlines()


def test_a_date_below_the_tenth_line_of_text_is_text_not_the_date(site: Site) -> None:
    # Ten lines with text are read for metadata: "# Title" and nine paragraphs fill them.
    paragraphs = "".join(f"Paragraph {n}.\n\n" for n in range(9))
    site(**{"note.md": f"# Title\n\n{paragraphs}2025-12-22\n"})
    assert error_lines() == [
        "Error: entries/note.md: no date found near the top of the document. Add front matter"
        " with date: 2025-12-22, or a line with the date."
    ]


def test_a_first_line_of_200_characters_is_the_title(site: Site) -> None:
    title = "B" * 200
    site(**{"note.md": f"{title}\n\n2025-12-22\n\nText.\n"})
    assert only_entry().findtext(f"{A}title") == title


def test_a_first_line_of_201_characters_is_no_title(site: Site) -> None:
    # Longer than a title (200 characters): the text begins with a paragraph, not a title.
    site(**{"note.md": f"{'C' * 201}\n\n2025-12-22\n\nText.\n"})
    assert error_lines() == [
        'Error: entries/note.md: no title found. Add front matter with title: "Your title".'
    ]


def authors(entry: etree._Element) -> list[str | None]:
    return [author.findtext(f"{A}name") for author in entry.findall(f"{A}author")]


def test_a_byline_ending_in_a_full_stop_names_the_author_without_it(site: Site) -> None:
    site(**{"note.md": "# Title\n\n2025-12-22\n\nBy Ann Lee.\n\nText.\n"})
    assert authors(only_entry()) == ["Ann Lee"]


def test_a_byline_of_200_characters_is_text_and_the_default_author_writes(site: Site) -> None:
    # 200 characters is longer than any byline: the line is a paragraph of the text.
    names = "Ann Lee, " * 21 + "Bo Chen Cyd"
    assert len(names) == 200
    site(**{"note.md": f"# Title\n\n2025-12-22\n\nBy {names}\n\nText.\n"})
    entry = only_entry()
    assert authors(entry) == ["Default Author"]
    assert f"By {names}" in (entry.findtext(f"{A}content") or "")


def test_a_byline_below_a_too_long_one_names_the_authors(site: Site) -> None:
    too_long = ", ".join(["Ann Lee"] * 23)
    site(**{"note.md": f"# Title\n\n2025-12-22\n\nBy {too_long}\n\nBy Bo Chen\n\nText.\n"})
    assert authors(only_entry()) == ["Bo Chen"]


def test_by_and_a_comma_names_nobody_and_stays_in_the_text(site: Site) -> None:
    site(**{"note.md": "# Title\n\n2025-12-22\n\nBy ,\n\nText.\n"})
    entry = only_entry()
    assert authors(entry) == ["Default Author"]
    assert "By ," in (entry.findtext(f"{A}content") or "")


def test_a_title_underlined_with_dashes_leaves_no_rule_in_the_content(site: Site) -> None:
    site(**{"note.md": "Hello world\n---\n\n2025-12-22\n\nText.\n"})
    entry = only_entry()
    assert entry.findtext(f"{A}title") == "Hello world"
    assert "<hr" not in (entry.findtext(f"{A}content") or "")


def test_written_by_names_the_author(site: Site) -> None:
    site(**{"note.md": "# Title\n\n2025-12-22\n\nWritten by Ann Lee\n\nText.\n"})
    assert authors(only_entry()) == ["Ann Lee"]


def test_a_name_of_five_words_is_one_author(site: Site) -> None:
    site(**{"note.md": "# Title\n\n2025-12-22\n\nBy Ana Maria de la Cruz\n\nText.\n"})
    assert authors(only_entry()) == ["Ana Maria de la Cruz"]


def test_by_and_a_number_is_text_not_a_byline(site: Site) -> None:
    site(**{"note.md": "# Title\n\n2025-12-22\n\nBy 3 Friends\n\nText.\n"})
    assert authors(only_entry()) == ["Default Author"]


def test_a_first_line_indented_as_code_is_no_title_and_stays_code(site: Site) -> None:
    # "    # Indented" is an indented code block: it was taken for the title "Indented" and
    # left out of the text, which readers then showed without the author's code.
    for first in ("    # Indented", "\t# Indented", "  \tprint(1)"):
        site(**{"note.md": f"{first}\n\n2025-12-22\n\nText.\n"})
        assert error_lines() == [
            'Error: entries/note.md: no title found. Add front matter with title: "Your title".'
        ]
    site(**{"note.md": "---\ntitle: Code\n---\n    # Indented\n\n2025-12-22\n\nText.\n"})
    content = only_entry().findtext(f"{A}content")
    code = etree.HTML(content).findtext(".//pre/code")
    assert code == "# Indented\n"


def built_without_title(note: str) -> tuple[etree._Element, list[str]]:
    """The content of the one entry built from `note`, whose title must be `Harbour Cranes`,
    and the text of each paragraph CommonMark shows of `note` but for its date and title."""
    site_entry = only_entry()
    assert site_entry.findtext(f"{A}title") == "Harbour Cranes"
    content = etree.HTML(site_entry.findtext(f"{A}content"))
    page = etree.HTML(cmarkgfm.github_flavored_markdown_to_html(note, options=UNSAFE))
    shown = [" ".join(p.xpath("string()").split()) for p in page.iter("p")][1:]
    assert shown[0].startswith("Harbour Cranes ")
    return content, [shown[0].removeprefix("Harbour Cranes "), *shown[1:]]


def paragraphs(content: etree._Element) -> list[str]:
    return [" ".join(p.xpath("string()").split()) for p in content.iter("p")]


@pytest.mark.parametrize(
    "continued",
    ["    ===", "    # Not a heading", "\t- not an item", "     2. not an item", "    > no quote"],
)
def test_a_line_continuing_the_titles_paragraph_is_the_text_commonmark_shows(
    site: Site, continued: str
) -> None:
    # Four columns in under a paragraph's line, a line continues that paragraph (CommonMark's
    # lazy continuation): `Harbour Cranes` over `    ===` is no heading. Once the title was
    # taken out, the line left was an indented code block, which readers were shown.
    note = f"2025-12-22\n\nHarbour Cranes\n{continued}\n\nText.\n"
    site(**{"note.md": note})
    content, expected = built_without_title(note)
    assert paragraphs(content) == expected
    assert [element.tag for element in content.iter()] == ["html", "body", "p", "p"]


@pytest.mark.parametrize(
    ("line", "tag"), [("<em>", "em"), ("    <em>", "em"), ('<a href="https://example.org/">', "a")]
)
def test_a_tag_alone_continuing_the_titles_paragraph_stays_in_a_paragraph(
    site: Site, line: str, tag: str
) -> None:
    # Once the title was taken out, `<em>` alone on the next line started an HTML block, in
    # which readers were shown `*1890*` as written, and no paragraph (indented, a code block
    # showing the tag).
    note = f"2025-12-22\n\nHarbour Cranes\n{line}\nBuilt</{tag}> in *1890*.\n\nText.\n"
    site(**{"note.md": note})
    content, expected = built_without_title(note)
    assert paragraphs(content) == expected
    assert [element.tag for element in content.iter()] == ["html", "body", "p", tag, "em", "p"]
