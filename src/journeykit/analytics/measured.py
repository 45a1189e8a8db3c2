"""The analytics result as the plan's measured data (journeykit.plan.measured): per persona, the median time
to each stage and how often each behaviour event happens a week.

- `seconds_to_stage`: the median time to stage of the persona's mature entrants (definition 6), for every
  stage after the first that someone reached; the plan's day 0 is the entry. An optional stage that nobody of
  the persona reached, before one that they did, is skipped: it starts, and ends at once, when the next stage
  reached starts (its messages then never fire).
- `events_per_week`: the rows of the behaviour event from the persona's mature entrants within their window,
  divided by the entrants and by the window in weeks: what one customer of the persona does a week. An event
  that the log never has at all is left out (the plan keeps it "on behaviour": it may not be tracked); one the
  log has, but not from this persona, is 0 (the plan then says it never happens).
- Without a persona column every entrant is unassigned: each persona of the map then gets the figures of
  everyone (`all`). A persona with no mature entrant gets nothing and is planned from the map alone.
"""

from __future__ import annotations

from journeykit.analytics.result import RunSettings
from journeykit.figures import GroupFigures, MapAnalytics
from journeykit.plan.measured import MAX_EVENTS_PER_WEEK, MAX_SECONDS_TO_STAGE, Measured, MeasuredPersona

WEEK = 7 * 86400


def measured_of(figures: MapAnalytics, settings: RunSettings) -> Measured:
    """The measured data of one map; `source` names the log's files."""
    journey = figures.journey
    personas = [p.id for p in journey.personas] if journey is not None else list(figures.groups)
    seen = figures.log_events
    measured: dict[str, MeasuredPersona] = {}
    for persona in personas:
        group = figures.groups.get(persona) if settings.has_persona else figures.everyone
        if group is None or group.entered == 0:
            continue
        measured[persona] = _persona(group, settings.window_seconds, seen)
    return Measured(measured, source=source_name(settings))


def _persona(group: GroupFigures, window_seconds: int, seen: dict[str, int]) -> MeasuredPersona:
    weeks = window_seconds / WEEK
    return MeasuredPersona(
        seconds_to_stage=_seconds_to_stage(group),
        events_per_week={
            event: min(rows / group.entered / weeks, MAX_EVENTS_PER_WEEK)
            for event, rows in group.behaviours.items()
            if event in seen
        },
    )


def _seconds_to_stage(group: GroupFigures) -> dict[str, float]:
    medians: dict[str, float] = {}
    skipped: list[str] = []
    for stage in group.stages[1:]:
        if stage.time_to_stage is None:
            skipped = [*skipped, stage.stage] if stage.optional else []
            continue
        median = min(float(stage.time_to_stage.median), MAX_SECONDS_TO_STAGE)
        medians.update(dict.fromkeys(skipped, median))
        medians[stage.stage] = median
        skipped = []
    return {stage.stage: medians[stage.stage] for stage in group.stages[1:] if stage.stage in medians}


def source_name(settings: RunSettings) -> str:
    """The log's files, for the plan's "Measured data:" line: `events.csv`, or `a.parquet and 11 more`."""
    files = settings.files
    name = files[0] if files else "the event log"
    return name if len(files) <= 1 else f"{name} and {len(files) - 1} more"
