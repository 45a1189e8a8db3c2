"""The result of `journeykit analytics`: the settings it was computed with and each map's figures.

The figures themselves are plain dataclasses in journeykit.figures (below the rules, which read them);
they are named here too, so that `journeykit.analytics.result` is the one place to import a result from.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.analytics.settings import Columns
from journeykit.figures import (
    Backtrack,
    GroupFigures,
    MapAnalytics,
    StageFigures,
    TimeToStage,
    Transition,
    UnmappedEvent,
)

__all__ = [
    "AnalyticsResult",
    "Backtrack",
    "GroupFigures",
    "MapAnalytics",
    "RunSettings",
    "StageFigures",
    "TimeToStage",
    "Transition",
    "UnmappedEvent",
]


@dataclass(frozen=True)
class RunSettings:
    """The settings a result was computed with, echoed so that it can be reproduced."""

    window_seconds: int
    start: int | None
    end: int | None
    as_of: int
    """Microseconds since the epoch, UTC, like start and end."""
    engine: str
    columns: Columns
    has_persona: bool
    files: tuple[str, ...]


@dataclass(frozen=True)
class AnalyticsResult:
    settings: RunSettings
    maps: tuple[MapAnalytics, ...]

    def of(self, map_file: str) -> MapAnalytics | None:
        """The figures of the map in `map_file`, if it was analysed."""
        return next((m for m in self.maps if m.file == map_file), None)
