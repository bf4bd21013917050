"""Links and images that work inside a reader, as a hand mutation audit of doclinks,
localfiles, placelinks and readerhtml found them untested: what a reader gets in the built
feed (read with feedparser and lxml), and what `check` says, word for word."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG as CONFIG

Site = Callable[..., Path]
SITE = "https://example.org/blog/"
PAGES = SITE + "feeds/"
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def post(title: str, body: str, date: str = "2025-01-05", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


def build() -> None:
    result = CliRunner().invoke(cli, ["build"], prog_name="staticfeed")
    assert result.exit_code == 0, result.output


def check() -> Result:
    return CliRunner().invoke(cli, ["check", "--format", "json"], prog_name="staticfeed")


def findings(rule: str) -> list[tuple[int, str]]:
    """(line, message) of what `check` finds under `rule`, after building."""
    build()
    result = check()
    assert result.exit_code == 0, result.output
    return [(f["line"], f["message"]) for f in json.loads(result.stdout) if f["rule"] == rule]


def hrefs(title: str) -> list[str]:
    """The links of the entry `title` in the Atom feed, as feedparser gives them to a reader."""
    (entry,) = [e for e in feedparser.parse("feeds/atom.xml").entries if e.title == title]
    return [str(a.get("href")) for a in etree.HTML(entry.content[0].value).iter("a")]


def published(title: str) -> etree._Element:
    """The HTML of the entry `title` as the Atom feed carries it, read with lxml alone."""
    (content,) = etree.parse("feeds/atom.xml").xpath(
        f"//a:entry[a:title='{title}']/a:content", namespaces=ATOM_NS
    )
    return etree.fromstring(f"<div>{content.text}</div>", etree.HTMLParser())


SECOND = post("Second", "## Part\n\nText.", "2025-01-04")


# --- doclinks: a link to another entry's document leads to that entry's page ---


@pytest.mark.parametrize(
    "body",
    [
        'Only raw HTML: <a href="second.md">the second</a>.',
        'Written in capitals: <A HREF="second.md">the second</A>.',
        'With spaces, which browsers strip: <a href=" second.md ">the second</a>.',
        "A reference whose URL is on the next line:\n\n[the second][s]\n\n[s]:\n  second.md",
    ],
)
def test_a_link_to_a_document_written_only_so_leads_to_its_entry(site: Site, body: str) -> None:
    site(CONFIG, **{"2025/first.md": post("First", body), "2025/second.md": SECOND})
    build()
    assert hrefs("First") == [f"{PAGES}2025/second/"]


@pytest.mark.parametrize("name", ["upper.MD", "third.markdown", "notes.TXT"])
def test_a_link_to_a_document_of_any_suffix_in_any_case_leads_to_its_entry(
    site: Site, name: str
) -> None:
    # The link alone in the body: a body is looked at for links only when one names a document.
    site(CONFIG, **{"2025/first.md": post("First", f"[it]({name})"), f"2025/{name}": SECOND})
    build()
    slug = name.partition(".")[0]
    assert hrefs("First") == [f"{PAGES}2025/{slug}/"]


@pytest.mark.parametrize(
    "body",
    [
        "[the second](second&#46;md)",
        '<a href="second&#x2E;md">the second</a>',
        "[the second](second.&#109;d)",
        "[the second](second&period;md)",
    ],
)
def test_a_suffix_written_as_a_character_reference_alone_leads_to_the_entry(
    site: Site, body: str
) -> None:
    # Markdown and HTML read `&#46;` as `.`: readers got `.../blog/second.md`, which leads
    # nowhere, unless another link in the body wrote a suffix out, and check named the file
    # as one staticfeed does not publish.
    site(CONFIG, **{"2025/first.md": post("First", body), "2025/second.md": SECOND})
    assert findings("relative-file") == []
    assert hrefs("First") == [f"{PAGES}2025/second/"]


NFC, NFD = (unicodedata.normalize(form, "café") for form in ("NFC", "NFD"))


@pytest.mark.parametrize(
    ("linking", "linked", "written"),
    [
        ("2025/first.md", f"2025/{NFC}.md", f"{NFD}.md"),  # typed decomposed (macOS)
        ("2025/first.md", f"2025/{NFD}.md", f"{NFC}.md"),  # stored decomposed
        (f"{NFD}/first.md", f"{NFD}/second.md", "second.md"),  # in a folder stored so
    ],
)
def test_a_link_leads_to_a_document_whose_name_is_composed_otherwise(
    site: Site, linking: str, linked: str, written: str
) -> None:
    site(CONFIG, **{linking: post("First", f"[it]({written})"), linked: SECOND})
    build()
    (href,) = hrefs("First")
    assert href.startswith(PAGES) and href.endswith("/")  # its page, not a .md URL
    assert ".md" not in href


def test_a_link_with_a_scheme_is_no_link_to_a_document(site: Site) -> None:
    # `x-app:second.md` is an app's URL; published as written (feedparser would empty it, so
    # the Atom feed is read with lxml).
    body = "[open](x-app:second.md) and [second](second.md)"
    site(CONFIG, **{"2025/first.md": post("First", body), "2025/second.md": SECOND})
    build()
    assert published("First").xpath("//a/@href") == ["x-app:second.md", f"{PAGES}2025/second/"]


def test_check_never_follows_a_link_out_of_entries_or_from_the_root(site: Site) -> None:
    # Neither names a document under entries/: `check` says nothing of them as relative files
    # (readers load them as the build publishes them).
    body = "[out](../../notes.md), [root](/2025/second.md) and [ok](second.md)"
    root = site(CONFIG, **{"2025/first.md": post("First", body), "2025/second.md": SECOND})
    (root / "notes.md").write_text("Notes outside entries/.\n", encoding="utf-8")
    assert findings("relative-file") == []
    assert hrefs("First") == [
        "https://example.org/notes.md",
        "https://example.org/2025/second.md",
        f"{PAGES}2025/second/",
    ]


# --- localfiles: a relative URL naming a file beside its document ---


def beside(url: str, file: str, what: str) -> str:
    return (
        f"{what} '{url}' names entries/2025/{file}, but readers load {SITE}{url}: staticfeed"
        " publishes the feeds and pages, not the files in entries/"
    )


def test_a_file_beside_the_document_is_named_as_html_reads_its_url(site: Site) -> None:
    # HTML strips the spaces around a URL; an attribute's name is in any case; a URL with a
    # scheme names no file, whatever file its path is the name of.
    body = (
        'An image: <img src=" pic.png " alt="p">\n\n'
        '<IMG SRCSET="big.png 1x" alt="b">\n\n'
        "[open](x-app:pic.png) in the app."
    )
    root = site(CONFIG, **{"2025/pics.md": post("Pics", body)})
    for name in ("pic.png", "big.png"):
        (root / "entries" / "2025" / name).write_bytes(b"x")
    assert findings("relative-file") == [
        (5, beside("pic.png", "pic.png", "the <img src>")),
        (7, beside("big.png", "big.png", "the <img srcset>")),
    ]


def test_a_space_in_a_srcset_written_in_capitals_is_reported(site: Site) -> None:
    body = 'A map:\n\n<IMG SRCSET="https://example.net/my map.png 2x" alt="m">'
    site(CONFIG, **{"2025/map.md": post("Map", body)})
    assert (
        7,
        (
            "the <img srcset> reads 'https://example.net/my map.png 2x' as the URL"
            " 'https://example.net/my', then 'map.png 2x', which is no width or density: a space"
            " ends a URL there, and browsers skip that image"
        ),
    ) in findings("reader-html")


# --- placelinks: a link to a place in the entry that no element has ---


def test_links_to_places_the_entry_has_or_to_other_pages_are_not_missing(site: Site) -> None:
    # A browser finds the place by the fragment as written before it decodes it: `#100%25`
    # is the element whose id is `100%25`. A place on another page is not this entry's.
    body = (
        'A <span id="100%25">full</span> glass: [see](#100%25), [there](other.html#part),'
        " [and](./second.md#gone) and [top](#top)."
    )
    site(CONFIG, **{"2025/places.md": post("Places", body), "2025/second.md": SECOND})
    assert findings("missing-place") == []
    page = etree.parse("feeds/2025/places/index.html", etree.HTMLParser()).getroot()
    assert page.xpath("//span/@id") == ["100%25"]


# --- readerhtml: what feedparser's sanitizer removes, as `check` says it ---


def test_a_scheme_readers_empty_is_named_once_in_any_case(site: Site) -> None:
    body = "Call [us](TEL:123), [them](tel:456) or <a href=' Tel:789'>him</a>."
    site(CONFIG, **{"2025/call.md": post("Call", body)})
    assert findings("reader-html") == [
        (5, "feed readers remove the tel: URL of a link, here and in 2 more places in this file")
    ]


def test_an_image_whatever_its_scheme_is_not_a_link_readers_empty(site: Site) -> None:
    # Readers keep an image's URL: only links with a scheme other than http(s) are emptied.
    body = "A dot: ![dot](data:image/gif;base64,R0lGODlhAQABAAAAACw=) and [call](tel:123)."
    site(CONFIG, **{"2025/dot.md": post("Dot", body)})
    assert findings("reader-html") == [(5, "feed readers remove the tel: URL of a link")]
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    images = etree.HTML(entry.content[0].value).xpath("//img/@src")
    assert images == ["data:image/gif;base64,R0lGODlhAQABAAAAACw="]


def test_files_not_copied_by_import_are_named_in_order_of_line(site: Site) -> None:
    # Raw HTML above a Markdown image: the files in the order the author wrote them.
    folder = site(CONFIG)
    bundle = folder / "content" / "posts" / "trip"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(
        '---\ntitle: "Trip"\ndate: 2021-03-04\n---\n<img src="first.png" alt="1">\n\n'
        "Then ![b](second.png).\n",
        encoding="utf-8",
    )
    for name in ("first.png", "second.png"):
        (bundle / name).write_bytes(b"x")
    result = CliRunner().invoke(cli, ["import", "content/posts/trip"], prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    assert (
        "  not copied: first.png, second.png (files beside the source: put them on the site at"
        " site_url + that path, or write their full URLs)"
    ) in result.stdout.splitlines()


def test_the_preview_serves_no_document_or_config_a_body_names(site: Site) -> None:
    # A body's relative link resolves against site_url, the project folder in the preview:
    # a document (its suffix in any case) or the config is private there, as on the site.
    from tests.test_serve import free_port, request_port, serve_in_the_background

    body = "[config](staticfeed.toml), [notes](Notes.TXT) and ![map](map.png)"
    folder = site(CONFIG, **{"linking.md": post("Linking", body)})
    for name in ("Notes.TXT", "map.png"):
        (folder / name).write_bytes(b"x")
    port = free_port()
    server, _, err = serve_in_the_background(
        "--port", str(port), "--base-url", f"http://127.0.0.1:{port}/"
    )
    try:
        statuses = [
            request_port(port, path)[0] for path in ("/staticfeed.toml", "/Notes.TXT", "/map.png")
        ]
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert statuses == [404, 404, 200], err


def test_a_link_url_holding_markup_is_one_url_to_check(site: Site) -> None:
    # A Markdown destination may hold `"` and `<` (no space): it is one URL, not markup.
    body = 'Call [us](tel:1"><iframe>).'
    site(CONFIG, **{"2025/call.md": post("Call", body)})
    assert findings("reader-html") == [(5, "feed readers remove the tel: URL of a link")]


def test_only_code_is_told_to_hold_a_less_than_sign(site: Site) -> None:
    # newsboat's trouble with a '<' is in scripts and style sheets: an iframe's fallback text
    # holding one is an iframe like any other.
    body = 'A map:\n\n<iframe src="https://maps.test/m">Zoom: 1 &lt; 2</iframe>'
    site(CONFIG, **{"2025/map.md": post("Map", body)})
    assert findings("reader-html") == [(7, "feed readers remove <iframe>")]


def test_a_backslash_in_a_markdown_url_names_no_folder(site: Site) -> None:
    # Markdown publishes `img\x.png` as `img%5Cx.png`, a file of that name, not img/x.png.
    root = site(CONFIG, **{"2025/a.md": post("A", "A map: ![m](img\\x.png)")})
    (root / "entries" / "2025" / "img").mkdir()
    (root / "entries" / "2025" / "img" / "x.png").write_bytes(b"x")
    assert findings("relative-file") == []
    assert published("A").xpath("//img/@src") == [SITE + "img%5Cx.png"]


def test_an_attribute_with_a_hyphen_among_text_is_an_attribute_readers_remove(
    site: Site,
) -> None:
    body = "A <span x-cloak>quiet</span> word."
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert findings("reader-html") == [(5, "feed readers remove the x-cloak attribute of <span>")]


def test_a_link_to_a_name_starting_with_two_dots_is_read_in_entries(site: Site) -> None:
    # `..notes.md` is a (hidden) name in entries/, not a way out of it: check says no entry
    # has that document.
    site(CONFIG, **{"first.md": post("First", "[notes](..notes.md)")})
    assert findings("relative-file") == [
        (
            5,
            "the link '..notes.md' names entries/..notes.md, which is no entry's document:"
            f" readers load {SITE}..notes.md",
        )
    ]


def test_an_empty_link_is_no_url_readers_remove(site: Site) -> None:
    # Readers keep an empty href as it is: nothing removed, no "the : URL" to tell of.
    body = 'Back to <a href="">this entry</a> or <a href=" ">this one</a>.'
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert findings("reader-html") == []


def test_a_place_named_in_other_letter_case_is_missing(site: Site) -> None:
    # Browsers match an id as written: `#Notes` is not the heading `## Notes` (id `notes`).
    body = "See [the notes](#Notes).\n\n## Notes\n\nA note."
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert findings("missing-place") == [
        (
            5,
            "the link '#Notes' leads to no place in the entry: no heading or element has that"
            " id, so readers land at the top of its page",
        )
    ]


def test_a_url_readers_empty_in_an_area_is_not_called_a_links(site: Site) -> None:
    body = '<map name="m"><area href="tel:123" alt="call" shape="default"></map>'
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert findings("reader-html") == [(5, "feed readers remove the tel: URL in <area href>")]


def test_an_image_whose_url_is_a_space_is_an_empty_source(site: Site) -> None:
    site(CONFIG, **{"2025/a.md": post("A", "A picture to come: ![todo](< >).")})
    assert findings("empty-src") == [
        (
            5,
            "the image has an empty URL: staticfeed leaves it out, as an empty URL would lead"
            " readers to the entry's page, and readers show no picture",
        )
    ]


def test_an_element_in_capitals_readers_remove_is_at_its_line(site: Site) -> None:
    body = 'A map:\n\n<IFRAME SRC="https://maps.test/m"></IFRAME>'
    site(CONFIG, **{"2025/map.md": post("Map", body)})
    assert findings("reader-html") == [(7, "feed readers remove <iframe>")]


def test_a_drawing_in_a_drawing_is_one_warning(site: Site) -> None:
    body = 'A dot:\n\n<svg width="9" height="9"><svg><circle r="4"/></svg></svg>'
    site(CONFIG, **{"2025/dot.md": post("Dot", body)})
    (found,) = findings("w3c-html")
    assert found[0] == 7 and "here and in" not in found[1], found


def test_a_url_with_a_space_before_its_parenthesis_is_a_url_in_a_style(site: Site) -> None:
    body = 'A <span style="background: url (x.png); color: red">red</span> word.'
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert [line for line, message in findings("w3c-html") if "url()" in message] == [5]


def reported(rule: str) -> list[tuple[int, str, str]]:
    """(line, message, fix) of what `check` finds under `rule`, after building."""
    build()
    result = check()
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    return [(f["line"], f["message"], f["fix"]) for f in found if f["rule"] == rule]


def test_words_read_as_attributes_with_one_of_htmls_among_them_are_text(site: Site) -> None:
    # "a<b hidden and c>d" is prose: Markdown reads `<b hidden and c>` as a tag, and readers
    # keep <b hidden> (feedparser knows that attribute) and drop the text `and c`. One word
    # that HTML has as an attribute makes the rest no less text lost.
    site(CONFIG, **{"2025/a.md": post("A", "Stop if a<b hidden and c>d holds.")})
    assert reported("reader-html") == [
        (
            5,
            "feed readers remove <b hidden and c>",
            "Markdown reads a '<' before a letter as a tag, and no one sees the text from it to"
            " the next '>'. If the '<' is text, write it as \\<, as in x\\<b.",
        )
    ]
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    shown = str(etree.HTML(entry.content[0].value).xpath("string()"))
    assert shown == "Stop if ad holds."


def test_an_html5_element_readers_remove_is_no_unknown_element(site: Site) -> None:
    # <main> is HTML's (HTML5), though feedparser's list lacks it: readers drop the element
    # and show its text; check must not call it an element HTML lacks, written by a slip.
    site(CONFIG, **{"2025/a.md": post("A", "Text <main>m</main> here.")})
    assert reported("reader-html") == [
        (
            5,
            "feed readers remove <main>",
            "They show the rest of the entry: link to what it shows, or take it out.",
        )
    ]
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    html = etree.HTML(entry.content[0].value)
    assert html.xpath("//main") == [] and "m here." in str(html.xpath("string()"))


def test_a_link_to_a_folder_beside_the_document_is_reported(site: Site) -> None:
    # Readers load site_url + `gallery/`, where no build publishes entries/2025/gallery/: the
    # same mistake as a file beside the document, and reported so with a gallery/ in the
    # project too, as such a file is. The document's own folder, or one holding it, is not
    # beside it: `./` is the site's home.
    body = "See [the gallery](gallery/), [again](gallery), [home](./) and [up](../)."
    root = site(CONFIG, **{"2025/post.md": post("Post", body)})
    for folder in ("entries/2025/gallery", "gallery"):
        (root / folder).mkdir()
    build()
    result = CliRunner().invoke(cli, ["check"], prog_name="staticfeed")
    assert result.exit_code == 0, result.output

    def warning(url: str) -> str:
        return (
            f"Warning: entries/2025/post.md:5: the link '{url}' names the folder"
            f" entries/2025/gallery/, but readers load {SITE}{url}: staticfeed publishes the"
            " feeds and pages, not the files in entries/. Put the folder on the site at that"
            " URL, or write the full URL where it is. [relative-file]"
        )

    found = [line for line in result.output.splitlines() if line.endswith("[relative-file]")]
    assert found == [warning("gallery"), warning("gallery/")]  # at one line, by message
    assert hrefs("Post")[:2] == [f"{SITE}gallery/", f"{SITE}gallery"]


def test_a_url_in_an_html_block_is_told_at_the_line_of_its_attribute(site: Site) -> None:
    # An HTML block spans lines, and its text may name the file before the tag that loads it:
    # the warning is at the line the author wrote the URL on, in the attribute, as the warning
    # names it; and there too when the URL is written with a character reference.
    body = (
        "Intro.\n\n"  # lines 5-6
        "<figure>\n"  # 7
        "<figcaption>map.png, drawn by hand</figcaption>\n"  # 8
        '<img alt="the map"\n'  # 9
        '  src="map.png">\n'  # 10
        "</figure>\n\n"  # 11-12
        "<div>\n"  # 13
        "<p>Our café 1.png and plan.png</p>\n"  # 14
        '<img srcset="café 1.png 1x" alt="c">\n'  # 15
        '<img src="plan&#46;png" alt="p">\n'  # 16
        "</div>"
    )
    root = site(CONFIG, **{"2025/trip.md": post("Trip", body)})
    for name in ("map.png", "plan.png"):
        (root / "entries" / "2025" / name).write_bytes(b"x")
    assert findings("relative-file") == [
        (10, beside("map.png", "map.png", "the <img src>")),
        (16, beside("plan.png", "plan.png", "the <img src>")),
    ]
    misread = [line for line, message in findings("reader-html") if "'café'" in message]
    assert misread == [15]


# --- session 41's audit: what its surviving mutants showed untested ---


def test_a_file_beside_the_document_that_is_a_symbolic_link_in_entries_is_reported(
    site: Site,
) -> None:
    # entries/2025/map.png links to entries/img/map.png: readers still load site_url +
    # map.png, where no build publishes either; the warning names the file the link leads to.
    root = site(CONFIG, **{"2025/trip.md": post("Trip", "A ![map](map.png).")})
    (root / "entries" / "img").mkdir()
    (root / "entries" / "img" / "map.png").write_bytes(b"x")
    (root / "entries" / "2025" / "map.png").symlink_to(Path("..", "img", "map.png"))
    assert findings("relative-file") == [
        (
            5,
            f"the image 'map.png' names entries/img/map.png, but readers load {SITE}map.png:"
            " staticfeed publishes the feeds and pages, not the files in entries/",
        )
    ]


def test_a_link_to_a_document_whose_entry_links_elsewhere_keeps_or_swaps_its_fragment(
    site: Site,
) -> None:
    # The second entry's link has a fragment of its own: a link to its document without one
    # leads there as it is, and a link with one leads to that place instead.
    second = post("Second", "Text.", "2025-01-04", "link: https://news.example/p#top\n")
    body = "See [it](second.md) and [its part](second.md#part)."
    site(CONFIG, **{"2025/first.md": post("First", body), "2025/second.md": second})
    build()
    assert hrefs("First") == ["https://news.example/p#top", "https://news.example/p#part"]


def test_a_fragment_in_a_url_readers_do_not_follow_is_no_missing_place(site: Site) -> None:
    # A quotation's source and an image are not links a reader clicks to a place: only the
    # link, Markdown or <a href>, is told to lead nowhere.
    body = (
        '<blockquote cite="#source"><p>Quoted.</p></blockquote>\n\n'
        '<img src="#sprite" alt="s"> and <a href="#gone">a link</a>.'
    )
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert [line for line, _ in findings("missing-place")] == [7]


def test_a_url_ending_in_a_space_written_as_a_reference_names_no_file(site: Site) -> None:
    # `map.png&#32;` is the URL `map.png ` (readers load map.png%20), not the file beside it.
    body = "The [map](map.png&#32;), as the build publishes it."
    root = site(CONFIG, **{"2025/trip.md": post("Trip", body)})
    (root / "entries" / "2025" / "map.png").write_bytes(b"x")
    assert findings("relative-file") == []
    assert hrefs("Trip") == [f"{SITE}map.png%20"]


# --- a URL of spaces alone: check and the build read it as one rule ---


def every_format_html(title: str) -> list[etree._Element]:
    """The HTML of the entry `title` in the Atom feed (as feedparser gives it a reader), the RSS
    feed's content:encoded and the JSON Feed (both read with lxml and json alone)."""
    (entry,) = [e for e in feedparser.parse("feeds/atom.xml").entries if e.title == title]
    (encoded,) = etree.parse("feeds/rss.xml").xpath(
        f"//item[title='{title}']/content:encoded/text()",
        namespaces={"content": "http://purl.org/rss/1.0/modules/content/"},
    )
    items = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))["items"]
    (item,) = [each for each in items if each["title"] == title]
    texts = [entry.content[0].value, str(encoded), item["content_html"]]
    return [etree.fromstring(f"<div>{text}</div>", etree.HTMLParser()) for text in texts]


EMPTY_IMAGE = (
    "the image has an empty URL: staticfeed leaves it out, as an empty URL would lead readers"
    " to the entry's page, and readers show no picture"
)


@pytest.mark.parametrize(
    ("body", "what"),
    [
        # cmark-gfm writes each such URL percent-encoded (`%20`, `%09`, `%0A`), which readers
        # resolved to the site's `…/%20`: a broken picture where check said none was published.
        pytest.param("A ![todo](&#32;) to come.", "the image", id="space-reference"),
        pytest.param("A ![todo](&#9;) to come.", "the image", id="tab-reference"),
        pytest.param("A ![todo](&#10;) to come.", "the image", id="line-break-reference"),
        pytest.param("A ![todo](<&#32;&#160;>) to come.", "the image", id="no-break-space"),
        pytest.param("A ![todo](%20) to come.", "the image", id="space-percent-encoded"),
        pytest.param("A ![todo][r] to come.\n\n[r]: <&#32;>", "the image", id="reference"),
        pytest.param('A <img src="%20" alt="todo"> to come.', "the <img src>", id="html-encoded"),
        pytest.param('A <img src=" " alt="todo"> to come.', "the <img src>", id="html-space"),
    ],
)
def test_an_image_whose_url_is_spaces_alone_is_left_out_as_check_says(
    site: Site, body: str, what: str
) -> None:
    site(CONFIG, **{"2025/a.md": post("A", body)})
    assert findings("empty-src") == [(5, EMPTY_IMAGE.replace("the image", what))]
    for html in every_format_html("A"):
        assert [(img.get("alt"), img.get("src")) for img in html.iter("img")] == [("todo", None)]


@pytest.mark.parametrize(
    "body",
    [
        "Back to [this entry](&#32;).",
        "Back to [this entry](%20).",
        "Back to [this entry][r].\n\n[r]: <&#9;>",
        'Back to <a href="%20">this entry</a>.',
    ],
)
def test_a_link_whose_url_is_spaces_alone_leads_to_the_entry_as_an_empty_one(
    site: Site, body: str
) -> None:
    # As `[this entry]()` and `<a href=" ">` do (RFC 3986: the same document), not to the
    # site's `…/%20`, which no site has.
    site(CONFIG, **{"2025/a.md": post("A", body)})
    build()
    for html in every_format_html("A"):
        assert [a.get("href") for a in html.iter("a")] == [f"{PAGES}2025/a/"]


@pytest.mark.parametrize(
    ("markup", "src", "srcset", "warned"),
    [
        # The srcset's one image is a URL of spaces: no src from it, and check says so.
        ('<img src="" srcset="%20 1x" alt="todo">', None, None, "the <img src>"),
        # With no src written at all, the picture is lost just the same: check said nothing.
        ('<img srcset="%20 1x" alt="todo">', None, None, "the <img srcset>"),
        ('<img srcset="" alt="todo">', None, None, "the <img srcset>"),
        # Another image of it is chosen, as when the first is one browsers do not read; the
        # one of spaces, which browsers fetched as the site's …/%20, broken, is left out.
        ('<img srcset="%20 1x, map.png 2x" alt="todo">', f"{SITE}map.png", f"{SITE}map.png 2x", ""),
    ],
)
def test_a_srcset_image_of_spaces_alone_gives_an_img_no_src(
    site: Site, markup: str, src: str | None, srcset: str | None, warned: str
) -> None:
    site(CONFIG, **{"2025/a.md": post("A", f"A {markup} to come.")})
    assert findings("empty-src") == (
        [(5, EMPTY_IMAGE.replace("the image", warned))] if warned else []
    )
    # The feeds' HTML (readers remove srcset: feedparser keeps it in Atom's, as written).
    for html in every_format_html("A"):
        assert [(img.get("alt"), img.get("src")) for img in html.iter("img")] == [("todo", src)]
    page = etree.parse("feeds/2025/a/index.html", etree.HTMLParser())
    assert [img.get("srcset") for img in page.iter("img") if img.get("alt") == "todo"] == [srcset]


def test_a_link_of_spaces_alone_names_no_file_even_one_so_named(site: Site) -> None:
    # The build leads it to the entry, as an empty link: check told of a file readers load.
    root = site(CONFIG, **{"2025/a.md": post("A", "Back to [this entry](%20).")})
    (root / "entries" / "2025" / " ").write_bytes(b"x")
    assert findings("relative-file") == []
    assert hrefs("A") == [f"{PAGES}2025/a/"]
