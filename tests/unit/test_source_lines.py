"""SourceFile.line_text reads a line as editors number it (`editor_lines`), without copying every line."""

from __future__ import annotations

import random

import pytest

from journeykit.source import SourceFile, editor_lines

BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("seed", range(20))
def test_every_line_is_the_line_editors_show(seed: int) -> None:
    rng = random.Random(seed)
    parts = []
    for _ in range(rng.randint(0, 150)):
        parts.append(rng.choice(["", "a", "key: value", "  - item", "é ü"]))
        parts.append(rng.choice(BREAKS + ["\n"] * 12))
    text = "".join(parts[: -1 if rng.random() < 0.5 else None])
    expected = editor_lines(text)
    near_top, indexed = SourceFile("x", None, text), SourceFile("x", None, text)
    indexed.line_text(10_000)  # index the line starts first
    for number in range(-1, len(expected) + 3):
        want = expected[number - 1] if 0 < number <= len(expected) else ""
        assert near_top.line_text(number) == want
        assert indexed.line_text(number) == want


def test_lines_near_the_top_do_not_index_the_file() -> None:
    source = SourceFile("x", None, "journeykit: 1\nid: x\n" + "a: b\n" * 1000)
    assert source.line_text(2) == "id: x"
    assert source._starts is None
    assert source.line_text(900) == "a: b"
    assert source._starts is not None
