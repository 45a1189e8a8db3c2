"""Time `journeykit format --check` against `journeykit validate` on the same generated corpus.

    python benchmarks/format_bench.py [--maps 500] [--touchpoints 40] [--repeat 3] [--write docs/benchmarks.md]

The corpus is first formatted (not timed): `format --check` in CI runs on formatted files. The
section between the format-benchmarks markers of docs/benchmarks.md is replaced; the rest of the
file is left as it is.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import generate, time_command, tool  # noqa: E402

START = "<!-- format-benchmarks:start -->"
END = "<!-- format-benchmarks:end -->"


def measure(maps: int, touchpoints: int, repeat: int) -> str:
    journeykit = tool("journeykit")
    with tempfile.TemporaryDirectory(prefix="journeykit-format-bench-") as temporary:
        workdir = Path(temporary)
        (workdir / ".git").mkdir()
        generate(workdir, maps, touchpoints)
        subprocess.run([journeykit, "format", "corpus"], cwd=workdir, check=True, capture_output=True)
        validate = time_command([journeykit, "validate", "corpus"], repeat, workdir)
        check = time_command([journeykit, "format", "--check", "corpus"], repeat, workdir)
    ratio = check / validate
    return "\n".join(
        [
            START,
            "",
            "## format --check",
            "",
            f"{maps} generated maps of {touchpoints} touchpoints, formatted first; median of {repeat} runs.",
            "",
            "| measure | seconds |",
            "|---|---:|",
            f"| `journeykit validate corpus` | {validate:.3f} |",
            f"| `journeykit format --check corpus` | {check:.3f} |",
            f"| format --check / validate (target ≤ 2) | {ratio:.2f} ({'met' if ratio <= 2 else '**missed**'}) |",
            "",
            END,
        ]
    )


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


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
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
