"""`journeykit coverage` through its entry point: formats, filters, thresholds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from tests.helpers import MINIMAL, CliRun, write
from tests.unit.test_coverage import GRID

Jk = Callable[..., CliRun]


def test_text_shows_the_matrix_ratios_and_gaps(project: Path, jk: Jk) -> None:
    write(project, {"grid.journey.yaml": GRID})
    run = jk("coverage")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[0] == "Grid (grid.journey.yaml)"
    covered_row = next(line for line in lines if line.startswith("│ Covered"))
    assert [cell.strip() for cell in covered_row.split("│")] == ["", "Covered", "●", "●", "✗", "67% (2/3)", ""]
    assert "  grid.journey.yaml:43:5  partial × research  partial: lacks emotion, tasks" in lines
    assert "  grid.journey.yaml:31:1  missing × research  missing: no experience, no touchpoint" in lines
    assert "Total: 14.3% covered, 7.1% evidenced (2 of 14 applicable cells in 1 map)." in lines
    assert "\x1b[" not in run.stdout


def test_json_has_the_contract_shape(project: Path, jk: Jk) -> None:
    write(project, {"grid.journey.yaml": GRID})
    document = json.loads(jk("coverage", "-f", "json").stdout)
    (entry,) = document["maps"]
    assert set(entry) == {"id", "file", "title", "coverage", "evidenced", "personas", "stages", "cells"}
    assert (entry["id"], entry["file"]) == ("grid", "grid.journey.yaml")
    assert entry["coverage"] == 2 / 14
    assert entry["personas"]["covered"] == 2 / 3
    assert entry["stages"] == {"discovery": 1 / 5, "research": 1 / 4, "purchase": 0.0}
    assert {"persona": "partial", "stage": "research", "state": "partial", "lacks": ["emotion", "tasks"]} in entry[
        "cells"
    ]
    assert {c["state"] for c in entry["cells"]} == {"covered", "partial", "unmapped", "missing", "not-applicable"}
    assert document["total"] == {"coverage": 2 / 14, "evidenced": 1 / 14, "covered": 2, "applicable": 14}


def test_markdown_is_github_flavoured_tables(project: Path, jk: Jk) -> None:
    hostile = GRID.replace("title: Grid", "title: 'Grid | <script>alert(1)</script> **bold**'")
    write(project, {"grid.journey.yaml": hostile})
    markdown = jk("coverage", "-f", "markdown").stdout
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert html.count("<table>") == 2
    summary, grid = html.split("</table>")[:2]
    assert summary.count("<tr>") == 2  # header and one map
    assert grid.count("<tr>") == 7  # header, five personas, the coverage row
    assert len(re.findall(r"<th[ >]", grid)) == 5  # persona, three stages, coverage
    assert "<script>" not in html and "<strong>bold" not in html
    assert "Grid | &lt;script&gt;" in html


def test_fail_under_exits_1_and_says_by_how_much(project: Path, jk: Jk) -> None:
    write(project, {"grid.journey.yaml": GRID})
    run = jk("coverage", "--fail-under", "50")
    assert run.code == 1
    assert "journeykit: coverage 14.3% is below the required 50% by 35.7 percentage points" in run.stderr
    assert jk("coverage", "--fail-under", "14").code == 0


def test_fail_under_from_configuration(project: Path, jk: Jk) -> None:
    write(project, {"grid.journey.yaml": GRID, "journeykit.toml": "fail-under = 90\n"})
    assert jk("coverage").code == 1
    assert jk("coverage", "--fail-under", "10").code == 0


def test_filters(project: Path, jk: Jk) -> None:
    write(project, {"grid.journey.yaml": GRID})
    document = json.loads(
        jk("coverage", "-f", "json", "--persona", "covered", "-s", "research", "-s", "purchase").stdout
    )
    (entry,) = document["maps"]
    assert [(c["persona"], c["stage"]) for c in entry["cells"]] == [("covered", "research"), ("covered", "purchase")]
    assert entry["coverage"] == 0.5


def test_unknown_filter_exits_2(project: Path, jk: Jk) -> None:
    write(project, {"grid.journey.yaml": GRID})
    run = jk("coverage", "--persona", "nobody")
    assert (run.code, run.stderr.strip()) == (2, "journeykit: error: no map has persona 'nobody'")


def test_maps_with_errors_are_reported_and_fail(project: Path, jk: Jk) -> None:
    write(project, {"grid.journey.yaml": GRID, "bad.journey.yaml": GRID.replace("id: grid", "id: Bad")})
    run = jk("coverage", "-f", "json")
    assert run.code == 1
    assert "bad.journey.yaml:3:5: error[JK104]" in run.stderr
    assert [m["id"] for m in json.loads(run.stdout)["maps"]] == ["grid"]


def test_bad_fail_under_exits_2(project: Path, jk: Jk) -> None:
    assert jk("coverage", "--fail-under", "150").code == 2


def test_a_map_without_personas_is_listed_not_dropped(project: Path, jk: Jk) -> None:
    empty = "journeykit: 1\nkind: journey\nid: empty\ntitle: Empty\nstages:\n  - id: a\n    name: A\n"
    write(project, {"empty.journey.yaml": empty})
    assert "Empty (empty.journey.yaml): no personas, nothing to cover." in jk("coverage").stdout
    (entry,) = json.loads(jk("coverage", "-f", "json").stdout)["maps"]
    assert (entry["id"], entry["coverage"], entry["cells"]) == ("empty", None, [])


def test_a_shortfall_is_shown_with_the_digits_it_needs(project: Path, jk: Jk) -> None:
    from journeykit.commands.coverage import shortfall_text

    assert shortfall_text(200 / 3, 66.7, 66.7 - 200 / 3) == (
        "coverage 66.67% is below the required 66.7% by 0.03 percentage points"
    )
    assert shortfall_text(50.0, 80, 30.0) == "coverage 50.0% is below the required 80% by 30.0 percentage points"


def test_a_cell_whose_touchpoints_do_not_exist_is_not_covered(project: Path, jk: Jk) -> None:
    text = MINIMAL + (
        "personas:\n  - id: shopper\n    name: Shopper\n"
        "experiences:\n  - persona: shopper\n    stage: purchase\n    touchpoints: [ghost]\n"
        "    tasks: [Pay]\n    emotion: 1\n"
    )
    write(project, {"m.journey.yaml": text})
    run = jk("coverage", ".", "-f", "json")
    (cell,) = json.loads(run.stdout)["maps"][0]["cells"]
    assert (cell["state"], cell["lacks"]) == ("partial", ["touchpoints"])
