"""`journeykit lint`: everything validate checks, plus the lint rules, configuration and baselines."""

from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from pathlib import Path

from journeykit.commands.check import CheckOptions, emit, load
from journeykit.config import Settings
from journeykit.findings import Result, plural
from journeykit.lint.baseline import apply_baseline, read_baseline, write_baseline
from journeykit.lint.engine import lint as run_rules
from journeykit.output import write_json


@dataclass(frozen=True)
class LintOptions:
    check: CheckOptions
    baseline: Path | None = None
    write_baseline: Path | None = None
    as_of: datetime.date | None = None


def lint_result(options: LintOptions, settings: Settings) -> Result:
    """Structural findings and lint findings of every map under the paths."""
    analysis = load(options.check, settings)
    today = options.as_of or datetime.date.today()
    return analysis.result(run_rules(analysis, settings, today))


def lint(options: LintOptions, settings: Settings) -> int:
    baseline = read_baseline(options.baseline) if options.baseline else None
    result = lint_result(options, settings)
    if options.write_baseline:
        recorded = [f for f in result.findings if f.code >= "JK3" or f.code.startswith("JK09")]
        write_baseline(options.write_baseline, recorded)
        print(
            f"journeykit: recorded {plural(len(recorded), 'finding')} in {options.write_baseline}",
            file=sys.stderr,
        )
        return 0
    if baseline is not None:
        outcome = apply_baseline(result.findings, baseline)
        result.findings = outcome.new
        if outcome.known:
            result.notes.append(f"{plural(outcome.known, 'finding')} in the baseline not shown.")
        if outcome.fixed:
            result.notes.append(
                f"{plural(outcome.fixed, 'baseline finding')} no longer found: "
                "run --write-baseline to shrink the baseline."
            )
    emit(result, options.check, "lint", settings.fail_on)
    return result.exit_code(settings.fail_on)


def show_settings(settings: Settings) -> int:
    write_json(sys.stdout, settings.as_dict())
    return 0
