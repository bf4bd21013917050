"""Importing documents (issue 5): pasted web pages, other tools' posts and HTML pages become
front-matter entries for review.

The documents in tests/fixtures/import/ were written for these tests. Each test imports them
into a temporary folder and checks what was recovered field by field, the body text exactly, and
the written file read back with PyYAML (staticfeed's own reader refuses `review:` until it
becomes a key).
"""

from __future__ import annotations

import errno
import hashlib
import html
import json
import os
import tempfile
import textwrap
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import cmarkgfm
import html5lib
import lxml.html
import pytest
import yaml
from cmarkgfm.cmark import Options as cmarkgfm_options
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from staticfeed.codeblocks import fenced
from staticfeed.config import load_config
from staticfeed.entries import read_entries
from staticfeed.errors import ManyErrors, display_path
from staticfeed.frontmatter import split
from staticfeed.importer import ImportedEntry, ImportProblem, import_documents
from staticfeed.model import Author
from tests.conftest import BASIC_CONFIG
from tests.test_import_cli import what_readers_see

FIXTURES = Path(__file__).parent / "fixtures" / "import"
KYIV = ZoneInfo("Europe/Kyiv")


def kyiv(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=KYIV)


def offset(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def run(*names: str, into: Path, dry_run: bool = False) -> list[ImportedEntry]:
    return import_documents(
        [FIXTURES / name for name in names], into, timezone=KYIV, dry_run=dry_run
    )


def only(*names: str, into: Path) -> ImportedEntry:
    (entry,) = run(*names, into=into)
    return entry


def front_matter(path: Path) -> tuple[dict[str, object], str]:
    """The written file's front matter (read with PyYAML) and its body."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, _, body = text[4:].partition("\n---\n")
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data, body


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def import_text(tmp_path: Path, text: str, name: str = "page.txt") -> list[ImportedEntry]:
    source = write(tmp_path / "sources", name, text)
    return import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)


# ---------------------------------------------------------------------------------------------
# Text pasted from web pages


PAGE_FIRST_BODY = """\
When the council fenced off the old rail yard in 2019, nobody on Linden Street expected to be \
eating its tomatoes four summers later. The yard had been empty for a decade, and the plan on \
paper was a car park.

What changed was a petition with three hundred signatures and a retired surveyor who knew \
which soil tests the council had never run. By the spring of 2021 the residents had a \
five-year lease and a water tap.

## Who Does the Work

Every plot holder gives four hours a month to the shared beds. The rota is kept on a \
whiteboard in the tool shed, and nobody has yet found a better system than shame and a marker \
pen.

> Nobody has found a better system than shame and a marker pen.

The harvest is split three ways: plot holders, the school kitchen on Alder Road, and a Friday \
table outside the launderette where anyone can take what they need.

## What Comes Next

The lease runs out in 2026. The council has promised a review, and the residents have promised \
to turn up to it.

Marta Kovalenko is a journalist who covers housing and land use in the north of the city; \
Tomas Whitfield was one of the founders of the Linden Street residents' association and \
teaches geography at a secondary school. Both still keep a plot.

*Originally published by the Linden Street Courier.*
"""

PAGE_SECOND_BODY = """\
The council's review should listen to the people who dig. A rota, a tap and a lease are not \
much to ask for, and the street has shown what it can do with them.

Other towns have tried the same thing with less luck. Where a lease was shorter than three \
years, the gardens rarely outlived the first dry summer, because nobody would pay for a water \
tap on land they might lose.

Ilse Brandt has a degree in urban planning from the University of Leeds and has worked on \
community land trusts for eight years. She can be reached at ilse.brandt@example.net.
"""


def test_a_page_of_two_articles_gives_two_entries(tmp_path: Path) -> None:
    first, second = run("pasted-page.txt", into=tmp_path)

    # Date first, under the blog's name (dropped); the title below it; a byline of two.
    assert first.title == "The Allotment That Fed a Street"
    assert first.date == kyiv(2025, 3, 8)
    assert first.authors == (Author("Marta Kovalenko"), Author("Tomas Whitfield"))
    assert first.source_line == "Originally published by the Linden Street Courier"
    assert first.tags == ("allotments", "housing")  # from Blogger's "Labels:" line
    assert first.guessed == {"title", "date", "authors", "source", "tags"}
    # Short lines became headings, the glued pull quote a quote of its own, the source line
    # the last line; the comment counter, the share buttons and the labels are gone.
    assert first.body == PAGE_FIRST_BODY
    assert first.path == tmp_path / "2025" / "the-allotment-that-fed-a-street.md"

    # The second article has no title: its first sentence is one, marked for review. The page's
    # date applies to it; its author and her email come from its bio.
    assert second.title == "The council's review should listen to the people who dig"
    assert second.date == kyiv(2025, 3, 8)
    assert second.authors == (Author("Ilse Brandt", "ilse.brandt@example.net"),)
    assert second.source_line is None
    assert second.guessed == {"title", "date", "authors"}
    assert second.body == PAGE_SECOND_BODY  # without "Share this:", "Related" and its title
    assert second.path == (
        tmp_path / "2025" / "the-councils-review-should-listen-to-the-people-who-dig.md"
    )
    assert second.source == first.source == FIXTURES / "pasted-page.txt"


def test_the_written_file_shows_every_guess(tmp_path: Path) -> None:
    first, second = run("pasted-page.txt", into=tmp_path)
    assert first.path.read_text(encoding="utf-8") == (
        "---\n"
        'title: "The Allotment That Fed a Street"\n'
        "date: 2025-03-08\n"
        "authors:\n"
        '  - name: "Marta Kovalenko"\n'
        '  - name: "Tomas Whitfield"\n'
        'tags: ["allotments", "housing"]\n'
        "review: [title, date, authors, tags, source]\n"
        "---\n\n" + PAGE_FIRST_BODY
    )
    data, body = front_matter(second.path)
    assert data == {
        "title": "The council's review should listen to the people who dig",
        "date": date(2025, 3, 8),
        "authors": [{"name": "Ilse Brandt", "email": "ilse.brandt@example.net"}],
        "review": ["title", "date", "authors"],
    }
    assert body == "\n" + PAGE_SECOND_BODY


def test_title_first_with_the_date_in_the_byline_and_a_bio_with_email(tmp_path: Path) -> None:
    entry = only("pasted-title-first.txt", into=tmp_path)
    assert entry.title == "Notes From the Night Ferry"
    assert entry.date == kyiv(2024, 2, 14)
    assert entry.authors == (Author("Jane Roe", "jane.roe@example.org"),)
    assert entry.source_line is None
    assert entry.guessed == {"title", "date", "authors"}
    assert entry.body == (
        "The ferry from Rostock leaves at ten, and by eleven the bar has given up pretending to "
        "be anything but a waiting room. Lorry drivers play cards under a television nobody "
        "watches.\n\n"
        "I took the crossing four times last winter to write about the people who work it. "
        "Most of them have done the route for years and speak about the sea the way office "
        "workers speak about the lift.\n\n"
        "## The Crew\n\n"
        "Agnes, a deckhand from Gdynia, has worked nights for eleven years. She says the "
        "hardest part is not the weather but the daylight afterwards, when the port town is "
        "awake and she is not.\n\n"
        "Jane Roe is a freelance writer based in Tallinn. She can be reached at "
        "jane.roe@example.org.\n"
    )  # Blogger's "Posted by Harbour Desk at 9:41 AM" is page residue, not an author


def test_written_by_three_authors_with_bios_a_source_and_related_posts(tmp_path: Path) -> None:
    entry = only("pasted-written-by.txt", into=tmp_path)
    assert entry.title == "Why the Tram Depot Matters"
    assert entry.date == kyiv(2024, 4, 9)  # "Tuesday, 9 April 2024", not the source line's date
    assert entry.authors == (
        Author("Lena Fischer"),
        Author("Omar Haddad"),
        Author("Priya Nair", "priya.nair@example.com"),  # each person once, with her email
    )
    assert entry.source_line == "First published in The Tramway Gazette on 2 April 2024"
    assert entry.guessed == {"title", "date", "authors", "source"}
    assert entry.body == (
        "The depot on Kastanienallee has stood empty since the last trams were moved to the "
        "new yard. The city wants to sell it; the neighbourhood wants to keep it.\n\n"
        "Three arguments have been made for keeping it, and none of them is nostalgia.\n\n"
        "## Room to Repair\n\n"
        "A city that runs trams needs somewhere to mend them. The new yard is already full, "
        "and every tram sent out of town for repairs costs weeks.\n\n"
        "Lena Fischer is an engineer who has maintained trams for twenty years.\n\n"
        "Omar Haddad is a historian of public transport; Priya Nair has a degree in "
        "architecture and can be reached at priya.nair@example.com.\n\n"
        "*First published in The Tramway Gazette on 2 April 2024.*\n"
    )


def test_hard_wrapped_markdown_keeps_its_structure(tmp_path: Path) -> None:
    entry = only("swifts.md", into=tmp_path)
    assert entry.title == "Counting Swifts From a Rooftop"
    assert entry.date == kyiv(2024, 6, 3)  # "Posted on 3 June 2024 by Sam Okafor"
    assert entry.updated == kyiv(2024, 6, 5)  # "Updated: 5 June 2024"
    assert entry.authors == (Author("Sam Okafor"),)
    assert entry.guessed == {"title", "date", "updated", "authors"}
    source = (FIXTURES / "swifts.md").read_text(encoding="utf-8")
    # Everything after the head, exactly as written: wrapped paragraphs, list, code, headings.
    assert entry.body == source.split("Updated: 5 June 2024\n\n", 1)[1]
    data, _ = front_matter(entry.path)
    assert data["updated"] == date(2024, 6, 5)
    assert data["review"] == ["title", "date", "updated", "authors"]


_CRANES = "The three cranes stood over the quay for sixty years, and the port kept them.\n"


@pytest.mark.parametrize(
    "updates",
    [("March 5", "March 9"), ("March 9", "March 5")],
    ids=["oldest-first", "newest-first"],
)
def test_a_page_that_lists_its_updates_was_last_updated_at_the_latest(
    tmp_path: Path, updates: tuple[str, str]
) -> None:
    # The second line ended the head and stayed in the text, and the first written was taken,
    # March 5 where the page was last changed on March 9.
    (entry,) = import_text(
        tmp_path,
        "Harbour Cranes\n\nPublished March 1, 2025\n\n"
        f"Updated {updates[0]}, 2025\n\nUpdated {updates[1]}, 2025\n\n{_CRANES}",
    )
    assert (entry.date, entry.updated) == (kyiv(2025, 3, 1), kyiv(2025, 3, 9))
    assert entry.body == _CRANES


def test_an_update_line_earlier_than_the_date_is_left_out_as_a_posts_is(tmp_path: Path) -> None:
    # Written as it was, the entry was one build refuses: updated earlier than date.
    (entry,) = import_text(
        tmp_path,
        f"Harbour Cranes\n\nPublished March 9, 2025\n\nUpdated March 5, 2025\n\n{_CRANES}",
    )
    assert (entry.date, entry.updated) == (kyiv(2025, 3, 9), None)
    assert entry.left_out == ("updated (earlier than the date)",)
    data, _ = front_matter(entry.path)
    assert "updated" not in data
    assert data["review"] == ["title", "date"]


def test_an_update_line_is_never_the_date_the_page_was_published(tmp_path: Path) -> None:
    # The second of two "Updated" lines was taken for the date, a day after the update: the
    # entry written was one build refuses (updated earlier than date).
    source = write(
        tmp_path,
        "undated.txt",
        f"Harbour Cranes\n\nUpdated March 5, 2025\n\nUpdated March 9, 2025\n\n{_CRANES}",
    )
    with pytest.raises(ManyErrors) as raised:
        import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert [str(error) for error in raised.value.errors] == [
        f"{source}: no date found. Add a line with the date at the top of a copy of the "
        "document, and import the copy."
    ]


def test_which_short_lines_become_headings(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        """\
        Harbour Notes
        13 February 2024
        The harbour board met on Monday, for the first time since the storm.
        A New Slipway?
        The board voted to rebuild the north slipway before the summer.
        Three things were decided:
        The money comes from the port's reserve, not from the council.
        With thanks to the harbour staff
        """,
    )
    assert entry.body == (
        "The harbour board met on Monday, for the first time since the storm.\n\n"
        "## A New Slipway?\n\n"  # a question is a heading too
        "The board voted to rebuild the north slipway before the summer.\n\n"
        "Three things were decided:\n\n"  # a colon ends a sentence, not a heading
        "The money comes from the port's reserve, not from the council.\n\n"
        "With thanks to the harbour staff\n"  # no text follows it: not a heading; kept
    )


def test_untitled_first_article_gets_its_first_sentence_as_title(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        "12 January 2025\n\n"
        "Snow closed the mountain pass for the third time this winter. The buses turned back "
        "at the lower station and the drivers went home early.\n\n"
        "Nobody in the valley was surprised.\n",
    )
    assert entry.title == "Snow closed the mountain pass for the third time this winter"
    assert entry.date == kyiv(2025, 1, 12)
    assert entry.authors == ()  # no byline, no bio: the config's default authors apply
    assert entry.guessed == {"title", "date"}
    data, _ = front_matter(entry.path)
    assert data["review"] == ["title", "date"]
    assert "authors" not in data


def test_a_long_first_sentence_is_shortened_for_the_title(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        "2025-01-12\n\n"
        "The committee that was set up last spring to look into the state of the footpaths "
        "along the river has finally published its report, and it makes grim reading.\n",
    )
    assert (
        entry.title
        == "The committee that was set up last spring to look into the state of the\u2026"
    )
    assert len(entry.title) < 80


def test_each_article_of_a_page_may_have_its_own_date(tmp_path: Path) -> None:
    first, second = import_text(
        tmp_path,
        "Friday, 7 March 2025\n"
        "Gulls on the Roof\n"
        "By Ann Lee\n"
        "The gulls came back to the school roof in February, a month early, and the caretaker "
        "has given up on the netting.\n"
        "Ann Lee is a teacher and writes about the birds of the harbour.\n"
        "Thursday, 6 March 2025\n"
        "Fog Week\n"
        "By Bo Chen\n"
        "Four mornings of fog in a row closed the ferry twice and the airport once this week.\n"
        "Bo Chen is a journalist at the harbour radio station.\n",
    )
    assert (first.title, first.date, first.authors) == (
        "Gulls on the Roof",
        kyiv(2025, 3, 7),
        (Author("Ann Lee"),),
    )
    assert (second.title, second.date, second.authors) == (
        "Fog Week",
        kyiv(2025, 3, 6),
        (Author("Bo Chen"),),
    )
    assert first.body == (
        "The gulls came back to the school roof in February, a month early, and the caretaker "
        "has given up on the netting.\n\n"
        "Ann Lee is a teacher and writes about the birds of the harbour.\n"
    )


def test_a_bio_like_paragraph_inside_an_article_does_not_split_it(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        """\
        2 May 2025
        The New Harbour Master
        By Ann Lee
        The port appointed a new harbour master this week after a search of six months.
        Karin Holm was a pilot on the estuary for twenty years before she moved to the office.
        Her first decision was to reopen the north slipway to small boats on weekends.
        Ann Lee is a reporter for the harbour newsletter.
        """,
    )
    assert entry.authors == (Author("Ann Lee"),)  # Karin Holm is the subject, not an author
    assert "Karin Holm was a pilot" in entry.body


@pytest.mark.parametrize(
    ("line", "names", "day"),
    [
        ("By Ann Lee", ("Ann Lee",), None),
        ("by Ann Lee and Bo Chen", ("Ann Lee", "Bo Chen"), None),
        ("**By Ann Lee, Bo Chen & Cy Dee**", ("Ann Lee", "Bo Chen", "Cy Dee"), None),
        ("Written by: Jean-Luc O'Brien", ("Jean-Luc O'Brien",), None),
        ("BY ANN LEE", ("Ann Lee",), None),
        ("Authors: Ann Lee; Bo Chen", ("Ann Lee", "Bo Chen"), None),
        ("By Ann Lee | 14 February 2024", ("Ann Lee",), 14),
        ("By Ann Lee on Feb 14, 2024", ("Ann Lee",), 14),
        ("By Ann Lee, 14.02.2024", ("Ann Lee",), 14),
        ("Posted on February 14, 2024 by Ann van der Berg", ("Ann van der Berg",), 14),
    ],
)
def test_byline_forms(tmp_path: Path, line: str, names: tuple[str, ...], day: int | None) -> None:
    (entry,) = import_text(
        tmp_path,
        f"""\
        Harbour Notes
        {line}
        13 February 2024
        The text of the article, which is a whole sentence and ends with a full stop.
        """,
    )
    assert entry.title == "Harbour Notes"
    assert entry.authors == tuple(Author(name) for name in names)
    assert entry.date == kyiv(2024, 2, day or 13)
    assert entry.body == (
        "The text of the article, which is a whole sentence and ends with a full stop.\n"
        if day is None
        else "13 February 2024\n\n"
        "The text of the article, which is a whole sentence and ends with a full stop.\n"
    )


def test_a_sentence_starting_with_by_is_not_a_byline(tmp_path: Path) -> None:
    sentences = (
        "By the time the ferry docked, the storm had passed.",
        "By Monday, the water had gone.",  # not a byline of Monday
        "Published in paperback by Faber and Faber.",  # a book's publisher, not its author
    )
    # Each right under the date, where a byline goes.
    sources = [
        write(tmp_path, f"{number}.txt", f"Harbour Notes {number}\n13 February 2024\n{sentence}\n")
        for number, sentence in enumerate(sentences)
    ]
    entries = import_documents(sources, tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert [(entry.authors, entry.body) for entry in entries] == [
        ((), f"{sentence}\n") for sentence in sentences
    ]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (
            "originally published in The Harbour Times",
            "*Originally published in The Harbour Times.*",
        ),
        ("First published in Why Do Ports Matter?", "*First published in Why Do Ports Matter?*"),
    ],
)
def test_a_source_line_ends_the_body_as_a_sentence(tmp_path: Path, line: str, shown: str) -> None:
    (entry,) = import_text(
        tmp_path, f"Harbour Notes\n13 February 2024\n\nThe storm had passed by noon.\n\n{line}\n"
    )
    assert entry.body == f"The storm had passed by noon.\n\n{shown}\n"


@pytest.mark.parametrize(
    "residue",
    [
        "Share this:",
        "Share to Facebook",
        "Tweet",
        "Like Loading...",
        "Newer Post",
        "Older Post",
        "Home",
        "Newer Post Older Post Home",
        "Subscribe to: Post Comments (Atom)",
        "Related",
    ],
)
def test_page_residue_is_dropped(tmp_path: Path, residue: str) -> None:
    (entry,) = import_text(
        tmp_path,
        f"""\
        Harbour Notes
        13 February 2024
        The first paragraph of the article, which is a whole sentence.
        {residue}
        The last paragraph of the article, which is a whole sentence too.
        """,
    )
    assert entry.body == (
        "The first paragraph of the article, which is a whole sentence.\n\n"
        "The last paragraph of the article, which is a whole sentence too.\n"
    )


@pytest.mark.parametrize(
    "residue",
    [
        "No comments:",
        "3 comments:",
        "Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest",
        "Posted by Harbour Desk at 9:41 AM",
    ],
)
def test_what_ends_a_blogger_post_is_dropped_and_ends_the_article(
    tmp_path: Path, residue: str
) -> None:
    first, second = import_text(
        tmp_path,
        f"""\
        Harbour Notes
        13 February 2024
        The first article, which is a whole sentence.
        {residue}
        Gull Notes
        The second article, which is a whole sentence too.
        """,
    )
    assert (first.title, first.body) == (
        "Harbour Notes",
        "The first article, which is a whole sentence.\n",
    )
    assert (second.title, second.body) == (
        "Gull Notes",
        "The second article, which is a whole sentence too.\n",
    )


def test_readers_comments_are_dropped(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        """\
        Harbour Notes
        13 February 2024
        The only paragraph of the article, which is a whole sentence.
        2 comments:
        Anonymous said...
        What a lovely piece about the harbour, I used to fish there as a boy.
        February 14, 2024 at 9:02 AM
        Ann Lee said...
        Thank you, the gulls send their regards.
        February 14, 2024 at 11:40 AM
        Post a Comment
        Newer Post Older Post Home
        """,
    )
    assert entry.body == "The only paragraph of the article, which is a whole sentence.\n"
    assert entry.authors == ()


def test_labels_become_tags(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        "Harbour Notes\n13 February 2024\nThe text, a whole sentence.\nLabels: harbour, gulls\n",
    )
    assert entry.tags == ("harbour", "gulls")
    assert entry.guessed == {"title", "date", "tags"}
    assert entry.body == "The text, a whole sentence.\n"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "The tide came in faster than the tables said it would.When the tide turns, "
            "run for the steps.",
            "The tide came in faster than the tables said it would.\n\n"
            "> When the tide turns, run for the steps.\n",
        ),
        (
            "The harbour master said as much at the meeting, twice.\u201cWe are not closing "
            "the slipway,\u201d she said.",
            "The harbour master said as much at the meeting, twice.\n\n"
            "> \u201cWe are not closing the slipway,\u201d she said.\n",
        ),
    ],
)
def test_a_glued_pull_quote_is_separated(tmp_path: Path, paragraph: str, expected: str) -> None:
    (entry,) = import_text(tmp_path, f"Harbour Notes\n13 February 2024\n{paragraph}\n")
    assert entry.body == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "The grant came from the U.S.Army Corps of Engineers, which surveyed the river in 1952.",
        "The full report is on the council's site at www.example.org/Reports for anyone to read.",
        "A letter from Dr.Holm, the harbour master, was read out at the start of the meeting.",
        "Short.Then a sentence that follows it without a space, which is too short before.",
        "The ferry came back.Then the storm hit the pier again, that very night.",
    ],
)
def test_text_that_only_looks_glued_is_left_alone(tmp_path: Path, paragraph: str) -> None:
    (entry,) = import_text(tmp_path, f"Harbour Notes\n13 February 2024\n{paragraph}\n")
    assert entry.body == paragraph + "\n"


def test_a_document_without_a_date_is_an_error(tmp_path: Path) -> None:
    source = write(tmp_path, "undated.txt", "Harbour Notes\n\nThe text, without any date.\n")
    with pytest.raises(ManyErrors) as raised:
        import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert [str(error) for error in raised.value.errors] == [
        f"{source}: no date found. Add a line with the date at the top of a copy of the "
        "document, and import the copy."
    ]
    assert not (tmp_path / "entries").exists()


def test_wrapped_and_unwrapped_lines(tmp_path: Path) -> None:
    wrapped, unwrapped = import_documents(
        [
            write(
                tmp_path,
                "wrapped.md",
                "Harbour Notes\n3 March 2025\n\n"
                "The first paragraph is wrapped by an editor at a width of sixty\n"
                "characters, so its second line continues the first.\n",
            ),
            write(
                tmp_path,
                "unwrapped.txt",
                "Gull Notes\n4 March 2025\n"
                "- A list item copied from a page\n"
                "The paragraph after the list, which is one line.\n"
                "Another paragraph, also one line.\n",
            ),
        ],
        tmp_path / "entries",
        timezone=KYIV,
        dry_run=True,
    )
    assert wrapped.body == (
        "The first paragraph is wrapped by an editor at a width of sixty\n"
        "characters, so its second line continues the first.\n"
    )
    assert unwrapped.body == (
        "- A list item copied from a page\n\n"
        "The paragraph after the list, which is one line.\n\n"
        "Another paragraph, also one line.\n"
    )


FERRY = (
    "In the spring the ferry sails from the old port each morning to\n"
    "Mykolaiv and back, with a stop for the school children of the\n"
    "Ochakiv district, who ride it for free under a council scheme.\n"
)
"""A paragraph wrapped at 63 characters; each line after the first starts with a name."""


def imported_body(tmp_path: Path, text: str, name: str = "page.txt") -> str:
    (entry,) = import_documents(
        [write(tmp_path, name, text)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    return entry.body


def test_a_paragraph_wrapped_at_120_characters_stays_one_paragraph(tmp_path: Path) -> None:
    full = (
        "The harbour board met on Tuesday to weigh the plan for the north quay, which has "
        "waited for repairs since the storm of a"
    )
    assert len(full) == 120  # the widest an editor wraps at
    text = f"Quay Notes\n3 March 2025\n\n{full}\nwinter, and the cafe has lost its trade.\n"
    assert imported_body(tmp_path, text) == f"{full}\nwinter, and the cafe has lost its trade.\n"


def test_a_paragraph_whose_lines_all_start_with_names_is_still_wrapped(tmp_path: Path) -> None:
    # Two full lines, each continued by a capitalized word: the text is wrapped.
    assert imported_body(tmp_path, f"Ferry Notes\n3 March 2025\n\n{FERRY}") == FERRY


def test_a_long_line_with_an_address_does_not_unwrap_the_text(tmp_path: Path) -> None:
    link = (
        "Timetable: https://ferries.example.org/timetables/2025/spring/"
        "mykolaiv-ochakiv-kinburn-weekday-and-weekend-sailings.html"
    )
    text = f"Ferry Notes\n3 March 2025\n\n{FERRY}\n{link}\n"
    assert imported_body(tmp_path, text) == f"{FERRY}\n{link}\n"


def test_a_break_where_the_next_word_would_just_fit_was_meant(tmp_path: Path) -> None:
    line = "Ferries sail at six, at nine and at noon on weekdays,"
    after = "Saturdays at ten."
    assert len(line) + 1 + len("Saturdays") == 63  # the width: it fit
    text = f"Ferry Notes\n3 March 2025\n\n{FERRY}\n{line}\n{after}\n"
    assert imported_body(tmp_path, text) == f"{FERRY}\n{line}\n\n{after}\n"


def test_a_full_width_byline_above_wrapped_text_is_still_a_byline(tmp_path: Path) -> None:
    byline = "By Olena Marchenko, Maria de la Cruz, Bohdan Kovalenko, Ann Lee"
    assert len(byline) == 63  # the width: the next line's first word would not have fit
    (entry,) = import_documents(
        [write(tmp_path, "page.txt", f"Ferry Notes\n3 March 2025\n{byline}\n{FERRY}")],
        tmp_path / "entries",
        timezone=KYIV,
        dry_run=True,
    )
    assert [author.name for author in entry.authors] == [
        *("Olena Marchenko", "Maria de la Cruz", "Bohdan Kovalenko", "Ann Lee")
    ]
    assert entry.body == FERRY


def test_what_follows_a_tilde_fence_is_read_as_text(tmp_path: Path) -> None:
    text = (
        "Ferry Notes\n3 March 2025\n\nThe timetable reads:\n\n~~~\nsix nine noon\n~~~\n\n"
        "That is all.\n\nLabels: ferries, harbour\n"
    )
    (entry,) = import_documents(
        [write(tmp_path, "page.txt", text)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.tags == ("ferries", "harbour")
    assert entry.body == "The timetable reads:\n\n~~~\nsix nine noon\n~~~\n\nThat is all.\n"


def test_setext_headings_keep_their_level(tmp_path: Path) -> None:
    text = (
        "Ferry Notes\n===========\n\n3 March 2025\n\nThe ferry sails each morning.\n\n"
        "Winter\n------\n\nIn winter it sails on Saturdays alone.\n"
    )
    assert imported_body(tmp_path, text) == (
        "The ferry sails each morning.\n\n## Winter\n\nIn winter it sails on Saturdays alone.\n"
    )


def test_a_wrapped_setext_heading_keeps_all_its_lines(tmp_path: Path) -> None:
    heading = "The Winter Timetable of the Ferry Between the Old Port and the\nOchakiv Pier"
    text = f"Ferry Notes\n3 March 2025\n\n{FERRY}\n{heading}\n=====\n\n{FERRY}"
    assert imported_body(tmp_path, text) == (
        f"{FERRY}\n# {heading.replace(chr(10), ' ')}\n\n{FERRY}"
    )


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Caf\u00e9 Soci\u00e9t\u00e9: the First Year", "cafe-societe-the-first-year"),
        (
            "\u041c\u0438\u0440 \u0437\u043d\u0438\u0437\u0443: "  # Ukrainian keeps its letters
            "\u0449\u043e \u0434\u0430\u043b\u0456?",
            "\u043c\u0438\u0440-\u0437\u043d\u0438\u0437\u0443-\u0449\u043e-\u0434\u0430\u043b\u0456",
        ),
        ("Why the Harbour\u2019s 28-Point Plan Matters", "why-the-harbours-28-point-plan-matters"),
        ("!!!", "entry"),
    ],
)
def test_file_names_come_from_the_title(tmp_path: Path, title: str, name: str) -> None:
    (entry,) = import_text(tmp_path, f"# {title}\n\n1 March 2025\n\nText.\n", name="x.md")
    assert entry.title == title
    assert entry.path == tmp_path / "entries" / "2025" / f"{name}.md"


# ---------------------------------------------------------------------------------------------
# Other tools' posts


def test_jekyll_post(tmp_path: Path) -> None:
    entry = only("jekyll/_posts/2023-04-05-harbour-cranes.md", into=tmp_path)
    assert entry.title == "The Last Harbour Cranes"
    assert entry.date == datetime(2023, 4, 5, 18, 30, tzinfo=offset(1))
    assert entry.authors == (Author("Nils Berg"),)
    assert entry.summary == "A walk past the three cranes the port kept when it modernised."
    assert entry.tags == ("cranes", "industry", "history", "harbour")  # categories as tags
    assert entry.draft is True  # published: false
    assert entry.guessed == frozenset()
    assert entry.left_out == ("layout", "comments")
    assert entry.named_from == "permalink /history/last-harbour-cranes/"
    assert entry.body == (
        "Three cranes still stand on the west quay, painted the same green as the\n"
        "harbour office door. They have not lifted anything since 1994.\n\n"
        "The port kept them, the official story goes, as a landmark for ships.\n"
    )
    assert entry.path == tmp_path / "2023" / "last-harbour-cranes.md"  # its permalink's
    assert entry.path.read_text(encoding="utf-8") == (
        "---\n"
        'title: "The Last Harbour Cranes"\n'
        "date: 2023-04-05T18:30:00+01:00\n"
        "authors:\n"
        '  - name: "Nils Berg"\n'
        'summary: "A walk past the three cranes the port kept when it modernised."\n'
        'tags: ["cranes", "industry", "history", "harbour"]\n'
        "draft: true\n"
        "---\n\n" + entry.body
    )


@pytest.mark.parametrize(
    ("name", "keys", "named"),
    [
        # Jekyll and Hugo published each at the URL its front matter set whole, where import
        # named it from the file (or the slug).
        ("2025-03-01-cranes.md", "permalink: /history/last-cranes/\nslug: s", "last-cranes.md"),
        ("2025-03-01-cranes.md", "permalink: /2019/old-cranes.html", "old-cranes.md"),
        ("bridge.md", "url: /old/footbridge/", "footbridge.md"),
        ("bridge/index.md", "url: /old/footbridge/index.html", "footbridge.md"),
        # Without a leading `/` too: Jekyll puts one before it, and Hugo reads it against the
        # root of the post's language (`/fr/old/footbridge.html`). Import named it `bridge.md`.
        ("2025-03-01-cranes.md", "permalink: history/last-cranes/", "last-cranes.md"),
        ("bridge.md", "url: old/footbridge.html", "footbridge.md"),
        # A permalink of placeholders takes the post's own name; a full URL is its link.
        ("2025-03-01-cranes.md", "permalink: /:year/:title/", "cranes.md"),
        ("bridge.md", "permalink: https://elsewhere.example/x/", "bridge.md"),
        ("bridge.md", "url: /", "bridge.md"),
    ],
)
def test_a_post_whose_front_matter_sets_its_url_keeps_that_urls_name(
    tmp_path: Path, name: str, keys: str, named: str
) -> None:
    source = write(tmp_path / "site", name, f"---\ntitle: T\ndate: 2025-03-01\n{keys}\n---\nB.\n")
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.path == tmp_path / "entries" / "2025" / named


@pytest.mark.parametrize(
    ("keys", "name", "named_from"),
    [
        # Pelican published each at its URL: (else its Save_as:), as written, relative to the
        # site, where import named it from its Slug: or title.
        (
            "URL: 2010/02/02/the-wmatanextbus-contract/\n"
            "Save_as: 2010/02/02/the-wmatanextbus-contract/index.html",
            "the-wmatanextbus-contract",
            "url 2010/02/02/the-wmatanextbus-contract/",
        ),
        (
            "Slug: trac-logs\nURL: rotating-trac-logs\nSave_as: rotating-trac-logs/index.html",
            "rotating-trac-logs",
            "url rotating-trac-logs",
        ),
        (
            "Slug: pools\nSave_as: walks/tide-pools.html",
            "tide-pools",
            "save_as walks/tide-pools.html",
        ),
        ("URL: /showcase/triangle-asmjs/", "triangle-asmjs", "url /showcase/triangle-asmjs/"),
        # Pelican fills in no placeholder of a path it is given; a full URL is no such path.
        ("Slug: s\nURL: {slug}.html", "s", None),
        ("URL: https://elsewhere.example/x/", "the-post", None),
        ("Save_as: index.html", "the-post", None),
    ],
)
def test_a_pelican_post_whose_header_sets_its_url_keeps_that_urls_name(
    tmp_path: Path, keys: str, name: str, named_from: str | None
) -> None:
    text = f"Title: The Post\nDate: 2025-03-01\n{keys}\n\nB.\n"
    source = write(tmp_path / "site", "post.md", text)
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.path == tmp_path / "entries" / "2025" / f"{name}.md"
    assert entry.named_from == named_from


@pytest.mark.parametrize(
    ("settings", "names"),
    [
        # Pelican's default, DEFAULT_LANG = 'en': the French post is the translation, saved at
        # cranes-fr.html (ARTICLE_LANG_SAVE_AS) beside cranes.html, and so is one alone.
        (None, [("cranes-fr.md", "fr"), ("cranes.md", None), ("solo-de.md", "de")]),
        (
            "AUTHOR = 'x'\nDEFAULT_LANG = 'en'\n",
            [("cranes-fr.md", "fr"), ("cranes.md", None), ("solo-de.md", "de")],
        ),
        (
            "DEFAULT_LANG = os.environ['LANG']\n",
            [("cranes-fr.md", "fr"), ("cranes.md", None), ("solo-de.md", "de")],
        ),
        # A French site: the post with no Lang: is French too, as Pelican has it, and the
        # French one is no translation. Pelican saves both at cranes.html; import keeps both.
        (
            'DEFAULT_LANG = "fr"  # the site\n',
            [("cranes-2.md", None), ("cranes.md", "fr"), ("solo-de.md", "de")],
        ),
        # Where the site saves its translations, as it published them.
        (
            "ARTICLE_LANG_SAVE_AS = '{lang}-{slug}.html'\n",
            [("cranes.md", None), ("de-solo.md", "de"), ("fr-cranes.md", "fr")],
        ),
        # At its original's name (fr/cranes/), or one with a placeholder that cannot be
        # filled: with the language only when another post takes the name.
        (
            "ARTICLE_LANG_URL = '{lang}/{slug}/'\nARTICLE_LANG_SAVE_AS = '{lang}/{slug}.html'\n",
            [("cranes-fr.md", "fr"), ("cranes.md", None), ("solo.md", "de")],
        ),
        (
            "ARTICLE_LANG_SAVE_AS = '{slug}-{date:%Y}.html'\n",
            [("cranes-fr.md", "fr"), ("cranes.md", None), ("solo.md", "de")],
        ),
    ],
)
def test_a_pelican_translation_is_named_as_pelican_saves_it(
    tmp_path: Path, settings: str | None, names: list[tuple[str, str | None]]
) -> None:
    # Both were cranes.md and cranes-2.md, whichever came first; solo-de.html was solo.md.
    site = tmp_path / "site"
    if settings is not None:
        write(site, "pelicanconf.py", settings)
    write(
        site / "content", "a.md", "Title: Grues\nDate: 2025-03-01\nSlug: cranes\nLang: fr\n\nB.\n"
    )
    write(site / "content", "b.md", "Title: Cranes\nDate: 2025-03-01\nSlug: cranes\n\nB.\n")
    write(site / "content", "c.md", "Title: S\nDate: 2025-03-01\nSlug: solo\nLang: de\n\nB.\n")
    entries = import_documents(
        [site / "content"], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert sorted((entry.path.name, entry.lang) for entry in entries) == names


def test_a_pelican_translation_named_as_another_post_takes_a_number_not_its_language_again(
    tmp_path: Path,
) -> None:
    # Pelican saved both at cranes-fr.html: the translation is cranes-fr.md or cranes-fr-2.md,
    # as any two posts of one name are, never cranes-fr-fr.md, a name neither had.
    content = tmp_path / "site" / "content"
    write(content, "a.md", "Title: Grues\nDate: 2025-03-01\nSlug: cranes\nLang: fr\n\nB.\n")
    write(content, "b.md", "Title: Cranes FR\nDate: 2025-03-01\nSlug: cranes-fr\n\nB.\n")
    entries = import_documents([content], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert sorted(entry.path.name for entry in entries) == ["cranes-fr-2.md", "cranes-fr.md"]


def test_a_pelican_post_in_the_sites_language_written_in_capitals_is_no_translation(
    tmp_path: Path,
) -> None:
    # `Lang: EN` on an English site is Pelican's original, saved at cranes.html.
    text = "Title: Cranes\nDate: 2025-03-01\nLang: EN\nSlug: cranes\n\nB.\n"
    write(tmp_path / "content", "a.md", text)
    (entry,) = import_documents(
        [tmp_path / "content"], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert (entry.path.name, entry.lang, entry.translation) == ("cranes.md", "EN", None)


def test_a_pelican_translation_with_its_own_save_as_keeps_that_name(tmp_path: Path) -> None:
    # Pelican saves a post where its own Save_as: says, over ARTICLE_LANG_SAVE_AS: grues.html.
    text = "Title: Grues\nDate: 2025-03-01\nLang: fr\nSave_as: fr/grues.html\n\nB.\n"
    write(tmp_path / "content", "a.md", text)
    (entry,) = import_documents(
        [tmp_path / "content"], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert (entry.path.name, entry.lang) == ("grues.md", "fr")
    assert entry.named_from == "save_as fr/grues.html"


@pytest.mark.parametrize(
    ("mark", "home"),
    [
        ("sites/blog/.git", "/nonexistent"),  # not above the repository's root
        ("sites/blog/.hg", "/nonexistent"),
        (None, "sites"),  # nor in the home folder, or above it
    ],
)
def test_the_search_for_a_pelicanconf_stops_where_the_hugo_configs_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mark: str | None, home: str
) -> None:
    # A French site's pelicanconf.py in any folder above, up to /, made this English post a
    # translation, cranes-en.md, as if the import were of that site.
    monkeypatch.setenv("HOME", str(tmp_path / home))
    write(tmp_path, "pelicanconf.py", "DEFAULT_LANG = 'fr'\n")
    if mark is not None:
        (tmp_path / mark).mkdir(parents=True)
    content = tmp_path / "sites" / "blog" / "content"
    write(content, "a.md", "Title: Cranes\nDate: 2025-03-01\nSlug: cranes\nLang: en\n\nB.\n")
    (entry,) = import_documents([content], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert (entry.path.name, entry.lang) == ("cranes.md", "en")
    # Within the repository, a pelicanconf.py above the post's folder is the site's.
    write(tmp_path / "sites" / "blog", "pelicanconf.py", "DEFAULT_LANG = 'fr'\n")
    (entry,) = import_documents([content], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert (entry.path.name, entry.lang) == ("cranes-en.md", "en")


def test_jekyll_post_dated_by_its_file_name(tmp_path: Path) -> None:
    entry = only("jekyll/_posts/2023-05-01-tide-tables.md", into=tmp_path)
    assert entry.title == "Reading Tide Tables"
    assert entry.date == kyiv(2023, 5, 1)
    assert entry.authors == (Author("Nils Berg", "nils@example.org"),)
    assert entry.summary == "How to read the tables pinned by the harbour office door."
    assert entry.guessed == frozenset()
    data, _ = front_matter(entry.path)
    assert data["date"] == date(2023, 5, 1)
    assert "review" not in data


def test_jekyll_drafts_stay_drafts_and_a_category_is_one_tag(tmp_path: Path) -> None:
    # A post in _drafts/ was published by the next build; "Open Source" became two tags.
    source = write(
        tmp_path / "site" / "_drafts",
        "secret-plans.md",
        "---\ntitle: Secret plans\ndate: 2025-02-01 10:00\ncategory: Open Source\n---\nSoon.\n",
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.draft is True
    assert entry.tags == ("Open Source",)
    data, _ = front_matter(entry.path)
    assert (data["draft"], data["tags"]) == (True, ["Open Source"])


def test_values_yaml_reads_as_other_types_are_imported_as_written(tmp_path: Path) -> None:
    # YAML 1.1 made "title: No" false and 3.10 the number 3.1: written "false" and "3.1".
    source = write(
        tmp_path / "site" / "_posts",
        "2025-01-01-no.md",
        "---\ntitle: No\ndate: 2025-01-01\ntags: [python, 3.10, on, 010, NO]\n---\nBody.\n",
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    data, _ = front_matter(entry.path)
    assert (data["title"], data["tags"]) == ("No", ["python", "3.10", "on", "010", "NO"])


@pytest.mark.parametrize(
    ("front_matter", "shown"),
    [
        # TOML's true and false are no text: Hugo shows them as written, not Python's True.
        ("+++\ntitle = true\ndate = 2025-01-01\ndescription = false\n+++\n", ("true", "false")),
        # A list: its items as written, in order, not Python's ['Cranes', 'Harbours'].
        (
            "---\ntitle: [Cranes, Harbours]\ndate: 2025-01-01\nsummary: [on, 3.10]\n---\n",
            ("Cranes, Harbours", "on, 3.10"),
        ),
    ],
)
def test_a_title_or_summary_that_is_no_text_is_imported_as_written(
    tmp_path: Path, front_matter: str, shown: tuple[str, str]
) -> None:
    source = write(tmp_path / "site", "post.md", front_matter + "Body.\n")
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert (entry.title, entry.summary) == shown


def test_a_jekyll_post_without_a_title_takes_the_one_jekyll_gave_it(tmp_path: Path) -> None:
    # Its first paragraph became the title and left the body; Jekyll titled it from its name.
    source = write(
        tmp_path / "site" / "_posts",
        "2025-02-10-git-reflog-saved-me.md",
        "---\nlayout: post\n---\nToday I learned that **git** has a reflog.\n\nMore text.\n",
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.title == "Git Reflog Saved Me"
    assert entry.body == "Today I learned that **git** has a reflog.\n\nMore text.\n"


def test_a_hugo_section_list_page_is_not_a_post(tmp_path: Path) -> None:
    posts = tmp_path / "content" / "posts"
    write(posts, "_index.md", "---\ntitle: Posts\n---\nAll the posts.\n")
    write(posts, "bridge.md", "---\ntitle: Bridge\ndate: 2024-09-12\n---\nText.\n")
    imported = import_documents(
        [tmp_path / "content"], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert [entry.title for entry in imported] == ["Bridge"]


@pytest.mark.parametrize(
    ("name", "keys", "named", "lang"),
    [
        # Hugo's translation by file name: the code before the extension is the language.
        ("bridge.fr.md", "", "bridge.md", "fr"),
        ("bridge/index.uk.md", "", "bridge.md", "uk"),
        ("bridge.zh-hans.md", "", "bridge.md", "zh-hans"),
        ("bridge.fr.md", "lang: fr-CA", "bridge.md", "fr-CA"),  # its own lang: wins
        ("bridge.fr.md", "slug: la-passerelle", "la-passerelle.md", "fr"),
        # Not a language: no code of ISO 639-1, or Jekyll's name, where Hugo's rule is none.
        ("node.js.md", "", "node-js.md", None),
        ("install.sh.md", "", "install-sh.md", None),  # sh: withdrawn from ISO 639-1 in 2000
        ("release.v2.md", "", "release-v2.md", None),
        ("2024-09-12-bridge.fr.md", "", "bridge-fr.md", None),
    ],
)
def test_a_hugo_translation_is_named_as_its_post_in_its_language(
    tmp_path: Path, name: str, keys: str, named: str, lang: str | None
) -> None:
    source = write(tmp_path / "site", name, f"---\ntitle: T\ndate: 2024-09-12\n{keys}\n---\nB.\n")
    original = source.with_stem(source.stem.rpartition(".")[0])  # bridge.md of bridge.fr.md
    write(original.parent, original.name, "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n")
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.path == tmp_path / "entries" / "2024" / named
    assert entry.lang == lang


def test_translations_are_named_by_language_whatever_order_they_come_in(tmp_path: Path) -> None:
    # bridge.en.md sorts before bridge.md and took bridge.md, leaving the original bridge-2.md.
    # With no config listing the site's languages, other.de.md, beside no other.md, is no
    # translation: its name may be other.de (intro.to.md is not in Tonga).
    site = tmp_path / "site"
    for name in ("bridge.md", "bridge.en.md", "bridge.fr.md", "other.de.md"):
        write(site, name, "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n")
    imported = import_documents([site], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert sorted((entry.path.name, entry.lang) for entry in imported) == [
        ("bridge-en.md", "en"),
        ("bridge-fr.md", "fr"),
        ("bridge.md", None),
        ("other-de.md", None),
    ]


@pytest.mark.parametrize(
    ("config", "found"),
    [
        # No config: a language only beside the same name in none or another (bridge.md).
        (
            None,
            [
                ("bridge-fr.md", "fr"),
                ("bridge.md", None),
                ("intro-to.md", None),
                ("notes-en.md", None),
                ("solo-de.md", None),
            ],
        ),
        # Only the languages the config lists, as Hugo reads the names.
        (
            "[languages.en]\n[languages.de]\n",
            [
                ("bridge-fr.md", None),
                ("bridge.md", None),
                ("intro-to.md", None),
                ("notes.md", "en"),
                ("solo.md", "de"),
            ],
        ),
        # A config that lists none: the site's one language is defaultContentLanguage, en.
        (
            "title = 'Notes'\n",
            [
                ("bridge-fr.md", None),
                ("bridge.md", None),
                ("intro-to.md", None),
                ("notes.md", "en"),
                ("solo-de.md", None),
            ],
        ),
    ],
)
def test_a_hugo_file_names_language_is_one_its_site_has(
    tmp_path: Path, config: str | None, found: list[tuple[str, str | None]]
) -> None:
    # intro.to.md was the Tonga intro.md, and solo.de.md German though the site has no German.
    site = tmp_path / "site"
    if config is not None:
        write(site, "hugo.toml", config)
    for name in ("bridge.md", "bridge.fr.md", "intro.to.md", "notes.en.md", "solo.de.md"):
        write(site / "content" / "posts", name, "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n")
    imported = import_documents(
        [site / "content"], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert sorted((entry.path.name, entry.lang) for entry in imported) == found


# Hugo's translation by content directory, as its docs configure it (content-management/
# multilingual): each language's contentDir, in any of the config's formats and key cases.
HUGO_LANGUAGE_FOLDERS = {
    "hugo.toml": "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\n"
    "weight = 1\n[languages.fr]\ncontentDir = 'content/fr'\nlanguageName = 'Français'\n",
    "hugo.yaml": "languages:\n  en:\n    contentDir: content/en\n"
    "  fr:\n    contentDir: content/fr\n",
    "config.toml": "DefaultContentLanguage = 'en'\n[Languages.en]\ncontentdir = 'content/en'\n"
    "[Languages.fr]\ncontentdir = 'content/fr/'\n",
    "hugo.json": '{"languages": {"en": {"contentDir": "content/en"}, '
    '"fr": {"contentDir": "content/fr"}}}',
}

# Hugo's configuration directory: languages.toml holds the [languages] table's languages.
HUGO_CONFIG_DIRECTORY = {
    "config/_default/hugo.toml": "defaultContentLanguage = 'en'\n",
    "config/_default/languages.toml": "[en]\ncontentDir = 'content/en'\n"
    "[fr]\ncontentDir = 'content/fr'\n",
}


@pytest.mark.parametrize("config", [*sorted(HUGO_LANGUAGE_FOLDERS), "config/_default/"])
# ".." is the folder that holds the site, whose config was not found (~/sites of ~/sites/blog).
@pytest.mark.parametrize("imported", ["", "content", "content/fr/posts", ".."])
def test_a_hugo_sites_language_folder_gives_its_posts_their_language(
    tmp_path: Path, config: str, imported: str
) -> None:
    # They were bridge.md and bridge-2.md, with no language, whichever came first.
    site = tmp_path / "site"
    if config == "config/_default/":
        for name, text in HUGO_CONFIG_DIRECTORY.items():
            write(site, name, text)
    else:
        write(site, config, HUGO_LANGUAGE_FOLDERS[config])
    post = "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n"
    for name in ("en/posts/bridge.md", "fr/posts/bridge.md", "fr/posts/x.md"):
        write(site / "content", name, post)
    entries = import_documents([site / imported], tmp_path / "entries", timezone=KYIV, dry_run=True)
    found = sorted((entry.path.name, entry.lang) for entry in entries)
    if imported == "content/fr/posts":  # no other bridge takes the name
        assert found == [("bridge.md", "fr"), ("x.md", "fr")]
    else:
        assert found == [("bridge-fr.md", "fr"), ("bridge.md", "en"), ("x.md", "fr")]


@pytest.mark.parametrize(
    ("config", "english", "french", "found"),
    [
        # By folder: it took bridge-2.md beside the English bridge, with no lang.
        (
            HUGO_LANGUAGE_FOLDERS["hugo.toml"],
            "en/posts/bridge.md",
            "fr/posts/pont.md",
            [
                ("bridge-fr.md", "fr", "its title and language: bridge is another post's"),
                ("bridge.md", "en", None),
            ],
        ),
        # By file name.
        (
            "defaultContentLanguage = 'en'\n[languages.en]\n[languages.fr]\n",
            "posts/pont.md",
            "posts/pont.fr.md",
            [("bridge.md", "fr", None), ("pont.md", None, None)],
        ),
    ],
    ids=["folder", "file-name"],
)
def test_a_hugo_document_without_front_matter_is_in_the_language_hugo_gives_it(
    tmp_path: Path, config: str, english: str, french: str, found: list[tuple[str, ...]]
) -> None:
    # Hugo publishes every content file in its folder's or its file name's language, one
    # without front matter too.
    site = tmp_path / "site"
    write(site, "hugo.toml", config)
    write(site / "content", english, "---\ntitle: Bridge\ndate: 2024-09-12\n---\nB.\n")
    text = "Bridge\n\n12 September 2024\n\nLe texte du billet, sur le pont de la ville.\n"
    write(site / "content", french, text)
    entries = import_documents([site], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert sorted((e.path.name, e.lang, e.named_from) for e in entries) == found


def import_hugo_site(
    site: Path, configs: dict[str, str], posts: Sequence[str]
) -> tuple[list[ImportedEntry], list[str]]:
    """The entries of a dry run importing `site`, holding the config files `configs` (name:
    text) and the `posts` in its content/, and the notes the import gave."""
    for name, text in configs.items():
        write(site, name, text)
    for name in posts:
        write(site / "content", name, "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n")
    notes: list[str] = []
    entries = import_documents(
        [site], site.parent / "entries", timezone=KYIV, dry_run=True, notes=notes
    )
    return entries, notes


HUGO_LANGUAGES = (
    "[languages.en]\ncontentDir = 'content/en'\n[languages.de]\ncontentDir = 'content/de'\n"
)


@pytest.mark.parametrize(
    "configs",
    [
        {"hugo.toml": "disableLanguages = ['de']\n" + HUGO_LANGUAGES},
        {
            "hugo.yaml": "languages:\n  en:\n    contentDir: content/en\n"
            "  de:\n    contentDir: content/de\n    disabled: true\n"
        },
        # Hugo's configuration directory, where production's settings win over _default's.
        {
            "config/_default/languages.toml": "[en]\ncontentDir = 'content/en'\n"
            "[de]\ncontentDir = 'content/de'\n",
            "config/production/languages.toml": "[de]\ndisabled = true\n",
        },
    ],
)
def test_a_language_a_hugo_site_disables_is_passed_over_as_hugo_does(
    tmp_path: Path, configs: dict[str, str]
) -> None:
    # Hugo publishes nothing of a disabled language: its documents were imported all the same.
    site = tmp_path / "site"
    posts = ("en/posts/bridge.md", "de/posts/bridge.md", "en/posts/solo.de.md")
    entries, notes = import_hugo_site(site, configs, posts)
    assert [(entry.path.name, entry.lang) for entry in entries] == [("bridge.md", "en")]
    shown = display_path(site / "content")
    assert notes == [
        "passed over 2 documents in a language its Hugo site's config disables (de), which Hugo "
        f"does not publish: {shown}/de/posts/bridge.md, {shown}/en/posts/solo.de.md. Name a "
        "file to import it all the same."
    ]
    named = [site / "content" / "de" / "posts" / "bridge.md"]
    (entry,) = import_documents(named, tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.lang == "de"


@pytest.mark.parametrize(
    "configs",
    [
        {"hugo.toml": "disableLanguages = ['fr']\n[languages.en]\n[languages.fr]\n"},
        {"hugo.toml": "[languages.en]\n[languages.FR]\nDisabled = true\n"},  # any case
        {"hugo.yaml": "languages:\n  en: {}\n  fr:\n    disabled: true\n"},
        {
            "config/_default/languages.toml": "[en]\n[fr]\n",
            "config/production/hugo.toml": "disableLanguages = ['fr']\n",
        },
    ],
)
def test_a_disabled_language_without_a_folder_is_known_by_its_file_names(
    tmp_path: Path, configs: dict[str, str]
) -> None:
    # With no contentDir, only `.fr` in a name says a document is in the language Hugo does
    # not publish: those are passed over, and nothing else, though `.js` is not a language.
    site = tmp_path / "site"
    names = ("bridge.md", "bridge.fr.md", "solo.fr.md", "b/index.md", "b/index.fr.md")
    names += ("notes.en.md", "node.js.md")
    entries, notes = import_hugo_site(site, configs, [f"posts/{name}" for name in names])
    posts = site / "content" / "posts"
    assert sorted((entry.path.name, entry.lang) for entry in entries) == [
        ("b.md", None),
        ("bridge.md", None),
        ("node-js.md", None),
        ("notes.md", "en"),
    ]
    shown = display_path(posts)
    assert notes == [
        "passed over 3 documents in a language its Hugo site's config disables (fr), which Hugo "
        f"does not publish: {shown}/b/index.fr.md, {shown}/bridge.fr.md, {shown}/solo.fr.md. "
        "Name a file to import it all the same."
    ]
    (entry,) = import_documents([posts / "solo.fr.md"], tmp_path / "e", timezone=KYIV, dry_run=True)
    assert (entry.path.name, entry.lang) == ("solo.md", "fr")


def test_six_documents_in_a_disabled_language_are_five_named_and_one_more(
    tmp_path: Path,
) -> None:
    # The note names five, so that a site's hundreds of them do not bury the rest of the
    # report, and counts the others: the sixth was left out unsaid.
    site = tmp_path / "site"
    names = [f"posts/p{number}.fr.md" for number in range(1, 7)]
    config = {"hugo.toml": "disableLanguages = ['fr']\n[languages.en]\n[languages.fr]\n"}
    _, notes = import_hugo_site(site, config, names)
    shown = display_path(site / "content" / "posts")
    assert notes == [
        "passed over 6 documents in a language its Hugo site's config disables (fr), which Hugo "
        f"does not publish: {shown}/p1.fr.md, {shown}/p2.fr.md, {shown}/p3.fr.md, "
        f"{shown}/p4.fr.md, {shown}/p5.fr.md and 1 more. Name a file to import it all the same."
    ]


def test_a_hugo_site_is_read_in_the_environment_hugo_builds_by_default(tmp_path: Path) -> None:
    # `hugo` builds in production: what staging disables was published, and is imported,
    # and the default language is not staging's (de), so the German bridge is the translation.
    site = tmp_path / "site"
    write(site, "config/_default/languages.toml", HUGO_LANGUAGES.replace("languages.", ""))
    write(site, "config/staging/languages.toml", "[de]\ndisabled = true\n")
    write(site, "config/staging/hugo.toml", "defaultContentLanguage = 'de'\n")
    for lang in ("en", "de"):
        write(site, f"content/{lang}/posts/bridge.md", "---\ntitle: T\ndate: 2024-09-12\n---\n")
    notes: list[str] = []
    entries = import_documents(
        [site], tmp_path / "entries", timezone=KYIV, dry_run=True, notes=notes
    )
    found = sorted((entry.path.name, entry.lang) for entry in entries)
    assert (found, notes) == ([("bridge-de.md", "de"), ("bridge.md", "en")], [])


def test_a_hugo_sites_language_folders_yield_to_a_posts_own_language(tmp_path: Path) -> None:
    # A file name's language, and front matter's lang:, say more than the folder.
    site = tmp_path / "site"
    write(site, "hugo.toml", HUGO_LANGUAGE_FOLDERS["hugo.toml"])
    write(site, "content/fr/a.md", "---\ntitle: T\ndate: 2024-09-12\nlang: fr-CA\n---\nB.\n")
    write(site, "content/fr/b.en.md", "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n")
    write(site, "notes/c.md", "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n")  # no language's
    entries = import_documents([site], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert sorted((entry.path.name, entry.lang) for entry in entries) == [
        ("a.md", "fr-CA"),
        ("b.md", "en"),
        ("c.md", None),
    ]


@pytest.mark.parametrize(
    ("unrelated", "site_mark", "home"),
    [
        # A config.yaml beside no folder of a Hugo site (content/, layouts/...): not Hugo's.
        ("sites/config.yaml", None, "/nonexistent"),
        ("hugo.toml", None, "sites"),  # the home folder, and those above it, are not looked in
        ("hugo.toml", "sites/blog/.git", "/nonexistent"),  # nor one above the repository's root
        ("hugo.toml", "sites/blog/content", "/nonexistent"),  # nor one above the site's root
    ],
)
def test_the_search_for_a_hugo_config_stops_at_the_sites_root(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    unrelated: str,
    site_mark: str | None,
    home: str,
) -> None:
    # A broken config in any folder above, up to /, was read, and said to be not read.
    monkeypatch.setenv("HOME", str(tmp_path / home))
    write(tmp_path, unrelated, "languages: [\n")
    if site_mark is not None:
        (tmp_path / site_mark).mkdir(parents=True)
    blog = tmp_path / "sites" / "blog"
    write(blog, "posts/bridge.md", "---\ntitle: T\ndate: 2024-09-12\n---\n")
    notes: list[str] = []
    imported = import_documents(
        [blog / "posts"], tmp_path / "entries", timezone=KYIV, dry_run=True, notes=notes
    )
    assert [entry.path.name for entry in imported] == ["bridge.md"]
    assert notes == []


def test_a_file_named_is_not_taken_for_a_folder_of_hugo_sites(tmp_path: Path) -> None:
    # Downloads/page.md named alone: the folders beside it are no concern of the import.
    write(tmp_path / "Downloads" / "old-site", "hugo.toml", "languages: [\n")
    page = write(tmp_path / "Downloads", "page.md", "---\ntitle: T\ndate: 2024-09-12\n---\n")
    notes: list[str] = []
    imported = import_documents(
        [page], tmp_path / "entries", timezone=KYIV, dry_run=True, notes=notes
    )
    assert [entry.path.name for entry in imported] == ["page.md"]
    assert notes == []


def test_hugo_yaml_post(tmp_path: Path) -> None:
    entry = only("hugo/content/posts/footbridge.md", into=tmp_path)
    assert entry.title == "Survey of the Footbridge"
    assert entry.date == datetime(2024, 9, 12, 8, 0, tzinfo=offset(3))
    assert entry.updated == datetime(2024, 9, 20, 10, 15, tzinfo=offset(3))  # lastmod
    assert entry.authors == (Author("Ana Petrova"), Author("Diego Marín"))
    assert entry.tags == ("bridges", "surveys", "infrastructure")
    assert entry.summary == "What the engineers found when they surveyed the old footbridge."
    assert entry.draft is True
    assert entry.left_out == ("weight",)
    assert entry.guessed == frozenset()
    assert entry.path == tmp_path / "2024" / "footbridge-survey.md"  # the post's own slug
    data, body = front_matter(entry.path)
    assert data == {
        "title": "Survey of the Footbridge",
        "date": datetime(2024, 9, 12, 8, 0, tzinfo=offset(3)),
        "updated": datetime(2024, 9, 20, 10, 15, tzinfo=offset(3)),
        "authors": [{"name": "Ana Petrova"}, {"name": "Diego Marín"}],
        "summary": "What the engineers found when they surveyed the old footbridge.",
        "tags": ["bridges", "surveys", "infrastructure"],
        "draft": True,
    }
    assert body == (
        "\nThe engineers spent two nights under the footbridge with torches and a\n"
        "borrowed cherry picker.\n"
    )


def test_hugo_toml_post(tmp_path: Path) -> None:
    entry = only("hugo/content/posts/night-market/index.md", into=tmp_path)
    assert entry.title == "Opening Night at the Night Market"
    assert entry.date == kyiv(2024, 10, 4, 19, 0)  # a TOML local date-time: Kyiv wall time
    assert entry.authors == (Author("Ana Petrova"),)
    assert entry.tags == ("markets", "food", "city life")
    assert entry.summary == "Forty stalls, one generator and a queue for dumplings."
    assert entry.draft is False
    assert entry.left_out == ("aliases",)
    assert entry.path == tmp_path / "2024" / "night-market.md"  # Hugo's URL: its folder
    data, _ = front_matter(entry.path)
    assert data["date"] == "2024-10-04 19:00"  # staticfeed reads it in the config's zone


def test_pelican_post(tmp_path: Path) -> None:
    entry = only("pelican/tide-pools.md", into=tmp_path)
    assert entry.title == "Tide Pools at Low Water"
    assert entry.date == kyiv(2022, 7, 18, 6, 45)
    assert entry.updated == kyiv(2022, 7, 19, 9, 0)
    assert entry.authors == (Author("Ruth Evans"), Author("Kwame Mensah"))
    assert entry.tags == ("tide pools", "coast", "walks", "Nature")
    assert entry.summary == "A dawn walk among the rock pools below the lighthouse."
    assert entry.draft is True  # Status: draft
    assert entry.left_out == ()
    assert entry.guessed == frozenset()
    assert entry.body == (
        "The best pools are the ones the gulls have not found yet. At low water\n"
        "the rocks below the lighthouse hold a dozen of them.\n"
    )
    assert entry.named_from == "save_as walks/tide-pools.html"
    assert entry.path == tmp_path / "2022" / "tide-pools.md"  # where Pelican saved it


def test_a_pelican_header_with_a_key_of_its_own_is_still_a_header(tmp_path: Path) -> None:
    # "Series:" made the header pasted text: the title became "Series: Pelican basics".
    text = (
        "Title: My super title\nDate: 2025-10-03 10:20\nTags: pelican, publishing\n"
        "Series: Pelican basics\n\nThis is the content of my super blog post.\n"
    )
    (entry,) = import_text(tmp_path, text, "post.md")
    assert (entry.title, entry.tags) == ("My super title", ("pelican", "publishing"))
    assert entry.date == kyiv(2025, 10, 3, 10, 20)
    assert entry.left_out == ("series",)
    assert entry.body == "This is the content of my super blog post.\n"


def test_a_post_without_title_or_author_takes_them_from_its_text(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        """\
        ---
        date: 2024-11-02
        tags: [harbour]
        ---
        # Winter Moorings

        By Ann Lee

        The boats come out of the water in November.
        """,
        name="post.md",
    )
    assert entry.title == "Winter Moorings"
    assert entry.authors == (Author("Ann Lee"),)
    assert entry.date == kyiv(2024, 11, 2)
    assert entry.guessed == {"title", "authors"}
    assert entry.body == "The boats come out of the water in November.\n"


@pytest.mark.parametrize(
    "author",
    [
        '"Ann Lee (ann@example.org)"',
        '{name: "Ann Lee (ann@example.org)"}',
        '"Ann Lee ann@example.org"',
        # Without the comma and full stop around the address: "Ann Lee, ." was imported.
        '"Ann Lee, ann@example.org."',
        '{name: "Ann Lee - ann@example.org"}',
        # Without a mail header's quotes around the name, which the feeds showed.
        "'\"Ann Lee\" ann@example.org'",
        "'\"Ann Lee\" <ann@example.org>'",
        # Without a bracket never closed: "Ann (" was imported.
        '"Ann Lee (ann@example.org"',
        # A semicolon that parts the address from the name parts no two people.
        '"Ann Lee; ann@example.org"',
    ],
)
def test_an_address_in_a_posts_author_becomes_the_email(tmp_path: Path, author: str) -> None:
    # A build refuses a name with an address in it; the import wrote it, and the build failed.
    post = write(
        tmp_path / "_posts",
        "2024-09-12-moorings.md",
        f"---\ntitle: Moorings\ndate: 2024-09-12\nauthor: {author}\n---\nThe boats.\n",
    )
    (entry,) = import_documents([post], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.authors == (Author("Ann Lee", "ann@example.org"),)
    config_path = write(tmp_path, "staticfeed.toml", BASIC_CONFIG)
    (read,) = read_entries(load_config(config_path), tmp_path / "entries").entries
    assert [(a.name, a.email) for a in read.authors] == [("Ann Lee", "ann@example.org")]


@pytest.mark.parametrize(
    ("author", "first", "second"),
    [
        # Imported as one person, "李安、陈波", whom the build published so: no name holds the
        # mark Chinese and Japanese text list names with.
        ("李安、陈波 <chen@example.org>", "李安", "陈波"),
        # Imported as one person "Ann Lee; Bo Chen"; the build now refuses that text.
        ("Ann Lee; Bo Chen <chen@example.org>", "Ann Lee", "Bo Chen"),
    ],
    ids=["ideographic-comma", "semicolon"],
)
def test_a_posts_authors_parted_by_a_mark_are_each_an_author(
    tmp_path: Path, author: str, first: str, second: str
) -> None:
    post = write(
        tmp_path / "_posts",
        "2024-09-12-moorings.md",
        f"---\ntitle: Moorings\ndate: 2024-09-12\nauthor: {author}\n---\nHi.\n",
    )
    (entry,) = import_documents([post], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.authors == (Author(first), Author(second, "chen@example.org"))
    config_path = write(tmp_path, "staticfeed.toml", BASIC_CONFIG)
    (read,) = read_entries(load_config(config_path), tmp_path / "entries").entries
    assert [(a.name, a.email) for a in read.authors] == [
        (first, None),
        (second, "chen@example.org"),
    ]


def test_posts_without_guesses_are_read_by_staticfeed(tmp_path: Path) -> None:
    into = tmp_path / "entries"
    entries = run("jekyll", "hugo", "pelican", into=into)
    assert all(not entry.guessed for entry in entries)
    config_path = write(tmp_path, "staticfeed.toml", BASIC_CONFIG + 'timezone = "Europe/Kyiv"\n')
    read = read_entries(load_config(config_path), into).entries
    by_title = {entry.title: entry for entry in read}
    assert sorted(by_title) == sorted(entry.title for entry in entries)
    footbridge = by_title["Survey of the Footbridge"]
    assert footbridge.draft is True
    assert footbridge.published == datetime(2024, 9, 12, 5, 0, tzinfo=UTC)
    assert by_title["Opening Night at the Night Market"].published == kyiv(2024, 10, 4, 19, 0)


# ---------------------------------------------------------------------------------------------
# HTML pages


def test_html_article_with_navigation_asides_and_comments(tmp_path: Path) -> None:
    entry = only("html/mending-nets.html", into=tmp_path)
    assert entry.title == "Mending Nets on the North Pier"  # og:title
    assert entry.date == datetime(2024, 3, 2, 7, 30, tzinfo=UTC)  # article:published_time
    # meta author; the email comes from the bio in the article's footer, hence the review.
    assert entry.authors == (Author("Eilidh MacLeod", "eilidh@example.org"),)
    assert entry.summary == "A morning with the last net menders of the north pier."
    assert entry.link == "https://coastline.example.org/2024/03/mending-nets/"
    assert entry.guessed == {"authors"}
    assert entry.body == (
        "At half past seven the pier is empty except for **two men** and a heap of orange net "
        "that looks, from a distance, like a spilled cargo of carrots.\n\n"
        "## A Trade Without Apprentices\n\n"
        "Both learned the work from their fathers. Neither has anyone to teach it to, and the "
        "[harbour jobs survey](https://coastline.example.org/2023/11/harbour-jobs/) from last "
        "year found no one under forty in the trade.\n\n"
        "> You can tell a net by its knots, the way you can tell a writer by their commas.\n\n"
        "- Needles carved from *whalebone* are still in use.\n"
        "- A torn trawl takes two days to mend.\n"
    )


def test_html_page_without_article_markup(tmp_path: Path) -> None:
    entry = only("html/ropewalk.htm", into=tmp_path)
    assert entry.title == "The Ropewalk Reopens"  # <title> without the site's name: a guess
    assert entry.date == kyiv(2023, 5, 12)  # "Published 12 May 2023" in the text
    assert entry.authors == (Author("Tom Barker"),)
    assert entry.source_line == "Originally published by the Tanner's Lane Bulletin"
    assert entry.guessed == {"title", "date", "authors", "source"}
    assert entry.body == (  # windows-1252, as the page declares; no comments, no sidebar
        "The ropewalk on Tanner's Lane is three hundred metres long and, for most of the last "
        "century, was the longest building in the county that nobody could name.\n\n"
        "### From Hemp to Hall\n\n"
        "After the rope makers left in 1962 it served as a furniture store, a skating rink and, "
        "for one winter, a church. Now the town has bought it for \u00a31, with the caf\u00e9 by "
        "the gate, and a promise to fix the roof.\n\n"
        "The first event is a fair on 3 June. Details are on the [events page](events.html).\n\n"
        "*Originally published by the Tanner's Lane Bulletin.*\n"
    )


@pytest.mark.parametrize(
    ("times", "guessed"),
    [
        ('<time datetime="2024-02-01T09:00:00+01:00">1 Feb</time>', frozenset()),
        (
            '<time datetime="2024-02-01T09:00:00+01:00">1 Feb</time> and '
            '<time datetime="2024-02-03">3 Feb</time>',
            frozenset({"date"}),  # several dates on the page: the first, for review
        ),
    ],
)
def test_html_date_from_a_time_element(tmp_path: Path, times: str, guessed: frozenset[str]) -> None:
    source = write(
        tmp_path,
        "page.html",
        "<html><head><title>Harbour Notes</title></head><body>"
        '<div class="teaser"><article><p>A short teaser for another post.</p></article></div>'
        f"<article><h1>Harbour Notes</h1><p>{times}</p>"
        "<p>The longest article on the page is the one that is imported.</p>"
        "<p>By Ann Lee, a reporter who writes about the harbour, in March.</p></article>"
        "</body></html>",
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.title == "Harbour Notes"  # the <h1>, the same as the <title>
    assert entry.date == datetime(2024, 2, 1, 9, 0, tzinfo=offset(1))
    assert entry.guessed == guessed
    assert entry.body == (
        f"{'1 Feb and 3 Feb' if guessed else '1 Feb'}\n\n"
        "The longest article on the page is the one that is imported.\n\n"
        "By Ann Lee, a reporter who writes about the harbour, in March.\n"
    )


def test_html_code_lines_formulas_and_lazy_images_survive(tmp_path: Path) -> None:
    # A WordPress page: its code became one line, mc<sup>2</sup> became mc2, and lazy images
    # became their 1-pixel placeholder or nothing.
    source = write(
        tmp_path,
        "page.html",
        """\
        <html><head><title>Physics</title>
        <meta property="article:published_time" content="2025-03-01T10:00:00+00:00"></head>
        <body><article><h1>Physics</h1>
        <p>E = mc<sup>2</sup> and H<sub>2</sub>O.</p>
        <pre>sudo apt update<br>sudo apt install nginx<br/>systemctl start nginx</pre>
        <p><img src="data:image/gif;base64,R0lGOD" data-src="https://x.test/a.jpg" alt="A">
        <img data-lazy-src="https://x.test/b.jpg" alt="B"></p>
        </article></body></html>
        """,
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.body == (
        "E = mc<sup>2</sup> and H<sub>2</sub>O.\n\n"
        "```\nsudo apt update\nsudo apt install nginx\nsystemctl start nginx\n```\n\n"
        "![A](https://x.test/a.jpg) ![B](https://x.test/b.jpg)\n"
    )


def test_a_lazy_image_gets_its_real_address_over_a_placeholder_file(tmp_path: Path) -> None:
    # jQuery Lazy Load's own example: src is a grey.gif shown until the script swaps in
    # data-original; importing the grey.gif would publish a grey square.
    source = write(
        tmp_path,
        "page.html",
        """\
        <html><head><title>Harbour</title>
        <meta property="article:published_time" content="2025-03-01T10:00:00+00:00"></head>
        <body><article><h1>Harbour</h1><p>The harbour at dawn.</p>
        <p><img src="img/grey.gif" data-original="https://x.test/dawn.jpg" alt="Dawn"></p>
        </article></body></html>
        """,
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.body == "The harbour at dawn.\n\n![Dawn](https://x.test/dawn.jpg)\n"


@pytest.mark.parametrize(
    "names_the_post",
    [
        '<meta property="og:site_name" content="Ann&#039;s Lab Notes">',
        '<script type="application/ld+json">{"@type": "Article", "headline": "E = mc2, explained"}'
        "</script>",
    ],
    ids=["og-site-name", "json-ld-headline"],
)
def test_an_og_title_with_the_site_name_gives_the_posts_own(
    tmp_path: Path, names_the_post: str
) -> None:
    # Yoast writes og:title "Post - Site": the title kept the site's name, and pin --from could
    # not match it with the post in the site's own feed.
    source = write(
        tmp_path,
        "page.html",
        f"""\
        <html><head><title>E = mc2, explained - Ann&#039;s Lab Notes</title>
        <meta property="og:title" content="E = mc2, explained - Ann&#039;s Lab Notes">
        {names_the_post}
        <meta property="article:published_time" content="2025-03-01T10:00:00+00:00"></head>
        <body><article><h1>E = mc2, explained</h1><p>Text.</p></article></body></html>
        """,
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.title == "E = mc2, explained"


def test_html_markup_that_markdown_would_misread_is_escaped(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "page.html",
        """\
        <html><head><title>Escapes</title>
        <meta property="article:published_time" content="2024-01-05">
        <script type="application/ld+json">
        {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Ann Lee"}],
         "keywords": "harbour, weather"}
        </script></head>
        <body><article>
        <p>Use *stars* and _underscores_ in snake_case, [brackets] and a <code>x*y</code>.</p>
        <p>1. This is not a list.</p>
        <p># Nor a heading, and &lt;b&gt; is not a tag.</p>
        <p>Line one<br>line two</p>
        <ol><li>First</li><li>Second <a href="https://example.org/a b">link</a></li></ol>
        <pre><code>code  stays   as it is</code></pre>
        <p><img src="/img/map.png" alt="The map"></p>
        </article></body></html>
        """,
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert entry.title == "Escapes"
    assert entry.date == kyiv(2024, 1, 5)
    assert entry.authors == (Author("Ann Lee"),)  # JSON-LD
    assert entry.tags == ("harbour", "weather")
    assert entry.guessed == frozenset()
    assert entry.body == (
        "Use \\*stars\\* and \\_underscores\\_ in snake_case, \\[brackets\\] and a `x*y`.\n\n"
        "1\\. This is not a list.\n\n"
        "\\# Nor a heading, and \\<b> is not a tag.\n\n"
        "Line one\\\nline two\n\n"
        "1. First\n"
        "2. Second [link](<https://example.org/a b>)\n\n"
        "```\ncode  stays   as it is\n```\n\n"
        "![The map](/img/map.png)\n"
    )


# ---------------------------------------------------------------------------------------------
# Files: what is written where, and what never changes


def test_folders_are_imported_whole(tmp_path: Path) -> None:
    entries = import_documents([FIXTURES], tmp_path / "entries", timezone=KYIV, dry_run=False)
    written = sorted(
        p.relative_to(tmp_path / "entries").as_posix() for p in (tmp_path / "entries").rglob("*.md")
    )
    assert written == sorted(e.path.relative_to(tmp_path / "entries").as_posix() for e in entries)
    assert len(entries) == 12
    for entry in entries:
        data, body = front_matter(entry.path)
        assert data["title"] == entry.title
        assert body.lstrip("\n") == entry.body
        assert data.get("review", []) == [
            name
            for name in ("title", "date", "updated", "authors", "summary", "tags", "source")
            if name in entry.guessed
        ]
        assert entry.path.read_text(encoding="utf-8") == entry.document


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    into = tmp_path / "entries"
    planned = import_documents([FIXTURES], into, timezone=KYIV, dry_run=True)
    assert not into.exists()
    written = import_documents([FIXTURES], into, timezone=KYIV, dry_run=False)
    assert planned == written


def test_sources_are_never_changed(tmp_path: Path) -> None:
    def hashes() -> dict[str, str]:
        return {
            path.relative_to(FIXTURES).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(FIXTURES.rglob("*"))
            if path.is_file()
        }

    before = hashes()
    import_documents([FIXTURES], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert hashes() == before


def test_an_existing_entry_is_never_overwritten(tmp_path: Path) -> None:
    into = tmp_path / "entries"
    existing = write(into, "2025/the-allotment-that-fed-a-street.md", "mine\n")
    other = write(into, "2024/notes-from-the-night-ferry.txt", "mine too\n")  # the same id
    with pytest.raises(ManyErrors) as raised:
        import_documents(
            [FIXTURES / "pasted-page.txt", FIXTURES / "pasted-title-first.txt"],
            into,
            timezone=KYIV,
            dry_run=False,
        )
    messages = [str(error) for error in raised.value.errors]
    fix = (
        "staticfeed import never overwrites an entry: move or rename it, or delete it if it is "
        "an earlier import of the same document."
    )
    page, ferry = (
        display_path(FIXTURES / name) for name in ("pasted-page.txt", "pasted-title-first.txt")
    )
    assert messages == [  # by path, as every list of errors
        f"{other}: the entry already exists: importing {ferry} would write "
        f"{other.with_suffix('.md')}, an entry with the same id. {fix}",
        f"{existing}: the entry already exists: importing {page} would overwrite it. {fix}",
    ]
    assert existing.read_text(encoding="utf-8") == "mine\n"
    assert other.read_text(encoding="utf-8") == "mine too\n"
    # Nothing at all was written, not even the second article of the page.
    assert sorted(p.name for p in into.rglob("*") if p.is_file()) == [
        "notes-from-the-night-ferry.txt",
        "the-allotment-that-fed-a-street.md",
    ]


def _in_2024(into: Path, fd: int) -> bool:
    """Whether the open file `fd` is in the year folder 2024 of `into` (a temporary file)."""
    return Path(os.readlink(f"/proc/self/fd/{fd}")).parent == into / "2024"


@pytest.mark.parametrize("half_written", [False, True])
def test_an_entry_that_cannot_be_written_undoes_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, half_written: bool
) -> None:
    # Half an entry left behind would be refused by build, and the next import would refuse
    # to overwrite it; the year folders it made, empty, stayed in entries/.
    into = tmp_path / "entries"
    into.mkdir()
    opened, synced = os.open, os.fsync

    def disk_full_as_2024_opens(path: str, *args: int, **kwargs: int) -> int:
        if Path(path).parent == into / "2024":
            raise OSError(errno.ENOSPC, "No space left on device")
        return opened(path, *args, **kwargs)

    def disk_full_as_2024_is_saved(fd: int) -> None:
        if _in_2024(into, fd):  # its text written, as far as the disk had room
            raise OSError(errno.ENOSPC, "No space left on device")
        synced(fd)

    if half_written:
        monkeypatch.setattr(os, "fsync", disk_full_as_2024_is_saved)
    else:
        monkeypatch.setattr(os, "open", disk_full_as_2024_opens)
    with pytest.raises(ImportProblem) as raised:
        run("pelican", "hugo", into=into)  # 2022 first, then 2024
    assert raised.value.message == "cannot write the entry (No space left on device)"
    assert list(into.iterdir()) == []


def test_ctrl_c_as_an_entry_is_written_undoes_the_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The entries written before it stayed, and the one being written was left half written.
    into = tmp_path / "entries"
    (into / "2022").mkdir(parents=True)
    (into / "2022" / "mine.md").write_text("mine\n")
    synced = os.fsync

    def ctrl_c_as_2024_is_saved(fd: int) -> None:
        if _in_2024(into, fd):
            raise KeyboardInterrupt
        synced(fd)

    monkeypatch.setattr(os, "fsync", ctrl_c_as_2024_is_saved)
    with pytest.raises(KeyboardInterrupt):
        run("pelican", "hugo", into=into)  # 2022 first, then 2024
    # The folder 2022 was there before, with the author's file: both stay.
    assert sorted(p.relative_to(into).as_posix() for p in into.rglob("*")) == [
        "2022",
        "2022/mine.md",
    ]


def test_a_file_where_a_year_folder_goes_is_found_before_anything_is_written(
    tmp_path: Path,
) -> None:
    into = tmp_path / "entries"
    write(into, "2024", "a file where the folder of 2024 belongs\n")
    with pytest.raises(ManyErrors) as raised:
        run("pelican", "hugo", into=into)  # 2022 first, then 2024
    assert {error.path for error in raised.value.errors} == {into / "2024"}
    assert [p for p in into.rglob("*") if p.is_file()] == [into / "2024"]


def test_two_entries_of_one_import_with_the_same_title(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    write(sources, "a.txt", "Harbour Notes\n1 March 2025\nThe first one, a whole sentence.\n")
    write(sources, "b.txt", "Harbour Notes\n2 March 2025\nThe second one, a sentence.\n")
    first, second = import_documents([sources], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert first.path == tmp_path / "entries" / "2025" / "harbour-notes.md"
    assert second.path == tmp_path / "entries" / "2025" / "harbour-notes-2.md"


def test_a_folder_does_not_import_the_entries_inside_it(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", "Harbour Notes\n1 March 2025\nA whole sentence of text.\n")
    write(tmp_path, "entries/2024/old.md", "---\ntitle: Old\ndate: 2024-01-01\n---\nOld.\n")
    (entry,) = import_documents([tmp_path], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.source == tmp_path / "notes.txt"


def test_missing_sources_and_empty_folders_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "picture.png").write_bytes(b"\x89PNG")
    with pytest.raises(ManyErrors) as raised:
        import_documents(
            [tmp_path / "missing.txt", tmp_path / "empty"],
            tmp_path / "entries",
            timezone=KYIV,
            dry_run=False,
        )
    assert [(error.path, error.message) for error in raised.value.errors] == [  # by path
        (tmp_path / "empty", "the folder holds no document to import"),
        (tmp_path / "missing.txt", "no such file or folder"),
    ]


@pytest.mark.parametrize(
    ("text", "offset", "line"),
    [
        ("Caf\u00e9 Notes\n1 March 2025\nText.\n", 3, 1),
        # Lines ended by CR alone (classic Mac OS) are lines, as the build counts them: line 1
        # was named for every byte.
        ("Notes\r1 March 2025\rCaf\u00e9.\r", 22, 3),
    ],
    ids=["lf", "cr"],
)
def test_a_file_that_is_not_utf8_is_an_error(
    tmp_path: Path, text: str, offset: int, line: int
) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes(text.encode("latin-1"))
    with pytest.raises(ManyErrors) as raised:
        import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    (error,) = raised.value.errors
    assert (error.message, error.line) == (
        f"the file is not valid UTF-8 (byte offset {offset})",
        line,
    )


# ---------------------------------------------------------------------------------------------
# Any document: entries staticfeed can read, or errors, never a traceback

PIECES = [
    "",
    "By Ann Lee and Bo Chen",
    "Monday, December 22, 2025",
    "# A Heading",
    "Short Title Line",
    "A paragraph that ends with a full stop, as paragraphs do.",
    "glued to the end of a long enough sentence.The quote starts here and goes on",
    "Ann Lee is a journalist. She can be reached at ann@example.org.",
    "Originally published by the Harbour Gazette.",
    "No comments:",
    "Email ThisBlogThis!Share to XShare to Facebook",
    "Labels: harbour, gulls",
    "Related",
    "- a list item",
    "> a quote",
    "```",
    "    indented code",
    "---",
    "+++",
    "Title: Pelican",
    "Date: 2025-01-01",
    "<html><body><article><p>x</p></article></body></html>",
    "<p>By Ann Lee</p>",
    'title: "\\u2028"',
    "\x7f\x85\u2028\ufeff",
    "*_\\`[]<b>&amp;",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=20),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_any_document_gives_readable_entries_or_errors(lines: list[str], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "source" + suffix)
        data = "\n".join(lines).encode("utf-8", "replace")
        source.write_bytes(data)
        try:
            entries = import_documents(
                [source], Path(folder, "entries"), timezone=KYIV, dry_run=False
            )
        except ManyErrors as errors:
            assert all(error.path is not None for error in errors.errors)
            return
        assert source.read_bytes() == data
        for entry in entries:
            document = split(entry.path.read_text(encoding="utf-8"))
            assert document.metadata["title"] == entry.title
            assert entry.title.strip()
            assert document.body.strip() == entry.body.strip()
            assert document.metadata.get("review", []) == [
                name
                for name in ("title", "date", "updated", "authors", "tags", "source")
                if name in entry.guessed
            ]


# Any text but a lone surrogate, which no file holds; it is imported on its own below.
_ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=12)


def _front_matter_read_back(document: str) -> dict[str, object]:
    """The front matter of an imported entry's `document`, read by PyYAML alone."""
    _, front, _ = document.split("---\n", 2)
    read = yaml.safe_load(front)
    assert isinstance(read, dict)
    return read


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_ANY_TEXT, name=_ANY_TEXT, tags=st.lists(_ANY_TEXT, max_size=3))
def test_every_imported_title_tag_and_author_reads_back_as_itself(
    title: str, name: str, tags: list[str]
) -> None:
    # What import reports it took is what the entry it writes says, to any YAML reader: JSON's
    # escapes (ensure_ascii) write every character in the source, as YAML 1.2 reads them.
    post = "\n".join(
        [
            "---",
            f"title: {json.dumps(title)}",
            "date: 2025-01-01",
            f"author: {json.dumps(name)}",
            f"tags: {json.dumps(tags)}",
            "---",
            "Text.\n",
        ]
    )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "_posts", "2025-01-01-post.md")
        source.parent.mkdir()
        source.write_text(post, encoding="utf-8")
        try:
            (entry,) = import_documents(
                [source], Path(folder, "entries"), timezone=KYIV, dry_run=True
            )
        except ManyErrors:
            return  # a title of spaces, say: an error, which other tests check
    read = _front_matter_read_back(entry.document)
    assert read["title"] == entry.title
    assert read.get("tags", []) == list(entry.tags)
    assert [
        Author(name=each["name"], email=each.get("email"), uri=each.get("uri"))
        for each in read.get("authors", [])
    ] == list(entry.authors)


def test_a_lone_surrogate_in_an_imported_title_is_written_as_an_escape(tmp_path: Path) -> None:
    # YAML's "\ud800" is half a character: written as it is, no file could hold it.
    source = write(
        tmp_path / "_posts",
        "2025-01-01-a.md",
        '---\ntitle: "A\\ud800B"\ndate: 2025-01-01\n---\nText.\n',
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.title == "A\ud800B"
    assert _front_matter_read_back(entry.path.read_text(encoding="utf-8"))["title"] == "A\ud800B"


def test_raw_tags_in_code_are_taken_out_as_liquid_takes_them_out(tmp_path: Path) -> None:
    # Liquid reads the whole file before Markdown: readers saw {% raw %} lines in the code.
    body = (
        "```liquid\n{% raw %}\n{{ page.title }}\n{% endraw %}\n```\n\n"
        "{% highlight html %}\n{% raw %}<p>{{ site.title }}</p>{% endraw %}\n{% endhighlight %}\n"
    )
    source = write(
        tmp_path / "site" / "_posts", "2025-01-01-raw.md", f"---\ntitle: Raw\n---\n{body}"
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert entry.body == (
        "```liquid\n\n{{ page.title }}\n\n```\n\n```html\n<p>{{ site.title }}</p>\n```\n"
    )


# Lines a post's body may hold around highlight tags, well-formed or not.
BODY_LINES = [
    *("{% highlight ruby %}", "{% endhighlight %}", "{{< highlight go >}}", "{{< /highlight >}}"),
    *("```", "~~~", "````py", "{% raw %}", "{% endraw %}", "`x`", "code ```", "", "text", "é"),
]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(lines=st.lists(st.sampled_from(BODY_LINES), max_size=20))
def test_highlight_blocks_keep_every_line_and_convert_once(lines: list[str]) -> None:
    """Converting keeps the body's line count (review lines and check's lines stay right),
    converting again changes nothing, and a body without template code is left alone."""
    body = "\n".join(lines)
    once = fenced(body)
    assert once.count("\n") == body.count("\n")
    assert fenced(once) == once
    if "{" not in body:
        assert once == body


def imported_post(folder: Path, text: str) -> ImportedEntry:
    """The entry a dry run imports from `folder`/post.md, holding `text`, in UTC."""
    source = write(folder, "post.md", text)
    (entry,) = import_documents([source], folder / "entries", timezone=UTC, dry_run=True)
    return entry


@pytest.mark.parametrize("opening", ["--- ", "+++\t"])
def test_front_matter_opened_with_a_trailing_space_is_read_as_front_matter(
    tmp_path: Path, opening: str
) -> None:
    # Editors leave a space after `---`; Hugo and Jekyll still read the front matter.
    key = (
        "title: Spaced\ndate: 2025-01-02"
        if opening.startswith("-")
        else ('title = "Spaced"\ndate = 2025-01-02')
    )
    closing = opening.strip()
    source = write(tmp_path, "a.md", f"{opening}\n{key}\n{closing}\nBody.\n")
    (entry,) = import_documents([source], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert (entry.title, entry.date, entry.guessed) == (
        "Spaced",
        datetime(2025, 1, 2, tzinfo=UTC),
        frozenset(),
    )
    assert entry.body == "Body.\n"


def test_a_permalink_without_a_name_leaves_the_name_to_the_slug(tmp_path: Path) -> None:
    # `permalink: /` (a site's home page) ends in no name: the post's slug: names it.
    text = "---\ntitle: Home\ndate: 2025-01-02\npermalink: /\nslug: welcome\n---\nHi.\n"
    source = write(tmp_path, "index.md", text)
    (entry,) = import_documents([source], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert (entry.path.name, entry.named_from) == ("welcome.md", None)


def test_a_page_saved_as_text_after_a_bom_and_blank_lines_is_read_as_html(
    tmp_path: Path,
) -> None:
    # Its markup was imported as the text of the entry.
    page = (
        "\ufeff\n  <!DOCTYPE html><html><head><title>Saved page</title>"
        '<meta name="date" content="2025-01-02"></head>'
        "<body><p>The text of the page.</p></body></html>\n"
    )
    source = write(tmp_path, "page.txt", page)
    (entry,) = import_documents([source], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert (entry.title, entry.body) == ("Saved page", "The text of the page.\n")


def test_an_empty_title_or_date_in_front_matter_is_taken_as_none(tmp_path: Path) -> None:
    # As Jekyll does: the title and date of the file name, not a blank title build refuses.
    text = '---\ntitle: ""\ndate:\n---\nHi.\n'
    source = write(tmp_path / "_posts", "2025-03-01-hello-world.md", text)
    (entry,) = import_documents([source], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert (entry.title, entry.date) == ("Hello World", datetime(2025, 3, 1, tzinfo=UTC))


@pytest.mark.parametrize(
    ("text", "draft", "left_out"),
    [
        ('---\ntitle: T\ndate: 2025-01-02\ndraft: "yes"\n---\nB.\n', True, ()),
        ('---\ntitle: T\ndate: 2025-01-02\ndraft: "false"\n---\nB.\n', False, ()),
        # A draft stays one, whatever else says it is published.
        ("---\ntitle: T\ndate: 2025-01-02\ndraft: true\npublished: true\n---\nB.\n", True, ()),
        ("---\ntitle: T\ndate: 2025-01-02\ndraft: true\nstatus: published\n---\nB.\n", True, ()),
        ("Title: T\nDate: 2025-01-02\nStatus: draft\n\nB.\n", True, ()),
        # Pelican's hidden status has no staticfeed equivalent: said, not taken for published.
        ("Title: T\nDate: 2025-01-02\nStatus: hidden\n\nB.\n", False, ("status",)),
    ],
)
def test_a_post_is_a_draft_as_its_generator_reads_its_flags(
    tmp_path: Path, text: str, draft: bool, left_out: tuple[str, ...]
) -> None:
    entry = imported_post(tmp_path, text)
    assert (entry.draft, entry.left_out) == (draft, left_out)


def test_front_matter_authors_under_both_keys_and_other_tools_names_are_all_kept(
    tmp_path: Path,
) -> None:
    text = (
        "---\ntitle: T\ndate: 2025-01-02\n"
        "authors:\n  - display_name: Ann Lee\n    website: https://ann.example.org/\n"
        "author:\n  name: Bob Ray\n  url: https://bob.example.org/\n"
        "summary: |\n  One line\n  and another\n---\nB.\n"
    )
    entry = imported_post(tmp_path, text)
    assert entry.authors == (
        Author("Ann Lee", uri="https://ann.example.org/"),
        Author("Bob Ray", uri="https://bob.example.org/"),
    )
    assert entry.summary == "One line and another"  # build takes a summary on one line
    written = yaml.safe_load(entry.document.split("---\n")[1])
    assert written["authors"] == [
        {"name": "Ann Lee", "uri": "https://ann.example.org/"},
        {"name": "Bob Ray", "uri": "https://bob.example.org/"},
    ]


def test_an_update_at_the_date_is_kept_and_a_wrong_one_is_named_at_its_line(
    tmp_path: Path,
) -> None:
    kept = write(
        tmp_path, "a.md", "---\ntitle: T\ndate: 2025-01-02\nlastmod: 2025-01-02\n---\nB.\n"
    )
    (entry,) = import_documents([kept], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert (entry.updated, entry.left_out) == (datetime(2025, 1, 2, tzinfo=UTC), ())
    wrong = write(tmp_path, "b.md", "---\ntitle: T\ndate: 2025-01-02\nlastmod: soon\n---\nB.\n")
    with pytest.raises(ManyErrors) as raised:
        import_documents([wrong], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert [(error.path, error.line) for error in raised.value.errors] == [(wrong, 4)]


def test_addresses_in_author_names_tags_twice_and_a_permalink_beside_a_link(
    tmp_path: Path,
) -> None:
    text = (
        "---\ntitle: T\ndate: 2025-01-02\n"
        "author:\n  - name: ann@example.org\n  - name: Bo Ray (bo@example.org)\n"
        "    email: own@example.org\n"
        "tags: [Python]\ncategories: [python, Web]\n"
        "permalink: /history/cranes/\nlink: https://example.org/cranes\n---\nB.\n"
    )
    entry = imported_post(tmp_path, text)
    # An address alone stays the name, for build to say what to write; one in a name is its
    # email, unless the author has one of its own.
    assert entry.authors == (Author("ann@example.org"), Author("Bo Ray", "own@example.org"))
    assert (entry.tags, entry.guessed) == (("Python", "Web"), frozenset())  # nothing to review
    assert (entry.path.name, entry.link, entry.left_out) == (
        "cranes.md",
        "https://example.org/cranes",
        (),
    )


def test_characters_yaml_reads_otherwise_are_written_escaped(tmp_path: Path) -> None:
    # Raw in the entry, U+FEFF made it unreadable and U+0085 a line break.
    title = "Zero\ufeffwidth, next\x85line, delete\x7f"
    escaped = r"Zero\ufeffwidth, next\x85line, delete\x7f"  # as YAML takes them in a source
    source = write(tmp_path, "post.md", f'---\ntitle: "{escaped}"\ndate: 2025-01-02\n---\nB.\n')
    (entry,) = import_documents([source], tmp_path / "entries", timezone=UTC, dry_run=False)
    written = entry.path.read_text(encoding="utf-8")
    assert yaml.safe_load(written.split("---\n")[1])["title"] == title


def test_an_entry_that_appears_while_importing_is_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    into = tmp_path / "entries"
    source = write(tmp_path, "cranes.md", "---\ntitle: Cranes\ndate: 2025-01-02\n---\nB.\n")
    made = Path.mkdir

    def and_someone_writes_it(path: Path, *args: object, **kwargs: object) -> None:
        made(path, *args, **kwargs)  # type: ignore[arg-type]
        if path == into / "2025":
            (path / "cranes.md").write_text("theirs\n", encoding="utf-8")

    monkeypatch.setattr(Path, "mkdir", and_someone_writes_it)
    with pytest.raises(ImportProblem) as raised:
        import_documents([source], into, timezone=UTC, dry_run=False)
    assert raised.value.message == "the entry appeared while importing, and is left as it is"
    assert (into / "2025" / "cranes.md").read_text(encoding="utf-8") == "theirs\n"


@pytest.mark.parametrize(
    ("keys", "name", "kept", "left_out"),
    [
        # A slug is a file name: slugified, never a path out of entries/.
        ("slug: ../../Escape Me!\n", "escape-me.md", {}, ()),
        (
            "images: [https://example.org/a.png]\n",
            "post.md",
            {"image": "https://example.org/a.png"},
            (),
        ),
        ("image: ' '\n", "post.md", {"image": None}, ("image",)),
        (
            "cover: data:image/png;base64,AAAA\n",
            "post.md",
            {"image": None},
            ("cover (not an http(s) URL)",),
        ),
        ("lang: en_US\n", "post.md", {"lang": None}, ("lang (not a language tag)",)),
        ("tags: [python, Python]\n", "post.md", {"tags": ("python",)}, ()),
        ("author:\n  name: Ann\n  url: /about/\n", "post.md", {"authors": (Author("Ann"),)}, ()),
        # An image beside a post with a link: is on that site, where the link points.
        ("link: https://example.org/post/\n", "post.md", {"not_copied": ()}, ()),
    ],
)
def test_front_matter_values_are_taken_only_as_build_takes_them(
    tmp_path: Path, keys: str, name: str, kept: dict[str, object], left_out: tuple[str, ...]
) -> None:
    text = f"---\ntitle: T\ndate: 2025-01-02\n{keys}---\n![a](photo.png)\n"
    source = write(tmp_path / "site", "post.md", text)
    (tmp_path / "site" / "photo.png").write_bytes(b"")
    (entry,) = import_documents([source], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert entry.path == tmp_path / "entries" / "2025" / name
    assert {key: getattr(entry, key) for key in kept} == kept
    assert entry.left_out == left_out


def test_a_byline_under_front_matter_without_authors_gives_them(tmp_path: Path) -> None:
    text = "---\ntitle: T\ndate: 2025-01-02\n---\nBy Ann Lee\n\nThe text.\n"
    entry = imported_post(tmp_path, text)
    assert (entry.authors, entry.guessed) == ((Author("Ann Lee"),), frozenset({"authors"}))
    assert entry.body == "The text.\n"


@pytest.mark.parametrize(
    ("header", "kept", "left_out"),
    [
        ("Tags: birds; cranes\n", {"tags": ("birds", "cranes")}, ()),  # Pelican splits at ;
        ("Summary: A long\n\tsummary\n", {"summary": "A long summary"}, ()),  # a tab goes on
        ("URL: {slug}.html\n", {"named_from": None}, ("url (a path on the site)",)),
    ],
)
def test_pelican_header_lines_are_read_as_pelican_reads_them(
    tmp_path: Path, header: str, kept: dict[str, object], left_out: tuple[str, ...]
) -> None:
    entry = imported_post(tmp_path, f"Title: Cranes\nDate: 2025-01-02\n{header}\nB.\n")
    assert {key: getattr(entry, key) for key in kept} == kept
    assert entry.left_out == left_out


def test_key_value_lines_without_a_title_are_text_not_a_pelican_header(tmp_path: Path) -> None:
    # Pasted from a page, "Posted: 8 March 2025" is its date line, not Pelican's header.
    text = "Posted: 8 March 2025\n\nCranes over the marsh\n\nThe text of the post.\n"
    source = write(tmp_path, "pasted.txt", text)
    (entry,) = import_documents([source], tmp_path / "entries", timezone=UTC, dry_run=True)
    assert (entry.title, entry.date, entry.post) == (
        "Cranes over the marsh",
        datetime(2025, 3, 8, tzinfo=UTC),
        False,
    )


def imported_page(tmp_path: Path, markup: str) -> tuple[str, lxml.html.HtmlElement]:
    """The body imported from a page whose article holds `markup`, and that body as the build
    renders it (cmark-gfm, GitHub's extensions but tagfilter, raw HTML kept)."""
    page = (
        '<html><head><title>Marks</title><meta property="article:published_time" '
        f'content="2024-01-05"></head><body><article>{markup}</article></body></html>'
    )
    source = write(tmp_path, "page.html", page)
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    shown = cmarkgfm.markdown_to_html_with_extensions(
        entry.body,
        options=cmarkgfm_options.CMARK_OPT_UNSAFE,
        extensions=["table", "strikethrough", "autolink"],
    )
    return entry.body, lxml.html.fragment_fromstring(shown, create_parent="div")


def _lists(root: lxml.html.HtmlElement) -> list[tuple[str, list[str]]]:
    """Each list of `root`, nested ones too: its tag and the text of each of its items, spaces
    aside (as in _shown_text)."""
    items = [(str(found.tag), found.iterchildren("li")) for found in root.iter("ol", "ul")]
    return [(tag, ["".join(item.text_content().split()) for item in li]) for tag, li in items]


def _shown_text(html: str) -> str:
    """What a reader sees of `html`, spaces aside (blocks part words that a page's markup ran
    together, which does not change what it says)."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    return "".join(fragment.text_content().split())


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("<p>---</p><p>-- -</p><ul><li>---</li></ul>", id="thematic-break"),
        pytest.param("<p>~~~</p><p>Not code.</p>", id="tilde-fence"),
        pytest.param("<p>~~not struck~~ and ~one~</p>", id="tildes"),
        pytest.param(
            "<p>Line<br>- item<br>1. one<br># head<br>&gt; quote<br>+ plus<br>==<br>--</p>",
            id="line-after-a-break",
        ),
        pytest.param("<h2>Line one<br>line two</h2><h3>Issue #</h3><h4>#</h4>", id="heading"),
        pytest.param("<p><code>`x</code>, <code>a``b</code> and <code>c`</code></p>", id="code"),
        pytest.param("<pre>```\nx\n~~~\ny</pre><p>After.</p>", id="pre-with-fences"),
        pytest.param("<p>A<b> bold </b>word and <em>lean </em>one.</p>", id="spaced-emphasis"),
        pytest.param("<p>Bold<b> </b>air and <em></em>none.</p>", id="empty-emphasis"),
        pytest.param("<p>&amp;copy; &amp;#65; &amp;#x42;</p>", id="entities"),
        pytest.param("<p>+ plus</p><div>- dash</div><div>&gt; not quoted</div>", id="block-starts"),
        # A `>` starts a quote with no space after it: `>>> print(1)` was three quotes deep.
        pytest.param(
            "<p>&gt;&gt;&gt; print(1)</p><p>&gt;_&lt; oops<br>&gt;&gt;&gt; x</p>", id="quote-marks"
        ),
        # Lists side by side were one list: two <ol> in a row were "1. a" and "1. b".
        pytest.param("<ol><li>a</li></ol><ol><li>b</li></ol><ol><li>c</li></ol>", id="ordered"),
        pytest.param("<ul><li>a</li></ul><ul><li>b</li><li>c</li></ul>", id="bullets"),
        pytest.param("<div><ul><li>a</li></ul></div><div><ul><li>b</li></ul></div>", id="divs"),
        pytest.param(
            "<blockquote><ol><li>a</li></ol><ol start='3'><li>b</li></ol></blockquote>", id="quote"
        ),
        pytest.param("<ul><li><ul><li>x</li></ul><ul><li>y</li></ul></li></ul>", id="nested"),
    ],
)
def test_html_text_renders_back_as_the_page_showed_it(tmp_path: Path, markup: str) -> None:
    _, rendered = imported_page(tmp_path, markup)
    page_text = _shown_text(markup)
    assert _shown_text(lxml.html.tostring(rendered, encoding="unicode")) == page_text
    assert not rendered.findall(".//hr") and not rendered.findall(".//del")
    assert _lists(rendered) == _lists(lxml.html.fragment_fromstring(markup, create_parent="div"))


def test_html_lists_parted_by_a_line_the_body_leaves_out_stay_apart(tmp_path: Path) -> None:
    # The share buttons between them are left out, and the two lists met as one.
    body, shown = imported_page(
        tmp_path,
        "<p>Words enough to make this a paragraph of the text.</p><ul><li>a</li></ul>"
        "<p>Share | Tweet | Email</p><ul><li>b</li></ul>",
    )
    assert "Share" not in body
    assert _lists(shown) == [("ul", ["a"]), ("ul", ["b"])]


def test_a_bare_address_in_html_text_links_no_further_than_it_goes(tmp_path: Path) -> None:
    # GFM links a bare address in text, as in any entry, but took the `>` after it along:
    # `&lt;https://e.org&gt;` linked to https://e.org%3E. No address holds a `>` (RFC 3986).
    # A `>` with more of the address after it stays in the link, as GFM takes it, but shows.
    markup = (
        "<p>See &lt;https://e.org&gt; or www.e.org&gt; now (&lt;ftp://e.org/a&gt;).</p>"
        "<p>And https://e.org/b&gt;c too.</p>"
    )
    _, shown = imported_page(tmp_path, markup)
    assert _shown_text(lxml.html.tostring(shown, encoding="unicode")) == _shown_text(markup)
    links = [link.get("href") for link in shown.iter("a")][:3]
    assert links == ["https://e.org", "http://www.e.org", "ftp://e.org/a"]


# What each emphasis element of a page is, shown.
_EMPHASIS_TAGS = {"em": "em", "i": "em", "cite": "em", "strong": "strong", "b": "strong"}
_EMPHASIS_TAGS |= {"del": "del", "s": "del", "strike": "del"}


def _emphasis(root: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """Each emphasis of `root`, in order: what it is, and its text, spaces aside. Bold inside
    bold looks as the bold around it, and cmark-gfm writes no <strong> inside a <strong>."""
    return [
        (_EMPHASIS_TAGS[str(found.tag)], "".join(found.text_content().split()))
        for found in root.iter(*_EMPHASIS_TAGS)
        if found.text_content().strip()
        and not (found.tag in ("strong", "b") and found.xpath("ancestor::strong|ancestor::b"))
    ]


@pytest.mark.parametrize(
    "markup",
    [
        # Punctuation inside and letters outside: `word*"quoted"*word` showed its stars.
        '<p>word<em>"quoted"</em>word</p>',
        '<p>A <strong>(x)</strong>y, and a<del>"x"</del>b.</p>',
        '<p><em>"Quoted"</em>s first, and "<i>a</i>" in quotes.</p>',
        "<p>Side <em>a</em><em>b</em> by <b>x</b><i>y</i> side, and co<b>op</b>.</p>",
        "<p><em><strong>x</strong></em>, <strong><em>y</em> z</strong>, <em>a <b>b</b></em>.</p>",
        '<p><a href="/x"><em>"q"</em></a>s and <span>w<em>"q"</em></span>w.</p>',
        "<p>x<em>a<br>b</em>y and <em><br>z</em>.</p>",
        "<p>Paid <em>€5</em>x, <em>5€</em>y and <em>x\u00a0</em>\u00a0y.</p>",
        '<figure><img src="/m.png"><figcaption>"The map" <em>drawn</em></figcaption></figure>',
        # cmark-gfm reads no `*` punctuation on both sides, one a `~~`: `*:*~~0~~`.
        "<p>a <em>:</em><del>0</del>, <del>x</del><em>:</em> and <em>x</em><del>:</del>.</p>",
    ],
)
def test_html_emphasis_renders_as_on_the_page(tmp_path: Path, markup: str) -> None:
    _, shown = imported_page(tmp_path, markup)
    page = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert _shown_text(lxml.html.tostring(shown, encoding="unicode")) == _shown_text(markup)
    if page.find(".//figcaption") is not None:  # shown in italics, as browsers show it
        page.find(".//figcaption").tag = "em"
    assert _emphasis(shown) == _emphasis(page)


def test_html_emphasis_markdown_can_say_stays_markdown(tmp_path: Path) -> None:
    # The author edits the file: stars where CommonMark reads them, HTML only where it won't.
    body, _ = imported_page(tmp_path, "<p>A <em>word</em>, co<b>op</b> and <s>not</s>.</p>")
    assert body == "A *word*, co**op** and ~~not~~.\n"


@pytest.mark.parametrize(
    ("markup", "markdown"),
    [
        # `~~<em>x</em>~~`: a `~` and a `*` run into no delimiter of each other's, where a `*`
        # and a `**` would, and each is punctuation beside the other, as `<em>`'s `<` is.
        ("<p><del><em>x</em></del> and <em><del>y</del></em> z</p>", "~~*x*~~ and *~~y~~* z\n"),
        # `*<strong>x</strong>*`: CommonMark reads `***x***` as <em><strong>x</strong></em>,
        # the page's order; <strong><em> stays, as `***` would put the <em> outside.
        (
            "<p><em><strong>x</strong></em>, a<i><b>y</b></i>b, <b><i>z</i></b>.</p>",
            "***x***, a***y***b, **<em>z</em>**.\n",
        ),
    ],
    ids=["other-marks", "strong-inside"],
)
def test_html_emphasis_inside_another_stays_markdown(
    tmp_path: Path, markup: str, markdown: str
) -> None:
    body, shown = imported_page(tmp_path, markup)
    assert body == markdown
    page = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert _emphasis(shown) == _emphasis(page)


# Page text: letters, digits, punctuation, symbols and spaces, which decide whether
# CommonMark reads `*` beside them as emphasis; and a link or <br> among them.
_PAGE_TEXT = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "M", "Zl", "Zp")
    ),
    max_size=3,
).map(html.escape)
_PAGE_INLINE = st.recursive(
    st.one_of(_PAGE_TEXT, st.just("<br>"), _PAGE_TEXT.map(lambda text: f'<a href="/x">{text}</a>')),
    lambda inside: st.tuples(
        st.sampled_from(["em", "strong", "del", "b", "i", "span"]), st.lists(inside, max_size=3)
    ).map(lambda element: f"<{element[0]}>{''.join(element[1])}</{element[0]}>"),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(_PAGE_INLINE, min_size=1, max_size=4))
@example(parts=['<em>!<a href="/x">0</a></em>'])  # found in session 41: an image of the link
def test_any_html_emphasis_renders_as_on_the_page(parts: list[str]) -> None:
    markup = f"<p>Words enough to make this a paragraph: {''.join(parts)} end.</p>"
    with tempfile.TemporaryDirectory() as folder:
        _, shown = imported_page(Path(folder), markup)
    page = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert _shown_text(lxml.html.tostring(shown, encoding="unicode")) == _shown_text(markup)
    assert _emphasis(shown) == _emphasis(page)


# Formatting elements opened and closed, blocks opened and closed, words and links, in any
# order: left open, misnested, or closed with none open.
_LINK = '<a href="https://example.org/a">'
_LEFT_OPEN = st.lists(
    st.one_of(
        st.sampled_from(["em", "i", "b", "strong", "code", "s"]).map(lambda tag: f"<{tag}>"),
        st.sampled_from(["em", "i", "b", "strong", "code", "s", "a"]).map(lambda tag: f"</{tag}>"),
        st.sampled_from(["p", "h2", "blockquote", "div"]).map(lambda tag: f"<{tag}>"),
        st.sampled_from(["p", "h2", "blockquote", "div"]).map(lambda tag: f"</{tag}>"),
        st.sampled_from(["<ul><li>", "</li></ul>", _LINK]),
        st.integers(1, 9).map(lambda number: f"word{number} "),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(tokens=_LEFT_OPEN)
@example(tokens=["<p>", "<em>", "note", "</p>", "<ul><li>", "one", "</li></ul>", "end"])
@example(tokens=["<p>", "<b>", "x", _LINK, "<p>", "y", "</p>", "z"])
@example(tokens=[_LINK, "<em>", _LINK, "word1 "])  # was `[*[word1](…)*](…)`
@example(tokens=["<b>", "<div>", "x", "</b>", "y", "</div>"])  # `y` was bold
def test_formatting_left_open_or_misnested_is_imported_as_browsers_show_it(
    tokens: list[str],
) -> None:
    # HTML5 opens a formatting element left open again around the text after the block that
    # closed it; libxml2 does not, and the import wrote that text plain.
    markup = "".join(tokens)
    with tempfile.TemporaryDirectory() as folder:
        _, shown = imported_page(Path(folder), markup)
    page = f"<html><body><article>{markup}</article></body></html>"
    (browser,) = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False).iter(
        "article"
    )
    # Where the two readings end a block may differ (libxml2 ignores `</h2>` in a list item),
    # which this test is not about.
    assert _formatting_seen(shown) == _formatting_seen(browser)


def _formatting_seen(root: lxml.html.HtmlElement) -> list[tuple[str, frozenset[str]]]:
    """`what_readers_see`, each run of text with the formatting around it alone."""
    seen: list[tuple[str, frozenset[str]]] = []
    for words, _, formatting in what_readers_see(root):
        if seen and seen[-1][1] == formatting:
            words = seen.pop()[0] + words
        seen.append((words, formatting))
    return seen


@pytest.mark.parametrize(
    "markup",
    [
        '<p>Wow!<a href="https://example.org/x">the link</a> end.</p>',
        '<p><em>Wow!<a href="https://example.org/x">the link</a></em> end.</p>',
        '<p><span>Wow!</span><span><a href="https://example.org/x">the link</a></span> end.</p>',
        '<p>Wow\\!<a href="https://example.org/x">the link</a> end.</p>',
    ],
    ids=["text", "in-emphasis", "across-spans", "after-a-backslash"],
)
def test_an_exclamation_mark_before_a_link_is_no_image(tmp_path: Path, markup: str) -> None:
    # `Wow![the link](url)` is Markdown's image: readers got a broken picture of the link's
    # URL, without the `!` and the link's words.
    _, shown = imported_page(tmp_path, markup)
    page = lxml.html.fragment_fromstring(markup, create_parent="div")
    assert shown.xpath("//img") == []
    assert [a.get("href") for a in shown.iter("a")] == ["https://example.org/x"]
    assert _shown_text(lxml.html.tostring(shown, encoding="unicode")) == _shown_text(markup)
    assert "".join(shown.text_content().split()) == "".join(page.text_content().split())


def test_control_characters_in_html_text_are_left_out(tmp_path: Path) -> None:
    # XML cannot carry them, and the build leaves them out of the feeds: nor do they mark
    # anything in the Markdown written (import marks emphasis with some while it writes).
    body, _ = imported_page(tmp_path, "<p>One\x01 two\x02 <em>three\x03</em>\x04 four\x05\x06.</p>")
    assert body == "One two *three* four.\n"


def test_a_list_item_of_several_paragraphs_has_no_lines_of_spaces(tmp_path: Path) -> None:
    # "1. One\n   \n   More": the line between was three spaces, noise in the author's file.
    body, shown = imported_page(tmp_path, "<ol><li><p>One</p><p>More</p></li><li>Two</li></ol>")
    assert [line for line in body.split("\n") if line and not line.strip()] == []
    first, second = shown.xpath("//ol/li")
    assert [p.text_content() for p in first.iter("p")] == ["One", "More"]
    assert second.text_content().strip() == "Two"


@pytest.mark.parametrize(
    ("href", "followed"),
    [
        ("https://example.org/a<b>c", "https://example.org/a%3Cb%3Ec"),
        # What browsers follow (WHATWG URL: `<` and `>` percent-encoded in a path, a query and
        # a fragment), as Chromium's a.href gives it; no Markdown link can hold a `>` as it is.
        ("https://e.org/p&gt;q?r&gt;s#t&gt;u", "https://e.org/p%3Eq?r%3Es#t%3Eu"),
    ],
)
def test_a_link_whose_address_has_angle_brackets_stays_a_link(
    tmp_path: Path, href: str, followed: str
) -> None:
    page = (
        '<html><head><title>Link</title><meta property="article:published_time" '
        'content="2024-01-05"></head><body><article>'
        f'<p>See <a href="{href}">the page</a>.</p></article></body></html>'
    )
    source = write(tmp_path, "page.html", page)
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=True)
    shown = cmarkgfm.markdown_to_html_with_extensions(entry.body, extensions=["autolink"])
    (link,) = lxml.html.fragment_fromstring(shown, create_parent="div").iter("a")
    assert (link.text, link.get("href")) == ("the page", followed)


def test_html_headings_figures_and_list_paragraphs_render_as_on_the_page(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Trip</title>
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><article><h1>Trip</h1><p>We left on a Monday, and the train was an hour late.</p>
        <h1>The Coast</h1><p>The coast was grey and the sea was cold, so we walked.</p>
        <h2>Home</h2><p>We came home on Friday, tired and glad of it.</p>
        <figure><img src="/map.png" alt="*Route* map [draft]">
        <figcaption>The route we took</figcaption></figure>
        <ol><li><p>One</p><p>More on one.</p></li><li>Two</li></ol>
        </article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    shown = lxml.html.fragment_fromstring(
        cmarkgfm.markdown_to_html_with_extensions(entry.body, extensions=["table"]),
        create_parent="div",
    )
    # The page's title is the entry's; its sections are headings under it, `Home` among them.
    assert entry.title == "Trip"
    assert [h.tag for h in shown.iter("h1", "h2", "h3")] == ["h2", "h2"]
    assert [h.text_content() for h in shown.iter("h2")] == ["The Coast", "Home"]
    (image,) = shown.iter("img")
    assert image.get("alt") == "*Route* map [draft]"
    assert shown.xpath("//p/em/text()") == ["The route we took"]  # the caption stands apart
    (first, second) = shown.xpath("//ol/li")
    assert [p.text_content() for p in first.iter("p")] == ["One", "More on one."]
    assert second.text_content().strip() == "Two"


def test_links_within_the_page_or_to_scripts_become_their_text(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Notes</title>
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><article><p>See <a href="#notes">the notes</a>, <a href="javascript:void(0)">this</a>
        and <a href="/map">the map</a>.</p></article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    shown = lxml.html.fragment_fromstring(
        cmarkgfm.markdown_to_html_with_extensions(entry.body), create_parent="div"
    )
    assert shown.text_content().strip() == "See the notes, this and the map."
    assert [(a.text, a.get("href")) for a in shown.iter("a")] == [("the map", "/map")]


@pytest.mark.parametrize(
    ("address", "followed"),
    [
        ("https://example.org/a)b", "https://example.org/a)b"),
        ("https://example.org/a_(b)", "https://example.org/a_(b)"),
        ("https://example.org/a b", "https://example.org/a%20b"),
    ],
)
def test_link_addresses_with_parentheses_or_spaces_stay_links(
    tmp_path: Path, address: str, followed: str
) -> None:
    page = (
        '<html><head><title>Link</title><meta property="article:published_time" '
        'content="2024-01-05"></head><body><article>'
        f'<p>See <a href="{address}">the page</a>.</p></article></body></html>'
    )
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    shown = lxml.html.fragment_fromstring(
        cmarkgfm.markdown_to_html_with_extensions(entry.body), create_parent="div"
    )
    assert shown.text_content().strip() == "See the page."
    assert [(a.text, a.get("href")) for a in shown.iter("a")] == [("the page", followed)]


def test_the_pages_h1_is_not_repeated_in_the_body_when_og_title_differs(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Quay | Harbour News</title>
        <meta property="og:title" content="The quay will be mended">
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><article><h1>Quay to be mended by spring</h1>
        <p>The board voted on Tuesday to mend the north quay.</p></article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.title == "The quay will be mended"
    assert entry.body == "The board voted on Tuesday to mend the north quay.\n"


def test_a_rel_author_link_names_the_author_when_no_metadata_does(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Quay</title>
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><article><header><h1>Quay</h1><a rel="author" href="/authors/ann">Ann Lee</a>
        </header><p>The board voted on Tuesday to mend the north quay.</p></article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.authors == (Author("Ann Lee"),)
    assert "authors" not in entry.guessed  # the markup says so


def test_an_ordered_list_keeps_the_number_it_starts_at(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Steps</title>
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><article><p>The last steps of the repair:</p>
        <ol start="5"><li>Pour the concrete.</li><li>Wait a week.</li></ol>
        <p>And then:</p><ol start="x"><li>Open the quay.</li></ol></article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    shown = lxml.html.fragment_fromstring(
        cmarkgfm.markdown_to_html_with_extensions(entry.body), create_parent="div"
    )
    lists = [(ol.get("start"), [li.text_content().strip() for li in ol]) for ol in shown.iter("ol")]
    assert lists == [("5", ["Pour the concrete.", "Wait a week."]), (None, ["Open the quay."])]


@pytest.mark.parametrize(
    ("head", "title", "authors"),
    [
        pytest.param(
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
            '{"@type": "WebSite", "name": "Harbour News"}, {"@type": "Article", '
            '"headline": "Quay mended", "author": {"@type": "Person", "name": "Ann Lee"}}]}'
            "</script>",
            "Quay mended",
            ("Ann Lee",),
            id="yoast-graph",
        ),
        pytest.param(
            '<script type="application/ld+json">{"@type": "WebPage", "headline": "Quay mended"}'
            "</script>",
            "Quay mended",
            (),
            id="headline-of-a-web-page",
        ),
        pytest.param(
            '<meta name="author" content="Ann Lee and Bo Chen">'
            '<meta property="article:author" content="https://facebook.com/annlee">',
            "Page",
            ("Ann Lee", "Bo Chen"),
            id="meta-names",
        ),
    ],
)
def test_html_metadata_gives_the_title_and_authors(
    tmp_path: Path, head: str, title: str, authors: tuple[str, ...]
) -> None:
    page = (
        f'<html><head><title>Page</title><meta property="article:published_time" '
        f'content="2024-01-05">{head}</head><body><article><p>The board voted on Tuesday.</p>'
        "</article></body></html>"
    )
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert (entry.title, entry.authors) == (title, tuple(Author(name) for name in authors))
    assert entry.guessed == frozenset()


def test_a_page_wrapped_in_a_sharing_block_keeps_its_article_and_link(tmp_path: Path) -> None:
    # A wrapper's class names sharing, as themes write it, but holds the article itself; the
    # first <link> is a stylesheet, not the page's address.
    page = """\
        <html><head><title>Quay</title><link rel="stylesheet" href="/style.css">
        <meta property="og:url" content="https://example.org/quay/">
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><div class="post has-sharing"><article><h1>Quay</h1>
        <p>The board voted on Tuesday to mend the north quay.</p></article></div></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.body == "The board voted on Tuesday to mend the north quay.\n"
    assert entry.link == "https://example.org/quay/"


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        pytest.param(
            "<title>Harbour News | Quay to be mended by spring</title>",
            "<main><p>The board voted.</p></main>",
            "Quay to be mended by spring",
            id="title-without-site-name",
        ),
        pytest.param(
            "<title>Quay mended</title>",
            "<h1>Harbour News</h1><h1>Quay mended</h1><main><p>The board voted.</p></main>",
            "Quay mended",
            id="the-last-h1-outside-the-text",
        ),
        pytest.param(
            '<meta property="og:title" content="Quay works begin">'
            '<script type="application/ld+json">{"@type": "Article", "headline": "Quay"}</script>',
            "<article><p>The board voted.</p></article>",
            "Quay works begin",
            id="og-title-longer-than-headline",
        ),
        pytest.param(
            '<meta property="og:title" content="Quay mended - harbour news">'
            '<meta property="og:site_name" content="Harbour News">',
            "<article><p>The board voted.</p></article>",
            "Quay mended",
            id="site-name-in-other-case",
        ),
    ],
)
def test_an_html_pages_title_leaves_the_site_name_out(
    tmp_path: Path, head: str, body: str, title: str
) -> None:
    page = (
        f'<html><head><meta property="article:published_time" content="2024-01-05">{head}'
        f"</head><body>{body}</body></html>"
    )
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.title == title


def test_a_time_element_outside_the_article_dates_it(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Quay</title></head><body>
        <div class="meta"><time datetime="2024-01-05T09:30:00+02:00">5 January</time></div>
        <article><h1>Quay</h1><p>The board voted on Tuesday to mend the north quay.</p>
        </article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.date == kyiv(2024, 1, 5, 9, 30)
    assert "date" not in entry.guessed


@pytest.mark.parametrize(
    ("line", "tag"),
    [("<em>", "em"), ("    <em>", "em"), ('<a href="https://example.org/crews">', "a")],
)
def test_a_tag_alone_under_a_title_taken_from_a_paragraph_stays_in_the_paragraph(
    tmp_path: Path, line: str, tag: str
) -> None:
    # A post with no title: its first line is taken for it, and the tag alone on the next line
    # then started an HTML block (Markdown in it shown as written: *restoration*), or, indented,
    # a code block showing the tag.
    paragraph = f"The Bridge Reopens\n{line}\nCareful</{tag}> *restoration* work.\n"
    text = f"---\ndate: 2024-09-12\n---\n{paragraph}"
    (entry,) = import_documents(
        [write(tmp_path, "post.md", text)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.title == "The Bridge Reopens"
    shown = lxml.html.fragment_fromstring(
        cmarkgfm.markdown_to_html_with_extensions(
            entry.body, options=cmarkgfm_options.CMARK_OPT_UNSAFE
        ),
        create_parent="div",
    )
    (paragraph,) = shown
    assert paragraph.tag == "p"
    assert paragraph.text_content().split() == ["Careful", "restoration", "work."]
    assert [element.text_content().strip() for element in paragraph.iter(tag, "em")] == [
        "Careful",
        "restoration",
    ]


WRAPPED_WITH_A_TAG = (
    "The town council voted in spring to fund the last stage of the work, and the\n"
    "{tag} finished the deck two weeks ahead of the schedule they had been\n"
    "given by the engineers who inspected the piers and found them sound at last.\n"
)


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("page.md", "# The Bridge Reopens\n\nSeptember 12, 2024\n\n"),
        ("page.txt", "September 12, 2024\n\nThe Bridge Reopens\n\n"),
    ],
)
@pytest.mark.parametrize("tag", ["<em>crews</em>", '<a href="https://example.org/crews">crews</a>'])
def test_a_tag_starting_a_line_of_a_wrapped_paragraph_is_its_text(
    tmp_path: Path, name: str, head: str, tag: str
) -> None:
    # Markdown reads a tag there as the paragraph's text, not as HTML starting a block: the
    # paragraph was cut at it, its first line taken for the title and the heading dropped.
    paragraph = WRAPPED_WITH_A_TAG.format(tag=tag)
    (entry,) = import_documents(
        [write(tmp_path, name, head + paragraph)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.title == "The Bridge Reopens"
    assert entry.body == paragraph


def test_a_wrapped_paragraph_without_final_stop_is_no_title(tmp_path: Path) -> None:
    quote = (
        "The harbour master said on Tuesday: \u201cWe will mend the quay\n"
        "by spring and the ferry will run again\u201d\n"
    )
    prose = (
        "The board voted for the plan after an hour of questions from\n"
        "the fishermen, who moor elsewhere since the storm of 2019\n"
        "broke the north quay.\n"
    )
    (entry,) = import_documents(
        [write(tmp_path, "page.txt", f"3 March 2025\n\n{quote}\n{prose}")],
        tmp_path / "entries",
        timezone=KYIV,
        dry_run=True,
    )
    assert entry.body == f"{quote}\n{prose}"  # the quote stays in the text
    assert "title" in entry.guessed  # from its first sentence


@pytest.mark.parametrize(
    ("head", "times", "guessed", "updated"),
    [
        pytest.param(
            "",
            '<time datetime="2024-01-05T09:00">9:00</time><time datetime="2024-01-05T18:00">',
            False,
            None,
            id="two-times-one-day",
        ),
        pytest.param(
            '<meta property="article:published_time" content="2024-01-05T09:00:00+02:00">'
            '<meta property="article:modified_time" content="2024-01-05T09:00:00+02:00">',
            "",
            False,
            None,
            id="modified-when-published",
        ),
        pytest.param(
            '<meta property="article:published_time" content="2024-01-05T09:00:00+02:00">'
            '<meta property="og:updated_time" content="2024-01-05T09:01:00+02:00">',
            "",
            False,
            kyiv(2024, 1, 5, 9, 1),
            id="updated-a-minute-later",
        ),
    ],
)
def test_html_dates_from_metadata_and_time_elements(
    tmp_path: Path, head: str, times: str, guessed: bool, updated: datetime | None
) -> None:
    page = (
        f"<html><head><title>Quay</title>{head}</head><body><article><h1>Quay</h1>{times}"
        "<p>The board voted on Tuesday to mend the north quay.</p></article></body></html>"
    )
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.date == kyiv(2024, 1, 5, 9)
    assert entry.updated == updated
    assert ("date" in entry.guessed) is guessed


@pytest.mark.parametrize(
    ("text", "title", "authors", "updated"),
    [
        pytest.param(
            "10 Things the Storm Took\n13 February 2024\n\nThe storm took the pier first.\n",
            "10 Things the Storm Took",
            (),
            None,
            id="title-starting-with-a-digit",
        ),
        pytest.param(
            "Harbour Notes\n13 February 2024\nBy Maria de la Cruz\n\nThe storm took the pier.\n",
            "Harbour Notes",
            ("Maria de la Cruz",),
            None,
            id="byline-of-a-name-in-four-words",
        ),
        pytest.param(
            "Harbour Notes\n13 February 2024\nBy Maria de la Cruz Lopez\n\nThe storm came.\n",
            "Harbour Notes",
            ("Maria de la Cruz Lopez",),
            None,
            id="byline-of-a-name-in-five-words",
        ),
        pytest.param(
            "Harbour Notes\n13 February 2024\nModified: 14 February 2024\n\nThe storm came.\n",
            "Harbour Notes",
            (),
            kyiv(2024, 2, 14),
            id="modified-is-an-update",
        ),
        pytest.param(
            "Harbour Notes\n13 February 2024\n\nThe storm took the pier first.\n\n"
            "Ann Lee has lived on the quay for twenty years. She is a journalist.\n",
            "Harbour Notes",
            ("Ann Lee",),
            None,
            id="bio-whose-cue-is-in-its-second-sentence",
        ),
        pytest.param(
            "Harbour Notes\n13 February 2024\n\nThe storm took the pier first.\n\n"
            "Ann J. Roe is a journalist.\n",
            "Harbour Notes",
            ("Ann J. Roe",),
            None,
            id="bio-of-a-name-with-an-initial",
        ),
        pytest.param(
            "Harbour Notes\n13 February 2024\n\nThe storm took the pier first.\n\n"
            "Ann Lee, a journalist, lives on the quay.\n",
            "Harbour Notes",
            ("Ann Lee",),
            None,
            id="bio-with-an-apposition",
        ),
        pytest.param(
            "Harbour Notes\n13 February 2024\n\nThe storm took the pier first.\n\n"
            "We asked the port about it. Olena Marchenko has run it since 2019 and studied law.\n",
            "Harbour Notes",
            (),
            None,
            id="a-person-met-after-the-first-sentence-is-no-bio",
        ),
    ],
)
def test_what_the_lines_around_a_text_say(
    tmp_path: Path, text: str, title: str, authors: tuple[str, ...], updated: datetime | None
) -> None:
    (entry,) = import_text(tmp_path, text)
    assert entry.title == title
    assert entry.authors == tuple(Author(name) for name in authors)
    assert entry.updated == updated


def test_a_list_that_ends_an_article_before_share_buttons_is_kept(tmp_path: Path) -> None:
    (entry,) = import_text(
        tmp_path,
        "Harbour Notes\n13 February 2024\n\nThe storm took two things:\n\n"
        "- the pier\n- the kiosk\n\nShare this:\n",
    )
    assert entry.body == "The storm took two things:\n\n- the pier\n- the kiosk\n"


def test_an_html_page_is_one_article_past_a_bio(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Quay</title>
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><article><h1>Quay</h1><p>The board voted on Tuesday to mend the north quay.</p>
        <p>Ann Lee is a journalist in Odesa.</p>
        <h2>Postscript</h2><p>The vote was close, and the fishermen cheered.</p>
        </article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.body.endswith("## Postscript\n\nThe vote was close, and the fishermen cheered.\n")


@pytest.mark.parametrize(
    ("between", "kept"),
    [
        ("Advertisement\n\nThe Kiosk", "## The Kiosk"),  # weak residue, dropped
        ("Ann Lee is a journalist in Odesa.", "Ann Lee is a journalist in Odesa."),  # no byline's
    ],
)
def test_what_parts_sections_does_not_split_the_article(
    tmp_path: Path, between: str, kept: str
) -> None:
    entries = import_text(
        tmp_path,
        "Harbour Notes\n13 February 2024\n\nThe storm took the pier first.\n\n"
        f"{between}\n\nThe kiosk went next, with its awning.\n",
    )
    assert [entry.body for entry in entries] == [
        f"The storm took the pier first.\n\n{kept}\n\nThe kiosk went next, with its awning.\n"
    ]


def test_a_source_line_inside_an_html_article_moves_to_its_end_once(tmp_path: Path) -> None:
    page = """\
        <html><head><title>Quay</title>
        <meta property="article:published_time" content="2024-01-05"></head>
        <body><article><h1>Quay</h1><p>The board voted on Tuesday to mend the north quay.</p>
        <p>Originally published in The Harbour Times</p>
        <p>The vote was close, and the fishermen cheered.</p></article></body></html>
        """
    (entry,) = import_documents(
        [write(tmp_path, "page.html", page)], tmp_path / "entries", timezone=KYIV, dry_run=True
    )
    assert entry.body == (
        "The board voted on Tuesday to mend the north quay.\n\n"
        "The vote was close, and the fishermen cheered.\n\n"
        "*Originally published in The Harbour Times.*\n"
    )


def test_a_list_item_of_two_glued_sentences_is_no_pull_quote(tmp_path: Path) -> None:
    item = "- The pier on the north side of the bay went first.The kiosk went next, awning and all."
    (entry,) = import_text(
        tmp_path, f"Harbour Notes\n13 February 2024\n\nThe storm took two things:\n\n{item}\n"
    )
    assert entry.body == f"The storm took two things:\n\n{item}\n"


# Each body as Jekyll, Hugo and CommonMark read it, and the entry's body imported from it.
HIGHLIGHT_CASES = {
    "indented tags": (
        "  {% highlight ruby %}\nx = 1\n  {% endhighlight %}\n",
        "```ruby\nx = 1\n```\n",
    ),
    "Liquid's whitespace control": (
        "{%- highlight ruby -%}\nx = 1\n{%- endhighlight -%}\n",
        "```ruby\nx = 1\n```\n",
    ),
    "Hugo's {{% %}} delimiters": (
        "{{% highlight go %}}\nx := 1\n{{% / highlight %}}\n",
        "```go\nx := 1\n```\n",
    ),
    "a language with signs": (
        "{% highlight c++ %}\nint x;\n{% endhighlight %}\n",
        "```c++\nint x;\n```\n",
    ),
    "spaces after the tags": (
        "{% highlight ruby %}  \nx\n{% endhighlight %}\t\n",
        "```ruby\nx\n```\n",
    ),
    "raw tags with whitespace control": ("{%- raw -%}{{ x }}{%- endraw -%}\n", "{{ x }}\n"),
    "text after an opening tag": (
        "{% highlight ruby %} x\ny\n{% endhighlight %}\n",
        "{% highlight ruby %} x\ny\n{% endhighlight %}\n",
    ),
    "text after a closing tag": (
        "{% highlight ruby %}\ny\n{% endhighlight %} x\n",
        "{% highlight ruby %}\ny\n{% endhighlight %} x\n",
    ),
    "a fence of tildes": (
        "~~~\n{% highlight ruby %}\nx\n{% endhighlight %}\n~~~\n",
        "~~~\n{% highlight ruby %}\nx\n{% endhighlight %}\n~~~\n",
    ),
    "backticks indented four spaces, which are code": (
        "    ```\n\n{% highlight ruby %}\nx\n{% endhighlight %}\n",
        "    ```\n\n```ruby\nx\n```\n",
    ),
    "a code span at the start of a line": (
        "``a``\n{% highlight ruby %}\nx\n{% endhighlight %}\n",
        "``a``\n```ruby\nx\n```\n",
    ),
    "a fence closed by a longer one with spaces after": (
        "```\ncode\n````  \n{% highlight ruby %}\nx\n{% endhighlight %}\n",
        "```\ncode\n````  \n```ruby\nx\n```\n",
    ),
    "a fence that tildes do not close": (
        "```\n~~~\n{% highlight ruby %}\nx\n{% endhighlight %}\n```\n",
        "```\n~~~\n{% highlight ruby %}\nx\n{% endhighlight %}\n```\n",
    ),
    "a fence that text after backticks does not close": (
        "```\n``` x\n{% highlight ruby %}\nx\n{% endhighlight %}\n```\n",
        "```\n``` x\n{% highlight ruby %}\nx\n{% endhighlight %}\n```\n",
    ),
    "a fence of backticks in the code": (
        "{% highlight md %}\n```\n{% endhighlight %}\n",
        "````md\n```\n````\n",
    ),
    "a fence indented three spaces": (
        "   ```\n{% highlight ruby %}\nx\n{% endhighlight %}\n   ```\n",
        "   ```\n{% highlight ruby %}\nx\n{% endhighlight %}\n   ```\n",
    ),
}


@pytest.mark.parametrize(("body", "imported"), HIGHLIGHT_CASES.values(), ids=HIGHLIGHT_CASES)
def test_highlight_tags_convert_where_the_generator_reads_them_as_tags(
    tmp_path: Path, body: str, imported: str
) -> None:
    # Each case is a way Jekyll, Hugo or CommonMark writes the tags or a fence that the
    # conversion read unlike them in a hand mutation audit.
    entry = imported_post(tmp_path, f"---\ntitle: Code\ndate: 2025-01-02\n---\n{body}")
    assert entry.body == imported


def test_a_page_after_an_unclosed_processing_instruction_imports(tmp_path: Path) -> None:
    # Hypothesis found it: `<?` on a line above the page left `</html>` to end the reading's
    # root element, and the import stopped on an IndexError.
    source = tmp_path / "page.html"
    source.write_text(
        '<?\n<html><head><meta name="date" content="2025-12-22"></head><body><article>'
        "<p>Plain words.</p></article></body></html>\n"
    )
    (entry,) = import_documents([source], tmp_path / "entries", timezone=KYIV, dry_run=False)
    assert "Plain words." in entry.body
