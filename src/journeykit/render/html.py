"""Jinja templates → HTML: our templates, overridable one by one from `--template-dir`.

The environment is sandboxed, autoescapes everything and fails on undefined names, so a
template typo is a clear error rather than an empty page, and map text can only ever be
text. A template problem becomes a TemplateError (exit 2) that names the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeykit.errors import TemplateError
from journeykit.resources import data_dir


class Templates:
    """The template environment of one run: ours, overridden by name from `template_dir`."""

    def __init__(self, template_dir: Path | None = None) -> None:
        self.environment = _environment(template_dir.resolve() if template_dir else None)

    def render(self, name: str, **context: Any) -> str:
        """Render one template with its context; TemplateError on any template problem."""
        import jinja2

        try:
            page: str = self.environment.get_template(name).render(**context)
            return page
        except jinja2.TemplateSyntaxError as error:
            where = f"template {error.filename or error.name}, line {error.lineno}"
            raise TemplateError(f"{where}: {error.message}") from None
        except jinja2.TemplateNotFound as error:
            raise TemplateError(f"template not found: {error.name}") from None
        except Exception as error:  # whatever a template does wrong (undefined names, 1 // 0, refused calls)
            raise TemplateError(f"template {name}: {type(error).__name__}: {error}") from None


def _environment(template_dir: Path | None) -> Any:
    """A sandboxed, autoescaping, strict environment with our templates behind the user's."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment
    from markupsafe import Markup

    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
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
