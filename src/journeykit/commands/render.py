"""`journeykit render`: a Graphviz diagram and a self-contained HTML report per map, and an index.

Maps with errors are not rendered; their findings are printed and the run exits 1. Every
output file is written atomically. Output goes into the input tree only when asked, or
when that directory is one the map search skips anyway (git-ignored, excluded, a dot-dir).
"""

from __future__ import annotations

import datetime
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.checks import Checked
from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix, select
from journeykit.errors import UsageError
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.output import atomic_bytes
from journeykit.present import plural
from journeykit.render import dot as diagram
from journeykit.render import graphviz_run, html
from journeykit.render.view.index import build_index
from journeykit.render.view.report import build_report

FORMATS = ("html", "svg", "png", "pdf", "dot")
NEEDS_GRAPHVIZ = frozenset({"html", "svg", "png", "pdf"})
DIAGRAM_CAPTION = "flow-caption"
INDEX = "index.html"


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
    checked = load(options.check, settings, lint_as_of=today)
    blocked = {f.location.file for f in checked.result.errors}
    renderable = [m for m in checked.maps if m.journey.file not in blocked]
    chosen = {m.journey.id: m for m in select([m.coverage for m in renderable], options.personas, options.stages)}
    run = _Run(options, dot, today, checked, blocked)
    with _progress(len(chosen)) as advance:
        for analyzed in renderable:
            if analyzed.journey.id in chosen:
                run.render_map(analyzed.journey, chosen[analyzed.journey.id])
                advance()
    if run.with_index:
        run.write_index(chosen)
    run.report()
    return 1 if blocked else 0


@dataclass
class _Run:
    """One render: the options, the files written so far, and the findings by file."""

    options: RenderOptions
    dot: str | None
    today: datetime.date
    checked: Checked
    blocked: set[str]
    written: list[Path] = field(default_factory=list)
    reports: dict[str, str] = field(default_factory=dict)
    """map file → its HTML report's file name, for the index."""
    rendered: int = 0

    def __post_init__(self) -> None:
        self.by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.checked.result.findings:
            self.by_file[finding.location.file].append(finding)
        self.journeys = self.checked.analysis.journeys
        self.templates = html.Templates(self.options.template_dir)
        self.stems = output_stems([j.id for j in self.journeys])
        self.with_index = "html" in self.options.formats and (len(self.journeys) > 1 or bool(self.blocked))

    def render_map(self, journey: Journey, matrix: CoverageMatrix) -> None:
        options = self.options
        source = diagram.dot_source(journey, diagram.DiagramOptions(options.personas, options.stages, options.lanes))
        base = options.outdir / self.stems[journey.id]
        if "dot" in options.formats:
            self._write(base.with_suffix(".dot"), source.encode("utf-8"))
        drawn_formats = [
            f for f in ("svg", "png", "pdf") if f in options.formats or (f == "svg" and "html" in options.formats)
        ]
        drawn = graphviz_run.run_dot(self.dot, source, drawn_formats) if drawn_formats and self.dot else {}
        for output_format, data in drawn.items():
            if output_format in options.formats:
                self._write(base.with_suffix(f".{output_format}"), data)
        if "html" in options.formats:
            page = report_page(
                self.templates,
                journey,
                matrix,
                self.by_file[journey.file],
                today=self.today,
                diagram_svg=graphviz_run.inline_svg(drawn["svg"], DIAGRAM_CAPTION),
                filters=_filters_text(options),
                index_href=INDEX if self.with_index else None,
            )
            target = base.with_suffix(".html")
            self._write(target, page.encode("utf-8"))
            self.reports[journey.file] = target.name
        self.rendered += 1

    def write_index(self, chosen: dict[str, CoverageMatrix]) -> None:
        page = index_page(self.templates, self.checked, self.reports, self.by_file, chosen, self.blocked, self.today)
        self._write(self.options.outdir / INDEX, page.encode("utf-8"))

    def report(self) -> None:
        """Errors of the maps not rendered on standard error; the files written on standard output."""
        from journeykit.reporters import DIAGNOSTIC_FORMATS, ReportContext

        if self.blocked:
            errors = self.checked.result.errors_only()
            DIAGNOSTIC_FORMATS.get("text").report(errors, sys.stderr, ReportContext("render"))
        for path in self.written:
            print(path.as_posix())
        message = f"journeykit: rendered {self.rendered} of {len(self.journeys)} maps to {self.options.outdir}"
        if self.blocked:
            message += f"; {plural(len(self.blocked), 'file')} with errors not rendered"
        print(message, file=sys.stderr)

    def _write(self, path: Path, data: bytes) -> None:
        atomic_bytes(path, data)
        self.written.append(path)


def report_page(
    templates: html.Templates,
    journey: Journey,
    matrix: CoverageMatrix,
    findings: Sequence[Finding],
    *,
    today: datetime.date,
    diagram_svg: str | None,
    filters: str | None = None,
    index_href: str | None = None,
) -> str:
    """One map's HTML report, as `render` writes it (and `serve` shows it)."""
    report = build_report(
        journey,
        matrix,
        findings,
        today=today,
        diagram_svg=diagram_svg,
        sources={journey.file: journey.source},
        filters=filters,
        index_href=index_href,
    )
    return templates.render("report.html.j2", report=report, generator=report.generator)


def index_page(
    templates: html.Templates,
    checked: Checked,
    reports: Mapping[str, str],
    by_file: Mapping[str, Sequence[Finding]],
    chosen: Mapping[str, CoverageMatrix],
    blocked: Iterable[str],
    today: datetime.date,
) -> str:
    """The index: each map with its report link (`reports`, by map file) and the coverage its report shows."""
    entries = [
        (m.journey, reports.get(m.journey.file), by_file.get(m.journey.file, ()), chosen.get(m.journey.id, m.coverage))
        for m in checked.maps
    ]
    index = build_index(entries, sorted(blocked), today=today)
    return templates.render("index.html.j2", index=index, generator=index.generator)


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


def _filters_text(options: RenderOptions) -> str | None:
    parts = []
    if options.personas:
        parts.append("personas " + ", ".join(options.personas))
    if options.stages:
        parts.append("stages " + ", ".join(options.stages))
    return " and ".join(parts) or None


def _check_output_location(options: RenderOptions, settings: Settings) -> None:
    """Refuse to write into a directory searched for maps, unless asked or the search skips it."""
    from journeykit.discover import Finder

    if options.allow_inside_input:
        return
    outdir = options.outdir.resolve()
    finder = Finder(settings.exclude, settings.root)
    for raw in options.check.paths:
        if raw == "-":
            continue
        top = Path(raw).resolve()
        if not top.is_dir() or not (outdir == top or top in outdir.parents):
            continue
        if outdir != top and finder.walk_skips(top, outdir):
            continue
        raise UsageError(
            f"the output directory {options.outdir} is inside the input {raw}: choose a directory outside it, "
            "git-ignore it, or pass --allow-inside-input"
        )


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
