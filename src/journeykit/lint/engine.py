"""Run the enabled rules over every modelled map; stamp code and severity; apply ignores and suppressions."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from journeykit.analysis import Analysis
from journeykit.config import Settings
from journeykit.findings import Finding
from journeykit.lint.context import RuleContext
from journeykit.lint.suppressions import Suppressions
from journeykit.rules.base import Rule, Violation
from journeykit.rules.registry import all_rules
from journeykit.source import SourceFile


def lint(analysis: Analysis, settings: Settings, today: datetime.date) -> list[Finding]:
    """Lint findings for every map that could be modelled (structural findings are in `analysis`)."""
    rules = all_rules()
    enabled = [r for r in rules.values() if r.check is not None and settings.enabled(r)]
    suppressions: dict[int, Suppressions] = {}
    findings: list[Finding] = []
    for journey in analysis.journeys:
        context = RuleContext(journey, today)
        for rule in enabled:
            assert rule.check is not None
            findings.extend(_kept(rule, rule.check(context, settings.options_of(rule)), settings, suppressions))
    enabled_codes = {r.code for r in enabled}
    for suppression in suppressions_of(analysis, suppressions).values():
        for finding in suppression.leftovers(rules, enabled_codes):
            rule = rules[finding.code]
            source = suppression.source
            if settings.enabled(rule) and not settings.ignored_in_file(rule.code, source.path, source.display):
                findings.append(_regraded(finding, settings, rule))
    return findings


def _kept(
    rule: Rule, violations: Iterable[Violation], settings: Settings, cache: dict[int, Suppressions]
) -> Iterable[Finding]:
    severity = settings.severity_of(rule)
    for violation in violations:
        origin = violation.origin
        location = origin.at(*violation.at, key=violation.key)
        if settings.ignored_in_file(rule.code, origin.source.path, origin.file):
            continue
        if _suppressions(origin.source, cache).suppresses(rule.code, {location.line, *origin.opening_lines()}):
            continue
        yield Finding(rule.code, severity, violation.message, location, violation.hint, origin.subject(*violation.at))


def _suppressions(source: SourceFile, cache: dict[int, Suppressions]) -> Suppressions:
    key = id(source)
    if key not in cache:
        cache[key] = Suppressions.parse(source)
    return cache[key]


def suppressions_of(analysis: Analysis, cache: dict[int, Suppressions]) -> dict[int, Suppressions]:
    """The suppressions of every modelled map and the catalogs it sees, parsed once."""
    for journey in analysis.journeys:
        _suppressions(journey.source, cache)
        for catalog in journey.catalogs:
            _suppressions(catalog.origin.source, cache)
    return cache


def _regraded(finding: Finding, settings: Settings, rule: Rule) -> Finding:
    severity = settings.severity_of(rule)
    if severity is finding.severity:
        return finding
    return Finding(finding.code, severity, finding.message, finding.location, finding.hint, finding.subject)
