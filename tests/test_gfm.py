"""Markdown is rendered by cmark-gfm as cmarkgfm renders it, and the memory is given back."""

from __future__ import annotations

import random
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from staticfeed import gfm

EXTENSIONS = ["table", "strikethrough", "autolink"]
OPTIONS = Options.CMARK_OPT_UNSAFE
DOCUMENT = """\
# Notes from the week — «тиждень» 🎉

A paragraph with *emphasis*, `code`, ~~struck~~ text, https://example.org/auto and a
[relative link](../a.html "Title") and ![an image](img/x.png).

| day | état |
|---:|---|
| 1 | **done** |

- [ ] a task
- item with <span class="raw">raw HTML</span>

```python
print("ünïcode")
```

> quoted &amp; <em>emphasised</em>
"""


def cmarkgfm_html(markdown: str) -> str | type[Exception]:
    try:
        html: str = cmarkgfm.markdown_to_html_with_extensions(
            markdown, options=OPTIONS, extensions=EXTENSIONS
        )
    except (UnicodeDecodeError, ValueError) as error:
        return type(error)
    return html


def staticfeed_html(markdown: str) -> str | type[Exception]:
    try:
        return gfm.markdown_to_html(markdown, OPTIONS, EXTENSIONS)
    except (UnicodeDecodeError, ValueError) as error:
        return type(error)


def test_the_freeing_path_is_used_here() -> None:
    """CI's cmarkgfm exports cmark-gfm's free functions: the fallback is not what is tested."""
    assert gfm._freeing() is not None


def test_renders_what_cmarkgfm_renders() -> None:
    rng = random.Random(6)
    pieces = [*DOCUMENT.split(" "), "\n", "\n\n", "|", "&#xFFFE;", "\x00", "<div>", "*", "_"]
    documents = [DOCUMENT, "", "&#xFFFE;", "| a |\n|---|\n| b |\n"]
    documents += [" ".join(rng.choices(pieces, k=rng.randint(1, 60))) for _ in range(2000)]
    for markdown in documents:
        assert staticfeed_html(markdown) == cmarkgfm_html(markdown), repr(markdown)
    assert staticfeed_html(DOCUMENT) == cmarkgfm_html(DOCUMENT)
    assert "<table>" in str(staticfeed_html(DOCUMENT))
    assert staticfeed_html("&#xFFFE;") is UnicodeDecodeError  # as cmarkgfm: render.py handles it


def test_without_the_free_functions_cmarkgfm_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gfm, "_freeing", lambda: None)
    assert staticfeed_html(DOCUMENT) == cmarkgfm_html(DOCUMENT)


def resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_rendering_many_documents_gives_the_memory_back() -> None:
    """cmarkgfm's own function leaves the document tree and the HTML buffer allocated: about
    40 KB for a 600-word entry, so a worker or `serve` grew with every entry it rendered."""
    document = DOCUMENT * 12  # about 600 words
    staticfeed_html(document)
    before = resident_kib()
    for _ in range(3000):
        staticfeed_html(document)
    grown_mib = (resident_kib() - before) / 1024
    assert grown_mib < 20, f"{grown_mib:.0f} MiB more after 3,000 renderings"


RAW = """\
Intro with <span title="a &amp; &quot;b&quot;">inline</span> HTML.

<div class="box">
<p>block</p>
</div>

```
<div>in code: not raw HTML</div>
```

`<b>` in a code span, and an autolink <https://example.test/>.

| cell |
|---|
| <em>in a table</em> |
"""


def test_raw_html_is_each_piece_with_the_line_it_starts_on() -> None:
    assert gfm.raw_html(RAW, EXTENSIONS) == [
        (1, '<span title="a &amp; &quot;b&quot;">'),
        (1, "</span>"),
        (3, '<div class="box">\n<p>block</p>\n</div>\n'),
        (15, "<em>"),
        (15, "</em>"),
    ]
    assert gfm.sources(RAW, EXTENSIONS).in_prose == {0, 1, 3, 4}  # all but the <div> block
    assert gfm.raw_html("No HTML at all.\n", EXTENSIONS) == []


def test_without_cmark_gfm_functions_raw_html_is_the_whole_markdown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gfm, "_freeing", lambda: None)
    assert gfm.raw_html(RAW, EXTENSIONS) == [(1, RAW)]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux's /proc")
def test_finding_raw_html_gives_the_memory_back() -> None:
    document = RAW * 40
    gfm.raw_html(document, EXTENSIONS)
    before = resident_kib()
    for _ in range(3000):
        gfm.raw_html(document, EXTENSIONS)
    grown_mib = (resident_kib() - before) / 1024
    assert grown_mib < 20, f"{grown_mib:.0f} MiB more after 3,000 documents"


LINKS = """\
An ![image](a%20b.png "T") and [a link](notes.html#x&amp;y), <https://example.test/auto>.

`[not a link](code.html)`, and [a reference][1].

    [indented code](no.html)

[1]: ref.html
"""


def test_sources_give_each_link_and_image_with_its_line() -> None:
    found = gfm.sources(LINKS, EXTENSIONS)
    assert found.destinations == [
        (1, "image", "a%20b.png"),
        (1, "link", "notes.html#x&y"),
        (1, "link", "https://example.test/auto"),
        (3, "link", "ref.html"),
    ]
    assert found.raw_html == []
