"""`journeykit serve` in Debian's Chromium: open pages follow the files on disk by themselves.

`journeykit serve` runs as a process of its own on a free port. The test opens pages, edits a map on
disk and waits for the page to change without ever reloading it: the page's own script must do it. The
time from the write to the changed page is the reload latency, written to test-artifacts/.
"""

from __future__ import annotations

import re
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.helpers import EXAMPLES, REPO
from tests.serve_helpers import Served, serving

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "test-artifacts"
RETAIL = "maps/consumer/retail/retail-app-first-year.journey.yaml"
RETAIL_URL = "/consumer/retail/retail-app-first-year.journey.html"
TIMEOUT_MS = 30_000


def _workspace(root: Path) -> Path:
    (root / ".git").mkdir()
    shutil.copytree(EXAMPLES, root / "maps")
    return root


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[Served, Path]]:
    root = _workspace(tmp_path)
    with serving(root, ["maps", "--as-of", "2026-11-22"]) as served:
        yield served, root


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser.new_context(viewport={"width": 1400, "height": 900})
    yield opened
    opened.close()


def _open(context: BrowserContext, url: str, errors: list[str]) -> Page:
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("window.__notReloaded = true")  # gone once the page reloads itself
    return page


def _edit(root: Path, old: str, new: str) -> float:
    path = root / RETAIL
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return time.monotonic()


def _reloaded(page: Page) -> None:
    page.wait_for_function("() => window.__notReloaded === undefined", timeout=TIMEOUT_MS)
    page.wait_for_load_state("load")


def test_an_edit_on_disk_changes_the_open_page(site: tuple[Served, Path], context: BrowserContext) -> None:
    served, root = site
    errors: list[str] = []
    page = _open(context, served.url + RETAIL_URL, errors)
    assert page.evaluate("document.scripts.length") == 1  # the reload script, and nothing else
    assert "Larkfield app" in page.locator("h1").inner_text()
    written = _edit(root, "title: Larkfield app", "title: Larkfield app, edited live")
    page.wait_for_function(
        "() => document.querySelector('h1') && document.querySelector('h1').textContent.includes('edited live')",
        timeout=TIMEOUT_MS,
    )
    latency = time.monotonic() - written
    assert page.evaluate("window.__notReloaded") is None  # the page reloaded itself; the test never did
    assert errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "serve-reload-latency.txt").write_text(f"{latency:.3f} s from writing the map to the new page\n")
    print(f"serve reload latency: {latency:.3f} s")
    assert latency < 15


def test_a_broken_map_shows_its_errors_then_the_fixed_report(
    site: tuple[Served, Path], context: BrowserContext
) -> None:
    served, root = site
    errors: list[str] = []
    page = _open(context, served.url + RETAIL_URL, errors)
    path = root / RETAIL
    whole = path.read_text(encoding="utf-8")
    path.write_text(whole.replace("stages:", "stages: [unclosed", 1), encoding="utf-8")
    page.wait_for_function("() => document.title.includes('has errors')", timeout=TIMEOUT_MS)
    shown = page.locator("pre.problems").inner_text()
    assert "retail-app-first-year.journey.yaml:34:3: error[JK003]" in shown
    assert re.search(r"^34 \|   - {id: discovery", shown, re.MULTILINE), "the finding with its source line"
    page.evaluate("window.__notReloaded = true")
    path.write_text(whole, encoding="utf-8")
    _reloaded(page)
    assert page.locator("table.journey tbody.persona").count() >= 1
    assert errors == []


def test_many_tabs_all_follow_a_change_and_ctrl_c_stops_the_server(
    site: tuple[Served, Path], context: BrowserContext
) -> None:
    served, root = site
    errors: list[str] = []
    urls = ["/", RETAIL_URL, "/b2b-saas/saas-trial.journey.html", "/consumer/banking/mortgage-journey.journey.html"]
    pages = [_open(context, served.url + urls[i % len(urls)], errors) for i in range(10)]  # browsers allow 6 streams
    _edit(root, "title: Larkfield app", "title: Larkfield app, seen in every tab")
    for page in pages:
        _reloaded(page)
    assert "seen in every tab" in pages[1].locator("h1").inner_text()
    assert errors == []
    started = time.monotonic()
    code, stderr = served.stop(signal.SIGINT)
    assert code == 0 and "Traceback" not in stderr and "stopped serving" in stderr
    assert time.monotonic() - started < 10
