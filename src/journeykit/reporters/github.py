"""GitHub Actions workflow commands: one annotation per finding, grouped per file.

GitHub shows at most 10 annotations of each type (error, warning, notice) per step and
drops the rest silently, so findings past that limit are printed as plain log lines and
the run says so at the end.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from journeykit.findings import Finding, Severity
from journeykit.present import plural
from journeykit.reporters import ReportContext
from journeykit.reporters.concise import one_line
from journeykit.result import Result
from journeykit.sanitize import printable

ANNOTATIONS_PER_TYPE = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    loc = finding.location
    props = [f"file={escape_property(printable(loc.file))}", f"line={loc.line}", f"col={loc.column}"]
    if loc.end_line is not None:
        props.append(f"endLine={loc.end_line}")
        if loc.end_line == loc.line and loc.end_column is not None:
            props.append(f"endColumn={loc.end_column}")
    props.append(f"title={escape_property(f'journeykit {finding.code}')}")
    body = printable(finding.message) + (f"\nhint: {printable(finding.hint)}" if finding.hint else "")
    return f"::{COMMANDS[finding.severity]} {','.join(props)}::{escape_data(body)}"


def plain(finding: Finding) -> str:
    return escape_data(one_line(finding))


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    shown = dict.fromkeys(Severity, 0)
    overflow = dict.fromkeys(Severity, 0)
    for file, findings in groupby(result.sorted_findings(), key=lambda f: f.location.file):
        out.write(f"::group::{escape_data(printable(file))}\n")
        for finding in findings:
            if shown[finding.severity] < ANNOTATIONS_PER_TYPE:
                shown[finding.severity] += 1
                out.write(annotation(finding) + "\n")
            else:
                overflow[finding.severity] += 1
                out.write(plain(finding) + "\n")
        out.write("::endgroup::\n")
    for severity, count in overflow.items():
        if count:
            kind = COMMANDS[severity]
            out.write(
                f"journeykit: {plural(count, 'more ' + severity.label)} printed above as "
                f"plain lines: GitHub shows only {ANNOTATIONS_PER_TYPE} {kind} annotations per step.\n"
            )
    summary = result.summary
    checked = plural(summary.files_checked, "file")
    out.write(f"journeykit {context.command}: {summary.counts_phrase()} ({checked} checked).\n")
