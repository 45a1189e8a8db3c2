"""Which file a URL names: only files inside the paths given to `journeykit serve`, never anything else.

The site's root is the directory that holds every given path; a URL is a path below it. A request is
refused (None) when a segment is `.` or `..` (also percent-encoded), names a hidden file or directory
(`.git`, `.env`), holds a NUL, a backslash or an encoded slash, or when the file, symbolic links
resolved, is not inside one of the given paths. Directories are never listed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

REPORT_SUFFIX = ".html"


@dataclass(frozen=True)
class Tree:
    """The given paths, resolved, and the directory URLs are relative to."""

    allowed: tuple[Path, ...]
    root: Path

    @classmethod
    def of(cls, paths: Sequence[Path]) -> Tree:
        allowed = tuple(dict.fromkeys(Path(os.path.realpath(p)) for p in paths))
        directories = [p if p.is_dir() else p.parent for p in allowed]
        return cls(allowed, Path(os.path.commonpath(directories)))

    def contains(self, path: Path) -> bool:
        """Whether `path` (resolved) is one of the given files or inside one of the given directories."""
        return any(path == top or (top.is_dir() and top in path.parents) for top in self.allowed)

    def url_of(self, path: Path) -> str | None:
        """The URL path (`/maps/a.journey.yaml`) of a file inside the tree, percent-encoded."""
        try:
            relative = Path(os.path.realpath(path)).relative_to(self.root)
        except ValueError:
            return None
        return "/" + quote(PurePosixPath(*relative.parts).as_posix())

    def file_of(self, url_path: str) -> Path | None:
        """The regular file a URL path names, or None when it names nothing that may be served."""
        segments = _segments(url_path)
        if segments is None:
            return None
        candidate = self.root.joinpath(*segments)
        try:
            resolved = Path(os.path.realpath(candidate, strict=True))
        except (OSError, RuntimeError):
            return None
        if not self.contains(resolved) or not resolved.is_file():
            return None
        relative = resolved.relative_to(self.root).parts
        if any(part.startswith(".") for part in relative):
            return None  # a symbolic link onto a hidden file
        return resolved


def report_url(map_url: str) -> str:
    """The URL of a map's report: the map's own, with `.html` for its last suffix (`a.journey.html`)."""
    stem, dot, suffix = map_url.rpartition(".")
    return (stem if dot and "/" not in suffix else map_url) + REPORT_SUFFIX


def _segments(url_path: str) -> list[str] | None:
    if not url_path.startswith("/"):
        return None
    segments = []
    for raw in url_path.split("/")[1:]:
        try:
            segment = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            return None
        if not segment:
            continue
        if segment.startswith(".") or any(c in segment for c in "/\\\x00"):
            return None  # `.`, `..`, hidden names; an encoded slash, a backslash or a NUL
        segments.append(segment)
    return segments
