"""The simulation: a map's interactions laid over the plan's days, persona by persona.

For each persona the map targets, and each interaction that reaches it:

- `day_of_use`: one send on day N at `send_at` (default 10:00);
- `schedule`: every time its cron matches, in the map's time zone;
- `event`: on each date of its calendar event at `send_at`; without a `calendar` the
  interaction is undated;
- `behavior`: with a measured rate, occurrences spread over the stage (see
  `_behaviour_times`), each sent after the trigger's `within`; without one, undated.

A send happens only while the persona is in the interaction's stage (journeykit.plan.timeline)
and within the plan. Everything is computed from the map, the options and the measured
data alone, so the same input gives the same plan.
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from journeykit import cron
from journeykit.durations import parse_duration
from journeykit.model import Interaction, Journey, Persona
from journeykit.plan import clock
from journeykit.plan.measured import Measured, MeasuredPersona
from journeykit.plan.result import JourneyPlan, PersonaPlan, Send, Silence, SilenceReason, Undated
from journeykit.plan.timeline import StageWindow, stage_at, stage_windows, window_of
from journeykit.present import day_words, when_text
from journeykit.timezones import UTC_NAME, load_zone

DEFAULT_DAYS = 365
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(8999, 12, 31)
"""Plans start within these dates, so that no date arithmetic leaves what Python's dates can hold."""
MAX_SCHEDULE_TIMES = 20_000
"""A schedule that matches more often than this within one stage (every minute: 525,600 times a
year) is cut short there, with a note: no campaign sends that much, and the plan stays fast."""
BEHAVIOUR_DAY = (datetime.time(9, 0), datetime.timedelta(hours=12))
"""Behaviour occurrences happen in the waking day, 09:00 to 21:00 local."""


@dataclass(frozen=True)
class PlanOptions:
    start: datetime.date
    days: int = DEFAULT_DAYS
    personas: tuple[str, ...] = ()
    """Only these personas (by id); empty: every persona of the map."""
    measured: Measured | None = None
    schedule_budget: int | None = None
    """At most this many cron times for the whole plan (None: no limit but MAX_SCHEDULE_TIMES per
    stage). croniter takes about 0.1 ms a time, so a map of many every-minute schedules could keep
    a run busy for minutes; lint sets a budget, and schedules beyond it are listed without dates."""


def plan_journey(journey: Journey, options: PlanOptions) -> JourneyPlan:
    """The plan of one map that has no errors (its time zone and references are valid)."""
    zone_name = journey.timezone or UTC_NAME
    zone = load_zone(zone_name)
    run = _Run(journey, options, zone)
    personas = tuple(
        run.persona_plan(persona)
        for persona in journey.personas
        if not options.personas or persona.id in options.personas
    )
    return JourneyPlan(
        journey=journey,
        zone=zone,
        zone_name=zone_name,
        start=options.start,
        days=options.days,
        personas=personas,
        notes=tuple(run.notes),
        measured_source=options.measured.source if options.measured else None,
        interaction_index=run.order,
    )


class _Run:
    """One plan in the making: caches shared by every persona (cron expansions, local → aware times)."""

    def __init__(self, journey: Journey, options: PlanOptions, zone: datetime.tzinfo) -> None:
        self.journey = journey
        self.options = options
        self.zone = zone
        self.begin = datetime.datetime.combine(options.start, datetime.time())
        self.horizon = self.begin + datetime.timedelta(days=options.days)
        self.notes: list[str] = []
        self._instants: dict[datetime.datetime, datetime.datetime] = {}
        self._schedules: dict[tuple[object, ...], tuple[datetime.datetime, ...] | str | None] = {}
        self._budget = options.schedule_budget
        self._cut: set[tuple[object, ...]] = set()
        """Expansions cut short (by the budget or MAX_SCHEDULE_TIMES): their times end early."""
        self.order = {interaction.id: index for index, interaction in enumerate(journey.interactions)}
        """Interaction id → its place in the map: sends at one instant go in this order."""

    def persona_plan(self, persona: Persona) -> PersonaPlan:
        measured = self.options.measured.of(persona.id) if self.options.measured else None
        windows = stage_windows(self.journey, persona.id, self.begin, measured)
        sends: list[Send] = []
        silent: list[Silence] = []
        undated: list[Undated] = []
        for interaction in self.journey.interactions:
            if not interaction.reaches(persona.id):
                continue
            window = window_of(windows, interaction.stage)
            if window is None:
                continue  # a stage the map does not have: JK201 stops the plan before this
            outcome = self._times(interaction, persona.id, window, measured)
            if isinstance(outcome, Silence):
                silent.append(outcome)
            elif isinstance(outcome, Undated):
                undated.append(outcome)
            else:
                inside = _within(outcome, window, self.horizon)
                if inside:
                    sends.extend(self._sends(interaction, persona.id, inside))
                else:
                    silent.append(self._outside(interaction, persona.id, window, windows, outcome))
        sends.sort(key=lambda s: (s.at, self.order[s.interaction.id], s.sequence))
        return PersonaPlan(persona, windows, tuple(sends), tuple(silent), tuple(undated), measured is not None)

    # -- the times each trigger asks for, before the stage window is applied

    def _times(
        self,
        interaction: Interaction,
        persona: str,
        window: StageWindow,
        measured: MeasuredPersona | None,
    ) -> Sequence[datetime.datetime] | Silence | Undated:
        """Local times the trigger asks for within the plan, or why there are none."""
        trigger = interaction.trigger
        if trigger.type == "day_of_use":
            if trigger.day is None:
                return self._silence(interaction, persona, "incomplete-trigger", "its day_of_use trigger has no `day`")
            if trigger.day >= self.options.days:
                return self._silence(
                    interaction,
                    persona,
                    "after-plan",
                    f"{day_words(trigger.day)} is after the plan's last day, day {self.options.days - 1}",
                )
            day = self.begin + datetime.timedelta(days=trigger.day)
            return [datetime.datetime.combine(day.date(), interaction.send_time)]
        if trigger.type == "schedule":
            return self._schedule(interaction, persona, window)
        if trigger.type == "event":
            return self._event(interaction, persona)
        return self._behaviour(interaction, persona, window, measured)

    def _schedule(
        self, interaction: Interaction, persona: str, window: StageWindow
    ) -> Sequence[datetime.datetime] | Silence | Undated:
        expression = interaction.trigger.cron
        if expression is None:
            return self._silence(interaction, persona, "incomplete-trigger", "its schedule trigger has no `cron`")
        low, high = window.clipped(self.horizon)
        times = self._window_times(interaction.id, expression, low, high)
        if isinstance(times, str):
            return self._silence(interaction, persona, "invalid-cron", f"its cron '{expression}' is not valid: {times}")
        probe = () if times else self._expanded(interaction.id, expression, self.begin, self.horizon, limit=1)
        if times is None or probe is None:
            return Undated(
                interaction,
                persona,
                "over-budget",
                f"{when_text(interaction, self.journey)}: not planned, the plan's limit of "
                f"{self.options.schedule_budget or 0:,} schedule times was reached",
            )
        if not times and not probe:
            return self._silence(
                interaction,
                persona,
                "no-matching-date",
                f"its cron '{expression}' matches no date from {self.options.start} to {self._last_day()}",
            )
        return times

    def _window_times(
        self, key: str, expression: str, low: datetime.datetime, high: datetime.datetime
    ) -> Sequence[datetime.datetime] | str | None:
        """The cron's times from `low` to `high`: a slice of the whole plan's times, expanded once per
        interaction whatever the personas' stage windows, unless the cron matches too often for that."""
        parsed = cron.fields(expression)
        if parsed is not None:
            minutes, hours = parsed[0], parsed[1]
            per_day = (len(minutes) if minutes else 60) * (len(hours) if hours else 24)
            if per_day * self.options.days < MAX_SCHEDULE_TIMES:
                whole = self._expanded(key, expression, self.begin, self.horizon)
                if not isinstance(whole, tuple):
                    return whole
                if (key, self.begin, self.horizon, MAX_SCHEDULE_TIMES) not in self._cut:
                    return whole[bisect.bisect_left(whole, low) : bisect.bisect_left(whole, high)]
        return self._expanded(key, expression, low, high)

    def _expanded(
        self,
        key: str,
        expression: str,
        low: datetime.datetime,
        high: datetime.datetime,
        limit: int = MAX_SCHEDULE_TIMES,
    ) -> tuple[datetime.datetime, ...] | str | None:
        """The cron's times from `low` to `high`, computed once for every persona whose stage spans them.

        A text when croniter cannot read the cron; None when the plan's schedule budget is spent.
        """
        cache_key = (key, low, high, limit)
        if cache_key not in self._schedules:
            cap = limit if self._budget is None else min(limit, self._budget)
            if cap <= 0:
                self._schedules[cache_key] = None
                self._note_budget()
                return None
            try:
                times = cron.expand(expression, low, high, limit=cap + 1)
            except cron.CronError as error:
                self._schedules[cache_key] = str(error)
            else:
                if self._budget is not None:
                    self._budget -= min(len(times), cap)
                if len(times) > cap:
                    times = times[:cap]
                    self._cut.add(cache_key)
                    if cap < limit:
                        self._note_budget()
                    elif limit == MAX_SCHEDULE_TIMES:
                        self.notes.append(
                            f"'{key}': its cron '{expression}' matches more than {limit:,} times in one stage; "
                            f"only the first {limit:,} are planned"
                        )
                self._schedules[cache_key] = times
        return self._schedules[cache_key]

    def _note_budget(self) -> None:
        note = (
            f"the plan reached its limit of {self.options.schedule_budget or 0:,} schedule times: "
            "schedules beyond it are cut short or listed without dates"
        )
        if note not in self.notes:
            self.notes.append(note)

    def _event(self, interaction: Interaction, persona: str) -> Sequence[datetime.datetime] | Silence | Undated:
        trigger = interaction.trigger
        if trigger.name is None:
            return self._silence(interaction, persona, "incomplete-trigger", "its event trigger has no `name`")
        if self.journey.calendar is None:
            return Undated(
                interaction,
                persona,
                "no-calendar",
                f"{when_text(interaction, self.journey)}: the map has no `calendar` that dates it",
            )
        event = self.journey.calendar_by_id.get(trigger.name)
        dates = event.dates if event is not None else ()
        at = interaction.send_time
        times = [datetime.datetime.combine(day, at) for day in dates]
        inside = [t for t in times if self.begin <= t < self.horizon]
        if not inside:
            shown = ", ".join(str(d) for d in dates[:3]) + (" ..." if len(dates) > 3 else "")
            return self._silence(
                interaction,
                persona,
                "calendar-outside-plan",
                f"'{trigger.name}' happens on {shown or 'no date'}, outside the plan "
                f"({self.options.start} to {self._last_day()})",
            )
        return inside

    def _behaviour(
        self, interaction: Interaction, persona: str, window: StageWindow, measured: MeasuredPersona | None
    ) -> Sequence[datetime.datetime] | Silence | Undated:
        trigger = interaction.trigger
        if trigger.event is None:
            return self._silence(interaction, persona, "incomplete-trigger", "its behavior trigger has no `event`")
        rate = measured.events_per_week.get(trigger.event) if measured is not None else None
        if rate is None:
            return Undated(
                interaction, persona, "on-behaviour", f"on behaviour: {when_text(interaction, self.journey)}"
            )
        if rate <= 0:
            return self._silence(
                interaction, persona, "never-happens", f"measured data says {trigger.event} happens 0 times a week"
            )
        delay = parse_duration(trigger.within) or datetime.timedelta()
        return [moment + delay for moment in _behaviour_times(rate, window, self.begin, self.horizon, delay)]

    # -- sends within the stage window

    def _sends(self, interaction: Interaction, persona: str, times: Sequence[datetime.datetime]) -> list[Send]:
        """Sends at these local times; two times that land on one instant (a clock change) send once."""
        sends: list[Send] = []
        seen: set[datetime.datetime] = set()
        for local in times:
            at = self._instants.get(local)
            if at is None:
                at = self._instants[local] = clock.instant(local, self.zone)
            if at in seen:
                continue
            seen.add(at)
            sends.append(Send(at, persona, interaction, len(sends) + 1, local))
        return sends

    def _outside(
        self,
        interaction: Interaction,
        persona: str,
        window: StageWindow,
        windows: Sequence[StageWindow],
        times: Sequence[datetime.datetime],
    ) -> Silence:
        """Why none of the trigger's times falls in the persona's stage window."""
        stage = interaction.stage
        low, high = window.clipped(self.horizon)
        if low >= self.horizon:
            return self._silence(
                interaction,
                persona,
                "stage-not-reached",
                f"'{persona}' reaches '{stage}' on day {(window.start - self.begin).days}, after the plan ends",
            )
        if low == high:
            return self._silence(interaction, persona, "stage-not-reached", f"'{persona}' spends no time in '{stage}'")
        span = self._days_of(low, high)
        if not times and interaction.trigger.type == "schedule":  # schedules are expanded within the stage
            return self._silence(
                interaction,
                persona,
                "outside-stage",
                f"{when_text(interaction, self.journey)} never falls while '{persona}' is in '{stage}' ({span})",
            )
        if not times:  # a behaviour whose delay ends after the stage does
            return self._silence(
                interaction,
                persona,
                "outside-stage",
                f"it has no time to be sent while '{persona}' is in '{stage}' ({span})",
            )
        if len(times) == 1:
            where = stage_at(windows, times[0])
            now = f"in '{where}'" if where else "past the journey's last stage"
            when = f"day {(times[0] - self.begin).days} ({times[0].date()})"
            return self._silence(
                interaction,
                persona,
                "outside-stage",
                f"on {when} '{persona}' is {now}; it is in '{stage}' on {span}",
            )
        count = "both" if len(times) == 2 else f"all {len(times)}"
        return self._silence(
            interaction,
            persona,
            "outside-stage",
            f"{count} of its times in the plan fall outside '{stage}', where '{persona}' is on {span}",
        )

    def _days_of(self, low: datetime.datetime, high: datetime.datetime) -> str:
        first = (low - self.begin).days
        last = (high - datetime.timedelta(microseconds=1) - self.begin).days
        return f"day {first}" if first == last else f"days {first} to {last}"

    def _silence(self, interaction: Interaction, persona: str, reason: SilenceReason, explanation: str) -> Silence:
        return Silence(interaction, persona, reason, explanation)

    def _last_day(self) -> datetime.date:
        return self.options.start + datetime.timedelta(days=self.options.days - 1)


def _within(
    times: Sequence[datetime.datetime], window: StageWindow, horizon: datetime.datetime
) -> Sequence[datetime.datetime]:
    """The times (sorted or not) inside the stage window and the plan, in order."""
    ordered = sorted(times)  # already in order but for behaviour days: timsort checks that in one pass
    low, high = window.clipped(horizon)
    return ordered[bisect.bisect_left(ordered, low) : bisect.bisect_left(ordered, high)]


def _behaviour_times(
    rate: float,
    window: StageWindow,
    begin: datetime.datetime,
    horizon: datetime.datetime,
    delay: datetime.timedelta,
) -> list[datetime.datetime]:
    """Occurrences of a behaviour at `rate` a week, spread evenly over the days of the stage.

    A day counts when its mid-afternoon (15:00), and that plus the delay, fall in the stage and the plan.
    Over those days, occurrence i (from 1) falls on the day by which the expected count,
    rate / 7 a day, reaches i - 1/2; so 1 a week is one every seventh day, starting on day 3 of
    the stage, and 3.5 a week one every other day. A day's occurrences are spread evenly over
    09:00-21:00, each in the middle of its share: one comes at 15:00, two at 12:00 and 18:00.
    """
    day_start, waking = BEHAVIOUR_DAY
    middle = datetime.datetime.combine(datetime.date.min, day_start) + waking / 2
    afternoon = middle - datetime.datetime.combine(datetime.date.min, datetime.time())
    low, high = window.clipped(horizon)
    # The behaviour happens in the stage, and the send after the delay is in it too.
    first = (low - afternoon).date()
    if datetime.datetime.combine(first, datetime.time()) + afternoon < low:
        first += datetime.timedelta(days=1)
    last = (high - datetime.timedelta(microseconds=1) - afternoon - delay).date()
    count_days = (last - first).days + 1
    if count_days <= 0:
        return []
    per_day = rate / 7
    total = math.floor(per_day * count_days + 0.5)
    by_day: dict[int, int] = {}
    for index in range(1, total + 1):
        day = max(0, math.ceil((index - 0.5) / per_day) - 1)
        by_day[day] = by_day.get(day, 0) + 1
    times = []
    for day, count in sorted(by_day.items()):
        start = datetime.datetime.combine(first + datetime.timedelta(days=day), day_start)
        for slot in range(count):
            moment = start + waking * (slot + 0.5) / count
            times.append(moment.replace(second=0, microsecond=0))
    return times
