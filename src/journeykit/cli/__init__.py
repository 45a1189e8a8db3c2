"""The `journeykit` command line: thin typer commands that map options to settings and call the core.

Each module of this package registers its commands on one typer app. Heavy modules
(jsonschema, jinja2, graphviz, rich) are imported inside the commands that need them, so
`journeykit --version` and `--help` start fast.
"""

from __future__ import annotations

import errno
import os
import sys

from journeykit.cli import analytics as _analytics  # noqa: F401 - registers analytics
from journeykit.cli import authoring as _authoring  # noqa: F401 - registers init, format, export, import csv
from journeykit.cli import diff as _diff  # noqa: F401 - registers diff
from journeykit.cli import maps as _maps  # noqa: F401 - registers validate, lint, coverage, render, schema, rules
from journeykit.cli import plan as _plan  # noqa: F401 - registers plan
from journeykit.cli import serve as _serve  # noqa: F401 - registers serve
from journeykit.cli.app import app
from journeykit.errors import JourneykitError
from journeykit.sanitize import printable

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app and turn every outcome into an exit code (0, 1 or 2)."""
    _replace_what_the_console_cannot_show()
    code = _run(argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return code
    except OSError as error:  # a full disk or a broken device behind standard output
        return _output_failed(error)
    return code


def _run(argv: list[str] | None) -> int:
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
    except OSError as error:
        if error.filename is None and _is_stdout_error(error):
            return _output_failed(error)
        return _internal_error(error)
    except Exception as error:  # a bug in journeykit, never the answer to bad input
        return _internal_error(error)
    return 0


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 2


def _error(message: str) -> None:
    print(f"journeykit: error: {printable(message)}", file=sys.stderr)


def _internal_error(error: Exception) -> int:
    if os.environ.get("JOURNEYKIT_TRACEBACK"):
        raise error
    _error(
        f"internal error: {type(error).__name__}: {error}\n"
        "This is a bug in journeykit; please report it with the input that caused it. "
        "Set JOURNEYKIT_TRACEBACK=1 to see the traceback."
    )
    return 2


def _is_stdout_error(error: OSError) -> bool:
    """Whether writing standard output failed (ENOSPC on /dev/full, EIO): an output error, not a bug."""
    return error.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG)


def _output_failed(error: OSError) -> int:
    _error(f"cannot write to standard output: {error.strerror or error}")
    try:  # drop what is still buffered, so that Python's exit does not fail on it again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return 2


def _replace_what_the_console_cannot_show() -> None:
    """On a console that is not UTF-8 (cp1252, PYTHONIOENCODING=ascii), show `?` for what it cannot
    encode instead of failing on the first symbol."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "encoding", "utf-8").lower().replace("-", "") != "utf8":
            reconfigure(errors="replace")
