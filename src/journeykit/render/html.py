"""Jinja templates → HTML: our templates, overridable one by one from `--template-dir`.

The environment is sandboxed, autoescapes everything and fails on undefined names, so a
template typo is a clear error rather than an empty page, and map text can only ever be
text. A user's template directory is a confined root: a file that resolves outside it (a
symbolic link to /proc/self/environ, say) is refused, so a template cannot publish secrets.
Rendering is bounded in time. A template problem becomes a TemplateError (exit 2) that names
the template and its line.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from journeykit.errors import TemplateError
from journeykit.resources import data_dir

RENDER_TIMEOUT = 60.0
"""Seconds one page may take to render: a loop of ten billion iterations is a template bug, not a report."""


class Templates:
    """The template environment of one run: ours, overridden by name from `template_dir`."""

    def __init__(self, template_dir: Path | None = None) -> None:
        self.environment = _environment(template_dir.resolve() if template_dir else None)

    def render(self, name: str, **context: Any) -> str:
        """Render one template with its context; TemplateError on any template problem."""
        import jinja2

        try:
            with _time_limit(RENDER_TIMEOUT):
                page: str = self.environment.get_template(name).render(**context)
            return page
        except jinja2.TemplateSyntaxError as error:
            where = f"template {error.filename or error.name}, line {error.lineno}"
            raise TemplateError(f"{where}: {error.message}") from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError(f"template not found: {error.name}") from None
        except TemplateError:
            raise
        except _TooSlowError as error:
            raise TemplateError(
                f"template {name}{_template_line(error)}: rendering took longer than {RENDER_TIMEOUT:g} s"
            ) from None
        except Exception as error:  # whatever a template does wrong (undefined names, 1 // 0, refused calls)
            raise TemplateError(f"template {name}{_template_line(error)}: {type(error).__name__}: {error}") from None


class _TooSlowError(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` (with SIGALRM, so only in the main thread on POSIX)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise _TooSlowError

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _template_line(error: BaseException) -> str:
    """`, line N` of the innermost template frame: Jinja maps its frames back to template lines."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [frame.lineno for frame in frames if frame.filename.endswith((".j2", ".html", ".css"))]
    return f", line {lines[-1]}" if lines else ""


def _confined_loader(root: Path) -> Any:
    """A FileSystemLoader that refuses files resolving outside `root` (symbolic links out of it)."""
    import jinja2

    class ConfinedLoader(jinja2.FileSystemLoader):
        def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(root):
                raise TemplateError(f"template {template}: refused, it resolves outside the template directory {root}")
            return source, filename, uptodate

    return ConfinedLoader(root)


def _environment(template_dir: Path | None) -> Any:
    """A sandboxed, autoescaping, strict environment with our templates behind the user's."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(_confined_loader(template_dir))
    loaders.append(jinja2.FileSystemLoader(data_dir("templates")))
    loader = jinja2.ChoiceLoader(loaders)
    environment = SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

    def inline_asset(asset: str) -> Markup:
        """A stylesheet's text, raw, for a <style> element (templates cannot read files otherwise)."""
        source, _, _ = loader.get_source(environment, asset)
        return Markup(source.replace("</", "<\\/"))

    def svg(markup: str | None) -> Markup:
        """Graphviz's SVG, already stripped of its prolog by the renderer, as markup."""
        return Markup(markup or "")

    environment.globals.update(inline_asset=inline_asset, svg=svg)
    return environment
