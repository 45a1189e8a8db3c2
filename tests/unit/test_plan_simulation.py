"""The simulation, pinned on small maps whose sends are worked out by hand in each test."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from journeykit.plan.measured import Measured, MeasuredPersona
from tests.helpers import PLAN_HEAD, persona_plan, plan_of, send_times

D = datetime.date


def test_day_of_use_sends_on_their_day_at_send_at_or_ten(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="Europe/London")
        + """\
stages:
  - {id: onboarding, name: Onboarding, typical_duration: 1w}
  - {id: active, name: Active}
interactions:
  - {id: welcome, name: Welcome, channel: push, stage: onboarding, trigger: {type: day_of_use, day: 0}}
  - id: tips
    name: Tips
    channel: push
    stage: onboarding
    send_at: "18:30"
    trigger: {type: day_of_use, day: 3}
  - {id: late, name: Late, channel: email, stage: onboarding, trigger: {type: day_of_use, day: 10}}
  - {id: month, name: Month, channel: email, stage: active, trigger: {type: day_of_use, day: 30}}
  - {id: never, name: Never, channel: email, stage: active, trigger: {type: day_of_use, day: 400}}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 3, 2)))
    # day 0 = 2 March (GMT), day 3 = 5 March, day 30 = 1 April (BST, after the 29 March change)
    assert send_times(plan) == ["2026-03-02T10:00+00:00", "2026-03-05T18:30+00:00", "2026-04-01T10:00+01:00"]
    silent = {s.interaction.id: s for s in plan.silent}
    assert silent["late"].reason == "outside-stage"
    assert "on day 10 (2026-03-12) 'shopper' is in 'active'" in silent["late"].explanation
    assert "days 0 to 6" in silent["late"].explanation
    assert silent["never"].reason == "after-plan"
    assert "day 400 after install or sign-up is after the plan's last day, day 364" in silent["never"].explanation


def test_stage_windows_from_durations_overrides_and_defaults(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: discovery, name: Discovery, typical_duration: 36h}
  - {id: research, name: Research}
  - {id: purchase, name: Purchase, typical_duration: 2w}
  - {id: loyalty, name: Loyalty, typical_duration: 3d}
experiences:
  - {persona: visitor, stage: purchase, typical_duration: 1d}
"""
    )
    plan = plan_of(text, project, D(2026, 1, 1), days=60)
    at = datetime.datetime
    shopper = [(w.stage, w.start, w.end, w.basis) for w in persona_plan(plan).windows]
    assert shopper == [
        ("discovery", at(2026, 1, 1), at(2026, 1, 2, 12), "stage"),
        ("research", at(2026, 1, 2, 12), at(2026, 1, 9, 12), "default"),  # one week when none is given
        ("purchase", at(2026, 1, 9, 12), at(2026, 1, 23, 12), "stage"),
        ("loyalty", at(2026, 1, 23, 12), at(2026, 1, 26, 12), "stage"),  # then the persona has left
    ]
    visitor = {w.stage: (w.start, w.end, w.basis) for w in persona_plan(plan, "visitor").windows}
    assert visitor["purchase"] == (at(2026, 1, 9, 12), at(2026, 1, 10, 12), "experience")
    assert visitor["loyalty"][0] == at(2026, 1, 10, 12)


def test_last_stage_without_duration_is_open_ended(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: trial, name: Trial, typical_duration: 2w}
  - {id: customer, name: Customer}
interactions:
  - {id: weekly, name: Weekly, channel: email, stage: customer, trigger: {type: schedule, cron: "0 9 * * 1"}}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 1, 5), days=35))  # 5 Jan is a Monday
    assert plan.windows[-1].end is None and plan.windows[-1].basis == "open"
    # the trial covers the Mondays 5 and 12 January; then every Monday to the end of the plan
    assert send_times(plan) == ["2026-01-19T09:00+00:00", "2026-01-26T09:00+00:00", "2026-02-02T09:00+00:00"]


def test_measured_time_to_stage_replaces_typical_durations(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: trial, name: Trial, typical_duration: 2w}
  - {id: customer, name: Customer, typical_duration: 4w}
  - {id: lapsed, name: Lapsed}
"""
    )
    measured = Measured({"shopper": MeasuredPersona(seconds_to_stage={"customer": 3 * 86400})})
    plan = plan_of(text, project, D(2026, 1, 1), days=90, measured=measured)
    shopper = [(w.stage, w.start.date(), w.end and w.end.date(), w.basis) for w in persona_plan(plan).windows]
    assert shopper == [
        ("trial", D(2026, 1, 1), D(2026, 1, 4), "measured"),
        ("customer", D(2026, 1, 4), D(2026, 2, 1), "stage"),  # from the measured start, its typical 4 weeks
        ("lapsed", D(2026, 2, 1), None, "open"),
    ]
    assert persona_plan(plan).measured and not persona_plan(plan, "visitor").measured
    assert persona_plan(plan, "visitor").windows[1].start.date() == D(2026, 1, 15)


def test_cron_across_spring_forward_in_berlin(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="Europe/Berlin")
        + """\
stages:
  - {id: active, name: Active}
interactions:
  - {id: night, name: Night, channel: push, stage: active, trigger: {type: schedule, cron: "30 2 * * *"}}
  - {id: monday, name: Monday, channel: email, stage: active, trigger: {type: schedule, cron: "0 9 * * 1"}}
  - {id: twice, name: Twice, channel: email, stage: active, trigger: {type: schedule, cron: "30 2,3 29 3 *"}}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 3, 27), days=5))
    # 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and is read as 03:30 CEST
    assert send_times(plan, "night") == [
        "2026-03-27T02:30+01:00",
        "2026-03-28T02:30+01:00",
        "2026-03-29T03:30+02:00",
        "2026-03-30T02:30+02:00",
        "2026-03-31T02:30+02:00",
    ]
    assert send_times(plan, "monday") == ["2026-03-30T09:00+02:00"]
    # 02:30 (moved to 03:30) and 03:30 are one instant: sent once
    assert send_times(plan, "twice") == ["2026-03-29T03:30+02:00"]


def test_cron_across_fall_back_in_berlin_and_new_york(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="Europe/Berlin")
        + """\
stages:
  - {id: active, name: Active}
interactions:
  - {id: night, name: Night, channel: push, stage: active, trigger: {type: schedule, cron: "30 2 * * *"}}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 10, 24), days=3))
    # 25 October 2026: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice and is sent at the first
    assert send_times(plan) == ["2026-10-24T02:30+02:00", "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00"]
    text = (
        PLAN_HEAD.format(zone="America/New_York")
        + """\
stages:
  - {id: active, name: Active}
interactions:
  - {id: night, name: Night, channel: push, stage: active, trigger: {type: schedule, cron: "30 1 * * *"}}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 10, 31), days=3))
    assert send_times(plan) == ["2026-10-31T01:30-04:00", "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00"]


def test_cron_that_matches_no_date_never_fires(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: active, name: Active}
interactions:
  - {id: leap, name: Leap day, channel: push, stage: active, trigger: {type: schedule, cron: "0 9 29 2 *"}}
  - {id: impossible, name: Impossible, channel: push, stage: active, trigger: {type: schedule, cron: "0 9 30 2 *"}}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 1, 1)))
    assert plan.sends == ()
    assert {s.interaction.id: s.reason for s in plan.silent} == {
        "leap": "no-matching-date",
        "impossible": "no-matching-date",
    }
    assert "matches no date from 2026-01-01 to 2026-12-31" in plan.silent[0].explanation


def test_calendar_events_with_several_dates(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="Europe/London")
        + """\
calendar:
  - {id: sale, name: Sale, dates: [2026-01-10, 2026-03-31, 2026-07-04, 2027-01-09]}
  - {id: launch, name: Launch, date: 2025-12-01}
stages:
  - {id: new, name: New, typical_duration: 1w}
  - {id: regular, name: Regular, typical_duration: 20w}
  - {id: gone, name: Gone}
interactions:
  - {id: sale-push, name: Sale, channel: push, stage: regular, send_at: "07:45", trigger: {type: event, name: sale}}
  - {id: sale-new, name: Sale for new, channel: push, stage: new, trigger: {type: event, name: sale}}
  - {id: launch-mail, name: Launch, channel: email, stage: regular, trigger: {type: event, name: launch}}
"""
    )
    # regular: 8 January to 28 May; the sale on 10 January and 31 March (BST) falls in it, 4 July does not
    plan = persona_plan(plan_of(text, project, D(2026, 1, 1)))
    assert send_times(plan, "sale-push") == ["2026-01-10T07:45+00:00", "2026-03-31T07:45+01:00"]
    silent = {s.interaction.id: s for s in plan.silent}
    assert silent["sale-new"].reason == "outside-stage"
    assert "all 3 of its times in the plan fall outside 'new'" in silent["sale-new"].explanation
    assert silent["launch-mail"].reason == "calendar-outside-plan"


def test_event_triggers_without_a_calendar_are_undated(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: active, name: Active}
interactions:
  - id: opening
    name: Opening
    channel: email
    stage: active
    trigger: {type: event, name: Store opening, location: Leeds}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 1, 1)))
    assert plan.sends == () and plan.silent == ()
    assert [(u.interaction.id, u.reason) for u in plan.undated] == [("opening", "no-calendar")]
    assert plan.undated[0].explanation.startswith("on Store opening at Leeds at 10:00")


def test_persona_targeting(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: active, name: Active}
interactions:
  - {id: everyone, name: Everyone, channel: push, stage: active, trigger: {type: day_of_use, day: 1}}
  - id: shoppers
    name: Shoppers only
    channel: push
    stage: active
    personas: [shopper]
    trigger: {type: day_of_use, day: 2}
"""
    )
    plan = plan_of(text, project, D(2026, 1, 1))
    assert [s.interaction.id for s in persona_plan(plan).sends] == ["everyone", "shoppers"]
    assert [s.interaction.id for s in persona_plan(plan, "visitor").sends] == ["everyone"]
    assert persona_plan(plan, "visitor").silent == ()


def test_behaviour_rates_from_measured_data(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: shopping, name: Shopping, typical_duration: 3w}
  - {id: after, name: After}
interactions:
  - id: basket
    name: Basket reminder
    channel: push
    stage: shopping
    trigger: {type: behavior, event: basket_abandoned, within: 2h}
  - {id: browse, name: Browse, channel: push, stage: shopping, trigger: {type: behavior, event: browsed}}
  - {id: wish, name: Wishlist, channel: push, stage: shopping, trigger: {type: behavior, event: wished}}
  - {id: rare, name: Rare, channel: email, stage: shopping, trigger: {type: behavior, event: never_seen}}
"""
    )
    measured = Measured(
        {"shopper": MeasuredPersona(events_per_week={"basket_abandoned": 1, "browsed": 14, "never_seen": 0})}
    )
    plan = plan_of(text, project, D(2026, 1, 1), days=60, measured=measured)
    shopper = persona_plan(plan)
    # 1 a week over the 21 days of the stage: days 3, 10 and 17, at 15:00 plus the 2 hours
    assert send_times(shopper, "basket") == [
        "2026-01-04T17:00+00:00",
        "2026-01-11T17:00+00:00",
        "2026-01-18T17:00+00:00",
    ]
    # 14 a week: two a day, at 12:00 and 18:00, for the 21 days
    browse = send_times(shopper, "browse")
    assert len(browse) == 42 and browse[:3] == [
        "2026-01-01T12:00+00:00",
        "2026-01-01T18:00+00:00",
        "2026-01-02T12:00+00:00",
    ]
    assert {u.interaction.id: u.reason for u in shopper.undated} == {"wish": "on-behaviour"}
    assert {s.interaction.id: s.reason for s in shopper.silent} == {"rare": "never-happens"}
    visitor = persona_plan(plan, "visitor")
    assert visitor.sends == () and len(visitor.undated) == 4


def test_stage_never_reached_within_the_plan(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: trial, name: Trial, typical_duration: 10w}
  - {id: customer, name: Customer}
interactions:
  - {id: weekly, name: Weekly, channel: email, stage: customer, trigger: {type: schedule, cron: "0 9 * * 1"}}
"""
    )
    plan = persona_plan(plan_of(text, project, D(2026, 1, 1), days=30))
    assert [(s.reason, s.explanation) for s in plan.silent] == [
        ("stage-not-reached", "'shopper' reaches 'customer' on day 70, after the plan ends")
    ]


def test_the_plan_is_deterministic(project: Path) -> None:
    from journeykit.plan.formats.json_format import document

    text = (
        PLAN_HEAD.format(zone="Europe/Berlin")
        + """\
stages:
  - {id: active, name: Active}
interactions:
  - {id: a, name: A, channel: push, stage: active, trigger: {type: schedule, cron: "*/30 9-11 * * 1-5"}}
  - {id: b, name: B, channel: email, stage: active, trigger: {type: day_of_use, day: 3}}
"""
    )
    first = document([plan_of(text, project, D(2026, 3, 1), days=60)])
    second = document([plan_of(text, project, D(2026, 3, 1), days=60)])
    assert first == second
    assert first["maps"][0]["totals"]["sends"] == 2 * (1 + 6 * 43)  # 43 weekdays from 1 March to 29 April


def test_huge_durations_and_zero_length_stages_plan_without_overflow(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: skipped, name: Skipped, typical_duration: 0d}
  - {id: forever, name: Forever, typical_duration: 99999999999w}
  - {id: after, name: After}
interactions:
  - {id: skip, name: Skip, channel: push, stage: skipped, trigger: {type: day_of_use, day: 0}}
  - {id: now, name: Now, channel: push, stage: forever, trigger: {type: day_of_use, day: 0}}
  - id: late
    name: Late
    channel: push
    stage: forever
    trigger: {type: behavior, event: seen, within: 99999999999h}
"""
    )
    measured = Measured({"shopper": MeasuredPersona(events_per_week={"seen": 1})})
    plan = persona_plan(plan_of(text, project, D(2026, 1, 1), days=30, measured=measured))
    assert send_times(plan) == ["2026-01-01T10:00+00:00"]
    assert {s.interaction.id: s.reason for s in plan.silent} == {"skip": "stage-not-reached", "late": "outside-stage"}
    assert "'shopper' spends no time in 'skipped'" in plan.silent[0].explanation
    assert plan.silent[1].explanation == "it has no time to be sent while 'shopper' is in 'forever' (days 0 to 29)"


def test_measured_data_that_cannot_be_used_is_named() -> None:
    measured = Measured(
        {
            "shopper": MeasuredPersona(
                seconds_to_stage={"trial": -1.0, "customer": float("nan")}, events_per_week={"browsed": 1e9}
            )
        }
    )
    assert measured.validate() == [
        "shopper: seconds to stage 'trial' is -1.0, not a number from 0 to 3,162,240,000",
        "shopper: seconds to stage 'customer' is nan, not a number from 0 to 3,162,240,000",
        "shopper: events per week 'browsed' is 1000000000.0, not a number from 0 to 10,080",
    ]
    assert Measured({"shopper": MeasuredPersona({"customer": 86400}, {"browsed": 3})}).validate() == []


def test_a_schedule_budget_cuts_the_plan_short_and_says_so(project: Path) -> None:
    from journeykit.plan.simulate import PlanOptions, plan_journey
    from tests.helpers import journey_of

    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: only, name: Only}
interactions:
  - {id: hourly, name: Hourly, channel: push, stage: only, trigger: {type: schedule, cron: "0 * * * *"}}
  - {id: weekly, name: Weekly, channel: push, stage: only, trigger: {type: schedule, cron: "0 9 * * 1"}}
"""
    )
    journey = journey_of(text, project)
    plan = plan_journey(journey, PlanOptions(D(2026, 1, 5), 365, ("shopper",), schedule_budget=30))
    shopper = persona_plan(plan)
    # the hourly schedule takes all 30 times (30 hours from Monday 00:00); the weekly one gets no date
    assert len(send_times(shopper, "hourly")) == 30 and send_times(shopper, "hourly")[-1] == "2026-01-06T05:00+00:00"
    assert [(u.interaction.id, u.reason) for u in shopper.undated] == [("weekly", "over-budget")]
    assert "not planned, the plan's limit of 30 schedule times was reached" in shopper.undated[0].explanation
    assert plan.notes == (
        "the plan reached its limit of 30 schedule times: schedules beyond it are cut short or listed without dates",
    )
    unlimited = plan_journey(journey, PlanOptions(D(2026, 1, 5), 365, ("shopper",)))
    assert (
        len(send_times(persona_plan(unlimited), "weekly")) == 53 and unlimited.notes == ()
    )  # days 0 and 364 are Mondays


def test_a_schedule_that_misses_its_stage_says_so_in_words(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: trial, name: Trial, typical_duration: 1w}
  - {id: paid, name: Paid}
interactions:
  - {id: new-year, name: New year, channel: email, stage: trial, trigger: {type: schedule, cron: "0 9 1 1 *"}}
"""
    )
    (silence,) = persona_plan(plan_of(text, project, D(2026, 3, 2))).silent
    assert (silence.reason, silence.explanation) == (
        "outside-stage",
        "on 1 January at 09:00 never falls while 'shopper' is in 'trial' (days 0 to 6)",
    )


def test_a_schedule_is_expanded_once_for_every_persona_whatever_their_stages(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit import cron

    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: trial, name: Trial, typical_duration: 2w}
  - {id: paid, name: Paid}
experiences:
  - {persona: visitor, stage: trial, typical_duration: 1w}
interactions:
  - {id: weekly, name: Weekly, channel: email, stage: trial, trigger: {type: schedule, cron: "0 9 * * 1"}}
"""
    )
    calls: list[tuple[datetime.datetime, datetime.datetime]] = []
    expand = cron.expand

    def counting(expression: str, begin: datetime.datetime, end: datetime.datetime, **kwargs: int | None) -> object:
        calls.append((begin, end))
        return expand(expression, begin, end, **kwargs)

    monkeypatch.setattr(cron, "expand", counting)
    plan = plan_of(text, project, D(2026, 3, 2))  # a Monday
    assert send_times(persona_plan(plan)) == ["2026-03-02T09:00+00:00", "2026-03-09T09:00+00:00"]
    assert send_times(persona_plan(plan, "visitor")) == ["2026-03-02T09:00+00:00"]
    assert calls == [(datetime.datetime(2026, 3, 2), datetime.datetime(2027, 3, 2))]  # once, for the whole plan
