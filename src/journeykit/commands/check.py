"""`journeykit validate`: files, schema and references."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeykit.checks import Checked, run_checks
from journeykit.config import Settings
from journeykit.findings import Severity
from journeykit.output import open_output
from journeykit.reporters import DIAGNOSTIC_FORMATS, ReportContext
from journeykit.result import Result


@dataclass(frozen=True)
class CheckOptions:
    """Where maps come from and where the report goes: shared by every command that reads maps."""

    paths: Sequence[str]
    output_format: str = "text"
    output: Path | None = None
    stdin_filename: str | None = None


def load(
    options: CheckOptions,
    settings: Settings,
    *,
    lint_as_of: datetime.date | None = None,
    keep_maps: bool = True,
    coverage: bool = False,
) -> Checked:
    """Run the checks; warn on standard error when nothing was found.

    With `keep_maps` false (validate, lint, coverage), maps are released as they are checked, and
    `coverage` keeps each map's coverage matrix; commands that read the maps keep them.
    """
    checked = run_checks(
        options.paths,
        settings,
        stdin_name=options.stdin_filename or "<stdin>",
        lint_as_of=lint_as_of,
        keep_maps=keep_maps,
        coverage=coverage,
    )
    if checked.analysis.targets == 0:
        print(f"journeykit: warning: no maps or catalogs found in {', '.join(options.paths)}", file=sys.stderr)
    return checked


def emit(result: Result, options: CheckOptions, command: str, fail_on: Severity) -> None:
    """Print the result in the chosen format, to standard output or to `--output`."""
    reporter = DIAGNOSTIC_FORMATS.get(options.output_format)
    with open_output(options.output) as out:
        reporter.report(result, out, ReportContext(command=command, fail_on=fail_on))
    if not reporter.prints_notes or options.output is not None:
        for note in result.notes:
            print(f"journeykit: {note}", file=sys.stderr)


def validate(options: CheckOptions, settings: Settings) -> int:
    """Check files, schema and references; exit 1 when any map has an error."""
    result = load(options, settings, keep_maps=False).result
    emit(result, options, "validate", Severity.ERROR)
    return result.exit_code(Severity.ERROR)
