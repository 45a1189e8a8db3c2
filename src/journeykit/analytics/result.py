"""The result of `journeykit analytics`: typed, read by every reporter (and by lint and render later).

Figures are per persona group: each persona of the map in map order, then `unassigned`, then `all`.
Stages and touchpoints appear in map order, all of them, with zeros where nothing happened. Times are
seconds; rates are ratios (0..1) or None where the denominator is zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from journeykit.analytics.funnel import ALL, UNASSIGNED
from journeykit.analytics.settings import Columns

if TYPE_CHECKING:
    from journeykit.model import Journey


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
class TimeToStage:
    """Seconds from entry to the stage, over the actors who reached it."""

    median: float
    p75: float
    p95: float


@dataclass(frozen=True)
class StageFigures:
    stage: str
    optional: bool
    reached: int
    conversion: float | None
    """reached / reached at the first stage."""
    step: float | None
    """reached / reached at the nearest earlier stage that is not optional; None for the first stage."""
    skipped: int | None
    """Optional stages: actors who reached a later stage without this one; None for other stages."""
    time_to_stage: TimeToStage | None
    """None when nobody reached the stage."""


@dataclass(frozen=True)
class Backtrack:
    """Steps from stage `from_stage` back to an earlier `to_stage`, and how many actors took one."""

    from_stage: str
    to_stage: str
    steps: int
    actors: int


@dataclass(frozen=True)
class Transition:
    """Consecutive mapped events of one actor at two different touchpoints (for the diagram's edges)."""

    from_touchpoint: str
    to_touchpoint: str
    steps: int
    actors: int


@dataclass(frozen=True)
class GroupFigures:
    """Every figure of one persona group (a persona id, `unassigned` or `all`)."""

    group: str
    entered: int
    """Mature entrants: the funnel's population."""
    in_progress: int
    stages: tuple[StageFigures, ...]
    touchpoints: Mapping[str, int]
    """Touchpoint id → mature entrants who met it within their window, in map order."""
    backtracks: tuple[Backtrack, ...]
    """Most steps first."""
    transitions: tuple[Transition, ...] = ()
    """Most steps first. Not part of the JSON document (version 1)."""

    def stage(self, stage_id: str) -> StageFigures:
        return next(s for s in self.stages if s.stage == stage_id)

    @property
    def largest_drop(self) -> StageFigures | None:
        """The stage with the lowest step conversion (the first of equals); None when no step is known."""
        known = [s for s in self.stages if s.step is not None]
        return min(known, key=lambda s: s.step if s.step is not None else 1.0) if known else None


@dataclass(frozen=True)
class UnmappedEvent:
    event: str
    rows: int


@dataclass(frozen=True)
class MapAnalytics:
    """One map laid over the log."""

    map_id: str
    file: str
    entered_later: Mapping[str, int]
    """Stage id (every stage after the first) → actors whose journey starts there, in [from, to)."""
    never_seen: tuple[str, ...]
    """Event names the map lists that the log never has, in map order."""
    unmapped: tuple[UnmappedEvent, ...]
    """Event names of the log that no touchpoint lists: most rows first, then by name."""
    groups: Mapping[str, GroupFigures]
    """Persona id, then `unassigned`, then `all` → figures."""
    journey: Journey | None = field(default=None, repr=False, compare=False)
    """The map itself, so that lint and render can locate stages and touchpoints."""

    @property
    def everyone(self) -> GroupFigures:
        return self.groups[ALL]

    @property
    def unassigned(self) -> GroupFigures:
        return self.groups[UNASSIGNED]


@dataclass(frozen=True)
class AnalyticsResult:
    settings: RunSettings
    maps: tuple[MapAnalytics, ...]
