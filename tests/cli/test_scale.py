"""Many maps through the real entry point: the pool of workers gives exactly the output of one process,
quotes source lines from files it read in other processes, stops cleanly, and reports a dead worker."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from journeykit import scan
from journeykit.commands import format as format_command
from tests.helpers import REPO, CliRun, write

Jk = Callable[..., CliRun]

CATALOG = """\
journeykit: 1
kind: catalog
personas:
  - id: shopper
    name: Shopper
channels:
  - id: web
    name: Website
    mode: digital
teams:
  - id: cx
    name: Customer experience  # journeykit: ignore[JK503]
"""
TWIN = """\
journeykit: 1
kind: catalog
personas:
  - id: twin
    name: Twin {n}
"""
BROKEN_CATALOG = """\
journeykit: 1
kind: catalog
teams:
  - id: Not An Id
    name: Broken
"""


def a_map(index: int, *, map_id: str | None = None, persona: str = "shopper", extra: str = "") -> str:
    """A map that sees the shared catalog; lint finds a touchpoint no experience mentions."""
    return f"""\
journeykit: 1
kind: journey
id: {map_id or f"map-{index:03d}"}
title: Map {index}
owner: cx
updated: 2026-10-01
stages:
  - id: discover
    name: Discover
touchpoints:
  - id: ad
    name: Ad
    stage: discover
    channel: web
  - id: forgotten
    name: Forgotten touchpoint
    stage: discover
experiences:
  - persona: {persona}
    stage: discover
    touchpoints: [ad]
    tasks: [Look]
    emotion: 1
{extra}"""


def many_maps(root: Path) -> None:
    """70 maps and 4 catalogs with every kind of finding that crosses files."""
    files: dict[str, str] = {"shared.catalog.yaml": CATALOG, "broken/bad.catalog.yaml": BROKEN_CATALOG}
    for n in range(2):
        files[f"clash/c{n}.catalog.yaml"] = TWIN.format(n=n)
    for index in range(70):
        folder = ("east", "west", "clash", "broken")[index % 4]
        text = a_map(index, persona="twin" if folder == "clash" else "shopper")
        if index == 8:
            text = a_map(index, map_id="map-003")  # the id of map 3, in another folder: JK205
        if index == 11:
            text = text.replace("title: Map 11", "title: [Map, 11]")  # a schema error
        if index == 13:
            text = text.replace("stage: discover\n    channel", "stage: nowhere\n    channel")  # an unknown stage
        if index == 12:
            text = a_map(index, persona="twin")  # defined only in clash/'s catalogs, which east/ does not see
        if index == 17:
            text = "journeykit: 1\nkind: journey\nid: [unclosed\n"  # a YAML syntax error
        files[f"{folder}/m{index:03d}.journey.yaml"] = text
    write(root, files)


@contextmanager
def pool_calls(monkeypatch: pytest.MonkeyPatch, module: ModuleType = scan) -> Iterator[list[int]]:
    """Record the number of workers of each pool the run (of `module`'s pool) starts."""
    calls: list[int] = []
    real = module.in_pool

    def spy(start, items, jobs, chunk):  # type: ignore[no-untyped-def]
        calls.append(jobs)
        return real(start, items, jobs, chunk)

    monkeypatch.setattr(module, "in_pool", spy)
    yield calls


@pytest.mark.parametrize(
    "command",
    [
        ("validate", "-f", "json"),
        ("lint", "-f", "json", "--as-of", "2026-11-22"),
        ("lint", "--as-of", "2026-11-22"),
        ("coverage", "-f", "json"),
    ],
    ids=["validate-json", "lint-json", "lint-text", "coverage-json"],
)
def test_a_pool_gives_the_output_of_one_process(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    many_maps(project)
    with pool_calls(monkeypatch) as calls:
        alone = jk(*command, ".", "--jobs", "1")
        assert calls == []
        pooled = jk(*command, ".", "--jobs", "2")
        assert calls == [2]
    assert pooled.code == alone.code == 1
    assert pooled.stdout == alone.stdout
    assert pooled.stderr == alone.stderr


@pytest.mark.parametrize("mode", [("--check",), ("--diff",), ()], ids=["check", "diff", "write"])
def test_format_in_a_pool_prints_and_writes_what_one_process_does(
    tmp_path: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch, mode: tuple[str, ...]
) -> None:
    trees = []
    for name in ("alone", "pooled"):
        root = tmp_path / name
        many_maps(root)
        for path in root.rglob("*.journey.yaml"):  # the top-level keys out of their canonical order
            lines = path.read_text(encoding="utf-8").split("\n", 2)
            path.write_text("\n".join([lines[1], lines[0], lines[2]]), encoding="utf-8")
        (root / "east" / "m004.journey.yaml").write_bytes(b"\xff\xfe not UTF-8\n")  # cannot be formatted
        trees.append(root)
    with pool_calls(monkeypatch, format_command) as calls:
        alone = jk("format", *mode, str(trees[0]), "--jobs", "1")
        assert calls == []
        pooled = jk("format", *mode, str(trees[1]), "--jobs", "2")
        assert calls == [2]
    assert pooled.code == alone.code == 2  # the broken files are reported; the others formatted or listed
    assert pooled.stdout.replace("pooled", "alone") == alone.stdout
    assert pooled.stderr.replace("pooled", "alone") == alone.stderr
    expected = {("--check",): "Would reformat: ", ("--diff",): "+++ "}.get(mode, "")
    assert expected in alone.stdout and (alone.stdout == "") == (mode == ())
    assert "not UTF-8" in alone.stderr and "could not be formatted" in alone.stderr
    files = sorted(p.relative_to(trees[0]) for p in trees[0].rglob("*.yaml"))
    assert files == sorted(p.relative_to(trees[1]) for p in trees[1].rglob("*.yaml")) and len(files) == 74
    for relative in files:
        assert (trees[0] / relative).read_bytes() == (trees[1] / relative).read_bytes(), relative
    assert pooled.stderr.count("reformatted" if mode == () else "would be reformatted") == 1


def test_findings_that_cross_files_are_reported_once_by_a_pool(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_maps(project)
    with pool_calls(monkeypatch) as calls:
        run = jk("lint", ".", "-f", "json", "--as-of", "2026-11-22", "--jobs", "2")
    assert calls == [2]
    diagnostics = json.loads(run.stdout)["diagnostics"]
    codes = [(d["code"], d["file"]) for d in diagnostics]
    assert codes.count(("JK205", "east/m008.journey.yaml")) == 1
    # Two catalogs of clash/ define the same persona; every map there sees both: one finding.
    assert sum(1 for code, file in codes if code == "JK203" and file.startswith("clash/c")) == 1
    assert sum(1 for code, file in codes if file == "broken/bad.catalog.yaml" and code.startswith("JK1")) == 1
    # The catalog's comment is read by every worker and used by none.
    assert codes.count(("JK090", "shared.catalog.yaml")) == 1
    assert json.loads(run.stdout)["summary"]["files_checked"] == 74
    unseen = next(d for d in diagnostics if d["file"] == "east/m012.journey.yaml" and d["code"] == "JK201")
    assert "'twin' is defined in clash/c0.catalog.yaml, which this map does not see" in unseen["hint"]


def test_a_pool_quotes_the_lines_of_files_read_by_workers(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_maps(project)
    with pool_calls(monkeypatch) as calls:
        run = jk("lint", ".", "--as-of", "2026-11-22", "--jobs", "2")
    assert calls == [2]
    out = run.stdout
    assert "east/m008.journey.yaml:3:5: error[JK205]" in out
    assert "3 | id: map-003" in out  # the map's own line, read in a worker
    assert "12 |     name: Customer experience  # journeykit: ignore[JK503]" in out  # a catalog's line
    assert "4 |   - id: Not An Id" in out


def test_a_worker_that_dies_is_an_internal_error_not_a_hang(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_maps(project)
    real = scan.MapChecker._check

    def dies_on_map_42(self: scan.MapChecker, target):  # type: ignore[no-untyped-def]
        if target.display.endswith("m042.journey.yaml"):
            os._exit(3)  # as if killed: no exception, no result
        return real(self, target)

    monkeypatch.setattr(scan.MapChecker, "_check", dies_on_map_42)  # forked workers inherit it
    signal.alarm(120)  # a hang fails the test instead of the suite
    try:
        run = jk("validate", ".", "--jobs", "2")
    finally:
        signal.alarm(0)
    assert run.code == 2
    assert "internal error: WorkerCrashed: a worker process stopped" in run.stderr
    assert run.stdout == ""


def test_an_error_in_a_worker_is_reported_like_one_in_this_process(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    many_maps(project)

    def fails(self: scan.MapChecker, target):  # type: ignore[no-untyped-def]
        raise ValueError("a bug")

    monkeypatch.setattr(scan.MapChecker, "_check", fails)
    for jobs in ("1", "2"):
        run = jk("validate", ".", "--jobs", jobs)
        assert run.code == 2
        assert run.stderr.startswith("journeykit: error: internal error: ValueError: a bug")


def test_jobs_must_be_a_sensible_number(project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": a_map(1), "shared.catalog.yaml": CATALOG})
    assert jk("validate", ".", "--jobs", "-1").code == 2
    assert jk("validate", ".", "--jobs", "0").code == 0  # one per CPU
    write(project, {"journeykit.toml": "jobs = 257\n"})
    run = jk("validate", ".")
    assert run.code == 2
    assert "jobs: expected a number of processes from 0 (one per CPU) to 256, got 257" in run.stderr
    write(project, {"journeykit.toml": "jobs = 3\n"})
    assert json.loads(jk("lint", "--show-settings").stdout)["jobs"] == 3


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ctrl_c_stops_the_workers_and_leaves_no_process_behind(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate_map

    (tmp_path / ".git").mkdir()
    for index in range(400):
        (tmp_path / f"map-{index:04d}.journey.yaml").write_text(generate_map(index, 40, 1), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "journeykit", "lint", ".", "--jobs", "2", "--as-of", "2026-11-22"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "JOURNEYKIT_CACHE_DIR": ""},
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.02)
    assert len(workers) >= 2, "the pool did not start"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr.decode()
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists(), f"worker {pid} outlived the run"


def test_reports_quote_the_line_of_each_finding(project: Path, jk: Jk) -> None:
    write(project, {"shared.catalog.yaml": CATALOG, "maps/m.journey.yaml": a_map(1)})
    run = jk("render", "maps", "-o", "out", "-f", "html", "--as-of", "2026-11-22")
    assert run.code == 0
    page = (project / "out" / "map-001.html").read_text(encoding="utf-8")
    assert "- id: forgotten</pre>" in page  # JK304's line, in the findings table
    lint = jk("lint", "maps", "--as-of", "2026-11-22")
    assert "15 |   - id: forgotten" in lint.stdout


def test_a_finding_on_a_very_long_line_is_shown_around_its_place(project: Path, jk: Jk) -> None:
    filler = ", ".join(f"{{id: tp{n}, name: Step {n}, stage: discover}}" for n in range(3000))
    text = (
        "journeykit: 1\nkind: journey\nid: long\ntitle: Long\nstages: [{id: discover, name: Discover}]\n"
        f"touchpoints: [{filler}, {{id: last, name: Last, stage: nowhere}}]\n"
    )
    write(project, {"long.journey.yaml": text})
    run = jk("validate", ".")
    assert run.code == 1
    lines = run.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "unknown stage 'nowhere'" in line)
    quoted, caret = lines[at + 2], lines[at + 3]
    assert len(quoted) < 600 and quoted.startswith("6 | …")
    assert quoted[caret.index("^") : caret.index("^") + len("nowhere")] == "nowhere"
