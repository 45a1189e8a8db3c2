"""The source lines that findings quote: all that reporters keep of a file's text.

A run releases each file's text, data and spans when the file is done; what the text and
HTML reports show of it (the line a finding points at) is copied here first, so that memory
stays flat in the number of files and results can come back from worker processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from journeykit.findings import Finding
from journeykit.source import SourceFile

EXCERPT = 500
"""Characters of a long line shown around the place a finding points at."""


class QuotedLines:
    """Lines of text by file and line number, for the findings that quote them."""

    __slots__ = ("_files",)

    def __init__(self, files: Mapping[str, Mapping[int, str]] | None = None) -> None:
        self._files: dict[str, dict[int, str]] = {name: dict(lines) for name, lines in (files or {}).items()}

    @classmethod
    def of(cls, findings: Iterable[Finding], sources: Mapping[str, SourceFile]) -> QuotedLines:
        """The lines that `findings` point at, copied from the loaded files they are in."""
        quoted = cls()
        for finding in findings:
            quoted.take(sources.get(finding.location.file), finding.location.line)
        return quoted

    def take(self, source: SourceFile | None, line: int) -> None:
        """Copy line `line` of a loaded file (nothing for a file that was never read)."""
        if source is None:
            return
        lines = self._files.setdefault(source.display, {})
        if line not in lines:
            lines[line] = source.line_text(line)

    def line(self, file: str, line: int) -> str:
        """The text of the line, or "" when it was not kept."""
        return self._files.get(file, {}).get(line, "")

    def update(self, other: QuotedLines) -> None:
        """Add the lines of `other` (files are the same files: a line already kept stays)."""
        for name, lines in other._files.items():
            mine = self._files.setdefault(name, {})
            for number, text in lines.items():
                mine.setdefault(number, text)

    def only(self, findings: Iterable[Finding]) -> QuotedLines:
        """The lines that `findings` quote, and no others."""
        kept = QuotedLines()
        for finding in findings:
            file, number = finding.location.file, finding.location.line
            lines = self._files.get(file)
            if lines is not None and number in lines:
                kept._files.setdefault(file, {})[number] = lines[number]
        return kept

    def __len__(self) -> int:
        return sum(len(lines) for lines in self._files.values())

    def __getstate__(self) -> dict[str, dict[int, str]]:
        return self._files

    def __setstate__(self, state: dict[str, dict[int, str]]) -> None:
        self._files = state


def excerpt(line: str, column: int, width: int, limit: int = EXCERPT) -> tuple[str, int, int]:
    """At most about `limit` characters of `line` around columns `column`..`column + width`, cut with `…`.

    Returns the text and the 1-based column and width of the marked part within it, so that a
    finding on a line of megabytes (a minified map) prints in constant space.
    """
    if len(line) <= limit:
        return line, column, width
    start = min(max(column - 1 - limit // 4, 0), max(len(line) - limit, 0))
    end = start + limit
    head = "…" if start > 0 else ""
    tail = "…" if end < len(line) else ""
    shown_width = max(min(width, end - (column - 1)), 1)
    return head + line[start:end] + tail, column - start + len(head), shown_width
