"""Every registered output format, on the same result: golden files, and the shared contract.

Regenerate the golden files with JOURNEYKIT_UPDATE_GOLDEN=1 after reviewing a change.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeykit import __version__
from journeykit.analysis import analyze_files
from journeykit.checks import Checked, with_lint
from journeykit.config import Settings
from journeykit.coverage import CoverageReport
from journeykit.reporters import COVERAGE_FORMATS, DIAGNOSTIC_FORMATS, ReportContext
from journeykit.result import Result
from tests.helpers import MINIMAL, assert_golden

TODAY = datetime.date(2026, 11, 22)

SHOP = """\
journeykit: 1
kind: journey
id: web-shop
title: Web shop <&> "quoted"
updated: 2026-11-01
personas:
  - id: shopper
    name: Shopper
  - id: browser
    name: Browser
stages:
  - id: discovery
    name: Discovery
  - id: purchase
    name: Purchase
touchpoints:
  - id: search-ad
    name: Search ad
    stage: discovery
    next: [checkout]
  - id: checkout
    name: Checkout
    stage: purchase
experiences:
  - persona: shopper
    stage: discovery
    touchpoints: [search-ad]
    tasks: [Compare prices]
    emotion: -1
  - persona: shopper
    stage: purchase
    applicable: false
    reason: Bought in the store
"""
BROKEN = MINIMAL.replace("- id: purchase", "- id: Purchase Stage")


def checked() -> Checked:
    settings = Settings()
    analysis = analyze_files({"maps/shop.journey.yaml": SHOP, "maps/broken.journey.yaml": BROKEN}, settings)
    return with_lint(analysis, settings, TODAY)


def scrub(text: str) -> str:
    """The version and the checkout's directory (SARIF's source root) change; nothing else in these outputs may."""
    text = text.replace(Path.cwd().as_uri() + "/", "file:///SRCROOT/")
    return re.sub(rf"(?<![\d.]){re.escape(__version__)}(?![\d.])", "VERSION", text)


def render(report: object, name: str, registry: object) -> str:
    out = io.StringIO()
    reporter = registry.get(name)  # type: ignore[attr-defined]
    reporter.report(report, out, ReportContext("lint"))
    return scrub(out.getvalue())


@pytest.mark.parametrize("name", DIAGNOSTIC_FORMATS.names)
def test_diagnostic_format_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    result = checked().result.with_notes("2 findings in the baseline not shown.")
    assert_golden(f"reporters/diagnostics.{name}", render(result, name, DIAGNOSTIC_FORMATS))


@pytest.mark.parametrize("name", COVERAGE_FORMATS.names)
def test_coverage_format_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    report = CoverageReport(tuple(m.coverage for m in checked().maps), fail_under=80)
    assert_golden(f"reporters/coverage.{name}", render(report, name, COVERAGE_FORMATS))


@pytest.mark.parametrize("name", DIAGNOSTIC_FORMATS.names)
def test_every_diagnostic_format_reports_every_finding(name: str) -> None:
    result = checked().result
    assert {f.code for f in result.findings} >= {"JK104", "JK504", "JK403"}
    text = render(result, name, DIAGNOSTIC_FORMATS)
    for finding in result.findings:
        assert finding.code in text, f"{name} omits {finding.code}"


EMPTY = {
    "text": lambda text: "All checks passed (3 files checked)." in text,
    "concise": lambda text: text == "",
    "json": lambda text: json.loads(text)["diagnostics"] == [] and json.loads(text)["summary"]["files_checked"] == 3,
    "github": lambda text: "::error" not in text and "no findings (3 files checked)" in text,
    "sarif": lambda text: json.loads(text)["runs"][0]["results"] == [],
    "junit": lambda text: ET.fromstring(text).get("failures") == "0",
    "gitlab": lambda text: json.loads(text) == [],
}


def test_every_format_has_an_empty_case() -> None:
    assert set(EMPTY) == set(DIAGNOSTIC_FORMATS.names)


@pytest.mark.parametrize("name", DIAGNOSTIC_FORMATS.names)
def test_an_empty_result_is_valid_output(name: str) -> None:
    assert EMPTY[name](render(Result((), 3), name, DIAGNOSTIC_FORMATS))


def test_only_the_text_format_prints_notes_itself() -> None:
    printing = [n for n in DIAGNOSTIC_FORMATS.names if DIAGNOSTIC_FORMATS.get(n).prints_notes]
    assert printing == ["text"]
    assert "baseline not shown" in render(
        checked().result.with_notes("1 finding in the baseline not shown."), "text", DIAGNOSTIC_FORMATS
    )
