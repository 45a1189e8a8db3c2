"""The one place that runs a command's checks and builds its result.

validate runs the front half (files, schema, references); lint and render add the lint rules.
Every command reports the same files-checked count and the same deduplicated findings for the
same input, whichever step failed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from journeykit.analysis import Analysis, AnalyzedMap, analyze
from journeykit.config import Settings
from journeykit.findings import unique
from journeykit.lint.engine import lint
from journeykit.lint.table import RuleTable
from journeykit.result import Result


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
) -> Checked:
    """Analyse the files under `paths`; with `lint_as_of`, run the lint rules too, dated that day."""
    return with_lint(analyze(paths, settings, stdin_name=stdin_name), settings, lint_as_of)


def with_lint(analysis: Analysis, settings: Settings, as_of: datetime.date | None) -> Checked:
    """The analysis's result, plus the lint findings when `as_of` is given."""
    if as_of is None:
        return Checked(analysis, analysis.result)
    found = lint(analysis.maps, RuleTable.compile(settings), as_of)
    result = analysis.result
    return Checked(analysis, result.with_findings(unique([*result.findings, *found])))
