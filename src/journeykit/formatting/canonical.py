"""Proving that a loaded file is already in the canonical layout, without ruamel.yaml.

`journeykit format --check` mostly reads files that are formatted already, and ruamel.yaml, written
in Python, takes some twenty times as long as journeykit's loader to read and write one. So, as the
schema check lets fastjsonschema pass valid files before jsonschema explains the others, this module
writes down the lines the formatter would produce from what the loader has read (the data, the span
of every node, the author's styles at those spans), compares them with the file's lines of code, and
puts the comments back with the formatter's own code. It knows only what the formatter writes: plain
and double-quoted text, `>-` folded text, flow and block collections. Anything else (anchors, tags,
single quotes, literal blocks, escapes, a line the layout would change) means "not proven", and the
file goes through ruamel.yaml as before, which decides. A test compares both paths on every example
and on generated and mutated maps.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Collection
from typing import Any

from journeykit.formatting.comments import Reading, block_paths, last_descendant, reinsert
from journeykit.formatting.layout import fold_positions, foldable
from journeykit.formatting.order import child_definition, ordered_keys, root_definition
from journeykit.formatting.yaml_io import (
    plain_allowed,
    raw_plain_allowed,
    rendered_length,
    resolves_to_text,
    single_quotes_allowed,
)
from journeykit.source import SourceFile, SourceMap, Span, YamlPath

_UNUSUAL = re.compile("[\t\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029\ufeff]")
"""Characters that change how lines are counted or how wide they are: such files take the slow path."""
_DOUBLE_QUOTED_AS_IS = re.compile('^[^"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]*$')
"""Text that ruamel.yaml writes between double quotes without an escape (its emitter's condition)."""
_MAX_SIMPLE_KEY = 128


class _NotProven(Exception):
    """The layout of this file is not one this module can vouch for."""


def already_formatted(source: SourceFile, reading: Reading, width: int) -> bool:
    """Whether formatting `source` would give back its text unchanged, when that can be shown cheaply."""
    text = source.text
    if not text.endswith("\n") or _UNUSUAL.search(text):
        return False
    lines = text.splitlines()
    try:
        expected = _Writer(source, lines, width, block_paths(reading.comments)).document()
    except _NotProven:
        return False
    code = [line for _, line in reading.code]
    if expected != code:
        return False
    laid_out = "\n".join(code) + "\n"
    return reinsert(laid_out, reading.comments, _code_only(source, reading, laid_out)) == text


class _Writer:
    """The formatter's layout (layout.py) and ruamel.yaml's output, restricted to what both are sure of."""

    def __init__(self, source: SourceFile, lines: list[str], width: int, block: Collection[YamlPath]) -> None:
        self.data = source.data
        self.values = source.spans.values
        self.keys = source.spans.keys
        self.lines = lines
        self.width = width
        self.block = block
        self.out: list[str] = []

    def document(self) -> list[str]:
        if not isinstance(self.data, dict):
            raise _NotProven
        self._block_mapping(self.data, (), root_definition(self.data), 0, "")
        return self.out

    # -- block collections

    def _block_mapping(
        self, node: dict[str, Any], path: YamlPath, definition: str | None, column: int, lead: str
    ) -> None:
        """Keys at `column`; the first one after `lead` (its indentation, or a list item's dash)."""
        keys = tuple(node)
        if not keys:
            raise _NotProven
        if definition is not None and not _in_order(keys, definition):
            raise _NotProven
        indent = " " * column
        for index, key in enumerate(keys):
            child = (*path, key)
            if child not in self.keys:
                raise _NotProven  # merged from an anchor
            head = f"{lead if index == 0 else indent}{_key(key, in_flow=False)}:"
            value = node[key]
            definition_of = child_definition(definition, key) if definition else None
            if isinstance(value, dict):
                if self._flow_mapping(value, child, definition_of, column + 2):
                    self.out.append(f"{head} {self._flow(value, child)}")
                else:
                    self.out.append(head)
                    self._block_mapping(value, child, definition_of, column + 2, " " * (column + 2))
            elif isinstance(value, list):
                if self._flow_sequence(value, child, column + len(key) + 2):
                    self.out.append(f"{head} {self._flow(value, child)}")
                else:
                    self.out.append(head)
                    self._block_sequence(value, child, definition_of, column + 2)
            else:
                self._scalar(head, value, child, column + len(key) + 2, column + 2, column + 2)

    def _block_sequence(self, node: list[Any], path: YamlPath, definition: str | None, dash: int) -> None:
        lead = " " * dash + "- "
        for index, item in enumerate(node):
            child = (*path, index)
            if child not in self.values:
                raise _NotProven
            if isinstance(item, dict):
                if self._flow_mapping(item, child, definition, dash + 2):
                    self.out.append(lead + self._flow(item, child))
                else:
                    self._block_mapping(item, child, definition, dash + 2, lead)
            elif isinstance(item, list):
                if not self._flow_sequence(item, child, dash + 2):
                    raise _NotProven  # a block list right inside a block list: `- - a`
                self.out.append(lead + self._flow(item, child))
            else:
                # layout.py folds an item's text as if it started two columns deeper than ruamel.yaml writes it
                self._scalar(lead.rstrip(), item, child, dash + 2, dash + 4, dash + 2)

    # -- flow or block: layout.py's decisions

    def _flow_mapping(self, node: dict[str, Any], path: YamlPath, definition: str | None, column: int) -> bool:
        """A mapping the author wrote in flow style stays so while it fits and holds no comment."""
        if self._style(path) != "{":
            return False
        if path in self.block:
            raise _NotProven  # a comment inside a flow mapping: rare, left to ruamel.yaml
        if definition is not None and not _in_order(tuple(node), definition):
            raise _NotProven
        length = self._length(node, path)
        return length is not None and column + length <= self.width

    def _flow_sequence(self, node: list[Any], path: YamlPath, inline: int) -> bool:
        """Lists of scalars are flow when they fit on their line and hold no comment; empty lists always."""
        if not node:
            return True
        if any(isinstance(item, (dict, list)) for item in node) or path in self.block:
            return False
        length = self._length(node, path)
        return length is not None and inline + length <= self.width

    def _length(self, node: Any, path: YamlPath) -> int | None:
        """layout._flow_length: the characters of the one-line flow form, None when it has none."""
        if isinstance(node, dict):
            parts: list[int] = []
            for key, value in node.items():
                inner = self._length(value, (*path, key))
                if inner is None:
                    return None
                parts.append(len(key) + 2 + inner)
            return 2 + sum(parts) + 2 * max(len(parts) - 1, 0)
        if isinstance(node, list):
            lengths = [self._length(item, (*path, index)) for index, item in enumerate(node)]
            if any(length is None for length in lengths):
                return None
            return 2 + sum(length or 0 for length in lengths) + 2 * max(len(lengths) - 1, 0)
        style = self._style(path)
        if style == "|":
            return None
        if style == "plain":
            raw = self._raw(path)
            return rendered_length(raw, True) if resolves_to_text(raw) else len(raw)
        if not isinstance(node, str):
            raise _NotProven
        return rendered_length(node, True)

    # -- scalars

    def _scalar(self, head: str, value: Any, path: YamlPath, column: int, content_column: int, indent: int) -> None:
        """A scalar in block context after `head` (`key:` or `-`), starting at `column`.

        Folded text is folded for lines from `content_column` and written indented by `indent`.
        """
        style = self._style(path)
        if style == "plain":
            raw = self._raw(path)
            if not raw:
                raise _NotProven  # an empty value (null)
            if not resolves_to_text(raw):  # a number, boolean, null or date: written as it was
                if not raw_plain_allowed(raw, in_flow=False):
                    raise _NotProven
                self.out.append(f"{head} {raw}")
                return
            self._text(raw, column)
            if not plain_allowed(raw, False):
                raise _NotProven
            self.out.append(f"{head} {raw}")
            return
        if not isinstance(value, str):
            raise _NotProven
        if style in "\"'":
            self._text(value, column)
            if plain_allowed(value, False):
                raise _NotProven
            self.out.append(f"{head} {_quoted(value)}")
            return
        if style == ">":
            self._folded(head, value, path, column, content_column, indent)
            return
        raise _NotProven

    def _text(self, text: str, column: int) -> None:
        """layout._text leaves one-line text alone when it fits, or cannot be folded."""
        if foldable(text) and column + rendered_length(text, False) > self.width:
            raise _NotProven

    def _folded(self, head: str, value: str, path: YamlPath, column: int, content_column: int, indent: int) -> None:
        """Folded text (`>-`) that layout._text would fold at the very places it is folded."""
        if not foldable(value) or column + rendered_length(value, False) <= self.width:
            raise _NotProven
        line, _, end_line, end_column = self.values[path]
        last = end_line - 1 if end_column > 1 else end_line - 2  # 0-based; the end is after the text's last break
        while last >= line and not self.lines[last].strip():
            last -= 1
        content = self.lines[line : last + 1]
        spaces = " " * indent
        pieces = []
        for text in content:
            if not text.startswith(spaces) or text[indent : indent + 1] in ("", " "):
                raise _NotProven
            pieces.append(text[indent:])
        if " ".join(pieces) != value:
            raise _NotProven
        kept, position = [], -1
        for piece in pieces[:-1]:
            position += len(piece) + 1
            kept.append(position)
        if fold_positions(value, kept, self.width - content_column) != kept:
            raise _NotProven
        self.out.append(f"{head} >-")
        self.out.extend(spaces + piece for piece in pieces)

    # -- flow collections, as ruamel.yaml writes them on one line

    def _flow(self, node: Any, path: YamlPath) -> str:
        if isinstance(node, dict):
            parts = []
            for key, value in node.items():
                if (*path, key) not in self.keys:
                    raise _NotProven
                parts.append(f"{_key(key, in_flow=True)}: {self._flow(value, (*path, key))}")
            return "{" + ", ".join(parts) + "}"
        if isinstance(node, list):
            return "[" + ", ".join(self._flow(item, (*path, index)) for index, item in enumerate(node)) + "]"
        style = self._style(path)
        if style == "plain":
            raw = self._raw(path)
            written = plain_allowed(raw, True) if resolves_to_text(raw) else raw_plain_allowed(raw, True)
            if written:
                return raw
        elif style in "\"'" and isinstance(node, str) and not plain_allowed(node, True):
            return _quoted(node)
        raise _NotProven

    # -- the source

    def _span(self, path: YamlPath) -> Span:
        span = self.values.get(path)
        if span is None:
            raise _NotProven  # reached through an alias
        return span

    def _style(self, path: YamlPath) -> str:
        """How the author wrote the node: `{`, `[`, `"`, `'`, `>`, `|`, `&` (anchor), `*`, `!`, or plain."""
        line, column = self._span(path)[:2]
        char = self.lines[line - 1][column - 1 : column] if line <= len(self.lines) else ""
        return char if char and char in "{[\"'>|&*!" else "plain"

    def _raw(self, path: YamlPath) -> str:
        """A plain scalar's text as written; only one-line scalars are proven."""
        line, column, end_line, end_column = self._span(path)
        if end_line != line:
            raise _NotProven
        return self.lines[line - 1][column - 1 : end_column - 1]


@functools.lru_cache(maxsize=4096)
def _in_order(keys: tuple[str, ...], definition: str) -> bool:
    """Whether the keys are in canonical order (items of one kind mostly share their keys: asked once)."""
    return tuple(ordered_keys(list(keys), definition)) == keys


def _quoted(value: str) -> str:
    """Text that cannot be plain, as ruamel.yaml quotes it: double quotes, or single ones around a `"`."""
    if '"' not in value and _DOUBLE_QUOTED_AS_IS.match(value):
        return f'"{value}"'
    if '"' in value and "'" not in value and "\n" not in value and single_quotes_allowed(value):
        return f"'{value}'"
    raise _NotProven


def _key(key: Any, *, in_flow: bool) -> str:
    if not isinstance(key, str) or len(key) >= _MAX_SIMPLE_KEY or not plain_allowed(key, in_flow):
        raise _NotProven
    return key


def _code_only(source: SourceFile, reading: Reading, text: str) -> SourceFile:
    """The source as `text`, its code lines alone, with the spans `reinsert` reads moved to those lines.

    Only the nodes comments belong to, their ancestors and the nodes that end them are needed. A position
    on a line that is gone (a block scalar ends after the blank or comment lines that follow it) moves to
    the start of the next line of code, where reading the code alone puts it.
    """
    kept = [number for number, _ in reading.code]

    def move(line: int, column: int) -> tuple[int, int]:
        index = bisect.bisect_left(kept, line - 1)
        return (index + 1, column) if index < len(kept) and kept[index] == line - 1 else (index + 1, 1)

    moved = SourceMap()
    wanted = {comment.path[:length] for comment in reading.comments for length in range(len(comment.path) + 1)}
    closing = {c.path[:length] for c in reading.comments if c.kind == "after" for length in range(len(c.path) + 1)}
    wanted.update(last_descendant(path, source.data) for path in closing)
    for spans, target in ((source.spans.values, moved.values), (source.spans.keys, moved.keys)):
        for path in wanted:
            span = spans.get(path)
            if span is not None:
                target[path] = (*move(span[0], span[1]), *move(span[2], span[3]))
    return SourceFile(source.display, source.path, text, source.data, moved)
