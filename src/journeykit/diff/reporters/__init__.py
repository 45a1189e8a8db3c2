"""Output formats for diffs, registered by name like the other reporters (`report(diff, out, context)`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journeykit.reporters import Registry

if TYPE_CHECKING:
    from journeykit.diff.changes import DiffReport

DIFF_FORMATS: Registry[DiffReport] = Registry(
    {
        "text": "journeykit.diff.reporters.text",
        "json": "journeykit.diff.reporters.json_format",
        "markdown": "journeykit.diff.reporters.markdown",
        "github": "journeykit.diff.reporters.github",
    }
)
"""Formats for `journeykit diff`."""
