"""The pages of a preview: built on request from the files as they are now, through `render`'s code.

Each generation of the site (a new one after every change) re-reads the configuration, finds the maps
and runs the checks once; pages are then built when asked for and kept until the next change, so many
open tabs cost one build. `/` is the index; a map's report is at its own URL with `.html`
(`maps/retail.journey.yaml` → `maps/retail.journey.html`); a map with errors shows them there, with
their source lines, instead of a report; any other URL is a file inside the given paths, or not found.
"""

from __future__ import annotations

import datetime
import html
import mimetypes
import sys
import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from journeykit.checks import Checked, run_checks
from journeykit.commands.render import DIAGRAM_CAPTION, draw, index_page, report_page, year_of
from journeykit.config import Settings
from journeykit.discover import discover, is_catalog_name, resolved
from journeykit.errors import JourneykitError
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.present import plural
from journeykit.render import dot as diagram
from journeykit.render import graphviz_run
from journeykit.render.html import Templates
from journeykit.render.view.problems import build_problems
from journeykit.serve.files import Tree, report_url
from journeykit.serve.live import Changes

HTML = "text/html; charset=utf-8"
ACTIVE_TYPES = frozenset({"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml"})
"""Static files of these types could run scripts: they are sent in a sandbox."""


@dataclass(frozen=True)
class SiteOptions:
    paths: tuple[str, ...]
    template_dir: Path | None = None
    as_of: datetime.date | None = None
    lanes: bool = False


@dataclass(frozen=True)
class Page:
    """One response: journeykit's own pages get the reload script (`live`), files are sent as they are."""

    status: int
    body: bytes
    content_type: str = HTML
    live: bool = True
    sandbox: bool = False


@dataclass
class _Generation:
    """What one generation of the site found: the maps and the checks' result, and the pages built so far."""

    name: str
    today: datetime.date
    templates: Templates | None = None
    checked: Checked | None = None
    problem: str | None = None
    """Why nothing can be shown (a broken configuration or template directory)."""
    reports: dict[str, str] = field(default_factory=dict)
    """Report URL → map file (display name)."""
    hrefs: dict[str, str] = field(default_factory=dict)
    """Map file → its report's URL, relative to the index."""
    by_file: dict[str, list[Finding]] = field(default_factory=lambda: defaultdict(list))
    pages: dict[str, Page] = field(default_factory=dict)


class Site:
    """The preview's pages for the current generation of the files."""

    def __init__(
        self,
        options: SiteOptions,
        tree: Tree,
        changes: Changes,
        settings: Callable[[], Settings],
        dot: str | None,
    ) -> None:
        self.options = options
        self.tree = tree
        self.changes = changes
        self._settings = settings
        self._dot = dot
        self._lock = threading.Lock()
        self._current: _Generation | None = None
        self.catalog_directories: set[Path] = set()
        """Directories of the catalogs the maps see outside the given paths: they are watched too."""

    def page(self, url_path: str) -> tuple[Page, str]:
        """The response for a URL path, and the generation it belongs to."""
        with self._lock:
            current = self._generation()
            known = current.pages.get(url_path)
            if known is None:
                known = self._build(current, url_path)
                if known.live:
                    current.pages[url_path] = known
            return known, current.name

    def summary(self) -> str:
        """`4 maps (1 with errors)`, as the current generation found them."""
        with self._lock:
            current = self._generation()
        if current.problem is not None or current.checked is None:
            return "the maps (not shown yet: see the page)"
        blocked = {f.location.file for f in current.checked.result.errors} & set(current.hrefs)
        text = plural(len(current.hrefs), "map")
        return f"{text} ({len(blocked)} with errors)" if blocked else text

    def _generation(self) -> _Generation:
        name = self.changes.generation  # read first: a change during the checks makes the next request redo them
        if self._current is not None and self._current.name == name:
            return self._current
        today = self.options.as_of or datetime.date.today()
        current = _Generation(name, today)
        try:
            settings = self._settings()
            current.templates = Templates(self.options.template_dir)
            current.checked = run_checks(self.options.paths, settings, lint_as_of=today)
            self._index_maps(current, settings)
        except JourneykitError as problem:
            current.problem = str(problem)
        self._current = current
        return current

    def _index_maps(self, current: _Generation, settings: Settings) -> None:
        assert current.checked is not None
        targets = discover(self.options.paths, exclude=settings.exclude, exclude_root=settings.root)
        for target in targets:
            if target.path is None or is_catalog_name(target.path.name):
                continue
            url = self.tree.url_of(target.path)
            if url is not None:
                current.reports[report_url(url)] = target.display
                current.hrefs[target.display] = report_url(url).lstrip("/")
        for finding in current.checked.result.findings:
            current.by_file[finding.location.file].append(finding)
        for source in current.checked.analysis.sources.values():
            if source.path is not None and not self.tree.contains(resolved(source.path)):
                self.catalog_directories.add(resolved(source.path).parent)

    def _build(self, current: _Generation, url_path: str) -> Page:
        if current.problem is not None:
            return _message(500, "journeykit cannot show the maps", current.problem)
        try:
            if url_path == "/":
                return self._index(current)
            if url_path in current.reports:
                return self._report(current, current.reports[url_path])
        except JourneykitError as problem:  # a template the user overrides fails, dot cannot run
            return _message(500, "journeykit cannot show this page", str(problem))
        return self._file(url_path)

    def _index(self, current: _Generation) -> Page:
        assert current.checked is not None and current.templates is not None
        blocked = {f.location.file for f in current.checked.result.errors}
        checked, today = current.checked, current.today
        page = index_page(current.templates, checked, current.hrefs, current.by_file, {}, blocked, today)
        return Page(200, page.encode("utf-8"))

    def _report(self, current: _Generation, file: str) -> Page:
        assert current.checked is not None and current.templates is not None
        analyzed = next((m for m in current.checked.maps if m.journey.file == file), None)
        errors = any(f.location.file == file for f in current.checked.result.errors)
        if analyzed is None or errors:
            problems = build_problems(file, current.checked.result, today=current.today, index_href="/")
            page = current.templates.render("problems.html.j2", problems=problems, generator=problems.generator)
            return Page(200, page.encode("utf-8"))
        svg, note = self._diagram(analyzed.journey)
        page = report_page(
            current.templates,
            analyzed.journey,
            analyzed.coverage,
            current.by_file.get(file, ()),
            today=current.today,
            diagram_svg=svg,
            diagram_note=note,
            quoted=current.checked.result.quoted,
            index_href="/",
            year=year_of(analyzed.journey, analyzed.coverage, current.today),
        )
        return Page(200, page.encode("utf-8"))

    def _diagram(self, journey: Journey) -> tuple[str | None, str | None]:
        """The inline SVG and the report's note, drawn as `render` draws it."""
        layout = diagram.DiagramOptions((), (), self.options.lanes)
        drawing = draw(self._dot, journey, layout, diagram.dot_source(journey, layout), ["svg"])
        if drawing.failure is not None:
            print(f"journeykit: warning: {journey.file}: {drawing.failure.message}", file=sys.stderr)
        svg = drawing.files.get("svg")
        return (graphviz_run.inline_svg(svg, DIAGRAM_CAPTION) if svg else None), drawing.note

    def _file(self, url_path: str) -> Page:
        path = self.tree.file_of(url_path)
        if path is None:
            return _message(404, "Not found", f"Nothing to show at {url_path}.")
        try:
            body = path.read_bytes()
        except OSError as error:
            return _message(404, "Not found", f"Cannot read {url_path}: {error.strerror or error}.")
        content_type = _content_type(path)
        return Page(200, body, content_type, live=False, sandbox=content_type.split(";")[0] in ACTIVE_TYPES)


def _content_type(path: Path) -> str:
    if path.suffix in (".yaml", ".yml"):
        return "text/plain; charset=utf-8"
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed is None:
        return "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def internal_error(error: Exception) -> Page:
    """The page for a bug in journeykit: what went wrong, and that the preview keeps running."""
    text = f"{type(error).__name__}: {error}\n\nThis is a bug in journeykit; please report it with the map behind it."
    return _message(500, "journeykit failed to build this page", text)


def _message(status: int, title: str, text: str) -> Page:
    """A page of journeykit's own, built without templates: it must show even when they are broken."""
    body = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'\">\n"
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
        f'<pre style="white-space: pre-wrap">{html.escape(text)}</pre>\n<p><a href="/">All journey maps</a></p>\n'
        "</body>\n</html>\n"
    )
    return Page(status, body.encode("utf-8"))
