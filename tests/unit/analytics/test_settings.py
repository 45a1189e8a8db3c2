"""Settings: the window, instants, the `[analytics]` table, and the command line over the configuration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journeykit.analytics.settings import AnalyticsChoices, parse_moment, parse_window, resolve
from journeykit.config import ConfigError, settings_from_table
from journeykit.errors import UsageError


@pytest.mark.parametrize(("text", "seconds"), [("30d", 2592000), ("48h", 172800), ("2w", 1209600), (" 1d ", 86400)])
def test_window(text: str, seconds: int) -> None:
    assert parse_window(text) == seconds


@pytest.mark.parametrize("text", ["30", "0d", "1.5d", "30m", "d", "-1d", "1000000d"])
def test_bad_window(text: str) -> None:
    with pytest.raises(UsageError, match="--window takes a number and a unit h, d or w"):
        parse_window(text)


def test_moments_take_the_timestamp_grammar() -> None:
    assert parse_moment("2026-11-01", "--from") == parse_moment("2026-11-01T01:00:00+01:00", "--from")
    with pytest.raises(UsageError, match="--to takes an ISO date or timestamp"):
        parse_moment("next week", "--to")


def test_analytics_table_is_validated_at_load(tmp_path: Path) -> None:
    table = {
        "analytics": {
            "events": "logs/*.parquet",
            "window": "7d",
            "from": "2026-11-01",
            "engine": "SPARK",
            "events-format": "json",
            "personas": {"Bargain hunters": "deal-hunter"},
        }
    }
    settings = settings_from_table(table, source=tmp_path / "journeykit.toml", root=tmp_path)
    analytics = settings.analytics
    assert analytics is not None
    assert analytics.events == (str(tmp_path / "logs/*.parquet"),)
    assert (analytics.window_seconds, analytics.engine, analytics.events_format) == (604800, "spark", "ndjson")
    assert analytics.personas == {"Bargain hunters": "deal-hunter"}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"windw": "2d"}, "unknown key 'windw' (did you mean 'window'?)"),
        ({"window": 30}, "analytics.window must be a string"),
        ({"window": "30x"}, "analytics.window takes a number and a unit"),
        ({"engine": "oracle"}, "analytics.engine must be one of duckdb, spark"),
        ({"events": []}, "analytics.events must be a path or glob"),
        ({"personas": {"Bargain": "Deal Hunter"}}, "expected a persona id"),
        ({"memory-limit": "lots"}, "analytics.memory-limit takes a size"),
    ],
)
def test_bad_analytics_table(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        settings_from_table({"analytics": table})


def test_command_line_overrides_the_configuration() -> None:
    configured = AnalyticsChoices(events=("a.csv",), window_seconds=3600, engine="spark", persona_column="segment")
    settings = resolve(AnalyticsChoices(window_seconds=7200, engine="duckdb"), configured)
    assert (settings.events, settings.window_seconds, settings.engine) == (("a.csv",), 7200, "duckdb")
    assert settings.columns.persona == "segment" and settings.persona_column_required
    assert not resolve(AnalyticsChoices(events=("a.csv",))).persona_column_required
