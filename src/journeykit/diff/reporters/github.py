"""GitHub Actions annotations on HEAD's lines for changes at warning and error level.

Escaped as reporters/github.py escapes findings. GitHub shows at most 10 annotations of each
type per step; the rest, and changes with no line in HEAD (a removed map), are printed as log
lines that start with `journeykit diff:`, so no map text ever starts a line.
"""

from __future__ import annotations

from typing import TextIO

from journeykit.diff.changes import Change, DiffReport
from journeykit.diff.reporters.common import side_name, summary
from journeykit.findings import Severity
from journeykit.present import plural
from journeykit.reporters import ReportContext
from journeykit.reporters.github import ANNOTATIONS_PER_TYPE, COMMANDS, escape_data, workflow_command
from journeykit.sanitize import printable

PREFIX = "journeykit diff:"


def annotation(change: Change) -> str:
    assert change.location is not None
    return workflow_command(change.level, change.location, f"journeykit diff {change.kind}", change.message)


def plain(change: Change) -> str:
    where = f"{change.location}: " if change.location else (f"{change.file}: " if change.file else "")
    return escape_data(printable(f"{PREFIX} {where}{change.level.label}[{change.kind}] {change.message}"))


def report(diff: DiffReport, out: TextIO, context: ReportContext) -> None:
    shown = dict.fromkeys(Severity, 0)
    overflow = dict.fromkeys(Severity, 0)
    # Journey changes before findings of the same level: annotations are few, and `journeykit lint` annotates
    # findings anyway.
    ordered = sorted(diff.sorted_changes(), key=lambda c: (-int(c.level), c.kind.startswith("finding-")))
    for change in ordered:
        if change.level < Severity.WARNING:
            continue
        if change.location is not None and shown[change.level] < ANNOTATIONS_PER_TYPE:
            shown[change.level] += 1
            out.write(annotation(change) + "\n")
            continue
        if change.location is not None:
            overflow[change.level] += 1
        out.write(plain(change) + "\n")
    for level, count in overflow.items():
        if count:
            out.write(
                f"{PREFIX} {plural(count, 'more ' + level.label)} printed above as plain lines: "
                f"GitHub shows only {ANNOTATIONS_PER_TYPE} {COMMANDS[level]} annotations per step.\n"
            )
    names = escape_data(printable(f"{side_name(diff.base)} → {side_name(diff.head)}"))
    out.write(f"{PREFIX} {names}: {escape_data(summary(diff))}.\n")
