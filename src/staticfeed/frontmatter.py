"""Split a document into its front matter (YAML between ---, or TOML between +++) and its body."""

from __future__ import annotations

import contextlib
import difflib
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Protocol, TypeGuard

import yaml

from staticfeed.dates import DateError, next_day_midnight, parse_date
from staticfeed.text import REMOVED_MARK, shorten, unfit_character, with_removed_marked
from staticfeed.values import (
    BARE_KEY,
    SHOWN,
    WrittenFloat,
    WrittenInt,
    key_named,
    quoted,
    written_date,
)


class FrontMatterError(ValueError):
    def __init__(self, message: str, fix: str, line: int | None) -> None:
        self.message = message
        self.fix = fix
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class Document:
    """A document's metadata (empty when it has no front matter) and its body."""

    metadata: dict[str, object]
    key_lines: dict[str, int]
    body: str
    body_line: int
    has_front_matter: bool
    written: dict[str, object] = field(default_factory=dict)
    """How the author wrote each value that YAML read as something other than text (`1:20` is
    the number 80 to YAML 1.1, `3.10` the number 3.1, `yes` true), by key: its source, or for a
    list each item's (text items as they are). What to quote is then what the author wrote."""
    cut: dict[str, str] = field(default_factory=dict)
    """Each unquoted text value followed by a comment on its line (`title: Fix for issue #12`
    is "Fix for issue" to YAML), by key: the value and the comment, as written."""
    toml: bool = False
    """Whether the front matter is TOML (between `+++` lines): a fix is written in its language."""


# libyaml's C parser when it is installed: same safety as safe_load, several times faster.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RepeatedKey(yaml.constructor.ConstructorError):
    """A key given twice in a mapping in a value (the front matter's own keys are checked
    before)."""


class _OnceEachKey(yaml.constructor.SafeConstructor):
    """Refuses a key given twice in one mapping (`authors: [{name: A, name: B}]`), which YAML
    reads as the last, dropping the first without a word."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        written = node.value  # flatten_mapping takes the merge keys (<<) out of this list
        mapping = yaml.constructor.SafeConstructor.construct_mapping(self, node, deep)
        # A merged key may be given again (that is what a merge is for), but none twice as
        # written; their count alone vouches for most mappings, which merge nothing.
        if len(mapping) < len(written) or node.value is not written:
            self._refuse_repeats(written)
        return mapping

    def _refuse_repeats(self, pairs: list[tuple[yaml.Node, yaml.Node]]) -> None:
        firsts: dict[object, yaml.Node] = {}
        for key_node, _ in pairs:
            first = firsts.setdefault(self.construct_object(key_node), key_node)
            if first is not key_node:
                raise _RepeatedKey(
                    None,
                    first.start_mark,
                    f"{key_node.value} is given twice in one mapping",
                    key_node.start_mark,
                )


class _Loader(_OnceEachKey, _SafeLoader):  # type: ignore[valid-type,misc]
    """Safe YAML that leaves timestamps as text, so one date module applies the time zone."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    """An explicit `!!timestamp` stays text too, for the same date rules."""
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _int_as_written(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """A whole number; one written long or otherwise than in decimal (`0xFF`), a WrittenInt,
    for a message to quote as written: a fix that quoted "255" changed an author's name."""
    number: int = loader.construct_yaml_int(node)
    written = len(node.value) > SHOWN or node.value != str(number)
    return WrittenInt(number, node.value) if written else number


_Loader.add_constructor("tag:yaml.org,2002:int", _int_as_written)


def _float_as_written(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    """A number with a fraction or an exponent; one written otherwise than str() writes it
    (`3.10`, `1e3`), a WrittenFloat, for a message to quote as written: in a mapping, such as an
    author's `name: 3.10`, which `Document.written` does not hold, the fix quoted "3.1"."""
    number: float = loader.construct_yaml_float(node)
    return WrittenFloat(number, node.value) if node.value != str(number) else number


_Loader.add_constructor("tag:yaml.org,2002:float", _float_as_written)


class _PureLoader(_OnceEachKey, yaml.SafeLoader):
    """The pure-Python parser, for the escapes libyaml refuses (see _parse_yaml)."""


_PureLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_PureLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_PureLoader.add_constructor("tag:yaml.org,2002:int", _int_as_written)
_PureLoader.add_constructor("tag:yaml.org,2002:float", _float_as_written)

# libyaml refuses a lone surrogate escape such as "\ud800"; the pure-Python parser reads it, and
# the entry reader then removes it with a warning, like any other character XML cannot carry.
_REFUSED_ESCAPE = "found invalid Unicode character escape code"


_FENCES = {"---": "yaml", "+++": "toml"}

KEYS = (
    "title",
    "date",
    "updated",
    "authors",
    "author",
    "summary",
    "tags",
    "id",
    "slug",
    "link",
    "draft",
    "lang",
    "image",
    "enclosures",
    "review",
)
"""The front matter's keys: the build refuses any other, and a line of one indented into a
mapping belongs at the start of its line (see _misindented_error)."""

# An escape of half a surrogate pair, which libyaml refuses: "\ud800", "\U0000dfff".
_SURROGATE_ESCAPE = re.compile(r"(\\u|\\U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")


def _surrogate_pairs_joined(value: Any) -> Any:
    """`value` with each pair of surrogate escapes as the one character it stands for: JSON,
    which YAML 1.2 includes, writes a character beyond the BMP so ("\\ud83d\\udc99" is 💙),
    and the pure-Python parser reads each escape on its own. A lone one stays, to be removed."""
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if isinstance(value, list):
        return [_surrogate_pairs_joined(item) for item in value]
    if isinstance(value, dict):
        return {key: _surrogate_pairs_joined(item) for key, item in value.items()}
    return value


def split(text: str, *, names_only: bool = True) -> Document:
    """`text`'s front matter and body. With `names_only`, a YAML key that is not text (`1:`,
    `~:`, `yes:`) is an error; `import` passes False, to take what it can of another tool's
    post."""
    lines = text.split("\n")
    closing = _closing_fence(lines)
    if closing is None:
        return Document({}, {}, text, 1, has_front_matter=False)
    source = "\n".join(lines[1:closing])
    body = "\n".join(lines[closing + 1 :])
    if _FENCES[lines[0].rstrip()] == "yaml":
        metadata, key_lines, written, cut = _parse_yaml(source, names_only=names_only)
    else:
        metadata, key_lines, written, cut = _parse_toml(source)
    return Document(
        metadata,
        key_lines,
        body,
        closing + 2,
        has_front_matter=True,
        written=written,
        cut=cut,
        toml=_FENCES[lines[0].rstrip()] == "toml",
    )


@dataclass(frozen=True)
class ItemLines:
    """Where an item of a list is written: its line, and the line of each key of a mapping
    item (an author's `email:`) below it. Only for an error."""

    line: int
    fields: dict[str, int] = field(default_factory=dict)

    def of(self, name: str | None) -> int:
        """The line of the key `name` of the item, else the item's own."""
        return self.fields.get(name, self.line) if name is not None else self.line


def item_lines(text: str, key: str) -> list[ItemLines]:
    """Where each item of the list `key` holds in `text`'s front matter, which `split` has
    read, is written: an item of a flow list on that list's line, an item of a TOML array on
    the line it begins on; none for a key holding no list. TOML's tables (`[[authors]]`) are at
    their headers. A mapping `key` holds (`author:` with `name:` and `email:` below) is one
    item at the key's line. Worked out only for an error: `split` does not keep where each
    value was."""
    lines = text.split("\n")
    closing = _closing_fence(lines)
    if closing is None:
        return []
    source = "\n".join(lines[1:closing])
    if _FENCES[lines[0].rstrip()] != "yaml":
        try:
            data = tomllib.loads(source)
        except (tomllib.TOMLDecodeError, RecursionError):
            return []  # as `split` found it: no list is read there
        return toml_list_item_lines(source, key, _toml_key_lines(source, data).get(key), first=2)
    node = _composed(source, _SafeLoader) or _composed(source, yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    line_of = _line_finder(source)
    found = next(((name, value) for name, value in node.value if name.value == key), None)
    if found is not None and isinstance(found[1], yaml.MappingNode):
        return [ItemLines(line_of(found[0].start_mark), _field_lines(found[1], line_of))]
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return []
    return [
        ItemLines(line_of(item.start_mark), _field_lines(item, line_of)) for item in found[1].value
    ]


def keys_caught_by_items(
    text: str, key: str, value: object, keys: Collection[str], fields: Collection[str] = ()
) -> list[tuple[str, str, FrontMatterError]]:
    """Each of `keys` (the front matter's) that `text`'s front matter puts in an item of `key`
    (which holds `value`) by a slip of layout, as written and as meant, and its error: written
    below a `[[key]]` or `[key]` table in TOML (`toml_keys_caught_by_table`), indented under
    `key:` in YAML. Each was an unknown key of the item ("unknown key 'authors.summary'. Remove
    it"). In TOML, so is a close misspelling of one of `keys` that is none of `fields`, the
    item's own keys."""
    lines = text.split("\n")
    closing = _closing_fence(lines)
    if closing is None:
        return []
    source = "\n".join(lines[1:closing])
    if _FENCES[lines[0].rstrip()] == "yaml":
        caught = _yaml_keys_indented(source, key, (keys, fields))
    else:
        caught = toml_keys_caught_by_table(source, key, value, (keys, fields), first=2)
    return [
        (name, _key_meant(name, keys, fields) or name, FrontMatterError(message, fix, line))
        for name, message, fix, line in caught
    ]


def _yaml_keys_indented(
    source: str, key: str, known: tuple[Collection[str], Collection[str]]
) -> list[tuple[str, str, str, int]]:
    """The key, what is wrong, how to fix it and the line, for each of the keys (the front
    matter's, then the mapping's own: `known`) written in a mapping of `key` over several
    lines: `summary:` as far in as an author's `name:`, and a close misspelling of one
    (`sumary:`, `_key_meant`), as in TOML. One in braces (`- {name: Ann, summary: x}`) is no
    slip of indentation, and stays an unknown key."""
    node = _composed(source, _SafeLoader) or _composed(source, yaml.SafeLoader)
    if not isinstance(node, yaml.MappingNode):
        return []
    found = next((value for name, value in node.value if name.value == key), None)
    listed = isinstance(found, yaml.SequenceNode)
    items = found.value if isinstance(found, yaml.SequenceNode) else [found]
    line_of = _line_finder(source)
    whole = "list" if listed else "mapping"
    caught = []
    for item in items:
        if not isinstance(item, yaml.MappingNode) or item.flow_style:
            continue
        for name, _ in item.value:
            meant = _key_meant(name.value, *known) if isinstance(name, yaml.ScalarNode) else None
            if meant is None:
                continue
            where = f"without indentation, above or below the {key} {whole}."
            fix = (
                f"Write the {meant} line {where}"
                if meant == name.value
                else f"Did you mean {meant!r}? Name it {meant} and write the line {where}"
            )
            what = f"an item of {key}" if listed else key
            message = f"{name.value} is indented under {key}: YAML reads it as a key of {what}"
            line = line_of(name.start_mark)
            caught.append((name.value, f"{message}, not of the front matter", fix, line))
    return caught


def _field_lines(node: yaml.Node, line_of: _LineOf) -> dict[str, int]:
    """The line of each key of the mapping `node` (none for another node), by its name."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(name.value): line_of(name.start_mark)
        for name, _ in node.value
        if isinstance(name, yaml.ScalarNode)
    }


def _composed(source: str, loader_class: type[yaml.SafeLoader]) -> yaml.Node | None:
    """The YAML `source` composed; None when `loader_class` cannot: libyaml refuses an escape
    of half a surrogate pair ("\\ud800"), which `_parse_yaml` reads with the pure-Python
    parser."""
    loader = loader_class(source)
    try:
        return loader.get_single_node()
    except (yaml.YAMLError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


def body_of(text: str) -> tuple[str, int]:
    """The body of `text`, as `split` finds it, and the line it starts on, without reading
    the front matter."""
    lines = text.split("\n")
    closing = _closing_fence(lines)
    if closing is None:
        return text, 1
    return "\n".join(lines[closing + 1 :]), closing + 2


def _closing_fence(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter; None without front matter."""
    fence = lines[0].rstrip() if lines else ""
    if fence not in _FENCES:
        if unopened := _unopened_error(lines):
            raise unopened
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == fence), None)
    if closing is None:
        raise _unclosed_error(lines, fence)
    if closing == 1 and _keys_then_fence(lines[2:], fence):
        # Opened twice: read as empty, its keys became the text ("no date").
        raise FrontMatterError(
            f"line 2 is a second {fence}, which closes the front matter opened on line 1 "
            "before its keys",
            f"Remove line 2: front matter opens with one {fence}.",
            2,
        )
    return closing


def _unclosed_error(lines: list[str], fence: str) -> FrontMatterError:
    """The error of front matter never closed: at the line meant to close it, when one nearly
    does (` ---`, `-:--`: one character more, or an invisible one), else at the opening line."""
    for number, line in enumerate(lines[1:], start=2):
        seen = _fence_like(line)
        one_more = len(seen) == len(fence) + 1
        if fence == "---" and seen == "...":  # YAML's end of a document, which Pandoc takes
            return FrontMatterError(
                f"line {number} is '...', which ends YAML front matter for Pandoc, but not "
                "here: the front matter opened on line 1 is never closed",
                f"Make line {number} --- alone.",
                number,
            )
        if seen == fence or (one_more and fence in (seen[:i] + seen[i + 1 :] for i in range(4))):
            return FrontMatterError(
                f"line {number} is {line.rstrip()!r}, not {fence} alone, so it does not close "
                "the front matter opened on line 1",
                f"Make line {number} {fence} alone.",
                number,
            )
    return FrontMatterError(
        f"the front matter opened by {fence} on line 1 is never closed",
        f"Add a line with {fence} after the metadata.",
        1,
    )


def _fence_like(line: str) -> str:
    """`line` without spaces and invisible characters (a zero-width space, a byte-order mark),
    for a line short enough to be a fence written with them; "" for a longer one, which is
    passed over at once (the first line of every document without front matter is read)."""
    if len(line) > 16:
        return ""
    return "".join(c for c in line if not c.isspace() and unicodedata.category(c) != "Cf")


# A first line that looks like a key, below an opening fence: what front matter begins with.
_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*[:=]")


def _unopened_error(lines: list[str]) -> FrontMatterError | None:
    """The error of front matter that its first line fails to open, by a directive above the
    `---` (`%YAML 1.1`, which YAML allows there) or spaces or an invisible character around it:
    the document was read as one without front matter, the keys as its text ("no date found")."""
    if len(lines) > 1 and lines[0].startswith("%") and lines[1].rstrip() == "---":
        return FrontMatterError(
            f"{lines[0].rstrip()!r} comes before the --- that opens the front matter",
            "Remove the line: front matter starts with --- on the first line.",
            1,
        )
    fence = _fence_like(lines[0])
    if fence not in _FENCES:
        return _blank_lines_above(lines) or _fences_miscounted(lines)
    if not _keys_then_fence(lines[1:], fence):
        return None
    return FrontMatterError(
        f"line 1 is {lines[0]!r}, not {fence} alone, so it does not open the front matter",
        f"Make line 1 {fence} alone.",
        1,
    )


def _blank_lines_above(lines: list[str]) -> FrontMatterError | None:
    """The error of front matter below blank lines (a template's, an editor's), which only the
    document's first line opens: it was read as a document without front matter, its keys as
    text ("no date found"), the front matter that gives the date in plain view."""
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if not first or lines[first].rstrip() not in _FENCES:
        return None
    fence = lines[first].rstrip()
    if not _keys_then_fence(lines[first + 1 :], fence):
        return None
    blank = {1: "line 1 is", 2: "lines 1 and 2 are"}.get(first, f"lines 1 to {first} are")
    return FrontMatterError(
        f"{blank} blank, so the {fence} on line {first + 1} does not open the front matter",
        f"Remove the blank {'line' if first == 1 else 'lines'} above it: front matter starts "
        f"with {fence} on the first line.",
        1,
    )


def _fences_miscounted(lines: list[str]) -> FrontMatterError | None:
    """The error of front matter between lines of two or four dashes or more (`--`, `----`),
    or of pluses, where a fence has three: one error for both lines."""
    written = lines[0].rstrip()
    if len(written) in (0, 1, 3) or set(written) not in ({"-"}, {"+"}):
        return None
    if not _keys_then_fence(lines[1:], written):
        return None
    fence = written[0] * 3
    closing = next(n for n, line in enumerate(lines[1:], start=2) if line.rstrip() == written)
    return FrontMatterError(
        f"lines 1 and {closing} are {written!r}, not {fence}, so they do not open and close "
        "the front matter",
        f"Make lines 1 and {closing} {fence} alone.",
        1,
    )


def _keys_then_fence(lines: list[str], fence: str) -> bool:
    """Whether `lines` begin, after blank lines, with a key and are closed by `fence` below
    it: front matter's keys, left outside it by a fence that failed to open it."""
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if first is None or not _KEY_LINE.match(lines[first]):
        return False
    return fence in (line.rstrip() for line in lines[first + 1 :])


_Parsed = tuple[dict[str, object], dict[str, int], dict[str, object], dict[str, str]]


def _parse_yaml(
    source: str, loader_class: type[yaml.SafeLoader] = _Loader, *, names_only: bool = True
) -> _Parsed:
    loader = loader_class(source)
    line_of = _line_finder(source)
    node = None
    try:
        if len(source) > _NESTING_CHECKED_AFTER:
            _refuse_deep_nesting(loader_class(source), line_of)
        node = loader.get_single_node()
        if node is None:
            return {}, {}, {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise _not_a_mapping(line_of(node.start_mark))
        key_lines = _yaml_key_lines(node, names_only, line_of)
        _refuse_run_on_items(source, node)
        if not names_only:
            _read_keys_as_written(node)
        data = loader.construct_document(node)
        if loader_class is _PureLoader:
            data = _surrogate_pairs_joined(data)
        _refuse_vast_values(data, key_lines)
    except _RepeatedKey as error:
        raise _repeated_key(error, line_of) from None
    except yaml.MarkedYAMLError as error:
        if error.problem == _REFUSED_ESCAPE and loader_class is not _PureLoader:
            try:
                return _parse_yaml(source, _PureLoader, names_only=names_only)
            except FrontMatterError as pure:
                if pure.line is not None:
                    raise
            # The pure-Python parser refuses it too, without a line ("\U00110000", past
            # Unicode, is chr()'s ValueError): libyaml's error has the line.
        if loader_class is _PureLoader:
            raise _invalid_beside_surrogates(source, error, line_of) from None
        raise _invalid_yaml(source, error, line_of) from None
    except yaml.reader.ReaderError as error:  # U+007F, which `import` leaves; `build` removes it
        raise _not_allowed(source, chr(error.character)) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"invalid YAML: {error}", "Fix the YAML syntax.", 2) from None
    except FrontMatterError:
        raise
    # A tag forcing a type on a value it does not fit (`!!int abc`, `!!bool maybe`: KeyError),
    # or the pure-Python parser's chr() on "\U00110000" (and on "\UFFFFFFFF", overflow).
    except (ValueError, OverflowError, KeyError) as error:
        raise _mistyped_error(loader_class, node, line_of) or FrontMatterError(
            f"invalid YAML: {error}", "Fix the YAML syntax.", None
        ) from None
    except RecursionError:  # the pure-Python composer, on nesting _refuse_deep_nesting allows
        raise _too_deep(None, None) from None
    finally:
        loader.dispose()
    return data, key_lines, _written(source, node, data), _cut(source, node)


# YAML 1.1 ends a line at U+2028, U+2029 and U+0085 too (`build` has made the last "…" by then),
# where editors and YAML 1.2 see a character: its marks count such lines.
_YAML_LINE_ENDS = re.compile("[\x85\u2028\u2029]")


class _Mark(Protocol):
    """A place in YAML: PyYAML's Mark, or libyaml's."""

    line: int
    index: int


_LineOf = Callable[[_Mark], int]


def refuse_kinds_changed(written: str, text: str) -> None:
    """Refuse a value of `text`'s YAML front matter that YAML reads otherwise in `written`, of
    which `text` is the build's reading, without the characters XML cannot carry or readers
    cannot show: `- <U+FDD0>0` is text as written, and the number 0 without it. Which the
    author meant is not known, and the error told would be of a value the line does not show."""
    lines = text.split("\n")
    try:
        closing = _closing_fence(lines)
    except FrontMatterError:
        return  # `split` tells it
    if closing is None or _FENCES[lines[0].rstrip()] != "yaml":
        return
    source = "\n".join(lines[1:closing])
    marked = "\n".join(with_removed_marked(written).split("\n")[1:closing])
    as_written, read = _either_composed(marked), _either_composed(source)
    if as_written is None or read is None:
        return  # `split` tells what cannot be read
    changed = _first_kind_changed(as_written, read)
    if changed is not None:
        raise _kind_changed(written.split("\n")[1:closing], marked, source, *changed)


def _either_composed(source: str) -> yaml.Node | None:
    return _composed(source, _Loader) or _composed(source, _PureLoader)


def _first_kind_changed(
    as_written: yaml.Node, read: yaml.Node
) -> tuple[yaml.Node, yaml.Node] | None:
    """The first value, in the order of the document, that YAML reads as another kind in
    `as_written` than in `read` (text, a number, a list), or that is only in one of them. A
    value that is empty in `read` is none: an empty value is told as such."""
    pending, seen = [(as_written, read)], set()
    while pending:
        written_node, read_node = pending.pop()
        # An alias is the node it names: each pair once, or a value that holds its own alias
        # would be walked without end, and a few lines of aliases for billions of values.
        if read_node.tag == "tag:yaml.org,2002:null" or (id(written_node), id(read_node)) in seen:
            continue
        seen.add((id(written_node), id(read_node)))
        if type(written_node) is not type(read_node) or written_node.tag != read_node.tag:
            return written_node, read_node
        if isinstance(written_node, yaml.ScalarNode):
            continue
        written_items, read_items = _children(written_node), _children(read_node)
        if len(written_items) != len(read_items):
            return written_node, read_node
        pending.extend(reversed(list(zip(written_items, read_items, strict=True))))
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return list(node.value)


def _kind_changed(
    written: list[str], marked: str, source: str, as_written: yaml.Node, read: yaml.Node
) -> FrontMatterError:
    """The error at the first removed character in the value `as_written`, which the build
    reads as `read` (see refuse_kinds_changed); `written` is the front matter's lines."""
    start, end = as_written.start_mark.index, as_written.end_mark.index
    at = marked.find(REMOVED_MARK, start, end + 1)
    at = at if at >= 0 else marked.find(REMOVED_MARK)  # one there is, for the kinds to differ
    line = marked.count("\n", 0, at)
    column = at - (marked.rfind("\n", 0, at) + 1)
    character = unfit_character(written[line][column:]) or f"U+{ord(REMOVED_MARK):04X}"
    kind = _KINDS.get(read.tag.rpartition(":")[2], "something other than text")
    shown = source[read.start_mark.index : read.end_mark.index]
    if isinstance(read, yaml.ScalarNode):
        what = f"{shown!r} as {kind}"
        fix = f"Remove the character, and put the value in quotes if it is text: {quoted(shown)}."
    else:
        what = f"{kind} here"
        fix = "Remove the character, or put the value in quotes if it is text."
    return FrontMatterError(
        f"{character}, makes this value text: without it, as the build reads the file, YAML "
        f"reads {what}",
        fix,
        line + 2,
    )


def _invalid_beside_surrogates(
    source: str, error: yaml.MarkedYAMLError, line_of: _LineOf
) -> FrontMatterError:
    """The error for YAML the pure-Python parser cannot read, which it reads for an escape of
    half a surrogate pair (a warning, not an error): as for the same front matter without that
    escape. The finders of the line at fault read with libyaml, which refuses the escape, and
    the two parsers word and place a problem apart (an unclosed [ ends on its last line for
    one, below it for the other): "not closed" became "invalid YAML" with the general fix."""
    masked = _SURROGATE_ESCAPE.sub(r"\g<1>0020", source)  # as long: the marks stay in place
    libyaml: type[yaml.SafeLoader] = _Loader
    loader = libyaml(masked)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as libyaml_error:
        return _invalid_yaml(masked, libyaml_error, line_of)
    except (yaml.YAMLError, ValueError, OverflowError):
        pass  # libyaml refuses another escape: the pure-Python parser's words, as before
    finally:
        loader.dispose()
    return _invalid_yaml(source, error, line_of)


def _line_finder(source: str) -> _LineOf:
    """The line of the file a mark in the front matter `source` is on (it starts on line 2)."""
    if source.isascii() or not ("\u2028" in source or "\u2029" in source or "\x85" in source):
        return lambda mark: mark.line + 2
    # YAML's count less those line ends, not a count of "\n": libyaml puts the end of the front
    # matter on the line below its last, and a line counted there must be counted here too.
    return lambda mark: mark.line + 2 - len(_YAML_LINE_ENDS.findall(source, 0, mark.index))


# Problems YAML finds only past the line at fault: a line without its `:` (found on the next
# line), a quote never closed (found at the end of the front matter).
_FOUND_PAST_ITS_LINE = ("could not find expected ':'", "found unexpected end of stream")


def _invalid_yaml(source: str, error: yaml.MarkedYAMLError, line_of: _LineOf) -> FrontMatterError:
    """The error for YAML that cannot be read, at the line at fault: where YAML finds a problem
    is often lines below it."""
    mark = error.problem_mark or error.context_mark
    if error.problem == _LIBYAML_TOO_DEEP:  # a reading that never reached _DEEPEST's check
        return _too_deep(None, line_of(mark) if mark else None)
    return (
        _line_end_error(source)
        or _marker_error(source, mark)
        or _tab_error(source, mark, line_of)
        or _anchor_error(source, error, line_of)
        or _unclosed_quote_error(source, error, line_of)
        or _begun_error(source, error, line_of)
        or _misindented_error(source, error, line_of)
        or _runaway_error(source, mark, error.problem or error.context, line_of)
        or _ended_error(source, error, line_of)
        or _first_value_error(source, line_of)
        or FrontMatterError(
            f"invalid YAML: {error.problem or error.context}",
            _YAML_FIX,
            line_of(mark) if mark else None,
        )
    )


_YAML_FIX = "Fix the YAML syntax; quote values that contain ': ' or '#'."


def _unclosed_quote_error(
    source: str, error: yaml.MarkedYAMLError, line_of: _LineOf
) -> FrontMatterError | None:
    """The error of a quote never closed, with no quote below it: YAML read the rest of the
    front matter as its text, and its words said to quote values, which it did."""
    mark = error.context_mark
    if error.context != "while scanning a quoted scalar" or mark is None:
        return None
    if error.problem != "found unexpected end of stream":
        return None
    quote = source[mark.index : mark.index + 1]
    return FrontMatterError(
        f"invalid YAML: the {quote} here is never closed, so YAML reads the rest of the front "
        "matter as its text",
        f"Close it with {quote} where the text ends.",
        line_of(mark),
    )


# libyaml 0.2.6 (PyYAML 6.0.4's wheels) stops at 1,000 levels, its scanner looking ahead of the
# events _refuse_deep_nesting counts.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _not_a_mapping(line: int) -> FrontMatterError:
    return FrontMatterError(
        "the front matter is not a list of `key: value` lines",
        "Write one `key: value` per line.",
        line,
    )


def _first_value_error(source: str, line_of: _LineOf) -> FrontMatterError | None:
    """The error at the first value when it is not a mapping (a `- item`, a text), which makes
    the front matter no `key: value` lines: YAML stumbles only on a later line, the first that
    does not go on with it (`title: x` below `- item`)."""
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(source, Loader=_Loader):
            if isinstance(event, yaml.NodeEvent):  # a value, or the start of a list or mapping
                if isinstance(event, yaml.MappingStartEvent) or event.start_mark is None:
                    return None
                return _not_a_mapping(line_of(event.start_mark))
    return None


def _marker_error(source: str, mark: _Mark | None) -> FrontMatterError | None:
    """The error at a directive (`%YAML 1.1`, which may only come before a `---`) or a `...`
    (the end of a document) above the problem YAML found on a line below it: it reads the
    lines after one as a new document, which must start with `---`."""
    marker = None
    with contextlib.suppress(yaml.YAMLError):
        for token in yaml.scan(source, Loader=_Loader):
            if mark is not None and token.start_mark.index > mark.index:
                break
            if isinstance(token, yaml.DirectiveToken | yaml.DocumentEndToken):
                marker = token
                break
    if marker is None:
        return None
    start = marker.start_mark.index
    written = source[start:].partition("\n")[0].rstrip()
    what = (
        "a YAML directive, which front matter cannot hold"
        if isinstance(marker, yaml.DirectiveToken)
        else "the end of a YAML document, so YAML cannot read the lines below it"
    )
    return FrontMatterError(
        f"invalid YAML: YAML reads {written!r} as {what}",
        "Remove the line.",
        source.count("\n", 0, start) + 2,
    )


# An anchor's or an alias's name, after its & or *.
_ANCHOR_NAME = re.compile(r"[&*]([^\s,\[\]{}]+)")


def _anchor_error(
    source: str, error: yaml.MarkedYAMLError, line_of: _LineOf
) -> FrontMatterError | None:
    """The error at an alias that names no anchor above it ("found undefined alias"), or at an
    anchor given twice (which said "second occurrence")."""
    found, begun = error.problem_mark, error.context_mark
    named = _ANCHOR_NAME.match(source, found.index) if found is not None else None
    if found is None or named is None:
        return None
    name = named.group(1)
    if error.problem == "found undefined alias":
        return FrontMatterError(
            f"invalid YAML: the alias *{name} names no anchor &{name} above it",
            f"Put &{name} before the value it stands for, above this line, or write the value.",
            line_of(found),
        )
    if "duplicate anchor" in (error.context or "") and begun is not None:
        return FrontMatterError(
            f"invalid YAML: the anchor &{name} is given twice (lines {line_of(begun)} and "
            f"{line_of(found)})",
            "Give each anchor a name of its own.",
            line_of(found),
        )
    return None


def _tab_error(source: str, mark: _Mark | None, line_of: _LineOf) -> FrontMatterError | None:
    """The error at a tab where YAML wants a space: in the indentation of a line ("found
    character that cannot start any token", "found a tab character that violates
    indentation"), or after a list's `-`. Editors show it as spaces."""
    if mark is None or source[mark.index : mark.index + 1] != "\t":
        return None
    start = source.rfind("\n", 0, mark.index) + 1
    indented = not source[start : mark.index].strip(" \t")
    return FrontMatterError(
        "invalid YAML: this line is indented with a tab, which YAML does not allow"
        if indented
        else "invalid YAML: YAML does not read the tab here as a space",
        "Indent it with spaces." if indented else "Write a space for the tab.",
        line_of(mark),
    )


def _ended_error(
    source: str, error: yaml.MarkedYAMLError, line_of: _LineOf
) -> FrontMatterError | None:
    """The error of front matter YAML reads as ending before its last line ("did not find
    expected <document start>" at the line after): at its first line when that is indented and
    the keys below are not, else at the last line YAML read."""
    found = error.problem_mark
    if found is None or "document start" not in (error.problem or ""):
        return None
    above = source[: found.index].split("\n")[:-1]  # lines as editors count them
    read = [
        (number, text)
        for number, text in enumerate(above, start=2)
        if text.strip() and not text.lstrip().startswith("#")
    ]
    if not read:
        return None
    first_line, first_text = read[0]
    if first_text[:1] in (" ", "\t"):
        return FrontMatterError(
            f"invalid YAML: this line is indented, and the keys below it, from line "
            f"{line_of(found)}, are not",
            "Start every key at the start of its line.",
            first_line,
        )
    return FrontMatterError(
        f"invalid YAML: YAML reads the front matter as ending on this line, and cannot read "
        f"line {line_of(found)} below it",
        _YAML_FIX,
        read[-1][0],
    )


_BRACKETS = {"while parsing a flow sequence": "[]", "while parsing a flow mapping": "{}"}


def _line_end_error(source: str) -> FrontMatterError | None:
    """The error at a U+2028 or U+2029 when that is what YAML stumbled on (`title: a<U+2028>b`
    reads as a key `b` without `:`)."""
    end = _YAML_LINE_ENDS.search(source)
    if end is None or not _parses(_YAML_LINE_ENDS.sub(" ", source)):
        return None
    character = end.group()
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")  # U+0085, a control character, has none
    return FrontMatterError(
        f"invalid YAML: YAML reads the character {f'{name} ({code})' if name else code} "
        "as the end of a line",
        "Remove it, or put the value in double quotes.",
        source.count("\n", 0, end.start()) + 2,
    )


def _begun_error(
    source: str, error: yaml.MarkedYAMLError, line_of: _LineOf
) -> FrontMatterError | None:
    """The error at the line where what YAML was reading began (its context), when YAML finds
    the problem only past it: a [ or { not closed on its line, a line without its `:`, a quote
    never closed (found at the end of the front matter)."""
    begun, found = error.context_mark, error.problem_mark
    brackets = _BRACKETS.get(error.context or "")
    if error.context == "while parsing a flow node":  # `tags: [` or `[a,` with nothing after
        bracket = _last_unclosed_bracket(source)
        if bracket is not None:
            begun, brackets = bracket.start_mark, _BRACKET_TOKENS[type(bracket)]
    if begun is None or found is None:
        return None
    if brackets is not None and line_of(found) > line_of(begun):
        return FrontMatterError(
            f"invalid YAML: the {brackets[0]} here is not closed before line {line_of(found)}, "
            f"where YAML finds: {error.problem}",
            f"Close it with {brackets[1]} where it ends, or quote a value holding {brackets[0]}.",
            line_of(begun),
        )
    if error.problem in _FOUND_PAST_ITS_LINE or found.index >= len(source.rstrip()):
        return FrontMatterError(
            f"invalid YAML: {error.problem} {error.context}", _YAML_FIX, line_of(begun)
        )
    return None


# What YAML says at a list item or a key indented unlike the ones beside it, often lines below.
_INDENTATION_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator")
_MAPPING_VALUE = "mapping values are not allowed in this context"
# The lines above where YAML stumbled that may be the one at fault.
_MISINDENTED_WITHIN = 4
# Each line is tried at each width in a front matter of at most this many characters: more
# than any has, and the tries take a fraction of a second.
_MISINDENTED_SOUGHT_UP_TO = 20_000


def _misindented_error(
    source: str, error: yaml.MarkedYAMLError, line_of: _LineOf
) -> FrontMatterError | None:
    """The error at the line indented unlike the list items or keys beside it: the one among
    the last lines YAML read that, indented as another line is, makes the front matter read.
    YAML finds the problem at the next item or key (`   - a` above `  - b` and `  - c`)."""
    found = error.problem_mark
    if found is None or error.problem not in (*_INDENTATION_PROBLEMS, _MAPPING_VALUE):
        return None
    if len(source) > _MISINDENTED_SOUGHT_UP_TO:
        return None
    lines = source.split("\n")
    stumbled = source.count("\n", 0, found.index)
    written = [i for i in range(stumbled, -1, -1) if lines[i].strip(" ")[:1] not in ("", "#")]
    indents = {_indent(line) for line in lines if line.strip(" ")}
    # An item's `- ` is two columns left of its keys below it.
    widths = indents | {width + step for width in indents for step in (-2, 2) if width + step >= 0}
    for i in written[:_MISINDENTED_WITHIN]:
        # The one that lines it up with the line above first, the key it is likely of; then
        # the nearest: another width may make the line a key of the front matter.
        line_up = _line_up_width(lines, i)
        for width in sorted(
            widths, key=lambda width: (width != line_up, abs(width - _indent(lines[i])), width)
        ):
            if width != _indent(lines[i]) and _reads_as_written(_moved(lines, i, width)):
                lined_up = width == line_up and width > 0  # `email:` of `name:`'s author
                if i == stumbled and error.problem == _MAPPING_VALUE and not lined_up:
                    return None  # a key indented below a value: _runaway_error says it better
                i, width = _likelier_slip(lines, i, width)
                like = _alike(lines, i, width)
                return FrontMatterError(
                    f"invalid YAML: this line is {_indented(_indent(lines[i]))}, unlike the "
                    "lines beside it in its list or mapping, so YAML cannot read them",
                    f"Make it {_indented(width)}"
                    + (f", as line {like + 2} is." if like is not None else "."),
                    i + 2,
                )
    return None


def _moved(lines: list[str], i: int, width: int) -> str:
    """The front matter `lines` with line `i` indented `width` spaces."""
    return "\n".join([*lines[:i], " " * width + lines[i].lstrip(" "), *lines[i + 1 :]])


def _written_above(lines: list[str], i: int) -> int | None:
    """The nearest line above line `i` that YAML reads: not blank, not a comment."""
    return next((j for j in range(i - 1, -1, -1) if lines[j].strip(" ")[:1] not in ("", "#")), None)


def _line_up_width(lines: list[str], i: int) -> int | None:
    """The indentation of the line above line `i`, of its kind (a list item or a key), which
    the two lines likely share: `  email:` below `    name:` is the author's. None for a key
    of the front matter (`  summary:` there), whose place is at the start of its line."""
    j = _written_above(lines, i)
    if j is None:
        return None
    item, above = lines[i].lstrip(" ").startswith("-"), lines[j].lstrip(" ")
    if not item and lines[i].strip(" ").split(":")[0].strip("\"' ") in KEYS:
        return None
    if above.startswith("-") and not item:  # a key of the item above: where its first one is
        first = _indent(lines[j]) + 1 + _indent(above[1:])
        return first if ":" in above else None
    return _indent(lines[j]) if above.startswith("-") == item else None


def _likelier_slip(lines: list[str], i: int, width: int) -> tuple[int, int]:
    """Of two lines under one key indented apart (`author:`, `    name: A`, `  email: x`),
    the one to fix, and its width: line `i`, lined up at `width` with the line above it, or
    that line, lined up with line `i` when only that line is indented unlike the file's other
    lines below a key (by 2 spaces when none are)."""
    j = _written_above(lines, i)
    if j is None or width != _indent(lines[j]):
        return i, width
    holder = _written_above(lines, j)
    if holder is None or _indent(lines[holder]) >= min(_indent(lines[i]), width):
        return i, width
    step = _indent_step(lines, (i, j))
    if (
        lines[holder].rstrip().endswith(":")
        and _indent(lines[i]) - _indent(lines[holder]) == step
        and width - _indent(lines[holder]) != step
        and _reads_as_written(_moved(lines, j, _indent(lines[i])))
    ):
        return j, _indent(lines[i])
    return i, width


def _indent_step(lines: list[str], apart: tuple[int, ...]) -> int:
    """How far the front matter `lines` indent a line below the key that holds it (`tags:`
    then `  - a`), the most often, leaving out the lines `apart`: 2 when no other line shows
    it. A key of a list item is placed by its `- `, not by a choice, and is not counted."""
    steps: Counter[int] = Counter()
    above: list[int] = []  # the lines that may hold the next, each indented more than the last
    for k, line in enumerate(lines):
        if line.strip(" ")[:1] in ("", "#"):
            continue
        while above and _indent(lines[above[-1]]) >= _indent(line):
            above.pop()
        holder = lines[above[-1]].lstrip(" ") if above else "-"
        if k not in apart and not holder.startswith("-"):
            steps[_indent(line) - _indent(lines[above[-1]])] += 1
        above.append(k)
    return max(sorted(steps), key=lambda step: steps[step], default=2)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indented(width: int) -> str:
    return "not indented" if width == 0 else f"indented {width} space{'s' * (width > 1)}"


def _alike(lines: list[str], i: int, width: int) -> int | None:
    """The nearest line to line `i` indented `width` spaces, of its kind (a list item or not)."""
    item = lines[i].lstrip(" ").startswith("-")
    alike = [
        j
        for j, line in enumerate(lines)
        if j != i
        and line.strip(" ")
        and _indent(line) == width
        and line.lstrip(" ").startswith("-") == item
    ]
    return min(alike, key=lambda j: abs(j - i), default=None)


def _reads_as_written(source: str) -> bool:
    """Whether `source` is YAML without a syntax error, and without a list item YAML reads as
    more of the one above it (see _run_on_items)."""
    try:
        for event in yaml.parse(source, Loader=_Loader):
            if isinstance(event, yaml.ScalarEvent) and _run_on_items(source, event):
                return False
    except yaml.YAMLError:
        return False
    return True


_BRACKET_TOKENS = {yaml.FlowSequenceStartToken: "[]", yaml.FlowMappingStartToken: "{}"}


def _last_unclosed_bracket(source: str) -> yaml.Token | None:
    """The last [ or { in `source` that nothing closes, where YAML's context, the end of the
    front matter, does not say where the value began."""
    opened: list[yaml.Token] = []
    try:
        for token in yaml.scan(source, Loader=_SafeLoader):
            if type(token) in _BRACKET_TOKENS:
                opened.append(token)
            elif isinstance(token, yaml.FlowSequenceEndToken | yaml.FlowMappingEndToken) and opened:
                opened.pop()
    except yaml.YAMLError:
        return None
    return opened[-1] if opened else None


def _runaway_error(
    source: str, mark: _Mark | None, problem: str | None, line_of: _LineOf
) -> FrontMatterError | None:
    """The error for a value YAML read over lines, up to the problem: at the line where it
    begins, or at its last line when that is indented, which is what made it part of the value
    (`date: 2025-01-01` and below it `  tags: [a]`)."""
    value = _runaway_value(source, mark)
    if value is None:
        return None
    first, last = line_of(value.start_mark), line_of(value.end_mark)
    if value.style in ('"', "'"):
        return FrontMatterError(
            f"invalid YAML: YAML reads the lines from here to line {last} as one quoted value, "
            f"and then finds: {problem}",
            "Close its quote on this line (a quote inside it is written \\\" or '').",
            first,
        )
    if source.split("\n")[last - 2][:1] in (" ", "\t"):
        return FrontMatterError(
            f"invalid YAML: YAML reads this line, indented, as more of the value on line {first}, "
            f"and then finds: {problem}",
            "Start its key at the start of the line, without the spaces before it.",
            last,
        )
    return FrontMatterError(
        f"invalid YAML: YAML reads the lines from here to line {last} as one value, and then "
        f"finds: {problem}",
        "End the value on this line: close the [ or { it opens, or give a key its :.",
        first,
    )


def _runaway_value(source: str, mark: _Mark | None) -> yaml.ScalarToken | None:
    """The value read just before the problem at `mark`, when it runs over lines: a quote
    never closed takes the lines below into the value, up to the next quote (`title: "Peace
    talks` and, lines down, `summary: "Two...`), and so does a [ never closed, or a first line
    without its `:`, up to the next `:`; YAML stumbles there."""
    if mark is None:
        return None
    before = None
    with contextlib.suppress(yaml.YAMLError):
        for token in yaml.scan(source, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                break
            before = token
    if isinstance(before, yaml.ScalarToken) and before.start_mark.line != before.end_mark.line:
        return before
    return None


def _refuse_run_on_items(source: str, node: yaml.Node) -> None:
    """Refuse a list item YAML reads as more of the value above it (see _run_on_items): the
    author wrote two items, and readers would show one."""
    run_on: list[tuple[list[int], yaml.ScalarNode]] = []
    pending, seen = [node], set()
    while pending:
        current = pending.pop()
        if id(current) in seen:  # an alias names a node again
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            if items := _run_on_items(source, current):
                run_on.append((items, current))
        elif isinstance(current, yaml.SequenceNode):
            pending += current.value
        elif isinstance(current, yaml.MappingNode):
            pending += [part for pair in current.value for part in pair]
    if run_on:
        raise _run_on_error(source, *min(run_on, key=lambda found: found[0]))


def _run_on_error(source: str, items: list[int], scalar: yaml.ScalarNode) -> FrontMatterError:
    """The error at the item indented unlike the others: the first one, when those YAML reads
    as more of it agree (`- a` above `  - b` and `  - c`), else the first of those."""
    begins = source.count("\n", 0, scalar.start_mark.index)
    lines = source.split("\n")
    if len(items) > 1 and len({_indent(lines[i]) for i in items}) == 1:
        return FrontMatterError(
            f"invalid YAML: this line is indented less than the items of the list below it, "
            f"from line {items[0] + 2}, so YAML reads them as more of this one "
            f"({scalar.value!r})",
            f"Make it {_indented(_indent(lines[items[0]]))}, as line {items[0] + 2} is.",
            begins + 2,
        )
    return FrontMatterError(
        f"invalid YAML: YAML reads this line, indented more than line {begins + 2} where its "
        f"value begins, as more of that value ({scalar.value!r}), not as an item of a list",
        "Indent every - of the list alike, or quote the value if the - is part of it.",
        items[0] + 2,
    )


def _run_on_items(source: str, scalar: yaml.ScalarNode | yaml.ScalarEvent) -> list[int]:
    """The index in `source` of each line of a plain `scalar` written over lines that starts
    with a `-`: YAML reads a list item indented more than the one above it as more of that one
    (`  - a` and below it `   - b` are one tag, "a - b")."""
    start, end = scalar.start_mark, scalar.end_mark
    if scalar.style or start is None or end is None or start.line == end.line:
        return []
    first = source.count("\n", 0, start.index)
    lines = source[start.index : end.index].split("\n")[1:]
    return [
        number
        for number, line in enumerate(lines, start=first + 1)
        if line.lstrip(" \t") == "-" or line.lstrip(" \t").startswith(("- ", "-\t"))
    ]


_TYPED = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool")


def _mistyped_error(
    loader_class: type[yaml.SafeLoader], node: yaml.Node | None, line_of: _LineOf
) -> FrontMatterError | None:
    """The error at the first value whose tag forces on it a type it does not fit (`!!int
    abc`): int() raised ValueError, which named no line, and `!!bool maybe` a KeyError."""
    loader = loader_class("")
    mistyped = []
    pending, seen = [node], set()
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:  # an alias names a node again
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode) and current.tag in _TYPED:
            try:
                loader.yaml_constructors[current.tag](loader, current)
            except (ValueError, KeyError):
                mistyped.append(current)
        elif isinstance(current, yaml.SequenceNode):
            pending += current.value
        elif isinstance(current, yaml.MappingNode):
            pending += [part for pair in current.value for part in pair]
    if not mistyped:
        return None
    first = min(mistyped, key=lambda scalar: scalar.start_mark.index)
    kind = first.tag.rpartition(":")[2]
    if kind == "int" and _digits(first.value) > sys.get_int_max_str_digits():
        return FrontMatterError(*_too_many_digits(first.value), line_of(first.start_mark))
    return FrontMatterError(
        f"invalid YAML: the tag !!{kind} on {shorten(first.value, 40)!r} says it is "
        f"{_KINDS[kind]}, which it is not",
        _YAML_FIX,
        line_of(first.start_mark),
    )


def _digits(number: str) -> int:
    return sum(character.isdigit() for character in number)


def _too_many_digits(number: str) -> tuple[str, str]:
    """What is wrong with a whole number int() refuses to read, for its digits (4,300 by
    default, a guard against conversions that take seconds), and how to fix it."""
    return (
        f"the number {shorten(number, 40)} has {_digits(number):,} digits, more than the "
        f"{sys.get_int_max_str_digits():,} a number can have",
        "Put it in quotes if it is text, or write a number of fewer digits.",
    )


def long_number_error(text: str, first: int = 1) -> tuple[str, str, int] | None:
    """What is wrong, how to fix it and the line, for the first whole number in the TOML `text`
    of more digits than int() reads (tomllib's ValueError names no line); `first` is the number
    of the text's first line."""
    limit = sys.get_int_max_str_digits()
    for found in re.finditer(r"[+-]?\d(?:_?\d)*", text):
        if _digits(found.group()) > limit:
            return (*_too_many_digits(found.group()), text.count("\n", 0, found.start()) + first)
    return None


# A whole number as TOML writes one: in decimal, which may have `_` between two digits, or
# in hex, octal or binary, which int(…, 0) reads alike.
_TOML_INT = re.compile(
    r"[+-]?(?:0|[1-9](?:_?\d)*)|0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|0o[0-7](?:_?[0-7])*|0b[01](?:_?[01])*"
)
# What any whole number written otherwise than str() writes it has: a base's prefix, a `_`
# between digits, or a `+` or `-0` where a value begins. Searched first, each on its own: a
# text with none (nearly every one) is not read again. Each begins with a character, not a
# class: one pattern of them all, or a class before the sign, took several times as long.
_BASE_PREFIX = re.compile("0[xob]")
_UNDERSCORE = re.compile(r"_\d")
_SIGNED = tuple(
    re.compile(rf"{before}\s*(?:#[^\n]*\n\s*)*(?:\+|-0)") for before in ("=", ",", r"\[")
)


def toml_ints_as_written(data: dict[str, object], text: str) -> dict[str, object]:
    """The TOML `data` read from `text`, each whole number written otherwise than str()
    writes it (`0xFF`, `1_000`, `+5`) a WrittenInt, for a message to quote as written
    (tomllib keeps no source): "255" for `name = 0xFF` was another name. One value written
    two ways (`1000` and `1_000`) is matched to each in the order of the text, key by key of
    `data` (`author.name = 0xFF` below `title = 255` is the author's, though above it); a
    value whose numbers in one key do not pair up so is quoted as written only where every
    one is written alike."""
    if not _written_otherwise(text):
        return data  # as nearly always
    written: dict[tuple[str, int], list[str]] = {}
    for key, token in _toml_bare_values(text):
        if not _TOML_INT.fullmatch(token):
            continue
        with contextlib.suppress(ValueError):  # more digits than int() reads: refused before
            written.setdefault((key, int(token, 0)), []).append(token)
    read: Counter[tuple[str, int]] = Counter()
    for key, value in data.items():
        _count_ints(key, value, read)
    forms = {number: _paired(tokens, read[number]) for number, tokens in written.items()}
    return {key: _with_written(key, value, forms) for key, value in data.items()}


def toml_values_as_written(data: dict[str, object], text: str) -> dict[str, object]:
    """The TOML `data` read from `text`, each whole number as `toml_ints_as_written` makes it,
    and each other number, date or time in a table (an author's `name = 3.10`) as
    `toml_table_values_as_written`: a fix quotes each as written."""
    return toml_table_values_as_written(toml_ints_as_written(data, text), text)


def toml_table_values_as_written(data: dict[str, object], text: str) -> dict[str, object]:
    """The TOML `data` read from `text`, each number with a fraction or an exponent written
    otherwise than str() writes it (`3.10`) a WrittenFloat, and each date, date-time or time a
    `values.written_date`, where in a table (`[[authors]]`, `{name = ...}`, pyproject.toml's
    `staticfeed = {...}`), for a fix to quote as written: "3.1" was another name. One at the
    top of the document is found from its key's line when wrong (`toml_numbers_as_written`);
    one in a table has no line of its own to read again. Paired with the text key by key, as
    `toml_ints_as_written` pairs whole numbers."""
    if not any(_table_values(value, in_table=False) for value in data.values()):
        return data  # as nearly always
    written: dict[tuple[str, object], list[str]] = {}
    for key, token in _toml_bare_values(text):
        read = _one_value(f"x = {token}", toml=True) if _TOML_NOT_INT.match(token) else None
        if read is not None and _written_in_table(read[0]):
            written.setdefault((key, read[0]), []).append(token)
    counted: Counter[tuple[str, object]] = Counter()
    for key, value in data.items():
        counted.update((key, each) for each in _table_values(value, in_table=False))
    forms = {found: _paired(tokens, counted[found]) for found, tokens in written.items()}
    return {key: _tables_with_written(key, value, forms, False) for key, value in data.items()}


# A value a float or a date may be: a digit, a sign or a point first, or inf or nan; not a
# whole number's form alone (those are `toml_ints_as_written`'s), nor true or false.
_TOML_NOT_INT = re.compile(r"[+-]?(?:inf|nan|\d[\d_]*[.eE:-]|\.)")


def _written_in_table(value: object) -> bool:
    """Whether `value` is of a kind `toml_table_values_as_written` keeps the source of."""
    return type(value) in (float, date, datetime, time)


def _table_values(value: object, *, in_table: bool) -> list[object]:
    """Each float, date or time in `value`, which is in a table (`in_table`) or not, that is
    in a table, in the order of the text."""
    if isinstance(value, dict):
        return [each for item in value.values() for each in _table_values(item, in_table=True)]
    if isinstance(value, list):
        return [each for item in value for each in _table_values(item, in_table=in_table)]
    return [value] if in_table and _written_in_table(value) else []


def _tables_with_written(
    key: str, value: object, written: dict[tuple[str, object], Iterator[str]], in_table: bool
) -> object:
    if isinstance(value, dict):
        return {
            name: _tables_with_written(key, each, written, True) for name, each in value.items()
        }
    if isinstance(value, list):
        return [_tables_with_written(key, each, written, in_table) for each in value]
    if not in_table or not _written_in_table(value) or (key, value) not in written:
        return value
    form = next(written[key, value], None)
    if form is None:
        return value
    if isinstance(value, float):
        return WrittenFloat(value, form) if form != str(value) else value
    assert isinstance(value, date | time)  # `_written_in_table`
    return written_date(value, form)


def _written_otherwise(text: str) -> bool:
    """Whether the TOML `text` may hold a whole number written otherwise than str() writes
    it; False where it holds none."""
    underscore = any(
        text[found.start() - 1 : found.start()].isdigit() for found in _UNDERSCORE.finditer(text)
    )
    return (
        underscore
        or _BASE_PREFIX.search(text) is not None
        or any(signed.search(text) for signed in _SIGNED)
    )


def _toml_bare_values(text: str) -> Iterator[tuple[str, str]]:
    """Each value of the TOML `text` written without quotes (a number, a date, true; not a key,
    nor a part of a table's name), as written, in the order of the text, with the key of the
    document it is in: the first part of the header above it (`authors` below `[[authors]]`),
    or of its line's key above any header (`author` for `author.name = 0xFF`). A date-time
    written with a space is its date alone."""
    brackets: list[str] = []  # the arrays and inline tables the token is in
    value = header = False  # whether a value comes next; whether in a table's header
    table: str | None = None  # the document's key the header above names
    key, line_start = "", True
    for token in _TOML_VALUE_TOKEN.findall(text):
        if token == "\n" and not brackets:  # a value ends with its line, but in an array
            value = header = False
            line_start = True
            continue
        if token == "\n" or token[:1] == "#":
            continue
        first, line_start = line_start, False
        if header:
            if token != "[" and table is None:
                table = _first_key(token)
        elif first and token == "[":
            header, table = True, None
        elif first:
            key = table if table is not None else _first_key(token)
        elif token == "=":
            value = True
        elif token in ("[", "{"):
            brackets.append(token)
            value = token == "["
        elif token in ("]", "}", ","):
            if token != "," and brackets:
                brackets.pop()
            value = token == "," and brackets[-1:] == ["["]
        else:
            if value:
                yield key, token
            value = False


def _count_ints(key: str, value: object, counts: Counter[tuple[str, int]]) -> None:
    """Count each whole number in `value`, the document's `key` (true and false are none)."""
    if isinstance(value, dict):
        for each in value.values():
            _count_ints(key, each, counts)
    elif isinstance(value, list):
        for each in value:
            _count_ints(key, each, counts)
    elif type(value) is int:
        counts[key, value] += 1


def _paired(tokens: list[str], count: int) -> Iterator[str]:
    """How each of the `count` whole numbers of one value is written, in order: as `tokens`,
    the ways the text writes it, where they pair up one for one; else as the one way, where
    every one is written alike; else not known (each is then named as str() writes it)."""
    if len(tokens) == count:
        return iter(tokens)
    return iter(tokens[:1] * count if len(set(tokens)) == 1 else [])


def toml_numbers_as_written(text: str, value: object) -> object:
    """`value`, which the TOML `text` from its `key = ...` line on gives, with each number
    tomllib read written otherwise than str() writes it (`3.10`, read as 3.1) a WrittenFloat,
    for a fix to quote as written: "3.1" means another version. A value alone or an array of
    them (over lines too, with comments between), as TOML reads their text again; `value` as
    it is otherwise (an inline table, an array in an array). Only for an error: it reads the
    text again."""
    tokens = _toml_value_tokens(text)
    if tokens[:1] == ["["] and isinstance(value, list):
        items = _toml_array_items(tokens, value)
        if items is None:
            return value
        return [
            item if token is None else _number_as_written(item, token)
            for item, token in zip(value, items, strict=True)
        ]
    if (
        tokens
        and not isinstance(value, list | dict)
        and _one_value(f"x = {tokens[0]}", toml=True) == (value,)
    ):
        return _number_as_written(value, tokens[0])
    return value


def toml_date_as_written(text: str, value: object) -> str | None:
    """The date, date-time or time `value` as the TOML `text` from its `key = ...` line on
    writes it, for the fix of one where text belongs to quote as written: str() writes
    `2025-06-01T10:00:00Z` as "2025-06-01 10:00:00+00:00". None where it is not the value
    alone (in an array). Only for an error: it reads the text again."""
    found = _TOML_DATE_VALUE.match(text)
    if found is None or _one_value(f"x = {found[1]}", toml=True) != (value,):
        return None
    return found[1]


def toml_array_dates_as_written(text: str, value: list[object]) -> list[object]:
    """The array `value`, which the TOML `text` from its `key = ...` line on gives, each date,
    date-time or time in it as written there (`2025-06-01T10:00:00Z`, which str() writes
    otherwise), each other item as it is: the `written` of a list of texts (`values.text_list`),
    whose fix quotes it so. `value` as it is where the array is not read again (an item in an
    array). Only for an error: it reads the text again."""
    items = _toml_array_items(_toml_value_tokens(text), value)
    if items is None:
        return value
    return [
        token if isinstance(item, date | time) else item
        for item, token in zip(value, items, strict=True)
    ]


def _toml_value_tokens(text: str) -> list[str]:
    """The tokens of the value of the TOML `text`'s first `key = ...`, comments left out."""
    found = _TOML_KEY.match(text)
    tokens = _TOML_TOKEN.findall(text[found.end() :]) if found else []
    return [token for token in tokens if not token.startswith("#")]


def _toml_array_items(tokens: list[str], value: list[object]) -> list[str | None] | None:
    """Each item of the array `value` as the `tokens` of its key's value write it, None for an
    array or inline table in it (an error of its own, which a fix leaves out: it stopped the
    dates and numbers beside it being quoted as written); None where the other items do not
    read back as `value`'s, one for one (a date-time with a space is two tokens)."""
    items = _toml_top_items(tokens)
    if items is None or len(items) != len(value):
        return None
    pairs = list(zip(items, value, strict=True))
    if any((item is None) != isinstance(each, list | dict) for item, each in pairs):
        return None
    written = [item for item in items if item is not None]
    read = _one_value(f"x = [{', '.join(written)}]", toml=True)
    return items if read == ([each for item, each in pairs if item is not None],) else None


def _toml_top_items(tokens: list[str]) -> list[str | None] | None:
    """The items of the array the `tokens` begin with, each a token, or None for an array or
    inline table (`[1]`, `{a = 1}`: tokens of their own, told apart by their brackets, which
    no other token but a text in quotes holds); None if the tokens hold no array."""
    if tokens[:1] != ["["]:
        return None
    items: list[str | None] = []
    depth = 0
    for token in tokens[1:]:
        if depth == 0 and token == "]":
            return items
        if depth == 0:
            items.append(None if token[:1] in ("[", "{") else token)
        if token[:1] not in ('"', "'"):
            depth += token.count("[") + token.count("{") - token.count("]") - token.count("}")
    return None


# A key's value that is a date, a date-time or a time as TOML writes them, seconds and all.
_TOML_DATE_VALUE = re.compile(
    r"\s*[^=\n]+=[ \t]*(\d{4}-\d\d-\d\d(?:[Tt ]\d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)?)?"
    r"|\d\d:\d\d:\d\d(?:\.\d+)?)"
)


def _number_as_written(value: object, token: str) -> object:
    if type(value) is float and str(value) != token:
        return WrittenFloat(value, token)
    if type(value) is int and str(value) != token:
        return WrittenInt(value, token)
    return value


def _with_written(key: str, value: object, written: dict[tuple[str, int], Iterator[str]]) -> object:
    if isinstance(value, dict):
        return {name: _with_written(key, each, written) for name, each in value.items()}
    if isinstance(value, list):
        return [_with_written(key, each, written) for each in value]
    if type(value) is int and (key, value) in written:
        form = next(written[key, value], None)
        if form is None or (form[1:2] not in ("x", "o", "b") and form == str(value)):
            return value  # as str() writes it: one in hex may have more digits than it writes
        return WrittenInt(value, form)
    return value


def _not_allowed(source: str, character: str) -> FrontMatterError:
    """The error for a character YAML allows nowhere, at its line: it said "position 80",
    counted in bytes, and the error was put on line 2."""
    return FrontMatterError(
        f"invalid YAML: YAML does not allow the character U+{ord(character):04X} (a control "
        "character), even in quotes",
        "Remove it.",
        source.count("\n", 0, source.find(character)) + 2,
    )


def _parses(source: str) -> bool:
    """Whether `source` is YAML without a syntax error (read as events: no recursion)."""
    try:
        for _ in yaml.parse(source, Loader=_Loader):
            pass
    except yaml.YAMLError:
        return False
    return True


def key_line_in(
    key: str, written: str, *, toml: bool, whole_text: bool = False, same: bool = False
) -> str | None:
    """A line of TOML (`toml`) or YAML front matter giving `key` the value `written` in the
    other language (`date: 2025-12-22` in TOML), or in this one (`same`): the value as written
    where this language reads it as one, else its text quoted: TOML 1.0 has no date-time
    without seconds (`2025-12-22 14:30`), and TOML text needs the quotes that YAML's can do
    without. A comment after an unquoted value (`Fix #12`, which both read as `Fix`) stays a
    comment; with `whole_text` (a title) it is part of the text, quoted with it, as `_cut` has
    it, and a value this language reads as other than text (`2025`, `yes`) is quoted as
    written, a comment after it staying one (`"2025" # year`). TOML text written without
    quotes (`same`) is quoted as it stands, not as YAML would read it (`&Co news`, "news" to
    YAML, which reads `&Co` as an anchor). A title holds no tab (`values.one_line`): one it
    would read, from an escape in quotes (`"A\\tB"`), is told as a space, or the next build
    refused the line. None where no line gives the value: one in quotes with an escape that
    neither language reads (`"A\\U00110000B"`, past Unicode), or that this one cannot write
    (half a surrogate pair, in TOML); the next build refused the line told."""
    line = _line_in(key, written, toml=toml, whole_text=whole_text, same=same)
    read = _one_value(line, toml=toml) if line is not None else None
    if read is None:
        return None
    if whole_text and isinstance(read[0], str) and "\t" in read[0]:
        return _key_line(key, quoted(read[0].replace("\t", " ")), toml=toml)
    return line


def _line_in(key: str, written: str, *, toml: bool, whole_text: bool, same: bool) -> str | None:
    """`key_line_in`, but for a tab in a title and a line neither language reads."""
    line = _key_line(key, written, toml=toml)
    read = _one_value(line, toml=toml)
    in_quotes = _QUOTED_VALUE.fullmatch(written) is not None
    if read is None and toml and same and not in_quotes:
        return _toml_quoted_line(key, written, whole_text=whole_text)
    if read is not None:
        cut = _comment_at(key, written, read, toml=toml)
        if whole_text and cut is not None and _read_as_text(read):
            return _whole_line(key, written, cut, toml=toml)
        if whole_text and not isinstance(read[0], str | list | dict):
            # What `text` would ask for, uncommented: the value quoted as written, and a
            # comment after it (`2025 # year`) kept as one, as the error for it says "2025".
            value = written[:cut].rstrip(" \t") if cut is not None else written
            comment = f" {written[cut:]}" if cut is not None else ""
            return _key_line(key, quoted(value), toml=toml) + comment
        return line
    # Quoted from the text the other language reads (`'A: b'` is A: b), or as written.
    read = _one_value(_key_line(key, written, toml=not toml), toml=not toml)
    cut = _comment_at(key, written, read, toml=not toml) if read is not None else None
    if read is not None and cut is not None:
        if whole_text and _read_as_text(read):
            return _whole_line(key, written, cut, toml=toml)
        told = key_line_in(key, written[:cut].rstrip(" \t"), toml=toml, whole_text=whole_text)
        return f"{told} {written[cut:]}" if told is not None else None
    if read is None and in_quotes:
        return None  # the quotes are the author's: quoted whole, the text held them
    text = read[0] if read and isinstance(read[0], str) else written
    return _key_line(key, quoted(text), toml=toml)


# A value in quotes from its start to its end, but for a comment after it.
_QUOTED_VALUE = re.compile(r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*')(?:[ \t]+#.*)?""")


def _read_as_text(read: tuple[object]) -> bool:
    """Whether a value read before a ` #` (`Fix` of `Fix #12`) is text, a list or a mapping,
    after which the # may be the title's own (issue #12); after a number, true/false or a date
    (`2025 # year`) it is a comment, as YAML and TOML read it and the error for the value
    uncommented has it ("Put it in quotes: \"2025\"")."""
    return isinstance(read[0], str | list | dict)


def _whole_line(key: str, written: str, cut: int, *, toml: bool) -> str:
    """`key` given all of `written` as its text, the comment from `cut` on included: a tab
    before the # parts it as a space does, and in quotes it would be refused (a title holds
    no tab), as in the error of `_cut`."""
    value = written[:cut]
    gap = len(value) - len(value.rstrip(" \t"))
    text = value.rstrip(" \t") + value[len(value) - gap :].replace("\t", " ") + written[cut:]
    return _key_line(key, quoted(text), toml=toml)


def _key_line(key: str, value: str, *, toml: bool) -> str:
    return f"{key} = {value}" if toml else f"{key}: {value}"


def _comment_at(key: str, written: str, read: tuple[object], *, toml: bool) -> int | None:
    """Where in `written`, an unquoted value, the comment begins that TOML (`toml`) or YAML
    reads after it, `read` being what it reads of the whole; None if it reads none there."""
    if written[:1] in ("'", '"'):
        return None  # a comment after a quoted value is one: its text ends at its quote
    for found in re.finditer(r"[ \t]#", written):
        if _one_value(_key_line(key, written[: found.start()], toml=toml), toml=toml) == read:
            return found.start() + 1
    return None


def _one_value(line: str, *, toml: bool) -> tuple[object] | None:
    """The value of the one key of `line` read as TOML (`toml`) or YAML; None if it cannot
    be read as a key and its value."""
    try:
        data = tomllib.loads(line) if toml else _yaml_line(line)
    # TOMLDecodeError is a ValueError; the pure-Python parser's chr() of "\U00110000" is one
    # too, and of "\UFFFFFFFF" an OverflowError.
    except (ValueError, OverflowError, RecursionError, yaml.YAMLError):
        return None
    if not isinstance(data, dict) or len(data) != 1:
        return None
    return (next(iter(data.values())),)


def _yaml_line(line: str) -> object:
    """The YAML `line` read as `_parse_yaml` reads front matter: by the pure-Python parser
    where libyaml refuses a surrogate escape ("\\ud83d\\udc99", JSON's 💙), which was
    otherwise told in quotes as text, backslashes and all."""
    try:
        return yaml.load(line, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        if error.problem != _REFUSED_ESCAPE:
            raise
    return _surrogate_pairs_joined(yaml.load(line, Loader=_PureLoader))


def _repeated_key(error: _RepeatedKey, line_of: _LineOf) -> FrontMatterError:
    assert error.context_mark is not None and error.problem_mark is not None
    first, again = line_of(error.context_mark), line_of(error.problem_mark)
    lines = f" (lines {first} and {again})" if first != again else ""
    return FrontMatterError(f"{error.problem}{lines}", "Keep one of them.", again)


def _cut(source: str, node: yaml.MappingNode) -> dict[str, str]:
    """`Document.cut`. Only a value on one line: a comment after a folded one is rare."""
    if "#" not in source:
        return {}
    cut = {}
    for key_node, value_node in node.value:
        if not isinstance(value_node, yaml.ScalarNode) or value_node.style:  # "" or None: plain
            continue
        start, end = value_node.start_mark, value_node.end_mark
        line_end = source.find("\n", end.index)
        rest = source[end.index : line_end if line_end >= 0 else len(source)]
        if start.line == end.line and rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
            # A tab before the # parts it from the value as a space does; in the quoted value
            # the fix gives, it would be refused (a title holds no tab).
            gap = len(rest) - len(rest.lstrip(" \t"))
            written = value_node.value + rest[:gap].replace("\t", " ") + rest[gap:]
            cut[str(key_node.value)] = written.rstrip()
    return cut


# What a value may hold, counting each use of an alias (*name) in full: a few lines of aliases
# can stand for billions of values ("billion laughs"), an alias inside what it names for a
# value without end, and every reader of the value would walk them. No front matter needs more.
_MOST_VALUES = 10_000
_DEEPEST = 50
# libyaml's composer recurses in C and crashes the process on some 20,000 levels of nesting,
# which take at least as many characters; its parser's events are read without recursion.
_NESTING_CHECKED_AFTER = 8_192


def _refuse_vast_values(data: dict[str, object], key_lines: dict[str, int]) -> None:
    for key, value in data.items():
        if not isinstance(value, list | dict):
            continue
        line = key_lines.get(key)
        pending: list[tuple[list[object] | dict[object, object], int]] = [(value, 1)]
        count = 0
        while pending:
            collection, depth = pending.pop()
            if depth > _DEEPEST:
                raise _too_deep(key, line)
            items = list(collection.values()) if isinstance(collection, dict) else collection
            count += len(items)
            if count > _MOST_VALUES:
                raise FrontMatterError(
                    f"{key} holds more than {_MOST_VALUES:,} values, counting each use of an "
                    "alias (*name) in full",
                    "Write the values out, or use fewer aliases.",
                    line,
                )
            pending.extend((item, depth + 1) for item in items if isinstance(item, list | dict))


def _refuse_deep_nesting(loader: yaml.SafeLoader, line_of: _LineOf) -> None:
    depth = 0
    try:
        while (event := loader.get_event()) is not None:  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > _DEEPEST:
                    mark = event.start_mark
                    raise _too_deep(None, line_of(mark) if mark else None)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        loader.dispose()


def _too_deep(key: str | None, line: int | None) -> FrontMatterError:
    return FrontMatterError(
        f"{key or 'the front matter'} nests lists or mappings more than {_DEEPEST} deep",
        "Write it with fewer levels; an alias (*name) inside the value it names nests it "
        "without end.",
        line,
    )


def _written(source: str, node: yaml.MappingNode, data: dict[str, object]) -> dict[str, object]:
    """`Document.written`, from the nodes' places in `source`."""
    written: dict[str, object] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        value = data.get(key)
        if _typed(value) and isinstance(value_node, yaml.ScalarNode):
            written[key] = _source_of(source, value_node)
        elif _typed_list(value) and isinstance(value_node, yaml.SequenceNode):
            written[key] = [
                _source_of(source, item_node) if _typed(item) else item
                for item, item_node in zip(value, value_node.value, strict=True)
            ]
    return written


def _typed(value: object) -> bool:
    return isinstance(value, bool | int | float)


def _typed_list(value: object) -> TypeGuard[list[object]]:
    return isinstance(value, list) and any(_typed(item) for item in value)


def _source_of(source: str, node: yaml.Node) -> str:
    return source[node.start_mark.index : node.end_mark.index]


_TEXT_TAG = "tag:yaml.org,2002:str"
# `<<: *defaults` is no key of its own: YAML merges the mapping it names into this one, whose
# keys are then checked as any other (PyYAML's SafeLoader does the merge).
_MERGE_TAG = "tag:yaml.org,2002:merge"
_KINDS = {
    "int": "a number",
    "float": "a number",
    "bool": "true or false",
    "null": "nothing (null)",
    "seq": "a list",
    "map": "a mapping",
}


def _yaml_key_lines(node: yaml.MappingNode, names_only: bool, line_of: _LineOf) -> dict[str, int]:
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = line_of(key_node.start_mark)
        # `1:`, `~:`, `yes:` were reported as keys 1, None, True
        if names_only and key_node.tag not in (_TEXT_TAG, _MERGE_TAG):
            kind = key_node.tag.rpartition(":")[2]
            read_as = _KINDS.get(kind, kind)
            written = f"the key {key!r}" if isinstance(key_node, yaml.ScalarNode) else "a key"
            raise FrontMatterError(
                f"{written} is not a name: YAML reads it as {read_as}",
                "Write each key as a name, like title: or date:.",
                line,
            )
        if key in key_lines:
            raise FrontMatterError(
                f"{key} is given twice (lines {key_lines[key]} and {line})",
                "Keep one of them.",
                line,
            )
        key_lines[key] = line
    return key_lines


def _read_keys_as_written(node: yaml.MappingNode) -> None:
    """Make `on:`, `yes:` and `2019:` the text keys their authors wrote, not True and 2019
    (two of which would merge into one True)."""
    for key_node, _ in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE_TAG:
            key_node.tag = _TEXT_TAG


def _invalid_toml(source: str, message: str) -> FrontMatterError:
    """The error for TOML front matter `source` that cannot be read, at its line of the file:
    tomllib counts from the line after the opening +++, and says "at end of document" of a
    value the closing +++ cuts short (`tags = [`), which was reported on line 2, then at the
    closing +++, not where the value begins."""
    twice = toml_key_given_twice(source, message, first=2)
    if twice is not None:
        return FrontMatterError(*twice)
    at = re.search(r"\s*\(at line (\d+), column (\d+)\)", message)
    if at is not None:
        problem, line = message.replace(at.group(0), ""), int(at.group(1)) + 1
        no_such_date = _toml_date_refused(source.split("\n")[: line - 1], int(at.group(2)))
        if no_such_date is not None:
            return FrontMatterError(*no_such_date, line)
        unquoted = _toml_text_unquoted(source.split("\n")[: line - 1], int(at.group(2)), problem)
        if unquoted is not None:
            return FrontMatterError(*unquoted, line)
    else:
        runs = ": the value that starts here runs to the end of the front matter"
        begins = toml_cut_short_line(source)
        problem = message.replace(
            " (at end of document)", runs if begins else " at the end of the front matter"
        )
        line = begins + 1 if begins else source.count("\n") + 3  # else the closing +++
    return FrontMatterError(f"invalid TOML: {problem}", "Fix the TOML syntax.", line)


def _toml_date_refused(lines: list[str], column: int) -> tuple[str, str] | None:
    """What is wrong and how to fix it, when tomllib refuses a date or date-time at `column` of
    the last of `lines` (those up to the error's) and says only "Expected newline or end of
    document" ("Unclosed array" in an array, "Invalid date or datetime"): one that does not
    exist (`date = 2025-06-30T23:59:60Z`, a leap second), one at 24:00, which YAML front matter
    reads as the next day's 00:00, or one without seconds, which TOML 1.0 requires."""
    found = _toml_date_at(lines[-1], column)
    key = _toml_key_before(lines, found.start()) if found is not None else None
    if found is None or key is None:
        return None
    value = found["value"]
    try:
        parse_date(value, UTC)
    except DateError as error:
        return (
            f"{key}: {error}",
            f"Write {key} like 2025-12-22, 2025-12-22 14:30 or 2025-12-22T14:30:00+02:00.",
        )
    next_day = next_day_midnight(value)
    if next_day is not None:
        return (
            f"{key}: {value!r} gives 24:00, which TOML's dates do not have",
            f"Write the next day's 00:00, {next_day}.",
        )
    if found["clock"] is not None and found["seconds"] is None:
        cut = found.end("clock") - found.start("value")
        with_seconds = f"{value[:cut]}:00{value[cut:]}"
        return (
            f"{key}: {value!r} has no seconds, which TOML requires",
            f"Write {with_seconds}, or put the date in quotes.",
        )
    return None  # a date TOML reads, refused for another reason: tomllib says which


TEXT_KEYS = ("title", "summary", "author", "slug", "id", "link", "lang", "image")
"""The keys of the front matter that may be given as text alone (`author` may be a table too)."""
PROSE = ("title", "summary")
"""The keys whose text may hold " #" (issue #12, #hashtags), which YAML and TOML read as a
comment after a value without quotes: their text runs to the end of the line (`key_line_in`)."""
# What tomllib says of a value that is no TOML (`Fix #12`), or of one that begins as a number
# or true and goes on (`2025 plans`).
_NOT_A_VALUE = ("Invalid value", "Expected newline or end of document after a statement")
_TOML_TEXT_LINE = re.compile(r"\s*(?P<key>[A-Za-z0-9_-]+)[ \t]*=[ \t]*(?P<value>[^\s\"'\[{].*)")


def _toml_text_unquoted(lines: list[str], column: int, problem: str) -> tuple[str, str] | None:
    """What is wrong and how to fix it, when tomllib refuses at `column` of the last of `lines`
    (those up to the error's) the value of a key that takes text, written without the quotes
    TOML requires (`title = Fix #12`): tomllib said only "Invalid value". None for any other
    line, a key of a table among them (`_at_top_level`)."""
    return toml_text_unquoted(lines, column, problem, _FRONT_MATTER_KEYS)


@dataclass(frozen=True)
class TextKeys:
    """The keys of a TOML file's settings that take text (`keys`), those of them whose text may
    hold " #" (`prose`), the tables the settings may be in, by their whole names, and the keys
    that take true or false (`booleans`)."""

    keys: Collection[str]
    prose: Collection[str]
    tables: Collection[tuple[str, ...]]
    booleans: Collection[str] = ()


_FRONT_MATTER_KEYS = TextKeys(TEXT_KEYS, PROSE, ((),), booleans=("draft",))


def toml_text_unquoted(
    lines: list[str], column: int, problem: str, text_keys: TextKeys
) -> tuple[str, str] | None:
    """What is wrong and how to fix it, when tomllib refuses at `column` of the last of `lines`
    (those up to the error's) the value of a key of `text_keys` written without the quotes
    TOML requires (`title = Fix #12`, the config's `timezone = Europe/Kyiv`): tomllib said
    only "Invalid value". None for any other line, and for a key of another table."""
    if problem == _NO_EQUALS:
        return _toml_colon_for_equals(lines, column, text_keys)
    found = _TOML_TEXT_LINE.fullmatch(lines[-1])
    if problem not in _NOT_A_VALUE or found is None or column <= found.start("value"):
        return None
    key, written = found["key"], found["value"].rstrip(" \t")
    if key in text_keys.booleans:
        return _toml_boolean_miswritten(lines, key, written, text_keys.tables)
    if key not in text_keys.keys:
        return None
    fixed = _toml_quoted_line(key, written, whole_text=key in text_keys.prose)
    read = _one_value(fixed, toml=True)
    # A tab in quotes is one a title or a name may not hold: that fix would not do.
    if read is None or not isinstance(read[0], str) or "\t" in read[0]:
        return None
    if _table_below(lines[:-1]) not in text_keys.tables:
        return None
    return f"invalid TOML: {key}'s text is not in quotes", f"Put it in quotes: {fixed}"


_NO_EQUALS = "Expected '=' after a key in a key/value pair"
_YAML_KEY_LINE = re.compile(r"[ \t]*(?P<key>[A-Za-z0-9_-]+)(?P<colon>:)[ \t]*(?P<value>.*)")


def _toml_colon_for_equals(
    lines: list[str], column: int, text_keys: TextKeys
) -> tuple[str, str] | None:
    """What is wrong and how to fix it when the last of `lines` gives a key its value after a
    colon, as YAML does (`limit: 50`, `title: My notes`), where tomllib says only "Expected
    '=' after a key" at the colon: the line as TOML writes it, a text in quotes."""
    found = _YAML_KEY_LINE.fullmatch(lines[-1])
    if found is None or column != found.start("colon") + 1:
        return None
    key, written = found["key"], found["value"].rstrip(" \t")
    fixed = f"{key} = {written}"
    read = _one_value(fixed, toml=True) if written else None
    if read is None and key in text_keys.keys and _table_below(lines[:-1]) in text_keys.tables:
        fixed = _toml_quoted_line(key, written, whole_text=key in text_keys.prose)
        read = _one_value(fixed, toml=True)
    if read is None:
        return None
    return (
        f"invalid TOML: '{key}:' is YAML's way to give a key its value, not TOML's",
        f"Write it as {fixed}",
    )


# How YAML, Python and INI files write true and false, which TOML writes true and false alone.
_TRUTHS = {"yes": True, "on": True, "true": True, "no": False, "off": False, "false": False}


def _toml_boolean_miswritten(
    lines: list[str], key: str, written: str, tables: Collection[tuple[str, ...]]
) -> tuple[str, str] | None:
    """What is wrong and how to fix it when a key that takes true or false is given it as YAML
    or Python write it (`pages = yes`, `draft = True`), which tomllib calls "Invalid value"."""
    word = written.split("#")[0].rstrip(" \t")
    meaning = _TRUTHS.get(word.lower())
    if meaning is None or _table_below(lines[:-1]) not in tables:
        return None
    return (
        f"invalid TOML: {key} is {word}, which TOML does not read as true or false",
        f"Write {key} = {str(meaning).lower()}, in lower case and without quotes.",
    )


def _toml_quoted_line(key: str, written: str, *, whole_text: bool) -> str:
    """The line `key = written` with the text written in quotes, as written (not as YAML reads
    it: `&a x` is "x" there): with `whole_text` (a title), a ` #` is part of it, as in
    `_whole_line`; after any other value, a comment."""
    comment = re.search(r"[ \t]#", written)
    if comment is None:
        return _key_line(key, quoted(written), toml=True)
    if whole_text:
        return _whole_line(key, written, comment.start() + 1, toml=True)
    value = quoted(written[: comment.start()].rstrip(" \t"))
    return f"{_key_line(key, value, toml=True)} {written[comment.start() + 1 :]}"


def _table_below(lines: list[str]) -> tuple[str, ...] | None:
    """The whole name of the table a key written below `lines`, TOML that tomllib read, is a
    key of: () for the top of the file; None in an array they leave open. Asked of tomllib,
    with a key added below them: a line such as `["a"],` in an array looks like a header."""
    probe = "staticfeed: at the top"
    try:
        read = tomllib.loads("\n".join([*lines, f'"{probe}" = 0']))
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return _path_to(read, probe)


def _path_to(table: dict[str, object], probe: str) -> tuple[str, ...] | None:
    """The names of the tables, one in the other from `table` down, that hold the key `probe`;
    None where none does. The last table of an array of tables is the one a key goes in."""
    if probe in table:
        return ()
    for name, value in table.items():
        inner = value[-1] if isinstance(value, list) and value else value
        if isinstance(inner, dict) and (found := _path_to(inner, probe)) is not None:
            return (name, *found)
    return None


def _toml_date_at(line_text: str, column: int) -> re.Match[str] | None:
    """The date written where tomllib stopped, at `column` (from 1) of `line_text`: at the
    date's start when it cannot be a date (`2025-02-30`), or where tomllib's pattern stopped
    matching it (at `T10:00`, with no seconds; past the space of `… 10:00`; at the `:60` of a
    leap second, when TOML 1.1 lets the seconds out), or after it, spaces skipped."""
    stop = column - 1
    for found in _TOML_DATE.finditer(line_text):
        if found.start() <= stop and not line_text[found.end() : stop].strip():
            return found
    return None


def _toml_key_before(lines: list[str], start: int) -> str | None:
    """The key written last before `start` of the last of `lines`, on that line or the ones
    above: the value's own (`date = …`), its key in an inline table (`{ since = … }`), or the
    key of the array it is in (`tags = [`, on the line where the array begins). Text in
    quotes is skipped, as the `=` in it is no key's. Named as the unknown-key error names it,
    with the tables and arrays it is in (`author.since`, `authors.since` in an inline table of
    an array over lines), which the key alone did not say."""
    header_at = next(
        (i for i in range(len(lines) - 2, -1, -1) if _toml_header(lines[i], lines[:i])), -1
    )
    # From the line below the last table's header: the arrays and inline tables still open at
    # the date may begin lines above it, and a key's line alone named `since` as if at the top.
    keys = _toml_keys_open("\n".join([*lines[header_at + 1 : -1], lines[-1][:start]]))
    if not keys:
        return None
    header = _TOML_HEADER.match(lines[header_at]) if header_at >= 0 else None
    return ".".join(([_named(header[2])] if header else []) + keys)


def _toml_header(line: str, above: list[str]) -> re.Match[str] | None:
    """`line` as a table's header, below the lines `above` (TOML that tomllib read); None if it
    is none: not written like one, or inside an array they leave open, where `["a"],` is an
    item. Asked of tomllib, only of a line written like a header: `above` reads whole only
    when nothing is left open at its end (an array is TOML's one value over lines, but for
    multi-line strings, which `toml_lines` passes over). Only for an error: it reads `above`."""
    header = _TOML_HEADER.match(line)
    if header is None:
        return None
    try:
        tomllib.loads("\n".join(above))
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return header


def _toml_keys_open(text: str) -> list[str]:
    """The keys of the arrays and inline tables still open at the end of the TOML `text`, and
    the last key written after them (`author = { name = "A", since =` is [author, since]); none
    if no key is written in it."""
    open_keys: list[str] = []
    last = None
    for found in _TOML_KEY_OR_TEXT.finditer(text):
        if found[1]:
            last = _named(found[1])
        elif found[0] in ("{", "["):
            open_keys.append(last or "")  # an inline table in an array has no key of its own
            last = None
        elif found[0] in ("}", "]") and open_keys:
            last = None
            open_keys.pop()
    return [key for key in open_keys if key] + ([last] if last else [])


def _named(name: str) -> str:
    """A TOML key or table name as an error names it: its parts joined by dots, each as
    `key_named` names it (`"author" . since` is `author.since`)."""
    return ".".join(key_named(_part_read(part)) for part in _TOML_FIRST_PART.findall(name))


def toml_cut_short_line(text: str) -> int | None:
    """The line of the TOML `text` where the statement begins that tomllib finds cut short
    "at end of document" (an unclosed `[`, `{` or quote), which it gives no line: the first
    line past the most lines from the top that read as TOML. Only on an error, and only in a
    text of at most _CUT_SHORT_LINES lines (None past them): it reads the text once per line."""
    lines = text.split("\n")
    if len(lines) > _CUT_SHORT_LINES:
        return None
    for count in range(len(lines) - 1, 0, -1):
        try:
            tomllib.loads("\n".join(lines[:count]))
        except (tomllib.TOMLDecodeError, RecursionError):
            continue
        return count + 1
    return 1


# A key or dotted key before its `=`, and a table's header; each may be in quotes.
_TOML_PART = rf'(?:{BARE_KEY.pattern}|"[^"\n]*"|\'[^\'\n]*\')'
_TOML_NAME = rf"{_TOML_PART}(?:\s*\.\s*{_TOML_PART})*"
_TOML_KEY = re.compile(rf"\s*({_TOML_NAME})\s*=")
_TOML_HEADER = re.compile(rf"\s*(\[\[?)\s*({_TOML_NAME})\s*\]")
_TOML_HEADER_WRITTEN = re.compile(rf"\[\[?\s*{_TOML_NAME}\s*\]\]?")
# A date or a date-time as TOML writes them, or without the seconds TOML 1.0 requires (as ISO
# 8601 and YAML front matter allow), up to what may end a value: a space, a comma, a `]`, a `}`
# or the end of the line.
_TOML_DATE = re.compile(
    r"(?<![\w.:+-])(?P<value>\d{4}-\d\d-\d\d"
    r"(?:[Tt ](?P<clock>\d\d:\d\d)(?P<seconds>:\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)?)"
    r"(?=[\s,\]}#]|$)",
    re.ASCII,
)
# A key before its `=`, or a text in quotes, read whole so that an `=` in it is not taken for
# a key's; or a brace, which opens or closes an inline table.
_TOML_KEY_OR_TEXT = re.compile(
    rf"({_TOML_NAME})\s*=|\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|#[^\n]*|[{{}}\[\]]"
)


def toml_key_given_twice(text: str, message: str, first: int = 1) -> tuple[str, str, int] | None:
    """What is wrong, how to fix it and the line, for the TOML `text` that tomllib refused with
    `message` because it gives a key or a table twice ("Cannot overwrite a value", which
    named neither the key nor its first line); None for any other error. `first` is the
    number of the text's first line."""
    if not message.startswith(("Cannot overwrite a value", "Cannot declare")):
        return None
    # Each key and table by its parts as tomllib reads them: `"name"` and `name` are one key,
    # `["author"]` and `[author]` one table (told "Fix the TOML syntax" alone).
    seen: dict[tuple[object, ...], int] = {}
    table: tuple[object, ...] = ()
    full: tuple[object, ...]
    lines = text.split("\n")
    for number, line_text in toml_lines(text, first):
        if header := _toml_header(line_text, lines[: number - first]):
            name = _key_parts(header.group(2))
            if header.group(1) == "[[":  # each table of an array has keys of its own
                table = (*name, number)
                continue
            table, shown, full = name, f"the table [{'.'.join(name)}]", name
        elif key := _TOML_KEY.match(line_text):
            parts = _key_parts(key.group(1))
            shown, full = ".".join(parts), (*table, *parts)
        else:
            continue
        if full in seen:
            twice = f"{shown} is given twice (lines {seen[full]} and {number})"
            return twice, "Keep one of them.", number
        seen[full] = number
    return None


def toml_first_table(text: str, first: int = 1) -> tuple[int, str] | None:
    """The line and the header (`[[authors]]`, `[author]`) of the first table of the TOML
    `text`, above which a key of the text's own goes; `first` is the number of the text's first
    line."""
    lines = text.split("\n")
    for number, line in toml_lines(text, first):
        if _toml_header(line, lines[: number - first]):
            return number, _header_as_written(line)
    return None


def _header_as_written(line: str) -> str:
    """The table's header on `line` from its first bracket to its last, spaces and quotes as
    written (`[ "author" ]`): the line an author looks for, which `[author]` was not."""
    found = _TOML_HEADER_WRITTEN.search(line)
    return found[0] if found else line.strip()


def toml_keys_caught_by_table(
    text: str,
    table: str,
    value: object,
    known: tuple[Collection[str], Collection[str]],
    first: int = 1,
    beside: tuple[int, str] | None = None,
) -> list[tuple[str, str, str, int]]:
    """The key as written, what is wrong, how to fix it and the line, for each of the keys (of
    the table above) that the TOML `text` writes after a header of the table `table` (dotted)
    holding `value`, which TOML puts in that table: `summary` below `[[authors]]` was an
    unknown key of the author, to be removed. `known` is those keys and the table's own: a
    close misspelling of one of the first (`sumary`) is caught too, unless as close to one of
    the table's own (`_key_meant`). None when the table holds none, or is written inline
    (`authors = [{...}]`), where no line put the key there unseen. `first` is the number of
    the text's first line. `beside`: the line of the first of the keys written dotted, and
    their prefix (`staticfeed.` under pyproject's `[tool]`), where the key is to go instead:
    above the header, `limit = 3` was a key of [tool]."""
    above = "the first" if isinstance(value, list) else "the"
    items = value if isinstance(value, list) else [value]
    tables = toml_list_item_lines(text, table, None, first)
    if len(tables) != len(items):  # inline
        return []
    written = text.split("\n")
    headers = [_header_as_written(written[lines.line - first]) for lines in tables]
    caught = []
    for item, lines, header in zip(items, tables, headers, strict=True):
        for name in item if isinstance(item, dict) else ():
            meant = _key_meant(name, *known)
            if meant is None or name not in lines.fields:
                continue
            shown = key_named(name)
            where = f"{shown} is in the {header} table: TOML puts each key after the {header} line"
            move = f"above {above} {headers[0]} line."
            if beside is not None:  # where the keys written dotted are, named as they are
                fix = f"Name it {beside[1]}{meant} and move the line beside line {beside[0]}."
            elif meant == name:
                fix = f"Move the {name} line {move}"
            else:
                fix = f"Name it {meant} and move the line {move}"
            if meant != name:
                fix = f"Did you mean {meant!r}? {fix}"
            caught.append((name, f"{where} in it", fix, lines.fields[name]))
    return caught


def _key_meant(name: str, keys: Collection[str], fields: Collection[str]) -> str | None:
    """Which of `keys` the key `name`, written in a table whose own keys are `fields`, is: itself,
    or the one it is a close misspelling of (compared in lower case, as `did_you_mean` does),
    where no key of the table's own is as close (`lenght` is an enclosure's `length`, not
    `lang`). None for a key of the table's, or like no key at all."""
    if name in keys:
        return name
    if name in fields:
        return None
    by_lower = {each.lower(): each for each in [*fields, *keys]}
    close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.6)
    meant = by_lower[close[0]] if close else None
    return meant if meant in keys and meant not in fields else None


def without_keys(value: object, keys: Collection[str]) -> object:
    """`value` without `keys` in its mappings, each reported as caught by the item (see
    `toml_keys_caught_by_table`): the item's other problems are then reported in the same run."""
    items = value if isinstance(value, list) else [value]
    kept = [
        {name: each for name, each in item.items() if name not in keys}
        if isinstance(item, dict)
        else item
        for item in items
    ]
    return kept if isinstance(value, list) else kept[0]


# More than a config or front matter has; the search takes a second for 1,000 lines.
_CUT_SHORT_LINES = 300


def _parse_toml(source: str) -> _Parsed:
    try:
        data = tomllib.loads(source)
    except RecursionError:  # tomllib recurses into each nested array or inline table
        raise _too_deep(None, None) from None
    except tomllib.TOMLDecodeError as error:
        raise _invalid_toml(source, str(error)) from None
    except ValueError:  # int() on a number of more digits than it reads, which tomllib lets by
        long_number = long_number_error(source, first=2)
        if long_number is None:
            raise
        raise FrontMatterError(*long_number) from None
    key_lines = _toml_key_lines(source, data)
    _refuse_vast_values(data, key_lines)
    # TOML has no implicit types: 3.10 is a number as written.
    return toml_values_as_written(data, source), key_lines, {}, {}


def _toml_key_lines(source: str, data: dict[str, object]) -> dict[str, int]:
    """The line of each key of the TOML front matter `source`, which tomllib read as `data`: a
    `key =` line above the first table (a dotted `author.name =` is `author`'s), or the header
    of a table (`[[authors]]`, which errors in the authors named no line for), its first part
    the key (`["author"]` and `[author.x]` are `author`'s); a key inside a table is the
    table's, not the front matter's. Which lines are headers, `data` says: a line written like
    one (`[true]`, the last item of an array over lines) is an item unless `data` has a table
    of its name, and one with more after it (`[true],`) is an item. Taken for a header, the
    keys below it were given no line; not taken (`["extra"]`), they were given the lines of
    the table's keys."""
    key_lines: dict[str, int] = {}
    in_table = False
    for number, line_text in toml_lines(source, first=2):
        if line_text.lstrip()[:1] == "[":
            header = _TOML_HEADER_LINE.fullmatch(line_text)
            name = _first_key(header[2]) if header else None
            if name is not None and isinstance(data.get(name), dict | list):
                key_lines.setdefault(name, number)
                in_table = True
        elif not in_table and (key := _TOML_KEY.match(line_text)):
            key_lines.setdefault(_first_key(key[1]), number)
    return key_lines


_TOML_FIRST_PART = re.compile(_TOML_PART)
# A line that is a table's header and nothing else, but a comment.
_TOML_HEADER_LINE = re.compile(rf"\s*(\[\[?)\s*({_TOML_NAME})\s*\]\]?\s*(?:#.*)?")


def toml_header_named(line: str) -> tuple[str, ...] | None:
    """The parts of the name of the table whose header the TOML `line` is, as tomllib reads
    them (`[ "tool" . x ]` and `[[tool.x]] # c` are (tool, x)); None for any other line."""
    found = _TOML_HEADER_LINE.fullmatch(line)
    return _key_parts(found[2]) if found else None


def toml_key_named(line: str) -> tuple[tuple[str, ...], str] | None:
    """The parts of the key the TOML `line` begins with, as tomllib reads them
    (`"tool".staticfeed =` is (tool, staticfeed)), and what follows its `=`; None for a line
    that begins no key (an array's item, a comment)."""
    found = _TOML_KEY.match(line)
    return (_key_parts(found[1]), line[found.end() :]) if found else None


def _first_key(name: str) -> str:
    """The first part of the TOML key or table name `name` as tomllib reads it: `"author"`
    and `author . x` are `author`."""
    found = _TOML_FIRST_PART.match(name)
    return _part_read(found[0] if found else name)


def _key_parts(name: str) -> tuple[str, ...]:
    """The parts of the TOML dotted key or table name `name` as tomllib reads them:
    `"author" . since` is (author, since), `"a.b"` is (a.b)."""
    return tuple(_part_read(found[0]) for found in _TOML_FIRST_PART.finditer(name))


def _part_read(part: str) -> str:
    """One part of a TOML key, bare or in quotes, as tomllib reads it."""
    if part[:1] == '"' and "\\" in part:  # an escape, which tomllib reads (rare in a key)
        with contextlib.suppress(tomllib.TOMLDecodeError):
            return next(iter(tomllib.loads(f"{part} = 0")))
    return part[1:-1] if part[:1] in ("'", '"') else part


# A multi-line string, and what may hold a quote that opens none: a comment, a one-line string.
_TOML_STRINGS = re.compile(
    r'"""(?:[^\\]|\\[\s\S])*?"""(?!")|\'\'\'[\s\S]*?\'\'\'(?!\')'
    r'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
)
# A text in quotes (in three, over lines or not: `"""a"""` was read as three texts, and the
# numbers beside it quoted as str() writes them), a comment, a bracket, or what else one item
# of an array is (`toml_numbers_as_written`): a date-time with a space before its time is one
# (two, its fix quoted "+00:00" for the Z the author wrote, and no number as written beside it).
_TOML_TOKEN = re.compile(
    rf"{_TOML_STRINGS.pattern}|[\[\]]"
    r"|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?:[Zz]|[+-]\d\d:\d\d)?(?![^,\s\]#])"
    r"|[^,\s\[\]#]+"
)


def toml_list_item_lines(
    text: str, table: str, key_line: int | None, first: int = 1
) -> list[ItemLines]:
    """Where each item of a list in the TOML `text` is written: the headers of its array of
    tables (`[[table]]`, `table` being its dotted name), with the line of each key below
    them, else the line each item of the array on line `key_line` begins on
    (`toml_array_item_lines`). A table (`[table]`) is one item, as a mapping in YAML. Only
    for an error."""
    header = re.compile(rf"\s*\[\[?\s*{_toml_name_pattern(table)}\s*\]")
    tables: list[ItemLines] = []
    inside = False  # the keys below another table's header are that table's
    for number, line in toml_statement_lines(text, first):
        if header.match(line):
            tables.append(ItemLines(number))
        elif tables and (field := _subtable_of(table, line)):
            # `[authors.x]` makes a table x in the last item: its error is at this header,
            # which was reported at the item's `[[authors]]` line, above the mistake.
            tables[-1].fields.setdefault(field, number)
        inside = bool(header.match(line)) or (inside and not _TOML_HEADER.match(line))
        if inside and (key := _TOML_KEY.match(line)):
            # The key as tomllib names it in the item: `"date"` is date, `x.y` is x's.
            tables[-1].fields.setdefault(_first_key(key.group(1)), number)
    if tables or key_line is None:
        return tables
    return [ItemLines(line) for line in toml_array_item_lines(text, key_line, first)]


def _subtable_of(table: str, line: str) -> str | None:
    """The key that the header on `line` makes in an item of the array of tables `table` (the
    dotted name `authors`): `x` for `[authors.x]` or `[[ "authors" . x . y ]]`; else None."""
    found = _TOML_HEADER.match(line)
    parts = table.split(".")
    named = _key_parts(found[2]) if found else ()
    return (
        named[len(parts)]
        if len(named) > len(parts) and list(named[: len(parts)]) == parts
        else None
    )


def _toml_name_pattern(dotted: str) -> str:
    """A pattern of the dotted TOML name `dotted` (`tool.staticfeed.authors`) as TOML lets it
    be written: each part bare or in quotes (`"authors"`), with spaces around its dots."""
    parts = (
        rf"""(?:{re.escape(part)}|"{re.escape(part)}"|'{re.escape(part)}')"""
        for part in dotted.split(".")
    )
    return r"\s*\.\s*".join(parts)


def toml_array_item_lines(text: str, key_line: int, first: int = 1) -> list[int]:
    """The line each item begins on of the array on line `key_line` of the TOML `text`
    (`key = [`, counted from `first`); none when the value there is no array. Only for an
    error: tomllib keeps no lines, and this reads the text again."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: key_line - first])
    equals = text.find("=", start)
    opening = re.compile(r"=[ \t]*\[").match(text, equals) if equals >= 0 else None
    if opening is None:
        return []
    found: list[int] = []
    depth, expecting = 0, False
    for token in _TOML_TOKENS.finditer(text, opening.end() - 1):
        written = token.group()
        if written.startswith("#"):
            continue
        if depth == 1 and expecting and written not in ("]", ","):
            found.append(first + text.count("\n", 0, token.start()))
            expecting = False
        if written in ("[", "{"):
            depth += 1
            expecting = depth == 1
        elif written in ("]", "}"):
            depth -= 1
            if depth == 0:
                return found
        elif written == "," and depth == 1:
            expecting = True
    return []  # tomllib read it, so this is not reached


# Strings and comments, which may hold any bracket or comma, then what an array is made of.
_TOML_TOKENS = re.compile(rf"{_TOML_STRINGS.pattern}|[\[\]{{}},]|[^\s\[\]{{}},#\"']+")
# What TOML's values are made of: strings and comments (which may hold any of the rest), a
# bracket, a brace, a comma, an `=`, a line's end, a date-time with a space before its time
# (one value), or what else a value or a key is.
_TOML_VALUE_TOKEN = re.compile(
    rf"{_TOML_STRINGS.pattern}|[\[\]{{}},=\n]|\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d[^\s\[\]{{}},=#\"']*"
    r"|[^\s\[\]{},=#\"']+"
)


def toml_statement_lines(text: str, first: int = 1) -> Iterator[tuple[int, str]]:
    """`toml_lines` but those that begin inside an array or an inline table opened above,
    which give no key or table either: `["a"]`, an array's last item on a line of its own, was
    taken for a table's header, and the keys below it lost their lines."""
    inside = _lines_in_brackets(text)
    for number, line in toml_lines(text, first):
        if number - first not in inside:
            yield number, line


def _lines_in_brackets(text: str) -> set[int]:
    """The indexes of the lines of the TOML `text` that begin inside a bracket or a brace
    opened on a line above (a bracket in a string or a comment opens nothing)."""
    inside: set[int] = set()
    depth, line, counted, opened = 0, 0, 0, 0
    for token in _TOML_BRACKETS.finditer(text):
        written = token.group()
        if written not in ("[", "{", "]", "}"):
            continue  # a string or a comment
        line += text.count("\n", counted, token.start())
        counted = token.start()
        if written in "[{":
            opened = line if depth == 0 else opened
            depth += 1
        elif depth:  # a stray closing one closes nothing
            depth -= 1
            if depth == 0:
                inside.update(range(opened + 1, line + 1))
    return inside


_TOML_BRACKETS = re.compile(rf"{_TOML_STRINGS.pattern}|[\[\]{{}}]")


def toml_lines(text: str, first: int = 1) -> Iterator[tuple[int, str]]:
    """Each line of the TOML `text` but those inside a multi-line string, which give no key
    or table (`title = ...` in a multi-line `rights`), and its number (`first` for the first).
    Lines end at \\n alone, as editors count them (str.splitlines() ends them at a U+2028
    in a value too)."""
    inside: set[int] = set()
    line, counted = 0, 0
    for string in _TOML_STRINGS.finditer(text):
        breaks = string.group().count("\n")
        if breaks:
            line += text.count("\n", counted, string.start())
            counted = string.start()
            inside.update(range(line + 1, line + breaks + 1))
    for index, line_text in enumerate(text.split("\n")):
        if index not in inside:
            yield index + first, line_text
