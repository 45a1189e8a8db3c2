"""Durations as maps write them (`12h`, `3d`, `2w`, and `30m` in a trigger's `within`)."""

from __future__ import annotations

import datetime
import re

_DURATION = re.compile(r"^([0-9]+)([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_WORDS = {"m": "minute", "h": "hour", "d": "day", "w": "week"}


def parse_duration(text: str | None) -> datetime.timedelta | None:
    """`3d` → three days; None for no text or text that is not a duration (the schema refuses those)."""
    if text is None:
        return None
    match = _DURATION.match(text)
    if match is None:
        return None
    return datetime.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def duration_words(text: str) -> str:
    """`2h` → `2 hours`, `1w` → `1 week`; other text unchanged."""
    match = _DURATION.match(text)
    if match is None:
        return text
    count = int(match.group(1))
    word = _WORDS[match.group(2)]
    return f"{count} {word}{'' if count == 1 else 's'}"
