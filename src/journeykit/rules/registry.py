"""Every rule, keyed by code: importing the family modules registers their rules."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping

from journeykit.rules.base import Rule, registered

FAMILY_MODULES = (
    "journeykit.rules.file",
    "journeykit.rules.csv_import",
    "journeykit.rules.schema",
    "journeykit.rules.references",
    "journeykit.rules.suppression",
    "journeykit.rules.flow",
    "journeykit.rules.coverage",
    "journeykit.rules.content",
    "journeykit.rules.interactions",
)


@functools.cache
def all_rules() -> Mapping[str, Rule]:
    """All rules, sorted by code."""
    for module in FAMILY_MODULES:
        importlib.import_module(module)
    return dict(sorted(registered().items()))
