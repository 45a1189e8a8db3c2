"""The view model of what an event log measured, for the report (`render --events`) and `analytics --format html`:
a funnel chart per persona, the steps between the journey grid's stage columns, reach on the touchpoint chips,
the backtracks and the events the map does not list. Every number is written here, through journeykit.present.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeykit.analytics.reporters.rows import FUNNEL_HEADER, TOP_UNMAPPED, funnel_rows
from journeykit.analytics.result import RunSettings
from journeykit.analytics.timestamps import format_instant
from journeykit.figures import ALL, UNASSIGNED, GroupFigures, MapAnalytics, StageFigures
from journeykit.model import Journey
from journeykit.present import duration, percent, plural, window_words
from journeykit.render.view.common import anchor

CHART_WIDTH = 900
LABEL_WIDTH = 150
BAR_SPACE = 300
"""The longest bar (the entrants): the rest of the width holds the numbers in words beside each bar."""
ROW_HEIGHT = 30
BAR_HEIGHT = 18
GROUP_NAMES = {UNASSIGNED: "Unassigned (no persona of the map on the entry row)", ALL: "Everyone"}


@dataclass(frozen=True)
class FunnelBar:
    """One stage of a funnel chart: a bar as long as the share that reached it, and the numbers in words."""

    stage: str
    """The stage's name."""
    y: int
    width: int
    text_x: int
    text_y: int
    value: str
    """`347 reached · 69.8% of entrants · step 69.8%`."""
    note: str | None
    """In words: `largest drop: 30.2% lost`, `optional: 19 skipped`."""
    css: str
    """`bar`, with `drop` for the largest drop and `optional` for an optional stage."""


@dataclass(frozen=True)
class FunnelChart:
    """A persona group's funnel: an SVG of `width` x `height` with a bar per stage, and the same as a table."""

    id: str
    title: str
    summary: str
    width: int
    height: int
    label_width: int
    bars: tuple[FunnelBar, ...]
    description: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """The funnel table of `journeykit analytics` (stage, reached, conversion, step, median, p75, p95, note)."""


@dataclass(frozen=True)
class StepView:
    """The journey grid's row of measured steps: the arrow into a stage column, for one persona."""

    stage: str
    text: str
    """`entry: 497`, `→ 69.8% · median 1.7 h`, `nobody reached it`."""
    detail: str
    """The same at length, for the cell's title: `347 of 497 from Discovery; median 1.7 h, p75 3.5 h, p95 10.1 h`."""


@dataclass(frozen=True)
class BacktrackRow:
    from_stage: str
    to_stage: str
    steps: str
    actors: str
    share: str
    on_map: str
    """`yes` when a next or loops_to of the map leads from one stage to the other, else `no`."""


@dataclass(frozen=True)
class EventRow:
    event: str
    rows: str
    share: str


@dataclass(frozen=True)
class AnalyticsView:
    """Everything the report's "Measured" section shows about one map (templates/analytics.html.j2)."""

    id: str
    title: str
    summary: str
    source: str
    funnels: tuple[FunnelChart, ...]
    backtracks: tuple[BacktrackRow, ...]
    unmapped: tuple[EventRow, ...]
    unmapped_more: int
    """How many more unmapped event names the log has than `unmapped` shows."""
    never_seen: tuple[str, ...]
    entered_later: tuple[tuple[str, str], ...]
    """(stage name, actors) for the stages after the first where journeys started mid-way."""


@dataclass(frozen=True)
class AnalyticsPageMap:
    """One map's section of the standalone page."""

    anchor: str
    title: str
    file: str
    view: AnalyticsView


@dataclass(frozen=True)
class AnalyticsPage:
    """What analytics-page.html.j2 receives as `page` (`journeykit analytics --format html`)."""

    summary: str
    maps: tuple[AnalyticsPageMap, ...]


def build_analytics_page(maps: Sequence[MapAnalytics], settings: RunSettings) -> AnalyticsPage:
    """The page of every analysed map (each must carry its journey)."""
    sections = []
    for figures in maps:
        journey = figures.journey
        assert journey is not None  # run_analytics keeps the map beside its figures
        view = build_analytics_view(figures, settings, journey)
        sections.append(AnalyticsPageMap(anchor("map", figures.map_id), journey.title, figures.file, view))
    files = plural(len(settings.files), "file")
    return AnalyticsPage(
        summary=f"{files} of events ({', '.join(settings.files)}) over {plural(len(sections), 'map')}: window "
        f"{window_words(settings.window_seconds)}, read as of {format_instant(settings.as_of)}.",
        maps=tuple(sections),
    )


def build_analytics_view(
    figures: MapAnalytics,
    settings: RunSettings,
    journey: Journey,
    personas: Sequence[str] | None = None,
) -> AnalyticsView:
    """The section of one map; `personas` (default: all of the map's) are the funnels shown, then the groups
    `unassigned` (when it has entrants) and `all`."""
    shown = list(personas) if personas is not None else [p.id for p in journey.personas]
    groups = [figures.groups[p] for p in shown if p in figures.groups]
    if figures.unassigned.entered or figures.unassigned.in_progress:
        groups.append(figures.unassigned)
    groups.append(figures.everyone)
    everyone = figures.everyone
    total = sum(figures.log_events.values())
    listed_pairs = journey.joined_stages
    return AnalyticsView(
        id=anchor("measured", figures.map_id),
        title="Measured: the event log over the map",
        summary=_summary(figures, settings),
        source=", ".join(settings.files),
        funnels=tuple(_funnel(journey, group) for group in groups),
        backtracks=tuple(
            BacktrackRow(
                journey.stage_name(b.from_stage),
                journey.stage_name(b.to_stage),
                f"{b.steps:,}",
                f"{b.actors:,}",
                percent(b.actors / everyone.entered, 1) if everyone.entered else "n/a",
                "yes" if (b.from_stage, b.to_stage) in listed_pairs else "no",
            )
            for b in everyone.backtracks
        ),
        unmapped=tuple(
            EventRow(u.event, f"{u.rows:,}", percent(u.rows / total, 1) if total else "n/a")
            for u in figures.unmapped[:TOP_UNMAPPED]
        ),
        unmapped_more=max(0, len(figures.unmapped) - TOP_UNMAPPED),
        never_seen=figures.never_seen,
        entered_later=tuple((journey.stage_name(s), f"{n:,}") for s, n in figures.entered_later.items() if n),
    )


def lane_steps(figures: MapAnalytics, persona: str, journey: Journey, stages: Sequence[str]) -> tuple[StepView, ...]:
    """The measured step into each stage column shown, for one persona (empty when the log has no such group)."""
    group = figures.groups.get(persona)
    if group is None:
        return ()
    return tuple(_step(journey, group, group.stage(stage)) for stage in stages)


def reach_text(figures: MapAnalytics, persona: str, touchpoint: str, journey: Journey) -> str | None:
    """`met by 229 of 497` for a touchpoint chip in a persona's lane; None for a touchpoint without events."""
    group = figures.groups.get(persona)
    found = journey.touchpoint_by_id.get(touchpoint)
    if group is None or found is None or not found.events:
        return None
    return f"met by {group.touchpoints.get(touchpoint, 0):,} of {group.entered:,}"


def transition_counts(figures: MapAnalytics, groups: Sequence[str] = (ALL,)) -> dict[tuple[str, str], int]:
    """(from touchpoint, to touchpoint) → measured steps, summed over `groups` (for the diagram's edges)."""
    counts: dict[tuple[str, str], int] = {}
    for name in groups:
        group = figures.groups.get(name)
        for transition in group.transitions if group is not None else ():
            key = (transition.from_touchpoint, transition.to_touchpoint)
            counts[key] = counts.get(key, 0) + transition.steps
    return counts


# --- pieces ---------------------------------------------------------------------------------------


def _summary(figures: MapAnalytics, settings: RunSettings) -> str:
    everyone = figures.everyone
    span = ""
    if settings.start is not None or settings.end is not None:
        start = format_instant(settings.start) if settings.start is not None else "the start of the log"
        end = format_instant(settings.end) if settings.end is not None else "its end"
        span = f" entering from {start} to {end}"
    return (
        f"{everyone.entered:,} customer{'' if everyone.entered == 1 else 's'}{span} entered and had their full "
        "window of "
        f"{window_words(settings.window_seconds)}; {everyone.in_progress:,} more are still in progress. "
        f"The log is read as of {format_instant(settings.as_of)} (engine {settings.engine})."
    )


def _funnel(journey: Journey, group: GroupFigures) -> FunnelChart:
    name = journey.persona_by_id[group.group].name if group.group in journey.persona_by_id else group.group
    title = GROUP_NAMES.get(group.group, name)
    drop = group.largest_drop
    bars = []
    for index, stage in enumerate(group.stages):
        share = stage.reached / group.entered if group.entered else 0.0
        width = round(BAR_SPACE * share)
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        note = None
        css = "bar"
        if stage is drop and stage.step is not None and stage.step < 1:
            note, css = f"largest drop: {percent(1 - stage.step, 1)} lost", "bar drop"
        elif stage.optional:
            note, css = f"optional: {stage.skipped or 0:,} skipped", "bar optional"
        bars.append(
            FunnelBar(
                stage=journey.stage_name(stage.stage),
                y=y,
                width=width,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + BAR_HEIGHT - 4,
                value=_value(stage),
                note=note,
                css=css,
            )
        )
    described = "; ".join(f"{bar.stage}: {bar.value}" + (f" ({bar.note})" if bar.note else "") for bar in bars)
    return FunnelChart(
        id=anchor("funnel", group.group),
        title=title,
        summary=f"{group.entered:,} entered (mature), {group.in_progress:,} in progress",
        width=CHART_WIDTH,
        height=max(len(bars), 1) * ROW_HEIGHT,
        label_width=LABEL_WIDTH,
        bars=tuple(bars),
        description=f"Funnel of {title}, {group.entered:,} mature entrants. {described}.",
        header=(*FUNNEL_HEADER[:-1], "note"),
        rows=tuple((journey.stage_name(row.cells[0]), *row.cells[1:]) for row in funnel_rows(group)),
    )


def _value(stage: StageFigures) -> str:
    text = f"{stage.reached:,} reached · {percent(stage.conversion, 1)} of entrants"
    return text if stage.step is None else f"{text} · step {percent(stage.step, 1)}"


def _step(journey: Journey, group: GroupFigures, stage: StageFigures) -> StepView:
    time = stage.time_to_stage
    if stage.step is None:
        return StepView(stage.stage, f"entry: {stage.reached:,}", f"{stage.reached:,} mature entrants")
    base = journey.step_base(journey.stage_by_id[stage.stage])
    counted = f"{stage.reached:,} of {stage.step_base or 0:,}" + (f" from {base.name}" if base is not None else "")
    if time is None:
        return StepView(stage.stage, f"→ {percent(stage.step, 1)}: nobody reached it", counted)
    skipped = f"; {stage.skipped or 0:,} skipped it" if stage.optional else ""
    return StepView(
        stage.stage,
        f"→ {percent(stage.step, 1)} · median {duration(time.median)}",
        f"{counted}{skipped}; time from entry: median {duration(time.median)}, p75 {duration(time.p75)}, "
        f"p95 {duration(time.p95)}",
    )
