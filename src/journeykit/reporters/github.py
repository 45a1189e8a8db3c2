"""GitHub Actions workflow commands: one annotation per finding, grouped per file.

GitHub shows at most 10 annotations of each type (error, warning, notice) per step and
drops the rest silently, so findings past that limit are printed as plain log lines and
the run says so at the end. On a pull request the annotations go to the files it changes first.
"""

from __future__ import annotations

import os
import subprocess
from itertools import groupby
from typing import TextIO

from journeykit.findings import Finding, Severity
from journeykit.present import plural
from journeykit.reporters import ReportContext
from journeykit.reporters.concise import one_line
from journeykit.result import Result
from journeykit.sanitize import printable
from journeykit.source import Location

ANNOTATIONS_PER_TYPE = 10
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(severity: Severity, loc: Location, title: str, *lines: str) -> str:
    """One annotation at `loc`: the file name, the title and each line of the body made printable and
    escaped, so that no user text can end the command or start another one."""
    props = [f"file={escape_property(printable(loc.file))}", f"line={loc.line}", f"col={loc.column}"]
    if loc.end_line is not None:
        props.append(f"endLine={loc.end_line}")
        if loc.end_line == loc.line and loc.end_column is not None:
            props.append(f"endColumn={loc.end_column}")
    props.append(f"title={escape_property(printable(title))}")
    body = "\n".join(printable(line) for line in lines)
    return f"::{COMMANDS[severity]} {','.join(props)}::{escape_data(body)}"


def annotation(finding: Finding) -> str:
    hint = (f"hint: {finding.hint}",) if finding.hint else ()
    return workflow_command(finding.severity, finding.location, f"journeykit {finding.code}", finding.message, *hint)


def plain(finding: Finding) -> str:
    return escape_data(one_line(finding))


def annotated(findings: list[Finding], changed: set[str]) -> set[int]:
    """Which findings get one of GitHub's annotations (10 per type and step): for each type, those in
    the files the pull request changes first, then the others, in file order."""
    chosen: set[int] = set()
    for severity in sorted(Severity, reverse=True):
        same = [i for i, f in enumerate(findings) if f.severity is severity]
        ranked = sorted(same, key=lambda i: findings[i].location.file not in changed)
        chosen.update(ranked[:ANNOTATIONS_PER_TYPE])
    return chosen


def changed_files() -> set[str]:
    """The files a pull request changes, relative to the working directory, when GitHub Actions says
    which branch it targets (GITHUB_BASE_REF) and git can tell; otherwise none."""
    base = os.environ.get("GITHUB_BASE_REF")
    if not base:
        return set()
    try:
        completed = subprocess.run(
            ["git", "diff", "--name-only", "--relative", f"origin/{base}...HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    return set(completed.stdout.splitlines()) if completed.returncode == 0 else set()


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    findings = result.sorted_findings()
    chosen = annotated(findings, changed_files())
    overflow = dict.fromkeys(Severity, 0)
    numbered = list(enumerate(findings))
    for file, group in groupby(numbered, key=lambda item: item[1].location.file):
        out.write(f"::group::{escape_data(printable(file))}\n")
        for index, finding in group:
            if index in chosen:
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
