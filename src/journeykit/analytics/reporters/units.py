"""Numbers as people read them in the analytics reports: percentages and durations in human units."""

from __future__ import annotations


def percent(ratio: float | None) -> str:
    """0.6158 → `61.6%`; None (no denominator) → `–`."""
    return "–" if ratio is None else f"{ratio * 100:.1f}%"


def duration(seconds: float | None) -> str:
    """Seconds in the largest unit that keeps the number readable: `45 s`, `12 min`, `3.5 h`, `2.3 d`."""
    if seconds is None:
        return "–"
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def window(seconds: int) -> str:
    """2592000 → `30d`, 7200 → `2h`, 1209600 → `2w`."""
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
