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

    import ibis

    text = value if value.type().is_string() else value.cast("string")
    # Most values have no surrounding space: testing the first and last character is much cheaper than
    # trimming every value (trimming was most of the time of a pass over a Parquet log), and gives the same.
    padded = text.startswith(" ") | text.endswith(" ")
    trimmed: ir.StringValue = ibis.ifelse(padded, _trim(text), text)
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
    """The grammar, in a few projections so that each regular expression runs at most once per row.

    The full patterns decide what is valid; once a string matches, every part sits at a known place,
    so the parts are cut out by position (cheap) rather than by more regular expressions.
    """
    import ibis

    text = trim(raw["time"])
    stage = raw.mutate(_s=text, _iso=text.re_search(ISO_PATTERN))
    # The other patterns run only where they can match (an ISO timestamp is never epoch seconds; a fraction
    # needs its `.` or `,`): the same values, without two of the three regular expressions on most rows.
    stage = stage.mutate(
        _epoch=ibis.ifelse(stage._iso, ibis.literal(False), stage._s.re_search(EPOCH_PATTERN)),
        # The only `.` or `,` of a valid timestamp starts its fraction (dates have none).
        _frac=ibis.ifelse(
            stage._s.contains(".") | stage._s.contains(","),
            stage._s.re_extract(FRACTION_PATTERN, 1),
            ibis.literal(""),
        ),
    )
    # Each intermediate value gets its own projection, so that the engine computes it once per row rather
    # than once for every place an expression tree repeats it.
    s = stage._s
    stage = stage.mutate(_has_seconds=s.substr(16, 1) == ":", _frac_length=stage._frac.length())
    after_time = ibis.ifelse(stage._has_seconds, 19, 16)
    stage = stage.mutate(
        _zone=stage._s.substr(after_time + ibis.ifelse(stage._frac_length > 0, stage._frac_length + 1, 0))
    )
    stage = stage.mutate(_zone_length=stage._zone.length())
    s, zone, zone_length, frac_length = stage._s, stage._zone, stage._zone_length, stage._frac_length
    stage = stage.mutate(
        _year=_digits(s, 0, 4),
        _month=_digits(s, 5, 2),
        _day=_digits(s, 8, 2),
        _hour=_digits(s, 11, 2),
        _minute=_digits(s, 14, 2),
        _second=ibis.ifelse(stage._has_seconds, _digits(s, 17, 2), 0),
        _sign=ibis.ifelse(zone.substr(0, 1) == "-", -1, 1),
        _zone_hours=ibis.ifelse(zone_length >= 3, _digits(zone, 1, 2), 0),
        _zone_minutes=ibis.cases(
            (zone_length == 6, _digits(zone, 4, 2)), (zone_length == 5, _digits(zone, 3, 2)), else_=0
        ),
        _micros=_digits(stage._frac.substr(0, 6).rpad(6, "0"), 0, 6),
        _whole=ibis.ifelse(
            stage._epoch, _digits(s, 0, ibis.ifelse(frac_length > 0, s.length() - frac_length - 1, s.length())), 0
        ),
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
    stage = stage.mutate(_iso_valid=iso_valid, _epoch_valid=stage._epoch & (stage._whole <= MAX_EPOCH_SECONDS))
    stage = _with_days(stage)
    offset = stage._sign * (stage._zone_hours * 3600 + stage._zone_minutes * 60)
    seconds = stage._days * 86400 + stage._hour * 3600 + stage._minute * 60 + stage._second - offset
    epoch = ibis.least(stage._whole, MAX_EPOCH_SECONDS) * MICROS + stage._micros
    time = ibis.cases(
        (stage._epoch_valid, epoch),
        (stage._iso_valid, seconds * MICROS + stage._micros),
        else_=ibis.null("int64"),
    )
    return stage.mutate(t=time).drop(*(c for c in stage.columns if c.startswith("_")))


def _with_days(stage: ir.Table) -> ir.Table:
    """`_days`: days since 1970-01-01 of the proleptic Gregorian date `_year`-`_month`-`_day` (H. Hinnant's
    algorithm), for years from 1, one projection per step.

    All operands stay non-negative, so integer division means the same on every engine.
    """
    import ibis

    stage = stage.mutate(_y=ibis.greatest(stage._year, 1), _m=ibis.greatest(ibis.least(stage._month, 12), 1))
    stage = stage.mutate(_shifted=stage._y - (stage._m <= 2).cast("int64"))
    stage = stage.mutate(_era=stage._shifted // 400)
    stage = stage.mutate(
        _year_of_era=stage._shifted - stage._era * 400,
        _day_of_year=(153 * ((stage._m + 9) % 12) + 2) // 5 + stage._day - 1,
    )
    yoe = stage._year_of_era
    day_of_era = yoe * 365 + yoe // 4 - yoe // 100 + stage._day_of_year
    return stage.mutate(_days=stage._era * 146097 + day_of_era - 719468)
