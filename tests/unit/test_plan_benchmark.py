"""The plan benchmark: its generated map plans cleanly, and it rewrites only its own section."""

from __future__ import annotations

import datetime
from pathlib import Path

from benchmarks.plan import END_MARK, START_MARK, generate_map, write_section

from tests.helpers import plan_of


def test_generated_map_is_valid_and_plans(project: Path) -> None:
    plan = plan_of(generate_map(5, 20), project, datetime.date(2026, 1, 5))
    assert len(plan.personas) == 5
    assert sum(len(p.sends) for p in plan.personas) > 0


def test_write_section_replaces_only_its_section(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nother numbers\n", encoding="utf-8")
    write_section(docs, f"{START_MARK}\nfirst\n{END_MARK}\n")
    assert docs.read_text(encoding="utf-8") == f"# Benchmarks\n\nother numbers\n\n{START_MARK}\nfirst\n{END_MARK}\n"
    write_section(docs, f"{START_MARK}\nsecond\n{END_MARK}\n")
    assert docs.read_text(encoding="utf-8") == f"# Benchmarks\n\nother numbers\n\n{START_MARK}\nsecond\n{END_MARK}\n"
