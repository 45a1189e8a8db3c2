"""The `[analytics]` table of the configuration, validated when the configuration is read.

```toml
[analytics]
events = ["logs/*.parquet"]        # relative to the configuration file's directory
window = "30d"
from = "2026-11-01"
engine = "duckdb"
persona-column = "segment"

[analytics.personas]               # values of the persona column → persona ids
"Bargain hunters" = "deal-hunter"
```

An unknown key, a wrong type or an unreadable value is a ConfigError (exit 2) that names it.
"""

from __future__ import annotations

import datetime
import difflib
import glob
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from journeykit.analytics import settings as s
from journeykit.errors import UsageError

REPORT_FORMATS = ("text", "json", "markdown")
KEYS = (
    "events",
    "window",
    "from",
    "to",
    "as-of",
    "actor-column",
    "time-column",
    "event-column",
    "persona-column",
    "engine",
    "spark-master",
    "events-format",
    "memory-limit",
    "format",
    "personas",
)
_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def parse_table(table: object, where: str, base: Path | None = None) -> s.AnalyticsChoices:
    """Validate `[analytics]` (from the file `where`, whose directory is `base`) into choices."""
    from journeykit.errors import ConfigError

    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [analytics] must be a table")
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where}: analytics: unknown key '{key}'{_suggest(key)}")
    try:
        return _choices(table, f"{where}: analytics", base)
    except ConfigError:
        raise
    except UsageError as error:
        raise ConfigError(str(error)) from None


def _choices(table: Mapping[str, Any], where: str, base: Path | None) -> s.AnalyticsChoices:
    def text(key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, (datetime.date, datetime.datetime)) and key in ("from", "to", "as-of"):
            return value.isoformat()  # TOML dates and date-times are written without quotes
        if not isinstance(value, str):
            raise UsageError(f"{where}.{key} must be a string, got {value!r}")
        return value

    def parsed(key: str, parse: Callable[[str, str], Any]) -> Any:
        value = text(key)
        return None if value is None else parse(value, f"{where}.{key}")

    return s.AnalyticsChoices(
        events=_events(table.get("events"), f"{where}.events", base),
        window_seconds=parsed("window", s.parse_window),
        start=parsed("from", s.parse_moment),
        end=parsed("to", s.parse_moment),
        as_of=parsed("as-of", s.parse_moment),
        actor_column=parsed("actor-column", s.check_column),
        time_column=parsed("time-column", s.check_column),
        event_column=parsed("event-column", s.check_column),
        persona_column=parsed("persona-column", s.check_column),
        engine=parsed("engine", lambda v, w: s.check_choice(v, s.ENGINES, w)),
        spark_master=text("spark-master"),
        events_format=parsed("events-format", lambda v, w: s.check_choice(v, s.EVENT_FORMATS, w)),
        memory_limit=parsed("memory-limit", s.check_memory_limit),
        output_format=parsed("format", lambda v, w: s.check_choice(v, REPORT_FORMATS, w)),
        personas=_personas(table.get("personas"), f"{where}.personas"),
    )


def _events(value: object, where: str, base: Path | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise UsageError(f"{where} must be a path or glob, or a list of them")
    return tuple(_relative_to(v, base) for v in value)


def _relative_to(path: str, base: Path | None) -> str:
    """Paths in a configuration file mean the same wherever journeykit is run from."""
    if base is None or "://" in path or Path(path).is_absolute():
        return path
    return str(Path(glob.escape(str(base))) / path) if glob.has_magic(path) else str(base / path)


def _personas(value: object, where: str) -> dict[str, str] | None:
    import re

    if value is None:
        return None
    if not isinstance(value, dict):
        raise UsageError(f"{where} must be a table of persona-column value = persona id")
    table: dict[str, str] = {}
    for raw, persona in value.items():
        if not isinstance(persona, str) or not re.fullmatch(_ID, persona):
            raise UsageError(f"{where}.{raw}: expected a persona id (lower-case kebab-case), got {persona!r}")
        table[raw.strip(" ")] = persona
    return table


def _suggest(key: str) -> str:
    close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
