"""What a diff found: changes with kinds and levels, coverage before and after, findings added and fixed.

Everything here is plain, immutable data built once by `compare`; every output format and the
visual diff of `render --since` only read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from journeykit.coverage import CellState, Ratio
from journeykit.findings import Finding, Severity
from journeykit.model import Journey
from journeykit.present import percent, plural
from journeykit.source import Location

Value = str | int | float | bool | tuple[str, ...] | None
"""A before or after value as JSON carries it: text, a number, a list of ids, or nothing."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change: its kind and level, what it is about, the values before and after, where it is in HEAD."""

    kind: str
    level: Severity
    map: str | None
    """The map's id (HEAD's, or BASE's for a map that is gone); None for a file that is not a readable map."""
    subject: str
    """The id of what changed: a touchpoint, a persona, an event name, `persona@stage` for a cell, a rule code."""
    message: str
    persona: str | None = None
    stage: str | None = None
    field: str | None = None
    """The field that changed, for kinds that report one change per field (touchpoint-changed, ...)."""
    before: Value = None
    after: Value = None
    location: Location | None = None
    """Where the change is in HEAD: the item itself, or for something removed, the place it was removed from."""
    file: str | None = None
    """The map's file in HEAD (in BASE for a map that is gone), to group changes of one map."""

    def sort_key(self) -> tuple[int, str, str, int, int, str, str]:
        """Most severe first, then by map, place and kind."""
        loc = self.location
        return (
            -int(self.level),
            self.map or self.file or "",
            loc.file if loc else "",
            loc.line if loc else 0,
            loc.column if loc else 0,
            self.kind,
            self.subject,
        )


@dataclass(frozen=True, slots=True)
class CellChange:
    """A persona x stage cell whose coverage state differs; None where the side has no such cell."""

    persona: str
    stage: str
    before: CellState | None
    after: CellState | None


@dataclass(frozen=True, slots=True)
class MapCoverage:
    """A map's coverage ratio on each side (None where the side has no readable map) and the cells that moved."""

    map: str
    title: str
    before: Ratio | None
    after: Ratio | None
    cells: tuple[CellChange, ...] = ()
    persona_names: Mapping[str, str] = field(default_factory=dict)
    stage_names: Mapping[str, str] = field(default_factory=dict)
    """Names of the personas and stages of the moved cells (HEAD's, else BASE's), for grids."""

    def phrase(self) -> str:
        """`81% → 78%`; `absent` for a side without the map."""
        before = percent(self.before.coverage) if self.before is not None else "absent"
        after = percent(self.after.coverage) if self.after is not None else "absent"
        return f"{before} → {after}"


@dataclass(frozen=True, slots=True)
class MapDiff:
    """One map on both sides and its changes: what `render --since` marks in the map's report."""

    map: str
    base: Journey | None
    head: Journey | None
    changes: tuple[Change, ...]
    since: str = ""
    """The base as people name it: `main (3f2a1b9c0d1e)`."""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a diff as the user named it: `main`, `HEAD~1`, `working tree`, a path."""

    label: str
    commit: str | None = None

    @property
    def name(self) -> str:
        """`main (3f2a1b9c0d1e)`, `working tree`, `old.journey.yaml`."""
        if self.commit and self.commit != self.label:
            return f"{self.label} ({self.commit[:12]})"
        return self.label


@dataclass(frozen=True)
class DiffReport:
    """Everything `journeykit diff` found, for its reporters to print."""

    base: Side
    head: Side
    changes: tuple[Change, ...]
    coverage: tuple[MapCoverage, ...] = ()
    added: tuple[Finding, ...] = ()
    """Findings of HEAD that BASE did not have, by fingerprint."""
    fixed: tuple[Finding, ...] = ()
    """Findings of BASE that HEAD no longer has."""
    maps: Mapping[str, MapDiff] = field(default_factory=dict)
    """Each map that both sides, or one side, has, by id (HEAD's id for a renamed map)."""
    files_compared: int = 0

    def sorted_changes(self) -> list[Change]:
        return sorted(self.changes, key=Change.sort_key)

    def counts(self) -> dict[str, int]:
        """Changes per level, most severe first: `{"error": 1, "warning": 0, "info": 3}`."""
        found = Counter(c.level for c in self.changes)
        return {level.label: found.get(level, 0) for level in sorted(Severity, reverse=True)}

    def counts_phrase(self) -> str:
        """`1 error, 2 warnings and 3 infos`, or `no changes`."""
        parts = [plural(n, label) for label, n in self.counts().items() if n]
        if not parts:
            return "no changes"
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]

    def exit_code(self, fail_on: Severity) -> int:
        """1 when a change is at or above `fail_on`, else 0."""
        return 1 if any(c.level >= fail_on for c in self.changes) else 0

    @property
    def empty(self) -> bool:
        return not self.changes and not self.added and not self.fixed

    def by_map(self) -> list[tuple[str, list[Change]]]:
        """Changes grouped per map (or file), the group with the most severe change first."""
        groups: dict[str, list[Change]] = {}
        for change in self.sorted_changes():
            groups.setdefault(change.map or change.file or "", []).append(change)
        return sorted(groups.items(), key=lambda item: (-max(int(c.level) for c in item[1]), item[0]))
