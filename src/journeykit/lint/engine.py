"""Run the enabled rules over every modelled map; apply per-file ignores and suppressions.

Maps are linted one at a time (`LintRun.check`), in this process or in worker processes; the
suppression comments each map's lint touched go into a `SuppressionLedger`, which reports the
comments that suppressed nothing once, at the end, whichever process used them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

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
    run = LintRun(table, today, measurements)
    ledger = SuppressionLedger()
    findings: list[Finding] = []
    for analyzed in maps:
        linted = run.check(analyzed)
        findings.extend(linted.findings)
        ledger.add(linted.suppressions)
    return [*findings, *ledger.leftovers(table)]


@dataclass(frozen=True)
class MapLint:
    """One map's lint findings, and the suppression comments of the files its lint touched."""

    findings: tuple[Finding, ...]
    suppressions: tuple[Suppressions, ...]
    """Files with comments, in the order they were first touched; detached from the files' text."""


class LintRun:
    """The enabled rules, applied to one map at a time."""

    def __init__(self, table: RuleTable, today: datetime.date, measurements: Measurements | None = None) -> None:
        self.table = table
        self.today = today
        self.measurements = measurements
        self.rules = table.lint_rules()
        self._parsed: dict[str, Suppressions] = {}
        """Comments by file, parsed once: catalogs stay, a map's own file is dropped when it is done."""

    def check(self, analyzed: AnalyzedMap) -> MapLint:
        table = self.table
        touched: dict[str, Suppressions] = {}
        findings: list[Finding] = []
        file = analyzed.journey.file
        measurements = self.measurements
        context = RuleContext(
            analyzed.journey,
            analyzed.coverage,
            self.today,
            measured=measurements.measured.get(file) if measurements is not None else None,
            figures=measurements.figures.get(file) if measurements is not None else None,
        )
        for rule, setting in self.rules:
            assert rule.check is not None
            for violation in rule.check(context, setting.options):
                origin = violation.origin
                if rule.code in table.ignored_in(origin.source):
                    continue
                location = origin.at(*violation.at, key=violation.key)
                lines = {location.line, *origin.opening_lines()}
                if self._of(origin.source, touched).suppresses(rule.code, lines):
                    continue
                subject = origin.subject(*violation.at)
                findings.append(table.stamp(rule.code, violation.message, location, violation.hint, subject))
        journey = analyzed.journey
        self._of(journey.source, touched)
        for catalog in journey.catalogs:
            self._of(catalog.origin.source, touched)
        # A map's file is linted once: forget it, so that its text can be released.
        self._parsed.pop(journey.source.display, None)
        kept = tuple(_detached(parsed) for parsed in touched.values() if parsed.by_line)
        return MapLint(tuple(findings), kept)

    def _of(self, source: SourceFile, touched: dict[str, Suppressions]) -> Suppressions:
        parsed = touched.get(source.display)
        if parsed is None:
            parsed = self._parsed.get(source.display)
            if parsed is None:
                parsed = self._parsed[source.display] = Suppressions.parse(source)
            touched[source.display] = parsed
        return parsed


class SuppressionLedger:
    """Every file's suppression comments, in the order files were first linted, with the codes each
    comment suppressed by any map, in any process."""

    def __init__(self) -> None:
        self._files: dict[str, Suppressions] = {}

    def add(self, files: Iterable[Suppressions]) -> None:
        for parsed in files:
            mine = self._files.setdefault(parsed.source.display, parsed)
            if mine is parsed:
                continue
            for line, directive in parsed.by_line.items():
                known = mine.by_line.get(line)
                if known is not None:
                    known.used |= directive.used

    def leftovers(self, table: RuleTable) -> list[Finding]:
        """JK090/JK091 for comments that suppress nothing or cannot work, graded by the rule table."""
        findings = []
        for parsed in self._files.values():
            for leftover in parsed.leftovers(table.enabled):
                if table.enabled(leftover.code) and leftover.code not in table.ignored_in(parsed.source):
                    findings.append(table.stamp(leftover.code, leftover.message, leftover.location, leftover.hint))
        return findings


def _detached(parsed: Suppressions) -> Suppressions:
    """A copy that keeps the file's name and path but not its text, and a snapshot of what is used."""
    source = SourceFile(parsed.source.display, parsed.source.path, "")
    by_line = {line: replace(directive, used=set(directive.used)) for line, directive in parsed.by_line.items()}
    return replace(parsed, source=source, by_line=by_line)
