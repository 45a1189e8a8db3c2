"""The timestamp grammar: Python (options, error messages), DuckDB and Spark accept and reject the same
strings and read the same instants."""

from __future__ import annotations

import datetime

import pytest

from journeykit.analytics.timestamps import format_instant, parse_instant
from tests.analytics_support import engine, spark_session

__all__ = ["engine", "spark_session"]

E = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def micros(*parts: int, offset_minutes: int = 0) -> int:
    moment = datetime.datetime(*parts, tzinfo=datetime.timezone(datetime.timedelta(minutes=offset_minutes)))
    return (moment - E) // datetime.timedelta(microseconds=1)


CASES: dict[str, int | None] = {
    "2026-01-01": micros(2026, 1, 1),
    "2026-01-01T10:30": micros(2026, 1, 1, 10, 30),
    "2026-01-01 10:30:15": micros(2026, 1, 1, 10, 30, 15),
    "2026-01-01t10:30:15Z": micros(2026, 1, 1, 10, 30, 15),
    "2026-01-01T10:30:15z": micros(2026, 1, 1, 10, 30, 15),
    "2026-01-01T10:30:15.5Z": micros(2026, 1, 1, 10, 30, 15, 500000),
    "2026-01-01T10:30:15,25+01:00": micros(2026, 1, 1, 10, 30, 15, 250000, offset_minutes=60),
    "2026-01-01T10:30:15.123456789-0530": micros(2026, 1, 1, 10, 30, 15, 123456, offset_minutes=-330),
    "2026-01-01T10:30+02": micros(2026, 1, 1, 10, 30, offset_minutes=120),
    "2024-02-29T23:59:59Z": micros(2024, 2, 29, 23, 59, 59),
    "2000-02-29": micros(2000, 2, 29),
    "0001-01-01": micros(1, 1, 1),
    "9999-12-31T23:59:59Z": micros(9999, 12, 31, 23, 59, 59),
    "1969-07-20T20:17:40Z": micros(1969, 7, 20, 20, 17, 40),
    "  2026-01-01  ": micros(2026, 1, 1),
    "1700000000": 1_700_000_000_000_000,
    "1700000000.25": 1_700_000_000_250_000,
    "0": 0,
    "253402300799": 253_402_300_799_000_000,
    # refused
    "253402300800": None,
    "1700000000000": None,
    "-5": None,
    "1.7e9": None,
    "2026-02-29": None,
    "1900-02-29": None,
    "2026-13-01": None,
    "2026-00-10": None,
    "2026-04-31": None,
    "0000-01-01": None,
    "2026-01-01T24:00": None,
    "2026-01-01T10:60": None,
    "2026-01-01T10:30:60": None,
    "2026-01-01T10:30+24:00": None,
    "2026-01-01T10:30+01:60": None,
    "2026-01-01Z": None,
    "2026-1-1": None,
    "26-01-01": None,
    "2026/01/01": None,
    "2026-01-01T10": None,
    "2026-01-01T10:30:15.": None,
    "2026-01-01T10:30:15.1234567890Z": None,
    "yesterday": None,
    "": None,
    "\uff11\uff17\uff10\uff10\uff10\uff10\uff10\uff10\uff10\uff10": None,  # full-width digits
}


def test_python_reads_the_grammar() -> None:
    assert {text: parse_instant(text) for text in CASES} == CASES


def test_engines_read_the_grammar_like_python(engine: str) -> None:
    import ibis

    from journeykit.analytics.engines import open_engine
    from journeykit.analytics.normalise import with_time
    from journeykit.analytics.settings import AnalyticsSettings

    texts = list(CASES)
    running = open_engine(AnalyticsSettings(events=("-",), engine=engine))
    try:
        import pyarrow as pa

        table = running.upload("grammar_cases", pa.table({"i": list(range(len(texts))), "time": texts}))
        timed = with_time(table.mutate(time=table.time.cast("string")))
        rows = timed.select("i", "t").to_pyarrow().to_pylist()
        running.drop("grammar_cases")
    finally:
        running.close()
    assert ibis  # the engines are Ibis backends
    assert {texts[r["i"]]: r["t"] for r in rows} == CASES


@pytest.mark.parametrize("text", ["2026-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0001-01-01T00:00:00Z"])
def test_format_instant_round_trips(text: str) -> None:
    value = parse_instant(text)
    assert value is not None and format_instant(value) == text
