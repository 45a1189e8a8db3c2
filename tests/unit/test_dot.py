"""The diagram: structure, order, legend, filters, lanes, and text that can never become DOT."""

from __future__ import annotations

import itertools
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.model import Journey
from journeykit.present import metric_text
from journeykit.render.dot import DiagramOptions, dot_source, escape_html_label
from tests.helpers import EXAMPLES, FIXTURES, MINIMAL

SVG = "{http://www.w3.org/2000/svg}"


def journey_at(path: Path) -> Journey:
    (journey,) = analyze([str(path)], Settings()).journeys
    return journey


def draw(source: str) -> ET.Element:
    """Lay out with the real `dot` and parse the SVG."""
    svg = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True).stdout
    return ET.fromstring(svg)


def nodes(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"]


def texts(element: ET.Element) -> str:
    return " ".join(t.text or "" for t in element.iter(f"{SVG}text"))


@pytest.fixture(scope="module")
def retail() -> Journey:
    return journey_at(EXAMPLES / "consumer" / "retail" / "retail-app-first-year.journey.yaml")


def test_every_touchpoint_is_a_node_with_its_name(retail: Journey) -> None:
    svg = draw(dot_source(retail))
    drawn = [n for n in nodes(svg) if (n.get("id") or "").startswith("diagram-touchpoint-")]
    assert sorted(n.get("id") for n in drawn) == sorted(f"diagram-touchpoint-{t.id}" for t in retail.touchpoints)
    by_id = {n.get("id"): texts(n) for n in drawn}
    for touchpoint in retail.touchpoints:
        words = touchpoint.name.split()
        assert words[0] in by_id[f"diagram-touchpoint-{touchpoint.id}"]


def test_stages_are_columns_left_to_right_in_map_order(retail: Journey) -> None:
    svg = draw(dot_source(retail))
    spans = {}
    for cluster in (g for g in svg.iter(f"{SVG}g") if g.get("class") == "cluster"):
        title = cluster.find(f"{SVG}title")
        outline = cluster.find(f"{SVG}path")
        if outline is None:
            outline = cluster.find(f"{SVG}polygon")
        assert title is not None and outline is not None
        numbers = [float(x) for x in re.findall(r"-?\d+\.?\d*", outline.get("d") or outline.get("points") or "")]
        spans[title.text] = (min(numbers[0::2]), max(numbers[0::2]))
    columns = [spans[f"cluster_stage_{i}"] for i in range(len(retail.stages))]
    for (_, right), (left, _) in itertools.pairwise(columns):
        assert right <= left


def test_shapes_follow_channel_mode(retail: Journey) -> None:
    source = dot_source(retail)
    store = next(t for t in retail.touchpoints if t.channel == "store")
    web = next(t for t in retail.touchpoints if t.channel == "website")
    index = {t.id: i for i, t in enumerate(retail.touchpoints)}
    assert re.search(rf"tp_{index[store.id]} \[.*peripheries=2.*style=filled", source)
    assert re.search(rf'tp_{index[web.id]} \[.*peripheries=1.*style="rounded,filled"', source)


def test_legend_names_every_used_channel(retail: Journey) -> None:
    source = dot_source(retail)
    legend = source.split("label=<<TABLE", 1)[1].split("</TABLE>>", 1)[0]
    for channel_id in {t.channel for t in retail.touchpoints}:
        assert escape_html_label(retail.channel_by_id[channel_id or ""].name) in legend


def test_loops_and_backward_steps_do_not_constrain_layout(retail: Journey) -> None:
    source = dot_source(retail)
    loops = re.findall(r'-> tp_\d+ \[label=<<FONT POINT-SIZE="9">loop</FONT>> color="#718096" constraint=false', source)
    assert len(loops) == sum(len(t.loops_to) for t in retail.touchpoints) > 0


def test_persona_and_stage_filters(retail: Journey) -> None:
    options = DiagramOptions(personas=("screen-reader-user",), stages=("discovery", "research"))
    drawn = {
        n.get("id")
        for n in nodes(draw(dot_source(retail, options)))
        if (n.get("id") or "").startswith("diagram-touchpoint-")
    }
    expected = {
        f"diagram-touchpoint-{t.id}"
        for t in retail.touchpoints
        if t.stage in ("discovery", "research") and t.meets("screen-reader-user")
    }
    assert drawn == expected and expected


def test_lanes_copy_each_persona_touchpoints(retail: Journey) -> None:
    svg = draw(dot_source(retail, DiagramOptions(lanes=True)))
    drawn = [n for n in nodes(svg) if re.match(r"diagram-p\d+_touchpoint-", n.get("id") or "")]
    assert len(drawn) == sum(1 for p in retail.personas for t in retail.touchpoints if t.meets(p.id))


def test_hostile_text_stays_text() -> None:
    hostile = journey_at(FIXTURES / "hostile" / "hostile.journey.yaml")
    svg = draw(dot_source(hostile))
    assert len([n for n in nodes(svg) if (n.get("id") or "").startswith("diagram-touchpoint-")]) == 2
    assert [e for e in svg.iter(f"{SVG}g") if e.get("class") == "edge" and "injected" in texts(e)] == []
    first = texts(next(n for n in nodes(svg) if n.get("id") == "diagram-touchpoint-first"))
    assert '"]; evil [label="injected"]; a -&gt; b;'.replace("&gt;", ">") in first
    assert "\\N \\G" in first
    assert "tp_0" not in first and "hostile-map" not in first


def test_backslashes_and_markup_are_escaped_for_graphviz() -> None:
    assert escape_html_label('<b>"x" & \\N') == "&lt;b&gt;&quot;x&quot; &amp; \\\\N"


def test_metric_text_states_the_verdict_in_words(retail: Journey) -> None:
    metric = next(m for t in retail.touchpoints for m in t.metrics if m.unit == "seconds")
    assert re.fullmatch(r".+: \d+ s \(target \d+ s, (meets|misses)\)", metric_text(metric))


def test_large_generated_map_renders(tmp_path: Path) -> None:
    from benchmarks.generate import generate_map

    (tmp_path / "big.journey.yaml").write_text(generate_map(0, 200, 1))
    journey = journey_at(tmp_path / "big.journey.yaml")
    drawn = [n for n in nodes(draw(dot_source(journey))) if (n.get("id") or "").startswith("diagram-touchpoint-")]
    assert len(drawn) == 200


def test_large_diagrams_cap_layout_passes_and_small_ones_do_not(tmp_path: Path, retail: Journey) -> None:
    from benchmarks.generate import generate_map

    assert "nslimit" not in dot_source(retail)
    (tmp_path / "big.journey.yaml").write_text(generate_map(0, 150, 1))
    source = dot_source(journey_at(tmp_path / "big.journey.yaml"))
    assert "\tmclimit=0.3 nslimit=2 nslimit1=2\n" in source.split("subgraph", 1)[0]


def test_one_layout_draws_every_format(retail: Journey) -> None:
    from journeykit.render.graphviz_run import find_dot, run_dot

    drawn = run_dot(find_dot(), dot_source(retail), ["svg", "png", "pdf"])
    assert drawn["svg"].lstrip().startswith(b"<?xml")
    assert drawn["png"].startswith(b"\x89PNG")
    assert drawn["pdf"].startswith(b"%PDF")


def test_a_flow_too_dense_to_lay_out_is_left_out_and_said(project: Path) -> None:
    from journeykit.render.dot import MAX_DRAWN_STEPS, dot_source

    count = MAX_DRAWN_STEPS // 4 + 10
    lines = []
    for i in range(count):
        targets = ", ".join(f"t{(i + k) % count}" for k in (1, 2, 3, 4, 5))
        lines.append(f"  - {{id: t{i}, name: T{i}, stage: purchase, next: [{targets}]}}\n")
    text = MINIMAL + "touchpoints:\n" + "".join(lines)
    (project / "dense.journey.yaml").write_text(text, encoding="utf-8")
    source = dot_source(journey_at(project / "dense.journey.yaml"))
    drawn_steps = [line for line in source.splitlines() if "->" in line and "invis" not in line]
    assert drawn_steps == []
    assert "steps between touchpoints are not drawn" in source
    # What changed since a revision is still drawn, so the legend still says how (it used to lose that row).
    from journeykit.diff.marks import Marks
    from journeykit.render.dot import DiagramOptions

    marked = dot_source(journey_at(project / "dense.journey.yaml"), DiagramOptions(marks=Marks("main")))
    legends = [line for line in marked.splitlines() if line.startswith("\tlabel=") or "labelloc=b" in line]
    assert len(legends) == 1, legends  # one graph label: Graphviz would draw only the last of several
    assert "steps between touchpoints are not drawn" in legends[0] and "since main: thick outline" in legends[0]
