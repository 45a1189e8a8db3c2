"""Pieces that several pages' view models share: links, anchors, channel chips, the coverage heatmap."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from journeykit.coverage import CellState, CoverageMatrix
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.present import STATE_SYMBOLS, days_ago, fraction, percent, state_label
from journeykit.render.palette import channel_colours
from journeykit.render.view.changes import ChangeMark
from journeykit.result import Summary


def safe_href(link: str | None) -> str | None:
    """The link if it is http, https, mailto or relative (no scheme); None otherwise."""
    if not link or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in link):
        return None
    if link[:2].replace("\\", "/") == "//":
        return None  # host-relative: it would take the report's scheme and go to another host
    try:
        scheme = urlsplit(link).scheme.lower()
    except ValueError:  # such as an unclosed IPv6 bracket: not a link a browser would follow
        return None
    return link if scheme in ("", "http", "https", "mailto") else None


def anchor(kind: str, item_id: str) -> str:
    return f"{kind}-{item_id}"


@dataclass(frozen=True)
class Chip:
    label: str
    fill: str
    border: str
    title: str


@dataclass(frozen=True)
class TouchpointChip:
    name: str
    anchor: str
    channel: Chip | None
    change: ChangeMark | None = None


@dataclass(frozen=True)
class HeatCell:
    state: CellState
    symbol: str
    label: str


@dataclass(frozen=True)
class HeatRow:
    name: str
    cells: tuple[HeatCell, ...]
    ratio: str


@dataclass(frozen=True)
class HeatmapView:
    title: str
    stages: tuple[str, ...]
    rows: tuple[HeatRow, ...]
    stage_ratios: tuple[str, ...]
    total: str
    evidenced: str
    legend: tuple[tuple[CellState, str], ...] = tuple((state, symbols[0]) for state, symbols in STATE_SYMBOLS.items())


def heatmap(matrix: CoverageMatrix, *, title: str) -> HeatmapView:
    """The coverage heatmap of a matrix: symbols and words, never colour alone."""
    journey = matrix.journey
    by_persona = matrix.by_persona()
    by_stage = matrix.by_stage()
    rows = []
    for persona in matrix.personas:
        cells = tuple(
            HeatCell(c.state, STATE_SYMBOLS[c.state][0], state_label(c.state, c.lacks)) for c in matrix.row(persona)
        )
        rows.append(HeatRow(journey.persona_by_id[persona].name, cells, fraction(by_persona[persona])))
    total = matrix.total
    return HeatmapView(
        title=title,
        stages=tuple(journey.stage_by_id[s].name for s in matrix.stages),
        rows=tuple(rows),
        stage_ratios=tuple(fraction(by_stage[s]) for s in matrix.stages),
        total=fraction(total, digits=1),
        evidenced=percent(total.evidence, 1),
    )


def channel_chips(journey: Journey) -> dict[str, Chip]:
    colours = channel_colours(journey.channels)
    return {
        c.id: Chip(c.name, colours[c.id].fill, colours[c.id].border, f"{c.name} ({c.mode})") for c in journey.channels
    }


def team_name(journey: Journey, team_id: str | None) -> str | None:
    if team_id is None:
        return None
    team = journey.team_by_id.get(team_id)
    return team.name if team else team_id


def review_text(updated: datetime.date | None, today: datetime.date) -> str:
    if updated is None:
        return "no review date"
    days = (today - updated).days
    return f"review dated {days_ago(days)}" if days < 0 else f"reviewed {days_ago(days)}"


def finding_counts(findings: Sequence[Finding]) -> dict[str, int]:
    return Summary.of(findings, 0).by_severity
