"""init, new, pin and touch from the command line, checked with lxml and yaml."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli

ATOM = "{http://www.w3.org/2005/Atom}"


def run(*args: str, prompts: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=prompts)


def atom_entries(folder: Path) -> dict[str, str]:
    """id -> title of every entry in the built Atom feed."""
    root = etree.parse(str(folder / "feeds" / "atom.xml")).getroot()
    return {e.findtext(f"{ATOM}id"): e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")}


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return dict(yaml.safe_load(text.split("---\n")[1]))


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    return tmp_path


def init(folder: str = ".") -> Result:
    return run(
        "init",
        folder,
        "--title",
        "My notes",
        "--site-url",
        "https://notes.example.net/",
        "--author",
        "Ann Lee <ann@notes.example.net>",
        "--timezone",
        "Europe/Kyiv",
    )


def test_init_writes_a_publication_that_builds(in_tmp: Path) -> None:
    result = init()
    assert result.exit_code == 0, result.output
    assert "wrote staticfeed.toml" in result.output
    config = (in_tmp / "staticfeed.toml").read_text(encoding="utf-8")
    year = re.search(r'id_authority = "notes\.example\.net,(\d{4})"', config)
    assert year, config
    built = run("build")
    assert built.exit_code == 0, built.output
    (entry_id,) = atom_entries(in_tmp)
    assert entry_id.startswith(f"tag:notes.example.net,{year.group(1)}:")


def test_init_asks_for_what_the_options_do_not_give(in_tmp: Path) -> None:
    answers = "Asked title\nnot a url\nhttps://asked.example.net/\nBo Chen\nMars/Base\nUTC\n"
    result = run("init", prompts=answers)
    assert result.exit_code == 0, result.output
    config = (in_tmp / "staticfeed.toml").read_text(encoding="utf-8")
    assert 'title = "Asked title"' in config
    assert 'site_url = "https://asked.example.net/"' in config
    assert 'timezone = "UTC"' in config


def test_init_asks_again_for_a_blank_title_or_an_author_without_a_name(in_tmp: Path) -> None:
    answers = "  \nAsked title\nhttps://asked.example.net/\n<bo@asked.example.net>\nBo Chen\n\n"
    result = run("init", prompts=answers)
    assert result.exit_code == 0, result.output
    assert "Error: it is empty: give a title." in result.output
    assert "Error: author '<bo@asked.example.net>' has no name." in result.output
    config = (in_tmp / "staticfeed.toml").read_text(encoding="utf-8")
    assert 'title = "Asked title"' in config
    assert 'authors = [{ name = "Bo Chen" }]' in config


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", " "], "Invalid value for 'TITLE': it is empty: give the entry's title."),
        (["new", "T", "--tag", ""], "Invalid value for '--tag': it is empty: give a tag."),
        (
            ["new", "T", "--author", "<bo@asked.example.net>"],
            "Invalid value for '--author': author '<bo@asked.example.net>' has no name. Write it"
            ' as "Ann Lee" or "Ann Lee <ann@example.org>".',
        ),
        (["init", "--title", ""], "Invalid value for '--title': it is empty: give a title."),
    ],
)
def test_a_blank_or_wrong_value_on_the_command_line_is_a_usage_error(
    in_tmp: Path, args: list[str], message: str
) -> None:
    assert init().exit_code == 0
    before = sorted(path for path in in_tmp.rglob("*"))
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert sorted(path for path in in_tmp.rglob("*")) == before


def test_init_never_overwrites(in_tmp: Path) -> None:
    (in_tmp / "staticfeed.toml").write_text("# mine\n", encoding="utf-8")
    result = init()
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: staticfeed.toml: ")
    assert (in_tmp / "staticfeed.toml").read_text(encoding="utf-8") == "# mine\n"
    assert not (in_tmp / "entries").exists()


def test_new_writes_a_pinned_entry_that_survives_a_rename(in_tmp: Path) -> None:
    assert init().exit_code == 0
    result = run(
        "new",
        'Peace: "from below"',
        "--author",
        "Bo Chen",
        "--tag",
        "ukraine",
        "--date",
        "2025-07-01 09:00",
    )
    assert result.exit_code == 0, result.output
    path = in_tmp / result.output.strip()
    assert path.parent == in_tmp / "entries" / "2025"
    meta = front_matter(path)
    assert meta["title"] == 'Peace: "from below"'
    assert meta["date"] == datetime.fromisoformat("2025-07-01T09:00:00+03:00")  # Kyiv summer
    assert meta["tags"] == ["ukraine"]
    assert run("build").exit_code == 0
    before = atom_entries(in_tmp)
    path.rename(path.with_name("renamed.md"))
    assert run("build").exit_code == 0, "a pinned id makes a rename harmless"
    assert atom_entries(in_tmp) == before
    again = run("new", 'Peace: "from below"', "--date", "2025-07-01 09:00")
    assert again.exit_code == 1, again.output


def test_pin_then_rename_keeps_every_id(in_tmp: Path, site: Callable[..., Path]) -> None:
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    original = (folder / "entries" / "a.md").read_bytes()
    assert run("build").exit_code == 0
    before = atom_entries(folder)
    result = run("pin")
    assert result.exit_code == 0, result.output
    assert result.output == "pinned entries/a.md: id: tag:example.org,2025:a\n"
    pinned = (folder / "entries" / "a.md").read_bytes()
    assert pinned.replace(b"id: tag:example.org,2025:a\n", b"") == original
    assert run("pin").output == "nothing to pin: every entry has its id: in its front matter\n"
    (folder / "entries" / "a.md").rename(folder / "entries" / "b.md")
    assert run("build").exit_code == 0
    assert atom_entries(folder) == before


def test_touch_moves_updated_and_the_feed_shows_it(site: Callable[..., Path]) -> None:
    folder = site(**{"a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    assert run("build").exit_code == 0
    result = run("touch", "entries/a.md")
    assert result.exit_code == 0, result.output
    value = result.output.strip().split("updated: ", 1)[1]
    written = front_matter(folder / "entries" / "a.md")["updated"]  # YAML reads a timestamp
    assert written == datetime.fromisoformat(value)
    assert run("build").exit_code == 0
    root = etree.parse(str(folder / "feeds" / "atom.xml")).getroot()
    (entry,) = root.iter(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}updated") != entry.findtext(f"{ATOM}published")
