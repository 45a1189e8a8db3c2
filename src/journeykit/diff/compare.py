"""Two checked sides → the changes between them, in the kinds of the catalogue.

Maps are matched by id (a map whose file moved is the same map); inside a map everything is
matched by id. An id that disappears while an id with the same name (and stage, for touchpoints
and interactions) appears is a rename, not a removal and an addition, and references to the old
id (`next`, `personas`, experience cells) are read as references to the new one, so a rename
does not ripple into changes of everything that mentions it. Lint findings are matched by
fingerprint, with files named canonically and moved maps followed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from journeykit.analysis import AnalyzedMap
from journeykit.diff.changes import CellChange, Change, DiffReport, MapCoverage, MapDiff
from journeykit.diff.emitter import Emitter
from journeykit.diff.map_changes import MapComparer
from journeykit.diff.matching import match
from journeykit.diff.settings import DiffSettings
from journeykit.diff.sides import Snapshot
from journeykit.discover import is_map_name
from journeykit.findings import Finding, Severity, unmatched


def compare(base: Snapshot, head: Snapshot, settings: DiffSettings) -> DiffReport:
    """Every change from `base` to `head`, with the levels of the catalogue and the configuration."""
    return _Comparison(base, head, settings).run()


class _Comparison:
    def __init__(self, base: Snapshot, head: Snapshot, settings: DiffSettings) -> None:
        self.base = base
        self.head = head
        self.out = Emitter(settings)
        self.coverage: list[MapCoverage] = []
        self.maps: dict[str, MapDiff] = {}
        self.moved_files: dict[str, str] = {}
        """BASE's canonical file name → HEAD's, for maps whose file moved."""

    def run(self) -> DiffReport:
        base_maps = _first_by_id(self.base.checked.maps)
        head_maps = _first_by_id(self.head.checked.maps)
        base_broken = _unreadable(self.base)
        head_broken = _unreadable(self.head)
        pairs, removed, added = self._pair_maps(base_maps, head_maps)
        for base_map, head_map in pairs:
            self._map_pair(base_map, head_map)
        for gone in removed:
            if self.base.canonical(gone.journey.file) not in head_broken:
                self._map_removed(gone)
        for new in added:
            if self.head.canonical(new.journey.file) not in base_broken:
                self._map_added(new)
        self._broken_files(base_broken, head_broken, base_maps, head_maps)
        added_findings, fixed_findings = self._findings()
        changes = list(self.out.changes)
        by_map: dict[str, list[Change]] = defaultdict(list)
        for change in changes:
            if change.map is not None:
                by_map[change.map].append(change)
        maps = {
            map_id: dataclasses.replace(entry, changes=tuple(by_map.get(map_id, ())), since=self.base.side.name)
            for map_id, entry in self.maps.items()
        }
        return DiffReport(
            base=self.base.side,
            head=self.head.side,
            changes=tuple(changes),
            coverage=tuple(self.coverage),
            added=tuple(added_findings),
            fixed=tuple(fixed_findings),
            maps=maps,
            files_compared=len({*self.base.names.values(), *self.head.names.values(), *self.base.skipped}),
        )

    # --- maps ---------------------------------------------------------------------------------------

    def _pair_maps(
        self, base: Mapping[str, AnalyzedMap], head: Mapping[str, AnalyzedMap]
    ) -> tuple[list[tuple[AnalyzedMap, AnalyzedMap]], list[AnalyzedMap], list[AnalyzedMap]]:
        matched = match(base, head, lambda m: m.journey.title)
        pairs = [(base[b], head[h]) for b, h in matched.pairs]
        for old, new in matched.renames.items():
            journey = head[new].journey
            self.out.emit(
                "map-renamed",
                new,
                new,
                f"map '{old}' is now '{new}' (same title)",
                before=old,
                after=new,
                location=journey.origin.at("id"),
                file=journey.file,
            )
        return pairs, [base[i] for i in matched.removed], [head[i] for i in matched.added]

    def _map_pair(self, base: AnalyzedMap, head: AnalyzedMap) -> None:
        journey = head.journey
        before_file, after_file = self.base.canonical(base.journey.file), self.head.canonical(journey.file)
        if before_file != after_file:
            self.moved_files[before_file] = after_file
            self.out.emit(
                "map-moved",
                journey.id,
                journey.id,
                f"map '{journey.id}' moved from {base.journey.file} to {journey.file}",
                before=base.journey.file,
                after=journey.file,
                location=journey.origin.at("id"),
                file=journey.file,
            )
        cells = MapComparer(self.out, base, head).run()
        ratio_before, ratio_after = base.coverage.total, head.coverage.total
        if cells or (ratio_before.covered, ratio_before.applicable) != (ratio_after.covered, ratio_after.applicable):
            self.coverage.append(_coverage_entry(journey.id, journey.title, base, head, cells))
        self.maps[journey.id] = MapDiff(journey.id, base.journey, journey, ())

    def _map_removed(self, gone: AnalyzedMap) -> None:
        journey = gone.journey
        self.out.emit(
            "map-removed",
            journey.id,
            journey.id,
            f"map '{journey.id}' ({journey.file}) removed",
            before=journey.id,
            file=journey.file,
        )
        self.coverage.append(_coverage_entry(journey.id, journey.title, gone, None, ()))
        self.maps[journey.id] = MapDiff(journey.id, journey, None, ())

    def _map_added(self, new: AnalyzedMap) -> None:
        journey = new.journey
        self.out.emit(
            "map-added",
            journey.id,
            journey.id,
            f"map '{journey.id}' added in {journey.file}",
            after=journey.id,
            location=journey.origin.at("id"),
            file=journey.file,
        )
        self.coverage.append(_coverage_entry(journey.id, journey.title, None, new, ()))
        self.maps[journey.id] = MapDiff(journey.id, None, journey, ())

    def _broken_files(
        self,
        base_broken: Mapping[str, tuple[str, list[Finding]]],
        head_broken: Mapping[str, tuple[str, list[Finding]]],
        base_maps: Mapping[str, AnalyzedMap],
        head_maps: Mapping[str, AnalyzedMap],
    ) -> None:
        base_at = {self.base.canonical(m.journey.file): m.journey for m in base_maps.values()}
        head_at = {self.head.canonical(m.journey.file): m.journey for m in head_maps.values()}
        for canonical, (display, errors) in sorted(head_broken.items()):
            if canonical in base_broken:
                continue
            was = base_at.get(canonical)
            map_id = was.id if was is not None else _raw_id(self.head, display)
            first = errors[0] if errors else None
            reason = f": {first.code} {first.message}" if first else ""
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            self.out.emit(
                "map-broken",
                map_id,
                map_id or canonical,
                f"{display} cannot be read{reason}{more}",
                before=was.id if was is not None else None,
                location=first.location if first else None,
                file=display,
            )
        for canonical in sorted(base_broken):
            now = head_at.get(canonical)
            if canonical in head_broken or now is None:
                continue
            self.out.emit(
                "map-repaired",
                now.id,
                now.id,
                f"{now.file} can be read again (it could not in the base)",
                after=now.id,
                location=now.origin.at("id"),
                file=now.file,
            )

    # --- findings -----------------------------------------------------------------------------------

    def _findings(self) -> tuple[list[Finding], list[Finding]]:
        """Findings only one side has, matched by fingerprint with canonical file names."""
        base_keys = [(self._key(f, self.base, follow=True), f) for f in self.base.checked.result.findings]
        head_keys = [(self._key(f, self.head, follow=False), f) for f in self.head.checked.result.findings]
        added = sorted(unmatched(head_keys, Counter(k for k, _ in base_keys)), key=Finding.sort_key)
        fixed = sorted(unmatched(base_keys, Counter(k for k, _ in head_keys)), key=Finding.sort_key)
        head_files = {m.journey.file: m.journey.id for m in self.head.checked.maps}
        base_files = {m.journey.file: m.journey.id for m in self.base.checked.maps}
        for finding in added:
            file = finding.location.file
            self.out.emit(
                "finding-added",
                head_files.get(file),
                finding.code,
                f"new {finding.severity.label} {finding.code}: {finding.message}",
                finding=finding.severity,
                field=finding.subject or None,
                after=finding.message,
                location=finding.location,
                file=file,
            )
        for finding in fixed:
            file = finding.location.file
            self.out.emit(
                "finding-fixed",
                base_files.get(file),
                finding.code,
                f"fixed {finding.severity.label} {finding.code}: {finding.message}",
                field=finding.subject or None,
                before=finding.message,
                file=file,
            )
        return added, fixed

    def _key(self, finding: Finding, side: Snapshot, *, follow: bool) -> str:
        canonical = side.canonical(finding.location.file)
        if follow:
            canonical = self.moved_files.get(canonical, canonical)
        location = dataclasses.replace(finding.location, file=canonical)
        return dataclasses.replace(finding, location=location).fingerprint


def _first_by_id(maps: Iterable[AnalyzedMap]) -> dict[str, AnalyzedMap]:
    found: dict[str, AnalyzedMap] = {}
    for analyzed in maps:
        found.setdefault(analyzed.journey.id, analyzed)
    return found


def _unreadable(side: Snapshot) -> dict[str, tuple[str, list[Finding]]]:
    """Map files that could not be modelled (YAML or schema errors): canonical name → (display, errors)."""
    modelled = {m.journey.file for m in side.checked.maps}
    errors: dict[str, list[Finding]] = defaultdict(list)
    for finding in side.checked.result.sorted_findings():
        if finding.severity is Severity.ERROR:
            errors[finding.location.file].append(finding)
    broken = {}
    for display, source in side.checked.analysis.sources.items():
        if display in modelled or source.kind == "catalog":
            continue
        if is_map_name(display) or source.kind == "journey":
            broken[side.canonical(display)] = (display, errors.get(display, []))
    return broken


def _raw_id(side: Snapshot, display: str) -> str | None:
    """The id a file that cannot be modelled says it has, when it says so plainly."""
    source = side.checked.analysis.sources.get(display)
    data = source.data if source is not None else None
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return str(data["id"])
    return None


def _coverage_entry(
    map_id: str, title: str, base: AnalyzedMap | None, head: AnalyzedMap | None, cells: Sequence[CellChange]
) -> MapCoverage:
    personas: dict[str, str] = {}
    stages: dict[str, str] = {}
    for side in (base, head):
        if side is None:
            continue
        personas.update({p.id: p.name for p in side.journey.personas})
        stages.update({s.id: s.name for s in side.journey.stages})
    return MapCoverage(
        map_id,
        title,
        base.coverage.total if base is not None else None,
        head.coverage.total if head is not None else None,
        tuple(cells),
        {c.persona: personas.get(c.persona, c.persona) for c in cells},
        {c.stage: stages.get(c.stage, c.stage) for c in cells},
    )
