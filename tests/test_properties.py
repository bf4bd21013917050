"""Property-based tests: whatever text an author writes reaches feed readers intact, or is an error.

Hypothesis generates entries whose title, summary, author names and tags hold any Unicode: markup
characters, `]]>`, quotes, emoji, right-to-left text, combining marks, C0 and C1 controls, U+FFFE
and U+FFFF, lone surrogates (only possible through YAML escapes such as "\\ud800") and very long
lines. Each example is written as documents in a fresh entries/ folder and built with the real
command line. Then either

- the build succeeds, both feeds are well-formed XML, and every field reaches feedparser, in Atom
  and in RSS, as the author wrote it, minus what staticfeed documents: characters XML cannot carry
  are removed (with a warning naming the file), and text values are stripped at both ends; or
- it fails with exit status 1 and only `Error: <file>...` lines, never a traceback.

Front matter is YAML (dumped by PyYAML in several styles) or, one time in five, TOML. The few
places where a reader changes what staticfeed wrote correctly are accepted only there, each with
its reason: feedparser's repairs of mis-decoded text (`reader_sees`), its guess that an RSS title
that looks like HTML is HTML, and HTML's newline normalization in the RSS description. A name
with an email address in it, or a direction it opens and does not close, is an error (README),
so names are drawn without them.

Other properties: plain bodies keep every word in the content and summary; any body, any
front-matter shape and any bytes give feeds or `Error:` lines, never a traceback; per-tag and
per-author feeds take any tag and name.
"""

from __future__ import annotations

import html
import html.entities
import os
import re
import tempfile
import tomllib
import traceback
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, example, given, note, settings
from hypothesis import strategies as st
from lxml import etree

from staticfeed.cli import cli
from staticfeed.values import listed, quoted

# Reproducible in CI: no example database, the same examples on every run.
CI_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CONFIG = """\
title = "Property feed"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
timezone = "UTC"
authors = [{ name = "Default Author", email = "default@example.org" }]
limit = 0
"""
# Per-tag and per-author feeds are tested on their own below; the other tests look at the main
# feeds only, so that one topic-feed problem does not hide others.
MAIN_FEEDS_ONLY = CONFIG + "author_feeds = false\ntag_feeds = false\n"
ID_PREFIX = "tag:example.org,2025:"
ATOM = "{http://www.w3.org/2005/Atom}"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
STRICT_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

# XML 1.0 can carry tab, LF, CR and everything from U+0020 but surrogates and U+FFFE/U+FFFF.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# What XML allows but readers cannot show (README): C1 controls, which become the
# Windows-1252 characters browsers show for them, U+007F, U+FDD0 to U+FDEF and U+FFFD, removed.
UNSHOWABLE = re.compile("[\x7f-\x9f\ufdd0-\ufdef\ufffd]")


def as_browsers_read(match: re.Match[str]) -> str:
    if match.group() == "\x7f":  # Windows-1252 keeps it as it is: a control
        return ""
    try:
        return match.group().encode("latin-1").decode("cp1252")
    except UnicodeError:  # not C1, or one of the five C1 codes Windows-1252 leaves undefined
        return ""


# What str.strip() drops: the characters Python counts as whitespace.
WHITESPACE = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())


# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): what renders as nothing.
IGNORABLE = {
    chr(code)
    for first, last in [
        (0xAD, 0xAD), (0x34F, 0x34F), (0x61C, 0x61C), (0x115F, 0x1160), (0x17B4, 0x17B5),
        (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
        (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8),
        (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    ]
    for code in range(first, last + 1)
}  # fmt: skip
DIRECTION = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SELECTORS = {chr(c) for c in range(0xFE00, 0xFE10)}
IDEOGRAPHIC_SELECTORS = {chr(c) for c in range(0xE0100, 0xE01F0)}
MONGOLIAN_SELECTORS = {"\u180b", "\u180c", "\u180d", "\u180f"}
# UTS #51: emoji_tag_sequence := tag_base tag_spec tag_end, tag_spec := [U+E0020-U+E007E]+ and
# tag_end := U+E007F; the one valid tag base is U+1F3F4 WAVING BLACK FLAG (the flags of
# England, Scotland and Wales), with or without U+FE0F for its emoji presentation.
BLACK_FLAG = "\U0001f3f4"
FLAG_TAGS = re.compile("\ufe0f?[\U000e0020-\U000e007e]+\U000e007f")
ENGLAND = BLACK_FLAG + "".join(chr(0xE0000 + ord(letter)) for letter in "gbeng") + "\U000e007f"


def expected_text(written: str) -> str:
    """What every reader must get: XML-illegal characters removed, those readers cannot show
    changed, then the ends stripped of spaces and of the characters Unicode ignores (README),
    but the marks of direction, a variation selector after a character it selects a form of
    (`varies`) and the tags of a flag after its black flag. (TRICKY has no Hangul jamo, whose
    rules are left out here.)"""
    text = UNSHOWABLE.sub(as_browsers_read, XML_ILLEGAL.sub("", written))
    dropped = (set(WHITESPACE) | IGNORABLE) - DIRECTION
    start, end = 0, len(text)
    while start < end and text[start] in dropped:
        start += 1
    while end > start and text[end - 1] in dropped:
        end -= 1
    base = text[end - 1] if end > start else " "
    if base == BLACK_FLAG and (flag := FLAG_TAGS.match(text, end)):
        return text[start : flag.end()]
    kept = end
    while kept < len(text) and varies(base, text[kept]):
        kept += 1
    return text[start:kept]


def varies(base: str, selector: str) -> bool:
    """Whether `selector` after `base` can be a variation sequence of Unicode: U+FE00 to
    U+FE0F after anything but a space or an ASCII letter (StandardizedVariants.txt and
    emoji-variation-sequences.txt have no such base), U+E0100 on after a CJK ideograph (the
    Ideographic Variation Database), Mongolian's selectors after a letter of its block."""
    if base.isspace() or (base.isascii() and base.isalpha()):
        return False
    if selector in IDEOGRAPHIC_SELECTORS:
        return unicodedata.name(base, "").startswith(("CJK UNIFIED", "CJK COMPATIBILITY"))
    if selector in MONGOLIAN_SELECTORS:
        return 0x1800 <= ord(base) <= 0x18AF
    return selector in SELECTORS


# feedparser "repairs" text it believes was mis-decoded, in `_FeedParserMixin.pop`
# (feedparser/mixin.py): text made only of Latin-1 characters that is also valid UTF-8 when
# encoded as Latin-1 is decoded again ("Ã©" -> "é"), and C1 controls are read as windows-1252
# ("\x85" -> "…"). The feed carries the author's text exactly (checked with lxml); feedparser
# alone changes it, so both forms are accepted from feedparser.
_CP1252 = {
    code: bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


def reader_sees(text: str) -> set[str]:
    try:
        repaired = text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        repaired = text
    return {text, repaired.translate(_CP1252)}


# --- Strategies --------------------------------------------------------------------------------

TRICKY = [
    "&", "&amp;", "&lt;", "&#1;", "&#xFFFE;", "<", ">", "<b>", "</b>", "<i>x</i>", "<script>",
    "]]>", "<![CDATA[", '"', "'", "\\", "\\n", "%", "#", ": ", " #", "- ", "---", "+++", "...",
    "@", "a@b.co", "(x)", "{", "}", "[", "]", "*", "_", "`", "|", "~", "!",
    " ", "  ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2028", "\u2029", "\x85", "\ufeff",
    "\u200b", "\u200f", "\u202e", "\u2066", "\u3164", "\ufe0f", "\u00ad", "🚀\ufe0f",
    "😀", "👩🏽‍💻", "🇺🇦", "\U0001d11e", "\U0010ffff", "\ufdd0", "\ufffd",
    "שלום", "مرحبا", "Київ", "日本語", "e\u0301", "\u0301", "\u0915\u094d\u0937",
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1c", "\x1f",
    "\x7f", "\x80", "\x81", "\x85", "\x9f", "\ufffe", "\uffff",
    "Ã©", "â€™", "2025-01-01", "true", "null", "~", "0x1F", "1e3", "yes",
]  # fmt: skip
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"]

pieces = st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(TRICKY))
short_text = st.lists(pieces, min_size=1, max_size=12).map("".join)
long_line = st.builds(
    lambda word, count, tail: (word + " ") * count + tail,
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8),
    st.integers(60, 600),
    short_text,
)
any_text = st.one_of(short_text, short_text, short_text, long_line)
# One blank value makes the whole document an error: they come one at a time, in `documents`.
not_blank = any_text.filter(lambda text: shows_something(expected_text(text)))
BLANK = ["", " ", "\x01", "\t\x0b \x1f", "\u00a0\ufffe", "\u2003\x00", "\u200f", " \u2066\u00ad "]


def shows_something(text: str) -> bool:
    """Whether a reader shows anything of `text`: a character that is no space, no format
    character (Unicode category Cf: a direction mark alone is an error, README) and none that
    Unicode ignores (IGNORABLE)."""
    return any(
        not char.isspace() and unicodedata.category(char) != "Cf" and char not in IGNORABLE
        for char in text
    )


def with_surrogate(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda text, surrogate, at: text[:at] + surrogate + text[at:],
        base,
        st.sampled_from(SURROGATES),
        st.integers(0, 20),
    )


@dataclass
class Doc:
    """One generated document: its front matter as a mapping, its body, and how it is dumped."""

    name: str
    meta: dict[str, Any]
    body: str = "Some body text.\n"
    dump: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        if self.dump.get("toml"):
            lines = [f"{key} = {toml_value(value)}" for key, value in self.meta.items()]
            return "+++\n" + "\n".join(lines) + "\n+++\n" + self.body
        dumped = yaml.safe_dump(self.meta, sort_keys=False, **self.dump)
        return f"---\n{dumped}---\n{self.body}"


def toml_value(value: object) -> str:
    """TOML for text, lists and mappings of text: escapes for what TOML strings cannot hold."""
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items())
        return "{ " + pairs + " }"
    assert isinstance(value, str)
    escaped = []
    for char in value:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char < " " or char == "\x7f" or "\ud800" <= char <= "\udfff" or char >= "\ufffe":
            escaped.append(f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else char)
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


dump_options = st.fixed_dictionaries(
    {
        "allow_unicode": st.booleans(),
        "width": st.sampled_from([80, 40, 1_000_000]),
        "default_style": st.sampled_from([None, None, '"']),
        "default_flow_style": st.booleans(),
    }
)


@st.composite
def authors(draw: st.DrawFn, names: st.SearchStrategy[str]) -> list[object]:
    """Authors as mappings or as `Name` text; text only when it has no `<`/`>` to misread,
    nor a mark that parts names in text (README: `;`, U+3001, U+FF0C, U+FF1B), which is an error
    there. No name has an `@` with a `.` after it, which an email address in it needs, nor a
    character that opens a direction (an embedding, an override or an isolate): both are
    errors."""
    result: list[object] = []
    for name in draw(st.lists(names.filter(_drawable_name), min_size=1, max_size=3)):
        as_text = not re.search("[<>;\u3001\uff0c\uff1b]", name) and draw(st.booleans())
        result.append(name if as_text else {"name": name})
    return result


def _drawable_name(name: str) -> bool:
    opens = {"LRE", "RLE", "LRO", "RLO", "LRI", "RLI", "FSI"}  # UAX #9's Bidi_Class values
    return re.search(r"@.*\.", name, re.DOTALL) is None and not any(
        unicodedata.bidirectional(char) in opens for char in name
    )


def author_name(author: object) -> str:
    return author if isinstance(author, str) else author["name"]  # type: ignore[index]


def on_one_line(value: str) -> str:
    """`value` with a space for each tab, line break and line or paragraph separator (Unicode
    categories Zl and Zp), which are errors in a title, a name or a tag (README)."""
    return "".join(
        " " if char in "\t\n\r" or unicodedata.category(char) in ("Zl", "Zp") else char
        for char in value
    )


@st.composite
def documents(
    draw: st.DrawFn, text: st.SearchStrategy[str] = not_blank, toml: bool = True
) -> list[Doc]:
    """One to three documents, one in five with TOML front matter; now and then one of them has
    one blank value."""
    # A title, a name or a tag with a line break or a tab is an error: readers show them on
    # one line. A summary may hold them.
    line = text.map(on_one_line)
    docs = []
    for number in range(draw(st.integers(1, 3))):
        meta: dict[str, Any] = {"title": draw(line), "date": f"2025-01-0{number + 1}"}
        if draw(st.booleans()):
            meta["summary"] = draw(text)
        meta["authors"] = draw(authors(line))
        meta["tags"] = draw(st.lists(line, max_size=4))
        blank = draw(st.sampled_from([None] * 12 + ["title", "summary", "authors", "tags"]))
        if blank is not None:
            value = draw(st.sampled_from(BLANK))
            if blank in ("title", "summary"):
                meta[blank] = value
            elif blank == "authors":
                meta["authors"].append(value if value.strip() else {"name": value})
            else:
                meta["tags"].append(value)
        dump = {"toml": True} if toml and draw(st.integers(0, 4)) == 0 else draw(dump_options)
        docs.append(Doc(f"e{number}.md", meta, dump=dump))
    return docs


# --- Building ----------------------------------------------------------------------------------


@dataclass
class Build:
    result: Result
    root: Path
    paths: dict[str, Path]

    def feed(self, name: str) -> bytes:
        return (self.root / "feeds" / name).read_bytes()


def shown(path: Path) -> str:
    """A path as staticfeed prints it: relative to the current folder when inside it."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    return os.path.relpath(absolute, cwd) if absolute.startswith(cwd + os.sep) else absolute


def build(root: Path, files: dict[str, str | bytes], config: str = MAIN_FEEDS_ONLY) -> Build:
    (root / "staticfeed.toml").write_text(config, encoding="utf-8")
    entries = root / "entries"
    entries.mkdir()
    paths = {}
    for name, content in files.items():
        path = entries / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        paths[name] = path
    args = ["build", "--config", str(root / "staticfeed.toml")]
    args += ["--entries", str(entries), "--out", str(root / "feeds")]
    result = CliRunner().invoke(cli, args, env={"STATICFEED_BASE_URL": None})
    return Build(result, root, paths)


def crash_report(result: Result) -> str:
    if result.exc_info is None:
        return f"exit {result.exit_code}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return "".join(traceback.format_exception(*result.exc_info))


def check_clean_exit(done: Build, config_errors: tuple[str, ...] = ()) -> None:
    """Exit 0 with only `Warning: <document>` lines, or exit 1 with `Error: <document>` lines
    (and the warnings of the reading among them); never another exception.

    `config_errors`: phrases of documented errors that name the config file instead.
    """
    result = done.result
    assert result.exit_code in (0, 1), crash_report(result)
    assert result.exception is None or isinstance(result.exception, SystemExit), crash_report(
        result
    )
    prefixes = ("Error: ", "Warning: ") if result.exit_code else ("Warning: ",)
    names = tuple(shown(path) for path in done.paths.values())
    config = shown(done.root / "staticfeed.toml")
    for line in result.stderr.splitlines():
        assert line.startswith(prefixes), f"stray stderr line: {line!r}\n{result.stderr}"
        if line.startswith(f"Error: {config}:") and any(p in line for p in config_errors):
            continue
        told = line.split(": ", 1)[1]
        assert told.startswith(names), f"line names no document: {line!r}"
    if result.exit_code:
        lines = result.stderr.splitlines()
        assert any(line.startswith("Error: ") for line in lines), result.stderr
        assert not (done.root / "feeds").exists(), "a failed build must write no feed"


def named_in(stderr: str, path: Path, prefix: str) -> bool:
    return any(
        line.startswith(f"{prefix}{shown(path)}:") or line == f"{prefix}{shown(path)}"
        for line in stderr.splitlines()
    )


def parse_feeds(done: Build) -> tuple[etree._Element, etree._Element]:
    """Both feeds, parsed strictly: anything but well-formed XML raises."""
    atom = etree.fromstring(done.feed("atom.xml"), STRICT_XML)
    rss = etree.fromstring(done.feed("rss.xml"), STRICT_XML)
    assert atom.tag == f"{ATOM}feed" and rss.tag == "rss"
    return atom, rss


def feedparser_entries(data: bytes) -> dict[str, Any]:
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return {entry.id: entry for entry in parsed.entries}


def html_text(markup: str) -> str:
    return str(lxml.html.fragment_fromstring(markup, create_parent="div").text_content())


def unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def as_yaml_reads_it(doc: Doc) -> Doc:
    """The document with the values its YAML really holds: what the author wrote.

    PyYAML's emitter writes U+0085, U+2028 and U+2029 unescaped inside quotes with
    allow_unicode, where YAML reads them as line breaks and folds them into a space; the
    expectations follow the YAML, not the string the generator meant.
    """
    if doc.dump.get("toml"):
        return doc  # every character is escaped, and TOML escapes mean exactly one character
    dumped = yaml.safe_dump(doc.meta, sort_keys=False, **doc.dump)
    try:
        meta = yaml.load(dumped, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:  # libyaml refuses lone surrogate escapes; PyYAML's own parser reads them
        meta = yaml.load(dumped, Loader=yaml.SafeLoader)
    if meta != doc.meta:
        event("PyYAML dump does not round-trip")
    return Doc(doc.name, meta, doc.body, doc.dump)


# --- Front-matter text round-trips ---------------------------------------------------------------


@dataclass
class Expected:
    """What readers must get for one document, or None where the document must be an error."""

    title: str
    summary: str | None
    authors: list[str]
    tags: list[str]
    cleaned: bool  # some value lost characters XML cannot carry, so a warning is due

    @classmethod
    def of(cls, doc: Doc) -> Expected | None:
        written = [doc.meta["title"], *doc.meta["tags"]]
        written += [author_name(a) for a in doc.meta["authors"]]
        if "summary" in doc.meta:
            written.append(doc.meta["summary"])
        if not all(shows_something(expected_text(value)) for value in written):
            return None  # empty once cleaned: "title is empty", "... has no name", "shows nothing"
        summary = doc.meta.get("summary")
        return cls(
            title=expected_text(doc.meta["title"]),
            summary=expected_text(summary) if summary is not None else None,
            # A name or tag listed twice as written is published once, composed (README).
            authors=list(dict.fromkeys(composed(author_name(a)) for a in doc.meta["authors"])),
            tags=list(dict.fromkeys(composed(tag) for tag in doc.meta["tags"])),
            cleaned=any(XML_ILLEGAL.search(v) or UNSHOWABLE.search(v) for v in written),
        )


def composed(name: str) -> str:
    """A tag or an author's name as readers get it: composed (NFC), as the README says."""
    return unicodedata.normalize("NFC", expected_text(name))


# What the W3C Feed Validation Service takes for HTML in Atom text: an end tag. The README says
# such a title or summary is written as escaped HTML, any other as text.
END_TAG = re.compile(r"</\w+>")
# So is "&" before what the service reads as a character reference, ";" or not: an entity's
# name, "apos", or anything but letters (its nonhtml check; "AT&T" is text).
AMPERSAND_BEFORE = re.compile(r"&(#?\w+)")


def looks_like_html(written: str) -> bool:
    return bool(END_TAG.search(written)) or any(
        name in html.entities.name2codepoint or name == "apos" or not name.isalpha()
        for name in AMPERSAND_BEFORE.findall(written)
    )


def atom_text(element: etree._Element, written: str) -> str:
    """The text of an Atom text construct, after checking its type against the README's rule."""
    if looks_like_html(written):
        assert element.get("type") == "html", (element.get("type"), written)
        return html.unescape(element.text or "")
    assert element.get("type") in (None, "text"), (element.get("type"), written)
    return element.text or ""


def check_atom_entry(element: etree._Element, want: Expected) -> None:
    """The Atom XML itself carries the text exactly."""
    assert atom_text(element.find(f"{ATOM}title"), want.title) == want.title
    names = [author.findtext(f"{ATOM}name") for author in element.iterfind(f"{ATOM}author")]
    assert names == want.authors
    assert [c.get("term") for c in element.iterfind(f"{ATOM}category")] == want.tags
    summary = element.find(f"{ATOM}summary")
    assert summary is not None
    if want.summary is not None:
        assert atom_text(summary, want.summary) == want.summary


def check_rss_item(element: etree._Element, want: Expected, atom_summary: str) -> None:
    """The RSS XML carries plain text in title, dc:creator and category, HTML in description."""
    assert element.findtext("title") == want.title
    # One dc:creator naming every author in order, parted by ", ", or by "; " when a name has a
    # comma of its own (README, "What the feeds contain").
    creators = [c.text for c in element.iterfind(DC_CREATOR)]
    separator = "; " if any("," in name for name in want.authors) else ", "
    assert creators == [separator.join(want.authors)]
    assert [c.text for c in element.iterfind("category")] == want.tags
    # RSS 2.0: description holds entity-encoded HTML, and readers render it as HTML, so the
    # plain-text summary must be written as HTML text: no markup, `&` and `<` escaped.
    description = element.findtext("description") or ""
    assert "<" not in description, description
    assert html.unescape(description) == atom_summary


def feedparser_shows(detail: Any, value: str, written: str) -> bool:
    """Whether what feedparser gives for an Atom text construct is, as the text a reader shows,
    `written`."""
    if looks_like_html(written):
        assert detail.type == "text/html"
        # feedparser may read a line end as HTML does, "\n" (its newline normalization).
        seen = reader_sees(written)
        seen |= {text.replace("\r\n", "\n").replace("\r", "\n") for text in seen}
        return html.unescape(value) in seen
    assert detail.type == "text/plain"
    return value in reader_sees(written)


def check_feedparser_atom(entry: Any, want: Expected) -> None:
    assert feedparser_shows(entry.title_detail, entry.title, want.title)
    names = [a.get("name") for a in entry.get("authors", [])]
    assert len(names) == len(want.authors)
    for name, wanted in zip(names, want.authors, strict=True):
        assert name in reader_sees(wanted)
    assert [t.term for t in entry.get("tags", [])] == unique(want.tags)
    if want.summary is not None:
        assert feedparser_shows(entry.summary_detail, entry.summary, want.summary)


def as_html_reads_it(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_feedparser_rss(entry: Any, want: Expected) -> None:
    if entry.title_detail.type == "text/plain":
        assert entry.title in reader_sees(want.title)
    else:
        # RSS has no way to say a title is plain text. staticfeed writes it escaped once, as the
        # RSS Advisory Board's profile asks (and newsboat shows it literally); feedparser guesses
        # HTML when the text has a closing tag or an entity (`looks_like_html`). Only then.
        event("feedparser guessed HTML for an RSS title")
        assert entry.title_detail.type == "text/html"
        assert re.search(r"</\w+>|&#?\w+;", want.title), want.title
    got = ", ".join(a.get("name", "") for a in entry.get("authors", []))
    wanted = ("; " if any("," in name for name in want.authors) else ", ").join(want.authors)
    assert got in reader_sees(wanted)
    tags = [t.term for t in entry.get("tags", [])]
    assert len(tags) == len(unique(want.tags))
    for tag, wanted in zip(tags, unique(want.tags), strict=True):
        assert tag in reader_sees(wanted)
    if want.summary is not None:
        assert entry.summary_detail.type == "text/html"
        assert "<" not in entry.summary, entry.summary
        # As HTML, the description has its line ends normalized: CR LF and CR are read as LF
        # (HTML Standard, "Preprocessing the input stream"). A CR can only come from an escape
        # such as "\\r" in YAML or TOML; a file's own CR LF line ends are LF by then.
        got = as_html_reads_it(html.unescape(entry.summary))
        assert got in {as_html_reads_it(text) for text in reader_sees(want.summary)}


def check_round_trip(docs: list[Doc], build_files: Callable[[Path], Build]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        done = build_files(Path(folder))
        check_clean_exit(done)
        wanted = {doc.name: Expected.of(doc) for doc in docs}
        stderr = done.result.stderr
        note(f"stderr: {stderr}")
        if any(want is None for want in wanted.values()):
            assert done.result.exit_code == 1, "an empty value must be an error"
            for name, want in wanted.items():
                assert named_in(stderr, done.paths[name], "Error: ") == (want is None), name
            event("error: empty value")
            return
        assert done.result.exit_code == 0, crash_report(done.result)
        event("built")
        atom, rss = parse_feeds(done)
        atom_entries = {e.findtext(f"{ATOM}id"): e for e in atom.iterfind(f"{ATOM}entry")}
        rss_items = {e.findtext("guid"): e for e in rss.iterfind("channel/item")}
        fp_atom = feedparser_entries(done.feed("atom.xml"))
        fp_rss = feedparser_entries(done.feed("rss.xml"))
        assert len(atom_entries) == len(rss_items) == len(fp_atom) == len(fp_rss) == len(docs)
        for doc in docs:
            want = wanted[doc.name]
            assert want is not None
            entry_id = ID_PREFIX + doc.name.removesuffix(".md")
            check_atom_entry(atom_entries[entry_id], want)
            summary = atom_entries[entry_id].find(f"{ATOM}summary")
            atom_summary = summary.text or ""
            if summary.get("type") == "html":  # an end tag in its text: escaped HTML
                atom_summary = html.unescape(atom_summary)
            check_rss_item(rss_items[entry_id], want, atom_summary)
            check_feedparser_atom(fp_atom[entry_id], want)
            check_feedparser_rss(fp_rss[entry_id], want)
            assert named_in(stderr, done.paths[doc.name], "Warning: ") == want.cleaned, doc.name
            if want.cleaned:
                event("built after removing characters")


# Found by these tests, kept as fixed examples: escapes that yield characters XML cannot carry
# in tags and author names crashed lxml; " \x01" passed "is empty" and was published blank.
CONTROL_ESCAPES = {"title": " \x01Title\x0b ", "date": "2025-01-01", "tags": ["\x01x", "\x1f y"]}
BLANK_ONCE_CLEANED = {"title": "\x1b \x1b", "date": "2025-01-01", "authors": ["Ann"], "tags": []}
# A tag character shows nothing after a character it makes no flag of: "0" and "0" with a tag
# space after it were published as two titles (Hypothesis found it); England's flag stays.
TAG_SPACE_ENDS = {
    "title": "0\U000e0020",
    "date": "2025-01-01",
    "tags": ["0\U000e0020", ENGLAND, f"Go {ENGLAND}\U000e0020"],
    "authors": ["!\U000e0020"],
}
# Extenders after a base they make no variant of, and after ones they do (辻 and U+E0100).
EXTENDER_ENDS = {
    "title": "0\u034f",
    "date": "2025-01-01",
    "tags": ["0\u180b", "\u00e9\u17b4", "\u00e9\U000e0100", "\u8fbb\U000e0100", "\u1820\u180b"],
    "authors": ["Ann 2\u034f", {"name": "\u00e9\U000e0101"}],
}


@settings(CI_SETTINGS, max_examples=100)
@given(documents())
@example([Doc("e0.md", {**CONTROL_ESCAPES, "authors": [{"name": "\x1b \x1b N"}, "\x02Bo"]})])
@example([Doc("e0.md", {**CONTROL_ESCAPES, "authors": [{"name": "\x1b\ufffe"}]})])
@example([Doc("e0.md", BLANK_ONCE_CLEANED), Doc("e1.md", {**BLANK_ONCE_CLEANED, "title": "T"})])
@example([Doc("e0.md", TAG_SPACE_ENDS), Doc("e1.md", {**TAG_SPACE_ENDS, "title": ENGLAND})])
@example([Doc("e0.md", {**TAG_SPACE_ENDS, "title": "\U0001f600\U000e0020"}, dump={"toml": True})])
@example([Doc("e0.md", EXTENDER_ENDS), Doc("e1.md", EXTENDER_ENDS, dump={"toml": True})])
def test_front_matter_text_reaches_readers_exactly(docs: list[Doc]) -> None:
    docs = [as_yaml_reads_it(doc) for doc in docs]
    check_round_trip(docs, lambda root: build(root, {d.name: d.text() for d in docs}))


@settings(CI_SETTINGS, max_examples=50)
@given(documents(with_surrogate(not_blank), toml=False))
def test_lone_surrogates_are_removed_or_reported(docs: list[Doc]) -> None:
    """YAML escapes such as "\\ud800" are the only way a lone surrogate gets into a document
    (UTF-8 cannot encode one, and TOML's \\u escapes must be Unicode scalar values).

    libyaml refuses such escapes ("invalid Unicode character escape code"); PyYAML's own parser
    reads them. staticfeed may refuse the document, naming it, or remove the surrogate with a
    warning like any other character XML cannot carry: then the text must round-trip as above.
    """
    docs = [as_yaml_reads_it(doc) for doc in docs]
    files = {doc.name: doc.text() for doc in docs}
    with tempfile.TemporaryDirectory() as folder:
        done = build(Path(folder), files)
        check_clean_exit(done)
        refused = "invalid Unicode character escape code" in done.result.stderr
    if refused:
        event("refused")
    else:
        event("read")
        check_round_trip(docs, lambda root: build(root, files))


# --- Per-tag and per-author feeds ----------------------------------------------------------------


# 136 characters, 254 bytes in UTF-8: its feed's file name would be 259 bytes.
LONG_TAG = (
    "Мирні переговори щодо України: хронологія, документи, заяви сторін, реакції "
    "громадянського суспільства та коментарі незалежних експертів"
)


@settings(CI_SETTINGS, max_examples=60)
@given(documents())
@example([Doc("e0.md", {"title": "T", "date": "2025-01-01", "tags": [LONG_TAG], "authors": ["A"]})])
def test_topic_feeds_take_any_tag_and_author(docs: list[Doc]) -> None:
    """With the default config, any tag and any author name builds, into well-formed feeds.

    Tags and names are the author's free text, and README promises that no tag is ever dropped:
    a long one must build too (file names have at most 255 bytes; a Cyrillic letter takes two).
    The one documented refusal: two names that give the same file name (`C++` and `C`).
    """
    docs = [as_yaml_reads_it(doc) for doc in docs]
    with tempfile.TemporaryDirectory() as folder:
        done = build(Path(folder), {doc.name: doc.text() for doc in docs}, config=CONFIG)
        check_clean_exit(done, config_errors=("would share the feed",))
        if any(Expected.of(doc) is None for doc in docs):
            assert done.result.exit_code == 1
            return
        if done.result.exit_code == 1:
            assert all("would share the feed" in line for line in done.result.stderr.splitlines())
            event("two names give the same file name")
            return
        assert done.result.exit_code == 0, crash_report(done.result)
        written = sorted((done.root / "feeds").rglob("*.xml"))
        event(f"{len(written)} feed files")
        for path in written:
            etree.fromstring(path.read_bytes(), STRICT_XML)


# --- Bodies -------------------------------------------------------------------------------------

# Text that Markdown shows as written: letters, marks, digits and punctuation with no meaning
# in CommonMark, so the rendered content's words are exactly the body's words.
plain_word = st.text(
    st.one_of(st.characters(categories=["L", "M", "N"]), st.sampled_from(",;?'\"$%/")),
    min_size=1,
    max_size=12,
)
plain_line = st.lists(plain_word, min_size=1, max_size=12).map(" ".join)
long_plain_line = st.builds(
    lambda word, count: " ".join([word] * count), plain_word, st.integers(100, 800)
)
plain_paragraph = st.lists(
    st.one_of(plain_line, plain_line, long_plain_line), min_size=1, max_size=4
)
plain_body = st.lists(plain_paragraph.map("\n".join), min_size=1, max_size=4).map("\n\n".join)


@settings(CI_SETTINGS, max_examples=100)
@given(plain_body, dump_options)
def test_plain_body_words_reach_the_content_and_summary(body: str, dump: dict[str, Any]) -> None:
    doc = Doc("e0.md", {"title": "Plain", "date": "2025-01-01", "author": "Ann"}, body, dump)
    with tempfile.TemporaryDirectory() as folder:
        done = build(Path(folder), {doc.name: doc.text()})
        check_clean_exit(done)
        assert done.result.exit_code == 0, crash_report(done.result)
        assert done.result.stderr == ""
        atom, rss = parse_feeds(done)
        entry = atom.find(f"{ATOM}entry")
        assert entry is not None
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
        assert html_text(content.text or "").split() == body.split()
        assert rss.findtext(f"channel/item/{CONTENT_ENCODED}") == content.text
        fp_entry = next(iter(feedparser_entries(done.feed("atom.xml")).values()))
        assert html_text(fp_entry.content[0].value).split() == body.split()

        # No summary given: the first paragraph, cut at a word with "…" under 300 characters.
        summary = entry.findtext(f"{ATOM}summary") or ""
        first = " ".join(body.split("\n\n")[0].split())
        assert 0 < len(summary) < 300
        if summary == first:
            event("summary: whole first paragraph")
        else:
            assert summary.endswith("\u2026") and first.startswith(summary[:-1]), summary
            event("summary: shortened")
        assert html.unescape(rss.findtext("channel/item/description") or "") == summary


# Arbitrary bodies: Markdown and HTML syntax, entity references, odd URLs, controls.
MARKDOWN_BITS = [
    "# ", "## ", "=====\n", "-----\n", "> ", "- ", "1. ", "* ", "```\n", "    ", "`", "**", "_",
    "~~", "| a | b |\n|---|---|\n| 1 | 2 |\n", "[x](y)", "[x](http://[a/)", "![i](img/a.png)",
    "<https://example.org/>", "www.example.org", "<img src='//x\uff03y.com/a.png'>",
    '<img srcset="a.png 1x, //[b 2x">', "<a href='rel'>a</a>", "<div>", "</div>", "<p>",
    "<!--", "-->", "<![CDATA[", "]]>", "<?php ?>", "<script>alert(1)</script>", "<br/>",
    "&#0;", "&#1;", "&#x7f;", "&#x85;", "&#xD800;", "&#xFFFE;", "&#xFFFF;", "&#65535;",
    "&#x10FFFF;", "&#x110000;", "&nbsp;", "&amp;", "&bogus;", "&", "<", ">", "\\", "\n", "\n\n",
    "\r", "\r\n", "\t", "\x00", "\x01", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\ufeff",
    "\ufffe", "\uffff", "\u2028", "By Ann Lee", "2025-12-22", "Monday, December 22, 2025",
    "---\n", "+++\n", "title: x\n",
]  # fmt: skip
markdown_pieces = st.one_of(
    st.characters(exclude_categories=["Cs"]), st.sampled_from(MARKDOWN_BITS)
)
any_body = st.one_of(
    st.lists(markdown_pieces, max_size=40).map("".join),
    st.builds(
        lambda word, n: word * n,
        st.lists(markdown_pieces, max_size=5).map("".join),
        st.integers(100, 3000),
    ),
)


@CI_SETTINGS
@given(any_body, st.sampled_from(["front matter", "date line", "raw"]), dump_options)
# Found by these tests, kept as fixed examples: cmark-gfm's output for &#xFFFE; is not UTF-8;
# &#1; in a heading or paragraph gave a title or summary lxml refused; urllib raised on
# `http://[a/` and on a host NFKC turns into `#`; lxml refused an href of "\x01".
@example("# T &#1; x\n\nbody &#1; &#xFFFE; &#65535; `&#x7f;`\n", "date line", {})
@example(
    "<p title='&#1;'><a href='&#1;x'>l</a></p> [x](http://[a/)"
    " <img src='//x\uff03y.com/a.png' srcset='//[b 2x'>\n",
    "front matter",
    {},
)
def test_any_body_builds_well_formed_feeds_or_reports_errors(
    body: str, kind: str, dump: dict[str, Any]
) -> None:
    """Any body: with complete front matter the build succeeds; without, it may be an error."""
    if kind == "front matter":
        text = Doc("e0.md", {"title": "Any", "date": "2025-01-01"}, body, dump).text()
    elif kind == "date line":
        text = f"2025-01-01\n\n{body}"
    else:
        text = body
    with tempfile.TemporaryDirectory() as folder:
        done = build(Path(folder), {"e0.md": text})
        check_clean_exit(done)
        event(f"{kind}: exit {done.result.exit_code}")
        if kind == "front matter":
            assert done.result.exit_code == 0, crash_report(done.result)
        if done.result.exit_code == 0:
            atom, _ = parse_feeds(done)
            feedparser_entries(done.feed("atom.xml"))
            feedparser_entries(done.feed("rss.xml"))
            content = atom.findtext(f"{ATOM}entry/{ATOM}content")
            if content:
                html_text(content)


# --- Front matter of any shape ------------------------------------------------------------------

KEYS = [
    "title", "date", "updated", "author", "authors", "summary", "tags", "id", "slug", "link",
    "draft", "lang", "image", "enclosures", "titel", "name", "email", "uri", "url", "length",
    "type",
]  # fmt: skip
urlish = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["http://", "https://", "//", "tag:", "mailto:", "", "HTTP://"]),
        st.sampled_from(
            ["", "[", "[::1]", "x\uff03y.com", "example.org", "a b", "ex\u0430mple.org"]
        ),
        st.sampled_from(["", "/", "/p", ":80/", ":x/", "?q#f"]),
        st.one_of(st.just(""), short_text),
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    short_text,
    urlish,
    st.sampled_from(
        [
            "2025-01-01", "2025-13-01", "2025-03-30 03:30", "0", "99999999999999", "Ann <a@b.co>",
            "<a@b.co>", "Ann <bad>", "tag:example.org,2025:x", "en", "x" * 300, "/", "..",
            "a/../b", "\x00",
        ]
    ),
)  # fmt: skip
yaml_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["name", "email", "uri", "url", "length", "type", "x"]) | short_text,
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)
# A valid document with one to four keys replaced or added, so each check meets odd values.
odd_front_matter = st.dictionaries(st.sampled_from(KEYS), yaml_values, min_size=1, max_size=4).map(
    lambda odd: {"title": "T", "date": "2025-01-01", **odd}
)


@CI_SETTINGS
@given(odd_front_matter, dump_options)
# Found by this test, kept as a fixed example: urllib raised on these URLs.
@example({"title": "T", "date": "2025-01-01", "link": "http://[x"}, {})
@example({"title": "T", "date": "2025-01-01", "author": {"name": "A", "uri": "//x\uff03y.com"}}, {})
def test_front_matter_of_any_shape_never_crashes(
    meta: dict[str, Any], dump: dict[str, Any]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        done = build(Path(folder), {"e0.md": Doc("e0.md", meta, "Body.\n", dump).text()})
        check_clean_exit(done)
        event(f"exit {done.result.exit_code}")
        if done.result.exit_code == 0:
            parse_feeds(done)
            feedparser_entries(done.feed("atom.xml"))
            feedparser_entries(done.feed("rss.xml"))


# --- Bytes that are not UTF-8 ---------------------------------------------------------------------


@settings(CI_SETTINGS, max_examples=40)
@given(st.binary(max_size=60), st.booleans())
def test_any_bytes_never_crash(data: bytes, with_front_matter: bool) -> None:
    head = b"---\ntitle: t\ndate: 2025-01-01\n---\n" if with_front_matter else b""
    with tempfile.TemporaryDirectory() as folder:
        done = build(Path(folder), {"e0.md": head + data})
        check_clean_exit(done)
        event(f"exit {done.result.exit_code}")
        if done.result.exit_code == 0:
            parse_feeds(done)


# --- A value a fix shows in quotes ------------------------------------------------------------


@settings(CI_SETTINGS, max_examples=300)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
def test_a_value_a_fix_quotes_reads_back_in_toml_and_yaml(text: str) -> None:
    # A fix such as "write it title = ..." is copied into TOML or YAML front matter, or the
    # config: each must read it back as the text it was (a raw U+007F made TOML refuse it).
    assert tomllib.loads(f"key = {quoted(text)}") == {"key": text}
    assert yaml.safe_load(f"key: {quoted(text)}") == {"key": text}
    assert yaml.load(f"key: {quoted(text)}", Loader=yaml.CSafeLoader) == {"key": text}


@settings(CI_SETTINGS, max_examples=300)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",))), min_size=1, max_size=4))
@example(["news", "a: b", "yes", "3.10", "#12", "2025-01-01", "a #b", " spaced "])
def test_a_list_a_fix_writes_reads_back_in_toml_and_yaml(items: list[str]) -> None:
    # "Write it as a list: [...]" is copied into TOML or YAML: `[news]` is no TOML, and YAML
    # reads `[a: b]` as a mapping; each language must read back the texts the fix meant.
    assert tomllib.loads(f"key = {listed(items, toml=True)}") == {"key": items}
    assert yaml.safe_load(f"key: {listed(items, toml=False)}") == {"key": items}
