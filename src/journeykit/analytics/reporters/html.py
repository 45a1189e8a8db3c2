"""`--format html`: a self-contained page with each map's funnels, backtracks and unmapped events: the same
section that `journeykit render --events` adds to the report (templates/analytics.html.j2)."""

from __future__ import annotations

from typing import TextIO

from journeykit import __version__
from journeykit.analytics.result import AnalyticsResult
from journeykit.reporters import ReportContext


def report(result: AnalyticsResult, out: TextIO, context: ReportContext) -> None:
    from journeykit.render.html import Templates
    from journeykit.render.view.analytics import build_analytics_page

    page = build_analytics_page(result.maps, result.settings)
    out.write(Templates().render("analytics-page.html.j2", page=page, generator=f"journeykit {__version__}"))
