"""Every diagram of `journeykit export --format mermaid` rendered by the real Mermaid, in Debian's Chromium.

Mermaid comes from the npm registry at the version tests/browser/mermaid/package-lock.json pins (`./dev
test` runs `npm ci` there); its browser bundle is loaded into a blank test page, which is not a journeykit
report. For every example and for both hostile maps, each diagram must parse and render, with as many
sections and tasks (journey diagrams) or nodes, subgraphs and arrows (the flowchart) as the map has,
and nothing the map says may run, link or style anything.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from journeykit.analysis import analyze
from journeykit.config import Settings
from journeykit.model import Journey
from tests.helpers import EXAMPLES, FIXTURES, REPO

pytestmark = pytest.mark.browser
BUNDLE = REPO / "tests" / "browser" / "mermaid" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MAPS = [
    *sorted(p for p in EXAMPLES.rglob("*.journey.yaml")),
    FIXTURES / "hostile" / "hostile.journey.yaml",
    FIXTURES / "hostile" / "mermaid-hostile.journey.yaml",
]
RENDER = """async (diagrams) => {
  mermaid.initialize({startOnLoad: false});
  const results = [];
  for (const [index, text] of diagrams.entries()) {
    const host = document.createElement('div');
    document.body.appendChild(host);
    try {
      const {svg} = await mermaid.render('diagram' + index, text);
      host.innerHTML = svg;
      const count = (selector) => host.querySelectorAll(selector).length;
      results.push({
        sections: count('rect.journey-section'), tasks: count('rect.task'),
        nodes: count('g.node'), subgraphs: count('g.cluster'), links: count('path.flowchart-link'),
        text: host.textContent,
        handlers: [...host.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
          .filter(name => name.startsWith('on')),
        links_out: [...host.querySelectorAll('a')].map(a => a.getAttribute('href') || a.getAttribute('xlink:href')),
        scripts: count('script, foreignObject script, iframe, img'),
      });
    } catch (error) {
      results.push({error: String(error && error.message || error)});
    }
  }
  return results;
}"""


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    assert BUNDLE.exists(), "Mermaid is not installed: ./dev test runs npm ci in tests/browser/mermaid"
    opened = browser.new_page()
    opened.set_content("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body></body></html>")
    opened.add_script_tag(path=str(BUNDLE))
    assert opened.evaluate("typeof mermaid.render") == "function"
    yield opened
    opened.close()


def _exported(path: Path, tmp_path: Path) -> tuple[Journey, list[str]]:
    """The map's model, and the diagrams of its export, run through the real entry point."""
    from journeykit.cli import main

    workspace = tmp_path / "maps"
    shutil.copytree(path.parent, workspace, dirs_exist_ok=True)
    if path.parent.parent.name == "consumer":  # the catalog of the consumer examples lives one level up
        shutil.copy(path.parent.parent / "consumer.catalog.yaml", tmp_path)
    (tmp_path / ".git").mkdir(exist_ok=True)
    target = workspace / path.name
    out = tmp_path / "diagrams.md"
    assert main(["export", str(target), "--format", "mermaid", "--output", str(out)]) == 0
    (journey,) = analyze([str(target)], Settings()).journeys
    return journey, re.findall(r"```mermaid\n(.*?)```", out.read_text(encoding="utf-8"), re.DOTALL)


def _tasks(journey: Journey, persona: str) -> int:
    """Tasks per stage as the map has them; a stage without any shows one placeholder."""
    total = 0
    for stage in journey.stages:
        experience = journey.experience_by_cell.get((persona, stage.id))
        total += len(experience.tasks) if experience and experience.applicable and experience.tasks else 1
    return total


@pytest.mark.parametrize("path", MAPS, ids=[p.name for p in MAPS])
def test_every_diagram_renders_with_the_maps_parts(path: Path, page: Page, tmp_path: Path) -> None:
    journey, diagrams = _exported(path, tmp_path)
    results: list[dict[str, Any]] = page.evaluate(RENDER, diagrams)
    expected_diagrams = len(journey.personas) + (1 if journey.touchpoints else 0)
    assert len(results) == len(diagrams) == expected_diagrams
    for persona, result in zip(journey.personas, results[: len(journey.personas)], strict=True):
        assert "error" not in result, (persona.id, result.get("error"))
        assert result["sections"] == len(journey.stages), persona.id
        assert result["tasks"] == _tasks(journey, persona.id), persona.id
    if journey.touchpoints:
        flow = results[-1]
        assert "error" not in flow, flow.get("error")
        assert flow["nodes"] == len(journey.touchpoints)
        assert flow["subgraphs"] == len({t.stage for t in journey.touchpoints})
        ids = {t.id for t in journey.touchpoints}
        arrows = sum(len([n for n in (*t.next, *t.loops_to) if n in ids]) for t in journey.touchpoints)
        assert flow["links"] == arrows
    for result in results:
        assert result["handlers"] == [] and result["links_out"] == [] and result["scripts"] == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_hostile_text_is_shown_not_obeyed(page: Page, tmp_path: Path) -> None:
    _, diagrams = _exported(FIXTURES / "hostile" / "mermaid-hostile.journey.yaml", tmp_path)
    results = page.evaluate(RENDER, diagrams)
    flow = results[-1]["text"]
    for name in ["end", "A --> B --> C", "click t0 href", "style t0 fill", "<script>window.__pwned=1</script>"]:
        assert name in flow, name  # shown as the map says it
    assert "Injected" not in results[-1]["text"].replace('subgraph s9 ["Injected"]', "")  # no subgraph was added
    first = results[0]["text"]
    assert "Someone else" in first and "%% a Mermaid comment".replace("%", "\uff05") in first
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgba(0, 0, 0, 0)"  # no theme forced
