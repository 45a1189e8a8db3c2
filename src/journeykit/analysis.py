"""The shared front half of every command: paths → loaded, schema-checked, modelled maps.

Each file is read and parsed once, even when several maps see the same catalog. A file
that fails to load or to validate becomes findings and the run goes on with the others.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from journeykit import schema
from journeykit.build import build_catalog, build_journey
from journeykit.config import Settings
from journeykit.discover import Target, discover, display_name, visible_catalogs
from journeykit.findings import Finding, Result, unique
from journeykit.loader import Loaded, load_bytes, read_path
from journeykit.model import Catalog, Journey
from journeykit.rules import references
from journeykit.source import SourceFile


@dataclass
class Analysis:
    """Every file that was loaded, the maps that could be modelled, and what was found."""

    sources: dict[str, SourceFile] = field(default_factory=dict)
    journeys: list[Journey] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    targets: int = 0

    @property
    def files_checked(self) -> int:
        return len(self.sources)

    def result(self, extra: Sequence[Finding] = ()) -> Result:
        # Two maps that see the same pair of catalogs report their clash once.
        findings = unique([*self.findings, *extra])
        return Result(findings, self.files_checked, dict(self.sources))


def analyze(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    stdin_name: str = "<stdin>",
) -> Analysis:
    """Discover, load, validate and model every map and catalog under `paths`."""
    targets = discover(paths, exclude=settings.exclude, exclude_root=settings.root, stdin_name=stdin_name)
    return _Session(settings, stdin or sys.stdin.buffer).run(targets)


@dataclass
class _Entry:
    loaded: Loaded
    catalog: Catalog | None = None

    @property
    def source(self) -> SourceFile:
        return self.loaded.source

    @property
    def valid(self) -> bool:
        return self.loaded.ok


class _Session:
    def __init__(self, settings: Settings, stdin: BinaryIO) -> None:
        self.settings = settings
        self.stdin = stdin
        self.entries: dict[str, _Entry] = {}
        self.analysis = Analysis()

    def run(self, targets: Sequence[Target]) -> Analysis:
        self.analysis.targets = len(targets)
        maps = [entry for entry in (self._entry(t) for t in targets) if entry.valid and entry.source.kind == "journey"]
        for entry in maps:
            self._build_map(entry)
        self._check_map_ids()
        return self.analysis

    def _entry(self, target: Target) -> _Entry:
        """Load and schema-check a file, once."""
        key = str(target.path.resolve()) if target.path else f"stdin:{target.display}"
        entry = self.entries.get(key)
        if entry is not None:
            return entry
        if target.path is None:
            raw = self.stdin.read(self.settings.max_file_size + 1)
            loaded = load_bytes(raw, target.display, None, self.settings.limits)
        else:
            loaded = read_path(target.path, target.display, self.settings.limits)
        if loaded.ok:
            loaded.findings.extend(schema.check(loaded.source))
        entry = _Entry(loaded)
        self.entries[key] = entry
        self.analysis.sources[target.display] = loaded.source
        self.analysis.findings.extend(loaded.findings)
        if entry.valid and entry.source.kind == "catalog":
            entry.catalog, findings = build_catalog(entry.source)
            self.analysis.findings.extend(findings)
        return entry

    def _build_map(self, entry: _Entry) -> None:
        catalogs: list[Catalog] = []
        complete = True
        for path in visible_catalogs(entry.source.directory):
            catalog_entry = self._entry(Target(display_name(path), path))
            if catalog_entry.catalog is not None:
                catalogs.append(catalog_entry.catalog)
            elif not catalog_entry.valid:
                complete = False
        journey, findings = build_journey(entry.source, catalogs, catalogs_complete=complete)
        self.analysis.journeys.append(journey)
        self.analysis.findings.extend(findings)

    def _check_map_ids(self) -> None:
        first: dict[str, Journey] = {}
        for journey in self.analysis.journeys:
            other = first.setdefault(journey.id, journey)
            if other is not journey:
                self.analysis.findings.append(
                    references.DUPLICATE_MAP_ID.finding(
                        journey.origin.at("id"),
                        f"id: map id '{journey.id}' is also the id of {other.file}",
                        hint="give each map its own id",
                        subject="id",
                    )
                )
