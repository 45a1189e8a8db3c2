"""`--events` on lint, render and plan, through the real entry point: the log laid over the maps once per run.

The shop map of tests/helpers.py (discovery, research optional, purchase, advocacy) with a purchase
conversion target, a happy purchase experience for hunters, and a behaviour-triggered message; the log has
ten hunters, of whom three buy and each abandons three baskets, and a late row so that everyone is mature.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.analytics import runner
from tests.helpers import EXAMPLES, SHOP, CliRun, at, write, write_log

Jk = Callable[..., CliRun]
MAP = (
    SHOP.replace(
        "  - id: purchase\n    name: Purchase\n", "  - id: purchase\n    name: Purchase\n    conversion_target: 0.5\n"
    )
    + """channels:
  - {id: push, name: Push, mode: digital}
experiences:
  - persona: hunter
    stage: purchase
    emotion: 2
    tasks: [Pay]
    touchpoints: [checkout]
interactions:
  - id: basket-reminder
    name: Basket reminder
    channel: push
    stage: purchase
    trigger: {type: behavior, event: basket_abandoned, within: 2h}
"""
)
HUNTERS = [(f"h{n}", at(0, n), "ad_view", "hunter") for n in range(10)]
BUYERS = [(f"h{n}", at(1, n), "checkout_done", "") for n in (0, 1, 2)]
BASKETS = [(f"h{n}", at(day), "basket_abandoned", "") for n in range(10) for day in (2, 4, 6)]
ROWS = [*HUNTERS, *BUYERS, *BASKETS, ("late", at(60), "app_open", "")]


@pytest.fixture
def shop(project: Path) -> Path:
    write(project, {"shop.journey.yaml": MAP})
    write_log(project / "events.csv", ROWS)
    return project


def findings(run: CliRun) -> dict[str, list[dict[str, object]]]:
    by_code: dict[str, list[dict[str, object]]] = {}
    for diagnostic in json.loads(run.stdout)["diagnostics"]:
        by_code.setdefault(str(diagnostic["code"]), []).append(diagnostic)
    return by_code


def test_lint_with_events_compares_the_map_with_the_log(jk: Jk, shop: Path) -> None:
    run = jk("lint", "shop.journey.yaml", "--events", "events.csv", "-f", "json", "--exit-zero")
    assert run.code == 0, run.stderr
    found = findings(run)
    [target] = found["JK704"]
    assert target["message"] == (
        "'purchase' converts 30.0% of the step from 'discovery' (3 of 10), below its target of 50.0%"
    )
    [feeling] = found["JK705"]
    assert "feels +2 (very positive) in 'purchase', yet 70% drop out before it" in str(feeling["message"])
    assert {f["message"] for f in found["JK701"]} >= {
        "touchpoint 'review' lists the event 'review_edited', which the event log never has"
    }
    assert "JK703" in found  # basket_abandoned and app_open are among the log's most frequent, and unlisted


def test_without_events_the_analytics_rules_are_off(jk: Jk, shop: Path) -> None:
    run = jk("lint", "shop.journey.yaml", "-f", "json", "--exit-zero")
    assert run.code == 0, run.stderr
    assert not [code for code in findings(run) if code.startswith("JK7")]


def test_the_log_is_read_once_for_every_map(jk: Jk, shop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (shop / "other.journey.yaml").write_text(MAP.replace("id: shop\n", "id: other\n"), encoding="utf-8")
    calls: list[int] = []
    real = runner.run_analytics

    def counted(journeys: object, *args: object, **kwargs: object) -> object:
        calls.append(len(journeys))  # type: ignore[arg-type]
        return real(journeys, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "run_analytics", counted)
    run = jk("lint", ".", "--events", "events.csv", "-f", "json", "--exit-zero")
    assert run.code == 0, run.stderr
    assert calls == [2]
    assert {f["file"] for f in findings(run)["JK704"]} == {"shop.journey.yaml", "other.journey.yaml"}


def test_rule_options_and_the_log_options(jk: Jk, shop: Path) -> None:
    (shop / "journeykit.toml").write_text(
        '[rules.JK705]\nmin-step = 0.25\n[rules.JK703]\nignore-events = "app_open, basket_abandoned"\n'
        '[analytics]\nwindow = "1h"\n',
        encoding="utf-8",
    )
    run = jk("lint", "shop.journey.yaml", "--events", "events.csv", "-f", "json", "--exit-zero")
    found = findings(run)
    assert "JK705" in found and "JK703" not in found
    # A one-hour window (from the configuration): nobody buys within it.
    assert "converts 0.0%" in str(found["JK704"][0]["message"])
    shorter = jk("lint", "shop.journey.yaml", "--events", "events.csv", "--window", "2d", "-f", "json", "--exit-zero")
    assert "converts 30.0%" in str(findings(shorter)["JK704"][0]["message"])


def test_lint_as_of_with_events_reads_the_log_as_it_stood(jk: Jk, shop: Path) -> None:
    # Read as of day 20 (an ISO timestamp), the entrants of day 0 have not had their 30 days: no step to judge.
    run = jk("lint", "shop.journey.yaml", "--events", "events.csv", "--as-of", at(20), "-f", "json", "--exit-zero")
    assert run.code == 0, run.stderr
    assert "JK704" not in findings(run)
    assert jk("lint", "shop.journey.yaml", "--as-of", at(20)).code == 2  # without a log, a date only


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--window", "2d"], "--window is an option of the event log: give the log with --events PATH"),
        (["--from", "2026-01-01"], "--from is an option of the event log"),
        (["--events", "nothere.csv"], "nothere.csv: no such file"),
        (["--events", "events.csv", "--engine", "oracle"], "--engine must be one of duckdb, spark"),
    ],
)
def test_bad_log_options_exit_2(jk: Jk, shop: Path, options: list[str], message: str) -> None:
    for command in (["lint", "shop.journey.yaml"], ["plan", "shop.journey.yaml"]):
        run = jk(*command, *options)
        assert run.code == 2, (command, run.stderr)
        assert message in run.stderr and "Traceback" not in run.stderr


def test_an_unusable_log_is_exit_2_for_lint_and_render(jk: Jk, shop: Path) -> None:
    (shop / "bad.csv").write_text("user_id,timestamp,event\na,yesterday,ad_view\n", encoding="utf-8")
    for command in (["lint", "shop.journey.yaml"], ["render", "shop.journey.yaml", "-o", "out", "-f", "dot"]):
        run = jk(*command, "--events", "bad.csv")
        assert run.code == 2
        assert "bad.csv: row 1 (line 2): column 'timestamp' has 'yesterday'" in run.stderr
    assert not (shop / "out").exists()


def test_plan_with_events_uses_the_measured_medians_and_rates(jk: Jk, shop: Path) -> None:
    run = jk("plan", "shop.journey.yaml", "--start", "2026-11-02", "--events", "events.csv", "-f", "json")
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    plan = document["maps"][0] if "maps" in document else document[0]
    assert plan["measured"].endswith("events.csv")
    hunter = next(p for p in plan["personas"] if p["id"] == "hunter")
    assert hunter["measured"] is True
    # The three buyers bought a day after entry; research, which no hunter reached, takes no time.
    stages = {s["stage"]: s for s in hunter["stages"]}
    assert stages["purchase"]["start"].startswith("2026-11-03T00:00")
    assert stages["discovery"]["basis"] == "measured"
    # 30 baskets abandoned by ten hunters in 30 days, 0.7 a week: sends with dates, no longer "on behaviour".
    assert plan["totals"]["by_interaction"] == {"basket-reminder": hunter["sends"]} and hunter["sends"] > 0
    loyal = next(p for p in plan["personas"] if p["id"] == "loyal")
    assert loyal["measured"] is False and [u["interaction"] for u in loyal["undated"]] == ["basket-reminder"]
    without = json.loads(jk("plan", "shop.journey.yaml", "--start", "2026-11-02", "-f", "json").stdout)
    plain = without["maps"][0] if "maps" in without else without[0]
    assert plain["measured"] is None and plain["totals"]["sends"] == 0


def test_render_with_events_overlays_the_report_and_the_diagram(jk: Jk, shop: Path) -> None:
    run = jk("render", "shop.journey.yaml", "-o", "out", "-f", "html,dot", "--events", "events.csv")
    assert run.code == 0, run.stderr
    page = (shop / "out" / "shop.html").read_text(encoding="utf-8")
    assert '<section class="measured" id="measured"' in page
    assert re.search(r'<svg class="funnel-chart"[^>]*role="img"', page)
    assert "3 reached · 30.0% of entrants · step 30.0%</text>" in page
    assert "0 reached · 0.0% of entrants · step 0.0% · largest drop: 100.0% lost</text>" in page  # advocacy
    assert "met by 3 of 10" in page  # the checkout, on the hunter's chip
    assert "→ 30.0% · median 1.0 d" in page  # the grid's measured row, into purchase
    assert "<script" not in page
    assert "JK704" in page  # the findings table has the analytics rules too
    dot = (shop / "out" / "shop.dot").read_text(encoding="utf-8")
    assert "numbers on the arrows" in dot


def test_render_without_events_is_unchanged(jk: Jk, shop: Path) -> None:
    run = jk("render", "shop.journey.yaml", "-o", "out", "-f", "html,dot")
    assert run.code == 0, run.stderr
    page = (shop / "out" / "shop.html").read_text(encoding="utf-8")
    assert "measured" not in page and "funnel" not in page and "met by" not in page
    assert "numbers on the arrows" not in (shop / "out" / "shop.dot").read_text(encoding="utf-8")


def test_diagram_edges_carry_the_measured_steps(jk: Jk, project: Path) -> None:
    flow = SHOP.replace("    events: [ad_view]\n", "    events: [ad_view]\n    next: [checkout]\n")
    write(project, {"shop.journey.yaml": flow})
    rows = [(f"u{n}", at(0, n), "ad_view", "") for n in range(4)]
    rows += [(f"u{n}", at(1, n), "checkout_done", "") for n in range(3)]
    write_log(project / "events.csv", [*rows, ("late", at(60), "app_open", "")])
    assert jk("render", "shop.journey.yaml", "-o", "out", "-f", "dot", "--events", "events.csv").code == 0
    dot = (project / "out" / "shop.dot").read_text(encoding="utf-8")
    edge = next(line for line in dot.splitlines() if "tp_0 -> tp_3" in line)
    assert 'label=<<FONT POINT-SIZE="9">3</FONT>>' in edge and "penwidth=6.00" in edge


def test_analytics_html_is_one_self_contained_page(jk: Jk, shop: Path) -> None:
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv", "-f", "html", "-o", "funnel.html")
    assert run.code == 0, run.stderr
    page = (shop / "funnel.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "<script" not in page
    assert page.count('class="funnel-chart"') == 3  # hunter, loyal, everyone (no unassigned entrant)


def test_the_retail_example_with_its_log(jk: Jk) -> None:
    retail = EXAMPLES / "consumer" / "retail"
    run = jk(
        "lint",
        str(retail / "retail-app-first-year.journey.yaml"),
        "--events",
        str(retail / "events" / "retail-app-events.csv.gz"),
        "-f",
        "json",
        "--exit-zero",
    )
    assert run.code == 0, run.stderr
    found = findings(run)
    assert "JK701" in found and "JK703" in found
