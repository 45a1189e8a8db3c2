"""GitLab Code Quality report (a JSON array), shown in merge request widgets."""

from __future__ import annotations

import json
from typing import Any, TextIO

from journeykit.findings import Finding, Result, Severity
from journeykit.reporters import ReportContext

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
    json.dump([issue(f) for f in result.sorted_findings()], out, indent=2, ensure_ascii=False)
    out.write("\n")
