"""Entry ids: stable tag URIs (RFC 4151) that survive edits, so no entry is delivered twice."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

# Unreserved characters and "/" stay as they are; everything else, non-ASCII included, is
# percent-encoded as UTF-8, so a slug is always a valid URI path and a valid file path.
_SLUG_SAFE = "/-._~"


class SlugError(ValueError):
    pass


_SLUG_MAX_CHARS = 80
_SLUG_MAX_BYTES = 160  # a file name may have 255 bytes; leave room for the suffix and more
_DROPPED = "'\u2019"  # apostrophes: "Aren't" gives "arent", not "aren-t"
# Names Windows gives to devices, with any suffix: a file `con.md` cannot be checked out there.
# It takes ¹, ² and ³ for digits too (`com¹`).
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [
        f"{name}{n}"
        for name in ("com", "lpt")
        for n in [*range(1, 10), "\u00b9", "\u00b2", "\u00b3"]
    ]
)


def slugify(name: str) -> str:
    """A file name from a name (an entry's title, by `new` and `import`): lowercase letters,
    digits and hyphens.

    Letters with accents become ASCII (`Café` → `cafe`, `Straße` → `strasse`), through Unicode's
    compatibility decomposition; letters with no ASCII form (`Україна`) stay as they are, and the
    entry's id percent-encodes them, as it does for any file name. Everything else (spaces,
    punctuation, emoji) separates words. A name with no letters or digits gives `entry`, and one
    Windows keeps for a device (`con`, `nul`) gets `-entry` after it.
    """
    pieces: list[str] = []
    for char in unicodedata.normalize("NFC", name.casefold()):
        if char not in _DROPPED:
            pieces += _slug_pieces(char, pieces[-1] if pieces else "-")
    slug = re.sub("-+", "-", "".join(pieces)).strip("-")
    if len(slug) > _SLUG_MAX_CHARS:
        cut = slug[:_SLUG_MAX_CHARS]
        slug = cut[: cut.rindex("-")] if "-" in cut else cut
    while len(slug.encode("utf-8")) > _SLUG_MAX_BYTES:
        slug = slug[:-1]
    slug = slug.strip("-") or "entry"
    return f"{slug}-entry" if slug in WINDOWS_DEVICES else slug


def _slug_pieces(char: str, before: str) -> list[str]:
    """What `char` of a name gives in its slug, after `before`."""
    plain = [c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)]
    if plain and all(c.isascii() for c in plain):
        return [c if c.isalnum() else "-" for c in plain]
    if char.isalpha():
        return [char]
    if any(c.isascii() and c.isalnum() for c in plain):  # ½ gives 1-2
        return [c if c.isascii() and c.isalnum() else "-" for c in plain]
    if char.isalnum():
        return [char]
    if unicodedata.category(char).startswith("M"):
        # A vowel sign of a script such as Devanagari stays with its letter; an accent NFC could
        # not join to an ASCII letter (casefold turns İ into i and U+0307) goes, as accents do.
        return [char] if not before.isascii() else []
    return ["-"]


def slug_from_path(relative: PurePosixPath) -> str:
    """The slug of a document: its path under entries/ without extension, lowercased."""
    return normalize_slug(str(relative.with_suffix("")))


def normalize_slug(raw: str) -> str:
    """`raw` as a slug, composed first (NFC, as URLs should be): macOS keeps file names
    decomposed ("e" and U+0301 for "é"), and the same document got another id and URL when
    it was built there."""
    text = unicodedata.normalize("NFC", raw.strip().strip("/").lower())
    slug = quote(text, safe=_SLUG_SAFE)
    segments = slug.split("/")
    if not slug or any(segment in ("", ".", "..") for segment in segments):
        raise SlugError(f"slug {raw!r} is not a usable path")
    return slug


def tag_uri(authority: str, slug: str) -> str:
    return f"tag:{authority}:{slug}"


def suggest_authority(site_url: str, oldest_year: int) -> str:
    host = urlsplit(site_url).hostname or "example.org"
    return f"{host},{oldest_year}"
