"""Coverage as JSON, in the shape docs/output.md documents: `maps` with ratios and cells, plus totals."""

from __future__ import annotations

from typing import Any, TextIO

from journeykit import __version__
from journeykit.coverage import CoverageMatrix, CoverageReport
from journeykit.output import write_json
from journeykit.reporters import ReportContext

FORMAT_VERSION = 1
# Changes to the shape, newest first; bump FORMAT_VERSION for anything a reader could trip on.
#   1: first version: maps [{id, file, title, coverage, evidenced, personas, stages, cells
#      [{persona, stage, state, lacks}]}], total {coverage, evidenced, covered, applicable}.


def map_entry(matrix: CoverageMatrix) -> dict[str, Any]:
    total = matrix.total
    return {
        "id": matrix.journey.id,
        "file": matrix.journey.file,
        "title": matrix.journey.title,
        "coverage": total.coverage,
        "evidenced": total.evidence,
        "personas": {p: r.coverage for p, r in matrix.by_persona().items()},
        "stages": {s: r.coverage for s, r in matrix.by_stage().items()},
        "cells": [
            {"persona": c.persona, "stage": c.stage, "state": c.state, "lacks": list(c.lacks)} for c in matrix.cells
        ],
    }


def document(coverage: CoverageReport) -> dict[str, Any]:
    total = coverage.total
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "journeykit", "version": __version__},
        "maps": [map_entry(m) for m in coverage.matrices],
        "total": {
            "coverage": total.coverage,
            "evidenced": total.evidence,
            "covered": total.covered,
            "applicable": total.applicable,
        },
    }


def report(coverage: CoverageReport, out: TextIO, context: ReportContext) -> None:
    write_json(out, document(coverage))
