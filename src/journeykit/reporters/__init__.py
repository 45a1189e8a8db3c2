"""Output formats, registered by name; the CLI's `--format` choices come from these registries.

Modules are imported only when their format is used, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from journeykit.findings import Severity
from journeykit.result import Result

if TYPE_CHECKING:
    from journeykit.coverage import CoverageReport

DIAGNOSTIC_FORMATS: dict[str, str] = {
    "text": "journeykit.reporters.text",
    "concise": "journeykit.reporters.concise",
    "json": "journeykit.reporters.json_format",
    "github": "journeykit.reporters.github",
    "sarif": "journeykit.reporters.sarif",
    "junit": "journeykit.reporters.junit",
    "gitlab": "journeykit.reporters.gitlab",
}
"""Formats for findings (validate, lint): name → module with `report(result, out, context)`."""

COVERAGE_FORMATS: dict[str, str] = {
    "text": "journeykit.reporters.coverage_text",
    "json": "journeykit.reporters.coverage_json",
    "markdown": "journeykit.reporters.coverage_markdown",
    "html": "journeykit.reporters.coverage_html",
}
"""Formats for the coverage matrix: name → module with `report(coverage_report, out)`."""


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a reporter may need besides the result."""

    command: str
    fail_on: Severity = Severity.ERROR


Reporter = Callable[[Result, TextIO, ReportContext], None]


CoverageReporter = Callable[["CoverageReport", TextIO], None]


def coverage_reporter(name: str) -> CoverageReporter:
    """The `report` function of a coverage format; KeyError for an unknown name."""
    module = importlib.import_module(COVERAGE_FORMATS[name])
    report: CoverageReporter = module.report
    return report


def diagnostics_reporter(name: str) -> Reporter:
    """The `report` function of a findings format; KeyError for an unknown name."""
    module = importlib.import_module(DIAGNOSTIC_FORMATS[name])
    report: Reporter = module.report
    return report
