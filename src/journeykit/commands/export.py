"""`journeykit export`: maps as Mermaid Markdown, CSV spreadsheets or JSON, for other tools.

Only maps without errors are exported (like render): the errors of the others are printed on
standard error and the exit code is 1. Files are written atomically.
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.errors import UsageError
from journeykit.model import Journey
from journeykit.output import atomic_bytes, open_output, write_json
from journeykit.present import plural

EXPORT_FORMATS = ("mermaid", "csv", "json")


@dataclass(frozen=True)
class ExportOptions:
    paths: Sequence[str]
    output_format: str
    output: Path | None = None
    bom: bool = False
    stdin_filename: str | None = None


def export(options: ExportOptions, settings: Settings) -> int:
    """Export every map under the paths that has no error."""
    if options.output_format not in EXPORT_FORMATS:
        raise UsageError(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    if options.bom and options.output_format != "csv":
        raise UsageError("--bom applies to --format csv only")
    checked = load(CheckOptions(options.paths, "text", None, options.stdin_filename), settings)
    errors = checked.result.errors_only()
    blocked = {f.location.file for f in errors.findings}
    journeys = [j for j in checked.analysis.journeys if j.file not in blocked]
    if blocked:
        from journeykit.reporters import DIAGNOSTIC_FORMATS, ReportContext

        DIAGNOSTIC_FORMATS.get("text").report(errors, sys.stderr, ReportContext("export"))
        print(f"journeykit: {plural(len(blocked), 'file')} with errors not exported", file=sys.stderr)
    if options.output_format == "csv":
        _write_csv(journeys, options)
    elif options.output_format == "json":
        from journeykit.export import json_model

        with open_output(options.output) as out:
            write_json(out, json_model.document(journeys))
    elif journeys or not blocked:
        from journeykit.export import mermaid

        with open_output(options.output) as out:
            out.write(mermaid.document(journeys))
    return 1 if blocked else 0


def _write_csv(journeys: Sequence[Journey], options: ExportOptions) -> None:
    """Two spreadsheets per map in the `-o` directory (default: the current directory)."""
    from journeykit.export import csv_export, csv_layout

    outdir = options.output or Path()
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"--output {outdir}: --format csv writes a directory of files, and this is a file")
    prefix = codecs.BOM_UTF8 if options.bom else b""
    for journey in journeys:
        for suffix, text in (
            (csv_layout.EXPERIENCES_SUFFIX, csv_export.experiences_csv(journey)),
            (csv_layout.TOUCHPOINTS_SUFFIX, csv_export.touchpoints_csv(journey)),
        ):
            path = outdir / f"{journey.id}{suffix}"
            atomic_bytes(path, prefix + text.encode("utf-8"))
            print(path.as_posix())
