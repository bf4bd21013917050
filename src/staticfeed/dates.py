"""Every rule about dates: parsing what authors write, time zones, and the formats feeds need."""

from __future__ import annotations

import email.utils
import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dateutil import parser as dateutil_parser

from staticfeed.stamp import zone_state
from staticfeed.values import shown_as_written, type_name

# Two different defaults: a field that came out the same under both was written by the author.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)
# A date line writes its year in four digits, whatever year it is (`1 January 1750`, `June 1,
# 0033`), as front matter may: the rest of the line must read as a date for it to be one. It
# may lead ISO 8601's basic form, a month and a day that exist run on (`20251222`), which
# front matter reads: eight other digits (`12222025`, `12345678`) are no date.
_YEAR = re.compile(r"(?<!\d)\d{4}(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))?(?!\d)")
# `14h30` and `9h` are times as French and others write them, which dateutil reads.
_HAS_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b|(?<!\d)\d{1,2}h(?:\d\d)?\b", re.IGNORECASE)
_DATE_LINE_MAX = 60
# ISO 8601's days: calendar (2025-12-22), week (2025-W52-1, 2025W521: Monday of week 52) and
# ordinal (2025-356, 2025356: the year's 356th day) dates. dateutil's general parser reads none
# but the first; its strict ISO parser reads them all.
_ISO_DAY = r"\d{4}-(?:\d{2}-\d{2}|W\d{2}-[1-7]|\d{3})|\d{4}(?:W\d{2}[1-7]|\d{3})"
_ISO_DATE = re.compile(rf"^(?:{_ISO_DAY})(?:$|[T ])")
_ISO_DATE_ALONE = re.compile(_ISO_DAY)
_ISO_WEEK = re.compile(r"\d{4}-?W(?P<week>\d{2})")

# The zone names RFC 822 defines, and so RSS 2.0 dates may carry (RFC 5322 section 4.3 keeps
# them), in hours from UTC. Any other abbreviation names different zones in different places
# (CST is also China's, IST India's, Ireland's and Israel's) and is refused.
_ZONE_NAMES = {
    "UT": 0,
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
}
# Common names that, unlike CST or IST, mean one offset wherever they are used, and so can say
# which offset to write. Still refused: CET in July is often meant as the wall time in Berlin.
_ONE_OFFSET_NAMES = {
    "WET": "+00:00",
    "WEST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    "HKT": "+08:00",
    "AWST": "+08:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "ACST": "+09:30",
    "AEST": "+10:00",
    "ACDT": "+10:30",
    "AEDT": "+11:00",
    "NZST": "+12:00",
    "NZDT": "+13:00",
    "HST": "-10:00",
    "AKST": "-09:00",
    "AKDT": "-08:00",
}
# One of those names as a word in small letters (`14:30 utc`, `2 pm est`, `14:30 cest`), which
# dateutil reads only in capitals: without a zone, the text was no date at all, and `cest` got
# "cannot read" where `CEST` is told its offset.
_ZONE_NAME_WORD = re.compile(
    rf"(?<=\s)(?:{'|'.join([*_ZONE_NAMES, *_ONE_OFFSET_NAMES])})(?=$|[\s)])",
    re.IGNORECASE | re.ASCII,
)
# `A.M.` and `P.M.` after a time, as style guides write them (`9:30 a.m.`): dateutil reads them
# in small letters, but takes a capital M for a time zone, and refused `9:30 A.M.` as the zone
# 'M' while it read `9:30 A.M. +02:00`.
_DOTTED_AM_PM = re.compile(
    r"(?<=\d)(?P<space>\s*)(?P<letter>[AaPp])\.\s*[Mm](?![A-Za-z])(?:\.(?=\s|$))?", re.ASCII
)
_TIME_AND_ZONE = (
    r"(?: +(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?: +(?P<zone>[+-](?:[01]\d|2[0-3]):?[0-5]\d|[A-Z]{1,3}))?)?"
)
# The forms RSS dates and people write most ("Thu, 04 Mar 2021 14:30:00 +0200", "March 4,
# 2021"), which _common_form reads without dateutil's general parser: 5 us, not 30-50.
_COMMON_FORMS = [
    re.compile(
        r"(?:(?P<weekday>[A-Za-z]+),? +)?(?P<day>\d{1,2}) +(?P<month>[A-Za-z]+) +"
        r"(?P<year>[1-9]\d{3})" + _TIME_AND_ZONE,
        re.ASCII,  # \d is not "٤"
    ),
    re.compile(
        r"(?:(?P<weekday>[A-Za-z]+),? +)?(?P<month>[A-Za-z]+) +(?P<day>\d{1,2}),? +"
        r"(?P<year>[1-9]\d{3})" + _TIME_AND_ZONE,
        re.ASCII,  # \d is not "٤"
    ),
]
# Day and month in numbers, in either order: 12/01/2025, 12.01.2025, 12-01-2025.
# Anywhere in the text ("Monday, 12/01/2025", "10:00 6/2/25"), but not after more numbers and
# marks: "2025-06-01" holds "25-06-01". What follows the year is no matter: "6.2.25." ends a
# sentence, and dateutil reads "12.01.2025.10:00" month first, as 1 December at 10:00. Nor
# what is between the numbers: dateutil reads "12. 01. 2025" (as German style guides space
# it), "12 01 2025" and "12/01 2025" month first too.
_BETWEEN = r"(?:\s*[/.,-]\s*|\s+)"
_NUMERIC_DATE = re.compile(
    rf"(?<![\d/.:-])(?P<first>\d{{1,2}}){_BETWEEN}(?P<second>\d{{1,2}}){_BETWEEN}"
    r"(?P<year>\d{4})(?!\d)",
    re.ASCII,
)
# The same with a short year, which dateutil reads in whichever order makes a date: 10/11/12 as
# 2012-10-11, 25-06-02 (meant as 2025-06-02) as 2002-06-25, 1/2/3 as 2003-01-02, 12 01 25 as
# 2025-12-01. Spaced without marks, not after a number: "2025-12-01 10 30 45" holds "10 30 45".
_SHORT_YEAR_DATE = re.compile(
    r"(?<![\d/.:-])(?:(?<!\d\s)\d{1,2}\s+\d{1,2}\s+|\d{1,2}\s*[/.,-]\s*\d{1,2}\s*[/.,-]\s*)"
    r"(?P<year>\d{1,3})(?!\d)",
    re.ASCII,
)
# dateutil's own names, so that the forms above mean what its general parser makes of them.
_MONTHS = {
    name.lower(): number
    for number, names in enumerate(dateutil_parser.parserinfo.MONTHS, start=1)
    for name in names
}
_WEEKDAYS = {
    name.lower(): number
    for number, names in enumerate(dateutil_parser.parserinfo.WEEKDAYS)  # Monday is 0
    for name in names
}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A word of a date, which may be a weekday's name, wherever it stands (`Monday, 2025-12-01`,
# `2025-12-01, Monday`, `Mon Dec 1 10:00:00 2025`).
_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]+(?![A-Za-z])", re.ASCII)
# A capital A or P alone after a time (`12:00:00 A`), which dateutil reads as AM or PM: as in
# RSS's forms (`_common_form`), it is one of RFC 822's military zones, as any other letter is.
_MILITARY_A_OR_P = re.compile(
    r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?P<letter>[AP])(?![A-Za-z.])", re.ASCII
)
# A word before a sign and a number (`GMT+3`, `EST +1`, `BST+1`), which may be a zone's name
# with an offset (`_zone_with_offset`).
_WORD_AND_SIGN = re.compile(
    r"(?<![A-Za-z])(?P<name>[A-Za-z]{1,5})(?P<space>\s*)[+-]\s*\d", re.ASCII
)


class _FixedCenturies(dateutil_parser.parserinfo):
    """dateutil's parser, but for a year in two digits, which it puts in the century within 50
    years of the machine's clock (`22 Dec 72` was 1972 until 2022, and 2072 since): the same
    document gave another date in another year. Here, as email.utils reads RSS dates
    (`read_rfc822`) and POSIX strptime reads %y, 69-99 are 1969-1999 and 00-68 2000-2068."""

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        if year >= 100 or century_specified:
            return year
        return year + (1900 if year >= 69 else 2000)


_PARSER = dateutil_parser.parser(_FixedCenturies())
# A year under 100 written in four digits (`0001`), which dateutil takes for two (2001).
_PADDED_YEAR = r"(?<![\d:.])00{:02d}(?![\d:])"


class DateError(ValueError):
    """A date an author wrote that cannot be understood; the message says why."""


class DateAsNumber(DateError):
    """A date in ISO 8601's basic form (`date: 20251222`) that YAML or TOML read as a number:
    in quotes, `written`, it is read as the date `day` (`2025-12-22`)."""

    def __init__(self, message: str, written: str, day: str) -> None:
        super().__init__(message)
        self.written = written
        self.day = day


class NumberLeftOver(DateError):
    """A date followed by a number that dateutil took for a time no one writes so
    (`2025/12/01/2025`, `2025-12-01 2025`: 20:25): `day` is the date without it, `clock` the
    time it was read as."""

    def __init__(self, message: str, day: str, clock: str) -> None:
        super().__init__(message)
        self.day = day
        self.clock = clock


class SkippedTime(DateError):
    """A wall time that a daylight-saving change skips, so that no instant has it."""


class WeekdayConflict(DateError):
    """A date whose weekday is another day's (`Monday, June 1, 2025`: a Sunday). Which of the
    two is wrong, only the author knows; `without_weekday` is the date without its weekday."""

    def __init__(self, message: str, without_weekday: str = "") -> None:
        super().__init__(message)
        self.without_weekday = without_weekday


class UnreadTime(DateError):
    """A date line whose time is in a form a date line does not read (`20251222T1430`);
    `moment` is the date and time dateutil read from it."""

    def __init__(self, message: str, moment: datetime) -> None:
        super().__init__(message)
        self.moment = moment


def zone(name: str) -> ZoneInfo:
    _refuse_zone_of_no_place(name)
    _forget_if_replaced(name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        spelled = _zone_spelled(name)
        meant = f" (names are case-sensitive: {spelled})" if spelled else ""
        raise DateError(f"unknown time zone {name!r}{meant}") from error


_ZONES_READ: dict[str, dict[str, str]] = {}
"""The stat of the files each zone was looked for in (stamp.zone_state), when this process
last asked for it."""


def _forget_if_replaced(name: str) -> None:
    """Have zoneinfo read the zone `name` again when its file changed since this process last
    asked for it: zoneinfo keeps each zone it read for the life of the process, and `serve`,
    which rebuilds in one, would write the old offsets after a time zone data update and
    stamp them as made under the new rules."""
    now = zone_state(name)
    if _ZONES_READ.setdefault(name, now) != now:
        ZoneInfo.clear_cache(only_keys=[name])
        _ZONES_READ[name] = now


def _refuse_zone_of_no_place(name: str) -> None:
    """zoneinfo reads two kinds of name that give no place's clocks, the same on any machine."""
    if name == "localtime":  # Debian's zoneinfo/localtime, a link to /etc/localtime
        raise DateError(
            f"{name!r} is whatever zone the machine that builds is in, so the dates would change "
            "with the machine"
        )
    if name.startswith("right/"):  # Python's clock, as POSIX's, has no leap seconds
        raise DateError(
            f"{name!r} counts leap seconds, which feed dates do not: its clocks change 27 seconds"
            f" late ({name.removeprefix('right/')} is the zone without them)"
        )


def _zone_spelled(name: str) -> str | None:
    """The zone `name` names in other letter case (`utc`, `europe/kyiv`): IANA names are
    case-sensitive."""
    folded = name.casefold()
    matches = sorted(known for known in available_timezones() if known.casefold() == folded)
    return matches[0] if matches else None


LOCALTIME = Path("/etc/localtime")
TIMEZONE_FILE = Path("/etc/timezone")


def machine_zone() -> str:
    """The IANA name of this machine's time zone, which Python knows only by its offsets: TZ
    when it names one, else the zone /etc/localtime links to, else the one /etc/timezone
    (Debian's) names, else UTC. TZ may also hold a POSIX rule (`CET-1CEST`), which names none."""
    known = available_timezones() - {"localtime"}  # a link to the machine's zone, not a name
    candidates = (
        _zone_in_tz(os.environ.get("TZ", "")),
        _zone_in_path(_link_target(LOCALTIME)),
        _first_line(TIMEZONE_FILE),
    )
    return next((name for name in candidates if name in known), "UTC")


def _zone_in_tz(value: str) -> str:
    """The zone TZ names: `Europe/Kyiv`, `:Europe/Kyiv`, or a zone file's path, as POSIX
    and glibc read it."""
    value = value.removeprefix(":")
    return _zone_in_path(value) if value.startswith("/") else _without_variant(value)


def _zone_in_path(path: str) -> str:
    """The zone a file under a zoneinfo folder holds (`/usr/share/zoneinfo/Europe/Kyiv`, or
    `../usr/share/zoneinfo/posix/Europe/Kyiv`), or "" for any other path."""
    _, found, name = path.rpartition("zoneinfo/")
    return _without_variant(name) if found else ""


def _without_variant(name: str) -> str:
    """`Europe/Kyiv` for `posix/Europe/Kyiv` (the same zone) or `right/Europe/Kyiv` (the same
    with leap seconds, which the config refuses: `_refuse_zone_of_no_place`)."""
    return name.removeprefix("posix/").removeprefix("right/")


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)  # one step: a name, where a full resolve may reach an alias
    except OSError:  # no such file, or a copy of the zone rather than a link
        return ""


def _first_line(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip().partition("\n")[0]
    except (OSError, UnicodeDecodeError):
        return ""


def parse_date(value: object, tz: tzinfo, written: object = None) -> datetime:
    """An aware datetime from a front-matter value; wall times without an offset are in `tz`.
    `written` is how the author wrote a value YAML read as a number (`1:20`, which is 80)."""
    if isinstance(value, datetime):
        if isinstance(value.tzinfo, timezone):  # written with its offset (TOML), not a zone's
            _refuse_offset_no_zone_has(value.isoformat(), value)
        return localize(value, tz)
    if isinstance(value, date):
        return start_of_day(value, tz)
    if not isinstance(value, str):
        # In YAML's terms, as the author wrote it: a number, not Python's int.
        shown = shown_as_written(value, written)
        typed = isinstance(value, bool | int | float)
        message = f"expected a date, not {type_name(value)}{f' ({shown})' if typed else ''}"
        day = _basic_form_day(shown) if isinstance(value, int) else None
        if day is not None:
            raise DateAsNumber(message, shown, day)
        raise DateError(message)
    text = value.strip()
    moment = _parse_text(text)
    _refuse_offset_no_zone_has(text, moment)
    try:
        return localize(moment, tz)
    except SkippedTime:
        # A date alone is its day's first instant, which is not midnight when the clocks skip
        # midnight (Santiago, Havana, Beirut): only a time the author wrote can be skipped.
        if moment.time() != time() or _time_written(text):
            raise
        return start_of_day(moment.date(), tz)


def _basic_form_day(written: str) -> str | None:
    """`2025-12-22` for `20251222`: eight digits that give a month and a day that exist, as
    ISO 8601's basic form does, and `_parse_text` reads; None for any other (`12222025`)."""
    if not re.fullmatch(r"\d{8}", written, re.ASCII):
        return None
    try:
        return date(int(written[:4]), int(written[4:6]), int(written[6:])).isoformat()
    except ValueError:  # no such month or day, or the year 0
        return None


def parse_date_line(line: str, tz: tzinfo) -> datetime | None:
    """The date a line holds when the line is nothing but a full date (day, month and year);
    None when it is not a date. A line that is one, but one staticfeed refuses (it reads both
    ways, names its zone by a name several zones bear, gives a time the clocks skip), raises
    DateError: the author should hear why, not that no date was found."""
    text = line.strip().strip("*_#").strip()
    if not text or len(text) > _DATE_LINE_MAX or not _YEAR.search(text):
        return None
    written, text = text, _go_line_name_dropped(text)
    _refuse_offset_without_time(text, _full_date, shown=written)
    _refuse_time_range(text, _full_date)
    _refuse_zone_without_time(text, _full_date, capitals=False)
    _refuse_time_begun(text, _full_date)
    _refuse_place_zone(text, _full_date)
    _refuse_hour_alone(text, _full_date)
    try:
        first = _full_date(text)
    except DateError:
        if _reads_as_full_date(text):
            raise
        return None  # "Why GMT+1 is back in 2026" is a title, not a date
    except (ValueError, OverflowError) as error:
        nonexistent = _nonexistent(text, error)
        if nonexistent is not None:
            raise nonexistent from None
        return None
    if first is None:
        return None
    _refuse_offset_no_zone_has(written, first)
    if not _HAS_TIME.search(_without_offset(text)):
        _refuse_unread_time(text, first)
        if first.tzinfo is None:
            return start_of_day(first.date(), tz)
    return localize(first, tz)


def _refuse_unread_time(text: str, moment: datetime) -> None:
    """dateutil reads a time in forms a date line does not (`20251222T1430`, `2025 1430`),
    which was dropped without a word: front matter keeps it, so the author meant it."""
    _refuse_number_left_over(text, moment)  # `2025/12/01/2025` was told to write 20:25
    # Midnight written so (`2025-12-01 0000`) was read, while `2025-12-01 1430` was refused.
    if moment.time() == time() and not _time_written(text):
        return
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    message = f"{text!r} gives its time in a form a date line does not read: write it {clock}"
    raise UnreadTime(message, moment)


# An ISO 8601 date-time at 24:00, the end of its day, which YAML front matter reads (through
# dateutil's isoparse) as the next day's 00:00.
_HOUR_24 = re.compile(
    r"(?P<day>\d{4}-\d\d-\d\d)(?P<sep>[Tt ])24:00(?::00(?:\.0+)?)?(?P<zone>[Zz]|[+-]\d\d:\d\d)?",
    re.ASCII,
)


def next_day_midnight(text: str) -> str | None:
    """`2025-06-02T00:00:00Z` for `2025-06-01T24:00:00Z`, in RFC 3339's form (seconds and
    all), which has no hour 24, and TOML's dates with it; None when `text` is not a date-time
    at 24:00, or the next day is past the year 9999."""
    found = _HOUR_24.fullmatch(text)
    if found is None:
        return None
    try:
        day = date.fromisoformat(found["day"]) + timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    return f"{day.isoformat()}{found['sep']}00:00:00{found['zone'] or ''}"


def is_tag_date(text: str) -> bool:
    """Whether `text` (YYYY, YYYY-MM or YYYY-MM-DD, as a tag URI's authority ends, RFC 4151)
    names a year, month or day that exists: 2025-13 and 2025-02-30 do not."""
    try:
        date.fromisoformat(text + "-01-01"[: 10 - len(text)])
    except ValueError:
        return False
    return True


def lenient_date_line(line: str, tz: tzinfo) -> datetime | None:
    """`parse_date_line`, with a date it refuses taken as no date, but for a wrong weekday or a
    time in a form it does not read: import takes the day, month, year (and time), and asks
    the author to review the date."""
    return _lenient(line, tz)[0]


def lenient_refusal(line: str, tz: tzinfo) -> str | None:
    """Why `lenient_date_line` takes no date from `line`, a date it refuses (`12/01/2025` reads
    both ways; `20250330T0330` is a time the clocks skip in Kyiv, whatever its form), or None
    when it takes one or `line` is no date."""
    return _lenient(line, tz)[1]


def _lenient(line: str, tz: tzinfo) -> tuple[datetime | None, str | None]:
    """The date `lenient_date_line` takes from `line`, or why it takes none."""
    try:
        return parse_date_line(line, tz), None
    except WeekdayConflict as conflict:
        return _lenient(conflict.without_weekday, tz)
    except UnreadTime as unread:
        try:
            return localize(unread.moment, tz), None
        except DateError as error:  # a time the clocks skip is none, whatever its form
            return None, str(error)
    except DateError as error:
        return None, str(error)


def _any_zone(name: str | None, offset: int | None) -> tzinfo:
    return UTC


def _reads_as_full_date(text: str) -> bool:
    """Whether dateutil reads the whole of `text` as a day, a month and a year, whatever its
    zone: whether it is a date, if maybe one staticfeed refuses."""
    text = _HOUR_24_IN_TEXT.sub("00:00", _in_dateutils_words(text))  # the same day, if 24:00
    try:
        first = _PARSER.parse(text, default=_DEFAULT_A, tzinfos=_any_zone)
        second = _PARSER.parse(text, default=_DEFAULT_B, tzinfos=_any_zone)
    except (ValueError, OverflowError):
        return False
    return (first.year, first.month, first.day) == (second.year, second.month, second.day)


# An ISO 8601 date-time in the form most front matter writes, with two digits to each part of
# its time and its offset: no part in one digit, no two of a kind.
_PLAIN_ISO = re.compile(
    r"\d{4}-\d\d-\d\d(?:[Tt ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:[Zz]|[+-]\d\d(?::?\d\d)?)?)?",
    re.ASCII,
)


# Go's way of writing a time (Hugo's `{{ .Date }}`, `time.Time.String`): an offset, then the
# zone's name, or the offset again where the zone has none (`-0300 -03`). Mail programs write
# the name in parentheses, as RFC 5322's comment (`+0100 (CET)`).
_GO_OFFSET_AND_NAME = re.compile(
    r"(?P<before>.*\d)\s+(?P<offset>[+-]\d\d:?\d\d)\s+"
    r"(?:(?P<name>[A-Za-z]{1,5}|[+-]\d\d(?:\d\d)?)|\((?P<comment>[A-Za-z]{1,5})\))",
    re.ASCII,
)


def _go_name_dropped(text: str) -> str:
    """`text` without the zone's name after its offset, as Go writes a time
    (`2025-12-01 10:00:00 +0000 UTC`), which was "cannot read"; an error when the name is one
    of a known offset that is not the one given: which was meant, only the author knows.
    Without a time (`2025-12-01 +0000 UTC`), the offset is then refused as after any date
    alone (`_refuse_offset_without_time`), where the name left it "cannot read"."""
    found = _GO_OFFSET_AND_NAME.fullmatch(text)
    if found is None:
        return text
    offset, name = found["offset"], found["name"] or found["comment"]
    given = offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"
    meant = _named_offset(name)
    if meant is not None and meant != given:
        raise DateError(
            f"{text!r} gives the offset {offset} and the time zone {name} ({meant}), which"
            " disagree: write one"
        )
    return f"{found['before']} {offset}"


def _go_line_name_dropped(text: str) -> str:
    """`_go_name_dropped` for a date line, which may be a title: an offset and a name that
    disagree are an error only after a date (`2025-12-01 10:00 +0100 UTC`)."""
    try:
        return _go_name_dropped(text)
    except DateError:
        if _reads_as_full_date(text.rsplit(None, 2)[0]):  # the text before the offset
            raise
        return text


def _named_offset(name: str) -> str | None:
    """The offset, written `+02:00`, of the zone `name` as Go writes it after an offset: one
    RFC 822 or staticfeed knows, or the offset again (`-03`); None for another abbreviation."""
    if name[0] in "+-":
        return f"{name[:3]}:{name[3:] or '00'}"
    if (hours := _ZONE_NAMES.get(name.upper())) is not None:
        return _format_offset(timedelta(hours=hours))
    return _ONE_OFFSET_NAMES.get(name.upper())


def _parse_text(text: str) -> datetime:
    written, text = text, _go_name_dropped(text)
    _refuse_offset_without_time(text, _parse_text, shown=written)
    _refuse_time_range(text, _parse_text)
    _refuse_zone_without_time(text, _parse_text, capitals=True)
    _refuse_time_begun(text, _parse_text)
    _refuse_place_zone(text, _parse_text)
    _refuse_hour_alone(text, _parse_text)
    iso_day = _ISO_DATE.match(text)
    # A space in the time is no ISO 8601, which isoparse read two digits at a time:
    # `2025-12-01 10 45` was 10:04:05. The general parser below reads or refuses it.
    if iso_day and not any(character.isspace() for character in text[iso_day.end() :]):
        # Most front matter is ISO 8601: dateutil's strict ISO parser reads it many times faster.
        if not _PLAIN_ISO.fullmatch(text):  # most front matter, which has neither
            _refuse_one_digit_part(text)  # as _full_date does of any other form
            _refuse_two_of_a_kind(text)
            _refuse_odd_digits(text, text[iso_day.end() :])
        try:
            moment = dateutil_parser.isoparse(text)
        except (ValueError, OverflowError):
            pass  # a near-ISO form such as "2025-12-22 2pm": the general parser below reads it
        else:
            _refuse_week_past_the_year(text, moment)
            _refuse_number_left_over(text, moment)
            return moment
    try:
        full = _full_date(text)
    except DateError:
        raise
    except (ValueError, OverflowError) as error:
        raise (
            _past_the_last_day(text)
            or _nonexistent(text, error)
            or DateError(f"cannot read {text!r} as a date")
        ) from error
    if full is None:
        raise DateError(f"{text!r} is not a full date with day, month and year")
    _refuse_number_left_over(text, full)
    return full


# A time in ISO 8601's basic form with a digit too few, after an ISO 8601 date and its T or a
# space (`2025-12-01T103`), which ISO 8601's reader reads two digits at a time.
_ODD_DIGITS = re.compile(r"\d{3}|\d{5}", re.ASCII)


def _refuse_odd_digits(text: str, time_text: str) -> None:
    """dateutil 2 read `103` as 10:03 and `10305` as 10:30:05, a part of one digit, where the
    author may have meant 01:03, or cut 10:30 to 10:39 short: as `10:3` is refused, so is
    this (`_refuse_one_digit_part`). Read here, before dateutil, whose version 4 says only
    "cannot read"; a text that is no time two digits at a time (`T253`) is left to it."""
    if not _ODD_DIGITS.fullmatch(time_text):
        return
    parts = [time_text[at : at + 2].rjust(2, "0") for at in range(0, len(time_text), 2)]
    hour, minute, *second = (int(part) for part in parts)
    if hour > 23 or minute > 59 or any(each > 59 for each in second):
        return
    raise DateError(
        f"{text!r} gives the time {time_text} in {len(time_text)} digits, read two at a time as"
        f" {':'.join(parts)}: one may be missing or cut short, write the time with colons"
    )


# A time in a form people write it: with a colon, am or pm, `14h30` (_HAS_TIME), or after
# ISO 8601's T (`2025-12-01T1430`).
_TIME_MARKED = re.compile(rf"{_HAS_TIME.pattern}|\dT\d", re.IGNORECASE)
# The last number in a date, with what joins it to the text before it; a zone may follow in
# a date dateutil read one in. In one without, `-2025` is no zone (`2025-12-01-2025`). The
# lookbehinds try each run of spaces or digits once, not once from each of its characters.
_NUMBER_AFTER_JOINT = r"(?P<joint>[/.-]?)(?<!\s)\s*(?<!\d)(?P<number>\d+)\s*"
_LAST_NUMBER = re.compile(rf"{_NUMBER_AFTER_JOINT}$", re.ASCII)
_LAST_NUMBER_BEFORE_ZONE = re.compile(
    rf"{_NUMBER_AFTER_JOINT}(?:[A-Za-z]+|[+-]\d\d:?\d\d)?\s*$", re.ASCII
)


# An offset that ends a date, written with a colon, as a time is.
_COLON_OFFSET = re.compile(r"[+-](?P<hour>\d\d):(?P<minute>\d\d)\s*$", re.ASCII)


def _without_offset(text: str) -> str:
    """`text` without the offset that ends it, when it has a colon: it writes no time, and
    `2025/12/01/2025 +02:00` was published at 20:25 as if its colon did, where
    `2025/12/01/2025 +0200` was refused."""
    return _COLON_OFFSET.sub("", text)


# An offset that ends a text, after a space, joined with its colon (`2025-12-01-05:00`) or after
# ISO 8601's T (`2025-12-01T+0500`): a number joined without one (`2025-12-01-0500`) is left
# over, as `-2025` is. The lookbehind tries each run of spaces once, not once from each of its
# characters.
_LAST_OFFSET = re.compile(
    r"(?:(?<=\S)\s+|(?=[+-]\d\d:)|(?<=\d[Tt]))(?P<sign>[+-])(?P<hour>[01]\d|2[0-3])"
    r"(?::?(?P<minute>[0-5]\d))?$",
    re.ASCII,
)


def _refuse_offset_without_time(
    text: str, read: Callable[[str], datetime | None], shown: str | None = None
) -> None:
    """An offset after a date with no time (`1 December 2025 -05:00`, `2025-12-01 +0500`) is
    the offset of no instant the author wrote: dateutil read `-05:00` as the time 05:00 in
    the config's zone, ISO 8601's reader took it for midnight there, and each other sign and
    form got another error. `read` reads the text before it: a date alone is refused.
    `shown` is the date as written, when `text` is it without a zone's name after the offset."""
    found = _LAST_OFFSET.search(text)
    day = None if found is None else _day_alone(text[: found.start()], read)
    if found is None or day is None:
        return
    offset = f"{found['sign']}{found['hour']}:{found['minute'] or '00'}"
    raise DateError(
        f"{shown or text!r} gives the offset {offset} but no time for it: write"
        f" {day.isoformat()} 00:00 {offset} for midnight there"
    )


# The offsets zones have had since time zones were standard: Baker Island's -12:00 to the Line
# Islands' +14:00. Before, some kept a mean solar time past them (Manila's -15:56:08 until
# 1845), which only the config's zone gives: no date reads an offset with seconds.
_OFFSETS_IN_USE = (timedelta(hours=-12), timedelta(hours=14))


def _refuse_offset_no_zone_has(text: str, moment: datetime) -> None:
    """An offset written past those any zone has (`+15:00`, `-13:00`) is a slip: a sign typed
    the other way, a digit mistyped, or a time written where the offset goes. It was read as
    written, and the entry published hours from the instant meant."""
    offset = moment.utcoffset()
    if offset is None:
        return
    earliest, latest = _OFFSETS_IN_USE
    if earliest <= offset <= latest:
        return
    if earliest <= -offset <= latest:
        likely = f"its sign may be the other way, {_format_offset(-offset)}"
    else:
        likely = "write the offset of the zone its time is in"
    raise DateError(
        f"{text!r} gives the offset {_format_offset(offset)}, which no time zone has (they run"
        f" from {_format_offset(earliest)} to {_format_offset(latest)}): {likely}"
    )


# A time joined to a sign and another time, at the end of a date or before it: `10:00-11:00`,
# `10-11`, `10am-11am`, `9:30 a.m.-11`. dateutil and ISO 8601's reader take what follows the
# sign for an offset: 10:00 at -11:00. The lookbehind keeps a date's own numbers
# (`2025-12-01-05:00`).
_RANGE = (
    r"(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?(?:\s?(?P<ampm>[ap]\.?m\.?))?"
    r"-(?P<end_hour>\d{1,2})(?::?(?P<end_minute>[0-5]\d))?(?P<end_ampm>\s?[ap]\.?m\.?)?"
)
_RANGE_MAX = len("10:30 a.m.-11:30 p.m.")
_TIME_RANGE = re.compile(rf"(?<![\d:.,/-]){_RANGE}$", re.ASCII | re.IGNORECASE)
_TIME_RANGE_FIRST = re.compile(rf"{_RANGE}(?=[\s,])", re.ASCII | re.IGNORECASE)


def _refuse_time_range(text: str, read: Callable[[str], datetime | None]) -> None:
    """A time joined to a later one by a hyphen (`2025-12-01 10:00-11:00`) reads as ISO 8601
    does, the time at the offset -11:00, but is as likely a time range, which a human reads in
    it: the entry was published 13 hours from 10:00 in Kyiv. An hour alone or am or pm
    (`10-11`, `10am-11am`), or an offset no zone has (`10:00-13:00`), is a range alone. An
    earlier time (`10:00-05:00`, New York's) is an offset, no range."""
    placed = _time_range_in(text, read) if "-" in text else None
    if placed is None:
        return
    found, before, after = placed
    start = _range_start(found)
    end = timedelta(hours=int(found["end_hour"]), minutes=int(found["end_minute"] or 0))
    if start is None or end > timedelta(hours=24):
        return
    clock = _clock(start)
    if not found["ampm"] and not found["end_ampm"]:
        if end <= start:  # an offset west of UTC: no range ends before it begins
            return
        if found["minute"] is not None and -end >= _OFFSETS_IN_USE[0]:
            offset = _format_offset(-end)
            raise DateError(
                f"{text!r} could be {clock} at the offset {offset} or a time range, {clock} to"
                f" {_clock(end)}: write {before}{clock} {offset}{after}, with a space, for the"
                f" offset, or the time it begins alone, {before}{clock}{after}"
            )
    raise DateError(
        f"{text!r} gives a time range, {found[0]}, where a date takes one time: write the time"
        f" it begins alone, {before}{clock}{after}"
    )


def _time_range_in(
    text: str, read: Callable[[str], datetime | None]
) -> tuple[re.Match[str], str, str] | None:
    """The time range `text` ends or begins with (`10:00-11:00 1 December 2025`), and the text
    before and after it, when the rest is a date alone; else None."""
    found = _TIME_RANGE.search(text, max(0, len(text) - _RANGE_MAX))  # at its end
    if found is not None:
        before, after = text[: found.start()], ""
    elif (found := _TIME_RANGE_FIRST.match(text)) is not None:
        before, after = "", text[found.end() :]
    else:
        return None
    if _day_alone(f"{before}{after}".strip(" ,"), read) is None:
        return None
    return found, before, after


def _clock(since_midnight: timedelta) -> str:
    """`10:30` for ten and a half hours."""
    minutes = int(since_midnight.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _range_start(found: re.Match[str]) -> timedelta | None:
    """The time a range `found` begins at, since midnight (22 hours for `10pm`); None for no
    time of day (`25`, `13pm`)."""
    hour, minute = int(found["hour"]), int(found["minute"] or 0)
    ampm = (found["ampm"] or "").lower()[:1]
    if (ampm and not 1 <= hour <= 12) or hour > 23:
        return None
    if ampm:
        hour = hour % 12 + (12 if ampm == "p" else 0)
    return timedelta(hours=hour, minutes=minute)


_T_ALONE = re.compile(r"(?<=\d)[Tt]$")


def _day_alone(day_text: str, read: Callable[[str], datetime | None]) -> date | None:
    """The day `day_text` gives, read by `read`, when it is a date with no time and no zone
    (`2025-12-01`, `1 December 2025`, or ISO 8601's `2025-12-01T` with no time after its T,
    which its reader took for midnight there: `2025-12-01T-05:00`); None for any other text."""
    day_text = _T_ALONE.sub("", day_text)
    if _TIME_MARKED.search(day_text):  # `2025-12-22T14:00:00+02:00`, most front matter
        return None
    try:
        day = read(day_text)
    except (ValueError, OverflowError):  # DateError too: no date, or one refused for itself
        return None
    if day is None or day.tzinfo is not None or day.time() != time():
        return None
    return None if _time_written(day_text) else day.date()


# What begins a time at the end of a text that gives none (`2025-12-01T`, `1 December 2025
# at`): dateutil and ISO 8601's reader passed over it, and the date was published at midnight.
_TIME_BEGUN = re.compile(r"(?:(?<=\d)|(?<=\S)\s+)(?P<mark>[Tt]|at)\s*$", re.ASCII | re.IGNORECASE)


def _refuse_time_begun(text: str, read: Callable[[str], datetime | None]) -> None:
    """A date that ends where its time should begin was cut short, or the time forgotten: the
    author meant a time, but which one, only they know."""
    found = _TIME_BEGUN.search(text) if _ends_in_a_letter(text) else None
    day = None if found is None else _day_alone(text[: found.start()], read)
    if found is None or day is None:
        return
    raise DateError(
        f"{text!r} ends with {found['mark']!r} but gives no time after it: write the time,"
        f" like {day.isoformat()} 14:30, or {day.isoformat()} alone for the day"
    )


# A zone's name that ends a text, after a space (`2025-12-01 UTC`, `1 December 2025 est`,
# `2025-12-01 Europe/Paris`), joined to a date as ISO 8601's Z is (`2025-12-01Z`), or after
# its T (`2025-12-01TZ`). The lookbehind tries each run of spaces once, not once from each of
# its characters.
_LAST_ZONE_NAME = re.compile(
    r"(?:(?<=\S)\s+|(?<=\d)(?=[Zz]$)|(?<=\d[Tt]))(?P<name>[A-Za-z]+(?:/[A-Za-z0-9_+-]+)*)$",
    re.ASCII,
)


def _ends_in_a_letter(text: str) -> bool:
    """Whether `text` ends in an ASCII letter, as a zone's name does: most dates end in a
    digit, which spares searching them from each of their characters for one."""
    return text[-1:].isascii() and text[-1:].isalpha()


def _refuse_zone_without_time(
    text: str, read: Callable[[str], datetime | None], capitals: bool
) -> None:
    """A zone's name after a date with no time (`2025-12-01 UTC`, `2025-12-01 Europe/Paris`)
    names the zone of no instant the author wrote, as an offset there does
    (`_refuse_offset_without_time`): dateutil read neither, and said "cannot read". The error
    gives the midnight there, with the offset the name means. `capitals`: a word in capitals
    that names no zone staticfeed knows (`IST`) is taken for one, as dateutil takes it after a
    time; a date line, which may be a title, takes only the names it knows."""
    found = _LAST_ZONE_NAME.search(text) if _ends_in_a_letter(text) else None
    day = None if found is None else _day_alone(text[: found.start()], read)
    if found is None or day is None:
        return
    fix = _midnight_in_zone(found["name"], day, capitals)
    if fix is not None:
        raise DateError(f"{text!r} gives the time zone {fix}")


def _refuse_place_zone(text: str, read: Callable[[str], datetime | None]) -> None:
    """An IANA zone's name after a date and its time (`2025-12-01 10:00 Europe/Paris`), which
    no date reads: it said "cannot read". The error gives the offset the zone has then."""
    found = _LAST_ZONE_NAME.search(text) if _ends_in_a_letter(text) else None
    spelled = _zone_spelled(found["name"]) if found and "/" in found["name"] else None
    if found is None or spelled is None or spelled.startswith(("posix/", "right/")):
        return
    try:
        moment = read(text[: found.start()])
    except (ValueError, OverflowError):  # DateError too: no date, or one refused for itself
        return
    if moment is None or moment.tzinfo is not None:
        return
    there = in_zone(moment, ZoneInfo(spelled))  # SkippedTime for a time the clocks skip there
    raise DateError(
        f"{text!r} gives the time zone {found['name']}, which is not read in a date: write its"
        f" offset then, {utc_offset_text(writable(there))}"
    )


def _midnight_in_zone(name: str, day: date, capitals: bool) -> str | None:
    """How the error for the zone `name` after the date `day` alone goes on after "gives the
    time zone": the name, and the midnight to write in it; None when `name` is no zone's."""
    midnight = f"{day.isoformat()} 00:00"
    if name.upper() in _ZONE_NAMES:  # read after a time, as written
        return f"{name} but no time for it: write {midnight} {name} for midnight there"
    offset = _ONE_OFFSET_NAMES.get(name.upper())
    if offset is not None:
        return f"{name} ({offset}) but no time for it: write {midnight} {offset} for midnight there"
    spelled = _zone_spelled(name) if "/" in name else None
    if spelled is not None and not spelled.startswith(("posix/", "right/")):
        return f"{name}, which is not read in a date, and no time for it: " + _first_instant_in(
            day, ZoneInfo(spelled)
        )
    info = _PARSER.info
    if not capitals or not (name.isupper() and 2 <= len(name) <= 5):
        return None
    if info.jump(name) or info.ampm(name) is not None or info.weekday(name) is not None:
        return None  # `AD`, `AM`, `MON`: dateutil's words, not a zone
    return (
        f"{name!r}, which could be one of several, and no time for it: write {midnight} and"
        f" the offset meant, like {midnight} +02:00, for midnight there"
    )


def _first_instant_in(day: date, tz: tzinfo) -> str:
    """What to write for the date `day` alone in the IANA zone `tz`, whose names a date does
    not read: the day's first instant there, with its offset."""
    try:
        first = start_of_day(day, tz)
    except DateError as error:  # a day the zone skipped (Pacific/Apia, 2011-12-30)
        return f"{error}"
    written = f"write {utc_offset_text(writable(first))}"  # in UTC for an offset with seconds
    if first.time() == time():
        return f"{written} for midnight there"
    return f"{written}, when the day begins there (the clocks skip midnight)"


# One or two digits that end a text, after a space, and the zone staticfeed reads after a
# time, if any (`2025-12-01 12`, `1 December 2025 5 UTC`), an offset joined too (`12-05:00`).
# The lookbehind tries each run of spaces once, not once from each of its characters.
_LAST_HOUR_ALONE = re.compile(
    rf"(?<=\S)\s+(?P<number>\d{{1,2}})(?:\s*[+-]\d\d(?::?\d\d)?|\s+(?:{'|'.join(_ZONE_NAMES)}))?\s*$",
    re.ASCII | re.IGNORECASE,
)
# The same after ISO 8601's T (`2025-12-01T12`, `2025-12-01T12+02:00`), with the zone joined
# to it as ISO 8601 joins one.
_HOUR_ALONE_AFTER_T = re.compile(
    r"(?<=\d) ?(?P<t>[Tt])(?P<number>\d{1,2})(?:[Zz]|[+-]\d\d(?::?\d\d)?)?$", re.ASCII
)


def _refuse_hour_alone(text: str, read: Callable[[str], datetime | None]) -> None:
    """A number of one or two digits after a date alone is no time anyone writes: dateutil read
    `2025-12-01 12` as 12:00 and `2025-12-01 24` as the next day, but could not read
    `2025-12-01 5`, and it may as well be a day typed again or left over. `read` reads the
    text before it: a date alone is refused."""
    found = _LAST_HOUR_ALONE.search(text) if text[-1:].isascii() else None
    if found is None and ("T" in text or "t" in text):
        _refuse_hour_after_t(text, read)
        return
    day = None if found is None else _day_alone(text[: found.start()], read)
    if found is None or day is None:
        return
    number, written = int(found["number"]), day.isoformat()
    if number > 24:  # no hour, not even ISO 8601's 24:00
        why = f"{found['number']} is left over after {written}"
        raise DateError(f"cannot read {text!r} as a date: {why}")
    clock = f"{number:02d}:00"
    why = f"{found['number']} after {written} could be the hour {clock} or left over"
    raise NumberLeftOver(f"cannot read {text!r} as a date: {why}", written, clock)


def _refuse_hour_after_t(text: str, read: Callable[[str], datetime | None]) -> None:
    """An hour alone after ISO 8601's T (`2025-12-01T12`) is as likely a time cut short as the
    hour ISO 8601's reduced form makes it: front matter read it as 12:00 while a date line
    refused it, and a date line that ends at T is refused as cut short (`_refuse_time_begun`).
    An hour past 24 is left to the error that says it does not exist."""
    found = _HOUR_ALONE_AFTER_T.search(text, max(0, len(text) - len(" T12+02:00")))
    day = None if found is None else _day_alone(text[: found.start()], read)
    if found is None or day is None or int(found["number"]) > 24:
        return
    written, clock = day.isoformat(), f"{int(found['number']):02d}:00"
    why = f"{found['t']}{found['number']} gives an hour without its minutes"
    raise NumberLeftOver(
        f"cannot read {text!r} as a date: {why}, which could be {clock} or a time cut short",
        written,
        clock,
    )


# A time in ISO 8601's basic form that reads as a year as well, 19:00 to 20:59 (`1930`,
# `2026`): after a date, `2025-12-01 2026` is as likely a year typed twice as 20:26.
_YEAR_LIKE_TIME = re.compile(r"(?:19|20)\d\d", re.ASCII)


def _refuse_number_left_over(text: str, moment: datetime) -> None:
    """dateutil reads a number left after a date as its time, the way ISO 8601's basic form
    writes one (`2025-12-01 1430`): but a number that repeats the year (`2025-12-01 2025`) or
    is joined to the date as its own numbers are (`2025/12/01/2025`) was not written as a time,
    and was published as 20:25; one that could be a year (`2025-12-01 2026`) may not have
    been, and a colon (20:26) says it was."""
    if _TIME_MARKED.search(_without_offset(text)):
        return
    found = (_LAST_NUMBER if moment.tzinfo is None else _LAST_NUMBER_BEFORE_ZONE).search(text)
    if found is None or not _read_as_time(found["number"], moment):
        return
    # Zeros read as midnight may be a date's own (`Jan/1/00`): only a time written is one.
    # `2025/12/01/0000` was published at midnight while `2025/12/01/1430` was refused.
    if moment.time() == time() and not _time_written(text):
        return
    day = moment.date().isoformat()
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    why = _why_no_time(found, moment.year, day, clock)
    if why is not None:
        raise NumberLeftOver(f"cannot read {text!r} as a date: {why}", day, clock)


def _why_no_time(found: re.Match[str], year: int, day: str, clock: str) -> str | None:
    """Why the number `found` after the date `day`, which dateutil read as the time `clock`,
    may not have been written as one; None when it was."""
    number = found["number"]
    if found["joint"] or number == f"{year:04d}":
        return f"{number} is left over after {day}, and is no time written as one"
    if _YEAR_LIKE_TIME.fullmatch(number) or _in_years_place(found):
        return f"{number} after {day} could be a year as well as the time {clock}"
    return None


# A month's name and its day, after which a date writes its year (`June 1, 0033`, `1 June
# 1430`): the text before a number in that place, without the spaces that end it.
_BEFORE_YEAR = re.compile(
    r"(?<![A-Za-z])(?:(?P<month>[A-Za-z]+)\.?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"|(?<!\d)\d{1,2}(?:st|nd|rd|th)?\s+(?P<month_after>[A-Za-z]+)\.?),?$",
    re.ASCII | re.IGNORECASE,
)


def _in_years_place(found: re.Match[str]) -> bool:
    """Whether the four digits `found` follow a month's name and its day, where dateutil and
    staticfeed read a year (`June 1, 0033` is the year 33), and dateutil read them as a time
    only for a year written before (`2033 June 1, 0033`, published at 00:33)."""
    if len(found["number"]) != 4:
        return False
    before = _BEFORE_YEAR.search(found.string[: found.start()].rstrip())
    if before is None:
        return False
    return (before["month"] or before["month_after"]).lower() in _MONTHS


def _read_as_time(number: str, moment: datetime) -> bool:
    """Whether dateutil read the digits `number` as `moment`'s time: an hour, HHMM or HHMMSS."""
    clock = {2: f"{moment:%H}", 4: f"{moment:%H%M}", 6: f"{moment:%H%M%S}"}
    return clock.get(len(number.zfill(2))) == number.zfill(2)


def _refuse_week_past_the_year(text: str, moment: datetime) -> None:
    """dateutil reads week 53 of a year that has 52 (2025-W53-1) as week 1 of the next."""
    week = _ISO_WEEK.match(text) if "W" in text else None  # most dates are calendar dates
    if week is not None and moment.isocalendar().week != int(week["week"]):
        raise DateError(f"{text!r} does not exist: {text[:4]} has 52 weeks")


def _past_the_last_day(text: str) -> DateError | None:
    """The error for 24:00 on the last day datetime holds (9999-12-31): the next day's 00:00,
    as ISO 8601 reads it, is in the year 10000. dateutil's general parser, which reads it when
    its ISO parser overflows, says "hour must be in 0..23", true of no other day's 24:00."""
    found = _HOUR_24.fullmatch(text)
    if found is None or found["day"] != date.max.isoformat():
        return None
    return _after_the_last_year(text)


def _after_the_last_year(text: str) -> DateError:
    return DateError(
        f"{text!r} is out of range: 24:00 is the next day, {date.max.year + 1}-01-01, which falls"
        f" after {date.max.year}"
    )


def _nonexistent(text: str, error: Exception) -> DateError | None:
    """The error for `text` when dateutil read it as a date whose day, month or time is out of
    range (2025-02-29, 25:00, a leap second's :60): datetime's reason, which dateutil gives as
    the cause of its own error. None when dateutil could not read it as a date at all, or only
    as a month and a year ("13/2025": calendar's IllegalMonthError)."""
    cause = error.__cause__
    if type(cause) is not ValueError:
        return None
    return DateError(f"{text!r} does not exist: {cause}")


def _time_written(text: str) -> bool:
    """Whether `text`, which reads as midnight, says so (`2025-09-07 00:00`), rather than
    giving a date alone (`2025-09-07`, `September 7, 2025`)."""
    if _ISO_DATE_ALONE.fullmatch(text):
        return False
    if _ISO_DATE.match(text):
        try:
            dateutil_parser.isoparse(text)
            return True  # a date and a time, as ISO 8601 writes them
        except (ValueError, OverflowError):
            pass
    for form in _COMMON_FORMS:
        found = form.fullmatch(text)
        if found is not None:
            return found["hour"] is not None
    try:
        unlike = _PARSER.parse(text, default=_DEFAULT_B, tzinfos=_zone_named)
    except (ValueError, OverflowError):
        return True
    # A field the text lacks comes from the default: 01:01:01 here, where the first read
    # gave 00:00:00.
    return unlike.time() != _DEFAULT_B.time()


def _zone_named(name: str | None, offset: int | None) -> tzinfo | None:
    """The zone of a date dateutil read, from its name or its offset in seconds. Without this,
    dateutil reads a name the machine's own zone bears as that zone, with its daylight-saving
    rules ("EST" in July as -04:00 in New York), and any other name not at all (a wall time,
    with a warning): the same document gave different instants on different machines."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    if name is None:
        return None
    hours = _ZONE_NAMES.get(name.upper())
    offset_meant = _ONE_OFFSET_NAMES.get(name.upper())
    if hours is None and offset_meant is not None:
        raise DateError(
            f"the time zone {name!r} is not read (only UTC, UT, GMT, Z and RFC 822's US zones"
            f" are): write its offset, {offset_meant}"
        )
    if hours is None:
        raise DateError(
            f"the time zone {name!r} could be one of several: only UTC, UT, GMT, Z and RFC 822's"
            " US zones (EST, EDT, CST, CDT, MST, MDT, PST, PDT) are read, any other needs its"
            " offset"
        )
    return timezone(timedelta(hours=hours))


def _common_form(text: str) -> datetime | None:
    """`text` as dateutil's general parser reads it, when it is in one of `_COMMON_FORMS`;
    None when it is not, or its numbers are out of range (dateutil then says why)."""
    for form in _COMMON_FORMS:
        found = form.fullmatch(text)
        if found is not None:
            break
    else:
        return None
    month = _MONTHS.get(found["month"].lower())
    weekday = found["weekday"]
    zone = found["zone"]
    if month is None or (weekday and weekday.lower() not in _WEEKDAYS):
        return None
    if zone is not None and zone.isalpha() and zone not in _ZONE_NAMES and len(zone) > 1:
        return None  # AM, PM, or a name _zone_named refuses: dateutil says which
    # One letter is one of RFC 822's military zones, which _zone_named refuses below; dateutil
    # read A and P as AM and PM ("12:00:00 A" as midnight).
    try:
        wall = datetime(
            int(found["year"]),
            month,
            int(found["day"]),
            int(found["hour"] or 0),
            int(found["minute"] or 0),
            int(found["second"] or 0),
        )
    except ValueError:
        return None
    return wall if zone is None else wall.replace(tzinfo=_zone_written(zone))


def _zone_written(zone: str) -> tzinfo | None:
    if zone.isalpha():
        return _zone_named(zone, None)
    digits = zone[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:])
    return timezone(timedelta(minutes=-minutes if zone[0] == "-" else minutes))


def _refuse_day_or_month(text: str) -> None:
    """dateutil reads 12/01/2025 as 1 December (month first, as in the US), which in most of
    the world is 12 January: when both are dates, the author must say which."""
    short = _SHORT_YEAR_DATE.search(text)
    if short is not None:
        raise DateError(
            f"{short[0]!r} gives the year in {len(short['year'])} digit"
            f"{'s' if len(short['year']) > 1 else ''}, so its numbers could be read as "
            "several dates"
        )
    found = _NUMERIC_DATE.search(text)
    if found is None:
        return
    first, second, year = int(found["first"]), int(found["second"]), int(found["year"])
    if first != second and 1 <= first <= 12 and 1 <= second <= 12:
        day_first = date(year, second, first).isoformat()
        month_first = date(year, first, second).isoformat()
        raise DateError(
            f"{found[0]!r} could be {day_first} (day first) or {month_first} (month first)"
        )


def _full_date(text: str) -> datetime | None:
    """`text` read by dateutil, when it gives a day, a month and a year; else None. dateutil
    takes a field the text lacks from its default: a field that comes out the same under two
    defaults that differ in each was written. Only a date that has one of the first default's
    values (the 1st, January, 2000) is read again: a field the text lacks would have it, and
    reading it twice was a quarter of parsing a document with such dates."""
    # RSS's forms, which give one time of two digits to each part and one zone, alone or named,
    # and no 24:00: what is refused below is in none of them.
    full = _common_form(text)
    if full is None:
        return _uncommon_form(text)
    _refuse_other_weekday(text, full)
    return full


def _uncommon_form(text: str) -> datetime | None:
    """`_full_date` for a text in none of `_COMMON_FORMS`, with what dateutil misreads refused."""
    if any(_zone_with_offset(found) for found in _WORD_AND_SIGN.finditer(text)):
        raise DateError(
            f"{text!r} gives a zone name with an offset, which some read as ahead of UTC and"
            " others as behind: write the offset alone, like +03:00"
        )
    _refuse_one_digit_part(text)
    _refuse_two_of_a_kind(text)
    _refuse_hour_zero_pm(text)
    hour_24 = _HOUR_24_IN_TEXT.search(text)
    if hour_24 is not None:
        return _end_of_day(text, hour_24)  # its weekday checked against the day written
    full = _dateutil_full_date(_in_dateutils_words(text))
    if full is not None:
        _refuse_other_weekday(text, full)
    return full


# The hour 0 before pm, in any form a time with pm is read in (`0:30 pm`, `00:00 P.M.`, `0pm`,
# `0.30 pm`, `0h30 pm`).
_HOUR_ZERO_PM = re.compile(
    r"(?<![\d:.,])0{1,2}(?:[:.,h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?)?"
    r"\s*p\.?\s*m(?![a-z])",
    re.ASCII | re.IGNORECASE,
)


def _refuse_hour_zero_pm(text: str) -> None:
    """A 12-hour clock has no hour 0: dateutil read `0:30 pm` as 12:30, where it is as likely
    a 24-hour time with pm written after it out of habit, 00:30 (before pm too, Japan's clocks
    count from 0, which only the author can say). With am, both readings are 00:30."""
    found = _HOUR_ZERO_PM.search(text)
    if found is None:
        return
    rest = f":{found['minute'] or '00'}" + (f":{found['second']}" if found["second"] else "")
    raise DateError(
        f"{text!r} gives the hour 0 with pm, which no 12-hour clock shows: it could be"
        f" 00{rest} or 12{rest}, write the one meant"
    )


# A time or an offset with a colon (`10:30`, `1:30:05`, `+05:30`), its parts one or two digits.
_COLON_PARTS = re.compile(r"(?<![\d:])\d{1,2}(?::\d{1,2})+(?![\d:])", re.ASCII)


def _refuse_one_digit_part(text: str) -> None:
    """dateutil and ISO 8601's reader take one digit after a colon for that many minutes or
    seconds (`2025-12-01 10:3` as 10:03, `+5:3` as +05:03), where `10:3` is as likely a time cut
    short (10:30 to 10:39): no clock writes them so. Only in a date that reads with two."""
    for found in _COLON_PARTS.finditer(text):
        parts = found[0].split(":")
        if all(len(part) == 2 for part in parts[1:]):
            continue
        padded = ":".join(part.zfill(2) for part in parts)
        if _reads_as_full_date(f"{text[: found.start()]}{padded}{text[found.end() :]}"):
            raise DateError(
                f"{text!r} gives {found[0]} with one digit after a colon, which may be cut"
                f" short: write two, {padded} or the time meant"
            )


# What a date gives once: its day in ISO 8601's form, its time with a colon (not an offset's),
# its offset after a space (`+02:00`, `-0500`, not a date's own `-12`).
_ONCE = {
    "dates": re.compile(r"(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?![\d:])", re.ASCII),
    "times": re.compile(r"(?<![\d:+-])\d{1,2}:\d\d(?::\d\d)?(?![\d:])", re.ASCII),
    "offsets": re.compile(r"(?<=\s)[+-]\d\d(?::?\d\d)?(?![\d:])", re.ASCII),
}


def _refuse_two_of_a_kind(text: str) -> None:
    """dateutil and ISO 8601's reader take the last of two times or offsets a text gives
    (`2025-12-01 10:00 11:00` was 11:00), and a second date for a time and an offset
    (`2025-06-01 2025-06-01`, pasted twice, was 20:25 at -05:59): which one was meant, only
    the author knows."""
    for kind, pattern in _ONCE.items():
        found = pattern.findall(text)
        if len(found) > 1:
            raise DateError(f"{text!r} gives two {kind}, {found[0]} and {found[1]}: write one")


# 24:00 in a date in any form (`1 December 2025 24:00`), which dateutil's general parser
# refuses ("hour must be in 0..23"); not with am or pm, which no 24-hour clock takes, nor an
# offset's (`+24:00`, which no zone has).
_HOUR_24_IN_TEXT = re.compile(r"(?<![\d:.+-])24:00(?::00)?(?![\d:.])(?!\s*[ap]\.?m\b)", re.I | re.A)


def _end_of_day(text: str, found: re.Match[str]) -> datetime | None:
    """`text`, which gives the time 24:00 (`found`), as the end of its day, the next day's
    00:00, as ISO 8601 and `2025-12-01 24:00` in front matter read it: `1 December 2025
    24:00` was refused, that hour "must be in 0..23", and a date line refused both."""
    at_midnight = f"{text[: found.start()]}00:00{text[found.end() :]}"
    midnight = _common_form(at_midnight) or _dateutil_full_date(_in_dateutils_words(at_midnight))
    if midnight is None:
        return None
    _refuse_other_weekday(text, midnight)  # the weekday of the day written, as the author wrote
    try:
        return midnight + timedelta(days=1)
    except OverflowError:  # 9999-12-31
        raise _after_the_last_year(text) from None


def _zone_with_offset(found: re.Match[str]) -> bool:
    """Whether `found` is a zone's name with an offset. `GMT+3`: POSIX, and so dateutil, read
    it as three hours behind GMT; people mean ahead. After another name staticfeed knows,
    dateutil drops the name's own offset (`EST+1` was -01:00, `Z+02:00` -02:00), as it does
    after any word in capitals joined to one (`BST+1`, `IST+05:30`), which it takes for a
    zone's name: but for a month's or a weekday's (`DEC-01-2025`), AM, PM and ISO 8601's T."""
    name = found["name"]
    if name.upper() in _ZONE_NAMES or name.upper() in _ONE_OFFSET_NAMES:
        return True
    if found["space"] or not name.isupper():
        return False
    word = name.lower()
    return word not in _MONTHS and word not in _WEEKDAYS and word not in ("am", "pm", "t")


def _in_dateutils_words(text: str) -> str:
    """`text` with the zone names, the `A.M.` and `P.M.` and the times it gives as dateutil
    reads them: `CEST` for `cest`, `PM` for `P.M.`, `10:30 pm` for `10.30 pm`."""
    text = _ZONE_NAME_WORD.sub(lambda name: name[0].upper(), text)
    text = _DOTTED_TIME.sub(r"\g<hour>:\g<minute>", text)
    return _DOTTED_AM_PM.sub(lambda found: f"{found['space']}{found['letter'].upper()}M", text)


# A time with a dot or a comma for its colon before am or pm (`10.30 pm`, as British style
# guides write it): dateutil dropped its minutes (22:00), or could not read it (`9.05 pm`).
_DOTTED_TIME = re.compile(
    r"(?<![\d.,:])(?P<hour>\d{1,2})[.,](?P<minute>[0-5]\d)(?=\s*[AaPp]\.?\s*[Mm](?![A-Za-z]))",
    re.ASCII,
)


def _dateutil_full_date(text: str) -> datetime | None:
    _refuse_day_or_month(text)
    letter = _MILITARY_A_OR_P.search(text)
    if letter is not None:
        _zone_named(letter["letter"], None)  # refuses it, as it refuses B or Q
    first = _PARSER.parse(text, default=_DEFAULT_A, tzinfos=_zone_named)
    unlike_default = (
        first.year != _DEFAULT_A.year
        and first.month != _DEFAULT_A.month
        and first.day != _DEFAULT_A.day
    )
    if unlike_default:
        return _year_as_written(text, first)
    second = _PARSER.parse(text, default=_DEFAULT_B, tzinfos=_zone_named)
    same = (first.year, first.month, first.day) == (second.year, second.month, second.day)
    return _year_as_written(text, first) if same else None


def _year_as_written(text: str, moment: datetime) -> datetime:
    """`moment`, in the year `text` writes in four digits when it is under 100 (`0001`), which
    dateutil took for a year in two (2001); DateError for the year 0, which no date has. Not
    when `text` writes the year whole as well, and dateutil read the digits as the time:
    `1 January 2000 0000` is midnight of 2000, as `1 January 2001 0000` is of 2001."""
    padded = re.search(_PADDED_YEAR.format(moment.year % 100), text)
    if not 1969 <= moment.year <= 2068 or padded is None:
        return moment
    if _read_as_time(padded[0], moment) and re.search(rf"(?<!\d){moment.year}(?!\d)", text):
        return moment
    try:
        return moment.replace(year=moment.year % 100)
    except ValueError as error:  # "0000"
        raise DateError(f"{text!r} does not exist: {error}") from None


def _refuse_other_weekday(text: str, full: datetime) -> None:
    """dateutil passes over a weekday that is not the date's (`Monday, June 1, 2025`, a
    Sunday, or `2025-12-01, Thursday`, a Monday), wherever it stands: which of the two is
    wrong, only the author knows."""
    for found in _WORD.finditer(text):
        named = _WEEKDAYS.get(found[0].lower())
        if named is None or named == full.weekday():
            continue
        raise WeekdayConflict(
            f"{text!r} names a {_DAY_NAMES[named]}, but {full.date().isoformat()} is a "
            f"{_DAY_NAMES[full.weekday()]}{_calendar_named(full.date())}",
            _without_word(text, found),
        )


def _without_word(text: str, found: re.Match[str]) -> str:
    """`text` without the word `found`, the marks that set it apart and its dot (`Mon.,`,
    `(Thursday)`): `June 1, 2025` for `Monday, June 1, 2025`."""
    before = text[: found.start()].rstrip(" ,(")
    after = text[found.end() :].removeprefix(".").lstrip(" ,)")
    return f"{before} {after}".strip()


# Greece, the last country to leave the Julian calendar, took up the Gregorian one on this day.
_GREGORIAN_EVERYWHERE = date(1923, 3, 1)


def _calendar_named(day: date) -> str:
    """Which calendar a weekday is checked in, for a date some country wrote in the Julian one:
    Python's, as ISO 8601's, is the Gregorian, also before 1582 (the proleptic calendar), and
    `Thu, 01 Jan 1500` was refused with no word of why 1500-01-01 is a Monday."""
    if day >= _GREGORIAN_EVERYWHERE:
        return ""
    return (
        " in the Gregorian calendar, which dates are read in, as in ISO 8601, also before a"
        " country took it up (from 1582 to 1923): a date in the Julian calendar is another day"
    )


def localize(moment: datetime, tz: tzinfo) -> datetime:
    """Attach `tz` to a wall time, refusing times that a daylight-saving change skips
    (`SkippedTime`), and instants Python cannot hold in every zone (before the year 1 or after
    9999 in UTC). A wall time the clocks show twice is the first of the two."""
    if moment.tzinfo is not None:
        _in_utc_or_error(moment)
        return moment
    aware = moment.replace(tzinfo=tz)
    round_trip = _in_utc_or_error(aware).astimezone(tz)
    if round_trip.replace(tzinfo=None) != moment:
        # The author most likely read a clock not yet changed: say what that time is.
        raise SkippedTime(
            f"{moment.isoformat(sep=' ')} does not exist in {tz} (the clocks skip it; "
            f"{moment.time().isoformat()} by the clocks before they changed is "
            f"{round_trip.isoformat(sep=' ')})"
        )
    return aware


def in_zone(moment: datetime, tz: tzinfo) -> datetime:
    """`moment` in `tz`, to the second, with its offset, as front matter that writes it gives it
    back; a naive one is a wall time there, and SkippedTime when the clocks skip it. DateError
    for an instant `tz` puts past the years Python holds (9999-12-31 23:30 UTC is the year 10000
    in Kyiv)."""
    aware = localize(moment, tz)
    try:
        local = aware.astimezone(tz)
    except OverflowError:
        raise DateError(
            f"{aware.isoformat(sep=' ')} is out of range: in {tz} it falls before the year 1 or "
            "after 9999"
        ) from None
    # Not `tz` itself: Python compares two times in one zone by their clocks, and in the hour
    # the clocks go back 02:15 the second time (+01:00 in Berlin) came before 02:30 the first.
    return local.replace(tzinfo=timezone(local.utcoffset() or timedelta(0)), microsecond=0)


def start_of_day(day: date, tz: tzinfo) -> datetime:
    """The first instant of `day` in `tz`: midnight, or, on a day whose midnight the clocks
    skip (America/Santiago on 2025-09-07 goes from 00:00 -04:00 to 01:00 -03:00), the end of
    that gap. A day the clocks skip whole (Pacific/Apia, 2011-12-30) is an error."""
    midnight = datetime.combine(day, time())
    try:
        return localize(midnight, tz)
    except SkippedTime:
        pass
    # In a gap, the offset before it (fold=0) makes midnight an instant after the change, and
    # the offset after it (fold=1) an instant before: the change is between the two.
    after = _in_utc_or_error(midnight.replace(tzinfo=tz))
    before = _in_utc_or_error(midnight.replace(tzinfo=tz, fold=1))
    while after - before > timedelta(seconds=1):  # zones change their offsets on a second
        middle = before + (after - before) // 2
        if middle.astimezone(tz).date() < day:
            before = middle
        else:
            after = middle
    first = after.replace(microsecond=0).astimezone(tz)
    if first.date() != day:
        raise SkippedTime(f"{day} does not exist in {tz} (the clocks skip the whole day)")
    return first


def _in_utc_or_error(moment: datetime) -> datetime:
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01 in Kyiv is still the year 0 in UTC
        raise DateError(
            f"{moment.isoformat(sep=' ')} is out of range: in UTC it falls before the year 1 or "
            "after 9999"
        ) from None


def in_utc(moment: datetime) -> datetime:
    """The instant `moment` (aware) is, in UTC: sorting by it asks each zone for its offset
    once, not at every comparison of two moments in different zones (dateutil's, in Python,
    among them)."""
    return moment.astimezone(UTC)


def rfc822(moment: datetime) -> str:
    """RSS date: English names and a numeric offset whatever the process locale. An offset
    that is not a whole or half hour (Kathmandu's +0545, Chatham's +1345, Amsterdam's +0120 in
    1938) makes the W3C Feed Validation Service warn (ProblematicalRFC822Date: it knows the
    zones `[+-]\\d\\d[03]0`): such an instant is written in UTC, +0000."""
    written = writable(moment)
    offset = written.utcoffset()
    if offset is not None and offset % timedelta(minutes=30):
        written = written.astimezone(UTC)
    return email.utils.format_datetime(written)


# The year of an RFC 822 date, after its month's name: "01 Jan 0001".
_RFC822_YEAR = re.compile(r"[A-Za-z]{3}\s+(\d{4})\s", re.ASCII)


def read_rfc822(text: str) -> datetime:
    """An RFC 822 date as email.utils reads it, but for the year: it reads one under 100 as two
    digits (`0001` as 2001, `0068` as 2068), which as four digits is what it says. ValueError
    or TypeError when `text` is not such a date, or not an instant Python can compare (before
    the year 1 in UTC). An offset of `-0000`, which RFC 2822 gives a time in UTC when its
    zone is not known, is UTC, not a time without a zone."""
    moment = email.utils.parsedate_to_datetime(text)
    if moment.tzinfo is None and text.rstrip().endswith("-0000"):
        moment = moment.replace(tzinfo=UTC)  # not a date without a zone, which stays one
    written = _RFC822_YEAR.search(text)
    if written is None or int(written[1]) == moment.year:
        return moment
    moment = moment.replace(year=int(written[1]))  # ValueError for the year 0
    if moment.tzinfo is not None:
        try:
            moment.astimezone(UTC)
        except OverflowError:  # 01 Jan 0001 00:00:00 +0500
            raise ValueError(f"{text!r} falls before the year 1 in UTC") from None
    return moment


# Feed dates, read two ways. `check` holds a feed to the forms the specs give and the W3C Feed
# Validation Service accepts (the strict_ readers): a date in another form is a problem to
# report, since some reader will not read it. `diff`, `pin --from` and `build`'s record of what
# was published read a feed already out (the lenient_ readers): what counts there is the
# instant readers took from it, whatever its form, as feedparser reads it.

_RFC3339 = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)", re.I | re.ASCII
)
# RFC 822's date-time as RSS 2.0 uses it (and the W3C Feed Validation Service reads it): an
# optional weekday, a four-digit year, and a zone as a numeric offset or one of RFC 822's names.
# email.utils reads far more, such as no zone at all or "+02:00" (taken as UTC).
_RFC822 = re.compile(
    r"(?:(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), *)?\d{1,2} "
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? "
    r"(?:[+-]\d{4}|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)",
    re.IGNORECASE | re.ASCII,
)


def strict_rfc3339(text: str) -> datetime | None:
    """An RFC 3339 date-time with an offset, as Atom and JSON Feed write dates; else None."""
    try:
        return datetime.fromisoformat(text.upper()) if _RFC3339.fullmatch(text) else None
    except ValueError:  # 2025-02-30
        return None


def strict_atom_date(text: str) -> datetime | None:
    """`strict_rfc3339`, with the upper-case T and Z that RFC 4287 (section 3.3) requires of
    Atom's dates: the W3C service rejects `2025-12-22t14:30:00z` (InvalidRFC3339Date), and
    Python's own reader of ISO dates cannot read it."""
    return strict_rfc3339(text) if "t" not in text and "z" not in text else None


def strict_rfc822(text: str) -> datetime | None:
    """An RFC 822 date as RSS 2.0 writes it (`_RFC822`), with its weekday if any the date's
    own (the validator's IncorrectDOW); else None."""
    found = _RFC822.fullmatch(text.strip())
    if found is None:
        return None
    try:
        moment = read_rfc822(text)
    except (ValueError, TypeError):
        return None
    weekday = found["weekday"]
    if weekday is not None and weekday.title() != _DAY_NAMES[moment.weekday()][:3]:
        return None  # "Tue, 22 Dec 2025": a Monday
    return moment


def lenient_iso_date(text: str) -> datetime | None:
    """An ISO 8601 date-time in any form Python reads (`2025-12-22 14:30Z`, `+0200`, no
    seconds, `t` and `z` in lower case as RFC 3339 allows), as Atom, JSON Feed and RSS 1.0's
    dc:date carry dates; None when it is not one. One without an offset is in UTC, as
    feedparser reads it: taken for no date, `pin --from` matched by title alone."""
    try:
        moment = datetime.fromisoformat(text.upper())  # it reads "T" and "Z" alone
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def lenient_rfc822(text: str) -> datetime | None:
    """An RSS date as email.utils reads it (`read_rfc822`): two-digit years, any weekday or
    none, the zone names of RFC 822 and a few more; None when it is not one, or gives no
    zone."""
    try:
        moment = read_rfc822(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def iso(moment: datetime) -> str:
    """RFC 3339, as Atom and JSON Feed need it, in whole seconds (see `writable`)."""
    return writable(moment).isoformat()


def writable(moment: datetime) -> datetime:
    """`moment` as feeds and pages write it, for a library that formats it itself (feedgen's
    Atom <updated>): in whole seconds, and with an offset that feed dates can carry.

    A fraction of a second (`10:00:00.5+02:00`) is dropped, as RSS dates drop it: newsboat read
    `2025-06-03T10:00:00.500000+02:00` as 10:00 UTC, and HTML's <time datetime> allows at most
    three digits. Before time zones were standard, zones had offsets such as +02:02:04 (Kyiv
    until 1924), which neither RFC 3339 nor RFC 822 can write: such an instant is written in
    UTC instead."""
    offset = moment.utcoffset()
    if offset is None or offset % timedelta(minutes=1):
        moment = moment.astimezone(UTC)
    return moment.replace(microsecond=0)


def date_text(moment: datetime) -> str:
    """`2025-12-22`, or `2025-12-22 14:00 +02:00` with a time of day, in the date's own offset:
    a date as people read it, in no language. The year has four digits (`0001-06-01`), which
    strftime's `%Y` does not give on every system."""
    if moment.time() == time():
        return moment.date().isoformat()
    return utc_offset_text(moment)


def utc_offset_text(moment: datetime) -> str:
    """`2025-12-22 14:00 +02:00`, with the seconds when they are not zero (`14:00:40`): an
    entry due at 17:30:40 is not due at 17:30. So with the offset's (`_format_offset`)."""
    offset = moment.utcoffset() or timedelta(0)
    clock = f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"
    return f"{moment.date().isoformat()} {clock} {_format_offset(offset)}"


def clock_text(moment: datetime, tz: tzinfo) -> str:
    """`moment` as a clock in `tz` shows it, to the minute, with the offset (`2025-12-22 00:00
    +02:00`): an instant, such as now, which `date_text` would show as a date at midnight."""
    return utc_offset_text(moment.astimezone(tz).replace(second=0, microsecond=0))


def front_matter_date(moment: datetime, tz: tzinfo) -> str:
    """`moment` as an imported entry's front matter writes it. A wall time in `tz`, the zone
    the build reads the entry's dates in, as an author writes it (`2025-12-22`, `2025-12-22
    14:30`); any other with its offset, as the build would read its wall time in `tz` (`import
    --timezone America/New_York` in a publication in Europe/Berlin: 10:00 there is 16:00 here)."""
    if not _same_zone(moment.tzinfo, tz) or _second_of_two(moment):
        return moment.isoformat()
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        return moment.date().isoformat()  # four digits of year: strftime's %Y can give "1"
    clock = moment.strftime("%H:%M:%S" if moment.second else "%H:%M")
    return f"{moment.date().isoformat()} {clock}"


def _second_of_two(moment: datetime) -> bool:
    """Whether `moment` is the second of two instants its wall time names (02:30 the night the
    clocks go back), which the build would read, written bare, as the first (`localize`)."""
    return moment.fold == 1 and moment.replace(fold=0).utcoffset() != moment.utcoffset()


def _same_zone(one: tzinfo | None, other: tzinfo) -> bool:
    if one is other:
        return True
    return isinstance(one, ZoneInfo) and isinstance(other, ZoneInfo) and one.key == other.key


def _format_offset(offset: timedelta) -> str:
    """`+02:00`, with the seconds of an offset that has them, as zones had before time zones
    were standard (`+02:02:04`, Kyiv until 1924; `-00:25:21`, Dublin until 1916): cut to the
    minute, it named another instant, and a negative one was rounded away from zero (-00:26)."""
    sign = "+" if offset >= timedelta(0) else "-"
    minutes, seconds = divmod(abs(int(offset.total_seconds())), 60)
    text = f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{text}:{seconds:02d}" if seconds else text
