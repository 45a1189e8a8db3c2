"""Questions asked of a plan: sends by day and by week, the busiest of them, quiet hours, gaps.

Plain functions over journeykit.plan.result, for the text and HTML outputs and for lint
rules (message pressure, quiet hours, never fires, gaps) to build on.
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from journeykit.plan.result import JourneyPlan, PersonaPlan, Send, Silence
from journeykit.plan.timeline import StageWindow

DEFAULT_QUIET_HOURS = (datetime.time(21, 0), datetime.time(8, 0))
"""From 21:00 to 08:00 local, the default of the quiet-hours rule the issue asks for."""


def sends_by_day(plan: PersonaPlan) -> dict[datetime.date, tuple[Send, ...]]:
    """Local date → the sends of that day, in time order; days without sends are left out."""
    days: dict[datetime.date, list[Send]] = defaultdict(list)
    for send in plan.sends:
        days[send.date].append(send)
    return {day: tuple(sends) for day, sends in days.items()}


def week_of(day: datetime.date) -> datetime.date:
    """The Monday that starts the ISO week of `day`: weeks run Monday to Sunday."""
    return day - datetime.timedelta(days=day.weekday())


def sends_by_week(plan: PersonaPlan) -> dict[datetime.date, tuple[Send, ...]]:
    """Monday of the week → the sends of that week (Monday to Sunday, local), in time order."""
    weeks: dict[datetime.date, list[Send]] = defaultdict(list)
    for send in plan.sends:
        weeks[week_of(send.date)].append(send)
    return {week: tuple(sends) for week, sends in weeks.items()}


def busiest(groups: Mapping[datetime.date, tuple[Send, ...]], count: int = 5) -> list[tuple[datetime.date, int]]:
    """The `count` days (or weeks) with the most sends, most first, earlier first among equals."""
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(day, len(sends)) for day, sends in ranked[:count]]


def per_month_and_channel(plan: PersonaPlan) -> dict[tuple[int, int], Counter[str]]:
    """(year, month) → sends per channel id, for every month of the plan (empty months too)."""
    months: dict[tuple[int, int], Counter[str]] = {}
    for send in plan.sends:
        months.setdefault((send.at.year, send.at.month), Counter())[send.channel] += 1
    return months


def months_of(plan: JourneyPlan) -> list[tuple[int, int]]:
    """Every (year, month) the plan touches, in order."""
    months: list[tuple[int, int]] = []
    day = plan.start.replace(day=1)
    while day <= plan.last_day:
        months.append((day.year, day.month))
        day = (day + datetime.timedelta(days=32)).replace(day=1)
    return months


def in_quiet_hours(send: Send, quiet: tuple[datetime.time, datetime.time] = DEFAULT_QUIET_HOURS) -> bool:
    """Whether the send's local time is in the quiet hours (start included, end excluded; may span midnight)."""
    start, end = quiet
    moment = send.at.time().replace(tzinfo=None)
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def sends_in_quiet_hours(
    plan: PersonaPlan,
    quiet: tuple[datetime.time, datetime.time] = DEFAULT_QUIET_HOURS,
    *,
    include_exempt: bool = False,
) -> tuple[Send, ...]:
    """Sends inside the quiet hours, leaving out interactions marked `quiet_hours_exempt` unless asked."""
    return tuple(
        send
        for send in plan.sends
        if in_quiet_hours(send, quiet) and (include_exempt or not send.interaction.quiet_hours_exempt)
    )


@dataclass(frozen=True)
class Outcomes:
    """What became of each interaction across the personas of a plan, by interaction id."""

    fired: frozenset[str]
    """Sent to at least one persona."""
    undated: frozenset[str]
    """Without dates for at least one persona (on behaviour, no calendar): it may fire."""
    silences: Mapping[str, tuple[Silence, ...]]
    """Why it never reaches a persona, for each persona it never reaches."""


def outcomes(plan: JourneyPlan, keep: Callable[[Silence], bool] = lambda silence: True) -> Outcomes:
    """The interactions that fire, may fire, and why the others are silent (the silences `keep` accepts)."""
    fired: set[str] = set()
    maybe: set[str] = set()
    silences: dict[str, list[Silence]] = defaultdict(list)
    for persona in plan.personas:
        fired.update(send.interaction.id for send in persona.sends)
        maybe.update(undated.interaction.id for undated in persona.undated)
        for silence in persona.silent:
            if keep(silence):
                silences[silence.interaction.id].append(silence)
    return Outcomes(frozenset(fired), frozenset(maybe), {key: tuple(found) for key, found in silences.items()})


def never_firing(plan: JourneyPlan) -> dict[str, tuple[Silence, ...]]:
    """Interaction id → why it fires for none of the personas it reaches (those that fire for someone are left out).

    An interaction whose only outcome for some persona is undated (on behaviour, no calendar)
    is not in here: it may fire.
    """
    found = outcomes(plan)
    return {key: silent for key, silent in found.silences.items() if key not in found.fired | found.undated}


def stage_on(plan: PersonaPlan, day: datetime.date) -> str | None:
    """The stage the persona is in at midday of `day`, or None once it has left the journey."""
    from journeykit.plan.timeline import stage_at

    return stage_at(plan.windows, datetime.datetime.combine(day, datetime.time(12, 0)))


@dataclass(frozen=True, slots=True)
class Gap:
    """A stretch of a stage window with no send to the persona."""

    stage: str
    start: datetime.datetime
    end: datetime.datetime
    """Local wall-clock times (naive), `end` excluded."""

    @property
    def length(self) -> datetime.timedelta:
        return self.end - self.start


def contact_gaps(plan: JourneyPlan, persona: PersonaPlan, minimum: datetime.timedelta) -> list[Gap]:
    """Stretches of at least `minimum`, within each stage window and the plan, when the persona is sent nothing."""
    gaps = []
    for window in persona.windows:
        low, high = window.clipped(plan.horizon)
        if high <= low:
            continue
        moments = [s.local for s in persona.sends if window.contains(s.local)]
        edges = [low, *moments, high]
        for before, after in itertools.pairwise(edges):
            if after - before >= minimum:
                gaps.append(Gap(window.stage, before, after))
    return gaps


def windows_in_plan(plan: JourneyPlan, persona: PersonaPlan) -> list[tuple[StageWindow, datetime.date, datetime.date]]:
    """Each stage window that overlaps the plan, with its first and last local day in the plan."""
    out = []
    for window in persona.windows:
        low, high = window.clipped(plan.horizon)
        if high > low:
            out.append((window, low.date(), (high - datetime.timedelta(microseconds=1)).date()))
    return out
