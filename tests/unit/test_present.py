"""The shared wording: rounding that never overstates, one "did you mean", numbers people read, triggers in words."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from journeykit.coverage import Ratio
from journeykit.durations import parse_duration
from journeykit.present import (
    cron_words,
    day_words,
    days_ago,
    did_you_mean,
    duration_words,
    fraction,
    number,
    percent,
    plural,
    suggestion,
    trigger_as_written,
    trigger_text,
    when_text,
)
from tests.helpers import PLAN_HEAD, journey_of


@pytest.mark.parametrize(
    ("ratio", "digits", "text"),
    [
        (199 / 200, 0, "99%"),
        (1 / 300, 0, "1%"),
        (1 / 300, 1, "0.3%"),
        (1999 / 2000, 1, "99.9%"),
        (0.0, 0, "0%"),
        (1.0, 0, "100%"),
        (0.725, 1, "72.5%"),
        (2 / 3, 1, "66.7%"),
        (None, 0, "n/a"),
    ],
)
def test_percent_says_100_and_0_only_when_exact(ratio: float | None, digits: int, text: str) -> None:
    assert percent(ratio, digits) == text


def test_fraction_shows_the_counts() -> None:
    assert fraction(Ratio(covered=5, applicable=7)) == "71% (5/7)"
    assert fraction(Ratio()) == "n/a"


def test_one_did_you_mean_with_one_spelling() -> None:
    assert did_you_mean("onbording-tour", ["onboarding-tour", "checkout"]) == "did you mean `onboarding-tour`?"
    assert did_you_mean("id", ["kind", "title"]) is None
    assert suggestion("selct", ["select"]) == " (did you mean `select`?)"
    assert suggestion("zzz", ["select"]) == ""


def test_small_words() -> None:
    assert (plural(1, "file"), plural(2, "file")) == ("1 file", "2 files")
    assert (days_ago(0), days_ago(1), days_ago(-3)) == ("today", "1 day ago", "3 days in the future")
    assert (number(0.12, "ratio"), number(30, "seconds"), number(None, None)) == ("12%", "30 s", "?")


@pytest.mark.parametrize(
    ("cron", "words"),
    [
        ("0 9 * * 1", "every Monday at 09:00"),
        ("0 9 * * MON", "every Monday at 09:00"),
        ("0 9 * * 7", "every Sunday at 09:00"),
        ("0 9 * * 1-5", "every weekday (Monday to Friday) at 09:00"),
        ("0 10 * * 0,6", "every Saturday and Sunday at 10:00"),
        ("30 18 * * 5,6", "every Friday and Saturday at 18:30"),
        ("0 9 * * *", "every day at 09:00"),
        ("0 9,17 * * *", "every day at 09:00 and 17:00"),
        ("0 10 1 * *", "on the 1st of every month at 10:00"),
        ("0 9 1,15 * *", "on the 1st and 15th of every month at 09:00"),
        ("0 6 10 1 *", "on 10 January at 06:00"),
        ("0 9 1 3,6,9,12 *", "on 1 March, 1 June, 1 September and 1 December at 09:00"),
        ("0 9 * 11 5", "every Friday in November at 09:00"),
        ("0 8 * 6-8 1", "every Monday in June, July and August at 08:00"),
        ("0 9 13 * 5", "on the 13th of every month and every Friday at 09:00"),
        ("0 9 30 2 *", "on 30 February at 09:00"),
        ("*/15 9-17 * * *", "every 15 minutes from 09:00 to 17:45, every day"),
        ("0 */2 * * *", "every 2 hours at :00, every day"),
        ("30 * * * *", "every hour at :30, every day"),
        ("* * * * *", "every minute, every day"),
        ("*/10 * * 12 *", "every 10 minutes, every day in December"),
        ("0 9 L * *", "on the schedule `0 9 L * *`"),
    ],
)
def test_cron_in_words(cron: str, words: str) -> None:
    assert cron_words(cron) == words


def test_day_numbers_in_words() -> None:
    assert [day_words(d) for d in (0, 1, 3)] == [
        "the day of install or sign-up",
        "the day after install or sign-up",
        "day 3 after install or sign-up",
    ]


def test_durations() -> None:
    assert [str(parse_duration(t)) for t in ("12h", "3d", "2w")] == ["12:00:00", "3 days, 0:00:00", "14 days, 0:00:00"]
    assert parse_duration("3 days") is None and parse_duration(None) is None
    assert [duration_words(t) for t in ("30m", "1h", "2w", "soon")] == ["30 minutes", "1 hour", "2 weeks", "soon"]


def test_every_trigger_type_in_words_and_as_written(project: Path) -> None:
    journey = journey_of(
        PLAN_HEAD.format(zone="UTC")
        + """stages:
  - {id: onboarding, name: Onboarding}
interactions:
  - {id: a, name: A, channel: push, stage: onboarding, trigger: {type: day_of_use, day: 3}}
  - {id: b, name: B, channel: push, stage: onboarding, trigger: {type: schedule, cron: "0 8 1 * *"}}
  - {id: c, name: C, channel: push, stage: onboarding, trigger: {type: behavior, event: basket_abandoned, within: 2h}}
  - {id: d, name: D, channel: push, stage: onboarding, trigger: {type: event, name: Store opening, location: Leeds}}
""",
        project,
    )
    day3, monthly, behaviour, opening = (i.trigger for i in journey.interactions)
    assert trigger_text(day3) == "day 3 after install or sign-up"
    assert trigger_text(day3, at=datetime.time(18, 30)) == "day 3 after install or sign-up at 18:30"
    assert trigger_text(monthly) == "on the 1st of every month at 08:00"
    assert trigger_text(behaviour) == "2 hours after basket_abandoned"
    assert trigger_text(opening) == "on Store opening at Leeds"
    assert trigger_as_written(behaviour) == "behavior event=basket_abandoned within=2h"
    # without a calendar, an event trigger's send time is still said
    assert when_text(journey.interactions[3], journey) == "on Store opening at Leeds at 10:00"


def test_when_text_says_the_send_time_and_the_calendar_event(project: Path) -> None:
    journey = journey_of(
        PLAN_HEAD.format(zone="Europe/London")
        + """stages:
  - {id: onboarding, name: Onboarding}
calendar:
  - {id: black-friday, name: Black Friday, dates: [2026-11-27, 2027-11-26]}
interactions:
  - {id: tips, name: Tips, channel: push, stage: onboarding, trigger: {type: day_of_use, day: 3}}
  - {id: bf, name: BF, channel: push, stage: onboarding, trigger: {type: event, name: black-friday}, send_at: "07:30"}
  - {id: weekly, name: Weekly, channel: email, stage: onboarding, trigger: {type: schedule, cron: "0 9 * * 1"}}
""",
        project,
    )
    assert [when_text(i, journey) for i in journey.interactions] == [
        "day 3 after install or sign-up at 10:00",
        "on Black Friday (2 dates) at 07:30",
        "every Monday at 09:00",
    ]
