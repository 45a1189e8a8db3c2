"""One line per finding, `file:line:col: severity[CODE] message`, for editors and problem matchers."""

from __future__ import annotations

from typing import TextIO

from journeykit.findings import Finding
from journeykit.reporters import ReportContext
from journeykit.result import Result
from journeykit.sanitize import printable


def one_line(finding: Finding) -> str:
    """`file:line:col: severity[CODE] message (hint: ...)`, with map text made printable."""
    hint = f" (hint: {printable(finding.hint)})" if finding.hint else ""
    where = printable(str(finding.location))
    return f"{where}: {finding.severity.label}[{finding.code}] {printable(finding.message)}{hint}"


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    for finding in result.sorted_findings():
        out.write(one_line(finding) + "\n")
