"""Checks for the values people write in the config and in front matter.

Each check returns the value in its proper type or raises `InvalidValue` with what is wrong and
how to fix it; the caller adds the file and line. Nothing is converted silently: a number where
text belongs is an error, not a string.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
import string
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time
from typing import TypeVar
from urllib.parse import quote, urlsplit, urlunsplit

import yaml

from staticfeed import invisible
from staticfeed.model import Author
from staticfeed.text import shorten

T = TypeVar("T")

_NAME_EMAIL = re.compile(r"^\s*(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>]*)>)?\s*$")
_AFTER_ADDRESS = re.compile(r"<([^<>]*)>\s*\S")
_EMAIL = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+$")
_BCP47 = re.compile(
    r"^[A-Za-z]{2,3}(-[A-Za-z]{3}){0,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\d{3}))?"
    r"(-([A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(-[A-WYZa-wyz\d](-[A-Za-z\d]{2,8})+)*"
    r"(-[xX](-[A-Za-z\d]{1,8})+)?$"
)
AUTHOR_KEYS = ("name", "email", "uri")


class InvalidValue(ValueError):
    def __init__(self, message: str, fix: str) -> None:
        self.message = message
        self.fix = fix
        self.field: str | None = None
        """The key of a mapping (an author's `email`) the bad value is at, set by `in_field`:
        its line is then the error's, not the line the mapping begins on."""
        super().__init__(message)


class in_field:
    """Marks an InvalidValue raised within as being at the key `field` of a mapping. A class,
    not a generator: it is entered for each key of each author of each entry."""

    __slots__ = ("field",)

    def __init__(self, field: str) -> None:
        self.field = field

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, problem: BaseException | None, trace: object) -> None:
        if isinstance(problem, InvalidValue) and problem.field is None:
            problem.field = self.field


class InvalidItems(InvalidValue):
    """What is wrong with each bad item of a list, by its index: each is an error of its own,
    at the item's line, where the first alone was reported at the key's line. Taken as an
    InvalidValue, it is the first."""

    def __init__(self, problems: Sequence[tuple[int, InvalidValue]]) -> None:
        self.problems = tuple(problems)
        super().__init__(problems[0][1].message, problems[0][1].fix)


def each_item(key: str, items: Sequence[object], check: Callable[[object], T]) -> list[T]:
    """`check` of every item of the list `key` holds; InvalidItems with every item's
    InvalidValue, an item written with no value (`[a, null]`, `-` alone, `""`) among them."""
    try:
        return [check(item) for item in items]
    except InvalidValue:
        pass  # found again below, with every other bad item: only a list with one goes there
    checked: list[T] = []
    problems: list[tuple[int, InvalidValue]] = []
    for index, item in enumerate(items):
        try:
            # "" is as empty as null: "authors is empty ... or remove the key", from the
            # item's own check, told the author to drop the list's other items with it.
            if blank(item):
                raise empty_item(key)
            checked.append(check(item))
        except InvalidItems as several:  # each bad key of the one item (`refuse_in_order`)
            problems.extend((index, problem) for _, problem in several.problems)
        except InvalidValue as problem:
            problems.append((index, problem))
    if problems:
        raise InvalidItems(problems)
    return checked


def type_name(value: object) -> str:
    names = {
        str: "text",
        int: "a number",
        WrittenInt: "a number",
        WrittenFloat: "a number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
        # What YAML's tags and TOML's own types make: !!set, !!binary, 2025-01-01 in TOML.
        set: "a set",
        bytes: "binary data",
        date: "a date",
        datetime: "a date and time",
        time: "a time",
        WrittenDate: "a date",
        WrittenDateTime: "a date and time",
        WrittenTime: "a time",
    }
    return names.get(type(value), type(value).__name__)


def did_you_mean(key: str, allowed: Iterable[str]) -> str:
    close = closest_key(key, allowed)
    return f"Did you mean {close!r}?" if close else ""


def closest_key(key: str, allowed: Iterable[str]) -> str | None:
    """The key of `allowed` that `key` is a close misspelling of, as written there; None if
    none is close."""
    # Compared in lower case: `TITLE` is as close to `title` as `Title` is. A key of a mapping
    # is compared by its own name, after the prefix it shares: with it, `authors.x` was as
    # close to `authors.uri` as a slip of the pen, and `x` was told to be `uri`.
    # Split at the first dot: the mapping's name is bare, and the key's own may hold one
    # (`author."a.b"`, named so by `key_named`), in quotes that are no part of it.
    prefix, _, name = key.lower().partition(".")
    name = name.strip('"')
    by_lower = {each.lower(): each for each in allowed}
    beside = {
        other.rpartition(".")[2]: other
        for other in by_lower
        if prefix and other.rpartition(".")[0] == prefix
    }
    if beside:
        close = difflib.get_close_matches(name, list(beside), n=1, cutoff=0.6)
        return by_lower[beside[close[0]]] if close else None
    close = difflib.get_close_matches(key.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


# A key TOML lets be written without quotes (a "bare key").
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def key_named(key: str) -> str:
    """One part of a key, as an error names it: bare where TOML reads it alike bare, else in
    double quotes (`'a.b'` too): the dot of `"a.b"` is part of one key's name, where
    `author.a.b` said it was a key `b` of a mapping `a` in the author, and a date's error in
    TOML names the key `author."a.b"`."""
    return key if BARE_KEY.fullmatch(key) else quoted(key)


def unknown_key(key: str, allowed: Iterable[str]) -> InvalidValue:
    allowed = sorted(allowed)
    hint = did_you_mean(key, allowed)
    fix = (
        f"{hint} Known keys: {', '.join(allowed)}."
        if hint
        else (f"Remove it; known keys: {', '.join(allowed)}.")
    )
    return InvalidValue(f"unknown key {key!r}", fix)


def empty(key: str) -> InvalidValue:
    """A key written with no value: YAML's `tags:` alone, `null` or `~`."""
    return InvalidValue(f"{key} is empty", f"Give {key} a value or remove the key.")


def blank(value: object) -> bool:
    """Whether a value was written with nothing in it: no value at all, or spaces alone (one of
    invisible characters is not blank: `text` names them)."""
    return value is None or (isinstance(value, str) and not value.strip())


def stripped(value: str) -> str:
    """`value` without spaces (Unicode spaces included) at either end, nor the characters as
    invisible as a space there (`invisible.without_ends`): a byte-order mark (U+FEFF) left from
    a file pasted after another, a zero-width space, a Hangul filler (U+3164), a variation
    selector that selects nothing. Readers showed nothing for them, and compared "\ufeffnews"
    and "news" as two tags."""
    value = value.strip()
    if value and (value[0] in invisible.AT_ENDS or value[-1] in invisible.AT_ENDS):
        return invisible.without_ends(value)
    return value


def shows_nothing(value: str) -> bool:
    """Whether `value`, stripped, has no character a reader shows (`invisible.invisible`):
    marks of direction alone, which `stripped` keeps, as next to text they matter (a
    right-to-left mark places a `!` in a Hebrew title)."""
    # A value with text begins with it: `stripped` took spaces off its ends.
    return not value or (
        invisible.invisible(value[0]) and all(invisible.invisible(char) for char in value)
    )


def nothing_shown(key: str, value: str) -> InvalidValue:
    """A value of invisible characters alone (`shows_nothing`), empty to the eye in a reader."""
    held = ", ".join(
        f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip()
        for char in dict.fromkeys(value)
        if not char.isspace()
    )
    return InvalidValue(
        f"{key} shows nothing: it holds only invisible characters ({held})",
        f"Give {key} visible text or remove the key.",
    )


def empty_item(key: str) -> InvalidValue:
    """A list with an item written with no value (`[a, null]`, or `-` alone on its line)."""
    return InvalidValue(f"{key} has an empty item", "Remove it, or write what it should be.")


def as_written(value: object) -> str:
    """A value as the author wrote it in YAML or TOML: `true`, not Python's `True`."""
    try:
        return _as_written(value)
    except ValueError:  # an int too long for str(): YAML reads 0x and 5,000 f's as one
        return f"a number of more than {sys.get_int_max_str_digits():,} digits"


def _as_written(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


SHOWN = 40
"""How many characters of a long value a message quotes at most (`shorten`)."""


class WrittenInt(int):
    """A whole number written with more than SHOWN characters, or otherwise than in decimal,
    and how: a message quotes it (its start) as the author wrote it (`0xFF`, `0o777…`), not in
    decimal, nor in hex for one too long for str(), which was written in hex, octal or binary
    (one of as many decimal digits is refused when read). Made where YAML and TOML are read
    (frontmatter.py)."""

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number

    def __getnewargs__(self) -> tuple[int, str]:  # type: ignore[override]  # to pickle it
        return int(self), self.written


class WrittenFloat(float):
    """A number with a fraction or an exponent that TOML front matter writes otherwise than
    str() does, and how: a fix quotes `3.10` as written, not as "3.1", which means another
    version. Made for an error's message only (frontmatter.toml_numbers_as_written)."""

    written: str

    def __new__(cls, value: float, written: str = "") -> WrittenFloat:
        # `written` may be left out: pickle makes the number first, then gives it its __dict__.
        number = super().__new__(cls, value)
        number.written = written
        return number


class WrittenDate(date):
    """A date of TOML's in a mapping, as written: see `written_date`."""

    written: str


class WrittenDateTime(datetime):
    """A date-time of TOML's in a mapping, as written: see `written_date`."""

    written: str


class WrittenTime(time):
    """A time of TOML's in a mapping, as written: see `written_date`."""

    written: str


def written_date(value: date | time, written: str) -> date | time:
    """`value`, a date, a date-time or a time TOML read, with `written`, its source: str()
    writes `2025-12-01T10:00:00Z` as "2025-12-01 10:00:00+00:00", and a fix of one in a
    mapping (an author's name), whose line is not read again, quotes it so as written. Made for
    an error's message only (frontmatter.toml_table_values_as_written): no mapping of the front
    matter or the config holds a date."""
    made: WrittenDate | WrittenDateTime | WrittenTime
    if isinstance(value, datetime):
        made = WrittenDateTime.combine(value.date(), value.timetz())
    elif isinstance(value, date):
        made = WrittenDate(value.year, value.month, value.day)
    else:
        made = WrittenTime(
            value.hour, value.minute, value.second, value.microsecond, value.tzinfo, fold=value.fold
        )
    made.written = written
    return made


def shown_as_written(value: object, written: object = None) -> str:
    """A number (or true/false) as the author wrote it, for a message to quote: `written`, its
    source (`Document.written`), when known, or the source a WrittenInt or WrittenFloat keeps;
    cut short past SHOWN characters, as one of 5,000 digits would fill the screen."""
    if isinstance(value, WrittenInt | WrittenFloat):
        written = value.written
    if isinstance(written, str):
        return shorten(written, SHOWN)
    try:
        return shorten(_as_written(value), SHOWN)
    except ValueError:  # not read from a file (a WrittenInt, then): no way it was written
        assert isinstance(value, int)  # str() raises ValueError for an int alone
        return shorten(hex(value), SHOWN)


def text(key: str, value: object, written: object = None) -> str:
    """`value` as text. `written` is how the author wrote a value YAML read as something else
    (`Document.written`): the fix quotes that, not what YAML made of it."""
    if value is None:
        raise empty(key)
    if not isinstance(value, str):
        raise _not_text(key, value, written)
    shown = stripped(value)
    if not shown:  # spaces alone are blank; invisible characters alone, as `stripped` drops
        raise nothing_shown(key, value) if value.strip() else empty(key)
    value = shown
    # Of what `stripped` leaves first, only the filler that begins a syllable is printable.
    if (not value[0].isprintable() or value[0] == "\u115f") and shows_nothing(value):
        raise nothing_shown(key, value)
    return value


def _not_text(key: str, value: object, written: object = None) -> InvalidValue:
    """The error for `value`, given for `key`, which is not text; `written` as for `text`, or
    the source a date in a mapping keeps (`written_date`)."""
    if isinstance(value, date | time):
        written = getattr(value, "written", written)
    return InvalidValue(
        f"{key} must be text, not {type_name(value)}{_read_as(value, written)}",
        f'Put it in quotes: "{shown_as_written(value, written)}"'
        if isinstance(value, int | float) or _date_written(value, written)
        else f"Write {key} as a single line of text.",
    )


def line_of_text(key: str, value: object, written: object = None) -> str:
    """`value` as text on one line: a title, a name, a tag."""
    return one_line(key, text(key, value, written))


# Readers show a title, a name or a tag on one line: a line break or a tab in it is a space
# (newsboat, a page's <h1>) or kept (feedparser), not the break the author wrote.
_BREAK = re.compile("[\t\n\r]")
_BREAKS = re.compile("[ \t\n\r]+")
# Unicode's line and paragraph separators (U+2028, U+2029) are line breaks too: TOML's
# "\u2028" put one in a published author's name, in every format.
_SEPARATOR_CATEGORIES = ("Zl", "Zp")


def _separators_as_breaks(value: str) -> str:
    """`value` with each line or paragraph separator a \n, as `_BREAK` finds one."""
    if value.isascii():
        return value
    return "".join(
        "\n" if unicodedata.category(char) in _SEPARATOR_CATEGORIES else char for char in value
    )


# What a double-quoted value may not hold as it is, in TOML (U+007F) or YAML (U+007F, the C1
# controls and the noncharacters U+FFFE and U+FFFF), or what YAML reads as a line break (U+0085,
# U+2028, U+2029) or drops (a byte-order mark); JSON's escapes cover U+0000 to U+001F. Half a
# surrogate pair, which YAML's "\ud800" makes, no UTF-8 file or terminal can hold: escaped,
# YAML reads it back (TOML has no such character).
_UNQUOTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def quoted(text: str) -> str:
    """`text` in double quotes, escaped so that TOML's basic strings and YAML's double-quoted
    values both read it back: a fix that shows a value in quotes is copied into either, and
    `import` writes each text of an entry's front matter so."""
    escaped = json.dumps(text, ensure_ascii=False)
    return _UNQUOTABLE.sub(lambda found: f"\\u{ord(found.group()):04X}", escaped)


def joined(value: str) -> str:
    """`value` on one line: each run of tabs and line breaks (and spaces beside them) a space."""
    return _BREAKS.sub(" ", _separators_as_breaks(value)).strip(" ")


def one_line(key: str, value: str) -> str:
    found = _BREAK.search(_separators_as_breaks(value))
    if found is None:
        return value
    tab = found.group() == "\t"
    shown = quoted(joined(value))
    raise InvalidValue(
        f"{key} holds {'a tab' if tab else 'a line break'}, which feed readers show as a space "
        "or not at all",
        f"Write a space for it: {shown}" if tab else f"Write it on one line: {shown}",
    )


def _scalar_not_text(value: object) -> bool:
    """Whether `value` is a number, true/false, a date or a time (TOML's): no list, no
    mapping, which `text` tells of as it does for any text."""
    return isinstance(value, bool | int | float | date | time)


def refuse_scalar(key: str, value: object, kind: str, fix: str) -> None:
    """InvalidValue, with `fix`, for a number, true/false, a date or a time given for `key`,
    which takes `kind` (a URL, a time zone's name): no quotes would make one of those, and "Put
    it in quotes" led to a second error, at the next build."""
    if _scalar_not_text(value):
        raise InvalidValue(f"{key} must be {kind}, not {type_name(value)}", fix)


def local_date_as_written(value: object) -> str | None:
    """A TOML local date (`2025-12-01`) as written, for a fix to quote where its line is not
    read again (a mapping's key): TOML writes one so alone, as str() does. None for anything
    else, a date-time or a time too, which TOML writes several ways (`T` or a space, `Z`)."""
    return str(value) if type(value) is date else None


def _date_written(value: object, written: object) -> bool:
    """Whether `value` is a date or a time of TOML's and `written` how it is written, which a
    fix quotes: YAML front matter reads a date as text."""
    return isinstance(value, date | time) and isinstance(written, str)


def _read_as(value: object, written: object) -> str:
    """Why a value the author wrote (`written`, as `text` takes it) is not text: what YAML read
    it as, when that differs."""
    read = as_written(value)
    if not isinstance(written, str) or written == read or _date_written(value, written):
        return ""
    return f" (YAML reads {shorten(written, SHOWN)} as {shorten(read, SHOWN)})"


def boolean(key: str, value: object) -> bool:
    if value is None:
        raise empty(key)
    if not isinstance(value, bool):
        raise InvalidValue(
            f"{key} must be true or false, not {type_name(value)}",
            "Write true or false, without quotes.",
        )
    return value


def whole_number(key: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidValue(
            f"{key} must be a whole number of at least {minimum}, not {_number_as_written(value)}",
            f"Write a whole number such as {max(minimum, 50) if minimum == 0 else minimum}.",
        )
    return value


def _number_as_written(value: object) -> str:
    """A value given for a number, as its author wrote it: `-1`, `'10'`, or `a list`."""
    if isinstance(value, int | float):
        return as_written(value)
    return repr(value) if isinstance(value, str) else type_name(value)


def text_list(
    key: str, value: object, written: object = None, *, toml: bool = False
) -> tuple[str, ...]:
    """`value` as a list of texts; `written` as for `text`, a list for a list. `toml`: the
    value is TOML's (the config, TOML front matter), whose list the fix writes so."""
    if blank(value):
        raise empty(key)
    if not toml:
        refuse_dashed_items(key, value)
    if not isinstance(value, list):
        raise InvalidValue(
            f"{key} must be a list, not {type_name(value)}", _as_list(value, written, toml=toml)
        )
    each = f"each of {key}"
    try:
        return tuple([text(each, item) for item in value])
    except InvalidValue:
        raise _bad_texts(key, value, written) from None


def _bad_texts(key: str, value: list[object], written: object) -> InvalidItems:
    """What is wrong with each bad item of a list of texts; a number, or a TOML date known as
    written, once, at the first, as its fix quotes every text."""
    problems: list[tuple[int, InvalidValue]] = []
    try:
        each_item(key, value, lambda item: _text_unless_quotable(key, item))
    except InvalidItems as bad:
        problems = list(bad.problems)
    sources = written if isinstance(written, list) else value
    numbers = [
        index
        for index, item in enumerate(value)
        if isinstance(item, int | float)
        or _date_written(item, sources[index] if index < len(sources) else None)
    ]
    # A date not known as written (a date-time with a space, in an array over lines) is told
    # as one, its fix not quoted: str() may write it otherwise (+00:00 for Z).
    problems += [
        (index, _not_text(f"each of {key}", item))
        for index, item in enumerate(value)
        if isinstance(item, date | time) and index not in numbers
    ]
    problems.sort(key=lambda each: each[0])
    if numbers:
        # A text on one line, as a tag is (`one_line`): with its line break, the next build
        # refused the list this fix gave.
        kept = [
            shown_as_written(item, source) if isinstance(item, int | float) else joined(str(source))
            for source, item in zip(sources, value, strict=False)
            if item is not None and not isinstance(item, list | dict)  # errors of their own
        ]
        listed = ", ".join(quoted(shown) for shown in kept)
        first = value[numbers[0]]
        problem = InvalidValue(
            f"each of {key} must be text, not {type_name(first)}"
            f"{_read_as(first, sources[numbers[0]])}",
            f"Put every one in quotes: [{listed}]",
        )
        problems = sorted([*problems, (numbers[0], problem)], key=lambda each: each[0])
    return InvalidItems(problems)


def dashed_items(value: str) -> list[str] | None:
    """The items of a YAML list over lines written without a space after each -, which YAML
    reads as one text (`-news` and `-web dev` below `tags:` are `-news -web dev`): two or more;
    None for any other text. No tag or name begins with a - and holds another after a space."""
    if value[:1] != "-" or value[1:2].isspace() or value[1:2] == "-":
        return None
    items = [item.strip() for item in _DASHED_ITEM.split(value[1:])]
    return items if len(items) > 1 and all(items) else None


# A - at a word's start, after a space. Begun only right after a letter of no space, so that
# a long run of spaces is crossed once, not once from each of its spaces.
_DASHED_ITEM = re.compile(r"(?<=\S)\s+-(?=[^\s-])")


def refuse_dashed_items(key: str, value: object) -> None:
    """InvalidValue for YAML's `value` of `key` that is a list written over lines without a
    space after each - (`dashed_items`), which YAML read as one text: of the list `key`, or
    of `author`, one author, whose list is `authors`."""
    items = dashed_items(value) if isinstance(value, str) else None
    if not items:
        return
    why = f"YAML reads {value!r} as one text, as no space follows each -"
    if key == "author":
        raise InvalidValue(
            f"author gives several authors as one: {why}",
            f"Write them as a list: authors: {listed(items, toml=False)}",
        )
    raise InvalidValue(
        f"{key} must be a list, not text: {why}",
        f"Put a space after each -, one item a line, or write it as a list: "
        f"{listed(items, toml=False)}",
    )


def _text_unless_quotable(key: str, item: object) -> object:
    """`item` as text, or as it is if a number, a date or a time: `_bad_texts` tells of those."""
    return item if isinstance(item, int | float | date | time) else text(f"each of {key}", item)


def _as_list(value: object, written: object, *, toml: bool) -> str:
    """How to write a value that is not a list as a list of that one text, if it is one."""
    if isinstance(value, str):
        # One item a line or between commas (`tags: news, ukraine` is two), a tab a space: a
        # tag holds neither (`one_line`).
        # So are `;` and the marks Chinese and Japanese list with (`新闻、政治`, U+FF0C, U+FF1B).
        parts = (joined(part).strip() for part in _TAGS_PARTED.split(value))
        return f"Write it as a list: {listed([part for part in parts if part], toml=toml)}"
    # Quoted, or the list would hold a number or a date (TOML's, as written: str() writes
    # 10:00:00Z as 10:00:00+00:00).
    if isinstance(value, bool | int | float) or _date_written(value, written):
        shown = shown_as_written(value, written)
        return f"Write it as a list: [{quoted(shown)}]"
    return f"Write it as a list of text, such as {listed(['news', 'ukraine'], toml=toml)}."


_TAGS_PARTED = re.compile("[\n\r,;\u3001\uff0c\uff1b]")


def listed(items: Sequence[str], *, toml: bool) -> str:
    """`items` as a list of texts in TOML (`toml`) or YAML, for a fix to show: each in quotes in
    TOML, which has no text without them; in YAML only one it would read otherwise (`a: b` is a
    mapping, `yes` true, `3.10` a number, `#12` a comment), so `[news, ukraine]` stays so."""
    if toml:
        return f"[{', '.join(quoted(item) for item in items)}]"
    return f"[{', '.join(item if _reads_as_itself(item) else quoted(item) for item in items)}]"


def _reads_as_itself(item: str) -> bool:
    """Whether YAML reads `item`, written without quotes as an item of a list in brackets, as
    that text (yaml.safe_load: a date too would be read otherwise, by tools other than this)."""
    try:
        return bool(yaml.safe_load(f"[{item}]") == [item])
    except yaml.YAMLError:
        return False


def absolute_url(key: str, value: object) -> str:
    refuse_scalar(key, value, "a URL", "Write it like https://example.org/page")
    url = text(key, value)
    try:
        parts = urlsplit(url)
        _ = parts.port  # "https://example.org:99999/", ":abc"
    except ValueError as error:  # "http://[x" (Invalid IPv6 URL), a host NFKC turns into "/"
        raise InvalidValue(
            f"{key} {url!r} is not a URL ({error})", "Write it like https://example.org/page"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidValue(
            f"{key} {url!r} is not an absolute http(s) URL",
            f"Write it in full, like {_url_suggestion(url)}",
        )
    _refuse_unfetchable(key, url)
    return checked_uri(key, url)


def site_url(key: str, value: object) -> str:
    """An absolute http(s) URL that other URLs are made from (the config's site_url,
    --base-url): without a query or a fragment, after which "/" and every feed's and page's
    path would go (`https://example.org/?a=1` gave the feed id `https://example.org/?a=1/`)."""
    url = absolute_url(key, value)
    parts = urlsplit(url)
    if parts.query or parts.fragment or "?" in url or "#" in url:
        plain = urlunsplit(parts._replace(query="", fragment=""))
        raise InvalidValue(
            f"{key} {url!r} has a query or a fragment (from ? or #), which cannot come "
            "before the paths of the feeds and pages made from it",
            f"Give the address of the site alone, like {plain}",
        )
    return url


def _url_suggestion(url: str) -> str:
    """`www.example.com/x` was meant as a host; `/x`, `../x` or `x` as a path on some site;
    `ftp://host/x` as that host; `javascript:x` or `http://` as nothing to build on."""
    _, found, after = url.partition("://")
    rest = after if found else url
    if not found and url.startswith("//"):  # scheme-relative, //example.org/x: that host
        found, rest = "://", url[2:]
    if (found and not rest.strip("/")) or (not found and _SCHEME.match(url)):
        return "https://example.org/page"
    host, slash, path = rest.partition("/")
    if host and (found or "." in host.strip(".")):
        # Words parted by spaces (`my notes.example.net`) were meant as one name.
        return f"https://{'-'.join(host.split())}{slash}{_fetchable(path)}"
    # No host (https:///x, file:///x, x or /x): a path on some site.
    return f"https://example.org/{_fetchable(rest.lstrip('./'))}"


def _fetchable(url: str) -> str:
    """`url` as `_refuse_unfetchable` takes it: each `%` that begins no escape as %25, each
    space escaped. A suggestion made otherwise was refused in turn at the next build."""
    return _spaces_escaped(BARE_PERCENT.sub("%25", url))


def _spaces_escaped(url: str) -> str:
    # Each as its UTF-8 bytes (a no-break space is %C2%A0), as browsers read an escape back:
    # its code point after "%" (%A0, %2028 for U+2028) led elsewhere. Not stripped: a value's
    # ends are (`text`), and a path's first space (`example.org/ notes`) is the path's own.
    return re.sub(r"\s", lambda match: quote(match.group(), safe=""), url)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")  # not a port: localhost:8000/x


def url_reference(key: str, value: object) -> str:
    """A URL, absolute or relative to the site."""
    refuse_scalar(key, value, "a URL", "Write it like feeds/ or https://example.org/x")
    url = text(key, value)
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError as error:
        raise InvalidValue(
            f"{key} {url!r} is not a URL ({error})", "Write it like feeds/ or https://example.org/x"
        ) from None
    _refuse_unfetchable(key, url)
    return checked_uri(key, url)


def _refuse_unfetchable(key: str, url: str) -> None:
    """InvalidValue for a URL with a space, or a `%` that begins no escape, which nginx and
    Apache answer with 400 Bad Request: a link to an error page."""
    if any(char.isspace() for char in urlsplit(url).netloc):
        raise InvalidValue(
            f"{key} {url!r} has a space in its host name, which no host name has",
            f"Write the host name without spaces, like {_url_suggestion(url)}",
        )
    if any(char.isspace() for char in url):
        # With a bare % too, one fix for both: "100%%20a" was refused next for its "%%".
        percent = " and a % that is part of the address as %25" if BARE_PERCENT.search(url) else ""
        raise InvalidValue(
            f"{key} {url!r} contains spaces", f"Write spaces as %20{percent}: {_fetchable(url)}"
        )
    if BARE_PERCENT.search(url):
        raise InvalidValue(
            f"{key} {url!r} has a % that begins no escape (%XX)",
            f"Write a % that is part of the address as %25: {BARE_PERCENT.sub('%25', url)}",
        )


def web_url_reference(key: str, value: object) -> str:
    """A URL readers fetch (an icon, a logo): relative to the site, or absolute http(s).
    `javascript:alert(1)` was published as the feed's <icon>."""
    refuse_scalar(key, value, "a URL", _FETCHED_FIX)
    url = url_reference(key, value)
    refuse_other_scheme(key, url)
    return url


_FETCHED_FIX = "Write a path on the site, or a full URL like https://example.org/cover.jpg"


def refuse_other_scheme(key: str, url: str) -> None:
    """InvalidValue when `url` has a scheme other than http or https."""
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        raise InvalidValue(
            f"{key} {url!r} has the scheme {scheme}:, and feed readers fetch only http(s)",
            _FETCHED_FIX,
        )


URL_SAFE = "!#$%&'()*+,/:;=?@~"
"""What stays as written when a URL's path, query or fragment is percent-encoded: the
delimiters that may stand there, and `%` (escapes already made). Not `[` and `]`, which a URI
holds only around an IPv6 host."""
_NOT_IN_URIS = re.compile(r'[\[\]"<>\\^`{|}]')
"""ASCII characters that no URI's path, query or fragment may hold (RFC 3986), though a URL
written by hand often does (`?tags[]=a`, `?family=A|B`): the W3C Feed Validation Service
rejects a feed with one (InvalidUriChar), so they are percent-encoded, as browsers send most."""
BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
"""A `%` that begins no escape (`100%.mp3`): nginx and Apache answer 400 to a URL with one."""


def backslashes_as_slashes(url: str) -> str:
    """`url` with each `\\` before its query or fragment a `/`, as browsers read an http(s)
    URL (WHATWG URL standard), and as the build publishes a relative URL in raw HTML (every
    base is http(s)): `img\\x.png` is `img/x.png`, which servers and readers that are no
    browser took for another file."""
    query = _QUERY_START.search(url)
    end = query.start() if query else len(url)
    return url[:end].replace("\\", "/") + url[end:]


_QUERY_START = re.compile(r"[?#]")


def percent_encoded(part: str) -> str:
    """The path, query or fragment of a URL with what a URL cannot carry percent-encoded: a
    space, a letter beyond ASCII, a `%` that begins no escape (`%25`); escapes already made
    stay as written."""
    return quote(BARE_PERCENT.sub("%25", part), safe=URL_SAFE)


def as_uri(url: str) -> str:
    """`url`, an IRI, as the URI RFC 3987 maps it to: a host in other than ASCII letters in
    IDNA (`bücher.test` is `xn--bcher-kva.test`), any other non-ASCII character
    percent-encoded as UTF-8, and so is an ASCII character no URI may hold (`|` is `%7C`).
    Feed elements take URIs: the W3C Feed Validation Service rejects an IRI in RSS's <link> or
    Atom's <id>, <icon> or <logo> (UriNotIri). ValueError when the host is not a domain name
    IDNA can write."""
    parts = urlsplit(url)
    userinfo, at, host_and_port = parts.netloc.rpartition("@")
    if url.isascii() and not _NOT_IN_URIS.search(userinfo + "".join(parts[2:])):
        return url  # as written: rebuilt, `…/p?` would lose its `?`
    host, colon, port = host_and_port.partition(":")  # an IPv6 host is ASCII: not here
    if not host.isascii():
        import idna  # only for such a host: most builds never need it

        # UTS 46 without the transitional mapping, as browsers map a host: Python's own
        # codec (IDNA 2003) writes faß.de as fass.de, another domain. IDNA 2008 refuses what
        # browsers still open (i❤.ws, an underscore): for those, IDNA 2003, as before.
        try:
            host = idna.encode(host, uts46=True, transitional=False).decode("ascii")
        except idna.IDNAError:
            host = host.encode("idna").decode("ascii")
    netloc = f"{quote(userinfo, safe=URL_SAFE)}{at}{host}{colon}{port}"
    path, query, fragment = (quote(part, safe=URL_SAFE) for part in parts[2:])
    return urlunsplit((parts.scheme, netloc, path, query, fragment))


def mailto_uri(email: str) -> str:
    """A `mailto:` URI (RFC 6068) for `email`: a domain in other letters than ASCII in IDNA,
    the rest percent-encoded as UTF-8, as `as_uri` writes a URL's host and path."""
    local, at, domain = email.rpartition("@")
    domain = _looked_up(domain)  # `_email` refused a domain IDNA cannot write
    # RFC 6068: "%", "/", "?", "#", "&" and the like are escaped in the address.
    return f"mailto:{quote(local, safe=_MAILTO_SAFE)}{at}{domain}"


_MAILTO_SAFE = "!$'()*+,;=:@~"


def _looked_up(domain: str) -> str:
    """An address's `domain` as DNS looks it up, IDNA as `as_uri` writes a URL's host;
    UnicodeError when IDNA cannot write it."""
    return as_uri(f"mailto://{domain}").removeprefix("mailto://")


def checked_uri(key: str, url: str) -> str:
    """`as_uri(url)`, or InvalidValue naming `key` when its host cannot be written in IDNA,
    or is ASCII with an empty label or one longer than DNS allows."""
    try:
        uri = as_uri(url)
    except UnicodeError:  # an empty label, one over 63 characters, what IDNA cannot map
        raise _not_a_domain(key, url) from None
    # IDNA refuses an empty label or one over 63 characters (RFC 1035) only in a host it
    # encodes: an ASCII host is kept as written, and `https://<64 a's>.example/` or
    # `https://a..example/` names no host there can be.
    host = urlsplit(uri).hostname
    if host and not all(0 < len(label) <= _LONGEST_LABEL for label in _labels(host)):
        raise _not_a_domain(key, url)
    return uri


def _labels(host: str) -> list[str]:
    """The labels of `host`, without the empty one a single trailing dot (the DNS root, as in
    `example.org.`) leaves: that host is a domain name."""
    return host.removesuffix(".").split(".")


_LONGEST_LABEL = 63


def _not_a_domain(key: str, url: str) -> InvalidValue:
    return InvalidValue(
        f"{key} {url!r} has a host that is not a domain name",
        "Check the host's spelling, or write it in punycode (xn--...).",
    )


def language_tag(key: str, value: object, written: object = None) -> str:
    """`value` as a BCP 47 tag; `written` as for `text`: YAML reads `lang: no` (Norwegian) as
    false, and the fix quotes "no"."""
    if _scalar_not_text(value) and not _BCP47.match(shown_as_written(value, written)):
        raise InvalidValue(
            f"{key} must be a language tag, not {type_name(value)}",
            "Use a tag like en, en-GB or uk.",
        )
    tag = text(key, value, written)
    if not _BCP47.match(tag):
        hyphenated = tag.replace("_", "-")  # en_US, a locale's name ($LANG), is en-US in BCP 47
        fix = (
            f"Write it with a hyphen: {hyphenated}."
            if _BCP47.match(hyphenated)
            else "Use a tag like en, en-GB or uk."
        )
        raise InvalidValue(f"{key} {tag!r} is not a BCP 47 language tag", fix)
    return tag


def choice(key: str, value: object, options: tuple[str, ...]) -> str:
    fix = f"Use {' or '.join(json.dumps(option) for option in options)}."
    refuse_scalar(key, value, f"one of {', '.join(options)}", fix)
    chosen = text(key, value)
    if chosen not in options:
        raise InvalidValue(f"{key} must be one of {', '.join(options)}, not {chosen!r}", fix)
    return chosen


def authors(key: str, value: object) -> tuple[Author, ...]:
    """Authors as `Name <email>` text, a mapping, or a list of either."""
    if blank(value):  # `authors: ""` is the key's own value, not an empty item of a list
        raise empty(key)
    items = value if isinstance(value, list) else [value]
    if not items:
        raise InvalidValue(f"{key} is an empty list", f"Name at least one author or remove {key}.")
    # An author listed twice as written (name, email and uri) is one author, listed once.
    return tuple(dict.fromkeys(each_item(key, items, lambda item: listed_author(key, item))))


def listed_author(key: str, value: object, *, option: bool = False, toml: bool = False) -> Author:
    """`author` of front matter or the config, where a text (`Name <email>`) that parts names
    with a semicolon or the marks Chinese and Japanese text list them with is refused: no name
    holds one, as `Lee, Ann` holds a comma, and `authors: 李安、陈波` or `author: Ann Lee; Bob
    Roe` was published as one person of that name. A mapping's `name:` is taken as written.
    `option`: the text is a command line's --author; `toml`: front matter's, whose fix is
    written in TOML."""
    if (
        isinstance(value, str)
        and (marks := _parting_marks(value))
        and parted_names(value) != [value]
    ):
        mark = value[marks[0]]
        raise InvalidValue(
            f"{key} {value!r} parts names with U+{ord(mark):04X} {unicodedata.name(mark)},"
            " yet as text it is one author",
            _parted_fix(key, [quoted(part) for part in parted_names(value)], option, toml),
        )
    return author(key, value)


def _parted_fix(key: str, parts: list[str], option: bool, toml: bool) -> str:
    """How to write the names `parts` (each in quotes) as `key`, or as --author (`option`), in
    TOML (`toml`) or YAML."""
    if not parts:  # the mark alone
        return 'Write a name, like "Ann Lee".'
    if len(parts) == 1:  # `Ann Lee;`: a mark that parts her name from none
        return f"Give --author {parts[0]}" if option else f"Write the name without it: {parts[0]}"
    if option:
        return f"Give --author once for each: {' '.join(f'--author {p}' for p in parts)}"
    if key == "authors":
        return f"Write each author as an item of a list: [{', '.join(parts)}]"
    listed = f"authors{' =' if toml else ':'} [{', '.join(parts)}]"
    return f"Write them as a list of authors: {listed}"


def author_option(key: str, value: object) -> Author:
    """`listed_author` of the command line's --author, which names one author."""
    return listed_author(key, value, option=True)


def parted_names(text: str) -> list[str]:
    """The names `text` lists, parted by a semicolon, the ideographic comma, the full-width
    comma or the full-width semicolon (`李安、陈波`) outside brackets; `text` alone without one
    (`Lee, Ann` is one name, and so is `Ann Lee (editor; translator)`), or where one parts a
    name from its address (`Ann Lee; ann@example.org`, which `author` tells to write as `Ann
    Lee <ann@example.org>`)."""
    bounds = [-1, *_parting_marks(text), len(text)]
    parts = [text[start + 1 : end].strip() for start, end in itertools.pairwise(bounds)]
    found = [split_address(part) for part in parts if part]
    if any(each is not None and not each[0] for each in found):  # an address alone
        return [text]
    return [part for part in parts if part]


_NAMES_PARTED = re.compile("[;\u3001\uff0c\uff1b]")
_OPENING = "(\uff08"  # and the full-width bracket of Chinese and Japanese text, U+FF08
_CLOSING = ")\uff09"


def _parting_marks(text: str) -> list[int]:
    """Where `text` parts names (`_NAMES_PARTED`): not within brackets, where a `;` notes a
    person's roles (`Ann Lee (editor; translator)`) and parts no two people, nor at the end of
    a character reference (`Tom &amp; Jerry`, written as HTML would, one name)."""
    if _NAMES_PARTED.search(text) is None:
        return []  # as nearly always
    references = {found.end() - 1 for found in _REFERENCE.finditer(text)}
    marks: list[int] = []
    depth = 0
    for index, char in enumerate(text):
        if char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(depth - 1, 0)  # a stray `)` closes nothing
        elif depth == 0 and _NAMES_PARTED.match(char) and index not in references:
            marks.append(index)
    return marks


_REFERENCE = re.compile("&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def author(key: str, value: object) -> Author:
    if blank(value):
        raise empty(key)
    if isinstance(value, str):
        return _author_from_text(key, value)
    if isinstance(value, dict):
        return _author_from_mapping(key, value)
    raise InvalidValue(
        f"{key} must be 'Name <email>' or a mapping with name, not {type_name(value)}",
        'Write it as "Ann Lee <ann@example.org>".',
    )


def _author_from_text(key: str, value: str) -> Author:
    match = _NAME_EMAIL.match(value)
    name = stripped(match.group("name")) if match else ""
    email = match.group("email") if match else None
    after = _AFTER_ADDRESS.search(value)
    if not match and after:  # "Ann <ann@example.org> (editor)"
        raise InvalidValue(
            f"{key} {value!r} has text after the address <{after[1]}>",
            'Write it as "Ann Lee <ann@example.org>", with nothing after the address.',
        )
    if not match and ("<" in value or ">" in value):  # "Ann <ann@example.org": a name is there
        raise InvalidValue(
            f"{key} {value!r} has a < or > that does not enclose an email address",
            'Write it as "Ann Lee <ann@example.org>", with the address alone between < and >.',
        )
    if match and not name and match.group("name"):
        raise nothing_shown(f"{key} name", match.group("name"))
    if not match or not name:
        raise InvalidValue(
            f"{key} {value!r} has no name", 'Write it as "Ann Lee" or "Ann Lee <ann@example.org>".'
        )
    if shows_nothing(name):
        raise nothing_shown(f"{key} name", name)
    checked = _email(key, email) if email is not None else None
    _refuse_address_in_name(key, name, written_email=checked or "")
    if checked and unquoted(name) != name:  # `"Ann Lee" <ann@example.org>`, as mail writes it
        raise InvalidValue(
            f"{key} {value!r} has the name in quotes, which readers would show with it",
            f"Write it without them: {quoted(f'{unquoted(name)} <{checked}>')}",
        )
    _refuse_open_direction(key, name)
    return Author(name=composed(one_line(f"{key} name", name)), email=checked)


def _author_from_mapping(key: str, value: dict[object, object]) -> Author:
    # Every bad key of the author is told in one run, each at its line: an unknown key hid an
    # empty name below it, which the author met only after fixing the first and building again.
    problems = unknown_fields(key, value, AUTHOR_KEYS)
    if "name" not in value and not meant(key, value, "name", AUTHOR_KEYS):  # `nme =`: one slip
        # In words, not in YAML (`name:`) or TOML (`name =`): the author may be written in either.
        problems.append(InvalidValue(f"an author in {key} has no name", "Add a name to it."))
    name = field_checked(problems, "name", lambda: _mapping_name(key, value["name"]), value)
    # A key written with no value (`email:`, `null`) is empty, as everywhere: not left out.
    address = field_checked(problems, "email", lambda: _email(key, value["email"]), value)
    url = field_checked(problems, "uri", lambda: absolute_url(f"{key} uri", value["uri"]), value)
    refuse_in_order(value, problems)
    assert name is not None  # else "has no name", or the misspelled key, above
    return Author(name=name, email=address, uri=url)


def _mapping_name(key: str, written: object) -> str:
    name = composed(line_of_text(f"{key} name", written, local_date_as_written(written)))
    _refuse_address_in_name(key, name)
    _refuse_open_direction(key, name)
    return name


def field_checked(
    problems: list[InvalidValue], field: str, check: Callable[[], T], value: dict[object, object]
) -> T | None:
    """`check()` of the key `field` of the mapping `value`, None where it is not given; or
    None with its problem, at that key's line, added to `problems`."""
    return told(problems, field, check) if field in value else None


def told(problems: list[InvalidValue], field: str, check: Callable[[], T]) -> T | None:
    """`check()`, or None with its problem, at the line of the key `field`, added to
    `problems`: the other keys of the mapping are checked all the same."""
    try:
        with in_field(field):
            return check()
    except InvalidValue as problem:
        problems.append(problem)
        return None


def meant(key: str, value: dict[object, object], field: str, known: Sequence[str]) -> bool:
    """Whether a key of the mapping `value` (an item of `key`) that is none of `known` is a
    close misspelling of `field`, which its own error then names."""
    allowed = [f"{key}.{each}" for each in known]
    return any(
        closest_key(f"{key}.{key_named(str(each))}", allowed) == f"{key}.{field}"
        for each in value
        if each not in known
    )


def unknown_fields(
    key: str, value: dict[object, object], known: Sequence[str]
) -> list[InvalidValue]:
    """The error of each key of the mapping `value` (an item of the list `key`) that is none
    of `known`, at its own line."""
    problems: list[InvalidValue] = []
    for field in value:
        if field not in known:
            problem = unknown_key(f"{key}.{key_named(str(field))}", [f"{key}.{k}" for k in known])
            problem.field = str(field)
            problems.append(problem)
    return problems


def refuse_in_order(value: dict[object, object], problems: Sequence[InvalidValue]) -> None:
    """The problems of the mapping `value`, an item of a list, each at its key's line and in
    the order written (on one line, `{ name = "", bogus = 1 }`, as they are told); one of no
    key of it (a key it lacks) first: the one, or InvalidItems for several."""
    order = {str(each): index for index, each in enumerate(value)}
    ordered = sorted(problems, key=lambda problem: order.get(problem.field or "", -1))
    if len(ordered) > 1:
        raise InvalidItems([(0, problem) for problem in ordered])
    if ordered:
        raise ordered[0]


def _refuse_address_in_name(key: str, name: str, written_email: str | None = None) -> None:
    """InvalidValue for a name with an address in it: `Ann <ann@example.org>` (the way front
    matter writes one author as text, in a mapping's name), `Ann (ann@example.org)`, or an
    address alone. Every reader would show the address as part of the name; feedparser takes
    it out of an RSS dc:creator, leaving "Ann" (or no name at all) with that email, and the
    W3C Feed Validation Service warns about it (ContainsEmail). `written_email` is given for
    an author written as text (`Name <email>`, "" without one), whose fix is written so."""
    found = split_address(name)
    if found is None:
        return
    alone, shown, address = found
    what = (
        f"{key} name {name!r} has the email address {shown} in it"
        if alone
        else f"{key} name {name!r} is an email address, not a name"
    )
    if written_email is not None:
        # Escaped as a fix in quotes is: a nickname's quotes (`Ann "Red" Lee`) ended the text.
        in_text = quoted(f"{alone or 'Ann Lee'} <{written_email or address}>")
        fix = f"Write the name alone: {in_text}." if written_email else f"Write it as {in_text}."
    elif alone:
        fix = f"Write the name alone ({alone!r}) and the address as email: {address}"
    else:
        fix = f"Give the person's name as name, and the address as email: {address}"
    raise InvalidValue(what, fix)


def split_address(name: str) -> tuple[str, str, str] | None:
    """The email address in `name`: the name without it ("" for an address alone), the
    address as written there (`<ann@example.org>`, `mailto:ann@example.org`) and the address
    alone; None when it has none."""
    bracketed = _ADDRESS_IN_NAME.search(name)
    found = bracketed if bracketed and _EMAIL.match(bracketed[1]) else _bare_address(name)
    if found is None:
        return None
    alone = _name_around(name[: found.start()], name[found.end() :])
    return unquoted(" ".join(_EMPTY_BRACKETS.sub("", alone).split())), found[0], found[1]


def unquoted(name: str) -> str:
    """`name` without the quotes that enclose it whole, as a mail header writes a name before
    its address (`"Ann Lee" <ann@example.org>`): they are no part of the name, and readers
    showed them. Quotes inside it (`Ann "Red" Lee`) stay."""
    inside = name[1:-1]
    for opening, closing in _QUOTES:
        enclosed = len(name) > 1 and (name[0], name[-1]) == (opening, closing)
        if enclosed and opening not in inside and closing not in inside:
            return inside.strip()
    return name


_QUOTES = (('"', '"'), ("'", "'"), ("\u201c", "\u201d"), ("\u2018", "\u2019"), ("\u00ab", "\u00bb"))


def _name_around(before: str, after: str) -> str:
    """The name from the text `before` and `after` an address taken out of it, without what
    set the address apart (`Ann Lee, ann@example.org.`, `Ann (ann@example.org) Lee`): the fix
    suggests this name, and "Ann Lee, ." was published as written. A full stop before the
    address stays, as it may end the name (`Ann Lee Jr., ann@example.org`); one after it ends
    the sentence the address was in."""
    left = before.rstrip(_SETS_APART_BEFORE)
    right = after.lstrip(_SETS_APART_AFTER)
    gap = before[len(left) :] + after[: len(after) - len(right)]
    left, right, unpaired = _keep_unpaired(left, right, gap)
    if not (left and right):
        return left or right
    separator = ", " if "," in gap else "; " if ";" in gap else " "
    return left + (" " if unpaired else separator) + right


def _keep_unpaired(left: str, right: str, gap: str) -> tuple[str, str, bool]:
    """`left` and `right` with the brackets of `gap` that enclosed more than the address put
    back (`Ann (ann@example.org, editor)` is `Ann (editor)`), and whether there were any."""
    unpaired = False
    for opening, closing in ("()", "[]", "<>"):
        # Only where the name goes on inside it: a bracket that opened the address alone and
        # was never closed (`(ann@example.org`) was suggested as the name "(".
        if gap.count(opening) > gap.count(closing) and right:
            right, unpaired = opening + right, True
        elif gap.count(closing) > gap.count(opening) and left:
            left, unpaired = left + closing, True
    return left, right, unpaired


_ADDRESS_IN_NAME = re.compile(r"<([^<>]*)>")
# An address among other words, as feedparser finds one (and a few more): no spaces, brackets,
# quotes or list punctuation in it, no sentence punctuation at its end ("ann@example.org."), or
# an IP address in brackets for a domain (`ann@[192.0.2.1]`).
_FIRST = r"[^@\s<>()\[\]{}\"',;:]"
_INSIDE = r"[^@\s<>()\[\]{}\",;:]"
_LAST = r"[^@\s<>()\[\]{}\"',;:.!?]"
_NO_DOT = r"[^@\s<>()\[\]{}\",;:.]"
# The domain is read up to its last character that may end one, after a dot that is not its
# first character: to the first such dot without a step back (`*+`), as after any other the
# same end is found, and a step back to each dot of `a@....` took seconds for 20,000 of them.
_BARE_ADDRESS = re.compile(
    rf"(?:mailto:)?({_FIRST}{_INSIDE}*@(?:{_INSIDE}{_NO_DOT}*+\.{_INSIDE}*{_LAST}|\[[0-9.:]+\]))",
    re.IGNORECASE,
)
_MAILTO = "mailto:"


def _bare_address(name: str) -> re.Match[str] | None:
    """`_BARE_ADDRESS`'s first match in `name`, tried once for each `@`, where an address
    could begin before it: searched from every character, a name of 20,000 letters took 3 s
    (200,000 took minutes), as each start read on to the end. The run of characters an address
    may hold that ends at an `@` is the only place one ends at it, and an address begins at
    the first of them that may begin one, or at the `mailto:` just before it."""
    at = name.find("@")
    while at >= 0:
        found = _address_ending_at(name, at)
        if found is not None:
            return found
        at = name.find("@", at + 1)
    return None


def _address_ending_at(name: str, at: int) -> re.Match[str] | None:
    """`_BARE_ADDRESS` matched where an address whose `@` is at `at` would begin, if any."""
    run = at
    while run > 0 and _INSIDE_CHAR.fullmatch(name[run - 1]):
        run -= 1
    first = next((i for i in range(run, at) if _FIRST_CHAR.fullmatch(name[i])), at)
    if first == at:
        return None
    prefix = first - len(_MAILTO)
    if first == run and prefix >= 0 and name[prefix:first].lower() == _MAILTO:
        # The prefix read as `mailto:` or as the start of the address: the same group.
        return _BARE_ADDRESS.match(name, prefix)
    return _BARE_ADDRESS.match(name, first)


_FIRST_CHAR = re.compile(_FIRST)
_INSIDE_CHAR = re.compile(_INSIDE)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|<\s*>")
# What sets an address apart from the name around it: spaces, list punctuation, brackets and
# dashes; after it, also the full stop, ! or ? of a sentence it ends.
_SETS_APART_BEFORE = " \t\n,;:(<[-\u2013\u2014"
_SETS_APART_AFTER = " \t\n,;:)>]-\u2013\u2014.!?"


def _refuse_open_direction(key: str, name: str) -> None:
    """InvalidValue for a name that opens an embedding, an override or an isolate (UAX #9) it
    does not close: the names after it share its line, in RSS's one dc:creator, newsboat's
    join of Atom authors and a page's By line, and a reader shows them in its direction
    (`Ann \u202eRTL, Bo Chen` showed "nehC oB")."""
    opened: list[str] = []
    for char in name:
        if char in _OPENS:
            opened.append(char)
        elif char == "\u202c" and opened and opened[-1] not in _ISOLATES:
            opened.pop()
        elif char == "\u2069" and any(each in _ISOLATES for each in opened):
            while opened.pop() not in _ISOLATES:  # a PDI closes what its isolate opened too
                pass
    if opened:
        raise _open_direction(key, name, opened)


def _open_direction(key: str, name: str, opened: list[str]) -> InvalidValue:
    """The error for `name`, which leaves `opened` open, with the characters that close them."""
    first = opened[0]
    closers = ["\u2069" if each in _ISOLATES else "\u202c" for each in reversed(opened)]
    escaped = "".join(f"\\u{ord(each):04x}" for each in closers)
    shown = "reversed" if first == "\u202e" else "in its direction"
    return InvalidValue(
        f"{key} name {name!r} opens a U+{ord(first):04X} {unicodedata.name(first)} it does not "
        f"close, so readers show the names after it {shown}",
        "End the name with "
        + ", ".join(f"U+{ord(each):04X} {unicodedata.name(each)}" for each in closers)
        + f' ("{escaped}" in quotes), or remove it.',
    )


_ISOLATES = frozenset("\u2066\u2067\u2068")
_OPENS = frozenset("\u202a\u202b\u202d\u202e") | _ISOLATES


def composed(name: str) -> str:
    """`name` composed (NFC), as the tag and author feeds group names: `José` with a separate
    accent (macOS, some copy and paste) is the same author as `José`, and readers, who compare
    names and categories character by character, must see one too."""
    return unicodedata.normalize("NFC", name)


def _email(key: str, value: object) -> str:
    address = text(f"{key} email", value)
    if address[:7].lower() == "mailto:":  # JSON Feed's author url would be mailto:mailto:…
        raise InvalidValue(
            f"{address!r} in {key} is a mailto: link, not an email address",
            f"Write the address alone: {address[7:].partition('?')[0]}",
        )
    if not _EMAIL.match(address) or not _deliverable(address.rpartition("@")[2]):
        raise InvalidValue(
            f"{address!r} in {key} is not an email address",
            "Write it like ann@example.org, or leave the email out.",
        )
    return address


def _deliverable(domain: str) -> bool:
    """Whether mail can reach an address at `domain`. RFC 1035 allows a label of 1 to 63
    characters, and an address's domain ends with no dot (RFC 5322's dot-atom):
    `ann@<64 a's>.example` and `ann@a..example` reach no one. Nor does a domain IDNA cannot
    write (60 `ä`s, over 63 characters as punycode), which DNS cannot be asked for.
    An address literal (`ann@[192.0.2.1]`, RFC 5321) names a machine, not a domain, and
    feeds' validators refuse it."""
    if not all(0 < len(label) <= _LONGEST_LABEL for label in domain.split(".")):
        return False
    try:
        _looked_up(domain)
    except ValueError:  # UnicodeError, and what urllib refuses in a host: `[`, `ex℀.org`
        return False
    return "[" not in domain  # an address literal, `[192.0.2.1]`, is no domain


_DEFAULT_PORTS = {"http": "80", "https": "443"}


def canonical_url(url: str) -> str:
    """`url` with its host in lower case and without its scheme's own port, as RFC 3986
    compares URLs: the site URL is the main feed's <id>, and the W3C Feed Validation Service
    warns about an id that is not in that form (`HTTPS://Example.ORG:443/` is
    `https://example.org/`), its escapes in normal form (`%7e` is `~`) and its path without
    dot segments (`/a/../b` is `/b`); an empty path is `/` (`https://example.org` is
    `https://example.org/`). The path is otherwise left as written: it is case-sensitive."""
    parts = urlsplit(url)
    userinfo, at, host_and_port = parts.netloc.rpartition("@")
    host, colon, port = host_and_port.rpartition(":")
    if not colon or host_and_port.endswith("]"):  # no port (an IPv6 host ends with "]")
        host, port = host_and_port, ""
    if port == _DEFAULT_PORTS.get(parts.scheme):
        port = ""
    netloc = f"{userinfo}{at}{host.lower()}{':' + port if port else ''}"
    path, query, fragment = (_ESCAPE.sub(_normal_escape, part) for part in parts[2:])
    if netloc:
        path = _without_dot_segments(path) or "/"
    canonical = urlunsplit((parts.scheme, netloc, path, "", ""))
    # urlunsplit drops an empty query or fragment, but `…/p?` is not `…/p` to RFC 3986 (6.2.3)
    # nor to the W3C service, which keeps both: `check` told such an id to change.
    before_fragment, hash_sign, _ = url.partition("#")
    if "?" in before_fragment:
        canonical += f"?{query}"
    return canonical + (f"#{fragment}" if hash_sign else "")


def _without_dot_segments(path: str) -> str:
    """`path` without its `.` and `..` segments, as RFC 3986 resolves them (5.2.4), and
    browsers before they ask for it: `/a/./b/../c` is `/a/c`. urllib's urljoin would also drop
    the empty segments of `//`, which are the path's own."""
    if "." not in path:
        return path
    segments = path.split("/")
    kept: list[str] = []
    for number, segment in enumerate(segments, start=1):
        if segment == "..":
            if len(kept) > 1:  # the first, "" before the path's first "/", stays
                kept.pop()
        elif segment != ".":
            kept.append(segment)
            continue
        if number == len(segments):  # `/a/b/..` is `/a/`: the path still ends in a folder
            kept.append("")
    return "/".join(kept)


_ESCAPE = re.compile("%[0-9A-Fa-f]{2}")
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")


def _normal_escape(match: re.Match[str]) -> str:
    """A percent escape in RFC 3986's normal form (6.2.2): an unreserved character written as
    itself (`%7E` is `~`), any other escape in upper case (`%c3%a9` is `%C3%A9`)."""
    character = chr(int(match.group()[1:], 16))
    return character if character in _UNRESERVED else match.group().upper()
