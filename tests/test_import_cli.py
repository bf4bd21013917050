"""`staticfeed import` from the command line, and `check` on what it wrote."""

from __future__ import annotations

import calendar
import hashlib
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import cmarkgfm
import feedparser
import html5lib
import lxml.html
import pytest
import yaml
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG

FIXTURES = Path(__file__).parent / "fixtures" / "import"
BASIC_CONFIG_BERLIN = BASIC_CONFIG + 'timezone = "Europe/Berlin"\n'


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_page(folder: Path) -> Path:
    page = folder / "saved" / "pasted-page.txt"
    page.parent.mkdir()
    shutil.copy(FIXTURES / "pasted-page.txt", page)
    return page


def test_dry_run_shows_the_guesses_and_writes_nothing(site: Callable[..., Path]) -> None:
    folder = site()
    copy_page(folder)
    result = run("import", "saved", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "would write entries/2025/the-allotment-that-fed-a-street.md "
        "(from saved/pasted-page.txt)\n"
        "  title:   The Allotment That Fed a Street (guessed)\n"
    ) in result.output
    assert "  authors: Marta Kovalenko, Tomas Whitfield (guessed)\n" in result.output
    assert list((folder / "entries").iterdir()) == []


def test_half_a_surrogate_pair_in_an_imported_title_is_listed_as_its_escape(
    site: Callable[..., Path],
) -> None:
    # YAML reads "\ud800" as half a character, which no terminal can show: the report of
    # what was written ended in a traceback (UnicodeEncodeError), the entry written.
    folder = site()
    (folder / "post.md").write_text('---\ntitle: "A\\ud800B"\ndate: 2025-06-01\n---\nHi.\n')
    result = run("import", "post.md")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "wrote entries/2025/post.md (from post.md)\n  title:   A\\ud800B\n"
    )
    # The entry keeps it escaped; the build removes it, as from any entry, and says so.
    built = run("build")
    assert built.exit_code == 0, built.output
    assert built.stderr == (
        "Warning: entries/2025/post.md:2: removed characters that XML cannot carry"
        " (half a surrogate pair, which is no character on its own)\n"
    )
    assert feedparser.parse("feeds/atom.xml").entries[0].title == "AB"


def test_the_updated_date_a_post_gives_is_listed_with_its_other_fields(
    site: Callable[..., Path],
) -> None:
    folder = site()
    (folder / "post.md").write_text(
        "---\ntitle: Hello\ndate: 2025-06-01 09:30\nupdated: 2025-06-03 10:00\n---\nHi.\n"
    )
    result = run("import", "post.md")
    assert result.exit_code == 0, result.output
    # Read from front matter, not guessed; the config has no timezone: UTC.
    assert result.stdout.startswith(
        "wrote entries/2025/post.md (from post.md)\n"
        "  title:   Hello\n"
        "  date:    2025-06-01 09:30 +00:00\n"
        "  updated: 2025-06-03 10:00 +00:00\n"
        "  authors: (the config's default authors)\n"
        "1 entry written\n"
    )


def test_one_entry_with_guesses_is_summed_up_in_the_singular(site: Callable[..., Path]) -> None:
    folder = site()
    (folder / "page.txt").write_text("A Quiet Street\n\n3 March 2025\n\nThe text of it.\n")
    result = run("import", "page.txt", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == (
        "1 entry would be written; 1 has guessed fields: check them, then delete their review: line"
    )


def test_an_unknown_timezone_is_a_wrong_command_line_with_the_fix_init_gives(
    site: Callable[..., Path],
) -> None:
    # It said "Invalid value for --timezone: unknown time zone 'Europe/Kiev-ish'", with no fix,
    # where init, for the same mistake, names the option in quotes and says what to write.
    folder = site()
    copy_page(folder)
    result = run("import", "saved", "--timezone", "Europe/Kiev-ish")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--timezone': unknown time zone 'Europe/Kiev-ish'. Use an IANA "
        "name like UTC, Europe/Kyiv or America/New_York."
    )
    assert list((folder / "entries").iterdir()) == []


def test_imported_entries_build_and_check_warns_until_reviewed(
    site: Callable[..., Path],
) -> None:
    folder = site()
    copy_page(folder)
    before = digest(folder / "saved")
    result = run("import", "saved")
    assert result.exit_code == 0, result.output
    assert digest(folder / "saved") == before, "the source is never changed"
    entry = folder / "entries" / "2025" / "the-allotment-that-fed-a-street.md"
    meta = yaml.safe_load(entry.read_text(encoding="utf-8").split("---\n")[1])
    assert meta["title"] == "The Allotment That Fed a Street"
    assert "title" in meta["review"]
    built = run("build")
    assert built.exit_code == 0, built.output
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    lines = entry.read_text(encoding="utf-8").splitlines()
    review_line = next(n for n, line in enumerate(lines, 1) if line.startswith("review:"))
    assert (  # at the review: line, to delete once checked
        f"Warning: entries/2025/the-allotment-that-fed-a-street.md:{review_line}: staticfeed "
        "import guessed "
    ) in checked.output
    text = entry.read_text(encoding="utf-8")
    entry.write_text(
        "".join(line for line in text.splitlines(True) if not line.startswith("review:")),
        encoding="utf-8",
    )
    assert run("build").exit_code == 0
    assert "the-allotment-that-fed-a-street.md: staticfeed import" not in run("check").output


def test_importing_twice_is_refused_and_changes_nothing(site: Callable[..., Path]) -> None:
    folder = site()
    copy_page(folder)
    assert run("import", "saved").exit_code == 0
    written = digest(folder / "entries")
    again = run("import", "saved")
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: entries/2025/")
    assert digest(folder / "entries") == written


def test_a_missing_source_is_a_wrong_command_line(site: Callable[..., Path]) -> None:
    site()
    assert run("import", "missing.txt").exit_code == 2


# What import says of a date line 12/01/2025, which reads both ways, after "<file>:<line>: ".
REFUSED_12_01 = (
    "no date found: the date line '12/01/2025' could be 2025-01-12 (day first) or 2025-12-01 "
    "(month first). Write the date like 2025-12-22 or 2025-12-22 14:30 in a copy of the "
    "document, and import the copy.\n"
)


@pytest.mark.parametrize(
    "date_line", ["12/01/2025", "Posted on 12/01/2025", "*12/01/2025*"], ids=["bare", "label", "em"]
)
def test_a_date_line_import_cannot_read_one_way_is_named_with_why(
    site: Callable[..., Path], date_line: str
) -> None:
    # It said "no date found", though the date was right there: the author looked for a
    # missing line, not for the ambiguity (day first or month first).
    folder = site()
    (folder / "note.txt").write_text(f"A note\n\n{date_line}\n\nThe text.\n", encoding="utf-8")

    result = run("import", "note.txt", "--dry-run")

    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: note.txt:3: {REFUSED_12_01}"


@pytest.mark.parametrize("date_line", ["12/01/2025", "*12/01/2025*"], ids=["bare", "em"])
def test_a_date_line_above_the_title_import_cannot_read_is_named_with_why(
    site: Callable[..., Path], date_line: str
) -> None:
    # The README's own layout puts the date line above the title. Refused, that line was taken
    # for the title, so the error said "no date found" with neither its line nor why.
    folder = site()
    (folder / "note.txt").write_text(f"{date_line}\n\n# A note\n\nThe text.\n", encoding="utf-8")

    result = run("import", "note.txt", "--dry-run")

    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: note.txt:1: {REFUSED_12_01}"
    assert list((folder / "entries").iterdir()) == []


@pytest.mark.parametrize(
    ("date_line", "zone_config", "zone_option"),
    [
        ("20250330T0330", 'timezone = "Europe/Kyiv"\n', []),
        ("Monday, March 30, 2025 03:30", 'timezone = "Europe/Kyiv"\n', []),
        # Read in the zone given, not in the config's (UTC), where 03:30 was.
        ("20250330T0330", "", ["--timezone", "Europe/Kyiv"]),
    ],
    ids=["unread-time", "wrong-weekday", "timezone-option"],
)
def test_a_date_line_at_a_time_the_clocks_skip_is_named_with_why(
    site: Callable[..., Path], date_line: str, zone_config: str, zone_option: list[str]
) -> None:
    # Kyiv's clocks went from 03:00 to 04:00 on 2025-03-30. Import takes a time in a form a
    # date line does not read, or a date under a wrong weekday, for review, but not at a time
    # that never was: it said "no date found ... Add a line with the date at the top", where
    # the line was.
    folder = site(config=BASIC_CONFIG + zone_config)
    (folder / "note.txt").write_text(f"A note\n\n{date_line}\n\nThe text.\n", encoding="utf-8")

    result = run("import", "note.txt", "--dry-run", *zone_option)

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: note.txt:3: no date found: the date line 2025-03-30 03:30:00 does not exist in "
        "Europe/Kyiv (the clocks skip it; 03:30:00 by the clocks before they changed is "
        "2025-03-30 04:30:00+03:00). Write the date like 2025-12-22 or 2025-12-22 14:30 in a "
        "copy of the document, and import the copy.\n"
    )


@pytest.mark.parametrize("date_line", ["20251222T1430", "12/01/2025"])
def test_a_date_line_below_the_text_is_not_named_as_the_one_to_fix(
    site: Callable[..., Path], date_line: str
) -> None:
    # Import reads a date from the top of a document only, and would take 20251222T1430 there
    # (the day and time, for review): "write it 14:30", or 2025-12-01 for 12/01/2025, there
    # would change nothing. The top is what to fix.
    folder = site()
    text = f"A note\n\nThe text, which is long enough to be a paragraph.\n\n{date_line}\n"
    (folder / "note.txt").write_text(text, encoding="utf-8")

    result = run("import", "note.txt", "--dry-run")

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: note.txt: no date found. Add a line with the date at the top of a copy of the "
        "document, and import the copy.\n"
    )


def test_each_article_of_a_page_without_a_date_is_named_where_it_starts(
    site: Callable[..., Path],
) -> None:
    folder = site()
    page = copy_page(folder)
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1] == "Saturday, March 8, 2025\n"  # the page's one date, which both take
    page.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    result = run("import", "saved")
    assert result.exit_code == 1
    fix = "Add a line with the date at the top of a copy of the document, and import the copy.\n"
    assert result.stderr == (
        f"Error: saved/pasted-page.txt:1: no date found for the article that starts here. {fix}"
        f"Error: saved/pasted-page.txt:16: no date found for the article that starts here. {fix}"
    )
    assert list((folder / "entries").iterdir()) == []


def test_a_page_without_a_body_is_an_error_not_a_traceback(site: Callable[..., Path]) -> None:
    # lxml's tree of a page that is a <head> alone, or an <html> tag alone, has no <body>.
    folder = site()
    (folder / "saved").mkdir()
    (folder / "saved" / "head.html").write_text("<html><head><title>Only</title></head></html>")
    (folder / "saved" / "tag.md").write_text("<html>")
    result = run("import", "saved", "--dry-run")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        'Error: saved/head.html: no date found. Add <meta name="date" content="2025-12-22"> '
        "to the <head> of a copy of the document, and import the copy.",
        "Error: saved/tag.md: no title found. Add <title>My title</title> to the <head> of a copy"
        " of the document, and import the copy.",
    ]


def test_a_post_whose_tags_name_themselves_is_an_error_not_a_traceback(
    site: Callable[..., Path],
) -> None:
    # Jekyll's tags were joined into text item by item, which never ended on such a list.
    folder = site()
    (folder / "_posts").mkdir()
    (folder / "_posts" / "2021-03-04-loop.md").write_text(
        "---\ntitle: Loop\ndate: 2021-03-04\ntags: &tags [news, *tags]\n---\nThe body.\n"
    )
    result = run("import", "_posts", "--dry-run")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "Error: _posts/2021-03-04-loop.md:4: tags nests lists or mappings more than 50 deep. "
        "Write it with fewer levels; an alias (*name) inside the value it names nests it "
        "without end."
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_utf16_or_utf32_file_is_named_so_as_build_names_it(
    site: Callable[..., Path], encoding: str
) -> None:
    # It said "saved/note.md:1: the file is not valid UTF-8 (byte offset 0)", which sent the
    # author looking for a bad byte at the start of the file.
    folder = site()
    (folder / "saved").mkdir()
    text = "---\ntitle: Note\ndate: 2025-03-01\n---\nThe body.\n"
    (folder / "saved" / "note.md").write_text(text, encoding=encoding)
    result = run("import", "saved/note.md")
    assert (result.exit_code, result.stdout) == (1, ""), result.output
    assert result.stderr == (
        "Error: saved/note.md: the file is not UTF-8: it begins with the byte-order mark of "
        "UTF-16 or UTF-32. Save it as UTF-8, then import it again.\n"
    )
    assert list((folder / "entries").iterdir()) == []


def test_a_next_line_control_in_front_matter_is_read_as_build_reads_it(
    site: Callable[..., Path],
) -> None:
    # U+0085 (NEL), which YAML takes for a line end, ended import in a traceback: it read the
    # text as written, where build reads the character browsers show for it (Windows-1252
    # 0x85, the ellipsis U+2026), so the title import gave differed from the one build gives.
    folder = site()
    (folder / "old").mkdir()
    (folder / "old" / "2025-01-01-a.md").write_bytes(
        b"---\ntitle: Wait\xc2\x85 what\n# to check\xc2\x85 the date\n---\nThe body.\n"
    )
    result = run("import", "old")
    assert result.exit_code == 0, result.output
    assert run("build").exit_code == 0
    feed = feedparser.parse((folder / "feeds" / "atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Wait\u2026 what"]


def test_a_c1_control_in_a_page_is_imported_as_build_reads_it(site: Callable[..., Path]) -> None:
    # The report said "title: Wait what" where the feed said "Wait\u2026 what", and the entry
    # kept U+0085, which every build then warned of as a character it changed.
    folder = site()
    (folder / "saved").mkdir()
    (folder / "saved" / "a.html").write_bytes(
        b'<html><head><title>Wait\xc2\x85 what</title><meta name="date" content="2025-01-01">'
        b"</head><body><p>Body\xc2\x85 text, a whole sentence of it.</p></body></html>"
    )
    result = run("import", "saved")
    assert result.exit_code == 0, result.output
    assert "  title:   Wait\u2026 what\n" in result.stdout
    written = (folder / "entries" / "2025" / "wait-what.md").read_text(encoding="utf-8")
    assert "\x85" not in written
    built = run("build")
    assert (built.exit_code, built.stderr) == (0, "")
    feed = feedparser.parse((folder / "feeds" / "atom.xml").read_bytes())
    assert [entry.title for entry in feed.entries] == ["Wait\u2026 what"]
    assert "Body\u2026 text" in feed.entries[0].content[0].value


def test_files_a_page_bundle_links_to_are_named_as_not_copied(site: Callable[..., Path]) -> None:
    folder = site()
    bundle = folder / "content" / "posts" / "trip"
    (bundle / "img").mkdir(parents=True)
    (bundle / "index.md").write_text(
        '---\ntitle: "Trip"\ndate: 2021-03-04\n---\n'
        "![a](photo.jpg) ![b](img/b.png) [c](missing.png) [d](https://pics.test/d.png)\n"
    )
    for name in ("photo.jpg", "img/b.png"):
        (bundle / name).write_bytes(b"x")
    result = run("import", "content/posts/trip")
    assert result.exit_code == 0, result.output
    assert (
        "  not copied: photo.jpg, img/b.png (files beside the source: put them on the site at"
        " site_url + that path, or write their full URLs)"
    ) in result.stdout.splitlines()
    assert sorted(p.name for p in (folder / "entries").rglob("*") if p.is_file()) == ["trip.md"]
    # Where readers will look for them, read from the built feed with lxml: site_url + path.
    assert run("build", "-q").exit_code == 0
    namespaces = {"a": "http://www.w3.org/2005/Atom"}
    (content,) = etree.parse(folder / "feeds" / "atom.xml").xpath(
        "//a:entry/a:content", namespaces=namespaces
    )
    html = etree.fromstring(f"<div>{content.text}</div>", etree.HTMLParser())
    assert html.xpath("//img/@src") == [
        "https://example.org/blog/photo.jpg",
        "https://example.org/blog/img/b.png",
    ]


@pytest.mark.parametrize(
    ("body", "listed"),
    [
        (
            "![a](photo.jpg), [photos](gallery/), [more](more) and [here](./)",
            "photo.jpg, gallery/, more (files and folders",
        ),
        ("The [photos](gallery/).", "gallery/ (folders"),
    ],
)
def test_a_folder_a_page_bundle_links_to_is_named_as_not_copied(
    site: Callable[..., Path], body: str, listed: str
) -> None:
    # `check` warns about a link to a folder beside its document (relative-file), as readers
    # load it from site_url; import named the files such a link would need but not the folder.
    # `./` is the bundle itself, which import reads.
    folder = site()
    bundle = folder / "content" / "posts" / "trip"
    for name in ("gallery", "more"):
        (bundle / name).mkdir(parents=True)
    (bundle / "index.md").write_text(f'---\ntitle: "Trip"\ndate: 2021-03-04\n---\n{body}\n')
    (bundle / "photo.jpg").write_bytes(b"x")
    result = run("import", "content/posts/trip")
    assert result.exit_code == 0, result.output
    assert (
        f"  not copied: {listed} beside the source: put them on the site at site_url + that"
        " path, or write their full URLs)"
    ) in result.stdout.splitlines()
    assert run("build", "-q").exit_code == 0
    (content,) = etree.parse(folder / "feeds" / "atom.xml").xpath(
        "//a:entry/a:content", namespaces={"a": "http://www.w3.org/2005/Atom"}
    )
    html = etree.fromstring(f"<div>{content.text}</div>", etree.HTMLParser())
    assert "https://example.org/blog/gallery/" in html.xpath("//a/@href")


JEKYLL_POST = """\
---
layout: post
title: "Ruby tips"
date: 2019-02-03 10:00:00 +0100
---
Show {% raw %}{{ page.title }}{% endraw %} in a template:

{% highlight ruby linenos %}
def greet(name)
  puts "Hello, #{name}"
end
{% endhighlight %}

```
{% highlight ruby %}
shown as written, in a fence
{% endhighlight %}
```
"""
HUGO_POST = """\
---
title: "Go tips"
date: 2019-02-04
---
{{< highlight go "linenos=table" >}}
fmt.Println("```")
{{< /highlight >}}
"""


def test_highlight_tags_become_code_blocks_readers_show(site: Callable[..., Path]) -> None:
    """Jekyll's and Hugo's highlight tags would reach readers as text; imported, they are the
    fenced code they stand for, and a reader shows the code, in its language, line by line."""
    folder = site()
    (folder / "old").mkdir()
    (folder / "old" / "2019-02-03-ruby.md").write_text(JEKYLL_POST, encoding="utf-8")
    (folder / "old" / "go.md").write_text(HUGO_POST, encoding="utf-8")
    assert run("import", "old").exit_code == 0
    assert run("build", "-q").exit_code == 0
    namespaces = {"a": "http://www.w3.org/2005/Atom"}
    contents = etree.parse(folder / "feeds" / "atom.xml").xpath(
        "//a:entry/a:content", namespaces=namespaces
    )
    go, ruby = (etree.fromstring(f"<div>{c.text}</div>", etree.HTMLParser()) for c in contents)
    blocks = [(code.get("class"), code.text) for code in ruby.iter("code")]
    assert blocks == [
        ("language-ruby", 'def greet(name)\n  puts "Hello, #{name}"\nend\n'),
        (None, "{% highlight ruby %}\nshown as written, in a fence\n{% endhighlight %}\n"),
    ]
    assert ruby.xpath("string(//p)") == "Show {{ page.title }} in a template:"
    assert [(c.get("class"), c.text) for c in go.iter("code")] == [
        ("language-go", 'fmt.Println("```")\n')
    ]
    assert "highlight" not in "".join(go.itertext())


NEXT_PIN = (
    "next: so that readers of the site's earlier feed see no post again, run staticfeed pin"
    " --from FEED with that feed, before the first build"
)


def test_importing_another_generators_posts_points_to_pin_from(site: Callable[..., Path]) -> None:
    folder = site()
    posts = folder / "_posts"
    posts.mkdir()
    (posts / "2024-03-05-hello.md").write_text('---\ntitle: "Hello"\n---\nHi.\n')
    result = run("import", "_posts")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == NEXT_PIN
    # A page copied from the web was no post of this site's: no earlier feed carried it.
    page = copy_page(folder)
    pasted = run("import", str(page.relative_to(folder)), "--dry-run")
    assert pasted.exit_code == 0, pasted.output
    assert NEXT_PIN not in pasted.stdout.splitlines()


def test_a_jekyll_post_keeps_the_name_its_file_gave_its_url(site: Callable[..., Path]) -> None:
    # It was named from its title, how-git-reflog-saved-my-work, where Jekyll published it at
    # /2025/03/01/reflog.html, from its file name.
    folder = site()
    posts = folder / "_posts"
    posts.mkdir()
    (posts / "2025-03-01-reflog.md").write_text(
        "---\ntitle: How git reflog saved my work\n---\nHi.\n"
    )
    (posts / "2025-03-02-slugged.md").write_text("---\ntitle: Own\nslug: its-own\n---\nHi.\n")
    result = run("import", "_posts")
    assert result.exit_code == 0, result.output
    assert "wrote entries/2025/reflog.md (from _posts/2025-03-01-reflog.md)\n" in result.stdout
    assert "wrote entries/2025/its-own.md (from _posts/2025-03-02-slugged.md)\n" in (
        result.stdout
    )  # Jekyll's URL takes slug: over the file name too
    built = run("build")
    assert built.exit_code == 0, built.output
    feed = feedparser.parse(folder / "feeds" / "atom.xml")
    assert sorted(entry.id for entry in feed.entries) == [
        "tag:example.org,2025:2025/its-own",
        "tag:example.org,2025:2025/reflog",
    ]
    assert sorted(entry.link for entry in feed.entries) == [
        "https://example.org/blog/feeds/2025/its-own/",
        "https://example.org/blog/feeds/2025/reflog/",
    ]


def test_a_hugo_post_keeps_the_name_its_file_or_bundle_gave_its_url(
    site: Callable[..., Path],
) -> None:
    # Both were named from their titles, where Hugo published them at /posts/bridge/ and
    # /posts/night-market/.
    folder = site()
    posts = folder / "content" / "posts"
    (posts / "night-market").mkdir(parents=True)
    (posts / "bridge.md").write_text("---\ntitle: The footbridge\ndate: 2024-09-12\n---\nHi.\n")
    (posts / "night-market" / "index.md").write_text(
        '+++\ntitle = "Opening night"\ndate = 2024-10-04\n+++\nHi.\n'
    )
    result = run("import", "content")
    assert result.exit_code == 0, result.output
    assert "wrote entries/2024/bridge.md (from content/posts/bridge.md)\n" in result.stdout
    assert (
        "wrote entries/2024/night-market.md (from content/posts/night-market/index.md)\n"
    ) in result.stdout


def test_a_hugo_translation_keeps_its_posts_name_and_takes_its_language(
    site: Callable[..., Path],
) -> None:
    # Hugo reads bridge.fr.md as the French bridge, published at /fr/posts/bridge/: import
    # named it bridge-fr, with no language, and its bundle's index.fr.md index-fr.
    folder = site()
    posts = folder / "content" / "posts"
    (posts / "market").mkdir(parents=True)
    post = "---\ntitle: {}\ndate: 2024-09-12\n---\nHi.\n"
    (posts / "bridge.md").write_text(post.format("The footbridge"))
    (posts / "bridge.fr.md").write_text(post.format("La passerelle"))
    (posts / "market" / "index.pt-br.md").write_text(post.format("A feira"))
    (posts / "_index.fr.md").write_text("---\ntitle: Articles\n---\nTous.\n")  # a list page
    result = run("import", "content")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("wrote ") == 3
    assert "wrote entries/2024/bridge.md (from content/posts/bridge.md)\n" in result.stdout
    assert (
        "wrote entries/2024/bridge-fr.md (from content/posts/bridge.fr.md)\n"
        "  title:   La passerelle\n"
        "  date:    2024-09-12 00:00 +00:00\n"
        "  authors: (the config's default authors)\n"
        "  lang:    fr (from the file name, as Hugo reads it)\n"
        "  named:   from its file name and language: bridge is another post's\n"
    ) in result.stdout
    assert (
        "wrote entries/2024/market.md (from content/posts/market/index.pt-br.md)\n"
    ) in result.stdout
    entries = folder / "entries" / "2024"
    langs = {
        path.name: yaml.safe_load(path.read_text().split("---")[1]).get("lang")
        for path in entries.iterdir()
    }
    assert langs == {"bridge.md": None, "bridge-fr.md": "fr", "market.md": "pt-br"}
    assert run("build").exit_code == 0
    pages = {path.parent.name for path in (folder / "feeds" / "2024").glob("*/index.html")}
    assert pages == {"bridge", "bridge-fr", "market"}


def hugo_site_in_language_folders(folder: Path, french_key: str) -> None:
    """old/: a Hugo site with content/en/ and content/fr/, each with a bridge.md post."""
    old = folder / "old"
    (old / "content" / "en" / "posts").mkdir(parents=True)
    (old / "content" / "fr" / "posts").mkdir(parents=True)
    (old / "hugo.toml").write_text(
        "defaultContentLanguage = 'en'\n[languages.en]\ncontentDir = 'content/en'\n"
        f"[languages.{french_key}]\ncontentDir = 'content/fr'\n"
    )
    post = "---\ntitle: {}\ndate: 2024-09-12\n---\nHi.\n"
    (old / "content" / "en" / "posts" / "bridge.md").write_text(post.format("The footbridge"))
    (old / "content" / "fr" / "posts" / "bridge.md").write_text(post.format("La passerelle"))


def test_a_hugo_sites_language_folders_give_the_language_and_the_name(
    site: Callable[..., Path],
) -> None:
    # contentDir per language (Hugo's translation by content directory): content/fr/posts/
    # bridge.md is the French bridge. import named it bridge-2.md, with no language.
    folder = site()
    hugo_site_in_language_folders(folder, "fr")
    result = run("import", "old/content")
    assert result.exit_code == 0, result.output
    assert (
        "wrote entries/2024/bridge.md (from old/content/en/posts/bridge.md)\n"
        "  title:   The footbridge\n"
        "  date:    2024-09-12 00:00 +00:00\n"
        "  authors: (the config's default authors)\n"
        "  lang:    en (from its folder content/en, as Hugo's hugo.toml maps it)\n"
        "wrote entries/2024/bridge-fr.md (from old/content/fr/posts/bridge.md)\n"
        "  title:   La passerelle\n"
        "  date:    2024-09-12 00:00 +00:00\n"
        "  authors: (the config's default authors)\n"
        "  lang:    fr (from its folder content/fr, as Hugo's hugo.toml maps it)\n"
        "  named:   from its file name and language: bridge is another post's\n"
    ) in result.stdout
    written = folder / "entries" / "2024" / "bridge-fr.md"
    assert yaml.safe_load(written.read_text().split("---")[1])["lang"] == "fr"


def test_a_language_key_with_a_path_in_it_writes_no_file_outside_the_entries(
    site: Callable[..., Path],
) -> None:
    # A downloaded site's hugo.toml keyed a language `fr-/../../../escaped`: its posts were
    # named bridge-fr-/../../../escaped, and import wrote escaped.md beside staticfeed.toml,
    # with a lang build refuses. A key that is no language tag gives no language.
    folder = site()
    hugo_site_in_language_folders(folder, "'fr-/../../../escaped'")
    before = set(folder.rglob("*"))
    result = run("import", "old/content")
    assert result.exit_code == 0, result.output
    written = {path.relative_to(folder).as_posix() for path in set(folder.rglob("*")) - before}
    assert written == {"entries/2024", "entries/2024/bridge.md", "entries/2024/bridge-2.md"}
    assert run("build").exit_code == 0


def test_a_disabled_language_key_with_a_path_in_it_writes_no_file_outside_the_entries(
    site: Callable[..., Path],
) -> None:
    # The same key, its language disabled, and both bridges named to import them all the same:
    # the French one was named bridge-fr-/../../../escaped, and import wrote escaped.md
    # beside staticfeed.toml, with that as its lang.
    folder = site()
    hugo_site_in_language_folders(folder, "'fr-/../../../escaped'")
    with (folder / "old" / "hugo.toml").open("a") as config:
        config.write("disabled = true\n")
    before = set(folder.rglob("*"))
    result = run("import", "old/content/en/posts/bridge.md", "old/content/fr/posts/bridge.md")
    assert result.exit_code == 0, result.output
    written = {path.relative_to(folder).as_posix() for path in set(folder.rglob("*")) - before}
    assert written == {"entries/2024", "entries/2024/bridge.md", "entries/2024/bridge-2.md"}
    assert (
        "wrote entries/2024/bridge-2.md (from old/content/fr/posts/bridge.md)\n"
        "  title:   La passerelle\n"
        "  date:    2024-09-12 00:00 +00:00\n"
        "  authors: (the config's default authors)\n"
        "2 entries written\n"
    ) in result.stdout
    french = folder / "entries" / "2024" / "bridge-2.md"
    assert "lang" not in yaml.safe_load(french.read_text().split("---")[1])
    assert run("build").exit_code == 0


@pytest.mark.parametrize(
    ("settings", "said"),
    [
        (None, "DEFAULT_LANG assumed 'en', Pelican's own, as no pelicanconf.py was found"),
        ("DEFAULT_LANG = 'en'\n", "old/pelicanconf.py sets DEFAULT_LANG = 'en'"),
        (
            "DEFAULT_LANG = LANGUAGES[0]\n",  # not run: taken as Pelican's own
            "DEFAULT_LANG assumed 'en', Pelican's own, as old/pelicanconf.py sets it in no "
            "plain line",
        ),
    ],
)
def test_a_pelican_translation_says_what_the_sites_language_was_taken_to_be(
    site: Callable[..., Path], settings: str | None, said: str
) -> None:
    # Two posts of Slug: cranes, one Lang: fr, were cranes.md and cranes-2.md.
    folder = site()
    content = folder / "old" / "content"
    content.mkdir(parents=True)
    if settings is not None:
        (folder / "old" / "pelicanconf.py").write_text(settings)
    (content / "cranes.md").write_text("Title: Cranes\nDate: 2024-09-12\nSlug: cranes\n\nHi.\n")
    (content / "grues.md").write_text(
        "Title: Grues\nDate: 2024-09-12\nSlug: cranes\nLang: fr\n\nSalut.\n"
    )
    result = run("import", "old/content")
    assert result.exit_code == 0, result.output
    assert "wrote entries/2024/cranes.md (from old/content/cranes.md)\n" in result.stdout
    assert (
        "wrote entries/2024/cranes-fr.md (from old/content/grues.md)\n"
        "  title:   Grues\n"
        "  date:    2024-09-12 00:00 +00:00\n"
        "  authors: (the config's default authors)\n"
        f"  lang:    fr (a translation: {said})\n"
        "  named:   from ARTICLE_LANG_URL {slug}-{lang}.html, Pelican's own\n"
    ) in result.stdout
    written = folder / "entries" / "2024" / "cranes-fr.md"
    assert yaml.safe_load(written.read_text().split("---")[1])["lang"] == "fr"


def test_a_pelicanconf_above_the_repository_is_not_the_sites(site: Callable[..., Path]) -> None:
    # The publication's French pelicanconf.py, above old/'s repository, made grues.md no
    # translation: cranes.md, with no word of where its language was from.
    folder = site()
    (folder / "pelicanconf.py").write_text("DEFAULT_LANG = 'fr'\n")
    content = folder / "old" / "content"
    content.mkdir(parents=True)
    (folder / "old" / ".git").mkdir()
    (content / "grues.md").write_text(
        "Title: Grues\nDate: 2024-09-12\nSlug: cranes\nLang: fr\n\nSalut.\n"
    )
    result = run("import", "old/content")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "wrote entries/2024/cranes-fr.md (from old/content/grues.md)\n"
        "  title:   Grues\n"
        "  date:    2024-09-12 00:00 +00:00\n"
        "  authors: (the config's default authors)\n"
        "  lang:    fr (a translation: DEFAULT_LANG assumed 'en', Pelican's own, as no "
        "pelicanconf.py was found)\n"
    )


def hugo_site_with_unreadable_config(folder: Path, post: str) -> Path:
    """old/, whose hugo.toml is not TOML, with old/content/fr/posts/bridge.md holding `post`."""
    posts = folder / "old" / "content" / "fr" / "posts"
    posts.mkdir(parents=True)
    (folder / "old" / "hugo.toml").write_text("[languages.fr\ncontentDir = 'content/fr'\n")
    (posts / "bridge.md").write_text(post)
    return posts


def test_a_hugo_config_that_cannot_be_read_is_passed_over_with_a_note(
    site: Callable[..., Path],
) -> None:
    folder = site()
    hugo_site_with_unreadable_config(folder, "---\ntitle: T\ndate: 2024-09-12\n---\nHi.\n")
    result = run("import", "old/content/fr/posts")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    note = result.stderr.splitlines()[0]
    assert note.startswith("note: old/hugo.toml: not read (Expected ']' ")  # tomllib's reason
    assert note.endswith(
        "), so the languages of its content folders are not known: give each entry a lang: if "
        "it needs one"
    )
    assert "lang:" not in (folder / "entries" / "2024" / "bridge.md").read_text()


POST = "---\ntitle: T\ndate: 2024-09-12\n---\nHi.\n"
UNREAD_PRODUCTION_NOTE = (
    "note: old/config/production/hugo.json: not read (Expecting property name enclosed in "
    "double quotes: line 1 column 2 (char 1)), so the languages of its content folders are "
    "not known: give each entry a lang: if it needs one"
)


def hugo_site_with_unreadable_production(folder: Path, files: dict[str, str]) -> None:
    """old/, whose config/production/hugo.json is not JSON, holding `files` (name: text)."""
    for name, text in {"config/production/hugo.json": "{", **files}.items():
        (folder / "old" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "old" / name).write_text(text)


def test_a_hugo_config_directory_that_cannot_be_read_is_one_note(
    site: Callable[..., Path],
) -> None:
    # config/production/, holding a hugo.json, was taken for a site of its own: read twice,
    # its note was printed twice.
    folder = site()
    hugo_site_with_unreadable_production(folder, {"content/posts/bridge.md": POST})
    result = run("import", "old")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [UNREAD_PRODUCTION_NOTE]


def test_a_disabled_language_is_passed_over_when_another_config_file_cannot_be_read(
    site: Callable[..., Path],
) -> None:
    # The unread hugo.json left the site's languages unknown, and with them that bridge.fr.md
    # was in the French the readable languages.toml disables: it was imported as bridge-fr.md.
    folder = site()
    files = {"content/posts/bridge.md": POST, "content/posts/bridge.fr.md": POST}
    files["config/_default/languages.toml"] = "[en]\n[fr]\ndisabled = true\n"
    hugo_site_with_unreadable_production(folder, files)
    result = run("import", "old")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        UNREAD_PRODUCTION_NOTE,
        "note: passed over 1 document in a language its Hugo site's config disables (fr), which "
        "Hugo does not publish: old/content/posts/bridge.fr.md. Name a file to import it all the "
        "same.",
    ]
    assert "wrote entries/2024/bridge.md (from old/content/posts/bridge.md)\n" in result.stdout
    assert sorted(path.name for path in (folder / "entries" / "2024").iterdir()) == ["bridge.md"]


def test_what_import_passed_over_is_said_when_it_then_fails(
    site: Callable[..., Path],
) -> None:
    # The notes were printed only after a successful import: a post without a date left only
    # the error, and the reason its lang: was not known, or the .rst post left out, unsaid.
    folder = site()
    posts = hugo_site_with_unreadable_config(folder, "---\ntitle: T\n---\nHi.\n")
    (posts / "other.rst").write_text("Other\n#####\n\n:date: 2024-07-09\n\nText.\n")
    result = run("import", "old/content/fr/posts")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("note: old/hugo.toml: not read (Expected ']' ")
    assert lines[1:] == [
        "note: passed over 1 post in a format import does not read: "
        "old/content/fr/posts/other.rst. Convert it to Markdown or HTML (pandoc can), and "
        "import that.",
        "Error: old/content/fr/posts/bridge.md: no date found. Add date: 2025-12-22 to the "
        "front matter of a copy of the document, and import the copy.",
    ]
    assert list((folder / "entries").iterdir()) == []


@pytest.mark.parametrize(
    ("written", "shown", "published"),
    [
        # 10:00 in New York in June is 14:00 UTC, 16:00 in Berlin.
        ("2025-06-01 10:00", "2025-06-01 10:00 -04:00", "2025-06-01T14:00:00Z"),
        ("2025-06-01", "2025-06-01 00:00 -04:00", "2025-06-01T04:00:00Z"),
    ],
)
def test_dates_read_in_another_zone_than_the_configs_keep_their_instant(
    site: Callable[..., Path], written: str, shown: str, published: str
) -> None:
    # The entry was written "date: 2025-06-01 10:00", which the build read in Europe/Berlin:
    # six hours off from what import showed.
    folder = site(config=BASIC_CONFIG_BERLIN)
    posts = folder / "_posts"
    posts.mkdir()
    (posts / "2025-06-01-hello.md").write_text(f'---\ntitle: "Hello"\ndate: {written}\n---\nHi.\n')
    result = run("import", "_posts", "--timezone", "America/New_York")
    assert result.exit_code == 0, result.output
    assert f"  date:    {shown}\n" in result.stdout
    assert run("build").exit_code == 0
    entry = feedparser.parse("feeds/atom.xml").entries[0]
    assert calendar.timegm(entry.published_parsed) == calendar.timegm(
        time.strptime(published, "%Y-%m-%dT%H:%M:%SZ")
    )


def test_an_update_earlier_than_a_date_the_text_or_file_name_gives_is_left_out(
    site: Callable[..., Path],
) -> None:
    # Only a date of the metadata was compared: these entries kept updated: 2025-03-01, and
    # build refused them ("updated ... is earlier than date").
    folder = site()
    (folder / "_posts").mkdir()
    (folder / "_posts" / "2025-03-05-hello.md").write_text(
        "---\ntitle: Hello\nlast_modified_at: 2025-03-01\n---\nBody.\n"
    )
    (folder / "pelican").mkdir()
    (folder / "pelican" / "cranes.md").write_text(
        "Title: Cranes\nModified: 2025-03-01\n\n2025-03-05\n\nBody.\n"
    )
    result = run("import", "_posts", "pelican")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("  left out: updated (earlier than the date)\n") == 2
    built = run("build")
    assert built.exit_code == 0, built.output
    entries = feedparser.parse(folder / "feeds" / "atom.xml").entries
    assert sorted(entry.title for entry in entries) == ["Cranes", "Hello"]
    assert {entry.updated_parsed[:3] for entry in entries} == {(2025, 3, 5)}


def test_dates_read_in_the_configs_zone_are_written_as_its_wall_times(
    site: Callable[..., Path],
) -> None:
    folder = site(config=BASIC_CONFIG_BERLIN)
    posts = folder / "_posts"
    posts.mkdir()
    (posts / "2025-06-01-hello.md").write_text(
        '---\ntitle: "Hello"\ndate: 2025-06-01 10:00\nlastmod: 2025-06-02\n---\nHi.\n'
    )
    for args in ((), ("--timezone", "Europe/Berlin")):
        result = run("import", "_posts", "--dry-run", *args)
        assert result.exit_code == 0, result.output
    assert run("import", "_posts").exit_code == 0
    text = (folder / "entries" / "2025" / "hello.md").read_text(encoding="utf-8")
    assert "\ndate: 2025-06-01 10:00\nupdated: 2025-06-02\n" in text


@pytest.mark.parametrize(
    ("written", "published"),
    [("10:00:30", "2025-06-01T08:00:30Z"), ("00:00:30", "2025-05-31T22:00:30Z")],
    ids=["morning", "just-after-midnight"],
)
def test_a_time_with_seconds_keeps_its_seconds(
    site: Callable[..., Path], written: str, published: str
) -> None:
    # Written "date: 2025-06-01 10:00", the entry would be published 30 seconds early; and
    # 00:00:30 written as the date alone, 30 seconds early too.
    folder = site(config=BASIC_CONFIG_BERLIN)
    document = f"---\ntitle: Hello\ndate: 2025-06-01 {written}\n---\nHi.\n"
    (folder / "post.md").write_text(document)
    result = run("import", "post.md")
    assert result.exit_code == 0, result.output
    assert run("build").exit_code == 0
    entry = feedparser.parse("feeds/atom.xml").entries[0]
    assert time.strftime("%Y-%m-%dT%H:%M:%SZ", entry.published_parsed) == published


def test_into_another_publication_reads_dates_in_its_config_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It read them in UTC: an hour off in Berlin, written as if the author had meant it.
    publication = tmp_path / "notes"
    (publication / "entries").mkdir(parents=True)
    (publication / "staticfeed.toml").write_text(BASIC_CONFIG_BERLIN, encoding="utf-8")
    (tmp_path / "post.md").write_text("---\ntitle: Hello\ndate: 2025-06-01 10:00\n---\nHi.\n")
    monkeypatch.chdir(tmp_path)
    result = run("import", "post.md", "--into", "notes/entries")
    assert result.exit_code == 0, result.output
    assert "  date:    2025-06-01 10:00 +02:00\n" in result.stdout
    text = (publication / "entries" / "2025" / "post.md").read_text(encoding="utf-8")
    assert "\ndate: 2025-06-01 10:00\n" in text  # a wall time in the config's zone


@pytest.mark.parametrize(
    ("publication", "run_in", "said"),
    [
        # It wrote saved/entries/2025/post.md, with the date read in UTC, and exited 0.
        (
            ".",
            "saved",
            "../staticfeed.toml is the config of the publication this folder is in: run "
            "staticfeed in its folder (cd ..).",
        ),
        # After `staticfeed init notes` without `cd notes`, the same beside notes/.
        (
            "notes",
            ".",
            "notes/staticfeed.toml is the config of a publication in a folder here: run "
            "staticfeed in its folder (cd notes).",
        ),
    ],
)
def test_import_in_or_above_a_publications_folder_is_the_error_other_commands_give(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, publication: str, run_in: str, said: str
) -> None:
    (tmp_path / publication / "entries").mkdir(parents=True)
    (tmp_path / publication / "staticfeed.toml").write_text(BASIC_CONFIG_BERLIN)
    (tmp_path / run_in).mkdir(exist_ok=True)
    (tmp_path / run_in / "post.md").write_text("---\ntitle: Hello\ndate: 2025-06-01\n---\nHi.\n")
    monkeypatch.chdir(tmp_path / run_in)
    before = digest(tmp_path)
    result = run("import", "post.md")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: staticfeed.toml: there is no such file, and no pyproject.toml with a "
        f"[tool.staticfeed] table beside it. {said}\n"
    )
    assert digest(tmp_path) == before
    assert not (tmp_path / run_in / "entries").exists()


def test_import_outside_any_publication_says_it_reads_dates_in_utc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "post.md").write_text("---\ntitle: Hello\ndate: 2025-06-01 10:00\n---\nHi.\n")
    monkeypatch.chdir(tmp_path)
    result = run("import", "post.md", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "note: dates without an offset are read in UTC, as there is no staticfeed config here: "
        "pass --timezone ZONE, or --config FILE, to read them in another zone\n"
    )
    assert "  date:    2025-06-01 10:00 +00:00\n" in result.stdout
    told = run("import", "post.md", "--dry-run", "--timezone", "UTC")
    assert (told.exit_code, told.stderr) == (0, "")


@pytest.mark.parametrize("dry_run", [["--dry-run"], []])
def test_a_file_where_a_year_folder_goes_is_an_error_even_in_a_dry_run(
    site: Callable[..., Path], dry_run: list[str]
) -> None:
    # --dry-run said "would write entries/2025/post.md" and exited 0; the import then failed.
    folder = site()
    (folder / "entries" / "2025").write_text("notes\n", encoding="utf-8")
    (folder / "post.md").write_text("---\ntitle: Hello\ndate: 2025-06-01\n---\nHi.\n")
    before = digest(folder)
    result = run("import", "post.md", *dry_run)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/2025: it is a file, where importing post.md needs a folder to write "
        "entries/2025/post.md in. Move or rename that file, or pass another --into folder.\n"
    )
    assert digest(folder) == before


def test_a_post_in_a_format_import_does_not_read_is_not_passed_over_unsaid(
    site: Callable[..., Path],
) -> None:
    # A Pelican folder with a .rst post said "1 entry written": the other post was lost unsaid.
    folder = site()
    posts = folder / "content"
    posts.mkdir()
    (posts / "one.md").write_text("Title: One\nDate: 2024-07-08\n\nText.\n")
    (posts / "two.rst").write_text("Two\n###\n\n:date: 2024-07-09\n\nText.\n")
    (posts / "photo.jpg").write_bytes(b"\xff\xd8")
    (posts / "example.org").mkdir()  # a folder named as a site is no Org post
    result = run("import", "content", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-2] == "1 entry would be written"
    assert result.stderr == (
        "note: passed over 1 post in a format import does not read: content/two.rst. Convert "
        "it to Markdown or HTML (pandoc can), and import that.\n"
    )
    named = run("import", "content/two.rst")
    assert named.exit_code == 1, named.output
    assert named.stderr == (
        "Error: content/two.rst: import does not read .rst documents: it would take their "
        "markup for text. Convert it to Markdown or HTML (pandoc can), and import that.\n"
    )
    (posts / "THREE.RST").write_text("Three\n#####\n\n:date: 2024-07-10\n\nText.\n")
    assert run("import", "content/THREE.RST").stderr.startswith(
        "Error: content/THREE.RST: import does not read .RST documents:"
    )
    assert list((folder / "entries").iterdir()) == []


@pytest.mark.parametrize(("count", "more"), [(5, ""), (6, " and 1 more")])
def test_a_note_on_many_posts_passed_over_names_five(
    site: Callable[..., Path], count: int, more: str
) -> None:
    folder = site()
    posts = folder / "content"
    posts.mkdir()
    (posts / "one.md").write_text("Title: One\nDate: 2024-07-08\n\nText.\n")
    for letter in "abcdef"[:count]:
        (posts / f"{letter}.rst").write_text(f"{letter}\n#\n\nText.\n")
    result = run("import", "content", "--dry-run")
    assert result.exit_code == 0, result.output
    named = ", ".join(f"content/{letter}.rst" for letter in "abcde")
    assert result.stderr == (
        f"note: passed over {count} posts in a format import does not read: {named}{more}. "
        "Convert them to Markdown or HTML (pandoc can), and import those.\n"
    )


@pytest.mark.parametrize(
    ("name", "text", "fix"),
    [
        ("a.md", "---\ntitle: A\n---\nText.\n", "Add date: 2025-12-22 to the front matter"),
        ("b.md", '+++\ntitle = "B"\n+++\nText.\n', "Add date = 2025-12-22 to the front matter"),
        ("c.md", "Title: C\n\nText.\n", "Add Date: 2025-12-22 to the header lines"),
        ("d.md", "---\ndate: 2025-01-01\n---\n", "Add title: My title to the front matter"),
        ("e.txt", "Just a line of text\n", "Add a line with the date at the top"),
        (
            "f.html",
            "<html><head><title>F</title></head><body><p>Text of F.</p></body></html>",
            'Add <meta name="date" content="2025-12-22"> to the <head>',
        ),
    ],
)
def test_a_post_without_a_date_or_title_is_told_where_to_write_it(
    site: Callable[..., Path], name: str, text: str, fix: str
) -> None:
    # Each said "Add a line with the date at the top", which above --- ends front matter, and
    # above <html> gives no date.
    folder = site()
    (folder / name).write_text(text, encoding="utf-8")
    result = run("import", name)
    assert result.exit_code == 1, result.output
    missing = "title" if "title" in fix else "date"
    assert result.stderr == (
        f"Error: {name}: no {missing} found. {fix} of a copy of the document, and import the "
        "copy.\n"
    )


def test_importing_the_publications_folder_leaves_out_the_pages_the_build_wrote(
    site: Callable[..., Path],
) -> None:
    # `import .` took feeds/index.html and each entry's page for documents: an error per entry
    # ("importing feeds/2025/a/index.html would overwrite" entries/2025/a.md), or a copy of each.
    folder = site(**{"2025/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nText of A.\n"})
    assert run("build").exit_code == 0
    (folder / "saved.md").write_text("---\ntitle: Saved\ndate: 2025-02-01\n---\nHi.\n")
    result = run("import", ".", "--dry-run")
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if line.startswith("would write")] == [
        "would write entries/2025/saved.md (from saved.md)"
    ]


def test_a_site_menu_pasted_above_the_title_is_not_taken_for_it(
    site: Callable[..., Path],
) -> None:
    # The entry was "Home | About | Contact", at entries/2025/home-about-contact.md.
    folder = site()
    (folder / "pasted.txt").write_text(
        "Home | About | Contact\n\nWhy Cities Need Gardens\nTuesday, 4 March 2025\n"
        "By Marta Kovalenko\n\nGardens feed people, and cool the streets in summer.\n",
        encoding="utf-8",
    )
    result = run("import", "pasted.txt")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "wrote entries/2025/why-cities-need-gardens.md (from pasted.txt)\n"
        "  title:   Why Cities Need Gardens (guessed)\n"
    )
    text = (folder / "entries" / "2025" / "why-cities-need-gardens.md").read_text("utf-8")
    assert "Home" not in text


def test_a_year_folder_given_as_into_is_a_wrong_command_line(site: Callable[..., Path]) -> None:
    # It wrote entries/2025/2025/hello.md, whose id has the year twice.
    folder = site()
    (folder / "post.md").write_text("---\ntitle: Hello\ndate: 2025-06-01\n---\nHi.\n")
    result = run("import", "post.md", "--into", "entries/2025")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--into': entries/2025 is a year folder: give the entries "
        "folder, in which import makes the year folders (--into entries)."
    )
    assert list((folder / "entries").iterdir()) == []


def test_an_into_folder_whose_name_only_holds_a_year_is_no_year_folder(
    site: Callable[..., Path],
) -> None:
    # Only a name of four digits alone is a year folder: "archive-2024" is a folder of entries.
    folder = site()
    (folder / "post.md").write_text("---\ntitle: Hello\ndate: 2025-06-01\n---\nHi.\n")
    result = run("import", "post.md", "--into", "archive-2024")
    assert result.exit_code == 0, result.output
    assert (folder / "archive-2024" / "2025" / "post.md").is_file()


def test_a_year_under_1000_is_written_with_four_digits(site: Callable[..., Path]) -> None:
    folder = site()
    posts = folder / "_posts"
    posts.mkdir()
    (posts / "0800-12-25-crowned.md").write_text(
        '---\ntitle: "Crowned"\ndate: 0800-12-25 09:30\nlastmod: 0800-12-26\n---\nHi.\n'
    )
    assert run("import", "_posts").exit_code == 0
    text = (folder / "entries" / "0800" / "crowned.md").read_text(encoding="utf-8")
    assert "\ndate: 0800-12-25 09:30\nupdated: 0800-12-26\n" in text
    assert run("build").exit_code == 0
    entry = feedparser.parse("feeds/atom.xml").entries[0]
    assert entry.published == "0800-12-25T09:30:00+00:00"


@pytest.mark.parametrize("line", ["Monday, June 1, 2025", "1 June 2025, Monday"])
def test_a_wrong_weekday_in_pasted_text_is_imported_for_review(
    site: Callable[..., Path], line: str
) -> None:
    # The build refuses "Monday, June 1, 2025" (a Sunday), and the weekday after the date too;
    # import takes the day and asks for a review of the date, as of every date it reads in text.
    folder = site()
    (folder / "page.txt").write_text(
        f"{line}\n\nThe Allotment That Fed a Street\n\nBy Marta Kovalenko\n\n"
        "The street had never had a garden until the spring the allotment opened.\n",
        encoding="utf-8",
    )
    result = run("import", "page.txt", "--timezone", "UTC")
    assert result.exit_code == 0, result.output
    assert "  date:    2025-06-01 00:00 +00:00 (guessed)\n" in result.stdout
    text = (folder / "entries" / "2025" / "the-allotment-that-fed-a-street.md").read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert "date" in meta["review"]


def test_a_compact_time_in_pasted_text_is_imported_for_review(site: Callable[..., Path]) -> None:
    # The build refuses "22 December 2025 1430", whose time a date line does not read (it
    # published it at 00:00); import takes the time, 14:30, and asks for a review of the date.
    folder = site()
    (folder / "page.txt").write_text(
        "22 December 2025 1430\n\nThe Allotment That Fed a Street\n\nThe street grew.\n",
        encoding="utf-8",
    )
    result = run("import", "page.txt", "--timezone", "UTC")
    assert result.exit_code == 0, result.output
    assert "  date:    2025-12-22 14:30 +00:00 (guessed)\n" in result.stdout
    assert run("build").exit_code == 0
    (entry,) = feedparser.parse(folder / "feeds" / "atom.xml").entries
    assert entry.published == "2025-12-22T14:30:00+00:00"


def test_an_html_page_in_latin_1_without_a_charset_is_read_as_browsers_read_it(
    site: Callable[..., Path],
) -> None:
    # Read as UTF-8, "Café crème" became "Caf� cr�me" (slug caf-cr-me), without a word; and a
    # byte windows-1252 leaves out (0x81) made libxml2 drop the rest of the page.
    folder = site()
    (folder / "old.html").write_bytes(
        b'<html><head><title>Caf\xe9 cr\xe8me</title><meta name="date" content="2024-05-06">'
        b"</head><body><article><h1>Caf\xe9 cr\xe8me</h1><p>Na\xefve \x81 text, \x93quoted\x94,"
        b" about the caf\xe9 on the corner.</p></article></body></html>"
    )
    result = run("import", "old.html")
    assert result.exit_code == 0, result.output
    entry = folder / "entries" / "2024" / "cafe-creme.md"
    text = entry.read_text(encoding="utf-8")
    assert yaml.safe_load(text.split("---\n")[1])["title"] == "Café crème"
    # The byte is read as U+FFFD, which build removes (readers cannot show it), and so import.
    assert "Naïve text, \u201cquoted\u201d, about the café on the corner." in text
    assert run("build").exit_code == 0
    titles = [e.title for e in feedparser.parse(str(folder / "feeds" / "atom.xml")).entries]
    assert titles == ["Café crème"]


def html_page(head: str, title: str, text: str) -> str:
    return (
        f"<html><head>{head}<title>{title}</title><meta name=date content=2025-03-01></head>"
        f"<body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )


# The title, the text, and the entry's name: NFKD takes the accent off ó, and ł has none.
CAFE = ("Café “news”", "It costs 5 €, “quoted”, \u2018quoted\u2019 — at the café.", "cafe-news")
LODZ = ("Łódź café", "Żółw w Łodzi, a café.", "łodz-cafe")  # ISO-8859-2 has Ł; cp1252 not
XHTML = '<html xmlns="http://www.w3.org/1999/xhtml">'


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        # Browsers read a page that says latin-1 (or ASCII) in windows-1252, whose 0x80 is €
        # and 0x93 a curly quote: they were control characters, and left out.
        ("a.html", html_page('<meta charset="iso-8859-1">', *CAFE[:2]).encode("cp1252"), CAFE),
        ("a.html", html_page("<meta charset=us-ascii>", *CAFE[:2]).encode("cp1252"), CAFE),
        # libxml2 dropped the rest of a page at a byte windows-1252 leaves out, 0x81.
        (
            "a.html",
            html_page("<meta charset=windows-1252>", "Café", "Naïve @ “text”, 5 € after it.")
            .encode("cp1252")
            .replace(b"@", b"\x81"),
            # Read as `�` (U+FFFD), which build removes: so does import (4236451).
            ("Café", "Naïve “text”, 5 € after it.", "cafe"),
        ),
        # An XML declaration's encoding: lxml refused the page, "cannot read the page as HTML".
        (
            "a.xhtml",
            ('<?xml version="1.0" encoding="windows-1252"?>\n' + html_page("", *CAFE[:2]))
            .replace("<html>", XHTML)
            .encode("cp1252"),
            CAFE,
        ),
        (
            "a.xhtml",
            ("<?xml version='1.0' encoding='ISO-8859-2'?>" + html_page("", *LODZ[:2])).encode(
                "iso-8859-2"
            ),
            LODZ,
        ),
        # A byte-order mark says the encoding, over a <meta>: UTF-16 was read as windows-1252,
        # and its page found no date.
        ("a.html", html_page("", *CAFE[:2]).encode("utf-16-le").join([b"\xff\xfe", b""]), CAFE),
        ("a.html", html_page("", *CAFE[:2]).encode("utf-16-be").join([b"\xfe\xff", b""]), CAFE),
        (
            "a.html",
            b"\xef\xbb\xbf" + html_page("<meta charset=windows-1252>", *CAFE[:2]).encode("utf-8"),
            CAFE,
        ),
        # A <meta> found in bytes that are ASCII's is no UTF-16: browsers read UTF-8.
        ("a.html", html_page('<meta charset="utf-16">', *CAFE[:2]).encode("utf-8"), CAFE),
        # A label the Encoding Standard maps to "replacement" is no charset: as if none.
        ("a.html", html_page('<meta charset="iso-2022-kr">', *CAFE[:2]).encode("utf-8"), CAFE),
    ],
    ids=[
        *("iso-8859-1", "us-ascii", "0x81", "xml-1252", "xml-8859-2"),
        *("utf-16le", "utf-16be", "bom", "meta-utf-16", "replacement"),
    ],
)
def test_an_html_page_is_read_in_the_encoding_browsers_read_it_in(
    site: Callable[..., Path], name: str, data: bytes, words: tuple[str, str, str]
) -> None:
    folder = site()
    (folder / name).write_bytes(data)
    result = run("import", name)
    assert result.exit_code == 0, result.output
    title, text, slug = words
    assert result.stdout.startswith(
        f"wrote entries/2025/{slug}.md (from {name})\n  title:   {title}\n"
    )
    written = (folder / "entries" / "2025" / f"{slug}.md").read_text(encoding="utf-8")
    assert yaml.safe_load(written.split("---\n")[1])["title"] == title
    assert written.split("---\n", 2)[2].strip() == text


def test_a_link_out_of_an_imported_folder_is_not_followed(site: Callable[..., Path]) -> None:
    # A link in a downloaded site's folder (to ~/.ssh/config, say) was followed, and that
    # file's text imported as an entry, to be published in the feeds.
    folder = site()
    (folder / "secret.md").write_text("2024-05-06\n\nSecret\n\nThe secret text.\n", "utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "post.md").write_text("2024-05-07\n\nPost\n\nThe post.\n", "utf-8")
    (folder / "old" / "link.md").symlink_to(folder / "secret.md")
    before = digest(folder / "entries")
    result = run("import", "old")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: old/link.md: the file is a link to secret.md, outside old, and is not followed."
        " Remove the link, or name the file it leads to if that is the document to import.\n"
    )
    assert digest(folder / "entries") == before
    (folder / "old" / "link.md").unlink()
    (folder / "old" / "inside.md").symlink_to("post.md")  # a link within it is the same post
    assert run("import", "old").exit_code == 0
    assert [p.name for p in (folder / "entries").rglob("*.md")] == ["post.md"]


def test_a_title_tag_or_name_on_two_lines_or_with_a_tab_is_imported_on_one_line(
    site: Callable[..., Path],
) -> None:
    # They were written as they were ("Hello\nWorld"), and the next build refused the entry:
    # a title, tag or author name holds no line break or tab.
    folder = site()
    posts = folder / "_posts"
    posts.mkdir()
    (posts / "2024-03-05-hello.md").write_text(
        '---\ntitle: |\n  Hello\n  World\nauthor: "Jane\\tRoe"\ntags: ["open\\tsource", c]\n---\n'
        "Hi.\n"
    )
    (posts / "2024-03-06-toml.md").write_text(
        '+++\ntitle = "Tabbed\\ttitle"\ndate = 2024-03-06\n+++\nHi.\n'
    )
    result = run("import", "_posts")
    assert result.exit_code == 0, result.output
    assert (
        "  title:   Hello World (guessed)\n"
        "  date:    2024-03-05 00:00 +00:00\n"
        "  authors: Jane Roe (guessed)\n"
        "  tags:    open source, c (guessed)\n"
    ) in result.output
    assert "  title:   Tabbed title (guessed)\n" in result.output
    entry = folder / "entries" / "2024" / "hello.md"
    meta = yaml.safe_load(entry.read_text(encoding="utf-8").split("---\n")[1])
    assert (meta["title"], meta["authors"], meta["tags"]) == (
        "Hello World",
        [{"name": "Jane Roe"}],
        ["open source", "c"],
    )
    assert meta["review"] == ["title", "authors", "tags"]
    built = run("build")
    assert built.exit_code == 0, built.output
    titles = {entry.title for entry in feedparser.parse(folder / "feeds" / "atom.xml").entries}
    assert titles == {"Hello World", "Tabbed title"}


def test_an_imported_authors_name_has_no_quotes_or_bracket_left_of_its_address(
    site: Callable[..., Path],
) -> None:
    # `"Ann Lee" ann@example.org` was imported as the name "\"Ann Lee\"", which the feeds
    # showed with its quotes; `(ann@example.org` as the name "(", which the build published.
    folder = site()
    (folder / "quoted.md").write_text(
        "---\ntitle: Quoted\ndate: 2025-06-01\nauthor: '\"Ann Lee\" ann@example.org'\n---\nHi.\n"
    )
    (folder / "bracket.md").write_text(
        "---\ntitle: Bracket\ndate: 2025-06-02\nauthor: (ann@example.org\n---\nHi.\n"
    )
    result = run("import", "quoted.md", "bracket.md")
    assert result.exit_code == 0, result.output
    assert "  authors: Ann Lee <ann@example.org>\n" in result.stdout
    # An address alone is no name to guess: the build asks for one at its name: line (---,
    # title, date, authors:, then name:), as for ann@example.org.
    assert run("build").stderr == (
        "Error: entries/2025/bracket.md:5: authors name '(ann@example.org' is an email address, "
        "not a name. Give the person's name as name, and the address as email: ann@example.org\n"
    )
    (folder / "entries" / "2025" / "bracket.md").unlink()
    assert run("build").exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.author_detail.name, entry.author_detail.email) == ("Ann Lee", "ann@example.org")


_EMPHASIS = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}
_EMPHASIS |= {"code": "code", "s": "del", "strike": "del", "del": "del"}


def what_readers_see(root: etree._Element) -> list[tuple[str, bool, frozenset[str]]]:
    """Each run of text under `root`, spaces aside: whether it is in a list item, and the
    emphasis around it (`em` for <em> and <i>, `strong` for <strong> and <b>, `code`, `del`
    for a line through it), and the address of a link around it. Code alone in code: a code
    span of Markdown shows no emphasis, and the import writes no link, in it."""
    seen = []
    # Each text in document order: an element's tail after what the element holds.
    for text, holder in _texts_in_order(root):
        if not text.strip():
            continue
        around = [holder, *holder.iterancestors()]
        in_item = any(each.tag == "li" for each in around)
        emphasis = frozenset(_EMPHASIS[each.tag] for each in around if each.tag in _EMPHASIS)
        emphasis |= {f"link {each.get('href')}" for each in around if each.tag == "a"}
        emphasis = frozenset({"code"}) if "code" in emphasis else emphasis
        words = "".join(text.split())
        if seen and seen[-1][1:] == (in_item, emphasis):  # where texts part is not seen
            words = seen.pop()[0] + words
        seen.append((words, in_item, emphasis))
    return seen


def _texts_in_order(root: etree._Element) -> list[tuple[str, etree._Element]]:
    """Each text under `root` (`root`'s tail aside), in the order a reader reads them, with
    the element it is in."""
    found: list[tuple[str, etree._Element]] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start" and element.text and isinstance(element.tag, str):
            found.append((element.text, element))
        parent = element.getparent()
        if event == "end" and element.tail and element is not root and parent is not None:
            found.append((element.tail, parent))
    return found


@pytest.mark.parametrize(
    "article",
    [
        # An <em> left open, with its <p>: libxml2 put the list in it, and the import wrote
        # `*noteonetwo*`, the list lost. Browsers show the list, its items in italics.
        "<p>Intro.</p><p><em>note<ul><li>one</li><li>two</li></ul><p>After.</p>",
        "<em>note</p><ul><li>one</li><li>two</li></ul>",
        "<p>A <i>lean<ol><li>one</li><li>two</li></ol>",
        "<p><strong>bold <em>both<ul><li>one<ul><li>deep</li></ul></li></ul>tail",
        # A <span>, which no browser opens again: the list plain, not run into `noteonetwo`.
        '<p><span class="aside">note<ul><li>one</li><li>two</li></ul>',
        # Text after the end tag of one holding a list, in another: it was written twice,
        # `~~after after~~`.
        "<s><strong><ul><li>one</li></ul></strong>after</s>",
        "<p><em><b>note<ul><li>one</li></ul></b>then</em> plain",
    ],
)
def test_an_open_emphasis_above_a_list_builds_as_the_page_shows(
    site: Callable[..., Path], article: str
) -> None:
    builds_as_the_page_shows(site(), article)


@pytest.mark.parametrize(
    "article",
    [
        # HTML5 opens a formatting element left open again after the block that closed it:
        # browsers show the list and `end` in italics, and the import wrote them plain.
        "<p><em>note</p><ul><li>one</li><li>two</li></ul><p>end</p>",
        "<p><b>bold</p><p>still bold</p><h2>a heading too</h2>",
        "<p><strong>x</p><blockquote><p>quoted</p></blockquote>",
        "<p><i>x</p><p>y <b>both</p><p>z</p>",
        "<ul><li><em>an item</li></ul><p>after the list</p>",
        "<p><code>x</p><p>y</p>",
        "<p><s>x</p><p>y</p>",
        # A link as well: in browsers, `y` is a link to the same address.
        '<p><a href="https://example.org/a?b=1&amp;c=2">x</p><p>y</p>',
        # Where HTML5 stops: its end tag (`c` is plain), the adoption agency (`z` is plain),
        # and a table's cell, which keeps in what was opened in it.
        "<p><em>a</p><p>b</em> c</p>",
        "<p><b>x<p>y</b>z</p>",
        "<table><tr><td><em>a</td></tr></table><p>b</p>",
    ],
)
def test_formatting_left_open_before_a_block_builds_as_the_page_shows(
    site: Callable[..., Path], article: str
) -> None:
    builds_as_the_page_shows(site(), article)


def test_a_page_of_20000_elements_left_open_imports_in_time_that_grows_with_it(
    site: Callable[..., Path],
) -> None:
    # Each <b> is unlike the others, so HTML5 keeps them all to open again at each text (its
    # limit is of three alike): HTML5's reading went over all at each text, and 2,000 took
    # the import minutes. A subprocess, so that a blowup fails the test, not hangs it.
    folder = site()
    article = "".join(f"<p>Paragraph {n}, <b class=c{n}>bold</p>" for n in range(10_000))
    page = (
        '<html><head><title>Many</title><meta name="date" content="2025-12-01"></head>'
        f"<body><article>{article}</article></body></html>"
    )
    (folder / "page.html").write_text(page, encoding="utf-8")
    command = [sys.executable, "-m", "staticfeed", "import", "page.html"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    (entry,) = (folder / "entries").glob("*/*.md")
    body = entry.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    shown = lxml.html.fragment_fromstring(cmarkgfm.markdown_to_html(body), create_parent="div")
    # Browsers show the last paragraph bold, the <b>s before it opened again around its text.
    last = list(shown.iter("p"))[-1]
    assert " ".join(last.text_content().split()) == "Paragraph 9999, bold"
    assert last.xpath(".//text()[normalize-space()][not(ancestor::strong)]") == []


@pytest.mark.parametrize(
    "article",
    [
        # HTML5 lets a heading hold a list: the import wrote `## Stepsonetwo`.
        "<h2>Steps<ol><li>one</li><li>two</li></ol></h2><p>After.</p>",
        "<h3><em>Steps<ul><li>one</li></ul></em></h3>",
    ],
)
def test_a_list_in_a_heading_builds_as_the_page_shows(
    site: Callable[..., Path], article: str
) -> None:
    builds_as_the_page_shows(site(), article)


@pytest.mark.parametrize(
    "article",
    [
        # An end tag of one around a block opened in it: HTML5's adoption agency carries it
        # into the block, and a copy of each formatting element opened between the two stays
        # open after it (`three` is a link, struck through; it was imported plain).
        '<s><strong><blockquote>one <a href="https://example.org/x">two </strong>three',
        "<b><blockquote>one <i>two</b> three</blockquote>",
        "<em>a <b>b<blockquote>quoted</em> more</blockquote>",
        "<i><code><blockquote><b>one </b></i>two</blockquote>",
        # libxml2 ignores such an end tag, and kept `y`, `after` and `end`, `and more` in
        # the element: browsers show them out of it.
        "<b><div>x</b> y</div>",
        "<b><div>x <i>a</b> y <s>z</s> w</i></div>",  # `z` a line through, in italics
        "<em>a <b>b<div>in div</em> after</div> end",
        '<p><i>Note <a href="https://example.org/x">see<div>this</i> and</div> more',
        # libxml2 nests the second link in the first through the <em>; HTML5 ends the first
        # at the second's start. The import wrote `[x*[y](…/2)z*w](…/1)`, brackets and all.
        '<p><a href="https://example.org/1">x<em><a href="https://example.org/2">y</a>z</em>w</a>'
        " v</p>",
        # Its <b> closed in it: HTML5 opens the second link again around `z` and `w`.
        '<p><a href="https://example.org/1">x<em><b><a href="https://example.org/2">y</b>z</em>'
        "w</p>",
    ],
)
def test_misnested_formatting_builds_as_the_page_shows(
    site: Callable[..., Path], article: str
) -> None:
    builds_as_the_page_shows(site(), article)


def builds_as_the_page_shows(folder: Path, article: str) -> None:
    """Import a page whose <article> holds `article`, build, and compare what the feed's
    entry shows with what a browser shows of the article: each text, whether it is in a list
    item and the emphasis around it, and the lists."""
    page = (
        '<html><head><title>Lone em</title><meta name="date" content="2025-12-01"></head>'
        f"<body><article>{article}</article></body></html>"
    )
    (folder / "page.html").write_text(page, encoding="utf-8")
    assert run("import", "page.html").exit_code == 0
    built = run("build")
    assert built.exit_code == 0, built.output
    atom = "{http://www.w3.org/2005/Atom}"
    content = etree.parse(folder / "feeds" / "atom.xml").findtext(f"{atom}entry/{atom}content")
    shown = lxml.html.fragment_fromstring(content, create_parent="div")
    # What a browser shows of the page: HTML5's reading, by html5lib.
    browser = html5lib.parse(page, treebuilder="lxml", namespaceHTMLElements=False)
    (read,) = browser.getroot().iter("article")
    assert what_readers_see(shown) == what_readers_see(read)
    assert _lists(shown) == _lists(read)


def _lists(root: etree._Element) -> list[tuple[str, list[str]]]:
    """Each list under `root`, nested ones too: its tag, and the text of each of its items."""
    return [
        (str(found.tag), ["".join("".join(item.itertext()).split()) for item in found])
        for found in root.iter("ul", "ol")
    ]
