"""Template code from other site generators in an entry: staticfeed expands none of it, so
readers see `{{< figure src="peak.jpg" >}}` or `{% include note.html %}` as written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from staticfeed.gfm import Sources

# Leftmost first, and Hugo's {{% … %}} before Liquid's {% … %}, which it holds.
_CODE = re.compile(
    r"(?P<hugo>\{\{[<%].*?[>%]\}\})"
    r"|(?P<liquid>\{%-?\s*[A-Za-z_].*?%\})"
    r"|(?P<variable>\{\{-?\s*[A-Za-z_$.][\w.$\[\]'\"]*\s*(?:\|[^{}]*)?-?\}\})"
)
_KINDS = {
    "hugo": "a Hugo shortcode",
    "liquid": "a Liquid tag (Jekyll)",
    "variable": "a template variable",
}
# A code span on a line of text: what is in it is shown as code (CommonMark: the same number of
# backticks opens and closes it).
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
# Pelican's links to other files of the site: [x]({filename}/post.md), ![x]({static}/a.png).
_PELICAN = re.compile(r"\{(?:filename|static|attach|index|tag|category|author)\}")
_SHOWN = 40
"""The longest code a warning quotes in full."""


@dataclass(frozen=True)
class TemplateCode:
    """Template code written at `line` of the Markdown (1 for the first), what kind it is, and
    how many more of that kind the entry holds."""

    line: int
    code: str
    kind: str
    more: int = 0


def template_code(markdown: str, sources: Sources) -> list[TemplateCode]:
    """The template code in `markdown` (whose `sources` these are) that readers would see as
    text, once per kind, in order of line. Code blocks and spans are left alone: what is in
    them is meant to be shown."""
    found: dict[str, list[tuple[int, str]]] = {}
    lines = markdown.split("\n")
    comments = _comments_among_text(sources)
    for line in sources.braced_lines:
        text = _CODE_SPAN.sub("", lines[line - 1]) if line <= len(lines) else ""
        for comment in comments.get(line, ()):
            text = text.replace(comment, "", 1)
        for match in _CODE.finditer(text):
            kind = _KINDS[str(match.lastgroup)]
            found.setdefault(kind, []).append((line, match.group()))
    for line, _, url in sources.destinations:
        if _PELICAN.match(url):
            found.setdefault("a Pelican link", []).append((line, url))
    each = [
        TemplateCode(places[0][0], _shortened(places[0][1]), kind, len(places) - 1)
        for kind, places in found.items()
    ]
    return sorted(each, key=lambda code: (code.line, code.kind))


def _comments_among_text(sources: Sources) -> dict[int, list[str]]:
    """The HTML comments of one line among text, by line: readers show nothing of them, though
    the line holds text with a brace (`Set {x} <!-- {{ site.url }} -->`)."""
    comments: dict[int, list[str]] = {}
    for index, (line, html) in enumerate(sources.raw_html):
        if index in sources.in_prose and html.startswith("<!--") and "\n" not in html:
            comments.setdefault(line, []).append(html)
    return comments


def _shortened(code: str) -> str:
    return code if len(code) <= _SHOWN else f"{code[: _SHOWN - 1]}…"
