"""Which files make up the event log, in which format, with which columns: checked before any engine starts.

Paths are files, directories (every log file below them) or globs, in the order given, each glob's
matches sorted. Local files are opened here, so that a missing, unreadable or mis-formatted file or a
missing column is one clear message naming the file. Remote paths (`s3://`, `hdfs://`, ...) are handed to
the engine as they are: only it can read them.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from journeykit.analytics.settings import AnalyticsSettings, Columns
from journeykit.errors import UsageError

_SUFFIXES = {
    ".csv": "csv",
    ".csv.gz": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".parq": "parquet",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".json": "ndjson",
    ".ndjson.gz": "ndjson",
    ".jsonl.gz": "ndjson",
    ".json.gz": "ndjson",
}
_JSON_LINES_CHECKED = 1000


class LogError(UsageError):
    """The event log cannot be used; the message names the file (and the row) and what is wrong."""


@dataclass(frozen=True)
class EventFile:
    path: str
    """What the engine opens: an absolute local path, or a remote URL as given."""
    display: str
    """What messages and results show: the path as the user wrote it, or relative to the working directory."""
    format: str
    local: bool


@dataclass(frozen=True)
class EventLog:
    """The files of the log and the actual names of the columns in them (matched case-insensitively)."""

    files: tuple[EventFile, ...]
    columns: Columns
    has_persona: bool

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.format for f in self.files))


def is_remote(path: str) -> bool:
    return "://" in path


def resolve_log(settings: AnalyticsSettings) -> EventLog:
    """The files of `settings.events`, checked: each exists, has a known format and the needed columns."""
    files = _expand(settings.events, settings.events_format)
    wanted = settings.columns
    found: dict[str, str] = {}
    persona_somewhere = False
    for event_file in files:
        if not event_file.local:
            continue
        columns = _columns_of(event_file)
        actual = {c.lower(): c for c in columns}
        for role, name in (("actor", wanted.actor), ("time", wanted.time), ("event", wanted.event)):
            if name.lower() not in actual:
                raise LogError(
                    f"{event_file.display}: no column '{name}' (the {role} column){_available(columns)}; "
                    f"name it with --{role}-column"
                )
            found.setdefault(role, actual[name.lower()])
        if wanted.persona.lower() in actual:
            persona_somewhere = True
            found.setdefault("persona", actual[wanted.persona.lower()])
        elif settings.persona_column_required:
            raise LogError(
                f"{event_file.display}: no column '{wanted.persona}' (the persona column){_available(columns)}"
            )
    remote = any(not f.local for f in files)
    return EventLog(
        files=files,
        columns=Columns(
            actor=found.get("actor", wanted.actor),
            time=found.get("time", wanted.time),
            event=found.get("event", wanted.event),
            persona=found.get("persona", wanted.persona),
        ),
        # A remote log is not opened here: its persona column is used when it was asked for.
        has_persona=persona_somewhere or (remote and settings.persona_column_required),
    )


def format_of(path: str, forced: str | None) -> str | None:
    """The format named by --events-format, or by the file name's suffix."""
    if forced:
        return forced
    name = path.lower()
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return _SUFFIXES[suffix]
    return None


def _expand(patterns: Sequence[str], forced: str | None) -> tuple[EventFile, ...]:
    files: dict[str, EventFile] = {}
    for pattern in patterns:
        for path, display in _matches(pattern, forced):
            kind = format_of(path, forced)
            if kind is None:
                raise LogError(
                    f"{display}: cannot tell the format from the file name (.csv, .csv.gz, .parquet, .ndjson, "
                    ".jsonl): name it with --events-format csv|parquet|ndjson"
                )
            files.setdefault(path, EventFile(path, display, kind, not is_remote(path)))
    if not files:
        raise LogError(f"no event log files in {', '.join(patterns)}")
    return tuple(files.values())


def _matches(pattern: str, forced: str | None) -> Iterable[tuple[str, str]]:
    if is_remote(pattern):
        yield pattern, pattern
        return
    if glob.has_magic(pattern):
        # glob.glob, not Path.glob: the pattern may be absolute or start with `..`.
        found = sorted(p for p in glob.glob(pattern, recursive=True) if Path(p).is_file())  # noqa: PTH207
        if not found:
            raise LogError(f"no file matches {pattern}")
        for match in found:
            yield str(Path(match).resolve()), _display(match)
        return
    path = Path(pattern)
    if path.is_dir():
        inside = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and not any(part.startswith((".", "_")) for part in p.relative_to(path).parts)
            and format_of(str(p), forced) is not None
        )
        if not inside:
            raise LogError(f"{pattern}: a directory without event log files (.csv, .csv.gz, .parquet, .ndjson)")
        for file in inside:
            yield str(file.resolve()), _display(str(file))
        return
    if not path.exists():
        raise LogError(f"{pattern}: no such file")
    if not path.is_file():
        raise LogError(f"{pattern}: not a regular file")
    yield str(path.resolve()), _display(pattern)


def _display(path: str) -> str:
    try:
        return os.path.relpath(path) if Path(path).is_absolute() else str(Path(path))
    except ValueError:  # another drive, on Windows
        return path


def _available(columns: Sequence[str]) -> str:
    if not columns:
        return ""
    shown = ", ".join(columns[:8]) + (f" and {len(columns) - 8} more" if len(columns) > 8 else "")
    return f" (it has: {shown})"


def _columns_of(event_file: EventFile) -> tuple[str, ...]:
    try:
        if event_file.format == "parquet":
            return _parquet_columns(event_file)
        if event_file.format == "csv":
            return _csv_columns(event_file)
        return _json_columns(event_file)
    except OSError as error:
        raise LogError(f"{event_file.display}: cannot read: {error.strerror or error}") from None


def open_text(path: str) -> io.TextIOWrapper:
    """A local log file as text, for the caller to close: gunzipped when its name ends in .gz (as the
    engines decide) or its content is gzip; UTF-8 with or without BOM."""
    with Path(path).open("rb") as probe:
        compressed = path.lower().endswith(".gz") or probe.read(2) == b"\x1f\x8b"
    if compressed:
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return Path(path).open(encoding="utf-8-sig", newline="")


def _csv_columns(event_file: EventFile) -> tuple[str, ...]:
    try:
        with open_text(event_file.path) as text:
            header = next(csv.reader(text), None)
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError, csv.Error) as error:
        raise LogError(f"{event_file.display}: not a readable CSV file ({first_line(error, 200)})") from None
    if header is None:
        raise LogError(f"{event_file.display}: empty file: a CSV log starts with a header row naming its columns")
    return tuple(name.strip() for name in header)


def _parquet_columns(event_file: EventFile) -> tuple[str, ...]:
    import pyarrow.parquet as pq
    from pyarrow import ArrowException

    try:
        schema = pq.read_schema(event_file.path)
    except (ArrowException, ValueError) as error:
        raise LogError(f"{event_file.display}: not a Parquet file ({first_line(error, 200)})") from None
    return tuple(schema.names)


def _json_columns(event_file: EventFile) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    try:
        with open_text(event_file.path) as text:
            for number, line in enumerate(text, start=1):
                if number > _JSON_LINES_CHECKED:
                    break
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError:
                    raise LogError(
                        f"{event_file.display}: line {number} is not JSON: a JSON-lines log has one JSON object "
                        "per line"
                    ) from None
                if not isinstance(row, dict):
                    raise LogError(f"{event_file.display}: line {number} is not a JSON object")
                keys.update(dict.fromkeys(row))
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError) as error:
        raise LogError(f"{event_file.display}: not a readable JSON-lines file ({first_line(error, 200)})") from None
    return tuple(keys)


def first_line(error: BaseException, limit: int | None = 300) -> str:
    """The first line of what an error says (a reader's or an engine's messages run to pages), at most
    `limit` characters; the error's type when it says nothing."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0][:limit] if lines else type(error).__name__
