"""Findings: what journeykit reports about a file, and where."""

from __future__ import annotations

import enum
import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from journeykit.source import Location

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


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """Findings without repeats of the same code, place and message, in their first order."""
    seen: dict[tuple[str, str, int, int, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.code, f.location.file, f.location.line, f.location.column, f.message), f)
    return list(seen.values())


def unmatched(keyed: Iterable[tuple[str, Finding]], recorded: Counter[str]) -> list[Finding]:
    """The findings whose key is not among `recorded`, in order: each recorded key matches one finding, as
    many times as it is recorded (a baseline, or the other side of a diff)."""
    remaining = Counter(recorded)
    left: list[Finding] = []
    for key, finding in keyed:
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            left.append(finding)
    return left


def errors_of(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]
