"""Broken, random and mutated input gives findings or success, never an exception.

Also a differential property: the fast validator (fastjsonschema) and the full one
(jsonschema) agree on every mutated document, so the fast path can never hide an error.
"""

from __future__ import annotations

import copy
import datetime
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.loader import load_text
from journeykit.schema import _full_validator, _is_valid
from tests.helpers import FIXTURES

BASE_TEXT = (FIXTURES / "valid" / "complete.journey.yaml").read_text(encoding="utf-8")
BASE_DATA = load_text(BASE_TEXT, "base.journey.yaml").source.data
SETTINGS = Settings()
TODAY = datetime.date(2026, 11, 1)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run_pipeline(raw: bytes) -> list[Any]:
    """The real pipeline of `journeykit lint` (load, schema, model, coverage, lint rules) on one file."""
    checked = with_lint(analyze_files({"fuzz.journey.yaml": raw}, SETTINGS), SETTINGS, TODAY)
    return list(checked.result.findings)


def assert_positions_exist(findings: list[Any], text_lines: int) -> None:
    for finding in findings:
        assert finding.code.startswith("JK")
        assert 1 <= finding.location.line <= text_lines + 1, finding
        assert finding.location.column >= 1, finding


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    findings = run_pipeline(raw)
    assert_positions_exist(findings, raw.count(b"\n") + 1)


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.sampled_from(list("[]{}:-,&*!|>'\"#%@`?\n\t abc01")), max_size=400))
def test_yaml_punctuation_soup(text: str) -> None:
    assert_positions_exist(run_pipeline(text.encode()), text.count("\n") + 1)


@PROPERTY_SETTINGS
@given(st.data())
def test_text_mutations_of_a_valid_map(data: st.DataObject) -> None:
    lines = BASE_TEXT.splitlines(keepends=True)
    operation = data.draw(st.sampled_from(["delete", "duplicate", "insert", "truncate", "indent", "swap"]))
    index = data.draw(st.integers(0, len(lines) - 1))
    if operation == "delete":
        del lines[index]
    elif operation == "duplicate":
        lines.insert(index, lines[index])
    elif operation == "insert":
        lines.insert(index, data.draw(st.text(max_size=40)) + "\n")
    elif operation == "truncate":
        lines = [*lines[:index], lines[index][: data.draw(st.integers(0, len(lines[index])))]]
    elif operation == "indent":
        lines[index] = data.draw(st.sampled_from(["  ", "\t", " "])) + lines[index]
    else:
        other = data.draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    text = "".join(lines)
    assert_positions_exist(run_pipeline(text.encode("utf-8", "surrogatepass")), text.count("\n") + 1)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_paths(value, (*prefix, index)))
    return found


ALL_PATHS = _paths(BASE_DATA)[1:]


def mutate(data: st.DataObject) -> Any:
    document = copy.deepcopy(BASE_DATA)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(ALL_PATHS))
        parent = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    return document


@PROPERTY_SETTINGS
@given(st.data())
def test_fast_and_full_validators_agree(data: st.DataObject) -> None:
    document = mutate(data)
    full_valid = not any(True for _ in _full_validator().iter_errors(document))
    assert _is_valid(document) == full_valid


@PROPERTY_SETTINGS
@given(st.data())
def test_structural_mutations_never_crash_the_builder(data: st.DataObject) -> None:
    import yaml

    document = mutate(data)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    findings = run_pipeline(text.encode())
    assert_positions_exist(findings, text.count("\n") + 1)
    if not findings:
        jsonschema.validate(load_text(text, "x.yaml").source.data, _full_validator().schema)
