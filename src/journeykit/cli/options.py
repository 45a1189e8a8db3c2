"""Options shared by several commands, and the small helpers that turn them into settings.

Values are parsed here rather than by typer's types, so that a wrong value gets journeykit's own
message with the choices and the closest one ("did you mean `json`?"), and `--help` shows
metavars (FILE, CODES, PERCENT) instead of Python types.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from journeykit.errors import UsageError
from journeykit.present import suggestion
from journeykit.reporters import COVERAGE_FORMATS, DIAGNOSTIC_FORMATS

if TYPE_CHECKING:
    from journeykit.config import Settings

COLORS = ("auto", "always", "never")
SEVERITIES = ("error", "warning", "info")


def choice(option: str, choices: Sequence[str]) -> Callable[[str], str]:
    """A parser that accepts one of `choices` (any case) and names the closest otherwise."""

    def parse(value: str) -> str:
        wanted = value.strip().lower()
        if wanted in choices:
            return wanted
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}{suggestion(wanted, choices)}")

    parse.__name__ = option
    return parse


def percent(value: str) -> float:
    """A percentage from 0 to 100."""
    try:
        number = float(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a number: give a percentage from 0 to 100") from None
    if not 0 <= number <= 100:
        raise typer.BadParameter(f"{value} is not a percentage from 0 to 100")
    return number


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
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=choice("format", DIAGNOSTIC_FORMATS.names),
        help=f"Output format: {', '.join(DIAGNOSTIC_FORMATS.names)}. Default: text, or github on GitHub Actions "
        "when writing to standard output.",
        show_default=False,
    ),
]
CoverageFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=choice("format", COVERAGE_FORMATS.names),
        help="text, json, markdown (for pull requests and job summaries) or html.",
    ),
]
OutputOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write the report to this file (atomically) instead of standard output."
    ),
]
ConfigOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--config", metavar="FILE", help="Configuration file (default: the closest journeykit.toml or pyproject.toml)."
    ),
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
        metavar="NAME",
        help="Name to report for standard input; catalogs are looked up from its directory.",
    ),
]
FailOnOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        metavar="SEVERITY",
        parser=choice("fail-on", SEVERITIES),
        help="Lowest severity that makes the run fail: error, warning or info (default: error).",
    ),
]
ColorOption = Annotated[
    str,
    typer.Option(
        metavar="WHEN",
        parser=choice("color", COLORS),
        help="Colour in the text output: auto (on a terminal, unless NO_COLOR is set), always or never.",
    ),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print the findings and nothing else: no summary, no notes.")
]
ExitZeroOption = Annotated[
    bool,
    typer.Option(
        "--exit-zero", help="Exit 0 even when there are findings (2 still means the command could not do its job)."
    ),
]
StatisticsOption = Annotated[
    bool, typer.Option("--statistics", help="Print how many findings each code has, instead of the findings.")
]
AllowEmptyOption = Annotated[
    bool,
    typer.Option(
        "--allow-empty",
        help="Succeed when the paths hold no map or catalog (default: exit 2, so a wrong path cannot pass CI).",
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


def diagnostic_format(chosen: str | None, output: Path | None = None) -> str:
    """The chosen format; by default github on GitHub Actions when the report goes to the log, else text."""
    if chosen is not None:
        return chosen
    on_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    return "github" if on_actions and output is None else "text"


def finish(code: int) -> NoReturn:
    raise typer.Exit(code)
