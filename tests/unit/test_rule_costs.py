"""Rules stay linear in the size of a map: none asks the model a question that scans it per item."""

from __future__ import annotations

import datetime

import pytest

from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.model import Journey


def big_map(touchpoints: int, interactions: int) -> str:
    lines = [
        "journeykit: 1",
        "kind: journey",
        "id: big",
        "title: Big",
        "personas:",
        *(f"  - {{id: p{n}, name: P{n}}}" for n in range(5)),
        "stages:",
        "  - {id: s0, name: S0}",
        "  - {id: s1, name: S1}",
        "channels:",
        "  - {id: app, name: App, mode: digital}",
        "touchpoints:",
        *(f"  - {{id: t{n}, name: T{n}, stage: s{n % 2}, personas: [p{n % 5}]}}" for n in range(touchpoints)),
        "interactions:",
        *(
            f"  - {{id: i{n}, name: I{n}, channel: app, stage: s{n % 2}, personas: [p{n % 4}, p4],"
            f" trigger: {{type: day_of_use, day: {n % 3}}}}}"
            for n in range(interactions)
        ),
    ]
    return "\n".join(lines) + "\n"


def test_interaction_rules_do_not_scan_the_touchpoints_per_interaction(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = Journey.touchpoints_in

    def counted(self: Journey, stage: str, persona: str | None = None) -> tuple[object, ...]:
        calls.append(stage)
        return real(self, stage, persona)

    monkeypatch.setattr(Journey, "touchpoints_in", counted)
    settings = Settings()
    analysis = analyze_files({"big.journey.yaml": big_map(400, 200)}, settings)
    found = with_lint(analysis, settings, datetime.date(2026, 11, 22)).result.findings
    assert any(f.code == "JK607" for f in found)
    assert len(calls) <= 2  # once per stage, to find where the journey starts
