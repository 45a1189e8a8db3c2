"""A pull-request comment: summary, changes most severe first, moved coverage cells, new findings.

The comment starts with a hidden marker (`<!-- journeykit-diff -->`) so a CI job can find and
update its own comment. Long sections are folded in `<details>`. GitHub refuses comments longer
than 65,536 characters: the comment is built within that many UTF-8 bytes (never fewer
characters), the most severe rows first, and says what it left out. Map text is escaped so it
cannot add Markdown or HTML, and `@` is followed by a zero-width space entity so it cannot mention anyone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TextIO

from journeykit.coverage import CellState
from journeykit.diff.changes import Change, DiffReport, MapCoverage
from journeykit.diff.reporters.common import side_name, summary
from journeykit.findings import Finding, Severity
from journeykit.present import plural
from journeykit.reporters import ReportContext
from journeykit.reporters.coverage_markdown import EMOJI
from journeykit.sanitize import markdown_inline

MARKER = "<!-- journeykit-diff -->"
LIMIT = 65_536
RESERVE = 1_500
"""Bytes kept for the closing notes and the markup around the sections."""
OPEN_ROWS = 15
"""Tables and lists longer than this are folded in <details>."""
ICONS = {Severity.ERROR: "⛔", Severity.WARNING: "⚠️", Severity.INFO: "💬"}
SEPARATE = frozenset({"coverage-changed", "finding-added", "finding-fixed"})
"""Kinds shown in their own sections (the coverage grid, the findings) rather than the table."""


def text(value: str) -> str:
    """Map text made inert: one line, HTML and Markdown escaped, control characters shown, no @mention."""
    return markdown_inline(value)


def size(value: str) -> int:
    return len(value.encode("utf-8"))


@dataclass
class _Section:
    """A section's rows, the ones that fitted in the comment, and how to frame them."""

    title: str
    rows: list[str]
    head: str = ""
    fold_title: str = ""
    always_fold: bool = False
    kept: list[str] = field(default_factory=list)

    def render(self) -> str:
        if not self.kept:
            return ""
        body = self.head + "".join(self.kept)
        if self.always_fold or len(self.kept) > OPEN_ROWS:
            return f"{self.title}<details>\n<summary>{self.fold_title}</summary>\n\n{body}\n</details>\n\n"
        return f"{self.title}{body}\n"


def report(diff: DiffReport, out: TextIO, context: ReportContext) -> None:
    out.write(comment(diff))


def comment(diff: DiffReport, limit: int = LIMIT) -> str:
    """The whole comment, within `limit` UTF-8 bytes."""
    header = _header(diff)
    changes = [c for c in diff.sorted_changes() if c.kind not in SEPARATE]
    serious = [c for c in changes if c.level >= Severity.WARNING]
    other = [c for c in changes if c.level < Severity.WARNING]
    table_head = "| | level | change | map | what | where |\n|---|---|---|---|---|---|\n"
    sections = {
        "serious": _Section(
            "#### Changes\n\n",
            [_row(c) for c in serious],
            table_head,
            f"{plural(len(serious), 'change')} at warning or error level",
        ),
        "coverage": _Section(
            "#### Coverage\n\n",
            [_grid(entry) for entry in diff.coverage if entry.cells],
            fold_title=f"{plural(sum(1 for e in diff.coverage if e.cells), 'map')} with cells that moved",
        ),
        "findings": _Section(
            "#### New findings\n\n",
            [_finding(f) for f in diff.added],
            fold_title=f"{plural(len(diff.added), 'new finding')}",
        ),
        "other": _Section(
            "#### Other changes\n\n" if serious else "#### Changes\n\n",
            [_row(c) for c in other],
            table_head,
            f"{plural(len(other), 'change')} at info level",
            always_fold=bool(serious),
        ),
    }
    budget = limit - size(header) - RESERVE
    for name in ("serious", "findings", "coverage", "other"):  # what a reviewer needs most goes in first
        section = sections[name]
        if section.rows:
            budget -= size(section.title + section.head) + 120
        for row in section.rows:
            cost = size(row)
            if cost > budget:
                break
            section.kept.append(row)
            budget -= cost
    body = "".join(sections[name].render() for name in ("serious", "coverage", "findings", "other"))
    return header + body + _footer(diff, sections)


def _header(diff: DiffReport) -> str:
    sides = f"{text(side_name(diff.base))} → {text(side_name(diff.head))}"
    lines = [MARKER, "", f"### Journey changes: {sides}", "", f"{_summary_line(diff)}", ""]
    return "\n".join(lines) + "\n"


def _summary_line(diff: DiffReport) -> str:
    if diff.empty:
        return f"No journey changes ({plural(diff.files_compared, 'file')} compared)."
    counts = diff.counts()
    first = next((label for label, n in counts.items() if n), None)
    line = summary(diff)
    if first is not None:  # the most severe count in bold
        most = plural(counts[first], first)
        line = line.replace(most, f"**{most}**", 1)
    moved = [e for e in diff.coverage if e.before is not None and e.after is not None]
    if moved:
        shown = ", ".join(f"{text(e.map)} {e.phrase()}" for e in moved[:5])
        more = f" and {len(moved) - 5} more" if len(moved) > 5 else ""
        line += f". Coverage: {shown}{more}"
    return line + "."


def _row(change: Change) -> str:
    loc = change.location
    where = text(f"{loc.file}:{loc.line}") if loc else ""
    return (
        f"| {ICONS[change.level]} | {change.level.label} | `{change.kind}` | {text(change.map or change.file or '')} "
        f"| {text(change.message)} | {where} |\n"
    )


def _finding(finding: Finding) -> str:
    loc = finding.location
    return (
        f"- {ICONS[finding.severity]} **{finding.severity.label}** {text(finding.code)} "
        f"{text(f'{loc.file}:{loc.line}:{loc.column}')}: {text(finding.message)}\n"
    )


def _grid(entry: MapCoverage) -> str:
    """The moved cells of one map as a persona x stage table: `🟨 partial → 🟩 covered`, `·` elsewhere."""
    personas = list(dict.fromkeys(c.persona for c in entry.cells))
    stages = list(dict.fromkeys(c.stage for c in entry.cells))
    moved = {(c.persona, c.stage): (c.before, c.after) for c in entry.cells}
    lines = [
        f"**{text(entry.title)}** ({text(entry.map)}): coverage {entry.phrase()}",
        "",
        "| persona | " + " | ".join(text(entry.stage_names.get(s, s)) for s in stages) + " |",
        "|---|" + "|".join(":---:" for _ in stages) + "|",
    ]
    for persona in personas:
        cells = [_cell(moved[(persona, s)]) if (persona, s) in moved else "·" for s in stages]
        lines.append(f"| {text(entry.persona_names.get(persona, persona))} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n"


def _cell(states: tuple[CellState | None, CellState | None]) -> str:
    def one(state: CellState | None) -> str:
        return f"{EMOJI[state]} {state}" if state is not None else "absent"

    return f"{one(states[0])} → {one(states[1])}"


def _footer(diff: DiffReport, sections: dict[str, _Section]) -> str:
    notes = []
    if diff.fixed:
        notes.append(f"{plural(len(diff.fixed), 'finding')} fixed.")
    cut = {name: len(s.rows) - len(s.kept) for name, s in sections.items() if len(s.rows) > len(s.kept)}
    if cut:
        words = {"serious": "change", "other": "info change", "coverage": "coverage grid", "findings": "new finding"}
        parts = ", ".join(plural(n, words[name]) for name, n in cut.items())
        notes.append(
            f"**Not shown:** {parts}, to keep this comment within GitHub's {LIMIT:,}-character limit. "
            "Run `journeykit diff` (or `--format json`) to see everything."
        )
    legend = " · ".join(f"{EMOJI[s]} {s}" for s in _states())
    if any(e.cells for e in diff.coverage):
        notes.append(f"Cells: {legend}.")
    return "".join(f"{note}\n\n" for note in notes)


def _states() -> Sequence[CellState]:
    return tuple(EMOJI)
