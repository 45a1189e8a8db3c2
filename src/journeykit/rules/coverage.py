"""JK4xx: gaps in the persona x stage matrix, read from the coverage computed once per map."""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.coverage import Cell, gap_anchor
from journeykit.findings import Severity
from journeykit.rules.base import Family, NoOptions, Violation, rule
from journeykit.rules.context import RuleContext

GRID = """\
journeykit: 1
kind: journey
id: web-shop
title: Web shop
personas:
  - id: shopper
    name: Shopper
stages:
  - id: discovery
    name: Discovery
  - id: purchase
    name: Purchase
touchpoints:
  - id: search-ad
    name: Search ad
    stage: discovery
  - id: checkout
    name: Checkout
    stage: purchase
experiences:
  - persona: shopper
    stage: discovery
    touchpoints: [search-ad]
    tasks: [Compare prices]
    emotion: 1
"""

_PURCHASE = "  - persona: shopper\n    stage: purchase\n    touchpoints: [checkout]\n    tasks: [Pay]\n    emotion: 0\n"


def _cells(context: RuleContext, state: str) -> Iterator[Cell]:
    return (cell for cell in context.matrix.cells if cell.state == state)


@rule(
    code="JK401",
    name="persona-without-experiences",
    family=Family.COVERAGE,
    severity=Severity.WARNING,
    summary="A persona of the map has no experience in any stage.",
    bad_example="# expect: JK401 9:5\n"
    + GRID.replace("    name: Shopper\n", "    name: Shopper\n  - id: browser\n    name: Browser\n")
    + _PURCHASE,
    good_example=GRID + _PURCHASE,
)
def persona_without_experiences(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Every persona of the map (its own, those it lists by id from a catalog, and catalog personas
    it refers to) should have experiences, or cells marked `applicable: false`. A persona with none
    is on the map in name only."""
    journey = context.journey
    with_experiences = {e.persona for e in journey.experiences}
    for persona in journey.personas:
        if persona.id not in with_experiences:
            yield Violation(
                f"persona '{persona.id}' has no experience in any stage",
                journey.persona_origin(persona.id),
                hint="describe what this persona does and feels in each stage, or remove the persona from the map",
            )


@rule(
    code="JK402",
    name="stage-without-touchpoints",
    family=Family.COVERAGE,
    severity=Severity.WARNING,
    summary="A stage has no touchpoint.",
    bad_example="# expect: JK402 14:5\n"
    + GRID.replace("touchpoints:\n", "  - id: advocacy\n    name: Advocacy\ntouchpoints:\n"),
    good_example=GRID,
)
def stage_without_touchpoints(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A stage in which the customer meets the company nowhere is a blind spot: either the map has
    not looked there yet, or the stage is not part of this journey."""
    journey = context.journey
    staged = {t.stage for t in journey.touchpoints}
    for stage in journey.stages:
        if stage.id not in staged:
            yield Violation(
                f"stage '{stage.id}' has no touchpoint",
                stage.origin,
                hint="add the touchpoints where customers meet the company in this stage",
            )


@rule(
    code="JK403",
    name="unmapped-cell",
    family=Family.COVERAGE,
    severity=Severity.WARNING,
    summary="A persona meets touchpoints in a stage, but no experience describes it.",
    bad_example="# expect: JK403 21:1\n" + GRID,
    good_example=GRID + _PURCHASE,
)
def unmapped_cell(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """The map knows that this persona meets touchpoints in this stage, but not what the persona
    does, asks or feels there. Write the experience, or mark the cell `applicable: false` with a
    reason."""
    for cell in _cells(context, "unmapped"):
        yield _gap(
            context,
            cell,
            f"persona '{cell.persona}' meets touchpoints in '{cell.stage}' but has no experience there",
        )


@rule(
    code="JK404",
    name="missing-cell",
    family=Family.COVERAGE,
    severity=Severity.INFO,
    summary="A persona has neither an experience nor a touchpoint in a stage.",
    bad_example="# expect: JK404 22:1\n"
    + GRID.replace("    stage: purchase\n", "    stage: purchase\n    personas: []\n"),
    good_example=GRID
    + "  - persona: shopper\n    stage: purchase\n    applicable: false\n    reason: Shoppers buy in the store map\n",
)
def missing_cell(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Nothing is known about this persona in this stage. That may be right (mark the cell
    `applicable: false` and say why) or a gap the team has not looked at yet."""
    for cell in _cells(context, "missing"):
        yield _gap(context, cell, f"nothing describes persona '{cell.persona}' in '{cell.stage}'")


@rule(
    code="JK405",
    name="partial-cell",
    family=Family.COVERAGE,
    severity=Severity.INFO,
    summary="An experience lacks touchpoints, an emotion or tasks.",
    bad_example="# expect: JK405 27:5\n"
    + GRID
    + "  - persona: shopper\n    stage: purchase\n    touchpoints: [checkout]\n",
    good_example=GRID + _PURCHASE,
)
def partial_cell(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A cell counts as covered when its experience names at least one touchpoint, an emotion and at
    least one task. The finding says which of the three are missing."""
    for cell in _cells(context, "partial"):
        assert cell.experience is not None
        yield Violation(
            f"the experience of '{cell.persona}' in '{cell.stage}' lacks {', '.join(cell.lacks)}",
            cell.experience.origin,
            hint="add " + " and ".join(f"`{lack}`" for lack in cell.lacks),
        )


def _gap(context: RuleContext, cell: Cell, message: str) -> Violation:
    origin, key = gap_anchor(context.journey, cell)
    return Violation(
        message,
        origin,
        key=key,
        hint=f"add an experience for persona '{cell.persona}' in stage '{cell.stage}', or mark it `applicable: false`",
    )
