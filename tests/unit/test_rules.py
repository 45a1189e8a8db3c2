"""Every rule: complete metadata, and examples that fail and pass as the documentation says.

A lint rule's failing example declares `# expect: CODE LINE:COLUMN`; linting it must give
exactly those findings of that code, and linting the passing example none of that code.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.lint.engine import lint
from journeykit.rules.base import Family, Rule
from journeykit.rules.registry import all_rules

TODAY = datetime.date(2026, 11, 22)
RULES = list(all_rules().values())
LINT_RULES = [r for r in RULES if r.configurable]
EXPECT = re.compile(r"^# expect: (JK\d{3}) (\d+):(\d+)$", re.MULTILINE)
# These need a second file, raw bytes, permissions or a size limit to go wrong; their
# positions are asserted by tests/unit/test_fixtures.py and tests/unit/test_loader.py.
CONTEXT_DEPENDENT = {"JK001", "JK002", "JK010", "JK203", "JK205"}


def findings_of(text: str, code: str, project: Path) -> set[tuple[str, int, int]]:
    (project / "example.journey.yaml").write_text(text, encoding="utf-8")
    analysis = analyze(["example.journey.yaml"], Settings())
    found = [*analysis.findings, *lint(analysis, Settings(), TODAY)]
    return {(f.code, f.location.line, f.location.column) for f in found if f.code == code}


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_metadata_is_complete(rule: Rule) -> None:
    assert re.fullmatch(r"JK\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.code.startswith(rule.family.prefix)
    assert rule.summary.endswith(".") and rule.explanation
    assert rule.bad_example and rule.good_example
    assert rule.configurable == (rule.check is not None or rule.code.startswith("JK09"))


@pytest.mark.parametrize("rule", LINT_RULES, ids=[r.code for r in LINT_RULES])
def test_failing_example_fails_exactly_where_it_says(rule: Rule, project: Path) -> None:
    expected = {(code, int(line), int(column)) for code, line, column in EXPECT.findall(rule.bad_example)}
    assert expected, f"{rule.code}'s failing example declares no `# expect:` line"
    assert findings_of(rule.bad_example, rule.code, project) == expected


@pytest.mark.parametrize("rule", LINT_RULES, ids=[r.code for r in LINT_RULES])
def test_passing_example_passes(rule: Rule, project: Path) -> None:
    assert findings_of(rule.good_example, rule.code, project) == set()


# Spreadsheet rules (JK08x) have CSV examples: tests/cli/test_authoring.py imports them.
STRUCTURAL = [r for r in RULES if not r.configurable and r.code not in CONTEXT_DEPENDENT and r.example_format == "yaml"]


@pytest.mark.parametrize("rule", STRUCTURAL, ids=[r.code for r in STRUCTURAL])
def test_structural_examples(rule: Rule, project: Path) -> None:
    assert findings_of(rule.bad_example, rule.code, project)
    assert findings_of(rule.good_example, rule.code, project) == set()


def test_every_family_has_rules() -> None:
    assert {r.family for r in RULES} == set(Family)


def test_option_names_are_kebab_case_with_typed_defaults() -> None:
    for rule in RULES:
        for option in rule.options:
            assert re.fullmatch(r"[a-z]+(-[a-z]+)*", option.name)
            assert option.validate(option.default) == option.default


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    from journeykit.commands.rules import markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == markdown(all_rules()), (
        "docs/rules.md is stale: run `journeykit rules --format markdown > docs/rules.md`"
    )
