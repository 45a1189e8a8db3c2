"""JK4xx: gaps in the persona x stage matrix, read from the coverage computed once per map."""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.coverage import Cell, gap_anchor
from journeykit.findings import Severity
from journeykit.rules.base import Family, NoOptions, Violation, rule
from journeykit.rules.context import RuleContext


def _cells(context: RuleContext, state: str) -> Iterator[Cell]:
    return (cell for cell in context.matrix.cells if cell.state == state)


@rule(
    code="JK401",
    name="persona-without-experiences",
    family=Family.COVERAGE,
    severity=Severity.WARNING,
    summary="A persona of the map has no experience in any stage.",
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
