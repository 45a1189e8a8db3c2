"""`--format text`: per map and persona group, the funnel table, touchpoint reach and backtracks; then the
map's never-seen and top unmapped events. Text from the log is shown with control characters escaped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from journeykit.analytics.reporters.rows import FUNNEL_HEADER, TOP_UNMAPPED, funnel_rows, summary, touchpoint_rows
from journeykit.analytics.reporters.units import window
from journeykit.analytics.result import AnalyticsResult, MapAnalytics
from journeykit.analytics.timestamps import format_instant


def report(result: AnalyticsResult, out: TextIO) -> None:
    settings = result.settings
    span = f"{_when(settings.start)} to {_when(settings.end)}"
    out.write(
        f"journeykit analytics: {len(settings.files)} file(s), window {window(settings.window_seconds)}, "
        f"entries {span}, as of {format_instant(settings.as_of)}, engine {settings.engine}\n"
    )
    for figures in result.maps:
        _map(figures, out)


def _when(micros: int | None) -> str:
    return "(any)" if micros is None else format_instant(micros)


def _map(figures: MapAnalytics, out: TextIO) -> None:
    out.write(f"\n== {_safe(figures.map_id)} ({_safe(figures.file)})\n")
    for group in figures.groups.values():
        out.write(f"\n-- {_safe(group.group)}: {summary(group)}\n")
        rows = funnel_rows(group)
        _table(out, FUNNEL_HEADER, [row.cells for row in rows])
        reach = touchpoint_rows(figures, group)
        if reach:
            out.write("touchpoint reach:\n")
            _table(out, ("touchpoint", "actors"), reach, indent="  ")
        if group.backtracks:
            out.write("backtracks:\n")
            _table(
                out,
                ("from", "to", "steps", "actors"),
                [(b.from_stage, b.to_stage, f"{b.steps:,}", f"{b.actors:,}") for b in group.backtracks],
                indent="  ",
            )
    later = {stage: n for stage, n in figures.entered_later.items() if n}
    if later:
        out.write("\nstarted mid-journey (not in the funnel): ")
        out.write(", ".join(f"{_safe(stage)} {n:,}" for stage, n in later.items()) + "\n")
    if figures.never_seen:
        out.write(f"\nevents never seen in the log: {', '.join(_safe(e) for e in figures.never_seen)}\n")
    if figures.unmapped:
        shown = figures.unmapped[:TOP_UNMAPPED]
        more = len(figures.unmapped) - len(shown)
        top = f", top {len(shown)} of {len(figures.unmapped)}" if more else ""
        out.write(f"\nunmapped events (no touchpoint lists them){top}:\n")
        _table(out, ("event", "rows"), [(u.event, f"{u.rows:,}") for u in shown], indent="  ")


def _table(out: TextIO, header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> None:
    cells = [[_safe(c) for c in header], *[[_safe(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        line = "  ".join(
            c.rjust(w) if i and c[:1].isdigit() else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        out.write(indent + line.rstrip() + "\n")


def _safe(text: str) -> str:
    """Control characters from the log or the map shown escaped, so they cannot move the cursor or recolour."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
