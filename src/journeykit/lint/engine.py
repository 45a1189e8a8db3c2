"""Run the enabled rules over every modelled map; apply per-file ignores and suppressions."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from journeykit.analysis import AnalyzedMap
from journeykit.findings import Finding
from journeykit.lint.suppressions import Suppressions
from journeykit.lint.table import RuleTable
from journeykit.rules.context import Measurements, RuleContext
from journeykit.source import SourceFile


def lint(
    maps: Sequence[AnalyzedMap], table: RuleTable, today: datetime.date, measurements: Measurements | None = None
) -> list[Finding]:
    """Lint findings for every modelled map (structural findings come from the analysis); `measurements`, what an
    event log says about the maps, turns the JK7xx rules on and gives the plan-reading rules measured data."""
    suppressions = _SuppressionsByFile()
    findings: list[Finding] = []
    rules = table.lint_rules()
    for analyzed in maps:
        file = analyzed.journey.file
        context = RuleContext(
            analyzed.journey,
            analyzed.coverage,
            today,
            measured=measurements.measured.get(file) if measurements is not None else None,
            figures=measurements.figures.get(file) if measurements is not None else None,
        )
        for rule, setting in rules:
            assert rule.check is not None
            for violation in rule.check(context, setting.options):
                origin = violation.origin
                if rule.code in table.ignored_in(origin.source):
                    continue
                location = origin.at(*violation.at, key=violation.key)
                lines = {location.line, *origin.opening_lines()}
                if suppressions.of(origin.source).suppresses(rule.code, lines):
                    continue
                subject = origin.subject(*violation.at)
                findings.append(table.stamp(rule.code, violation.message, location, violation.hint, subject))
        suppressions.of(analyzed.journey.source)
        for catalog in analyzed.journey.catalogs:
            suppressions.of(catalog.origin.source)
    for parsed in suppressions.all():
        for leftover in parsed.leftovers(table.enabled):
            if table.enabled(leftover.code) and leftover.code not in table.ignored_in(parsed.source):
                findings.append(table.stamp(leftover.code, leftover.message, leftover.location, leftover.hint))
    return findings


class _SuppressionsByFile:
    """Each file's suppression comments, parsed once per run."""

    def __init__(self) -> None:
        self._parsed: dict[int, Suppressions] = {}

    def of(self, source: SourceFile) -> Suppressions:
        key = id(source)
        if key not in self._parsed:
            self._parsed[key] = Suppressions.parse(source)
        return self._parsed[key]

    def all(self) -> list[Suppressions]:
        return list(self._parsed.values())
