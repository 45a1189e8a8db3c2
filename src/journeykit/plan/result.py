"""What a plan is: per persona, the stage windows, every send, and what never fires or has no date."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from journeykit.model import Interaction, Journey, Persona
from journeykit.plan.timeline import StageWindow

PLAN_VERSION = 1
"""Version of the plan's JSON output. 1: the first."""

SilenceReason = Literal[
    "after-plan",
    "outside-stage",
    "stage-not-reached",
    "no-matching-date",
    "calendar-outside-plan",
    "invalid-cron",
    "incomplete-trigger",
    "never-happens",
]
"""Why an interaction never fires for a persona:

- `after-plan`: its day is past the plan's last day;
- `outside-stage`: it has times in the plan, but none while the persona is in its stage;
- `stage-not-reached`: the persona reaches its stage only after the plan ends, or has left the journey;
- `no-matching-date`: its cron matches no date in the plan (such as 30 February);
- `calendar-outside-plan`: none of its calendar event's dates is in the plan;
- `invalid-cron`: its cron cannot be read (rule JK604 reports it);
- `incomplete-trigger`: its trigger lacks the field its type needs (rule JK602 reports it);
- `never-happens`: measured data says its behaviour event happens 0 times a week.
"""

UndatedReason = Literal["on-behaviour", "no-calendar", "over-budget"]
"""Why an interaction's sends have no dates: a behaviour with no measured rate, an event
trigger in a map without a `calendar`, or a schedule left unplanned once the plan's schedule
budget (`PlanOptions.schedule_budget`, which lint sets) was spent."""


@dataclass(frozen=True, slots=True)
class Send:
    """One message to one persona at one moment."""

    at: datetime.datetime
    """Aware, in the map's time zone, showing the wall time that really occurs."""
    persona: str
    interaction: Interaction
    sequence: int
    """1 for the interaction's first send to this persona, 2 for the next, ..."""
    local: datetime.datetime
    """The local wall-clock time the trigger asked for (naive); differs from `at` only when that
    time does not exist because the clocks went forward."""

    @property
    def date(self) -> datetime.date:
        """The local date of the send."""
        return self.at.date()

    @property
    def channel(self) -> str:
        return self.interaction.channel

    @property
    def stage(self) -> str:
        return self.interaction.stage


@dataclass(frozen=True, slots=True)
class Silence:
    """An interaction that reaches a persona but never fires for it within the plan."""

    interaction: Interaction
    persona: str
    reason: SilenceReason
    explanation: str
    """In words, for people: `day 400 is after the plan's last day, day 364`."""


@dataclass(frozen=True, slots=True)
class Undated:
    """An interaction that may fire for a persona, but on no date the map can tell."""

    interaction: Interaction
    persona: str
    reason: UndatedReason
    explanation: str


@dataclass(frozen=True, slots=True)
class PersonaPlan:
    """One persona's year: stage windows, sends in time order, and what does not fire or has no date."""

    persona: Persona
    windows: tuple[StageWindow, ...]
    sends: tuple[Send, ...]
    silent: tuple[Silence, ...]
    undated: tuple[Undated, ...]
    measured: bool = False
    """Whether measured data shaped this persona's plan."""


@dataclass(frozen=True)
class JourneyPlan:
    """The plan of one map: the zone, the dates it covers and one PersonaPlan per persona planned."""

    journey: Journey
    zone: datetime.tzinfo
    zone_name: str
    start: datetime.date
    days: int
    personas: tuple[PersonaPlan, ...]
    notes: tuple[str, ...] = ()
    """Things the reader should know, such as a schedule cut short at the send limit."""
    measured_source: str | None = None
    interaction_index: Mapping[str, int] = field(default_factory=dict, repr=False)

    @property
    def begin(self) -> datetime.datetime:
        """Day 0 at 00:00, local (naive)."""
        return datetime.datetime.combine(self.start, datetime.time())

    @property
    def horizon(self) -> datetime.datetime:
        """The first local moment after the plan (naive)."""
        return self.begin + datetime.timedelta(days=self.days)

    @property
    def last_day(self) -> datetime.date:
        return self.start + datetime.timedelta(days=self.days - 1)

    def day_number(self, day: datetime.date) -> int:
        """`day` counted from the plan's start: 0 for the start itself."""
        return (day - self.start).days

    def persona_plan(self, persona: str) -> PersonaPlan | None:
        return next((p for p in self.personas if p.persona.id == persona), None)
