"""Coverage in the terminal: a table per map, symbols readable without colour, then the gaps."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from journeykit.console import console_for
from journeykit.coverage import CellState, CoverageMatrix, CoverageReport, Ratio, gap_location
from journeykit.present import STATE_SYMBOLS, fraction, percent, plural, state_label
from journeykit.reporters import ReportContext
from journeykit.sanitize import printable

STYLES: dict[CellState, str] = {
    "covered": "green",
    "partial": "yellow",
    "unmapped": "red",
    "missing": "bold red",
    "not-applicable": "dim",
}


def report(coverage: CoverageReport, out: TextIO, context: ReportContext) -> None:
    console = console_for(out)
    ascii_only = not console.encoding.lower().startswith("utf")
    for matrix in coverage.matrices:
        if not matrix.personas:
            journey = matrix.journey
            console.print(
                Text(f"{printable(journey.title)} ({printable(journey.file)}): no personas, nothing to cover.")
            )
            console.print()
            continue
        console.print(_table(matrix, ascii_only))
        _print_gaps(console, matrix)
        console.print()
    legend = "  ".join(f"{STATE_SYMBOLS[s][1 if ascii_only else 0]} {s}" for s in STATE_SYMBOLS)
    console.print(Text(legend, style="dim"))
    total = coverage.total
    console.print(
        Text(
            f"Total: {percent(total.coverage, 1)} covered, {percent(total.evidence, 1)} evidenced "
            f"({total.covered} of {total.applicable} applicable cells in {plural(len(coverage.matrices), 'map')}).",
            style="bold",
        )
    )


def _table(matrix: CoverageMatrix, ascii_only: bool) -> Table:
    journey = matrix.journey
    table = Table(
        title=f"{printable(journey.title)} ({printable(journey.file)})", title_justify="left", header_style="bold"
    )
    table.add_column("persona")
    for stage in matrix.stages:
        table.add_column(printable(journey.stage_by_id[stage].name), justify="center", no_wrap=True)
    table.add_column("coverage", justify="right", no_wrap=True)
    by_persona = matrix.by_persona()
    for persona in matrix.personas:
        cells = [_symbol(cell.state, ascii_only) for cell in matrix.row(persona)]
        table.add_row(printable(journey.persona_by_id[persona].name), *cells, _ratio(by_persona[persona]))
    by_stage = matrix.by_stage()
    table.add_row(
        Text("coverage", style="bold"), *(_ratio(by_stage[s]) for s in matrix.stages), _ratio(matrix.total, total=True)
    )
    return table


def _symbol(state: CellState, ascii_only: bool) -> Text:
    unicode_symbol, ascii_symbol = STATE_SYMBOLS[state]
    return Text(ascii_symbol if ascii_only else unicode_symbol, style=STYLES[state])


def _ratio(ratio: Ratio, *, total: bool = False) -> Text:
    return Text(fraction(ratio, 1 if total else 0), style="bold" if total else "")


def _print_gaps(console: Console, matrix: CoverageMatrix) -> None:
    gaps = matrix.gaps()
    if not gaps:
        return
    console.print(Text(f"Gaps ({len(gaps)}):", style="bold"))
    for cell in gaps:
        location = gap_location(matrix, cell)
        what = state_label(cell.state, cell.lacks)
        console.print(
            Text.assemble(f"  {printable(str(location))}  ", (f"{cell.persona} × {cell.stage}", "bold"), f"  {what}")
        )
