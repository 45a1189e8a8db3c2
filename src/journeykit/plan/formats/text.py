"""The plan for people, in the terminal: per persona, sends per month and channel, the busiest
days and weeks, the stages, what never fires and why, and what has no date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from journeykit.model import Interaction
from journeykit.plan.queries import (
    busiest,
    months_of,
    per_month_and_channel,
    sends_by_day,
    sends_by_week,
    windows_in_plan,
)
from journeykit.plan.result import JourneyPlan, PersonaPlan
from journeykit.present import MONTHS, plural, when_text
from journeykit.sanitize import printable

BUSIEST = 5


def write(plans: Sequence[JourneyPlan], out: TextIO) -> None:
    for index, plan in enumerate(plans):
        if index:
            out.write("\n")
        _map(plan, out)


def _map(plan: JourneyPlan, out: TextIO) -> None:
    journey = plan.journey
    total = sum(len(p.sends) for p in plan.personas)
    out.write(f"{printable(journey.title)} ({printable(journey.file)})\n")
    out.write(
        f"Plan from {plan.start} to {plan.last_day} ({plural(plan.days, 'day')}), times in {plan.zone_name}: "
        f"{plural(total, 'send')} to {plural(len(plan.personas), 'persona')}\n"
    )
    if plan.measured_source:
        out.write(f"Measured data: {printable(plan.measured_source)}\n")
    for note in plan.notes:
        out.write(f"Note: {printable(note)}\n")
    for persona in plan.personas:
        out.write("\n")
        _persona(plan, persona, out)


def _persona(plan: JourneyPlan, persona: PersonaPlan, out: TextIO) -> None:
    journey = plan.journey
    out.write(f"{printable(persona.persona.name)} ({persona.persona.id}): {plural(len(persona.sends), 'send')}\n")
    stages = [
        f"{window.stage} {_span(plan.day_number(first), plan.day_number(last))}{_basis(window.basis)}"
        for window, first, last in windows_in_plan(plan, persona)
    ]
    out.write(f"  Stages: {', '.join(stages)}\n")
    if persona.sends:
        _months(plan, persona, out)
        days = busiest(sends_by_day(persona), BUSIEST)
        out.write("  Busiest days: ")
        out.write(", ".join(f"{day} {day:%a} ({count})" for day, count in days) + "\n")
        weeks = busiest(sends_by_week(persona), 3)
        out.write("  Busiest weeks: ")
        out.write(", ".join(f"week of {week} ({count})" for week, count in weeks) + "\n")
    if persona.silent:
        out.write("  Never fires:\n")
        for silence in persona.silent:
            out.write(f"    {silence.interaction.id}: {printable(silence.explanation)}\n")
    if persona.undated:
        out.write("  No dates:\n")
        for undated in persona.undated:
            out.write(f"    {undated.interaction.id}: {printable(undated.explanation)}\n")
    fired: dict[str, Interaction] = {}
    counts = Counter(send.interaction.id for send in persona.sends)
    for send in persona.sends:
        fired.setdefault(send.interaction.id, send.interaction)
    if fired:
        out.write("  Interactions that fire:\n")
        for interaction in fired.values():
            count = counts[interaction.id]
            out.write(
                f"    {interaction.id}: {plural(count, 'send')}, {printable(when_text(interaction, journey))} "
                f"({interaction.channel}, in {interaction.stage})\n"
            )


def _months(plan: JourneyPlan, persona: PersonaPlan, out: TextIO) -> None:
    months = months_of(plan)
    counts = per_month_and_channel(persona)
    channels = sorted({channel for counter in counts.values() for channel in counter})
    width = max(len("total"), *(len(c) for c in channels))
    header = "".join(f"{MONTHS[m - 1][:3]:>5}" for _, m in months)
    out.write(f"  Sends per month:\n    {'':<{width}}{header}  total\n")
    empty: Counter[str] = Counter()
    for channel in [*channels, None]:
        row = [
            sum(counts.get(month, empty).values()) if channel is None else counts.get(month, empty)[channel]
            for month in months
        ]
        cells = "".join(f"{n if n else '.':>5}" for n in row)
        out.write(f"    {channel or 'total':<{width}}{cells}  {sum(row):>5}\n")


def _span(first: int, last: int) -> str:
    return f"day {first}" if first == last else f"days {first}-{last}"


def _basis(basis: str) -> str:
    return {
        "measured": " (measured)",
        "experience": "",
        "stage": "",
        "default": " (assumed 1 week)",
        "open": " (open-ended)",
    }[basis]
