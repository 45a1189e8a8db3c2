"""Output formats, registered by name; the CLI's `--format` choices come from these registries.

Every reporter has the same contract: a module with `report(data, out, context)`, and
`PRINTS_NOTES = True` when its output shows the result's notes itself (otherwise the command
prints them on standard error). Modules are imported only when their format is used, so
start-up stays fast. Commands get reporters through a registry, never by importing a module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TextIO, TypeVar

from journeykit.findings import Severity

if TYPE_CHECKING:
    from journeykit.coverage import CoverageReport
    from journeykit.result import Result

Data = TypeVar("Data")


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a reporter may need besides its data."""

    command: str
    fail_on: Severity = Severity.ERROR
    quiet: bool = False
    """Only the findings: no summary, no notes (`--quiet`)."""
    color: str = "auto"
    """`--color`: auto, always or never."""


@dataclass(frozen=True, slots=True)
class Reporter(Generic[Data]):
    name: str
    report: Callable[[Data, TextIO, ReportContext], None]
    prints_notes: bool


class Registry(Generic[Data]):
    """Formats for one kind of data: name → module."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self._modules = dict(modules)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._modules)

    def __contains__(self, name: object) -> bool:
        return name in self._modules

    def get(self, name: str) -> Reporter[Data]:
        """The reporter of a format; KeyError for an unknown name."""
        module = importlib.import_module(self._modules[name])
        return Reporter(name, module.report, bool(getattr(module, "PRINTS_NOTES", False)))


DIAGNOSTIC_FORMATS: Registry[Result] = Registry(
    {
        "text": "journeykit.reporters.text",
        "concise": "journeykit.reporters.concise",
        "json": "journeykit.reporters.json_format",
        "github": "journeykit.reporters.github",
        "sarif": "journeykit.reporters.sarif",
        "junit": "journeykit.reporters.junit",
        "gitlab": "journeykit.reporters.gitlab",
    }
)
"""Formats for findings (validate, lint, render's errors)."""

COVERAGE_FORMATS: Registry[CoverageReport] = Registry(
    {
        "text": "journeykit.reporters.coverage_text",
        "json": "journeykit.reporters.coverage_json",
        "markdown": "journeykit.reporters.coverage_markdown",
        "html": "journeykit.reporters.coverage_html",
    }
)
"""Formats for the coverage matrices."""
