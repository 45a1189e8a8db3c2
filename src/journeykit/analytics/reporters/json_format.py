"""`--format json`: the versioned document of ANALYTICS.md."""

from __future__ import annotations

from typing import TextIO

from journeykit.analytics.document import to_document
from journeykit.analytics.result import AnalyticsResult
from journeykit.output import write_json


def report(result: AnalyticsResult, out: TextIO) -> None:
    write_json(out, to_document(result))
