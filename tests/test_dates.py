"""Dates as authors write them, time zones, and the date formats the feeds carry.

Every expected instant below is written out by hand (offsets from the zones' published rules),
and feeds are read back with lxml and email.utils, never with staticfeed's own code.
"""

from __future__ import annotations

import calendar
import json
import locale
import os
import random
import re
import shutil
import subprocess
import time
import tomllib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import lxml.html
import pytest
from click.testing import CliRunner
from dateutil import parser as dateutil_parser

from staticfeed.cli import cli
from staticfeed.dates import DateError, front_matter_date, parse_date, read_rfc822
from tests.conftest import BASIC_CONFIG, NS, build_and_read, invoke_build, read_xml

Site = Callable[..., Path]
KYIV = "Europe/Kyiv"
NEW_YORK = "America/New_York"
SANTIAGO = "America/Santiago"

# RFC 822 section 5 (as used by RSS 2.0), with the four-digit year RSS readers expect.
RFC822 = re.compile(
    r"^(?P<weekday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?P<day>\d{1,2}) "
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<year>\d{4}) "
    r"\d{2}:\d{2}:\d{2} [+-]\d{4}$"
)
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def at(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, offset: float = 0
) -> datetime:
    """An aware datetime with a fixed UTC offset in hours."""
    return datetime(year, month, day, hour, minute, tzinfo=timezone(timedelta(hours=offset)))


def config_in(zone: str) -> str:
    return BASIC_CONFIG + f'timezone = "{zone}"\n'


def yaml_entry(date_value: str, extra: str = "") -> str:
    return f"---\ntitle: An entry\ndate: {date_value}\n{extra}---\nThe body.\n"


def refused_build() -> str:
    """The stderr of a build that must fail on bad input, writing no feed."""
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert not Path("feeds/atom.xml").exists()
    return result.stderr


FRONT_MATTER_FIX = "Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00."
DATE_LINE_FIX = (
    "Write the date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22 14:30 +02:00, or give it"
    " in front matter (date: 2025-12-22)."
)


def toml_entry(date_value: str) -> str:
    return f'+++\ntitle = "An entry"\ndate = {date_value}\n+++\nThe body.\n'


def check_rfc822(text: str) -> datetime:
    """An RFC 822 date whose names are English and whose day name fits its date."""
    match = RFC822.match(text)
    assert match, f"not an RFC 822 date with English names and a numeric offset: {text!r}"
    month = MONTHS.index(match["month"]) + 1
    weekday = calendar.weekday(int(match["year"]), month, int(match["day"]))
    assert match["weekday"] == WEEKDAYS[weekday], f"{text!r} names the wrong day"
    return parsedate_to_datetime(text)


def only_entry_dates(site: Site, zone: str, document: str) -> tuple[datetime, datetime, datetime]:
    """(Atom published, Atom updated, RSS pubDate) of a publication with one entry."""
    site(config=config_in(zone), **{"a.md": document})
    atom, rss = build_and_read()
    published = datetime.fromisoformat(atom.findtext("a:entry/a:published", namespaces=NS))
    updated = datetime.fromisoformat(atom.findtext("a:entry/a:updated", namespaces=NS))
    pub_date = check_rfc822(rss.findtext("channel/item/pubDate"))
    return published, updated, pub_date


def published_in_kyiv(site: Site, document: str) -> datetime:
    """The instant the Atom feed publishes the one entry `document` at, built in Kyiv."""
    site(config=config_in(KYIV), **{"a.md": document})
    atom, _ = build_and_read()
    return datetime.fromisoformat(atom.findtext("a:entry/a:published", namespaces=NS))


def assert_same_moment(actual: datetime, expected: datetime, *, offset: bool) -> None:
    assert actual.tzinfo is not None, actual
    assert actual == expected, (actual.isoformat(), expected.isoformat())
    if offset:
        assert actual.utcoffset() == expected.utcoffset(), (actual.isoformat(), expected)


# (front-matter value, config timezone, the instant and offset it stands for)
WALL_TIMES = [
    pytest.param("2025-12-22", "UTC", at(2025, 12, 22), id="iso-date-utc"),
    pytest.param("2025-12-22", KYIV, at(2025, 12, 22, offset=2), id="date-is-midnight"),
    pytest.param("2025-07-01", NEW_YORK, at(2025, 7, 1, offset=-4), id="date-in-summer"),
    pytest.param("2025-07-01 09:00", KYIV, at(2025, 7, 1, 9, 0, 3), id="kyiv-summer"),
    pytest.param("2025-01-15 09:00", KYIV, at(2025, 1, 15, 9, 0, 2), id="kyiv-winter"),
    pytest.param("2025-03-30 02:30", KYIV, at(2025, 3, 30, 2, 30, 2), id="kyiv-before-dst"),
    pytest.param("2025-03-30 04:30", KYIV, at(2025, 3, 30, 4, 30, 3), id="kyiv-after-dst"),
    pytest.param("2025-10-26 05:00", KYIV, at(2025, 10, 26, 5, 0, 2), id="kyiv-after-fall"),
    pytest.param("2025-03-09 01:30", NEW_YORK, at(2025, 3, 9, 1, 30, -5), id="ny-before"),
    pytest.param("2025-03-09 03:30", NEW_YORK, at(2025, 3, 9, 3, 30, -4), id="ny-after"),
    pytest.param(
        "2025-12-22T14:05:09", KYIV, at(2025, 12, 22, 14, 5, 2) + timedelta(0, 9), id="iso-t"
    ),
    pytest.param("Monday, December 22, 2025", KYIV, at(2025, 12, 22, offset=2), id="human-date"),
    pytest.param("December 22, 2025 9:30 PM", NEW_YORK, at(2025, 12, 22, 21, 30, -5), id="12h"),
    pytest.param("22/12/2025", "UTC", at(2025, 12, 22), id="day-first-when-unambiguous"),
    # Days whose midnight the clocks skip (00:00 is 01:00 at once): a date alone is the day's
    # first instant, 01:00 in the new offset.
    pytest.param("2025-09-07", SANTIAGO, at(2025, 9, 7, 1, 0, -3), id="santiago-no-midnight"),
    pytest.param("2025-03-09", "America/Havana", at(2025, 3, 9, 1, 0, -4), id="havana"),
    pytest.param("2025-03-30", "Asia/Beirut", at(2025, 3, 30, 1, 0, 3), id="beirut"),
    # Toronto's clocks went from 23:30 on 30 March 1919 to 00:30 on the 31st: that day began
    # at 00:30 -04:00 (04:30 UTC; a second before, Toronto's clocks read the 30th), not 01:00.
    pytest.param("1919-03-31", "America/Toronto", at(1919, 3, 31, 0, 30, -4), id="toronto-1919"),
    pytest.param("September 7, 2025", SANTIAGO, at(2025, 9, 7, 1, 0, -3), id="words-no-midnight"),
    pytest.param('"2025-09-07"', SANTIAGO, at(2025, 9, 7, 1, 0, -3), id="text-no-midnight"),
    # ISO 8601 week dates (Monday is day 1; week 1 holds the year's first Thursday) and ordinal
    # dates (the day of the year): "cannot read '2025-W52-1' as a date".
    pytest.param("2025-W52-1", KYIV, at(2025, 12, 22, offset=2), id="week-date"),
    pytest.param("2025W521", KYIV, at(2025, 12, 22, offset=2), id="week-date-basic"),
    pytest.param("2025-W01-1", "UTC", at(2024, 12, 30), id="week-1-starts-in-december"),
    pytest.param("2020-W53-1", "UTC", at(2020, 12, 28), id="a-year-with-53-weeks"),
    pytest.param("2025-W52-1T14:30", KYIV, at(2025, 12, 22, 14, 30, 2), id="week-date-time"),
    pytest.param("2025-356", KYIV, at(2025, 12, 22, offset=2), id="ordinal-date"),
    pytest.param('"2025356"', KYIV, at(2025, 12, 22, offset=2), id="ordinal-date-basic"),
    pytest.param("2024-366 23:00", KYIV, at(2024, 12, 31, 23, 0, 2), id="ordinal-leap-year"),
    pytest.param("2025-W36-7", SANTIAGO, at(2025, 9, 7, 1, 0, -3), id="week-date-no-midnight"),
]

# Values with their own offset: that instant, whatever the config's zone.
INSTANTS = [
    pytest.param("2025-12-22T14:00:00+02:00", NEW_YORK, at(2025, 12, 22, 14, 0, 2)),
    pytest.param("2025-12-22T14:00:00Z", KYIV, at(2025, 12, 22, 14)),
    pytest.param("2025-12-22T14:00:00-03:30", "UTC", at(2025, 12, 22, 14, 0, -3.5)),
    pytest.param("22 Dec 2025 14:00 +0200", NEW_YORK, at(2025, 12, 22, 14, 0, 2)),
    pytest.param("Mon, 22 Dec 2025 14:00:00 -0500", KYIV, at(2025, 12, 22, 14, 0, -5)),
    pytest.param("2025-W52-1T14:00:00+05:30", KYIV, at(2025, 12, 22, 14, 0, 5.5)),
    pytest.param("2025-356T14:00:00Z", KYIV, at(2025, 12, 22, 14)),
]


@pytest.mark.parametrize(("value", "zone", "expected"), WALL_TIMES)
def test_front_matter_wall_time_is_in_the_config_zone(
    site: Site, value: str, zone: str, expected: datetime
) -> None:
    published, updated, pub_date = only_entry_dates(site, zone, yaml_entry(value))
    assert_same_moment(published, expected, offset=True)
    assert_same_moment(updated, expected, offset=True)  # updated defaults to date
    assert_same_moment(pub_date, expected, offset=True)


@pytest.mark.parametrize(("value", "zone", "expected"), INSTANTS)
def test_front_matter_date_with_offset_is_that_instant(
    site: Site, value: str, zone: str, expected: datetime
) -> None:
    published, updated, pub_date = only_entry_dates(site, zone, yaml_entry(value))
    assert_same_moment(published, expected, offset=False)
    assert_same_moment(updated, expected, offset=False)
    assert_same_moment(pub_date, expected, offset=False)


@pytest.mark.parametrize(
    ("value", "zone", "expected", "offset"),
    [
        pytest.param(
            "2025-12-22T14:00:00+02:00",
            NEW_YORK,
            at(2025, 12, 22, 14, 0, 2),
            False,
            id="offset-datetime",
        ),
        pytest.param("2025-12-22T14:00:00Z", KYIV, at(2025, 12, 22, 14), False, id="utc"),
        pytest.param(
            "2025-07-01T09:00:00", KYIV, at(2025, 7, 1, 9, 0, 3), True, id="local-datetime-summer"
        ),
        pytest.param(
            "2025-01-15 09:00:00", KYIV, at(2025, 1, 15, 9, 0, 2), True, id="local-datetime-winter"
        ),
        pytest.param(
            "2025-03-09T03:30:00", NEW_YORK, at(2025, 3, 9, 3, 30, -4), True, id="local-after-dst"
        ),
        pytest.param("2025-12-22", KYIV, at(2025, 12, 22, offset=2), True, id="local-date"),
        pytest.param('"2025-07-01 09:00"', KYIV, at(2025, 7, 1, 9, 0, 3), True, id="string"),
        pytest.param("2025-09-07", SANTIAGO, at(2025, 9, 7, 1, 0, -3), True, id="no-midnight"),
    ],
)
def test_toml_native_dates(
    site: Site, value: str, zone: str, expected: datetime, offset: bool
) -> None:
    published, updated, pub_date = only_entry_dates(site, zone, toml_entry(value))
    assert_same_moment(published, expected, offset=offset)
    assert_same_moment(updated, expected, offset=offset)
    assert_same_moment(pub_date, expected, offset=offset)


@pytest.mark.parametrize(
    ("line", "zone", "expected", "offset"),
    [
        ("Monday, December 22, 2025", KYIV, at(2025, 12, 22, offset=2), True),
        ("2025-12-22", NEW_YORK, at(2025, 12, 22, offset=-5), True),
        ("*22 December 2025*", "UTC", at(2025, 12, 22), True),
        ("22 Dec 2025 14:00 +0200", NEW_YORK, at(2025, 12, 22, 14, 0, 2), False),
        ("July 1, 2025 09:00", KYIV, at(2025, 7, 1, 9, 0, 3), True),
        ("September 7, 2025", SANTIAGO, at(2025, 9, 7, 1, 0, -3), True),
        # 60 characters, the longest line read as a date.
        (
            "Wednesday, September 17th, 2025, at 02:30:00.000 p.m. +02:00",
            KYIV,
            at(2025, 9, 17, 14, 30, 2),
            True,
        ),
    ],
)
def test_date_line_of_a_document_without_front_matter(
    site: Site, line: str, zone: str, expected: datetime, offset: bool
) -> None:
    document = f"{line}\n\n# A title\n\nThe body.\n"
    published, updated, pub_date = only_entry_dates(site, zone, document)
    assert_same_moment(published, expected, offset=offset)
    assert_same_moment(updated, expected, offset=offset)
    assert_same_moment(pub_date, expected, offset=offset)


@pytest.mark.parametrize(
    ("zone", "document", "line", "shown"),
    [
        pytest.param(NEW_YORK, yaml_entry("2025-03-09 02:30"), 3, "02:30", id="ny-yaml"),
        pytest.param(KYIV, yaml_entry("2025-03-30 03:30"), 3, "03:30", id="kyiv-yaml"),
        pytest.param(NEW_YORK, toml_entry("2025-03-09T02:15:00"), 3, "02:15", id="toml"),
        pytest.param(
            NEW_YORK,
            yaml_entry("2025-03-01", extra="updated: 2025-03-09 02:45\n"),
            4,
            "02:45",
            id="updated",
        ),
    ],
)
def test_wall_time_skipped_by_daylight_saving_is_an_error(
    site: Site, zone: str, document: str, line: int, shown: str
) -> None:
    folder = site(config=config_in(zone), **{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    assert result.stderr.startswith(f"Error: entries/a.md:{line}:"), result.stderr
    assert shown in result.stderr
    assert not (folder / "feeds").exists()


def test_a_wall_time_the_clocks_show_twice_is_the_first_unless_an_offset_says(
    site: Site,
) -> None:
    # Kyiv, 26 October 2025: at 04:00 +03:00 the clocks went back to 03:00 +02:00.
    first = yaml_entry("2025-10-26 03:30").replace("An entry", "First")
    second = yaml_entry("2025-10-26 03:30 +02:00").replace("An entry", "Second")
    site(config=config_in(KYIV), **{"a.md": first, "b.md": second})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    entries = feedparser.parse("feeds/atom.xml").entries
    published = {entry.title: entry.published for entry in entries}
    assert published == {
        "First": "2025-10-26T03:30:00+03:00",  # 00:30 UTC
        "Second": "2025-10-26T03:30:00+02:00",  # 01:30 UTC, an hour later
    }
    assert [entry.title for entry in entries] == ["Second", "First"]


@pytest.mark.parametrize(
    ("zone", "value", "written", "then"),
    [
        # Only a date alone means the day's first instant; a time the author wrote is that time.
        (SANTIAGO, "2025-09-07 00:00", "2025-09-07 00:00:00", "2025-09-07 01:00:00-03:00"),
        (SANTIAGO, "2025-09-07T00:00:00", "2025-09-07 00:00:00", "2025-09-07 01:00:00-03:00"),
        (SANTIAGO, "September 7, 2025 00:00", "2025-09-07 00:00:00", "2025-09-07 01:00:00-03:00"),
        # Midnight as people write it beside an ISO date: only dateutil's general parser reads it.
        (SANTIAGO, "2025-09-07 12am", "2025-09-07 00:00:00", "2025-09-07 01:00:00-03:00"),
        (SANTIAGO, "2025-09-07 00:30", "2025-09-07 00:30:00", "2025-09-07 01:30:00-03:00"),
        # 02:00 +01:00 became 03:00 +02:00.
        ("Europe/Berlin", "2025-03-30 02:30", "2025-03-30 02:30:00", "2025-03-30 03:30:00+02:00"),
        # Lord Howe moves its clocks half an hour: 02:00 +10:30 became 02:30 +11:00.
        (
            "Australia/Lord_Howe",
            "2025-10-05 02:15",
            "2025-10-05 02:15:00",
            "2025-10-05 02:45:00+11:00",
        ),
        # Chatham changes at 02:45 +12:45, to 03:45 +13:45.
        ("Pacific/Chatham", "2025-09-28 03:00", "2025-09-28 03:00:00", "2025-09-28 04:00:00+13:45"),
        # London skips 01:00-02:00; 01:01:01 is a time written, if one that looks like no time
        # to a second read with that default.
        (
            "Europe/London",
            "30.03.2025 01:01:01",
            "2025-03-30 01:01:01",
            "2025-03-30 02:01:01+01:00",
        ),
    ],
)
def test_a_skipped_time_is_an_error_that_gives_it_by_the_clocks_before_the_change(
    site: Site, zone: str, value: str, written: str, then: str
) -> None:
    # "does not exist (the clocks skip it)" left the author to work out what to write instead;
    # most likely they read a clock not yet changed.
    site(config=config_in(zone), **{"a.md": yaml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {written} does not exist in {zone} (the clocks skip it; "
        f"{written[11:]} by the clocks before they changed is {then}). Write date like "
        "2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


def test_a_day_the_clocks_skip_whole_is_an_error(site: Site) -> None:
    # Samoa moved across the date line: 29 December 2011 was followed by the 31st.
    site(config=config_in("Pacific/Apia"), **{"a.md": yaml_entry("2011-12-30")})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/a.md:3: date: 2011-12-30 does not exist in Pacific/Apia (the clocks skip "
        "the whole day). Write date like 2025-12-22, 2025-12-22 14:30 or "
        "2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "line"),
    [("2025-13-01", 3), ("December 2025", 3), ("someday", 3), ("[2025, 12, 22]", 3)],
)
def test_unreadable_date_is_an_error_naming_the_line(site: Site, value: str, line: int) -> None:
    site(**{"a.md": yaml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: entries/a.md:{line}:"), result.stderr
    assert "date" in result.stderr


@pytest.mark.parametrize(
    ("value", "why"),
    [
        pytest.param("2025-02-29", "day is out of range for month", id="not-a-leap-year"),
        pytest.param('"Feb 29, 2025"', "day is out of range for month", id="in-words"),
        pytest.param("2025-04-31 10:00", "day is out of range for month", id="april-31"),
        pytest.param("2025-12-22 14:61", "minute must be in 0..59", id="minute-61"),
        pytest.param("2016-12-31T23:59:60Z", "second must be in 0..59", id="leap-second"),
        # A year of five digits, not 12/01/2025 and a 1 after it (which reads both ways).
        pytest.param('"12/01/20251"', "year 20251 is out of range", id="year-20251"),
        # dateutil read it as week 1 of 2026, 2025-12-29.
        pytest.param("2025-W53-1", "2025 has 52 weeks", id="week-53"),
    ],
)
def test_a_date_that_does_not_exist_is_an_error_that_says_why(
    site: Site, value: str, why: str
) -> None:
    # It said "cannot read '2025-02-29' as a date", and to write it like 2025-12-22, as it was.
    site(**{"a.md": yaml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    written = value.strip('"')
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {written!r} does not exist: {why}. Write date "
        "like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        pytest.param("2016-12-31T23:59:60Z", "second must be in 0..59", id="leap-second"),
        pytest.param("2016-12-31 23:59:60 # UTC's last", "second must be in 0..59", id="local"),
        pytest.param("2025-02-29", "day is out of range for month", id="not-a-leap-year"),
        pytest.param("2025-06-01T25:00:00+02:00", "hour must be in 0..23", id="hour-25"),
    ],
)
def test_a_toml_date_that_does_not_exist_is_an_error_that_says_why(
    site: Site, value: str, why: str
) -> None:
    # tomllib's own words: "invalid TOML: Expected newline or end of document after a
    # statement. Fix the TOML syntax." (or "Invalid date or datetime"), of a leap second.
    folder = site(**{"a.md": toml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    written = value.partition(" #")[0]
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {written!r} does not exist: {why}. Write date "
        "like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        # Midnight ending 1 December in Kyiv (+02:00 in winter) is 22:00 UTC.
        ("2025-12-01 24:00", datetime(2025, 12, 1, 22, tzinfo=UTC)),
        # dateutil's other forms said "does not exist: hour must be in 0..23".
        ("1 December 2025 24:00", datetime(2025, 12, 1, 22, tzinfo=UTC)),
        ('"December 1, 2025 24:00:00"', datetime(2025, 12, 1, 22, tzinfo=UTC)),
        ('"Mon, 01 Dec 2025 24:00:00 +0000"', datetime(2025, 12, 2, tzinfo=UTC)),
        ("31 Dec 2025 24:00 UTC", datetime(2026, 1, 1, tzinfo=UTC)),
    ],
)
def test_24_00_is_the_end_of_its_day_in_any_form(site: Site, value: str, instant: datetime) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    atom, _ = build_and_read()
    published = atom.findtext("a:entry/a:published", namespaces=NS)
    assert datetime.fromisoformat(published) == instant


@pytest.mark.parametrize("value", ["2025-12-01T10:30+24:00", "2025-12-01 10:30 -24:00"])
def test_an_offset_of_24_hours_is_no_end_of_a_day(site: Site, value: str) -> None:
    # No zone is 24 hours from UTC, and Python's offsets are less: no date.
    site(**{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: cannot read '{value}' as a date. Write date like"
        " 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


def test_24_00_after_a_weekday_names_the_day_it_ends(site: Site) -> None:
    # 1 December 2025 is a Monday: its 24:00 is Tuesday's 00:00, but the weekday written is
    # the day's whose time it is.
    site(**{"a.md": yaml_entry('"Tue, 01 Dec 2025 24:00:00 +0000"')})
    assert refused_build() == (
        "Error: entries/a.md:3: date: 'Tue, 01 Dec 2025 24:00:00 +0000' names a Tuesday, but"
        " 2025-12-01 is a Monday. Write date like 2025-12-22, 2025-12-22 14:30 or"
        " 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("document", "written"),
    [
        pytest.param(toml_entry("9999-12-31T24:00:00Z"), "9999-12-31T24:00:00Z", id="toml"),
        pytest.param(yaml_entry('"9999-12-31 24:00"'), "9999-12-31 24:00", id="yaml"),
        pytest.param(
            yaml_entry("9999-12-31T24:00:00+02:00"), "9999-12-31T24:00:00+02:00", id="offset"
        ),
        pytest.param(yaml_entry("31 December 9999 24:00"), "31 December 9999 24:00", id="words"),
    ],
)
def test_24_00_on_the_last_day_of_9999_is_past_the_last_year(
    site: Site, document: str, written: str
) -> None:
    # ISO 8601's 24:00 is the end of the day, the next day's 00:00: 10000-01-01, which no date
    # staticfeed reads has. It said "does not exist: hour must be in 0..23", which 24:00 is not
    # wrong to be on any other day.
    folder = site(**{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {written!r} is out of range: 24:00 is the next day,"
        " 10000-01-01, which falls after 9999. Write date like 2025-12-22, 2025-12-22 14:30 or"
        " 2025-12-22T14:30:00+02:00.\n"
    )
    assert not (folder / "feeds").exists()


# RFC 3339, whose date-times TOML's are, has no 24:00, which YAML front matter reads as ISO 8601
# does, the end of the day: the next day's 00:00, in TOML 1.0 and 1.1 alike.
@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(
            "2025-06-01T24:00:00Z",
            "'2025-06-01T24:00:00Z' gives 24:00, which TOML's dates do not have. Write the next "
            "day's 00:00, 2025-06-02T00:00:00Z.",
            id="24:00",
        ),
        pytest.param(
            "2025-12-31T24:00:00+02:00",
            "'2025-12-31T24:00:00+02:00' gives 24:00, which TOML's dates do not have. Write the "
            "next day's 00:00, 2026-01-01T00:00:00+02:00.",
            id="24:00-new-year",
        ),
        pytest.param(
            "2025-02-28 24:00:00",
            "'2025-02-28 24:00:00' gives 24:00, which TOML's dates do not have. Write the next "
            "day's 00:00, 2025-03-01 00:00:00.",
            id="24:00-local-end-of-february",
        ),
        pytest.param(
            "2024-02-28T24:00Z",
            "'2024-02-28T24:00Z' gives 24:00, which TOML's dates do not have. Write the next "
            "day's 00:00, 2024-02-29T00:00:00Z.",
            id="24:00-leap-day-no-seconds",
        ),
    ],
)
def test_a_toml_date_tomllib_calls_bad_syntax_says_how_to_write_it(
    site: Site, value: str, message: str
) -> None:
    # tomllib (Python 3.11) said "invalid TOML: Expected newline or end of document after a
    # statement. Fix the TOML syntax." of each.
    folder = site(**{"a.md": toml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: entries/a.md:3: date: {message}\n"
    assert not (folder / "feeds").exists()


def _tomllib_reads_times_without_seconds() -> bool:
    """TOML 1.0 requires a time's seconds and TOML 1.1 does not: which one this Python's
    tomllib follows (3.11's, 1.0)."""
    try:
        tomllib.loads("x = 1979-05-27T07:32")
    except tomllib.TOMLDecodeError:
        return False
    return True


# (the value, as it is with seconds, the instant and offset it stands for in Kyiv)
TOML_TIMES_WITHOUT_SECONDS = [
    pytest.param("2025-06-01T10:00Z", "2025-06-01T10:00:00Z", at(2025, 6, 1, 10), id="utc"),
    pytest.param("2025-06-01 10:00", "2025-06-01 10:00:00", at(2025, 6, 1, 10, 0, 3), id="local"),
    pytest.param(
        "2025-06-01t10:00+02:00 # morning",
        "2025-06-01t10:00:00+02:00",
        at(2025, 6, 1, 10, 0, 2),
        id="offset-and-comment",
    ),
]


@pytest.mark.parametrize(("value", "with_seconds", "moment"), TOML_TIMES_WITHOUT_SECONDS)
def test_a_toml_time_without_seconds_says_how_to_write_it_or_is_read(
    site: Site, value: str, with_seconds: str, moment: datetime
) -> None:
    # TOML 1.0 refuses it, and tomllib (Python 3.11) said "invalid TOML: Expected newline or
    # end of document after a statement. Fix the TOML syntax.": the error asks for the seconds.
    # A tomllib that reads TOML 1.1 reads it, and so the date is read, as YAML front matter's.
    folder = site(config=config_in(KYIV), **{"a.md": toml_entry(value)})
    result = invoke_build()
    if _tomllib_reads_times_without_seconds():
        assert result.exit_code == 0, result.output
        atom = read_xml(folder / "feeds" / "atom.xml")
        published = atom.findtext("a:entry/a:published", namespaces=NS)
        assert_same_moment(datetime.fromisoformat(published), moment, offset=True)
        return
    written = value.partition(" #")[0]
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {written!r} has no seconds, which TOML requires. Write "
        f"{with_seconds}, or put the date in quotes.\n"
    )
    assert not (folder / "feeds").exists()


# A date tomllib refuses inside an array or an inline table, said as at the top level, at its
# line and after the key written before it. The dates are refused by TOML 1.0 and 1.1 alike.
@pytest.mark.parametrize(
    ("front", "line", "message"),
    [
        pytest.param(
            'tags = ["news", 2025-06-01T24:00:00Z]',
            4,
            "tags: '2025-06-01T24:00:00Z' gives 24:00, which TOML's dates do not have. Write the "
            "next day's 00:00, 2025-06-02T00:00:00Z.",
            id="24:00-in-an-array",
        ),
        pytest.param(
            'tags = [\n  "news",\n  2025-02-29, # the day\n]',
            6,
            "tags: '2025-02-29' does not exist: day is out of range for month. Write tags like "
            "2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="no-such-day-in-an-array-over-lines",
        ),
        pytest.param(
            'author = { name = "Ann", since = 2016-12-31T23:59:60Z }',
            4,
            "author.since: '2016-12-31T23:59:60Z' does not exist: second must be in 0..59. Write "
            "author.since like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="leap-second-in-an-inline-table",
        ),
        # Named as the unknown-key error names it once the date is fixed: `since` alone did
        # not say which table it is in.
        pytest.param(
            '[author]\nname = "A"\nsince = 2025-06-01T10:00:00Z\n'
            '[ "author" . x ]\nat = 2025-06-01T24:00:00Z',
            8,
            "author.x.at: '2025-06-01T24:00:00Z' gives 24:00, which TOML's dates do not have. "
            "Write the next day's 00:00, 2025-06-02T00:00:00Z.",
            id="24:00-in-a-table",
        ),
        pytest.param(
            'author = { name = "A", x = { y = 1 }, since = 2025-06-01T24:00:00Z }',
            4,
            "author.since: '2025-06-01T24:00:00Z' gives 24:00, which TOML's dates do not have. "
            "Write the next day's 00:00, 2025-06-02T00:00:00Z.",
            id="24:00-after-an-inline-table-closed",
        ),
        # The inline table's own line has no key before its `{`: it was named `since` alone,
        # as if at the top, though a date in a table is named with it (`author.since`).
        pytest.param(
            'authors = [\n  { name = "A", since = 2020-13-01 },\n]',
            5,
            "authors.since: '2020-13-01' does not exist: month must be in 1..12. Write "
            "authors.since like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="no-such-month-in-an-inline-table-in-an-array-over-lines",
        ),
        pytest.param(
            'authors = [\n  { name = "A" },\n  { name = "B", since = 2020-13-01 },\n]',
            6,
            "authors.since: '2020-13-01' does not exist: month must be in 1..12. Write "
            "authors.since like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="no-such-month-in-the-second-inline-table-of-an-array",
        ),
        pytest.param(
            '[[authors]]\nname = "A"\nlinks = [\n  { url = "https://a.org/", since = 2020-13-01 },'
            "\n]",
            7,
            "authors.links.since: '2020-13-01' does not exist: month must be in 1..12. Write "
            "authors.links.since like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="no-such-month-in-an-array-in-a-table-of-an-array",
        ),
        # An array closed above is none the date is in.
        pytest.param(
            'tags = [\n  "a",\n]\nauthor = { name = "A", since = 2020-13-01 }',
            7,
            "author.since: '2020-13-01' does not exist: month must be in 1..12. Write "
            "author.since like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="no-such-month-below-an-array-closed",
        ),
        # An array's item on a line of its own, `["a"],`, is written like a table's header:
        # taken for one, it hid the array's key, and tomllib's "Unclosed array" was told.
        pytest.param(
            'x = [\n  ["a"],\n  2020-13-01,\n]',
            6,
            "x: '2020-13-01' does not exist: month must be in 1..12. Write "
            "x like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="no-such-month-below-an-array-item-like-a-header",
        ),
        pytest.param(
            '[[authors]]\nname = "A"\nx = [\n  [1]\n  , 2020-13-01,\n]',
            8,
            "authors.x: '2020-13-01' does not exist: month must be in 1..12. Write "
            "authors.x like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
            id="no-such-month-below-an-array-item-like-a-header-in-a-table",
        ),
        # A dot in quotes is part of the key's name: `a.b` said a key `a` with a key `b` in it.
        # A part that reads alike bare (`"author"`) is named bare, as above; one that does not
        # in double quotes, `'x.y'` too, as the unknown-key error names it.
        pytest.param(
            '"a.b" = 2020-13-01',
            4,
            "\"a.b\": '2020-13-01' does not exist: month must be in 1..12. Write "
            '"a.b" like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.',
            id="no-such-month-after-a-quoted-key-with-a-dot",
        ),
        pytest.param(
            "\"author\" = { 'x.y' = 2020-13-01 }",
            4,
            "author.\"x.y\": '2020-13-01' does not exist: month must be in 1..12. Write "
            'author."x.y" like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.',
            id="no-such-month-after-a-literal-key-with-a-dot-in-an-inline-table",
        ),
        pytest.param(
            '[ "x y" . z ]\nat = 2020-13-01',
            5,
            "\"x y\".z.at: '2020-13-01' does not exist: month must be in 1..12. Write "
            '"x y".z.at like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.',
            id="no-such-month-in-a-table-of-a-quoted-name-with-a-space",
        ),
    ],
)
def test_a_toml_date_in_an_array_or_inline_table_is_refused_as_at_the_top(
    site: Site, front: str, line: int, message: str
) -> None:
    # tomllib's own words were kept: "invalid TOML: Unclosed array. Fix the TOML syntax." (or
    # "Unclosed inline table", "Invalid date or datetime"), of a date a key alone was told of.
    folder = site(**{"a.md": f'+++\ntitle = "T"\ndate = 2025-06-01\n{front}\n+++\nBody.\n'})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: entries/a.md:{line}: {message}\n"
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("document", "written", "day"),
    [
        pytest.param(yaml_entry("20251222"), "20251222", "2025-12-22", id="yaml"),
        pytest.param(toml_entry("20251222"), "20251222", "2025-12-22", id="toml"),
        pytest.param(yaml_entry("20240229"), "20240229", "2024-02-29", id="leap-day"),
    ],
)
def test_a_date_in_basic_form_read_as_a_number_asks_for_quotes(
    site: Site, document: str, written: str, day: str
) -> None:
    # It said only "expected a date, not a number (20251222)", and to write it like
    # 2025-12-22: in quotes, ISO 8601's basic form is read as that date.
    folder = site(**{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:3: date: expected a date, not a number ({written}). Write date "
        f'as {day}, or put it in quotes: "{written}".\n'
    )
    assert not (folder / "feeds").exists()


def test_a_date_in_basic_form_in_quotes_is_read(site: Site) -> None:
    # What the error above offers.
    published, _, _ = only_entry_dates(site, KYIV, yaml_entry('"20240229"'))
    assert_same_moment(published, at(2024, 2, 29, offset=2), offset=True)


def test_a_toml_date_without_seconds_in_quotes_is_read(site: Site) -> None:
    # What the error above offers: in quotes, the date is read as YAML's is.
    _, _, pub_date = only_entry_dates(site, KYIV, toml_entry('"2025-06-01T10:00+02:00"'))
    assert_same_moment(pub_date, at(2025, 6, 1, 10, 0, 2), offset=True)


@pytest.mark.parametrize(
    ("document", "shown"),
    [
        (yaml_entry("0001-01-01"), "0001-01-01 00:00:00+02:02:04"),
        (toml_entry("0001-01-01T00:00:00"), "0001-01-01 00:00:00+02:02:04"),
        (yaml_entry("0001-01-01T00:00:00+05:00"), "0001-01-01 00:00:00+05:00"),
        (yaml_entry("9999-12-31T23:00:00-05:00"), "9999-12-31 23:00:00-05:00"),
    ],
    ids=["yaml-kyiv", "toml-kyiv", "offset", "year-10000-in-utc"],
)
def test_an_instant_python_cannot_hold_in_utc_is_an_error(
    site: Site, document: str, shown: str
) -> None:
    # OverflowError tracebacks, from build and from serve's rebuild, which then stopped.
    site(config=config_in("Europe/Kyiv"), **{"a.md": document})
    result = invoke_build("--future")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {shown} is out of range: in UTC it falls before the year "
        "1 or after 9999. Write date like 2025-12-22, 2025-12-22 14:30 or "
        "2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("document", "line", "where", "written"),
    [
        pytest.param(
            yaml_entry('"Monday, June 1, 2025"'),
            3,
            "date: ",
            "Monday, June 1, 2025",
            id="front-matter",
        ),
        pytest.param(
            yaml_entry('"Mon, 01 Jun 2025 10:00:00 +0200"'),
            3,
            "date: ",
            "Mon, 01 Jun 2025 10:00:00 +0200",
            id="rss-form",
        ),
        pytest.param(
            "Monday, June 1, 2025\n\n# A title\n\nThe body.\n",
            1,
            "date line: ",
            "Monday, June 1, 2025",
            id="date-line",
        ),
        # A weekday after the date, or inside it, was passed over: published on 1 June.
        pytest.param(
            yaml_entry('"2025-06-01, Monday"'), 3, "date: ", "2025-06-01, Monday", id="after"
        ),
        pytest.param(
            yaml_entry("1 June 2025, Mon."), 3, "date: ", "1 June 2025, Mon.", id="after-short"
        ),
        pytest.param(
            "# A title\n\nJune 1 Monday 2025\n\nThe body.\n",
            3,
            "date line: ",
            "June 1 Monday 2025",
            id="date-line-inside",
        ),
    ],
)
def test_a_weekday_that_is_not_the_dates_is_an_error(
    site: Site, document: str, line: int, where: str, written: str
) -> None:
    # June 1, 2025 was a Sunday: which of the two the author meant, only the author knows.
    site(config=config_in(KYIV), **{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(
        f"Error: entries/a.md:{line}: {where}{written!r} names a Monday, but 2025-06-01 is a "
        "Sunday. Write "
    ), result.stderr


def test_the_right_weekday_is_taken(site: Site) -> None:
    published, _, _ = only_entry_dates(site, KYIV, yaml_entry('"Sunday, June 1, 2025"'))
    assert_same_moment(published, at(2025, 6, 1, offset=3), offset=True)


GREGORIAN_NOTE = (
    " in the Gregorian calendar, which dates are read in, as in ISO 8601, also before a country"
    " took it up (from 1582 to 1923): a date in the Julian calendar is another day"
)


@pytest.mark.parametrize(
    ("value", "named", "day", "actual", "note"),
    [
        # 1500-01-01 is JDN 2268924, which leaves 0 (a Monday) divided by 7.
        ("Thu, 01 Jan 1500 00:00:00 +0000", "Thursday", "1500-01-01", "Monday", GREGORIAN_NOTE),
        # The day before Greece took it up, the last country to: still the Julian's there.
        ("Monday, 28 February 1923", "Monday", "1923-02-28", "Wednesday", GREGORIAN_NOTE),
        # From that day, the Gregorian calendar is everyone's: no word of it.
        ("Monday, 1 March 1923", "Monday", "1923-03-01", "Thursday", ""),
    ],
    ids=["before-1582", "last-julian-day", "gregorian-everywhere"],
)
def test_a_weekday_of_a_date_some_wrote_in_the_julian_calendar_says_which_calendar(
    site: Site, value: str, named: str, day: str, actual: str, note: str
) -> None:
    # A weekday is checked in the Gregorian calendar, as ISO 8601 and Python count days, also
    # before 1582: `Thu, 01 Jan 1500` was refused as a Monday with no word of which calendar
    # says so, to an author who may have had the Julian one's in mind.
    site(**{"a.md": yaml_entry(f'"{value}"')})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: {value!r} names a {named}, but {day} is a {actual}{note}."
        " Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


def test_a_weekday_before_1582_that_is_the_gregorian_ones_is_taken(site: Site) -> None:
    site(**{"a.md": yaml_entry('"Mon, 01 Jan 1500 00:00:00 +0000"')})
    atom, _ = build_and_read()
    assert atom.findtext("a:entry/a:published", namespaces=NS) == "1500-01-01T00:00:00+00:00"


@pytest.mark.parametrize(
    ("value", "written", "day_first", "month_first"),
    [
        ('"12/01/2025"', "12/01/2025", "2025-01-12", "2025-12-01"),
        ('"12.01.2025 14:30"', "12.01.2025", "2025-01-12", "2025-12-01"),
        ('"1-2-2025"', "1-2-2025", "2025-02-01", "2025-01-02"),
        ('"01/12/2025"', "01/12/2025", "2025-12-01", "2025-01-12"),  # 12 is a month too
        # Spaced apart, as German style guides write it, or with spaces alone: dateutil read
        # them month first too, 11 months off.
        ('"12. 01. 2025"', "12. 01. 2025", "2025-01-12", "2025-12-01"),
        ('"12 01 2025"', "12 01 2025", "2025-01-12", "2025-12-01"),
        ('"12/01 2025"', "12/01 2025", "2025-01-12", "2025-12-01"),
        ('"Sunday 12 / 01 / 2025"', "12 / 01 / 2025", "2025-01-12", "2025-12-01"),
    ],
)
def test_a_date_in_numbers_that_could_be_day_or_month_first_is_an_error(
    site: Site, value: str, written: str, day_first: str, month_first: str
) -> None:
    # dateutil read 12/01/2025 as 1 December, in a publication whose author meant 12 January.
    site(config=config_in("Europe/Kyiv"), **{"a.md": yaml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {written!r} could be {day_first} (day first) or "
        f"{month_first} (month first). Write date like 2025-12-22, 2025-12-22 14:30 or "
        "2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "published"),
    [
        ('"13/01/2025"', "2025-01-13"),
        ('"01/13/2025"', "2025-01-13"),  # month first, as 13 can be no month
        ('"05/05/2025"', "2025-05-05"),
        ("2025-12-01", "2025-12-01"),
    ],
)
def test_a_date_in_numbers_that_reads_one_way_is_taken(
    site: Site, value: str, published: str
) -> None:
    site(config=config_in("Europe/Kyiv"), **{"a.md": yaml_entry(value)})
    assert invoke_build().exit_code == 0
    entry = feedparser.parse("feeds/atom.xml").entries[0]
    assert entry.published[:19] == published + "T00:00:00"


def test_a_new_timezone_moves_dates_without_an_offset_and_keeps_every_id(site: Site) -> None:
    """As the README's config table says: the entries are not new to readers, and diff lists
    each one whose date moved."""
    folder = site(
        config=config_in("UTC"),
        **{
            "day.md": yaml_entry("2025-06-01"),
            "wall.md": yaml_entry("2025-06-02 10:00", extra="updated: 2025-06-03 09:00\n"),
            "fixed.md": yaml_entry("2025-06-04T10:00:00+02:00"),
        },
    )

    def dates() -> dict[str, tuple[datetime, datetime]]:
        atom = read_xml(Path("feeds/atom.xml"))
        return {
            entry.findtext("a:id", namespaces=NS): (
                datetime.fromisoformat(entry.findtext("a:published", namespaces=NS)),
                datetime.fromisoformat(entry.findtext("a:updated", namespaces=NS)),
            )
            for entry in atom.iterfind("a:entry", NS)
        }

    assert invoke_build().exit_code == 0
    before = dates()
    (folder / "staticfeed.toml").write_text(config_in("Pacific/Kiritimati"), encoding="utf-8")
    diff = CliRunner().invoke(cli, ["diff"], prog_name="staticfeed")
    assert diff.exit_code == 1, diff.output  # something would change
    assert invoke_build().exit_code == 0
    after = dates()
    tag = "tag:example.org,2025:"
    assert before.keys() == after.keys() == {tag + "day", tag + "wall", tag + "fixed"}
    assert after[tag + "day"] == (at(2025, 6, 1, offset=14),) * 2
    assert after[tag + "wall"] == (at(2025, 6, 2, 10, 0, 14), at(2025, 6, 3, 9, 0, 14))
    assert after[tag + "fixed"] == before[tag + "fixed"] == (at(2025, 6, 4, 10, 0, 2),) * 2
    moved = [line for line in diff.stdout.splitlines() if line.endswith("date changed")]
    assert [line.split()[0] for line in moved] == [tag + "day", tag + "wall"], diff.stdout


def test_updated_is_its_own_instant_and_defaults_to_date(site: Site) -> None:
    site(
        config=config_in(KYIV),
        **{
            "edited.md": yaml_entry("2025-06-01 10:00", extra="updated: 2025-12-01 10:00\n"),
            "plain.md": yaml_entry("2025-06-02 10:00"),
        },
    )
    atom, _ = build_and_read()
    dates = {
        entry.findtext("a:id", namespaces=NS).rsplit(":", 1)[1]: (
            datetime.fromisoformat(entry.findtext("a:published", namespaces=NS)),
            datetime.fromisoformat(entry.findtext("a:updated", namespaces=NS)),
        )
        for entry in atom.findall("a:entry", NS)
    }
    assert dates["edited"] == (at(2025, 6, 1, 10, 0, 3), at(2025, 12, 1, 10, 0, 2))
    assert dates["plain"] == (at(2025, 6, 2, 10, 0, 3), at(2025, 6, 2, 10, 0, 3))


# RFC 3339 section 5.6: a numeric offset is hours and minutes, never seconds.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


def test_dates_before_standard_time_are_written_in_utc(site: Site) -> None:
    """Kyiv kept local mean time, 2:02:04 ahead of Greenwich, until 1924 (the tz database's
    Europe/Kyiv): an archive of letters from 1921 gave <updated>1921-03-01T00:00:00+02:02:04,
    which neither RFC 3339 nor the Atom schema allows, and which the W3C Feed Validation
    Service rejects."""
    site(
        config=config_in(KYIV),
        **{
            "letter.md": yaml_entry("1921-03-01"),
            "reply.md": yaml_entry("1921-03-02 18:30", extra="updated: 1921-03-05\n"),
        },
    )
    atom, rss = build_and_read()
    lmt = timezone(timedelta(hours=2, minutes=2, seconds=4))
    letter = datetime(1921, 3, 1, tzinfo=lmt)
    reply = (datetime(1921, 3, 2, 18, 30, tzinfo=lmt), datetime(1921, 3, 5, tzinfo=lmt))
    written = [atom.findtext("a:updated", namespaces=NS)] + [
        element.text for element in atom.iterfind("a:entry/*", NS) if element.tag.endswith("ed")
    ]
    assert len(written) == 5 and all(RFC3339.match(text) for text in written), written
    dates = {
        entry.findtext("a:id", namespaces=NS).rsplit(":", 1)[1]: (
            datetime.fromisoformat(entry.findtext("a:published", namespaces=NS)),
            datetime.fromisoformat(entry.findtext("a:updated", namespaces=NS)),
        )
        for entry in atom.iterfind("a:entry", NS)
    }
    assert dates == {"letter": (letter, letter), "reply": reply}
    assert datetime.fromisoformat(written[0]) == reply[1]
    pub_dates = [check_rfc822(text) for text in rss.xpath("channel/item/pubDate/text()")]
    assert pub_dates == [reply[0], letter]
    assert check_rfc822(rss.findtext("channel/lastBuildDate")) == reply[1]


# RFC 3339 in whole seconds; HTML's <time datetime> allows at most three digits of a fraction.
WHOLE_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$")


def test_fractions_of_a_second_are_written_in_whole_seconds_everywhere(site: Site) -> None:
    """`2025-06-03T10:00:00.5+02:00` gave Atom `…10:00:00.500000+02:00`, which newsboat read as
    10:00 UTC instead of 08:00, and pages an invalid `<time datetime>`."""
    site(
        config=config_in(KYIV),
        **{
            "a.md": yaml_entry("2025-06-03T10:00:00.5+02:00", extra="slug: alpha\n"),
            # Later by a fraction: still first, though written with the same date as alpha.
            "z.md": yaml_entry("2025-06-03T10:00:00.7+02:00", extra="slug: zeta\n"),
        },
    )
    atom, rss = build_and_read()
    expected = at(2025, 6, 3, 10, 0, 2)
    written = [atom.findtext("a:updated", namespaces=NS)] + [
        element.text for element in atom.iterfind("a:entry/*", NS) if element.tag.endswith("ed")
    ]
    assert len(written) == 5, written
    for text in written:
        assert WHOLE_SECONDS.match(text), text
        assert_same_moment(datetime.fromisoformat(text), expected, offset=True)
    ids = [e.findtext("a:id", namespaces=NS) for e in atom.iterfind("a:entry", NS)]
    assert ids == ["tag:example.org,2025:zeta", "tag:example.org,2025:alpha"]
    parsed = feedparser.parse("feeds/atom.xml")
    assert calendar.timegm(parsed.entries[0].published_parsed) == calendar.timegm(
        (2025, 6, 3, 8, 0, 0)
    )
    assert [check_rfc822(d) for d in rss.xpath("channel/item/pubDate/text()")] == [expected] * 2
    feed = json.loads(Path("feeds/feed.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        for key in ("date_published", "date_modified"):
            assert WHOLE_SECONDS.match(item[key]), item[key]
            assert datetime.fromisoformat(item[key]) == expected
    pages = [Path("feeds/index.html"), Path("feeds/alpha/index.html")]
    stamps = [value for page in pages for value in lxml.html.parse(page).xpath("//time/@datetime")]
    assert len(stamps) == 3, stamps
    for value in stamps:
        assert WHOLE_SECONDS.match(value), value
        assert datetime.fromisoformat(value) == expected


@pytest.mark.parametrize(
    ("zone", "value", "published", "pub_date"),
    [
        pytest.param(
            "UTC",
            "2025-06-01T10:00:00+05:45",
            "2025-06-01T10:00:00+05:45",
            "Sun, 01 Jun 2025 04:15:00 +0000",
            id="kathmandu",
        ),
        pytest.param(
            "UTC",
            "2025-06-01T10:00:00+08:45",
            "2025-06-01T10:00:00+08:45",
            "Sun, 01 Jun 2025 01:15:00 +0000",
            id="eucla",
        ),
        pytest.param(
            "UTC",
            "2025-01-15T10:00:00+13:45",
            "2025-01-15T10:00:00+13:45",
            "Tue, 14 Jan 2025 20:15:00 +0000",
            id="chatham-summer",
        ),
        pytest.param(
            "UTC",
            "1938-07-01T12:00:00+01:20",
            "1938-07-01T12:00:00+01:20",
            "Fri, 01 Jul 1938 10:40:00 +0000",
            id="amsterdam-1938",
        ),
        pytest.param(
            "Asia/Kathmandu",
            "2025-06-01 10:00",
            "2025-06-01T10:00:00+05:45",
            "Sun, 01 Jun 2025 04:15:00 +0000",
            id="config-zone",
        ),
        # Whole and half hours are the validator's: they keep their offset.
        pytest.param(
            "UTC",
            "2025-06-01T10:00:00+05:30",
            "2025-06-01T10:00:00+05:30",
            "Sun, 01 Jun 2025 10:00:00 +0530",
            id="half-hour",
        ),
        pytest.param(
            "UTC",
            "2025-06-01T10:00:00-09:30",
            "2025-06-01T10:00:00-09:30",
            "Sun, 01 Jun 2025 10:00:00 -0930",
            id="half-hour-behind",
        ),
    ],
)
def test_rss_dates_carry_only_offsets_of_whole_or_half_hours(
    site: Site, zone: str, value: str, published: str, pub_date: str
) -> None:
    """The W3C Feed Validation Service warns about an RFC 822 zone other than [+-]\\d\\d[03]0
    (ProblematicalRFC822Date): +0545 is written as the same instant in UTC. Atom keeps it."""
    site(config=config_in(zone), **{"a.md": yaml_entry(value)})
    atom, rss = build_and_read()
    assert rss.findtext("channel/item/pubDate") == pub_date
    assert rss.findtext("channel/lastBuildDate") == pub_date
    assert atom.findtext("a:entry/a:published", namespaces=NS) == published


def test_pages_show_a_year_under_1000_with_four_digits(site: Site) -> None:
    # strftime("%Y") gives "1" for the year 1 with glibc: pages showed "1-06-01".
    site(
        **{
            "gospel.md": yaml_entry("0001-06-01", extra="slug: gospel\n"),
            "rule.md": yaml_entry("0800-12-25 09:30", extra="slug: rule\n"),
        }
    )
    assert invoke_build().exit_code == 0
    index = lxml.html.parse("feeds/index.html")
    assert [time.text for time in index.iterfind(".//time")] == [
        "0800-12-25 09:30 +00:00",
        "0001-06-01",
    ]


@pytest.mark.parametrize(
    ("value", "published", "pub_date"),
    [
        ('"June 1, 0033"', "0033-06-01T00:00:00+00:00", "Wed, 01 Jun 0033 00:00:00 +0000"),
        ('"June 1, 0068"', "0068-06-01T00:00:00+00:00", "Fri, 01 Jun 0068 00:00:00 +0000"),
        ('"June 1, 0069"', "0069-06-01T00:00:00+00:00", "Sat, 01 Jun 0069 00:00:00 +0000"),
        # After a dot, where the check of a padded year does not look: dateutil's own word.
        ('"13.06.0033"', "0033-06-13T00:00:00+00:00", "Mon, 13 Jun 0033 00:00:00 +0000"),
        # A fraction of a second of 0033 is no year written in four digits.
        (
            '"June 1, 2033 10:00:00.0033"',
            "2033-06-01T10:00:00+00:00",
            "Wed, 01 Jun 2033 10:00:00 +0000",
        ),
        (
            '"Mon, 01 Jan 0001 10:00:00 +0000"',
            "0001-01-01T10:00:00+00:00",
            "Mon, 01 Jan 0001 10:00:00 +0000",
        ),
        ('"22 Dec 72 10:00 +0000"', "1972-12-22T10:00:00+00:00", "Fri, 22 Dec 1972 10:00:00 +0000"),
        ('"22 Dec 68 10:00 +0000"', "2068-12-22T10:00:00+00:00", "Sat, 22 Dec 2068 10:00:00 +0000"),
        ('"22 Dec 69 10:00 +0000"', "1969-12-22T10:00:00+00:00", "Mon, 22 Dec 1969 10:00:00 +0000"),
    ],
    ids=[
        "four-digits-under-100",
        "four-digits-0068",
        "four-digits-0069",
        "four-digits-after-a-dot",
        "fraction-of-a-second",
        "rfc822-year-1",
        "two-digits-69-99",
        "two-digits-00-68",
        "two-digits-69-is-1969",
    ],
)
def test_a_year_is_the_one_written_and_two_digits_have_a_fixed_century(
    site: Site, value: str, published: str, pub_date: str
) -> None:
    # dateutil read a year under 100 in the century within 50 years of the machine's clock,
    # even one written in four digits: "June 1, 0033" was published as 2033, and "22 Dec 72"
    # as 1972 until 2022 and 2072 since (email.utils, which reads RSS dates, says 1972).
    site(**{"a.md": yaml_entry(value)})
    atom, rss = build_and_read("--future")
    assert atom.findtext("a:entry/a:published", namespaces=NS) == published
    assert rss.findtext("channel/item/pubDate") == pub_date


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ('"January 1, 0000"', "'January 1, 0000' does not exist: year 0 is out of range"),
        # 2000 after it is the time 20:00, not the year: 0000 is the year written.
        ('"Jan 1 0000 2000"', "'Jan 1 0000 2000' does not exist: year 0 is out of range"),
        # 13/2025 gives no day: it is no date, not a date of a month that does not exist.
        ("13/2025", "cannot read '13/2025' as a date"),
        # 24:00 of a day that does not exist: that day is the error, not the year 10000.
        ("2025-02-30T24:00", "'2025-02-30T24:00' does not exist: day is out of range for month"),
        # A time with spaces for colons, after a date: no date with a year in two digits.
        ('"2025-12-01 10 30 45"', "cannot read '2025-12-01 10 30 45' as a date"),
        # isoparse read a time with a space two digits at a time: 10:04:05 and 10:03, silently.
        ('"2025-12-01 10 45"', "cannot read '2025-12-01 10 45' as a date"),
        ('"2025-12-01 10 30"', "cannot read '2025-12-01 10 30' as a date"),
    ],
    ids=[
        "year-0",
        "year-0-then-a-time",
        "month-13-without-a-day",
        "24-00-of-no-day",
        "spaced-time-is-no-short-year",
        "spaced-hour-and-minute",
        "spaced-hour-and-half",
    ],
)
def test_the_year_0_and_a_month_13_without_a_day_are_errors(
    site: Site, value: str, why: str
) -> None:
    site(**{"a.md": yaml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:3: date: {why}. "
        "Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("2025/12/01/2025", "2025"),
        ("2025-12 01 2025", "2025"),
        ("2025-12-01 2025", "2025"),
        ("December 1 2025 2025", "2025"),
        ("2025.12.01.1430", "1430"),
        # Joined by a dash, the number also reads as a zone (-20:25), which dateutil did not
        # take it for: it was published at 20:25.
        ("2025-12-01-2025", "2025"),
        ("2025-12-01-1430", "1430"),
        # Six digits are read as hours, minutes and seconds, and the fix gives all three.
        ("2025/12/01/143015", "143015"),
        # A zone after the year again does not make it a time.
        ("December 1 2025 2025 GMT", "2025"),
        # Zeros joined to the date are no more a time than 1430 is: they were published at
        # midnight, while `2025/12/01/1430` was refused.
        ("2025/12/01/0000", "0000"),
        ("2025.12.01.0000", "0000"),
        ("2025-12-01-0000", "0000"),
        # An offset's colon writes no time: the first two were published at 20:25, while the
        # same with +0200 was refused.
        ("2025/12/01/2025 +02:00", "2025"),
        ("December 1 2025 2025 -05:00", "2025"),
        ("2025.12.01.1430+02:00", "1430"),
        # Joined without a colon, a number is left over, not an offset without a time.
        ("2025-12-01-0500", "0500"),
        ("2025/12/01/0000 +02:00", "0000"),
    ],
    ids=[
        "slashes",
        "spaces",
        "iso-then-year",
        "month-name-then-year",
        "dots-then-number",
        "dashes",
        "dashes-then-number",
        "slashes-then-seconds",
        "year-then-zone",
        "slashes-then-zeros",
        "dots-then-zeros",
        "dashes-then-zeros",
        "slashes-then-offset",
        "year-then-offset",
        "dots-then-offset",
        "dashes-then-offset-like",
        "zeros-then-offset",
    ],
)
def test_a_number_left_after_a_date_that_is_no_time_is_an_error(
    site: Site, value: str, number: str
) -> None:
    # dateutil read the number after the date as a time (HHMM): `2025/12/01/2025` was
    # published at 20:25, a time the author never wrote. A year again, or a number joined to
    # the date by its own marks, is no time: the author says what was meant.
    site(**{"a.md": yaml_entry(value)})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    clock = ":".join(number[start : start + 2] for start in range(0, len(number), 2))
    assert result.stderr == (
        f"Error: entries/a.md:3: date: cannot read '{value}' as a date: {number} is left over"
        " after 2025-12-01, and is no time written as one. Write date as 2025-12-01, or as"
        f" 2025-12-01 {clock} for that time.\n"
    )
    assert not Path("feeds/atom.xml").exists()


@pytest.mark.parametrize(
    ("value", "number", "day"),
    [
        ("2025-12-01 2026", "2026", "2025-12-01"),  # the next year typed after the date
        ("2025-12-01 1930", "1930", "2025-12-01"),
        ("December 1 2025 2026", "2026", "2025-12-01"),
        ("2025-12-01 2026 GMT", "2026", "2025-12-01"),
        ("2025-12-01 2026 +02:00", "2026", "2025-12-01"),  # an offset's colon writes no time
        # After a month's name and its day, four digits are read as the year, even under 100
        # ("June 1, 0033" is the year 33): after a year written before, dateutil read them as
        # the time, and "2033 June 1, 0033" was published at 00:33.
        ("2033 June 1, 0033", "0033", "2033-06-01"),
        ("2033 June 1 0033", "0033", "2033-06-01"),
        ("2033 Jun. 1st, 0033", "0033", "2033-06-01"),
        ("2033 1 June, 0033", "0033", "2033-06-01"),
        ("2033 June 1, 1430", "1430", "2033-06-01"),  # "June 1, 1430" is the year 1430
    ],
    ids=[
        "iso-then-next-year",
        "iso-then-1930",
        "month-name-then-next-year",
        "then-zone",
        "then-offset",
        "years-place-0033",
        "years-place-without-a-comma",
        "years-place-abbreviated",
        "years-place-day-first",
        "years-place-1430",
    ],
)
def test_a_basic_time_that_could_be_a_year_is_an_error(
    site: Site, value: str, number: str, day: str
) -> None:
    # ISO 8601's basic form reads 2026 as 20:26, and 1930 as 19:30, but after a date each
    # is as likely a year, typed where the date's own was meant: it was published at 20:26
    # without a word. A colon says it is a time.
    site(**{"a.md": yaml_entry(value)})
    clock = f"{number[:2]}:{number[2:]}"
    assert refused_build() == (
        f"Error: entries/a.md:3: date: cannot read '{value}' as a date: {number} after"
        f" {day} could be a year as well as the time {clock}. Write date as {day},"
        f" or as {day} {clock} for that time.\n"
    )


@pytest.mark.parametrize(
    "value", ["1 June 2033 0033", "June 1, 2033 0033", "2033-06-01 0033", "2033 June 1 00:33"]
)
def test_four_digits_after_a_dates_year_are_its_time(site: Site, value: str) -> None:
    # After the year, where times are written, 0033 is ISO 8601's basic form of 00:33.
    site(**{"a.md": yaml_entry(value)})
    build_and_read("--future")
    published = feedparser.parse("feeds/atom.xml").entries[0].published_parsed
    assert tuple(published[:5]) == (2033, 6, 1, 0, 33)


@pytest.mark.parametrize(
    ("value", "number", "day", "clock"),
    [
        ("2025-12-01 12", "12", "2025-12-01", "12:00"),  # it was published at 12:00
        ("2025-12-01 5", "5", "2025-12-01", "05:00"),  # it was "cannot read"
        ("2025-12-01 05", "05", "2025-12-01", "05:00"),
        ("1 December 2025 12", "12", "2025-12-01", "12:00"),
        ("December 1, 2025 5", "5", "2025-12-01", "05:00"),
        ("2025-12-01 12 +02:00", "12", "2025-12-01", "12:00"),  # an offset writes no time
        ("2025-12-01 24", "24", "2025-12-01", "24:00"),  # it was the next day's midnight
    ],
    ids=["iso-12", "iso-5", "iso-05", "day-first", "month-first", "then-offset", "iso-24"],
)
def test_a_number_alone_after_a_date_is_an_error(
    site: Site, value: str, number: str, day: str, clock: str
) -> None:
    # No clock writes an hour without its minutes, and after a date one or two digits are as
    # likely a day typed again or a number left over: 12 was published at 12:00, 5 refused.
    site(**{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: cannot read '{value}' as a date: {number} after {day}"
        f" could be the hour {clock} or left over. Write date as {day}, or as {day} {clock}"
        " for that time.\n"
    )


def test_a_number_past_any_hour_after_a_date_is_left_over(site: Site) -> None:
    # It said the hour "must be in 0..23", of a number written as no hour.
    site(**{"a.md": yaml_entry("2025-12-01 31")})
    assert refused_build() == (
        "Error: entries/a.md:3: date: cannot read '2025-12-01 31' as a date: 31 is left over"
        f" after 2025-12-01. {FRONT_MATTER_FIX}\n"
    )


@pytest.mark.parametrize(
    ("line", "number", "clock"),
    [("2025-12-01 5", "5", "05:00"), ("1 December 2025 12", "12", "12:00")],
)
def test_a_number_alone_after_a_date_line_is_an_error(
    site: Site, line: str, number: str, clock: str
) -> None:
    # `2025-12-01 5` was no date at all ("no date found"), `1 December 2025 12` was told to
    # write its time 12:00: the same number, refused the same way as in front matter.
    site(**{"a.md": f"{line}\n\n# A title\n\nThe body.\n"})
    assert refused_build() == (
        f"Error: entries/a.md:1: date line: cannot read '{line}' as a date: {number} after"
        f" 2025-12-01 could be the hour {clock} or left over. {DATE_LINE_FIX}\n"
    )


@pytest.mark.parametrize(
    ("value", "clock"),
    [
        ("2025-12-01 0:30 pm", "30"),  # it was published at 12:30
        ("2025-12-01 00:00 pm", "00"),  # at 12:00
        ("1 December 2025 0 pm", "00"),
        ("2025-12-01 0.30 P.M.", "30"),
    ],
)
def test_the_hour_0_with_pm_is_an_error(site: Site, value: str, clock: str) -> None:
    # A 12-hour clock goes from 12 to 11: `0:30 pm` is a 24-hour time with pm added (00:30)
    # as likely as the 12:30 dateutil read (Japan's clocks write noon as 0 pm).
    site(**{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the hour 0 with pm, which no 12-hour"
        f" clock shows: it could be 00:{clock} or 12:{clock}, write the one meant."
        f" {FRONT_MATTER_FIX}\n"
    )


def test_the_hour_0_with_pm_on_a_date_line_is_an_error(site: Site) -> None:
    site(**{"a.md": "2025-12-01 0:30 pm\n\n# A title\n\nThe body.\n"})
    assert refused_build() == (
        "Error: entries/a.md:1: date line: '2025-12-01 0:30 pm' gives the hour 0 with pm,"
        f" which no 12-hour clock shows: it could be 00:30 or 12:30, write the one meant."
        f" {DATE_LINE_FIX}\n"
    )


@pytest.mark.parametrize(
    ("value", "hour", "minute"),
    [
        ("2025-12-01 0:30 am", 0, 30),
        ("2025-12-01 12:30 pm", 12, 30),
        ("2025-12-01 12:30 am", 0, 30),
    ],
)
def test_a_12_hour_time_near_midnight_or_noon_is_read(
    site: Site, value: str, hour: int, minute: int
) -> None:
    # 0:30 am is 00:30 on either clock, and 12 is a 12-hour clock's own: all are read.
    site(**{"a.md": yaml_entry(value)})
    build_and_read()
    published = feedparser.parse("feeds/atom.xml").entries[0].published_parsed
    assert tuple(published[:5]) == (2025, 12, 1, hour, minute)


@pytest.mark.parametrize(
    ("value", "hour", "minute"),
    [
        ("2025-12-01 20:25", 20, 25),
        ("1 December 2025 10:00", 10, 0),
        ('"December 1, 2025, 8:30 pm"', 20, 30),
        # ISO 8601's basic form of a time, which is not the year again.
        ("2025-12-01 1430", 14, 30),
        ("2025-12-01T2025", 20, 25),
        ("2025-12-01 0000", 0, 0),
        # No year a feed's date has, as 19xx and 20xx are: 09:30 and 21:00. After a T, a time.
        ("2025-12-01 0930", 9, 30),
        ("2025-12-01 2100", 21, 0),
        ("2025-12-01T2026", 20, 26),
    ],
    ids=[
        "colon",
        "month-name",
        "am-pm",
        "basic-time",
        "basic-time-after-t",
        "basic-midnight",
        "basic-morning",
        "basic-after-2059",
        "basic-year-like-after-t",
    ],
)
def test_a_time_written_after_a_date_is_still_read(
    site: Site, value: str, hour: int, minute: int
) -> None:
    site(**{"a.md": yaml_entry(value)})
    build_and_read("--future")
    published = feedparser.parse("feeds/atom.xml").entries[0].published_parsed
    assert tuple(published[:5]) == (2025, 12, 1, hour, minute)


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        # dateutil read the offset as the time 05:00 in the config's zone: in Kyiv, 03:00
        # UTC, where the author wrote midnight at -05:00, 05:00 UTC.
        ("1 December 2025 -05:00", "-05:00"),
        ("December 1, 2025 -05:00", "-05:00"),
        ("2025/12/01 -05:00", "-05:00"),
        ("2025-12-01-05:00", "-05:00"),
        # ISO 8601's form was read as midnight there, where a date line was refused.
        ("2025-12-01 -05:00", "-05:00"),
        ("2025-12-01 +05:00", "+05:00"),
        ("2025-12-01 -0500", "-05:00"),
        ("2025-12-01 +05", "+05:00"),
        # Each sign and form got another message: "cannot read", or "0500 is left over".
        ("1 December 2025 +05:00", "+05:00"),
        ("1 December 2025 +0500", "+05:00"),
        ("1 December 2025 -0500", "-05:00"),
        ("December 1, 2025 +0530", "+05:30"),
        ("1 December 2025 -00:00", "-00:00"),
        # ISO 8601's week and ordinal forms of the same day.
        ("2025-W49-1 +05:00", "+05:00"),
        ("2025-335 -05:00", "-05:00"),
        # After ISO 8601's T with no time, its reader took midnight at the offset.
        ("2025-12-01T-05:00", "-05:00"),
        ("2025-12-01T+0500", "+05:00"),
    ],
)
def test_an_offset_after_a_date_without_a_time_is_an_error(
    site: Site, value: str, offset: str
) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the offset {offset} but no time for it:"
        f" write 2025-12-01 00:00 {offset} for midnight there. Write date like 2025-12-22,"
        " 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        # Each got "cannot read": dateutil reads a zone's name only after a time.
        ("2025-12-01 UTC", "UTC but no time for it: write 2025-12-01 00:00 UTC"),
        ("1 December 2025 EST", "EST but no time for it: write 2025-12-01 00:00 EST"),
        ("December 1, 2025 gmt", "gmt but no time for it: write 2025-12-01 00:00 gmt"),
        ("2025-12-01Z", "Z but no time for it: write 2025-12-01 00:00 Z"),
        ("2025-12-01TZ", "Z but no time for it: write 2025-12-01 00:00 Z"),
        ("2025-12-01 CEST", "CEST (+02:00) but no time for it: write 2025-12-01 00:00 +02:00"),
        # An IANA name is read nowhere in a date; the offset it has on that day is given: Paris
        # keeps CET (+01:00) in December and CEST (+02:00) in July.
        (
            "2025-12-01 Europe/Paris",
            "Europe/Paris, which is not read in a date, and no time for it: write 2025-12-01"
            " 00:00 +01:00",
        ),
        (
            "1 July 2025 Europe/Paris",
            "Europe/Paris, which is not read in a date, and no time for it: write 2025-07-01"
            " 00:00 +02:00",
        ),
        (
            "2025-12-01 IST",
            "'IST', which could be one of several, and no time for it: write 2025-12-01 00:00 and"
            " the offset meant, like 2025-12-01 00:00 +02:00,",
        ),
    ],
)
def test_a_zone_name_after_a_date_without_a_time_is_an_error(
    site: Site, value: str, why: str
) -> None:
    # As an offset there is: a date alone is its day in the config's zone, and a zone a time's.
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the time zone {why} for midnight there."
        " Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("2025-12-01 10:00 Europe/Paris", "2025-12-01 10:00 +01:00"),
        ("2025-07-01T10:00 Europe/Paris", "2025-07-01 10:00 +02:00"),
        ('"July 1, 2025 9:30 pm America/New_York"', "2025-07-01 21:30 -04:00"),
        # Dublin kept its mean time, -00:25:21, until 1916: an offset no date writes, so the
        # same instant in UTC.
        ("1900-06-01 12:00 Europe/Dublin", "1900-06-01 12:25:21 +00:00"),
    ],
)
def test_an_iana_zone_after_a_time_is_told_its_offset(site: Site, value: str, written: str) -> None:
    # It said "cannot read", where CET is told its offset.
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    text = value.strip('"')
    name = text.rsplit(" ", 1)[1]
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{text}' gives the time zone {name}, which is not read in"
        f" a date: write its offset then, {written}. Write date like 2025-12-22, 2025-12-22"
        " 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


def test_a_zone_name_after_a_day_that_skips_midnight_gives_the_days_first_instant(
    site: Site,
) -> None:
    # Santiago's clocks went from 00:00 -04:00 to 01:00 -03:00 on 2025-09-07.
    site(config=config_in(KYIV), **{"a.md": yaml_entry("2025-09-07 America/Santiago")})
    assert refused_build() == (
        "Error: entries/a.md:3: date: '2025-09-07 America/Santiago' gives the time zone"
        " America/Santiago, which is not read in a date, and no time for it: write 2025-09-07"
        " 01:00 -03:00, when the day begins there (the clocks skip midnight). Write date like"
        " 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "mark"),
    [
        ("2025-12-01T", "T"),
        ("2025-12-01t", "t"),
        ("20251201T", "T"),
        ("1 December 2025 T", "T"),
        ('"December 1, 2025 at"', "at"),
    ],
)
def test_a_date_that_ends_where_its_time_begins_is_an_error(
    site: Site, value: str, mark: str
) -> None:
    # Cut short, or the time forgotten: each was published at midnight without a word.
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    written = value.strip('"')
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{written}' ends with '{mark}' but gives no time"
        " after it: write the time, like 2025-12-01 14:30, or 2025-12-01 alone for the day."
        " Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "part", "padded"),
    [
        # Each was published at 10:03 (or 14:03, +05:03) without a word, where a clock that
        # shows 10:3 shows no time: 10:30 cut short as likely.
        ("2025-12-01 10:3", "10:3", "10:03"),
        ("2025-12-01T10:3", "10:3", "10:03"),
        ('"Thu, 04 Mar 2021 14:3:00 +0200"', "14:3:00", "14:03:00"),
        ("2025-12-01 10:30:5", "10:30:5", "10:30:05"),
        ("2025-12-01T10:30+05:3", "05:3", "05:03"),
    ],
)
def test_one_digit_after_a_colon_is_an_error(
    site: Site, value: str, part: str, padded: str
) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    written = value.strip('"')
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{written}' gives {part} with one digit after a colon,"
        f" which may be cut short: write two, {padded} or the time meant. Write date like"
        " 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        # Pasted twice: published on 1 June at 20:25 -05:59, the second date read as a basic
        # time and an offset.
        ("2025-06-01 2025-06-01", "two dates, 2025-06-01 and 2025-06-01"),
        ('"2025-06-01, 2025-06-02"', "two dates, 2025-06-01 and 2025-06-02"),
        # The last of two times or offsets was taken.
        ("2025-12-01 10:00 11:00", "two times, 10:00 and 11:00"),
        ("2025-12-01 10:00 am 14:00", "two times, 10:00 and 14:00"),
        ("2025-12-01 10:00 +02:00 +03:00", "two offsets, +02:00 and +03:00"),
    ],
)
def test_a_date_that_gives_two_of_a_kind_is_an_error(site: Site, value: str, why: str) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    written = value.strip('"')
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{written}' gives {why}: write one. Write date like"
        " 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        # British style: dateutil dropped the minutes (20:00 UTC, 08:00 UTC) or read no date.
        ("1 December 2025 10.30 pm", datetime(2025, 12, 1, 20, 30, tzinfo=UTC)),
        ('"2025-12-01 10.45 a.m."', datetime(2025, 12, 1, 8, 45, tzinfo=UTC)),
        ("2025-12-01 9.05pm", datetime(2025, 12, 1, 19, 5, tzinfo=UTC)),
        ('"1 December 2025, 10,30 pm"', datetime(2025, 12, 1, 20, 30, tzinfo=UTC)),
    ],
)
def test_a_time_with_a_dot_before_am_or_pm_keeps_its_minutes(
    site: Site, value: str, instant: datetime
) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    atom, _ = build_and_read("--future")
    published = atom.findtext("a:entry/a:published", namespaces=NS)
    assert datetime.fromisoformat(published) == instant


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        ("2025-12-01 00:00 UTC", datetime(2025, 12, 1, tzinfo=UTC)),
        ("2025-12-01 00:00 EST", datetime(2025, 12, 1, 5, tzinfo=UTC)),
        ("2025-12-01 00:00 +01:00", datetime(2025, 11, 30, 23, tzinfo=UTC)),
        ("2025-09-07 01:00 -03:00", datetime(2025, 9, 7, 4, tzinfo=UTC)),
    ],
)
def test_the_midnight_a_zone_names_error_gives_is_read(
    site: Site, value: str, instant: datetime
) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    build_and_read("--future")
    published = feedparser.parse("feeds/atom.xml").entries[0].published_parsed
    assert datetime(*published[:6], tzinfo=UTC) == instant


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        ("2025-12-01 1430 -0500", datetime(2025, 12, 1, 19, 30, tzinfo=UTC)),
        ("2025-12-01 0000 -0500", datetime(2025, 12, 1, 5, tzinfo=UTC)),
    ],
    ids=["afternoon", "midnight"],
)
def test_a_basic_time_before_an_offset_is_read(site: Site, value: str, instant: datetime) -> None:
    # A time, if without a colon, is before the offset: it is no offset without a time.
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    atom, _ = build_and_read()
    published = atom.findtext("a:entry/a:published", namespaces=NS)
    assert datetime.fromisoformat(published) == instant


@pytest.mark.parametrize(
    ("value", "day"),
    [("1 January 2000 0000", "2000-01-01"), ("1 January 2001 0000", "2001-01-01")],
    ids=["year-2000", "year-2001"],
)
def test_a_basic_midnight_after_a_year_is_midnight(site: Site, value: str, day: str) -> None:
    # dateutil read `0000` as the time, but the year 2000 was taken for it written in four
    # digits: "year 0 is out of range", where in 2001 it was midnight.
    site(**{"a.md": yaml_entry(value)})
    atom, _ = build_and_read()
    published = atom.findtext("a:entry/a:published", namespaces=NS)
    assert published == f"{day}T00:00:00+00:00"


def test_zeros_joined_to_the_year_2000_are_left_over(site: Site) -> None:
    # As `2025/12/01/0000` is: it said "year 0 is out of range".
    site(**{"a.md": yaml_entry("2000/01/01/0000")})
    assert refused_build() == (
        "Error: entries/a.md:3: date: cannot read '2000/01/01/0000' as a date: 0000 is left over"
        " after 2000-01-01, and is no time written as one. Write date as 2000-01-01, or as"
        " 2000-01-01 00:00 for that time.\n"
    )


def test_an_offset_after_a_date_and_its_time_is_read(site: Site) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry("1 December 2025 00:00 -05:00")})
    atom, _ = build_and_read()
    published = atom.findtext("a:entry/a:published", namespaces=NS)
    assert datetime.fromisoformat(published) == datetime(2025, 12, 1, 5, tzinfo=UTC)


def test_zeros_that_are_a_dates_own_year_are_no_time_left_over(site: Site) -> None:
    # `00` after the month and day is the year 2000 (a year of two digits beside a month's
    # name), not a midnight joined to the date by its marks.
    site(**{"a.md": yaml_entry('"Dec/1/00"')})
    build_and_read()
    published = feedparser.parse("feeds/atom.xml").entries[0].published_parsed
    assert tuple(published[:5]) == (2000, 12, 1, 0, 0)


def test_updated_earlier_than_date_is_an_error(site: Site) -> None:
    site(**{"a.md": yaml_entry("2025-06-02", extra="updated: 2025-06-01\n")})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: entries/a.md:4:"), result.stderr


def test_feed_updated_is_the_newest_entry_updated_not_the_build_time(site: Site) -> None:
    site(
        config=config_in(KYIV),
        **{
            "newest.md": yaml_entry("2025-03-10"),
            "middle.md": yaml_entry("2025-02-01"),
            # The oldest entry was edited last: its `updated` is the feed's.
            "oldest.md": yaml_entry("2025-01-01", extra="updated: 2025-04-01T12:00:00+02:00\n"),
        },
    )
    atom, rss = build_and_read()
    expected = at(2025, 4, 1, 10)
    assert datetime.fromisoformat(atom.findtext("a:updated", namespaces=NS)) == expected
    assert check_rfc822(rss.findtext("channel/lastBuildDate")) == expected
    # ... while the order is by date, not by updated.
    ids = [e.findtext("a:id", namespaces=NS) for e in atom.findall("a:entry", NS)]
    assert [i.rsplit(":", 1)[1] for i in ids] == ["newest", "middle", "oldest"]


def test_entries_are_newest_first_with_ties_ordered_by_id(site: Site) -> None:
    # File names (the reading order) differ from the ids, which come from slug:.
    site(
        **{
            "1.md": yaml_entry("2025-05-05", extra="slug: zeta\n"),
            "2.md": yaml_entry("2025-05-05", extra="slug: alpha\n"),
            "3.md": yaml_entry("2025-05-05", extra="slug: mid\n"),
            # The same instant written in another offset is a tie too.
            "4.md": yaml_entry("2025-05-05T03:00:00+03:00", extra="slug: beta\n"),
            # A later wall time but an earlier instant: older than the ties.
            "5.md": yaml_entry("2025-05-05T10:00:00+14:00", extra="slug: aaa-older\n"),
            "6.md": yaml_entry("2025-05-06", extra="slug: newest\n"),
            # Updated long after, yet ordered by its date.
            "7.md": yaml_entry("2025-01-01", extra="slug: oldest\nupdated: 2025-12-31\n"),
        }
    )
    atom, rss = build_and_read()
    expected = ["newest", "alpha", "beta", "mid", "zeta", "aaa-older", "oldest"]
    atom_ids = [e.findtext("a:id", namespaces=NS) for e in atom.findall("a:entry", NS)]
    rss_ids = [guid.text for guid in rss.findall("channel/item/guid")]
    assert atom_ids == [f"tag:example.org,2025:{slug}" for slug in expected]
    assert rss_ids == atom_ids
    pub_dates = [check_rfc822(d.text) for d in rss.findall("channel/item/pubDate")]
    assert pub_dates == sorted(pub_dates, reverse=True)


def test_tag_and_author_feeds_keep_the_main_feeds_order(site: Site) -> None:
    """A topic feed picks its entries out of the newest-first order, ties by id included."""
    tagged = "tags: [news]\nauthor: Ann Lee\n"
    site(
        config=BASIC_CONFIG + "tag_feeds = true\nauthor_feeds = true\n",
        **{
            "1.md": yaml_entry("2025-05-05", extra=f"slug: zeta\n{tagged}"),
            "2.md": yaml_entry("2025-05-05", extra="slug: alpha\n"),  # in neither
            "3.md": yaml_entry("2025-05-05", extra=f"slug: mid\n{tagged}"),
            "4.md": yaml_entry("2025-05-05T03:00:00+03:00", extra=f"slug: beta\n{tagged}"),
            "5.md": yaml_entry("2025-05-05T10:00:00+14:00", extra=f"slug: aaa-older\n{tagged}"),
            "6.md": yaml_entry("2025-05-06", extra=f"slug: newest\n{tagged}"),
            "7.md": yaml_entry("2025-01-01", extra=f"slug: oldest\nupdated: 2025-12-31\n{tagged}"),
        },
    )
    build_and_read()
    expected = ["newest", "beta", "mid", "zeta", "aaa-older", "oldest"]
    for name in ("tags/news.atom.xml", "authors/ann-lee.atom.xml"):
        feed = read_xml(Path("feeds", name))
        ids = [e.findtext("a:id", namespaces=NS) for e in feed.findall("a:entry", NS)]
        assert ids == [f"tag:example.org,2025:{slug}" for slug in expected], name


def test_rss_dates_roundtrip_through_email_utils(site: Site) -> None:
    site(
        config=config_in(NEW_YORK),
        **{
            "a.md": yaml_entry("2025-03-09 03:30"),
            "b.md": yaml_entry("2024-02-29T23:59:58-09:30"),
            "c.md": yaml_entry("2025-11-02T06:00:00Z"),
        },
    )
    atom, rss = build_and_read()
    atom_dates = {
        e.findtext("a:id", namespaces=NS): datetime.fromisoformat(
            e.findtext("a:published", namespaces=NS)
        )
        for e in atom.findall("a:entry", NS)
    }
    rss_dates = {
        item.findtext("guid"): check_rfc822(item.findtext("pubDate"))
        for item in rss.findall("channel/item")
    }
    assert rss_dates == atom_dates
    assert rss_dates["tag:example.org,2025:a"] == at(2025, 3, 9, 3, 30, -4)
    assert rss_dates["tag:example.org,2025:b"] == at(2024, 2, 29, 23, 59, -9.5) + timedelta(0, 58)
    assert rss_dates["tag:example.org,2025:c"] == datetime(2025, 11, 2, 6, tzinfo=UTC)
    last_build = check_rfc822(rss.findtext("channel/lastBuildDate"))
    assert last_build == at(2025, 11, 2, 6)


# Locale: RSS dates must not follow the process's locale.

FOREIGN_LOCALES = ("de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "uk_UA.UTF-8")
MONDAY = (2025, 12, 22, 0, 0, 0, 0, 356, 0)


@pytest.fixture(scope="session")
def compiled_locales(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """A German locale compiled into a temporary folder (for LOCPATH), when localedef can."""
    localedef = shutil.which("localedef")
    if localedef is None:
        return None
    folder = tmp_path_factory.mktemp("locales")
    subprocess.run(
        [localedef, "-c", "-i", "de_DE", "-f", "UTF-8", str(folder / "de_DE.UTF-8")],
        capture_output=True,
        check=False,
        timeout=60,
    )
    return folder if (folder / "de_DE.UTF-8").is_dir() else None


def _set_first(names: tuple[str, ...]) -> str | None:
    for name in names:
        try:
            return locale.setlocale(locale.LC_ALL, name)
        except locale.Error:
            continue
    return None


@pytest.fixture
def foreign_locale(compiled_locales: Path | None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    saved = locale.setlocale(locale.LC_ALL)
    try:
        name = _set_first(FOREIGN_LOCALES)
        if name is None and compiled_locales is not None:
            monkeypatch.setenv("LOCPATH", str(compiled_locales))
            name = _set_first(("de_DE.UTF-8",))
        if name is None:
            pytest.skip(
                "no non-English locale is installed (see `locale -a`) and localedef could not "
                "compile de_DE.UTF-8 (Debian package `locales`)"
            )
        if time.strftime("%a %b", MONDAY) == "Mon Dec":
            pytest.skip(f"locale {name} has English day and month names")
        yield name
    finally:
        locale.setlocale(locale.LC_ALL, saved)


def test_rss_dates_are_english_whatever_the_locale(site: Site, foreign_locale: str) -> None:
    site(
        config=config_in(KYIV),
        **{
            "a.md": yaml_entry("2025-12-22 14:00"),  # a Monday in December
            "b.md": yaml_entry("2025-05-03"),  # Saturday, Sa. / sam. in the foreign locale
        },
    )
    _, rss = build_and_read()
    assert time.strftime("%a", MONDAY) != "Mon", "the foreign locale is still in effect"
    pub_dates = [item.findtext("pubDate") for item in rss.findall("channel/item")]
    assert pub_dates[0].startswith("Mon, 22 Dec 2025 14:00:00 +0200"), pub_dates
    assert [check_rfc822(d) for d in pub_dates] == [
        at(2025, 12, 22, 14, 0, 2),
        at(2025, 5, 3, offset=3),
    ]
    assert check_rfc822(rss.findtext("channel/lastBuildDate")) == at(2025, 12, 22, 14, 0, 2)
    # Building must leave the process's locale as it found it.
    assert locale.setlocale(locale.LC_ALL) == foreign_locale


def test_check_reads_rss_weekdays_in_english_whatever_the_locale(
    site: Site, foreign_locale: str
) -> None:
    # check compared "Mon" with strftime("%a"), which is "Mo" in German: every pubDate was
    # "not an RFC 822 date".
    site(config=config_in(KYIV), **{"a.md": yaml_entry("2025-12-22 14:00")})
    assert invoke_build().exit_code == 0

    def date_findings() -> list[tuple[str, str]]:
        result = CliRunner().invoke(cli, ["check", "--format", "json"], prog_name="staticfeed")
        assert "Traceback" not in result.output
        found = json.loads(result.stdout)
        return [(item["file"], item["message"]) for item in found if item["rule"] == "date"]

    assert date_findings() == []
    rss = Path("feeds/rss.xml")
    text = rss.read_text(encoding="utf-8")
    assert text.count("Mon, 22 Dec 2025") == 2  # pubDate and lastBuildDate
    rss.write_text(text.replace("<pubDate>Mon, 22", "<pubDate>Tue, 22"), encoding="utf-8")
    assert date_findings() == [
        ("feeds/rss.xml", "<pubDate> 'Tue, 22 Dec 2025 14:00:00 +0200' is not an RFC 822 date")
    ]
    assert locale.setlocale(locale.LC_ALL) == foreign_locale


def _agreed_on(text: str) -> datetime | None:
    """The date dateutil reads in `text` when two defaults that differ in every field give the
    same day, month and year, so that each was written; None when they do not."""
    first = dateutil_parser.parse(text, default=datetime(2000, 1, 1))
    second = dateutil_parser.parse(text, default=datetime(2001, 2, 2, 1, 1, 1))
    return first if first.date() == second.date() else None


@pytest.mark.parametrize(
    "text",
    [
        "June 5, 2025",
        "1 January 2025 10:00",
        "January 2025",
        "June 2025",
        "5 June",
        "Jan 1",
        "Dec 31, 1999",
        "29 Feb 2000",
        "Feb 2000",
        "3 Mar 2000 2pm",
        "Friday, December 2025",
        "Monday, December 2025",  # December 1, 2025 is a Monday
        # A weekday and a year, day and month forgotten: dateutil moves a default day to the
        # next Monday, which two defaults in different months put in different months.
        "Monday, 2025",
        "Friday",
    ],
)
def test_a_date_is_full_when_it_gives_day_month_and_year(text: str) -> None:
    """Dates the first default shares no field with are read once; the others, twice. Either
    way a date is taken exactly when both defaults agree on it."""
    expected = _agreed_on(text)
    if expected is None:
        with pytest.raises(DateError, match="is not a full date with day, month and year"):
            parse_date(text, UTC)
    else:
        assert parse_date(text, UTC) == expected.replace(tzinfo=UTC)


@pytest.fixture(params=["UTC", NEW_YORK, "America/Chicago"])
def machine_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The zone of the machine the build runs on (TZ), which must not change any date."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


# RFC 822 section 5 gives these names their offsets; RSS 2.0 dates use them.
RFC822_ZONES = [
    pytest.param("Sun, 04 Jul 2021 14:30:00 EST", at(2021, 7, 4, 14, 30, -5), id="est-in-july"),
    pytest.param("Thu, 04 Mar 2021 14:30:00 EDT", at(2021, 3, 4, 14, 30, -4), id="edt-in-march"),
    pytest.param("4 Mar 2021 14:30 CST", at(2021, 3, 4, 14, 30, -6), id="cst"),
    pytest.param("4 Jul 2021 14:30 CDT", at(2021, 7, 4, 14, 30, -5), id="cdt"),
    pytest.param("4 Jul 2021 14:30 PDT", at(2021, 7, 4, 14, 30, -7), id="pdt"),
    pytest.param("4 Jul 2021 14:30 MST", at(2021, 7, 4, 14, 30, -7), id="mst"),
    pytest.param("4 Jul 2021 14:30 GMT", at(2021, 7, 4, 14, 30), id="gmt"),
    pytest.param("4 Jul 2021 14:30 UT", at(2021, 7, 4, 14, 30), id="ut"),
    pytest.param("4 Jul 2021 14:30 UTC", at(2021, 7, 4, 14, 30), id="utc"),
    pytest.param("Sun, 04 Jul 2021 14:30:00 +0000", at(2021, 7, 4, 14, 30), id="plus-zero"),
    pytest.param("4 Jul 2021 14:30 -0300 (BRT)", at(2021, 7, 4, 14, 30, -3), id="offset-wins"),
    # In small letters, as people write them: "cannot read '2021-07-04 14:30 utc' as a date".
    pytest.param("2021-07-04 14:30 utc", at(2021, 7, 4, 14, 30), id="utc-small"),
    pytest.param("Sun, 04 Jul 2021 14:30:00 gmt", at(2021, 7, 4, 14, 30), id="gmt-small"),
    pytest.param("July 4, 2021 2:30 pm Est", at(2021, 7, 4, 14, 30, -5), id="est-small"),
]


@pytest.mark.parametrize(("value", "expected"), RFC822_ZONES)
def test_rfc822_zone_names_are_their_fixed_offsets_on_any_machine(
    site: Site, machine_zone: str, value: str, expected: datetime
) -> None:
    """dateutil alone reads a name the machine's zone uses as that zone, with its summer time
    ("EST" in July as -04:00 in New York), and other names as wall times in the config's zone."""
    published, updated, pub_date = only_entry_dates(site, KYIV, yaml_entry(f'"{value}"'))
    assert_same_moment(published, expected, offset=True)
    assert_same_moment(updated, expected, offset=True)
    assert_same_moment(pub_date, expected, offset=True)


def test_rfc822_zone_name_in_a_date_line(site: Site, machine_zone: str) -> None:
    document = "March 4, 2021 9:15 PST\n\n# A title\n\nThe body.\n"
    published, _, pub_date = only_entry_dates(site, KYIV, document)
    assert_same_moment(published, at(2021, 3, 4, 9, 15, -8), offset=True)
    assert_same_moment(pub_date, at(2021, 3, 4, 9, 15, -8), offset=True)


def test_rfc822_zone_name_in_small_letters_in_a_date_line(site: Site) -> None:
    # The line was not taken for a date at all: "no date found near the top of the document".
    document = "March 4, 2021 9:15 pst\n\n# A title\n\nThe body.\n"
    published, _, pub_date = only_entry_dates(site, KYIV, document)
    assert_same_moment(published, at(2021, 3, 4, 9, 15, -8), offset=True)
    assert_same_moment(pub_date, at(2021, 3, 4, 9, 15, -8), offset=True)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(
            "4 Mar 2021 14:30 BST", "the time zone 'BST' could be one of several", id="bst"
        ),
        pytest.param(
            "4 Mar 2021 14:30 IST", "the time zone 'IST' could be one of several", id="ist"
        ),
        # RFC 822's military zones, one letter: dateutil read A and P as AM and PM, and so noon
        # in zone A as midnight.
        pytest.param(
            "Sun, 04 Jul 2021 12:00:00 A", "the time zone 'A' could be one of several", id="a"
        ),
        pytest.param("4 Jul 2021 09:30 P", "the time zone 'P' could be one of several", id="p"),
        # Outside RSS's forms too: "2025-06-01 12:00:00 A" was published as midnight.
        pytest.param(
            "2025-06-01 12:00:00 A", "the time zone 'A' could be one of several", id="iso-a"
        ),
        pytest.param("2025-06-01T09:30P", "the time zone 'P' could be one of several", id="iso-p"),
        pytest.param("4 Mar 2021 14:30 GMT+3", "gives a zone name with an offset", id="gmt+3"),
        pytest.param("4 Mar 2021 14:30 UTC-05:00", "gives a zone name with an offset", id="utc-5"),
    ],
)
def test_a_zone_name_that_could_mean_several_offsets_is_an_error(
    site: Site, machine_zone: str, value: str, shown: str
) -> None:
    folder = site(config=config_in(KYIV), **{"a.md": yaml_entry(f'"{value}"')})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: entries/a.md:3: date: "), result.stderr
    assert shown in result.stderr, result.stderr
    assert result.stderr.rstrip().endswith(
        "Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00."
    ), result.stderr
    assert "Warning" not in result.stderr, result.stderr
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    "value",
    [
        # dateutil dropped the name's own offset and read the number as POSIX does: -01:00,
        # +08:00 and -02:00, hours from what the author meant.
        "2025-12-01 10:30 EST+1",
        "2025-12-01 10:30 PST-8",
        "2025-12-01T10:30Z+02:00",
        "2025-12-01 10:30 cet+1",
        # A name staticfeed does not know, joined to an offset, was read so too: -01:00 for
        # British summer time, -05:30 for India's.
        "2025-12-01 10:30 BST+1",
        "1 Dec 2025 10:30 IST+05:30",
    ],
)
def test_any_zone_name_with_an_offset_is_an_error(site: Site, value: str) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(f'"{value}"')})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives a zone name with an offset, which some"
        " read as ahead of UTC and others as behind: write the offset alone, like +03:00. Write"
        " date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


# `a.m.` and `p.m.`, as style guides write them, in either case: dateutil took the M of `A.M.`
# for a time zone ("the time zone 'M' could be one of several"), or could not read the date
# with a zone after it, but read `A.M.` with an offset and `a.m.` in small letters.
AM_AND_PM = [
    pytest.param("2025-06-01 12:00 A.M.", at(2025, 6, 1, 0, 0, 3), id="12-A.M.-is-midnight"),
    pytest.param("2025-06-01 12:00 P.M.", at(2025, 6, 1, 12, 0, 3), id="12-P.M.-is-noon"),
    pytest.param("June 1, 2025 9:30 P.M.", at(2025, 6, 1, 21, 30, 3), id="words-P.M."),
    pytest.param("2025-06-01 9 A.M.", at(2025, 6, 1, 9, 0, 3), id="hour-alone"),
    pytest.param("2025-06-01 9:30 P.M", at(2025, 6, 1, 21, 30, 3), id="no-last-dot"),
    pytest.param("2025-06-01 9:30 P. M.", at(2025, 6, 1, 21, 30, 3), id="space-inside"),
    pytest.param("2025-06-01 9:30 P.M. UTC", at(2025, 6, 1, 21, 30), id="zone-name"),
    pytest.param("2025-06-01 9:30 P.M. EST", at(2025, 6, 1, 21, 30, -5), id="rfc-822-zone"),
    # Read before, and still.
    pytest.param("2025-06-01 9:30 P.M. +02:00", at(2025, 6, 1, 21, 30, 2), id="offset"),
    pytest.param("2025-06-01 12:00 a.m.", at(2025, 6, 1, 0, 0, 3), id="small-a.m."),
    pytest.param("2025-06-01 12:00 AM", at(2025, 6, 1, 0, 0, 3), id="AM"),
    pytest.param("2025-06-01 12:00 am", at(2025, 6, 1, 0, 0, 3), id="am"),
    pytest.param("2025-06-01 9A", at(2025, 6, 1, 9, 0, 3), id="9A"),
]


@pytest.mark.parametrize(("value", "expected"), AM_AND_PM)
def test_a_m_and_p_m_with_dots_are_read_in_front_matter(
    site: Site, value: str, expected: datetime
) -> None:
    published, _, pub_date = only_entry_dates(site, KYIV, yaml_entry(f'"{value}"'))
    assert_same_moment(published, expected, offset=True)
    assert_same_moment(pub_date, expected, offset=True)


def test_a_m_with_dots_is_read_on_a_date_line(site: Site) -> None:
    document = "June 1, 2025 9:30 A.M.\n\n# A title\n\nThe body.\n"
    published, _, _ = only_entry_dates(site, KYIV, document)
    assert_same_moment(published, at(2025, 6, 1, 9, 30, 3), offset=True)


def test_a_letter_alone_after_a_date_lines_time_is_an_error(site: Site) -> None:
    # dateutil read the A as AM: the entry was published at 00:00, not at noon.
    document = "2025-06-01 12:00 A\n\n# A title\n\nThe body.\n"
    folder = site(config=config_in(KYIV), **{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/a.md:1: date line: the time zone 'A' could be one of several: only UTC,"
        " UT, GMT, Z and RFC 822's US zones (EST, EDT, CST, CDT, MST, MDT, PST, PDT) are read,"
        " any other needs its offset. Write the date like 2025-12-22, 2025-12-22 14:30 or"
        " 2025-12-22 14:30 +02:00, or give it in front matter (date: 2025-12-22).\n"
    ), result.stderr
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        pytest.param("2025-06-01 14:30 CEST", "+02:00", id="cest"),
        pytest.param("2025-06-01 14:30 AEDT", "+11:00", id="aedt"),
        pytest.param("4 Mar 2021 14:30 CET", "+01:00", id="cet"),
        pytest.param("Sun, 04 Jul 2021 12:00:00 HST", "-10:00", id="hst"),
        # In small letters these were "cannot read ... as a date", with no offset to write.
        pytest.param("2025-06-01 14:30 cest", "+02:00", id="cest-small"),
        pytest.param("June 1, 2025 9:00 jst", "+09:00", id="jst-small"),
    ],
)
def test_a_zone_name_of_one_offset_is_an_error_that_names_the_offset(
    site: Site, value: str, offset: str
) -> None:
    folder = site(config=config_in(KYIV), **{"a.md": yaml_entry(f'"{value}"')})
    result = invoke_build()
    assert result.exit_code == 1, result.output
    name = value.rsplit(" ", 1)[1].upper()  # as RFC 822's names, read in any letters
    assert result.stderr == (
        f"Error: entries/a.md:3: date: the time zone '{name}' is not read (only UTC, UT, GMT, Z"
        f" and RFC 822's US zones are): write its offset, {offset}. Write date like 2025-12-22,"
        " 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    ), result.stderr
    assert not (folder / "feeds").exists()


# RFC 822 section 5's zones, in hours; the test's own copy.
RFC822_HOURS = {"UT": 0, "GMT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4, "CST": -6}
RFC822_HOURS |= {"CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}


def _dateutil_reading(text: str) -> datetime | None:
    """What dateutil's general parser makes of `text`, zone names by RFC 822; None when it
    cannot read it or it names another zone."""

    def zone(name: str | None, offset: int | None) -> timezone | None:
        if offset is not None:
            return timezone(timedelta(seconds=offset))
        if name is None:
            return None
        return timezone(timedelta(hours=RFC822_HOURS[name]))

    hour_24 = AT_24.search(text)
    if hour_24 is not None:  # ISO 8601's end of the day, which dateutil refuses
        midnight = _dateutil_reading(f"{text[: hour_24.start()]} 00:00{text[hour_24.end() :]}")
        return None if midnight is None else midnight + timedelta(days=1)
    try:
        return dateutil_parser.parse(text, default=datetime(2000, 1, 1), tzinfos=zone)
    except (ValueError, OverflowError, KeyError):
        return None


# 24:00, or 24:00:00, as a 24-hour clock writes the end of a day: not 24:00:60, nor 24:00 PM.
AT_24 = re.compile(r" 24:00(?::00)?(?![\d:])(?! [AP]M$)")
# The hour 0 before PM, which dateutil reads as noon's hour and staticfeed refuses: no 12-hour
# clock shows it.
HOUR_0_PM = re.compile(r" 0?0:\d\d(?::\d\d)? PM$")


WEEKDAY_NUMBERS = {
    name.lower(): number
    for number, names in enumerate(dateutil_parser.parserinfo.WEEKDAYS)
    for name in names
}


def _names_another_weekday(text: str, moment: datetime) -> bool:
    """Whether `text` starts with a weekday that is not the weekday of `moment`'s date."""
    first = text.split()[0].rstrip(",").lower()
    return first in WEEKDAY_NUMBERS and WEEKDAY_NUMBERS[first] != moment.weekday()


def _written_dates(count: int) -> Iterator[str]:
    """Dates in the forms RSS and people write them, with every variation of case, padding,
    commas, weekdays (right or wrong), times, offsets and zone names, and some out of range."""
    rng = random.Random(822)
    months = [name for names in dateutil_parser.parserinfo.MONTHS for name in names]
    weekdays = [name for names in dateutil_parser.parserinfo.WEEKDAYS for name in names]
    zones = [*RFC822_HOURS, "CET", "IST", "PM", "AM", "+0000", "-0000", "+0530", "-03:00", "+2400"]
    for _ in range(count):
        day = str(rng.choice([1, 4, 9, 10, 28, 29, 30, 31, 0, 32]))
        day = day.zfill(2) if rng.random() < 0.5 else day
        month = rng.choice([*months, "Marc", "Foo"])
        month = rng.choice([month, month.lower(), month.upper()])
        year = str(rng.choice([1900, 1999, 2000, 2021, 2024, 2099]))
        date = f"{day} {month} {year}" if rng.random() < 0.5 else f"{month} {day}, {year}"
        if rng.random() < 0.5:
            weekday = rng.choice([*weekdays, "Someday"])
            date = f"{weekday}{rng.choice([',', ''])} {date}"
        if rng.random() < 0.7:
            hour, minute = rng.choice([0, 7, 9, 14, 23, 24]), rng.choice([0, 5, 30, 59, 60])
            date += f" {hour:0{rng.choice([1, 2])}d}:{minute:02d}"
            date += rng.choice(["", f":{rng.choice([0, 9, 59, 60]):02d}"])
            date += rng.choice(["", f" {rng.choice(zones)}"])
        yield date


def test_common_date_forms_mean_what_dateutils_general_parser_reads() -> None:
    """The common forms are read without dateutil's general parser, which took 30-50 us a date;
    each must still be the instant, with the offset, that dateutil gives it."""
    checked = 0
    for text in _written_dates(4000):
        expected = _dateutil_reading(text)
        # The weekday of 24:00 is the day's whose end it is.
        day = expected - timedelta(days=1) if expected and AT_24.search(text) else expected
        refused = day is None or _names_another_weekday(text, day) or HOUR_0_PM.search(text)
        if expected is None or refused:
            # dateutil passes over a weekday that is not the date's, and reads 0:30 PM as
            # 12:30; staticfeed refuses both.
            with pytest.raises(DateError):
                parse_date(text, UTC)
            continue
        got = parse_date(text, UTC)
        if expected.tzinfo is None:
            expected = expected.replace(tzinfo=UTC)
        assert (got, got.utcoffset()) == (expected, expected.utcoffset()), text
        checked += 1
    assert checked > 1000  # most of the texts are dates


def test_an_rfc822_date_with_minus_zero_is_utc_and_one_without_a_zone_is_not() -> None:
    # RFC 2822 3.3: -0000 is a time in UTC whose place is unknown; no zone at all is no instant.
    assert read_rfc822("Sat, 01 Mar 2025 10:00:00 -0000").utcoffset() == timedelta(0)
    assert read_rfc822("Sat, 01 Mar 2025 10:00:00").tzinfo is None


@pytest.mark.parametrize(("fold", "offset"), [(0, 2), (1, 1)])
def test_an_imported_wall_time_the_clocks_show_twice_is_published_as_its_own_instant(
    site: Site, fold: int, offset: int
) -> None:
    # 02:30 on the night Berlin's clocks go back is shown twice, at +02:00 then at +01:00; the
    # build reads it bare as the first. Import wrote the second bare too: an hour early.
    berlin = ZoneInfo("Europe/Berlin")
    moment = datetime(2025, 10, 26, 2, 30, tzinfo=berlin, fold=fold)
    assert moment.utcoffset() == timedelta(hours=offset)  # zoneinfo's own reading
    value = front_matter_date(moment, berlin)
    published, _, pub_date = only_entry_dates(site, "Europe/Berlin", yaml_entry(value))
    assert_same_moment(published, at(2025, 10, 26, 2, 30, offset), offset=True)
    assert_same_moment(pub_date, at(2025, 10, 26, 2, 30, offset), offset=False)


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        # Go's time.Time.String, as Hugo's {{ .Date }} prints it: was "cannot read".
        ("2025-12-01 10:00:00 +0000 UTC", datetime(2025, 12, 1, 10, tzinfo=UTC)),
        ("2025-12-01 10:00:00 -0500 EST", datetime(2025, 12, 1, 15, tzinfo=UTC)),
        ("2025-12-01 10:00:00 +0100 CET", datetime(2025, 12, 1, 9, tzinfo=UTC)),
        # A zone without a name: Go writes the offset again (and feeds give whole seconds).
        ("2025-12-01 10:00:00.5 -0300 -03", datetime(2025, 12, 1, 13, tzinfo=UTC)),
        # A name no one offset belongs to: the offset given says which.
        ("2025-12-01 10:00:00 +0530 IST", datetime(2025, 12, 1, 4, 30, tzinfo=UTC)),
    ],
    ids=["utc", "est", "cet", "unnamed", "ist"],
)
def test_a_time_as_go_writes_it_is_read_at_its_offset(
    site: Site, value: str, instant: datetime
) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    atom, _ = build_and_read()
    published = atom.findtext("a:entry/a:published", namespaces=NS)
    assert datetime.fromisoformat(published) == instant


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("2025-12-01 10:00:00 +0100 UTC", "+0100 and the time zone UTC (+00:00)"),
        ("2025-12-01 10:00:00 -0500 EDT", "-0500 and the time zone EDT (-04:00)"),
        ("2025-12-01 10:00:00 +0200 CET", "+0200 and the time zone CET (+01:00)"),
    ],
    ids=["utc", "edt", "cet"],
)
def test_an_offset_and_a_zone_name_that_disagree_are_an_error(
    site: Site, value: str, why: str
) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the offset {why}, which disagree: write"
        " one. Write date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


ZONE_OFFSET = "write the offset of the zone its time is in"


@pytest.mark.parametrize(
    ("value", "offset", "likely"),
    [
        # Each was published as written: 10:00 at +15:00 is 19:00 UTC the day before.
        ("2025-12-01 10:00 +15:00", "+15:00", ZONE_OFFSET),
        ("2025-12-01 10:00 +14:30", "+14:30", ZONE_OFFSET),
        ("2025-12-01T10:00:00+23:59", "+23:59", ZONE_OFFSET),
        ("Mon, 01 Dec 2025 10:00:00 +1500", "+15:00", ZONE_OFFSET),
        # West of -12:00, where the same offset east is a zone's: Tonga's +13:00, Chatham's
        # +12:45 in summer; -12:30 reversed is no zone's either, but is within them.
        ("2025-12-01 10:00 -13:00", "-13:00", "its sign may be the other way, +13:00"),
        ("2025-12-01T10:00:00-12:45", "-12:45", "its sign may be the other way, +12:45"),
        ("1 December 2025 10:00 -1230", "-12:30", "its sign may be the other way, +12:30"),
        ("2025-12-01 10:00 -14:30", "-14:30", ZONE_OFFSET),
    ],
)
def test_an_offset_no_zone_has_is_an_error(
    site: Site, value: str, offset: str, likely: str
) -> None:
    # Offsets run from Baker Island's -12:00 to the Line Islands' +14:00: one past them is a
    # slip (a sign, a digit, a time where the offset goes), and the entry was published hours
    # from the instant meant.
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the offset {offset}, which no time zone"
        f" has (they run from -12:00 to +14:00): {likely}. {FRONT_MATTER_FIX}\n"
    )


def test_an_offset_no_zone_has_is_an_error_in_toml_and_a_date_line(site: Site) -> None:
    # TOML reads the offset itself, as a date-time with +15:00; a date line as front matter.
    site(
        config=config_in(KYIV),
        **{
            "a.md": toml_entry("2025-12-01T10:00:00+15:00"),
            "b.md": "1 December 2025 10:00 +15:00\n\n# A title\n\nThe body.\n",
        },
    )
    why = "which no time zone has (they run from -12:00 to +14:00): write the offset of the zone"
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '2025-12-01T10:00:00+15:00' gives the offset +15:00, {why}"
        f" its time is in. {FRONT_MATTER_FIX}\n"
        f"Error: entries/b.md:1: date line: '1 December 2025 10:00 +15:00' gives the offset"
        f" +15:00, {why} its time is in. {DATE_LINE_FIX}\n"
    )


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        # The ends of the range, and offsets of quarter hours zones have: Kiribati's +14:00,
        # Baker Island's -12:00, Nepal's +05:45, Chatham's +12:45 and +13:45.
        ("2025-12-01 10:00 +14:00", datetime(2025, 11, 30, 20, 0, tzinfo=UTC)),
        ("2025-12-01 10:00 -12:00", datetime(2025, 12, 1, 22, 0, tzinfo=UTC)),
        ("2025-12-01 10:00 +05:45", datetime(2025, 12, 1, 4, 15, tzinfo=UTC)),
        ("2025-12-01T10:00:00+12:45", datetime(2025, 11, 30, 21, 15, tzinfo=UTC)),
        ("Mon, 01 Dec 2025 10:00:00 +1345", datetime(2025, 11, 30, 20, 15, tzinfo=UTC)),
    ],
)
def test_an_offset_a_zone_has_is_read(site: Site, value: str, instant: datetime) -> None:
    assert published_in_kyiv(site, yaml_entry(value)) == instant


def test_a_zones_own_offset_before_time_zones_is_no_offset_written(site: Site) -> None:
    # Manila kept its mean solar time, 15:56:08 behind UTC, until the end of 1844: the
    # config's zone gives it, the author wrote none, and the date is read as before.
    site(config=config_in("Asia/Manila"), **{"a.md": yaml_entry("1800-01-01 12:00")})
    atom, _ = build_and_read()
    published = atom.findtext("a:entry/a:published", namespaces=NS)
    assert datetime.fromisoformat(published) == datetime(1800, 1, 2, 3, 56, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "hour", "clock"),
    [
        # Front matter published it at 12:00, where a date line refused it: one rule now.
        ("2025-12-01T12", "T12", "12:00"),
        ("2025-12-01t12", "t12", "12:00"),
        ("2025-12-01T12+02:00", "T12", "12:00"),  # as `2025-12-01 12 +02:00` is refused
        ("2025-12-01T12-05:00", "T12", "12:00"),  # no range: it would end before it began
        ("2025-12-01T5Z", "T5", "05:00"),
        ("20251201T09", "T09", "09:00"),
        ("2025-12-01T24", "T24", "24:00"),  # it was the next day's midnight
    ],
)
def test_an_hour_alone_after_t_is_an_error(site: Site, value: str, hour: str, clock: str) -> None:
    # ISO 8601 lets a time stop at its hour, but `2025-12-01T12` is as likely `T12:30` cut
    # short, as `2025-12-01T` is (refused), and no clock writes an hour without its minutes.
    site(**{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: cannot read '{value}' as a date: {hour} gives an hour"
        f" without its minutes, which could be {clock} or a time cut short. Write date as"
        f" 2025-12-01, or as 2025-12-01 {clock} for that time.\n"
    )


def test_an_hour_alone_after_t_in_a_date_line_is_the_same_error(site: Site) -> None:
    # It was told "a form a date line does not read: write it 12:00", where front matter read it.
    site(**{"a.md": "2025-12-01T12\n\n# A title\n\nThe body.\n"})
    assert refused_build() == (
        "Error: entries/a.md:1: date line: cannot read '2025-12-01T12' as a date: T12 gives an"
        f" hour without its minutes, which could be 12:00 or a time cut short. {DATE_LINE_FIX}\n"
    )


@pytest.mark.parametrize(
    ("value", "offset"),
    [
        # Go's form with its time left out: each was "cannot read".
        ("2025-12-01 +0000 UTC", "+00:00"),
        ("1 December 2025 -0500 EST", "-05:00"),
        ("2025-12-01 -0300 -03", "-03:00"),  # it was "gives two offsets"
    ],
)
def test_an_offset_and_zone_name_after_a_date_without_a_time_is_an_error(
    site: Site, value: str, offset: str
) -> None:
    # As an offset alone after a date is: midnight there is what to write.
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the offset {offset} but no time for it:"
        f" write 2025-12-01 00:00 {offset} for midnight there. {FRONT_MATTER_FIX}\n"
    )


def test_an_offset_and_zone_name_after_a_date_line_without_a_time_is_an_error(
    site: Site,
) -> None:
    # `2025-12-01 -0500 EST` was told "0500 is left over", `2025-12-01 +0100 UTC` was no date.
    site(
        config=config_in(KYIV),
        **{
            "a.md": "2025-12-01 -0500 EST\n\n# A title\n\nThe body.\n",
            "b.md": "2025-12-01 +0100 UTC\n\n# A title\n\nThe body.\n",
        },
    )
    assert refused_build() == (
        "Error: entries/a.md:1: date line: '2025-12-01 -0500 EST' gives the offset -05:00 but"
        f" no time for it: write 2025-12-01 00:00 -05:00 for midnight there. {DATE_LINE_FIX}\n"
        "Error: entries/b.md:1: date line: '2025-12-01 +0100 UTC' gives the offset +0100 and"
        f" the time zone UTC (+00:00), which disagree: write one. {DATE_LINE_FIX}\n"
    )


def test_a_time_as_go_writes_it_is_read_in_a_date_line(site: Site) -> None:
    # Hugo's {{ .Date }} pasted above a document was no date at all.
    document = "2025-12-01 10:00:00 -0500 EST\n\n# A title\n\nBody.\n"
    assert published_in_kyiv(site, document) == datetime(2025, 12, 1, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "start", "offset", "end"),
    [
        # Each was 10:00 at -11:00, 21:00 UTC: for an event from 10:00 to 11:00 in Kyiv,
        # 13 hours late.
        ("2025-12-01 10:00-11:00", "2025-12-01 10:00", "-11:00", "11:00"),
        ("2025-12-01T10:00-11:00", "2025-12-01T10:00", "-11:00", "11:00"),
        ("1 December 2025 10:30-11", "1 December 2025 10:30", "-11:00", "11:00"),
        ("2025-12-01 05:30-08:00", "2025-12-01 05:30", "-08:00", "08:00"),
    ],
)
def test_a_time_joined_to_a_later_one_could_be_a_range(
    site: Site, value: str, start: str, offset: str, end: str
) -> None:
    clock = start[-5:]
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' could be {clock} at the offset {offset} or a"
        f" time range, {clock} to {end}: write {start} {offset}, with a space, for the offset,"
        f" or the time it begins alone, {start}. {FRONT_MATTER_FIX}\n"
    )


@pytest.mark.parametrize(
    ("value", "written", "start"),
    [
        # Read as offsets too: 10:00 at -11:00, and at -13:00, which no zone has.
        ("2025-12-01 10-11", "10-11", "2025-12-01 10:00"),
        ("2025-12-01 10am-11am", "10am-11am", "2025-12-01 10:00"),
        ("December 1, 2025 10:00 am-11:30 am", "10:00 am-11:30 am", "December 1, 2025 10:00"),
        ("2025-12-01 10pm-2am", "10pm-2am", "2025-12-01 22:00"),
        ("2025-12-01 10:00-13:00", "10:00-13:00", "2025-12-01 10:00"),
    ],
)
def test_a_time_range_is_an_error(site: Site, value: str, written: str, start: str) -> None:
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives a time range, {written}, where a date"
        f" takes one time: write the time it begins alone, {start}. {FRONT_MATTER_FIX}\n"
    )


def test_a_time_range_in_a_date_line_is_an_error(site: Site) -> None:
    # It was published at 10:00 -11:00 too.
    site(config=config_in(KYIV), **{"a.md": "1 December 2025 10:00-11:00\n\n# A title\n\nBody.\n"})
    assert refused_build() == (
        "Error: entries/a.md:1: date line: '1 December 2025 10:00-11:00' could be 10:00 at the"
        " offset -11:00 or a time range, 10:00 to 11:00: write 1 December 2025 10:00 -11:00,"
        " with a space, for the offset, or the time it begins alone, 1 December 2025 10:00."
        f" {DATE_LINE_FIX}\n"
    )


@pytest.mark.parametrize(
    ("value", "instant"),
    [
        # An earlier time is no range's end: New York's -05:00, written joined.
        ("2025-12-01 10:00-05:00", datetime(2025, 12, 1, 15, tzinfo=UTC)),
        ("2025-12-01T10:00-05:00", datetime(2025, 12, 1, 15, tzinfo=UTC)),
        ("2025-12-01 20:00-05", datetime(2025, 12, 2, 1, tzinfo=UTC)),
        # Seconds are a machine's, and a space sets the offset apart (the fix above).
        ("2025-12-01T10:00:00-11:00", datetime(2025, 12, 1, 21, tzinfo=UTC)),
        ("2025-12-01 10:00 -11:00", datetime(2025, 12, 1, 21, tzinfo=UTC)),
        ("2025-12-01T10:00 -11:00", datetime(2025, 12, 1, 21, tzinfo=UTC)),
    ],
)
def test_an_offset_joined_to_a_time_is_read(site: Site, value: str, instant: datetime) -> None:
    assert published_in_kyiv(site, yaml_entry(value)) == instant


@pytest.mark.parametrize(
    ("value", "digits", "clock"),
    [
        # ISO 8601's reader takes digits two at a time: 103 was 10:03, as `10:3` was before
        # it was refused; 01:03 or 10:30 to 10:39 are as likely.
        ("2025-12-01T103", "103", "10:03"),
        ("2025-12-01 103", "103", "10:03"),
        ("2025-12-01T10305", "10305", "10:30:05"),
    ],
)
def test_a_basic_time_with_an_odd_number_of_digits_is_an_error(
    site: Site, value: str, digits: str, clock: str
) -> None:
    site(**{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the time {digits} in {len(digits)}"
        f" digits, read two at a time as {clock}: one may be missing or cut short, write the"
        f" time with colons. {FRONT_MATTER_FIX}\n"
    )


def test_a_time_range_before_the_date_is_an_error(site: Site) -> None:
    # A time may come first (`10:00, 1 December 2025`): a range there was 10:00 at -11:00 too.
    site(
        config=config_in(KYIV),
        **{
            "a.md": yaml_entry("10:00-11:00 1 December 2025"),
            "b.md": "10am-11am, December 1, 2025\n\n# A title\n\nThe body.\n",
        },
    )
    assert refused_build() == (
        "Error: entries/a.md:3: date: '10:00-11:00 1 December 2025' could be 10:00 at the offset"
        " -11:00 or a time range, 10:00 to 11:00: write 10:00 -11:00 1 December 2025, with a"
        " space, for the offset, or the time it begins alone, 10:00 1 December 2025."
        f" {FRONT_MATTER_FIX}\n"
        "Error: entries/b.md:1: date line: '10am-11am, December 1, 2025' gives a time range,"
        " 10am-11am, where a date takes one time: write the time it begins alone, 10:00,"
        f" December 1, 2025. {DATE_LINE_FIX}\n"
    )


@pytest.mark.parametrize("value", ["2025-12-01 12-05:00", "1 December 2025 12+0200"])
def test_a_number_alone_joined_to_an_offset_is_an_error(site: Site, value: str) -> None:
    # With a space before the offset it was refused; joined, it was 12:00 at that offset.
    site(**{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: cannot read '{value}' as a date: 12 after 2025-12-01"
        " could be the hour 12:00 or left over. Write date as 2025-12-01, or as 2025-12-01"
        " 12:00 for that time.\n"
    )


def test_a_zone_name_in_parentheses_after_an_offset_must_agree_with_it(site: Site) -> None:
    # An email's Date header names the zone in a comment: one that names another offset was
    # passed over, as Go's form without the parentheses is not.
    value = "Mon, 01 Dec 2025 10:30:00 +0000 (EST)"
    site(config=config_in(KYIV), **{"a.md": yaml_entry(value)})
    assert refused_build() == (
        f"Error: entries/a.md:3: date: '{value}' gives the offset +0000 and the time zone EST"
        f" (-05:00), which disagree: write one. {FRONT_MATTER_FIX}\n"
    )


def test_a_zone_name_in_parentheses_that_agrees_is_read(site: Site) -> None:
    document = yaml_entry("Mon, 1 Dec 2025 10:30:00 -0800 (PST)")
    assert published_in_kyiv(site, document) == datetime(2025, 12, 1, 18, 30, tzinfo=UTC)
