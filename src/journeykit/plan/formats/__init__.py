"""The plan's output formats, by name: each module has `write(plans, out)`.

Modules are imported when chosen, so that `journeykit --help` never loads icalendar or jinja2.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from journeykit.plan.result import JourneyPlan

Writer = Callable[["Sequence[JourneyPlan]", TextIO], None]

PLAN_FORMATS: dict[str, str] = {
    "text": "journeykit.plan.formats.text",
    "json": "journeykit.plan.formats.json_format",
    "csv": "journeykit.plan.formats.csv_format",
    "ics": "journeykit.plan.formats.ics",
    "html": "journeykit.plan.formats.html",
}
"""Format name → the module that writes it."""


def writer(name: str) -> Writer:
    """The `write` function of the format called `name` (one of PLAN_FORMATS)."""
    write: Writer = importlib.import_module(PLAN_FORMATS[name]).write
    return write
