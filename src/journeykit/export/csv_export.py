"""`export --format csv`: the experience grid and the touchpoints of a map as two spreadsheets."""

from __future__ import annotations

import csv
import io

from journeykit.export import csv_layout as layout
from journeykit.model import Experience, Journey, Touchpoint


def experiences_csv(journey: Journey) -> str:
    """One row per persona x stage cell, in the order of the personas and stages."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(layout.EXPERIENCE_COLUMNS)
    for persona in journey.personas:
        for stage in journey.stages:
            experience = journey.experience_by_cell.get((persona.id, stage.id))
            writer.writerow(
                [
                    journey.id,
                    layout.guard(journey.title),
                    persona.id,
                    layout.guard(persona.name),
                    stage.id,
                    layout.guard(stage.name),
                    *_experience_cells(experience),
                ]
            )
    return out.getvalue()


def _experience_cells(experience: Experience | None) -> list[str]:
    if experience is None:
        return [""] * (len(layout.EXPERIENCE_COLUMNS) - 6)
    if not experience.applicable:
        return ["false", layout.guard(experience.reason or "")] + [""] * (len(layout.EXPERIENCE_COLUMNS) - 8)
    pain_points = (layout.pain_point_item(p.id, p.severity, p.text) for p in experience.pain_points)
    opportunities = (layout.opportunity_item(o.id, o.owner, o.addresses, o.text) for o in experience.opportunities)
    return [
        "true",
        "",
        layout.list_cell(experience.touchpoints),
        layout.guard(layout.list_cell(experience.tasks)),
        layout.guard(layout.list_cell(experience.questions)),
        "" if experience.emotion is None else str(experience.emotion),
        layout.guard(experience.thoughts or ""),
        layout.guard(layout.list_cell(experience.influences)),
        layout.guard(layout.list_cell(pain_points)),
        layout.guard(layout.list_cell(opportunities)),
        layout.list_cell(experience.evidence),
    ]


def touchpoints_csv(journey: Journey) -> str:
    """One row per touchpoint, in the map's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(layout.TOUCHPOINT_COLUMNS)
    for touchpoint in journey.touchpoints:
        writer.writerow(_touchpoint_cells(journey, touchpoint))
    return out.getvalue()


def _touchpoint_cells(journey: Journey, touchpoint: Touchpoint) -> list[str]:
    channel = journey.channel_by_id.get(touchpoint.channel or "")
    owner = journey.team_by_id.get(touchpoint.owner or "")
    return [
        journey.id,
        touchpoint.id,
        layout.guard(touchpoint.name),
        layout.guard(touchpoint.description or ""),
        touchpoint.stage,
        touchpoint.channel or "",
        layout.guard(channel.name) if channel else "",
        channel.mode if channel else "",
        touchpoint.owner or "",
        layout.guard(owner.name) if owner else "",
        "" if touchpoint.personas is None else layout.list_cell(touchpoint.personas),
        layout.list_cell(touchpoint.next),
        layout.list_cell(touchpoint.loops_to),
        layout.list_cell(touchpoint.events),
        layout.guard(layout.list_cell(touchpoint.frontstage)),
        layout.guard(layout.list_cell(touchpoint.backstage)),
        layout.guard(layout.list_cell(touchpoint.support)),
    ]
