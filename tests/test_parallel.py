"""A cold build of many entries renders them in worker processes, and writes the very same
files as a build that renders them one by one in its own process."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from staticfeed import parallel
from staticfeed.cli import cli
from tests.conftest import files_under

CONFIG = """\
title = "Many entries"
site_url = "https://example.org/"
authors = ["Ann Lee"]
id_authority = "example.org,2025"
timezone = "Europe/Kyiv"
limit = 0
"""
BODY = """\
Read [the notes](notes/{n}.html) and see ![a chart](img/{n}.png "Chart {n}").

| week | état |
|---:|---|
| {n} | ~~draft~~ done |
"""


@pytest.fixture(autouse=True)
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("staticfeed.toml").write_text(CONFIG, encoding="utf-8")
    Path("entries").mkdir()
    for n in range(1, 41):
        front = (
            f"---\ntitle: Week {n}\ndate: 2025-01-01T00:{n:02}:00+02:00\ntags: [t{n % 3}]\n---\n"
        )
        Path(f"entries/week-{n}.md").write_text(front + BODY.format(n=n), encoding="utf-8")


def build(out: str) -> dict[str, bytes]:
    result = CliRunner().invoke(cli, ["build", "--no-cache", "--out", out], prog_name="staticfeed")
    assert result.exit_code == 0, result.output
    return files_under(Path(out))


def test_entries_rendered_in_workers_give_the_same_files(monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []

    class CountedPool(parallel.ProcessPoolExecutor):
        def __init__(self, *args: object, **kwargs: object) -> None:
            pools.append(1)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    in_workers = build("workers")
    assert pools, "the entries were not rendered in worker processes"

    monkeypatch.setattr(parallel, "workers", lambda: 1)
    pools.clear()
    here = build("here")
    assert not pools

    assert in_workers == here
    atom = etree.fromstring(in_workers["atom.xml"])
    contents = [c.text for c in atom.iter("{http://www.w3.org/2005/Atom}content")]
    assert len(contents) == 40
    assert all('src="https://example.org/img/' in text for text in contents if text)
    assert all("<del>draft</del>" in text for text in contents if text)


def test_errors_found_in_workers_name_the_file_and_line(monkeypatch: pytest.MonkeyPatch) -> None:
    Path("entries/week-7.md").write_text(
        "---\ntitle: Week 7\ndate: 2025-01-01\ndate: 2025-01-02\n---\nText.\n", encoding="utf-8"
    )
    Path("entries/week-9.md").write_text("---\ntitle: [Week 9\n---\nText.\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "MIN_STEPS", 1)
    results = {}
    for count in (2, 1):
        monkeypatch.setattr(parallel, "workers", lambda count=count: count)
        results[count] = CliRunner().invoke(
            cli, ["build", "--no-cache", "--out", f"out-{count}"], prog_name="staticfeed"
        )
    assert results[2].exit_code == results[1].exit_code == 1
    assert results[2].stderr == results[1].stderr
    lines = results[2].stderr.splitlines()
    try:
        yaml.safe_load("title: [Week 9\n")
    except yaml.MarkedYAMLError as error:  # where PyYAML itself sees the problem
        assert error.problem_mark is not None
        yaml_line = 1 + error.problem_mark.line + 1  # the front matter starts on line 2
    places = [line.split(": ")[1] for line in lines]
    assert places == ["entries/week-7.md:4", f"entries/week-9.md:{yaml_line}"]
    assert not Path("out-2").exists()
