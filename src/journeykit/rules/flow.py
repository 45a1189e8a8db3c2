"""JK3xx: the flow of touchpoints (`next`, `loops_to`) and how experiences use them."""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.findings import Severity
from journeykit.model import Journey, Touchpoint
from journeykit.rules.base import Family, NoOptions, Violation, rule
from journeykit.rules.context import RuleContext


def _has_flow(journey: Journey) -> bool:
    return any(t.next or t.loops_to for t in journey.touchpoints)


@rule(
    code="JK301",
    name="backward-flow",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="`next` points to a touchpoint in an earlier stage.",
)
def backward_flow(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """`next` is the forward flow of the journey. A step back into an earlier stage is usually a
    mistake in the stage of one of the two touchpoints. A deliberate loop (re-purchase, a loyalty
    programme sending customers back to browsing) belongs in `loops_to`, which says so."""
    journey = context.journey
    for touchpoint in journey.touchpoints:
        here = journey.stage_index(touchpoint.stage)
        for index, target_id in enumerate(touchpoint.next):
            target = journey.touchpoint_by_id.get(target_id)
            if target is not None and journey.stage_index(target.stage) < here:
                yield Violation(
                    f"'{touchpoint.id}' ({touchpoint.stage}) leads back to '{target.id}' "
                    f"in the earlier stage '{target.stage}'",
                    touchpoint.origin,
                    ("next", index),
                    hint="if this is a deliberate loop (re-purchase, loyalty), list it under `loops_to` instead",
                )


@rule(
    code="JK302",
    name="unreachable-touchpoint",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="A touchpoint cannot be reached from the first stage by following `next` and `loops_to`.",
)
def unreachable(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Customers enter a journey at the touchpoints of its first stage and move on through `next`
    and `loops_to`. A touchpoint no path leads to is either missing an incoming `next` or is
    not part of this journey. Maps that model no flow at all (no `next` anywhere) are skipped."""
    journey = context.journey
    if not _has_flow(journey):
        return
    entry = _entry_touchpoints(journey)
    reached = set(entry)
    frontier = list(entry)
    while frontier:
        current = journey.touchpoint_by_id[frontier.pop()]
        for target in (*current.next, *current.loops_to):
            if target in journey.touchpoint_by_id and target not in reached:
                reached.add(target)
                frontier.append(target)
    first = journey.touchpoint_by_id[entry[0]].stage if entry else "?"
    for touchpoint in journey.touchpoints:
        if touchpoint.id not in reached:
            yield Violation(
                f"touchpoint '{touchpoint.id}' cannot be reached from the first stage ('{first}')",
                touchpoint.origin,
                hint="add it to the `next` of a touchpoint that comes before it",
            )


def _entry_touchpoints(journey: Journey) -> list[str]:
    """The touchpoints of the first stage that has any."""
    for stage in journey.stages:
        found = [t.id for t in journey.touchpoints_in(stage.id)]
        if found:
            return found
    return []


@rule(
    code="JK303",
    name="dead-end",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="A touchpoint before the last stage leads nowhere.",
)
def dead_end(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Only the last stage may end the journey. A touchpoint in an earlier stage with no `next`
    and no `loops_to` is where customers drop out of the map: say where they go next. Maps that
    model no flow at all are skipped."""
    journey = context.journey
    if not _has_flow(journey) or not journey.stages:
        return
    last = journey.stages[-1].id
    for touchpoint in journey.touchpoints:
        if touchpoint.stage != last and not touchpoint.next and not touchpoint.loops_to:
            yield Violation(
                f"touchpoint '{touchpoint.id}' in '{touchpoint.stage}' has no `next`, "
                f"but the journey goes on to '{last}'",
                touchpoint.origin,
                hint="list the touchpoints that can follow it under `next`",
            )


@rule(
    code="JK304",
    name="touchpoint-not-experienced",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="No experience of any persona mentions the touchpoint.",
)
def not_experienced(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A touchpoint that no persona's experience lists has no feelings, tasks or pain points
    attached: the map says it exists but not what it is like. Add it to the experience of the
    personas who meet it in its stage."""
    journey = context.journey
    mentioned = {t for e in journey.experiences for t in e.touchpoints}
    for touchpoint in journey.touchpoints:
        if touchpoint.id not in mentioned:
            yield Violation(
                f"no experience mentions touchpoint '{touchpoint.id}'",
                touchpoint.origin,
                hint=f"add it to `touchpoints` of the experiences in stage '{touchpoint.stage}'",
            )


@rule(
    code="JK305",
    name="touchpoint-in-another-stage",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="An experience lists a touchpoint that belongs to another stage.",
)
def touchpoint_in_another_stage(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """An experience is one persona in one stage; the touchpoints it lists must be touchpoints of
    that stage. Either the touchpoint's `stage` or the experience is wrong."""
    journey = context.journey
    for experience in journey.experiences:
        for index, touchpoint_id in enumerate(experience.touchpoints):
            touchpoint = journey.touchpoint_by_id.get(touchpoint_id)
            if touchpoint is not None and touchpoint.stage != experience.stage:
                yield Violation(
                    f"the experience in '{experience.stage}' lists '{touchpoint.id}', "
                    f"a touchpoint of '{touchpoint.stage}'",
                    experience.origin,
                    ("touchpoints", index),
                    hint=f"move it to the experience of '{touchpoint.stage}', or correct the touchpoint's stage",
                )


@rule(
    code="JK306",
    name="touchpoint-not-for-persona",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="An experience lists a touchpoint whose `personas` leave its persona out.",
)
def touchpoint_not_for_persona(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A touchpoint with `personas` is met only by those personas. An experience of another
    persona that lists it contradicts the touchpoint: add the persona to the touchpoint, or
    remove the touchpoint from the experience."""
    journey = context.journey
    for experience in journey.experiences:
        for index, touchpoint_id in enumerate(experience.touchpoints):
            touchpoint = journey.touchpoint_by_id.get(touchpoint_id)
            if touchpoint is not None and not touchpoint.meets(experience.persona):
                yield Violation(
                    f"persona '{experience.persona}' does not meet '{touchpoint.id}', whose personas are "
                    f"{', '.join(touchpoint.personas or ())}",
                    experience.origin,
                    ("touchpoints", index),
                    hint=f"add '{experience.persona}' to the touchpoint's `personas`",
                )


@rule(
    code="JK307",
    name="self-loop",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="A touchpoint lists itself in `next` or `loops_to`.",
)
def self_loop(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A touchpoint that leads to itself says nothing about where the customer goes. Repeating a
    step (checking an order's status twice) is not part of the flow between touchpoints."""
    for touchpoint in context.journey.touchpoints:
        yield from _self_references(touchpoint, "next")
        yield from _self_references(touchpoint, "loops_to")


def _self_references(touchpoint: Touchpoint, field_name: str) -> Iterator[Violation]:
    for index, target in enumerate(getattr(touchpoint, field_name)):
        if target == touchpoint.id:
            yield Violation(
                f"'{touchpoint.id}' lists itself in `{field_name}`",
                touchpoint.origin,
                (field_name, index),
                hint="remove it",
            )


@rule(
    code="JK308",
    name="loop-not-backward",
    family=Family.FLOW,
    severity=Severity.WARNING,
    summary="`loops_to` points to a touchpoint in the same or a later stage.",
)
def loop_not_backward(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """`loops_to` marks a deliberate step back to an earlier stage. A forward step is ordinary
    flow and belongs in `next`, where reachability and dead-end checks count it as such."""
    journey = context.journey
    for touchpoint in journey.touchpoints:
        here = journey.stage_index(touchpoint.stage)
        for index, target_id in enumerate(touchpoint.loops_to):
            target = journey.touchpoint_by_id.get(target_id)
            if target is not None and journey.stage_index(target.stage) >= here and target.id != touchpoint.id:
                yield Violation(
                    f"'{touchpoint.id}' loops to '{target.id}', which is not in an earlier stage",
                    touchpoint.origin,
                    ("loops_to", index),
                    hint="move it to `next`",
                )
