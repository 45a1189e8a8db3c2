"""The log's rows as the computation reads them, built once in Ibis for every engine.

The engine's reader gives a table with the columns `actor`, `event`, `persona` (all optional text) and
the time either as text or numbers (`time`) or, for Parquet timestamps and dates, as exact microseconds
(`time_us`, converted by the engine's own function). This module turns the text into microseconds with
the grammar of journeykit.analytics.timestamps, written as regular expressions and integer arithmetic
only, so that DuckDB and Spark accept and reject the same strings and compute the same instants.
Nothing here relies on CASE being lazy: every value is made safe before it is computed with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from journeykit.analytics.timestamps import EPOCH_PATTERN, FRACTION_PATTERN, ISO_PATTERN, MAX_EPOCH_SECONDS, MICROS

if TYPE_CHECKING:
    import ibis.expr.types as ir

TIME_AS_MICROS = "time_us"


def normalised(raw: ir.Table) -> ir.Table:
    """actor, t (microseconds UTC, null when the timestamp is bad or missing), event, persona: trimmed, blank → null."""
    import ibis

    persona = _text(raw["persona"]) if "persona" in raw.columns else ibis.null("string")
    cleaned = raw.mutate(actor=_text(raw["actor"]), event=_text(raw["event"]), persona=persona)
    return with_time(cleaned).select("actor", "t", "event", "persona")


def with_time(raw: ir.Table) -> ir.Table:
    """The table with `t`: the row's instant in microseconds, null when its timestamp is bad or missing."""
    if TIME_AS_MICROS in raw.columns:
        return raw.mutate(t=raw[TIME_AS_MICROS])
    kind = raw["time"].type()
    if kind.is_string():
        return _text_time(raw)
    return raw.mutate(t=number_micros(raw["time"]))


def trim(value: ir.Value) -> ir.StringValue:
    """Surrounding spaces removed: the engines' own TRIM, which removes spaces only on both.

    (Ibis's strip() passes a set of whitespace characters that reaches Spark mangled, so that Spark
    also strips the letters v and f.)"""
    import ibis

    @ibis.udf.scalar.builtin(name="trim")  # type: ignore[untyped-decorator]
    def _trim(text: str) -> str:  # type: ignore[empty-body]
        """The engine's TRIM."""

    text = value if value.type().is_string() else value.cast("string")
    trimmed: ir.StringValue = _trim(text)
    return trimmed


def _text(value: ir.Value) -> ir.StringValue:
    import ibis

    text = trim(value)
    return ibis.ifelse(text == "", ibis.null("string"), text)


def number_micros(value: ir.Value) -> ir.IntegerValue:
    """Epoch seconds (integers or floats) → microseconds; null when out of range."""
    import ibis

    kind = value.type()
    if kind.is_integer():
        valid = (value >= 0) & (value <= MAX_EPOCH_SECONDS)
        safe = ibis.greatest(ibis.least(value, MAX_EPOCH_SECONDS), 0).cast("int64")
        return ibis.ifelse(valid, safe * MICROS, ibis.null("int64"))
    if kind.is_floating() or kind.is_decimal():
        number = value.cast("float64")
        valid = ~number.isnan() & (number >= 0) & (number <= MAX_EPOCH_SECONDS)
        safe = ibis.greatest(ibis.least(number, float(MAX_EPOCH_SECONDS)), 0.0)
        return ibis.ifelse(valid, (safe * MICROS).floor().cast("int64"), ibis.null("int64"))
    raise TypeError(f"time column of type {kind}")


def _digits(text: ir.StringValue, start: Any, length: Any) -> ir.IntegerValue:
    """A run of digits at a position (the grammar has checked it) as int64; 0 when empty."""
    return text.substr(start, length).try_cast("int64").fill_null(0)


def _text_time(raw: ir.Table) -> ir.Table:
    """The grammar, in three projections so that each regular expression runs once per row.

    The full patterns decide what is valid; once a string matches, every part sits at a known place,
    so the parts are cut out by position (cheap) rather than by more regular expressions.
    """
    import ibis

    text = trim(raw["time"])
    stage = raw.mutate(
        _s=text,
        _iso=text.re_search(ISO_PATTERN),
        _epoch=text.re_search(EPOCH_PATTERN),
        # The only `.` or `,` of a valid timestamp starts its fraction (dates have none).
        _frac=text.re_extract(FRACTION_PATTERN, 1),
    )
    s = stage._s
    has_seconds = s.substr(16, 1) == ":"
    after_time = ibis.ifelse(has_seconds, 19, 16)
    frac_length = stage._frac.length()
    zone = s.substr(after_time + ibis.ifelse(frac_length > 0, frac_length + 1, 0))
    zone_length = zone.length()
    stage = stage.mutate(
        _year=_digits(s, 0, 4),
        _month=_digits(s, 5, 2),
        _day=_digits(s, 8, 2),
        _hour=_digits(s, 11, 2),
        _minute=_digits(s, 14, 2),
        _second=ibis.ifelse(has_seconds, _digits(s, 17, 2), 0),
        _sign=ibis.ifelse(zone.substr(0, 1) == "-", -1, 1),
        _zone_hours=ibis.ifelse(zone_length >= 3, _digits(zone, 1, 2), 0),
        _zone_minutes=ibis.cases(
            (zone_length == 6, _digits(zone, 4, 2)), (zone_length == 5, _digits(zone, 3, 2)), else_=0
        ),
        _micros=_digits(stage._frac.substr(0, 6).rpad(6, "0"), 0, 6),
        _whole=_digits(s, 0, ibis.ifelse(frac_length > 0, s.length() - frac_length - 1, s.length())),
    )
    year, month, day = stage._year, stage._month, stage._day
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_days = ibis.cases(
        (month == 2, ibis.ifelse(leap, 29, 28)),
        (month.isin([4, 6, 9, 11]), 30),
        else_=31,
    )
    iso_valid = (
        stage._iso
        & (year >= 1)
        & (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= month_days)
        & (stage._hour <= 23)
        & (stage._minute <= 59)
        & (stage._second <= 59)
        & (stage._zone_hours <= 23)
        & (stage._zone_minutes <= 59)
    )
    offset = stage._sign * (stage._zone_hours * 3600 + stage._zone_minutes * 60)
    days = _days_from_civil(ibis.greatest(year, 1), ibis.greatest(ibis.least(month, 12), 1), day)
    seconds = days * 86400 + stage._hour * 3600 + stage._minute * 60 + stage._second - offset
    epoch_valid = stage._epoch & (stage._whole <= MAX_EPOCH_SECONDS)
    epoch = ibis.least(stage._whole, MAX_EPOCH_SECONDS) * MICROS + stage._micros
    time = ibis.cases(
        (epoch_valid, epoch),
        (iso_valid, seconds * MICROS + stage._micros),
        else_=ibis.null("int64"),
    )
    return stage.mutate(t=time).drop(*(c for c in stage.columns if c.startswith("_")))


def _days_from_civil(year: Any, month: Any, day: Any) -> ir.IntegerValue:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), for years from 1.

    All operands stay non-negative, so integer division means the same on every engine.
    """
    shifted = year - (month <= 2).cast("int64")
    era = shifted // 400
    year_of_era = shifted - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    result: ir.IntegerValue = era * 146097 + day_of_era - 719468
    return result
