"""Tests from a hand mutation audit of values.py: each kills a mutant that survived the other
tests. Builds with the real command, reads the feeds with lxml, and asserts the exact error a
user reads, or that the fix it suggests, done as told, builds."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from lxml import etree

from staticfeed.cli import cli
from staticfeed.values import split_address
from tests.conftest import BASIC_CONFIG
from tests.test_entries import DC_CREATOR, build_ok, errors

Site = Callable[..., Path]


def entry(front: str) -> str:
    return f"---\ntitle: A\ndate: 2025-01-01\n{front}\n---\nB.\n"


def test_a_name_that_leaves_two_directions_open_is_told_to_close_the_last_first(
    site: Site,
) -> None:
    # An embedding (U+202B) with an isolate (U+2066) inside it: the isolate is closed first
    # (UAX #9), and a PDF (U+202C) cannot close an isolate. Told the other way round, the fix
    # left the embedding open and the next build refused the name again.
    path = site(**{"a.md": entry('author: "Ann \\u202bX \\u2066Y"')})
    assert errors() == [
        "Error: entries/a.md:4: author name 'Ann \\u202bX \\u2066Y' opens a U+202B RIGHT-TO-LEFT "
        "EMBEDDING it does not close, so readers show the names after it in its direction. End "
        "the name with U+2069 POP DIRECTIONAL ISOLATE, U+202C POP DIRECTIONAL FORMATTING "
        '("\\u2069\\u202c" in quotes), or remove it.'
    ]
    document = path / "entries" / "a.md"
    document.write_text(document.read_text().replace('Y"', 'Y\\u2069\\u202c"'), encoding="utf-8")
    build_ok()
    (creator,) = etree.parse("feeds/rss.xml").findall(f"channel/item/{DC_CREATOR}")
    assert creator.text == "Ann \u202bX \u2066Y\u2069\u202c"


def test_a_pop_directional_formatting_does_not_close_an_isolate(site: Site) -> None:
    # UAX #9: U+202C closes an embedding or an override, never an isolate (U+2066), which only
    # U+2069 closes; a reader still shows the names after "Ann ⁦X‬" in its direction.
    site(**{"a.md": entry('author: "Ann \\u2066X\\u202c"')})
    assert errors() == [
        "Error: entries/a.md:4: author name 'Ann \\u2066X\\u202c' opens a U+2066 LEFT-TO-RIGHT "
        "ISOLATE it does not close, so readers show the names after it in its direction. End "
        'the name with U+2069 POP DIRECTIONAL ISOLATE ("\\u2069" in quotes), or remove it.'
    ]


def test_an_address_that_ends_a_sentence_in_a_name_is_told_without_the_full_stop(
    site: Site,
) -> None:
    # "ann@example.org." as the email the fix gives is refused in turn: no domain ends in a dot.
    site(**{"a.md": entry('author:\n  name: "Ann Lee, ann@example.org."')})
    (error,) = errors()
    assert error.startswith(
        "Error: entries/a.md:5: author name 'Ann Lee, ann@example.org.' has the email address "
        "ann@example.org in it. "
    )
    assert error.endswith(" and the address as email: ann@example.org")


def atom_author() -> tuple[str, str]:
    """The name and email feedparser reads from the one entry's Atom author."""
    (item,) = feedparser.parse("feeds/atom.xml").entries
    return item.author_detail.name, item.author_detail.email


def test_a_name_suggested_for_a_mapping_leaves_out_what_set_the_address_apart(
    site: Site,
) -> None:
    # The comma before the address and the full stop after it were suggested with the name
    # ('Ann Lee, .'), and a user who wrote it so published the name "Ann Lee, .".
    path = site(**{"a.md": entry('author:\n  name: "Ann Lee, ann@example.org."')})
    assert errors() == [
        "Error: entries/a.md:5: author name 'Ann Lee, ann@example.org.' has the email address "
        "ann@example.org in it. Write the name alone ('Ann Lee') and the address as email: "
        "ann@example.org"
    ]
    document = path / "entries" / "a.md"
    document.write_text(
        entry("author:\n  name: Ann Lee\n  email: ann@example.org"), encoding="utf-8"
    )
    build_ok()
    assert atom_author() == ("Ann Lee", "ann@example.org")


def test_a_name_suggested_for_text_leaves_out_what_set_the_address_apart(site: Site) -> None:
    path = site(**{"a.md": entry('author: "Ann Lee, ann@example.org."')})
    assert errors() == [
        "Error: entries/a.md:4: author name 'Ann Lee, ann@example.org.' has the email address "
        'ann@example.org in it. Write it as "Ann Lee <ann@example.org>".'
    ]
    document = path / "entries" / "a.md"
    document.write_text(entry('author: "Ann Lee <ann@example.org>"'), encoding="utf-8")
    build_ok()
    assert atom_author() == ("Ann Lee", "ann@example.org")


@pytest.mark.parametrize(
    ("written", "name"),
    [
        pytest.param("Ann Lee Jr., ann@example.org", "Ann Lee Jr.", id="full-stop-of-the-name"),
        pytest.param("Ann Lee - ann@example.org", "Ann Lee", id="dash"),
        pytest.param("Ann Lee; ann@example.org", "Ann Lee", id="semicolon"),
        pytest.param("Ann (ann@example.org) Lee", "Ann Lee", id="inside-the-name"),
        pytest.param("ann@example.org, Ann Lee", "Ann Lee", id="address-first"),
        pytest.param("Ann Lee: ann@example.org!", "Ann Lee", id="colon-and-exclamation"),
        pytest.param("Ann (ann@example.org, editor)", "Ann (editor)", id="bracket-holds-more"),
        pytest.param("Ann Lee (editor; ann@example.org)", "Ann Lee (editor)", id="closes-after"),
        # What parted the address from the name on both sides parts what is left.
        pytest.param("Ann Lee, ann@example.org, editor", "Ann Lee, editor", id="commas-around"),
    ],
)
def test_a_suggested_name_keeps_only_the_name(site: Site, written: str, name: str) -> None:
    site(**{"a.md": entry(f'author: "{written}"')})
    assert errors() == [
        f"Error: entries/a.md:4: author name {written!r} has the email address "
        f'ann@example.org in it. Write it as "{name} <ann@example.org>".'
    ]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        # A mail header's quotes around the name: the fix kept them, and the feeds showed them.
        pytest.param("'\"Ann Lee\" ann@example.org'", "Ann Lee", id="quoted-name"),
        pytest.param('"\u201cAnn Lee\u201d, ann@example.org"', "Ann Lee", id="curly-quotes"),
        # Quotes inside the name are the name's (a nickname).
        pytest.param("'Ann \"Red\" Lee, ann@example.org'", 'Ann \\"Red\\" Lee', id="nickname"),
        # A bracket never closed that held the address alone: "(" is no part of the name.
        pytest.param('"Ann (ann@example.org"', "Ann", id="unclosed-bracket"),
    ],
)
def test_a_suggested_name_has_no_stray_quotes_or_bracket(
    site: Site, written: str, name: str
) -> None:
    path = site(**{"a.md": entry(f"author: {written}")})
    (error,) = errors()
    assert error.endswith(f' in it. Write it as "{name} <ann@example.org>".')
    document = path / "entries" / "a.md"
    fixed = f'author: "{name} <ann@example.org>"'
    document.write_text(entry(fixed), encoding="utf-8")
    build_ok()
    assert atom_author() == (name.replace("\\", ""), "ann@example.org")


def test_an_unclosed_bracket_around_an_address_alone_is_no_name(site: Site) -> None:
    # The fix suggested the name "(": `Write it as "( <ann@example.org>"`.
    site(**{"a.md": entry('author: "(ann@example.org"')})
    assert errors() == [
        "Error: entries/a.md:4: author name '(ann@example.org' is an email address, not a name. "
        'Write it as "Ann Lee <ann@example.org>".'
    ]


def test_a_link_with_a_port_but_no_scheme_is_told_with_its_host_and_port(site: Site) -> None:
    # `preview.example:8080` is no scheme, though urllib reads one there: the suggestion said
    # https://example.org/page, and dropped the host the author wrote.
    site(**{"a.md": entry("link: preview.example:8080/x")})
    assert errors() == [
        "Error: entries/a.md:4: link 'preview.example:8080/x' is not an absolute http(s) URL. "
        "Write it in full, like https://preview.example:8080/x"
    ]


def test_an_author_mapping_typed_with_a_separate_accent_is_the_same_author(site: Site) -> None:
    # "José" typed as "e" and U+0301 under `name:` is the author "José" of the other entry,
    # as it is written as text: readers compare names character by character.
    site(
        **{
            "a.md": entry("author: José"),
            "b.md": "---\ntitle: B\ndate: 2025-01-02\nauthor:\n  name: Jose\u0301\n---\nB.\n",
        }
    )
    build_ok()
    names = [item.author_detail.name for item in feedparser.parse("feeds/atom.xml").entries]
    assert names == ["Jos\u00e9", "Jos\u00e9"]


def test_an_imported_summary_keeps_the_spaces_beside_a_line_separator(site: Site) -> None:
    # Written unescaped in the YAML import writes, U+2028 is a line break to YAML, which drops
    # the spaces beside it: "resumed.\u2028More" reached readers, who show no break there.
    folder = site()
    posts = folder / "_posts"
    posts.mkdir()
    (posts / "2024-03-05-talks.md").write_text(
        '---\ntitle: Talks\nsummary: "Talks resumed. \\L More soon."\n---\nHi.\n',
        encoding="utf-8",
    )
    imported = CliRunner().invoke(cli, ["import", "_posts"])
    assert imported.exit_code == 0, imported.output
    build_ok()
    (item,) = feedparser.parse("feeds/atom.xml").entries
    assert item.summary == "Talks resumed. \u2028 More soon."


def test_a_suggested_name_leaves_out_brackets_a_template_left_empty(site: Site) -> None:
    # A template's empty field ("Ann Lee ({{ handle }}) <…>") left "()" in the name: the
    # name suggested kept it, and a user who wrote it so published "Ann Lee ()".
    site(**{"a.md": entry('author:\n  name: "Ann Lee () <ann@example.org>"')})
    assert errors() == [
        "Error: entries/a.md:5: author name 'Ann Lee () <ann@example.org>' has the email address "
        "<ann@example.org> in it. Write the name alone ('Ann Lee') and the address as email: "
        "ann@example.org"
    ]


def test_an_email_address_with_a_space_in_it_is_an_error(site: Site) -> None:
    # No mail reaches "ann lee@example.org": published, readers offered a mailto: link to no one.
    site(**{"a.md": entry('author: "Ann Lee <ann lee@example.org>"')})
    assert errors() == [
        "Error: entries/a.md:4: 'ann lee@example.org' in author is not an email address. Write "
        "it like ann@example.org, or leave the email out."
    ]


def test_a_links_fragment_is_kept_as_written_beside_a_host_in_idna(site: Site) -> None:
    # A page's route after "#" (`#/guide#install`, as single-page sites write one) is the
    # page's to read: browsers keep a second "#" there as it is. Written as %23 only when the
    # host was rewritten in IDNA, the link led to another section than the entry's page did.
    site(**{"a.md": entry('link: "https://b\u00fccher.example/docs/#/guide#install"')})
    build_ok()
    (item,) = etree.parse("feeds/rss.xml").findall("channel/item")
    assert item.findtext("link") == "https://xn--bcher-kva.example/docs/#/guide#install"


def test_a_date_among_the_configs_formats_is_an_error_at_its_line(site: Site) -> None:
    # TOML reads 2025-01-01 as a date, and the config keeps no written form for it to quote:
    # told as a date, not a traceback, and before the empty item after it, in the order the
    # items are written.
    formats = 'formats = ["atom", 2025-01-01, ""]\n'
    site(config=BASIC_CONFIG + formats, **{"a.md": entry("")})
    assert errors() == [
        "Error: staticfeed.toml:5: each of formats must be text, not a date. Write each of "
        "formats as a single line of text.",
        "Error: staticfeed.toml:5: formats has an empty item. Remove it, or write what it "
        "should be.",
    ]


def test_an_ipv6_host_ending_in_letters_is_published_in_lower_case(site: Site) -> None:
    # RFC 3986 (6.2.2.1): hexadecimal digits of an IPv6 host are case-insensitive, its normal
    # form in lower case, the last group's too: what follows the last ":" there is no port.
    config = BASIC_CONFIG.replace("https://example.org/blog/", "https://[2001:DB8::CAFE]/blog/")
    site(config=config, **{"a.md": entry("")})
    build_ok()
    root = etree.parse("feeds/atom.xml").getroot()
    assert root.findtext("{http://www.w3.org/2005/Atom}id") == "https://[2001:db8::cafe]/blog/"


def test_a_links_characters_no_uri_may_hold_are_escaped(site: Site) -> None:
    # RFC 3986 has no "[", "]" or "|" in a query (`?tags[]=a|b`, as forms write one): the W3C
    # Feed Validation Service rejects a feed whose <link> holds one (InvalidUriChar).
    site(**{"a.md": entry('link: "https://example.org/search?tags[]=a|b"')})
    build_ok()
    (item,) = etree.parse("feeds/rss.xml").findall("channel/item")
    assert item.findtext("link") == "https://example.org/search?tags%5B%5D=a%7Cb"


FULL = "is not an absolute http(s) URL. Write it in full, like"


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # The space after the host's "/" was dropped (`https://example.org/notes`), where the
        # same link with its scheme was told to keep it as %20: another page.
        ("example.org/ notes", f"{FULL} https://example.org/%20notes"),
        (
            "https://example.org/ notes",
            "contains spaces. Write spaces as %20: https://example.org/%20notes",
        ),
        ("/ notes", f"{FULL} https://example.org/%20notes"),
        # `100%` was suggested as it is, which the next build refused for its bare %.
        ("example.org/100%", f"{FULL} https://example.org/100%25"),
        # Told "100%%20a", refused in turn for its "%%": both at once.
        (
            "https://example.org/100% a",
            "contains spaces. Write spaces as %20 and a % that is part of the address as %25: "
            "https://example.org/100%25%20a",
        ),
    ],
    ids=["no-scheme", "scheme", "path", "no-scheme-percent", "percent-and-space"],
)
def test_a_link_told_in_full_keeps_its_spaces_and_builds_as_told(
    site: Site, written: str, told: str
) -> None:
    folder = site(**{"a.md": entry(f'link: "{written}"')})
    assert errors() == [f"Error: entries/a.md:4: link '{written}' {told}"]
    fixed = told.rpartition(" ")[2]  # the URL ends the fix
    document = folder / "entries" / "a.md"
    document.write_text(document.read_text().replace(written, fixed), encoding="utf-8")
    build_ok()
    (item,) = feedparser.parse("feeds/atom.xml").entries
    assert item.link == fixed


def published_authors() -> tuple[list[str | None], list[str | None]]:
    """The names of the one entry's Atom <author>s and its RSS dc:creators, read by lxml. RSS
    names every author in one dc:creator, joined with ", " as readers show Atom's."""
    (atom,) = etree.parse("feeds/atom.xml").getroot().iter("{http://www.w3.org/2005/Atom}entry")
    (item,) = etree.parse("feeds/rss.xml").findall("channel/item")
    authors = atom.findall("{http://www.w3.org/2005/Atom}author")
    names = [author.findtext("{http://www.w3.org/2005/Atom}name") for author in authors]
    return names, [creator.text for creator in item.findall(DC_CREATOR)]


@pytest.mark.parametrize(
    ("fence", "wrong", "told", "fixed"),
    [
        # Published as one person, "Ann Lee; Bob Roe", with an author feed of that name.
        (
            "---",
            "author: Ann Lee; Bob Roe",
            'Write them as a list of authors: authors: ["Ann Lee", "Bob Roe"]',
            'authors: ["Ann Lee", "Bob Roe"]',
        ),
        # Told in TOML's own syntax: `authors: [...]` is no TOML.
        (
            "+++",
            'author = "Ann Lee; Bob Roe"',
            'Write them as a list of authors: authors = ["Ann Lee", "Bob Roe"]',
            'authors = ["Ann Lee", "Bob Roe"]',
        ),
        (
            "---",
            "authors: [Ann Lee; Bob Roe]",
            'Write each author as an item of a list: ["Ann Lee", "Bob Roe"]',
            'authors: ["Ann Lee", "Bob Roe"]',
        ),
    ],
    ids=["yaml-author", "toml-author", "yaml-list-item"],
)
def test_a_semicolon_in_a_text_author_is_told_as_a_list_of_authors(
    site: Site, fence: str, wrong: str, told: str, fixed: str
) -> None:
    head = 'title = "A"\ndate = 2025-01-01' if fence == "+++" else "title: A\ndate: 2025-01-01"
    folder = site(**{"a.md": f"{fence}\n{head}\n{wrong}\n{fence}\nB.\n"})
    written = wrong.split("=" if fence == "+++" else ":", 1)[1].strip().strip('"[]')
    key = "authors" if "[" in wrong else "author"
    assert errors() == [
        f"Error: entries/a.md:4: {key} '{written}' parts names with U+003B SEMICOLON, yet as "
        f"text it is one author. {told}"
    ]
    document = folder / "entries" / "a.md"
    document.write_text(document.read_text().replace(wrong, fixed), encoding="utf-8")
    build_ok()
    assert published_authors() == (["Ann Lee", "Bob Roe"], ["Ann Lee, Bob Roe"])


@pytest.mark.parametrize(
    "name",
    [
        # A semicolon in brackets notes one person's roles; a comma may be a name's own.
        "Ann Lee (editor; translator)",
        # In full-width brackets, as Chinese text writes them: Li An (editor, translator).
        "\u674e\u5b89\uff08\u7f16\u8f91\u3001\u7ffb\u8bd1\uff09",
        "Lee, Ann",
        # The `;` of a character reference, written as HTML would (the name is as written).
        "Tom &amp; Jerry",
        # The mapping's name is taken as written.
        "{name: 'Ann Lee; Bob Roe'}",
    ],
    ids=["roles", "full-width-brackets", "comma", "reference", "mapping"],
)
def test_a_name_with_a_mark_that_parts_no_people_is_one_author(site: Site, name: str) -> None:
    site(**{"a.md": entry(f"author: {name}")})
    build_ok()
    shown = name.removeprefix("{name: '").removesuffix("'}")
    assert published_authors() == ([shown], [shown])


def test_a_semicolon_after_a_name_is_told_to_go(site: Site) -> None:
    site(**{"a.md": entry("author: Ann Lee;")})
    assert errors() == [
        "Error: entries/a.md:4: author 'Ann Lee;' parts names with U+003B SEMICOLON, yet as "
        'text it is one author. Write the name without it: "Ann Lee"'
    ]


def test_a_semicolon_in_a_config_author_is_told_as_a_list(site: Site) -> None:
    config = BASIC_CONFIG.replace(
        '{ name = "Default Author", email = "default@example.org" }', '"Ann Lee; Bob Roe"'
    )
    site(config=config, **{"a.md": entry("")})
    assert errors() == [
        "Error: staticfeed.toml:4: authors 'Ann Lee; Bob Roe' parts names with U+003B "
        "SEMICOLON, yet as text it is one author. Write each author as an item of a list: "
        '["Ann Lee", "Bob Roe"]'
    ]
    Path("staticfeed.toml").write_text(
        config.replace('"Ann Lee; Bob Roe"', '"Ann Lee", "Bob Roe"'), encoding="utf-8"
    )
    build_ok()
    assert published_authors() == (["Ann Lee", "Bob Roe"], ["Ann Lee, Bob Roe"])


@pytest.mark.parametrize(
    "name",
    [
        # Each letter was a start the address was looked for from, read on to the end: 200,000
        # took minutes. Then each dot of a domain was a place to step back to.
        "A" + "a" * 200_000,
        "Ann a@" + "." * 200_000,
    ],
    ids=["letters", "dots-after-at"],
)
def test_a_long_author_name_without_an_address_builds_as_written(site: Site, name: str) -> None:
    site(**{"a.md": entry(f'author: "{name}"')})
    # In a process of its own, so that a build that never ends fails the test, not hangs it.
    done = subprocess.run(
        [sys.executable, "-m", "staticfeed", "build", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    (creator,) = etree.parse("feeds/rss.xml").findall(f"channel/item/{DC_CREATOR}")
    assert creator.text == name
    assert [author.name for author in feedparser.parse("feeds/atom.xml").entries[0].authors] == [
        name
    ]


# The address pattern as first written, searched from every character: slow on long names,
# but plainly the rule; the quick search must find the same address in every name.
_PLAIN_ADDRESS = re.compile(
    r"""(?:mailto:)?([^@\s<>()\[\]{}"',;:][^@\s<>()\[\]{}",;:]*@"""
    r"""(?:[^@\s<>()\[\]{}",;:]+\.[^@\s<>()\[\]{}",;:]*[^@\s<>()\[\]{}"',;:.!?]|\[[0-9.:]+\]))""",
    re.IGNORECASE,
)


def test_the_quick_address_search_finds_what_the_plain_pattern_finds() -> None:
    # No <>: an address in them is found before this search (`Ann <ann@example.org>`).
    pieces = [*"ab@.':;, ()[]!?.", "..", "mailto:", "MAILTO:", "x.org", '"', "1", "[1.2]"]
    chooser = random.Random(40)
    for _ in range(20_000):
        name = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 14)))
        plain = _PLAIN_ADDRESS.search(name)
        found = split_address(name)
        assert (found and found[1:]) == (plain and (plain[0], plain[1])), name
