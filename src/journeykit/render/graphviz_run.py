"""Running Graphviz's `dot`: found on PATH, run with a timeout, its SVG prepared for inlining."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from journeykit.errors import ToolFailedError, ToolMissingError

INSTALL_HINT = (
    "install Graphviz: `sudo apt-get install graphviz` (Debian, Ubuntu), `sudo dnf install graphviz` (Fedora), "
    "`brew install graphviz` (macOS), `choco install graphviz` (Windows); `--format dot` works without it"
)
DOT_FORMATS = {"svg": "svg", "png": "png", "pdf": "pdf"}


class GraphvizMissingError(ToolMissingError):
    def __init__(self) -> None:
        super().__init__(f"Graphviz's `dot` was not found on PATH: {INSTALL_HINT}")


class GraphvizFailedError(ToolFailedError):
    """`dot` ran but failed or timed out."""


class GraphvizTimeoutError(GraphvizFailedError):
    """`dot` took longer than the time limit."""


DOT_TIMEOUT = 120.0
"""Seconds one layout may take."""


def find_dot() -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise GraphvizMissingError()
    return dot


def run_dot(dot: str, source: str, formats: Sequence[str], timeout: float | None = None) -> dict[str, bytes]:
    """Lay `source` out once and draw it in each of `formats` (keys of DOT_FORMATS)."""
    with tempfile.TemporaryDirectory(prefix="journeykit-dot-") as temporary:
        outputs = {fmt: Path(temporary) / f"diagram.{fmt}" for fmt in formats}
        command = [dot, *(arg for fmt, path in outputs.items() for arg in (f"-T{DOT_FORMATS[fmt]}", f"-o{path}"))]
        timeout = DOT_TIMEOUT if timeout is None else timeout
        try:
            completed = subprocess.run(
                command, input=source.encode("utf-8"), capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise GraphvizTimeoutError(f"dot took longer than {timeout:g} s to lay the diagram out") from None
        except OSError as error:
            raise GraphvizFailedError(f"could not run {dot}: {error}") from None
        if completed.returncode != 0:
            detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GraphvizFailedError(f"dot failed ({completed.returncode}): {detail[-1] if detail else 'no message'}")
        return {fmt: path.read_bytes() for fmt, path in outputs.items()}


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)


def inline_svg(svg: bytes, labelled_by: str) -> str:
    """Graphviz's SVG without XML prolog, doctype and comments, labelled for assistive technology."""
    text = _COMMENTS.sub("", _PROLOG.sub("", svg.decode("utf-8")))
    return text.replace("<svg", f'<svg role="img" aria-labelledby="{labelled_by}"', 1).strip()
