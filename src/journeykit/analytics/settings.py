"""What one analytics run is computed with: the window, the range, as_of, columns, engine and files."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from journeykit.analytics.timestamps import MICROS, parse_instant
from journeykit.errors import UsageError

T = TypeVar("T")
U = TypeVar("U")
ENGINES = ("duckdb", "spark")
EVENT_FORMATS = ("csv", "parquet", "ndjson")
DEFAULT_WINDOW = "30d"
DEFAULT_SPARK_MASTER = "local[*]"
DEFAULT_MEMORY_LIMIT = "1GB"
_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}
_WINDOW = re.compile(r"([1-9][0-9]{0,5})([hdw])")
_MEMORY = re.compile(r"[1-9][0-9]*(\.[0-9]+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


@dataclass(frozen=True)
class Columns:
    """The names of the log's columns; `persona` may be missing from the log unless it was asked for."""

    actor: str = "user_id"
    time: str = "timestamp"
    event: str = "event"
    persona: str = "persona"


@dataclass(frozen=True)
class AnalyticsSettings:
    """Everything a run needs besides the maps; times are microseconds since the epoch, UTC."""

    events: tuple[str, ...]
    window_seconds: int = 30 * 86400
    start: int | None = None
    end: int | None = None
    as_of: int | None = None
    columns: Columns = field(default_factory=Columns)
    persona_column_required: bool = False
    """True when the persona column was named explicitly: then a log without it is an error."""
    engine: str = "duckdb"
    spark_master: str = DEFAULT_SPARK_MASTER
    events_format: str | None = None
    memory_limit: str = DEFAULT_MEMORY_LIMIT
    personas: Mapping[str, str] = field(default_factory=dict)
    """Values of the persona column → persona ids; other values are taken as persona ids themselves."""

    @property
    def window_micros(self) -> int:
        return self.window_seconds * MICROS


def parse_window(text: str, where: str = "--window") -> int:
    """`30d`, `12h` or `2w` → seconds."""
    match = _WINDOW.fullmatch(text.strip())
    if not match:
        raise UsageError(f"{where} takes a number and a unit h, d or w, such as 30d, 48h or 2w, not {text!r}")
    return int(match.group(1)) * _UNITS[match.group(2)]


def parse_moment(text: str, where: str) -> int:
    """An ISO date or timestamp (or epoch seconds) → microseconds since the epoch, UTC."""
    micros = parse_instant(text)
    if micros is None:
        raise UsageError(
            f"{where} takes an ISO date or timestamp such as 2026-11-01 or 2026-11-01T09:30:00+01:00, not {text!r}"
        )
    return micros


def check_choice(value: str, choices: tuple[str, ...], where: str) -> str:
    """`value` if it is one of `choices` (case-insensitive), else a UsageError listing them."""
    lowered = value.strip().lower()
    if lowered == "json":
        lowered = "ndjson" if choices is EVENT_FORMATS else lowered
    if lowered not in choices:
        raise UsageError(f"{where} must be one of {', '.join(choices)}, not {value!r}")
    return lowered


def check_memory_limit(value: str, where: str) -> str:
    """A DuckDB memory size such as `1GB` or `512MB`."""
    if not _MEMORY.fullmatch(value.strip()):
        raise UsageError(f"{where} takes a size such as 512MB or 2GB, not {value!r}")
    return value.strip()


def check_column(name: str, where: str) -> str:
    """A column name: any text without control characters."""
    if not name or any(ord(c) < 32 for c in name):
        raise UsageError(f"{where} must be a column name, not {name!r}")
    return name


@dataclass(frozen=True)
class AnalyticsChoices:
    """Settings as far as one source gives them (the command line, or `[analytics]`); None means not given."""

    events: tuple[str, ...] | None = None
    window_seconds: int | None = None
    start: int | None = None
    end: int | None = None
    as_of: int | None = None
    actor_column: str | None = None
    time_column: str | None = None
    event_column: str | None = None
    persona_column: str | None = None
    engine: str | None = None
    spark_master: str | None = None
    events_format: str | None = None
    memory_limit: str | None = None
    output_format: str | None = None
    personas: Mapping[str, str] | None = None


def resolve(given: AnalyticsChoices, configured: AnalyticsChoices | None = None) -> AnalyticsSettings:
    """The command line's choices over the configuration's, over the defaults."""
    base = configured or AnalyticsChoices()
    events = _first(given.events, base.events, ())
    if not events:
        raise UsageError("no event log: give --events PATH (files or globs), or `events` under [analytics]")
    start, end = _first(given.start, base.start, None), _first(given.end, base.end, None)
    if start is not None and end is not None and start >= end:
        raise UsageError("--from must be earlier than --to")
    persona_column = _first(given.persona_column, base.persona_column, None)
    defaults = Columns()
    return AnalyticsSettings(
        events=events,
        window_seconds=_first(given.window_seconds, base.window_seconds, parse_window(DEFAULT_WINDOW)),
        start=start,
        end=end,
        as_of=_first(given.as_of, base.as_of, None),
        columns=Columns(
            actor=_first(given.actor_column, base.actor_column, defaults.actor),
            time=_first(given.time_column, base.time_column, defaults.time),
            event=_first(given.event_column, base.event_column, defaults.event),
            persona=persona_column or defaults.persona,
        ),
        persona_column_required=persona_column is not None,
        engine=_first(given.engine, base.engine, "duckdb"),
        spark_master=_first(given.spark_master, base.spark_master, DEFAULT_SPARK_MASTER),
        events_format=_first(given.events_format, base.events_format, None),
        memory_limit=_first(given.memory_limit, base.memory_limit, DEFAULT_MEMORY_LIMIT),
        personas=dict(_first(given.personas, base.personas, {})),
    )


def _first(given: T | None, configured: T | None, default: U) -> T | U:
    if given is not None:
        return given
    return configured if configured is not None else default
