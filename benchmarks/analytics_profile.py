"""Where a `journeykit analytics` run spends its time: the wall time of each query the computation runs.

    python benchmarks/analytics_profile.py LOG [--map MAP] [--engine duckdb|spark] [--explain]

Every materialised table (`cache`) and every result fetched (`records`) is timed and named by the step of
journeykit/analytics/compute.py that asked for it. With --explain (DuckDB), each query's EXPLAIN ANALYZE
is printed too: the operators, their rows and their time. This is how the DuckDB run was profiled; the
numbers it prints are for finding the slow step, not for docs/benchmarks.md (benchmarks/analytics.py
measures whole commands in fresh processes).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MAP = HERE.parent / "examples" / "consumer" / "retail" / "retail-app-first-year.journey.yaml"


def _step() -> str:
    """The computation's method that the timed call came from."""
    for frame in reversed(traceback.extract_stack()[:-2]):
        if frame.filename.endswith(("compute.py", "runner.py")) and frame.name not in ("cache", "_records"):
            return f"{Path(frame.filename).stem}.{frame.name}:{frame.lineno} {(frame.line or '').strip()[:60]}"
    return "?"


def _timed(name: str, call: Callable[..., Any], explain: Callable[[Any], None] | None) -> Callable[..., Any]:
    def wrapper(table: Any, *args: Any, **kwargs: Any) -> Any:
        where = _step()
        if explain is not None:
            explain(table)
        start = time.perf_counter()
        result = call(table, *args, **kwargs)
        print(f"{time.perf_counter() - start:7.2f} s  {name:8} {where}", flush=True)
        return result

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", help="an event log file or glob")
    parser.add_argument("--map", default=str(MAP), help="the map (default: the retail example)")
    parser.add_argument("--engine", default="duckdb", choices=("duckdb", "spark"))
    parser.add_argument("--explain", action="store_true", help="print DuckDB's EXPLAIN ANALYZE of each query")
    args = parser.parse_args()

    import ibis
    import ibis.expr.types as ir

    from journeykit.analysis import analyze
    from journeykit.analytics import compute, runner
    from journeykit.analytics.settings import AnalyticsChoices, resolve
    from journeykit.config import Settings

    def explain(table: Any) -> None:
        backend = table._find_backend()
        sql = ibis.to_sql(table, dialect="duckdb")
        plan = backend.raw_sql("EXPLAIN ANALYZE " + sql).fetchall()[0][1]
        print(plan[plan.find("Total Time") :], flush=True)

    chosen = explain if args.explain and args.engine == "duckdb" else None
    ir.Table.cache = _timed("cache", ir.Table.cache, chosen)  # type: ignore[method-assign]
    compute._records = _timed("records", compute._records, chosen)
    journeys = analyze([args.map], Settings()).journeys
    if not journeys:
        sys.exit(f"{args.map}: no map")
    settings = resolve(AnalyticsChoices(events=(args.log,), engine=args.engine))
    start = time.perf_counter()
    runner.run_analytics(journeys, settings)
    print(f"{time.perf_counter() - start:7.2f} s  total", flush=True)


if __name__ == "__main__":
    main()
