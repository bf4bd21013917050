"""init, new, pin and touch from the command line, checked with lxml and yaml."""

from __future__ import annotations

import gzip
import json
import os
import pty
import re
import select
import shlex
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import click._termui_impl
import feedparser
import pytest
import yaml
from click.testing import CliRunner, Result
from lxml import etree

import staticfeed.cli
import staticfeed.dates
from staticfeed.cli import cli
from tests.conftest import (
    BASIC_CONFIG,
    as_a_user,
    interrupt_as_a_temporary_file_opens,
    need_program,
)

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


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["Bad\x07title"], "'TITLE': title contains U+0007, a character XML cannot carry."),
        (["T", "--tag", "a\x85b"], "'--tag': tag contains U+0085, a character feed readers"),
        (["T", "--tag", "a\udc85b"], "'--tag': it is not valid UTF-8: give it as UTF-8."),
        # "\udc80" is the byte 0x80, the first of those that are never UTF-8 alone.
        (["T", "--tag", "a\udc80b"], "'--tag': it is not valid UTF-8: give it as UTF-8."),
        (["A\x07b"], "'TITLE': title contains U+0007, a character XML cannot carry. Remove it."),
        # Readers show a title on one line: it was written to the document as two.
        (["Two\nlines"], "'TITLE': title holds a line break, which feed readers show as a space"),
        (["T", "--tag", "a\tb"], "'--tag': tag holds a tab, which feed readers show as a space"),
    ],
)
def test_new_with_a_character_feeds_cannot_carry_is_a_wrong_command_line(
    in_tmp: Path, args: list[str], said: str
) -> None:
    # Like any other value it refuses: exit 2, with the usage; "\udc85" is how Python gives
    # the byte 0x85 of an argument that is not UTF-8.
    assert init().exit_code == 0
    result = run("new", *args)
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for {said}" in result.stderr


def test_init_in_the_current_folder_says_what_to_run_next_without_a_cd(in_tmp: Path) -> None:
    # Spaces around a zone name, as pasted, are no part of it.
    result = run(
        "init", "--title", "T", "--site-url", "https://e.org/", "--author", "A",
        "--timezone", " Europe/Kyiv ",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2:] == [
        "next:",
        '  staticfeed new "Title of the next entry"',
        "  staticfeed build",
    ]
    config = tomllib.loads((in_tmp / "staticfeed.toml").read_text(encoding="utf-8"))
    assert config["timezone"] == "Europe/Kyiv"


@pytest.mark.parametrize(
    "address",
    [
        "ann@[192.0.2.1]",  # an address literal (RFC 5321), not a domain
        "ann@x.[y",  # a bracket left open
        "ann@ex\u2100.org",  # U+2100 is "a/c" once NFKC-normalized: a "/" in the domain
    ],
)
def test_an_author_email_whose_domain_urllib_refuses_is_no_email_address(
    in_tmp: Path, address: str
) -> None:
    # Each ended in a ValueError traceback, from init's --author and from the config alike.
    said = f"{address!r} in author is not an email address. Write it like ann@example.org,"
    result = run(
        "init", "--title", "T", "--site-url", "https://e.org/", "--author", f"Ann <{address}>",
        "--timezone", "UTC",
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for '--author': {said} or leave the email out." in result.stderr
    assert not (in_tmp / "staticfeed.toml").exists()
    config = 'title = "T"\nsite_url = "https://e.org/"\nid_authority = "e.org,2025"\n'
    config += f'authors = [{{ name = "Ann", email = {json.dumps(address)} }}]\n'
    (in_tmp / "staticfeed.toml").write_text(config, encoding="utf-8")
    built = run("build")
    assert built.exit_code == 1, built.output
    said = said.replace("in author", "in authors")
    assert built.stderr == f"Error: staticfeed.toml:4: {said} or leave the email out.\n"


def test_init_without_answers_on_standard_input_names_the_option_to_pass(in_tmp: Path) -> None:
    # A script or CI job with no input got click's bare "Aborted!" (exit 1).
    result = run("init", "blog", prompts="Notes\n")
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(
        "Error: no answer on standard input for --site-url: pass --site-url (or run it in a "
        "terminal).\n"
    )
    assert not (in_tmp / "blog").exists()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--tag", "a", "--tag", "A"], "'--tag': 'a' and 'A' would share one feed"),
        (
            ["--author", "Ann Lee", "--author", "ann  lee <a@example.org>"],
            "'--author': 'Ann Lee' and 'ann  lee' would share one feed",
        ),
    ],
)
def test_new_with_two_spellings_of_one_name_is_a_wrong_command_line(
    in_tmp: Path, args: list[str], said: str
) -> None:
    # new wrote both spellings, and the next build refused the entry it had just written.
    assert init().exit_code == 0
    before = sorted(in_tmp.rglob("*.md"))
    result = run("new", "Dup", *args)
    assert result.exit_code == 2, result.output
    assert f"Error: Invalid value for {said}: give one spelling." in result.stderr
    assert sorted(in_tmp.rglob("*.md")) == before


def test_the_init_example_with_options_asks_nothing(in_tmp: Path) -> None:
    # `init --help` showed one without --author: copied into a script, it stopped at
    # "no answer on standard input for --author".
    shown = [line.strip() for line in run("init", "--help").output.splitlines()]
    (example,) = [line for line in shown if line.startswith("staticfeed init ") and " --" in line]
    result = run(*shlex.split(example)[1:], prompts="")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert (in_tmp / "blog" / "staticfeed.toml").is_file()


def test_init_with_standard_input_closed_names_the_option_to_pass(in_tmp: Path) -> None:
    # `staticfeed init blog <&-`: input() raised RuntimeError, shown as a traceback.
    result = subprocess.run(
        [sys.executable, "-m", "staticfeed", "init", "blog"],
        preexec_fn=lambda: os.close(0),  # the child starts with no standard input
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.endswith(
        "Error: no answer on standard input for --title: pass --title (or run it in a terminal).\n"
    )


def _read_until(terminal: int, end: bytes, seconds: float = 30) -> bytes:
    """What the terminal shows until it shows `end`, its program ends, or `seconds` pass."""
    shown = b""
    deadline = time.monotonic() + seconds
    while not shown.endswith(end) and time.monotonic() < deadline:
        if select.select([terminal], [], [], 0.1)[0]:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the other end is closed: the program ended
                break
            if not chunk:
                break
            shown += chunk
    return shown


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal (POSIX)")
def test_ctrl_c_at_an_init_question_ends_init_as_it_ends_any_command(in_tmp: Path) -> None:
    # click made Ctrl-C at a question "Aborted!", on the question's line, and exit status 1:
    # a script running init went on, where after Ctrl-C anywhere else it stops.
    pid, terminal = pty.fork()
    if pid == 0:  # the child: init, asking on the terminal
        try:
            # As in a terminal, whatever started pytest: a background job of a script ignores
            # SIGINT, and its children with it.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.execv(sys.executable, [sys.executable, "-m", "staticfeed", "init", "blog"])
        finally:
            os._exit(127)
    shown = b""
    try:
        shown = _read_until(terminal, b"Title of the publication: ")
        for _ in range(30):
            # Ctrl-C, which the terminal sends as SIGINT; again if it came before init began
            # to read, as Python acts on a signal only once the read it was in returns.
            os.write(terminal, b"\x03")
            shown += _read_until(terminal, b"Aborted!\r\n", seconds=1)
            if shown.endswith(b"Aborted!\r\n"):
                break
    finally:
        if not shown.endswith(b"Aborted!\r\n"):
            os.kill(pid, signal.SIGKILL)  # a failure, not a test run that never ends
        _, status = os.waitpid(pid, 0)
        os.close(terminal)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGINT, shown
    assert shown.startswith(b"Title of the publication: "), shown
    assert shown.endswith(b"\r\nAborted!\r\n"), shown
    assert not (in_tmp / "blog").exists()


@pytest.mark.parametrize("folder", ["afile", "afile/blog"])
def test_init_into_a_path_that_is_a_file_names_the_file_in_the_way(
    in_tmp: Path, folder: str
) -> None:
    # mkdir's "File exists" was reported as "staticfeed.toml: the file already exists", and
    # "Not a directory" (a file above the folder) as a matter of permissions.
    (in_tmp / "afile").write_text("", encoding="utf-8")
    result = run(
        "init", folder, "--title", "T", "--site-url", "https://i.test/", "--author", "Ann",
        "--timezone", "UTC",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: afile: a file is where a folder must go. Move the file away, or choose another "
        "place.\n"
    )


def test_init_that_cannot_write_the_example_leaves_no_config(in_tmp: Path) -> None:
    # All or nothing: a config left behind would make the next init say the folder has one.
    year = datetime.now(UTC).year  # the example's folder: any year around now is in the way
    (in_tmp / "entries").mkdir()
    for near in (year - 1, year, year + 1):
        (in_tmp / "entries" / str(near)).write_text("", encoding="utf-8")
    result = run(
        "init", ".", "--title", "T", "--site-url", "https://i.test/", "--author", "Ann",
        "--timezone", "UTC",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.endswith(
        ": a file is where a folder must go. Move the file away, or choose another place.\n"
    )
    assert sorted(path.name for path in in_tmp.iterdir()) == ["entries"]


def test_init_beside_a_pyproject_of_other_tools_writes_its_config(in_tmp: Path) -> None:
    # A Python project's pyproject.toml configures other tools: it is staticfeed's config only
    # with a [tool.staticfeed] table.
    pyproject = b'[project]\nname = "blog"\n\n[tool.ruff]\nline-length = 100\n'
    (in_tmp / "pyproject.toml").write_bytes(pyproject)
    result = run(
        "init", ".", "--title", "My notes", "--site-url", "https://i.test/",
        "--author", "Ann", "--timezone", "UTC",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (in_tmp / "pyproject.toml").read_bytes() == pyproject
    config = tomllib.loads((in_tmp / "staticfeed.toml").read_text(encoding="utf-8"))
    assert config["title"] == "My notes"


def test_init_writes_a_backslash_or_a_quote_in_a_title_or_name_as_typed(in_tmp: Path) -> None:
    result = run(
        "init", ".", "--title", 'Notes \\ "links"', "--site-url", "https://i.test/",
        "--author", "Ann \\n Lee", "--timezone", "UTC",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    config = tomllib.loads((in_tmp / "staticfeed.toml").read_text(encoding="utf-8"))
    assert (config["title"], config["authors"]) == ('Notes \\ "links"', [{"name": "Ann \\n Lee"}])


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


def init_at(site_url: str, author: str) -> Result:
    return run(
        "init", "--title", "T", "--site-url", site_url, "--author", author, "--timezone", "UTC"
    )  # fmt: skip


def pinned_authority(folder: Path) -> str:
    config = tomllib.loads((folder / "staticfeed.toml").read_text(encoding="utf-8"))
    return str(config["id_authority"])


@pytest.mark.parametrize(
    ("site_url", "author", "name"),
    [
        # RFC 4151 takes a domain name or an email address: an IP address is neither, and
        # init cut [2001:db8::1] at its first colon, pinning the authority "2001".
        ("https://[2001:db8::1]/", "Ann <ann@example.org>", "ann@example.org"),
        ("http://192.0.2.1/", "Ann <ann@example.org>", "ann@example.org"),
        # It pinned example.org, a placeholder, for an address with a dot in brackets.
        ("https://[::ffff:192.0.2.1]/", "Ann <ann@example.org>", "ann@example.org"),
        # No one owns a name without a dot; RFC 4151 recommends lower case.
        ("http://localhost:8000/", "Ann <Ann.Lee@Example.ORG>", "ann.lee@example.org"),
        # RFC 4151's DNSname has no "_": this host is no domain name an authority can be.
        ("https://my_site.example/", "Ann <ann@example.org>", "ann@example.org"),
    ],
)
def test_init_for_a_site_at_an_ip_address_pins_the_author_email_as_id_authority(
    in_tmp: Path, site_url: str, author: str, name: str
) -> None:
    result = init_at(site_url, author)
    assert result.exit_code == 0, result.output
    authority = pinned_authority(in_tmp)
    assert re.fullmatch(rf"{re.escape(name)},\d{{4}}", authority), authority
    assert run("build").exit_code == 0
    (entry_id,) = atom_entries(in_tmp)
    assert entry_id.startswith(f"tag:{authority}:")
    read = feedparser.parse(str(in_tmp / "feeds" / "rss.xml"))
    assert [item.id for item in read.entries] == [entry_id]


@pytest.mark.parametrize(
    ("site_url", "author", "said"),
    [
        ("https://[2001:db8::1]/", "Ann", "site_url's host '2001:db8::1' is an IP address"),
        ("http://192.0.2.1/", "Ann", "site_url's host '192.0.2.1' is an IP address"),
        ("http://127.1/", "Ann", "site_url's host '127.1' ends in a number, as only an IP"
         " address does"),
        ("http://localhost/", "Ann", "site_url's host 'localhost' is a name without a dot,"
         " which no one owns"),
        # RFC 4151's emailAddress: ASCII letters, digits, ".", "-" and "_" before the "@".
        (
            "http://192.0.2.1/", "Ann <ann+feeds@example.org>",
            "site_url's host '192.0.2.1' is an IP address, and the author's email"
            " 'ann+feeds@example.org' has other than ASCII letters, digits, '.', '-' and '_'"
            " before its '@'",
        ),
        (
            "http://192.0.2.1/", "Ann <ann@192.0.2.2>",
            "site_url's host '192.0.2.1' is an IP address, and the author's email"
            " 'ann@192.0.2.2' has a domain that is an IP address",
        ),
    ],
)  # fmt: skip
def test_init_for_a_site_at_an_ip_address_without_a_usable_email_writes_nothing(
    in_tmp: Path, site_url: str, author: str, said: str
) -> None:
    result = init_at(site_url, author)
    assert result.exit_code == 1, result.output
    give = "an email that can" if "@" in author else "with an email"
    assert result.stderr == (
        f"Error: {said}, but an entry's id (a tag URI, RFC 4151) needs a domain name or an email"
        f" address of yours to name whose it is. Give the author {give}, as --author"
        ' "Ann Lee <ann@example.org>", or a site URL whose host is a domain name.\n'
    )
    assert list(in_tmp.iterdir()) == []


def test_new_without_id_authority_at_an_ip_address_suggests_the_author_email(
    in_tmp: Path,
) -> None:
    # It suggested id_authority = "2001,2026": the address cut at its first colon.
    config = 'title = "T"\nsite_url = "https://[2001:db8::1]/"\ntimezone = "UTC"\n'
    config += 'authors = [{ name = "Ann", email = "ann@example.org" }]\n'
    (in_tmp / "staticfeed.toml").write_text(config, encoding="utf-8")
    result = run("new", "T", "--date", "2026-01-02")
    assert result.exit_code == 1, result.output
    said = (
        "Error: staticfeed.toml: id_authority is not set, and new needs it to pin the entry's"
        ' id. Add id_authority = "ann@example.org,YEAR" to the config, with the author\'s'
        " email (site_url's host '2001:db8::1' is an IP address). Pin it and never change it:"
        " every entry id is built from it, and a new value would make readers show every"
        " entry again.\n"
    )
    # The year is this year's, as new pins ids now.
    assert re.fullmatch(re.escape(said).replace("YEAR", r"\d{4}"), result.stderr), result.stderr


@pytest.mark.parametrize(
    ("site_url", "name"),
    [
        # The DNS root's dot is no part of the name: init refused its own id_authority.
        ("https://notes.example.net./", "notes.example.net"),
        # As the feeds write the host (UTS 46), not as Python's IDNA 2003 codec writes it
        # (fass.example, another domain).
        ("https://faß.example/", "xn--fa-hia.example"),
        # Only the last label tells an IP address (WHATWG): a number first is a domain name.
        ("https://2025.example.net/", "2025.example.net"),
    ],
)
def test_init_pins_the_site_host_as_the_feeds_write_it(
    in_tmp: Path, site_url: str, name: str
) -> None:
    result = init_at(site_url, "Ann")
    assert result.exit_code == 0, result.output
    assert pinned_authority(in_tmp).startswith(f"{name},")
    assert run("build").exit_code == 0
    root = etree.parse(str(in_tmp / "feeds" / "atom.xml")).getroot()
    link = root.find(f"{ATOM}link[@rel='alternate']")
    assert link is not None
    assert urlsplit(link.get("href")).hostname in (name, f"{name}.")


def test_init_asks_for_what_the_options_do_not_give(in_tmp: Path) -> None:
    answers = "Asked title\nnot a url\nhttps://asked.example.net/\nBo Chen\nMars/Base\nUTC\n"
    result = run("init", prompts=answers)
    assert result.exit_code == 0, result.output
    config = (in_tmp / "staticfeed.toml").read_text(encoding="utf-8")
    assert 'title = "Asked title"' in config
    assert 'site_url = "https://asked.example.net/"' in config
    assert 'timezone = "UTC"' in config


def test_init_for_a_site_at_an_ip_address_asks_for_the_author_email_again(in_tmp: Path) -> None:
    # It took "Ann" and failed only after the last answer, for want of an email.
    answers = "T\nhttp://192.0.2.1/\nAnn\nAnn <ann+x@example.org>\nAnn <ann@example.org>\nUTC\n"
    result = run("init", prompts=answers)
    assert result.exit_code == 0, result.output
    question = (
        "Default author (\"Name <email>\": site_url's host '192.0.2.1' is an IP address, so the"
        " entries' ids take the email): "
    )
    assert result.stderr.count(question) == 3
    fix = ': give an email of yours, like "Ann Lee <ann@example.org>".\n'
    assert f"Error: site_url's host '192.0.2.1' is an IP address{fix}" in result.stderr
    said = "the author's email 'ann+x@example.org' has other than ASCII letters, digits,"
    assert f"{said} '.', '-' and '_' before its '@'{fix}" in result.stderr
    assert re.fullmatch(r"ann@example\.org,\d{4}", pinned_authority(in_tmp))


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make init see a machine whose zone is given by TZ, a link at /etc/localtime or a line
    in /etc/timezone (each None: not there), whatever this machine's own zone is."""

    def set_up(tz: str | None, link: str | None = None, line: str | None = None) -> None:
        etc = tmp_path / "etc"
        etc.mkdir()
        if link is not None:
            (etc / "localtime").symlink_to(link)
        if line is not None:
            (etc / "timezone").write_text(line, encoding="utf-8")
        monkeypatch.setattr(staticfeed.dates, "LOCALTIME", etc / "localtime")
        monkeypatch.setattr(staticfeed.dates, "TIMEZONE_FILE", etc / "timezone")
        if tz is None:
            monkeypatch.delenv("TZ", raising=False)
        else:
            monkeypatch.setenv("TZ", tz)

    return set_up


@pytest.mark.parametrize(
    ("tz", "link", "line", "offered"),
    [
        ("Asia/Tokyo", "/usr/share/zoneinfo/Europe/Kyiv", "Europe/Paris\n", "Asia/Tokyo"),
        (":Asia/Tokyo", None, None, "Asia/Tokyo"),
        ("/usr/share/zoneinfo/Asia/Tokyo", None, None, "Asia/Tokyo"),
        # A POSIX rule, or an empty TZ, names no zone: the machine's files do.
        ("CET-1CEST,M3.5.0,M10.5.0/3", "/usr/share/zoneinfo/Europe/Kyiv", None, "Europe/Kyiv"),
        ("", "../usr/share/zoneinfo/America/New_York", None, "America/New_York"),
        # zoneinfo's "localtime" is a link to the machine's zone, which names none.
        ("/usr/share/zoneinfo/localtime", "/usr/share/zoneinfo/Europe/Kyiv", None, "Europe/Kyiv"),
        (None, "/var/db/timezone/zoneinfo/Europe/Kyiv", None, "Europe/Kyiv"),  # macOS
        (None, "/usr/share/zoneinfo/posix/Europe/Kyiv", None, "Europe/Kyiv"),
        # The zones are in the last zoneinfo folder of the path, which others may hold.
        (None, "/opt/zoneinfo/share/zoneinfo/Europe/Kyiv", None, "Europe/Kyiv"),
        # posix/ and right/ hold the same zones (right/ counting leap seconds, which the config
        # refuses): it offered the machine's files' zone, or UTC.
        ("posix/Asia/Tokyo", "/usr/share/zoneinfo/Europe/Kyiv", None, "Asia/Tokyo"),
        (":right/Asia/Tokyo", None, "Europe/Paris\n", "Asia/Tokyo"),
        ("/usr/share/zoneinfo/right/Asia/Tokyo", None, None, "Asia/Tokyo"),
        (None, "/usr/share/zoneinfo/right/Europe/Kyiv", None, "Europe/Kyiv"),
        ("posix/localtime", None, None, "UTC"),
        (None, "/usr/share/zoneinfo/Mars/Base", "Europe/Paris\n", "Europe/Paris"),
        (None, None, "America/Santiago\n", "America/Santiago"),
        (None, None, "not a zone\n", "UTC"),
        (None, None, None, "UTC"),
    ],
)
def test_init_offers_the_machine_zone(
    in_tmp: Path,
    machine: Callable[..., None],
    tz: str | None,
    link: str | None,
    line: str | None,
    offered: str,
) -> None:
    # It offered UTC on every machine, and a user who pressed Enter in Tokyo got dates without
    # an offset read nine hours off.
    machine(tz, link, line)
    result = run("init", "blog", "--title", "T", "--site-url", "https://t.test/", prompts="A\n\n")
    assert result.exit_code == 0, result.output
    assert f"Time zone [{offered}]: " in result.stderr
    with (in_tmp / "blog" / "staticfeed.toml").open("rb") as config:
        assert tomllib.load(config)["timezone"] == offered


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        # It suggested https://example.org/my notes.example.net, itself refused for its spaces.
        (
            "my notes.example.net",
            "is not an absolute http(s) URL. Write it in full, like https://my-notes.example.net",
        ),
        ("my blog", "is not an absolute http(s) URL. Write it in full, like "),
        # It said "Write spaces as %20", which makes no host name.
        (
            "https://my notes.example.net/",
            "has a space in its host name, which no host name has. Write the host name without "
            "spaces, like https://my-notes.example.net/",
        ),
        ("https://notes.example.net/a b/", "contains spaces. Write spaces as %20: "),
    ],
)
def test_init_suggests_a_site_url_it_would_take(in_tmp: Path, answer: str, said: str) -> None:
    result = run("init", "--title", "T", "--author", "A", "--timezone", "UTC", prompts=answer)
    assert result.exit_code == 2, result.output
    (error,) = [line for line in result.stderr.splitlines() if "Error: the site URL" in line]
    assert f"Error: the site URL {answer!r} {said}" in error
    suggested = error.rpartition(" ")[2]
    accepted = run("init", "--title", "T", "--author", "A", "--timezone", "UTC", prompts=suggested)
    assert accepted.exit_code == 0, accepted.output


def test_init_asks_on_stderr_so_its_output_can_go_to_a_file(in_tmp: Path) -> None:
    # `staticfeed init blog > log` wrote its questions into log: the terminal showed nothing,
    # as if init had hung, and log began with "Title of the publication: ".
    done = subprocess.run(
        [sys.executable, "-m", "staticfeed", "init", "blog"],
        input="Notes\nexample.net\nhttps://asked.example.net/\nBo Chen\n\n",
        env={**os.environ, "TZ": "Asia/Tokyo"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(
        r"wrote blog/staticfeed\.toml\nwrote blog/entries/\d{4}/hello-world\.md\nnext:\n"
        r"  cd blog\n  staticfeed new \"Title of the next entry\"\n  staticfeed build\n",
        done.stdout,
    ), done.stdout
    assert done.stderr == (
        "Title of the publication: Site URL (its home page): Error: the site URL "
        "'example.net' is not an absolute http(s) URL. Write it in full, like "
        "https://example.net\n"
        "Site URL (its home page): "
        'Default author ("Name" or "Name <email>"): Time zone [Asia/Tokyo]: '
    )


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
        # A byte-order mark or a zero-width space shows nothing, as spaces alone.
        (["new", "T", "--tag", "\ufeff"], "Invalid value for '--tag': it is empty: give a tag."),
        (["new", "\u200b "], "Invalid value for 'TITLE': it is empty: give the entry's title."),
        (
            ["new", "T", "--author", "<bo@asked.example.net>"],
            "Invalid value for '--author': author '<bo@asked.example.net>' has no name. Write it"
            ' as "Ann Lee" or "Ann Lee <ann@example.org>".',
        ),
        # new wrote an entry whose authors the build refused (one text of two names).
        (
            ["new", "T", "--author", "李安、陈波"],
            "Invalid value for '--author': author '李安、陈波' parts names with U+3001 IDEOGRAPHIC "
            'COMMA, yet as text it is one author. Give --author once for each: --author "李安" '
            '--author "陈波"',
        ),
        # An ASCII semicolon parts two people as well (`Ann Lee; Bo Chen`).
        (
            ["new", "T", "--author", "Ann Lee; Bo Chen"],
            "Invalid value for '--author': author 'Ann Lee; Bo Chen' parts names with U+003B "
            "SEMICOLON, yet as text it is one author. Give --author once for each: --author "
            '"Ann Lee" --author "Bo Chen"',
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


def test_init_with_a_time_zone_in_other_letter_case_names_it_as_written(in_tmp: Path) -> None:
    answers = "T\nhttps://notes.example.net/\nA\nutc\n"
    result = run("init", prompts=answers)
    assert result.exit_code == 2, result.output
    assert (
        "Error: unknown time zone 'utc' (names are case-sensitive: UTC). Use an IANA name like "
        "UTC, Europe/Kyiv or America/New_York.\n"
    ) in result.stderr
    assert not (in_tmp / "staticfeed.toml").exists()


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


def title_alone_warning(path: str, line: int) -> str:
    return (
        f"Warning: {path}:{line}: the entry has a title alone: no text, no summary and no link, so"
        " readers get its title and an empty page. Write a sentence about it below the front"
        " matter, give it a summary: or a link:, or mark it draft: true until it is ready.\n"
    )


def test_build_warns_of_the_entry_new_wrote_while_it_has_a_title_alone(in_tmp: Path) -> None:
    # The README's first steps, init, new, build, published the new entry at once, its title
    # and an empty page, and said nothing; only check warned (no-text).
    assert init().exit_code == 0
    made = run("new", "Some title", "--date", "2025-07-01 09:00")
    assert (made.exit_code, made.stdout, made.stderr) == (0, "entries/2025/some-title.md\n", "")
    warning = title_alone_warning("entries/2025/some-title.md", 6)
    for _ in range(2):  # the same again from the stamp, with nothing to do
        result = run("build")
        assert result.exit_code == 0, result.output
        assert result.stderr == warning
        assert "Some title" in atom_entries(in_tmp).values()
    checked = run("check")
    assert checked.exit_code == 0, checked.output
    said = [line for line in checked.stdout.splitlines() if "some-title.md:6:" in line]
    assert said == [warning.removesuffix("\n") + " [build]"]  # not no-text's again


@pytest.mark.parametrize(
    ("front", "body"),
    [
        ("link: https://elsewhere.example.org/a\n", ""),  # a link blog's entry
        ("summary: A line.\n", ""),
        ("draft: true\n", ""),
        ("", "A line.\n"),
    ],
)
def test_build_does_not_warn_of_an_entry_with_something_to_show(
    in_tmp: Path, front: str, body: str
) -> None:
    assert init().exit_code == 0
    path = in_tmp / run("new", "Some title").stdout.strip()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", front + "---\n", 2).replace(front, "", 1) + body)
    result = run("build")
    assert (result.exit_code, result.stderr) == (0, ""), result.output


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Straße in Zürich", "strasse-in-zurich.md"),  # import kept "straße"
        ("İstanbul notes", "istanbul-notes.md"),  # new wrote "i-stanbul"
        ("नमस्ते दुनिया", "नमस्ते-दुनिया.md"),  # import cut it at each vowel sign
        ("Aren't we " + "word " * 13, "arent-we" + "-word" * 13 + ".md"),  # import cut at 60
        ("CON", "con-entry.md"),  # a name Windows keeps for a device, with any suffix
        ("LPT9", "lpt9-entry.md"),  # the last of COM1-COM9 and LPT1-LPT9
    ],
)
def test_new_and_import_make_one_file_name_from_a_title(
    in_tmp: Path, title: str, name: str
) -> None:
    assert init().exit_code == 0
    made = run("new", title, "--date", "2025-07-01 09:00")
    assert made.exit_code == 0, made.output
    assert made.output == f"entries/2025/{name}\n"
    source = in_tmp.parent / "source.md"
    # A Pelican post, named from its title (one with front matter is named from its file).
    source.write_text(f"Title: {title}\nDate: 2025-07-01\n\nText.\n", encoding="utf-8")
    imported = run("import", str(source), "--into", "imported")
    assert imported.exit_code == 0, imported.output
    assert imported.output.startswith(f"wrote imported/2025/{name} (from ")


@pytest.mark.parametrize("name", ["weekly.txt", "weekly.markdown", "Weekly.md"])
def test_new_refuses_a_title_whose_id_a_document_of_another_name_has(
    in_tmp: Path, name: str
) -> None:
    # It wrote entries/2025/weekly.md, and the next build failed: two entries with one id.
    assert init().exit_code == 0
    other = in_tmp / "entries" / "2025" / name
    other.parent.mkdir()
    other.write_text("---\ntitle: Weekly\ndate: 2025-06-01\n---\nText.\n", encoding="utf-8")
    result = run("new", "Weekly", "--date", "2025-07-01 09:00")
    assert result.exit_code == 1, result.output
    assert re.fullmatch(
        f"Error: entries/2025/{re.escape(name)}: a new entry would have the id "
        r"tag:notes\.example\.net,\d{4}:2025/weekly, which this document already has\. Give "
        r"the new entry a file name of its own with --slug \(or another title\)\.\n",
        result.stderr,
    ), result.stderr
    assert sorted(path.name for path in other.parent.iterdir()) == [name]
    assert run("build").exit_code == 0


@pytest.mark.parametrize(
    ("title", "said"),
    [
        (
            "-30% off",
            "No such option '-3'. A title that starts with - goes after --, at the "
            "end: staticfeed new [OPTIONS] -- '-30% off'",
        ),
        (
            "---",
            "No such option '---'. A title that starts with - goes after --, at the end: "
            "staticfeed new [OPTIONS] -- ---",
        ),
        ("--tags", "No such option '--tags'. Did you mean '--tag'?"),  # a mistyped option
    ],
)
def test_new_with_a_title_that_starts_with_a_dash_says_how_to_give_it(
    in_tmp: Path, title: str, said: str
) -> None:
    # It said only "No such option '-3'", of a title the user never meant as an option.
    assert init().exit_code == 0
    result = run("new", title, "--date", "2025-07-01 09:00")
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == f"Error: {said}"
    given = run("new", "--date", "2025-07-01 09:00", "--", title)
    assert given.exit_code == 0, given.output
    assert front_matter(in_tmp / given.output.strip())["title"] == title


def test_new_with_a_slug_names_an_entry_whose_title_another_has(in_tmp: Path) -> None:
    # A weekly title could not be written twice in a year: the only fix given was another title.
    assert init().exit_code == 0
    assert run("new", "Weekly links", "--date", "2025-03-01").exit_code == 0
    again = run("new", "Weekly links", "--date", "2025-03-08")
    assert again.exit_code == 1, again.output
    assert again.stderr == (
        "Error: entries/2025/weekly-links.md: the file already exists. Give the new entry a file "
        "name of its own with --slug (or another title), or edit that file.\n"
    )
    named = run("new", "Weekly links", "--date", "2025-03-08", "--slug", "Weekly links 2")
    assert named.exit_code == 0, named.output
    assert named.output == "entries/2025/weekly-links-2.md\n"
    meta = front_matter(in_tmp / "entries" / "2025" / "weekly-links-2.md")
    assert meta["title"] == "Weekly links"
    assert str(meta["id"]).endswith(":2025/weekly-links-2")
    ascii_name = run("new", "Мир знизу", "--date", "2025-03-08", "--slug", "peace-from-below")
    assert ascii_name.output == "entries/2025/peace-from-below.md\n"
    assert run("build").exit_code == 0
    titles = sorted(atom_entries(in_tmp).values())
    assert titles == ["Hello, world", "Weekly links", "Weekly links", "Мир знизу"]


def test_new_dated_later_than_now_says_the_feeds_leave_it_out_until_then(in_tmp: Path) -> None:
    # It printed the path alone; the build then left the entry out, as a "future entry".
    assert init().exit_code == 0
    result = run("new", "Later", "--date", "2999-01-01")
    assert result.exit_code == 0, result.output
    assert result.stdout == "entries/2999/later.md\n"
    assert result.stderr == (
        "note: entries/2999/later.md is dated later than now: the feeds leave it out until then "
        "(build again then, or pass --future)\n"
    )
    earlier = run("new", "Earlier", "--date", "2025-01-01")
    assert (earlier.exit_code, earlier.stderr) == (0, "")


def test_new_refuses_a_tag_whose_marks_out_of_order_share_a_feed_with_another(
    in_tmp: Path,
) -> None:
    # "ᾴ" (U+1FB4) and capital alpha, ypogegrammeni, acute (the marks out of the canonical
    # order) fold alike once composed first: case folding turns the ypogegrammeni into a
    # letter iota, so composing after it alone left the acute on the iota, another file name.
    assert init().exit_code == 0
    assert run("new", "A", "--tag", "\u1fb4", "--date", "2025-07-01 09:00").exit_code == 0
    tag = run("new", "B", "--tag", "\u0391\u0345\u0301", "--date", "2025-07-02 09:00")
    assert tag.exit_code == 1, tag.output
    assert tag.stderr.startswith("Error: entries/2025/a.md: --tag ")
    assert "would share the feed of the tag '\u1fb4' written here." in tag.stderr
    assert sorted(path.name for path in (in_tmp / "entries" / "2025").iterdir()) == ["a.md"]


def test_new_refuses_a_tag_or_author_another_entry_or_the_config_spells_otherwise(
    in_tmp: Path,
) -> None:
    # new wrote both, and the next build failed: "the tag 'news' and the tag 'News' ... would
    # share the feed 'news'".
    assert init().exit_code == 0
    assert run("new", "A", "--tag", "News", "--date", "2025-07-01 09:00").exit_code == 0
    tag = run("new", "B", "--tag", "news", "--date", "2025-07-02 09:00")
    assert tag.exit_code == 1, tag.output
    assert tag.stderr == (
        "Error: entries/2025/a.md: --tag 'news' would share the feed of the tag 'News' written "
        "here. Give --tag 'News', as it is written here.\n"
    )
    author = run("new", "B", "--author", "ann lee", "--date", "2025-07-02 09:00")
    assert author.exit_code == 1, author.output
    assert author.stderr == (
        "Error: staticfeed.toml: --author 'ann lee' would share the feed of the author 'Ann Lee' "
        "written here. Give --author 'Ann Lee', as it is written here.\n"
    )
    assert sorted(path.name for path in (in_tmp / "entries" / "2025").iterdir()) == ["a.md"]
    same = run("new", "B", "--tag", "News", "--author", "Ann Lee", "--date", "2025-07-02 09:00")
    assert same.exit_code == 0, same.output
    assert run("build").exit_code == 0


NEW_A = ("new", "A", "--date", "2025-07-01 09:00")  # entries/2025/a.md, id tag:...:2025/a
TAKEN_HINT = "Give the new entry a file name of its own with --slug (or another title).\n"


def test_new_beside_a_document_of_its_name_with_a_slug_of_its_own_writes_the_entry(
    site: Callable[..., Path],
) -> None:
    # entries/2025/a.txt would have the id 2025/a, but its slug gives it another, and its page.
    own = "slug: elsewhere"
    folder = site(**{"2025/a.txt": f"---\ntitle: Other\ndate: 2025-01-01\n{own}\n---\nText.\n"})
    result = run(*NEW_A)
    assert (result.exit_code, result.stdout) == (0, "entries/2025/a.md\n"), result.output
    assert run("build").exit_code == 0
    assert sorted(atom_entries(folder)) == [
        "tag:example.org,2025:2025/a",
        "tag:example.org,2025:elsewhere",
    ]


ELSEWHERE = "id: tag:example.org,2025:elsewhere"  # an id of its own, not the file name's


@pytest.mark.parametrize(
    ("documents", "title", "written"),
    [
        ({"2025/a.txt": ELSEWHERE}, "A", "a-2"),  # the page of its file name, 2025/a
        ({"b.md": "slug: 2025/straße"}, "Straße", "strasse-2"),  # one page, case folded
        ({"2025/a.txt": ELSEWHERE, "2025/a-2.md": f"{ELSEWHERE}-2"}, "A", "a-3"),
        ({"2025/a.txt": ELSEWHERE, "c.md": "slug: 2025/a-2"}, "A", "a-3"),  # a-2's id, taken
    ],
)
def test_new_beside_a_document_with_the_page_of_its_name_writes_the_next_free_name(
    site: Callable[..., Path], documents: dict[str, str], title: str, written: str
) -> None:
    # new wrote entries/2025/a.md beside a.txt, and the next build failed: "slug '2025/a'
    # gives the same page as entries/2025/a.md".
    folder = site(
        **{
            name: f"---\ntitle: Other {number}\ndate: 2025-01-0{number}\n{line}\n---\nText.\n"
            for number, (name, line) in enumerate(documents.items(), start=1)
        }
    )
    result = run("new", title, "--date", "2025-07-01 09:00")
    assert (result.exit_code, result.stdout) == (0, f"entries/2025/{written}.md\n"), result.output
    built = run("build")
    assert built.exit_code == 0, built.output
    assert atom_entries(folder)[f"tag:example.org,2025:2025/{written}"] == title
    page = etree.parse(str(folder / "feeds" / "2025" / written / "index.html"), etree.HTMLParser())
    assert page.findtext(".//h1") == title


def test_new_refuses_an_id_pinned_with_spaces_around_it(site: Callable[..., Path]) -> None:
    # build reads the id without the spaces: the two entries would share it.
    pinned = 'id: "  tag:example.org,2025:2025/a "'
    site(**{"b.md": f"---\ntitle: B\ndate: 2025-01-01\n{pinned}\n---\nText.\n"})
    result = run(*NEW_A)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/b.md: a new entry would have the id tag:example.org,2025:2025/a, which "
        "this document already has. " + TAKEN_HINT
    )


def test_new_beside_a_document_whose_slug_is_no_path_writes_the_entry(
    site: Callable[..., Path],
) -> None:
    # The build reports that document; new had a traceback (SlugError).
    site(**{"b.md": "---\ntitle: B\ndate: 2025-01-01\nslug: a/../b\n---\nText.\n"})
    result = run(*NEW_A)
    assert (result.exit_code, result.stdout) == (0, "entries/2025/a.md\n"), result.output


def test_new_refuses_an_author_a_document_spells_otherwise_under_author(
    site: Callable[..., Path],
) -> None:
    site(**{"b.md": "---\ntitle: B\ndate: 2025-01-01\nauthor: Bo Chen\n---\nText.\n"})
    result = run(*NEW_A, "--author", "bo chen")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/b.md: --author 'bo chen' would share the feed of the author 'Bo Chen' "
        "written here. Give --author 'Bo Chen', as it is written here.\n"
    )


def test_new_writes_a_long_title_in_any_script_on_one_line_as_typed(
    site: Callable[..., Path],
) -> None:
    # YAML's default: a line folded at 80 characters, and letters past ASCII as \u escapes.
    folder = site()
    title = "Мир знизу " + "та далі " * 15 + "кінець"
    result = run("new", title, "--date", "2025-07-01 09:00", "--slug", "long")
    assert result.exit_code == 0, result.output
    lines = (folder / "entries" / "2025" / "long.md").read_text(encoding="utf-8").splitlines()
    assert lines[1] == f"title: {title}"


def test_new_takes_a_tag_typed_with_a_separate_accent_as_the_same_tag(in_tmp: Path) -> None:
    # "café" typed as "e" and U+0301 (macOS) was refused as another spelling of "café", which
    # the build publishes as one tag.
    assert init().exit_code == 0
    composed, decomposed = "café", "cafe\u0301"
    assert run("new", "A", "--tag", composed, "--date", "2025-07-01 09:00").exit_code == 0
    result = run("new", "B", "--tag", decomposed, "--date", "2025-07-02 09:00")
    assert result.exit_code == 0, result.output
    assert run("build").exit_code == 0
    root = etree.parse(str(in_tmp / "feeds" / "atom.xml")).getroot()
    assert [c.get("term") for c in root.iter(f"{ATOM}category")] == [composed, composed]


def test_new_with_a_date_whose_midnight_the_clocks_skip(in_tmp: Path) -> None:
    assert init().exit_code == 0
    config = in_tmp / "staticfeed.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("Europe/Kyiv", "America/Santiago"),
        encoding="utf-8",
    )
    result = run("new", "Spring", "--date", "2025-09-07")
    assert result.exit_code == 0, result.output
    meta = front_matter(in_tmp / result.output.strip())
    # Santiago's clocks went from 00:00 -04:00 to 01:00 -03:00: the day began at 01:00.
    assert meta["date"] == datetime.fromisoformat("2025-09-07T01:00:00-03:00")
    assert run("build").exit_code == 0


def test_new_refuses_a_date_that_falls_past_9999_in_the_sites_zone(in_tmp: Path) -> None:
    # 23:30 UTC on the last day of 9999 is 10000-01-01 01:30 in Kyiv, which new writes the date
    # in: it ended with Python's OverflowError and a traceback.
    assert init().exit_code == 0
    result = run("new", "Last", "--date", "9999-12-31T23:30:00+00:00")
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(
        "Error: Invalid value for '--date': 9999-12-31 23:30:00+00:00 is out of range: in "
        "Europe/Kyiv it falls before the year 1 or after 9999. Write it like 2025-12-22, "
        "2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.\n"
    )
    assert not (in_tmp / "entries" / "9999").exists()


def test_new_writes_a_year_before_1000_in_four_digits_as_import_does(in_tmp: Path) -> None:
    # It wrote entries/1/x.md, where import and every other year give entries/0001/.
    assert init().exit_code == 0
    result = run("new", "X", "--date", "0001-01-01T00:10:00+00:00")
    assert result.exit_code == 0, result.output
    assert result.output == "entries/0001/x.md\n"
    assert front_matter(in_tmp / "entries" / "0001" / "x.md")["id"].endswith(":0001/x")
    assert not (in_tmp / "entries" / "1").exists()


def test_new_writes_a_tag_or_author_given_twice_once(in_tmp: Path) -> None:
    # Written twice, published twice: two <category term="a"/>, "By Bo and Bo".
    assert init().exit_code == 0
    args = ["--tag", "a", "--tag", "b", "--tag", "a", "--author", "Bo", "--author", "Bo"]
    result = run("new", "Dup", *args, "--date", "2025-07-01 09:00")
    assert result.exit_code == 0, result.output
    meta = front_matter(in_tmp / result.output.strip())
    assert (meta["tags"], meta["authors"]) == (["a", "b"], ["Bo"])
    assert run("build").exit_code == 0
    root = etree.parse(str(in_tmp / "feeds" / "atom.xml")).getroot()
    assert [c.get("term") for c in root.iter(f"{ATOM}category")] == ["a", "b"]
    (entry,) = [e for e in root.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == "Dup"]
    assert [name.text for name in entry.iter(f"{ATOM}name")] == ["Bo"]


def test_new_writes_an_author_as_first_typed_without_the_spaces_around(in_tmp: Path) -> None:
    assert init().exit_code == 0
    args = ["--author", "Bo <bo@x.org>", "--author", "Bo  <bo@x.org>", "--author", "  Cy "]
    result = run("new", "Dup", *args, "--date", "2025-07-01 09:00")
    assert result.exit_code == 0, result.output
    assert front_matter(in_tmp / result.output.strip())["authors"] == ["Bo <bo@x.org>", "Cy"]


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


def clock_at(moment: datetime) -> type[datetime]:
    """datetime, but for now(), which is `moment`."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Clock:  # type: ignore[override]
            assert tz is UTC, "staticfeed asks for now in UTC"
            return cls.fromtimestamp(moment.timestamp(), UTC)

    return Clock


def test_touch_in_the_hour_the_clocks_go_back_twice_reads_the_instant(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # In Berlin on 2025-10-26 the clocks show 02:00 to 03:00 twice, at +02:00 and then +01:00.
    # An entry dated 02:30 (the first, 00:30 UTC) touched at 01:15 UTC, 02:15 +01:00, was
    # refused as dated later than now: the two clock readings were compared, not the instants.
    folder = site(
        config=BASIC_CONFIG + 'timezone = "Europe/Berlin"\n',
        **{"a.md": "---\ntitle: A\ndate: 2025-10-26 02:30\n---\nBody.\n"},
    )
    monkeypatch.setattr(
        staticfeed.cli, "datetime", clock_at(datetime(2025, 10, 26, 1, 15, tzinfo=UTC))
    )
    result = run("touch", "entries/a.md")
    assert result.exit_code == 0, result.output
    assert result.output == "entries/a.md: updated: 2025-10-26T02:15:00+01:00\n"
    assert run("build").exit_code == 0
    (entry,) = feedparser.parse(folder / "feeds" / "atom.xml").entries
    assert entry.published_parsed[:6] == (2025, 10, 26, 0, 30, 0)
    assert entry.updated_parsed[:6] == (2025, 10, 26, 1, 15, 0)


@pytest.mark.parametrize("fraction", [500000, 1])
def test_touch_in_the_second_of_a_date_with_a_fraction_writes_no_earlier_updated(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, fraction: int
) -> None:
    # Touched at 10:00:00.7 (or .000002), an entry dated 10:00:00.5 (or .000001) was refused as
    # "dated 10:00:00, later than now (10:00:00)": updated: is written to the second, and
    # 10:00:00 is earlier than the date. The next whole second is the first that is not.
    folder = site(
        config=BASIC_CONFIG + 'timezone = "Europe/Berlin"\n',
        **{"a.md": f"---\ntitle: A\ndate: 2025-06-01T10:00:00.{fraction:06d}+02:00\n---\nB.\n"},
    )
    now = datetime(2025, 6, 1, 8, 0, 0, fraction + 1, tzinfo=UTC)  # 10:00:00 and more in Berlin
    monkeypatch.setattr(staticfeed.cli, "datetime", clock_at(now))
    result = run("touch", "entries/a.md")
    assert result.exit_code == 0, result.output
    assert result.output == "entries/a.md: updated: 2025-06-01T10:00:01+02:00\n"
    assert run("build").exit_code == 0
    (entry,) = feedparser.parse(folder / "feeds" / "atom.xml").entries
    assert entry.published_parsed[:6] == (2025, 6, 1, 8, 0, 0)
    assert entry.updated_parsed[:6] == (2025, 6, 1, 8, 0, 1)


def test_touch_in_the_second_after_a_date_with_a_fraction_writes_now(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    site(**{"a.md": "---\ntitle: A\ndate: 2025-06-01T10:00:00.5+00:00\n---\nB.\n"})
    now = datetime(2025, 6, 1, 10, 0, 1, 200000, tzinfo=UTC)
    monkeypatch.setattr(staticfeed.cli, "datetime", clock_at(now))
    result = run("touch", "entries/a.md")
    assert result.output == "entries/a.md: updated: 2025-06-01T10:00:01+00:00\n"


def test_touch_reads_a_lone_cr_inside_its_line_as_build_does(site: Callable[..., Path]) -> None:
    # touch ended a line at it, as build did: "title: Hel" and "lo" were two lines, and touch
    # refused the document ("could not find expected ':'") that build now takes.
    folder = site(**{"a.md": "---\ntitle: Hel\rlo\ndate: 2025-01-01\n---\nBody.\n"})
    result = run("touch", "entries/a.md")
    assert result.exit_code == 0, result.output
    data = (folder / "entries" / "a.md").read_bytes()
    assert data.startswith(b"---\ntitle: Hel\rlo\ndate: 2025-01-01\nupdated: ")
    assert run("build").exit_code == 0
    root = etree.parse(str(folder / "feeds" / "atom.xml")).getroot()
    assert [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")] == ["Hel lo"]


# A C1 control character, as in text from a Windows-1252 file read as Latin-1: build reads
# U+0085 as the character browsers show for it (an ellipsis), where YAML ends a line at it.
C1_DOCUMENT = (
    "---\ntitle: T\n# to check\x85 the date\ndate: 2025-01-01\nupdated: 2025-02-01\n---\nBody.\n"
)


def test_new_pin_and_touch_read_a_c1_control_character_as_build_does(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # They read the document without build's change: YAML's error, at the line end it took,
    # ended each of them with a traceback (ValueError: no such name), for a document build takes.
    folder = site()
    path = folder / "entries" / "a.md"
    path.write_bytes(C1_DOCUMENT.encode("utf-8"))
    monkeypatch.setattr(staticfeed.cli, "datetime", clock_at(datetime(2025, 6, 1, 10, tzinfo=UTC)))
    result = run("touch", "entries/a.md")
    assert result.exit_code == 0, result.output
    assert result.stdout == "entries/a.md: updated: 2025-06-01T10:00:00+00:00\n"
    touched = C1_DOCUMENT.replace("updated: 2025-02-01\n", "updated: 2025-06-01T10:00:00+00:00\n")
    assert path.read_bytes() == touched.encode("utf-8")
    result = run("pin")
    assert result.exit_code == 0, result.output
    pinned = touched.replace("\n---\nBody", "\nid: tag:example.org,2025:a\n---\nBody")
    assert path.read_bytes() == pinned.encode("utf-8")
    result = run("new", "Hello")
    assert result.exit_code == 0, result.output
    assert result.stdout == "entries/2025/hello.md\n"
    assert run("build").exit_code == 0
    entries = feedparser.parse(folder / "feeds" / "atom.xml").entries
    assert {entry.id: entry.updated_parsed[:4] for entry in entries} == {
        "tag:example.org,2025:a": (2025, 6, 1, 10),
        "tag:example.org,2025:2025/hello": (2025, 6, 1, 10),
    }


# YAML 1.1 ends a line at a CR alone and at U+2028 too, where build reads one line (a CR alone
# inside a line is a space there): touch counted YAML's lines, one too many, and replaced the
# line below `updated` (so refused the document) or added `updated` a line below its place.
@pytest.mark.parametrize("summary", ['"one\rtwo"', '"one\u2028two"'])
@pytest.mark.parametrize(
    ("written", "touched"),
    [
        ("date: 2025-01-01\nupdated: 2025-02-01\n", "date: 2025-01-01\nupdated: {now}\n"),
        ("date: 2025-01-01\n", "date: 2025-01-01\nupdated: {now}\n"),
    ],
)
def test_touch_finds_its_line_below_a_line_yaml_alone_would_end_twice(
    site: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
    summary: str,
    written: str,
    touched: str,
) -> None:
    folder = site()
    path = folder / "entries" / "a.md"
    document = f"---\ntitle: T\nsummary: {summary}\n{written}tags: [a]\n---\nBody.\n"
    path.write_bytes(document.encode("utf-8"))
    monkeypatch.setattr(staticfeed.cli, "datetime", clock_at(datetime(2025, 6, 1, 10, tzinfo=UTC)))
    result = run("touch", "entries/a.md")
    assert result.exit_code == 0, result.output
    now = "2025-06-01T10:00:00+00:00"
    assert path.read_bytes() == document.replace(written, touched.format(now=now)).encode("utf-8")


def test_touch_names_the_line_of_a_byte_not_utf8_with_cr_line_ends(
    site: Callable[..., Path],
) -> None:
    # With classic Mac OS line ends, CR alone, every such byte was named at line 1.
    folder = site(**{"a.md": "Body.\n"})
    (folder / "entries" / "a.md").write_bytes(b"---\rtitle: A\rdate: 2025-01-01\r---\rBo\xffdy\r")
    result = run("touch", "entries/a.md")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/a.md:5: the file is not valid UTF-8 (byte offset 36). "
        "Save the file as UTF-8.\n"
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_touch_names_the_byte_order_mark_of_utf16_as_build_does(
    site: Callable[..., Path], encoding: str
) -> None:
    # touch said "not valid UTF-8 (byte offset 0)", which did not say what the file was.
    folder = site(**{"a.md": "Body.\n"})
    text = "---\ntitle: A\ndate: 2025-01-01\n---\nA.\n"
    (folder / "entries" / "a.md").write_text(text, encoding=encoding)
    expected = (
        "Error: entries/a.md: the file is not UTF-8: it begins with the byte-order mark of "
        "UTF-16 or UTF-32. Save the file as UTF-8.\n"
    )
    for command in (["touch", "entries/a.md"], ["build"]):
        result = run(*command)
        assert result.exit_code == 1, result.output
        assert result.stderr == expected


@pytest.mark.parametrize(
    ("given", "fix"),
    [
        ("2025/my-post.md", "Give its path from here: entries/2025/my-post.md."),
        ("entries/2025/my-post", "Give its path from here: entries/2025/my-post.md."),
        ("my-post", "Give its path from here: entries/2025/my-post.md."),
        ("other.md", "Give the path of a document in the entries folder, like "),
    ],
)
def test_touch_names_the_entry_a_path_without_its_folder_or_suffix_meant(
    site: Callable[..., Path], given: str, fix: str
) -> None:
    # Each said "there is no such file", with an example path, not the entry's.
    folder = site(**{"2025/my-post.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    before = (folder / "entries" / "2025" / "my-post.md").read_bytes()
    result = run("touch", given)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {given}: there is no such file. {fix}")
    assert (folder / "entries" / "2025" / "my-post.md").read_bytes() == before


GENERIC_FIX = "Give the path of a document in the entries folder, like entries/2025/my-post.md."


@pytest.mark.parametrize(
    ("given", "fix"),
    [
        ("v1.2-notes", "Give its path from here: entries/2025/v1.2-notes.md."),  # a dot, no suffix
        ("2024/v1.2-notes.md", GENERIC_FIX),  # another year's: not the one meant
        ("twice", GENERIC_FIX),  # two entries of that name: either may be meant
    ],
)
def test_touch_names_only_the_one_entry_a_path_can_mean(
    site: Callable[..., Path], given: str, fix: str
) -> None:
    text = "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"
    site(**{"2025/v1.2-notes.md": text, "2025/twice.md": text, "2024/twice.md": text})
    result = run("touch", given)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {given}: there is no such file. {fix}\n"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        # `staticfeed touch "$ENTRY"` with ENTRY unset said "Error: .: it is a folder, not a
        # document", the current folder, and exited 1 as for a document's error.
        (["touch", ""], "'ENTRY': the file name is empty."),
        (["touch", "  "], "'ENTRY': the file name is empty."),  # spaces alone: as empty
        # `staticfeed init "$DIR" …` with DIR unset started a publication in the current folder.
        (
            [
                "init",
                "",
                "--title",
                "T",
                "--site-url",
                "https://e.org/",
                "--author",
                "A",
                "--timezone",
                "UTC",
            ],
            "'[FOLDER]': the folder name is empty.",
        ),
    ],
)
def test_an_empty_path_is_a_wrong_command_line(in_tmp: Path, args: list[str], said: str) -> None:
    (in_tmp / "entries").mkdir()
    (in_tmp / "entries" / "a.md").write_text("---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n")
    before = sorted(in_tmp.rglob("*"))
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for {said}"
    assert sorted(in_tmp.rglob("*")) == before


def test_touch_on_a_draft_says_the_feeds_leave_it_out(site: Callable[..., Path]) -> None:
    # It said only "updated: …", as for a published entry, though no feed would show the date.
    site(
        **{
            "draft.md": "---\ntitle: D\ndate: 2025-01-01\ndraft: true\n---\nBody.\n",
            "done.md": "---\ntitle: P\ndate: 2025-01-01\ndraft: false\n---\nBody.\n",
        }
    )
    result = run("touch", "entries/draft.md")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"entries/draft\.md: updated: \S+\n", result.stdout), result.stdout
    assert result.stderr == (
        "note: entries/draft.md is a draft (draft: true): the feeds leave it out, and this "
        "updated date with it, until it is published\n"
    )
    result = run("touch", "entries/done.md")
    assert (result.exit_code, result.stderr) == (0, ""), result.output


def test_touch_on_a_folder_or_a_link_out_of_the_entries_says_what_it_is(
    site: Callable[..., Path], tmp_path: Path
) -> None:
    # A folder was "there is no such file"; a link in entries/ to a document elsewhere, "the
    # file is not in the entries folder", though the path given was in it.
    site(**{"2025/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    shared = tmp_path / "shared.md"
    shared.write_text("---\ntitle: S\ndate: 2025-01-01\n---\nBody.\n", encoding="utf-8")
    Path("entries/2025/s.md").symlink_to(shared)
    result = run("touch", "entries/2025")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/2025: it is a folder, not a document. Give the path of a document in "
        "the entries folder, like entries/2025/my-post.md.\n"
    )
    result = run("touch", "entries/2025/s.md")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/2025/s.md: the file is a link to outside the entries folder, which "
        "staticfeed never follows. Move or copy the document into the entries folder.\n"
    )
    assert shared.read_text(encoding="utf-8") == "---\ntitle: S\ndate: 2025-01-01\n---\nBody.\n"


def test_touch_on_a_pipe_or_a_link_leading_nowhere_says_what_it_is(
    site: Callable[..., Path],
) -> None:
    # Each was "there is no such file", though `ls` lists it, as the build does not.
    site(**{"2025/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    os.mkfifo("entries/2025/pipe.md")
    Path("entries/2025/loop.md").symlink_to("loop.md")
    Path("entries/2025/gone.md").symlink_to("moved.md")
    expected = {
        "pipe.md": "the file is not a regular file (a pipe, a socket or a device). Replace it "
        "with a document, or rename it so that its name does not end in .md.",
        "loop.md": "it is a link that leads back to itself. Remove the link, or make it lead "
        "to a document in the entries folder.",
        "gone.md": "it is a link that leads to moved.md, which does not exist. Remove the "
        "link, or make it lead to a document in the entries folder.",
    }
    for name, message in expected.items():
        result = run("touch", f"entries/2025/{name}")
        assert (result.exit_code, result.stderr) == (
            1,
            f"Error: entries/2025/{name}: {message}\n",
        ), name


@pytest.mark.parametrize("command", [["touch", "entries/2025/a.md"], ["pin"]])
def test_touch_or_pin_refuses_a_read_only_entry_and_changes_no_file(
    site: Callable[..., Path], command: list[str]
) -> None:
    # Both replaced the file by renaming a new one over it, which its mode does not stop:
    # the entry chmod 0444 by its author was rewritten, and stayed 0444 as if untouched.
    folder = site(
        **{
            "2025/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n",
            "2025/b.md": "---\ntitle: B\ndate: 2025-01-02\n---\nBody.\n",
        }
    )
    protected = folder / "entries" / "2025" / "a.md"
    protected.chmod(0o444)
    before = {path: path.read_bytes() for path in (folder / "entries").rglob("*.md")}
    result = run(*command)
    assert (result.exit_code, result.stdout) == (1, ""), result.output
    assert result.stderr == (
        "Error: entries/2025/a.md: the file is read-only. If it is to change, make it writable "
        "(chmod u+w) and run the command again.\n"
    )
    assert {path: path.read_bytes() for path in (folder / "entries").rglob("*.md")} == before
    assert protected.stat().st_mode & 0o777 == 0o444


def test_touch_refuses_an_entry_its_owner_may_not_write_that_others_may(
    site: Callable[..., Path],
) -> None:
    # Write bits for the group alone: the owner running touch may not write it, and renaming
    # a new file over it would have replaced it all the same.
    folder = site(**{"2025/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    entry = folder / "entries" / "2025" / "a.md"
    entry.chmod(0o464)
    command = as_a_user(sys.executable, "-m", "staticfeed", "touch", "entries/2025/a.md")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "Error: entries/2025/a.md: the file is read-only. If it is to change, make it writable "
        "(chmod u+w) and run the command again.\n"
    )
    assert entry.read_bytes() == b"---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"


@pytest.mark.parametrize(
    "command", [["touch", "entries/2025/a.md"], ["pin"], ["new", "B", "--date", "2025-01-02"]]
)
def test_ctrl_c_as_an_entry_is_written_leaves_it_and_no_temporary_file(
    site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # Ctrl-C or SIGTERM that came while mkstemp opened the new file (a busy disk) left a
    # .a.md.XXXXXXXX.tmp in entries/, its name never returned, there to stay.
    folder = site(**{"2025/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    before = {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}
    with monkeypatch.context() as patched:
        interrupt_as_a_temporary_file_opens(patched)
        result = run(*command)
    assert (result.exit_code, result.stderr) == (130, "\nAborted!\n"), result.output
    assert {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()} == before


def staticfeed_as_a_user(shut: Path, mode: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`staticfeed ARGS` run `as_a_user`, for whom the folder `shut` has `mode` (root reads,
    enters and writes any folder), `shut` given 0755 again afterwards."""
    shut.chmod(mode)
    try:
        command = as_a_user(sys.executable, "-m", "staticfeed", *args)
        return subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        shut.chmod(0o755)


def test_touch_in_a_folder_that_cannot_be_written_names_the_folder(
    site: Callable[..., Path],
) -> None:
    # It said "entries/2025/a.md: cannot write the file (Permission denied). Check its
    # permissions": the file's were fine; the new file is made in the folder, which was not.
    folder = site(**{"2025/a.md": "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"})
    year = folder / "entries" / "2025"
    done = staticfeed_as_a_user(year, 0o555, "touch", "entries/2025/a.md")
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr == (
        "Error: entries/2025: cannot make a file in the folder (Permission denied): a document "
        "is replaced by a new file made beside it. Make the folder writable (chmod u+w), then "
        "run the command again.\n"
    )
    assert (year / "a.md").read_text() == "---\ntitle: A\ndate: 2025-01-01\n---\nBody.\n"


def test_new_in_a_year_folder_that_cannot_be_read_is_an_error_not_a_traceback(
    in_tmp: Path,
) -> None:
    # Path.exists() raised PermissionError on entries/2025/notes.md.
    assert init().exit_code == 0
    year = in_tmp / "entries" / "2025"
    year.mkdir()
    done = staticfeed_as_a_user(year, 0o000, "new", "Notes", "--date", "2025-07-01")
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr == (
        "Error: entries/2025: cannot read the folder (Permission denied). Check that it can be "
        "read (and entered: chmod +rx).\n"
    )
    assert list(year.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "shut"),
    [
        (["touch", "entries/2025/a.md"], "entries/2025"),
        (["init", "closed/blog", "--title", "T", "--author", "A", "--timezone", "UTC"], "closed"),
    ],
)
def test_touch_or_init_through_a_folder_that_cannot_be_entered_is_an_error(
    in_tmp: Path, args: list[str], shut: str
) -> None:
    # Path.is_file() and exists() raised PermissionError: a traceback.
    assert init().exit_code == 0
    (in_tmp / "entries" / "2025").mkdir()
    (in_tmp / "entries" / "2025" / "a.md").write_text("---\ntitle: A\ndate: 2025-01-01\n---\n")
    (in_tmp / "closed" / "blog").mkdir(parents=True)
    url = ["--site-url", "https://example.org/"] if args[0] == "init" else []
    done = staticfeed_as_a_user(in_tmp / shut, 0o000, *args, *url)
    assert (done.returncode, done.stdout) == (1, ""), done.stderr
    assert done.stderr == (
        f"Error: {shut}: cannot read the folder (Permission denied). Check that it can be "
        "read (and entered: chmod +rx).\n"
    )
    assert list((in_tmp / "closed" / "blog").iterdir()) == []


# pin --from: the ids of the feed a site published before staticfeed

# An earlier site's feeds as Jekyll (jekyll-feed: Atom, HTML titles) and Hugo (RSS) write them.
JEKYLL_ATOM = """\
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>https://old.example/feed.xml</id><title>Old</title><updated>2024-03-09T10:00:00+01:00</updated>
<entry><title type="html">Weekly notes</title><id>https://old.example/2024/03/02/notes</id>
<published>2024-03-02T09:00:00+01:00</published><updated>2024-03-02T09:00:00+01:00</updated></entry>
<entry><title type="html">Weekly  NOTES</title><id>https://old.example/2024/03/09/notes</id>
<published>2024-03-09T09:00:00+01:00</published><updated>2024-03-09T09:00:00+01:00</updated></entry>
<entry><title type="html">Fish &amp;amp; &lt;i&gt;chips&lt;/i&gt;</title>
<id>https://old.example/2024/03/05/fish</id><published>2024-03-05T12:00:00+01:00</published>
<updated>2024-03-05T12:00:00+01:00</updated></entry>
<entry><title type="html">Gone</title><id>https://old.example/2023/gone</id>
<published>2023-01-01T00:00:00+01:00</published><updated>2023-01-01T00:00:00+01:00</updated></entry>
<entry><title type="html">Don&#x2019;t &#x201c;panic&#x201d; &#x2013; part 1&#x2026;</title><id>https://old.example/2024/03/06/panic</id>
<published>2024-03-06T08:00:00+01:00</published><updated>2024-03-06T08:00:00+01:00</updated></entry>
<entry><title type="html">Numbered</title><id>12345</id>
<published>2024-02-01T00:00:00+01:00</published><updated>2024-02-01T00:00:00+01:00</updated></entry>
</feed>
"""
HUGO_RSS = """\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Old</title><link>https://old.example/</link>
<item><title>Without a guid</title><link>https://old.example/posts/no-guid/</link>
<pubDate>Sun, 10 Mar 2024 08:00:00 +0000</pubDate></item>
<item><title>Far apart</title><guid>https://old.example/posts/far/</guid>
<pubDate>Sun, 10 Mar 2024 08:00:00 +0000</pubDate></item>
</channel></rss>
"""


def _doc(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\nText of {title}.\n"


def test_pin_from_an_earlier_feed_carries_its_ids_over(
    in_tmp: Path, site: Callable[..., Path]
) -> None:
    folder = site(
        **{
            "2024/notes-1.md": _doc("Weekly notes", "2024-03-02 09:00"),
            "2024/notes-2.md": _doc("Weekly notes", "2024-03-08"),  # a day off: still the one
            "2024/fish.md": _doc('"Fish & chips"', "2024-03-05T12:00:00+01:00"),
            "2024/no-guid.md": _doc("Without a guid", "2024-03-10"),
            "2024/far.md": _doc("Far apart", "2024-03-20"),  # ten days: another entry
            "2024/numbered.md": _doc("Numbered", "2024-02-01"),
            # jekyll-feed smartifies titles: curly quotes, an en dash, an ellipsis.
            "2024/panic.md": _doc("'Don''t \"panic\" -- part 1...'", "2024-03-06 08:00"),
            "2024/own.md": _doc("Own", "2024-03-11", "id: https://old.example/2023/gone\n"),
        }
    )
    (folder / "old.atom").write_text(JEKYLL_ATOM, encoding="utf-8")
    (folder / "old.rss").write_text(HUGO_RSS, encoding="utf-8")
    result = CliRunner().invoke(cli, ["pin", "--from", "old.atom", "--from", "old.rss"])
    assert result.exit_code == 0, result.output
    ids = {
        path.stem: front_matter(path)["id"] for path in sorted((folder / "entries").rglob("*.md"))
    }
    assert ids == {
        "far": "tag:example.org,2025:2024/far",
        "fish": "https://old.example/2024/03/05/fish",
        "no-guid": "https://old.example/posts/no-guid/",  # RSS readers know it by its link
        "notes-1": "https://old.example/2024/03/02/notes",
        "notes-2": "https://old.example/2024/03/09/notes",
        "numbered": "tag:example.org,2025:2024/numbered",
        "panic": "https://old.example/2024/03/06/panic",
        "own": "https://old.example/2023/gone",  # pinned by hand: left alone
    }
    assert (
        "pinned entries/2024/fish.md: id: https://old.example/2024/03/05/fish (from old.atom)\n"
        in (result.stdout)
    )
    assert result.stderr == (
        "not carried over: 'Numbered' (12345): id '12345' is not an absolute URI\n"
        "not carried over: 'Far apart' (https://old.example/posts/far/): no entry has its title"
        " and date\n"
    )
    # The feed now carries the earlier ids, read back with lxml.
    assert run("build").exit_code == 0
    assert set(atom_entries(folder)) == set(ids.values())


def test_pin_from_a_feed_gives_each_earlier_entry_to_the_closest_document_once(
    site: Callable[..., Path],
) -> None:
    def entry(title: str, slug: str, date: str) -> str:
        return (
            f"<entry><title>{title}</title><id>https://old.example/{slug}</id>"
            f"<published>{date}</published><updated>{date}</updated></entry>"
        )

    folder = site(
        **{
            # Two of one title a day apart: each takes the entry of its own day.
            "2024/week-1.md": _doc("Week", "2024-03-02T09:00:00+00:00"),
            "2024/week-2.md": _doc("Week", "2024-03-03T09:00:00+00:00"),
            # Two of one title an hour apart, and one earlier entry: the first takes it.
            "2024/twice-1.md": _doc("Twice", "2024-03-05T09:00:00+00:00"),
            "2024/twice-2.md": _doc("Twice", "2024-03-05T10:00:00+00:00"),
            # A day and a half apart to the second, as the README says: still the one.
            "2024/late.md": _doc("Late", "2024-03-08T21:00:00+00:00"),
        }
    )
    feed = "".join(
        [
            entry("Week", "w1", "2024-03-02T09:00:00Z"),
            entry("Week", "w2", "2024-03-03T09:00:00Z"),
            entry("Twice", "t", "2024-03-05T12:00:00Z"),
            entry("Late", "l", "2024-03-07T09:00:00Z"),
        ]
    )
    (folder / "old.atom").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><id>https://old.example/</id><title>Old'
        f"</title><updated>2024-03-09T00:00:00Z</updated>{feed}</feed>",
        encoding="utf-8",
    )
    result = run("pin", "--from", "old.atom")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    ids = {path.stem: front_matter(path)["id"] for path in (folder / "entries").rglob("*.md")}
    assert ids == {
        "week-1": "https://old.example/w1",
        "week-2": "https://old.example/w2",
        "twice-1": "https://old.example/t",
        "twice-2": "tag:example.org,2025:2024/twice-2",
        "late": "https://old.example/l",
    }


@pytest.mark.parametrize(
    "pub_date",
    [
        # email.utils reads a year under 100 as two digits: 0001 was 2001, and no entry matched.
        "01 Jun 0001 00:00:00 +0000",
        # No zone: no instant, as feedparser reads it, so matched by its title alone.
        "Fri, 01 Jun 0001 00:00:00",
    ],
    ids=["four-digit-year", "no-zone"],
)
def test_pin_from_an_rss_feed_reads_its_dates_as_readers_do(
    in_tmp: Path, site: Callable[..., Path], pub_date: str
) -> None:
    folder = site(**{"gospel.md": _doc("A gospel fragment", "0001-06-01")})
    (folder / "old.rss").write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Old</title>'
        "<link>https://old.example/</link><description>Old</description>"
        "<item><title>A gospel fragment</title><guid>https://old.example/gospel</guid>"
        f"<pubDate>{pub_date}</pubDate></item></channel></rss>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["pin", "--from", "old.rss"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "pinned entries/gospel.md: id: https://old.example/gospel (from old.rss)\n"
    )
    assert result.stderr == ""


# Dates feed readers read (feedparser), and pin read as no date: "t" and "z" in lower case, as
# RFC 3339 allows, and no offset at all, which readers take for UTC.
DATE_FORMS = {"lower-case-t-and-z": str.lower, "no-offset": lambda day: day.removesuffix("Z")}


@pytest.mark.parametrize("form", DATE_FORMS.values(), ids=DATE_FORMS.keys())
def test_pin_from_a_feed_with_dates_in_other_forms_matches_them(
    in_tmp: Path, site: Callable[..., Path], form: Callable[[str], str]
) -> None:
    # pin read no date, matched by title alone, and gave each "Weekly notes" the other's id
    # (readers then took each for an edit of the other), and "Far apart" an entry ten days
    # from its own.
    folder = site(
        **{
            "notes-1.md": _doc("Weekly notes", "2024-03-02 09:00"),
            "notes-2.md": _doc("Weekly notes", "2024-03-09 09:00"),
            "far.md": _doc("Far apart", "2024-03-20"),
        }
    )
    entries = [
        ("Weekly notes", "https://old.example/a-second", form("2024-03-09T09:00:00Z")),
        ("Weekly notes", "https://old.example/b-first", form("2024-03-02T09:00:00Z")),
        ("Far apart", "https://old.example/far", form("2024-03-10T08:00:00Z")),
    ]
    feed = folder / "old.atom"
    feed.write_text(
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Old</title>'
        "<id>https://old.example/feed.xml</id><updated>2024-03-10T08:00:00Z</updated>"
        + "".join(
            f"<entry><title>{title}</title><id>{id_}</id><published>{day}</published>"
            f"<updated>{day}</updated></entry>"
            for title, id_, day in entries
        )
        + "</feed>\n",
        encoding="utf-8",
    )
    read = [(e.id, e.published_parsed[:4]) for e in feedparser.parse(str(feed)).entries]
    assert read == [
        ("https://old.example/a-second", (2024, 3, 9, 9)),
        ("https://old.example/b-first", (2024, 3, 2, 9)),
        ("https://old.example/far", (2024, 3, 10, 8)),
    ]
    result = CliRunner().invoke(cli, ["pin", "--from", "old.atom"])
    assert result.exit_code == 0, result.output
    assert front_matter(folder / "entries" / "notes-1.md")["id"] == "https://old.example/b-first"
    assert front_matter(folder / "entries" / "notes-2.md")["id"] == "https://old.example/a-second"
    assert front_matter(folder / "entries" / "far.md")["id"] == "tag:example.org,2025:far"
    assert result.stderr == (
        "not carried over: 'Far apart' (https://old.example/far): no entry has its title and date\n"
    )


RSS_1_0 = """\
<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link>
<description>Old</description><items><rdf:Seq><rdf:li rdf:resource="https://old.example/a"/>
</rdf:Seq></items></channel>
<item rdf:about="https://old.example/a"><title>Alpha</title><link>https://old.example/a</link>
<dc:date>2024-03-02T09:00:00+01:00</dc:date></item>
</rdf:RDF>
"""
ATOM_0_3 = """\
<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
<entry><title mode="escaped" type="text/html">Beta &amp;amp; &lt;i&gt;gamma&lt;/i&gt;</title>
<link rel="alternate" type="text/html" href="https://old.example/b"/><id>tag:old.example,2004:b</id>
<issued>2024-03-03T09:00:00+01:00</issued><modified>2024-03-03T09:00:00+01:00</modified></entry>
</feed>
"""


def test_pin_from_an_rss_1_0_or_atom_0_3_feed_carries_its_ids_over(
    in_tmp: Path, site: Callable[..., Path]
) -> None:
    # An older site's feed (Movable Type, LiveJournal) was refused: "its root element is not an
    # RSS <rss> with a <channel>. Give the Atom, RSS or JSON Feed file", which it was.
    folder = site(
        **{"a.md": _doc("Alpha", "2024-03-02 09:00"), "b.md": _doc("Beta & gamma", "2024-03-03")}
    )
    (folder / "old.rdf").write_text(RSS_1_0, encoding="utf-8")
    (folder / "old.atom").write_text(ATOM_0_3, encoding="utf-8")
    result = CliRunner().invoke(cli, ["pin", "--from", "old.rdf", "--from", "old.atom"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    # The ids feedparser gives those entries, which its readers know them by.
    known = [
        entry.id
        for feed in ("old.rdf", "old.atom")
        for entry in feedparser.parse(str(folder / feed)).entries
    ]
    assert known == ["https://old.example/a", "tag:old.example,2004:b"]
    assert front_matter(folder / "entries" / "a.md")["id"] == known[0]
    assert front_matter(folder / "entries" / "b.md")["id"] == known[1]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>',  # declared in the document
        # RSS 0.91's DTD declares HTML's entities; it is never fetched, and feedparser knows them.
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    ],
    ids=["declared", "rss-0.91"],
)
def test_pin_from_a_feed_with_an_entity_in_a_title_reads_the_whole_title(
    in_tmp: Path, site: Callable[..., Path], doctype: str
) -> None:
    # The title stopped at the entity ("Fish"), and no entry matched it.
    folder = site(**{"a.md": _doc("Fish and chips", "2024-03-02")})
    feed = folder / "old.rss"
    feed.write_text(
        f'<?xml version="1.0"?>\n{doctype}\n<rss version="0.91"><channel><title>Old</title>'
        "<link>https://old.example/</link><description>Old</description>"
        "<item><title>Fish&nbsp;and chips</title><link>https://old.example/fish</link></item>"
        "</channel></rss>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["pin", "--from", "old.rss"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert front_matter(folder / "entries" / "a.md")["id"] == "https://old.example/fish"
    assert [entry.title for entry in feedparser.parse(str(feed)).entries] == ["Fish\xa0and chips"]


def _old_rss(items: str) -> str:
    """An earlier site's RSS 2.0 feed with these <item> elements."""
    return (
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Old</title>'
        f"<link>https://old.example/</link><description>Old</description>{items}"
        "</channel></rss>\n"
    )


def _pin_from_old_rss(folder: Path, items: str) -> tuple[Result, Path]:
    """`pin --from` an earlier site's RSS feed of these items, written in `folder`."""
    feed = folder / "old.rss"
    feed.write_text(_old_rss(items), encoding="utf-8")
    return CliRunner().invoke(cli, ["pin", "--from", "old.rss"]), feed


def test_pin_from_a_feed_with_an_item_without_an_id_carries_over_the_others(
    in_tmp: Path, site: Callable[..., Path]
) -> None:
    # One RSS item without a guid or a link made the whole feed unreadable ("an entry has no
    # id"), with no line, and said to give the RSS file the earlier site published.
    folder = site(**{"a.md": _doc("Alpha", "2024-03-02"), "b.md": _doc("Beta", "2024-03-03")})
    result, feed = _pin_from_old_rss(
        folder,
        "<item><title>Alpha</title><pubDate>Sat, 02 Mar 2024 00:00:00 +0000</pubDate></item>"
        "<item><title>Beta</title><guid>https://old.example/b</guid></item>",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == "not carried over: 'Alpha': the feed gives it no id\n"
    assert [entry.get("id") for entry in feedparser.parse(str(feed)).entries] == [
        None,
        "https://old.example/b",
    ]
    assert front_matter(folder / "entries" / "a.md")["id"] == "tag:example.org,2025:a"
    assert front_matter(folder / "entries" / "b.md")["id"] == "https://old.example/b"


def test_pin_from_a_feed_where_two_items_share_a_guid_names_the_one_not_carried_over(
    in_tmp: Path, site: Callable[..., Path]
) -> None:
    # The second was dropped without a word.
    folder = site(**{"a.md": _doc("Alpha", "2024-03-02"), "b.md": _doc("Beta", "2024-03-03")})
    result, feed = _pin_from_old_rss(
        folder,
        "<item><title>Alpha</title><guid>https://old.example/x</guid></item>"
        "<item><title>Beta</title><guid>https://old.example/x</guid></item>",
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "not carried over: 'Beta' (https://old.example/x): its id is also 'Alpha''s, which "
        "readers show alone\n"
    )
    guids = [entry.id for entry in feedparser.parse(str(feed)).entries]
    assert guids == ["https://old.example/x", "https://old.example/x"]
    assert front_matter(folder / "entries" / "a.md")["id"] == "https://old.example/x"
    assert front_matter(folder / "entries" / "b.md")["id"] == "tag:example.org,2025:b"


@pytest.mark.parametrize(
    ("title", "doctype", "written", "shown"),
    [
        # jekyll-feed writes a title through strip_html: "Second <b>post</b>" is "Second post"
        # there, and the entry was "not carried over", to reach readers again.
        ("Second <b>post</b>", "", "Second post", "Second post"),
        # An HTML title stopped at an entity its feed declares ("Second"): no entry matched it.
        (
            "Second \u2014 <b>post</b>",
            '<!DOCTYPE feed [\n<!ENTITY dash "&#8212;">\n]>\n',
            "Second &dash; &lt;b&gt;post&lt;/b&gt;",
            "Second \u2014 <b>post</b>",
        ),
    ],
    ids=["jekyll-markup", "declared-entity"],
)
def test_pin_from_a_feed_matches_an_html_title_by_its_text(
    in_tmp: Path, site: Callable[..., Path], title: str, doctype: str, written: str, shown: str
) -> None:
    folder = site(**{"a.md": _doc(title, "2024-02-02 10:00")})
    feed = folder / "old.atom"
    feed.write_text(
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Old</title><id>https://blog.test/feed.xml</id>"
        "<updated>2024-02-02T10:00:00+00:00</updated>"
        f'<entry><title type="html">{written}</title><id>https://blog.test/second</id>'
        "<published>2024-02-02T10:00:00+00:00</published>"
        "<updated>2024-02-02T10:00:00+00:00</updated></entry></feed>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["pin", "--from", "old.atom"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert [entry.title for entry in feedparser.parse(str(feed)).entries] == [shown]
    assert front_matter(folder / "entries" / "a.md")["id"] == "https://blog.test/second"


def test_pin_from_a_file_that_is_not_a_feed_changes_nothing(
    in_tmp: Path, site: Callable[..., Path]
) -> None:
    folder = site(**{"a.md": _doc("A", "2025-01-01")})
    (folder / "notes.txt").write_text("not a feed\n", encoding="utf-8")
    before = (folder / "entries" / "a.md").read_bytes()
    result = CliRunner().invoke(cli, ["pin", "--from", "notes.txt"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: notes.txt:1: cannot read the file as a feed: Start tag expected, '<' not found."
        " Give the Atom, RSS or JSON Feed file the earlier site published.\n"
    )
    assert (folder / "entries" / "a.md").read_bytes() == before
    missing = CliRunner().invoke(cli, ["pin", "--from", "nowhere.xml"])
    assert missing.exit_code == 2  # a path that does not exist is a usage error


_LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
)  # each entity ten of the one before: 10^9 "lol"s


@pytest.mark.parametrize(
    ("content", "problem", "fix"),
    [
        (
            gzip.compress(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>'),
            "the file is compressed with gzip",
            "Decompress it (gunzip -c old.xml > feed.xml) and give that file.",
        ),
        (
            (
                f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY lol0 "lol">{_LAUGHS}]>\n'
                "<rss><channel><title>&lol9;</title></channel></rss>\n"
            ).encode(),
            "cannot read the file as a feed: its entities expand without bound (a 'billion "
            "laughs'), which is not read",
            "Give the Atom, RSS or JSON Feed file the earlier site published.",
        ),
    ],
    ids=["gzip", "billion-laughs"],
)
def test_pin_from_a_compressed_or_hostile_feed_says_what_it_is(
    in_tmp: Path, site: Callable[..., Path], content: bytes, problem: str, fix: str
) -> None:
    # libxml2's words came through raw: "Start tag expected", or "Maximum entity amplification
    # factor exceeded, see xmlCtxtSetMaxAmplification., line 1, column 4."
    folder = site(**{"a.md": _doc("A", "2025-01-01")})
    (folder / "old.xml").write_bytes(content)
    result = CliRunner().invoke(cli, ["pin", "--from", "old.xml"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: old.xml")
    assert result.stderr.endswith(f": {problem}. {fix}\n"), result.stderr


@pytest.mark.parametrize("name", ["feed.xml", "old feed.xml"])
def test_pin_from_a_compressed_feed_is_read_after_the_fix_it_gives(
    in_tmp: Path, site: Callable[..., Path], name: str
) -> None:
    # The fix said `gunzip -c <file> > feed.xml`: for a feed saved as feed.xml the shell
    # emptied it before gunzip read it, and a name with a space was two arguments.
    need_program("gunzip")
    folder = site(**{"a.md": _doc("A", "2025-01-01")})
    feed = _old_rss("<item><title>A</title><guid>https://old.example/a</guid></item>")
    (folder / name).write_bytes(gzip.compress(feed.encode()))
    refused = CliRunner().invoke(cli, ["pin", "--from", name])
    assert refused.exit_code == 1, refused.output
    fix = re.search(r"\(gunzip -c (.+) > (\S+)\)", refused.stderr)
    assert fix is not None, refused.stderr
    subprocess.run(["sh", "-c", fix.group(0)[1:-1]], cwd=folder, check=True)
    result = CliRunner().invoke(cli, ["pin", "--from", fix.group(2)])
    assert result.exit_code == 0, result.output
    assert front_matter(folder / "entries" / "a.md")["id"] == "https://old.example/a"


def test_pin_from_a_feed_and_an_archive_that_repeats_an_entry_gives_its_id_once(
    in_tmp: Path, site: Callable[..., Path]
) -> None:
    # Two documents of one title and day (a post and its copy), and the earlier entry twice.
    folder = site(
        **{"a.md": _doc("Weekly notes", "2024-03-02"), "b.md": _doc("Weekly notes", "2024-03-02")}
    )
    (folder / "old.atom").write_text(JEKYLL_ATOM, encoding="utf-8")
    result = CliRunner().invoke(cli, ["pin", "--from", "old.atom", "--from", "old.atom"])
    assert result.exit_code == 0, result.output
    ids = sorted(str(front_matter(folder / "entries" / name)["id"]) for name in ("a.md", "b.md"))
    assert ids == ["https://old.example/2024/03/02/notes", "tag:example.org,2025:b"]
    assert run("build").exit_code == 0  # no two entries with one id


def test_pin_from_an_archive_that_repeats_an_entry_in_other_letter_case_says_nothing_of_it(
    site: Callable[..., Path],
) -> None:
    # One entry, its title recased in the archive: not another entry that shares its id.
    folder = site(**{"a.md": _doc("Weekly notes", "2024-03-02T09:00:00+00:00")})
    for name, title in [("old.atom", "Weekly notes"), ("archive.atom", "Weekly  Notes")]:
        (folder / name).write_text(
            '<feed xmlns="http://www.w3.org/2005/Atom"><id>https://old.example/</id><title>Old'
            f"</title><updated>2024-03-09T00:00:00Z</updated><entry><title>{title}</title>"
            "<id>https://old.example/w</id><published>2024-03-02T09:00:00Z</published>"
            "<updated>2024-03-02T09:00:00Z</updated></entry></feed>",
            encoding="utf-8",
        )
    result = run("pin", "--from", "old.atom", "--from", "archive.atom")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert front_matter(folder / "entries" / "a.md")["id"] == "https://old.example/w"


@pytest.mark.parametrize("editor", ["/nonexistent/editor", "false"], ids=["missing", "fails"])
def test_new_edit_with_an_editor_that_fails_is_an_error_naming_the_file_and_the_fix(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, editor: str
) -> None:
    # click's own "Error: /nonexistent/editor: Editing failed: …" named the editor as the file
    # and said nothing of what to do, though the entry was written.
    assert init().exit_code == 0
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)

    result = run("new", "Notes", "--date", "2025-07-01 09:00", "--edit")

    assert result.exit_code == 1, result.output
    assert result.stdout == "entries/2025/notes.md\n"
    assert re.fullmatch(
        r"Error: entries/2025/notes\.md: the entry was written, but the editor "
        rf"\({re.escape(editor)}\) failed: [^\n]+\. "
        r"Set EDITOR to your editor's command, or open the file yourself\.\n",
        result.stderr,
    ), result.stderr
    assert front_matter(in_tmp / "entries" / "2025" / "notes.md")["title"] == "Notes"


@pytest.mark.parametrize(
    ("visual", "editor", "why", "variable"),
    [
        ("false", "true", "it exited with an error", "VISUAL"),
        ("", "/nonexistent/editor", "it could not start (No such file or directory)", "EDITOR"),
    ],
)
def test_new_edit_names_the_variable_that_chose_the_editor(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, visual: str, editor: str, why: str, variable: str
) -> None:
    # click opens $VISUAL before $EDITOR: with a broken VISUAL, the fix "Set EDITOR to your
    # editor's command" changed nothing; and a missing editor showed Python's "[Errno 2] …".
    assert init().exit_code == 0
    monkeypatch.setenv("VISUAL", visual)
    monkeypatch.setenv("EDITOR", editor)
    result = run("new", "Notes", "--date", "2025-07-01 09:00", "--edit")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: entries/2025/notes.md: the entry was written, but the editor "
        f"({visual or editor}) failed: {why}. Set {variable} to your editor's command, or open "
        "the file yourself.\n"
    )


@pytest.mark.parametrize(
    ("visual", "editor", "said"),
    [
        (
            'vim "',
            "true",
            '(vim ") could not be read as a command: no closing quotation. Set VISUAL',
        ),
        (
            " ",
            "/nonexistent/editor",
            "(/nonexistent/editor) failed: it could not start (No such file or directory). "
            "Set EDITOR",
        ),
    ],
    ids=["lone-quote", "blank-visual"],
)
def test_new_edit_with_an_editor_command_it_cannot_run_names_the_variable_to_set(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, visual: str, editor: str, said: str
) -> None:
    # A lone quote in VISUAL was a traceback (shlex's "No closing quotation"); a VISUAL of
    # spaces ran the new entry itself as the editor, "Permission denied", and named VISUAL.
    assert init().exit_code == 0
    monkeypatch.setenv("VISUAL", visual)
    monkeypatch.setenv("EDITOR", editor)
    result = run("new", "Notes", "--date", "2025-07-01 09:00", "--edit")
    assert (result.exit_code, result.stdout) == (1, "entries/2025/notes.md\n"), result.output
    assert result.stderr == (
        f"Error: entries/2025/notes.md: the entry was written, but the editor {said} to your "
        "editor's command, or open the file yourself.\n"
    )


@pytest.mark.parametrize(
    ("visual", "editor"),
    [("   ", None), (None, "   "), ("", " \t ")],
    ids=["visual", "editor", "both"],
)
def test_new_edit_with_editor_variables_of_spaces_alone_opens_the_system_editor(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, visual: str | None, editor: str | None
) -> None:
    # A variable of spaces counts as unset (README), yet click read it itself and ran the
    # entry as the editor: "could not start (Permission denied)" instead of the editor the
    # machine has. Here that editor is the first click looks for, sensible-editor.
    assert init().exit_code == 0
    tools = in_tmp / "bin"
    tools.mkdir()
    (tools / "sensible-editor").write_text('#!/bin/sh\necho "Edited." >> "$1"\n', encoding="utf-8")
    (tools / "sensible-editor").chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    for name, value in (("VISUAL", visual), ("EDITOR", editor)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)

    result = run("new", "Notes", "--date", "2025-07-01 09:00", "--edit")

    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout == "entries/2025/notes.md\n"
    written = (in_tmp / "entries" / "2025" / "notes.md").read_text(encoding="utf-8")
    assert written.endswith("---\nEdited.\n"), written


def test_new_edit_names_the_editor_whatever_words_click_fails_in(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The editor's name was cut out of click's message "<editor>: Editing failed", which
    # click translates (gettext): in another language the whole message was the "editor".
    assert init().exit_code == 0
    monkeypatch.setenv("VISUAL", "false")
    monkeypatch.setattr(
        click._termui_impl, "_", lambda text: text.replace("Editing failed", "Échec de l'édition")
    )
    result = run("new", "Notes", "--date", "2025-07-01 09:00", "--edit")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: entries/2025/notes.md: the entry was written, but the editor (false) failed: it "
        "exited with an error. Set VISUAL to your editor's command, or open the file yourself.\n"
    )
