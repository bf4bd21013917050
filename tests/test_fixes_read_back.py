"""A fix an error message suggests is copied as it is: written into the file, it must read back
(tomllib, yaml.safe_load) as what the author meant, in the front matter's own language, and the
next build must publish it (read by feedparser)."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from lxml import etree

from tests.conftest import BASIC_CONFIG
from tests.test_entries_audit import build, errors

Site = Callable[..., Path]


def read_line(line: str, *, toml: bool) -> dict[str, Any]:
    """The one line of front matter `line`, read as TOML (`toml`) or YAML by those libraries."""
    read = tomllib.loads(line) if toml else yaml.safe_load(line)
    assert isinstance(read, dict)
    return read


def built_as_told(path: Path, wrong: str, fixed: str) -> Any:
    """The one entry of a build after the line `wrong` of `path` is replaced with `fixed`, as a
    user would do it, by feedparser."""
    text = path.read_text(encoding="utf-8")
    assert wrong in text
    path.write_text(text.replace(wrong, fixed), encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    return entry


def front(fence: str, *lines: str) -> str:
    """A document with `lines` in front matter between `fence` lines, after its title and date."""
    toml = ['title = "T"', "date = 2025-06-01"]
    head = toml if fence == "+++" else ["title: T", "date: 2025-06-01"]
    return "\n".join([fence, *head, *lines, fence, "Text."]) + "\n"


# Tags ---------------------------------------------------------------------------------------


TEXT = "text. Write it as a list: {}"
MAPPING = "a mapping. Write it as a list of text, such as {}."


@pytest.mark.parametrize(
    ("fence", "wrong", "told", "listed", "tags"),
    [
        # `[news]` is no TOML: text there is in quotes, each item too.
        pytest.param("+++", 'tags = "news"', TEXT, '["news"]', ["news"], id="toml"),
        pytest.param(
            "+++",
            'tags = "news, peace talks"',
            TEXT,
            '["news", "peace talks"]',
            ["news", "peace talks"],
            id="toml-two",
        ),
        # `[a: b]` is a list of one mapping to YAML.
        pytest.param("---", 'tags: "a: b"', TEXT, '["a: b"]', ["a: b"], id="yaml-colon"),
        # As the README shows it: no quotes where YAML reads each as itself...
        pytest.param("---", "tags: news", TEXT, "[news]", ["news"], id="yaml-plain"),
        # ...and in quotes each that YAML reads otherwise: true, 3.1, a comment.
        pytest.param(
            "---",
            'tags: "news, yes, 3.10, #12"',
            TEXT,
            '[news, "yes", "3.10", "#12"]',
            ["news", "yes", "3.10", "#12"],
            id="yaml-mixed",
        ),
        # Chinese and Japanese list with 、 and U+FF0C: the fix gave one tag "新闻、政治".
        pytest.param(
            "---", "tags: 新闻、政治", TEXT, "[新闻, 政治]", ["新闻", "政治"], id="yaml-cjk"
        ),
        pytest.param(
            "+++",
            'tags = "news\uff0c peace talks\uff1b talks; war"',
            TEXT,
            '["news", "peace talks", "talks", "war"]',
            ["news", "peace talks", "talks", "war"],
            id="toml-fullwidth-and-semicolons",
        ),
        # The example a mapping is given, too.
        pytest.param(
            "+++",
            "tags = { news = 1 }",
            MAPPING,
            '["news", "ukraine"]',
            ["news", "ukraine"],
            id="toml-mapping",
        ),
        pytest.param(
            "---", "tags: {news: 1}", MAPPING, "[news, ukraine]", ["news", "ukraine"], id="yaml-map"
        ),
    ],
)
def test_tags_that_are_no_list_are_told_as_a_list_in_the_front_matters_language(
    site: Site, fence: str, wrong: str, told: str, listed: str, tags: list[str]
) -> None:
    folder = site(**{"a.md": front(fence, wrong)})
    assert errors() == [f"Error: entries/a.md:4: tags must be a list, not {told.format(listed)}"]
    toml = fence == "+++"
    fixed = f"tags = {listed}" if toml else f"tags: {listed}"
    assert read_line(fixed, toml=toml) == {"tags": tags}
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert [tag.term for tag in entry.tags] == tags


# Authors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fence", "wrong", "told", "fixed", "names"),
    [
        pytest.param(
            "---",
            "authors: Ann Lee\uff0c Bo Chen",
            "authors 'Ann Lee\uff0c Bo Chen' parts names with U+FF0C FULLWIDTH COMMA, yet as text "
            'it is one author. Write each author as an item of a list: ["Ann Lee", "Bo Chen"]',
            'authors: ["Ann Lee", "Bo Chen"]',
            ["Ann Lee", "Bo Chen"],
            id="fullwidth-comma",
        ),
        pytest.param(
            "---",
            "author: 李安、陈波 <chen@example.org>",
            "author '李安、陈波 <chen@example.org>' parts names with U+3001 IDEOGRAPHIC COMMA, yet "
            'as text it is one author. Write them as a list of authors: authors: ["李安", '
            '"陈波 <chen@example.org>"]',
            'authors: ["李安", "陈波 <chen@example.org>"]',
            ["李安", "陈波"],
            id="ideographic-comma-author",
        ),
        pytest.param(
            "+++",
            'authors = ["Ann Lee\uff1b Bo Chen", "Cy Dee"]',
            "authors 'Ann Lee\uff1b Bo Chen' parts names with U+FF1B FULLWIDTH SEMICOLON, yet as "
            'text it is one author. Write each author as an item of a list: ["Ann Lee", "Bo Chen"]',
            'authors = ["Ann Lee", "Bo Chen", "Cy Dee"]',
            ["Ann Lee", "Bo Chen", "Cy Dee"],
            id="fullwidth-semicolon-in-a-toml-list",
        ),
    ],
)
def test_authors_parted_by_a_mark_cjk_text_lists_with_are_told_as_a_list(
    site: Site, fence: str, wrong: str, told: str, fixed: str, names: list[str]
) -> None:
    # One author "Ann Lee, Bo Chen" (a full-width comma) was published: feedparser read one
    # name, and the author feed was ann-lee-bo-chen.atom.xml.
    folder = site(**{"a.md": front(fence, wrong)})
    assert errors() == [f"Error: entries/a.md:4: {told}"]  # below ---, title and date
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert [author.name for author in entry.authors] == names


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_an_authors_name_in_quotes_before_its_address_is_told_without_them(
    site: Site, fence: str
) -> None:
    # As mail writes a name: the feeds published '"Ann Lee"', quotes and all.
    wrong = "authors = ['\"Ann Lee\" <ann@example.org>']"
    wrong = wrong if fence == "+++" else wrong.replace(" =", ":")
    folder = site(**{"a.md": front(fence, wrong)})
    assert errors() == [
        "Error: entries/a.md:4: authors '\"Ann Lee\" <ann@example.org>' has the name in quotes, "
        'which readers would show with it. Write it without them: "Ann Lee <ann@example.org>"'
    ]
    fixed = '"Ann Lee <ann@example.org>"'
    fixed = f"authors = [{fixed}]" if fence == "+++" else f"authors: [{fixed}]"
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert [(a.name, a.email) for a in entry.authors] == [("Ann Lee", "ann@example.org")]


def test_a_mapping_names_an_author_with_a_cjk_comma_as_written(site: Site) -> None:
    # The way to keep such a mark in one name: no text is read as a list there.
    site(**{"a.md": front("---", "author:", "  name: 李安、陈波")})
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert [author.name for author in entry.authors] == ["李安、陈波"]


def test_a_text_for_formats_in_the_config_is_told_as_a_toml_list(site: Site) -> None:
    site(config=BASIC_CONFIG + 'formats = "atom"\n', **{"a.md": front("---")})
    assert errors() == [
        'Error: staticfeed.toml:5: formats must be a list, not text. Write it as a list: ["atom"]'
    ]
    Path("staticfeed.toml").write_text(BASIC_CONFIG + 'formats = ["atom"]\n', encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in Path("feeds").glob("*.xml")) == ["atom.xml"]
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert entry.title == "T"


# Text without quotes in TOML --------------------------------------------------------------------


def toml_document(*lines: str) -> str:
    return "\n".join(["+++", *lines, "+++", "Text."]) + "\n"


@pytest.mark.parametrize(
    ("wrong", "fixed", "published"),
    [
        # tomllib says "Invalid value" alone, and the fix was "Fix the TOML syntax".
        ("title = Fix #12", 'title = "Fix #12"', "Fix #12"),
        ("title = A day", 'title = "A day"', "A day"),
        # Read as far as a number, then "Expected newline or end of document".
        ("title = 2025 plans # next", 'title = "2025 plans # next"', "2025 plans # next"),
        # A tab before the # parts it as a space does (a title holds no tab).
        ("title = Fix\t#12", 'title = "Fix #12"', "Fix #12"),
        ("summary = In short", 'summary = "In short"', "In short"),
        # As written: YAML reads `&Co` as an anchor, and the fix was `title = "news"`.
        ("title = &Co news", 'title = "&Co news"', "&Co news"),
        # A comment after a link stays a comment; a # inside it is its fragment.
        (
            "link = https://ex.org/a#b # page",
            'link = "https://ex.org/a#b" # page',
            "https://ex.org/a#b",
        ),
    ],
    ids=["hash", "words", "number-first", "tab-before-hash", "summary", "ampersand", "link"],
)
def test_toml_text_without_quotes_is_told_in_quotes(
    site: Site, wrong: str, fixed: str, published: str
) -> None:
    key = wrong.split()[0]
    lines = ['title = "T"', "date = 2025-06-01", wrong]
    if key == "title":
        lines = [wrong, "date = 2025-06-01"]
    folder = site(**{"a.md": toml_document(*lines)})
    number = lines.index(wrong) + 2
    assert errors() == [
        f"Error: entries/a.md:{number}: invalid TOML: {key}'s text is not in quotes. Put it in"
        f" quotes: {fixed}"
    ]
    assert read_line(fixed, toml=True) == {key: published}
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert entry[key] == published


@pytest.mark.parametrize(
    ("lines", "number"),
    [
        # A key of a table, not of the front matter: which it is is not this fix's to say.
        pytest.param(['title = "T"', "date = 2025-06-01", "[extra]", "title = Fix"], 5, id="table"),
        # A tab inside the text: in quotes, the title would still be refused.
        pytest.param(["title = A\tday", "date = 2025-06-01"], 2, id="tab"),
        # Not a key that takes text, nor true or false written otherwise (`draft = yes`).
        pytest.param(['title = "T"', "date = 2025-06-01", "draft = maybe"], 4, id="draft"),
        pytest.param(['title = "T"', "date = 2025-06-01", "tags = news"], 4, id="list"),
    ],
)
def test_other_values_toml_refuses_are_still_told_to_fix_the_syntax(
    site: Site, lines: list[str], number: int
) -> None:
    site(**{"a.md": toml_document(*lines)})
    assert errors() == [
        f"Error: entries/a.md:{number}: invalid TOML: Invalid value. Fix the TOML syntax."
    ]


# An array's item written like a table's header -------------------------------------------------

UNKNOWN_X = (
    "unknown key 'x'. Remove it; known keys: author, authors, date, draft, enclosures, id, "
    "image, lang, link, review, slug, summary, tags, title, updated."
)


def test_a_key_given_twice_below_an_array_item_like_a_header_is_named(site: Site) -> None:
    # `["b"],` was taken for the header of a table b, so the second title was b's own, and
    # tomllib's "Cannot overwrite a value. Fix the TOML syntax." was all the author was told.
    site(**{"a.md": toml_document('title = "T"', "x = [", '  ["b"],', "]", 'title = "B"')})
    assert errors() == [
        "Error: entries/a.md:6: title is given twice (lines 2 and 6). Keep one of them."
    ]


def test_a_key_below_an_array_item_like_a_header_keeps_its_line(site: Site) -> None:
    # Below `[true],`, taken for a table's header, tags was given no line in its error.
    lines = ['title = "T"', "date = 2025-06-01", "x = [", "  [true],", "]", 'tags = "news"']
    site(**{"a.md": toml_document(*lines)})
    assert errors() == [
        f"Error: entries/a.md:4: {UNKNOWN_X}",
        'Error: entries/a.md:7: tags must be a list, not text. Write it as a list: ["news"]',
    ]


def test_a_date_commented_out_below_an_array_item_like_a_header_is_told_to_stay(
    site: Site,
) -> None:
    # It was told to move above line 4, "where ["b"] begins": into the array.
    lines = ['title = "T"', "x = [", '  ["b"],', "]", "# date = 2025-06-01"]
    folder = site(**{"a.md": toml_document(*lines)})
    assert errors() == [
        f"Error: entries/a.md:3: {UNKNOWN_X}",
        "Error: entries/a.md:6: the front matter has no date: line 6 gives one in a comment."
        " Remove the # at the start of line 6.",
    ]
    path = folder / "entries" / "a.md"
    text = path.read_text(encoding="utf-8").replace('x = [\n  ["b"],\n]\n', "")
    path.write_text(text, encoding="utf-8")
    entry = built_as_told(path, "# date = 2025-06-01", "date = 2025-06-01")
    assert (entry.title, entry.published[:10]) == ("T", "2025-06-01")


def test_a_date_commented_out_below_a_spaced_table_header_names_the_header_as_written(
    site: Site,
) -> None:
    # It was told `where ["author"] begins`: a line the author could not find in the file.
    lines = ['title = "T"', '[ "author" ]', 'name = "Ann"', "# date = 2025-06-01"]
    folder = site(**{"a.md": toml_document(*lines)})
    assert errors() == [
        "Error: entries/a.md:5: the front matter has no date: line 5 gives one in a comment."
        ' Remove the # at the start of line 5, and move the line above line 3, where [ "author" ]'
        " begins."
    ]
    path = folder / "entries" / "a.md"
    text = path.read_text(encoding="utf-8").replace("# date = 2025-06-01\n", "")
    path.write_text(text, encoding="utf-8")
    entry = built_as_told(path, '[ "author" ]', 'date = 2025-06-01\n[ "author" ]')
    assert (entry.author, entry.published[:10]) == ("Ann", "2025-06-01")


# A number where text belongs, in TOML -----------------------------------------------------------


@pytest.mark.parametrize(
    ("wrong", "told", "published"),
    [
        # TOML reads 3.10 as 3.1, and the fix quoted "3.1": another version.
        ("title = 3.10", 'title must be text, not a number. Put it in quotes: "3.10"', "3.10"),
        (
            "tags = 3.10",
            'tags must be a list, not a number. Write it as a list: ["3.10"]',
            ["3.10"],
        ),
        (
            'tags = ["python", 3.10] # versions',
            'each of tags must be text, not a number. Put every one in quotes: ["python", "3.10"]',
            ["python", "3.10"],
        ),
    ],
    ids=["title", "tags", "in-tags"],
)
def test_a_toml_number_where_text_belongs_is_quoted_as_written(
    site: Site, wrong: str, told: str, published: str | list[str]
) -> None:
    key = wrong.split()[0]
    lines = (
        [wrong, "date = 2025-06-01"]
        if key == "title"
        else ['title = "T"', "date = 2025-06-01", wrong]
    )
    folder = site(**{"a.md": toml_document(*lines)})
    assert errors() == [f"Error: entries/a.md:{lines.index(wrong) + 2}: {told}"]
    fixed = f"{key} = {told.rpartition(': ')[2]}"
    assert read_line(fixed, toml=True) == {key: published}
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    shown = entry.title if key == "title" else [tag.term for tag in entry.tags]
    assert shown == published


@pytest.mark.parametrize(
    ("wrong", "told"),
    [
        # Commented out, `# title = 2025-01-01 # d` was told `title = "2025-01-01" # d`;
        # written, it was told only to write text. The comment stays one, as after a number.
        (
            "title = 2025-01-01 # d",
            'title must be text, not a date. Put it in quotes: "2025-01-01"',
        ),
        # As written: str() writes it "2025-06-01 10:00:00+00:00".
        (
            "title = 2025-06-01T10:00:00Z",
            'title must be text, not a date and time. Put it in quotes: "2025-06-01T10:00:00Z"',
        ),
        (
            "summary = 2025-06-01 10:00:00.5",
            'summary must be text, not a date and time. Put it in quotes: "2025-06-01 10:00:00.5"',
        ),
        ("summary = 10:30:00", 'summary must be text, not a time. Put it in quotes: "10:30:00"'),
    ],
    ids=["title-date", "title-date-time", "summary-local-date-time", "summary-time"],
)
def test_a_toml_date_where_text_belongs_is_quoted_as_written(
    site: Site, wrong: str, told: str
) -> None:
    key = wrong.split()[0]
    lines = [wrong, "date = 2025-06-01"] + ([] if key == "title" else ['title = "T"'])
    folder = site(**{"a.md": toml_document(*lines)})
    assert errors() == [f"Error: entries/a.md:2: {told}"]
    value = told.rpartition(": ")[2]
    fixed = wrong.replace(wrong.split(" = ")[1].partition(" #")[0], value)
    assert read_line(fixed, toml=True) == {key: value.strip('"')}
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert (entry.title if key == "title" else entry.summary) == value.strip('"')


@pytest.mark.parametrize(
    ("wrong", "told"),
    [
        # Told "Write title as a single line of text", where front matter quoted the date.
        ("title = 2025-12-01", 'title must be text, not a date. Put it in quotes: "2025-12-01"'),
        # As written: str() writes "2025-12-01 10:00:00+00:00".
        (
            "title = 2025-12-01T10:00:00Z # d",
            'title must be text, not a date and time. Put it in quotes: "2025-12-01T10:00:00Z"',
        ),
        (
            "subtitle = 10:30:00.5",
            'subtitle must be text, not a time. Put it in quotes: "10:30:00.5"',
        ),
        # "3.1" is another version, 255 another name.
        ("subtitle = 3.10", 'subtitle must be text, not a number. Put it in quotes: "3.10"'),
        ("rights = 0xFF", 'rights must be text, not a number. Put it in quotes: "0xFF"'),
    ],
    ids=["title-date", "title-date-time", "subtitle-time", "subtitle-number", "rights-hex"],
)
def test_a_date_or_number_where_the_config_wants_text_is_quoted_as_written(
    site: Site, wrong: str, told: str
) -> None:
    key = wrong.split()[0]
    title = 'title = "Test feed"'
    config = BASIC_CONFIG.replace(title, wrong) if key == "title" else f"{BASIC_CONFIG}{wrong}\n"
    site(config=config, **{"a.md": front("---")})
    line = config.splitlines().index(wrong) + 1
    assert errors() == [f"Error: staticfeed.toml:{line}: {told}"]
    value = told.rpartition(": ")[2]
    fixed = wrong.replace(wrong.split(" = ")[1].partition(" #")[0], value)
    assert read_line(fixed, toml=True) == {key: value.strip('"')}
    Path("staticfeed.toml").write_text(config.replace(wrong, fixed), encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    feed = feedparser.parse("feeds/atom.xml").feed
    assert feed[key] == value.strip('"')


@pytest.mark.parametrize("number", ["3.10", ".inf"])
def test_a_yaml_number_named_as_an_author_is_quoted_as_written(site: Site, number: str) -> None:
    # The fix quoted "3.1" and "inf": another name than the one written.
    folder = site(**{"a.md": front("---", "authors:", f"  - name: {number}")})
    assert errors() == [
        "Error: entries/a.md:5: authors name must be text, not a number. Put it in quotes: "
        f'"{number}"'
    ]
    wrong, fixed = f"name: {number}", f'name: "{number}"'
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert [author.name for author in entry.authors] == [number]


ZONE = "Use an IANA name like UTC, Europe/Kyiv or America/New_York."


@pytest.mark.parametrize(
    ("wrong", "told"),
    [
        # Each was told "Write ... as a single line of text" for a date, and "Put it in quotes"
        # for a number, which the next build refused in turn (no zone is named "5").
        ("timezone = 2025-12-01", f"timezone must be a time zone's name, not a date. {ZONE}"),
        ("timezone = 5", f"timezone must be a time zone's name, not a number. {ZONE}"),
        (
            "content = 10:00:00",
            'content must be one of full, summary, not a time. Use "full" or "summary".',
        ),
        (
            "feed_url = 2025-12-01",
            "feed_url must be a URL, not a date. Write it like feeds/ or https://example.org/x",
        ),
        (
            "icon = true",
            "icon must be a URL, not true/false. Write a path on the site, or a full URL like "
            "https://example.org/cover.jpg",
        ),
    ],
    ids=["timezone-date", "timezone-number", "content-time", "feed-url-date", "icon-true"],
)
def test_a_value_no_quotes_make_right_in_the_config_is_told_what_the_key_needs(
    site: Site, wrong: str, told: str
) -> None:
    site(config=f"{BASIC_CONFIG}{wrong}\n", **{"a.md": front("---")})
    assert errors() == [f"Error: staticfeed.toml:5: {told}"]


def test_a_number_for_id_authority_is_told_what_it_needs(site: Site) -> None:
    config = BASIC_CONFIG.replace('"example.org,2025"', "2025")
    site(config=config, **{"a.md": front("---")})
    assert errors() == [
        "Error: staticfeed.toml:3: id_authority must be a tag URI authority, not a number. Write "
        "a domain or email you own and a year, like example.org,2025."
    ]


@pytest.mark.parametrize(
    ("wrong", "told", "fixed", "tags"),
    [
        # Told "Write each of tags as a single line of text", where a number was quoted.
        (
            "tags = [2025-01-01] # d",
            'each of tags must be text, not a date. Put every one in quotes: ["2025-01-01"]',
            'tags = ["2025-01-01"] # d',
            ["2025-01-01"],
        ),
        # As written, beside a number: str() writes "2025-06-01 10:00:00+00:00" and 3.1.
        (
            'tags = ["a", 2025-06-01T10:00:00Z, 3.10]',
            "each of tags must be text, not a date and time. Put every one in quotes: "
            '["a", "2025-06-01T10:00:00Z", "3.10"]',
            'tags = ["a", "2025-06-01T10:00:00Z", "3.10"]',
            ["a", "2025-06-01T10:00:00Z", "3.10"],
        ),
        # A space before the time was read as two items, and the fix quoted "+00:00", "3.1".
        (
            "tags = [2025-06-01 10:00:00Z, 3.10]",
            "each of tags must be text, not a date and time. Put every one in quotes: "
            '["2025-06-01 10:00:00Z", "3.10"]',
            'tags = ["2025-06-01 10:00:00Z", "3.10"]',
            ["2025-06-01 10:00:00Z", "3.10"],
        ),
        (
            'tags = [10:30:00.5, "b"]',
            'each of tags must be text, not a time. Put every one in quotes: ["10:30:00.5", "b"]',
            'tags = ["10:30:00.5", "b"]',
            ["10:30:00.5", "b"],
        ),
        # No list: told to write a list of text such as ["news", "ukraine"].
        (
            "tags = 2025-06-01T10:00:00Z",
            "tags must be a list, not a date and time. Write it as a list: "
            '["2025-06-01T10:00:00Z"]',
            'tags = ["2025-06-01T10:00:00Z"]',
            ["2025-06-01T10:00:00Z"],
        ),
    ],
    ids=["date", "date-time-beside-number", "spaced-date-time", "time", "not-a-list"],
)
def test_a_toml_date_in_tags_is_quoted_as_written(
    site: Site, wrong: str, told: str, fixed: str, tags: list[str]
) -> None:
    folder = site(**{"a.md": toml_document('title = "T"', "date = 2025-06-01", wrong)})
    assert errors() == [f"Error: entries/a.md:4: {told}"]
    assert f"[{told.rpartition('[')[2]}" in fixed  # the fix, as told
    assert read_line(fixed, toml=True) == {"tags": tags}
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert [tag.term for tag in entry.tags] == tags


def test_a_list_in_toml_tags_leaves_the_dates_beside_it_quoted_as_written(site: Site) -> None:
    # The list in the array stopped it being read again: the date was told "Write each of tags
    # as a single line of text" and 3.10 quoted "3.1", as if no fix could quote them.
    wrong = "tags = [2025-06-01T10:00:00Z, [1], 3.10]"
    site(**{"a.md": toml_document('title = "T"', "date = 2025-06-01", wrong)})
    assert errors() == [
        "Error: entries/a.md:4: each of tags must be text, not a date and time. "
        'Put every one in quotes: ["2025-06-01T10:00:00Z", "3.10"]',
        "Error: entries/a.md:4: each of tags must be text, not a list. "
        "Write each of tags as a single line of text.",
    ]
    tags = ["2025-06-01T10:00:00Z", "3.10"]
    assert read_line('tags = ["2025-06-01T10:00:00Z", "3.10"]', toml=True) == {"tags": tags}


@pytest.mark.parametrize(
    ("wrong", "told"),
    [
        # Told "Write link as a single line of text", and "Put it in quotes" for a number,
        # which the next build refused as no URL.
        (
            "link = 2025-01-01",
            "link must be a URL, not a date. Write it like https://example.org/page",
        ),
        ("link = 5", "link must be a URL, not a number. Write it like https://example.org/page"),
        (
            "lang = 2025-01-01T10:00:00Z",
            "lang must be a language tag, not a date and time. Use a tag like en, en-GB or uk.",
        ),
        (
            "lang = 10:00:00",
            "lang must be a language tag, not a time. Use a tag like en, en-GB or uk.",
        ),
        ("lang = 5", "lang must be a language tag, not a number. Use a tag like en, en-GB or uk."),
        (
            "lang = true",
            "lang must be a language tag, not true/false. Use a tag like en, en-GB or uk.",
        ),
        # Told "Write id as a single line of text", and "Put it in quotes" for a number, which
        # the next build refused as no absolute URI.
        (
            "id = 2025-12-01",
            "id must be an absolute URI, not a date. Use a tag URI like "
            "tag:example.org,2025:my-post, or a URL.",
        ),
        (
            "id = 5",
            "id must be an absolute URI, not a number. Use a tag URI like "
            "tag:example.org,2025:my-post, or a URL.",
        ),
        # Told "Put it in quotes", and a date in quotes is no image's URL either.
        (
            "image = 2025-12-01T10:00:00Z",
            "image must be a URL, not a date and time. Write a path on the site, or a full URL"
            " like https://example.org/cover.jpg",
        ),
    ],
    ids=[
        "link-date",
        "link-number",
        "lang-date-time",
        "lang-time",
        "lang-number",
        "lang-true",
        "id-date",
        "id-number",
        "image-date-time",
    ],
)
def test_a_link_or_lang_that_is_no_text_is_told_what_it_must_be(
    site: Site, wrong: str, told: str
) -> None:
    site(**{"a.md": toml_document('title = "T"', "date = 2025-06-01", wrong)})
    assert errors() == [f"Error: entries/a.md:4: {told}"]


def test_lang_no_in_yaml_is_quoted_as_written(site: Site) -> None:
    # YAML reads `no` (Norwegian) as false: the fix quoted "false", which is no language.
    folder = site(**{"a.md": front("---", "lang: no")})
    assert errors() == [
        "Error: entries/a.md:4: lang must be text, not true/false (YAML reads no as false). "
        'Put it in quotes: "no"'
    ]
    assert read_line('lang: "no"', toml=False) == {"lang": "no"}
    built_as_told(folder / "entries" / "a.md", "lang: no", 'lang: "no"')
    (entry,) = etree.parse("feeds/atom.xml").getroot().iter("{http://www.w3.org/2005/Atom}entry")
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "no"


def test_a_toml_number_in_an_array_over_lines_is_quoted_as_written(site: Site) -> None:
    wrong = 'tags = [\n  "python", # the language\n  3.10, # the version\n]'
    folder = site(**{"a.md": toml_document('title = "T"', "date = 2025-06-01", wrong)})
    listed = '["python", "3.10"]'
    assert errors() == [
        "Error: entries/a.md:6: each of tags must be text, not a number. Put every one in"
        f" quotes: {listed}"
    ]
    entry = built_as_told(folder / "entries" / "a.md", wrong, f"tags = {listed}")
    assert [tag.term for tag in entry.tags] == ["python", "3.10"]


@pytest.mark.parametrize(
    ("wrong", "line", "first"),
    [
        # TOML drops the line break just after the opening quotes: the tag is "python".
        pytest.param('tags = ["""\npython""", 3.10]', 5, "python", id="over-lines"),
        pytest.param("tags = ['''python''', 3.10] # versions", 4, "python", id="literal"),
        pytest.param('tags = ["""python""", 3.10]', 4, "python", id="on-one-line"),
        # The fix kept the line break, `["py\nthon", "3.10"]`, and the next build said "each of
        # tags holds a line break": a tag is on one line, a break a space.
        pytest.param('tags = ["""py\nthon""", 3.10]', 5, "py thon", id="with-a-line-break"),
    ],
)
def test_a_toml_number_beside_a_text_in_three_quotes_is_quoted_as_written(
    site: Site, wrong: str, line: int, first: str
) -> None:
    # The text in three quotes was read as three texts, the array's items did not pair with
    # its values, and the fix quoted 3.10 as "3.1".
    folder = site(**{"a.md": toml_document('title = "T"', "date = 2025-06-01", wrong)})
    listed = f'["{first}", "3.10"]'
    assert errors() == [
        f"Error: entries/a.md:{line}: each of tags must be text, not a number. Put every one in"
        f" quotes: {listed}"
    ]
    fixed = f"tags = {listed}"
    assert read_line(fixed, toml=True) == {"tags": [first, "3.10"]}
    entry = built_as_told(folder / "entries" / "a.md", wrong, fixed)
    assert [tag.term for tag in entry.tags] == [first, "3.10"]


# A title commented out ------------------------------------------------------------------------


# A line too long to be taken for the title, as the text's first line is when it is short.
LONG_BODY = "word " * 50 + "\n"


@pytest.mark.parametrize(
    ("fence", "commented", "fixed"),
    [
        # Told `title = "A\tday"`, and the next build said "title holds a tab".
        pytest.param("+++", "# title = A\tday", 'title = "A day"', id="toml"),
        pytest.param("+++", "# title: A\tday", 'title = "A day"', id="yaml-in-toml"),
        # Told to remove the # alone, which left the tab for the next build to refuse.
        pytest.param("---", "# title: A\tday", "title: A day", id="yaml"),
        pytest.param("---", "# title = A\tday", "title: A day", id="toml-in-yaml"),
        # A tab written as an escape in quotes: uncommented as it is, or told as it was, the
        # next build refused it too.
        pytest.param("+++", '# title = "A\\tday"', 'title = "A day"', id="toml-escape"),
        pytest.param("+++", '# title: "A\\tday"', 'title = "A day"', id="yaml-escape-in-toml"),
        pytest.param("---", '# title: "A\\tday"', 'title: "A day"', id="yaml-escape"),
    ],
)
def test_a_commented_out_title_with_a_tab_is_told_with_a_space(
    site: Site, fence: str, commented: str, fixed: str
) -> None:
    date = "date = 2025-06-01" if fence == "+++" else "date: 2025-06-01"
    folder = site(**{"a.md": f"{fence}\n{commented}\n{date}\n{fence}\n{LONG_BODY}"})
    assert errors() == [
        "Error: entries/a.md:2: the front matter has no title: line 2 gives one in a comment."
        f" Remove the # at the start of line 2 and write it {fixed}."
    ]
    assert read_line(fixed, toml=fence == "+++") == {"title": "A day"}
    # The line as told, in place of the comment, is a title the next build publishes.
    assert built_as_told(folder / "entries" / "a.md", commented, fixed).title == "A day"


@pytest.mark.parametrize(
    ("fence", "value", "comment", "title"),
    [
        pytest.param("---", "2025", "# year", "2025", id="yaml-number"),
        pytest.param("---", "3.10", "# the version", "3.10", id="yaml-version"),
        pytest.param("---", "yes", "# sure", "yes", id="yaml-true"),
        pytest.param("+++", "2025", "# year", "2025", id="toml-number"),
        pytest.param("+++", "3.10", "# the version", "3.10", id="toml-version"),
    ],
)
def test_a_comment_after_a_number_title_is_a_comment_written_or_commented_out(
    site: Site, fence: str, value: str, comment: str, title: str
) -> None:
    # Written, `title: 2025 # year` was told "2025"; commented out, the same line was told
    # `title: "2025 # year"`: two titles for one line. YAML and TOML read a comment there.
    toml = fence == "+++"
    key = "title = " if toml else "title: "
    date = "date = 2025-06-01" if toml else "date: 2025-06-01"
    written = f"{key}{value} {comment}"
    folder = site(**{"a.md": f"{fence}\n{written}\n{date}\n{fence}\n{LONG_BODY}"})
    told = errors()[0].rpartition("Put it in quotes: ")[2]
    assert told == f'"{value}"'
    # The value quoted in place, as told: the comment after it stays where it was.
    quoted_in_place = f"{key}{told} {comment}"
    assert read_line(quoted_in_place, toml=toml) == {"title": title}
    path = folder / "entries" / "a.md"
    path.write_text(f"{fence}\n# {written}\n{date}\n{fence}\n{LONG_BODY}", encoding="utf-8")
    assert errors() == [
        "Error: entries/a.md:2: the front matter has no title: line 2 gives one in a comment."
        f" Remove the # at the start of line 2 and write it {quoted_in_place}."
    ]
    assert built_as_told(path, f"# {written}", quoted_in_place).title == title


@pytest.mark.parametrize(
    ("fence", "fixed"),
    [
        # Uncommented as it is, it reads: build joins the two halves, as JSON means them.
        pytest.param("---", None, id="yaml"),
        pytest.param("+++", 'title = "A💙B"', id="yaml-in-toml"),
    ],
)
def test_a_commented_out_title_written_with_json_escapes_is_told_as_it_reads(
    site: Site, fence: str, fixed: str | None
) -> None:
    # JSON writes 💙 as two escapes, each half a character, which libyaml refuses: the fix was
    # `title: "\"A\\ud83d\\udc99B\""`, a title of quotes and backslashes.
    commented = '# title: "A\\ud83d\\udc99B"'
    folder = told_of_a_commented_out_title(site, fence, commented, fixed)
    line = fixed or commented.removeprefix("# ")
    read = read_line(line, toml=fence == "+++")["title"]
    # PyYAML's own parser keeps the two halves apart, in the string it returns.
    assert read.encode("utf-16-le", "surrogatepass").decode("utf-16-le") == "A💙B"
    assert built_as_told(folder / "entries" / "a.md", commented, line).title == "A💙B"


@pytest.mark.parametrize(
    ("fence", "commented", "fixed"),
    [
        # An escape past Unicode, which neither TOML nor YAML reads: it was told in quotes whole,
        # `title: "\"A\\U00110000B\""`, a title of quotes and backslashes.
        pytest.param("---", '# title: "A\\U00110000B"', None, id="yaml-past-unicode"),
        pytest.param("+++", '# title = "A\\U00110000B"', None, id="toml-past-unicode"),
        pytest.param("+++", '# title: "A\\U00110000B" # x', None, id="yaml-in-toml-comment"),
        # TOML reads no surrogate escape: `title = "A\uD800B"` was told, which it refuses.
        pytest.param("+++", '# title: "A\\ud800B"', None, id="half-a-pair-in-toml"),
        # JSON's two escapes of 💙, in TOML: TOML reads neither, as the build reads YAML's.
        pytest.param("+++", '# title = "A\\ud83d\\udc99B"', 'title = "A💙B"', id="toml-pair"),
    ],
)
def test_a_commented_out_title_in_quotes_no_one_reads_is_not_told_as_text(
    site: Site, fence: str, commented: str, fixed: str | None
) -> None:
    folder = told_of_a_commented_out_title(site, fence, commented, fixed)
    if fixed is not None:
        assert read_line(fixed, toml=fence == "+++") == {"title": "A💙B"}
        assert built_as_told(folder / "entries" / "a.md", commented, fixed).title == "A💙B"


def told_of_a_commented_out_title(
    site: Site, fence: str, commented: str, fixed: str | None
) -> Path:
    """The folder of a site whose entry's title is the line `commented` in its front matter,
    after asserting that the build is told to uncomment it and write it `fixed`, if given."""
    date = "date = 2025-06-01" if fence == "+++" else "date: 2025-06-01"
    folder = site(**{"a.md": f"{fence}\n{commented}\n{date}\n{fence}\n{LONG_BODY}"})
    told = f" and write it {fixed}" if fixed else ""
    assert errors() == [
        "Error: entries/a.md:2: the front matter has no title: line 2 gives one in a comment."
        f" Remove the # at the start of line 2{told}."
    ]
    return folder


# A key of the front matter or the config, misspelled below a table -------------------------


@pytest.mark.parametrize(
    ("above", "wrong", "meant"),
    [
        # Told "unknown key 'authors.sumary'. Remove it", which had the author remove the
        # summary rather than see it was the front matter's, written below [[authors]].
        (['title = "T"', "date = 2025-06-01"], 'sumary = "A summary."', "summary"),
        # "the front matter has no date" was told too, for the one slip whose fix gives it.
        (['title = "T"'], "dat = 2025-06-01", "date"),
    ],
    ids=["summary", "date"],
)
def test_a_misspelled_key_below_an_authors_table_is_told_to_move_and_be_named(
    site: Site, above: list[str], wrong: str, meant: str
) -> None:
    folder = site(**{"a.md": toml_document(*above, '[[authors]]\nname = "Ann"', wrong)})
    name = wrong.split()[0]
    assert errors() == [
        f"Error: entries/a.md:{len(above) + 4}: {name} is in the [[authors]] table: TOML puts "
        f"each key after the [[authors]] line in it. Did you mean '{meant}'? Name it {meant} "
        "and move the line above the first [[authors]] line."
    ]
    moved_as_told(folder / "entries" / "a.md", f"\n{wrong}", wrong.replace(name, meant, 1))
    read_back_as_meant(meant)


def moved_as_told(path: Path, line: str, fixed: str) -> None:
    """The document at `path` with `line` taken out and `fixed` written first in its front
    matter, as the error told."""
    text = path.read_text(encoding="utf-8").replace(line, "")
    fence = text[:4]
    path.write_text(text.replace(fence, f"{fence}{fixed}\n", 1), encoding="utf-8")


def read_back_as_meant(meant: str) -> None:
    """A build, and the one entry's author, and its summary or date as `meant`, read back."""
    result = build()
    assert result.exit_code == 0, result.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert [author.name for author in entry.authors] == ["Ann"]
    if meant == "summary":
        assert entry.summary == "A summary."
    else:
        assert entry.published_parsed[:3] == (2025, 6, 1)


@pytest.mark.parametrize(
    ("above", "wrong", "meant"),
    [
        # Told "unknown key 'authors.sumary'. Remove it", as in TOML below [[authors]].
        (["title: T", "date: 2025-06-01"], "sumary: A summary.", "summary"),
        (["title: T"], "dat: 2025-06-01", "date"),
    ],
    ids=["summary", "date"],
)
def test_a_misspelled_key_indented_under_authors_is_told_to_unindent_and_be_named(
    site: Site, above: list[str], wrong: str, meant: str
) -> None:
    lines = ["---", *above, "authors:", "  - name: Ann", f"    {wrong}", "---", "Text."]
    folder = site(**{"a.md": "\n".join(lines) + "\n"})
    name = wrong.split(":")[0]
    assert errors() == [
        f"Error: entries/a.md:{len(above) + 4}: {name} is indented under authors: YAML reads it "
        f"as a key of an item of authors, not of the front matter. Did you mean '{meant}'? Name "
        f"it {meant} and write the line without indentation, above or below the authors list."
    ]
    moved_as_told(folder / "entries" / "a.md", f"    {wrong}\n", wrong.replace(name, meant, 1))
    read_back_as_meant(meant)


def test_a_misspelled_config_key_below_an_authors_table_is_told_to_move_and_be_named(
    site: Site,
) -> None:
    others = BASIC_CONFIG.partition("authors = ")[0]
    config = f'{others}[[authors]]\nname = "Ann"\nsubtitel = "Notes"\n'
    site(config=config, **{"a.md": front("---")})
    assert errors() == [
        "Error: staticfeed.toml:6: subtitel is in the [[authors]] table: TOML puts each key "
        "after the [[authors]] line in it. Did you mean 'subtitle'? Name it subtitle and move "
        "the line above the first [[authors]] line."
    ]
    fixed = config.replace('subtitel = "Notes"\n', "").replace(
        "[[authors]]", 'subtitle = "Notes"\n[[authors]]'
    )
    Path("staticfeed.toml").write_text(fixed, encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    assert feedparser.parse("feeds/atom.xml").feed.subtitle == "Notes"


@pytest.mark.parametrize(
    ("table", "told"),
    [
        # Closer to the table's own key than to any of the front matter's: a slip in the item.
        (
            '[[enclosures]]\nurl = "/a.mp3"\ntype = "audio/mpeg"\nlenght = 3',
            "unknown key 'enclosures.lenght'. Did you mean 'enclosures.length'? Known keys: "
            "enclosures.length, enclosures.type, enclosures.url.",
        ),
        (
            '[[authors]]\nnmae = "Ann"',
            "unknown key 'authors.nmae'. Did you mean 'authors.name'? Known keys: "
            "authors.email, authors.name, authors.uri.",
        ),
        # Like no key at all: removed, as before.
        (
            '[[authors]]\nname = "Ann"\nrole = "editor"',
            "unknown key 'authors.role'. Remove it; known keys: authors.email, authors.name, "
            "authors.uri.",
        ),
    ],
    ids=["enclosure-length", "author-name", "author-role"],
)
def test_a_key_misspelled_after_a_table_of_its_own_is_named_in_the_table(
    site: Site, table: str, told: str
) -> None:
    site(**{"a.md": toml_document('title = "T"', "date = 2025-06-01", table)})
    line = 3 + len(table.splitlines())
    assert errors() == [f"Error: entries/a.md:{line}: {told}"]


# A number or a date-time named as an author in TOML ----------------------------------------


@pytest.mark.parametrize("config", [False, True], ids=["front-matter", "config"])
@pytest.mark.parametrize(
    ("written", "kind"),
    [
        # "3.1" is another version, "1000.0" another name; a date-time was told only to be
        # text, where a top-level key's was quoted as written.
        ("3.10", "a number"),
        ("1e3", "a number"),
        ("0xFF", "a number"),
        ("2025-12-01T10:00:00Z", "a date and time"),
        ("2025-12-01 10:00:00.5+02:00", "a date and time"),
        ("10:30:00.5", "a time"),
        # A local date has one form alone.
        ("2025-12-01", "a date"),
    ],
    ids=["version", "exponent", "hex", "date-time", "date-time-space", "time", "date"],
)
def test_a_toml_number_or_date_time_named_as_an_author_is_quoted_as_written(
    site: Site, config: bool, written: str, kind: str
) -> None:
    author = f"[[authors]]\nname = {written}"
    if config:
        others = BASIC_CONFIG.partition("authors = ")[0]
        folder = site(config=f"{others}{author}\n", **{"a.md": front("---")})
        where, path = "staticfeed.toml:5", folder / "staticfeed.toml"
    else:
        folder = site(**{"a.md": toml_document('title = "T"', "date = 2025-06-01", author)})
        where, path = "entries/a.md:5", folder / "entries" / "a.md"
    assert errors() == [
        f'Error: {where}: authors name must be text, not {kind}. Put it in quotes: "{written}"'
    ]
    fixed = f'name = "{written}"'
    assert read_line(fixed, toml=True) == {"name": written}
    entry = built_as_told(path, f"name = {written}", fixed)
    assert [author.name for author in entry.authors] == [written]


def test_a_date_time_and_a_number_in_pyprojects_inline_table_are_quoted_as_written(
    site: Site,
) -> None:
    # The dotted form (`staticfeed.title = ...`) quoted them as written; the inline table told
    # the title only to be text, and the subtitle "3.1".
    folder = site(**{"a.md": front("---")})
    (folder / "staticfeed.toml").unlink()
    wrong = "title = 2025-12-01T10:00:00Z, subtitle = 3.10"
    pyproject = (
        '[project]\nname = "site"\n\n[tool]\nstaticfeed = { '
        f'{wrong}, site_url = "https://example.org/", '
        'id_authority = "example.org,2025", authors = ["Ann"] }\n'
    )
    Path("pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert errors() == [
        "Error: pyproject.toml:5: title must be text, not a date and time. Put it in quotes: "
        '"2025-12-01T10:00:00Z"',
        'Error: pyproject.toml:5: subtitle must be text, not a number. Put it in quotes: "3.10"',
    ]
    fixed = 'title = "2025-12-01T10:00:00Z", subtitle = "3.10"'
    Path("pyproject.toml").write_text(pyproject.replace(wrong, fixed), encoding="utf-8")
    result = build()
    assert result.exit_code == 0, result.output
    feed = feedparser.parse("feeds/atom.xml").feed
    assert (feed.title, feed.subtitle) == ("2025-12-01T10:00:00Z", "3.10")
