"""The rich console every terminal output uses: colour only on a terminal, NO_COLOR honoured."""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console

LOG_WIDTH = 400


def console_for(out: TextIO, color: str = "auto") -> Console:
    """Colour with `--color auto` only on a terminal (rich honours NO_COLOR and FORCE_COLOR), always or never.

    Off a terminal (CI logs, files) there is no width to respect, so tables are as wide as
    their content instead of being cut at 80 columns.
    """
    console = Console(
        file=out,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=True,
        no_color=color == "never" or (color == "auto" and "NO_COLOR" in os.environ),
        force_terminal=True if color == "always" else None,
        color_system=None if color == "never" else "auto",
    )
    if not console.is_terminal:
        console.width = LOG_WIDTH
    return console
