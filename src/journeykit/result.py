"""The outcome of a run: findings, the files checked, the source lines findings quote, and notes, for reporters.

A Result is immutable: views such as "errors only" or "without the baseline" are new results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from journeykit.findings import Finding, Severity
from journeykit.present import plural
from journeykit.quoted import QuotedLines


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts per severity and per code, as reporters print them."""

    by_severity: dict[str, int]
    by_code: dict[str, int]
    files_checked: int
    files_with_findings: int

    @classmethod
    def of(cls, findings: Iterable[Finding], files_checked: int) -> Summary:
        findings = list(findings)
        by_severity = {s.label: 0 for s in sorted(Severity, reverse=True)}
        for f in findings:
            by_severity[f.severity.label] += 1
        by_code = dict(sorted(Counter(f.code for f in findings).items()))
        files = len({f.location.file for f in findings})
        return cls(by_severity, by_code, files_checked, files)

    def most_common(self) -> list[tuple[str, int]]:
        """(code, count) for every code with a finding, most first, then by code."""
        return sorted(self.by_code.items(), key=lambda item: (-item[1], item[0]))

    def counts_phrase(self) -> str:
        """`2 errors and 1 warning`, or `no findings`."""
        parts = [plural(n, label) for label, n in self.by_severity.items() if n]
        if not parts:
            return "no findings"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


@dataclass(frozen=True, slots=True)
class Result:
    """Everything a run found, for reporters to print.

    `quoted` holds the source line of every finding, so that reporters can show it without
    reopening the file (the files themselves are released as soon as they are checked);
    `files` names the files checked, by display name, in the order they were read.
    """

    findings: tuple[Finding, ...]
    files_checked: int
    quoted: QuotedLines = field(default_factory=QuotedLines)
    files: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.files_checked)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0 when nothing is at or above `fail_on`, else 1."""
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0

    def errors_only(self) -> Result:
        """The same run with only its errors."""
        return self.with_findings(f for f in self.findings if f.severity is Severity.ERROR)

    def with_findings(self, findings: Iterable[Finding]) -> Result:
        """The same run reporting other findings (a baseline applied, a filter)."""
        return Result(tuple(findings), self.files_checked, self.quoted, self.files, self.notes)

    def with_notes(self, *notes: str) -> Result:
        return Result(self.findings, self.files_checked, self.quoted, self.files, (*self.notes, *notes))

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)
