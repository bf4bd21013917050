"""Entry ids: stable tag URIs (RFC 4151) that survive edits, so no entry is delivered twice."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Iterable
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

from staticfeed import values

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


def suggest_authority(
    site_url: str, year: int | str, emails: Iterable[str | None] = ()
) -> str | None:
    """The tag URI authority (RFC 4151) to pin for a site: `host,year`, the host of
    `site_url` as ASCII (IDNA), when it is a domain name; else `email,year` with the first of
    the authors' `emails` that fits, the other kind RFC 4151 takes; None when none names
    anyone (`unowned_host`, `unfit_email`)."""
    host = site_host(site_url)
    if _not_a_domain(host) is None:
        return f"{host},{year}"
    fit = [email for email in emails if email is not None and unfit_email(email) is None]
    # Lower case, as RFC 4151 recommends: check warns about capitals in an authority.
    return f"{fit[0].lower()},{year}" if fit else None


def site_names_no_owner(site_url: str) -> bool:
    """Whether the host of `site_url` cannot be a tag URI's authority, so that init needs the
    author's email for it."""
    return _not_a_domain(site_host(site_url)) is not None


def no_owner(site_url: str, emails: Iterable[str | None]) -> str:
    """Why `site_url` (and `emails`) give no tag URI authority, as said to the user."""
    host = site_host(site_url)
    said = f"site_url's host {host!r} {_not_a_domain(host)}"
    for email in (email for email in emails if email is not None):
        said += f", and the author's email {email!r} {unfit_email(email)}"
    return said


def missing_authority_fix(
    site_url: str, year: int, emails: Iterable[str | None], prefix: str = ""
) -> str:
    """The fix for an id_authority missing from the config, which build and new need; `prefix`
    is what the config's keys are written after (`staticfeed.` for dotted keys under
    pyproject's `[tool]`)."""
    emails = list(emails)
    suggestion = suggest_authority(site_url, year, emails)
    if suggestion is None:
        add = (
            f'Add {prefix}id_authority = "<a domain name or an email address of yours>,{year}"'
            f" to the config ({no_owner(site_url, emails)})"
        )
    elif _not_a_domain(site_host(site_url)) is not None:
        add = (
            f'Add {prefix}id_authority = "{suggestion}" to the config, with the author\'s email'
            f" ({no_owner(site_url, [])})"
        )
    else:
        add = f'Add {prefix}id_authority = "{suggestion}" to the config'
    return (
        f"{add}. Pin it and never change it: every entry id is built from it, and a new value"
        " would make readers show every entry again."
    )


def site_host(site_url: str) -> str:
    """The host of `site_url` as a tag URI would hold it: ASCII (IDNA, as the feeds write
    it), in lower case, without the DNS root's dot (`example.org.` is `example.org`)."""
    try:
        host = urlsplit(values.as_uri(site_url)).hostname or ""
    except ValueError:  # a host IDNA cannot write: none, which unowned_host tells
        return ""
    return host.removesuffix(".")


def unowned_host(host: str) -> str | None:
    """Why `host` (a URL's, or the domain of a tag URI's authority) names no one a tag URI's
    ids could belong to, after "host 'x'"; None when it may be someone's. RFC 4151 takes a
    domain name or an email address its owner holds: an IP address is neither, though
    `192.0.2.1` passes its grammar, and nobody holds `localhost`."""
    labels = host.removesuffix(".").split(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return "is an IP address"
    if _NUMBER.fullmatch(labels[-1]):  # as browsers read a host: `127.1`, `0x7f.1`, `2001`
        return "ends in a number, as only an IP address does"
    if len(labels) < 2:
        return "is a name without a dot, which no one owns"
    return None


def _not_a_domain(host: str) -> str | None:
    """Why `host` cannot be a tag URI's authority: it names no one, or is not RFC 4151's
    DNSname (`my_host.example`); None when it can."""
    if (why := unowned_host(host)) is not None:
        return why
    if not all(_DNS_LABEL.fullmatch(label) for label in host.split(".")):
        return "is no domain name of ASCII letters, digits and hyphens between dots"
    return None


def unfit_email(email: str) -> str | None:
    """Why `email` cannot be a tag URI's authority, after "the email 'x'"; None when it can.
    RFC 4151's emailAddress has ASCII letters, digits, `.`, `-` and `_` before the `@`, and a
    domain name after it."""
    local, _, domain = email.rpartition("@")
    if not _EMAIL_LOCAL.fullmatch(local):
        return "has other than ASCII letters, digits, '.', '-' and '_' before its '@'"
    why = _not_a_domain(domain.lower())
    return None if why is None else f"has a domain that {why}"


# WHATWG's URL standard reads a host whose last label is a number as an IPv4 address.
_NUMBER = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*", re.ASCII)
_DNS_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", re.ASCII)
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9._-]+", re.ASCII)
