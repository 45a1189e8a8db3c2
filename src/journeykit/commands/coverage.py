"""`journeykit coverage`: the persona x stage matrix of every map, its gaps, and a threshold for CI."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix, CoverageReport, percent
from journeykit.errors import UsageError
from journeykit.findings import errors_of
from journeykit.model import Journey
from journeykit.output import open_output
from journeykit.reporters import ReportContext, coverage_reporter
from journeykit.reporters.concise import report as concise_report


@dataclass(frozen=True)
class CoverageOptions:
    check: CheckOptions
    personas: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    fail_under: float | None = None


def matrices(journeys: Sequence[Journey], personas: Sequence[str], stages: Sequence[str]) -> list[CoverageMatrix]:
    """Each map's matrix, restricted to the personas and stages asked for; maps without them are left out."""
    _check_filters(journeys, personas, stages)
    if not personas and not stages:
        return [journey.coverage for journey in journeys]
    filtered = (journey.coverage.filtered(personas, stages) for journey in journeys)
    return [matrix for matrix in filtered if matrix.personas and matrix.stages]


def _check_filters(journeys: Sequence[Journey], personas: Sequence[str], stages: Sequence[str]) -> None:
    known_personas = {p.id for j in journeys for p in j.personas}
    known_stages = {s.id for j in journeys for s in j.stages}
    for kind, wanted, known in (("persona", personas, known_personas), ("stage", stages, known_stages)):
        for item in wanted:
            if item not in known:
                raise UsageError(f"no map has {kind} '{item}'")


def coverage(options: CoverageOptions, settings: Settings) -> int:
    analysis = load(options.check, settings)
    result = analysis.result()
    errors = errors_of(result.findings)
    if errors:
        result.findings = errors
        concise_report(result, sys.stderr, ReportContext("coverage"))
    fail_under = options.fail_under if options.fail_under is not None else settings.fail_under
    report = CoverageReport(tuple(matrices(analysis.journeys, options.personas, options.stages)), fail_under)
    with open_output(options.check.output) as out:
        coverage_reporter(options.check.output_format)(report, out)
    shortfall = report.shortfall()
    if shortfall is not None:
        print(
            f"journeykit: coverage {percent(report.total.coverage, 1)} is below the required {fail_under:g}% "
            f"by {shortfall:.1f} percentage points",
            file=sys.stderr,
        )
        return 1
    return 1 if errors else 0
