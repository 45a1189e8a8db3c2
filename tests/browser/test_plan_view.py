"""The plan's year view in headless Chromium: the retail example's page, standalone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.chromium import watch
from tests.helpers import EXAMPLES, REPO

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from journeykit.cli import main

    root = tmp_path_factory.mktemp("plan")
    (root / ".git").mkdir()
    shutil.copytree(EXAMPLES, root / "maps")
    out = root / "out" / "plan.html"
    retail = root / "maps" / "consumer" / "retail" / "retail-app-first-year.journey.yaml"
    assert main(["plan", str(retail), "--start", "2026-11-02", "--format", "html", "--output", str(out)]) == 0
    return out


def test_year_view_opens_cleanly_and_shows_every_day(page_file: Path, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    seen = watch(context.new_page())
    page = seen.page
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    assert seen.console_errors == [] and seen.dialogs == [] and seen.requests == [page_file.as_uri()]
    assert page.evaluate("document.scripts.length") == 0
    personas = page.locator("section.plan-persona")
    assert personas.count() == 3
    deal_hunter = page.locator("#plan-deal-hunter")
    # 2 Nov 2026 to 1 Nov 2027 touches 13 months; every day of the plan is a cell
    assert deal_hunter.locator("figure.plan-month").count() == 13
    assert deal_hunter.locator("table.plan-grid td:not(.pad):not(.outside)").count() == 365
    tips = deal_hunter.locator("td[title^='Thu 5 Nov 2026']")
    assert tips.get_attribute("title") == (
        "Thu 5 Nov 2026, day 3, in Research: 1 send\n"
        "18:30 ▲ Push notification: Day-3 savings tips (day 3 after install or sign-up at 18:30)"
    )
    assert tips.locator(".n").inner_text() == "1"
    listed = deal_hunter.locator("#plan-deal-hunter-2026-11 ul.plan-list").inner_text()
    assert "Thu 5 Nov 2026" in listed and "Push notification: Day-3 savings tips" in listed
    tips.hover()
    assert "Black Friday early access" in deal_hunter.locator("aside.plan-side").inner_text()
    band = deal_hunter.locator("#plan-deal-hunter-2026-11 ol.plan-bands li", has_text="Research")
    assert band.is_visible()
    ids = page.evaluate(
        "(() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
        " return ids.length - new Set(ids).size; })()"
    )
    assert ids == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "plan-retail.png"), full_page=True)
    context.close()
