"""The `diff` command: `journeykit diff [BASE [HEAD]] [-- PATH...]`, and git's driver and textconv modes."""

from __future__ import annotations

import enum
import os
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperCommand

from journeykit.cli.app import app
from journeykit.cli.options import AsOfOption, ConfigOption, OutputOption, as_of_date, finish, settings_for
from journeykit.diff.reporters import DIFF_FORMATS
from journeykit.errors import UsageError

DiffFormat = enum.Enum("DiffFormat", {n: n for n in DIFF_FORMATS.names}, type=str)  # type: ignore[misc]
AFTER_SEPARATOR = "journeykit.diff.paths"


class _DiffCommand(TyperCommand):
    """Remembers which arguments came after `--`: those are paths, the ones before are revisions."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta[AFTER_SEPARATOR] = len(args) - args.index("--") - 1 if "--" in args else 0
        return super().parse_args(ctx, args)


@app.command(cls=_DiffCommand)
def diff(
    ctx: typer.Context,
    arguments: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="REV|PATH",
            help="[BASE [HEAD]] [-- PATH...]: git revisions (`main`, `HEAD~1`, `A..B`, `A...B` from the merge "
            "base); HEAD defaults to the working tree and BASE to HEAD. Or two map files or two directories "
            "to compare outside git. Paths after `--` limit the maps compared.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        Optional[DiffFormat],  # noqa: UP045
        typer.Option(
            "--format",
            "-f",
            help="text, json, markdown (a pull-request comment) or github. Default: text, or github when "
            "GITHUB_ACTIONS=true.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    config: ConfigOption = None,
    fail_on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            metavar="LEVEL",
            help="Lowest change level that makes the run fail: error, warning or info (default: error).",
        ),
    ] = None,
    as_of: AsOfOption = None,
    list_kinds: Annotated[
        bool, typer.Option("--list-kinds", help="List every change kind with its level and meaning, and exit.")
    ] = False,
    git_driver: Annotated[
        bool,
        typer.Option(
            "--git-driver",
            help="Act as git's external diff driver (diff.journeykit.command): take git's 7 arguments.",
        ),
    ] = False,
    textconv: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(metavar="FILE", help="Print FILE as one fact per line, for git's diff.journeykit.textconv."),
    ] = None,
) -> None:
    """Show what a change does to the journey: touchpoints added, moved and removed, emotions, pain points,
    analytics events, interactions, evidence, metrics, coverage cell by cell, and lint findings added and fixed.

    Exit 0 when no change is at or above the failing level (fail-on, default error), 1 when one is.
    """
    import sys

    from journeykit.commands import diff as command
    from journeykit.findings import Severity

    settings = settings_for(config)
    given = list(arguments or [])
    chosen = output_format.value if output_format is not None else None
    if list_kinds:
        finish(command.list_kinds(sys.stdout, str(chosen or "text"), settings))
    if textconv is not None:
        finish(command.textconv(textconv, settings, sys.stdout))
    if git_driver:
        finish(command.git_driver(given, settings, sys.stdout))
    after = ctx.meta.get(AFTER_SEPARATOR, 0)
    revisions, paths = (given[: len(given) - after], given[len(given) - after :]) if after else (given, [])
    try:
        severity = None if fail_on is None else Severity.parse(fail_on)
    except ValueError as error:
        raise UsageError(f"--fail-on: {error}") from None
    if chosen is None:
        chosen = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    options = command.DiffOptions(
        revisions=tuple(revisions),
        paths=tuple(paths),
        output_format=str(chosen),
        output=output,
        fail_on=severity,
        as_of=as_of_date(as_of),
    )
    finish(command.diff(options, settings))
