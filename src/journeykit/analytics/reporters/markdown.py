"""`--format markdown`: the same report for a CI job summary or a pull-request comment; map and log text
is escaped so that it cannot break the tables or inject markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from journeykit.analytics.reporters.rows import FUNNEL_HEADER, TOP_UNMAPPED, funnel_rows, summary, touchpoint_rows
from journeykit.analytics.reporters.units import window
from journeykit.analytics.result import AnalyticsResult, MapAnalytics
from journeykit.analytics.timestamps import format_instant

_SPECIAL = set("\\`*_{}[]|~$")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def report(result: AnalyticsResult, out: TextIO) -> None:
    settings = result.settings
    out.write("## Journey analytics\n\n")
    out.write(
        f"Window {window(settings.window_seconds)}, as of {format_instant(settings.as_of)}, "
        f"engine {settings.engine}, {len(settings.files)} file(s).\n"
    )
    for figures in result.maps:
        _map(figures, out)


def escape(text: str) -> str:
    """Markdown-escape text from a map or a log: punctuation backslashed, newlines and pipes neutralised."""
    flat = " ".join(text.splitlines())
    return "".join(_ENTITIES.get(c) or (f"\\{c}" if c in _SPECIAL else (c if c.isprintable() else " ")) for c in flat)


def _map(figures: MapAnalytics, out: TextIO) -> None:
    out.write(f"\n### {escape(figures.map_id)} ({escape(figures.file)})\n")
    for group in figures.groups.values():
        out.write(f"\n#### {escape(group.group)}: {summary(group)}\n\n")
        rows = funnel_rows(group)
        cells = [[escape(row.cells[0]), *row.cells[1:]] for row in rows]  # only the stage id is map text
        for row, cell in zip(rows, cells, strict=True):
            if row.largest_drop:
                cell[0] = f"**{cell[0]}**"
        _table(out, (*FUNNEL_HEADER[:-1], "note"), cells)
        reach = touchpoint_rows(figures, group)
        if reach:
            out.write("\nTouchpoint reach:\n\n")
            _table(out, ("touchpoint", "actors"), [[escape(a), b] for a, b in reach])
        if group.backtracks:
            out.write("\nBacktracks:\n\n")
            _table(
                out,
                ("from", "to", "steps", "actors"),
                [[escape(b.from_stage), escape(b.to_stage), f"{b.steps:,}", f"{b.actors:,}"] for b in group.backtracks],
            )
    later = {stage: n for stage, n in figures.entered_later.items() if n}
    if later:
        out.write("\nStarted mid-journey (not in the funnel): ")
        out.write(", ".join(f"{escape(stage)} {n:,}" for stage, n in later.items()) + "\n")
    if figures.never_seen:
        out.write(f"\nEvents never seen in the log: {', '.join(escape(e) for e in figures.never_seen)}\n")
    if figures.unmapped:
        out.write("\nUnmapped events (no touchpoint lists them):\n\n")
        _table(out, ("event", "rows"), [[escape(u.event), f"{u.rows:,}"] for u in figures.unmapped[:TOP_UNMAPPED]])


def _table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    out.write("| " + " | ".join(header) + " |\n")
    out.write("|" + "|".join("---" for _ in header) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(row) + " |\n")
