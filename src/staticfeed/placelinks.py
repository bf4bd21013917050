"""Links to a place in the entry itself (`[see](#notes)`) that no heading or element of the
entry has: they lead to the top of the entry's page, and a reader looks for the place in vain."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from urllib.parse import unquote

from staticfeed.gfm import Sources
from staticfeed.localfiles import references
from staticfeed.render import places_in


@dataclass(frozen=True)
class MissingPlace:
    """`url`, `#` and a fragment, written at `line` of the Markdown (1 for the first) in
    `what` (`the link`, `the <a href>`), naming no place of the entry; `near` is the id
    most like it, if one is."""

    line: int
    what: str
    url: str
    near: str | None = None


def missing_places(sources: Sources, markdown: str) -> list[MissingPlace]:
    """The links in `sources`, the Markdown `markdown`, to a place the entry does not have,
    once each, in order of line."""
    links: dict[str, MissingPlace] = {}
    for line, what, url in references(sources):
        if what in ("the link", "the <a href>") and _names_a_place(url) and url not in links:
            links[url] = MissingPlace(line, what, url)
    if not links:  # most entries: rendered again only for a link to a place
        return []
    places = places_in(markdown)
    missing = [
        replace(link, near=_nearest(_fragment(link.url), places))
        for link in links.values()
        if not _found(_fragment(link.url), places)
    ]
    return sorted(missing, key=lambda link: link.line)


def _fragment(url: str) -> str:
    """The fragment of `url` that names a place: without a text fragment's directive
    (`#notes:~:text=peace`), which browsers take apart to find the text."""
    return url[1:].partition(":~:")[0]


def _names_a_place(url: str) -> bool:
    # `#` alone (or before a text directive), and `#top` when no element has that id, are the
    # top of the page (HTML).
    return url.startswith("#") and _fragment(url).lower() not in ("", "top")


def _found(fragment: str, places: set[str]) -> bool:
    """Whether a browser finds the place: by the fragment as written, or percent-decoded."""
    return fragment in places or unquote(fragment) in places


def _nearest(fragment: str, places: set[str]) -> str | None:
    close = difflib.get_close_matches(unquote(fragment), sorted(places), n=1, cutoff=0.6)
    return close[0] if close else None
