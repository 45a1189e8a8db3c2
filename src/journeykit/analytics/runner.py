"""One analytics run: check the log's files, start the engine, profile the log, compute every map."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from journeykit.analytics.assemble import map_analytics
from journeykit.analytics.badrows import first_bad_timestamp
from journeykit.analytics.compute import LogProfile, compute, log_profile
from journeykit.analytics.engine import Engine, one_format
from journeykit.analytics.engines import check_installed, open_engine
from journeykit.analytics.funnel import funnel_spec
from journeykit.analytics.inputs import EventLog, LogError, first_line, resolve_log
from journeykit.analytics.normalise import normalised, with_time
from journeykit.analytics.result import AnalyticsResult, RunSettings
from journeykit.analytics.settings import AnalyticsSettings
from journeykit.model import Journey

if TYPE_CHECKING:
    import ibis.expr.types as ir

_GRAMMAR = "an ISO 8601 date or timestamp such as 2026-11-01T09:30:00Z, or epoch seconds"


def run_analytics(
    journeys: Sequence[Journey], settings: AnalyticsSettings, *, behaviours: bool = False
) -> AnalyticsResult:
    """Lay the event log of `settings` over each journey. Raises UsageError for an unusable log or engine.

    With `behaviours`, each group's figures also count the rows of the maps' behaviour events (for the plan's
    measured rates, journeykit.analytics.measured); it costs one more pass over the log."""
    check_installed(settings.engine)
    specs = [funnel_spec(journey, settings.personas) for journey in journeys]
    log = resolve_log(settings)
    engine = open_engine(settings)
    held: ir.Table | None = None
    try:
        with _engine_errors(engine):
            raw = engine.read(log)
            table = normalised(raw)
            if one_format(log) != "parquet":
                # Text is parsed (and its timestamps read) once, not once per pass over the log.
                table = held = table.cache()
            profile = log_profile(table, settings.as_of)
            _check(profile, log, engine, raw)
            as_of = settings.as_of if settings.as_of is not None else profile.latest
            assert as_of is not None  # a log with rows and no bad timestamp has a latest one
            maps = tuple(
                map_analytics(
                    spec,
                    compute(
                        engine,
                        table,
                        spec,
                        settings.window_micros,
                        settings.start,
                        settings.end,
                        as_of,
                        behaviours=behaviours,
                    ),
                    profile,
                    journey,
                    settings.window_seconds,
                )
                for spec, journey in zip(specs, journeys, strict=True)
            )
    finally:
        if held is not None:
            with suppress(*engine.errors):
                held.release()
        engine.close()
    run = RunSettings(
        window_seconds=settings.window_seconds,
        start=settings.start,
        end=settings.end,
        as_of=as_of,
        engine=engine.name,
        columns=log.columns,
        has_persona=log.has_persona,
        files=tuple(f.display for f in log.files),
    )
    return AnalyticsResult(run, maps)


@contextmanager
def _engine_errors(engine: Engine) -> Iterator[None]:
    try:
        yield
    except engine.errors as error:
        raise LogError(f"the {engine.name} engine could not read the event log: {first_line(error)}") from None


def _check(profile: LogProfile, log: EventLog, engine: Engine, raw: object) -> None:
    names = ", ".join(f.display for f in log.files[:3]) + (" ..." if len(log.files) > 3 else "")
    if profile.rows == 0:
        raise LogError(f"the event log is empty: no rows in {names}")
    if profile.bad_timestamps:
        raise _bad_timestamps(profile.bad_timestamps, log, engine, raw)


def _bad_timestamps(count: int, log: EventLog, engine: Engine, raw: object) -> LogError:
    column = log.columns.time
    rows = f"{count:,} row{'s' if count != 1 else ''} of the log {'have' if count != 1 else 'has'} a bad timestamp"
    for event_file in log.files:
        try:
            bad = first_bad_timestamp(event_file, column)
        except (OSError, ValueError, csv.Error):  # a file the engine read but Python cannot: say less
            bad = None
        if bad is not None:
            where = f"row {bad.row:,}" + (f" (line {bad.line:,})" if bad.line is not None else "")
            what = "is empty" if bad.value is None or bad.value == "" else f"has {str(bad.value)[:80]!r}"
            return LogError(f"{event_file.display}: {where}: column '{column}' {what}, not {_GRAMMAR}; {rows}")
    sample = _sample(raw)
    what = f", such as {sample!r}" if sample is not None else ""
    return LogError(f"column '{column}': {rows}{what}; a timestamp is {_GRAMMAR}")


def _sample(raw: object) -> object:
    """One bad value, read by the engine (for logs that are not local files)."""
    import ibis.expr.types as ir

    assert isinstance(raw, ir.Table)
    if "time" not in raw.columns:
        return None
    timed = with_time(raw)
    bad = timed.filter(timed.t.isnull()).select("time").limit(1)
    values = bad.to_pyarrow().column(0).to_pylist()
    return values[0] if values else None
