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
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from journeykit.analysis import AnalyzedMap
from journeykit.coverage import Cell, gap_anchor
from journeykit.diff.changes import CellChange, Change, DiffReport, MapCoverage, MapDiff, Value
from journeykit.diff.kinds import kind
from journeykit.diff.settings import DiffSettings
from journeykit.diff.sides import Snapshot
from journeykit.discover import is_map_name
from journeykit.findings import Finding, Severity
from journeykit.model import Experience, Interaction, Journey, Metric, Opportunity, Origin, PainPoint, Touchpoint
from journeykit.present import emotion_text, number, trigger_text
from journeykit.source import Location

T = TypeVar("T")


def compare(base: Snapshot, head: Snapshot, settings: DiffSettings) -> DiffReport:
    """Every change from `base` to `head`, with the levels of the catalogue and the configuration."""
    return _Comparison(base, head, settings).run()


class _Emitter:
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


class _Comparison:
    def __init__(self, base: Snapshot, head: Snapshot, settings: DiffSettings) -> None:
        self.base = base
        self.head = head
        self.out = _Emitter(settings)
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
            sources=dict(self.head.checked.result.sources),
            files_compared=len({*self.base.names.values(), *self.head.names.values(), *self.base.skipped}),
        )

    # --- maps ---------------------------------------------------------------------------------------

    def _pair_maps(
        self, base: Mapping[str, AnalyzedMap], head: Mapping[str, AnalyzedMap]
    ) -> tuple[list[tuple[AnalyzedMap, AnalyzedMap]], list[AnalyzedMap], list[AnalyzedMap]]:
        matched = _match(base, head, lambda m: m.journey.title)
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
        cells = _MapComparer(self.out, base, head).run()
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
        remaining = Counter(k for k, _ in base_keys)
        added = []
        for key, finding in head_keys:
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                added.append(finding)
        remaining = Counter(k for k, _ in head_keys)
        fixed = []
        for key, finding in base_keys:
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                fixed.append(finding)
        head_files = {m.journey.file: m.journey.id for m in self.head.checked.maps}
        base_files = {m.journey.file: m.journey.id for m in self.base.checked.maps}
        for finding in sorted(added, key=Finding.sort_key):
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
        for finding in sorted(fixed, key=Finding.sort_key):
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
        return sorted(added, key=Finding.sort_key), sorted(fixed, key=Finding.sort_key)

    def _key(self, finding: Finding, side: Snapshot, *, follow: bool) -> str:
        canonical = side.canonical(finding.location.file)
        if follow:
            canonical = self.moved_files.get(canonical, canonical)
        location = dataclasses.replace(finding.location, file=canonical)
        return dataclasses.replace(finding, location=location).fingerprint


class _Matched:
    """Ids on both sides, ids on one side only, and renames (BASE id → HEAD id)."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.removed: list[str] = []
        self.added: list[str] = []
        self.renames: dict[str, str] = {}


def _match(base: Mapping[str, T], head: Mapping[str, T], key: Callable[[T], Hashable]) -> _Matched:
    """Pair items by id; pair what is left by `key` when exactly one item on each side has it."""
    matched = _Matched()
    removed = [i for i in base if i not in head]
    added = [i for i in head if i not in base]
    by_key_base: dict[Hashable, list[str]] = defaultdict(list)
    by_key_head: dict[Hashable, list[str]] = defaultdict(list)
    for item in removed:
        by_key_base[key(base[item])].append(item)
    for item in added:
        by_key_head[key(head[item])].append(item)
    for shared, olds in by_key_base.items():
        news = by_key_head.get(shared, [])
        if len(olds) == 1 and len(news) == 1:
            matched.renames[olds[0]] = news[0]
    renamed_to = set(matched.renames.values())
    matched.pairs = [(i, i) for i in base if i in head] + list(matched.renames.items())
    matched.removed = [i for i in removed if i not in matched.renames]
    matched.added = [i for i in added if i not in renamed_to]
    return matched


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
    for display, source in side.checked.result.sources.items():
        if display in modelled or source.kind == "catalog":
            continue
        if is_map_name(display) or source.kind == "journey":
            broken[side.canonical(display)] = (display, errors.get(display, []))
    return broken


def _raw_id(side: Snapshot, display: str) -> str | None:
    """The id a file that cannot be modelled says it has, when it says so plainly."""
    source = side.checked.result.sources.get(display)
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


# --- inside one map --------------------------------------------------------------------------------


def _container(journey: Journey, key: str) -> Location:
    """Where something was removed from: the list's key in HEAD, or the map's id."""
    data = journey.source.data
    if isinstance(data, dict) and key in data:
        return Origin(journey.source, (key,)).at(key=True)
    return journey.origin.at("id")


def _ids(values: Iterable[str] | None, rename: Mapping[str, str]) -> tuple[str, ...] | None:
    """A list of references read in HEAD's ids, order ignored (None stays None: every persona)."""
    if values is None:
        return None
    return tuple(sorted(rename.get(v, v) for v in values))


def _listed(values: tuple[str, ...] | None, every: str = "none") -> str:
    if values is None:
        return every
    return "[" + ", ".join(values) + "]" if values else "none"


def _text(value: Value) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return _listed(value)
    return f"'{value}'" if isinstance(value, str) else str(value)


class _MapComparer:
    """The changes inside one map present on both sides."""

    def __init__(self, out: _Emitter, base: AnalyzedMap, head: AnalyzedMap) -> None:
        self.out = out
        self.b = base.journey
        self.h = head.journey
        self.b_matrix = base.coverage
        self.h_matrix = head.coverage
        self.id = self.h.id
        self.file = self.h.file
        self.persona_to: dict[str, str] = {}
        self.stage_to: dict[str, str] = {}
        self.touchpoint_to: dict[str, str] = {}
        self.evidence_to: dict[str, str] = {}
        self.cells: list[CellChange] = []

    def run(self) -> list[CellChange]:
        self._personas()
        self._stages()
        self._evidence()
        self._touchpoints()
        self._events()
        self._cells()
        self._pain_points()
        self._opportunities()
        self._interactions()
        return self.cells

    def emit(self, name: str, subject: str, message: str, **fields: Any) -> None:
        self.out.emit(name, self.id, subject, message, file=self.file, **fields)

    def _renamed(self, noun: str, name: str, renames: Mapping[str, str], origin_of: Callable[[str], Location]) -> None:
        for old, new in renames.items():
            self.emit(name, new, f"{noun} '{old}' is now '{new}'", before=old, after=new, location=origin_of(new))

    # --- personas and stages

    def _personas(self) -> None:
        base, head = self.b.persona_by_id, self.h.persona_by_id
        matched = _match(base, head, lambda p: p.name)
        self.persona_to = dict(matched.pairs)
        self._renamed("persona", "persona-renamed", matched.renames, lambda p: self.h.persona_origin(p).at())
        for persona in matched.removed:
            self.emit(
                "persona-removed",
                persona,
                f"persona '{persona}' ({base[persona].name}) removed",
                persona=persona,
                before=persona,
                location=_container(self.h, "personas"),
            )
        for persona in matched.added:
            self.emit(
                "persona-added",
                persona,
                f"persona '{persona}' ({head[persona].name}) added",
                persona=persona,
                after=persona,
                location=self.h.persona_origin(persona).at(),
            )

    def _stages(self) -> None:
        base, head = self.b.stage_by_id, self.h.stage_by_id
        matched = _match(base, head, lambda s: s.name)
        self.stage_to = dict(matched.pairs)
        self._renamed("stage", "stage-renamed", matched.renames, lambda s: head[s].origin.at())
        for stage in matched.removed:
            self.emit(
                "stage-removed",
                stage,
                f"stage '{stage}' ({base[stage].name}) removed",
                stage=stage,
                before=stage,
                location=_container(self.h, "stages"),
            )
        for stage in matched.added:
            self.emit(
                "stage-added",
                stage,
                f"stage '{stage}' ({head[stage].name}) added",
                stage=stage,
                after=stage,
                location=head[stage].origin.at(),
            )
        kept = set(self.stage_to.values())
        before = tuple(self.stage_to[s.id] for s in self.b.stages if s.id in self.stage_to)
        after = tuple(s.id for s in self.h.stages if s.id in kept)
        if before != after:
            self.emit(
                "stage-reordered",
                self.id,
                f"stages reordered: {' → '.join(before)} is now {' → '.join(after)}",
                before=before,
                after=after,
                location=_container(self.h, "stages"),
            )

    # --- touchpoints, events, metrics

    def _touchpoints(self) -> None:
        base, head = self.b.touchpoint_by_id, self.h.touchpoint_by_id
        matched = _match(base, head, lambda t: (t.name, self.stage_to.get(t.stage, t.stage)))
        self.touchpoint_to = dict(matched.pairs)
        self._renamed("touchpoint", "touchpoint-renamed", matched.renames, lambda t: head[t].origin.at())
        for old, new in matched.pairs:
            self._touchpoint_pair(base[old], head[new])
        for touchpoint in matched.removed:
            gone = base[touchpoint]
            self.emit(
                "touchpoint-removed",
                touchpoint,
                f"touchpoint '{touchpoint}' ({gone.name}) removed from stage '{gone.stage}'",
                stage=self.stage_to.get(gone.stage, gone.stage),
                before=touchpoint,
                location=_container(self.h, "touchpoints"),
            )
        for touchpoint in matched.added:
            added = head[touchpoint]
            self.emit(
                "touchpoint-added",
                touchpoint,
                f"touchpoint '{touchpoint}' ({added.name}) added to stage '{added.stage}'",
                stage=added.stage,
                after=touchpoint,
                location=added.origin.at(),
            )

    def _touchpoint_pair(self, old: Touchpoint, new: Touchpoint) -> None:
        if self.stage_to.get(old.stage, old.stage) != new.stage:
            self.emit(
                "touchpoint-moved",
                new.id,
                f"touchpoint '{new.id}' moved from stage '{old.stage}' to '{new.stage}'",
                stage=new.stage,
                before=old.stage,
                after=new.stage,
                location=new.origin.at("stage"),
            )
        fields: list[tuple[str, Value, Value, Value, Value]] = [
            ("name", old.name, new.name, old.name, new.name),
            ("description", old.description, new.description, old.description, new.description),
            ("channel", old.channel, new.channel, old.channel, new.channel),
            ("owner", old.owner, new.owner, old.owner, new.owner),
            (
                "personas",
                _ids(old.personas, self.persona_to),
                _ids(new.personas, {}),
                old.personas,
                new.personas,
            ),
            ("next", _ids(old.next, self.touchpoint_to), _ids(new.next, {}), old.next, new.next),
            ("loops_to", _ids(old.loops_to, self.touchpoint_to), _ids(new.loops_to, {}), old.loops_to, new.loops_to),
        ]
        for field, compared_before, compared_after, before, after in fields:
            if compared_before == compared_after:
                continue
            if field == "personas":
                shown = f"{_listed(old.personas, 'every persona')} → {_listed(new.personas, 'every persona')}"
            else:
                shown = f"{_text(before)} → {_text(after)}"
            self.emit(
                "touchpoint-changed",
                new.id,
                f"touchpoint '{new.id}' {field}: {shown}",
                stage=new.stage,
                field=field,
                before=before,
                after=after,
                location=new.origin.at(field, key=True),
            )
        self._metrics(old, new)

    def _metrics(self, old: Touchpoint, new: Touchpoint) -> None:
        base = {m.name: m for m in reversed(old.metrics)}
        head = {m.name: m for m in reversed(new.metrics)}
        for name in base:
            if name not in head:
                self.emit(
                    "metric-removed",
                    new.id,
                    f"touchpoint '{new.id}' no longer measures '{name}'",
                    stage=new.stage,
                    field=f"metrics[{name}]",
                    before=name,
                    location=new.origin.at("metrics", key=True),
                )
        for name, metric in head.items():
            if name not in base:
                self.emit(
                    "metric-added",
                    new.id,
                    f"touchpoint '{new.id}' now measures '{name}'",
                    stage=new.stage,
                    field=f"metrics[{name}]",
                    after=name,
                    location=metric.origin.at(),
                )
                continue
            self._metric_pair(new, base[name], metric)

    def _metric_pair(self, touchpoint: Touchpoint, old: Metric, new: Metric) -> None:
        for field in ("value", "target", "unit", "better"):
            before, after = getattr(old, field), getattr(new, field)
            if before == after:
                continue
            raised = field == "target" and _loosened(old, new)
            if field in ("value", "target"):
                shown = f"{number(before, old.unit) if before is not None else 'none'} → "
                shown += number(after, new.unit) if after is not None else "none"
            else:
                shown = f"{_text(before)} → {_text(after)}"
            self.emit(
                "metric-changed",
                touchpoint.id,
                f"touchpoint '{touchpoint.id}' metric '{new.name}' {field}: {shown}",
                raised=raised,
                stage=touchpoint.stage,
                field=f"metrics[{new.name}].{field}",
                before=before,
                after=after,
                location=new.origin.at(field, key=True),
            )

    def _events(self) -> None:
        base = [(self.touchpoint_to.get(t.id, t.id), t.id, e) for t in self.b.touchpoints for e in t.events]
        head = [(t.id, t.id, e) for t in self.h.touchpoints for e in t.events]
        base_set = {(t, e) for t, _, e in base}
        head_set = {(t, e) for t, _, e in head}
        gone = [(t, original, e) for t, original, e in base if (t, e) not in head_set]
        new = [(t, e) for t, _, e in head if (t, e) not in base_set]
        gone_by_event: dict[str, list[tuple[str, str]]] = defaultdict(list)
        new_by_event: dict[str, list[str]] = defaultdict(list)
        for t, original, e in gone:
            gone_by_event[e].append((t, original))
        for t, e in new:
            new_by_event[e].append(t)
        touchpoints = self.h.touchpoint_by_id
        for event in sorted(gone_by_event):
            olds, news = gone_by_event[event], new_by_event.get(event, [])
            if len(olds) == 1 and len(news) == 1:
                (_, original), target = olds[0], news.pop()
                moved_to = touchpoints[target]
                self.emit(
                    "event-moved",
                    event,
                    f"event '{event}' moved from touchpoint '{original}' to '{target}'",
                    stage=moved_to.stage,
                    before=original,
                    after=target,
                    location=moved_to.origin.at("events", moved_to.events.index(event)),
                )
                continue
            for t, original in olds:
                still = touchpoints.get(t)
                self.emit(
                    "event-removed",
                    event,
                    f"event '{event}' is no longer recorded at touchpoint '{original}': "
                    "dashboards and journeykit analytics that count it will stop seeing it",
                    stage=still.stage if still else None,
                    before=original,
                    location=still.origin.at("events", key=True) if still else _container(self.h, "touchpoints"),
                )
        for event in sorted(new_by_event):
            for t in new_by_event[event]:
                at = touchpoints[t]
                self.emit(
                    "event-added",
                    event,
                    f"event '{event}' now recorded at touchpoint '{t}'",
                    stage=at.stage,
                    after=t,
                    location=at.origin.at("events", at.events.index(event)),
                )

    # --- cells: emotion, evidence cited, coverage

    def _cells(self) -> None:
        persona_from = {h: b for b, h in self.persona_to.items()}
        stage_from = {h: b for b, h in self.stage_to.items()}
        base_cells = self.b.experience_by_cell
        head_cells = self.h.experience_by_cell
        for persona in self.h_matrix.personas:
            old_persona = persona_from.get(persona)
            if old_persona is None or old_persona not in self.b_matrix.personas:
                continue
            for stage in self.h_matrix.stages:
                old_stage = stage_from.get(stage)
                if old_stage is None or old_stage not in self.b_matrix.stages:
                    continue
                before = base_cells.get((old_persona, old_stage))
                after = head_cells.get((persona, stage))
                self._emotion(persona, stage, before, after)
                self._citations(persona, stage, before, after)
                self._coverage(
                    self.b_matrix.cell(old_persona, old_stage), self.h_matrix.cell(persona, stage), persona, stage
                )

    def _emotion(self, persona: str, stage: str, before: Experience | None, after: Experience | None) -> None:
        old = before.emotion if before is not None and before.applicable else None
        new = after.emotion if after is not None and after.applicable else None
        if old == new:
            return
        raised = new is not None and ((old is not None and new <= old - 2) or (new < 0 and (old is None or old >= 0)))
        self.emit(
            "emotion-changed",
            f"{persona}@{stage}",
            f"{persona} in {stage}: emotion {emotion_text(old)} → {emotion_text(new)}",
            raised=raised,
            persona=persona,
            stage=stage,
            before=old,
            after=new,
            location=after.origin.at("emotion") if after is not None else _container(self.h, "experiences"),
        )

    def _citations(self, persona: str, stage: str, before: Experience | None, after: Experience | None) -> None:
        if before is None or after is None or not before.applicable or not after.applicable:
            return
        old = {self.evidence_to.get(e, e) for e in before.evidence}
        new = set(after.evidence)
        for evidence in sorted(old - new):
            last = not new
            self.emit(
                "evidence-removed",
                evidence,
                f"{persona} in {stage} no longer cites '{evidence}'" + (": it cites no evidence now" if last else ""),
                raised=last,
                persona=persona,
                stage=stage,
                before=evidence,
                location=after.origin.at("evidence", key=True),
            )
        for evidence in sorted(new - old):
            self.emit(
                "evidence-added",
                evidence,
                f"{persona} in {stage} now cites '{evidence}'",
                persona=persona,
                stage=stage,
                after=evidence,
                location=after.origin.at("evidence", after.evidence.index(evidence)),
            )

    def _coverage(self, before: Cell, after: Cell, persona: str, stage: str) -> None:
        if before.state == after.state:
            return
        self.cells.append(CellChange(persona, stage, before.state, after.state))
        raised = before.state == "covered" and after.state != "not-applicable"
        origin, key = gap_anchor(self.h, after)
        self.emit(
            "coverage-changed",
            f"{persona}@{stage}",
            f"cell {persona} × {stage}: {before.state} → {after.state}",
            raised=raised,
            persona=persona,
            stage=stage,
            before=before.state,
            after=after.state,
            location=origin.at(key=key),
        )

    # --- pain points and opportunities

    def _cell_of(self, experience: Experience) -> tuple[str, str]:
        return (
            self.persona_to.get(experience.persona, experience.persona),
            self.stage_to.get(experience.stage, experience.stage),
        )

    def _removed_from(self, experience: Experience, key: str) -> Location:
        """For something removed from an experience: that experience's list in HEAD, or the experiences."""
        now = self.h.experience_by_cell.get(self._cell_of(experience))
        return now.origin.at(key, key=True) if now is not None else _container(self.h, "experiences")

    def _pain_points(self) -> None:
        base = self.b.pain_points
        head = self.h.pain_points
        matched = _match(base, head, lambda item: (item[0].text, self._cell_of(item[1])))
        self._renamed("pain point", "pain-point-renamed", matched.renames, lambda p: head[p][0].origin.at())
        for old, new in matched.pairs:
            self._pain_pair(base[old], head[new])
        for pain in matched.removed:
            point, experience = base[pain]
            persona, stage = self._cell_of(experience)
            self.emit(
                "pain-point-removed",
                pain,
                f"pain point '{pain}' of {persona} in {stage} resolved (removed): {point.text}",
                persona=persona,
                stage=stage,
                before=pain,
                location=self._removed_from(experience, "pain_points"),
            )
        for pain in matched.added:
            point, experience = head[pain]
            self.emit(
                "pain-point-added",
                pain,
                f"pain point '{pain}' of {experience.persona} in {experience.stage} added: {point.text}",
                persona=experience.persona,
                stage=experience.stage,
                after=pain,
                location=point.origin.at(),
            )

    def _pain_pair(self, old: tuple[PainPoint, Experience], new: tuple[PainPoint, Experience]) -> None:
        point, experience = new
        cell_before, cell_after = self._cell_of(old[1]), (experience.persona, experience.stage)
        changes: list[tuple[str, Value, Value, Location]] = []
        if old[0].severity != point.severity:
            changes.append(("severity", old[0].severity, point.severity, point.origin.at("severity", key=True)))
        if old[0].text != point.text:
            changes.append(("text", old[0].text, point.text, point.origin.at("text", key=True)))
        if cell_before != cell_after:
            changes.append(("cell", f"{old[1].persona}@{old[1].stage}", "@".join(cell_after), point.origin.at()))
        for field, before, after, location in changes:
            self.emit(
                "pain-point-changed",
                point.id,
                f"pain point '{point.id}' {field}: {_text(before)} → {_text(after)}",
                persona=experience.persona,
                stage=experience.stage,
                field=field,
                before=before,
                after=after,
                location=location,
            )

    def _opportunities(self) -> None:
        base = _opportunities(self.b)
        head = _opportunities(self.h)
        matched = _match(base, head, lambda item: (item[0].text, self._cell_of(item[1])))
        self._renamed("opportunity", "opportunity-renamed", matched.renames, lambda o: head[o][0].origin.at())
        for item in matched.removed:
            opportunity, experience = base[item]
            persona, stage = self._cell_of(experience)
            self.emit(
                "opportunity-removed",
                item,
                f"opportunity '{item}' of {persona} in {stage} removed: {opportunity.text}",
                persona=persona,
                stage=stage,
                before=item,
                location=self._removed_from(experience, "opportunities"),
            )
        for item in matched.added:
            opportunity, experience = head[item]
            self.emit(
                "opportunity-added",
                item,
                f"opportunity '{item}' of {experience.persona} in {experience.stage} added: {opportunity.text}",
                persona=experience.persona,
                stage=experience.stage,
                after=item,
                location=opportunity.origin.at(),
            )

    # --- interactions and evidence

    def _interactions(self) -> None:
        base = {i.id: i for i in reversed(self.b.interactions)}
        head = {i.id: i for i in reversed(self.h.interactions)}
        matched = _match(base, head, lambda i: (i.name, self.stage_to.get(i.stage, i.stage)))
        self._renamed("interaction", "interaction-renamed", matched.renames, lambda i: head[i].origin.at())
        for old, new in matched.pairs:
            self._interaction_pair(base[old], head[new])
        for item in matched.removed:
            gone = base[item]
            self.emit(
                "interaction-removed",
                item,
                f"interaction '{item}' ({gone.name}) removed",
                stage=self.stage_to.get(gone.stage, gone.stage),
                before=item,
                location=_container(self.h, "interactions"),
            )
        for item in matched.added:
            added = head[item]
            self.emit(
                "interaction-added",
                item,
                f"interaction '{item}' ({added.name}) added: {trigger_text(added.trigger)} in stage '{added.stage}'",
                stage=added.stage,
                after=item,
                location=added.origin.at(),
            )

    def _interaction_pair(self, old: Interaction, new: Interaction) -> None:
        fields: list[tuple[str, str, Value, Value, Value, Value]] = [
            ("trigger", "trigger", _trigger(old), _trigger(new), trigger_text(old.trigger), trigger_text(new.trigger)),
            ("channel", "channel", old.channel, new.channel, old.channel, new.channel),
            (
                "audience",
                "personas",
                _ids(old.personas, self.persona_to),
                _ids(new.personas, {}),
                old.personas,
                new.personas,
            ),
            ("stage", "stage", self.stage_to.get(old.stage, old.stage), new.stage, old.stage, new.stage),
        ]
        for field, key, compared_before, compared_after, before, after in fields:
            if compared_before == compared_after:
                continue
            if field == "audience":
                shown = f"{_listed(old.personas, 'every persona')} → {_listed(new.personas, 'every persona')}"
            else:
                shown = f"{_text(before)} → {_text(after)}"
            self.emit(
                "interaction-changed",
                new.id,
                f"interaction '{new.id}' {field}: {shown}",
                stage=new.stage,
                field=field,
                before=before,
                after=after,
                location=new.origin.at(key, key=True),
            )

    def _evidence(self) -> None:
        base, head = self.b.evidence_by_id, self.h.evidence_by_id
        matched = _match(base, head, lambda e: (e.type, e.title or e.summary))
        self.evidence_to = dict(matched.pairs)
        self._renamed("evidence", "evidence-renamed", matched.renames, lambda e: head[e].origin.at())
        for item in matched.removed:
            self.emit(
                "evidence-removed",
                item,
                f"evidence '{item}' ({base[item].type}) removed",
                before=item,
                location=_container(self.h, "evidence"),
            )
        for item in matched.added:
            self.emit(
                "evidence-added",
                item,
                f"evidence '{item}' ({head[item].type}) added",
                after=item,
                location=head[item].origin.at(),
            )


def _opportunities(journey: Journey) -> dict[str, tuple[Opportunity, Experience]]:
    found: dict[str, tuple[Opportunity, Experience]] = {}
    for experience in journey.experiences:
        for opportunity in experience.opportunities:
            found.setdefault(opportunity.id, (opportunity, experience))
    return found


def _trigger(interaction: Interaction) -> tuple[str, ...]:
    t = interaction.trigger
    return tuple(str(v) for v in (t.type, t.day, t.event, t.within, t.name, t.location, t.cron))


def _loosened(old: Metric, new: Metric) -> bool:
    """A target made easier to meet (lower when higher is better, higher when lower is better), or dropped."""
    if old.target is None:
        return False
    if new.target is None:
        return True
    return new.target < old.target if new.better == "higher" else new.target > old.target
