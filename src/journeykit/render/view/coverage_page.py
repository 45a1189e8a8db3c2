"""The view model of the coverage page (coverage.html.j2): each map's heatmap and the total."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeykit.coverage import CoverageMatrix, Ratio
from journeykit.present import fraction, percent
from journeykit.render.view.common import HeatmapView, heatmap


@dataclass(frozen=True)
class CoveragePageView:
    """What coverage.html.j2 shows: each map's heatmap and the total."""

    total: str
    evidenced: str
    maps: tuple[HeatmapView, ...]


def build_coverage_page(matrices: Sequence[CoverageMatrix], total: Ratio) -> CoveragePageView:
    return CoveragePageView(
        total=fraction(total, digits=1),
        evidenced=percent(total.evidence, 1),
        maps=tuple(heatmap(m, title=m.journey.title) for m in matrices),
    )
