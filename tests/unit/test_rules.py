"""Every code: complete metadata, and literal examples that fail and pass as the documentation says.

Each code's failing example lists the places it must be reported; running the real pipeline
on it must give exactly those findings of that code, and on the passing example none.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.codes.base import Family, Rule
from journeykit.codes.examples import Example, examples_of, family_file
from journeykit.config import Settings
from journeykit.rules.base import LintRule, options_of
from journeykit.rules.registry import all_rules

TODAY = datetime.date(2026, 11, 22)
RULES = list(all_rules().values())
# Spreadsheet codes (JK08x) have CSV examples: tests/cli/test_authoring.py runs them through `import csv`.
RUNNABLE = [r for r in RULES if examples_of(r).fails.files and examples_of(r).fails.language == "yaml"]
# A file without read permission, raw non-UTF-8 bytes and a file above the size limit cannot be
# written as example text; tests/unit/test_loader.py asserts their findings and positions.
NOTE_ONLY = {"JK001", "JK002", "JK010", "JK801"}


def findings_of(example: Example, code: str) -> set[tuple[str, int, int]]:
    settings = Settings()
    checked = with_lint(analyze_files(dict(example.files), settings), settings, TODAY)
    return {(f.location.file, f.location.line, f.location.column) for f in checked.result.findings if f.code == code}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_metadata_is_complete(rule: Rule) -> None:
    assert re.fullmatch(r"JK\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.code.startswith(rule.family.prefix)
    assert Family.of(rule.code) is rule.family
    assert rule.summary.endswith(".") and rule.explanation
    assert rule.configurable == (isinstance(rule, LintRule) or rule.family is Family.SUPPRESSION)


@pytest.mark.parametrize("family", list(Family), ids=[f.name.lower() for f in Family])
def test_each_family_file_holds_exactly_its_codes(family: Family) -> None:
    document = yaml.safe_load(family_file(family).read_text(encoding="utf-8"))
    assert sorted(document) == sorted(r.code for r in RULES if r.family is family)


def test_only_what_cannot_be_a_file_is_a_note() -> None:
    assert {r.code for r in RULES if not examples_of(r).fails.files} == NOTE_ONLY


@pytest.mark.parametrize("rule", RUNNABLE, ids=[r.code for r in RUNNABLE])
def test_failing_example_fails_exactly_where_it_says(rule: Rule) -> None:
    fails = examples_of(rule).fails
    expected = {(e.file, e.line, e.column) for e in fails.expect}
    assert expected, f"{rule.code}'s failing example lists no expected finding"
    assert findings_of(fails, rule.code) == expected


@pytest.mark.parametrize("rule", [r for r in RUNNABLE if examples_of(r).passes.files], ids=lambda r: r.code)
def test_passing_example_passes(rule: Rule) -> None:
    assert findings_of(examples_of(rule).passes, rule.code) == set()


def test_what_users_see_carries_no_test_markup() -> None:
    from journeykit.commands.rules import markdown

    text = markdown(all_rules())
    assert "expect" not in text.lower().replace("expected", "").replace("expects", "")
    assert "# file:" not in text


def test_every_family_has_rules() -> None:
    assert {r.family for r in RULES} == set(Family)


def test_option_names_are_kebab_case_with_typed_defaults() -> None:
    for rule in RULES:
        for option in options_of(rule):
            assert re.fullmatch(r"[a-z]+(-[a-z]+)*", option.name)
            assert option.validate(option.default) == option.default


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    from journeykit.commands.rules import markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == markdown(all_rules()), (
        "docs/rules.md is stale: run `journeykit rules --format markdown > docs/rules.md`"
    )
