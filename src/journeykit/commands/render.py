"""`journeykit render`: a Graphviz diagram and a self-contained HTML report per map, and an index.

Maps with errors are not rendered; their findings are printed and the run exits 1. Every
output file is written atomically. Output goes into the input tree only when asked, or
when that directory is one the map search skips anyway (git-ignored, excluded, a dot-dir).
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.analysis import Analysis
from journeykit.commands.check import CheckOptions, load
from journeykit.commands.coverage import matrices
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix
from journeykit.errors import UsageError
from journeykit.findings import Finding, Result, errors_of, plural
from journeykit.lint.engine import lint
from journeykit.model import Journey
from journeykit.output import atomic_bytes
from journeykit.render import dot as diagram
from journeykit.render import graphviz_run, html, view

FORMATS = ("html", "svg", "png", "pdf", "dot")
NEEDS_GRAPHVIZ = frozenset({"html", "svg", "png", "pdf"})
DIAGRAM_CAPTION = "flow-caption"


@dataclass(frozen=True)
class RenderOptions:
    check: CheckOptions
    outdir: Path
    formats: tuple[str, ...] = ("html",)
    personas: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    lanes: bool = False
    template_dir: Path | None = None
    allow_inside_input: bool = False
    as_of: datetime.date | None = None


@dataclass
class _Outcome:
    stems: dict[str, str] = field(default_factory=dict)
    """map id → the file name its outputs get (see output_stems)."""
    written: list[Path] = field(default_factory=list)
    maps: int = 0
    reports: dict[str, str] = field(default_factory=dict)
    """map file → its HTML report's file name, for the index."""


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"--format takes a comma-separated list of {', '.join(FORMATS)}; got {text!r}")
    return formats


def render(options: RenderOptions, settings: Settings) -> int:
    dot = graphviz_run.find_dot() if NEEDS_GRAPHVIZ & set(options.formats) else None
    if options.template_dir is not None and not options.template_dir.is_dir():
        raise UsageError(f"--template-dir {options.template_dir} is not a directory")
    _check_output_location(options, settings)
    today = options.as_of or datetime.date.today()
    analysis = load(options.check, settings)
    findings = [*analysis.findings, *lint(analysis, settings, today)]
    blocked = _files_with_errors(findings)
    renderable = [j for j in analysis.journeys if j.file not in blocked]
    chosen = {m.journey.id: m for m in matrices(renderable, options.personas, options.stages)}
    outcome = _Outcome(stems=output_stems([j.id for j in analysis.journeys]))
    with _progress(len(chosen)) as advance:
        for journey in renderable:
            if journey.id in chosen:
                _render_map(journey, chosen[journey.id], findings, analysis, options, dot, today, outcome)
                advance()
    if len(analysis.journeys) > 1 or blocked:
        _write_index(analysis, findings, blocked, options, today, outcome)
    _report(findings, blocked, outcome, analysis, options)
    return 1 if blocked else 0


def _render_map(
    journey: Journey,
    matrix: CoverageMatrix,
    findings: Sequence[Finding],
    analysis: Analysis,
    options: RenderOptions,
    dot: str | None,
    today: datetime.date,
    outcome: _Outcome,
) -> None:
    source = diagram.dot_source(journey, diagram.DiagramOptions(options.personas, options.stages, options.lanes))
    base = options.outdir / outcome.stems[journey.id]
    if "dot" in options.formats:
        _write(outcome, base.with_suffix(".dot"), source.encode("utf-8"))
    svg: bytes | None = None
    for output_format in ("svg", "png", "pdf"):
        if output_format in options.formats or (output_format == "svg" and "html" in options.formats):
            assert dot is not None
            drawn = graphviz_run.run_dot(dot, source, output_format)
            if output_format == "svg":
                svg = drawn
            if output_format in options.formats:
                _write(outcome, base.with_suffix(f".{output_format}"), drawn)
    if "html" in options.formats:
        assert svg is not None
        own = [f for f in findings if f.location.file == journey.file]
        report = view.build_report(
            journey,
            matrix,
            own,
            today=today,
            diagram_svg=graphviz_run.inline_svg(svg, DIAGRAM_CAPTION),
            sources={journey.file: journey.source},
            filters=_filters_text(options),
            index_href="index.html" if len(analysis.journeys) > 1 else None,
        )
        page = html.render("report.html.j2", options.template_dir, report=report, generator=report.generator)
        target = base.with_suffix(".html")
        _write(outcome, target, page.encode("utf-8"))
        outcome.reports[journey.file] = target.name
    outcome.maps += 1


def _write_index(
    analysis: Analysis,
    findings: Sequence[Finding],
    blocked: set[str],
    options: RenderOptions,
    today: datetime.date,
    outcome: _Outcome,
) -> None:
    if "html" not in options.formats:
        return
    entries = [
        (j, outcome.reports.get(j.file), [f for f in findings if f.location.file == j.file]) for j in analysis.journeys
    ]
    failed = sorted(blocked)
    index = view.build_index(entries, failed, today=today)
    page = html.render("index.html.j2", options.template_dir, index=index, generator=index.generator)
    _write(outcome, options.outdir / "index.html", page.encode("utf-8"))


def output_stems(ids: Sequence[str]) -> dict[str, str]:
    """File names for each map's outputs: its id, except that `index.html` is the index page."""
    taken = set(ids)
    stems = {}
    for journey_id in ids:
        stem = journey_id
        if stem == "index":
            stem = next(f"index-map{n or ''}" for n in range(len(ids) + 1) if f"index-map{n or ''}" not in taken)
            taken.add(stem)
        stems[journey_id] = stem
    return stems


def _write(outcome: _Outcome, path: Path, data: bytes) -> None:
    atomic_bytes(path, data)
    outcome.written.append(path)


def _files_with_errors(findings: Sequence[Finding]) -> set[str]:
    return {f.location.file for f in errors_of(findings)}


def _filters_text(options: RenderOptions) -> str | None:
    parts = []
    if options.personas:
        parts.append("personas " + ", ".join(options.personas))
    if options.stages:
        parts.append("stages " + ", ".join(options.stages))
    return " and ".join(parts) or None


def _check_output_location(options: RenderOptions, settings: Settings) -> None:
    """Refuse to write into a directory searched for maps, unless asked or the search skips it."""
    from journeykit.discover import walk_skips

    if options.allow_inside_input:
        return
    outdir = options.outdir.resolve()
    for raw in options.check.paths:
        if raw == "-":
            continue
        top = Path(raw).resolve()
        if not top.is_dir() or not (outdir == top or top in outdir.parents):
            continue
        if outdir != top and walk_skips(top, outdir, settings.exclude, settings.root):
            continue
        raise UsageError(
            f"the output directory {options.outdir} is inside the input {raw}: choose a directory outside it, "
            "git-ignore it, or pass --allow-inside-input"
        )


def _report(
    findings: Sequence[Finding], blocked: set[str], outcome: _Outcome, analysis: Analysis, options: RenderOptions
) -> None:
    from journeykit.reporters import ReportContext
    from journeykit.reporters.text import report as text_report

    if blocked:
        errors = errors_of(findings)
        result = Result(errors, len(blocked), dict(analysis.sources))
        text_report(result, sys.stderr, ReportContext("render"))
    for path in outcome.written:
        print(path.as_posix())
    message = f"journeykit: rendered {outcome.maps} of {len(analysis.journeys)} maps to {options.outdir}"
    if blocked:
        message += f"; {plural(len(blocked), 'file')} with errors not rendered"
    print(message, file=sys.stderr)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error when it is a terminal and there is more than one map."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("Rendering maps", total=total)
        yield lambda: progress.advance(task)
