"""The year view of a plan, as plain dataclasses for templates/plan.html.j2.

Per persona: one grid per month (weeks as rows, Monday first) with the number of sends on
each day, each channel's sends marked by a shape as well as a colour, the stage the persona
is in shown along the top of the month (as named bands) and on every day, the day's sends
in the cell's title (hover) and again in a plain list under the month; beside the grids,
the busiest days and weeks and what never fires. The template only loops and prints.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from journeykit import __version__
from journeykit.plan import queries
from journeykit.plan.result import JourneyPlan, PersonaPlan, Send
from journeykit.present import MONTHS, WEEKDAYS, date_words, plural, when_text
from journeykit.render.palette import PALETTE, channel_colours

SHAPES = ("●", "■", "▲", "◆", "★", "✚", "▼", "⬟", "✖", "◐", "⬢", "☗")
"""One shape per channel that sends, in the map's order: a channel is told by its shape, not only its
colour, which is the channel's colour in the diagram and the report."""
STAGE_COLOURS = 8
"""Stage bands cycle through this many tints and hatchings (plan.css has one class for each)."""
BUSIEST = 5


@dataclass(frozen=True, slots=True)
class ChannelKey:
    id: str
    name: str
    shape: str
    css: str
    fill: str
    border: str


@dataclass(frozen=True, slots=True)
class StageKey:
    id: str
    name: str
    css: str
    span: str
    """`days 0-20`, or `not reached in the plan`."""


@dataclass(frozen=True, slots=True)
class SendLine:
    time: str
    interaction: str
    name: str
    channel: ChannelKey
    trigger: str

    @property
    def text(self) -> str:
        return f"{self.time} {self.channel.shape} {self.channel.name}: {self.name} ({self.trigger})"


@dataclass(frozen=True, slots=True)
class Mark:
    channel: ChannelKey
    count: int


@dataclass(frozen=True, slots=True)
class DayCell:
    date: datetime.date
    label: str
    """`Mon 2 Nov 2026`."""
    in_plan: bool
    day_number: int | None
    stage: StageKey | None
    sends: tuple[SendLine, ...]
    marks: tuple[Mark, ...]
    title: str
    """Everything about the day in one text, for the cell's tooltip."""

    @property
    def count(self) -> int:
        return len(self.sends)


@dataclass(frozen=True, slots=True)
class StageBand:
    stage: StageKey | None
    days: int
    """How many days of the month the band spans."""
    first: int
    """Its first day of the month, 1-based (for the grid column it starts in)."""


@dataclass(frozen=True, slots=True)
class MonthGrid:
    id: str
    title: str
    weeks: tuple[tuple[DayCell | None, ...], ...]
    """Rows of seven, Monday first; None pads the days before the 1st and after the last."""
    bands: tuple[StageBand, ...]
    busy_days: tuple[DayCell, ...]
    """The days of the month with sends, for the plain list."""
    sends: int


@dataclass(frozen=True, slots=True)
class Busy:
    label: str
    count: int
    detail: str


@dataclass(frozen=True, slots=True)
class Silent:
    interaction: str
    name: str
    explanation: str


@dataclass(frozen=True, slots=True)
class PersonaYear:
    id: str
    anchor: str
    name: str
    summary: str
    channels: tuple[ChannelKey, ...]
    stages: tuple[StageKey, ...]
    months: tuple[MonthGrid, ...]
    busiest_days: tuple[Busy, ...]
    busiest_weeks: tuple[Busy, ...]
    never_fires: tuple[Silent, ...]
    undated: tuple[Silent, ...]


@dataclass(frozen=True, slots=True)
class YearView:
    title: str
    subtitle: str
    weekdays: tuple[str, ...]
    personas: tuple[PersonaYear, ...]
    notes: tuple[str, ...]
    generator: str


def build_year_view(plan: JourneyPlan, *, title: str | None = None, note: str | None = None) -> YearView:
    """The year view of every persona of a plan; `title` replaces `MAP: the plan`, `note` comes first in the notes."""
    channel_keys = _channel_keys(plan)
    journey = plan.journey
    words = {interaction.id: when_text(interaction, journey) for interaction in journey.interactions}
    personas = tuple(_persona(plan, persona, channel_keys, words) for persona in plan.personas)
    return YearView(
        title=title or f"{journey.title}: the plan",
        subtitle=f"{date_words(plan.start)} to {date_words(plan.last_day)} ({plural(plan.days, 'day')}), "
        f"times in {plan.zone_name}",
        weekdays=tuple(name[:3] for name in (*WEEKDAYS[1:], WEEKDAYS[0])),
        personas=personas,
        notes=(note, *plan.notes) if note else plan.notes,
        generator=f"journeykit {__version__}",
    )


def _channel_keys(plan: JourneyPlan) -> dict[str, ChannelKey]:
    journey = plan.journey
    used = {s.channel for p in plan.personas for s in p.sends}
    ordered = [c for c in journey.channels if c.id in used]
    ordered += [journey.channel_by_id[c] for c in sorted(used - {c.id for c in ordered}) if c in journey.channel_by_id]
    colours = channel_colours(journey.channels)
    palette_index = {channel.id: index % len(PALETTE) for index, channel in enumerate(journey.channels)}
    keys = {}
    for index, channel in enumerate(ordered):
        colour = colours[channel.id]
        keys[channel.id] = ChannelKey(
            channel.id,
            channel.name,
            SHAPES[index % len(SHAPES)],
            f"ch-{palette_index[channel.id]}",
            colour.fill,
            colour.border,
        )
    return keys


def _persona(
    plan: JourneyPlan, persona: PersonaPlan, channels: dict[str, ChannelKey], words: Mapping[str, str]
) -> PersonaYear:
    """One persona's year; `words` holds each interaction's trigger in words (worded once, not per send)."""
    journey = plan.journey
    stage_keys = {}
    for index, stage in enumerate(journey.stages):
        window = next((w for w in persona.windows if w.stage == stage.id), None)
        span = "not reached in the plan"
        if window is not None:
            low, high = window.clipped(plan.horizon)
            if high > low:
                first = plan.day_number(low.date())
                last = plan.day_number((high - datetime.timedelta(microseconds=1)).date())
                span = f"day {first}" if first == last else f"days {first}-{last}"
        stage_keys[stage.id] = StageKey(stage.id, stage.name, f"st-{index % STAGE_COLOURS}", span)
    by_day = queries.sends_by_day(persona)
    cells = {}
    for day_number in range(plan.days):
        day = plan.start + datetime.timedelta(days=day_number)
        cells[day] = _cell(plan, persona, day, by_day.get(day, ()), channels, stage_keys, words)
    months = tuple(
        _month(plan, persona, year, month, cells, channels, stage_keys) for year, month in queries.months_of(plan)
    )
    used = {s.channel for s in persona.sends}
    weeks = queries.sends_by_week(persona)
    return PersonaYear(
        id=persona.persona.id,
        anchor=f"plan-{persona.persona.id}",
        name=persona.persona.name,
        summary=f"{plural(len(persona.sends), 'send')} over {len(used)} {'channel' if len(used) == 1 else 'channels'}",
        channels=tuple(key for key in channels.values() if key.id in used),
        stages=tuple(stage_keys.values()),
        months=months,
        busiest_days=tuple(
            Busy(cells[day].label, count, "; ".join(line.text for line in cells[day].sends))
            for day, count in queries.busiest(by_day, BUSIEST)
        ),
        busiest_weeks=tuple(
            Busy(f"week of {date_words(week)}", count, ", ".join(sorted({s.interaction.id for s in weeks[week]})))
            for week, count in queries.busiest(weeks, 3)
        ),
        never_fires=tuple(Silent(s.interaction.id, s.interaction.name, s.explanation) for s in persona.silent),
        undated=tuple(Silent(u.interaction.id, u.interaction.name, u.explanation) for u in persona.undated),
    )


def _cell(
    plan: JourneyPlan,
    persona: PersonaPlan,
    day: datetime.date,
    sends: Sequence[Send],
    channels: dict[str, ChannelKey],
    stages: dict[str, StageKey],
    words: Mapping[str, str],
) -> DayCell:
    stage_id = queries.stage_on(persona, day)
    stage = stages.get(stage_id) if stage_id else None
    lines = tuple(
        SendLine(
            s.at.strftime("%H:%M"),
            s.interaction.id,
            s.interaction.name,
            channels[s.channel],
            words[s.interaction.id],
        )
        for s in sends
    )
    marks: dict[str, int] = {}
    for line in lines:
        marks[line.channel.id] = marks.get(line.channel.id, 0) + 1
    label = f"{WEEKDAYS[(day.weekday() + 1) % 7][:3]} {date_words(day)}"
    number = plan.day_number(day)
    where = f"in {stage.name}" if stage else "past the last stage"
    head = f"{label}, day {number}, {where}: {plural(len(lines), 'send')}"
    return DayCell(
        date=day,
        label=label,
        in_plan=True,
        day_number=number,
        stage=stage,
        sends=lines,
        marks=tuple(Mark(channels[c], n) for c, n in marks.items()),
        title="\n".join([head, *(line.text for line in lines)]),
    )


def _month(
    plan: JourneyPlan,
    persona: PersonaPlan,
    year: int,
    month: int,
    cells: dict[datetime.date, DayCell],
    channels: dict[str, ChannelKey],
    stages: dict[str, StageKey],
) -> MonthGrid:
    first = datetime.date(year, month, 1)
    days = []
    day = first
    while day.month == month:
        days.append(cells.get(day) or _outside(day))
        day += datetime.timedelta(days=1)
    padded: list[DayCell | None] = [None] * first.weekday() + days
    padded += [None] * (-len(padded) % 7)
    weeks = tuple(tuple(padded[i : i + 7]) for i in range(0, len(padded), 7))
    bands: list[StageBand] = []
    for index, cell in enumerate(days, 1):
        stage = cell.stage if cell.in_plan else None
        if bands and bands[-1].stage == stage:
            bands[-1] = StageBand(stage, bands[-1].days + 1, bands[-1].first)
        else:
            bands.append(StageBand(stage, 1, index))
    with_sends = tuple(c for c in days if c.sends)
    return MonthGrid(
        id=f"plan-{persona.persona.id}-{year}-{month:02d}",
        title=f"{MONTHS[month - 1]} {year}",
        weeks=weeks,
        bands=tuple(bands),
        busy_days=with_sends,
        sends=sum(c.count for c in with_sends),
    )


def _outside(day: datetime.date) -> DayCell:
    label = f"{WEEKDAYS[(day.weekday() + 1) % 7][:3]} {date_words(day)}"
    return DayCell(day, label, False, None, None, (), (), f"{label}: outside the plan")


def render_page(plans: Sequence[JourneyPlan]) -> str:
    """A standalone page with the year view of each plan (`journeykit plan --format html`)."""
    from journeykit.render.html import Templates

    views = [build_year_view(plan) for plan in plans]
    return Templates().render("plan-page.html.j2", views=views, generator=f"journeykit {__version__}")
