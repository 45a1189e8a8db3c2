"""The configuration compiled once per run into a rule table: which codes are on, at what
severity, with which options, and which codes each file ignores.

The engine asks the table, never the settings: every question is answered from a dict
built here, and per-file ignores are resolved once per file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pathspec

from journeykit.codes.base import Rule
from journeykit.config import OFF, Settings
from journeykit.discover import display_name, resolved
from journeykit.findings import Finding, Severity
from journeykit.rules.base import LintRule
from journeykit.source import Location, SourceFile


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """One enabled code: its rule, effective severity and (for lint rules) typed options."""

    rule: Rule
    severity: Severity
    options: Any = None


class RuleTable:
    """Enabled codes with their severity and options, and per-file ignores, for one run."""

    def __init__(self, settings: Settings, rules: Mapping[str, Rule]) -> None:
        self.root = settings.root
        self._settings: dict[str, RuleSetting] = {}
        for code, rule in rules.items():
            if not rule.configurable:
                continue
            chosen = _longest_match(code, (*settings.select, *settings.extend_select))
            dropped = _longest_match(code, settings.ignore)
            level = _most_specific(code, settings.severity)
            if chosen <= dropped or level == OFF:
                continue
            severity = Severity.parse(level) if level else rule.severity
            options = rule.make_options(settings.rule_options.get(code, {})) if isinstance(rule, LintRule) else None
            self._settings[code] = RuleSetting(rule, severity, options)
        self._configurable = [code for code, rule in rules.items() if rule.configurable]
        self._patterns = [
            (pathspec.GitIgnoreSpec.from_lines([pattern]), codes)
            for pattern, codes in settings.per_file_ignores.items()
        ]
        self._ignored: dict[str, frozenset[str]] = {}

    @classmethod
    def compile(cls, settings: Settings) -> RuleTable:
        from journeykit.rules.registry import all_rules

        return cls(settings, all_rules())

    def lint_rules(self) -> list[tuple[LintRule, RuleSetting]]:
        """The enabled rules that have a check, in code order."""
        return [(s.rule, s) for s in self._settings.values() if isinstance(s.rule, LintRule) and s.rule.check]

    def enabled(self, code: str) -> bool:
        return code in self._settings

    def ignored_in(self, source: SourceFile) -> frozenset[str]:
        """The codes that `per-file-ignores` silence in this file, resolved once per file."""
        ignored = self._ignored.get(source.display)
        if ignored is None:
            relative = display_name(resolved(source.path), self.root) if source.path else source.display
            prefixes = [p for spec, codes in self._patterns if spec.match_file(relative) for p in codes]
            ignored = frozenset(c for c in self._configurable if _longest_match(c, prefixes))
            self._ignored[source.display] = ignored
        return ignored

    def stamp(self, code: str, message: str, location: Location, hint: str | None = None, subject: str = "") -> Finding:
        """The one place where a lint finding gets its code and effective severity."""
        return Finding(code, self._settings[code].severity, message, location, hint, subject)


def _longest_match(code: str, prefixes: Sequence[str]) -> int:
    """How specifically `prefixes` name `code`: 0 for not at all, 1 for ALL, else the prefix length + 1."""
    best = 0
    for prefix in prefixes:
        length = 1 if prefix == "ALL" else len(prefix) + 1
        if (prefix == "ALL" or code.startswith(prefix)) and length > best:
            best = length
    return best


def _most_specific(code: str, levels: Mapping[str, str]) -> str | None:
    """The level set for the most specific code or prefix (or ALL) that matches `code`."""
    best, best_length = None, 0
    for prefix, level in levels.items():
        length = _longest_match(code, (prefix,))
        if length > best_length:
            best, best_length = level, length
    return best
