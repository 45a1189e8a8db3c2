"""What a rule is: stable code, slug name, family, default severity, options, examples, check."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from journeykit.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from journeykit.lint.context import RuleContext
    from journeykit.model import Origin


class Family(enum.Enum):
    """Rule families, keyed by the hundreds digit of their codes."""

    FILE = ("JK0", "file and syntax")
    SCHEMA = ("JK1", "schema")
    REFERENCES = ("JK2", "references")
    FLOW = ("JK3", "flow")
    COVERAGE = ("JK4", "coverage")
    CONTENT = ("JK5", "content quality")
    INTERACTIONS = ("JK6", "interactions")

    @property
    def prefix(self) -> str:
        return self.value[0]

    @property
    def title(self) -> str:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class Violation:
    """What a check yields: a message about a node (`origin`, or its field `at`).

    The engine turns it into a Finding: it stamps the code and the effective severity,
    locates it (at the field's key when `key` is true), and matches suppression comments
    on the finding's line or on the lines that open the node.
    """

    message: str
    origin: Origin
    at: tuple[str | int, ...] = ()
    key: bool = False
    hint: str | None = None


OptionValue = int | float | str | bool
Check = Callable[["RuleContext", Mapping[str, Any]], Iterator[Violation]]


@dataclass(frozen=True, slots=True)
class RuleOption:
    """A configurable rule parameter, validated when the configuration is read."""

    name: str
    default: OptionValue
    description: str
    minimum: int | None = None

    def validate(self, value: object) -> OptionValue:
        """The value, if it has the default's type and bounds; else ValueError naming the problem."""
        expected = type(self.default)
        if isinstance(value, bool) != (expected is bool) or not isinstance(value, expected):
            raise ValueError(f"expects a {expected.__name__}, got {value!r}")
        if self.minimum is not None and isinstance(value, int) and value < self.minimum:
            raise ValueError(f"must be at least {self.minimum}, got {value}")
        return value


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: metadata, examples and, for lint rules, a check.

    Rules of the file, schema and reference families have no check: the loader, the
    schema check and the model builder emit their findings. They are registered all the
    same so that `journeykit rules`, SARIF metadata and the docs cover every code.
    """

    code: str
    name: str
    family: Family
    severity: Severity
    summary: str
    explanation: str
    bad_example: str = ""
    good_example: str = ""
    options: tuple[RuleOption, ...] = ()
    check: Check | None = None
    configurable: bool = False
    """Whether configuration may select, ignore or re-grade it: lint rules can; the
    file, schema and reference families mean the map cannot be read, so they cannot."""
    example_format: str = "yaml"
    """What the examples are written in: a map (`yaml`), or a spreadsheet (`csv`) for `import csv`."""

    def defaults(self) -> dict[str, OptionValue]:
        return {o.name: o.default for o in self.options}

    def finding(self, location: Location, message: str, *, hint: str | None = None, subject: str = "") -> Finding:
        """A finding of this rule at its default severity (for the built-in, non-configurable families)."""
        return Finding(self.code, self.severity, message, location, hint, subject)


MINIMAL_MAP = """\
journeykit: 1
kind: journey
id: checkout
title: Checkout
stages:
  - id: purchase
    name: Purchase
"""
"""The smallest valid map: the start of most rule examples, and of many tests."""

_REGISTRY: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule to the registry; codes and names must be unique."""
    if rule.code in _REGISTRY:
        raise RuntimeError(f"rule code {rule.code} registered twice")
    if any(r.name == rule.name for r in _REGISTRY.values()):
        raise RuntimeError(f"rule name {rule.name} registered twice")
    if not rule.code.startswith(rule.family.prefix):
        raise RuntimeError(f"rule {rule.code} does not belong to family {rule.family.prefix}xx")
    _REGISTRY[rule.code] = rule
    return rule


def structural_rule(
    family: Family,
    code: str,
    name: str,
    summary: str,
    explanation: str,
    bad: str,
    good: str = MINIMAL_MAP,
    *,
    example_format: str = "yaml",
) -> Rule:
    """Register a rule of the file, schema or reference family: emitted by the pipeline, always an error."""
    return register(
        Rule(
            code=code,
            name=name,
            family=family,
            severity=Severity.ERROR,
            summary=summary,
            explanation=explanation,
            bad_example=bad,
            good_example=good,
            example_format=example_format,
        )
    )


def rule(
    *,
    code: str,
    name: str,
    family: Family,
    severity: Severity,
    summary: str,
    bad_example: str,
    good_example: str,
    options: tuple[RuleOption, ...] = (),
) -> Callable[[Check], Check]:
    """Decorator for a lint check: its docstring is the rule's explanation."""

    def wrap(check: Check) -> Check:
        register(
            Rule(
                code=code,
                name=name,
                family=family,
                severity=severity,
                summary=summary,
                explanation=inspect.cleandoc(check.__doc__ or summary),
                bad_example=inspect.cleandoc(bad_example),
                good_example=inspect.cleandoc(good_example),
                options=options,
                check=check,
                configurable=True,
            )
        )
        return check

    return wrap


def registered() -> Mapping[str, Rule]:
    """The rules registered so far (import journeykit.rules.registry for all of them)."""
    return _REGISTRY
