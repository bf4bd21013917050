#!/usr/bin/env python3
"""Time the Markdown renderers staticfeed could use, on the benchmark corpus.

    python3 benchmarks/markdown_renderers.py [-n 10000] [--runs 3]

generates N entries with benchmarks/generate_corpus.py in a temporary folder, strips their
front matter (YAML between --- lines, TOML between +++ lines; documents without front matter
are used whole) and renders every body R times with each renderer that is installed:

- cmarkgfm, called the way staticfeed's render.py calls it (GFM table, strikethrough and
  autolink extensions, no tagfilter, raw HTML kept with CMARK_OPT_UNSAFE);
- markdown-it-py with its "gfm-like" preset (CommonMark + table + strikethrough + linkify,
  raw HTML on), or CommonMark + table + strikethrough when linkify-it-py is missing.

It prints, per renderer, the median seconds for all N bodies, microseconds per entry, the
ratio to the fastest and the HTML bytes written, then in how many bodies the two renderers'
HTML differs once whitespace is normalised, with one short example. It measures the
rendering call alone: reading files, front matter and staticfeed's HTML post-processing
are outside the timed loop. Only the standard library and the renderers are needed:

    python3 -m venv /tmp/mdbench/venv
    /tmp/mdbench/venv/bin/pip install cmarkgfm markdown-it-py linkify-it-py
    /tmp/mdbench/venv/bin/python benchmarks/markdown_renderers.py -n 10000 --runs 3
"""

from __future__ import annotations

import argparse
import difflib
import importlib.metadata
import importlib.util
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent / "generate_corpus.py"
FENCES = ("---", "+++")
# cmark-gfm writes &#xFFFE; and &#xFFFF; as bytes that are not UTF-8; render.py removes such
# references and renders again. The same fallback here keeps the call identical.
NONCHARACTER_REFERENCE = re.compile(r"&#(?:[xX]0{0,2}[fF]{3}[eEfF]|0{0,2}6553[45]);")


@dataclass(frozen=True)
class Renderer:
    name: str
    version: str
    render: Callable[[str], str]
    note: str


@dataclass(frozen=True)
class Result:
    renderer: Renderer
    seconds: list[float]
    output_bytes: int
    outputs: list[str]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def load_cmarkgfm() -> Renderer | str:
    """cmarkgfm with render.py's options, or why it cannot be used."""
    try:
        import cmarkgfm
        from cmarkgfm.cmark import Options
    except ImportError:
        return "cmarkgfm: not installed, skipped (pip install cmarkgfm)"
    extensions = ["table", "strikethrough", "autolink"]

    def cmark(markdown: str) -> str:
        return str(
            cmarkgfm.markdown_to_html_with_extensions(
                markdown, options=Options.CMARK_OPT_UNSAFE, extensions=extensions
            )
        )

    def render(markdown: str) -> str:
        try:
            return cmark(markdown)
        except UnicodeDecodeError:
            return cmark(NONCHARACTER_REFERENCE.sub("", markdown))

    note = "extensions table, strikethrough, autolink; CMARK_OPT_UNSAFE (as render.py)"
    return Renderer("cmarkgfm", importlib.metadata.version("cmarkgfm"), render, note)


def load_markdown_it() -> Renderer | str:
    """markdown-it-py set up as close to render.py's options as it gets."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return "markdown-it-py: not installed, skipped (pip install markdown-it-py)"
    if importlib.util.find_spec("linkify_it") is None:
        md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
        note = "commonmark + table + strikethrough, html; no linkify (pip install linkify-it-py)"
    else:
        md = MarkdownIt("gfm-like")
        note = "gfm-like preset: commonmark + table + strikethrough + linkify, html"
    version = importlib.metadata.version("markdown-it-py")
    return Renderer("markdown-it-py", version, md.render, note)


def generate_corpus(out: Path, count: int) -> None:
    command = [sys.executable, str(GENERATOR), str(out), "-n", str(count)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def strip_front_matter(text: str) -> str:
    """The body after a ---/+++ block at the top, or the whole document without one."""
    lines = text.split("\n")
    fence = lines[0].rstrip()
    if fence not in FENCES:
        return text
    for index in range(1, len(lines)):
        if lines[index].rstrip() == fence:
            return "\n".join(lines[index + 1 :])
    return text


def read_bodies(out: Path) -> list[str]:
    entries = out / "staticfeed" / "entries"
    paths = sorted(path for path in entries.rglob("*") if path.is_file())
    return [strip_front_matter(path.read_text(encoding="utf-8")) for path in paths]


def render_all(render: Callable[[str], str], bodies: list[str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    outputs = [render(body) for body in bodies]
    return time.perf_counter() - start, outputs


def measure(renderer: Renderer, bodies: list[str], runs: int) -> Result:
    seconds = []
    outputs: list[str] = []
    for _ in range(runs):
        elapsed, outputs = render_all(renderer.render, bodies)
        seconds.append(elapsed)
    size = sum(len(html.encode("utf-8")) for html in outputs)
    return Result(renderer, seconds, size, outputs)


def print_table(results: list[Result], count: int) -> None:
    fastest = min(result.median for result in results)
    header = ("renderer", "version", "median s", "us/entry", "x fastest", "output bytes", "runs s")
    rows = [header]
    for result in results:
        runs = " ".join(f"{value:.2f}" for value in result.seconds)
        rows.append(
            (
                result.renderer.name,
                result.renderer.version,
                f"{result.median:.3f}",
                f"{result.median / count * 1e6:.1f}",
                f"{result.median / fastest:.2f}",
                f"{result.output_bytes:,}",
                runs,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def normalise(html: str) -> str:
    """HTML with whitespace between tags removed and other runs of whitespace made one space."""
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def tag_lines(html: str) -> list[str]:
    return re.sub(r"><", ">\n<", html).split("\n")


def example_diff(first: Result, second: Result, left: str, right: str) -> list[str]:
    diff = difflib.unified_diff(
        tag_lines(left),
        tag_lines(right),
        first.renderer.name,
        second.renderer.name,
        n=0,
        lineterm="",
    )
    lines = [line for line in diff if not line.startswith("@@")]
    return [line if len(line) <= 100 else line[:97] + "..." for line in lines[:8]]


def compare(first: Result, second: Result) -> None:
    pairs = zip(first.outputs, second.outputs, strict=True)
    differing = [(left, right) for left, right in map(_normalised_pair, pairs) if left != right]
    total = len(first.outputs)
    print(
        f"\nHTML differs (whitespace normalised) between {first.renderer.name} and "
        f"{second.renderer.name} in {len(differing)} of {total} bodies."
    )
    if differing:
        print("First differing body, first changed lines:")
        for line in example_diff(first, second, *differing[0]):
            print(f"  {line}")


def _normalised_pair(pair: tuple[str, str]) -> tuple[str, str]:
    return normalise(pair[0]), normalise(pair[1])


def run(count: int, runs: int) -> int:
    renderers: list[Renderer] = []
    for loaded in (load_cmarkgfm(), load_markdown_it()):
        if isinstance(loaded, str):
            print(loaded)
        else:
            renderers.append(loaded)
    if not renderers:
        print("no renderer installed: nothing to measure")
        return 1
    with tempfile.TemporaryDirectory(prefix="mdbench-") as folder:
        generate_corpus(Path(folder), count)
        bodies = read_bodies(Path(folder))
    size = sum(len(body.encode("utf-8")) for body in bodies)
    print(f"Python {platform.python_version()}, {len(bodies)} bodies, {size:,} bytes of Markdown")
    print(f"{runs} runs per renderer, median reported")
    for renderer in renderers:
        print(f"  {renderer.name}: {renderer.note}")
    results = [measure(renderer, bodies, runs) for renderer in renderers]
    print()
    print_table(results, len(bodies))
    if len(results) >= 2:
        compare(results[0], results[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--entries", type=int, default=10000, help="number of entries")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per renderer")
    args = parser.parse_args(argv)
    if args.entries < 1 or args.runs < 1:
        parser.error("-n and --runs must be at least 1")
    return run(args.entries, args.runs)


if __name__ == "__main__":
    sys.exit(main())
