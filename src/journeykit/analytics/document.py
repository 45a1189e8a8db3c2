"""The JSON document of ANALYTICS.md (`--format json`): part of the contract, versioned.

Version 1: the shape of /work/shared/ANALYTICS.md, nothing more (transitions stay in the Python result).
"""

from __future__ import annotations

from typing import Any

from journeykit.analytics.result import AnalyticsResult, GroupFigures, MapAnalytics, RunSettings, StageFigures
from journeykit.analytics.timestamps import format_instant

VERSION = 1


def to_document(result: AnalyticsResult) -> dict[str, Any]:
    """The result as the JSON document of version 1."""
    return {
        "version": VERSION,
        "settings": _settings(result.settings),
        "maps": [_map(m) for m in result.maps],
    }


def _settings(settings: RunSettings) -> dict[str, Any]:
    columns = settings.columns
    return {
        "window_seconds": settings.window_seconds,
        "from": None if settings.start is None else format_instant(settings.start),
        "to": None if settings.end is None else format_instant(settings.end),
        "as_of": format_instant(settings.as_of),
        "engine": settings.engine,
        "columns": {
            "actor": columns.actor,
            "time": columns.time,
            "event": columns.event,
            "persona": columns.persona if settings.has_persona else None,
        },
        "files": list(settings.files),
    }


def _map(figures: MapAnalytics) -> dict[str, Any]:
    return {
        "id": figures.map_id,
        "file": figures.file,
        "entered_later": dict(figures.entered_later),
        "never_seen": list(figures.never_seen),
        "unmapped": [{"event": u.event, "rows": u.rows} for u in figures.unmapped],
        "personas": {name: _group(group) for name, group in figures.groups.items()},
    }


def _group(group: GroupFigures) -> dict[str, Any]:
    return {
        "entered": group.entered,
        "in_progress": group.in_progress,
        "stages": {stage.stage: _stage(stage) for stage in group.stages},
        "touchpoints": dict(group.touchpoints),
        "backtracks": [
            {"from": b.from_stage, "to": b.to_stage, "steps": b.steps, "actors": b.actors} for b in group.backtracks
        ],
    }


def _stage(stage: StageFigures) -> dict[str, Any]:
    time = stage.time_to_stage
    return {
        "reached": stage.reached,
        "conversion": stage.conversion,
        "step": stage.step,
        "skipped": stage.skipped,
        "time_to_stage": None if time is None else {"median": time.median, "p75": time.p75, "p95": time.p95},
    }
