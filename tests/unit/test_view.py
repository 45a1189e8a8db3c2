"""The HTML view model: curve geometry, links, labels, ordering, the index, and colour contrast."""

from __future__ import annotations

import datetime
import re

import pytest

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.present import emotion_text
from journeykit.render.palette import PALETTE, TEXT
from journeykit.render.view.common import heatmap, safe_href
from journeykit.render.view.index import build_index
from journeykit.render.view.report import EmotionCurve, build_report
from tests.helpers import EXAMPLES, REPO

TODAY = datetime.date(2026, 11, 22)


def test_curve_points_sit_at_column_centres_and_break_at_gaps() -> None:
    curve = EmotionCurve.of("Deal hunter", ["A", "B", "C", "D"], [2, -2, None, 0])
    assert [(p.x, p.y) for p in curve.points] == [(50, 10), (150, 90), (350, 50)]
    assert curve.segments == ("50,10 150,90", "350,50")
    assert (curve.width, curve.height) == (400, 100)
    assert curve.description == (
        "Emotion of Deal hunter by stage. "
        "A: +2 (very positive); B: -2 (very negative); C: not recorded; D: 0 (neutral)."
    )


def test_emotion_text() -> None:
    assert [emotion_text(e) for e in (-1, 0, 1, None)] == [
        "-1 (negative)",
        "0 (neutral)",
        "+1 (positive)",
        "not recorded",
    ]


@pytest.mark.parametrize(
    ("link", "safe"),
    [
        ("https://example.com/a", True),
        ("mailto:cx@example.com", True),
        ("notes/interviews.md", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        ("data:text/html,x", False),
        ("java\tscript:alert(1)", False),
        ("vbscript:x", False),
        ("//evil.example.com/x", False),
        ("\\\\evil.example.com/x", False),
        ("\\same-host/path", True),
        (None, False),
    ],
)
def test_safe_href(link: str | None, safe: bool) -> None:
    assert (safe_href(link) is not None) is safe


@pytest.fixture(scope="module")
def examples() -> list:  # type: ignore[type-arg]
    return list(analyze([str(EXAMPLES)], Settings()).maps)


def test_report_view_of_an_example(examples: list) -> None:  # type: ignore[type-arg]
    analyzed = next(m for m in examples if m.journey.id == "retail-app-first-year")
    retail = analyzed.journey
    view = build_report(retail, analyzed.coverage, [], today=TODAY)
    assert [s.id for s in view.stages] == [s.id for s in retail.stages]
    assert [lane.id for lane in view.lanes] == [p.id for p in retail.personas]
    assert view.review == "reviewed 26 days ago"
    assert view.finding_counts == (("error", "0 errors"), ("warning", "0 warnings"), ("info", "0 infos"))
    busy = next(lane for lane in view.lanes if lane.id == "busy-parent")
    departure = busy.cells[-1]
    assert (departure.state, departure.reason is not None) == ("not-applicable", True)
    days = [i.when for group in view.timeline if group.title == "Day of use" for i in group.interactions]
    assert days == ["the day after install or sign-up at 10:00", "day 3 after install or sign-up at 18:30"]
    scheduled = {i.id: i.when for group in view.timeline if group.title == "On a schedule" for i in group.interactions}
    assert scheduled["weekly-member-offers"] == "every Monday at 09:00"
    pains = [p for lane in view.lanes for cell in lane.cells for p in cell.pain_points]
    assert all(p.anchor == f"pain-{p.id}" for p in pains)
    addressed = {
        target for lane in view.lanes for c in lane.cells for o in c.opportunities for _, target in o.addresses
    }
    assert addressed <= {p.anchor for p in pains}


def test_filtered_report_shows_only_the_chosen_cells(examples: list) -> None:  # type: ignore[type-arg]
    analyzed = next(m for m in examples if m.journey.id == "retail-app-first-year")
    retail = analyzed.journey
    matrix = analyzed.coverage.filtered(["deal-hunter"], ["research", "transaction"])
    view = build_report(retail, matrix, [], today=TODAY, filters="personas deal-hunter")
    assert [lane.id for lane in view.lanes] == ["deal-hunter"]
    assert [s.id for s in view.stages] == ["research", "transaction"]
    assert all(len(lane.cells) == 2 for lane in view.lanes)


def test_heatmap_labels_do_not_rely_on_colour(examples: list) -> None:  # type: ignore[type-arg]
    view = heatmap(examples[0].coverage, title="x")
    assert all(cell.label and cell.symbol for row in view.rows for cell in row.cells)


def test_index_lists_catalog_personas_once_with_their_maps(examples: list) -> None:  # type: ignore[type-arg]
    entries = [(m.journey, f"{m.journey.id}.html", [], m.coverage) for m in examples]
    index = build_index(entries, [], today=TODAY)
    shared = [p for p in index.personas if p.id == "screen-reader-user"]
    assert len(shared) == 1
    assert shared[0].source == "catalog examples/consumer/consumer.catalog.yaml"
    assert sorted(title for title, _ in shared[0].maps) == sorted(
        m.journey.title for m in examples if "screen-reader-user" in m.journey.persona_by_id
    )
    assert len(shared[0].maps) == 2


# --- WCAG AA contrast ---------------------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_palette_fills_carry_dark_text_at_aa_contrast() -> None:
    assert all(contrast(TEXT, colour.fill) >= 4.5 for colour in PALETTE)


def test_stylesheet_state_colours_meet_aa() -> None:
    css = (REPO / "templates" / "report.css").read_text()
    variables = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", css))
    for state in ("covered", "partial", "unmapped", "missing", "na"):
        assert contrast(variables[state], variables[f"{state}-ink"]) >= 4.5, state
    for severity in ("error", "warning", "info"):
        assert contrast(variables[severity], "#ffffff") >= 4.5, severity
    assert contrast(variables["muted"], variables["panel"]) >= 4.5
    for background, ink in re.findall(r"background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6});", css):
        assert contrast(background, ink) >= 4.5, (background, ink)


def test_templates_reference_no_external_resource() -> None:
    for path in (REPO / "templates").iterdir():
        text = path.read_text()
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), path.name
        assert "@import" not in text and "url(" not in text, path.name
        assert "<script" not in text, path.name


def test_docs_templates_md_documents_every_view_model_field() -> None:
    import dataclasses

    from journeykit.render import plan_view
    from journeykit.render.view import changes, common, coverage_page, index, report

    docs = (REPO / "docs" / "templates.md").read_text(encoding="utf-8")
    sections = {part.split("\n", 1)[0].strip(): part for part in docs.split("\n### ")[1:]}
    classes = [
        v
        for module in (common, report, index, coverage_page, plan_view, changes)
        for v in vars(module).values()
        if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == module.__name__
    ]
    for cls in classes:
        section = sections.get(cls.__name__)
        assert section is not None, f"docs/templates.md has no section for {cls.__name__}"
        documented = set(re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE))
        assert documented == {f.name for f in dataclasses.fields(cls)}, cls.__name__
