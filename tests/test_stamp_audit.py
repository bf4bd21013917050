"""Mutation audit of staticfeed.stamp: a build with nothing to do replays the last report only
when everything it would read, write and print is as the last build left it."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from staticfeed import stamp
from tests.test_stamp import (  # noqa: F401  (publication: the same project, autouse)
    CONFIG,
    default_scan,
    post,
    publication,
    run,
    stamps,
    write,
)


def replayed(verbose_stderr: str) -> bool:
    """Whether a build run with --verbose replayed the last report, loading no pipeline."""
    return "time: load the config and the pipeline" not in verbose_stderr


def test_the_same_build_from_another_folder_prints_its_paths_from_there() -> None:
    # The report names files from the current folder: replayed from the project folder's
    # stamp, a build run from a subfolder printed feeds/atom.xml, a path that is not there.
    assert run("build").exit_code == 0
    os.mkdir("sub")
    os.chdir("sub")

    again = run(
        "build", "--config", "../staticfeed.toml", "--entries", "../entries", "--out", "../feeds"
    )

    assert again.exit_code == 0, again.output
    assert "unchanged ../feeds/atom.xml (2 entries)" in again.stdout.splitlines()
    assert "unchanged feeds/atom.xml (2 entries)" not in again.stdout.splitlines()


def test_builds_into_two_folders_each_keep_their_stamp() -> None:
    # A preview into another folder must not cost the main build its no-change replay.
    assert run("build").exit_code == 0
    assert run("build", "--out", "preview").exit_code == 0

    again = run("build", "--verbose")
    preview = run("build", "--out", "preview", "--verbose")

    assert replayed(again.stderr), again.stderr
    assert replayed(preview.stderr), preview.stderr
    assert len(stamps()) == 2


def test_a_template_modified_just_before_the_build_leaves_no_stamp() -> None:
    # Its stat cannot vouch for its content: an edit within the same clock tick would go
    # unseen, and every page would keep the template's old text.
    assert run("build").exit_code == 0
    assert len(stamps()) == 1
    write("templates/README", "Overrides of staticfeed's page templates, edited.\n", aged=False)
    assert run("build").exit_code == 0
    assert stamps() == []


def test_a_scheduled_entry_is_due_at_its_very_instant_and_not_before() -> None:
    # An entry dated exactly now is published (selection keeps published <= now), so the
    # stamp is over at that nanosecond; a moment before, the stamp still holds.
    due = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=500_000)
    write("entries/later.md", post("Later", due.strftime("%Y-%m-%dT%H:%M:%S.%fZ")))
    first = run("build")
    assert first.exit_code == 0, first.output
    assert "left out 1 future entry" in first.stdout
    due_ns = int(due.replace(microsecond=0).timestamp()) * 1_000_000_000 + 500_000_000
    scan = default_scan()
    assert stamp.replay(scan, now_ns=due_ns - 1) is not None
    assert stamp.replay(scan, now_ns=due_ns) is None


def build_then_damage_the_stamp(damaged: dict[str, object]) -> None:
    """`staticfeed build`, then its stamp rewritten, checksum and all, with `damaged`."""
    first = run("build")
    assert first.exit_code == 0, first.output
    (path,) = stamps()
    record = stamp.read(path)
    assert record is not None
    stamp.write(path, {**record, **damaged})


DAMAGED: dict[str, dict[str, object]] = {
    "lines that are not text": {"lines": [1, 2]},
    "output names that are not text": {"outputs": [1]},
    "a templates folder that is not text": {"templates": 5},
    "a state that is not text": {"state": 5},
}


@pytest.mark.parametrize("damaged", DAMAGED.values(), ids=list(DAMAGED))
def test_a_stamp_of_the_wrong_shape_is_not_replayed(damaged: dict[str, object]) -> None:
    # A stamp with a right checksum but fields of another shape (another version's, or
    # edited by hand) is no stamp: the build loads the pipeline and prints its own report.
    build_then_damage_the_stamp(damaged)

    again = run("build", "--verbose")

    assert again.exit_code == 0, again.output
    assert not replayed(again.stderr), again.stderr
    assert "unchanged feeds/atom.xml (2 entries)" in again.stdout.splitlines()
    assert "1\n2\n" not in again.stdout
    assert Path("feeds/atom.xml").is_file()


def test_a_stamp_whose_due_date_is_not_a_number_is_no_traceback() -> None:
    # Read as "no entry to fall due" (the stamp's inputs still vouch for the documents).
    build_then_damage_the_stamp({"valid_until": "tomorrow"})

    again = run("build")

    assert again.exit_code == 0, again.output
    assert "unchanged feeds/atom.xml (2 entries)" in again.stdout.splitlines()


def test_a_stamp_edited_by_hand_is_not_replayed() -> None:
    # Its checksum no longer matches: what it would print is not what the last build printed.
    assert run("build").exit_code == 0
    (path,) = stamps()
    text = path.read_bytes()
    edited = text.replace(b"(2 entries)", b"(9 entries)")
    assert edited != text
    path.write_bytes(edited)

    again = run("build")

    assert again.exit_code == 0, again.output
    assert "unchanged feeds/atom.xml (2 entries)" in again.stdout.splitlines()
    assert "(9 entries)" not in again.stdout


def test_a_stamp_that_is_no_mapping_is_no_traceback() -> None:
    assert run("build").exit_code == 0
    (path,) = stamps()
    stamp.write(path, ["inputs", "lines"])  # type: ignore[arg-type]

    again = run("build")

    assert again.exit_code == 0, again.output
    assert "unchanged feeds/atom.xml (2 entries)" in again.stdout.splitlines()


def test_an_edit_of_staticfeed_own_code_makes_a_full_build(monkeypatch: pytest.MonkeyPatch) -> None:
    # The stamp stands in for staticfeed's code too: a fix in it must reach the feeds. The
    # code is taken to be a copy's, in the test's folder, so that the test can edit it.
    code = write("code/staticfeed/feeds.py", "WRITER = 'one'\n")
    monkeypatch.setattr(stamp, "__file__", str(Path.cwd() / "code/staticfeed/stamp.py"))
    assert run("build").exit_code == 0
    assert len(stamps()) == 1
    write(str(code), "WRITER = 'two'\n")  # the same size and mtime

    again = run("build", "--verbose")

    assert again.exit_code == 0, again.output
    assert "time: read documents (" in again.stderr, again.stderr


def test_after_a_build_that_patched_an_edit_nothing_to_do_is_replayed() -> None:
    # The patch rewrote a page and the feeds: the stamp it left vouches for them as rewritten,
    # so the build after it, with nothing changed, has nothing to do. (Without templates of
    # its own: with them, every edit of a published entry makes a full build.)
    write("staticfeed.toml", CONFIG.replace('templates = "templates"\n', ""))
    shutil.rmtree("templates")
    assert run("build").exit_code == 0
    write("entries/beta.md", post("Beta", "2025-01-02").replace("Text of", "New text of"))
    patched = run("build", "--verbose")
    assert patched.exit_code == 0, patched.output
    assert "time: patch files" in patched.stderr, patched.stderr

    again = run("build", "--verbose")

    assert again.exit_code == 0, again.output
    assert replayed(again.stderr), again.stderr
    assert "wrote" not in again.stdout.replace("pages: wrote 0", "")
    assert "unchanged feeds/atom.xml (2 entries)" in again.stdout.splitlines()
