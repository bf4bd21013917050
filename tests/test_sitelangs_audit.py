"""Tests from a hand mutation audit of sitelangs.py (the languages a Hugo site's config gives
its documents, for `staticfeed import`): each kills a mutant that survived the other tests.
Each imports a small site as a user would and asserts the entries' names and `lang`."""

from __future__ import annotations

import textwrap
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from staticfeed.errors import display_path
from staticfeed.importer import import_documents

KYIV = ZoneInfo("Europe/Kyiv")
POST = "---\ntitle: T\ndate: 2024-09-12\n---\nB.\n"


def write(folder: Path, name: str, text: str = POST) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def imported(
    source: Path, into: Path, notes: list[str] | None = None
) -> list[tuple[str, str | None]]:
    """The names and languages of the entries a dry run of importing `source` gives."""
    entries = import_documents([source], into, timezone=KYIV, dry_run=True, notes=notes)
    return sorted((entry.path.name, entry.lang) for entry in entries)


def test_a_theme_s_example_site_is_read_with_its_own_config(tmp_path: Path) -> None:
    # The innermost site decides: the outer site has no French, its theme's example site has.
    site = tmp_path / "site"
    write(site, "hugo.toml", "[languages.en]\n")
    example = site / "themes" / "pier" / "exampleSite"
    write(example, "hugo.toml", "[languages.en]\n[languages.fr]\n")
    write(example / "content" / "posts", "bridge.md")
    write(example / "content" / "posts", "bridge.fr.md")
    assert imported(site, tmp_path / "entries") == [("bridge-fr.md", "fr"), ("bridge.md", None)]


def test_a_language_folder_inside_another_s_is_in_its_own_language(tmp_path: Path) -> None:
    # English in content/, Hugo's own folder of a language without one, French in content/fr/:
    # the innermost folder decides.
    site = tmp_path / "site"
    write(site, "hugo.toml", "[languages.en]\n[languages.fr]\ncontentDir = 'content/fr'\n")
    write(site / "content" / "posts", "bridge.md")
    write(site / "content" / "fr" / "posts", "pont.md")
    assert imported(site, tmp_path / "entries") == [("bridge.md", "en"), ("pont.md", "fr")]


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("release.v2.fr.md", ("release-v2.md", "fr")),  # the language is the last part only
        ("bridge.FR.md", ("bridge.md", "fr")),  # a language key in any case, as Hugo's
        ("fr.md", ("fr.md", None)),  # a name that is a language alone is in none
        ("bridge.deutsch.md", ("bridge.md", "de")),  # a key that is no tag: its languageCode
    ],
)
def test_a_file_name_s_language_is_read_as_hugo_reads_it(
    tmp_path: Path, name: str, found: tuple[str, str | None]
) -> None:
    site = tmp_path / "site"
    config = "[languages.en]\n[languages.fr]\n[languages.deutsch]\nlanguageCode = 'de'\n"
    write(site, "hugo.toml", config)
    write(site / "content" / "posts", name)
    assert imported(site, tmp_path / "entries") == [found]


def test_only_a_disabled_language_s_documents_are_passed_over(tmp_path: Path) -> None:
    # de.md is about German, not in it; bridge.DE.md is German; and bridge.en.md, in the
    # disabled French folder, is English by its name, which Hugo publishes.
    site = tmp_path / "site"
    write(
        site,
        "hugo.toml",
        # German first: it shares content/ with English, and says nothing of its documents.
        # French in a folder outside English's content/, which Hugo would publish in English.
        "disableLanguages = ['DE', 'fr']\n[languages.de]\n[languages.en]\n"
        "[languages.fr]\ncontentDir = 'content-fr'\n",
    )
    posts = site / "content" / "posts"
    for name in ("de.md", "bridge.DE.md", "solo.md"):
        write(posts, name)
    write(site / "content-fr", "bridge.en.md")
    write(site / "content-fr", "pont.md")
    notes: list[str] = []
    found = imported(site, tmp_path / "entries", notes)
    assert found == [("bridge.md", "en"), ("de.md", "en"), ("solo.md", "en")]
    shown = display_path(site)
    assert notes == [
        "passed over 2 documents in a language its Hugo site's config disables (de, fr), which "
        f"Hugo does not publish: {shown}/content/posts/bridge.DE.md, {shown}/content-fr/pont.md. "
        "Name a file to import it all the same."
    ]


@pytest.mark.parametrize(
    ("names", "found"),
    [
        # Beside another language of the same name: both are translations.
        (("bridge.de.md", "bridge.fr.md"), [("bridge-de.md", "de"), ("bridge-fr.md", "fr")]),
        # Each format's files beside their own: a .markdown pair is one as a .md pair is.
        (
            ("bridge.md", "bridge.fr.md", "notes.markdown", "notes.de.markdown"),
            [
                ("bridge-fr.md", "fr"),
                ("bridge.md", None),
                ("notes-de.md", "de"),
                ("notes.md", None),
            ],
        ),
        # Beside a name whose end is no language (`.min`, `.de-1`): neither is one.
        (("notes.fr.md", "notes.min.md"), [("notes-fr.md", None), ("notes-min.md", None)]),
        (("notes.fr.md", "notes.de-1.md"), [("notes-de-1.md", None), ("notes-fr.md", None)]),
    ],
)
def test_with_no_config_a_language_counts_beside_the_same_name(
    tmp_path: Path, names: tuple[str, ...], found: list[tuple[str, str | None]]
) -> None:
    site = tmp_path / "site"
    for name in names:
        write(site / "content" / "posts", name)
    assert imported(site / "content", tmp_path / "entries") == found


def test_a_sites_config_is_its_first_file_alone(tmp_path: Path) -> None:
    # Hugo reads hugo.toml and not the config.toml of old beside it, which disabled French.
    site = tmp_path / "site"
    write(site, "hugo.toml", "[languages.en]\n[languages.fr]\n")
    write(site, "config.toml", "disableLanguages = ['fr']\n[languages.en]\n[languages.fr]\n")
    write(site / "content" / "posts", "bridge.fr.md")
    notes: list[str] = []
    assert imported(site, tmp_path / "entries", notes) == [("bridge.md", "fr")]
    assert notes == []


def test_the_production_folder_s_settings_win_over_the_default_ones(tmp_path: Path) -> None:
    # The site was published in French first: the English bridge is the translation.
    site = tmp_path / "site"
    write(site, "config/_default/hugo.toml", "defaultContentLanguage = 'en'\n")
    write(site, "config/production/hugo.toml", "defaultContentLanguage = 'fr'\n")
    folders = "[en]\ncontentDir = 'content/en'\n[fr]\ncontentDir = 'content/fr'\n"
    write(site, "config/_default/languages.toml", folders)
    write(site / "content", "en/posts/bridge.md")
    write(site / "content", "fr/posts/bridge.md")
    assert imported(site, tmp_path / "entries") == [("bridge-en.md", "en"), ("bridge.md", "fr")]


def test_a_language_key_in_capitals_is_the_language_of_its_file_names(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site, "hugo.toml", "[Languages.EN]\n[Languages.PT-BR]\n")
    write(site / "content" / "posts", "market/index.pt-br.md")
    assert imported(site, tmp_path / "entries") == [("market.md", "pt-br")]


@pytest.mark.parametrize(
    ("config", "text"),
    [
        ("config/_default/languages.toml", "[en]\n[fr]\ncontentDir = 'content/fr'\n"),
        ("hugo.toml", "[languages.en]\n[languages.fr]\ncontentDir = 'content/fr/'\n"),
    ],
)
def test_a_folder_s_language_says_which_config_file_maps_it(
    tmp_path: Path, config: str, text: str
) -> None:
    site = tmp_path / "site"
    write(site, config, text)
    write(site / "content", "fr/posts/bridge.md")
    (entry,) = import_documents([site], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert (entry.lang, entry.lang_from) == (
        "fr",
        f"from its folder content/fr, as Hugo's {config} maps it",
    )


def test_a_site_whose_languages_have_folders_of_other_names_is_found(tmp_path: Path) -> None:
    # No content/ folder: the config alone makes the site's root, above the folder imported.
    site = tmp_path / "site"
    config = "[languages.en]\ncontentDir = 'english'\n[languages.fr]\ncontentDir = 'french'\n"
    write(site, "hugo.toml", config)
    write(site / "french" / "posts", "bridge.md")
    assert imported(site / "french", tmp_path / "entries") == [("bridge.md", "fr")]


def test_a_site_in_a_hidden_folder_is_not_read(tmp_path: Path) -> None:
    # Import leaves out hidden folders' documents, and so their configs: no note of one.
    folder = tmp_path / "sites"
    write(folder / ".trash" / "old", "hugo.toml", "languages = [\n")
    write(folder / "blog", "bridge.md")
    notes: list[str] = []
    assert imported(folder, tmp_path / "entries", notes) == [("bridge.md", None)]
    assert notes == []


def test_the_home_folder_is_read_only_when_it_is_the_folder_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An unrelated, broken ~/hugo.toml was read for ~/blog; a site that is ~ itself is read.
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    write(home, "hugo.toml", "[languages.en]\n[languages.fr]\ndisableLanguages = [\n")
    write(home / "blog", "bridge.md")
    notes: list[str] = []
    assert imported(home / "blog", tmp_path / "entries", notes) == [("bridge.md", None)]
    assert notes == []
    write(home, "hugo.toml", "[languages.en]\n[languages.fr]\n")
    write(home / "content" / "posts", "pont.fr.md")
    assert imported(home, tmp_path / "entries") == [("bridge.md", None), ("pont.md", "fr")]


def test_a_file_named_in_the_home_folder_reads_no_config_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ~/page.md named alone: an unrelated, broken ~/hugo.toml was read (and told as not read),
    # and a French site's ~/pelicanconf.py made an English post a translation, cranes-en.md.
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    write(home, "hugo.toml", "[languages.en]\n[languages.fr]\ndisableLanguages = [\n")
    write(home, "pelicanconf.py", "DEFAULT_LANG = 'fr'\n")
    page = write(home, "page.md")
    cranes = write(home, "cranes.md", "Title: Cranes\nDate: 2025-03-01\nLang: en\n\nB.\n")
    notes: list[str] = []
    entries = import_documents(
        [page, cranes], tmp_path / "entries", timezone=KYIV, dry_run=True, notes=notes
    )
    assert sorted((entry.path.name, entry.lang) for entry in entries) == [
        ("cranes.md", "en"),
        ("page.md", None),
    ]
    assert notes == []


@pytest.mark.parametrize(
    ("configs", "found", "notes_said"),
    [
        # The one language of a site that lists none, in any case.
        ({"hugo.toml": "defaultContentLanguage = 'DE'\n"}, [("notes.md", "de")], 0),
        # A language enabled in so many words.
        (
            {"hugo.toml": "[languages.en]\n[languages.de]\ndisabled = false\n"},
            [("notes.md", "de")],
            0,
        ),
        # A file not read may list German: the name is read as with no config.
        (
            {"hugo.yaml": "languages: [\n"},
            [("notes-de.md", "de"), ("notes.md", None)],
            1,
        ),
        # A file not read may list German: the name is read as with no config.
        (
            {"hugo.toml": "title = 'Notes'\n", "config/_default/languages.toml": "[de\n"},
            [("notes-de.md", "de"), ("notes.md", None)],
            1,
        ),
    ],
)
def test_a_file_name_s_language_is_one_the_config_read_gives(
    tmp_path: Path, configs: dict[str, str], found: list[tuple[str, str | None]], notes_said: int
) -> None:
    site = tmp_path / "site"
    for name, text in configs.items():
        write(site, name, text)
    write(site / "content" / "posts", "notes.de.md")
    if notes_said:
        write(site / "content" / "posts", "notes.md")
    notes: list[str] = []
    assert imported(site, tmp_path / "entries", notes) == found
    assert len(notes) == notes_said


def test_a_config_not_read_is_named_with_what_is_wrong_in_it(tmp_path: Path) -> None:
    # The note gave the last line of YAML's message, where it is, not what is wrong.
    site = tmp_path / "site"
    write(site, "hugo.yaml", "languages: [\n")
    write(site / "content" / "posts", "bridge.md")
    notes: list[str] = []
    imported(site, tmp_path / "entries", notes)
    assert notes == [
        f"{display_path(site / 'hugo.yaml')}: not read (while parsing a flow node), so the "
        "languages of its content folders are not known: give each entry a lang: if it needs one"
    ]


def test_languages_keyed_by_name_are_known_by_their_language_codes(tmp_path: Path) -> None:
    # Keys that are no language tags: each folder's language is its languageCode, and the
    # default language's posts are no translations.
    site = tmp_path / "site"
    config = (
        "defaultContentLanguage = 'english'\n"
        "[languages.english]\nlanguageCode = 'en-us'\ncontentDir = 'content/english'\n"
        "[languages.francais]\nlanguageCode = 'fr'\ncontentDir = 'content/francais'\n"
    )
    write(site, "hugo.toml", config)
    write(site / "content", "english/bridge.md")
    write(site / "content", "francais/bridge.md")
    assert imported(site, tmp_path / "entries") == [("bridge-fr.md", "fr"), ("bridge.md", "en-us")]


def test_a_language_key_that_is_a_tag_is_the_language_over_its_code(tmp_path: Path) -> None:
    # Hugo's language is its key: `fr` for the posts of `[languages.fr]`, whatever its code.
    site = tmp_path / "site"
    write(site, "hugo.toml", "[languages.en]\n[languages.fr]\nlanguageCode = 'fr-ca'\n")
    write(site / "content", "posts/bridge.fr.md")
    assert imported(site, tmp_path / "entries") == [("bridge.md", "fr")]


@pytest.mark.parametrize(
    ("settings", "found"),
    [
        # Python keeps the last assignment: the site's language is French.
        ("DEFAULT_LANG = 'en'\nDEFAULT_LANG = 'fr'\n", ("cranes.md", None)),
        # An expression is not read (the file is never run): Pelican's own, en, is assumed.
        (
            "DEFAULT_LANG = 'fr' if FRENCH else 'en'\n",
            ("cranes-fr.md", "ARTICLE_LANG_URL {slug}-{lang}.html, Pelican's own"),
        ),
        # ARTICLE_LANG_URL decides over ARTICLE_LANG_SAVE_AS: `{lang}/{slug}/` is the original's.
        (
            "ARTICLE_LANG_URL = '{lang}/{slug}/'\nARTICLE_LANG_SAVE_AS = '{slug}-{lang}.html'\n",
            ("cranes.md", None),
        ),
    ],
)
def test_a_pelican_translation_is_known_by_the_plain_lines_of_pelicanconf(
    tmp_path: Path, settings: str, found: tuple[str, str | None]
) -> None:
    site = tmp_path / "site"
    write(site, "pelicanconf.py", settings)
    post = "Title: Grues\nDate: 2025-03-01\nSlug: cranes\nLang: fr\n\nB.\n"
    write(site / "content", "a.md", post)
    (entry,) = import_documents([site / "content"], tmp_path / "e", timezone=KYIV, dry_run=True)
    assert (entry.path.name, entry.named_from) == found
    assert entry.lang == "fr"


def test_a_folder_of_a_key_that_is_no_language_is_in_none(tmp_path: Path) -> None:
    # content/klingon/ is inside English's content/, but not English: its post was `en`.
    # Elvish, with no folder of its own, says nothing of content/, which is English's.
    site = tmp_path / "site"
    config = "[languages.elvish]\n[languages.en]\n[languages.klingon]\n"
    write(site, "hugo.toml", config + "contentDir = 'content/klingon'\n")
    write(site / "content", "posts/bridge.md")
    write(site / "content", "klingon/posts/pont.md")
    assert imported(site, tmp_path / "entries") == [("bridge.md", "en"), ("pont.md", None)]


def test_a_document_of_a_disabled_language_named_is_a_translation(tmp_path: Path) -> None:
    # Named to import it all the same, the German bridge is German, beside the English one.
    site = tmp_path / "site"
    config = "disableLanguages = ['de']\n[languages.en]\ncontentDir = 'content/en'\n"
    write(site, "hugo.toml", config + "[languages.de]\ncontentDir = 'content/de'\n")
    named = [write(site / "content", f"{lang}/posts/bridge.md") for lang in ("en", "de")]
    entries = import_documents(named, tmp_path / "entries", timezone=KYIV, dry_run=True)
    found = sorted((entry.path.name, entry.lang) for entry in entries)
    assert found == [("bridge-de.md", "de"), ("bridge.md", "en")]


def test_a_key_with_a_path_in_subtags_of_a_tag_s_length_gives_no_language(
    tmp_path: Path,
) -> None:
    # `fr-/../../x-/../../y` has subtags of 8 characters at most, as a tag's are, but not of
    # letters and digits: as a language, it named the French bridge a path above entries/.
    site = tmp_path / "site"
    key = "'fr-/../../x-/../../y'"
    config = f"[languages.en]\ncontentDir = 'content/en'\n[languages.{key}]\n"
    write(site, "hugo.toml", config + "contentDir = 'content/fr'\n")
    write(site / "content", "en/posts/bridge.md")
    write(site / "content", "fr/posts/bridge.md")
    into = tmp_path / "entries"
    entries = import_documents([site], into, timezone=KYIV, dry_run=True)
    found = sorted((entry.path.relative_to(into).as_posix(), entry.lang) for entry in entries)
    assert found == [("2024/bridge-2.md", None), ("2024/bridge.md", "en")]


def test_a_section_list_page_named_is_in_its_file_name_s_language(tmp_path: Path) -> None:
    # Import passes over `_index.fr.md` in a folder; named, it is French, as Hugo reads it.
    page = write(tmp_path / "site" / "posts", "_index.fr.md")
    entries = import_documents([page], tmp_path / "entries", timezone=KYIV, dry_run=True)
    assert [entry.lang for entry in entries] == ["fr"]


@pytest.mark.parametrize(
    "named",
    [
        ("sites",),
        ("sites/blog",),
        ("sites/blog/content/posts/pont.md", "sites/blog/content/posts/pont.fr.md"),
    ],
)
def test_a_site_with_no_config_gives_the_same_entries_whichever_folder_is_named(
    tmp_path: Path, named: tuple[str, ...]
) -> None:
    # A site of content/ alone was found above a folder or file named, not inside one: from
    # sites, pont.fr.md lost its language and took the name of pont.md's title.
    posts = tmp_path / "sites" / "blog" / "content" / "posts"
    write(posts, "pont.md", "Bridge\n\nSeptember 12, 2024\n\nText.\n")
    write(posts, "pont.fr.md", "Bridge\n\nSeptember 12, 2024\n\nTexte.\n")
    sources = [tmp_path / each for each in named]
    entries = import_documents(sources, tmp_path / "entries", timezone=KYIV, dry_run=True)
    found = sorted((entry.path.name, entry.lang) for entry in entries)
    assert found == [("bridge-fr.md", "fr"), ("bridge.md", None)]


@pytest.mark.parametrize(
    ("section", "named"),
    [
        ("content/docs/content", "site"),
        ("content/docs/content", "site/content/docs"),
        ("content/docs/content", "site/content/docs/content"),
        ("content/content", "site/content"),
    ],
)
def test_a_section_that_holds_a_content_folder_is_no_site_of_its_own(
    tmp_path: Path, section: str, named: str
) -> None:
    # content/docs/content/ is a section of the site, whose config disables German: a.de.md
    # is not published, whichever folder is named.
    site = tmp_path / "site"
    write(site, "hugo.toml", "disableLanguages = ['de']\n[languages.en]\n[languages.de]\n")
    german = write(site / section, "a.de.md")
    write(site / section, "b.md")
    notes: list[str] = []
    assert imported(tmp_path / named, tmp_path / "entries", notes) == [("b.md", None)]
    assert notes == [
        "passed over 1 document in a language its Hugo site's config disables (de), which Hugo "
        f"does not publish: {display_path(german)}. Name a file to import it all the same."
    ]


@pytest.mark.parametrize("named", ["home", "."])
def test_a_section_holding_a_content_folder_in_a_home_folder_site_is_no_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, named: str
) -> None:
    # ~ is a Hugo site, imported whole (or a folder above it): ~/content/docs/content/ is its
    # section, but was taken for a site of its own with no config, and a.de.md was imported.
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    write(home, "hugo.toml", "disableLanguages = ['de']\n[languages.en]\n[languages.de]\n")
    german = write(home / "content" / "docs" / "content", "a.de.md")
    write(home / "content" / "docs" / "content", "b.md")
    notes: list[str] = []
    assert imported(tmp_path / named, tmp_path / "entries", notes) == [("b.md", None)]
    assert notes == [
        "passed over 1 document in a language its Hugo site's config disables (de), which Hugo "
        f"does not publish: {display_path(german)}. Name a file to import it all the same."
    ]


@pytest.mark.parametrize(
    ("config", "found"),
    [
        # A disabled language's folder that an enabled one shares is published, in that one.
        ("[languages.de]\ndisabled = true\ncontentDir = 'content'\n[languages.en]\n", "en"),
        ("[languages.en]\n[languages.de]\ndisabled = true\ncontentDir = 'content'\n", "en"),
        (
            "defaultContentLanguage = 'it'\n[languages.it]\ncontentDir = 'content/it'\n"
            "[languages.de]\ndisabled = true\ncontentDir = 'content'\nweight = 1\n"
            "[languages.fr]\nweight = 2\n",
            "fr",
        ),
        # Of two enabled, the default language takes the folder, whichever is listed first...
        ("[languages.de]\ncontentDir = 'content'\n[languages.en]\ncontentDir = 'content'\n", "en"),
        # ... and then the one of the lowest weight, then of the first key in ABC order.
        (
            "defaultContentLanguage = 'it'\n[languages.it]\ncontentDir = 'content/it'\n"
            "[languages.de]\nweight = 2\n[languages.fr]\nweight = 1\n",
            "fr",
        ),
        (
            "defaultContentLanguage = 'it'\n[languages.it]\ncontentDir = 'content/it'\n"
            "[languages.fr]\n[languages.de]\n",
            "de",
        ),
        (
            "defaultContentLanguage = 'it'\n[languages.it]\ncontentDir = 'content/it'\n"
            "[languages.de]\n[languages.fr]\nweight = 3\n",
            "fr",
        ),
    ],
)
def test_a_content_folder_of_two_languages_is_that_of_the_one_hugo_mounts_it_for(
    tmp_path: Path, config: str, found: str
) -> None:
    # Hugo mounts each content folder once, for its enabled languages in turn: the default
    # first, then by weight (0, unset, last), then by key; a disabled language mounts none.
    site = tmp_path / "site"
    write(site, "hugo.toml", config)
    write(site / "content" / "posts", "bridge.md")
    notes: list[str] = []
    assert imported(site, tmp_path / "entries", notes) == [("bridge.md", found)]
    assert notes == []


@pytest.mark.parametrize("disables", ["disableLanguages = ['de']\n", ""])
def test_a_disabled_language_s_folder_inside_an_enabled_one_s_is_published_in_it(
    tmp_path: Path, disables: str
) -> None:
    # Hugo mounts content/ for English, and publishes content/de/posts/bruecke.md in English,
    # at /de/posts/bruecke/ (hugo v0.111): import passed it over as German, not published.
    site = tmp_path / "site"
    german = "[languages.de]\ncontentDir = 'content/de'\n"
    if not disables:
        german += "disabled = true\n"
    write(site, "hugo.toml", disables + "[languages.en]\n" + german)
    write(site / "content" / "posts", "bridge.md")
    bruecke = write(site / "content" / "de" / "posts", "bruecke.md")
    notes: list[str] = []
    assert imported(site, tmp_path / "entries", notes) == [
        ("bridge.md", "en"),
        ("bruecke.md", "en"),
    ]
    assert notes == []
    assert imported(bruecke, tmp_path / "entries") == [("bruecke.md", "en")]


@pytest.mark.parametrize("disables", ["disableLanguages = ['de']\n", ""])
def test_content_of_a_disabled_language_alone_is_not_published(
    tmp_path: Path, disables: str
) -> None:
    # English has content/en/; German, with no contentDir, has content/, which no enabled
    # language mounts: Hugo publishes nothing of content/posts/x.md, which import took as a
    # post in no language.
    site = tmp_path / "site"
    german = "[languages.de]\n" + ("" if disables else "disabled = true\n")
    write(site, "hugo.toml", disables + "[languages.en]\ncontentDir = 'content/en'\n" + german)
    write(site / "content" / "en" / "posts", "bridge.md")
    unpublished = write(site / "content" / "posts", "x.md")
    notes: list[str] = []
    assert imported(site, tmp_path / "entries", notes) == [("bridge.md", "en")]
    assert notes == [
        "passed over 1 document in a language its Hugo site's config disables (de), which Hugo "
        f"does not publish: {display_path(unpublished)}. Name a file to import it all the same."
    ]
    # Named, it is imported, in the language whose folder it is in.
    assert imported(unpublished, tmp_path / "entries") == [("x.md", "de")]
