"""The preview server, over real HTTP on 127.0.0.1, and the watcher that rebuilds the feeds."""

from __future__ import annotations

import _thread
import contextlib
import http.client
import os
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import textwrap
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from email.utils import formatdate
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from lxml import etree

import staticfeed
import staticfeed.cli
import staticfeed.serve
from staticfeed.cli import cli
from staticfeed.config import load_config
from staticfeed.errors import StaticfeedError
from staticfeed.serve import (
    Enclosures,
    PreviewServer,
    SiteLayout,
    etag_matches,
    media_type,
    parse_http_date,
    resolve_request,
    snapshot,
    watch,
)
from tests.conftest import BASIC_CONFIG, need_program
from tests.pipes import first_line

ONE = """\
    ---
    title: First entry
    date: 2025-01-01
    tags: [peace]
    ---
    The first body.
    """

TWO = """\
    ---
    title: Second entry
    date: 2025-01-02
    ---
    The second body.
    """

WAIT_SECONDS = 10.0

Response = tuple[int, http.client.HTTPMessage, bytes]


def request(
    server: PreviewServer, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> Response:
    """Send `path` exactly as written (no normalisation) to the server on 127.0.0.1."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def cli_build() -> list[str]:
    """Build with the command line, in the current folder; a failure is a StaticfeedError."""
    result = CliRunner().invoke(cli, ["build"])
    if result.exit_code != 0:
        raise StaticfeedError(result.output.replace("Error: ", "").strip())
    return result.output.splitlines()


def command_line_build() -> list[str]:
    """`staticfeed build` in a child process: unlike CliRunner, which swaps sys.stdout for the
    whole process, it is safe to run from the watcher's thread while pytest captures output."""
    command = [sys.executable, "-m", "staticfeed", "build"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    if result.returncode != 0:
        raise StaticfeedError(result.stderr.replace("Error: ", "").strip())
    return result.stdout.splitlines()


@pytest.fixture
def published(site: Callable[..., Path]) -> Path:
    """A built publication: feeds/ holds what build wrote (feeds, feed.json, tags/peace.*,
    index.html and a page per entry), plus files named like other feeds, and a folder."""
    root = site(**{"one.md": ONE, "two.md": TWO})
    cli_build()
    feeds = root / "feeds"
    atom, rss = (feeds / "atom.xml").read_bytes(), (feeds / "rss.xml").read_bytes()
    extra = {
        "peace.atom.xml": atom,
        "peace.rss.xml": rss,
        "archive/2.atom.xml": atom,
        "peace.json": b'{"version": "https://jsonfeed.org/version/1.1", "items": []}',
        "notes.txt": b"notes",
        "sub/index.html": b"<!doctype html><title>Sub</title>",
    }
    for name, content in extra.items():
        path = feeds / name
        assert not path.exists(), f"build wrote {name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    for name in ("feed.json", "tags/peace.json", "index.html", "one/index.html"):
        assert (feeds / name).is_file(), name
    return root


@pytest.fixture
def server(published: Path) -> Iterator[PreviewServer]:
    with PreviewServer(published / "feeds", port=0) as preview:
        preview.start()
        yield preview


@contextlib.contextmanager
def site_preview(folder: Path, **options: Any) -> Iterator[PreviewServer]:
    """The preview of `folder`'s feeds answering its site's paths too, as serve lays it out."""
    with PreviewServer(folder / "feeds", port=0, **options) as preview:
        preview.layout = SiteLayout.of(
            load_config(folder / "staticfeed.toml"), frozenset(), folder / "entries"
        )
        preview.start()
        yield preview


def settle(*paths: Path) -> None:
    """Wait until the second in which `paths` last changed (their content, or their times set
    by hand) is over: only then is their Last-Modified sent."""
    changed = max(max(path.stat().st_mtime, path.stat().st_ctime) for path in paths)
    while time.time() < int(changed) + 1.05:
        time.sleep(0.02)


def wait_for(condition: Callable[[], bool], poke: Callable[[], None] = lambda: None) -> bool:
    """Poll `condition` for up to WAIT_SECONDS, calling `poke` every second (a watcher that
    was not ready yet misses a change, so the test makes it again)."""
    deadline = time.monotonic() + WAIT_SECONDS
    next_poke = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        if condition():
            return True
        if time.monotonic() >= next_poke:
            poke()
            next_poke = time.monotonic() + 1.0
        time.sleep(0.05)
    return condition()


# --- binding ---------------------------------------------------------------------------------


def test_binds_loopback_by_default_and_reports_the_chosen_port(tmp_path: Path) -> None:
    with PreviewServer(tmp_path, port=0) as preview:
        assert preview.bind == "127.0.0.1"
        assert preview.port > 0
        assert preview.url == f"http://127.0.0.1:{preview.port}/"


def ipv6_loopback() -> bool:
    with socket.socket(socket.AF_INET6) as probe:
        try:
            probe.bind(("::1", 0))
        except OSError:
            return False
    return True


@pytest.mark.skipif(not socket.has_ipv6 or not ipv6_loopback(), reason="no IPv6 loopback")
def test_binds_an_ipv6_address_and_gives_its_url_in_brackets(published: Path) -> None:
    # `serve --bind ::1`: the address in a URL needs its brackets, and an IPv6 socket.
    with PreviewServer(published / "feeds", bind="::1", port=0) as preview:
        preview.start()
        assert preview.url == f"http://[::1]:{preview.port}/"
        with urllib.request.urlopen(f"{preview.url}atom.xml", timeout=5) as response:
            assert response.read() == (published / "feeds" / "atom.xml").read_bytes()


def test_a_port_in_use_is_a_user_error(server: PreviewServer, tmp_path: Path) -> None:
    with pytest.raises(StaticfeedError, match=r"cannot serve on 127\.0\.0\.1 port \d+.*--port"):
        PreviewServer(tmp_path, port=server.port)


@pytest.mark.parametrize("feeds", ["missing", "a file"])
def test_a_missing_folder_is_a_user_error(tmp_path: Path, feeds: str) -> None:
    if feeds == "a file":  # a file where the folder should be is no folder to serve either
        (tmp_path / "feeds").write_text("not a folder", encoding="utf-8")
    with (
        PreviewServer(tmp_path / "feeds", port=0) as preview,
        pytest.raises(StaticfeedError, match="no folder of feeds"),
    ):
        preview.start()


def test_serve_on_a_port_in_use_stops_before_building(site: Callable[..., Path]) -> None:
    # It built first, then found the port taken: `serve --drafts` run by mistake beside a
    # serve on port 8000 put the drafts into the feeds that one serves, and stopped.
    folder = site(**{"one.md": ONE, "draft.md": TWO.replace("date:", "draft: true\n    date:")})
    cli_build()
    atom = (folder / "feeds" / "atom.xml").read_bytes()
    with PreviewServer(folder / "feeds", port=0) as taken:
        port = taken.port
        result = CliRunner().invoke(cli, ["serve", "--drafts", "--port", str(port)])
    assert result.exit_code == 1, result.output
    assert result.output == (
        f"Error: cannot serve on 127.0.0.1 port {port} (Address already in use). Pass "
        "another --port (0 lets the system choose one) or --bind address.\n"
    )
    assert (folder / "feeds" / "atom.xml").read_bytes() == atom


def test_stop_without_start_and_twice_returns(tmp_path: Path) -> None:
    preview = PreviewServer(tmp_path, port=0)

    def stop_twice() -> None:
        preview.stop()
        preview.stop()

    stopper = threading.Thread(target=stop_twice, daemon=True)  # a hang fails, not blocks
    stopper.start()
    stopper.join(timeout=5)
    assert not stopper.is_alive()


def test_serve_forever_returns_after_stop(published: Path) -> None:
    preview = PreviewServer(published / "feeds", port=0)
    serving = threading.Thread(target=preview.serve_forever, daemon=True)
    serving.start()
    assert wait_for(lambda: request(preview, "/atom.xml")[0] == 200)
    preview.stop()
    serving.join(timeout=5)
    assert not serving.is_alive()


# --- media types -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/atom.xml", "application/atom+xml; charset=utf-8"),
        ("/rss.xml", "application/rss+xml; charset=utf-8"),
        ("/peace.atom.xml", "application/atom+xml; charset=utf-8"),
        ("/peace.rss.xml", "application/rss+xml; charset=utf-8"),
        ("/archive/2.atom.xml", "application/atom+xml; charset=utf-8"),
        ("/feed.json", "application/feed+json; charset=utf-8"),
        ("/peace.json", "application/feed+json; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/notes.txt", "text/plain"),
    ],
)
def test_content_type(server: PreviewServer, path: str, expected: str) -> None:
    status, headers, _ = request(server, path)
    assert status == 200
    assert headers["Content-Type"] == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("atomic-energy.rss.xml", "application/rss+xml; charset=utf-8"),
        ("rss.atom.xml", "application/atom+xml; charset=utf-8"),
        ("ATOM.XML", "application/atom+xml; charset=utf-8"),
        ("sitemap.xml", "application/xml"),
        ("logo.png", "image/png"),
        ("no-extension", "application/octet-stream"),
    ],
)
def test_media_type_table(name: str, expected: str) -> None:
    assert media_type(name) == expected


# --- validators and conditional requests -------------------------------------------------------


def test_get_sends_the_file_with_validators(server: PreviewServer, published: Path) -> None:
    atom = published / "feeds" / "atom.xml"
    settle(atom)
    status, headers, body = request(server, "/atom.xml")
    assert status == 200
    assert body == atom.read_bytes()
    assert headers["Content-Length"] == str(len(body))
    etag = headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and len(etag) > 10  # strong
    changed = max(atom.stat().st_mtime, atom.stat().st_ctime)
    assert headers["Last-Modified"] == formatdate(int(changed), usegmt=True)
    assert headers["Cache-Control"] == "no-cache"


def test_head_sends_the_headers_without_the_body(server: PreviewServer, published: Path) -> None:
    settle(published / "feeds" / "rss.xml")
    _, get_headers, body = request(server, "/rss.xml")
    status, headers, head_body = request(server, "/rss.xml", method="HEAD")
    assert status == 200
    assert head_body == b""
    for name in ("Content-Type", "Content-Length", "ETag", "Last-Modified"):
        assert headers[name] == get_headers[name]
    assert int(headers["Content-Length"]) == len(body)


@pytest.mark.parametrize(
    "if_none_match", ["{etag}", '"stale", {etag}', "*", "W/{etag}", '"a",{etag} , "b"']
)
def test_matching_if_none_match_is_304_without_body(
    server: PreviewServer, published: Path, if_none_match: str
) -> None:
    settle(published / "feeds" / "atom.xml")
    etag = request(server, "/atom.xml")[1]["ETag"]
    header = if_none_match.format(etag=etag)
    status, headers, body = request(server, "/atom.xml", headers={"If-None-Match": header})
    assert status == 304
    assert body == b""
    assert headers["ETag"] == etag
    assert headers["Last-Modified"]


def test_if_none_match_takes_precedence_over_if_modified_since(server: PreviewServer) -> None:
    _, headers, _ = request(server, "/atom.xml")
    future = formatdate(time.time() + 86400, usegmt=True)
    stale = {"If-None-Match": '"stale"', "If-Modified-Since": future}
    assert request(server, "/atom.xml", headers=stale)[0] == 200
    fresh = {"If-None-Match": headers["ETag"], "If-Modified-Since": formatdate(0, usegmt=True)}
    assert request(server, "/atom.xml", headers=fresh)[0] == 304


@pytest.mark.parametrize(("offset", "expected"), [(0, 304), (3600, 304), (-3600, 200), (None, 200)])
def test_if_modified_since(
    server: PreviewServer, published: Path, offset: int | None, expected: int
) -> None:
    atom = published / "feeds" / "atom.xml"
    settle(atom)
    changed = max(atom.stat().st_mtime, atom.stat().st_ctime)
    since = "not a date" if offset is None else formatdate(changed + offset, usegmt=True)
    status, _, body = request(server, "/atom.xml", headers={"If-Modified-Since": since})
    assert status == expected
    assert (body == b"") == (expected == 304)


def test_a_changed_file_gets_a_new_etag_and_200(server: PreviewServer, published: Path) -> None:
    atom = published / "feeds" / "atom.xml"
    settle(atom)
    _, before, _ = request(server, "/atom.xml")
    atom.write_bytes(atom.read_bytes().replace(b"First entry", b"First entry, revised"))
    settle(atom)
    status, after, body = request(server, "/atom.xml", headers={"If-None-Match": before["ETag"]})
    assert status == 200
    assert b"First entry, revised" in body
    assert after["ETag"] != before["ETag"]
    assert after["Last-Modified"] != before["Last-Modified"]


def test_a_file_saved_twice_within_a_second_is_not_304_to_if_modified_since(
    server: PreviewServer, published: Path
) -> None:
    # A rebuild, then another within the same second: the file kept its Last-Modified, and a
    # reader that sends only If-Modified-Since was told 304 for the second version.
    atom = published / "feeds" / "atom.xml"
    while time.time() % 1 > 0.2:  # early in a second, so that both saves fall in it
        time.sleep(0.01)
    atom.write_bytes(b"<feed>first</feed>")
    _, first, _ = request(server, "/atom.xml")
    atom.write_bytes(b"<feed>second</feed>")
    time.sleep(1.1)
    # As a reader does: If-Modified-Since with the Last-Modified it was sent, if any.
    since = {"If-Modified-Since": first["Last-Modified"]} if "Last-Modified" in first else {}
    status, later, body = request(server, "/atom.xml", headers=since)
    assert (status, body) == (200, b"<feed>second</feed>")
    assert later["Last-Modified"] == formatdate(int(atom.stat().st_mtime), usegmt=True)
    again = {"If-Modified-Since": later["Last-Modified"]}  # no save can share its second now
    assert request(server, "/atom.xml", headers=again)[0] == 304


@pytest.mark.parametrize(
    ("clock_after", "dated"),
    [(0.5, False), (1.01, False), (1.03, True)],  # 10 ms past: the file system's clock lags
)
def test_last_modified_is_sent_once_the_files_second_is_over(
    server: PreviewServer,
    published: Path,
    monkeypatch: pytest.MonkeyPatch,
    clock_after: float,
    dated: bool,
) -> None:
    # The same, on a clock the test sets: no Last-Modified while another save could still
    # fall in the file's second (a file time lags the clock by up to a tick, 20 ms), then its.
    atom = published / "feeds" / "atom.xml"
    changed = max(atom.stat().st_mtime_ns, atom.stat().st_ctime_ns)
    second = changed // 1_000_000_000
    now = second * 1_000_000_000 + int(clock_after * 1_000_000_000)
    monkeypatch.setattr(staticfeed.serve, "time", SimpleNamespace(time_ns=lambda: now))
    _, headers, _ = request(server, "/atom.xml")
    expected = formatdate(second, usegmt=True) if dated else None
    assert headers.get("Last-Modified") == expected


def test_a_file_changed_back_into_its_old_second_is_not_304_to_if_modified_since(
    server: PreviewServer, published: Path
) -> None:
    # While serve was stopped, the feed was replaced by other bytes with the old modification
    # time (`cp -p`, `rsync -t`, `touch -d`): Last-Modified stayed the same, and a reader that
    # sends only If-Modified-Since was told 304, and kept the old feed.
    atom = published / "feeds" / "atom.xml"
    settle(atom)
    _, first, _ = request(server, "/atom.xml")
    old = atom.stat()
    atom.write_bytes(b"<feed>restored</feed>")
    os.utime(atom, ns=(old.st_atime_ns, old.st_mtime_ns))
    settle(atom)
    since = {"If-Modified-Since": first["Last-Modified"]}
    status, later, body = request(server, "/atom.xml", headers=since)
    assert (status, body) == (200, b"<feed>restored</feed>")
    assert parse_http_date(later["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    again = {"If-Modified-Since": later["Last-Modified"]}
    assert request(server, "/atom.xml", headers=again)[0] == 304


def test_etag_matches_and_http_dates() -> None:
    assert etag_matches('"a", "b"', '"b"')
    assert not etag_matches('"a", "b"', '"c"')
    naive = parse_http_date("Mon, 22 Dec 2025 10:00:00")
    assert naive is not None and naive.utcoffset() is not None
    assert parse_http_date("yesterday") is None
    assert parse_http_date(None) is None


# --- byte ranges -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "part"),
    [
        ("bytes=0-9", slice(0, 10)),
        ("bytes=10-", slice(10, None)),
        ("bytes=-10", slice(-10, None)),
        ("bytes=5-999999999999", slice(5, None)),  # past the end: up to it
        ("BYTES=0-0", slice(0, 1)),
        ("bytes= 3-4 ,", slice(3, 5)),  # an empty item of the list is no range
        ("bytes=-999999999999", slice(0, None)),  # the last bytes, more than there are: all
    ],
)
def test_a_byte_range_is_206_with_that_part(
    server: PreviewServer, published: Path, asked: str, part: slice
) -> None:
    # A podcast app resuming a download asks for a part, and got the whole file as 200.
    whole = (published / "feeds" / "atom.xml").read_bytes()
    status, headers, body = request(server, "/atom.xml", headers={"Range": asked})
    assert (status, body) == (206, whole[part])
    start = whole.index(body)
    assert headers["Content-Range"] == f"bytes {start}-{start + len(body) - 1}/{len(whole)}"
    assert headers["Content-Length"] == str(len(body))
    assert headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert headers["ETag"] == request(server, "/atom.xml")[1]["ETag"]


@pytest.mark.parametrize("asked", ["bytes={length}-", "bytes={length}-{length}", "bytes=-0"])
def test_a_byte_range_past_the_end_is_416(
    server: PreviewServer, published: Path, asked: str
) -> None:
    length = len((published / "feeds" / "atom.xml").read_bytes())
    headers = {"Range": asked.format(length=length)}
    status, answer, body = request(server, "/atom.xml", headers=headers)
    assert (status, body) == (416, b"")
    assert answer["Content-Range"] == f"bytes */{length}"


@pytest.mark.parametrize(
    "asked", ["bytes=0-1,5-6", "bytes=9-3", "items=0-9", "bytes=a-b", "bytes=-", "bytes=+1-"]
)
def test_a_range_a_server_may_ignore_gets_the_whole_file(
    server: PreviewServer, published: Path, asked: str
) -> None:
    whole = (published / "feeds" / "atom.xml").read_bytes()
    status, headers, body = request(server, "/atom.xml", headers={"Range": asked})
    assert (status, body) == (200, whole)
    assert "Content-Range" not in headers
    assert headers["Accept-Ranges"] == "bytes"


def test_a_range_of_an_empty_file_gets_the_whole_of_it(
    server: PreviewServer, published: Path
) -> None:
    # An empty file has no byte to ask for: a resumed download of one gets it all, nothing,
    # as 200 (RFC 9110 lets a server ignore a Range), not a 416 for a file that is there.
    (published / "feeds" / "empty.xml").write_bytes(b"")
    for asked in ("bytes=0-", "bytes=-10"):
        status, headers, body = request(server, "/empty.xml", headers={"Range": asked})
        assert (status, body, headers["Content-Length"]) == (200, b"", "0"), asked
        assert "Content-Range" not in headers


def test_if_range_gives_the_part_only_of_the_version_the_reader_has(
    server: PreviewServer, published: Path
) -> None:
    # A download resumed after a rebuild would join the start of one version to the end of
    # another: If-Range asks for the part only if the file is still the version it names.
    whole = (published / "feeds" / "atom.xml").read_bytes()
    settle(published / "feeds" / "atom.xml")
    _, headers, _ = request(server, "/atom.xml")
    current = [headers["ETag"], headers["Last-Modified"]]
    # A date is current only if it is the file's very Last-Modified: a later one is no
    # date this server sent for it (the date never goes back), and no version it knows.
    later = formatdate(time.time() + 3600, usegmt=True)
    stale = ['"stale"', "W/" + headers["ETag"], formatdate(0, usegmt=True), later, "not a date"]
    for if_range in current + stale:
        asked = {"Range": "bytes=10-", "If-Range": if_range}
        status, _, body = request(server, "/atom.xml", headers=asked)
        expected = (206, whole[10:]) if if_range in current else (200, whole)
        assert (status, body) == expected, if_range


def test_head_and_conditional_requests_ignore_the_range(server: PreviewServer) -> None:
    _, headers, whole = request(server, "/atom.xml")
    status, head, _ = request(server, "/atom.xml", "HEAD", headers={"Range": "bytes=0-9"})
    assert (status, head["Content-Length"]) == (200, str(len(whole)))
    asked = {"Range": "bytes=0-9", "If-None-Match": headers["ETag"]}
    assert request(server, "/atom.xml", headers=asked)[:3:2] == (304, b"")


def test_urllib_resumes_a_download_from_the_preview(server: PreviewServer, published: Path) -> None:
    whole = (published / "feeds" / "rss.xml").read_bytes()
    asked = urllib.request.Request(f"{server.url}rss.xml", headers={"Range": "bytes=100-"})
    with urllib.request.urlopen(asked, timeout=5) as response:
        assert (response.status, whole[:100] + response.read()) == (206, whole)


# --- what is served --------------------------------------------------------------------------


def test_folders_serve_their_index_and_redirect_to_the_slash(
    server: PreviewServer, published: Path
) -> None:
    feeds = published / "feeds"
    status, headers, body = request(server, "/")
    assert (status, body) == (200, (feeds / "index.html").read_bytes())
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert request(server, "/one/")[2] == (feeds / "one" / "index.html").read_bytes()
    status, headers, _ = request(server, "/one")
    assert (status, headers["Location"]) == (301, "/one/")
    assert request(server, "/sub/")[2] == b"<!doctype html><title>Sub</title>"
    # An encoded slash ends no folder's URL: redirected, the index's relative links resolve
    # inside the folder rather than beside it.
    status, headers, _ = request(server, "/sub%2F")
    assert (status, headers["Location"]) == (301, "/sub%2F/")
    status, headers, _ = request(server, "/sub?x=1")
    assert (status, headers["Location"]) == (301, "/sub/?x=1")  # it was "/sub/": query lost
    assert request(server, "/archive/")[0] == 404  # no index.html, and no listing
    # A file's URL with a slash after it names a folder, as on a host: it was 200.
    for path in ("/atom.xml/", "/one/index.html/", "/atom.xml%2F", "/atom.xml/."):
        assert request(server, path)[0] == 404, path


def test_a_query_string_is_ignored(server: PreviewServer, published: Path) -> None:
    status, _, body = request(server, "/atom.xml?utm_source=reader")
    assert (status, body) == (200, (published / "feeds" / "atom.xml").read_bytes())


def raw_get(server: PreviewServer, path: bytes) -> bytes:
    """The response to a GET of `path` sent as these bytes (http.client refuses non-ASCII)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(b"GET " + path + b" HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        chunks = iter(lambda: connection.recv(65536), b"")
        return b"".join(chunks)


def test_a_path_sent_as_raw_utf8_is_served_as_its_percent_encoding(
    server: PreviewServer, published: Path
) -> None:
    # It was 404: http.server reads the request line as Latin-1.
    tag = published / "feeds" / "tags" / "україна.atom.xml"
    tag.write_bytes(b"<feed/>")
    (published / "feeds" / "нотатки").mkdir()
    escaped = "/tags/%D1%83%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0.atom.xml"
    for path in (
        b"/tags/\xd1\x83\xd0\xba\xd1\x80\xd0\xb0\xd1\x97\xd0\xbd\xd0\xb0.atom.xml",
        escaped.encode(),
    ):
        head, _, body = raw_get(server, path).partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.0 200 "), head
        assert body == b"<feed/>"
    head = raw_get(server, "/нотатки".encode()).partition(b"\r\n\r\n")[0]
    assert head.startswith(b"HTTP/1.0 301 "), head
    assert b"\r\nLocation: /%D0%BD%D0%BE%D1%82%D0%B0%D1%82%D0%BA%D0%B8/\r\n" in head
    head = raw_get(server, "/нотатки?q=є&x=%20".encode()).partition(b"\r\n\r\n")[0]
    assert b"\r\nLocation: /%D0%BD%D0%BE%D1%82%D0%B0%D1%82%D0%BA%D0%B8/?q=%D1%94&x=%20\r\n" in head
    assert raw_get(server, b"/tags/\xff.atom.xml").startswith(b"HTTP/1.0 404 ")


@pytest.mark.parametrize(
    "target", [b"http://[::1/atom.xml", b"http://[/", b"atom.xml", b"a/", b"http:atom.xml"]
)
def test_a_request_target_that_is_no_path_is_a_bad_request(
    server: PreviewServer, target: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    # `http://[::1/` raised ValueError in urlsplit: a traceback on serve's terminal, and the
    # client got no answer at all.
    assert raw_get(server, target).startswith(b"HTTP/1.0 400 ")
    assert capsys.readouterr().err == ""


def test_an_absolute_url_as_the_target_is_served(server: PreviewServer, published: Path) -> None:
    head, _, body = raw_get(server, b"http://127.0.0.1/atom.xml").partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 200 "), head
    assert body == (published / "feeds" / "atom.xml").read_bytes()
    assert raw_get(server, b"http://127.0.0.1").startswith(b"HTTP/1.0 200 ")


@pytest.mark.parametrize("target", [b"//sub", b"http://127.0.0.1//sub", b"http://127.0.0.1///sub"])
def test_a_folder_named_after_two_slashes_redirects_on_this_host(
    server: PreviewServer, target: bytes
) -> None:
    # A Location of `//sub/` sends a browser to the host `sub` (an open redirect, as in
    # http.server's CVE-2021-28861): it was, for an absolute URL as the target.
    head = raw_get(server, target).partition(b"\r\n\r\n")[0]
    assert head.startswith(b"HTTP/1.0 301 "), head
    assert b"\r\nLocation: /sub/\r\n" in head, head


def test_a_symlink_inside_the_folder_is_served(server: PreviewServer, published: Path) -> None:
    (published / "feeds" / "latest.xml").symlink_to("archive/2.atom.xml")
    status, headers, _ = request(server, "/latest.xml")
    assert status == 200
    assert headers["Content-Type"] == "application/atom+xml; charset=utf-8"


@pytest.mark.parametrize(
    "path",
    [
        "/../staticfeed.toml",
        "/%2e%2e/staticfeed.toml",
        "/%2E%2E/staticfeed.toml",
        "/%2e%2e%2fstaticfeed.toml",
        "/..%2Fstaticfeed.toml",
        "/sub/../../staticfeed.toml",
        "/sub/%2e%2e/%2e%2e/staticfeed.toml",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/%2Fetc/passwd",
        "/leak.toml",
        "/up/staticfeed.toml",
        "/loop.xml",
        "/nul%00.xml",
        "/missing.xml",
        "/.staticfeed-ids",  # staticfeed's records, not part of the site
        "/.staticfeed-files",
        "/" + "a" * 300,  # "File name too long": a traceback, and no reply at all
        "/tags/" + "a" * 300 + ".atom.xml",
    ],
)
def test_nothing_outside_the_folder_is_served(
    server: PreviewServer, published: Path, path: str
) -> None:
    feeds = published / "feeds"
    (feeds / "leak.toml").symlink_to(published / "staticfeed.toml")
    (feeds / "up").symlink_to("..")
    (feeds / "loop.xml").symlink_to("loop.xml")
    assert (feeds / "leak.toml").read_text(encoding="utf-8").startswith("title =")
    status, _, body = request(server, path)
    assert status == 404
    assert b"id_authority" not in body and b"root:" not in body


def test_a_file_serve_may_not_read_is_404_without_a_traceback(
    server: PreviewServer,
    published: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A file in feeds/ that serve's user may not read (copied in by another user, mode 000):
    # the refusal is made here, as the tests may run as root, who reads any file.
    (published / "feeds" / "private.xml").write_bytes(b"<feed/>")
    opened = Path.open

    def refused(path: Path, *args: Any, **kwargs: Any) -> Any:
        if path.name == "private.xml":
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refused)
    assert request(server, "/private.xml")[0] == 404
    assert request(server, "/atom.xml")[0] == 200
    assert capsys.readouterr().err == ""


def test_a_reader_that_hangs_up_mid_download_leaves_no_traceback(
    server: PreviewServer, published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A podcast app cancelling a download: serve's terminal showed a ConnectionResetError.
    (published / "feeds" / "episode.mp3").write_bytes(b"\0" * 16_000_000)
    serving = threading.active_count()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection:
        connection.sendall(b"GET /episode.mp3 HTTP/1.0\r\n\r\n")
        connection.recv(1)
        # Closed with a reset, as a cancelled download is, not after the whole file.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    assert wait_for(lambda: threading.active_count() == serving)  # the answer has ended
    assert capsys.readouterr().err == ""
    assert request(server, "/atom.xml")[0] == 200


def test_resolve_request_stays_inside(tmp_path: Path) -> None:
    root = (tmp_path / "feeds").resolve()
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.xml").write_text("x", encoding="utf-8")
    assert resolve_request(root, "/a/x.xml") == root / "a" / "x.xml"
    assert resolve_request(root, "/a") == root / "a"
    assert resolve_request(root, "/a/") is None
    assert resolve_request(root, "/a/%2e%2e/%2e%2e/feeds/a/x.xml") == root / "a" / "x.xml"
    (tmp_path / "secret.xml").write_text("secret", encoding="utf-8")
    assert resolve_request(root, "/%2e%2e/secret.xml") is None
    assert resolve_request(root, "/a/../../secret.xml") is None


LINKS_OUT = """\
    ---
    title: Links out
    date: 2025-01-01
    ---
    ![map](img/map.png) ![out](img/out.png) ![git](img/git.png) ![up](up/secret.txt)
    """


def test_the_sites_paths_serve_no_file_outside_the_project_nor_a_hidden_one(
    site: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The preview answers site_url's paths (/blog/) from the project folder too, for the
    # images a body names: there, as in the folder of feeds, no spelling of a URL reads a file
    # outside it, a hidden one, the config or a document, even by a link a body names.
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("outside secret", encoding="utf-8")
    folder = site(**{"links.md": LINKS_OUT})
    (folder / "img").mkdir()
    (folder / "img" / "map.png").write_bytes(b"\x89PNG map")
    (folder / "img" / "out.png").symlink_to(outside)
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("git secret", encoding="utf-8")
    (folder / "img" / "git.png").symlink_to("../.git/config")
    (folder / "up").symlink_to(outside.parent)
    cli_build()
    up = "%2e%2e/" * len(folder.relative_to(outside.parent.parent).parts)
    paths = [
        "/blog/img/out.png",
        "/blog/img/git.png",
        "/blog/up/secret.txt",
        "/blog/.git/config",
        "/blog/%2egit/config",
        "/blog/staticfeed.toml",
        "/blog/entries/links.md",
        "/blog/img/../staticfeed.toml",
        "/blog/img/%2e%2e/staticfeed.toml",
        "/blog/img%2f..%2fstaticfeed.toml",
        "/blog/img\\..\\staticfeed.toml",
        "/blog/img%5c..%5cstaticfeed.toml",
        f"/blog/{up}{outside.parent.name}/secret.txt",
        f"/blog/{outside}",
        f"/blog/%2f{str(outside).lstrip('/')}",
        f"/blog/feeds/{up}{outside.parent.name}/secret.txt",
        "/blog/feeds/%2e%2e/staticfeed.toml",
        "/blog/feeds/..%2f..%2fstaticfeed.toml",
        "/blog/feeds/%252e%252e/staticfeed.toml",
        "/blog/img/map.png%00",
        "/blog/feeds/atom.xml%00.png",
        "http://127.0.0.1/blog/img/%2e%2e/staticfeed.toml",
        f"http://127.0.0.1/{up}{outside.parent.name}/secret.txt",
    ]
    with site_preview(folder) as preview:
        # The site's paths are answered: a file the body names, and the feeds at feed_url's.
        assert request(preview, "/blog/img/map.png")[2] == b"\x89PNG map"
        assert request(preview, "/blog/feeds/atom.xml")[0] == 200
        for path in paths:
            status, _, body = request(preview, path)
            assert status == 404, path
            assert b"secret" not in body and b"id_authority" not in body, path


def test_a_site_path_beyond_ascii_serves_its_feeds_and_files(site: Callable[..., Path]) -> None:
    # The config keeps site_url percent-encoded (/%D0%B1.../), and the preview compares the
    # decoded request path with it: the feeds and images at /блог/ must be found all the same.
    config = BASIC_CONFIG.replace("https://example.org/blog/", "https://example.org/блог/")
    folder = site(config, **{"links.md": LINKS_OUT})
    (folder / "img").mkdir()
    (folder / "img" / "map.png").write_bytes(b"\x89PNG map")
    cli_build()
    blog = urllib.parse.quote("/блог/")
    with site_preview(folder) as preview:
        status, _, body = request(preview, f"{blog}feeds/atom.xml")
        assert (status, body) == (200, (folder / "feeds" / "atom.xml").read_bytes())
        assert request(preview, f"{blog}img/map.png")[:3:2] == (200, b"\x89PNG map")
        status, headers, _ = request(preview, f"{blog}feeds")
        assert (status, headers["Location"]) == (301, f"{blog}feeds/")


ESCAPED = """\
    ---
    title: Escaped
    date: 2025-01-01
    ---
    ![map](img/m%61p.png) and ![plan](img/plan%2Epng)
    """


def test_a_file_a_body_names_with_a_percent_escape_is_served(site: Callable[..., Path]) -> None:
    # `m%61p.png` is map.png on the site, as a reader's browser and the feeds resolve it: the
    # preview looks only in documents that hold the name or an escape, and must count this one.
    folder = site(**{"escaped.md": ESCAPED})
    (folder / "img").mkdir()
    (folder / "img" / "map.png").write_bytes(b"\x89PNG map")
    (folder / "img" / "plan.png").write_bytes(b"\x89PNG plan")
    cli_build()
    with site_preview(folder) as preview:
        assert request(preview, "/blog/img/map.png")[:3:2] == (200, b"\x89PNG map")
        assert request(preview, "/blog/img/plan.png")[:3:2] == (200, b"\x89PNG plan")


HIDDEN_BESIDE = """\
    ---
    title: Hidden beside
    date: 2025-01-01
    ---
    ![map](.img/map.png) and ![plan](img/plan.png)
    """


def test_a_link_a_body_names_is_served_though_the_file_it_leads_to_is_not_named(
    site: Callable[..., Path],
) -> None:
    # img/map.png, the name the body gives, a link to this year's map kept elsewhere in the
    # project: a host serves the link's name, so the preview does too.
    folder = site(**{"links.md": LINKS_OUT})
    (folder / "maps").mkdir()
    (folder / "maps" / "2025.png").write_bytes(b"\x89PNG 2025")
    (folder / "img").mkdir()
    (folder / "img" / "map.png").symlink_to("../maps/2025.png")
    cli_build()
    with site_preview(folder) as preview:
        assert request(preview, "/blog/img/map.png")[:3:2] == (200, b"\x89PNG 2025")
        assert request(preview, "/blog/maps/2025.png")[0] == 404  # named by no body


DRAFT = """\
    ---
    title: Secret draft
    date: 2025-01-02
    draft: true
    ---
    Not yet for anyone.
    """


def test_a_link_a_body_names_that_leads_to_a_document_is_not_served(
    site: Callable[..., Path],
) -> None:
    # img/map.png in a body, a link to a draft's document: the preview served the draft's
    # source, which no host is given, though it serves no document a body names as itself.
    folder = site(**{"links.md": LINKS_OUT, "later.md": DRAFT})
    (folder / "img").mkdir()
    (folder / "img" / "map.png").symlink_to("../entries/later.md")
    cli_build()
    with site_preview(folder) as preview:
        status, _, body = request(preview, "/blog/img/map.png")
    assert status == 404
    assert b"Not yet for anyone" not in body


def test_a_page_whose_name_holds_a_percent_sign_is_served_at_feed_urls_path(
    site: Callable[..., Path],
) -> None:
    # entries/100%ab.md has its page in feeds/100%ab/, at …/feeds/100%25ab/ on the site: the
    # path decoded once, as at the folder's root, not twice (`%ab` is a byte of its own).
    folder = site(**{"100%ab.md": ONE})
    cli_build()
    page = folder / "feeds" / "100%ab" / "index.html"
    assert page.is_file()
    with site_preview(folder) as preview:
        for path in ("/100%25ab/", "/blog/feeds/100%25ab/"):
            assert request(preview, path)[:3:2] == (200, page.read_bytes()), path


@pytest.mark.parametrize(
    ("feed_url", "served"),
    [
        ("http://example.org/feeds/", True),  # the site's host, by the other scheme
        ("https://example.org:8443/feeds/", False),  # another port: another server
        ("https://cdn.example.org/feeds/", False),  # another host
    ],
)
def test_feeds_are_served_at_feed_urls_path_on_the_sites_host_by_either_scheme(
    site: Callable[..., Path], feed_url: str, served: bool
) -> None:
    # site_url https://example.org/blog/ with feeds at http://example.org/feeds/: one host,
    # whose /feeds/ the preview did not answer (404), so the pages' feed links led nowhere.
    folder = site(f'{BASIC_CONFIG}feed_url = "{feed_url}"\n', **{"one.md": ONE})
    cli_build()
    self_link = etree.parse(str(folder / "feeds" / "atom.xml")).xpath(
        "/*/*[local-name()='link'][@rel='self']/@href"
    )
    assert self_link == [f"{feed_url}atom.xml"]
    atom = (folder / "feeds" / "atom.xml").read_bytes()
    with site_preview(folder) as preview:
        status, _, body = request(preview, "/feeds/atom.xml")
        assert (status, body == atom) == ((200, True) if served else (404, False))
        assert request(preview, "/feeds")[0] == (301 if served else 404)
        assert request(preview, "/blog/feeds/atom.xml")[0] == 404  # not feed_url's path


def beside_site(site: Callable[..., Path]) -> Path:
    """A built publication whose body names .img/map.png and img/plan.png, both kept beside
    their document, where no build publishes them."""
    folder = site(**{"beside.md": HIDDEN_BESIDE})
    for name in (".img/map.png", "img/plan.png"):
        (folder / "entries" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "entries" / name).write_bytes(b"\x89PNG beside")
    cli_build()
    return folder


def test_no_404_hint_tells_to_put_a_file_where_the_preview_never_serves_it(
    site: Callable[..., Path],
) -> None:
    # The hint says where to put a file beside its document to preview it: never a hidden
    # folder, which the preview does not serve (its 404 stays a plain one).
    hints: list[str] = []
    with site_preview(beside_site(site), on_hint=hints.append) as preview:
        assert request(preview, "/blog/.img/map.png")[0] == 404
        assert request(preview, "/blog/img/plan.png")[0] == 404
    assert [hint.split(":")[0] for hint in hints] == ["404 /blog/img/plan.png"]


def test_a_project_files_url_with_a_slash_after_it_is_404_as_a_feeds_is(
    site: Callable[..., Path],
) -> None:
    # /blog/img/map.png/ answered the map (200) where /blog/feeds/atom.xml/ is 404, as nginx
    # answers both ("Not a directory"): a link that works only in the preview.
    folder = site(**{"links.md": LINKS_OUT})
    (folder / "img").mkdir()
    (folder / "img" / "map.png").write_bytes(b"\x89PNG map")
    cli_build()
    with site_preview(folder) as preview:
        assert request(preview, "/blog/img/map.png")[:3:2] == (200, b"\x89PNG map")
        for path in ("/blog/img/map.png/", "/blog/img/map.png%2F", "/blog/feeds/atom.xml/"):
            status, _, body = request(preview, path)
            assert (status, b"PNG map" in body) == (404, False), path


def test_no_404_hint_for_a_files_url_with_a_slash_after_it(site: Callable[..., Path]) -> None:
    # The hint said to put the file at img/plan.png, where this URL is a 404 all the same.
    hints: list[str] = []
    with site_preview(beside_site(site), on_hint=hints.append) as preview:
        assert request(preview, "/blog/img/plan.png/")[0] == 404
        assert request(preview, "/blog/img/plan.png")[0] == 404
    assert [hint.split(":")[0] for hint in hints] == ["404 /blog/img/plan.png"]


def test_a_404_hint_is_said_once_until_the_next_rebuild(site: Callable[..., Path]) -> None:
    # A page's reloads do not repeat it; after a rebuild (a new layout) the file may have
    # moved, and the hint, still true, is said again.
    folder = beside_site(site)
    hints: list[str] = []
    with site_preview(folder, on_hint=hints.append) as preview:
        for _ in range(2):
            assert request(preview, "/blog/img/plan.png")[0] == 404
        preview.layout = SiteLayout.of(
            load_config(folder / "staticfeed.toml"), frozenset(), folder / "entries"
        )
        assert request(preview, "/blog/img/plan.png")[0] == 404
    assert [hint.split(":")[0] for hint in hints] == ["404 /blog/img/plan.png"] * 2


def test_other_methods_are_not_served(server: PreviewServer) -> None:
    assert request(server, "/atom.xml", method="POST")[0] == 501
    assert request(server, "/atom.xml", method="DELETE")[0] == 501


def test_requests_are_reported_not_printed(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log: list[str] = []
    with PreviewServer(published / "feeds", port=0, on_request=log.append) as preview:
        preview.start()
        request(preview, "/atom.xml")
        request(preview, "/missing.xml")
    assert any("GET /atom.xml" in line and "200" in line for line in log)
    assert any("404" in line for line in log)
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""


# --- a real feed reader ----------------------------------------------------------------------


def newsboat_items(newsboat: str, home: Path) -> list[tuple[str, str]]:
    env = {key: value for key, value in os.environ.items() if not key.lower().endswith("_proxy")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home), XDG_DATA_HOME=str(home))
    command = [newsboat, "-u", "urls", "-C", "config", "-c", "cache.db", "-x", "reload"]
    subprocess.run(command, cwd=home, env=env, check=True, timeout=60, capture_output=True)
    with sqlite3.connect(home / "cache.db") as db:
        rows = db.execute("SELECT guid, title FROM rss_item ORDER BY guid").fetchall()
    return [(str(guid), str(title)) for guid, title in rows]


def test_newsboat_reloads_the_served_feed(
    published: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    newsboat = need_program("newsboat")
    home = tmp_path_factory.mktemp("home")
    log: list[str] = []
    with PreviewServer(published / "feeds", port=0, on_request=log.append) as preview:
        preview.start()
        (home / "urls").write_text(f"{preview.url}atom.xml\n", encoding="utf-8")
        (home / "config").write_text("", encoding="utf-8")
        first = newsboat_items(newsboat, home)
        second = newsboat_items(newsboat, home)
        # newsboat keeps the ETag it got on the second reload and sends it on the third.
        third = newsboat_items(newsboat, home)
    assert [title for _, title in first] == ["First entry", "Second entry"]
    assert second == first
    assert third == first
    assert [line.split()[-2] for line in log] == ["200", "200", "304"]


# --- rebuilding on change ----------------------------------------------------------------------


class Watcher:
    """`watch()` in a thread over entries/ and the config, rebuilding with the command line."""

    def __init__(self, root: Path, rebuild: Callable[[], list[str]] = command_line_build) -> None:
        self.events: list[str] = []
        self.rebuilds = 0
        self.stop_event = threading.Event()

        def counted() -> list[str]:
            self.rebuilds += 1
            return rebuild()

        paths = [root / "entries", root / "staticfeed.toml"]
        self.thread = threading.Thread(
            target=watch, args=(paths, counted, self.events.append, self.stop_event), daemon=True
        )
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=5)
        assert not self.thread.is_alive(), "watch() did not return after stop_event was set"


def settled(watcher: Watcher, quiet: float = 2.0) -> tuple[int, list[str]]:
    """The watcher's rebuild count and events once neither has changed for `quiet` seconds
    (longer than watchfiles waits for saves to stop): under load, a fixed pause ended before
    the rebuild of a poke made just before it had said all it says."""
    deadline = time.monotonic() + 30
    seen = (watcher.rebuilds, list(watcher.events))
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = (watcher.rebuilds, list(watcher.events))
        if now == seen:
            return now
        seen = now
    raise AssertionError(f"the watcher did not settle: {seen}")


@pytest.fixture
def watcher(published: Path) -> Iterator[Watcher]:
    running = Watcher(published)
    yield running
    running.stop()


def served(server: PreviewServer, path: str = "/atom.xml") -> bytes:
    return request(server, path)[2]


def test_editing_an_entry_rebuilds_and_serves_the_new_feed(
    server: PreviewServer, published: Path, watcher: Watcher
) -> None:
    entry = published / "entries" / "one.md"
    revised = entry.read_text(encoding="utf-8").replace("First entry", "First entry, revised")

    def edit() -> None:
        entry.write_text(revised, encoding="utf-8")

    edit()
    assert wait_for(lambda: "wrote feeds/atom.xml (2 entries)" in watcher.events, poke=edit)
    assert "changed entries/one.md; rebuilding" in watcher.events
    assert b"First entry, revised" in served(server)
    watcher.stop()
    assert not watcher.thread.is_alive()


def test_a_config_saved_by_rename_is_seen(
    server: PreviewServer, published: Path, watcher: Watcher
) -> None:
    config = published / "staticfeed.toml"
    renamed = config.read_text(encoding="utf-8").replace("Test feed", "Renamed feed")

    def save_like_an_editor() -> None:
        temporary = published / ".staticfeed.toml.swp"
        temporary.write_text(renamed, encoding="utf-8")
        os.replace(temporary, config)

    save_like_an_editor()
    assert wait_for(lambda: b"Renamed feed" in served(server, "/rss.xml"), poke=save_like_an_editor)
    assert "changed staticfeed.toml; rebuilding" in watcher.events


def test_a_failed_rebuild_is_reported_and_the_old_feeds_stay(
    server: PreviewServer, published: Path, watcher: Watcher
) -> None:
    entry = published / "entries" / "two.md"
    before = served(server)
    good = entry.read_text(encoding="utf-8")

    def break_it() -> None:
        entry.write_text(good.replace("2025-01-02", "2025-13-02"), encoding="utf-8")

    break_it()
    assert wait_for(lambda: any(e.startswith("Error: ") for e in watcher.events), poke=break_it)
    error = next(e for e in watcher.events if e.startswith("Error: "))
    assert "entries/two.md" in error and "2025-13-02" in error
    assert "kept the previous feeds; fix the error and save again" in watcher.events
    assert served(server) == before

    def fix_it() -> None:
        entry.write_text(good.replace("Second entry", "Second entry, fixed"), encoding="utf-8")

    fix_it()
    assert wait_for(lambda: b"Second entry, fixed" in served(server), poke=fix_it)
    assert watcher.thread.is_alive()


def test_changes_outside_the_watched_paths_are_ignored(published: Path, watcher: Watcher) -> None:
    entry = published / "entries" / "one.md"

    def touch() -> None:
        entry.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")

    touch()  # first make sure the watcher is running: an entry's change is seen
    assert wait_for(lambda: "unchanged feeds/atom.xml (2 entries)" in watcher.events, poke=touch)
    rebuilds, events = settled(watcher)  # a late poke's rebuild may still be under way
    for step in range(5):
        (published / "feeds" / "atom.xml").write_bytes(b"<feed/>")  # what a rebuild writes
        (published / "notes.md").write_text(f"not an entry {step}", encoding="utf-8")
        (published / "entries" / "one.md.swp").write_text("editor swap file", encoding="utf-8")
        time.sleep(0.1)
    time.sleep(0.5)
    assert (watcher.rebuilds, watcher.events) == (rebuilds, events)


@pytest.mark.parametrize("saved", [3, 4])
def test_a_rebuild_names_three_changed_files_and_counts_the_others(
    published: Path, saved: int
) -> None:
    # `git checkout` of a branch changes many documents at once: one line, not a list of all.
    names = [f"entries/{name}.md" for name in ("a", "b", "c", "d")[:saved]]
    expected = {
        3: "changed entries/a.md, entries/b.md, entries/c.md; rebuilding",
        4: "changed entries/a.md, entries/b.md, entries/c.md and 1 more; rebuilding",
    }[saved]
    watcher = Watcher(published, rebuild=lambda: [])

    def save_all() -> None:
        for name in names:
            (published / name).write_text(textwrap.dedent(TWO), encoding="utf-8")

    try:
        save_all()
        # Saved again each second until one batch holds them all, as it does but under load.
        assert wait_for(lambda: expected in watcher.events, poke=save_all), watcher.events
    finally:
        watcher.stop()


def test_a_save_made_before_watching_began_is_rebuilt_for(published: Path) -> None:
    # serve watched only after its first build, which takes seconds for a big publication: a
    # save made meanwhile was never seen, and the preview stayed stale with no word.
    paths = [published / "entries", published / "staticfeed.toml"]
    read = snapshot(paths)  # as serve takes it, before the first build
    entry = published / "entries" / "one.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("First entry", "First entry, saved early"),
        encoding="utf-8",
    )
    events: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(paths, command_line_build, events.append, stop, read), daemon=True
    )
    thread.start()
    try:
        # No save after watching began (no poke): the one before is found.
        assert wait_for(lambda: "wrote feeds/atom.xml (2 entries)" in events), events
        assert events[0] == "changed entries/one.md; rebuilding"
        assert b"First entry, saved early" in (published / "feeds" / "atom.xml").read_bytes()
    finally:
        stop.set()
        thread.join(timeout=5)


def test_watch_stops_promptly_without_changes(published: Path) -> None:
    running = Watcher(published)
    time.sleep(0.2)
    started = time.monotonic()
    running.stop()
    assert time.monotonic() - started < 2


def test_watching_a_missing_path_is_a_user_error(tmp_path: Path) -> None:
    # The error had no fix, against every other error's "<what is wrong>. <how to fix>".
    with pytest.raises(StaticfeedError) as raised:
        watch([tmp_path / "entries"], lambda: [], lambda _: None, threading.Event())
    assert str(raised.value).endswith(
        "entries: cannot watch a file or folder that does not exist. Put it back, then run"
        " staticfeed serve again."
    )


def test_serve_starts_with_an_error_and_serves_the_previous_feeds(
    site: Callable[..., Path],
) -> None:
    # serve exited 1, although its help says the previous feeds stay served after an error.
    folder = site(**{"one.md": ONE})
    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    # With a bell in its text: the warning is shown with the error, as build shows it.
    broken = "---\ntitle: B\ndate: 2025-13-45\n---\nB\x07.\n"
    (folder / "entries" / "broken.md").write_text(broken)
    command = [sys.executable, "-m", "staticfeed", "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        serving = first_line(server, "stdout")
        assert serving.startswith("serving feeds at http://127.0.0.1:"), serving
        port = int(serving.split("127.0.0.1:")[1].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", "/atom.xml")
        response = connection.getresponse()
        assert (response.status, b"First entry" in response.read()) == (200, True)
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    errors = server.stderr.read().splitlines()
    assert errors[0].startswith("Error: entries/broken.md:3: date: ")
    assert errors[1] == (
        "Warning: entries/broken.md:5: removed characters that XML cannot carry "
        "(control characters)"
    )
    assert errors[2] == "serving the previous feeds; fix the error and save again"


def test_serve_without_feeds_to_fall_back_on_stops_at_an_error(
    site: Callable[..., Path],
) -> None:
    folder = site(**{"one.md": ONE})
    (folder / "entries" / "broken.md").write_text("---\ntitle: B\ndate: 2025-13-45\n---\nB.\n")
    result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: entries/broken.md:3: date: ")


def test_serve_rebuilds_when_a_template_is_saved(site: Callable[..., Path]) -> None:
    # Only documents and the config were watched: an edited template showed after the next
    # save of a document.
    folder = site(**{"one.md": ONE})
    (folder / "templates").mkdir()
    entry_template = Path(staticfeed.__file__).parent / "templates" / "entry.html"
    text = entry_template.read_text(encoding="utf-8")
    (folder / "templates" / "entry.html").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "staticfeed", "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: list[str] = []
    assert server.stdout is not None
    reader = threading.Thread(target=lambda: lines.extend(server.stdout or []), daemon=True)
    reader.start()
    page = folder / "feeds" / "one" / "index.html"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(line.startswith("serving") for line in lines):
            time.sleep(0.1)
        assert "SAVED" not in page.read_text(encoding="utf-8")
        edited = text.replace("<main>", "<main><p>SAVED</p>", 1)
        while time.monotonic() < deadline and "SAVED" not in page.read_text(encoding="utf-8"):
            # Saved again each second: a watcher not ready yet misses a change.
            (folder / "templates" / "entry.html").write_text(edited, encoding="utf-8")
            time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "<p>SAVED</p>" in page.read_text(encoding="utf-8"), lines
    assert any(line.startswith("changed templates/entry.html; rebuilding") for line in lines)


def test_serve_rebuilds_when_a_template_in_the_configs_templates_folder_is_saved(
    site: Callable[..., Path],
) -> None:
    # Only templates/ was watched: with `templates = "theme"`, a saved template showed after
    # the next save of a document.
    folder = site(config=BASIC_CONFIG + 'templates = "theme"\n', **{"one.md": ONE})
    (folder / "theme").mkdir()
    template = folder / "theme" / "entry.html"
    text = (Path(staticfeed.__file__).parent / "templates" / "entry.html").read_text("utf-8")
    template.write_text(text, encoding="utf-8")
    page = folder / "feeds" / "one" / "index.html"
    server, out, err = serve_in_the_background()
    try:
        assert "SAVED" not in page.read_text(encoding="utf-8")

        def save() -> None:
            template.write_text(text.replace("<main>", "<main><p>SAVED</p>", 1), "utf-8")

        save()
        assert wait_for(lambda: "<p>SAVED</p>" in page.read_text(encoding="utf-8"), save), err
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert any(line.startswith("changed theme/entry.html; rebuilding") for line in out), out


def test_serve_watches_the_templates_folder_the_config_names_after_it_changes(
    site: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # The folder of templates was the one the config named as serve started: after
    # `templates` named another, a template saved there showed only after a restart.
    folder = site(config=BASIC_CONFIG + 'templates = "theme"\n', **{"one.md": ONE})
    text = (Path(staticfeed.__file__).parent / "templates" / "entry.html").read_text("utf-8")
    (folder / "theme").mkdir()
    (folder / "theme" / "entry.html").write_text(text, encoding="utf-8")
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # outside the project's folder
    template = elsewhere / "entry.html"
    template.write_text(text.replace("<main>", "<main><p>ELSEWHERE</p>", 1), "utf-8")
    config = folder / "staticfeed.toml"
    page = folder / "feeds" / "one" / "index.html"
    server, out, err = serve_in_the_background()
    try:

        def repoint() -> None:
            config.write_text(BASIC_CONFIG + f"templates = {str(elsewhere)!r}\n", "utf-8")

        repoint()
        assert wait_for(lambda: "ELSEWHERE" in page.read_text(encoding="utf-8"), repoint), err

        def save() -> None:
            template.write_text(text.replace("<main>", "<main><p>SAVED</p>", 1), "utf-8")

        save()
        assert wait_for(lambda: "<p>SAVED</p>" in page.read_text(encoding="utf-8"), save), out
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "changed " + str(template) + "; rebuilding" in [line.rstrip() for line in out], out


def test_serve_does_not_watch_a_templates_folder_that_holds_the_feeds(
    site: Callable[..., Path],
) -> None:
    # Watched, `templates = "."` holds feeds/ and the cache, which each rebuild writes: serve
    # rebuilt about six times a second, for ever.
    site(config=BASIC_CONFIG + 'templates = "."\n', **{"one.md": ONE})
    server, out, err = serve_in_the_background()
    try:
        time.sleep(3)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not [line for line in out if "rebuilding" in line], (out, err)


def serve_in_the_background(
    *options: str,
) -> tuple[subprocess.Popen[str], list[str], list[str]]:
    """`staticfeed serve --port 0` (or `options`) in the current folder, in a process of its
    own, and the lines it has printed so far on stdout and on stderr, once it serves."""
    command = [sys.executable, "-m", "staticfeed", "serve", *(options or ("--port", "0"))]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: list[str] = []
    err: list[str] = []
    for stream, lines in ((server.stdout, out), (server.stderr, err)):
        threading.Thread(target=lambda s=stream, x=lines: x.extend(s or []), daemon=True).start()
    assert wait_for(lambda: any(line.startswith("serving") for line in out)), (out, err)
    return server, out, err


PODCAST_EPISODE = """\
    ---
    title: Episode one
    date: 2025-01-01
    image: img/cover.png
    enclosures:
      - media/ep 1.mp3
    ---
    The first episode.
    """


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_feeds_built_for_the_preview_link_into_it(site: Callable[..., Path]) -> None:
    # serve --base-url http://127.0.0.1:PORT/ wrote feeds whose every link led to a 404: the
    # preview served feeds/ at its root, not at feed_url's /feeds/, and no enclosure or image.
    folder = site(**{"ep.md": PODCAST_EPISODE})
    files = {"media/ep 1.mp3": b"ID3 episode", "img/cover.png": b"\x89PNG cover"}
    for name, content in {**files, "notes.txt": b"private", ".git/config": b"[core]"}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    (folder / "media" / "leak.mp3").symlink_to(folder / "staticfeed.toml")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server, _, err = serve_in_the_background("--port", str(port), "--base-url", base)
    try:
        # The files documents name are looked for once serving begins (they take a while).
        assert wait_for(lambda: request_port(port, "/img/cover.png")[0] == 200)
        atom = urllib.request.urlopen(f"{base}feeds/atom.xml", timeout=5).read()
        links = etree.fromstring(atom).xpath(
            "//*[local-name()='link']/@href | //*[local-name()='thumbnail']/@url"
        )
        assert len(links) >= 5 and all(link.startswith(base) for link in links), links
        for link in links:
            with urllib.request.urlopen(link, timeout=5) as response:
                assert response.status == 200, link
        for name, content in files.items():
            url = base + urllib.parse.quote(name)
            assert url in links
            assert urllib.request.urlopen(url, timeout=5).read() == content
        assert request_port(port, "/feeds")[:2] == (301, "/feeds/")
        for path in (
            "/staticfeed.toml",
            "/entries/ep.md",
            "/notes.txt",
            "/.git/config",
            "/media/leak.mp3",
            "/media/../staticfeed.toml",
            "/media/%2e%2e/staticfeed.toml",
            "/feeds/.staticfeed-ids",
            "/feeds/../staticfeed.toml",
        ):
            assert request_port(port, path)[0] == 404, path
    finally:
        server.terminate()
        server.wait(timeout=WAIT_SECONDS)
    assert err == [], err


PICTURED = """\
    ---
    title: Pictured
    date: 2025-01-01
    ---
    The map: ![map](img/map.png), and the same as HTML:

    <p><img srcset="img/map%202x.png 2x" alt="map"></p>

    The notes: [notes](notes.txt), a picture beside this document: ![beside](beside.png).
    """


def test_the_preview_serves_the_project_files_a_body_names(site: Callable[..., Path]) -> None:
    # serve answered `image: img/cover.png` but not `![map](img/map.png)` in a body, which the
    # feeds name at the same place on the site: previewed, every picture in a body was broken.
    folder = site(**{"pictured.md": PICTURED})
    files = {"img/map.png": b"\x89PNG map", "img/map 2x.png": b"\x89PNG map, twice as big"}
    private = {"notes.txt": b"private", "entries/beside.png": b"\x89PNG beside"}
    files["img/new.png"] = b"\x89PNG named later"
    for name, content in {**files, **private}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server, _, err = serve_in_the_background("--port", str(port), "--base-url", base)
    try:
        atom = urllib.request.urlopen(f"{base}feeds/atom.xml", timeout=5).read()
        content = etree.fromstring(atom).findtext(
            "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content"
        )
        body = lxml.html.fragment_fromstring(content, create_parent="div")
        sources = body.xpath("//img/@src")
        assert sources == [base + "img/map.png", base + "img/map%202x.png", base + "beside.png"]
        for name in ("img/map.png", "img/map 2x.png"):
            url = base + urllib.parse.quote(name)
            assert urllib.request.urlopen(url, timeout=5).read() == files[name], url
        # No build publishes a file beside a document, and a document or a text file is
        # private: the site has neither at the URL the body names, and the preview neither.
        for path in ("/beside.png", "/notes.txt", "/entries/beside.png", "/img/new.png"):
            assert request_port(port, path)[0] == 404, path
        # A file a save names is served from then on.
        document = folder / "entries" / "pictured.md"
        document.write_text(document.read_text() + "\n![new](img/new.png)\n")
        assert wait_for(lambda: request_port(port, "/img/new.png")[0] == 200), err
    finally:
        server.terminate()
        server.wait(timeout=WAIT_SECONDS)
    assert err == [], err


TRIP = """\
    ---
    title: Trip
    date: 2025-01-01
    ---
    The map: ![map](img/map.png), [the notes](notes%20day%201.pdf) and [gone](gone.png).
    """


def test_a_404_for_a_file_beside_its_document_says_why(site: Callable[..., Path]) -> None:
    # The map kept beside entries/2025/trip.md, as an editor's preview finds it: the preview
    # answered 404, as the site will, and said nothing of why (check's relative-file rule does).
    folder = site(**{"2025/trip.md": TRIP})
    for name in ("img/map.png", "notes day 1.pdf"):
        (folder / "entries" / "2025" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "entries" / "2025" / name).write_bytes(b"beside")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server, out, err = serve_in_the_background("--port", str(port), "--base-url", base)

    def hint(path: str, file: str) -> str:
        return (
            f"404 {path}: entries/2025/trip.md names entries/2025/{file}, a file beside it,"
            f" which no build publishes (check: relative-file); put it at {file} to preview"
            " it\n"
        )

    try:
        for path in ("/img/map.png", "/img/map.png", "/gone.png", "/notes%20day%201.pdf"):
            assert request_port(port, path)[0] == 404, path
        notes = hint("/notes%20day%201.pdf", "notes day 1.pdf")
        assert wait_for(lambda: notes in out), out
    finally:
        server.terminate()
        server.wait(timeout=WAIT_SECONDS)
    # Once a file until a rebuild, not at each request; none for a file that is nowhere.
    assert [line for line in out if line.startswith("404")] == [
        hint("/img/map.png", "img/map.png"),
        notes,
    ]
    assert err == [], err


def request_port(port: int, path: str) -> tuple[int, str | None]:
    """The status and Location of a GET of `path`, sent as written, from 127.0.0.1:`port`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, response.headers["Location"]
    finally:
        connection.close()


@pytest.mark.skipif(os.name != "posix", reason="signals (POSIX)")
def test_sigterm_ends_serve_as_it_ends_build(site: Callable[..., Path]) -> None:
    # watchfiles turned SIGTERM's exception into KeyboardInterrupt: serve said "stopped" and
    # exited 0 while it waited for a save, and ended by SIGTERM without a word in a rebuild.
    site(**{"one.md": ONE})
    server, out, err = serve_in_the_background()
    server.terminate()
    server.wait(timeout=WAIT_SECONDS)
    time.sleep(0.5)  # the threads reading its output
    assert (server.returncode, err) == (-signal.SIGTERM, []), out
    assert out[-1].endswith(" (Ctrl-C stops)\n"), out  # no "stopped" below it


def test_a_template_that_extends_itself_is_reported_and_rebuilding_goes_on(
    site: Callable[..., Path],
) -> None:
    # Jinja's RecursionError killed the watcher's thread: nothing was rebuilt any more, while
    # the server went on serving the old pages.
    folder = site(**{"one.md": ONE})
    (folder / "templates").mkdir()
    template = folder / "templates" / "index.html"
    template.write_text('{% extends "base.html" %}\n', encoding="utf-8")
    server, out, err = serve_in_the_background()
    try:

        def extend_itself() -> None:
            template.write_text('{% extends "index.html" %}\n', encoding="utf-8")

        extend_itself()
        assert wait_for(lambda: any(line.startswith("kept") for line in out), extend_itself), err
        assert err[0].startswith(
            'Error: templates/index.html:1: template error: it extends "index.html", which is '
            "this very file: it takes the place of staticfeed's own index.html."
        )
        assert "Traceback (most recent call last):\n" not in err

        def fix() -> None:
            template.write_text(
                '{% extends "base.html" %}\n{% block body %}FIXED{% endblock %}\n',
                encoding="utf-8",
            )

        fix()
        index = folder / "feeds" / "index.html"
        assert wait_for(lambda: "FIXED" in index.read_text(encoding="utf-8"), fix), (out, err)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_whose_output_reader_is_gone_stops_quietly_with_status_141(
    site: Callable[..., Path],
) -> None:
    # `staticfeed serve | head -1`: the first rebuild's line raised BrokenPipeError in the
    # watcher's thread, and serve stopped with a traceback, asking for a bug report, exit 1.
    folder = site(**{"one.md": ONE})
    command = [sys.executable, "-m", "staticfeed", "serve", "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert server.stdout is not None and server.stderr is not None
    try:
        for line in server.stdout:  # the first build's lines, then where it serves
            if line.startswith("serving"):
                break
        server.stdout.close()  # the reader is gone
        entry = folder / "entries" / "one.md"

        def save() -> None:
            entry.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")

        save()
        assert wait_for(lambda: server.poll() is not None, save)
    finally:
        if server.poll() is None:
            server.terminate()
        server.wait(timeout=10)
    assert (server.returncode, server.stderr.read()) == (141, "")


def test_serve_stops_with_an_error_when_rebuilding_breaks_down(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rebuild that raised anything but a StaticfeedError (a bug) ended the watcher's thread,
    # and serve went on serving feeds that no save changed any more, saying nothing.
    folder = site(**{"one.md": ONE})
    real_build = staticfeed.cli._build_lines
    builds: list[str] = []

    def build_then_break(*args: Any) -> list[str]:
        builds.append("build")
        if len(builds) > 1:
            raise RuntimeError("a bug in staticfeed")
        return real_build(*args)

    monkeypatch.setattr(staticfeed.cli, "_build_lines", build_then_break)
    entry = folder / "entries" / "one.md"
    served_on = threading.Event()

    def save_until_serve_returns() -> None:
        deadline = time.monotonic() + 3 * WAIT_SECONDS
        while not served_on.wait(0.5):
            if time.monotonic() > deadline:
                _thread.interrupt_main()  # Ctrl-C: serve went on
                return
            entry.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")

    threading.Thread(target=save_until_serve_returns, daemon=True).start()
    try:
        result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    finally:
        served_on.set()
    # It ends as a bug ends `build`: with its traceback (CliRunner keeps the exception).
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, RuntimeError), result.exception
    assert str(result.exception) == "a bug in staticfeed"


EPISODE = """\
    ---
    title: Episode one
    date: 2025-01-01
    enclosures:
      - media/one.mp3
    ---
    Listen.
    """


def enclosure_lengths(feed: Path) -> list[str]:
    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.parse(str(feed)).getroot()
    return [
        str(link.get("length"))
        for link in root.iter(f"{atom}link")
        if link.get("rel") == "enclosure"
    ]


def test_serve_rebuilds_when_an_enclosed_file_changes(site: Callable[..., Path]) -> None:
    # An enclosure's length is measured from the project's file, but serve watched only the
    # documents, the config and the templates: a new cut of an episode kept its old length
    # in the served feeds until the next save of a document.
    folder = site(**{"one.md": EPISODE})
    (folder / "media").mkdir()
    (folder / "media" / "one.mp3").write_bytes(b"1" * 1000)
    atom = folder / "feeds" / "atom.xml"
    server, out, err = serve_in_the_background()
    try:
        assert enclosure_lengths(atom) == ["1000"]

        def recut() -> None:
            (folder / "media" / "one.mp3").write_bytes(b"1" * 5000)

        recut()
        assert wait_for(lambda: enclosure_lengths(atom) == ["5000"], recut), (out, err)
        assert "changed media/one.mp3; rebuilding" in [line.rstrip("\n") for line in out]

        # A document that names a file not there yet: the build fails, and it is watched.
        two = EPISODE.replace("one", "two").replace("2025-01-01", "2025-01-02")
        (folder / "entries" / "two.md").write_text(textwrap.dedent(two), encoding="utf-8")
        assert wait_for(lambda: any("is not a file in the project" in line for line in err))
        assert err[-1].startswith("Error: entries/two.md:5: enclosures 'media/two.mp3' is not")
        assert enclosure_lengths(atom) == ["5000"]  # the last good build is served

        def add() -> None:
            (folder / "media" / "two.mp3").write_bytes(b"2" * 2000)

        add()  # no save of the document: the file is enough
        assert wait_for(lambda: enclosure_lengths(atom) == ["2000", "5000"], add), (out, err)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_rebuilds_when_an_enclosed_link_is_pointed_at_another_file(
    site: Callable[..., Path],
) -> None:
    # Only the file the link led to was watched: `ln -sf` to another cut rebuilt nothing.
    folder = site(**{"one.md": EPISODE})
    media = folder / "media"
    media.mkdir()
    (media / "short.mp3").write_bytes(b"1" * 1000)
    (media / "long.mp3").write_bytes(b"2" * 3000)
    (media / "one.mp3").symlink_to("short.mp3")
    atom = folder / "feeds" / "atom.xml"
    server, out, err = serve_in_the_background()
    try:
        assert enclosure_lengths(atom) == ["1000"]

        def repoint() -> None:
            subprocess.run(["ln", "-sf", "long.mp3", str(media / "one.mp3")], check=True)

        repoint()
        assert wait_for(lambda: enclosure_lengths(atom) == ["3000"], repoint), (out, err)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_enclosures_follow_the_documents_and_the_config(site: Callable[..., Path]) -> None:
    folder = site(
        **{
            "one.md": EPISODE,
            "two.md": EPISODE.replace("media/one.mp3", "/blog/media/two.mp3"),
            "far.md": EPISODE.replace("media/one.mp3", "../outside.mp3"),
            "web.md": EPISODE.replace("media/one.mp3", "https://cdn.example.org/a.mp3"),
        }
    ).resolve()
    config = folder / "staticfeed.toml"
    enclosures = Enclosures(folder / "entries", config, lambda: load_config(config))
    media = folder / "media"
    assert enclosures.update(()) == {media / "one.mp3", media / "two.mp3"}  # there or not
    (folder / "entries" / "one.md").unlink()
    assert enclosures.update([folder / "entries" / "one.md"]) == {media / "two.mp3"}
    # A folder of documents moved in is seen as the folder alone: each document in it counts.
    moved = folder / "elsewhere" / "2025"
    moved.mkdir(parents=True)
    three = textwrap.dedent(EPISODE).lstrip("\n").replace("media/one.mp3", "media/three.mp3")
    (moved / "three.md").write_text(three, encoding="utf-8")
    moved.rename(folder / "entries" / "2025")
    assert enclosures.update([folder / "entries" / "2025"]) == {
        media / "two.mp3",
        media / "three.mp3",
    }
    # /blog/media/two.mp3 is media/two.mp3 while the site is at /blog/, and then blog/media/.
    config.write_text(BASIC_CONFIG.replace("/blog/", "/"), encoding="utf-8")
    blog_media = folder / "blog" / "media"
    assert enclosures.update([config]) == {blog_media / "two.mp3", media / "three.mp3"}


@pytest.mark.parametrize(("before_ns", "saved"), [(-30_000_000, False), (-10_000_000, True)])
def test_a_file_dated_a_tick_before_the_snapshot_counts_as_saved_since(
    tmp_path: Path, before_ns: int, saved: bool
) -> None:
    # A file's time comes from a clock up to a tick (20 ms) behind the system's: a save just
    # after serve's snapshot may bear a time just before it, and must still be rebuilt for.
    taken = snapshot([tmp_path])
    episode = tmp_path / "episode.mp3"
    episode.write_bytes(b"ID3")
    os.utime(episode, ns=(taken.taken_ns + before_ns, taken.taken_ns + before_ns))
    assert taken.saved_since(episode) is saved
    assert not taken.saved_since(tmp_path / "missing.mp3")


def test_an_enclosed_file_saved_before_watching_began_is_rebuilt_for(
    site: Callable[..., Path],
) -> None:
    folder = site(**{"one.md": EPISODE}).resolve()
    (folder / "media").mkdir()
    (folder / "media" / "one.mp3").write_bytes(b"1" * 1000)
    cli_build()
    paths = [folder / "entries", folder / "staticfeed.toml"]
    read = snapshot(paths)  # as serve takes it, before the first build
    (folder / "media" / "one.mp3").write_bytes(b"1" * 3000)
    (folder / "media" / "other.mp3").write_bytes(b"named by no document")
    config = folder / "staticfeed.toml"
    enclosures = Enclosures(folder / "entries", config, lambda: load_config(config))
    events: list[str] = []
    stop = threading.Event()
    arguments = (paths, command_line_build, events.append, stop, read, enclosures.update)
    thread = threading.Thread(target=watch, args=arguments, daemon=True)
    thread.start()
    try:
        atom = folder / "feeds" / "atom.xml"
        assert wait_for(lambda: enclosure_lengths(atom) == ["3000"]), events
        assert events[0] == "changed media/one.mp3; rebuilding"
    finally:
        stop.set()
        thread.join(timeout=5)


def test_serve_rebuilds_nothing_as_watching_begins_when_nothing_was_saved(
    site: Callable[..., Path],
) -> None:
    # Watching looks for saves made during the first build half a second in; finding none,
    # it must not rebuild (`changed ; rebuilding`, a full rebuild for nothing).
    folder = site(**{"one.md": ONE})
    server, out, err = serve_in_the_background()
    try:
        time.sleep(1.0)  # past that first look, before any save

        def save() -> None:
            (folder / "entries" / "one.md").write_text(textwrap.dedent(ONE), encoding="utf-8")

        save()
        assert wait_for(lambda: any("rebuilding" in line for line in out), save), (out, err)
    finally:
        server.terminate()
        server.wait(timeout=10)
    rebuilding = {line.rstrip("\n") for line in out if "rebuilding" in line}
    assert rebuilding == {"changed entries/one.md; rebuilding"}, out


def test_serve_rebuilds_for_no_file_beside_the_documents_that_is_not_one(
    site: Callable[..., Path],
) -> None:
    # An image saved beside its document, as README suggests, set off a full rebuild (a
    # second at 10,000 entries) that changed nothing, as did a hidden file, or a document in
    # a hidden folder.
    folder = site(**{"2025/one.md": ONE})
    entries = folder / "entries"
    server, out, err = serve_in_the_background()
    try:

        def save() -> None:
            (entries / "2025" / "map.png").write_bytes(b"\x89PNG")
            (entries / ".hidden.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
            (entries / ".archive").mkdir(exist_ok=True)  # a folder the build does not read
            (entries / ".archive" / "old.md").write_text(textwrap.dedent(TWO), encoding="utf-8")
            (entries / "2025" / "one.md").write_text(textwrap.dedent(ONE), encoding="utf-8")

        save()
        assert wait_for(lambda: any("rebuilding" in line for line in out), save), (out, err)
        time.sleep(0.5)  # a late poke's rebuild shows here
    finally:
        server.terminate()
        server.wait(timeout=10)
    rebuilding = [line.rstrip("\n") for line in out if "rebuilding" in line]
    assert rebuilding, out
    assert set(rebuilding) == {"changed entries/2025/one.md; rebuilding"}, out


def test_serve_rebuilds_for_no_empty_folder_but_for_one_moved_in_with_documents(
    site: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # `mkdir entries/2026` set off a full rebuild that changed nothing.
    folder = site(**{"one.md": ONE})
    entries = folder / "entries"
    ready = tmp_path_factory.mktemp("ready")
    (ready / "2025").mkdir()
    (ready / "2025" / "two.md").write_text(textwrap.dedent(TWO), encoding="utf-8")
    server, out, err = serve_in_the_background()
    try:

        def save() -> None:
            (entries / "2026" / "deeper").mkdir(parents=True, exist_ok=True)
            (entries / "one.md").write_text(textwrap.dedent(ONE), encoding="utf-8")

        save()
        assert wait_for(lambda: any("rebuilding" in line for line in out), save), (out, err)
        time.sleep(0.5)  # a late poke's rebuild shows here
        rebuilding = [line.rstrip("\n") for line in out if "rebuilding" in line]
        assert set(rebuilding) == {"changed entries/one.md; rebuilding"}, out

        (ready / "2025").rename(entries / "2025")  # the folder is seen, not its document
        atom = folder / "feeds" / "atom.xml"
        assert wait_for(lambda: "Second entry" in entry_titles(atom)), (out, err)
        # Moved out again, the folder alone once more: what it held is known from its move in.
        (entries / "2025").rename(ready / "2025")
        assert wait_for(lambda: "Second entry" not in entry_titles(atom)), (out, err)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "changed entries/2025; rebuilding" in [line.rstrip("\n") for line in out], out


def test_serve_rebuilds_for_no_empty_folder_removed_but_for_one_moved_out_with_documents(
    site: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    # `rmdir entries/2026` set off a full rebuild that changed nothing.
    folder = site(**{"one.md": ONE, "2025/two.md": TWO})
    entries = folder / "entries"
    (entries / "2026" / "deeper").mkdir(parents=True)
    (entries / "2026" / "map.png").write_bytes(b"\x89PNG")
    (entries / "202").mkdir()  # empty, though 2025, a folder of documents, begins with its name
    server, out, err = serve_in_the_background()
    try:
        (entries / "2027").mkdir()  # made while serving, removed as well

        def save() -> None:
            for empty in (entries / "2026" / "deeper", entries / "2027", entries / "202"):
                if empty.is_dir():
                    empty.rmdir()
            (entries / "one.md").write_text(textwrap.dedent(ONE), encoding="utf-8")

        save()
        assert wait_for(lambda: any("rebuilding" in line for line in out), save), (out, err)
        time.sleep(0.5)  # a late poke's rebuild shows here
        (entries / "2026" / "map.png").unlink()
        (entries / "2026").rmdir()
        time.sleep(1.0)
        rebuilding = [line.rstrip("\n") for line in out if "rebuilding" in line]
        assert set(rebuilding) == {"changed entries/one.md; rebuilding"}, out

        (entries / "2025").rename(tmp_path_factory.mktemp("away") / "2025")  # the folder alone
        atom = folder / "feeds" / "atom.xml"
        assert wait_for(lambda: "Second entry" not in entry_titles(atom)), (out, err)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "changed entries/2025; rebuilding" in [line.rstrip("\n") for line in out], out
    assert err == [], err


def entry_titles(feed: Path) -> list[str]:
    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.parse(str(feed)).getroot()
    return [str(title.text) for title in root.findall(f"{atom}entry/{atom}title")]


def test_ctrl_c_during_a_rebuild_stops_it_and_leaves_no_temporary_files(
    site: Callable[..., Path],
) -> None:
    # The rebuild ran in a thread of its own, which Ctrl-C did not stop: serve waited 5 s for
    # it, then exited, and the interpreter's exit cut the rebuild short, leaving the files it
    # was writing (`.atom.xml.1wizvyxz.tmp`, hundreds at 10,000 entries) in feeds/.
    folder = site(**{"one.md": ONE, "two.md": TWO})
    (folder / "templates").mkdir()
    template = folder / "templates" / "entry.html"
    text = (Path(staticfeed.__file__).parent / "templates" / "entry.html").read_text("utf-8")
    template.write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "staticfeed", "serve", "--port", "0"]
    server = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C's default, which a shell's background job (`pytest &`) does not have.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    out: list[str] = []
    assert server.stdout is not None and server.stderr is not None
    threading.Thread(target=lambda: out.extend(server.stdout or []), daemon=True).start()
    try:
        assert wait_for(lambda: any(line.startswith("serving") for line in out)), out
        endless = (
            '{% if entry.title == "First entry" %}'
            "{% for i in range(10**6) %}{% for j in range(10**6) %}{% endfor %}{% endfor %}"
            "{% endif %}"
        )

        def save() -> None:  # the newer page is written, the older one's never ends
            template.write_text(text.replace("<main>", "<main>" + endless, 1), "utf-8")

        save()
        assert wait_for(lambda: any("rebuilding" in line for line in out), save), out
        server.send_signal(signal.SIGINT)
        server.wait(timeout=WAIT_SECONDS)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert (server.returncode, out[-1], server.stderr.read()) == (0, "stopped\n", "")
    left = [path.name for path in (folder / "feeds").rglob("*") if path.name.endswith(".tmp")]
    assert left == []


def test_ctrl_c_as_serving_begins_stops_as_it_does_later(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C just after the first build, before the server's thread had started, said
    # "Aborted!" and exited 130, where a moment later it says "stopped" and exits 0.
    site(**{"one.md": ONE})

    def ctrl_c(self: PreviewServer) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(PreviewServer, "start", ctrl_c)
    result = CliRunner().invoke(cli, ["serve", "--port", "0"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(" (Ctrl-C stops)\nstopped\n"), result.stdout
    assert result.stderr == ""
