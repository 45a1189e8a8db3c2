"""Coverage as GitHub-flavoured Markdown, for pull-request comments and `$GITHUB_STEP_SUMMARY`."""

from __future__ import annotations

from typing import TextIO

from journeykit.coverage import CellState, CoverageMatrix, CoverageReport
from journeykit.present import percent, plural
from journeykit.reporters import ReportContext
from journeykit.sanitize import markdown_inline

EMOJI: dict[CellState, str] = {
    "covered": "🟩",
    "partial": "🟨",
    "unmapped": "🟥",
    "missing": "⬛",
    "not-applicable": "⬜",
}


def report(coverage: CoverageReport, out: TextIO, context: ReportContext) -> None:
    total = coverage.total
    out.write("## Journey map coverage\n\n")
    out.write(
        f"**{percent(total.coverage, 1)}** of applicable persona × stage cells covered, "
        f"**{percent(total.evidence, 1)}** backed by evidence "
        f"({total.covered} of {total.applicable} cells, {plural(len(coverage.matrices), 'map')}).\n\n"
    )
    out.write("| map | coverage | evidenced | gaps |\n|---|---:|---:|---:|\n")
    for matrix in coverage.matrices:
        ratio = matrix.total
        name = f"{markdown_inline(matrix.journey.title)} (`{matrix.journey.id}`)"
        out.write(f"| {name} | {percent(ratio.coverage)} | {percent(ratio.evidence)} | {len(matrix.gaps())} |\n")
    for matrix in coverage.matrices:
        _matrix(out, matrix)
    legend = " · ".join(f"{EMOJI[state]} {state}" for state in EMOJI)
    out.write(f"\n{legend}\n")


def _matrix(out: TextIO, matrix: CoverageMatrix) -> None:
    journey = matrix.journey
    out.write(f"\n### {markdown_inline(journey.title)}\n\n{markdown_inline(journey.file)}\n\n")
    out.write(
        "| persona | "
        + " | ".join(markdown_inline(journey.stage_by_id[s].name) for s in matrix.stages)
        + " | coverage |\n"
    )
    out.write("|---|" + "|".join(":---:" for _ in matrix.stages) + "|---:|\n")
    by_persona = matrix.by_persona()
    for persona in matrix.personas:
        cells = " | ".join(EMOJI[c.state] for c in matrix.row(persona))
        name = markdown_inline(journey.persona_by_id[persona].name)
        out.write(f"| {name} | {cells} | {percent(by_persona[persona].coverage)} |\n")
    by_stage = matrix.by_stage()
    stage_ratios = " | ".join(percent(by_stage[s].coverage) for s in matrix.stages)
    out.write(f"| **coverage** | {stage_ratios} | **{percent(matrix.total.coverage)}** |\n")
