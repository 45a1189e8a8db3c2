"""`--events` on lint, render and plan: the event log laid over the maps once per run, before the rules.

The analytics engine runs here, in the command, over every map without errors; the rules (JK7xx, and the
JK6xx rules that read the plan), the report and the plan receive its plain figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from journeykit.analysis import Analysis
from journeykit.analytics.result import AnalyticsResult
from journeykit.analytics.settings import AnalyticsChoices
from journeykit.config import Settings
from journeykit.rules.context import Measurements


@dataclass
class EventLogRun:
    """Called with the analysis, between it and the rules (`checks.run_checks(measure=...)`); keeps what it
    measured for the command's other outputs (the report's overlay, the plan)."""

    choices: AnalyticsChoices
    settings: Settings
    result: AnalyticsResult | None = None
    measurements: Measurements = field(default_factory=Measurements)

    def __call__(self, analysis: Analysis) -> Measurements:
        from journeykit.analytics.measured import measured_of
        from journeykit.analytics.runner import run_analytics
        from journeykit.analytics.settings import resolve

        resolved = resolve(self.choices, self.settings.analytics)
        broken = {f.location.file for f in analysis.result.errors}
        journeys = [j for j in analysis.journeys if j.file not in broken]
        if not journeys:
            return self.measurements
        self.result = run_analytics(journeys, resolved, behaviours=True)
        self.measurements = Measurements(
            figures={m.file: m for m in self.result.maps},
            measured={m.file: measured_of(m, self.result.settings) for m in self.result.maps},
        )
        return self.measurements
