"""Check many maps keeping only what reporters need: findings, the lines they quote, coverage figures.

validate, lint and coverage do not need a map once it is checked, so each target is loaded,
checked, modelled, linted and measured, and then released: memory stays flat in the number
of maps. Directories with many files are checked in a pool of worker processes, which return
only those small results; the results are put together in target order, exactly as one
process would, so the output is the same whatever the number of processes.
"""

from __future__ import annotations

import datetime
import functools
import io
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from journeykit import schema
from journeykit.analysis import DiskFiles, FileReport, Files, MapId, Merge, Session
from journeykit.config import Settings
from journeykit.coverage import CoverageMatrix
from journeykit.discover import Target
from journeykit.findings import Finding
from journeykit.lint.engine import LintRun, SuppressionLedger
from journeykit.lint.suppressions import Suppressions
from journeykit.lint.table import RuleTable
from journeykit.memory import paused_gc, settle
from journeykit.quoted import QuotedLines
from journeykit.result import Result
from journeykit.workers import chunk_size, in_pool, pool_workers


@dataclass(frozen=True)
class Scanned:
    """A run's result, and the coverage of each modelled map (detached from the map), in map order."""

    result: Result
    coverage: tuple[CoverageMatrix, ...]
    targets: int


@dataclass(frozen=True)
class MapOutcome:
    """What checking one target leaves behind: small enough to keep for every map, or to send between processes."""

    files: tuple[FileReport, ...]
    build_findings: tuple[Finding, ...]
    map_id: MapId | None
    lint_findings: tuple[Finding, ...]
    suppressions: tuple[Suppressions, ...]
    quoted: QuotedLines
    coverage: CoverageMatrix | None


def scan(
    paths: Sequence[str],
    settings: Settings,
    *,
    stdin: BinaryIO | None = None,
    stdin_name: str = "<stdin>",
    lint_as_of: datetime.date | None = None,
    coverage: bool = False,
) -> Scanned:
    """Check every map and catalog under `paths`; with `lint_as_of`, lint them too, dated that day."""
    files = DiskFiles(settings, stdin or sys.stdin.buffer)
    targets = files.finder.targets(paths, stdin_name)
    workers = pool_workers(len(targets), settings.jobs, all(t.path is not None for t in targets))
    table = RuleTable.compile(settings)
    schema.prepare()  # once, before any worker starts, so that forked workers share it
    settle()
    if workers > 1:
        start = functools.partial(_worker_checker, settings, lint_as_of, coverage, targets)
        outcomes: Iterable[MapOutcome] = in_pool(start, targets, workers, chunk_size(len(targets), workers))
    else:
        checker = MapChecker(files, table, lint_as_of, coverage, targets)
        outcomes = (checker.check(target) for target in targets)
    return _combine(outcomes, table, lint_as_of, len(targets))


def _combine(
    outcomes: Iterable[MapOutcome], table: RuleTable, lint_as_of: datetime.date | None, targets: int
) -> Scanned:
    merge = Merge()
    ledger = SuppressionLedger()
    lint_findings: list[Finding] = []
    matrices: list[CoverageMatrix] = []
    for outcome in outcomes:
        merge.add(outcome.files, outcome.build_findings, outcome.map_id, outcome.quoted)
        lint_findings.extend(outcome.lint_findings)
        ledger.add(outcome.suppressions)
        if outcome.coverage is not None:
            matrices.append(outcome.coverage)
    if lint_as_of is not None:
        lint_findings.extend(ledger.leftovers(table))
    return Scanned(merge.result(lint_findings), tuple(matrices), targets)


class MapChecker:
    """Checks one target at a time and keeps nothing of it but its outcome (catalogs excepted)."""

    def __init__(
        self,
        files: Files,
        table: RuleTable,
        lint_as_of: datetime.date | None,
        coverage: bool,
        targets: Sequence[Target] = (),
    ) -> None:
        self.session = Session(files, targets)
        self.lint = LintRun(table, lint_as_of) if lint_as_of is not None else None
        self.coverage = coverage

    def check(self, target: Target) -> MapOutcome:
        # The collector stays paused until the target's data and model are gone (see journeykit.memory).
        with paused_gc():
            outcome = self._check(target)
        return outcome

    def _check(self, target: Target) -> MapOutcome:
        work = self.session.work(target)
        quoted = work.quoted
        lint_findings: tuple[Finding, ...] = ()
        suppressions: tuple[Suppressions, ...] = ()
        if work.map is not None and self.lint is not None:
            linted = self.lint.check(work.map)
            lint_findings, suppressions = linted.findings, linted.suppressions
            quoted.update(QuotedLines.of(lint_findings, work.sources))
            for parsed in suppressions:  # the lines of comments that may turn out to suppress nothing
                for line in parsed.by_line:
                    quoted.take(work.sources.get(parsed.source.display), line)
        matrix = work.map.coverage.detached() if work.map is not None and self.coverage else None
        return MapOutcome(work.files, work.build_findings, work.map_id, lint_findings, suppressions, quoted, matrix)


def _worker_checker(
    settings: Settings, lint_as_of: datetime.date | None, coverage: bool, targets: Sequence[Target]
) -> Callable[[Target], MapOutcome]:
    """In a worker process: a checker for the targets it is given (never standard input)."""
    checker = MapChecker(DiskFiles(settings, io.BytesIO()), RuleTable.compile(settings), lint_as_of, coverage, targets)
    settle()
    return checker.check
