"""`journeykit coverage`: the persona x stage matrix of every map, its gaps, and a threshold for CI."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.coverage import CoverageReport, percent, select
from journeykit.output import open_output
from journeykit.reporters import ReportContext, coverage_reporter, diagnostics_reporter


@dataclass(frozen=True)
class CoverageOptions:
    check: CheckOptions
    personas: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    fail_under: float | None = None


def coverage(options: CoverageOptions, settings: Settings) -> int:
    checked = load(options.check, settings)
    errors = checked.result.errors_only()
    if errors.findings:
        diagnostics_reporter("concise")(errors, sys.stderr, ReportContext("coverage"))
    fail_under = options.fail_under if options.fail_under is not None else settings.fail_under
    matrices = select([m.coverage for m in checked.maps], options.personas, options.stages)
    report = CoverageReport(tuple(matrices), fail_under)
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
    return 1 if errors.findings else 0
