"""Benchmark `journeykit analytics` on generated logs of 1 M and 10 M events, Parquet and CSV, in one run.

    python benchmarks/analytics.py [--sizes 1000000,10000000] [--no-spark] [--write docs/benchmarks.md]

For every size and format: the DuckDB engine (wall time and peak RSS of the whole command, start-up
included), the same definitions written with pandas (benchmarks/analytics_pandas.py: load, sort, group),
and Spark in local mode for scale reference. Each runs in a fresh process; peak RSS is the process's
ru_maxrss (Spark's JVM is a separate process and is not in its figure). The three results are compared:
DuckDB and Spark must give identical JSON, pandas the same numbers (times within a microsecond).
The logs are written by benchmarks/eventlog.py with a fixed seed into build/analytics-bench/ and reused.
With --write, the section between the analytics-benchmarks markers of the file is replaced.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks import eventlog  # noqa: E402
from benchmarks.analytics_pandas import same_figures  # noqa: E402
from benchmarks.sections import write_section  # noqa: E402

MAP = REPO / "examples" / "consumer" / "retail" / "retail-app-first-year.journey.yaml"
DATA = REPO / "build" / "analytics-bench"
BIN = Path(sys.executable).parent
START, END = "<!-- analytics-benchmarks:start -->", "<!-- analytics-benchmarks:end -->"
SEED = 2026


@dataclass(frozen=True)
class Measure:
    size: int
    format: str
    runner: str
    seconds: float
    peak_mb: float | None
    output: Path


def log_file(size: int, kind: str) -> Path:
    """The generated log of `size` events, written once."""
    path = DATA / f"retail-{size}-{SEED}.{'parquet' if kind == 'parquet' else 'csv'}"
    if not path.exists():
        print(f"generating {path.name}", file=sys.stderr)
        partial = path.with_name(path.name + ".part")
        if kind == "parquet":
            eventlog.write_parquet(partial.with_suffix(".parquet"), size, SEED)
            partial.with_suffix(".parquet").rename(path)
        else:
            eventlog.write_csv(partial, size, SEED)
            partial.rename(path)
    return path


def measure(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one command, which must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(argv)}\n{stderr}")
    return seconds, usage.ru_maxrss / 1024


def run(size: int, kind: str, runner: str, repeat: int = 1) -> Measure:
    log = log_file(size, kind)
    output = DATA / f"out-{size}-{kind}-{runner}.json"
    if runner == "pandas":
        argv = [sys.executable, str(HERE / "analytics_pandas.py"), str(MAP), str(log), "--output", str(output)]
    else:
        argv = [str(BIN / "journeykit"), "analytics", str(MAP), "--events", str(log), "--engine", runner]
        argv += ["--format", "json", "--output", str(output)]
    print(f"{runner} on {size:,} events ({kind})", file=sys.stderr)
    samples = [measure(argv) for _ in range(repeat)]
    seconds, peak = statistics.median(s for s, _ in samples), max(p for _, p in samples)
    return Measure(size, kind, runner, seconds, None if runner == "spark" else peak, output)


def figures(result: Measure) -> dict[str, Any]:
    document = json.loads(result.output.read_text(encoding="utf-8"))
    if result.runner == "pandas":
        return dict(document)
    return {k: v for k, v in document["maps"][0].items() if k not in ("id", "file")}


def agreement(results: list[Measure]) -> dict[tuple[int, str], str]:
    """Per size and format: whether DuckDB, pandas and Spark agree."""
    verdicts = {}
    for size, kind in {(r.size, r.format) for r in results}:
        by = {r.runner: figures(r) for r in results if (r.size, r.format) == (size, kind)}
        problems = same_figures(by["duckdb"], by["pandas"])
        if "spark" in by and json.dumps(by["spark"], sort_keys=True) != json.dumps(by["duckdb"], sort_keys=True):
            problems.append("Spark's JSON differs from DuckDB's")
        verdicts[(size, kind)] = "yes" if not problems else "NO: " + "; ".join(problems[:3])
    return verdicts


def versions() -> str:
    from importlib.metadata import version

    names = ("duckdb", "ibis-framework", "pandas", "pyarrow", "pyspark")
    found = []
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except Exception:
            found.append(f"{name} (not installed)")
    return ", ".join(found)


def machine() -> str:
    model = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{model} ({os.cpu_count()} cores), Python {platform.python_version()}"


def section(results: list[Measure], sizes: list[int], repeat: int = 1) -> str:
    def get(size: int, kind: str, runner: str) -> Measure | None:
        return next((r for r in results if (r.size, r.format, r.runner) == (size, kind, runner)), None)

    small, large = min(sizes), max(sizes)
    verdicts = agreement(results)
    rows = []

    def target(label: str, value: float | None, limit: float, text: str, unit: str = "") -> None:
        if value is None:
            return
        met = "met" if value <= limit else "**missed**"
        rows.append(f"| {label} | {value:.3g}{unit} | {text} | {met} |")

    for kind in ("parquet", "csv"):
        duck, peer = get(large, kind, "duckdb"), get(large, kind, "pandas")
        if duck and peer:
            target(f"DuckDB / pandas, {large:,} events, {kind}", duck.seconds / peer.seconds, 0.2, "≤ 0.2")
    duck = get(large, "parquet", "duckdb")
    if duck and duck.peak_mb is not None:
        target(f"DuckDB peak RSS, {large:,} events, parquet", duck.peak_mb, 1024, "< 1,024", " MB")
    if large != small:
        for kind in ("parquet", "csv"):
            a, b = get(small, kind, "duckdb"), get(large, kind, "duckdb")
            if a and b:
                target(f"DuckDB time {large // small}x the events, {kind}", b.seconds / a.seconds, 12, "≤ 12")
    timings = [
        f"| {r.size:,} | {r.format} | {r.runner} | {r.seconds:.2f} | "
        f"{'–' if r.peak_mb is None else f'{r.peak_mb:,.0f}'} | {verdicts[(r.size, r.format)]} |"
        for r in sorted(results, key=lambda r: (r.size, r.format, ("duckdb", "pandas", "spark").index(r.runner)))
    ]
    return "\n".join(
        [
            START,
            "## Analytics: `journeykit analytics` on event logs",
            "",
            "<!-- Written by `./dev bench` (python benchmarks/analytics.py --write docs/benchmarks.md). -->",
            "",
            "Reproduce with `./dev bench` (its second step), or `python benchmarks/analytics.py --write "
            "docs/benchmarks.md` in a virtualenv with `journeykit[spark]`. Each figure is the median of "
            f"{repeat} run(s) of the whole command in a fresh process, start-up included, on the retail "
            "example map and a log written by "
            f"`benchmarks/eventlog.py` (seed {SEED}); the peer is `benchmarks/analytics_pandas.py`, the same "
            "definitions written with pandas the way an analyst would (load, sort, group).",
            "",
            f"- Machine: {machine()}.",
            f"- Versions: {versions()}.",
            "- Peak RSS is the command's own maximum resident set; Spark's JVM runs in a separate process and "
            "is not included.",
            "",
            "| measure | result | target | |",
            "|---|---:|---:|---|",
            *rows,
            "",
            "| events | format | engine | seconds | peak RSS, MB | numbers agree |",
            "|---:|---|---|---:|---:|---|",
            *timings,
            END,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000,10000000", help="comma-separated event counts")
    parser.add_argument("--formats", default="parquet,csv")
    parser.add_argument("--no-spark", action="store_true", help="leave Spark out")
    parser.add_argument(
        "--spark-formats", default="parquet", help="formats Spark runs on (default parquet: local Spark is slow)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per measure; the median time is reported")
    parser.add_argument("--write", type=Path, help="replace the analytics section of this markdown file")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    DATA.mkdir(parents=True, exist_ok=True)
    spark_formats = [] if args.no_spark else args.spark_formats.split(",")
    results = [
        run(size, kind, runner, args.repeat)
        for size in sizes
        for kind in args.formats.split(",")
        for runner in ("duckdb", "pandas", "spark")
        if runner != "spark" or kind in spark_formats
    ]
    text = section(results, sizes, args.repeat)
    print(text)
    if args.write:
        write_section(args.write, text, START, END)


if __name__ == "__main__":
    main()
