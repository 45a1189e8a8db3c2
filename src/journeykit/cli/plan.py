"""`journeykit plan`: options → PlanCommandOptions → the command's exit code."""

from __future__ import annotations

import datetime
import enum
from typing import Annotated, Optional

import typer

from journeykit.cli.app import app
from journeykit.cli.options import ConfigOption, OutputOption, PersonaOption, StdinNameOption, finish, settings_for
from journeykit.errors import UsageError
from journeykit.plan.formats import PLAN_FORMATS

PlanFormat = enum.Enum("PlanFormat", {name: name for name in PLAN_FORMATS}, type=str)  # type: ignore[misc]
TEXT = PlanFormat("text")
MapsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="MAP",
        help="Map files, or directories to search for them (catalogs are found as usual). `-` reads standard input.",
        show_default=False,
    ),
]


@app.command()
def plan(
    paths: MapsArgument,
    persona: PersonaOption = None,
    start: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
        typer.Option(metavar="DATE", help="Day 0 of the plan (install or sign-up), YYYY-MM-DD (default: today)."),
    ] = None,
    days: Annotated[int, typer.Option(help="How many days to plan, from day 0.")] = 365,
    output_format: Annotated[
        PlanFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, json, csv (one row per send), ics (a calendar per persona) or html (a year view).",
            case_sensitive=False,
        ),
    ] = TEXT,
    output: OutputOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
) -> None:
    """Lay out each map's interactions over a year, per persona: when each is sent, and what never fires.

    Stages follow one another by their typical_duration; day_of_use, schedule (cron, in the map's timezone) and
    calendar event triggers get dates, behaviour triggers are listed without them. Maps with errors are reported
    and skipped (exit 1). See docs/plan.md.
    """
    from journeykit.commands import plan as command
    from journeykit.commands.check import CheckOptions

    day_zero = _date(start) if start is not None else datetime.date.today()
    settings = settings_for(config)
    check = CheckOptions(paths, str(output_format.value), output, stdin_filename)
    options = command.PlanCommandOptions(check, day_zero, days, tuple(persona or ()))
    finish(command.plan(options, settings))


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--start takes a date written YYYY-MM-DD, not {text!r}") from None
