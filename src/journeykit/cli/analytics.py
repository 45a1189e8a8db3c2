"""`journeykit analytics MAP... --events PATH...`: the options, mapped onto the analytics settings."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from journeykit.cli.app import app
from journeykit.cli.events import (
    ActorColumnOption,
    EngineOption,
    EventColumnOption,
    EventsFormatOption,
    EventsOption,
    FromOption,
    LogAsOfOption,
    PersonaColumnOption,
    SparkMasterOption,
    TimeColumnOption,
    ToOption,
    WindowOption,
    log_arguments,
    log_choices,
)
from journeykit.cli.options import ConfigOption, OutputOption, PathsArgument, finish, settings_for

Text = Optional[str]  # noqa: UP045 - typer needs Optional on Python 3.10


@app.command()
def analytics(
    paths: PathsArgument = None,
    events: EventsOption = None,
    window: WindowOption = None,
    start: FromOption = None,
    end: ToOption = None,
    as_of: LogAsOfOption = None,
    actor_column: ActorColumnOption = None,
    time_column: TimeColumnOption = None,
    event_column: EventColumnOption = None,
    persona_column: PersonaColumnOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    events_format: EventsFormatOption = None,
    output_format: Annotated[
        Text, typer.Option("--format", "-f", metavar="FORMAT", help="text (default), json, markdown or html.")
    ] = None,
    output: OutputOption = None,
    config: ConfigOption = None,
) -> None:
    """Lay an event log over maps: funnel per persona, time to stage, touchpoint reach, backtracks, unmapped events.

    Needs `pip install 'journeykit[analytics]'` (DuckDB) or `'journeykit[spark]'`. Exit 0; 1 when a map has
    errors (it is skipped); 2 when the log or an option cannot be used.
    """
    from journeykit.analytics import settings as s
    from journeykit.analytics.reporters import ANALYTICS_FORMATS
    from journeykit.commands import analytics as command

    choices = log_choices(**log_arguments(locals()))
    chosen_format = (
        None if output_format is None else s.check_choice(output_format, ANALYTICS_FORMATS.names, "--format")
    )
    settings = settings_for(config)
    options = command.AnalyticsOptions(tuple(paths or ["."]), choices, chosen_format, output)
    finish(command.analytics(options, settings))
