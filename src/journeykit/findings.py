"""Findings: what journeykit reports about a file, and where."""

from __future__ import annotations

import enum
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeykit.source import SourceFile

_INDEX = re.compile(r"\[\d+\]")


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that `>=` means "at least as serious"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """`"warning"` → `Severity.WARNING`; raises ValueError with the valid choices."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r}: use one of {choices}") from None


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file; line and column are 1-based, as editors show them."""

    file: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: a rule code, its effective severity, a message and where it is.

    `subject` names the YAML node the finding is about by its logical path
    (`touchpoints[store-listing].owner`): it survives edits that move lines, so
    fingerprints for SARIF and baselines are built from it rather than from line numbers.
    """

    code: str
    severity: Severity
    message: str
    location: Location
    hint: str | None = None
    subject: str = ""

    @property
    def fingerprint(self) -> str:
        """A line-independent identity: code, file, subject and message.

        Messages name nodes by YAML path (`stages[2].id`); the subject already names the node by
        id, so list indices are dropped from the message and inserting an item above a finding
        does not change its identity. Messages never quote line numbers (hints may).
        """
        message = _INDEX.sub("[]", self.message)
        key = "\x1f".join((self.code, self.location.file, self.subject, message))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)


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

    def counts_phrase(self) -> str:
        """`2 errors and 1 warning`, or `no findings`."""
        parts = [plural(n, label) for label, n in self.by_severity.items() if n]
        if not parts:
            return "no findings"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """Findings without repeats of the same code, place and message, in their first order."""
    seen: dict[tuple[str, str, int, int, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.code, f.location.file, f.location.line, f.location.column, f.message), f)
    return list(seen.values())


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@dataclass(slots=True)
class Result:
    """Everything a command found, for reporters to print.

    `sources` maps a file's display name to the file as loaded, so that reporters can show
    the offending line without reopening it.
    """

    findings: list[Finding]
    files_checked: int
    sources: dict[str, SourceFile] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    @property
    def summary(self) -> Summary:
        return Summary.of(self.findings, self.files_checked)

    def exit_code(self, fail_on: Severity = Severity.ERROR) -> int:
        """0 when nothing is at or above `fail_on`, else 1."""
        return 1 if any(f.severity >= fail_on for f in self.findings) else 0
