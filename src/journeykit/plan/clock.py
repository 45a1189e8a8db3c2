"""Wall-clock times in a time zone, as iCalendar (RFC 5545, section 3.3.5) reads them.

The plan works in local wall-clock time (a schedule says "09:00", a stage lasts "3d") and
turns each time into an instant at the end. Two local times need a rule:

- a time that does not exist (02:30 on the night clocks go forward) is read with the offset
  from before the change, so it lands as far after the change as it was meant after the
  last valid time: 02:30 becomes 03:30 summer time;
- a time that occurs twice (02:30 on the night clocks go back, in Europe) is its first
  occurrence, in summer time; the repeat an hour later gets nothing.

Python's `fold=0` is exactly that rule, and so is every RFC 5545 calendar's reading of a
`DTSTART` or recurrence in such an hour, which keeps the iCalendar output equal to the JSON.
"""

from __future__ import annotations

import datetime


def instant(local: datetime.datetime, zone: datetime.tzinfo) -> datetime.datetime:
    """The naive local time `local` as an aware time in `zone`, showing the wall time that really occurs."""
    return local.replace(tzinfo=zone, fold=0).astimezone(datetime.timezone.utc).astimezone(zone)
