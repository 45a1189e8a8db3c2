"""Time `journeykit format --check` against `journeykit validate` on the same generated corpus.

    python benchmarks/format_bench.py [--maps 500] [--touchpoints 40] [--repeat 3] [--write docs/benchmarks.md]

The corpus is first formatted (not timed): `format --check` in CI runs on formatted files, which the
formatter's fast path proves canonical without ruamel.yaml. The same command on a sample of the maps
as generated (every file would change, so every file takes the long way) is timed too, for comparison. With --write,
the section between the format-benchmarks markers of docs/benchmarks.md is replaced; the rest of the
file is left as it is.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]
from benchmarks.sections import write_section  # noqa: E402
from run import generate, time_command, tool  # noqa: E402

START = "<!-- format-benchmarks:start -->"
END = "<!-- format-benchmarks:end -->"
TARGET = 2.0
RAW_SAMPLE = 50
"""Maps timed unformatted: enough to show what ruamel.yaml costs per file, quick enough to run every time."""


def proven_share(corpus: Path, width: int = 120) -> tuple[int, int]:
    """How many of the corpus's files the fast path proves formatted, of how many."""
    from journeykit.formatting.canonical import already_formatted
    from journeykit.formatting.comments import read
    from journeykit.loader import load_text

    files = sorted(corpus.glob("*.yaml"))
    proven = 0
    for path in files:
        loaded = load_text(path.read_text(encoding="utf-8"), path.name)
        proven += loaded.ok and already_formatted(loaded.source, read(loaded.source), width)
    return proven, len(files)


def measure(maps: int, touchpoints: int, repeat: int) -> str:
    journeykit = tool("journeykit")
    with tempfile.TemporaryDirectory(prefix="journeykit-format-bench-") as temporary:
        workdir = Path(temporary)
        (workdir / ".git").mkdir()
        corpus, _ = generate(workdir, maps, touchpoints)
        raw = workdir / "raw"
        raw.mkdir()
        for path in sorted(corpus.glob("*.yaml"))[:RAW_SAMPLE]:
            shutil.copy(path, raw)
        subprocess.run([journeykit, "format", "corpus"], cwd=workdir, check=True, capture_output=True)
        proven, total = proven_share(corpus)
        validate_runs, check_runs = [], []
        for _ in range(repeat):  # alternately, so that a change in the machine's load weighs on both alike
            validate_runs.append(time_command([journeykit, "validate", "corpus"], 1, workdir))
            check_runs.append(time_command([journeykit, "format", "--check", "corpus"], 1, workdir))
        validate, check = statistics.median(validate_runs), statistics.median(check_runs)
        slow = _time_failing([journeykit, "format", "--check", "raw"], workdir)
        sample = min(RAW_SAMPLE, maps)
    ratio = check / validate
    return "\n".join(
        [
            START,
            "",
            "## format --check",
            "",
            "<!-- Written by `./dev bench` (python benchmarks/format_bench.py --write docs/benchmarks.md). -->",
            "",
            f"{maps} generated maps of {touchpoints} touchpoints, formatted first; median of {repeat} runs of each "
            f"command, taken in turns. The fast path proved {proven} of the {total} formatted files canonical "
            "without ruamel.yaml.",
            "",
            "| measure | seconds |",
            "|---|---:|",
            f"| `journeykit validate corpus` | {validate:.3f} |",
            f"| `journeykit format --check corpus` (formatted) | {check:.3f} |",
            f"| format --check / validate (target ≤ {TARGET:g}) | {ratio:.2f} ({_verdict(ratio)}) |",
            f"| `journeykit format --check raw`: {sample} of the maps as generated, so each goes the long way "
            f"(one run) | {slow:.3f} |",
            "",
            END,
        ]
    )


def _time_failing(argv: Sequence[str], cwd: Path) -> float:
    """Wall-clock seconds of one run of a check that must find files to change (exit 1)."""
    start = time.perf_counter()
    completed = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if completed.returncode != 1:
        raise SystemExit(f"expected exit 1 from {' '.join(argv)}, got {completed.returncode}")
    return seconds


def _verdict(ratio: float) -> str:
    return "met" if ratio <= TARGET else "**missed**"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--maps", type=int, default=500)
    parser.add_argument("--touchpoints", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args(argv)
    section = measure(args.maps, args.touchpoints, args.repeat)
    print(section)
    if args.write:
        write_section(args.write, section, START, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
