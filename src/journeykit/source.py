"""A loaded file: its text, its data, and where every node of that data sits in the text."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

YamlPath = tuple[str | int, ...]
"""Keys and list indices from the document root to a node: `("stages", 2, "id")`."""

Span = tuple[int, int, int, int]
"""(line, column, end_line, end_column), 1-based, as stored for every node."""


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file; line and column are 1-based, as editors show them."""

    file: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def editor_lines(text: str) -> list[str]:
    """The lines an editor shows: split at \\n, \\r\\n and \\r only (str.splitlines also splits at
    U+2028, NEL, form feeds..., which would shift every later line number)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def format_path(path: YamlPath) -> str:
    """`("stages", 2, "id")` → `stages[2].id`, as a map author reads it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


def logical_path(data: Any, path: YamlPath) -> str:
    """Like format_path, but list items with an id are named by it: `touchpoints[store-listing].owner`.

    Used for fingerprints, which must survive items being added or reordered.
    """
    out = ""
    node = data
    for part in path:
        child = node[part] if isinstance(node, (dict, list)) and _has(node, part) else None  # type: ignore[index]
        if isinstance(part, int):
            out += f"[{_item_label(child, part)}]"
        else:
            out += f".{part}" if out else part
        node = child
    return out


def _item_label(item: Any, index: int) -> str:
    """An item's id, or `persona@stage` for an experience, or its index."""
    if isinstance(item, dict):
        if isinstance(item.get("id"), str):
            return str(item["id"])
        persona, stage = item.get("persona"), item.get("stage")
        if isinstance(persona, str) and isinstance(stage, str):
            return f"{persona}@{stage}"
    return str(index)


def _has(node: dict[str, Any] | list[Any], part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)


@dataclass(eq=False, slots=True)
class SourceMap:
    """Spans of values and of mapping keys, by YAML path.

    Nodes reached through an alias have no entry of their own; lookups fall back to the
    nearest ancestor that has one, which is the alias itself.
    """

    values: dict[YamlPath, Span] = field(default_factory=dict)
    keys: dict[YamlPath, Span] = field(default_factory=dict)

    def value_span(self, path: YamlPath) -> Span:
        return _nearest(self.values, path)

    def key_span(self, path: YamlPath) -> Span:
        """The span of the key that holds `path`, or of the value when there is no key (list items)."""
        span = self.keys.get(path)
        return span if span is not None else self.value_span(path)


def _nearest(spans: dict[YamlPath, Span], path: YamlPath) -> Span:
    while path:
        span = spans.get(path)
        if span is not None:
            return span
        path = path[:-1]
    return spans.get((), (1, 1, 1, 1))


@dataclass(eq=False, slots=True)
class SourceFile:
    """One file as loaded: display name, real path (None for stdin), text, data and spans."""

    display: str
    path: Path | None
    text: str
    data: Any = None
    spans: SourceMap = field(default_factory=SourceMap)
    _starts: array[int] | None = field(default=None, repr=False)
    """Where each line after the first starts, found once (at the breaks `editor_lines` splits at)."""

    @property
    def kind(self) -> str | None:
        """`journey`, `catalog`, or None when the file does not say."""
        if isinstance(self.data, dict):
            kind = self.data.get("kind")
            if isinstance(kind, str):
                return kind
        return None

    @property
    def directory(self) -> Path:
        """Where catalogs are looked for: the file's directory; for stdin, that of `--stdin-filename`."""
        return (self.path if self.path else Path.cwd() / self.display).parent.resolve()

    def location(self, path: YamlPath, *, key: bool = False) -> Location:
        """The location of the value at `path`, or of its key when `key` is true."""
        span = self.spans.key_span(path) if key else self.spans.value_span(path)
        return Location(self.display, span[0], span[1], span[2], span[3])

    def line_text(self, line: int) -> str:
        """Line `line` (1-based) of the text as an editor numbers it (`editor_lines`), or "" past its end.

        Lines near the top (a map's id) are read without looking further; otherwise the line
        starts are indexed once, in 8 bytes a line rather than a copy of every line.
        """
        text = self.text
        if line < 1:
            return ""
        if self._starts is None and line <= _NEAR_TOP:
            head = _head(text, line)
            if head is not None:
                return editor_lines(head)[line - 1]
        if self._starts is None:
            self._starts = array("q", (match.end() for match in _LINE_BREAK.finditer(text)))
        starts = self._starts
        begin = 0 if line == 1 else starts[line - 2] if line - 2 < len(starts) else len(text)
        if begin >= len(text):
            return ""
        if line - 1 < len(starts):
            end = starts[line - 1]
            end -= 2 if end >= 2 and text[end - 2 : end] == "\r\n" else 1
            return text[begin:end]
        return text[begin:]


_NEAR_TOP = 64


def _head(text: str, lines: int) -> str | None:
    """The text up to the end of its `lines`-th newline, which holds at least that many whole lines
    (None when the text has fewer newlines)."""
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return None
    return text[: end + 1]


def scalar_paths(data: Any) -> Iterator[YamlPath]:
    """The path of every scalar in `data` (not of mappings and lists, empty or not)."""
    stack: list[tuple[YamlPath, Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, index), value) for index, value in enumerate(node))
        else:
            yield path


def text_ranges(source: SourceFile, lines: list[str]) -> dict[int, list[tuple[int, int]]]:
    """Per 0-based line of `lines` (the file's text), the column ranges [start, end) that keys and scalar
    values occupy: a `#` there is text, anywhere else it starts a comment. A block scalar's header line
    holds only its indicator (`|`, `>-`), so a comment may follow it."""
    covered: dict[int, list[tuple[int, int]]] = {}
    spans = list(source.spans.keys.values())
    for path in scalar_paths(source.data):
        span = source.spans.values.get(path)
        if span is not None:
            spans.append(span)
    for line, column, end_line, end_column in spans:
        line, column, end_line, end_column = line - 1, column - 1, end_line - 1, end_column - 1
        text = lines[line] if line < len(lines) else ""
        if end_line > line and column < len(text) and text[column] in "|>":
            # A block scalar: its header line holds only the indicator (a comment may follow it).
            indicator_end = column
            while indicator_end < len(text) and not text[indicator_end].isspace():
                indicator_end += 1
            covered.setdefault(line, []).append((column, indicator_end))
            last = end_line if end_column > 0 else end_line - 1
            while last > line and not (lines[last].strip() if last < len(lines) else ""):
                last -= 1  # trailing blank lines belong to the layout, not to the text
            for inner in range(line + 1, last + 1):
                covered.setdefault(inner, []).append((0, 1 << 30))
            continue
        if end_line == line:
            covered.setdefault(line, []).append((column, end_column))
            continue
        covered.setdefault(line, []).append((column, 1 << 30))
        for inner in range(line + 1, end_line):
            covered.setdefault(inner, []).append((0, 1 << 30))
        covered.setdefault(end_line, []).append((0, end_column))
    return covered
