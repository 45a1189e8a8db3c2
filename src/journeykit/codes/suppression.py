"""JK09x: inline suppression comments that do nothing or cannot work. Emitted by the lint engine."""

from __future__ import annotations

from journeykit.codes.base import Family, Rule, register
from journeykit.findings import Severity

UNUSED_SUPPRESSION = register(
    Rule(
        code="JK090",
        name="unused-suppression",
        family=Family.SUPPRESSION,
        severity=Severity.INFO,
        summary="A `# journeykit: ignore[...]` comment that suppresses nothing.",
        explanation=(
            "A suppression comment silences the listed codes for the node on its line. When none of them "
            "fires there any more (the problem was fixed, or the code is not enabled), the comment is noise "
            "that would hide a future problem: remove it."
        ),
        configurable=True,
    )
)
INVALID_SUPPRESSION = register(
    Rule(
        code="JK091",
        name="invalid-suppression",
        family=Family.SUPPRESSION,
        severity=Severity.WARNING,
        summary="A suppression comment names a code that does not exist or cannot be suppressed.",
        explanation=(
            "Only lint rules (JK3xx to JK7xx, and JK090) can be suppressed; file, schema and reference "
            "findings mean the map cannot be read. A misspelt code would silently suppress nothing."
        ),
        configurable=True,
    )
)
