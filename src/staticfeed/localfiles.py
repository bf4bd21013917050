"""Relative URLs in an entry that name a file beside its document: readers resolve them against
the site instead, and staticfeed publishes the feeds and pages, not the files in entries/."""

from __future__ import annotations

import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from staticfeed import gfm, media
from staticfeed.config import Config
from staticfeed.doclinks import DOCUMENT_SUFFIXES
from staticfeed.gfm import Sources
from staticfeed.render import (
    EXTENSIONS,
    URL_ATTRIBUTES,
    blank_url,
    elements_with_urls,
    parse_fragment,
    readable_descriptors,
    srcset_candidates,
    srcset_src,
)
from staticfeed.values import backslashes_as_slashes


@dataclass(frozen=True)
class LocalFile:
    """A relative URL written at `line` of the Markdown (1 for the first), in `what` (`the
    image`, `the <img srcset>`), that names `file`, a file beside the document, or a folder
    beside it (`folder`)."""

    line: int
    what: str
    url: str
    file: Path
    folder: bool = False


def local_files(
    sources: Sources, document: Path, within: Path, *, folders: bool = False
) -> list[LocalFile]:
    """The relative URLs in `sources`, the Markdown of `document`, that name a file in the
    folder `within` (entries/, say), or with `folders` a folder there too, once each, in order
    of line. A URL that leads out of it, through `..` or a symbolic link, names nothing here;
    nor does one that names the document's own folder or a folder holding it (`./`)."""
    root = within.resolve()
    found: dict[str, LocalFile] = {}
    for line, what, url in references(sources):
        if url in found:
            continue
        named = _file_named(as_built(what, url), document.parent, root, folders)
        if named is not None:
            found[url] = LocalFile(line, what, url, *named)
    return sorted(found.values(), key=lambda local: local.line)


def site_files(markdown: str, config: Config) -> frozenset[Path]:
    """The files of the project that the relative links and images of `markdown`, the body of
    an entry without a link, name on the site: `img/map.png` is site_url + `img/map.png`, the
    project's `img/map.png`, as for an `image:`. Never a document or the config, which the
    site does not publish (a link to a document leads to its entry's page)."""
    urls = [as_built(what, url) for _, what, url in references(body_sources(markdown))]
    config_file = config.path.resolve()
    return frozenset(
        path
        for path in media.project_files(urls, config)
        if not _is_private(path, path.resolve(), config_file)
    )


def _is_private(path: Path, resolved: Path, config_file: Path) -> bool:
    """Whether a file a body names is a document or the config, by its name or, for a link
    (`img/map.png` to `entries/draft.md`), by the file it leads to."""
    names = (path.name.lower(), resolved.name.lower())
    return any(name.endswith(DOCUMENT_SUFFIXES) for name in names) or resolved == config_file


def body_sources(markdown: str) -> Sources:
    """The links, images and raw HTML of `markdown`, as the build renders it."""
    return gfm.sources(markdown, EXTENSIONS)


def references(sources: Sources) -> Iterator[tuple[int, str, str]]:
    """(line, what, URL) of each link and image, in Markdown and in raw HTML."""
    for line, kind, url in sources.destinations:
        yield line, f"the {kind}", url
    for line, html in sources.raw_html:
        for element in elements_with_urls(parse_fragment(html)):
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if value is None:
                    continue
                if attribute == "srcset":
                    urls = [url for url, _ in srcset_candidates(value)]
                else:
                    urls = [value.strip()]
                for url in urls:
                    here = _line_of(url, element, attribute, html, line)
                    yield here, f"the <{element.tag} {attribute}>", url


def _line_of(url: str, element: etree._Element, attribute: str, html: str, line: int) -> int:
    """The line of the Markdown that `url`, in `attribute` of `element` in `html`, an HTML block
    at `line`, is written on: a block spans lines, and its text may hold the URL too, before
    the tag (`<figcaption>map.png</figcaption>` before `<img src="map.png">`). The attribute's
    own line when the URL is not there as written (`map&#46;png`)."""
    start = _tag_start(element, html)
    written = re.compile(rf"(?<![\w:-]){re.escape(attribute)}\s*=", re.IGNORECASE)
    value = written.search(html, start)
    start = value.end() if value else start
    found = html.find(url, start)
    return line + html.count("\n", 0, found if found >= 0 else start)


# What ends a tag's name in HTML: a space (as HTML counts them), a `/` or the `>`.
_AFTER_TAG_NAME = frozenset((" ", "\t", "\n", "\r", "\f", "/", ">"))


def _tag_start(element: etree._Element, html: str) -> int:
    """Where the start tag of `element` begins in `html`, 0 when it is not found: libxml2 gives
    the line the tag ends on (`sourceline`), so the last `<` and the tag's name up to there."""
    within = element.sourceline
    if not isinstance(within, int) or not isinstance(element.tag, str):
        return 0
    # Searched back from the end of that line, as each URL of a block of thousands of images
    # is: a search from the block's start for each was quadratic in `check`.
    rest = html.split("\n", within)
    end = len(html) - len(rest[-1]) if len(rest) > within else len(html)
    name = f"<{element.tag}"
    while (at := html.rfind("<", 0, end)) >= 0:
        after = html[at + len(name) : at + len(name) + 1]
        if html[at : at + len(name)].lower() == name and after in _AFTER_TAG_NAME:
            return at
        end = at
    return 0


def as_built(what: str, url: str) -> str:
    """`url`, as `references` found it in `what`, as the build reads it: a `\\` in the path
    of a URL in raw HTML is a `/` (a Markdown link's is `%5C`, a `\\` in the file's name)."""
    return backslashes_as_slashes(url) if what.startswith("the <") else url


def misread_srcsets(sources: Sources) -> Iterator[tuple[int, str, list[tuple[str, str]]]]:
    """(line, what, [(URL, descriptors)]) of each srcset with images whose descriptors HTML
    cannot read, as a space ends their URL: `café 1.png 1x` is the URL `café`, then `1.png 1x`,
    and browsers skip that image (staticfeed reads it as HTML does, for an `<img>`'s `src` too).
    One srcset at a time, at the line of its first such image: the author fixes them together."""
    for line, html in sources.raw_html:
        if "srcset" not in html.lower():
            continue  # most HTML: parsed for nothing
        for element in parse_fragment(html).iter():
            srcset = element.get("srcset")
            candidates = srcset_candidates(srcset) if srcset else []
            misread = [each for each in candidates if not readable_descriptors(each[1])]
            if misread:
                here = _line_of(misread[0][0], element, "srcset", html, line)
                yield here, f"the <{element.tag} srcset>", misread


def empty_sources(sources: Sources) -> Iterator[tuple[int, str]]:
    """(line, what) of each image, video or audio in `sources` written with an empty `src` or
    `poster` (`![todo]()`, `![todo](&#32;)`: `blank_url`), which the build leaves out: but for
    an <img> with a srcset, whose `src` comes from that; and of each <img> with no `src` whose
    srcset offers empty URLs alone (`%20 1x`), which the build leaves out too, leaving no
    picture."""
    for line, kind, url in sources.destinations:
        if kind == "image" and blank_url(url):
            yield line, "the image"
    for line, html in sources.raw_html:
        for element in elements_with_urls(parse_fragment(html)):
            for attribute in _empty_attributes(element):
                # An HTML block spans lines: the element's own, as lxml counts them.
                within = element.sourceline
                here = line + within - 1 if isinstance(within, int) else line
                yield here, f"the <{element.tag} {attribute}>"


def _empty_attributes(element: etree._Element) -> Iterator[str]:
    """The attributes of `element` whose empty URL leaves it without its picture."""
    srcset = element.get("srcset")
    for attribute in ("src", "poster"):
        value = element.get(attribute)
        if value is None or not blank_url(value):
            continue
        if attribute == "src" and srcset is not None and srcset_src(srcset) is not None:
            continue
        yield attribute
    if element.tag != "img" or element.get("src") is not None or srcset is None:
        return
    if all(blank_url(url) for url, _ in srcset_candidates(srcset)):
        yield "srcset"  # else one it has is the src, or one browsers skip (reader-html)


def _file_named(url: str, folder: Path, root: Path, folders: bool) -> tuple[Path, bool] | None:
    """The file under `root` that `url` names relative to `folder`, if there is one, or with
    `folders` the folder, if it does not hold `folder`; and whether it is a folder. None for
    a URL of spaces alone (`%20`), which the build reads as empty: the entry itself."""
    if blank_url(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    candidate = folder / unquote(parts.path)
    try:
        # One stat for the many URLs that name nothing; resolving (a stat per folder) only
        # for the few that do.
        mode = candidate.stat().st_mode
        is_folder = folders and stat.S_ISDIR(mode)
        if not (stat.S_ISREG(mode) or is_folder):
            return None
        file = candidate.resolve()
        if is_folder and folder.resolve().is_relative_to(file):
            return None  # `./`, `../`: where the document is, not beside it
    except (OSError, RuntimeError, ValueError):
        return None
    return (file, is_folder) if file.is_relative_to(root) else None
