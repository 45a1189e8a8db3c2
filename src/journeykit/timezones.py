"""IANA time zones by name: loading them, and saying what is wrong with a name that is not one.

The names come from the system's time zone database or, where it has none, from the
`tzdata` package, which journeykit depends on so that every machine knows the same zones.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from journeykit.present import did_you_mean

if TYPE_CHECKING:
    import datetime

UTC_NAME = "UTC"


@functools.cache
def load_zone(name: str) -> datetime.tzinfo:
    """The zone called `name`; raises LookupError when there is none (callers check names first)."""
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except (ValueError, OSError) as error:  # ZoneInfoNotFoundError is a KeyError, and so a LookupError
        raise LookupError(name) from error


def timezone_problem(name: str) -> tuple[str, str] | None:
    """(message, hint) when `name` is not an IANA time zone, or None when it is."""
    if name == "localtime":  # the machine's own zone: the plan would differ from machine to machine
        return "'localtime' is the zone of whichever machine runs journeykit", "name the zone, such as 'Europe/London'"
    try:
        load_zone(name)
    except LookupError:
        return f"unknown time zone '{name}'", _suggestion(name)
    return None


def _suggestion(name: str) -> str:
    from zoneinfo import available_timezones

    zones = sorted(available_timezones())
    by_case = {zone.lower(): zone for zone in zones}
    wanted = name.strip().replace(" ", "_").lower()
    if wanted in by_case:
        return f"did you mean `{by_case[wanted]}`? Zone names are case-sensitive"
    return did_you_mean(name, zones) or (
        "use an IANA time zone name such as `Europe/London`, `America/New_York` or `UTC`"
    )
