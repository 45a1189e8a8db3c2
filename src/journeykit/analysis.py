"""The front half of every command: files → loaded, schema-checked, modelled maps with their coverage.

Each file is read and parsed once, even when several maps see the same catalog. A file that
fails to load or to validate becomes findings and the run goes on with the others. Files come
from disk (paths, directories, standard input) or from memory (a git revision, a test), and
both go through the same loader, schema check and model builder.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Protocol

from journeykit import schema
from journeykit.build import build_catalog, build_journey
from journeykit.codes import references
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix, compute_matrix
from journeykit.discover import Finder, Target, display_name, is_catalog_name, is_map_name, resolved
from journeykit.findings import Finding, unique
from journeykit.loader import Loaded, LoadLimits, load_bytes, read_path
from journeykit.model import Catalog, Journey
from journeykit.result import Result
from journeykit.source import SourceFile


@dataclass(frozen=True)
class AnalyzedMap:
    """A map that could be modelled, and its coverage matrix, computed once beside it."""

    journey: Journey
    coverage: CoverageMatrix


@dataclass(frozen=True)
class Analysis:
    """What the front half produced: the modelled maps and a result with the findings so far."""

    maps: tuple[AnalyzedMap, ...]
    result: Result
    targets: int
    """How many files the paths named or the search found (catalogs seen by maps not counted)."""

    @property
    def journeys(self) -> tuple[Journey, ...]:
        return tuple(m.journey for m in self.maps)


def analyze(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    stdin_name: str = "<stdin>",
) -> Analysis:
    """Discover, load, validate and model every map and catalog under `paths`."""
    files = _DiskFiles(settings, stdin or sys.stdin.buffer)
    return _Session(settings, files).run(files.finder.targets(paths, stdin_name))


def analyze_files(
    files: Mapping[str, bytes | str],
    settings: Settings,
    targets: Sequence[str] | None = None,
    *,
    display: Callable[[str], str] | None = None,
) -> Analysis:
    """Analyse files held in memory, keyed by POSIX path (`maps/retail.journey.yaml`).

    The files form a tree of their own: a map sees the catalogs in its directory and the
    directories above it within the tree. `targets` names the files to check (default:
    every map and catalog of the tree). `display` names a file in findings and reports (default:
    its key), so that files of a git revision can be named as the working tree's are.
    """
    tree = _MemoryFiles(files, settings.limits, display)
    chosen = list(targets) if targets is not None else [name for name in files if tree.is_map_or_catalog(name)]
    return _Session(settings, tree).run([Target(name, None) for name in chosen])


class _Files(Protocol):
    """Where a session reads files from, and which catalogs a map sees there."""

    def key(self, target: Target) -> str: ...

    def load(self, target: Target) -> Loaded: ...

    def catalogs_for(self, target: Target) -> list[Target]: ...


class _DiskFiles:
    def __init__(self, settings: Settings, stdin: BinaryIO) -> None:
        self.limits = settings.limits
        self.stdin = stdin
        self.finder = Finder(settings.exclude, settings.root)

    def key(self, target: Target) -> str:
        return str(resolved(target.path)) if target.path else f"stdin:{target.display}"

    def load(self, target: Target) -> Loaded:
        if target.path is None:
            raw = self.stdin.read(self.limits.max_file_size + 1)
            return load_bytes(raw, target.display, None, self.limits)
        return read_path(target.path, target.display, self.limits)

    def catalogs_for(self, target: Target) -> list[Target]:
        # Standard input is named by --stdin-filename: its catalogs are those of that place.
        where = target.path if target.path is not None else Path.cwd() / target.display
        return [Target(display_name(path), path) for path in self.finder.visible_catalogs(where.parent)]


class _MemoryFiles:
    def __init__(
        self, files: Mapping[str, bytes | str], limits: LoadLimits, display: Callable[[str], str] | None = None
    ) -> None:
        self.files = {PurePosixPath(name).as_posix(): content for name, content in files.items()}
        self.limits = limits
        self.display = display
        # Catalogs by directory, found once: a tree of 500 maps would otherwise scan every file per map.
        self.catalogs: dict[PurePosixPath, list[str]] = {}
        for name in sorted(self.files):
            path = PurePosixPath(name)
            if is_catalog_name(path.name):
                self.catalogs.setdefault(path.parent, []).append(name)

    @staticmethod
    def is_map_or_catalog(name: str) -> bool:
        base = PurePosixPath(name).name
        return is_map_name(base) or is_catalog_name(base)

    def key(self, target: Target) -> str:
        return f"memory:{target.display}"

    def load(self, target: Target) -> Loaded:
        content = self.files.get(target.display, b"")
        raw = content.encode("utf-8") if isinstance(content, str) else content
        name = self.display(target.display) if self.display is not None else target.display
        return load_bytes(raw, name, None, self.limits)

    def catalogs_for(self, target: Target) -> list[Target]:
        directories = PurePosixPath(target.display).parents
        return [Target(name, None) for directory in directories for name in self.catalogs.get(directory, ())]


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
    def __init__(self, settings: Settings, files: _Files) -> None:
        self.settings = settings
        self.files = files
        self.entries: dict[str, _Entry] = {}
        self.sources: dict[str, SourceFile] = {}
        self.findings: list[Finding] = []
        self.journeys: list[Journey] = []

    def run(self, targets: Sequence[Target]) -> Analysis:
        # Every file first, so that a map's unknown catalog id can say which catalog of the run defines it.
        entries = [(target, self._entry(target)) for target in targets]
        for target, entry in entries:
            if entry.source.kind == "journey" or (not entry.valid and is_map_name(target.display)):
                catalogs = [self._entry(c) for c in self.files.catalogs_for(target)]
                if entry.valid and entry.source.kind == "journey":
                    self._build_map(entry, catalogs)
        self._check_map_ids()
        # Two maps that see the same pair of catalogs report their clash once.
        result = Result(tuple(unique(self.findings)), len(self.sources), dict(self.sources))
        maps = tuple(AnalyzedMap(journey, compute_matrix(journey)) for journey in self.journeys)
        return Analysis(maps, result, len(targets))

    def _entry(self, target: Target) -> _Entry:
        """Load and schema-check a file, once."""
        key = self.files.key(target)
        entry = self.entries.get(key)
        if entry is not None:
            return entry
        loaded = self.files.load(target)
        if loaded.ok:
            loaded.findings.extend(schema.check(loaded.source))
        entry = _Entry(loaded)
        self.entries[key] = entry
        self.sources[loaded.source.display] = loaded.source
        self.findings.extend(loaded.findings)
        if entry.valid and entry.source.kind == "catalog":
            entry.catalog, findings = build_catalog(entry.source)
            self.findings.extend(findings)
        return entry

    def _build_map(self, entry: _Entry, catalog_entries: Sequence[_Entry]) -> None:
        catalogs = [c.catalog for c in catalog_entries if c.catalog is not None]
        complete = all(c.valid for c in catalog_entries)
        journey, findings = build_journey(
            entry.source, catalogs, catalogs_complete=complete, elsewhere=self._defined_in
        )
        self.journeys.append(journey)
        self.findings.extend(findings)

    def _defined_in(self, kind: str, item_id: str) -> str | None:
        """The first catalog of this run that defines `item_id` as a `kind`."""
        for entry in self.entries.values():
            if entry.catalog is not None and any(item.id == item_id for item in entry.catalog.definitions(kind)):
                return entry.catalog.file
        return None

    def _check_map_ids(self) -> None:
        first: dict[str, Journey] = {}
        for journey in self.journeys:
            other = first.setdefault(journey.id, journey)
            if other is not journey:
                self.findings.append(
                    references.DUPLICATE_MAP_ID.finding(
                        journey.origin.at("id"),
                        f"id: map id '{journey.id}' is also the id of {other.file}",
                        hint="give each map its own id",
                        subject="id",
                    )
                )
