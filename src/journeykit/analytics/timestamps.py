"""The timestamp grammar that both engines accept, and its Python reading for options and error messages.

Every timestamp becomes integer microseconds since 1970-01-01T00:00:00Z, once, when the log is read.
Accepted, after surrounding spaces are removed:

- an ISO 8601 date `YYYY-MM-DD` (midnight UTC);
- an ISO 8601 date and time `YYYY-MM-DD[T|t| ]HH:MM[:SS[.fraction]]` with an optional zone: `Z`, `z`,
  `+HH`, `+HHMM` or `+HH:MM` (or `-`); no zone means UTC. A fraction of 1 to 9 digits (`.` or `,`) is
  truncated to microseconds;
- epoch seconds: 1 to 12 digits, optionally with a fraction of 1 to 9 digits (`1700000000.25`).

Years run from 0001 to 9999, months, days, hours (0-23), minutes and seconds (0-59, no leap second) must
exist, and epoch seconds must not pass 9999-12-31T23:59:59Z (a 13-digit number is most likely epoch
milliseconds, which is refused rather than read as a date 50,000 years away).

The patterns below are written in the subset of regular expressions on which Python, RE2 (DuckDB) and
Java (Spark) agree: ASCII classes, groups, `?` and alternation, so the three read them alike.
"""

from __future__ import annotations

import datetime
import re

ISO_PATTERN = (
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?"
    r"([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?)?$"
)
"""Groups: 1 year, 2 month, 3 day, 4 hour, 5 minute, 6 second, 7 fraction, 8 zone. (RE2, in DuckDB,
extracts groups 0 to 9 only: the zone is taken apart by ZONE_PATTERN.)"""
ZONE_PATTERN = r"^([+-])([0-9]{2}):?([0-9]{2})?$"
FRACTION_PATTERN = r"[.,]([0-9]+)"
"""The fraction of a valid timestamp (ISO or epoch): the digits after its only `.` or `,`."""
"""Groups of an offset: 1 sign, 2 hours, 3 minutes. `Z` and no zone do not match: offset 0."""
EPOCH_PATTERN = r"^([0-9]{1,12})(?:[.]([0-9]{1,9}))?$"
"""Groups: 1 whole seconds, 2 fraction."""

MICROS = 1_000_000
MAX_EPOCH_SECONDS = 253_402_300_799
"""9999-12-31T23:59:59Z."""
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)

_ISO = re.compile(ISO_PATTERN)
_EPOCH_RE = re.compile(EPOCH_PATTERN)
_ZONE = re.compile(ZONE_PATTERN)


def parse_instant(text: str) -> int | None:
    """Microseconds since the epoch, UTC, or None when `text` is not in the grammar."""
    text = text.strip(" ")
    epoch = _EPOCH_RE.match(text)
    if epoch:
        seconds = int(epoch.group(1))
        if seconds > MAX_EPOCH_SECONDS:
            return None
        return seconds * MICROS + _fraction_micros(epoch.group(2))
    iso = _ISO.match(text)
    if not iso:
        return None
    return _iso_micros(iso)


def _iso_micros(match: re.Match[str]) -> int | None:
    year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
    hour, minute, second = (int(match.group(i) or 0) for i in (4, 5, 6))
    zone = _ZONE.match(match.group(8) or "")
    sign, offset_hours, offset_minutes = (
        (zone.group(1), int(zone.group(2)), int(zone.group(3) or 0)) if zone else ("+", 0, 0)
    )
    if hour > 23 or minute > 59 or second > 59 or offset_hours > 23 or offset_minutes > 59:
        return None
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return None
    days = (date - _EPOCH.date()).days
    offset = (offset_hours * 3600 + offset_minutes * 60) * (-1 if sign == "-" else 1)
    seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset
    return seconds * MICROS + _fraction_micros(match.group(7))


def _fraction_micros(digits: str | None) -> int:
    return int((digits or "")[:6].ljust(6, "0"))


def format_instant(micros: int) -> str:
    """ISO 8601 in UTC with `Z`: seconds, and the fraction only when there is one."""
    moment = _EPOCH + datetime.timedelta(microseconds=micros)
    text = (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )
    if moment.microsecond:
        text += f".{moment.microsecond:06d}".rstrip("0")
    return text + "Z"
