"""Small maps for the plan tests, and a helper that models and plans one."""

from __future__ import annotations

import datetime
from pathlib import Path

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.model import Journey
from journeykit.plan.measured import Measured
from journeykit.plan.result import JourneyPlan, PersonaPlan
from journeykit.plan.simulate import PlanOptions, plan_journey

HEAD = """\
journeykit: 1
kind: journey
id: app
title: Shopping app
timezone: {zone}
personas:
  - id: shopper
    name: Shopper
  - id: visitor
    name: Visitor
channels:
  - {{id: push, name: Push, mode: digital}}
  - {{id: email, name: Email, mode: digital}}
"""


def journey_of(text: str, project: Path, name: str = "app.journey.yaml") -> Journey:
    """The modelled map of `text`, which must have no errors."""
    (project / name).write_text(text, encoding="utf-8")
    analysis = analyze([name], Settings())
    findings = analysis.result.findings
    assert not analysis.result.errors, [f"{f.code} {f.location} {f.message}" for f in findings]
    return analysis.journeys[0]


def plan_of(
    text: str,
    project: Path,
    start: datetime.date,
    days: int = 365,
    measured: Measured | None = None,
) -> JourneyPlan:
    return plan_journey(journey_of(text, project), PlanOptions(start, days, (), measured))


def persona(plan: JourneyPlan, persona_id: str = "shopper") -> PersonaPlan:
    found = plan.persona_plan(persona_id)
    assert found is not None
    return found


def times(plan: PersonaPlan, interaction: str | None = None) -> list[str]:
    """Sends as ISO local times with offset, optionally of one interaction."""
    return [s.at.isoformat(timespec="minutes") for s in plan.sends if interaction in (None, s.interaction.id)]
