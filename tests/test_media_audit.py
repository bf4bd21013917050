"""Mutation audit of staticfeed.media: an enclosure's URL, type and length as a reader gets
them, read back with json and feedparser."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import feedparser

from tests.conftest import invoke_build

EPISODE = b"ID3" + bytes(range(256)) * 4  # 1,027 bytes


def one_entry(enclosures: str) -> str:
    return f"---\ntitle: T\ndate: 2025-12-01\nenclosures:\n{enclosures}---\nT.\n"


def attachments(folder: Path) -> list[dict[str, object]]:
    feed = json.loads((folder / "feeds" / "feed.json").read_text(encoding="utf-8"))
    found: list[dict[str, object]] = feed["items"][0]["attachments"]
    return found


def test_a_type_with_more_after_it_is_not_a_mime_type(site: Callable[..., Path]) -> None:
    # Two types in one: a reader that matches on the type (audio/mpeg) plays nothing.
    item = "  - {url: https://cdn.example.net/a.mp3, type: audio/mpeg audio/ogg, length: 9}\n"
    site(**{"a.md": one_entry(item)})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:5: enclosures type 'audio/mpeg audio/ogg' is not a MIME type. "
        "Write it like audio/mpeg or application/pdf.\n"
    )
    assert not Path("feeds").exists()


def test_each_extension_python_lacks_has_its_registered_type(site: Callable[..., Path]) -> None:
    # The IANA media types (RFC 4337 for MP4, RFC 5334 for Ogg, RFC 9649 for WebP), on every
    # machine: Python's own table (3.11) knows none of these but .webp, and that one only as
    # a non-strict type.
    expected = {
        "a.m4b": "audio/mp4",
        "b.oga": "audio/ogg",
        "c.ogv": "video/ogg",
        "d.webp": "image/webp",
    }
    listed = "".join(f"  - media/{name}\n" for name in expected)
    folder = site(**{"a.md": one_entry(listed)})
    (folder / "media").mkdir()
    for name in expected:
        (folder / "media" / name).write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    assert [attachment["mime_type"] for attachment in attachments(folder)] == list(
        expected.values()
    )
    rss = feedparser.parse((folder / "feeds" / "rss.xml").read_bytes())
    assert rss.entries[0].enclosures[0].type == "audio/mp4"
    assert rss.entries[0].enclosures[0].length == "1027"


def test_a_url_from_another_host_without_its_scheme_is_that_hosts_file(
    site: Callable[..., Path],
) -> None:
    # `//cdn.example.net/a.mp3` is on cdn.example.net, by the site's scheme (RFC 3986, 4.2):
    # no file of the project, so it is not looked for there.
    item = "  - {url: //cdn.example.net/a.mp3, type: audio/mpeg, length: 4096}\n"
    folder = site(**{"a.md": one_entry(item)})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    assert attachments(folder) == [
        {"url": "https://cdn.example.net/a.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 4096}
    ]
    rss = feedparser.parse((folder / "feeds" / "rss.xml").read_bytes())
    assert rss.entries[0].enclosures[0].href == "https://cdn.example.net/a.mp3"


def test_a_url_from_another_host_without_its_scheme_needs_its_length(
    site: Callable[..., Path],
) -> None:
    # Not a path from the root of the site's host (whose error says to write the project's
    # path): the file is on another host, whose length only the user can give.
    site(**{"a.md": one_entry("  - {url: //cdn.example.net/a.mp3, type: audio/mpeg}\n")})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:5: enclosures needs a length in bytes for a file that is not in "
        "the project. Add length: with the file's size in bytes.\n"
    )


def test_a_length_of_no_bytes_is_refused(site: Callable[..., Path]) -> None:
    # A reader would download nothing, as from an empty file of the project (refused too).
    item = "  - {url: https://cdn.example.net/a.mp3, type: audio/mpeg, length: 0}\n"
    site(**{"a.md": one_entry(item)})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:5: enclosures length must be a whole number of at least 1, not 0. "
        "Write a whole number such as 1.\n"
    )
    assert not Path("feeds").exists()


def test_a_preview_puts_a_relative_enclosure_and_image_on_the_preview(
    site: Callable[..., Path],
) -> None:
    # README: with --base-url the project's files are at the preview's URL, whichever way
    # the path is written; a reader of the preview fetches them there.
    text = one_entry("  - media/a.mp3\n").replace("enclosures:", "image: img/c.png\nenclosures:")
    folder = site(**{"a.md": text})
    (folder / "media").mkdir()
    (folder / "media" / "a.mp3").write_bytes(EPISODE)
    result = invoke_build("--base-url", "https://preview.example.org/")
    assert result.exit_code == 0, result.output
    assert attachments(folder) == [
        {
            "url": "https://preview.example.org/media/a.mp3",
            "mime_type": "audio/mpeg",
            "size_in_bytes": 1027,
        }
    ]
    feed = json.loads((folder / "feeds" / "feed.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["image"] == "https://preview.example.org/img/c.png"
