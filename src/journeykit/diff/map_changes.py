"""What changed inside one map present on both sides: personas, stages, touchpoints, events, metrics,
cells (emotion, evidence cited, coverage), pain points, opportunities, interactions and evidence.

Everything is matched by id (see matching.py); renames are followed into the references that
use the old id, so a renamed stage does not report each of its touchpoints as moved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from journeykit.analysis import AnalyzedMap
from journeykit.coverage import Cell, gap_anchor
from journeykit.diff.changes import CellChange, Value
from journeykit.diff.emitter import Emitter
from journeykit.diff.matching import match
from journeykit.model import Experience, Interaction, Journey, Metric, Opportunity, Origin, PainPoint, Touchpoint
from journeykit.present import emotion_text, number, trigger_text
from journeykit.source import Location


def _container(journey: Journey, key: str) -> Location:
    """Where something was removed from: the list's key in HEAD, or the map's id."""
    data = journey.source.data
    if isinstance(data, dict) and key in data:
        return Origin(journey.source, (key,)).at(key=True)
    return journey.origin.at("id")


def _ids(values: Iterable[str] | None, rename: Mapping[str, str]) -> tuple[str, ...] | None:
    """A list of references read in HEAD's ids, order ignored (None stays None: every persona)."""
    if values is None:
        return None
    return tuple(sorted(rename.get(v, v) for v in values))


def _listed(values: tuple[str, ...] | None, every: str = "none") -> str:
    if values is None:
        return every
    return "[" + ", ".join(values) + "]" if values else "none"


def _text(value: Value) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return _listed(value)
    return f"'{value}'" if isinstance(value, str) else str(value)


class MapComparer:
    """The changes inside one map present on both sides."""

    def __init__(self, out: Emitter, base: AnalyzedMap, head: AnalyzedMap) -> None:
        self.out = out
        self.b = base.journey
        self.h = head.journey
        self.b_matrix = base.coverage
        self.h_matrix = head.coverage
        self.id = self.h.id
        self.file = self.h.file
        self.persona_to: dict[str, str] = {}
        self.stage_to: dict[str, str] = {}
        self.touchpoint_to: dict[str, str] = {}
        self.evidence_to: dict[str, str] = {}
        self.cells: list[CellChange] = []

    def run(self) -> list[CellChange]:
        self._personas()
        self._stages()
        self._evidence()
        self._touchpoints()
        self._events()
        self._cells()
        self._pain_points()
        self._opportunities()
        self._interactions()
        return self.cells

    def emit(self, name: str, subject: str, message: str, **fields: Any) -> None:
        self.out.emit(name, self.id, subject, message, file=self.file, **fields)

    def _renamed(self, noun: str, name: str, renames: Mapping[str, str], origin_of: Callable[[str], Location]) -> None:
        for old, new in renames.items():
            self.emit(name, new, f"{noun} '{old}' is now '{new}'", before=old, after=new, location=origin_of(new))

    # --- personas and stages

    def _personas(self) -> None:
        base, head = self.b.persona_by_id, self.h.persona_by_id
        matched = match(base, head, lambda p: p.name)
        self.persona_to = dict(matched.pairs)
        self._renamed("persona", "persona-renamed", matched.renames, lambda p: self.h.persona_origin(p).at())
        for persona in matched.removed:
            self.emit(
                "persona-removed",
                persona,
                f"persona '{persona}' ({base[persona].name}) removed",
                persona=persona,
                before=persona,
                location=_container(self.h, "personas"),
            )
        for persona in matched.added:
            self.emit(
                "persona-added",
                persona,
                f"persona '{persona}' ({head[persona].name}) added",
                persona=persona,
                after=persona,
                location=self.h.persona_origin(persona).at(),
            )

    def _stages(self) -> None:
        base, head = self.b.stage_by_id, self.h.stage_by_id
        matched = match(base, head, lambda s: s.name)
        self.stage_to = dict(matched.pairs)
        self._renamed("stage", "stage-renamed", matched.renames, lambda s: head[s].origin.at())
        for stage in matched.removed:
            self.emit(
                "stage-removed",
                stage,
                f"stage '{stage}' ({base[stage].name}) removed",
                stage=stage,
                before=stage,
                location=_container(self.h, "stages"),
            )
        for stage in matched.added:
            self.emit(
                "stage-added",
                stage,
                f"stage '{stage}' ({head[stage].name}) added",
                stage=stage,
                after=stage,
                location=head[stage].origin.at(),
            )
        kept = set(self.stage_to.values())
        before = tuple(self.stage_to[s.id] for s in self.b.stages if s.id in self.stage_to)
        after = tuple(s.id for s in self.h.stages if s.id in kept)
        if before != after:
            self.emit(
                "stage-reordered",
                self.id,
                f"stages reordered: {' → '.join(before)} is now {' → '.join(after)}",
                before=before,
                after=after,
                location=_container(self.h, "stages"),
            )

    # --- touchpoints, events, metrics

    def _touchpoints(self) -> None:
        base, head = self.b.touchpoint_by_id, self.h.touchpoint_by_id
        matched = match(base, head, lambda t: (t.name, self.stage_to.get(t.stage, t.stage)))
        self.touchpoint_to = dict(matched.pairs)
        self._renamed("touchpoint", "touchpoint-renamed", matched.renames, lambda t: head[t].origin.at())
        for old, new in matched.pairs:
            self._touchpoint_pair(base[old], head[new])
        for touchpoint in matched.removed:
            gone = base[touchpoint]
            self.emit(
                "touchpoint-removed",
                touchpoint,
                f"touchpoint '{touchpoint}' ({gone.name}) removed from stage '{gone.stage}'",
                stage=self.stage_to.get(gone.stage, gone.stage),
                before=touchpoint,
                location=_container(self.h, "touchpoints"),
            )
        for touchpoint in matched.added:
            added = head[touchpoint]
            self.emit(
                "touchpoint-added",
                touchpoint,
                f"touchpoint '{touchpoint}' ({added.name}) added to stage '{added.stage}'",
                stage=added.stage,
                after=touchpoint,
                location=added.origin.at(),
            )

    def _touchpoint_pair(self, old: Touchpoint, new: Touchpoint) -> None:
        if self.stage_to.get(old.stage, old.stage) != new.stage:
            self.emit(
                "touchpoint-moved",
                new.id,
                f"touchpoint '{new.id}' moved from stage '{old.stage}' to '{new.stage}'",
                stage=new.stage,
                before=old.stage,
                after=new.stage,
                location=new.origin.at("stage"),
            )
        fields: list[tuple[str, Value, Value, Value, Value]] = [
            ("name", old.name, new.name, old.name, new.name),
            ("description", old.description, new.description, old.description, new.description),
            ("channel", old.channel, new.channel, old.channel, new.channel),
            ("owner", old.owner, new.owner, old.owner, new.owner),
            (
                "personas",
                _ids(old.personas, self.persona_to),
                _ids(new.personas, {}),
                old.personas,
                new.personas,
            ),
            ("next", _ids(old.next, self.touchpoint_to), _ids(new.next, {}), old.next, new.next),
            ("loops_to", _ids(old.loops_to, self.touchpoint_to), _ids(new.loops_to, {}), old.loops_to, new.loops_to),
        ]
        for field, compared_before, compared_after, before, after in fields:
            if compared_before == compared_after:
                continue
            if field == "personas":
                shown = f"{_listed(old.personas, 'every persona')} → {_listed(new.personas, 'every persona')}"
            else:
                shown = f"{_text(before)} → {_text(after)}"
            self.emit(
                "touchpoint-changed",
                new.id,
                f"touchpoint '{new.id}' {field}: {shown}",
                stage=new.stage,
                field=field,
                before=before,
                after=after,
                location=new.origin.at(field, key=True),
            )
        self._metrics(old, new)

    def _metrics(self, old: Touchpoint, new: Touchpoint) -> None:
        base = {m.name: m for m in reversed(old.metrics)}
        head = {m.name: m for m in reversed(new.metrics)}
        for name in base:
            if name not in head:
                self.emit(
                    "metric-removed",
                    new.id,
                    f"touchpoint '{new.id}' no longer measures '{name}'",
                    stage=new.stage,
                    field=f"metrics[{name}]",
                    before=name,
                    location=new.origin.at("metrics", key=True),
                )
        for name, metric in head.items():
            if name not in base:
                self.emit(
                    "metric-added",
                    new.id,
                    f"touchpoint '{new.id}' now measures '{name}'",
                    stage=new.stage,
                    field=f"metrics[{name}]",
                    after=name,
                    location=metric.origin.at(),
                )
                continue
            self._metric_pair(new, base[name], metric)

    def _metric_pair(self, touchpoint: Touchpoint, old: Metric, new: Metric) -> None:
        for field in ("value", "target", "unit", "better"):
            before, after = getattr(old, field), getattr(new, field)
            if before == after:
                continue
            raised = field == "target" and _loosened(old, new)
            if field in ("value", "target"):
                shown = f"{number(before, old.unit) if before is not None else 'none'} → "
                shown += number(after, new.unit) if after is not None else "none"
            else:
                shown = f"{_text(before)} → {_text(after)}"
            self.emit(
                "metric-changed",
                touchpoint.id,
                f"touchpoint '{touchpoint.id}' metric '{new.name}' {field}: {shown}",
                raised=raised,
                stage=touchpoint.stage,
                field=f"metrics[{new.name}].{field}",
                before=before,
                after=after,
                location=new.origin.at(field, key=True),
            )

    def _events(self) -> None:
        base = [(self.touchpoint_to.get(t.id, t.id), t.id, e) for t in self.b.touchpoints for e in t.events]
        head = [(t.id, t.id, e) for t in self.h.touchpoints for e in t.events]
        base_set = {(t, e) for t, _, e in base}
        head_set = {(t, e) for t, _, e in head}
        gone = [(t, original, e) for t, original, e in base if (t, e) not in head_set]
        new = [(t, e) for t, _, e in head if (t, e) not in base_set]
        gone_by_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
        new_by_event: dict[str, list[str]] = defaultdict(list)
        for t, original, e in gone:
            gone_by_event[e].append((t, original))
        for t, e in new:
            new_by_event[e].append(t)
        touchpoints = self.h.touchpoint_by_id
        for event in sorted(gone_by_event):
            olds, news = gone_by_event[event], new_by_event.get(event, [])
            if len(olds) == 1 and len(news) == 1:
                (_, original), target = olds[0], news.pop()
                moved_to = touchpoints[target]
                self.emit(
                    "event-moved",
                    event,
                    f"event '{event}' moved from touchpoint '{original}' to '{target}'",
                    stage=moved_to.stage,
                    before=original,
                    after=target,
                    location=moved_to.origin.at("events", moved_to.events.index(event)),
                )
                continue
            for t, original in olds:
                still = touchpoints.get(t)
                self.emit(
                    "event-removed",
                    event,
                    f"event '{event}' is no longer recorded at touchpoint '{original}': "
                    "dashboards and journeykit analytics that count it will stop seeing it",
                    stage=still.stage if still else None,
                    before=original,
                    location=still.origin.at("events", key=True) if still else _container(self.h, "touchpoints"),
                )
        for event in sorted(new_by_event):
            for t in new_by_event[event]:
                at = touchpoints[t]
                self.emit(
                    "event-added",
                    event,
                    f"event '{event}' now recorded at touchpoint '{t}'",
                    stage=at.stage,
                    after=t,
                    location=at.origin.at("events", at.events.index(event)),
                )

    # --- cells: emotion, evidence cited, coverage

    def _cells(self) -> None:
        persona_from = {h: b for b, h in self.persona_to.items()}
        stage_from = {h: b for b, h in self.stage_to.items()}
        base_cells = self.b.experience_by_cell
        head_cells = self.h.experience_by_cell
        for persona in self.h_matrix.personas:
            old_persona = persona_from.get(persona)
            if old_persona is None or old_persona not in self.b_matrix.personas:
                continue
            for stage in self.h_matrix.stages:
                old_stage = stage_from.get(stage)
                if old_stage is None or old_stage not in self.b_matrix.stages:
                    continue
                before = base_cells.get((old_persona, old_stage))
                after = head_cells.get((persona, stage))
                self._emotion(persona, stage, before, after)
                self._citations(persona, stage, before, after)
                self._coverage(
                    self.b_matrix.cell(old_persona, old_stage), self.h_matrix.cell(persona, stage), persona, stage
                )

    def _emotion(self, persona: str, stage: str, before: Experience | None, after: Experience | None) -> None:
        old = before.emotion if before is not None and before.applicable else None
        new = after.emotion if after is not None and after.applicable else None
        if old == new:
            return
        raised = new is not None and ((old is not None and new <= old - 2) or (new < 0 and (old is None or old >= 0)))
        self.emit(
            "emotion-changed",
            f"{persona}@{stage}",
            f"{persona} in {stage}: emotion {emotion_text(old)} → {emotion_text(new)}",
            raised=raised,
            persona=persona,
            stage=stage,
            before=old,
            after=new,
            location=after.origin.at("emotion") if after is not None else _container(self.h, "experiences"),
        )

    def _citations(self, persona: str, stage: str, before: Experience | None, after: Experience | None) -> None:
        if before is None or after is None or not before.applicable or not after.applicable:
            return
        old = {self.evidence_to.get(e, e) for e in before.evidence}
        new = set(after.evidence)
        for evidence in sorted(old - new):
            last = not new
            self.emit(
                "evidence-removed",
                evidence,
                f"{persona} in {stage} no longer cites '{evidence}'" + (": it cites no evidence now" if last else ""),
                raised=last,
                persona=persona,
                stage=stage,
                before=evidence,
                location=after.origin.at("evidence", key=True),
            )
        for evidence in sorted(new - old):
            self.emit(
                "evidence-added",
                evidence,
                f"{persona} in {stage} now cites '{evidence}'",
                persona=persona,
                stage=stage,
                after=evidence,
                location=after.origin.at("evidence", after.evidence.index(evidence)),
            )

    def _coverage(self, before: Cell, after: Cell, persona: str, stage: str) -> None:
        if before.state == after.state:
            return
        self.cells.append(CellChange(persona, stage, before.state, after.state))
        raised = before.state == "covered" and after.state != "not-applicable"
        origin, key = gap_anchor(self.h, after)
        self.emit(
            "coverage-changed",
            f"{persona}@{stage}",
            f"cell {persona} × {stage}: {before.state} → {after.state}",
            raised=raised,
            persona=persona,
            stage=stage,
            before=before.state,
            after=after.state,
            location=origin.at(key=key),
        )

    # --- pain points and opportunities

    def _cell_of(self, experience: Experience) -> tuple[str, str]:
        return (
            self.persona_to.get(experience.persona, experience.persona),
            self.stage_to.get(experience.stage, experience.stage),
        )

    def _removed_from(self, experience: Experience, key: str) -> Location:
        """For something removed from an experience: that experience's list in HEAD, or the experiences."""
        now = self.h.experience_by_cell.get(self._cell_of(experience))
        return now.origin.at(key, key=True) if now is not None else _container(self.h, "experiences")

    def _pain_points(self) -> None:
        base = self.b.pain_points
        head = self.h.pain_points
        matched = match(base, head, lambda item: (item[0].text, self._cell_of(item[1])))
        self._renamed("pain point", "pain-point-renamed", matched.renames, lambda p: head[p][0].origin.at())
        for old, new in matched.pairs:
            self._pain_pair(base[old], head[new])
        for pain in matched.removed:
            point, experience = base[pain]
            persona, stage = self._cell_of(experience)
            self.emit(
                "pain-point-removed",
                pain,
                f"pain point '{pain}' of {persona} in {stage} resolved (removed): {point.text}",
                persona=persona,
                stage=stage,
                before=pain,
                location=self._removed_from(experience, "pain_points"),
            )
        for pain in matched.added:
            point, experience = head[pain]
            self.emit(
                "pain-point-added",
                pain,
                f"pain point '{pain}' of {experience.persona} in {experience.stage} added: {point.text}",
                persona=experience.persona,
                stage=experience.stage,
                after=pain,
                location=point.origin.at(),
            )

    def _pain_pair(self, old: tuple[PainPoint, Experience], new: tuple[PainPoint, Experience]) -> None:
        point, experience = new
        cell_before, cell_after = self._cell_of(old[1]), (experience.persona, experience.stage)
        changes: list[tuple[str, Value, Value, Location]] = []
        if old[0].severity != point.severity:
            changes.append(("severity", old[0].severity, point.severity, point.origin.at("severity", key=True)))
        if old[0].text != point.text:
            changes.append(("text", old[0].text, point.text, point.origin.at("text", key=True)))
        if cell_before != cell_after:
            changes.append(("cell", f"{old[1].persona}@{old[1].stage}", "@".join(cell_after), point.origin.at()))
        for field, before, after, location in changes:
            self.emit(
                "pain-point-changed",
                point.id,
                f"pain point '{point.id}' {field}: {_text(before)} → {_text(after)}",
                persona=experience.persona,
                stage=experience.stage,
                field=field,
                before=before,
                after=after,
                location=location,
            )

    def _opportunities(self) -> None:
        base = _opportunities(self.b)
        head = _opportunities(self.h)
        matched = match(base, head, lambda item: (item[0].text, self._cell_of(item[1])))
        self._renamed("opportunity", "opportunity-renamed", matched.renames, lambda o: head[o][0].origin.at())
        for item in matched.removed:
            opportunity, experience = base[item]
            persona, stage = self._cell_of(experience)
            self.emit(
                "opportunity-removed",
                item,
                f"opportunity '{item}' of {persona} in {stage} removed: {opportunity.text}",
                persona=persona,
                stage=stage,
                before=item,
                location=self._removed_from(experience, "opportunities"),
            )
        for item in matched.added:
            opportunity, experience = head[item]
            self.emit(
                "opportunity-added",
                item,
                f"opportunity '{item}' of {experience.persona} in {experience.stage} added: {opportunity.text}",
                persona=experience.persona,
                stage=experience.stage,
                after=item,
                location=opportunity.origin.at(),
            )

    # --- interactions and evidence

    def _interactions(self) -> None:
        base = {i.id: i for i in reversed(self.b.interactions)}
        head = {i.id: i for i in reversed(self.h.interactions)}
        matched = match(base, head, lambda i: (i.name, self.stage_to.get(i.stage, i.stage)))
        self._renamed("interaction", "interaction-renamed", matched.renames, lambda i: head[i].origin.at())
        for old, new in matched.pairs:
            self._interaction_pair(base[old], head[new])
        for item in matched.removed:
            gone = base[item]
            self.emit(
                "interaction-removed",
                item,
                f"interaction '{item}' ({gone.name}) removed",
                stage=self.stage_to.get(gone.stage, gone.stage),
                before=item,
                location=_container(self.h, "interactions"),
            )
        for item in matched.added:
            added = head[item]
            self.emit(
                "interaction-added",
                item,
                f"interaction '{item}' ({added.name}) added: {trigger_text(added.trigger)} in stage '{added.stage}'",
                stage=added.stage,
                after=item,
                location=added.origin.at(),
            )

    def _interaction_pair(self, old: Interaction, new: Interaction) -> None:
        fields: list[tuple[str, str, Value, Value, Value, Value]] = [
            ("trigger", "trigger", _trigger(old), _trigger(new), trigger_text(old.trigger), trigger_text(new.trigger)),
            ("channel", "channel", old.channel, new.channel, old.channel, new.channel),
            (
                "audience",
                "personas",
                _ids(old.personas, self.persona_to),
                _ids(new.personas, {}),
                old.personas,
                new.personas,
            ),
            ("stage", "stage", self.stage_to.get(old.stage, old.stage), new.stage, old.stage, new.stage),
        ]
        for field, key, compared_before, compared_after, before, after in fields:
            if compared_before == compared_after:
                continue
            if field == "audience":
                shown = f"{_listed(old.personas, 'every persona')} → {_listed(new.personas, 'every persona')}"
            else:
                shown = f"{_text(before)} → {_text(after)}"
            self.emit(
                "interaction-changed",
                new.id,
                f"interaction '{new.id}' {field}: {shown}",
                stage=new.stage,
                field=field,
                before=before,
                after=after,
                location=new.origin.at(key, key=True),
            )

    def _evidence(self) -> None:
        base, head = self.b.evidence_by_id, self.h.evidence_by_id
        matched = match(base, head, lambda e: (e.type, e.title or e.summary))
        self.evidence_to = dict(matched.pairs)
        self._renamed("evidence", "evidence-renamed", matched.renames, lambda e: head[e].origin.at())
        for item in matched.removed:
            self.emit(
                "evidence-removed",
                item,
                f"evidence '{item}' ({base[item].type}) removed",
                before=item,
                location=_container(self.h, "evidence"),
            )
        for item in matched.added:
            self.emit(
                "evidence-added",
                item,
                f"evidence '{item}' ({head[item].type}) added",
                after=item,
                location=head[item].origin.at(),
            )


def _opportunities(journey: Journey) -> dict[str, tuple[Opportunity, Experience]]:
    found: dict[str, tuple[Opportunity, Experience]] = {}
    for experience in journey.experiences:
        for opportunity in experience.opportunities:
            found.setdefault(opportunity.id, (opportunity, experience))
    return found


def _trigger(interaction: Interaction) -> tuple[str, ...]:
    t = interaction.trigger
    return tuple(str(v) for v in (t.type, t.day, t.event, t.within, t.name, t.location, t.cron))


def _loosened(old: Metric, new: Metric) -> bool:
    """A target made easier to meet (lower when higher is better, higher when lower is better), or dropped."""
    if old.target is None:
        return False
    if new.target is None:
        return True
    return new.target < old.target if new.better == "higher" else new.target > old.target
