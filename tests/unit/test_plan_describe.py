"""Triggers in words: the describer every plan output uses."""

from __future__ import annotations

import pytest

from journeykit.plan.describe import cron_words, day_words
from journeykit.plan.durations import duration_words, parse_duration


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
    assert [duration_words(t) for t in ("30m", "1h", "2w")] == ["30 minutes", "1 hour", "2 weeks"]
