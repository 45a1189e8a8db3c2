"""Options shared by several commands, and the small helpers that turn them into settings."""

from __future__ import annotations

import datetime
import enum
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from journeykit.errors import UsageError
from journeykit.reporters import COVERAGE_FORMATS, DIAGNOSTIC_FORMATS

if TYPE_CHECKING:
    from journeykit.config import Settings

DiagnosticFormat = enum.Enum("DiagnosticFormat", {n: n for n in DIAGNOSTIC_FORMATS.names}, type=str)  # type: ignore[misc]
CoverageFormat = enum.Enum("CoverageFormat", {n: n for n in COVERAGE_FORMATS.names}, type=str)  # type: ignore[misc]
TEXT_COVERAGE = CoverageFormat("text")

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
JobsOption = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        max=256,
        metavar="N",
        help="Processes for directories of many maps (more than 64 files); 1 checks in this process, 0 uses one "
        "per CPU. Default: `jobs` in configuration, else one per CPU.",
        show_default=False,
    ),
]


def settings_for(config: Path | None, jobs: int | None = None) -> Settings:
    """The configuration from `--config`, or the closest configuration file; `--jobs` on top."""
    from journeykit.config import load_settings

    settings = load_settings(config)
    return settings if jobs is None else settings.with_overrides(jobs=jobs)


def as_of_date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of takes a date written YYYY-MM-DD, not {text!r}") from None


def diagnostic_format(chosen: DiagnosticFormat | None) -> str:
    if chosen is not None:
        return str(chosen.value)
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def finish(code: int) -> NoReturn:
    raise typer.Exit(code)
