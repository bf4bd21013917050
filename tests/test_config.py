"""Configuration: where it is found, what every key does to the feeds, and its error messages.

The feeds are read back with lxml and feedparser, never with staticfeed's own code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from click.testing import CliRunner, Result
from lxml import etree

from staticfeed.cli import cli
from tests.conftest import BASIC_CONFIG, POST, REPO, build_as_a_user

A = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def readme_config_keys() -> list[str]:
    """The keys of the README's configuration table (| key | default | meaning |)."""
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| key | default | meaning |")
    keys = []
    for line in lines[start + 2 :]:
        if not line.startswith("| `"):
            break
        keys.append(line.split("`")[1])
    return keys


README_KEYS = readme_config_keys()

Site = Callable[..., Path]


def assert_unknown_key(stderr: str, where: str, key: str, hint: str) -> None:
    """`unknown key` errors list the known keys: all of the README's, in order."""
    match = re.fullmatch(
        rf"Error: {re.escape(where)}: unknown key '{re.escape(key)}'\. {re.escape(hint)}(.*)\.\n",
        stderr,
    )
    assert match, stderr
    listed = match.group(1).split(", ")
    assert listed == sorted(listed)
    assert set(README_KEYS) <= set(listed)


def build(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, ["build", *args], env=env)


def build_ok(*args: str, env: dict[str, str] | None = None) -> Result:
    result = build(*args, env=env)
    assert result.exit_code == 0, result.output
    return result


def error_text(*args: str) -> str:
    """The stderr of a build that must fail as a user error, checked for the error format."""
    result = build(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.output
    return result.stderr


def parse(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False))


def feeds(folder: Path = Path("feeds")) -> tuple[etree._Element, etree._Element]:
    """The roots of atom.xml and the RSS <channel>."""
    atom = parse(folder / "atom.xml")
    channel = parse(folder / "rss.xml").find("channel")
    assert channel is not None
    return atom, channel


def atom_links(atom: etree._Element) -> dict[str, str]:
    """Feed-level links by rel (a link without rel is rel=alternate, RFC 4287 4.2.7.2)."""
    return {link.get("rel", "alternate"): link.get("href", "") for link in atom.findall(f"{A}link")}


def rss_self(channel: etree._Element) -> str:
    link = channel.find(f"{A}link[@rel='self']")
    assert link is not None
    return link.get("href", "")


def config(**values: str) -> str:
    """BASIC_CONFIG with `key = <TOML value>` lines added."""
    return BASIC_CONFIG + "".join(f"{key} = {value}\n" for key, value in values.items())


def dated(title: str, date: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {date}\n{extra}---\nText of {title}.\n"


# Where the configuration is found ----------------------------------------------------------


def test_staticfeed_toml_in_the_current_folder_is_used(site: Site) -> None:
    site(config=BASIC_CONFIG.replace("Test feed", "From staticfeed.toml"), **{"a.md": POST})
    build_ok()
    assert feedparser.parse("feeds/atom.xml").feed.title == "From staticfeed.toml"
    assert feedparser.parse("feeds/rss.xml").feed.title == "From staticfeed.toml"


PYPROJECT = """\
[project]
name = "my-site"
version = "1"

[tool.other]
title = "not this one"

[tool.staticfeed]
title = "From pyproject"
site_url = "https://example.org/blog/"
id_authority = "example.org,2025"
authors = ["Default Author"]
"""


def test_tool_staticfeed_in_pyproject_is_used_when_there_is_no_staticfeed_toml(
    site: Site,
) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    build_ok()
    assert feedparser.parse("feeds/atom.xml").feed.title == "From pyproject"


def test_staticfeed_toml_wins_over_pyproject(site: Site) -> None:
    folder = site(config=BASIC_CONFIG.replace("Test feed", "Own file"), **{"a.md": POST})
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    build_ok()
    assert feedparser.parse("feeds/atom.xml").feed.title == "Own file"


def test_error_lines_in_pyproject_count_from_the_top_of_pyproject(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / "pyproject.toml").write_text(PYPROJECT + "limt = 3\n", encoding="utf-8")
    assert_unknown_key(
        error_text(), "pyproject.toml:13", "limt", "Did you mean 'limit'? Known keys: "
    )


@pytest.mark.parametrize(
    ("table", "lead"),
    [("[tool]\n", "staticfeed."), ("", "tool.staticfeed.")],
    ids=["from-tool", "from-the-top"],
)
def test_keys_dotted_from_tool_in_pyproject_are_named_at_their_line(
    site: Site, table: str, lead: str
) -> None:
    # `[tool]` with `staticfeed.author.name = "x"` was named at no line, `pyproject.toml:`.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    keys = ['title = "T"', 'site_url = "https://example.org/"', 'author.name = "x"']
    text = table + "".join(f"{lead}{key}\n" for key in keys) + '[project]\nname = "x"\n'
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    line = 4 if table else 3  # of author.name
    assert_unknown_key(
        error_text(), f"pyproject.toml:{line}", "author", "Did you mean 'authors'? Known keys: "
    )


@pytest.mark.parametrize(
    "text",
    [
        '[project]\nname = "x"\n\n[tool]\nstaticfeed = { {keys} }\n',
        "# x\n\n\n\ntool.staticfeed = { {keys} }\n[project]\n",
        "# x\n\n\n\ntool = { x = 1, staticfeed = { {keys} } }\n",
        # Named in quotes, or below a header with a comment: the error named no line.
        '[project]\nname = "x"\n\n["tool"] # tools\n"staticfeed" = { {keys} }\n',
        "# x\n\n\n\n'tool' . \"staticfeed\" = { {keys} }\n[project]\n",
        '# x\n\n\n\ntool = { x = 1, "staticfeed" = { {keys} } }\n',
    ],
    ids=["from-tool", "from-the-top", "within-tool", "quoted", "quoted-dotted", "quoted-within"],
)
def test_a_key_of_a_staticfeed_table_written_inline_is_named_at_its_line(
    site: Site, text: str
) -> None:
    # `[tool]` with `staticfeed = { titel = 1 }` was named at no line, `pyproject.toml:`; a
    # key of an inline table is on the table's line.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    keys = 'title = "T", site_url = "https://example.org/", titel = 1'
    (folder / "pyproject.toml").write_text(text.replace("{keys}", keys), encoding="utf-8")
    assert_unknown_key(
        error_text(), "pyproject.toml:5", "titel", "Did you mean 'title'? Known keys: "
    )
    untitled = text.replace("{keys}", 'site_url = "https://example.org/"')
    (folder / "pyproject.toml").write_text(untitled, encoding="utf-8")
    assert error_text() == 'Error: pyproject.toml:5: title is missing. Add title = "My feed".\n'


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("# x\n\n[tool]\nstaticfeed = { {keys} }\n", 4, id="inline"),
        pytest.param("# x\n[tool.staticfeed]\n{lines}", 5, id="table"),
        # Its header in quotes, spaced or with a comment was the header of no key's table.
        pytest.param('# x\n[ "tool" . staticfeed ] # ours\n{lines}', 5, id="table-quoted"),
        pytest.param("[tool]\n{dotted}", 4, id="dotted-from-tool"),
    ],
)
def test_a_staticfeed_toml_with_a_tool_table_names_its_keys_lines(
    site: Site, text: str, line: int
) -> None:
    # A staticfeed.toml with a `tool` table is read as [tool.staticfeed], as pyproject.toml
    # is, but its keys' lines were looked for at the top: `staticfeed.toml:` named no line.
    folder = site(**{"a.md": POST})
    keys = ['title = "T"', 'site_url = "https://example.org/"', "titel = 1"]
    written = (
        text.replace("{keys}", ", ".join(keys))
        .replace("{lines}", "".join(f"{key}\n" for key in keys))
        .replace("{dotted}", "".join(f"staticfeed.{key}\n" for key in keys))
    )
    (folder / "staticfeed.toml").write_text(written, encoding="utf-8")
    assert tomllib.loads(written)["tool"]["staticfeed"]["titel"] == 1
    assert_unknown_key(
        error_text(), f"staticfeed.toml:{line}", "titel", "Did you mean 'title'? Known keys: "
    )


@pytest.mark.parametrize(
    "above",
    [
        # A line in a multi-line string that reads like the key: it was named, line 2.
        'rights = """\nlanguage = is in the text\n"""\n',
        # str.splitlines() ends a line at a U+2028 in a value too: line 3 was named.
        'rights = "Peace\u2028talks"\n',
    ],
)
def test_a_config_error_is_named_at_the_line_of_its_key(site: Site, above: str) -> None:
    folder = site(**{"a.md": POST})
    text = above + BASIC_CONFIG + 'language = "english"\n'
    (folder / "staticfeed.toml").write_text(text, encoding="utf-8")
    line = text.count("\n")
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: language 'english' is not a BCP 47 language tag. Use a "
        "tag like en, en-GB or uk.\n"
    )


def test_a_locale_name_for_a_language_is_told_to_take_a_hyphen(site: Site) -> None:
    # en_US, as $LANG writes it: the fix said only "Use a tag like en, en-GB or uk".
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").write_text(BASIC_CONFIG + 'language = "en_US"\n')
    line = BASIC_CONFIG.count("\n") + 1
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: language 'en_US' is not a BCP 47 language tag. Write it "
        "with a hyphen: en-US.\n"
    )


def test_a_line_break_in_the_feed_title_is_an_error(site: Site) -> None:
    # Published as written: readers show a feed's title on one line.
    folder = site(**{"a.md": POST})
    text = BASIC_CONFIG.replace('title = "Test feed"', 'title = """Test\nfeed"""')
    (folder / "staticfeed.toml").write_text(text, encoding="utf-8")
    assert error_text() == (
        "Error: staticfeed.toml:1: title holds a line break, which feed readers show as a space "
        'or not at all. Write it on one line: "Test feed"\n'
    )


def test_pyproject_without_a_staticfeed_table_is_no_configuration(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    # Another tool's table is no staticfeed table either.
    pyproject = '[project]\nname = "x"\n[tool.black]\nline-length = 100\n'
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert error_text() == (
        "Error: staticfeed.toml: there is no such file, and no pyproject.toml with a "
        "[tool.staticfeed] table beside it. Start a publication here with staticfeed init (or "
        "write staticfeed.toml with title and site_url), or pass --config FILE.\n"
    )
    assert not (folder / "feeds").exists()


SPELLED_RIGHT = (
    'title = "Spelled right"',
    'site_url = "https://example.org/"',
    'id_authority = "example.org,2025"',
    'authors = [{ name = "A" }]',
)


@pytest.mark.parametrize(
    ("header", "prefix", "line", "name"),
    [
        ("[tool.staticfed]\n", "", 1, "staticfed"),
        ("[tool]\n", "staticfed.", 2, "staticfed"),
        ("", "tool.StaticFeed.", 1, "StaticFeed"),
    ],
    ids=["header", "dotted-under-tool", "dotted-at-top"],
)
def test_a_misspelled_staticfeed_table_in_pyproject_is_named_at_its_line(
    site: Site, header: str, prefix: str, line: int, name: str
) -> None:
    # It said "there is no such file, and no pyproject.toml with a [tool.staticfeed] table
    # beside it", with no line: the author saw the table they had written and took it as asked.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    settings = "".join(f"{prefix}{setting}\n" for setting in SPELLED_RIGHT)
    # Keys written dotted from the top of the file come before any table's header.
    written = f'{header}{settings}\n[project]\nname = "x"\n'
    pyproject = folder / "pyproject.toml"
    pyproject.write_text(written, encoding="utf-8")
    assert error_text() == (
        f"Error: pyproject.toml:{line}: there is no staticfeed.toml beside it, and no "
        f"[tool.staticfeed] table in it, only [tool.{name}]. Did you mean [tool.staticfeed]?\n"
    )
    assert error_text("--config", "pyproject.toml") == (
        f"Error: pyproject.toml:{line}: there is no [tool.staticfeed] table, only "
        f"[tool.{name}]. Did you mean [tool.staticfeed]?\n"
    )
    assert not (folder / "feeds").exists()
    pyproject.write_text(written.replace(name, "staticfeed"), encoding="utf-8")  # as told
    build_ok()
    assert feedparser.parse("feeds/atom.xml").feed.title == "Spelled right"


def test_a_key_missing_from_pyproject_is_named_at_the_staticfeed_table(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    pyproject = '[project]\nname = "x"\n\n[tool.staticfeed]\nsite_url = "https://example.org/"\n'
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    assert error_text() == ('Error: pyproject.toml:4: title is missing. Add title = "My feed".\n')


@pytest.mark.parametrize(
    ("above", "prefix"),
    [("[project]\nname = 'x'\n\n[tool]\n", "staticfeed."), ("# site\n", "tool.staticfeed.")],
    ids=["dotted-under-tool", "dotted-at-the-top"],
)
def test_a_key_missing_from_dotted_keys_of_pyproject_is_named_as_they_write_it(
    site: Site, above: str, prefix: str
) -> None:
    # With no [tool.staticfeed] header, the error named no line, and its `title = "My feed"`,
    # added under [tool], was a key of [tool]: the title was still missing.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    keys = [
        'titel = "T"',
        'site_url = "https://example.org/"',
        'id_authority = "example.org,2025"',
        'authors = [{ name = "Ann" }]',
    ]
    lines = above.split("\n")[:-1] + [f"{prefix}{key}" for key in keys]
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = len(above.split("\n"))
    told = error_text().splitlines()
    assert (
        told[1] == f'Error: pyproject.toml:{line}: title is missing. Add {prefix}title = "My feed".'
    )
    # Written as told, at that line, for the misspelled one: the feed has its title.
    lines[line - 1] = f'{prefix}title = "My feed"'
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_ok()
    assert feedparser.parse("feeds/atom.xml").feed.title == "My feed"


@pytest.mark.parametrize(
    ("above", "prefix"),
    [("[tool]\n", "staticfeed."), ("# site\n", "tool.staticfeed.")],
    ids=["dotted-under-tool", "dotted-at-the-top"],
)
def test_a_key_caught_by_an_authors_table_below_dotted_keys_is_told_to_go_beside_them(
    site: Site, above: str, prefix: str
) -> None:
    # "Move the line above the first [[tool.staticfeed.authors]] line": moved there as
    # written, `subtitle = "x"` was a key of [tool] (or of the whole file), not staticfeed's.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    keys = ['title = "T"', 'site_url = "https://example.org/"', 'id_authority = "e.org,2025"']
    lines = [*above.split("\n")[:-1], *(f"{prefix}{key}" for key in keys)]
    lines += ["[[tool.staticfeed.authors]]", 'name = "Ann"', 'subtitel = "Sub"']
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert error_text() == (
        "Error: pyproject.toml:7: subtitel is in the [[tool.staticfeed.authors]] table: TOML "
        "puts each key after the [[tool.staticfeed.authors]] line in it. Did you mean "
        f"'subtitle'? Name it {prefix}subtitle and move the line beside line 2.\n"
    )
    # As told: the feed has the subtitle.
    lines = [*lines[:2], f'{prefix}subtitle = "Sub"', *lines[2:-1]]
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_ok()
    assert feedparser.parse("feeds/atom.xml").feed.subtitle == "Sub"


@pytest.mark.parametrize("command", ["build", "new"])
def test_an_id_authority_missing_from_dotted_keys_is_told_as_they_write_it(
    site: Site, command: str
) -> None:
    # It named no line, and `id_authority = ...`, added under [tool] as told, was [tool]'s:
    # the next build said the same. (A misspelled `staticfeed.id_autority` came to this too.)
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    lines = [
        "[tool]",
        'staticfeed.title = "T"',
        'staticfeed.site_url = "https://example.org/"',
        'staticfeed.authors = [{ name = "Ann" }]',
    ]
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ["new", "Second", "--date", "2025-07-01"] if command == "new" else ["build"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    # build's year is the oldest entry's; new's, this year's, as new pins ids now.
    needs, year = (
        ("entries without an id: need it", "2025")
        if command == "build"
        else ("new needs it to pin the entry's id", "YEAR")
    )
    said = (
        f"Error: pyproject.toml:2: id_authority is not set, and {needs}. Add "
        f'staticfeed.id_authority = "example.org,{year}" to the config{PIN_IT}'
    )
    assert re.fullmatch(re.escape(said).replace("YEAR", r"\d{4}"), result.stderr), result.stderr
    lines.insert(2, 'staticfeed.id_authority = "example.org,2025"')
    (folder / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_ok()
    assert feedparser.parse("feeds/atom.xml").entries[0].id == "tag:example.org,2025:a"


@pytest.mark.parametrize(
    ("config", "written", "kind"),
    [
        ("pyproject.toml", '[tool]\nstaticfeed = "yes"\n', "text"),
        ("pyproject.toml", "[tool]\nstaticfeed = [1]\n", "a list"),
        ("staticfeed.toml", '[tool]\nstaticfeed = "yes"\n', "text"),
        ("staticfeed.toml", "# settings\ntool.staticfeed = 3\n", "a number"),
    ],
    ids=["pyproject-text", "pyproject-list", "staticfeed-toml-text", "dotted-number"],
)
def test_a_staticfeed_key_that_is_no_table_is_named_at_its_line(
    site: Site, config: str, written: str, kind: str
) -> None:
    # It said "there is no [tool.staticfeed] table", though the key was there: the author
    # looked for a typo in its name.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / config).write_text(written, encoding="utf-8")
    assert error_text() == (
        f"Error: {config}:2: tool.staticfeed is {kind}, not a table of settings. Replace it"
        " with a [tool.staticfeed] table with title and site_url.\n"
    )
    assert not (folder / "feeds").exists()


NO_TOOL_TABLE = "Error: {0}:{1}: tool is {2}, not a table, so it holds no [tool.staticfeed] table."
IN_PYPROJECT = (
    " Replace it with a [tool] table that holds [tool.staticfeed] with title and site_url.\n"
)
IN_OWN_FILE = (
    " Remove it, and write title and site_url at the top of the file (or in a [tool.staticfeed]"
    " table).\n"
)


@pytest.mark.parametrize(
    ("config", "written", "line", "kind", "fix"),
    [
        ("pyproject.toml", 'tool = "x"\n', 1, "text", IN_PYPROJECT),
        (
            "pyproject.toml",
            '# tools\n"tool" = [1]\n\n[project]\nname = "x"\n',
            2,
            "a list",
            IN_PYPROJECT,
        ),
        ("staticfeed.toml", 'title = "T"\ntool = 3\n', 2, "a number", IN_OWN_FILE),
    ],
    ids=["pyproject-text", "pyproject-quoted-list", "staticfeed-toml-number"],
)
def test_a_tool_key_that_is_no_table_is_named_at_its_line(
    site: Site, config: str, written: str, line: int, kind: str, fix: str
) -> None:
    # It said there was no pyproject.toml with a [tool.staticfeed] table, or no such table:
    # the author had written tool itself as something else, and looked for the table.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / config).write_text(written, encoding="utf-8")
    expected = NO_TOOL_TABLE.format(config, line, kind) + fix
    assert error_text() == expected
    assert error_text("--config", config) == expected
    result = CliRunner().invoke(cli, ["check"], prog_name="staticfeed")
    assert (result.exit_code, result.stdout) == (
        1,
        expected.replace(".\n", ". [build]\n", 1) + "failed: 1 error, 0 warnings\n",
    )
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize("command", [["build"], ["new", "First"], ["check"], ["serve"]])
def test_a_command_run_where_there_is_no_publication_points_to_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    # It said only "Create staticfeed.toml with title and site_url", as if by hand: a new user
    # did not learn that init writes one.
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 1, result.output
    assert (
        "Error: staticfeed.toml: there is no such file, and no pyproject.toml with a "
        "[tool.staticfeed] table beside it. Start a publication here with staticfeed init (or "
        "write staticfeed.toml with title and site_url), or pass --config FILE."
    ) in result.output  # check lists it with the other problems, on stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("config", ["staticfeed.toml", "pyproject.toml"])
def test_a_command_run_in_a_folder_of_the_publication_names_its_config_and_where_to_run(
    site: Site, monkeypatch: pytest.MonkeyPatch, config: str
) -> None:
    # Run in entries/2025/, build said only "Create staticfeed.toml …, or pass --config FILE",
    # though a config was two folders up, and --config alone would look for entries/2025/entries.
    folder = site(**{"2025/a.md": POST})
    if config == "pyproject.toml":
        (folder / "staticfeed.toml").unlink()
        (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    monkeypatch.chdir(folder / "entries" / "2025")
    assert error_text() == (
        "Error: staticfeed.toml: there is no such file, and no pyproject.toml with a "
        f"[tool.staticfeed] table beside it. ../../{config} is the config of the publication "
        "this folder is in: run staticfeed in its folder (cd ../..).\n"
    )
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("folders", "said"),
    [
        (
            ["my notes"],
            "my notes/staticfeed.toml is the config of a publication in a folder here: run "
            "staticfeed in its folder (cd 'my notes').",
        ),
        (
            ["b", "a", "c"],
            "a/staticfeed.toml, b/staticfeed.toml and c/staticfeed.toml are the configs of "
            "publications in folders here: run staticfeed in the folder of one (cd a).",
        ),
    ],
)
def test_a_command_run_above_a_publication_names_the_folder_to_run_it_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folders: list[str], said: str
) -> None:
    # After `staticfeed init "my notes"`, build without `cd` first said to create
    # staticfeed.toml, beside the publication just made.
    monkeypatch.chdir(tmp_path)
    values = ["--title", "T", "--site-url", "https://t.test/", "--author", "A", "--timezone", "UTC"]
    for folder in folders:
        made = CliRunner().invoke(cli, ["init", folder, *values])
        assert made.exit_code == 0, made.output
    (tmp_path / "notes").mkdir()  # a folder without a config is no publication
    assert error_text() == (
        "Error: staticfeed.toml: there is no such file, and no pyproject.toml with a "
        f"[tool.staticfeed] table beside it. {said}\n"
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([*folders, "notes"])


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("staticfeed.toml", "leads back to itself"),
        ("gone.toml", "leads to gone.toml, which does not exist"),
    ],
    ids=["loop", "broken"],
)
def test_a_command_run_in_entries_names_the_config_link_above_that_leads_nowhere(
    site: Site, monkeypatch: pytest.MonkeyPatch, target: str, why: str
) -> None:
    # It said "staticfeed.toml: there is no such file", of the current folder, and "Create
    # staticfeed.toml", without a word of the publication's config, a link leading nowhere.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / "staticfeed.toml").symlink_to(target)
    monkeypatch.chdir(folder / "entries")
    assert error_text() == (
        f"Error: ../staticfeed.toml: it is a link that {why}. Make it lead to a config file "
        "with title and site_url, then run staticfeed in its folder (cd ..).\n"
    )
    assert not (folder / "feeds").exists()


def test_a_folder_named_staticfeed_toml_is_named_as_a_folder(site: Site) -> None:
    # It said "staticfeed.toml: there is no such file", with a folder of that name in sight.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / "staticfeed.toml").mkdir()
    assert error_text() == (
        "Error: staticfeed.toml: it is a folder, not a config file. Move the folder away and "
        "write the config there, or pass --config FILE.\n"
    )


@pytest.mark.parametrize("option", [(), ("--config", "staticfeed.toml")], ids=["found", "named"])
@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("staticfeed.toml", "leads back to itself"),
        ("gone.toml", "leads to gone.toml, which does not exist"),
    ],
    ids=["loop", "broken"],
)
def test_a_config_that_is_a_link_leading_nowhere_is_named_as_a_link(
    site: Site, option: tuple[str, ...], target: str, why: str
) -> None:
    # It said "there is no such file" (or, with --config, "does not exist" and "cannot read
    # the config file (Too many levels of symbolic links)"), with the link in sight.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / "staticfeed.toml").symlink_to(target)
    assert error_text(*option) == (
        f"Error: staticfeed.toml: it is a link that {why}. Remove the link, or make it lead to "
        "a config file with title and site_url.\n"
    )
    assert not (folder / "feeds").exists()


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("pyproject.toml", "leads back to itself"),
        ("gone.toml", "leads to gone.toml, which does not exist"),
    ],
    ids=["loop", "broken"],
)
def test_a_pyproject_link_leading_nowhere_is_named_as_a_link(
    site: Site, target: str, why: str
) -> None:
    # It said "there is no such file, and no pyproject.toml with a [tool.staticfeed] table".
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / "pyproject.toml").symlink_to(target)
    assert error_text() == (
        f"Error: pyproject.toml: it is a link that {why}. Remove the link, or make it lead to "
        "one with a [tool.staticfeed] table.\n"
    )


def test_config_option_names_another_file(site: Site) -> None:
    folder = site(**{"a.md": POST})
    other = folder / "conf" / "preview.toml"
    other.parent.mkdir()
    other.write_text(BASIC_CONFIG.replace("Test feed", "Named with --config"), encoding="utf-8")
    build_ok("--config", "conf/preview.toml")
    assert feedparser.parse("feeds/atom.xml").feed.title == "Named with --config"


def test_config_option_accepts_a_pyproject_style_file(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "elsewhere.toml").write_text(PYPROJECT, encoding="utf-8")
    build_ok("--config", "elsewhere.toml")
    assert feedparser.parse("feeds/atom.xml").feed.title == "From pyproject"


def test_errors_name_the_file_given_to_config(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "conf").mkdir()
    (folder / "conf" / "site.toml").write_text(config(timezone='"Mars/Olympus"'), "utf-8")
    assert error_text("--config", "conf/site.toml") == (
        "Error: conf/site.toml:5: timezone: unknown time zone 'Mars/Olympus'. "
        "Use an IANA name like UTC, Europe/Kyiv or America/New_York.\n"
    )


def test_a_time_zone_in_other_letter_case_is_named_as_written(site: Site) -> None:
    # "unknown time zone 'europe/berlin'" left the reader to find that only the case was wrong.
    site(config=config(timezone='"europe/berlin"'), **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:5: timezone: unknown time zone 'europe/berlin' (names are "
        "case-sensitive: Europe/Berlin). Use an IANA name like UTC, Europe/Kyiv or "
        "America/New_York.\n"
    )


def test_localtime_is_not_a_time_zone_the_config_may_name(site: Site) -> None:
    # Debian's zoneinfo holds a `localtime` that links to /etc/localtime: the build took it, and
    # the same entries had other dates on a laptop in Berlin and in CI in UTC.
    site(config=config(timezone='"localtime"'), **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:5: timezone: 'localtime' is whatever zone the machine that builds "
        "is in, so the dates would change with the machine. Use an IANA name like UTC, "
        "Europe/Kyiv or America/New_York.\n"
    )


def test_a_zone_that_counts_leap_seconds_is_an_error_that_names_the_zone_without(
    site: Site,
) -> None:
    # right/Europe/Berlin's clocks changed 27 seconds late, as Python's clock has no leap
    # seconds: `date: 2025-03-30 02:00:10`, which the clocks skip, was taken as +01:00.
    site(config=config(timezone='"right/Europe/Berlin"'), **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:5: timezone: 'right/Europe/Berlin' counts leap seconds, which "
        "feed dates do not: its clocks change 27 seconds late (Europe/Berlin is the zone without "
        "them). Use an IANA name like UTC, Europe/Kyiv or America/New_York.\n"
    )


def test_a_missing_config_file_is_an_error(site: Site) -> None:
    site(**{"a.md": POST})
    assert error_text("--config", "nope.toml") == (
        "Error: nope.toml: the config file does not exist. Check the --config path.\n"
    )


def test_a_config_with_a_byte_order_mark_is_read(site: Site) -> None:
    # Windows editors write one: "invalid TOML (Invalid statement (at line 1, column 1))".
    folder = site(**{"a.md": POST})
    config = folder / "staticfeed.toml"
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    build_ok()
    numbered = BASIC_CONFIG.replace('title = "Test feed"', "title = 3")
    config.write_bytes(b"\xef\xbb\xbf" + numbered.encode("utf-8"))
    assert error_text() == (
        'Error: staticfeed.toml:1: title must be text, not a number. Put it in quotes: "3"\n'
    )


def test_a_config_with_a_cr_alone_as_line_end_says_so(site: Site) -> None:
    # It was "invalid TOML (Expected newline or end of document after a statement (at line 1,
    # column 20)). Fix the TOML syntax.", though the statement did end, with a CR.
    folder = site(**{"a.md": POST})
    config = folder / "staticfeed.toml"
    config.write_bytes(BASIC_CONFIG.replace("\n", "\r").encode("utf-8"))
    fix = "Save the file with LF line ends (your editor's line-ending setting: LF, or Unix).\n"
    allowed = "which TOML does not allow: it ends a line with LF or CR LF only. "
    assert (
        error_text() == f"Error: staticfeed.toml: the file's lines end in CR alone, {allowed}{fix}"
    )
    config.write_bytes(BASIC_CONFIG.replace("\n", "\r", 2).replace("\r", "\n", 1).encode())
    assert error_text() == (
        f"Error: staticfeed.toml:2: the line holds a CR alone (^M), {allowed}{fix}"
    )


def test_a_key_given_twice_in_the_config_is_named_at_both_lines(site: Site) -> None:
    # It was "invalid TOML (Cannot overwrite a value (at line 5, column 14)). Fix the TOML
    # syntax.", without the key's name or its first line.
    site(BASIC_CONFIG + 'title = "Again"\n', **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:5: title is given twice (lines 1 and 5). Keep one of them.\n"
    )


def test_a_config_that_cannot_be_read_is_an_error_not_a_traceback(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").chmod(0o000)
    try:
        result = build_as_a_user()
    finally:
        (folder / "staticfeed.toml").chmod(0o644)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: staticfeed.toml: cannot read the config file (Permission denied). Check that it "
        "can be read.\n",
    )


@pytest.mark.parametrize("option", [(), ("--config", "staticfeed.toml")], ids=["found", "named"])
def test_a_pipe_as_the_config_is_an_error_not_a_hang(site: Site, option: tuple[str, ...]) -> None:
    # Found, it was "there is no such file"; named with --config, the build waited for ever.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    os.mkfifo(folder / "staticfeed.toml")
    command = [sys.executable, "-m", "staticfeed", "build", *option]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stderr) == (
        1,
        "Error: staticfeed.toml: the config file is not a regular file (a pipe, a socket or a "
        "device). Replace it with the config file, or pass --config FILE.\n",
    )
    assert not (folder / "feeds").exists()


def test_a_folder_given_as_the_config_is_a_wrong_command_line(site: Site) -> None:
    site(**{"a.md": POST})  # an IsADirectoryError traceback, from build, check, new and serve
    for command in (["build"], ["check"], ["new", "T"], ["serve"]):
        result = CliRunner().invoke(cli, [*command, "--config", "entries"])
        assert result.exit_code == 2, result.output
        assert result.stderr.endswith(
            "Error: Invalid value for '--config': File 'entries' is a directory.\n"
        )


# --base-url and STATICFEED_BASE_URL ---------------------------------------------------------

PREVIEW = "https://preview.example.net/pr-7/"


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--base-url", "https://preview.example.net/pr-7"], {}),
        ([], {"STATICFEED_BASE_URL": "https://preview.example.net/pr-7/"}),
        (["--base-url", PREVIEW], {"STATICFEED_BASE_URL": "https://other.example.com/"}),
    ],
    ids=["option", "environment", "option-beats-environment"],
)
def test_base_url_replaces_site_url_in_every_link(
    site: Site, args: list[str], env: dict[str, str]
) -> None:
    site(
        config=config(icon='"icon.png"', logo='"img/logo.png"'),
        **{"a.md": POST.replace("Some text.", "![map](img/map.png)")},
    )
    build_ok(*args, env=env)
    atom, channel = feeds()
    assert atom_links(atom) == {"self": PREVIEW + "feeds/atom.xml", "alternate": PREVIEW}
    assert channel.findtext("link") == PREVIEW
    assert rss_self(channel) == PREVIEW + "feeds/rss.xml"
    assert atom.findtext(f"{A}icon") == PREVIEW + "icon.png"
    assert atom.findtext(f"{A}logo") == PREVIEW + "img/logo.png"
    assert channel.findtext("image/url") == PREVIEW + "img/logo.png"
    content = atom.findtext(f"{A}entry/{A}content") or ""
    assert f'src="{PREVIEW}img/map.png"' in content
    # A deploy preview must not change what readers use to recognise entries.
    assert atom.findtext(f"{A}entry/{A}id") == "tag:example.org,2025:a"


def test_without_base_url_the_site_url_is_used(site: Site) -> None:
    site(**{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    site_url = "https://example.org/blog/"
    assert atom_links(atom) == {"self": site_url + "feeds/atom.xml", "alternate": site_url}
    assert channel.findtext("link") == site_url
    assert rss_self(channel) == site_url + "feeds/rss.xml"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("HTTPS://Example.ORG:443/Blog/", "https://example.org/Blog/"),
        ("http://Example.org:80/x", "http://example.org/x/"),
        ("https://example.org:8443/", "https://example.org:8443/"),
        ("http://[::1]:8000/site/", "http://[::1]:8000/site/"),
        # Section 6.2.2: escapes of unreserved characters decoded, the others in upper case.
        ("https://example.org/%7Eann/caf%c3%a9/", "https://example.org/~ann/caf%C3%A9/"),
        ("https://example.org/caf\u00e9/", "https://example.org/caf%C3%A9/"),
        # Section 6.2.2.3: dot segments removed, "%2E" among them, as browsers remove them.
        ("https://example.org/a/./b/../%2e%2E/c/", "https://example.org/c/"),
    ],
)
def test_site_url_is_written_in_canonical_form(site: Site, written: str, canonical: str) -> None:
    # RFC 3986 section 6.2.3: scheme and host in lower case, no port the scheme implies; the
    # path keeps its case. The feed's <id> is the site URL, and the W3C Feed Validation Service
    # warns about an id that is not in canonical form (NonCanonicalURI).
    site(config=config().replace("https://example.org/blog/", written), **{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.findtext(f"{A}id") == canonical
    assert atom_links(atom) == {"self": canonical + "feeds/atom.xml", "alternate": canonical}
    assert channel.findtext("link") == canonical
    assert rss_self(channel) == canonical + "feeds/rss.xml"


def test_relative_feed_url_follows_base_url(site: Site) -> None:
    site(config=config(feed_url='"syndication/"'), **{"a.md": POST})
    build_ok("--base-url", PREVIEW)
    atom, channel = feeds()
    assert atom_links(atom)["self"] == PREVIEW + "syndication/atom.xml"
    assert rss_self(channel) == PREVIEW + "syndication/rss.xml"


def test_absolute_feed_url_stays_under_base_url(site: Site) -> None:
    site(config=config(feed_url='"https://cdn.example.com/f/"'), **{"a.md": POST})
    build_ok("--base-url", PREVIEW)
    atom, channel = feeds()
    assert atom_links(atom) == {"self": "https://cdn.example.com/f/atom.xml", "alternate": PREVIEW}
    assert rss_self(channel) == "https://cdn.example.com/f/rss.xml"
    assert channel.findtext("link") == PREVIEW


def test_a_feed_url_without_its_slash_is_still_the_folder_of_the_feeds(site: Site) -> None:
    # Joined as written, "syndication" would lose its last segment: blog/atom.xml.
    site(config=config(feed_url='"syndication"'), **{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom_links(atom)["self"] == "https://example.org/blog/syndication/atom.xml"
    assert rss_self(channel) == "https://example.org/blog/syndication/rss.xml"


def test_a_feed_url_with_a_query_names_its_own_folder_as_the_fix(site: Site) -> None:
    # The fix is the folder the user wrote, not the default one they did not choose.
    site(config=config(feed_url='"news/feeds/?v=2"'), **{"a.md": POST})
    line = BASIC_CONFIG.count("\n") + 1
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: feed_url 'news/feeds/?v=2' has a query or a fragment "
        "(from ? or #), which cannot come before the names of the feed files. Give the folder "
        'alone, like "news/feeds/".\n'
    )


def test_a_relative_base_url_is_refused(site: Site) -> None:
    site(**{"a.md": POST})
    result = build("--base-url", "/preview/")
    assert result.exit_code == 2, result.output
    assert (
        "Error: Invalid value for '--base-url': the site URL '/preview/' is not an absolute "
        "http(s) URL. Write it in full, like https://example.org/preview/\n"
    ) in result.stderr
    assert not Path("feeds").exists()


@pytest.mark.parametrize("command", ["build", "check", "diff"])
def test_a_wrong_base_url_from_the_environment_names_the_variable(site: Site, command: str) -> None:
    # It said "Invalid value for '--base-url'" to a CI job whose command line had none.
    site(**{"a.md": POST})
    result = CliRunner().invoke(cli, [command], env={"STATICFEED_BASE_URL": "preview.example"})
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for the environment variable STATICFEED_BASE_URL: the site URL "
        "'preview.example' is not an absolute http(s) URL. Write it in full, like "
        "https://preview.example"
    )
    assert not Path("feeds").exists()


def test_config_text_readers_cannot_show_is_an_error(site: Site) -> None:
    # A C1 control character: XML allows it, readers and the W3C service do not.
    site(config=BASIC_CONFIG.replace('"Test feed"', '"Test\\u0093feed"'), **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:1: title contains U+0093, a character feed readers cannot "
        "show. Remove it (look for an escape such as \\u0001).\n"
    )


def test_a_base_url_with_a_control_character_is_an_error_not_a_traceback(site: Site) -> None:
    site(**{"a.md": POST})  # lxml refused it, with a ValueError traceback
    result = build("--base-url", "https://example.org/\x01")
    assert result.exit_code == 2, result.output  # a wrong command line, as any bad URL there
    assert result.stderr.endswith(
        "Error: Invalid value for '--base-url': the site URL contains U+0001, a character XML "
        "cannot carry. Remove it.\n"
    )


@pytest.mark.parametrize(
    ("site_url", "problem"),
    [
        ("https://example.org:99999/", "Port out of range 0-65535"),
        ("https://example.org:abc/", "Port could not be cast to integer value as 'abc'"),
    ],
)
def test_a_site_url_with_a_port_out_of_range_is_an_error(
    site: Site, site_url: str, problem: str
) -> None:
    # Accepted before, and written as every feed's <id>.
    site(config=BASIC_CONFIG.replace("https://example.org/blog/", site_url), **{"a.md": POST})
    assert error_text().endswith(
        f": site_url {site_url!r} is not a URL ({problem}). Write it like https://example.org/page\n"
    )


# Every key in the README's table -------------------------------------------------------------


def test_subtitle_is_atom_subtitle_and_rss_description(site: Site) -> None:
    site(config=config(subtitle='"One line about the feed"'), **{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.findtext(f"{A}subtitle") == "One line about the feed"
    assert channel.findtext("description") == "One line about the feed"


def test_without_subtitle_rss_description_falls_back_to_the_title(site: Site) -> None:
    site(**{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.find(f"{A}subtitle") is None
    assert channel.findtext("description") == "Test feed"


def test_language_is_atom_xml_lang_and_rss_language(site: Site) -> None:
    site(config=config(language='"uk"'), **{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.get(XML_LANG) == "uk"
    assert channel.findtext("language") == "uk"
    assert feedparser.parse("feeds/atom.xml").feed.language == "uk"


def test_without_language_no_language_is_claimed(site: Site) -> None:
    site(**{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.get(XML_LANG) is None
    assert channel.find("language") is None


def test_authors_are_the_feed_authors_and_every_entrys_default(site: Site) -> None:
    authors = '["Ann Lee <ann@example.org>", { name = "Bo Chen", uri = "https://bo.example.com/" }]'
    text = BASIC_CONFIG.replace(
        'authors = [{ name = "Default Author", email = "default@example.org" }]\n', ""
    )
    site(config=text + f"authors = {authors}\n", **{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    feed_authors = [
        (a.findtext(f"{A}name"), a.findtext(f"{A}email"), a.findtext(f"{A}uri"))
        for a in atom.findall(f"{A}author")
    ]
    expected = [("Ann Lee", "ann@example.org", None), ("Bo Chen", None, "https://bo.example.com/")]
    assert feed_authors == expected
    entry_authors = [
        (a.findtext(f"{A}name"), a.findtext(f"{A}email"), a.findtext(f"{A}uri"))
        for a in atom.findall(f"{A}entry/{A}author")
    ]
    assert entry_authors == expected
    creators = [c.text for c in channel.iter("{http://purl.org/dc/elements/1.1/}creator")]
    assert creators == ["Ann Lee, Bo Chen"]


@pytest.mark.parametrize(
    ("timezone", "date", "published", "pub_date"),
    [
        (None, "2025-07-01 09:00", "2025-07-01T09:00:00+00:00", "Tue, 01 Jul 2025 09:00:00 +0000"),
        (
            '"Europe/Kyiv"',
            "2025-07-01 09:00",
            "2025-07-01T09:00:00+03:00",
            "Tue, 01 Jul 2025 09:00:00 +0300",
        ),
        (
            '"Europe/Kyiv"',
            "2025-01-15",
            "2025-01-15T00:00:00+02:00",
            "Wed, 15 Jan 2025 00:00:00 +0200",
        ),
        (
            '"America/New_York"',
            "2025-12-22 14:30",
            "2025-12-22T14:30:00-05:00",
            "Mon, 22 Dec 2025 14:30:00 -0500",
        ),
        (
            '"Europe/Kyiv"',
            "2025-07-01T09:00:00+01:00",
            "2025-07-01T09:00:00+01:00",
            "Tue, 01 Jul 2025 09:00:00 +0100",
        ),
    ],
    ids=["default-utc", "kyiv-summer", "kyiv-winter-date-only", "new-york", "offset-wins"],
)
def test_timezone_places_wall_times(
    site: Site, timezone: str | None, date: str, published: str, pub_date: str
) -> None:
    text = config(timezone=timezone) if timezone else BASIC_CONFIG
    site(config=text, **{"a.md": dated("A", date)})
    build_ok()
    atom, channel = feeds()
    assert atom.findtext(f"{A}entry/{A}published") == published
    assert atom.findtext(f"{A}entry/{A}updated") == published
    assert atom.findtext(f"{A}updated") == published
    assert channel.findtext("item/pubDate") == pub_date
    assert channel.findtext("lastBuildDate") == pub_date


def three_posts() -> dict[str, str]:
    return {
        "old.md": dated("Old", "2025-01-01"),
        "middle.md": dated("Middle", "2025-02-01"),
        "new.md": dated("New", "2025-03-01"),
    }


@pytest.mark.parametrize(
    ("limit", "titles"),
    [
        ("1", ["New"]),
        ("2", ["New", "Middle"]),
        ("0", ["New", "Middle", "Old"]),
        ("5", ["New", "Middle", "Old"]),
    ],
)
def test_limit_keeps_the_newest_entries(site: Site, limit: str, titles: list[str]) -> None:
    site(config=config(limit=limit), **three_posts())
    result = build_ok()
    noun = "entry" if len(titles) == 1 else "entries"
    assert f"wrote feeds/atom.xml ({len(titles)} {noun})" in result.stdout.splitlines()
    for name in ("atom.xml", "rss.xml"):
        parsed = feedparser.parse(f"feeds/{name}")
        assert [entry.title for entry in parsed.entries] == titles


def test_limit_defaults_to_50(site: Site) -> None:
    posts = {f"p{n:02}.md": dated(f"Post {n}", f"2025-01-01 00:{n:02}") for n in range(51)}
    site(**posts)
    result = build_ok()
    assert result.stdout.splitlines()[0] == "wrote feeds/atom.xml (50 entries)"
    titles = [entry.title for entry in feedparser.parse("feeds/atom.xml").entries]
    assert titles == [f"Post {n}" for n in range(50, 0, -1)]  # Post 0, the oldest, left out


def test_archive_size_defaults_to_50(site: Site) -> None:
    # README: 50 entries per archive, the oldest first; with limit = 1, the 51 older entries of
    # 52 fill archive 1 with the oldest 50 and archive 2 with the one left.
    posts = {f"p{n:02}.md": dated(f"Post {n}", f"2025-01-01 00:{n:02}") for n in range(52)}
    site(config=config(limit="1"), **posts)
    build_ok()
    first = feedparser.parse("feeds/archive/1.atom.xml").entries
    assert sorted(entry.title for entry in first) == sorted(f"Post {n}" for n in range(50))
    second = feedparser.parse("feeds/archive/2.atom.xml").entries
    assert [entry.title for entry in second] == ["Post 50"]


def linked_and_unlinked() -> dict[str, str]:
    return {
        "linked.md": dated("Linked", "2025-02-01", "link: https://example.org/linked\n"),
        "unlinked.md": dated("Unlinked", "2025-01-01"),
    }


def contents(atom: etree._Element, channel: etree._Element) -> dict[str, tuple[bool, bool]]:
    """For each entry title: (has Atom content, has RSS content:encoded)."""
    atom_has = {
        e.findtext(f"{A}title"): e.find(f"{A}content") is not None
        for e in atom.findall(f"{A}entry")
    }
    return {
        item.findtext("title") or "": (
            atom_has[item.findtext("title")],
            item.find(CONTENT_ENCODED) is not None,
        )
        for item in channel.findall("item")
    }


def test_content_full_is_the_default(site: Site) -> None:
    site(**linked_and_unlinked())
    build_ok()
    atom, channel = feeds()
    assert contents(atom, channel) == {"Linked": (True, True), "Unlinked": (True, True)}
    entry = feedparser.parse("feeds/atom.xml").entries[0]
    assert entry.content[0].value == "<p>Text of Linked.</p>"


def test_content_summary_leaves_out_content_of_entries_readers_can_open(site: Site) -> None:
    site(config=config(content='"summary"'), **linked_and_unlinked())
    build_ok()
    atom, channel = feeds()
    # An entry without a link links to its page, which has the content.
    assert contents(atom, channel) == {"Linked": (False, False), "Unlinked": (False, False)}
    assert [i.findtext("link") for i in channel.findall("item")] == [
        "https://example.org/linked",
        "https://example.org/blog/feeds/unlinked/",
    ]
    page = Path("feeds/unlinked/index.html").read_text(encoding="utf-8")
    assert "Text of Unlinked." in page
    assert [e.findtext(f"{A}summary") for e in atom.findall(f"{A}entry")] == [
        "Text of Linked.",
        "Text of Unlinked.",
    ]
    assert [i.findtext("description") for i in channel.findall("item")] == [
        "Text of Linked.",
        "Text of Unlinked.",
    ]


def test_content_summary_without_pages_keeps_content_of_unlinked_entries(site: Site) -> None:
    site(config=config(content='"summary"', pages="false"), **linked_and_unlinked())
    build_ok()
    atom, channel = feeds()
    # An entry with neither link nor page keeps its content, so readers have something to show.
    assert contents(atom, channel) == {"Linked": (False, False), "Unlinked": (True, True)}
    assert [e.findtext(f"{A}summary") for e in atom.findall(f"{A}entry")] == [
        "Text of Linked.",
        "Text of Unlinked.",
    ]
    assert [i.findtext("description") for i in channel.findall("item")] == [
        "Text of Linked.",
        "Text of Unlinked.",
    ]


@pytest.mark.parametrize(
    ("icon", "expected"),
    [
        ('"favicon.png"', "https://example.org/blog/favicon.png"),
        ('"/favicon.png"', "https://example.org/favicon.png"),
        ('"https://cdn.example.com/i.png"', "https://cdn.example.com/i.png"),
    ],
)
def test_icon_is_made_absolute_against_site_url(site: Site, icon: str, expected: str) -> None:
    site(config=config(icon=icon), **{"a.md": POST})
    build_ok()
    atom, _ = feeds()
    assert atom.findtext(f"{A}icon") == expected
    assert feedparser.parse("feeds/atom.xml").feed.icon == expected


def test_logo_is_atom_logo_and_rss_image(site: Site) -> None:
    tagged = POST.replace("date:", "tags: [news]\ndate:")
    site(
        config=config(logo='"img/logo.png"', limit="1"),
        **{"a.md": tagged, "b.md": dated("B", "2025-05-01")},
    )
    build_ok()
    atom, channel = feeds()
    assert atom.findtext(f"{A}logo") == "https://example.org/blog/img/logo.png"
    # The RSS Best Practices Profile: the image's title and link are the channel's, in a tag
    # feed or an archive too (the W3C service warns otherwise: ImageTitleDoesntMatch).
    files = [*sorted(Path("feeds").rglob("*.rss.xml")), Path("feeds/rss.xml")]
    assert [file.as_posix() for file in files] == [
        "feeds/archive/1.rss.xml",
        "feeds/authors/default-author.rss.xml",
        "feeds/tags/news.rss.xml",
        "feeds/rss.xml",
    ]
    titles = set()
    for file in files:
        channel = etree.parse(str(file)).getroot().find("channel")
        image = channel.find("image")
        assert image is not None
        assert image.findtext("url") == "https://example.org/blog/img/logo.png"
        assert image.findtext("title") == channel.findtext("title"), file
        assert image.findtext("link") == channel.findtext("link") == "https://example.org/blog/"
        titles.add(channel.findtext("title"))
    assert len(titles) == len(files)  # each feed has its own title


@pytest.mark.parametrize(
    ("logo", "in_rss"),
    [
        ('"img/logo.svg"', False),
        ('"https://cdn.example.com/logo.webp?v=2"', False),
        ('"https://cdn.example.com/logo.png?v=2"', True),  # a query is not the name's end
        ('"img/LOGO.JPG"', True),
        ('"https://cdn.example.com/logo"', True),
    ],
)
def test_rss_image_only_for_a_gif_jpeg_or_png_logo(site: Site, logo: str, in_rss: bool) -> None:
    # RSS 2.0: "the URL of a GIF, JPEG or PNG image"; the W3C Feed Validation Service warns
    # about an image whose name ends otherwise (ImageUrlFormat). Atom's logo may be any image.
    site(config=config(logo=logo), **{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    url = urljoin("https://example.org/blog/", logo.strip('"'))
    assert atom.findtext(f"{A}logo") == url
    assert channel.findtext("image/url") == (url if in_rss else None)
    assert (feedparser.parse("feeds/rss.xml").feed.get("image") is not None) == in_rss


def test_without_icon_and_logo_there_are_none(site: Site) -> None:
    site(**{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.find(f"{A}icon") is None
    assert atom.find(f"{A}logo") is None
    assert channel.find("image") is None


def test_rights_is_atom_rights_and_rss_copyright(site: Site) -> None:
    site(config=config(rights='"© 2025 The editors, CC BY 4.0"'), **{"a.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.findtext(f"{A}rights") == "© 2025 The editors, CC BY 4.0"
    assert channel.findtext("copyright") == "© 2025 The editors, CC BY 4.0"


def test_id_authority_makes_the_entry_ids(site: Site) -> None:
    text = BASIC_CONFIG.replace("example.org,2025", "editors@example.net,2019-05")
    site(config=text, **{"2025/My-Post.md": POST})
    build_ok()
    atom, channel = feeds()
    assert atom.findtext(f"{A}entry/{A}id") == "tag:editors@example.net,2019-05:2025/my-post"
    guid = channel.find("item/guid")
    assert guid is not None
    assert guid.text == "tag:editors@example.net,2019-05:2025/my-post"
    assert guid.get("isPermaLink") == "false"


def test_entries_with_their_own_ids_need_no_id_authority(site: Site) -> None:
    text = BASIC_CONFIG.replace('id_authority = "example.org,2025"\n', "")
    site(config=text, **{"a.md": dated("A", "2025-01-01", "id: urn:uuid:1b4e28ba-2fa1\n")})
    build_ok()
    atom, _ = feeds()
    assert atom.findtext(f"{A}entry/{A}id") == "urn:uuid:1b4e28ba-2fa1"


# Config errors: exact text, file and line ----------------------------------------------------


def test_missing_id_authority_suggests_the_site_host_and_the_oldest_year(site: Site) -> None:
    text = BASIC_CONFIG.replace('id_authority = "example.org,2025"\n', "").replace(
        "https://example.org/blog/", "https://www.example.net:8443/reading/"
    )
    site(
        config=text,
        **{
            "new.md": dated("New", "2025-03-01"),
            "old.md": dated("Old", "2023-11-30"),
            "own.md": dated("Own id", "2024-01-01", "id: https://example.net/own\n"),
        },
    )
    assert error_text() == (
        "Error: staticfeed.toml: id_authority is not set, and entries without an id: need it. "
        'Add id_authority = "www.example.net,2023" to the config. Pin it and never change it: '
        "every entry id is built from it, and a new value would make readers show every entry "
        "again.\n"
    )
    assert not Path("feeds").exists()


PIN_IT = (
    ". Pin it and never change it: every entry id is built from it, and a new value would make"
    " readers show every entry again.\n"
)


@pytest.mark.parametrize(
    ("site_url", "authors", "fix"),
    [
        # It suggested "2001,2023", the address cut at its first colon, and "192.0.2.1,2023":
        # RFC 4151 takes a domain name or an email address, and an IP address is neither.
        (
            "https://[2001:db8::1]/blog/",
            '[{ name = "Ann" }, { name = "Bo", email = "Bo@Example.net" }]',
            'Add id_authority = "bo@example.net,2023" to the config, with the author\'s email'
            " (site_url's host '2001:db8::1' is an IP address)",
        ),
        (
            "http://192.0.2.1/blog/",
            '[{ name = "Ann" }]',
            'Add id_authority = "<a domain name or an email address of yours>,2023" to the'
            " config (site_url's host '192.0.2.1' is an IP address)",
        ),
        # A host in other letters, as the feeds write it (IDNA), which id_authority takes.
        (
            "https://bücher.example/",
            '[{ name = "Ann" }]',
            'Add id_authority = "xn--bcher-kva.example,2023" to the config',
        ),
    ],
)
def test_missing_id_authority_suggests_a_value_that_names_the_owner(
    site: Site, site_url: str, authors: str, fix: str
) -> None:
    text = f'title = "T"\nsite_url = "{site_url}"\nauthors = {authors}\n'
    site(config=text, **{"old.md": dated("Old", "2023-11-30")})
    assert error_text() == (
        "Error: staticfeed.toml: id_authority is not set, and entries without an id: need it. "
        f"{fix}{PIN_IT}"
    )
    suggested = re.search(r'id_authority = "([^<"]*)"', fix)
    if suggested is None:
        return
    # The value suggested builds: the entry's id in the feed is made from it.
    Path("staticfeed.toml").write_text(f"{text}{suggested[0]}\n", encoding="utf-8")
    assert build().exit_code == 0
    read = feedparser.parse("feeds/atom.xml")
    assert [entry.id for entry in read.entries] == [f"tag:{suggested[1]}:old"]


def test_missing_title(site: Site) -> None:
    site(config=BASIC_CONFIG.replace('title = "Test feed"\n', ""), **{"a.md": POST})
    assert error_text() == 'Error: staticfeed.toml: title is missing. Add title = "My feed".\n'


def test_missing_site_url(site: Site) -> None:
    text = BASIC_CONFIG.replace('site_url = "https://example.org/blog/"\n', "")
    site(config=text, **{"a.md": POST})
    assert error_text() == (
        'Error: staticfeed.toml: site_url is missing. Add site_url = "https://example.org/".\n'
    )


def test_missing_title_and_site_url_are_both_reported(site: Site) -> None:
    # Only the title was named; adding it then led to the site_url error.
    text = BASIC_CONFIG.replace('title = "Test feed"\n', "")
    site(config=text.replace('site_url = "https://example.org/blog/"\n', ""), **{"a.md": POST})
    assert error_text() == (
        'Error: staticfeed.toml: title is missing. Add title = "My feed".\n'
        'Error: staticfeed.toml: site_url is missing. Add site_url = "https://example.org/".\n'
    )


def test_every_bad_key_of_the_config_is_listed_each_at_its_own_line(site: Site) -> None:
    # The config stopped at its first bad value: fixing it led to the next, a build apiece.
    text = (
        'title = "T"\nsite_url = "https://example.org/"\nlimit = -1\n'
        'authors = [\n  { name = "" },\n  { mail = "x" },\n]\ntimezone = "Mars/Base"\n'
    )
    site(config=text, **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:3: limit must be a whole number of at least 0, not -1. Write a "
        "whole number such as 50.\n"
        "Error: staticfeed.toml:5: authors name is empty. Give authors name a value or remove "
        "the key.\n"
        # Lacking a name is told with its unknown key, not in the next run (`mail` is no name).
        "Error: staticfeed.toml:6: an author in authors has no name. Add a name to it.\n"
        "Error: staticfeed.toml:6: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri.\n"
        "Error: staticfeed.toml:8: timezone: unknown time zone 'Mars/Base'. Use an IANA name "
        "like UTC, Europe/Kyiv or America/New_York.\n"
    )


UNFIT = "a character XML cannot carry. Remove it (look for an escape such as \\u0001)."


@pytest.mark.parametrize(
    ("lists", "expected"),
    [
        pytest.param(
            'authors = [\n  { name = "Ann" },\n  { name = "B\\u0007o" },\n  "Cy\\uFFFE",\n]\n'
            'formats = [\n  "atom",\n  "rs\\ns",\n  "json\\u0001",\n]\n',
            [
                f"5: authors contains U+0007, {UNFIT}",
                f"6: authors contains U+FFFE, {UNFIT}",
                "10: formats: unknown format 'rs\\ns'. Use any of 'atom', 'rss', 'json'.",
                f"11: formats contains U+0001, {UNFIT}",
            ],
            id="arrays",
        ),
        pytest.param(
            'formats = [\n  "atom\\u0001",\n  "rss",\n  "xml",\n]\n',
            [
                f"4: formats contains U+0001, {UNFIT}",
                "6: formats: unknown format 'xml'. Use any of 'atom', 'rss', 'json'.",
            ],
            id="unknown-format-after-an-unfit-one",
        ),
        # On one line, in the order they are written, as a fix goes along the line.
        pytest.param(
            'formats = ["xml", "atom\\u0001"]\n',
            [
                "3: formats: unknown format 'xml'. Use any of 'atom', 'rss', 'json'.",
                f"3: formats contains U+0001, {UNFIT}",
            ],
            id="one-line-in-the-order-written",
        ),
        pytest.param(
            '[[authors]]\nname = "Ann"\nemail = "a@example.org"\n'
            '[[authors]]\nname = "Bo"\nemail = "b\\u0002@example.org"\n',
            [f"8: authors contains U+0002, {UNFIT}"],
            id="tables",
        ),
        pytest.param(
            '[authors]\nname = "Ann"\nemail = "a\\u0002@example.org"\n',
            [f"5: authors contains U+0002, {UNFIT}"],
            id="table",
        ),
    ],
)
def test_a_character_feeds_cannot_carry_is_named_at_its_items_line(
    site: Site, lists: str, expected: list[str]
) -> None:
    # Each was named at the key's line, the first alone, and another bad item of the list (an
    # unknown format) only once it was fixed; in an [[authors]] table, at no line.
    site(config=f'title = "T"\nsite_url = "https://example.org/"\n{lists}', **{"a.md": POST})
    assert error_text() == "".join(f"Error: staticfeed.toml:{line}\n" for line in expected)


def test_each_bad_authors_table_of_pyproject_is_named_at_its_bad_key(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    text = PYPROJECT.replace('authors = ["Default Author"]\n', "limit = -1\n")
    text += '[[tool.staticfeed.authors]]\nname = ""\n\n[[ tool . "staticfeed".\'authors\' ]]\n'
    text += 'mail = "x"\n'
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    assert error_text() == (
        "Error: pyproject.toml:12: limit must be a whole number of at least 0, not -1. Write a "
        "whole number such as 50.\n"
        "Error: pyproject.toml:14: authors name is empty. Give authors name a value or remove "
        "the key.\n"
        "Error: pyproject.toml:16: an author in authors has no name. Add a name to it.\n"
        "Error: pyproject.toml:17: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri.\n"
    )


def test_a_config_key_with_a_dot_in_its_name_is_named_in_quotes(site: Site) -> None:
    # `"a.b" = 1` was named 'a.b' (and 'authors.a.b' in an author): to TOML, a key b of a
    # table a, which the user looked for in vain. Front matter names it so too.
    config = 'title = "T"\nsite_url = "https://example.org/"\n"a.b" = 1\n'
    site(config=config + '[[authors]]\nname = "Ann"\n"e.mail" = 2\n', **{"a.md": POST})
    stderr = error_text().splitlines(keepends=True)
    assert_unknown_key(stderr[0], "staticfeed.toml:3", '"a.b"', "Remove it; known keys: ")
    assert stderr[1:] == [
        "Error: staticfeed.toml:6: unknown key 'authors.\"e.mail\"'. Did you mean "
        "'authors.email'? Known keys: authors.email, authors.name, authors.uri.\n"
    ]


# TOML lets a table's name be quoted: the keys of `[[ "authors" ]]` were named at its line.
@pytest.mark.parametrize("header", ["[[authors]]", '[[ "authors" ]]', "[['authors']]"])
def test_each_bad_key_of_one_author_of_the_config_is_named_at_its_line(
    site: Site, header: str
) -> None:
    # Only the first was named: fixing it showed the next, a build apiece.
    authors = f'{header}\nname = "B"\nmail = "b@example.org"\nur = "https://example.org/"\n'
    site(config='title = "T"\nsite_url = "https://example.org/"\n' + authors, **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:5: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri.\n"
        "Error: staticfeed.toml:6: unknown key 'authors.ur'. Did you mean 'authors.uri'? "
        "Known keys: authors.email, authors.name, authors.uri.\n"
    )


@pytest.mark.parametrize(
    "header", ["[authors.links]", '[ "authors" . links ]', "[[authors.links]]"]
)
def test_a_table_made_in_an_author_by_its_own_header_is_named_at_that_header(
    site: Site, header: str
) -> None:
    # TOML makes `links` a key of the last author: it was named at that author's
    # [[authors]] line, three lines above the header to remove.
    authors = f'[[authors]]\nname = "Ann"\n\n{header}\nhome = "https://example.org/"\n'
    site(config='title = "T"\nsite_url = "https://example.org/"\n' + authors, **{"a.md": POST})
    assert tomllib.loads(authors)["authors"][0]["links"]
    assert error_text() == (
        "Error: staticfeed.toml:6: unknown key 'authors.links'. Remove it; known keys: "
        "authors.email, authors.name, authors.uri.\n"
    )


def test_each_bad_item_of_a_multi_line_array_in_the_config_is_named_at_its_line(
    site: Site,
) -> None:
    site(config=config(formats='[\n  "atom",\n  "",\n  # "rss",\n  true,\n]'), **{"a.md": POST})
    line = BASIC_CONFIG.count("\n") + 1
    assert error_text() == (
        f"Error: staticfeed.toml:{line + 2}: formats has an empty item. Remove it, or write "
        "what it should be.\n"
        f"Error: staticfeed.toml:{line + 4}: each of formats must be text, not true/false. Put "
        'every one in quotes: ["atom", "", "true"]\n'
    )


def test_formats_must_name_one_and_names_each_once(site: Site) -> None:
    site(config=config(formats="[]"), **{"a.md": POST})
    line = BASIC_CONFIG.count("\n") + 1
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: formats is empty. Name at least one of atom, rss, json.\n"
    )
    Path("staticfeed.toml").write_text(config(formats='["rss", "atom", "rss"]'), "utf-8")
    wrote = [line for line in build_ok().stdout.splitlines() if line.startswith("wrote feeds/")]
    assert wrote[:2] == ["wrote feeds/rss.xml (1 entry)", "wrote feeds/atom.xml (1 entry)"]
    assert len(wrote) == len(set(wrote))
    assert not Path("feeds/feed.json").exists()


def test_an_unknown_format_written_twice_on_one_line_is_one_error(site: Site) -> None:
    # Each item is checked, so both gave the same error at the same line: one thing to fix.
    site(config=config(formats='["xml", "xml"]', timezone='"Mars/Base"'), **{"a.md": POST})
    line = BASIC_CONFIG.count("\n") + 1
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: formats: unknown format 'xml'. Use any of 'atom', "
        "'rss', 'json'.\n"
        f"Error: staticfeed.toml:{line + 1}: timezone: unknown time zone 'Mars/Base'. Use an "
        "IANA name like UTC, Europe/Kyiv or America/New_York.\n"
    )


def test_a_bad_title_and_a_missing_site_url_are_both_reported(site: Site) -> None:
    # Without site_url, feed_url is not checked: it is found from site_url.
    text = BASIC_CONFIG.replace('title = "Test feed"', "title = 3")
    text = text.replace('site_url = "https://example.org/blog/"\n', 'feed_url = "ftp://x/"\n')
    site(config=text, **{"a.md": POST})
    assert error_text() == (
        'Error: staticfeed.toml: site_url is missing. Add site_url = "https://example.org/".\n'
        "Error: staticfeed.toml:1: title must be text, not a number. Put it in quotes: "
        '"3"\n'
    )


def test_a_feed_url_and_templates_found_wrong_are_listed_with_the_bad_values(site: Site) -> None:
    site(config=config(limit="-1", feed_url='"ftp://x/"', templates='"nope"'), **{"a.md": POST})
    line = BASIC_CONFIG.count("\n") + 1
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: limit must be a whole number of at least 0, not -1. "
        "Write a whole number such as 50.\n"
        f"Error: staticfeed.toml:{line + 1}: feed_url 'ftp://x/' is not an http(s) URL. Write "
        'it relative to site_url, like "feeds/".\n'
        f"Error: staticfeed.toml:{line + 2}: templates 'nope' is not a folder. Create it, or "
        "remove templates to use staticfeed's own.\n"
    )


ERROR_CASES = [
    pytest.param(
        'site_url = "/blog/"',
        "site_url '/blog/' is not an absolute http(s) URL. "
        "Write it in full, like https://example.org/blog/",
        id="relative-site-url",
    ),
    pytest.param(
        'site_url = "ftp://example.org/"',
        "site_url 'ftp://example.org/' is not an absolute http(s) URL. "
        "Write it in full, like https://example.org/",
        id="ftp-site-url",
    ),
    # The suggestion is a URL to start from, never one built on what cannot be one.
    pytest.param(
        'site_url = "../blog/"',
        "site_url '../blog/' is not an absolute http(s) URL. "
        "Write it in full, like https://example.org/blog/",
        id="dotted-site-url",
    ),
    pytest.param(
        'site_url = "https://"',
        "site_url 'https://' is not an absolute http(s) URL. "
        "Write it in full, like https://example.org/page",
        id="hostless-site-url",
    ),
    pytest.param(
        'site_url = "javascript:void(0)"',
        "site_url 'javascript:void(0)' is not an absolute http(s) URL. "
        "Write it in full, like https://example.org/page",
        id="script-site-url",
    ),
    pytest.param(
        "limit = [50]",
        "limit must be a whole number of at least 0, not a list. Write a whole number such as 50.",
        id="limit-as-list",
    ),
    pytest.param(
        "limit = 1979-05-27",
        "limit must be a whole number of at least 0, not a date. Write a whole number such as 50.",
        id="limit-as-toml-date",
    ),
    pytest.param(
        'timezone = "Europe/Kiev-ish"',
        "timezone: unknown time zone 'Europe/Kiev-ish'. "
        "Use an IANA name like UTC, Europe/Kyiv or America/New_York.",
        id="unknown-timezone",
    ),
    pytest.param(
        'limit = "10"',
        "limit must be a whole number of at least 0, not '10'. Write a whole number such as 50.",
        id="limit-as-text",
    ),
    pytest.param(
        "limit = -1",
        "limit must be a whole number of at least 0, not -1. Write a whole number such as 50.",
        id="limit-negative",
    ),
    pytest.param(
        "max_feed_size = 0",
        "max_feed_size must be a whole number of at least 1, not 0. Write a whole number such as "
        "1.",
        id="max-feed-size-zero",
    ),
    pytest.param(
        "archive_size = 0",
        "archive_size must be a whole number of at least 1, not 0. Write a whole number such as 1.",
        id="archive-size-zero",
    ),
    pytest.param(
        "limit = 2.5",
        "limit must be a whole number of at least 0, not 2.5. Write a whole number such as 50.",
        id="limit-fraction",
    ),
    pytest.param(
        'content = "excerpt"',
        'content must be one of full, summary, not \'excerpt\'. Use "full" or "summary".',
        id="content-choice",
    ),
    pytest.param(
        'language = "English"',
        "language 'English' is not a BCP 47 language tag. Use a tag like en, en-GB or uk.",
        id="language-not-bcp47",
    ),
    pytest.param(
        'id_authority = "example.org"',
        "id_authority 'example.org' is not a tag URI authority (RFC 4151). "
        "Write a domain or email you own and a year, like example.org,2025.",
        id="id-authority-without-year",
    ),
    pytest.param(
        'id_authority = "example.org,2025-13-45"',
        "id_authority 'example.org,2025-13-45' ends with '2025-13-45', which is no date. "
        "Write a year you owned the domain or email in, like example.org,2025.",
        id="id-authority-with-no-such-day",
    ),
    pytest.param(
        'id_authority = "ann@example.org,2025-02-29"',
        "id_authority 'ann@example.org,2025-02-29' ends with '2025-02-29', which is no date. "
        "Write a year you owned the domain or email in, like ann@example.org,2025.",
        id="id-authority-with-no-leap-day",
    ),
    pytest.param(
        'hub = "/websub"',
        "hub '/websub' is not an absolute http(s) URL. Write it in full, like "
        "https://example.org/websub",
        id="hub-relative",
    ),
    # "no" is text, and text is true: tag feeds would be written while the user said no.
    pytest.param(
        'tag_feeds = "no"',
        "tag_feeds must be true or false, not text. Write true or false, without quotes.",
        id="tag-feeds-as-text",
    ),
    # A tag URI's authority holds one comma: the second year would be in every id for good.
    pytest.param(
        'id_authority = "example.org,2025,2026"',
        "id_authority 'example.org,2025,2026' is not a tag URI authority (RFC 4151). "
        "Write a domain or email you own and a year, like example.org,2025.",
        id="id-authority-with-two-years",
    ),
    pytest.param(
        'id_authority = "example.org,202"',
        "id_authority 'example.org,202' is not a tag URI authority (RFC 4151). "
        "Write a domain or email you own and a year, like example.org,2025.",
        id="id-authority-with-a-three-digit-year",
    ),
    pytest.param(
        'rights = ["a", "b"]',
        "rights must be text, not a list. Write rights as a single line of text.",
        id="rights-as-list",
    ),
    pytest.param(
        'subtitle = ""',
        "subtitle is empty. Give subtitle a value or remove the key.",
        id="empty-subtitle",
    ),
    # Removing a required key is the next error, not a fix.
    pytest.param(
        'title = " "',
        'title is empty. Give title a value, like title = "My feed".',
        id="empty-title",
    ),
    pytest.param(
        'site_url = ""',
        'site_url is empty. Give site_url a value, like site_url = "https://example.org/".',
        id="empty-site-url",
    ),
]


def on_line_4(line: str) -> str:
    """BASIC_CONFIG with `line` as line 4 (replacing the key's own line), after a comment."""
    key = line.split(" ", 1)[0]
    kept = [text for text in BASIC_CONFIG.splitlines() if not text.startswith(key + " ")]
    return "\n".join([*kept[:2], "# a comment", line, *kept[2:]]) + "\n"


@pytest.mark.parametrize(("line", "message"), ERROR_CASES)
def test_bad_value_is_an_error_on_its_line(site: Site, line: str, message: str) -> None:
    site(config=on_line_4(line), **{"a.md": POST})
    assert error_text() == f"Error: staticfeed.toml:4: {message}\n"
    assert not Path("feeds").exists()


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ('titel = "x"', "Did you mean 'title'? Known keys: "),
        ('languge = "en"', "Did you mean 'language'? Known keys: "),
        ('site-url = "https://example.org/"', "Did you mean 'site_url'? Known keys: "),
        ('colour = "red"', "Remove it; known keys: "),
    ],
)
def test_unknown_key_suggests_the_key_meant(site: Site, line: str, hint: str) -> None:
    site(config=on_line_4(line), **{"a.md": POST})
    assert_unknown_key(error_text(), "staticfeed.toml:4", line.split(" ")[0], hint)


@pytest.mark.parametrize(
    "lines",
    [
        '[author]\nname = "Ann"',
        '[[author]]\nname = "Ann"',
        '[[author]]\nname = "Ann"\n[[author]]\nname = "Bo"',  # at the first header
        '[ author ]\nname = "Ann"',  # TOML allows spaces inside the brackets
        "[[ 'author' ]]\nname = \"Ann\"",
        # Only `key =` lines were read: a dotted key was named at no line either.
        'author.name = "Ann"',
        'author.name = "Ann"\nauthor.email = "ann@example.org"',  # at its first line
        'author . "name" = "Ann"',
        '"author".name = "Ann"',
        "[author.links]",
    ],
)
def test_a_key_written_as_a_table_or_dotted_is_named_at_its_line(site: Site, lines: str) -> None:
    # A key's line was found from `key =` lines alone: this one was named at no line.
    site(config=f"{BASIC_CONFIG}{lines}\n", **{"a.md": POST})
    assert_unknown_key(
        error_text(), "staticfeed.toml:5", "author", "Did you mean 'authors'? Known keys: "
    )


@pytest.mark.parametrize(
    ("lines", "line"),
    [
        ('\n[tool.other.author]\nname = "Bo"\n[tool.staticfeed.author]\nname = "A"\n', 16),
        ('author.name = "Ann"\n', 13),
    ],
    ids=["table", "dotted"],
)
def test_a_key_written_as_a_table_or_dotted_of_pyproject_is_named_at_its_line(
    site: Site, lines: str, line: int
) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    (folder / "pyproject.toml").write_text(f"{PYPROJECT}{lines}", encoding="utf-8")
    assert_unknown_key(
        error_text(), f"pyproject.toml:{line}", "author", "Did you mean 'authors'? Known keys: "
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("title = 2025", "title must be text, not a number."),
        ("title = true", "title must be text, not true/false."),
        ("authors = 5", "authors must be 'Name <email>' or a mapping with name, not a number."),
        ("limit = true", "limit must be a whole number of at least 0, not true."),
    ],
)
def test_values_of_the_wrong_type_are_never_converted(site: Site, line: str, problem: str) -> None:
    key = line.split(" ", 1)[0]
    kept = [text for text in BASIC_CONFIG.splitlines() if not text.startswith(key + " ")]
    site(config="\n".join([*kept, line]) + "\n", **{"a.md": POST})
    first_line = error_text().splitlines()[0]
    assert first_line.startswith(f"Error: staticfeed.toml:{len(kept) + 1}: {problem} ")


def test_the_fix_for_a_config_value_is_not_written_in_yaml(site: Site) -> None:
    site(config=config(subtitle="2025"), **{"a.md": POST})
    assert error_text().endswith('Put it in quotes: "2025"\n')


def test_unknown_author_field_in_config(site: Site) -> None:
    text = BASIC_CONFIG.replace('email = "default@example.org"', 'mail = "default@example.org"')
    site(config=text, **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:4: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri.\n"
    )


@pytest.mark.parametrize(
    "authors",
    ['[[authors]]\nname = "  "\nbogus = 1\n', 'authors = [{ name = "  ", bogus = 1 }]\n'],
    ids=["table", "inline"],
)
def test_an_empty_author_name_and_an_unknown_key_beside_it_are_both_told(
    site: Site, authors: str
) -> None:
    # The unknown key alone was told: the empty name was the next run's error.
    text = f'title = "T"\nsite_url = "https://example.org/"\nid_authority = "e.org,2025"\n{authors}'
    site(config=text, **{"a.md": POST})
    name, bogus = (4, 4) if authors.startswith("authors =") else (5, 6)
    assert error_text() == (
        f"Error: staticfeed.toml:{name}: authors name is empty. Give authors name a value or "
        "remove the key.\n"
        f"Error: staticfeed.toml:{bogus}: unknown key 'authors.bogus'. Remove it; known keys: "
        "authors.email, authors.name, authors.uri.\n"
    )


LIMIT_X = "limit must be a whole number of at least 0, not 'x'. Write a whole number such as 50."
NOT_A_LIST = (
    "each of formats must be text, not a list. Write each of formats as a single line of text."
)


@pytest.mark.parametrize(
    ("name", "prefix", "above"),
    [("staticfeed.toml", "", ""), ("pyproject.toml", "staticfeed.", "[tool]\n")],
    ids=["staticfeed.toml", "pyproject-dotted"],
)
def test_an_arrays_last_item_like_a_header_leaves_the_keys_below_their_lines(
    site: Site, name: str, prefix: str, above: str
) -> None:
    # `["a"]` alone on its line, the array's last item, was taken for the header of a table
    # a: the keys below it were a's, and their errors named no line.
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    lines = [
        f'{prefix}title = "T"',
        f'{prefix}site_url = "https://example.org/"',
        f'{prefix}id_authority = "example.org,2025"',
        f"{prefix}formats = [",
        '  "atom",',
        '  ["a"]',
        "]",
        f'{prefix}limit = "x"',
    ]
    (folder / name).write_text(above + "\n".join(lines) + "\n", encoding="utf-8")
    shift = above.count("\n")
    assert error_text() == (
        f"Error: {name}:{6 + shift}: {NOT_A_LIST}\nError: {name}:{8 + shift}: {LIMIT_X}\n"
    )


def test_an_authors_key_below_an_array_ending_in_a_header_like_item_is_at_its_line(
    site: Site,
) -> None:
    # `mail` was named at the [[authors]] line, the `["x"]` above it taken for a header.
    text = (
        'title = "T"\nsite_url = "https://example.org/"\nid_authority = "example.org,2025"\n'
        '[[authors]]\nname = "A"\nlinks = [\n  ["x"]\n]\nmail = "x"\n'
    )
    site(config=text, **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:6: unknown key 'authors.links'. Remove it; known keys: "
        "authors.email, authors.name, authors.uri.\n"
        "Error: staticfeed.toml:9: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri.\n"
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            'templates = "nope"',
            "templates 'nope' is not a folder. Create it, or remove templates to use "
            "staticfeed's own.",
        ),
        (
            'feed_url = "ftp://example.org/feeds/"',
            "feed_url 'ftp://example.org/feeds/' is not an http(s) URL. Write it relative to "
            'site_url, like "feeds/".',
        ),
        (
            # A name longer than the system takes: OSError out of Path.is_dir(), a traceback.
            f'templates = "{"t" * 300}"',
            f"templates '{'t' * 300}' cannot be looked at (File name too long). Name a folder "
            "that can be entered (chmod +rx), or remove templates to use staticfeed's own.",
        ),
    ],
    ids=["templates", "feed_url", "templates-name-too-long"],
)
def test_a_config_value_checked_against_the_others_is_named_at_its_line(
    site: Site, line: str, problem: str
) -> None:
    # These two errors named the file without the line.
    text = f"{BASIC_CONFIG}{line}\n"
    site(config=text, **{"a.md": POST})
    number = text.splitlines().index(line) + 1
    assert error_text() == f"Error: staticfeed.toml:{number}: {problem}\n"


def test_a_config_key_written_after_an_authors_table_says_to_move_it(site: Site) -> None:
    # TOML puts it in the author; the error was "unknown key 'authors.id_authority'. Did you
    # mean 'authors.uri'?", which sent users the wrong way.
    text = (
        'title = "T"\nsite_url = "https://example.org/"\n\n[[authors]]\nname = "Ann"\n\n'
        'id_authority = "example.org,2025"\n'
    )
    site(config=text, **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:7: id_authority is in the [[authors]] table: TOML puts each "
        "key after the [[authors]] line in it. Move the id_authority line above the first "
        "[[authors]] line.\n"
    )
    moved = text.replace('\nid_authority = "example.org,2025"\n', "")
    Path("staticfeed.toml").write_text(f'id_authority = "example.org,2025"\n{moved}')
    build_ok()
    assert [a.name for a in feedparser.parse("feeds/atom.xml").entries[0].authors] == ["Ann"]


def test_a_config_key_caught_by_a_second_authors_table_is_named_at_its_own_line(
    site: Site,
) -> None:
    # The line was the first `limit =` after the first [[authors]], here the [extra] table's.
    text = (
        'title = "T"\nsite_url = "https://example.org/"\nid_authority = "example.org,2025"\n'
        '[[authors]]\nname = "Ann"\n[extra]\nlimit = 1\n[[authors]]\nname = "Bo"\nlimit = 3\n'
    )
    site(config=text, **{"a.md": POST})
    line = text.splitlines().index("limit = 3") + 1
    # The [extra] table, itself unknown, caught a limit too: all are listed, in the order of
    # the file.
    assert (
        error_text()
        .splitlines()[2]
        .startswith(f"Error: staticfeed.toml:{line}: limit is in the [[authors]] table: ")
    )


def test_each_config_key_caught_by_an_authors_table_is_an_error(site: Site) -> None:
    # Only the first was reported, in the first author: the second was the next run's error.
    text = (
        'title = "T"\nsite_url = "https://example.org/"\n[[authors]]\nname = "Ann"\n'
        'id_authority = "example.org,2025"\n[[authors]]\nname = "Bo"\nlimit = 3\n'
    )
    site(config=text, **{"a.md": POST})
    assert error_text() == "".join(
        f"Error: staticfeed.toml:{line}: {key} is in the [[authors]] table: TOML puts each key "
        f"after the [[authors]] line in it. Move the {key} line above the first [[authors]] "
        "line.\n"
        for line, key in ((5, "id_authority"), (8, "limit"))
    )


def test_the_other_keys_of_an_author_that_caught_a_config_key_are_checked(site: Site) -> None:
    # The author was left unchecked: its unknown `mail` was the next run's error.
    text = (
        'title = "T"\nsite_url = "https://example.org/"\n\n[[authors]]\nname = "Ann"\n'
        'limit = 3\nmail = "x"\n'
    )
    site(config=text, **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:6: limit is in the [[authors]] table: TOML puts each key after "
        "the [[authors]] line in it. Move the limit line above the first [[authors]] line.\n"
        "Error: staticfeed.toml:7: unknown key 'authors.mail'. Did you mean 'authors.email'? "
        "Known keys: authors.email, authors.name, authors.uri.\n"
    )


def test_a_config_key_after_the_authors_table_of_pyproject_says_to_move_it(site: Site) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    text = PYPROJECT.replace('authors = ["Default Author"]', "[tool.staticfeed.authors]\n")
    text = f"{text}name = 'Ann'\nlimit = 3\n"
    (folder / "pyproject.toml").write_text(text)
    line = text.splitlines().index("limit = 3") + 1
    assert error_text() == (
        f"Error: pyproject.toml:{line}: limit is in the [tool.staticfeed.authors] table: TOML puts "
        "each key after the [tool.staticfeed.authors] line in it. Move the limit line above "
        "the [tool.staticfeed.authors] line.\n"
    )


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('title = "Test feed\nsite_url = "https://example.org/"\n', 1, "Illegal character"),
        # A key given twice is named at both lines: this one is a text and then a table.
        ('title = "T"\ntitle.x = "U"\n', 2, "Cannot overwrite a value"),
        ('title = "T"\nsite_url = \n', 2, "Invalid value"),
    ],
    ids=["unclosed-string", "text-then-table", "no-value"],
)
def test_bad_toml_is_an_error_with_its_line(site: Site, text: str, line: int, problem: str) -> None:
    site(config=text, **{"a.md": POST})
    stderr = error_text()
    assert stderr.startswith(f"Error: staticfeed.toml:{line}: invalid TOML ({problem}")
    assert f"(at line {line}, column " in stderr
    assert stderr.endswith(")). Fix the TOML syntax.\n")
    assert len(stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("timezone = Europe/Kyiv", 'timezone = "Europe/Kyiv"'),
        ("site_url = https://example.org/blog/", 'site_url = "https://example.org/blog/"'),
        # A title's text runs to the end of the line, as in front matter; a URL's does not.
        ("title = Notes #2", 'title = "Notes #2"'),
        ("icon = img/icon.png # square", 'icon = "img/icon.png" # square'),
    ],
    ids=["timezone", "site_url", "title-with-hash", "comment-after"],
)
def test_a_config_text_without_quotes_is_told_to_be_quoted(
    site: Site, line: str, fixed: str
) -> None:
    # It was "invalid TOML (Invalid value (at line 5, column 12)). Fix the TOML syntax.",
    # which said nothing of the quotes the text lacks, as TOML front matter does.
    key = line.split(" ")[0]
    text = "".join(f"{each}\n" for each in BASIC_CONFIG.splitlines() if not each.startswith(key))
    site(config=text + line + "\n", **{"a.md": POST})
    number = len(text.splitlines()) + 1
    assert error_text() == (
        f"Error: staticfeed.toml:{number}: invalid TOML: {key}'s text is not in quotes. Put it "
        f"in quotes: {fixed}\n"
    )
    Path("staticfeed.toml").write_text(text + fixed + "\n", encoding="utf-8")
    build_ok()


def test_a_config_title_fixed_as_told_is_the_feeds_title(site: Site) -> None:
    site(config=BASIC_CONFIG.replace('"Test feed"', "Notes #2 # mine"), **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml:1: invalid TOML: title's text is not in quotes. Put it in "
        'quotes: title = "Notes #2 # mine"\n'
    )
    Path("staticfeed.toml").write_text(BASIC_CONFIG.replace('"Test feed"', '"Notes #2 # mine"'))
    build_ok()
    assert feedparser.parse("feeds/atom.xml").feed.title == "Notes #2 # mine"


@pytest.mark.parametrize(
    ("line", "told"),
    [
        (
            "pages = no",
            "pages is no, which TOML does not read as true or false. Write pages = false",
        ),
        (
            "tag_feeds = True # for now",
            "tag_feeds is True, which TOML does not read as true or false. Write tag_feeds = true",
        ),
    ],
    ids=["yaml-no", "python-true"],
)
def test_a_config_boolean_written_as_yaml_or_python_is_told_how_toml_writes_it(
    site: Site, line: str, told: str
) -> None:
    # It was "invalid TOML (Invalid value (at line 5, column 9)). Fix the TOML syntax.".
    site(config=f"{BASIC_CONFIG}{line}\n", **{"a.md": POST})
    assert error_text() == (
        f"Error: staticfeed.toml:5: invalid TOML: {told}, in lower case and without quotes.\n"
    )


def test_pages_false_as_told_writes_no_pages(site: Site) -> None:
    site(config=f"{BASIC_CONFIG}pages = no\n", **{"a.md": POST})
    error_text()
    Path("staticfeed.toml").write_text(f"{BASIC_CONFIG}pages = false\n", encoding="utf-8")
    build_ok()
    assert Path("feeds/atom.xml").is_file()
    assert not Path("feeds/index.html").exists()


@pytest.mark.parametrize(
    ("line", "fixed"),
    [("limit: 20", "limit = 20"), ("subtitle: Notes #2", 'subtitle = "Notes #2"')],
    ids=["number", "text"],
)
def test_a_config_key_given_its_value_as_yaml_does_is_told_how_toml_writes_it(
    site: Site, line: str, fixed: str
) -> None:
    # It was "invalid TOML (Expected '=' after a key in a key/value pair (at line 5, column
    # 6)). Fix the TOML syntax.".
    site(config=f"{BASIC_CONFIG}{line}\n", **{"a.md": POST})
    key = line.split(":")[0]
    assert error_text() == (
        f"Error: staticfeed.toml:5: invalid TOML: '{key}:' is YAML's way to give a key its "
        f"value, not TOML's. Write it as {fixed}\n"
    )
    Path("staticfeed.toml").write_text(f"{BASIC_CONFIG}{fixed}\n", encoding="utf-8")
    build_ok()


def test_a_pyproject_text_without_quotes_is_told_only_in_the_staticfeed_table(
    site: Site,
) -> None:
    folder = site(**{"a.md": POST})
    (folder / "staticfeed.toml").unlink()
    pyproject = folder / "pyproject.toml"
    pyproject.write_text(PYPROJECT.replace('"From pyproject"', "From pyproject"))
    assert error_text() == (
        "Error: pyproject.toml:9: invalid TOML: title's text is not in quotes. Put it in "
        'quotes: title = "From pyproject"\n'
    )
    # Another tool's title is none of staticfeed's: TOML's own words, at its line.
    pyproject.write_text(PYPROJECT.replace('"not this one"', "not this one"))
    assert error_text() == (
        "Error: pyproject.toml:6: invalid TOML (Invalid value (at line 6, column 9)). Fix the "
        "TOML syntax.\n"
    )


@pytest.mark.parametrize(
    ("last", "problem"),
    [
        ('rights = "CC BY', "Unterminated string"),
        ('rights = """CC BY\n\nall rights', "Unterminated string"),
        ('formats = ["atom",\n', "Invalid value"),
    ],
    ids=["string-at-the-end", "multi-line-string", "array"],
)
def test_toml_cut_short_at_the_end_is_an_error_where_the_value_begins(
    site: Site, last: str, problem: str
) -> None:
    # tomllib says "at end of document", without a line: the error named no line.
    site(config=f"{BASIC_CONFIG}\n{last}", **{"a.md": POST})
    line = BASIC_CONFIG.count("\n") + 2
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: invalid TOML ({problem}: the value that starts here "
        "runs to the end of the file). Fix the TOML syntax.\n"
    )


def test_toml_cut_short_at_the_end_of_a_long_file_is_still_an_error(site: Site) -> None:
    # Where the value begins is searched for in the first 300 lines only: it reads them again
    # and again.
    site(config=BASIC_CONFIG + "# a comment\n" * 300 + 'rights = "CC BY', **{"a.md": POST})
    assert error_text() == (
        "Error: staticfeed.toml: invalid TOML (Unterminated string at the end of the file). "
        "Fix the TOML syntax.\n"
    )


def test_a_config_not_utf8_is_named_at_the_line_of_the_byte(site: Site) -> None:
    # The error named the byte, not its line.
    site(**{"a.md": POST})
    Path("staticfeed.toml").write_bytes(BASIC_CONFIG.encode() + b'rights = "\xa9 2025 Ann"\n')
    line = BASIC_CONFIG.count("\n") + 1
    offset = len(BASIC_CONFIG.encode()) + len('rights = "')
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: not UTF-8 (byte {offset}). Save the file as UTF-8.\n"
    )


def test_a_config_with_a_byte_order_mark_not_utf8_is_named_at_the_line_of_the_byte(
    site: Site,
) -> None:
    # After the mark, the byte was counted from the text after it: 3 bytes early, so a bad
    # byte at a line's start was named at the line before it.
    site(**{"a.md": POST})
    text = b"\xef\xbb\xbf" + BASIC_CONFIG.encode() + b'rights = """\n\xa9 2025 Ann"""\n'
    Path("staticfeed.toml").write_bytes(text)
    line = BASIC_CONFIG.count("\n") + 2  # the line after `rights = """`
    offset = text.index(b"\xa9")  # counted from the file's first byte, as a hex editor shows
    assert error_text() == (
        f"Error: staticfeed.toml:{line}: not UTF-8 (byte {offset}). Save the file as UTF-8.\n"
    )
