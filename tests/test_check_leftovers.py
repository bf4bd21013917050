"""`staticfeed check` on RSS texts readers read as HTML: what its `looks-like-html` warnings
say is what a reader (feedparser, or an HTML parser given the RSS text) really loses or shows.
Every expectation comes from parsing the built RSS feed independently (feedparser, lxml)."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from tests.conftest import BASIC_CONFIG, invoke_build, need_program
from tests.test_check import CONFIG, NEWER, RSS, Row, Site, edit, ordered, rows, warning
from tests.test_pages import NOT_A_NAME
from tests.test_readers import Newsboat, reload_all, serve

TAG = "take it for an HTML tag and do not show it"


def html_text(html: str) -> str:
    """The text an HTML parser shows for `html`, as a reader that parses RSS text does."""
    return str(lxml.html.fragment_fromstring(html, create_parent="div").text_content())


def rss_description() -> str:
    """The channel's <description> as the RSS file holds it (the text readers parse as HTML)."""
    found = etree.parse(RSS).find("channel/description")
    assert found is not None and found.text is not None
    return found.text


def subtitle_rows(site: Site, subtitle: str) -> list[Row]:
    """What check reports for a site whose config has this subtitle (a TOML literal string)."""
    site(CONFIG.replace('language = "en"', f"subtitle = '{subtitle}'"), **{"newer.md": NEWER})
    assert invoke_build().exit_code == 0
    return rows(exit_code=0)


def subtitle_warning(held: str, reading: str) -> list[Row]:
    """The one warning about the subtitle: it holds `held` (as the message quotes it)."""
    message = (
        f"the subtitle holds {held}: RSS cannot mark a description as text, so some readers"
        f" (feedparser) {reading}"
    )
    return [warning("staticfeed.toml", 4, "looks-like-html", message)]


def test_a_quoted_greater_than_sign_does_not_end_the_tag_said_hidden(site: Site) -> None:
    # check said '<b title="x>' was hidden, though readers also lose 'y" and c>': a ">" in a
    # quoted attribute value does not end an HTML tag.
    found = subtitle_rows(site, 'If a<b title="x>y" and c>d e')
    assert html_text(rss_description()) == "If ad e"
    assert html_text(feedparser.parse(RSS).feed.subtitle) == "If ad e"
    assert found == subtitle_warning("'<b title=\"x>y\" and c>'", TAG)


def test_words_after_a_tags_name_are_named_as_hidden_with_it(site: Site) -> None:
    # "and c" reads as two attributes of <b>: readers lose the words with the tag.
    found = subtitle_rows(site, 'If a<b class="x" and c>d')
    assert html_text(rss_description()) == "If ad"
    assert found == subtitle_warning("'<b class=\"x\" and c>'", TAG)


def test_a_second_hidden_thing_in_a_text_is_counted(site: Site) -> None:
    # check named '<b>' alone: fixing it left the comment, which readers do not show either.
    found = subtitle_rows(site, "Two <b>bold <!-- c --> here <i>")
    assert " ".join(html_text(rss_description()).split()) == "Two bold here"
    assert found == subtitle_warning("'<b>' (and 2 more)", TAG)


def test_an_unknown_named_reference_in_a_description_loses_its_semicolon(site: Site) -> None:
    # feedparser writes "&amp;x" for a name HTML 4 does not have, and drops the ";": readers
    # showed "Tom &x Jerry", and check said nothing. For "&check;" check said readers show
    # "✓"; feedparser shows "&check" (HTML 5 added the name).
    found = subtitle_rows(site, "Tom &x; Jerry &check; co")
    assert html_text(feedparser.parse(RSS).feed.subtitle) == "Tom &x Jerry &check co"
    reading = "take it for an HTML character reference and show '&x'"
    assert found == subtitle_warning("'&x;' (and 1 more)", reading)


def test_an_unknown_named_reference_leaves_an_rss_title_as_written(site: Site) -> None:
    # feedparser reads a title with a name it does not know as text, and shows it all as
    # written: nothing to warn about.
    post = "---\ntitle: Tom &x; Jerry &amp; co\ndate: 2025-03-01\n---\nBody.\n"
    site(CONFIG, **{"post.md": post})
    assert invoke_build().exit_code == 0
    assert feedparser.parse(RSS).entries[0].title == "Tom &x; Jerry &amp; co"
    assert rows(exit_code=0) == []


@pytest.mark.parametrize(
    ("load", "what"),
    [
        ('extends " "', "blank text (' ')"),
        ('include ["a.html", "\\t"]', "blank text ('\\t')"),
        ('import "  " as m', "blank text ('  ')"),
        ('extends ""', "empty text"),
    ],
)
def test_a_blank_template_name_is_told_as_blank(site: Site, load: str, what: str) -> None:
    # `{% extends " " %}` was told "not empty text": the user had written a space.
    folder = site(BASIC_CONFIG, **{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "entry.html").write_text(f"<p>\n{{% {load} %}}\n", encoding="utf-8")
    result = invoke_build()
    assert (result.exit_code, result.stderr) == (1, NOT_A_NAME.format(what=what) + "\n")
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("lang", "direction"),
    [
        # A variant (5 to 8 letters, or a digit and 3) names no script: still Arabic's.
        ("ar-EG-pinyin", "rtl"),
        ("ar-1994", "rtl"),
        # A script (4 letters, right after the language and any extended language) does.
        ("ar-Latn", None),
        ("ar-aao-Latn", None),
        ("ar-Latn-EG-pinyin", None),
    ],
)
def test_a_pages_direction_follows_the_script_of_its_language_tag(
    site: Site, lang: str, direction: str | None
) -> None:
    site(CONFIG, **{"x.md": f"---\ntitle: X\ndate: 2025-03-01\nlang: {lang}\n---\nBody.\n"})
    assert invoke_build().exit_code == 0
    page = lxml.html.parse("feeds/x/index.html").getroot()
    assert (page.get("lang"), page.get("dir")) == (lang, direction)


@pytest.mark.parametrize(
    ("subtitle", "shown", "held"),
    [
        # The quote after "x>y" is closed, the one before "c" is not: feedparser gives up on
        # quotes, and ends the tag at its first ">". check read on to the second ">", and
        # said "y" and c>' were hidden too.
        ('If a<b title="x>y" and "c>d e', 'If ay" and "c>d e', "'<b title=\"x>'"),
        ('If a<b title="x>y and more', "If ay and more", "'<b title=\"x>'"),
        # A "<" ends a tag too: "<2>" is text, which check said was hidden with "<b".
        ("1 <b<2> 3", "1 <2> 3", "'<b'"),
    ],
)
def test_a_tag_ends_where_feedparser_ends_it(
    site: Site, subtitle: str, shown: str, held: str
) -> None:
    found = subtitle_rows(site, subtitle)
    assert html_text(feedparser.parse(RSS).feed.subtitle) == shown
    assert found == subtitle_warning(held, TAG)


@pytest.mark.parametrize(
    ("subtitle", "shown", "held", "reading"),
    [
        # feedparser reads "-" and "." in a name (its sgmllib does): check saw no reference.
        ("Tom &a-b; Jerry", "Tom &a-b Jerry", "'&a-b;'", "'&a-b'"),
        ("Tom &x; and &y.z; co", "Tom &x and &y.z co", "'&x;' (and 1 more)", "'&x'"),
        # A name it knows needs no ";": readers show "&" and "©".
        ("Tom &amp Jerry &copy 2025", "Tom & Jerry © 2025", "'&amp' (and 1 more)", "'&'"),
        # A number needs none either (feedparser passes it on, and HTML reads it so).
        ("Item &#35 5", "Item # 5", "'&#35'", "'#'"),
        # A name it does not know, ended by another character, is shown as written.
        ("AT&T rocks, &x_y; &a.b, c", "AT&T rocks, &x_y; &a.b, c", None, None),
    ],
)
def test_every_reference_feedparser_reads_is_counted(
    site: Site, subtitle: str, shown: str, held: str | None, reading: str | None
) -> None:
    found = subtitle_rows(site, subtitle)
    assert html_text(feedparser.parse(RSS).feed.subtitle) == shown
    if held is None:
        assert found == []
    else:
        read = f"take it for an HTML character reference and show {reading}"
        assert found == subtitle_warning(held, read)


def test_a_reference_inside_a_hidden_tag_is_not_said_to_be_shown(site: Site) -> None:
    # check said readers show "&x" for the "&x;" in the title attribute: they show nothing of
    # the tag, nor of what it holds.
    found = subtitle_rows(site, 'Tom <b title="&x;">Jerry')
    assert html_text(feedparser.parse(RSS).feed.subtitle) == "Tom Jerry"
    assert found == subtitle_warning("'<b title=\"&x;\">'", TAG)


def test_a_second_reference_in_an_rss_title_is_counted(site: Site) -> None:
    # "&amp;" makes feedparser read the title as HTML, and "&a-b;" is then not shown as
    # written either (feedparser's test for a name it does not know takes no "-"): check
    # named the first alone.
    post = "---\ntitle: R&amp;D &a-b; notes\ndate: 2025-03-01\n---\nBody.\n"
    site(CONFIG, **{"post.md": post})
    assert invoke_build().exit_code == 0
    title = feedparser.parse(RSS).entries[0].title_detail
    assert (title.type, html_text(title.value)) == ("text/html", "R&D &a-b notes")
    message = (
        "the title holds '&amp;' (and 1 more): RSS cannot mark a title as text, so some readers"
        " (feedparser) take it for an HTML character reference and show '&'"
    )
    assert rows(exit_code=0) == [warning("entries/post.md", 2, "looks-like-html", message)]


@pytest.mark.parametrize("subtitle", ["Notes from example.org", "example.org notes"])
def test_a_placeholder_a_hand_edit_adds_is_reported_beside_a_longer_one_in_the_config(
    site: Site, subtitle: str
) -> None:
    # The feed's <category>example.org</category> is no copy of the subtitle: that text ends
    # (or starts) where the subtitle goes on. check took it for one, and said nothing of it.
    site(CONFIG.replace('language = "en"', f'subtitle = "{subtitle}"'), **{"newer.md": NEWER})
    assert invoke_build().exit_code == 0
    line = edit(RSS, "<pubDate>", "<category>example.org</category><pubDate>")
    placeholders = [row[:2] for row in rows() if row[3] == "placeholder"]
    assert placeholders == [(RSS, line), ("staticfeed.toml", 4)]


def test_an_id_of_another_scheme_is_no_tag_uri_with_capitals(site: Site) -> None:
    # A DOI is no tag URI, whatever its letters: its text before a "," is no tag authority.
    post = "---\ntitle: Paper\ndate: 2025-03-01\nid: doi:10.1000/Ab,c:d\n---\nBody.\n"
    site(CONFIG, **{"paper.md": post})
    assert invoke_build().exit_code == 0
    assert [(row[0], row[3]) for row in rows(exit_code=0)] == [("entries/paper.md", "w3c-id")]


def test_entries_with_one_updated_are_reported_at_the_newest(site: Site) -> None:
    # Every feed lists entries newest first, so the first of them in feed order is one.
    # Each tag feed here holds two of the three (limit 1, and the one older entry updated
    # since), the main feed and the archives (one entry each) none together: check named the
    # first of the first tag feed, "a", as the one to report at.
    dated = "---\ntitle: {}\ndate: {}\nupdated: 2025-03-05 10:00\ntags: [{}]\n---\nBody.\n"
    site(
        CONFIG + "limit = 1\narchive_size = 1\n",
        **{
            "zero.md": "---\ntitle: Zero\ndate: 2025-03-09\n---\nBody.\n",
            "one.md": dated.format("One", "2025-03-03", "b"),
            "two.md": dated.format("Two", "2025-03-02", "a"),
            "three.md": dated.format("Three", "2025-03-01", "a, b"),
        },
    )
    assert invoke_build().exit_code == 0
    for tag, titles in (("a", ["Two", "Three"]), ("b", ["One", "Three"])):
        shown = feedparser.parse(f"feeds/tags/{tag}.atom.xml").entries
        assert [entry.title for entry in shown] == titles
    found = [(row[0], row[1], row[4]) for row in rows(exit_code=0) if row[3] == "same-updated"]
    assert [(file, line) for file, line, _ in found] == [("entries/one.md", 4)]
    assert "is also that of entries/two.md and entries/three.md" in found[0][2]


def test_an_image_naming_a_missing_document_is_not_told_to_name_an_entry(site: Site) -> None:
    # A link to a document no entry has is told to name an entry's; an image of that path is
    # no link to an entry, and that fix is not one for it.
    post = "---\ntitle: P\ndate: 2025-03-01\n---\nSee [the plan](zz.md).\n\n![chart](./zz.md)\n"
    site(CONFIG, **{"p.md": post})
    assert invoke_build().exit_code == 0
    found = [row for row in rows(exit_code=0) if row[3] == "relative-file"]
    assert [(row[0], row[1]) for row in found] == [("entries/p.md", 5)]
    assert found[0][4].startswith("the link 'zz.md' names entries/zz.md, which is no entry's")


SHORT = "take it for an HTML tag around the text between its slashes and show that text alone"


def test_sgml_short_markup_is_quoted_as_far_as_readers_read_it(site: Site, tmp_path: Path) -> None:
    # feedparser's sgmllib reads "<b/x/" as SGML's short form of "<b>x</b>", and shows "x"
    # and " Z": check quoted '<b/x/ Z' as hidden, " Z" and all. newsboat, reading the feed
    # over HTTP, shows the RSS title as written: "some readers", not all.
    post = "---\ntitle: 'R&amp;D A <b/x/ Z'\ndate: 2025-03-01\n---\nBody.\n"
    site(CONFIG.replace('language = "en"', "subtitle = 'A <b/x/ Z'"), **{"post.md": post})
    assert invoke_build().exit_code == 0
    parsed = feedparser.parse(RSS)
    assert html_text(parsed.entries[0].title) == "R&D A x Z"
    assert html_text(parsed.feed.subtitle) == "A x Z"
    with serve(Path("feeds")) as base_url:
        reader = Newsboat(need_program("newsboat"), tmp_path / "newsboat", base_url + "rss.xml")
        reload_all([reader])
    assert [row["title"] for row in reader.items().values()] == ["R&amp;D A <b/x/ Z"]
    title = "the title holds {}: RSS cannot mark a title as text, so some readers (feedparser) {}"
    assert rows(exit_code=0) == ordered(
        [
            warning("entries/post.md", 2, "looks-like-html", title.format("'<b/x/'", SHORT)),
            warning(
                "entries/post.md",
                2,
                "looks-like-html",
                title.format("'&amp;'", "take it for an HTML character reference and show '&'"),
            ),
            *subtitle_warning("'<b/x/'", SHORT),
        ]
    )


@pytest.mark.parametrize(
    ("subtitle", "shown", "held", "reading"),
    [
        # The text between the slashes may hold a ">" or a new line: the form ends at a "/".
        ("A <b/x > y/ z", "A x > y z", "'<b/x > y/'", SHORT),
        ("A <b/x/ and <i/y/ z", "A x and y z", "'<b/x/' (and 1 more)", SHORT),
        # feedparser drops a script, a style sheet or an applet, and what it holds.
        ("A <script/x/ q", "A  q", "'<script/x/'", TAG),
        # Without a second "/" it is no short form: the reader hides the rest of the text.
        ("A <b/x Z", "A ", "'<b/x Z'", TAG),
    ],
)
def test_sgml_short_markup_ends_at_its_second_slash(
    site: Site, subtitle: str, shown: str, held: str, reading: str
) -> None:
    found = subtitle_rows(site, subtitle)
    assert html_text(feedparser.parse(RSS).feed.subtitle) == shown
    assert found == subtitle_warning(held, reading)


def test_a_reference_in_the_text_of_sgml_short_markup_is_said_to_be_shown(site: Site) -> None:
    # Readers show the text between the slashes, and the "&amp;" in it as "&".
    found = subtitle_rows(site, "A <b/x&amp;y/ z")
    assert html_text(feedparser.parse(RSS).feed.subtitle) == "A x&y z"
    reference = subtitle_warning("'&amp;'", "take it for an HTML character reference and show '&'")
    assert found == ordered(reference + subtitle_warning("'<b/x&amp;y/'", SHORT))
