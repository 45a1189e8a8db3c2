"""Formatting never changes meaning and is idempotent, on generated maps mutated in many ways; and the
proof that a file is already formatted (formatting/canonical.py) never vouches for one the formatter
would change.

Maps come from benchmarks/generate.py; hypothesis shuffles their keys, switches lists and mappings
between flow and block style, quotes text, and scatters comments (at their line's indentation, deeper,
shallower, in runs) and blank lines. For each: the data journeykit's loader reads is the same before
and after formatting, every comment survives, and formatting the result again changes nothing. Then
small edits of formatted maps (a line moved, indented, joined or split, a value or its quotes changed,
a comment or a blank line added) check the proof against the formatter itself.
"""

from __future__ import annotations

import functools
import random
import re
import sys
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.formatting.canonical import already_formatted
from journeykit.formatting.comments import read
from journeykit.formatting.engine import format_text
from journeykit.loader import load_text
from tests.helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate_map

pytestmark = pytest.mark.slow


def _trimmed(node: Any) -> Any:
    """At most three items in any list: ruamel.yaml's time grows with the text, the variety does not."""
    if isinstance(node, dict):
        return {key: _trimmed(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_trimmed(item) for item in node[:3]]
    return node


SOURCES = [
    yaml.dump(
        _trimmed(yaml.load(generate_map(index, 4, 2), Loader=yaml.CSafeLoader)),
        Dumper=yaml.CSafeDumper,
        sort_keys=False,
    )
    for index in range(8)
]
"""Small generated maps keep hypothesis fast; tests/unit/test_format*.py format the examples themselves."""
WIDTHS = (60, 100, 120)
NAME = "map.journey.yaml"


def mutate(text: str, rng: random.Random) -> str:
    """The same map written another way: keys shuffled, styles mixed, comments and blank lines added."""
    data = yaml.load(text, Loader=yaml.CSafeLoader)

    def shuffle(node: Any) -> Any:
        if isinstance(node, dict):
            items = [(k, shuffle(v)) for k, v in node.items()]
            rng.shuffle(items)
            return dict(items)
        if isinstance(node, list):
            return [shuffle(item) for item in node]
        return node

    class Dumper(yaml.CSafeDumper):  # libyaml's emitter: the styles below are chosen in Python all the same
        pass

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = rng.choice([None, None, '"', "'"]) if "\n" not in value else '"'
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    def represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=rng.random() < 0.3)

    def represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=rng.random() < 0.2)

    Dumper.add_representer(str, represent_str)
    Dumper.add_representer(list, represent_list)
    Dumper.add_representer(dict, represent_dict)
    # One line per construct (no wrapping), so a comment can go before or after any line.
    dumped = yaml.dump(shuffle(data), Dumper=Dumper, allow_unicode=True, width=1 << 20, indent=2)
    out = ["# yaml-language-server: $schema=journeymap.schema.json"]
    for number, line in enumerate(dumped.splitlines()):
        indent = len(line) - len(line.lstrip(" -"))
        roll = rng.random()
        if roll < 0.05:
            out.append("")
        elif roll < 0.12:
            out.append(" " * indent + f"# note {number}")
        elif roll < 0.15:  # deeper or shallower than the line: comments that close a block, in runs
            for shift in rng.sample([-4, -2, 2, 4], rng.choice([1, 2])):
                out.append(" " * max(indent + shift, 0) + f"# note {number}.{shift}")
        if rng.random() < 0.08:
            line += f"  # journeykit: ignore[JK50{number % 10}]"
        out.append(line)
    return "\n".join(out) + "\n"


def comments_of(text: str) -> list[str]:
    """Every added comment; two may share a line when their nodes do (a list item and its first key)."""
    return sorted(re.findall(r"# note [\d.-]+|# journeykit: ignore\[JK\d+\]", text))


def proven(text: str, width: int) -> bool:
    loaded = load_text(text, NAME)
    return loaded.ok and already_formatted(loaded.source, read(loaded.source), width)


@settings(max_examples=150, deadline=None)
@given(source=st.sampled_from(SOURCES), seed=st.integers(0, 2**32 - 1))
def test_formatting_keeps_meaning_and_is_idempotent(source: str, seed: int) -> None:
    rng = random.Random(seed)
    text = mutate(source, rng)
    width = rng.choice(WIDTHS)
    before = load_text(text, NAME)
    assert before.ok, before.findings
    once = format_text(text, NAME, width, prove=False).text
    assert once is not None
    after = load_text(once, NAME)
    assert after.ok and after.source.data == before.source.data
    assert comments_of(once) == comments_of(text)
    # Formatting again changes nothing: the proof recognises the formatter's output, so `format --check`
    # never needs ruamel.yaml on formatted files. (That the proof is right, the next test checks, on
    # formatted maps as they are and edited.)
    assert proven(once, width)


Edit = Callable[[list[str], random.Random], None]
_VALUE = re.compile(r"^(\s*(?:- )?[\w-]+: )(.+)$")
_VALUES = [
    *("yes", "'yes'", '"yes"', "12:30", '"12:30"', "#x", '"#x"', "a: b", '"a: b"', "010", "~", "", "[]", "{}"),
    *("[a, b]", "{a: b}", '"x \\" y"', "'it''s'", "'say \"hi\"'", "&a x", "*a", "!!str x", ">-\n  x y", "|\n  x"),
    *("- a", "[a,\n  b]", '"\\t"', "x" * 130, " ".join(["word"] * 30), '"ü €"', "😀 x"),
]


def _at(lines: list[str], rng: random.Random) -> int:
    return rng.randrange(len(lines))


def _swap(lines: list[str], rng: random.Random) -> None:
    i = rng.randrange(len(lines) - 1)
    lines[i], lines[i + 1] = lines[i + 1], lines[i]


def _indent(lines: list[str], rng: random.Random) -> None:
    i = _at(lines, rng)
    lines[i] = rng.choice([" ", "  ", "   "]) + lines[i]


def _dedent(lines: list[str], rng: random.Random) -> None:
    i = _at(lines, rng)
    if lines[i].startswith("  "):
        lines[i] = lines[i][rng.choice([1, 2]) :]


def _blank(lines: list[str], rng: random.Random) -> None:
    lines.insert(_at(lines, rng), rng.choice(["", "", "  "]))


def _comment(lines: list[str], rng: random.Random) -> None:
    i = _at(lines, rng)
    indent = len(lines[i]) - len(lines[i].lstrip())
    lines.insert(i, " " * max(0, indent + rng.choice([-4, -2, -1, 0, 0, 1, 2, 4])) + "# c")


def _end_of_line(lines: list[str], rng: random.Random) -> None:
    lines[_at(lines, rng)] += rng.choice(["  # e", " # e", "   # e", "# e", " "])


def _value(lines: list[str], rng: random.Random) -> None:
    i = _at(lines, rng)
    match = _VALUE.match(lines[i])
    if match:
        if rng.random() < 0.3:
            lines[i] = match.group(1) + rng.choice(['"%s"', "'%s'", "%s"]) % match.group(2).strip("'\"")
        else:
            lines[i] = match.group(1) + rng.choice(_VALUES)


def _join(lines: list[str], rng: random.Random) -> None:
    i = rng.randrange(len(lines) - 1)
    lines[i : i + 2] = [lines[i] + " " + lines[i + 1].strip()]


def _split(lines: list[str], rng: random.Random) -> None:
    i = _at(lines, rng)
    line = lines[i]
    indent = len(line) - len(line.lstrip())
    spaces = [m.start() + indent for m in re.finditer(" ", line.strip())]
    if spaces:
        cut = rng.choice(spaces)
        lines[i : i + 1] = [line[:cut], " " * (indent + rng.choice([0, 2, 4])) + line[cut + 1 :]]


def _respace(lines: list[str], rng: random.Random) -> None:
    i = _at(lines, rng)
    line = lines[i]
    choices = [line.replace("[", "[ ").replace("]", " ]"), line.replace(", ", ","), line.replace(" ", "  ", 1)]
    lines[i] = rng.choice([*choices, line + rng.choice(["x", " xx", " word"])])


def _drop(lines: list[str], rng: random.Random) -> None:
    del lines[_at(lines, rng)]


def _document(lines: list[str], rng: random.Random) -> None:
    if rng.random() < 0.5:
        lines.insert(0, rng.choice(["---", "%YAML 1.1\n---", "# top"]))
    else:
        lines.append(rng.choice(["...", "---", ""]))


EDITS: list[Edit] = [
    _swap,
    _indent,
    _dedent,
    _blank,
    _comment,
    _end_of_line,
    _value,
    _value,
    _join,
    _split,
    _respace,
    _drop,
    _document,
]


@functools.cache
def formatted(index: int, seed: int) -> tuple[str, int]:
    """A formatted map: a source, mutated (or not) and formatted at one of the widths."""
    rng = random.Random(seed)
    width = rng.choice(WIDTHS)
    text = mutate(SOURCES[index], rng) if seed else SOURCES[index]
    once = format_text(text, NAME, width).text
    assert once is not None
    return once, width


@settings(max_examples=150, deadline=None)
@given(
    index=st.integers(0, len(SOURCES) - 1),
    seed=st.integers(0, 2),
    edits=st.lists(st.sampled_from(EDITS), max_size=2),
    where=st.integers(0, 2**32 - 1),
)
def test_the_proof_never_vouches_for_a_file_the_formatter_would_change(
    index: int, seed: int, edits: list[Edit], where: int
) -> None:
    """Formatted maps, as they are (formatting them again the long way changes nothing) and edited."""
    base, width = formatted(index, seed)
    lines = base.split("\n")[:-1]
    rng = random.Random(where)
    for edit in edits:
        edit(lines, rng)
    text = "\n".join(lines) + "\n"
    if proven(text, width):
        assert format_text(text, NAME, width, prove=False).text == text
    else:
        assert edits, "a formatted map is always proven"
