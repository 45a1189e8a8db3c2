"""The `journeykit` command line: thin typer commands that map options to settings and call the core.

Heavy modules (jsonschema, jinja2, graphviz, rich) are imported inside the commands that
need them, so `journeykit --version` and `--help` start fast.
"""

from __future__ import annotations

import datetime
import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from journeykit import __version__
from journeykit.errors import UsageError
from journeykit.reporters import COVERAGE_FORMATS, DIAGNOSTIC_FORMATS

if TYPE_CHECKING:
    from journeykit.config import Settings

DiagnosticFormat = enum.Enum("DiagnosticFormat", {name: name for name in DIAGNOSTIC_FORMATS}, type=str)  # type: ignore[misc]
CoverageFormat = enum.Enum("CoverageFormat", {name: name for name in COVERAGE_FORMATS}, type=str)  # type: ignore[misc]
TEXT_COVERAGE = CoverageFormat("text")

app = typer.Typer(
    name="journeykit",
    help="Customer journey maps as code: validate, lint, measure coverage and render YAML journey maps.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PathsArgument = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Argument(
        metavar="PATH",
        help="Map and catalog files, or directories to search (default: the current directory). "
        "`-` reads standard input.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Optional[DiagnosticFormat],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: text, or github when GITHUB_ACTIONS=true.",
        case_sensitive=False,
        show_default=False,
    ),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help="Write the report to this file (atomically) instead of standard output."),
]
ConfigOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Configuration file (default: the closest journeykit.toml or pyproject.toml)."),
]
PersonaOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--persona", "-p", metavar="ID", help="Only this persona (repeat for several)."),
]
StageOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--stage", "-s", metavar="ID", help="Only this stage (repeat for several)."),
]
AsOfOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(metavar="DATE", help="Measure review and evidence ages as of this date, YYYY-MM-DD (default: today)."),
]
StdinNameOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--stdin-filename",
        help="Name to report for standard input; catalogs are looked up from its directory.",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"journeykit {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Customer journey maps as code."""


def _settings(config: Path | None) -> Settings:
    from journeykit.config import load_settings

    return load_settings(config)


def _as_of(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of takes a date written YYYY-MM-DD, not {text!r}") from None


def _format(chosen: DiagnosticFormat | None) -> str:
    if chosen is not None:
        return str(chosen.value)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _finish(code: int) -> NoReturn:
    raise typer.Exit(code)


@app.command()
def validate(
    paths: PathsArgument = None,
    output_format: FormatOption = None,
    output: OutputOption = None,
    config: ConfigOption = None,
    stdin_filename: StdinNameOption = None,
) -> None:
    """Check maps and catalogs: YAML, the schema, ids and references (JK0xx-JK2xx).

    Exit 0 when no map has an error, 1 when one has, 2 when the command could not run.
    """
    from journeykit.commands.check import CheckOptions
    from journeykit.commands.check import validate as run

    settings = _settings(config)
    options = CheckOptions(paths or ["."], _format(output_format), output, stdin_filename)
    _finish(run(options, settings))


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
) -> None:
    """Check maps like validate, then run the lint rules (JK3xx-JK6xx): flow, coverage, content, interactions.

    Exit 0 when nothing is at or above the failing severity (fail-on, default error), 1 when something is.
    """
    from journeykit.commands import lint as command
    from journeykit.commands.check import CheckOptions
    from journeykit.findings import Severity

    base = _settings(config)
    try:
        severity = None if fail_on is None else Severity.parse(fail_on)
    except ValueError as error:
        raise UsageError(f"--fail-on: {error}") from None
    date = _as_of(as_of)
    settings = base.with_overrides(
        select=_codes(select),
        extend_select=None if extend_select is None else (*base.extend_select, *(_codes(extend_select) or ())),
        ignore=None if ignore is None else (*base.ignore, *(_codes(ignore) or ())),
        fail_on=severity,
    )
    if show_settings:
        _finish(command.show_settings(settings))
    check = CheckOptions(paths or ["."], _format(output_format), output, stdin_filename)
    _finish(command.lint(command.LintOptions(check, baseline, write_baseline, date), settings))


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
) -> None:
    """Show which persona x stage cells each map covers, and where the gaps are.

    A cell is covered (an experience with touchpoints, an emotion and tasks), partial, unmapped (touchpoints
    but no experience), missing, or not applicable. Exit 1 below --fail-under or when a map has errors.
    """
    from journeykit.commands import coverage as command
    from journeykit.commands.check import CheckOptions

    if fail_under is not None and not 0 <= fail_under <= 100:
        raise UsageError("--fail-under must be a percentage from 0 to 100")
    settings = _settings(config)
    check = CheckOptions(paths or ["."], str(output_format.value), output, stdin_filename)
    options = command.CoverageOptions(check, tuple(persona or ()), tuple(stage or ()), fail_under)
    _finish(command.coverage(options, settings))


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

    date = _as_of(as_of)
    settings = _settings(config)
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
    _finish(command.render(options, settings))


@app.command()
def schema(output: OutputOption = None) -> None:
    """Print the JSON Schema of the map format (for editors and other validators)."""
    from journeykit.output import open_output
    from journeykit.schema import schema_text

    with open_output(output) as out:
        out.write(schema_text())
    _finish(0)


@app.command()
def rules(
    code: Annotated[Optional[str], typer.Argument(help="A rule code or name to explain.")] = None,  # noqa: UP045
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
) -> None:
    """List every rule, or explain one (`journeykit rules JK501`)."""
    from journeykit.commands import rules as command

    if output_format not in command.RULE_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(command.RULE_FORMATS)}")
    result = (
        command.list_rules(sys.stdout, output_format)
        if code is None
        else command.explain(sys.stdout, code, output_format)
    )
    if isinstance(result, str):
        raise UsageError(result)
    _finish(result)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every outcome into an exit code (0, 1 or 2)."""
    try:
        app(args=argv, prog_name="journeykit")
    except SystemExit as exit_:
        return _exit_code(exit_.code)
    except UsageError as problem:
        _error(str(problem))
        return 2
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    except Exception as error:  # a bug in journeykit, never the answer to bad input
        if os.environ.get("JOURNEYKIT_TRACEBACK"):
            raise
        _error(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in journeykit; please report it with the input that caused it. "
            "Set JOURNEYKIT_TRACEBACK=1 to see the traceback."
        )
        return 2
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 2


def _error(message: str) -> None:
    print(f"journeykit: error: {message}", file=sys.stderr)
