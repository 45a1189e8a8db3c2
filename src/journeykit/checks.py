"""The one place that runs a command's checks and builds its result.

validate runs the front half (files, schema, references); lint and render add the lint rules.
Every command reports the same files-checked count and the same deduplicated findings for the
same input, whichever step failed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journeykit.analysis import Analysis, AnalyzedMap, analyze
from journeykit.config import Settings
from journeykit.findings import unique
from journeykit.lint.engine import lint
from journeykit.lint.table import RuleTable
from journeykit.result import Result
from journeykit.rules.context import Measurements

Measure = Callable[[Analysis], Measurements]
"""What a command runs between the analysis and the rules to measure the maps (`lint --events`)."""


@dataclass(frozen=True)
class Checked:
    """The modelled maps of a run and everything found about them."""

    analysis: Analysis
    result: Result

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
) -> Checked:
    """Analyse the files under `paths`; with `lint_as_of`, run the lint rules too, dated that day, after
    `measure` (once, for every map) when it is given."""
    analysis = analyze(paths, settings, stdin_name=stdin_name)
    measurements = measure(analysis) if measure is not None and lint_as_of is not None else None
    return with_lint(analysis, settings, lint_as_of, measurements)


def with_lint(
    analysis: Analysis, settings: Settings, as_of: datetime.date | None, measurements: Measurements | None = None
) -> Checked:
    """The analysis's result, plus the lint findings when `as_of` is given (with what `measurements` says)."""
    if as_of is None:
        return Checked(analysis, analysis.result)
    found = lint(analysis.maps, RuleTable.compile(settings), as_of, measurements)
    result = analysis.result
    return Checked(analysis, result.with_findings(unique([*result.findings, *found])))
