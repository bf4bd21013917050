"""Step 1 of a build: find, read and check the publication's configuration."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shlex
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from stat import S_ISREG
from urllib.parse import urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from staticfeed import values
from staticfeed.dates import DateError, is_tag_date, zone
from staticfeed.errors import ConfigError, ManyErrors, StaticfeedError, broken_link
from staticfeed.frontmatter import (
    ItemLines,
    TextKeys,
    long_number_error,
    toml_cut_short_line,
    toml_date_as_written,
    toml_header_named,
    toml_key_given_twice,
    toml_key_named,
    toml_keys_caught_by_table,
    toml_list_item_lines,
    toml_numbers_as_written,
    toml_statement_lines,
    toml_text_unquoted,
    toml_values_as_written,
    without_keys,
)
from staticfeed.model import Author
from staticfeed.text import line_at_byte, lone_cr_lines, unfit_character

CONFIG_NAMES = ("staticfeed.toml", "pyproject.toml")
FORMATS = ("atom", "rss", "json")
DEFAULT_MAX_FEED_SIZE = 1_000_000  # bytes; `staticfeed check` reports a feed file over it
_ID_AUTHORITY = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"|[^@\s,:]+@[A-Za-z0-9.-]+),\d{4}(?:-\d{2}(?:-\d{2})?)?$"
)


@dataclass(frozen=True)
class Config:
    """Settings of one publication, checked and with every default filled in."""

    path: Path
    title: str
    site_url: str
    feed_url: str
    timezone: ZoneInfo
    subtitle: str | None = None
    language: str | None = None
    authors: tuple[Author, ...] = ()
    limit: int = 50
    content: str = "full"
    icon: str | None = None
    logo: str | None = None
    rights: str | None = None
    id_authority: str | None = None
    max_feed_size: int = DEFAULT_MAX_FEED_SIZE
    formats: tuple[str, ...] = FORMATS
    archive_size: int = 50
    tag_feeds: bool = True
    author_feeds: bool = True
    pages: bool = True
    templates: Path | None = None
    hub: str | None = None
    config_site_url: str | None = None
    """The config's own site_url when --base-url replaces it for a build (a preview)."""

    @property
    def published_site_url(self) -> str:
        """The site_url the config gives, where the site is published, --base-url or not."""
        return self.config_site_url or self.site_url


_Check = Callable[[str, object], object]


def _formats(key: str, value: object) -> tuple[str, ...]:
    chosen = values.text_list(key, value, toml=True)
    values.each_item(key, chosen, lambda name: _format(key, name))
    if not chosen:
        raise values.InvalidValue(f"{key} is empty", f"Name at least one of {', '.join(FORMATS)}.")
    return tuple(dict.fromkeys(chosen))


def _format(key: str, name: object) -> None:
    if name not in FORMATS:
        raise values.InvalidValue(
            f"{key}: unknown format {name!r}", f"Use any of {', '.join(map(repr, FORMATS))}."
        )


def _id_authority(key: str, value: object) -> str:
    values.refuse_scalar(key, value, "a tag URI authority", _AUTHORITY_FIX)
    authority = values.text(key, value)
    if not _ID_AUTHORITY.match(authority):
        raise values.InvalidValue(
            f"{key} {authority!r} is not a tag URI authority (RFC 4151)", _AUTHORITY_FIX
        )
    day = authority.rpartition(",")[2]
    if not is_tag_date(day):  # pinned in every id for good: a slip must not get that far
        raise values.InvalidValue(
            f"{key} {authority!r} ends with {day!r}, which is no date",
            f"Write a year you owned the domain or email in, like {authority.partition(',')[0]},"
            "2025.",
        )
    return authority


_AUTHORITY_FIX = "Write a domain or email you own and a year, like example.org,2025."
_ZONE_FIX = "Use an IANA name like UTC, Europe/Kyiv or America/New_York."


def _timezone(key: str, value: object) -> ZoneInfo:
    values.refuse_scalar(key, value, "a time zone's name", _ZONE_FIX)
    name = values.text(key, value)
    try:
        return zone(name)
    except DateError as error:
        raise values.InvalidValue(f"{key}: {error}", _ZONE_FIX) from error


def _feed_url(key: str, value: object) -> str:
    """Where feeds/ is served: a folder, whose URL the feeds' file names follow, so without a
    query or a fragment (`feeds/?x=1` gave `feeds/?x=1/atom.xml`)."""
    url = values.url_reference(key, value)
    if "?" in url or "#" in url:
        plain = urlunsplit(urlsplit(url)._replace(query="", fragment=""))
        raise values.InvalidValue(
            f"{key} {url!r} has a query or a fragment (from ? or #), which cannot come "
            "before the names of the feed files",
            f'Give the folder alone, like "{plain or "feeds/"}".',
        )
    return url


# Keys whose text is the user's own: a number, a date or a time given for one is told in quotes
# as written (`title = 2025-12-01` → "2025-12-01"), where "Write title as a single line of
# text" said nothing of how. Where quoted it would be refused in turn (a time zone, a URL), not.
_OWN_TEXT: dict[str, Callable[[str, object, object], str]] = {
    "title": values.line_of_text,
    "subtitle": values.text,
    "rights": values.text,
    "templates": values.text,
}

_CHECKS: dict[str, _Check] = {
    "title": values.line_of_text,
    "subtitle": values.text,
    "site_url": values.site_url,
    "feed_url": _feed_url,
    "language": values.language_tag,
    "authors": values.authors,
    "timezone": _timezone,
    "limit": values.whole_number,
    "content": lambda key, value: values.choice(key, value, ("full", "summary")),
    "icon": values.web_url_reference,
    "logo": values.web_url_reference,
    "rights": values.text,
    "id_authority": _id_authority,
    "max_feed_size": lambda key, value: values.whole_number(key, value, minimum=1),
    "formats": _formats,
    "archive_size": lambda key, value: values.whole_number(key, value, minimum=1),
    "tag_feeds": values.boolean,
    "author_feeds": values.boolean,
    "pages": values.boolean,
    "templates": values.text,
    "hub": values.absolute_url,
}
# The keys that take text, for an error where one is written without quotes: its prose may
# hold " #" (`title = Notes #2`); in staticfeed.toml's own keys or pyproject's table. And
# those that take true or false, for one written `yes` or `True`.
_TEXT_KEYS = TextKeys(
    keys=(
        *("title", "subtitle", "rights", "site_url", "feed_url", "language", "authors"),
        *("timezone", "content", "icon", "logo", "id_authority", "templates", "hub"),
    ),
    prose=("title", "subtitle", "rights"),
    tables=((), ("tool", "staticfeed")),
    booleans=("tag_feeds", "author_feeds", "pages"),
)
_LEADS_TO = "a config file with title and site_url"
_TABLE_LINE = "[tool.staticfeed]"  # where a missing key belongs in pyproject.toml
_REQUIRED = {
    "title": 'title = "My feed"',
    "site_url": 'site_url = "https://example.org/"',
}


def find_config(folder: Path) -> Path:
    """The config file in `folder`: staticfeed.toml, or pyproject.toml with [tool.staticfeed]."""
    found = _config_in(folder)
    if found is not None:
        return found
    fix = (
        "Start a publication here with staticfeed init (or write staticfeed.toml with title and "
        "site_url), or pass --config FILE."
    )
    above = config_above(folder)
    if above is not None:  # run in entries/: --config alone would look for entries/entries/
        shown = Path(os.path.relpath(above))
        run_there = f"run staticfeed in its folder (cd {shlex.quote(shown.parent.as_posix())})"
        broken = broken_link(above, ConfigError)
        if broken is not None:  # it said "there is no such file" of this folder's
            raise ConfigError(
                broken.message, f"Make it lead to {_LEADS_TO}, then {run_there}.", path=shown
            )
        fix = f"{shown.as_posix()} is the config of the publication this folder is in: {run_there}."
    elif below := configs_below(folder):  # `init my-notes`, then `build` without `cd my-notes`
        fix = _run_below(below)
    elif (pyproject := folder / "pyproject.toml").is_file():
        document = _read_toml(pyproject)
        _reject_tool_not_table(pyproject, document)  # else "no such table" of it
        _reject_misspelled_table(
            pyproject,
            document,
            "there is no staticfeed.toml beside it, and no [tool.staticfeed] table in it",
        )
    raise ConfigError(
        "there is no such file, and no pyproject.toml with a [tool.staticfeed] table beside it",
        fix,
        path=folder / "staticfeed.toml",
    )


def _config_in(folder: Path) -> Path | None:
    own = folder / "staticfeed.toml"
    if own.exists() and not own.is_dir():  # a pipe too, which reading refuses
        return own
    if own.is_dir():  # it said "there is no such file"
        raise ConfigError(
            "it is a folder, not a config file",
            "Move the folder away and write the config there, or pass --config FILE.",
            path=own,
        )
    pyproject = folder / "pyproject.toml"
    for link, leads_to in ((own, _LEADS_TO), (pyproject, "one with a [tool.staticfeed] table")):
        broken = broken_link(link, ConfigError, leads_to)  # it said "there is no such file"
        if broken is not None:
            raise broken
    if pyproject.is_file():
        tool = _read_toml(pyproject).get("tool")
        if isinstance(tool, dict) and "staticfeed" in tool:
            return pyproject
    return None


def configs_below(folder: Path) -> list[Path]:
    """The configs of the publications in the folders of `folder`, relative to it, by name."""
    found = []
    with contextlib.suppress(OSError):  # a folder that cannot be read holds none it can use
        for child in sorted(folder.iterdir()):
            with contextlib.suppress(ConfigError, OSError):  # not a config it can use either
                if child.is_dir() and (config := _config_in(child)) is not None:
                    found.append(config.relative_to(folder))
    return found


def _run_below(configs: list[Path]) -> str:
    """The fix that names the publications in the current folder's folders, and where to cd."""
    names = [config.as_posix() for config in configs]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    whose, where = (
        ("is the config of a publication in a folder here", "its folder")
        if len(names) == 1
        else ("are the configs of publications in folders here", "the folder of one")
    )
    cd = shlex.quote(configs[0].parent.as_posix())
    return f"{listed} {whose}: run staticfeed in {where} (cd {cd})."


def config_above(folder: Path) -> Path | None:
    """The config in the nearest folder above `folder` that has one, as git finds its
    repository from a subfolder."""
    for parent in folder.resolve().parents:
        try:
            found = _config_in(parent)
        except ConfigError as error:  # a link there that leads nowhere is still its config
            if error.path is not None and error.path.is_symlink():
                return error.path
            continue
        except OSError:  # a folder that cannot be read
            continue
        if found is not None:
            return found
    return None


def load_config(path: Path, base_url: str | None = None) -> Config:
    """Read and check the config at `path`; `base_url` replaces site_url (deploy previews).
    Every bad key is an error of its own (ManyErrors for several), so one run lists them all."""
    document = _read_toml(path)
    table = _staticfeed_table(path, document)
    raw_text = path.read_text(encoding="utf-8-sig")
    in_pyproject = _under_tool(path, document)
    line_of = _key_line_finder(raw_text, in_pyproject=in_pyproject)
    errors: list[StaticfeedError] = []
    checked: dict[str, object] = {}
    for key, value in table.items():
        if caught := _keys_caught_by_table(path, raw_text, (key, value), in_pyproject, line_of):
            errors += [error for _, error in caught]
            value = without_keys(value, [name for name, _ in caught])
        try:
            checked[key] = _checked(key, value, (raw_text, line_of(key)))
        except ConfigError as error:
            errors.append(error)
        except values.InvalidValue as problem:
            items = _item_lines(raw_text, key, in_pyproject, line_of)
            errors.extend(_value_errors(path, key, value, problem, (line_of(key), items)))
    if missing := [(key, example) for key, example in _REQUIRED.items() if key not in table]:
        place, prefix = _where_keys_go(raw_text, in_pyproject, line_of)
        errors += [  # both at once: a config begun from nothing lacks both
            ConfigError(f"{key} is missing", f"Add {prefix}{example}.", path=path, line=place)
            for key, example in missing
        ]
    # Without site_url, what is found from it (feed_url's) would be found from nothing.
    if all(key in checked for key in _REQUIRED):
        try:
            config = _assemble(path, checked, line_of, base_url)
        except StaticfeedError as error:
            errors += error.errors if isinstance(error, ManyErrors) else (error,)
        else:
            if not errors:
                return config
    raise errors[0] if len(errors) == 1 else ManyErrors(_once(errors))


def _checked(key: str, value: object, source: tuple[str, int | None]) -> object:
    """`value` of `key` checked; `source`, the config's text and the key's line, for a fix to
    quote a value as written."""
    if key not in _CHECKS:
        raise values.unknown_key(values.key_named(key), _CHECKS)
    try:
        _reject_xml_illegal(key, value)
    except values.InvalidItems as unfit:
        raise _and_other_bad_items(key, value, unfit) from None
    if key in _OWN_TEXT and isinstance(value, int | float | date | time):
        return _OWN_TEXT[key](key, *_as_written(value, *source))
    return _CHECKS[key](key, value)


def _as_written(value: object, raw_text: str, line: int | None) -> tuple[object, str | None]:
    """`value`, a number, a date or a time TOML read, and its source as the config writes it
    from `line` on (`values.text`'s `written`): str() writes `2025-12-01T10:00:00Z` as
    "2025-12-01 10:00:00+00:00", and `3.10` as "3.1". Only for an error: it reads the text
    again. A local date's one form where its line is not found (an inline table's key)."""
    text = "\n".join(raw_text.split("\n")[line - 1 :]) if line is not None else ""
    if isinstance(value, date | time):
        return value, toml_date_as_written(text, value) or values.local_date_as_written(value)
    return (toml_numbers_as_written(text, value) if text else value), None


def _and_other_bad_items(
    key: str, value: object, unfit: values.InvalidItems
) -> values.InvalidItems:
    """`unfit`, the items of the list `key` holds with a character feeds cannot carry, with
    what else is wrong with the other items: each is listed in one run, as a bad key is."""
    assert isinstance(value, list)  # only a list's items are InvalidItems
    unfit_items = {index for index, _ in unfit.problems}
    others = [index for index in range(len(value)) if index not in unfit_items]
    try:
        _CHECKS[key](key, [value[index] for index in others])
    except values.InvalidItems as other:
        found = [(others[index], problem) for index, problem in other.problems]
        return values.InvalidItems(sorted([*unfit.problems, *found], key=lambda each: each[0]))
    except values.InvalidValue:  # of the list as a whole (empty without them): fixed with them
        pass
    return unfit


def _value_errors(
    path: Path,
    key: str,
    value: object,
    problem: values.InvalidValue,
    lines: tuple[int | None, list[ItemLines]],
) -> list[ConfigError]:
    """The errors of `key`'s bad value: one per bad item of a list, at the item's line (or
    the line of the key of a `[[key]]` or `[key]` table that is bad) when `lines` has one per
    item, else at the key's."""
    key_line, item_lines = lines
    if isinstance(problem, values.InvalidItems) or problem.field:
        items = value if isinstance(value, list) else [value]
        known = len(item_lines) == len(items)
        listed = problem.problems if isinstance(problem, values.InvalidItems) else [(0, problem)]
        return [
            ConfigError(
                each.message,
                each.fix,
                path=path,
                line=item_lines[index].of(each.field) if known else key_line,
            )
            for index, each in listed
        ]
    fix = problem.fix
    if key in _REQUIRED and _shows_no_value(value):
        fix = f"Give {key} a value, like {_REQUIRED[key]}."  # not "remove the key"
    return [ConfigError(problem.message, fix, path=path, line=key_line)]


def _shows_no_value(value: object) -> bool:
    """Whether `value` is written with nothing a reader would see: spaces or invisible
    characters (`"\u200f"`) alone, or no value at all."""
    if isinstance(value, str) and not values.blank(value):
        return values.shows_nothing(values.stripped(value))
    return values.blank(value)


def _once(errors: list[StaticfeedError]) -> list[StaticfeedError]:
    """`errors` without repeats: two items alike on one line are one error to fix."""
    return list({str(error): error for error in errors}.values())


def _item_lines(
    raw_text: str, key: str, in_pyproject: bool, line_of: Callable[[str], int | None]
) -> list[ItemLines]:
    """The line of each item of the list `key` holds: its `[[key]]` headers, or the line each
    item of an array begins on. Only for an error: tomllib keeps no lines."""
    table = f"tool.staticfeed.{key}" if in_pyproject else key
    return toml_list_item_lines(raw_text, table, line_of(key))


def _keys_caught_by_table(
    path: Path,
    raw_text: str,
    item: tuple[str, object],
    in_pyproject: bool,
    line_of: Callable[[str], int | None],
) -> list[tuple[str, ConfigError]]:
    """Each config key written after `[[authors]]`, which TOML puts in that author, as written
    and its error: the unknown key `authors.id_authority` and its did-you-mean `authors.uri`
    sent users the wrong way. A misspelled one (`subtitel`) too, named as meant. `item` is the
    table's key and value."""
    key, value = item
    table = f"tool.staticfeed.{key}" if in_pyproject else key
    fields = values.AUTHOR_KEYS if key == "authors" else ()
    caught = toml_keys_caught_by_table(raw_text, table, value, (_CHECKS, fields))
    place, prefix = _where_keys_go(raw_text, in_pyproject, line_of) if caught else (None, "")
    if place is not None and prefix:  # dotted keys: moved above the header, one was [tool]'s
        beside = (place, prefix)
        caught = toml_keys_caught_by_table(raw_text, table, value, (_CHECKS, fields), 1, beside)
    return [
        (name, ConfigError(message, fix, path=path, line=line))
        for name, message, fix, line in caught
    ]


def _reject_xml_illegal(key: str, value: object) -> None:
    """Config text goes into every feed; a character it cannot carry is an error to fix, in
    each item of a list at the item's line (InvalidItems), in a table at its key's."""
    if isinstance(value, list):
        values.each_item(key, value, lambda item: _reject_xml_illegal(key, item))
    elif isinstance(value, dict):
        for name, item in value.items():
            with values.in_field(name):
                _reject_xml_illegal(key, item)
    elif isinstance(value, str) and (unfit := unfit_character(value)):
        raise values.InvalidValue(
            f"{key} contains {unfit}", "Remove it (look for an escape such as \\u0001)."
        )


def _base_url_override(base_url: str) -> str:
    try:
        _reject_xml_illegal("--base-url", base_url)
        return values.site_url("--base-url", base_url)
    except values.InvalidValue as problem:
        raise ConfigError(problem.message, problem.fix) from None


def _assemble(
    path: Path,
    checked: dict[str, object],
    line_of: Callable[[str], int | None],
    base_url: str | None,
) -> Config:
    """The Config of the keys `checked` holds (those that are valid), with what is found from
    them checked too: ManyErrors when feed_url and templates are both wrong."""
    if base_url is not None:
        checked["config_site_url"] = checked["site_url"]
        checked["site_url"] = _base_url_override(base_url)
    site_url = values.canonical_url(_with_slash(str(checked.pop("site_url"))))
    if "config_site_url" in checked:
        checked["config_site_url"] = values.canonical_url(
            _with_slash(str(checked["config_site_url"]))
        )
    feed_url = values.canonical_url(
        _with_slash(urljoin(site_url, str(checked.pop("feed_url", "feeds/"))))
    )
    errors: list[ConfigError] = []
    if urlsplit(feed_url).scheme not in ("http", "https"):
        errors.append(
            ConfigError(
                f"feed_url {feed_url!r} is not an http(s) URL",
                'Write it relative to site_url, like "feeds/".',
                path=path,
                line=line_of("feed_url"),
            )
        )
    for key in ("icon", "logo"):
        if key in checked:
            checked[key] = urljoin(site_url, str(checked[key]))
    if "templates" in checked:
        try:
            checked["templates"] = _templates_folder(
                path, str(checked["templates"]), line_of("templates")
            )
        except ConfigError as error:
            errors.append(error)
    elif (path.parent / "templates").is_dir():
        checked["templates"] = path.parent / "templates"
    if errors:
        raise errors[0] if len(errors) == 1 else ManyErrors(errors)
    timezone = checked.pop("timezone", None)
    if not isinstance(timezone, ZoneInfo):
        timezone = zone("UTC")
    return Config(path=path, site_url=site_url, feed_url=feed_url, timezone=timezone, **checked)  # type: ignore[arg-type]


def _templates_folder(path: Path, folder: str, line: int | None) -> Path:
    templates = path.parent / folder
    try:
        is_folder = templates.is_dir()
    except OSError as error:  # a name too long; a folder on the way that cannot be entered
        raise ConfigError(
            f"templates {folder!r} cannot be looked at ({error.strerror or error})",
            "Name a folder that can be entered (chmod +rx), or remove templates to use "
            "staticfeed's own.",
            path=path,
            line=line,
        ) from None
    if not is_folder:
        raise ConfigError(
            f"templates {folder!r} is not a folder",
            "Create it, or remove templates to use staticfeed's own.",
            path=path,
            line=line,
        )
    return templates


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _read_toml(path: Path) -> dict[str, object]:
    try:
        if not S_ISREG(path.stat().st_mode):  # reading a pipe waits for ever
            raise ConfigError(
                "the config file is not a regular file (a pipe, a socket or a device)",
                "Replace it with the config file, or pass --config FILE.",
                path=path,
            )
        data = path.read_bytes()
        # A byte-order mark, which Windows editors write, is not part of the TOML. Decoded
        # after it, so that the offset of a bad byte counts from the file's first byte.
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        text = data[bom:].decode("utf-8")
    except FileNotFoundError:
        raise broken_link(path, ConfigError, _LEADS_TO) or ConfigError(
            "the config file does not exist", "Check the --config path.", path=path
        ) from None
    except OSError as error:  # no permission; a folder is refused by the command line
        raise broken_link(path, ConfigError, _LEADS_TO) or ConfigError(
            f"cannot read the config file ({error.strerror or error})",
            "Check that it can be read.",
            path=path,
        ) from None
    except UnicodeDecodeError as error:
        offset = bom + error.start
        raise ConfigError(
            f"not UTF-8 (byte {offset})",
            "Save the file as UTF-8.",
            path=path,
            line=line_at_byte(data, offset),
        ) from None
    try:
        return toml_values_as_written(tomllib.loads(text), text)
    except RecursionError:  # tomllib recurses into each nested array or inline table
        raise ConfigError(
            "the TOML nests arrays or inline tables too deep to read",
            "Write it with fewer levels of [ ] and { }.",
            path=path,
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise _invalid_toml(path, text, str(error)) from None
    except ValueError:  # int() on a number of more digits than it reads, which tomllib lets by
        long_number = long_number_error(text)
        if long_number is None:
            raise
        raise ConfigError(*long_number[:2], path=path, line=long_number[2]) from None


def _invalid_toml(path: Path, text: str, message: str) -> ConfigError:
    """The error at the line tomllib names, or for a value cut short "at end of document" (a
    quote or a [ never closed), which names none, at the line where that value begins."""
    twice = toml_key_given_twice(text, message)
    if twice is not None:
        return ConfigError(twice[0], twice[1], path=path, line=twice[2])
    match = re.search(r"at line (\d+)", message)
    line: int | None = None
    if match is not None:
        line = int(match.group(1))
        cr_alone = _cr_alone(path, text, line)
        if cr_alone is not None:
            return cr_alone
        unquoted = _text_unquoted(text, line, message)
        if unquoted is not None:
            return ConfigError(*unquoted, path=path, line=line)
    else:
        line = toml_cut_short_line(text)
        runs = ": the value that starts here runs to the end of the file"
        message = message.replace(
            " (at end of document)", runs if line else " at the end of the file"
        )
    return ConfigError(f"invalid TOML ({message})", "Fix the TOML syntax.", path=path, line=line)


def _text_unquoted(text: str, line: int, message: str) -> tuple[str, str] | None:
    """What is wrong and how to fix it when tomllib's `message` refuses a value of a key that
    takes text written without quotes at `line` (`timezone = Europe/Kyiv`), as in TOML front
    matter: tomllib said only "Invalid value" and its column, and the fix was to fix the
    syntax."""
    at = re.search(r"\s*\(at line \d+, column (\d+)\)", message)
    if at is None:
        return None
    lines = [each.removesuffix("\r") for each in text.split("\n")[:line]]
    problem = message.replace(at.group(0), "")
    return toml_text_unquoted(lines, int(at.group(1)), problem, _TEXT_KEYS)


def _cr_alone(path: Path, text: str, line: int) -> ConfigError | None:
    """The error of a CR alone as a line end (classic Mac OS, some old editors), which TOML
    does not allow: tomllib fails at the first one, at a column that says nothing of it."""
    fix = "Save the file with LF line ends (your editor's line-ending setting: LF, or Unix)."
    allowed = "which TOML does not allow: it ends a line with LF or CR LF only"
    if "\r" in text and "\n" not in text:
        return ConfigError(f"the file's lines end in CR alone, {allowed}", fix, path=path)
    if line in lone_cr_lines(text):
        return ConfigError(f"the line holds a CR alone (^M), {allowed}", fix, path=path, line=line)
    return None


def _under_tool(path: Path, document: Mapping[str, object]) -> bool:
    """Whether the config's keys are those of its `[tool.staticfeed]` table: in pyproject.toml,
    or in any config with a `tool` table, as `_staticfeed_table` reads it. The lines of its
    keys are then looked for there (a staticfeed.toml with `[tool]` named none)."""
    return path.name == "pyproject.toml" or "tool" in document


def _reject_tool_not_table(path: Path, document: Mapping[str, object]) -> None:
    """A `tool` key that is no table (`tool = "x"`) holds no [tool.staticfeed] table: saying
    there is none sent the author looking for the table, or for a typo in its name."""
    tool = document.get("tool")
    if tool is None or isinstance(tool, dict):
        return
    fix = "Replace it with a [tool] table that holds [tool.staticfeed] with title and site_url."
    if path.name != "pyproject.toml":  # staticfeed's own file: its settings go at its top
        fix = (
            "Remove it, and write title and site_url at the top of the file (or in a"
            " [tool.staticfeed] table)."
        )
    raise ConfigError(
        f"tool is {values.type_name(tool)}, not a table, so it holds no [tool.staticfeed] table",
        fix,
        path=path,
        line=_key_line_in(path.read_text(encoding="utf-8-sig"), _TOOL_KEY),
    )


def _reject_misspelled_table(path: Path, document: Mapping[str, object], missing: str) -> None:
    """A table under `tool` whose name is a slip for staticfeed's (`[tool.staticfed]`,
    `staticfed.title` under `[tool]`) is named at its first line: "there is no [tool.staticfeed]
    table" named no line, and the author read the header they had written as the one asked for.
    `missing` says what was looked for."""
    tool = document.get("tool")
    names = list(tool) if isinstance(tool, dict) else []
    slip = next((name for name in names if values.closest_key(name, ["staticfeed"])), None)
    if slip is None:
        return
    raw_text = path.read_text(encoding="utf-8-sig")
    lines = (
        number
        for number, key, value in _toml_paths(raw_text)
        if key[:2] == (*_TOOL_KEY, slip) or (value is not None and key == _TOOL_KEY)
    )  # the header, a dotted key's line, or the inline `tool = { ... }` that holds it
    raise ConfigError(
        f"{missing}, only [tool.{values.key_named(slip)}]",
        f"Did you mean {_TABLE_LINE}?",
        path=path,
        line=next(lines, None),
    )


def _staticfeed_table(path: Path, document: Mapping[str, object]) -> dict[str, object]:
    if _under_tool(path, document):
        _reject_tool_not_table(path, document)
        tool = document.get("tool")
        table = tool.get("staticfeed") if isinstance(tool, dict) else None
        if table is not None and not isinstance(table, dict):
            # The key is there: saying there is none sent the author looking for a typo.
            raise ConfigError(
                f"tool.staticfeed is {values.type_name(table)}, not a table of settings",
                "Replace it with a [tool.staticfeed] table with title and site_url.",
                path=path,
                line=_staticfeed_key_line(path.read_text(encoding="utf-8-sig")),
            )
        if not isinstance(table, dict):
            _reject_misspelled_table(path, document, "there is no [tool.staticfeed] table")
            raise ConfigError(
                "there is no [tool.staticfeed] table",
                "Add [tool.staticfeed] with title and site_url.",
                path=path,
            )
        return table
    return dict(document)


_STATICFEED_KEY = ("tool", "staticfeed")
_TOOL_KEY = ("tool",)


def _staticfeed_key_line(raw_text: str) -> int | None:
    """The line of a `staticfeed =` key under `[tool]` (or `tool.staticfeed =` at the top of
    the file); None when it is written otherwise (`tool = { staticfeed = 1 }`)."""
    return _key_line_in(raw_text, _STATICFEED_KEY)


def _key_line_in(raw_text: str, key: tuple[str, ...]) -> int | None:
    """The first line that gives the key whose whole dotted name is `key`, as TOML reads it
    (`"tool" = …`, `tool . staticfeed = …` under no header, `staticfeed = …` under `[tool]`);
    None when there is none."""
    found = (number for number, path, value in _toml_paths(raw_text) if value and path == key)
    return next(found, None)


def _toml_paths(raw_text: str) -> Iterator[tuple[int, tuple[str, ...], str | None]]:
    """Each line of the TOML `raw_text` that is a table's header or begins a key, its number,
    the whole name of what it gives as TOML reads it (the table's, the table's and the key's
    parts) and, for a key, what follows its `=` (None for a header). Only for an error:
    tomllib keeps no lines. Names in quotes, with spaces around their dots or a comment after
    a header are read as TOML reads them: `"staticfeed" = { titel = 1 }` was at no line."""
    table: tuple[str, ...] = ()
    for number, line in toml_statement_lines(raw_text):
        if (header := toml_header_named(line)) is not None:
            table = header
            yield number, header, None
        elif (key := toml_key_named(line)) is not None:
            yield number, table + key[0], key[1]


def config_key_line(path: Path, key: str) -> int | None:
    """The line of `key` in the staticfeed table of the config at `path`; None when the key is
    not there or the file cannot be read now."""
    try:
        in_pyproject = _under_tool(path, _read_toml(path))
        raw_text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, StaticfeedError):
        return None
    return _key_line_finder(raw_text, in_pyproject=in_pyproject)(key)


def dotted_keys_place(path: Path) -> tuple[int | None, str]:
    """Where a key the config at `path` lacks goes when pyproject's staticfeed keys are written
    dotted: the line of the first of them, and the prefix a key's name takes there
    (`staticfeed.` under `[tool]`); (None, "") for a config written otherwise, or that cannot
    be read now. `id_authority = ...`, written under [tool] as told, was a key of [tool]."""
    try:
        in_pyproject = _under_tool(path, _read_toml(path))
        raw_text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, StaticfeedError):
        return None, ""
    line_of = _key_line_finder(raw_text, in_pyproject=in_pyproject)
    line, prefix = _where_keys_go(raw_text, in_pyproject, line_of)
    return (line, prefix) if prefix else (None, "")


def config_items(path: Path, key: str) -> list[tuple[object, ItemLines | int | None]]:
    """Each item of the list `key` (or its one value) in the config at `path` as written, with
    its lines (ItemLines), the key's line when items and lines do not pair up; [] when the config
    cannot be read now. For a warning: tomllib keeps no lines."""
    try:
        document = _read_toml(path)
        table = _staticfeed_table(path, document)
        raw_text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, StaticfeedError):
        return []
    if key not in table:
        return []
    value = table[key]
    items = value if isinstance(value, list) else [value]
    in_pyproject = _under_tool(path, document)
    line_of = _key_line_finder(raw_text, in_pyproject=in_pyproject)
    lines: list[ItemLines | int | None] = [*_item_lines(raw_text, key, in_pyproject, line_of)]
    if len(lines) != len(items):
        lines = [line_of(key)] * len(items)
    return list(zip(items, lines, strict=True))


def _where_keys_go(
    raw_text: str, in_pyproject: bool, line_of: Callable[[str], int | None]
) -> tuple[int | None, str]:
    """The line a key the staticfeed table lacks goes at, and what its name is written after
    there: the `[tool.staticfeed]` header (or its inline table's line), nothing; else, in
    pyproject.toml, the first key written dotted, and its prefix (`staticfeed.` under
    `[tool]`, `tool.staticfeed.` at the top), without which `title = ...` there is a key of
    another table. The error named no line, and its fix made `tool.title`."""
    if not in_pyproject:
        return None, ""  # staticfeed.toml's own keys: at the top of the file
    if (table_line := line_of(_TABLE_LINE)) is not None:
        return table_line, ""
    table: tuple[str, ...] = ()
    for number, line in toml_statement_lines(raw_text):
        if (header := toml_header_named(line)) is not None:
            table = header
        elif len(table) < 2 and (key := toml_key_named(line)) is not None:
            path = table + key[0]
            if len(path) > 2 and path[:2] == _STATICFEED_KEY:
                return number, ".".join((*path[len(table) : 2], ""))
    return None, ""


def _key_line_finder(raw_text: str, in_pyproject: bool) -> Callable[[str], int | None]:
    """Line numbers of keys in the staticfeed table, for error messages (tomllib has none): a
    `key =` line, or the header of a table that is a key of it (`[[authors]]`, `[author]`). In
    pyproject.toml, a key may be written dotted from the table `[tool]`
    (`staticfeed.title = "x"`) or from the top of the file (`tool.staticfeed.title = "x"`), or
    the table written inline (`staticfeed = { title = "x" }`), whose line is then each key's."""
    start = _STATICFEED_KEY if in_pyproject else ()
    found: dict[str, int] = {}
    for number, path, value in _toml_paths(raw_text):
        if value is None and path == start:  # [tool.staticfeed]
            found.setdefault(_TABLE_LINE, number)
        elif len(path) > len(start) and path[: len(start)] == start:
            found.setdefault(path[len(start)], number)
        elif value is not None and path == start[: len(path)] and value.lstrip()[:1] == "{":
            # The staticfeed table, or the tool table that holds it, written inline: TOML lets
            # no key be added to an inline table, so the table holds all there are.
            return lambda key: number
    return found.get
