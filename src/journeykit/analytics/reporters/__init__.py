"""Output formats of `journeykit analytics`, registered by name: each module's `report(result, out, context)`
writes an AnalyticsResult to a text stream (the one reporter contract of journeykit.reporters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeykit.reporters import Registry

if TYPE_CHECKING:
    from journeykit.analytics.result import AnalyticsResult

ANALYTICS_FORMATS: Registry[AnalyticsResult] = Registry(
    {
        "text": "journeykit.analytics.reporters.text",
        "json": "journeykit.analytics.reporters.json_format",
        "markdown": "journeykit.analytics.reporters.markdown",
        "html": "journeykit.analytics.reporters.html",
    }
)
"""Formats for the figures of an event log laid over maps."""
