"""The JK6xx rules that read the plan of the year (rules/timing.py): what they report, where, and what they leave alone.

Maps here are reviewed on Monday 2 November 2026 (`updated`), so day 0 of the reference plan is that
Monday whatever the as-of date: day 5 is Saturday 7 November.
"""

from __future__ import annotations

import datetime

import pytest

from journeykit.config import Settings
from journeykit.findings import Finding
from journeykit.plan import reference
from tests.helpers import PLAN_HEAD, lint_files

HEAD = PLAN_HEAD.format(zone="Europe/Berlin") + "updated: 2026-11-02\n"
TIMING = ("JK607", "JK608", "JK609", "JK610")


def timing(
    text: str, settings: Settings | None = None, as_of: datetime.date = datetime.date(2026, 11, 22)
) -> list[str]:
    """`line:column code message` of the timing findings of one map."""
    found = lint_files({"app.journey.yaml": text}, settings, as_of)
    return [f"{f.location.line}:{f.location.column} {f.code} {f.message}" for f in found if f.code in TIMING]


def at(text: str, needle: str, field: str | None = None) -> str:
    """`line:column` of the last `field`'s value on the line that holds `needle` (of its item without a field)."""
    number, line = next((n, line) for n, line in enumerate(text.splitlines(), 1) if needle in line)
    column = line.rindex(f"{field}: ") + len(field) + 3 if field else line.index("- ") + 3
    return f"{number}:{column}"


def timing_findings(text: str, as_of: datetime.date) -> list[Finding]:
    return [f for f in lint_files({"app.journey.yaml": text}, None, as_of) if f.code in TIMING]


ONE_STAGE = HEAD + "stages:\n  - {id: onboarding, name: Onboarding}\ninteractions:\n"


def interaction(key: str, trigger: str, *extra: str, channel: str = "push", stage: str = "onboarding") -> str:
    fields = ", ".join([f"id: {key}", f"name: {key}", f"channel: {channel}", f"stage: {stage}", *extra])
    return f"  - {{{fields}, trigger: {trigger}}}\n"


# --- JK607: pressure ------------------------------------------------------------------------------


def test_pressure_counts_every_trigger_type_not_only_day_of_use() -> None:
    text = (
        HEAD
        + "calendar:\n  - {id: sale, name: Sale, date: 2026-11-04}\n"
        + "stages:\n  - {id: onboarding, name: Onboarding}\ninteractions:\n"
        + interaction("morning", '{type: schedule, cron: "0 9 * * 3"}', channel="email")
        + interaction("tips", "{type: day_of_use, day: 2}")
        + interaction("sale-push", "{type: event, name: sale}", 'send_at: "12:00"')
    )
    # day 2 (Wednesday 4 November): morning 09:00 (every Wednesday), tips 10:00, sale-push 12:00; the third
    # is too many.
    # The day-of-use count this rule made before the plan saw one message that day.
    (finding,) = [f for f in timing(text) if "JK607" in f]
    assert finding == (
        f"{at(text, 'id: sale-push', 'name')} JK607 "
        "'sale-push' is message 3 to 'shopper' on day 2 (Wed 4 Nov 2026) (more than 2 a day)"
    )


def test_pressure_per_week_names_the_send_that_goes_over_and_counts_the_weeks() -> None:
    text = (
        ONE_STAGE
        + interaction("lunch", '{type: schedule, cron: "0 12 * * 1-5"}')
        + interaction("evening", '{type: schedule, cron: "0 18 * * 1-3"}', channel="email")
    )
    # Each week: Mon-Wed 2 a day, Thu-Fri 1: eight sends; the 7th is Thursday's lunch.
    findings = timing(text)
    assert findings == [
        f"{at(text, 'id: lunch', 'cron')} JK607 'lunch' is message 7 to 'shopper' in the week of 2 Nov 2026 "
        "(days 0 to 6) (more than 6 a week); the same on 51 other weeks"
    ]
    relaxed = Settings(rule_options={"JK607": {"max-per-week": 8}})
    assert timing(text, relaxed) == []


def test_one_finding_per_interaction_so_day_and_week_never_double_report() -> None:
    text = ONE_STAGE + "".join(
        interaction(f"day1-{n}", "{type: day_of_use, day: 1}", f'send_at: "1{n}:00"') for n in range(8)
    )
    findings = timing(text)
    # Day 1 has eight: the third goes over the day limit, the seventh over the week limit; nothing is
    # reported twice, by this rule or by another.
    assert [f.split(" ", 3)[2] for f in findings] == ["'day1-2'", "'day1-6'"]
    assert "on day 1 (Tue 3 Nov 2026) (more than 2 a day)" in findings[0]
    assert "in the week of 2 Nov 2026 (days 0 to 6) (more than 6 a week)" in findings[1]
    assert {f.split()[1] for f in findings} == {"JK607"}


def test_pressure_limits_are_options() -> None:
    text = ONE_STAGE + "".join(interaction(f"d{n}", "{type: day_of_use, day: 1}") for n in range(3))
    assert len(timing(text)) == 1
    assert timing(text, Settings(rule_options={"JK607": {"max-per-day": 3}})) == []


# --- JK608: quiet hours ---------------------------------------------------------------------------


def test_quiet_hours_in_the_map_time_zone_at_the_field_that_sets_the_time() -> None:
    text = (
        ONE_STAGE
        + interaction("late", '{type: schedule, cron: "30 23 * * 5"}')
        + interaction("early", "{type: day_of_use, day: 2}", 'send_at: "06:45"')
        + interaction("ready", "{type: day_of_use, day: 3}", 'send_at: "22:00"', "quiet_hours_exempt: true")
        + "  - {id: letter, name: Letter, type: direct-mail, channel: email, stage: onboarding, "
        'trigger: {type: schedule, cron: "0 6 * * 1"}}\n'
    )
    assert timing(text) == [
        f"{at(text, 'id: late', 'cron')} JK608 'late' is sent at 23:30, inside the quiet hours (21:00 to 08:00, "
        "Europe/Berlin)",
        f"{at(text, 'id: early', 'send_at')} JK608 'early' is sent at 06:45, inside the quiet hours (21:00 to 08:00, "
        "Europe/Berlin)",
    ]
    night_only = Settings(rule_options={"JK608": {"quiet-hours": "00:00-06:00"}})
    assert timing(text, night_only) == []


def test_quiet_hours_follow_summer_time() -> None:
    # 06:30 UTC would be 07:30 in Berlin in winter, 08:30 in summer: the rule reads the local time only.
    text = ONE_STAGE.replace("Europe/Berlin", "UTC") + interaction("dawn", '{type: schedule, cron: "30 7 * * 1"}')
    where = at(text, "id: dawn", "cron")
    assert timing(text) == [f"{where} JK608 'dawn' is sent at 07:30, inside the quiet hours (21:00 to 08:00, UTC)"]
    berlin = ONE_STAGE + interaction("dawn", '{type: schedule, cron: "30 7 * * 1"}')
    assert timing(berlin) == [
        f"{where} JK608 'dawn' is sent at 07:30, inside the quiet hours (21:00 to 08:00, Europe/Berlin)"
    ]


@pytest.mark.parametrize("value", ["9pm-8am", "21:00", "24:00-08:00", "21:00-8:00", 2100])
def test_a_quiet_hours_option_that_is_not_a_span_of_times_is_a_configuration_error(value: object) -> None:
    from journeykit.rules.registry import all_rules

    rule = all_rules()["JK608"]
    (option,) = rule.options  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match=r"must be written like '21:00-08:00'|expects a str"):
        option.validate(value)


# --- JK609: never fires ---------------------------------------------------------------------------

TWO_STAGES = (
    HEAD
    + """stages:
  - {id: onboarding, name: Onboarding, typical_duration: 2w}
  - {id: regular, name: Regular}
experiences:
  - {persona: visitor, stage: onboarding, typical_duration: 1w}
interactions:
"""
)


def test_never_fires_for_one_persona_is_reported_for_that_persona() -> None:
    text = TWO_STAGES + interaction("day10", "{type: day_of_use, day: 10}")
    assert timing(text) == [
        f"{at(text, 'id: day10', 'day')} JK609 'day10' never reaches 'visitor' within the year: "
        "on day 10 (2026-11-12) 'visitor' is in 'regular'; it is in 'onboarding' on days 0 to 6"
    ]


def test_schedules_and_calendar_dates_that_miss_the_stage_of_one_start_are_not_reported() -> None:
    # 1 January falls in no one's first week when day 0 is 2 November; customers who start in late
    # December are in onboarding on 1 January. Only a start-independent reason is a finding.
    text = TWO_STAGES + interaction("new-year", '{type: schedule, cron: "0 9 1 1 *"}')
    assert timing(text) == []
    never = TWO_STAGES + interaction("leap", '{type: schedule, cron: "0 9 30 2 *"}')
    assert timing(never) == [
        f"{at(never, 'id: leap', 'cron')} JK609 'leap' never fires within the year: "
        "its cron '0 9 30 2 *' matches no date from 2026-11-02 to 2027-11-01"
    ]


def test_what_other_rules_report_is_left_to_them() -> None:
    text = (
        HEAD
        + "calendar:\n  - {id: sale, name: Sale, date: 2026-11-04}\n"
        + "stages:\n  - {id: onboarding, name: Onboarding}\ninteractions:\n"
        + interaction("unknown-event", "{type: event, name: sael}")
        + interaction("no-day", "{type: day_of_use}")
        + interaction("bad-cron", '{type: schedule, cron: "0 25 * * *"}')
    )
    found = lint_files({"app.journey.yaml": text})
    assert {"JK201", "JK602", "JK604"} <= {f.code for f in found}
    assert [f for f in found if f.code in TIMING] == []


def test_behaviours_without_a_measured_rate_may_fire() -> None:
    text = ONE_STAGE + interaction("basket", "{type: behavior, event: basket_abandoned, within: 2h}")
    assert timing(text) == []


# --- JK610: gaps ----------------------------------------------------------------------------------

GAPS = (
    HEAD
    + """stages:
  - {id: onboarding, name: Onboarding, typical_duration: 2w}
  - {id: regular, name: Regular, typical_duration: 8w}
  - {id: lapsed, name: Lapsed}
experiences:
  - {persona: visitor, stage: regular, applicable: false, reason: Visitors do not buy}
interactions:
"""
)


def test_a_stage_that_lasts_weeks_without_a_message_is_a_gap_at_the_stage() -> None:
    text = GAPS + interaction("welcome", "{type: day_of_use, day: 0}")
    # regular lasts 8 weeks with nothing for the shopper; the visitor's regular stage is out of scope;
    # lapsed has no duration (open-ended); onboarding's 14 days are under 21.
    assert timing(text) == [
        f"{at(text, 'id: regular')} JK610 'shopper' gets no message for 56 days in 'regular' (days 14 to 69)"
    ]
    assert timing(text, Settings(rule_options={"JK610": {"min-gap-days": 60}})) == []


def test_the_longest_stretch_of_a_stage_counts_and_messages_on_behaviour_close_the_gap() -> None:
    monthly = GAPS + interaction("news", '{type: schedule, cron: "0 9 1 * *"}', stage="regular")
    assert timing(monthly) == [
        f"{at(monthly, 'id: regular')} JK610 'shopper' gets no message for 31 days in 'regular' (days 29 to 60)"
    ]
    behaviour = GAPS + interaction("basket", "{type: behavior, event: basket_abandoned}", stage="regular")
    assert timing(behaviour) == []


def test_maps_that_plan_no_interactions_have_no_gaps() -> None:
    assert timing(GAPS.replace("interactions:\n", "")) == []


# --- the reference plan -----------------------------------------------------------------------------


def test_findings_do_not_change_with_the_as_of_date_when_the_map_has_a_review_date() -> None:
    text = (
        TWO_STAGES
        + interaction("day10", "{type: day_of_use, day: 10}")
        + interaction("late", '{type: schedule, cron: "30 23 * * 5"}')
    )
    first = timing_findings(text, datetime.date(2026, 11, 22))
    later = timing_findings(text, datetime.date(2027, 3, 9))
    assert first and [f.fingerprint for f in first] == [f.fingerprint for f in later]


def test_a_map_without_a_review_date_is_planned_from_the_as_of_date() -> None:
    text = (
        HEAD.replace("updated: 2026-11-02\n", "")
        + "calendar:\n  - {id: sale, name: Sale, date: 2026-12-01}\n"
        + "stages:\n  - {id: onboarding, name: Onboarding}\ninteractions:\n"
        + interaction("sale", "{type: event, name: sale}")
    )
    assert timing(text, as_of=datetime.date(2026, 11, 22)) == []
    (late,) = timing(text, as_of=datetime.date(2027, 1, 5))
    assert "'sale' happens on 2026-12-01, outside the plan (2027-01-05 to 2028-01-04)" in late


def test_the_plan_is_computed_once_per_map_for_all_the_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    original = reference.plan_journey

    def counting(journey, options):  # type: ignore[no-untyped-def]
        calls.append(journey.id)
        return original(journey, options)

    monkeypatch.setattr(reference, "plan_journey", counting)
    text = TWO_STAGES + interaction("day10", "{type: day_of_use, day: 10}")
    lint_files({"a.journey.yaml": text, "b.journey.yaml": text.replace("id: app", "id: other")})
    assert calls == ["app", "other"]


def test_a_map_with_an_unknown_time_zone_is_not_planned_and_nothing_breaks() -> None:
    text = ONE_STAGE.replace("Europe/Berlin", "Europe/Berlim") + interaction(
        "late", '{type: schedule, cron: "30 23 * * *"}'
    )
    found = lint_files({"app.journey.yaml": text})
    assert "JK207" in {f.code for f in found}
    assert [f for f in found if f.code in TIMING] == []


def test_schedules_beyond_the_budget_are_undated_not_never_firing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reference, "SCHEDULE_BUDGET", 500)
    text = ONE_STAGE + "".join(interaction(f"often-{n}", '{type: schedule, cron: "*/5 9-17 * * *"}') for n in range(4))
    found = timing(text)
    # the first schedule uses the budget up (with more than two a day: JK607); the others are not planned,
    # and so neither reported as never firing nor counted
    assert [f.split()[1] for f in found] == ["JK607"]
    assert "'often-0'" in found[0]
