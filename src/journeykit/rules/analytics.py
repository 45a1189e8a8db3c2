"""JK7xx: the map against what an event log measured (`journeykit lint --events`).

Every rule here reads `RuleContext.figures`, the map's figures (journeykit.figures) that the lint command
computed once for every map, before the rules, with the engine of `journeykit analytics`. Without an event
log there are no figures and these rules say nothing. The definitions (entrants, maturity, reach, step
conversion, backtracks) are those of docs/analytics.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from journeykit.figures import GroupFigures, MapAnalytics
from journeykit.findings import Severity
from journeykit.present import did_you_mean, emotion_text, ordinal, percent, window_words
from journeykit.rules.base import Family, NoOptions, Violation, option, rule
from journeykit.rules.context import RuleContext

MIN_ACTORS = 10
"""Below this many actors a measured share is noise, not a finding."""


def _min_actors(description: str) -> Any:
    return option("min-actors", MIN_ACTORS, f"{description} (too few to be a measurement).", minimum=1)


def _rows(count: int) -> str:
    return f"{count:,} row{'' if count == 1 else 's'}"


def _group(figures: MapAnalytics, persona: str) -> GroupFigures | None:
    return figures.groups.get(persona)


@rule(
    code="JK701",
    name="event-never-seen",
    family=Family.ANALYTICS,
    severity=Severity.WARNING,
    summary="A touchpoint lists an event name that the event log never has.",
)
def event_never_seen(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A touchpoint's `events` say which analytics events mean "the customer met this touchpoint". An event name that
    occurs nowhere in the log (up to its as-of moment) is either not sent yet (the instrumentation is missing) or
    spelt differently from what the app sends: either way the touchpoint's figures are zero for the wrong reason.
    The finding points at the event name and, when the log has a close one, suggests it. Without an event log
    (`--events`) the rule is off."""
    figures = context.figures
    if figures is None:
        return
    never = set(figures.never_seen)
    for touchpoint in context.journey.touchpoints:
        for index, event in enumerate(touchpoint.events):
            if event not in never:
                continue
            close = did_you_mean(event, context.log_events)
            yield Violation(
                f"touchpoint '{touchpoint.id}' lists the event '{event}', which the event log never has",
                touchpoint.origin,
                ("events", index),
                hint=close or "check that the app sends it (instrumentation) and under which name",
            )


@dataclass(frozen=True)
class NeverMetOptions:
    min_actors: int = _min_actors("Personas with fewer mature entrants are not judged")


@rule(
    code="JK702",
    name="touchpoint-never-met",
    family=Family.ANALYTICS,
    severity=Severity.WARNING,
    summary="No mature entrant of a persona the touchpoint serves ever met it.",
    options=NeverMetOptions,
)
def touchpoint_never_met(context: RuleContext, options: NeverMetOptions) -> Iterator[Violation]:
    """The map says a persona meets this touchpoint (its `personas`, or every persona when it has none), yet none of
    that persona's mature entrants had one of its events within their window. Either the persona does not meet it
    (take the persona out of `personas`), or something stops them (a broken link, a screen they never reach).
    Personas with fewer than `min-actors` mature entrants are not judged; a touchpoint whose events the log never
    has at all is JK701's, not this rule's. Without an event log (`--events`) the rule is off."""
    figures = context.figures
    if figures is None:
        return
    journey = context.journey
    never = set(figures.never_seen)
    window = window_words(figures.window_seconds)
    for touchpoint in journey.touchpoints:
        if not touchpoint.events or all(event in never for event in touchpoint.events):
            continue
        served = touchpoint.personas if touchpoint.personas is not None else tuple(p.id for p in journey.personas)
        for persona in served:
            group = _group(figures, persona)
            if group is None or group.entered < options.min_actors or group.touchpoints.get(touchpoint.id, 0):
                continue
            listed = touchpoint.personas is not None
            yield Violation(
                f"no mature entrant of '{persona}' met touchpoint '{touchpoint.id}' "
                f"(0 of {group.entered:,} within {window} of entry)",
                touchpoint.origin,
                ("personas", touchpoint.personas.index(persona)) if touchpoint.personas is not None else ("events",),
                key=not listed,
                hint=f"if '{persona}' does not meet it, take the persona out of `personas`; otherwise find what "
                "keeps them from it",
            )


@dataclass(frozen=True)
class FrequentOptions:
    top: int = option("top", 5, "How many of the log's most frequent events are checked.", minimum=1)
    ignore_events: str = option(
        "ignore-events",
        "",
        "Event names that are not touchpoints (noise such as app_open), comma-separated.",
        pattern=r"[^\s,]*(\s*,\s*[^\s,]+)*",
    )


@rule(
    code="JK703",
    name="frequent-event-unlisted",
    family=Family.ANALYTICS,
    severity=Severity.INFO,
    summary="One of the log's most frequent events is listed by no touchpoint: the map may miss a touchpoint.",
    options=FrequentOptions,
)
def frequent_event_unlisted(context: RuleContext, options: FrequentOptions) -> Iterator[Violation]:
    """What customers do most often is usually a touchpoint. An event among the log's `top` most frequent (by rows, up
    to the log's as-of moment) that no touchpoint of the map lists may be a touchpoint the map does not have, or a
    noise event the map is right to leave out: list those in `ignore-events`. The finding is reported at the map's
    `touchpoints`. Without an event log (`--events`) the rule is off."""
    figures = context.figures
    if figures is None:
        return
    ignored = {name.strip() for name in options.ignore_events.split(",") if name.strip()}
    unlisted = {u.event for u in figures.unmapped}
    total = sum(context.log_events.values())
    for rank, (event, rows) in enumerate(list(context.log_events.items())[: options.top], start=1):
        if event not in unlisted or event in ignored:
            continue
        place = "most frequent" if rank == 1 else f"{ordinal(rank)} most frequent"
        yield Violation(
            f"'{event}' is the log's {place} event ({_rows(rows)}, {percent(rows / total)}), and no touchpoint "
            "lists it",
            context.journey.origin,
            ("touchpoints",),
            key=True,
            hint=f"add a touchpoint with `events: [{event}]` if customers meet the journey there; if it is noise, "
            "list it in `ignore-events` under [rules.JK703]",
        )


@dataclass(frozen=True)
class TargetOptions:
    min_actors: int = _min_actors("Steps counted from fewer actors are not judged")


@rule(
    code="JK704",
    name="conversion-below-target",
    family=Family.ANALYTICS,
    severity=Severity.WARNING,
    summary="A stage's measured step conversion is below its conversion_target.",
    options=TargetOptions,
)
def conversion_below_target(context: RuleContext, options: TargetOptions) -> Iterator[Violation]:
    """A stage's `conversion_target` is the step conversion the team aims for: of the customers who reached the nearest
    earlier stage that is not optional, the share who reach this one within their window. The rule compares it with
    the measured step of everyone (the `all` group) and reports the stage at its target; the hint gives each
    persona's step, so the team sees whose journey falls short. Steps counted from fewer than `min-actors` actors
    are not judged. Without an event log (`--events`) the rule is off."""
    figures = context.figures
    if figures is None:
        return
    journey = context.journey
    for stage in journey.stages:
        target = stage.conversion_target
        base = journey.step_base(stage)
        if target is None or base is None:
            continue
        measured = figures.everyone.stage(stage.id)
        if measured.step is None or (measured.step_base or 0) < options.min_actors or measured.step >= target:
            continue
        personas = [
            f"{g.group} {percent(g.stage(stage.id).step, 1)}"
            for g in figures.persona_groups()
            if g.stage(stage.id).step is not None
        ]
        yield Violation(
            f"'{stage.id}' converts {percent(measured.step, 1)} of the step from '{base.id}' "
            f"({measured.reached:,} of {measured.step_base:,}), below its target of {percent(target, 1)}",
            stage.origin,
            ("conversion_target",),
            hint=("by persona: " + ", ".join(personas)) if personas else "the log has no persona column",
        )


@dataclass(frozen=True)
class FeelingOptions:
    min_step: float = option(
        "min-step",
        0.5,
        "The lowest step conversion into the stage (a ratio) that a positive emotion can stand beside.",
        minimum=0,
        maximum=1,
    )
    min_actors: int = _min_actors("Steps counted from fewer of the persona's actors are not judged")


@rule(
    code="JK705",
    name="positive-emotion-high-drop",
    family=Family.ANALYTICS,
    severity=Severity.WARNING,
    summary="An experience feels positive, yet most of that persona drop out before the stage.",
    options=FeelingOptions,
)
def positive_emotion_high_drop(context: RuleContext, options: FeelingOptions) -> Iterator[Violation]:
    """An emotion of +1 or +2 says the stage feels good. When that persona's measured step conversion into the stage is
    below `min-step` (by default, more than half drop out on the way), the map and the customers disagree: the
    experience may be right for those who get there and silent on why the others do not, or it may be wishful.
    Optional stages are left out (customers skip them by design), and so is the first stage (it has no step). The
    finding points at the emotion. Without an event log (`--events`) the rule is off."""
    figures = context.figures
    if figures is None:
        return
    journey = context.journey
    for experience in journey.experiences:
        stage = journey.stage_by_id.get(experience.stage)
        emotion = experience.emotion
        if not experience.applicable or emotion is None or emotion < 1 or stage is None or stage.optional:
            continue
        base, group = journey.step_base(stage), _group(figures, experience.persona)
        if base is None or group is None:
            continue
        measured = group.stage(stage.id)
        if measured.step is None or (measured.step_base or 0) < options.min_actors or measured.step >= options.min_step:
            continue
        yield Violation(
            f"the map says '{experience.persona}' feels {emotion_text(emotion)} in '{stage.id}', yet "
            f"{percent(1 - measured.step)} drop out before it ({measured.reached:,} of {measured.step_base:,} "
            f"who reached '{base.id}' get there)",
            experience.origin,
            ("emotion",),
            hint="check the experience against research, and add the pain points that explain the drop",
        )


@dataclass(frozen=True)
class BacktrackOptions:
    min_share: float = option(
        "min-share",
        0.1,
        "The share of mature entrants (a ratio) above which a step back counts as part of the journey.",
        minimum=0,
        maximum=1,
    )
    min_actors: int = _min_actors("With fewer mature entrants, no backtrack is judged")


@rule(
    code="JK706",
    name="backtrack-not-on-map",
    family=Family.ANALYTICS,
    severity=Severity.INFO,
    summary="Many customers step back between two stages that no next or loops_to joins.",
    options=BacktrackOptions,
)
def backtrack_not_on_map(context: RuleContext, options: BacktrackOptions) -> Iterator[Violation]:
    """Customers going back (from the transaction to research, to compare once more) is a journey the map should show
    when more than `min-share` of the mature entrants do it: a `next` or `loops_to` from a touchpoint of the later
    stage to one of the earlier stage draws it (and JK301 accepts a deliberate `loops_to`). The finding points at
    the stage they step back from; fewer than `min-actors` mature entrants are not judged. Without an event log
    (`--events`) the rule is off."""
    figures = context.figures
    if figures is None:
        return
    journey, everyone = context.journey, figures.everyone
    if everyone.entered < options.min_actors:
        return
    for backtrack in everyone.backtracks:
        share = backtrack.actors / everyone.entered
        if share <= options.min_share or (backtrack.from_stage, backtrack.to_stage) in journey.joined_stages:
            continue
        yield Violation(
            f"{percent(share)} of customers ({backtrack.actors:,} of {everyone.entered:,}) step back from "
            f"'{backtrack.from_stage}' to '{backtrack.to_stage}', and no `next` or `loops_to` of the map leads "
            "from one to the other",
            journey.stage_by_id[backtrack.from_stage].origin,
            hint=f"if going back is part of the journey, add `loops_to` from a '{backtrack.from_stage}' touchpoint "
            f"to a '{backtrack.to_stage}' touchpoint; if it is a problem, record it as a pain point",
        )
