"""The view model of a map that cannot be shown (problems.html.j2): its findings, as `journeykit lint` prints them.

`journeykit serve` shows this page in place of a map's report while the map has errors (a file saved
half-written, a broken reference), so the author sees what to fix, with the source lines, instead of
an old report.
"""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass

from journeykit import __version__
from journeykit.reporters import DIAGNOSTIC_FORMATS, ReportContext
from journeykit.result import Result

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
"""Colour codes, should FORCE_COLOR be set: the page shows plain text."""


@dataclass(frozen=True)
class ProblemsView:
    title: str
    file: str
    counts: str
    """`2 errors and 1 warning`."""
    text: str
    """The text reporter's output for the file: each finding with its source line and a caret."""
    index_href: str | None
    generator: str
    generated: str


def build_problems(file: str, result: Result, *, today: datetime.date, index_href: str | None) -> ProblemsView:
    """The findings of one file out of a run's result."""
    own = result.with_findings(f for f in result.findings if f.location.file == file)
    out = io.StringIO()
    DIAGNOSTIC_FORMATS.get("text").report(own, out, ReportContext("serve"))
    return ProblemsView(
        title=f"{file} has errors",
        file=file,
        counts=own.summary.counts_phrase(),
        text=_ANSI.sub("", out.getvalue()).rstrip(),
        index_href=index_href,
        generator=f"journeykit {__version__}",
        generated=today.isoformat(),
    )
