"""The repository itself: the sample feeds are current and the README matches the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from cogapp import Cog

from staticfeed.cli import cli
from tests.conftest import REPO


def test_committed_sample_feeds_match_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    result = CliRunner().invoke(cli, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("atom.xml", "rss.xml"):
        fresh = (tmp_path / name).read_bytes()
        committed = (REPO / "feeds" / name).read_bytes()
        assert fresh == committed, f"feeds/{name} is stale: run `staticfeed build` and commit"


def test_readme_command_reference_matches_help() -> None:
    status = Cog().main(["cog", "--check", str(REPO / "README.md")])
    assert status == 0, "README's command reference is stale: run `cog -r README.md`"
