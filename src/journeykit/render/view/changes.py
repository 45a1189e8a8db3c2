"""The view of what changed in a map since a revision (`render --since`): the report's changes section,
and the marks that its grid, chips, flow table and emotion curves show."""

from __future__ import annotations

from dataclasses import dataclass

from journeykit.diff.changes import MapDiff
from journeykit.diff.marks import Mark, Marks
from journeykit.present import plural


@dataclass(frozen=True)
class ChangeMark:
    """A change on one item, in words and as a CSS class."""

    state: str
    label: str


@dataclass(frozen=True)
class ChangeRow:
    level: str
    kind: str
    message: str
    where: str


@dataclass(frozen=True)
class RemovedItem:
    noun: str
    name: str
    detail: str


@dataclass(frozen=True)
class ChangesView:
    """The changes section of a report."""

    since: str
    summary: str
    rows: tuple[ChangeRow, ...]
    removed: tuple[RemovedItem, ...]
    legend: tuple[ChangeMark, ...]


LEGEND = (
    ChangeMark("added", "new"),
    ChangeMark("moved", "moved"),
    ChangeMark("changed", "changed"),
    ChangeMark("removed", "removed"),
)


def mark_view(mark: Mark | None) -> ChangeMark | None:
    return ChangeMark(mark.state, mark.label) if mark is not None else None


def changes_view(diff: MapDiff, marks: Marks) -> ChangesView:
    """The section listing every change of the map, most severe first, and what was removed."""
    changes = sorted(diff.changes, key=lambda c: c.sort_key())
    if marks.new_map:
        summary = f"This map is new since {diff.since}."
    elif not changes:
        summary = f"Nothing changed since {diff.since}."
    else:
        summary = f"{plural(len(changes), 'change')} since {diff.since}, marked in the grid, diagram and tables."
    return ChangesView(
        since=diff.since,
        summary=summary,
        rows=tuple(
            ChangeRow(c.level.label, c.kind, c.message, f"line {c.location.line}" if c.location else "")
            for c in changes
        ),
        removed=tuple(RemovedItem(r.noun, r.name, r.detail) for r in marks.removed),
        legend=LEGEND,
    )
