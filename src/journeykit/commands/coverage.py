"""`journeykit coverage`: the persona x stage matrix of every map, its gaps, and a threshold for CI."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.coverage import CoverageReport, select
from journeykit.output import open_output
from journeykit.present import percent
from journeykit.reporters import COVERAGE_FORMATS, DIAGNOSTIC_FORMATS, ReportContext


@dataclass(frozen=True)
class CoverageOptions:
    check: CheckOptions
    personas: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    fail_under: float | None = None


def coverage(options: CoverageOptions, settings: Settings) -> int:
    checked = load(options.check, settings, keep_maps=False, coverage=True)
    errors = checked.result.errors_only()
    if errors.findings:
        DIAGNOSTIC_FORMATS.get("concise").report(errors, sys.stderr, ReportContext("coverage"))
    fail_under = options.fail_under if options.fail_under is not None else settings.fail_under
    matrices = select(checked.coverage, options.personas, options.stages)
    report = CoverageReport(tuple(matrices), fail_under)
    with open_output(options.check.output) as out:
        COVERAGE_FORMATS.get(options.check.output_format).report(report, out, ReportContext("coverage"))
    shortfall = report.shortfall()
    if shortfall is not None:
        print(
            f"journeykit: coverage {percent(report.total.coverage, 1)} is below the required {fail_under:g}% "
            f"by {shortfall:.1f} percentage points",
            file=sys.stderr,
        )
        return 1
    return 1 if errors.findings else 0
