"""The formatter: canonical order and layout, every comment kept beside its node, meaning unchanged."""

from __future__ import annotations

import pytest

from journeykit.formatting.engine import format_text
from journeykit.formatting.order import field_order
from journeykit.loader import load_text
from tests.helpers import EXAMPLES, REPO

EXAMPLE_FILES = sorted(EXAMPLES.rglob("*.yaml"))


def fmt(text: str, width: int = 120) -> str:
    result = format_text(text, "map.journey.yaml", width)
    assert result.text is not None, result.findings
    return result.text


def data(text: str) -> object:
    loaded = load_text(text, "map.journey.yaml")
    assert loaded.ok, loaded.findings
    return loaded.source.data


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_examples_keep_their_meaning_and_format_once(path: object) -> None:
    text = path.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    once = fmt(text)
    assert data(once) == data(text)
    assert fmt(once) == once
    assert [line for line in once.splitlines() if "#" in line and line.lstrip().startswith("#")] == [
        line.strip() and " " * (len(line) - len(line.lstrip())) + line.strip()
        for line in text.splitlines()
        if line.lstrip().startswith("#")
    ]


def test_keys_take_the_schema_order_and_carry_their_comments() -> None:
    text = (
        "# yaml-language-server: $schema=x.json\n"
        "title: Checkout  # the title\n"
        "stages:\n"
        "  - name: Purchase  # journeykit: ignore[JK402]\n"
        "    id: purchase\n"
        "    x-note: kept after id\n"
        "# about the kind\n"
        "kind: journey\n"
        "id: checkout\n"
        "journeykit: 1\n"
    )
    assert fmt(text) == (
        "# yaml-language-server: $schema=x.json\n"
        "journeykit: 1\n"
        "# about the kind\n"
        "kind: journey\n"
        "id: checkout\n"
        "title: Checkout  # the title\n"
        "stages:\n"
        "  - id: purchase  # journeykit: ignore[JK402]\n"  # the comment keeps its gap
        "    x-note: kept after id\n"  # keys the format does not define travel with the key before them
        "    name: Purchase\n"
    )


def test_comment_lines_follow_the_key_they_precede() -> None:
    text = (
        "journeykit: 1\nkind: journey\nid: a\ntitle: A\n"
        "channels:\n  - {id: web, name: Web, mode: digital}\n\n"
        "# the stages, in order\n"
        "stages:\n  - {id: buy, name: Buy}\n"
        "  # more stages later\n"
        "personas:\n  - {id: p, name: P}\n"
    )
    out = fmt(text)
    assert out.index("# the stages, in order\nstages:") < out.index("channels:")
    assert "  - {id: buy, name: Buy}\n  # more stages later\n" in out
    assert out.index("personas:") < out.index("# the stages")


HEAD = "journeykit: 1\nkind: journey\nid: a\ntitle: A\nstages:\n"


def test_closing_comments_at_different_indentations_keep_them() -> None:
    text = HEAD + (
        "  - id: buy\n"
        "    name: Buy\n"
        "    x-tags: [one]\n"
        "      # deeper than x-tags: it closes x-tags\n"
        "    # about the description, at its indentation\n"
        "    description: Hello\n"
    )
    once = fmt(text)
    assert once == text  # already canonical: the two comment lines keep their own indentations
    assert fmt(once) == once


def test_a_closing_comment_keeps_its_place_when_its_key_becomes_an_items_first() -> None:
    text = HEAD + "  - name: Buy\n    id: buy\n      # about id\n  - id: two\n    name: Two\n"
    once = fmt(text)
    assert once == HEAD + "  - id: buy\n      # about id\n    name: Buy\n  - id: two\n    name: Two\n"
    assert fmt(once) == once


def test_blank_lines_and_comments_between_closing_and_following_comments_stay_in_order() -> None:
    text = HEAD + (
        "  - name: Buy\n"
        "    id: buy\n"
        "    x-y: 1\n"
        "    # c4\n"
        "      # c6\n"
        "\n"
        "  # before the second stage\n"
        "  - id: two\n"
        "    name: Two\n"
    )
    once = fmt(text)
    assert "    x-y: 1\n    # c4\n      # c6\n    name: Buy\n\n  # before the second stage\n  - id: two\n" in once
    assert fmt(once) == once


def test_lists_are_flow_when_they_fit_and_block_when_not() -> None:
    head = "journeykit: 1\nkind: journey\nid: a\ntitle: A\nstages:\n  - {id: buy, name: Buy}\n"
    assert "tags: [one, two]\n" in fmt(head + "tags:\n  - one\n  - two\n")
    long = fmt(head + "tags: [" + ", ".join(f"tag{i:02d}" for i in range(30)) + "]\n", width=60)
    assert "tags:\n  - tag00\n  - tag01\n" in long
    kept = fmt(head + "tags:\n  - one  # first\n  - two\n")
    assert "tags:\n  - one  # first\n  - two\n" in kept


def test_quotes_only_where_yaml_needs_them() -> None:
    head = "journeykit: 1\nkind: journey\nid: a\n"
    out = fmt(head + 'title: "Plain text"\nstages:\n  - {id: buy, name: "no"}\ntags: ["12:30", "a, b", "#x", yes]\n')
    assert "title: Plain text\n" in out
    assert 'name: "no"' in out
    assert 'tags: ["12:30", "a, b", "#x", yes]\n' in out


def test_long_text_folds_at_the_width_and_short_folded_text_unfolds() -> None:
    head = "journeykit: 1\nkind: journey\nid: a\ntitle: A\nstages:\n  - {id: buy, name: Buy}\n"
    words = " ".join(["journey"] * 30)
    out = fmt(head + f"description: {words}\n", width=60)
    assert out.count("\n  journey") >= 3 and "description: >-\n" in out
    assert all(len(line) <= 60 for line in out.splitlines())
    assert "description: Short text\n" in fmt(head + "description: >-\n  Short\n  text\n")


def test_values_are_kept_as_written() -> None:
    text = (
        "journeykit: 1\nkind: journey\nid: a\ntitle: A\nupdated: 2026-10-15\n"
        "x-n: [010, 0x1F, 1e3, ~, yes]\nstages:\n  - {id: buy, name: Buy}\n"
    )
    assert "x-n: [010, 0x1F, 1e3, ~, yes]\n" in fmt(text)
    assert "updated: 2026-10-15\n" in fmt(text)


def test_a_file_that_does_not_load_is_not_formatted() -> None:
    result = format_text("journeykit: 1\nkind: journey\ntitle: 'open\n", "bad.journey.yaml")
    assert result.text is None
    assert [f.code for f in result.findings] == ["JK003"]


def test_anchors_and_merges_survive() -> None:
    text = (
        "journeykit: 1\nkind: journey\nid: a\ntitle: A\nstages:\n  - {id: buy, name: Buy}\n"
        "touchpoints:\n  - &web\n    name: Basket\n    id: basket\n    stage: buy\n"
        "  - <<: *web\n    id: status\n    name: Status\n"
    )
    out = fmt(text)
    assert data(out) == data(text)
    assert fmt(out) == out


def test_docs_field_tables_list_fields_in_the_schema_order() -> None:
    docs = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    sections = {
        "journey": "### Map",
        "persona": "### Persona",
        "touchpoint": "### Touchpoint",
        "experience": "### Experience",
        "interaction": "### Interaction",
        "evidence": "### Evidence",
        "metric": "### Metric",
        "trigger": "### Trigger",
        "stage": "### Stage",
        "channel": "### Channel",
        "team": "### Team",
        "painPoint": "#### Pain point",
        "opportunity": "#### Opportunity",
    }
    for definition, heading in sections.items():
        table = docs[docs.index(heading + "\n") :].split("\n\n| field |", 1)[1].split("\n\n", 1)[0]
        fields = [line.split("`")[1] for line in table.splitlines()[2:] if line.startswith("| `")]
        assert tuple(fields) == field_order(definition), definition


def test_a_closing_comment_after_folded_text_stays_a_comment_and_stays_put() -> None:
    # Found by the property test: comments indented under `interactions:` close that list, whose last value
    # becomes folded text; as deep as that text they would be text, so they sit one column less deep, and
    # formatting again leaves them there (it used to move one to the end of the file).
    text = (
        "journeykit: 1\nkind: journey\nid: x\ntitle: X\npersonas:\n- {id: p, name: P}\nstages:\n- {id: s, name: S}\n"
        "interactions:\n      # note a\n    # note b\n- id: a\n  name: A\n  type: email\n  stage: s\n"
        "  trigger: {type: day_of_use, day: 1}\n"
        "  description: Frequency-capped with the other messages of this stage by Digital channels and more.\n"
        "evidence:\n- {id: e, type: other, title: T, date: 2026-03-16}\n"
    )
    once = fmt(text, 60)
    assert "    description: >-\n      Frequency-capped" in once
    assert "by Digital channels and more.\n     # note a\n    # note b\nevidence:\n" in once
    assert data(once) == data(text)
    assert fmt(once, 60) == once
