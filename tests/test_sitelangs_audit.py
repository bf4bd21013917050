"""Tests from a hand mutation audit of sitelangs.py (the languages a Hugo site's config gives
its documents, for `staticfeed import`): each kills a mutant that survived the other tests.
Each imports a small site as a user would and asserts the entries' names and `lang`."""

from __future__ import annotations

import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

from staticfeed.importer import import_documents

KYIV = ZoneInfo("Europe/Kyiv")
POST = "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n"


def write(folder: Path, name: str, text: str = POST) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def imported(
    source: Path, into: Path, notes: list[str] | None = None
) -> list[tuple[str, str | None]]:
    """The names and languages of the entries a dry run of importing `source` gives."""
    entries = import_documents([source], into, timezone=KYIV, dry_run=True, notes=notes)
    return sorted((entry.path.name, entry.lang) for entry in entries)


def test_a_folder_of_a_key_that_is_no_language_is_in_none(tmp_path: Path) -> None:
    # content/klingon/ is inside English's content/, but not English: its post was `en`.
    site = tmp_path / "site"
    config = "[languages.en]\n[languages.klingon]\ncontentDir = 'content/klingon'\n"
    write(site, "hugo.toml", config)
    write(site / "content", "posts/bridge.md")
    write(site / "content", "klingon/posts/pont.md")
    assert imported(site, tmp_path / "entries") == [("bridge.md", "en"), ("pont.md", None)]
