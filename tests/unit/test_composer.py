"""The composer's fast paths give what the full resolution gives, and it leaves the collector as it found it."""

from __future__ import annotations

import gc
import random
import string

import pytest
from yaml.resolver import Resolver

from journeykit import loader
from journeykit.loader import load_text

LETTERS = [k for k in Resolver.yaml_implicit_resolvers if k.isalpha()]


def test_plain_text_starting_with_a_letter_is_text_unless_it_is_a_boolean_or_null() -> None:
    rng = random.Random(5)
    samples = set(loader._LETTER_WORDS)
    for _ in range(5000):
        first = rng.choice(LETTERS)
        samples.add(first + "".join(rng.choice(string.ascii_letters + string.digits + " -_.:") for _ in range(4)))
    samples.update({"t1", "true1", "Yes please", "nulls", "offline", "N", "y", "n", "on-call"})
    for value in samples:
        resolved = loader._resolve_plain(value)
        assert (resolved != loader._STR) == (value in loader._LETTER_WORDS), value


def test_scalars_load_as_yaml_resolves_them() -> None:
    text = "a: [yes, No, t1, Off, null, NULL, ~, '', 12, -3, 1.5, 0x1f, text, 'quoted', Tuesday, 2026-01-01]\n"
    assert load_text(text, "x").source.data == {
        "a": [
            True,
            False,
            "t1",
            False,
            None,
            None,
            None,
            "",
            12,
            -3,
            1.5,
            31,
            "text",
            "quoted",
            "Tuesday",
            "2026-01-01",
        ]
    }


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_the_collector_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        load_text("a: [1, 2]\n", "ok.yaml")
        load_text("a: [1, 2\n", "broken.yaml")  # a syntax error on the way out
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_spans_share_line_numbers() -> None:
    loaded = load_text("a: 1\nb: [x, y]\n", "x")
    values = loaded.source.spans.values
    assert values[("b", 0)][0] is values[("b", 1)][0] is values[("b",)][0]


def test_a_large_text_read_in_chunks_loads_as_a_whole() -> None:
    import yaml

    items = "".join(f'  - {{id: t{n}, name: "Étape {n} — ☕ {"é" * (n % 7)}"}}\n' for n in range(3000))
    text = f"journeykit: 1\nkind: journey\ntouchpoints:\n{items}"
    loaded = load_text(text, "x").source
    assert loaded.data == yaml.load(text, Loader=yaml.CSafeLoader)
    assert loaded.spans.values[("touchpoints", 2999, "name")][:2] == (3003, 23)
