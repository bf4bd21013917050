"""Documents in entries/: what staticfeed reads, how it reads it, and every error it reports.

Each test builds with the real command and reads the written feeds with lxml or feedparser.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from staticfeed.frontmatter import FrontMatterError, split
from tests.conftest import BASIC_CONFIG, build_as_a_user, files_under, record_reads

A = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# Every front-matter key the README lists, sorted.
KNOWN_KEYS = (
    "author, authors, date, draft, enclosures, id, image, lang, link, review, slug, summary, tags, "
    "title, updated"
)
DATE_FIX = "Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00."

Site = Callable[..., Path]


def build(*args: str) -> Result:
    return CliRunner().invoke(cli, ["build", *args])


def build_ok(*args: str) -> Result:
    result = build(*args)
    assert result.exit_code == 0, result.output
    return result


def errors(*args: str) -> list[str]:
    """The error lines of a build that must fail; no feed may have been written."""
    result = build(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not Path("feeds").exists()
    return result.stderr.splitlines()


def atom_entries() -> list[etree._Element]:
    root = etree.fromstring(Path("feeds/atom.xml").read_bytes())
    return root.findall(f"{A}entry")


def rss_items() -> list[etree._Element]:
    root = etree.fromstring(Path("feeds/rss.xml").read_bytes())
    return root.findall("channel/item")


def only_entry() -> etree._Element:
    (entry,) = atom_entries()
    return entry


def authors_of(entry: etree._Element) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (a.findtext(f"{A}name"), a.findtext(f"{A}email"), a.findtext(f"{A}uri"))
        for a in entry.findall(f"{A}author")
    ]


def write_bytes(folder: Path, name: str, data: bytes) -> None:
    path = folder / "entries" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def doc(front: str, body: str = "Body text.\n") -> str:
    """A document with YAML front matter."""
    return f"---\n{front}---\n{body}"


NO_AUTHOR_CONFIG = BASIC_CONFIG.replace(
    'authors = [{ name = "Default Author", email = "default@example.org" }]\n', ""
)


# Front matter ------------------------------------------------------------------------------


def test_yaml_front_matter(site: Site) -> None:
    site(
        **{
            "a.md": """\
            ---
            title: For a Peace From Below in Ukraine
            date: 2025-12-22
            authors:
              - Liza Smirnova
              - name: Alexey Sakhnin
                uri: https://example.org/sakhnin
            tags: [ukraine, peace-talks]
            summary: Two anti-war socialists on the talks.
            link: https://example.org/peace
            lang: uk
            ---
            The body, in *Markdown*.
            """
        }
    )
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}title") == "For a Peace From Below in Ukraine"
    assert entry.findtext(f"{A}published") == "2025-12-22T00:00:00+00:00"
    assert authors_of(entry) == [
        ("Liza Smirnova", None, None),
        ("Alexey Sakhnin", None, "https://example.org/sakhnin"),
    ]
    assert [c.get("term") for c in entry.findall(f"{A}category")] == ["ukraine", "peace-talks"]
    assert entry.findtext(f"{A}summary") == "Two anti-war socialists on the talks."
    assert [link.get("href") for link in entry.findall(f"{A}link")] == ["https://example.org/peace"]
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    assert entry.findtext(f"{A}content") == "<p>The body, in <em>Markdown</em>.</p>"


def test_toml_front_matter(site: Site) -> None:
    site(
        **{
            "a.md": """\
            +++
            title = "In TOML"
            date = 2025-12-22T14:30:00+02:00
            updated = 2025-12-23
            author = { name = "Ann Lee", email = "ann@example.org" }
            tags = ["one", "two"]
            +++
            Body.
            """
        }
    )
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}title") == "In TOML"
    assert entry.findtext(f"{A}published") == "2025-12-22T14:30:00+02:00"
    assert entry.findtext(f"{A}updated") == "2025-12-23T00:00:00+00:00"
    assert authors_of(entry) == [("Ann Lee", "ann@example.org", None)]
    assert [c.get("term") for c in entry.findall(f"{A}category")] == ["one", "two"]
    assert entry.findtext(f"{A}content") == "<p>Body.</p>"


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_empty_front_matter_leaves_everything_to_the_first_lines(site: Site, fence: str) -> None:
    site(**{"a.md": f"{fence}\n{fence}\n2025-12-22\n\n# From the body\n\nText.\n"})
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}title") == "From the body"
    assert entry.findtext(f"{A}published") == "2025-12-22T00:00:00+00:00"
    assert entry.findtext(f"{A}content") == "<p>Text.</p>"


ONE_LINE = "which feed readers show as a space or not at all"


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            'title: "Two\\nlines"\n',
            f'2: title holds a line break, {ONE_LINE}. Write it on one line: "Two lines"',
        ),
        (
            "title: |\n  Two\n  lines\n",
            f'2: title holds a line break, {ONE_LINE}. Write it on one line: "Two lines"',
        ),
        (
            'title: A\ntags: ["peace\\ttalks"]\n',
            f'3: each of tags holds a tab, {ONE_LINE}. Write a space for it: "peace talks"',
        ),
        (
            'title: A\nauthor: "Ann\\tLee <ann@a.org>"\n',
            f'3: author name holds a tab, {ONE_LINE}. Write a space for it: "Ann Lee"',
        ),
        (
            'title: A\nauthors:\n  - name: "Ann\\nLee"\n',
            f'4: authors name holds a line break, {ONE_LINE}. Write it on one line: "Ann Lee"',
        ),
        # Unicode's line and paragraph separators (YAML's \L and \P escapes) are line breaks.
        (
            'title: "Two\\Llines"\n',
            f'2: title holds a line break, {ONE_LINE}. Write it on one line: "Two lines"',
        ),
        (
            'title: A\ntags: ["peace\\Ptalks"]\n',
            f'3: each of tags holds a line break, {ONE_LINE}. Write it on one line: "peace talks"',
        ),
    ],
    ids=["escape", "block", "tag", "author", "author-name", "line-separator", "para-separator"],
)
def test_a_line_break_or_tab_in_a_title_name_or_tag_is_an_error(
    site: Site, front: str, error: str
) -> None:
    # They were published as written: feedparser keeps the line break, newsboat and the
    # entry's page show a space, so no reader showed the break the author wrote.
    site(**{"a.md": doc(front + "date: 2025-01-01\n")})
    assert errors() == [f"Error: entries/a.md:{error}"]


def test_a_line_separator_in_a_toml_author_name_is_a_line_break(site: Site) -> None:
    # TOML's "\u2028" (LINE SEPARATOR) was published in the name in every format: only a tab,
    # \n and \r counted as breaks, though readers break the line there or show nothing.
    front = 'title = "A"\ndate = 2025-01-01\nauthor = "S\u00e9bastien\\u2028 line"\n'
    site(**{"a.md": f"+++\n{front}+++\nBody.\n"})
    assert errors() == [
        f"Error: entries/a.md:4: author name holds a line break, {ONE_LINE}. Write it on one "
        'line: "S\u00e9bastien line"'
    ]


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_byte_order_mark_and_windows_line_ends_are_fine(
    site: Site, prefix: bytes, newline: bytes
) -> None:
    folder = site()
    lines = [b"---", b"title: Windows", b"date: 2025-12-22", b"---", b"One", b"two.", b""]
    write_bytes(folder, "front.md", prefix + newline.join(lines))
    bare = [b"2025-12-20", b"", b"# Bare", b"", b"Text.", b""]
    write_bytes(folder, "bare.md", prefix + newline.join(bare))
    # Each file ends its lines one way: no CR is read inside a line, and nothing is warned.
    assert build_ok().stderr == ""
    entries = {e.findtext(f"{A}title"): e for e in atom_entries()}
    assert set(entries) == {"Windows", "Bare"}  # no U+FEFF glued to a title
    assert entries["Windows"].findtext(f"{A}content") == "<p>One\ntwo.</p>"
    assert entries["Bare"].findtext(f"{A}published") == "2025-12-20T00:00:00+00:00"
    assert entries["Bare"].findtext(f"{A}content") == "<p>Text.</p>"


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"], ids=["lf", "crlf", "cr"])
def test_code_of_a_windows_file_keeps_no_space_at_its_line_ends(site: Site, newline: bytes) -> None:
    # A code block is published as written, spaces included: CR LF is one line end, not a
    # space before one (which a paragraph would hide, and code shows in every line).
    folder = site()
    lines = [b"---", b"title: Code", b"date: 2025-12-22", b"---", b"```", b"x = 1", b"y = 2"]
    write_bytes(folder, "code.md", newline.join([*lines, b"```", b""]))
    build_ok()
    assert only_entry().findtext(f"{A}content") == "<pre><code>x = 1\ny = 2\n</code></pre>"


@pytest.mark.parametrize("title", ['"Hel\rlo"', "Hel\rlo"], ids=["quoted", "plain"])
def test_a_lone_cr_is_inside_its_line_as_grep_and_vim_show_it(site: Site, title: str) -> None:
    # YAML and Markdown end a line at a CR alone, and the build counted it as a line end:
    # the errors below it were a line further down than `grep -n` and vim (^M) show, and a
    # plain value was "could not find expected ':'" at the line after it.
    site(**{"a.md": doc(f"title: {title}\ndate: 2025-13-02\n")})
    # The warning of the CR too, at its line, for one edit to fix both.
    assert errors() == [
        "Warning: entries/a.md:2: read a carriage return (CR) alone inside this line as a space, "
        "as grep and vim show it (^M); VS Code shows a line break there",
        "Error: entries/a.md:3: date: '2025-13-02' does not exist: month must be in 1..12. "
        "Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
    ]
    Path("entries/a.md").write_text(doc(f"title: {title}\ndate: 2025-12-02\n"), newline="")
    # It was read as a space without a word, where VS Code shows a line break: which one the
    # author meant, the author says.
    assert build_ok().stderr == (
        "Warning: entries/a.md:2: read a carriage return (CR) alone inside this line as a space, "
        "as grep and vim show it (^M); VS Code shows a line break there\n"
    )
    assert only_entry().findtext(f"{A}title") == "Hel lo"


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        # ---\n (4) title: M\n (9) date: 2025-05-01\n (17) ---\n (4) Bo (2): byte 36
        (b"---\ntitle: M\ndate: 2025-05-01\n---\nBo\xffdy\n", 36),
        # the same after a 3-byte byte-order mark
        (b"\xef\xbb\xbf---\ntitle: M\ndate: 2025-05-01\n---\nBo\xffdy\n", 39),
        # the same with Windows line ends: one more byte per line
        (b"---\r\ntitle: M\r\ndate: 2025-05-01\r\n---\r\nBo\xffdy\r\n", 40),
        # with classic Mac OS line ends, CR alone, which end its lines: it was named at line 1
        (b"---\rtitle: M\rdate: 2025-05-01\r---\rBo\xffdy\r", 36),
    ],
    ids=["plain", "bom", "crlf", "cr"],
)
def test_invalid_utf8_names_the_file_line_and_byte_offset(
    site: Site, data: bytes, offset: int
) -> None:
    assert data[offset] == 0xFF
    write_bytes(site(), "bad.md", data)
    assert errors() == [
        f"Error: entries/bad.md:5: the file is not valid UTF-8 (byte offset {offset}). "
        "Save the file as UTF-8."
    ]


@pytest.mark.parametrize(
    ("encoding", "why"),
    [
        # Read as UTF-8, it was published with a warning at every line (its zero bytes
        # removed), and the right single quote (bytes 19 20 in UTF-16) became a space.
        ("utf-16-le", "a quarter or more of its bytes are zero, as in UTF-16 or UTF-32 text"),
        ("utf-16-be", "a quarter or more of its bytes are zero, as in UTF-16 or UTF-32 text"),
        ("utf-32-le", "a quarter or more of its bytes are zero, as in UTF-16 or UTF-32 text"),
        # "not valid UTF-8 (byte offset 0)", which did not say what it is.
        ("utf-16", "it begins with the byte-order mark of UTF-16 or UTF-32"),
        ("utf-32", "it begins with the byte-order mark of UTF-16 or UTF-32"),
    ],
)
def test_utf16_or_utf32_is_an_error_that_says_so(site: Site, encoding: str, why: str) -> None:
    text = "---\ntitle: Don\u2019t\ndate: 2025-05-01\n---\nBody.\n"
    write_bytes(site(), "wide.md", text.encode(encoding))
    assert errors() == [
        f"Error: entries/wide.md: the file is not UTF-8: {why}. Save the file as UTF-8."
    ]


# Which files are entries -------------------------------------------------------------------

NOT_A_DOCUMENT = "this would be an error: no date\n"


def test_md_markdown_and_txt_files_in_every_subfolder_are_entries(site: Site) -> None:
    site(
        **{
            "top.md": doc("title: Top\ndate: 2025-01-01\n"),
            "2025/12/deep.markdown": doc("title: Deep\ndate: 2025-01-02\n"),
            "notes/plain.txt": doc("title: Plain\ndate: 2025-01-03\n"),
            # ignored: hidden files and folders, other extensions
            ".hidden.md": NOT_A_DOCUMENT,
            ".git/objects.md": NOT_A_DOCUMENT,
            "2025/.drafts/x.md": NOT_A_DOCUMENT,
            "notes.rst": NOT_A_DOCUMENT,
            "README": NOT_A_DOCUMENT,
            "top.md.bak": NOT_A_DOCUMENT,
            "top.md~": NOT_A_DOCUMENT,
            "image.svg": NOT_A_DOCUMENT,
        }
    )
    result = build_ok()
    assert result.stdout.splitlines()[:2] == [
        "wrote feeds/atom.xml (3 entries)",
        "wrote feeds/rss.xml (3 entries)",
    ]
    assert [e.findtext(f"{A}id") for e in atom_entries()] == [
        "tag:example.org,2025:notes/plain",
        "tag:example.org,2025:2025/12/deep",
        "tag:example.org,2025:top",
    ]


def test_txt_bodies_are_markdown_too(site: Site) -> None:
    site(**{"a.txt": doc("title: T\ndate: 2025-01-01\n", "Some **bold** text.\n")})
    build_ok()
    assert only_entry().findtext(f"{A}content") == "<p>Some <strong>bold</strong> text.</p>"


def test_a_body_nested_300_levels_deep_is_published_whole(site: Site) -> None:
    # libxml2's HTML parser stops at 256 levels unless told otherwise; the rest was dropped.
    body = "> " * 300 + "The innermost words.\n\nThe paragraph after.\n"
    site(**{"a.md": doc("title: T\ndate: 2025-01-01\n", body)})
    build_ok()
    content = only_entry().findtext(f"{A}content")
    assert content.count("<blockquote>") == content.count("</blockquote>") == 300
    assert "<p>The innermost words.</p>" in content
    assert content.endswith("</blockquote>\n<p>The paragraph after.</p>")


def test_a_body_nested_past_what_libxml2_can_hold_is_an_error(site: Site) -> None:
    # Past 2,048 levels libxml2 drops the rest even with huge_tree: published without a word.
    deep = "<div>" * 3000 + "The words." + "</div>" * 3000
    flat = "<p>x</p>" * 5000  # as many tags, nested one level: fine
    site(
        **{
            "a.md": doc("title: A\ndate: 2025-01-01\n", f"{deep}\n\nAfter.\n"),
            "b.md": doc("title: B\ndate: 2025-01-02\n", f"{flat}\n"),
        }
    )
    assert errors() == [
        "Error: entries/a.md: the text nests HTML elements more than 2,048 levels deep, and what "
        "lies deeper would be lost. Close the elements it opens (an unclosed <div> repeated, "
        "say), or nest less."
    ]


def test_every_body_nested_too_deep_is_listed_in_one_build(site: Site) -> None:
    # The build stopped at the first (the newest, b.md): fixing it showed a.md, a build later.
    # In worker processes: test_parallel.py.
    deep = "<div>" * 2100 + "The words." + "</div>" * 2100
    site(
        **{
            "a.md": doc("title: A\ndate: 2025-01-01\n", f"{deep}\n"),
            "b.md": doc("title: B\ndate: 2025-01-02\n", f"Before.\n\n{deep}\n"),
            "c.md": doc("title: C\ndate: 2025-01-03\n"),
        }
    )
    too_deep = (
        "the text nests HTML elements more than 2,048 levels deep, and what lies deeper would "
        "be lost. Close the elements it opens (an unclosed <div> repeated, say), or nest less."
    )
    assert errors() == [f"Error: entries/a.md: {too_deep}", f"Error: entries/b.md: {too_deep}"]


def test_a_paragraph_of_over_10_mb_is_published_whole_and_passes_check(site: Site) -> None:
    # libxml2 refuses a text of over 10,000,000 bytes unless told otherwise: the paragraph
    # became <p></p>, and check and the next build could not read such a feed.
    paragraph = "word " * 2_100_000 + "LAST"
    site(**{"a.md": doc("title: T\ndate: 2025-01-01\n", f"First.\n\n{paragraph}\n\nAfter.\n")})
    build_ok()
    parsed = feedparser.parse("feeds/atom.xml")  # expat: no limit of its own on a text's size
    assert not parsed.bozo, parsed.bozo_exception
    content = parsed.entries[0].content[0].value
    assert content.endswith(" word LAST</p>\n<p>After.</p>")
    assert len(content) > 10_500_000
    Path("entries/a.md").write_text(
        doc("title: T\ndate: 2025-01-01\n", f"First.\n\n{paragraph}\n\nEdited.\n"), "utf-8"
    )
    build_ok()  # reads the published feed to compare ids
    checked = CliRunner().invoke(cli, ["check", "--max-size", "100000000"])
    assert checked.exit_code == 0, checked.output


def test_a_link_to_a_file_outside_entries_is_an_error_and_never_read(site: Site) -> None:
    folder = site(**{"a.md": doc("title: A\ndate: 2025-01-01\n")})
    outside = folder / "private.md"
    outside.write_text("---\nsecret_key: 1\n---\nPRIVATE\n", encoding="utf-8")
    (folder / "entries" / "link.md").symlink_to(outside)
    (folder / "elsewhere").mkdir()
    (folder / "elsewhere" / "x.md").write_text("---\nother_secret: 1\n---\n", encoding="utf-8")
    (folder / "entries" / "more").symlink_to(folder / "elsewhere", target_is_directory=True)
    # Had either been read, its unknown key would be reported too.
    assert sorted(errors()) == [
        "Error: entries/link.md: the file is a link to outside the entries folder, which "
        "staticfeed never follows. Move or copy the document into the entries folder.",
        "Error: entries/more: the folder is a link to outside the entries folder, which "
        "staticfeed never follows. Move or copy the document into the entries folder.",
    ]


@pytest.mark.parametrize(
    ("shut", "fix"),
    [
        (
            "entries/2025",
            "Check that it can be read (and entered: chmod +rx), or move it out of "
            "the entries folder.",
        ),
        # The entries folder itself was a wrong command line (exit status 2): "Invalid value
        # for '--entries': Directory 'entries' is not readable.", though no option was given.
        ("entries", "Check that it can be read (and entered: chmod +rx)."),
    ],
)
def test_a_folder_that_cannot_be_read_is_an_error_not_entries_gone(
    site: Site, shut: str, fix: str
) -> None:
    # Skipped as os.walk skips it, its entries left every feed, with their pages and tag
    # feeds, and the build said it had succeeded.
    folder = site(
        **{
            "2024/old.md": doc("title: Old\ndate: 2024-01-01\n"),
            "2025/new.md": doc("title: New\ndate: 2025-01-01\n"),
        }
    )
    build_ok()
    before = files_under(folder / "feeds")
    (folder / shut).chmod(0o000)
    try:
        result = build_as_a_user()
    finally:
        (folder / shut).chmod(0o755)
    assert (result.returncode, result.stderr) == (
        1,
        f"Error: {shut}: cannot read the folder (Permission denied). {fix}\n",
    )
    assert files_under(folder / "feeds") == before


def test_a_pipe_or_a_link_loop_named_like_a_document_is_an_error_not_a_hang(site: Site) -> None:
    # Reading a pipe waited for ever; resolving a loop raised RuntimeError("Symlink loop").
    folder = site(**{"a.md": doc("title: A\ndate: 2025-01-01\n")})
    os.mkfifo(folder / "entries" / "pipe.md")
    (folder / "entries" / "loop.md").symlink_to("loop.md")
    assert errors() == [
        "Error: entries/loop.md: the link leads back to itself, so it names no file. Delete the "
        "link, or point it at a document inside the entries folder.",
        "Error: entries/pipe.md: the file is not a regular file (a pipe, a socket or a device). "
        "Replace it with a document, or rename it so that its name does not end in .md.",
    ]


def test_a_file_name_that_is_not_utf8_is_an_error_naming_its_bytes(site: Site) -> None:
    folder = site(**{"a.md": doc("title: A\ndate: 2025-01-01\n")})
    build_ok()
    published = Path("feeds/atom.xml").read_bytes()
    name = os.fsdecode(os.fsencode(folder / "entries") + b"/caf\xe9.md")
    try:
        Path(name).write_text(doc("title: Cafe\ndate: 2025-01-02\n"), encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")

    result = build()

    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/caf\\xe9.md: the file's name is not UTF-8, so it cannot become the "
        "entry's slug and id. Rename it with UTF-8 characters, for example with "
        "`convmv -f latin1 -t utf8`.\n"
    )
    assert Path("feeds/atom.xml").read_bytes() == published


def test_a_folder_name_that_is_not_utf8_is_one_error(site: Site) -> None:
    folder = site(**{"a.md": doc("title: A\ndate: 2025-01-01\n")})
    bad = os.fsdecode(os.fsencode(folder / "entries") + b"/r\xe9sum\xe9")
    try:
        Path(bad).mkdir()
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    for name in ("one.md", "two.md"):
        Path(bad, name).write_text(doc("title: T\ndate: 2025-01-02\n"), encoding="utf-8")
    assert errors() == [
        "Error: entries/r\\xe9sum\\xe9: the folder's name is not UTF-8, so it cannot become "
        "part of its entries' slugs and ids. Rename it with UTF-8 characters, for example with "
        "`convmv -f latin1 -t utf8`."
    ]


def test_a_link_inside_entries_is_read(site: Site) -> None:
    folder = site(**{"archive/a.md": doc("title: A\ndate: 2025-01-01\n")})
    (folder / "entries" / "latest.md").symlink_to(folder / "entries" / "archive" / "a.md")
    build_ok()
    assert sorted(e.findtext(f"{A}id") or "" for e in atom_entries()) == [
        "tag:example.org,2025:archive/a",
        "tag:example.org,2025:latest",
    ]


def test_a_broken_link_in_entries_is_an_error_naming_it_and_nothing_is_written(
    site: Site,
) -> None:
    folder = site(**{"a.md": doc("title: A\ndate: 2025-01-01\n")})
    (folder / "entries" / "b.md").symlink_to(folder / "entries" / "gone.md")
    assert errors() == [
        "Error: entries/b.md: cannot read the file (No such file or directory). Check that it "
        "exists and that it can be read; a link must lead to a file."
    ]  # and errors() checks that no feed was written


def test_documents_are_read_folder_by_folder_in_name_order(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder's documents by name, then each of its subfolders by name; hidden files and
    folders, and files that are not documents, are not read. Errors are listed by path, as
    `check` lists them, and as those found in placing or rendering the pages are."""
    bad = doc("titel: X\ndate: 2025-01-01\n")
    site(
        **{
            name: bad
            for name in (
                "b.md",
                "UPPER.MD",
                "a/z.md",
                "a/b/c.txt",
                "a/a.markdown",
                "c/x.md",
                ".hidden/x.md",
                "a/.draft.md",
                "notes.html",
            )
        }
    )
    (Path("entries") / "a" / "b" / "link.md").symlink_to(Path("..", "z.md"))
    reads = record_reads(monkeypatch, "entries")
    order = [line.split(":")[1].strip() for line in errors("--no-cache")]
    assert reads == [
        "UPPER.MD",
        "b.md",
        "a/a.markdown",
        "a/z.md",
        "a/b/c.txt",
        "a/b/link.md",
        "c/x.md",
    ]
    assert order == [
        "entries/UPPER.MD",
        "entries/a/a.markdown",
        "entries/a/b/c.txt",
        "entries/a/b/link.md",
        "entries/a/z.md",
        "entries/b.md",
        "entries/c/x.md",
    ]


# Keys and values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("titel", "Did you mean 'title'?"),
        ("tag", "Did you mean 'tags'?"),
        ("autor", "Did you mean 'author'?"),
        ("updatd", "Did you mean 'updated'?"),
    ],
)
def test_unknown_key_suggests_the_key_meant(site: Site, key: str, hint: str) -> None:
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\n{key}: x\n")})
    assert errors() == [
        f"Error: entries/a.md:4: unknown key '{key}'. {hint} Known keys: {KNOWN_KEYS}."
    ]


def test_unknown_key_without_a_close_match(site: Site) -> None:
    site(**{"a.md": doc("title: A\nlayout: post\ndate: 2025-01-01\n")})
    assert errors() == [
        f"Error: entries/a.md:3: unknown key 'layout'. Remove it; known keys: {KNOWN_KEYS}."
    ]


def test_unknown_key_in_toml_front_matter(site: Site) -> None:
    site(**{"a.md": '+++\ntitle = "A"\ndate = 2025-01-01\ntitel = "B"\n+++\nBody.\n'})
    assert errors() == [
        "Error: entries/a.md:4: unknown key 'titel'. Did you mean 'title'? "
        f"Known keys: {KNOWN_KEYS}."
    ]


def test_an_unknown_toml_key_with_a_dot_is_named_as_a_date_error_names_it(site: Site) -> None:
    # It was 'a.b', the name of a key `b` in a table `a` to TOML, where a date error below
    # says "a.b": one key, in the quotes TOML needs for its dot.
    site(**{"a.md": '+++\ntitle = "A"\ndate = 2025-01-01\n"a.b" = 1\n\'c d\' = 2\n+++\nBody.\n'})
    assert errors() == [
        f"Error: entries/a.md:4: unknown key '\"a.b\"'. Remove it; known keys: {KNOWN_KEYS}.",
        f"Error: entries/a.md:5: unknown key '\"c d\"'. Remove it; known keys: {KNOWN_KEYS}.",
    ]
    site(**{"a.md": '+++\ntitle = "A"\ndate = 2025-01-01\n"a.b" = 2025-13-01\n+++\nBody.\n'})
    assert errors() == [
        "Error: entries/a.md:4: \"a.b\": '2025-13-01' does not exist: month must be in 1..12. "
        'Write "a.b" like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.'
    ]


def test_invalid_toml_front_matter_is_an_error_at_its_line_of_the_file(site: Site) -> None:
    # tomllib counts lines from the one after the opening +++. (`lang = en` is told to be put
    # in quotes: test_fixes_read_back; `draft = yes` to be true: test_frontmatter_audit.)
    site(**{"a.md": '+++\ntitle = "A"\ndate = 2025-01-01\ndraft = maybe\n+++\nBody.\n'})
    assert errors() == ["Error: entries/a.md:4: invalid TOML: Invalid value. Fix the TOML syntax."]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        # The date has no time to want seconds.
        ("2025-06-01 extra", "Expected newline or end of document after a statement"),
        # TOML stopped at the @, before the date: its missing seconds are not the problem yet.
        ("@2025-06-01T10:00", "Invalid value"),
    ],
    ids=["word-after-a-date", "character-before-a-date-time"],
)
def test_a_toml_date_beside_a_mistake_is_told_as_tomllib_tells_it(
    site: Site, value: str, problem: str
) -> None:
    # "has no seconds" would send the author to fix a date that is right, and leave the word
    # or the @.
    site(**{"a.md": f'+++\ntitle = "A"\ndate = {value}\n+++\nBody.\n'})
    assert errors() == [f"Error: entries/a.md:3: invalid TOML: {problem}. Fix the TOML syntax."]


@pytest.mark.parametrize(
    ("value", "problem"),
    [("tags = [", "Invalid value"), ('summary = """Two\n\nlines', "Unterminated string")],
)
def test_toml_front_matter_cut_short_by_its_end_is_an_error_where_the_value_begins(
    site: Site, value: str, problem: str
) -> None:
    # tomllib says "at end of document", with no line: it was reported on line 2, then on the
    # closing +++, past the line to fix.
    site(**{"a.md": f'+++\ntitle = "A"\ndate = 2025-01-01\n{value}\n+++\nBody.\n'})
    assert errors() == [
        f"Error: entries/a.md:4: invalid TOML: {problem}: the value that starts here runs to the "
        "end of the front matter. Fix the TOML syntax."
    ]


def test_toml_front_matter_too_long_to_search_cut_short_is_an_error_at_its_closing_line(
    site: Site,
) -> None:
    # Past 300 lines the line where the value begins is not searched for: the error is at the
    # closing +++ (line 305), the end tomllib reached, which the line above it was not.
    lines = ["+++", 'title = "A"', "date = 2025-01-01", *["# note"] * 300, "tags = [", "+++"]
    site(**{"a.md": "\n".join([*lines, "Body.\n"])})
    assert lines.index("+++", 1) + 1 == 305
    assert errors() == [
        "Error: entries/a.md:305: invalid TOML: Invalid value at the end of the front matter. "
        "Fix the TOML syntax."
    ]


@pytest.mark.parametrize(
    ("front", "message"),
    [
        # authors is given at its first header: the line of the second (8) is no key's first.
        pytest.param(
            '[author]\nname = "C"\n[[authors]]\nname = "A"\n[[authors]]\nname = "B"',
            "entries/a.md:6: both author and authors are given. "
            "Keep one: author for one person, authors for a list.",
            id="two-tables-of-authors",
        ),
        # `["news"]` on a line of its own is an item of tags, not a table's header: the keys
        # below the array are the front matter's, at their own lines.
        pytest.param(
            'tags = [\n  "a",\n  ["news"]\n]\nsummary = 5',
            "entries/a.md:6: each of tags must be text, not a list. "
            "Write each of tags as a single line of text.\n"
            'Error: entries/a.md:8: summary must be text, not a number. Put it in quotes: "5"',
            id="item-like-a-header",
        ),
        # TOML reads `"\u0074itle"` as title: read as written, the key had no line, and one
        # given twice was told "the value that starts here runs to the end of the front matter".
        pytest.param(
            '"summ\\u0061ry" = 5',
            'entries/a.md:4: summary must be text, not a number. Put it in quotes: "5"',
            id="key-written-with-an-escape",
        ),
        pytest.param(
            '"\\u0074itle" = "B"',
            "entries/a.md:4: title is given twice (lines 2 and 4). Keep one of them.",
            id="key-written-with-an-escape-given-twice",
        ),
    ],
)
def test_toml_front_matter_keys_are_named_at_their_first_lines(
    site: Site, front: str, message: str
) -> None:
    site(**{"a.md": f'+++\ntitle = "A"\ndate = 2025-06-01\n{front}\n+++\nBody.\n'})
    assert errors() == f"Error: {message}".split("\n")


def test_an_unknown_key_of_an_author_is_matched_by_its_own_name(site: Site) -> None:
    # The shared "authors." made any short key look like a slip of the pen: `x` was told to be
    # `uri`. A slip of the pen (`mail`, `nam`) is still told its key.
    site(
        **{
            "a.md": "---\ntitle: A\ndate: 2025-01-01\nauthors:\n  - name: Bo\n    x: 1\n"
            "  - nam: Cy\n---\nBody.\n"
        }
    )
    known = "authors.email, authors.name, authors.uri."
    assert errors() == [
        f"Error: entries/a.md:6: unknown key 'authors.x'. Remove it; known keys: {known}",
        f"Error: entries/a.md:7: unknown key 'authors.nam'. Did you mean 'authors.name'? Known "
        f"keys: {known}",
    ]


@pytest.mark.parametrize(
    ("table", "error"),
    [
        (
            '[[authors]]\nemail = "ann@example.org"',
            "4: an author in authors has no name. Add a name to it.",
        ),
        (
            # Not "Did you mean 'authors.uri'?": a role is no author's web address.
            '[[authors]]\nname = "Ann Lee"\nrole = "editor"',
            "6: unknown key 'authors.role'. Remove it; known keys: "
            "authors.email, authors.name, authors.uri.",
        ),
        (
            '[author]\nname = "Ann"\nemail = "ann at example"',
            "6: 'ann at example' in author is not an email address. Write it like "
            "ann@example.org, or leave the email out.",
        ),
    ],
)
def test_toml_front_matter_names_an_authors_table_at_its_header_or_key(
    site: Site, table: str, error: str
) -> None:
    # A key's line was found from `key =` lines alone: errors in [[authors]] named no line,
    # and a key written inside a table was taken for the front matter's own. A bad key of the
    # table is at its own line (it was at the header, above the line to fix).
    front = f'title = "A"\ndate = 2025-01-01\n{table}\n'
    site(**{"a.md": f"+++\n{front}+++\nBody.\n"})
    assert errors() == [f"Error: entries/a.md:{error}"]


@pytest.mark.parametrize(
    ("table", "told"),
    [
        # A quoted header was no table's: the author's error named no line.
        pytest.param(
            '["author"]\nemail = "ann@example.org"',
            ["4: an author in author has no name. Add a name to it."],
            id="quoted",
        ),
        pytest.param(
            '[ "author" ]\nemail = "ann@example.org"',
            ["4: an author in author has no name. Add a name to it."],
            id="quoted-spaced",
        ),
        # A dotted header: the unknown key named no line.
        pytest.param(
            "[extra.b]\nx = 1",
            [f"4: unknown key 'extra'. Remove it; known keys: {KNOWN_KEYS}."],
            id="dotted",
        ),
        pytest.param(
            '[ extra . "b" ]\nx = 1',
            [f"4: unknown key 'extra'. Remove it; known keys: {KNOWN_KEYS}."],
            id="dotted-quoted",
        ),
        # Below a quoted header taken for none, `author =` was the front matter's: the
        # [author] table's error was put on the extra table's line.
        pytest.param(
            '["extra"]\nauthor = "x"\n[author]\nemail = "ann@example.org"',
            [
                f"4: unknown key 'extra'. Remove it; known keys: {KNOWN_KEYS}.",
                "6: an author in author has no name. Add a name to it.",
            ],
            id="key-of-a-quoted-table",
        ),
        # A dotted key at the top is a key of the table its first part names.
        pytest.param(
            "author.name = 1",
            ['4: author name must be text, not a number. Put it in quotes: "1"'],
            id="dotted-key",
        ),
    ],
)
def test_toml_front_matter_names_a_quoted_or_dotted_table_at_its_header(
    site: Site, table: str, told: list[str]
) -> None:
    front = f'title = "A"\ndate = 2025-01-01\n{table}\n'
    assert tomllib.loads(front)  # TOML, as tomllib reads it
    site(**{"a.md": f"+++\n{front}+++\nBody.\n"})
    assert errors() == [f"Error: entries/a.md:{each}" for each in told]


@pytest.mark.parametrize(
    ("table", "error"),
    [
        (
            '[[authors]]\nname = "Ann"\n\nsummary = "A summary."\n',
            "7: summary is in the [[authors]] table: TOML puts each key after the [[authors]] "
            "line in it. Move the summary line above the first [[authors]] line.",
        ),
        (
            '[author]\nname = "Ann"\nsummary = "A summary."\n',
            "6: summary is in the [author] table: TOML puts each key after the [author] line "
            "in it. Move the summary line above the [author] line.",
        ),
        (
            '[[enclosures]]\nurl = "/a.mp3"\ntype = "audio/mpeg"\nlength = 3\n'
            'summary = "A summary."\n',
            "8: summary is in the [[enclosures]] table: TOML puts each key after the "
            "[[enclosures]] line in it. Move the summary line above the first [[enclosures]] "
            "line.",
        ),
        # Quoted as written: the author looks for that line, not for `[author]`.
        (
            '[ "author" ]\nname = "Ann"\nsummary = "A summary."\n',
            '6: summary is in the [ "author" ] table: TOML puts each key after the [ "author" ] '
            'line in it. Move the summary line above the [ "author" ] line.',
        ),
        (
            '[[ \'authors\' ]]  # who wrote it\nname = "Ann"\n[[authors]]\nname = "Bo"\n'
            'summary = "A summary."\n',
            "8: summary is in the [[authors]] table: TOML puts each key after the [[authors]] "
            "line in it. Move the summary line above the first [[ 'authors' ]] line.",
        ),
    ],
)
def test_a_front_matter_key_written_after_a_toml_table_says_to_move_it(
    site: Site, table: str, error: str
) -> None:
    # TOML puts it in the table: the error was "unknown key 'authors.summary'. Remove it",
    # which had the author remove the summary. The config says to move it; so does this.
    front = f'title = "A"\ndate = 2025-01-01\n{table}'
    site(**{"a.md": f"+++\n{front}+++\nBody.\n"})
    assert errors() == [f"Error: entries/a.md:{error}"]
    summary = 'summary = "A summary."\n'
    Path("entries/a.md").write_text(f"+++\n{summary}{front.replace(summary, '')}+++\nBody.\n")
    assert build().exit_code == 0
    assert feedparser.parse("feeds/atom.xml").entries[0].summary == "A summary."


@pytest.mark.parametrize(
    ("mapping", "error"),
    [
        (
            "authors:\n  - name: Ann\n    summary: A summary.\n",
            "6: summary is indented under authors: YAML reads it as a key of an item of "
            "authors, not of the front matter. Write the summary line without indentation, "
            "above or below the authors list.",
        ),
        (
            "author:\n  name: Ann\n  summary: A summary.\n",
            "6: summary is indented under author: YAML reads it as a key of author, not of the "
            "front matter. Write the summary line without indentation, above or below the "
            "author mapping.",
        ),
        (
            "enclosures:\n  - url: /a.mp3\n    type: audio/mpeg\n    length: 3\n"
            "    summary: A summary.\n",
            "8: summary is indented under enclosures: YAML reads it as a key of an item of "
            "enclosures, not of the front matter. Write the summary line without indentation, "
            "above or below the enclosures list.",
        ),
    ],
)
def test_a_front_matter_key_indented_under_a_yaml_mapping_says_to_unindent_it(
    site: Site, mapping: str, error: str
) -> None:
    # The error was "unknown key 'authors.summary'. Remove it", which had the author remove
    # the summary, as it did in a TOML table.
    front = f"title: A\ndate: 2025-01-01\n{mapping}"
    site(**{"a.md": f"---\n{front}---\nBody.\n"})
    assert errors() == [f"Error: entries/a.md:{error}"]
    summary = "summary: A summary."
    kept = [line for line in front.splitlines() if line.strip() != summary]
    Path("entries/a.md").write_text("\n".join(["---", *kept, summary, "---", "Body.\n"]))
    assert build().exit_code == 0
    assert feedparser.parse("feeds/atom.xml").entries[0].summary == "A summary."


def test_a_front_matter_key_in_an_authors_mapping_in_braces_is_an_unknown_key(
    site: Site,
) -> None:
    # Written in braces, it is no slip of indentation.
    front = "title: A\ndate: 2025-01-01\nauthors:\n  - {name: Ann, summary: A summary.}\n"
    site(**{"a.md": f"---\n{front}---\nBody.\n"})
    assert errors() == [
        "Error: entries/a.md:5: unknown key 'authors.summary'. Remove it; known keys: "
        "authors.email, authors.name, authors.uri."
    ]


def test_each_front_matter_key_caught_by_a_toml_table_is_an_error(site: Site) -> None:
    # Only the first was reported: moving it, the author met the next one in the next run.
    front = (
        'title = "A"\ndate = 2025-01-01\n[[authors]]\nname = "Ann"\nsummary = "A summary."\n'
        '[[authors]]\nname = "Bo"\ntags = ["news"]\nlang = "en"\n'
    )
    site(**{"a.md": f"+++\n{front}+++\nBody.\n"})
    moves = "line in it. Move the {0} line above the first [[authors]] line."
    assert errors() == [
        f"Error: entries/a.md:{line}: {key} is in the [[authors]] table: TOML puts each key "
        f"after the [[authors]] {moves.format(key)}"
        for line, key in ((6, "summary"), (9, "tags"), (10, "lang"))
    ]


@pytest.mark.parametrize(
    ("document", "told", "moved"),
    [
        (
            '+++\ntitle = "A"\n[ "author" ]\nname = "Ann"\ndate = 2025-01-01\n+++\nBody.\n',
            '5: date is in the [ "author" ] table: TOML puts each key after the [ "author" ] '
            'line in it. Move the date line above the [ "author" ] line.',
            '+++\ntitle = "A"\ndate = 2025-01-01\n[ "author" ]\nname = "Ann"\n+++\nBody.\n',
        ),
        (
            '+++\n[author]\nname = "Ann"\ntitle = "A"\ndate = 2025-01-01\n+++\nBody.\n',
            "4: title is in the [author] table: TOML puts each key after the [author] line "
            "in it. Move the title line above the [author] line.\n"
            "Error: entries/a.md:5: date is in the [author] table: TOML puts each key after the "
            "[author] line in it. Move the date line above the [author] line.",
            '+++\ntitle = "A"\ndate = 2025-01-01\n[author]\nname = "Ann"\n+++\nBody.\n',
        ),
        # The key in quotes, as TOML allows: "no date" too, and 'author.date' told at line 3.
        (
            '+++\ntitle = "A"\n[ "author" ]\nname = "Ann"\n"date" = 2025-01-01\n+++\nBody.\n',
            '5: date is in the [ "author" ] table: TOML puts each key after the [ "author" ] '
            'line in it. Move the date line above the [ "author" ] line.',
            '+++\ntitle = "A"\n"date" = 2025-01-01\n[ "author" ]\nname = "Ann"\n+++\nBody.\n',
        ),
        (
            "---\ntitle: A\nauthor:\n  name: Ann\n  date: 2025-01-01\n---\nBody.\n",
            "5: date is indented under author: YAML reads it as a key of author, not of the "
            "front matter. Write the date line without indentation, above or below the author "
            "mapping.",
            "---\ntitle: A\nauthor:\n  name: Ann\ndate: 2025-01-01\n---\nBody.\n",
        ),
    ],
    ids=["toml-date", "toml-title-and-date", "toml-quoted-key", "yaml-date"],
)
def test_a_date_caught_by_a_table_is_one_error_not_also_a_missing_date(
    site: Site, document: str, told: str, moved: str
) -> None:
    # One slip gave two errors: "the front matter has no date ... above line 3" as well.
    site(**{"a.md": document})
    assert errors() == f"Error: entries/a.md:{told}".splitlines()
    Path("entries/a.md").write_text(moved, encoding="utf-8")
    assert build().exit_code == 0
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published_parsed[:3]) == ("A", (2025, 1, 1))


def test_a_date_in_an_inline_author_table_is_still_a_missing_date(site: Site) -> None:
    # In braces no layout slipped: without its unknown key, the front matter has no date.
    site(**{"a.md": '+++\ntitle = "A"\nauthor = {name = "Ann", date = 2025-01-01}\n+++\nBody.\n'})
    assert errors() == [
        "Error: entries/a.md:3: unknown key 'author.date'. Remove it; known keys: author.email, "
        "author.name, author.uri.",
        "Error: entries/a.md:4: the front matter has no date, and the text does not begin with "
        "one. Add a line date = 2025-12-22 to the front matter, above line 4.",
    ]


def test_a_date_in_an_inline_table_below_an_author_header_is_still_a_missing_date(
    site: Site,
) -> None:
    # Two problems, not one slip: moved above [ "author" ], `x = { date = ... }` is an unknown
    # key of the front matter, and there is still no date. Both are told, as in braces above.
    header = '+++\ntitle = "A"\n[ "author" ]\nname = "Ann"\n'
    site(**{"a.md": header + "x = { date = 2025-01-01 }\n+++\nB.\n"})
    assert errors() == [
        "Error: entries/a.md:3: the front matter has no date, and the text does not begin with "
        "one. Add a line date = 2025-12-22 to the front matter, above line 3.",
        "Error: entries/a.md:5: unknown key 'author.x'. Remove it; known keys: author.email, "
        "author.name, author.uri.",
    ]


@pytest.mark.parametrize(
    "document",
    [
        "---\ntitle: A\ndate: 2025-01-01\nauthors:\n  - name: Ann\n    summary: S.\n"
        "    mail: ann@example.org\n---\nBody.\n",
        '+++\ntitle = "A"\ndate = 2025-01-01\n[[authors]]\nname = "Ann"\nsummary = "S."\n'
        'mail = "ann@example.org"\n+++\nBody.\n',
    ],
    ids=["yaml", "toml"],
)
def test_the_other_keys_of_an_item_that_caught_a_front_matter_key_are_checked(
    site: Site, document: str
) -> None:
    # The item was left unchecked: its unknown `mail` was the next run's error.
    site(**{"a.md": document})
    caught = "indented under authors" if document.startswith("---") else "in the [[authors]] table"
    assert [line.split(": ")[1:3] for line in errors()] == [
        ["entries/a.md:6", f"summary is {caught}"],
        ["entries/a.md:7", "unknown key 'authors.mail'. Did you mean 'authors.email'? Known keys"],
    ]


def test_toml_front_matter_names_a_key_at_its_line_not_in_a_string(site: Site) -> None:
    # The line in the multi-line summary that reads like the key was named, line 4.
    front = (
        'title = "A"\nsummary = """\nlang = is in the text\n"""\ndate = 2025-01-01\nlang = "x y"\n'
    )
    site(**{"a.md": f"+++\n{front}+++\nBody.\n"})
    assert errors() == [
        "Error: entries/a.md:7: lang 'x y' is not a BCP 47 language tag. Use a tag like en, "
        "en-GB or uk."
    ]


def test_an_authors_name_with_an_address_in_it_is_an_error(site: Site) -> None:
    # Written the way front matter writes one author as text, in a mapping's name: readers
    # showed "Ann Lee <ann@example.org>" as the name, and the W3C Feed Validation Service
    # warns about an address in an Atom author's name (ContainsEmail).
    front = "title: A\ndate: 2025-01-01\nauthor:\n  name: Ann Lee <ann@example.org>"
    site(**{"a.md": f"---\n{front}\n---\nB.\n"})
    assert errors() == [
        "Error: entries/a.md:5: author name 'Ann Lee <ann@example.org>' has the email address "
        "<ann@example.org> in it. Write the name alone ('Ann Lee') and the address as email: "
        "ann@example.org"
    ]


# An author's key with nothing after it (`email:`, `null`) was taken for no email at all, while
# `email: ""` was an error: the author was published without the address the writer meant.
@pytest.mark.parametrize(
    ("author", "line", "key"),
    [
        pytest.param("author:\n  name: Ann\n  email: null", 5, "email", id="email-null"),
        pytest.param("author:\n  name: Ann\n  email:", 5, "email", id="email-bare"),
        pytest.param("author: {name: Ann, email: null}", 3, "email", id="email-null-flow"),
        pytest.param("author:\n  name: Ann\n  uri: ~", 5, "uri", id="uri-tilde"),
        pytest.param("author:\n  name: Ann\n  uri:", 5, "uri", id="uri-bare"),
        pytest.param("author:\n  name: null\n  email: a@example.org", 4, "name", id="name-null"),
    ],
)
def test_an_authors_key_with_no_value_is_empty(
    site: Site, author: str, line: int, key: str
) -> None:
    site(**{"a.md": f"---\ntitle: A\n{author}\ndate: 2025-01-01\n---\nB.\n"})
    assert errors() == [
        f"Error: entries/a.md:{line}: author {key} is empty. Give author {key} a value or remove "
        "the key."
    ]


ADDRESS_NAMES = [
    pytest.param(
        'author: "ann@example.org"',
        "author name 'ann@example.org' is an email address, not a name. Write it as "
        '"Ann Lee <ann@example.org>".',
        id="text-address-alone",
    ),
    pytest.param(
        'author: "Ann Lee (ann@example.org)"',
        "author name 'Ann Lee (ann@example.org)' has the email address ann@example.org in it. "
        'Write it as "Ann Lee <ann@example.org>".',
        id="text-address-in-parentheses",
    ),
    pytest.param(
        'author: "Ann Lee ann@example.org <ann@work.example.org>"',
        "author name 'Ann Lee ann@example.org' has the email address ann@example.org in it. "
        'Write the name alone: "Ann Lee <ann@work.example.org>".',
        id="text-address-in-name-and-brackets",
    ),
    pytest.param(
        "author:\n  name: Ann Lee (ann+feeds@mail.example.co.uk)",
        "author name 'Ann Lee (ann+feeds@mail.example.co.uk)' has the email address "
        "ann+feeds@mail.example.co.uk in it. Write the name alone ('Ann Lee') and the address as "
        "email: ann+feeds@mail.example.co.uk",
        id="mapping-address-in-parentheses",
    ),
    pytest.param(
        'author:\n  name: "mailto:ann@example.org"',
        "author name 'mailto:ann@example.org' is an email address, not a name. Give the "
        "person's name as name, and the address as email: ann@example.org",
        id="mapping-mailto-alone",
    ),
]
# RSS's one dc:creator ("Ann \u202eRTL, Bo Chen"), newsboat's join of Atom authors and the
# page's By line are one line: an override or isolate left open runs on to its end, and the
# names after it were shown in its direction ("nehC oB").
OPEN_DIRECTIONS = [
    pytest.param(
        'author: "Ann \\u202eRTL"',
        "author name 'Ann \\u202eRTL' opens a U+202E RIGHT-TO-LEFT OVERRIDE it does not close, "
        "so readers show the names after it reversed. End the name with U+202C POP DIRECTIONAL "
        'FORMATTING ("\\u202c" in quotes), or remove it.',
        id="override",
    ),
    pytest.param(
        'authors:\n  - Bo\n  - name: "\\u2067\\u05d3\\u05d5\\u05d3\\u2069 \\u2066Lee"',
        "authors name '\\u2067\u05d3\u05d5\u05d3\\u2069 \\u2066Lee' opens a U+2066 LEFT-TO-RIGHT "
        "ISOLATE it does not close, so readers show the names after it in its direction. End the "
        'name with U+2069 POP DIRECTIONAL ISOLATE ("\\u2069" in quotes), or remove it.',
        id="isolates",
    ),
]


@pytest.mark.parametrize(("front", "message"), ADDRESS_NAMES + OPEN_DIRECTIONS)
def test_an_authors_name_readers_would_show_otherwise_is_an_error(
    site: Site, front: str, message: str
) -> None:
    # feedparser takes an address out of an RSS dc:creator (its author_detail): "Ann Lee
    # (ann@example.org)" was the name "Ann Lee" with that email, "ann@example.org" no name at
    # all; in an entry of several authors, the one dc:creator naming them all lost it and had
    # it for its email. The W3C Feed Validation Service warns about it too (ContainsEmail).
    site(**{"a.md": f"---\ntitle: A\ndate: 2025-01-01\n{front}\n---\nB.\n"})
    assert errors() == [f"Error: entries/a.md:{4 + front.count(chr(10))}: {message}"]


def test_a_default_authors_name_that_is_an_address_is_an_error(site: Site) -> None:
    config = BASIC_CONFIG.replace('name = "Default Author"', 'name = "default@example.org"')
    site(config=config, **{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nB.\n"})
    assert errors() == [
        "Error: staticfeed.toml:4: authors name 'default@example.org' is an email address, not "
        "a name. Give the person's name as name, and the address as email: default@example.org"
    ]


def test_an_authors_name_with_its_directions_closed_is_kept(site: Site) -> None:
    name = "\u2067\u05d3\u05d5\u05d3\u2069 \u202eLee\u202c"
    site(**{"a.md": f'---\ntitle: A\ndate: 2025-01-01\nauthors: ["{name}", Bo]\n---\nB.\n'})
    build_ok()
    creators = etree.parse("feeds/rss.xml").findall(f"channel/item/{DC_CREATOR}")
    assert [creator.text for creator in creators] == [f"{name}, Bo"]


@pytest.mark.parametrize("name", ["@annlee", "Ann @ Home", "Ann@Home", "Ann Lee, example.org"])
def test_an_authors_name_with_an_at_sign_but_no_address_reaches_rss_readers_whole(
    site: Site, name: str
) -> None:
    site(**{"a.md": f"---\ntitle: A\ndate: 2025-01-01\nauthor: {name!r}\n---\nB.\n"})
    build_ok()
    (entry,) = feedparser.parse("feeds/rss.xml").entries
    assert (entry.author, entry.author_detail.get("name"), entry.author_detail.get("email")) == (
        name,
        name,
        None,
    )


def test_an_authors_name_with_angle_brackets_that_hold_no_address_is_kept(site: Site) -> None:
    site(
        **{"a.md": "---\ntitle: A\ndate: 2025-01-01\nauthor:\n  name: Ann <the editor>\n---\nB.\n"}
    )
    assert build().exit_code == 0
    assert feedparser.parse("feeds/atom.xml").entries[0].author == "Ann <the editor>"


EMPTY_ITEM = "has an empty item. Remove it, or write what it should be."

WRONG_TYPES = [
    pytest.param(
        "title: [Peace, talks]",
        "title must be text, not a list. Write title as a single line of text.",
        id="list-as-title",
    ),
    pytest.param(
        "title: {Peace: talks}",
        "title must be text, not a mapping. Write title as a single line of text.",
        id="mapping-as-title",
    ),
    pytest.param(
        "title: 2025",
        'title must be text, not a number. Put it in quotes: "2025"',
        id="number-as-title",
    ),
    pytest.param(
        "title: 1.5",
        'title must be text, not a number. Put it in quotes: "1.5"',
        id="decimal-as-title",
    ),
    pytest.param(
        "title: true",
        'title must be text, not true/false. Put it in quotes: "true"',
        id="boolean-as-title",
    ),
    # YAML 1.1 reads these as something else than what is written: the fix quotes the text.
    pytest.param(
        "title: 1:20",
        'title must be text, not a number (YAML reads 1:20 as 80). Put it in quotes: "1:20"',
        id="sexagesimal-as-title",
    ),
    pytest.param(
        "title: No",
        'title must be text, not true/false (YAML reads No as false). Put it in quotes: "No"',
        id="no-as-title",
    ),
    pytest.param(
        "summary: 010",
        'summary must be text, not a number (YAML reads 010 as 8). Put it in quotes: "010"',
        id="octal-as-summary",
    ),
    pytest.param(
        "tags: [python, 3.10, on]",
        "each of tags must be text, not a number (YAML reads 3.10 as 3.1). Put every one in"
        ' quotes: ["python", "3.10", "on"]',
        id="version-in-tags",
    ),
    pytest.param(
        "tags: news",
        "tags must be a list, not text. Write it as a list: [news]",
        id="text-as-tags",
    ),
    pytest.param(
        "tags: [2025, news]",
        'each of tags must be text, not a number. Put every one in quotes: ["2025", "news"]',
        id="number-in-tags",
    ),
    pytest.param(
        'draft: "yes"',
        "draft must be true or false, not text. Write true or false, without quotes.",
        id="text-as-draft",
    ),
    pytest.param(
        "summary: [a, b]",
        "summary must be text, not a list. Write summary as a single line of text.",
        id="list-as-summary",
    ),
    pytest.param(
        "link: /peace",
        "link '/peace' is not an absolute http(s) URL. Write it in full, like "
        "https://example.org/peace",
        id="relative-link",
    ),
    pytest.param(
        "lang: Ukrainian",
        "lang 'Ukrainian' is not a BCP 47 language tag. Use a tag like en, en-GB or uk.",
        id="lang-not-bcp47",
    ),
    pytest.param(
        "id: my post",
        "id 'my post' is not an absolute URI. Use a tag URI like tag:example.org,2025:my-post, "
        "or a URL.",
        id="id-not-uri",
    ),
    pytest.param(
        "slug: ../elsewhere",
        "slug '../elsewhere' is not a usable path. Use letters, digits, - and / only, like "
        "2025/my-post.",
        id="slug-escapes",
    ),
    pytest.param(
        "slug: 2025/./my-post",
        "slug '2025/./my-post' is not a usable path. Use letters, digits, - and / only, like "
        "2025/my-post.",
        id="slug-dot-segment",
    ),
    # A key with nothing after it (a template's `tags:`) is empty, in words, not Python's None.
    *(
        pytest.param(line, f"{key} is empty. Give {key} a value or remove the key.", id=line)
        for key, line in [
            ("tags", "tags:"),
            ("summary", "summary: ~"),
            ("updated", "updated: null"),
            ("authors", "authors:"),
            ("author", 'author: " "'),
            ("draft", "draft:"),
            ("enclosures", "enclosures:"),
            ("updated", "updated: ''"),
        ]
    ),
    pytest.param(
        "enclosures: [null]",
        "enclosures has an empty item. Remove it, or write what it should be.",
        id="empty-item-in-enclosures",
    ),
    pytest.param(
        "tags: {news: 1}",
        "tags must be a list, not a mapping. Write it as a list of text, such as [news, ukraine].",
        id="mapping-as-tags",
    ),
    pytest.param(
        "title: !!set {a, b}",
        "title must be text, not a set. Write title as a single line of text.",
        id="set-as-title",
    ),
    pytest.param(
        "updated: 1:20",
        "updated: expected a date, not a number (1:20). Write updated like 2025-12-22, 2025-12-22"
        " 14:30 or 2025-12-22T14:30:00+02:00.",
        id="sexagesimal-as-updated",
    ),
    pytest.param(
        "tags: [news, null]",
        "tags has an empty item. Remove it, or write what it should be.",
        id="empty-item-in-tags",
    ),
    # An item of "" or spaces is an empty item as null is: "authors is empty. ... or remove
    # the key" told the author to drop every other author with it.
    *(
        pytest.param(line, f"{key} {EMPTY_ITEM}", id=line)
        for key, line in [
            ("authors", 'authors: ["", Bo]'),
            ("authors", 'authors: ["  ", Bo]'),
            ("tags", 'tags: [a, ""]'),
            ("tags", "tags: [a, '  ']"),
            ("enclosures", 'enclosures: ["  "]'),
        ]
    ),
    # A text alone, not a list, is still the key's own value: empty, not an empty item.
    pytest.param(
        'authors: ""',
        "authors is empty. Give authors a value or remove the key.",
        id="authors-blank",
    ),
    pytest.param(
        "tags: 2025",
        'tags must be a list, not a number. Write it as a list: ["2025"]',
        id="number-as-tags",
    ),
    pytest.param(
        "updated: [2025-01-02]",
        "updated: expected a date, not a list. Write updated like 2025-12-22, 2025-12-22 14:30 or"
        " 2025-12-22T14:30:00+02:00.",
        id="list-as-updated",
    ),
]


@pytest.mark.parametrize(("line", "message"), WRONG_TYPES)
def test_values_are_never_converted(site: Site, line: str, message: str) -> None:
    key = line.split(":")[0]
    front = "title: A\n" if key != "title" else ""
    site(**{"a.md": doc(f"{front}date: 2025-01-01\n{line}\n")})
    line_number = 4 if front else 3
    assert errors() == [f"Error: entries/a.md:{line_number}: {message}"]


TEXT_FIX = "Write each of tags as a single line of text."


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param(
            "tags:\n  - Ünï\n  - 1_000\n",
            [
                "5: each of tags must be text, not a number (YAML reads 1_000 as 1000). Put "
                'every one in quotes: ["Ünï", "1_000"]'
            ],
            id="block-list-in-tags",
        ),
        pytest.param(
            "tags: [3.10, [python]]\n",
            # The number's fix quotes the texts alone, not the list as Python writes it.
            [
                "3: each of tags must be text, not a number (YAML reads 3.10 as 3.1). Put every "
                'one in quotes: ["3.10"]',
                f"3: each of tags must be text, not a list. {TEXT_FIX}",
            ],
            id="number-and-list-in-tags",
        ),
        pytest.param(
            "tags: [3.10, null]\n",
            [
                "3: each of tags must be text, not a number (YAML reads 3.10 as 3.1). Put every "
                'one in quotes: ["3.10"]',
                f"3: tags {EMPTY_ITEM}",
            ],
            id="version-and-empty-item-in-tags",
        ),
        pytest.param(
            "tags:\n  - [a]\n  - ok\n  -\n  - {b: c}\n",
            [
                f"4: each of tags must be text, not a list. {TEXT_FIX}",
                f"6: tags {EMPTY_ITEM}",
                f"7: each of tags must be text, not a mapping. {TEXT_FIX}",
            ],
            id="block-list-of-tags",
        ),
        pytest.param(
            "authors:\n  - Ann Lee\n  -\n",
            [f"5: authors {EMPTY_ITEM}"],
            id="empty-item-in-authors",
        ),
        pytest.param(
            'authors:\n  - "Ann <ann"\n  - Bo Chen\n  - email: c@example.org\n  -\n'
            "  - name: Di\n    mail: d@example.org\n",
            [
                "4: authors 'Ann <ann' has a < or > that does not enclose an email address. "
                'Write it as "Ann Lee <ann@example.org>", with the address alone between < and >.',
                "6: an author in authors has no name. Add a name to it.",
                f"7: authors {EMPTY_ITEM}",
                "9: unknown key 'authors.mail'. Did you mean 'authors.email'? Known keys: "
                "authors.email, authors.name, authors.uri.",
            ],
            id="authors-as-text-and-mappings",
        ),
        pytest.param(
            # Each was named at its item's `-` line, above the key to fix.
            "authors:\n  - name: Ann\n    email: not-an-email\n  - name: Bo\n"
            "    uri: javascript:alert(1)\n  - name: Cy\n    emial: c@example.org\n",
            [
                "5: 'not-an-email' in authors is not an email address. Write it like "
                "ann@example.org, or leave the email out.",
                "7: authors uri 'javascript:alert(1)' is not an absolute http(s) URL. Write it in "
                "full, like https://example.org/page",
                "9: unknown key 'authors.emial'. Did you mean 'authors.email'? Known keys: "
                "authors.email, authors.name, authors.uri.",
            ],
            id="bad-keys-of-author-mappings",
        ),
        pytest.param(
            # Only the first bad key of an item was named: a build apiece for the others.
            "authors:\n  - name: Ann\n    mail: a@example.org\n    url: https://example.org/\n"
            "enclosures:\n  - {url: https://example.org/a.mp3, typ: audio/mpeg,\n"
            "     lenght: 3}\n",
            [
                "5: unknown key 'authors.mail'. Did you mean 'authors.email'? Known keys: "
                "authors.email, authors.name, authors.uri.",
                "6: unknown key 'authors.url'. Did you mean 'authors.uri'? Known keys: "
                "authors.email, authors.name, authors.uri.",
                "8: unknown key 'enclosures.typ'. Did you mean 'enclosures.type'? Known keys: "
                "enclosures.length, enclosures.type, enclosures.url.",
                "9: unknown key 'enclosures.lenght'. Did you mean 'enclosures.length'? Known "
                "keys: enclosures.length, enclosures.type, enclosures.url.",
            ],
            id="two-bad-keys-of-one-item",
        ),
        pytest.param(
            "authors: [Bo, '<b@example.org>', {name: Cy, url: x}]\n",
            [
                "3: authors '<b@example.org>' has no name. Write it as \"Ann Lee\" or "
                '"Ann Lee <ann@example.org>".',
                "3: unknown key 'authors.url'. Did you mean 'authors.uri'? Known keys: "
                "authors.email, authors.name, authors.uri.",
            ],
            id="flow-list-of-authors",
        ),
        pytest.param(
            # An escape libyaml refuses, which the pure-Python parser reads: a traceback.
            'summary: "\\ud800 x"\nauthors:\n  - name: Ann\n  - name: ""\n',
            ["6: authors name is empty. Give authors name a value or remove the key."],
            id="after-half-a-surrogate-pair",
        ),
    ],
)
def test_each_bad_item_of_a_list_is_an_error_at_its_line(
    site: Site, front: str, expected: list[str]
) -> None:
    # Only the first was listed, at the key's line: fixing it showed the next, a build apiece.
    site(**{"a.md": doc(f"title: A\n{front}date: 2025-01-01\n")})
    # The warnings of the reading come with them (the escape removed from the summary).
    found = [line for line in errors() if not line.startswith("Warning: ")]
    assert found == [f"Error: entries/a.md:{line}" for line in expected]


# TOML lets a table's name be quoted: `[[ "authors" ]]` was named at no line.
@pytest.mark.parametrize("header", ["[[authors]]", '[[ "authors" ]]', "[['authors']]"])
def test_each_bad_item_of_a_toml_array_of_tables_is_an_error_at_its_header(
    site: Site, header: str
) -> None:
    # A bad key of a table is at its own line, below the header.
    authors = f'[[authors]]\nname = "Ann"\n{header}\nmail = "b@example.org"\n'
    site(**{"a.md": f'+++\ntitle = "A"\ndate = 2025-01-01\n{authors}[[authors]]\n+++\nT.\n'})
    # The author of `mail` lacks a name as well (`mail` is no misspelled name): told too.
    assert errors() == [
        "Error: entries/a.md:6: an author in authors has no name. Add a name to it.",
        "Error: entries/a.md:7: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri.",
        "Error: entries/a.md:8: an author in authors has no name. Add a name to it.",
    ]


def test_each_bad_item_of_a_multi_line_toml_array_is_an_error_at_its_line(site: Site) -> None:
    # Each was named at the `tags = [` line: a `[` or `,` in a string or comment is no item's.
    tags = 'tags = [ # ["x",\n  "a, ]",\n  1,\n  "", [2,\n  3],\n]\n'
    site(**{"a.md": f'+++\ntitle = "A"\ndate = 2025-01-01\n{tags}+++\nT.\n'})
    assert errors() == [
        "Error: entries/a.md:6: each of tags must be text, not a number. Put every one in "
        'quotes: ["a, ]", "1", ""]',
        f"Error: entries/a.md:7: tags {EMPTY_ITEM}",
        "Error: entries/a.md:7: each of tags must be text, not a list. Write each of tags as a "
        "single line of text.",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-13-01", "date: '2025-13-01' does not exist: month must be in 1..12."),
        ("2025-12", "date: '2025-12' is not a full date with day, month and year."),
        # Eight digits that are no month and day: no hint to put them in quotes.
        ("20251340", "date: expected a date, not a number (20251340)."),
        ("12222025", "date: expected a date, not a number (12222025)."),
        ("someday", "date: cannot read 'someday' as a date."),
    ],
)
def test_dates_that_cannot_be_read(site: Site, value: str, message: str) -> None:
    site(**{"2025/x.md": doc(f"title: X\ndate: {value}\n")})
    assert errors() == [f"Error: entries/2025/x.md:3: {message} {DATE_FIX}"]


def test_updated_earlier_than_date_is_an_error(site: Site) -> None:
    site(**{"a.md": doc("title: A\ndate: 2025-12-22\nupdated: 2025-12-01 10:00\n")})
    assert errors() == [
        "Error: entries/a.md:4: updated (2025-12-01T10:00:00+00:00) is earlier than date "
        "(2025-12-22T00:00:00+00:00). Set updated to the date or later."
    ]


def test_updated_defaults_to_date(site: Site) -> None:
    site(**{"a.md": doc("title: A\ndate: 2025-12-22 08:15\n")})
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}updated") == entry.findtext(f"{A}published")
    assert entry.findtext(f"{A}updated") == "2025-12-22T08:15:00+00:00"


def test_a_key_given_twice_is_an_error(site: Site) -> None:
    site(**{"a.md": doc("title: First\ndate: 2025-01-01\ntitle: Second\n")})
    assert errors() == [
        "Error: entries/a.md:4: title is given twice (lines 2 and 4). Keep one of them."
    ]


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            'title = "First"\ndate = 2025-01-01\ntitle = "Second"\n',
            "entries/a.md:4: title is given twice (lines 2 and 4)",
        ),
        (
            'title = "A"\ndate = 2025-01-01\n[[authors]]\nname = "Ann"\n[[authors]]\n'
            'name = "Bo"\nname = "Cy"\n',
            "entries/a.md:8: name is given twice (lines 7 and 8)",
        ),
        # Written once in quotes and once without, a key or a table is one all the same:
        # tomllib's "Cannot overwrite a value" and "Cannot declare ('author',) twice" were
        # all the author was told.
        (
            'title = "A"\n"date" = 2025-01-01\ndate = 2025-01-02\n',
            "entries/a.md:4: date is given twice (lines 3 and 4)",
        ),
        (
            'title = "A"\ndate = 2025-01-01\n[author]\nname = "Ann"\n[ "author" ]\nuri = "/a"\n',
            "entries/a.md:6: the table [author] is given twice (lines 4 and 6)",
        ),
        (
            'title = "A"\ndate = 2025-01-01\n["author"]\nname = "Ann"\n\'name\' = "Bo"\n',
            "entries/a.md:6: name is given twice (lines 5 and 6)",
        ),
    ],
)
def test_a_key_given_twice_in_toml_front_matter_is_named_at_both_lines(
    site: Site, front: str, error: str
) -> None:
    # It was "invalid TOML: Cannot overwrite a value: the value that starts here runs to the
    # end of the front matter. Fix the TOML syntax.", naming neither the key nor its first line.
    site(**{"a.md": f"+++\n{front}+++\nText.\n"})
    assert errors() == [f"Error: {error}. Keep one of them."]


def test_a_key_given_twice_in_an_author_is_an_error(site: Site) -> None:
    # YAML keeps the last: the feeds named Bo alone, and Ann was dropped without a word.
    front = "authors:\n  - name: Ann\n    email: ann@example.org\n    name: Bo\n"
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\n{front}")})
    assert errors() == [
        "Error: entries/a.md:7: name is given twice in one mapping (lines 5 and 7). Keep one of "
        "them."
    ]


def test_a_key_given_twice_on_one_line_is_named_without_its_lines(site: Site) -> None:
    # "(lines 4 and 4)" would say nothing the error's own line does not.
    site(**{"a.md": doc("title: A\ndate: 2025-01-01\nauthors: [{name: Ann, name: Bo}]\n")})
    assert errors() == [
        "Error: entries/a.md:4: name is given twice in one mapping. Keep one of them."
    ]


def test_a_key_an_author_merges_may_be_given_again(site: Site) -> None:
    site(**{"a.md": doc("title: A\ndate: 2025-01-01\nauthors: [{<<: {name: Bo}, name: Ann}]\n")})
    build_ok()
    assert authors_of(only_entry()) == [("Ann", None, None)]


def _laughs(levels: int) -> str:
    """Front matter in which each key holds nine of the key before: `levels` lines that stand for
    9 ** levels values once every alias (*name) is counted in full."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        uses = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{uses}]")
    return "\n".join(lines).replace("a0:", "tags:", 1) + "\n"


def test_aliases_that_stand_for_too_many_values_are_an_error(site: Site) -> None:
    # 9 ** 5 values under summary (line 8), 9 ** 4 before it; "billion laughs" takes a few
    # more lines, and walking every value of those took hours before anything was reported.
    laughs = _laughs(6).replace("a4:", "summary:").replace("a5:", "review:")
    site(**{"a.md": doc("title: A\ndate: 2025-01-01\n" + laughs)})
    assert errors() == [
        "Error: entries/a.md:8: summary holds more than 10,000 values, counting each use of an "
        "alias (*name) in full. Write the values out, or use fewer aliases.",
    ]


@pytest.mark.parametrize(
    ("depth", "error"),
    [
        (50, "each of tags must be text, not a list. Write each of tags as a single line of text."),
        (
            51,
            "tags nests lists or mappings more than 50 deep. Write it with fewer levels; an "
            "alias (*name) inside the value it names nests it without end.",
        ),
    ],
)
def test_front_matter_nests_at_most_50_levels_deep(site: Site, depth: int, error: str) -> None:
    # The README's bound, exactly: 50 levels are read (and tags then refuses a list in a list).
    nested = "[" * depth + "news" + "]" * depth
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\ntags: {nested}\n")})
    assert errors() == [f"Error: entries/a.md:4: {error}"]


def _tags(count: int) -> str:
    return f"title: A\ndate: 2025-01-01\ntags: [{', '.join(['news'] * count)}]\n"


def test_a_value_of_10000_values_is_read(site: Site) -> None:
    # The README's bound, exactly: at most 10,000 values.
    site(**{"a.md": doc(_tags(10_000))})
    build_ok()
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert [tag.term for tag in entry.tags] == ["news"]


def test_a_value_of_10001_values_is_an_error(site: Site) -> None:
    site(**{"a.md": doc(_tags(10_001))})
    assert errors() == [
        "Error: entries/a.md:4: tags holds more than 10,000 values, counting each use of an "
        "alias (*name) in full. Write the values out, or use fewer aliases."
    ]


@pytest.mark.parametrize("value", ["&loop [news, *loop]", "&loop {more: *loop}"])
def test_an_alias_inside_the_value_it_names_is_an_error(site: Site, value: str) -> None:
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\ntags: {value}\n")})
    assert errors() == [
        "Error: entries/a.md:4: tags nests lists or mappings more than 50 deep. Write it with "
        "fewer levels; an alias (*name) inside the value it names nests it without end.",
    ]


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            "title: A\ndate: 2025-01-01\ntags: [news, *common]\nx: &common [ukraine]\n",
            "4: invalid YAML: the alias *common names no anchor &common above it. Put &common "
            "before the value it stands for, above this line, or write the value.",
        ),
        (
            "title: &t A\ndate: 2025-01-01\nsummary: &t B\n",
            "4: invalid YAML: the anchor &t is given twice (lines 2 and 4). Give each anchor a "
            "name of its own.",
        ),
    ],
)
def test_an_alias_without_its_anchor_or_an_anchor_given_twice_is_named(
    site: Site, front: str, error: str
) -> None:
    # They said "found undefined alias" and "second occurrence", with a fix for any YAML.
    site(**{"a.md": doc(front)})
    assert errors() == [f"Error: entries/a.md:{error}"]


def test_front_matter_nested_beyond_reason_is_an_error_not_a_crash(site: Site) -> None:
    # libyaml's composer recursed in C until the process died (SIGSEGV) at some 20,000 levels,
    # so the build runs in a process of its own.
    depth = 100_000
    nested = "[" * depth + "]" * depth
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\ntags: {nested}\n")})
    result = subprocess.run(
        [sys.executable, "-m", "staticfeed", "build"], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (
        1,
        "Error: entries/a.md:4: the front matter nests lists or mappings more than 50 deep. "
        "Write it with fewer levels; an alias (*name) inside the value it names nests it "
        "without end.\n",
    )
    assert not Path("feeds").exists()


def test_a_title_that_yaml_cuts_at_a_comment_is_an_error(site: Site) -> None:
    # "Fix for issue" was published, without a word: YAML reads " #12" as a comment.
    site(**{"a.md": doc("title: Fix for issue #12\ndate: 2025-01-01\nsummary: Why #tags  # x\n")})
    assert errors() == [
        "Error: entries/a.md:2: YAML reads everything from ' #' on as a comment, so the title "
        "would be 'Fix for issue'. Put it in quotes: title: \"Fix for issue #12\". A comment "
        "goes on a line of its own.",
        "Error: entries/a.md:4: YAML reads everything from ' #' on as a comment, so the summary "
        "would be 'Why'. Put it in quotes: summary: \"Why #tags  # x\". A comment goes on a line "
        "of its own.",
    ]


def test_a_title_that_yaml_cuts_at_a_comment_after_a_tab_is_an_error(site: Site) -> None:
    # A tab before the # makes a comment as a space does. The fix quoted the tab ("Fix for
    # issue\t#12"), and the next build refused the title for holding one.
    site(**{"a.md": doc("title: Fix for issue\t#12\ndate: 2025-01-01\n")})
    assert errors() == [
        "Error: entries/a.md:2: YAML reads everything from ' #' on as a comment, so the title "
        "would be 'Fix for issue'. Put it in quotes: title: \"Fix for issue #12\". A comment "
        "goes on a line of its own."
    ]


def test_comments_after_other_values_and_hashes_inside_words_are_fine(site: Site) -> None:
    front = (
        'title: C# tips, quoted "#1"\ndate: 2025-01-01 # the day it went out\n'
        "draft: false  # ready\ntags: [c#, f#]  # languages\nsummary: 'Issue #12, quoted'\n"
    )
    site(**{"a.md": doc(front)})
    build_ok()
    parsed = feedparser.parse("feeds/atom.xml").entries[0]
    assert parsed.title == 'C# tips, quoted "#1"'
    assert parsed.summary == "Issue #12, quoted"
    assert [tag.term for tag in parsed.tags] == ["c#", "f#"]


def test_errors_are_listed_in_the_order_of_the_document(site: Site) -> None:
    site(
        **{"a.md": doc("title: A\nlang: [en]\ndate: 2025-01-01\nupdated: 2024-01-01\nslug: [a]\n")}
    )
    assert errors() == [
        "Error: entries/a.md:3: lang must be text, not a list. Write lang as a single line of "
        "text.",
        "Error: entries/a.md:5: updated (2024-01-01T00:00:00+00:00) is earlier than date "
        "(2025-01-01T00:00:00+00:00). Set updated to the date or later.",
        "Error: entries/a.md:6: slug must be text, not a list. Write slug as a single line of "
        "text.",
    ]


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_unclosed_front_matter_is_an_error(site: Site, fence: str) -> None:
    site(**{"a.md": f"{fence}\ntitle: A\ndate: 2025-01-01\n\nThe body.\n"})
    assert errors() == [
        f"Error: entries/a.md:1: the front matter opened by {fence} on line 1 is never closed. "
        f"Add a line with {fence} after the metadata."
    ]


def test_broken_yaml_is_an_error_on_its_line(site: Site) -> None:
    site(**{"a.md": doc("title: A\ndate: 2025-01-01\nsummary: [unclosed\n")})
    assert errors() == [
        "Error: entries/a.md:4: invalid YAML: the [ here is not closed before line 5, where YAML "
        "finds: did not find expected ',' or ']'. Close it with ] where it ends, or quote a value "
        "holding [."
    ]


def test_a_bracket_closed_by_the_wrong_one_on_its_line_is_not_said_to_run_on(site: Site) -> None:
    # YAML finds the problem on the bracket's own line: no line below it is at fault.
    site(**{"a.md": doc("title: A\ndate: 2025-01-01\ntags: [a, b}\n")})
    assert errors() == [
        "Error: entries/a.md:4: invalid YAML: did not find expected ',' or ']'. Fix the YAML "
        "syntax; quote values that contain ': ' or '#'."
    ]


def test_a_document_end_below_a_yaml_error_is_not_taken_for_it(site: Site) -> None:
    # A `...` just above the closing --- is fine: the error is the one YAML found above it.
    site(**{"a.md": doc("title: A\ndate: 2025-01-01\ntags: [a, b}\n...\n")})
    assert errors() == [
        "Error: entries/a.md:4: invalid YAML: did not find expected ',' or ']'. Fix the YAML "
        "syntax; quote values that contain ': ' or '#'."
    ]


@pytest.mark.parametrize(
    ("front", "line", "problem"),
    [
        ("title: A\nno colon here\ndate: 2025-01-01\n", 3, "could not find expected ':'"),
        ("title: A\ndate: 2025-01-01\nno colon here\n", 4, "could not find expected ':'"),
    ],
)
def test_yaml_found_wrong_on_a_later_line_is_named_where_it_began(
    site: Site, front: str, line: int, problem: str
) -> None:
    # A line without its ":" was named at the line after it (the closing --- for the last).
    # (A quote never closed: test_frontmatter_audit.)
    site(**{"a.md": doc(front)})
    (error,) = errors()
    assert error.startswith(f"Error: entries/a.md:{line}: invalid YAML: {problem} while scanning")


RUNS_ON = "End the value on this line: close the [ or { it opens, or give a key its :."


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            'title: "Peace talks\ndate: 2025-01-01\nsummary: "Two words."\n',
            "2: invalid YAML: YAML reads the lines from here to line 4 as one quoted value, and "
            "then finds: did not find expected key. Close its quote on this line (a quote inside "
            "it is written \\\" or '').",
        ),
        (
            "tags: [a, b\ndate: 2025-01-01\ntitle: A\n",
            "2: invalid YAML: the [ here is not closed before line 3, where YAML finds: did not "
            "find expected ',' or ']'. Close it with ] where it ends, or quote a value holding [.",
        ),
        (
            "title: A\nkey: >-\n  x\ntags: [\ndate: 2025-01-01\nlang: en\n",
            "5: invalid YAML: the [ here is not closed before line 7, where YAML finds: did not "
            "find expected ',' or ']'. Close it with ] where it ends, or quote a value holding [.",
        ),
        (
            # It was named at line 3, where the indented line's value begins.
            "title: A\ndate: 2025-01-01\n  tags: [a]\n",
            "4: invalid YAML: YAML reads this line, indented, as more of the value on line 3, "
            "and then finds: mapping values are not allowed in this context. Start its key at "
            "the start of the line, without the spaces before it.",
        ),
        (
            "no colon here\ntitle: A\ndate: 2025-01-01\n",
            "2: invalid YAML: YAML reads the lines from here to line 3 as one value, and then "
            f"finds: mapping values are not allowed in this context. {RUNS_ON}",
        ),
        (
            "title: A\ndate: 2025-01-01\nlink: {a: 1\n",
            "4: invalid YAML: the { here is not closed before line 5, where YAML finds: did not "
            "find expected ',' or '}'. Close it with } where it ends, or quote a value holding {.",
        ),
        (
            # A [ with nothing after it was "did not find expected node content while parsing
            # a flow node", with the fix for any YAML, at the closing --- (line 5).
            "title: A\ndate: 2025-01-01\ntags: [\n",
            "4: invalid YAML: the [ here is not closed before line 5, where YAML finds: did not "
            "find expected node content. Close it with ] where it ends, or quote a value "
            "holding [.",
        ),
        (
            "title: A\ndate: 2025-01-01\ntags: [a,\n",
            "4: invalid YAML: the [ here is not closed before line 5, where YAML finds: did not "
            "find expected node content. Close it with ] where it ends, or quote a value "
            "holding [.",
        ),
    ],
)
def test_a_value_that_runs_on_is_named_where_it_begins(site: Site, front: str, error: str) -> None:
    # A quote or a [ never closed takes the lines below into the value: YAML stumbled lines
    # down (at the next quote, the next ":", the closing ---), and that line was named; a [
    # after a folded value was named where the lines it took in ended.
    site(**{"a.md": doc(front)})
    assert errors() == [f"Error: entries/a.md:{error}"]


def misindented(line: int, written: str, width: str, like: int) -> str:
    return (
        f"{line}: invalid YAML: this line is {written}, unlike the lines beside it in its list "
        f"or mapping, so YAML cannot read them. Make it {width}, as line {like} is."
    )


TAB_INDENT = (
    "invalid YAML: this line is indented with a tab, which YAML does not allow. Indent it with "
    "spaces."
)
RUN_ON_ITEM = (
    "{line}: invalid YAML: YAML reads this line, indented more than line {begins} where its "
    "value begins, as more of that value ({value}), not as an item of a list. Indent every - "
    "of the list alike, or quote the value if the - is part of it."
)


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            "title: A\ndate: 2025-01-01\ntags:\n  - peace\n   - talks\n",
            RUN_ON_ITEM.format(line=6, begins=5, value="'peace - talks'"),
        ),
        (
            "title: A\ntags:\n- peace\n - talks\ndate: 2025-01-01\n",
            RUN_ON_ITEM.format(line=5, begins=4, value="'peace - talks'"),
        ),
        (
            # An item with no value yet, a - alone: more of the one above all the same.
            "title: A\ndate: 2025-01-01\ntags:\n  - peace\n   -\n",
            RUN_ON_ITEM.format(line=6, begins=5, value="'peace -'"),
        ),
        (
            "title: A\ndate: 2025-01-01\nauthors:\n  - name: Ann Lee\n    uri: https://a.org/\n"
            "  - Bo Chen\n    - Cy Dee\n",
            RUN_ON_ITEM.format(line=8, begins=7, value="'Bo Chen - Cy Dee'"),
        ),
        (
            "title: A\ndate: 2025-01-01\ntags:\n  - peace\n - talks\nlang: en\n",
            misindented(6, "indented 1 space", "indented 2 spaces", 5),
        ),
        (
            # The first item is the one unlike the others: YAML stumbled at the second.
            "title: A\ndate: 2025-01-01\ntags:\n   - peace\n  - talks\n  - ukraine\n",
            misindented(5, "indented 3 spaces", "indented 2 spaces", 6),
        ),
        (
            "title: A\ndate: 2025-01-01\nauthors:\n  - name: Ann Lee\n    uri: https://a.org/\n"
            "  - name: Bo Chen\n   uri: https://b.org/\n",
            misindented(8, "indented 3 spaces", "indented 4 spaces", 6),
        ),
        (
            # A key of the item above, not indented, was named at the next item.
            "title: A\ndate: 2025-01-01\nauthors:\n- name: Ann Lee\n  email: ann@a.org\n"
            "uri: https://a.org/\n- Bo Chen\n",
            misindented(7, "not indented", "indented 2 spaces", 6),
        ),
        (
            "title: A\ndate: 2025-01-01\nauthors:\n- name: Ann Lee\n    email: ann@a.org\n"
            "    uri: https://a.org/\n  - Bo Chen\n",
            misindented(5, "not indented", "indented 2 spaces", 8),
        ),
        (
            "title: A\ndate: 2025-01-01\nenclosures:\n   - url: https://a.org/1.mp3\n"
            "    length: 1200\n",
            # Under `url`, which the `- ` puts 5 columns in: no line is indented so.
            "6: invalid YAML: this line is indented 4 spaces, unlike the lines beside it in its "
            "list or mapping, so YAML cannot read them. Make it indented 5 spaces.",
        ),
        (
            "title: A\ndate: 2025-01-01\ntags:\n- peace\n  - talks\n  - ukraine\n",
            "5: invalid YAML: this line is indented less than the items of the list below it, "
            "from line 6, so YAML reads them as more of this one ('peace - talks - ukraine'). "
            "Make it indented 2 spaces, as line 6 is.",
        ),
        # A tab, which editors show as spaces, was "found character that cannot start any
        # token" or "found a tab character that violates indentation", with a fix for any YAML.
        (
            "title: A\ndate: 2025-01-01\nauthors:\n\t- Ann Lee\n",
            f"5: {TAB_INDENT}",
        ),
        (
            "title: A\ndate: 2025-01-01\nauthors:\n  - name: Ann Lee\n\t  uri: https://a.org/\n",
            f"6: {TAB_INDENT}",
        ),
        (
            "title: A\ndate: 2025-01-01\ntags:\n  -\tpeace\n",
            "5: invalid YAML: YAML does not read the tab here as a space. Write a space for the "
            "tab.",
        ),
    ],
)
def test_a_line_indented_unlike_its_list_is_an_error_at_that_line(
    site: Site, front: str, error: str
) -> None:
    # Indented more than the item above, YAML reads it as more of that item: two tags were
    # published as one, "peace - talks". Indented otherwise, YAML finds the problem at the next
    # item or key, and the error named that line, or one further down, with a fix for any YAML.
    site(**{"a.md": doc(front)})
    assert errors() == [f"Error: entries/a.md:{error}"]


# Two keys under one key indented apart: the one named is the one to fix. An author's
# `email:` was told to start its line, a key of the front matter then ("unknown key 'email'");
# of `name:` and `email:`, the one indented unlike the file's other lines below a key is named
# (by 2 spaces when no other line shows how far).
EMAIL = "email: ann@example.org\n"
LINED_UP = {
    "name-indented-more-than-the-file-does": (
        f"author:\n    name: Ann\n  {EMAIL}",
        misindented(5, "indented 4 spaces", "indented 2 spaces", 6),
    ),
    "name-indented-far-more": (
        f"author:\n      name: Ann\n  {EMAIL}",
        misindented(5, "indented 6 spaces", "indented 2 spaces", 6),
    ),
    "email-unlike-the-file-indenting-by-4": (
        f"tags:\n    - news\nauthor:\n    name: Ann\n  {EMAIL}",
        misindented(8, "indented 2 spaces", "indented 4 spaces", 7),
    ),
    "email-unlike-two-keys-above": (
        f"author:\n    name: Ann\n    uri: https://a.org/\n  {EMAIL}",
        misindented(7, "indented 2 spaces", "indented 4 spaces", 6),
    ),
    # It was "YAML reads this line, indented, as more of the value on line 5": start it at the
    # start of the line.
    "email-indented-more-than-name": (
        f"author:\n  name: Ann\n    {EMAIL}",
        misindented(6, "indented 4 spaces", "indented 2 spaces", 5),
    ),
    "email-of-an-item-indented-past-name": (
        f"authors:\n  - name: Ann\n     {EMAIL}",
        "6: invalid YAML: this line is indented 5 spaces, unlike the lines beside it in its list "
        "or mapping, so YAML cannot read them. Make it indented 4 spaces.",
    ),
}


@pytest.mark.parametrize(("front", "error"), LINED_UP.values(), ids=LINED_UP.keys())
def test_of_two_keys_indented_apart_the_likelier_slip_is_named(
    site: Site, front: str, error: str
) -> None:
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\n{front}")})
    assert errors() == [f"Error: entries/a.md:{error}"]
    # As told, the email is the author's.
    line, width = int(error.split(":")[0]), error.split("Make it ")[1]
    spaces = 0 if width.startswith("not") else int(width.split()[1])
    lines = Path("entries/a.md").read_text(encoding="utf-8").split("\n")
    lines[line - 1] = " " * spaces + lines[line - 1].lstrip(" ")
    Path("entries/a.md").write_text("\n".join(lines), encoding="utf-8")
    assert build().exit_code == 0
    feed = feedparser.parse("feeds/atom.xml")
    assert [author.get("email") for author in feed.entries[0].authors] == ["ann@example.org"]


NOT_KEY_VALUE = (
    "the front matter is not a list of `key: value` lines. Write one `key: value` per line."
)


@pytest.mark.parametrize(
    ("front", "error"),
    [
        (
            "title: A\n%YAML 1.1\ndate: 2025-01-01\n",
            "3: invalid YAML: YAML reads '%YAML 1.1' as a YAML directive, which front matter "
            "cannot hold. Remove the line.",
        ),
        (
            "%YAML 1.1\ntitle: A\ndate: 2025-01-01\n",
            "2: invalid YAML: YAML reads '%YAML 1.1' as a YAML directive, which front matter "
            "cannot hold. Remove the line.",
        ),
        (
            "title: A\nauthors:\n%TAG ! tag:example.org:\n  - Ann\ndate: 2025-01-01\n",
            "4: invalid YAML: YAML reads '%TAG ! tag:example.org:' as a YAML directive, which "
            "front matter cannot hold. Remove the line.",
        ),
        (
            "title: A\n...\ndate: 2025-01-01\n",
            "3: invalid YAML: YAML reads '...' as the end of a YAML document, so YAML cannot read "
            "the lines below it. Remove the line.",
        ),
        ("- item\ntitle: A\ndate: 2025-01-01\n", f"2: {NOT_KEY_VALUE}"),
        ("\n# notes\n- item\n- another\n", f"4: {NOT_KEY_VALUE}"),
        ("# notes\njust text\n", f"3: {NOT_KEY_VALUE}"),
        (
            "  title: A\n  lang: en\ndate: 2025-01-01\n",
            "2: invalid YAML: this line is indented, and the keys below it, from line 4, are "
            "not. Start every key at the start of its line.",
        ),
        (
            # A quote never closed ends the YAML where the next quote closes it: named where
            # the quote opens, not where the front matter ends.
            "'title: A\ndate: 2025-01-01\nsummary: Ann's view\nlang: en\n",
            "2: invalid YAML: YAML reads the lines from here to line 4 as one quoted value, and "
            "then finds: did not find expected <document start>. Close its quote on this line "
            "(a quote inside it is written \\\" or '').",
        ),
        (
            '!title: "A"\ndate: 2025-01-01\n',
            "2: invalid YAML: YAML reads the front matter as ending on this line, and cannot "
            "read line 3 below it. Fix the YAML syntax; quote values that contain ': ' or '#'.",
        ),
    ],
)
def test_front_matter_yaml_ends_early_is_named_at_the_line_that_ends_it(
    site: Site, front: str, error: str
) -> None:
    # YAML finds these on the line below the one at fault, and the error named that line
    # ("did not find expected <document start>", "did not find expected '-' indicator"), or
    # line 2 for front matter that is a list after a blank line or a comment.
    site(**{"a.md": doc(front)})
    assert errors() == [f"Error: entries/a.md:{error}"]


def test_a_document_end_just_above_the_closing_line_loses_nothing(site: Site) -> None:
    # YAML reads every key above the `...`: nothing is cut off, as a `...` above a key is.
    site(**{"a.md": doc("title: A\ndate: 2025-01-01\n...\n")})
    build_ok()
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published) == ("A", "2025-01-01T00:00:00+00:00")


@pytest.mark.parametrize(
    ("first", "error"),
    [
        (
            "%YAML 1.1\n---",
            "'%YAML 1.1' comes before the --- that opens the front matter. Remove the line: "
            "front matter starts with --- on the first line.",
        ),
        (
            " ---",
            "line 1 is ' ---', not --- alone, so it does not open the front matter. "
            "Make line 1 --- alone.",
        ),
        (
            "\u200b---",
            "line 1 is '\\u200b---', not --- alone, so it does not open the front "
            "matter. Make line 1 --- alone.",
        ),
        (
            "\t+++",
            "line 1 is '\\t+++', not +++ alone, so it does not open the front matter. "
            "Make line 1 +++ alone.",
        ),
    ],
)
def test_front_matter_its_first_line_fails_to_open_is_an_error_at_line_1(
    site: Site, first: str, error: str
) -> None:
    # The document was read as one without front matter: "no date found near the top of the
    # document", with no line, while its date: was there.
    fence = first.strip("\u200b \t").rpartition("\n")[2]
    key = "title: A\ndate: 2025-01-01\n" if fence == "---" else 'title = "A"\ndate = 2025-01-01\n'
    site(**{"a.md": f"{first}\n{key}{fence}\nBody.\n"})
    assert errors() == [f"Error: entries/a.md:1: {error}"]


@pytest.mark.parametrize(
    "text",
    [
        "---\n---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
        "---\n---\n\ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
        '+++\n+++\ntitle = "A"\ndate = 2025-01-01\n+++\nBody.\n',
    ],
    ids=["yaml", "blank-line", "toml"],
)
def test_front_matter_opened_twice_is_an_error_at_line_2(site: Site, text: str) -> None:
    # Line 2 closed the front matter at once: it was read as empty and its keys as the text,
    # and the error was "the front matter has no date", at line 2.
    site(**{"a.md": text})
    fence = text[:3]
    assert errors() == [
        f"Error: entries/a.md:2: line 2 is a second {fence}, which closes the front matter "
        f"opened on line 1 before its keys. Remove line 2: front matter opens with one {fence}."
    ]


@pytest.mark.parametrize(
    ("closing", "error"),
    [
        (
            " ---",
            "4: line 4 is ' ---', not --- alone, so it does not close the front matter "
            "opened on line 1. Make line 4 --- alone.",
        ),
        (
            "---.",
            "4: line 4 is '---.', not --- alone, so it does not close the front matter "
            "opened on line 1. Make line 4 --- alone.",
        ),
        (
            # Indented like the code block it is not.
            "    ---",
            "4: line 4 is '    ---', not --- alone, so it does not close the front matter "
            "opened on line 1. Make line 4 --- alone.",
        ),
        (
            "\ufeff---",
            "4: line 4 is '\\ufeff---', not --- alone, so it does not close the "
            "front matter opened on line 1. Make line 4 --- alone.",
        ),
        (
            "-:--",
            "4: line 4 is '-:--', not --- alone, so it does not close the front matter opened "
            "on line 1. Make line 4 --- alone.",
        ),
        (
            "|---|",
            "1: the front matter opened by --- on line 1 is never closed. Add a line with "
            "--- after the metadata.",
        ),
        (
            # YAML's end of a document, which closes front matter for Pandoc.
            "...",
            "4: line 4 is '...', which ends YAML front matter for Pandoc, but not here: the "
            "front matter opened on line 1 is never closed. Make line 4 --- alone.",
        ),
    ],
)
def test_front_matter_its_closing_line_fails_to_close_is_an_error_at_that_line(
    site: Site, closing: str, error: str
) -> None:
    # It was named at line 1, "never closed", lines above the line to fix.
    site(**{"a.md": f"---\ntitle: A\ndate: 2025-01-01\n{closing}\nBody.\n"})
    assert errors() == [f"Error: entries/a.md:{error}"]


@pytest.mark.parametrize(
    "text",
    [
        "--- \ntitle: A\ndate: 2025-01-01\n---  \nBody.\n",
        '+++\t\ntitle = "A"\ndate = 2025-01-01\n+++ \t\nBody.\n',
    ],
    ids=["yaml", "toml"],
)
def test_fences_with_spaces_after_them_open_and_close_the_front_matter(
    site: Site, text: str
) -> None:
    # Editors leave spaces at the end of a line, where no one sees them: the fence is alone.
    site(**{"a.md": text})
    build_ok()
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published) == ("A", "2025-01-01T00:00:00+00:00")
    assert "Body." in entry.content[0].value


def test_a_document_whose_first_line_begins_with_a_percent_sign_is_no_front_matter(
    site: Site,
) -> None:
    # Only a directive above a --- is refused (`%YAML 1.1`): text may start with a %.
    site(**{"a.md": "% of readers agree\n\n2025-01-01\n\nText.\n"})
    build_ok()
    (entry,) = feedparser.parse("feeds/atom.xml").entries
    assert (entry.title, entry.published) == ("% of readers agree", "2025-01-01T00:00:00+00:00")


def test_a_document_that_begins_with_a_thematic_break_is_no_front_matter(site: Site) -> None:
    # Spaces before a --- that nothing like a key follows: a Markdown rule, as before.
    site(**{"a.md": " ---\n\nJune 1, 2025\n\n# A\n\nText.\n\n---\n\nMore.\n"})
    build_ok()


def test_a_line_separator_in_front_matter_does_not_move_the_lines_below(site: Site) -> None:
    # YAML 1.1 ends a line at U+2028 and counted one line too many below it. (In a title it
    # is a line break, an error of its own.)
    site(**{"a.md": doc('title: "Peace\u2028talks"\ndate: 2025-01-01\nlang: english\n')})
    assert errors() == [
        f"Error: entries/a.md:2: title holds a line break, {ONE_LINE}. Write it on one line: "
        '"Peace talks"',
        "Error: entries/a.md:4: lang 'english' is not a BCP 47 language tag. Use a tag like en, "
        "en-GB or uk.",
    ]


def test_a_line_separator_in_an_unquoted_value_is_named_at_its_line(site: Site) -> None:
    # YAML read "talks" as a key without ":", reported on the line below it.
    site(**{"a.md": doc("title: Peace\u2028talks\ndate: 2025-01-01\n")})
    assert errors() == [
        "Error: entries/a.md:2: invalid YAML: YAML reads the character LINE SEPARATOR (U+2028) "
        "as the end of a line. Remove it, or put the value in double quotes."
    ]


def test_a_line_end_without_a_unicode_name_is_named_by_its_code_point() -> None:
    # U+0085 (NEL) has no name in Unicode's data: naming it ended in "ValueError: no such
    # name". Build changes it before YAML reads the text (text.for_feeds); split alone does not.
    with pytest.raises(FrontMatterError) as raised:
        split("---\ntitle: Peace\x85talks\ndate: 2025-01-01\n---\nText.\n")
    assert (raised.value.line, raised.value.message, raised.value.fix) == (
        2,
        "invalid YAML: YAML reads the character U+0085 as the end of a line",
        "Remove it, or put the value in double quotes.",
    )


def test_every_error_of_every_file_is_listed(site: Site) -> None:
    site(
        **{
            "a.md": doc("titel: A\ndate: 2025-01-01\ntags: news\n"),
            "b/c.md": doc("title: C\ndate: 2025-02-30\n"),
            "fine.md": doc("title: Fine\ndate: 2025-01-01\n"),
        }
    )
    assert errors() == [
        "Error: entries/a.md:2: unknown key 'titel'. Did you mean 'title'? "
        f"Known keys: {KNOWN_KEYS}.",
        "Error: entries/a.md:4: tags must be a list, not text. Write it as a list: [news]",
        "Error: entries/b/c.md:3: date: '2025-02-30' does not exist: day is out of range for"
        f" month. {DATE_FIX}",
    ]


# Authors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        pytest.param("author: Ann Lee\n", [("Ann Lee", None, None)], id="name"),
        pytest.param(
            "author: Ann Lee <ann@example.org>\n",
            [("Ann Lee", "ann@example.org", None)],
            id="name-email",
        ),
        pytest.param(
            "author:\n  name: Ann Lee\n  uri: https://ann.example.org/\n",
            [("Ann Lee", None, "https://ann.example.org/")],
            id="single-mapping",
        ),
        pytest.param(
            "authors: [Ann Lee, Bo Chen <bo@example.org>]\n",
            [("Ann Lee", None, None), ("Bo Chen", "bo@example.org", None)],
            id="list-of-strings",
        ),
        pytest.param(
            "authors:\n"
            "  - name: Ann Lee\n"
            "    email: ann@example.org\n"
            "    uri: https://ann.example.org/\n"
            "  - Bo Chen\n",
            [("Ann Lee", "ann@example.org", "https://ann.example.org/"), ("Bo Chen", None, None)],
            id="list-of-mappings",
        ),
        pytest.param("", [("Default Author", "default@example.org", None)], id="config-default"),
    ],
)
def test_author_forms(site: Site, front: str, expected: list[tuple[str, ...]]) -> None:
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\n{front}")})
    build_ok()
    assert authors_of(only_entry()) == expected
    (item,) = rss_items()
    # One dc:creator names every author (readers keep only one); RSS's <author> would drop
    # authors without an email.
    assert [c.text for c in item.findall(DC_CREATOR)] == [
        ", ".join(name for name, _, _ in expected)
    ]
    assert item.find("author") is None


@pytest.mark.parametrize(
    ("front", "message"),
    [
        pytest.param(
            "author: Ann Lee\nauthors: [Bo Chen]\n",
            "entries/a.md:5: both author and authors are given. "
            "Keep one: author for one person, authors for a list.",
            id="author-and-authors",
        ),
        pytest.param(
            # It was named at the authors line, above the author line added below it.
            "authors: [Bo Chen]\nlang: en\nauthor: Ann Lee\n",
            "entries/a.md:6: both author and authors are given. "
            "Keep one: author for one person, authors for a list.",
            id="authors-and-author",
        ),
        pytest.param(
            "author: [Ann Lee, Bo Chen]\n",
            "entries/a.md:4: author must be 'Name <email>' or a mapping with name, not a list. "
            'Write it as "Ann Lee <ann@example.org>".',
            id="list-in-author",
        ),
        pytest.param(
            "authors:\n  - name: Ann Lee\n    mail: ann@example.org\n",
            "entries/a.md:6: unknown key 'authors.mail'. Did you mean 'authors.email'? "
            "Known keys: authors.email, authors.name, authors.uri.",
            id="unknown-author-field",
        ),
        pytest.param(
            "authors:\n  - email: ann@example.org\n",
            "entries/a.md:5: an author in authors has no name. Add a name to it.",
            id="mapping-without-name",
        ),
        pytest.param(
            "author:\n  name: Ann Lee\n  email: ann at example\n",
            "entries/a.md:6: 'ann at example' in author is not an email address. "
            "Write it like ann@example.org, or leave the email out.",
            id="bad-email-of-a-mapping",
        ),
        pytest.param(
            "author: Ann Lee <ann at example>\n",
            "entries/a.md:4: 'ann at example' in author is not an email address. "
            "Write it like ann@example.org, or leave the email out.",
            id="bad-email",
        ),
        pytest.param(
            "authors: []\n",
            "entries/a.md:4: authors is an empty list. Name at least one author or remove authors.",
            id="empty-list",
        ),
    ],
)
def test_author_errors(site: Site, front: str, message: str) -> None:
    site(**{"a.md": doc(f"title: A\ndate: 2025-01-01\n{front}")})
    assert errors() == [f"Error: {message}"]


def test_an_entry_without_any_author_is_an_error(site: Site) -> None:
    site(config=NO_AUTHOR_CONFIG, **{"a.md": doc("title: A\ndate: 2025-01-01\n")})
    assert errors() == [
        "Error: entries/a.md: the entry has no author, and the config has no default authors. "
        'Add author: "Name" to the front matter, or authors to the config.'
    ]


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Ann Lee and Bo Chen", ["Ann Lee", "Bo Chen"]),
        ("By Ann Lee, Bo Chen & Cy Dee", ["Ann Lee", "Bo Chen", "Cy Dee"]),
        ("by Ann Lee", ["Ann Lee"]),
        ("*By Ann Lee, Bo Chen, and Cy Dee*", ["Ann Lee", "Bo Chen", "Cy Dee"]),
    ],
)
def test_byline_gives_the_authors_and_leaves_the_body(
    site: Site, byline: str, names: list[str]
) -> None:
    site(config=NO_AUTHOR_CONFIG, **{"a.md": f"2025-12-22\n\n# Title\n\n{byline}\n\nText.\n"})
    build_ok()
    entry = only_entry()
    assert authors_of(entry) == [(name, None, None) for name in names]
    assert entry.findtext(f"{A}content") == "<p>Text.</p>"


@pytest.mark.parametrize(
    "sentence",
    [
        "By the time we arrived, the rain had stopped and the streets were empty.",
        "By morning, and after coffee, everything looked different.",
        "By 2030 the city plans to plant 300 trees.",
        "By Sunday, the Paris Agreement had been signed by everyone.",
    ],
)
def test_a_sentence_that_starts_with_by_is_text_not_a_byline(site: Site, sentence: str) -> None:
    # Taken for a byline, it named made-up people as the authors, instead of the config's.
    site(**{"a.md": doc("title: T\ndate: 2025-12-22\n", f"{sentence}\n\nMore.\n")})
    build_ok()
    parsed = feedparser.parse("feeds/atom.xml").entries[0]
    assert [a.name for a in parsed.authors] == ["Default Author"]
    assert parsed.content[0].value == f"<p>{sentence}</p>\n<p>More.</p>"
    (item,) = rss_items()
    assert item.findtext(DC_CREATOR) == "Default Author"


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By Ludwig van Beethoven", ["Ludwig van Beethoven"]),
        ("By Ana de la Cruz and 李明", ["Ana de la Cruz", "李明"]),
    ],
)
def test_bylines_with_name_particles_and_scripts_without_case(
    site: Site, byline: str, names: list[str]
) -> None:
    site(config=NO_AUTHOR_CONFIG, **{"a.md": f"2025-12-22\n\n# Title\n\n{byline}\n\nText.\n"})
    build_ok()
    assert authors_of(only_entry()) == [(name, None, None) for name in names]


def test_a_line_starting_with_by_and_a_long_run_of_spaces_is_read_at_once(site: Site) -> None:
    # Looking for the byline's end tried every way of splitting the spaces: 45 s for 3,000 of
    # them, hours for these. The time is measured by hand (0.3 ms for 30,000), not here.
    line = "By Ann Lee" + " " * 20_000 + "and Bo Chen, after a long pause."
    site(**{"a.md": doc("title: T\ndate: 2025-12-22\n", f"{line}\n")})
    build_ok()
    parsed = feedparser.parse("feeds/atom.xml").entries[0]
    assert [a.name for a in parsed.authors] == ["Default Author"]  # too long for a byline
    assert parsed.content[0].value == f"<p>{line}</p>"


def test_a_byline_under_front_matter_without_authors_names_them_and_is_taken_out(
    site: Site,
) -> None:
    site(**{"a.md": doc("title: T\ndate: 2025-12-22\n", "By Ann Lee\n\nText.\n")})
    build_ok()
    parsed = feedparser.parse("feeds/atom.xml").entries[0]
    assert [a.name for a in parsed.authors] == ["Ann Lee"]
    assert parsed.content[0].value == "<p>Text.</p>"


@pytest.mark.parametrize(
    ("body", "title", "kept"),
    [
        # The date line and the line starting with "By" are the author's text, and were
        # dropped with the title's heading.
        (
            "# Year in review\n\nBy the end of the year, we had planted 300 trees.\n\n"
            "March 1, 2025\n\nBy Bo Chen\n\nThat was the day it started.\n",
            "Year in review",
            "<p>By the end of the year, we had planted 300 trees.</p>\n<p>March 1, 2025</p>\n"
            "<p>By Bo Chen</p>\n<p>That was the day it started.</p>",
        ),
        # The title is the first heading or line that is not a date or a byline (README): the
        # first of these lines became the title, the heading below it left in the text.
        (
            "Monday, December 22, 2025\n\nBy Liza Smirnova\n\n# For a Peace From Below\n\nText.\n",
            "For a Peace From Below",
            "<p>Monday, December 22, 2025</p>\n<p>By Liza Smirnova</p>\n<p>Text.</p>",
        ),
        (
            "By Liza Smirnova\n\nMonday, December 22, 2025\n\n# For a Peace From Below\n\nText.\n",
            "For a Peace From Below",
            "<p>By Liza Smirnova</p>\n<p>Monday, December 22, 2025</p>\n<p>Text.</p>",
        ),
    ],
    ids=["heading-first", "date-line-first", "byline-first"],
)
def test_only_the_lines_the_front_matter_leaves_out_are_taken_from_the_body(
    site: Site, body: str, title: str, kept: str
) -> None:
    # The front matter gives the date and author, not the title.
    site(**{"a.md": doc("date: 2025-12-22\nauthor: Ann Lee\n", body)})
    build_ok()
    parsed = feedparser.parse("feeds/atom.xml").entries[0]
    assert parsed.title == title
    assert [a.name for a in parsed.authors] == ["Ann Lee"]
    assert parsed.published == "2025-12-22T00:00:00+00:00"
    assert parsed.content[0].value == kept


# Documents without front matter ----------------------------------------------------------


def test_the_readme_example_without_front_matter(site: Site) -> None:
    site(
        config=NO_AUTHOR_CONFIG,
        **{
            "peace.md": """\
            Monday, December 22, 2025

            # For a Peace From Below in Ukraine

            By Liza Smirnova and Alexey Sakhnin

            The text…
            """
        },
    )
    build_ok()
    parsed = feedparser.parse("feeds/atom.xml").entries[0]
    assert parsed.title == "For a Peace From Below in Ukraine"
    assert parsed.published == "2025-12-22T00:00:00+00:00"
    assert [a.name for a in parsed.authors] == ["Liza Smirnova", "Alexey Sakhnin"]
    # The date, title and byline lines are taken out of the body.
    assert parsed.content[0].value == "<p>The text…</p>"
    (item,) = rss_items()
    assert item.findtext("title") == "For a Peace From Below in Ukraine"
    assert item.findtext("pubDate") == "Mon, 22 Dec 2025 00:00:00 +0000"


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Monday, December 22, 2025", "2025-12-22T00:00:00+00:00"),
        ("2025-12-22", "2025-12-22T00:00:00+00:00"),
        ("22 Dec 2025 14:00 +0200", "2025-12-22T14:00:00+02:00"),
        ("December 22, 2025 9:30 am", "2025-12-22T09:30:00+00:00"),
        # A time written with an h, as in French, was read in front matter but dropped here.
        ("22 Dec 2025 14h30 +0300", "2025-12-22T14:30:00+03:00"),
        ("22 Dec 2025 9h05", "2025-12-22T09:05:00+00:00"),
        ("22 Dec 2025 14h", "2025-12-22T14:00:00+00:00"),
        ("*22 December 2025*", "2025-12-22T00:00:00+00:00"),
        ("## 22 December 2025", "2025-12-22T00:00:00+00:00"),  # a heading's marks are no date
        ("June 1, 2025 9 pm", "2025-06-01T21:00:00+00:00"),  # no colon: still a time
        # Years outside 1800-2999 were passed over ("no date found"), read in front matter.
        ("1 January 1750", "1750-01-01T00:00:00+00:00"),
        ("June 1, 0033", "0033-06-01T00:00:00+00:00"),
        # ISO 8601's basic form, which front matter reads, was no date ("no date found").
        ("20251222", "2025-12-22T00:00:00+00:00"),
        ("20251222 14:30", "2025-12-22T14:30:00+00:00"),
        # 24:00 is the end of its day, as in front matter: it said "hour must be in 0..23".
        ("2025-12-21 24:00", "2025-12-22T00:00:00+00:00"),
        ("21 December 2025 24:00", "2025-12-22T00:00:00+00:00"),
        ("DEC-22-2025", "2025-12-22T00:00:00+00:00"),  # capitals and a sign, but no zone
        ("22 December 2025, 10.30 pm", "2025-12-22T22:30:00+00:00"),  # it was 22:00
    ],
)
def test_date_line_forms(site: Site, line: str, published: str) -> None:
    site(**{"a.md": f"# Title\n\n{line}\n\nText.\n"})
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}published") == published
    assert entry.findtext(f"{A}content") == "<p>Text.</p>"


def test_date_line_in_the_year_9999_is_read(site: Site) -> None:
    # It said "no date found near the top of the document", as front matter's date: worked.
    site(**{"a.md": "Friday, December 31, 9999\n\n# Title\n\nText.\n"})
    build_ok("--future")
    assert only_entry().findtext(f"{A}published") == "9999-12-31T00:00:00+00:00"


def test_date_line_is_in_the_config_time_zone(site: Site) -> None:
    config = BASIC_CONFIG + 'timezone = "Europe/Kyiv"\n'
    site(config=config, **{"a.md": "2025-07-01\n\n# Summer\n\nText.\n"})
    build_ok()
    assert only_entry().findtext(f"{A}published") == "2025-07-01T00:00:00+03:00"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("# Title\n\nDecember 2025\n\nText.\n", id="no-day"),
        pytest.param(
            "# Title\n\nPublished on 2025-12-22 in Kyiv.\n\nText.\n", id="not-only-a-date"
        ),
        pytest.param(
            "# Title\n\n" + "".join(f"Paragraph {n}.\n\n" for n in range(9)) + "2025-12-22\n",
            id="after-ten-lines",
        ),
        pytest.param("# Title\n\nText.\n", id="none"),
    ],
)
def test_without_a_date_line_the_build_asks_for_date_front_matter(site: Site, text: str) -> None:
    site(**{"note.md": text})
    assert errors() == [
        "Error: entries/note.md: no date found near the top of the document. "
        "Add front matter with date: 2025-12-22, or a line with the date."
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param(
            "---\ntitle: Note\n---\nText.\n",
            "Error: entries/note.md:3: the front matter has no date, and the text does not "
            "begin with one. Add a line date: 2025-12-22 to the front matter, above line 3.",
            id="yaml",
        ),
        pytest.param(
            '+++\ntitle = "Note"\n+++\nText.\n',
            "Error: entries/note.md:3: the front matter has no date, and the text does not "
            "begin with one. Add a line date = 2025-12-22 to the front matter, above line 3.",
            id="toml",
        ),
        pytest.param(
            # Above the closing line, line 5, it would be the author's.
            '+++\ntitle = "Note"\n[[authors]]\nname = "Ann"\n+++\nText.\n',
            "Error: entries/note.md:3: the front matter has no date, and the text does not "
            "begin with one. Add a line date = 2025-12-22 to the front matter, above line 3.",
            id="toml-table",
        ),
        pytest.param(
            "---\ntitle: Note\n# date: 2025-12-22\ntags: [a]\n---\nText.\n",
            "Error: entries/note.md:3: the front matter has no date: line 3 gives one in a "
            "comment. Remove the # at the start of line 3.",
            id="commented-out",
        ),
    ],
)
def test_front_matter_without_a_date_is_named_where_the_date_goes(
    site: Site, text: str, error: str
) -> None:
    # It said "no date found near the top of the document. Add front matter with date: ...",
    # with no line, to an author who had front matter (and had commented the date out).
    site(**{"note.md": text})
    assert errors() == [error]


DATE_LINE_FIX = (
    "Write the date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22 14:30 +02:00, or give it in"
    " front matter (date: 2025-12-22)."
)


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        pytest.param(
            "12/01/2025\n\n# Title\n\nText.\n",
            1,
            "'12/01/2025' could be 2025-01-12 (day first) or 2025-12-01 (month first)",
            id="day-or-month",
        ),
        pytest.param(
            "# Title\n\n22 Dec 2025 14:00 IST\n\nText.\n",
            3,
            "the time zone 'IST' could be one of several: only UTC, UT, GMT, Z and RFC 822's US"
            " zones (EST, EDT, CST, CDT, MST, MDT, PST, PDT) are read, any other needs its offset",
            id="zone-name",
        ),
        pytest.param(
            "2025-03-30 02:30\n\n# Title\n\nText.\n",
            1,
            "2025-03-30 02:30:00 does not exist in Europe/Berlin (the clocks skip it; 02:30:00 by"
            " the clocks before they changed is 2025-03-30 03:30:00+02:00)",
            id="skipped-by-the-clocks",
        ),
        pytest.param(
            "---\nauthor: Ann\n---\n# Title\n\n*4 Mar 2021 14:30 GMT+3*\n\nText.\n",
            6,
            "'4 Mar 2021 14:30 GMT+3' gives a zone name with an offset, which some read as ahead of"
            " UTC and others as behind: write the offset alone, like +03:00",
            id="under-front-matter",
        ),
        pytest.param(
            "February 29, 2025\n\n# Title\n\nText.\n",
            1,
            "'February 29, 2025' does not exist: day is out of range for month",
            id="no-such-day",
        ),
        pytest.param(
            "# Title\n\n*Thu, 31 Apr 2025*\n\nText.\n",
            3,
            "'Thu, 31 Apr 2025' does not exist: day is out of range for month",
            id="no-such-day-with-weekday",
        ),
        pytest.param(
            "2025-12-22 25:00\n\n# Title\n\nText.\n",
            1,
            "'2025-12-22 25:00' does not exist: hour must be in 0..23",
            id="no-such-hour",
        ),
        pytest.param(
            "January 1, 0000\n\n# Title\n\nText.\n",
            1,
            "'January 1, 0000' does not exist: year 0 is out of range",
            id="year-zero",
        ),
        pytest.param(
            "# Title\n\nDecember 31, 9999 23:00 -05:00\n\nText.\n",
            3,
            "9999-12-31 23:00:00-05:00 is out of range: in UTC it falls before the year 1 or"
            " after 9999",
            id="after-9999-in-utc",
        ),
        pytest.param(
            "20251222T1430\n\n# Title\n\nText.\n",
            1,
            "'20251222T1430' gives its time in a form a date line does not read: write it 14:30",
            id="compact-time",  # published at 00:00, the time dropped without a word
        ),
        pytest.param(
            "# Title\n\n22 December 2025 143015\n\nText.\n",
            3,
            "'22 December 2025 143015' gives its time in a form a date line does not read: write"
            " it 14:30:15",
            id="compact-time-with-seconds",
        ),
        pytest.param(
            "# Title\n\n22 December 2025 1430 +02:00\n\nText.\n",
            3,
            "'22 December 2025 1430 +02:00' gives its time in a form a date line does not read:"
            " write it 14:30",
            id="compact-time-then-offset",  # the offset's colon was taken for the time's
        ),
        pytest.param(
            "# Title\n\nDecember 1, 2025 -05:00\n\nText.\n",
            3,
            "'December 1, 2025 -05:00' gives the offset -05:00 but no time for it: write"
            " 2025-12-01 00:00 -05:00 for midnight there",
            id="offset-without-a-time",  # published at 05:00 in Berlin, hours off
        ),
        pytest.param(
            "# Title\n\n2025-12-01 +05:00\n\nText.\n",
            3,
            "'2025-12-01 +05:00' gives the offset +05:00 but no time for it: write 2025-12-01"
            " 00:00 +05:00 for midnight there",
            id="plus-offset-without-a-time",  # no date at all, where -05:00 was refused
        ),
        pytest.param(
            "# Title\n\n1 December 2025 +0500\n\nText.\n",
            3,
            "'1 December 2025 +0500' gives the offset +05:00 but no time for it: write"
            " 2025-12-01 00:00 +05:00 for midnight there",
            id="offset-without-a-colon-or-a-time",
        ),
        pytest.param(
            "# Title\n\n1 December 2025 -0500\n\nText.\n",
            3,
            "'1 December 2025 -0500' gives the offset -05:00 but no time for it: write"
            " 2025-12-01 00:00 -05:00 for midnight there",
            id="minus-offset-without-a-colon-or-a-time",  # "0500 is left over"
        ),
        pytest.param(
            "# Title\n\n2025-12-01 0000\n\nText.\n",
            3,
            "'2025-12-01 0000' gives its time in a form a date line does not read: write it 00:00",
            id="basic-midnight",  # read as midnight, where 2025-12-01 1430 was refused
        ),
        pytest.param(
            "# Title\n\n1 January 2000 0000\n\nText.\n",
            3,
            "'1 January 2000 0000' gives its time in a form a date line does not read: write it"
            " 00:00",
            id="basic-midnight-in-2000",  # "year 0 is out of range"
        ),
        pytest.param(
            "20251222T143000Z\n\n# Title\n\nText.\n",
            1,
            "'20251222T143000Z' gives its time in a form a date line does not read: write it 14:30",
            id="basic-date-and-time",
        ),
        pytest.param(
            "20250229\n\n# Title\n\nText.\n",
            1,
            "'20250229' does not exist: day is out of range for month",
            id="basic-date-no-such-day",
        ),
        pytest.param(
            "12. 01. 2025\n\n# Title\n\nText.\n",
            1,
            "'12. 01. 2025' could be 2025-01-12 (day first) or 2025-12-01 (month first)",
            id="spaced-day-or-month-first",  # published on 1 December, as dateutil read it
        ),
        pytest.param(
            "# Title\n\n12 01 2025\n\nText.\n",
            3,
            "'12 01 2025' could be 2025-01-12 (day first) or 2025-12-01 (month first)",
            id="spaces-day-or-month-first",
        ),
        pytest.param(
            "# Title\n\n2025/12/01/2025\n\nText.\n",
            3,
            "cannot read '2025/12/01/2025' as a date: 2025 is left over after 2025-12-01, and is"
            " no time written as one",
            id="year-left-over",  # it was told to write its time as 20:25, which no one meant
        ),
        pytest.param(
            "# Title\n\n2025-12-01-2025\n\nText.\n",
            3,
            "cannot read '2025-12-01-2025' as a date: 2025 is left over after 2025-12-01, and is"
            " no time written as one",
            id="year-left-over-after-a-dash",  # -2025 read as no zone: it was told 20:25 too
        ),
        pytest.param(
            "# Title\n\n2025/12/01/0000\n\nText.\n",
            3,
            "cannot read '2025/12/01/0000' as a date: 0000 is left over after 2025-12-01, and is"
            " no time written as one",
            id="zeros-left-over",  # published at midnight, while 2025/12/01/1430 was refused
        ),
        pytest.param(
            "# Title\n\n2025-12-01 2026\n\nText.\n",
            3,
            "cannot read '2025-12-01 2026' as a date: 2026 after 2025-12-01 could be a year as"
            " well as the time 20:26",
            id="year-like-time",  # it was told to write 20:26, where the year may be a slip
        ),
        pytest.param(
            "# Title\n\n2033 June 1, 0033\n\nText.\n",
            3,
            "cannot read '2033 June 1, 0033' as a date: 0033 after 2033-06-01 could be a year as"
            " well as the time 00:33",
            id="year-in-a-years-place",  # it was told to write 00:33, where 0033 is the year 33
        ),
        pytest.param(
            "# Title\n\n1 December 2025 at\n\nText.\n",
            3,
            "'1 December 2025 at' ends with 'at' but gives no time after it: write the time, like"
            " 2025-12-01 14:30, or 2025-12-01 alone for the day",
            id="time-begun-but-not-given",  # published at midnight
        ),
        pytest.param(
            "# Title\n\n1 December 2025 10:3:15\n\nText.\n",
            3,
            "'1 December 2025 10:3:15' gives 10:3:15 with one digit after a colon, which may be"
            " cut short: write two, 10:03:15 or the time meant",
            id="one-digit-after-a-colon",  # published at 10:03:15
        ),
        pytest.param(
            "# Title\n\n1 December 2025 10:00 11:00\n\nText.\n",
            3,
            "'1 December 2025 10:00 11:00' gives two times, 10:00 and 11:00: write one",
            id="two-times",  # published at 11:00
        ),
        pytest.param(
            "2025-12-01 UTC\n\n# Title\n\nText.\n",
            1,
            "'2025-12-01 UTC' gives the time zone UTC but no time for it: write 2025-12-01 00:00"
            " UTC for midnight there",
            id="zone-name-without-a-time",  # not a date line: "no date found"
        ),
        pytest.param(
            "# Title\n\n1 December 2025 Europe/Paris\n\nText.\n",
            3,
            "'1 December 2025 Europe/Paris' gives the time zone Europe/Paris, which is not read"
            " in a date, and no time for it: write 2025-12-01 00:00 +01:00 for midnight there",
            id="iana-zone-without-a-time",
        ),
        pytest.param(
            "# Title\n\n1 December 2025 10:00 Europe/Paris\n\nText.\n",
            3,
            "'1 December 2025 10:00 Europe/Paris' gives the time zone Europe/Paris, which is not"
            " read in a date: write its offset then, 2025-12-01 10:00 +01:00",
            id="iana-zone-after-a-time",  # not a date line: "no date found"
        ),
    ],
)
def test_a_date_line_that_is_refused_says_why(site: Site, text: str, line: int, why: str) -> None:
    # It said "no date found near the top of the document", hiding the reason.
    site(config=BASIC_CONFIG + 'timezone = "Europe/Berlin"\n', **{"note.md": text})
    assert errors() == [f"Error: entries/note.md:{line}: date line: {why}. {DATE_LINE_FIX}"]


@pytest.mark.parametrize(
    ("title", "date_line"),
    [
        ("12/01/2025 was the day it all changed", "March 5, 2025"),
        ("Why GMT+1 is back in 2026", "2025-03-05"),
        ("CET 2025, a review", "5 March 2025"),
        ("13/2025", "5 March 2025"),  # an issue number: no day, so no date that does not exist
        ("June 2026, 14:00 CET", "5 March 2025"),  # no day: its zone name is not yet an error
        ("6/2/25", "5 March 2025"),  # no year in four digits: not yet a date, nor refused
        ("12345678", "5 March 2025"),  # no month and day after its first four digits
        ("12222025", "5 March 2025"),  # nor ISO 8601's order: a US date run together
        ("March 5 2025 NASA", "5 March 2025"),  # capitals a date line takes for no zone
    ],
)
def test_a_line_that_only_mentions_a_date_is_still_the_title(
    site: Site, title: str, date_line: str
) -> None:
    site(**{"note.md": f"{title}\n\n{date_line}\n\nText.\n"})
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}title") == title
    assert entry.findtext(f"{A}published") == "2025-03-05T00:00:00+00:00"


def test_the_tenth_line_can_hold_the_date(site: Site) -> None:
    text = "# Title\n\n" + "".join(f"Paragraph {n}.\n\n" for n in range(8)) + "2025-12-22\n"
    site(**{"note.md": text})
    build_ok()
    assert only_entry().findtext(f"{A}published") == "2025-12-22T00:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "title", "content"),
    [
        pytest.param(
            "# Hello *world*\n\n2025-12-22\n\nText.\n", "Hello world", "<p>Text.</p>", id="atx"
        ),
        pytest.param(
            "Hello world\n===\n\n2025-12-22\n\nText.\n", "Hello world", "<p>Text.</p>", id="setext"
        ),
        pytest.param(
            "![Sunset](s.jpg)\n\n# Evening in Kyiv\n\n2025-12-22\n\nText.\n",
            "Evening in Kyiv",
            '<p><img src="https://example.org/blog/s.jpg" alt="Sunset"></p>\n<p>Text.</p>',
            id="image-first",  # "no title found", and the image was taken out
        ),
        pytest.param(
            "# Why I switched to C#\n\n2025-12-22\n\nText.\n",
            "Why I switched to C#",
            "<p>Text.</p>",
            id="atx-ending-in-a-hash",
        ),
        pytest.param(
            "## Notes on F# and C\\# ##\n\n2025-12-22\n\nText.\n",
            "Notes on F# and C#",
            "<p>Text.</p>",
            id="atx-with-closing-hashes",
        ),
        pytest.param(  # the script's code was part of the title: "Title alert(1) x"
            "# Title <script>alert(1)</script> x\n\n2025-12-22\n\nText.\n",
            "Title x",
            "<p>Text.</p>",
            id="heading-with-a-script",
        ),
        pytest.param(
            "2025-12-22\n\nBy Ann Lee\n\nA *plain* first line\n\nText.\n",
            "A plain first line",
            "<p>Text.</p>",
            id="first-plain-line",
        ),
    ],
)
def test_title_from_the_first_lines(site: Site, text: str, title: str, content: str) -> None:
    site(**{"a.md": text})
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}title") == title
    assert entry.findtext(f"{A}content") == content


def test_a_document_with_only_a_date_has_no_title(site: Site) -> None:
    site(**{"a.md": "2025-12-22\n"})
    assert errors() == [
        'Error: entries/a.md: no title found. Add front matter with title: "Your title".'
    ]


def test_front_matter_date_and_title_from_the_body(site: Site) -> None:
    site(**{"a.md": doc("date: 2025-12-20\n", "# From the heading\n\nText.\n")})
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}title") == "From the heading"
    assert entry.findtext(f"{A}content") == "<p>Text.</p>"


def test_front_matter_title_and_date_from_the_body_keeps_other_headings(site: Site) -> None:
    site(**{"a.md": doc("title: From front matter\n", "2025-12-22\n\n## Intro\n\nText.\n")})
    build_ok()
    entry = only_entry()
    assert entry.findtext(f"{A}title") == "From front matter"
    assert entry.findtext(f"{A}published") == "2025-12-22T00:00:00+00:00"
    # The heading is not the title, so it is part of the text; the date line is taken out.
    assert entry.findtext(f"{A}content") == '<h2 id="intro">Intro</h2>\n<p>Text.</p>'


# Drafts and future entries -----------------------------------------------------------------


def test_drafts_are_left_out_unless_drafts(site: Site) -> None:
    site(
        **{
            "done.md": doc("title: Done\ndate: 2025-01-01\n"),
            "wip.md": doc("title: WIP\ndate: 2025-01-02\ndraft: true\n"),
            "kept.md": doc("title: Kept\ndate: 2025-01-03\ndraft: false\n"),
        }
    )
    result = build_ok()
    assert result.stdout.splitlines() == [
        "wrote feeds/atom.xml (2 entries)",
        "wrote feeds/rss.xml (2 entries)",
        "wrote feeds/feed.json (2 entries)",
        "wrote feeds/authors/default-author.atom.xml (2 entries)",
        "wrote feeds/authors/default-author.rss.xml (2 entries)",
        "wrote feeds/authors/default-author.json (2 entries)",
        "wrote feeds/_headers",
        "pages: wrote 3, unchanged 0 (feeds/index.html and one per entry)",
        "left out 1 draft; --drafts includes them",
    ]
    assert [e.findtext(f"{A}title") for e in atom_entries()] == ["Kept", "Done"]
    # A draft gets no page either, and the index does not list it.
    assert not Path("feeds/wip").exists()
    assert "WIP" not in Path("feeds/index.html").read_text(encoding="utf-8")
    result = build_ok("--drafts")
    assert "draft" not in result.stdout
    assert [e.findtext(f"{A}title") for e in atom_entries()] == ["Kept", "WIP", "Done"]
    assert [i.findtext("title") for i in rss_items()] == ["Kept", "WIP", "Done"]
    assert Path("feeds/wip/index.html").is_file()


def test_two_drafts_left_out_are_counted_in_words(site: Site) -> None:
    # The build said "left out 2 draft(s)", as a form to fill in.
    site(
        **{
            "done.md": doc("title: Done\ndate: 2025-01-01\n"),
            "wip.md": doc("title: WIP\ndate: 2025-01-02\ndraft: true\n"),
            "idea.md": doc("title: Idea\ndate: 2025-01-03\ndraft: true\n"),
        }
    )
    assert build_ok().stdout.splitlines()[-1] == "left out 2 drafts; --drafts includes them"


def test_future_entries_wait_until_due_unless_future(site: Site) -> None:
    site(
        **{
            "now.md": doc("title: Now\ndate: 2025-01-01\n"),
            "later.md": doc("title: Later\ndate: 2999-06-01T08:00:00+00:00\n"),
            "soon.md": doc("title: Soon\ndate: 2999-01-01T09:00:00+05:30\n"),
        }
    )
    result = build_ok()
    assert result.stdout.splitlines() == [
        "wrote feeds/atom.xml (1 entry)",
        "wrote feeds/rss.xml (1 entry)",
        "wrote feeds/feed.json (1 entry)",
        "wrote feeds/authors/default-author.atom.xml (1 entry)",
        "wrote feeds/authors/default-author.rss.xml (1 entry)",
        "wrote feeds/authors/default-author.json (1 entry)",
        "wrote feeds/_headers",
        "pages: wrote 2, unchanged 0 (feeds/index.html and one per entry)",
        "left out 2 future entries; the next, entries/soon.md, is due 2999-01-01 09:00 "
        "+05:30; build again then, or pass --future",
    ]
    assert [e.findtext(f"{A}title") for e in atom_entries()] == ["Now"]
    assert not Path("feeds/soon").exists() and not Path("feeds/later").exists()
    result = build_ok("--future")
    assert "future" not in result.stdout
    assert [e.findtext(f"{A}title") for e in atom_entries()] == ["Later", "Soon", "Now"]
    assert Path("feeds/soon/index.html").is_file() and Path("feeds/later/index.html").is_file()


def test_of_two_entries_due_at_once_the_next_named_is_the_first_by_id(site: Site) -> None:
    # Which one the report names must not depend on the order the documents are read in.
    due = "date: 2999-01-01T09:00:00+00:00\n"
    site(
        **{
            "now.md": doc("title: Now\ndate: 2025-01-01\n"),
            "a.md": doc(f"title: A\nslug: zz\n{due}"),
            "b.md": doc(f"title: B\n{due}"),
        }
    )
    left_out = build_ok().stdout.splitlines()[-1]
    assert left_out == (
        "left out 2 future entries; the next, entries/b.md, is due 2999-01-01 09:00 "
        "+00:00; build again then, or pass --future"
    )


def test_the_time_an_entry_is_due_keeps_its_seconds(site: Site) -> None:
    # Due at 17:30:40, it is not published by a build at 17:30:10.
    site(
        **{
            "now.md": doc("title: Now\ndate: 2025-01-01\n"),
            "soon.md": doc("title: Soon\ndate: 2999-01-01T17:30:40+02:00\n"),
        }
    )
    assert build_ok().stdout.splitlines()[-1] == (
        "left out 1 future entry; the next, entries/soon.md, is due 2999-01-01 17:30:40 "
        "+02:00; build again then, or pass --future"
    )


def test_only_drafts_and_future_entries_is_an_error(site: Site) -> None:
    site(
        **{
            "wip.md": doc("title: WIP\ndate: 2025-01-02\ndraft: true\n"),
            "later.md": doc("title: Later\ndate: 2999-06-01\n"),
        }
    )
    assert errors() == [
        "Error: entries: there is no published entry to put in the feeds. Add a document, or "
        "pass --drafts or --future to include drafts and scheduled entries."
    ]
    build_ok("--drafts", "--future")
    assert len(atom_entries()) == 2


# Ids and slugs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "front", "entry_id"),
    [
        ("2025/my-post.md", "", "tag:example.org,2025:2025/my-post"),
        ("2025/My-Post.md", "", "tag:example.org,2025:2025/my-post"),
        ("2025/Café.md", "", "tag:example.org,2025:2025/caf%C3%A9"),
        ("Notes/Hello World.markdown", "", "tag:example.org,2025:notes/hello%20world"),
        ("a+b=c.txt", "", "tag:example.org,2025:a%2Bb%3Dc"),
        ("2025/v1.2_final~x.md", "", "tag:example.org,2025:2025/v1.2_final~x"),
        ("2025/renamed.md", "slug: 2024/old-name\n", "tag:example.org,2025:2024/old-name"),
        ("2025/x.md", "slug: /news/café/\n", "tag:example.org,2025:news/caf%C3%A9"),
        # The names macOS stores decomposed (e + U+0301) give the same ids as composed ones.
        ("2025/Cafe\u0301.md", "", "tag:example.org,2025:2025/caf%C3%A9"),
        ("2025/x.md", "slug: cafe\u0301\n", "tag:example.org,2025:caf%C3%A9"),
        ("2025/y.md", "id: tag:old.example.com,2019:post-7\n", "tag:old.example.com,2019:post-7"),
        ("2025/z.md", "id: https://example.org/z\nslug: ignored\n", "https://example.org/z"),
    ],
)
def test_entry_ids(site: Site, name: str, front: str, entry_id: str) -> None:
    site(**{name: doc(f"title: A\ndate: 2025-01-01\n{front}")})
    build_ok()
    assert only_entry().findtext(f"{A}id") == entry_id
    (item,) = rss_items()
    guid = item.find("guid")
    assert guid is not None
    assert (guid.text, guid.get("isPermaLink")) == (entry_id, "false")


def test_guid_is_a_permalink_when_the_id_is_the_link(site: Site) -> None:
    front = "title: A\ndate: 2025-01-01\nid: https://example.org/a\nlink: https://example.org/a\n"
    site(**{"a.md": doc(front)})
    build_ok()
    (item,) = rss_items()
    guid = item.find("guid")
    assert guid is not None
    assert (guid.text, guid.get("isPermaLink")) == ("https://example.org/a", "true")


def test_editing_an_entry_keeps_its_id(site: Site) -> None:
    site(**{"2025/post.md": doc("title: Before\ndate: 2025-01-01\n", "Old text.\n")})
    build_ok()
    before = only_entry().findtext(f"{A}id")
    site(
        **{
            "2025/post.md": doc(
                "title: After\ndate: 2025-01-02\nupdated: 2025-02-01\nsummary: New.\n",
                "New text.\n",
            )
        }
    )
    build_ok()
    assert only_entry().findtext(f"{A}id") == before == "tag:example.org,2025:2025/post"


@pytest.mark.parametrize(
    ("documents", "message"),
    [
        pytest.param(
            {"Post.md": "title: A\n", "post.markdown": "title: B\n"},
            "entries/post.markdown: the entry has the same id as entries/Post.md "
            "(tag:example.org,2025:post).",
            id="same-path-but-case-and-extension",
        ),
        pytest.param(  # alike everywhere, and on macOS the same file name
            {"Caf\u00e9.md": "title: A\n", "Cafe\u0301.md": "title: B\n"},
            "entries/Caf\u00e9.md: the entry has the same id as entries/Cafe\u0301.md "
            "(tag:example.org,2025:caf%C3%A9); the two names differ only in how their accented"
            " letters are encoded.",
            id="composed-and-decomposed-names",
        ),
        pytest.param(
            {"a.md": "title: A\nslug: 2025/post\n", "2025/post.md": "title: B\n"},
            "entries/2025/post.md: the entry has the same id as entries/a.md "
            "(tag:example.org,2025:2025/post).",
            id="slug-and-path",
        ),
        pytest.param(
            {"a.md": "title: A\nid: urn:x:1\n", "b.md": "title: B\nid: urn:x:1\n"},
            "entries/b.md: the entry has the same id as entries/a.md (urn:x:1).",
            id="front-matter-ids",
        ),
    ],
)
def test_two_entries_with_one_id_is_an_error_naming_both(
    site: Site, documents: dict[str, str], message: str
) -> None:
    site(**{name: doc(front + "date: 2025-01-01\n") for name, front in documents.items()})
    assert errors() == [
        f"Error: {message} Give one of them its own slug: or id: in the front matter."
    ]
