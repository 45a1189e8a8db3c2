"""GitLab Code Quality report (a JSON array), shown in merge request widgets."""

from __future__ import annotations

from typing import Any, TextIO

from journeykit.findings import Finding, Severity
from journeykit.output import write_json
from journeykit.reporters import ReportContext
from journeykit.result import Result

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    description = f"{finding.code} {finding.message}" + (f" (hint: {finding.hint})" if finding.hint else "")
    positions: dict[str, Any] = {"begin": {"line": loc.line, "column": loc.column}}
    if loc.end_line is not None:
        positions["end"] = {"line": loc.end_line, "column": loc.end_column or loc.column}
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": description,
        "categories": ["Style"],
        "severity": SEVERITIES[finding.severity],
        "fingerprint": finding.fingerprint,
        "location": {"path": loc.file, "positions": positions},
    }


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    write_json(out, [issue(f) for f in result.sorted_findings()])
