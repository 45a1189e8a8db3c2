"""A map as one fact per line, in a stable order, for git's `textconv`: `git log -p` then shows what
changed in the journey rather than how the YAML was laid out.

Items are sorted by id (stages keep their order, which means something, and say their position),
so moving an item in the file changes nothing; every value is one printable line.
"""

from __future__ import annotations

from collections.abc import Iterator

from journeykit.coverage import CoverageMatrix
from journeykit.model import Journey, Touchpoint
from journeykit.present import emotion_text, fraction, metric_text, state_label, trigger_text
from journeykit.sanitize import printable


def one_line(text: str) -> str:
    return printable(" ".join(text.split()))


def facts(journey: Journey, matrix: CoverageMatrix) -> list[str]:
    """Every fact of a map, one per line."""
    return list(_facts(journey, matrix))


def _facts(journey: Journey, matrix: CoverageMatrix) -> Iterator[str]:
    head = f"map {one_line(journey.id)}"
    yield head
    yield f"{head} title: {one_line(journey.title)}"
    for label, value in (
        ("description", journey.description),
        ("owner", journey.owner),
        ("updated", journey.updated.isoformat() if journey.updated else None),
        ("tags", ", ".join(journey.tags) if journey.tags else None),
        ("default touchpoint owner", journey.touchpoint_owner),
    ):
        if value:
            yield f"{head} {label}: {one_line(value)}"
    for persona in sorted(journey.personas, key=lambda p: p.id):
        where = " (from a catalog)" if persona.from_catalog else ""
        yield f"persona {one_line(persona.id)} name: {one_line(persona.name)}{where}"
    for stage in journey.stages:
        yield f"stage {stage.index + 1} {one_line(stage.id)} name: {one_line(stage.name)}"
    for channel in sorted((c for c in journey.channels if not c.from_catalog), key=lambda c: c.id):
        yield f"channel {one_line(channel.id)}: {one_line(channel.name)} ({channel.mode})"
    for team in sorted((t for t in journey.teams if not t.from_catalog), key=lambda t: t.id):
        yield f"team {one_line(team.id)}: {one_line(team.name)}"
    for touchpoint in sorted(journey.touchpoints, key=lambda t: t.id):
        yield from _touchpoint(touchpoint)
    for experience in sorted(journey.experiences, key=lambda e: (e.persona, e.stage)):
        cell = f"experience {one_line(experience.persona)}@{one_line(experience.stage)}"
        if not experience.applicable:
            yield f"{cell} not applicable: {one_line(experience.reason or '')}"
            continue
        yield f"{cell} emotion: {emotion_text(experience.emotion)}"
        if experience.touchpoints:
            yield f"{cell} touchpoints: {one_line(', '.join(experience.touchpoints))}"
        for task in experience.tasks:
            yield f"{cell} task: {one_line(task)}"
        for pain in sorted(experience.pain_points, key=lambda p: p.id):
            yield f"{cell} pain point {one_line(pain.id)} [{pain.severity or 'unrated'}]: {one_line(pain.text)}"
        for opportunity in sorted(experience.opportunities, key=lambda o: o.id):
            yield f"{cell} opportunity {one_line(opportunity.id)}: {one_line(opportunity.text)}"
        for cited in sorted(experience.evidence):
            yield f"{cell} evidence: {one_line(cited)}"
    for interaction in sorted(journey.interactions, key=lambda i: i.id):
        item = f"interaction {one_line(interaction.id)}"
        audience = ", ".join(interaction.personas) if interaction.personas is not None else "every persona"
        yield f"{item} name: {one_line(interaction.name)}"
        yield f"{item} trigger: {one_line(trigger_text(interaction.trigger))}"
        yield f"{item} channel: {one_line(interaction.channel)}"
        yield f"{item} stage: {one_line(interaction.stage)}"
        yield f"{item} audience: {one_line(audience)}"
        if interaction.message:
            yield f"{item} message: {one_line(interaction.message)}"
    for research in sorted(journey.evidence, key=lambda e: e.id):
        date = research.date.isoformat() if research.date else "undated"
        title = research.title or research.summary or ""
        yield f"evidence {one_line(research.id)}: {research.type}, {date}{': ' + one_line(title) if title else ''}"
    for state in sorted(matrix.cells, key=lambda c: (c.persona, c.stage)):
        yield f"coverage {one_line(state.persona)}@{one_line(state.stage)}: {state_label(state.state, state.lacks)}"
    yield f"coverage of the map: {fraction(matrix.total)}"


def _touchpoint(touchpoint: Touchpoint) -> Iterator[str]:
    item = f"touchpoint {one_line(touchpoint.id)}"
    yield f"{item} name: {one_line(touchpoint.name)}"
    yield f"{item} stage: {one_line(touchpoint.stage)}"
    for label, value in (("channel", touchpoint.channel), ("owner", touchpoint.owner)):
        if value:
            yield f"{item} {label}: {one_line(value)}"
    personas = ", ".join(touchpoint.personas) if touchpoint.personas is not None else "every persona"
    yield f"{item} personas: {one_line(personas)}"
    for label, targets in (("next", touchpoint.next), ("loops to", touchpoint.loops_to)):
        if targets:
            yield f"{item} {label}: {one_line(', '.join(sorted(targets)))}"
    for event in sorted(touchpoint.events):
        yield f"{item} event: {one_line(event)}"
    for metric in sorted(touchpoint.metrics, key=lambda m: m.name):
        yield f"{item} metric {one_line(metric_text(metric))}"
