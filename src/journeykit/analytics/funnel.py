"""The funnel of a map, as analytics needs it: stages in order, which event means which touchpoint, personas."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from journeykit.errors import UsageError
from journeykit.figures import ALL, RESERVED_GROUPS, UNASSIGNED
from journeykit.model import Journey

__all__ = ["ALL", "RESERVED_GROUPS", "UNASSIGNED", "EventMeaning", "FunnelSpec", "FunnelStage", "funnel_spec"]


@dataclass(frozen=True)
class FunnelStage:
    id: str
    optional: bool


@dataclass(frozen=True)
class EventMeaning:
    """What one event name of the log means on this map."""

    touchpoint: int
    """Index into FunnelSpec.touchpoints."""
    stage: int


@dataclass(frozen=True)
class FunnelSpec:
    """Everything the computation needs from a map, in plain values (nothing here refers to YAML)."""

    map_id: str
    file: str
    stages: tuple[FunnelStage, ...]
    touchpoints: tuple[str, ...]
    """Touchpoint ids in map order."""
    events: Mapping[str, EventMeaning]
    """Event name → its touchpoint and stage, in the order the map lists them."""
    personas: tuple[str, ...]
    """The map's persona ids in map order; figures are also given for `unassigned` and `all`."""
    persona_values: Mapping[str, str]
    """Persona-column values → persona ids (the configuration's table); other values are taken as ids."""
    behaviours: tuple[str, ...] = ()
    """The events that `behavior` triggers of the map's interactions name, in map order, each once."""

    @property
    def groups(self) -> tuple[str, ...]:
        """The persona groups of the result, in order: the personas, then `unassigned`."""
        return (*self.personas, UNASSIGNED)

    def step_base(self, stage: int) -> int | None:
        """The nearest earlier stage that is not optional: the denominator of `step` (None for stage 0)."""
        for earlier in range(stage - 1, -1, -1):
            if not self.stages[earlier].optional:
                return earlier
        return None


def funnel_spec(journey: Journey, persona_values: Mapping[str, str] | None = None) -> FunnelSpec:
    """The funnel of a modelled map (one without errors: event names are unique, stage 0 is not optional)."""
    clash = [p.id for p in journey.personas if p.id in RESERVED_GROUPS]
    if clash:
        raise UsageError(
            f"{journey.file}: persona id '{clash[0]}' is reserved by journeykit analytics for a group of its "
            f"own ({' and '.join(RESERVED_GROUPS)}): rename the persona"
        )
    stage_index = {stage.id: stage.index for stage in journey.stages}
    events: dict[str, EventMeaning] = {}
    for index, touchpoint in enumerate(journey.touchpoints):
        for event in touchpoint.events:
            events.setdefault(event, EventMeaning(index, stage_index[touchpoint.stage]))
    return FunnelSpec(
        map_id=journey.id,
        file=journey.file,
        stages=tuple(FunnelStage(stage.id, stage.optional) for stage in journey.stages),
        touchpoints=tuple(t.id for t in journey.touchpoints),
        events=events,
        personas=tuple(p.id for p in journey.personas),
        persona_values=dict(persona_values or {}),
        behaviours=tuple(
            dict.fromkeys(
                i.trigger.event for i in journey.interactions if i.trigger.type == "behavior" and i.trigger.event
            )
        ),
    )
