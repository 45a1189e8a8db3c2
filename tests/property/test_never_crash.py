"""Broken, random and mutated input gives findings or success, never an exception.

Also a differential property: the fast validator (fastjsonschema) and the full one
(jsonschema) agree on every mutated document, so the fast path can never hide an error.
"""

from __future__ import annotations

import datetime
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.loader import load_text
from journeykit.schema import _full_validator, _is_valid
from tests.helpers import FIXTURES
from tests.property.mutations import mutate, paths

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


ALL_PATHS = paths(BASE_DATA)[1:]


@PROPERTY_SETTINGS
@given(st.data())
def test_fast_and_full_validators_agree(data: st.DataObject) -> None:
    document = mutate(data, BASE_DATA, ALL_PATHS)
    full_valid = not any(True for _ in _full_validator().iter_errors(document))
    assert _is_valid(document) == full_valid


@PROPERTY_SETTINGS
@given(st.data())
def test_structural_mutations_never_crash_the_builder(data: st.DataObject) -> None:
    import yaml

    document = mutate(data, BASE_DATA, ALL_PATHS)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    findings = run_pipeline(text.encode())
    assert_positions_exist(findings, text.count("\n") + 1)
    if not findings:
        jsonschema.validate(load_text(text, "x.yaml").source.data, _full_validator().schema)


# --- the crash classes found in the first week: huge numbers, aliases, control characters, odd names ---

HUGE_NUMBERS = st.sampled_from(
    ["1" * 4301, "0x" + "f" * 4000, "1.0e+309", "-1.0e+309", ".inf", ".nan", str(2**63), "0x_", "0b_", "+0b_", "-0x_"]
)
UNSAFE_CHARACTERS = st.lists(
    st.sampled_from(["\\e", "\\a", "\\x00", "\\uFFFE", "\\uFFFF", "\\u202e", "\\u200b", "\\u2028", "::", "x" * 400]),
    min_size=1,
    max_size=6,
).map("".join)
FIELDS = st.sampled_from(["title", "name", "text", "description", "message"])
OURS = ("::group::", "::endgroup::", "::error file=", "::warning file=", "::notice file=")


@PROPERTY_SETTINGS
@given(st.data())
def test_huge_and_false_numbers_anywhere_are_findings(data: st.DataObject) -> None:
    lines = BASE_TEXT.splitlines(keepends=True)
    index = data.draw(st.integers(0, len(lines) - 1))
    line = lines[index]
    if ": " in line and not line.rstrip().endswith(":"):
        key = line.split(": ", 1)[0]
        lines[index] = f"{key}: {data.draw(HUGE_NUMBERS)}\n"
    text = "".join(lines)
    assert_positions_exist(run_pipeline(text.encode()), text.count("\n") + 1)


@PROPERTY_SETTINGS
@given(st.integers(1, 30), st.integers(1, 70))
def test_aliases_can_never_nest_past_the_limit(copies: int, depth: int) -> None:
    lines = ["x-a0: &a0 " + "[" * depth + "]" * depth]
    lines += [f"x-a{n}: &a{n} " + "[" * depth + f"*a{n - 1}" + "]" * depth for n in range(1, copies)]
    text = BASE_TEXT + "\n".join(lines) + "\n"
    findings = run_pipeline(text.encode())
    assert_positions_exist(findings, text.count("\n") + 1)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(unsafe=UNSAFE_CHARACTERS, field=FIELDS)
def test_control_characters_in_any_name_reach_every_output_safely(
    unsafe: str, field: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import xml.etree.ElementTree as ET

    from journeykit.cli import main

    project = tmp_path_factory.mktemp("unsafe")
    (project / ".git").mkdir()
    quoted = '"' + unsafe + '"'
    lines = [
        f"{line.split(':', 1)[0]}: {quoted}\n" if line.strip().startswith(f"{field}:") else line
        for line in BASE_TEXT.splitlines(keepends=True)
    ]
    (project / "m.journey.yaml").write_text("".join(lines), encoding="utf-8")
    out = project / "out"
    lint = ["lint", str(project), "--as-of", "2026-11-01", "-f", "json", "-o", str(project / "r.json")]
    render = ["render", str(project / "m.journey.yaml"), "-o", str(out), "-f", "html,svg", "--as-of", "2026-11-01"]
    for args in (lint, render):
        assert main(args) in (0, 1)
    for svg in out.glob("*.svg"):
        ET.fromstring(svg.read_text(encoding="utf-8"))


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), max_size=20))
def test_odd_file_names_never_crash_any_format_or_forge_a_command(name: str) -> None:
    import io

    from journeykit.reporters import DIAGNOSTIC_FORMATS, ReportContext

    checked = with_lint(analyze_files({f"{name}.journey.yaml": BASE_TEXT + "titel: x\n"}, SETTINGS), SETTINGS, TODAY)
    for format_name in DIAGNOSTIC_FORMATS.names:
        out = io.StringIO()
        DIAGNOSTIC_FORMATS.get(format_name).report(checked.result, out, ReportContext("lint"))
        forged = [line for line in out.getvalue().splitlines() if line.lstrip().startswith("::")]
        assert all(line.startswith(OURS) for line in forged), (format_name, forged)
