"""The view model of one map's report page (report.html.j2): every label, class and link decided here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from journeykit import __version__
from journeykit.coverage import CellState, CoverageMatrix, Ratio
from journeykit.diff.changes import MapDiff
from journeykit.diff.marks import Marks, marks_of
from journeykit.figures import MapAnalytics
from journeykit.findings import Finding
from journeykit.model import SEVERITY_ORDER, Experience, Interaction, Journey, Persona, Touchpoint
from journeykit.present import emotion_text, fraction, metric_text, number, plural, state_label, when_text
from journeykit.quoted import QuotedLines, excerpt
from journeykit.render.plan_view import YearView
from journeykit.render.view.analytics import AnalyticsView, StepView, lane_steps, reach_text
from journeykit.render.view.changes import ChangeMark, ChangesView, changes_view, mark_view
from journeykit.render.view.common import (
    Chip,
    HeatmapView,
    TouchpointChip,
    anchor,
    channel_chips,
    finding_counts,
    heatmap,
    review_text,
    safe_href,
    team_name,
)

TRIGGER_GROUPS = (
    ("day_of_use", "Day of use"),
    ("behavior", "After a behaviour"),
    ("event", "On an external event"),
    ("schedule", "On a schedule"),
)


@dataclass(frozen=True)
class PainView:
    id: str
    text: str
    severity: str
    anchor: str


@dataclass(frozen=True)
class OpportunityView:
    id: str
    text: str
    owner: str | None
    addresses: tuple[tuple[str, str], ...]
    """(pain point text, anchor) pairs."""


@dataclass(frozen=True)
class EvidenceRef:
    label: str
    anchor: str


@dataclass(frozen=True)
class CellView:
    stage: str
    state: CellState
    state_label: str
    touchpoints: tuple[TouchpointChip, ...] = ()
    tasks: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    thoughts: str | None = None
    influences: tuple[str, ...] = ()
    emotion: int | None = None
    emotion_text: str = "not recorded"
    pain_points: tuple[PainView, ...] = ()
    opportunities: tuple[OpportunityView, ...] = ()
    evidence: tuple[EvidenceRef, ...] = ()
    reason: str | None = None
    change: ChangeMark | None = None
    emotion_change: ChangeMark | None = None


@dataclass(frozen=True)
class CurvePoint:
    x: int
    y: int
    label: str


@dataclass(frozen=True)
class EmotionCurve:
    """An SVG polyline across the stage columns: x is the column centre, y the emotion (-2..+2)."""

    width: int
    height: int
    segments: tuple[str, ...]
    points: tuple[CurvePoint, ...]
    gridlines: tuple[tuple[int, str], ...]
    description: str

    COLUMN = 100
    TOP = 10
    STEP = 20

    @classmethod
    def of(cls, persona_name: str, stage_names: Sequence[str], emotions: Sequence[int | None]) -> EmotionCurve:
        def y(emotion: int) -> int:
            return cls.TOP + (2 - emotion) * cls.STEP

        points: list[CurvePoint] = []
        segments: list[str] = []
        current: list[str] = []
        for index, (name, emotion) in enumerate(zip(stage_names, emotions, strict=True)):
            if emotion is None:
                if current:
                    segments.append(" ".join(current))
                current = []
                continue
            x = index * cls.COLUMN + cls.COLUMN // 2
            points.append(CurvePoint(x, y(emotion), f"{name}: {emotion_text(emotion)}"))
            current.append(f"{x},{y(emotion)}")
        if current:
            segments.append(" ".join(current))
        described = "; ".join(f"{name}: {emotion_text(e)}" for name, e in zip(stage_names, emotions, strict=True))
        return cls(
            width=max(len(stage_names), 1) * cls.COLUMN,
            height=2 * cls.TOP + 4 * cls.STEP,
            segments=tuple(segments),
            points=tuple(points),
            gridlines=tuple((y(e), f"{e:+d}") for e in (2, 1, 0, -1, -2)),
            description=f"Emotion of {persona_name} by stage. {described}.",
        )


@dataclass(frozen=True)
class PersonaLane:
    id: str
    name: str
    description: str | None
    goals: tuple[str, ...]
    frustrations: tuple[str, ...]
    source: str
    cells: tuple[CellView, ...]
    curve: EmotionCurve
    coverage: str
    before_curve: EmotionCurve | None = None
    measured: tuple[StepView, ...] = ()


@dataclass(frozen=True)
class StageView:
    id: str
    name: str
    description: str | None


@dataclass(frozen=True)
class InteractionView:
    id: str
    name: str
    when: str
    type: str | None
    channel: Chip | None
    stage: str
    audience: str
    message: str | None
    goal: str | None


@dataclass(frozen=True)
class TimelineGroup:
    title: str
    interactions: tuple[InteractionView, ...]


@dataclass(frozen=True)
class MetricRow:
    touchpoint: str
    anchor: str
    stage: str
    name: str
    value: str
    target: str
    status: str
    status_class: str
    summary: str


@dataclass(frozen=True)
class EvidenceRow:
    id: str
    anchor: str
    type: str
    title: str
    date: str
    summary: str | None
    href: str | None
    link_text: str | None


@dataclass(frozen=True)
class FindingRow:
    location: str
    line: int
    code: str
    severity: str
    message: str
    hint: str | None
    source_line: str


@dataclass(frozen=True)
class FlowRow:
    """A touchpoint as text: where it leads, and its service-blueprint lanes."""

    name: str
    anchor: str
    stage: str
    channel: str
    owner: str | None
    next: tuple[str, ...]
    loops: tuple[str, ...]
    frontstage: tuple[str, ...]
    backstage: tuple[str, ...]
    support: tuple[str, ...]
    events: tuple[str, ...]
    change: ChangeMark | None = None


@dataclass(frozen=True)
class ReportView:
    """Everything report.html.j2 shows about one map."""

    id: str
    title: str
    description: str | None
    file: str
    owner: str | None
    owner_contact: str | None
    updated: str | None
    review: str
    tags: tuple[str, ...]
    stages: tuple[StageView, ...]
    lanes: tuple[PersonaLane, ...]
    heatmap: HeatmapView
    timeline: tuple[TimelineGroup, ...]
    metrics: tuple[MetricRow, ...]
    evidence: tuple[EvidenceRow, ...]
    findings: tuple[FindingRow, ...]
    finding_counts: tuple[tuple[str, str], ...]
    """(severity, `2 warnings`) for each severity."""
    channels: tuple[Chip, ...]
    flows: tuple[FlowRow, ...]
    diagram_svg: str | None
    diagram_note: str | None
    diagram_description: str
    generator: str
    generated: str
    filters: str | None = None
    index_href: str | None = None
    year: YearView | None = None
    """The year view of the map's reference plan (templates/plan.html.j2), when it plans interactions."""
    changes: ChangesView | None = None
    analytics: AnalyticsView | None = None
    """What an event log measured (`render --events`, templates/analytics.html.j2)."""


def build_report(
    journey: Journey,
    matrix: CoverageMatrix,
    findings: Sequence[Finding],
    *,
    today: datetime.date,
    diagram_svg: str | None = None,
    diagram_note: str | None = None,
    quoted: QuotedLines | None = None,
    filters: str | None = None,
    index_href: str | None = None,
    year: YearView | None = None,
    changes: MapDiff | None = None,
    analytics: AnalyticsView | None = None,
    figures: MapAnalytics | None = None,
) -> ReportView:
    """The view of one map, limited to the personas and stages of `matrix` (already filtered); with
    `changes`, what changed since a revision is marked (`render --since`); with `figures` and `analytics`,
    what an event log measured is shown in the grid and in its own section (`render --events`)."""
    chips = channel_chips(journey)
    marks = marks_of(changes) if changes is not None else None
    stages = tuple(StageView(s.id, s.name, s.description) for s in journey.stages if s.id in matrix.stages)
    by_persona = matrix.by_persona()
    lanes = tuple(
        _lane(journey, matrix, journey.persona_by_id[p], chips, by_persona[p], marks, figures) for p in matrix.personas
    )
    visible_stages = set(matrix.stages)
    touchpoints = [t for t in journey.touchpoints if t.stage in visible_stages]
    return ReportView(
        id=journey.id,
        title=journey.title,
        description=journey.description,
        file=journey.file,
        owner=team_name(journey, journey.owner),
        owner_contact=_team_contact(journey, journey.owner),
        updated=journey.updated.isoformat() if journey.updated else None,
        review=review_text(journey.updated, today),
        tags=journey.tags,
        stages=stages,
        lanes=lanes,
        heatmap=heatmap(matrix, title=journey.title),
        timeline=_timeline(journey, chips, visible_stages, set(matrix.personas)),
        metrics=tuple(_metric_rows(journey, touchpoints)),
        evidence=tuple(_evidence_rows(journey, today)),
        findings=tuple(_finding_rows(findings, quoted or QuotedLines())),
        finding_counts=tuple((label, plural(count, label)) for label, count in finding_counts(findings).items()),
        channels=tuple(chips[c.id] for c in journey.channels if any(t.channel == c.id for t in journey.touchpoints)),
        flows=tuple(_flows(journey, touchpoints, chips, marks)),
        diagram_svg=diagram_svg,
        diagram_note=diagram_note,
        diagram_description=_diagram_description(journey, touchpoints, stages),
        generator=f"journeykit {__version__}",
        generated=today.isoformat(),
        filters=filters,
        index_href=index_href,
        year=year,
        changes=changes_view(changes, marks) if changes is not None and marks is not None else None,
        analytics=analytics,
    )


# --- pieces ---------------------------------------------------------------------------------------


def _team_contact(journey: Journey, team_id: str | None) -> str | None:
    team = journey.team_by_id.get(team_id) if team_id else None
    return team.contact if team else None


def _lane(
    journey: Journey,
    matrix: CoverageMatrix,
    persona: Persona,
    chips: dict[str, Chip],
    ratio: Ratio,
    marks: Marks | None = None,
    figures: MapAnalytics | None = None,
) -> PersonaLane:
    cells = []
    emotions: list[int | None] = []
    stage_names = []
    for cell in matrix.row(persona.id):
        experience = cell.experience
        stage_names.append(journey.stage_by_id[cell.stage].name)
        emotions.append(experience.emotion if experience is not None and experience.applicable else None)
        view = _cell_view(journey, cell.stage, cell.state, cell.lacks, experience, chips, marks)
        if figures is not None and experience is not None and experience.applicable:
            reached = [
                replace(chip, reach=reach_text(figures, persona.id, touchpoint, journey))
                for touchpoint, chip in zip(experience.touchpoints, view.touchpoints, strict=True)
            ]
            view = replace(view, touchpoints=tuple(reached))
        if marks is not None:
            key = (persona.id, cell.stage)
            was = marks.emotions.get(key)
            view = replace(
                view,
                change=mark_view(marks.cells.get(key)),
                emotion_change=ChangeMark("changed", was) if was is not None else None,
            )
        cells.append(view)
    source = f"from the catalog {persona.origin.file}" if persona.from_catalog else "defined in this map"
    before = marks.before_emotions.get(persona.id) if marks is not None else None
    return PersonaLane(
        id=persona.id,
        name=persona.name,
        description=persona.description,
        goals=persona.goals,
        frustrations=persona.frustrations,
        source=source,
        cells=tuple(cells),
        curve=EmotionCurve.of(persona.name, stage_names, emotions),
        coverage=fraction(ratio),
        before_curve=(
            EmotionCurve.of(f"{persona.name} in {marks.since}", stage_names, [before.get(c.stage) for c in cells])
            if before is not None and marks is not None
            else None
        ),
        measured=lane_steps(figures, persona.id, journey, matrix.stages) if figures is not None else (),
    )


def _cell_view(
    journey: Journey,
    stage: str,
    state: CellState,
    lacks: Sequence[str],
    experience: Experience | None,
    chips: dict[str, Chip],
    marks: Marks | None = None,
) -> CellView:
    label = state_label(state, lacks)
    if experience is None:
        return CellView(stage, state, label)
    if not experience.applicable:
        return CellView(stage, state, label, reason=experience.reason)
    pains = journey.pain_points
    return CellView(
        stage=stage,
        state=state,
        state_label=label,
        touchpoints=tuple(_touchpoint_chip(journey, t, chips, marks) for t in experience.touchpoints),
        tasks=experience.tasks,
        questions=experience.questions,
        thoughts=experience.thoughts,
        influences=experience.influences,
        emotion=experience.emotion,
        emotion_text=emotion_text(experience.emotion),
        pain_points=tuple(
            PainView(p.id, p.text, p.severity or "unrated", anchor("pain", p.id))
            for p in sorted(experience.pain_points, key=lambda p: -SEVERITY_ORDER.get(p.severity or "", 0))
        ),
        opportunities=tuple(
            OpportunityView(
                o.id,
                o.text,
                team_name(journey, o.owner),
                tuple((pains[a][0].text, anchor("pain", a)) for a in o.addresses if a in pains),
            )
            for o in experience.opportunities
        ),
        evidence=tuple(_evidence_ref(journey, e) for e in experience.evidence),
    )


def _touchpoint_chip(
    journey: Journey, touchpoint_id: str, chips: dict[str, Chip], marks: Marks | None = None
) -> TouchpointChip:
    touchpoint = journey.touchpoint_by_id.get(touchpoint_id)
    change = mark_view(marks.touchpoints.get(touchpoint_id)) if marks is not None else None
    if touchpoint is None:
        return TouchpointChip(touchpoint_id, anchor("touchpoint", touchpoint_id), None, change)
    return TouchpointChip(
        touchpoint.name, anchor("touchpoint", touchpoint.id), chips.get(touchpoint.channel or ""), change
    )


def _evidence_ref(journey: Journey, evidence_id: str) -> EvidenceRef:
    item = journey.evidence_by_id.get(evidence_id)
    label = (item.title or item.summary or item.id) if item else evidence_id
    return EvidenceRef(label, anchor("evidence", evidence_id))


def _timeline(
    journey: Journey,
    chips: dict[str, Chip],
    stages: set[str],
    personas: set[str],
) -> tuple[TimelineGroup, ...]:
    wanted = [
        i
        for i in journey.interactions
        if i.stage in stages and (i.personas is None or not personas.isdisjoint(i.personas))
    ]
    groups = []
    for trigger_type, title in TRIGGER_GROUPS:
        members = [i for i in wanted if i.trigger.type == trigger_type]
        if trigger_type == "day_of_use":
            members.sort(key=lambda i: (i.trigger.day if i.trigger.day is not None else 10**9, i.id))
        if members:
            groups.append(TimelineGroup(title, tuple(_interaction_view(journey, i, chips) for i in members)))
    return tuple(groups)


def _interaction_view(journey: Journey, interaction: Interaction, chips: dict[str, Chip]) -> InteractionView:
    if interaction.personas is None:
        audience = "every persona"
    else:
        audience = ", ".join(
            journey.persona_by_id[p].name if p in journey.persona_by_id else p for p in interaction.personas
        )
    return InteractionView(
        id=interaction.id,
        name=interaction.name,
        when=when_text(interaction, journey),
        type=interaction.type,
        channel=chips.get(interaction.channel),
        stage=journey.stage_name(interaction.stage),
        audience=audience,
        message=interaction.message,
        goal=interaction.goal,
    )


def _metric_rows(journey: Journey, touchpoints: Iterable[Touchpoint]) -> Iterable[MetricRow]:
    for touchpoint in touchpoints:
        for metric in touchpoint.metrics:
            if metric.target is None:
                status, css = "no target", "neutral"
            elif metric.misses_target:
                status, css = "misses target", "misses"
            else:
                status, css = "meets target", "meets"
            yield MetricRow(
                touchpoint=touchpoint.name,
                anchor=anchor("touchpoint", touchpoint.id),
                stage=journey.stage_name(touchpoint.stage),
                name=metric.name,
                value=number(metric.value, metric.unit),
                target=number(metric.target, metric.unit) if metric.target is not None else "—",
                status=status + (" (lower is better)" if metric.better == "lower" else ""),
                status_class=css,
                summary=metric_text(metric),
            )


def _evidence_rows(journey: Journey, today: datetime.date) -> Iterable[EvidenceRow]:
    for item in journey.evidence:
        href = safe_href(item.link)
        date = item.date.isoformat() if item.date else "undated"
        if item.date:
            date += f" ({(today - item.date).days} days ago)"
        yield EvidenceRow(
            id=item.id,
            anchor=anchor("evidence", item.id),
            type=item.type,
            title=item.title or item.id,
            date=date,
            summary=item.summary,
            href=href,
            link_text=item.link if href else None,
        )


def _finding_rows(findings: Sequence[Finding], quoted: QuotedLines) -> Iterable[FindingRow]:
    for finding in sorted(findings, key=Finding.sort_key):
        loc = finding.location
        source_line, _, _ = excerpt(quoted.line(loc.file, loc.line), loc.column, 1)
        yield FindingRow(
            str(loc),
            loc.line,
            finding.code,
            finding.severity.label,
            finding.message,
            finding.hint,
            source_line.rstrip(),
        )


def _flows(
    journey: Journey, touchpoints: Sequence[Touchpoint], chips: dict[str, Chip], marks: Marks | None = None
) -> Iterable[FlowRow]:
    names = {t.id: t.name for t in journey.touchpoints}
    for touchpoint in touchpoints:
        chip = chips.get(touchpoint.channel or "")
        yield FlowRow(
            name=touchpoint.name,
            anchor=anchor("touchpoint", touchpoint.id),
            stage=journey.stage_name(touchpoint.stage),
            channel=chip.title if chip else "no channel",
            owner=team_name(journey, touchpoint.owner or journey.touchpoint_owner),
            next=tuple(names.get(n, n) for n in touchpoint.next),
            loops=tuple(names.get(n, n) for n in touchpoint.loops_to),
            frontstage=touchpoint.frontstage,
            backstage=touchpoint.backstage,
            support=touchpoint.support,
            events=touchpoint.events,
            change=mark_view(marks.touchpoints.get(touchpoint.id)) if marks is not None else None,
        )


def _diagram_description(journey: Journey, touchpoints: Sequence[Touchpoint], stages: Sequence[StageView]) -> str:
    edges = sum(len(t.next) + len(t.loops_to) for t in touchpoints)
    return (
        f"Flow diagram of {journey.title}: {len(touchpoints)} touchpoints in {len(stages)} stages "
        f"({', '.join(s.name for s in stages)}), joined by {edges} steps. "
        "The touchpoints table lists the same flow as text."
    )
