"""Odd input found by probing the command line: each is a user error with its file and its fix
(exit status 1), or a wrong command line (exit status 2), never a traceback or a wrong feed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
import yaml
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG, POST

Site = Callable[..., Path]

ENTRY_KEYS = (
    "author, authors, date, draft, enclosures, id, image, lang, link, review, slug, summary, "
    "tags, title, updated"
)


def post_with(line: str) -> str:
    """POST with `line` in its front matter, as line 4."""
    return POST.replace("date: 2025-06-01\n", f"date: 2025-06-01\n{line}\n")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def user_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.stderr


def wrong_command_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr.splitlines()[-1]


def test_a_config_nested_too_deep_is_a_user_error(site: Site) -> None:
    # tomllib recurses into each array: past Python's recursion limit, a traceback.
    folder = site(config=BASIC_CONFIG + "x = " + "[" * 600 + "]" * 600 + "\n", **{"a.md": POST})
    assert user_error(run("build")) == (
        "Error: staticfeed.toml: the TOML nests arrays or inline tables too deep to read. "
        "Write it with fewer levels of [ ] and { }.\n"
    )
    assert not (folder / "feeds").exists()


def test_importing_a_page_nested_too_deep_is_a_user_error(site: Site) -> None:
    # A saved page whose <div>s are never closed: the importer walks each inside the last.
    site()
    Path("page.html").write_text(
        "<title>T</title><meta name=date content=2025-06-02>" + "<div>" * 1000 + "Text.",
        encoding="utf-8",
    )
    assert user_error(run("import", "page.html", "--dry-run")) == (
        "Error: page.html: the document nests elements (or JSON values) too deep to read. "
        "Save only the article's text in a copy, or close the elements it leaves open, and "
        "import the copy.\n"
    )


@pytest.mark.parametrize(
    ("line", "key", "written"),
    [
        ('site_url = "https://example.org/?a=1"', "site_url", "https://example.org/?a=1"),
        ('site_url = "https://example.org/#top"', "site_url", "https://example.org/#top"),
        # An empty query or fragment is one all the same: ids like https://example.org/?feeds/.
        ('site_url = "https://example.org/?"', "site_url", "https://example.org/?"),
        ('site_url = "https://example.org/#"', "site_url", "https://example.org/#"),
        ('feed_url = "feeds/?v=2"', "feed_url", "feeds/?v=2"),
        ('feed_url = "feeds/#top"', "feed_url", "feeds/#top"),
        ('feed_url = "?v=2"', "feed_url", "?v=2"),  # no folder to give: the default one
    ],
)
def test_a_site_or_feed_url_with_a_query_or_fragment_is_an_error(
    site: Site, line: str, key: str, written: str
) -> None:
    # Each gave feeds with ids and links such as https://example.org/?a=1/ and
    # https://example.org/feeds/?v=2/atom.xml.
    config = BASIC_CONFIG.replace('site_url = "https://example.org/blog/"\n', "")
    config += line + "\n"
    if key == "feed_url":
        config += 'site_url = "https://example.org/"\n'
    site(config=config, **{"a.md": POST})
    stderr = user_error(run("build"))
    if key == "site_url":
        assert stderr == (
            f"Error: staticfeed.toml:4: site_url {written!r} has a query or a fragment (from ? or "
            "#), which cannot come before the paths of the feeds and pages made from it. Give "
            "the address of the site alone, like https://example.org/\n"
        )
    else:
        assert stderr == (
            f"Error: staticfeed.toml:4: feed_url {written!r} has a query or a fragment (from ? or "
            "#), which cannot come before the names of the feed files. Give the folder alone, "
            'like "feeds/".\n'
        )


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--base-url", "https://preview.example.org/?pr=3"],
        [
            "init",
            "new",
            "--title",
            "T",
            "--site-url",
            "https://preview.example.org/?pr=3",
            "--author",
            "Ann",
            "--timezone",
            "UTC",
        ],
    ],
)
def test_a_site_url_with_a_query_on_the_command_line_is_a_wrong_command_line(
    site: Site, args: list[str]
) -> None:
    site(**{"a.md": POST})
    option = "--base-url" if "--base-url" in args else "--site-url"
    assert wrong_command_line(run(*args)) == (
        f"Error: Invalid value for '{option}': the site URL 'https://preview.example.org/?pr=3' "
        "has a query or a fragment (from ? or #), which cannot come before the paths of the "
        "feeds and pages made from it. Give the address of the site alone, like "
        "https://preview.example.org/"
    )
    assert not Path("feeds").exists() and not Path("new").exists()


def test_an_unknown_key_in_capitals_suggests_the_key(site: Site) -> None:
    site(**{"a.md": POST.replace("title: A post", "TITLE: A post")})
    assert "Error: entries/a.md:2: unknown key 'TITLE'. Did you mean 'title'? Known keys: " + (
        f"{ENTRY_KEYS}.\n"
    ) in user_error(run("build"))


def test_a_file_name_with_a_line_end_is_shown_on_one_line(site: Site) -> None:
    folder = site()
    (folder / "entries" / "a\nb.md").write_text(POST, encoding="utf-8")
    assert user_error(run("build")) == (
        "Error: entries/a\\nb.md: slug 'a%0Ab' cannot be the name of a page's folder. Write "
        "slug: as a relative path of words, like 2025/my-post.\n"
    )


def test_an_empty_config_option_is_a_wrong_command_line(site: Site) -> None:
    # --config "$CONFIG" with CONFIG unset: "." was read, "Is a directory", exit status 1.
    site(**{"a.md": POST})
    assert wrong_command_line(run("build", "--config", "")) == (
        "Error: Invalid value for '--config': the file name is empty."
    )


def test_an_empty_into_option_is_a_wrong_command_line(site: Site) -> None:
    # --into "$DIR" with DIR unset wrote the entries into the current folder.
    site()
    Path("page.txt").write_text("June 2, 2025\n\nA title\n\nSome text.\n", encoding="utf-8")
    assert wrong_command_line(run("import", "page.txt", "--into", "")) == (
        "Error: Invalid value for '--into': the folder name is empty."
    )
    assert not Path("2025").exists()


def test_an_email_written_as_a_mailto_link_is_an_error(site: Site) -> None:
    # JSON Feed gave the author the url mailto:mailto:ann@example.org.
    site(
        **{
            "a.md": POST.replace(
                "date:", "author: {name: Ann, email: 'mailto:ann@example.org'}\ndate:"
            )
        }
    )
    assert user_error(run("build")) == (
        "Error: entries/a.md:3: 'mailto:ann@example.org' in author is a mailto: link, not an "
        "email address. Write the address alone: ann@example.org\n"
    )


@pytest.mark.parametrize(
    ("link", "suggestion"),
    [
        (
            "//example.net/post",
            "https://example.net/post",
        ),  # was https://example.org/example.net/post
        ("https:///post", "https://example.org/post"),  # was https:///post, the link itself
    ],
)
def test_the_url_suggested_for_a_link_without_a_scheme_or_host(
    site: Site, link: str, suggestion: str
) -> None:
    site(**{"a.md": POST.replace("date:", f"link: '{link}'\ndate:")})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:3: link {link!r} is not an absolute http(s) URL. Write it in full, "
        f"like {suggestion}\n"
    )


@pytest.mark.parametrize(
    ("line", "key", "url"),
    [
        ("link: https://example.org/sale/100%/", "link", "https://example.org/sale/100%/"),
        # A hex digit after the % is not yet an escape: %Co is no %XX.
        (
            "link: https://example.org/shop/100%Cotton/",
            "link",
            "https://example.org/shop/100%Cotton/",
        ),
        (
            "author: {name: Ann, uri: 'https://example.org/~ann%'}",
            "author uri",
            "https://example.org/~ann%",
        ),
    ],
)
def test_a_percent_sign_that_begins_no_escape_in_a_url_is_an_error(
    site: Site, line: str, key: str, url: str
) -> None:
    # Published as written: nginx and Apache answer a URL with a bare % with 400 Bad Request,
    # so the entry's link, or its author's, led readers to an error page.
    site(**{"a.md": POST.replace("date:", f"{line}\ndate:")})
    fixed = url.replace("%", "%25")
    assert user_error(run("build")) == (
        f"Error: entries/a.md:3: {key} {url!r} has a % that begins no escape (%XX). Write a % "
        f"that is part of the address as %25: {fixed}\n"
    )


@pytest.mark.parametrize(
    ("written", "shown", "year"),
    [
        ("10/11/12", "10/11/12", "2 digits"),
        ("25-06-02", "25-06-02", "2 digits"),
        ("6/2/25 10:00", "6/2/25", "2 digits"),
        ('"Monday, 6/2/25"', "6/2/25", "2 digits"),  # not at the start: it was read month first
        ("10:00 6/2/25", "6/2/25", "2 digits"),
        ("6.2.25.", "6.2.25", "2 digits"),  # a German date ends with a dot
        ('"6.2.25.10:00"', "6.2.25", "2 digits"),  # a mark and a time after it: read as June 2
        ('"1/2/3"', "1/2/3", "1 digit"),  # read as 2003-01-02
        ('"1/2/123"', "1/2/123", "3 digits"),  # read as 0123-01-02
        ('"12 01 25"', "12 01 25", "2 digits"),  # spaced apart: read as 2025-12-01
        ('"12. 01. 25"', "12. 01. 25", "2 digits"),
    ],
)
def test_a_date_in_numbers_with_a_short_year_is_an_error(
    site: Site, written: str, shown: str, year: str
) -> None:
    # dateutil read 10/11/12 as 2012-10-11, 25-06-02 as 2002-06-25 and 6/2/25 as 2025-06-02,
    # where 02/06/2025 is refused as reading both ways: each was published on its guess.
    site(**{"a.md": POST.replace("2025-06-01", written)})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:3: date: {shown!r} gives the year in {year}, so its numbers "
        "could be read as several dates. Write date like 2025-12-22, 2025-12-22 14:30 or "
        "2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # Only a date at the start was checked: "Monday 12/01/2025" was published as 1 December.
        ("Monday 12/01/2025", "12/01/2025"),
        # A mark and a time after the year: "12.01.2025.10:00" was published as 1 December.
        ('"12.01.2025.10:00"', "12.01.2025"),
        ("12-01-2025-10:00", "12-01-2025"),
    ],
)
def test_a_date_that_reads_both_ways_amid_other_text_is_an_error(
    site: Site, written: str, shown: str
) -> None:
    site(**{"a.md": POST.replace("2025-06-01", written)})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:3: date: {shown!r} could be 2025-01-12 (day first) or "
        "2025-12-01 (month first). Write date like 2025-12-22, 2025-12-22 14:30 or "
        "2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize("written", ["2025-6-1", "2025/6/1", "Sun, 01 Jun 25 10:00:00 +0000"])
def test_dates_in_numbers_that_read_one_way_are_published(site: Site, written: str) -> None:
    site(**{"a.md": POST.replace("2025-06-01", written)})
    result = run("build", "-q")
    assert result.exit_code == 0, result.output
    assert "<published>2025-06-01T" in Path("feeds/atom.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", ["", " \n\n\t\n"])
def test_importing_an_empty_file_is_an_error(site: Site, text: str) -> None:
    # It was passed over: "0 entries written", exit status 0, and no word of which file.
    site()
    Path("empty.txt").write_text(text, encoding="utf-8")
    assert user_error(run("import", "empty.txt")) == (
        "Error: empty.txt: the file holds no text. Leave it out of what you import, or save "
        "the document's text in it.\n"
    )


@pytest.mark.parametrize(
    ("line", "key", "url", "scheme"),
    [
        ("image: 'javascript:alert(1)'", "image", "javascript:alert(1)", "javascript"),
        ("image: 'data:image/png;base64,iVBO'", "image", "data:image/png;base64,iVBO", "data"),
        (
            "enclosures: [{url: 'ftp://example.net/a.mp3', length: 1, type: audio/mpeg}]",
            "enclosures url",
            "ftp://example.net/a.mp3",
            "ftp",
        ),
    ],
)
def test_an_image_or_enclosure_readers_cannot_fetch_is_an_error(
    site: Site, line: str, key: str, url: str, scheme: str
) -> None:
    # Only link:, an author's uri and hub were held to http(s): `javascript:` was published as
    # the entry's media:content and Atom enclosure.
    folder = site(**{"a.md": post_with(line)})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:4: {key} {url!r} has the scheme {scheme}:, and feed readers fetch "
        "only http(s). Write a path on the site, or a full URL like "
        "https://example.org/cover.jpg\n"
    )
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize("key", ["icon", "logo"])
def test_an_icon_or_logo_readers_cannot_fetch_is_an_error(site: Site, key: str) -> None:
    site(config=BASIC_CONFIG + f'{key} = "javascript:alert(1)"\n', **{"a.md": POST})
    assert user_error(run("build")) == (
        f"Error: staticfeed.toml:5: {key} 'javascript:alert(1)' has the scheme javascript:, and "
        "feed readers fetch only http(s). Write a path on the site, or a full URL like "
        "https://example.org/cover.jpg\n"
    )


def test_images_on_the_site_or_on_another_https_host_are_published(site: Site) -> None:
    image = "image: '//cdn.example.net/a.png'"
    site(**{"a.md": post_with(image)})
    result = run("build", "-q")
    assert result.exit_code == 0, result.output
    assert 'url="https://cdn.example.net/a.png"' in Path("feeds/rss.xml").read_text()


@pytest.mark.parametrize("author", ["Ann <ann@example.org", "Ann ann@example.org>"])
def test_an_author_with_an_unclosed_address_is_told_so_not_that_it_has_no_name(
    site: Site, author: str
) -> None:
    # "has no name" sent the author looking for a missing name, which was there.
    folder = site(**{"a.md": post_with(f"author: {author}")})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:4: author {author!r} has a < or > that does not enclose an email "
        'address. Write it as "Ann Lee <ann@example.org>", with the address alone between < '
        "and >.\n"
    )
    assert not (folder / "feeds").exists()


DEEP_JSON = "[" * 200_000 + "]" * 200_000  # json's decoder recurses into each list


def test_json_nested_too_deep_is_reported_not_a_traceback(site: Site) -> None:
    # A damaged feeds/.staticfeed-ids, feed.json or a feed given to pin --from: the JSON
    # decoder's RecursionError escaped as a traceback.
    site(**{"a.md": POST})
    assert run("build", "-q").exit_code == 0
    Path("feeds/.staticfeed-ids").write_text(DEEP_JSON, encoding="utf-8")
    rebuilt = run("build", "-q")
    assert rebuilt.exit_code == 0, rebuilt.output  # the file only helps; it is written again
    assert Path("feeds/.staticfeed-ids").read_text(encoding="utf-8").startswith("{")

    Path("feeds/feed.json").write_text(DEEP_JSON, encoding="utf-8")
    checked = run("check")
    assert checked.exit_code == 1, checked.output
    assert (
        "Error: feeds/feed.json: its JSON nests lists or objects too deep to read. "
        "Run staticfeed build to write it again. [json]\n"
    ) in checked.stdout

    Path("old.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "items": ' + DEEP_JSON + "}",
        encoding="utf-8",
    )
    assert user_error(run("pin", "--from", "old.json")) == (
        "Error: old.json: cannot read the file as a feed: its JSON nests lists or objects too "
        "deep to read. Give the Atom, RSS or JSON Feed file the earlier site published.\n"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("1: x", "the key '1' is not a name: YAML reads it as a number"),
        ("~: x", "the key '~' is not a name: YAML reads it as nothing (null)"),
        ("yes: x", "the key 'yes' is not a name: YAML reads it as true or false"),
        ("[a, b]: x", "a key is not a name: YAML reads it as a list"),
    ],
)
def test_a_key_yaml_reads_as_other_than_text_is_named_at_its_line(
    site: Site, line: str, problem: str
) -> None:
    # It was reported as "unknown key 'None'" (or 'True'), with no line to look at.
    site(**{"a.md": post_with(line)})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:4: {problem}. Write each key as a name, like title: or date:.\n"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "draft: !!bool maybe",
            "the tag !!bool on 'maybe' says it is true or false, which it is not",
        ),
        ("summary: !!int abc", "the tag !!int on 'abc' says it is a number, which it is not"),
        (  # quoted shortened, not whole
            f"summary: !!int {'a' * 100}",
            f"the tag !!int on '{'a' * 38}\u2026' says it is a number, which it is not",
        ),
        ("tags: [!!float x]", "the tag !!float on 'x' says it is a number, which it is not"),
        ('summary: "\\U00110000"', "found invalid Unicode character escape code"),
        ('tags: [a, "\\UFFFFFFFF"]', "found invalid Unicode character escape code"),
    ],
)
def test_a_value_yaml_cannot_make_is_named_at_its_line(site: Site, line: str, problem: str) -> None:
    # !!bool maybe was a KeyError and "\UFFFFFFFF" an OverflowError, both tracebacks; the
    # others named no line, and Python's own words (invalid literal for int() with base 10).
    site(**{"a.md": post_with(line)})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:4: invalid YAML: {problem}. Fix the YAML syntax; quote values "
        "that contain ': ' or '#'.\n"
    )


MANY_DIGITS = "1" * 5000
TOO_MANY_DIGITS = (
    f"the number {'1' * 38}\u2026 has 5,000 digits, more than the 4,300 a number can have. Put "
    "it in quotes if it is text, or write a number of fewer digits.\n"
)


@pytest.mark.parametrize(
    ("document", "line"),
    [
        (post_with(f"summary: {MANY_DIGITS}"), 4),
        (post_with(f"tags: [news, {MANY_DIGITS}]"), 4),
        (f'+++\ntitle = "A"\ndate = 2025-06-01\nsummary = {MANY_DIGITS}\n+++\nText.\n', 4),
    ],
    ids=["yaml", "yaml-list", "toml"],
)
def test_a_number_of_more_digits_than_are_read_is_named_shortened(
    site: Site, document: str, line: int
) -> None:
    # YAML's said "invalid YAML: the tag !!int on '1111…' (all 5,000 digits) says it is a number,
    # which it is not", and TOML's was a traceback (int()'s ValueError).
    site(**{"a.md": document})
    assert user_error(run("build")) == f"Error: entries/a.md:{line}: {TOO_MANY_DIGITS}"


def test_the_first_number_past_the_limit_is_named_not_one_of_as_many_digits(site: Site) -> None:
    # int() reads 4,300 digits: the number above, which TOML reads, is not the one to shorten.
    document = (
        f'+++\ntitle = "A"\ndate = 2025-06-01\nlimit = {"1" * 4300}\n'
        f"summary = {MANY_DIGITS}\n+++\nText.\n"
    )
    site(**{"a.md": document})
    assert user_error(run("build")) == f"Error: entries/a.md:5: {TOO_MANY_DIGITS}"


def test_digits_past_the_limit_in_toml_text_are_published(site: Site) -> None:
    # `1_000` beside them has the numbers read again as written, and int() was asked for the
    # 4,301 digits in the quotes: a traceback, for front matter TOML reads.
    digits = "1" * 4301
    document = (
        f'+++\ntitle = "A"\ndate = 2025-06-01\ntags = ["1_000"]\nsummary = "{digits}"\n+++\nText.\n'
    )
    site(**{"a.md": document})
    built = run("build")
    assert built.exit_code == 0, built.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert entry.summary == digits
    assert [tag.term for tag in entry.tags] == ["1_000"]


def test_a_config_number_of_more_digits_than_are_read_is_named_shortened(site: Site) -> None:
    site(BASIC_CONFIG + f"limit = {MANY_DIGITS}\n", **{"a.md": POST})
    assert user_error(run("build")) == f"Error: staticfeed.toml:5: {TOO_MANY_DIGITS}"


HEX = f"0x{'f' * 5000}"
SHORT_HEX = f"0x{'f' * 36}\u2026"  # as the start of a 5,000-digit decimal number is shown
READ_AS = f"(YAML reads {SHORT_HEX} as a number of more than 4,300 digits)"
QUOTED = f'Put it in quotes: "{SHORT_HEX}"'
DATE_FIX = "Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00."


@pytest.mark.parametrize(
    ("config", "document", "error"),
    [
        (
            "",
            post_with(f"summary: {HEX}"),
            f"entries/a.md:4: summary must be text, not a number {READ_AS}. Put it in quotes: "
            f'"{SHORT_HEX}"',
        ),
        (
            "",
            post_with(f"tags: [news, {HEX}]"),
            f"entries/a.md:4: each of tags must be text, not a number {READ_AS}. Put every one "
            f'in quotes: ["news", "{SHORT_HEX}"]',
        ),
        (
            "",
            post_with(f"tags: {HEX}"),
            "entries/a.md:4: tags must be a list, not a number. Write it as a list: "
            f'["{SHORT_HEX}"]',
        ),
        (
            "",
            post_with(f"authors:\n  - name: {HEX}"),
            f"entries/a.md:5: authors name must be text, not a number. {QUOTED}",
        ),
        (
            "",
            POST.replace("2025-06-01", HEX),
            f"entries/a.md:3: date: expected a date, not a number ({SHORT_HEX}). {DATE_FIX}",
        ),
        (
            "",
            f'+++\ntitle = "A"\ndate = 2025-06-01\nsummary = {HEX}\n+++\nText.\n',
            f"entries/a.md:4: summary must be text, not a number. {QUOTED}",
        ),
        (
            f"subtitle = {HEX}\n",
            POST,
            f"staticfeed.toml:5: subtitle must be text, not a number. {QUOTED}",
        ),
    ],
    ids=["yaml", "yaml-list", "yaml-not-a-list", "yaml-mapping", "yaml-date", "toml", "config"],
)
def test_a_hex_number_too_long_to_write_in_decimal_is_quoted_shortened(
    site: Site, config: str, document: str, error: str
) -> None:
    # YAML and TOML read it (a power of two base has no digit limit), but str() of it raised
    # ValueError: the fix quoted all of its 5,002 characters, or, where its source was not
    # kept, "a number of more than 4,300 digits" as what to put in quotes.
    site(BASIC_CONFIG + config, **{"a.md": document})
    assert user_error(run("build")) == f"Error: {error}\n"


OCTAL, YAML_OCTAL, BINARY = f"0o{'7' * 5000}", f"0{'7' * 5000}", f"0b{'1' * 5000}"


@pytest.mark.parametrize(
    ("config", "document", "error"),
    [
        (
            "",
            post_with(f"authors:\n  - name: {YAML_OCTAL}"),
            f"entries/a.md:5: authors name must be text, not a number. Put it in quotes: "
            f'"{YAML_OCTAL[:38]}\u2026"',
        ),
        (
            "",
            # 1,506 digits in decimal, which str() writes: they were quoted.
            post_with(f"authors:\n  - name: {BINARY}"),
            f"entries/a.md:5: authors name must be text, not a number. Put it in quotes: "
            f'"{BINARY[:38]}\u2026"',
        ),
        (
            "",
            f'+++\ntitle = "A"\ndate = {OCTAL}\ntags = ["a", {BINARY}]\n+++\nText.\n',
            f"entries/a.md:3: date: expected a date, not a number ({OCTAL[:38]}\u2026). "
            f"{DATE_FIX}\nError: entries/a.md:4: each of tags must be text, not a number. Put "
            f'every one in quotes: ["a", "{BINARY[:38]}\u2026"]',
        ),
        (
            f"subtitle = {OCTAL}\n",
            POST,
            f"staticfeed.toml:5: subtitle must be text, not a number. Put it in quotes: "
            f'"{OCTAL[:38]}\u2026"',
        ),
    ],
    ids=["yaml-mapping-octal", "yaml-mapping-binary", "toml", "config"],
)
def test_a_long_octal_or_binary_number_is_quoted_shortened_as_written(
    site: Site, config: str, document: str, error: str
) -> None:
    # Where its source was not kept (TOML, a YAML mapping), it was quoted in hex ("0xffff…"),
    # or in decimal, which the author had not written.
    site(BASIC_CONFIG + config, **{"a.md": document})
    assert user_error(run("build")) == f"Error: {error}\n"


@pytest.mark.parametrize("written", ["0xFF", "017", "+5", "1_000"])
def test_a_short_number_in_a_mapping_is_quoted_as_written(site: Site, written: str) -> None:
    # An author's name YAML reads as a number was quoted in decimal ("255" for 0xFF): the fix
    # changed the name. A list's items were quoted as written already.
    site(BASIC_CONFIG, **{"a.md": post_with(f"authors:\n  - name: {written}")})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:5: authors name must be text, not a number. Put it in quotes:"
        f' "{written}"\n'
    )
    # As the fix says: the name is published as written.
    Path("entries/a.md").write_text(post_with(f'authors:\n  - name: "{written}"'))
    assert run("build").exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert [author.name for author in entry.authors] == [written]


# One number written two ways: in octal and in binary, in decimal with and without `_`.
SAME = int("7" * 45, 8)
TWICE = [(f"0o{'7' * 45}", bin(SAME)), (str(10**45 + 1), f"{10**45 + 1:_}")]


def test_digits_in_a_word_above_a_long_number_are_not_taken_for_how_it_is_written(
    site: Site,
) -> None:
    # The same digits, as part of a text's word (`v1000…1`), are no number: the title's
    # `1_000_…` is the only way the number is written.
    written = f"{10**45 + 1:_}"
    document = f'+++\nsummary = "v{10**45 + 1}"\ntitle = {written}\ndate = 2025-01-01\n+++\nText.\n'
    site(**{"a.md": document})
    assert user_error(run("build")) == (
        "Error: entries/a.md:3: title must be text, not a number. Put it in quotes: "
        f'"{written[:38]}\u2026"\n'
    )


@pytest.mark.parametrize(("first", "then"), [*TWICE, *((then, first) for first, then in TWICE)])
def test_a_long_number_written_two_ways_is_quoted_as_written_at_each_line(
    site: Site, first: str, then: str
) -> None:
    # Both errors quoted the number as it was first written in the file.
    site(
        f"{BASIC_CONFIG}subtitle = {first}\nrights = {then}\n",
        **{"a.md": f"+++\ntitle = {then}\ndate = 2025-01-01\nsummary = {first}\n+++\nText.\n"},
    )
    config = [
        f"staticfeed.toml:{line}: {key} must be text"
        for line, key in ((5, "subtitle"), (6, "rights"))
    ]
    assert user_error(run("build")).splitlines() == [
        f'Error: {at}, not a number. Put it in quotes: "{written[:38]}\u2026"'
        for at, written in zip(config, (first, then), strict=True)
    ]
    Path("staticfeed.toml").write_text(BASIC_CONFIG)
    document = [
        f"entries/a.md:{line}: {key} must be text" for line, key in ((2, "title"), (4, "summary"))
    ]
    assert user_error(run("build")).splitlines() == [
        f'Error: {at}, not a number. Put it in quotes: "{written[:38]}\u2026"'
        for at, written in zip(document, (then, first), strict=True)
    ]


# One number written two ways, in decimal or not, short or long (45 digits in
# decimal, 39 characters in hex, which a message shows whole).
ELEVENS = int("1" * 45)
WRITTEN_TWO_WAYS = [("0xFF", "255"), ("1_000", "1000"), ("+5", "0o5"), (hex(ELEVENS), str(ELEVENS))]


def shown(written: str) -> str:
    """`written` as a message quotes it: whole up to 40 characters, else its first 38 and …"""
    return written if len(written) <= 40 else f"{written[:38]}\u2026"


@pytest.mark.parametrize(
    ("first", "then"), [*WRITTEN_TWO_WAYS, *((then, first) for first, then in WRITTEN_TWO_WAYS)]
)
def test_a_number_written_two_ways_in_toml_authors_is_quoted_as_written_at_each_line(
    site: Site, first: str, then: str
) -> None:
    # Below a table's header, a number short or not written long was quoted in decimal ("255"
    # for 0xFF: following the fix changed the name), and one written two ways quoted as the
    # one of them written long for both.
    authors = f"[[authors]]\nname = {first}\n[[authors]]\nname = {then}\n"
    config = 'title = "T"\nsite_url = "https://example.org/"\n'
    site(config + authors, **{"a.md": POST})
    assert user_error(run("build")).splitlines() == [
        f"Error: staticfeed.toml:{line}: authors name must be text, not a number. Put it in "
        f'quotes: "{shown(written)}"'
        for line, written in ((4, first), (6, then))
    ]
    Path("staticfeed.toml").write_text(BASIC_CONFIG)
    Path("entries/a.md").write_text(f'+++\ntitle = "A"\ndate = 2025-01-01\n{authors}+++\nText.\n')
    assert user_error(run("build")).splitlines() == [
        f"Error: entries/a.md:{line}: authors name must be text, not a number. Put it in "
        f'quotes: "{shown(written)}"'
        for line, written in ((5, first), (7, then))
    ]
    # As the fix says: the names are published as written.
    quoted_authors = f'[[authors]]\nname = "{first}"\n[[authors]]\nname = "{then}"\n'
    Path("entries/a.md").write_text(
        f'+++\ntitle = "A"\ndate = 2025-01-01\n{quoted_authors}+++\nText.\n'
    )
    assert run("build").exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert [author.name for author in entry.authors] == [first, then]


def test_a_number_of_a_dotted_key_is_told_apart_from_the_same_number_below_it(
    site: Site,
) -> None:
    # TOML reads `author.name` into the author, whose numbers come first in what it reads,
    # though `title = 255` is written between: each is quoted as its own line writes it.
    site(
        **{
            "a.md": '+++\ndate = 2025-01-01\nauthor.email = "a@example.org"\ntitle = 255\n'
            "author.name = 0xFF\n+++\nText.\n"
        }
    )
    assert user_error(run("build")).splitlines() == [
        'Error: entries/a.md:3: author name must be text, not a number. Put it in quotes: "0xFF"',
        'Error: entries/a.md:4: title must be text, not a number. Put it in quotes: "255"',
    ]


@pytest.mark.parametrize(
    ("document", "line"),
    [
        (post_with('authors: ["Ann L\u00e9e\x7f"]'), 4),
        (POST.replace("Some text.", "Ann L\u00e9e\x7f"), 5),
        (POST.replace("Some text.", "<b title='Ann L\u00e9e\x7f'>Ann L\u00e9e</b>"), 5),
    ],
    ids=["front-matter", "body", "html-attribute"],
)
def test_a_delete_character_is_removed_with_a_warning_wherever_it_is(
    site: Site, document: str, line: int
) -> None:
    # U+007F in front matter was an error (YAML allows it nowhere), and in the body it was
    # published: XML carries it, but html5lib, which the W3C Feed Validation Service reads
    # HTML content with, refuses it ("invalid codepoint"), as it does a C1 control character.
    folder = site(**{"a.md": document})
    result = run("build", "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Warning: entries/a.md:{line}: changed characters feed readers cannot show: a C1 "
        "control character became the Windows-1252 character browsers show for it (U+0092 is "
        "\u2019), and U+007F (DELETE), noncharacters and U+FFFD were removed\n"
    )
    for name in ("atom.xml", "rss.xml"):
        feed = (folder / "feeds" / name).read_bytes()
        assert b"\x7f" not in feed
        assert "Ann L\u00e9e".encode() in feed


UNSHOWN = "a character feed readers cannot show"
# The warnings of the reading, which a build that stops shows with its errors.
CHANGED = (
    "changed characters feed readers cannot show: a C1 control character became the "
    "Windows-1252 character browsers show for it (U+0092 is \u2019), and U+007F (DELETE), "
    "noncharacters and U+FFFD were removed"
)
REMOVED = "removed characters that XML cannot carry (control characters)"


@pytest.mark.parametrize(
    ("front", "line", "character", "read", "fix"),
    [
        # Told "each of tags must be text, not a number. Put every one in quotes: ["0"]" of a
        # line that holds more than 0.
        ("tags:\n- \ufdd00", 5, f"U+FDD0, {UNSHOWN}", "'0' as a number", '"0"'),
        ("tags: [\ufffd2025, news]", 4, f"U+FFFD, {UNSHOWN}", "'2025' as a number", '"2025"'),
        (
            "summary: \x013.10",
            4,
            "U+0001, a character XML cannot carry",
            "'3.10' as a number",
            '"3.10"',
        ),
        ("draft: \ufdd0true", 4, f"U+FDD0, {UNSHOWN}", "'true' as true or false", '"true"'),
        ("tags: \ufdd0[a, b]", 4, f"U+FDD0, {UNSHOWN}", "a list here", None),
    ],
    ids=["number-in-a-list", "replacement-character", "control-character", "true", "list"],
)
def test_a_removed_character_that_makes_a_value_text_is_an_error_at_its_line(
    site: Site, front: str, line: int, character: str, read: str, fix: str | None
) -> None:
    # YAML reads the value as written as text; the build removed the character first, and read
    # another kind of value, which the author may not have meant, and cannot see on the line.
    site(**{"a.md": post_with(front)})
    quote = (
        f"and put the value in quotes if it is text: {fix}."
        if fix
        else "or put the value in quotes if it is text."
    )
    removed = REMOVED if "XML cannot carry" in character else CHANGED
    assert user_error(run("build")) == (
        f"Warning: entries/a.md:{line}: {removed}\n"
        f"Error: entries/a.md:{line}: {character}, makes this value text: without it, as the "
        f"build reads the file, YAML reads {read}. Remove the character, {quote}\n"
    )
    assert not Path("feeds").exists()


@pytest.mark.parametrize(
    ("front", "term"),
    [("tags: [\ufdd0news]", "news"), ('tags: ["\ufdd00"]', "0"), ("tags:\n- news\ufdd0", "news")],
)
def test_a_removed_character_that_leaves_a_value_text_is_removed(
    site: Site, front: str, term: str
) -> None:
    # Text with it and without it: removed with a warning, as everywhere else.
    site(**{"a.md": post_with(front)})
    result = run("build", "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: entries/a.md:")
    entry = etree.parse("feeds/atom.xml").find("{http://www.w3.org/2005/Atom}entry")
    assert entry is not None
    assert [c.get("term") for c in entry.findall("{http://www.w3.org/2005/Atom}category")] == [term]


def test_a_removed_character_beside_an_alias_inside_its_own_value_is_read_once(
    site: Site,
) -> None:
    # Reading the front matter both ways followed the alias into the value that holds it, and
    # the build never ended.
    site(**{"a.md": post_with("summary: x\ufdd0\nlink: &x [*x]")})
    assert user_error(run("build")) == (
        f"Warning: entries/a.md:4: {CHANGED}\n"
        "Error: entries/a.md:5: link nests lists or mappings more than 50 deep. Write it with "
        "fewer levels; an alias (*name) inside the value it names nests it without end.\n"
    )


def test_a_removed_character_alone_in_an_item_leaves_it_empty(site: Site) -> None:
    # Empty without it is told as empty, whatever YAML reads with it.
    site(**{"a.md": post_with("tags:\n- \ufdd0")})
    assert user_error(run("build")) == (
        f"Warning: entries/a.md:5: {CHANGED}\n"
        "Error: entries/a.md:5: tags has an empty item. Remove it, or write what it should be.\n"
    )


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_error_quoting_a_line_end_is_one_line(site: Site, command: str) -> None:
    # The fix quoted the value with its line end: a second line "Error: b]", naming no file.
    site(**{"a.md": post_with("tags: |\n  a\n  b")})
    result = run(command)
    assert result.exit_code == 1, result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    rule = " [build]" if command == "check" else ""
    assert line == (
        f"Error: entries/a.md:4: tags must be a list, not text. Write it as a list: [a, b]{rule}"
    )


@pytest.mark.parametrize(
    ("tags", "listed"),
    [
        # The fix for `tags: "a<TAB>b"` wrote the tab, which a tag may not hold.
        ('tags: "a\\tb"', "[a b]"),
        # A blank line between the lines of the text is no tag of its own.
        ("tags: |\n  news\n\n  peace talks", "[news, peace talks]"),
    ],
    ids=["tab", "blank-line"],
)
def test_the_list_a_text_of_tags_should_be_holds_no_tab_nor_empty_tag(
    site: Site, tags: str, listed: str
) -> None:
    site(**{"a.md": post_with(tags)})
    result = run("build")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:4: tags must be a list, not text. Write it as a list: {listed}\n"
    )


def test_a_yaml_merge_key_is_merged_not_refused_as_a_key(site: Site) -> None:
    # `<<: *defaults` merges a mapping into the front matter (YAML 1.1, read by PyYAML); the
    # check of keys YAML reads as other than text refused it as "YAML reads it as merge".
    folder = site(**{"a.md": post_with("<<: {tags: [news, yaml]}")})
    result = run("build", "-q")
    assert result.exit_code == 0, result.output
    root = etree.parse(str(folder / "feeds" / "atom.xml")).getroot()
    terms = [c.get("term") for c in root.iterfind("{*}entry/{*}category")]
    assert terms == ["news", "yaml"]


def test_import_takes_a_post_whose_keys_yaml_reads_as_other_than_text(site: Site) -> None:
    # Build refuses such a key; import leaves it out and takes the rest, as it did before.
    site()
    Path("post.md").write_text(
        "---\ntitle: A Hugo post\ndate: 2025-03-01\n2019: old\n---\nThe body.\n", encoding="utf-8"
    )
    result = run("import", "post.md")
    assert result.exit_code == 0, result.output
    written = Path("entries/2025/post.md").read_text(encoding="utf-8")
    front = yaml.safe_load(written.split("---")[1])
    assert front == {"title": "A Hugo post", "date": date(2025, 3, 1)}
    assert "left out: 2019 (no staticfeed key)" in result.stdout


def test_import_names_keys_yaml_reads_as_true_as_they_were_written(site: Site) -> None:
    # `on:` and `yes:` both read as True: the report said "left out: True" for the two.
    site()
    Path("post.md").write_text(
        "---\ntitle: A post\ndate: 2025-03-01\non: push\nyes: 1\n---\nThe body.\n",
        encoding="utf-8",
    )
    result = run("import", "post.md")
    assert result.exit_code == 0, result.output
    assert "  left out: on, yes (no staticfeed key)\n" in result.stdout


def test_import_leaves_out_an_image_build_would_refuse_and_says_why(site: Site) -> None:
    # It copied `image: data:…` into the entry, which the next build then refused.
    site(**{"a.md": POST})
    Path("post.md").write_text(
        "---\ntitle: A Hugo post\ndate: 2025-03-01\nimage: 'data:image/png;base64,iVBO'\n"
        "weight: 3\n---\nThe body.\n",
        encoding="utf-8",
    )
    result = run("import", "post.md")
    assert result.exit_code == 0, result.output
    assert "  left out: image (not an http(s) URL); weight (no staticfeed key)\n" in result.stdout
    written = Path("entries/2025/post.md").read_text(encoding="utf-8")
    assert "image" not in yaml.safe_load(written.split("---")[1])
    built = run("build", "-q")
    assert built.exit_code == 0, built.output


def test_an_author_with_text_after_the_address_is_told_so(site: Site) -> None:
    # It was told its < or > enclosed no address, which they did.
    author = "Ann <ann@example.org> (editor)"
    site(**{"a.md": post_with(f"author: {author}")})
    assert user_error(run("build")) == (
        f"Error: entries/a.md:4: author {author!r} has text after the address "
        '<ann@example.org>. Write it as "Ann Lee <ann@example.org>", with nothing after the '
        "address.\n"
    )


def test_a_mailto_link_with_a_query_is_told_the_address_alone(site: Site) -> None:
    author = "author: {name: Ann, email: 'MAILTO:ann@example.org?subject=Hi'}"
    site(**{"a.md": post_with(author)})
    assert user_error(run("build")) == (
        "Error: entries/a.md:4: 'MAILTO:ann@example.org?subject=Hi' in author is a mailto: link, "
        "not an email address. Write the address alone: ann@example.org\n"
    )


def test_two_spellings_of_a_tag_in_one_entry_are_named_at_its_tags_line(site: Site) -> None:
    # The error named the file alone.
    site(**{"a.md": post_with("tags: [news, News]")})
    assert user_error(run("build")) == (
        "Error: entries/a.md:4: the tag 'News' and the tag 'news' of entries/a.md would share "
        "the feed 'news'. Write the tag the same way everywhere, or make the names differ in "
        "letters or digits.\n"
    )


@pytest.mark.parametrize(
    ("line", "new_id", "fix"),
    [
        (
            "slug: renamed",
            "tag:example.org,2025:renamed",
            'Add "id: tag:example.org,2025:a" to its front matter',
        ),
        # A second id: would be an error of its own (given twice).
        ("id: urn:x:y", "urn:x:y", 'Change its id line to "id: tag:example.org,2025:a"'),
    ],
)
def test_an_id_a_key_changed_is_named_at_that_key(
    site: Site, line: str, new_id: str, fix: str
) -> None:
    # The error named the file alone; the change was made on one of its lines.
    folder = site(**{"a.md": POST})
    assert run("build").exit_code == 0
    before = (folder / "feeds" / "atom.xml").read_bytes()
    (folder / "entries" / "a.md").write_text(post_with(line), encoding="utf-8")
    assert user_error(run("build")) == (
        "Error: entries/a.md:4: this document was published with the id "
        f"'tag:example.org,2025:a', and its id is now '{new_id}': feed readers would show it "
        f"again as a new entry. {fix}, or pass --allow-id-change.\n"
    )
    assert (folder / "feeds" / "atom.xml").read_bytes() == before


@pytest.mark.parametrize(
    "mark", ["\\ufeff", "\\u200b", "\\u200c", "\\u200d", "\\u2060"], ids=lambda mark: mark[1:]
)
def test_an_invisible_character_at_either_end_of_a_value_is_dropped_like_a_space(
    site: Site, mark: str
) -> None:
    # U+FEFF, invisible, was published as written ("\ufeffHello"), as str.strip() keeps it: a
    # reader compared "\ufeffnews" and "news" as two tags, and two authors of one name. So
    # were U+200B (zero-width space, which web pages put where a line may break), U+200C and
    # U+200D (joiners, which join nothing at an end) and U+2060 (word joiner). One inside stays.
    config = BASIC_CONFIG.replace('"Test feed"', f'"{mark}Test feed {mark}"')
    folder = site(
        config,
        **{
            "a.md": f'---\ntitle: "{mark}Hello"\ndate: 2025-06-01\n'
            f'tags: [news, "news{mark}", "x{mark}y"]\n'
            f'authors: ["Ann Lee{mark} <ann@example.org>", {{name: " {mark} Bo Li"}}]\n---\nText.\n'
        },
    )
    built = run("build")
    assert built.exit_code == 0, built.output
    feed = feedparser.parse(folder / "feeds" / "atom.xml")
    (entry,) = feed.entries
    assert feed.feed.title == "Test feed"
    assert entry.title == "Hello"
    inside = mark.encode("ascii").decode("unicode_escape")
    assert [tag.term for tag in entry.tags] == ["news", f"x{inside}y"]
    assert [author.name for author in entry.authors] == ["Ann Lee", "Bo Li"]


RTL_MARK = "U+200F RIGHT-TO-LEFT MARK"
SHOWS_NOTHING = "shows nothing: it holds only invisible characters"


def test_a_value_of_invisible_characters_alone_is_an_error(site: Site) -> None:
    # Published as written: a tag, a title and an author that readers showed as nothing.
    site(
        **{
            "a.md": '---\ntitle: "\\u2066\\u2069"\ndate: 2025-06-01\ntags: [news, "\\u200f"]\n'
            'authors: ["\\u200e <ann@example.org>", {name: " \\u00ad "}]\n---\nText.\n'
        },
    )
    built = run("build")
    assert built.exit_code == 1, built.output
    fix = "visible text or remove the key."
    assert built.stderr == (
        f"Error: entries/a.md:2: title {SHOWS_NOTHING} (U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 "
        f"POP DIRECTIONAL ISOLATE). Give title {fix}\n"
        f"Error: entries/a.md:4: each of tags {SHOWS_NOTHING} ({RTL_MARK}). Give each of tags "
        f"{fix}\n"
        f"Error: entries/a.md:5: authors name {SHOWS_NOTHING} (U+200E LEFT-TO-RIGHT MARK). Give "
        f"authors name {fix}\n"
        f"Error: entries/a.md:5: authors name {SHOWS_NOTHING} (U+00AD SOFT HYPHEN). Give authors "
        f"name {fix}\n"
    )
    assert not Path("feeds").exists()


def test_a_config_title_of_invisible_characters_alone_is_an_error(site: Site) -> None:
    site(BASIC_CONFIG.replace('"Test feed"', '" \\u200f"'), **{"a.md": POST})
    built = run("build")
    assert built.exit_code == 1, built.output
    assert built.stderr == (
        f"Error: staticfeed.toml:1: title {SHOWS_NOTHING} ({RTL_MARK}). Give title a value, like "
        'title = "My feed".\n'
    )


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("\\u200e \\u200f", f"U+200E LEFT-TO-RIGHT MARK, {RTL_MARK}"),
        # U+FFF9 is in no table of invisible.py: its category (Cf) says it shows nothing.
        ("\\ufff9", "U+FFF9 INTERLINEAR ANNOTATION ANCHOR"),
    ],
)
def test_invisible_characters_with_spaces_between_them_are_still_nothing_shown(
    site: Site, written: str, named: str
) -> None:
    # A space shows as nothing too: "\u200e \u200f" is a title no reader shows.
    site(**{"a.md": f'---\ntitle: "{written}"\ndate: 2025-06-01\n---\nText.\n'})
    built = run("build")
    assert built.exit_code == 1, built.output
    assert built.stderr == (
        f"Error: entries/a.md:2: title {SHOWS_NOTHING} ({named}). "
        "Give title visible text or remove the key.\n"
    )
    assert not Path("feeds").exists()


def test_a_direction_mark_beside_visible_text_is_kept(site: Site) -> None:
    # A right-to-left mark after "!" keeps it at the end of a Hebrew title: not "nothing".
    hebrew = "\u05e9\u05dc\u05d5\u05dd"
    site(
        **{
            "a.md": f'---\ntitle: "{hebrew}!\\u200f"\ndate: 2025-06-01\n'
            f'tags: ["\\u200f{hebrew}"]\n---\nT.\n'
        }
    )
    built = run("build")
    assert built.exit_code == 0, built.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert entry.title == f"{hebrew}!\u200f"
    assert [tag.term for tag in entry.tags] == [f"\u200f{hebrew}"]


def test_a_value_of_other_characters_that_render_as_nothing_alone_is_an_error(site: Site) -> None:
    # Published as written: Hangul fillers (U+3164 looks like a space, and is no Cf) and a lone
    # variation selector (U+FE0F, Mn) made a title, a tag feed and an author shown as nothing.
    site(
        **{
            "a.md": '---\ntitle: "\\u3164"\ndate: 2025-06-01\ntags: [news, "\\ufe0f"]\n'
            'authors: ["\\uffa0 <ann@example.org>", {name: "\\u115f\\u1160"}]\n---\nText.\n'
        },
    )
    built = run("build")
    assert built.exit_code == 1, built.output
    fix = "visible text or remove the key."
    assert built.stderr == (
        f"Error: entries/a.md:2: title {SHOWS_NOTHING} (U+3164 HANGUL FILLER). Give title {fix}\n"
        f"Error: entries/a.md:4: each of tags {SHOWS_NOTHING} (U+FE0F VARIATION SELECTOR-16). "
        f"Give each of tags {fix}\n"
        f"Error: entries/a.md:5: authors name {SHOWS_NOTHING} (U+FFA0 HALFWIDTH HANGUL FILLER). "
        f"Give authors name {fix}\n"
        f"Error: entries/a.md:5: authors name {SHOWS_NOTHING} (U+115F HANGUL CHOSEONG FILLER, "
        f"U+1160 HANGUL JUNGSEONG FILLER). Give authors name {fix}\n"
    )
    assert not Path("feeds").exists()


def test_a_character_that_renders_as_nothing_at_an_end_is_dropped_unless_it_belongs_there(
    site: Site,
) -> None:
    # A Hangul filler or a variation selector after a space or an ASCII letter shows nothing:
    # "news\ufe0f" and "news" were two tag feeds. A selector after an emoji (its presentation)
    # or an ideograph (its form, in a Japanese name), and a filler in its syllable, stay.
    config = BASIC_CONFIG.replace('"Test feed"', '"\\u3164Test feed\\uffa0"')
    folder = site(
        config,
        **{
            "a.md": '---\ntitle: "\\ufe0fLaunch \\U0001f680\\ufe0f"\ndate: 2025-06-01\n'
            'tags: [news, "news\\ufe0f", "\\u3164x \\ufe0f", "\\u1100\\u1160"]\n'
            'authors: ["\\u845b\\U000e0100 <ann@example.org>", {name: "\\u115fBo Li\\u1160"}]\n'
            "---\nText.\n"
        },
    )
    built = run("build")
    assert built.exit_code == 0, built.output
    feed = feedparser.parse(folder / "feeds" / "atom.xml")
    (entry,) = feed.entries
    assert feed.feed.title == "Test feed"
    assert entry.title == "Launch \U0001f680\ufe0f"
    assert [tag.term for tag in entry.tags] == ["news", "x", "\u1100\u1160"]
    assert [author.name for author in entry.authors] == ["\u845b\U000e0100", "Bo Li"]


def test_a_hangul_syllable_of_fillers_alone_at_an_end_is_dropped(site: Site) -> None:
    # U+115F U+1160 join as an initial and a vowel by Unicode's syllable rules, yet hold no
    # jamo that shows: "news" and "news" with the pair after it looked alike in a reader and
    # made two tag feeds. In a syllable with a jamo that shows, a final consonant after the
    # pair (U+11A8) or an initial before it (U+1100), the fillers stay as written.
    folder = site(
        **{
            "a.md": '---\ntitle: "\\u115f\\u1160Launch\\u115f\\u1160"\ndate: 2025-06-01\n'
            'tags: [news, "news\\u115f\\u1160", "\\u115f\\u1160\\u11a8",'
            ' "x\\u1100\\u115f\\u1160"]\n---\nText.\n'
        },
    )
    built = run("build")
    assert built.exit_code == 0, built.output
    atom = etree.parse(str(folder / "feeds" / "atom.xml"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.xpath("string(/a:feed/a:entry/a:title)", namespaces=ns) == "Launch"
    terms = atom.xpath("/a:feed/a:entry/a:category/@term", namespaces=ns)
    assert terms == ["news", "\u115f\u1160\u11a8", "x\u1100\u115f\u1160"]
    assert len(list((folder / "feeds" / "tags").glob("*.atom.xml"))) == 3


# The flag of England: a waving black flag, the tag letters "gbeng", a cancel tag (UTS #51).
ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"
# As written in YAML, in escapes.
ENGLAND_ESCAPED = ENGLAND.encode("ascii", "backslashreplace").decode("ascii")


def test_tag_characters_at_an_end_are_dropped_unless_they_make_a_flag(site: Site) -> None:
    # Tag characters (U+E0020 to U+E007F) make a sequence only after an emoji tag base, the
    # waving black flag of England's, Scotland's and Wales's flags (UTS #51). After a digit,
    # a "!" or an emoji that takes no tags they show nothing: "0" and "0" with a tag space
    # after it were published as two titles and two tag feeds that look alike. A flag at the
    # end, or one whose tags a stray tag space follows, stays whole.
    site(
        **{
            "a.md": '---\ntitle: "0\\U000e0020"\ndate: 2025-06-01\n'
            f'tags: ["news!\\U000e0067\\U000e007f", "\\U0001f600\\U000e0020", "{ENGLAND_ESCAPED}",'
            f' "Go {ENGLAND_ESCAPED}\\U000e0020", "\\U0001f3f4\\U000e0067"]\n'
            'authors: ["Ann 2\\U000e0020 <ann@example.org>"]\n---\nText.\n',
            "b.md": f'---\ntitle: "Come on {ENGLAND_ESCAPED}"\ndate: 2025-06-02\n---\nText.\n',
        },
    )
    built = run("build")
    assert built.exit_code == 0, built.output
    entries = {entry.id: entry for entry in feedparser.parse("feeds/atom.xml").entries}
    first, second = entries["tag:example.org,2025:a"], entries["tag:example.org,2025:b"]
    assert first.title == "0"
    assert [author.name for author in first.authors] == ["Ann 2"]
    assert [tag.term for tag in first.tags] == [
        "news!",
        "\U0001f600",
        ENGLAND,
        f"Go {ENGLAND}",
        "\U0001f3f4",
    ]
    assert second.title == f"Come on {ENGLAND}"


def test_an_extender_at_an_end_stays_only_after_a_base_it_makes_a_variant_of(site: Site) -> None:
    # U+E0100 on select a form of a CJK ideograph (the Ideographic Variation Database) and
    # Mongolian's selectors a Mongolian letter's; the combining grapheme joiner and Khmer's
    # inherent vowels (U+17B4, U+17B5) select nothing. After another character they show
    # nothing: "0" and "0" with U+034F after it were published as two titles and tags that look
    # alike. U+FE0F after a digit ("1" with it asks for its emoji form) stays.
    site(
        **{
            "a.md": '---\ntitle: "0\\u034f"\ndate: 2025-06-01\n'
            'tags: ["0\\u180b", "caf\\u00e9\\u17b4", "caf\\u00e9\\U000e0100", "\\u8fbb\\U000e0100",'
            ' "\\u1820\\u180b", "1\\ufe0f"]\n---\nText.\n'
        },
    )
    built = run("build")
    assert built.exit_code == 0, built.output
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert entry.title == "0"
    assert [tag.term for tag in entry.tags] == [
        "0",
        "caf\u00e9",
        "\u8fbb\U000e0100",  # 辻 with its form of a Japanese name
        "\u1820\u180b",
        "1\ufe0f",
    ]


# Titles as written (YAML escapes) and as a reader gets them: each is a case a hand mutation
# audit of invisible.py found no test for.
TITLE_ENDS = {
    "a combining grapheme joiner first": ("\\u034fLaunch", "Launch"),
    "a variation selector of ideographs first": ("\\U000e0100Launch", "Launch"),
    "a soft hyphen first": ("\\u00adLaunch", "Launch"),
    "a space after a zero-width space": ("\\u200b Launch", "Launch"),
    "a zero-width space after an emoji's presentation": (
        "Launch \\U0001f680\\ufe0f\\u200b",
        "Launch \U0001f680\ufe0f",
    ),
    "a keycap's digit, which a selector makes an emoji": ("Room 1\\ufe0f", "Room 1\ufe0f"),
}


@pytest.mark.parametrize(("written", "shown"), TITLE_ENDS.values(), ids=TITLE_ENDS)
def test_a_title_loses_at_its_ends_only_what_shows_nothing_there(
    site: Site, written: str, shown: str
) -> None:
    folder = site(**{"a.md": f'---\ntitle: "{written}"\ndate: 2025-06-01\n---\nText.\n'})
    built = run("build")
    assert built.exit_code == 0, built.output
    (entry,) = feedparser.parse(folder / "feeds" / "atom.xml").entries
    assert entry.title == shown


def test_import_says_a_permalink_path_named_the_entry_rather_than_was_left_out(site: Site) -> None:
    # The report said "left out: permalink (not an absolute URL)" of the path that named it.
    site()
    Path("_posts").mkdir()
    Path("_posts/2025-03-01-cranes.md").write_text(
        "---\ntitle: Cranes\ndate: 2025-03-01\npermalink: /history/last-cranes/\n"
        "layout: post\n---\nThe body.\n",
        encoding="utf-8",
    )
    result = run("import", "--dry-run", "_posts/2025-03-01-cranes.md")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:6] == [
        "would write entries/2025/last-cranes.md (from _posts/2025-03-01-cranes.md)",
        "  title:   Cranes",
        "  date:    2025-03-01 00:00 +00:00",
        "  authors: (the config's default authors)",
        "  named:   from permalink /history/last-cranes/",
        "  left out: layout (no staticfeed key)",
    ]


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        # A no-break space, as a link copied from a web page has it: UTF-8 C2 A0.
        ("https://example.org/a\u00a0b", "https://example.org/a%C2%A0b"),
        # A line separator: UTF-8 E2 80 A8. It said %2028, which is " 28" to a browser.
        ("https://example.org/a\u2028b", "https://example.org/a%E2%80%A8b"),
        ("https://example.org/a b", "https://example.org/a%20b"),
    ],
    ids=["no-break-space", "line-separator", "space"],
)
def test_a_space_in_a_link_is_told_as_its_utf8_escape(site: Site, written: str, fixed: str) -> None:
    # The fix wrote the character's code point after "%" (%A0, %2028): no browser reads that
    # back as the character, and the URL it gave led elsewhere.
    site(**{"a.md": post_with(f'link: "{written.encode("unicode_escape").decode()}"')})
    message = (
        f"Error: entries/a.md:4: link {written!r} contains spaces. Write spaces as %20: {fixed}\n"
    )
    assert user_error(run("build")) == message
    Path("entries/a.md").write_text(post_with(f"link: {fixed}"), encoding="utf-8")
    assert run("build").exit_code == 0
    (entry,) = feedparser.parse("feeds/rss.xml").entries
    assert unquote(entry.link) == written
