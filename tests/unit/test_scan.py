"""scan(): maps released as they are checked, results that keep no file, and the same findings as
the analysis that keeps every map."""

from __future__ import annotations

import datetime
import gc
import io
import pickle
from pathlib import Path

import pytest

from journeykit import scan as scan_module
from journeykit.analysis import analyze
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.coverage import CoverageReport
from journeykit.discover import Target
from journeykit.lint.table import RuleTable
from journeykit.model import Journey, Touchpoint
from journeykit.reporters import COVERAGE_FORMATS, ReportContext
from journeykit.scan import MapChecker, scan
from journeykit.source import SourceFile
from tests.cli.test_scale import many_maps

TODAY = datetime.date(2026, 11, 22)


def reachable(root: object) -> list[object]:
    """Every object reachable from `root` through references the collector knows about."""
    seen: dict[int, object] = {}
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or isinstance(item, type):
            continue
        seen[id(item)] = item
        stack.extend(gc.get_referents(item))
    return list(seen.values())


@pytest.mark.parametrize("lint", [False, True], ids=["validate", "lint"])
def test_the_result_keeps_no_file_data_or_model(project: Path, lint: bool) -> None:
    many_maps(project)
    scanned = scan(["."], Settings(jobs=1), lint_as_of=TODAY if lint else None, coverage=True)
    assert scanned.result.findings
    kept = reachable(scanned)
    assert not [o for o in kept if isinstance(o, SourceFile) and o.text]
    assert not [o for o in kept if isinstance(o, Touchpoint)]
    # Coverage keeps names and states only.
    assert all(not j.touchpoints and not j.experiences for j in kept if isinstance(j, Journey))


def test_each_map_is_released_before_the_next_is_read(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    many_maps(project)
    checked: list[str] = []
    real_check = MapChecker._check

    def check(self: MapChecker, target: Target) -> scan_module.MapOutcome:
        if len(checked) % 10 == 9:  # looking at every object is slow: now and then is enough
            held = [o.display for o in gc.get_objects() if isinstance(o, SourceFile) and o.kind == "journey"]
            assert held == [], f"maps held while checking {target.display}"
        checked.append(target.display)
        return real_check(self, target)

    monkeypatch.setattr(MapChecker, "_check", check)
    scan(["."], Settings(jobs=1), lint_as_of=TODAY, coverage=True)
    assert len(checked) == 74


def test_released_maps_give_the_findings_of_kept_maps(project: Path) -> None:
    many_maps(project)
    settings = Settings(jobs=1)
    kept = with_lint(analyze(["."], settings), settings, TODAY).result
    released = scan(["."], settings, lint_as_of=TODAY).result
    assert released.findings == kept.findings
    assert released.files == kept.files
    assert released.files_checked == kept.files_checked
    for finding in kept.findings:
        loc = finding.location
        assert released.quoted.line(loc.file, loc.line) == kept.quoted.line(loc.file, loc.line)


def test_detached_coverage_reports_like_the_full_matrix(project: Path) -> None:
    many_maps(project)
    settings = Settings(jobs=1)
    full = CoverageReport(tuple(m.coverage for m in analyze(["."], settings).maps))
    detached = CoverageReport(scan(["."], settings, coverage=True).coverage)
    for name in COVERAGE_FORMATS.names:
        outputs = []
        for report in (full, detached):
            out = io.StringIO()
            COVERAGE_FORMATS.get(name).report(report, out, ReportContext("coverage"))
            outputs.append(out.getvalue())
        assert outputs[0] == outputs[1], name


def test_what_a_worker_returns_is_small_and_picklable(project: Path) -> None:
    from benchmarks.generate import generate_map

    from journeykit.analysis import DiskFiles

    text = generate_map(0, 40, 1)
    (project / "big.journey.yaml").write_text(text, encoding="utf-8")
    settings = Settings(jobs=1)
    years_later = datetime.date(2029, 1, 1)  # the map and its evidence are stale: findings, and their lines
    checker = MapChecker(DiskFiles(settings, io.BytesIO()), RuleTable.compile(settings), years_later, coverage=True)
    outcome = checker.check(Target("big.journey.yaml", project / "big.journey.yaml"))
    assert outcome.lint_findings
    data = pickle.dumps(outcome)
    assert pickle.loads(data).lint_findings == outcome.lint_findings
    assert len(data) < len(text) / 2
