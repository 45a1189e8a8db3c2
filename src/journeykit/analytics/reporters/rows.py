"""The rows that the text and Markdown reports share: one table per persona group, then the lists."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.analytics.reporters.units import duration, percent
from journeykit.analytics.result import GroupFigures, MapAnalytics

TOP_UNMAPPED = 10
FUNNEL_HEADER = ("stage", "reached", "conversion", "step", "median", "p75", "p95", "")


@dataclass(frozen=True)
class FunnelRow:
    cells: tuple[str, ...]
    largest_drop: bool


def funnel_rows(group: GroupFigures) -> list[FunnelRow]:
    """One row per stage; the stage with the lowest step conversion says so in words."""
    drop = group.largest_drop
    rows = []
    for stage in group.stages:
        time = stage.time_to_stage
        note = []
        if stage.optional:
            note.append(f"optional, skipped by {stage.skipped or 0:,}")
        marked = drop is not None and stage is drop and stage.step is not None and stage.step < 1
        if marked and stage.step is not None:
            note.append(f"largest drop: {percent(1 - stage.step)} lost")
        rows.append(
            FunnelRow(
                (
                    stage.stage,
                    f"{stage.reached:,}",
                    percent(stage.conversion),
                    percent(stage.step),
                    duration(time.median if time else None),
                    duration(time.p75 if time else None),
                    duration(time.p95 if time else None),
                    "; ".join(note),
                ),
                marked,
            )
        )
    return rows


def touchpoint_rows(figures: MapAnalytics, group: GroupFigures) -> list[tuple[str, str]]:
    """(touchpoint, reach): touchpoints without events say so rather than show a misleading 0."""
    listed = {t.id: bool(t.events) for t in figures.journey.touchpoints} if figures.journey else {}
    rows = []
    for touchpoint, reach in group.touchpoints.items():
        shown = f"{reach:,}" if listed.get(touchpoint, True) else "no events listed"
        rows.append((touchpoint, shown))
    return rows


def summary(group: GroupFigures) -> str:
    return f"{group.entered:,} entered (mature), {group.in_progress:,} in progress"
