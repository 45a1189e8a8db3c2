"""Collecting changes, each stamped with its level: the catalogue's, raised, or the configured one."""

from __future__ import annotations

from journeykit.diff.changes import Change, Value
from journeykit.diff.kinds import kind
from journeykit.diff.settings import DiffSettings
from journeykit.findings import Severity
from journeykit.source import Location


class Emitter:
    """Collects changes, stamping each with its level (the catalogue's, raised, or the configured one)."""

    def __init__(self, settings: DiffSettings) -> None:
        self.settings = settings
        self.changes: list[Change] = []

    def emit(
        self,
        name: str,
        map_id: str | None,
        subject: str,
        message: str,
        *,
        raised: bool = False,
        finding: Severity | None = None,
        persona: str | None = None,
        stage: str | None = None,
        field: str | None = None,
        before: Value = None,
        after: Value = None,
        location: Location | None = None,
        file: str | None = None,
    ) -> None:
        found = kind(name)
        level = self.settings.level(found, found.natural_level(raised=raised, finding=finding))
        if level is None:
            return
        change = Change(name, level, map_id, subject, message, persona, stage, field, before, after, location, file)
        self.changes.append(change)
