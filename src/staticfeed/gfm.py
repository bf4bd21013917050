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
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import cmarkgfm
from cmarkgfm import _cmark
from cmarkgfm import cmark as bindings

_Free = Callable[[int], None]


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

    def render(self, markdown: str, options: int, extensions: Sequence[str]) -> str:
        bindings.core_extensions_ensure_registered()
        found = [bindings.find_syntax_extension(name) for name in extensions]
        if any(extension is None for extension in found):
            raise ValueError(f"unknown cmark-gfm extension in {extensions}")
        parser = bindings.parser_new(options=options)
        try:
            for extension in found:
                bindings.parser_attach_syntax_extension(parser, extension)
            bindings.parser_feed(parser, markdown)
            root = bindings.parser_finish(parser)
            if _cmark.lib.cmark_node_get_type(root) == _cmark.lib.CMARK_NODE_NONE:
                raise ValueError("cmark-gfm could not parse the Markdown")  # as cmarkgfm does
            try:
                return self._html(root, options, bindings.parser_get_syntax_extensions(parser))
            finally:
                self.node_free(_address(root))
        finally:
            bindings.parser_free(parser)

    def _html(self, root: Any, options: int, extensions: Any) -> str:
        rendered = _cmark.lib.cmark_render_html(root, options, extensions)
        try:
            return str(_cmark.ffi.string(rendered).decode("utf-8"))
        finally:
            self.free(_address(rendered))


def _address(pointer: Any) -> int:
    return int(_cmark.ffi.cast("uintptr_t", pointer))


@functools.cache
def _freeing() -> _Freeing | None:
    try:
        library = ctypes.CDLL(_cmark.__file__)
        node_free = library.cmark_node_free  # a missing symbol raises here
        allocator = _Allocator.in_dll(library, "CMARK_DEFAULT_MEM_ALLOCATOR")
    except (OSError, AttributeError, ValueError):
        return None
    node_free.argtypes, node_free.restype = [ctypes.c_void_p], None
    return _Freeing(node_free, allocator.free)
