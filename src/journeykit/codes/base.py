"""What a code is: stable code, slug name, family, default severity, explanation, examples."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from journeykit.findings import Finding, Severity
from journeykit.source import Location


class Family(enum.Enum):
    """Code families, by the prefix their codes start with (the longest matching prefix wins)."""

    FILE = ("JK0", "file and syntax")
    SUPPRESSION = ("JK09", "suppression comments")
    SCHEMA = ("JK1", "schema")
    REFERENCES = ("JK2", "references")
    FLOW = ("JK3", "flow")
    COVERAGE = ("JK4", "coverage")
    CONTENT = ("JK5", "content quality")
    INTERACTIONS = ("JK6", "interactions")
    RENDERING = ("JK8", "rendering")

    @property
    def prefix(self) -> str:
        return self.value[0]

    @property
    def title(self) -> str:
        return self.value[1]

    @property
    def label(self) -> str:
        """`JK3xx`, `JK09x`: the prefix padded to a code's length."""
        return self.prefix + "x" * (5 - len(self.prefix))

    @classmethod
    def of(cls, code: str) -> Family | None:
        """The family a code belongs to: the one with the longest prefix of it."""
        matching = [family for family in cls if code.startswith(family.prefix)]
        return max(matching, key=lambda family: len(family.prefix)) if matching else None


@dataclass(frozen=True, slots=True)
class Rule:
    """A code: its metadata (its examples are in `codes/examples/`, see `journeykit.codes.examples`).

    Codes of the file, schema and reference families are emitted by the loader, the schema
    check and the model builder; lint rules (`journeykit.rules.base.LintRule`) add a check
    and options. All are registered so that `journeykit rules`, SARIF and the docs cover
    every code.
    """

    code: str
    name: str
    family: Family
    severity: Severity
    summary: str
    explanation: str
    configurable: bool = False
    """Whether configuration may select, ignore or re-grade it: lint rules can; the
    file, schema and reference families mean the map cannot be read, so they cannot."""

    def finding(self, location: Location, message: str, *, hint: str | None = None, subject: str = "") -> Finding:
        """A finding of this code at its default severity (for the built-in, non-configurable families)."""
        return Finding(self.code, self.severity, message, location, hint, subject)


_REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; codes and names must be unique."""
    if rule.code in _REGISTRY:
        raise RuntimeError(f"rule code {rule.code} registered twice")
    if any(r.name == rule.name for r in _REGISTRY.values()):
        raise RuntimeError(f"rule name {rule.name} registered twice")
    if Family.of(rule.code) is not rule.family:
        raise RuntimeError(f"rule {rule.code} does not belong to family {rule.family.label}")
    _REGISTRY[rule.code] = rule
    return rule


def structural_rule(family: Family, code: str, name: str, summary: str, explanation: str) -> Rule:
    """Register a code of the file, schema or reference family: emitted by the pipeline, always an error."""
    return register(
        Rule(
            code=code,
            name=name,
            family=family,
            severity=Severity.ERROR,
            summary=summary,
            explanation=explanation,
        )
    )


def registered() -> Mapping[str, Rule]:
    """The codes registered so far (journeykit.rules.registry.all_rules imports every family)."""
    return _REGISTRY
