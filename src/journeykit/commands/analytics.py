"""`journeykit analytics`: lay an event log over maps; maps with errors are reported and skipped."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from journeykit.analytics.settings import AnalyticsChoices
from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.errors import UsageError
from journeykit.output import open_output
from journeykit.reporters import DIAGNOSTIC_FORMATS, ReportContext


@dataclass(frozen=True)
class AnalyticsOptions:
    maps: tuple[str, ...]
    choices: AnalyticsChoices
    output_format: str | None = None
    output: Path | None = None


def analytics(options: AnalyticsOptions, settings: Settings) -> int:
    """Exit 0; 1 when a map had errors (it is skipped); UsageError (exit 2) for an unusable log or option."""
    from journeykit.analytics.reporters import reporter
    from journeykit.analytics.runner import run_analytics
    from journeykit.analytics.settings import resolve

    resolved = resolve(options.choices, settings.analytics)
    configured = settings.analytics.output_format if settings.analytics else None
    output_format = options.output_format or configured or "text"
    checked = load(CheckOptions(options.maps), settings)
    errors = checked.result.errors_only()
    broken = {f.location.file for f in errors.findings}
    if errors.findings:
        DIAGNOSTIC_FORMATS.get("concise").report(errors, sys.stderr, ReportContext("analytics"))
    modelled = checked.analysis.journeys
    journeys = [j for j in modelled if j.file not in broken]
    if not journeys:
        raise UsageError("no map to lay the log over: " + ("every map has errors" if modelled else "no map found"))
    figures = run_analytics(journeys, resolved)
    with open_output(options.output) as out:
        reporter(output_format)(figures, out)
    return 1 if errors.findings else 0
