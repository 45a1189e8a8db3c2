"""The commands that read maps and report on them: validate, lint, coverage, render, schema, rules."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from journeykit.cli.app import app
from journeykit.cli.options import (
    TEXT_COVERAGE,
    AsOfOption,
    ConfigOption,
    CoverageFormat,
    FormatOption,
    JobsOption,
    OutputOption,
    PathsArgument,
    PersonaOption,
    StageOption,
    StdinNameOption,
    as_of_date,
    diagnostic_format,
    finish,
    settings_for,
)
from journeykit.errors import UsageError


@app.command()
def validate(
    paths: PathsArgument = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    jobs: JobsOption = None,
) -> None:
    """Check maps and catalogs: YAML, the schema, ids and references (JK0xx-JK2xx).

    Exit 0 when no map has an error, 1 when one has, 2 when the command could not run.
    """
    from journeykit.commands.check import CheckOptions
    from journeykit.commands.check import validate as run

    settings = settings_for(config, jobs)
    options = CheckOptions(paths or ["."], diagnostic_format(output_format), output, stdin_filename)
    finish(run(options, settings))


CodesOption = Optional[str]  # noqa: UP045


def _codes(value: str | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(c.strip().upper() for c in value.split(",") if c.strip())


@app.command()
def lint(
    paths: PathsArgument = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    select: Annotated[
        CodesOption,
        typer.Option(help="Only these codes or prefixes, comma-separated (replaces the configuration's)."),
    ] = None,
    extend_select: Annotated[CodesOption, typer.Option(help="Add these codes or prefixes to the selection.")] = None,
    ignore: Annotated[
        CodesOption, typer.Option(help="Ignore these codes or prefixes, in addition to the configuration's.")
    ] = None,
    fail_on: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(help="Lowest severity that makes the run fail: error, warning or info (default: error)."),
    ] = None,
    baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Report only findings that are not recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Record today's lint findings in this file (by fingerprint) and exit 0."),
    ] = None,
    as_of: AsOfOption = None,
    show_settings: Annotated[bool, typer.Option(help="Print the effective configuration and exit.")] = False,
    jobs: JobsOption = None,
) -> None:
    """Check maps like validate, then run the lint rules (JK3xx-JK6xx): flow, coverage, content, interactions.

    Exit 0 when nothing is at or above the failing severity (fail-on, default error), 1 when something is.
    """
    from journeykit.commands import lint as command
    from journeykit.commands.check import CheckOptions
    from journeykit.findings import Severity

    base = settings_for(config, jobs)
    try:
        severity = None if fail_on is None else Severity.parse(fail_on)
    except ValueError as error:
        raise UsageError(f"--fail-on: {error}") from None
    date = as_of_date(as_of)
    settings = base.with_overrides(
        select=_codes(select),
        extend_select=None if extend_select is None else (*base.extend_select, *(_codes(extend_select) or ())),
        ignore=None if ignore is None else (*base.ignore, *(_codes(ignore) or ())),
        fail_on=severity,
    )
    if show_settings:
        finish(command.show_settings(settings))
    check = CheckOptions(paths or ["."], diagnostic_format(output_format), output, stdin_filename)
    finish(command.lint(command.LintOptions(check, baseline, write_baseline, date), settings))


@app.command()
def coverage(
    paths: PathsArgument = None,
    output_format: Annotated[
        CoverageFormat,
        typer.Option("--format", "-f", help="text, json, markdown (for pull requests and job summaries) or html."),
    ] = TEXT_COVERAGE,
    output: OutputOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    persona: PersonaOption = None,
    stage: StageOption = None,
    fail_under: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(help="Exit 1 when total coverage is below this percentage (also `fail-under` in configuration)."),
    ] = None,
    jobs: JobsOption = None,
) -> None:
    """Show which persona x stage cells each map covers, and where the gaps are.

    A cell is covered (an experience with touchpoints, an emotion and tasks), partial, unmapped (touchpoints
    but no experience), missing, or not applicable. Exit 1 below --fail-under or when a map has errors.
    """
    from journeykit.commands import coverage as command
    from journeykit.commands.check import CheckOptions

    if fail_under is not None and not 0 <= fail_under <= 100:
        raise UsageError("--fail-under must be a percentage from 0 to 100")
    settings = settings_for(config, jobs)
    check = CheckOptions(paths or ["."], str(output_format.value), output, stdin_filename)
    options = command.CoverageOptions(check, tuple(persona or ()), tuple(stage or ()), fail_under)
    finish(command.coverage(options, settings))


@app.command()
def render(
    paths: PathsArgument = None,
    outdir: Annotated[
        Path, typer.Option("--output", "-o", help="Directory to write the reports and diagrams to.")
    ] = ...,  # type: ignore[assignment]
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Comma-separated: html, svg, png, pdf, dot (default: html).")
    ] = "html",
    persona: PersonaOption = None,
    stage: StageOption = None,
    lanes: Annotated[bool, typer.Option(help="Draw one lane per persona in the diagram.")] = False,
    template_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Directory of templates that override the built-in ones by name (see docs/templates.md)."),
    ] = None,
    allow_inside_input: Annotated[
        bool, typer.Option(help="Allow the output directory inside a directory that is searched for maps.")
    ] = False,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
) -> None:
    """Render each map as a Graphviz diagram and a self-contained HTML report, with an index page.

    Maps with errors are not rendered: their findings are printed and the exit code is 1.
    svg, png, pdf and html need Graphviz's `dot`; dot output does not.
    """
    from journeykit.commands import render as command
    from journeykit.commands.check import CheckOptions

    date = as_of_date(as_of)
    settings = settings_for(config)
    options = command.RenderOptions(
        check=CheckOptions(paths or ["."], "text", None, stdin_filename),
        outdir=outdir,
        formats=command.parse_formats(formats),
        personas=tuple(persona or ()),
        stages=tuple(stage or ()),
        lanes=lanes,
        template_dir=template_dir,
        allow_inside_input=allow_inside_input,
        as_of=date,
    )
    finish(command.render(options, settings))


@app.command()
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of the map format (for editors and other validators)."""
    from journeykit.output import open_output
    from journeykit.schema import schema_text

    with open_output(output) as out:
        out.write(schema_text())
    finish(0)


@app.command()
def rules(
    code: Annotated[Optional[str], typer.Argument(help="A rule code or name to explain.")] = None,  # noqa: UP045
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
) -> None:
    """List every rule, or explain one (`journeykit rules JK501`)."""
    from journeykit.commands import rules as command

    if output_format not in command.RULE_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(command.RULE_FORMATS)}")
    finish(
        command.list_rules(sys.stdout, output_format)
        if code is None
        else command.explain(sys.stdout, code, output_format)
    )
