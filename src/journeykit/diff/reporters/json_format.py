"""The JSON contract of a diff (docs/output.md): changes, coverage and findings, with a version."""

from __future__ import annotations

from typing import Any, TextIO

from journeykit import __version__
from journeykit.coverage import Ratio
from journeykit.diff.changes import Change, DiffReport, MapCoverage, Side, Value
from journeykit.output import write_json
from journeykit.reporters import ReportContext
from journeykit.reporters.json_format import diagnostic

VERSION = 1
# Changes to the shape, newest first; bump VERSION for anything a reader could trip on.
#   1: first version: version, tool, base and head {label, commit}, changes [{kind, level, map,
#      subject, persona, stage, field, before, after, message, file, line, column}], coverage
#      [{map, title, before, after, cells [{persona, stage, before, after}]}], findings {added,
#      fixed} (diagnostics as in `lint --format json`), summary {error, warning, info, changes}.


def document(diff: DiffReport) -> dict[str, Any]:
    counts = diff.counts()
    return {
        "version": VERSION,
        "tool": {"name": "journeykit", "version": __version__},
        "base": _side(diff.base),
        "head": _side(diff.head),
        "changes": [change_record(c) for c in diff.sorted_changes()],
        "coverage": [_coverage(entry) for entry in diff.coverage],
        "findings": {
            "added": [diagnostic(f) for f in diff.added],
            "fixed": [diagnostic(f) for f in diff.fixed],
        },
        "summary": {**counts, "changes": len(diff.changes)},
    }


def report(diff: DiffReport, out: TextIO, context: ReportContext) -> None:
    write_json(out, document(diff))


def change_record(change: Change) -> dict[str, Any]:
    loc = change.location
    return {
        "kind": change.kind,
        "level": change.level.label,
        "map": change.map,
        "subject": change.subject,
        "persona": change.persona,
        "stage": change.stage,
        "field": change.field,
        "before": _value(change.before),
        "after": _value(change.after),
        "message": change.message,
        "file": loc.file if loc else change.file,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
    }


def _value(value: Value) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _side(side: Side) -> dict[str, Any]:
    return {"label": side.label, "commit": side.commit}


def _ratio(ratio: Ratio | None) -> dict[str, Any] | None:
    if ratio is None:
        return None
    return {"coverage": ratio.coverage, "covered": ratio.covered, "applicable": ratio.applicable}


def _coverage(entry: MapCoverage) -> dict[str, Any]:
    return {
        "map": entry.map,
        "title": entry.title,
        "before": _ratio(entry.before),
        "after": _ratio(entry.after),
        "cells": [{"persona": c.persona, "stage": c.stage, "before": c.before, "after": c.after} for c in entry.cells],
    }
