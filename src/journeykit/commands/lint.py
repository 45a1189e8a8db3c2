"""`journeykit lint`: everything validate checks, plus the lint rules, configuration and baselines."""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from journeykit.analytics.settings import AnalyticsChoices
from journeykit.commands.check import CheckOptions, emit, load, refuse_overwriting_inputs
from journeykit.commands.events import EventLogRun
from journeykit.config import Settings
from journeykit.findings import Finding
from journeykit.lint.baseline import apply_baseline, read_baseline, write_baseline
from journeykit.output import write_json
from journeykit.present import plural
from journeykit.result import Result
from journeykit.rules.registry import all_rules


@dataclass(frozen=True)
class LintOptions:
    check: CheckOptions
    baseline: Path | None = None
    write_baseline: Path | None = None
    as_of: datetime.date | None = None
    events: AnalyticsChoices | None = None
    """`--events` and the log's options: lay the log over the maps and run the JK7xx rules."""


def lint_result(options: LintOptions, settings: Settings) -> Result:
    """Structural findings and lint findings of every map under the paths (with the log's, given `events`)."""
    measure = EventLogRun(options.events, settings) if options.events is not None else None
    today = options.as_of or datetime.date.today()
    return load(options.check, settings, lint_as_of=today, measure=measure, keep_maps=False).result


def lint(options: LintOptions, settings: Settings) -> int:
    refuse_overwriting_inputs(options.check, settings, options.write_baseline)
    baseline = read_baseline(options.baseline) if options.baseline else None
    result = lint_result(options, settings)
    if options.write_baseline:
        recorded = [f for f in result.findings if _baselinable(f)]
        write_baseline(options.write_baseline, recorded)
        print(
            f"journeykit: recorded {plural(len(recorded), 'finding')} in {options.write_baseline}",
            file=sys.stderr,
        )
        return 0
    if baseline is not None:
        result = _without_baseline(result, baseline)
    emit(result, options.check, "lint", settings.fail_on)
    return options.check.exit_code(result.exit_code(settings.fail_on))


def _without_baseline(result: Result, baseline: Counter[str]) -> Result:
    """The result without the findings the baseline records, with notes saying what it hid."""
    kept = [f for f in result.findings if not _baselinable(f)]
    outcome = apply_baseline([f for f in result.findings if _baselinable(f)], baseline)
    notes = []
    if outcome.known:
        notes.append(f"{plural(outcome.known, 'finding')} in the baseline not shown.")
    if outcome.fixed:
        notes.append(
            f"{plural(outcome.fixed, 'baseline finding')} no longer found: run --write-baseline to shrink the baseline."
        )
    return result.with_findings([*kept, *outcome.new]).with_notes(*notes)


def _baselinable(finding: Finding) -> bool:
    """Lint findings go into baselines; a map that cannot be read (JK0xx-JK2xx) is never hidden."""
    rule = all_rules().get(finding.code)
    return rule is not None and rule.configurable


def show_settings(settings: Settings) -> int:
    write_json(sys.stdout, settings.as_dict())
    return 0
