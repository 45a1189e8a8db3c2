"""`journeykit validate`: files, schema and references."""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeykit.checks import Checked, Measure, run_checks
from journeykit.config import Settings
from journeykit.discover import Finder, resolved
from journeykit.errors import UsageError
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
    allow_empty: bool = False
    """`--allow-empty`: paths that hold no map or catalog are not an error."""
    quiet: bool = False
    exit_zero: bool = False
    statistics: bool = False
    color: str = "auto"

    def exit_code(self, code: int) -> int:
        """`--exit-zero` turns "findings" (1) into success; 2 still means the command could not run."""
        return 0 if self.exit_zero and code == 1 else code


def refuse_overwriting_inputs(options: CheckOptions, settings: Settings, *outputs: Path | None) -> None:
    """An output file (`--output`, `--write-baseline`) may not be one of the maps or catalogs read."""
    wanted = [path for path in outputs if path is not None]
    if not wanted:
        return
    inputs = {resolved(t.path) for t in Finder(settings.exclude, settings.root).targets(options.paths) if t.path}
    for path in wanted:
        if resolved(path) in inputs:
            raise UsageError(f"{path} is one of the files being checked: write the output somewhere else")


def load(
    options: CheckOptions,
    settings: Settings,
    *,
    lint_as_of: datetime.date | None = None,
    measure: Measure | None = None,
    keep_maps: bool = True,
    coverage: bool = False,
) -> Checked:
    """Run the checks (`measure`, an event log's figures, before the rules); warn on standard error when
    nothing was found.

    With `keep_maps` false (validate, lint, coverage), maps are released as they are checked, and
    `coverage` keeps each map's coverage matrix; commands that read the maps keep them (and so does a
    run that measures the maps against an event log).
    """
    refuse_overwriting_inputs(options, settings, options.output)
    checked = run_checks(
        options.paths,
        settings,
        stdin_name=options.stdin_filename or "<stdin>",
        lint_as_of=lint_as_of,
        measure=measure,
        keep_maps=keep_maps,
        coverage=coverage,
    )
    if checked.analysis.targets == 0:
        searched = f"no maps or catalogs found in {', '.join(options.paths)}"
        if not (options.allow_empty or settings.allow_empty):
            excluded = f", or what `exclude` ({', '.join(settings.exclude)}) names" if settings.exclude else ""
            raise UsageError(
                f"{searched}: journeykit looks for *.journey.yaml, *.journey.yml, *.catalog.yaml and *.catalog.yml, "
                f"skipping dot-directories, git-ignored files{excluded}; name a file to check it whatever its name, "
                "or pass --allow-empty (allow-empty = true) to accept an empty tree"
            )
        print(f"journeykit: warning: {searched}", file=sys.stderr)
    return checked


def emit(result: Result, options: CheckOptions, command: str, fail_on: Severity) -> None:
    """Print the result in the chosen format, to standard output or to `--output`."""
    reporter = DIAGNOSTIC_FORMATS.get(options.output_format)
    context = ReportContext(command=command, fail_on=fail_on, quiet=options.quiet, color=options.color)
    with open_output(options.output) as out:
        if options.statistics:
            from journeykit.reporters import statistics

            statistics.report(result, out, context, as_json=options.output_format == "json")
        else:
            reporter.report(result, out, context)
    if options.quiet:
        return
    if not reporter.prints_notes or options.output is not None or options.statistics:
        for note in result.notes:
            print(f"journeykit: {note}", file=sys.stderr)


def validate(options: CheckOptions, settings: Settings) -> int:
    """Check files, schema and references; exit 1 when any map has an error."""
    result = load(options, settings, keep_maps=False).result
    emit(result, options, "validate", Severity.ERROR)
    return options.exit_code(result.exit_code(Severity.ERROR))
