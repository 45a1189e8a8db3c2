"""The plan benchmark: its generated map plans cleanly."""

from __future__ import annotations

import datetime
from pathlib import Path

from benchmarks.plan import generate_map

from tests.helpers import plan_of


def test_generated_map_is_valid_and_plans(project: Path) -> None:
    plan = plan_of(generate_map(5, 20), project, datetime.date(2026, 1, 5))
    assert len(plan.personas) == 5
    assert sum(len(p.sends) for p in plan.personas) > 0
