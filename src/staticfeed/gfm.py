"""GitHub-flavoured Markdown to HTML through cmark-gfm, without leaking what it allocates.

cmarkgfm's `markdown_to_html_with_extensions` frees the parser but never the document tree
that `cmark_parser_finish` hands its caller, nor the buffer `cmark_render_html` returns (cmark's
API leaves both to the caller). For a 600-word entry that is about 44 KB left allocated per
call: a worker that rendered 5,000 entries held 225 MB more than when it started, and `serve`
grows with every rebuild. Here the same calls are made through cmarkgfm's own bindings, and the
two are freed with cmark-gfm's own `cmark_node_free` and allocator, which its compiled module
exports. They are looked up with ctypes: declaring them to cffi parses C with pycparser, 20 ms
at the first entry a process renders, a sixth of a rebuild after one edit. If that module does
not export them (another build of cmarkgfm), rendering falls back to cmarkgfm's function, leak
and all.

The same module's XML renderer gives where each piece of raw HTML starts in the Markdown.
"""

from __future__ import annotations

import ctypes
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import unescape

import cmarkgfm
from cmarkgfm import _cmark
from cmarkgfm import cmark as bindings

_Free = Callable[[int], None]
_RenderXml = Callable[[int, int], int]
# Raw HTML in cmark-gfm's XML, which escapes its text with &amp; &lt; &gt; and &quot;: found by
# a pattern, a tenth of the time parsing the whole XML took.
_RAW_HTML = re.compile(r'<html_(block|inline) sourcepos="(\d+):[^"]*"[^>]*>([^<]*)</html_')
_DESTINATION = re.compile(r'<(link|image) sourcepos="(\d+):[^"]*" destination="([^"]*)"')
# Text shown as text (not code) that holds a brace: where template code would be.
_BRACED_TEXT = re.compile(r'<text sourcepos="(\d+):[^"]*"[^>]*>[^<]*\{')
_QUOTE = {"&quot;": '"'}


class _Allocator(ctypes.Structure):
    """cmark-gfm's `cmark_mem`: calloc, realloc and free."""

    _fields_ = [
        ("calloc", ctypes.c_void_p),
        ("realloc", ctypes.c_void_p),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    ]


def markdown_to_html(markdown: str, options: int, extensions: Sequence[str]) -> str:
    """What cmarkgfm.markdown_to_html_with_extensions gives, with the memory given back.
    UnicodeDecodeError when cmark-gfm writes bytes that are not UTF-8."""
    freeing = _freeing()
    if freeing is None:
        html: str = cmarkgfm.markdown_to_html_with_extensions(
            markdown, options=options, extensions=list(extensions)
        )
        return html
    return freeing.render(markdown, options, extensions)


@dataclass(frozen=True)
class _Freeing:
    """cmark-gfm's own free functions, from the module cmarkgfm compiled, called with the
    address a pointer of cmarkgfm's FFI holds."""

    node_free: _Free
    free: _Free
    render_xml: _RenderXml

    def render(self, markdown: str, options: int, extensions: Sequence[str]) -> str:
        parser, root = self._parse(markdown, options, extensions)
        try:
            return self._html(root, options, bindings.parser_get_syntax_extensions(parser))
        finally:
            self._release(parser, root)

    def xml(self, markdown: str, extensions: Sequence[str]) -> str:
        """cmark-gfm's XML of `markdown`, with the source position of every node."""
        # Parsed as staticfeed renders it (render.OPTIONS), with where each node starts.
        lib = _cmark.lib
        options = lib.CMARK_OPT_UNSAFE | lib.CMARK_OPT_FOOTNOTES | lib.CMARK_OPT_SOURCEPOS
        parser, root = self._parse(markdown, options, extensions)
        try:
            rendered = self.render_xml(_address(root), options)
        finally:
            self._release(parser, root)
        try:
            return ctypes.string_at(rendered).decode("utf-8", "replace")
        finally:
            self.free(rendered)

    def _parse(self, markdown: str, options: int, extensions: Sequence[str]) -> tuple[Any, Any]:
        """A parser with `extensions` attached, and the document tree it made of `markdown`:
        give both to `_release`. (Not a context manager: that made rendering 3% slower.)"""
        bindings.core_extensions_ensure_registered()
        found = [bindings.find_syntax_extension(name) for name in extensions]
        if any(extension is None for extension in found):
            raise ValueError(f"unknown cmark-gfm extension in {extensions}")
        parser = bindings.parser_new(options=options)
        parsed = False
        try:
            for extension in found:
                bindings.parser_attach_syntax_extension(parser, extension)
            bindings.parser_feed(parser, markdown)
            root = bindings.parser_finish(parser)
            if _cmark.lib.cmark_node_get_type(root) == _cmark.lib.CMARK_NODE_NONE:
                raise ValueError("cmark-gfm could not parse the Markdown")  # as cmarkgfm does
            parsed = True
            return parser, root
        finally:
            if not parsed:
                bindings.parser_free(parser)

    def _release(self, parser: Any, root: Any) -> None:
        try:
            self.node_free(_address(root))
        finally:
            bindings.parser_free(parser)

    def _html(self, root: Any, options: int, extensions: Any) -> str:
        rendered = _cmark.lib.cmark_render_html(root, options, extensions)
        try:
            return str(_cmark.ffi.string(rendered).decode("utf-8"))
        finally:
            self.free(_address(rendered))


@dataclass(frozen=True)
class Sources:
    """Where a document's Markdown refers to other things, each after the line it starts on
    (1 for the first): its raw HTML (an HTML block, or one tag in a paragraph), the URL of
    each link and image written in Markdown, with "link" or "image", and the lines with text
    outside code that holds a `{`, where template code would be."""

    raw_html: list[tuple[int, str]]
    destinations: list[tuple[int, str, str]]
    braced_lines: list[int] = field(default_factory=list)
    in_prose: frozenset[int] = frozenset()
    """Which pieces of `raw_html`, by index, are a tag among text (cmark's html_inline: in a
    paragraph, a heading or a table cell), where text Markdown reads as a tag comes from,
    rather than an HTML block."""
    parsed: bool = True
    """False without cmark-gfm's own functions: `raw_html` is then the whole Markdown."""


def sources(markdown: str, extensions: Sequence[str]) -> Sources:
    """`Sources` of `markdown` as cmark-gfm parses it: HTML or a link shown in code is not one.
    Without cmark-gfm's own functions, the whole Markdown is one piece of raw HTML (HTML shown
    in code is then in it too), and no link or line of text is found."""
    freeing = _freeing()
    if freeing is None:
        return Sources([(1, markdown)], [], parsed=False)
    xml = freeing.xml(markdown, extensions)
    braced = sorted({int(line) for line in _BRACED_TEXT.findall(xml)}) if "{" in markdown else []
    raw = _RAW_HTML.findall(xml)
    return Sources(
        [(int(line), unescape(text, _QUOTE)) for _, line, text in raw],
        [(int(line), kind, unescape(url, _QUOTE)) for kind, line, url in _DESTINATION.findall(xml)],
        braced,
        frozenset(index for index, (kind, *_) in enumerate(raw) if kind == "inline"),
    )


def raw_html(markdown: str, extensions: Sequence[str]) -> list[tuple[int, str]]:
    """The raw HTML of `sources`."""
    return sources(markdown, extensions).raw_html


def _address(pointer: Any) -> int:
    return int(_cmark.ffi.cast("uintptr_t", pointer))


@functools.cache
def _freeing() -> _Freeing | None:
    try:
        library = ctypes.CDLL(_cmark.__file__)
        node_free = library.cmark_node_free  # a missing symbol raises here
        allocator = _Allocator.in_dll(library, "CMARK_DEFAULT_MEM_ALLOCATOR")
        render_xml = library.cmark_render_xml
    except (OSError, AttributeError, ValueError):
        return None
    node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
    render_xml.argtypes, render_xml.restype = [ctypes.c_void_p, ctypes.c_int], ctypes.c_void_p
    return _Freeing(node_free, allocator.free, render_xml)
