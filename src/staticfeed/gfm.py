"""GitHub-flavoured Markdown to HTML through cmark-gfm, without leaking what it allocates.

cmarkgfm's `markdown_to_html_with_extensions` frees the parser but never the document tree
that `cmark_parser_finish` hands its caller, nor the buffer `cmark_render_html` returns (cmark's
API leaves both to the caller). For a 600-word entry that is about 44 KB left allocated per
call: a worker that rendered 5,000 entries held 225 MB more than when it started, and `serve`
grows with every rebuild. Here the same calls are made through cmarkgfm's own bindings, and the
two are freed with cmark-gfm's own `cmark_node_free` and allocator, which its compiled module
exports. If that module does not export them (another build of cmarkgfm), rendering falls back
to cmarkgfm's function, leak and all.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cffi
import cmarkgfm
from cmarkgfm import _cmark
from cmarkgfm import cmark as bindings

_DECLARATIONS = """
typedef struct {
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
} cmark_mem;
extern cmark_mem CMARK_DEFAULT_MEM_ALLOCATOR;
void cmark_node_free(void *node);
"""


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
    """cmark-gfm's own free functions, from the module cmarkgfm compiled."""

    ffi: Any
    lib: Any

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
                self.lib.cmark_node_free(self._pointer(root))
        finally:
            bindings.parser_free(parser)

    def _html(self, root: Any, options: int, extensions: Any) -> str:
        rendered = _cmark.lib.cmark_render_html(root, options, extensions)
        try:
            return str(_cmark.ffi.string(rendered).decode("utf-8"))
        finally:
            self.lib.CMARK_DEFAULT_MEM_ALLOCATOR.free(self._pointer(rendered))

    def _pointer(self, pointer: Any) -> Any:
        """A pointer of cmarkgfm's FFI as one of ours."""
        return self.ffi.cast("void *", int(_cmark.ffi.cast("uintptr_t", pointer)))


@functools.cache
def _freeing() -> _Freeing | None:
    try:
        ffi = cffi.FFI()
        ffi.cdef(_DECLARATIONS)
        lib = ffi.dlopen(_cmark.__file__)
        lib.cmark_node_free  # noqa: B018 (looked up now: a missing symbol raises here)
        lib.CMARK_DEFAULT_MEM_ALLOCATOR  # noqa: B018
    except (OSError, AttributeError):
        return None
    return _Freeing(ffi, lib)
