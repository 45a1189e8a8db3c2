"""The commands that write maps and take them elsewhere: init, format, export, import csv."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from journeykit.cli.app import app
from journeykit.cli.options import ConfigOption, JobsOption, PathsArgument, StdinNameOption, finish, settings_for
from journeykit.errors import UsageError

import_app = typer.Typer(
    name="import",
    help="Build a map from another format (csv).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app)


@app.command()
def init(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Where to write the workspace (default: the current directory).")
    ] = Path(),
    template: Annotated[
        str, typer.Option("--template", "-t", metavar="NAME", help="retail, saas, bank or blank (see --list).")
    ] = "blank",
    force: Annotated[bool, typer.Option(help="Replace files that exist.")] = False,
    list_only: Annotated[bool, typer.Option("--list", help="List the templates and exit.")] = False,
) -> None:
    """Write a starter workspace: a map, a catalog, journeykit.toml, pre-commit and GitHub Actions configuration.

    Never overwrites a file: when one exists nothing is written (exit 2) unless --force.
    """
    from journeykit.commands import init as command

    if list_only:
        sys.stdout.write(command.list_templates())
        finish(0)
    written = command.init(command.InitOptions(directory, template, force))
    for path in written:
        print(path.as_posix())
    where = "" if directory.resolve() == Path.cwd().resolve() else f" (in {directory.as_posix()})"
    print(f"\nWrote a {template} workspace. Next{where}:\n")
    for step in command.NEXT_STEPS:
        print(f"  {step}")
    finish(0)


@app.command(name="format")
def format_command(
    paths: PathsArgument = None,
    check: Annotated[
        bool, typer.Option(help="Change nothing; list the files that would change and exit 1 if any would.")
    ] = False,
    diff: Annotated[bool, typer.Option(help="Change nothing; print a unified diff of what would change.")] = False,
    line_width: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(min=40, max=1000, help="Fold text longer than this (default: [format] line-width, or 120)."),
    ] = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    jobs: JobsOption = None,
) -> None:
    """Rewrite maps and catalogs in the canonical layout, keeping every comment.

    Exit 0 when all files are formatted, 1 with --check or --diff when one would change, 2 when a file
    cannot be formatted (it does not load: its finding is printed and the file left as it is).
    """
    from journeykit.commands import format as command

    settings = settings_for(config, jobs)
    finish(command.run(command.FormatOptions(paths or ["."], check, diff, line_width, stdin_filename), settings))


@app.command()
def export(
    paths: PathsArgument = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="mermaid (Markdown for GitHub), csv (spreadsheets) or json.")
    ] = "mermaid",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="mermaid, json: the file to write (default: standard output); csv: the directory (default: .).",
        ),
    ] = None,
    bom: Annotated[bool, typer.Option(help="csv: start each file with a byte-order mark, for Excel.")] = False,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
) -> None:
    """Export maps for other tools: Mermaid diagrams in Markdown, CSV spreadsheets, or the resolved model as JSON.

    Maps with errors are not exported: their findings are printed and the exit code is 1.
    """
    from journeykit.commands import export as command

    settings = settings_for(config)
    options = command.ExportOptions(paths or ["."], output_format.lower(), output, bom, stdin_filename)
    finish(command.export(options, settings))


@import_app.command(name="csv")
def import_csv(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="The experiences and touchpoints sheets of one map.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The map to write.")] = ...,  # type: ignore[assignment]
    force: Annotated[bool, typer.Option(help="Replace the map if it exists.")] = False,
    config: ConfigOption = None,
) -> None:
    """Build a map from the spreadsheets that `journeykit export --format csv` writes.

    Every cell that cannot be used is reported at file:row:column (JK080-JK085) and nothing is written (exit 1).
    """
    from journeykit.commands import import_csv as command

    if not files:
        raise UsageError("give the CSV files to import")
    settings = settings_for(config)
    finish(command.import_csv(command.ImportOptions(tuple(files), output, force), settings, datetime.date.today()))
