"""What a rule's check receives."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from journeykit.coverage import CoverageMatrix
from journeykit.model import Journey


@dataclass(frozen=True)
class RuleContext:
    """One map, its coverage matrix (computed once beside it), and the date that age rules measure against."""

    journey: Journey
    matrix: CoverageMatrix
    today: datetime.date
