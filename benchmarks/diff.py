"""Time `journeykit diff` between two git revisions of a generated corpus against one `journeykit lint` run.

    python benchmarks/diff.py [--maps 500] [--touchpoints 40] [--repeat 3] [--write docs/benchmarks.md]

The corpus of generate.py is committed in a temporary git repository, then mutated the way pull
requests change maps (emotions, events, touchpoints moved and removed, files renamed) and committed
again. `journeykit diff HEAD~1 HEAD` reads both revisions with git plumbing and runs the whole
pipeline, lint included, on each: the target is at most 2.5 times one `journeykit lint` of the
corpus. Each figure is the median wall-clock time of `--repeat` runs of the whole command in a
fresh process. `--write` puts the results between the diff-benchmark markers at the end of the file
(appending them when they are missing) and leaves the rest of the file alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.sections import write_section  # noqa: E402

BIN = Path(sys.executable).parent
AS_OF = "2026-11-22"
START = "<!-- diff-benchmarks:start -->"
END = "<!-- diff-benchmarks:end -->"
TARGET = 2.5


def git(repo: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


def seconds(argv: Sequence[str], repeat: int, cwd: Path) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) seconds of `argv`; exit 0 or 1 (changes or findings)
    both count as done. CPU time hardly depends on what else the machine runs; wall time does."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if completed.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed ({completed.returncode}): {completed.stderr.decode()}")
    return statistics.median(walls), statistics.median(cpus)


def mutate(text: str, index: int) -> str:
    """A pull request's worth of change to one map, different from map to map."""
    if index % 3 == 0:
        text = re.sub(r"emotion: (-?\d)", lambda m: f"emotion: {-int(m.group(1)) or 1}", text, count=3)
    if index % 4 == 0:
        text = re.sub(r"events: \[([a-z0-9_]+), ", "events: [", text, count=2)
    if index % 5 == 0:
        text = re.sub(r"(    name: )([^\n]+)", r"\1\2 (revised)", text, count=4)
    if index % 7 == 0:
        text = text.replace("severity: low", "severity: high", 2)
    return text


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=bench", "-c", "user.email=bench@journeykit.invalid", "commit", "-qm", message)


def build(workdir: Path, maps: int, touchpoints: int) -> tuple[Path, int, int]:
    """A repository whose HEAD~3 is the corpus, HEAD~2 the corpus after many pull requests (most maps
    changed, some renamed), HEAD~1 one more pull request that changes 5 maps, and HEAD a comment added
    to every file: the worst case, where no map can be left out although nothing changed."""
    sys.path.insert(0, str(HERE))
    from generate import generate_map

    repo = workdir / "repo"
    corpus = repo / "corpus"
    corpus.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    texts = {}
    for index in range(maps):
        texts[index] = generate_map(index, touchpoints, 1)
        (corpus / f"map-{index:04d}.journey.yaml").write_text(texts[index], encoding="utf-8")
    commit(repo, "corpus")
    changed = 0
    for index, text in texts.items():
        new = mutate(text, index)
        if new != text:
            changed += 1
            (corpus / f"map-{index:04d}.journey.yaml").write_text(new, encoding="utf-8")
    renamed = 0
    for index in range(0, maps, 50):
        git(repo, "mv", f"corpus/map-{index:04d}.journey.yaml", f"corpus/renamed-{index:04d}.journey.yaml")
        renamed += 1
    commit(repo, "many changes")
    for index in range(1, min(maps, 6)):
        path = corpus / f"map-{index:04d}.journey.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"emotion: (-?\d)", lambda m: f"emotion: {-int(m.group(1)) or 1}", text, count=1))
    commit(repo, "one pull request")
    for path in sorted(corpus.glob("*.journey.yaml")):
        path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    commit(repo, "every file touched")
    return repo, changed, renamed


def measure(maps: int, touchpoints: int, repeat: int) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    journeykit = str(BIN / "journeykit")
    with tempfile.TemporaryDirectory(prefix="journeykit-diff-bench-") as temporary:
        repo, changed, renamed = build(Path(temporary), maps, touchpoints)
        lint = seconds([journeykit, "lint", "corpus", "--as-of", AS_OF], repeat, repo)
        diff_command = [journeykit, "diff", "HEAD~3", "HEAD~2", "--as-of", AS_OF, "--format", "json"]
        diff = seconds([*diff_command, "--output", os.devnull], repeat, repo)
        small = seconds([journeykit, "diff", "HEAD~2", "HEAD~1", "--as-of", AS_OF, "-o", os.devnull], repeat, repo)
        every = seconds([journeykit, "diff", "HEAD~1", "HEAD", "--as-of", AS_OF, "-o", os.devnull], repeat, repo)
        report = subprocess.run(diff_command, cwd=repo, capture_output=True, text=True, check=False)
        document = json.loads(report.stdout)
        facts = {
            "corpus": f"{maps} maps of {touchpoints} touchpoints; {changed} changed and {renamed} renamed",
            "changed": str(changed),
            "maps": str(maps),
            "changes": f"{len(document['changes']):,} changes, {len(document['findings']['added']):,} findings "
            f"added and {len(document['findings']['fixed']):,} fixed",
            "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}",
        }
    return {"lint": lint, "diff": diff, "small": small, "every": every}, facts


def section(timings: dict[str, tuple[float, float]], facts: dict[str, str], repeat: int) -> str:
    lint = timings["lint"]

    def verdict(ratio: float) -> str:
        return "met" if ratio <= TARGET else "**missed**"

    def ratio_row(label: str, key: str) -> str:
        wall, cpu = timings[key][0] / lint[0], timings[key][1] / lint[1]
        return f"| {label} | {wall:.3f} | {cpu:.3f} | ≤ {TARGET} | {verdict(wall)} (wall), {verdict(cpu)} (CPU) |"

    def time_row(label: str, command: str, key: str) -> str:
        return f"| {label} | `{command}` | {timings[key][0]:.3f} | {timings[key][1]:.3f} |"

    return "\n".join(
        [
            START,
            "## journeykit diff",
            "",
            "<!-- Written by `./dev bench` (python benchmarks/diff.py --write docs/benchmarks.md). -->",
            "",
            f"Revisions of a generated corpus in a git repository: {facts['corpus']} ({facts['changes']}). "
            "`journeykit diff` reads both revisions with git plumbing and runs the whole pipeline, lint included, "
            "on each side, leaving out the maps that are byte-identical on both (with identical catalogs); the "
            f"target is at most {TARGET} times one `journeykit lint` of the corpus. The worst case touches every "
            "file (a comment added to each), so that no map can be left out. Median of "
            f"{repeat} runs of the whole command in a fresh process; {facts['machine']}. The machine is shared with "
            "other jobs, so wall times vary from run to run; CPU time (user + system) varies far less.",
            "",
            "| diff / lint | wall | CPU | target | |",
            "|---|---:|---:|---:|---|",
            ratio_row(f"{facts['changed']} of {facts['maps']} maps changed", "diff"),
            ratio_row("every file changed (worst case)", "every"),
            ratio_row("5 maps changed", "small"),
            "",
            "| what | command | wall seconds | CPU seconds |",
            "|---|---|---:|---:|",
            time_row("journeykit lint", f"journeykit lint corpus --as-of {AS_OF}", "lint"),
            time_row(f"diff, {facts['changed']} maps changed", "journeykit diff HEAD~3 HEAD~2 --format json", "diff"),
            time_row("diff, 5 maps changed", "journeykit diff HEAD~2 HEAD~1", "small"),
            time_row("diff, every file changed", "journeykit diff HEAD~1 HEAD", "every"),
            END,
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--maps", type=int, default=500)
    parser.add_argument("--touchpoints", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", type=Path, help="put the results between the markers of this Markdown file")
    args = parser.parse_args(argv)
    timings, facts = measure(args.maps, args.touchpoints, args.repeat)
    text = section(timings, facts, args.repeat)
    print(text)
    if args.write:
        write_section(args.write, text, START, END)
        print(f"wrote the diff benchmarks into {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
