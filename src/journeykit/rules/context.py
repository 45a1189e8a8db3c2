"""What a rule's check receives."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from journeykit.coverage import CoverageMatrix
from journeykit.figures import MapAnalytics
from journeykit.model import Journey
from journeykit.plan.measured import Measured
from journeykit.plan.reference import reference_plan
from journeykit.plan.result import JourneyPlan


@dataclass(frozen=True)
class Measurements:
    """What an event log measured (`lint --events`), per map file: plain figures, computed once per run by the
    command before the rules run (the rules never start an engine)."""

    figures: Mapping[str, MapAnalytics] = field(default_factory=dict)
    """Map file → its figures (journeykit.figures), for the JK7xx rules."""
    measured: Mapping[str, Measured] = field(default_factory=dict)
    """Map file → the measured behaviour its reference plan uses (the JK6xx rules that read the plan)."""


@dataclass(frozen=True)
class RuleContext:
    """One map, its coverage matrix (computed once beside it), and the date that age rules measure against."""

    journey: Journey
    matrix: CoverageMatrix
    today: datetime.date
    measured: Measured | None = None
    """Measured behaviour for the plan (`--events`); None plans from the map alone."""
    figures: MapAnalytics | None = None
    """What the event log says about this map (`--events`); None without a log, and the JK7xx rules are off."""

    @functools.cached_property
    def plan(self) -> JourneyPlan | None:
        """The map's reference plan (journeykit.plan.reference), computed on first use and shared by every
        rule of this map; None when the map cannot be planned (an unknown time zone)."""
        return reference_plan(self.journey, self.today, measured=self.measured)

    @functools.cached_property
    def log_events(self) -> Mapping[str, int]:
        """Every event name of the log → its rows, most first (empty without a log), computed on first use."""
        return self.figures.log_events if self.figures is not None else {}
