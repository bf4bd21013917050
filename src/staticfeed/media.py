"""Images and enclosures named in front matter: absolute URLs, and local files measured."""

from __future__ import annotations

import functools
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from staticfeed import values
from staticfeed.config import Config
from staticfeed.model import Enclosure

_ENCLOSURE_KEYS = ("url", "type", "length")
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
    """An image URL, absolute; a relative one is on the site."""
    return _absolute(key, _url(key, value), config)


def _url(key: str, value: object) -> str:
    """`value` as a URL urllib can take apart: "https://[::1" or a port of 99999 is not."""
    url = values.text(key, value)
    try:
        _ = urlsplit(url).port
    except ValueError as error:
        raise values.InvalidValue(
            f"{key} {url!r} is not a URL ({error})",
            "Write a path on the site, or a full URL like https://example.org/cover.jpg",
        ) from None
    values.refuse_other_scheme(key, url)  # `javascript:x` was published as media:content
    return url


def enclosures(key: str, value: object, config: Config) -> tuple[Enclosure, ...]:
    """Enclosures as URLs or mappings with url, type and length; a list or just one."""
    if values.blank(value):
        raise values.empty(key)
    items = value if isinstance(value, list) else [value]
    if any(item is None for item in items):
        raise values.empty_item(key)
    return tuple(_enclosure(key, item, config) for item in items)


def _enclosure(key: str, value: object, config: Config) -> Enclosure:
    fields = {"url": value} if isinstance(value, str) else value
    if not isinstance(fields, dict):
        raise values.InvalidValue(
            f"each of {key} must be a URL or a mapping with url, type and length",
            'Write it as "media/episode-1.mp3" or {url: ..., type: audio/mpeg, length: 123}.',
        )
    for field in fields:
        if field not in _ENCLOSURE_KEYS:
            raise values.unknown_key(f"{key}.{field}", [f"{key}.{k}" for k in _ENCLOSURE_KEYS])
    url = _url(f"{key} url", fields.get("url"))
    local = _local_file(key, url, config)
    media_type = fields.get("type")
    length = fields.get("length")
    return Enclosure(
        url=_absolute(f"{key} url", url, config),
        media_type=_media_type(key, media_type) if media_type else _guess(key, url),
        length=_length(key, url, length, local),
    )


def _absolute(key: str, url: str, config: Config) -> str:
    """`url` resolved against the site, with a space, a non-ASCII letter or a `%` that begins
    no escape in its path, query or fragment percent-encoded: `media/ep 1.mp3`, the file's own
    name, is not a URL that curl (newsboat's downloader) or urllib will fetch. A host in other
    letters than ASCII is written in IDNA (values.as_uri)."""
    parts = urlsplit(urljoin(config.site_url, url))
    path, query, fragment = (values.percent_encoded(part) for part in parts[2:])
    return values.checked_uri(
        key, urlunsplit(parts._replace(path=path, query=query, fragment=fragment))
    )


def _local_file(key: str, url: str, config: Config) -> Path | None:
    """The project's own file behind a relative URL, never one outside the project."""
    if urlsplit(url).scheme or url.startswith("//"):
        return None
    root = config.path.parent.resolve()
    path = (root / unquote(urlsplit(url).path).lstrip("/")).resolve()
    if not path.is_relative_to(root):
        raise values.InvalidValue(
            f"{key} {url!r} points outside the project folder",
            "Put the file inside the project, or give its full URL with type and length.",
        )
    if not path.is_file():
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


def _length(key: str, url: str, value: object, local: Path | None) -> int:
    if value is not None:
        return values.whole_number(f"{key} length", value, minimum=1)
    if local is not None:
        size = local.stat().st_size
        if not size:  # a copy that failed, or a placeholder: readers would fetch nothing
            raise values.InvalidValue(
                f"{key} {url!r} is an empty file ({local})",
                "Put the file's content there, or give its full URL with type and length.",
            )
        return size
    raise values.InvalidValue(
        f"{key} needs a length in bytes for a file that is not in the project",
        "Add length: with the file's size in bytes.",
    )
