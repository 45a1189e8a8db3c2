"""Triggers in words: one describer for every output of the plan (text, JSON, CSV, iCalendar, HTML).

`0 9 * * 1` is "every Monday at 09:00" and day 3 is "day 3 after install or sign-up".
cron-descriptor was considered: it is correct, but its phrasing ("At 09:00, only on
Monday") reads like a parser's; this module phrases from croniter's reading of the fields,
so both agree on what a cron means.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from journeykit.model import CalendarEvent, Interaction, Journey, Trigger
from journeykit.plan import cron
from journeykit.plan.durations import duration_words

DEFAULT_SEND_AT = datetime.time(10, 0)
"""When `day_of_use` and `event` sends go out without a `send_at`."""

WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")  # cron's 0-6
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


MAX_LISTED_TIMES = 6
"""A cron with up to this many times a day lists them; one with more is described by its steps."""


def send_time(interaction: Interaction) -> datetime.time:
    """The local time of day of a day_of_use or event send: `send_at`, or 10:00."""
    if interaction.send_at:
        hours, minutes = interaction.send_at.split(":")
        return datetime.time(int(hours), int(minutes))
    return DEFAULT_SEND_AT


def describe(interaction: Interaction, journey: Journey) -> str:
    """The interaction's trigger in words, with its time of day where it has one."""
    trigger = interaction.trigger
    at = f" at {send_time(interaction):%H:%M}"
    if trigger.type == "day_of_use":
        return (day_words(trigger.day) + at) if trigger.day is not None else "a day after install (no day given)"
    if trigger.type == "schedule":
        return cron_words(trigger.cron) if trigger.cron else "on a schedule (no cron given)"
    if trigger.type == "event":
        return event_words(trigger, journey.calendar_by_id.get(trigger.name or "")) + at
    return behaviour_words(trigger)


def raw(trigger: Trigger) -> str:
    """The trigger as written, compactly: `day_of_use day=3`, `schedule cron=0 9 * * 1`."""
    parts: list[str] = [trigger.type]
    for name in ("day", "event", "within", "name", "location", "cron"):
        value = getattr(trigger, name)
        if value is not None:
            parts.append(f"{name}={value}")
    return " ".join(parts)


def day_words(day: int) -> str:
    """0 → `the day of install or sign-up`; 3 → `day 3 after install or sign-up`."""
    if day == 0:
        return "the day of install or sign-up"
    if day == 1:
        return "the day after install or sign-up"
    return f"day {day} after install or sign-up"


def behaviour_words(trigger: Trigger) -> str:
    event = trigger.event or "an event"
    if trigger.within:
        return f"{duration_words(trigger.within)} after {event}"
    return f"after {event}"


def event_words(trigger: Trigger, event: CalendarEvent | None) -> str:
    if event is None:
        written = f" at {trigger.location}" if trigger.location else ""
        return f"on {trigger.name or 'an external event'}{written}"
    where = trigger.location or event.location
    place = f" at {where}" if where else ""
    if len(event.dates) == 1:
        return f"on {event.name}{place} ({date_words(event.dates[0])})"
    return f"on {event.name}{place} ({len(event.dates)} dates)"


def date_words(day: datetime.date) -> str:
    """`27 Nov 2026`, the same on every platform."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def cron_words(expression: str) -> str:
    """A five-field cron expression in words; the expression itself, quoted, if croniter cannot read it."""
    parsed = cron.fields(expression)
    if parsed is None:
        return f"on the schedule `{expression}`"
    minutes, hours, days, months, weekdays = parsed
    times, on_days = _times(minutes, hours), _days(days, months, weekdays)
    # "every Monday at 09:00", but "every 15 minutes from 09:00 to 17:45, every weekday"
    return f"{on_days} {times}" if "every" not in times else f"{times}, {on_days}"


def _times(minutes: Sequence[int] | None, hours: Sequence[int] | None) -> str:
    minute_values = minutes if minutes is not None else list(range(60))
    hour_values = hours if hours is not None else list(range(24))
    if len(minute_values) * len(hour_values) <= MAX_LISTED_TIMES:
        return "at " + _join([f"{h:02d}:{m:02d}" for h in hour_values for m in minute_values])
    if minutes is None:
        every = "every minute"
    elif _step(minutes, 60):
        every = f"every {minutes[1] - minutes[0]} minutes"
    elif len(minutes) == 1:
        every = f"every hour at :{minutes[0]:02d}" if hours is None or len(hours) > 1 else ""
    else:
        every = "at " + _join([f":{m:02d}" for m in minutes]) + " past every hour"
    if hours is None:
        return every
    if len(minutes or ()) == 1 and _step(hours, 24):
        return f"every {hours[1] - hours[0]} hours at :{minute_values[0]:02d}"
    if _contiguous(hours):
        last_minute = minute_values[-1]
        span = f"from {hours[0]:02d}:{minute_values[0]:02d} to {hours[-1]:02d}:{last_minute:02d}"
        return f"{every} {span}"
    return f"{every} in hours " + _join([f"{h:02d}" for h in hours])


def _days(days: Sequence[int] | None, months: Sequence[int] | None, weekdays: Sequence[int] | None) -> str:
    in_months = f" in {_join([MONTHS[m - 1] for m in months])}" if months else ""
    weekday_names = _weekdays(weekdays) if weekdays else ""
    if days is None and weekdays is None:
        return f"every day{in_months}"
    if days is None:
        return f"{weekday_names}{in_months}"
    if weekdays is None:
        if months and (len(days) == 1 or len(months) == 1):
            return "on " + _join([f"{d} {MONTHS[m - 1]}" for m in months for d in days])
        of_months = _join([MONTHS[m - 1] for m in months]) if months else "every month"
        return f"on the {_join([_ordinal(d) for d in days])} of {of_months}"
    # cron fires when either the day of month or the day of week matches
    return f"on the {_join([_ordinal(d) for d in days])} of every month and {weekday_names}{in_months}"


def _weekdays(values: Sequence[int]) -> str:
    days = sorted({v % 7 for v in values})
    if days == [1, 2, 3, 4, 5]:
        return "every weekday (Monday to Friday)"
    if days == [0, 6]:
        return "every Saturday and Sunday"
    ordered = sorted(days, key=lambda d: (d + 6) % 7)  # Monday first, as people list them
    return "every " + _join([WEEKDAYS[d] for d in ordered])


def _ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _step(values: Sequence[int], period: int) -> bool:
    """Whether values are 0, n, 2n, ... covering the whole period (cron's `*/n`)."""
    if len(values) < 2 or values[0] != 0:
        return False
    step = values[1] - values[0]
    return list(values) == list(range(0, period, step))


def _contiguous(values: Sequence[int]) -> bool:
    return list(values) == list(range(values[0], values[-1] + 1))


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
