"""`journeykit coverage`: the persona x stage matrix of every map, its gaps, and a threshold for CI."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.coverage import CoverageReport, select
from journeykit.output import open_output
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
    if shortfall is not None and report.total.coverage is not None:
        print(f"journeykit: {shortfall_text(report.total.coverage * 100, fail_under or 0, shortfall)}", file=sys.stderr)
        return 1
    return 1 if errors.findings else 0


def shortfall_text(coverage: float, required: float, shortfall: float) -> str:
    """`coverage 66.67% is below the required 66.7% by 0.03 percentage points`: as many digits as it
    takes for the two numbers to differ and the gap not to read as 0.0."""
    digits = 1
    while digits < 6 and (round(shortfall, digits) == 0 or round(coverage, digits) >= required):
        digits += 1
    return (
        f"coverage {coverage:.{digits}f}% is below the required {required:g}% "
        f"by {shortfall:.{digits}f} percentage points"
    )
