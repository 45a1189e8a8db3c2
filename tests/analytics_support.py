"""Helpers for the analytics tests: one Spark session for the whole run, and a run on a small log."""

from __future__ import annotations

import csv
import datetime
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from journeykit.analysis import analyze
from journeykit.analytics.document import to_document
from journeykit.analytics.runner import run_analytics
from journeykit.analytics.settings import AnalyticsChoices, resolve
from journeykit.analytics.timestamps import parse_instant
from journeykit.config import Settings

ENGINES = ("duckdb", "spark")
START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

SHOP = """journeykit: 1
kind: journey
id: shop
title: Shop
personas:
  - id: hunter
    name: Hunter
  - id: loyal
    name: Loyal
stages:
  - id: discovery
    name: Discovery
  - id: research
    name: Research
    optional: true
  - id: purchase
    name: Purchase
  - id: advocacy
    name: Advocacy
touchpoints:
  - id: ad
    name: Ad
    stage: discovery
    events: [ad_view]
  - id: store
    name: Store
    stage: discovery
    events: [store_visit]
  - id: compare
    name: Compare
    stage: research
    events: [compare_view]
  - id: checkout
    name: Checkout
    stage: purchase
    events: [checkout_done]
  - id: review
    name: Review
    stage: advocacy
    events: [review_posted, review_edited]
"""


def at(days: float = 0, hours: float = 0) -> str:
    """An ISO timestamp so many days and hours after 2026-01-01T00:00:00Z."""
    moment = START + datetime.timedelta(days=days, hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def seconds(days: float = 0, hours: float = 0) -> float:
    return days * 86400 + hours * 3600


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One local Spark session for every test that runs the Spark engine (start-up costs seconds)."""
    from journeykit.analytics.engine_spark import quiet_python_loggers, start_session

    quiet_python_loggers()
    session, owned = start_session("local[2]")
    session.conf.set("spark.sql.shuffle.partitions", "1")  # tiny logs: one partition per shuffle is fastest
    yield session
    if owned:
        session.stop()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each definition test runs on DuckDB and on Spark."""
    if request.param == "spark":
        request.getfixturevalue("spark_session")
    return str(request.param)


def write_log(
    path: Path, rows: Sequence[Sequence[str]], header: Sequence[str] = ("user_id", "timestamp", "event", "persona")
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def analyse(
    directory: Path,
    engine: str,
    rows: Sequence[Sequence[str]],
    *,
    map_text: str = SHOP,
    header: Sequence[str] = ("user_id", "timestamp", "event", "persona"),
    late_as_of: bool = True,
    **choices: Any,
) -> dict[str, Any]:
    """The JSON document of a run over `rows` (written as CSV) on `engine`.

    Unless `late_as_of` is false or the test sets as_of, as_of is day 100, so that every entrant is mature.
    """
    if late_as_of and "as_of" not in choices:
        choices["as_of"] = parse_instant(at(100))
    (directory / "shop.journey.yaml").write_text(map_text, encoding="utf-8")
    log = write_log(directory / "events.csv", rows, header)
    analysis = analyze([str(directory / "shop.journey.yaml")], Settings())
    assert not analysis.result.findings, [f.message for f in analysis.result.findings]
    settings = resolve(AnalyticsChoices(events=(str(log),), engine=engine, **choices))
    document: dict[str, Any] = json.loads(json.dumps(to_document(run_analytics(analysis.journeys, settings))))
    return document


def figures(document: dict[str, Any], group: str = "all") -> dict[str, Any]:
    """The figures of one persona group of the only map."""
    result: dict[str, Any] = document["maps"][0]["personas"][group]
    return result


def reached(document: dict[str, Any], group: str = "all") -> dict[str, int]:
    return {stage: f["reached"] for stage, f in figures(document, group)["stages"].items()}
