"""The plan as iCalendar (RFC 5545), written with the icalendar library: one calendar per persona.

Each persona gets its own VCALENDAR, named (X-WR-CALNAME) after the map and the persona, in
one file; a calendar app that imports only the first calendar of a file gets one persona per
file with `--persona`. Sends of one interaction that recur regularly become one event with a
recurrence rule (RRULE with COUNT), checked against the plan before it is used; the others
are one event each. Events are 15 minutes long and transparent (they do not block time).

Output is deterministic: UIDs are built from the map, persona, interaction and time, and
DTSTAMP is the plan's start. Times carry the map's TZID and a VTIMEZONE for its rules over
the plan's dates (UTC times are written with Z).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, TextIO

from journeykit import cron
from journeykit.plan.result import JourneyPlan, PersonaPlan, Send
from journeykit.present import when_text
from journeykit.sanitize import printable
from journeykit.timezones import UTC_NAME

if TYPE_CHECKING:
    import icalendar

EVENT_LENGTH = datetime.timedelta(minutes=15)
PRODID = "-//journeykit//plan//EN"
_WEEKDAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")  # cron's 0-6


def write(plans: Sequence[JourneyPlan], out: TextIO) -> None:
    for plan in plans:
        for persona in plan.personas:
            out.write(calendar(plan, persona).to_ical().decode("utf-8").replace("\r\n", "\n").replace("\n", "\r\n"))


def calendar(plan: JourneyPlan, persona: PersonaPlan) -> icalendar.Calendar:
    """One persona's year as a VCALENDAR."""
    import icalendar

    name = f"{_text(plan.journey.title)} — {_text(persona.persona.name)}"
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", plan.zone_name)
    stamp = datetime.datetime.combine(plan.start, datetime.time(), datetime.timezone.utc)
    groups: dict[str, list[Send]] = {}
    for send in persona.sends:
        groups.setdefault(send.interaction.id, []).append(send)
    for sends in groups.values():
        for event in _events(plan, persona, sends, stamp):
            cal.add_component(event)
    if plan.zone_name != UTC_NAME and persona.sends:
        cal.add_missing_timezones(
            first_date=plan.start - datetime.timedelta(days=1), last_date=plan.last_day + datetime.timedelta(days=2)
        )
    return cal


def _events(
    plan: JourneyPlan, persona: PersonaPlan, sends: list[Send], stamp: datetime.datetime
) -> list[icalendar.Event]:
    rule = _recurrence(plan, sends)
    if rule is not None:
        return [_event(plan, persona, sends[0], stamp, rule=rule, count=len(sends))]
    return [_event(plan, persona, send, stamp) for send in sends]


def _event(
    plan: JourneyPlan,
    persona: PersonaPlan,
    send: Send,
    stamp: datetime.datetime,
    *,
    rule: dict[str, Any] | None = None,
    count: int = 1,
) -> icalendar.Event:
    import icalendar

    interaction = send.interaction
    journey = plan.journey
    channel = journey.channel_by_id.get(interaction.channel)
    event = icalendar.Event()
    series = "series" if rule else send.local.strftime("%Y%m%dT%H%M")
    event.add("uid", f"{interaction.id}.{persona.persona.id}.{series}@{journey.id}.plan.journeykit")
    event.add("dtstamp", stamp)
    # A series starts at the wall time its rule repeats (02:30 even on the night that hour is
    # skipped: RFC 5545 reads it as 03:30); a single event at the time that really occurs.
    start = send.local.replace(tzinfo=plan.zone) if rule else send.at
    event.add("dtstart", start.astimezone(datetime.timezone.utc) if plan.zone_name == UTC_NAME else start)
    event.add("duration", EVENT_LENGTH)
    event.add("summary", f"{_text(channel.name if channel else interaction.channel)}: {_text(interaction.name)}")
    lines = [
        f"Trigger: {when_text(interaction, journey)}",
        f"Stage: {interaction.stage}",
        f"Persona: {persona.persona.name} ({persona.persona.id})",
    ]
    if rule:
        lines.append(f"{count} sends")
    if interaction.message:
        lines.append(f"Message: {interaction.message}")
    event.add("description", "\n".join(_text(line) for line in lines))
    event.add("categories", [interaction.channel])
    event.add("transp", "TRANSPARENT")
    event.add("x-journeykit-interaction", interaction.id)
    event.add("x-journeykit-persona", persona.persona.id)
    if rule:
        event.add("rrule", {**rule, "count": count})
    return event


def _recurrence(plan: JourneyPlan, sends: list[Send]) -> dict[str, Any] | None:
    """An RRULE (without COUNT) that yields exactly these sends, or None."""
    if len(sends) < 2:
        return None
    for candidate in (_from_cron(sends[0]), _from_spacing(sends)):
        if candidate is not None and _expands_to(candidate, sends):
            return candidate
    return None


def _from_cron(send: Send) -> dict[str, Any] | None:
    """The rule a schedule's cron means, when RRULE can say it (not both day of month and day of week)."""
    trigger = send.interaction.trigger
    if trigger.type != "schedule" or trigger.cron is None:
        return None
    parsed = cron.fields(trigger.cron)
    if parsed is None:
        return None
    minutes, hours, days, months, weekdays = parsed
    if days is not None and weekdays is not None:
        return None  # cron ORs the two; RRULE would AND them
    # The plainest frequency that says it, as calendar apps show best: WEEKLY;BYDAY=MO, not DAILY;BYDAY=MO.
    if days is None and weekdays is not None:
        rule: dict[str, Any] = {"freq": "weekly"}
    elif days is not None:
        rule = {"freq": "yearly" if months is not None else "monthly"}
    else:
        rule = {"freq": "daily"}
    if months is not None:
        rule["bymonth"] = months
    if days is not None:
        rule["bymonthday"] = days
    if weekdays is not None:
        rule["byday"] = [_WEEKDAYS[d % 7] for d in sorted({d % 7 for d in weekdays})]
    if hours is None or minutes is None or len(hours) > 1 or len(minutes) > 1:
        rule["byhour"] = hours if hours is not None else list(range(24))
        rule["byminute"] = minutes if minutes is not None else list(range(60))
    return rule


def _from_spacing(sends: list[Send]) -> dict[str, Any] | None:
    """Every N days at the same time: behaviour sends at a steady rate, a daily schedule."""
    first = sends[0].local
    gap = sends[1].local - first
    if gap.days < 1 or gap.seconds or any(s.local.time() != first.time() for s in sends):
        return None
    return {"freq": "daily", "interval": gap.days}


def _expands_to(rule: dict[str, Any], sends: list[Send]) -> bool:
    """Whether the rule, from the first send, gives exactly the sends' local times (clock changes included)."""
    from dateutil import rrule

    frequencies: dict[str, Literal[0, 1, 2, 3, 4, 5, 6]] = {
        "daily": rrule.DAILY,
        "weekly": rrule.WEEKLY,
        "monthly": rrule.MONTHLY,
        "yearly": rrule.YEARLY,
    }
    weekdays = [getattr(rrule, day) for day in rule.get("byday", ())] or None
    expansion = rrule.rrule(
        frequencies[rule["freq"]],
        dtstart=sends[0].local,
        interval=rule.get("interval", 1),
        count=len(sends),
        bymonth=rule.get("bymonth"),
        bymonthday=rule.get("bymonthday"),
        byweekday=weekdays,
        byhour=rule.get("byhour"),
        byminute=rule.get("byminute"),
        bysecond=0,
    )
    return list(expansion) == [s.local for s in sends]


def _text(text: str) -> str:
    """Map text without control characters, which iCalendar does not allow; line breaks stay (icalendar
    escapes them, and commas, semicolons and backslashes, itself)."""
    return "\n".join(printable(line) for line in text.split("\n"))
