"""The proof that a file is already formatted: it agrees with the formatter, and vouches for nothing else."""

from __future__ import annotations

import sys

import pytest

from journeykit.formatting.canonical import already_formatted
from journeykit.formatting.comments import read
from journeykit.formatting.engine import format_text
from journeykit.loader import load_text
from tests.helpers import EXAMPLES, FIXTURES, REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate_map

NAME = "map.journey.yaml"
FILES = [*sorted(EXAMPLES.rglob("*.yaml")), FIXTURES / "hostile" / "hostile.journey.yaml"]


def proven(text: str, width: int = 120) -> bool:
    loaded = load_text(text, NAME)
    assert loaded.ok, loaded.findings
    return already_formatted(loaded.source, read(loaded.source), width)


def slow(text: str, width: int = 120) -> str:
    result = format_text(text, NAME, width, prove=False)
    assert result.text is not None, result.findings
    return result.text


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
@pytest.mark.parametrize("width", [60, 120])
def test_formatted_files_are_proven_and_both_paths_agree(path: object, width: int) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    once = slow(text, width)
    assert proven(once, width)
    assert slow(once, width) == once
    assert format_text(text, NAME, width).text == once  # whichever path it takes


@pytest.mark.parametrize("index", range(3))
def test_generated_benchmark_maps_take_the_fast_path(index: int) -> None:
    once = slow(generate_map(index, 12, 1))
    assert proven(once)
    assert slow(once) == once


HEAD = "journeykit: 1\nkind: journey\nid: a\ntitle: A\n"
PROVEN = [
    HEAD + "stages:\n  - {id: buy, name: Buy}\n",
    HEAD + 'tags: ["12:30", "#x", yes, 010, 2026-10-15]\n',
    HEAD + "name: '#say \"hi\"'\n",  # single quotes only around a double quote
    HEAD + "stages:\n  - {id: buy, name: Buy}\n   # a closing comment keeps its column\n",
    HEAD + "# a comment before stages\nstages:\n  - id: buy  # at the end of a line\n    name: Buy\n    # closing\n",
    HEAD + "description: >-\n  " + " ".join(["word"] * 12) + "\n  " + " ".join(["word"] * 12) + "\n",
    HEAD + "x-empty: []\nx-map: {}\n",
]
NOT_PROVEN = [
    HEAD + 'stages:\n  - {id: buy, name: "Buy"}\n',  # needless quotes
    HEAD + "name: 'Plain'\n",  # single quotes the formatter would make double or drop
    HEAD + "title: B\n",  # a duplicate would not load; a key out of order:
    "kind: journey\njourneykit: 1\nid: a\ntitle: A\n",
    HEAD + "tags:\n  - one\n  - two\n",  # a block list that fits on one line
    HEAD + "tags: [one,two]\n",
    HEAD + "stages:\n- id: buy\n  name: Buy\n",  # list items not indented
    HEAD + "stages:\n  - id: buy\n    name: Buy   \n",  # trailing spaces
    HEAD + "\n\nstages:\n  - {id: buy, name: Buy}\n",  # two blank lines
    HEAD + "stages:\n# a comment left of the item it precedes\n  - {id: buy, name: Buy}\n",
    HEAD + "description: " + " ".join(["word"] * 30) + "\n",  # too long: it would fold
    HEAD + "description: >-\n  short text\n",  # fits on one line: it would unfold
    HEAD + "description: >\n  " + " ".join(["word"] * 30) + "\n",  # keeps its final line break
    "---\n" + HEAD,
    HEAD + "x-a: &anchor one\nx-b: *anchor\n",
    HEAD + "x-a: !!str one\n",
    HEAD + "x-a: |\n  literal\n",
    HEAD + 'x-a: "tab\\there"\n',
    HEAD + "x-a:\n",
]


@pytest.mark.parametrize("text", PROVEN)
def test_what_the_formatter_writes_is_proven(text: str) -> None:
    assert slow(text) == text
    assert proven(text)


@pytest.mark.parametrize("text", NOT_PROVEN)
def test_anything_else_takes_the_long_way(text: str) -> None:
    loaded = load_text(text, NAME)
    if not loaded.ok:
        return
    assert not proven(text)
    assert format_text(text, NAME) == format_text(text, NAME, prove=False)
