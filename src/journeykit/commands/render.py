"""`journeykit render`: a Graphviz diagram and a self-contained HTML report per map, and an index.

Maps with errors are not rendered; their findings are printed and the run exits 1. Every
output file is written atomically. Output goes into the input tree only when asked, or
when that directory is one the map search skips anyway (git-ignored, excluded, a dot-dir).
"""

from __future__ import annotations

import dataclasses
import datetime
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.analytics.settings import AnalyticsChoices
from journeykit.checks import Checked
from journeykit.codes.rendering import DIAGRAM_FAILED
from journeykit.commands.check import CheckOptions, load
from journeykit.commands.events import EventLogRun
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix, select
from journeykit.diff.changes import DiffReport, MapDiff
from journeykit.diff.marks import marks_of
from journeykit.errors import UsageError
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.output import atomic_bytes
from journeykit.present import plural
from journeykit.quoted import QuotedLines
from journeykit.render import dot as diagram
from journeykit.render import graphviz_run, html
from journeykit.render.plan_view import YearView, build_year_view
from journeykit.render.view.analytics import build_analytics_view, transition_counts
from journeykit.render.view.index import build_index
from journeykit.render.view.report import build_report

if TYPE_CHECKING:
    from journeykit.analytics.result import AnalyticsResult
    from journeykit.figures import MapAnalytics
    from journeykit.render.view.analytics import AnalyticsView

FORMATS = ("html", "svg", "png", "pdf", "dot")
NEEDS_GRAPHVIZ = frozenset({"svg", "png", "pdf"})
NO_GRAPHVIZ_NOTE = (
    "The flow diagram is missing because Graphviz is not installed: install it (`sudo apt-get install graphviz`, "
    "`brew install graphviz`) and render again. The touchpoints table below lists the same flow as text."
)
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
    since: str | None = None
    """A git revision: mark in the reports and diagrams what changed since it."""
    events: AnalyticsChoices | None = None
    """`--events` and the log's options: show in the reports and diagrams what the event log measured."""


def parse_formats(text: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise UsageError(f"--format takes a comma-separated list of {', '.join(FORMATS)}; got {text!r}")
    return formats


def render(options: RenderOptions, settings: Settings) -> int:
    dot = _find_dot(options.formats)
    if options.template_dir is not None and not options.template_dir.is_dir():
        raise UsageError(f"--template-dir {options.template_dir} is not a directory")
    _check_output_location(options, settings)
    today = options.as_of or datetime.date.today()
    log = EventLogRun(options.events, settings) if options.events is not None else None
    checked = load(options.check, settings, lint_as_of=today, measure=log, keep_maps=True)
    changes = _changes_since(options, checked, settings, today)
    blocked = {f.location.file for f in checked.result.errors}
    renderable = [m for m in checked.maps if m.journey.file not in blocked]
    chosen = {m.journey.id: m for m in select([m.coverage for m in renderable], options.personas, options.stages)}
    run = _Run(options, dot, today, checked, blocked, changes=changes, log=log.result if log is not None else None)
    with _progress(len(chosen)) as advance:
        for analyzed in renderable:
            if analyzed.journey.id in chosen:
                run.render_map(analyzed.journey, chosen[analyzed.journey.id])
                advance()
    if run.with_index:
        run.write_index(chosen)
    run.report()
    return 1 if blocked or run.failed_diagrams else 0


def _find_dot(formats: Sequence[str]) -> str | None:
    """Graphviz's dot: required for svg, png and pdf; for html only wanted (the report says it is missing)."""
    if NEEDS_GRAPHVIZ & set(formats):
        return graphviz_run.find_dot()
    if "html" in formats:
        try:
            return graphviz_run.find_dot()
        except graphviz_run.GraphvizMissingError:
            return None
    return None


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
    changes: DiffReport | None = None
    """What changed since `--since`, when it is given."""
    log: AnalyticsResult | None = None
    """What the event log of `--events` measured, when it is given."""

    def __post_init__(self) -> None:
        self.by_file: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.checked.result.findings:
            self.by_file[finding.location.file].append(finding)
        self.journeys = self.checked.analysis.journeys
        self.templates = html.Templates(self.options.template_dir)
        self.stems = output_stems([j.id for j in self.journeys])
        self.with_index = "html" in self.options.formats
        self.failed_diagrams: list[Finding] = []

    def render_map(self, journey: Journey, matrix: CoverageMatrix) -> None:
        options = self.options
        since = self.changes.maps.get(journey.id) if self.changes is not None else None
        if since is None and self.changes is not None:  # the same on both sides, so left out of the diff
            since = MapDiff(journey.id, journey, journey, (), self.changes.base.name)
        marks = marks_of(since) if since is not None else None
        figures = self.log.of(journey.file) if self.log is not None else None
        layout = diagram.DiagramOptions(
            options.personas, options.stages, options.lanes, marks=marks, **_measured_steps(figures, options)
        )
        source = diagram.dot_source(journey, layout)
        base = options.outdir / self.stems[journey.id]
        if "dot" in options.formats:
            self._write(base.with_suffix(".dot"), source.encode("utf-8"))
        drawn_formats = [
            f for f in ("svg", "png", "pdf") if f in options.formats or (f == "svg" and "html" in options.formats)
        ]
        drawing = draw(self.dot, journey, layout, source, drawn_formats) if drawn_formats else Drawing({}, None)
        drawn, note = drawing.files, drawing.note
        if drawing.failure is not None:
            self.failed_diagrams.append(drawing.failure)
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
                diagram_svg=graphviz_run.inline_svg(drawn["svg"], DIAGRAM_CAPTION) if "svg" in drawn else None,
                diagram_note=note,
                quoted=self.checked.result.quoted,
                filters=_filters_text(options),
                index_href=INDEX if self.with_index else None,
                year=year_of(journey, matrix, self.today),
                changes=since,
                analytics=(
                    build_analytics_view(figures, self.log.settings, journey, matrix.personas)
                    if figures is not None and self.log is not None
                    else None
                ),
                figures=figures,
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

        if self.blocked or self.failed_diagrams:
            errors = self.checked.result.errors_only()
            errors = errors.with_findings([*errors.findings, *self.failed_diagrams])
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


def _changes_since(
    options: RenderOptions, checked: Checked, settings: Settings, today: datetime.date
) -> DiffReport | None:
    if options.since is None:
        return None
    from journeykit.commands.diff import changes_since

    return changes_since(options.since, options.check.paths, checked, settings, today)


def _measured_steps(figures: MapAnalytics | None, options: RenderOptions) -> dict[str, Any]:
    """The diagram's measured steps: everyone's (or the chosen personas'), or each persona's for `--lanes`."""
    if figures is None:
        return {}
    if options.lanes:
        return {"lane_steps": {persona: transition_counts(figures, (persona,)) for persona in figures.groups}}
    return {"steps": transition_counts(figures, options.personas or ("all",))}


@dataclass(frozen=True)
class Drawing:
    """A map's diagram as drawn: the files by format, a note for the report, and the JK801 finding when
    Graphviz could not draw it at all."""

    files: dict[str, bytes]
    note: str | None
    failure: Finding | None = None


def draw(
    dot: str | None, journey: Journey, layout: diagram.DiagramOptions, source: str, formats: Sequence[str]
) -> Drawing:
    """Lay the diagram out once for every format; a simpler layout (no flow steps) when the full one takes
    too long; a note instead when Graphviz is missing; JK801 for this map only when nothing works."""
    if dot is None:
        return Drawing({}, NO_GRAPHVIZ_NOTE)
    try:
        return Drawing(graphviz_run.run_dot(dot, source, formats), None)
    except graphviz_run.GraphvizTimeoutError:
        simpler = diagram.dot_source(journey, dataclasses.replace(layout, flow=False))
        try:
            drawn = graphviz_run.run_dot(dot, simpler, formats)
        except graphviz_run.GraphvizFailedError as error:
            failure = str(error)
        else:
            note = "The steps between touchpoints are not drawn: laying them out took too long. "
            return Drawing(drawn, note + "The touchpoints table below lists them.")
    except graphviz_run.GraphvizFailedError as error:
        failure = str(error)
    finding = DIAGRAM_FAILED.finding(
        journey.origin.at("id", key=True),
        f"the diagram of '{journey.id}' could not be drawn: {failure}",
        hint="render a part at a time with --stage or --persona; the HTML report is written without it",
    )
    return Drawing({}, f"The flow diagram could not be drawn: {failure}", finding)


def year_of(journey: Journey, matrix: CoverageMatrix, today: datetime.date) -> YearView | None:
    """The report's calendar: the map's reference plan (the year lint checks) for the personas shown."""
    from journeykit.plan.reference import reference_plan, reference_words

    if not journey.interactions or not matrix.personas:
        return None
    plan = reference_plan(journey, today, personas=tuple(matrix.personas))
    if plan is None:
        return None
    return build_year_view(plan, title="The year, per persona", note=reference_words(journey))


def report_page(
    templates: html.Templates,
    journey: Journey,
    matrix: CoverageMatrix,
    findings: Sequence[Finding],
    *,
    today: datetime.date,
    diagram_svg: str | None,
    diagram_note: str | None = None,
    quoted: QuotedLines | None = None,
    filters: str | None = None,
    index_href: str | None = None,
    year: YearView | None = None,
    changes: MapDiff | None = None,
    analytics: AnalyticsView | None = None,
    figures: MapAnalytics | None = None,
) -> str:
    """One map's HTML report, as `render` writes it (and `serve` shows it); `quoted` holds the lines its
    findings quote, `analytics` and `figures` what an event log measured (`render --events`)."""
    report = build_report(
        journey,
        matrix,
        findings,
        today=today,
        diagram_svg=diagram_svg,
        diagram_note=diagram_note,
        quoted=quoted,
        filters=filters,
        index_href=index_href,
        year=year,
        changes=changes,
        analytics=analytics,
        figures=figures,
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
