"""`journeykit plan`: each map's interactions laid out over the plan's days, per persona.

Maps with errors (validate's, and lint rules at error severity such as an invalid cron) are
reported on standard error and skipped; the others are planned and written in one format,
to standard output or atomically to `--output`.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from journeykit.commands.check import CheckOptions, load
from journeykit.config import Settings
from journeykit.errors import UsageError
from journeykit.model import Journey
from journeykit.output import open_output
from journeykit.plan.measured import Measured
from journeykit.plan.simulate import EARLIEST, LATEST
from journeykit.present import plural
from journeykit.result import Result

MAX_DAYS = 3660
"""Ten years: enough for any plan, and a bound on the work a typo such as `--days 36500` asks for."""


@dataclass(frozen=True)
class PlanCommandOptions:
    check: CheckOptions
    start: datetime.date
    days: int = 365
    personas: tuple[str, ...] = ()
    measured: Measured | None = None
    """Measured data (from `journeykit analytics`, later `--events`); None plans from the map alone."""


def plan(options: PlanCommandOptions, settings: Settings) -> int:
    """Plan every map without errors; exit 1 when a map had errors and was skipped."""
    from journeykit.plan.formats import writer
    from journeykit.plan.simulate import PlanOptions, plan_journey

    if not 1 <= options.days <= MAX_DAYS:
        raise UsageError(f"--days must be from 1 to {MAX_DAYS}, not {options.days}")
    if not EARLIEST <= options.start <= LATEST:
        raise UsageError(f"--start must be from {EARLIEST} to {LATEST}, not {options.start}")
    if options.measured is not None:
        problems = options.measured.validate()
        if problems:
            raise UsageError(f"the measured data cannot be used: {problems[0]}")
    checked = load(options.check, settings, lint_as_of=datetime.date.today())
    errors = checked.result.errors_only()
    blocked = {f.location.file for f in errors.findings}
    journeys = checked.analysis.journeys
    _check_personas(journeys, options.personas)
    plannable = [
        journey
        for journey in journeys
        if journey.file not in blocked
        and (not options.personas or any(p.id in options.personas for p in journey.personas))
    ]
    simulation = PlanOptions(options.start, options.days, options.personas, options.measured)
    plans = [plan_journey(journey, simulation) for journey in plannable]
    if errors.findings:
        _report(errors)
    write = writer(options.check.output_format)
    with open_output(options.check.output) as out:
        write(plans, out)
    if blocked:
        print(
            f"journeykit: planned {plural(len(plans), 'map')}; {plural(len(blocked), 'file')} with errors not planned",
            file=sys.stderr,
        )
    return 1 if blocked else 0


def _check_personas(journeys: Sequence[Journey], personas: Sequence[str]) -> None:
    known = {p.id for journey in journeys for p in journey.personas}
    for persona in personas:
        if persona not in known:
            raise UsageError(f"no map has persona '{persona}'")


def _report(result: Result) -> None:
    from journeykit.reporters import DIAGNOSTIC_FORMATS, ReportContext

    DIAGNOSTIC_FORMATS.get("text").report(result, sys.stderr, ReportContext("plan"))
