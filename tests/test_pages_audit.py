"""What a hand mutation audit of pages.py found no test for, checked as a reader gets it: the
built pages read with lxml, and the page files a static host would serve."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from staticfeed.errors import EntryError, ManyErrors
from staticfeed.model import Author
from staticfeed.pages import FeedLink, page_path
from tests.conftest import invoke_build
from tests.test_pages import (
    FEED_URL,
    FEEDS,
    FIX_IT,
    NOT_A_NAME,
    make_config,
    make_entry,
    one,
    parse,
    render_pages,
    text,
)


def served_file(url: str) -> str:
    """The file a static host serves for `url`, a page's URL under FEED_URL: it decodes the
    path and serves the folder's index.html."""
    path = urlsplit(url).path
    base = urlsplit(FEED_URL).path
    assert path.startswith(base), url
    relative = unquote(path[len(base) :])
    return relative + "index.html" if relative.endswith("/") else relative


@pytest.mark.parametrize(
    "slug",
    [
        "2025/con",  # a file entries/2025/con.md: Windows keeps "con" for a device
        "com%C2%B9",  # com¹.md, another such name, percent-encoded in the slug
        "a/nul.x/b",
        "caf%C3%A9",
    ],
)
def test_an_entrys_link_on_the_index_and_its_canonical_url_lead_to_its_page(slug: str) -> None:
    # A slug from a file name Windows keeps for a device gets its folder renamed (`con-`); the
    # index linked to the name without the `-`, where a host has no page.
    pages = render_pages(make_config(), [make_entry(slug)], FEEDS)
    link = one(parse(pages["index.html"]), "//article//h3/a").get("href")
    assert served_file(link) in pages
    (entry_page,) = (name for name in pages if name != "index.html")
    canonical = one(parse(pages[entry_page]), "//link[@rel='canonical']").get("href")
    assert served_file(canonical) == entry_page


@pytest.mark.parametrize(
    ("names", "byline"),
    [
        # An "AND" or "And" is a word of a name as "and" is: another "and" ran the two together.
        (["Simon AND Garfunkel", "Ann Lee"], "Simon AND Garfunkel, Ann Lee"),
        (["Ann Lee", "Tom And Jerry"], "Ann Lee, Tom And Jerry"),
        # A name that ends in "and" letters holds no "and" of its own.
        (["Ann Lee", "Lars Brand"], "Ann Lee and Lars Brand"),
        (["Ruth Sand", "Bo Chen"], "Ruth Sand and Bo Chen"),
    ],
)
def test_the_byline_tells_an_and_in_a_name_from_one_in_a_word(
    names: list[str], byline: str
) -> None:
    entry = make_entry("x", authors=tuple(Author(name) for name in names))
    page = parse(render_pages(make_config(), [entry], FEEDS)["x/index.html"])
    assert text(one(page, "//*[contains(@class, 'authors')]")) == f"By {byline}"


def test_an_entry_first_published_at_an_http_address_links_to_it() -> None:
    original = "http://old.example/post"
    entry = make_entry("x", link=original)
    page = parse(render_pages(make_config(), [entry], FEEDS)["x/index.html"])
    assert one(page, "//*[@class='original']/a").get("href") == original
    assert one(page, "//link[@rel='canonical']").get("href") == original


def refused(slug: str) -> str:
    """The error a page for an entry with `slug` is refused with."""
    bad = make_entry(slug).entry
    with pytest.raises(EntryError) as caught:
        page_path(bad)
    return str(caught.value)


def test_a_folder_name_of_255_bytes_is_a_page_and_one_byte_more_is_refused(
    tmp_path: Path,
) -> None:
    # Linux and macOS take a file name of at most 255 bytes: 255 can be written, 256 not.
    longest = "a" * 255
    pages = render_pages(make_config(), [make_entry(longest)], FEEDS)
    assert f"{longest}/index.html" in pages
    (tmp_path / longest).mkdir()  # the file system takes it
    assert "longer than the 255 bytes" in refused("a" * 256)


def test_a_folder_name_is_measured_in_bytes_not_characters() -> None:
    # "é" is two bytes in UTF-8: 128 of them are 256 bytes, which no folder can be named.
    assert "longer than the 255 bytes" in refused("%C3%A9" * 128)


@pytest.mark.parametrize("slug", ["a/.hidden", "2025/.well-known/x", ".top"])
def test_a_page_in_a_hidden_folder_at_any_depth_is_refused(slug: str) -> None:
    # Hosts and `serve` leave hidden folders out: the entry's link would lead nowhere.
    assert "would put a page in a hidden folder" in refused(slug)


@pytest.mark.parametrize("slug", ["_h%45aders", "_r%45directs/x"])
def test_a_page_where_a_host_reads_its_files_is_refused_in_any_case(slug: str) -> None:
    # On a file system that ignores case (macOS, Windows), a folder `_hEaders` is the file
    # _headers staticfeed writes for the host.
    assert "where a host reads _headers or _redirects" in refused(slug)


def test_two_pages_whose_folders_differ_only_in_case_are_refused() -> None:
    # `cafÉ` and `café` are one folder where case is ignored (macOS, Windows): one page would
    # overwrite the other there.
    upper, lower = make_entry("caf%C3%89"), make_entry("caf%C3%A9")
    with pytest.raises(EntryError, match=re.escape("gives the same page as entries/caf%C3%89.md")):
        render_pages(make_config(), [upper, lower], FEEDS)


def windows_keeps(name: str) -> bool:
    """Whether Windows takes the file name `name` for a device, as Microsoft documents it
    ("Naming Files, Paths, and Namespaces"): CON, PRN, AUX, NUL, COM1-9, LPT1-9 and COM or
    LPT with ¹ ² ³, in any case, with any extension, spaces before the extension ignored."""
    base = name.split(".")[0].rstrip(" ").upper()
    devices = {"CON", "PRN", "AUX", "NUL"}
    devices |= {f"{kind}{n}" for kind in ("COM", "LPT") for n in [*"123456789", *"¹²³"]}
    return base in devices


@pytest.mark.parametrize(
    "slug",
    # Slugs from file names (con.md, 2025/AUX.md, …): nothing to fix in front matter.
    ["con", "2025/aux", "nul.x", "a/con%20.txt/b", "%43on", "lpt%C2%B3", "prn/x"],
)
def test_a_page_from_a_file_named_like_a_windows_device_can_be_checked_out_there(
    slug: str,
) -> None:
    # git on Windows cannot check out a folder named CON or nul.x: the site could not be
    # uploaded from there. The page's link still leads to it.
    pages = render_pages(make_config(), [make_entry(slug)], FEEDS)
    (entry_page,) = (name for name in pages if name != "index.html")
    assert not any(windows_keeps(folder) for folder in entry_page.split("/"))
    link = one(parse(pages["index.html"]), "//article//h3/a").get("href")
    assert served_file(link) == entry_page


def test_a_folder_name_with_a_control_character_is_refused() -> None:
    # DEL (from a file named with it) is a control character: shells and hosts show or take
    # it as nothing, and the page's link could not be typed.
    assert "cannot be the name of a page's folder" in refused("a%7Fb")


def test_a_page_folder_where_a_feed_with_letters_beyond_ascii_goes_is_refused() -> None:
    # The feed's URL percent-encodes `café`; its file is named with the letters themselves.
    feed = FeedLink("Tag: café", FEED_URL + "tags/caf%C3%A9.atom.xml", "application/atom+xml")
    with pytest.raises(EntryError, match=re.escape("where the file tags/café.atom.xml goes")):
        render_pages(make_config(), [make_entry("tags/caf%C3%A9.atom.xml/x")], FEEDS, [feed])


def test_an_entry_whose_folder_takes_two_files_places_is_told_once() -> None:
    # `atom.xml/index.html/x` would make folders where the feed atom.xml and the page of the
    # entry `atom.xml` go: one error for each entry, not two for the second.
    entries = [make_entry("atom.xml"), make_entry("atom.xml/index.html/x")]
    with pytest.raises(ManyErrors) as caught:
        render_pages(make_config(), entries, FEEDS)
    assert [error.path for error in caught.value.errors] == [  # type: ignore[attr-defined]
        Path("entries/atom.xml.md"),
        Path("entries/atom.xml/index.html/x.md"),
    ]


@pytest.mark.parametrize(
    ("lang", "direction"),
    [
        # After a singleton (u-, x-) come extensions and private use: `latn` in `u-nu-latn`
        # names the digits (Latin ones), not the script the text is written in.
        ("ar-EG-u-nu-latn", "rtl"),
        ("fa-u-nu-latn", "rtl"),
        ("he-x-test", "rtl"),
        ("en-u-nu-arab", None),
        ("ku-Arab-IQ-u-nu-latn", "rtl"),
        ("sd-Deva-x-arab", None),
    ],
)
def test_an_extension_after_the_language_does_not_change_its_direction(
    lang: str, direction: str | None
) -> None:
    # An Arabic entry with Latin digits was laid out left to right: its full stops at the left.
    page = parse(render_pages(make_config(), [make_entry("x", lang=lang)], FEEDS)["x/index.html"])
    assert (page.get("lang"), page.get("dir")) == (lang, direction)


def test_an_email_address_with_url_characters_is_mailed_whole() -> None:
    # `#` and `?` may be in an address; unescaped in a mailto: URL, a mail program took what
    # follows them for a fragment or headers, and wrote to `ann`.
    email = "ann#news?x@example.org"
    entry = make_entry("x", authors=(Author("Ann Lee", email),))
    page = parse(render_pages(make_config(), [entry], FEEDS)["x/index.html"])
    href = one(page, "//*[contains(@class, 'authors')]//a").get("href")
    url = urlsplit(href)
    assert (url.scheme, unquote(url.path), url.query, url.fragment) == ("mailto", email, "", "")


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        # An error quotes at most 40 characters of what a filter was given.
        ("a" * 38, "'" + "a" * 38 + "'"),  # 40 with its quotes: whole
        ("a" * 39, "'" + "a" * 38 + "…"),
    ],
)
def test_a_filter_given_text_quotes_at_most_40_characters_of_it(
    site: Callable[..., Path], value: str, shown: str
) -> None:
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "index.html").write_text(f'<p>{{{{ "{value}"|iso }}}}\n')
    result = invoke_build("--no-cache")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: templates/index.html:1: template error: the filter iso takes a date, such as "
        f"entry.published, not text ({shown}). {FIX_IT}\n",
    )


def test_extends_of_blank_text_is_an_error_saying_a_name_is_needed(
    site: Callable[..., Path],
) -> None:
    # Jinja looked for a template named " " and said none is in the templates folder.
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"})
    (folder / "templates").mkdir()
    (folder / "templates" / "entry.html").write_text('<p>\n{% extends " " %}\n')
    result = invoke_build()
    expected = NOT_A_NAME.format(what="blank text (' ')")  # not "empty text": it holds a space
    assert (result.exit_code, result.stderr) == (1, expected + "\n")


def test_the_index_shows_a_date_rewritten_in_another_offset_after_a_cached_build(
    site: Callable[..., Path],
) -> None:
    # The same instant written in UTC: the index shows dates in their own offset, so it shows
    # the new text; one made from the cache kept the old.
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-02T09:30:00+02:00\n---\nA.\n"})
    index = folder / "feeds" / "index.html"
    assert invoke_build().exit_code == 0
    assert text(one(parse(index.read_bytes()), "//article//time")) == "2025-01-02 09:30 +02:00"
    document = folder / "entries" / "a.md"
    document.write_text(document.read_text().replace("09:30:00+02:00", "07:30:00Z"))
    assert invoke_build().exit_code == 0
    time = one(parse(index.read_bytes()), "//article//time")
    assert (text(time), time.get("datetime")) == (
        "2025-01-02 07:30 +00:00",
        "2025-01-02T07:30:00+00:00",
    )


@pytest.mark.parametrize(
    "lang",
    [
        # Languages written right to left (CLDR characterOrder), and left-to-right languages
        # written in a right-to-left script: Ladino in Hebrew, Azerbaijani in Arabic letters.
        *["ur", "ps", "yi", "dv", "ug", "syr", "ckb-IQ"],
        *["lad-Hebr", "az-Arab-IR", "pa-Arab", "ms-Arab"],
    ],
)
def test_a_page_in_a_language_or_script_written_right_to_left_says_so(lang: str) -> None:
    page = parse(render_pages(make_config(), [make_entry("x", lang=lang)], FEEDS)["x/index.html"])
    assert (page.get("lang"), page.get("dir")) == (lang, "rtl")
