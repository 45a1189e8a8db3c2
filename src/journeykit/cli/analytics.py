"""`journeykit analytics MAP... --events PATH...`: the options, mapped onto the analytics settings."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from journeykit.cli.app import app
from journeykit.cli.options import ConfigOption, OutputOption, PathsArgument, finish, settings_for

Text = Optional[str]  # noqa: UP045 - typer needs Optional on Python 3.10


@app.command()
def analytics(
    paths: PathsArgument = None,
    events: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--events",
            "-e",
            metavar="PATH",
            help="Event log files, directories or globs (repeat for several): CSV, CSV.gz, Parquet, JSON lines.",
        ),
    ] = None,
    window: Annotated[Text, typer.Option(help="How long after entry a journey counts: 30d (default), 48h, 2w.")] = None,
    start: Annotated[
        Text, typer.Option("--from", metavar="WHEN", help="Count entries from this ISO date or timestamp on.")
    ] = None,
    end: Annotated[
        Text, typer.Option("--to", metavar="WHEN", help="Count entries before this date or timestamp.")
    ] = None,
    as_of: Annotated[
        Text,
        typer.Option(metavar="WHEN", help="Read the log as it stood then (default: its latest timestamp)."),
    ] = None,
    actor_column: Annotated[Text, typer.Option(help="Who did it (default: user_id).")] = None,
    time_column: Annotated[Text, typer.Option(help="When (default: timestamp).")] = None,
    event_column: Annotated[Text, typer.Option(help="The event name (default: event).")] = None,
    persona_column: Annotated[Text, typer.Option(help="The customer's segment (default: persona, if present).")] = None,
    engine: Annotated[Text, typer.Option(help="duckdb (default, embedded) or spark.")] = None,
    spark_master: Annotated[
        Text, typer.Option(help="Spark master URL (default: local[*]; SPARK_REMOTE for Connect).")
    ] = None,
    events_format: Annotated[
        Text, typer.Option(help="Read every log file as csv, parquet or ndjson, whatever its name.")
    ] = None,
    output_format: Annotated[Text, typer.Option("--format", "-f", help="text (default), json or markdown.")] = None,
    output: OutputOption = None,
    config: ConfigOption = None,
) -> None:
    """Lay an event log over maps: funnel per persona, time to stage, touchpoint reach, backtracks, unmapped events.

    Needs `pip install 'journeykit[analytics]'` (DuckDB) or `'journeykit[spark]'`. Exit 0; 1 when a map has
    errors (it is skipped); 2 when the log or an option cannot be used.
    """
    from journeykit.analytics import settings as s
    from journeykit.analytics.reporters import FORMATS
    from journeykit.commands import analytics as command

    def moment(value: str | None, option: str) -> int | None:
        return None if value is None else s.parse_moment(value, option)

    choices = s.AnalyticsChoices(
        events=tuple(events) if events else None,
        window_seconds=None if window is None else s.parse_window(window),
        start=moment(start, "--from"),
        end=moment(end, "--to"),
        as_of=moment(as_of, "--as-of"),
        actor_column=None if actor_column is None else s.check_column(actor_column, "--actor-column"),
        time_column=None if time_column is None else s.check_column(time_column, "--time-column"),
        event_column=None if event_column is None else s.check_column(event_column, "--event-column"),
        persona_column=None if persona_column is None else s.check_column(persona_column, "--persona-column"),
        engine=None if engine is None else s.check_choice(engine, s.ENGINES, "--engine"),
        spark_master=spark_master,
        events_format=None
        if events_format is None
        else s.check_choice(events_format, s.EVENT_FORMATS, "--events-format"),
    )
    chosen_format = None if output_format is None else s.check_choice(output_format, FORMATS, "--format")
    settings = settings_for(config)
    options = command.AnalyticsOptions(tuple(paths or ["."]), choices, chosen_format, output)
    finish(command.analytics(options, settings))
