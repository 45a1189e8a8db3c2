"""Every code, keyed by code: importing the family modules registers their rules."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Mapping

from journeykit.codes.base import Rule, registered

FAMILY_MODULES = (
    "journeykit.codes.file",
    "journeykit.codes.csv_import",
    "journeykit.codes.schema",
    "journeykit.codes.references",
    "journeykit.codes.suppression",
    "journeykit.codes.rendering",
    "journeykit.rules.flow",
    "journeykit.rules.coverage",
    "journeykit.rules.content",
    "journeykit.rules.interactions",
    "journeykit.rules.timing",
)


@functools.cache
def all_rules() -> Mapping[str, Rule]:
    """All codes, sorted."""
    for module in FAMILY_MODULES:
        importlib.import_module(module)
    return dict(sorted(registered().items()))
