"""`journeykit serve`: the HTML reports on a local server that reloads them as the maps change."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from journeykit.cli.app import app
from journeykit.cli.options import AsOfOption, ConfigOption, as_of_date, finish, settings_for

ServedPaths = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Argument(
        metavar="PATH",
        help="Maps, catalogs and directories to serve (default: the current directory); nothing outside them is.",
        show_default=False,
    ),
]


@app.command()
def serve(
    paths: ServedPaths = None,
    port: Annotated[int, typer.Option(help="Port to listen on; 0 picks a free one.", min=0, max=65535)] = 8000,
    host: Annotated[
        str, typer.Option(help="Address to listen on. Anything but a loopback address needs --allow-remote.")
    ] = "127.0.0.1",
    allow_remote: Annotated[
        bool, typer.Option(help="Allow a --host that other machines can reach (the preview has no login).")
    ] = False,
    template_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(help="Directory of templates that override the built-in ones by name (see docs/templates.md)."),
    ] = None,
    lanes: Annotated[bool, typer.Option(help="Draw one lane per persona in the diagrams.")] = False,
    poll: Annotated[
        bool, typer.Option(help="Poll for changes instead of waiting for the system's file events (network drives).")
    ] = False,
    as_of: AsOfOption = None,
    config: ConfigOption = None,
) -> None:
    """Preview the HTML reports in a browser: rendered on request, reloaded when a file changes.

    Open pages reload when a map, catalog, configuration or template changes; a map with errors shows
    them with their source lines until it is fixed. Ctrl-C stops the server.
    """
    from journeykit.commands import serve as command

    settings_for(config)  # a broken configuration is an error before anything listens
    options = command.ServeOptions(
        paths or ["."],
        host=host,
        port=port,
        allow_remote=allow_remote,
        template_dir=template_dir,
        as_of=as_of_date(as_of),
        lanes=lanes,
        poll=poll,
    )
    finish(command.serve(options, lambda: settings_for(config)))
