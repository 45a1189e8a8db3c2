"""`journeykit render --since REV`: the reports and diagrams mark what changed since a git revision."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.diff.changes import Side
from journeykit.diff.compare import compare
from journeykit.diff.marks import marks_of
from journeykit.diff.sides import Snapshot
from journeykit.render.dot import DiagramOptions, dot_source
from journeykit.render.view.report import build_report
from tests.helpers import FIXTURES, CliRun, GitRepo

AS_OF = "2026-11-22"
TODAY = datetime.date(2026, 11, 22)
BASE = (FIXTURES / "diff" / "base.journey.yaml").read_text(encoding="utf-8")
HEAD = (FIXTURES / "diff" / "head.journey.yaml").read_text(encoding="utf-8")


def snapshot(text: str, label: str) -> Snapshot:
    settings = Settings()
    checked = with_lint(analyze_files({"shop.journey.yaml": text}, settings), settings, TODAY)
    return Snapshot(
        Side(label, "c" * 40 if label == "main" else None), checked, {"shop.journey.yaml": "shop.journey.yaml"}
    )


@pytest.fixture(scope="module")
def shop_diff() -> tuple[Snapshot, object]:
    head = snapshot(HEAD, "working tree")
    report = compare(snapshot(BASE, "main"), head, Settings().diff)
    return head, report.maps["shop"]


def test_marks_say_what_changed_in_words(shop_diff: tuple[Snapshot, object]) -> None:
    _, map_diff = shop_diff
    marks = marks_of(map_diff)  # type: ignore[arg-type]
    assert marks.since == "main (cccccccccccc)"
    assert (marks.touchpoints["reviews"].state, marks.touchpoints["reviews"].label) == ("added", "new")
    assert marks.touchpoints["store-visit"].label == "moved from Research; changed: events"
    assert marks.touchpoints["ad"].label == "changed: channel, owner, events"
    assert marks.touchpoints["feedback-survey"].label == "changed: id (was survey-tp)"
    assert marks.cells[("shopper", "purchase")].label == "was covered"
    assert marks.emotions[("shopper", "discovery")] == "was +1 (positive)"
    assert marks.before_emotions["shopper"]["discovery"] == 1
    assert marks.before_emotions["browsing-shopper"]["research"] is None  # no experience there before
    removed = {(r.noun, r.name) for r in marks.removed}
    assert {("touchpoint", "Flyer"), ("persona", "Leaver"), ("stage", "Returns"), ("event", "ad_view")} <= removed
    assert ("pain point", "Hard to compare") in removed
    assert [(t.id, stage) for t, stage in marks.removed_touchpoints] == [("old-flyer", "discovery"), ("refund", None)]


def test_the_report_view_carries_the_marks(shop_diff: tuple[Snapshot, object]) -> None:
    head, map_diff = shop_diff
    analyzed = head.checked.maps[0]
    view = build_report(analyzed.journey, analyzed.coverage, [], today=TODAY, changes=map_diff)  # type: ignore[arg-type]
    assert view.changes is not None and view.changes.since == "main (cccccccccccc)"
    assert view.changes.rows[0].kind == "event-removed"
    shopper = next(lane for lane in view.lanes if lane.id == "shopper")
    assert shopper.before_curve is not None and "in main (cccccccccccc)" in shopper.before_curve.description
    purchase = next(cell for cell in shopper.cells if cell.stage == "purchase")
    assert purchase.change is not None and purchase.change.label == "was covered"
    flows = {f.anchor: f for f in view.flows}
    assert flows["touchpoint-reviews"].change is not None and flows["touchpoint-reviews"].change.state == "added"
    assert flows["touchpoint-help"].change is not None
    without = build_report(analyzed.journey, analyzed.coverage, [], today=TODAY)
    assert without.changes is None and all(lane.before_curve is None for lane in without.lanes)


def test_the_diagram_marks_changed_and_removed_touchpoints(shop_diff: tuple[Snapshot, object]) -> None:
    head, map_diff = shop_diff
    journey = head.checked.maps[0].journey
    source = dot_source(journey, DiagramOptions(marks=marks_of(map_diff)))  # type: ignore[arg-type]
    assert "<B>NEW</B>" in source and "MOVED FROM RESEARCH" in source
    assert "<S>Flyer</S>" in source and "style=dotted" in source
    assert 'id="diagram-removed-touchpoint-old-flyer"' in source
    assert "refund" not in source  # its stage is gone too: listed in the report, not drawn
    assert "since main (cccccccccccc): thick outline" in source
    assert "NEW" not in dot_source(journey)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("base", {"maps/shop.journey.yaml": BASE})
    (repo.root / "maps/shop.journey.yaml").write_text(HEAD, encoding="utf-8")
    monkeypatch.chdir(repo.root)
    return repo


def test_render_since_marks_the_report(repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    run = jk("render", "maps", "-o", "out", "--since", "HEAD", "--as-of", AS_OF, "--format", "html,dot")
    assert run.code == 0, run.stderr
    page = (repo.root / "out/shop.html").read_text(encoding="utf-8")
    assert '<section id="changes"' in page and "Changes since HEAD (" in page
    assert re.search(r"<li>touchpoint: <del>Flyer</del>", page)
    assert '<span class="change added">new</span>' in page
    assert 'class="line before"' in page
    assert "<S>Flyer</S>" in (repo.root / "out/shop.dot").read_text(encoding="utf-8")


def test_render_without_since_marks_nothing(repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    assert jk("render", "maps", "-o", "out", "--as-of", AS_OF, "--format", "html").code == 0
    page = (repo.root / "out/shop.html").read_text(encoding="utf-8")
    assert 'id="changes"' not in page and 'class="change ' not in page and 'class="line before"' not in page


def test_render_since_an_unknown_revision_is_exit_2(repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    run = jk("render", "maps", "-o", "out", "--since", "nope", "--format", "dot")
    assert run.code == 2 and "unknown revision 'nope'" in run.stderr
    assert not (repo.root / "out").exists()
