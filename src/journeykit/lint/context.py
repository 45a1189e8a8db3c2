"""What a rule's check receives."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from journeykit.coverage import CoverageMatrix
from journeykit.model import Journey


@dataclass(frozen=True)
class RuleContext:
    """One map, the date that age rules measure against, and the map's coverage matrix."""

    journey: Journey
    today: datetime.date

    @property
    def matrix(self) -> CoverageMatrix:
        return self.journey.coverage
