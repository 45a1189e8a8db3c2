"""The `journeykit` command line: thin typer commands that map options to settings and call the core.

Each module of this package registers its commands on one typer app. Heavy modules
(jsonschema, jinja2, graphviz, rich) are imported inside the commands that need them, so
`journeykit --version` and `--help` start fast.
"""

from __future__ import annotations

import os
import sys

from journeykit.cli import authoring as _authoring  # noqa: F401 - registers init, format, export, import csv
from journeykit.cli import maps as _maps  # noqa: F401 - registers validate, lint, coverage, render, schema, rules
from journeykit.cli import plan as _plan  # noqa: F401 - registers plan
from journeykit.cli import serve as _serve  # noqa: F401 - registers serve
from journeykit.cli.app import app
from journeykit.errors import JourneykitError

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every outcome into an exit code (0, 1 or 2)."""
    try:
        app(args=argv, prog_name="journeykit")
    except SystemExit as exit_:
        return _exit_code(exit_.code)
    except JourneykitError as problem:
        _error(str(problem))
        return problem.exit_code
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    except Exception as error:  # a bug in journeykit, never the answer to bad input
        if os.environ.get("JOURNEYKIT_TRACEBACK"):
            raise
        _error(
            f"internal error: {type(error).__name__}: {error}\n"
            "This is a bug in journeykit; please report it with the input that caused it. "
            "Set JOURNEYKIT_TRACEBACK=1 to see the traceback."
        )
        return 2
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 2


def _error(message: str) -> None:
    print(f"journeykit: error: {message}", file=sys.stderr)
