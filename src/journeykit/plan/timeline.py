"""Which stage a persona is in, when: the stages laid end to end from day 0.

Each stage lasts its duration, the first that applies of:

1. measured data: the persona reaches the stage after the measured median seconds (the
   stage before it lasts until then);
2. the persona's experience in that stage: its `typical_duration`;
3. the stage's `typical_duration`;
4. for the last stage: open-ended, to the end of the plan; for any other stage:
   `DEFAULT_STAGE_DURATION` (one week), so that an unplanned stage neither swallows the
   year nor vanishes.

Times are local wall-clock times (naive datetimes): `3d` is three calendar days, whatever
the clocks do in between. A persona whose last stage has a duration has left the journey
when it ends, and receives nothing after that.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from journeykit.durations import parse_duration
from journeykit.model import Journey
from journeykit.plan.measured import MeasuredPersona

DEFAULT_STAGE_DURATION = datetime.timedelta(weeks=1)

Basis = Literal["measured", "experience", "stage", "default", "open"]
"""Where a window's length comes from (see the module docstring)."""


@dataclass(frozen=True, slots=True)
class StageWindow:
    """The time a persona spends in one stage: from `start` (included) to `end` (excluded)."""

    stage: str
    start: datetime.datetime
    end: datetime.datetime | None
    """None: open-ended, the persona stays in this stage to the end of the plan."""
    basis: Basis

    def contains(self, moment: datetime.datetime) -> bool:
        return self.start <= moment and (self.end is None or moment < self.end)

    def clipped(self, horizon: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
        """(start, end) within the plan, which ends at `horizon`; start == end when it lies beyond it."""
        end = horizon if self.end is None else min(self.end, horizon)
        start = min(self.start, horizon)
        return start, max(start, end)


def stage_windows(
    journey: Journey, persona: str, begin: datetime.datetime, measured: MeasuredPersona | None = None
) -> tuple[StageWindow, ...]:
    """One window per stage of the map, in stage order, for `persona` starting at `begin` (day 0, 00:00)."""
    stages = journey.stages
    reached = measured.seconds_to_stage if measured is not None else {}
    lengths: list[tuple[datetime.timedelta | None, Basis]] = [
        _length(journey, persona, index == len(stages) - 1, stage.id, stage.typical_duration)
        for index, stage in enumerate(stages)
    ]
    starts: list[datetime.datetime] = []
    for index, stage in enumerate(stages):
        if index == 0:
            starts.append(begin)  # day 0 is the day the persona enters the journey
            continue
        previous_length = lengths[index - 1][0]
        planned = None if previous_length is None else starts[-1] + previous_length
        if stage.id in reached:
            planned = begin + datetime.timedelta(seconds=reached[stage.id])
        # Measured medians need not be in stage order; a stage is never entered before the one before it.
        starts.append(max(planned, starts[-1]) if planned is not None else starts[-1])
    windows = []
    for index, stage in enumerate(stages):
        length, basis = lengths[index]
        if index + 1 < len(stages):
            end: datetime.datetime | None = starts[index + 1]
            if stages[index + 1].id in reached:
                basis = "measured"
        else:
            end = None if length is None else starts[index] + length
        windows.append(StageWindow(stage.id, starts[index], end, basis))
    return tuple(windows)


def _length(
    journey: Journey, persona: str, last: bool, stage: str, typical: str | None
) -> tuple[datetime.timedelta | None, Basis]:
    experience = journey.experience_by_cell.get((persona, stage))
    own = parse_duration(experience.typical_duration) if experience is not None else None
    if own is not None:
        return own, "experience"
    written = parse_duration(typical)
    if written is not None:
        return written, "stage"
    if last:
        return None, "open"
    return DEFAULT_STAGE_DURATION, "default"


def window_of(windows: Sequence[StageWindow], stage: str) -> StageWindow | None:
    """The persona's window in `stage`, or None for a stage the map does not have."""
    return next((w for w in windows if w.stage == stage), None)


def stage_at(windows: Sequence[StageWindow], moment: datetime.datetime) -> str | None:
    """The stage the persona is in at `moment`, or None once it has left the journey."""
    starts = [w.start for w in windows]
    index = bisect.bisect_right(starts, moment) - 1
    # Zero-length windows share their start with the next one: the last window starting by then wins.
    while index >= 0:
        window = windows[index]
        if window.contains(moment):
            return window.stage
        if window.start < moment:
            return None
        index -= 1
    return None
