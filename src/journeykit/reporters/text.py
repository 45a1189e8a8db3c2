"""Human output: location, severity and code, message, the source line with a caret, the hint, a summary."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.text import Text

from journeykit.console import console_for
from journeykit.findings import Finding, Severity
from journeykit.present import plural
from journeykit.reporters import ReportContext
from journeykit.result import Result
from journeykit.rules.registry import all_rules
from journeykit.sanitize import printable

PRINTS_NOTES = True
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    console = console_for(out, context.color)
    for finding in result.sorted_findings():
        console.print(_headline(finding))
        _print_source(console, finding, result)
        if finding.hint:
            console.print(Text.assemble(("    = ", "dim"), ("hint: ", "bold"), printable(finding.hint)))
        console.print()
    if context.quiet:
        return
    print_summary(console, result)
    for note in result.notes:
        console.print(Text(note, style="dim"))


def _headline(finding: Finding) -> Text:
    return Text.assemble(
        (f"{printable(str(finding.location))}: ", "bold"),
        (f"{finding.severity.label}[{finding.code}]", STYLES[finding.severity]),
        " ",
        printable(finding.message),
    )


def _print_source(console: Console, finding: Finding, result: Result) -> None:
    loc = finding.location
    source = result.sources.get(loc.file)
    line = source.line_text(loc.line) if source else ""
    if not line.strip():
        return
    line = printable(line.replace("\t", "→"))  # one character, so the caret stays aligned, and visible
    gutter = str(loc.line)
    pad = " " * len(gutter)
    start = max(loc.column - 1, 0)
    if loc.end_line == loc.line and loc.end_column and loc.end_column > loc.column:
        width = loc.end_column - loc.column
    else:
        width = max(len(line.rstrip()) - start, 1)
    console.print(Text(f"{pad} |", style="dim"))
    console.print(Text.assemble((f"{gutter} | ", "dim"), line))
    console.print(Text.assemble((f"{pad} | ", "dim"), " " * start, ("^" * width, STYLES[finding.severity])))


def print_summary(console: Console, result: Result) -> None:
    """`Found 2 errors and 1 warning in 2 files (5 checked).` and counts per code."""
    summary = result.summary
    checked = f"{plural(summary.files_checked, 'file')} checked"
    if not result.findings:
        console.print(Text(f"All checks passed ({checked}).", style="bold green"))
        return
    files = plural(summary.files_with_findings, "file")
    console.print(Text(f"Found {summary.counts_phrase()} in {files} ({checked}).", style="bold"))
    rules = all_rules()
    for code, n in sorted(summary.by_code.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        console.print(Text.assemble(f"{n:>5}  ", (code, "bold"), f"  {rule.name if rule else ''}"))
