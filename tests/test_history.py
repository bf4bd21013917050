"""Feed history (issue 4): RFC 5005 archives of the main feed, and per-tag and per-author feeds.

Everything goes through `staticfeed build` and is read back with feedparser, lxml and json, the
way a reader would: the archives are found by following prev-archive links (next_url in JSON
Feed) from the main feed, never by listing the folder. Expected values are worked out here from
the documents written, not by asking staticfeed.
"""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import feedparser
import lxml.html
import pytest
from click.testing import Result
from lxml import etree

from tests.conftest import BASIC_CONFIG, invoke_build, need_atom_schema, need_program, read_xml
from tests.test_hosting import parse_headers

Site = Callable[..., Path]
SITE_URL = "https://example.org/blog/"
FEEDS = SITE_URL + "feeds/"
TAG = "tag:example.org,2025:"
FH = "http://purl.org/syndication/history/1.0"
ATOM = "http://www.w3.org/2005/Atom"
HUB = "https://hub.example.com/websub"
FIRST_DAY = date(2024, 3, 1)
MAIN_FILES = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}
SUFFIXES = {"atom": ".atom.xml", "rss": ".rss.xml", "json": ".json"}
OLD_TIME = 1_000_000_000  # 2001: files set to it must keep it when a build leaves them alone


# Writing a publication


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # strings and lists of strings


def config(**settings: object) -> str:
    return BASIC_CONFIG + "".join(
        f"{key} = {toml_value(value)}\n" for key, value in settings.items()
    )


def post(number: int, tags: Iterable[str] = (), authors: Iterable[str] | None = None) -> str:
    """Post `number`, published on day `number`: a higher number is a newer entry."""
    lines = [f"title: Post {number}", f"date: {FIRST_DAY + timedelta(days=number)}"]
    if tags:
        lines.append(f"tags: {json.dumps(list(tags), ensure_ascii=False)}")
    if authors is not None:
        lines.append(f"authors: {json.dumps(list(authors), ensure_ascii=False)}")
    return "---\n" + "\n".join(lines) + f"\n---\nThe body of post {number}.\n"


def file_of(number: int) -> str:
    return f"p{number:03d}.md"


def ident(number: int) -> str:
    """The id staticfeed gives post `number`: a tag URI from id_authority and the file name."""
    return f"{TAG}p{number:03d}"


def posts(numbers: Iterable[int]) -> dict[str, str]:
    return {file_of(number): post(number) for number in numbers}


def build_ok(*args: str) -> Result:
    result = invoke_build(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == "", result.stderr
    return result


def expected_history(count: int, limit: int, size: int) -> tuple[list[str], list[list[str]]]:
    """Ids of the main feed (newest first) and of archive 1, 2, ... for posts 1..count."""
    oldest_first = [ident(number) for number in range(1, count + 1)]
    if count <= limit:
        return oldest_first[::-1], []
    kept, older = oldest_first[count - limit :], oldest_first[: count - limit]
    archives = [older[start : start + size] for start in range(0, len(older), size)]
    return kept[::-1], archives


# Reading feeds


def local(url: str) -> Path:
    """The file under feeds/ that a feed URL names."""
    assert url.startswith(FEEDS), url
    return Path("feeds") / unquote(url.removeprefix(FEEDS))


def url(name: str) -> str:
    """The URL of feeds/`name`: what its links must say, percent-encoded."""
    return FEEDS + quote(name)


def archive_name(number: int, format_name: str) -> str:
    return f"archive/{number}{SUFFIXES[format_name]}"


def parse(path: Path) -> Any:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def hrefs(parsed: Any, rel: str) -> list[str]:
    return [link["href"] for link in parsed.feed.get("links", []) if link.get("rel") == rel]


def ids(parsed: Any) -> list[str]:
    return [entry.id for entry in parsed.entries]


def markers(path: Path) -> set[str]:
    """The RFC 5005 elements (`archive`, `complete`) of a feed document, read with lxml."""
    root = read_xml(path)
    parent = root if root.tag == f"{{{ATOM}}}feed" else root.find("channel")
    assert parent is not None
    return {etree.QName(child).localname for child in parent if etree.QName(child).namespace == FH}


def json_feed_validator() -> Callable[[bytes], dict[str, Any]] | None:
    """tests/jsonfeed_helpers.py's validate_json_feed (JSON Feed 1.1 schema), where it exists."""
    try:
        helpers = importlib.import_module("tests.jsonfeed_helpers")
    except ImportError:
        return None
    validate: Callable[[bytes], dict[str, Any]] = helpers.validate_json_feed
    return validate


def read_json(path: Path) -> dict[str, Any]:
    """A JSON Feed file, checked against JSON Feed 1.1 (its required keys at least)."""
    data = path.read_bytes()
    validate = json_feed_validator()
    if validate is not None:
        return validate(data)
    document = json.loads(data.decode("utf-8"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str) and document["title"]
    assert isinstance(document["items"], list)
    for item in document["items"]:
        assert isinstance(item["id"], str) and item["id"]
    return document


def walk(main: Path) -> list[tuple[Path, Any]]:
    """The main Atom or RSS feed and every archive, found by following prev-archive links."""
    chain: list[tuple[Path, Any]] = []
    path: Path | None = main
    while path is not None:
        assert path not in [seen for seen, _ in chain], f"prev-archive loops back to {path}"
        assert path.is_file(), f"a prev-archive link names {path}, which was not written"
        parsed = parse(path)
        chain.append((path, parsed))
        older = hrefs(parsed, "prev-archive")
        assert len(older) <= 1, f"{path} has {len(older)} prev-archive links"
        path = local(older[0]) if older else None
    return chain


def walk_json(main: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The main JSON Feed and every older page, found by following next_url."""
    chain: list[tuple[Path, dict[str, Any]]] = []
    path: Path | None = main
    while path is not None:
        assert path not in [seen for seen, _ in chain], f"next_url loops back to {path}"
        assert path.is_file(), f"a next_url names {path}, which was not written"
        document = read_json(path)
        chain.append((path, document))
        path = local(document["next_url"]) if "next_url" in document else None
    return chain


def feed_files(folder: Path = Path("feeds")) -> list[Path]:
    """Every feed file under `folder` (not the HTML pages), sorted."""
    return sorted(
        path for path in folder.rglob("*") if path.is_file() and path.suffix in (".xml", ".json")
    )


# The archive walk


HISTORIES = [
    pytest.param(23, 5, 4, id="23-entries-last-archive-partial"),
    pytest.param(21, 5, 4, id="21-entries-every-archive-full"),
    pytest.param(6, 5, 4, id="6-entries-one-archive-of-one"),
    pytest.param(9, 3, 1, id="archives-of-one-entry"),
]


@pytest.mark.parametrize(("count", "limit", "size"), HISTORIES)
@pytest.mark.parametrize("format_name", ["atom", "rss"])
def test_following_prev_archive_from_the_main_feed_reads_every_entry_once(
    site: Site, format_name: str, count: int, limit: int, size: int
) -> None:
    site(config(limit=limit, archive_size=size), **posts(range(1, count + 1)))
    build_ok()
    main_ids, archive_ids = expected_history(count, limit, size)
    main_path = Path("feeds", MAIN_FILES[format_name])
    main_url = url(MAIN_FILES[format_name])

    chain = walk(main_path)

    read = [entry for _, parsed in chain for entry in ids(parsed)]
    assert sorted(read) == sorted(ident(number) for number in range(1, count + 1))
    assert len(read) == len(set(read)) == count
    (first, main), archives = chain[0], chain[1:][::-1]  # archives as archive 1, 2, ...
    assert first == main_path
    assert ids(main) == main_ids
    assert markers(main_path) == set()
    assert hrefs(main, "self") == [main_url]
    assert hrefs(main, "prev-archive") == [url(archive_name(len(archive_ids), format_name))]
    assert hrefs(main, "next-archive") == hrefs(main, "current") == []
    assert [path for path, _ in archives] == [
        Path("feeds", archive_name(number, format_name))
        for number in range(1, len(archive_ids) + 1)
    ]
    for number, ((path, parsed), expected) in enumerate(
        zip(archives, archive_ids, strict=True), start=1
    ):
        assert sorted(ids(parsed)) == sorted(expected), path
        assert markers(path) == {"archive"}, path
        assert hrefs(parsed, "self") == [url(archive_name(number, format_name))]
        assert hrefs(parsed, "current") == [main_url], path
        older = [url(archive_name(number - 1, format_name))] if number > 1 else []
        newer = [url(archive_name(number + 1, format_name))] if number < len(archives) else []
        assert hrefs(parsed, "prev-archive") == older, path
        assert hrefs(parsed, "next-archive") == newer, path
    # Nothing else is lying around in archive/ for a crawler to find.
    on_disk = sorted(Path("feeds/archive").glob(f"*{SUFFIXES[format_name]}"))
    assert on_disk == sorted(path for path, _ in archives)


@pytest.mark.parametrize(("count", "limit", "size"), HISTORIES)
def test_following_next_url_from_feed_json_reads_every_entry_once(
    site: Site, count: int, limit: int, size: int
) -> None:
    site(config(limit=limit, archive_size=size), **posts(range(1, count + 1)))
    build_ok()
    main_ids, archive_ids = expected_history(count, limit, size)

    chain = walk_json(Path("feeds/feed.json"))

    read = [item["id"] for _, document in chain for item in document["items"]]
    assert sorted(read) == sorted(ident(number) for number in range(1, count + 1))
    assert len(read) == len(set(read)) == count
    assert [item["id"] for item in chain[0][1]["items"]] == main_ids
    assert [path for path, _ in chain] == [
        Path("feeds/feed.json"),
        *(Path("feeds", archive_name(n, "json")) for n in range(len(archive_ids), 0, -1)),
    ]
    for (path, document), expected in zip(chain[1:], archive_ids[::-1], strict=True):
        assert sorted(item["id"] for item in document["items"]) == sorted(expected), path
    for path, document in chain:
        assert document["feed_url"] == url(path.relative_to("feeds").as_posix())


@pytest.mark.parametrize("format_name", ["atom", "rss", "json"])
def test_paging_from_the_main_feed_through_the_archives_reads_the_entries_newest_first(
    site: Site, format_name: str
) -> None:
    # Each archive continues where the newer one ends (JSON Feed's next_url gives "the next
    # items"): a reader paging on, or showing one archive, reads the newest entries first.
    site(config(limit=5, archive_size=4), **posts(range(1, 24)))
    build_ok()
    main = Path("feeds", MAIN_FILES[format_name])
    if format_name == "json":
        read = [item["id"] for _, document in walk_json(main) for item in document["items"]]
    else:
        read = [entry_id for _, parsed in walk(main) for entry_id in ids(parsed)]
    assert read == [ident(number) for number in range(23, 0, -1)]


@pytest.mark.parametrize(("count", "limit"), [(5, 5), (1, 5), (4, 0)])
def test_a_main_feed_holding_everything_is_complete_and_has_no_archives(
    site: Site, count: int, limit: int
) -> None:
    site(config(limit=limit, archive_size=2), **posts(range(1, count + 1)))
    build_ok()

    every = [ident(number) for number in range(count, 0, -1)]
    for format_name in ("atom", "rss"):
        path = Path("feeds", MAIN_FILES[format_name])
        parsed = parse(path)
        assert ids(parsed) == every
        assert markers(path) == {"complete"}
        for rel in ("prev-archive", "next-archive", "current"):
            assert hrefs(parsed, rel) == [], (path, rel)
    document = read_json(Path("feeds/feed.json"))
    assert [item["id"] for item in document["items"]] == every
    assert "next_url" not in document
    assert not Path("feeds/archive").exists()


def test_an_archived_main_feed_is_not_complete_but_its_topic_feeds_can_be(site: Site) -> None:
    documents = {file_of(n): post(n, tags=["rare"] if n < 3 else ["common"]) for n in range(1, 9)}
    site(config(limit=3, archive_size=2), **documents)
    build_ok()

    assert markers(Path("feeds/atom.xml")) == set()
    assert markers(Path("feeds/rss.xml")) == set()
    assert markers(Path("feeds/tags/rare.atom.xml")) == {"complete"}
    assert markers(Path("feeds/tags/common.atom.xml")) == set()  # 6 entries, limit 3


def test_archives_and_main_feed_share_the_feed_id_and_every_archive_is_valid_json(
    site: Site,
) -> None:
    site(config(limit=2, archive_size=3), **posts(range(1, 11)))
    build_ok()

    atom = walk(Path("feeds/atom.xml"))
    assert {parsed.feed.id for _, parsed in atom} == {SITE_URL}
    for path in feed_files():
        if path.suffix == ".json":
            read_json(path)


# Full archives never change


def snapshot() -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in feed_files()}


def age_every_file() -> None:
    for path in Path("feeds").rglob("*"):
        if path.is_file():
            os.utime(path, (OLD_TIME, OLD_TIME))


def report(result: Result) -> dict[str, str]:
    """`feeds/x (n entries)` -> `wrote` or `unchanged`, from build's stdout."""
    verbs = {}
    for line in result.stdout.splitlines():
        verb, _, rest = line.partition(" ")
        if verb in ("wrote", "unchanged") and rest.startswith("feeds/") and "(" in rest:
            verbs[rest.split(" (")[0]] = verb
    return verbs


def test_full_archives_are_never_rewritten_when_newer_entries_arrive(site: Site) -> None:
    root = site(config(limit=5, archive_size=4), **posts(range(1, 24)))
    build_ok()  # 23 entries: main 19-23, archives 1-4 full (1-16), archive 5 holds 17-18
    full = [Path("feeds", archive_name(n, f)) for n in range(1, 5) for f in ("atom", "rss", "json")]
    before = snapshot()
    age_every_file()

    (root / "entries" / file_of(24)).write_text(post(24), encoding="utf-8")
    result = build_ok()

    verbs = report(result)
    for path in full:
        assert path.read_bytes() == before[path], path
        assert path.stat().st_mtime == OLD_TIME, path
        assert verbs[path.as_posix()] == "unchanged", path
    for name in ("atom.xml", "rss.xml", "feed.json", *(archive_name(5, f) for f in SUFFIXES)):
        assert verbs[f"feeds/{name}"] == "wrote", name
        assert Path("feeds", name).stat().st_mtime != OLD_TIME, name
    for name in ("default-author.atom.xml", "default-author.rss.xml", "default-author.json"):
        assert verbs[f"feeds/authors/{name}"] == "wrote", name
    # Post 19 left the main feed for the newest archive, and nothing else moved.
    assert sorted(ids(parse(Path("feeds/archive/5.atom.xml")))) == [ident(n) for n in (17, 18, 19)]
    assert ids(parse(Path("feeds/atom.xml"))) == [ident(n) for n in range(24, 19, -1)]
    assert set(snapshot()) == set(before)  # no new file: archive 5 still has room


def test_a_filled_archive_changes_only_to_link_its_successor_and_then_never(site: Site) -> None:
    """RFC 5005 lets a full archive gain its next-archive link; its entries never change."""
    root = site(config(limit=2, archive_size=3), **posts(range(1, 6)))
    build_ok()  # main 4-5; archive 1 is full with 1-3 and the newest archive
    archive_1 = Path("feeds/archive/1.atom.xml")
    first = archive_1.read_bytes()

    (root / "entries" / file_of(6)).write_text(post(6), encoding="utf-8")
    build_ok()  # post 4 starts archive 2: archive 1 links to it
    parsed = parse(archive_1)
    assert sorted(ids(parsed)) == [ident(n) for n in (1, 2, 3)]
    assert hrefs(parsed, "next-archive") == [url("archive/2.atom.xml")]
    linked = archive_1.read_bytes()
    assert linked != first
    age_every_file()

    for number in range(7, 13):  # archives 2 and 3 fill up, archive 4 starts
        (root / "entries" / file_of(number)).write_text(post(number), encoding="utf-8")
        result = build_ok()
        assert archive_1.read_bytes() == linked
        assert archive_1.stat().st_mtime == OLD_TIME
        assert report(result)["feeds/archive/1.atom.xml"] == "unchanged"
    assert sorted(ids(parse(Path("feeds/archive/2.atom.xml")))) == [ident(n) for n in (4, 5, 6)]
    assert sorted(ids(parse(Path("feeds/archive/4.atom.xml")))) == [ident(10)]


# What the host and the pages are told of the archives

SHORT_LIFE = "public, max-age=300"
YEAR_LONG = "public, max-age=31536000, immutable"


def cache_lifetimes() -> dict[Path, str]:
    """The Cache-Control that feeds/_headers gives each file, by its path under feeds/."""
    return {
        local("https://example.org" + path): headers["Cache-Control"]
        for path, headers in parse_headers(Path("feeds/_headers").read_text(encoding="utf-8"))
    }


@pytest.mark.parametrize(("count", "limit", "size"), HISTORIES)
def test_headers_lets_hosts_cache_every_archive_for_a_year_but_the_newest(
    site: Site, count: int, limit: int, size: int
) -> None:
    # The newest archive, which no next-archive link leads from, still changes: the next entry
    # archived goes into it, or, full, it gains that link. Cached for a year, readers walking
    # the archives would miss both.
    site(config(limit=limit, archive_size=size), **posts(range(1, count + 1)))
    build_ok()
    final: set[Path] = set()
    for main in ("atom.xml", "rss.xml"):
        archives = walk(Path("feeds", main))[1:]
        assert archives and hrefs(archives[0][1], "next-archive") == []  # the newest
        final |= {path for path, parsed in archives if hrefs(parsed, "next-archive")}
    # JSON Feed's next_url leads from the newest archive to the older ones, which are full.
    final |= {path for path, _ in walk_json(Path("feeds/feed.json"))[2:]}
    lifetimes = cache_lifetimes()
    assert set(lifetimes) == set(feed_files())
    assert {path for path, value in lifetimes.items() if value == YEAR_LONG} == final
    assert {value for path, value in lifetimes.items() if path not in final} == {SHORT_LIFE}


def feed_links(page: Path) -> set[Path]:
    """The feed files a page links to (to subscribe), read with lxml."""
    hrefs = lxml.html.parse(str(page)).xpath("//a/@href | //link/@href")
    return {local(href) for href in hrefs if href.endswith((".xml", ".json"))}


def test_the_pages_offer_every_feed_to_subscribe_to_but_the_archives(site: Site) -> None:
    # An archive is a page of history that readers reach from the main feed: subscribed to,
    # archive/1 would never bring a new entry. The index offered it with the tag feeds.
    site(
        config(limit=2, archive_size=2),
        **{file_of(number): post(number, tags=["peace"]) for number in range(1, 8)},
    )
    build_ok()
    archives = {path for main in ("atom.xml", "rss.xml") for path, _ in walk(Path("feeds", main))}
    archives |= {path for path, _ in walk_json(Path("feeds/feed.json"))}
    archives -= {Path("feeds/atom.xml"), Path("feeds/rss.xml"), Path("feeds/feed.json")}
    assert len(archives) == 9  # posts 1-5, two by two, in three formats
    subscribable = set(feed_files()) - archives
    assert Path("feeds/tags/peace.atom.xml") in subscribable
    assert feed_links(Path("feeds/index.html")) == subscribable
    entry_page = next(path for path in Path("feeds").glob("*/index.html"))
    assert feed_links(entry_page) and not feed_links(entry_page) & archives


# Updates of archived entries


def updated_post(number: int, updated_day: int, body: str, tags: Iterable[str] = ()) -> str:
    """Post `number`, updated on day `updated_day` with a new body."""
    updated = f"updated: {FIRST_DAY + timedelta(days=updated_day)}\n"
    return (
        post(number, tags)
        .replace("\n---\n", f"\n{updated}---\n", 1)
        .replace(f"The body of post {number}.", body)
    )


def test_an_archived_entry_updated_after_the_oldest_shown_is_in_every_main_feed_too(
    site: Site,
) -> None:
    # Subscribers fetch an archive once, if at all (RFC 5005), so `staticfeed touch` on an
    # archived entry reached none of them: RFC 5005 (4.1) says to put it in the current feed.
    documents = {file_of(n): post(n, tags=["news"]) for n in range(1, 8)}
    root = site(config(limit=3, archive_size=2), **documents)
    build_ok()  # main 7, 6, 5; archive 1 holds 1-2, archive 2 holds 3-4
    before = snapshot()
    corrected = "The corrected body of post 2."
    (root / "entries" / file_of(2)).write_text(updated_post(2, 6, corrected, ["news"]), "utf-8")

    build_ok()

    shown = [ident(n) for n in (7, 6, 5, 2)]
    for base in ("", "tags/news", "authors/default-author"):  # the topics carry all seven too
        for format_name in ("atom", "rss"):
            path = Path(
                "feeds", MAIN_FILES[format_name] if not base else base + SUFFIXES[format_name]
            )
            parsed = parse(path)
            assert ids(parsed) == shown, path
            (entry,) = [e for e in parsed.entries if e.id == ident(2)]
            assert corrected in (
                entry.content[0].value if format_name == "atom" else entry.description
            )
        json_path = Path("feeds", "feed.json" if not base else base + ".json")
        assert [item["id"] for item in read_json(json_path)["items"]] == shown, json_path
    atom = parse(Path("feeds/atom.xml"))
    (entry,) = [e for e in atom.entries if e.id == ident(2)]
    assert entry.updated.startswith(str(FIRST_DAY + timedelta(days=6)))
    # Its archive still holds it, as updated, and the other archive did not change.
    chain = walk(Path("feeds/atom.xml"))
    read = [entry_id for _, parsed in chain for entry_id in ids(parsed)]
    assert sorted(read) == sorted([*(ident(n) for n in range(1, 8)), ident(2)])
    archived = parse(Path("feeds/archive/1.atom.xml"))
    assert sorted(ids(archived)) == [ident(1), ident(2)]
    assert corrected in next(e for e in archived.entries if e.id == ident(2)).content[0].value
    for suffix in SUFFIXES.values():
        path = Path(f"feeds/archive/2{suffix}")
        assert path.read_bytes() == before[path], path

    # Once newer entries were published after the update, the main feed lets it go.
    for number in (8, 9, 10):
        (root / "entries" / file_of(number)).write_text(post(number, tags=["news"]), "utf-8")
    build_ok()
    assert ids(parse(Path("feeds/atom.xml"))) == [ident(n) for n in (10, 9, 8)]
    assert ids(parse(Path("feeds/tags/news.rss.xml"))) == [ident(n) for n in (10, 9, 8)]


def test_a_feed_carries_at_most_limit_updated_entries_the_ones_updated_last(site: Site) -> None:
    # Without a cap, a site imported with every Hugo `lastmod`, or a bulk edit, put the whole
    # history in the main feed and in every topic feed, whatever `limit` said.
    root = site(config(limit=2, archive_size=2), **posts(range(1, 9)))  # main: 8, 7
    for number, day in ((1, 22), (2, 21), (3, 21), (4, 9)):  # all after post 7 (day 7)
        (root / "entries" / file_of(number)).write_text(
            updated_post(number, day, "Fixed."), "utf-8"
        )
    build_ok()

    # Post 1 was updated last; posts 2 and 3 at once, and 3 was published later.
    expected = [ident(n) for n in (8, 7, 3, 1)]
    assert ids(parse(Path("feeds/atom.xml"))) == expected
    assert ids(parse(Path("feeds/rss.xml"))) == expected
    assert ids(parse(Path("feeds/authors/default-author.atom.xml"))) == expected


def test_the_newest_archived_entry_updated_since_is_in_the_main_feed_too(site: Site) -> None:
    # Post 4, the first entry past the newest three, is archived like the others: updated on
    # day 6, after post 5 (the oldest shown) was published, the main feed carries it too.
    root = site(config(limit=3, archive_size=2), **posts(range(1, 8)))  # main: 7, 6, 5
    (root / "entries" / file_of(4)).write_text(updated_post(4, 6, "Updated on day 6."), "utf-8")
    build_ok()

    expected = [ident(n) for n in (7, 6, 5, 4)]
    assert ids(parse(Path("feeds/atom.xml"))) == expected
    assert [item["id"] for item in read_json(Path("feeds/feed.json"))["items"]] == expected


def test_an_update_older_than_the_oldest_entry_shown_stays_in_the_archive(site: Site) -> None:
    root = site(config(limit=3, archive_size=2), **posts(range(1, 8)))
    (root / "entries" / file_of(2)).write_text(updated_post(2, 4, "Updated on day 4."), "utf-8")
    build_ok()

    assert ids(parse(Path("feeds/atom.xml"))) == [ident(n) for n in (7, 6, 5)]
    assert read_json(Path("feeds/feed.json"))["items"][-1]["id"] == ident(5)


def test_an_update_the_day_the_oldest_entry_shown_was_published_stays_in_the_archive(
    site: Site,
) -> None:
    # The main feed carries older entries updated *after* the oldest it shows was published
    # (README, `limit`): on the same date is not after it.
    root = site(config(limit=3, archive_size=2), **posts(range(1, 8)))  # main: 7, 6, 5
    (root / "entries" / file_of(2)).write_text(updated_post(2, 5, "Updated on day 5."), "utf-8")
    build_ok()

    assert ids(parse(Path("feeds/atom.xml"))) == [ident(n) for n in (7, 6, 5)]


# Validity


def copy_for_jing(paths: Iterable[Path], folder: Path) -> dict[Path, Path]:
    """ASCII-named copies: under a C locale, Java cannot open a file named `україна.atom.xml`."""
    folder.mkdir()
    copies = {}
    for number, path in enumerate(paths):
        copy = folder / f"{number}.atom.xml"
        shutil.copyfile(path, copy)
        copies[copy] = path
    return copies


def test_every_atom_document_is_valid_against_the_rfc_4287_schema(
    site: Site, tmp_path: Path
) -> None:
    program, schema = need_program("jing"), need_atom_schema()
    documents = {
        file_of(n): post(
            n,
            tags=["Україна", "Café Culture"][: n % 3],
            authors=["Олена Коваленко"] if n % 4 == 0 else None,
        )
        for n in range(1, 24)
    }
    site(config(limit=5, archive_size=4, hub=HUB, subtitle="Notes"), **documents)
    build_ok()
    atom = [path for path in feed_files() if path.name.endswith("atom.xml")]
    assert len(atom) == 1 + 5 + 2 + 2  # main, archives, tags, authors

    copies = copy_for_jing(atom, tmp_path / "jing")
    result = subprocess.run(
        [program, "-c", str(schema), *map(str, copies)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    report_text = result.stdout
    for copy, original in copies.items():
        report_text = report_text.replace(str(copy), str(original))
    assert result.returncode == 0 and not result.stdout.strip(), report_text + result.stderr


# Topic feeds


TOPIC_LIMIT = 4


def topical(number: int) -> str:
    tags = [
        *(["Україна"] if number % 2 == 0 else []),
        *(["Café Culture"] if number % 3 == 0 else []),
        *(["R&D _ Ops"] if number == 7 else []),
    ]
    authors = None  # the config's Default Author
    if number % 5 == 0:
        authors = ["Ann Lee", "Bo Chen"]
    elif number % 4 == 0:
        authors = ["Ann Lee"]
    return post(number, tags=tags, authors=authors)


TOPICS = {
    # file base under feeds/ -> (name shown in the title, posts on that topic, oldest first)
    "tags/україна": ("Україна", [2, 4, 6, 8, 10, 12]),
    "tags/café-culture": ("Café Culture", [3, 6, 9, 12]),
    "tags/r-d-ops": ("R&D _ Ops", [7]),
    "authors/ann-lee": ("Ann Lee", [4, 5, 8, 10, 12]),
    "authors/bo-chen": ("Bo Chen", [5, 10]),
    "authors/default-author": ("Default Author", [1, 2, 3, 6, 7, 9, 11]),
}


@pytest.fixture
def topics(site: Site) -> Path:
    root = site(
        config(limit=TOPIC_LIMIT, archive_size=3),
        **{file_of(n): topical(n) for n in range(1, 13)},
    )
    build_ok()
    return root


def test_each_topic_feed_holds_the_newest_entries_on_its_topic(topics: Path) -> None:
    for base, (name, numbers) in TOPICS.items():
        newest = [ident(n) for n in reversed(numbers)][:TOPIC_LIMIT]
        for format_name in ("atom", "rss"):
            path = Path("feeds", base + SUFFIXES[format_name])
            parsed = parse(path)
            assert ids(parsed) == newest, path
            assert name in parsed.feed.title, path
            assert markers(path) == ({"complete"} if len(numbers) <= TOPIC_LIMIT else set()), path
            for rel in ("prev-archive", "next-archive", "current"):
                assert hrefs(parsed, rel) == [], (path, rel)
        document = read_json(Path("feeds", base + ".json"))
        assert [item["id"] for item in document["items"]] == newest, base
        assert "next_url" not in document


def test_there_is_one_feed_per_tag_and_per_author_and_no_other(topics: Path) -> None:
    written = {path.relative_to("feeds").as_posix() for path in feed_files()}
    topic_files = {name for name in written if name.startswith(("tags/", "authors/"))}
    assert topic_files == {base + suffix for base in TOPICS for suffix in SUFFIXES.values()}


def test_an_entry_by_two_authors_of_one_name_is_in_their_feed_once(site: Site) -> None:
    # Two people named alike (other emails) share one author feed, which holds the entry once.
    document = post(1).replace(
        "\n---\n", "\nauthors:\n  - Ann <a@example.org>\n  - Ann <b@example.org>\n---\n", 1
    )
    site(config(), **{file_of(1): document})
    build_ok()
    for suffix in ("atom.xml", "rss.xml"):
        assert ids(parse(Path(f"feeds/authors/ann.{suffix}"))) == [ident(1)]
    items = read_json(Path("feeds/authors/ann.json"))["items"]
    assert [item["id"] for item in items] == [ident(1)]


def test_the_build_reports_each_kind_of_topic_feed_in_the_order_of_its_files(
    site: Site,
) -> None:
    # Not in the order the entries name them (newest first): a report that reads the same
    # from build to build, whichever entry came last.
    site(config(), **{file_of(1): post(1, tags=["apple"]), file_of(2): post(2, tags=["zebra"])})
    reported = [line for line in build_ok().stdout.splitlines() if "feeds/tags/" in line]
    assert [line.split()[1] for line in reported] == [
        f"feeds/tags/{name}{suffix}" for name in ("apple", "zebra") for suffix in SUFFIXES.values()
    ]


def test_topic_files_keep_their_letters_and_links_percent_encode_them(topics: Path) -> None:
    assert "україна.atom.xml" in os.listdir("feeds/tags")  # NFC, as written
    for base in TOPICS:
        for format_name, suffix in SUFFIXES.items():
            path = Path("feeds", base + suffix)
            expected = FEEDS + quote(base + suffix)
            assert expected.isascii()
            if format_name == "json":
                self_url = read_json(path)["feed_url"]
            else:
                (self_url,) = hrefs(parse(path), "self")
            assert self_url == expected, path
            assert local(self_url) == path
    assert url("tags/україна.atom.xml") == (
        FEEDS + "tags/%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0.atom.xml"
    )
    assert url("tags/café-culture.rss.xml") == FEEDS + "tags/caf%C3%A9-culture.rss.xml"


def test_a_topic_in_a_script_with_combining_marks_keeps_them_in_its_file_name(
    site: Site,
) -> None:
    # Hindi writes vowels as combining marks (categories Mn, Mc): without them "हिन्दी" would
    # be the file "ह-न-द".
    site(config(), **{file_of(1): post(1, tags=["हिन्दी"])})
    build_ok()
    assert sorted(os.listdir("feeds/tags")) == [
        f"हिन्दी{suffix}" for suffix in (".atom.xml", ".json", ".rss.xml")
    ]


def test_a_topic_whose_case_folding_decomposes_it_is_named_in_nfc(site: Site) -> None:
    # Case folding writes "ΐ" (U+0390) and "ǰ" (U+01F0) as a letter and two or one combining
    # marks; README: file names are case-folded, then NFC. A name left decomposed is another
    # URL, which a link to the tag's feed typed or pasted composed does not reach.
    site(config(), **{file_of(1): post(1, tags=["\u0390", "\u01f0"])})
    build_ok()
    names = sorted(os.listdir("feeds/tags"))
    assert names == sorted(
        f"{tag}{suffix}" for tag in ("\u0390", "\u01f0") for suffix in SUFFIXES.values()
    )
    for name in names:
        assert quote(name).startswith(("%CE%90.", "%C7%B0.")), name


def test_a_topic_with_no_letter_or_digit_is_named_by_the_hex_of_its_bytes(site: Site) -> None:
    # README: "`!!!` gets `feeds/tags/212121.atom.xml`", not the hidden file ".atom.xml".
    site(config(), **{file_of(1): post(1, tags=["!!!"])})
    build_ok()
    assert sorted(os.listdir("feeds/tags")) == ["212121.atom.xml", "212121.json", "212121.rss.xml"]


def test_each_feed_is_titled_after_the_publication_and_what_it_holds(site: Site) -> None:
    # README: "`…: peace-talks` or `…: by Noel Heinonen`"; an archive names its number, as
    # its file does (archive/1 holds the oldest entries).
    documents = {file_of(n): post(n, tags=["news"], authors=["Ann Lee"]) for n in range(1, 6)}
    site(config(limit=1, archive_size=2), **documents)
    build_ok()
    titles = {
        name: parse(Path("feeds", name)).feed.title
        for name in ("tags/news.atom.xml", "authors/ann-lee.rss.xml", "archive/1.atom.xml")
    }
    titles["archive/2.json"] = read_json(Path("feeds/archive/2.json"))["title"]
    assert titles == {
        "tags/news.atom.xml": "Test feed: news",
        "authors/ann-lee.rss.xml": "Test feed: by Ann Lee",
        "archive/1.atom.xml": "Test feed (archive 1)",
        "archive/2.json": "Test feed (archive 2)",
    }


def test_a_topic_atom_feed_is_identified_by_its_own_url(site: Site) -> None:
    # README: a topic feed's "Atom `id` is its own URL": the Atom file's, never its RSS
    # twin's. Readers take a feed whose id changes for another feed.
    site(config(), **{file_of(1): post(1, tags=["news"], authors=["Ann Lee"])})
    build_ok()
    for name in ("tags/news.atom.xml", "authors/ann-lee.atom.xml"):
        assert parse(Path("feeds", name)).feed.id == FEEDS + name


def test_a_long_topic_name_is_cut_to_a_file_name_of_200_bytes_that_tells_it_apart(
    site: Site,
) -> None:
    # README: a name that would make a file name over 200 bytes is cut, with a short hash of
    # the whole name appended. 200 bytes is not over; a cut never leaves a dash before the hash.
    exact, long_1, long_2 = "a" * 200, "b" * 250 + "1", "b" * 250 + "2"
    dashed = "c" * 186 + " " + "c" * 100  # its cut ends at the space, a "-"
    site(config(), **{file_of(1): post(1, tags=[exact, long_1, long_2, dashed])})
    build_ok()
    atom = [name for name in os.listdir("feeds/tags") if name.endswith(".atom.xml")]
    stems = sorted(name.removesuffix(".atom.xml") for name in atom)
    assert len(stems) == 4, stems
    assert exact in stems
    cut = [stem for stem in stems if stem != exact]
    assert all(len(stem.encode("utf-8")) <= 200 and "--" not in stem for stem in cut), cut
    assert [stem[:150] for stem in cut] == ["b" * 150, "b" * 150, "c" * 150]


def test_a_long_name_cut_inside_a_letter_drops_that_letter(site: Site) -> None:
    # The cut keeps 200 - 12 (the hash) - 1 (its dash) = 187 bytes: 93 two-byte letters and
    # half of the 94th, which is dropped, not shown as U+FFFD (a file name no one typed).
    site(config(), **{file_of(1): post(1, tags=["я" * 150])})
    build_ok()
    (name,) = [name for name in os.listdir("feeds/tags") if name.endswith(".atom.xml")]
    stem = name.removesuffix(".atom.xml")
    assert re.fullmatch("я{93}-[0-9a-f]{12}", stem), stem


def test_a_topic_named_as_a_windows_device_gets_a_file_windows_can_take(site: Site) -> None:
    # Windows takes `con` with any extension (and `com¹`) for a device: feeds/tags/con.atom.xml
    # could not be checked out or uploaded there. No other name's file name ends in "-".
    tags = ["CON", "com\u00b9", "console", "Lpt9"]
    site(config(), **{file_of(1): post(1, tags=tags, authors=["Aux", "Nul Point"])})
    build_ok()
    bases = ["tags/con-", "tags/com\u00b9-", "tags/console", "tags/lpt9-", "authors/aux-"]
    bases.append("authors/nul-point")
    written = {path.relative_to("feeds").as_posix() for path in feed_files()}
    topic_files = {name for name in written if name.startswith(("tags/", "authors/"))}
    assert topic_files == {base + suffix for base in bases for suffix in SUFFIXES.values()}
    index = etree.parse("feeds/index.html", etree.HTMLParser()).getroot()
    linked = set(index.xpath("//a/@href"))
    for base in bases:
        for format_name, suffix in SUFFIXES.items():
            path = Path("feeds", base + suffix)
            if format_name == "json":
                self_url = read_json(path)["feed_url"]
            else:
                (self_url,) = hrefs(parse(path), "self")
            assert (self_url, local(self_url)) == (url(base + suffix), path)
            assert self_url in linked
        assert [e.id for e in parse(Path("feeds", base + ".atom.xml")).entries] == [ident(1)]


@pytest.mark.parametrize(
    ("kind", "first", "second", "slug", "suggested"),
    [
        ("tags", "C++", "c", "c", "C-plus-plus"),
        ("tags", "C#", "C++", "c", "C-sharp"),
        ("tags", "R&D", "r-d", "r-d", "R-and-D"),
        ("authors", "Ann Lee", "ann  lee", "ann-lee", None),
        ("tags", "Україна", "УКРАЇНА", "україна", None),
        ("tags", "Straße", "STRASSE", "strasse", None),  # casefold, not lower
    ],
)
def test_two_names_with_one_file_name_are_an_error_and_nothing_is_written(
    site: Site, kind: str, first: str, second: str, slug: str, suggested: str | None
) -> None:
    root = site(config(), **{file_of(1): post(1, **{kind: [first]})})
    build_ok()
    before = snapshot()
    age_every_file()

    (root / "entries" / file_of(2)).write_text(post(2, **{kind: [second]}), encoding="utf-8")
    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("Error: ") for line in lines), result.stderr
    assert repr(first) in result.stderr and repr(second) in result.stderr
    assert slug in result.stderr
    assert snapshot() == before
    assert all(path.stat().st_mtime == OLD_TIME for path in Path("feeds").rglob("*.*"))
    if suggested is None:
        assert result.stderr.endswith("make the names differ in letters or digits.\n")
        return
    # The spelling the error suggests, for one of the two, builds into a feed of its own.
    match = re.search(r"\((.+) as (.+)\)\.$", result.stderr.strip())
    assert match, result.stderr
    old, new = ast.literal_eval(match[1]), ast.literal_eval(match[2])
    assert (new, old in (first, second)) == (suggested, True)
    names = [new if name == old else name for name in (first, second)]
    (root / "entries" / file_of(1)).write_text(post(1, **{kind: [names[0]]}), encoding="utf-8")
    (root / "entries" / file_of(2)).write_text(post(2, **{kind: [names[1]]}), encoding="utf-8")
    build_ok()
    assert len(list(Path("feeds", kind).glob("*.atom.xml"))) == 2


def test_every_name_clash_is_listed_at_once(site: Site) -> None:
    # README: "every error in every file is listed". One clash was, then the next after it
    # was fixed, and an author clash only once the tags were right.
    site(
        config(),
        **{
            file_of(1): post(1, tags=["News", "C"], authors=["Ann Lee"]),
            file_of(2): post(2, tags=["news", "C#"], authors=["ann  lee"]),
        },
    )
    result = invoke_build()

    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 3, result.stderr
    # Each at the line of the tags (4) or the authors (5) of the document.
    for first, second, line in [("News", "news", 4), ("C", "C#", 4), ("Ann Lee", "ann  lee", 5)]:
        (found,) = [text for text in lines if repr(first) in text and repr(second) in text]
        assert found.startswith(f"Error: entries/{file_of(1)}:{line}: the "), found


def test_a_name_clash_is_reported_once_at_the_newest_entry_spelling_it_otherwise(
    site: Site,
) -> None:
    # Posts 1 and 2 write "News", post 3 "news": one error, at the newest of the two.
    spelled = {1: "News", 2: "News", 3: "news"}
    site(config(), **{file_of(n): post(n, tags=[tag]) for n, tag in spelled.items()})
    result = invoke_build()

    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: entries/{file_of(2)}:4: the tag 'News' and the tag "), line
    assert f"'news' of entries/{file_of(3)} " in line


def test_a_third_spelling_of_a_name_is_an_error_of_its_own(site: Site) -> None:
    # README: every error in every file is listed. "NEWS" clashes with "news" as "News" does:
    # told only of "News", the writer fixed it and the next build named "NEWS".
    spelled = {1: "NEWS", 2: "News", 3: "news", 4: "news"}
    site(config(), **{file_of(n): post(n, tags=[tag]) for n, tag in spelled.items()})
    result = invoke_build()

    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        f"Error: entries/{file_of(n)}:4: the tag {spelled[n]!r} and the tag 'news' of "
        f"entries/{file_of(4)} would share the feed 'news'. Write the tag the same way "
        "everywhere, or make the names differ in letters or digits."
        for n in (1, 2)
    ]
    assert not Path("feeds").exists()


@pytest.mark.parametrize(
    ("tag_feeds", "author_feeds"), [(False, True), (True, False), (False, False)]
)
def test_tag_and_author_feeds_can_be_turned_off(
    site: Site, tag_feeds: bool, author_feeds: bool
) -> None:
    site(
        config(tag_feeds=tag_feeds, author_feeds=author_feeds),
        **{file_of(n): topical(n) for n in range(1, 5)},
    )
    result = build_ok()

    assert Path("feeds/tags").exists() == tag_feeds
    assert Path("feeds/authors").exists() == author_feeds
    assert ("feeds/tags/" in result.stdout) == tag_feeds
    assert ("feeds/authors/" in result.stdout) == author_feeds
    assert ids(parse(Path("feeds/atom.xml"))) == [ident(n) for n in range(4, 0, -1)]


def test_formats_atom_writes_only_atom_files_everywhere(site: Site) -> None:
    site(
        config(formats=["atom"], limit=3, archive_size=2),
        **{file_of(n): topical(n) for n in range(1, 13)},
    )
    result = build_ok()

    written = [path.relative_to("feeds").as_posix() for path in feed_files()]
    assert written, "nothing was written"
    assert all(name.endswith("atom.xml") for name in written), written
    assert {"atom.xml", "archive/1.atom.xml", "tags/україна.atom.xml"} <= set(written)
    assert "rss" not in result.stdout and ".json" not in result.stdout
    chain = walk(Path("feeds/atom.xml"))
    assert len([entry for _, parsed in chain for entry in ids(parsed)]) == 12


# JSON Feed and Atom tell the same story


def test_every_json_feed_matches_its_atom_feed(topics: Path) -> None:
    atom_files = [path for path in feed_files() if path.name.endswith("atom.xml")]
    assert len(atom_files) == 1 + 3 + len(TOPICS)  # 8 older entries in archives of 3
    for atom_path in atom_files:
        json_path = atom_path.with_name(
            "feed.json"
            if atom_path.name == "atom.xml"
            else atom_path.name[: -len(".atom.xml")] + ".json"
        )
        atom = parse(atom_path)
        document = read_json(json_path)
        assert [(item["id"], item["title"]) for item in document["items"]] == [
            (entry.id, entry.title) for entry in atom.entries
        ], json_path
        assert document["title"] == atom.feed.title, json_path


def test_feed_json_lists_the_newest_entries_like_atom_xml(site: Site) -> None:
    site(config(limit=3, archive_size=2), **posts(range(1, 8)))
    build_ok()

    document = read_json(Path("feeds/feed.json"))
    atom = parse(Path("feeds/atom.xml"))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["home_page_url"] == SITE_URL
    assert [item["id"] for item in document["items"]] == [ident(n) for n in (7, 6, 5)]
    assert [item["id"] for item in document["items"]] == ids(atom)
    assert [item["title"] for item in document["items"]] == ["Post 7", "Post 6", "Post 5"]
    assert document["next_url"] == url("archive/2.json")


# WebSub


def test_a_hub_is_announced_in_every_format(site: Site) -> None:
    site(config(hub=HUB, limit=2, archive_size=2), **posts(range(1, 6)))
    build_ok()

    assert hrefs(parse(Path("feeds/atom.xml")), "hub") == [HUB]
    rss = read_xml(Path("feeds/rss.xml"))
    rss_links = rss.findall(f"channel/{{{ATOM}}}link[@rel='hub']")
    assert [link.get("href") for link in rss_links] == [HUB]
    assert hrefs(parse(Path("feeds/rss.xml")), "hub") == [HUB]
    assert read_json(Path("feeds/feed.json"))["hubs"] == [{"type": "WebSub", "url": HUB}]


def test_without_a_hub_there_is_no_hub_link(site: Site) -> None:
    site(config(limit=2, archive_size=2), **posts(range(1, 6)))
    build_ok()

    for path in feed_files():
        if path.suffix == ".json":
            assert "hubs" not in read_json(path), path
        else:
            assert hrefs(parse(path), "hub") == [], path
