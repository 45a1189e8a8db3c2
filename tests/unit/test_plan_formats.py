"""The plan's outputs: iCalendar read back by an independent parser, CSV round trips, JSON, text."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest

from journeykit.plan.formats import writer
from journeykit.plan.measured import Measured, MeasuredPersona
from journeykit.plan.result import JourneyPlan
from tests.helpers import PLAN_HEAD, plan_of

UTC = datetime.timezone.utc
BUSY = (
    PLAN_HEAD.format(zone="Europe/Berlin")
    + """\
calendar:
  - {id: sale, name: Sale, dates: [2026-03-20, 2026-04-03, 2026-10-30]}
stages:
  - {id: new, name: New, typical_duration: 2w}
  - {id: regular, name: Regular}
interactions:
  - {id: welcome, name: Welcome, channel: push, stage: new, trigger: {type: day_of_use, day: 0}}
  - {id: night, name: Night, channel: push, stage: regular, trigger: {type: schedule, cron: "30 2 * * *"}}
  - {id: monday, name: Monday news, channel: email, stage: regular, trigger: {type: schedule, cron: "0 9 * * 1"}}
  - {id: either, name: Either, channel: email, stage: regular, trigger: {type: schedule, cron: "0 8 13 * 5"}}
  - {id: twice, name: Twice, channel: push, stage: regular, trigger: {type: schedule, cron: "30 2,3 29 3 *"}}
  - {id: first, name: First, channel: email, stage: regular, trigger: {type: schedule, cron: "0 8 1 * *"}}
  - {id: midsummer, name: Midsummer, channel: email, stage: regular, trigger: {type: schedule, cron: "15 12 21 6 *"}}
  - {id: office, name: Office, channel: push, stage: regular, trigger: {type: schedule, cron: "0 9,17 * 10 1-5"}}
  - id: sale-push
    name: "=HYPERLINK(\\"http://x\\";\\"sale\\"), sale; today"
    channel: push
    stage: regular
    send_at: "07:30"
    message: "@SUM(1) -- big sale,\\nand a second line"
    trigger: {type: event, name: sale}
  - {id: basket, name: Basket, channel: push, stage: new, trigger: {type: behavior, event: basket, within: 30m}}
"""
)


def plan(project: Path) -> JourneyPlan:
    measured = Measured({"shopper": MeasuredPersona(events_per_week={"basket": 2})})
    return plan_of(BUSY, project, datetime.date(2026, 3, 1), days=250, measured=measured)


def output(plan: JourneyPlan, name: str) -> str:
    out = io.StringIO()
    writer(name)([plan], out)
    return out.getvalue()


def json_sends(plan: JourneyPlan) -> set[tuple[str, str, str]]:
    document = json.loads(output(plan, "json"))
    return {(s["utc"], s["persona"], s["interaction"]) for s in document["maps"][0]["sends"]}


def test_ics_read_by_vobject_gives_exactly_the_json_sends(project: Path) -> None:
    import vobject

    planned = plan(project)
    text = output(planned, "ics")
    found: list[tuple[str, str, str]] = []
    recurring = 0
    calendars = list(vobject.readComponents(text))
    assert [c.contents["x-wr-calname"][0].value for c in calendars] == [
        "Shopping app — Shopper",
        "Shopping app — Visitor",
    ]
    for cal in calendars:
        assert cal.vtimezone.tzid.value == "Europe/Berlin"
        for event in cal.vevent_list:
            persona = event.contents["x-journeykit-persona"][0].value
            interaction = event.contents["x-journeykit-interaction"][0].value
            if "rrule" in event.contents:
                recurring += 1
            rules = event.getrruleset(addRDate=True)  # None for an event without RRULE or RDATE
            for start in rules if rules is not None else [event.dtstart.value]:
                found.append((start.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"), persona, interaction))
    assert len(found) == len(set(found))
    assert set(found) == json_sends(planned)
    # night, monday, first and office, for each persona: series, not hundreds of events
    assert recurring == 8


def test_ics_is_deterministic_with_unique_uids_and_a_fixed_dtstamp(project: Path) -> None:
    planned = plan(project)
    text = output(planned, "ics")
    assert text == output(planned, "ics")
    uids = [line for line in text.replace("\r\n ", "").split("\r\n") if line.startswith("UID:")]
    assert len(uids) == len(set(uids))
    stamps = {line for line in text.split("\r\n") if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20260301T000000Z"}
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_ics_series_cross_the_clock_change_as_rfc_5545_reads_them(project: Path) -> None:
    text = output(plan(project), "ics").replace("\r\n ", "")
    night = next(e for e in text.split("BEGIN:VEVENT") if "UID:night.shopper.series" in e)
    assert "DTSTART;TZID=Europe/Berlin:20260315T023000" in night
    assert "RRULE:FREQ=DAILY;COUNT=236\r\n" in night  # 15 March to 5 November, the 29 March one at 03:30


def test_ics_escapes_map_text(project: Path) -> None:
    text = output(plan(project), "ics").replace("\r\n ", "")
    assert 'SUMMARY:Push: =HYPERLINK("http://x"\\;"sale")\\, sale\\; today' in text
    assert "Message: @SUM(1) -- big sale\\,\\nand a second line" in text  # a line break, as iCalendar writes it


def test_csv_round_trips_through_the_csv_module(project: Path) -> None:
    planned = plan(project)
    rows = list(csv.DictReader(io.StringIO(output(planned, "csv"), newline="")))
    document = json.loads(output(planned, "json"))
    sends: list[dict[str, Any]] = document["maps"][0]["sends"]
    assert len(rows) == len(sends)
    for row, send in zip(rows, sends, strict=True):
        assert row["utc"] == send["utc"] and row["at"] == send["at"]
        assert row["interaction"] == send["interaction"] and row["persona"] == send["persona"]
        assert row["day"] == str(send["day"]) and row["trigger"] == send["trigger"]


def test_csv_defuses_formulas_in_map_text(project: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(output(plan(project), "csv"), newline="")))
    sale = next(r for r in rows if r["interaction"] == "sale-push")
    assert sale["interaction_name"] == '\'=HYPERLINK("http://x";"sale"), sale; today'
    assert sale["message"] == "'@SUM(1) -- big sale,\nand a second line"
    assert all(not value.startswith(("=", "+", "-", "@")) for r in rows for value in r.values())


def test_json_shape(project: Path) -> None:
    document = json.loads(output(plan(project), "json"))
    assert document["version"] == 1
    (journey,) = document["maps"]
    assert journey["timezone"] == "Europe/Berlin" and journey["start"] == "2026-03-01" and journey["days"] == 250
    assert journey["totals"]["sends"] == len(journey["sends"])
    assert sum(journey["totals"]["by_persona"].values()) == len(journey["sends"])
    shopper = journey["personas"][0]
    assert shopper["stages"][0] == {
        "stage": "new",
        "start": "2026-03-01T00:00+01:00",
        "end": "2026-03-15T00:00+01:00",
        "first_day": 0,
        "last_day": 13,
        "basis": "stage",
    }
    assert shopper["never_fires"] == []
    assert shopper["undated"] == []
    visitor = journey["personas"][1]
    assert visitor["undated"] == [
        {"interaction": "basket", "reason": "on-behaviour", "explanation": "on behaviour: 30 minutes after basket"}
    ]
    send = next(s for s in journey["sends"] if s["interaction"] == "monday")
    assert send["trigger"] == "every Monday at 09:00" and send["trigger_raw"] == "schedule cron=0 9 * * 1"
    assert send["at"] == "2026-03-16T09:00+01:00" and send["utc"] == "2026-03-16T08:00Z"


def test_text_output_lists_months_busiest_days_and_silences(project: Path) -> None:
    text = output(plan(project), "text")
    assert "Plan from 2026-03-01 to 2026-11-05 (250 days), times in Europe/Berlin" in text
    assert "Sends per month:" in text and "Busiest days:" in text and "Busiest weeks:" in text
    assert "    welcome: 1 send, the day of install or sign-up at 10:00 (push, in new)" in text
    visitor = text.split("Visitor (visitor)")[1]
    assert "No dates:\n    basket: on behaviour: 30 minutes after basket\n" in visitor


@pytest.mark.parametrize("name", ["text", "json", "csv", "ics"])
def test_an_empty_plan_is_valid_output(project: Path, name: str) -> None:
    text = PLAN_HEAD.format(zone="UTC") + "stages:\n  - {id: only, name: Only}\n"
    planned = plan_of(text, project, datetime.date(2026, 1, 1))
    assert output(planned, name)


def test_ics_of_a_utc_map_uses_utc_times_without_vtimezone(project: Path) -> None:
    text = (
        PLAN_HEAD.format(zone="UTC")
        + """\
stages:
  - {id: only, name: Only}
interactions:
  - {id: weekly, name: Weekly, channel: email, stage: only, trigger: {type: schedule, cron: "0 9 * * 1"}}
"""
    )
    ics = output(plan_of(text, project, datetime.date(2026, 1, 5), days=14), "ics")
    assert "BEGIN:VTIMEZONE" not in ics
    assert "DTSTART:20260105T090000Z\r\n" in ics and "RRULE:FREQ=WEEKLY;COUNT=2;BYDAY=MO\r\n" in ics


@pytest.mark.parametrize("name", ["text", "json", "csv", "ics", "html"])
def test_every_example_and_the_hostile_map_plan_in_every_format(jk: Any, project: Path, name: str) -> None:
    import shutil

    from tests.helpers import EXAMPLES, FIXTURES

    shutil.copytree(EXAMPLES, project / "maps")
    shutil.copy(FIXTURES / "hostile" / "hostile.journey.yaml", project / "maps")
    run = jk("plan", "maps", "--start", "2026-03-01", "--format", name, "--output", f"out.{name}")
    assert run.code == 0, run.stderr
    assert (project / f"out.{name}").stat().st_size > 0
