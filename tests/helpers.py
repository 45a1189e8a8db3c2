"""The test suite's helpers, in one place: paths, writing a project, golden files, asserting findings, plans.

Fixtures live in conftest.py and use these.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from journeykit.analysis import analyze, analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.findings import Finding
from journeykit.model import Journey
from journeykit.plan.measured import Measured
from journeykit.plan.result import JourneyPlan, PersonaPlan
from journeykit.plan.simulate import PlanOptions, plan_journey

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("JOURNEYKIT_UPDATE_GOLDEN") == "1"


@dataclass
class CliRun:
    """What one run of the real entry point did."""

    code: int
    stdout: str
    stderr: str


def write(root: Path, files: dict[str, str | bytes]) -> None:
    """Write a tree of files below `root`."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def assert_golden(name: str, actual: str) -> None:
    """`actual` equals tests/golden/NAME; JOURNEYKIT_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{name} missing: run JOURNEYKIT_UPDATE_GOLDEN=1 pytest"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs: review, then JOURNEYKIT_UPDATE_GOLDEN=1"


MINIMAL = """\
journeykit: 1
kind: journey
id: checkout
title: Checkout
stages:
  - id: purchase
    name: Purchase
"""
"""The smallest valid map, the start of many tests."""


def findings_in(paths: Iterable[str | Path], settings: Settings | None = None) -> list[Finding]:
    """Findings of the validate pipeline (files, schema, references), sorted."""
    analysis = analyze([str(p) for p in paths], settings or Settings())
    return analysis.result.sorted_findings()


def lint_files(
    files: dict[str, str], settings: Settings | None = None, as_of: datetime.date = datetime.date(2026, 11, 22)
) -> list[Finding]:
    """Findings of `journeykit lint` (structure and lint rules) on files held in memory, sorted."""
    chosen = settings or Settings()
    return with_lint(analyze_files(files, chosen), chosen, as_of).result.sorted_findings()


def assert_finding(
    findings: list[Finding], code: str, *, line: int, column: int, file: str | None = None, contains: str = ""
) -> Finding:
    """The finding with this code at exactly this line and column; fails listing what was found."""
    for f in findings:
        loc = f.location
        if f.code == code and loc.line == line and loc.column == column and (file is None or loc.file == file):
            assert contains in f.message or contains in (f.hint or ""), f"{f.message!r} lacks {contains!r}"
            return f
    found = "\n".join(f"  {f.code} {f.location} {f.message}" for f in findings) or "  (nothing)"
    raise AssertionError(f"no {code} at {line}:{column}; found:\n{found}")


def codes(findings: Iterable[Finding]) -> list[str]:
    return [f.code for f in findings]


PLAN_HEAD = """\
journeykit: 1
kind: journey
id: app
title: Shopping app
timezone: {zone}
personas:
  - id: shopper
    name: Shopper
  - id: visitor
    name: Visitor
channels:
  - {{id: push, name: Push, mode: digital}}
  - {{id: email, name: Email, mode: digital}}
"""
"""The start of the plan tests' small maps: two personas, two channels; `.format(zone=...)` sets the time zone."""


def journey_of(text: str, project: Path, name: str = "app.journey.yaml") -> Journey:
    """The modelled map of `text`, which must have no errors."""
    (project / name).write_text(text, encoding="utf-8")
    analysis = analyze([name], Settings())
    findings = analysis.result.findings
    assert not analysis.result.errors, [f"{f.code} {f.location} {f.message}" for f in findings]
    return analysis.journeys[0]


def plan_of(
    text: str,
    project: Path,
    start: datetime.date,
    days: int = 365,
    measured: Measured | None = None,
) -> JourneyPlan:
    """The plan of the map `text` (which must have no errors) from `start`."""
    return plan_journey(journey_of(text, project), PlanOptions(start, days, (), measured))


def persona_plan(plan: JourneyPlan, persona_id: str = "shopper") -> PersonaPlan:
    found = plan.persona_plan(persona_id)
    assert found is not None
    return found


def send_times(plan: PersonaPlan, interaction: str | None = None) -> list[str]:
    """Sends as ISO local times with offset, optionally of one interaction."""
    return [s.at.isoformat(timespec="minutes") for s in plan.sends if interaction in (None, s.interaction.id)]


class GitRepo:
    """A real git repository in a temporary directory, for tests that need revisions."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "journeykit tests")
        self.git("config", "user.email", "tests@journeykit.invalid")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, check: bool = True) -> str:
        """Run git in the repository; its standard output."""
        import subprocess

        completed = subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=True, check=False, env=_git_env()
        )
        if check and completed.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {completed.stderr}")
        return completed.stdout

    def commit(self, message: str, files: dict[str, str | bytes] | None = None, remove: Iterable[str] = ()) -> str:
        """Write and delete files, commit everything, and return the new commit's id."""
        if files:
            write(self.root, files)
        for name in remove:
            (self.root / name).unlink()
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


def _git_env() -> dict[str, str]:
    """The environment without the variables of a git that runs the tests (hooks, worktrees)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {"GIT_CONFIG_NOSYSTEM": "1"}


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the `occurrence`-th line that contains `needle`."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} not found {occurrence} time(s)"
    return found[occurrence - 1]
