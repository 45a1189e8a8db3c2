"""Wording and number formatting that every output shares, so that outputs cannot disagree.

Reporters, the HTML view models, the diagram, the lint rules and the plan say a ratio, a metric,
an emotion, a trigger, a cell state or a "did you mean" the same way because they all ask this
module. Triggers in particular have one describer: `0 9 * * 1` is "every Monday at 09:00" and
day 3 is "day 3 after install or sign-up" in the report, the plan's outputs and the findings.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeykit.coverage import CellState, Ratio
    from journeykit.model import CalendarEvent, Interaction, Journey, Metric, Trigger


def plural(count: int, word: str) -> str:
    """`1 file`, `2 files`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def percent(ratio: float | None, digits: int = 0) -> str:
    """0.725 → '72%' (or '72.5%' with one digit); None → 'n/a'.

    Rounding never claims more or less than is true: 199/200 is '99%', not '100%', and 1/300 is
    '1%', not '0%' (coverage.py's display_covered does the same), so 100% and 0% mean exactly that.
    """
    if ratio is None:
        return "n/a"
    value = ratio * 100
    nearest = 1 / 10**digits
    if 0 < value < nearest:
        value = nearest
    elif 100 - nearest < value < 100:
        value = 100 - nearest
    return f"{value:.{digits}f}%"


def fraction(ratio: Ratio, digits: int = 0) -> str:
    """A coverage ratio with its counts: `72% (5/7)`, or `n/a` when nothing is applicable."""
    text = percent(ratio.coverage, digits)
    return f"{text} ({ratio.covered}/{ratio.applicable})" if ratio.applicable else text


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice that `word` most probably meant, if one is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """`did you mean `onboarding-tour`?`, or None when nothing is close."""
    match = closest(word, choices)
    return f"did you mean `{match}`?" if match is not None else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """` (did you mean `x`?)` to append to a message, or an empty string."""
    text = did_you_mean(word, choices)
    return f" ({text})" if text else ""


def number(value: float | None, unit: str | None) -> str:
    """A metric value as people read it: ratios and percents as %, seconds with s."""
    if value is None:
        return "?"
    if unit == "ratio":
        return f"{value * 100:.3g}%"
    if unit == "percent":
        return f"{value:.3g}%"
    if unit == "seconds":
        return f"{value:g} s"
    return f"{value:g}"


def metric_text(metric: Metric) -> str:
    """`Install rate: 12% (target 20%, misses)`: words, not only colour, say how it stands."""
    text = f"{metric.name}: {number(metric.value, metric.unit)}"
    if metric.target is None:
        return text
    verdict = "misses" if metric.misses_target else "meets"
    return f"{text} (target {number(metric.target, metric.unit)}, {verdict})"


EMOTION_WORDS = {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}


def emotion_text(emotion: int | None) -> str:
    """`+1 (positive)`, `0 (neutral)`, `not recorded`."""
    if emotion is None:
        return "not recorded"
    return f"{emotion:+d} ({EMOTION_WORDS[emotion]})" if emotion else f"0 ({EMOTION_WORDS[0]})"


def trigger_text(trigger: Trigger, *, at: datetime.time | None = None, event: CalendarEvent | None = None) -> str:
    """The trigger in words: `day 3 after install or sign-up`, `every Monday at 09:00`, `2 hours after
    basket_abandoned`, `on Black Friday (2 dates)`; with `at`, day-of-use and event triggers say their time.

    `event` is the calendar event an `event` trigger names, when the map has one.
    cron-descriptor was considered for schedules: it is correct, but its phrasing ("At 09:00, only
    on Monday") reads like a parser's; this phrases from croniter's reading of the fields, so the
    words and the plan agree on what a cron means.
    """
    time = f" at {at:%H:%M}" if at is not None else ""
    if trigger.type == "day_of_use":
        return (day_words(trigger.day) + time) if trigger.day is not None else "a day after install (no day given)"
    if trigger.type == "schedule":
        return cron_words(trigger.cron) if trigger.cron else "on a schedule (no cron given)"
    if trigger.type == "event":
        return _event_words(trigger, event) + time
    return _behaviour_words(trigger)


def when_text(interaction: Interaction, journey: Journey) -> str:
    """When the interaction is sent, in words, with its time of day where it has one: what every output shows."""
    trigger = interaction.trigger
    event = journey.calendar_by_id.get(trigger.name or "") if trigger.type == "event" else None
    timed = trigger.type in ("day_of_use", "event")
    return trigger_text(trigger, at=interaction.send_time if timed else None, event=event)


def trigger_as_written(trigger: Trigger) -> str:
    """The trigger as written, compactly: `day_of_use day=3`, `schedule cron=0 9 * * 1`."""
    parts: list[str] = [trigger.type]
    for name in ("day", "event", "within", "name", "location", "cron"):
        value = getattr(trigger, name)
        if value is not None:
            parts.append(f"{name}={value}")
    return " ".join(parts)


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


def day_words(day: int) -> str:
    """0 → `the day of install or sign-up`; 3 → `day 3 after install or sign-up`."""
    if day == 0:
        return "the day of install or sign-up"
    if day == 1:
        return "the day after install or sign-up"
    return f"day {day} after install or sign-up"


def date_words(day: datetime.date) -> str:
    """`27 Nov 2026`, the same on every platform."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def duration_words(text: str) -> str:
    """`2h` → `2 hours`, `1w` → `1 week`; other text unchanged."""
    from journeykit.durations import duration_parts

    parts = duration_parts(text)
    return plural(*parts) if parts is not None else text


def _behaviour_words(trigger: Trigger) -> str:
    event = trigger.event or "an event"
    if trigger.within:
        return f"{duration_words(trigger.within)} after {event}"
    return f"after {event}"


def _event_words(trigger: Trigger, event: CalendarEvent | None) -> str:
    if event is None:
        written = f" at {trigger.location}" if trigger.location else ""
        return f"on {trigger.name or 'an external event'}{written}"
    where = trigger.location or event.location
    place = f" at {where}" if where else ""
    if len(event.dates) == 1:
        return f"on {event.name}{place} ({date_words(event.dates[0])})"
    return f"on {event.name}{place} ({len(event.dates)} dates)"


def cron_words(expression: str) -> str:
    """A five-field cron expression in words; the expression itself, quoted, if croniter cannot read it."""
    from journeykit import cron

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


STATE_SYMBOLS: dict[CellState, tuple[str, str]] = {
    # state: (symbol, ASCII symbol for terminals that cannot show the first)
    "covered": ("●", "#"),
    "partial": ("◐", "+"),
    "unmapped": ("○", "o"),
    "missing": ("✗", "x"),
    "not-applicable": ("–", "-"),
}


def state_label(state: CellState, lacks: Sequence[str] = ()) -> str:
    """A coverage cell's state in words, as every output says it."""
    if state == "partial":
        return f"partial: lacks {', '.join(lacks)}"
    return {
        "covered": "covered",
        "unmapped": "unmapped: touchpoints but no experience",
        "missing": "missing: no experience, no touchpoint",
        "not-applicable": "not applicable",
    }[state]


def days_ago(days: int) -> str:
    """`today`, `3 days ago`, `2 days in the future`."""
    if days == 0:
        return "today"
    return f"{plural(-days, 'day')} in the future" if days < 0 else f"{plural(days, 'day')} ago"
