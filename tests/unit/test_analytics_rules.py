"""The JK7xx rules on figures written by hand: they read plain figures (journeykit.figures), never an engine.

Each test gives a rule the figures a log would give, to pin what is judged and what is left alone (too few
actors, noise, optional stages, drawn loops, no log at all); docs/rules.md's examples run the real log.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from pathlib import Path

from journeykit.coverage import compute_matrix
from journeykit.figures import ALL, UNASSIGNED, Backtrack, GroupFigures, MapAnalytics, StageFigures, UnmappedEvent
from journeykit.model import Journey
from journeykit.rules import analytics as rules
from journeykit.rules.base import Violation
from journeykit.rules.context import RuleContext
from tests.helpers import journey_of

MAP = """\
journeykit: 1
kind: journey
id: shop
title: Shop
personas:
  - {id: hunter, name: Hunter}
stages:
  - {id: discovery, name: Discovery}
  - {id: research, name: Research, optional: true}
  - {id: purchase, name: Purchase, conversion_target: 0.5}
touchpoints:
  - {id: ad, name: Ad, stage: discovery, events: [ad_view], next: [compare]}
  - {id: compare, name: Compare, stage: research, events: [compare_view], next: [checkout]}
  - {id: checkout, name: Checkout, stage: purchase, events: [order_placed]}
experiences:
  - {persona: hunter, stage: research, emotion: 2}
  - {persona: hunter, stage: purchase, emotion: 1}
"""
TODAY = datetime.date(2026, 11, 22)


def group(name: str, entered: int, reached: Sequence[int], backtracks: Sequence[Backtrack] = ()) -> GroupFigures:
    """A group's figures from the actors who reached discovery, research (optional) and purchase."""
    discovery, research, purchase = reached
    stages = (
        StageFigures("discovery", False, discovery, 1.0 if discovery else None, None, None, None),
        StageFigures("research", True, research, research / discovery, research / discovery, 0, None, discovery),
        StageFigures("purchase", False, purchase, purchase / discovery, purchase / discovery, None, None, discovery),
    )
    return GroupFigures(
        name, entered, 0, stages, {"ad": entered, "compare": 0, "checkout": purchase}, tuple(backtracks)
    )


def figures(hunter: GroupFigures, everyone: GroupFigures | None = None, **fields: object) -> MapAnalytics:
    """The map's figures: the hunters (everyone, unless given) and the log's event rows."""
    everyone = everyone or GroupFigures(ALL, hunter.entered, 0, hunter.stages, hunter.touchpoints, hunter.backtracks)
    unassigned = GroupFigures(UNASSIGNED, 0, 0, everyone.stages, {}, ())
    values: dict[str, object] = {
        "map_id": "shop",
        "file": "shop.journey.yaml",
        "entered_later": {},
        "never_seen": (),
        "unmapped": (),
        "groups": {"hunter": hunter, UNASSIGNED: unassigned, ALL: everyone},
        "seen": {"ad_view": 100, "compare_view": 40, "order_placed": 30},
        "window_seconds": 30 * 86400,
    }
    values.update(fields)
    return MapAnalytics(**values)  # type: ignore[arg-type]


def check(journey: Journey, rule: object, options: object, measured: MapAnalytics | None) -> list[Violation]:
    """What the rule's check yields on the map with these figures."""
    context = RuleContext(journey, compute_matrix(journey), TODAY, figures=measured)
    found: Iterator[Violation] = rule(context, options)  # type: ignore[operator]
    return list(found)


def test_without_figures_every_analytics_rule_is_off(project: Path) -> None:
    journey = journey_of(MAP, project)
    for check_function, options in (
        (rules.event_never_seen, rules.NoOptions()),
        (rules.touchpoint_never_met, rules.NeverMetOptions()),
        (rules.frequent_event_unlisted, rules.FrequentOptions()),
        (rules.conversion_below_target, rules.TargetOptions()),
        (rules.positive_emotion_high_drop, rules.FeelingOptions()),
        (rules.backtrack_not_on_map, rules.BacktrackOptions()),
    ):
        assert check(journey, check_function, options, None) == []


def test_too_few_actors_are_not_judged(project: Path) -> None:
    journey = journey_of(MAP, project)
    few, enough = group("hunter", 9, (9, 0, 2)), group("hunter", 10, (10, 0, 2))
    target = rules.TargetOptions()
    assert check(journey, rules.conversion_below_target, target, figures(few)) == []
    [below] = check(journey, rules.conversion_below_target, target, figures(enough))
    assert (
        below.message == "'purchase' converts 20.0% of the step from 'discovery' (2 of 10), below its target of 50.0%"
    )
    assert below.at == ("conversion_target",) and below.hint == "by persona: hunter 20.0%"
    assert check(journey, rules.touchpoint_never_met, rules.NeverMetOptions(), figures(few)) == []
    [never] = check(journey, rules.touchpoint_never_met, rules.NeverMetOptions(min_actors=5), figures(few))
    assert never.message == "no mature entrant of 'hunter' met touchpoint 'compare' (0 of 9 within 30 days of entry)"


def test_positive_emotions_at_optional_stages_are_left_alone(project: Path) -> None:
    # research (optional) feels +2 and only 10% get there; purchase feels +1 and 20% do: only purchase is said.
    journey = journey_of(MAP, project)
    [feeling] = check(
        journey, rules.positive_emotion_high_drop, rules.FeelingOptions(), figures(group("hunter", 50, (50, 5, 10)))
    )
    assert feeling.message == (
        "the map says 'hunter' feels +1 (positive) in 'purchase', yet 80% drop out before it "
        "(10 of 50 who reached 'discovery' get there)"
    )
    assert (
        check(
            journey,
            rules.positive_emotion_high_drop,
            rules.FeelingOptions(min_step=0.2),
            figures(group("hunter", 50, (50, 5, 10))),
        )
        == []
    )


def test_backtracks_above_the_share_unless_the_map_draws_them(project: Path) -> None:
    journey = journey_of(MAP, project)
    back = [Backtrack("purchase", "research", 30, 12), Backtrack("research", "discovery", 5, 5)]
    [found] = check(
        journey,
        rules.backtrack_not_on_map,
        rules.BacktrackOptions(),
        figures(group("hunter", 100, (100, 40, 30), back)),
    )
    assert found.message.startswith("12% of customers (12 of 100) step back from 'purchase' to 'research'")
    drawn = journey_of(MAP.replace("events: [order_placed]}", "events: [order_placed], loops_to: [compare]}"), project)
    assert (
        check(
            drawn,
            rules.backtrack_not_on_map,
            rules.BacktrackOptions(),
            figures(group("hunter", 100, (100, 40, 30), back)),
        )
        == []
    )


def test_frequent_unlisted_events_skip_the_listed_and_the_ignored(project: Path) -> None:
    journey = journey_of(MAP, project)
    measured = figures(
        group("hunter", 10, (10, 4, 3)),
        unmapped=(UnmappedEvent("screen_view", 500), UnmappedEvent("wishlist_add", 60), UnmappedEvent("rare", 1)),
    )
    found = check(journey, rules.frequent_event_unlisted, rules.FrequentOptions(top=3), measured)
    # By rows: screen_view 500, ad_view 100 (listed), wishlist_add 60; rare is not among the top three.
    assert [v.message.split(" is ")[0] for v in found] == ["'screen_view'", "'wishlist_add'"]
    ignored = check(
        journey, rules.frequent_event_unlisted, rules.FrequentOptions(ignore_events=" screen_view ,x"), measured
    )
    assert [v.message.split(" is ")[0] for v in ignored] == ["'wishlist_add'"]


def test_an_event_never_seen_suggests_the_logs_closest_name(project: Path) -> None:
    journey = journey_of(MAP.replace("events: [order_placed]", "events: [order_placd]"), project)
    measured = figures(group("hunter", 10, (10, 4, 3)), never_seen=("order_placd",))
    [never] = check(journey, rules.event_never_seen, rules.NoOptions(), measured)
    assert never.at == ("events", 0) and never.hint == "did you mean `order_placed`?"
