"""The analytics result as the plan's measured data: median time to stage and behaviour rates per persona.

The map is the shop of tests/helpers.py (discovery, research optional, purchase, advocacy) with two
behaviour-triggered messages. The window is one week, so a rate is rows per entrant.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.analytics.measured import measured_of
from journeykit.analytics.settings import parse_window
from journeykit.plan.measured import MeasuredPersona
from tests.helpers import SHOP, analytics_result, at

SHOP_WITH_MESSAGES = (
    SHOP
    + """channels:
  - {id: push, name: Push, mode: digital}
interactions:
  - id: basket-reminder
    name: Basket reminder
    channel: push
    stage: purchase
    trigger: {type: behavior, event: basket_abandoned, within: 2h}
  - id: price-drop
    name: Price drop
    channel: push
    stage: research
    trigger: {type: behavior, event: wishlist_price_dropped}
"""
)
WEEK = parse_window("1w")


def test_medians_and_rates_per_persona(tmp_path: Path, engine: str) -> None:
    # Hunters a and b enter on day 0; a buys 2 h later, b 4 h later: the median is 3 h. a abandons a basket
    # three times in the week (and once on day 8, after the window): 3 rows / 2 hunters / 1 week = 1.5.
    # Loyal c enters and never abandons one, though the log has the event: 0. Nobody's price ever dropped:
    # the event is left out (it may not be tracked). d (unassigned) abandons baskets too, for nobody's rate.
    rows = [
        ("a", at(0), "ad_view", "hunter"),
        ("a", at(0, 2), "checkout_done", ""),
        ("a", at(1), "basket_abandoned", ""),
        ("a", at(2), "basket_abandoned", ""),
        ("a", at(6), "basket_abandoned", ""),
        ("a", at(8), "basket_abandoned", ""),
        ("b", at(0), "store_visit", "hunter"),
        ("b", at(0, 4), "checkout_done", ""),
        ("c", at(0), "ad_view", "loyal"),
        ("d", at(0), "ad_view", ""),
        ("d", at(1), "basket_abandoned", ""),
        ("d", at(2), "basket_abandoned", ""),
    ]
    result = analytics_result(tmp_path, engine, rows, map_text=SHOP_WITH_MESSAGES, behaviours=True, window_seconds=WEEK)
    measured = measured_of(result.maps[0], result.settings)
    assert measured.personas == {
        # Research is optional and no hunter reached it: it takes no time, ending when purchase starts.
        "hunter": MeasuredPersona(
            seconds_to_stage={"research": 3 * 3600.0, "purchase": 3 * 3600.0}, events_per_week={"basket_abandoned": 1.5}
        ),
        "loyal": MeasuredPersona(seconds_to_stage={}, events_per_week={"basket_abandoned": 0.0}),
    }
    assert measured.source is not None and measured.source.endswith("events.csv")
    assert measured.validate() == []


def test_without_a_persona_column_every_persona_gets_everyones_figures(tmp_path: Path) -> None:
    rows = [
        ("a", at(0), "ad_view"),
        ("a", at(0, 6), "checkout_done"),
        ("a", at(3), "basket_abandoned"),
        ("b", at(0), "ad_view"),
    ]
    result = analytics_result(
        tmp_path,
        "duckdb",
        rows,
        map_text=SHOP_WITH_MESSAGES,
        header=("user_id", "timestamp", "event"),
        behaviours=True,
        window_seconds=2 * WEEK,
    )
    measured = measured_of(result.maps[0], result.settings)
    everyone = MeasuredPersona(
        seconds_to_stage={"research": 6 * 3600.0, "purchase": 6 * 3600.0}, events_per_week={"basket_abandoned": 0.25}
    )
    assert measured.personas == {"hunter": everyone, "loyal": everyone}


def test_behaviour_rows_are_counted_only_when_asked_for(tmp_path: Path) -> None:
    rows = [("a", at(0), "ad_view", "hunter"), ("a", at(1), "basket_abandoned", "")]
    plain = analytics_result(tmp_path, "duckdb", rows, map_text=SHOP_WITH_MESSAGES)
    assert plain.maps[0].everyone.behaviours == {}
    counted = analytics_result(tmp_path, "duckdb", rows, map_text=SHOP_WITH_MESSAGES, behaviours=True)
    assert counted.maps[0].everyone.behaviours == {"basket_abandoned": 1, "wishlist_price_dropped": 0}
    assert measured_of(counted.maps[0], counted.settings).personas["hunter"].events_per_week == pytest.approx(
        {"basket_abandoned": 1 / (30 / 7)}
    )
