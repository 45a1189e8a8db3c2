"""What rules and reports ask of a plan: sends by day and week, busiest, quiet hours, never firing, gaps."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

from journeykit.plan import queries
from journeykit.plan.result import Send
from tests.helpers import PLAN_HEAD, persona_plan, plan_of

D = datetime.date


def interactions_of(sends: Iterable[Send]) -> list[str]:
    """The interaction ids of some sends, in order, with repeats."""
    return [send.interaction.id for send in sends]


MAP = (
    PLAN_HEAD.format(zone="Europe/London")
    + """\
stages:
  - {id: new, name: New, typical_duration: 2w}
  - {id: regular, name: Regular, typical_duration: 4w}
  - {id: gone, name: Gone}
interactions:
  - {id: hello, name: Hello, channel: push, stage: new, send_at: "22:15", trigger: {type: day_of_use, day: 0}}
  - id: late
    name: Late service note
    channel: push
    stage: new
    send_at: "06:00"
    quiet_hours_exempt: true
    trigger: {type: day_of_use, day: 0}
  - {id: tip, name: Tip, channel: email, stage: new, trigger: {type: day_of_use, day: 1}}
  - {id: weekly, name: Weekly, channel: email, stage: regular, trigger: {type: schedule, cron: "0 9 * * 1"}}
  - id: lost
    name: Lost
    channel: push
    stage: new
    personas: [shopper]
    trigger: {type: day_of_use, day: 20}
  - {id: day-hundred, name: Day 100, channel: push, stage: gone, trigger: {type: day_of_use, day: 100}}
"""
)


def test_sends_by_day_and_week_and_busiest(project: Path) -> None:
    plan = persona_plan(plan_of(MAP, project, D(2026, 1, 1), days=60))  # a Thursday
    by_day = queries.sends_by_day(plan)
    assert [s.interaction.id for s in by_day[D(2026, 1, 1)]] == ["late", "hello"]
    assert queries.busiest(by_day, 2) == [(D(2026, 1, 1), 2), (D(2026, 1, 2), 1)]
    by_week = queries.sends_by_week(plan)
    assert interactions_of(by_week[D(2025, 12, 29)]) == ["late", "hello", "tip"]
    assert queries.busiest(by_week, 1) == [(D(2025, 12, 29), 3)]
    months = queries.per_month_and_channel(plan)
    assert months[(2026, 1)] == {"push": 2, "email": 3} and months[(2026, 2)] == {"email": 2}


def test_quiet_hours_leave_out_exempt_interactions(project: Path) -> None:
    plan = persona_plan(plan_of(MAP, project, D(2026, 1, 1), days=60))
    assert interactions_of(queries.sends_in_quiet_hours(plan)) == ["hello"]
    assert interactions_of(queries.sends_in_quiet_hours(plan, include_exempt=True)) == ["late", "hello"]
    daytime = (datetime.time(9, 0), datetime.time(10, 0))
    assert interactions_of(queries.sends_in_quiet_hours(plan, daytime)) == ["weekly"] * 4


def test_never_firing_is_per_interaction_across_personas(project: Path) -> None:
    plan = plan_of(MAP, project, D(2026, 1, 1), days=60)
    silent = queries.never_firing(plan)
    assert sorted(silent) == ["day-hundred", "lost"]
    assert [s.reason for s in silent["lost"]] == ["outside-stage"]
    assert [s.reason for s in silent["day-hundred"]] == ["after-plan", "after-plan"]


def test_stage_on_a_day_and_contact_gaps(project: Path) -> None:
    plan = plan_of(MAP, project, D(2026, 1, 1), days=60)
    shopper = persona_plan(plan)
    assert [queries.stage_on(shopper, D(2026, 1, d)) for d in (1, 14, 15)] == ["new", "new", "regular"]
    gaps = queries.contact_gaps(plan, shopper, datetime.timedelta(days=10))
    at = datetime.datetime
    assert [(g.stage, g.start, g.end) for g in gaps] == [
        ("new", at(2026, 1, 2, 10), at(2026, 1, 15)),
        ("gone", at(2026, 2, 12), at(2026, 3, 2)),
    ]
