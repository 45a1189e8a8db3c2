"""What an event log says about one map: plain, typed figures, computed by journeykit.analytics and read by
the lint rules (JK7xx), the report and the plan, none of which may import the engines.

Figures are per persona group: each persona of the map in map order, then `unassigned`, then `all`.
Stages and touchpoints appear in map order, all of them, with zeros where nothing happened. Times are
seconds; rates are ratios (0..1) or None where the denominator is zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeykit.model import Journey

UNASSIGNED = "unassigned"
ALL = "all"
RESERVED_GROUPS = (UNASSIGNED, ALL)


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
    step_base: int | None = None
    """The denominator of `step`: actors who reached the nearest earlier stage that is not optional."""


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
    behaviours: Mapping[str, int] = field(default_factory=dict)
    """Behaviour event (a `behavior` trigger's `event`) → its rows from mature entrants within their window.
    Only when asked for (the plan's measured rates); not part of the JSON document (version 1)."""

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
    seen: Mapping[str, int] = field(default_factory=dict)
    """Event names the map lists that the log has → their rows (up to as_of), in map order. With `unmapped`,
    every event name of the log. Not part of the JSON document (version 1)."""
    window_seconds: int = 0
    """The window W the figures were computed with."""

    @property
    def everyone(self) -> GroupFigures:
        return self.groups[ALL]

    @property
    def unassigned(self) -> GroupFigures:
        return self.groups[UNASSIGNED]

    @property
    def log_events(self) -> dict[str, int]:
        """Every event name of the log (up to as_of) → its rows: most rows first, then by name."""
        rows = {**self.seen, **{u.event: u.rows for u in self.unmapped}}
        return dict(sorted(rows.items(), key=lambda item: (-item[1], item[0])))

    def persona_groups(self) -> list[GroupFigures]:
        """The groups of the map's personas, in map order (not `unassigned` or `all`)."""
        return [g for name, g in self.groups.items() if name not in RESERVED_GROUPS]
