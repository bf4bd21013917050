"""Preview the built feeds over HTTP, and rebuild them when their sources change.

`PreviewServer` serves one folder on 127.0.0.1 (by default) with the headers a feed reader's
conditional requests need (`ETag`, `Last-Modified`, 304 Not Modified), and one byte range
(206) to resume a download. `watch` calls a rebuild function whenever the entries or the
config change. Neither prints: events go to callbacks.
"""

from __future__ import annotations

import contextlib
import email.utils
import functools
import hashlib
import os
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socket import AF_INET6
from typing import Any

import watchfiles

from staticfeed import Terminated
from staticfeed.config import Config
from staticfeed.entries import (
    beside_a_document,
    document_paths,
    enclosed_files,
    is_document_name,
    named_in_a_body,
)
from staticfeed.errors import StaticfeedError, display_path, failure_lines
from staticfeed.hosting import media_type

INDEX = "index.html"

_CLOCK_TICK_NS = 20_000_000
"""How far behind the system's clock a file's modification time may be: it comes from a
coarser clock."""


def resolve_request(root: Path, url_path: str) -> Path | None:
    """The file or folder under `root` (resolved) that a URL path names, or None.

    `..`, percent-encoded dots and symlinks are resolved first, so nothing outside `root` is
    ever returned. A folder is returned as itself when the URL lacks its trailing slash (the
    caller redirects), and as its index.html otherwise.
    """
    decoded = urllib.parse.unquote(url_path)
    path = _inside(root, root / decoded.lstrip("/"))
    if path is not None and any(part.startswith(".") for part in path.relative_to(root).parts):
        return None  # staticfeed's records (.staticfeed-ids), no part of the site
    if path is None or not _is(path, "dir"):
        # `/atom.xml/` names a folder: a host answers 404 (nginx: "Not a directory").
        as_folder = decoded.endswith(("/", "/."))
        return path if path is not None and not as_folder and _is(path, "file") else None
    if not url_path.endswith("/"):
        return path
    index = _inside(root, path / INDEX)
    return index if index is not None and _is(index, "file") else None


def _inside(root: Path, candidate: Path) -> Path | None:
    try:
        path = candidate.resolve()
    except (OSError, RuntimeError, ValueError):  # symlink loop, NUL byte
        return None
    return path if path.is_relative_to(root) else None


def _is(path: Path, kind: str) -> bool:
    """Path.is_dir() or is_file(), False for a name the system refuses: Python 3.11 raises
    "File name too long" (a URL of 300 letters) rather than saying no."""
    try:
        return path.is_dir() if kind == "dir" else path.is_file()
    except OSError:
        return False


@dataclass(frozen=True)
class SiteLayout:
    """The paths the published site will have, which the preview answers too, so that feeds
    built for the preview's own address (`--base-url http://127.0.0.1:8000/`) link into it:
    the folder of feeds at feed_url's path, and the project's files that documents name as
    enclosures or images, or by a relative link or image in a body, at site_url's path
    followed by theirs, where a host serves them. Nothing else of the project: its config,
    its documents, files beside them."""

    site_path: str
    """site_url's path, decoded: `/blog/`."""
    feeds_path: str | None
    """feed_url's path, decoded (`/blog/feeds/`), when it is on site_url's host (and port),
    by either scheme."""
    project: Path
    """The project folder (the config's), resolved."""
    files: frozenset[Path]
    """The project's files that documents name as enclosures or images, resolved."""
    named: Callable[[Path], bool] = lambda file: False
    """Whether a body names a file of the project (by its path in the project folder,
    links not followed) by a relative URL."""
    beside: Callable[[Path], tuple[Path, Path] | None] = lambda file: None
    """The document whose body names, at that path, a file beside it, and the file."""

    @classmethod
    def of(
        cls, config: Config, files: frozenset[Path], entries_dir: Path | None = None
    ) -> SiteLayout:
        """The layout `config` gives; with `entries_dir`, the files the bodies of its
        documents name too, looked for at the first request for each (the layout is made
        again after each change, so what it found stays true)."""
        site, feeds = urllib.parse.urlsplit(config.site_url), urllib.parse.urlsplit(config.feed_url)
        # The scheme is how a reader reaches the host, not another site: `http://e.org/feeds/`
        # is the folder /feeds/ of the host that serves `https://e.org/blog/`, as the one
        # preview serves both. Another host (or a port written out) is another site.
        same_host = site.netloc == feeds.netloc
        cached = functools.lru_cache(maxsize=1024)
        named, beside = (
            (
                cached(functools.partial(named_in_a_body, config, entries_dir)),
                cached(functools.partial(beside_a_document, config, entries_dir)),
            )
            if entries_dir is not None
            else (cls.named, cls.beside)
        )
        return cls(
            urllib.parse.unquote(site.path),
            urllib.parse.unquote(feeds.path) if same_host else None,
            config.path.parent.resolve(),
            files,
            named,
            beside,
        )

    def locate(self, root: Path, url_path: str) -> Path | None:
        """What `url_path` names on the published site: a file or folder of `root`, the
        folder of feeds, or a file of the project in `files`; None for anything else."""
        decoded = urllib.parse.unquote(url_path)
        if self.feeds_path is not None and f"{decoded}/" == self.feeds_path:
            return root  # the folder without its slash: redirected
        if self.feeds_path is not None and decoded.startswith(self.feeds_path):
            rest = decoded[len(self.feeds_path) :]
            return resolve_request(root, "/" + urllib.parse.quote(rest))
        relative = self._relative(decoded)
        if relative is None:
            return None
        file = _inside(self.project, self.project / relative)
        if file is None or not _is(file, "file"):
            return None
        # A body names the file as the URL does: a link's own name, not the file it leads to.
        named = Path(os.path.normpath(self.project / relative))
        if file not in self.files and not self.named(named):
            return None
        hidden = any(part.startswith(".") for part in file.relative_to(self.project).parts)
        return None if hidden else file

    def _relative(self, decoded: str) -> str | None:
        """The path after site_url's of a decoded URL path that may name a file of the
        project; None for one elsewhere, or that names no file anyone serves."""
        if not decoded.startswith(self.site_path):
            return None
        relative = decoded[len(self.site_path) :]
        if not relative or any(part.startswith(".") for part in relative.split("/")):
            return None  # .git, .staticfeed-cache, `..`: named by no document, never served
        # `img/map.png/` names a folder, as `/atom.xml/` does: a host answers 404 (nginx:
        # "Not a directory"), and pathlib would drop the slash and find the file.
        return None if relative.endswith("/") else relative

    def not_found_hint(self, url_path: str) -> str | None:
        """Why `url_path` is not found, when a body names a file beside its document there
        (check's `relative-file` rule): the URL resolves against site_url, where no build
        publishes that file. None for any other URL."""
        relative = self._relative(urllib.parse.unquote(url_path))
        if relative is None:
            return None
        named = Path(os.path.normpath(self.project / relative))
        found = self.beside(named)
        if found is None:
            return None
        document, file = (display_path(path) for path in found)
        return (
            f"404 {url_path}: {document} names {file}, a file beside it, which no build"
            f" publishes (check: relative-file); put it at {display_path(named)} to preview it"
        )


def etag_matches(if_none_match: str, etag: str) -> bool:
    """Whether an `If-None-Match` list (or `*`) matches `etag`, by weak comparison (RFC 9110)."""
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


def byte_range(header: str | None, length: int) -> range | None:
    """The bytes of a file of `length` that a `Range` header asks for (RFC 9110 §14.1.2):
    `bytes=0-99`, `bytes=500-`, or the last 500, `bytes=-500`; empty when the file has none of
    them (416). None for the whole file: no header, or one a server may ignore (another unit,
    several ranges, one it cannot read), and any for an empty file."""
    if header is None or length == 0:
        return None
    unit, _, ranges = header.partition("=")
    specs = [spec.strip() for spec in ranges.split(",") if spec.strip()]
    found = re.fullmatch("([0-9]*)-([0-9]*)", specs[0]) if len(specs) == 1 else None
    if unit.strip().lower() != "bytes" or found is None or found.groups() == ("", ""):
        return None
    first, last = found.groups()
    if not first:
        return range(max(length - int(last), 0), length)
    if last and int(last) < int(first):
        return None
    return range(int(first), min(int(last) + 1, length) if last else length)


def is_current(if_range: str, etag: str, modified: int | None) -> bool:
    """Whether an If-Range validator names the file as it is: its ETag, compared strongly
    (`W/"…"` never matches), or the exact Last-Modified it is sent with."""
    if if_range.startswith('"'):
        return if_range == etag
    when = parse_http_date(if_range)
    return when is not None and when.timestamp() == modified


def parse_http_date(value: str | None) -> datetime | None:
    """An HTTP date header as an aware datetime; None when absent or unreadable."""
    if value is None:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _percent_encoded(request_path: str) -> str:
    """The path of a request line with its raw non-ASCII bytes percent-encoded, the escapes
    already there kept. A client that sends `/tags/україна.atom.xml` as UTF-8 bytes (nginx
    serves the file) would otherwise get 404: http.server reads the line as Latin-1."""
    return urllib.parse.quote(request_path.encode("latin-1"), safe="!#$%&'()*+,/:;=?@[]~")


def _request_target(target: str) -> urllib.parse.SplitResult | None:
    """The request line's target taken apart; None for one that is no URL of a file: a path
    that does not begin with `/` (`GET atom.xml`), or an absolute URL urllib cannot read
    (`GET http://[::1/`, which raised ValueError: a traceback, and no answer)."""
    try:
        parts = urllib.parse.urlsplit(target)
    except ValueError:
        return None
    absolute = bool(parts.scheme and parts.netloc)
    return parts if absolute or parts.path.startswith("/") else None


class _FeedServer(ThreadingHTTPServer):
    def __init__(
        self,
        address: tuple[str, int],
        root: Path,
        on_request: Callable[[str], None] | None,
        on_hint: Callable[[str], None] | None,
    ) -> None:
        self.root = root
        self.on_request = on_request
        self.on_hint = on_hint
        self.layout: SiteLayout | None = None
        self.hinted: set[str] = set()
        """The URL paths given a hint since the layout was last set: once each, not at
        every request (a page's reload, a reader's poll)."""
        if ":" in address[0]:
            self.address_family = AF_INET6
        super().__init__(address, _FeedHandler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a reader hung up mid-response: nothing to report
        super().handle_error(request, client_address)


class _FeedHandler(BaseHTTPRequestHandler):
    """GET and HEAD of files under the server's root; http.server answers other methods 501."""

    server: _FeedServer
    server_version = "staticfeed-preview"

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.on_request is not None:
            self.server.on_request(format % args)

    def _serve(self, *, with_body: bool) -> None:
        target = _request_target(self.path)
        if target is None:
            self.send_error(HTTPStatus.BAD_REQUEST)
            return
        # One leading slash, as http.server leaves a request line's path: an absolute URL's
        # `//x` made the Location `//x/`, which names the host x (an open redirect).
        url_path = "/" + _percent_encoded(target.path).lstrip("/")
        path = resolve_request(self.server.root, url_path)
        layout = self.server.layout  # one read: a rebuild may replace it meanwhile
        if path is None and layout is not None:
            path = layout.locate(self.server.root, url_path)
        if path is None:
            # The hint first: the line is out before the answer, as a request's log line is.
            self._hint(layout, url_path)
            self.send_error(HTTPStatus.NOT_FOUND)
        elif path.is_dir():
            self._redirect(url_path + "/", target.query)
        else:
            self._send_file(path, with_body=with_body)

    def _hint(self, layout: SiteLayout | None, url_path: str) -> None:
        """Say why `url_path` is not found, once, if its 404 has a reason the user may miss."""
        on_hint = self.server.on_hint
        if on_hint is None or layout is None or url_path in self.server.hinted:
            return
        hint = layout.not_found_hint(url_path)
        if hint is not None:
            self.server.hinted.add(url_path)
            on_hint(hint)

    def _redirect(self, location: str, query: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", f"{location}?{_percent_encoded(query)}" if query else location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_file(self, path: Path, *, with_body: bool) -> None:
        try:
            with path.open("rb") as stream:
                modified = last_modified(changed_ns(os.fstat(stream.fileno())))
                content = stream.read()
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        etag = f'"{hashlib.sha256(content).hexdigest()[:32]}"'
        if self._not_modified(etag, modified):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._send_validators(etag, modified)
            self.end_headers()
            return
        # RFC 9110 §14.2: GET alone has ranges; HEAD tells of the whole file.
        span = self._range(etag, modified, len(content)) if with_body else None
        if span is not None and not span:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{len(content)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK if span is None else HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", media_type(path.name))
        part = content if span is None else content[span.start : span.stop]
        self._send_length(len(part), span, len(content))
        self._send_validators(etag, modified)
        self.end_headers()
        if with_body:
            self.wfile.write(part)

    def _range(self, etag: str, modified: int | None, length: int) -> range | None:
        """The part of the file the request's Range asks for (see `byte_range`); None, the
        whole, when its If-Range names a version the file no longer is (RFC 9110 §13.1.5): a
        download resumed across a rebuild would join two versions."""
        if_range = self.headers.get("If-Range")
        if if_range is not None and not is_current(if_range, etag, modified):
            return None
        return byte_range(self.headers.get("Range"), length)

    def _send_length(self, sent: int, span: range | None, length: int) -> None:
        self.send_header("Content-Length", str(sent))
        if span is not None:
            self.send_header("Content-Range", f"bytes {span.start}-{span.stop - 1}/{length}")
        self.send_header("Accept-Ranges", "bytes")

    def _send_validators(self, etag: str, modified: int | None) -> None:
        self.send_header("ETag", etag)
        if modified is not None:
            self.send_header("Last-Modified", self.date_time_string(modified))
        self.send_header("Cache-Control", "no-cache")

    def _not_modified(self, etag: str, modified: int | None) -> bool:
        """RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since otherwise."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag_matches(if_none_match, etag)
        since = parse_http_date(self.headers.get("If-Modified-Since"))
        return since is not None and modified is not None and modified <= since.timestamp()


def changed_ns(stat: os.stat_result) -> int:
    """When a file last changed: its modification time, or its inode's change time when later.
    A copy that keeps the old time (`cp -p`, `rsync -t`, `touch -d`) sets the one back, never
    the other: with the old Last-Modified, a reader that sends only If-Modified-Since was told
    304 for other bytes. (On Windows st_ctime is the file's creation, never the later one.)"""
    return max(stat.st_mtime_ns, stat.st_ctime_ns)


def last_modified(mtime_ns: int) -> int | None:
    """A file's modification time in whole seconds, as HTTP dates give it, once that second
    is over (on the file system's clock, a tick behind); None until then. A file rebuilt twice
    within a second keeps its time, and a reader that sends only If-Modified-Since with it
    was told 304 Not Modified for the second version."""
    seconds = mtime_ns // 1_000_000_000
    return seconds if seconds < (time.time_ns() - _CLOCK_TICK_NS) // 1_000_000_000 else None


class PreviewServer:
    """An HTTP server for `folder`; `port=0` lets the system choose (see `.port`, `.url`).
    It takes its port at once, and `folder` must be there once it serves: serve takes the
    port before its first build, which makes the folder. `on_request` is given each request's
    log line; `on_hint`, why a 404 is one, when the layout knows (`not_found_hint`)."""

    def __init__(
        self,
        folder: Path,
        bind: str = "127.0.0.1",
        port: int = 8000,
        *,
        on_request: Callable[[str], None] | None = None,
        on_hint: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = folder.resolve()
        try:
            self._server = _FeedServer((bind, port), self.folder, on_request, on_hint)
        except OSError as error:
            raise StaticfeedError(
                f"cannot serve on {bind} port {port} ({error.strerror or error})",
                "Pass another --port (0 lets the system choose one) or --bind address.",
            ) from None
        self._thread: threading.Thread | None = None
        self._started = False

    @property
    def layout(self) -> SiteLayout | None:
        """The published site's paths it answers besides the folder's own (None: none)."""
        return self._server.layout

    @layout.setter
    def layout(self, layout: SiteLayout | None) -> None:
        self._server.layout = layout
        self._server.hinted = set()  # the files may have moved: say it again

    @property
    def bind(self) -> str:
        return str(self._server.socket.getsockname()[0])

    @property
    def port(self) -> int:
        return int(self._server.socket.getsockname()[1])

    @property
    def url(self) -> str:
        host = f"[{self.bind}]" if ":" in self.bind else self.bind
        return f"http://{host}:{self.port}/"

    def serve_forever(self) -> None:
        """Serve in this thread until `stop()` (from another thread) or KeyboardInterrupt."""
        self._check_folder()
        self._started = True
        self._server.serve_forever(poll_interval=0.1)

    def start(self) -> None:
        """Serve in a background thread."""
        self._check_folder()
        self._started = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()

    def _check_folder(self) -> None:
        if not self.folder.is_dir():
            raise StaticfeedError(
                "there is no folder of feeds to serve", "Build the feeds first.", path=self.folder
            )

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call more than once."""
        if self._started:
            self._server.shutdown()  # waits for serve_forever, which only runs once started
            self._started = False
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


@dataclass(frozen=True)
class Snapshot:
    files: dict[Path, tuple[int, int]]
    """The size and modification time (ns) of each file under some paths."""
    taken_ns: int
    """When it was taken, by the system's clock."""

    def saved_since(self, path: Path) -> bool:
        """Whether `path`, a file it does not hold, was saved since (or just before: a file's
        time comes from a coarser clock, up to a tick behind)."""
        try:
            return os.stat(path).st_mtime_ns >= self.taken_ns - _CLOCK_TICK_NS
        except OSError:
            return False


def snapshot(paths: Sequence[Path]) -> Snapshot:
    """The files under `paths` (folders recursively, links not followed), with their size and
    modification time: what serve's first build read, before anything watched for saves."""
    found: dict[Path, tuple[int, int]] = {}
    taken = time.time_ns()
    for path in paths:
        walked = os.walk(path) if path.is_dir() else [(str(path.parent), [], [path.name])]
        for folder, _, names in walked:
            for name in names:
                with contextlib.suppress(OSError):
                    stat = os.lstat(os.path.join(folder, name))
                    found[Path(folder, name).resolve()] = (stat.st_size, stat.st_mtime_ns)
    return Snapshot(found, taken)


class Enclosures:
    """The files of the project that documents name as enclosures (a podcast's episodes),
    which a build measures: serve rebuilds when one changes; and as images, which the preview
    serves with them (`served`). Looked for again in each document that changes; in all of
    them when the config changes (site_url says which paths from the host's root are the
    project's), or a folder of documents does."""

    def __init__(
        self, entries_dir: Path, config_file: Path, load_config: Callable[[], Config]
    ) -> None:
        self._entries_dir = entries_dir.resolve()
        self._config_file = config_file.resolve()
        self._load_config = load_config
        self._config: Config | None = None
        self._named: dict[Path, tuple[frozenset[Path], frozenset[Path]]] = {}
        self.files: frozenset[Path] = frozenset()
        """Empty until the first `update`: looking in every document takes a while (0.3 s for
        10,000), which serve spends after it begins to serve."""
        self.served: frozenset[Path] = frozenset()
        """`files`, and the project's files documents name as their images."""

    def update(self, changed: Collection[Path]) -> frozenset[Path]:
        """The files, after the changes to `changed` (resolved paths); the first call looks in
        every document."""
        documents = [path for path in changed if path.is_relative_to(self._entries_dir)]
        config = self._config
        if (
            config is None
            or self._config_file in changed
            or not all(is_document_name(path.name) for path in documents)
        ):
            self._look_everywhere()
        else:
            for path in documents:
                self._look_in(path, config)
        self.files = frozenset().union(*(enclosed for enclosed, _ in self._named.values()))
        self.served = self.files.union(*(image for _, image in self._named.values()))
        return self.files

    def _look_everywhere(self) -> None:
        try:
            self._config = self._load_config()
        except StaticfeedError:  # the build says what is wrong; the files named stay
            self._config = None
            return
        self._named.clear()
        for path in document_paths(self._entries_dir, []):
            self._look_in(path, self._config)

    def _look_in(self, document: Path, config: Config) -> None:
        named = enclosed_files(config, document)
        if any(named):
            self._named[document] = named
        else:
            self._named.pop(document, None)


class _Documents:
    """The documents in a folder, as watching last saw them: what a build reads there. A
    folder gone (`rmdir`, or moved out whole, which is seen as the folder alone) was read only
    if it held some; an empty one set off a rebuild that changed nothing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._paths = _documents_in(folder)

    def may_be_read(self, path: Path) -> bool:
        """Whether a build reads what is at `path`, in the folder: a document, or a folder
        that holds some (or held some, gone); not a hidden one, an empty one, nor another
        file (an image beside its document)."""
        if any(part.startswith(".") for part in path.relative_to(self.folder).parts):
            return False
        if is_document_name(path.name):
            return True
        try:
            if path.exists():
                return path.is_dir() and _holds_a_document(path)
        except OSError:  # a name too long, a folder that cannot be entered: the build says so
            return True
        return self._held(path)

    def _held(self, folder: Path) -> bool:
        inside = f"{folder}{os.sep}"
        return any(path.startswith(inside) for path in self._paths)

    def update(self, changed: Collection[Path]) -> None:
        """Take in the changes to `changed` (resolved paths, some perhaps elsewhere)."""
        for path in changed:
            if not path.is_relative_to(self.folder):
                continue
            if is_document_name(path.name) and not path.is_dir():
                (self._paths.add if path.exists() else self._paths.discard)(str(path))
                continue
            inside = f"{path}{os.sep}"
            self._paths = {known for known in self._paths if not known.startswith(inside)}
            if path.is_dir():
                self._paths |= _documents_in(path)


def _documents_in(folder: Path) -> set[str]:
    return {
        os.path.join(parent, name)
        for parent, _, names in os.walk(folder)
        for name in names
        if is_document_name(name)
    }


def _holds_a_document(folder: Path) -> bool:
    return any(
        is_document_name(name) for _, _, names in os.walk(folder, onerror=_raise) for name in names
    )


def _raise(error: OSError) -> None:
    raise error


def watch(
    paths: Sequence[Path],
    rebuild: Callable[[], list[str]],
    on_event: Callable[[str], None],
    stop_event: threading.Event,
    before: Snapshot | None = None,
    depends: Callable[[Collection[Path]], Collection[Path]] | None = None,
    documents: Path | None = None,
) -> None:
    """Call `rebuild()` after each batch of changes to `paths` (folders recursively) until
    `stop_event` is set; report the changed files and rebuild's lines through `on_event`.
    `before`: the files as the first build read them (`snapshot`); what was saved since,
    before watching began, is rebuilt for as soon as it has (serve's first build of a big
    publication takes seconds, and a save then went unseen). `depends(changed)`: the files
    besides `paths` that a build reads after the changes to `changed` (`Enclosures.update`,
    and the folder of templates the config names now, watched wherever it is); files must
    lie in `paths` or beside a file of them. `documents`: the folder of documents
    among `paths`, where only documents and folders are read (not an image beside one).

    A rebuild that raises StaticfeedError is reported (`Error: ` before each line) and
    watching goes on; the previous feeds stay in place. In the main thread, Ctrl-C raises
    KeyboardInterrupt, in a rebuild too, which it stops as it stops `build`.
    """
    targets = [_existing(path) for path in paths]
    inside = _PathSet.of(targets)
    default_filter = watchfiles.DefaultFilter()
    besides = _besides(depends, ())
    known = _Documents(documents.resolve()) if documents is not None else None

    def wanted(change: watchfiles.Change, name: str) -> bool:
        # `besides` as the last change left it: a change can make a build read other files.
        return _is_read(Path(name), inside, besides, known) and default_filter(change, name)

    while not stop_event.is_set():
        roots = _watch_roots([*targets, *besides.folders])
        for changes in _watched(
            *roots,
            watch_filter=wanted,
            stop_event=stop_event,
            raise_interrupt=True,  # Ctrl-C in the main thread ends watching, as anything else
            yield_on_timeout=before is not None,  # the first yield: watching has begun
            rust_timeout=_CATCH_UP_MS if before is not None else 5000,
        ):
            changed = {Path(name) for _, name in changes}
            if before is not None:
                changed |= _saved_before_watching(before, targets, besides, wanted)
                before = None
            if changed:
                if known is not None:
                    known.update(changed)
                besides = _besides(depends, changed)
                _rebuild(sorted(changed), rebuild, on_event)
            if _watch_roots([*targets, *besides.folders]) != roots:
                break  # a folder of templates the config names now lies elsewhere
        else:
            return


@dataclass(frozen=True)
class _PathSet:
    """Files and folders, by resolved path; a folder holds all that lies in it."""

    files: Collection[Path]
    folders: list[Path]

    @classmethod
    def of(cls, paths: Collection[Path]) -> _PathSet:
        return cls(paths, _folders(paths))

    def holds(self, path: Path) -> bool:
        return path in self.files or any(path.is_relative_to(folder) for folder in self.folders)


def _besides(
    depends: Callable[[Collection[Path]], Collection[Path]] | None, changed: Collection[Path]
) -> _PathSet:
    """The files besides those watched that a build reads after the changes to `changed`."""
    return _PathSet.of(depends(changed) if depends is not None else ())


def _is_read(path: Path, inside: _PathSet, besides: _PathSet, known: _Documents | None) -> bool:
    """Whether a build reads what is at `path`: a file it reads `besides` those watched, else
    in the folder of documents only what `known` says it reads, else anything `inside`."""
    if besides.holds(path):
        return True
    if known is not None and path.is_relative_to(known.folder):
        return known.may_be_read(path)
    return inside.holds(path)


def _saved_before_watching(
    before: Snapshot,
    targets: Sequence[Path],
    besides: _PathSet,
    wanted: Callable[[watchfiles.Change, str], bool],
) -> set[Path]:
    """The files under `targets`, or `besides` them, saved after `before` was taken and
    before watching began, which watching does not see; only those `wanted`."""
    old, now = before.files, snapshot([*targets, *besides.folders]).files
    missed = {p for p in old.keys() | now.keys() if old.get(p) != now.get(p)}
    missed |= {p for p in besides.files if p not in old and before.saved_since(p)}
    return {p for p in missed if wanted(watchfiles.Change.modified, str(p))}


def _watched(*roots: Path, **options: Any) -> Iterator[set[tuple[watchfiles.Change, str]]]:
    """watchfiles.watch, which raises KeyboardInterrupt for any exception a signal handler
    raised: SIGTERM's stays SIGTERM's, which ends serve without a word, as it ends build."""
    try:
        yield from watchfiles.watch(*roots, **options)
    except KeyboardInterrupt:
        if Terminated.received:
            raise Terminated from None
        raise


def _folders(paths: Collection[Path]) -> list[Path]:
    return [path for path in paths if path.is_dir()]


_CATCH_UP_MS = 500
"""How soon after watching begins the saves made before are looked for, at the latest."""


def _existing(path: Path) -> Path:
    if not path.exists():
        # It was there for the first build: it went while serve started.
        raise StaticfeedError(
            "cannot watch a file or folder that does not exist",
            "Put it back, then run staticfeed serve again.",
            path=path,
        )
    return path.resolve()


def _watch_roots(targets: Sequence[Path]) -> list[Path]:
    """Folders to watch: a file's folder, not the file, so an editor's save-by-rename is seen."""
    candidates = {target if target.is_dir() else target.parent for target in targets}
    return sorted(
        root
        for root in candidates
        if not any(root != other and root.is_relative_to(other) for other in candidates)
    )


def _rebuild(
    changed: Sequence[Path], rebuild: Callable[[], list[str]], on_event: Callable[[str], None]
) -> None:
    on_event(f"changed {_names(changed)}; rebuilding")
    try:
        lines = rebuild()
    except StaticfeedError as error:
        for line in failure_lines(error):
            on_event(line)
        on_event("kept the previous feeds; fix the error and save again")
        return
    for line in lines:
        on_event(line)


def _names(paths: Sequence[Path], shown: int = 3) -> str:
    names = ", ".join(display_path(path) for path in paths[:shown])
    more = len(paths) - shown
    return f"{names} and {more} more" if more > 0 else names
