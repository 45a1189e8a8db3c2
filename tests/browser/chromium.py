"""Debian's Chromium for every browser test: one browser per session, and pages that record what they do.

Playwright drives /usr/bin/chromium (no browser is downloaded), launched headless, without a sandbox, a
GPU or background networking. `visit(path)` opens a file and records its console errors, every request
it makes and every dialog it opens, so that each test can assert that a page is inert and offline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass
class Visit:
    """A page opened by `visit`, with what it did while it loaded and afterwards."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


Visitor = Callable[[Path], Visit]


def watch(page: Page) -> Visit:
    """Record the page's console errors, requests and dialogs (each dialog dismissed)."""
    seen = Visit(page)
    page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.console_errors.append(str(e)))
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("dialog", lambda d: (seen.dialogs.append(d.message), d.dismiss()))
    return seen


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: ./dev test installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visitor]:
    """Open files from disk in a fresh 1600×1000 context, watched (see `watch`)."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})

    def open_page(path: Path) -> Visit:
        seen = watch(context.new_page())
        seen.page.goto(path.as_uri())
        seen.page.wait_for_load_state("load")
        return seen

    yield open_page
    context.close()
