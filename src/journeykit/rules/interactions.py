"""JK6xx: planned personalised messages — audience, triggers, channels, repetition.

The rules that read the plan of the year (pressure, quiet hours, never fires, gaps) are in rules/timing.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from journeykit.findings import Severity
from journeykit.model import Interaction, Journey, Trigger
from journeykit.present import trigger_text
from journeykit.rules.base import Family, NoOptions, Violation, rule
from journeykit.rules.context import RuleContext

TRIGGER_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "day_of_use": (("day",), ()),
    "behavior": (("event",), ("within",)),
    "event": (("name",), ("location",)),
    "schedule": (("cron",), ()),
}
"""For each trigger type: the fields it needs and the fields it may have."""

ALL_TRIGGER_FIELDS = ("day", "event", "within", "name", "location", "cron")
DEVICE_TYPES = frozenset({"push", "in-app", "inbox", "email", "sms", "web"})
PHYSICAL_TYPES = frozenset({"direct-mail", "in-person"})


@rule(
    code="JK601",
    name="interaction-persona-without-touchpoint",
    family=Family.INTERACTIONS,
    severity=Severity.WARNING,
    summary="An interaction is aimed at a persona who meets no touchpoint in its stage.",
)
def persona_without_touchpoint(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A message sent in a stage reaches customers who are in that stage. If a targeted persona
    meets no touchpoint there, the map says that persona is never in that stage: either the
    audience or the stage of the interaction is wrong, or a touchpoint is missing."""
    journey = context.journey
    meets = _stage_audiences(journey)
    for interaction in journey.interactions:
        if interaction.personas is not None:
            for index, persona in enumerate(interaction.personas):
                if persona in journey.persona_by_id and not meets(interaction.stage, persona):
                    yield Violation(
                        f"'{interaction.id}' is sent to '{persona}' in '{interaction.stage}', "
                        f"where '{persona}' meets no touchpoint",
                        interaction.origin,
                        ("personas", index),
                        hint="check the audience and the stage, or add the touchpoint this persona meets",
                    )
            continue
        absent = [p.id for p in journey.personas if not meets(interaction.stage, p.id)]
        if absent:
            yield Violation(
                f"'{interaction.id}' goes to every persona, "
                f"but {', '.join(absent)} meet no touchpoint in '{interaction.stage}'",
                interaction.origin,
                hint="list the personas it is for under `personas`",
            )


def _stage_audiences(journey: Journey) -> Callable[[str, str], bool]:
    """Whether a persona meets any touchpoint in a stage, answered from one pass over the touchpoints
    (asking the journey for each interaction and persona is quadratic on a large map)."""
    everyone: set[str] = set()
    named: dict[str, set[str]] = defaultdict(set)
    for touchpoint in journey.touchpoints:
        if touchpoint.personas is None:
            everyone.add(touchpoint.stage)
        else:
            named[touchpoint.stage].update(touchpoint.personas)

    def meets(stage: str, persona: str) -> bool:
        return stage in everyone or persona in named.get(stage, ())

    return meets


@rule(
    code="JK602",
    name="trigger-incomplete",
    family=Family.INTERACTIONS,
    severity=Severity.ERROR,
    summary="A trigger lacks a field its type needs.",
)
def trigger_incomplete(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Each trigger type needs its own field: `day` for `day_of_use`, `event` for `behavior`, `name`
    for `event`, `cron` for `schedule`. Without it nobody can tell when the message goes out."""
    for interaction in context.journey.interactions:
        trigger = interaction.trigger
        needed, _ = TRIGGER_FIELDS[trigger.type]
        missing = [name for name in needed if getattr(trigger, name) is None]
        if missing:
            yield Violation(
                f"a {trigger.type} trigger needs `{'`, `'.join(missing)}`",
                trigger.origin,
                hint=_example_for(trigger.type),
            )


@rule(
    code="JK603",
    name="trigger-field-ignored",
    family=Family.INTERACTIONS,
    severity=Severity.WARNING,
    summary="A trigger has a field that its type does not use.",
)
def trigger_field_ignored(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A `cron` on a `day_of_use` trigger, or a `day` on a `behavior` trigger, means nothing; it
    usually shows that the type was changed and the old field left behind, or the wrong type chosen."""
    for interaction in context.journey.interactions:
        trigger = interaction.trigger
        needed, optional = TRIGGER_FIELDS[trigger.type]
        for name in ALL_TRIGGER_FIELDS:
            if name not in needed and name not in optional and getattr(trigger, name) is not None:
                yield Violation(
                    f"`{name}` has no meaning for a {trigger.type} trigger",
                    trigger.origin,
                    (name,),
                    key=True,
                    hint="remove it, or change the trigger's type",
                )


@rule(
    code="JK604",
    name="invalid-cron",
    family=Family.INTERACTIONS,
    severity=Severity.ERROR,
    summary="A schedule trigger's cron expression is not valid.",
)
def invalid_cron(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """`cron` has five fields: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or
    JAN-DEC) and day of week (0-7 or SUN-SAT), each `*`, a value, a range `a-b`, a list `a,b` or
    a step `*/n`. An invalid expression would never fire, or fire at the wrong time."""
    for interaction in context.journey.interactions:
        cron = interaction.trigger.cron
        if cron is None:
            continue
        problem = cron_problem(cron)
        if problem:
            yield Violation(
                f"cron '{cron if len(cron) <= 60 else cron[:59] + '…'}': {problem}",
                interaction.trigger.origin,
                ("cron",),
                hint="minute hour day-of-month month day-of-week, such as `0 9 * * 1` (Mondays at 9:00)",
            )


_CRON_FIELDS: tuple[tuple[str, int, int, dict[str, int]], ...] = (
    ("minute", 0, 59, {}),
    ("hour", 0, 23, {}),
    ("day of month", 1, 31, {}),
    (
        "month",
        1,
        12,
        {
            m: i
            for i, m in enumerate(
                ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1
            )
        },
    ),
    ("day of week", 0, 7, {d: i for i, d in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"])}),
)
_CRON_ITEM = re.compile(r"^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:/(\d+))?$")


def cron_problem(expression: str) -> str | None:
    """What is wrong with a five-field cron expression, or None."""
    fields = expression.split()
    if len(fields) != 5:
        return f"has {len(fields)} fields, not 5"
    for text, (label, low, high, names) in zip(fields, _CRON_FIELDS, strict=True):
        for item in text.split(","):
            match = _CRON_ITEM.match(item)
            if not match:
                return f"'{item}' is not a valid {label}"
            step = match.group(2)
            if step is not None and (len(step) > 4 or int(step) == 0):  # never int() of thousands of digits
                return f"the step in '{item}' must be from 1 to 9999"
            if match.group(1) == "*":
                continue
            for part in match.group(1).split("-"):
                value = names.get(part.upper()) if not part.isdigit() else (int(part) if len(part) <= 4 else None)
                if value is None or not low <= value <= high:
                    return f"{label} '{part}' is outside {low}-{high}"
    return None


@rule(
    code="JK605",
    name="channel-cannot-deliver",
    family=Family.INTERACTIONS,
    severity=Severity.ERROR,
    summary="The interaction's type cannot be delivered through its channel's mode.",
)
def channel_cannot_deliver(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Push, in-app, inbox, email, SMS and web messages need a device: their channel must be
    digital or hybrid. Direct mail and in-person conversations need a physical or hybrid channel."""
    journey = context.journey
    for interaction in journey.interactions:
        channel = journey.channel_by_id.get(interaction.channel)
        if channel is None or interaction.type is None:
            continue
        needs = (
            "digital"
            if interaction.type in DEVICE_TYPES
            else "physical"
            if interaction.type in PHYSICAL_TYPES
            else None
        )
        if needs is not None and channel.mode not in (needs, "hybrid"):
            yield Violation(
                f"a {interaction.type} message cannot go through '{channel.id}', a {channel.mode} channel",
                interaction.origin,
                ("channel",),
                hint=f"use a {needs} or hybrid channel",
            )


@rule(
    code="JK606",
    name="duplicate-interaction",
    family=Family.INTERACTIONS,
    severity=Severity.WARNING,
    summary="Two interactions share channel, stage and trigger for the same personas.",
)
def duplicate_interaction(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Two messages on the same channel, in the same stage, on the same trigger reach the same
    customer at the same moment: the customer gets spammed, and the two teams that planned
    them do not know about each other. Merge them or separate their triggers."""
    seen: dict[tuple[str, ...], Interaction] = {}
    for interaction in context.journey.interactions:
        key = (interaction.channel, interaction.stage, *_trigger_key(interaction.trigger))
        first = seen.get(key)
        if first is not None and _audiences_overlap(first, interaction):
            yield Violation(
                f"'{interaction.id}' and '{first.id}' both go out on {interaction.channel}, in {interaction.stage}, "
                f"{trigger_text(interaction.trigger)}",
                interaction.origin,
                hint="merge the two messages, or give them different triggers",
            )
        else:
            seen.setdefault(key, interaction)


def _trigger_key(trigger: Trigger) -> tuple[str, ...]:
    return (trigger.type, *(str(getattr(trigger, name)) for name in ALL_TRIGGER_FIELDS))


def _audiences_overlap(a: Interaction, b: Interaction) -> bool:
    if a.personas is None or b.personas is None:
        return True
    return bool(set(a.personas) & set(b.personas))


def _example_for(trigger_type: str) -> str:
    return {
        "day_of_use": "such as `{type: day_of_use, day: 3}`",
        "behavior": "such as `{type: behavior, event: cart_abandoned, within: 2h}`",
        "event": "such as `{type: event, name: Store opening, location: Leeds}`",
        "schedule": "such as `{type: schedule, cron: '0 9 * * 1'}`",
    }[trigger_type]
