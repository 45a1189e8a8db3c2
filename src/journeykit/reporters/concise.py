"""One line per finding, `file:line:col: severity[CODE] message`, for editors and problem matchers."""

from __future__ import annotations

from typing import TextIO

from journeykit.findings import Result
from journeykit.reporters import ReportContext
from journeykit.reporters.text import clean


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    for f in result.sorted_findings():
        hint = f" (hint: {clean(f.hint)})" if f.hint else ""
        out.write(f"{clean(str(f.location))}: {f.severity.label}[{f.code}] {clean(f.message)}{hint}\n")
