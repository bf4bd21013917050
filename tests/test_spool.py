"""The spool keeps items and HTML in temporary files and gives back exactly what was put in."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from staticfeed.spool import Spool, SpoolWriter, read_places


def test_gives_back_each_item_as_written() -> None:
    items = {(f"id-{n}", "atom"): f"Ünïcode ✓ {n} ".encode() * (n % 50 + 1) for n in range(500)}
    with Spool() as spool:
        spool.update(items.items())
        assert all(key in spool for key in items)
        assert ("id-500", "atom") not in spool
        assert {key: spool[key] for key in items} == items


def test_an_item_added_after_others_were_read_is_read_too() -> None:
    """A cached build makes the items of entries the cache kept while it assembles feeds, after
    reading the others."""
    with Spool() as spool:
        spool["a"] = b"first"
        assert spool["a"] == b"first"
        spool["b"] = b"second, longer than the first"
        assert (spool["b"], spool["a"]) == (b"second, longer than the first", b"first")
        spool["c"] = b"third, written after a read that ended before the last item"
        spool["d"] = b"fourth"
        assert [spool[key] for key in "abcd"] == [
            b"first",
            b"second, longer than the first",
            b"third, written after a read that ended before the last item",
            b"fourth",
        ]


def test_a_missing_item_is_a_key_error() -> None:
    with Spool() as spool, pytest.raises(KeyError):
        spool["nothing"]


def test_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file has no name, even while it is used: a build that is killed leaves nothing."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Spool() as spool:
        spool["a"] = b"x" * 100_000
        assert spool["a"] == b"x" * 100_000
        assert list(tmp_path.iterdir()) == []
    with pytest.raises(KeyError):
        spool["a"]  # closed: nothing is kept


def test_gives_back_text_as_written() -> None:
    """Entries' HTML waits in the spool as UTF-8 until a feed, a page or the cache asks."""
    html = "<p>Привіт, 世界 🌍 &amp; <em>café</em></p>"
    with Spool() as spool:
        spool[("id", "html")] = html.encode("utf-8")
        assert spool.text(("id", "html")) == html


_WRITE = """
import json, sys
from staticfeed.spool import SpoolWriter
with SpoolWriter(sys.argv[1]) as writer:
    print(json.dumps([writer.put(text.encode()) for text in sys.argv[2:]]))
"""


def _write_in_another_process(folder: str, *texts: str) -> list[tuple[str, int, int]]:
    """What a worker process does: write into the spool's folder, and tell where."""
    done = subprocess.run(
        [sys.executable, "-c", _WRITE, folder, *texts], capture_output=True, check=True
    )
    return [tuple(place) for place in json.loads(done.stdout)]


def test_gives_back_what_other_processes_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers write what they render to the spool's folder and send back only where it is."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with Spool() as spool:
        spool["own"] = b"written here"
        first = _write_in_another_process(spool.folder(), "Ünïcode ✓ 🌍", "", "third")
        second = _write_in_another_process(spool.folder(), "another process")
        for number, place in enumerate([*first, *second]):
            spool.adopt(number, place)
        assert [spool[number] for number in range(4)] == [
            "Ünïcode ✓ 🌍".encode(),
            b"",
            b"third",
            b"another process",
        ]
        assert spool.text(0) == "Ünïcode ✓ 🌍"
        assert spool["own"] == b"written here"
        assert len(list(tmp_path.iterdir())) == 1  # the folder
    assert list(tmp_path.iterdir()) == []  # closed: the folder is gone
    with pytest.raises(KeyError):
        spool[0]


def test_a_process_that_writes_again_appends() -> None:
    """A worker writes one chunk of entries after another, in the same file."""
    with Spool() as spool:
        places = []
        for text in ("one", "two", "three"):
            with SpoolWriter(spool.folder()) as writer:
                places.append(writer.put(text.encode()))
        for place in places:
            spool.adopt(place[1], place)
        assert [spool[place[1]] for place in places] == [b"one", b"two", b"three"]


def test_bytes_of_a_kind_have_a_file_of_their_own() -> None:
    """A worker writes entries' HTML apart from their feed elements: the cache can then take
    that file as it is."""
    with Spool() as spool:
        with (
            SpoolWriter(spool.folder()) as writer,
            SpoolWriter(spool.folder(), kind="html") as html_writer,
        ):
            other = writer.put(b"<entry/>")
            places = [html_writer.put(text.encode()) for text in ("<p>one</p>", "<p>two</p>")]
        assert places[0][0] != other[0]
        for place in [*places, other]:
            spool.adopt(place, place)
        path, start, length = spool.written_file(places[1]) or ("", 0, 0)
        with open(path, "rb") as stream:
            assert stream.read() == b"<p>one</p><p>two</p>"  # nothing else
        assert (start, length) == (10, 10)
        spool["own"] = b"here"
        assert spool.written_file("own") is None
        with pytest.raises(ValueError, match="letters only"):
            SpoolWriter(spool.folder(), kind="../html")


def test_emptied_plain_files_cannot_be_read_and_files_of_a_kind_are_kept() -> None:
    """A build empties what workers wrote for feeds and pages before it flushes the disk; the
    HTML the cache keeps is in files of a kind, which stay."""
    with Spool() as spool:
        with (
            SpoolWriter(spool.folder()) as writer,
            SpoolWriter(spool.folder(), kind="html") as html_writer,
        ):
            plain, html = writer.put(b"<entry/>"), html_writer.put(b"<p>kept</p>")
        spool.adopt("plain", plain)
        spool.adopt("html", html)
        assert spool["plain"] == b"<entry/>"  # read once: its file stays open
        spool.empty_plain_files()
        assert spool["html"] == b"<p>kept</p>"
        with pytest.raises(OSError, match="shorter than was written"):
            spool["plain"]
        assert os.path.getsize(os.path.join(spool.folder(), plain[0])) == 0


def test_another_process_reads_places_and_is_told_of_a_short_file() -> None:
    """A worker reads what the workers wrote (a feed of every entry's items), in any order;
    bytes missing from a file are an error a build can report, with its reason."""
    with Spool() as spool:
        with SpoolWriter(spool.folder()) as writer:
            places = [writer.put(text.encode()) for text in ("one", "two", "three")]
        spool["own"] = b"here"
        assert spool.written_place("own") is None
        spool.adopt("two", places[1])
        assert spool.written_place("two") == places[1]
        assert list(read_places(spool.folder(), [places[2], places[0]])) == [b"three", b"one"]
        name, start, _ = places[2]
        with pytest.raises(OSError) as raised:
            list(read_places(spool.folder(), [(name, start, 10)]))
        assert raised.value.strerror == f"{name} in the build's spool is shorter than was written"


@pytest.mark.parametrize("name", ["", "..", "../elsewhere.part", "/etc/passwd", "/tmp/1.part"])
def test_takes_only_places_in_its_folder(name: str) -> None:
    with Spool() as spool:
        spool.folder()
        with pytest.raises(ValueError, match="not a place in this spool's folder"):
            spool.adopt("key", (name, 0, 4))
        assert "key" not in spool


def test_removes_the_folder_of_a_build_that_was_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed build cannot remove its folder; the next build that makes one does."""
    if os.name != "posix":
        pytest.skip("whether a process runs is told on POSIX only")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    abandoned = tmp_path / f"staticfeed-spool-{int(gone.stdout)}-x1y2"
    abandoned.mkdir()
    (abandoned / "123.part").write_bytes(b"x" * 1000)
    os.utime(abandoned, (time.time() - 3601, time.time() - 3601))
    recent = tmp_path / f"staticfeed-spool-{int(gone.stdout)}-r5s6"  # maybe another namespace's
    recent.mkdir()
    running = tmp_path / f"staticfeed-spool-{os.getpid()}-a3b4"  # another spool of this build
    running.mkdir()
    other = tmp_path / "staticfeed-spool-notes"
    other.mkdir()
    with Spool() as spool:
        folder = Path(spool.folder())
        assert not abandoned.exists()
        assert running.is_dir() and other.is_dir() and folder.is_dir() and recent.is_dir()


def test_reads_a_worker_file_in_pieces_when_the_system_gives_few_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A read may return fewer bytes than asked for before the end of the file."""
    pread = os.pread
    monkeypatch.setattr(os, "pread", lambda fd, length, start: pread(fd, min(length, 3), start))
    with Spool() as spool:
        with SpoolWriter(spool.folder()) as writer:
            places = [writer.put(b"first piece"), writer.put("Ünïcode ✓ ".encode() * 100)]
        spool.adopt("a", places[0])
        spool.adopt("b", places[1])
        assert (spool["a"], spool["b"]) == (b"first piece", "Ünïcode ✓ ".encode() * 100)


def test_reads_a_worker_file_without_pread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no os.pread: a seek and a read then."""
    monkeypatch.delattr(os, "pread", raising=False)
    with Spool() as spool:
        with SpoolWriter(spool.folder()) as writer:
            places = [writer.put(text.encode()) for text in ("one", "", "three" * 5000)]
        for number, place in enumerate(places):
            spool.adopt(number, place)
        assert [spool[2], spool[0], spool[1]] == [b"three" * 5000, b"one", b""]
