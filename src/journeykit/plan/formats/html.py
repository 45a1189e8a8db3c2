"""The plan as a standalone HTML page: the year view of every persona (journeykit.render.plan_view)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from journeykit.plan.result import JourneyPlan


def write(plans: Sequence[JourneyPlan], out: TextIO) -> None:
    from journeykit.render.plan_view import render_page

    out.write(render_page(plans))
