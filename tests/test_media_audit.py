"""Mutation audit of staticfeed.media: an enclosure's URL, type and length as a reader gets
them, read back with json and feedparser."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest

from staticfeed.config import load_config
from staticfeed.serve import Enclosures
from tests.conftest import BASIC_CONFIG, invoke_build

EPISODE = b"ID3" + bytes(range(256)) * 4  # 1,027 bytes


def one_entry(enclosures: str) -> str:
    return f"---\ntitle: T\ndate: 2025-12-01\nenclosures:\n{enclosures}---\nT.\n"


def attachments(folder: Path) -> list[dict[str, object]]:
    feed = json.loads((folder / "feeds" / "feed.json").read_text(encoding="utf-8"))
    found: list[dict[str, object]] = feed["items"][0]["attachments"]
    return found


def refused(site: Callable[..., Path], item: str) -> str:
    """The stderr of a build of one entry whose enclosures are `item`, which must fail having
    written no feed."""
    site(**{"a.md": one_entry(item)})
    result = invoke_build()
    assert result.exit_code == 1
    assert not Path("feeds").exists()
    return result.stderr


def test_a_type_with_more_after_it_is_not_a_mime_type(site: Callable[..., Path]) -> None:
    # Two types in one: a reader that matches on the type (audio/mpeg) plays nothing.
    item = "  - {url: https://cdn.example.net/a.mp3, type: audio/mpeg audio/ogg, length: 9}\n"
    assert refused(site, item) == (
        "Error: entries/a.md:5: enclosures type 'audio/mpeg audio/ogg' is not a MIME type. "
        "Write it like audio/mpeg or application/pdf.\n"
    )


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
    item = "  - {url: //cdn.example.net/a.mp3, type: audio/mpeg}\n"
    assert refused(site, item) == (
        "Error: entries/a.md:5: enclosures needs a length in bytes for a file that is not in "
        "the project. Add length: with the file's size in bytes.\n"
    )


def test_a_length_of_no_bytes_is_refused(site: Callable[..., Path]) -> None:
    # A reader would download nothing, as from an empty file of the project (refused too).
    item = "  - {url: https://cdn.example.net/a.mp3, type: audio/mpeg, length: 0}\n"
    assert refused(site, item) == (
        "Error: entries/a.md:5: enclosures length must be a whole number of at least 1, not 0. "
        "Write a whole number such as 1.\n"
    )


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


def test_the_sites_folder_without_its_slash_is_a_file_beside_it(site: Callable[..., Path]) -> None:
    # /blog is the file `blog` at the host's root, not the site's folder /blog/ itself.
    assert refused(site, "  - {url: /blog, type: audio/mpeg}\n") == (
        "Error: entries/a.md:5: enclosures '/blog' is not in the site's folder /blog/, so it is "
        "no file of the project to measure. Write blog for the project's file (published at "
        "https://example.org/blog/blog), or add length: with the size in bytes of "
        "https://example.org/blog.\n"
    )


@pytest.mark.parametrize("written", ["/café/media/a.mp3", "/caf%C3%A9/media/a.mp3"])
def test_a_path_in_a_site_folder_of_other_letters_is_the_projects_file(
    site: Callable[..., Path], written: str
) -> None:
    # /café/ and /caf%C3%A9/ are one folder (RFC 3986, 2.1): either way the file is the
    # project's, measured, at the site's own spelling.
    config = BASIC_CONFIG.replace("https://example.org/blog/", "https://example.org/caf%C3%A9/")
    folder = site(config=config, **{"a.md": one_entry(f"  - {written}\n")})
    (folder / "media").mkdir()
    (folder / "media" / "a.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    assert attachments(folder) == [
        {
            "url": "https://example.org/caf%C3%A9/media/a.mp3",
            "mime_type": "audio/mpeg",
            "size_in_bytes": 1027,
        }
    ]


def test_a_project_file_named_with_escapes_is_measured_and_keeps_its_query(
    site: Callable[..., Path],
) -> None:
    # `ep%201.mp3` is the file `ep 1.mp3` (README: what is already encoded stays as written),
    # and a query or a fragment after a path in the site's folder reaches the reader too.
    listed = "  - media/ep%201.mp3\n  - /blog/media/ep%201.mp3?v=2#t=10\n"
    folder = site(**{"a.md": one_entry(listed)})
    (folder / "media").mkdir()
    (folder / "media" / "ep 1.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    assert [(found["url"], found["size_in_bytes"]) for found in attachments(folder)] == [
        ("https://example.org/blog/media/ep%201.mp3", 1027),
        ("https://example.org/blog/media/ep%201.mp3?v=2#t=10", 1027),
    ]


def test_serve_watches_each_project_file_an_enclosure_names_and_the_link_to_it(
    site: Callable[..., Path],
) -> None:
    # serve rebuilds when one of these changes (README): a file named in a mapping as well as
    # one named alone, and both a link and the file it leads to (`ln -sf` repoints the link;
    # an edit changes the file). A file outside the project is no file of it to watch.
    listed = "  - {url: media/one.mp3, type: audio/mpeg}\n  - media/two.mp3\n  - ../far.mp3\n"
    folder = site(**{"a.md": one_entry(listed)}).resolve()
    media = folder / "media"
    media.mkdir()
    (media / "short.mp3").write_bytes(EPISODE)
    (media / "one.mp3").symlink_to("short.mp3")
    config = folder / "staticfeed.toml"
    enclosures = Enclosures(folder / "entries", config, lambda: load_config(config))
    assert enclosures.update(()) == {media / "one.mp3", media / "short.mp3", media / "two.mp3"}


@pytest.mark.parametrize(
    "document",
    [
        pytest.param("---\ntitle: T\ndate: 2025-12-01\nenclosures: []\n---\nT.\n", id="yaml"),
        pytest.param('+++\ntitle = "T"\ndate = 2025-12-01\nenclosures = []\n+++\nT.\n', id="toml"),
    ],
)
def test_enclosures_as_an_empty_list_is_none(site: Callable[..., Path], document: str) -> None:
    # As `tags: []`: an empty list is written on purpose (archetypes and other tools write it
    # so), unlike a key left with no value, which a template leaves to be filled in.
    folder = site(**{"a.md": document})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    for name in ("atom.xml", "rss.xml"):
        (entry,) = feedparser.parse(folder / "feeds" / name).entries
        assert entry.enclosures == []
    (item,) = json.loads((folder / "feeds" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert "attachments" not in item


def test_enclosures_with_no_value_is_an_error_that_says_so(site: Callable[..., Path]) -> None:
    # Not "each of enclosures must be a URL or a mapping": nothing was given.
    assert refused(site, "") == (
        "Error: entries/a.md:4: enclosures is empty. Give enclosures a value or remove the key.\n"
    )
