"""The languages another site generator's config gives its posts, for `staticfeed import`.

Hugo's translation by content directory: `contentDir = 'content/fr'` under `[languages.fr]`
of `hugo.toml` makes every document in that folder French; by file name, `bridge.fr.md` is
French when the site has the language `fr`; a language `disabled` is not published. Pelican
publishes a post whose `Lang:` is not `DEFAULT_LANG` of `pelicanconf.py` as a translation, at
its `ARTICLE_LANG_URL`. Configs are read as data (TOML, YAML, JSON); `pelicanconf.py` is
Python and is never run: only plain `DEFAULT_LANG = 'fr'` lines are read from it.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from staticfeed.errors import display_path
from staticfeed.languages import is_iso_639_1

# The names Hugo looks for at a site's root, in its order: hugo.* first, config.* of old.
HUGO_CONFIGS = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
PELICAN_DEFAULT_LANG = "en"  # Pelican's own, when pelicanconf.py sets none


@dataclass(frozen=True)
class ContentFolder:
    """A folder of a Hugo site whose documents are all in one language."""

    folder: Path  # resolved
    # The language of its key of the config (`fr`, `pt-br`), else of its languageCode; None
    # when neither is a language tag (`[languages.'fr/../x']`): its documents are in none.
    lang: str | None
    key: str  # its key of the config, lowercase: `fr`, `francais`
    written: str  # the folder as the config names it: `content/fr`
    config: str  # the config file that maps it, from the site's root: `hugo.toml`
    default: bool  # the site's defaultContentLanguage (its posts are not translations)
    disabled: bool = False  # a language Hugo does not publish: `disabled = true`


@dataclass(frozen=True)
class HugoSite:
    """What the config of a Hugo site says of its languages."""

    root: Path  # resolved
    folders: tuple[ContentFolder, ...]  # its language folders, if its languages have any
    # Each language's key (lowercase) and its tag: Hugo reads a file name's `.fr` as a
    # language only when the config lists it. None when its config is not known.
    languages: dict[str, str | None] | None
    disabled: frozenset[str] = frozenset()  # keys of the languages Hugo does not publish


@dataclass
class HugoSites:
    """The Hugo sites of an import, and what their configs make of a document's path."""

    sites: list[HugoSite]
    # The names of each folder's files of one extension, by stem without a language.
    seen: dict[tuple[Path, str], dict[str, set[str]]] = field(default_factory=dict)

    def site_of(self, path: Path) -> HugoSite | None:
        """The site `path` (resolved) is in: the innermost, as a theme may hold a site of
        its own (`themes/x/exampleSite/`)."""
        holding = [site for site in self.sites if path.is_relative_to(site.root)]
        return max(holding, key=lambda site: len(site.root.parts), default=None)

    def content_folder(self, path: Path) -> ContentFolder | None:
        """The language folder `path` (resolved) is in: the innermost, as `content/` may
        hold `content/fr/`."""
        site = self.site_of(path)
        holding = (
            [each for each in site.folders if path.is_relative_to(each.folder)] if site else []
        )
        return max(holding, key=lambda each: len(each.folder.parts), default=None)

    def file_language(self, path: Path) -> tuple[str, str | None]:
        """A file's stem without the language Hugo reads in it, and that language:
        `bridge.fr.md` is the French `bridge`, `index.pt-br.md` a bundle's in Brazilian
        Portuguese, when the site's config lists `fr` and `pt-br`. With no config known, a
        code of ISO 639-1, with the subtags Hugo's keys add (`zh-hans`), is a language in the
        name of a bundle's `index.fr.md`, or of a file beside the same name in no language
        or another (`bridge.md`, `bridge.de.md`): `intro.to.md` alone is not in Tonga."""
        base, _, suffix = path.stem.rpartition(".")
        site = self.site_of(path.resolve())
        if base and site is not None and site.languages is not None:
            key = suffix.lower()
            return (base, site.languages[key]) if key in site.languages else (path.stem, None)
        found = _FILE_LANGUAGE.fullmatch(path.stem)
        if found is None or not is_iso_639_1(found.group(2)):
            return path.stem, None
        if base not in ("index", "_index") and not self._beside(path, base) - {suffix}:
            return path.stem, None
        return base, suffix

    def disabled_language(self, path: Path) -> str | None:
        """The language of the document `path` (resolved) when its site's config disables
        it, by its file name (`bridge.de.md`) or its language's own folder (`content/de/`)."""
        site = self.site_of(path)
        if site is None or not site.disabled:
            return None
        suffix = path.stem.rpartition(".")[2].lower()
        # With a config not read, the languages are not all known, but a disabled one is.
        named = site.disabled if site.languages is None else site.languages
        if "." in path.stem and suffix in named:
            return suffix if suffix in site.disabled else None  # the name's language decides
        folder = self.content_folder(path)
        return (folder.lang or folder.key) if folder is not None and folder.disabled else None

    def _beside(self, path: Path, base: str) -> set[str]:
        """The languages of the files named `base` in the folder of `path` ("" for none)."""
        key = (path.parent, path.suffix)
        if key not in self.seen:
            names: dict[str, set[str]] = {}
            with contextlib.suppress(OSError):
                for each in path.parent.iterdir():
                    if each.suffix == path.suffix:
                        found = _FILE_LANGUAGE.fullmatch(each.stem)
                        stem, lang = (
                            (found.group(1), each.stem.rpartition(".")[2])
                            if found
                            else (each.stem, "")
                        )
                        names.setdefault(stem, set()).add(lang)
            self.seen[key] = names
        return self.seen[key].get(base, set())


_FILE_LANGUAGE = re.compile(r"(.+)\.([a-z]{2})((?:-[a-z0-9]{2,8})*)")


def hugo_sites(sources: Sequence[Path], notes: list[str]) -> HugoSites:
    """The Hugo sites the files and folders `sources` (resolved) are in, and those inside
    the folders (a folder of sites, `~/sites`, holds `~/sites/blog/hugo.toml`). A config that
    cannot be read is passed over, with a line in `notes`."""
    roots: set[Path] = set()
    for source in sources:
        if source.is_dir():
            roots.update(_roots_below(source))
            # The folder imported is read even when it is the home folder: it was named.
            if _is_root(source):
                roots.add(source)
                continue
        start = source if source.is_dir() else source.parent
        above = next((each for each in _folders_up(start) if _is_root(each)), None)
        if above is not None:
            roots.add(above)
    return HugoSites([_site_at(root, notes) for root in sorted(roots)])


def _is_root(folder: Path, named: Path | None = None) -> bool:
    # A folder with content/ and no config is a site's root too: Hugo looks in none above.
    # But not one in the content/ of a site, which is a section named `content`.
    if _config_files(folder):
        return True
    return (folder / "content").is_dir() and not _in_site_content(folder, named)


def _in_site_content(folder: Path, named: Path | None = None) -> bool:
    """Whether `folder` is, or is inside, the `content/` folder of a site with a config, up to
    the folder `named` to import, the home folder too. (In a site with none, it makes no
    difference: neither site's config gives a language.)"""
    return any(
        inner.name == "content" and bool(_config_files(outer))
        for inner, outer in itertools.pairwise(_folders_up(folder, named))
    )


def _roots_below(start: Path) -> Iterator[Path]:
    """The folders inside `start` holding a Hugo site's config, or its `content/` alone
    (hidden ones left out, as import leaves out their documents, and so is a site's
    configuration directory)."""
    for folder, subfolders, _ in os.walk(start):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        # A site of content/ alone counts as it does above a folder named, so that the same
        # entries come of naming any folder around it.
        configured = bool(_config_files(Path(folder)))
        if folder != str(start) and (configured or _is_root(Path(folder), start)):
            yield Path(folder)
        if configured:
            # config/production/hugo.toml is this site's, not that of a site in config/.
            subfolders[:] = [name for name in subfolders if name != "config"]


# The folders `hugo new site` makes: a config.toml beside none of them is not Hugo's.
_SITE_FOLDERS = ("content", "layouts", "themes", "archetypes")
# A repository's root: a site is not in a folder above it.
_REPOSITORY_MARKS = (".git", ".hg")


def _folders_up(start: Path, named: Path | None = None) -> Iterator[Path]:
    """`start` (resolved) and the folders above it, where the root of the Hugo site it is in
    may be: up to the root of its repository, and never the home folder or one above it, as
    an unrelated `~/config.yaml` is no site's, not even for a file named in the home folder;
    but up to the folder `named` to import when that is the home folder (or one above it),
    as its config is then read: a folder in its `content/` is its section."""
    home = _home()
    for folder in (start, *start.parents):
        named_below = named is not None and folder.is_relative_to(named)
        if home is not None and (folder == home or folder in home.parents) and not named_below:
            return
        yield folder
        if any((folder / mark).exists() for mark in _REPOSITORY_MARKS):
            return


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):  # no HOME, and no user entry to take it from
        return None


def _config_files(root: Path) -> list[Path]:
    """A site's config files, the one that decides first: its `hugo.toml` (or `config.toml`,
    ...), then those of its configuration directory, `config/production/` and
    `config/_default/`, where `languages.toml` holds the `[languages]` table alone. A
    `config.toml` (`.yaml`, `.json`) counts only beside a folder of a Hugo site, `content/` or
    `layouts/`: the name is common."""
    here = [root / name for name in HUGO_CONFIGS if (root / name).is_file()][:1]
    if here and here[0].stem == "config" and not _has_site_folder(root):
        here = []
    # Hugo builds in its production environment: config/production/ over config/_default/.
    for split in (root / "config" / "production", root / "config" / "_default"):
        for names in (HUGO_CONFIGS, _LANGUAGES_FILES):
            here.extend([split / name for name in names if (split / name).is_file()][:1])
    return here


def _has_site_folder(root: Path) -> bool:
    return any((root / name).is_dir() for name in _SITE_FOLDERS)


_LANGUAGES_FILES = ("languages.toml", "languages.yaml", "languages.yml", "languages.json")


def _site_at(root: Path, notes: list[str]) -> HugoSite:
    files = _config_files(root)
    settings: dict[str, object] = {}
    languages: dict[str, dict[str, object]] = {}  # each language's options, merged
    told = ""  # the file the languages are from
    unread = len(notes)
    for config in reversed(files):  # the first decides: read it last
        read = _read_config(config, notes)
        if config.stem == "languages":
            read = {"languages": read}
        for key, options in _lowercase_keys(read.pop("languages", None)).items():
            languages.setdefault(key.lower(), {}).update(_lowercase_keys(options))
            told = config.relative_to(root).as_posix()
        settings.update(read)
    settings["languages"] = languages
    default = str(settings.get("defaultcontentlanguage") or "en").lower()
    # A site that lists no languages has one, its defaultContentLanguage.
    listed = languages or {default: {}}
    tags = {key: _language_of(key, value) for key, value in listed.items()}
    known = bool(files) and len(notes) == unread  # else a language may be in what was not read
    folders = _folders_of(root, settings, told, default)
    return HugoSite(root, tuple(folders), tags if known else None, _disabled(settings))


def _disabled(settings: dict[str, object]) -> frozenset[str]:
    """The keys of the languages Hugo does not publish: `disableLanguages = ['de']`, or
    `disabled = true` under `[languages.de]`."""
    listed = settings.get("disablelanguages")
    keys = {str(key).lower() for key in listed} if isinstance(listed, list) else set()
    languages = _lowercase_keys(settings.get("languages"))
    keys.update(
        key for key, value in languages.items() if _lowercase_keys(value).get("disabled") is True
    )
    return frozenset(keys)


def _folders_of(
    root: Path, settings: dict[str, object], told: str, default: str
) -> list[ContentFolder]:
    languages = _lowercase_keys(settings.get("languages"))
    if not any("contentdir" in _lowercase_keys(value) for value in languages.values()):
        return []  # translation by file name, or one language: the folders say nothing
    shared = str(settings.get("contentdir") or "content")  # a language without its own
    found = []
    claimed: set[Path] = set()
    mounted: list[Path] = []  # the enabled languages' folders, which Hugo publishes
    disabled = _disabled(settings)
    # Hugo mounts a folder once, for the first of its languages in this order: a language
    # that shares a folder with one before it has none of its own.
    for key in sorted(languages, key=lambda key: _mount_order(key, languages, default, disabled)):
        options = _lowercase_keys(languages[key])
        written = str(options.get("contentdir") or shared).strip("/")
        lang = _language_of(key, options)
        folder = (root / written).resolve()
        if folder in claimed:
            continue
        claimed.add(folder)
        if key in disabled:
            # Hugo publishes nothing in it (disabled ones come last): its folder, its own or
            # `content/`, that no enabled language mounts is not published; one inside an
            # enabled language's is, as a section in that language (`content/de/` under
            # English's `content/` is published at /de/, in English: so hugo v0.111 does).
            if not any(folder.is_relative_to(each) for each in mounted):
                found.append(ContentFolder(folder, lang, key, written, told, False, disabled=True))
            continue
        mounted.append(folder)
        if lang is not None or "contentdir" in options:
            # A folder of its own in no language still holds its documents out of the one
            # around it (`content/` of English), which is not theirs.
            found.append(ContentFolder(folder, lang, key, written, told, key == default))
    return found


def _mount_order(
    key: str, languages: dict[str, object], default: str, disabled: frozenset[str]
) -> tuple[bool, bool, bool, int, str]:
    """Where Hugo puts a language when it mounts content folders: the default first, then
    by weight (0, or none, last), then by key; a disabled one it leaves out, so after all."""
    weight = _lowercase_keys(languages[key]).get("weight")
    try:
        number = int(weight) if isinstance(weight, int | float | str) else 0
    except ValueError:  # `weight = 'heavy'`, which Hugo reads as 0
        number = 0
    return (key in disabled, key != default, number == 0, number, key)


def _read_config(config: Path, notes: list[str]) -> dict[str, object]:
    try:
        text = config.read_text(encoding="utf-8")
        if config.suffix == ".toml":
            data: object = tomllib.loads(text)
        elif config.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError, RecursionError) as error:
        # TOMLDecodeError and JSONDecodeError are ValueErrors.
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        notes.append(
            f"{display_path(config)}: not read ({reason}), so the languages of its content "
            "folders are not known: give each entry a lang: if it needs one"
        )
        return {}
    return _lowercase_keys(data)


def _lowercase_keys(value: object) -> dict[str, object]:
    """A table of Hugo's config, whose keys Hugo reads in any case (`contentDir`)."""
    if not isinstance(value, dict):
        return {}
    return {str(key).lower(): item for key, item in value.items()}


def _language_of(key: str, options: dict[str, object]) -> str | None:
    """The language of a `[languages.KEY]` table: its key, which Hugo reads as a language tag
    (`fr`, `pt-br`), else its `languageCode`; None when neither is one."""
    for tag in (key, options.get("languagecode")):
        lowered = tag.lower() if isinstance(tag, str) else ""
        if _TAG_SHAPE.fullmatch(lowered) and is_iso_639_1(lowered.partition("-")[0]):
            return lowered
    return None


# A language and its subtags: the whole key, as a key `fr-/../x` names the entry's file.
_TAG_SHAPE = re.compile(r"[a-z]{2}(?:-[a-z0-9]{1,8})*")


# Pelican's settings file is Python: only a plain assignment of a string is read, never run.
_PLAIN_SETTING = r"""^{name}\s*=\s*(['"])([^'"\\\n]*)\1\s*(?:#.*)?$"""
_LANGUAGE_CODE = re.compile(r"[A-Za-z0-9_-]+")
# Where Pelican publishes a translation, ARTICLE_LANG_URL (saved at ARTICLE_LANG_SAVE_AS).
_TRANSLATION_URLS = ("ARTICLE_LANG_URL", "ARTICLE_LANG_SAVE_AS")
PELICAN_TRANSLATION_URL = "{slug}-{lang}.html"  # Pelican's own, for both


@dataclass(frozen=True)
class PelicanDefault:
    """The language of a Pelican site's posts that are not translations, and where it
    publishes a translation."""

    lang: str
    said: str  # where it is from: "pelicanconf.py sets DEFAULT_LANG = 'fr'", or what was assumed
    translation_url: str = PELICAN_TRANSLATION_URL  # `{slug}-{lang}.html`
    # Where that is from: "ARTICLE_LANG_URL {slug}-{lang}.html, Pelican's own".
    translation_said: str = f"ARTICLE_LANG_URL {PELICAN_TRANSLATION_URL}, Pelican's own"


def pelican_default_lang(start: Path, known: dict[Path, PelicanDefault]) -> PelicanDefault:
    """DEFAULT_LANG of the `pelicanconf.py` in `start` or the nearest folder above it, as far
    as a Hugo config is looked for (the repository's root, short of the home folder), else
    Pelican's own, `en`, with its ARTICLE_LANG_URL (else ARTICLE_LANG_SAVE_AS). `known`
    keeps what each folder gave."""
    if start not in known:
        known[start] = _pelican_default_lang(start)
    return known[start]


def _pelican_default_lang(start: Path) -> PelicanDefault:
    # Not up to /: a pelicanconf.py far above (~/pelicanconf.py, /tmp/pelicanconf.py) is
    # another site's, and would make this site's posts translations or not.
    for folder in _folders_up(start):
        settings = folder / "pelicanconf.py"
        if settings.is_file():
            try:
                text = settings.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            lang = _plain_setting(text, "DEFAULT_LANG")
            found = _assumed(f"{display_path(settings)} sets it in no plain line")
            if lang is not None and _LANGUAGE_CODE.fullmatch(lang):
                found = PelicanDefault(
                    lang, f"{display_path(settings)} sets DEFAULT_LANG = '{lang}'"
                )
            return _with_translation_url(found, settings, text)
    return _assumed("no pelicanconf.py was found")


def _plain_setting(text: str, name: str) -> str | None:
    """The string a plain `NAME = 'value'` line of a pelicanconf.py gives NAME: the last, the
    one Python keeps."""
    found = re.findall(_PLAIN_SETTING.format(name=name), text, re.M)
    return found[-1][1] if found else None


def _with_translation_url(found: PelicanDefault, settings: Path, text: str) -> PelicanDefault:
    for name in _TRANSLATION_URLS:
        url = _plain_setting(text, name)
        if url:
            return replace(
                found,
                translation_url=url,
                translation_said=f"{name} {url} of {display_path(settings)}",
            )
    return found


def _assumed(why: str) -> PelicanDefault:
    return PelicanDefault(
        PELICAN_DEFAULT_LANG,
        f"DEFAULT_LANG assumed '{PELICAN_DEFAULT_LANG}', Pelican's own, as {why}",
    )
