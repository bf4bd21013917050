"""Entry ids: stable tag URIs (RFC 4151) that survive edits, so no entry is delivered twice."""

from __future__ import annotations

import unicodedata
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

# Unreserved characters and "/" stay as they are; everything else, non-ASCII included, is
# percent-encoded as UTF-8, so a slug is always a valid URI path and a valid file path.
_SLUG_SAFE = "/-._~"


class SlugError(ValueError):
    pass


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
