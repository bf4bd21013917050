"""Front-matter image and enclosures in Atom, RSS and JSON Feed, read with lxml and feedparser."""

from __future__ import annotations

import json
import mimetypes
import subprocess
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from click.testing import CliRunner

from staticfeed.cli import cli
from tests.conftest import (
    ATOM_NS,
    BASIC_CONFIG,
    invoke_build,
    need_atom_schema,
    need_program,
    read_xml,
)

MEDIA = "{http://search.yahoo.com/mrss/}"
SITE = "https://example.org/blog/"
EPISODE = b"ID3" + bytes(range(256)) * 40  # 10,243 bytes of "audio"

POST = """\
---
title: Episode one
date: 2025-12-01
image: img/cover.jpg
enclosures:
  - media/episode-1.mp3
  - url: https://cdn.example.net/episode-1.ogg
    type: audio/ogg
    length: 18223342
---
Listen.
"""


def build_episode(site: Callable[..., Path]) -> Path:
    folder = site(**{"a.md": POST})
    (folder / "media").mkdir()
    (folder / "media" / "episode-1.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    return folder / "feeds"


def test_atom_has_every_enclosure_with_type_and_length(site: Callable[..., Path]) -> None:
    feeds = build_episode(site)
    (entry,) = read_xml(feeds / "atom.xml").iter(f"{{{ATOM_NS}}}entry")
    enclosures = [
        (link.get("href"), link.get("type"), link.get("length"))
        for link in entry.iter(f"{{{ATOM_NS}}}link")
        if link.get("rel") == "enclosure"
    ]
    assert enclosures == [
        (SITE + "media/episode-1.mp3", "audio/mpeg", str(len(EPISODE))),
        ("https://cdn.example.net/episode-1.ogg", "audio/ogg", "18223342"),
    ]
    parsed = feedparser.parse(str(feeds / "atom.xml"))
    assert not parsed.bozo
    assert [e.href for e in parsed.entries[0].enclosures] == [href for href, _, _ in enclosures]


def test_rss_has_the_first_enclosure_only(site: Callable[..., Path]) -> None:
    feeds = build_episode(site)
    (item,) = read_xml(feeds / "rss.xml").iter("item")
    assert [dict(e.attrib) for e in item.findall("enclosure")] == [
        {"url": SITE + "media/episode-1.mp3", "length": str(len(EPISODE)), "type": "audio/mpeg"}
    ]


def test_image_is_media_rss_in_atom_and_rss_and_image_in_json(site: Callable[..., Path]) -> None:
    feeds = build_episode(site)
    image = SITE + "img/cover.jpg"
    for name, tag in (("atom.xml", f"{{{ATOM_NS}}}entry"), ("rss.xml", "item")):
        (entry,) = read_xml(feeds / name).iter(tag)
        assert entry.find(f"{MEDIA}thumbnail").get("url") == image, name
        content = entry.find(f"{MEDIA}content")
        assert (content.get("url"), content.get("medium")) == (image, "image"), name
        assert feedparser.parse(str(feeds / name)).entries[0].media_thumbnail[0]["url"] == image
    item = json.loads((feeds / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert item["image"] == image
    assert item["attachments"] == [
        {
            "url": SITE + "media/episode-1.mp3",
            "mime_type": "audio/mpeg",
            "size_in_bytes": len(EPISODE),
        },
        {
            "url": "https://cdn.example.net/episode-1.ogg",
            "mime_type": "audio/ogg",
            "size_in_bytes": 18223342,
        },
    ]


def test_file_names_with_spaces_and_accents_become_urls_a_reader_can_fetch(
    site: Callable[..., Path],
) -> None:
    # Written as they were ("media/ep 1.mp3"), curl, newsboat's downloader, and urllib refused
    # to fetch them.
    post = POST.replace("media/episode-1.mp3", "media/ep 1 é.mp3").replace(
        "img/cover.jpg", "img/Cover Photo.jpg"
    )
    post = post.replace("episode-1.ogg", "episode one.ogg?from=feed 1")
    folder = site(**{"a.md": post})
    (folder / "media").mkdir()
    (folder / "media" / "ep 1 é.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    written = [
        SITE + "media/ep%201%20%C3%A9.mp3",
        "https://cdn.example.net/episode%20one.ogg?from=feed%201",
    ]
    (entry,) = read_xml(folder / "feeds" / "atom.xml").iter(f"{{{ATOM_NS}}}entry")
    hrefs = [link.get("href") for link in entry.iter(f"{{{ATOM_NS}}}link")]
    assert [href for href in hrefs if href in written] == written
    (item,) = read_xml(folder / "feeds" / "rss.xml").iter("item")
    assert item.find("enclosure").get("url") == written[0]
    assert item.find(f"{MEDIA}thumbnail").get("url") == SITE + "img/Cover%20Photo.jpg"
    # Decoded, the URL names the file the author wrote.
    assert unquote(urlsplit(written[0]).path) == "/blog/media/ep 1 é.mp3"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('image: "https://[::1"', "image 'https://[::1' is not a URL (Invalid IPv6 URL)"),
        (
            "image: https://example.org:99999/a.png",
            "image 'https://example.org:99999/a.png' is not a URL (Port out of range 0-65535)",
        ),
        (
            'enclosures: [{url: "https://[::1", length: 5}]',
            "enclosures url 'https://[::1' is not a URL (Invalid IPv6 URL)",
        ),
    ],
)
def test_an_image_or_enclosure_url_urllib_cannot_read_is_an_error(
    site: Callable[..., Path], line: str, problem: str
) -> None:
    site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\n{line}\n---\nText.\n"})  # ValueError
    result = invoke_build()
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/a.md:4: {problem}. Write a path on the site, or a full URL like "
        "https://example.org/cover.jpg\n"
    )


def test_feeds_with_media_stay_valid_atom(site: Callable[..., Path]) -> None:
    jing = need_program("jing")
    schema = need_atom_schema()
    feeds = build_episode(site)
    checked = subprocess.run(
        [jing, "-c", str(schema), str(feeds / "atom.xml")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_file_outside_the_project_is_refused(site: Callable[..., Path]) -> None:
    site(**{"a.md": POST.replace("media/episode-1.mp3", "../../etc/passwd")})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:6: enclosures '../../etc/passwd' points outside the project folder. "
        "Put the file inside the project, or give its full URL with type and length.\n"
    )


EMPTY = (
    "is an empty file ({}). Put the file's content there, or give its full URL with type and "
    "length."
)
OUTSIDE = (
    "'../outside.mp3' points outside the project folder. Put the file inside the project, or "
    "give its full URL with type and length."
)
UNKNOWN_TYPE = (
    "the media type of enclosures 'media/x.qqq' cannot be told from its name. Add type: with "
    "its MIME type, such as audio/mpeg."
)


@pytest.mark.parametrize(
    ("listed", "lines"),
    [
        ("enclosures: [media/empty.mp3, ../outside.mp3, media/x.qqq]\n", (4, 4, 4)),
        ("enclosures:\n  - media/empty.mp3\n  - ../outside.mp3\n  - media/x.qqq\n", (5, 6, 7)),
        (
            "enclosures:\n  - url: media/empty.mp3\n    type: audio/mpeg\n"
            "  - url: ../outside.mp3\n    length: 10\n  - {url: media/x.qqq, length: 10}\n",
            (5, 7, 9),
        ),
    ],
    ids=["flow-list", "block-list", "mappings"],
)
def test_each_bad_enclosure_is_an_error_at_its_line(
    site: Callable[..., Path], listed: str, lines: tuple[int, int, int]
) -> None:
    # Only the empty file was listed, at the enclosures line: a build for each of the three.
    folder = site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\n{listed}---\nT.\n"})
    (folder / "media").mkdir()
    (folder / "media" / "empty.mp3").write_bytes(b"")
    (folder / "media" / "x.qqq").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 1
    empty, outside, unknown = lines
    told = [
        f"Error: entries/a.md:{empty}: enclosures 'media/empty.mp3' "
        + EMPTY.format(folder.resolve() / "media" / "empty.mp3"),
        f"Error: entries/a.md:{outside}: enclosures {OUTSIDE}",
        f"Error: entries/a.md:{unknown}: {UNKNOWN_TYPE}",
    ]
    if "length: 10}" in listed:  # the third's wrong length too, beside its type, in one build
        told.append(
            f"Error: entries/a.md:{unknown}: enclosures length 10 is not the size of "
            f"'media/x.qqq' ({len(EPISODE)} bytes). Leave length out: staticfeed measures a file "
            "in the project."
        )
    assert result.stderr.splitlines() == told
    assert not (folder / "feeds").exists()


def test_a_bad_key_of_an_enclosure_is_an_error_at_its_line(site: Callable[..., Path]) -> None:
    # Each was named at its item's `-` line, above the key to fix.
    listed = (
        "enclosures:\n  - url: https://example.org/a.mp3\n    type: audio\n    length: 10\n"
        "  - url: ftp://example.org/b.mp3\n    length: 3\n"
    )
    folder = site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\n{listed}---\nT.\n"})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: entries/a.md:6: enclosures type 'audio' is not a MIME type. Write it like "
        "audio/mpeg or application/pdf.",
        "Error: entries/a.md:8: enclosures url 'ftp://example.org/b.mp3' has the scheme ftp:, and "
        "feed readers fetch only http(s). Write a path on the site, or a full URL like "
        "https://example.org/cover.jpg",
    ]
    assert not (folder / "feeds").exists()


KNOWN_ENCLOSURE_KEYS = "Known keys: enclosures.length, enclosures.type, enclosures.url."
JAVASCRIPT_URL = (
    "enclosures url 'javascript:x' has the scheme javascript:, and feed readers fetch only "
    "http(s). Write a path on the site, or a full URL like https://example.org/cover.jpg"
)
# An enclosure's unknown key beside its other problems: the unknown key alone was told, and
# the user who removed it met the url's error only in the next build.
EVERY_BAD_KEY = [
    (
        "yaml",
        "enclosures:\n  - url: javascript:x\n    bogus: 1\n    type: nope\n    length: -3\n",
        [
            f"5: {JAVASCRIPT_URL}",
            "6: unknown key 'enclosures.bogus'. Remove it; known keys: enclosures.length, "
            "enclosures.type, enclosures.url.",
            "7: enclosures type 'nope' is not a MIME type. Write it like audio/mpeg or "
            "application/pdf.",
            "8: enclosures length must be a whole number of at least 1, not -3. Write a whole "
            "number such as 1.",
        ],
    ),
    (
        # A misspelled type leaves the url's extension to tell it: not told as well.
        "misspelled-type",
        "enclosures:\n  - url: javascript:x\n    typ: audio/mpeg\n    length: 3\n",
        [
            f"5: {JAVASCRIPT_URL}",
            "6: unknown key 'enclosures.typ'. Did you mean 'enclosures.type'? "
            + KNOWN_ENCLOSURE_KEYS,
        ],
    ),
    (
        # A key like none of an enclosure's leaves the length it lacks an error of its own.
        "no-length",
        "enclosures:\n  - url: https://cdn.example.net/a.mp3\n    size: 3\n",
        [
            "5: enclosures needs a length in bytes for a file that is not in the project. Add "
            "length: with the file's size in bytes.",
            "6: unknown key 'enclosures.size'. Remove it; known keys: enclosures.length, "
            "enclosures.type, enclosures.url.",
        ],
    ),
    (
        # A misspelled length is that slip alone, not a missing length too.
        "misspelled-length",
        "enclosures:\n  - url: https://cdn.example.net/a.mp3\n    lenght: 3\n",
        [
            "6: unknown key 'enclosures.lenght'. Did you mean 'enclosures.length'? "
            + KNOWN_ENCLOSURE_KEYS
        ],
    ),
]


@pytest.mark.parametrize(
    ("listed", "told"), [p[1:] for p in EVERY_BAD_KEY], ids=[p[0] for p in EVERY_BAD_KEY]
)
def test_every_bad_key_of_an_enclosure_is_told_in_one_build(
    site: Callable[..., Path], listed: str, told: list[str]
) -> None:
    folder = site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\n{listed}---\nT.\n"})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error: entries/a.md:{each}" for each in told]
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("enclosure", "url_first"),
    [('{ url = "javascript:x", bogus = 1 }', True), ('{ bogus = 1, url = "javascript:x" }', False)],
    ids=["url-first", "unknown-first"],
)
def test_an_enclosures_problems_on_one_toml_line_are_told_in_the_order_written(
    site: Callable[..., Path], enclosure: str, url_first: bool
) -> None:
    text = f'+++\ntitle = "T"\ndate = 2025-12-01\nenclosures = [{enclosure}]\n+++\nT.\n'
    site(**{"a.md": text})
    result = invoke_build()
    assert result.exit_code == 1
    told = [
        f"Error: entries/a.md:4: {JAVASCRIPT_URL}",
        "Error: entries/a.md:4: unknown key 'enclosures.bogus'. Remove it; known keys: "
        "enclosures.length, enclosures.type, enclosures.url.",
    ]
    assert result.stderr.splitlines() == (told if url_first else told[::-1])


def test_an_enclosure_without_a_url_is_told_to_add_one(site: Callable[..., Path]) -> None:
    # It was told "enclosures url is empty. Give enclosures url a value or remove the key":
    # there was no url key to remove.
    listed = "enclosures:\n  - type: audio/mpeg\n    length: 5\n"
    site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\n{listed}---\nT.\n"})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:5: an enclosure in enclosures has no url. Add a url to it: the path "
        "of a file in the project, or a full URL.\n"
    )


def test_an_enclosure_fixed_as_told_in_one_build_is_published(site: Callable[..., Path]) -> None:
    listed = "enclosures:\n  - url: javascript:x\n    bogus: 1\n    type: nope\n    length: -3\n"
    folder = site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\n{listed}---\nT.\n"})
    assert len(invoke_build().stderr.splitlines()) == 4
    # Each fix as told, at once: no fifth error waits.
    fixed = "enclosures:\n  - url: https://cdn.example.net/a.mp3\n    type: audio/mpeg\n"
    fixed += "    length: 3\n"
    (folder / "entries" / "a.md").write_text(f"---\ntitle: T\ndate: 2025-12-01\n{fixed}---\nT.\n")
    assert invoke_build().exit_code == 0
    (entry,) = feedparser.parse(folder / "feeds" / "atom.xml").entries
    assert [(e.href, e.type, e.length) for e in entry.enclosures] == [
        ("https://cdn.example.net/a.mp3", "audio/mpeg", "3")
    ]


def test_a_file_name_the_system_cannot_take_is_refused(site: Callable[..., Path]) -> None:
    # Longer than a file name may be: OSError out of Path.is_file(), a traceback.
    name = "e" * 300 + ".mp3"
    site(**{"a.md": POST.replace("media/episode-1.mp3", name)})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: entries/a.md:6: enclosures '{name}' names a file the system cannot look at "
        "(File name too long). Check the file's name, and that its folder can be entered "
        "(chmod +rx).\n"
    )


def test_a_remote_file_needs_its_length(site: Callable[..., Path]) -> None:
    site(**{"a.md": POST.replace("media/episode-1.mp3", "https://cdn.example.net/x.mp3")})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:6: enclosures needs a length in bytes for a file that is not in "
        "the project. Add length: with the file's size in bytes.\n"
    )


def test_a_type_that_is_not_a_mime_type_is_refused(site: Callable[..., Path]) -> None:
    folder = site(**{"a.md": POST.replace("type: audio/ogg", "type: audio ogg")})
    (folder / "media").mkdir()
    (folder / "media" / "episode-1.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 1
    assert "enclosures type 'audio ogg' is not a MIME type" in result.stderr


def test_an_enclosures_type_is_the_same_on_every_machine(
    site: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The type came from the machine's /etc/mime.types (and on Windows its registry): `.opus`
    # was audio/ogg on Debian and audio/opus elsewhere, and `.m4a` had no type at all without
    # that file (python:3.11-slim), an error, so a build that worked at home failed in CI.
    machine = tmp_path / "mime.types"
    machine.write_text("audio/x-this-machine mp3 m4a ogg opus\n", encoding="utf-8")
    monkeypatch.setattr(mimetypes, "knownfiles", [str(machine)])
    for name in ("_db", "inited", "types_map", "common_types", "encodings_map", "suffix_map"):
        monkeypatch.setattr(mimetypes, name, getattr(mimetypes, name))  # restored afterwards
    monkeypatch.setattr(mimetypes, "_db", None)  # read the tables again, from `machine`
    names = ("a.mp3", "b.m4a", "c.ogg", "d.opus", "e.flac", "f.epub", "g.m4v")
    listed = "".join(f"  - media/{name}\n" for name in names)
    folder = site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\nenclosures:\n{listed}---\nT.\n"})
    (folder / "media").mkdir()
    for name in names:
        (folder / "media" / name).write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    item = json.loads((folder / "feeds" / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert [attachment["mime_type"] for attachment in item["attachments"]] == [
        "audio/mpeg",
        "audio/mp4",
        "audio/ogg",
        "audio/opus",
        "audio/flac",
        "application/epub+zip",
        "video/mp4",
    ]


def test_a_percent_sign_in_a_file_name_becomes_an_escape_a_host_accepts(
    site: Callable[..., Path],
) -> None:
    # `media/100% off.mp3` was published as `…/media/100%%20off.mp3`, with a `%` that begins no
    # escape: nginx answers such a URL with 400 Bad Request, and no reader could download it.
    post = POST.replace("media/episode-1.mp3", "media/100% off.mp3").replace(
        "img/cover.jpg", "img/50%.jpg"
    )
    folder = site(**{"a.md": post.replace("episode-1.ogg", "ep%201%.ogg")})
    (folder / "media").mkdir()
    (folder / "media" / "100% off.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    (entry,) = read_xml(folder / "feeds" / "atom.xml").iter(f"{{{ATOM_NS}}}entry")
    enclosures = [
        (link.get("href"), link.get("length"))
        for link in entry.iter(f"{{{ATOM_NS}}}link")
        if link.get("rel") == "enclosure"
    ]
    assert enclosures == [
        (SITE + "media/100%25%20off.mp3", str(len(EPISODE))),
        ("https://cdn.example.net/ep%201%25.ogg", "18223342"),  # %20 was an escape already
    ]
    assert entry.find(f"{MEDIA}thumbnail").get("url") == SITE + "img/50%25.jpg"
    # Decoded, the URL names the file the author wrote.
    assert unquote(urlsplit(enclosures[0][0]).path) == "/blog/media/100% off.mp3"


@pytest.mark.parametrize(
    ("item", "line"),
    [
        # Published with length="0", where a length: 0 written by hand is refused: a copy that
        # failed, and readers downloaded an episode of nothing.
        ("media/episode-1.mp3", 6),
        # Published with the length stated, for a file of no bytes.
        ("url: media/episode-1.mp3\n    length: 10243", 7),
    ],
)
def test_an_empty_file_in_the_project_is_refused(
    site: Callable[..., Path], item: str, line: int
) -> None:
    folder = site(**{"a.md": POST.replace("- media/episode-1.mp3", f"- {item}")})
    (folder / "media").mkdir()
    (folder / "media" / "episode-1.mp3").write_bytes(b"")
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: entries/a.md:{line}: enclosures 'media/episode-1.mp3' is an empty file "
        f"({folder.resolve() / 'media' / 'episode-1.mp3'}). Put the file's content there, or "
        "give its full URL with type and length.\n"
    )
    assert not (folder / "feeds").exists()


def atom_media(folder: Path) -> tuple[list[tuple[str | None, str | None]], str | None]:
    """The (href, length) of each enclosure of the only Atom entry, and its image's URL."""
    (entry,) = read_xml(folder / "atom.xml").iter(f"{{{ATOM_NS}}}entry")
    enclosures = [
        (link.get("href"), link.get("length"))
        for link in entry.iter(f"{{{ATOM_NS}}}link")
        if link.get("rel") == "enclosure"
    ]
    return enclosures, entry.find(f"{MEDIA}thumbnail").get("url")


def test_a_path_from_the_root_in_the_sites_folder_is_the_projects_file(
    site: Callable[..., Path],
) -> None:
    # With the site at https://example.org/blog/, `/blog/media/episode-1.mp3` was looked for
    # as the project's blog/media/episode-1.mp3, an error; it is where media/ is published.
    post = POST.replace("media/episode-1.mp3", "/blog/media/episode-1.mp3")
    folder = site(**{"a.md": post.replace("img/cover.jpg", "/blog/img/cover.jpg")})
    (folder / "media").mkdir()
    (folder / "media" / "episode-1.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    enclosures, image = atom_media(folder / "feeds")
    assert enclosures[0] == (SITE + "media/episode-1.mp3", str(len(EPISODE)))
    assert image == SITE + "img/cover.jpg"


def test_a_path_from_the_root_outside_the_sites_folder_needs_its_length(
    site: Callable[..., Path],
) -> None:
    # `/media/episode-1.mp3` was published as https://example.org/media/episode-1.mp3 with the
    # length of the project's media/episode-1.mp3, published at …/blog/media/episode-1.mp3:
    # the length of another file than the one readers download.
    folder = site(**{"a.md": POST.replace("media/episode-1.mp3", "/media/episode-1.mp3")})
    (folder / "media").mkdir()
    (folder / "media" / "episode-1.mp3").write_bytes(EPISODE)
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:6: enclosures '/media/episode-1.mp3' is not in the site's folder "
        "/blog/, so it is no file of the project to measure. Write media/episode-1.mp3 for "
        "the project's file (published at https://example.org/blog/media/episode-1.mp3), or "
        "add length: with the size in bytes of https://example.org/media/episode-1.mp3.\n"
    )
    assert not (folder / "feeds").exists()
    with_length = "{url: /media/episode-1.mp3, length: 4096}"
    site(**{"a.md": POST.replace("- media/episode-1.mp3", f"- {with_length}")})
    result = invoke_build()
    assert result.exit_code == 0, result.output
    enclosures, _ = atom_media(folder / "feeds")
    assert enclosures[0] == ("https://example.org/media/episode-1.mp3", "4096")


def test_a_path_from_the_root_that_climbs_out_of_the_sites_folder_gets_a_true_fix(
    site: Callable[..., Path],
) -> None:
    # The fix said to write blog/../outside.mp3: the same climb, written without its `/`.
    site(**{"a.md": "---\ntitle: T\ndate: 2025-12-01\nenclosures: [/blog/../outside.mp3]\n---\n"})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: entries/a.md:4: enclosures '/blog/../outside.mp3' is not in the site's folder "
        "/blog/, so it is no file of the project to measure. Write outside.mp3 for the "
        "project's file (published at https://example.org/blog/outside.mp3), or add length: "
        "with the size in bytes of https://example.org/outside.mp3.\n"
    )


@pytest.mark.parametrize("written", ["/blog/..", "/"])
def test_a_path_from_the_root_that_names_the_hosts_root_gets_a_true_fix(
    site: Callable[..., Path], written: str
) -> None:
    # The fix said "Write  for the project's file (published at https://example.org/blog/)".
    site(**{"a.md": f"---\ntitle: T\ndate: 2025-12-01\nenclosures: [{written}]\n---\n"})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: entries/a.md:4: enclosures {written!r} is not in the site's folder /blog/, so "
        "it is no file of the project to measure. Write the path of the project's file, or "
        "add length: with the size in bytes of https://example.org/.\n"
    )


# The site's folder is the one site_url names, however it is written: without its slash or
# with capitals in the host, as a user may write it.
@pytest.mark.parametrize("site_url", ["https://example.org/blog/", "https://EXAMPLE.org/blog"])
def test_a_preview_puts_the_projects_files_on_the_preview_and_others_where_they_are(
    site: Callable[..., Path], site_url: str
) -> None:
    # With --base-url at another path, `/blog/...` went to https://preview.test/blog/..., where
    # the preview has no file.
    post = POST.replace("media/episode-1.mp3", "/blog/media/episode-1.mp3")
    post = post.replace("- url: https://cdn.example.net/episode-1.ogg", "- url: /shared/x.ogg")
    config = BASIC_CONFIG.replace('"https://example.org/blog/"', f'"{site_url}"')
    folder = site(config=config, **{"a.md": post.replace("img/cover.jpg", "/img/cover.jpg")})
    (folder / "media").mkdir()
    (folder / "media" / "episode-1.mp3").write_bytes(EPISODE)
    result = invoke_build("--base-url", "https://preview.test/pr-5/", "--out", "preview")
    assert result.exit_code == 0, result.output
    enclosures, image = atom_media(folder / "preview")
    assert enclosures == [
        ("https://preview.test/pr-5/media/episode-1.mp3", str(len(EPISODE))),
        ("https://example.org/shared/x.ogg", "18223342"),  # on the site's host, not the preview
    ]
    assert image == "https://example.org/img/cover.jpg"


SHORT = b"ID3" + bytes(range(256)) * 4  # 1,027 bytes


def with_length(length: str) -> str:
    """One entry whose enclosure is the project's media/a.mp3 with `length` stated (line 7)."""
    return (
        "---\ntitle: T\ndate: 2025-12-01\nenclosures:\n  - url: media/a.mp3\n"
        f"    type: audio/mpeg\n    length: {length}\n---\nT.\n"
    )


def with_a_file(site: Callable[..., Path], post: str, content: bytes = SHORT) -> Path:
    """A publication of the one entry `post`, and media/a.mp3 holding `content`."""
    folder = site(**{"a.md": post})
    (folder / "media").mkdir()
    (folder / "media" / "a.mp3").write_bytes(content)
    return folder


def feed_files(folder: Path) -> dict[Path, bytes]:
    """Every file build wrote, with its bytes."""
    return {path: path.read_bytes() for path in (folder / "feeds").rglob("*") if path.is_file()}


def stale_length_error(stated: int, size: int) -> str:
    return (
        f"Error: entries/a.md:7: enclosures length {stated} is not the size of 'media/a.mp3' "
        f"({size} bytes). Leave length out: staticfeed measures a file in the project.\n"
    )


def test_a_stated_length_that_is_the_files_size_is_published(site: Callable[..., Path]) -> None:
    folder = with_a_file(site, with_length("1027"))
    result = invoke_build()
    assert result.exit_code == 0, result.output
    for name in ("atom.xml", "rss.xml"):
        (enclosure,) = feedparser.parse(str(folder / "feeds" / name)).entries[0].enclosures
        assert (enclosure.href, enclosure.length) == (SITE + "media/a.mp3", "1027"), name
    item = json.loads((folder / "feeds" / "feed.json").read_text(encoding="utf-8"))["items"][0]
    assert [a["size_in_bytes"] for a in item["attachments"]] == [1027]


def test_a_stated_length_that_is_not_the_files_size_is_refused(
    site: Callable[..., Path],
) -> None:
    # `length: 10` for a 1,027-byte file was published as the enclosure's length: podcast apps
    # showed a wrong download size and checked the file against it. The README says a project
    # file's length is measured; a different one stated is the author's mistake (a stale one).
    folder = with_a_file(site, with_length("1027"))
    assert invoke_build().exit_code == 0
    before = feed_files(folder)
    site(**{"a.md": with_length("10")})
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == stale_length_error(10, 1027)
    assert feed_files(folder) == before


def test_a_file_that_changed_size_since_its_length_was_stated_is_refused_on_a_cached_build(
    site: Callable[..., Path],
) -> None:
    # The document is unchanged, and the cache and the stamp of the last build know it; the
    # file it names is encoded again, 2,000 bytes: its stated length is stale now.
    folder = with_a_file(site, with_length("1027"))
    assert invoke_build().exit_code == 0
    assert invoke_build().exit_code == 0  # with the cache the first one left
    before = feed_files(folder)
    (folder / "media" / "a.mp3").write_bytes(b"x" * 2000)
    result = invoke_build()
    assert result.exit_code == 1
    assert result.stderr == stale_length_error(1027, 2000)
    assert feed_files(folder) == before
    checked = CliRunner().invoke(cli, ["check"], prog_name="staticfeed")
    assert checked.exit_code == 1
    assert stale_length_error(1027, 2000).rstrip("\n") + " [build]" in checked.stdout.splitlines()


def test_a_stated_type_is_published_for_a_file_in_the_project(site: Callable[..., Path]) -> None:
    # The name tells audio/mpeg; the author's own type is published as written.
    post = with_length("1027").replace("type: audio/mpeg", "type: audio/x-episode")
    folder = with_a_file(site, post)
    result = invoke_build()
    assert result.exit_code == 0, result.output
    for name in ("atom.xml", "rss.xml"):
        (enclosure,) = feedparser.parse(str(folder / "feeds" / name)).entries[0].enclosures
        assert enclosure.type == "audio/x-episode", name
