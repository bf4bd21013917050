"""Step 4 of a build: write files atomically, leaving unchanged ones untouched."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from staticfeed.errors import OutputError


@dataclass(frozen=True)
class Written:
    path: Path
    changed: bool


def write_outputs(out_dir: Path, files: dict[str, bytes]) -> list[Written]:
    """Write each file under `out_dir`; a file whose bytes are unchanged is not touched."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(
            f"cannot create the output folder ({error.strerror})",
            "Check the --out path and its permissions.",
            path=out_dir,
        ) from None
    return [_write_if_changed(out_dir / name, content) for name, content in files.items()]


def _write_if_changed(path: Path, content: bytes) -> Written:
    try:
        if path.is_file() and path.read_bytes() == content:
            return Written(path, changed=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(path, content)
    except OSError as error:
        raise OutputError(
            f"cannot write the file ({error.strerror})",
            "Check the folder's permissions and free space.",
            path=path,
        ) from None
    return Written(path, changed=True)


def _atomic_write(path: Path, content: bytes) -> None:
    """Readers of `path` see the old file or the new one, never half of one."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
    removed = []
    for name in sorted(previous - current):
        path = out_dir / name
        if path.is_symlink() or not path.resolve().is_relative_to(root) or not path.is_file():
            continue
        path.unlink()
        removed.append(path)
        _remove_empty_folders(path.parent, out_dir)
    return removed


def _remove_empty_folders(folder: Path, out_dir: Path) -> None:
    while folder != out_dir and folder.is_relative_to(out_dir) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
