"""A time zone data update (tzdata, which replaces the zone's file in a folder under
/usr/share/zoneinfo) reaches the feeds at the next build: neither a build with nothing to do
(staticfeed.stamp) nor one that patches an edit (staticfeed.patch) keeps the old offsets."""

from __future__ import annotations

import os
import shutil
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import files_under, seed_history
from tests.test_stamp import AGED, run, stamps, write

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = """\
title = "Zoned feed"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
timezone = "Europe/Vilnius"
authors = [{ name = "Default Author" }]
"""
SYSTEM_ZONES = Path("/usr/share/zoneinfo")
ZONE = "Europe/Vilnius"
"""The config's zone, which no other test uses: its ZoneInfo objects alone are made again
(other tests hold their zones' objects, and a time of an ambiguous hour is never equal to one
in another object of its zone)."""


def post(title: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\nFirst of {title}.\n\nMore of {title}.\n"


def install_zone(source: str, key: str, *, aged: bool = True, new_process: bool = True) -> None:
    """Put the system's zone `source` in zi/ as `key`, as dpkg replaces a file: a new file
    renamed over the old one (a new inode, in a folder whose own stat does not change), with
    an old mtime, as the package's files have."""
    target = Path("zi", key)
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(".new")
    shutil.copyfile(SYSTEM_ZONES / source, fresh)
    if aged:
        os.utime(fresh, (AGED, AGED))
    fresh.replace(target)
    if new_process:  # a next build is a new process, which has not read the zone yet
        zoneinfo.ZoneInfo.clear_cache(only_keys=[ZONE])


@pytest.fixture(autouse=True)
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    if not (SYSTEM_ZONES / "Asia/Tokyo").is_file():
        pytest.skip("no system zoneinfo")
    monkeypatch.chdir(tmp_path)
    before = zoneinfo.TZPATH
    monkeypatch.setenv("PYTHONTZPATH", str(tmp_path / "zi"))
    zoneinfo.reset_tzpath()  # from PYTHONTZPATH, as a build's process starts
    install_zone(ZONE, ZONE)
    write("staticfeed.toml", CONFIG)
    write("entries/alpha.md", post("Alpha", "2025-01-01T10:00:00"))
    write("entries/beta.md", post("Beta", "2025-01-02T10:00:00Z"))
    first = run("build")
    assert first.exit_code == 0, first.output
    assert published() == {
        "Alpha": "2025-01-01T10:00:00+02:00",
        "Beta": "2025-01-02T10:00:00+00:00",
    }
    yield tmp_path
    zoneinfo.reset_tzpath(to=before)
    zoneinfo.ZoneInfo.clear_cache(only_keys=[ZONE])


def published() -> dict[str, str | None]:
    """Each entry's <published> in the Atom feed, by title."""
    root = etree.parse("feeds/atom.xml").getroot()
    return {
        str(entry.findtext(f"{ATOM}title")): entry.findtext(f"{ATOM}published")
        for entry in root.iter(f"{ATOM}entry")
    }


def same_as_without_the_cache() -> None:
    seed_history(Path("fresh"))
    fresh = run("build", "--no-cache", "--out", "fresh")
    assert fresh.exit_code == 0, fresh.output
    assert files_under(Path("feeds")) == files_under(Path("fresh"))


def test_a_zone_file_replaced_is_read_by_the_next_build_with_nothing_else_to_do() -> None:
    install_zone("Asia/Tokyo", ZONE)  # Vilnius now keeps Tokyo's clocks: +09:00

    built = run("build")

    assert built.exit_code == 0, built.output
    assert published()["Alpha"] == "2025-01-01T10:00:00+09:00"
    same_as_without_the_cache()


def test_a_zone_file_replaced_is_read_by_the_next_build_after_an_edit() -> None:
    install_zone("Asia/Tokyo", ZONE)
    # Beta's date has its offset: an edit of its text alone is one a build patches.
    write("entries/beta.md", post("Beta", "2025-01-02T10:00:00Z").replace("More", "Much more"))

    built = run("build")

    assert built.exit_code == 0, built.output
    assert published()["Alpha"] == "2025-01-01T10:00:00+09:00"
    assert "Much more of Beta" in Path("feeds/atom.xml").read_text(encoding="utf-8")
    same_as_without_the_cache()


def test_a_zone_file_put_in_an_earlier_folder_of_the_path_is_read_by_the_next_build(
    tmp_path: Path,
) -> None:
    """zoneinfo reads a zone from the first folder of its path that has it."""
    Path("first", ZONE).parent.mkdir(parents=True)
    zoneinfo.reset_tzpath(to=[str(tmp_path / "first"), str(tmp_path / "zi")])
    built = run("build")
    assert built.exit_code == 0, built.output
    assert published()["Alpha"] == "2025-01-01T10:00:00+02:00"
    shutil.copyfile(SYSTEM_ZONES / "Asia/Tokyo", Path("first", ZONE))
    os.utime(Path("first", ZONE), (AGED, AGED))
    zoneinfo.ZoneInfo.clear_cache(only_keys=[ZONE])

    again = run("build")

    assert again.exit_code == 0, again.output
    assert published()["Alpha"] == "2025-01-01T10:00:00+09:00"
    same_as_without_the_cache()


def test_a_zone_file_modified_just_before_the_build_leaves_no_stamp() -> None:
    # Its stat cannot vouch for its content: a second update within the same clock tick would
    # go unseen, and the feeds would keep the first one's offsets.
    assert len(stamps()) == 1
    install_zone("Asia/Tokyo", ZONE, aged=False)

    built = run("build")

    assert built.exit_code == 0, built.output
    assert published()["Alpha"] == "2025-01-01T10:00:00+09:00"
    assert stamps() == []


def test_a_rebuild_in_the_process_of_serve_reads_a_zone_file_replaced() -> None:
    # serve rebuilds in the process that read the zone when it started: zoneinfo keeps it.
    install_zone("Asia/Tokyo", ZONE, new_process=False)

    rebuilt = run("build")

    assert rebuilt.exit_code == 0, rebuilt.output
    assert published()["Alpha"] == "2025-01-01T10:00:00+09:00"
    zoneinfo.ZoneInfo.clear_cache(only_keys=[ZONE])  # a build in a process of its own
    same_as_without_the_cache()
    assert published()["Alpha"] == "2025-01-01T10:00:00+09:00"
