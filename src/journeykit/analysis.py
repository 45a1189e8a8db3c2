"""The front half of every command: files → loaded, schema-checked, modelled maps with their coverage.

Each file is read and parsed once, even when several maps see the same catalog. A file that
fails to load or to validate becomes findings and the run goes on with the others. Files come
from disk (paths, directories, standard input) or from memory (a git revision, a test), and
both go through the same loader, schema check and model builder.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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
from journeykit.memory import paused_gc
from journeykit.model import Catalog, Journey
from journeykit.quoted import QuotedLines
from journeykit.result import Result
from journeykit.source import Location, SourceFile


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
    sources: Mapping[str, SourceFile] = field(default_factory=dict)
    """Every file read, as loaded, by display name, in the order they were read (what `journeykit diff` and
    import compare); the result itself keeps only the lines its findings quote."""

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
    files = DiskFiles(settings, stdin or sys.stdin.buffer)
    return _run(files, files.finder.targets(paths, stdin_name))


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
    return _run(tree, [Target(name, None) for name in chosen])


class Files(Protocol):
    """Where a session reads files from, and which catalogs a map sees there."""

    def key(self, target: Target) -> str: ...

    def load(self, target: Target) -> Loaded: ...

    def catalogs_for(self, target: Target) -> list[Target]: ...


class DiskFiles:
    """Files on disk (and standard input), with the run's discovery rules."""

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
    findings: tuple[Finding, ...] = ()
    """The file's own findings: reading, YAML, schema and, for a catalog, its ids."""

    @property
    def source(self) -> SourceFile:
        return self.loaded.source

    @property
    def valid(self) -> bool:
        return self.loaded.ok


@dataclass(frozen=True, slots=True)
class FileReport:
    """A file's own findings (reading, YAML, schema, a catalog's ids), from the session that loaded it."""

    key: str
    display: str
    findings: tuple[Finding, ...] | None
    """None when this session reported the file before (a catalog seen by an earlier map)."""


@dataclass(frozen=True, slots=True)
class MapId:
    """A modelled map's id and where it is written, for the duplicate-id check across maps."""

    id: str
    file: str
    location: Location


@dataclass(frozen=True)
class TargetWork:
    """What checking one target gave: its file's findings and its catalogs', and the map when it could
    be modelled, with the lines those findings quote."""

    files: tuple[FileReport, ...]
    build_findings: tuple[Finding, ...]
    map: AnalyzedMap | None
    quoted: QuotedLines
    sources: Mapping[str, SourceFile]
    """The target and its catalogs as loaded, by display name (to quote later findings about them)."""

    @property
    def map_id(self) -> MapId | None:
        if self.map is None:
            return None
        journey = self.map.journey
        return MapId(journey.id, journey.file, journey.origin.at("id"))


class Session:
    """Loads, checks and models targets one at a time.

    Catalogs are kept for the run, since many maps see them; a map's file is released with its
    work unless something keeps the work (a catalog is never a map, so nothing loads it again).
    """

    def __init__(self, files: Files, targets: Sequence[Target] = ()) -> None:
        self.files = files
        self.targets = targets
        """Every target of the run: which catalogs the run reads, asked only when an id is unknown."""
        self.kept: dict[str, _Entry] = {}
        self.reported: set[str] = set()
        self._run_catalogs: list[_Entry] | None = None

    def work(self, target: Target) -> TargetWork:
        """Load and schema-check the target; for a map, also the catalogs it sees, then model it."""
        with paused_gc():
            reports: list[FileReport] = []
            quoted = QuotedLines()
            entry = self._entry(target, reports, quoted)
            sources = {entry.source.display: entry.source}
            analyzed: AnalyzedMap | None = None
            built: list[Finding] = []
            if entry.source.kind == "journey" or (not entry.valid and is_map_name(target.display)):
                catalog_entries = [self._entry(c, reports, quoted) for c in self.files.catalogs_for(target)]
                sources.update((c.source.display, c.source) for c in catalog_entries)
                if entry.valid and entry.source.kind == "journey":
                    catalogs = [c.catalog for c in catalog_entries if c.catalog is not None]
                    complete = all(c.valid for c in catalog_entries)
                    journey, built = build_journey(
                        entry.source, catalogs, catalogs_complete=complete, elsewhere=self._defined_in
                    )
                    analyzed = AnalyzedMap(journey, compute_matrix(journey))
                    quoted.update(QuotedLines.of(built, sources))
                    quoted.take(entry.source, journey.origin.at("id").line)  # for a duplicate id found later
            return TargetWork(tuple(reports), tuple(built), analyzed, quoted, sources)

    def _entry(self, target: Target, reports: list[FileReport], quoted: QuotedLines) -> _Entry:
        """A file loaded and schema-checked, reported the first time this session meets it."""
        key = self.files.key(target)
        entry = self._load(target, key)
        if key in self.reported:
            reports.append(FileReport(key, entry.source.display, None))
            return entry
        self.reported.add(key)
        reports.append(FileReport(key, entry.source.display, entry.findings))
        quoted.update(QuotedLines.of(entry.findings, {entry.source.display: entry.source}))
        return entry

    def _load(self, target: Target, key: str) -> _Entry:
        """Load and schema-check a file, once per session for the files kept."""
        entry = self.kept.get(key)
        if entry is not None:
            return entry
        loaded = self.files.load(target)
        if loaded.ok:
            loaded.findings.extend(schema.check(loaded.source))
        entry = _Entry(loaded)
        if entry.valid and entry.source.kind == "catalog":
            entry.catalog, found = build_catalog(entry.source)
            entry.findings = (*loaded.findings, *found)
        else:
            entry.findings = tuple(loaded.findings)
        if target.path is None or is_catalog_name(target.display) or entry.catalog is not None:
            self.kept[key] = entry  # maps may see it (or standard input is named twice)
        return entry

    def _defined_in(self, kind: str, item_id: str) -> str | None:
        """The first catalog of this run that defines `item_id` as a `kind`."""
        if self._run_catalogs is None:  # only when an id is unknown: read the run's catalogs now
            self._run_catalogs = [self._load(t, self.files.key(t)) for t in run_catalogs(self.files, self.targets)]
        for entry in self._run_catalogs:
            if entry.catalog is not None and any(item.id == item_id for item in entry.catalog.definitions(kind)):
                return entry.catalog.file
        return None


def run_catalogs(files: Files, targets: Sequence[Target]) -> list[Target]:
    """The files of a run that may be catalogs, in the order one process reads them: the targets that
    are not maps, in their order, then the catalogs that maps see, in the order maps first see them."""
    chosen = {files.key(t): t for t in targets if not is_map_name(t.display)}
    for target in targets:
        if not is_catalog_name(target.display):
            for catalog in files.catalogs_for(target):
                chosen.setdefault(files.key(catalog), catalog)
    return list(chosen.values())


class Merge:
    """Puts the work on each target together in target order, exactly as one process would.

    Each file's findings are reported once, at the first target that reads it, whichever
    process read it; duplicate map ids are found across all maps at the end.
    """

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.files: dict[str, None] = {}
        self.reported: set[str] = set()
        self.map_ids: list[MapId] = []
        self.quoted = QuotedLines()

    def add(
        self,
        files: Iterable[FileReport],
        build_findings: Iterable[Finding],
        map_id: MapId | None,
        quoted: QuotedLines,
    ) -> None:
        for report in files:
            if report.key in self.reported:
                continue
            if report.findings is None:
                # Workers take targets in order, so a file's findings always arrive with the first
                # target that reads it or before; anything else is a bug in the pool.
                raise RuntimeError(f"the findings of {report.display} arrived out of order")
            self.reported.add(report.key)
            self.files.setdefault(report.display)
            self.findings.extend(report.findings)
        self.findings.extend(build_findings)
        if map_id is not None:
            self.map_ids.append(map_id)
        self.quoted.update(quoted)

    def result(self, later: Sequence[Finding] = ()) -> Result:
        """The run's result: the findings so far, duplicate map ids, then `later` ones (lint), each once."""
        # Two maps that see the same pair of catalogs report their clash once.
        findings = tuple(unique([*self.findings, *self._duplicate_ids(), *later]))
        files = tuple(self.files)
        return Result(findings, len(files), self.quoted.only(findings), files)

    def _duplicate_ids(self) -> Iterator[Finding]:
        first: dict[str, MapId] = {}
        for map_id in self.map_ids:
            other = first.setdefault(map_id.id, map_id)
            if other is not map_id:
                yield references.DUPLICATE_MAP_ID.finding(
                    map_id.location,
                    f"id: map id '{map_id.id}' is also the id of {other.file}",
                    hint="give each map its own id",
                    subject="id",
                )


def _run(files: Files, targets: Sequence[Target]) -> Analysis:
    session = Session(files, targets)
    merge = Merge()
    maps: list[AnalyzedMap] = []
    sources: dict[str, SourceFile] = {}
    for target in targets:
        work = session.work(target)
        merge.add(work.files, work.build_findings, work.map_id, work.quoted)
        for report in work.files:
            sources.setdefault(report.display, work.sources[report.display])
        if work.map is not None:
            maps.append(work.map)
    return Analysis(tuple(maps), merge.result(), len(targets), sources)
