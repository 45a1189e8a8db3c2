"""Small helpers for building maps and asserting findings in tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.findings import Finding

MINIMAL = """\
journeykit: 1
kind: journey
id: checkout
title: Checkout
stages:
  - id: purchase
    name: Purchase
"""
"""The smallest valid map, the start of many tests."""


def findings_in(paths: Iterable[str | Path], settings: Settings | None = None) -> list[Finding]:
    """Findings of the validate pipeline (files, schema, references), sorted."""
    analysis = analyze([str(p) for p in paths], settings or Settings())
    return analysis.result.sorted_findings()


def assert_finding(
    findings: list[Finding], code: str, *, line: int, column: int, file: str | None = None, contains: str = ""
) -> Finding:
    """The finding with this code at exactly this line and column; fails listing what was found."""
    for f in findings:
        loc = f.location
        if f.code == code and loc.line == line and loc.column == column and (file is None or loc.file == file):
            assert contains in f.message or contains in (f.hint or ""), f"{f.message!r} lacks {contains!r}"
            return f
    found = "\n".join(f"  {f.code} {f.location} {f.message}" for f in findings) or "  (nothing)"
    raise AssertionError(f"no {code} at {line}:{column}; found:\n{found}")


def codes(findings: Iterable[Finding]) -> list[str]:
    return [f.code for f in findings]
