"""Human output: changes grouped per map, the map with the most severe change first, then a summary.

Map text reaches the terminal only through `printable` inside rich `Text`, so a map can neither
forge an output line nor send escape sequences.
"""

from __future__ import annotations

from typing import TextIO

from rich.text import Text

from journeykit.console import console_for
from journeykit.diff.changes import Change, DiffReport
from journeykit.diff.reporters.common import side_name, summary
from journeykit.findings import Severity
from journeykit.present import plural
from journeykit.reporters import ReportContext
from journeykit.sanitize import printable

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}
KIND_WIDTH = 20


def report(diff: DiffReport, out: TextIO, context: ReportContext) -> None:
    console = console_for(out)
    header = f"Journey changes from {side_name(diff.base)} to {side_name(diff.head)}"
    console.print(Text(printable(header), style="bold"))
    coverage = {entry.map: entry for entry in diff.coverage}
    for group, changes in diff.by_map():
        console.print()
        title = Text.assemble((printable(group), "bold"))
        file = next((c.file for c in changes if c.file), None)
        if file and file != group:
            title.append(f"  {printable(file)}", style="dim")
        if group in coverage:
            title.append(f"  coverage {coverage[group].phrase()}")
        console.print(title)
        width = max(len(_where(c, file)) for c in changes)
        for change in changes:
            console.print(line(change, file, width))
    console.print()
    if diff.empty:
        console.print(Text(f"No journey changes ({plural(diff.files_compared, 'file')} compared).", style="bold green"))
        return
    console.print(Text(f"Found {summary(diff)}.", style="bold"))


def line(change: Change, file: str | None = None, width: int = 0) -> Text:
    """`  warning  touchpoint-moved     12:5  touchpoint 'x' moved ...`: one line, whatever the map holds."""
    text = Text("  ")
    text.append(f"{change.level.label:<8}", style=STYLES[change.level])
    text.append(f"{change.kind:<{KIND_WIDTH}} ")
    if width:
        text.append(f"{printable(_where(change, file)):<{width}}  ", style="dim")
    text.append(printable(change.message))
    return text


def _where(change: Change, file: str | None) -> str:
    """`12:5` in the map's own file, `file:12:5` elsewhere, nothing without a place in HEAD."""
    loc = change.location
    if loc is None:
        return ""
    return f"{loc.line}:{loc.column}" if loc.file == file else str(loc)
