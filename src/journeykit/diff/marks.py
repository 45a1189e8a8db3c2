"""What `render --since` marks on one map, derived once from its changes so that the report and the
diagram agree: each touchpoint and cell that is new, moved or changed (in words), what was
removed, and each persona's emotions before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from journeykit.diff.changes import Change, MapDiff
from journeykit.model import Journey, Touchpoint
from journeykit.present import emotion_text

MarkState = Literal["added", "moved", "changed", "removed"]

_TOUCHPOINT_DETAILS = {
    "event-added": "events",
    "event-removed": "events",
    "event-moved": "events",
    "metric-added": "metrics",
    "metric-removed": "metrics",
    "metric-changed": "metrics",
}
_REMOVED_NOUNS = {
    "persona-removed": "persona",
    "stage-removed": "stage",
    "touchpoint-removed": "touchpoint",
    "event-removed": "event",
    "pain-point-removed": "pain point",
    "opportunity-removed": "opportunity",
    "interaction-removed": "interaction",
    "evidence-removed": "evidence",
    "metric-removed": "metric",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """How something changed, in words (`new`, `moved from Research`, `changed: channel, owner`)."""

    state: MarkState
    label: str


@dataclass(frozen=True, slots=True)
class Removed:
    """Something BASE had and HEAD does not, as the report lists it (struck through)."""

    noun: str
    name: str
    detail: str


@dataclass(frozen=True)
class Marks:
    """Everything the visual diff of one map shows."""

    since: str
    touchpoints: dict[str, Mark] = field(default_factory=dict)
    cells: dict[tuple[str, str], Mark] = field(default_factory=dict)
    """(persona, stage) → how its coverage changed."""
    emotions: dict[tuple[str, str], str] = field(default_factory=dict)
    """(persona, stage) → the emotion before, in words, where it changed."""
    before_emotions: dict[str, dict[str, int | None]] = field(default_factory=dict)
    """persona → stage → emotion before (HEAD's ids), for the personas whose emotion changed."""
    removed: tuple[Removed, ...] = ()
    removed_touchpoints: tuple[tuple[Touchpoint, str | None], ...] = ()
    """BASE's touchpoints that are gone, with their stage's id in HEAD (None when it is gone too), for the
    diagram to draw struck through where they were."""
    new_map: bool = False


def marks_of(diff: MapDiff) -> Marks:
    """The marks of one map's changes."""
    if diff.base is None or diff.head is None:
        return Marks(diff.since, new_map=diff.base is None)
    base, head = diff.base, diff.head
    persona_from = {str(c.after): str(c.before) for c in diff.changes if c.kind == "persona-renamed"}
    stage_from = {str(c.after): str(c.before) for c in diff.changes if c.kind == "stage-renamed"}
    return Marks(
        since=diff.since,
        touchpoints=_touchpoints(diff.changes, base),
        cells={
            (c.persona, c.stage): Mark("changed", f"was {c.before}")
            for c in diff.changes
            if c.kind == "coverage-changed" and c.persona and c.stage
        },
        emotions={
            (c.persona, c.stage): f"was {emotion_text(c.before if isinstance(c.before, int) else None)}"
            for c in diff.changes
            if c.kind == "emotion-changed" and c.persona and c.stage
        },
        before_emotions=_before_emotions(diff.changes, base, head, persona_from, stage_from),
        removed=tuple(_removed(diff.changes, base)),
        removed_touchpoints=tuple(
            (base.touchpoint_by_id[str(c.before)], c.stage if c.stage in head.stage_by_id else None)
            for c in diff.changes
            if c.kind == "touchpoint-removed" and str(c.before) in base.touchpoint_by_id
        ),
    )


def _touchpoints(changes: tuple[Change, ...], base: Journey) -> dict[str, Mark]:
    added: set[str] = set()
    moved: dict[str, str] = {}
    details: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        subject = change.subject
        if change.kind == "touchpoint-added":
            added.add(subject)
        elif change.kind == "touchpoint-moved":
            moved[subject] = base.stage_name(str(change.before))
        elif change.kind == "touchpoint-changed" and change.field:
            details[subject].append(change.field)
        elif change.kind == "touchpoint-renamed":
            details[subject].append(f"id (was {change.before})")
        elif change.kind in _TOUCHPOINT_DETAILS:
            # Events are subjects of their own; the touchpoint is in before or after.
            touchpoint = subject if change.kind.startswith("metric") else str(change.after or change.before)
            details[touchpoint].append(_TOUCHPOINT_DETAILS[change.kind])
            if change.kind == "event-moved":
                details[str(change.before)].append("events")
    marks = {}
    for touchpoint in {*added, *moved, *details}:
        if touchpoint in added:
            marks[touchpoint] = Mark("added", "new")
            continue
        words = list(dict.fromkeys(details.get(touchpoint, [])))
        parts = ([f"moved from {moved[touchpoint]}"] if touchpoint in moved else []) + (
            [f"changed: {', '.join(words)}"] if words else []
        )
        marks[touchpoint] = Mark("moved" if touchpoint in moved else "changed", "; ".join(parts))
    return marks


def _before_emotions(
    changes: tuple[Change, ...],
    base: Journey,
    head: Journey,
    persona_from: dict[str, str],
    stage_from: dict[str, str],
) -> dict[str, dict[str, int | None]]:
    personas = {c.persona for c in changes if c.kind == "emotion-changed" and c.persona}
    before: dict[str, dict[str, int | None]] = {}
    for persona in personas:
        old_persona = persona_from.get(persona, persona)
        row: dict[str, int | None] = {}
        for stage in head.stages:
            old_stage = stage_from.get(stage.id, stage.id)
            experience = base.experience_by_cell.get((old_persona, old_stage))
            row[stage.id] = experience.emotion if experience is not None and experience.applicable else None
        before[persona] = row
    return before


def _removed(changes: tuple[Change, ...], base: Journey) -> list[Removed]:
    found = []
    for change in changes:
        noun = _REMOVED_NOUNS.get(change.kind)
        if noun is None or (change.kind == "evidence-removed" and change.persona):
            continue  # an experience that stopped citing evidence is a change, not a removal
        name = str(change.before if change.kind != "event-removed" else change.subject)
        found.append(Removed(noun, _name(base, noun, name), _detail(base, change)))
    return found


def _name(base: Journey, noun: str, item: str) -> str:
    if noun == "persona" and item in base.persona_by_id:
        return base.persona_by_id[item].name
    if noun == "stage" and item in base.stage_by_id:
        return base.stage_by_id[item].name
    if noun == "touchpoint" and item in base.touchpoint_by_id:
        return base.touchpoint_by_id[item].name
    if noun == "pain point" and item in base.pain_points:
        return base.pain_points[item][0].text
    return item


def _detail(base: Journey, change: Change) -> str:
    if change.kind == "touchpoint-removed":
        gone = base.touchpoint_by_id.get(str(change.before))
        return f"was in {base.stage_name(gone.stage)}" if gone is not None else ""
    if change.kind == "event-removed":
        return f"was recorded at {change.before}"
    if change.kind == "pain-point-removed":
        return f"resolved, for {change.persona} in {change.stage}"
    if change.kind == "metric-removed":
        return f"was measured at {change.subject}"
    return change.subject if change.subject != change.before else ""
