"""Random event logs: DuckDB and Spark give identical JSON, and both agree with the pandas peer.

The pandas implementation (benchmarks/analytics_pandas.py) is written separately, the way an analyst
would, so a shared mistake in the one Ibis computation would show here as a disagreement.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from benchmarks.analytics_pandas import analyse as pandas_analyse
from benchmarks.analytics_pandas import load, same_figures
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.analysis import analyze
from journeykit.analytics.document import to_document
from journeykit.analytics.funnel import funnel_spec
from journeykit.analytics.runner import run_analytics
from journeykit.analytics.settings import AnalyticsChoices, resolve
from journeykit.config import Settings
from tests.analytics_support import SHOP, START, spark_session, write_log

__all__ = ["spark_session"]

EVENTS = [
    "ad_view",
    "store_visit",
    "compare_view",
    "checkout_done",
    "review_posted",
    "review_edited",
    "app_open",
    "x_y",
]
PERSONAS = ["hunter", "loyal", "vip", ""]

rows = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.integers(min_value=0, max_value=24 * 12),  # hours over 12 days: ties happen
        st.sampled_from(EVENTS),
        st.sampled_from(PERSONAS),
    ),
    min_size=1,
    max_size=40,
)
windows = st.sampled_from([3600 * 12, 86400 * 2, 86400 * 30])


def _log(directory: Path, generated: list[tuple[str, int, str, str]]) -> Path:
    def when(hours: int) -> str:
        return (START + datetime.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")

    return write_log(directory / "events.csv", [(a, when(h), e, p) for a, h, e, p in generated])


def _document(directory: Path, engine: str, window: int, as_of_hours: int | None) -> dict[str, Any]:
    (directory / "shop.journey.yaml").write_text(SHOP, encoding="utf-8")
    analysis = analyze([str(directory / "shop.journey.yaml")], Settings())
    as_of = (
        None if as_of_hours is None else int((START + datetime.timedelta(hours=as_of_hours)).timestamp()) * 1_000_000
    )
    choices = AnalyticsChoices(
        events=(str(directory / "events.csv"),), engine=engine, window_seconds=window, as_of=as_of
    )
    document: dict[str, Any] = to_document(run_analytics(analysis.journeys, resolve(choices)))
    return document


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=rows, window=windows, as_of=st.one_of(st.none(), st.integers(min_value=0, max_value=24 * 14)))
def test_duckdb_agrees_with_the_pandas_peer(
    generated: list[tuple[str, int, str, str]], window: int, as_of: int | None
) -> None:
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        log = _log(directory, generated)
        latest = max(h for _, h, _, _ in generated)
        if as_of is not None and as_of < min(h for _, h, _, _ in generated):
            as_of = latest  # an as_of before every row would leave an empty log
        ours = _document(directory, "duckdb", window, as_of)
        analysis = analyze([str(directory / "shop.journey.yaml")], Settings())
        as_of_us = None if as_of is None else int((START + datetime.timedelta(hours=as_of)).timestamp()) * 1_000_000
        theirs = pandas_analyse(load([str(log)]), funnel_spec(analysis.journeys[0]), window, as_of=as_of_us)
        mine = {k: v for k, v in ours["maps"][0].items() if k not in ("id", "file")}
        assert same_figures(mine, theirs) == []


@pytest.mark.slow
@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(generated=rows, window=windows)
def test_duckdb_and_spark_give_identical_json(
    spark_session: Any, generated: list[tuple[str, int, str, str]], window: int
) -> None:
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        _log(directory, generated)
        duck = _document(directory, "duckdb", window, None)
        spark = _document(directory, "spark", window, None)
        assert duck["settings"].pop("engine") == "duckdb" and spark["settings"].pop("engine") == "spark"
        assert json.dumps(duck, sort_keys=True) == json.dumps(spark, sort_keys=True)
