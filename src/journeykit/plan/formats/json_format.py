"""The plan as JSON: every send with its date-time and offset, per-persona stage windows,
what never fires or has no date, and totals. docs/plan.md documents the shape."""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from journeykit import __version__
from journeykit.plan import clock
from journeykit.plan.formats.records import SendRecords, sorted_sends
from journeykit.plan.queries import windows_in_plan
from journeykit.plan.result import PLAN_VERSION, JourneyPlan, PersonaPlan


def write(plans: Sequence[JourneyPlan], out: TextIO) -> None:
    """Indented JSON, except that each send is one line: a year of sends stays quick to write and to grep."""
    data = document(plans)
    lines: dict[str, str] = {}
    for index, journey in enumerate(data["maps"]):
        marker = f"journeykit-sends-{index}"
        rows = [json.dumps(send, ensure_ascii=False) for send in journey["sends"]]
        lines[f'"sends": "{marker}"'] = (
            '"sends": [' + ("\n      " + ",\n      ".join(rows) + "\n    " if rows else "") + "]"
        )
        journey["sends"] = marker
    text = json.dumps(data, indent=2, ensure_ascii=False)
    for placeholder, value in lines.items():
        text = text.replace(placeholder, value, 1)
    out.write(text)
    out.write("\n")


def document(plans: Sequence[JourneyPlan]) -> dict[str, Any]:
    """The whole JSON document."""
    return {"version": PLAN_VERSION, "generator": f"journeykit {__version__}", "maps": [_map(p) for p in plans]}


def _map(plan: JourneyPlan) -> dict[str, Any]:
    sends = sorted_sends(plan)
    records = SendRecords(plan)
    return {
        "id": plan.journey.id,
        "title": plan.journey.title,
        "file": plan.journey.file,
        "timezone": plan.zone_name,
        "start": plan.start.isoformat(),
        "end": plan.last_day.isoformat(),
        "days": plan.days,
        "measured": plan.measured_source,
        "notes": list(plan.notes),
        "totals": {
            "sends": len(sends),
            "by_persona": {p.persona.id: len(p.sends) for p in plan.personas},
            "by_channel": dict(sorted(Counter(s.channel for s in sends).items())),
            "by_interaction": dict(sorted(Counter(s.interaction.id for s in sends).items())),
        },
        "personas": [_persona(plan, persona) for persona in plan.personas],
        "sends": [records.record(send) for send in sends],
    }


def _persona(plan: JourneyPlan, persona: PersonaPlan) -> dict[str, Any]:
    return {
        "id": persona.persona.id,
        "name": persona.persona.name,
        "measured": persona.measured,
        "sends": len(persona.sends),
        "by_channel": dict(sorted(Counter(s.channel for s in persona.sends).items())),
        "stages": [
            {
                "stage": window.stage,
                "start": _moment(plan, window.start),
                "end": _moment(plan, window.end),
                "first_day": plan.day_number(first),
                "last_day": plan.day_number(last),
                "basis": window.basis,
            }
            for window, first, last in windows_in_plan(plan, persona)
        ],
        "never_fires": [
            {"interaction": s.interaction.id, "reason": s.reason, "explanation": s.explanation} for s in persona.silent
        ],
        "undated": [
            {"interaction": u.interaction.id, "reason": u.reason, "explanation": u.explanation} for u in persona.undated
        ],
    }


def _moment(plan: JourneyPlan, local: datetime.datetime | None) -> str | None:
    """A window's edge with its offset; None for an open end."""
    return None if local is None else clock.instant(local, plan.zone).isoformat(timespec="minutes")
