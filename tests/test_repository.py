"""The repository itself: the sample feeds are current and the README matches the CLI."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from cogapp import Cog

from staticfeed.cli import cli
from tests.conftest import REPO


def files_under(folder: Path) -> dict[str, Path]:
    """Every file under `folder`, in every subfolder and hidden ones too, by POSIX path."""
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_committed_sample_feeds_match_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file a fresh build writes (feeds in every format, tag, author and archive feeds,
    pages, hosting hints, the manifest) is committed with the same bytes, and feeds/ holds
    nothing else."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    fresh_dir = tmp_path / "feeds"
    result = CliRunner().invoke(cli, ["build", "--out", str(fresh_dir)])
    assert result.exit_code == 0, result.output
    fresh, committed = files_under(fresh_dir), files_under(REPO / "feeds")
    assert {"atom.xml", "rss.xml", "feed.json", "index.html"} <= set(fresh)
    stale = "run `staticfeed build` and commit feeds/"
    missing = sorted(set(fresh) - set(committed))
    assert not missing, f"feeds/ lacks files a build writes: {missing}; {stale}"
    extra = sorted(set(committed) - set(fresh))
    assert not extra, f"feeds/ holds files a build does not write: {extra}; remove them"
    for name, path in fresh.items():
        assert path.read_bytes() == committed[name].read_bytes(), f"feeds/{name} is stale: {stale}"


def test_readme_command_reference_matches_help() -> None:
    status = Cog().main(["cog", "--check", str(REPO / "README.md")])
    assert status == 0, "README's command reference is stale: run `cog -r README.md`"


def test_readme_config_example_is_the_sample_publications_config() -> None:
    # The README shows the sample publication's config, whose default author names the
    # feeds/authors/the-peace-from-below-reading-list-editors.* its build output lists; the
    # example had drifted to another author (with an email) than pyproject.toml gives.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("```toml\n[tool.staticfeed]\n", 1)[1].split("```", 1)[0]
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert tomllib.loads(example) == pyproject["tool"]["staticfeed"]
