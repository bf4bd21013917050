"""The build cache (.staticfeed-cache/): a cached build writes exactly what a build without it
writes, whatever happened since the last build, and takes over what did not change."""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import itertools
import json
import os
import re
import shutil
import time
import xml.sax.saxutils
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from staticfeed import cache as cache_module
from staticfeed import delta, pipeline
from staticfeed import entries as entries_module
from staticfeed.cache import CACHE_FOLDER, BuildCache, cache_folder, decode_entry, encode_entry
from staticfeed.cli import cli
from staticfeed.config import Config, load_config
from staticfeed.entries import read_entries
from staticfeed.feeds import entry_xml
from staticfeed.model import Author, Enclosure, Entry, RenderedEntry
from staticfeed.text import remove_xml_illegal
from tests.conftest import files_under, record_reads, remember_history, seed_history

Site = Callable[..., Path]
CACHE = Path(CACHE_FOLDER)
INDEX = CACHE / "index.json"

CONFIG = """\
title = "Cached feed"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
timezone = "Europe/Kyiv"
authors = [{ name = "Default Author", email = "default@example.org" }]
limit = 3
archive_size = 2
"""


def post(title: str, date: str, extra: str = "", body: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body or f'Text of {title}.'}\n"


DOCUMENTS = {
    "2025/alpha.md": post("Alpha", "2025-01-01", "tags: [news, peace]\n"),
    "2025/beta.md": post("Beta", "2025-01-02 09:30", "author: Ann Lee <ann@example.org>\n"),
    "2025/gamma.md": post("Gamma", "2025-01-03T10:00:00+05:30", "tags: [news]\n"),
    "2025/delta.md": post("Delta", "2025-01-04", "id: tag:example.org,2025:pinned-delta\n"),
    "2025/epsilon.md": post("Epsilon", "2025-01-05", body="Bell\x07 rings, see [x](x.html)."),
    "2025/zeta.md": post("Zeta", "2025-10-26 03:30"),  # twice that night: the first
    "notes.txt": "Monday, February 3, 2025\n\n# Without front matter\n\nBy Bo Chen\n\nText.\n",
    "2025/eta.md": post("Eta", "2025-02-01", "draft: true\n"),
}


def run(*args: str) -> Result:
    remember_history(args)
    return CliRunner().invoke(cli, list(args), prog_name="staticfeed")


_fresh_folders = itertools.count(1)


def build_then_compare(made: list[Any], *args: str) -> list[Any]:
    """What `made` holds after `staticfeed build ARGS` with the cache (it is cleared first), then
    checked against a build without the cache as `build_and_compare` does."""
    made.clear()
    cached = run("build", *args)
    assert cached.exit_code == 0, cached.output
    during = list(made)
    compare_with_fresh(cached, *args)
    return during


def build_and_compare(*args: str) -> Result:
    """`staticfeed build ARGS` with the cache into feeds/, then without it into a new folder:
    the two folders hold the same files, byte for byte, and the same warnings are printed."""
    cached = run("build", *args)
    assert cached.exit_code == 0, cached.output
    compare_with_fresh(cached, *args)
    return cached


def compare_with_fresh(cached: Result, *args: str) -> None:
    """feeds/ holds what `staticfeed build --no-cache ARGS` writes, and `cached` printed the
    same warnings."""
    fresh_dir = Path(f"fresh-{next(_fresh_folders)}")
    seed_history(fresh_dir)
    fresh = run("build", "--no-cache", "--out", str(fresh_dir), *args)
    assert fresh.exit_code == 0, fresh.output
    built, expected = files_under(Path("feeds")), files_under(fresh_dir)
    assert sorted(built) == sorted(expected)
    for name, content in expected.items():
        assert built[name] == content, f"feeds/{name} differs from a build without the cache"
    assert cached.stderr == fresh.stderr
    shutil.rmtree(fresh_dir)


def write(name: str, text: str) -> None:
    path = Path("entries", name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(name: str, old: str, new: str) -> None:
    path = Path("entries", name)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(params=["one-file-each", "packs"])
def html_storage(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Entries' HTML in one file each (the few entries an edit renders), or in a pack file
    for every build that renders any (as a first build does with thousands)."""
    monkeypatch.setattr("staticfeed.cache._PACK_FROM", 1 if request.param == "packs" else 10**9)
    return str(request.param)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids of the entries rendered (render_entries given them) during the test."""
    rendered: list[str] = []
    original = pipeline.render_entries

    def counting(entries: list[tuple[Entry, str | None]], site_url: str, *rest: Any) -> object:
        rendered.extend(entry.id for entry, _ in entries)
        return original(entries, site_url, *rest)

    monkeypatch.setattr(pipeline, "render_entries", counting)
    yield rendered


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The documents parsed during the test."""
    parsed: list[Path] = []
    original = entries_module._split_document

    def counting(path: Path, *args: object) -> object:
        parsed.append(path)
        return original(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(entries_module, "_split_document", counting)
    yield parsed


def assert_only_named_html_is_kept(html_storage: str) -> None:
    """The cache holds exactly the HTML and pack files its records name."""
    config = load_config(Path("staticfeed.toml"))
    store = BuildCache.open(cache_folder(config), pipeline.fingerprint(config))
    read_entries(config, Path("entries"), store.documents)
    files, packs = store.documents.html_in_use()
    assert {path.stem for path in (CACHE / "html").glob("*/*.html")} == files
    assert {path.name for path in (CACHE / "html").glob("*.pack")} == packs
    assert bool(packs) == (html_storage == "packs") and bool(files) != bool(packs)


def assert_all_unchanged(result: Result) -> None:
    lines = result.stdout.splitlines()
    assert not any(line.startswith("wrote ") for line in lines), result.stdout
    assert any(line.startswith("pages: wrote 0, unchanged ") for line in lines), result.stdout


def test_every_step_gives_the_files_a_build_without_the_cache_gives(
    site: Site, renders: list[str], html_storage: str
) -> None:
    site(config=CONFIG, **DOCUMENTS)
    first = build_and_compare()
    assert first.stderr.startswith("Warning: entries/2025/epsilon.md:5: removed characters")
    assert CACHE.is_dir() and INDEX.is_file()

    renders.clear()
    again = run("build")
    assert renders == []
    assert_all_unchanged(again)
    compare_with_fresh(again)

    write("2025/theta.md", post("Theta", "2025-04-01", "tags: [news, new-tag]\n"))
    build_and_compare()  # added: a new tag, so every page lists one more feed
    edit("2025/gamma.md", "Text of Gamma.", "Gamma, with a longer body.\n\nAnd a paragraph.")
    build_and_compare()
    edit("2025/beta.md", "title: Beta", "title: Beta, renamed")
    build_and_compare()
    edit("2025/alpha.md", "date: 2025-01-01", "date: 2025-05-01")  # from an archive to the top
    build_and_compare()
    edit("2025/alpha.md", "tags: [news, peace]", "tags: [peace, other]")
    build_and_compare()
    edit("2025/beta.md", "author: Ann Lee", "author: Ann Leigh")  # a feed of its own now
    build_and_compare()
    Path("entries/2025/gamma.md").unlink()  # deleted: the archives move
    build_and_compare()
    Path("entries/2025/delta.md").rename("entries/2025/delta-moved.md")  # its id is pinned
    build_and_compare()
    Path("entries/2025/beta.md").rename("entries/beta.md")
    assert run("build").exit_code == 1  # an id change, as without the cache
    build_and_compare("--allow-id-change")
    build_and_compare("--drafts")
    build_and_compare()
    assert_all_unchanged(build_and_compare())
    assert_only_named_html_is_kept(html_storage)


def published_ids() -> set[str]:
    """The ids of the entries every Atom and RSS feed in feeds/ carries, read by feedparser."""
    feeds = [*Path("feeds").rglob("*.xml")]
    assert feeds
    return {entry.id for path in feeds for entry in feedparser.parse(path.read_bytes()).entries}


def test_a_pinned_id_changed_in_place_reaches_every_feed_as_without_the_cache(site: Site) -> None:
    """Only its id: line changed, so every other value of the entry is as it was: the files
    that carry it are made again, with the new id."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    edit("2025/delta.md", "pinned-delta\n", "pinned-delta-again\n")
    build_and_compare("--allow-id-change")
    ids = published_ids()
    assert "tag:example.org,2025:pinned-delta-again" in ids
    assert "tag:example.org,2025:pinned-delta" not in ids


def test_an_entry_made_a_draft_and_previewed_gives_the_files_a_build_without_the_cache_gives(
    site: Site,
) -> None:
    # Built with --drafts, an entry published in earnest is a preview: it left the feeds
    # readers have, and the ids file keeps what they have of it (its text, to know it by if
    # it comes back under another id), as a build without the cache from the same folder
    # does, though the cache vouched for the ids. No other draft is previewed; the text is
    # long enough for the guard to know it by (200 characters).
    published = {name: text for name, text in DOCUMENTS.items() if "draft" not in text}
    folder = site(config=CONFIG, **published)
    edit("2025/alpha.md", "Text of Alpha.", "Text of Alpha, on and on. " * 10)
    assert run("build").exit_code == 0
    assert run("build").exit_code == 0
    edit("2025/alpha.md", "tags: [news, peace]\n", "tags: [news, peace]\ndraft: true\n")
    twin = folder.with_name(folder.name + "-twin")
    shutil.copytree(folder, twin, symlinks=True)
    assert run("build", "--drafts").exit_code == 0
    os.chdir(twin)
    assert run("build", "--drafts", "--no-cache").exit_code == 0
    assert files_under(folder / "feeds") == files_under(twin / "feeds")


def test_config_changes_give_the_files_a_build_without_the_cache_gives(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    Path("staticfeed.toml").write_text(CONFIG.replace("Cached feed", "Renamed feed"))
    build_and_compare()
    Path("staticfeed.toml").write_text(CONFIG.replace("limit = 3", "limit = 5"))
    build_and_compare()
    Path("staticfeed.toml").write_text(CONFIG + 'formats = ["rss", "json"]\n')
    build_and_compare()
    Path("staticfeed.toml").write_text(CONFIG + 'content = "summary"\npages = false\n')
    build_and_compare()
    build_and_compare("--base-url", "https://preview.example.net/")
    build_and_compare()


LINKING = {
    "2025/first.md": post(
        "First",
        "2025-01-05",
        body="See [the second](second.md#part), [the old one](../2024/old.md), "
        '<a href="./second.md">the second again</a> and [a later one](later.md).',
    ),
    "2025/later.md": post("Later", "2999-01-01"),
    "2025/second.md": post("Second", "2025-01-04", body="## Part\n\nText of Second."),
    "2024/old.md": post("Old", "2024-01-04", "id: tag:example.org,2025:old\n"),
    "2025/other.md": post("Other", "2025-01-03"),
}


def first_links() -> list[str]:
    """Where the links of First lead in feeds/atom.xml, read with lxml."""
    root = etree.parse("feeds/atom.xml").getroot()
    (content,) = [
        entry.find("{*}content")
        for entry in root.iterfind("{*}entry")
        if entry.findtext("{*}title") == "First"
    ]
    return [str(a.get("href")) for a in etree.HTML(content.text).iter("a")]


def test_links_to_documents_follow_their_entries_as_without_the_cache(
    site: Site, renders: list[str], html_storage: str
) -> None:
    # First's HTML holds the URLs of Second and Old: each change to them, with First as it
    # was, changes First in every file that shows it, as a build without the cache does.
    config = CONFIG.replace("limit = 3", "limit = 10")
    site(config=config, **LINKING)
    build_and_compare()
    second = "https://example.org/blog/feeds/2025/second/"
    old, later = "https://example.org/blog/feeds/2024/old/", "https://example.org/blog/later.md"
    assert first_links() == [f"{second}#part", old, second, later]
    edit("2025/second.md", "date: 2025-01-04\n", "date: 2025-01-04\nslug: 2025/the-second\n")
    build_and_compare("--allow-id-change")
    assert first_links()[0] == "https://example.org/blog/feeds/2025/the-second/#part"
    edit("2025/second.md", "slug: 2025/the-second\n", "link: https://elsewhere.example/2nd\n")
    build_and_compare("--allow-id-change")
    assert first_links()[0] == "https://elsewhere.example/2nd#part"
    edit("2025/second.md", "link: https://elsewhere.example/2nd\n", "draft: true\n")
    build_and_compare()
    assert first_links()[0] == "https://example.org/blog/second.md#part"  # as before
    edit("2025/second.md", "draft: true\n", "")
    build_and_compare()
    assert first_links()[0] == f"{second}#part"
    Path("entries/2024/old.md").rename("entries/2024/older.md")  # its id is pinned
    build_and_compare()
    assert first_links()[1] == "https://example.org/2024/old.md"  # as before: it is gone
    Path("entries/2024/older.md").rename("entries/2024/old.md")
    build_and_compare()
    Path("entries/2025/second.md").unlink()
    build_and_compare()
    assert first_links()[0] == "https://example.org/blog/second.md#part"
    write("2025/second.md", LINKING["2025/second.md"])
    build_and_compare()
    build_and_compare("--future")  # Later shown ahead of time
    assert first_links()[3] == "https://example.org/blog/feeds/2025/later/"
    build_and_compare()
    assert first_links()[3] == later
    os.utime("entries/2025/first.md", ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    build_and_compare()  # First touched, read again, its rendering kept
    edit("2025/first.md", "See [", "Now see [")  # rendered again, with the links it had
    build_and_compare()
    assert_all_unchanged(build_and_compare())
    edit("2025/second.md", "Text of Second.", "Second, edited.")  # its URL stays
    rendered = build_then_compare(renders)
    assert rendered == ["tag:example.org,2025:2025/second"]  # First's HTML from the cache
    Path("staticfeed.toml").write_text(config + "pages = false\n")
    build_and_compare()
    assert first_links() == [
        "https://example.org/blog/second.md#part",
        "https://example.org/2024/old.md",
        "https://example.org/blog/second.md",
        later,
    ]
    assert_only_named_html_is_kept(html_storage)


def main_feed_ids() -> list[str]:
    """The ids of feeds/atom.xml, read with lxml."""
    root = etree.parse("feeds/atom.xml").getroot()
    return [element.text or "" for element in root.iterfind("{*}entry/{*}id")]


def test_updates_that_move_an_entry_into_the_main_feed_are_never_taken_from_the_cache(
    site: Site,
) -> None:
    # An archived entry updated after the main feed's oldest entry was published is in the
    # main feed as well. The cache kept the plans by the entries' ids, tags and authors: an
    # `updated` or a date that moves nothing else reused plans without it, or with it.
    site(config=CONFIG, **DOCUMENTS)  # main: zeta, notes, epsilon (2025-01-05)
    build_and_compare()
    alpha = "tag:example.org,2025:2025/alpha"
    assert alpha not in main_feed_ids()

    edit("2025/alpha.md", "date: 2025-01-01\n", "date: 2025-01-01\nupdated: 2025-01-20\n")
    build_and_compare()
    assert alpha in main_feed_ids()

    edit("2025/epsilon.md", "date: 2025-01-05", "date: 2025-01-25")  # still the oldest shown
    build_and_compare()
    assert alpha not in main_feed_ids()


def test_templates_are_part_of_what_pages_are_made_from(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    Path("templates").mkdir()
    Path("templates/entry.html").write_text(
        '{% extends "base.html" %}{% block body %}<h1>{{ entry.title }}</h1>'
        "{{ entry.content }}{% endblock %}\n"
    )
    build_and_compare()
    Path("templates/index.html").write_text(
        '{% extends "base.html" %}{% block body %}{% for entry in entries %}'
        "{{ entry.content }}{% endfor %}{% endblock %}\n"
    )
    build_and_compare()
    edit("2025/beta.md", "Text of Beta.", "Beta's text, edited.")
    build_and_compare()


def test_templates_in_a_folder_linked_into_the_templates_folder_count(site: Site) -> None:
    # Jinja follows templates/shared -> ../shared, but the templates' digest (Path.rglob) did
    # not: after an edit there, the pages of entries not edited were kept as they were.
    site(config=CONFIG, **DOCUMENTS)
    Path("shared").mkdir()
    Path("shared/byline.html").write_text("<p>ONE</p>\n")
    Path("templates").mkdir()
    os.symlink("../shared", "templates/shared")
    os.symlink(".", "templates/shared/again")  # a loop, not to be followed round
    entry_template_including('"shared/byline.html"')
    build_and_compare()
    Path("shared/byline.html").write_text("<p>TWO</p>\n")
    assert "<p>TWO</p>" in alpha_page_after_an_edit_of_beta()


def entry_template_including(include: str) -> None:
    """templates/entry.html, which includes what `include` says before the entry's content."""
    Path("templates/entry.html").write_text(
        f'{{% extends "base.html" %}}{{% block body %}}{{% include {include} %}}'
        "{{ entry.content }}{% endblock %}\n"
    )


def alpha_page_after_an_edit_of_beta() -> str:
    """Alpha's page, not edited, after an edit of Beta (a build the stamp does not keep) and a
    build checked against one without the cache."""
    edit("2025/beta.md", "Text of Beta.", "Beta's text, edited.")
    build_and_compare()
    return Path("feeds/2025/alpha/index.html").read_text(encoding="utf-8")


def test_a_template_renamed_with_the_same_bytes_counts(site: Site) -> None:
    """Templates include each other by name: a file renamed into a name that one includes (if it
    is there) changes every page, though no file's bytes changed."""
    site(config=CONFIG, **DOCUMENTS)
    Path("templates").mkdir()
    entry_template_including('"extra.html" ignore missing')
    Path("templates/note.html").write_text("<p>A NOTE</p>\n")
    build_and_compare()
    Path("templates/note.html").rename("templates/extra.html")
    assert "<p>A NOTE</p>" in alpha_page_after_an_edit_of_beta()


@pytest.fixture
def index_renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many entries each index page made during the test listed, by full builds (edits
    of one document are not patched here, see `elements_made`)."""
    monkeypatch.setattr(delta, "MOST_CHANGED", 0)
    made: list[int] = []
    original = pipeline.PageRenderer.index

    def counting(self: pipeline.PageRenderer, pages: Any) -> bytes:
        made.append(len(pages))
        return original(self, pages)

    monkeypatch.setattr(pipeline.PageRenderer, "index", counting)
    return made


def test_the_index_is_not_made_again_for_text_it_does_not_show(
    site: Site, index_renders: list[int]
) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    index_renders.clear()
    edit("2025/beta.md", "Text of Beta.", "Text of Beta.\n\nA second paragraph, added.")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert index_renders == []
    assert "A second paragraph" in Path("feeds/2025/beta/index.html").read_text("utf-8")
    compare_with_fresh(result)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Text of Beta.", "Text of Beta, edited."),  # the summary is its first paragraph
        ("title: Beta", "title: Beta, renamed"),
        ("date: 2025-01-02 09:30", "date: 2025-01-02 09:31"),
        ("author: Ann Lee", "author: Ann Leigh"),  # a feed of its own, too
        ("author: Ann Lee <ann@example.org>", "authors: [Ann Lee, Default Author]"),
        ("author: Ann Lee", "lang: de\nauthor: Ann Lee"),
        (
            "author: Ann Lee",
            "slug: 2025/beta-moved\nid: tag:example.org,2025:2025/beta\nauthor: Ann Lee",
        ),
        ("author: Ann Lee", "summary: Said in so many words.\nauthor: Ann Lee"),
        ("Text of Beta.", "Text of *Beta*."),  # the same summary: its text is the same
    ],
)
def test_the_index_is_made_again_when_what_it_lists_of_an_entry_changes(
    site: Site, index_renders: list[int], old: str, new: str
) -> None:
    """Made again with that entry's new article; the other entries' articles are taken from
    the index the last build left, which shows them as they are."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    index_renders.clear()
    edit("2025/beta.md", old, new)
    result = run("build")
    assert result.exit_code == 0, result.output
    if new == "Text of *Beta*.":
        assert index_renders == []
    else:
        assert index_renders == [1, 1]  # Beta's article; the index with the first entry alone
    compare_with_fresh(result)


@pytest.mark.parametrize(
    ("change", "renders"),
    [
        (lambda: write("2025/theta.md", post("Theta", "2025-01-07")), [1, 1]),
        (lambda: write("2024/old.md", post("Old", "2024-06-01")), [1, 1]),
        (lambda: Path("entries/2025/gamma.md").unlink(), [1]),
    ],
    ids=["an entry added, the newest", "an entry added, the oldest", "an entry removed"],
)
def test_the_index_takes_the_articles_it_shows_unchanged_from_the_last_one(
    site: Site, index_renders: list[int], change: Callable[[], object], renders: list[int]
) -> None:
    """Only a new entry's article is made, and the index with its first entry alone, whose
    article the others replace. A build between that leaves the index as it was (an edit it
    does not show) passes on what it lists."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    edit("2025/beta.md", "Text of Beta.", "Text of Beta.\n\nA second paragraph.")
    build_and_compare()
    index_renders.clear()
    change()
    result = run("build")
    assert result.exit_code == 0, result.output
    assert index_renders == renders
    compare_with_fresh(result)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.replace(b"</h3>", b" (edited)</h3>", 1),
        lambda data: data.replace(b"\n</article>\n", b"\n</articlX>\n", 1),
    ],
    ids=["an article changed by hand", "an article's end changed, size and mtime kept"],
)
def test_an_index_changed_by_hand_lends_no_article(
    site: Site, index_renders: list[int], damage: Callable[[bytes], bytes]
) -> None:
    """A changed size or mtime says the file is not as the last build left it; a change that
    keeps both but leaves fewer articles than were recorded is found when it is read."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    index = Path("feeds/index.html")
    left = index.stat()
    index.write_bytes(damage(index.read_bytes()))
    os.utime(index, ns=(left.st_atime_ns, left.st_mtime_ns))
    index_renders.clear()
    write("2025/theta.md", post("Theta", "2025-01-07"))
    result = run("build")
    assert result.exit_code == 0, result.output
    assert index_renders == [len(DOCUMENTS)]  # every entry, Theta's too, but the draft
    compare_with_fresh(result)


@pytest.mark.parametrize("templates", [False, True], ids=["own templates", "a templates folder"])
def test_a_new_tag_feed_makes_again_only_the_pages_that_show_it(
    site: Site, monkeypatch: pytest.MonkeyPatch, templates: bool
) -> None:
    """The index lists the tag and author feeds. staticfeed's own entry page announces the
    main feeds alone, so a new tag's feed makes again only the page of the entry tagged; the
    user's templates see every feed, so there every page is made again."""
    made: list[str] = []
    original = pipeline.PageRenderer.entry

    def counting(self: pipeline.PageRenderer, page: Any) -> bytes:
        made.append(page.slug)
        return original(self, page)

    monkeypatch.setattr(pipeline.PageRenderer, "entry", counting)
    config = CONFIG + ('templates = "templates"\n' if templates else "")
    site(config=config, **DOCUMENTS)
    if templates:
        Path("templates").mkdir()
        Path("templates/README").write_text("Overrides.\n")
    build_and_compare()
    made.clear()
    edit("2025/beta.md", "author: Ann Lee", "tags: [brand-new]\nauthor: Ann Lee")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert "wrote feeds/tags/brand-new.atom.xml (1 entry)" in result.stdout.splitlines()
    assert sorted(made) == (sorted(PUBLISHED_SLUGS) if templates else ["2025/beta"])
    compare_with_fresh(result)


PUBLISHED_SLUGS = [
    "2025/alpha",
    "2025/beta",
    "2025/gamma",
    "2025/delta",
    "2025/epsilon",
    "2025/zeta",
    "notes",
]


def test_with_a_templates_folder_the_index_is_made_again_for_any_edit(
    site: Site, index_renders: list[int]
) -> None:
    """A template may show anything of an entry: here, all of its text."""
    site(config=CONFIG + 'templates = "templates"\n', **DOCUMENTS)
    Path("templates").mkdir()
    Path("templates/index.html").write_text(
        '{% extends "base.html" %}{% block body %}{% for entry in entries %}'
        "{{ entry.content }}{% endfor %}{% endblock %}\n"
    )
    build_and_compare()
    index_renders.clear()
    edit("2025/beta.md", "Text of Beta.", "Text of Beta.\n\nA second paragraph, added.")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert index_renders == [len(DOCUMENTS) - 1]
    compare_with_fresh(result)
    assert "A second paragraph" in Path("feeds/index.html").read_text("utf-8")


def test_a_touched_document_is_read_again_but_not_parsed_and_nothing_is_made_again(
    site: Site, renders: list[str], parses: list[Path], reads: list[str]
) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    parses.clear()
    renders.clear()
    reads.clear()
    os.utime("entries/2025/alpha.md", ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    touched = run("build")
    assert "2025/alpha.md" in reads  # its stat no longer vouches for it: its bytes do
    assert parses == []
    assert renders == []
    assert_all_unchanged(touched)
    compare_with_fresh(touched)
    parses.clear()
    assert_all_unchanged(run("build"))
    assert parses == []


def test_a_document_whose_ctime_alone_changed_is_vouched_for_by_its_new_stat(
    site: Site, reads: list[str], parses: list[Path]
) -> None:
    site(config=CONFIG, **DOCUMENTS)
    age_documents()
    build_and_compare()
    os.chmod("entries/2025/alpha.md", 0o600)  # a new ctime, the same mtime and bytes
    reads.clear()
    parses.clear()
    assert_all_unchanged(run("build"))
    assert reads == ["2025/alpha.md"]
    assert parses == []
    edit("2025/beta.md", "Text of Beta.", "Text of Beta, edited.")  # so that a build runs
    age_documents("2025/beta.md")
    reads.clear()
    assert run("build").exit_code == 0
    assert reads == ["2025/beta.md"]


def check_out_afresh(*folders: str) -> None:
    """Every file under `folders` as a fresh clone or checkout leaves it: the same bytes in a
    new file (a new inode, ctime and mtime)."""
    for folder in folders:
        for path in [path for path in Path(folder).rglob("*") if path.is_file()]:
            fresh = path.with_name(path.name + ".checkout")
            fresh.write_bytes(path.read_bytes())
            os.replace(fresh, path)


@pytest.fixture
def output_hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the cache hashes to find them as the last build left them."""
    hashed: list[str] = []
    original = hashlib.file_digest

    def counting(stream: Any, name: str) -> Any:
        hashed.append(Path(stream.name).as_posix())
        return original(stream, name)

    monkeypatch.setattr(cache_module.hashlib, "file_digest", counting)
    return hashed


def test_a_fresh_checkout_with_the_cache_restored_makes_nothing_again(
    site: Site, renders: list[str], parses: list[Path], output_hashes: list[str]
) -> None:
    """A CI job that restores .staticfeed-cache/ into a new clone: every document and output
    has a new stat, and the same bytes. Neither a document nor a file is made again."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    check_out_afresh("entries", "feeds")
    parses.clear()
    renders.clear()
    result = run("build")
    assert result.exit_code == 0, result.output
    assert parses == []
    assert renders == []
    assert_all_unchanged(result)
    published = files_under(Path("feeds"))
    assert sorted(output_hashes) == sorted(f"feeds/{name}" for name in published)
    compare_with_fresh(result)
    output_hashes.clear()
    assert_all_unchanged(run("build"))
    assert output_hashes == []  # the first build kept the files' new stat


def test_an_output_file_put_back_as_it_was_is_found_as_left_by_its_bytes(
    site: Site, output_hashes: list[str]
) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    atom = Path("feeds/atom.xml")
    left = atom.read_bytes()
    atom.write_bytes(b"edited by hand")
    atom.write_bytes(left)
    output_hashes.clear()
    assert_all_unchanged(build_and_compare())
    assert output_hashes == ["feeds/atom.xml"]


def test_a_document_changed_under_the_same_size_and_mtime_is_read_again(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    path = Path("entries/2025/alpha.md")
    stat = path.stat()
    edit("2025/alpha.md", "Text of Alpha.", "Text of Alphb.")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    result = build_and_compare()
    assert "pages: wrote 2, unchanged " in result.stdout  # its page and the index


LONG_AGO_NS = 978_307_200 * 10**9  # 2001-01-01


def all_documents() -> list[str]:
    """Every document, in the order a build reads them (os.walk: a folder's files first)."""
    found = [
        (Path(folder).relative_to("entries").parts, name)
        for folder, _, names in os.walk("entries")
        for name in names
    ]
    return [Path(*parts, name).as_posix() for parts, name in sorted(found)]


def age_documents(*names: str) -> None:
    """Give the documents `names` (every one by default) an mtime long past: a stat then
    vouches for the content. This changes their ctime."""
    paths = [Path("entries", name) for name in names] or Path("entries").rglob("*.*")
    for path in paths:
        os.utime(path, ns=(LONG_AGO_NS, LONG_AGO_NS))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The documents a build reads, by name under entries/."""
    return record_reads(monkeypatch, "entries")


def test_a_document_whose_stat_is_unchanged_is_not_read_again(
    site: Site, reads: list[str], parses: list[Path]
) -> None:
    # An emoji makes the index's JSON four bytes a character as a Python string: the index is
    # written in parts, and must still be read back whole.
    site(config=CONFIG, **DOCUMENTS, **{"2025/theta.md": post("Θήτα 🎉", "2025-03-01")})
    age_documents()
    build_and_compare()
    reads.clear()
    edit("2025/beta.md", "Text of Beta.", "Text of Beta, edited.")
    age_documents("2025/beta.md")
    parses.clear()
    result = run("build")
    assert result.exit_code == 0, result.output
    assert reads == ["2025/beta.md"]
    assert parses == [Path("entries/2025/beta.md")]
    assert "Text of Beta, edited." in Path("feeds/2025/beta/index.html").read_text("utf-8")
    assert "Θήτα 🎉" in Path("feeds/atom.xml").read_text(encoding="utf-8")
    compare_with_fresh(result)


def test_a_document_changed_under_the_same_stat_but_ctime_is_read_again(
    site: Site, reads: list[str]
) -> None:
    """Size and mtime can be set back (a tool that keeps mtimes, a copy with -p); the ctime,
    which every write changes, cannot."""
    site(config=CONFIG, **DOCUMENTS)
    age_documents()
    build_and_compare()
    path = Path("entries/2025/alpha.md")
    stat = path.stat()
    edit("2025/alpha.md", "Text of Alpha.", "Text of Alphb.")
    age_documents("2025/alpha.md")
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    reads.clear()
    result = build_and_compare()
    assert reads == ["2025/alpha.md", *all_documents()]
    assert "Alphb" in Path("feeds/2025/alpha/index.html").read_text(encoding="utf-8")
    assert "pages: wrote 2, unchanged " in result.stdout  # its page and the index


def test_a_document_modified_just_before_a_build_is_read_by_the_next_one(
    site: Site, reads: list[str]
) -> None:
    """A record made when its document was changed less than two seconds before vouches for
    nothing: the document could change again within the same clock tick, under the same stat."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()  # every document was written just now
    write("extra.md", post("Extra", "2025-03-01"))  # so that the next build runs at all
    reads.clear()
    build_and_compare()
    assert reads == [*all_documents(), *all_documents()]  # with the cache, then without


def test_a_document_touched_just_before_a_build_is_read_by_the_next_one(
    site: Site, reads: list[str], parses: list[Path]
) -> None:
    """The same for a document whose bytes the cache knows, touched (or checked out) just
    before a build: its new stat is as racy, and vouches for nothing until it is older."""
    site(config=CONFIG, **DOCUMENTS)
    age_documents()
    build_and_compare()
    # The same bytes under an mtime not two seconds old: a minute ahead, as a clock set ahead
    # gives, so that it is not old yet when a build on a loaded machine starts.
    ahead = time.time_ns() + 60 * 10**9
    os.utime("entries/2025/alpha.md", ns=(ahead, ahead))
    write("extra.md", post("Extra", "2025-03-01"))
    age_documents("extra.md")
    parses.clear()
    assert run("build").exit_code == 0
    assert parses == [Path("entries/extra.md")]  # alpha's bytes were known
    write("later.md", post("Later", "2025-03-02"))
    age_documents("later.md")
    reads.clear()
    result = run("build")
    assert sorted(reads) == ["2025/alpha.md", "later.md"]
    compare_with_fresh(result)


def test_an_entry_future_shows_ahead_of_time_is_published_once_it_is_due(site: Site) -> None:
    """--future shows a scheduled entry as a preview, which `.staticfeed-ids` names as held
    back; once it is due it is published, and the ids file names it so. The stamp of the
    build before stood for that build after the entry fell due, which left it out of the ids
    file: renamed then, it would have reached readers twice."""
    # Due in 6 s: the two builds before it fall due take under 1 s, 3 s on a loaded machine.
    due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=6)
    site(
        config=CONFIG,
        **{
            "a.md": post("Alpha", "2025-01-01"),
            "soon.md": post("Soon", f"{due:%Y-%m-%dT%H:%M:%SZ}"),
        },
    )
    age_documents()  # so that the build leaves a stamp
    build_and_compare("--future")
    held = {"date": due.isoformat(), "held": "soon.md"}
    assert (
        json.loads(Path("feeds/.staticfeed-ids").read_text())["tag:example.org,2025:soon"] == held
    )
    time_left = (due - datetime.now(UTC)).total_seconds()
    assert time_left > 0, "the machine is too slow for this test"
    time.sleep(time_left + 0.2)

    build_and_compare("--future")
    assert (
        json.loads(Path("feeds/.staticfeed-ids").read_text())["tag:example.org,2025:soon"]
        == "soon.md"
    )


def test_an_entry_scheduled_and_shown_by_future_is_remembered_as_without_the_cache(
    site: Site,
) -> None:
    """A published entry dated ahead and shown by a --future build leaves the feeds in
    earnest. The cache vouched for the feeds, whose ids are all shown again, and the ids file
    remembered the entry with its new date, not the one readers have, which a build without
    the cache reads from the feeds."""
    site(config=CONFIG, **DOCUMENTS)
    assert run("build").exit_code == 0
    assert run("build", "--no-cache", "--out", "feeds-nc").exit_code == 0
    write("2025/beta.md", post("Beta", "2999-01-02 09:30", "author: Ann Lee <ann@example.org>\n"))

    cached = run("build", "--future")
    without = run("build", "--no-cache", "--out", "feeds-nc", "--future")

    assert cached.exit_code == 0, cached.output
    assert without.exit_code == 0, without.output
    remembered = json.loads(Path("feeds/.staticfeed-ids").read_text(encoding="utf-8"))
    assert remembered["tag:example.org,2025:2025/beta"][2] == "2025-01-02T09:30:00+02:00"
    assert files_under(Path("feeds")) == files_under(Path("feeds-nc"))


def test_an_enclosure_measured_in_the_project_is_measured_again(site: Site) -> None:
    site(
        config=CONFIG,
        **DOCUMENTS,
        **{"2025/episode.md": post("Episode", "2025-06-01", "enclosures: [media/ep.mp3]\n")},
    )
    Path("media").mkdir()
    Path("media/ep.mp3").write_bytes(b"\0" * 1000)
    build_and_compare()
    Path("media/ep.mp3").write_bytes(b"\0" * 2345)  # the document itself is unchanged
    result = build_and_compare()
    assert "wrote feeds/atom.xml (3 entries)" in result.stdout
    assert b'length="2345"' in Path("feeds/atom.xml").read_bytes()


def test_an_output_file_changed_by_hand_is_made_again(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    atom = Path("feeds/atom.xml")
    size = atom.stat().st_size
    atom.write_bytes(atom.read_bytes().replace(b"Cached feed", b"Cached food"))
    assert atom.stat().st_size == size  # found changed by its bytes
    result = build_and_compare()
    assert "wrote feeds/atom.xml (3 entries)" in result.stdout
    Path("feeds/index.html").unlink()
    Path("feeds/2025/beta/index.html").write_text("edited by hand")
    result = build_and_compare()
    assert "pages: wrote 2, unchanged " in result.stdout


def test_an_output_file_changed_under_the_same_size_and_mtime_is_made_again(site: Site) -> None:
    """A file rewritten with the same size by a tool that sets its mtime back: its ctime
    tells, as a document's does."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    page = Path("feeds/2025/beta/index.html")
    stat = page.stat()
    page.write_bytes(page.read_bytes().replace(b"Text of Beta.", b"Text of Betb."))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (page.stat().st_size, page.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    result = build_and_compare()
    assert "pages: wrote 1, unchanged " in result.stdout


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"\x00garbage\xff" * 100, id="garbage"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(
            lambda data: re.sub(rb'"staticfeed-cache": \d+', b'"staticfeed-cache": 0', data),
            id="another-layout",
        ),
        pytest.param(lambda data: data.replace(b'"version": "', b'"version": "9'), id="version"),
        pytest.param(
            lambda data: data.replace(b'"archive":false', b'"archive":true', 1),
            id="edited-payload",
        ),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_index_is_ignored(site: Site, damage: Callable[[bytes], bytes]) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    edit("2025/alpha.md", "Text of Alpha.", "Alpha, edited.")
    damaged = damage(INDEX.read_bytes())
    assert damaged != INDEX.read_bytes()
    INDEX.write_bytes(damaged)
    build_and_compare()
    assert_all_unchanged(build_and_compare())


def full_build_next() -> None:
    """Remove the stamp and the placing of the last build: the next is a full one, not a patch."""
    for record in CACHE.glob("*-*.json"):
        record.unlink()


def shard_files() -> dict[str, list[str]]:
    """The documents each shard file the index names holds, read from the files as written."""
    header, _, payload = INDEX.read_bytes().partition(b"\n")
    assert json.loads(header)["sha256"] == hashlib.sha256(payload).hexdigest()
    named = json.loads(payload)["documents"]
    assert sorted(path.stem for path in (CACHE / "documents").iterdir()) == sorted(named.values())
    held = {}
    for name in named.values():
        data = (CACHE / "documents" / f"{name}.json").read_bytes()
        assert hashlib.sha256(data).hexdigest() == name
        held[name] = sorted(json.loads(data))
    return held


def test_an_edit_writes_only_the_shard_that_holds_its_document(site: Site) -> None:
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(150)}
    site(config=CONFIG, **many)
    # A document modified within two seconds of a build vouches for nothing, and the next
    # build records its stat, rewriting its shard: each change is dated long before.
    age_documents()
    build_and_compare()
    edit("e007.md", "Text of E7.", "E7, edited.")
    age_documents("e007.md")
    full_build_next()
    build_and_compare()  # keeps the elements of the entries in e007's feeds (their shards)
    before = shard_files()
    assert sorted(itertools.chain(*before.values())) == sorted(many)
    assert len(before) > 10  # the records are spread over many shards
    edit("e007.md", "E7, edited.", "E7, edited again.")
    age_documents("e007.md")
    full_build_next()
    build_and_compare()
    after = shard_files()
    assert [held for held in before.values() if "e007.md" in held] == [
        held for held in after.values() if "e007.md" in held
    ]
    assert len(set(after) - set(before)) == 1
    assert {name: held for name, held in before.items() if "e007.md" not in held} == {
        name: held for name, held in after.items() if "e007.md" not in held
    }
    Path("entries/e008.md").unlink()
    build_and_compare()
    assert sorted(itertools.chain(*shard_files().values())) == sorted(set(many) - {"e008.md"})


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data.replace(b"Text of", b"Text on"), id="edited"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(None, id="missing"),
    ],
)
def test_a_damaged_shard_is_ignored_and_only_its_documents_are_parsed_again(
    site: Site, parses: list[Path], damage: Callable[[bytes], bytes] | None
) -> None:
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(150)}
    site(config=CONFIG, **many)
    build_and_compare()
    name, held = next((name, held) for name, held in shard_files().items() if len(held) > 1)
    path = CACHE / "documents" / f"{name}.json"
    if damage is None:
        path.unlink()
    else:
        path.write_bytes(damage(path.read_bytes()))
    write("new.md", post("New", "2025-01-02"))  # so that the stamp lets the build run
    parses.clear()
    result = run("build")
    assert sorted(path.name for path in parses) == sorted([*held, "new.md"])
    compare_with_fresh(result)
    assert sorted(itertools.chain(*shard_files().values())) == sorted([*many, "new.md"])
    write("newer.md", post("Newer", "2025-01-03"))
    parses.clear()
    assert run("build").exit_code == 0
    assert parses == [Path("entries/newer.md")]  # the cache holds every document again


def test_a_damaged_shard_made_again_as_it_was_is_written_again(
    site: Site, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Documents whose stat vouches for them, rendered again into files named by their HTML,
    give the very records they had: the shard they make again has the name of the damaged
    file, which must not be kept. Only JSON feeds: the Atom and RSS elements of the entries
    rendered again would go into a pack file of their own, which records name."""
    monkeypatch.setattr("staticfeed.cache._PACK_FROM", 10**9)
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(150)}
    site(config=CONFIG + 'formats = ["json"]\n', **many)
    age_documents()
    build_and_compare()
    name, held = next((name, held) for name, held in shard_files().items() if len(held) > 1)
    path = CACHE / "documents" / f"{name}.json"
    path.write_bytes(path.read_bytes() + b" ")  # still JSON, but not the file's sha256
    shutil.rmtree("feeds")  # every page is made again: every entry is rendered again
    parses.clear()
    assert run("build").exit_code == 0
    assert sorted(path.name for path in parses) == sorted(held)
    assert name in shard_files()  # the same records again, now in a sound file
    write("newer.md", post("Newer", "2025-01-03"))
    parses.clear()
    result = run("build")
    assert parses == [Path("entries/newer.md")]
    compare_with_fresh(result)


def test_a_record_in_the_wrong_shard_is_ignored(site: Site, parses: list[Path]) -> None:
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(150)}
    site(config=CONFIG, **many)
    build_and_compare()
    shards = shard_files()
    (first, moved), (second, _) = list(shards.items())[:2]
    records = {
        name: json.loads((CACHE / "documents" / f"{name}.json").read_bytes())
        for name in (first, second)
    }
    records[second][moved[0]] = records[first].pop(moved[0])
    header, _, payload = INDEX.read_bytes().partition(b"\n")
    index = json.loads(payload)
    for name, held in records.items():
        data = json.dumps(held).encode()
        digest = hashlib.sha256(data).hexdigest()
        (CACHE / "documents" / f"{digest}.json").write_bytes(data)
        index["documents"] = {
            shard: digest if old == name else old for shard, old in index["documents"].items()
        }
    payload = json.dumps(index).encode()
    header = json.dumps({**json.loads(header), "sha256": hashlib.sha256(payload).hexdigest()})
    INDEX.write_bytes(header.encode() + b"\n" + payload)
    write("new.md", post("New", "2025-01-02"))
    parses.clear()
    result = run("build")
    assert sorted(path.name for path in parses) == [moved[0], "new.md"]
    compare_with_fresh(result)


@pytest.mark.parametrize(
    ("name", "before"),
    [
        pytest.param("__version__", "0.0.1", id="version"),
        pytest.param("_code_digest", lambda: "an edited checkout", id="code"),
        pytest.param("_library_versions", lambda: {"lxml": "1.0"}, id="libraries"),
        # Another Python may have other Unicode tables, which slugs are made with.
        pytest.param("sys.version", "3.11.0 (another build)", id="python"),
    ],
)
def test_a_cache_from_another_version_is_ignored(
    site: Site, monkeypatch: pytest.MonkeyPatch, renders: list[str], name: str, before: object
) -> None:
    """Made by another staticfeed, its code edited, with other versions of the libraries
    that parse and render, or under another Python: nothing is taken from the cache."""
    site(config=CONFIG, **DOCUMENTS)
    with monkeypatch.context() as patch:
        patch.setattr(f"staticfeed.cache.{name}", before)
        build_and_compare()
    renders.clear()
    result = run("build")
    assert len(renders) == 7  # every published entry, rendered again
    compare_with_fresh(result)


def test_an_edit_of_staticfeeds_own_code_or_templates_is_another_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited checkout (a module, or one of staticfeed's own templates, which every page is
    made with) under the same version: the cache it left is not used. Read from a copy of the
    package, edited byte by byte."""
    copy = tmp_path / "staticfeed"
    package = Path(cache_module.__file__).parent
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    keys = []
    try:
        with monkeypatch.context() as patch:
            patch.setattr(cache_module, "__file__", str(copy / "cache.py"))
            for edited in [None, "templates/index.html", "feeds.py"]:
                if edited is not None:
                    with (copy / edited).open("a", encoding="utf-8") as stream:
                        stream.write("\n")
                cache_module._code_digest.cache_clear()
                keys.append(cache_module._code_digest())
    finally:
        cache_module._code_digest.cache_clear()  # the package's own again
    assert len(set(keys)) == 3


@pytest.fixture
def zone_rules(tmp_path: Path) -> Iterator[Callable[[str, str], None]]:
    """`zone_rules(name, rules)`: from now on the zone `name` has the rules of the zone `rules`,
    as after an update of the system's time zone database; the real rules come back after."""
    folder = tmp_path.parent / f"{tmp_path.name}-zoneinfo"

    def give(name: str, rules: str) -> None:
        source = next(Path(top, rules) for top in zoneinfo.TZPATH if Path(top, rules).is_file())
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / name)
        zoneinfo.reset_tzpath([str(folder)])
        zoneinfo.ZoneInfo.clear_cache(only_keys=[name])
        given.append(name)

    # Only the zones given are made again: other tests hold ZoneInfo objects of their own zones,
    # and a time of an ambiguous hour is never equal to one in another object of its zone.
    given: list[str] = []
    yield give
    zoneinfo.reset_tzpath()
    zoneinfo.ZoneInfo.clear_cache(only_keys=given)


def test_new_rules_for_the_configured_time_zone_give_what_a_build_without_the_cache_gives(
    site: Site, zone_rules: Callable[[str, str], None]
) -> None:
    """A cached entry keeps its date as wall time in its zone, read again under the rules in
    force; files made under the old rules must not be kept when the rules change."""
    # A zone no other test uses (see zone_rules).
    site(config=CONFIG.replace("Europe/Kyiv", "America/Nuuk"), **DOCUMENTS)
    build_and_compare()
    zone_rules("America/Nuuk", "Asia/Tokyo")
    full_build_next()
    build_and_compare()
    root = etree.parse("feeds/atom.xml").getroot()
    updated = {
        entry.findtext("{*}title"): entry.findtext("{*}updated")
        for entry in root.iterfind("{*}entry")
    }
    assert updated["Zeta"] == "2025-10-26T03:30:00+09:00"  # Tokyo's rules, not Nuuk's


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b'"<p>not what was rendered</p>"' + data[30:], id="other"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"\xff\xfe" + data, id="not-utf-8"),
        pytest.param(lambda data: data[:-20], id="truncated"),
    ],
)
def test_damaged_html_files_are_ignored(
    site: Site, html_storage: str, damage: Callable[[bytes], bytes]
) -> None:
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    html = CACHE / "html"
    damaged = sorted([*html.glob("*.pack"), *html.glob("*/*.html")])[0]
    damaged.write_bytes(damage(damaged.read_bytes()))
    shutil.rmtree("feeds")  # every file is made again, from every entry's HTML
    build_and_compare()
    for path in html.glob("*/*.html"):  # the cache was made again, too
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
    for path in html.glob("*.pack"):
        assert path != damaged
    assert_all_unchanged(build_and_compare())


def test_html_no_record_names_is_removed_after_the_config_changed(
    site: Site, html_storage: str
) -> None:
    """A new site_url makes every entry's HTML again (its links are made absolute with it),
    under a new fingerprint: the cache then keeps no HTML of the old one."""
    linked = {f"{name}.md": post(name, "2025-01-01", body="[More](more/)") for name in "abc"}
    site(config=CONFIG, **linked)
    build_and_compare()
    Path("staticfeed.toml").write_text(CONFIG.replace("example.org/blog/", "example.net/blog/"))
    build_and_compare()
    assert_only_named_html_is_kept(html_storage)


def test_html_files_of_the_previous_layout_are_removed(site: Site, html_storage: str) -> None:
    """Layout 4 kept each HTML as a JSON string, in `<sha256>.json` files and `.jsonl` packs.
    Its index is not read by this layout, and the first save removes its HTML files."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    old_file = CACHE / "html" / "ab" / f"{'ab' * 32}.json"
    old_file.parent.mkdir(exist_ok=True)
    old_file.write_text(json.dumps("<p>kept by layout 4</p>"))
    old_pack = CACHE / "html" / f"{'cd' * 16}.jsonl"
    old_pack.write_text(json.dumps("<p>kept by layout 4</p>") + "\n")
    header, _, payload = INDEX.read_bytes().partition(b"\n")
    assert b'"staticfeed-cache": 6,' in header
    older = header.replace(b'"staticfeed-cache": 6,', b'"staticfeed-cache": 4,')
    INDEX.write_bytes(older + b"\n" + payload)
    shutil.rmtree("feeds")
    build_and_compare()
    assert not old_file.exists() and not old_pack.exists()
    assert_only_named_html_is_kept(html_storage)


def test_a_first_build_of_many_entries_writes_one_pack_file(site: Site, renders: list[str]) -> None:
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(70)}
    site(config=CONFIG.replace("limit = 3", "limit = 0"), **many)
    build_and_compare()
    assert len(list((CACHE / "html").glob("*.pack"))) == 1
    assert not list((CACHE / "html").glob("*/*.html"))
    edit("e007.md", "Text of E7.", "E7, edited.")
    renders.clear()
    edited = run("build")  # the main feeds show every entry: all are read from the pack
    assert renders == ["tag:example.org,2025:e007"]
    compare_with_fresh(edited)
    assert len(list((CACHE / "html").glob("*/*.html"))) == 1
    assert_all_unchanged(build_and_compare())


def test_a_first_build_keeps_the_html_the_workers_wrote_without_copying_it(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file the entries' HTML was rendered into becomes the cache's pack file: 255 MB not
    written again at 50,000 entries."""
    copied: list[str] = []
    original = cache_module._write_packed

    def counting(path: str, parts: Any) -> dict[str, tuple[int, int]]:
        copied.append(path)
        return original(path, parts)

    monkeypatch.setattr(cache_module, "_write_packed", counting)
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(70)}
    site(config=CONFIG.replace("limit = 3", "limit = 0"), **many)
    build_and_compare()
    assert copied == []
    (pack,) = (CACHE / "html").glob("*.pack")
    html = pack.read_bytes()
    assert all(f"<p>Text of E{number}.</p>".encode() in html for number in range(70))
    assert_all_unchanged(build_and_compare())


def test_html_that_cannot_be_linked_into_the_cache_is_copied(
    site: Site, renders: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A temporary folder on another file system (tmpfs) cannot give the cache a link."""

    def cross_device(source: str, target: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link", source)

    monkeypatch.setattr(cache_module.os, "link", cross_device)
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(70)}
    site(config=CONFIG.replace("limit = 3", "limit = 0"), **many)
    build_and_compare()
    assert len(list((CACHE / "html").glob("*.pack"))) == 1
    edit("e007.md", "Text of E7.", "E7, edited.")
    renders.clear()
    edited = run("build")  # every other entry's HTML read from the copy
    assert renders == ["tag:example.org,2025:e007"]
    compare_with_fresh(edited)


@pytest.fixture
def elements_made(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The (entry id, format) of each feed element made through feedgen during the test, by
    full builds: these tests follow the elements the cache keeps from one full build to the
    next, so edits of one document are not patched (staticfeed.patch) here."""
    monkeypatch.setattr(delta, "MOST_CHANGED", 0)
    made: list[tuple[str, str]] = []
    original = pipeline.entry_elements

    def counting(config: object, rendered: Any, formats: list[str]) -> list[bytes]:
        made.extend((rendered.entry.id, format_name) for format_name in formats)
        return original(config, rendered, formats)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "entry_elements", counting)
    return made


def element_packs() -> dict[str, list[tuple[str, int, int]]]:
    """The places in pack files of the elements the records name, read from the shard files as
    written (a record is a list; its last value names its elements), by pack file."""
    _, _, payload = INDEX.read_bytes().partition(b"\n")
    named: dict[str, list[tuple[str, int, int]]] = {}
    for name in json.loads(payload)["documents"].values():
        for record in json.loads((CACHE / "documents" / f"{name}.json").read_bytes()).values():
            if record[-1] is not None:
                line_digest, pack, offset, length = record[-1]
                named.setdefault(pack, []).append((line_digest, offset, length))
    return named


def read_shards() -> dict[str, dict[str, Any]]:
    """The records in each shard file the index names, by file name."""
    _, _, payload = INDEX.read_bytes().partition(b"\n")
    return {
        name: json.loads((CACHE / "documents" / f"{name}.json").read_bytes())
        for name in json.loads(payload)["documents"].values()
    }


def rewrite_records(elements: dict[str, Any], field: int = -1) -> None:
    """Give the records of these documents other elements (or another `field`), as a hand
    editing the cache would: their shard files are written again under their new sha256, and
    the index names them."""
    header, _, payload = INDEX.read_bytes().partition(b"\n")
    for name, records in read_shards().items():
        if not elements.keys() & records.keys():
            continue
        for document in elements.keys() & records.keys():
            records[document][field] = elements[document]
        data = json.dumps(records).encode()
        new_name = hashlib.sha256(data).hexdigest()
        (CACHE / "documents" / f"{new_name}.json").write_bytes(data)
        payload = payload.replace(name.encode(), new_name.encode())
    fixed = json.loads(header)
    fixed["sha256"] = hashlib.sha256(payload).hexdigest()
    INDEX.write_bytes(json.dumps(fixed).encode() + b"\n" + payload)


RENDERING, KEY, WARNINGS, VALUES = 7, 4, 6, 8
"""Where a document's record (a list) keeps its rendering, its key, its warnings and its
entry's values (in Entry's field order, but its source: the date published at 3, the
authors at 5, the tags at 8)."""


def with_value(index: int, value: object) -> Callable[[list[Any]], list[Any]]:
    """A damage: the record's values, with `value` for the one at `index`."""
    return lambda record: [*record[VALUES][:index], value, *record[VALUES][index + 1 :]]


def with_offset_in_wall_time(record: list[Any]) -> list[Any]:
    """The record's values, its date published holding an offset of its own besides its zone."""
    values = record[VALUES]
    wall, fold, zone = values[3]
    return [*values[:3], [f"{wall}+05:00", fold, zone], *values[4:]]


@pytest.mark.parametrize(
    ("field", "damage"),
    [
        pytest.param(RENDERING, lambda record: None, id="neither-body-nor-rendering"),
        pytest.param(RENDERING, lambda record: [5, "ab" * 32], id="summary-not-text"),
        pytest.param(
            RENDERING, lambda record: ["<p>A</p>", "not a sha256"], id="html-not-named-by-sha256"
        ),
        pytest.param(KEY, lambda record: 5, id="key-not-text"),
        pytest.param(WARNINGS, lambda record: [[5, None]], id="warning-not-text"),
        pytest.param(VALUES, with_offset_in_wall_time, id="date-with-two-zones"),
        pytest.param(VALUES, with_value(5, ["Bo"]), id="author-not-a-list"),
        pytest.param(VALUES, with_value(8, "news"), id="tags-not-a-list"),
    ],
)
def test_a_record_edited_by_hand_is_read_again_from_its_document(
    site: Site, parses: list[Path], field: int, damage: Callable[[list[Any]], object]
) -> None:
    """A record whose shard's sha256 was made to match, but which a build cannot have written
    (a hand, a tool, a bug of another version): its document is parsed again, and the build
    writes what a build without the cache writes."""
    site(config=CONFIG, **DOCUMENTS)
    build_and_compare()
    (record,) = [
        held["2025/alpha.md"] for held in read_shards().values() if "2025/alpha.md" in held
    ]
    rewrite_records({"2025/alpha.md": damage(record)}, field)
    shutil.rmtree("feeds")  # every file is made again, from every entry
    parses.clear()
    result = run("build")
    assert result.exit_code == 0, result.output
    assert parses == [Path("entries/2025/alpha.md")]
    compare_with_fresh(result)


def entry_id(name: str) -> str:
    """The id of the entry of entries/NAME.md (or NAME), as CONFIG's authority makes it."""
    return f"tag:example.org,2025:{name.removesuffix('.md')}"


EVERY_ENTRY = CONFIG.replace("limit = 3", "limit = 0")
TOPICS_AND_PAGES = "tag_feeds = true\nauthor_feeds = true\npages = true\n"


@pytest.mark.parametrize("content", ["full", "summary"])
@pytest.mark.parametrize("more", ["", TOPICS_AND_PAGES], ids=["main-feeds", "every-output"])
def test_a_feed_made_again_takes_its_other_entries_elements_from_the_cache(
    site: Site, elements_made: list[tuple[str, str]], content: str, more: str
) -> None:
    many = {
        f"e{number:03}.md": post(f"E{number}", f"2025-01-{number % 28 + 1:02}")
        for number in range(40)
    }
    many["e005.md"] = post("E5", "2025-01-06", "tags: [news]\nauthor: Ann Lee\n")
    site(config=f'{EVERY_ENTRY}content = "{content}"\n{more}', **many)
    build_and_compare()  # renders every entry: none of their elements is kept
    assert not (CACHE / "elements").exists()
    edit("e001.md", "Text of E1.", "E1, edited.")
    made = build_then_compare(elements_made)  # every feed holds e001: all are made again
    assert sorted(made) == sorted((entry_id(name), f) for name in many for f in ("atom", "rss"))
    edit("e007.md", "Text of E7.", "E7, edited.")
    edit("e003.md", "date: 2025-01-04", "date: 2025-01-04  # read again, parsed the same")
    made = build_then_compare(elements_made)  # e001 was rendered, not taken from the cache
    assert sorted(made) == sorted(
        (entry_id(n), f) for n in ("e001", "e007") for f in ("atom", "rss")
    )
    edit("e005.md", "Text of E5.", "E5, edited.")  # in a tag and an author feed too
    assert {entry for entry, _ in build_then_compare(elements_made)} == {
        entry_id("e005"),
        entry_id("e007"),
    }
    edit("e005.md", "E5, edited.", "E5, edited again.")
    assert {entry for entry, _ in build_then_compare(elements_made)} == {entry_id("e005")}
    packs = element_packs()
    assert sorted(path.name for path in (CACHE / "elements").iterdir()) == sorted(packs)
    assert sum(len(places) for places in packs.values()) == len(many) - 1  # all but e005
    for pack, places in packs.items():
        data = (CACHE / "elements" / pack).read_bytes()
        for line_digest, offset, length in places:
            assert hashlib.sha256(data[offset : offset + length]).hexdigest() == line_digest


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc/self/fd")
def test_no_file_of_the_cache_is_open_while_its_save_removes_files(
    site: Site, elements_made: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild reads HTML and elements from the cache's pack files, kept open while it
    reads; saving the cache removes the packs no record names, which Windows refuses for an
    open file. No file of the cache is open when it removes the unused shards and element
    packs (which it does after the HTML packs)."""
    monkeypatch.setattr("staticfeed.cache._PACK_FROM", 1)  # the HTML in pack files too
    open_at_removal: list[list[str]] = []
    remove_unused = cache_module._remove_unused

    def recording(folder: Path, *args: Any) -> None:
        open_at_removal.append(open_files_under(CACHE.resolve()))
        remove_unused(folder, *args)

    monkeypatch.setattr(cache_module, "_remove_unused", recording)
    many = {
        f"e{number:02}.md": post(f"E{number}", f"2025-01-{number + 1:02}") for number in range(9)
    }
    site(config=EVERY_ENTRY, **many)
    build_and_compare()
    edit("e01.md", "Text of E1.", "E1, edited.")
    build_and_compare()  # the others' elements are made and kept in a pack
    edit("e02.md", "Text of E2.", "E2, edited.")
    made = build_then_compare(elements_made)  # theirs are read from the pack, and their HTML
    assert {entry for entry, _ in made} == {entry_id("e01"), entry_id("e02")}
    assert open_at_removal
    assert open_at_removal == [[] for _ in open_at_removal]


def open_files_under(folder: Path) -> list[str]:
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor is gone
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
    return sorted(target for target in targets if target.startswith(f"{folder}{os.sep}"))


@settings(max_examples=300)
@given(st.text() | st.text(st.sampled_from(["&", "<", ">", ";", "a", "é", "中", "🕊", "\ud800"])))
def test_the_html_an_element_carries_is_escaped_as_the_standard_library_escapes_it(
    text: str,
) -> None:
    """Elements made again from the cache get their HTML escaped in UTF-8 bytes; any text,
    lone surrogates and characters beyond the BMP included, comes out as xml.sax escapes it."""
    expected = xml.sax.saxutils.escape(text).encode("utf-8", "surrogatepass")
    assert cache_module._escaped(text) == expected


def test_elements_carry_escaped_html_exactly_as_feedgen_writes_it(
    site: Site, elements_made: list[tuple[str, str]]
) -> None:
    """What an element carries of its entry's HTML is cut out of it and put back: the bytes
    are those of a build without the cache for HTML that needs escaping of every kind."""
    tricky = {
        "quotes.md": post("Quotes", "2025-01-01", body='<p title="a &amp; \'b\'">"x" & y</p>'),
        "cdata.md": post("CDATA", "2025-01-02", body="<p>]]> and <![CDATA[ x ]]></p>"),
        "crlf.md": post("CR", "2025-01-03", body="Line one\r\nline two\r\n\n```\ncode\r\n```"),
        "astral.md": post("Astral", "2025-01-04", body="Emoji 🕊️, \U0001d518 &lt; &#x1F54A; 中文"),
        "empty.md": "---\ntitle: Empty\ndate: 2025-01-05\n---\n",
        "gt.md": post("Greater", "2025-01-06", body="a > b, `<tag>` and <b>bold</b> > it"),
    }
    site(config=EVERY_ENTRY + TOPICS_AND_PAGES, **tricky, **{"other.md": post("O", "2025-01-07")})
    build_and_compare()
    edit("other.md", "Text of O.", "O, edited.")
    build_and_compare()  # the tricky entries' elements are made, and kept
    edit("other.md", "O, edited.", "O, edited again.")
    made = build_then_compare(elements_made)  # the tricky entries' elements from the cache
    assert {entry for entry, _ in made} == {entry_id("other")}
    cut = set()  # the entries whose HTML was cut out of their elements, and put back
    for pack, places in element_packs().items():
        data = (CACHE / "elements" / pack).read_bytes()
        for _, offset, length in places:
            header = json.loads(data[offset : offset + length].partition(b"\n")[0])
            if all(was_cut for _, was_cut in header[4]):
                cut.add(header[1])
    assert cut >= {entry_id(name) for name in ("quotes", "cdata", "crlf", "astral", "gt")}


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data.replace(b"Text of", b"Text on"), id="edited"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(None, id="missing"),
    ],
)
def test_damaged_elements_are_made_again(
    site: Site, elements_made: list[tuple[str, str]], damage: Callable[[bytes], bytes] | None
) -> None:
    many = {f"e{number:03}.md": post(f"E{number}", "2025-01-01") for number in range(20)}
    site(config=EVERY_ENTRY, **many)
    build_and_compare()
    edit("e001.md", "Text of E1.", "E1, edited.")
    build_and_compare()  # keeps the elements of every entry but e001
    (pack,) = (CACHE / "elements").iterdir()
    ((_, places),) = element_packs().items()
    before = pack.read_bytes()
    after = b"" if damage is None else damage(before)
    if damage is None:
        pack.unlink()
    else:
        pack.write_bytes(after)
    damaged = {
        json.loads(before[offset : offset + length].partition(b"\n")[0])[1]  # its entry id
        for digest, offset, length in places
        if hashlib.sha256(after[offset : offset + length]).hexdigest() != digest
    }
    assert damaged
    edit("e007.md", "Text of E7.", "E7, edited.")
    made = build_then_compare(elements_made)  # made again, and kept again
    again = {*damaged, entry_id("e007"), entry_id("e001")}
    assert sorted(made) == sorted((i, f) for i in again for f in ("atom", "rss"))
    edit("e008.md", "Text of E8.", "E8, edited.")
    assert {entry for entry, _ in build_then_compare(elements_made)} == {
        entry_id("e008"),
        entry_id("e007"),
    }
    assert sorted(path.name for path in (CACHE / "elements").iterdir()) == sorted(element_packs())


def test_elements_are_made_again_when_only_the_entry_changed_not_its_html(
    site: Site, elements_made: list[tuple[str, str]]
) -> None:
    """A new title leaves the HTML as it was, but not the elements, which carry the title."""
    site(config=EVERY_ENTRY, **{f"{name}.md": post(name.upper(), "2025-01-01") for name in "abc"})
    build_and_compare()
    edit("c.md", "Text of C.", "C, edited.")
    build_and_compare()  # keeps the elements of a and b
    edit("a.md", "title: A", "title: A, renamed")
    made = build_then_compare(elements_made)  # c was rendered last time, not taken from the cache
    assert {entry for entry, _ in made} == {entry_id("a"), entry_id("c")}
    edit("b.md", "Text of B.", "B, edited.")  # the feed is made again, with a's new title
    assert {entry for entry, _ in build_then_compare(elements_made)} == {
        entry_id("a"),
        entry_id("b"),
    }


def test_elements_kept_for_another_entry_or_rendering_are_not_used(
    site: Site, elements_made: list[tuple[str, str]]
) -> None:
    """A line that is whole and checks against its sha256, but was made for another entry, is
    not used: a record can only name it by hand. The two entries have the same HTML."""
    same = "The same text."
    site(
        config=EVERY_ENTRY,
        **{"a.md": post("A", "2025-01-01", body=same), "b.md": post("B", "2025-01-02", body=same)},
    )
    build_and_compare()
    write("c.md", post("C", "2025-01-03"))
    build_and_compare()  # keeps the elements of a and b
    records = {name: record for shard in read_shards().values() for name, record in shard.items()}
    a, b = records["a.md"][-1], records["b.md"][-1]
    assert a is not None and b is not None
    rewrite_records({"a.md": b, "b.md": a})
    write("d.md", post("D", "2025-01-04"))
    made = build_then_compare(elements_made)
    assert {entry for entry, _ in made} == {entry_id(name) for name in "abcd"}


def test_kept_elements_come_back_byte_for_byte_and_odd_parts_are_refused() -> None:
    """A part of an elements pack gives back exactly the elements kept; a part whose header
    does not describe its bytes (only a hand can make one: the part's sha256 is checked
    first) gives None, never an error or other bytes."""
    html = '<p title="x">A &amp; B < C > D, \u00e9t\u00e9 \U0001f54a</p>'
    escaped = html.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode()
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    entry = Entry(Path("a.md"), "tag:x,2025:a", "a", "A", moment, moment, (), "", 1)
    rendered = RenderedEntry(entry, html, "A", "https://example.org/a/")
    elements = {
        "atom": b"<entry>\n  <content>" + escaped + b"</content>\n</entry>\n",
        "rss": b"<item><description>A</description></item>\n",  # carries no HTML
    }
    part = cache_module._encode_elements("d" * 64, rendered, html, elements)
    assert escaped not in part  # cut out of the atom element
    assert cache_module._decode_elements(part, "d" * 64, rendered, utf8_of(rendered)) == elements
    assert cache_module._decode_elements(part, "e" * 64, rendered, utf8_of(rendered)) is None
    other_html = replace(rendered, content_html=html.replace("B", "b"))  # what was not cut out
    assert cache_module._decode_elements(part, "d" * 64, other_html, utf8_of(other_html)) is None
    header, _, rest = part.partition(b"\n")
    values = json.loads(header)
    for lengths in ([*values[3][:-1], values[3][-1] + 1], values[3][:-1], [-1, *values[3][1:]]):
        odd = json.dumps([*values[:3], lengths, *values[4:]]).encode() + b"\n" + rest
        assert cache_module._decode_elements(odd, "d" * 64, rendered, utf8_of(rendered)) is None


def utf8_of(rendered: RenderedEntry) -> Callable[[], bytes]:
    """The HTML of `rendered` as the cache gives it to `_decode_elements`."""
    return lambda: rendered.content_html.encode("utf-8", "surrogatepass")


_HTML_TEXT = st.lists(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
    | st.sampled_from(["&", "<", ">", "\r", "]]>", "&amp;", "<p>", "\U0001f54a", '"', "'"]),
    max_size=200,  # longer than the 32 characters at each end that find the escaped HTML
).map("".join)


@given(html=_HTML_TEXT, summary=_HTML_TEXT)
@settings(max_examples=150, deadline=None)
def test_elements_feedgen_makes_come_back_from_their_part_byte_for_byte(
    html: str, summary: str
) -> None:
    """Whatever the HTML and the summary, the elements feedgen makes (entry_xml, as a build
    does) come back from the part that keeps them, byte for byte."""
    config = Config(
        Path("staticfeed.toml"), "T", "https://example.org/", "https://example.org/f/", UTC_ZONE
    )
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    entry = Entry(Path("a.md"), "tag:x,2025:a", "a", "A", moment, moment, (Author("Ann"),), "", 1)
    html = remove_xml_illegal(html)
    # The text between the two ends is found by its length alone: pad them, so that it is
    # the generated text.
    for shown in (html, f"<p>{'a' * 40}{html}{'z' * 40}</p>"):
        rendered = RenderedEntry(entry, shown, remove_xml_illegal(summary), "https://x.org/f/a/")
        elements = {name: entry_xml(config, rendered, name) for name in ("atom", "rss")}
        part = cache_module._encode_elements("d" * 64, rendered, shown, elements)
        assert (
            cache_module._decode_elements(part, "d" * 64, rendered, utf8_of(rendered)) == elements
        )


UTC_ZONE = ZoneInfo("UTC")


def test_a_cached_entry_gives_its_warning_again(site: Site, parses: list[Path]) -> None:
    site(config=CONFIG, **{"a.md": post("A", "2025-01-01", body="Bell\x07 in the text.")})
    warning = (
        "Warning: entries/a.md:5: removed characters that XML cannot carry (control characters)\n"
    )
    assert run("build").stderr == warning
    parses.clear()
    result = run("build")
    assert result.exit_code == 0
    assert result.stderr == warning
    assert parses == []


def test_documents_with_errors_are_never_cached(site: Site) -> None:
    site(config=CONFIG, **{"good.md": post("Good", "2025-01-01"), "bad.md": post("Bad", "soon")})
    result = run("build")
    assert result.exit_code == 1 and "entries/bad.md" in result.stderr
    config = load_config(Path("staticfeed.toml"))
    store = BuildCache.open(cache_folder(config), pipeline.fingerprint(config))
    documents = {name: Path("entries", name) for name in ("good.md", "bad.md")}
    read_through = {
        name: store.documents.lookup(path, name, path.read_bytes(), path.stat())
        for name, path in documents.items()
    }
    assert read_through["good.md"] is not None  # read without an error: not parsed again
    assert read_through["bad.md"] is None
    write("bad.md", post("Bad", "2025-01-02"))
    build_and_compare()


def test_no_cache_neither_reads_nor_writes_the_cache(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    assert run("build", "--no-cache").exit_code == 0
    assert not CACHE.exists()
    build_and_compare()
    INDEX.write_text("not read")
    shutil.rmtree(CACHE / "html")
    assert run("build", "--no-cache").exit_code == 0
    assert INDEX.read_text() == "not read"


@pytest.mark.parametrize("args", [[], ["--no-cache"]])
def test_a_build_pauses_garbage_collection_then_gives_the_setting_back(
    site: Site, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """While it runs, a build runs no cyclic garbage collection (each walks the entries made
    since the last); the process, which `serve` keeps, gets its own setting back afterwards,
    after a failed build too."""
    site(config=CONFIG, **DOCUMENTS)
    during: list[bool] = []
    select_entries = pipeline.select_entries

    def recording(*args: Any, **kwargs: Any) -> object:
        during.append(gc.isenabled())
        return select_entries(*args, **kwargs)

    monkeypatch.setattr(pipeline, "select_entries", recording)
    before = gc.get_threshold()
    try:
        gc.set_threshold(500, 9, 8)
        result = run("build", *args)
        assert result.exit_code == 0, result.output
        assert gc.isenabled() and gc.get_threshold() == (500, 9, 8)
        write("2025/broken.md", "---\ntitle: [\n---\n")
        assert run("build", *args).exit_code == 1
        assert gc.isenabled() and gc.get_threshold() == (500, 9, 8)
        gc.disable()  # a library user's own choice is kept too
        assert run("build", *args).exit_code == 1
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.set_threshold(*before)
    assert during and not any(during)


def test_check_and_diff_never_use_the_cache(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    assert run("build", "--no-cache").exit_code == 0
    run("check", "--format", "json")
    assert run("diff").exit_code == 0
    assert not CACHE.exists()
    assert run("build").exit_code == 0
    index = INDEX.read_bytes()
    for html in (CACHE / "html").rglob("*.html"):  # a cache that would give other feeds
        html.write_text("<p>from the cache</p>")
    edit("2025/alpha.md", "Text of Alpha.", "Alpha, edited.")
    result = run("check")
    assert "[stale]" in result.stdout
    assert "from the cache" not in result.stdout
    assert run("diff", "--no-cache").exit_code == 1
    assert INDEX.read_bytes() == index


def test_the_cache_is_beside_the_config_and_ignored_by_git(site: Site) -> None:
    folder = site(config=CONFIG, **DOCUMENTS)
    assert run("build", "--out", "public/feeds").exit_code == 0
    assert (folder / CACHE_FOLDER / "index.json").is_file()
    assert not (folder / "public/feeds" / CACHE_FOLDER).exists()
    assert (folder / CACHE_FOLDER / ".gitignore").read_text().splitlines()[-1] == "*"


def count_feed_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The output folders whose published feeds the id guard reads, as builds go."""
    reads: list[Path] = []
    original = pipeline.published_entries

    def counting(out_dir: Path) -> object:
        reads.append(out_dir)
        return original(out_dir)

    monkeypatch.setattr(pipeline, "published_entries", counting)
    return reads


def test_the_id_guard_reads_the_feeds_only_when_ids_may_have_changed(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(config=CONFIG, **DOCUMENTS)
    reads = count_feed_reads(monkeypatch)
    assert run("build").exit_code == 0
    assert len(reads) == 1
    assert run("build").exit_code == 0
    edit("2025/alpha.md", "Text of Alpha.", "Alpha, edited.")
    assert run("build").exit_code == 0
    assert len(reads) == 1  # the same ids from the same documents: nothing to check
    Path("feeds/atom.xml").write_bytes(Path("feeds/atom.xml").read_bytes() + b"\n")
    assert run("build").exit_code == 0
    assert len(reads) == 2  # a published feed changed since the last build
    write("2025/new.md", post("New", "2025-06-01"))
    assert run("build").exit_code == 0
    assert len(reads) == 2  # an entry added: every published id is published again
    Path("entries/2025/new.md").unlink()
    assert run("build").exit_code == 0
    assert len(reads) == 3  # an id vanished: it may have come back under another
    ids = Path("feeds/.staticfeed-ids")
    write("2025/newer.md", post("Newer", "2025-06-02"))
    ids.write_text("{}\n")  # changed: the files are not as the last build left them
    assert run("build").exit_code == 0
    assert len(reads) == 4
    write("2025/newest.md", post("Newest", "2025-06-03"))
    stat = ids.stat()  # unreadable, under the stat the last build left
    ids.write_bytes(b"x" * stat.st_size)
    os.utime(ids, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run("build").exit_code == 0
    assert len(reads) == 5


def test_feeds_checked_out_afresh_after_a_build_that_removed_a_file_are_as_it_left_them(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Checked out afresh (same bytes, new times), the files are as left by their bytes, which
    # the cache records: of the manifest, which named the tag's feeds removed too until they
    # were gone and was then narrowed, and of the files the build kept as they were. The id
    # guard then need not read the feeds.
    site(config=CONFIG, **DOCUMENTS)
    reads = count_feed_reads(monkeypatch)
    assert run("build").exit_code == 0
    edit("2025/alpha.md", "tags: [news, peace]", "tags: [news]")
    assert run("build").exit_code == 0
    assert not Path("feeds/tags/peace.atom.xml").exists()
    assert len(reads) == 1  # every id published again under its title
    for path in Path("feeds").rglob("*"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    edit("2025/alpha.md", "Text of Alpha.", "Alpha, edited.")
    assert run("build").exit_code == 0
    assert len(reads) == 1


def test_with_an_entry_held_back_the_id_guard_reads_the_feeds_after_a_title_changed(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same (id, document) pairs do not vouch for the ids: a draft may be an entry renamed
    # while a new document took its file's name, and so its id, which then has a new title;
    # and files of one date that swapped names keep their pairs, each id with a new title.
    # The titles (and dates) of the ids published vouch for them.
    site(config=CONFIG, **DOCUMENTS)  # 2025/eta.md is a draft
    reads = count_feed_reads(monkeypatch)
    assert run("build").exit_code == 0
    edit("2025/alpha.md", "Text of Alpha.", "Alpha, edited.")
    assert run("build").exit_code == 0
    assert len(reads) == 1  # the same ids under the same titles
    edit("2025/alpha.md", "title: Alpha", "title: Alpha, retitled")
    assert run("build").exit_code == 0
    assert len(reads) == 2
    Path("entries/2025/eta.md").unlink()
    edit("2025/alpha.md", "Alpha, edited.", "Alpha, edited again.")
    assert run("build").exit_code == 0
    assert len(reads) == 2  # nothing held back, and the same titles
    edit("2025/alpha.md", "title: Alpha, retitled", "title: Alpha, again")
    assert run("build").exit_code == 0
    assert len(reads) == 3  # nothing held back, but a new title


def test_an_unpinned_rename_beside_an_added_entry_is_refused(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    assert run("build").exit_code == 0
    write("2025/new.md", post("New", "2025-06-01"))
    Path("entries/2025/alpha.md").rename("entries/2025/alpha-renamed.md")
    refused = run("build")
    assert refused.exit_code == 1
    assert 'Add "id: tag:example.org,2025:2025/alpha"' in refused.stderr


def test_an_unpinned_rename_is_refused_with_the_cache(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    assert run("build").exit_code == 0
    Path("entries/2025/alpha.md").rename("entries/2025/alpha-renamed.md")
    refused = run("build")
    assert refused.exit_code == 1
    assert 'Add "id: tag:example.org,2025:2025/alpha"' in refused.stderr


def test_entries_come_back_from_the_cache_as_they_were_read(site: Site) -> None:
    site(config=CONFIG, **DOCUMENTS)
    config = load_config(Path("staticfeed.toml"))
    fresh = read_entries(config, Path("entries"))
    store = BuildCache.empty(cache_folder(config), "test")
    read_entries(config, Path("entries"), store.documents)
    records = json.loads(json.dumps(store.documents.records()))
    again = BuildCache(cache_folder(config), "test", {"documents": records})
    cached = read_entries(config, Path("entries"), again.documents)
    assert cached == fresh
    assert [e.published.utcoffset() for e in cached.entries] == [
        e.published.utcoffset() for e in fresh.entries
    ]


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 10, 26, 3, 30, tzinfo=ZoneInfo("Europe/Kyiv"), fold=0),
        datetime(2025, 10, 26, 3, 30, tzinfo=ZoneInfo("Europe/Kyiv"), fold=1),
        datetime(2025, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        datetime(1890, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=2, seconds=4))),
        datetime(2025, 1, 1, 12, 0, tzinfo=UTC),
    ],
)
def test_an_entry_survives_the_cache(moment: datetime) -> None:
    entry = Entry(
        source=Path("entries/a.md"),
        id="tag:example.org,2025:a",
        slug="a",
        title="Ünïcode ✓",
        published=moment,
        updated=moment + timedelta(hours=1),
        authors=(Author("Ann", "ann@example.org"), Author("Bo", uri="https://bo.example")),
        body="Body",
        body_line=5,
        tags=("x", "y"),
        link="https://example.org/a",
        enclosures=(Enclosure("https://example.org/a.mp3", "audio/mpeg", 123),),
    )
    values = json.loads(json.dumps(encode_entry(entry)))
    again = decode_entry(values, entry.source)
    assert again == entry
    assert again.published.utcoffset() == moment.utcoffset()
    assert again.published.fold == moment.fold
    assert again.published.tzinfo is moment.tzinfo or not isinstance(moment.tzinfo, ZoneInfo)
    without_body = [None if value == "Body" else value for value in values]
    assert decode_entry(without_body, entry.source) == replace(entry, body="")
