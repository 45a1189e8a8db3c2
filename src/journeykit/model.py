"""The journey model: frozen dataclasses built once from a schema-valid file.

Every object keeps its `Origin` (file and YAML path) so that rules can point at the key
or item a finding is about, in the map or in the catalog the object came from.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from journeykit.source import Location, SourceFile, YamlPath, logical_path


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a model object was written: a file and the YAML path of its node."""

    source: SourceFile
    path: YamlPath

    @property
    def file(self) -> str:
        return self.source.display

    def at(self, *sub: str | int, key: bool = False) -> Location:
        """Location of the node (or of a field below it); `key` points at the field's key."""
        return self.source.location((*self.path, *sub), key=key)

    def opening_lines(self) -> frozenset[int]:
        """Lines on which the node opens: its key's line and its value's first line."""
        path = self.path
        spans = self.source.spans
        lines = {spans.value_span(path)[0]}
        if path in spans.keys:
            lines.add(spans.keys[path][0])
        return frozenset(lines)

    def subject(self, *sub: str | int) -> str:
        """The line-independent name of the node, for fingerprints."""
        return logical_path(self.source.data, (*self.path, *sub))


ChannelMode = Literal["digital", "physical", "hybrid"]
Severity = Literal["low", "medium", "high", "critical"]
SEVERITY_ORDER: Mapping[str, int] = {"low": 1, "medium": 2, "high": 3, "critical": 4}


@dataclass(frozen=True, slots=True)
class Persona:
    id: str
    name: str
    origin: Origin
    description: str | None = None
    goals: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    from_catalog: bool = False


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    name: str
    index: int
    origin: Origin
    description: str | None = None
    typical_duration: str | None = None
    """How long a persona usually spends here, such as `2w` (see journeykit.durations)."""
    optional: bool = False
    """Customers may skip it (never the first stage: JK208)."""
    conversion_target: float | None = None
    """The step conversion into the stage that the team aims for, a ratio from 0 to 1."""


@dataclass(frozen=True, slots=True)
class Channel:
    id: str
    name: str
    mode: ChannelMode
    origin: Origin
    description: str | None = None
    from_catalog: bool = False


@dataclass(frozen=True, slots=True)
class Team:
    id: str
    name: str
    origin: Origin
    description: str | None = None
    contact: str | None = None
    from_catalog: bool = False


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    origin: Origin
    value: float | None = None
    target: float | None = None
    unit: str | None = None
    better: Literal["higher", "lower"] = "higher"
    source: str | None = None

    @property
    def misses_target(self) -> bool:
        """True when both numbers are known and the value is on the wrong side of the target."""
        if self.value is None or self.target is None:
            return False
        return self.value < self.target if self.better == "higher" else self.value > self.target


@dataclass(frozen=True, slots=True)
class Touchpoint:
    id: str
    name: str
    stage: str
    origin: Origin
    description: str | None = None
    channel: str | None = None
    owner: str | None = None
    personas: tuple[str, ...] | None = None
    """None means every persona of the map."""
    next: tuple[str, ...] = ()
    loops_to: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    frontstage: tuple[str, ...] = ()
    backstage: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    metrics: tuple[Metric, ...] = ()

    def meets(self, persona: str) -> bool:
        return self.personas is None or persona in self.personas


@dataclass(frozen=True, slots=True)
class PainPoint:
    id: str
    text: str
    origin: Origin
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Opportunity:
    id: str
    text: str
    origin: Origin
    addresses: tuple[str, ...] = ()
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class Experience:
    persona: str
    stage: str
    origin: Origin
    applicable: bool = True
    reason: str | None = None
    touchpoints: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    emotion: int | None = None
    thoughts: str | None = None
    influences: tuple[str, ...] = ()
    pain_points: tuple[PainPoint, ...] = ()
    opportunities: tuple[Opportunity, ...] = ()
    evidence: tuple[str, ...] = ()
    typical_duration: str | None = None
    """This persona's own time in this stage; overrides the stage's `typical_duration`."""


TriggerType = Literal["day_of_use", "behavior", "event", "schedule"]


@dataclass(frozen=True, slots=True)
class Trigger:
    type: TriggerType
    origin: Origin
    day: int | None = None
    event: str | None = None
    within: str | None = None
    name: str | None = None
    location: str | None = None
    cron: str | None = None


DEFAULT_SEND_AT = datetime.time(10, 0)
"""When `day_of_use` and `event` sends go out without a `send_at`: mid-morning, inside any sensible quiet hours."""


@dataclass(frozen=True, slots=True)
class Interaction:
    id: str
    name: str
    channel: str
    stage: str
    trigger: Trigger
    origin: Origin
    type: str | None = None
    personas: tuple[str, ...] | None = None
    message: str | None = None
    goal: str | None = None
    description: str | None = None
    send_at: str | None = None
    """HH:MM, local to the map's timezone, for day_of_use and event triggers."""
    quiet_hours_exempt: bool = False

    def reaches(self, persona: str) -> bool:
        return self.personas is None or persona in self.personas

    @property
    def send_time(self) -> datetime.time:
        """The local time of day of a day_of_use or event send: `send_at`, or 10:00 (docs/format.md)."""
        if self.send_at:
            hours, minutes = self.send_at.split(":")
            return datetime.time(int(hours), int(minutes))
        return DEFAULT_SEND_AT


@dataclass(frozen=True, slots=True)
class Evidence:
    id: str
    type: str
    origin: Origin
    title: str | None = None
    date: datetime.date | None = None
    summary: str | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """An external event on known dates, which `event` triggers name by id."""

    id: str
    name: str
    dates: tuple[datetime.date, ...]
    """Sorted, without repeats: `date` and `dates` together."""
    origin: Origin
    location: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Catalog:
    """Shared personas, channels and teams for the maps in and below its directory."""

    origin: Origin
    description: str | None = None
    personas: tuple[Persona, ...] = ()
    channels: tuple[Channel, ...] = ()
    teams: tuple[Team, ...] = ()

    @property
    def file(self) -> str:
        return self.origin.file

    def definitions(self, kind: str) -> tuple[Persona | Channel | Team, ...]:
        """The catalog's personas, channels or teams, by kind name."""
        if kind == "persona":
            return self.personas
        if kind == "channel":
            return self.channels
        return self.teams


@dataclass(frozen=True)
class Journey:
    """One map, with the catalog definitions it uses resolved in.

    `personas` are the map's own, those it lists by id, and catalog personas it refers
    to anywhere; `channels` and `teams` include every catalog definition the map sees.
    """

    id: str
    title: str
    origin: Origin
    stages: tuple[Stage, ...]
    description: str | None = None
    owner: str | None = None
    updated: datetime.date | None = None
    tags: tuple[str, ...] = ()
    touchpoint_owner: str | None = None
    personas: tuple[Persona, ...] = ()
    channels: tuple[Channel, ...] = ()
    teams: tuple[Team, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    experiences: tuple[Experience, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    timezone: str | None = None
    """The IANA time zone of the map's times as written; None means UTC."""
    calendar: tuple[CalendarEvent, ...] | None = None
    """None when the map has no `calendar` (event triggers are then free text)."""
    catalogs: tuple[Catalog, ...] = field(default=(), repr=False)
    persona_origins: Mapping[str, Origin] = field(default_factory=dict, repr=False)
    """Where each persona enters this map: its definition, its id in `personas`, or its first reference."""

    @property
    def file(self) -> str:
        return self.origin.file

    def persona_origin(self, persona: str) -> Origin:
        """Where the persona is introduced in this map's file (never a catalog's)."""
        return self.persona_origins.get(persona, self.origin)

    @property
    def source(self) -> SourceFile:
        return self.origin.source

    @functools.cached_property
    def persona_by_id(self) -> Mapping[str, Persona]:
        return {p.id: p for p in self.personas}

    @functools.cached_property
    def stage_by_id(self) -> Mapping[str, Stage]:
        return {s.id: s for s in self.stages}

    @functools.cached_property
    def channel_by_id(self) -> Mapping[str, Channel]:
        return {c.id: c for c in self.channels}

    @functools.cached_property
    def team_by_id(self) -> Mapping[str, Team]:
        return {t.id: t for t in self.teams}

    @functools.cached_property
    def touchpoint_by_id(self) -> Mapping[str, Touchpoint]:
        return {t.id: t for t in self.touchpoints}

    @functools.cached_property
    def evidence_by_id(self) -> Mapping[str, Evidence]:
        return {e.id: e for e in self.evidence}

    @functools.cached_property
    def calendar_by_id(self) -> Mapping[str, CalendarEvent]:
        return {e.id: e for e in self.calendar or ()}

    @functools.cached_property
    def experience_by_cell(self) -> Mapping[tuple[str, str], Experience]:
        """(persona, stage) → experience; the first one when a cell is written twice (JK204)."""
        cells: dict[tuple[str, str], Experience] = {}
        for experience in self.experiences:
            cells.setdefault((experience.persona, experience.stage), experience)
        return cells

    @functools.cached_property
    def pain_points(self) -> Mapping[str, tuple[PainPoint, Experience]]:
        """Every pain point with the experience it belongs to."""
        return {p.id: (p, e) for e in self.experiences for p in e.pain_points}

    def touchpoints_in(self, stage: str, persona: str | None = None) -> tuple[Touchpoint, ...]:
        """The touchpoints of a stage, optionally only those the persona meets."""
        return tuple(t for t in self.touchpoints if t.stage == stage and (persona is None or t.meets(persona)))

    def stage_name(self, stage: str) -> str:
        """The stage's name, or its id when the map does not define it."""
        found = self.stage_by_id.get(stage)
        return found.name if found else stage

    def stage_index(self, stage: str) -> int:
        found = self.stage_by_id.get(stage)
        return found.index if found else -1

    def step_base(self, stage: Stage) -> Stage | None:
        """The nearest earlier stage that is not optional: where a step conversion into `stage` is counted from."""
        return next((s for s in reversed(self.stages[: stage.index]) if not s.optional), None)

    @functools.cached_property
    def joined_stages(self) -> frozenset[tuple[str, str]]:
        """(from stage, to stage) pairs that a `next` or `loops_to` of a touchpoint joins."""
        stage_of = {t.id: t.stage for t in self.touchpoints}
        return frozenset(
            (touchpoint.stage, stage_of[target])
            for touchpoint in self.touchpoints
            for target in (*touchpoint.next, *touchpoint.loops_to)
            if target in stage_of
        )
