"""Human output: location, severity and code, message, the source line with a caret, the hint, a summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from rich.console import COLOR_SYSTEMS, Console
from rich.style import Style
from rich.text import Text

from journeykit.console import console_for
from journeykit.findings import Finding, Severity
from journeykit.present import plural
from journeykit.quoted import EXCERPT, excerpt
from journeykit.reporters import ReportContext
from journeykit.result import Result
from journeykit.rules.registry import all_rules
from journeykit.sanitize import printable

PRINTS_NOTES = True
STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}

Piece = tuple[str, str]
"""A run of text and its rich style ("" for none)."""


def report(result: Result, out: TextIO, context: ReportContext) -> None:
    console = console_for(out, context.color)
    write = _line_writer(console)
    for finding in result.sorted_findings():
        write(_headline(finding))
        for line in _source_lines(finding, result):
            write(line)
        if finding.hint:
            write([("    = ", "dim"), ("hint: ", "bold"), (printable(finding.hint), "")])
        write([])
    if context.quiet:
        return
    print_summary(console, result)
    for note in result.notes:
        console.print(Text(note, style="dim"))


def _line_writer(console: Console) -> Callable[[list[Piece]], None]:
    """Write one line of styled pieces exactly as `console.print` would, at a fixed cost per line.

    rich lays out every printed object (measuring, wrapping, splitting into segments), which
    costs more than the rest of a run once a map has tens of thousands of findings; a line of
    a few pieces needs only each style's escape codes, computed once per style.
    """
    if console.legacy_windows:  # the old Windows console is driven through its API, not escape codes
        return lambda pieces: console.print(Text.assemble(*pieces))
    system = COLOR_SYSTEMS.get(console.color_system or "")
    codes: dict[str, tuple[str, str]] = {}
    file = console.file

    def style_codes(name: str) -> tuple[str, str]:
        found = codes.get(name)
        if found is None:
            style = Style.parse(name)
            if console.no_color:
                style = style.without_color
            opening, _, closing = style.render("\x00", color_system=system).partition("\x00")
            found = codes[name] = (opening, closing)
        return found

    def write(pieces: list[Piece]) -> None:
        parts = []
        for text, name in pieces:
            if name and text and system is not None:
                opening, closing = style_codes(name)
                parts.append(f"{opening}{text}{closing}")
            else:
                parts.append(text)
        parts.append("\n")
        file.write("".join(parts))

    return write


def _headline(finding: Finding) -> list[Piece]:
    return [
        (f"{printable(str(finding.location))}: ", "bold"),
        (f"{finding.severity.label}[{finding.code}]", STYLES[finding.severity]),
        (" ", ""),
        (printable(finding.message), ""),
    ]


def _source_lines(finding: Finding, result: Result) -> list[list[Piece]]:
    """The quoted line with a caret under the place, or nothing when the line is empty or unknown."""
    loc = finding.location
    line = result.quoted.line(loc.file, loc.line)
    start = max(loc.column - 1, 0)
    width: int | None = None  # None: to the end of the line
    if loc.end_line == loc.line and loc.end_column and loc.end_column > loc.column:
        width = loc.end_column - loc.column
    if len(line) > EXCERPT:
        # A long line (a minified map) is cut around the place first, so that each finding costs
        # the same however long its line is.
        line, column, width = excerpt(line, start + 1, width or EXCERPT)
        start = column - 1
    line = printable(line.replace("\t", "→"))  # one character, so the caret stays aligned, and visible
    if not line.strip():
        return []
    if width is None:
        width = max(len(line.rstrip()) - start, 1)
    gutter = str(loc.line)
    pad = " " * len(gutter)
    return [
        [(f"{pad} |", "dim")],
        [(f"{gutter} | ", "dim"), (line, "")],
        [(f"{pad} | ", "dim"), (" " * start, ""), ("^" * width, STYLES[finding.severity])],
    ]


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
    for code, n in summary.most_common():
        rule = rules.get(code)
        console.print(Text.assemble(f"{n:>5}  ", (code, "bold"), f"  {rule.name if rule else ''}"))
