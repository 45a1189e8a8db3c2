"""Output formats, registered by name; the CLI's `--format` choices come from these registries.

Modules are imported only when their format is used, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from journeykit.findings import Result, Severity

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


@dataclass(frozen=True, slots=True)
class ReportContext:
    """What a reporter may need besides the result."""

    command: str
    fail_on: Severity = Severity.ERROR


Reporter = Callable[[Result, TextIO, ReportContext], None]


def diagnostics_reporter(name: str) -> Reporter:
    """The `report` function of a findings format; KeyError for an unknown name."""
    module = importlib.import_module(DIAGNOSTIC_FORMATS[name])
    report: Reporter = module.report
    return report
