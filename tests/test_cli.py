"""The command line: what it prints, its exit statuses, and that a failed build changes nothing."""

from __future__ import annotations

import importlib.metadata
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

import staticfeed
from staticfeed.cli import cli
from staticfeed.output import STAGING_MARK
from tests.conftest import BASIC_CONFIG, as_a_user, files_under

Site = Callable[..., Path]
VERSION = importlib.metadata.version("staticfeed")
"""The version the installed package's metadata gives, as pip and PyPI show it."""
# `Error: <file>[:<line>]: <what is wrong>. <how to fix>`
USER_ERROR = re.compile(r"Error: [^\s:]+(:[1-9]\d*)?: \S.*\. \S.*")
LONG_AGO_NS = 1_000_000_000 * 10**9  # 2001-09-09: any rewrite would give a newer mtime


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="staticfeed")


def run_ok(*args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def post(title: str, date: str = "2025-01-01", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\nText of {title}.\n"


# What a build with the minimal config writes: Atom and RSS, and the hosting hints.
MINIMAL_CONFIG = (
    BASIC_CONFIG + 'formats = ["atom", "rss"]\ntag_feeds = false\nauthor_feeds = false\n'
    "pages = false\n"
)


def files_in(folder: Path) -> list[Path]:
    """Every file under `folder`, in every subfolder, hidden ones too."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`, by POSIX path, with its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in files_in(folder)
    }


def age(folder: Path) -> None:
    """Date every file under `folder` far back, so any rewrite shows in its mtime."""
    for path in files_in(folder):
        os.utime(path, ns=(LONG_AGO_NS, LONG_AGO_NS))


def default_output(out: str, verb: str, feeds: dict[str, int], pages: tuple[int, int]) -> str:
    """What build prints by default: Atom, RSS and JSON Feed lines for each feed `base` (""
    for the main feed) with its entry count, the hosting hints, and the pages summed up."""
    lines = []
    for base, count in feeds.items():
        names = (
            ("atom.xml", "rss.xml", "feed.json")
            if not base
            else (
                f"{base}.atom.xml",
                f"{base}.rss.xml",
                f"{base}.json",
            )
        )
        noun = "entry" if count == 1 else "entries"
        lines += [f"{verb} {out}/{name} ({count} {noun})" for name in names]
    lines.append(f"{verb} {out}/_headers")
    lines.append(
        f"pages: wrote {pages[0]}, unchanged {pages[1]} ({out}/index.html and one per entry)"
    )
    return "".join(line + "\n" for line in lines)


def assert_user_error(result: Result) -> list[str]:
    """Exit status 1, nothing on stdout, one `Error:` line per problem on stderr, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines
    for line in lines:
        assert USER_ERROR.fullmatch(line), line
    return lines


# What build prints ---------------------------------------------------------------------------


def test_build_writes_then_leaves_unchanged_feeds_untouched(site: Site) -> None:
    folder = site(
        **{
            "a.md": post("A", extra="tags: [news, Peace Talks]\nauthor: Ann Lee\n"),
            "b.md": post("B", "2025-01-02", extra="tags: [news]\n"),
        }
    )
    result = run_ok("build")
    # By default: the main feeds, a feed per tag and per author (sorted by file name, B has
    # the config's Default Author) in Atom, RSS and JSON Feed, the hosting hints, and pages.
    assert result.stdout == (
        "wrote feeds/atom.xml (2 entries)\n"
        "wrote feeds/rss.xml (2 entries)\n"
        "wrote feeds/feed.json (2 entries)\n"
        "wrote feeds/tags/news.atom.xml (2 entries)\n"
        "wrote feeds/tags/news.rss.xml (2 entries)\n"
        "wrote feeds/tags/news.json (2 entries)\n"
        "wrote feeds/tags/peace-talks.atom.xml (1 entry)\n"
        "wrote feeds/tags/peace-talks.rss.xml (1 entry)\n"
        "wrote feeds/tags/peace-talks.json (1 entry)\n"
        "wrote feeds/authors/ann-lee.atom.xml (1 entry)\n"
        "wrote feeds/authors/ann-lee.rss.xml (1 entry)\n"
        "wrote feeds/authors/ann-lee.json (1 entry)\n"
        "wrote feeds/authors/default-author.atom.xml (1 entry)\n"
        "wrote feeds/authors/default-author.rss.xml (1 entry)\n"
        "wrote feeds/authors/default-author.json (1 entry)\n"
        "wrote feeds/_headers\n"
        "pages: wrote 3, unchanged 0 (feeds/index.html and one per entry)\n"
    )
    assert result.stderr == ""
    age(folder / "feeds")
    before = snapshot(folder / "feeds")
    result = run_ok("build")
    assert result.stdout == (
        "unchanged feeds/atom.xml (2 entries)\n"
        "unchanged feeds/rss.xml (2 entries)\n"
        "unchanged feeds/feed.json (2 entries)\n"
        "unchanged feeds/tags/news.atom.xml (2 entries)\n"
        "unchanged feeds/tags/news.rss.xml (2 entries)\n"
        "unchanged feeds/tags/news.json (2 entries)\n"
        "unchanged feeds/tags/peace-talks.atom.xml (1 entry)\n"
        "unchanged feeds/tags/peace-talks.rss.xml (1 entry)\n"
        "unchanged feeds/tags/peace-talks.json (1 entry)\n"
        "unchanged feeds/authors/ann-lee.atom.xml (1 entry)\n"
        "unchanged feeds/authors/ann-lee.rss.xml (1 entry)\n"
        "unchanged feeds/authors/ann-lee.json (1 entry)\n"
        "unchanged feeds/authors/default-author.atom.xml (1 entry)\n"
        "unchanged feeds/authors/default-author.rss.xml (1 entry)\n"
        "unchanged feeds/authors/default-author.json (1 entry)\n"
        "unchanged feeds/_headers\n"
        "pages: wrote 0, unchanged 3 (feeds/index.html and one per entry)\n"
    )
    assert snapshot(folder / "feeds") == before
    feeds = [
        f"{base}.{suffix}"
        for base in ("tags/news", "tags/peace-talks", "authors/ann-lee", "authors/default-author")
        for suffix in ("atom.xml", "rss.xml", "json")
    ]
    pages = ["index.html", "a/index.html", "b/index.html"]
    assert set(before) == {
        "atom.xml",
        "rss.xml",
        "feed.json",
        *feeds,
        "_headers",
        *pages,
        ".staticfeed-files",  # the manifest: what this build wrote, for the next one
        ".staticfeed-ids",  # each published id's document, so the next build sees a rename
    }


def test_one_entry_is_counted_in_the_singular(site: Site) -> None:
    site(**{"a.md": post("A")})
    assert run_ok("build").stdout == (
        "wrote feeds/atom.xml (1 entry)\n"
        "wrote feeds/rss.xml (1 entry)\n"
        "wrote feeds/feed.json (1 entry)\n"
        "wrote feeds/authors/default-author.atom.xml (1 entry)\n"
        "wrote feeds/authors/default-author.rss.xml (1 entry)\n"
        "wrote feeds/authors/default-author.json (1 entry)\n"
        "wrote feeds/_headers\n"
        "pages: wrote 2, unchanged 0 (feeds/index.html and one per entry)\n"
    )


def test_the_minimal_config_writes_atom_and_rss_only(site: Site) -> None:
    folder = site(MINIMAL_CONFIG, **{"a.md": post("A", extra="tags: [news]\n")})
    assert run_ok("build").stdout == (
        "wrote feeds/atom.xml (1 entry)\nwrote feeds/rss.xml (1 entry)\nwrote feeds/_headers\n"
    )
    assert set(snapshot(folder / "feeds")) == {
        "atom.xml",
        "rss.xml",
        "_headers",
        ".staticfeed-files",
        ".staticfeed-ids",
    }


def test_only_the_feed_that_changes_is_rewritten(site: Site) -> None:
    folder = site(**{"a.md": post("A", extra="author: Ann Lee <ann@example.org>\n")})
    run_ok("build")
    age(folder / "feeds")
    rss_before = snapshot(folder / "feeds")["rss.xml"]
    # Email addresses appear in Atom only; RSS names every author with dc:creator.
    site(**{"a.md": post("A", extra="author: Ann Lee <ann.lee@example.org>\n")})
    result = run_ok("build")
    # The JSON Feed links the author to mailto:, and the entry's page shows the email; the
    # index shows names only.
    assert result.stdout == (
        "wrote feeds/atom.xml (1 entry)\n"
        "unchanged feeds/rss.xml (1 entry)\n"
        "wrote feeds/feed.json (1 entry)\n"
        "wrote feeds/authors/ann-lee.atom.xml (1 entry)\n"
        "unchanged feeds/authors/ann-lee.rss.xml (1 entry)\n"
        "wrote feeds/authors/ann-lee.json (1 entry)\n"
        "unchanged feeds/_headers\n"
        "pages: wrote 1, unchanged 1 (feeds/index.html and one per entry)\n"
    )
    after = snapshot(folder / "feeds")
    assert after["rss.xml"] == rss_before
    assert after["index.html"][1] == LONG_AGO_NS
    assert b"ann.lee@example.org" in after["a/index.html"][0]
    assert after["atom.xml"][1] > LONG_AGO_NS
    assert b"ann.lee@example.org" in after["atom.xml"][0]


def test_entries_and_out_options(site: Site) -> None:
    folder = site()
    (folder / "posts" / "2025").mkdir(parents=True)
    (folder / "posts" / "2025" / "a.md").write_text(post("A"), encoding="utf-8")
    result = run_ok("build", "--entries", "posts", "--out", "public/feeds")
    assert result.stdout == default_output(
        "public/feeds", "wrote", {"": 1, "authors/default-author": 1}, (2, 0)
    )
    assert (folder / "public" / "feeds" / "2025" / "a" / "index.html").is_file()
    root = etree.fromstring((folder / "public" / "feeds" / "atom.xml").read_bytes())
    ids = root.findall("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}id")
    # The slug is the path under the --entries folder.
    assert [element.text for element in ids] == ["tag:example.org,2025:2025/a"]
    assert not (folder / "feeds").exists()


def test_an_out_folder_outside_the_current_folder_is_shown_as_given(
    site: Site, tmp_path_factory: pytest.TempPathFactory
) -> None:
    site(**{"a.md": post("A")})
    out = tmp_path_factory.mktemp("elsewhere")
    result = run_ok("build", "--out", str(out))
    assert result.stdout == default_output(
        out.as_posix(), "wrote", {"": 1, "authors/default-author": 1}, (2, 0)
    )


def test_a_build_run_in_its_out_folder_names_the_files_from_there(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = site(MINIMAL_CONFIG, **{"a.md": post("A")})
    (folder / "feeds").mkdir()
    monkeypatch.chdir(folder / "feeds")
    result = run_ok(
        "build", "--config", "../staticfeed.toml", "--entries", "../entries", "--out", "."
    )
    assert result.stdout == "wrote atom.xml (1 entry)\nwrote rss.xml (1 entry)\nwrote _headers\n"


def test_a_warning_goes_to_stderr_and_the_build_goes_on(site: Site) -> None:
    site(MINIMAL_CONFIG, **{"a.md": post("A").replace("Text of A.", "Bell\x07 in the text.")})
    result = run_ok("build")
    assert result.stderr == (
        "Warning: entries/a.md:5: removed characters that XML cannot carry (control characters)\n"
    )
    assert result.stdout == (
        "wrote feeds/atom.xml (1 entry)\nwrote feeds/rss.xml (1 entry)\nwrote feeds/_headers\n"
    )
    root = etree.fromstring(Path("feeds/atom.xml").read_bytes())  # strict: \x07 would raise
    content = root.findtext(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}content"
    )
    assert content == "<p>Bell in the text.</p>"


REMOVED = "removed characters that XML cannot carry (control characters)"
BAD_MONTH = (
    "date: '2025-13-01' does not exist: month must be in 1..12. Write date like 2025-12-22, "
    "2025-12-22 14:30 or 2025-12-22T14:30:00+02:00."
)


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_a_document_with_an_error_shows_its_warnings_too(
    site: Site, cache: tuple[str, ...]
) -> None:
    folder = site(MINIMAL_CONFIG, **{"a.md": post("A")})
    run_ok("build", *cache)
    age(folder / "feeds")
    before = snapshot(folder / "feeds")
    # A bell escaped in b's title (line 2) and a month that does not exist (line 3): one
    # edit fixes both, so the failed build names both, not the warning one build later.
    # a.md reads well, with a bell of its own in its text, which a build shows every time.
    bell_in_title = '---\ntitle: "Bell\\u0007 peace"\ndate: 2025-13-01\n---\nText.\n'
    site(
        MINIMAL_CONFIG,
        **{"a.md": post("A").replace("Text of A.", "Bell\x07 in a."), "b.md": bell_in_title},
    )
    result = run("build", *cache)
    assert (result.exit_code, result.stdout) == (1, "")
    # By file and then line, as check lists them.
    assert result.stderr == (
        f"Warning: entries/a.md:5: {REMOVED}\n"
        f"Warning: entries/b.md:2: {REMOVED}\n"
        f"Error: entries/b.md:3: {BAD_MONTH}\n"
    )
    assert snapshot(folder / "feeds") == before


def test_a_warning_at_the_line_of_an_error_comes_first(site: Site) -> None:
    # The title is the bell alone: its removal, the warning, is why the title is empty.
    site(MINIMAL_CONFIG, **{"a.md": '---\ntitle: "\\u0007"\ndate: 2025-01-01\n---\nText.\n'})
    result = run("build")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Warning: entries/a.md:2: {REMOVED}\n"
        "Error: entries/a.md:2: title is empty. Give title a value or remove the key.\n"
    )
    assert not Path("feeds").exists()


@pytest.mark.parametrize("cache", [(), ("--no-cache",)], ids=["cache", "no-cache"])
def test_an_error_in_placing_the_pages_shows_the_warnings_of_reading(
    site: Site, cache: tuple[str, ...]
) -> None:
    # Both read well, so the pages are placed, and their slugs clash: the warning of the
    # reading is as true then as in a build that publishes.
    own_id = "id: urn:uuid:6f1c1b52-4d7e-4a57-9d34-3f0ad1a2b3c4\n"
    site(
        **{
            "a.md": post("A", extra="slug: same\n").replace("Text of A.", "Bell\x07 in a."),
            "b.md": post("B", "2025-01-02", extra=f"slug: same\n{own_id}"),
        }
    )
    result = run("build", *cache)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: entries/a.md: slug 'same' gives the same page as entries/b.md. Give one of "
        "them another slug: in its front matter.\n"
        f"Warning: entries/a.md:6: {REMOVED}\n"  # below ---, title, date, slug and ---
    )
    assert not Path("feeds").exists()


# --version and --help ------------------------------------------------------------------------


def test_version(site: Site) -> None:
    assert run_ok("--version").stdout == f"staticfeed, version {VERSION}\n"


def test_python_dash_m_staticfeed_version(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "staticfeed", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"staticfeed, version {VERSION}\n",
        "",
    )


_CTRL_C_WHILE_LOADING = """\
import importlib, sys
class CtrlC:  # Ctrl-C pressed while the command line's modules load
    def find_spec(self, name, path=None, target=None):
        if name == "staticfeed.cli":
            raise KeyboardInterrupt
sys.meta_path.insert(0, CtrlC())
module, _, function = sys.argv[1].partition(":")
getattr(importlib.import_module(module), function)()
"""


def command_entry_point() -> str:
    """The `staticfeed` command's entry point, `module:function`, as pyproject.toml names it."""
    pyproject_toml = Path(__file__).parents[1] / "pyproject.toml"
    pyproject = tomllib.loads(pyproject_toml.read_text(encoding="utf-8"))
    return str(pyproject["project"]["scripts"]["staticfeed"])


def test_ctrl_c_while_the_command_loads_says_aborted_without_a_traceback() -> None:
    # The `staticfeed` command's entry point printed the interrupted import's traceback.
    entry_point = command_entry_point()
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_LOADING, entry_point],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (-signal.SIGINT, "Aborted!\n")


_CTRL_C_WHILE_BUILDING = """\
import importlib, os, signal, sys, time
import staticfeed.cli
def build_lines(*args, **kwargs):  # Ctrl-C: the terminal signals its whole process group
    os.killpg(os.getpgrp(), signal.SIGINT)
    time.sleep(60)
staticfeed.cli._build_lines = build_lines
module, _, function = sys.argv[1].partition(":")
sys.argv[1:] = ["build"]
getattr(importlib.import_module(module), function)()
"""


def _sigint_as_a_terminal_gives_it() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.skipif(os.name != "posix", reason="a shell script and process groups (POSIX)")
def test_ctrl_c_during_a_command_stops_the_script_that_runs_it(site: Site) -> None:
    # staticfeed exited 1 after "Aborted!", as click does, and bash, which stops a script only
    # after a command that Ctrl-C ended, went on to the next line: to a deploy, say.
    folder = site(**{"a.md": post("A")})
    entry_point = command_entry_point()
    (folder / "ctrl_c.py").write_text(_CTRL_C_WHILE_BUILDING, encoding="utf-8")
    done = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" ctrl_c.py {entry_point}; echo "the script went on"'],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        start_new_session=True,  # a process group of its own, as a terminal gives a job
        # As a terminal starts it: pytest run in the background by a script (`pytest &`,
        # nohup) ignores SIGINT, and so would the script and staticfeed, which then slept on.
        preexec_fn=_sigint_as_a_terminal_gives_it,
    )
    assert (done.returncode, done.stdout, done.stderr) == (-signal.SIGINT, "", "\nAborted!\n")
    assert not (folder / "feeds").exists()


_ENDLESS = (
    '{% if entry.title == "B" %}'
    "{% for i in range(10**6) %}{% for j in range(10**6) %}{% endfor %}{% endfor %}"
    "{% endif %}"
)


@pytest.mark.skipif(os.name != "posix", reason="signals (POSIX)")
def test_sigterm_during_a_build_leaves_the_output_folder_as_it_was(site: Site) -> None:
    # SIGTERM (`kill`, a CI job's timeout) ended a build at once: the files it was writing
    # (`.atom.xml.1wizvyxz.tmp`) and its staging mark stayed in feeds/, for an upload to carry.
    folder = site(**{"a.md": post("A"), "b.md": post("B", "2025-01-02")})
    run_ok("build")
    before = files_under(folder / "feeds")
    (folder / "entries" / "a.md").write_text(post("A, edited"), encoding="utf-8")
    (folder / "templates").mkdir()
    packaged = Path(staticfeed.__file__).parent / "templates" / "entry.html"
    endless = packaged.read_text("utf-8").replace("<main>", "<main>" + _ENDLESS, 1)
    (folder / "templates" / "entry.html").write_text(endless, encoding="utf-8")
    build = subprocess.Popen(
        [sys.executable, "-m", "staticfeed", "build"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        mark = folder / "feeds" / STAGING_MARK
        deadline = time.monotonic() + 60
        while not mark.exists() and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # the other page, staged beside the one that never ends
        build.send_signal(signal.SIGTERM)
        _, stderr = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    assert (build.returncode, stderr) == (-signal.SIGTERM, "")
    assert files_under(folder / "feeds") == before


def test_ctrl_c_during_a_command_is_aborted_with_status_130(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Exit status 1, click's, is what diff says when readers would see changes.
    site(**{"a.md": post("A")})

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("staticfeed.drift.diff_publication", interrupted)
    result = run("diff")
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "\nAborted!\n")


COMMANDS = [[], *([name] for name in sorted(cli.commands))]  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "staticfeed")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help(command: list[str], flag: str) -> None:
    result = run_ok(*command, flag)
    usage = " ".join(["Usage: staticfeed", *command])
    assert result.stdout.startswith(usage + " [OPTIONS]")
    assert "  -h, --help  " in result.stdout


def test_build_help_lists_every_option() -> None:
    help_text = run_ok("build", "--help").stdout
    for option in ("--entries", "--out", "--config", "--base-url", "--drafts", "--future"):
        assert f"  {option} " in help_text


@pytest.mark.parametrize("command", sorted(cli.commands))  # type: ignore[attr-defined]
def test_every_option_that_names_a_folder_shows_dir(command: str) -> None:
    # import's help showed "--into PATH", where every other folder is "--entries DIR".
    help_text = run_ok(command, "--help").stdout
    folders = re.findall(r"^  (--[a-z-]+) (\S+) +Folder ", help_text, re.MULTILINE)
    assert [metavar for _, metavar in folders] == ["DIR"] * len(folders), folders


def test_top_level_help_names_every_kind_of_file_a_build_writes() -> None:
    # It said "into Atom and RSS feeds": a build writes JSON Feeds and pages as well.
    summary = " ".join(run_ok("--help").stdout.split("\n\n")[1].split())
    assert (
        summary
        == "Turn the documents in entries/ into Atom, RSS and JSON feeds and pages in feeds/."
    )


def test_top_level_help_lists_every_command() -> None:
    help_text = run_ok("--help").stdout
    for name in cli.commands:  # type: ignore[attr-defined]
        assert re.search(rf"^  {re.escape(name)}  ", help_text, re.MULTILINE), name


# Exit statuses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["build", "--bogus"], "No such option '--bogus'"),
        (["nope"], "No such command 'nope'"),
        (["build", "extra"], "Got unexpected extra argument (extra)"),
        (["build", "--entries"], "Option '--entries' requires an argument"),
        (["--bogus"], "No such option '--bogus'"),
        # "" is "." to pathlib: `--out "$OUT"` with OUT unset wrote into the current folder.
        (["build", "--out", ""], "Invalid value for '--out': the folder name is empty."),
        (["build", "--entries", ""], "Invalid value for '--entries': the folder name is empty."),
        # A name of spaces alone is as empty: `--out "$OUT "` with OUT unset, a folder " ".
        (["build", "--out", " "], "Invalid value for '--out': the folder name is empty."),
        (
            ["build", "--entries", "staticfeed.toml"],
            "Invalid value for '--entries': Directory 'staticfeed.toml' is a file.",
        ),
        (
            ["build", "--out", "entries/site"],
            "--out entries/site is the entries folder entries or inside it: the pages and feeds "
            "would be mixed with the documents. Write them elsewhere, such as --out feeds.",
        ),
        (
            ["build", "--out", "."],
            "the entries folder entries is inside --out .: the documents would be published with "
            "the pages and feeds, drafts too. Write them to a folder of their own, such as "
            "--out feeds.",
        ),
        (
            ["build", "--config", "entries"],
            "Invalid value for '--config': File 'entries' is a directory.",
        ),
        # --bind "$HOST" with HOST unset listened on every interface.
        (["serve", "--bind", ""], "Invalid value for '--bind': it is empty."),
        (["serve", "--bind", "  "], "Invalid value for '--bind': it is empty."),
    ],
)
def test_a_wrong_command_line_exits_2(site: Site, args: list[str], complaint: str) -> None:
    folder = site(**{"a.md": post("A")})
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert f"Error: {complaint}" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (folder / "feeds").exists()


def test_the_out_folder_suggested_is_neither_the_one_given_nor_the_entries_own(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run from inside the entries folder, `--entries .` with the default --out feeds was told
    # "Write them elsewhere, such as --out feeds": the folder given, refused again.
    folder = site(**{"a.md": post("A")})
    monkeypatch.chdir(folder / "entries")
    result = run("build", "--config", "../staticfeed.toml", "--entries", ".")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: --out feeds is the entries folder . or inside it: the pages and feeds would be "
        "mixed with the documents. Write them elsewhere, such as --out ../feeds."
    )
    # Documents inside the folder published as the site: feeds is the one given.
    monkeypatch.chdir(folder)
    (folder / "entries").rename(folder / "feeds")
    result = run("build", "--entries", "feeds")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: --out feeds is the entries folder feeds or inside it: the pages and feeds would "
        "be mixed with the documents. Write them elsewhere, such as --out public."
    )
    (folder / "site" / "entries").parent.mkdir()
    (folder / "feeds").rename(folder / "site" / "entries")
    result = run("build", "--entries", "site/entries", "--out", "site")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: the entries folder site/entries is inside --out site: the documents would be "
        "published with the pages and feeds, drafts too. Write them to a folder of their own, "
        "such as --out site/feeds."
    )


@pytest.mark.parametrize("out", ["taken", "taken/feeds"])
def test_an_out_that_is_a_file_is_named_as_such_by_build_diff_and_check(
    site: Site, out: str
) -> None:
    # build said "cannot create the output folder (File exists)"; diff listed every entry as
    # new and check every feed as missing, each with the fix "Run staticfeed build". So they
    # did for an --out inside the file, after 2d1122b.
    folder = site(**{"a.md": post("A")})
    (folder / "taken").write_text("a file", encoding="utf-8")
    message = (
        "Error: taken: it is a file, not a folder. Give --out the folder the feeds go in, or "
        "move the file."
    )
    built = run("build", "--out", out)
    assert (built.exit_code, built.stdout, built.stderr) == (1, "", message + "\n")
    diffed = run("diff", "--out", out)
    assert (diffed.exit_code, diffed.stdout, diffed.stderr) == (2, "", message + "\n")
    checked = run("check", "--out", out)
    assert (checked.exit_code, checked.stderr) == (1, "")
    assert checked.stdout == f"{message} [build]\nfailed: 1 error, 0 warnings\n"
    assert (folder / "taken").read_text(encoding="utf-8") == "a file"


def assert_shut_folder_reported(
    done: subprocess.CompletedProcess[str], folder: str, command: str, status: int
) -> None:
    """`command` stopped with the one error of a folder it cannot read, in its own words."""
    message = (
        f"Error: {folder}: cannot read the folder (Permission denied). Check that it can be read "
        "(and entered: chmod +rx)."
    )
    assert done.returncode == status, done.stderr
    if command == "check":
        assert done.stdout == f"{message} [build]\nfailed: 1 error, 0 warnings\n"
    else:
        assert (done.stdout, done.stderr) == ("", message + "\n")


@pytest.mark.parametrize(("command", "status"), [("build", 1), ("diff", 2), ("check", 1)])
def test_an_out_in_a_folder_that_cannot_be_entered_is_an_error_not_a_traceback(
    site: Site, command: str, status: int
) -> None:
    # Path.is_dir() and exists() on closed/site/feeds raised PermissionError.
    folder = site(**{"a.md": post("A")})
    (folder / "closed" / "site").mkdir(parents=True)
    (folder / "closed").chmod(0o000)
    try:  # as a user: root enters any folder
        args = as_a_user(sys.executable, "-m", "staticfeed", command, "--out", "closed/site/feeds")
        done = subprocess.run(args, capture_output=True, text=True, check=False)
    finally:
        (folder / "closed").chmod(0o755)
    assert_shut_folder_reported(done, "closed", command, status)
    assert list((folder / "closed" / "site").iterdir()) == []


@pytest.mark.parametrize(("command", "status"), [("build", 1), ("diff", 2), ("check", 1)])
@pytest.mark.parametrize(
    ("target", "why"),
    [("{name}", "leads back to itself"), ("nowhere", "leads to nowhere, which does not exist")],
    ids=["loop", "broken"],
)
@pytest.mark.parametrize("name", ["feeds", "entries"])
def test_a_folder_that_is_a_link_leading_nowhere_is_named(
    site: Site, command: str, status: int, target: str, why: str, name: str
) -> None:
    # Path.resolve() raised RuntimeError ("Symlink loop") on a link to itself, a traceback;
    # a feeds/ link to nothing was "cannot create the output folder (File exists)".
    folder = site(**{"a.md": post("A")})
    if name == "entries":
        (folder / "entries" / "a.md").unlink()
        (folder / "entries").rmdir()
    (folder / name).symlink_to(target.format(name=name))
    # check also reports the config's example.org, as a placeholder, whatever the entries are.
    result = run(command, *(("--ignore", "placeholder") if command == "check" else ()))
    message = (
        f"Error: {name}: it is a link that {why}. Remove the link, or make it lead to a folder."
    )
    assert result.exit_code == status, result.output
    if command == "check":
        assert result.stdout == f"{message} [build]\nfailed: 1 error, 0 warnings\n"
    else:
        assert (result.stdout, result.stderr) == ("", message + "\n")
    assert (folder / name).is_symlink()


@pytest.mark.parametrize(("command", "status"), [("build", 1), ("diff", 2), ("check", 1)])
@pytest.mark.parametrize("mode", [0o000, 0o300, 0o600])
def test_an_out_folder_that_cannot_be_read_is_the_build_error_not_a_usage_error(
    site: Site, command: str, status: int, mode: int
) -> None:
    # Click's own check of --out refused an unreadable feeds/, which the user never named,
    # as a wrong command line (exit 2); with -r or -x alone, build's first look raised
    # PermissionError.
    folder = site(**{"a.md": post("A")})
    run_ok("build")
    feeds = folder / "feeds"
    before = snapshot(feeds)
    feeds.chmod(mode)
    try:  # as a user: root reads any folder
        args = as_a_user(sys.executable, "-m", "staticfeed", command)
        done = subprocess.run(args, capture_output=True, text=True, check=False)
    finally:
        feeds.chmod(0o755)
    assert_shut_folder_reported(done, "feeds", command, status)
    assert snapshot(feeds) == before


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["build", "--entries", "closed/entries"], 1),
        (["diff", "--entries", "closed/entries"], 2),
        (["import", "entries/a.md", "--into", "closed/entries"], 1),
    ],
)
def test_entries_in_a_folder_that_cannot_be_entered_are_an_error_not_a_traceback(
    site: Site, args: list[str], status: int
) -> None:
    # Path.is_dir() on the entries folder, and exists() on an imported entry, raised
    # PermissionError.
    folder = site(**{"a.md": post("A")})
    (folder / "closed" / "entries").mkdir(parents=True)
    (folder / "closed").chmod(0o000)
    try:  # as a user: root enters any folder
        command = as_a_user(sys.executable, "-m", "staticfeed", *args)
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        (folder / "closed").chmod(0o755)
    assert (done.returncode, done.stdout) == (status, ""), done.stderr
    assert done.stderr == (
        "Error: closed: cannot read the folder (Permission denied). Check that it can be read "
        "(and entered: chmod +rx).\n"
    )
    assert list((folder / "closed" / "entries").iterdir()) == []


_TOO_LONG = "x" * 300  # a file name longer than any file system takes (255 bytes)


@pytest.mark.parametrize(
    ("args", "status", "named"),
    [
        (["build", "--entries", _TOO_LONG], 1, _TOO_LONG),
        (["build", "--out", f"{_TOO_LONG}/feeds"], 1, f"{_TOO_LONG}/feeds"),
        (["diff", "--out", f"{_TOO_LONG}/feeds"], 2, f"{_TOO_LONG}/feeds"),
        (["touch", f"entries/{_TOO_LONG}.md"], 1, f"entries/{_TOO_LONG}.md"),
        (["import", "entries/a.md", "--into", _TOO_LONG], 1, f"{_TOO_LONG}/2025/a.md"),
    ],
    ids=["build --entries", "build --out", "diff --out", "touch", "import --into"],
)
def test_a_name_too_long_is_named_as_such_not_as_a_folder_to_chmod(
    site: Site, args: list[str], status: int, named: str
) -> None:
    # The errors for a folder that cannot be entered took every OSError for one: a name too
    # long was "cannot read the folder", to be fixed with chmod +rx.
    site(**{"a.md": post("A")})
    result = run(*args)
    assert (result.exit_code, result.stdout) == (status, ""), result.output
    assert result.stderr == (
        f"Error: {named}: the system cannot look at the path (File name too long). Check the "
        "path, or give another.\n"
    )


def test_a_bad_base_url_is_a_wrong_command_line(site: Site) -> None:
    site(**{"a.md": post("A")})
    assert run("build", "--base-url", "preview.example.org").exit_code == 2


@pytest.mark.parametrize(
    ("config", "documents", "expected"),
    [
        pytest.param(
            BASIC_CONFIG + "limt = 3\n",
            {"a.md": post("A")},
            ["Error: staticfeed.toml:5: unknown key 'limt'. Did you mean 'limit'? "],
            id="config",
        ),
        pytest.param(
            BASIC_CONFIG,
            {"2025/x.md": post("X", "2025-13-01")},
            [
                "Error: entries/2025/x.md:3: date: '2025-13-01' does not exist: month must be in"
                " 1..12. Write date "
            ],
            id="entry",
        ),
        pytest.param(
            BASIC_CONFIG,
            {"a.md": post("A", extra="tags: news\n"), "b.md": "no date here\n"},
            [
                "Error: entries/a.md:4: tags must be a list, not text. Write it as a list: ",
                "Error: entries/b.md: no date found near the top of the document. Add front ",
            ],
            id="two-files",
        ),
    ],
)
def test_a_user_error_exits_1_with_file_line_what_and_fix(
    site: Site, config: str, documents: dict[str, str], expected: list[str]
) -> None:
    site(config=config, **documents)
    lines = assert_user_error(run("build"))
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start)


def test_a_missing_entries_folder_is_a_user_error(site: Site) -> None:
    site()
    (Path("entries")).rmdir()
    assert assert_user_error(run("build")) == [
        "Error: entries: the entries folder does not exist. "
        "Create it and add a document, or pass --entries DIR."
    ]


def test_a_real_process_reports_user_errors_on_stderr_with_status_1(site: Site) -> None:
    folder = site(**{"a.md": post("A", "2025-13-01")})
    done = subprocess.run(
        [sys.executable, "-m", "staticfeed", "build"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "Error: entries/a.md:3: date: '2025-13-01' does not exist: month must be in 1..12. Write "
        "date like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )


@pytest.mark.parametrize(
    "command",
    [["build"], ["diff"], ["check", "--format", "json"], ["--help"], ["build", "--help"]],
    ids=" ".join,
)
def test_output_whose_reader_is_gone_stops_quietly_with_status_141(
    site: Site, command: list[str]
) -> None:
    # `staticfeed diff | head -1` exited 1, which for diff means "readers would see changes"
    # (and, for build and check, errors): now 128 + SIGPIPE, as a shell shows for `cat`.
    folder = site(**{"a.md": post("A")})
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line: head -0, or a pager quit at once
    try:
        done = subprocess.run(
            [sys.executable, "-m", "staticfeed", *command],
            cwd=folder,
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


# A failed build changes nothing ------------------------------------------------------------


@pytest.mark.parametrize(
    "breakage",
    [
        pytest.param({"bad.md": "---\ntitle: Bad\n---\nNo date anywhere.\n"}, id="new-bad-entry"),
        pytest.param({"a.md": post("A", extra="titel: typo\n")}, id="edited-into-error"),
        pytest.param({"c.md": post("A", extra="slug: a\n")}, id="duplicate-id"),
        pytest.param({"d.md": "---\ntitle: D\n"}, id="unclosed-front-matter"),
    ],
)
def test_with_any_invalid_entry_no_feed_file_changes(site: Site, breakage: dict[str, str]) -> None:
    folder = site(**{"a.md": post("A"), "b.md": post("B", "2025-01-02")})
    run_ok("build")
    feeds = folder / "feeds"
    age(feeds)
    before = snapshot(feeds)
    # A valid change and an invalid document together: the valid change is not published either.
    site(**{"new.md": post("New and valid", "2025-03-01"), **breakage})
    assert_user_error(run("build"))
    assert snapshot(feeds) == before  # same files, same bytes, same mtimes; no temporary files


def test_with_a_bad_config_no_feed_file_changes(site: Site) -> None:
    folder = site(**{"a.md": post("A")})
    run_ok("build")
    age(folder / "feeds")
    before = snapshot(folder / "feeds")
    site(config=BASIC_CONFIG + 'timezone = "Nowhere/Special"\n', **{"b.md": post("B")})
    assert assert_user_error(run("build")) == [
        "Error: staticfeed.toml:5: timezone: unknown time zone 'Nowhere/Special'. "
        "Use an IANA name like UTC, Europe/Kyiv or America/New_York."
    ]
    assert snapshot(folder / "feeds") == before


def test_a_failed_first_build_creates_no_feed_folder(site: Site) -> None:
    folder = site(**{"a.md": "no date\n"})
    assert_user_error(run("build"))
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize("cache", [True, False])
def test_a_full_temporary_folder_is_a_user_error_and_changes_nothing(
    site: Site, monkeypatch: pytest.MonkeyPatch, cache: bool
) -> None:
    """The build keeps entries' bodies, HTML and items in temporary files (staticfeed.spool),
    in TMPDIR: filled up, it gave a traceback ending in OSError rather than an error to fix."""
    import errno
    import tempfile

    from staticfeed import spool

    site(**{"a.md": post("A"), "b.md": post("B")})
    run_ok("build")
    (Path("entries") / "c.md").write_text(post("C"), encoding="utf-8")
    before = snapshot(Path("feeds"))

    def full(self: spool.SpoolWriter, data: bytes) -> spool.Place:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(spool.SpoolWriter, "put", full)
    options = [] if cache else ["--no-cache"]
    assert assert_user_error(run("build", *options)) == [
        f"Error: {tempfile.gettempdir()}: no room for the build's temporary files "
        "(No space left on device). Free space there, or set TMPDIR to a folder with room."
    ]
    assert snapshot(Path("feeds")) == before
