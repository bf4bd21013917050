"""Rules for text that must survive being put into XML."""

from __future__ import annotations

import contextlib
import html.entities
import re
import unicodedata
from collections.abc import Callable, Iterable

# XML 1.0 allows tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def with_lf_line_ends(text: str) -> str:
    """`text` with its lines ended by LF alone, counted as grep -n, vim, less and git count
    them, so that an error's line is the one they show: CR LF is one line end; a CR alone
    ends a line only in a file without LF (classic Mac OS), and elsewhere, where those tools
    show it inside the line (^M), it is read as a space, not as the line end YAML and
    Markdown would take it for."""
    if "\r" not in text:
        return text
    text = text.replace("\r\n", "\n")
    return text.replace("\r", " " if "\n" in text else "\n")


def lone_cr_lines(text: str) -> list[int]:
    """The lines of `text`, as with_lf_line_ends counts them, where it reads a CR as a space."""
    if "\r" not in text:
        return []
    text = text.replace("\r\n", "\n")
    if "\n" not in text:
        return []
    return [number for number, line in enumerate(text.split("\n"), start=1) if "\r" in line]


def line_at_byte(data: bytes, offset: int) -> int:
    """The line of the byte at `offset` in the file `data`, as with_lf_line_ends counts lines:
    by CR in a file without LF."""
    return data.count(b"\n" if b"\n" in data else b"\r", 0, offset) + 1


def find_xml_illegal(text: str) -> list[int]:
    """Offsets of characters that XML 1.0 cannot carry."""
    return [match.start() for match in _XML_ILLEGAL.finditer(text)]


def xml_illegal_named(characters: str) -> str:
    """What the characters XML cannot carry among `characters` are, for the warning that
    removes them: "control characters" alone said so of half a surrogate pair too."""
    found = set(_XML_ILLEGAL.findall(characters))
    kinds = [
        name for name, test in _XML_ILLEGAL_KINDS if any(test(character) for character in found)
    ]
    return "; ".join(kinds)


# Half a surrogate pair comes from an escape (`"\ud800"` in YAML): no UTF-8 file holds one.
_XML_ILLEGAL_KINDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("control characters", lambda character: character < " "),
    (
        "half a surrogate pair, which is no character on its own",
        lambda character: "\ud800" <= character <= "\udfff",
    ),
    ("U+FFFE or U+FFFF, noncharacters", lambda character: character in "\ufffe\uffff"),
)


def remove_xml_illegal(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


# XML allows these, but feed readers cannot show them and the W3C Feed Validation Service
# rejects them (BadCharacters; html5lib's "invalid codepoint" in HTML content, U+007F too):
# U+007F (DELETE) and the C1 control characters, the noncharacters U+FDD0 to U+FDEF, and
# U+FFFD, the mark of text lost in decoding. (The noncharacters of the other planes, U+1FFFE
# and so on, would make every text's search take twice as long, for characters no one writes.)
_UNSHOWABLE_CHARACTERS = "\x7f-\x9f\ufdd0-\ufdef\ufffd"
_UNSHOWABLE = re.compile(f"[{_UNSHOWABLE_CHARACTERS}]")
_NOT_FOR_FEEDS = re.compile(f"{_XML_ILLEGAL.pattern[:-1]}{_UNSHOWABLE_CHARACTERS}]")


def unfit_character(text: str) -> str | None:
    """The first character of `text` a feed cannot carry, and why ("U+0007, a character XML
    cannot carry"); None when there is none."""
    match = _NOT_FOR_FEEDS.search(text)
    if match is None:
        return None
    character = match.group()
    why = "feed readers cannot show" if _UNSHOWABLE.match(character) else "XML cannot carry"
    return f"U+{ord(character):04X}, a character {why}"


# Every character `for_feeds` keeps, the commonest first: a text of them alone, as most are,
# is read to its end with one range tried for most of its characters, where a search for any
# other character tries every range of _NOT_FOR_FEEDS on each (7.6 us a document of the
# benchmark corpus, against 13-14 us).
_FIT_FOR_FEEDS = re.compile(
    "[\x20-\x7e\n\xa0-\ud7ff\ue000-\ufdcf\t\r\ufdf0-\ufffc\U00010000-\U0010ffff]*+"
)


def fit_for_feeds(text: str) -> bool:
    """Whether `text` holds nothing `for_feeds` would change, in one scan for both kinds of
    character; nearly every text holds neither (every document of the benchmark corpus)."""
    return _FIT_FOR_FEEDS.fullmatch(text) is not None


def find_unshowable(text: str) -> list[int]:
    """Offsets of characters XML allows but feed readers cannot show."""
    return [match.start() for match in _UNSHOWABLE.finditer(text)]


def for_feeds(text: str) -> str:
    """`text` without what XML cannot carry or readers cannot show. A C1 control character
    becomes the Windows-1252 character browsers show for it, as HTML reads `&#146;` as U+2019:
    text pasted from such a file, or written as such a reference, meant that character."""
    if fit_for_feeds(text):
        return text
    return _NOT_FOR_FEEDS.sub(_as_browsers_read, text)


REMOVED_MARK = "\ufdd0"
"""What `with_removed_marked` writes for each character `for_feeds` removes: one of them, which
YAML reads as a letter of a value without quotes, as it would read any character there."""


def with_removed_marked(text: str) -> str:
    """`text` as `for_feeds` makes it, but with each character it removes as REMOVED_MARK, in
    its place: the front matter as YAML reads the author's text, for a check that removing them
    changes no value (frontmatter.refuse_kinds_changed)."""
    return _NOT_FOR_FEEDS.sub(lambda match: _as_browsers_read(match) or REMOVED_MARK, text)


def _as_browsers_read(match: re.Match[str]) -> str:
    character = match.group()
    if "\x80" <= character <= "\x9f":
        with contextlib.suppress(UnicodeDecodeError):  # five C1 codes mean nothing there
            return bytes([ord(character)]).decode("cp1252")
    return ""


# What the W3C Feed Validation Service takes for HTML in a text (its `nonhtml` check): an end
# tag, or "&" before what reads as a character reference, with or without ";": an entity's name
# ("&amp"), or anything with a digit ("&#42", "x&1"). "AT&T" is text.
_END_TAG = re.compile(r"</\w+>")
_AMPERSAND_BEFORE = re.compile(r"&(#?\w+)")


def looks_like_html(text: str) -> bool:
    return bool(_END_TAG.search(text)) or reference_like(text) is not None


def reference_like(text: str) -> str | None:
    """The first "&..." in `text` the W3C service takes for a character reference, if any."""
    for match in _AMPERSAND_BEFORE.finditer(text):
        name = match.group(1)
        if name in html.entities.name2codepoint or name == "apos" or not name.isalpha():
            return match.group(0)
    return None


# HTML's whitespace: what a reader collapses when it shows text. A no-break space (10\u00a0€),
# French punctuation's narrow one (\u202f:) or an ideographic space (\u3000) are the
# author's, kept as written; str.split() took them for spaces.
_HTML_WHITESPACE = re.compile("[ \t\n\r\f]+")


def collapse_whitespace(text: str) -> str:
    return _HTML_WHITESPACE.sub(" ", text).strip(" ")


def shorten(text: str, limit: int) -> str:
    """Cut `text` at a word boundary so that, with an ellipsis, it stays under `limit`."""
    if len(text) < limit:
        return text
    cut = text[: limit - 2]  # with the ellipsis, limit - 1 characters at most
    # Without a space (Chinese, a run of emoji), between two characters a reader sees.
    end = cut.rindex(" ") if " " in cut else _character_start(text, len(cut))
    cut = cut[:end]
    return cut.rstrip(" ,;:.-\u2013\u2014") + "\u2026"


def _character_start(text: str, index: int) -> int:
    """The nearest index at or before `index` that does not split what a reader sees as one
    character: a letter and its accents, an emoji with its modifiers or joined by U+200D, a
    flag's two regional indicators. Python strings count code points, which split them."""
    while 0 < index < len(text) and (_continues(text[index]) or text[index - 1] == "\u200d"):
        index -= 1
    flags = 0
    while flags < index and _REGIONAL_INDICATOR <= text[index - 1 - flags] <= "\U0001f1ff":
        flags += 1
    return index - flags % 2


_REGIONAL_INDICATOR = "\U0001f1e6"


def _continues(character: str) -> bool:
    """Whether `character` belongs to the one before it: a combining mark, U+200D, a variation
    selector, a skin-tone modifier or a tag (subdivision flags)."""
    return (
        unicodedata.category(character) in ("Mn", "Me", "Mc")
        or character == "\u200d"
        or "\U0001f3fb" <= character <= "\U0001f3ff"
        or "\U000e0020" <= character <= "\U000e007f"
    )


def names_text(names: Iterable[str]) -> str:
    """Several names as one text, for RSS's one dc:creator and the index: "Ann Lee, Bo Chen",
    or "Lee, Ann; Chen, Bo" when a name has a comma of its own, which commas would run
    together ("Lee, Ann, Chen, Bo" reads as four people)."""
    listed = list(names)
    return names_separator(listed).join(listed)


def names_separator(names: Iterable[str]) -> str:
    """What parts `names` in a list: "; " when one has a comma of its own, else ", "."""
    return "; " if any("," in name for name in names) else ", "


_LIBXML2_POSITION = re.compile(r",? line \d+, column \d+$")


def xml_problem(message: str) -> str:
    """libxml2's message about a document it cannot parse, in the words of an error line:
    without the ", line 1, column 7" and the period it adds to some (the line is the error's
    own), and the entity expansion it refuses said as what it is."""
    text = _LIBXML2_POSITION.sub("", message.strip()).rstrip(". ")
    if "amplification" in text.lower():  # "Maximum entity amplification factor exceeded, see…"
        return "its entities expand without bound (a 'billion laughs'), which is not read"
    return text
