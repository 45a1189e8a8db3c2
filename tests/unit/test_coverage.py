"""The coverage matrix: every cell state, ratios, not-applicable cells, catalog personas, gaps."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix, CoverageReport, Ratio, gap_location
from journeykit.present import percent
from tests.helpers import write

# Five personas x three stages, one persona per cell state in the `research` stage.
GRID = """\
journeykit: 1
kind: journey
id: grid
title: Grid
personas:
  - id: covered
    name: Covered
  - id: partial
    name: Partial
  - id: unmapped
    name: Unmapped
  - id: missing
    name: Missing
  - id: skipped
    name: Skipped
stages:
  - id: discovery
    name: Discovery
  - id: research
    name: Research
  - id: purchase
    name: Purchase
touchpoints:
  - id: ad
    name: Ad
    stage: discovery
  - id: reviews
    name: Reviews
    stage: research
    personas: [covered, partial, unmapped]
experiences:
  - persona: covered
    stage: research
    touchpoints: [reviews]
    tasks: [Read reviews]
    emotion: 1
    evidence: [survey]
  - persona: covered
    stage: discovery
    touchpoints: [ad]
    tasks: [See the ad]
    emotion: 0
  - persona: partial
    stage: research
    touchpoints: [reviews]
  - persona: skipped
    stage: research
    applicable: false
    reason: Skipped people do not research
evidence:
  - id: survey
    type: survey
"""


def matrix_of(project: Path, files: dict[str, str]) -> CoverageMatrix:
    write(project, files)
    (analyzed,) = analyze(["."], Settings()).maps
    return analyzed.coverage


def test_every_cell_state(project: Path) -> None:
    matrix = matrix_of(project, {"grid.journey.yaml": GRID})
    states = {(c.persona, c.stage): (c.state, c.lacks) for c in matrix.cells}
    assert [states[(p, "research")] for p in matrix.personas] == [
        ("covered", ()),
        ("partial", ("emotion", "tasks")),
        ("unmapped", ()),
        ("missing", ()),
        ("not-applicable", ()),
    ]
    # Touchpoints without `personas` reach everyone: discovery is unmapped for all but `covered`.
    assert [states[(p, "discovery")][0] for p in matrix.personas] == ["covered", *["unmapped"] * 4]
    assert {states[(p, "purchase")][0] for p in matrix.personas} == {"missing"}


def test_ratios_exclude_not_applicable_cells(project: Path) -> None:
    matrix = matrix_of(project, {"grid.journey.yaml": GRID})
    assert matrix.total == Ratio(covered=2, evidenced=1, applicable=14)
    assert matrix.total.coverage == pytest.approx(2 / 14)
    assert matrix.total.evidence == pytest.approx(1 / 14)
    by_persona = matrix.by_persona()
    assert by_persona["covered"] == Ratio(2, 1, 3)
    assert by_persona["skipped"] == Ratio(0, 0, 2)
    by_stage = matrix.by_stage()
    assert by_stage["research"] == Ratio(1, 1, 4)
    assert by_stage["purchase"].coverage == 0.0


def test_a_persona_with_no_applicable_cell_has_no_ratio(project: Path) -> None:
    out_of_scope = "".join(
        f"  - persona: skipped\n    stage: {stage}\n    applicable: false\n    reason: Not in this journey\n"
        for stage in ("discovery", "purchase")
    )
    matrix = matrix_of(
        project,
        {"grid.journey.yaml": GRID.replace("evidence:\n  - id: survey", out_of_scope + "evidence:\n  - id: survey")},
    )
    assert matrix.by_persona()["skipped"] == Ratio(0, 0, 0)
    assert matrix.by_persona()["skipped"].coverage is None
    assert percent(matrix.by_persona()["skipped"].coverage) == "n/a"


def test_persona_from_a_catalog_is_a_row(project: Path) -> None:
    catalog = "journeykit: 1\nkind: catalog\npersonas:\n  - id: shared\n    name: Shared\n"
    text = GRID.replace("personas:\n  - id: covered", "personas:\n  - shared\n  - id: covered")
    matrix = matrix_of(project, {"people.catalog.yaml": catalog, "grid.journey.yaml": text})
    assert matrix.personas[0] == "shared"
    assert [c.state for c in matrix.row("shared")] == ["unmapped", "missing", "missing"]
    assert matrix.journey.persona_by_id["shared"].from_catalog


def test_filters_keep_the_order_of_the_map(project: Path) -> None:
    matrix = matrix_of(project, {"grid.journey.yaml": GRID}).filtered(
        personas=["missing", "covered"], stages=["purchase"]
    )
    assert (matrix.personas, matrix.stages) == (("covered", "missing"), ("purchase",))
    assert [c.state for c in matrix.cells] == ["missing", "missing"]


def test_gap_locations_point_where_to_write(project: Path) -> None:
    matrix = matrix_of(project, {"grid.journey.yaml": GRID})
    partial = matrix.cell("partial", "research")
    assert (gap_location(matrix, partial).line, gap_location(matrix, partial).column) == (43, 5)
    missing = matrix.cell("missing", "research")
    assert (gap_location(matrix, missing).line, gap_location(matrix, missing).column) == (31, 1)  # `experiences:`


def test_gaps_in_matrix_order(project: Path) -> None:
    gaps = matrix_of(project, {"grid.journey.yaml": GRID}).gaps()
    assert [(c.persona, c.stage) for c in gaps][:3] == [
        ("covered", "purchase"),
        ("partial", "discovery"),
        ("partial", "research"),
    ]
    assert len(gaps) == 12


def test_report_total_and_shortfall(project: Path) -> None:
    matrix = matrix_of(project, {"grid.journey.yaml": GRID})
    report = CoverageReport((matrix, matrix), fail_under=20)
    assert report.total == Ratio(4, 2, 28)
    assert report.shortfall() == pytest.approx(20 - 100 * 4 / 28)
    assert CoverageReport((matrix,), fail_under=10).shortfall() is None
    assert CoverageReport((), fail_under=10).shortfall() is None
