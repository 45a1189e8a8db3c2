"""Schema-valid data → the model, checking ids and references (JK2xx) on the way.

Catalog definitions are built once per catalog file and shared by every map that sees
them. A map whose catalogs failed to load is still built, but references that a catalog
could have satisfied (personas, channels, teams) are not reported: the catalog's own
findings say what is wrong.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeykit.codes import references as rules
from journeykit.findings import Finding
from journeykit.model import (
    CalendarEvent,
    Catalog,
    Channel,
    Evidence,
    Experience,
    Interaction,
    Journey,
    Metric,
    Opportunity,
    Origin,
    PainPoint,
    Persona,
    Stage,
    Team,
    Touchpoint,
    Trigger,
)
from journeykit.present import did_you_mean
from journeykit.source import SourceFile, YamlPath, format_path
from journeykit.timezones import timezone_problem

CATALOG_KINDS = ("persona", "channel", "team")


def build_catalog(source: SourceFile) -> tuple[Catalog, list[Finding]]:
    """A catalog and the duplicate ids inside it."""
    data = source.data
    catalog = Catalog(
        origin=Origin(source, ()),
        description=data.get("description"),
        personas=tuple(_persona(source, ("personas", i), d, from_catalog=True) for i, d in _items(data, "personas")),
        channels=tuple(_channel(source, ("channels", i), d, from_catalog=True) for i, d in _items(data, "channels")),
        teams=tuple(_team(source, ("teams", i), d, from_catalog=True) for i, d in _items(data, "teams")),
    )
    findings: list[Finding] = []
    for kind, items in (
        ("persona", catalog.personas),
        ("channel", catalog.channels),
        ("team", catalog.teams),
    ):
        findings.extend(_duplicates(kind, [(item.id, item.origin) for item in items]))
    return catalog, findings


Elsewhere = Callable[[str, str], "str | None"]
"""(kind, id) → the file of a catalog in this run that defines it but that the map does not see."""


def build_journey(
    source: SourceFile,
    catalogs: Sequence[Catalog] = (),
    *,
    catalogs_complete: bool = True,
    elsewhere: Elsewhere | None = None,
) -> tuple[Journey, list[Finding]]:
    """A journey with its catalogs resolved in, and every id and reference problem found."""
    return _JourneyBuilder(source, catalogs, catalogs_complete, elsewhere).build()


@dataclass(frozen=True, slots=True)
class _References:
    """Ids of one kind written at one place: a single value at `path`, or the items of the list at `path`.

    A large map has hundreds of thousands of references; one record per list (rather than per
    item, with its own path) keeps building it from costing more memory than the model.
    """

    kind: str
    targets: Sequence[str]
    path: YamlPath
    """Of the node whose field holds the ids; `key` names the field (None: the node is the id)."""
    key: str | None
    listed: bool

    def items(self) -> Iterator[tuple[str, YamlPath]]:
        """Each id with the path it is written at."""
        path = self.path if self.key is None else (*self.path, self.key)
        if not self.listed:
            yield self.targets[0], path
            return
        for index, target in enumerate(self.targets):
            yield target, (*path, index)


@dataclass
class _JourneyBuilder:
    source: SourceFile
    catalogs: Sequence[Catalog]
    catalogs_complete: bool
    elsewhere: Elsewhere | None = None
    references: list[_References] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def build(self) -> tuple[Journey, list[Finding]]:
        source, data = self.source, self.source.data
        own_personas: list[Persona] = []
        listed_personas: list[Persona | str] = []  # in the order written: definitions and catalog ids
        for index, item in _items(data, "personas"):
            if isinstance(item, str):
                listed_personas.append(item)
                self._refer("persona", item, ("personas", index))
            else:
                own_personas.append(_persona(source, ("personas", index), item))
                listed_personas.append(own_personas[-1])
        stages = tuple(
            Stage(
                d["id"],
                d["name"],
                i,
                Origin(source, ("stages", i)),
                d.get("description"),
                d.get("typical_duration"),
                optional=bool(d.get("optional", False)),
                conversion_target=d.get("conversion_target"),
            )
            for i, d in _items(data, "stages")
        )
        own_channels = [_channel(source, ("channels", i), d) for i, d in _items(data, "channels")]
        own_teams = [_team(source, ("teams", i), d) for i, d in _items(data, "teams")]
        touchpoints = tuple(self._touchpoint(("touchpoints", i), d) for i, d in _items(data, "touchpoints"))
        experiences = tuple(self._experience(("experiences", i), d) for i, d in _items(data, "experiences"))
        interactions = tuple(self._interaction(("interactions", i), d) for i, d in _items(data, "interactions"))
        evidence = tuple(_evidence(source, ("evidence", i), d) for i, d in _items(data, "evidence"))
        calendar = (
            tuple(_calendar_event(source, ("calendar", i), d) for i, d in _items(data, "calendar"))
            if "calendar" in data
            else None
        )
        if calendar is not None:
            self._refer_calendar(interactions)
        self._check_timezone(data.get("timezone"))
        defaults = data.get("defaults") or {}
        if data.get("owner") is not None:
            self._refer("team", data["owner"], ("owner",))
        if defaults.get("touchpoint_owner") is not None:
            self._refer("team", defaults["touchpoint_owner"], ("defaults", "touchpoint_owner"))

        self._check_ids(own_personas, stages, own_channels, own_teams, touchpoints, experiences, interactions, evidence)
        self.findings.extend(_duplicates("calendar event", [(e.id, e.origin) for e in calendar or ()]))
        self._check_first_stage(stages)
        self._check_events(touchpoints)
        catalog_personas = _first_by_id(p for c in self.catalogs for p in c.personas)
        known = {
            "persona": {p.id for p in own_personas} | set(catalog_personas),
            "stage": {s.id for s in stages},
            "channel": {c.id for c in own_channels} | {c.id for cat in self.catalogs for c in cat.channels},
            "team": {t.id for t in own_teams} | {t.id for cat in self.catalogs for t in cat.teams},
            "touchpoint": {t.id for t in touchpoints},
            "pain point": {p.id for e in experiences for p in e.pain_points},
            "evidence item": {e.id for e in evidence},
            "calendar event": {e.id for e in calendar or ()},
        }
        self._check_references(known)

        journey = Journey(
            id=data["id"],
            title=data["title"],
            origin=Origin(source, ()),
            stages=stages,
            description=data.get("description"),
            owner=data.get("owner"),
            updated=_date(data.get("updated")),
            tags=tuple(data.get("tags") or ()),
            touchpoint_owner=defaults.get("touchpoint_owner"),
            personas=self._personas(listed_personas, catalog_personas),
            channels=tuple(_first_by_id([*own_channels, *(c for cat in self.catalogs for c in cat.channels)]).values()),
            teams=tuple(_first_by_id([*own_teams, *(t for cat in self.catalogs for t in cat.teams)]).values()),
            touchpoints=touchpoints,
            experiences=experiences,
            interactions=interactions,
            evidence=evidence,
            timezone=data.get("timezone"),
            calendar=calendar,
            catalogs=tuple(self.catalogs),
            persona_origins=self._persona_origins(own_personas),
        )
        return journey, self.findings

    # -- items that carry references

    def _touchpoint(self, path: YamlPath, d: dict[str, Any]) -> Touchpoint:
        self._refer_optional("stage", d, "stage", path)
        self._refer_optional("channel", d, "channel", path)
        self._refer_optional("team", d, "owner", path)
        self._refer_all("persona", d, "personas", path)
        self._refer_all("touchpoint", d, "next", path)
        self._refer_all("touchpoint", d, "loops_to", path)
        return Touchpoint(
            id=d["id"],
            name=d["name"],
            stage=d["stage"],
            origin=Origin(self.source, path),
            description=d.get("description"),
            channel=d.get("channel"),
            owner=d.get("owner"),
            personas=_optional_tuple(d.get("personas")),
            next=tuple(d.get("next") or ()),
            loops_to=tuple(d.get("loops_to") or ()),
            events=tuple(d.get("events") or ()),
            frontstage=tuple(d.get("frontstage") or ()),
            backstage=tuple(d.get("backstage") or ()),
            support=tuple(d.get("support") or ()),
            metrics=tuple(_metric(self.source, (*path, "metrics", i), m) for i, m in _items(d, "metrics")),
        )

    def _experience(self, path: YamlPath, d: dict[str, Any]) -> Experience:
        self._refer_optional("persona", d, "persona", path)
        self._refer_optional("stage", d, "stage", path)
        self._refer_all("touchpoint", d, "touchpoints", path)
        self._refer_all("evidence item", d, "evidence", path)
        opportunities = []
        for i, o in _items(d, "opportunities"):
            opportunity_path = (*path, "opportunities", i)
            self._refer_optional("team", o, "owner", opportunity_path)
            self._refer_all("pain point", o, "addresses", opportunity_path)
            opportunities.append(
                Opportunity(
                    id=o["id"],
                    text=o["text"],
                    origin=Origin(self.source, opportunity_path),
                    addresses=tuple(o.get("addresses") or ()),
                    owner=o.get("owner"),
                )
            )
        return Experience(
            persona=d["persona"],
            stage=d["stage"],
            origin=Origin(self.source, path),
            applicable=d.get("applicable", True),
            reason=d.get("reason"),
            touchpoints=tuple(d.get("touchpoints") or ()),
            tasks=tuple(d.get("tasks") or ()),
            questions=tuple(d.get("questions") or ()),
            emotion=_whole(d.get("emotion")),
            thoughts=d.get("thoughts"),
            influences=tuple(d.get("influences") or ()),
            pain_points=tuple(
                PainPoint(p["id"], p["text"], Origin(self.source, (*path, "pain_points", i)), p.get("severity"))
                for i, p in _items(d, "pain_points")
            ),
            opportunities=tuple(opportunities),
            evidence=tuple(d.get("evidence") or ()),
            typical_duration=d.get("typical_duration"),
        )

    def _interaction(self, path: YamlPath, d: dict[str, Any]) -> Interaction:
        self._refer_optional("channel", d, "channel", path)
        self._refer_optional("stage", d, "stage", path)
        self._refer_all("persona", d, "personas", path)
        t = d["trigger"]
        trigger = Trigger(
            type=t["type"],
            origin=Origin(self.source, (*path, "trigger")),
            day=_whole(t.get("day")),
            event=t.get("event"),
            within=t.get("within"),
            name=t.get("name"),
            location=t.get("location"),
            cron=t.get("cron"),
        )
        return Interaction(
            id=d["id"],
            name=d["name"],
            channel=d["channel"],
            stage=d["stage"],
            trigger=trigger,
            origin=Origin(self.source, path),
            type=d.get("type"),
            personas=_optional_tuple(d.get("personas")),
            message=d.get("message"),
            goal=d.get("goal"),
            description=d.get("description"),
            send_at=d.get("send_at"),
            quiet_hours_exempt=bool(d.get("quiet_hours_exempt", False)),
        )

    # -- the calendar and the time zone

    def _refer_calendar(self, interactions: Sequence[Interaction]) -> None:
        """With a calendar, an event trigger's `name` is the id of one of its events."""
        for interaction in interactions:
            trigger = interaction.trigger
            if trigger.type == "event" and trigger.name is not None:
                self._refer("calendar event", trigger.name, (*trigger.origin.path, "name"))

    def _check_timezone(self, name: str | None) -> None:
        if name is None:
            return
        problem = timezone_problem(name)
        if problem is not None:
            message, hint = problem
            self.findings.append(
                rules.UNKNOWN_TIMEZONE.finding(
                    self.source.location(("timezone",)),
                    f"timezone: {message}",
                    hint=hint,
                    subject="timezone",
                )
            )

    # -- reference bookkeeping

    def _refer(self, kind: str, target: str, path: YamlPath) -> None:
        self.references.append(_References(kind, (target,), path, None, listed=False))

    def _refer_optional(self, kind: str, d: dict[str, Any], key: str, path: YamlPath) -> None:
        if d.get(key) is not None:
            self.references.append(_References(kind, (d[key],), path, key, listed=False))

    def _refer_all(self, kind: str, d: dict[str, Any], key: str, path: YamlPath) -> None:
        targets = d.get(key)
        if targets:
            self.references.append(_References(kind, targets, path, key, listed=True))

    def _check_references(self, known: dict[str, set[str]]) -> None:
        for refs in self.references:
            ids = known[refs.kind]
            if all(target in ids for target in refs.targets):
                continue
            if refs.kind in CATALOG_KINDS and not self.catalogs_complete:
                continue  # the catalog that might define it has errors of its own
            for target, path in refs.items():
                if target in ids:
                    continue
                self.findings.append(
                    rules.UNKNOWN_REFERENCE.finding(
                        self.source.location(path),
                        f"{format_path(path)}: unknown {refs.kind} '{target}'",
                        hint=self._unseen(refs.kind, target) or _did_you_mean(refs.kind, target, ids),
                        subject=Origin(self.source, path).subject(),
                    )
                )

    def _unseen(self, kind: str, target: str) -> str | None:
        """Why a catalog id that the run did read is unknown here: the map does not see that catalog."""
        where = self.elsewhere(kind, target) if self.elsewhere and kind in CATALOG_KINDS else None
        if where is None:
            return None
        return (
            f"'{target}' is defined in {where}, which this map does not see: a map sees the catalogs of its own "
            "directory and of the directories above it, up to the project root (the nearest directory with a "
            "journeykit.toml, a pyproject.toml with [tool.journeykit], or .git); move the catalog up, or the map down"
        )

    def _check_ids(
        self,
        personas: Sequence[Persona],
        stages: Sequence[Stage],
        channels: Sequence[Channel],
        teams: Sequence[Team],
        touchpoints: Sequence[Touchpoint],
        experiences: Sequence[Experience],
        interactions: Sequence[Interaction],
        evidence: Sequence[Evidence],
    ) -> None:
        own: dict[str, list[tuple[str, Origin]]] = {
            "persona": [(p.id, p.origin) for p in personas],
            "stage": [(s.id, s.origin) for s in stages],
            "channel": [(c.id, c.origin) for c in channels],
            "team": [(t.id, t.origin) for t in teams],
            "touchpoint": [(t.id, t.origin) for t in touchpoints],
            "pain point": [(p.id, p.origin) for e in experiences for p in e.pain_points],
            "opportunity": [(o.id, o.origin) for e in experiences for o in e.opportunities],
            "interaction": [(i.id, i.origin) for i in interactions],
            "evidence item": [(e.id, e.origin) for e in evidence],
        }
        for kind, defined in own.items():
            self.findings.extend(_duplicates(kind, defined))
        self._check_ambiguous(own)
        self._check_cells(experiences)

    def _check_ambiguous(self, own: dict[str, list[tuple[str, Origin]]]) -> None:
        for kind in CATALOG_KINDS:
            seen: dict[str, Origin] = {}
            for catalog in self.catalogs:
                for item in catalog.definitions(kind):
                    first = seen.setdefault(item.id, item.origin)
                    if first is not item.origin and first.source is not item.origin.source:
                        self.findings.append(_ambiguous(kind, item.id, item.origin, first, "another catalog"))
            for item_id, origin in own[kind]:
                if item_id in seen:
                    self.findings.append(_ambiguous(kind, item_id, origin, seen[item_id], "a catalog"))

    def _check_cells(self, experiences: Sequence[Experience]) -> None:
        cells: dict[tuple[str, str], Experience] = {}
        for experience in experiences:
            cell = (experience.persona, experience.stage)
            first = cells.setdefault(cell, experience)
            if first is not experience:
                line = first.origin.at().line
                self.findings.append(
                    rules.DUPLICATE_EXPERIENCE.finding(
                        experience.origin.at(),
                        f"{format_path(experience.origin.path)}: a second experience for persona '{cell[0]}' "
                        f"in stage '{cell[1]}'",
                        hint=f"the first is on line {line}: merge the two into one experience",
                        subject=experience.origin.subject(),
                    )
                )

    def _check_first_stage(self, stages: Sequence[Stage]) -> None:
        if stages and stages[0].optional:
            origin = stages[0].origin
            self.findings.append(
                rules.OPTIONAL_FIRST_STAGE.finding(
                    origin.at("optional", key=True),
                    f"{format_path((*origin.path, 'optional'))}: the first stage '{stages[0].id}' cannot be optional",
                    hint="every customer enters the journey at the first stage: remove `optional: true` here",
                    subject=origin.subject("optional"),
                )
            )

    def _check_events(self, touchpoints: Sequence[Touchpoint]) -> None:
        """An event name means one touchpoint: analytics could not tell which of two was met."""
        first: dict[str, tuple[Touchpoint, int]] = {}
        for touchpoint in touchpoints:
            for index, event in enumerate(touchpoint.events):
                other, other_index = first.setdefault(event, (touchpoint, index))
                if other is touchpoint:
                    continue  # the first listing, or the same touchpoint listing it twice (harmless)
                where = other.origin.at("events", other_index)
                self.findings.append(
                    rules.DUPLICATE_EVENT.finding(
                        touchpoint.origin.at("events", index),
                        f"{format_path((*touchpoint.origin.path, 'events', index))}: event '{event}' is also listed "
                        f"by touchpoint '{other.id}'",
                        hint=f"the first is at {where.file}:{where.line}; an event name belongs to one touchpoint: "
                        "keep it on one and remove it from the other",
                        subject=touchpoint.origin.subject("events", index),
                    )
                )

    def _persona_origins(self, own: Sequence[Persona]) -> dict[str, Origin]:
        origins = {p.id: p.origin for p in own}
        for refs in self.references:
            if refs.kind == "persona":
                for target, path in refs.items():
                    if target not in origins:
                        origins[target] = Origin(self.source, path)
        return origins

    def _personas(self, listed: Sequence[Persona | str], catalog: dict[str, Persona]) -> tuple[Persona, ...]:
        """The `personas` list in its order (catalog ids resolved), then catalog personas referred to elsewhere."""
        chosen: dict[str, Persona] = {}
        for item in listed:
            persona = catalog.get(item) if isinstance(item, str) else item
            if persona is not None:
                chosen.setdefault(persona.id, persona)
        for refs in self.references:
            if refs.kind == "persona":
                for target in refs.targets:
                    if target not in chosen and target in catalog:
                        chosen[target] = catalog[target]
        return tuple(chosen.values())


# --- plain items -----------------------------------------------------------------------------


def _persona(source: SourceFile, path: YamlPath, d: dict[str, Any], *, from_catalog: bool = False) -> Persona:
    return Persona(
        id=d["id"],
        name=d["name"],
        origin=Origin(source, path),
        description=d.get("description"),
        goals=tuple(d.get("goals") or ()),
        frustrations=tuple(d.get("frustrations") or ()),
        from_catalog=from_catalog,
    )


def _channel(source: SourceFile, path: YamlPath, d: dict[str, Any], *, from_catalog: bool = False) -> Channel:
    return Channel(d["id"], d["name"], d["mode"], Origin(source, path), d.get("description"), from_catalog)


def _team(source: SourceFile, path: YamlPath, d: dict[str, Any], *, from_catalog: bool = False) -> Team:
    return Team(d["id"], d["name"], Origin(source, path), d.get("description"), d.get("contact"), from_catalog)


def _metric(source: SourceFile, path: YamlPath, d: dict[str, Any]) -> Metric:
    return Metric(
        name=d["name"],
        origin=Origin(source, path),
        value=d.get("value"),
        target=d.get("target"),
        unit=d.get("unit"),
        better=d.get("better", "higher"),
        source=d.get("source"),
    )


def _calendar_event(source: SourceFile, path: YamlPath, d: dict[str, Any]) -> CalendarEvent:
    written = [d["date"]] if d.get("date") else []
    written.extend(d.get("dates") or ())
    return CalendarEvent(
        id=d["id"],
        name=d["name"],
        dates=tuple(sorted({datetime.date.fromisoformat(day) for day in written})),
        origin=Origin(source, path),
        location=d.get("location"),
        description=d.get("description"),
    )


def _evidence(source: SourceFile, path: YamlPath, d: dict[str, Any]) -> Evidence:
    return Evidence(
        id=d["id"],
        type=d["type"],
        origin=Origin(source, path),
        title=d.get("title"),
        date=_date(d.get("date")),
        summary=d.get("summary"),
        link=d.get("link"),
    )


# --- helpers -----------------------------------------------------------------------------------


def _items(data: dict[str, Any], key: str) -> Iterable[tuple[int, Any]]:
    return enumerate(data.get(key) or ())


def _whole(value: float | None) -> int | None:
    """JSON Schema's integers include 2.0: the model holds them as int."""
    return None if value is None else int(value)


def _optional_tuple(value: list[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _first_by_id(items: Iterable[Any]) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    for item in items:
        chosen.setdefault(item.id, item)
    return chosen


def _duplicates(kind: str, defined: Sequence[tuple[str, Origin]]) -> Iterable[Finding]:
    seen: dict[str, Origin] = {}
    for item_id, origin in defined:
        first = seen.setdefault(item_id, origin)
        if first is not origin:
            yield rules.DUPLICATE_ID.finding(
                origin.at("id"),
                f"{format_path((*origin.path, 'id'))}: duplicate {kind} id '{item_id}'",
                hint=f"the first is at {_where(first, origin)}; {kind} ids are unique: rename one",
                subject=origin.subject("id"),
            )


def _ambiguous(kind: str, item_id: str, origin: Origin, other: Origin, elsewhere: str) -> Finding:
    return rules.AMBIGUOUS_ID.finding(
        origin.at("id"),
        f"{format_path((*origin.path, 'id'))}: {kind} '{item_id}' is also defined in {elsewhere}",
        hint=f"the other is at {other.file}:{other.at('id').line}; remove one definition "
        f"(a map can refer to a catalog's {kind} by id)",
        subject=origin.subject("id"),
    )


def _where(first: Origin, later: Origin) -> str:
    line = first.at("id").line
    return f"line {line}" if first.source is later.source else f"{first.file}:{line}"  # only ever in hints


def _did_you_mean(kind: str, target: str, known: set[str]) -> str:
    hint = did_you_mean(target, sorted(known))
    if hint:
        return hint
    if not known:
        return f"no {kind} is defined"
    listed = sorted(known)
    more = f" and {len(listed) - 6} more" if len(listed) > 6 else ""
    return f"defined: {', '.join(listed[:6])}{more}"
