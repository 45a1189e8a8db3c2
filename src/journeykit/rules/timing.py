"""JK6xx rules about when messages land, read from the plan of the year: pressure, quiet hours, never fires, gaps.

Every rule here reads `RuleContext.plan`, the map's reference plan (journeykit.plan.reference):
365 days for every persona from the map's `updated` date (or the as-of date for a map without
one), computed once per map on first use and shared by these rules. A map that cannot be
planned (an unknown time zone, JK207) gets none of these findings.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from journeykit.findings import Severity
from journeykit.model import Interaction, Journey, Origin
from journeykit.plan import queries
from journeykit.plan.result import JourneyPlan, Send, Silence
from journeykit.present import WEEKDAYS, date_words, plural
from journeykit.rules.base import Family, NoOptions, Violation, option, rule
from journeykit.rules.context import RuleContext
from journeykit.rules.interactions import PHYSICAL_TYPES

TIMING_FIELD = {"day_of_use": "day", "schedule": "cron", "event": "name", "behavior": "event"}
"""For each trigger type, the field that says when the message goes out: where timing findings point."""
LISTED = 4
"""Sends or times a finding's hint lists before it says how many more there are."""


def _timing(interaction: Interaction) -> tuple[Origin, tuple[str, ...]]:
    """The node and field that set when the interaction is sent."""
    trigger = interaction.trigger
    if trigger.type == "behavior" and trigger.within is not None:
        return trigger.origin, ("within",)
    name = TIMING_FIELD[trigger.type]
    return (trigger.origin, (name,)) if getattr(trigger, name) is not None else (trigger.origin, ())


def _day_label(plan: JourneyPlan, day: datetime.date) -> str:
    """`day 3 (Thu 29 Oct 2026)`."""
    return f"day {plan.day_number(day)} ({WEEKDAYS[(day.weekday() + 1) % 7][:3]} {date_words(day)})"


def _send_list(sends: Sequence[Send]) -> str:
    listed = [f"{s.at:%H:%M} {s.channel} {s.interaction.id}" for s in sends[:LISTED]]
    more = len(sends) - LISTED
    return ", ".join(listed) + (f" and {more} more" if more > 0 else "")


# --- message pressure ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FatigueOptions:
    max_per_day: int = option(
        "max-per-day", 2, "How many messages one persona may get on one day, across all channels.", minimum=1
    )
    max_per_week: int = option(
        "max-per-week",
        6,
        "How many messages one persona may get in one week (Monday to Sunday), across all channels.",
        minimum=1,
    )


@rule(
    code="JK607",
    name="message-fatigue",
    family=Family.INTERACTIONS,
    severity=Severity.WARNING,
    summary="Too many messages reach one persona on one day or in one week.",
    options=FatigueOptions,
)
def message_fatigue(context: RuleContext, options: FatigueOptions) -> Iterator[Violation]:
    """Each team's day-3 message may be reasonable; three of them on day 3, over push, email and
    in-app, is how customers learn to switch notifications off. The rule counts what the plan of
    the year sends each persona, across all channels and trigger types (day-of-use messages,
    schedules, calendar events, measured behaviours): more than `max-per-day` on one day or more
    than `max-per-week` in one week (Monday to Sunday) is too many. The interaction whose message
    goes over the limit (the third of the day, by default) is reported at the trigger field that
    times it, once, for the first persona and day or week it happens to (days before weeks); the
    hint lists every send of that day or week. It replaces the day-of-use count this rule made
    before the plan existed, so one rule, with one pair of limits, reports message pressure."""
    plan = context.plan
    if plan is None:
        return
    flagged: set[str] = set()
    for persona in plan.personas:
        persona_id = persona.persona.id
        checks = (
            ("day", queries.sends_by_day(persona), options.max_per_day),
            ("week", queries.sends_by_week(persona), options.max_per_week),
        )
        for period, groups, limit in checks:
            # The send that goes over the limit (the third of a day, by default) names the culprit of its day or week.
            over: dict[str, list[datetime.date]] = defaultdict(list)
            for key in sorted(groups):
                if len(groups[key]) > limit:
                    over[groups[key][limit].interaction.id].append(key)
            for interaction in context.journey.interactions:
                found = over.get(interaction.id)
                if not found or interaction.id in flagged:
                    continue
                flagged.add(interaction.id)
                key = found[0]
                if period == "day":
                    when = f"on {_day_label(plan, key)}"
                else:
                    first, last = max(key, plan.start), min(key + datetime.timedelta(days=6), plan.last_day)
                    days = f"days {plan.day_number(first)} to {plan.day_number(last)}"
                    when = f"in the week of {date_words(key)} ({days})"
                again = f"; the same on {plural(len(found) - 1, 'other ' + period)}" if len(found) > 1 else ""
                origin, field = _timing(interaction)
                yield Violation(
                    f"'{interaction.id}' is message {limit + 1} to '{persona_id}' {when} "
                    f"(more than {limit} a {period}){again}",
                    origin,
                    field,
                    hint=f"that {period}: {_send_list(groups[key])}; spread the messages out, or merge them",
                )


# --- quiet hours -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuietHoursOptions:
    quiet_hours: str = option(
        "quiet-hours",
        "{:%H:%M}-{:%H:%M}".format(*queries.DEFAULT_QUIET_HOURS),
        "When no message may go out, HH:MM-HH:MM in the map's time zone (it may span midnight).",
        pattern=r"([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]",
    )

    @property
    def span(self) -> tuple[datetime.time, datetime.time]:
        start, end = self.quiet_hours.split("-")
        return datetime.time.fromisoformat(start), datetime.time.fromisoformat(end)


@rule(
    code="JK608",
    name="send-in-quiet-hours",
    family=Family.INTERACTIONS,
    severity=Severity.WARNING,
    summary="A message is sent inside the quiet hours (by default 21:00 to 08:00, the map's time).",
    options=QuietHoursOptions,
)
def send_in_quiet_hours(context: RuleContext, options: QuietHoursOptions) -> Iterator[Violation]:
    """A marketing push at 23:00 or 06:30 wakes people up, and a woken customer turns notifications
    off. The rule looks at every send of the plan of the year, in the map's `timezone` (summer time
    included): one inside the quiet hours (`quiet-hours`, by default 21:00 to 08:00; the start is
    inside, the end is not) is reported at the field that sets its time, `send_at` or the trigger's.
    A service message the customer needs at once, such as "your order is ready to collect", may
    say `quiet_hours_exempt: true`. Letters and visits (a `direct-mail` or `in-person` type, or a
    physical channel) are left out: the post does not wake anyone."""
    plan = context.plan
    if plan is None:
        return
    quiet = options.span
    by_interaction: dict[str, list[Send]] = defaultdict(list)
    for persona in plan.personas:
        for send in queries.sends_in_quiet_hours(persona, quiet):
            by_interaction[send.interaction.id].append(send)
    start, end = (f"{t:%H:%M}" for t in quiet)
    journey = context.journey
    for interaction in journey.interactions:
        sends = by_interaction.get(interaction.id)
        channel = journey.channel_by_id.get(interaction.channel)
        if not sends or interaction.type in PHYSICAL_TYPES or (channel is not None and channel.mode == "physical"):
            continue
        times = sorted({f"{s.at:%H:%M}" for s in sends}, key=lambda t: (t < start, t))  # night order: 21:00 first
        shown = ", ".join(times[:LISTED]) + (f" and {len(times) - LISTED} other times" if len(times) > LISTED else "")
        first = min(sends, key=lambda s: s.at)
        personas = sorted({s.persona for s in sends})
        origin, field = _timing(interaction)
        if interaction.send_at is not None and interaction.trigger.type in ("day_of_use", "event"):
            origin, field = interaction.origin, ("send_at",)
        yield Violation(
            f"'{interaction.id}' is sent at {shown}, inside the quiet hours ({start} to {end}, {plan.zone_name})",
            origin,
            field,
            hint=f"{plural(len(sends), 'send')} to {', '.join(personas)}, the first on {_day_label(plan, first.date)}; "
            "send it in the daytime, or mark a service message `quiet_hours_exempt: true`",
        )


# --- never fires -----------------------------------------------------------------------------------

REPORTED_ELSEWHERE = frozenset({"invalid-cron", "incomplete-trigger"})
"""Silences that JK604 and JK602 already report, at the trigger."""
ON_CALENDAR_DATES = frozenset({"schedule", "event"})
"""Triggers that fire on calendar dates: whether one falls while a persona is in a stage depends on
the day that customer started, so one reference start proves nothing about the others."""
HINTS = {
    "after-plan": "choose a day within the first year, or remove the interaction",
    "outside-stage": "change when it is sent, its `stage`, or the stages' `typical_duration`",
    "stage-not-reached": "check the stages' `typical_duration`: the persona must reach the stage within the year",
    "no-matching-date": "check the day of month and the month: `0 9 28 2 *` is 28 February",
    "calendar-outside-plan": "add this year's dates to the calendar event",
    "never-happens": "check the behaviour's event name against the measured data",
}


@rule(
    code="JK609",
    name="interaction-never-fires",
    family=Family.INTERACTIONS,
    severity=Severity.WARNING,
    summary="An interaction is never sent within the year, and the finding says why.",
)
def interaction_never_fires(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A campaign that never goes out is work nobody sees. In the plan of the year an interaction
    never fires when its day is after the year, when its day (counted from install or sign-up)
    falls outside the time the persona spends in its stage, when the persona reaches the stage
    only after the year, when its cron matches no date (`0 9 30 2 *`, 30 February), or when none
    of its calendar event's dates is in the year; the finding says which, at the field to change.
    An interaction that fires for no persona is reported once; one that fires for some personas
    but not others, once for each persona it never reaches.

    Not reported: interactions without dates (behaviours with no measured rate, events in a map
    without a calendar), which may fire; and a schedule or a calendar event whose dates all miss
    the persona's stage in the reference plan, because customers who start on other days are in
    that stage on those dates (`journeykit plan --start` shows any one start)."""
    plan = context.plan
    if plan is None:
        return
    journey = context.journey
    known = queries.outcomes(plan, keep=lambda silence: _reported(journey, silence))
    for interaction in journey.interactions:
        found = known.silences.get(interaction.id)
        if not found:
            continue
        if interaction.id in known.fired or interaction.id in known.undated:
            for silence in found:
                origin, field = _silence_at(silence)
                yield Violation(
                    f"'{interaction.id}' never reaches '{silence.persona}' within the year: {silence.explanation}",
                    origin,
                    field,
                    hint=HINTS[silence.reason],
                )
            continue
        # Named by the first persona id, not the map's order: reordering personas must not change the finding.
        ordered = sorted(found, key=lambda silence: silence.persona)
        first = ordered[0]
        others = sorted({s.persona for s in ordered[1:]} - {first.persona})
        per_persona = first.reason in ("outside-stage", "stage-not-reached")
        also = f"; nor for {', '.join(others)}" if others and per_persona else ""
        origin, field = _silence_at(first)
        yield Violation(
            f"'{interaction.id}' never fires within the year: {first.explanation}{also}",
            origin,
            field,
            hint=HINTS[first.reason],
        )


def _reported(journey: Journey, silence: Silence) -> bool:
    """Whether this rule reports the silence: it holds for every start day, and no other rule reports it."""
    trigger = silence.interaction.trigger
    if silence.reason in REPORTED_ELSEWHERE:
        return False
    if silence.reason == "outside-stage" and trigger.type in ON_CALENDAR_DATES:
        return False
    # An event trigger naming no event of the calendar is a reference error, reported as such.
    return not (trigger.type == "event" and journey.calendar is not None and trigger.name not in journey.calendar_by_id)


def _silence_at(silence: Silence) -> tuple[Origin, tuple[str, ...]]:
    interaction = silence.interaction
    if silence.reason == "stage-not-reached":
        return interaction.origin, ("stage",)
    return _timing(interaction)


# --- gaps --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GapOptions:
    min_gap_days: int = option(
        "min-gap-days", 21, "How many days in one stage without a message make a gap worth knowing.", minimum=1
    )


@rule(
    code="JK610",
    name="contact-gap",
    family=Family.INTERACTIONS,
    severity=Severity.INFO,
    summary="A persona spends weeks in a stage without a planned message.",
    options=GapOptions,
)
def contact_gap(context: RuleContext, options: GapOptions) -> Iterator[Violation]:
    """The opposite of too many messages: a persona who spends weeks in a stage and hears nothing
    may drift away unnoticed. In the plan of the year, the rule finds the longest stretch of each
    stage, for each persona, with no send: from the stage's start or a send to the next send or
    the stage's end. One of `min-gap-days` (21) or more is reported, as information, at the stage.
    Only maps that plan interactions are checked, and only stages whose length the map states
    (`typical_duration`, or measured data): the last stage without one is open-ended. A stage in
    which the persona may get messages without dates (on behaviour) is not a gap, nor one the map
    marks `applicable: false` for the persona."""
    plan = context.plan
    journey = context.journey
    if plan is None or not journey.interactions:
        return
    minimum = datetime.timedelta(days=options.min_gap_days)
    for persona in plan.personas:
        persona_id = persona.persona.id
        may_fire = {undated.interaction.stage for undated in persona.undated}
        sized = {w.stage for w in persona.windows if w.basis in ("stage", "experience", "measured")}
        sized -= {e.stage for e in journey.experiences if e.persona == persona_id and not e.applicable}
        longest: dict[str, queries.Gap] = {}
        for gap in queries.contact_gaps(plan, persona, minimum):
            if gap.stage not in sized or gap.stage in may_fire:
                continue
            best = longest.get(gap.stage)
            if best is None or gap.length > best.length:
                longest[gap.stage] = gap
        for stage in journey.stages:
            found = longest.get(stage.id)
            if found is None:
                continue
            first = plan.day_number(found.start.date())
            last = plan.day_number((found.end - datetime.timedelta(microseconds=1)).date())
            yield Violation(
                f"'{persona_id}' gets no message for {plural(found.length.days, 'day')} in '{stage.id}' "
                f"(days {first} to {last})",
                stage.origin,
                hint="plan a message for this stretch, such as a day-of-use check-in, or shorten the stage's "
                "`typical_duration` if customers move on sooner",
            )
