"""Links from one entry's document to another's: `[second](second.md)` in entries/2025/first.md
leads readers to the entry made of entries/2025/second.md (its `link`, or its page), not to a
`.md` file that staticfeed never publishes.

A link's target is found from its URL alone, against the linking document's path under the
entries folder, as GitHub and editors resolve it: no file is looked at, so no path out of the
folder (through `..` or a symbolic link) is ever followed; only a document a build read, by its
path, is an entry. Which documents an entry links to is found when it is parsed (and cached
with it), so that a build knows, before rendering anything, which entries' HTML depends on
which others' URLs. This module imports nothing heavy: it runs for every document parsed.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html import unescape
from urllib.parse import unquote, urljoin, urlsplit

from staticfeed.values import backslashes_as_slashes

DOCUMENT_SUFFIXES = (".md", ".markdown", ".txt")
"""The suffixes of the files under the entries folder that are documents (in any case)."""

# What a URL naming a document ends in, in any case: a body without it links to no document,
# and costs one search (9 us for the benchmark's 4.5 KB entries; with re.IGNORECASE, 12).
_SUFFIX = re.compile(
    r"\.(?:[mM](?:[dD]|[aA][rR][kK][dD][oO][wW][nN])|[tT][xX][tT])(?![A-Za-z0-9_])"
)


def target(document: str, url: str) -> tuple[str, str] | None:
    """The document path under the entries folder (NFC) that the relative `url`, written in
    the document at `document` (a POSIX path under the folder), names, and the URL's fragment;
    None for an absolute URL or one from the host's root, a URL with a query, a path that is
    not a document's, or one that leads out of the folder."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme or parts.netloc or parts.query or not parts.path or parts.path[0] == "/":
        return None
    # The suffix as written: `_SUFFIX`, which decides whether a body is searched for links at
    # all, finds no escaped one (`%2Emd`), alone or beside another link.
    if not parts.path.lower().endswith(DOCUMENT_SUFFIXES):
        return None
    path = unicodedata.normalize("NFC", unquote(parts.path))
    folder = posixpath.dirname(unicodedata.normalize("NFC", document))
    joined = posixpath.normpath(posixpath.join(folder, path))
    if joined == ".." or joined.startswith("../"):
        return None
    return joined, parts.fragment


def linked_documents(markdown: str, document: str) -> tuple[str, ...]:
    """The documents (`target`) the links of `markdown`, the body of the document at
    `document`, name: in Markdown and in raw HTML `<a href>`, sorted, once each."""
    if not _may_name_a_document(markdown):
        return ()
    # Only for a body that may name a document: these parse HTML and Markdown.
    from staticfeed import gfm
    from staticfeed.render import EXTENSIONS, parse_fragment

    found = gfm.sources(markdown, EXTENSIONS)
    urls = [url for _, kind, url in found.destinations if kind == "link"]
    for _, html in found.raw_html:
        if _SUFFIX.search(_as_read(html)):
            hrefs = [str(a.get("href")) for a in parse_fragment(html).iter("a") if a.get("href")]
            urls += map(backslashes_as_slashes, hrefs)  # as the build reads them
    return tuple(sorted({named[0] for named in _targets(document, urls)}))


def _may_name_a_document(markdown: str) -> bool:
    """Whether a link of `markdown` may name a document (`_may_be_link`)."""
    text = _as_read(markdown)
    return any(_may_be_link(text, found.start()) for found in _SUFFIX.finditer(text))


def _as_read(text: str) -> str:
    """`text` with its character references read, as Markdown and HTML read them in a URL:
    `second&#46;md` is `second.md`. Only a text with a `&` is copied."""
    return unescape(text) if "&" in text else text


def _may_be_link(markdown: str, at: int) -> bool:
    """Whether the suffix at `at` may end a link's destination, which follows a `]` (`](`,
    `]:`) or is an `href`, on its line or the line before: code that names files
    (`rglob('*.md')`, in 13% of the benchmark's entries) is then not parsed for links."""
    line = markdown.rfind("\n", 0, at)
    before = markdown[markdown.rfind("\n", 0, max(line, 0)) + 1 : at]
    return "]" in before or "href" in before.lower()


def _targets(document: str, urls: Iterable[str]) -> Iterator[tuple[str, str]]:
    for url in urls:
        named = target(document, url)
        if named is not None:
            yield named


@dataclass(frozen=True)
class DocumentLinks:
    """What rendering needs to make an entry's links to documents lead to their entries: the
    entry's document (a POSIX path under the entries folder), and the URL of each entry it
    links to, by document."""

    document: str
    urls: Mapping[str, str]

    def url(self, href: str) -> str | None:
        """Where the relative `href` leads: the URL of the entry whose document it names, with
        the fragment it gives (in place of the URL's own); None when it names none. A `\\` in
        its path is a `/`, as the build reads one in raw HTML (a Markdown link's is `%5C`)."""
        named = target(self.document, backslashes_as_slashes(href) if "\\" in href else href)
        if named is None:
            return None
        url = self.urls.get(named[0])
        if url is None or not named[1]:
            return url
        return urljoin(url, "#" + named[1])

    def digest(self) -> str:
        """What the entry's HTML depends on besides its document: the URLs it links to."""
        pairs = "\n".join(f"{path}\t{url}" for path, url in sorted(self.urls.items()))
        return hashlib.sha256(pairs.encode("utf-8", "surrogatepass")).hexdigest()


def links_of(document: str, linked: Iterable[str], urls: Mapping[str, str]) -> DocumentLinks | None:
    """The `DocumentLinks` of the entry at `document` that links to the documents `linked`,
    with `urls` the URL of every entry that has one, by document; None when it links to none."""
    known = {path: urls[path] for path in linked if path in urls}
    return DocumentLinks(document, known) if known else None


def document_path(relative: str) -> str:
    """A document's path under the entries folder as links name it: in NFC, as a file name
    that macOS stores decomposed is linked to composed."""
    return unicodedata.normalize("NFC", relative)
