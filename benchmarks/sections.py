"""Each benchmark script owns one marked section of docs/benchmarks.md and rewrites only that."""

from __future__ import annotations

from pathlib import Path


def write_section(path: Path, text: str, start: str, end: str) -> None:
    """Put `text` (which begins with the `start` marker and ends with the `end` one) in place of the marked
    section of `path`, or append it when there is none; nothing else in the file changes."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if start in current and end in current:
        before = current[: current.index(start)]
        after = current[current.index(end) + len(end) :]
        updated = before + text.rstrip("\n") + after
    else:
        updated = current.rstrip("\n") + ("\n\n" if current else "") + text.rstrip("\n") + "\n"
    path.write_text(updated, encoding="utf-8")
