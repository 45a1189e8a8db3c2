"""Formatting never changes meaning and is idempotent, on generated maps mutated in many ways.

Maps come from benchmarks/generate.py and from the examples; hypothesis shuffles their keys, switches
lists and mappings between flow and block style, quotes text, and scatters comments and blank lines.
For each: the data journeykit's loader reads and the validate findings' codes are the same before
and after formatting, every comment survives, and formatting the result again changes nothing.
"""

from __future__ import annotations

import random
import re
import sys
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.formatting.engine import format_text
from journeykit.loader import load_text
from tests.helpers import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate_map

pytestmark = pytest.mark.slow
SOURCES = [generate_map(index, 4, 3) for index in range(8)]
"""Small generated maps keep hypothesis fast; tests/unit/test_format.py formats the examples themselves."""


def mutate(text: str, rng: random.Random) -> str:
    """The same map written another way: keys shuffled, styles mixed, comments and blank lines added."""
    data = yaml.safe_load(text)

    def shuffle(node: Any) -> Any:
        if isinstance(node, dict):
            items = [(k, shuffle(v)) for k, v in node.items()]
            rng.shuffle(items)
            return dict(items)
        if isinstance(node, list):
            return [shuffle(item) for item in node]
        return node

    class Dumper(yaml.SafeDumper):
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
        if rng.random() < 0.08:
            line += f"  # journeykit: ignore[JK50{number % 10}]"
        out.append(line)
    return "\n".join(out) + "\n"


def comments_of(text: str) -> list[str]:
    """Every added comment; two may share a line when their nodes do (a list item and its first key)."""
    return sorted(re.findall(r"# note \d+|# journeykit: ignore\[JK\d+\]", text))


def codes(text: str, tmp: Any) -> list[str]:
    path = tmp / "map.journey.yaml"
    path.write_text(text, encoding="utf-8")
    return sorted(f.code for f in analyze([str(path)], Settings()).result.findings)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=st.sampled_from(SOURCES), seed=st.integers(0, 2**32 - 1))
def test_formatting_keeps_meaning_and_is_idempotent(source: str, seed: int, tmp_path_factory: Any) -> None:
    text = mutate(source, random.Random(seed))
    before = load_text(text, "map.journey.yaml")
    assert before.ok, before.findings
    result = format_text(text, "map.journey.yaml", random.Random(seed).choice([60, 100, 120]))
    assert result.text is not None, result.findings
    after = load_text(result.text, "map.journey.yaml")
    assert after.ok and after.source.data == before.source.data
    assert comments_of(result.text) == comments_of(text)
    width = random.Random(seed).choice([60, 100, 120])
    once = format_text(text, "map.journey.yaml", width).text
    assert once is not None
    assert format_text(once, "map.journey.yaml", width).text == once
    tmp = tmp_path_factory.mktemp("codes")
    assert codes(once, tmp) == codes(text, tmp)
