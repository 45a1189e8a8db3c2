"""What a lint rule adds to a code: a check, and typed options with defaults.

A check is a generator: `check(context, options)` yields `Violation`s about nodes of the map.
The engine, not the rule, stamps the code and the effective severity and locates the finding.
Options are a frozen dataclass per rule whose fields are declared with `option(...)`, so a
check reads `options.max_age_days`, typed, and the configuration is validated against them.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from journeykit.codes.base import Family, Rule, register
from journeykit.findings import Severity

if TYPE_CHECKING:
    from journeykit.model import Origin
    from journeykit.rules.context import RuleContext

__all__ = ["Family", "LintRule", "NoOptions", "RuleOption", "Violation", "option", "rule"]


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


@dataclass(frozen=True, slots=True)
class RuleOption:
    """One configurable parameter of a rule: its configuration name, default and bounds."""

    name: str
    attribute: str
    default: OptionValue
    description: str
    minimum: int | None = None
    pattern: str | None = None
    """For a text option: the regular expression its whole value must match (the default is an example)."""

    def validate(self, value: object) -> OptionValue:
        """The value, if it has the default's type, bounds and form; else ValueError naming the problem."""
        expected = type(self.default)
        if isinstance(value, bool) != (expected is bool) or not isinstance(value, expected):
            raise ValueError(f"expects a {expected.__name__}, got {value!r}")
        if self.minimum is not None and isinstance(value, int) and value < self.minimum:
            raise ValueError(f"must be at least {self.minimum}, got {value}")
        if self.pattern is not None and isinstance(value, str) and not re.fullmatch(self.pattern, value):
            raise ValueError(f"must be written like {self.default!r}, got {value!r}")
        return value


_OPTION = "journeykit.option"


def option(name: str, default: Any, description: str, *, minimum: int | None = None, pattern: str | None = None) -> Any:
    """Declare a field of a rule's options dataclass: `max_age_days: int = option("max-age-days", 180, ...)`."""
    return dataclasses.field(default=default, metadata={_OPTION: (name, description, minimum, pattern)})


@dataclass(frozen=True, slots=True)
class NoOptions:
    """The options of a rule that has none."""


Options = TypeVar("Options")
Check = Callable[["RuleContext", Any], Iterator[Violation]]
TypedCheck = Callable[["RuleContext", Options], Iterator[Violation]]


@dataclass(frozen=True, slots=True)
class LintRule(Rule):
    """A configurable rule with a check."""

    check: Check | None = None
    options_type: type[Any] = NoOptions

    @property
    def options(self) -> tuple[RuleOption, ...]:
        """The options as the configuration names them, in declaration order."""
        declared = []
        for field in dataclasses.fields(self.options_type):
            name, description, minimum, pattern = field.metadata[_OPTION]
            default: OptionValue = field.default  # type: ignore[assignment]  # option() always sets one
            declared.append(RuleOption(name, field.name, default, description, minimum, pattern))
        return tuple(declared)

    def make_options(self, values: Mapping[str, OptionValue]) -> Any:
        """The options object for configuration values keyed by option name (already validated)."""
        by_name = {o.name: o.attribute for o in self.options}
        return self.options_type(**{by_name[name]: value for name, value in values.items()})


def options_of(rule: Rule) -> tuple[RuleOption, ...]:
    """A code's options: none unless it is a lint rule that declares some."""
    return rule.options if isinstance(rule, LintRule) else ()


def rule(
    *,
    code: str,
    name: str,
    family: Family,
    severity: Severity,
    summary: str,
    options: type[Options] = NoOptions,  # type: ignore[assignment]
) -> Callable[
    [Callable[[RuleContext, Options], Iterator[Violation]]], Callable[[RuleContext, Options], Iterator[Violation]]
]:
    """Decorator for a lint check: its docstring is the rule's explanation."""

    def wrap(check: TypedCheck[Options]) -> TypedCheck[Options]:
        register(
            LintRule(
                code=code,
                name=name,
                family=family,
                severity=severity,
                summary=summary,
                explanation=inspect.cleandoc(check.__doc__ or summary),
                configurable=True,
                check=check,
                options_type=options,
            )
        )
        return check

    return wrap
