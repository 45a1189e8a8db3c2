"""The browser tests' fixtures: Debian's Chromium once per session, and `visit` (see tests/browser/chromium.py)."""

from tests.browser.chromium import browser, visit

__all__ = ["browser", "visit"]
