"""benchmarks/diff.py: its corpus diffs as a pull request would, and it rewrites only its own section."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
from pathlib import Path
from types import ModuleType

from journeykit.cli import main
from tests.helpers import REPO


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_diff", REPO / "benchmarks" / "diff.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_corpus_has_two_revisions_with_changes(tmp_path: Path) -> None:
    repo, changed, renamed = bench().build(tmp_path, 12, 8)
    assert changed > 0 and renamed == 1
    many = diff(repo, "HEAD~3", "HEAD~2")
    assert {"map-moved", "emotion-changed", "event-removed"} <= {c["kind"] for c in many}
    few = diff(repo, "HEAD~2", "HEAD~1")
    assert {c["map"] for c in few if c["kind"] == "emotion-changed"} == {c["map"] for c in few} and len(
        {c["map"] for c in few}
    ) == 5


def diff(repo: Path, base: str, head: str) -> list[dict[str, object]]:
    cwd = Path.cwd()
    out = io.StringIO()
    os.chdir(repo)
    try:
        with contextlib.redirect_stdout(out):
            code = main(["diff", base, head, "--format", "json", "--as-of", "2026-11-22"])
    finally:
        os.chdir(cwd)
    assert code in (0, 1)
    changes: list[dict[str, object]] = json.loads(out.getvalue())["changes"]
    return changes
