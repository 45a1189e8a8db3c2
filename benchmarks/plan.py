"""Time `journeykit plan` on a year for 50 personas x 200 interactions (target: under 2 s).

    python benchmarks/plan.py [--personas 50] [--interactions 200] [--repeat 5] [--write docs/benchmarks.md]

The map is generated with a fixed seed: six stages with typical durations, interactions of
every trigger type (day of use, cron schedules, calendar events, behaviours), half of them
for every persona and half for ten. Measured are the simulation alone (in process, with
measured behaviour rates, so behaviours get dates too), each output format on top of it,
and the whole command in a fresh process (loading, validation, lint, plan, JSON). With
--write, the section between the plan-benchmarks markers at the end of the file is
replaced (or appended); the rest of the file is left as it is.
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.sections import write_section  # noqa: E402

START_MARK = "<!-- plan-benchmarks:start -->"
END_MARK = "<!-- plan-benchmarks:end -->"
START = datetime.date(2026, 1, 5)
STAGES = (("discovery", "1d"), ("onboarding", "2w"), ("first-order", "3w"), ("regular", "30w"), ("lapsing", "6w"))
CRONS = ("0 9 * * 1", "30 18 * * 5", "0 8 1 * *", "0 12 * * *", "15 10 * * 1-5", "0 9 15 * *", "0 20 * 11,12 *")
TARGET_SECONDS = 2.0


def generate_map(personas: int, interactions: int, seed: int = 12) -> str:
    """A map with `personas` personas and `interactions` interactions of every trigger type."""
    rng = random.Random(seed)
    ids = [f"persona-{n:02d}" for n in range(personas)]
    lines = [
        "journeykit: 1",
        "kind: journey",
        "id: plan-benchmark",
        "title: Plan benchmark",
        "timezone: Europe/Berlin",
        "personas:",
        *(f"  - {{id: {p}, name: Persona {n}}}" for n, p in enumerate(ids)),
        "stages:",
        *(f"  - {{id: {s}, name: {s.title()}, typical_duration: {d}}}" for s, d in STAGES),
        "  - {id: gone, name: Gone}",
        "channels:",
        *(f"  - {{id: {c}, name: {c.title()}, mode: digital}}" for c in ("push", "email", "inbox", "sms")),
        "calendar:",
    ]
    for n in range(10):
        dates = sorted({START + datetime.timedelta(days=rng.randrange(365)) for _ in range(rng.randint(1, 5))})
        lines.append(f"  - {{id: event-{n}, name: Event {n}, dates: [{', '.join(d.isoformat() for d in dates)}]}}")
    lines.append("interactions:")
    stages = [s for s, _ in STAGES] + ["gone"]
    for n in range(interactions):
        kind = ("day_of_use", "schedule", "event", "behavior")[n % 4]
        trigger = {
            "day_of_use": f"{{type: day_of_use, day: {rng.randrange(365)}}}",
            "schedule": f'{{type: schedule, cron: "{rng.choice(CRONS)}"}}',
            "event": f"{{type: event, name: event-{rng.randrange(10)}}}",
            "behavior": f"{{type: behavior, event: event_{n % 20}, within: {rng.randint(1, 48)}h}}",
        }[kind]
        audience = f", personas: [{', '.join(rng.sample(ids, 10))}]" if n % 2 and len(ids) > 10 else ""
        channel = rng.choice(("push", "email", "inbox", "sms"))
        lines.append(
            f"  - {{id: interaction-{n:03d}, name: Interaction {n}, channel: {channel}, "
            f"stage: {rng.choice(stages)}{audience}, trigger: {trigger}}}"
        )
    return "\n".join(lines) + "\n"


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(personas: int, interactions: int, repeat: int) -> tuple[list[tuple[str, str, float]], int]:
    from journeykit.analysis import analyze
    from journeykit.config import Settings
    from journeykit.plan.formats import writer
    from journeykit.plan.measured import Measured, MeasuredPersona
    from journeykit.plan.simulate import PlanOptions, plan_journey

    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        (workdir / ".git").mkdir()
        path = workdir / "plan-benchmark.journey.yaml"
        path.write_text(generate_map(personas, interactions), encoding="utf-8")
        analysis = analyze([str(path)], Settings())
        assert not analysis.result.findings, analysis.result.findings[:3]
        journey = analysis.journeys[0]
        rates = {f"event_{n}": 0.5 + n / 10 for n in range(20)}
        measured = Measured({p.id: MeasuredPersona(events_per_week=rates) for p in journey.personas})
        options = PlanOptions(START, 365, (), measured)
        plan = plan_journey(journey, options)
        sends = sum(len(p.sends) for p in plan.personas)
        simulate = median_seconds(lambda: plan_journey(journey, options), repeat)
        rows = [("simulation", "plan_journey(map, 365 days, measured rates)", simulate)]
        for name in ("json", "csv", "ics", "text"):
            rows.append((f"{name} output", f"writer('{name}') on the plan", _write_seconds(writer(name), plan, repeat)))
        journeykit = str(Path(sys.executable).parent / "journeykit")
        command = [
            journeykit,
            "plan",
            path.name,
            "--start",
            START.isoformat(),
            "--format",
            "json",
            "--output",
            "out.json",
        ]

        def whole() -> None:
            subprocess.run(command, cwd=workdir, check=True, stdout=subprocess.DEVNULL)

        rows.append(("whole command", " ".join(["journeykit", *command[1:]]), median_seconds(whole, repeat)))
    return rows, sends


def _write_seconds(write: Callable[..., None], plan: object, repeat: int) -> float:
    return median_seconds(lambda: write([plan], io.StringIO()), repeat)


def section(rows: list[tuple[str, str, float]], sends: int, personas: int, interactions: int, repeat: int) -> str:
    by_name = {name: seconds for name, _, seconds in rows}
    simulation = by_name["simulation"]
    whole = by_name["whole command"]
    lines = [
        START_MARK,
        "## journeykit plan",
        "",
        "<!-- Written by `./dev bench` (python benchmarks/plan.py --write docs/benchmarks.md). -->",
        "",
        f"A year ({START} to {START + datetime.timedelta(days=364)}) for {personas} personas x {interactions} "
        f"interactions (a quarter each day of use, cron schedules, calendar events and behaviours with measured "
        f"rates; half for every persona, half for ten), Europe/Berlin: {sends:,} sends. Generated with a fixed "
        f"seed by `benchmarks/plan.py`; median of {repeat} runs. The whole command plans from the map alone "
        "(measured data reaches it only later, with `--events`), so there its behaviours have no dates.",
        "",
        "| measure | result | target | |",
        "|---|---:|---:|---|",
        f"| simulation, seconds | {simulation:.3f} | < {TARGET_SECONDS:g} | {_met(simulation)} |",
        f"| whole command (load, validate, lint, plan, JSON), seconds | {whole:.3f} | < {TARGET_SECONDS:g} "
        f"| {_met(whole)} |",
        "",
        "| what | how | seconds |",
        "|---|---|---:|",
        *(f"| {name} | `{how}` | {seconds:.3f} |" for name, how, seconds in rows),
        END_MARK,
    ]
    return "\n".join(lines) + "\n"


def _met(seconds: float) -> str:
    return "met" if seconds < TARGET_SECONDS else "**missed**"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--personas", type=int, default=50)
    parser.add_argument("--interactions", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", type=Path, help="replace the plan section of this Markdown file")
    args = parser.parse_args(argv)
    rows, sends = measure(args.personas, args.interactions, args.repeat)
    text = section(rows, sends, args.personas, args.interactions, args.repeat)
    if args.write:
        write_section(args.write, text, START_MARK, END_MARK)
        print(f"wrote the plan section of {args.write}", file=sys.stderr)
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
