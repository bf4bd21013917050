"""Starting and adding: init, new, pin and touch write what build reads, and ids never drift.

Every file these functions write is read back the way staticfeed reads it (the entries reader, a
real build with the command line, the Atom feed parsed with lxml), and edits to existing files are
compared byte for byte with what the author wrote.
"""

from __future__ import annotations

import codecs
import re
import tempfile
import tomllib
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from staticfeed.authoring import init_project, new_entry, pin_ids, touch_entry
from staticfeed.config import Config, load_config
from staticfeed.entries import read_entries
from staticfeed.errors import ConfigError, EntryError, ManyErrors, StaticfeedError
from staticfeed.ids import slugify
from staticfeed.model import Entry
from staticfeed.text import unfit_character
from tests.conftest import BASIC_CONFIG, NS, files_under, invoke_build, read_xml

Site = Callable[..., Path]
KYIV = ZoneInfo("Europe/Kyiv")
CONFIG = BASIC_CONFIG + 'timezone = "Europe/Kyiv"\n'
NOW = datetime(2025, 11, 24, 16, 5, 30, 123456, tzinfo=UTC)  # 18:05:30 in Kyiv (winter, +02:00)


def config_here() -> Config:
    return load_config(Path("staticfeed.toml"))


def entry_at(path: Path) -> Entry:
    """The entry staticfeed reads from `path`, read with every other document in entries/."""
    entries = read_entries(config_here(), Path("entries")).entries
    return next(entry for entry in entries if entry.source == path)


def front_matter(path: Path) -> dict[str, object]:
    """The YAML front matter as plain PyYAML reads it, not staticfeed."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    loaded = yaml.safe_load(text.split("---\n")[1])
    assert isinstance(loaded, dict)
    return loaded


def atom_entries() -> dict[str, dict[str, str]]:
    """Build with the command line; each Atom entry's title, published and updated, by id."""
    result = invoke_build()
    assert result.exit_code == 0, result.output
    feed = read_xml(Path("feeds/atom.xml"))
    return {
        str(entry.findtext("a:id", namespaces=NS)): {
            field: str(entry.findtext(f"a:{field}", namespaces=NS))
            for field in ("title", "published", "updated")
        }
        for entry in feed.iterfind("a:entry", NS)
    }


# init


def init_here(folder: Path, **changes: str) -> list[Path]:
    options = {
        "title": "Notes from below",
        "site_url": "https://notes.example.org/blog/",
        "author": "Ann Lee <ann@example.org>",
        "timezone": "Europe/Kyiv",
    }
    today = datetime.now(ZoneInfo(changes.get("timezone", "Europe/Kyiv"))).date()
    return init_project(folder, **{**options, **changes}, today=today)


def test_init_writes_a_publication_that_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "site"
    written = init_here(folder)
    year = datetime.now(KYIV).year
    example = folder / "entries" / str(year) / "hello-world.md"
    assert written == [folder / "staticfeed.toml", example]
    assert files_under(folder).keys() == {"staticfeed.toml", f"entries/{year}/hello-world.md"}

    config_text = (folder / "staticfeed.toml").read_text(encoding="utf-8")
    config = tomllib.loads(config_text)
    assert config == {
        "title": "Notes from below",
        "site_url": "https://notes.example.org/blog/",
        "timezone": "Europe/Kyiv",
        "authors": [{"name": "Ann Lee", "email": "ann@example.org"}],
        "id_authority": f"notes.example.org,{year}",
    }
    comment = config_text.split("id_authority =")[0].rsplit("\n\n", 1)[1]
    assert comment.startswith("#") and "Never change id_authority" in comment

    pinned = f"tag:notes.example.org,{year}:{year}/hello-world"
    assert front_matter(example) == {
        "title": "Hello, world",
        "date": datetime.now(KYIV).date(),  # PyYAML reads an unquoted date as a date
        "id": pinned,
    }
    monkeypatch.chdir(folder)
    monkeypatch.delenv("STATICFEED_BASE_URL", raising=False)
    assert list(atom_entries()) == [pinned]


@pytest.mark.parametrize(
    ("in_the_way", "named"),
    [
        ("staticfeed.toml", "staticfeed.toml"),
        ("pyproject.toml", "pyproject.toml"),
        ("entries/{year}/hello-world.markdown", None),  # not in the way: another name
    ],
)
def test_init_never_overwrites(tmp_path: Path, in_the_way: str, named: str | None) -> None:
    year = datetime.now(KYIV).year
    existing = tmp_path / in_the_way.format(year=year)
    existing.parent.mkdir(parents=True, exist_ok=True)
    content = b'[tool.staticfeed]\ntitle = "Mine"\n' if named else b"---\ntitle: Mine\n---\n"
    existing.write_bytes(content)
    before = files_under(tmp_path)
    if named is None:
        # entries/ already has documents: the config is written, and no example joins them.
        assert init_here(tmp_path) == [tmp_path / "staticfeed.toml"]
        assert files_under(tmp_path).keys() == {*before, "staticfeed.toml"}
        return
    with pytest.raises(ConfigError) as raised:
        init_here(tmp_path)
    assert raised.value.path == tmp_path / named
    assert "already has a staticfeed config" in raised.value.message
    assert raised.value.fix
    assert files_under(tmp_path) == before


def test_init_refuses_an_example_entry_in_the_way_and_writes_nothing(tmp_path: Path) -> None:
    year = datetime.now(KYIV).year
    example = tmp_path / "entries" / str(year) / "hello-world.md"
    example.mkdir(parents=True)  # not a document, but the example's path is taken
    (example / "notes").write_bytes(b"mine")
    before = files_under(tmp_path)
    with pytest.raises(EntryError) as raised:
        init_here(tmp_path)
    assert raised.value.path == example
    assert "already exists" in raised.value.message
    assert files_under(tmp_path) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"site_url": "notes.example.org"}, "is not an absolute http(s) URL"),
        ({"timezone": "Europe/Kiev2"}, "unknown time zone"),
        ({"title": "   "}, "title is empty"),
        ({"author": "<ann@example.org>"}, "has no name"),
        ({"author": "Ann <not an address>"}, "is not an email address"),
        ({"title": "Bell \x07"}, "a character XML cannot carry"),
    ],
)
def test_init_checks_values_as_the_config_does(
    tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)) as raised:
        init_project(
            tmp_path,
            **{
                "title": "T",
                "site_url": "https://example.org/",
                "author": "Ann",
                "timezone": "UTC",
                **changes,
            },
            today=date(2025, 12, 22),
        )
    assert raised.value.fix
    assert list(tmp_path.iterdir()) == []


def test_init_pins_an_ascii_authority_for_an_international_domain(tmp_path: Path) -> None:
    init_project(
        tmp_path,
        title='Кафе "Мир"',
        site_url="https://кафе.example/",
        author="Олена",
        timezone="UTC",
        today=date(2025, 12, 22),
    )
    config = load_config(tmp_path / "staticfeed.toml")
    assert config.id_authority == "xn--80akn5b.example,2025"
    assert config.title == 'Кафе "Мир"'


# new


def test_new_writes_the_entry_with_a_pinned_id(site: Site) -> None:
    site(config=CONFIG)
    path = new_entry(
        config_here(),
        Path("entries"),
        "For a Peace From Below",
        authors=["Liza Smirnova", "Bo Chen <bo@example.org>"],
        tags=["ukraine", "peace talks"],
        date=None,
        now=NOW,
    )
    assert path == Path("entries/2025/for-a-peace-from-below.md")
    assert path.read_text(encoding="utf-8") == (
        "---\n"
        "title: For a Peace From Below\n"
        "date: 2025-11-24T18:05:30+02:00\n"
        "authors:\n"
        "  - Liza Smirnova\n"
        "  - Bo Chen <bo@example.org>\n"
        "tags: [ukraine, peace talks]\n"
        "id: tag:example.org,2025:2025/for-a-peace-from-below\n"
        "---\n"
    )
    entry = entry_at(path)
    assert entry.id == "tag:example.org,2025:2025/for-a-peace-from-below"
    assert [author.name for author in entry.authors] == ["Liza Smirnova", "Bo Chen"]
    assert entry.tags == ("ukraine", "peace talks")
    assert entry.published == datetime(2025, 11, 24, 18, 5, 30, tzinfo=KYIV)


TRICKY_TITLES = [
    'She said "peace", not "truce"',
    "Ukraine: the talks, part 2",
    "key: value # not a comment",
    "- not a list",
    "? not a key",
    "'single' quotes at the start",
    "null",
    "yes",
    "2025",
    "2025-12-22",
    "@handle and `code`",
    "%percent and !tag and &anchor *alias",
    "[not] {a mapping}",
    "Мир знизу: нотатки з Києва",
    "Café au lait, naïve façade & crème brûlée",
    "Emoji check 🎉🕊️ and a dove",
    "Ends with a backslash \\",
    "Ελληνικά, 中文, עברית and العربية",
]


@pytest.mark.parametrize("title", TRICKY_TITLES)
def test_new_titles_read_back_exactly(site: Site, title: str) -> None:
    site(config=CONFIG)
    path = new_entry(config_here(), Path("entries"), title, authors=[], tags=[], date=None, now=NOW)
    assert entry_at(path).title == title  # staticfeed's own reader
    assert front_matter(path)["title"] == title  # and any YAML reader


@pytest.mark.parametrize(
    "title",
    [
        "Tab\tinside",
        "Line\nbreak",
        "Carriage\rreturn and\r\nline end",
        "line\u2028separator\u2029 inside",  # Unicode's line and paragraph separators
    ],
)
def test_new_titles_on_more_than_one_line_read_back_as_written_and_refused(
    site: Site, title: str
) -> None:
    # `staticfeed new` refuses them; a YAML reader reads what was given, and the build, which
    # refuses a title readers would show on one line, names its line.
    site(config=CONFIG)
    path = new_entry(config_here(), Path("entries"), title, authors=[], tags=[], date=None, now=NOW)
    assert front_matter(path)["title"] == title
    with pytest.raises(ManyErrors) as raised:
        read_entries(config_here(), Path("entries"))
    (error,) = raised.value.errors
    assert (error.line, error.message) == (
        2,
        "title holds a line break, which feed readers show as a space or not at all"
        if "\t" not in title
        else "title holds a tab, which feed readers show as a space or not at all",
    )


# Text `new` takes as written: no line break or tab (refused, as the test above shows), and no
# character readers show as nothing, by Unicode's categories (format, control, nonspacing marks
# such as a variation selector, line and paragraph separators, unassigned and private use) and
# the Hangul fillers, letters that show nothing (a title of those alone is refused, and one at
# an end is dropped). Hypothesis draws string constants from the modules under test, which list
# such characters: a filter on strip() alone let "\u200b" and "0\r0" through in a full run.
_ONE_LINE_TEXT = st.text(
    st.characters(
        exclude_categories=("Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Zl", "Zp"),
        exclude_characters="\u115f\u1160\u3164\uffa0",
    ),
    min_size=1,
).filter(lambda t: t.strip() and not unfit_character(t))


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_ONE_LINE_TEXT, st.lists(_ONE_LINE_TEXT))
def test_new_any_title_and_tags_read_back(title: str, tags: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "staticfeed.toml").write_text(CONFIG, encoding="utf-8")
        config = load_config(root / "staticfeed.toml")
        path = new_entry(config, root / "entries", title, authors=[], tags=tags, date=None, now=NOW)
        (entry,) = read_entries(config, root / "entries").entries
        assert entry.title == title.strip()
        # Each once, composed (NFC), as the README says tags are written.
        composed = (unicodedata.normalize("NFC", tag.strip()) for tag in tags)
        assert entry.tags == tuple(dict.fromkeys(composed))
        assert entry.id == f"tag:example.org,2025:{entry.slug}"
        assert path.name == slugify(title) + ".md"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("For a Peace From Below", "for-a-peace-from-below"),
        ("Café au lait, naïve façade", "cafe-au-lait-naive-facade"),
        ("Straße ½ ﬁne", "strasse-1-2-fine"),
        ("Aren't we “quoting”?", "arent-we-quoting"),
        ("Aren\u2019t we there", "arent-we-there"),  # a typographic apostrophe, as macOS types
        ("Мир знизу", "мир-знизу"),
        ("Звіт ٢٠٢٥", "звіт-٢٠٢٥"),  # digits with no ASCII form stay, as letters do
        ("Киі\u0308в", "київ"),  # decomposed, as macOS may give it: composed, as the id is
        ("🎉 Party 🎉", "party"),
        ("Peace—from below…", "peace-from-below"),  # a dash with no ASCII form parts words
        ("🎉🎉", "entry"),
        ("\u0301Intro", "intro"),  # an accent pasted before any letter goes, as accents do
        ("a" * 90 + " b", "a" * 80),
        ("word " * 30, "-".join(["word"] * 16)),
        # Cut at the last whole word, not at the 80th character: not "...-abcdefghij-abc".
        ("abcdefghij " * 10, "-".join(["abcdefghij"] * 7)),
        # 80 characters are kept whole; a quote before the name is no character of the cut.
        ("abcdefghij " * 7 + "abc", "-".join(["abcdefghij"] * 7) + "-abc"),
        ('"' + "a" * 90, "a" * 80),
        # At most 160 bytes of UTF-8 (a 日 has 3), and no hyphen left at the end of the cut.
        ("ab" + "日" * 60, "ab" + "日" * 52),
        ("日" * 53 + " ab", "日" * 53),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_new_percent_encodes_letters_without_ascii_form_in_the_id(site: Site) -> None:
    site(config=CONFIG)
    path = new_entry(
        config_here(), Path("entries"), "Мир знизу", authors=[], tags=[], date=None, now=NOW
    )
    assert path == Path("entries/2025/мир-знизу.md")
    expected = "tag:example.org,2025:2025/%D0%BC%D0%B8%D1%80-%D0%B7%D0%BD%D0%B8%D0%B7%D1%83"
    assert front_matter(path)["id"] == expected
    assert list(atom_entries()) == [expected]


def test_new_never_overwrites(site: Site) -> None:
    site(config=CONFIG)
    first = new_entry(
        config_here(), Path("entries"), "Same", authors=[], tags=[], date=None, now=NOW
    )
    first.write_text("---\ntitle: Mine\ndate: 2025-01-01\n---\nMy words.\n", encoding="utf-8")
    before = files_under(Path("entries"))
    with pytest.raises(EntryError) as raised:
        new_entry(config_here(), Path("entries"), "Same", authors=[], tags=[], date=None, now=NOW)
    assert raised.value.path == first
    assert "already exists" in raised.value.message
    assert files_under(Path("entries")) == before


TAKEN = "tag:example.org,2025:2025/a"


@pytest.mark.parametrize("pinned", [f"id: {TAKEN}", "slug: 2025/A"])
def test_new_refuses_an_id_a_renamed_entry_has_pinned(site: Site, pinned: str) -> None:
    site(config=CONFIG, **{"2025/renamed.md": f"---\ntitle: A\ndate: 2025-01-01\n{pinned}\n---\n"})
    with pytest.raises(EntryError) as raised:
        new_entry(config_here(), Path("entries"), "A", authors=[], tags=[], date=None, now=NOW)
    assert raised.value.path == Path("entries/2025/renamed.md")
    assert not Path("entries/2025/a.md").exists()


@pytest.mark.parametrize(
    ("now", "given", "written"),
    [
        # Kyiv is +02:00 in winter and +03:00 in summer.
        (NOW, None, "2025-11-24T18:05:30+02:00"),
        (datetime(2025, 7, 1, 6, 0, tzinfo=UTC), None, "2025-07-01T09:00:00+03:00"),
        (NOW, datetime(2025, 7, 1, 9, 0), "2025-07-01T09:00:00+03:00"),  # wall time in Kyiv
        (NOW, datetime(2026, 1, 5, 9, 0, tzinfo=UTC), "2026-01-05T11:00:00+02:00"),
        # The night clocks go back, 03:30 happens twice: the first (fold=0) is summer time.
        (NOW, datetime(2025, 10, 26, 3, 30), "2025-10-26T03:30:00+03:00"),
    ],
)
def test_new_dates_carry_the_site_offset(
    site: Site, now: datetime, given: datetime | None, written: str
) -> None:
    site(config=CONFIG)
    path = new_entry(
        config_here(), Path("entries"), "Dated", authors=[], tags=[], date=given, now=now
    )
    assert f"\ndate: {written}\n" in path.read_text(encoding="utf-8")
    assert path.parent.name == written[:4]
    assert entry_at(path).published == datetime.fromisoformat(written)


def test_new_refuses_a_wall_time_the_clocks_skip(site: Site) -> None:
    site(config=CONFIG)
    with pytest.raises(EntryError, match="does not exist in Europe/Kyiv"):
        new_entry(
            config_here(),
            Path("entries"),
            "Skipped",
            authors=[],
            tags=[],
            date=datetime(2025, 3, 30, 3, 30),
            now=NOW,
        )
    assert files_under(Path("entries")) == {}


def test_new_needs_id_authority(site: Site) -> None:
    site(config=CONFIG.replace('id_authority = "example.org,2025"\n', ""))
    with pytest.raises(StaticfeedError) as raised:
        new_entry(config_here(), Path("entries"), "T", authors=[], tags=[], date=None, now=NOW)
    assert raised.value.message.startswith("id_authority is not set")
    assert 'id_authority = "example.org,2025"' in raised.value.fix
    assert raised.value.path == Path("staticfeed.toml")


@pytest.mark.parametrize(
    ("title", "authors", "tags", "message"),
    [
        ("  ", [], [], "title is empty"),
        ("Bell \x07", [], [], "a character XML cannot carry"),
        ("NEL\x85inside", [], [], "U+0085, a character feed readers cannot show"),
        ("T", ["Ann <nope>"], [], "is not an email address"),
        ("T", [], [" "], "tags has an empty item"),
    ],
)
def test_new_checks_values_as_the_reader_does(
    site: Site, title: str, authors: list[str], tags: list[str], message: str
) -> None:
    site(config=CONFIG)
    with pytest.raises(EntryError, match=re.escape(message)):
        new_entry(
            config_here(), Path("entries"), title, authors=authors, tags=tags, date=None, now=NOW
        )
    assert files_under(Path("entries")) == {}


def test_new_without_any_author_is_an_error(site: Site) -> None:
    site(config=CONFIG.replace(BASIC_CONFIG.splitlines()[-1] + "\n", ""))
    with pytest.raises(StaticfeedError, match="no default authors"):
        new_entry(config_here(), Path("entries"), "T", authors=[], tags=[], date=None, now=NOW)


def test_new_entry_keeps_its_id_when_renamed(site: Site) -> None:
    site(config=CONFIG)
    path = new_entry(
        config_here(), Path("entries"), "Moving", authors=[], tags=[], date=None, now=NOW
    )
    before = atom_entries()
    path.rename(path.with_name("moved-elsewhere.md"))
    assert atom_entries() == before


# pin

YAML_CRLF_BOM = (
    codecs.BOM_UTF8
    + b"---\r\n"
    + b"# my notes: keep this comment\r\n"
    + 'title: "Crème brûlée"   # trailing comment\r\n'.encode()
    + b"date: 2025-03-01 10:00\r\n"
    + b"tags:\r\n"
    + b"  - food\r\n"
    + b"summary: |\r\n"
    + b"  Two lines\r\n"
    + b"  of summary.\r\n"
    + b"---\r\n"
    + b"Body with \xc3\xa9 and a trailing space \r\n"
    + b"\r\n"
    + b"no final line end"
)
TOML_WITH_TABLE = (
    b"+++\n"
    b'title = "Podcast"  # comment\n'
    b"date = 2025-03-02\n"
    b"\n"
    b"[[enclosures]]\n"
    b'url = "https://example.org/episode.mp3"\n'
    b'type = "audio/mpeg"\n'
    b"length = 1234\n"
    b"+++\n"
    b"Listen.\n"
)
NO_FRONT_MATTER = (
    codecs.BOM_UTF8
    + b"Monday, March 3, 2025\r\n"
    + b"\r\n"
    + b"# For a Peace From Below\r\n"
    + b"\r\n"
    + b"By Liza Smirnova and Alexey Sakhnin\r\n"
    + b"\r\n"
    + b"The text.\r\n"
)
ALREADY_PINNED = b"---\ntitle: Pinned\ndate: 2025-03-04\nid: urn:uuid:1234\n---\nx\n"
INDENTED_YAML = b"---\n  title: Indented\n  date: 2025-03-05\n---\nx\n"
WITH_SLUG = b"---\ntitle: Slugged\ndate: 2025-03-06\nslug: my/own-slug\n---\nx\n"

DOCUMENTS = {
    "2025/crlf.md": YAML_CRLF_BOM,
    "2025/podcast.md": TOML_WITH_TABLE,
    "2025/plain.txt": NO_FRONT_MATTER,
    "2025/pinned.md": ALREADY_PINNED,
    "indented.markdown": INDENTED_YAML,
    "slugged.md": WITH_SLUG,
}


def write_documents(documents: dict[str, bytes]) -> None:
    for name, content in documents.items():
        path = Path("entries", name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def without_line(content: bytes, line: bytes) -> bytes:
    assert content.count(line) == 1, content
    return content.replace(line, b"")


def test_pin_adds_only_the_id_line(site: Site) -> None:
    site(config=CONFIG)
    write_documents(DOCUMENTS)
    pinned = pin_ids(config_here(), Path("entries")).pinned
    assert pinned == [  # in the order the build reads them: a folder's files, then subfolders
        (Path("entries/indented.markdown"), "tag:example.org,2025:indented"),
        (Path("entries/slugged.md"), "tag:example.org,2025:my/own-slug"),
        (Path("entries/2025/crlf.md"), "tag:example.org,2025:2025/crlf"),
        (Path("entries/2025/plain.txt"), "tag:example.org,2025:2025/plain"),
        (Path("entries/2025/podcast.md"), "tag:example.org,2025:2025/podcast"),
    ]
    after = files_under(Path("entries"))
    # Each file is what the author wrote plus one line, in the file's own line ends.
    assert without_line(after["2025/crlf.md"], b"id: tag:example.org,2025:2025/crlf\r\n") == (
        YAML_CRLF_BOM
    )
    # TOML keys after [[enclosures]] belong to the table: the id goes before it, at the top.
    assert after["2025/podcast.md"].startswith(b'+++\nid = "tag:example.org,2025:2025/podcast"\n')
    assert without_line(
        after["2025/podcast.md"], b'id = "tag:example.org,2025:2025/podcast"\n'
    ) == (TOML_WITH_TABLE)
    # A document without front matter gets a block on top, after the byte-order mark.
    block = b"---\r\nid: tag:example.org,2025:2025/plain\r\n---\r\n"
    assert after["2025/plain.txt"] == codecs.BOM_UTF8 + block + NO_FRONT_MATTER[3:]
    assert without_line(after["indented.markdown"], b"  id: tag:example.org,2025:indented\n") == (
        INDENTED_YAML
    )
    assert after["2025/pinned.md"] == ALREADY_PINNED


def test_pin_changes_nothing_readers_see_and_ids_survive_renames(site: Site) -> None:
    site(config=CONFIG)
    write_documents(DOCUMENTS)
    before = atom_entries()
    assert before["tag:example.org,2025:2025/plain"] == {
        "title": "For a Peace From Below",
        "published": "2025-03-03T00:00:00+02:00",
        "updated": "2025-03-03T00:00:00+02:00",
    }
    entries_before = read_entries(config_here(), Path("entries")).entries
    pin_ids(config_here(), Path("entries"))
    assert atom_entries() == before
    entries_after = read_entries(config_here(), Path("entries")).entries
    for old, new in zip(entries_before, entries_after, strict=True):
        assert (new.id, new.title, new.published, new.authors, new.body, new.summary) == (
            old.id,
            old.title,
            old.published,
            old.authors,
            old.body,
            old.summary,
        )
    for path in Path("entries").rglob("*.*"):
        path.rename(path.with_name("renamed-" + path.name))
    Path("entries/2025").rename("entries/moved")
    assert atom_entries() == before


def test_pin_twice_pins_nothing_the_second_time(site: Site) -> None:
    site(config=CONFIG)
    write_documents(DOCUMENTS)
    assert pin_ids(config_here(), Path("entries")).pinned
    once = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in Path("entries").rglob("*.*")
    }
    assert pin_ids(config_here(), Path("entries")).pinned == []
    twice = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in Path("entries").rglob("*.*")
    }
    assert twice == once


def test_pin_changes_no_file_when_an_entry_has_an_error(site: Site) -> None:
    site(config=CONFIG)
    write_documents({**DOCUMENTS, "broken.md": b"---\ntitel: Typo\ndate: 2025-01-01\n---\nx\n"})
    before = files_under(Path("entries"))
    with pytest.raises(ManyErrors) as raised:
        pin_ids(config_here(), Path("entries"))
    assert [error.path for error in raised.value.errors] == [Path("entries/broken.md")]
    assert files_under(Path("entries")) == before


def test_pin_refuses_front_matter_it_cannot_extend_faithfully(site: Site) -> None:
    site(config=CONFIG)
    flow = b"---\n{title: Flow, date: 2025-01-01}\n---\nx\n"
    write_documents({"flow.md": flow, "fine.md": b"---\ntitle: Fine\ndate: 2025-01-01\n---\nx\n"})
    with pytest.raises(ManyErrors) as raised:
        pin_ids(config_here(), Path("entries"))
    (error,) = raised.value.errors
    assert error.path == Path("entries/flow.md")
    assert error.fix == "Write id: tag:example.org,2025:flow into the front matter by hand."
    assert Path("entries/flow.md").read_bytes() == flow
    assert b"id:" not in Path("entries/fine.md").read_bytes()


def test_pin_pins_drafts_and_future_entries_too(site: Site) -> None:
    site(config=CONFIG)
    write_documents(
        {
            "draft.md": b"---\ntitle: D\ndate: 2025-01-01\ndraft: true\n---\nx\n",
            "later.md": b"---\ntitle: L\ndate: 2999-01-01\n---\nx\n",
        }
    )
    assert pin_ids(config_here(), Path("entries")).pinned == [
        (Path("entries/draft.md"), "tag:example.org,2025:draft"),
        (Path("entries/later.md"), "tag:example.org,2025:later"),
    ]


def test_pin_refuses_a_link_to_another_entry(site: Site) -> None:
    site(config=CONFIG)
    write_documents({"a.md": b"---\ntitle: A\ndate: 2025-01-01\n---\nx\n"})
    Path("entries/b.md").symlink_to("a.md")
    with pytest.raises(ManyErrors) as raised:
        pin_ids(config_here(), Path("entries"))
    (error,) = raised.value.errors
    assert error.path == Path("entries/b.md")
    assert "a link to entries/a.md" in error.message
    assert Path("entries/a.md").read_bytes() == b"---\ntitle: A\ndate: 2025-01-01\n---\nx\n"


def test_pin_needs_id_authority(site: Site) -> None:
    site(config=CONFIG.replace('id_authority = "example.org,2025"\n', ""))
    write_documents({"a.md": b"---\ntitle: A\ndate: 2025-01-01\n---\nx\n"})
    with pytest.raises(ManyErrors, match="id_authority is not set"):
        pin_ids(config_here(), Path("entries"))
    assert Path("entries/a.md").read_bytes() == b"---\ntitle: A\ndate: 2025-01-01\n---\nx\n"


# touch

TOUCHED_AT = datetime(2025, 12, 1, 9, 30, 15, 999999, tzinfo=UTC)  # 11:30:15 in Kyiv
TOUCHED = "2025-12-01T11:30:15+02:00"


def changed_lines(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_touch_replaces_only_the_updated_value(site: Site) -> None:
    site(config=CONFIG)
    original = (
        codecs.BOM_UTF8 + b"---\r\ntitle: T\r\ndate: 2025-01-01\r\n"
        b"updated: '2025-02-01 10:00'   # typo fixed\r\ntags: [a]\r\n---\r\nBody\r\n"
    )
    write_documents({"t.md": original})
    path = Path("entries/t.md")
    assert touch_entry(config_here(), Path("entries"), path, TOUCHED_AT).updated == TOUCHED
    assert changed_lines(original, path.read_bytes()) == [
        (
            b"updated: '2025-02-01 10:00'   # typo fixed\r\n",
            f"updated: {TOUCHED}   # typo fixed\r\n".encode(),
        )
    ]
    assert entry_at(path).updated == datetime.fromisoformat(TOUCHED)


def test_touch_replaces_a_value_written_over_several_lines(site: Site) -> None:
    site(config=CONFIG)
    write_documents(
        {"t.md": b"---\ntitle: T\ndate: 2025-01-01\nupdated:\n  2025-02-01\ntags: [a]\n---\nx\n"}
    )
    touch_entry(config_here(), Path("entries"), Path("entries/t.md"), TOUCHED_AT)
    assert Path("entries/t.md").read_bytes() == (
        f"---\ntitle: T\ndate: 2025-01-01\nupdated: {TOUCHED}\ntags: [a]\n---\nx\n".encode()
    )


@pytest.mark.parametrize(
    ("written", "touched"),
    [
        # A comment on the key's line, or on a line of its own before the value: only the
        # value changes, so the comment stays where it was written.
        ("updated:   # a typo fixed\n  2025-02-01\n", "updated:   # a typo fixed\n  {now}\n"),
        ("updated:\n  # a typo fixed\n  2025-02-01\n", "updated:\n  # a typo fixed\n  {now}\n"),
        # A block scalar ends below its blank lines: they are the author's, not the value's.
        ("updated: |\n  2025-02-01\n\n# later\n", "updated: {now}\n\n# later\n"),
        ("updated: >-  # folded\n  2025-02-01\n\n", "updated: {now}  # folded\n\n"),
    ],
)
def test_touch_keeps_the_comments_and_blank_lines_around_the_value(
    site: Site, written: str, touched: str
) -> None:
    site(config=CONFIG)
    document = f"---\ntitle: T\ndate: 2025-01-01\n{written}tags: [a]\n---\nBody\n"
    write_documents({"t.md": document.replace("\n", "\r\n").encode()})
    path = Path("entries/t.md")
    touch_entry(config_here(), Path("entries"), path, TOUCHED_AT)
    expected = document.replace(written, touched.format(now=TOUCHED))
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode()
    assert entry_at(path).updated == datetime.fromisoformat(TOUCHED)


def test_touch_adds_updated_after_date(site: Site) -> None:
    site(config=CONFIG)
    original = b"---\ntitle: T\ndate: 2025-01-01  # first\n# notes\ntags: [a]\n---\nBody\n"
    toml = (
        b'+++\ntitle = "T"\ndate = 2025-01-01\n'
        b'[[enclosures]]\nurl = "https://example.org/a.mp3"\nlength = 3\n+++\nx\n'
    )
    write_documents({"t.md": original, "toml.md": toml, "plain.md": NO_FRONT_MATTER})
    for name in ("t.md", "toml.md", "plain.md"):
        touch_entry(config_here(), Path("entries"), Path("entries", name), TOUCHED_AT)
    assert Path("entries/t.md").read_bytes() == original.replace(
        b"# first\n", f"# first\nupdated: {TOUCHED}\n".encode()
    )
    assert Path("entries/toml.md").read_bytes() == toml.replace(
        b"date = 2025-01-01\n", f"date = 2025-01-01\nupdated = {TOUCHED}\n".encode()
    )
    block = f"---\r\nupdated: {TOUCHED}\r\n---\r\n".encode()
    assert Path("entries/plain.md").read_bytes() == codecs.BOM_UTF8 + block + NO_FRONT_MATTER[3:]
    for name in ("t.md", "toml.md", "plain.md"):
        assert entry_at(Path("entries", name)).updated == datetime.fromisoformat(TOUCHED)


def test_touch_moves_the_feeds_updated(site: Site) -> None:
    site(config=CONFIG)
    write_documents(DOCUMENTS)
    invoke_build()
    before = read_xml(Path("feeds/atom.xml")).findtext("a:updated", namespaces=NS)
    assert before == "2025-03-06T00:00:00+02:00"
    path = Path("entries/2025/crlf.md")
    original = path.read_bytes()
    value = touch_entry(config_here(), Path("entries"), path, TOUCHED_AT).updated
    assert without_line(path.read_bytes(), f"updated: {value}\r\n".encode()) == original
    entries = atom_entries()
    assert read_xml(Path("feeds/atom.xml")).findtext("a:updated", namespaces=NS) == TOUCHED
    assert entries["tag:example.org,2025:2025/crlf"]["updated"] == TOUCHED
    assert entries["tag:example.org,2025:2025/crlf"]["published"] == "2025-03-01T10:00:00+02:00"


def test_touch_refuses_files_that_are_not_entries(site: Site, tmp_path: Path) -> None:
    site(config=CONFIG)
    write_documents({"a.md": b"---\ntitle: A\ndate: 2025-01-01\n---\nx\n", ".b.md": b"x"})
    Path("outside.md").write_bytes(b"---\ntitle: O\ndate: 2025-01-01\n---\n")
    for path, message in [
        (Path("outside.md"), "not in the entries folder"),
        (Path("entries/.b.md"), "not an entry"),
        (Path("entries/missing.md"), "no such file"),
        (Path("staticfeed.toml"), "not in the entries folder"),
    ]:
        with pytest.raises(EntryError, match=message) as raised:
            touch_entry(config_here(), Path("entries"), path, TOUCHED_AT)
        assert raised.value.path == path
    assert Path("outside.md").read_bytes() == b"---\ntitle: O\ndate: 2025-01-01\n---\n"


def test_touch_refuses_an_entry_dated_later_than_now(site: Site) -> None:
    site(config=CONFIG)
    future = b"---\ntitle: Soon\ndate: 2026-01-01\n---\nx\n"
    write_documents({"soon.md": future})
    with pytest.raises(EntryError, match="updated cannot be earlier than date") as raised:
        touch_entry(config_here(), Path("entries"), Path("entries/soon.md"), TOUCHED_AT)
    assert raised.value.line == 3
    assert Path("entries/soon.md").read_bytes() == future


def test_touch_reports_broken_front_matter(site: Site) -> None:
    site(config=CONFIG)
    broken = b"---\ntitle: [unclosed\n---\nx\n"
    write_documents({"broken.md": broken})
    with pytest.raises(EntryError, match="invalid YAML"):
        touch_entry(config_here(), Path("entries"), Path("entries/broken.md"), TOUCHED_AT)
    assert Path("entries/broken.md").read_bytes() == broken


SIMPLE = b"---\ntitle: T\ndate: 2025-01-01\n---\nBody\n"
SIMPLE_TOUCHED = f"---\ntitle: T\ndate: 2025-01-01\nupdated: {TOUCHED}\n---\nBody\n".encode()


@pytest.mark.parametrize(
    ("written", "touched"),
    [
        # A fence with a space after it, as some editors leave: it opens the front matter.
        (b"--- \ntitle: T\ndate: 2025-01-01\n---  \nx\n", f"updated: {TOUCHED}\n---  \nx\n"),
        # Indented keys keep their column; the comment after a TOML value stays.
        (b"---\n  title: T\n  date: 2025-01-01\n  updated: 2025-02-01\n---\nx\n", None),
        (b'+++\ntitle = "T"\ndate = 2025-01-01\nupdated = 2025-02-01  # a typo\n+++\nx\n', None),
    ],
)
def test_touch_keeps_how_the_front_matter_is_written(
    site: Site, written: bytes, touched: str | None
) -> None:
    site(config=CONFIG)
    write_documents({"t.md": written})
    path = Path("entries/t.md")
    touch_entry(config_here(), Path("entries"), path, TOUCHED_AT)
    if touched is None:  # the old value replaced
        expected = written.replace(b"2025-02-01", TOUCHED.encode())
    else:
        expected = written.replace(b"---  \nx\n", touched.encode())
    assert path.read_bytes() == expected
    assert entry_at(path).updated == datetime.fromisoformat(TOUCHED)


def test_touch_keeps_the_files_permissions(site: Site) -> None:
    site(config=CONFIG)
    write_documents({"t.md": SIMPLE})
    path = Path("entries/t.md")
    path.chmod(0o600)  # a private draft stays private
    touch_entry(config_here(), Path("entries"), path, TOUCHED_AT)
    assert (path.read_bytes(), path.stat().st_mode & 0o7777) == (SIMPLE_TOUCHED, 0o600)


def test_touch_through_a_link_writes_the_file_it_leads_to(site: Site) -> None:
    site(config=CONFIG)
    write_documents({"t.md": SIMPLE})
    link = Path("entries/link.md")
    link.symlink_to("t.md")
    touch_entry(config_here(), Path("entries"), link, TOUCHED_AT)
    assert link.is_symlink()  # not a file of its own now, which the next edit would miss
    assert Path("entries/t.md").read_bytes() == SIMPLE_TOUCHED


def test_touch_takes_a_suffix_in_capitals(site: Site) -> None:
    site(config=CONFIG)
    write_documents({"T.MD": SIMPLE})
    touch_entry(config_here(), Path("entries"), Path("entries/T.MD"), TOUCHED_AT)
    assert Path("entries/T.MD").read_bytes() == SIMPLE_TOUCHED


def test_touch_at_the_very_second_of_the_date_writes_it(site: Site) -> None:
    site(config=CONFIG)
    write_documents({"t.md": b"---\ntitle: T\ndate: 2025-12-01T11:30:15+02:00\n---\nx\n"})
    path = Path("entries/t.md")
    at_date = datetime(2025, 12, 1, 9, 30, 15, tzinfo=UTC)
    assert touch_entry(config_here(), Path("entries"), path, at_date).updated == TOUCHED


def test_new_writes_a_file_anyone_may_read(site: Site) -> None:
    # As an editor would: a web server, or a build run by another user, reads it.
    site(config=CONFIG)
    path = new_entry(config_here(), Path("entries"), "T", authors=[], tags=[], date=None, now=NOW)
    assert path.stat().st_mode & 0o7777 == 0o644


def test_new_never_overwrites_a_file_made_while_it_worked(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An editor saving the same name after new looked: new's write must still fail, not
    # replace what the editor saved.
    import staticfeed.authoring

    site(config=CONFIG)
    theirs = Path("entries/2025/t.md")
    check = staticfeed.authoring._refuse_taken_id

    def and_meanwhile(*args: Any) -> None:
        check(*args)
        theirs.parent.mkdir(parents=True, exist_ok=True)
        theirs.write_bytes(b"Their words.\n")

    monkeypatch.setattr(staticfeed.authoring, "_refuse_taken_id", and_meanwhile)
    with pytest.raises(EntryError, match="the file already exists"):
        new_entry(config_here(), Path("entries"), "T", authors=[], tags=[], date=None, now=NOW)
    assert files_under(Path("entries")) == {"2025/t.md": b"Their words.\n"}


def test_pin_adds_the_id_as_the_last_key(site: Site) -> None:
    # Below what the author wrote, as new writes it: the title stays the first line to read.
    site(config=CONFIG)
    yaml_text = b"---\ntitle: Y\ndate: 2025-01-01\n---\nx\n"
    toml_text = b'+++\ntitle = "T"\ndate = 2025-01-01\n+++\nx\n'
    write_documents({"y.md": yaml_text, "t.md": toml_text})
    pin_ids(config_here(), Path("entries"))
    assert Path("entries/y.md").read_bytes() == yaml_text.replace(
        b"\n---\nx", b"\nid: tag:example.org,2025:y\n---\nx"
    )
    assert Path("entries/t.md").read_bytes() == toml_text.replace(
        b"\n+++\nx", b'\nid = "tag:example.org,2025:t"\n+++\nx'
    )


def test_touch_adds_updated_below_a_date_on_lines_of_its_own(site: Site) -> None:
    site(config=CONFIG)
    written = b"---\ntitle: T\ndate: >-\n  2025-01-01\ntags: [a]\n---\nx\n"
    write_documents({"t.md": written})
    path = Path("entries/t.md")
    touch_entry(config_here(), Path("entries"), path, TOUCHED_AT)
    expected = written.replace(b"2025-01-01\n", f"2025-01-01\nupdated: {TOUCHED}\n".encode())
    assert path.read_bytes() == expected


def test_touch_keeps_the_line_end_of_the_line_it_replaces(site: Site) -> None:
    # A line pasted from a Windows file keeps its CR LF among the file's LF.
    site(config=CONFIG)
    written = b"---\ntitle: T\ndate: 2025-01-01\nupdated: 2025-02-01\r\n---\nx\n"
    write_documents({"t.md": written})
    path = Path("entries/t.md")
    touch_entry(config_here(), Path("entries"), path, TOUCHED_AT)
    assert path.read_bytes() == written.replace(b"2025-02-01", TOUCHED.encode())
