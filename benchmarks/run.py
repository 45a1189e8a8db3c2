"""Time journeykit against the floor and the tools a user would otherwise use, on two corpus shapes.

    python benchmarks/run.py [--maps 500] [--many 5000] [--big-mb 10] [--repeat 3]
                             [--before PATH/TO/OLD/journeykit] [--write docs/benchmarks.md]

Every measurement is a whole command in a fresh process (start-up included), timed by wall
clock, with the peak memory of the command and every process it started (the sum of their
resident sets, sampled); the median time and the largest peak of `--repeat` runs are
reported. Two corpora are generated with fixed seeds: the project's own (generate.py: maps as
a CX team writes them) and a denser, independent shape (generate_dense.py: many personas,
long flows, large experiences, three levels of catalogs), so that no ratio holds only on one
generator. `--before` times a second journeykit (an older checkout's virtualenv) on the same
inputs, for before/after columns.

When `--write` rewrites a file, sections that other scripts keep in it, between
`<!-- NAME-benchmarks:start -->` and `<!-- NAME-benchmarks:end -->`, are kept verbatim.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCHEMA = REPO / "schemas" / "journeymap.schema.json"
BIN = Path(sys.executable).parent
AS_OF = "2026-11-22"
FLOOR = (
    "import pathlib, sys, yaml\n"
    "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):\n"
    "    yaml.{call}(path.read_bytes(), Loader=yaml.CSafeLoader)\n"
)
COMPOSE_FLOOR = FLOOR.format(call="compose")
LOAD_FLOOR = FLOOR.format(call="load")
NODES_PER_KB = (
    "import pathlib, sys, yaml\n"
    "nodes = size = 0\n"
    "for path in pathlib.Path(sys.argv[1]).rglob('*.yaml'):\n"
    "    data = path.read_bytes(); size += len(data); stack = [yaml.compose(data, Loader=yaml.CSafeLoader)]\n"
    "    while stack:\n"
    "        node = stack.pop(); nodes += 1\n"
    "        if isinstance(node, yaml.MappingNode): stack += [n for pair in node.value for n in pair]\n"
    "        elif isinstance(node, yaml.SequenceNode): stack += node.value\n"
    "print(nodes / (size / 1024))\n"
)
MARKERS = re.compile(r"<!-- ([\w.-]+)-benchmarks:start -->.*?<!-- \1-benchmarks:end -->", re.DOTALL)
MB = 1024 * 1024


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak: int
    """Peak of the summed resident set sizes of the process and its descendants, in bytes."""
    cpu: float | None = None
    """User and system seconds of the process and its descendants: less sensitive than wall time to
    other load on a shared machine (but it counts the work of every core)."""


def run_once(argv: Sequence[str], cwd: Path) -> Sample:
    """Run `argv` once; it must succeed (exit 0 or 1: findings are not failures)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample_memory, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(argv)}\n{stderr.decode()}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Sample(seconds, peak[0], cpu)


def _sample_memory(pid: int, peak: list[int], done: threading.Event) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], _tree_rss(pid))
        done.wait(0.03)


PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_rss(root: int) -> int:
    """Summed resident set of `root` and its descendants (Linux /proc; 0 elsewhere). Shared pages count twice."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue  # the process has just ended
    return total


def measure(argv: Sequence[str], repeat: int, cwd: Path) -> Sample:
    """Median seconds and largest peak memory of `repeat` runs."""
    samples = [run_once(argv, cwd) for _ in range(repeat)]
    cpu = statistics.median(s.cpu for s in samples if s.cpu is not None)
    return Sample(statistics.median(s.seconds for s in samples), max(s.peak for s in samples), cpu)


def time_command(argv: Sequence[str], repeat: int, cwd: Path) -> float:
    """Median wall-clock seconds of `argv` (for the other benchmark scripts)."""
    return measure(argv, repeat, cwd).seconds


def generate(workdir: Path, maps: int, touchpoints: int) -> tuple[Path, Path]:
    """A project-shape corpus in `workdir/corpus` and one map of 1,000 touchpoints in `workdir/big`."""
    generate_map, _, _ = _generators()
    corpus = workdir / "corpus"
    _write_project_corpus(corpus, maps, touchpoints)
    big = workdir / "big"
    big.mkdir()
    (big / "big-1000.journey.yaml").write_text(generate_map(0, 1000, 1), encoding="utf-8")
    return corpus, big


def tool(name: str) -> str:
    found = BIN / name
    if not found.exists():
        raise SystemExit(f"{name} is not installed in this environment: run ./dev bench")
    return str(found)


# --- the inputs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    key: str
    label: str
    directory: str
    """Relative to the work directory."""
    description: str


def _generators() -> tuple[Callable[..., str], Callable[..., int], Callable[..., Path]]:
    sys.path.insert(0, str(HERE))
    from generate import generate_map
    from generate_dense import generate_dense_corpus, generate_dense_single

    return generate_map, generate_dense_corpus, generate_dense_single


def _write_project_corpus(directory: Path, maps: int, touchpoints: int) -> int:
    generate_map, _, _ = _generators()
    directory.mkdir(parents=True)
    total = 0
    for index in range(maps):
        text = generate_map(index, touchpoints, 1)
        (directory / f"map-{index:05d}.journey.yaml").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def _write_big_project_map(directory: Path, megabytes: float) -> int:
    """One project-shape map of `megabytes` MB or up to 5 % more: touchpoints scaled until it is."""
    generate_map, _, _ = _generators()
    directory.mkdir(parents=True)
    target = megabytes * 1e6
    touchpoints, size, text = 1000, 0, ""
    for _ in range(4):
        text = generate_map(0, touchpoints, 1)
        size = len(text.encode("utf-8"))
        if target <= size < 1.05 * target:
            break
        touchpoints = max(1, round(touchpoints * 1.02 * target / size))
    (directory / "big-project.journey.yaml").write_text(text, encoding="utf-8")
    return size


def _write_big_dense_map(directory: Path, megabytes: float) -> int:
    _, _, generate_dense_single = _generators()
    probe = generate_dense_single(directory, 4000)
    touchpoints = round(4000 * megabytes * 1e6 / probe.stat().st_size)
    probe.unlink()
    return generate_dense_single(directory, touchpoints).stat().st_size


# --- the measurements --------------------------------------------------------------------------


@dataclass
class Row:
    name: str
    command: str
    after: Sample
    before: Sample | None = None


@dataclass
class Results:
    rows: dict[str, Row] = field(default_factory=dict)
    facts: dict[str, str] = field(default_factory=dict)
    density: dict[str, float] = field(default_factory=dict)

    def add(self, key: str, row: Row) -> None:
        self.rows[key] = row
        before = f", before {row.before.seconds:.2f} s" if row.before else ""
        print(f"  {row.name}: {row.after.seconds:.2f} s, {row.after.peak / MB:.0f} MB{before}", file=sys.stderr)

    def seconds(self, key: str, before: bool = False, cpu: bool = False) -> float | None:
        row = self.rows.get(key)
        if row is None:
            return None
        sample = row.before if before else row.after
        if sample is None:
            return None
        return sample.cpu if cpu else sample.seconds

    def peak(self, key: str, before: bool = False) -> int | None:
        row = self.rows.get(key)
        if row is None:
            return None
        sample = row.before if before else row.after
        return sample.peak if sample else None


def save(results: Results, path: Path) -> None:
    """The raw measurements as JSON, to rewrite the report later without measuring again (`--from`)."""

    def sample(s: Sample | None) -> list[float | None] | None:
        return None if s is None else [s.seconds, s.peak, s.cpu]

    rows = {k: [r.name, r.command, sample(r.after), sample(r.before)] for k, r in results.rows.items()}
    path.write_text(json.dumps({"rows": rows, "facts": results.facts, "density": results.density}, indent=1))


def restore(path: Path) -> Results:
    raw = json.loads(path.read_text())

    def sample(s: list[float] | None) -> Sample | None:
        return None if s is None else Sample(s[0], int(s[1]), s[2] if len(s) > 2 else None)

    rows = {}
    for key, (name, command, after, before) in raw["rows"].items():
        measured = sample(after)
        assert measured is not None
        rows[key] = Row(name, command, measured, sample(before))
    return Results(rows, raw["facts"], raw["density"])


def run_all(args: argparse.Namespace) -> Results:
    journeykit = tool("journeykit")
    before = str(Path(args.before).resolve()) if args.before else None
    python = sys.executable
    results = Results()
    with tempfile.TemporaryDirectory(prefix="journeykit-bench-") as temporary:
        work = Path(temporary)
        (work / ".git").mkdir()  # a project root, so catalog lookup stops here
        # The large maps are above the default 5 MiB limit on purpose.
        (work / "journeykit.toml").write_text(f"max-file-size = {int(args.big_mb * 2 * 1e6)}\n", encoding="utf-8")
        print("generating the corpora", file=sys.stderr)
        corpora = [
            Corpus("project", "project corpus", "project", ""),
            Corpus("dense", "dense corpus", "dense", ""),
        ]
        project_bytes = _write_project_corpus(work / "project", args.maps, args.touchpoints)
        _, generate_dense_corpus, _ = _generators()
        dense_bytes = generate_dense_corpus(work / "dense", args.maps, args.dense_touchpoints)
        catalogs = len(list((work / "dense").rglob("*.catalog.yaml")))
        big_project = _write_big_project_map(work / "big-project", args.big_mb)
        big_dense = _write_big_dense_map(work / "big-dense", args.big_mb)
        render_dir = work / "render"
        render_dir.mkdir()
        generate_map, _, _ = _generators()
        (render_dir / "big-1000.journey.yaml").write_text(generate_map(0, 1000, 1), encoding="utf-8")
        if args.many:
            _write_project_corpus(work / "many", args.many, args.touchpoints)
        for corpus in corpora:
            completed = subprocess.run(
                [python, "-c", NODES_PER_KB, corpus.directory], cwd=work, capture_output=True, text=True, check=True
            )
            results.density[corpus.key] = float(completed.stdout)
        results.facts = {
            "project": f"{args.maps} maps of {args.touchpoints} touchpoints, {project_bytes / 1e6:.1f} MB "
            f"({results.density['project']:.0f} YAML nodes per KB)",
            "dense": f"{args.maps} maps of {args.dense_touchpoints} touchpoints and {catalogs} catalogs in three "
            f"levels of directories, {dense_bytes / 1e6:.1f} MB ({results.density['dense']:.0f} nodes per KB)",
            "big": f"one project-shape map of {big_project / 1e6:.1f} MB and one dense map of {big_dense / 1e6:.1f} MB",
            "many": f"{args.many:,} project-shape maps" if args.many else "not measured",
            "python": platform.python_version(),
            "machine": f"{_cpu()} ({os.cpu_count()} cores)",
            "versions": _versions(journeykit),
            "repeat": str(args.repeat),
        }

        def both(key: str, name: str, shown: str, tail: Sequence[str], repeat: int | None = None) -> None:
            times = repeat or args.repeat
            print(f"measuring {name}", file=sys.stderr)
            after = measure([journeykit, *tail], times, work)
            earlier = measure([before, *tail], times, work) if before else None
            results.add(key, Row(name, shown, after, earlier))

        def only(key: str, name: str, shown: str, argv: Sequence[str]) -> None:
            print(f"measuring {name}", file=sys.stderr)
            results.add(key, Row(name, shown, measure(argv, args.repeat, work)))

        for corpus in corpora:
            c, d = corpus.key, corpus.directory
            only(f"compose/{c}", f"libyaml compose, {corpus.label}", f"yaml.compose(CSafeLoader) per file in {d}",
                  [python, "-c", COMPOSE_FLOOR, d])  # fmt: skip
            only(f"load/{c}", f"libyaml load, {corpus.label}", f"yaml.load(CSafeLoader) per file in {d}",
                  [python, "-c", LOAD_FLOOR, d])  # fmt: skip
            both(f"validate/{c}", f"validate, {corpus.label}", f"journeykit validate {d}", ["validate", d])
            only(f"validate-1/{c}", f"validate --jobs 1, {corpus.label}", f"journeykit validate {d} --jobs 1",
                  [journeykit, "validate", d, "--jobs", "1"])  # fmt: skip
            both(f"lint/{c}", f"lint, {corpus.label}", f"journeykit lint {d} --as-of {AS_OF}",
                 ["lint", d, "--as-of", AS_OF])  # fmt: skip
            both(f"coverage/{c}", f"coverage, {corpus.label}", f"journeykit coverage {d} --format json",
                 ["coverage", d, "--format", "json"])  # fmt: skip
            if not args.skip_check_jsonschema:
                files = sorted(str(p.relative_to(work)) for p in (work / d).rglob("*.yaml"))
                only(f"check-jsonschema/{c}", f"check-jsonschema, {corpus.label}",
                      f"check-jsonschema --schemafile schemas/journeymap.schema.json {d}/**/*.yaml",
                      [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *files])  # fmt: skip
        for shape in ("project", "dense"):
            d = f"big-{shape}"
            only(f"compose/{d}", f"libyaml compose, one {shape} map", f"yaml.compose(CSafeLoader) of {d}",
                  [python, "-c", COMPOSE_FLOOR, d])  # fmt: skip
            both(f"validate/{d}", f"validate, one {shape} map", f"journeykit validate {d}", ["validate", d])
            both(f"lint/{d}", f"lint, one {shape} map", f"journeykit lint {d} --as-of {AS_OF}",
                 ["lint", d, "--as-of", AS_OF])  # fmt: skip
        if args.many:
            both("validate/many", f"validate, {args.many:,} maps", "journeykit validate many", ["validate", "many"])
            both("lint/many", f"lint, {args.many:,} maps", f"journeykit lint many --as-of {AS_OF}",
                 ["lint", "many", "--as-of", AS_OF], repeat=1)  # fmt: skip
        both("version", "journeykit --version", "journeykit --version (cold start)", ["--version"], max(args.repeat, 9))
        both("render", "render 1,000 touchpoints", "journeykit render render -o out -f html,dot",
             ["render", "render", "-o", "out", "-f", "html,dot", "--as-of", AS_OF])  # fmt: skip
        # journeykit's own part of a render: the same run with Graphviz out of reach (PATH names an empty
        # directory), so the report is written without its diagram. Subtracting a separate `dot` run from
        # the render would not do: the report draws the flow only when it is not too dense to lay out.
        hidden = work / "no-graphviz"
        hidden.mkdir(exist_ok=True)
        no_dot = ["/usr/bin/env", f"PATH={hidden}"]
        print("measuring render 1,000 touchpoints without Graphviz", file=sys.stderr)
        tail = ["render", "render", "-o", "out-no-dot", "-f", "html", "--as-of", AS_OF]
        results.add("render/no-dot", Row(
            "render 1,000 touchpoints, Graphviz hidden", "PATH=<empty> journeykit render render -o out -f html",
            measure([*no_dot, journeykit, *tail], args.repeat, work),
        ))  # fmt: skip  # (no before: the first version refused HTML without Graphviz)
        dot = shutil.which("dot")
        dot_files = sorted((work / "out").glob("*.dot"))
        if dot and dot_files:
            only("dot", "of which Graphviz dot", "dot -Tsvg big-1000.dot",
                  [dot, "-Tsvg", str(dot_files[0].relative_to(work)), "-o", "out/big.svg"])  # fmt: skip
    return results


# --- the report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    label: str
    target: str
    value: Callable[[bool], float | None]
    """The measure, from the `after` (False) or `before` (True) timings."""


def _ratio(
    results: Results, top: str, bottom: str, before_top: bool = True, cpu: bool = False
) -> Callable[[bool], float | None]:
    """top / bottom; for `before`, the floors (no before of their own) divide the earlier journeykit."""

    def value(before: bool) -> float | None:
        a = results.seconds(top, before and before_top, cpu)
        b_before = before and not bottom.startswith(("compose/", "load/", "check-jsonschema/"))
        b = results.seconds(bottom, b_before, cpu)
        return a / b if a is not None and b else None

    return value


def _met(value: float | None, target: str) -> str:
    if value is None:
        return ""
    limit = float(target.split()[-1])
    return "met" if (value <= limit if "≤" in target else value < limit) else "**missed**"


def _cell(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def report(results: Results, has_before: bool) -> str:
    facts = results.facts
    r = results
    lines = [
        "# Benchmarks",
        "",
        "<!-- Written by `./dev bench` (python benchmarks/run.py --write docs/benchmarks.md). -->",
        "",
        "Reproduce with `./dev bench`, which installs the benchmark extras (check-jsonschema) and runs "
        "`benchmarks/run.py --write docs/benchmarks.md`; `./dev bench --before OLD/.venv/bin/journeykit` adds a "
        "column for an older journeykit on the same inputs. Each time is the median of "
        f"{facts['repeat']} runs of the whole command in a fresh process (start-up included); memory is the peak "
        "of the summed resident sets of the command and every process it starts (shared pages counted in each).",
        "",
        f"- Project corpus (`benchmarks/generate.py`): {facts['project']}.",
        f"- Dense corpus (`benchmarks/generate_dense.py`): {facts['dense']}.",
        f"- Large maps: {facts['big']}; many maps: {facts['many']}.",
        f"- Machine: {facts['machine']}, Python {facts['python']}.",
        f"- Versions: {facts['versions']}.",
        "",
        "## Against the floor",
        "",
        "The floor is libyaml composing the same bytes into nodes (`yaml.compose` with `CSafeLoader`): no "
        "positions, no schema, no model. `yaml.load`, which adds PyYAML's Python constructor, is shown beside "
        "it for reference. journeykit's cost follows YAML nodes, libyaml's follows bytes, so the denser corpus "
        "is the harder one.",
        "",
    ]
    header = "| validate / floor | target | " + " | ".join(
        f"{c} ({r.density.get(c, 0):.0f} nodes/KB)" for c in ("project", "dense")
    )
    lines += [header + " |", "|---|---:|---:|---:|"]
    for top, floor_name, label, target, cpu in (
        ("validate", "compose", "validate / compose (**the floor**)", "≤ 2.0", False),
        ("validate", "load", "validate / load", "", False),
        ("validate-1", "compose", "validate --jobs 1 / compose, one process", "≤ 2.0", False),
        ("validate-1", "compose", "the same in CPU seconds (less sensitive to other load)", "", True),
    ):
        cells = []
        for corpus in ("project", "dense"):
            after = _ratio(r, f"{top}/{corpus}", f"{floor_name}/{corpus}", before_top=top == "validate", cpu=cpu)
            text = _cell(after(False))
            if has_before and top == "validate":
                text = f"{_cell(after(True))} → {text}"
            if target:
                text += f" ({_met(after(False), target)})"
            cells.append(text)
        lines.append(f"| {label} | {target} | {' | '.join(cells)} |")
    lines += [
        "",
        "## Ratios on both corpora",
        "",
        "Wall-clock ratios (before → after), then the same ratio in CPU seconds, which other load on a shared "
        "machine disturbs less.",
        "",
    ]
    checks: list[tuple[str, str, str, str]] = [
        ("lint / validate", "lint", "validate", "≤ 1.3"),
        ("coverage / validate", "coverage", "validate", "≤ 1.2"),
        ("validate / check-jsonschema", "validate", "check-jsonschema", "≤ 0.33"),
    ]
    lines += ["| measure | target | project corpus | dense corpus |", "|---|---:|---:|---:|"]
    for label, top, bottom, target in checks:
        cells = []
        for corpus in ("project", "dense"):
            value = _ratio(r, f"{top}/{corpus}", f"{bottom}/{corpus}")
            text = _cell(value(False))
            if text and has_before:
                text = f"{_cell(value(True))} → {text}"
            cpu = _ratio(r, f"{top}/{corpus}", f"{bottom}/{corpus}", cpu=True)(False)
            if text and cpu is not None:
                text += f", CPU {_cell(cpu)}"
            cells.append(f"{text} ({_met(value(False), target)})" if text else "not measured")
        lines.append(f"| {label} | {target} | {' | '.join(cells)} |")
    for label, top, bottom, target in (
        ("one large map: lint / validate", "lint", "validate", "≤ 1.3"),
        ("one large map: validate / compose (the floor)", "validate", "compose", "≤ 2.0"),
    ):
        cells = []
        for shape in ("project", "dense"):
            value = _ratio(r, f"{top}/big-{shape}", f"{bottom}/big-{shape}")
            text = _cell(value(False))
            if text and has_before:
                text = f"{_cell(value(True))} → {text}"
            cells.append(f"{text} ({_met(value(False), target)})")
        lines.append(f"| {label} | {target} | {' | '.join(cells)} |")
    lines += ["", "## Scale", ""]
    lines += ["| measure | target | before | after | |", "|---|---:|---:|---:|---|"]
    scale: list[tuple[str, str, Callable[[bool], float | None], int]] = []
    if r.rows.get("validate/many"):
        many = facts["many"].split()[0]
        scale += [
            (f"validate {many} maps, seconds", "", functools.partial(r.seconds, "validate/many"), 2),
            (f"validate {many} maps, CPU seconds", "", functools.partial(r.seconds, "validate/many", cpu=True), 2),
            (f"validate {many} maps, peak MB", "< 500", functools.partial(_peak_mb, r, "validate/many"), 0),
            (f"lint {many} maps, peak MB", "< 500", functools.partial(_peak_mb, r, "lint/many"), 0),
        ]
    for shape in ("project", "dense"):
        scale += [
            (f"lint one {shape} map, seconds", "< 3", functools.partial(r.seconds, f"lint/big-{shape}"), 2),
            (f"lint one {shape} map, CPU seconds", "", functools.partial(r.seconds, f"lint/big-{shape}", cpu=True), 2),
            (f"lint one {shape} map, peak MB", "< 300", functools.partial(_peak_mb, r, f"lint/big-{shape}"), 0),
        ]
    for label, target, measure_of, digits in scale:
        now = measure_of(False)
        lines.append(
            f"| {label} | {target} | {_cell(measure_of(True), digits) if has_before else ''} | {_cell(now, digits)} "
            f"| {_met(now, target) if target else ''} |"
        )
    many_after, many_before = r.seconds("validate/many"), r.seconds("validate/many", True)
    if many_after and many_before:
        ratio = many_after / many_before
        lines.append(f"| validate many maps, after / before | ≤ 0.6 | 1.00 | {ratio:.2f} | {_met(ratio, '≤ 0.6')} |")
    version = r.seconds("version")
    render_without_dot = r.seconds("render/no-dot")
    lines += [
        f"| `journeykit --version`, seconds | < 0.150 | {_cell(r.seconds('version', True), 3) if has_before else ''} "
        f"| {_cell(version, 3)} | {_met(version, '< 0.150')} |",
        f"| render 1,000 touchpoints without dot, seconds | < 2 | | {_cell(render_without_dot)} "
        f"| {_met(render_without_dot, '< 2')} |",
    ]
    lines += [
        "",
        "## Reproduce",
        "",
        "```console",
        "./dev bench                                   # everything below, written to docs/benchmarks.md",
        "./dev bench --before OLD/.venv/bin/journeykit # with a column for an older journeykit",
        "./dev bench --maps 100 --many 0 --repeat 1    # a quick look: small corpora, no 5,000 maps",
        ".venv/bin/python benchmarks/run.py --from results.json --write docs/benchmarks.md  # saved by --save",
        "python benchmarks/generate.py corpus --maps 500             # the project corpus",
        "python benchmarks/generate_dense.py dense --maps 500        # the dense corpus, with its catalogs",
        "python benchmarks/generate_dense.py big --single --touchpoints 46000   # one dense map of about 10 MB",
        "python benchmarks/generate.py big --single --touchpoints 19000         # one project map of about 10 MB",
        "```",
        "",
        "The large maps are above the default `max-file-size`: the script raises it in a `journeykit.toml` "
        "of its work directory. Peak memory is sampled every 30 ms from `/proc` (Linux).",
    ]
    lines += [
        "",
        "## Timings",
        "",
        "Wall-clock seconds (the median), CPU seconds of the command and its workers, and peak memory.",
        "",
        "| what | command | before, s | before, CPU s | before, peak MB | after, s | after, CPU s | after, peak MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in r.rows.values():
        earlier = (
            f"{row.before.seconds:.3f} | {_cell(row.before.cpu)} | {row.before.peak / MB:.0f}" if row.before else " | |"
        )
        lines.append(
            f"| {row.name} | `{row.command}` | {earlier} | {row.after.seconds:.3f} | {_cell(row.after.cpu)} "
            f"| {row.after.peak / MB:.0f} |"
        )
    lines += [
        "",
        "## What the numbers mean",
        "",
        "- **The floor**: libyaml turning the same bytes into nodes and nothing else. journeykit's loader works on "
        "libyaml's event stream, records a position for every node, checks the schema (a validator generated by "
        "fastjsonschema, cached on disk; jsonschema only for files that fail, for located messages) and builds the "
        "model; those cost the rest.",
        "- **validate vs check-jsonschema**: both check the same files against the same schema; journeykit also "
        "reports every error at its line and column, checks ids and references across maps and catalogs, and "
        "refuses duplicate keys. check-jsonschema parses YAML with ruamel.yaml and validates with jsonschema.",
        f"- **lint** runs the {_lint_rules()} lint rules (flow, coverage, content, interactions) on top of validate "
        "and prints every finding (the dense corpus has one for each touchpoint no experience lists); **coverage** "
        "computes the persona x stage matrix and writes JSON.",
        "- **Many maps**: above 64 files journeykit checks maps in a pool of worker processes (`--jobs`, default: "
        "the CPU count) that return only findings, the source lines they quote and coverage figures, so memory "
        "stays flat in the number of maps.",
        "- **render** builds the DOT source, runs Graphviz once for the inline SVG, builds the view model and "
        "renders the HTML; the target times journeykit's part, the same render with Graphviz out of reach (the report "
        "then says the diagram is missing). Graphviz's own layout of the written DOT is listed for scale: the report "
        "leaves out a flow too dense to lay out, so the two do not add up.",
        "",
    ]
    return "\n".join(lines)


def _peak_mb(results: Results, key: str, before: bool) -> float | None:
    value = results.peak(key, before)
    return None if value is None else value / MB


def keep_marked_sections(new: str, old: str) -> str:
    """`new`, followed by every section of `old` that another script maintains between markers, verbatim."""
    kept = [match.group(0) for match in MARKERS.finditer(old)]
    if not kept:
        return new
    return new.rstrip("\n") + "\n\n" + "\n\n".join(kept) + "\n"


def _lint_rules() -> int:
    from journeykit.rules.registry import all_rules

    return sum(1 for rule in all_rules().values() if getattr(rule, "check", None) is not None)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _versions(journeykit: str) -> str:
    def first_line(argv: Sequence[str]) -> str:
        try:
            completed = subprocess.run(argv, capture_output=True, text=True, check=False)
        except OSError:
            return "not installed"
        return (completed.stdout or completed.stderr).strip().splitlines()[0]

    import yaml

    dot = shutil.which("dot")
    checker = BIN / "check-jsonschema"
    return ", ".join(
        [
            first_line([journeykit, "--version"]),
            first_line([str(checker), "--version"]) if checker.exists() else "check-jsonschema not installed",
            f"PyYAML {yaml.__version__} ({'with' if yaml.__with_libyaml__ else 'without'} libyaml)",
            first_line([dot, "-V"]) if dot else "Graphviz not installed",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--maps", type=int, default=500, help="maps in each of the two corpora")
    parser.add_argument("--touchpoints", type=int, default=40, help="touchpoints per project-shape map")
    parser.add_argument("--dense-touchpoints", type=int, default=60, help="touchpoints per dense map")
    parser.add_argument("--many", type=int, default=5000, help="maps in the large corpus (0: skip it)")
    parser.add_argument("--big-mb", type=float, default=10.0, help="size of each of the two large maps")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", help="an older journeykit executable to time on the same inputs")
    parser.add_argument("--skip-check-jsonschema", action="store_true", help="do not time check-jsonschema")
    parser.add_argument("--write", type=Path, help="write the Markdown report to this file")
    parser.add_argument("--save", type=Path, help="also keep the raw measurements in this JSON file")
    parser.add_argument("--from", dest="saved", type=Path, help="report measurements saved by --save, measure nothing")
    args = parser.parse_args(argv)
    results = restore(args.saved) if args.saved else run_all(args)
    if args.save:
        save(results, args.save)
    text = report(results, has_before=any(row.before for row in results.rows.values()))
    print(text)
    if args.write:
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        args.write.write_text(keep_marked_sections(text, old), encoding="utf-8")
        print(f"wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
