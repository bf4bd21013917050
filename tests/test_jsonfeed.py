"""JSON Feed 1.1 output, checked against a schema written from the specification and read back
with the json module, independently of how staticfeed writes it."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from staticfeed.config import Config
from staticfeed.jsonfeed import json_feed
from staticfeed.model import Author, Enclosure, Entry, RenderedEntry
from staticfeed.plan import MAIN, FeedPlan
from tests.jsonfeed_helpers import schema_errors, validate_json_feed

SITE = "https://example.org/blog/"
FEEDS = "https://cdn.example.net/feeds/"
WHEN = datetime(2025, 12, 22, 10, 0, tzinfo=UTC)


def make_config(**changes: Any) -> Config:
    settings: dict[str, Any] = {
        "path": Path("staticfeed.toml"),
        "title": "Test feed",
        "site_url": SITE,
        "feed_url": FEEDS,
        "timezone": ZoneInfo("UTC"),
    }
    return Config(**{**settings, **changes})


RICH_CONFIG = make_config(
    title="Мир знизу & <friends>",
    subtitle="Everything a feed can hold — «ліві»",
    language="en-GB",
    icon="https://example.org/blog/favicon.png",
    logo="https://example.org/blog/img/logo.png",
    authors=(
        Author("Ed One", email="ed@example.org", uri="https://example.org/ed"),
        Author("Ed Two"),
        Author("Ед Три", email="ed3@example.org"),
    ),
    hub="https://hub.example.net/",
)


def make_entry(slug: str, **changes: Any) -> Entry:
    fields: dict[str, Any] = {
        "source": Path(f"entries/{slug}.md"),
        "id": f"tag:example.org,2025:{slug}",
        "slug": slug,
        "title": f"Title of {slug}",
        "published": WHEN,
        "updated": WHEN,
        "authors": (Author("Ann Lee"),),
        "body": "Body.",
        "body_line": 1,
    }
    return Entry(**{**fields, **changes})


def make_rendered(
    slug: str, *, html: str = "<p>Body.</p>", summary: str = "Body.", **changes: Any
) -> RenderedEntry:
    page_url = changes.pop("page_url", f"{FEEDS}{slug}/")
    return RenderedEntry(make_entry(slug, **changes), html, summary, page_url)


def render(config: Config, entries: list[RenderedEntry], plan: FeedPlan | None = None) -> bytes:
    """The one place that knows json_feed's signature: the main feed of `entries` by default."""
    if plan is None:
        plan = FeedPlan(MAIN, config.title, tuple(r.entry for r in entries), complete=True)
    return json_feed(config, plan, entries)


def read(data: bytes) -> dict[str, Any]:
    """The document, after checking it against the schema."""
    return validate_json_feed(data)


RICH_ENTRIES = [
    make_rendered(
        "2025/many-authors",
        title="Many <authors> & «теги»",
        html='<p>Hello <a href="https://example.org/x">link</a> &amp; "quotes" \\ back</p>\n'
        "<script>alert('</script>')</script>",
        summary="A plain-text summary with <b> in it and ліві.",
        published=datetime(2025, 12, 22, 10, 0, tzinfo=ZoneInfo("Europe/Kyiv")),
        updated=datetime(2025, 12, 24, 8, 0, tzinfo=UTC),
        authors=(
            Author("Ann Lee", email="ann@example.org"),
            Author("Bo Chen", uri="https://bo.example/"),
            Author("Cy Dee", email="cy@example.org", uri="https://cy.example/"),
            Author("Dee Only-Name"),
        ),
        tags=("ukraine", "peace-talks", "ліві", "a & b"),
        link="https://elsewhere.example/article?id=1&x=2",
        lang="uk",
        image="https://example.org/blog/img/%D0%BC%D0%B8%D1%80.png",
        enclosures=(
            Enclosure("https://example.org/blog/media/episode-1.mp3", "audio/mpeg", 89970236),
            Enclosure("https://cdn.example.net/transcript.pdf", "application/pdf", 1),
        ),
    ),
    make_rendered(
        "2025/plain",
        published=datetime(2025, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Kyiv")),
        updated=datetime(2025, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Kyiv")),
    ),
    make_rendered(
        "2024/old",
        published=datetime(2024, 1, 15, 9, 0, 0, 123456, tzinfo=ZoneInfo("America/St_Johns")),
        updated=datetime(2024, 2, 1, 0, 0, tzinfo=ZoneInfo("America/St_Johns")),
        tags=("history",),
    ),
]


@pytest.fixture(scope="module")
def rich() -> dict[str, Any]:
    return read(render(RICH_CONFIG, RICH_ENTRIES))


# --- the schema itself -------------------------------------------------------------------------

VALID = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "My Example Feed",
    "home_page_url": "https://example.org/",
    "feed_url": "https://example.org/feed.json",
    "next_url": "https://example.org/feed.json?page=2",
    "description": "An example",
    "user_comment": "Open this in a feed reader.",
    "icon": "https://example.org/icon.png",
    "favicon": "https://example.org/favicon.ico",
    "authors": [{"name": "Ann", "url": "mailto:ann@example.org", "avatar": "https://a.example/a"}],
    "language": "en-US",
    "expired": False,
    "hubs": [{"type": "WebSub", "url": "https://hub.example.org/"}],
    "_custom": {"about": "https://example.org/extension", "x": 1},
    "items": [
        {
            "id": "2",
            "content_text": "This is a second item.",
            "url": "https://example.org/second-item",
        },
        {
            "id": "1",
            "url": "https://example.org/initial-post",
            "external_url": "https://elsewhere.example/",
            "title": "First",
            "content_html": "<p>Hello, world!</p>",
            "summary": "Hello",
            "image": "https://example.org/i.png",
            "banner_image": "https://example.org/b.png",
            "date_published": "2010-02-07T14:04:00-05:00",
            "date_modified": "2010-02-07T19:04:00.5Z",
            "authors": [{"url": "https://example.org/bo"}],
            "tags": ["a", "b"],
            "language": "uk",
            "attachments": [
                {
                    "url": "https://example.org/a.mp3",
                    "mime_type": "audio/mpeg",
                    "title": "Episode",
                    "size_in_bytes": 89970236,
                    "duration_in_seconds": 6629.5,
                }
            ],
            "_ext": {"a": 1},
        },
    ],
}


def test_schema_accepts_a_full_valid_feed_and_a_minimal_one() -> None:
    assert schema_errors(VALID) == []
    minimal = {"version": VALID["version"], "title": "t", "items": []}
    assert schema_errors(minimal) == []


def _without(path: tuple[Any, ...]) -> dict[str, Any]:
    document = copy.deepcopy(VALID)
    *parents, last = path
    target: Any = document
    for step in parents:
        target = target[step]
    del target[last]
    return document


def _with(path: tuple[Any, ...], value: object) -> dict[str, Any]:
    document = copy.deepcopy(VALID)
    *parents, last = path
    target: Any = document
    for step in parents:
        target = target[step]
    target[last] = value
    return document


BROKEN = {
    "missing version": _without(("version",)),
    "JSON Feed 1.0 version": _with(("version",), "https://jsonfeed.org/version/1"),
    "missing title": _without(("title",)),
    "missing items": _without(("items",)),
    "items not a list": _with(("items",), {}),
    "item without id": _without(("items", 0, "id")),
    "numeric item id": _with(("items", 0, "id"), 2),
    "empty item id": _with(("items", 0, "id"), ""),
    "item without content": _without(("items", 0, "content_text")),
    "date without offset": _with(("items", 1, "date_published"), "2010-02-07T14:04:00"),
    "date alone": _with(("items", 1, "date_published"), "2010-02-07"),
    "date with space": _with(("items", 1, "date_modified"), "2010-02-07 19:04:00Z"),
    "RFC 822 date": _with(("items", 1, "date_published"), "Sun, 07 Feb 2010 14:04:00 -0500"),
    "offset with seconds": _with(("items", 1, "date_published"), "1900-01-01T00:00:00+02:02:04"),
    "month 13": _with(("items", 1, "date_published"), "2010-13-07T14:04:00Z"),
    "null optional value": _with(("items", 1, "summary"), None),
    "relative item url": _with(("items", 1, "url"), "/initial-post"),
    "relative feed_url": _with(("feed_url",), "feed.json"),
    "empty home_page_url": _with(("home_page_url",), ""),
    "url with space": _with(("icon",), "https://example.org/my icon.png"),
    "empty author": _with(("authors",), [{}]),
    "author with unknown key": _with(("authors",), [{"name": "A", "email": "a@example.org"}]),
    "tags not strings": _with(("items", 1, "tags"), ["a", 1]),
    "tags a string": _with(("items", 1, "tags"), "a, b"),
    "hub without type": _with(("hubs",), [{"url": "https://hub.example.org/"}]),
    "attachment without mime_type": _without(("items", 1, "attachments", 0, "mime_type")),
    "negative attachment size": _with(("items", 1, "attachments", 0, "size_in_bytes"), -1),
    "unknown top-level key": _with(("subtitle",), "RSS words"),
    "unknown item key": _with(("items", 1, "content"), "Atom words"),
    "expired a string": _with(("expired",), "false"),
    "extension not an object": _with(("_custom",), "text"),
    "bad language": _with(("language",), "en_US"),
}


@pytest.mark.parametrize("document", BROKEN.values(), ids=BROKEN.keys())
def test_schema_rejects_broken_documents(document: dict[str, Any]) -> None:
    assert schema_errors(document), "the schema accepted a broken JSON Feed"
    with pytest.raises(AssertionError, match=r"breaks JSON Feed 1\.1"):
        validate_json_feed(json.dumps(document).encode())


def test_validate_json_feed_rejects_bytes_that_are_not_a_utf8_json_feed() -> None:
    with pytest.raises(AssertionError, match="not UTF-8"):
        validate_json_feed('{"title": "Caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(AssertionError, match="byte-order mark"):
        validate_json_feed(b"\xef\xbb\xbf" + json.dumps(VALID).encode())
    with pytest.raises(AssertionError, match="not JSON"):
        validate_json_feed(b'{"version": ')
    with pytest.raises(AssertionError, match=r"\$\.items\[0\]"):
        validate_json_feed(json.dumps(_without(("items", 0, "id"))).encode())
    duplicate = _with(("items", 1, "id"), "2")
    with pytest.raises(AssertionError, match="same id '2'"):
        validate_json_feed(json.dumps(duplicate).encode())
    assert validate_json_feed(json.dumps(VALID).encode()) == VALID


# --- what json_feed writes ---------------------------------------------------------------------


def test_feed_level_values(rich: dict[str, Any]) -> None:
    assert {key: value for key, value in rich.items() if key != "items"} == {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Мир знизу & <friends>",
        "home_page_url": SITE,
        "feed_url": FEEDS + "feed.json",
        "description": "Everything a feed can hold — «ліві»",
        "icon": "https://example.org/blog/img/logo.png",
        "favicon": "https://example.org/blog/favicon.png",
        "language": "en-GB",
        "authors": [
            {"name": "Ed One", "url": "https://example.org/ed"},
            {"name": "Ed Two"},
            {"name": "Ед Три", "url": "mailto:ed3@example.org"},
        ],
        "hubs": [{"type": "WebSub", "url": "https://hub.example.net/"}],
    }


def test_items_carry_each_entry(rich: dict[str, Any]) -> None:
    items = rich["items"]
    assert [item["id"] for item in items] == [r.entry.id for r in RICH_ENTRIES]
    first = items[0]
    assert first == {
        "id": "tag:example.org,2025:2025/many-authors",
        "url": "https://elsewhere.example/article?id=1&x=2",
        "title": "Many <authors> & «теги»",
        "content_html": RICH_ENTRIES[0].content_html,
        "summary": "A plain-text summary with <b> in it and ліві.",
        "date_published": first["date_published"],  # checked as an instant below
        "date_modified": first["date_modified"],
        "authors": [
            {"name": "Ann Lee", "url": "mailto:ann@example.org"},
            {"name": "Bo Chen", "url": "https://bo.example/"},
            {"name": "Cy Dee", "url": "https://cy.example/"},
            {"name": "Dee Only-Name"},
        ],
        "tags": ["ukraine", "peace-talks", "ліві", "a & b"],
        "language": "uk",
        "image": "https://example.org/blog/img/%D0%BC%D0%B8%D1%80.png",
        "attachments": [
            {
                "url": "https://example.org/blog/media/episode-1.mp3",
                "mime_type": "audio/mpeg",
                "size_in_bytes": 89970236,
            },
            {
                "url": "https://cdn.example.net/transcript.pdf",
                "mime_type": "application/pdf",
                "size_in_bytes": 1,
            },
        ],
    }
    assert items[1]["title"] == "Title of 2025/plain"
    assert items[1]["url"] == FEEDS + "2025/plain/"  # no link: the entry's page
    assert items[1]["content_html"] == "<p>Body.</p>"
    assert items[1]["summary"] == "Body."
    assert items[1]["authors"] == [{"name": "Ann Lee"}]
    assert items[2]["tags"] == ["history"]


def test_dates_are_the_entries_instants(rich: dict[str, Any]) -> None:
    for item, rendered in zip(rich["items"], RICH_ENTRIES, strict=True):
        published = datetime.fromisoformat(item["date_published"])
        modified = datetime.fromisoformat(item["date_modified"])
        assert published.utcoffset() is not None and modified.utcoffset() is not None
        # Whole seconds, as every format writes them (README).
        assert published == rendered.entry.published.replace(microsecond=0)
        assert modified == rendered.entry.updated.replace(microsecond=0)
    assert rich["items"][0]["date_published"].startswith("2025-12-22T10:00:00")


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 12, 22, 10, 0, tzinfo=UTC),
        datetime(2025, 7, 1, 9, 0, tzinfo=ZoneInfo("Europe/Kyiv")),
        datetime(2025, 1, 15, 23, 59, 59, 999999, tzinfo=ZoneInfo("America/St_Johns")),
        datetime(1999, 12, 31, 23, 59, tzinfo=ZoneInfo("Pacific/Kiritimati")),
        pytest.param(datetime(1900, 1, 1, tzinfo=ZoneInfo("Europe/Kyiv")), id="local-mean-time"),
    ],
    ids=str,
)
def test_any_aware_date_is_written_as_rfc3339(moment: datetime) -> None:
    entries = [make_rendered("a", published=moment, updated=moment + timedelta(days=1))]
    item = read(render(make_config(), entries))["items"][0]
    whole = moment.replace(microsecond=0)
    assert datetime.fromisoformat(item["date_published"]) == whole
    assert datetime.fromisoformat(item["date_modified"]) == whole + timedelta(days=1)


def test_non_ascii_is_written_as_utf8_not_escapes() -> None:
    data = render(RICH_CONFIG, RICH_ENTRIES)
    text = data.decode("utf-8")  # strict: fails on anything that is not UTF-8
    assert not data.startswith(b"\xef\xbb\xbf")
    for word in ("Мир знизу", "«ліві»", "Ед Три", "«теги»", "—"):
        assert word.encode("utf-8") in data
    assert "\\u" not in text
    read(data)


def test_output_is_deterministic() -> None:
    first = render(RICH_CONFIG, RICH_ENTRIES)
    assert render(RICH_CONFIG, RICH_ENTRIES) == first
    # equal values built again, not the same objects, give the same bytes
    assert render(copy.deepcopy(RICH_CONFIG), copy.deepcopy(RICH_ENTRIES)) == first


def test_items_keep_the_given_order() -> None:
    days = [3, 1, 2]
    entries = [
        make_rendered(f"day-{day}", published=WHEN + timedelta(days=day), updated=WHEN)
        for day in days
    ]
    items = read(render(make_config(), entries))["items"]
    assert [item["id"] for item in items] == [f"tag:example.org,2025:day-{day}" for day in days]


def _empty_values(value: object, path: str = "$") -> list[str]:
    if value is None or value in ([], "", {}):
        return [path]
    if isinstance(value, dict):
        return [p for key, inner in value.items() for p in _empty_values(inner, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, inner in enumerate(value) for p in _empty_values(inner, f"{path}[{i}]")]
    return []


def test_empty_optional_values_are_left_out() -> None:
    bare = make_rendered("bare", summary="", authors=(), page_url=None)
    data = render(make_config(), [bare])
    document = read(data)
    assert _empty_values(document) == []
    assert b"null" not in data
    assert set(document) == {"version", "title", "home_page_url", "feed_url", "items"}
    assert set(document["items"][0]) == {
        "id",
        "title",
        "content_html",
        "date_published",
        "date_modified",
    }


def test_rich_feed_has_no_empty_values(rich: dict[str, Any]) -> None:
    assert _empty_values(rich) == []


def test_language_is_left_out_when_the_entry_has_none(rich: dict[str, Any]) -> None:
    assert [item.get("language") for item in rich["items"]] == ["uk", None, None]


def test_content_html_is_kept_verbatim(rich: dict[str, Any]) -> None:
    assert rich["items"][0]["content_html"] == RICH_ENTRIES[0].content_html


def test_next_url_leads_to_the_newest_archive() -> None:
    config = make_config()
    entries = [make_rendered("a")]
    main = FeedPlan(MAIN, config.title, (entries[0].entry,), prev_archive="archive/2")
    assert read(render(config, entries, main))["next_url"] == FEEDS + "archive/2.json"
    oldest = FeedPlan("archive/1", "Test feed (archive 1)", (entries[0].entry,), archive=True)
    document = read(render(config, entries, oldest))
    assert "next_url" not in document
    assert document["feed_url"] == FEEDS + "archive/1.json"
    assert document["title"] == "Test feed (archive 1)"


def test_an_entry_with_an_empty_body_still_has_content() -> None:
    item = read(render(make_config(), [make_rendered("empty", html="")]))["items"][0]
    assert item["content_html"] == ""


def test_a_feed_without_entries_still_has_items() -> None:
    assert read(render(make_config(), []))["items"] == []


def test_the_layout_is_the_standard_librarys_two_space_indent() -> None:
    # Patches find an item by its indentation (jsonfeed.item_span), and a feed reread and
    # written again by json.dumps must not change a byte: escapes included.
    awkward = make_rendered(
        "awkward",
        title='Tab\there, "quotes", back\\slash, bell\x07, line\u2028break, 😀',
        html="<p>a\nb\r\nc</p>",
        enclosures=(Enclosure("https://example.org/a.mp3", "audio/mpeg", 2**40),),
    )
    data = render(RICH_CONFIG, [*RICH_ENTRIES, awkward])
    document = json.loads(data)
    assert data == (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    assert document["items"][-1]["title"] == awkward.entry.title


def test_an_enclosure_length_beyond_64_bits_is_written() -> None:
    huge = 10**30  # no 64-bit integer holds it; the front matter accepts any whole number
    entry = make_rendered("huge", enclosures=(Enclosure("https://example.org/a.bin", "x/y", huge),))
    data = render(make_config(), [entry])
    assert read(data)["items"][0]["attachments"][0]["size_in_bytes"] == huge
    assert data == (json.dumps(json.loads(data), ensure_ascii=False, indent=2) + "\n").encode()
