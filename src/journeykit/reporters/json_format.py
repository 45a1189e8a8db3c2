"""The JSON contract of docs/output.md: `diagnostics` and `summary`, with a format version."""

from __future__ import annotations

from typing import Any, TextIO

from journeykit import __version__
from journeykit.findings import Finding
from journeykit.output import write_json
from journeykit.reporters import ReportContext
from journeykit.result import Result
from journeykit.rules.registry import all_rules

FORMAT_VERSION = 1
# Changes to the shape, newest first; bump FORMAT_VERSION for anything a reader could trip on.
#   1: first version: diagnostics [{file, line, column, end_line, end_column, code, severity,
#      message, hint, rule, fingerprint}], summary {error, warning, info, files_checked,
#      files_with_findings, by_code}.


def diagnostic(finding: Finding) -> dict[str, Any]:
    rule = all_rules().get(finding.code)
    loc = finding.location
    return {
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "code": finding.code,
        "severity": finding.severity.label,
        "message": finding.message,
        "hint": finding.hint,
        "rule": rule.name if rule else None,
        "fingerprint": finding.fingerprint,
    }


def document(result: Result, context: ReportContext) -> dict[str, Any]:
    summary = result.summary
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "journeykit", "version": __version__},
        "command": context.command,
        "diagnostics": [diagnostic(f) for f in result.sorted_findings()],
        "summary": {
            **summary.by_severity,
            "files_checked": summary.files_checked,
            "files_with_findings": summary.files_with_findings,
            "by_code": summary.by_code,
        },
    }


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    write_json(out, document(result, context))
