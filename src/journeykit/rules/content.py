"""JK5xx: content quality — ownership, pain points and opportunities, evidence, freshness, metrics."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from journeykit.findings import Severity
from journeykit.model import Origin
from journeykit.rules.base import Family, NoOptions, Violation, option, rule
from journeykit.rules.context import RuleContext


@rule(
    code="JK501",
    name="pain-point-without-opportunity",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="No opportunity addresses the pain point.",
)
def pain_point_without_opportunity(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A pain point the map records but nobody plans to relieve is a finding without a follow-up.
    Add an opportunity whose `addresses` lists it, even one that says the team accepts the pain."""
    journey = context.journey
    addressed = {p for e in journey.experiences for o in e.opportunities for p in o.addresses}
    for experience in journey.experiences:
        for pain in experience.pain_points:
            if pain.id not in addressed:
                yield Violation(
                    f"no opportunity addresses pain point '{pain.id}'",
                    pain.origin,
                    hint=f"add an opportunity with `addresses: [{pain.id}]`",
                )


@rule(
    code="JK502",
    name="opportunity-without-owner",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="An opportunity has no owner team.",
)
def opportunity_without_owner(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """An idea nobody owns is not going to happen. Name the team that would make it happen."""
    for experience in context.journey.experiences:
        for opportunity in experience.opportunities:
            if opportunity.owner is None:
                yield Violation(
                    f"opportunity '{opportunity.id}' has no owner",
                    opportunity.origin,
                    hint="add `owner:` with a team id",
                )


@rule(
    code="JK503",
    name="touchpoint-without-owner",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="A touchpoint has no owner team, and the map declares no default owner.",
)
def touchpoint_without_owner(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Someone must answer for each moment of truth. Give the touchpoint an `owner`, or declare the
    map's `defaults.touchpoint_owner` for the touchpoints one team owns."""
    journey = context.journey
    if journey.touchpoint_owner is not None:
        return
    for touchpoint in journey.touchpoints:
        if touchpoint.owner is None:
            yield Violation(
                f"touchpoint '{touchpoint.id}' has no owner",
                touchpoint.origin,
                hint="add `owner:` with a team id, or `defaults: {touchpoint_owner: ...}` to the map",
            )


@dataclass(frozen=True)
class EmotionOptions:
    max_emotion: int = option("max-emotion", -1, "Emotions at or below this need a pain point.", minimum=-2)


@rule(
    code="JK504",
    name="negative-emotion-without-pain-point",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="An experience feels negative but names no pain point.",
    options=EmotionOptions,
)
def negative_emotion_without_pain(context: RuleContext, options: EmotionOptions) -> Iterator[Violation]:
    """When a persona feels bad in a stage, the map should say why. A negative emotion with no
    pain point gives the team nothing to act on."""
    limit = options.max_emotion
    for experience in context.journey.experiences:
        if experience.emotion is not None and experience.emotion <= limit and not experience.pain_points:
            yield Violation(
                f"'{experience.persona}' feels {experience.emotion:+d} in '{experience.stage}' "
                "but no pain point says why",
                experience.origin,
                ("emotion",),
                hint="add `pain_points:` that explain the feeling",
            )


@rule(
    code="JK505",
    name="experience-without-evidence",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="An experience cites no evidence.",
)
def experience_without_evidence(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A journey map is only as good as the research behind it. Cite the survey, interviews,
    analytics or support data that the experience stands on, so that readers can tell findings
    from assumptions."""
    for experience in context.journey.experiences:
        if experience.applicable and not experience.evidence:
            yield Violation(
                f"the experience of '{experience.persona}' in '{experience.stage}' cites no evidence",
                experience.origin,
                hint="add `evidence:` with the ids of the research it stands on",
            )


@dataclass(frozen=True)
class EvidenceAgeOptions:
    max_age_days: int = option("max-age-days", 365, "Evidence older than this many days is stale.", minimum=1)


@rule(
    code="JK506",
    name="stale-evidence",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="An evidence item is older than the configured age.",
    options=EvidenceAgeOptions,
)
def stale_evidence(context: RuleContext, options: EvidenceAgeOptions) -> Iterator[Violation]:
    """Customers change. Research older than a year (by default) may no longer describe them: run
    it again, or raise `max-age-days` for evidence that ages slowly."""
    limit = options.max_age_days
    for item in context.journey.evidence:
        if item.date is not None and (context.today - item.date).days > limit:
            age = (context.today - item.date).days
            # The age is in the hint, never the message: a fingerprint must not change from one day to the next.
            yield Violation(
                f"evidence '{item.id}' is from {item.date.isoformat()}, more than {limit} days ago",
                item.origin,
                ("date",),
                hint=f"it is {age} days old: repeat the research, or cite newer evidence",
            )


@dataclass(frozen=True)
class MapAgeOptions:
    max_age_days: int = option("max-age-days", 180, "Maps not reviewed for this many days are stale.", minimum=1)


@rule(
    code="JK507",
    name="stale-map",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="The map has not been reviewed for longer than the configured age.",
    options=MapAgeOptions,
)
def stale_map(context: RuleContext, options: MapAgeOptions) -> Iterator[Violation]:
    """Maps must be revisited. `updated` says when the map was last reviewed; after 180 days (by
    default) the team should walk through it again and bump the date. A map without `updated`
    does not say, which is reported too."""
    journey = context.journey
    limit = options.max_age_days
    if journey.updated is None:
        yield Violation(
            "the map does not say when it was last reviewed",
            journey.origin,
            ("id",),
            hint=f"add `updated: {context.today.isoformat()}` after reviewing it",
        )
        return
    age = (context.today - journey.updated).days
    if age > limit:
        yield Violation(
            f"the map was last reviewed on {journey.updated.isoformat()}, more than {limit} days ago",
            journey.origin,
            ("updated",),
            hint=f"it was reviewed {age} days ago: review the map with the team and update the date",
        )


@rule(
    code="JK508",
    name="metric-misses-target",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="A touchpoint metric is on the wrong side of its target.",
)
def metric_misses_target(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A metric below its target (or above it, for metrics where `better: lower`, such as waiting
    times) marks a touchpoint that needs attention."""
    for touchpoint in context.journey.touchpoints:
        for metric in touchpoint.metrics:
            if metric.misses_target:
                side = "below" if metric.better == "higher" else "above"
                yield Violation(
                    f"'{metric.name}' of '{touchpoint.id}' is {metric.value:g}, {side} its target {metric.target:g}",
                    metric.origin,
                    ("value",),
                    hint="improve the touchpoint (and update `value` when it is measured again), or revisit the target",
                )


@rule(
    code="JK509",
    name="opportunity-addresses-another-cell",
    family=Family.CONTENT,
    severity=Severity.INFO,
    summary="An opportunity addresses a pain point of another stage or persona.",
)
def opportunity_addresses_another_cell(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Opportunities usually sit beside the pain points they relieve. One that addresses a pain
    point of another stage or persona is fine when intended (a fix upstream), but often a sign
    that it was written in the wrong place."""
    journey = context.journey
    pains = journey.pain_points
    for experience in journey.experiences:
        for opportunity in experience.opportunities:
            for index, pain_id in enumerate(opportunity.addresses):
                found = pains.get(pain_id)
                if found is None:
                    continue
                _, home = found
                if (home.persona, home.stage) != (experience.persona, experience.stage):
                    yield Violation(
                        f"'{opportunity.id}' ({experience.persona} in {experience.stage}) addresses '{pain_id}', "
                        f"a pain point of {home.persona} in {home.stage}",
                        opportunity.origin,
                        ("addresses", index),
                        hint="fine if the fix lives upstream; otherwise move the opportunity beside its pain point",
                    )


@rule(
    code="JK510",
    name="evidence-never-cited",
    family=Family.CONTENT,
    severity=Severity.INFO,
    summary="An evidence item is not cited by any experience.",
)
def evidence_never_cited(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """Research listed under `evidence` but cited nowhere does not support any part of the map.
    Cite it from the experiences it informs, or remove it."""
    journey = context.journey
    cited = {e for experience in journey.experiences for e in experience.evidence}
    for item in journey.evidence:
        if item.id not in cited:
            yield Violation(
                f"no experience cites evidence '{item.id}'",
                item.origin,
                hint="cite it from an experience, or remove it",
            )


@rule(
    code="JK511",
    name="map-without-owner",
    family=Family.CONTENT,
    severity=Severity.INFO,
    summary="The map does not name the team that keeps it up to date.",
)
def map_without_owner(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A map that belongs to everybody is reviewed by nobody. `owner` names the team responsible
    for keeping it true."""
    journey = context.journey
    if journey.owner is None:
        yield Violation("the map has no owner", journey.origin, ("id",), hint="add `owner:` with a team id")


@rule(
    code="JK512",
    name="date-in-the-future",
    family=Family.CONTENT,
    severity=Severity.WARNING,
    summary="`updated` or an evidence date lies in the future.",
)
def date_in_the_future(context: RuleContext, options: NoOptions) -> Iterator[Violation]:
    """A date after today is almost always a typo (2062 for 2026), and it switches off the age
    checks: a map "updated" in the future never goes stale."""
    journey = context.journey
    dated: list[tuple[str, datetime.date | None, Origin]] = [("the map's `updated`", journey.updated, journey.origin)]
    dated += [(f"evidence '{e.id}'", e.date, e.origin) for e in journey.evidence]
    for label, date, origin in dated:
        if date is not None and date > context.today:
            field_name = "updated" if origin is journey.origin else "date"
            yield Violation(
                f"{label} is dated {date.isoformat()}, in the future",
                origin,
                (field_name,),
                hint=f"today is {context.today.isoformat()}: check the year",
            )
