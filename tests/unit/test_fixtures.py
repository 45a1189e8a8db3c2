"""Every file in tests/fixtures/invalid declares the findings it must produce, exactly.

A fixture is a map (or a directory of maps and catalogs) whose comment lines say
`# expect: CODE LINE:COLUMN`. The test copies it into an empty project, runs the
validate pipeline, and compares the set of (file, code, line, column) with the
expectations: a missing finding, a finding at another place, or an extra finding fails.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, findings_in

EXPECT = re.compile(r"^# expect: (JK\d{3}) (\d+):(\d+)$", re.MULTILINE)
INVALID = sorted((FIXTURES / "invalid").iterdir())
VALID = sorted((FIXTURES / "valid").iterdir())


def expectations(root: Path) -> set[tuple[str, str, int, int]]:
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*.yaml"))
    expected = set()
    for path in files:
        name = path.name if root.is_file() else path.relative_to(root).as_posix()
        for code, line, column in EXPECT.findall(path.read_text(encoding="utf-8", errors="replace")):
            expected.add((name, code, int(line), int(column)))
    return expected


def run_fixture(fixture: Path, project: Path) -> set[tuple[str, str, int, int]]:
    if fixture.is_dir():
        shutil.copytree(fixture, project, dirs_exist_ok=True)
    else:
        shutil.copy(fixture, project / fixture.name)
    return {(f.location.file, f.code, f.location.line, f.location.column) for f in findings_in(["."])}


@pytest.mark.parametrize("fixture", INVALID, ids=[p.name for p in INVALID])
def test_invalid_fixture_reports_exactly_its_expectations(fixture: Path, project: Path) -> None:
    expected = expectations(fixture)
    assert expected, f"{fixture.name} declares no `# expect:` line"
    assert run_fixture(fixture, project) == expected


@pytest.mark.parametrize("fixture", VALID, ids=[p.name for p in VALID])
def test_valid_fixture_has_no_findings(fixture: Path, project: Path) -> None:
    assert run_fixture(fixture, project) == set()


def test_every_file_schema_and_reference_code_has_a_fixture() -> None:
    from journeykit.codes.examples import examples_of
    from journeykit.rules.registry import all_rules

    covered = {code for fixture in INVALID for (_, code, _, _) in expectations(fixture)}
    needed = {
        code
        for code, rule in all_rules().items()
        if not rule.configurable and examples_of(rule).fails.language == "yaml"
    }
    # JK001 (unreadable), JK002 (not UTF-8) and JK010 (too large) need a broken symlink,
    # raw bytes or a size limit: tests/unit/test_loader.py asserts their positions. JK801 needs
    # Graphviz to fail: tests/cli/test_render.py makes it time out for real.
    assert needed - covered == {"JK001", "JK002", "JK010", "JK801"}
