"""The event-log options that `analytics`, `lint`, `render` and `plan` share (`--events` and the log's settings),
and the one function that turns them into the analytics choices; `[analytics]` in the configuration supplies
whatever the command line leaves out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

if TYPE_CHECKING:
    import datetime

    from journeykit.analytics.settings import AnalyticsChoices

Text = Optional[str]  # noqa: UP045 - typer needs Optional on Python 3.10

EventsOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--events",
        "-e",
        metavar="PATH",
        help="Event log files, directories or globs (repeat for several): CSV, CSV.gz, Parquet, JSON lines.",
    ),
]
WindowOption = Annotated[
    Text, typer.Option(metavar="DURATION", help="How long after entry a journey counts: 30d (default), 48h, 2w.")
]
FromOption = Annotated[
    Text, typer.Option("--from", metavar="WHEN", help="Count entries from this ISO date or timestamp on.")
]
ToOption = Annotated[Text, typer.Option("--to", metavar="WHEN", help="Count entries before this date or timestamp.")]
ActorColumnOption = Annotated[Text, typer.Option(metavar="NAME", help="The log's actor column (default: user_id).")]
TimeColumnOption = Annotated[Text, typer.Option(metavar="NAME", help="The log's time column (default: timestamp).")]
EventColumnOption = Annotated[Text, typer.Option(metavar="NAME", help="The log's event column (default: event).")]
PersonaColumnOption = Annotated[
    Text, typer.Option(metavar="NAME", help="The log's persona column (default: persona, if present).")
]
EngineOption = Annotated[Text, typer.Option(metavar="ENGINE", help="duckdb (default, embedded) or spark.")]
SparkMasterOption = Annotated[
    Text, typer.Option(metavar="URL", help="Spark master URL (default: local[*]; SPARK_REMOTE for Connect).")
]
EventsFormatOption = Annotated[
    Text, typer.Option(metavar="FORMAT", help="Read every log file as csv, parquet or ndjson, whatever its name.")
]
LogAsOfOption = Annotated[
    Text,
    typer.Option("--as-of", metavar="WHEN", help="Read the log as it stood then (default: its latest timestamp)."),
]


LOG_PARAMETERS = (
    "events",
    "window",
    "start",
    "end",
    "as_of",
    "actor_column",
    "time_column",
    "event_column",
    "persona_column",
    "engine",
    "spark_master",
    "events_format",
)
"""The event log's options, by parameter name: each command that reads a log declares them in its signature
(Typer reads options there), and passes them on with `log_arguments(locals())`."""


def log_arguments(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The event log's options among a command's parameters."""
    return {name: parameters[name] for name in LOG_PARAMETERS}


def log_choices(
    *,
    events: list[str] | None,
    window: str | None = None,
    start: str | None = None,
    end: str | None = None,
    as_of: str | None = None,
    actor_column: str | None = None,
    time_column: str | None = None,
    event_column: str | None = None,
    persona_column: str | None = None,
    engine: str | None = None,
    spark_master: str | None = None,
    events_format: str | None = None,
) -> AnalyticsChoices:
    """The options as analytics choices (journeykit.analytics.settings.AnalyticsChoices), each one checked."""
    from journeykit.analytics import settings as s

    def moment(value: str | None, option: str) -> int | None:
        return None if value is None else s.parse_moment(value, option)

    def column(value: str | None, option: str) -> str | None:
        return None if value is None else s.check_column(value, option)

    return s.AnalyticsChoices(
        events=tuple(events) if events else None,
        window_seconds=None if window is None else s.parse_window(window),
        start=moment(start, "--from"),
        end=moment(end, "--to"),
        as_of=moment(as_of, "--as-of"),
        actor_column=column(actor_column, "--actor-column"),
        time_column=column(time_column, "--time-column"),
        event_column=column(event_column, "--event-column"),
        persona_column=column(persona_column, "--persona-column"),
        engine=None if engine is None else s.check_choice(engine, s.ENGINES, "--engine"),
        spark_master=spark_master,
        events_format=None
        if events_format is None
        else s.check_choice(events_format, s.EVENT_FORMATS, "--events-format"),
    )


def log_choices_if_events(*, events: list[str] | None, **options: str | None) -> AnalyticsChoices | None:
    """For lint, render and plan: the choices when `--events` is given, None when not; a log option without
    `--events` is a UsageError rather than silently ignored (the log's path is never taken from the configuration
    here: reading a large log is what `--events` asks for)."""
    from journeykit.errors import UsageError

    if events:
        return log_choices(events=events, **options)
    given = [name for name, value in options.items() if value is not None and name != "as_of"]
    if given:
        flag = "--" + {"start": "from", "end": "to"}.get(given[0], given[0]).replace("_", "-")
        raise UsageError(f"{flag} is an option of the event log: give the log with --events PATH")
    return None


def rules_date(as_of: str | None, with_log: bool) -> datetime.date | None:
    """`--as-of` of lint and render: a date for the age rules; with a log also an ISO timestamp (the log's as-of
    moment), whose date (UTC) the rules then use."""
    import datetime

    from journeykit.cli.options import as_of_date

    if as_of is None or not with_log:
        return as_of_date(as_of)
    from journeykit.analytics.settings import parse_moment

    micros = parse_moment(as_of, "--as-of")
    return (
        datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(microseconds=micros)
    ).date()
