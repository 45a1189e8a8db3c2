"""Cron expressions, read and expanded into local wall-clock times, with croniter.

What a cron means is part of the format, so this lives beside the model: the shared wording
(journeykit.present) reads the fields to put a schedule in words, and the plan expands them.
croniter is given naive datetimes, so it matches the five fields against the wall clock
and knows nothing of time zones; journeykit.plan.clock then turns each time into an
instant by the RFC 5545 rule. A cron that matches no date at all (30 February) expands to
nothing; one that croniter cannot read raises CronError with its reason.
"""

from __future__ import annotations

import datetime
import functools


class CronError(ValueError):
    """A cron expression that croniter refuses; the message says why."""


@functools.lru_cache(maxsize=256)
def expand(
    expression: str, begin: datetime.datetime, end: datetime.datetime, *, limit: int | None = None
) -> tuple[datetime.datetime, ...]:
    """Every wall-clock time from `begin` (included) to `end` (excluded) that `expression` matches,
    or only the first `limit` of them.

    croniter takes about 0.1 ms a time; maps of a repository share their schedules and, often, their
    review dates (which start the plan), so the same expansion is asked for map after map.
    """
    from croniter import CroniterBadDateError, CroniterError, croniter

    try:
        iterator = croniter(expression, begin - datetime.timedelta(minutes=1))
        times: list[datetime.datetime] = []
        while True:
            moment = iterator.get_next(datetime.datetime)
            if moment >= end or (limit is not None and len(times) >= limit):
                break
            times.append(moment)
    except CroniterBadDateError:
        return ()  # no date ever matches, such as day 30 of February
    except (CroniterError, ValueError, OverflowError) as error:
        raise CronError(str(error) or "not a valid cron expression") from None
    return tuple(times)


@functools.lru_cache(maxsize=1024)
def fields(expression: str) -> tuple[tuple[int, ...] | None, ...] | None:
    """croniter's reading of the five fields, each sorted values or None for `*`; None if unreadable."""
    from croniter import CroniterError, croniter

    try:
        expanded = croniter(expression, datetime.datetime(2000, 1, 1)).expanded
    except (CroniterError, ValueError):
        return None
    out: list[tuple[int, ...] | None] = []
    for values in expanded[:5]:
        if values == ["*"]:
            out.append(None)
        elif all(isinstance(v, int) for v in values):
            out.append(tuple(sorted({int(v) for v in values})))
        else:
            return None  # `L` and other extensions that the map format does not use
    return tuple(out)
