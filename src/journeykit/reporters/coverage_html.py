"""Coverage as a standalone HTML heatmap page, from the same templates as the reports."""

from __future__ import annotations

from typing import TextIO

from journeykit import __version__
from journeykit.coverage import CoverageReport
from journeykit.render.html import Templates
from journeykit.render.view.coverage_page import build_coverage_page
from journeykit.reporters import ReportContext


def report(coverage: CoverageReport, out: TextIO, context: ReportContext) -> None:
    page = build_coverage_page(coverage.matrices, coverage.total)
    out.write(Templates().render("coverage.html.j2", coverage=page, generator=f"journeykit {__version__}"))
