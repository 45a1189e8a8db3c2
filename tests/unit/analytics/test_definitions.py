"""Every definition of ANALYTICS.md, on small hand-written logs whose answers are worked out here.

Each test runs on both engines (DuckDB, and Spark in local mode with one session for the whole run).
The map (tests/analytics_support.py SHOP) has the stages discovery, research (optional), purchase and
advocacy; the touchpoints ad and store (discovery), compare (research), checkout (purchase) and review
(advocacy); and the personas hunter and loyal.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest

from journeykit.analytics.settings import parse_moment, parse_window
from tests.analytics_support import analyse, at, engine, figures, reached, seconds, spark_session

__all__ = ["engine", "spark_session"]  # fixtures


def test_ties_at_one_instant_follow_the_journey_order(tmp_path: Path, engine: str) -> None:
    # a: three stages at one instant, written in journey order; b: purchase written before discovery at one
    # instant. Ordered by (time, stage), both enter first and reach purchase at t0; no backtrack.
    rows = [
        ("a", at(0), "ad_view", ""),
        ("a", at(0), "compare_view", ""),
        ("a", at(0), "checkout_done", ""),
        ("b", at(0), "checkout_done", ""),
        ("b", at(0), "ad_view", ""),
    ]
    document = analyse(tmp_path, engine, rows)
    everyone = figures(document)
    assert reached(document) == {"discovery": 2, "research": 1, "purchase": 2, "advocacy": 0}
    assert everyone["stages"]["research"]["skipped"] == 1
    assert everyone["stages"]["purchase"]["time_to_stage"] == {"median": 0, "p75": 0, "p95": 0}
    assert everyone["backtracks"] == []


def test_later_stage_events_before_entry_do_not_count(tmp_path: Path, engine: str) -> None:
    # a buys on day 0 and sees the ad on day 1: a enters on day 1, and the purchase came before entry.
    rows = [("a", at(0), "checkout_done", ""), ("a", at(1), "ad_view", "")]
    document = analyse(tmp_path, engine, rows)
    assert reached(document) == {"discovery": 1, "research": 0, "purchase": 0, "advocacy": 0}
    assert figures(document)["touchpoints"]["checkout"] == 0
    assert figures(document)["backtracks"] == []
    assert document["maps"][0]["entered_later"] == {"research": 0, "purchase": 0, "advocacy": 0}


def test_events_after_the_window_do_not_count(tmp_path: Path, engine: str) -> None:
    # Window 2d. a buys on day 3 (too late); b buys exactly at t0 + 2d (the window is closed at both ends).
    # z's event on day 10 sets as_of, so that both are mature.
    rows = [
        ("a", at(0), "ad_view", ""),
        ("a", at(3), "checkout_done", ""),
        ("b", at(0), "ad_view", ""),
        ("b", at(2), "checkout_done", ""),
        ("z", at(10), "app_open", ""),
    ]
    document = analyse(tmp_path, engine, rows, window_seconds=parse_window("2d"))
    assert reached(document)["purchase"] == 1
    assert figures(document)["touchpoints"] == {"ad": 2, "store": 0, "compare": 0, "checkout": 1, "review": 0}
    assert document["settings"]["window_seconds"] == 172800


def test_entrants_whose_window_has_not_passed_are_in_progress(tmp_path: Path, engine: str) -> None:
    # Window 30d, as_of = the latest timestamp (day 40). a entered on day 0 (mature); b on day 20
    # (20 + 30 > 40: in progress, and left out of every other figure, its purchase too).
    rows = [
        ("a", at(0), "ad_view", "hunter"),
        ("b", at(20), "ad_view", "hunter"),
        ("b", at(21), "checkout_done", ""),
        ("c", at(40), "app_open", ""),
    ]
    document = analyse(tmp_path, engine, rows, late_as_of=False)
    hunter = figures(document, "hunter")
    assert (hunter["entered"], hunter["in_progress"]) == (1, 1)
    assert reached(document, "hunter") == {"discovery": 1, "research": 0, "purchase": 0, "advocacy": 0}
    assert figures(document)["touchpoints"]["checkout"] == 0
    assert document["settings"]["as_of"] == "2026-02-10T00:00:00Z"


def test_persona_comes_from_the_entry_row(tmp_path: Path, engine: str) -> None:
    # a: hunter. b: a value that is no persona of the map. c: blank. d: blank on the entry row and loyal
    # on a later row (still unassigned). e: two entry rows at one instant, blank and loyal: loyal.
    rows = [
        ("a", at(0), "ad_view", "hunter"),
        ("b", at(0), "ad_view", "vip"),
        ("c", at(0), "ad_view", "  "),
        ("d", at(0), "ad_view", ""),
        ("d", at(1), "store_visit", "loyal"),
        ("e", at(0), "ad_view", ""),
        ("e", at(0), "store_visit", "loyal"),
    ]
    document = analyse(tmp_path, engine, rows)
    entered = {group: f["entered"] for group, f in document["maps"][0]["personas"].items()}
    assert entered == {"hunter": 1, "loyal": 1, "unassigned": 3, "all": 5}
    assert list(document["maps"][0]["personas"]) == ["hunter", "loyal", "unassigned", "all"]


def test_persona_table_maps_values_to_persona_ids(tmp_path: Path, engine: str) -> None:
    # "Bargain hunters" → hunter by the table; "loyal" is a persona id already; "Other" is neither.
    rows = [
        ("a", at(0), "ad_view", "Bargain hunters"),
        ("b", at(0), "ad_view", "loyal"),
        ("c", at(0), "ad_view", "Other"),
    ]
    document = analyse(tmp_path, engine, rows, personas={"Bargain hunters": "hunter"})
    entered = {group: f["entered"] for group, f in document["maps"][0]["personas"].items()}
    assert entered == {"hunter": 1, "loyal": 1, "unassigned": 1, "all": 3}


def test_without_a_persona_column_everyone_is_unassigned(tmp_path: Path, engine: str) -> None:
    rows = [("a", at(0), "ad_view"), ("b", at(0), "store_visit")]
    document = analyse(tmp_path, engine, rows, header=("user_id", "timestamp", "event"))
    assert figures(document, "unassigned")["entered"] == 2
    assert figures(document, "hunter")["entered"] == 0
    assert document["settings"]["columns"]["persona"] is None


def test_optional_stage_is_skipped_and_a_missed_required_stage_ends_the_journey(tmp_path: Path, engine: str) -> None:
    # a: ad → compare → checkout. b: ad → checkout (skips research). c: ad only.
    # d: ad → review without checkout: purchase is not optional, so d reaches no later stage.
    rows = [
        ("a", at(0), "ad_view", ""),
        ("a", at(1), "compare_view", ""),
        ("a", at(2), "checkout_done", ""),
        ("b", at(0), "ad_view", ""),
        ("b", at(1), "checkout_done", ""),
        ("c", at(0), "ad_view", ""),
        ("d", at(0), "ad_view", ""),
        ("d", at(1), "review_posted", ""),
    ]
    document = analyse(tmp_path, engine, rows)
    stages = figures(document)["stages"]
    assert reached(document) == {"discovery": 4, "research": 1, "purchase": 2, "advocacy": 0}
    assert stages["research"]["skipped"] == 1  # b reached purchase without research
    assert stages["purchase"]["skipped"] is None  # not optional
    assert stages["research"]["step"] == 1 / 4
    # The nearest earlier stage that is not optional is discovery: step = 2 / 4, like conversion.
    assert stages["purchase"]["step"] == 2 / 4
    assert stages["purchase"]["conversion"] == 2 / 4
    assert stages["advocacy"]["step"] == 0.0
    assert stages["advocacy"]["time_to_stage"] is None
    assert stages["discovery"]["step"] is None
    assert figures(document)["touchpoints"]["review"] == 1  # d met the touchpoint, outside the funnel


def test_backtracks_collapse_runs_and_count_steps_and_actors(tmp_path: Path, engine: str) -> None:
    # a: stages 0 1 2 1 1 2 0 → runs collapsed 0 1 2 1 2 0 → back 2→1 once, 2→0 once.
    # b: 0 2 1 → 2→1 once.
    rows = [
        ("a", at(0), "ad_view", "hunter"),
        ("a", at(1), "compare_view", ""),
        ("a", at(2), "checkout_done", ""),
        ("a", at(3), "compare_view", ""),
        ("a", at(3, 12), "compare_view", ""),
        ("a", at(4), "checkout_done", ""),
        ("a", at(5), "store_visit", ""),
        ("b", at(0), "ad_view", "loyal"),
        ("b", at(1), "checkout_done", ""),
        ("b", at(2), "compare_view", ""),
    ]
    document = analyse(tmp_path, engine, rows)
    assert figures(document)["backtracks"] == [
        {"from": "purchase", "to": "research", "steps": 2, "actors": 2},
        {"from": "purchase", "to": "discovery", "steps": 1, "actors": 1},
    ]
    assert figures(document, "loyal")["backtracks"] == [{"from": "purchase", "to": "research", "steps": 1, "actors": 1}]


def test_actors_who_start_mid_journey_are_counted_apart(tmp_path: Path, engine: str) -> None:
    # a starts at research, b at purchase: not in the funnel. c starts at research, then sees the ad:
    # c enters at the ad (the research before entry does not count).
    rows = [
        ("a", at(0), "compare_view", ""),
        ("a", at(1), "checkout_done", ""),
        ("b", at(0), "checkout_done", ""),
        ("c", at(0), "compare_view", ""),
        ("c", at(1), "ad_view", ""),
    ]
    document = analyse(tmp_path, engine, rows)
    assert document["maps"][0]["entered_later"] == {"research": 1, "purchase": 1, "advocacy": 0}
    assert figures(document)["entered"] == 1
    assert reached(document)["research"] == 0


def test_from_and_to_bound_the_entries(tmp_path: Path, engine: str) -> None:
    # Entries in [day 10, day 20). a: ads on day 5 and day 15 → enters on day 15. b: ad on day 25 only →
    # out of range, not counted at all. c: starts at research on day 12 → entered later. d: ad on day 5
    # (before the range), research on day 12 → its journey started before the range: not counted.
    rows = [
        ("a", at(5), "ad_view", ""),
        ("a", at(15), "ad_view", ""),
        ("a", at(16), "checkout_done", ""),
        ("b", at(25), "ad_view", ""),
        ("c", at(12), "compare_view", ""),
        ("d", at(5), "ad_view", ""),
        ("d", at(12), "compare_view", ""),
        ("z", at(60), "app_open", ""),
    ]
    document = analyse(
        tmp_path, engine, rows, start=parse_moment("2026-01-11", "--from"), end=parse_moment("2026-01-21", "--to")
    )
    assert figures(document)["entered"] == 1
    assert figures(document)["stages"]["purchase"]["time_to_stage"]["median"] == seconds(1)
    assert document["maps"][0]["entered_later"]["research"] == 1
    assert (document["settings"]["from"], document["settings"]["to"]) == (
        "2026-01-11T00:00:00Z",
        "2026-01-21T00:00:00Z",
    )


def test_as_of_reads_the_log_as_it_stood(tmp_path: Path, engine: str) -> None:
    # as_of = day 10, window 5d. a enters on day 0 (mature) and buys on day 3. b enters on day 8 (in progress).
    # c enters on day 12, after as_of: not counted. The unmapped event on day 15 is after as_of too.
    rows = [
        ("a", at(0), "ad_view", ""),
        ("a", at(3), "checkout_done", ""),
        ("b", at(8), "ad_view", ""),
        ("c", at(12), "ad_view", ""),
        ("z", at(9), "app_open", ""),
        ("z", at(15), "app_open", ""),
        ("z", at(15), "push_open", ""),
    ]
    document = analyse(
        tmp_path, engine, rows, as_of=parse_moment("2026-01-11", "--as-of"), window_seconds=parse_window("5d")
    )
    everyone = figures(document)
    assert (everyone["entered"], everyone["in_progress"]) == (1, 1)
    assert reached(document)["purchase"] == 1
    assert document["maps"][0]["unmapped"] == [{"event": "app_open", "rows": 1}]
    assert document["settings"]["as_of"] == "2026-01-11T00:00:00Z"


def test_time_to_stage_interpolates_between_closest_ranks(tmp_path: Path, engine: str) -> None:
    # Five actors buy 1, 2, 3, 4 and 10 hours after entry; a sixth never buys.
    hours = [1, 2, 3, 4, 10]
    rows = [(f"a{i}", at(0), "ad_view", "") for i in range(6)]
    rows += [(f"a{i}", at(0, h), "checkout_done", "") for i, h in enumerate(hours)]
    document = analyse(tmp_path, engine, rows)
    time = figures(document)["stages"]["purchase"]["time_to_stage"]
    expected = [float(numpy.percentile([h * 3600 for h in hours], q)) for q in (50, 75, 95)]
    assert [time["median"], time["p75"], time["p95"]] == pytest.approx(expected, rel=0, abs=1e-9)
    assert time == {"median": 10800, "p75": 14400, "p95": 31680}  # 3 h; 4 h; 4 h + 0.8 x 6 h


def test_every_stage_and_touchpoint_appears_and_the_event_lists(tmp_path: Path, engine: str) -> None:
    rows = [
        ("a", at(0), "ad_view", ""),
        ("a", at(0), "screen_view", ""),
        ("b", at(0), "screen_view", ""),
        ("b", at(0), "push_open", ""),
        ("c", at(0), "app_open", ""),
        ("c", at(1), "app_open", ""),
        ("c", at(1), "feed_view", ""),  # names that start with f or v keep them (an Ibis strip() would not)
        ("c", at(1), " video ", ""),
    ]
    document = analyse(tmp_path, engine, rows)
    figures_of_map = document["maps"][0]
    assert figures_of_map["never_seen"] == [
        "store_visit",
        "compare_view",
        "checkout_done",
        "review_posted",
        "review_edited",
    ]
    # Most rows first, ties by name.
    assert figures_of_map["unmapped"] == [
        {"event": "app_open", "rows": 2},
        {"event": "screen_view", "rows": 2},
        {"event": "feed_view", "rows": 1},
        {"event": "push_open", "rows": 1},
        {"event": "video", "rows": 1},
    ]
    loyal = figures(document, "loyal")
    assert list(loyal["stages"]) == ["discovery", "research", "purchase", "advocacy"]
    assert loyal["touchpoints"] == {"ad": 0, "store": 0, "compare": 0, "checkout": 0, "review": 0}
    assert loyal["stages"]["discovery"] == {
        "reached": 0,
        "conversion": None,
        "step": None,
        "skipped": None,
        "time_to_stage": None,
    }
