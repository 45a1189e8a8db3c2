"""The real HTML reports in headless Chromium (Debian's, driven by Playwright).

Each example report and the hostile map's report is opened from disk. The page must raise
no console error, request nothing from any network, open no dialog, contain no script,
and show the journey grid and an emotion curve per persona. A full-page screenshot of
each is saved in test-artifacts/ for CI to keep.
"""

from __future__ import annotations

import datetime
import itertools
import shutil
from pathlib import Path

import pytest

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.model import Journey
from tests.browser.chromium import Visitor
from tests.helpers import EXAMPLES, FIXTURES, REPO

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "test-artifacts"
AS_OF = "2026-11-22"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Journey]]:
    """The examples and the hostile map rendered into one output directory."""
    from journeykit.cli import main

    root = tmp_path_factory.mktemp("site")
    (root / ".git").mkdir()  # a project root, as in a repository: catalogs are seen up to here
    shutil.copytree(EXAMPLES, root / "maps")
    shutil.copy(FIXTURES / "hostile" / "hostile.journey.yaml", root / "maps")
    out = root / "out"
    assert main(["render", str(root / "maps"), "-o", str(out), "--as-of", AS_OF]) == 0
    return out, analyze([str(root / "maps")], Settings()).journeys


def test_every_report_opens_cleanly(site: tuple[Path, list[Journey]], visit: Visitor) -> None:
    out, journeys = site
    ARTIFACTS.mkdir(exist_ok=True)
    for journey in journeys:
        report = out / f"{journey.id}.html"
        seen = visit(report)
        page = seen.page
        assert seen.console_errors == [], journey.id
        assert seen.requests == [report.as_uri()], journey.id
        assert seen.dialogs == []
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("table.journey tbody.persona").count() == len(journey.personas)
        assert page.locator("table.journey thead th[scope=col]").count() == len(journey.stages) + 1
        curves = page.locator("svg.curve")
        assert curves.count() == len(journey.personas)
        assert page.locator("svg.curve polyline").count() >= 1
        assert page.locator("figure.diagram svg g.node").count() >= len(journey.touchpoints)
        assert page.locator("table.heatmap").count() == 1
        assert (
            page.evaluate(
                "(() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
                " return ids.length - new Set(ids).size; })()"
            )
            == 0
        ), "duplicate element ids"
        page.screenshot(path=str(ARTIFACTS / f"{journey.id}.png"), full_page=True)


def test_hostile_map_runs_nothing_and_shows_its_text(site: tuple[Path, list[Journey]], visit: Visitor) -> None:
    out, _ = site
    seen = visit(out / "hostile-map.html")
    page = seen.page
    for link in page.locator("a").all():
        link.hover()
    page.locator("figure.diagram svg g.node").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen.dialogs == [] and seen.console_errors == []
    assert seen.requests == [(out / "hostile-map.html").as_uri()]
    assert page.evaluate("document.querySelectorAll('script, img, iframe, object, embed').length") == 0
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')]"
        ".flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on'))"
    )
    assert handlers == []
    assert page.locator("h1").count() == 1
    assert "<script>window.__pwned=1</script>" in page.locator("h1").inner_text()
    assert page.locator("figure.diagram svg g.node[id^=diagram-touchpoint-]").count() == 2
    assert "\\N \\G" in page.locator("figure.diagram").inner_text()
    page.screenshot(path=str(ARTIFACTS / "hostile-map.png"), full_page=True)


def test_index_links_to_every_report(site: tuple[Path, list[Journey]], visit: Visitor) -> None:
    out, journeys = site
    seen = visit(out / "index.html")
    page = seen.page
    assert seen.console_errors == []
    links = page.locator("table.data a")
    assert {links.nth(i).inner_text() for i in range(links.count())} >= {
        j.title for j in journeys if j.id != "hostile-map"
    }
    page.locator("a", has_text="Larkfield app").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("retail-app-first-year.html")
    page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)


def test_accessible_structure(site: tuple[Path, list[Journey]], visit: Visitor) -> None:
    out, _ = site
    page = visit(out / "retail-app-first-year.html").page
    assert page.evaluate("document.documentElement.lang") == "en"
    named = page.evaluate(
        """[...document.querySelectorAll('svg[role=img]')].map(svg =>
             (svg.getAttribute('aria-labelledby') || '').split(' ')
               .map(id => document.getElementById(id)?.textContent || '').join(' ').trim())"""
    )
    assert named and all(named)
    assert page.evaluate(
        "[...document.querySelectorAll('th')].every(th => th.hasAttribute('scope') || th.closest('thead, tfoot'))"
    )
    levels = page.evaluate("[...document.querySelectorAll('h1, h2, h3')].map(h => Number(h.tagName[1]))")
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_print_layout_is_a3_landscape_without_cut_lanes(site: tuple[Path, list[Journey]], visit: Visitor) -> None:
    out, _ = site
    page = visit(out / "retail-app-first-year.html").page
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('tbody.persona')).breakInside") == "avoid"
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "retail-app-first-year.print.pdf").write_bytes(pdf)


def test_reports_are_dated_as_asked(site: tuple[Path, list[Journey]]) -> None:
    out, _ = site
    assert f"on {datetime.date.fromisoformat(AS_OF).isoformat()}" in (out / "saas-trial.html").read_text()


def test_the_report_shows_the_year_per_persona(site: tuple[Path, list[Journey]], visit: Visitor) -> None:
    out, journeys = site
    retail = next(j for j in journeys if j.id == "retail-app-first-year")
    page = visit(out / "retail-app-first-year.html").page
    calendar = page.locator("section#calendar")
    page.locator("nav.toc a[href='#calendar']").click()
    assert calendar.is_visible() and calendar.bounding_box()["height"] > 1000  # type: ignore[index]
    assert calendar.locator("section.plan-persona").count() == len(retail.personas)
    deal_hunter = calendar.locator("#plan-deal-hunter")
    assert deal_hunter.locator("table.plan-grid td:not(.pad):not(.outside)").count() == 365
    # a day's sends: in the cell's title on hover, and in the plain list under the month
    cell = deal_hunter.locator("td[title^='Fri 30 Oct 2026']")
    cell.hover()
    assert cell.get_attribute("title") == (
        "Fri 30 Oct 2026, day 3, in Research: 1 send\n"
        "18:30 ▲ Push notification: Day-3 savings tips (day 3 after install or sign-up at 18:30)"
    )
    listed = deal_hunter.locator("#plan-deal-hunter-2026-10 ul.plan-list").inner_text()
    assert "Fri 30 Oct 2026" in listed and "18:30 ▲ Push notification: Day-3 savings tips" in listed
    # each channel has its own shape as well as its colour, and the key names both
    key = deal_hunter.locator("aside.plan-side ul.plan-key").first
    shapes = key.locator(".mark").all_inner_texts()
    assert len(shapes) == len(set(shapes)) == 3 and key.inner_text().count("\n") >= 2
    colours = {m.evaluate("e => getComputedStyle(e).color") for m in key.locator(".mark").all()}
    assert len(colours) == 3
    # stage bands along the top of each month, and what never fires beside the grids
    assert deal_hunter.locator("#plan-deal-hunter-2026-11 ol.plan-bands li", has_text="Research").is_visible()
    assert "Black Friday early access" in deal_hunter.locator("aside.plan-side").inner_text()
    # the interactions timeline speaks in words, not cron
    timeline = page.locator("#interactions").inner_text()
    assert "every Monday at 09:00" in timeline and "cron" not in timeline
    calendar.screenshot(path=str(ARTIFACTS / "retail-app-first-year.calendar.png"))


def test_the_stage_header_stays_in_view_while_the_grid_scrolls(
    site: tuple[Path, list[Journey]], visit: Visitor
) -> None:
    out, _ = site
    page = visit(out / "retail-app-first-year.html").page
    wrap = page.locator(".grid-wrap")
    header = page.locator("table.journey thead th").first
    wrap.scroll_into_view_if_needed()
    top_before = header.bounding_box()["y"]
    wrap.evaluate("element => element.scrollTop = element.scrollHeight / 2")
    page.wait_for_timeout(50)
    assert wrap.evaluate("element => element.scrollTop") > 200, "the grid is expected to scroll inside its wrapper"
    assert abs(header.bounding_box()["y"] - top_before) < 2, "the stage header scrolled away"


@pytest.fixture(scope="module")
def measured_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The retail example rendered with its event log (`render --events`)."""
    from journeykit.cli import main

    root = tmp_path_factory.mktemp("measured")
    (root / ".git").mkdir()
    shutil.copytree(EXAMPLES, root / "maps")
    retail = root / "maps" / "consumer" / "retail"
    out = root / "out"
    argv = ["render", str(retail / "retail-app-first-year.journey.yaml"), "-o", str(out), "--as-of", AS_OF]
    assert main([*argv, "--events", str(retail / "events" / "retail-app-events.csv.gz")]) == 0
    return out / "retail-app-first-year.html"


def test_the_measured_report_shows_the_log_in_numbers_and_words(measured_site: Path, visit: Visitor) -> None:
    seen = visit(measured_site)
    page = seen.page
    assert seen.console_errors == [] and seen.dialogs == []
    assert seen.requests == [measured_site.as_uri()]
    assert page.evaluate("document.scripts.length") == 0
    section = page.locator("section#measured")
    page.locator("nav.toc a[href='#measured']").click()
    assert section.is_visible()
    # a funnel per persona (and for the unassigned and everyone), each an image with a name and a description
    charts = section.locator("svg.funnel-chart[role=img]")
    assert charts.count() == 5
    for index in range(charts.count()):
        chart = charts.nth(index)
        name = chart.evaluate(
            "svg => svg.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent)"
        )
        assert name[0].startswith("Funnel of ") and "mature entrants" in name[1]
        assert chart.locator("rect").count() == 6  # a bar per stage
    # the numbers are in words beside the bars, and the largest drop is said, not only coloured
    deal_hunter = section.locator("#funnel-deal-hunter")
    text = deal_hunter.locator("svg text.value").all_text_contents()
    assert any("reached" in line and "of entrants" in line for line in text)
    assert sum("largest drop" in line for line in text) == 1
    bar = deal_hunter.locator("svg g.bar.drop rect")
    assert bar.evaluate("e => getComputedStyle(e).strokeWidth") == "2px"  # a thicker outline, besides the words
    # the grid: a measured step into each stage column, and reach on the chips
    grid = page.locator("table.journey")
    assert grid.locator("tr.measured-steps").count() == 3
    assert grid.locator("tr.measured-steps td").first.inner_text().startswith("entry: ")
    assert "median" in grid.locator("tr.measured-steps td").nth(1).inner_text()
    assert grid.locator(".chip .reach").first.inner_text().startswith("met by ")
    # backtracks, events the map does not list, and the diagram's measured edges
    assert section.locator("table.backtracks tbody tr").count() >= 1
    assert "screen_view" in section.locator("table.unmapped").inner_text()
    labels = page.locator("figure.diagram svg g.edge text").all_text_contents()
    assert any(label.replace(",", "").isdigit() and int(label.replace(",", "")) > 100 for label in labels)
    ARTIFACTS.mkdir(exist_ok=True)
    section.screenshot(path=str(ARTIFACTS / "retail-app-first-year.measured.png"))
    page.screenshot(path=str(ARTIFACTS / "retail-app-first-year.measured-page.png"), full_page=True)
