"""The canonical layout, applied to a ruamel.yaml round-trip tree in place.

- Keys in the order of the schema (see order.py).
- Lists of scalars (`tags`, `personas`, `next`, `tasks`, ...) in flow style, `[a, b]`, when the
  line fits the width; one `- item` per line otherwise. Lists of mappings always in block style.
- Mappings keep the style the author chose: `{id: a, name: A}` stays on one line while it fits,
  and a block mapping stays a block. The top level is always a block.
- A collection with a comment inside it is written in block style, so the comment keeps its line.
- Text that does not fit on its line is folded (`>-`) at the width. Lines you broke in a folded
  block are kept; only lines longer than the width are broken again. Folded text that fits on
  one line is unfolded.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from journeykit.formatting.order import child_definition, ordered_keys, root_definition
from journeykit.formatting.yaml_io import RawScalar, rendered_length
from journeykit.source import YamlPath


@dataclass(frozen=True)
class Layout:
    width: int
    block: Collection[YamlPath]
    """Collections that hold a comment and must be written in block style."""


def apply(tree: Any, layout: Layout) -> None:
    """Lay out the whole document."""
    _mapping(tree, (), root_definition(tree), 0, layout)


def _is_collection(value: Any) -> bool:
    return isinstance(value, (dict, list))


def _mapping(node: Any, path: YamlPath, definition: str | None, column: int, layout: Layout) -> None:
    from ruamel.yaml.comments import merge_attrib

    if definition is not None and not getattr(node, merge_attrib, None):
        for key in ordered_keys(list(node.keys()), definition):
            node.move_to_end(key)
    flow = path != () and path not in layout.block and node.fa.flow_style()
    if flow:
        flow = _flow_length(node) is not None and column + (_flow_length(node) or 0) <= layout.width
    if flow:
        node.fa.set_flow_style()
        return
    node.fa.set_block_style()
    for key in list(node.keys()):
        if getattr(node, merge_attrib, None) and key not in node._ok:  # merged keys belong to their anchor
            continue
        value = node[key]
        child = child_definition(definition, str(key)) if definition else None
        value_column = column + len(str(key)) + 2
        if isinstance(value, dict):
            _mapping(value, (*path, key), child, column + 2, layout)
        elif isinstance(value, list):
            _sequence(value, (*path, key), child, column + 2, value_column, layout)
        else:
            _replace(node, key, _text(value, value_column, column + 2, layout))


def _sequence(node: Any, path: YamlPath, definition: str | None, dash: int, inline: int, layout: Layout) -> None:
    """A list whose dashes would sit at `dash`, or that would start at `inline` on its key's line."""
    if not node:
        node.fa.set_flow_style()
        return
    if not any(_is_collection(item) for item in node) and path not in layout.block:
        length = _flow_length(node)
        if length is not None and inline + length <= layout.width:
            node.fa.set_flow_style()
            return
    node.fa.set_block_style()
    item_column = dash + 2
    for index, item in enumerate(node):
        if isinstance(item, dict):
            _mapping(item, (*path, index), definition, item_column, layout)
        elif isinstance(item, list):
            _sequence(item, (*path, index), None, item_column, item_column, layout)
        else:
            _replace(node, index, _text(item, item_column, item_column + 2, layout))


def _replace(node: Any, key: Any, value: Any) -> None:
    """Set a value without ruamel's habit of keeping the old value's style (a folded text stays folded)."""
    from ruamel.yaml.compat import ordereddict

    if isinstance(node, dict):
        ordereddict.__setitem__(node, key, value)
    else:
        list.__setitem__(node, key, value)


def _flow_length(node: Any) -> int | None:
    """Characters of the one-line flow form, or None when it cannot be one line (a folded or literal text)."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(node, dict):
        parts = []
        for key, value in node.items():
            inner = _flow_length(value) if _is_collection(value) else _scalar_length(value)
            if inner is None:
                return None
            parts.append(len(str(key)) + 2 + inner)
        return 2 + sum(parts) + 2 * max(len(parts) - 1, 0)
    if isinstance(node, list):
        lengths = [_flow_length(item) if _is_collection(item) else _scalar_length(item) for item in node]
        if any(length is None for length in lengths):
            return None
        return 2 + sum(length or 0 for length in lengths) + 2 * max(len(lengths) - 1, 0)
    if isinstance(node, LiteralScalarString) or (isinstance(node, str) and "\n" in node):
        return None
    return _scalar_length(node)


def _scalar_length(value: Any) -> int | None:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, LiteralScalarString):
        return None
    if isinstance(value, RawScalar):
        return len(value)
    if isinstance(value, str):
        return rendered_length(str(value), True)
    return len(str(value))


def foldable(text: str) -> bool:
    """Text that a folded block holds exactly: one line, single spaces, no edge spaces, printable."""
    return " " in text and text == text.strip() and "  " not in text and text.isprintable()


def _text(value: Any, column: int, content_column: int, layout: Layout) -> Any:
    """A scalar value starting at `column`: one line when it fits, else folded at the width."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if isinstance(value, (RawScalar, LiteralScalarString)) or not isinstance(value, str):
        return value
    text = str(value)
    if not foldable(text):
        return value
    if column + rendered_length(text, False) <= layout.width:
        return text
    folded = FoldedScalarString(text)
    kept = getattr(value, "fold_pos", []) if isinstance(value, FoldedScalarString) else []
    folded.fold_pos = fold_positions(text, kept, layout.width - content_column)
    return folded


def fold_positions(text: str, kept: list[int], room: int) -> list[int]:
    """Where to fold: the author's folds, plus breaks at the last space that keeps each line within `room`."""
    breaks = sorted({p for p in kept if 0 < p < len(text) - 1 and text[p] == " " and text[p + 1] != " "})
    room = max(room, 20)
    out: list[int] = []
    start = 0
    for end in [*breaks, len(text)]:
        while end - start > room:
            cut = text.rfind(" ", start + 1, start + room + 1)
            if cut <= start:
                cut = text.find(" ", start + room)
                if cut == -1 or cut >= end:
                    break
            out.append(cut)
            start = cut + 1
        if end < len(text):
            out.append(end)
            start = end + 1
    return out
