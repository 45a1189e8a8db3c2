"""The reference plan: the year that `journeykit lint` checks and the report draws, from a fixed day.

Lint findings must not change from one day to the next while the map stays the same, and
their fingerprints (baselines, SARIF) must stay put. So the reference plan starts on a day the
map itself fixes: its `updated` date, the day it was last reviewed; reviewing the map and
bumping the date moves the year with it. A map without `updated` (JK507 asks for one) starts
on the as-of date: `--as-of`, or today. The plan covers 365 days for every persona, with a
budget on cron expansion so that no map can make lint slow; and the report's year view is
the same plan, so its calendar shows what the findings say.
"""

from __future__ import annotations

import datetime

from journeykit.model import Journey
from journeykit.plan.measured import Measured
from journeykit.plan.result import JourneyPlan
from journeykit.plan.simulate import EARLIEST, LATEST, PlanOptions, plan_journey
from journeykit.timezones import timezone_problem

REFERENCE_DAYS = 365
SCHEDULE_BUDGET = 20_000
"""Cron times the reference plan may expand: about 2 s of croniter at worst on a slow machine.
Each schedule is expanded once for the whole year whatever the personas, so the planning
benchmark's map (50 personas, 200 interactions, 50 of them schedules) needs 1,400."""


def reference_day(journey: Journey, as_of: datetime.date) -> datetime.date:
    """Day 0 of the reference plan: the map's `updated` date, or `as_of` for a map without one."""
    day = journey.updated if journey.updated is not None else as_of
    return min(max(day, EARLIEST), LATEST)


def reference_plan(
    journey: Journey,
    as_of: datetime.date,
    *,
    personas: tuple[str, ...] = (),
    measured: Measured | None = None,
) -> JourneyPlan | None:
    """The year from the reference day; None for a map that cannot be planned (an unknown time zone, JK207)."""
    if journey.timezone is not None and timezone_problem(journey.timezone) is not None:
        return None
    options = PlanOptions(
        reference_day(journey, as_of), REFERENCE_DAYS, personas, measured, schedule_budget=SCHEDULE_BUDGET
    )
    return plan_journey(journey, options)


def reference_words(journey: Journey) -> str:
    """Why the reference plan starts when it does, in words for the report."""
    if journey.updated is not None:
        return (
            "Day 0, the day a customer installs or signs up, is the map's last review date: "
            "journeykit lint checks this same year, so the calendar shows what its findings say."
        )
    return "Day 0, the day a customer installs or signs up, is the report's date: the map has no review date."
