"""Shared fixtures: run the real CLI entry point in-process, in a temporary project; one Spark session for the
whole run (helpers are in helpers.py)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from journeykit.cli import main
from tests.helpers import ENGINES, CliRun


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """journeykit's on-disk cache in a directory of the test run, never the user's."""
    os.environ["JOURNEYKIT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory (with .git, so it is a project root) as the working directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


@pytest.fixture
def jk(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliRun]:
    """Run `journeykit ARGS...` through its entry point; `stdin` feeds standard input."""

    def run(*args: str, stdin: bytes = b"") -> CliRun:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        captured = capsys.readouterr()
        return CliRun(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """One local Spark session for every test that runs the Spark engine (start-up costs seconds)."""
    from journeykit.analytics.engine_spark import quiet_python_loggers, start_session

    quiet_python_loggers()
    session, owned = start_session("local[2]")
    session.conf.set("spark.sql.shuffle.partitions", "1")  # tiny logs: one partition per shuffle is fastest
    yield session
    if owned:
        session.stop()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """Each analytics definition test runs on DuckDB and on Spark."""
    if request.param == "spark":
        request.getfixturevalue("spark_session")
    return str(request.param)
