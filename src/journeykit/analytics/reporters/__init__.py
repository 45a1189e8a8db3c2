"""Output formats of `journeykit analytics`, by name: each writes an AnalyticsResult to a text stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from journeykit.analytics.result import AnalyticsResult

Reporter = Callable[[AnalyticsResult, TextIO], None]
FORMATS = ("text", "json", "markdown")


def reporter(name: str) -> Reporter:
    """The reporter registered under `name` (one of FORMATS)."""
    if name == "json":
        from journeykit.analytics.reporters import json_format

        return json_format.report
    if name == "markdown":
        from journeykit.analytics.reporters import markdown

        return markdown.report
    from journeykit.analytics.reporters import text

    return text.report
