"""The typer application that every command module registers itself on."""

from __future__ import annotations

from typing import Annotated

import typer

from journeykit import __version__

app = typer.Typer(
    name="journeykit",
    help="Customer journey maps as code: validate, lint, measure coverage and render YAML journey maps.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion, for bash, zsh, fish and PowerShell
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _arguments_without_python_types() -> None:
    """typer prints a Python type after each argument in --help (`PATH <list[str]>`); the metavar says it."""
    from typer.core import TyperArgument

    if hasattr(TyperArgument, "display_type_rich"):
        TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_arguments_without_python_types()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"journeykit {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="Print the version and exit.", callback=_version, is_eager=True),
    ] = False,
) -> None:
    """Customer journey maps as code."""
