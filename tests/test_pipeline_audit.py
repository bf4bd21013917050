"""Behaviour of staticfeed.pipeline that a hand mutation audit found no test for: what a
build leaves in the output folder besides the feeds and pages, and the rebuild after a user
touched it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import files_under

ATOM = "{http://www.w3.org/2005/Atom}"
CONFIG = """\
title = "Audited feed"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
timezone = "UTC"
authors = [{ name = "Default Author" }]
"""
AGED = time.time() - 3600  # an hour ago: older than the two seconds a stamp distrusts


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="staticfeed")


def write(name: str, text: str) -> None:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, (AGED, AGED))


@pytest.fixture(autouse=True)
def publication(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write("staticfeed.toml", CONFIG)
    write("entries/alpha.md", "---\ntitle: Alpha\ndate: 2025-01-01\n---\nText of Alpha.\n")
    write("entries/beta.md", "---\ntitle: Beta\ndate: 2025-01-02\n---\nText of Beta.\n")
    return tmp_path


@pytest.mark.parametrize("name", [".staticfeed-ids", ".staticfeed-files"])
def test_a_deleted_ids_file_or_manifest_is_written_again_by_the_next_build(name: str) -> None:
    # The ids file keeps the ids readers have; the manifest, which files the next build may
    # remove. A rebuild that found every other file as left must not take them as there.
    assert run("build").exit_code == 0
    kept = Path("feeds", name).read_bytes()
    Path("feeds", name).unlink()

    again = run("build")

    assert again.exit_code == 0, again.output
    assert Path("feeds", name).read_bytes() == kept


def test_renaming_a_draft_shown_only_by_drafts_is_no_id_change_without_the_cache() -> None:
    # No reader was promised its id: a preview is not published in earnest. Without the cache
    # the build reads the feeds, which show the preview; it must not count as published.
    write("entries/gamma.md", "---\ntitle: Gamma\ndate: 2025-01-03\ndraft: true\n---\nG.\n")
    assert run("build", "--drafts", "--no-cache").exit_code == 0
    Path("entries/gamma.md").rename("entries/gamma-renamed.md")

    again = run("build", "--drafts", "--no-cache")

    assert again.exit_code == 0, again.output
    ids = {
        entry.findtext(f"{ATOM}id") for entry in etree.parse("feeds/atom.xml").iter(f"{ATOM}entry")
    }
    assert ids == {
        "tag:example.org,2025:alpha",
        "tag:example.org,2025:beta",
        "tag:example.org,2025:gamma-renamed",
    }


@pytest.mark.parametrize("never_published", [False, True], ids=["alone", "with-a-new-draft"])
def test_a_published_entry_made_a_draft_and_previewed_builds_as_without_the_cache(
    never_published: bool,
) -> None:
    # A cached build that trusts the feeds it left must still find the entry that left them
    # for a preview, as a build without the cache does: the ids file keeps its date.
    if never_published:
        write("entries/gamma.md", "---\ntitle: Gamma\ndate: 2025-01-03\ndraft: true\n---\nG.\n")
    # A text long enough for the ids file to remember its digest (drift._distinct_texts).
    text = "Alpha is long enough to be told by its text, which readers have. " * 4
    write("entries/alpha.md", f"---\ntitle: Alpha\ndate: 2025-01-01\n---\n{text}\n")
    assert run("build").exit_code == 0
    write("entries/alpha.md", f"---\ntitle: Alpha\ndate: 2025-01-01\ndraft: true\n---\n{text}\n")
    shutil.copytree("feeds", "fresh")  # what readers have, for the build without the cache

    cached = run("build", "--drafts")
    fresh = run("build", "--drafts", "--no-cache", "--out", "fresh")

    assert cached.exit_code == 0, cached.output
    assert fresh.exit_code == 0, fresh.output
    assert files_under(Path("feeds")) == files_under(Path("fresh"))


def test_each_build_reports_the_entries_of_each_feed_as_a_build_without_the_cache() -> None:
    # Two entries in every feed: the report says so after a first build, a rebuild that
    # patched one edited entry, and a build without the cache.
    first = run("build")
    write("entries/beta.md", "---\ntitle: Beta\ndate: 2025-01-02\n---\nBeta, edited.\n")
    patched = run("build")
    uncached = run("build", "--no-cache")

    for result in (first, patched, uncached):
        assert result.exit_code == 0, result.output
        assert "feeds/atom.xml (2 entries)" in result.output, result.output
        assert "feeds/feed.json (2 entries)" in result.output, result.output


def test_a_rebuild_after_an_edit_and_a_deletion_equals_a_build_without_the_cache() -> None:
    # A link to beta makes alpha's files depend on beta's URL; deleting a draft-free entry
    # removes its page, which the report names.
    write("entries/gamma.md", "---\ntitle: Gamma\ndate: 2025-01-03\n---\nSee [beta](beta.md).\n")
    assert run("build").exit_code == 0
    write(
        "entries/beta.md",
        "---\ntitle: Beta\ndate: 2025-01-02\nslug: bee\nid: tag:example.org,2025:beta\n"
        "---\nEdited.\n",
    )
    write("staticfeed.toml", CONFIG.replace("Audited feed", "Audited feed, again"))
    Path("entries/alpha.md").unlink()

    cached = run("build")
    shutil.copytree("feeds", "fresh")
    fresh = run("build", "--no-cache", "--out", "fresh")

    assert cached.exit_code == 0, cached.output
    assert "removed feeds/alpha/index.html" in cached.output.splitlines(), cached.output
    assert fresh.exit_code == 0, fresh.output
    assert files_under(Path("feeds")) == files_under(Path("fresh"))
