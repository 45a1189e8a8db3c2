"""Ids, references and catalogs (JK2xx), and which catalogs a map sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.present import trigger_text
from tests.helpers import MINIMAL, assert_finding, codes, findings_in, write

CATALOG = """journeykit: 1
kind: catalog
personas:
  - id: deal-hunter
    name: Deal hunter
channels:
  - id: app-store
    name: App store
    mode: digital
teams:
  - id: marketing
    name: Marketing
"""

USES_CATALOG = (
    MINIMAL
    + """owner: marketing
touchpoints:
  - id: listing
    name: Listing
    stage: purchase
    channel: app-store
    personas: [deal-hunter]
"""
)


def test_catalog_in_the_same_directory_resolves_references(project: Path) -> None:
    write(project, {"shared.catalog.yaml": CATALOG, "shop.journey.yaml": USES_CATALOG})
    assert findings_in(["."]) == []


def test_catalog_in_a_parent_directory_up_to_the_project_root(project: Path) -> None:
    write(project, {"shared.catalog.yaml": CATALOG, "maps/retail/shop.journey.yaml": USES_CATALOG})
    assert findings_in(["maps/retail/shop.journey.yaml"]) == []


def test_catalog_above_the_project_root_is_not_seen(project: Path) -> None:
    write(
        project,
        {"outer.catalog.yaml": CATALOG, "inner/.git/HEAD": "", "inner/shop.journey.yaml": USES_CATALOG},
    )
    found = findings_in(["inner"])
    assert sorted(f.message for f in found) == [
        "owner: unknown team 'marketing'",
        "touchpoints[0].channel: unknown channel 'app-store'",
        "touchpoints[0].personas[0]: unknown persona 'deal-hunter'",
    ]


def test_catalog_in_a_sibling_directory_is_not_seen(project: Path) -> None:
    write(project, {"a/shared.catalog.yaml": CATALOG, "b/shop.journey.yaml": USES_CATALOG})
    found = findings_in(["b"])
    assert_finding(found, "JK201", line=8, column=8, contains="unknown team 'marketing'")


def test_map_sees_the_project_root_named_by_a_configuration_file(project: Path) -> None:
    write(
        project,
        {"sub/journeykit.toml": "", "shared.catalog.yaml": CATALOG, "sub/shop.journey.yaml": USES_CATALOG},
    )
    assert "JK201" in codes(findings_in(["sub"]))


def test_unknown_reference_suggests_the_closest_id(project: Path) -> None:
    write(
        project,
        {
            "shared.catalog.yaml": CATALOG,
            "shop.journey.yaml": USES_CATALOG.replace("[deal-hunter]", "[deal-hunt]"),
        },
    )
    found = assert_finding(findings_in(["."]), "JK201", line=14, column=16)
    assert found.message == "touchpoints[0].personas[0]: unknown persona 'deal-hunt'"
    assert found.hint == "did you mean `deal-hunter`?"


def test_unknown_reference_without_a_close_id_lists_the_defined_ones(project: Path) -> None:
    write(
        project,
        {
            "shop.journey.yaml": MINIMAL
            + "  - id: delivery\n    name: Delivery\ntouchpoints:\n  - id: t\n    name: T\n    stage: zzz\n"
        },
    )
    found = assert_finding(findings_in(["."]), "JK201", line=13, column=12)
    assert found.hint == "defined: delivery, purchase"


def test_every_kind_of_reference_is_checked(project: Path) -> None:
    text = (
        MINIMAL
        + """personas:
  - id: shopper
    name: Shopper
experiences:
  - persona: shopper
    stage: purchase
    touchpoints: [nope-touchpoint]
    evidence: [nope-evidence]
    opportunities:
      - id: idea
        text: An idea
        addresses: [nope-pain]
        owner: nope-team
interactions:
  - id: hello
    name: Hello
    channel: nope-channel
    stage: nope-stage
    personas: [nope-persona]
    trigger: {type: day_of_use, day: 1}
"""
    )
    write(project, {"shop.journey.yaml": text})
    kinds = sorted(f.message.split("unknown ")[1].split(" '")[0] for f in findings_in(["."]))
    assert kinds == ["channel", "evidence item", "pain point", "persona", "stage", "team", "touchpoint"]


def test_map_redefining_a_catalog_id_is_ambiguous(project: Path) -> None:
    write(
        project,
        {
            "shared.catalog.yaml": CATALOG,
            "shop.journey.yaml": MINIMAL + "teams:\n  - id: marketing\n    name: M\n",
        },
    )
    found = assert_finding(findings_in(["."]), "JK203", line=9, column=9)
    assert found.message == "teams[0].id: team 'marketing' is also defined in a catalog"
    assert "shared.catalog.yaml:11" in (found.hint or "")


def test_two_visible_catalogs_defining_one_id_are_ambiguous_once(project: Path) -> None:
    write(
        project,
        {
            "shared.catalog.yaml": CATALOG,
            "retail/retail.catalog.yaml": CATALOG.split("channels:")[0],
            "retail/a.journey.yaml": MINIMAL.replace("checkout", "a"),
            "retail/b.journey.yaml": MINIMAL.replace("checkout", "b"),
        },
    )
    found = findings_in(["retail"])
    assert codes(found) == ["JK203"]
    assert found[0].location.file in ("shared.catalog.yaml", "retail/retail.catalog.yaml")


def test_duplicate_in_a_catalog_is_reported_once_in_the_catalog(project: Path) -> None:
    doubled = CATALOG + "  - id: marketing\n    name: Marketing again\n"
    write(
        project,
        {
            "shared.catalog.yaml": doubled,
            "a.journey.yaml": MINIMAL,
            "b.journey.yaml": MINIMAL.replace("checkout", "b"),
        },
    )
    found = findings_in(["."])
    assert codes(found) == ["JK202"]
    assert_finding(found, "JK202", line=13, column=9, file="shared.catalog.yaml")


def test_catalog_with_errors_does_not_cause_unknown_references(project: Path) -> None:
    broken = CATALOG.replace("mode: digital", "mode: telepathy")
    write(project, {"shared.catalog.yaml": broken, "shop.journey.yaml": USES_CATALOG})
    found = findings_in(["shop.journey.yaml"])
    assert codes(found) == ["JK105"]
    assert found[0].location.file == "shared.catalog.yaml"


def test_map_personas_follow_the_list_then_referenced_catalog_personas(project: Path) -> None:
    catalog = CATALOG.replace(
        "personas:\n", "personas:\n  - id: listed\n    name: Listed\n  - id: unused\n    name: Unused\n"
    )
    text = USES_CATALOG + "personas:\n  - listed\n  - id: own\n    name: Own\n"
    write(project, {"shared.catalog.yaml": catalog, "shop.journey.yaml": text})
    analysis = analyze(["shop.journey.yaml"], Settings())
    assert analysis.result.findings == ()
    (journey,) = analysis.journeys
    assert [(p.id, p.from_catalog) for p in journey.personas] == [
        ("listed", True),
        ("own", False),
        ("deal-hunter", True),
    ]
    assert journey.persona_by_id["deal-hunter"].origin.file == "shared.catalog.yaml"


def test_each_file_is_read_once_even_when_many_maps_see_it(project: Path) -> None:
    write(
        project,
        {
            "shared.catalog.yaml": CATALOG,
            **{f"m{i}.journey.yaml": USES_CATALOG.replace("checkout", f"m{i}") for i in range(5)},
        },
    )
    analysis = analyze(["."], Settings())
    assert analysis.result.files_checked == 6
    catalogs = {id(j.catalogs[0]) for j in analysis.journeys}
    assert len(catalogs) == 1


def test_without_git_or_configuration_catalogs_are_seen_up_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"shared.catalog.yaml": CATALOG, "maps/retail/shop.journey.yaml": USES_CATALOG})
    monkeypatch.chdir(tmp_path)
    assert findings_in(["maps"]) == []
    monkeypatch.chdir(tmp_path / "maps")
    assert codes(findings_in(["retail"])) == ["JK201", "JK201", "JK201"]


def test_whole_numbers_written_as_floats_are_integers_in_the_model(project: Path) -> None:
    text = (
        MINIMAL
        + """personas:
  - id: shopper
    name: Shopper
experiences:
  - persona: shopper
    stage: purchase
    emotion: -2.0
interactions:
  - id: hello
    name: Hello
    channel: app
    stage: purchase
    trigger: {type: day_of_use, day: 3.0}
channels:
  - id: app
    name: App
    mode: digital
"""
    )
    write(project, {"shop.journey.yaml": text})
    (journey,) = analyze(["."], Settings()).journeys
    assert journey.experiences[0].emotion == -2 and type(journey.experiences[0].emotion) is int
    assert trigger_text(journey.interactions[0].trigger) == "day 3 after install or sign-up"


def test_an_id_from_a_catalog_the_map_cannot_see_says_where_it_is(project: Path) -> None:
    # The catalog sits in a sibling folder: the run reads it, but the map does not see it.
    text = MINIMAL + "touchpoints:\n  - id: pay\n    name: Pay\n    stage: purchase\n    owner: web\n"
    write(project, {"shared/teams.catalog.yaml": CATALOG_TEAMS, "maps/shop.journey.yaml": text})
    findings = analyze(["."], Settings()).result.findings
    (unknown,) = [f for f in findings if f.code == "JK201"]
    assert "'web' is defined in shared/teams.catalog.yaml, which this map does not see" in (unknown.hint or "")


CATALOG_TEAMS = "journeykit: 1\nkind: catalog\nteams:\n  - id: web\n    name: Web team\n"


def test_an_event_listed_by_two_touchpoints_names_both_places(project: Path) -> None:
    text = (
        MINIMAL
        + "touchpoints:\n"
        + "  - id: cart\n    name: Cart\n    stage: purchase\n    events: [cart_view, basket_open]\n"
        + "  - id: basket\n    name: Basket\n    stage: purchase\n    events: [basket_open]\n"
    )
    write(project, {"shop.journey.yaml": text})
    found = findings_in(["shop.journey.yaml"])
    finding = assert_finding(found, "JK206", line=16, column=14, contains="also listed by touchpoint 'cart'")
    assert finding.hint is not None and "shop.journey.yaml:12" in finding.hint


def test_the_same_touchpoint_listing_an_event_twice_is_no_reference_error(project: Path) -> None:
    text = (
        MINIMAL
        + "touchpoints:\n  - id: cart\n    name: Cart\n    stage: purchase\n    events: [cart_view, cart_view]\n"
    )
    write(project, {"shop.journey.yaml": text})
    assert "JK206" not in codes(findings_in(["shop.journey.yaml"]))


def test_the_first_stage_cannot_be_optional(project: Path) -> None:
    text = MINIMAL.replace("    name: Purchase\n", "    name: Purchase\n    optional: true\n")
    write(project, {"shop.journey.yaml": text})
    assert_finding(findings_in(["shop.journey.yaml"]), "JK208", line=8, column=5, contains="cannot be optional")


def test_later_stages_may_be_optional_with_a_conversion_target(project: Path) -> None:
    text = MINIMAL + "  - id: review\n    name: Review\n    optional: true\n    conversion_target: 0.4\n"
    write(project, {"shop.journey.yaml": text})
    assert findings_in(["shop.journey.yaml"]) == []
    journey = analyze(["shop.journey.yaml"], Settings()).journeys[0]
    assert [(s.optional, s.conversion_target) for s in journey.stages] == [(False, None), (True, 0.4)]


def test_conversion_target_is_a_ratio(project: Path) -> None:
    text = MINIMAL.replace("    name: Purchase\n", "    name: Purchase\n    conversion_target: 60\n")
    write(project, {"shop.journey.yaml": text})
    assert "JK106" in codes(findings_in(["shop.journey.yaml"]))
