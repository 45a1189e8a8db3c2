"""`journeykit plan` through its entry point: outputs, options, maps with errors, bad input."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, PLAN_HEAD, CliRun, write

Jk = Callable[..., CliRun]
RETAIL = "examples/consumer/retail/retail-app-first-year.journey.yaml"
START = ("--start", "2026-11-02")
GOOD = (
    PLAN_HEAD.format(zone="Europe/Berlin")
    + """\
stages:
  - {id: active, name: Active}
interactions:
  - {id: monday, name: Monday, channel: email, stage: active, trigger: {type: schedule, cron: "0 9 * * 1"}}
"""
)


def copy_examples(project: Path) -> None:
    shutil.copytree(EXAMPLES, project / "examples")


def test_text_plan_of_the_retail_example(jk: Jk, project: Path) -> None:
    copy_examples(project)
    run = jk("plan", RETAIL, *START)
    assert run.code == 0, run.stderr
    assert "Plan from 2026-11-02 to 2027-11-01 (365 days), times in Europe/London" in run.stdout
    assert "weekly-member-offers: 36 sends, every Monday at 09:00 (email, in advocacy)" in run.stdout
    assert "black-friday-push: on day 25 (2026-11-27) 'deal-hunter' is in 'transaction'" in run.stdout
    assert run.stderr == ""


def test_json_to_a_file_for_one_persona(jk: Jk, project: Path) -> None:
    copy_examples(project)
    run = jk("plan", RETAIL, *START, "--persona", "busy-parent", "--format", "json", "--output", "out/plan.json")
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    document = json.loads((project / "out" / "plan.json").read_text(encoding="utf-8"))
    (journey,) = document["maps"]
    assert [p["id"] for p in journey["personas"]] == ["busy-parent"]
    assert {s["persona"] for s in journey["sends"]} == {"busy-parent"}
    assert not list((project / "out").glob(".*.tmp"))


def test_ics_and_csv_outputs(jk: Jk, project: Path) -> None:
    copy_examples(project)
    ics = jk("plan", RETAIL, *START, "-f", "ics", "-p", "deal-hunter")
    assert ics.code == 0 and ics.stdout.count("BEGIN:VCALENDAR") == 1
    assert "X-WR-CALNAME:Larkfield app — the first year — Deal hunter" in ics.stdout
    csv = jk("plan", RETAIL, *START, "-f", "csv")
    assert csv.code == 0 and csv.stdout.startswith("map,persona,at,utc,")


def test_maps_with_errors_are_reported_and_skipped(jk: Jk, project: Path) -> None:
    bad = GOOD.replace("id: app", "id: bad").replace('cron: "0 9 * * 1"', 'cron: "0 25 * * 1"')
    write(project, {"good.journey.yaml": GOOD, "bad.journey.yaml": bad})
    run = jk("plan", ".", "--start", "2026-03-02", "--days", "7", "-f", "json")
    assert run.code == 1
    assert "bad.journey.yaml:17:" in run.stderr and "error[JK604]" in run.stderr
    assert "planned 1 map; 1 file with errors not planned" in run.stderr
    assert [m["id"] for m in json.loads(run.stdout)["maps"]] == ["app"]


@pytest.mark.parametrize(
    ("replace", "code", "where"),
    [
        (("timezone: Europe/Berlin", "timezone: Europe/Berln"), "JK207", "5:11"),
        (('cron: "0 9 * * 1"', 'cron: "0 9 * * 8"'), "JK604", "17:"),
        (
            ("stages:", "calendar:\n  - {id: sale, name: Sale, date: 2026-13-01}\nstages:"),
            "JK107",
            "15:34",
        ),
    ],
)
def test_bad_input_is_a_coded_finding_at_its_line(
    jk: Jk, project: Path, replace: tuple[str, str], code: str, where: str
) -> None:
    write(project, {"app.journey.yaml": GOOD.replace(*replace)})
    run = jk("plan", "app.journey.yaml", "--start", "2026-03-02")
    assert run.code == 1
    assert f"app.journey.yaml:{where}" in run.stderr and f"error[{code}]" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_typo_in_a_calendar_id_names_the_closest(jk: Jk, project: Path) -> None:
    text = (
        GOOD.replace("stages:", "calendar:\n  - {id: black-friday, name: Black Friday, date: 2026-11-27}\nstages:")
        + "  - {id: bf, name: BF, channel: push, stage: active, trigger: {type: event, name: black-fridy}}\n"
    )
    write(project, {"app.journey.yaml": text})
    run = jk("plan", "app.journey.yaml", "--start", "2026-03-02")
    assert run.code == 1
    assert "app.journey.yaml:20:83: error[JK201] interactions[1].trigger.name: unknown calendar event" in run.stderr
    assert "did you mean `black-friday`?" in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--start", "2026-02-30"), "--start takes a date written YYYY-MM-DD, not '2026-02-30'"),
        (("--days", "0"), "--days must be from 1 to 3660, not 0"),
        (("--days", "40000"), "--days must be from 1 to 3660, not 40000"),
        (("--persona", "nobody"), "no map has persona 'nobody'"),
        (("--start", "9999-12-01"), "--start must be from 1900-01-01 to 8999-12-31, not 9999-12-01"),
    ],
)
def test_unusable_options_exit_2(jk: Jk, project: Path, args: tuple[str, ...], message: str) -> None:
    write(project, {"app.journey.yaml": GOOD})
    run = jk("plan", "app.journey.yaml", *args)
    assert run.code == 2
    assert run.stderr.strip() == f"journeykit: error: {message}"


def test_unknown_format_is_refused(jk: Jk, project: Path) -> None:
    write(project, {"app.journey.yaml": GOOD})
    assert jk("plan", "app.journey.yaml", "-f", "xml").code == 2


def test_standard_input(jk: Jk, project: Path) -> None:
    run = jk("plan", "-", "--start", "2026-03-02", "--days", "7", stdin=GOOD.encode())
    assert run.code == 0, run.stderr
    assert "monday: 1 send, every Monday at 09:00 (email, in active)" in run.stdout


def test_start_defaults_to_today(jk: Jk, project: Path) -> None:
    import datetime

    write(project, {"app.journey.yaml": GOOD})
    run = jk("plan", "app.journey.yaml", "-f", "json", "--days", "3")
    assert json.loads(run.stdout)["maps"][0]["start"] == datetime.date.today().isoformat()
