"""The engine's integers → the typed result: ratios, percentiles, names, order. Pure Python, one formula."""

from __future__ import annotations

from journeykit.analytics.compute import ALL_GROUP, LogProfile, RawFigures
from journeykit.analytics.funnel import ALL, FunnelSpec
from journeykit.analytics.percentiles import PERCENTS, interpolate
from journeykit.analytics.result import (
    Backtrack,
    GroupFigures,
    MapAnalytics,
    StageFigures,
    TimeToStage,
    Transition,
    UnmappedEvent,
)
from journeykit.analytics.timestamps import MICROS
from journeykit.model import Journey


def map_analytics(
    spec: FunnelSpec, raw: RawFigures, profile: LogProfile, journey: Journey | None = None
) -> MapAnalytics:
    """The figures of one map, every persona group, stage and touchpoint present."""
    groups = {name: _group(spec, raw, index, name) for index, name in enumerate(spec.groups)}
    groups[ALL] = _group(spec, raw, ALL_GROUP, ALL)
    listed = set(spec.events)
    unmapped = sorted(
        (UnmappedEvent(event, rows) for event, rows in profile.event_rows.items() if event not in listed),
        key=lambda u: (-u.rows, u.event),
    )
    return MapAnalytics(
        map_id=spec.map_id,
        file=spec.file,
        entered_later={stage.id: raw.entered_later.get(index, 0) for index, stage in enumerate(spec.stages) if index},
        never_seen=tuple(event for event in spec.events if event not in profile.event_rows),
        unmapped=tuple(unmapped),
        groups=groups,
        journey=journey,
    )


def _summed(counts: dict[tuple[int, int], int], group: int, key: int, groups: int) -> int:
    if group != ALL_GROUP:
        return counts.get((group, key), 0)
    return sum(counts.get((g, key), 0) for g in range(groups))


def _group(spec: FunnelSpec, raw: RawFigures, group: int, name: str) -> GroupFigures:
    every = range(len(spec.groups))
    members = list(every) if group == ALL_GROUP else [group]
    entered = sum(raw.entered.get(g, 0) for g in members)
    stages: list[StageFigures] = []
    reached = [_summed(raw.reached, group, index, len(spec.groups)) for index in range(len(spec.stages))]
    for index, stage in enumerate(spec.stages):
        base = spec.step_base(index)
        stages.append(
            StageFigures(
                stage=stage.id,
                optional=stage.optional,
                reached=reached[index],
                conversion=_ratio(reached[index], reached[0]),
                step=None if base is None else _ratio(reached[index], reached[base]),
                skipped=_summed(raw.skipped, group, index, len(spec.groups)) if stage.optional else None,
                time_to_stage=_time(raw, group, index, reached[index]),
            )
        )
    backtracks: dict[tuple[int, int], list[int]] = {}
    for (g, source, target), (steps, actors) in raw.backtracks.items():
        if g in members:
            totals = backtracks.setdefault((source, target), [0, 0])
            totals[0] += steps
            totals[1] += actors  # an actor is in one group only, so actors add up
    transitions: dict[tuple[int, int], list[int]] = {}
    for (g, source, target), (steps, actors) in raw.transitions.items():
        if g in members:
            totals = transitions.setdefault((source, target), [0, 0])
            totals[0] += steps
            totals[1] += actors
    return GroupFigures(
        group=name,
        entered=entered,
        in_progress=sum(raw.in_progress.get(g, 0) for g in members),
        stages=tuple(stages),
        touchpoints={tp: _summed(raw.reach, group, i, len(spec.groups)) for i, tp in enumerate(spec.touchpoints)},
        backtracks=tuple(
            Backtrack(spec.stages[s].id, spec.stages[t].id, steps, actors)
            for (s, t), (steps, actors) in sorted(backtracks.items(), key=lambda i: (-i[1][0], -i[1][1], i[0]))
        ),
        transitions=tuple(
            Transition(spec.touchpoints[s], spec.touchpoints[t], steps, actors)
            for (s, t), (steps, actors) in sorted(transitions.items(), key=lambda i: (-i[1][0], -i[1][1], i[0]))
        ),
    )


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def _time(raw: RawFigures, group: int, stage: int, reached: int) -> TimeToStage | None:
    if reached == 0:
        return None
    if stage == 0:
        return TimeToStage(0, 0, 0)  # stage 0 is reached at t0 by definition
    count, values = raw.durations[(group, stage)]
    median, p75, p95 = (_seconds(interpolate(values, count, percent)) for percent in PERCENTS)
    return TimeToStage(median, p75, p95)


def _seconds(micros: float) -> float:
    """Whole seconds stay integers in JSON (3600, not 3600.0)."""
    seconds = micros / MICROS
    return int(seconds) if seconds.is_integer() else seconds
