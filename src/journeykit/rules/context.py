"""What a rule's check receives."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from journeykit.coverage import CoverageMatrix
from journeykit.model import Journey
from journeykit.plan.measured import Measured
from journeykit.plan.reference import reference_plan
from journeykit.plan.result import JourneyPlan


@dataclass(frozen=True)
class RuleContext:
    """One map, its coverage matrix (computed once beside it), and the date that age rules measure against."""

    journey: Journey
    matrix: CoverageMatrix
    today: datetime.date
    measured: Measured | None = None
    """Measured behaviour for the plan (`--events`); None plans from the map alone."""

    @functools.cached_property
    def plan(self) -> JourneyPlan | None:
        """The map's reference plan (journeykit.plan.reference), computed on first use and shared by every
        rule of this map; None when the map cannot be planned (an unknown time zone)."""
        return reference_plan(self.journey, self.today, measured=self.measured)
