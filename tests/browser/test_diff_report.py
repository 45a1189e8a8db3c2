"""`render --since` in Chromium: the report marks what changed, in words and shapes, and stays
self-contained and script-free (like the other reports, tests/browser/test_reports.py)."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from tests.browser.chromium import Visitor
from tests.browser.test_reports import ARTIFACTS, AS_OF
from tests.helpers import EXAMPLES, GitRepo

pytestmark = pytest.mark.browser
RETAIL = "maps/consumer/retail/retail-app-first-year.journey.yaml"


def edit(text: str) -> str:
    """A touchpoint removed, one moved, one added, a channel changed, emotions changed."""
    start = text.index("  - id: store-app-poster")
    text = text[:start] + text[text.index("  - id: web-landing") :]
    text = text.replace("store-app-poster, ", "").replace(", store-app-poster", "")
    text = text.replace(
        "  - id: price-alert\n    name: Wishlist and price-drop alerts\n    stage: research",
        "  - id: price-alert\n    name: Wishlist and price-drop alerts\n    stage: discovery",
    )
    text = text.replace(
        "touchpoints:\n",
        "touchpoints:\n  - id: chat-bot\n    name: Shopping assistant chat\n"
        "    stage: research\n    channel: website\n    owner: ecommerce\n",
        1,
    )
    return text.replace("emotion: 1", "emotion: -1", 2)


@pytest.fixture(scope="module")
def since_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from journeykit.cli import main

    repo = GitRepo(tmp_path_factory.mktemp("since") / "repo")
    shutil.copytree(EXAMPLES, repo.root / "maps")
    repo.commit("examples")
    retail = repo.root / RETAIL
    retail.write_text(edit(retail.read_text(encoding="utf-8")), encoding="utf-8")
    out = repo.root.parent / "out"
    cwd = Path.cwd()
    os.chdir(repo.root)
    try:
        assert main(["render", "maps", "-o", str(out), "--since", "HEAD", "--as-of", AS_OF]) == 0
    finally:
        os.chdir(cwd)
    return out


def test_the_report_marks_changes_and_stays_inert(since_site: Path, visit: Visitor) -> None:
    report = since_site / "retail-app-first-year.html"
    seen = visit(report)
    page = seen.page
    assert seen.console_errors == [] and seen.dialogs == []
    assert seen.requests == [report.as_uri()]
    assert page.evaluate("document.scripts.length") == 0
    section = page.locator("section#changes")
    assert section.count() == 1 and "Changes since HEAD" in section.locator("h2").inner_text()
    removed = page.locator("ul.removed del")
    assert "poster" in removed.first.inner_text()
    assert (
        page.evaluate("getComputedStyle(document.querySelector('ul.removed del')).textDecorationLine") == "line-through"
    )
    added = page.locator("section#touchpoints tr.change-added")
    assert added.count() == 1 and "NEW" in added.inner_text().upper()
    assert "Shopping assistant chat" in added.inner_text()
    assert page.locator("span.change.moved", has_text="moved from Research").count() >= 1
    before = page.locator("svg.curve polyline.before")
    assert before.count() >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('svg.curve .before')).strokeDasharray") != "none"
    assert "Dashed faint line" in page.locator("svg.curve desc").first.text_content()
    assert page.locator("figure.diagram svg g.node[id^=diagram-removed-touchpoint-]").count() == 1
    assert "REMOVED" in page.locator("figure.diagram").inner_text()
    duplicates = page.evaluate(
        "(() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
        " return ids.length - new Set(ids).size; })()"
    )
    assert duplicates == 0
    levels = page.evaluate("[...document.querySelectorAll('h1, h2, h3')].map(h => Number(h.tagName[1]))")
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "retail-app-first-year.since.png"), full_page=True)


def test_an_unchanged_map_says_so(since_site: Path, visit: Visitor) -> None:
    page = visit(since_site / "saas-trial.html").page
    assert "Nothing changed since HEAD" in page.locator("section#changes").inner_text()
    assert page.locator("span.change").count() == 4  # the legend only
