"""A link from one entry's document to another's (`[second](second.md)`) leads readers to that
entry, in every file that shows the entry's HTML: read back with feedparser and lxml."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG

Site = Callable[..., Path]
PAGES = "https://example.org/blog/feeds/"


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    return result


def post(title: str, date: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


FIRST = (
    "See [the second](second.md), [its part](./second.md#part), [the old one](../2024/old.md),"
    ' <a href="second.md#part">in HTML</a>, [elsewhere](linked.md#x), [a draft](draft.md),'
    " [a document that is not there](gone.md), [out of entries](../../notes.md) and"
    " [its own notes](first.md#notes).\n\n## Notes\n\nA note."
)
DOCUMENTS = {
    "2025/first.md": post("First", "2025-01-05", FIRST, "tags: [peace]\n"),
    "2025/second.md": post("Second", "2025-01-04", "## Part\n\nText."),
    "2024/old.md": post("Old", "2024-01-04", "Old text."),
    "2025/linked.md": post("Linked", "2025-01-03", "L.", "link: https://other.example/p#top\n"),
    "2025/draft.md": post("Draft", "2025-01-02", "D.", "draft: true\n"),
}
LEADS_TO = [
    f"{PAGES}2025/second/",
    f"{PAGES}2025/second/#part",
    f"{PAGES}2024/old/",
    f"{PAGES}2025/second/#part",
    "https://other.example/p#x",  # the link's own fragment gives way
    "https://example.org/blog/draft.md",  # as before: a draft is not published
    "https://example.org/blog/gone.md",
    "https://example.org/notes.md",  # never followed out of entries/
    f"{PAGES}2025/first/#notes",
]


def links_in(html: str) -> list[str]:
    return [str(a.get("href")) for a in etree.HTML(html).iter("a")]


def first_in_feed(path: str) -> str:
    """The HTML of First in the feed at `path`, as feedparser gives it to a reader."""
    parsed = feedparser.parse(path)
    (entry,) = [entry for entry in parsed.entries if entry.title == "First"]
    return str(entry.content[0].value)


def first_in_json(path: str) -> str:
    items = json.loads(Path(path).read_text(encoding="utf-8"))["items"]
    (item,) = [item for item in items if item["title"] == "First"]
    return str(item["content_html"])


def test_links_to_documents_lead_to_their_entries_in_every_file(site: Site) -> None:
    site(config=BASIC_CONFIG + "limit = 2\narchive_size = 2\n", **DOCUMENTS)
    run("build")
    assert links_in(first_in_feed("feeds/atom.xml")) == LEADS_TO
    assert links_in(first_in_feed("feeds/rss.xml")) == LEADS_TO
    assert links_in(first_in_json("feeds/feed.json")) == LEADS_TO
    assert links_in(first_in_feed("feeds/tags/peace.atom.xml")) == LEADS_TO
    page = etree.parse("feeds/2025/first/index.html", etree.HTMLParser()).getroot()
    in_page = [str(a.get("href")) for a in page.iterfind(".//div[@class='content']//a")]
    assert in_page == LEADS_TO  # absolute, as the page's other links
    # The page those links lead to, and the place on it.
    second = etree.parse("feeds/2025/second/index.html", etree.HTMLParser()).getroot()
    assert second.find(".//h2[@id='part']") is not None


def test_an_archived_entry_links_to_a_newer_one(site: Site) -> None:
    old = post("Old", "2024-01-04", "Newer: [the second](../2025/second.md).")
    site(config=BASIC_CONFIG + "limit = 2\narchive_size = 2\n", **{**DOCUMENTS, "2024/old.md": old})
    run("build")
    archives = sorted(Path("feeds").glob("archive/*.atom.xml"))
    holding = [path for path in archives if "Old" in path.read_text(encoding="utf-8")]
    (entry,) = [e for e in feedparser.parse(str(holding[0])).entries if e.title == "Old"]
    assert links_in(entry.content[0].value) == [f"{PAGES}2025/second/"]


def test_without_pages_a_link_leads_to_an_entry_that_has_a_link(site: Site) -> None:
    site(config=BASIC_CONFIG + "pages = false\n", **DOCUMENTS)
    run("build")
    assert links_in(first_in_feed("feeds/atom.xml")) == [
        "https://example.org/blog/second.md",  # no page, no link: as before
        "https://example.org/blog/second.md#part",
        "https://example.org/2024/old.md",
        "https://example.org/blog/second.md#part",
        "https://other.example/p#x",
        "https://example.org/blog/draft.md",
        "https://example.org/blog/gone.md",
        "https://example.org/notes.md",
        "https://example.org/blog/first.md#notes",  # its own: no page, no link either
    ]


def test_drafts_shown_by_drafts_are_linked_to(site: Site) -> None:
    site(**DOCUMENTS)
    run("build", "--drafts")
    assert links_in(first_in_feed("feeds/atom.xml"))[5] == f"{PAGES}2025/draft/"


def test_a_base_url_moves_the_pages_links_lead_to(site: Site) -> None:
    site(**DOCUMENTS)
    run("build", "--base-url", "https://preview.example.net/")
    leads = links_in(first_in_feed("feeds/atom.xml"))
    assert leads[:3] == [
        "https://preview.example.net/feeds/2025/second/",
        "https://preview.example.net/feeds/2025/second/#part",
        "https://preview.example.net/feeds/2024/old/",
    ]
    assert leads[4] == "https://other.example/p#x"  # a link is where it is


def test_an_entry_with_a_link_links_to_entries_too(site: Site) -> None:
    text = "[Second](second.md#part) and [notes](#notes) and [self](own.md#notes).\n\n## Notes"
    own = post("Own", "2025-01-06", text, "link: https://example.org/blog/own\n")
    site(**{**DOCUMENTS, "2025/own.md": own})
    run("build")
    (entry,) = [e for e in feedparser.parse("feeds/atom.xml").entries if e.title == "Own"]
    assert links_in(entry.content[0].value) == [
        f"{PAGES}2025/second/#part",
        "https://example.org/blog/own#notes",
        "https://example.org/blog/own#notes",
    ]
    # On its page, where the notes are, both lead there.
    page = etree.parse("feeds/2025/own/index.html", etree.HTMLParser()).getroot()
    in_page = [str(a.get("href")) for a in page.iterfind(".//div[@class='content']//a")]
    assert in_page == [f"{PAGES}2025/second/#part", "#notes", "#notes"]


def test_a_folder_linked_into_entries_is_not_followed(site: Site) -> None:
    site(**DOCUMENTS)
    Path("entries/2025/alias").symlink_to(Path("entries/2024").resolve())
    Path("entries/2025/first.md").write_text(
        post("First", "2025-01-05", "[old](alias/old.md)"), encoding="utf-8"
    )
    run("build")
    assert links_in(first_in_feed("feeds/atom.xml")) == ["https://example.org/blog/alias/old.md"]


def test_a_suffix_written_escaped_is_no_document_beside_a_link_to_one(site: Site) -> None:
    # An escaped suffix was followed beside a link with `.md` written out, and not alone
    # (the body is searched for links only when one ends in `.md` as written).
    first = post("First", "2025-01-05", "[a](second%2Emd) and [b](second.md).")
    site(**{**DOCUMENTS, "2025/first.md": first})
    run("build")
    assert links_in(first_in_feed("feeds/atom.xml")) == [
        "https://example.org/blog/second%2Emd",
        f"{PAGES}2025/second/",
    ]


def test_a_backslash_in_raw_html_is_a_slash_in_a_link_to_a_document(site: Site) -> None:
    # The build publishes `..\\2024\\old.md` in raw HTML as `../2024/old.md`, as browsers read
    # it: it led to that file, not to the entry. A Markdown link's `\\` is `%5C`, a file name.
    body = '<a href="..\\2024\\old.md#x">raw</a> and [md](..\\2024\\old.md)'
    site(**{**DOCUMENTS, "2025/first.md": post("First", "2025-01-05", body)})
    run("build")
    assert links_in(first_in_feed("feeds/atom.xml")) == [
        f"{PAGES}2024/old/#x",
        "https://example.org/blog/..%5C2024%5Cold.md",
    ]


@pytest.mark.parametrize(
    ("written", "leads_to"),
    [
        ("<second.md>", f"{PAGES}2025/second/"),  # a destination in angle brackets
        ("sec%6Fnd.md", f"{PAGES}2025/second/"),  # percent-encoded
        ("Second.md", "https://example.org/blog/Second.md"),  # file names are exact
        ("second.md?plain=1", "https://example.org/blog/second.md?plain=1"),  # GitHub's source
        ("/2025/second.md", "https://example.org/2025/second.md"),  # from the host's root
    ],
)
def test_how_a_link_names_a_document(site: Site, written: str, leads_to: str) -> None:
    first = post("First", "2025-01-05", f"[second]({written})")
    site(**{**DOCUMENTS, "2025/first.md": first})
    run("build")
    assert links_in(first_in_feed("feeds/atom.xml")) == [leads_to]
