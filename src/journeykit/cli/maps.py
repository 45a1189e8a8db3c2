"""The commands that read maps and report on them: validate, lint, coverage, render, schema, rules."""

from __future__ import annotations

import sys
from pathlib import Path
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
    PersonaColumnOption,
    SparkMasterOption,
    TimeColumnOption,
    ToOption,
    WindowOption,
    log_arguments,
    log_choices_if_events,
    rules_date,
)
from journeykit.cli.options import (
    AllowEmptyOption,
    ColorOption,
    ConfigOption,
    CoverageFormatOption,
    ExitZeroOption,
    FailOnOption,
    FormatOption,
    JobsOption,
    OutputOption,
    PathsArgument,
    PersonaOption,
    QuietOption,
    StageOption,
    StatisticsOption,
    StdinNameOption,
    choice,
    diagnostic_format,
    finish,
    percent,
    settings_for,
)


@app.command()
def validate(
    paths: PathsArgument = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    statistics: StatisticsOption = False,
    color: ColorOption = "auto",
    allow_empty: AllowEmptyOption = False,
    jobs: JobsOption = None,
) -> None:
    """Check maps and catalogs: YAML, the schema, ids and references (JK0xx-JK2xx).

    Exit 0 when no map has an error, 1 when one has, 2 when the command could not run.
    """
    from journeykit.commands.check import CheckOptions
    from journeykit.commands.check import validate as run

    settings = settings_for(config, jobs)
    options = CheckOptions(
        paths or ["."],
        diagnostic_format(output_format, output),
        output,
        stdin_filename,
        allow_empty=allow_empty,
        quiet=quiet,
        exit_zero=exit_zero,
        statistics=statistics,
        color=color,
    )
    finish(run(options, settings))


CodesOption = Optional[str]  # noqa: UP045
LintAsOfOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        metavar="WHEN",
        help="Measure review and evidence ages as of this date, YYYY-MM-DD (default: today); with --events, also "
        "the moment the log is read at (a date or an ISO timestamp; default: the log's latest timestamp).",
    ),
]


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
        typer.Option(
            metavar="CODES", help="Only these codes or prefixes, comma-separated (replaces the configuration's)."
        ),
    ] = None,
    extend_select: Annotated[
        CodesOption, typer.Option(metavar="CODES", help="Add these codes or prefixes to the selection.")
    ] = None,
    ignore: Annotated[
        CodesOption,
        typer.Option(metavar="CODES", help="Ignore these codes or prefixes, in addition to the configuration's."),
    ] = None,
    fail_on: FailOnOption = None,
    baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(metavar="FILE", help="Report only findings that are not recorded in this baseline file."),
    ] = None,
    write_baseline: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(metavar="FILE", help="Record today's lint findings in this file (by fingerprint) and exit 0."),
    ] = None,
    as_of: LintAsOfOption = None,
    show_settings: Annotated[
        bool, typer.Option("--show-settings", help="Print the effective configuration and exit.")
    ] = False,
    quiet: QuietOption = False,
    exit_zero: ExitZeroOption = False,
    statistics: StatisticsOption = False,
    color: ColorOption = "auto",
    allow_empty: AllowEmptyOption = False,
    events: EventsOption = None,
    window: WindowOption = None,
    start: FromOption = None,
    end: ToOption = None,
    actor_column: ActorColumnOption = None,
    time_column: TimeColumnOption = None,
    event_column: EventColumnOption = None,
    persona_column: PersonaColumnOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    events_format: EventsFormatOption = None,
    jobs: JobsOption = None,
) -> None:
    """Check maps like validate, then run the lint rules (JK3xx-JK6xx): flow, coverage, content, interactions.

    With --events, an event log is laid over the maps first (as `journeykit analytics` does) and the JK7xx
    rules compare the map with it. Exit 0 when nothing is at or above the failing severity (fail-on, default
    error), 1 when something is.
    """
    from journeykit.commands import lint as command
    from journeykit.commands.check import CheckOptions
    from journeykit.findings import Severity

    base = settings_for(config, jobs)
    severity = None if fail_on is None else Severity.parse(fail_on)
    date = rules_date(as_of, bool(events))
    log = log_choices_if_events(**log_arguments(locals()))
    settings = base.with_overrides(
        select=_codes(select),
        extend_select=None if extend_select is None else (*base.extend_select, *(_codes(extend_select) or ())),
        ignore=None if ignore is None else (*base.ignore, *(_codes(ignore) or ())),
        fail_on=severity,
    )
    if show_settings:
        finish(command.show_settings(settings))
    check = CheckOptions(
        paths or ["."],
        diagnostic_format(output_format, output),
        output,
        stdin_filename,
        allow_empty=allow_empty,
        quiet=quiet,
        exit_zero=exit_zero,
        statistics=statistics,
        color=color,
    )
    finish(command.lint(command.LintOptions(check, baseline, write_baseline, date, log), settings))


@app.command()
def coverage(
    paths: PathsArgument = None,
    output_format: CoverageFormatOption = "text",
    output: OutputOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    persona: PersonaOption = None,
    stage: StageOption = None,
    fail_under: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            metavar="PERCENT",
            parser=percent,
            help="Exit 1 when total coverage is below this percentage (also `fail-under` in configuration).",
        ),
    ] = None,
    color: ColorOption = "auto",
    allow_empty: AllowEmptyOption = False,
    jobs: JobsOption = None,
) -> None:
    """Show which persona x stage cells each map covers, and where the gaps are.

    A cell is covered (an experience with touchpoints, an emotion and tasks), partial, unmapped (touchpoints
    but no experience), missing, or not applicable. Exit 1 below --fail-under or when a map has errors.
    """
    from journeykit.commands import coverage as command
    from journeykit.commands.check import CheckOptions

    settings = settings_for(config, jobs)
    check = CheckOptions(paths or ["."], output_format, output, stdin_filename, allow_empty=allow_empty, color=color)
    options = command.CoverageOptions(check, tuple(persona or ()), tuple(stage or ()), fail_under)
    finish(command.coverage(options, settings))


@app.command()
def render(
    paths: PathsArgument = None,
    outdir: Annotated[
        Path, typer.Option("--output", "-o", metavar="DIR", help="Directory to write the reports and diagrams to.")
    ] = ...,  # type: ignore[assignment]
    formats: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMATS", help="Comma-separated: html, svg, png, pdf, dot (default: html)."
        ),
    ] = "html",
    persona: PersonaOption = None,
    stage: StageOption = None,
    lanes: Annotated[bool, typer.Option(help="Draw one lane per persona in the diagram.")] = False,
    template_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            metavar="DIR",
            help="Directory of templates that override the built-in ones by name (see docs/templates.md).",
        ),
    ] = None,
    allow_inside_input: Annotated[
        bool, typer.Option(help="Allow the output directory inside a directory that is searched for maps.")
    ] = False,
    as_of: LintAsOfOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
    allow_empty: AllowEmptyOption = False,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            metavar="REV",
            help="Mark what changed since this git revision: new, moved and changed touchpoints and cells, "
            "removed ones struck through, emotions before (see docs/diff.md).",
        ),
    ] = None,
    events: EventsOption = None,
    window: WindowOption = None,
    start: FromOption = None,
    end: ToOption = None,
    actor_column: ActorColumnOption = None,
    time_column: TimeColumnOption = None,
    event_column: EventColumnOption = None,
    persona_column: PersonaColumnOption = None,
    engine: EngineOption = None,
    spark_master: SparkMasterOption = None,
    events_format: EventsFormatOption = None,
) -> None:
    """Render each map as a Graphviz diagram and a self-contained HTML report, with an index page.

    Maps with errors are not rendered: their findings are printed and the exit code is 1.
    svg, png, pdf and html need Graphviz's `dot`; dot output does not. With --events, the reports and diagrams
    show what the event log measured (docs/analytics.md).
    """
    from journeykit.commands import render as command
    from journeykit.commands.check import CheckOptions

    date = rules_date(as_of, bool(events))
    log = log_choices_if_events(**log_arguments(locals()))
    settings = settings_for(config)
    options = command.RenderOptions(
        check=CheckOptions(paths or ["."], "text", None, stdin_filename, allow_empty=allow_empty),
        outdir=outdir,
        formats=command.parse_formats(formats),
        personas=tuple(persona or ()),
        stages=tuple(stage or ()),
        lanes=lanes,
        template_dir=template_dir,
        allow_inside_input=allow_inside_input,
        as_of=date,
        since=since,
        events=log,
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
    code: Annotated[
        Optional[str],  # noqa: UP045
        typer.Argument(
            metavar="CODE", help="A rule code or name to explain, or a prefix such as JK5 to list a family."
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            parser=choice("format", ("text", "json", "markdown")),
            help="text, json or markdown.",
        ),
    ] = "text",
) -> None:
    """List every rule, or explain one (`journeykit rules JK501`)."""
    from journeykit.commands import rules as command

    finish(
        command.list_rules(sys.stdout, output_format)
        if code is None
        else command.explain(sys.stdout, code, output_format)
    )
