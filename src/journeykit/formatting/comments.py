"""Comments and blank lines: taken out of a map by line, tied to the node they describe, put back after layout.

ruamel.yaml keeps comments, but it files the comment lines that precede a node under the node before
it, often deep inside another subtree; moving keys would then carry a comment away from the key it
describes. So journeykit reads comments itself, from the text and the loader's node positions, and
ties each to a node by its YAML path:

- an end-of-line comment to the outermost node that starts on its line (a list item rather than its
  first key), so `# journeykit: ignore[...]` stays on the line that opens the node it silences;
- comment lines and blank lines to the node that follows them, unless they are indented deeper than
  that node: then they close a node above them, and keep their indentation relative to it (each
  stretch of lines at one indentation separately, never left of its node), so that formatting the
  result again puts them in the same place;
- comments before the first key of the file (the yaml-language-server modeline) to the top.

After layout each comment goes back beside its node, wherever the node now is.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from journeykit.source import SourceFile, Span, YamlPath, text_ranges

Kind = Literal["header", "eol", "before", "after"]


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment (or a run of comment and blank lines) and the node it belongs to."""

    kind: Kind
    path: YamlPath
    lines: tuple[str, ...]
    """Comment texts starting with `#`; "" stands for a blank line. One text for an end-of-line comment."""
    column: int = 0
    """End-of-line comments: the spaces between the code and the comment, kept so that comments aligned
    on unchanged lines stay aligned. Closing comments ("after"): how much deeper than their node they were
    indented."""


@dataclass(frozen=True, slots=True)
class _Start:
    line: int  # 0-based
    column: int  # 0-based: a key's column, or a list item's dash
    path: YamlPath
    flow: bool = False
    """Inside a flow collection (`[a, b]`, `{k: v}`): its column says nothing about indentation."""


def node_starts(source: SourceFile) -> list[_Start]:
    """Every key and list item with a position of its own, in document order."""
    text_lines = source.text.splitlines()
    starts = [_Start(*_zero(source.spans.values.get((), (1, 1, 1, 1))), ())]
    for path, span in source.spans.keys.items():
        starts.append(_Start(span[0] - 1, span[1] - 1, path))
    for path, span in source.spans.values.items():
        if path and isinstance(path[-1], int):
            line, column = _zero(span)
            starts.append(_Start(line, _dash_column(text_lines, line, column), path))
    starts.sort(key=lambda s: (s.line, len(s.path)))
    flow: dict[YamlPath, bool] = {(): False}
    opens: dict[YamlPath, bool] = {}
    marked = []
    for begin in starts:  # ancestors sort first: they start on an earlier line, or on the same with a shorter path
        if not begin.path:
            marked.append(begin)
            continue
        parent = begin.path[:-1]
        opened = opens.get(parent)
        if opened is None:
            opened = opens[parent] = _opens_flow(source, text_lines, parent)
        inside = flow.get(parent, False) or opened
        flow[begin.path] = inside
        marked.append(_Start(begin.line, begin.column, begin.path, inside) if inside else begin)
    return marked


def _opens_flow(source: SourceFile, lines: list[str], path: YamlPath) -> bool:
    span = source.spans.values.get(path)
    if span is None or not 0 < span[0] <= len(lines):
        return False
    return lines[span[0] - 1][span[1] - 1 : span[1]] in ("[", "{")


def _zero(span: Span) -> tuple[int, int]:
    return span[0] - 1, span[1] - 1


def _dash_column(lines: list[str], line: int, column: int) -> int:
    """The column of the `- ` that opens a block list item, or the item's own column in a flow list."""
    if 0 <= line < len(lines):
        before = lines[line][:column].rstrip()
        if before.endswith("-") and (len(before) == 1 or before[-2] in " -"):
            return len(before) - 1
    return column


def _comment_start(text: str, ranges: list[tuple[int, int]]) -> int | None:
    """Where a comment starts on this line: a `#` outside keys and values, at the start or after a space."""
    position = text.find("#")
    while position != -1:
        if (position == 0 or text[position - 1] in " \t") and not any(a <= position < b for a, b in ranges):
            return position
        position = text.find("#", position + 1)
    return None


@dataclass(frozen=True, slots=True)
class Reading:
    """A file split into its comments (tied to nodes) and its lines of code without them."""

    comments: list[Comment]
    code: list[tuple[int, str]]
    """(0-based line, the line without its end-of-line comment and trailing spaces) for every line of code."""


def read(source: SourceFile) -> Reading:
    """Every comment and blank line of a loaded file, tied to a node, and the lines of code."""
    lines = source.text.splitlines()
    covered = text_ranges(source, lines)
    starts = node_starts(source)
    start_lines = [s.line for s in starts]
    column_of = {s.path: s.column for s in starts}
    outermost: dict[int, YamlPath] = {}
    innermost: dict[int, YamlPath] = {}
    for begin in starts:  # the top level opens on its first key's line: that key owns the line's comment
        if begin.path:
            outermost.setdefault(begin.line, begin.path)
            if not begin.flow:
                innermost[begin.line] = begin.path
    outermost.setdefault(starts[0].line, ())
    block_lines = sorted(innermost)

    def owner(line: int) -> YamlPath:
        """The outermost node starting on `line`, else the last node that started before it."""
        if line in outermost:
            return outermost[line]
        index = bisect.bisect_right(start_lines, line) - 1
        return outermost[start_lines[index]] if index >= 0 else ()

    def closer(line: int) -> YamlPath:
        """The innermost block node starting on `line` or on the last line before it where one starts.

        Comments that close nodes choose among its ancestors: after layout that node ends the line the
        comments follow, and when it is the first key of a list item the item still holds it.
        """
        index = bisect.bisect_right(block_lines, line) - 1
        return innermost[block_lines[index]] if index >= 0 else ()

    comments: list[Comment] = []
    code_lines: list[tuple[int, str]] = []
    block: list[tuple[int, str]] = []  # (column, text) of pending comment lines; text "" is a blank line
    last_code: int | None = None
    for number, text in enumerate(lines):
        ranges = covered.get(number, [])
        start = _comment_start(text, ranges)
        code = text[:start] if start is not None else text
        if not ranges and not code.strip():
            block.append((start or 0, text[start:].rstrip() if start is not None else ""))
            continue
        if block:
            comments.extend(_place(block, last_code, number, owner, closer, column_of))
            block = []
        last_code = number
        code = code.rstrip()
        code_lines.append((number, code))
        if start is not None:
            comments.append(Comment("eol", owner(number), (text[start:].rstrip(),), start - len(code)))
    if block:
        comments.extend(_place(block, last_code, None, owner, closer, column_of))
    return Reading(comments, code_lines)


def _place(
    block: list[tuple[int, str]],
    last_code: int | None,
    next_code: int | None,
    owner: Callable[[int], YamlPath],
    closer: Callable[[int], YamlPath],
    column_of: dict[YamlPath, int],
) -> Iterator[Comment]:
    """The comments of one run of comment and blank lines between two lines of code.

    Lines up to the last one indented deeper than the node that follows close nodes above it: each
    stretch at one indentation closes the outermost node at that indentation or deeper (the innermost
    when none is that deep), so lines at different indentations keep them, and never sits left of
    its node. The lines after it (blank lines included) go before the following node, at its indentation.
    """
    texts = tuple(text for _, text in block)
    if not any(texts):
        if last_code is not None and next_code is not None:
            yield Comment("before", owner(next_code), ("",))  # blank lines between nodes: at most one is kept
        return
    if last_code is None:
        yield Comment("header", (), texts)
        return
    split = len(block)
    if next_code is not None:
        following = owner(next_code)
        limit = column_of.get(following, 0)
        split = 1 + max((i for i, (column, text) in enumerate(block) if text and column > limit), default=-1)
        if split < len(block):
            yield Comment("before", following, texts[split:])
    path = closer(last_code)
    chain = [path[:length] for length in range(len(path) + 1)]  # outermost first
    for column, lines in _stretches(block[:split]):
        target = next((p for p in chain if column_of.get(p, 0) >= column), path)
        yield Comment("after", target, lines, max(column - column_of.get(target, 0), 0))


def _stretches(block: list[tuple[int, str]]) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Consecutive comment lines at one indentation (with the blank lines after them), in order."""
    column: int | None = None
    lines: list[str] = []
    for line_column, text in block:
        if text and line_column != column:
            if lines and column is not None:
                yield column, tuple(lines)
            column, lines = line_column, []
        lines.append(text)
    if lines and column is not None:
        yield column, tuple(lines)


def block_paths(comments: list[Comment]) -> set[YamlPath]:
    """Collections that must be written in block style because a comment sits inside them."""
    paths: set[YamlPath] = {()}
    for comment in comments:
        if comment.kind == "header":
            continue
        paths.update(comment.path[:length] for length in range(len(comment.path)))
    return paths


def reinsert(text: str, comments: list[Comment], source: SourceFile) -> str:
    """Put comments back into laid-out `text`, whose loaded positions are in `source`."""
    lines = text.splitlines()
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    trailing: dict[int, list[tuple[int, str]]] = {}
    header: list[str] = []
    for comment in comments:
        if comment.kind == "header":
            header.extend(comment.lines)
            continue
        path = _existing(comment.path, source)
        start = _output_start(path, source)
        if comment.kind == "eol":
            trailing.setdefault(start[0], []).append((comment.column, comment.lines[0]))
        elif comment.kind == "before":
            before.setdefault(start[0], []).extend(_indent(comment.lines, start[1]))
        else:
            last = max(_last_line(path, source, lines), start[0])
            indent = max(start[2] + comment.column, 0)
            inside = _block_text_indent(last_descendant(path, source.data), source, lines)
            if inside is not None and indent >= inside:
                # As deep as the folded or literal text it follows, it would become that text: one column less
                # ends the text, and keeps the comment deeper than what follows (formatting again keeps it).
                indent = max(inside - 1, start[2])
            after.setdefault(last, []).extend(_indent(comment.lines, indent))
    out: list[str] = list(header)
    for number, line in enumerate(lines):
        out.extend(before.get(number, ()))
        for gap, comment_text in trailing.get(number, ()):
            line = f"{line}{' ' * max(gap, 1)}{comment_text}"
        out.append(line)
        out.extend(after.get(number, ()))
    return _tidy(out)


def last_descendant(path: YamlPath, data: Any) -> YamlPath:
    """The node that ends the one at `path`: its last key's or item's, down to a scalar."""
    node = data
    for part in path:
        if not isinstance(node, (dict, list)) or (isinstance(node, list) and not isinstance(part, int)):
            return path
        try:
            node = node[part]  # type: ignore[index]
        except (KeyError, IndexError):
            return path
    while isinstance(node, (dict, list)) and node:
        last = next(reversed(node)) if isinstance(node, dict) else len(node) - 1
        path = (*path, last)
        node = node[last]
    return path


def _block_text_indent(path: YamlPath, source: SourceFile, lines: list[str]) -> int | None:
    """The indentation of a folded or literal block scalar's text at `path`; None for anything else."""
    span = source.spans.values.get(path)
    if span is None or span[0] > len(lines) or lines[span[0] - 1][span[1] - 1 : span[1]] not in ("|", ">"):
        return None
    if span[0] >= len(lines) or not lines[span[0]].strip():
        return None
    return len(lines[span[0]]) - len(lines[span[0]].lstrip())


def _existing(path: YamlPath, source: SourceFile) -> YamlPath:
    while path and path not in source.spans.keys and path not in source.spans.values:
        path = path[:-1]
    return path


def _output_start(path: YamlPath, source: SourceFile) -> tuple[int, int, int]:
    """(0-based line, indentation for comments before it, the node's own column).

    The own column is the one `node_starts` records, which closing comments are measured from: a key's
    column, a list item's dash. The first key of a list item takes comments before it above its dash.
    """
    spans = source.spans
    if not path:
        return 0, 0, 0
    if isinstance(path[-1], int):
        line, column = _zero(spans.value_span(path))
        dash = max(column - 2, 0)
        return line, dash, dash
    line, column = _zero(spans.key_span(path))
    parent = path[:-1]
    if parent and isinstance(parent[-1], int) and parent in spans.values and _zero(spans.values[parent])[0] == line:
        return line, max(column - 2, 0), column
    return line, column, column


def _last_line(path: YamlPath, source: SourceFile, lines: list[str]) -> int:
    """The 0-based last line of a node's text: a block collection's end mark sits on the next token."""
    end_line, end_column = source.spans.value_span(path)[2:]
    last = end_line - 1
    if last >= len(lines) or not lines[last][: end_column - 1].strip():
        last -= 1
    return last


def _indent(texts: tuple[str, ...], column: int) -> list[str]:
    return [f"{' ' * column}{text}" if text else "" for text in texts]


def _tidy(lines: list[str]) -> str:
    """No blank lines at the start or end, never two in a row, no trailing spaces."""
    out: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n" if out else ""
