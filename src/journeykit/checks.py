"""The one place that runs a command's checks and builds its result.

validate runs the front half (files, schema, references); lint and render add the lint rules.
Every command reports the same files-checked count and the same deduplicated findings for the
same input, whichever step failed, and whether the maps were kept or released as they were done.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journeykit.analysis import Analysis, AnalyzedMap, analyze
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix
from journeykit.findings import unique
from journeykit.lint.engine import lint
from journeykit.lint.table import RuleTable
from journeykit.quoted import QuotedLines
from journeykit.result import Result
from journeykit.rules.context import Measurements
from journeykit.scan import scan

Measure = Callable[[Analysis], Measurements]
"""What a command runs between the analysis and the rules to measure the maps (`lint --events`)."""


@dataclass(frozen=True)
class Checked:
    """The modelled maps of a run (none when they were released), their coverage and everything found."""

    analysis: Analysis
    result: Result
    coverage: tuple[CoverageMatrix, ...] = ()
    """Each modelled map's coverage, in map order (detached from the map when the maps were released)."""

    @property
    def maps(self) -> tuple[AnalyzedMap, ...]:
        return self.analysis.maps


def run_checks(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin_name: str = "<stdin>",
    lint_as_of: datetime.date | None = None,
    measure: Measure | None = None,
    keep_maps: bool = True,
    coverage: bool = False,
) -> Checked:
    """Analyse the files under `paths`; with `lint_as_of`, run the lint rules too, dated that day, after
    `measure` (once, for every map) when it is given.

    With `keep_maps` false, each map is released once it is checked (its coverage kept, detached,
    when `coverage` is true), and directories of many maps are checked in worker processes. A run that
    measures keeps its maps: the event log is laid over all of them at once.
    """
    if not keep_maps and measure is None:
        scanned = scan(paths, settings, stdin_name=stdin_name, lint_as_of=lint_as_of, coverage=coverage)
        return Checked(Analysis((), scanned.result, scanned.targets), scanned.result, scanned.coverage)
    analysis = analyze(paths, settings, stdin_name=stdin_name)
    measurements = measure(analysis) if measure is not None and lint_as_of is not None else None
    return with_lint(analysis, settings, lint_as_of, measurements)


def with_lint(
    analysis: Analysis, settings: Settings, as_of: datetime.date | None, measurements: Measurements | None = None
) -> Checked:
    """The analysis's result, plus the lint findings when `as_of` is given (with what `measurements` says)."""
    coverage = tuple(m.coverage for m in analysis.maps)
    if as_of is None:
        return Checked(analysis, analysis.result, coverage)
    found = lint(analysis.maps, RuleTable.compile(settings), as_of, measurements)
    result = analysis.result
    findings = tuple(unique([*result.findings, *found]))
    quoted = QuotedLines.of(found, analysis.sources)
    quoted.update(result.quoted)
    return Checked(analysis, Result(findings, result.files_checked, quoted, result.files, result.notes), coverage)
