"""`journeykit render` through its entry point: files, golden output, errors, safety."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from journeykit.analysis import analyze
from journeykit.config import Settings
from tests.helpers import EXAMPLES, FIXTURES, MINIMAL, CliRun, assert_golden, write

Jk = Callable[..., CliRun]
AS_OF = ("--as-of", "2026-11-22")


class Elements(HTMLParser):
    """The tags and attribute names of a document, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)


def copy_examples(project: Path) -> None:
    shutil.copytree(EXAMPLES, project / "examples")


def scrub(html: str) -> str:
    """Remove what legitimately changes between machines: the version, and Graphviz's own drawing."""
    html = re.sub(r"journeykit \d+\.\d+\.\d+\S*", "journeykit VERSION", html)
    return re.sub(
        r'<svg role="img" aria-labelledby="flow-caption".*?</svg>', "<svg><!-- diagram --></svg>", html, flags=re.S
    )


def test_renders_every_format_for_every_example(project: Path, jk: Jk) -> None:
    copy_examples(project)
    run = jk("render", "examples", "-o", "out", "-f", "html,svg,png,pdf,dot", *AS_OF)
    assert run.code == 0, run.stderr
    journeys = analyze(["examples"], Settings()).journeys
    expected = {f"{j.id}.{ext}" for j in journeys for ext in ("html", "svg", "png", "pdf", "dot")} | {"index.html"}
    assert {p.name for p in (project / "out").iterdir()} == expected
    assert "journeykit: rendered 3 of 3 maps to out" in run.stderr
    for journey in journeys:
        assert (project / "out" / f"{journey.id}.png").read_bytes().startswith(b"\x89PNG")
        assert (project / "out" / f"{journey.id}.pdf").read_bytes().startswith(b"%PDF")
        svg = ET.parse(project / "out" / f"{journey.id}.svg").getroot()
        ids = {g.get("id") for g in svg.iter("{http://www.w3.org/2000/svg}g")}
        assert {f"diagram-touchpoint-{t.id}" for t in journey.touchpoints} <= ids


def test_golden_dot_and_html(project: Path, jk: Jk) -> None:
    copy_examples(project)
    assert jk("render", "examples/consumer/retail", "-o", "out", "-f", "html,dot", *AS_OF).code == 0
    assert_golden("retail-app-first-year.dot", (project / "out/retail-app-first-year.dot").read_text())
    assert_golden("retail-app-first-year.html", scrub((project / "out/retail-app-first-year.html").read_text()))


def test_dot_format_needs_no_graphviz(project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_examples(project)
    monkeypatch.setenv("PATH", str(project / "no-bin"))
    assert jk("render", "examples", "-o", "out", "-f", "dot").code == 0
    assert len(list((project / "out").glob("*.dot"))) == 3


def test_missing_graphviz_is_exit_2_with_the_install_command(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_examples(project)
    monkeypatch.setenv("PATH", str(project / "no-bin"))
    run = jk("render", "examples", "-o", "out", "-f", "svg")
    assert run.code == 2
    assert "Graphviz's `dot` was not found on PATH" in run.stderr
    assert "sudo apt-get install graphviz" in run.stderr and "brew install graphviz" in run.stderr
    assert not (project / "out").exists()


def test_maps_with_errors_are_not_rendered_but_the_others_are(project: Path, jk: Jk) -> None:
    copy_examples(project)
    write(project, {"examples/broken.journey.yaml": MINIMAL.replace("title: Checkout", "title: [x]")})
    run = jk("render", "examples", "-o", "out", *AS_OF)
    assert run.code == 1
    assert "examples/broken.journey.yaml:4:8: error[JK101]" in run.stderr
    assert "1 file with errors not rendered" in run.stderr
    assert len(list((project / "out").glob("*.html"))) == 4  # three reports and the index
    index = (project / "out" / "index.html").read_text()
    assert "examples/broken.journey.yaml" in index and "Not rendered because they have errors" in index


def test_index_links_every_report(project: Path, jk: Jk) -> None:
    copy_examples(project)
    jk("render", "examples", "-o", "out", *AS_OF)
    index = (project / "out" / "index.html").read_text()
    links = set(re.findall(r'href="([^"#]+\.html)"', index))
    assert links == {p.name for p in (project / "out").glob("*.html")} - {"index.html"}
    for report in links:
        assert 'href="index.html"' in (project / "out" / report).read_text()


def test_a_single_map_gets_an_index_too(project: Path, jk: Jk) -> None:
    # A CI job that publishes the reports links to index.html, whether the tree holds one map or many.
    copy_examples(project)
    jk("render", "examples/b2b-saas", "-o", "out", *AS_OF)
    assert sorted(p.name for p in (project / "out").iterdir()) == ["index.html", "saas-trial.html"]
    assert 'href="index.html"' in (project / "out" / "saas-trial.html").read_text(encoding="utf-8")


def test_filters_and_lanes(project: Path, jk: Jk) -> None:
    copy_examples(project)
    run = jk(
        "render",
        "examples/consumer/retail",
        "-o",
        "out",
        "-f",
        "html,dot",
        "-p",
        "busy-parent",
        "-s",
        "fulfilment",
        "--lanes",
    )
    assert run.code == 0, run.stderr
    html = (project / "out" / "retail-app-first-year.html").read_text()
    assert "Showing personas busy-parent and stages fulfilment." in html
    assert html.count('class="persona"') == 1
    assert "cluster_lane_0" in (project / "out" / "retail-app-first-year.dot").read_text()


def test_the_report_has_the_calendar_of_the_year_lint_checks(project: Path, jk: Jk) -> None:
    copy_examples(project)
    assert jk("render", "examples/consumer/retail", "-o", "out", "-p", "busy-parent", *AS_OF).code == 0
    html = (project / "out" / "retail-app-first-year.html").read_text()
    assert '<li><a href="#calendar">Calendar</a></li>' in html and '<section class="plan" id="calendar"' in html
    assert ".plan-grid" in html  # plan.css inlined beside report.css
    # only the persona shown, from the map's review date (updated: 2026-10-27), not from --as-of
    assert 'id="plan-busy-parent"' in html and 'id="plan-deal-hunter"' not in html
    assert "27 Oct 2026 to 26 Oct 2027 (365 days), times in Europe/London" in html
    assert "journeykit lint checks this same year" in html
    assert 'title="Wed 28 Oct 2026, day 1, in Research: 1 send\n10:00 ● App message inbox: Welcome message' in html
    # the timeline says triggers in the same words as the calendar
    assert '<span class="when">every Monday at 09:00</span>' in html


def test_a_map_without_interactions_has_no_calendar(project: Path, jk: Jk) -> None:
    write(project, {"checkout.journey.yaml": MINIMAL})
    assert jk("render", "checkout.journey.yaml", "-o", "out", "-f", "html", *AS_OF).code == 0
    html = (project / "out" / "checkout.html").read_text()
    assert 'id="calendar"' not in html and ".plan-grid" not in html and "#calendar" not in html


def test_unknown_filter_or_format_exits_2(project: Path, jk: Jk) -> None:
    copy_examples(project)
    assert jk("render", "examples", "-o", "out", "-f", "gif").code == 2
    assert jk("render", "examples", "-o", "out", "-f", "dot", "-p", "nobody").code == 2


def test_output_inside_the_input_tree_needs_asking(project: Path, jk: Jk) -> None:
    copy_examples(project)
    run = jk("render", "examples", "-o", "examples/out", "-f", "dot")
    assert run.code == 2
    assert "is inside the input examples" in run.stderr
    assert not (project / "examples" / "out").exists()
    assert jk("render", "examples", "-o", "examples/out", "-f", "dot", "--allow-inside-input").code == 0
    write(project, {".gitignore": "build/\n"})
    assert jk("render", ".", "-o", "build/report", "-f", "dot").code == 0


def test_template_override_by_name(project: Path, jk: Jk) -> None:
    copy_examples(project)
    write(project, {"theme/report.css": "body { background: rebeccapurple; }\n"})
    assert jk("render", "examples/b2b-saas", "-o", "out", "--template-dir", "theme", *AS_OF).code == 0
    html = (project / "out" / "saas-trial.html").read_text()
    assert "rebeccapurple" in html and "table.journey" not in html
    assert '<table class="journey">' in html  # report.html.j2 itself still comes from journeykit


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{% extends 'base.html.j2' %}{% block body %}{{ report.title }{% endblock %}",
            "theme/report.html.j2, line 1: unexpected '}'",
        ),
        (
            "{{ report.no_such_field }}",
            "template report.html.j2, line 1: UndefinedError: 'journeykit.render.view.report.ReportView object' has",
        ),
        ("{{ report.__class__.__mro__ }}", "template report.html.j2"),
        ("\n\n{{ 1 // 0 }}", "template report.html.j2, line 3: ZeroDivisionError"),
    ],
)
def test_broken_user_template_is_exit_2(project: Path, jk: Jk, template: str, message: str) -> None:
    copy_examples(project)
    write(project, {"theme/report.html.j2": template})
    run = jk("render", "examples/b2b-saas", "-o", "out", "--template-dir", "theme")
    assert run.code == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr
    assert not list((project / "out").glob("*.html")) if (project / "out").exists() else True


def test_missing_template_dir_is_exit_2(project: Path, jk: Jk) -> None:
    copy_examples(project)
    assert jk("render", "examples", "-o", "out", "-f", "dot", "--template-dir", "nope").code == 2


def test_a_failed_render_leaves_no_partial_file(project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_examples(project)
    jk("render", "examples/b2b-saas", "-o", "out", *AS_OF)
    before = (project / "out" / "saas-trial.html").read_bytes()

    def broken_page(*args: object, **kwargs: object) -> str:
        raise KeyboardInterrupt

    from journeykit.output import atomic_text

    with pytest.raises(KeyboardInterrupt), atomic_text(project / "out" / "saas-trial.html") as handle:
        handle.write("<html><body>half a report")
        broken_page()
    assert (project / "out" / "saas-trial.html").read_bytes() == before
    assert sorted(p.name for p in (project / "out").iterdir()) == ["index.html", "saas-trial.html"]


def test_hostile_map_renders_as_text(project: Path, jk: Jk) -> None:
    shutil.copy(FIXTURES / "hostile" / "hostile.journey.yaml", project)
    run = jk("render", "hostile.journey.yaml", "-o", "out", "-f", "html,dot", *AS_OF)
    assert run.code == 0, run.stderr
    html = (project / "out" / "hostile-map.html").read_text()
    elements = Elements()
    elements.feed(html)
    assert "script" not in elements.tags and "img" not in elements.tags and "h1" in elements.tags
    assert elements.tags.count("h1") == 1  # the persona's "</table><h1>broken</h1>" stayed text
    assert not [a for a in elements.attributes if a.startswith("on")]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert 'href="https://example.com/&#34;onmouseover=&#34;window.__pwned=4&#34;&lt;script&gt;"' in html
    assert "{{ 7*7 }}" in html and "49" not in re.sub(r"\d{3,}", "", html.split("<svg")[0])


def test_coverage_html_page(project: Path, jk: Jk) -> None:
    copy_examples(project)
    run = jk("coverage", "examples", "-f", "html", "-o", "coverage.html")
    assert run.code == 0
    html = (project / "coverage.html").read_text()
    assert html.count('<table class="heatmap">') == 3
    assert "Content-Security-Policy" in html


def test_a_map_called_index_does_not_overwrite_the_index_page(project: Path, jk: Jk) -> None:
    write(project, {"a.journey.yaml": MINIMAL.replace("checkout", "index"), "b.journey.yaml": MINIMAL})
    assert jk("render", ".", "-o", "out", "-f", "html,dot", "--allow-inside-input").code == 0
    names = sorted(p.name for p in (project / "out").iterdir())
    assert names == ["checkout.dot", "checkout.html", "index-map.dot", "index-map.html", "index.html"]
    assert 'href="index-map.html"' in (project / "out" / "index.html").read_text()


def test_every_command_counts_the_same_files_checked(project: Path, jk: Jk) -> None:
    # Five files: a catalog, three good maps and one whose YAML is broken. Each command that
    # reads maps says "5 files checked", whichever step the broken map failed at.
    catalog = "journeykit: 1\nkind: catalog\nteams:\n  - id: web\n    name: Web\n"
    maps = {f"m{i}.journey.yaml": MINIMAL.replace("id: checkout", f"id: m{i}") for i in range(3)}
    write(project, {"shared.catalog.yaml": catalog, **maps, "broken.journey.yaml": MINIMAL + "title: [\n"})
    validate = jk("validate", ".")
    lint = jk("lint", ".", *AS_OF)
    render = jk("render", ".", "-o", str(project.parent / "out"), "--format", "dot", *AS_OF)
    assert (validate.code, lint.code, render.code) == (1, 1, 1)
    assert "(5 files checked)" in validate.stdout
    assert "(5 files checked)" in lint.stdout
    assert "(5 files checked)" in render.stderr


HOSTILE_NAMES = MINIMAL.replace("name: Purchase", 'name: "esc \\e bell \\a non \\uFFFE\\uFFFF end"') + (
    "touchpoints:\n  - id: long\n    name: " + "x" * 20000 + "\n    stage: purchase\n"
)


def test_names_dot_cannot_take_are_drawn_safely(project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": HOSTILE_NAMES})
    run = jk("render", "m.journey.yaml", "-o", str(project.parent / "out"), "-f", "html,svg", *AS_OF)
    assert run.code == 0, run.stderr
    svg = (project.parent / "out" / "checkout.svg").read_text(encoding="utf-8")
    assert "\\x1b" in svg and "…" in svg
    ET.fromstring(svg)


def test_a_diagram_that_takes_too_long_is_simplified_then_a_finding_while_others_render(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journeykit.render import graphviz_run

    flow = MINIMAL.replace("  - id: purchase\n    name: Purchase\n", "  - id: a\n    name: A\n  - id: b\n    name: B\n")
    flow += "touchpoints:\n" + "".join(
        f"  - {{id: t{i}, name: T{i}, stage: {'a' if i < 5 else 'b'}, next: [t{(i + 1) % 10}]}}\n" for i in range(10)
    )
    write(project, {"flow.journey.yaml": flow, "other.journey.yaml": MINIMAL.replace("id: checkout", "id: other")})
    real = graphviz_run.run_dot
    calls: list[bool] = []

    def slow_when_the_flow_is_drawn(dot: str, source: str, formats: list[str], timeout: float | None = None) -> dict:  # type: ignore[type-arg]
        has_flow = "t0 -> tp_" in source or "tp_0 -> tp_1" in source
        calls.append(has_flow)
        # A real dot run with a time limit it cannot meet for the full layout of this map.
        return real(dot, source, formats, timeout=0.000001 if has_flow else None)

    monkeypatch.setattr(graphviz_run, "run_dot", slow_when_the_flow_is_drawn)
    out = project.parent / "out"
    run = jk("render", ".", "-o", str(out), "-f", "html", *AS_OF)
    assert run.code == 0, run.stderr
    assert True in calls and False in calls
    page = (out / "checkout.html").read_text(encoding="utf-8")
    assert "steps between touchpoints are not drawn" in page

    monkeypatch.setattr(graphviz_run, "DOT_TIMEOUT", 0.000001)
    monkeypatch.setattr(graphviz_run, "run_dot", real)
    run = jk("render", ".", "-o", str(out), "-f", "html", *AS_OF)
    assert run.code == 1
    assert "error[JK801] the diagram of 'checkout' could not be drawn: dot took longer" in run.stderr
    assert "The flow diagram could not be drawn" in (out / "checkout.html").read_text(encoding="utf-8")
    assert (out / "other.html").exists() and (out / "index.html").exists()


def test_html_renders_without_graphviz_with_a_note(project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project, {"m.journey.yaml": MINIMAL})
    monkeypatch.setenv("PATH", str(project))  # no dot here
    run = jk("render", "m.journey.yaml", "-o", str(project.parent / "out"), "-f", "html", *AS_OF)
    assert run.code == 0, run.stderr
    page = (project.parent / "out" / "checkout.html").read_text(encoding="utf-8")
    assert "Graphviz is not installed" in page
    assert jk("render", "m.journey.yaml", "-o", str(project.parent / "out"), "-f", "svg", *AS_OF).code == 2


def test_one_map_still_gets_an_index_that_counts_in_words(project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": MINIMAL})
    assert jk("render", "m.journey.yaml", "-o", str(project.parent / "out"), *AS_OF).code == 0
    index = (project.parent / "out" / "index.html").read_text(encoding="utf-8")
    assert "1 map ·" in index and "1 maps" not in index


def test_a_template_cannot_read_files_outside_its_directory(project: Path, jk: Jk) -> None:
    secret = project.parent / "secret.txt"
    secret.write_text("CI_TOKEN=hunter2\n")
    write(project, {"m.journey.yaml": MINIMAL, "theme/report.css": "body {}\n"})
    (project / "theme" / "leak.txt").symlink_to(secret)
    (project / "theme" / "report.html.j2").write_text("{% include 'leak.txt' %}{{ inline_asset('leak.txt') }}")
    out = project.parent / f"{project.name}-out"
    run = jk("render", "m.journey.yaml", "-o", str(out), "--template-dir", "theme", *AS_OF)
    assert run.code == 2
    assert "resolves outside the template directory" in run.stderr
    assert not (out / "checkout.html").exists()


def test_a_runaway_template_is_stopped(project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch) -> None:
    from journeykit.render import html

    monkeypatch.setattr(html, "RENDER_TIMEOUT", 0.5)
    loop = "{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}"
    write(project, {"m.journey.yaml": MINIMAL, "theme/report.html.j2": "\n" + loop})
    run = jk("render", "m.journey.yaml", "-o", str(project.parent / "out"), "--template-dir", "theme", *AS_OF)
    assert run.code == 2
    assert "template report.html.j2, line 2: rendering took longer than 0.5 s" in run.stderr
