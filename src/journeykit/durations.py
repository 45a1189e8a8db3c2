"""Durations as maps write them (`12h`, `3d`, `2w`, and `30m` in a trigger's `within`)."""

from __future__ import annotations

import datetime
import re

_DURATION = re.compile(r"^([0-9]+)([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_WORDS = {"m": "minute", "h": "hour", "d": "day", "w": "week"}
LONGEST = datetime.timedelta(days=366 * 100)
"""Durations are capped at a hundred years, longer than any plan (at most ten years)."""
_LONGEST = {"m": 366 * 100 * 24 * 60, "h": 366 * 100 * 24, "d": 366 * 100, "w": 366 * 100 // 7}


def parse_duration(text: str | None) -> datetime.timedelta | None:
    """`3d` → three days; None for no text or text that is not a duration (the schema refuses those)."""
    parts = _parts(text)
    if parts is None:
        return None
    count, unit = parts
    if count > _LONGEST[unit]:
        return LONGEST  # `99999999w` says "longer than any plan"; that is what it does
    return datetime.timedelta(**{_UNITS[unit]: count})


def duration_parts(text: str | None) -> tuple[int, str] | None:
    """`2h` → (2, 'hour'): the count and its unit as a word; None for text that is not a duration."""
    parts = _parts(text)
    return (parts[0], _WORDS[parts[1]]) if parts is not None else None


def _parts(text: str | None) -> tuple[int, str] | None:
    match = _DURATION.match(text) if text is not None else None
    return (int(match.group(1)), match.group(2)) if match is not None else None
