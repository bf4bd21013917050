"""`staticfeed check`: a good publication passes; each rule, broken once, gives its finding.

Every broken fixture starts from feeds that `build` wrote and breaks exactly one thing, in the
XML on disk or in the entries. Expected lines come from searching the file's text, not from lxml.
A hand edit of a built feed also makes it differ from a fresh build, so those tests expect the
`stale` finding too, on the line of the edit.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import urllib.parse
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
import pytest
from click.testing import CliRunner, Result
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from staticfeed import gfm
from staticfeed.check import check_publication, may_hold_placeholder
from staticfeed.cli import cli
from staticfeed.config import load_config
from staticfeed.rules import RULES
from tests.conftest import ATOM_NS, BASIC_CONFIG, REPO, invoke_build, record_reads

Site = Callable[..., Path]
# (file, line, severity, rule, message): everything of a finding but the fix.
Row = tuple[str | None, int | None, str, str, str]

CONFIG = """\
title = "Field notes"
site_url = "https://notes.staticfeed.test/blog/"
id_authority = "notes.staticfeed.test,2025"
language = "en"
authors = [{ name = "Ann Lee", email = "ann@notes.staticfeed.test" }]
"""
SITE = "https://notes.staticfeed.test/blog/"
FEEDS = SITE + "feeds/"
NEWER_ID = "tag:notes.staticfeed.test,2025:newer"
OLDER_ID = "tag:notes.staticfeed.test,2025:older"
OLDER = """\
---
title: Older post
date: 2025-01-01
---
A map: ![map](img/map.png)

<img src="small.png" alt="">
"""
NEWER = """\
---
title: Newer post
date: 2025-02-01
---
See [the older post](2025/older.html).
"""
ATOM = "feeds/atom.xml"
RSS = "feeds/rss.xml"
JSON = "feeds/feed.json"
# The default build also writes a feed per author: both entries are by the config's Ann Lee.
AUTHOR_ATOM = "feeds/authors/ann-lee.atom.xml"
AUTHOR_RSS = "feeds/authors/ann-lee.rss.xml"
AUTHOR_JSON = "feeds/authors/ann-lee.json"
INDEX = "feeds/index.html"
# The rules the README's table lists, in its order.
README_RULES = re.findall(
    r"^\| `([a-z0-9-]+)` \| (?:error|warning)", (REPO / "README.md").read_text(), re.MULTILINE
)
LINE = re.compile(r"^(Error|Warning): (?:(\S+?)(?::(\d+))?: )?(.*) \[([a-z0-9-]+)\]$")


def check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args], prog_name="staticfeed")


def findings(*args: str, exit_code: int = 1) -> list[dict[str, object]]:
    """`check --format json ARGS`: the findings, after checking the exit status."""
    result = check("--format", "json", *args)
    assert result.exit_code == exit_code, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    assert all(item["fix"] for item in found if item["rule"] != "build")
    assert all(item["rule"] in README_RULES for item in found)  # each one documented
    return found


def rows(*args: str, exit_code: int = 1) -> list[Row]:
    return [
        (f["file"], f["line"], f["severity"], f["rule"], f["message"])  # type: ignore[misc]
        for f in findings(*args, exit_code=exit_code)
    ]


def line_of(file: str, text: str, nth: int = 0) -> int:
    """The line of the `nth` occurrence of `text` in `file`."""
    content = Path(file).read_text(encoding="utf-8")
    start = -1
    for _ in range(nth + 1):
        start = content.index(text, start + 1)
    return content.count("\n", 0, start) + 1


def edit(file: str, old: str, new: str, nth: int = 0) -> int:
    """Replace the `nth` occurrence of `old` in `file` by `new`; the line where it was."""
    line = line_of(file, old, nth)
    path = Path(file)
    content = path.read_text(encoding="utf-8")
    parts = content.split(old)
    content = old.join(parts[: nth + 1]) + new + old.join(parts[nth + 1 :])
    path.write_text(content, encoding="utf-8")
    return line


def ordered(found: list[Row]) -> list[Row]:
    """Findings in the order check prints them: by file, line, severity, rule and message."""
    return sorted(found, key=lambda row: (row[0] or "", row[1] or 0, *row[2:]))


def stale(file: str, line: int) -> Row:
    message = (
        "the file is stale: it differs from what staticfeed build would write now "
        "(the entries, the config or staticfeed changed since the last build)"
    )
    return (file, line, "error", "stale", message)


def error(file: str | None, line: int | None, rule: str, message: str) -> Row:
    return (file, line, "error", rule, message)


def warning(file: str | None, line: int | None, rule: str, message: str) -> Row:
    return (file, line, "warning", rule, message)


@pytest.fixture
def published(site: Site) -> Path:
    """A good publication with two entries, built."""
    root = site(CONFIG, **{"older.md": OLDER, "newer.md": NEWER})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    return root


def test_files_beside_the_feeds_that_are_no_feeds_are_left_alone(published: Path) -> None:
    # A sitemap or a web manifest kept in feeds/ (the whole site) was an error, with the fix
    # "run staticfeed build", which never writes them.
    Path("feeds/sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    )
    Path("feeds/manifest.json").write_text('{"name": "Notes", "icons": []}')
    Path("feeds/old.atom.xml").write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title')
    # Feeds too, the build no longer makes: one cut off, and an RSS 1.0 one.
    Path("feeds/old.json").write_text('{"version": "https://jsonfeed.org/version/1.1", "items": [')
    rdf = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>'
    Path("feeds/old.rdf.xml").write_text(rdf)
    found = {(row[0], row[3]) for row in rows()}
    assert found == {
        ("feeds/old.atom.xml", "xml"),
        ("feeds/old.json", "json"),
        ("feeds/old.rdf.xml", "xml"),
    }
    message = "the root element <rdf:RDF> is not an Atom <feed> or an RSS <rss> with <channel>"
    assert error("feeds/old.rdf.xml", 1, "xml", message) in rows()


# A good publication


def test_a_clean_publication_passes(published: Path) -> None:
    # Every file of the default build is there, JSON Feeds and pages too, and none is a problem.
    files = Path("feeds").rglob("*")
    assert sorted(p.relative_to("feeds").as_posix() for p in files if p.is_file()) == [
        ".staticfeed-files",
        ".staticfeed-ids",
        "_headers",
        "atom.xml",
        "authors/ann-lee.atom.xml",
        "authors/ann-lee.json",
        "authors/ann-lee.rss.xml",
        "feed.json",
        "index.html",
        "newer/index.html",
        "older/index.html",
        "rss.xml",
    ]
    result = check()
    assert result.exit_code == 0, result.output
    assert result.output == "ok: no problems found\n"
    assert findings(exit_code=0) == []


def test_the_repository_sample_publication_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    result = check()
    assert result.exit_code == 0, result.output
    assert result.output == "ok: no problems found\n"


def test_a_publication_with_archives_passes(site: Site) -> None:
    third = "---\ntitle: Third post\ndate: 2025-03-01\ntags: [news]\n---\nThird.\n"
    site(
        CONFIG + "limit = 1\narchive_size = 1\n",
        **{"older.md": OLDER, "newer.md": NEWER, "third.md": third},
    )
    assert invoke_build().exit_code == 0
    # RFC 5005: the newest entry in the main feed, the two others in an archive each.
    for name in ("archive/1.atom.xml", "archive/2.rss.xml", "archive/2.json"):
        assert Path("feeds", name).is_file(), name
    assert not Path("feeds/archive/3.atom.xml").exists()
    # Every JSON Feed, archives and the tag's and author's feeds too, names its own URL, which
    # check compares feed_url with: it must find nothing in what build wrote.
    jsons = sorted(Path("feeds").rglob("*.json"))
    assert {"feeds/tags/news.json", "feeds/archive/1.json"} <= {p.as_posix() for p in jsons}
    for path in jsons:
        served = SITE + urllib.parse.quote(path.as_posix())
        assert json.loads(path.read_text(encoding="utf-8"))["feed_url"] == served
    result = check()
    assert (result.exit_code, result.output) == (0, "ok: no problems found\n")


# What build would reject


def test_every_entry_error_is_a_finding_worded_as_build_words_it(published: Path) -> None:
    Path("entries/bad.md").write_text("---\ntitle: Bad\ndate: 2025-13-01\n---\nText.\n")
    Path("entries/worse.md").write_text("---\ntitel: Worse\ndate: 2025-01-01\n---\n")
    built = invoke_build()
    assert built.exit_code == 1
    result = check()
    assert result.exit_code == 1
    *lines, summary = result.stdout.splitlines()
    assert sorted(lines) == sorted(f"{line} [build]" for line in built.stderr.splitlines())
    assert len(lines) >= 2
    assert summary == f"failed: {len(lines)} errors, 0 warnings"
    found = rows()
    assert found[0] == error(
        "entries/bad.md", 3, "build", "date: '2025-13-01' does not exist: month must be in 1..12"
    )
    assert error("entries/worse.md", 2, "build", "unknown key 'titel'") in found


def test_the_warnings_of_a_build_that_stops_are_findings_as_build_shows_them(
    site: Site,
) -> None:
    # b's title lost an escaped bell, and its date does not exist; a.md read well, with a
    # bell in its text: the build names all three, and check lists them as the build does.
    site(
        CONFIG,
        **{
            "a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBell\x07 here.\n",
            "b.md": '---\ntitle: "B\\u0007"\ndate: 2025-13-01\n---\nText.\n',
        },
    )
    built = invoke_build()
    assert built.exit_code == 1
    removed = "removed characters that XML cannot carry (control characters)"
    assert rows() == [
        warning("entries/a.md", 5, "build", removed),
        warning("entries/b.md", 2, "build", removed),
        error(
            "entries/b.md", 3, "build", "date: '2025-13-01' does not exist: month must be in 1..12"
        ),
    ]
    *lines, summary = check().stdout.splitlines()
    # In the build's order; check ends each with a full stop and the rule.
    assert [line.removesuffix(" [build]").rstrip(".") for line in lines] == [
        line.rstrip(".") for line in built.stderr.splitlines()
    ]
    assert summary == "failed: 1 error, 2 warnings"


def test_a_build_warning_is_a_warning(site: Site) -> None:
    site(CONFIG, **{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBell\x07 here.\n"})
    assert invoke_build().exit_code == 0
    message = "removed characters that XML cannot carry (control characters)"
    assert rows(exit_code=0) == ordered([warning("entries/a.md", 5, "build", message)])
    result = check()
    assert result.exit_code == 0
    assert result.output == (
        f"Warning: entries/a.md:5: {message}. [build]\nok: 0 errors, 1 warning\n"
    )


def test_a_published_entry_whose_id_changed_is_a_finding_worded_as_build_words_it(
    published: Path,
) -> None:
    # A file renamed without id: in its front matter. check said only that the feeds were
    # stale, with the fix "Run staticfeed build", which then refused to publish.
    Path("entries/older.md").rename("entries/old-post.md")
    built = invoke_build()
    assert built.exit_code == 1
    message = (
        "an entry with its title was published from older.md with the id "
        f"'{OLDER_ID}', and its id is now 'tag:notes.staticfeed.test,2025:old-post': feed "
        "readers would show it again as a new entry"
    )
    assert built.stderr == (
        f'Error: entries/old-post.md: {message}. Add "id: {OLDER_ID}" to its front matter, '
        "or pass --allow-id-change.\n"
    )
    result = check()
    assert result.exit_code == 1
    assert f"{built.stderr.rstrip()} [build]" in result.stdout.splitlines()
    assert error("entries/old-post.md", None, "build", message) in rows()
    # Once the id is pinned, nothing is left to say but that the feeds are stale.
    edit("entries/old-post.md", "date:", f"id: {OLDER_ID}\ndate:")
    assert "build" not in {row[3] for row in rows()}


def test_a_config_error_is_a_finding_and_the_feeds_are_still_checked(published: Path) -> None:
    with Path("staticfeed.toml").open("a", encoding="utf-8") as config:
        config.write('colour = "red"\n')
    guid = edit(RSS, ' isPermaLink="false"', "")
    assert rows() == ordered(
        [
            error(
                RSS,
                guid,
                "guid",
                f"the guid '{NEWER_ID}' is not a URL, but has no isPermaLink=\"false\"",
            ),
            error("staticfeed.toml", 6, "build", "unknown key 'colour'"),
        ]
    )


def test_every_published_file_is_read_once(
    published: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """check compares each file with a fresh build and checks the feeds: from one read."""
    reads = record_reads(monkeypatch, "feeds")
    assert check().exit_code == 0
    files = [p.relative_to("feeds").as_posix() for p in Path("feeds").rglob("*") if p.is_file()]
    assert sorted(reads) == sorted(name for name in files if not name.startswith("."))


def test_a_feed_the_build_no_longer_makes_is_still_checked(published: Path) -> None:
    gone = "feeds/tags/gone.atom.xml"
    Path(gone).parent.mkdir()
    Path(gone).write_text("<feed>\n<title>Gone</titel>\n</feed>\n", encoding="utf-8")
    message = "not well-formed XML: Opening and ending tag mismatch: title line 2 and titel"
    assert error(gone, 2, "xml", message) in rows()


def test_a_template_error_is_a_finding_and_the_feeds_are_still_checked(
    published: Path,
) -> None:
    Path("templates").mkdir()
    Path("templates/entry.html").write_text("{{ no_such_name }}\n", encoding="utf-8")
    line = edit(ATOM, "</title>", "</titel>")
    found = rows()
    assert [row[3] for row in found if row[0] == "templates/entry.html"] == ["build"]
    assert (
        error(
            ATOM,
            line,
            "xml",
            "not well-formed XML: Opening and ending tag mismatch: title line 4 and titel",
        )
        in found
    )


# Stale feeds


def test_feeds_older_than_the_entries_are_stale(published: Path) -> None:
    # Every file that shows the title: the main and author feeds in each format, the index and
    # the entry's page. Each differs first where the title is.
    showing_title = [ATOM, RSS, JSON, AUTHOR_ATOM, AUTHOR_RSS, AUTHOR_JSON, INDEX]
    showing_title.append("feeds/newer/index.html")
    assert sorted(showing_title) == sorted(
        path.as_posix()
        for path in Path("feeds").rglob("*")
        if path.is_file() and b"Newer post" in path.read_bytes()
    )
    assert line_of(ATOM, "Newer post") == line_of(ATOM, "<title>Newer post</title>")
    assert line_of(RSS, "Newer post") == line_of(RSS, "<title>Newer post</title>")
    assert line_of(JSON, "Newer post") == line_of(JSON, '"title": "Newer post"')
    expected = [stale(file, line_of(file, "Newer post")) for file in showing_title]
    entry = Path("entries/newer.md")
    entry.write_text(entry.read_text().replace("Newer post", "Newest post"))
    assert rows() == ordered(expected)
    lines = check().stdout.splitlines()
    atom_line = line_of(ATOM, "Newer post")
    assert lines[0] == (
        f"Error: {ATOM}:{atom_line}: the file is stale: it differs from what staticfeed build "
        "would write now (the entries, the config or staticfeed changed since the last build). "
        "Run staticfeed build. [stale]"
    )
    assert lines[-1] == "failed: 8 errors, 0 warnings"


def test_a_feed_that_goes_on_past_the_fresh_one_is_stale_on_the_first_added_line(
    published: Path,
) -> None:
    # It was the line after the file's last: the first byte that differs is past the end of
    # what build writes, not past the end of the file on disk.
    written = Path(ATOM).read_text(encoding="utf-8")
    assert written.endswith("</feed>\n")
    added_line = written.count("\n") + 1  # the line after the last one build wrote
    Path(ATOM).write_text(written + "<!-- mirrored from elsewhere -->\n", encoding="utf-8")
    assert line_of(ATOM, "<!-- mirrored") == added_line
    assert rows() == [stale(ATOM, added_line)]


def test_a_feed_in_a_hidden_folder_is_no_feed_of_the_publication(published: Path) -> None:
    # A copy kept in feeds/.old/ (as a dotfile is, or git's objects) is not served as a feed.
    Path("feeds/.old").mkdir()
    Path("feeds/.old/atom.xml").write_bytes(Path(ATOM).read_bytes())
    result = check()
    assert (result.exit_code, result.output) == (0, "ok: no problems found\n")


def test_a_missing_feed_file(published: Path) -> None:
    Path(RSS).unlink()
    assert rows() == ordered([error(RSS, None, "stale", "the file does not exist")])


def test_a_pipe_in_place_of_a_feed_file_is_named_not_a_hang(published: Path) -> None:
    # check read it, and waited for ever for something to write into it; then it said "the
    # file does not exist", which `ls` denies. A subprocess, so that a hang fails the test.
    Path(RSS).unlink()
    os.mkfifo(RSS)
    command = [sys.executable, "-m", "staticfeed", "check"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout.splitlines()[0]) == (
        1,
        f"Error: {RSS}: the file is not a regular file (a pipe, a socket or a device). "
        "Run staticfeed build, which replaces it. [stale]",
    )


def test_a_folder_in_place_of_a_feed_file_is_named(published: Path) -> None:
    # It said "the file does not exist"; build then stops at the folder.
    Path(RSS).unlink()
    Path(RSS).mkdir()
    result = check()
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == (
        f"Error: {RSS}: a folder is where this file goes. "
        "Remove or rename the folder; the build writes a file there. [stale]"
    )


def test_check_before_the_first_build_is_one_error_not_one_a_file(site: Site) -> None:
    # It was 10 errors, "feeds/atom.xml: the file does not exist", then each other file.
    site(CONFIG, **{"older.md": OLDER, "newer.md": NEWER})
    assert rows() == [
        error(
            "feeds",
            None,
            "stale",
            "nothing has been built here yet (the 10 files build writes are missing)",
        )
    ]
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []


# _headers, written last: the others there, it is one missing file, not a first build.
@pytest.mark.parametrize(
    "file", [JSON, AUTHOR_JSON, INDEX, "feeds/older/index.html", "feeds/_headers"]
)
def test_a_missing_json_feed_or_page(published: Path, file: str) -> None:
    Path(file).unlink()
    assert rows() == ordered([error(file, None, "stale", "the file does not exist")])


def test_a_hand_edited_json_feed_or_page_is_stale(published: Path) -> None:
    json_line = edit(JSON, '"title": "Older post"', '"title": "Old post"')
    page_line = edit("feeds/older/index.html", "<h1>Older post</h1>", "<h1>Old post</h1>")
    assert rows() == ordered([stale(JSON, json_line), stale("feeds/older/index.html", page_line)])


def test_drafts_and_future_check_what_build_wrote_with_them(site: Site) -> None:
    draft = "---\ntitle: Draft\ndate: 2025-01-15\ndraft: true\n---\nNot yet.\n"
    later = "---\ntitle: Later\ndate: 2999-01-01\n---\nOne day.\n"
    site(CONFIG, **{"newer.md": NEWER, "draft.md": draft, "later.md": later})
    assert invoke_build("--drafts", "--future").exit_code == 0
    assert rows("--drafts", "--future", exit_code=0) == []
    # Without them, build would write the feeds and the index without those two entries.
    changed = [ATOM, RSS, JSON, AUTHOR_ATOM, AUTHOR_RSS, AUTHOR_JSON, INDEX]
    assert {(row[0], row[3]) for row in rows()} == {(file, "stale") for file in changed}
    assert {(row[0], row[3]) for row in rows("--drafts")} == {(file, "stale") for file in changed}
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []


# XML the validator cannot read


def test_an_undeclared_namespace_prefix_is_reported_on_every_use(published: Path) -> None:
    declared = edit(RSS, ' xmlns:dc="http://purl.org/dc/elements/1.1/"', "")
    uses = [line_of(RSS, "<dc:creator>", nth) for nth in range(2)]
    message = "the namespace prefix dc of <dc:creator> is not declared"
    assert rows() == ordered(
        [stale(RSS, declared), *(error(RSS, line, "xml", message) for line in uses)]
    )
    fix = findings()[1]["fix"]
    assert fix == (
        'Declare it on the root element, xmlns:dc="http://purl.org/dc/elements/1.1/", '
        "or run staticfeed build."
    )


def test_xml_that_is_not_well_formed(published: Path) -> None:
    line = edit(ATOM, "</title>", "</titel>")
    found = rows()
    assert found[0] == stale(ATOM, line)
    assert found[1] == error(
        ATOM,
        line,
        "xml",
        "not well-formed XML: Opening and ending tag mismatch: title line 4 and titel",
    )
    assert {row[3] for row in found[1:]} == {"xml"}


# rel=self


def test_a_relative_self_link(published: Path) -> None:
    line = edit(ATOM, f'href="{FEEDS}atom.xml"', 'href="feeds/atom.xml"')
    message = "the rel=\"self\" link 'feeds/atom.xml' is not an absolute URL"
    assert rows() == ordered([stale(ATOM, line), error(ATOM, line, "self-link", message)])


def test_a_self_link_to_another_file(published: Path) -> None:
    line = edit(RSS, f'href="{FEEDS}rss.xml"', f'href="{FEEDS}atom.xml"')
    message = f'the rel="self" link is {FEEDS}atom.xml, but this file is served at {FEEDS}rss.xml'
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "self-link", message)])


def test_a_json_feed_url_to_another_file(published: Path) -> None:
    # JSON Feed's feed_url is its rel="self": readers that follow a moved feed fetch it there.
    # check compared Atom's and RSS's with the file's URL, never a JSON Feed's.
    line = edit(JSON, f'"feed_url": "{FEEDS}feed.json"', f'"feed_url": "{FEEDS}atom.xml"')
    message = f"the feed_url is {FEEDS}atom.xml, but this file is served at {FEEDS}feed.json"
    assert rows() == ordered([stale(JSON, line), error(JSON, line, "self-link", message)])
    (fix,) = [f["fix"] for f in findings() if f["rule"] == "self-link"]
    assert fix == (
        f"Point it at {FEEDS}feed.json (or correct feed_url in the config), "
        "or run staticfeed build."
    )


def test_a_relative_json_feed_url(published: Path) -> None:
    line = edit(JSON, f'"feed_url": "{FEEDS}feed.json"', '"feed_url": "feeds/feed.json"')
    message = "the feed_url 'feeds/feed.json' is not an absolute URL"
    assert rows() == ordered([stale(JSON, line), error(JSON, line, "self-link", message)])


def test_a_missing_self_link_is_a_warning(published: Path) -> None:
    line = edit(
        ATOM, f'  <link href="{FEEDS}atom.xml" rel="self" type="application/atom+xml"/>\n', ""
    )
    message = 'the feed has no rel="self" link to its own URL'
    assert rows() == ordered([warning(ATOM, 2, "self-link", message), stale(ATOM, line)])


def test_urls_a_hand_edit_left_unparseable_are_findings_not_a_traceback(published: Path) -> None:
    # An unclosed IPv6 bracket, on which urllib raises: check ended in a traceback.
    self_line = edit(ATOM, f'href="{FEEDS}atom.xml" rel="self"', 'href="http://[oops" rel="self"')
    enclosure = '<enclosure url="http://[x/a.mp3" length="1" type="audio/mpeg"/>'
    enclosure_line = edit(RSS, "<pubDate>", enclosure + "<pubDate>")
    guid_line = edit(RSS, f'<guid isPermaLink="false">{OLDER_ID}', "<guid>http://[oops/older")
    assert rows() == ordered(
        [
            stale(ATOM, self_line),
            error(
                ATOM,
                self_line,
                "self-link",
                "the rel=\"self\" link 'http://[oops' is not an absolute URL",
            ),
            stale(RSS, enclosure_line),
            error(
                RSS,
                enclosure_line,
                "enclosure",
                "the enclosure url 'http://[x/a.mp3' is not an absolute URL",
            ),
            error(
                RSS,
                guid_line,
                "guid",
                "the guid 'http://[oops/older' is not a URL, but has no isPermaLink=\"false\"",
            ),
        ]
    )


def test_the_base_url_moves_the_self_link(published: Path) -> None:
    preview = "https://preview.staticfeed.test/"
    found = [row for row in rows("--base-url", preview) if row[3] == "self-link"]
    xml = [
        error(
            f"feeds/{name}",
            line_of(f"feeds/{name}", 'rel="self"'),
            "self-link",
            f'the rel="self" link is {FEEDS}{name}, but this file is served at '
            f"{preview}feeds/{name}",
        )
        for name in ("atom.xml", "authors/ann-lee.atom.xml", "authors/ann-lee.rss.xml", "rss.xml")
    ]
    # A JSON Feed's feed_url is its self link.
    jsons = [
        error(
            f"feeds/{name}",
            line_of(f"feeds/{name}", '"feed_url"'),
            "self-link",
            f"the feed_url is {FEEDS}{name}, but this file is served at {preview}feeds/{name}",
        )
        for name in ("authors/ann-lee.json", "feed.json")
    ]
    assert found == ordered(xml + jsons)


def test_feeds_of_tags_and_authors_with_letters_beyond_ascii_pass(site: Site) -> None:
    """Their files are named with the letters; their URLs, self links included, encode them."""
    entry = "---\ntitle: Café\ndate: 2025-01-01\ntags: [Україна]\nauthor: José Álvarez\n---\n"
    site(CONFIG, **{"cafe.md": entry + "Coffee.\n"})
    assert invoke_build().exit_code == 0
    tag = "feeds/tags/україна.atom.xml"
    assert Path("feeds/authors/josé-álvarez.rss.xml").is_file()
    result = check()
    assert (result.exit_code, result.output) == (0, "ok: no problems found\n")
    # The self link of such a file is still checked: the name written as is is not its URL.
    served = f"{FEEDS}tags/%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0.atom.xml"
    line = edit(
        tag, f'href="{served}" rel="self"', f'href="{FEEDS}tags/україна.atom.xml" rel="self"'
    )
    message = (
        f'the rel="self" link is {FEEDS}tags/україна.atom.xml, but this file is served at {served}'
    )
    assert rows() == ordered([stale(tag, line), error(tag, line, "self-link", message)])


# RSS guid and author


def test_a_guid_that_is_not_a_url_needs_ispermalink_false(published: Path) -> None:
    line = edit(RSS, ' isPermaLink="false"', "", nth=1)
    message = f"the guid '{OLDER_ID}' is not a URL, but has no isPermaLink=\"false\""
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "guid", message)])


def test_an_rss_author_must_be_an_email(published: Path) -> None:
    line = edit(RSS, "<dc:creator>", "<author>Ann Lee</author><dc:creator>")
    message = "<author> 'Ann Lee' is not an email address"
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "rss-author", message)])


def test_an_rss_author_with_an_email_and_a_name_is_fine(published: Path) -> None:
    author = "<author>ann@notes.staticfeed.test (Ann Lee)</author>"
    line = edit(RSS, "<dc:creator>", author + "<dc:creator>")
    assert rows() == ordered([stale(RSS, line)])


# Languages


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            ATOM,
            'xml:lang="en"',
            'xml:lang="en_GB"',
            "xml:lang 'en_GB' is not a BCP 47 language tag",
        ),
        (
            RSS,
            "<language>en<",
            "<language>English<",
            "language 'English' is not a BCP 47 language tag",
        ),
    ],
)
def test_a_language_that_is_not_bcp_47(
    published: Path, file: str, old: str, new: str, message: str
) -> None:
    line = edit(file, old, new)
    assert rows() == ordered([stale(file, line), error(file, line, "language", message)])


LANGUAGE_FIX = (
    "Write the code of its macrolanguage before it, as BCP 47 allows (zh-yue for yue, zh-cmn"
    " for cmn), or leave it for readers, who take it (language in the config, lang: in an"
    " entry)."
)


def rejected_language(tag: str, more: str = "") -> str:
    return (
        f"the W3C Feed Validation Service rejects the language {tag!r}{more}, which BCP 47"
        " takes: it knows the languages of ISO 639-1 and ISO 639-2 alone"
    )


def test_a_language_the_w3c_service_does_not_list_is_a_warning_where_it_is_written(
    site: Site,
) -> None:
    # yue and cmn are BCP 47 tags, of ISO 639-3 alone: the service lists the codes of ISO 639-1
    # and 639-2 (InvalidLanguage), and check said nothing. zh-yue, the same language, passes.
    # Each is reported once, at its line in the config or the entry, not once a feed file
    # (the config's was in all six: Atom, RSS and the author's feeds, each at its <language>).
    entry = "---\ntitle: Day {0}\ndate: 2025-01-0{0}\nlang: {1}\n---\nText.\n"
    documents = {"1.md": entry.format(1, "cmn"), "2.md": entry.format(2, "cmn")}
    site(CONFIG.replace('"en"', '"yue"'), **documents, **{"3.md": entry.format(3, "zh-yue")})
    assert invoke_build().exit_code == 0
    found = [item for item in findings(exit_code=0) if item["rule"] == "language"]
    assert {item["fix"] for item in found} == {LANGUAGE_FIX}
    assert [(item["file"], item["line"], item["severity"], item["message"]) for item in found] == [
        ("entries/1.md", 4, "warning", rejected_language("cmn")),
        ("entries/2.md", 4, "warning", rejected_language("cmn")),
        ("staticfeed.toml", 4, "warning", rejected_language("yue")),
    ]
    result = check("--ignore", "placeholder")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "ok: 0 errors, 3 warnings"
    # Readers take them as written.
    assert feedparser.parse(RSS).feed.language == "yue"
    assert feedparser.parse(AUTHOR_RSS).feed.language == "yue"
    entries = etree.parse(ATOM).getroot().findall(f"{{{ATOM_NS}}}entry")
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [each.get(xml_lang) for each in entries] == ["zh-yue", "cmn", "cmn"]


def test_a_language_the_w3c_service_lists_is_no_warning_in_any_case(site: Site) -> None:
    # The service lists ISO 639-2's codes (fil: Filipino, which ISO 639-1 has not), codes
    # withdrawn since (scr) and for local use (qaa), and reads a tag in any case (EN-GB); not
    # codes added since (zxx: no linguistic content).
    entry = "---\ntitle: Day {0}\ndate: 2025-01-0{0}\nlang: {1}\n---\nText.\n"
    tags = ["fil", "scr", "qaa", "Fr-CA", "zxx"]
    documents = {f"{day}.md": entry.format(day, tag) for day, tag in enumerate(tags, start=1)}
    site(CONFIG.replace('"en"', '"EN-GB"'), **documents)
    assert invoke_build().exit_code == 0
    found = [item for item in findings(exit_code=0) if item["rule"] == "language"]
    assert [(item["file"], item["line"], item["message"]) for item in found] == [
        ("entries/5.md", 4, rejected_language("zxx"))
    ]
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    feed = etree.parse(ATOM).getroot()
    assert feed.get(xml_lang) == "EN-GB"  # readers take them as written
    entries = feed.findall(f"{{{ATOM_NS}}}entry")
    assert sorted(each.get(xml_lang) for each in entries) == ["Fr-CA", "fil", "qaa", "scr", "zxx"]


@pytest.mark.parametrize(
    ("logo", "read"),
    [("logo.png?v=1.2", "2"), ("https://cdn.staticfeed.test/logo?size=1.5x", "5x")],
)
def test_a_logo_whose_last_dot_the_w3c_service_reads_as_a_format_is_a_warning(
    site: Site, logo: str, read: str
) -> None:
    # RSS's <image> carries a PNG, or an image whose path names no format, and readers show
    # it; the service reads the text after the URL's last "." as its format, wherever it is,
    # and warned (ImageUrlFormat): check said nothing.
    site(CONFIG + f'logo = "{logo}"\n', **{"older.md": OLDER, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    url = urllib.parse.urljoin(SITE, logo)
    message = (
        f"the logo {url!r} ends in {'.' + read!r}, which the W3C Feed Validation Service reads"
        " as the format of RSS's image, and warns that it is not GIF, JPEG or PNG"
    )
    found = [f for f in findings(exit_code=0) if f["rule"] == "rss-image"]
    assert [(f["file"], f["line"], f["severity"], f["message"]) for f in found] == [
        ("staticfeed.toml", 6, "warning", message)
    ]
    assert found[0]["fix"] == (
        "Write the URL with no '.' after the file's own name (logo.png?v=12), or leave it:"
        " readers show the image."
    )
    assert feedparser.parse(RSS).feed.image.href == url  # readers get it
    assert rows("--ignore", "rss-image", exit_code=0) == [
        row for row in rows(exit_code=0) if row[3] != "rss-image"
    ]


@pytest.mark.parametrize(
    "config",
    [
        CONFIG + 'logo = "logo.png?v=12"\n',  # "png?v=12" is no word: no format to read
        CONFIG + 'logo = "logo.svg"\n',  # left out of RSS
        CONFIG + 'logo = "LOGO.PNG"\n',  # the service lowercases the format it reads
        CONFIG + 'logo = "logo.png?v=1.2"\nformats = ["atom", "json"]\n',  # no RSS
    ],
)
def test_a_logo_the_w3c_service_takes_or_rss_does_not_carry_is_not_reported(
    site: Site, config: str
) -> None:
    site(config, **{"older.md": OLDER, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    assert [f for f in findings(exit_code=0) if f["rule"] == "rss-image"] == []


def test_the_configs_language_in_pyproject_is_reported_at_its_line(site: Site) -> None:
    # Its keys are under [tool.staticfeed]: read as staticfeed.toml's, none was found.
    folder = site(CONFIG.replace('"en"', '"yue"'), **{"older.md": OLDER, "newer.md": NEWER})
    (folder / "staticfeed.toml").unlink()
    text = '[project]\nname = "x"\n\n[tool.staticfeed]\n' + CONFIG.replace('"en"', '"yue"')
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    assert invoke_build().exit_code == 0
    language = text.splitlines().index('language = "yue"') + 1
    assert [row for row in rows(exit_code=0) if row[3] == "language"] == [
        warning("pyproject.toml", language, "language", rejected_language("yue"))
    ]


def test_the_configs_language_is_reported_there_while_an_entry_stops_the_build(
    site: Site,
) -> None:
    # The findings of entries' bodies wait for the build to go through; the config's need only
    # the config, and were once a feed file again, each at its <language> or xml:lang.
    site(CONFIG.replace('"en"', '"yue"'), **{"older.md": OLDER, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    Path("entries/bad.md").write_text("---\ntitle: Bad\ndate: 2025-13-01\n---\nText.\n")
    assert [row for row in rows() if row[3] in ("language", "build")] == [
        error(
            "entries/bad.md",
            3,
            "build",
            "date: '2025-13-01' does not exist: month must be in 1..12",
        ),
        warning("staticfeed.toml", 4, "language", rejected_language("yue")),
    ]


def test_the_values_of_entries_read_well_are_where_written_while_another_stops_the_build(
    site: Site,
) -> None:
    # While any document had an error, every entry's values fell back to one warning a feed
    # file, in the feeds the last build wrote: here three, at Atom's and RSS's <title> and
    # Atom's xml:lang, for the two values of the entry read well.
    entry = "---\ntitle: Notes from example.net\ndate: 2025-01-01\nlang: yue\n---\nText.\n"
    site(CONFIG + "author_feeds = false\n", **{"a.md": entry, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    Path("entries/bad.md").write_text("---\ntitle: Bad\ndate: 2025-13-01\n---\nText.\n")
    assert rows() == [
        warning(
            "entries/a.md", 2, "placeholder", "'example.net' looks like a placeholder, in title"
        ),
        warning("entries/a.md", 4, "language", rejected_language("yue")),
        error(
            "entries/bad.md",
            3,
            "build",
            "date: '2025-13-01' does not exist: month must be in 1..12",
        ),
    ]
    # The feeds still carry them, from the last build.
    assert feedparser.parse(RSS).entries[-1].title == "Notes from example.net"
    assert feedparser.parse(ATOM).entries[-1].content[0].language == "yue"
    # A draft's, with --drafts alone, as a build with it would write them.
    draft = "---\ntitle: Draft\ndate: 2025-01-02\ndraft: true\nlang: yue\n---\nText.\n"
    Path("entries/draft.md").write_text(draft)
    assert warning("entries/draft.md", 5, "language", rejected_language("yue")) in rows("--drafts")
    assert "entries/draft.md" not in [row[0] for row in rows()]


def test_an_empty_xml_lang_is_no_language_to_check(published: Path) -> None:
    # XML 1.0 allows xml:lang="": the language is unknown there.
    line = edit(ATOM, 'xml:lang="en"', 'xml:lang=""')
    assert rows() == [stale(ATOM, line)]


def test_a_rejected_language_only_a_feed_file_has_is_reported_there(published: Path) -> None:
    # Not from the config or an entry (a hand edit, an older build): nowhere else to point at.
    line = edit(ATOM, 'xml:lang="en"', 'xml:lang="yue"')
    assert rows(exit_code=1) == ordered(
        [stale(ATOM, line), warning(ATOM, line, "language", rejected_language("yue"))]
    )


# Enclosures


def test_an_rss_enclosure_without_a_length(published: Path) -> None:
    enclosure = '<enclosure url="https://notes.staticfeed.test/a.mp3" type="audio/mpeg"/>'
    line = edit(RSS, "<pubDate>", enclosure + "<pubDate>")
    assert rows() == ordered(
        [
            stale(RSS, line),
            error(RSS, line, "enclosure", "the enclosure has no length"),
        ]
    )


def test_an_enclosure_url_with_its_scheme_in_capitals_is_taken(published: Path) -> None:
    # A URL's scheme is read in any case (RFC 3986), by readers and the W3C service alike.
    enclosure = '<enclosure url="HTTPS://notes.staticfeed.test/a.mp3" length="1"'
    line = edit(RSS, "<pubDate>", enclosure + ' type="audio/mpeg"/><pubDate>')
    assert rows() == [stale(RSS, line)]


def test_a_relative_rss_enclosure_url(published: Path) -> None:
    enclosure = '<enclosure url="media/a.mp3" length="1234" type="audio/mpeg"/>'
    line = edit(RSS, "<pubDate>", enclosure + "<pubDate>")
    message = "the enclosure url 'media/a.mp3' is not an absolute URL"
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "enclosure", message)])


def test_an_enclosure_length_in_digits_beyond_ascii_is_no_number_of_bytes(published: Path) -> None:
    # str.isdigit() takes Arabic-Indic digits: an RSS length is bytes in ASCII digits.
    enclosure = '<enclosure url="https://notes.staticfeed.test/a.mp3" length="\u0661\u0662"'
    line = edit(RSS, "<pubDate>", enclosure + ' type="audio/mpeg"/><pubDate>')
    message = "the enclosure length '\u0661\u0662' is not a number of bytes"
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "enclosure", message)])


def test_an_atom_enclosure_without_length_and_type_is_warned_about(published: Path) -> None:
    enclosure = '<link rel="enclosure" href="https://notes.staticfeed.test/a.mp3"/>'
    line = edit(ATOM, "<published>", enclosure + "<published>")
    assert rows() == ordered(
        [
            stale(ATOM, line),
            warning(ATOM, line, "enclosure", "the enclosure has no length"),
            warning(ATOM, line, "enclosure", "the enclosure has no type"),
        ]
    )


# Enclosure URLs that build and readers take and the W3C service rejects in RSS, with why: its
# check of an <enclosure url> (httpURL, validators.py) wants http(s)://, a host of ASCII
# letters, digits and hyphens in names joined by dots, two at least, an optional port, then
# "/" or the end. Each entry is written as the URL as written, and the URL the feed carries.
REFUSED_ENCLOSURES = {
    "https://localhost/ep.mp3": "its host 'localhost' has no dot",
    "http://[::1]:8080/ep.mp3": "its host is an IPv6 address",
    "https://ann:pw@media.staticfeed.test/ep.mp3": "it has a user name before the host",
    "https://media.staticfeed.test?ep=1": "it has no '/' between the host and the '?' or '#'",
    "https://media.staticfeed.test:/ep.mp3": "it has a ':' after the host but no port",
    "https://my_host.staticfeed.test/ep.mp3": "its host 'my_host.staticfeed.test' is not names"
    " of ASCII letters, digits and hyphens joined by dots",
    "https://media.staticfeed.test./ep.mp3": "its host 'media.staticfeed.test.' is not names"
    " of ASCII letters, digits and hyphens joined by dots",
}
# An IPv4 address matches the service's names (digits and dots), a port is allowed, the build
# writes a host of other letters as IDNA (xn--) and the scheme in lower case.
TAKEN_ENCLOSURES = (
    "http://127.0.0.1/ep.mp3",
    "http://127.0.0.1:8080/ep.mp3",
    "https://bücher.staticfeed.test/ep.mp3",
    "HTTPS://MEDIA.staticfeed.test/ep.mp3",
)


def test_an_enclosure_url_the_w3c_service_rejects_is_a_warning(site: Site) -> None:
    # build and check took https://localhost/ep.mp3; the service rejects the RSS feed.
    written = [*REFUSED_ENCLOSURES, *TAKEN_ENCLOSURES]
    documents = {
        f"ep{number}.md": f"---\ntitle: Episode {number}\ndate: 2025-03-{number + 1:02}\n"
        f"enclosures:\n  - url: '{url}'\n    type: audio/mpeg\n    length: 1234\n---\nListen.\n"
        for number, url in enumerate(written)
    }
    site(CONFIG, **documents)
    assert invoke_build().exit_code == 0
    carried = [element.get("url") for element in etree.parse(RSS).iter("enclosure")]
    assert set(REFUSED_ENCLOSURES) <= set(carried), carried  # written in the feed as they are
    assert {"https://xn--bcher-kva.staticfeed.test/ep.mp3"} <= set(carried), carried
    service = "the W3C Feed Validation Service rejects the enclosure url"
    expected = [  # once, at the url in the front matter, not in each RSS file that has it
        warning(f"entries/ep{number}.md", 5, "enclosure", message)
        for number, (url, why) in enumerate(REFUSED_ENCLOSURES.items())
        for message in [f"{service} {url!r}, which readers fetch: {why}"]
    ]
    assert rows(exit_code=0) == ordered(expected)
    fixes = {item["fix"] for item in findings(exit_code=0)}
    assert fixes == {
        "Publish the file at a URL with the host's full name, with a dot, and no user name"
        " (https://media.example.org/ep.mp3), or leave it for readers."
    }
    assert rows("--ignore", "enclosure", exit_code=0) == []


def test_the_first_enclosure_is_the_one_rss_carries_and_the_one_checked(site: Site) -> None:
    entry = """\
---
title: Episode 1
date: 2025-03-01
enclosures:
  - url: https://localhost/ep.mp3
    type: audio/mpeg
    length: 1234
  - url: https://media.staticfeed.test/ep2.mp3
    type: audio/mpeg
    length: 99
---
Listen.
"""
    site(CONFIG + "author_feeds = false\n", **{"ep.md": entry})
    assert invoke_build().exit_code == 0
    carried = [element.get("url") for element in etree.parse(RSS).iter("enclosure")]
    assert carried == ["https://localhost/ep.mp3"]
    message = (
        "the W3C Feed Validation Service rejects the enclosure url 'https://localhost/ep.mp3',"
        " which readers fetch: its host 'localhost' has no dot"
    )
    assert rows(exit_code=0) == [warning("entries/ep.md", 5, "enclosure", message)]


def test_an_atom_enclosure_href_is_not_held_to_the_rss_url_rule(published: Path) -> None:
    # The service checks an RSS <enclosure url> so; an Atom link's href is a URI to it.
    enclosure = '<link rel="enclosure" href="https://localhost/a.mp3" length="1" type="a/b"/>'
    line = edit(ATOM, "<published>", enclosure + "<published>")
    assert rows() == [stale(ATOM, line)]


def test_a_rejected_enclosure_url_is_a_warning_once_at_its_entry(site: Site) -> None:
    # The RSS item is in the main feed, the author's and each tag's: one warning a file was
    # four times the same warning for one line of front matter.
    entry = """\
---
title: Episode 1
date: 2025-03-01
tags: [news, audio]
enclosures: [{url: https://localhost/ep.mp3, type: audio/mpeg, length: 1234}]
---
Listen.
"""
    site(CONFIG, **{"ep.md": entry})
    assert invoke_build().exit_code == 0
    carrying = [
        str(path)
        for path in sorted(Path("feeds").rglob("*rss.xml"))
        if etree.parse(path).find("channel/item/enclosure[@url='https://localhost/ep.mp3']")
        is not None
    ]
    assert carrying == [
        "feeds/authors/ann-lee.rss.xml",
        "feeds/rss.xml",
        "feeds/tags/audio.rss.xml",
        "feeds/tags/news.rss.xml",
    ]
    result = check()
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Warning: entries/ep.md:5: the W3C Feed Validation Service rejects the enclosure url"
        " 'https://localhost/ep.mp3', which readers fetch: its host 'localhost' has no dot."
        " Publish the file at a URL with the host's full name, with a dot, and no user name"
        " (https://media.example.org/ep.mp3), or leave it for readers. [enclosure]\n"
        "ok: 0 errors, 1 warning\n"
    )


def test_a_rejected_enclosure_url_is_no_warning_without_rss(site: Site) -> None:
    # The W3C service rejects it in RSS's <enclosure> alone: Atom's and JSON Feed's are fine.
    entry = (
        "---\ntitle: Episode 1\ndate: 2025-03-01\n"
        "enclosures: [{url: https://localhost/ep.mp3, type: audio/mpeg, length: 1234}]\n"
        "---\nListen.\n"
    )
    site(CONFIG + 'formats = ["atom", "json"]\n', **{"ep.md": entry})
    assert invoke_build().exit_code == 0
    assert not list(Path("feeds").rglob("*rss*"))
    assert rows(exit_code=0) == []
    # Nor while another entry stops the build.
    Path("entries/bad.md").write_text("---\ntitle: Bad\ndate: someday\n---\nText.\n")
    assert [row[3] for row in rows()] == ["build"]


def test_a_rejected_enclosure_url_is_a_warning_once_while_another_entry_stops_the_build(
    site: Site,
) -> None:
    # While another document had an error, the warning fell back to one a feed file the last
    # build wrote: here three (the main RSS feed, the author's and the tag's), for one url.
    entry = (
        "---\ntitle: Episode 1\ndate: 2025-03-01\ntags: [news]\n"
        "enclosures: [{url: http://localhost/x.mp3, type: audio/mpeg, length: 1234}]\n"
        "---\nListen.\n"
    )
    site(CONFIG, **{"ep.md": entry})
    assert invoke_build().exit_code == 0
    Path("entries/bad.md").write_text("---\ntitle: Bad\ndate: 2025-02-30\n---\nText.\n")
    assert invoke_build().exit_code == 1
    assert rows() == [
        error(
            "entries/bad.md",
            3,
            "build",
            "date: '2025-02-30' does not exist: day is out of range for month",
        ),
        warning(
            "entries/ep.md",
            5,
            "enclosure",
            "the W3C Feed Validation Service rejects the enclosure url 'http://localhost/x.mp3',"
            " which readers fetch: its host 'localhost' has no dot",
        ),
    ]
    # The feeds still carry it, from the last build.
    assert [each.href for each in feedparser.parse(RSS).entries[0].enclosures] == [
        "http://localhost/x.mp3"
    ]


def test_a_rejected_enclosure_url_only_a_feed_file_has_is_reported_there(site: Site) -> None:
    # Not from an entry (a hand edit): in the file, as before.
    url = "https://media.staticfeed.test/a.mp3"
    entry = f"---\ntitle: A\ndate: 2025-03-01\nenclosures: [{{url: {url}, length: 1}}]\n---\nA.\n"
    site(CONFIG, **{"a.md": entry})
    assert invoke_build().exit_code == 0
    line = edit(RSS, 'url="https://media.staticfeed.test/', 'url="https://localhost/')
    message = (
        "the W3C Feed Validation Service rejects the enclosure url 'https://localhost/a.mp3',"
        " which readers fetch: its host 'localhost' has no dot"
    )
    found = [row for row in rows() if row[3] in ("enclosure", "stale")]
    assert found == [stale(RSS, line), warning(RSS, line, "enclosure", message)]


def test_an_email_the_validator_rejects_is_a_warning_at_its_author(site: Site) -> None:
    # RFC 5322 allows both addresses, and build takes them; the W3C service's pattern does not.
    # Each is reported once, at the line of its author (its email:, when it has one), not once
    # an Atom file (four here: the main feed and one per author), at the feed's line.
    entry = """\
        ---
        title: A
        date: 2025-01-01
        authors:
          - Ann <a!b@notes.staticfeed.test>
          - name: Üni
            email: üni@bücher.test
          - Bo <bo@notes.staticfeed.test>
        ---
        Text.
        """
    site(CONFIG, **{"a.md": entry, "b.md": entry.replace("title: A", "title: B")})
    assert invoke_build().exit_code == 0
    assert len(list(Path("feeds").rglob("*atom.xml"))) == 4
    assert line_of(ATOM, "<email>a!b@") > 0  # in the feeds, as written
    found = [row for row in rows(exit_code=0) if row[3] == "email"]
    assert found == [
        warning(f"entries/{name}", line, "email", rejected_email(address))
        for name in ("a.md", "b.md")
        for line, address in ((5, "a!b@notes.staticfeed.test"), (7, "üni@bücher.test"))
    ]


def test_an_email_of_the_config_the_validator_rejects_is_a_warning_there_once(
    site: Site,
) -> None:
    # The config's authors are every entry's and the feeds': the address was in every Atom
    # file, each with "(and N more)". Two authors with it on one line: once too.
    second = ', { name = "Bo", email = "a!b@notes.staticfeed.test" }]'
    config = CONFIG.replace("ann@notes", "a!b@notes").replace("}]", "}" + second)
    site(config, **{"older.md": OLDER, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    assert line_of(AUTHOR_ATOM, "<email>a!b@") > 0
    result = check()
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Warning: staticfeed.toml:5: {rejected_email('a!b@notes.staticfeed.test')}. Write"
        " another address for the author, or leave the email out. [email]\n"
        "ok: 0 errors, 1 warning\n"
    )


def test_an_email_of_the_config_the_validator_rejects_is_at_its_authors_line(site: Site) -> None:
    # One author a line: the warning is at the line of the author that has the address.
    authors = (
        'authors = [\n  { name = "Ann Lee", email = "ann@notes.staticfeed.test" },\n'
        '  { name = "Bo", email = "a!b@notes.staticfeed.test" },\n]\n'
    )
    config = CONFIG.replace(CONFIG.splitlines()[-1] + "\n", authors)
    site(config, **{"older.md": OLDER, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    line = config.splitlines().index('  { name = "Bo", email = "a!b@notes.staticfeed.test" },') + 1
    found = [row for row in rows(exit_code=0) if row[3] == "email"]
    assert found == [
        warning("staticfeed.toml", line, "email", rejected_email("a!b@notes.staticfeed.test"))
    ]


def test_a_rejected_email_only_a_feed_file_has_is_reported_there(published: Path) -> None:
    # Not from the config or an entry (a hand edit): once a file and address, as before.
    line = edit(ATOM, "<email>ann@", "<email>a!b@", nth=1)  # both entries' authors
    edit(ATOM, "<email>ann@", "<email>a!b@", nth=1)
    message = rejected_email("a!b@notes.staticfeed.test", " (and 1 more)")
    assert rows(exit_code=1) == ordered([stale(ATOM, line), warning(ATOM, line, "email", message)])


@pytest.mark.parametrize("address", ["ann@localhost", "ann@mail.my_host"])
def test_an_email_without_a_dot_or_with_a_last_name_of_other_letters_is_rejected(
    published: Path, address: str
) -> None:
    # The service's pattern wants a dot after the @, and names of ASCII letters, digits and
    # hyphens to the end: neither a host's name alone nor an underscore in the last name.
    line = edit(ATOM, "<email>ann@notes.staticfeed.test", f"<email>{address}", nth=1)
    message = rejected_email(address)
    assert rows(exit_code=1) == ordered([stale(ATOM, line), warning(ATOM, line, "email", message)])


VALIDATOR_EMAIL = (
    "(ASCII letters, digits and _-+.' before the @, and after it a domain of ASCII letters, "
    "digits, hyphens and dots)"
)


def rejected_email(address: str, more: str = "") -> str:
    return (
        f"the email {address!r}{more} is not an address the W3C Feed Validation Service takes "
        f"{VALIDATOR_EMAIL}"
    )


def test_an_email_whose_domain_the_validator_rejects_is_a_warning(site: Site) -> None:
    # The service's pattern (addr_spec.email_re) takes no underscore after the @.
    address = "ann@my_host.example"
    entry = f'---\ntitle: A\ndate: 2025-01-01\nauthors: ["Ann <{address}>"]\n---\nText.\n'
    site(CONFIG, **{"a.md": entry})
    assert invoke_build().exit_code == 0
    found = [row for row in rows(exit_code=0) if row[3] == "email"]
    assert found == [warning("entries/a.md", 4, "email", rejected_email(address))]


def test_an_email_at_a_long_top_level_domain_is_fine(site: Site) -> None:
    # The service's pattern ends the domain in a label of any length: ann@notes.studio is an
    # address it takes, which check warned about (4e50196 took an older version's 2 to 4).
    entry = '---\ntitle: A\ndate: 2025-01-01\nauthors: ["Ann <ann@notes.studio>"]\n---\nText.\n'
    site(CONFIG, **{"a.md": entry})
    assert invoke_build().exit_code == 0
    assert [row for row in rows(exit_code=0) if row[3] == "email"] == []


# Ids


def test_a_tag_uri_with_characters_that_are_not_ascii(site: Site) -> None:
    """Build accepts this id from the front matter; the validator does not."""
    entry = '---\ntitle: Café\ndate: 2025-01-01\nid: "tag:notes.staticfeed.test,2025:café"\n---\n'
    site(CONFIG, **{"cafe.md": entry + "Coffee.\n"})
    assert invoke_build().exit_code == 0
    uri = "tag:notes.staticfeed.test,2025:café"
    message = f"the tag URI '{uri}' has characters that are not ASCII"
    assert rows() == ordered(
        [
            error(file, line_of(file, f"<id>{uri}"), "tag-uri", message)
            for file in (ATOM, AUTHOR_ATOM)
        ]
        + [
            error(file, line_of(file, f">{uri}</guid>"), "tag-uri", message)
            for file in (RSS, AUTHOR_RSS)
        ]
    )
    fix = findings()[0]["fix"]
    assert fix == "Percent-encode them as UTF-8 (é is %C3%A9) in the entry's front-matter id."


def test_a_tag_uri_authority_with_capitals_is_a_warning_at_id_authority(site: Site) -> None:
    # RFC 4151 only recommends lower case; the W3C service rejects every such id (InvalidTAG).
    # Once, at id_authority, not once a feed file (all four: Atom, RSS and the author's).
    config = CONFIG.replace('"notes.staticfeed.test,2025"', '"Notes.Staticfeed.test,2025"')
    post = "---\ntitle: {0}\ndate: 2025-01-0{1}\n---\nText.\n"
    site(config, **{"a.md": post.format("A", 1), "b.md": post.format("B", 2)})
    assert invoke_build().exit_code == 0
    assert line_of(AUTHOR_RSS, "tag:Notes.Staticfeed.test,2025:b") > 0
    message = (
        "id_authority 'Notes.Staticfeed.test,2025', and so every id made from it, has capitals"
        " in its authority, which the W3C Feed Validation Service rejects (RFC 4151 recommends"
        " lower case)"
    )
    assert rows(exit_code=0) == [warning("staticfeed.toml", 3, "tag-uri", message)]


def test_id_authority_with_capitals_is_a_warning_beside_an_entrys_own_id(site: Site) -> None:
    # An older entry's own id with capitals hid that the newer one's was made from id_authority.
    config = CONFIG.replace('"notes.staticfeed.test,2025"', '"Notes.Staticfeed.test,2025"')
    own = "---\ntitle: A\ndate: 2025-01-01\nid: tag:Other.test,2025:a\n---\nText.\n"
    made = "---\ntitle: B\ndate: 2025-01-02\n---\nText.\n"
    site(config, **{"a.md": own, "b.md": made})
    assert invoke_build().exit_code == 0
    capitals = (
        "{} has capitals in its authority, which the W3C Feed Validation Service rejects"
        " (RFC 4151 recommends lower case)"
    )
    made_from = "id_authority 'Notes.Staticfeed.test,2025', and so every id made from it,"
    assert rows(exit_code=0) == [
        warning(
            "entries/a.md", 4, "tag-uri", capitals.format("the tag URI 'tag:Other.test,2025:a'")
        ),
        warning("staticfeed.toml", 3, "tag-uri", capitals.format(made_from)),
    ]


def test_an_entry_id_with_capitals_in_its_authority_is_a_warning_at_its_id(site: Site) -> None:
    uri = "tag:Notes.staticfeed.test,2025:a"
    post = f"---\ntitle: A\ndate: 2025-01-01\ntags: [news]\nid: {uri}\n---\nText.\n"
    site(CONFIG, **{"a.md": post, "b.md": NEWER})
    assert invoke_build().exit_code == 0
    assert line_of("feeds/tags/news.atom.xml", uri) > 0  # in six feed files
    message = (
        f"the tag URI {uri!r} has capitals in its authority, which the W3C Feed Validation"
        " Service rejects (RFC 4151 recommends lower case)"
    )
    assert [row for row in rows(exit_code=0) if row[3] == "tag-uri"] == [
        warning("entries/a.md", 5, "tag-uri", message)
    ]


def test_a_tag_uri_with_its_scheme_in_capitals_is_still_one(published: Path) -> None:
    # A URI's scheme is read in any case (RFC 3986): TAG: is tag:, its letters beyond ASCII too.
    uri = "TAG:notes.staticfeed.test,2025:café"
    line = edit(ATOM, f"<id>{NEWER_ID}</id>", f"<id>{uri}</id>")
    message = f"the tag URI '{uri}' has characters that are not ASCII"
    assert rows() == ordered([stale(ATOM, line), error(ATOM, line, "tag-uri", message)])


def test_a_tag_uri_with_capitals_only_a_feed_file_has_is_reported_there(
    published: Path,
) -> None:
    # A hand edit: once a file and authority, at the first, with how many more.
    line = edit(ATOM, "tag:notes.", "tag:Notes.")
    edit(ATOM, "tag:notes.", "tag:Notes.")
    message = (
        f"the tag URI '{NEWER_ID.replace('notes', 'Notes')}' (and 1 more) has capitals in its"
        " authority, which the W3C Feed Validation Service rejects (RFC 4151 recommends lower"
        " case)"
    )
    assert rows() == ordered([stale(ATOM, line), warning(ATOM, line, "tag-uri", message)])


def test_capitals_after_a_tag_uris_authority_are_no_warning(site: Site) -> None:
    # Only the authority, before ",<date>:", is read in lower case; the rest is as written,
    # and an id without ",<date>" has no authority to speak of.
    post = "---\ntitle: {0}\ndate: 2025-01-0{1}\nid: {2}\n---\nText.\n"
    ids = ["tag:notes.staticfeed.test,2025:My-Post", "tag:notes.staticfeed.test:2025:Other"]
    site(CONFIG, **{f"{n}.md": post.format(f"T{n}", n + 1, uri) for n, uri in enumerate(ids)})
    assert invoke_build().exit_code == 0
    assert [row for row in rows(exit_code=0) if row[3] == "tag-uri"] == []


def test_an_http_id_not_in_canonical_form_is_a_warning_at_its_id(site: Site) -> None:
    # The W3C service warns (NonCanonicalURI) about an Atom id in another form than RFC 3986's
    # normal one; staticfeed publishes an id: as written, since ids never change. Once, at
    # the id:, not once an Atom file that carries the entry (the main feed, the author's).
    post = "---\ntitle: {0}\ndate: 2025-01-0{1}\nid: {2}\n---\nText.\n"
    # An empty query or fragment is part of the id as RFC 3986 compares it ("…/q?" is not
    # "…/q"), and the service keeps it too.
    ids = [
        "https://notes.staticfeed.test/fine",
        "HTTPS://Notes.Staticfeed.TEST:443/p%7e1",
        "https://notes.staticfeed.test/q?",
        "https://notes.staticfeed.test/r#",
    ]
    site(CONFIG, **{f"{n}.md": post.format(f"T{n}", n + 1, uri) for n, uri in enumerate(ids)})
    assert invoke_build().exit_code == 0
    written = "HTTPS://Notes.Staticfeed.TEST:443/p%7e1"
    message = (
        f"the id {written!r} is not in canonical form ('https://notes.staticfeed.test/p~1'), "
        "which the W3C Feed Validation Service warns about"
    )
    assert line_of(AUTHOR_ATOM, f"<id>{written}<") > 0
    found = [row for row in rows(exit_code=0) if row[3] == "canonical-id"]
    assert found == [warning("entries/1.md", 4, "canonical-id", message)]


@pytest.mark.parametrize(
    ("written", "canonical", "verdict"),
    [
        ("https://notes.staticfeed.test", "https://notes.staticfeed.test/", "warns about"),
        (
            "https://notes.staticfeed.test/café",
            "https://notes.staticfeed.test/caf%C3%A9",
            "rejects (an IRI where a URI belongs)",
        ),
        # Dot segments, "%2E" among them, are resolved, as in the service's canonical form.
        (
            "https://notes.staticfeed.test/a/./b/../%2E%2e/c",
            "https://notes.staticfeed.test/c",
            "warns about",
        ),
        (
            "https://notes.staticfeed.test/p#%7enotes",
            "https://notes.staticfeed.test/p#~notes",
            "warns about",
        ),
        # A path that ends in .. still ends in a folder (RFC 3986, 5.2.4).
        ("https://notes.staticfeed.test/a/b/..", "https://notes.staticfeed.test/a/", "warns about"),
    ],
    ids=["empty-path", "iri", "dot-segments", "fragment-escape", "dot-dot-at-the-end"],
)
def test_an_id_without_a_path_or_not_ascii_is_not_in_canonical_form(
    site: Site, written: str, canonical: str, verdict: str
) -> None:
    # The W3C service writes an empty path as / and has no canonical form for an IRI. Dot
    # segments and a fragment's escapes were left as written, and not reported.
    post = f"---\ntitle: T\ndate: 2025-01-01\nid: {written}\n---\nText.\n"
    site(CONFIG, **{"a.md": post})
    assert invoke_build().exit_code == 0
    message = (
        f"the id {written!r} is not in canonical form ({canonical!r}), which the W3C Feed "
        f"Validation Service {verdict}"
    )
    found = [row for row in rows(exit_code=0) if row[3] == "canonical-id"]
    assert found == [warning("entries/a.md", 4, "canonical-id", message)]


W3C_ID_FIX = (
    " before the first publication; once feeds are published, leave it: a new id would reach"
    " every reader again."
)


@pytest.mark.parametrize(
    ("written", "message", "fix", "fixed"),
    [
        (
            "urn:uuid:1234",  # InvalidUUID
            "is not a UUID (8-4-4-4-12 hexadecimal digits), which the W3C Feed Validation"
            " Service rejects",
            "Write the UUID whole, like urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e,",
            "urn:uuid:0F8FAD5B-d9cb-469f-a165-70867728950e",
        ),
        (
            "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950",  # InvalidUUID: 11 digits at the end
            "is not a UUID (8-4-4-4-12 hexadecimal digits), which the W3C Feed Validation"
            " Service rejects",
            "Write the UUID whole, like urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e,",
            "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
        ),
        (
            "urn:example:a/b",  # InvalidURN: RFC 8141 takes the '/', RFC 2141 does not
            "is not a URN as RFC 2141 writes it (urn:, a namespace of 2 to 32 letters, digits"
            " and hyphens, a colon, then letters, digits, ()+,-.:=@;$_!*' and %XX), which the"
            " W3C Feed Validation Service rejects",
            "Write it so, or use a tag URI or a URL,",
            "urn:example:a-b",
        ),
        (
            "urn:x",  # InvalidURN
            "is not a URN as RFC 2141 writes it (urn:, a namespace of 2 to 32 letters, digits"
            " and hyphens, a colon, then letters, digits, ()+,-.:=@;$_!*' and %XX), which the"
            " W3C Feed Validation Service rejects",
            "Write it so, or use a tag URI or a URL,",
            "urn:isbn:0-486-27557-4",
        ),
        (
            "tag:notes.staticfeed.test,2025:a[1]",  # InvalidTAG
            "is not a tag URI as RFC 4151 writes it, which the W3C Feed Validation Service"
            " rejects ('[' may not be in it)",
            "Write '[' as %5B in the entry's id:,",
            "tag:notes.staticfeed.test,2025:a%5B1%5D",
        ),
        (
            "tag:notes.staticfeed.test,2025:a#b#c",  # InvalidTAG: one fragment
            "is not a tag URI as RFC 4151 writes it, which the W3C Feed Validation Service"
            " rejects (a second '#' may not be in it)",
            "Write '#' as %23 in the entry's id:,",
            "tag:notes.staticfeed.test,2025:a#b%23c",
        ),
        (
            "https://notes.staticfeed.test/a{b}",  # InvalidUriChar
            "has '{', which no URI may hold: the W3C Feed Validation Service rejects it",
            "Write '{' as %7B in the entry's id:,",
            "https://notes.staticfeed.test/a%7Bb%7D",
        ),
        (
            "doi:10.1000/182",  # SchemeNotIANARegistered, a warning there too
            "has a scheme, doi:, that the W3C Feed Validation Service does not know as"
            " registered with IANA, and warns about",
            "Use a tag URI or a URL instead,",
            "info:doi/10.1000/182",
        ),
    ],
    ids=[
        *("uuid", "uuid-short", "urn-slash", "urn", "tag", "tag-fragment", "uri-character"),
        "scheme",
    ],
)
def test_an_id_the_w3c_service_rejects_is_a_warning_at_its_id(
    site: Site, written: str, message: str, fix: str, fixed: str
) -> None:
    # build takes any absolute URI as an id (readers do, and an id pin --from carries over was
    # published by the earlier site), and check said nothing of those the W3C service rejects.
    post = "---\ntitle: A\ndate: 2025-01-01\nid: '{0}'\n---\nText.\n"
    site(CONFIG, **{"a.md": post.format(written)})
    assert invoke_build().exit_code == 0
    assert [entry.id for entry in feedparser.parse(ATOM).entries] == [written]
    assert line_of(AUTHOR_ATOM, f"<id>{written}<") > 0
    found = [item for item in findings(exit_code=0) if item["rule"] == "w3c-id"]
    assert [(item["file"], item["line"], item["severity"]) for item in found] == [
        ("entries/a.md", 4, "warning")
    ]
    assert {item["message"] for item in found} == {f"the id {written!r} {message}"}
    assert {item["fix"] for item in found} == {fix + W3C_ID_FIX}
    # The service rejects such an id before it looks at its form: no canonical-id warning too.
    assert [item for item in findings(exit_code=0) if item["rule"] == "canonical-id"] == []
    # The fix works.
    Path("entries/a.md").write_text(post.format(fixed), encoding="utf-8")
    assert invoke_build("--allow-id-change").exit_code == 0
    assert [row for row in rows(exit_code=0) if row[3] == "w3c-id"] == []


def test_ids_the_w3c_service_rejects_are_one_warning_each_at_its_entry(site: Site) -> None:
    post = "---\ntitle: {0}\ndate: 2025-01-0{1}\nid: '{2}'\n---\nText.\n"
    ids = ["urn:uuid:1", "urn:uuid:2", "doi:10.1000/1", "x-private:1", "mailto:ann@x.test"]
    site(CONFIG, **{f"{n}.md": post.format(f"T{n}", n + 1, uri) for n, uri in enumerate(ids)})
    assert invoke_build().exit_code == 0
    found = [row[:3] for row in rows(exit_code=0) if row[3] == "w3c-id"]
    assert found == [(f"entries/{n}.md", 4, "warning") for n in range(3)]


def test_ids_only_a_feed_file_has_are_one_warning_a_file_and_kind(published: Path) -> None:
    # A hand edit: nowhere else to point at, so once a file and kind, with how many more.
    line = edit(ATOM, f"<id>{NEWER_ID}<", "<id>urn:uuid:1<")
    edit(ATOM, f"<id>{OLDER_ID}<", "<id>urn:uuid:2<")
    message = (
        "the id 'urn:uuid:1' (and 1 more) is not a UUID (8-4-4-4-12 hexadecimal digits), which"
        " the W3C Feed Validation Service rejects"
    )
    assert rows() == ordered([stale(ATOM, line), warning(ATOM, line, "w3c-id", message)])


def test_an_id_only_a_feed_file_has_is_reported_there_beside_one_an_entry_has(site: Site) -> None:
    # The feed's warning is about two ids, one reported at its entry: the other is still
    # reported, in the feed, not left out with it.
    site(
        CONFIG,
        **{"older.md": OLDER, "newer.md": NEWER.replace("---\n", "---\nid: urn:uuid:1\n", 1)},
    )
    assert invoke_build().exit_code == 0
    line = edit(ATOM, f"<id>{OLDER_ID}<", "<id>urn:uuid:2<")
    message = (
        "the id 'urn:uuid:1'{} is not a UUID (8-4-4-4-12 hexadecimal digits), which the W3C"
        " Feed Validation Service rejects"
    )
    assert rows() == ordered(
        [
            warning("entries/newer.md", 2, "w3c-id", message.format("")),
            stale(ATOM, line),
            warning(
                ATOM, line_of(ATOM, "<id>urn:uuid:1<"), "w3c-id", message.format(" (and 1 more)")
            ),
        ]
    )


def test_a_one_letter_urn_namespace_and_a_one_digit_day_in_a_tag_uri_are_rejected(
    published: Path,
) -> None:
    # RFC 2141: a namespace of 2 to 32 letters, digits and hyphens; RFC 4151: a day of 2 digits.
    urn_line = edit(ATOM, f"<id>{NEWER_ID}<", "<id>urn:x:newer<")
    tag = "tag:notes.staticfeed.test,2025-01-1:older"
    tag_line = edit(ATOM, f"<id>{OLDER_ID}<", f"<id>{tag}<")
    urn = (
        "the id 'urn:x:newer' is not a URN as RFC 2141 writes it (urn:, a namespace of 2 to 32"
        " letters, digits and hyphens, a colon, then letters, digits, ()+,-.:=@;$_!*' and %XX),"
        " which the W3C Feed Validation Service rejects"
    )
    tag_message = (
        f"the id {tag!r} is not a tag URI as RFC 4151 writes it, which the W3C Feed Validation"
        " Service rejects"
    )
    assert rows() == ordered(
        [
            stale(ATOM, urn_line),
            warning(ATOM, urn_line, "w3c-id", urn),
            warning(ATOM, tag_line, "w3c-id", tag_message),
        ]
    )


def test_an_id_with_a_fragment_is_a_uri_the_w3c_service_takes(site: Site) -> None:
    # One '#' starts a URI's fragment (RFC 3986): no character a URI may not hold.
    post = "---\ntitle: A\ndate: 2025-01-01\nid: https://notes.staticfeed.test/a#part\n---\nT.\n"
    site(CONFIG, **{"a.md": post})
    assert invoke_build().exit_code == 0
    assert [entry.id for entry in feedparser.parse(ATOM).entries] == [
        "https://notes.staticfeed.test/a#part"
    ]
    assert rows(exit_code=0) == []


def test_the_feeds_own_id_is_checked_as_the_entries_are(published: Path) -> None:
    feed_id = etree.parse(ATOM).getroot().findtext(f"{{{ATOM_NS}}}id")
    line = edit(ATOM, f"<id>{feed_id}</id>", "<id>urn:uuid:1</id>")
    message = (
        "the id 'urn:uuid:1' is not a UUID (8-4-4-4-12 hexadecimal digits), which the W3C Feed"
        " Validation Service rejects"
    )
    assert rows() == ordered([stale(ATOM, line), warning(ATOM, line, "w3c-id", message)])


def test_a_urn_with_capitals_is_one_the_w3c_service_takes(published: Path) -> None:
    # RFC 2141 reads "urn:" and the namespace in any case.
    line = edit(ATOM, f"<id>{NEWER_ID}</id>", "<id>URN:ISBN:0-486-27557-4</id>")
    assert rows() == [stale(ATOM, line)]


def test_a_feed_id_an_entry_has_too_is_no_duplicate_entry(published: Path) -> None:
    # Readers tell entries apart by id: the feed's own is no entry's.
    feed_id = etree.parse(ATOM).getroot().findtext(f"{{{ATOM_NS}}}id")
    line = edit(ATOM, f"<id>{feed_id}</id>", f"<id>{NEWER_ID}</id>")
    assert rows() == [stale(ATOM, line)]


def test_two_entries_with_one_id(published: Path) -> None:
    line = edit(ATOM, f"<id>{OLDER_ID}</id>", f"<id>{NEWER_ID}</id>")
    first = line_of(ATOM, f"<id>{NEWER_ID}</id>")
    message = f"the id '{NEWER_ID}' is also on line {first}"
    assert rows() == ordered([stale(ATOM, line), error(ATOM, line, "duplicate-id", message)])


def test_two_items_with_one_guid(published: Path) -> None:
    line = edit(RSS, f">{OLDER_ID}</guid>", f">{NEWER_ID}</guid>")
    first = line_of(RSS, f">{NEWER_ID}</guid>")
    message = f"the guid '{NEWER_ID}' is also on line {first}"
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "duplicate-id", message)])


def test_a_json_feed_that_is_not_json_is_an_error_at_its_line(published: Path) -> None:
    # Only stale reported it: "version" -> version, with --ignore stale nothing at all.
    line = edit(JSON, '"version":', "version:")
    found = rows("--ignore", "stale")
    assert [row[:4] for row in found] == [(JSON, line, "error", "json")]
    assert found[0][4].startswith("it is not JSON (Expecting property name enclosed in double")


def test_a_json_feed_item_with_another_items_id_or_a_bad_date(published: Path) -> None:
    edit(JSON, f'"id": "{OLDER_ID}"', f'"id": "{NEWER_ID}"')
    date = json.loads(Path(JSON).read_text(encoding="utf-8"))["items"][0]["date_published"]
    edit(JSON, f'"date_published": "{date}"', '"date_published": "yesterday"')
    first, second = (line_of(JSON, f'"id": "{NEWER_ID}"', nth) for nth in (0, 1))
    message = "date_published 'yesterday' is not an RFC 3339 date-time"
    assert rows("--ignore", "stale") == ordered(  # each at its item's id
        [
            error(JSON, second, "duplicate-id", f"the id {NEWER_ID!r} is also item 1's"),
            error(JSON, first, "date", message),
        ]
    )


def test_a_json_feed_item_with_a_list_for_id_or_an_impossible_date(published: Path) -> None:
    # A list id is unhashable: it raised TypeError. 2025-02-30 matched the RFC 3339 pattern.
    edit(JSON, f'"id": "{OLDER_ID}"', '"id": [1, 2]')
    date = json.loads(Path(JSON).read_text(encoding="utf-8"))["items"][0]["date_published"]
    edit(JSON, f'"date_published": "{date}"', '"date_published": "2025-02-30T00:00:00Z"')
    first = line_of(JSON, f'"id": "{NEWER_ID}"')
    message = "date_published '2025-02-30T00:00:00Z' is not an RFC 3339 date-time"
    assert rows("--ignore", "stale") == [error(JSON, first, "date", message)]


def test_a_hand_edited_json_feed_is_held_to_json_feeds_rules(published: Path) -> None:
    built = json.loads(Path(JSON).read_text(encoding="utf-8"))
    newer, older = built["items"]

    def found(document: dict[str, object], text: Callable[[str], str] = str) -> list[Row]:
        Path(JSON).write_text(text(json.dumps(document, indent=2)), encoding="utf-8")
        return rows("--ignore", "stale")

    not_a_feed = [
        error(JSON, None, "json", "it is not a JSON Feed (a version and a list of items)")
    ]
    # A version not at jsonfeed.org, or items that are no list (a TypeError).
    assert found({**built, "version": "http://example.org/jsonfeed.org/1.1"}) == not_a_feed
    assert found({**built, "items": {"a": newer}}) == not_a_feed
    # A third item with the first's id: it too is item 1's.
    duplicated = found({**built, "items": [newer, {**older, "id": NEWER_ID}, {**newer}]})
    lines = [line_of(JSON, f'"id": "{NEWER_ID}"', nth) for nth in (1, 2)]
    message = f"the id {NEWER_ID!r} is also item 1's"
    assert duplicated == [error(JSON, line, "duplicate-id", message) for line in lines]
    # A null date_modified is none; a bad one is at its item's id, even written "id" :.
    items = [{**newer, "date_modified": None}, {**older, "date_modified": "soon"}]
    spaced = found({**built, "items": items}, lambda text: text.replace('"id":', '"id" :'))
    message = "date_modified 'soon' is not an RFC 3339 date-time"
    assert spaced == [error(JSON, line_of(JSON, f'"id" : "{OLDER_ID}"'), "date", message)]
    # An item without an id: which id line is whose, check cannot tell.
    del items[0]["id"]
    assert found({**built, "items": items}) == [error(JSON, None, "date", message)]


def test_a_feed_that_is_not_xml_is_still_held_to_the_size_budget(published: Path) -> None:
    edit(ATOM, "</title>", "</titel>")
    size = f"the file is {os.path.getsize(ATOM):,} bytes, over the budget of 1,000 bytes"
    assert error(ATOM, None, "size", size + "; some aggregators refuse feeds that big") in rows(
        "--max-size", "1000"
    )


# Dates and order


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            ATOM,
            "<updated>2025-02-01T00:00:00+00:00<",
            "<updated>2025-02-01<",
            "<updated> '2025-02-01' is not an RFC 3339 date-time",
        ),
        # RFC 3339 allows "t" and "z" in lower case; Atom does not (RFC 4287, section 3.3),
        # nor the W3C Feed Validation Service, nor Python's datetime.fromisoformat.
        (
            ATOM,
            "<updated>2025-02-01T00:00:00+00:00<",
            "<updated>2025-02-01t00:00:00z<",
            "<updated> '2025-02-01t00:00:00z' is not an RFC 3339 date-time as Atom writes it,"
            " with T and Z in upper case",
        ),
        (
            ATOM,
            "<updated>2025-02-01T00:00:00+00:00<",
            "<updated>2025-02-01T00:00:00z<",
            "<updated> '2025-02-01T00:00:00z' is not an RFC 3339 date-time as Atom writes it,"
            " with T and Z in upper case",
        ),
        (
            RSS,
            "<pubDate>Sat, 01 Feb 2025 00:00:00 +0000<",
            "<pubDate>yesterday<",
            "<pubDate> 'yesterday' is not an RFC 822 date",
        ),
        # What Python's email.utils reads, and took for dates: no zone, "+02:00" (read as
        # UTC), a zone name RFC 822 does not define, the wrong weekday, whole names, junk.
        *(
            (
                RSS,
                "<pubDate>Sat, 01 Feb 2025 00:00:00 +0000<",
                f"<pubDate>{text}<",
                f"<pubDate> {text!r} is not an RFC 822 date",
            )
            for text in (
                "Sat, 01 Feb 2025 00:00:00",
                "Sat, 01 Feb 2025 00:00:00 +02:00",
                "01 Feb 2025 00:00:00 CET",
                "Sun, 01 Feb 2025 00:00:00 +0000",
                "Saturday, 01 Feb 2025 00:00:00 +0000",
                "Sat, 01 February 2025 00:00:00 +0000",
                "Sat, 01 Feb 2025 00:00:00 +0000 junk",
                "01 Jan 0001 00:00:00 +0500",  # before the year 1 in UTC
            )
        ),
    ],
)
def test_a_date_readers_cannot_read(
    published: Path, file: str, old: str, new: str, message: str
) -> None:
    line = edit(file, old, new)
    assert rows() == ordered([stale(file, line), error(file, line, "date", message)])


@pytest.mark.parametrize(
    ("file", "old", "new", "newer"),
    [
        (
            ATOM,
            "2025-01-01T00:00:00+00:00</published>",
            "2025-03-01T00:00:00+00:00</published>",
            "<published>",
        ),
        (RSS, "Wed, 01 Jan 2025 00:00:00 +0000", "Sat, 01 Mar 2025 00:00:00 +0000", "<pubDate>"),
    ],
)
def test_entries_that_are_not_newest_first(
    published: Path, file: str, old: str, new: str, newer: str
) -> None:
    line = edit(file, old, new)
    message = (
        "the entry dated 2025-03-01T00:00:00+00:00 comes after an older one "
        f"(line {line_of(file, newer)}, 2025-02-01T00:00:00+00:00)"
    )
    assert rows() == ordered([stale(file, line), error(file, line, "order", message)])


def test_an_atom_date_with_a_fraction_of_a_second_is_a_date(published: Path) -> None:
    # RFC 3339 and RFC 4287 allow a fraction of a second: it is no date error.
    line = edit(
        ATOM, "<updated>2025-02-01T00:00:00+00:00<", "<updated>2025-02-01T00:00:00.5+00:00<"
    )
    assert rows() == [stale(ATOM, line)]


@pytest.mark.parametrize(
    "text", ["01 Feb 2025 00:00:00 Z", "Sat, 01 Feb 2025 00:00 GMT", "Fri, 31 Jan 2025 19:00 EST"]
)
def test_an_rss_date_in_rfc_822s_other_forms_is_a_date(published: Path, text: str) -> None:
    # No weekday, no seconds, a zone by RFC 822's name: the same instant, and no date error.
    line = edit(RSS, "<pubDate>Sat, 01 Feb 2025 00:00:00 +0000<", f"<pubDate>{text}<")
    assert rows() == [stale(RSS, line)]


def test_an_rss_date_in_utc_with_an_unknown_zone_is_read_as_utc(published: Path) -> None:
    # RFC 2822 writes "-0000" for a time in UTC whose local zone is not known; check compared
    # such a date, read without a zone, with the others, and stopped with a TypeError.
    line = edit(RSS, "Wed, 01 Jan 2025 00:00:00 +0000", "Sat, 01 Mar 2025 00:00:00 -0000")
    message = (
        "the entry dated 2025-03-01T00:00:00+00:00 comes after an older one "
        f"(line {line_of(RSS, '<pubDate>')}, 2025-02-01T00:00:00+00:00)"
    )
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "order", message)])


def test_an_entry_with_only_a_title_is_a_warning_at_its_body(site: Site) -> None:
    bare = "---\ntitle: A link\ndate: 2025-03-01\nlink: https://x.example/a\n---\n"
    summed = "---\ntitle: Summed\ndate: 2025-03-02\nsummary: Said here.\n---\n\n"
    no_front = "A title line\n\n3 March 2025\n"  # its title line is its text, as check reads it
    site(CONFIG, **{"bare.md": bare, "summed.md": summed, "plain.txt": no_front})
    assert invoke_build().exit_code == 0
    # What the W3C service would see: the link entry has neither content nor summary; the
    # summed one a summary alone.
    root = etree.parse(ATOM).getroot()
    shown = {
        entry.findtext("a:title", namespaces={"a": ATOM_NS}): sorted(
            etree.QName(child).localname
            for child in entry
            if etree.QName(child).localname in ("content", "summary")
        )
        for entry in root.iterfind(f"{{{ATOM_NS}}}entry")
    }
    assert shown == {"Summed": ["summary"], "A link": [], "A title line": []}
    message = (
        "the entry has no text, only its title: the W3C Feed Validation Service warns about an"
        " Atom entry without content or a summary, and readers show the title alone"
    )
    # The plain document has nothing but its title and date to show, which build warns of.
    alone = (
        "the entry has a title alone: no text, no summary and no link, so readers get its title"
        " and an empty page. Write a sentence about it below the front matter, give it a"
        " summary: or a link:, or mark it draft: true until it is ready"
    )
    built = warning("entries/plain.txt", 1, "build", alone)
    assert rows(exit_code=0) == [warning("entries/bare.md", 6, "no-text", message), built]
    assert rows("--ignore", "no-text", exit_code=0) == [built]


def test_an_entry_build_warns_of_for_another_reason_is_still_no_text(site: Site) -> None:
    # Only build's warning of a title alone stands in for no-text: not one of its title's
    # control character, at another line.
    bare = '---\ntitle: "A\\x01 link"\ndate: 2025-03-01\nlink: https://x.example/a\n---\n'
    site(CONFIG, **{"bare.md": bare})
    assert invoke_build().exit_code == 0
    found = [(row[0], row[1], row[3]) for row in rows(exit_code=0)]
    assert found == [("entries/bare.md", 2, "build"), ("entries/bare.md", 6, "no-text")]


def test_a_body_that_renders_to_nothing_is_no_text_said_as_readers_get_it(site: Site) -> None:
    # no-text read the Markdown: a link entry whose body is a link reference definition alone
    # was published with neither content nor summary, or with a comment alone as its content,
    # and check said nothing. It goes by the HTML the build rendered.
    front = "---\ntitle: {}\ndate: 2025-03-0{}\nlink: https://x.example/{}\n---\n"
    site(
        CONFIG,
        **{
            "ref.md": front.format("Ref", 1, "a") + "[x]: https://x.example/b\n",
            "comment.md": front.format("Comment", 2, "c") + "<!-- To write -->\n",
            "text.md": front.format("Text", 3, "d") + "[x]: https://x.example/b\n\nA [word][x].\n",
        },
    )
    assert invoke_build().exit_code == 0
    root = etree.parse(ATOM).getroot()
    a = {"a": ATOM_NS}
    entries = {each.findtext("a:title", namespaces=a): each for each in root.iterfind("a:entry", a)}
    assert entries["Ref"].find("a:content", a) is None
    assert entries["Ref"].find("a:summary", a) is None
    held = entries["Comment"].findtext("a:content", namespaces=a)
    assert held == "<!-- To write -->"  # escaped HTML, which readers show as nothing
    assert lxml.html.fragment_fromstring(held, create_parent="div").text_content() == ""
    nothing = (
        "the entry has no text, only its title: its body renders to nothing, and the W3C Feed"
        " Validation Service warns about an Atom entry without content or a summary, and"
        " readers show the title alone"
    )
    comments = (
        "the entry has no text, only its title: its body renders to HTML comments alone, which"
        " the Atom entry carries as its content and readers do not show: they show the title"
        " alone"
    )
    assert rows(exit_code=0) == [
        warning("entries/comment.md", 6, "no-text", comments),
        warning("entries/ref.md", 6, "no-text", nothing),
    ]


@pytest.mark.parametrize(
    ("fmt", "carried"),
    [
        ("rss", "the RSS item carries as its description"),
        ("json", "the JSON Feed item carries as its content_html"),
    ],
)
def test_no_text_without_atom_is_said_of_the_format_written(
    site: Site, fmt: str, carried: str
) -> None:
    # With formats = ["rss"], a body of comments alone was published for readers to show
    # nothing, and check said nothing: no-text ran for Atom alone. A link blog's entry with no
    # body stays unreported: only the W3C service's Atom rule made it worth a word.
    front = "---\ntitle: {}\ndate: 2025-03-0{}\nlink: https://x.example/{}\n---\n"
    site(
        CONFIG + f'formats = ["{fmt}"]\n',
        **{
            "ref.md": front.format("Ref", 1, "a") + "[x]: https://x.example/b\n",
            "comment.md": front.format("Comment", 2, "c") + "<!-- To write -->\n",
            "bare.md": front.format("Bare", 3, "d"),
        },
    )
    assert invoke_build().exit_code == 0
    if fmt == "rss":
        items = {item.title: item for item in feedparser.parse(RSS).entries}
        held = items["Comment"].summary
    else:
        items = {item["title"]: item for item in json.loads(Path(JSON).read_text())["items"]}
        held = items["Comment"]["content_html"]
    assert held == "<!-- To write -->"
    assert lxml.html.fragment_fromstring(held, create_parent="div").text_content() == ""
    comments = (
        "the entry has no text, only its title: its body renders to HTML comments alone, which"
        f" {carried} and readers do not show: they show the title alone"
    )
    nothing = (
        "the entry has no text, only its title: its body renders to nothing, and readers show"
        " the title alone"
    )
    assert rows(exit_code=0) == [
        warning("entries/comment.md", 6, "no-text", comments),
        warning("entries/ref.md", 6, "no-text", nothing),
    ]


def test_no_text_is_said_of_atom_wherever_formats_lists_it(site: Site) -> None:
    # formats = ["rss", "atom"]: the W3C service still warns of the Atom entry.
    bare = "---\ntitle: Bare\ndate: 2025-03-01\nlink: https://x.example/d\n---\n"
    site(CONFIG + 'formats = ["rss", "atom"]\n', **{"bare.md": bare})
    assert invoke_build().exit_code == 0
    message = (
        "the entry has no text, only its title: the W3C Feed Validation Service warns about an"
        " Atom entry without content or a summary, and readers show the title alone"
    )
    assert rows(exit_code=0) == [warning("entries/bare.md", 6, "no-text", message)]


def _post(day: str, extra: str = "") -> str:
    return f"---\ntitle: Post of {day}\ndate: {day}\n{extra}---\nText.\n"


def updated_texts(file: str) -> list[str]:
    """The <updated> of each entry of an Atom file, as written: what the W3C service compares."""
    root = etree.parse(file).getroot()
    return [str(text) for text in root.xpath("a:entry/a:updated/text()", namespaces={"a": ATOM_NS})]


SHARED_DAY = "2025-03-01T00:00:00+00:00"


def test_entries_of_a_feed_with_the_same_updated_are_one_warning(site: Site) -> None:
    site(
        CONFIG,
        **{
            "a.md": _post("2025-03-01"),
            "b.md": _post("2025-03-01"),
            "c.md": _post("2025-03-01"),
            "e.md": _post("2025-03-01"),
            "timed.md": _post("2025-03-01 09:30"),
            "edited.md": _post("2025-02-01", "updated: 2025-03-01\n"),
        },
    )
    assert invoke_build().exit_code == 0
    # What the W3C service sees: five entries of atom.xml (and of Ann Lee's feed) that share
    # an <updated>, four of them dated that day (newest first, a to e) and one edited then.
    for file in (ATOM, AUTHOR_ATOM):
        assert updated_texts(file).count(SHARED_DAY) == 5, file
    message = (
        f"its updated, {SHARED_DAY}, is also that of entries/b.md, entries/c.md and 2 more, in"
        " the same feed: the W3C Feed Validation Service warns about two entries of a feed with"
        " the same atom:updated"
    )
    assert rows(exit_code=0) == [warning("entries/a.md", 3, "same-updated", message)]
    fix = (
        "Give each the time it was written, such as date: 2025-03-01 14:30, or leave it if they"
        " changed at the same moment."
    )
    assert [item["fix"] for item in findings(exit_code=0)] == [fix]

    # Given times, the dates differ, in the feeds as in check.
    for name, day in (("b", "08:00"), ("c", "08:30"), ("e", "10:15")):
        Path(f"entries/{name}.md").write_text(_post(f"2025-03-01 {day}"), encoding="utf-8")
    Path("entries/edited.md").write_text(
        _post("2025-02-01", "updated: 2025-03-01 12:00\n"), encoding="utf-8"
    )
    assert invoke_build().exit_code == 0
    for file in (ATOM, AUTHOR_ATOM):
        texts = updated_texts(file)
        assert len(texts) == len(set(texts)) == 6, texts
    assert check().output == "ok: no problems found\n"


def test_the_same_updated_only_counts_within_one_atom_feed(site: Site) -> None:
    # One entry a feed: the main feed and its archive each carry one of the two, and no
    # author or tag feed carries both.
    apart = "limit = 1\narchive_size = 1\nauthor_feeds = false\n"
    site(CONFIG + apart, **{"a.md": _post("2025-03-01"), "b.md": _post("2025-03-01")})
    assert invoke_build().exit_code == 0
    atom_files = [*sorted(str(path) for path in Path("feeds").rglob("*.atom.xml")), ATOM]
    assert [updated_texts(file) for file in atom_files] == [[SHARED_DAY], [SHARED_DAY]]
    assert check().output == "ok: no problems found\n"
    # Without Atom, nothing carries <updated>.
    site(
        CONFIG + 'formats = ["rss"]\n', **{"a.md": _post("2025-03-01"), "b.md": _post("2025-03-01")}
    )
    assert invoke_build().exit_code == 0
    assert not Path(ATOM).exists()
    assert check().output == "ok: no problems found\n"


def test_a_date_line_of_the_body_is_where_its_date_warnings_are(site: Site) -> None:
    # A date build takes from a line near the top of the body (no date: in front matter) was
    # reported with no line at all, by implausible-date and by same-updated.
    site(
        CONFIG + "author_feeds = false\n",
        **{
            "old.md": "# Old post\n\n1985-03-01\n\nSome text.\n",
            "pair.md": "---\ntitle: Pair\n---\n\n2025-03-01\n\nSome text.\n",
            "twin.md": "---\ntitle: Twin\ndate: 2025-03-01\n---\nSome text.\n",
        },
    )
    assert invoke_build().exit_code == 0
    # Both dated by their date lines: the old post's shown, the pair's its feed's first.
    atom = etree.parse(ATOM).getroot()
    dated = [
        (entry.findtext(f"{{{ATOM_NS}}}title"), entry.findtext(f"{{{ATOM_NS}}}updated"))
        for entry in atom.iterfind(f"{{{ATOM_NS}}}entry")
    ]
    assert dated == [
        ("Pair", "2025-03-01T00:00:00+00:00"),
        ("Twin", "2025-03-01T00:00:00+00:00"),
        ("Old post", "1985-03-01T00:00:00+00:00"),
    ]
    same = (
        "its updated, 2025-03-01T00:00:00+00:00, is also that of entries/twin.md, in the same"
        " feed: the W3C Feed Validation Service warns about two entries of a feed with the same"
        " atom:updated"
    )
    old = "date 1985-03-01 is before 1990: the W3C Feed Validation Service calls it implausible"
    assert rows(exit_code=0) == [
        warning("entries/old.md", 3, "implausible-date", old),
        warning("entries/pair.md", 5, "same-updated", same),
    ]


def test_an_update_in_the_future_or_a_date_before_1990_is_implausible(site: Site) -> None:
    # The W3C Feed Validation Service's rules: a date written before 1990, an updated more
    # than ten minutes after now.
    soon = (datetime.now(UTC) + timedelta(minutes=5)).strftime("%Y-%m-%d %H:%M")
    later = datetime.now(UTC) + timedelta(minutes=30)
    if (later.hour, later.minute) == (0, 0):  # midnight is shown as its day alone
        later += timedelta(minutes=1)
    site(
        CONFIG,
        **{
            "ahead.md": _post("2025-03-01", "updated: 2999-01-01 10:00\n"),
            "letter.md": _post("1921-03-01"),
            "edge.md": _post("1990-01-01", "updated: 1990-01-01 00:00\n"),
            "soon.md": _post("2025-03-02", f"updated: {soon}\n"),
            "later.md": _post("2025-03-03", f"updated: {later:%Y-%m-%d %H:%M}\n"),
            "slip.md": _post("1989-12-31 23:59"),
            # Half past midnight is a time, not the day alone that midnight stands for.
            "night.md": _post("1989-06-01 00:30"),
        },
    )
    before = datetime.now(UTC)
    assert invoke_build().exit_code == 0
    found = rows(exit_code=0)
    after = datetime.now(UTC)
    # The feeds carry those dates as written, read back with lxml.
    updated = updated_texts(ATOM)
    assert updated == [
        f"{later:%Y-%m-%dT%H:%M}:00+00:00",
        f"{soon.replace(' ', 'T')}:00+00:00",
        "2999-01-01T10:00:00+00:00",
        "1990-01-01T00:00:00+00:00",
        "1989-12-31T23:59:00+00:00",
        "1989-06-01T00:30:00+00:00",
        "1921-03-01T00:00:00+00:00",
    ]
    messages = [str(row[4]) for row in found]  # by file: ahead, later, letter, night, slip
    shown_dates = ("2999-01-01 10:00", f"{later:%Y-%m-%d %H:%M}")
    for message, shown in zip(messages[:2], shown_dates, strict=True):
        ahead = re.fullmatch(
            f"updated {shown} \\+00:00 is more than 10 minutes after now \\((.+)\\): the W3C"
            " Feed Validation Service calls it implausible",
            message,
        )
        assert ahead, message
        now = datetime.strptime(ahead.group(1), "%Y-%m-%d %H:%M %z")
        assert before.replace(second=0, microsecond=0) <= now <= after
    old = "date 1921-03-01 is before 1990: the W3C Feed Validation Service calls it implausible"
    slip, night = (
        f"date 1989-{day} +00:00 is before 1990: the W3C Feed Validation Service calls it"
        " implausible"
        for day in ("12-31 23:59", "06-01 00:30")
    )
    assert found == [
        warning("entries/ahead.md", 4, "implausible-date", messages[0]),
        warning("entries/later.md", 4, "implausible-date", messages[1]),
        warning("entries/letter.md", 3, "implausible-date", old),
        warning("entries/night.md", 3, "implausible-date", night),
        warning("entries/slip.md", 3, "implausible-date", slip),
    ]
    fixes = [item["fix"] for item in findings(exit_code=0)]
    assert fixes == [
        "Write when it happened; staticfeed touch ENTRY sets updated: to now.",
        "Write when it happened; staticfeed touch ENTRY sets updated: to now.",
        "Check the year, or leave it if the entry is that old.",
        "Check the year, or leave it if the entry is that old.",
        "Check the year, or leave it if the entry is that old.",
    ]


@pytest.mark.parametrize(
    ("updated", "now", "shown"),
    [
        # "now" was shown to the minute, and so at 00:00:30 as a date alone: "after now
        # (2025-03-05)".
        pytest.param(
            "2999-01-01 10:00",
            datetime(2025, 3, 4, 22, 0, 30, tzinfo=UTC),  # 00:00:30 in Kyiv
            "updated 2999-01-01 10:00 +02:00 is more than 10 minutes after now (2025-03-05 00:00"
            " +02:00)",
            id="after-midnight",
        ),
        # An updated: with its own offset: now as a clock there reads it, cut to the minute
        # (22:00:59.9 UTC is 17:00:59.9 at -05:00: 17:00, not 17:01), not in the site's zone.
        pytest.param(
            "2999-01-01T10:00:00-05:00",
            datetime(2025, 3, 4, 22, 0, 59, 900000, tzinfo=UTC),
            "updated 2999-01-01 10:00 -05:00 is more than 10 minutes after now (2025-03-04 17:00"
            " -05:00)",
            id="own-offset",
        ),
    ],
)
def test_now_is_shown_with_its_time_as_the_updates_offset_reads_it(
    site: Site, updated: str, now: datetime, shown: str
) -> None:
    site(
        CONFIG + 'timezone = "Europe/Kyiv"\n',
        **{"ahead.md": _post("2025-03-01", f"updated: {updated}\n")},
    )
    assert invoke_build().exit_code == 0
    found = check_publication(
        lambda: load_config(Path("staticfeed.toml")), Path("entries"), Path("feeds"), now=now
    )
    assert [(item.file, item.line, item.rule, item.message) for item in found] == [
        (
            "entries/ahead.md",
            4,
            "implausible-date",
            f"{shown}: the W3C Feed Validation Service calls it implausible",
        )
    ]


@pytest.mark.parametrize(
    ("zone", "day", "offset", "shown", "utc"),
    [
        # Dublin Mean Time, until 1916: shown as -00:26, 39 seconds and a minute off.
        ("Europe/Dublin", "1900-06-01", (-1, 25, 21), "-00:25:21", "12:25:21"),
        ("Africa/Monrovia", "1950-06-01", (-1, 44, 30), "-00:44:30", "12:44:30"),
        # Kyiv's mean time, until 1924: shown as +02:02, 4 seconds off.
        ("Europe/Kyiv", "1921-03-01", (1, 2 * 60 + 2, 4), "+02:02:04", "09:57:56"),
    ],
)
def test_an_offset_with_seconds_is_shown_with_them(
    site: Site, zone: str, day: str, offset: tuple[int, int, int], shown: str, utc: str
) -> None:
    sign, minutes, seconds = offset
    # The zone's offset then, as zoneinfo gives it, and so the instant 12:00 there is.
    assert ZoneInfo(zone).utcoffset(datetime.fromisoformat(f"{day} 12:00")) == sign * timedelta(
        minutes=minutes, seconds=seconds
    )
    site(CONFIG + f'timezone = "{zone}"\n', **{"old.md": _post(f"{day} 12:00")})
    assert invoke_build().exit_code == 0
    message = (
        f"date {day} 12:00 {shown} is before 1990: the W3C Feed Validation Service calls it"
        " implausible"
    )
    assert rows(exit_code=0) == [warning("entries/old.md", 3, "implausible-date", message)]
    # The entry's page shows the same; its <time datetime> is that instant in UTC.
    page = lxml.html.parse("feeds/old/index.html").getroot()
    (published,) = page.find_class("published")
    assert published.text == f"{day} 12:00 {shown}"
    assert published.get("datetime") == f"{day}T{utc}+00:00"


def test_rss_dates_of_years_under_100_are_read_as_written(site: Site) -> None:
    # email.utils read "0001" as 2001: the older entry then came "after" the newer one.
    site(CONFIG, **{"gospel.md": _post("0001-06-01"), "new.md": _post("2000-01-01")})
    assert invoke_build().exit_code == 0
    pub_dates = etree.parse(RSS).getroot().xpath("channel/item/pubDate/text()")
    assert [text[5:16] for text in pub_dates] == ["01 Jan 2000", "01 Jun 0001"]
    old = "date 0001-06-01 is before 1990: the W3C Feed Validation Service calls it implausible"
    assert rows(exit_code=0) == [warning("entries/gospel.md", 3, "implausible-date", old)]


def test_a_date_is_plausible_by_the_day_it_is_written_with(site: Site) -> None:
    # In Europe/Berlin 1990-01-01 00:30 is 1989-12-31 23:30 UTC, and was reported as before the
    # year it names ("1970-01-01 is before 1970"). The service compares the date as written.
    site(
        CONFIG + 'timezone = "Europe/Berlin"\n',
        **{"new-year.md": _post("1990-01-01 00:30"), "eve.md": _post("1989-12-31 23:30")},
    )
    assert invoke_build().exit_code == 0
    assert updated_texts(ATOM) == ["1990-01-01T00:30:00+01:00", "1989-12-31T23:30:00+01:00"]
    message = (
        "date 1989-12-31 23:30 +01:00 is before 1990: the W3C Feed Validation Service calls it"
        " implausible"
    )
    assert rows(exit_code=0) == [warning("entries/eve.md", 3, "implausible-date", message)]


# Relative URLs in content


@pytest.mark.parametrize("file", [ATOM, RSS])
@pytest.mark.parametrize(
    ("absolute", "relative", "message"),
    [
        (f"{SITE}2025/older.html", "2025/older.html", "the a href '2025/older.html'"),
        (f"{SITE}img/map.png", "img/map.png", "the img src 'img/map.png'"),
        # An srcset in an entry is a reader-html warning: this one is written into the feed.
        (f'src="{SITE}small.png"', 'srcset="/large.png 2x"', "the img srcset '/large.png'"),
        # The W3C service takes the last "src=" in an <img> for its URL (ContainsRelRef).
        (f'{SITE}img/map.png"', f'{SITE}img/map.png" lowsrc="low.png"', "the img lowsrc 'low.png'"),
    ],
)
def test_a_relative_url_in_content(
    published: Path, file: str, absolute: str, relative: str, message: str
) -> None:
    line = edit(file, absolute, relative)
    found = error(file, line, "relative-url", message + " is a relative URL")
    assert rows() == ordered([stale(file, line), found])


@pytest.mark.parametrize("file", [ATOM, RSS])
def test_a_relative_video_poster_in_content(site: Site, file: str) -> None:
    video = OLDER + '<video poster="poster.jpg"></video>\n'
    site(CONFIG, **{"older.md": video, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    line = edit(file, f"{SITE}poster.jpg", "poster.jpg")
    found = error(file, line, "relative-url", "the video poster 'poster.jpg' is a relative URL")
    assert rows() == ordered([stale(file, line), found])


def test_the_same_relative_url_in_every_feed_that_carries_it(published: Path) -> None:
    """check parses an entry's HTML once for all the feeds that carry it; each feed still
    gets its own finding, at its own line."""
    files = [ATOM, RSS, AUTHOR_ATOM, AUTHOR_RSS]
    lines = {file: edit(file, f"{SITE}2025/older.html", "2025/older.html") for file in files}
    assert len(set(lines.values())) > 1  # the same HTML, at different lines
    message = "the a href '2025/older.html' is a relative URL"
    found = [error(file, line, "relative-url", message) for file, line in lines.items()]
    assert rows() == ordered([*(stale(file, line) for file, line in lines.items()), *found])


@pytest.mark.parametrize("file", [ATOM, RSS])
def test_a_url_urllib_cannot_parse_is_reported_when_relative(published: Path, file: str) -> None:
    """An unclosed IPv6 bracket makes urllib raise; check reports what it can, never a crash."""
    line = edit(file, f"{SITE}2025/older.html", "http://[oops/older.html")
    assert rows() == ordered([stale(file, line)])
    edit(file, "http://[oops/older.html", "ftp://[oops/older.html")  # a scheme all the same
    assert rows() == ordered([stale(file, line)])
    edit(file, "ftp://[oops/older.html", "//[oops/older.html")
    message = "the a href '//[oops/older.html' is a relative URL"
    assert rows() == ordered([stale(file, line), error(file, line, "relative-url", message)])


def test_a_relative_url_in_xhtml_content(published: Path) -> None:
    html = (
        '<content type="html">&lt;p&gt;See &lt;a href="https://notes.staticfeed.test/blog/'
        '2025/older.html"&gt;the older post&lt;/a&gt;.&lt;/p&gt;</content>'
    )
    xhtml = (
        '<content type="xhtml">\n<div xmlns="http://www.w3.org/1999/xhtml">\n'
        '<a href="older.html">the older post</a></div></content>'
    )
    line = edit(ATOM, html, xhtml)
    message = "the a href 'older.html' is a relative URL"
    assert rows() == ordered([stale(ATOM, line), error(ATOM, line + 2, "relative-url", message)])


def test_text_after_an_entity_the_feed_declares_is_checked_too(published: Path) -> None:
    # A feed's text was read up to an entity its DOCTYPE declares: the placeholder and the
    # relative URL after it went unreported.
    declared = edit(
        RSS,
        "<?xml version='1.0' encoding='UTF-8'?>\n",
        "<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE rss [\n<!ENTITY sep \"&#8212;\">\n]>\n",
    )
    title = edit(RSS, "<title>Field notes</title>", "<title>Field notes &sep; example.com</title>")
    link = edit(RSS, f'See &lt;a href="{SITE}2025/older.html"', 'See &sep; &lt;a href="older"')
    assert feedparser.parse(RSS).feed.title == "Field notes \u2014 example.com"
    assert rows() == ordered(
        [
            stale(RSS, declared + 1),  # the DOCTYPE, below the XML declaration
            warning(
                RSS, title, "placeholder", "'example.com' looks like a placeholder, in <title>"
            ),
            error(RSS, link, "relative-url", "the a href 'older' is a relative URL"),
        ]
    )


def test_a_relative_url_under_an_xml_base_is_fine(published: Path) -> None:
    base = f'<content xml:base="{SITE}" type="html">'
    first = edit(ATOM, '<content type="html">', base)
    edit(ATOM, f"{SITE}2025/older.html", "2025/older.html")
    assert rows() == ordered([stale(ATOM, first)])


# Markup feed readers remove

# Each line's raw HTML, and what the W3C Feed Validation Service's HTML rules say of it (its
# source, validators.py): `script`, `iframe` and `object` are not among the elements it accepts
# (SecurityRisk), nor `onclick` and `srcset` among the attributes (SecurityRiskAttr), nor
# `position` among the CSS properties (DangerousStyleAttr). `figure`, `video`, `poster`, `class`
# and `color` are kept by readers, and taken by the service; HTML in code is shown as text.
MARKUP = """\
---
title: Markup
date: 2025-03-01
---
An embed:

<iframe src="https://video.example/embed/1"></iframe>

Text with <span class="note" onclick="track()">a handler</span> and
<b style="color: red; position: fixed">layout</b>.

<div>
<script>alert(1)</script>
<object data="https://video.example/1.swf"><param name="a" value="b"></object>
<img src="https://pics.example/a.png" srcset="https://pics.example/a2.png 2x" alt="">
</div>

<figure><video src="https://video.example/1.mp4" poster="https://pics.example/p.png"></video>
<figcaption>Kept</figcaption></figure>

```html
<iframe src="https://video.example/embed/shown-as-code"></iframe>
```

And `<script>` in a code span, and [a link](https://notes.staticfeed.test/ok).

<iframe src="https://video.example/embed/2"></iframe>
<iframe src="https://video.example/embed/3"></iframe>
"""
ELEMENT_FIX = "They show the rest of the entry: link to what it shows, or take it out."
ATTRIBUTE_FIX = "They show the element without it: take it out."


def removed(line: int, what: str) -> Row:
    return warning("entries/markup.md", line, "reader-html", f"feed readers remove {what}")


def test_markup_readers_remove_is_a_warning_at_its_line(site: Site) -> None:
    site(CONFIG, **{"markup.md": MARKUP})
    assert invoke_build().exit_code == 0
    expected = ordered(  # the service takes the video's poster
        [
            removed(7, "<iframe>, here and in 2 more places in this file"),
            removed(9, "the onclick attribute of <span>"),
            removed(10, "the CSS property position in the style of <b>"),
            removed(13, "<script>"),
            removed(14, "<object>"),
            removed(15, "the srcset attribute of <img>"),
        ]
    )
    assert rows(exit_code=0) == expected
    # The HTML is read for reader-html alone too.
    assert rows("--ignore", "w3c-html", exit_code=0) == expected
    fixes = {item["message"]: item["fix"] for item in findings(exit_code=0)}
    assert fixes["feed readers remove <script>"] == CODE_FIX.format(tag="script")
    assert fixes["feed readers remove the srcset attribute of <img>"] == ATTRIBUTE_FIX
    result = check()
    assert result.stdout.splitlines()[-1] == "ok: 0 errors, 6 warnings"


SOMETIMES_REMOVED = """\
---
title: Styles
date: 2025-03-01
---
A <b style="margin: 0; color: red">kept</b> and <i style="background-color: red">kept</i>.

A <b style="margin: inherit; color: var(--accent)">emptied</b> and
<i style="background-color: lightblue">kept, warned about</i>.
"""


def test_a_css_property_readers_remove_is_at_the_style_it_is_removed_from(site: Site) -> None:
    # Readers keep `margin: 0` and `color: red`, but remove the `margin: inherit` and the whole
    # style with var(): check reported both at the first <b> whose style names them, line 5.
    # The same for the service's warning about the lightblue the second <i> has.
    site(CONFIG, **{"markup.md": SOMETIMES_REMOVED})
    assert invoke_build().exit_code == 0
    service = "the W3C Feed Validation Service warns about the value lightblue of the CSS"
    assert rows(exit_code=0) == [
        removed(7, "the CSS property color in the style of <b>"),
        removed(7, "the CSS property margin in the style of <b>"),
        warning(
            "entries/markup.md",
            8,
            "w3c-html",
            f"{service} property background-color in the style of <i>, which readers keep",
        ),
    ]
    (entry,) = feedparser.parse(ATOM).entries
    shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
    styles = [element.get("style") for element in shown.iter("b", "i")]
    assert styles == [
        "margin: 0; color: red;",
        "background-color: red;",
        None,
        "background-color: lightblue;",
    ]


def test_text_markdown_reads_as_a_tag_html_lacks_is_told_to_be_written_with_a_backslash(
    site: Site,
) -> None:
    # CommonMark reads "<y and a >" in "x<y and a > b" as a tag: readers drop it, and check's
    # fix said to link to what it shows, or take it out, not how to write a '<' as text.
    front = "---\ntitle: Less\ndate: 2025-03-01\n---\n"
    site(CONFIG, **{"markup.md": front + "If x<y and a > b, go.\n"})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [removed(5, "<y>")]
    (fix,) = {item["fix"] for item in findings(exit_code=0)}
    assert fix == (
        "HTML has no such element: Markdown reads a '<' before a letter as a tag, and no one sees"
        " the text from it to the next '>'. If the '<' is text, write it as \\<, as in x\\<y."
    )
    (entry,) = feedparser.parse(ATOM).entries
    assert lxml.html.fragment_fromstring(entry.content[0].value).text_content() == "If x b, go."
    # As the fix says: readers show the text as written, and check has nothing to say.
    Path("entries/markup.md").write_text(front + "If x\\<y and a > b, go.\n")
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value).text_content()
    assert shown == "If x<y and a > b, go."


def test_a_cdata_section_in_a_body_is_a_warning_as_text_no_one_sees(site: Site) -> None:
    # XML shows a CDATA section's text; HTML reads it as a comment, and the build published
    # it as one: readers and the entry's page showed nothing of "a < b", and check said nothing.
    # Not in code, nor in a comment the author wrote, nor with no text in it.
    front = "---\ntitle: Less\ndate: 2025-03-01\n---\n"
    body = (
        "Before <![CDATA[a < b]]> after.\n\n<p>In HTML: <![CDATA[y]]></p>\n\n"
        "`<![CDATA[code]]>`, <!-- <![CDATA[note]]> --> and <![CDATA[ ]]>.\n"
    )
    site(CONFIG, **{"markup.md": front + body})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        warning(
            "entries/markup.md",
            5,
            "reader-html",
            "HTML reads the CDATA section '<![CDATA[a < b]]>' as a comment, and the build"
            " publishes it as one: no one sees 'a < b', here and in 1 more place in this file",
        )
    ]
    (fix,) = {item["fix"] for item in findings(exit_code=0)}
    assert fix == (
        "Write its text without <![CDATA[ and ]]> (a '<' before a letter as \\<), or put it in"
        " backticks to show it as code."
    )
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert "a < b" not in shown.text_content()
    assert "y" not in shown.text_content()
    # As the fix says: readers show the text, and check has nothing to say.
    Path("entries/markup.md").write_text(front + "Before a < b after.\n")
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []
    (entry,) = feedparser.parse(ATOM).entries
    assert lxml.html.fragment_fromstring(entry.content[0].value).text_content() == (
        "Before a < b after."
    )


def test_a_cdata_section_in_svg_or_mathml_is_no_warning(site: Site) -> None:
    # HTML reads a CDATA section in SVG or MathML as its text, which browsers and readers show:
    # check told it was a comment no one sees, as it read each tag among text on its own.
    # One in HTML again (a <p> in a <foreignObject>) is a comment there too.
    front = "---\ntitle: Less\ndate: 2025-03-01\n---\n"
    body = (
        "A <svg><text><![CDATA[a < b]]></text></svg> and <math><mi><![CDATA[x]]></mi></math>.\n\n"
        "<svg>\n<text><![CDATA[In a block]]></text>\n</svg>\n\n"
        "<svg><foreignObject><p><![CDATA[y]]></p></foreignObject></svg>\n"
    )
    site(CONFIG, **{"markup.md": front + body})
    assert invoke_build().exit_code == 0
    assert [row for row in rows(exit_code=0) if row[3] == "reader-html"] == [
        warning(
            "entries/markup.md",
            11,
            "reader-html",
            "HTML reads the CDATA section '<![CDATA[y]]>' as a comment, and the build"
            " publishes it as one: no one sees 'y'",
        )
    ]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert " ".join(shown.text_content().split()) == "A a < b and x. In a block"


def test_text_markdown_reads_as_an_element_html_has_is_told_to_be_written_with_a_backslash(
    site: Site,
) -> None:
    # In "if a<b and c>d", CommonMark reads "<b and c>" as a <b> with attributes "and" and
    # "c": readers removed them, and check said to take them out, without the \< hint that
    # "x<y and a > b" got. Words without values that name no attribute are text; a <video>
    # with attributes HTML has is HTML.
    front = "---\ntitle: Less\ndate: 2025-03-01\n---\n"
    video = "<video muted playsinline></video>\n"
    site(CONFIG, **{"markup.md": front + "If a<b and c>d, go.\n\n" + video})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        removed(5, "<b and c>"),
        removed(7, "the muted attribute of <video>"),
        removed(7, "the playsinline attribute of <video>"),
    ]
    fixes = {item["message"]: item["fix"] for item in findings(exit_code=0)}
    assert fixes["feed readers remove <b and c>"] == (
        "Markdown reads a '<' before a letter as a tag, and no one sees the text from it to the"
        " next '>'. If the '<' is text, write it as \\<, as in x\\<b."
    )
    assert fixes["feed readers remove the muted attribute of <video>"] == ATTRIBUTE_FIX
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert shown.text_content() == "If ad, go.\n"
    # As the fix says: readers show the text as written.
    Path("entries/markup.md").write_text(front + "If a\\<b and c>d, go.\n")
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value).text_content()
    assert shown == "If a<b and c>d, go."


def test_a_valueless_attribute_in_an_html_block_is_html_not_text(site: Site) -> None:
    # An HTML block is HTML written so: <div markdown> (a kramdown habit) and <details open
    # foo> were told the \< fix for text Markdown reads as a tag. Only a tag in a paragraph
    # is text so; in a block, each attribute readers remove is reported.
    front = "---\ntitle: Less\ndate: 2025-03-01\n---\n"
    blocks = "<div markdown>\n\nSome *text*.\n\n</div>\n\n<details open foo>\nHidden.\n</details>\n"
    site(CONFIG, **{"markup.md": front + "If a<b and c>d, go.\n\n" + blocks})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        removed(5, "<b and c>"),
        removed(7, "the markdown attribute of <div>"),
        removed(13, "the foo attribute of <details>"),
    ]
    fixes = {item["message"]: item["fix"] for item in findings(exit_code=0)}
    assert fixes["feed readers remove the markdown attribute of <div>"] == ATTRIBUTE_FIX
    assert fixes["feed readers remove the foo attribute of <details>"] == ATTRIBUTE_FIX
    # Readers show the blocks' text: no text was read as a tag.
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert " ".join(shown.text_content().split()) == "If ad, go. Some text. Hidden."


CODE_WITH_LT = """\
---
title: Code
date: 2025-03-01
---
Before.

<script>go();</script>

<script>if (a < b && c > d) go();</script>

<style>p > a { color: red }</style>

<script>
if (a < b) go();
</script>

<style>a[title="<"] { color: red }</style>

After.
"""


def code_removed(line: int, what: str) -> Row:
    return warning("entries/code.md", line, "reader-html", f"feed readers remove {what}")


HIDES_THE_REST = (
    "newsboat takes the '<' for a tag and shows nothing of the entry after it: move the code "
    "into a file, or take it out."
)


def test_a_script_whose_code_holds_a_lone_lt_is_reported_apart(site: Site) -> None:
    """newsboat reads "<" in a script or a style sheet as a tag that runs to the next ">", the
    end tag's when no other follows: it shows nothing after "if (a < b) go();", not even
    "After.", while check said readers show the rest of the entry."""
    site(CONFIG, **{"code.md": CODE_WITH_LT})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == ordered(
        [
            code_removed(7, "<script>, here and in 1 more place in this file"),
            code_removed(11, "<style>"),
            code_removed(13, "<script> whose code holds '<'"),
            code_removed(17, "<style> whose code holds '<'"),
        ]
    )
    fixes = {item["message"]: item["fix"] for item in findings(exit_code=0)}
    assert fixes["feed readers remove <script> whose code holds '<'"] == HIDES_THE_REST
    assert fixes["feed readers remove <style> whose code holds '<'"] == HIDES_THE_REST
    assert fixes["feed readers remove <style>"] == CODE_FIX.format(tag="style")


CODE_FIX = (
    "They show the rest of the entry but the code it holds, up to </{tag}>; a <{tag} …/> holds"
    " what follows it as its code, up to </{tag}> or the entry's end (HTML5 ignores the '/'):"
    " write <{tag} …></{tag}>, or take it out."
)
SELF_CLOSED_SCRIPT = """\
---
title: Embed
date: 2025-03-01
---
Before <script src="https://widgets.example/w.js"/> the widget.

Next paragraph.
"""


def test_a_self_closed_script_is_told_it_hides_what_follows(site: Site) -> None:
    """HTML5 ignores the '/' of `<script …/>`: the build publishes what follows as the script's
    code, which readers remove with it. check said "They show the rest of the entry"."""
    site(CONFIG, **{"embed.md": SELF_CLOSED_SCRIPT})
    assert invoke_build().exit_code == 0
    (content,) = etree.parse(ATOM).iterfind(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}content")
    (script,) = lxml.html.fragment_fromstring(content.text, create_parent="div").iter("script")
    assert "the widget." in script.text and "Next paragraph." in script.text
    (entry,) = feedparser.parse(ATOM).entries
    shown = str(etree.HTML(entry.content[0].value).xpath("string()"))
    assert "Before" in shown and "widget" not in shown and "Next" not in shown
    found = [f for f in findings(exit_code=0) if f["rule"] == "reader-html"]
    assert [(f["line"], f["message"], f["fix"]) for f in found] == [
        (5, "feed readers remove <script>", CODE_FIX.format(tag="script"))
    ]


TEMPLATE_ELEMENT_FIX = (
    "They show what it holds, which browsers hide: take it out, or, if it is meant to be seen,"
    " write it as HTML without <template>."
)
DRAFT_TEMPLATE = """\
---
title: Draft
date: 2025-03-01
---
A <template><p>hidden draft</p></template> here.
"""


def test_a_template_is_told_readers_show_what_browsers_hide(site: Site) -> None:
    """feedparser drops a <template>'s tags but keeps what it holds, and shows "hidden draft",
    which a browser never shows (Chromium's innerText of the entry is "A here."). check said
    "They show the rest of the entry: link to what it shows", as for an <iframe>."""
    site(CONFIG, **{"draft.md": DRAFT_TEMPLATE})
    assert invoke_build().exit_code == 0
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.HTML(entry.content[0].value)
        assert not shown.xpath("//template"), feed
        assert " ".join(str(shown.xpath("string()")).split()) == "A hidden draft here.", feed
    result = check()
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Warning: entries/draft.md:5: feed readers remove <template>. {TEMPLATE_ELEMENT_FIX}"
        " [reader-html]",
        "ok: 0 errors, 1 warning",
    ]


def test_what_check_reports_is_what_a_reader_removes(site: Site) -> None:
    """feedparser, as a reader, shows the entry without what check reports, and with all the
    rest: the warnings name what readers actually drop, and nothing more."""
    site(CONFIG, **{"markup.md": MARKUP})
    assert invoke_build().exit_code == 0
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        names = {element.tag for element in shown.iter()}
        assert {"iframe", "script", "object"}.isdisjoint(names), feed
        assert {"figure", "figcaption", "video", "span", "b", "img"} <= names, feed
        assert shown.xpath("//span/@class") == ["note"]
        assert not shown.xpath("//@onclick | //@srcset")
        assert shown.xpath("//b/@style") == ["color: red;"]
        assert shown.xpath("//video/@poster") == ["https://pics.example/p.png"]
        code = shown.xpath("string(//pre)")
        assert '<iframe src="https://video.example/embed/shown-as-code">' in code


KEPT = """\
---
title: Drawn
date: 2025-03-01
---
A chart: <svg width="10" height="10"><circle cx="5" cy="5" r="4"/></svg>

<video controls src="https://pics.example/talk.mp4"></video> <audio controls></audio>

A formula, <math><mi>x</mi></math>, and `<svg>` in code. <svg><path d="M0 0"/></svg>
"""


def test_html_readers_keep_that_the_w3c_service_warns_about_is_a_warning(site: Site) -> None:
    # The service warns about inline SVG and MathML (NotHtml) and controls (SecurityRiskAttr),
    # which readers keep, and check said nothing.
    site(CONFIG, **{"kept.md": KEPT})
    assert invoke_build().exit_code == 0
    service = "the W3C Feed Validation Service warns about "
    assert rows(exit_code=0) == [
        warning(
            "entries/kept.md",
            5,
            "w3c-html",
            f"{service}<svg>, which readers keep, here and in 1 more place in this file",
        ),
        warning(
            "entries/kept.md",
            7,
            "w3c-html",
            f"{service}the controls attribute of <audio>, which readers keep",
        ),
        warning(
            "entries/kept.md",
            7,
            "w3c-html",
            f"{service}the controls attribute of <video>, which readers keep",
        ),
        warning("entries/kept.md", 9, "w3c-html", f"{service}<math>, which readers keep"),
    ]
    fixes = {item["message"].split(",")[0]: item["fix"] for item in findings(exit_code=0)}
    assert fixes[f"{service}<math>"] == (
        "Leave it for readers (--ignore w3c-html), or show it as an image, which the service takes."
    )
    assert fixes[f"{service}the controls attribute of <video>"] == (
        "Leave it for readers, who need it to play the file (--ignore w3c-html), or take it out."
    )
    # What the warning says of readers: feedparser keeps all of it.
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        assert {"svg", "circle", "path", "math", "mi"} <= {e.tag for e in shown.iter()}, feed
        assert len(shown.xpath("//video/@controls | //audio/@controls")) == 2, feed
    assert rows("--ignore", "w3c-html", exit_code=0) == []


def test_a_videos_poster_and_preload_alone_are_not_warned_about(site: Site) -> None:
    # The service's list of attributes (validators.py, HTMLValidator.acceptable_attributes)
    # has poster and preload, but not controls: check warned about both, on a feed the
    # service takes as it is.
    video = '<video src="https://pics.example/a.mp4" poster="p.png" preload="none"></video>'
    site(CONFIG, **{"video.md": f"---\ntitle: Talk\ndate: 2025-03-01\n---\nThe talk:\n\n{video}\n"})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(entry.content[0].value, etree.HTMLParser())
        assert shown.xpath("//video/@preload") == ["none"], feed
        assert len(shown.xpath("//video/@poster")) == 1, feed


OLD_MARKUP = """\
---
title: Old markup
date: 2025-03-01
---
A gap <spacer type="horizontal" size="8"></spacer> and <multicol cols="2">columns</multicol>.

<nextid> <sound src="https://pics.example/s.wav"> <event-source src="https://pics.example/e">

A key: <keygen name="k"> and <spacer type="block" height="4"></spacer>.
"""


def test_old_elements_readers_keep_that_the_w3c_service_warns_about_are_warnings(
    site: Site,
) -> None:
    # feedparser keeps these elements of old browsers' HTML; the service does not know them as
    # HTML (NotHtml: "Non-html tag"), and check said nothing.
    site(CONFIG, **{"old.md": OLD_MARKUP})
    assert invoke_build().exit_code == 0
    service = "the W3C Feed Validation Service warns about "
    assert rows(exit_code=0) == [
        warning("entries/old.md", 5, "w3c-html", f"{service}<multicol>, which readers keep"),
        warning(
            "entries/old.md",
            5,
            "w3c-html",
            f"{service}<spacer>, which readers keep, here and in 1 more place in this file",
        ),
        warning("entries/old.md", 7, "w3c-html", f"{service}<event-source>, which readers keep"),
        warning("entries/old.md", 7, "w3c-html", f"{service}<nextid>, which readers keep"),
        warning("entries/old.md", 7, "w3c-html", f"{service}<sound>, which readers keep"),
        warning("entries/old.md", 9, "w3c-html", f"{service}<keygen>, which readers keep"),
    ]
    fixes = {item["fix"] for item in findings(exit_code=0)}
    assert fixes == {"Leave it for readers (--ignore w3c-html), or take it out."}
    old = {"spacer", "multicol", "nextid", "sound", "event-source", "keygen"}
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        assert old <= {str(element.tag) for element in shown.iter()}, feed
    assert rows("--ignore", "w3c-html", exit_code=0) == []


STYLED = """\
---
title: Styled
date: 2025-03-01
---
A photo:

<img src="https://pics.example/a.png" style="border-radius: 4px" alt="">

A <span style="Background-Color: LightBlue; margin: 0 auto">note</span>, kept by all, and
<b style="border: 1px solid #ccc; color: teal">this</b> <i style="padding: 12.5px">too</i>.
"""


def test_a_style_readers_keep_that_the_w3c_service_warns_about_is_a_warning(site: Site) -> None:
    # The service warns about border-radius, not on its list of properties, and about values
    # it does not take as plain in a background-, border-, margin- or padding- property
    # (DangerousStyleAttr); readers keep both, and check said nothing.
    site(CONFIG, **{"styled.md": STYLED})
    assert invoke_build().exit_code == 0
    service = "the W3C Feed Validation Service warns about "
    assert rows(exit_code=0) == [
        warning(
            "entries/styled.md",
            7,
            "w3c-html",
            f"{service}the CSS property border-radius in the style of <img>, which readers keep",
        ),
        warning(
            "entries/styled.md",
            9,
            "w3c-html",
            f"{service}the value lightblue of the CSS property background-color in the style"
            " of <span>, which readers keep",
        ),
        warning(
            "entries/styled.md",
            10,
            "w3c-html",
            f"{service}the value 12.5px of the CSS property padding in the style of <i>, which"
            " readers keep",
        ),
    ]
    fixes = {item["fix"] for item in findings(exit_code=0)}
    assert fixes == {"Leave it for readers (--ignore w3c-html), or take it out."}
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        styles = " ".join(shown.xpath("//@style")).lower()
        for kept in ("border-radius: 4px", "background-color: lightblue", "padding: 12.5px"):
            assert kept in styles, feed
    assert rows("--ignore", "w3c-html", exit_code=0) == []


def test_a_url_in_a_style_readers_keep_is_warned_about_as_the_service_does(site: Site) -> None:
    # Readers take the url() out of a style and keep the rest; the service reads the style as
    # written, and warns about all of it (DangerousStyleAttr): check said nothing.
    note = '<span style="color: teal; background: url(https://pics.example/b.png) #fff">a</span>'
    site(CONFIG, **{"bg.md": f"---\ntitle: Bg\ndate: 2025-03-01\n---\nA\n\nA {note}.\n"})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        warning(
            "entries/bg.md",
            7,
            "w3c-html",
            "the W3C Feed Validation Service warns about the url() in the style of <span>, which"
            " readers take out of it: they show no picture from it",
        )
    ]
    (fix,) = {item["fix"] for item in findings(exit_code=0)}
    assert fix == (
        'Take the url() out, or show the picture with <img src="...">, which readers show and'
        " the service takes."
    )
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        assert shown.xpath("//span/@style") == ["color: teal; background: #fff;"], feed
    assert rows("--ignore", "w3c-html", exit_code=0) == []


LINKS = """\
---
title: Contact
date: 2025-03-01
---
Call [the desk](tel:+380441234567) or write to [us](mailto:desk@notes.staticfeed.test).

Or <a href="tel:+380441234568">the night desk</a>, or [run it](javascript:alert(1)).

The [archive](https://notes.staticfeed.test/archive/), <sms:+3804412>, and `[code](tel:1)`.
"""
URL_FIX = "They show the link, leading nowhere: link to a web page, or write the address as text."


def test_a_link_readers_empty_is_a_warning_whether_markdown_or_html(site: Site) -> None:
    site(CONFIG, **{"markup.md": LINKS})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        removed(5, "the tel: URL of a link, here and in 1 more place in this file"),
        removed(7, "the javascript: URL of a link"),
        removed(9, "the sms: URL of a link"),
    ]
    assert {item["fix"] for item in findings(exit_code=0)} == {URL_FIX}
    # What a reader shows: those links without their URL, the others as written.
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        hrefs = {"".join(link.itertext()): link.get("href") for link in shown.iter("a")}
        assert hrefs == {
            "the desk": "",
            "us": "mailto:desk@notes.staticfeed.test",
            "the night desk": "",
            "run it": "",
            "archive": "https://notes.staticfeed.test/archive/",
            "sms:+3804412": "",
        }, feed


TEMPLATES = """\
---
title: A trip
date: 2025-03-01
---
We went up.{{< figure src="/img/peak.jpg" title="The peak" >}}

{{% notice %}}Be careful.{{% /notice %}} And {{<figure src="/img/b.jpg">}} too.

{% include image.html src="x.png" %} See [the last one]({filename}/2024/last.md).

Writing about Hugo: `{{< figure >}}` in a code span, and sets like {a, b}.

```
{{< shown-as-code >}}
{% also-code %}
```
"""
TEMPLATE_FIX = (
    "Write what it stands for in Markdown or HTML, or put it in backticks to show it as code."
)


def template(line: int, code: str, kind: str, more: int = 0) -> Row:
    places = "place" if more == 1 else "places"
    elsewhere = f", here and in {more} more {places} in this file" if more else ""
    message = (
        f"{code!r} is {kind}, which staticfeed does not expand: readers see it as written"
        f"{elsewhere}"
    )
    return warning("entries/markup.md", line, "template-code", message)


def test_template_code_readers_would_see_as_text_is_a_warning(site: Site) -> None:
    site(CONFIG, **{"markup.md": TEMPLATES})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        template(5, '{{< figure src="/img/peak.jpg" title="T…', "a Hugo shortcode", more=3),
        template(9, '{% include image.html src="x.png" %}', "a Liquid tag (Jekyll)"),
        template(9, "{filename}/2024/last.md", "a Pelican link"),
    ]
    assert {item["fix"] for item in findings(exit_code=0)} == {TEMPLATE_FIX}
    # What makes it worth a warning: a reader shows the code as text, and not what is in code.
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        text = "".join(shown.xpath("//p//text()[not(ancestor::code)]"))
        assert '{{< figure src="/img/peak.jpg" title="The peak" >}}' in text, feed
        assert "{% include image.html" in text, feed
        assert shown.xpath("//a/@href")[0].endswith("%7Bfilename%7D/2024/last.md"), feed
    assert check("--ignore", "template-code").output == "ok: no problems found\n"


def test_template_code_in_each_form_its_generators_take_is_a_warning(site: Site) -> None:
    # Jekyll's whitespace control (`{%-`) and filters (`| upcase`), Pelican's other links
    # (`{tag}`), a run of backticks no run closes (text, not a code span), code in a URL that
    # names a document, and code on a last line with no newline after it: readers see each.
    # A code of 40 characters is quoted in full.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    text = (
        "Jekyll trims {%- include note-for-the-reader.html -%} here.\n\n"
        "Title: {{ page.title | upcase }}.\n\n"
        "Three ``` then {{< figure >}} and `a`.\n\nSee [tags]({tag}python).\n\n"
        "Go [home]({{site.url}}/home.md).\n\nLast {{ x }}"
    )
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    broken = "which staticfeed does not expand: the link or image leads nowhere"
    assert rows(exit_code=0) == [
        template(5, "{%- include note-for-the-reader.html -%}", "a Liquid tag (Jekyll)"),
        template(7, "{{ page.title | upcase }}", "a template variable", more=1),
        template(9, "{{< figure >}}", "a Hugo shortcode"),
        template(11, "{tag}python", "a Pelican link"),
        warning(
            "entries/markup.md",
            13,
            "template-code",
            f"'{{{{site.url}}}}' in a URL is a template variable, {broken}",
        ),
    ]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    text_seen = "".join(shown.xpath("//text()[not(ancestor::code)]"))
    for code in (
        "{%- include note-for-the-reader.html -%}",
        "{{ page.title | upcase }}",
        "{{< figure >}}",
    ):
        assert code in text_seen, code
    assert text_seen.endswith("Last {{ x }}")
    assert [unquote(href) for href in shown.xpath("//a/@href")] == [
        SITE + "{tag}python",
        SITE + "{{site.url}}/home.md",
    ]


def test_template_code_in_a_comment_among_text_is_not_seen(site: Site) -> None:
    # The line was searched as written: code in an HTML comment on a line of text with a brace
    # was said to be seen by readers, who show nothing of a comment.
    front = "---\ntitle: A trip\ndate: 2025-03-01\n---\n"
    text = "Sets {a} <!-- {{ site.url }} --> and {% include a.html %}.\n"
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [template(5, "{% include a.html %}", "a Liquid tag (Jekyll)")]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert shown.text_content() == "Sets {a}  and {% include a.html %}."


def test_template_code_in_a_comment_over_several_lines_among_text_is_not_seen(
    site: Site,
) -> None:
    # Only a comment on one line was left out of its lines of text: code on the line a
    # comment opens on, or on the line it closes on, was said to be seen by readers.
    front = "---\ntitle: A trip\ndate: 2025-03-01\n---\n"
    text = (
        "Sets {a} <!-- {{ site.url }} opens\nthe middle {% hidden %}\n"
        "then {{< closes >}} --> and {% include a.html %}.\n\n> Quoted {b} <!-- {{ q }}\n"
        "> {{ r }} --> and {{ page.url }}.\n"
    )
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        template(7, "{% include a.html %}", "a Liquid tag (Jekyll)"),
        template(10, "{{ page.url }}", "a template variable"),
    ]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert (
        shown.text_content()
        == "Sets {a}  and {% include a.html %}.\n\nQuoted {b}  and {{ page.url }}.\n"
    )
    assert entry.summary == "Sets {a} and {% include a.html %}."


def test_template_code_in_the_text_of_an_html_block_is_a_warning(site: Site) -> None:
    # Only lines of Markdown text were searched: an HTML block's text, which readers show as
    # written, was not. Its comments, scripts, style sheets and code are still left alone.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    text = (
        'Intro.\n\n<div class="note">{{ site.url }}</div>\n\n<div>\n<!-- {% hidden %} -->\n'
        '<script>var a = "{% s %}";</script><pre>{% shown_as_code %}</pre>\n'
        "<p>Then {% include b.html %}.</p>\n</div>\n"
    )
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    assert rows("--ignore", "reader-html", exit_code=0) == [
        template(7, "{{ site.url }}", "a template variable"),
        template(12, "{% include b.html %}", "a Liquid tag (Jekyll)"),
    ]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert shown.xpath("string(div[@class='note'])") == "{{ site.url }}"
    assert shown.xpath("string(div/p)") == "Then {% include b.html %}."


def test_template_code_in_a_template_of_an_html_block_is_a_warning(site: Site) -> None:
    # Readers drop a <template>'s tags and show what it holds: code in one among text was
    # reported, in an HTML block not. Each is told once: the code by template-code, the
    # <template> by reader-html.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    text = (
        "Intro.\n\n<template>\n<p>Draft for {{ site.url }}</p>\n"
        "<pre>{% shown_as_code %}</pre>\n</template>\n"
    )
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    assert [row[3] for row in rows(exit_code=0)] == ["reader-html", "template-code"]
    assert rows("--ignore", "reader-html", exit_code=0) == [
        template(8, "{{ site.url }}", "a template variable"),
    ]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert shown.xpath("//template") == []
    assert shown.xpath("string(p[2])") == "Draft for {{ site.url }}"


def test_template_code_in_the_one_html_block_of_an_entry_is_a_warning(site: Site) -> None:
    # Taken for the whole Markdown, as it is without cmark-gfm's own functions, an entry's one
    # HTML block was not searched when no line of text held a brace.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    text = 'Intro.\n\n<div class="note">\n<p>See {{ site.url }}.</p>\n</div>\n'
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [template(8, "{{ site.url }}", "a template variable")]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert shown.xpath("string(div/p)") == "See {{ site.url }}."


def test_template_code_of_an_html_block_is_named_where_readers_see_it(site: Site) -> None:
    # The line was that of the first place the code is written in the block: the comment's
    # (line 8), or an attribute's, above the text readers see it in.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    text = (
        'Intro.\n\n<div class="note">\n<!-- {{ site.url }} was here -->\n'
        '<p title="{{ site.url }}">\nSee {{ site.url }}.</p>\n</div>\n\nThen {{ page.url }}.\n'
    )
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    # The first place of the kind by line, though the line of text was searched first.
    assert rows(exit_code=0) == [template(10, "{{ site.url }}", "a template variable", more=1)]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert shown.xpath("string(div/p)") == "\nSee {{ site.url }}."


def test_template_code_of_an_html_block_is_not_named_in_code_a_script_or_other_code(
    site: Site,
) -> None:
    # The same code in a <pre> or a <script> above, whose text readers show as code or not at
    # all, is not where readers see it; nor is a variable written inside a shortcode above.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    block = (
        'Intro.\n\n<div class="note">\n<pre>{{ site.url }}</pre>\n'
        '<script>var u = "{{ site.url }}";</script>\n<p>See {{ site.url }}.</p>\n</div>\n'
    )
    inside = (
        'Intro.\n\n<div class="note">\n{{< note "{{ page.url }}" >}}\nThen {{ page.url }}.\n'
        "</div>\n"
    )
    later = front.replace("03-01", "03-02")
    site(CONFIG, **{"markup.md": front + block, "shortcode.md": later + inside})
    assert invoke_build().exit_code == 0
    assert rows("--ignore", "reader-html", exit_code=0) == [
        template(10, "{{ site.url }}", "a template variable"),
        warning(
            "entries/shortcode.md",
            8,
            "template-code",
            "'{{< note \"{{ page.url }}\" >}}' is a Hugo shortcode, which staticfeed does not"
            " expand: readers see it as written",
        ),
        warning(
            "entries/shortcode.md",
            9,
            "template-code",
            "'{{ page.url }}' is a template variable, which staticfeed does not expand: readers"
            " see it as written",
        ),
    ]
    for entry in feedparser.parse(ATOM).entries:
        shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
        lines = shown.xpath("string(div)").split("\n")
        assert lines[-2] in ("Then {{ page.url }}.", "See {{ site.url }}."), lines


def test_template_code_written_with_a_character_reference_is_named_where_readers_see_it(
    site: Site,
) -> None:
    # `&#123;{ a }}` is shown as `{{ a }}`, but not written so: the code was named at the
    # first place it is written as such, the comment above (line 8), which readers do not see.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    text = 'Intro.\n\n<div class="note">\n<!-- {{ a }} -->\n<p>\nSee &#123;{ a }}.</p>\n</div>\n'
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [template(10, "{{ a }}", "a template variable")]
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert shown.xpath("string(div/p)") == "\nSee {{ a }}."


def test_template_code_in_html_attributes_is_judged_alike_among_text_and_in_blocks(
    site: Site,
) -> None:
    # A title among text was said to be seen as written, though one in an HTML block was not:
    # readers show neither. Code in a URL, which breaks the link, was reported nowhere.
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    text = (
        'Set {a} <abbr title="{{ x }}">y</abbr> ok.\n\n<div class="note">\n'
        '<abbr title="{{ x }}">y</abbr> and <a href="{{ site.url }}/b">b</a>\n</div>\n\n'
        'Go <a href="{{ site.url }}/p">there</a>, [it]({{site.url}}/q), and <img\n'
        'src="{% link c.png %}" alt="c">.\n'
    )
    site(CONFIG, **{"markup.md": front + text})
    assert invoke_build().exit_code == 0
    broken = "which staticfeed does not expand: the link or image leads nowhere"
    assert rows(exit_code=0) == [
        warning(
            "entries/markup.md",
            8,
            "template-code",
            f"'{{{{ site.url }}}}' in a URL is a template variable, {broken}, here and in 2 more "
            "places in this file",
        ),
        warning(
            "entries/markup.md",
            12,
            "template-code",
            f"'{{% link c.png %}}' in a URL is a Liquid tag (Jekyll), {broken}",
        ),
    ]
    assert {item["fix"] for item in findings(exit_code=0)} == {"Write the URL it stands for."}
    (entry,) = feedparser.parse(ATOM).entries
    shown = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
    assert "{{" not in shown.text_content()
    urls = shown.xpath("//a/@href | //img/@src")
    assert len(urls) == 4
    assert all("{{" in unquote(url) or "{%" in unquote(url) for url in urls), urls


def test_without_cmark_gfms_own_functions_code_in_code_blocks_is_not_template_code(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Then the whole Markdown is one piece of raw HTML, code blocks and all.
    monkeypatch.setattr(gfm, "_freeing", lambda: None)
    front = "---\ntitle: A note\ndate: 2025-03-01\n---\n"
    site(CONFIG, **{"markup.md": front + "Intro.\n\n```\n<p>{{ shown_as_code }}</p>\n```\n"})
    assert invoke_build().exit_code == 0
    assert check().output == "ok: no problems found\n"


def test_lines_count_from_the_file_when_build_takes_the_title_line(site: Site) -> None:
    # No front matter: build takes the first lines as the title and date, check counts lines
    # from the top of the file all the same.
    text = '# Embedded\n\n2025-03-01\n\nWatch:\n\n<iframe src="https://v.example/1"></iframe>\n'
    site(CONFIG, **{"markup.md": text})
    assert invoke_build().exit_code == 0
    assert Path("entries/markup.md").read_text().splitlines()[6].startswith("<iframe")
    assert rows(exit_code=0) == [removed(7, "<iframe>")]


def test_markup_in_drafts_and_code_is_not_reported(site: Site) -> None:
    draft = "---\ntitle: Draft\ndate: 2025-03-01\ndraft: true\n---\n<script>x()</script>\n"
    code = "---\ntitle: Code\ndate: 2025-03-02\n---\n    <script>x()</script>\n\n`<iframe>`\n"
    site(CONFIG, **{"draft.md": draft, "code.md": code, "newer.md": NEWER})
    assert invoke_build().exit_code == 0
    result = check()
    assert (result.exit_code, result.output) == (0, "ok: no problems found\n")


def test_markup_published_as_what_readers_keep_is_not_reported(site: Site) -> None:
    # staticfeed publishes <plaintext> as <pre>: check gave feedparser the <plaintext> and
    # warned, at no line, that readers remove <pre>. They keep it, and show its text.
    body = "---\ntitle: Raw\ndate: 2025-03-01\n---\nCode:\n\n<plaintext>\n<b>x</b> &amp; y\n"
    site(CONFIG, **{"raw.md": body})
    assert invoke_build().exit_code == 0
    result = check()
    assert (result.exit_code, result.output) == (0, "ok: no problems found\n")
    for feed in (ATOM, RSS):
        (entry,) = feedparser.parse(feed).entries
        shown = etree.fromstring(f"<div>{entry.content[0].value}</div>", etree.HTMLParser())
        assert shown.xpath("string(//pre)").strip() == "<b>x</b> &amp; y", feed


# Pieces of raw HTML, well-formed or not, that an entry may hold: check reads any of them.
RAW_PIECES = [
    *("<div>", "</div>", "<p style='position:fixed;color:red'>", "<b onclick=x>", "</b>"),
    *("<script>", "</script>", "<iframe src='https://v.test/1'>", "</iframe>", "<!--", "-->"),
    *("<![CDATA[", "]]>", "<?php", "?>", "<svg><circle r=1>", "</svg>", "<math><mi>x</mi>"),
    *("<a href='javascript:x'>", "<A HREF='JAVASCRIPT:x'>", "<img srcset='a 1x'>", "<x-widget>"),
    *("&#1;", "&#xFFFE;", "&amp;", "<", ">", "`", "```\n", "    ", "\n", "\n\n", "text", "é"),
    *("| a |\n|---|\n", "<table><tr><td>", "<!DOCTYPE html>", "<html>", "<body>", "<title>t"),
    *(
        "{{< fig >}}",
        "{{% n %}}",
        "{% include x %}",
        "{{ site.url }}",
        "{",
        "}}",
        "[a]({static}/x)",
    ),
]


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(body=st.lists(st.sampled_from(RAW_PIECES), max_size=25).map("".join))
@example(body="</div>&#1;")  # both were tracebacks: in build, then in check
@example(body="<b onclick=x>&#1;</b>")
def test_check_reads_any_raw_html(tmp_path_factory: pytest.TempPathFactory, body: str) -> None:
    """Whatever raw HTML or template code an entry holds, check reports it as warnings at
    lines of the file, never a traceback, and build takes it."""
    folder = tmp_path_factory.mktemp("raw")
    text = f"---\ntitle: Raw\ndate: 2025-03-01\n---\n{body}\n"
    (folder / "entries").mkdir()
    (folder / "entries" / "raw.md").write_text(text, encoding="utf-8")
    (folder / "staticfeed.toml").write_text(CONFIG, encoding="utf-8")
    runner = CliRunner()
    with contextlib.chdir(folder):  # not click's isolated_filesystem, deprecated in click 8.5
        built = runner.invoke(cli, ["build", "-q"])
        assert built.exit_code == 0, built.output
        result = runner.invoke(cli, ["check", "--format", "json"])
        (entry,) = feedparser.parse(ATOM).entries
    assert result.exit_code == 0, result.output
    shown = entry.get("content", [{}])[0].get("value", "") + entry.get("summary", "")
    lines = len(text.splitlines())
    for found in json.loads(result.stdout):
        if found["rule"] in ("no-text", "build"):  # a title alone for readers
            assert not lxml.html.fragment_fromstring(shown, "div").text_content().strip(), found
            continue
        starts = {
            # "<b> is still open at …", "<b> holds …": formatting HTML5 reads otherwise
            "reader-html": ("feed readers remove ", "HTML reads the CDATA section ", "<"),
            "w3c-html": "the W3C Feed Validation Service warns about ",
            "template-code": "'",
        }
        assert found["message"].startswith(starts[found["rule"]]), found
        assert found["line"] is None or 5 <= found["line"] <= lines, (found, text)


def test_a_title_with_a_character_reference_is_a_warning_for_rss(site: Site) -> None:
    # feedparser showed "Use & and <b> literally" for the RSS title, and check said nothing.
    text = "---\ntitle: Use &amp; and &lt;b&gt; literally\ndate: 2025-03-01\n---\nBody.\n"
    plain = "---\ntitle: Tom & Jerry; R&D;\ndate: 2025-03-02\n---\nBody.\n"
    site(CONFIG, **{"ref.md": text, "plain.md": plain})
    assert invoke_build().exit_code == 0
    message = (
        "the title holds '&amp;' (and 2 more): RSS cannot mark a title as text, so some readers"
        " (feedparser) take it for an HTML character reference and show '&'"
    )
    assert rows(exit_code=0) == [warning("entries/ref.md", 2, "looks-like-html", message)]
    # What the warning says: feedparser gives the RSS title as HTML, which shows "&" (and
    # "<" and ">" for the two more).
    rss = {lxml_text(entry.title): entry for entry in feedparser.parse(RSS).entries}
    assert rss["Use & and <b> literally"].title_detail.type == "text/html"
    assert rss["Tom & Jerry; R&D;"].title_detail.type == "text/plain"


def test_a_title_with_a_numeric_character_reference_is_a_warning_for_rss(site: Site) -> None:
    site(CONFIG, **{"num.md": "---\ntitle: Caf&#233; notes\ndate: 2025-03-01\n---\nBody.\n"})
    assert invoke_build().exit_code == 0
    message = (
        "the title holds '&#233;': RSS cannot mark a title as text, so some readers (feedparser) "
        "take it for an HTML character reference and show 'é'"
    )
    assert rows(exit_code=0) == [warning("entries/num.md", 2, "looks-like-html", message)]
    (item,) = feedparser.parse(RSS).entries
    assert (lxml_text(item.title), item.title_detail.type) == ("Café notes", "text/html")


def test_a_title_feedparser_shows_as_written_is_no_warning_of_a_reference(site: Site) -> None:
    # check said feedparser showed "Don't panic", but it knows HTML 4's entity names alone:
    # "&apos;" (HTML 5's) makes it read the whole RSS title as text, which it shows as written.
    apos = '---\ntitle: "Don&apos;t panic"\ndate: 2025-03-01\n---\nBody.\n'
    mixed = '---\ntitle: "R&amp;D&apos;s </b> tag"\ndate: 2025-03-02\n---\nBody.\n'
    site(CONFIG, **{"apos.md": apos, "mixed.md": mixed})
    assert invoke_build().exit_code == 0
    message = (
        "the title holds '</b>': readers show it as text, but the W3C Feed Validation Service"
        " warns that it looks like HTML"
    )
    assert rows(exit_code=0) == [warning("entries/mixed.md", 2, "looks-like-html", message)]
    rss = {entry.title: entry for entry in feedparser.parse(RSS).entries}
    assert rss["Don&apos;t panic"].title_detail.type == "text/plain"
    assert rss["R&amp;D&apos;s </b> tag"].title_detail.type == "text/plain"


def test_check_still_warns_of_an_rss_title_if_feedparser_drops_its_guess(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # check asks feedparser's private looks_like_html; a release without it must not turn
    # `check` into a traceback, and the title is warned about as one readers take for HTML.
    from feedparser import mixin

    monkeypatch.delattr(mixin._FeedParserMixin, "looks_like_html")
    site(CONFIG, **{"a.md": '---\ntitle: "R&amp;D </b> tag"\ndate: 2025-03-01\n---\nBody.\n'})
    assert invoke_build().exit_code == 0
    reference = (
        "the title holds '&amp;': RSS cannot mark a title as text, so some readers (feedparser)"
        " take it for an HTML character reference and show '&'"
    )
    tag = (
        "the title holds '</b>': RSS cannot mark a title as text, so some readers (feedparser)"
        " show it as HTML, and the W3C Feed Validation Service warns that it looks like HTML"
    )
    assert [row for row in rows(exit_code=0) if row[3] == "looks-like-html"] == [
        warning("entries/a.md", 2, "looks-like-html", reference),
        warning("entries/a.md", 2, "looks-like-html", tag),
    ]


def test_a_title_the_w3c_service_took_for_a_reference_is_no_warning(site: Site) -> None:
    # Its nonhtml check needs no ";": "&" before an entity's name or anything with a digit.
    # check said the service warned about "Why x&1 is odd"; RSS now writes its "&" as a
    # hexadecimal reference, on a line the service leaves alone, and Atom as escaped HTML.
    text = "---\ntitle: Why x&1 is odd\ndate: 2025-03-01\n---\nBody.\n"
    site(CONFIG, **{"digit.md": text})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []
    assert line_of(RSS, "<title>Why x&#x26;1 is odd</title>")
    assert feedparser.parse(RSS).entries[0].title == "Why x&1 is odd"


def test_a_title_with_an_end_tag_is_a_warning_at_its_line(site: Site) -> None:
    text = (
        "---\ntitle: The <b>bold</b> tag\ndate: 2025-03-01\n"
        'summary: "Closing tags like </p>, and a < b > c"\n---\nBody.\n'
    )
    plain = "---\ntitle: a < b > c, and <br>\ndate: 2025-03-02\n---\nBody.\n"
    site(CONFIG, **{"tags.md": text, "plain.md": plain})
    assert invoke_build().exit_code == 0
    title = (
        "the title holds '</b>': RSS cannot mark a title as text, so some readers (feedparser)"
        " show it as HTML, and the W3C Feed Validation Service warns that it looks like HTML"
    )
    assert rows(exit_code=0) == [warning("entries/tags.md", 2, "looks-like-html", title)]
    fixes = [item["fix"] for item in findings(exit_code=0)]
    assert fixes == ['Write it another way, such as "the b end tag", or leave it.']
    # What the warning says of readers: feedparser takes the RSS title for HTML. Atom carries
    # the title and the summary as escaped HTML (its text has an end tag, which the W3C service
    # warns about in text), and both read back as written; the plain title stays text.
    rss = {entry.title: entry for entry in feedparser.parse(RSS).entries}
    assert rss["The <b>bold</b> tag"].title_detail.type == "text/html"
    atom = feedparser.parse(ATOM).entries
    shown = {
        entry.title if entry.title_detail.type == "text/plain" else lxml_text(entry.title): entry
        for entry in atom
    }
    assert shown["The <b>bold</b> tag"].title_detail.type == "text/html"
    assert lxml_text(shown["The <b>bold</b> tag"].summary) == (
        "Closing tags like </p>, and a < b > c"
    )
    assert shown["a < b > c, and <br>"].title_detail.type == "text/plain"
    titles = etree.parse(ATOM).getroot().iterfind(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}title")
    assert [(title.get("type"), title.text) for title in titles] == [
        (None, "a < b > c, and <br>"),
        ("html", "The &lt;b&gt;bold&lt;/b&gt; tag"),
    ]
    rss_summary = lxml_text(rss["The <b>bold</b> tag"].summary)
    assert rss_summary == "Closing tags like </p>, and a < b > c"


def test_the_configs_texts_tags_and_names_that_look_like_html_are_warnings(site: Site) -> None:
    # The W3C service warned that the RSS title, description, <category> and Atom <name> look
    # like HTML (ContainsHTML), and feedparser showed the titles as HTML; check said nothing.
    config = (
        CONFIG.replace('"Field notes"', '"Why </b> matters"')
        .replace("Ann Lee", "Ann </i> Lee")
        .replace('language = "en"', 'subtitle = "Use &amp; literally"')
    )
    post = "---\ntitle: Post\ndate: 2025-03-01\ntags: [R&amp;D, a </b> b, plain]\n---\nBody.\n"
    own = "---\ntitle: Own\ndate: 2025-03-02\nauthor: Bob &amp; Co\n---\nBody.\n"
    site(config, **{"post.md": post, "own.md": own})
    assert invoke_build().exit_code == 0
    shown = "so some readers (feedparser) show it as HTML, and the W3C Feed Validation Service"
    shown += " warns that it looks like HTML"
    reference = "so some readers (feedparser) take it for an HTML character reference and show '&'"
    tag_feed = "RSS cannot mark the title of its tag feed as text"
    assert rows(exit_code=0) == [
        warning(
            "entries/own.md",
            4,
            "looks-like-html",
            "the author name 'Bob &amp; Co' holds '&amp;': RSS cannot mark the title of its"
            f" author feed as text, {reference}",
        ),
        warning(
            "entries/post.md",
            4,
            "looks-like-html",
            f"the tag 'R&amp;D' holds '&amp;': {tag_feed}, {reference}",
        ),
        warning(
            "entries/post.md",
            4,
            "looks-like-html",
            f"the tag 'a </b> b' holds '</b>': {tag_feed}, {shown}",
        ),
        warning(
            "staticfeed.toml",
            1,
            "looks-like-html",
            f"the title holds '</b>': RSS cannot mark a title as text, {shown}",
        ),
        warning(
            "staticfeed.toml",
            4,
            "looks-like-html",
            f"the subtitle holds '&amp;': RSS cannot mark a description as text, {reference}",
        ),
        warning(
            "staticfeed.toml",
            5,
            "looks-like-html",
            "the author name 'Ann </i> Lee' holds '</i>': RSS cannot mark the title of its"
            f" author feed as text, {shown}",
        ),
    ]
    fixes = {item["message"].split(":")[0]: item["fix"] for item in findings(exit_code=0)}
    assert fixes["the tag 'a </b> b' holds '</b>'"] == (
        'Write it another way, such as "the b end tag", or leave it.'
    )
    # What the warnings say of readers: feedparser takes these RSS titles for HTML, which
    # shows neither the end tag nor "&amp;" as written.
    for feed, title in [
        (RSS, "Why  matters"),
        ("feeds/tags/r-amp-d.rss.xml", "Why  matters: R&D"),
        ("feeds/authors/bob-amp-co.rss.xml", "Why  matters: by Bob & Co"),
    ]:
        parsed = feedparser.parse(feed).feed
        assert parsed.title_detail.type == "text/html", feed
        assert lxml_text(parsed.title) == title, feed
    assert lxml_text(feedparser.parse(RSS).feed.subtitle) == "Use & literally"
    # Without tag and author feeds, a tag or a name holds no title: only the end tag is warned.
    site(config + "tag_feeds = false\nauthor_feeds = false\n", **{"post.md": post, "own.md": own})
    assert invoke_build().exit_code == 0
    messages = [row[4] for row in rows(exit_code=0) if row[0] != "staticfeed.toml"]
    assert messages == [
        "the tag 'a </b> b' holds '</b>': readers show it as text, but the W3C Feed Validation"
        " Service warns that it looks like HTML"
    ]


def test_an_author_name_in_an_authors_list_that_looks_like_html_is_at_its_line(
    site: Site,
) -> None:
    post = "---\ntitle: Post\ndate: 2025-03-01\nauthors: [{name: Ann </b> Lee}]\n---\nBody.\n"
    site(CONFIG, **{"post.md": post})
    assert invoke_build().exit_code == 0
    message = (
        "the author name 'Ann </b> Lee' holds '</b>': RSS cannot mark the title of its author"
        " feed as text, so some readers (feedparser) show it as HTML, and the W3C Feed"
        " Validation Service warns that it looks like HTML"
    )
    assert rows(exit_code=0) == [warning("entries/post.md", 4, "looks-like-html", message)]


def test_text_feedparser_takes_for_a_start_tag_is_a_warning(site: Site) -> None:
    # feedparser showed the subtitle "Sizes of Vec<T>" as "Sizes of Vec", and the title
    # "R&amp;D <b>notes" without its "<b>"; check said nothing, as it looked for end tags alone.
    config = CONFIG.replace('language = "en"', 'subtitle = "Sizes of Vec<T>"')
    bold = "---\ntitle: R&amp;D <b>notes\ndate: 2025-03-01\n---\nBody.\n"
    # A start tag alone leaves an RSS title text; feedparser shows it as written.
    plain = "---\ntitle: Vec<T>, a < b, 1<2 <3\ndate: 2025-03-02\n---\nBody.\n"
    site(config, **{"bold.md": bold, "plain.md": plain})
    assert invoke_build().exit_code == 0
    reference = "so some readers (feedparser) take it for an HTML character reference and show '&'"
    tag = "so some readers (feedparser) take it for an HTML tag and do not show it"
    assert rows(exit_code=0) == [
        warning(
            "entries/bold.md",
            2,
            "looks-like-html",
            f"the title holds '&amp;': RSS cannot mark a title as text, {reference}",
        ),
        warning(
            "entries/bold.md",
            2,
            "looks-like-html",
            f"the title holds '<b>': RSS cannot mark a title as text, {tag}",
        ),
        warning(
            "staticfeed.toml",
            4,
            "looks-like-html",
            f"the subtitle holds '<T>': RSS cannot mark a description as text, {tag}",
        ),
    ]
    fixes = {item["fix"] for item in findings(exit_code=0)}
    assert fixes == {"Write it another way, or leave it: Atom and JSON Feed show it as written."}
    # What the warnings say: feedparser reads these as HTML, which shows no start tag.
    parsed = feedparser.parse(RSS)
    assert lxml_text(parsed.feed.subtitle) == "Sizes of Vec"
    titles = {entry.title_detail.type: entry.title for entry in parsed.entries}
    assert lxml_text(titles["text/html"]) == "R&D notes"
    assert titles["text/plain"] == "Vec<T>, a < b, 1<2 <3"
    # Atom and JSON Feed show them as written.
    assert feedparser.parse(ATOM).feed.subtitle == "Sizes of Vec<T>"
    assert json.loads(Path(JSON).read_text(encoding="utf-8"))["description"] == "Sizes of Vec<T>"


def test_a_start_tag_the_end_of_a_description_cuts_off_is_a_warning(site: Site) -> None:
    site(CONFIG.replace('language = "en"', 'subtitle = "Notes on <b"'), **{"newer.md": NEWER})
    assert invoke_build().exit_code == 0
    assert lxml_text(feedparser.parse(RSS).feed.subtitle).strip() == "Notes on"
    message = (
        "the subtitle holds '<b': RSS cannot mark a description as text, so some readers"
        " (feedparser) take it for an HTML tag and do not show it"
    )
    assert rows(exit_code=0) == [warning("staticfeed.toml", 4, "looks-like-html", message)]


def test_a_comment_over_two_lines_of_a_description_is_named_whole(site: Site) -> None:
    subtitle = 'subtitle = "Notes <!-- a\\nb --> end"'
    site(CONFIG.replace('language = "en"', subtitle), **{"newer.md": NEWER})
    assert invoke_build().exit_code == 0
    assert " ".join(lxml_text(feedparser.parse(RSS).feed.subtitle).split()) == "Notes end"
    message = (
        "the subtitle holds '<!-- a\\nb -->': RSS cannot mark a description as text, so some"
        " readers (feedparser) take it for an HTML comment and do not show it"
    )
    assert rows(exit_code=0) == [warning("staticfeed.toml", 4, "looks-like-html", message)]


def test_a_less_than_sign_in_a_description_is_a_warning_only_as_a_tag(site: Site) -> None:
    # "<" before what cannot start a tag name is text to HTML readers.
    text = "a < b, 1<2 <3"
    site(CONFIG.replace('language = "en"', f'subtitle = "{text}"'), **{"older.md": OLDER})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == []
    assert lxml_text(feedparser.parse(RSS).feed.subtitle) == text
    # feedparser drops "<>", which HTML 5 shows as text.
    site(CONFIG.replace('language = "en"', 'subtitle = "Vec<> is empty"'), **{"older.md": OLDER})
    assert invoke_build().exit_code == 0
    assert [row[4].split(":")[0] for row in rows(exit_code=0)] == ["the subtitle holds '<>'"]
    assert lxml_text(feedparser.parse(RSS).feed.subtitle) == "Vec is empty"


@pytest.mark.parametrize(
    ("subtitle", "held", "kind", "shown"),
    [
        ("Notes <!-- draft --> here", "<!-- draft -->", "an HTML comment", "Notes  here"),
        ("Notes <!-- draft here", "<!-- draft here", "an HTML comment", "Notes"),
        ("Notes <?x?> here", "<?x?>", "an HTML processing instruction", "Notes  here"),
        ("Notes <? here", "<? here", "an HTML processing instruction", "Notes "),
        # feedparser dropped these, and check said nothing.
        ("Notes <!doctype html> here", "<!doctype html>", "an HTML doctype", "Notes  here"),
        ("Notes <!DOCTYPE html", "<!DOCTYPE html", "an HTML doctype", "Notes "),
        # feedparser dropped these too, and check said nothing: an internal subset, and a
        # declaration with a longer name, which may hold "=".
        ("Notes <!doctype x []> here", "<!doctype x []>", "an HTML doctype", "Notes  here"),
        ("Notes <!doctypex a=b> here", "<!doctypex a=b>", "an HTML doctype", "Notes  here"),
        # A comment in an internal subset ends, as feedparser's sanitizer reads it, at its
        # first "--" and the next ">" when no "-->" follows.
        (
            "Notes <!doctype x [<!-- a -- b >]> here",
            "<!doctype x [<!-- a -- b >]>",
            "an HTML doctype",
            "Notes  here",
        ),
        # An internal subset the end of the text cuts off: sgmllib waits for the rest.
        ("Notes <!doctype x [%", "<!doctype x [%", "an HTML doctype", "Notes "),
        ("Notes <!doctype x [ <!-- c", "<!doctype x [ <!-- c", "an HTML doctype", "Notes "),
        ("Notes <![CDATA[x]]> here", "<![CDATA[x]]>", "a CDATA section", "Notes  here"),
        ("Notes <![endif]> here", "<![endif]>", "a marked section", "Notes  here"),
        # A marked section the end of the text cuts off (but its spaces, which feedparser
        # strips), before its keyword's end: sgmllib waits for the rest, and feedparser
        # passes it on, for the reader to hide; check said nothing.
        ("Notes <![", "<![", "a marked section", "Notes "),
        ("Notes <![CDATA", "<![CDATA", "a marked section", "Notes "),
        ("Notes <![if:x-1.b", "<![if:x-1.b", "a marked section", "Notes "),
    ],
)
def test_a_comment_instruction_or_declaration_in_a_description_is_a_warning(
    site: Site, subtitle: str, held: str, kind: str, shown: str
) -> None:
    # feedparser reads RSS's <description> as HTML, whose reader shows none of these: check
    # said nothing, as it looked for tags and references alone.
    assert subtitle_rows(site, subtitle) == [
        subtitle_warning(held, f"take it for {kind} and do not show it")
    ]
    assert lxml_text(feedparser.parse(RSS).feed.subtitle) == shown
    assert feedparser.parse(ATOM).feed.subtitle == subtitle


def subtitle_rows(site: Site, subtitle: str) -> list[Row]:
    """What check reports for a site whose config has this subtitle, once built."""
    site(CONFIG.replace('language = "en"', f'subtitle = "{subtitle}"'), **{"older.md": OLDER})
    assert invoke_build().exit_code == 0
    return rows(exit_code=0)


def subtitle_warning(held: str, reading: str) -> Row:
    return warning(
        "staticfeed.toml",
        4,
        "looks-like-html",
        f"the subtitle holds {held!r}: RSS cannot mark a description as text, so some readers"
        f" (feedparser) {reading}",
    )


@pytest.mark.parametrize(
    "subtitle",
    [
        "Notes <!doc> here",
        "Notes <!doctype a, b> here",
        "Notes <![CDATA[x here",
        "Notes <!doctype a=b> here",
        "Notes <!doctype a, b> <!doctypex a=b> here",
        "Notes <!doctype x [<!ENTITY e 'v'>]> here",
        "Notes <!doctype x [%a, here",
        # A keyword with more after it, a space or a "[" for one: feedparser shows it.
        "Notes <![a b",
        "Notes <![CDATA[",
    ],
)
def test_a_declaration_feedparser_shows_in_a_description_is_no_warning(
    site: Site, subtitle: str
) -> None:
    # feedparser shows these as written: "<!" begins a declaration only before "doctype" or
    # "[", a "," is no part of a doctype, and a CDATA section needs its "]]>". A doctype
    # holds no "=", and once sgmllib has read "<!doctype" no later declaration does; and
    # feedparser writes "&lt;" for the "<!" of a declaration in an internal subset.
    assert subtitle_rows(site, subtitle) == []
    assert lxml_text(feedparser.parse(RSS).feed.subtitle) == subtitle


def test_a_marked_section_feedparser_garbles_in_a_description_is_a_warning(site: Site) -> None:
    # feedparser, failing to read "<![" before a character no name starts with, wrote the
    # whole description over and over, and check said nothing.
    subtitle = "Arrays <![1]> here"
    assert subtitle_rows(site, subtitle) == [
        subtitle_warning("<![", "take it for a marked section and show the text several times over")
    ]
    assert lxml_text(feedparser.parse(RSS).feed.subtitle).count("Arrays") > 1
    assert feedparser.parse(ATOM).feed.subtitle == subtitle


@pytest.mark.parametrize(
    ("subtitle", "held"),
    [
        ("Notes <!doctype x [%,]> here", "<!doctype x [%"),
        ("Notes <!DOCTYPE x [%a; <!-- c --> %1]> here", "<!DOCTYPE x [%a; <!-- c --> %"),
        ("Notes <!doctype [%,", "<!doctype [%"),
        ("Notes <!doctype x [<![a]> here", "<!doctype x [<!["),
    ],
)
def test_a_doctype_feedparser_garbles_in_a_description_is_a_warning(
    site: Site, subtitle: str, held: str
) -> None:
    # A "%" in an internal subset before what starts no name: feedparser's sgmllib cannot read
    # it, and wrote the whole description over and over, and check said nothing.
    assert subtitle_rows(site, subtitle) == [
        subtitle_warning(held, "take it for an HTML doctype and show the text several times over")
    ]
    assert lxml_text(feedparser.parse(RSS).feed.subtitle).count("Notes") > 1
    assert feedparser.parse(ATOM).feed.subtitle == subtitle


def test_a_doctype_or_cdata_in_a_title_read_as_html_is_a_warning(site: Site) -> None:
    # An RSS title with a reference is HTML to feedparser, which dropped these from it.
    title = "R&amp;D <!doctype html> <![CDATA[x]]> notes"
    site(CONFIG, **{"bold.md": f"---\ntitle: {title}\ndate: 2025-03-01\n---\nBody.\n"})
    assert invoke_build().exit_code == 0
    rss = "RSS cannot mark a title as text, so some readers (feedparser)"
    assert rows(exit_code=0)[1:] == [
        warning(
            "entries/bold.md",
            2,
            "looks-like-html",
            f"the title holds '<!doctype html>' (and 1 more): {rss} take it for an HTML"
            " doctype and do not show it",
        ),
    ]
    assert lxml_text(feedparser.parse(RSS).entries[0].title) == "R&D   notes"


def lxml_text(html: str) -> str:
    """The text a reader shows for `html`."""
    return str(etree.fromstring(f"<div>{html}</div>", etree.HTMLParser()).xpath("string()"))


TRIP = """\
---
title: Trip
date: 2025-03-01
---
A map: ![map](map.png), [notes](notes.pdf#p2), [missing](gone.png), [site](/map.png)
and [full](https://pics.test/map.png) and [out](../../secret.txt) and [linked](inside.png).

<img src="map.png" srcset="map.png 1x, big%20map.png 2x" alt="">

<figure>
<img src="deep.png" alt="">
</figure>
"""


def test_a_relative_url_naming_a_file_beside_the_document(site: Site) -> None:
    root = site(CONFIG, **{"2025/trip.md": TRIP, "with-link.md": WITH_LINK})
    for name in ("map.png", "notes.pdf", "big map.png", "deep.png"):
        (root / "entries" / "2025" / name).write_bytes(b"x")
    (root / "entries" / "map.png").write_bytes(b"x")  # what /map.png would be, were it local
    (root / "secret.txt").write_text("outside entries/")
    (root / "entries" / "2025" / "inside.png").symlink_to(root / "secret.txt")
    assert invoke_build().exit_code == 0

    def loaded(url: str, file: str, what: str) -> str:
        return (
            f"{what} '{url}' names entries/{file}, but readers load {SITE}{url}: staticfeed"
            " publishes the feeds and pages, not the files in entries/"
        )

    rules = [r for r in rows(exit_code=0) if r[3] == "relative-file"]
    assert rules == [
        warning(
            "entries/2025/trip.md",
            5,
            "relative-file",
            loaded("map.png", "2025/map.png", "the image"),
        ),
        warning(
            "entries/2025/trip.md",
            5,
            "relative-file",
            loaded("notes.pdf#p2", "2025/notes.pdf", "the link"),
        ),
        warning(
            "entries/2025/trip.md",
            8,
            "relative-file",
            loaded("big%20map.png", "2025/big map.png", "the <img srcset>"),
        ),
        warning(  # an HTML block's own line, not the block's first
            "entries/2025/trip.md",
            11,
            "relative-file",
            loaded("deep.png", "2025/deep.png", "the <img src>"),
        ),
    ]
    # The URL the warning names is the one in the feed, read with lxml.
    namespaces = {"a": "http://www.w3.org/2005/Atom"}
    (content,) = etree.parse(ATOM).xpath(
        "//a:entry[a:title='Trip']/a:content", namespaces=namespaces
    )
    html = etree.fromstring(f"<div>{content.text}</div>", etree.HTMLParser())
    assert html.xpath("//img/@src")[0] == SITE + "map.png"
    assert SITE + "notes.pdf#p2" in html.xpath("//a/@href")


def post(title: str, extra: str = "", body: str = "Text.", date: str = "2025-03-01") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\n{body}\n"


LINKING = post(
    "Linking",
    body="[Second](second.md#part), [a draft](draft.md),\n[a future one](later/future.md#top)."
    "\n![An image](second.md), which is no link.",
)


def test_a_link_to_an_entrys_document_says_why_it_does_not_lead_to_the_entry(
    site: Site,
) -> None:
    site(
        CONFIG,
        **{
            "2025/linking.md": LINKING,
            "2025/second.md": post("Second"),
            "2025/draft.md": post("Draft", "draft: true\n"),
            "2025/later/future.md": post("Future", date="2999-01-01T00:00:00+00:00"),
            "2025/elsewhere.md": post(
                "Elsewhere", "link: https://elsewhere.test/e/\n", "[a draft](draft.md)"
            ),
        },
    )
    assert invoke_build().exit_code == 0
    found = [f for f in findings(exit_code=0) if f["rule"] == "relative-file"]
    assert [(f["file"], f["line"], f["message"], f["fix"]) for f in found] == [
        (
            "entries/2025/elsewhere.md",
            6,
            "the link 'draft.md' names entries/2025/draft.md, the document of an entry that is a"
            " draft: readers load https://elsewhere.test/e/draft.md, and staticfeed publishes"
            " the feeds and pages, not the files in entries/",
            "Publish it (take out draft: true), or take the link out until it is published.",
        ),
        (
            "entries/2025/linking.md",
            5,
            "the link 'draft.md' names entries/2025/draft.md, the document of an entry that is a"
            f" draft: readers load {SITE}draft.md, and staticfeed publishes the feeds and pages,"
            " not the files in entries/",
            "Publish it (take out draft: true), or take the link out until it is published.",
        ),
        (
            "entries/2025/linking.md",
            6,
            "the link 'later/future.md#top' names entries/2025/later/future.md, the document"
            " of an entry that is dated 2999-01-01T00:00:00+00:00, and left out until then:"
            f" readers load {SITE}later/future.md#top, and staticfeed publishes the feeds and"
            " pages, not the files in entries/",
            "Build again once it is due, and the link leads to it; or take the link out.",
        ),
        (
            "entries/2025/linking.md",
            7,
            f"the image 'second.md' names entries/2025/second.md, but readers load {SITE}"
            "second.md: staticfeed publishes the feeds and pages, not the files in entries/",
            "Put the file on the site at that URL, or write the full URL where it is.",
        ),
    ]


def test_an_entry_with_a_link_is_told_of_its_links_to_documents_alone(site: Site) -> None:
    # Its image resolves against its link: page, where the file may well be; its link to a
    # draft's document leads nowhere.
    post = (
        "---\ntitle: Elsewhere\ndate: 2025-03-02\nlink: https://elsewhere.test/p/\n---\n"
        "![map](map.png) and [the draft](draft.md).\n"
    )
    draft = "---\ntitle: Draft\ndate: 2025-03-01\ndraft: true\n---\nText.\n"
    root = site(CONFIG, **{"post.md": post, "draft.md": draft})
    (root / "entries" / "map.png").write_bytes(b"x")
    assert invoke_build().exit_code == 0
    message = (
        "the link 'draft.md' names entries/draft.md, the document of an entry that is a draft:"
        " readers load https://elsewhere.test/p/draft.md, and staticfeed publishes the feeds"
        " and pages, not the files in entries/"
    )
    assert rows(exit_code=0) == [warning("entries/post.md", 6, "relative-file", message)]


def test_a_link_to_the_document_of_an_entry_without_a_page_or_a_link(site: Site) -> None:
    site(
        CONFIG + "pages = false\n",
        **{
            "2025/linking.md": post("Linking", body="[Second](second.md) and [third](third.md)"),
            "2025/second.md": post("Second"),
            "2025/third.md": post("Third", "link: https://elsewhere.test/3/\n"),
        },
    )
    assert invoke_build().exit_code == 0
    found = [f for f in findings(exit_code=0) if f["rule"] == "relative-file"]
    assert [(f["line"], f["message"], f["fix"]) for f in found] == [
        (
            5,
            "the link 'second.md' names entries/2025/second.md, the document of an entry that"
            f" has neither a page (pages = false) nor a link: readers load {SITE}second.md, and"
            " staticfeed publishes the feeds and pages, not the files in entries/",
            "Give it a link:, or set pages = true in the config to give it a page.",
        )
    ]


def test_a_link_to_a_document_path_that_names_no_document(site: Site) -> None:
    """`[missing](zz.md)`, a slip in a link to another entry's document, was published as
    the URL `.../zz.md`, which leads nowhere, and check said nothing. A file beside the
    document that the build does not read (a hidden one) is found as before."""
    body = (
        '[missing](zz.md) and [case](Second.md#part),\n<a href="old/gone.markdown">raw</a>,'
        " [second](second.md), [hidden](.notes.md), ![no link](zz.md)"
    )
    site(
        CONFIG,
        **{
            "2025/linking.md": post("Linking", body=body),
            "2025/second.md": post("Second"),
            "2025/.notes.md": "Notes.\n",
            "2025/elsewhere.md": post(
                "Elsewhere", "link: https://elsewhere.test/e/\n", "[gone](../2024/gone.md)"
            ),
        },
    )
    assert invoke_build().exit_code == 0
    found = [f for f in findings(exit_code=0) if f["rule"] == "relative-file"]
    fix = "Correct the path to that of an entry's document, letter case and all, or write"
    fix += " the full URL."
    assert [(f["file"], f["line"], f["message"], f["fix"]) for f in found] == [
        (
            "entries/2025/elsewhere.md",
            6,
            "the link '../2024/gone.md' names entries/2024/gone.md, which is no entry's document:"
            " readers load https://elsewhere.test/2024/gone.md",
            fix,
        ),
        (
            "entries/2025/linking.md",
            5,
            "the link 'Second.md#part' names entries/2025/Second.md, which is no entry's"
            f" document: readers load {SITE}Second.md#part",
            fix,
        ),
        (
            "entries/2025/linking.md",
            5,
            f"the link 'zz.md' names entries/2025/zz.md, which is no entry's document: readers"
            f" load {SITE}zz.md",
            fix,
        ),
        (
            "entries/2025/linking.md",
            6,
            "the <a href> 'old/gone.markdown' names entries/2025/old/gone.markdown, which is no"
            f" entry's document: readers load {SITE}old/gone.markdown",
            fix,
        ),
        (
            "entries/2025/linking.md",
            6,
            f"the link '.notes.md' names entries/2025/.notes.md, but readers load {SITE}"
            ".notes.md: staticfeed publishes the feeds and pages, not the files in entries/",
            "Put the file on the site at that URL, or write the full URL where it is.",
        ),
    ]


def test_a_backslash_in_raw_html_is_read_as_the_build_reads_it(site: Site) -> None:
    """The build reads a `\\` in the path of a URL in raw HTML as a `/`: `img\\x.png` names
    `img/x.png` beside the document, and `..\\2024\\draft.md` that entry's document, which
    check took as written, a file name with a `\\` that is not there. A Markdown link's `\\`
    is `%5C`, part of the file's name, as before."""
    body = '<img src="img\\x.png" alt="x">\n<a href="..\\2024\\draft.md">old</a>, [md](img\\x.png)'
    root = site(
        CONFIG,
        **{"2025/a.md": post("A", body=body), "2024/draft.md": post("D", "draft: true\n")},
    )
    (root / "entries" / "2025" / "img").mkdir()
    (root / "entries" / "2025" / "img" / "x.png").write_bytes(b"x")
    assert invoke_build().exit_code == 0
    found = [f for f in findings(exit_code=0) if f["rule"] == "relative-file"]
    assert [(f["line"], f["message"]) for f in found] == [
        (
            5,
            "the <img src> 'img\\\\x.png' names entries/2025/img/x.png, but readers load"
            f" {SITE}img/x.png: staticfeed publishes the feeds and pages, not the files in"
            " entries/",
        ),
        (
            6,
            "the <a href> '..\\\\2024\\\\draft.md' names entries/2024/draft.md, the document of an"
            " entry that is a draft: readers load https://notes.staticfeed.test/2024/draft.md,"
            " and staticfeed publishes the feeds and pages, not the files in entries/",
        ),
    ]


def test_a_space_in_a_srcset_url_is_reported(site: Site) -> None:
    """`srcset="café 1.png 1x"` is, by HTML's rules, the URL `café` with `1.png 1x`, which is
    no descriptor: browsers skip that image, and it reached readers as `…/caf%C3%A9`."""
    body = 'Text.\n\n<img alt="x"\n  srcset="café 1.png 1x, big%20map.png 2x, b.png 300w">\n'
    site(CONFIG, **{"2025/a.md": post("A", body=body)})
    assert invoke_build().exit_code == 0
    expected = [
        (
            7,
            "feed readers remove the srcset attribute of <img>",
            ATTRIBUTE_FIX,
        ),
        (
            8,
            "the <img srcset> reads 'café 1.png 1x' as the URL 'café', then '1.png 1x', which is"
            " no width or density: a space ends a URL there, and browsers skip that image",
            "Write each space in the file's name as %20.",
        ),
    ]
    for ignored in ((), ("--ignore", "w3c-html")):  # a reader-html finding, w3c-html or not
        found = [f for f in findings(*ignored, exit_code=0) if f["rule"] == "reader-html"]
        assert [(f["line"], f["message"], f["fix"]) for f in found] == expected


def test_the_spaces_in_one_srcset_are_one_warning(site: Site) -> None:
    # Each such image was a warning of its own: three for one <img> read the same way.
    body = (
        'Text.\n\n<img alt="x" srcset="a b.png 1x,\n  c d.png 2x, e.png 3x, f g.png 4x">\n\n'
        '<img alt="y" srcset="h i.png 1x">\n'
    )
    site(CONFIG, **{"2025/a.md": post("A", body=body)})
    assert invoke_build().exit_code == 0
    found = [f for f in findings(exit_code=0) if f["rule"] == "reader-html"]
    misread = [(f["line"], f["message"], f["fix"]) for f in found if "%20" in f["fix"]]
    assert misread == [
        (
            7,
            "the <img srcset> reads 'a b.png 1x' as the URL 'a', then 'b.png 1x', 'c d.png 2x'"
            " as the URL 'c', then 'd.png 2x', and 'f g.png 4x' as the URL 'f', then 'g.png 4x',"
            " none of them a width or density: a space ends a URL there, and browsers skip"
            " those 3 images",
            "Write each space in the file's name as %20.",
        ),
        (
            10,
            "the <img srcset> reads 'h i.png 1x' as the URL 'h', then 'i.png 1x', which is"
            " no width or density: a space ends a URL there, and browsers skip that image",
            "Write each space in the file's name as %20.",
        ),
    ]


@pytest.mark.parametrize(
    ("srcset", "message", "fix"),
    [
        (
            "a.png 2, b.png 300W",
            "the <img srcset> reads 'a.png 2' as the URL 'a.png', then '2', and 'b.png 300W' as"
            " the URL 'b.png', then '300W', none of them a width or density: browsers skip"
            " those 2 images",
            "Write a width as a number and w (300w), a density as a number and x (2x).",
        ),
        (
            "my map.png 1x, b.png 2X",
            "the <img srcset> reads 'my map.png 1x' as the URL 'my', then 'map.png 1x', and"
            " 'b.png 2X' as the URL 'b.png', then '2X', none of them a width or density: a"
            " space ends a URL there, and browsers skip those 2 images",
            "Write each space in the file's name as %20, a width as a number and w (300w), a"
            " density as a number and x (2x).",
        ),
        (  # HTML skips these (as Chromium does), and check said nothing
            "b.png 1x 300w, c.png 200h, d.png 300w 400w",
            "the <img srcset> reads 'b.png 1x 300w' as the URL 'b.png', then '1x 300w', a"
            " density with a width; 'c.png 200h' as the URL 'c.png', then '200h', a height"
            " without a width; and 'd.png 300w 400w' as the URL 'd.png', then '300w 400w', 2"
            " widths: browsers skip those 3 images",
            "Give each image one width or one density, and a height only with its width.",
        ),
        (
            "e.png 200h, f.png 2X",
            "the <img srcset> reads 'e.png 200h' as the URL 'e.png', then '200h', a height"
            " without a width; and 'f.png 2X' as the URL 'f.png', then '2X', no width or"
            " density: browsers skip those 2 images",
            "Write a width as a number and w (300w), a density as a number and x (2x). Give"
            " each image one width or one density, and a height only with its width.",
        ),
        (  # one image: no "; and" before it
            "g.png 2x 2x",
            "the <img srcset> reads 'g.png 2x 2x' as the URL 'g.png', then '2x 2x', 2 densities:"
            " browsers skip that image",
            "Give each image one width or one density, and a height only with its width.",
        ),
        (
            "h.png 2x 200h, i.png 300w 200h 1x",
            "the <img srcset> reads 'h.png 2x 200h' as the URL 'h.png', then '2x 200h', a density"
            " with a height; and 'i.png 300w 200h 1x' as the URL 'i.png', then '300w 200h 1x', a"
            " density with a width: browsers skip those 2 images",
            "Give each image one width or one density, and a height only with its width.",
        ),
        (  # three letters are no unit mistyped: a word of the file's name
            "scan 2000dpi",
            "the <img srcset> reads 'scan 2000dpi' as the URL 'scan', then '2000dpi', which is no"
            " width or density: a space ends a URL there, and browsers skip that image",
            "Write each space in the file's name as %20.",
        ),
        (  # the space is in the density, not in a file's name: %20 made "a.png%202" of it
            "a.png 2 x",
            "the <img srcset> reads 'a.png 2 x' as the URL 'a.png', then '2 x', which is no"
            " width or density: browsers skip that image",
            "Write a width as a number and w (300w), a density as a number and x (2x).",
        ),
    ],
)
def test_a_srcset_descriptor_browsers_cannot_read_is_reported_as_one(
    site: Site, srcset: str, message: str, fix: str
) -> None:
    # A density written "2" or "2X" was reported as a space in a file's name, with the fix
    # to write it as %20, which would make "a.png%202" of it.
    site(CONFIG, **{"2025/a.md": post("A", body=f'Text.\n\n<img alt="x" srcset="{srcset}">\n')})
    assert invoke_build().exit_code == 0
    found = [f for f in findings(exit_code=0) if f["rule"] == "reader-html"]
    assert [(f["line"], f["message"], f["fix"]) for f in found][1:] == [(7, message, fix)]


WITH_LINK = """\
---
title: Elsewhere
date: 2025-03-02
link: https://elsewhere.test/posts/trip/
---
![map](2025/map.png), resolved against the link, where the file is.
"""


PLACES = """\
---
title: Places
date: 2025-03-01
---
See [setup](#setup), [the notes](#Notes), [top](#top), [the note][^1], [a quote](#:~:text=peace),
[привіт](#привіт-світ), [raw](#raw-anchor), [the first note](#fn-1) and [step](#step2-install),
[in setup](#setup:~:text=Setup).

<p><a href="#gone">a raw link</a> <span id="raw-anchor"></span></p>

## Setup

## Привіт, світ

## Step 2: Install it!

[^1]: A note.
"""


def test_a_link_to_a_place_the_entry_does_not_have(site: Site) -> None:
    site(CONFIG, **{"places.md": PLACES, "with-link.md": WITH_LINK.replace("![map]", "[x](#y) ")})
    assert invoke_build().exit_code == 0

    def nowhere(what: str, url: str) -> str:
        return (
            f"{what} {url!r} leads to no place in the entry: no heading or element has that id,"
            " so readers land at the top of its page"
        )

    found = [f for f in findings(exit_code=0) if f["rule"] == "missing-place"]
    assert [(f["file"], f["line"], f["severity"], f["message"]) for f in found] == [
        ("entries/places.md", 5, "warning", nowhere("the link", "#Notes")),
        ("entries/places.md", 6, "warning", nowhere("the link", "#step2-install")),
        ("entries/places.md", 9, "warning", nowhere("the <a href>", "#gone")),
    ]
    fix = "Link to a heading's id (## Notes is #notes), or give the place that id."
    assert [f["fix"] for f in found] == [fix, f"Did you mean '#step-2-install-it'? {fix}", fix]
    # The places of the entry's page, read with lxml: the links warned about lead nowhere.
    page = etree.parse("feeds/places/index.html", etree.HTMLParser()).getroot()
    ids = set(page.xpath("//@id")) | set(page.xpath("//a/@name"))
    assert {"setup", "привіт-світ", "raw-anchor", "fn-1", "step-2-install-it"} <= ids
    assert not {"Notes", "step2-install", "gone"} & ids
    assert check("--ignore", "missing-place", "--ignore", "placeholder").output == (
        "ok: no problems found\n"
    )


def test_links_to_missing_places_are_found_once_each_in_order_of_line_as_browsers_read_them(
    site: Site,
) -> None:
    # A link repeated is named at its first line; a raw <a href> above a Markdown link comes
    # first. Written percent-encoded, a fragment names the place it decodes to, and the place
    # meant is found so; #TOP, like #top, is the top of the page to HTML.
    meant = "%D0%BF%D1%80%D0%B8%D0%B2%D1%96%D1%82"  # привіт
    whole = meant + "-%D1%81%D0%B2%D1%96%D1%82"  # привіт-світ, the heading's id
    text = (
        '---\ntitle: Places\ndate: 2025-03-01\n---\nSee <a href="#gone">raw</a>,\n'
        f"[a](#{meant}), [b](#{whole}) and [back](#TOP).\n\nAgain: [a](#{meant}).\n\n"
        "## Привіт, світ\n"
    )
    site(CONFIG, **{"places.md": text})
    assert invoke_build().exit_code == 0

    def nowhere(what: str, url: str) -> str:
        return (
            f"{what} {url!r} leads to no place in the entry: no heading or element has that id,"
            " so readers land at the top of its page"
        )

    fix = "Link to a heading's id (## Notes is #notes), or give the place that id."
    found = [f for f in findings(exit_code=0) if f["rule"] == "missing-place"]
    assert [(f["line"], f["message"], f["fix"]) for f in found] == [
        (5, nowhere("the <a href>", "#gone"), fix),
        (6, nowhere("the link", f"#{meant}"), f"Did you mean '#привіт-світ'? {fix}"),
    ]


EMPTY_SOURCES = """\
---
title: Sources
date: 2025-03-01
---
A picture to come: ![todo](), and ![ok](https://example.net/ok.png).

<div>
<img src="" alt="chart">
<img src="" srcset="https://example.net/s.png 1x" alt="set">
<video src="https://example.net/v.mp4" poster=" "></video>
<img src="" srcset="https://example.net/my map.png 1x" alt="misread">
</div>

[this entry]() and <a href="">this one</a> lead to the entry.
"""


def test_an_image_with_an_empty_source(site: Site) -> None:
    site(CONFIG, **{"sources.md": EMPTY_SOURCES})
    assert invoke_build().exit_code == 0

    def empty(what: str) -> str:
        return (
            f"{what} has an empty URL: staticfeed leaves it out, as an empty URL would lead"
            " readers to the entry's page, and readers show no picture"
        )

    found = [f for f in findings(exit_code=0) if f["rule"] == "empty-src"]
    assert [(f["file"], f["line"], f["severity"], f["message"]) for f in found] == [
        ("entries/sources.md", 5, "warning", empty("the image")),
        ("entries/sources.md", 8, "warning", empty("the <img src>")),
        ("entries/sources.md", 10, "warning", empty("the <video poster>")),
        # A srcset of no image browsers read (the URL `…/my`, then `map.png 1x`) gives no src.
        ("entries/sources.md", 11, "warning", empty("the <img src>")),
    ]
    assert {f["fix"] for f in found} == {"Give the image its file, or take it out."}
    # What the warnings name has no URL in the feed, read with lxml.
    (content,) = etree.parse(ATOM).xpath(
        "//a:entry[a:title='Sources']/a:content", namespaces={"a": "http://www.w3.org/2005/Atom"}
    )
    body = lxml.html.fragment_fromstring(content.text, create_parent="div")
    assert [img.get("src") for img in body.iter("img")] == [
        None,
        "https://example.net/ok.png",
        None,
        "https://example.net/s.png",
        None,
    ]
    others = ("placeholder", "reader-html", "w3c-html")  # of the srcset and poster
    ignored = [arg for rule in ("empty-src", *others) for arg in ("--ignore", rule)]
    assert check(*ignored).output == "ok: no problems found\n"


def test_ignore_leaves_out_a_rule_and_its_weight_on_the_exit_status(site: Site) -> None:
    site(CONFIG, **{"markup.md": MARKUP})
    assert invoke_build().exit_code == 0
    result = check("--ignore", "reader-html", "--ignore", "w3c-html")
    assert (result.exit_code, result.output) == (0, "ok: no problems found\n")
    edit(ATOM, "<title>Markup</title>", "<title>Changed by hand</title>")
    assert check().exit_code == 1  # the stale file is an error
    result = check("--ignore", "stale", "--ignore", "reader-html", "--ignore", "w3c-html")
    assert (result.exit_code, result.output) == (0, "ok: no problems found\n")
    kept = {item["rule"] for item in findings("--ignore", "stale", exit_code=0)}
    assert kept == {"reader-html"}, kept


def test_ignore_takes_only_the_names_of_rules(site: Site) -> None:
    site(CONFIG, **{"newer.md": NEWER})
    result = check("--ignore", "reader_html")
    assert result.exit_code == 2
    assert "Invalid value for '--ignore': 'reader_html' is not one of" in result.output
    assert "'reader-html'" in result.output


def test_headers_over_cloudflares_limit_is_a_warning_at_the_101st_rule(site: Site) -> None:
    # 40 entries with a tag each: a feed per tag and format, more than Cloudflare's 100 rules.
    post = "---\ntitle: P{0}\ndate: 2025-01-01 10:{0:02d}\ntags: [t{0}]\n---\nText.\n"
    site(CONFIG, **{f"p{n}.md": post.format(n) for n in range(40)})
    assert invoke_build().exit_code == 0
    lines = Path("feeds/_headers").read_text(encoding="utf-8").splitlines()
    rules = [number for number, line in enumerate(lines, start=1) if line.startswith("/")]
    assert len(rules) > 100
    message = f"the file has {len(rules)} rules, and Cloudflare Pages refuses more than 100"
    assert rows(exit_code=0) == [warning("feeds/_headers", rules[100], "headers-rules", message)]
    assert rows("--ignore", "headers-rules", exit_code=0) == []
    # Cut to the 100 rules Cloudflare takes (a hand edit, and so stale): no warning.
    Path("feeds/_headers").write_text("\n".join(lines[: rules[100] - 1]) + "\n", encoding="utf-8")
    assert rows("--ignore", "stale", exit_code=0) == []
    # Nor for a file that is not UTF-8, which Cloudflare reads as it may: no traceback.
    Path("feeds/_headers").write_bytes(b"/feeds/*\n  X-Note: caf\xe9\n")
    assert rows("--ignore", "stale", exit_code=0) == []


def test_every_rule_check_knows_is_in_the_readme() -> None:
    assert tuple(README_RULES) == RULES


# Titles


def test_a_blank_entry_title(published: Path) -> None:
    line = edit(ATOM, "<title>Newer post</title>", "<title> </title>")
    assert rows() == ordered(
        [stale(ATOM, line), error(ATOM, line, "title", "the entry's title is blank")]
    )


def test_an_rss_date_in_atoms_form_is_told_rss_form_alone(published: Path) -> None:
    line = edit(RSS, "<pubDate>", "<pubDate>2025-02-01T00:00:00Z</pubDate><!--")
    edit(RSS, "</pubDate>", "-->", nth=1)
    message = "<pubDate> '2025-02-01T00:00:00Z' is not an RFC 822 date"
    assert rows() == ordered([stale(RSS, line), error(RSS, line, "date", message)])


def test_a_name_placeholder_in_the_channels_description_is_found(published: Path) -> None:
    # A channel's <description> is no entry's body: "John Doe" there is a placeholder.
    line = edit(RSS, "<channel>", "<channel><description>Notes by John Doe</description>")
    message = "'John Doe' looks like a placeholder, in <description>"
    assert rows() == ordered([stale(RSS, line), warning(RSS, line, "placeholder", message)])


def test_an_rss_item_without_a_title_is_fine(published: Path) -> None:
    # RSS 2.0 asks an item for a title or a description, not both; Atom asks for a title.
    line = edit(RSS, "<title>Newer post</title>", "")
    assert rows() == [stale(RSS, line)]


def test_a_blank_feed_title(published: Path) -> None:
    line = edit(RSS, "<title>Field notes</title>", "<title></title>")
    assert rows() == ordered(
        [stale(RSS, line), error(RSS, line, "title", "the feed's title is blank")]
    )


def test_an_atom_entry_without_a_title(published: Path) -> None:
    line = edit(ATOM, "<title>Older post</title>", "")
    entry = line_of(ATOM, "<entry>", nth=1)
    assert rows() == ordered(
        [stale(ATOM, line), error(ATOM, entry, "title", "the entry has no title")]
    )


# Placeholders


def test_example_domains_are_placeholders_once_where_the_config_has_them(site: Site) -> None:
    # Each was one warning a feed file (main, author; Atom and RSS), at no line of the config.
    site(BASIC_CONFIG, **{"a.md": NEWER})
    assert invoke_build().exit_code == 0
    message = "'example.org' looks like a placeholder, in {}"
    assert rows(exit_code=0) == [
        warning("staticfeed.toml", 2, "placeholder", message.format("site_url")),
        warning("staticfeed.toml", 3, "placeholder", message.format("id_authority")),
        warning("staticfeed.toml", 4, "placeholder", message.format("authors")),
    ]
    assert check().output.splitlines()[-1] == "ok: 0 errors, 3 warnings"


def test_a_placeholder_in_the_configs_hub_or_rights_is_at_its_key(site: Site) -> None:
    config = CONFIG + 'hub = "https://example.net/hub"\nrights = "Lorem ipsum"\n'
    site(config, **{"a.md": NEWER})
    assert invoke_build().exit_code == 0
    assert etree.parse(ATOM).getroot().find(f"{{{ATOM_NS}}}link[@rel='hub']") is not None
    message = "'{}' looks like a placeholder, in {}"
    assert rows(exit_code=0) == [
        warning("staticfeed.toml", 6, "placeholder", message.format("example.net", "hub")),
        warning("staticfeed.toml", 7, "placeholder", message.format("Lorem ipsum", "rights")),
    ]


def test_a_placeholder_in_an_author_table_is_at_its_key(site: Site) -> None:
    config = CONFIG.replace(
        'authors = [{ name = "Ann Lee", email = "ann@notes.staticfeed.test" }]',
        '[[authors]]\nname = "Ann Lee"\nemail = "ann@example.com"\n',
    )
    site(config, **{"a.md": NEWER})
    assert invoke_build().exit_code == 0
    message = "'example.com' looks like a placeholder, in authors"
    assert rows(exit_code=0) == [warning("staticfeed.toml", 7, "placeholder", message)]


def test_a_placeholder_of_the_front_matter_is_at_its_key(site: Site) -> None:
    entry = (
        "---\ntitle: A post on example.net\ndate: 2025-01-01\n"
        "link: https://example.com/a\ntags: [a]\n---\nText.\n"
    )
    # An image alone, in no other value: the entry's image is looked at too.
    pictured = "---\ntitle: B\ndate: 2025-01-02\nimage: https://example.org/b.png\n---\nText.\n"
    site(CONFIG, **{"a.md": entry, "b.md": pictured})
    assert invoke_build().exit_code == 0
    assert rows(exit_code=0) == [
        warning(
            "entries/a.md", 2, "placeholder", "'example.net' looks like a placeholder, in title"
        ),
        warning(
            "entries/a.md", 4, "placeholder", "'example.com' looks like a placeholder, in link"
        ),
        warning(
            "entries/b.md", 4, "placeholder", "'example.org' looks like a placeholder, in image"
        ),
    ]


def test_a_placeholder_only_a_body_has_is_reported_in_each_feed(site: Site) -> None:
    # A body is no value the config or front matter writes: each feed file carrying it has it,
    # counted without the places a value reported at its line accounts for.
    entry = (
        "---\ntitle: A post\ndate: 2025-01-01\nlink: https://example.com/a\n---\nSee example.com.\n"
    )
    site(CONFIG + "author_feeds = false\n", **{"a.md": entry})
    assert invoke_build().exit_code == 0
    body = "'example.com' looks like a placeholder, in {}, and 1 more place in this file"
    assert rows(exit_code=0) == [
        warning(
            "entries/a.md", 4, "placeholder", "'example.com' looks like a placeholder, in link"
        ),
        warning(ATOM, line_of(ATOM, "See example.com"), "placeholder", body.format("<content>")),
        warning(RSS, line_of(RSS, "See example.com"), "placeholder", body.format("<description>")),
    ]


def test_a_placeholder_after_an_element_in_xhtml_content_is_found(published: Path) -> None:
    # Text after a child element (`<b>Note:</b> Lorem ipsum`) was not looked at: an XHTML
    # body, as another tool or a hand edit writes it, hid it.
    html = (
        '<content type="html">&lt;p&gt;See &lt;a href="https://notes.staticfeed.test/blog/'
        '2025/older.html"&gt;the older post&lt;/a&gt;.&lt;/p&gt;</content>'
    )
    xhtml = (
        '<content type="xhtml">\n<div xmlns="http://www.w3.org/1999/xhtml">\n'
        "<p><b>Note:</b>\nsee\n<i>the\nold</i> Lorem ipsum text.</p></div></content>"
    )
    line = edit(ATOM, html, xhtml)
    assert "Lorem ipsum text." in feedparser.parse(ATOM).entries[0].content[0].value
    message = "'Lorem ipsum' looks like a placeholder, in <p>"
    assert rows() == ordered([stale(ATOM, line), warning(ATOM, line + 5, "placeholder", message)])


def test_a_placeholder_further_down_a_body_is_at_its_own_line(site: Site) -> None:
    entry = "---\ntitle: A post\ndate: 2025-01-01\n---\nFirst.\n\nThen Lorem ipsum.\n"
    site(CONFIG + "author_feeds = false\n", **{"a.md": entry})
    assert invoke_build().exit_code == 0
    assert line_of(ATOM, "Lorem ipsum") == line_of(ATOM, "First.") + 1
    message = "'Lorem ipsum' looks like a placeholder, in {}"
    assert rows(exit_code=0) == [
        warning(ATOM, line_of(ATOM, "Lorem ipsum"), "placeholder", message.format("<content>")),
        # RSS carries the whole body in content:encoded.
        warning(
            RSS, line_of(RSS, "Lorem ipsum"), "placeholder", message.format("<content:encoded>")
        ),
    ]


def test_placeholder_names_in_metadata_and_lorem_ipsum_anywhere(site: Site) -> None:
    entry = (
        "---\ntitle: A case\ndate: 2025-01-01\nauthor: Your Name\n---\n"
        "Lorem ipsum: the John Doe case.\n"
    )
    site(CONFIG, **{"a.md": entry})
    assert invoke_build().exit_code == 0
    lorem = "'Lorem ipsum' looks like a placeholder, in {}, and 1 more place in this file"
    # The name is one warning at the entry's author:, though every feed of the entry has it, and
    # the author's own feeds name it in their titles too ("Field notes: by Your Name"). The body
    # is no value written once: each feed file that carries it has it.
    by_atom, by_rss = "feeds/authors/your-name.atom.xml", "feeds/authors/your-name.rss.xml"
    assert rows(exit_code=0) == ordered(
        [
            warning(
                "entries/a.md", 4, "placeholder", "'Your Name' looks like a placeholder, in author"
            ),
            *(
                warning(file, line_of(file, "Lorem ipsum"), "placeholder", lorem.format(where))
                for file, where in (
                    (ATOM, "<content>"),
                    (RSS, "<description>"),
                    (by_atom, "<content>"),
                    (by_rss, "<description>"),
                )
            ),
        ]
    )


def test_a_placeholder_in_a_long_or_escaped_value_is_once_where_it_is_written(site: Site) -> None:
    # A subtitle of over 2,000 characters, and a summary that RSS's <description> carries
    # escaped as HTML (its '&', not its quotes), were also one warning a feed file.
    words = "word " * 300
    config = CONFIG + f'subtitle = "{words}see example.com for more {words}"\n'
    entry = '---\ntitle: A post\ndate: 2025-01-01\nsummary: Tom & Jerry at "example.org"\n---\nT.\n'
    site(config + "author_feeds = false\n", **{"a.md": entry})
    assert invoke_build().exit_code == 0
    rss = etree.parse(RSS).getroot()
    assert rss.findtext("channel/description").startswith(words + "see example.com")
    assert rss.findtext("channel/item/description") == 'Tom &amp; Jerry at "example.org"'
    message = "'{}' looks like a placeholder, in {}"
    assert rows(exit_code=0) == [
        warning("entries/a.md", 4, "placeholder", message.format("example.org", "summary")),
        warning("staticfeed.toml", 6, "placeholder", message.format("example.com", "subtitle")),
    ]


# Size budget


def test_a_feed_over_the_size_budget(published: Path) -> None:
    expected = [
        error(
            file,
            None,
            "size",
            f"the file is {os.path.getsize(file):,} bytes, over the budget of 1,000 bytes; "
            "some aggregators refuse feeds that big",
        )
        # Every feed of the default build, JSON Feeds too; pages and _headers are no feeds.
        for file in (ATOM, AUTHOR_ATOM, AUTHOR_JSON, AUTHOR_RSS, JSON, RSS)
    ]
    assert os.path.getsize(INDEX) > 1000  # a page is not a feed: no budget
    assert rows("--max-size", "1000") == expected
    with Path("staticfeed.toml").open("a", encoding="utf-8") as config:
        config.write("max_feed_size = 1000\n")
    assert rows() == expected
    assert rows("--max-size", "1000000", exit_code=0) == ordered([])
    largest = max(os.path.getsize(file) for file in (ATOM, AUTHOR_ATOM, AUTHOR_RSS, JSON, RSS))
    assert rows("--max-size", str(largest), exit_code=0) == []  # the budget is within it


def test_a_size_budget_of_nothing_is_a_config_error(published: Path) -> None:
    with Path("staticfeed.toml").open("a", encoding="utf-8") as config:
        config.write("max_feed_size = 0\n")
    assert rows() == ordered(
        [
            error(
                "staticfeed.toml",
                6,
                "build",
                "max_feed_size must be a whole number of at least 1, not 0",
            )
        ]
    )
    assert check("--max-size", "0").exit_code == 2


# Output formats


def test_json_and_text_give_the_same_findings(published: Path) -> None:
    edit(RSS, ' isPermaLink="false"', "")
    edit(ATOM, "</title>", "</titel>")
    Path("staticfeed.toml").write_text(CONFIG.replace("Ann Lee", "John Doe"), encoding="utf-8")
    text = check()
    as_json = check("--format", "json")
    assert text.exit_code == as_json.exit_code == 1
    found = json.loads(as_json.stdout)
    assert [list(item) for item in found] == [
        ["file", "line", "severity", "rule", "message", "fix"]
    ] * len(found)
    *lines, summary = text.stdout.splitlines()
    parsed = []
    for line in lines:
        match = LINE.match(line)
        assert match, line
        label, file, number, words, rule = match.groups()
        parsed.append((label.lower(), file, int(number) if number else None, words, rule))
    assert parsed == [
        (f["severity"], f["file"], f["line"], f"{f['message']}. {f['fix']}".rstrip(), f["rule"])
        for f in found
    ]
    keys = [(f["file"] or "", f["line"] or 0) for f in found]
    assert keys == sorted(keys)
    errors = sum(f["severity"] == "error" for f in found)
    warnings = len(found) - errors
    # John Doe, the config's author, is one warning at the config, not one a feed file.
    assert warnings == 1
    assert summary == f"failed: {errors} errors, 1 warning"


def test_an_unknown_format_is_a_usage_error(published: Path) -> None:
    assert check("--format", "xml").exit_code == 2


# The quick test that rules placeholders out: it must never rule out a text the patterns match.

PLACEHOLDER_PATTERNS = [
    re.compile(rf"(?<![\w-]){re.escape(domain)}(?![\w-])", re.I)
    for domain in ("example.com", "example.org", "example.net")
] + [
    re.compile(r"\blorem ipsum\b", re.I),
    re.compile(r"\bYour Name\b"),
    re.compile(r"\bJohn Doe\b"),
]
PIECES = ["example", ".com", ".org", ".net", "lorem", " ", "ipsum", "Your", "Name", "John", "Doe"]


def case_variants(piece: str) -> st.SearchStrategy[str]:
    """`piece` with its letters in either case, and with the look-alikes re's IGNORECASE takes
    for i and s (dotted capital I, dotless i, long s)."""
    choices = {"i": "iI\u0130\u0131", "s": "sS\u017f", "I": "iI\u0130\u0131", "S": "sS\u017f"}
    letters = [st.sampled_from(choices.get(c, c + c.swapcase())) for c in piece]
    return st.tuples(*letters).map("".join)


TEXTS = st.lists(
    st.one_of(
        st.sampled_from(PIECES).flatmap(case_variants),
        st.text(alphabet="ae\u0131\u0130\u017f-_ .\u0307Жé😀", max_size=3),
    ),
    max_size=8,
).map("".join)


@given(TEXTS)
def test_no_text_a_placeholder_pattern_matches_is_ruled_out(text: str) -> None:
    if any(pattern.search(text) for pattern in PLACEHOLDER_PATTERNS):
        assert may_hold_placeholder(text)


@pytest.mark.parametrize(
    "text",
    ["LOREM \u0130PSUM", "lorem \u0131psum", "Lorem ip\u017fum", "see EXAMPLE.COM", "John Doe"],
)
def test_placeholders_in_any_case_or_look_alike_letters_are_not_ruled_out(text: str) -> None:
    assert may_hold_placeholder(text)


def test_texts_without_placeholders_are_ruled_out() -> None:
    assert not may_hold_placeholder("An entry about examples and lorem, in Ukrainian: Приклад.")


def test_the_readme_example_is_what_check_prints(site: Site) -> None:
    # The README showed rss.xml's errors above atom.xml's warning, though check sorts by file
    # and line, and left out the placeholder rss.xml holds too, counting 1 warning.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ staticfeed check\nok: no problems found\n$ staticfeed check\n")[1]
    shown = example.partition("```")[0]
    folder = site(
        config=BASIC_CONFIG + "author_feeds = false\n",
        **{"2025/x.md": "---\ntitle: X\ndate: 2025-06-01 10:00\n---\nText.\n"},
    )
    assert invoke_build().exit_code == 0
    rss = folder / "feeds" / "rss.xml"
    rss.write_text(rss.read_text(encoding="utf-8").replace(' isPermaLink="false"', ""), "utf-8")

    result = CliRunner().invoke(cli, ["check"])

    assert result.exit_code == 1, result.output
    assert result.output == shown
    as_json = CliRunner().invoke(cli, ["check", "--format", "json"])
    (guid,) = [item for item in json.loads(as_json.output) if item["rule"] == "guid"]
    shown_json = re.search(r"```json\n(.*?)```", readme, re.DOTALL)
    assert shown_json is not None
    assert json.loads(shown_json[1]) == [guid]
