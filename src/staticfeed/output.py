"""Step 4 of a build: write files atomically, leaving unchanged ones untouched."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from staticfeed.errors import ManyErrors, OutputError, StaticfeedError, broken_link, unreachable
from staticfeed.progress import SILENT, Progress

if TYPE_CHECKING:
    from concurrent.futures import Future


STAGING_MARK = ".staticfeed-staging"
"""Made in the output folder while a build stages files there, and removed when it is done
(published or not): found by the next build, the last was killed (SIGKILL, power cut) and
may have left temporary files, which no later build would otherwise remove."""
# The names _stage gives, as tempfile.mkstemp's: "." + the file's name + "." + 8 random
# characters + ".tmp". Only those an hour old are removed: another build may be staging now.
_TEMPORARY_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")
_ORPHAN_AGE_S = 3600


def _remove_orphans(out_dir: Path, older_than_s: float = _ORPHAN_AGE_S) -> bool:
    """Remove the temporary files an hour old (`older_than_s`) under `out_dir`; whether
    younger ones are left."""
    before = time.time() - older_than_s
    young = False
    for folder, _, names in os.walk(out_dir):  # links to folders are not followed
        for name in (name for name in names if _TEMPORARY_NAME.fullmatch(name)):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if os.lstat(path).st_mtime < before:
                    os.unlink(path)
                else:
                    young = True
    return young


@contextlib.contextmanager
def exclusive(out_dir: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold the output folder for one build at a time: a second build (`serve` rebuilding
    while `build` runs) calls `waiting` and waits for the first, which could otherwise record
    the other's files as its own (cache.OutputRecords). Alone, the build removes the temporary
    files a killed build left at once, whatever their age (`_remove_orphans`), even when it
    has nothing else to do. Where the system has no `flock` (Windows), builds are not held."""
    try:
        import fcntl  # noqa: F401  (_hold's)
    except ImportError:
        yield
        return
    made: list[Path] = []
    try:
        handle = _hold(out_dir, waiting, made)
    except BaseException:  # Ctrl-C while waiting: a first build leaves no folder
        _remove_empty(made)
        raise
    if handle is None:  # no folder to hold, or no locks there: build as before, unheld
        _remove_empty(made)
        yield
        return
    _HELD_LOCKS.add(handle)
    try:
        if (out_dir / STAGING_MARK).exists():
            _remove_orphans(out_dir, older_than_s=0)
            with contextlib.suppress(OSError):
                (out_dir / STAGING_MARK).unlink()
        yield
    finally:
        _HELD_LOCKS.discard(handle)
        _remove_empty(made)  # a first build that fails leaves no folder
        os.close(handle)  # which releases the lock


def _hold(out_dir: Path, waiting: Callable[[], None], made: list[Path]) -> int | None:
    """A handle of `out_dir`, locked; the folder is made first if missing (and added to `made`,
    each after its parent). A first build held the folder above instead, and then made the
    output folder: a second build started then held that, and both wrote at once. None when
    the folder cannot be made (the build says why) or its file system has no locks (some NFS)."""
    import fcntl

    waited = False
    while True:
        missing = [f for f in [out_dir, *out_dir.parents] if not f.exists()]
        try:
            for folder in reversed(missing):
                with contextlib.suppress(FileExistsError):  # another build made it
                    folder.mkdir()
                    made.append(folder)
            handle = os.open(out_dir, os.O_RDONLY)
        except OSError:
            return None
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not waited:
                    waiting()
                    waited = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            held = _same_folder(handle, out_dir)
        except OSError:
            os.close(handle)
            return None
        except BaseException:  # Ctrl-C while waiting
            os.close(handle)
            raise
        if held:
            return handle
        os.close(handle)  # removed by the build that held it (a failed first build): again


def _same_folder(handle: int, path: Path) -> bool:
    try:
        found = path.stat()
    except OSError:
        return False
    held = os.fstat(handle)
    return (held.st_dev, held.st_ino) == (found.st_dev, found.st_ino)


def _remove_empty(folders: list[Path]) -> None:
    """Remove each of `folders` that is empty, the last first."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


_HELD_LOCKS: set[int] = set()
"""The handles of the folders this process holds (`exclusive`). A worker process forked during
a build shares them, and a flock lasts until every copy is closed: the lock outlived the build
as long as the pool's workers lived, and the next build in the same process (serve's, a
test's) waited for it for ever. Each forked process closes its copies."""


def _close_held_locks() -> None:
    for handle in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(handle)
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_held_locks)


@dataclass(frozen=True)
class Written:
    path: Path
    changed: bool


@dataclass(frozen=True)
class Staged:
    """A file written to a temporary file beside its own (`stage_parts`), and the sha256 of
    its bytes; no temporary file when the file there already held them."""

    temporary: Path | None
    digest: str


def stage_parts(
    path: Path, parts: Iterable[bytes], made: list[Path] | None = None, *, into: Path | None = None
) -> Staged:
    """Write `parts` in turn to a temporary file beside `path`, comparing them with the file
    there as they are written: a feed of every entry is tens of megabytes, and is never held
    in memory whole, nor is the file it replaces. Raises OSError. Any process may call it: a
    worker stages a feed of every entry (`Staging.add_later`), `into` the temporary file
    made for it. `made`: see `_stage`."""
    hashed = hashlib.sha256()
    with _OldFile(path) as old:
        temporary = _stage(path, old.compared(_hashing(parts, hashed)), made, into)
        changed = old.differs
    if not changed:
        temporary.unlink(missing_ok=True)
    return Staged(temporary if changed else None, hashed.hexdigest())


@dataclass(frozen=True)
class _Later:
    """A file another process stages, in its place among those staged here."""

    name: str
    path: Path
    staging: Future[Staged]


def write_outputs(
    out_dir: Path, files: dict[str, bytes], progress: Progress = SILENT
) -> list[Written]:
    """Write each file under `out_dir`; a file whose bytes are unchanged is not touched.

    Every changed file is first written to a temporary file beside it. Only when all of them
    are written and flushed to disk do they replace the old files, each with one atomic
    rename: a full disk or a bad permission leaves every published file as it was, and a
    reader never sees half a file.
    """
    staging = Staging(out_dir)
    with staging:
        for name, content in files.items():
            staging.add(name, content)
        return list(staging.publish(progress).values())


class Staging:
    """Files of one output folder, each written to a temporary file beside its own as soon as
    it is made, so that a build of thousands of pages never holds them all in memory.
    `publish` replaces the old files, all at once, in the order they were staged, those staged
    as `first` before the others; leaving the `with` block without publishing removes every
    temporary file and changes nothing."""

    def __init__(self, out_dir: Path) -> None:
        self._out_dir = out_dir
        self._results: dict[str, Written] = {}
        self._first: list[tuple[Path, Path]] = []
        self._staged: list[tuple[Path, Path] | _Later] = []
        self._folders: set[Path] = set()  # made or there: 10,000 pages live in few folders
        self._in_the_way: dict[Path, OutputError] = {}
        """The folders a file or a link is in the way of, and its error: the build goes on
        staging the other files, to name every such problem at once, then publishes none."""
        self._temporaries: list[Path] = []
        """Every temporary file made here, as soon as it is made: Ctrl-C (KeyboardInterrupt)
        can come between its making and its place among the staged files, and `discard`
        removes it all the same."""
        self._made_folders: list[Path] = []
        """The folders made for staged files, each after its parent: gone if nothing is
        published."""
        self._published = False
        self._young_orphans = False
        self.digests: dict[str, str] = {}
        """The sha256 of each file's bytes, by name: the cache keeps it, so that a file whose
        stat changed but not its bytes (a fresh checkout of feeds/) need not be made again."""

    @property
    def out_dir(self) -> Path:
        return self._out_dir

    def __enter__(self) -> Staging:
        missing = [f for f in [self._out_dir, *self._out_dir.parents] if not f.exists()]
        _make_folder(self._out_dir)
        self._made_folders += reversed(missing)  # a first build that fails leaves no folder
        self._folders.add(self._out_dir)
        mark = self._out_dir / STAGING_MARK
        # Orphans too young to remove keep the mark, for a later build to look again.
        self._young_orphans = mark.exists() and _remove_orphans(self._out_dir)
        with contextlib.suppress(OSError):  # a read-only folder: nothing will be staged there
            mark.touch()
        return self

    def __exit__(self, *exc_info: object) -> None:
        # The mark after the temporary files: Ctrl-C again while they are removed leaves
        # them to the next build, which looks for them only where it finds the mark.
        if not self._published:
            self._remove_temporaries()
        if not self._young_orphans:
            with contextlib.suppress(OSError):
                (self._out_dir / STAGING_MARK).unlink()
        if not self._published:
            self._remove_made_folders()

    def add(self, name: str, content: bytes, *, first: bool = False, ahead: bool = False) -> None:
        """Stage `content` as the file `name`, unless the file already holds those bytes; to be
        published before the files not staged `first` (pages, before the feeds that link to
        them, whichever was made first), or before every file staged yet when `ahead`."""
        path = self._out_dir / name
        temporary = None
        try:
            if not (path.is_file() and path.read_bytes() == content):
                if not self._make_parent(path):
                    return
                temporary = _stage(path, [content], self._temporaries)
                if ahead:
                    self._first.insert(0, (temporary, path))
                else:
                    (self._first if first else self._staged).append((temporary, path))
        except OSError as error:
            raise _write_error(error, path) from None
        self._note(name, path, Staged(temporary, hashlib.sha256(content).hexdigest()))

    def add_parts(self, name: str, parts: Iterable[bytes]) -> None:
        """Stage the file `name` made of `parts`, each written as it comes (`stage_parts`)."""
        path = self._out_dir / name
        try:
            if not self._make_parent(path):
                return
            staged = stage_parts(path, parts, self._temporaries)
        except OSError as error:
            raise _write_error(error, path) from None
        self._keep(name, path, staged)

    def add_later(self, name: str, stage: Callable[[Path, Path], Future[Staged]]) -> None:
        """Stage the file `name` as another process stages it: `stage` is given the file's
        path, its folder made, and the temporary file made here for it to write into, and
        starts that. The file takes its place among those staged here, and is waited for when
        they are published or discarded. Made here, the temporary file is removed even when
        Ctrl-C or SIGTERM comes between the start and its place among the others: the other
        process's own was left in the folder, its name never heard of here."""
        path = self._out_dir / name
        try:
            if not self._make_parent(path):
                return
            stream, temporary = create_temporary(path, self._temporaries)
            stream.close()
        except OSError as error:
            raise _write_error(error, path) from None
        self._results[name] = Written(path, True)  # its place in the report, until it is done
        self._staged.append(_Later(name, path, stage(path, temporary)))

    def _keep(self, name: str, path: Path, staged: Staged) -> None:
        self._note(name, path, staged)
        if staged.temporary is not None:
            self._staged.append((staged.temporary, path))

    def _note(self, name: str, path: Path, staged: Staged) -> None:
        self.digests[name] = staged.digest
        self._results[name] = Written(path, staged.temporary is not None)

    def _settle(self) -> list[tuple[Path, Path]]:
        """The files staged, in order, once those other processes stage are done."""
        settled: list[tuple[Path, Path]] = []
        for item in self._staged:
            if not isinstance(item, _Later):
                settled.append(item)
                continue
            try:
                staged = item.staging.result()
            except OSError as error:
                raise _write_error(error, item.path) from None
            self._note(item.name, item.path, staged)
            if staged.temporary is not None:
                settled.append((staged.temporary, item.path))
        self._staged = list(settled)
        return settled

    def _make_parent(self, path: Path) -> bool:
        """Make the folders of `path` that are missing; False, and the error kept for
        `publish`, when a link or a file is in the way of one. A link among its folders in the
        output folder is an error: written through, a page went wherever the link led."""
        if path.parent in self._folders:
            return True
        missing: list[Path] = []
        there: list[Path] = []
        for folder in [path.parent, *path.parent.parents]:
            if folder in self._folders:
                break
            if folder in self._in_the_way:
                return False
            if (problem := _in_the_way_of_folder(folder)) is not None:
                self._in_the_way[folder] = problem
                return False
            (there if folder.is_dir() else missing).append(folder)
        if missing:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made_folders += reversed(missing)
        self._folders.update([*missing, *there])
        return True

    def publish(
        self,
        progress: Progress = SILENT,
        meanwhile: Callable[[], None] | None = None,
        spent: Callable[[], None] | None = None,
    ) -> dict[str, Written]:
        """Replace the old files with the staged ones; what happened to each file, by name.

        `meanwhile` is called in this thread while another waits for the files other processes
        stage and makes every file durable, before any is replaced: work that needs neither
        (saving the build cache) then takes no time of its own. The 10k defaults spend 0.3 s
        in `os.sync`, with the processor idle. `spent` is called once every file is staged and
        before they are made durable, in the thread that waits: it can throw away what only
        making them needed, which the flush would otherwise write to the disk."""
        self._refuse_what_is_in_the_way()
        progress.phase("write files", len(self._first) + len(self._staged))
        if meanwhile is None:
            staged = self._durable(spent)
        else:
            # Imported here: a rebuild that patches a few files publishes without it (5 ms).
            from concurrent.futures import ThreadPoolExecutor

            given_up = threading.Event()
            with ThreadPoolExecutor(max_workers=1) as helper:
                durable = helper.submit(self._durable, spent, given_up)
                try:
                    meanwhile()
                    staged = durable.result()
                except BaseException:
                    # Ctrl-C, SIGTERM: the files will be removed, not published. Leaving the
                    # `with` waits for the helper, which flushed every one first: a second
                    # each on a busy disk, and serve took 10 s to end after SIGTERM.
                    given_up.set()
                    raise
        path = self._out_dir
        try:
            for temporary, path in staged:
                os.replace(temporary, path)
                progress.advance()
        except OSError as error:
            raise _write_error(error, path) from None
        self._published = True
        return self._results

    def _refuse_what_is_in_the_way(self) -> None:
        """Every file or link where a folder goes, and every folder where a file goes, at
        once, before any file is replaced (or the cache saved): os.replace found the first
        folder only, once the files before it were published, and the build stopped at the
        first file in the way, so each build named one more."""
        paths = [item.path if isinstance(item, _Later) else item[1] for item in self._staged]
        folders = [path for path in [*(path for _, path in self._first), *paths] if path.is_dir()]
        errors = [
            *self._in_the_way.values(),
            *(OutputError(*FOLDER_IN_THE_WAY, path=path) for path in folders),
        ]
        if errors:
            raise errors[0] if len(errors) == 1 else ManyErrors(errors)

    def _durable(
        self, spent: Callable[[], None] | None, given_up: threading.Event | None = None
    ) -> list[tuple[Path, Path]]:
        """The staged files, in order, once those other processes stage are done and every one
        is on disk (`spent` called in between); once `given_up` is set, the files left are
        not flushed."""
        staged = [*self._first, *self._settle()]
        if spent is not None:
            spent()
        try:
            _flush_to_disk(staged, given_up)
        except OSError as error:
            raise _write_error(error, self._out_dir) from None
        return staged

    def _remove_temporaries(self) -> None:
        for item in [*self._first, *self._staged]:
            temporary = _when_done(item) if isinstance(item, _Later) else item[0]
            if temporary is not None:
                temporary.unlink(missing_ok=True)
        for temporary in self._temporaries:
            temporary.unlink(missing_ok=True)
        self._temporaries.clear()
        self._first.clear()
        self._staged.clear()

    def _remove_made_folders(self) -> None:
        # A folder not empty keeps a file published before an error, or another process's.
        for folder in reversed(self._made_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._made_folders.clear()


def _when_done(later: _Later) -> Path | None:
    """The temporary file another process staged, once it is done; None if it made none."""
    if later.staging.cancel() or later.staging.exception() is not None:
        return None
    return later.staging.result().temporary


def _hashing(parts: Iterable[bytes], hashed: hashlib._Hash) -> Iterator[bytes]:
    for part in parts:
        hashed.update(part)
        yield part


FOLDER_IN_THE_WAY = (
    "a folder is where this file goes",
    "Remove or rename the folder; the build writes a file there.",
)
"""What is wrong, and the fix, where a folder has the name of a file the build writes."""


def _in_the_way_of_folder(folder: Path) -> OutputError | None:
    """The error of a link or a file where the build makes or writes into `folder`."""
    if folder.is_symlink():
        return OutputError(
            "the folder is a link, which staticfeed never writes through",
            "Replace the link with a folder, or remove it: the build makes the folder.",
            path=folder,
        )
    if folder.exists() and not folder.is_dir():  # mkdir said "File exists", about permissions
        return OutputError(
            "a file is where this folder goes",
            "Remove or rename the file; the build makes a folder there.",
            path=folder,
        )
    return None


def _write_error(error: OSError, path: Path) -> OutputError:
    return OutputError(
        f"cannot write the file ({error.strerror})",
        "Check the folder's permissions and free space.",
        path=path,
    )


def not_a_folder(out_dir: Path) -> StaticfeedError | None:
    """The error of an output folder that is a file (or a link to one), or is inside one, or
    sits in a folder that cannot be entered, or cannot be read or entered itself, if it is so:
    build, check and diff word it alike."""
    try:
        found = out_dir.stat()
    except OSError as error:
        if error.errno == errno.ENOTDIR:  # a file on the way is the one in the way
            on_the_way = (folder for folder in reversed(out_dir.parents) if folder.is_file())
            return next((not_a_folder(file) for file in on_the_way), None)
        if error.errno in (errno.ENOENT, errno.ELOOP):
            return broken_link(out_dir, OutputError)  # else a first build makes it
        return unreachable(out_dir, error, OutputError)
    if not stat.S_ISDIR(found.st_mode):
        return OutputError(
            "it is a file, not a folder",
            "Give --out the folder the feeds go in, or move the file.",
            path=out_dir,
        )
    if not os.access(out_dir, os.R_OK | os.X_OK):  # the build lists it and reads its files
        return OutputError(
            f"cannot read the folder ({os.strerror(errno.EACCES)})",
            "Check that it can be read (and entered: chmod +rx).",
            path=out_dir,
        )
    return None


def _make_folder(out_dir: Path) -> None:
    if (in_the_way := not_a_folder(out_dir)) is not None:
        raise in_the_way
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create the output folder ({error.strerror})",
            "Check the --out path and its permissions.",
            path=out_dir,
        ) from None


class _OldFile:
    """The file a staged file replaces, if any, compared with the new one part by part."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._stream: IO[bytes] | None = None
        self.differs = False
        """Whether the parts compared so far are not the old file's bytes (or there is none)."""

    def __enter__(self) -> _OldFile:
        self._stream = self._path.open("rb") if self._path.is_file() else None
        self.differs = self._stream is None
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._stream is not None:
            self._stream.close()

    def compared(self, parts: Iterable[bytes]) -> Iterable[bytes]:
        """`parts`, each compared with the old file's next bytes as it passes; at their end
        the old file must end too."""
        for part in parts:
            if not self.differs and self._stream is not None:
                self.differs = self._stream.read(len(part)) != part
            yield part
        if not self.differs and self._stream is not None:
            self.differs = self._stream.read(1) != b""


def _stage(
    path: Path, parts: Iterable[bytes], made: list[Path] | None = None, into: Path | None = None
) -> Path:
    """`parts` in turn in a temporary file in `path`'s folder, readable like any published
    file: `into`, one made before, or a new one, added to `made` as soon as it exists, for its
    caller to remove it should it be interrupted before it keeps the path returned; whatever
    stops it here, the file is removed here too (without `made`, nothing else knows its name:
    Ctrl-C as the manifest was written again left its temporary file in the output folder for
    good)."""
    made = [] if made is None else made
    known = len(made)
    try:
        if into is None:
            stream, temporary = create_temporary(path, made)
        else:  # never made again: gone, it was removed by the build that made it, which stopped
            stream, temporary = _wrapped(os.open(into, _EXISTING_FILE)), into
        with stream:
            stream.writelines(parts)
        os.chmod(temporary, 0o644)
    except BaseException:
        for name in [*made[known:], *([] if into is None else [into])]:
            name.unlink(missing_ok=True)
        raise
    return Path(temporary)


def create_temporary(path: Path, made: list[Path]) -> tuple[IO[bytes], Path]:
    """A new, empty file beside `path`, open for writing, named as tempfile.mkstemp names one,
    its name in `made` before the file exists, for the caller to remove whenever it is
    interrupted. Not mkstemp itself: Ctrl-C or SIGTERM could come while it opened the file (a
    busy disk), which was then made with its name never returned, and left in the folder."""
    made.append(_temporary_name(path))
    for _ in range(tempfile.TMP_MAX):
        try:
            handle = os.open(made[-1], _NEW_FILE, 0o600)
        except FileExistsError:  # another's: one chance in 4 billion
            made[-1] = _temporary_name(path)
            continue
        return _wrapped(handle), made[-1]
    made.pop()
    raise FileExistsError(errno.EEXIST, "no unused name for a temporary file", str(path.parent))


def create_file(path: Path, content: bytes, mode: int) -> None:
    """`content` as the new file `path`, made at once (a reader sees all of it or nothing) and
    never over another: FileExistsError if one is there, whatever happens meanwhile, else
    OSError if it cannot be written. No temporary file is left, whenever Ctrl-C or SIGTERM
    comes."""
    made: list[Path] = []
    try:
        temporary = write_temporary(path, content, mode, made)
        try:
            os.link(temporary, path)  # fails if path exists, made by anyone meanwhile
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if path.exists():
                raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
            os.replace(temporary, path)
    finally:
        for temporary in made:
            temporary.unlink(missing_ok=True)


def write_temporary(path: Path, content: bytes, mode: int, made: list[Path]) -> Path:
    """`content` in a new file beside `path`, on disk, named in `made` before it exists: the
    caller removes it, whenever Ctrl-C or SIGTERM comes."""
    stream, temporary = create_temporary(path, made)
    with stream:
        stream.write(content)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(temporary, mode)
    return temporary


def _wrapped(handle: int) -> IO[bytes]:
    """The file object of `handle`, made at once: Ctrl-C before the caller's `with` left the
    file open."""
    try:
        return os.fdopen(handle, "wb")
    except BaseException:
        os.close(handle)
        raise


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")


# As mkstemp opens one: created here or not at all, never through a link.
_NEW_FILE = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)
_EXISTING_FILE = (
    os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)


def _flush_to_disk(
    staged: list[tuple[Path, Path]], given_up: threading.Event | None = None
) -> None:
    """Make the new contents durable before the renames publish them: one sync for all files
    costs far less than one fsync per file when a build writes thousands of pages. The files
    left once `given_up` is set are not: the build stopped, and removes them."""
    if not staged:
        return
    if hasattr(os, "sync") and len(staged) > FSYNC_AT_MOST:
        os.sync()
        return
    for temporary, _ in staged:  # few files, or no os.sync (Windows): one file at a time
        if given_up is not None and given_up.is_set():
            return
        with temporary.open("rb+") as stream:
            os.fsync(stream.fileno())


FSYNC_AT_MOST = 64
"""Up to this many files are flushed one by one. os.sync writes out every file of the
machine's disks, the build's own temporary files among them (the spool: hundreds of megabytes,
deleted when the build ends): for the 5 files of a first build of the feeds of every entry at
10k (132 MB), with 300 MB of such temporary data, it took 0.18-0.19 s against 0.06 s for an
fsync of each file. For 16 small files, an fsync each took 4 ms."""


MANIFEST_NAME = ".staticfeed-files"


def manifest(names: list[str]) -> bytes:
    """The list of files a build wrote, so the next build can remove those it no longer writes."""
    return "".join(f"{name}\n" for name in sorted(names)).encode("utf-8")


def previous_files(out_dir: Path) -> set[str]:
    """The files the previous build wrote, from its manifest (none if there is none)."""
    try:
        listed = (out_dir / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return set()
    return set(listed) - {""}


def remove_stale(out_dir: Path, previous: set[str], current: set[str]) -> list[Path]:
    """Remove the files of `previous` that are not in `current`.

    Only files named in the previous manifest are ever removed, never anything else in
    `out_dir`, and never through a link; folders left empty are removed too.
    """
    root = out_dir.resolve()
    stale = sorted(previous - current)
    removed: list[Path] = []
    for number, name in enumerate(stale):
        path = out_dir / name
        if path.is_symlink() or not path.resolve().is_relative_to(root) or not path.is_file():
            continue
        try:
            path.unlink()
        except OSError as error:
            _keep_in_manifest(out_dir, current | set(stale[number:]))
            raise OutputError(
                f"cannot remove the file, which the build no longer makes ({error.strerror})",
                "Remove it by hand, or let it be removed: the next build tries again.",
                path=path,
            ) from None
        removed.append(path)
        _remove_empty_folders(path.parent, out_dir)
    return removed


def _keep_in_manifest(out_dir: Path, names: set[str]) -> None:
    """List `names` in the manifest again, so that the next build removes those still there:
    the manifest just published lists only the files this build made."""
    rewrite_manifest(out_dir, manifest(sorted(names)))


def rewrite_manifest(out_dir: Path, content: bytes) -> str | None:
    """Replace the manifest with `content`; its sha256, or None when it could not be written
    (the manifest there lists more files than `content`, which the next build looks for)."""
    path = out_dir / MANIFEST_NAME
    try:
        os.replace(_stage(path, [content]), path)
    except OSError:
        return None
    return hashlib.sha256(content).hexdigest()


def _remove_empty_folders(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and folder.is_relative_to(out_dir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
