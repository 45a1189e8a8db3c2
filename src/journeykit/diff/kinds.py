"""The catalogue of change kinds: one place for every kind's name, default level and description.

Like the rule registry, it is the single source for `journeykit diff --list-kinds`, docs/diff.md
and the validation of `[diff.levels]` in the configuration. A kind whose level depends on the
change (an emotion that drops by two) says so with `raised` and `raised_when`; a kind without
a level (`finding-added`) takes the level of the finding it reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeykit.findings import Severity

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of change: its stable name, its default level and what it means."""

    name: str
    group: str
    level: Severity | None
    """None: the level of the finding the change reports (finding-added)."""
    description: str
    raised: Severity | None = None
    raised_when: str | None = None

    def natural_level(self, *, raised: bool = False, finding: Severity | None = None) -> Severity:
        """The default level of one change of this kind."""
        if self.level is None:
            return finding or WARNING
        if raised and self.raised is not None:
            return max(self.level, self.raised)
        return self.level

    @property
    def level_text(self) -> str:
        """The default level in words, as --list-kinds and docs/diff.md show it."""
        if self.level is None:
            return "the finding's severity"
        if self.raised is None:
            return self.level.label
        return f"{self.level.label}; {self.raised.label} when {self.raised_when}"


GROUPS = (
    "map",
    "persona",
    "stage",
    "touchpoint",
    "event",
    "emotion",
    "pain point",
    "opportunity",
    "interaction",
    "evidence",
    "metric",
    "coverage",
    "finding",
)

_KINDS = (
    Kind("map-added", "map", WARNING, "A map id that BASE does not have."),
    Kind("map-removed", "map", WARNING, "A map id that HEAD no longer has."),
    Kind("map-renamed", "map", INFO, "A map's id changed; its title is the same."),
    Kind("map-moved", "map", INFO, "The same map (by id) now lives in another file."),
    Kind(
        "map-broken",
        "map",
        ERROR,
        "A map file that HEAD cannot read or validate (its findings are listed); its contents are not compared.",
    ),
    Kind("map-repaired", "map", INFO, "A map file that BASE could not read and HEAD can."),
    Kind("persona-added", "persona", WARNING, "A persona the map did not have."),
    Kind("persona-removed", "persona", WARNING, "A persona the map no longer has."),
    Kind("persona-renamed", "persona", INFO, "A persona's id changed; its name is the same."),
    Kind("stage-added", "stage", WARNING, "A new stage."),
    Kind("stage-removed", "stage", WARNING, "A stage the map no longer has."),
    Kind("stage-reordered", "stage", WARNING, "The stages that both sides have are in another order."),
    Kind("stage-renamed", "stage", INFO, "A stage's id changed; its name is the same."),
    Kind("touchpoint-added", "touchpoint", WARNING, "A new touchpoint."),
    Kind("touchpoint-removed", "touchpoint", WARNING, "A touchpoint the map no longer has."),
    Kind("touchpoint-moved", "touchpoint", WARNING, "A touchpoint is now in another stage."),
    Kind(
        "touchpoint-changed",
        "touchpoint",
        INFO,
        "A touchpoint's name, description, channel, owner, personas, next or loops_to changed (one change per field).",
    ),
    Kind("touchpoint-renamed", "touchpoint", INFO, "A touchpoint's id changed; its name and stage are the same."),
    Kind("event-added", "event", INFO, "An analytics event name newly recorded at a touchpoint."),
    Kind(
        "event-removed",
        "event",
        ERROR,
        "An analytics event name that a touchpoint no longer records (or the touchpoint is gone): dashboards and "
        "`journeykit analytics` rely on it.",
    ),
    Kind("event-moved", "event", WARNING, "An analytics event name now belongs to another touchpoint of the map."),
    Kind(
        "emotion-changed",
        "emotion",
        INFO,
        "The emotion of a persona in a stage changed (or was recorded or dropped).",
        raised=WARNING,
        raised_when="it drops by 2 or more or turns negative",
    ),
    Kind("pain-point-added", "pain point", INFO, "A new pain point."),
    Kind("pain-point-removed", "pain point", INFO, "A pain point that is gone: reported as resolved."),
    Kind("pain-point-changed", "pain point", INFO, "A pain point's severity, text or cell (persona, stage) changed."),
    Kind("pain-point-renamed", "pain point", INFO, "A pain point's id changed; its text and cell are the same."),
    Kind("opportunity-added", "opportunity", INFO, "A new opportunity."),
    Kind("opportunity-removed", "opportunity", INFO, "An opportunity the map no longer has."),
    Kind("opportunity-renamed", "opportunity", INFO, "An opportunity's id changed; its text and cell are the same."),
    Kind("interaction-added", "interaction", INFO, "A new planned interaction (a personalised message)."),
    Kind("interaction-removed", "interaction", WARNING, "A planned interaction the map no longer has."),
    Kind(
        "interaction-changed",
        "interaction",
        INFO,
        "An interaction's trigger, channel, audience (personas) or stage changed (one change per field).",
    ),
    Kind("interaction-renamed", "interaction", INFO, "An interaction's id changed; its name and stage are the same."),
    Kind(
        "evidence-added",
        "evidence",
        INFO,
        "A new research item, or an experience that now cites a research item (with its persona and stage).",
    ),
    Kind(
        "evidence-removed",
        "evidence",
        INFO,
        "A research item the map no longer has, or an experience that no longer cites one.",
        raised=WARNING,
        raised_when="an experience loses its last evidence",
    ),
    Kind("evidence-renamed", "evidence", INFO, "A research item's id changed; its type and title are the same."),
    Kind("metric-added", "metric", INFO, "A new metric on a touchpoint."),
    Kind("metric-removed", "metric", INFO, "A metric a touchpoint no longer has."),
    Kind(
        "metric-changed",
        "metric",
        INFO,
        "A metric's value, target, unit or direction changed (one change per field).",
        raised=WARNING,
        raised_when="a target is lowered (made easier to meet) or dropped",
    ),
    Kind(
        "coverage-changed",
        "coverage",
        INFO,
        "A persona x stage cell changed state (covered, partial, unmapped, missing, not-applicable).",
        raised=WARNING,
        raised_when="a covered cell is no longer covered",
    ),
    Kind(
        "finding-added",
        "finding",
        None,
        "A finding (lint or structural) that BASE did not have, matched by fingerprint: moved lines are not new.",
    ),
    Kind("finding-fixed", "finding", INFO, "A finding that BASE had and HEAD no longer has."),
)

KINDS: Mapping[str, Kind] = {kind.name: kind for kind in _KINDS}
"""Every change kind by name, grouped in the order of GROUPS."""


def kind(name: str) -> Kind:
    """The kind called `name` (KeyError for a name the catalogue does not have: a bug)."""
    return KINDS[name]
