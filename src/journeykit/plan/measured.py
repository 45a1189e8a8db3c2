"""Measured behaviour that replaces the map's assumptions: what `journeykit analytics` will provide.

A plan made from the map alone takes each stage's `typical_duration` and lists behaviour-
triggered interactions as "on behaviour", without dates. Measured data changes both, per
persona: when customers of that persona actually reach each stage, and how often each
behaviour event happens. Build it directly (tests do) or from an event log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_SECONDS_TO_STAGE = 100 * 366 * 86400
"""A hundred years: later than any plan ends."""
MAX_EVENTS_PER_WEEK = 10_080
"""One a minute: more is not a behaviour a message can follow, and would make a plan of millions of sends."""


@dataclass(frozen=True, slots=True)
class MeasuredPersona:
    """What was measured for one persona."""

    seconds_to_stage: Mapping[str, float] = field(default_factory=dict)
    """Stage id → median seconds from day 0 (install or sign-up) to entering the stage.
    A stage left out keeps its place from the typical durations of the stages before it."""
    events_per_week: Mapping[str, float] = field(default_factory=dict)
    """Behaviour event name → expected occurrences per week, each of which triggers one send.
    An event left out stays "on behaviour", without dates."""


@dataclass(frozen=True, slots=True)
class Measured:
    """Measured data for the personas of a map, and where it came from."""

    personas: Mapping[str, MeasuredPersona] = field(default_factory=dict)
    source: str | None = None
    """A name for the data, such as the event log's file name, shown in the plan's outputs."""

    def of(self, persona: str) -> MeasuredPersona | None:
        """The persona's measurements, or None when nothing was measured for it."""
        return self.personas.get(persona)

    def validate(self) -> list[str]:
        """Problems that make the data unusable (negative, too large, not numbers), as sentences."""
        problems = []
        for persona, measured in self.personas.items():
            for kind, values, limit in (
                ("seconds to stage", measured.seconds_to_stage, MAX_SECONDS_TO_STAGE),
                ("events per week", measured.events_per_week, MAX_EVENTS_PER_WEEK),
            ):
                for key, value in values.items():
                    if not (isinstance(value, (int, float)) and 0 <= value <= limit):  # NaN fails both tests
                        problems.append(f"{persona}: {kind} '{key}' is {value!r}, not a number from 0 to {limit:,}")
        return problems
