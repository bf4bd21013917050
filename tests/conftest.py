"""Shared fixtures: a throwaway publication, and the external tools some tests need."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ATOM_RNC = SHARED / "schemas" / "atom.rnc"

BASIC_CONFIG = """\
title = "Test feed"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
authors = [{ name = "Default Author", email = "default@example.org" }]
"""


POST = """\
---
title: A post
date: 2025-06-01
---
Some text.
"""
"""A valid document dated 2025-06-01, for tests that change one line of it."""


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones too, by POSIX path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


_HISTORY: dict[str, bytes | None] = {}
"""feeds/.staticfeed-ids as the last build into feeds/ found it (`remember_history`)."""


@pytest.fixture(autouse=True)
def _forget_history() -> None:
    _HISTORY.clear()


def remember_history(args: Sequence[str]) -> None:
    """Before `staticfeed ARGS`: when it builds into feeds/, keep the ids file it starts from,
    so that a build into a new folder can start from the same history (`seed_history`)."""
    if tuple(args[:1]) == ("build",) and "--out" not in args:
        path = Path("feeds", ".staticfeed-ids")
        _HISTORY["before"] = path.read_bytes() if path.is_file() else None


def seed_history(out: Path) -> None:
    """Give a build into the new folder `out` the ids file the last build into feeds/ started
    from (`remember_history`): the entries it remembers as withdrawn (drafts, future dates),
    which a build into an empty folder never saw. The two builds then write the same file
    if they treat that history alike."""
    before = _HISTORY.get("before")
    if before is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / ".staticfeed-ids").write_bytes(before)


def need(thing: str, available: bool, how: str) -> None:
    """Skip a test whose tool is missing on a developer's machine; in CI, fail instead."""
    if available:
        return
    message = f"{thing} is not available ({how})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must install it")
    pytest.skip(message)


def need_program(name: str) -> str:
    path = shutil.which(name)
    need(name, path is not None, f"install it with: apt-get install -y {name}")
    assert path is not None
    return path


def as_a_user(*command: str) -> list[str]:
    """`command` run so that file permissions apply to it: as root, without the capabilities
    that let root read and write any file (setpriv, from util-linux), since a build run by
    root would not notice a chmod."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return list(command)
    setpriv = need_program("setpriv")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search,-fowner", *command]


def build_as_a_user() -> subprocess.CompletedProcess[str]:
    """`staticfeed build` in the current folder, in a process of its own, `as_a_user`."""
    command = as_a_user(sys.executable, "-m", "staticfeed", "build")
    return subprocess.run(command, capture_output=True, text=True, check=False)


def need_atom_schema() -> Path:
    need("../shared/schemas/atom.rnc", ATOM_RNC.is_file(), "it comes with the project's CI")
    return ATOM_RNC


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """A publication in tmp_path, the current folder: `site(config=..., **{"a.md": text})`."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)

    def make(config: str = BASIC_CONFIG, **documents: str) -> Path:
        (tmp_path / "staticfeed.toml").write_text(config, encoding="utf-8")
        entries = tmp_path / "entries"
        entries.mkdir(exist_ok=True)
        for name, text in documents.items():
            path = entries / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return tmp_path

    return make


def interrupt_as_a_temporary_file_opens(patched: pytest.MonkeyPatch, of: str = "") -> None:
    """Ctrl-C from now on as soon as a `.tmp` file is created (os.open), before its name is
    returned: as a signal that came while the system made the file on a busy disk. With `of`,
    only as the temporary file of a file of that name is created."""
    open_file = os.open

    def interrupted(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        handle = open_file(path, flags, *args, **kwargs)
        if str(path).endswith(".tmp") and Path(path).name.startswith(f".{of}"):
            os.close(handle)
            raise KeyboardInterrupt  # as the signal's handler does once `open` returns
        return handle

    patched.setattr(os, "open", interrupted)


def record_reads(monkeypatch: pytest.MonkeyPatch, folder: str) -> list[str]:
    """The files under `folder` read with Path.read_bytes from now on, by POSIX path under it,
    once per read."""
    reads: list[str] = []
    read_bytes = Path.read_bytes

    def recording(path: Path) -> bytes:
        if path.is_relative_to(folder):
            reads.append(path.relative_to(folder).as_posix())
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", recording)
    return reads


# Building and reading feeds: the feed, date, output and schema tests share these.

ATOM_NS = "http://www.w3.org/2005/Atom"
NS = {
    "a": ATOM_NS,
    "atom": ATOM_NS,
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


def invoke_build(*args: str) -> Result:
    """`staticfeed build ARGS` in the current folder, in-process (stdout and stderr apart)."""
    return CliRunner().invoke(cli, ["build", *args], prog_name="staticfeed")


def read_xml(path: Path) -> etree._Element:
    """A feed file parsed strictly: anything but well-formed XML raises."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(path.read_bytes(), parser)


def build_and_read(*args: str, out: Path = Path("feeds")) -> tuple[etree._Element, etree._Element]:
    """Build successfully and return the roots of (atom.xml, rss.xml)."""
    result = invoke_build(*args)
    assert result.exit_code == 0, result.output
    return read_xml(out / "atom.xml"), read_xml(out / "rss.xml")
