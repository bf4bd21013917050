"""Images and enclosures named in front matter: absolute URLs, and local files measured."""

from __future__ import annotations

import functools
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from staticfeed import values
from staticfeed.config import Config
from staticfeed.model import Enclosure

ENCLOSURE_KEYS = ("url", "type", "length")
_MEDIA_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+$")

# Types of files that go with entries that Python's own table lacks (3.11).
_MORE_TYPES = {
    ".m4a": "audio/mp4",
    ".m4b": "audio/mp4",
    ".m4v": "video/mp4",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".ogv": "video/ogg",
    ".flac": "audio/flac",
    ".epub": "application/epub+zip",
    ".webp": "image/webp",
}


@functools.cache
def _types() -> mimetypes.MimeTypes:
    """Python's own table of types, and _MORE_TYPES. Not mimetypes.guess_type, which reads the
    machine's tables too (/etc/mime.types, the Windows registry): an enclosure's type depended
    on the machine (`.opus` was audio/ogg on Debian, audio/opus elsewhere), and `.m4a` had
    none without /etc/mime.types (python:3.11-slim), an error."""
    types = mimetypes.MimeTypes()
    for extension, media_type in _MORE_TYPES.items():
        types.add_type(media_type, extension)
    return types


def image_url(key: str, value: object, config: Config) -> str:
    """An image URL, absolute; a relative one is on the site (`_on_the_site`)."""
    return _absolute(key, _url(key, value), config)


def _url(key: str, value: object) -> str:
    """`value` as a URL urllib can take apart: "https://[::1" or a port of 99999 is not; a
    number or a date is none, in quotes either (an image's, an enclosure's)."""
    values.refuse_scalar(key, value, "a URL", _URL_FIX)
    url = values.text(key, value)
    try:
        _ = urlsplit(url).port
    except ValueError as error:
        raise values.InvalidValue(f"{key} {url!r} is not a URL ({error})", _URL_FIX) from None
    values.refuse_other_scheme(key, url)  # `javascript:x` was published as media:content
    return url


_URL_FIX = "Write a path on the site, or a full URL like https://example.org/cover.jpg"


def enclosures(key: str, value: object, config: Config) -> tuple[Enclosure, ...]:
    """Enclosures as URLs or mappings with url, type and length; a list or just one."""
    if values.blank(value):
        raise values.empty(key)
    items = value if isinstance(value, list) else [value]
    return tuple(values.each_item(key, items, lambda item: _enclosure(key, item, config)))


def _enclosure(key: str, value: object, config: Config) -> Enclosure:
    fields = {"url": value} if isinstance(value, str) else value
    if not isinstance(fields, dict):
        raise values.InvalidValue(
            f"each of {key} must be a URL or a mapping with url, type and length",
            'Write it as "media/episode-1.mp3" or {url: ..., type: audio/mpeg, length: 123}.',
        )
    # Every bad key of the enclosure is told in one run, each at its line, as an author's: an
    # unknown key hid a bad url beside it, which the user met only after building again.
    problems = values.unknown_fields(key, fields, ENCLOSURE_KEYS)
    # A key left out because it is misspelled (`lenght:`) is told as that slip alone.
    slips = {field for field in ENCLOSURE_KEYS if values.meant(key, fields, field, ENCLOSURE_KEYS)}
    written_type = fields.get("type")  # none, or empty: told from the url
    media_type = (
        values.told(problems, "type", lambda: _media_type(key, written_type))
        if written_type
        else None
    )
    written_length = fields.get("length")
    length = values.told(problems, "length", lambda: _stated_length(key, written_length))
    located = _located(problems, key, fields, config, slips)
    if located is not None:
        url, local, absolute = located
        if not written_type and "type" not in slips:
            media_type = values.told(problems, "url", lambda: _guess(key, url))
        # Not where the length written is told wrong, or misspelled, already.
        if (length is not None or written_length is None) and "length" not in slips:
            length = values.told(problems, "length", lambda: _length(key, url, length, local))
    values.refuse_in_order(fields, problems)
    assert located is not None and media_type is not None and length is not None
    return Enclosure(url=absolute, media_type=media_type, length=length)


def _located(
    problems: list[values.InvalidValue],
    key: str,
    fields: dict[object, object],
    config: Config,
    slips: set[str],
) -> tuple[str, Path | None, str] | None:
    """The enclosure's url as written, the project's file it names (or None), and its URL in
    the feeds; or None, with what is wrong added to `problems`."""
    if "url" not in fields:
        if "url" not in slips:
            # In words, not in YAML or TOML: the enclosure may be written in either.
            problems.append(
                values.InvalidValue(
                    f"an enclosure in {key} has no url",
                    "Add a url to it: the path of a file in the project, or a full URL.",
                )
            )
        return None
    return values.told(problems, "url", lambda: _url_located(key, fields, config, slips))


def _url_located(
    key: str, fields: dict[object, object], config: Config, slips: set[str]
) -> tuple[str, Path | None, str]:
    url = _url(f"{key} url", fields["url"])
    local = _local_file(key, url, config)
    # Without a length, a path outside the site is no file to measure; a misspelled
    # `lenght:` is told as that slip alone.
    no_length = fields.get("length") is None and "length" not in slips
    if no_length and local is None and _is_root_relative(url):
        raise _outside_the_site(key, url, config)
    return url, local, _absolute(f"{key} url", url, config)


def _stated_length(key: str, value: object) -> int | None:
    return None if value is None else values.whole_number(f"{key} length", value, minimum=1)


def _absolute(key: str, url: str, config: Config) -> str:
    """`url` resolved against the site (`_on_the_site`), with a space, a non-ASCII letter or a
    `%` that begins no escape in its path, query or fragment percent-encoded: `media/ep 1.mp3`,
    the file's own name, is not a URL that curl (newsboat's downloader) or urllib will fetch. A
    host in other letters than ASCII is written in IDNA (values.as_uri)."""
    parts = urlsplit(_on_the_site(url, config))
    path, query, fragment = (values.percent_encoded(part) for part in parts[2:])
    return values.checked_uri(
        key, urlunsplit(parts._replace(path=path, query=query, fragment=fragment))
    )


def _on_the_site(url: str, config: Config) -> str:
    """`url` made absolute. A relative path is the project's file, put on the site: after
    site_url (--base-url's, in a preview). So is a path from the host's root in the site's
    folder, the config's site_url's: with the site at https://example.org/blog/,
    `/blog/media/a.pdf` is `media/a.pdf`. Any other path from the root is on the config's
    host, outside the site, in a preview too: `/media/a.pdf` is
    https://example.org/media/a.pdf, which the project's media/a.pdf is not published at."""
    if not _is_root_relative(url):
        return urljoin(config.site_url, url)
    in_site = _in_site_folder(url, config)
    if in_site is None:
        return urljoin(config.published_site_url, url)
    return urljoin(config.site_url, in_site)


def _is_root_relative(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def _in_site_folder(url: str, config: Config) -> str | None:
    """The root-relative `url` relative to the site's folder, as written (`/blog/a.pdf` is
    `./a.pdf` for a site at https://example.org/blog/), or None when it lies outside it. Its
    dot segments resolved, and its segments compared decoded: `/café/a.pdf` is in the folder
    of https://example.org/caf%C3%A9/."""
    parts = urlsplit(urljoin(config.published_site_url, url))
    folder = urlsplit(config.published_site_url).path.split("/")[:-1]  # "/blog/": "", "blog"
    segments = parts.path.split("/")
    written = [unquote(segment) for segment in segments[: len(folder)]]
    if len(segments) <= len(folder) or written != [unquote(name) for name in folder]:
        return None
    rest = "/".join(segments[len(folder) :])
    return "./" + urlunsplit(("", "", rest, parts.query, parts.fragment))


def _outside_the_site(key: str, url: str, config: Config) -> values.InvalidValue:
    """The error for a root-relative `url` outside the site's folder given without a length."""
    site = config.published_site_url
    # Its dot segments resolved: `/blog/../a.mp3` is /a.mp3, and `blog/../a.mp3` no better.
    relative = urlsplit(urljoin(site, url)).path.lstrip("/")
    # `/` and `/blog/..` name the host's root, a folder: "Write  for the project's file".
    project = (
        f"Write {relative} for the project's file (published at {urljoin(site, relative)})"
        if relative and not relative.endswith("/")
        else "Write the path of the project's file"
    )
    return values.InvalidValue(
        f"{key} {url!r} is not in the site's folder {urlsplit(site).path}, so it is no file of "
        "the project to measure",
        f"{project}, or add length: with the size in bytes of {urljoin(site, url)}.",
    )


def project_files(value: object, config: Config) -> list[Path]:
    """The files in the project folder that an `enclosures` value names, which a build
    measures, whether they are there or not; none for a URL that is not a file of the project
    or cannot be read (the build says what is wrong). A link is there as itself too, beside
    the file it leads to: `ln -sf` points it at another file."""
    items = value if isinstance(value, list) else [value]
    urls = [item.get("url") if isinstance(item, dict) else item for item in items]
    root = config.path.parent.resolve()
    found: set[Path] = set()
    for url in urls:
        try:
            named = _project_path(url.strip(), config, root) if isinstance(url, str) else None
            if named is not None:
                found |= {named.resolve(), Path(os.path.normpath(named))}
        except (ValueError, OSError, RuntimeError):  # no URL; a link that loops
            pass
    return sorted(path for path in found if path.is_relative_to(root))


def _project_path(url: str, config: Config, root: Path) -> Path | None:
    """The path, not resolved, of the project's own file behind a relative URL, or a
    root-relative one in the site's folder (`_on_the_site`); it may lead out of the project
    folder `root` (resolved)."""
    if urlsplit(url).scheme or url.startswith("//"):
        return None
    relative = _in_site_folder(url, config) if _is_root_relative(url) else url
    if relative is None:
        return None
    return root / unquote(urlsplit(relative).path)


def _local_file(key: str, url: str, config: Config) -> Path | None:
    """The project's own file behind a relative URL, or a root-relative one in the site's
    folder (`_on_the_site`), never one outside the project."""
    root = config.path.parent.resolve()
    named = _project_path(url, config, root)
    if named is None:
        return None
    path = named.resolve()
    if not path.is_relative_to(root):
        raise values.InvalidValue(
            f"{key} {url!r} points outside the project folder",
            "Put the file inside the project, or give its full URL with type and length.",
        )
    try:
        is_file = path.is_file()
    except OSError as error:  # a name too long; a folder on the way that cannot be entered
        raise values.InvalidValue(
            f"{key} {url!r} names a file the system cannot look at ({error.strerror or error})",
            "Check the file's name, and that its folder can be entered (chmod +rx).",
        ) from None
    if not is_file:
        raise values.InvalidValue(
            f"{key} {url!r} is not a file in the project folder ({path})",
            "Put the file there, or give its full URL with type and length.",
        )
    return path


def _media_type(key: str, value: object) -> str:
    media_type = values.text(f"{key} type", value)
    if not _MEDIA_TYPE.match(media_type):
        raise values.InvalidValue(
            f"{key} type {media_type!r} is not a MIME type",
            "Write it like audio/mpeg or application/pdf.",
        )
    return media_type


def _guess(key: str, url: str) -> str:
    guessed, _ = _types().guess_type(urlsplit(url).path)
    if guessed is None:
        raise values.InvalidValue(
            f"the media type of {key} {url!r} cannot be told from its name",
            "Add type: with its MIME type, such as audio/mpeg.",
        )
    return guessed


def _length(key: str, url: str, stated: int | None, local: Path | None) -> int:
    """The enclosure's length: the `stated` one of a file elsewhere, the measured size of the
    project's file `local`, which must be the stated one if any."""
    if local is None:
        if stated is None:
            raise values.InvalidValue(
                f"{key} needs a length in bytes for a file that is not in the project",
                "Add length: with the file's size in bytes.",
            )
        return stated
    size = _measured(key, url, local)
    if stated is not None and stated != size:
        # Readers show it as the download's size and check the file against it: a length
        # stated before the file was encoded again would be published, stale.
        raise values.InvalidValue(
            f"{key} length {stated} is not the size of {url!r} ({size} bytes)",
            "Leave length out: staticfeed measures a file in the project.",
        )
    return size


def _measured(key: str, url: str, local: Path) -> int:
    """The size of the project's file `local`, which `url` names."""
    size = local.stat().st_size
    if not size:  # a copy that failed, or a placeholder: readers would fetch nothing
        raise values.InvalidValue(
            f"{key} {url!r} is an empty file ({local})",
            "Put the file's content there, or give its full URL with type and length.",
        )
    return size
