"""Code-highlighting tags of other site generators, as the Markdown fenced code blocks they
stand for: `{% highlight ruby %}` … `{% endhighlight %}` (Jekyll) and `{{< highlight go >}}` …
`{{< /highlight >}}` (Hugo). staticfeed expands no template code, and a reader would show
those tags as text around code that lost its line breaks."""

from __future__ import annotations

import re

_OPENING = re.compile(
    r"[ \t]*(?:\{%-?\s*highlight|\{\{[<%]\s*highlight)\s+(?P<language>[\w+#.-]+)"
    r"(?:\s[^%>}]*)?\s*(?:-?%\}|[>%]\}\})[ \t]*"
)
_CLOSING = re.compile(
    r"[ \t]*(?:\{%-?\s*endhighlight\s*-?%\}|\{\{[<%]\s*/\s*highlight\s*[>%]\}\})[ \t]*"
)
# Jekyll's {% raw %} … {% endraw %} only keeps Liquid from reading what is between: the page
# shows that as written, as staticfeed does without the tags.
_RAW = re.compile(r"\{%-?\s*(?:raw|endraw)\s*-?%\}")
_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_BACKTICKS = re.compile(r"`+")


def fenced(body: str) -> str:
    """`body` with each highlight block as a fenced code block in its language, and Jekyll's
    raw tags taken out, in code too: Liquid reads the whole file before Markdown does, and a
    raw tag is how a post shows Liquid in its code. Code is otherwise left as it is."""
    lines = body.split("\n")
    out: list[str] = []
    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        if fence is not None:
            if _closes(line, fence):
                fence = None
            out.append(_RAW.sub("", line))
        elif (opened := _FENCE.match(line)) is not None:
            fence = opened.group(1)
            out.append(line)
        elif (highlight := _OPENING.fullmatch(line)) is not None and (
            end := _closing_line(lines, index + 1)
        ) is not None:
            code = [_RAW.sub("", each) for each in lines[index + 1 : end]]
            out.extend(_fenced_code(highlight["language"], code))
            index = end
        else:
            out.append(_RAW.sub("", line))
        index += 1
    return "\n".join(out)


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a code block opened by `fence`: as many of its characters or more,
    and nothing after them (CommonMark)."""
    closing = _FENCE.fullmatch(line.rstrip(" \t"))
    return (
        closing is not None
        and closing.group(1)[0] == fence[0]
        and len(closing.group(1)) >= len(fence)
    )


def _closing_line(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if _CLOSING.fullmatch(lines[index]):
            return index
    return None


def _fenced_code(language: str, code: list[str]) -> list[str]:
    """`code` in a fence longer than any run of backticks in it."""
    longest = max((len(run) for line in code for run in _BACKTICKS.findall(line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}{language}", *code, fence]
