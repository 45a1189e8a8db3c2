"""The schema itself, and schema errors as findings a map author understands."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from journeykit.loader import load_text
from journeykit.schema import check, schema_document, slugify
from tests.helpers import MINIMAL, assert_finding

STAGES = """journeykit: 1
kind: journey
id: checkout
title: Checkout
stages:
  - id: discovery
    name: Discovery
  - id: purchase
    name: Purchase
  - id: Research
    name: Research
"""


def findings(text: str) -> list[Any]:
    loaded = load_text(text, "m.journey.yaml")
    assert loaded.ok, loaded.findings
    return sorted(check(loaded.source), key=lambda f: f.sort_key())


def test_schema_is_valid_draft_2020_12_with_an_id() -> None:
    document = schema_document()
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["$id"].startswith("https://")


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every property schema, skipping `if` conditions (tests on values, not fields an editor offers)."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, sub in node.items():
            if key not in ("properties", "if"):
                yield from _properties(sub, f"{path}/{key}")
        for name, sub in node.get("properties", {}).items():
            yield from _properties(sub, f"{path}.{name}")
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, path)


def test_every_property_has_a_title_and_description_for_editors() -> None:
    missing = [
        path
        for path, sub in _properties(schema_document())
        if isinstance(sub, dict) and not (sub.get("title") and sub.get("description"))
    ]
    assert missing == []


def test_invalid_id_message_names_the_path_and_a_suggestion() -> None:
    found = assert_finding(findings(STAGES), "JK104", line=10, column=9)
    assert found.message == "stages[2].id: 'Research' is not a valid id: use lower-case kebab-case such as 'research'"


def test_every_error_is_reported_not_just_the_first() -> None:
    text = MINIMAL.replace("title: Checkout", "title: 5") + "  - id: Bad Id\n    nmae: x\ntags: yes\n"
    got = findings(text)
    assert sorted(f.code for f in got) == ["JK101", "JK101", "JK102", "JK103", "JK104"]


def test_yaml_boolean_gets_a_quoting_hint() -> None:
    found = assert_finding(findings(MINIMAL.replace("title: Checkout", "title: off")), "JK101", line=4, column=8)
    assert found.hint == "YAML reads `off` as false: quote it, 'off', to keep it as text"


def test_sexagesimal_number_gets_a_quoting_hint() -> None:
    text = MINIMAL + "    description: 12:30\n"
    found = assert_finding(findings(text), "JK101", line=8, column=18)
    assert "YAML reads `12:30` as a number" in (found.hint or "")


def test_unknown_field_suggests_the_closest_field() -> None:
    found = assert_finding(findings(MINIMAL + "touchpionts: []\n"), "JK103", line=8, column=1)
    assert found.hint == "did you mean `touchpoints`?"


def test_unknown_field_without_a_close_match_lists_the_allowed_ones() -> None:
    found = assert_finding(findings(MINIMAL + "  - id: x\n    name: X\n    colour: red\n"), "JK103", line=10, column=5)
    assert found.hint == (
        "allowed here: id, name, description, typical_duration, optional, conversion_target; "
        "or prefix your own keys with `x-`"
    )


def test_extension_keys_are_allowed_everywhere() -> None:
    assert (
        findings(MINIMAL.replace("    name: Purchase", "    name: Purchase\n    x-anything: {a: [1]}") + "x-top: 1\n")
        == []
    )


def test_enum_suggests_the_closest_value() -> None:
    text = MINIMAL + "channels:\n  - id: web\n    name: Web\n    mode: digitl\n"
    found = assert_finding(findings(text), "JK105", line=11, column=11)
    assert found.hint == "did you mean `digital`?"


def test_unknown_kind_is_one_clear_error() -> None:
    got = findings(MINIMAL.replace("kind: journey", "kind: jouney"))
    assert [(f.code, f.message, f.hint) for f in got] == [
        ("JK105", "kind: 'jouney' is not one of: journey, catalog", "did you mean `journey`?")
    ]


def test_missing_kind_is_one_missing_field() -> None:
    got = findings(MINIMAL.replace("kind: journey\n", ""))
    assert [(f.code, f.message) for f in got] == [("JK102", "(top level): missing required field `kind`")]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>",
        "file:///etc/passwd",
        "java\tscript:x",
        " https://x",
        "//evil.example.com/x",
        "\\\\evil.example.com/x",
        "/\\evil.example.com/x",
    ],
)
def test_only_safe_links_pass(link: str) -> None:
    text = MINIMAL + f"evidence:\n  - id: s\n    type: survey\n    link: {link!r}\n".replace("'", '"')
    assert [f.code for f in findings(text)] == ["JK108"]


@pytest.mark.parametrize(
    "link",
    ["https://example.com/a?b=c#d", "http://x.org", "mailto:cx@example.com", "research/notes.md", "../r.pdf"],
)
def test_safe_links_pass(link: str) -> None:
    assert findings(MINIMAL + f"evidence:\n  - id: s\n    type: survey\n    link: {link}\n") == []


def test_catalog_with_map_fields_is_refused() -> None:
    text = "journeykit: 1\nkind: catalog\nstages: []\n"
    assert [f.code for f in findings(text)] == ["JK103"]


def test_persona_list_accepts_catalog_ids_and_definitions() -> None:
    assert findings(MINIMAL + "personas:\n  - shopper\n  - id: browser\n    name: Browser\n") == []
    got = findings(MINIMAL + "personas:\n  - 5\n")
    assert [f.code for f in got] == ["JK101"]


def test_fingerprint_subject_names_items_by_id() -> None:
    found = assert_finding(findings(MINIMAL + "  - id: pay\n    name: 5\n"), "JK101", line=9, column=11)
    assert found.subject == "stages[pay].name"


def test_slugify() -> None:
    assert slugify("Café au lait -- Stage 2") == "cafe-au-lait-stage-2"
    assert slugify("!!!") == ""


def test_a_malformed_date_is_one_finding() -> None:
    got = findings(MINIMAL + "updated: 15/10/2026\n")
    assert [(f.code, f.location.line) for f in got] == [("JK107", 8)]


def test_map_fields_in_a_catalog_say_where_they_belong() -> None:
    (found,) = findings("journeykit: 1\nkind: catalog\nid: shared\n")
    assert found.hint == "a catalog holds personas, channels and teams; `id` belongs in a map (`kind: journey`)"


def test_an_empty_list_item_is_named_as_such() -> None:
    (found,) = findings(MINIMAL + "tags:\n  -\n")
    assert found.hint == "the list item is empty: write a value after the `-`, or remove the line"


def test_two_missing_fields_of_one_node_are_two_findings() -> None:
    got = findings(MINIMAL + "personas:\n  - description: Nameless\n")
    assert sorted(f.message for f in got) == [
        "personas[0]: missing required field `id`",
        "personas[0]: missing required field `name`",
    ]


def test_field_refused_by_applicable_false_is_named_even_when_values_coincide() -> None:
    text = MINIMAL + (
        "personas:\n  - id: shopper\n    name: Shopper\nexperiences:\n  - persona: shopper\n    stage: purchase\n"
        "    x-score: 1\n    applicable: false\n    reason: Out of scope\n    emotion: 1\n"
    )
    (found,) = findings(text)
    assert found.message == "experiences[0].emotion: `emotion` has no place in an experience marked `applicable: false`"
    assert (found.location.line, found.location.column) == (17, 5)


@pytest.mark.parametrize(
    ("text", "code", "message", "hint"),
    [
        (
            "journeykit: 1\nkind: journey\nid: x\ntitle: X\n",
            "JK102",
            "missing required field `stages`",
            "add `stages:`",
        ),
        ("journeykit: 1\nkind: journey\ntitle: X\nstages: [{id: s, name: S}]\n", "JK102", "field `id`", "add `id:`"),
        (
            "journeykit: 1\nkind: journey\nid: x\ntitle: X\nstages: [{id: s, name: S}]\npersonas: [{id: p, name: P}]\n"
            "experiences:\n  - persona: p\n    stage: s\n    pain_points: [Slow checkout]\n",
            "JK101",
            "expected mapping",
            "such as `- id: ...` with `text: ...` below it",
        ),
        (
            "journeykit: 1\nkind: journey\nid: x\ntitle: X\nstages: [{id: s, name: S}]\nupdated: 20261120\n",
            "JK101",
            "got the number 20261120",
            "write the date as 2026-11-20",
        ),
        (
            "journeykit: 1\nkind: journey\nid: x\ntitle: X\nstages: [{id: s, name: S}]\nupdated: 15/10/2026\n",
            "JK107",
            "'15/10/2026' is not a real date",
            "did you mean 2026-10-15?",
        ),
    ],
)
def test_the_first_error_a_new_user_sees_is_right(text: str, code: str, message: str, hint: str) -> None:
    (found,) = findings(text)
    assert (found.code, message in found.message, found.hint and hint in found.hint) == (code, True, True), found


def test_dates_are_corrected_when_their_meaning_is_clear() -> None:
    from journeykit.schema import corrected_date

    assert corrected_date("2026/9/1") == "2026-09-01"
    assert corrected_date("11/20/2026") == "2026-11-20"  # only month-first makes a date
    assert corrected_date("20.11.2026") == "2026-11-20"
    assert corrected_date("31/02/2026") is None
    assert corrected_date("next tuesday") is None
