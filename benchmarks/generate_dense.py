"""Generate a second, independent benchmark corpus: dense maps in a deep tree of catalogs.

generate.py writes maps the way a CX team writes them by hand: prose, block-style lists,
about 65 YAML nodes per KB. This generator writes the shape that machines and large teams
produce, so that no ratio holds only on one generator:

- a tree of directories three levels deep, with a catalog at every level (shared personas
  and channels at the top, teams and more personas per group, a few of each per unit), so
  that every map sees three catalogs;
- maps with many personas, most of them from the catalogs, and few stages;
- touchpoints written as flow mappings with short ids and long `next` flows (every
  touchpoint leads on to two to four later ones);
- large experiences: one per persona and stage, each listing most of the touchpoints of
  its stage in one flow list;
- one planned message (interaction) per 50 touchpoints, each to three personas.

That is about 100 nodes per KB, against generate.py's 65. The maps are valid (validate
passes) but not lint-clean: a share of the touchpoints is listed by no experience
(JK304, `--unmentioned`), as in a map whose flow is drawn before its research is done, so
that a lint run also measures the cost of reporting many findings.

Usage::

    python benchmarks/generate_dense.py OUTDIR --maps 500 --touchpoints 60
    python benchmarks/generate_dense.py OUTDIR --single --touchpoints 12000

The first writes the tree of catalogs and maps under OUTDIR, the second one map,
OUTDIR/dense-<touchpoints>.journey.yaml, with its catalogs beside it. The same arguments
always give the same bytes; only the standard library is used.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

GROUPS = 5
UNITS = 5
STAGES = ("aware", "join", "use", "grow", "leave")
MODES = ("digital", "physical", "hybrid")
WORDS = (
    "account",
    "app",
    "basket",
    "bill",
    "card",
    "chat",
    "claim",
    "delivery",
    "form",
    "help",
    "invoice",
    "login",
    "offer",
    "order",
    "plan",
    "quote",
    "refund",
    "renewal",
    "review",
    "search",
    "signup",
    "survey",
    "ticket",
    "visit",
)


def _catalog(personas: Sequence[str], channels: Sequence[str], teams: Sequence[str]) -> str:
    lines = ["journeykit: 1", "kind: catalog"]
    if personas:
        lines.append("personas:")
        lines += [f"  - {{id: {p}, name: Persona {p}, goals: [Save time, Pay less]}}" for p in personas]
    if channels:
        lines.append("channels:")
        lines += [f"  - {{id: {c}, name: Channel {c}, mode: {MODES[i % 3]}}}" for i, c in enumerate(channels)]
    if teams:
        lines.append("teams:")
        lines += [f"  - {{id: {t}, name: Team {t}}}" for t in teams]
    return "\n".join(lines) + "\n"


class _Catalogs:
    """The ids that the three levels of catalogs define for the maps of one unit."""

    def __init__(self, group: int, unit: int) -> None:
        self.root_personas = [f"p{i}" for i in range(12)]
        self.root_channels = [f"c{i}" for i in range(8)]
        self.group_personas = [f"p-g{group}-{i}" for i in range(4)]
        self.group_teams = [f"team-g{group}-{i}" for i in range(6)]
        self.unit_personas = [f"p-g{group}u{unit}-{i}" for i in range(3)]
        self.unit_channels = [f"c-g{group}u{unit}-{i}" for i in range(2)]
        self.unit_teams = [f"team-g{group}u{unit}-{i}" for i in range(2)]

    @property
    def personas(self) -> list[str]:
        return [*self.root_personas, *self.group_personas, *self.unit_personas]

    @property
    def channels(self) -> list[str]:
        return [*self.root_channels, *self.unit_channels]

    @property
    def teams(self) -> list[str]:
        return [*self.group_teams, *self.unit_teams]


def _sentence(rng: random.Random) -> str:
    return f"The {rng.choice(WORDS)} and the {rng.choice(WORDS)} should take less time than the {rng.choice(WORDS)}"


def generate_dense_map(index: int, touchpoints: int, seed: int, catalogs: _Catalogs, unmentioned: float) -> str:
    """The YAML text of one dense map that sees `catalogs`; the same arguments give the same text."""
    rng = random.Random(f"{seed}-{index}-{touchpoints}")
    personas = rng.sample(catalogs.personas, min(10, len(catalogs.personas)))
    own = [f"own{index}-{i}" for i in range(2)]
    out = [
        "journeykit: 1",
        "kind: journey",
        f"id: dense-{index:05d}",
        f"title: Dense map {index}",
        f"owner: {rng.choice(catalogs.teams)}",
        "updated: 2026-10-15",
        "tags: [dense, generated]",
        "personas:",
        *(f"  - {{id: {p}, name: Own persona {p}}}" for p in own),
        *(f"  - {p}" for p in personas),
        "stages:",
        *(f"  - {{id: {s}, name: {s.title()}}}" for s in STAGES),
        "touchpoints:",
    ]
    per_stage = max(1, touchpoints // len(STAGES))
    ids = [f"t{n}" for n in range(touchpoints)]
    stage_of = [min(n // per_stage, len(STAGES) - 1) for n in range(touchpoints)]
    last = len(STAGES) - 1
    for n, tid in enumerate(ids):
        fields = [
            f"id: {tid}",
            f"name: {rng.choice(WORDS).title()} {rng.choice(WORDS)} {n}",
            f"stage: {STAGES[stage_of[n]]}",
            f"channel: {rng.choice(catalogs.channels)}",
            f"owner: {rng.choice(catalogs.teams)}",
        ]
        # The flow only goes forward: the next touchpoint, then (before the last stage) a few further on.
        ahead = [n + 1]
        if stage_of[n] < last:
            ahead += [n + rng.randint(2, 3 * per_stage) for _ in range(rng.randint(1, 3))]
        targets = list(dict.fromkeys(ids[m] for m in ahead if m < touchpoints))
        if targets:
            fields.append(f"next: [{', '.join(targets)}]")
        fields.append(f"events: [{tid}_seen]")
        if rng.random() < 0.3:
            fields.append(f'description: "{_sentence(rng)}"')
        out.append(f"  - {{{', '.join(fields)}}}")
    evidence = [f"e{n}" for n in range(4)]
    out.append("evidence:")
    out += [f"  - {{id: {e}, type: analytics, date: 2026-09-0{n + 1}}}" for n, e in enumerate(evidence)]
    out.append("experiences:")
    for persona in [*own, *personas]:
        for position, stage in enumerate(STAGES):
            in_stage = [ids[n] for n in range(touchpoints) if stage_of[n] == position]
            listed = in_stage[: max(1, round(len(in_stage) * (1 - unmentioned)))]
            out += [
                f"  - persona: {persona}",
                f"    stage: {stage}",
                f"    touchpoints: [{', '.join(listed)}]",
                f"    tasks: [{rng.choice(WORDS).title()} the {rng.choice(WORDS)}, Check the {rng.choice(WORDS)}]",
                f"    emotion: {rng.choice((0, 1, 2))}",
                f"    thoughts: {_sentence(rng)}",
                f"    evidence: [{rng.choice(evidence)}]",
            ]
    out.append("interactions:")
    digital = [c for i, c in enumerate(catalogs.channels) if MODES[i % 3] != "physical"]
    for n in range(max(1, touchpoints // 50)):
        # Triggered by outside events without dates: none is planned on a day, so none crowds one.
        audience = ", ".join(rng.sample(personas, 3))
        out.append(
            f"  - {{id: i{n}, name: Message {n}, channel: {rng.choice(digital)}, stage: {rng.choice(STAGES)}, "
            f"personas: [{audience}], trigger: {{type: event, name: Event {n}}}, message: Tips {n}}}"
        )
    return "\n".join(out) + "\n"


def write_catalogs(root: Path, group: int, unit: int) -> Path:
    """Write the three catalogs a unit's maps see; return the unit's directory."""
    catalogs = _Catalogs(group, unit)
    root.mkdir(parents=True, exist_ok=True)
    top = root / "shared.catalog.yaml"
    if not top.exists():
        top.write_text(_catalog(catalogs.root_personas, catalogs.root_channels, ()), encoding="utf-8")
    group_dir = root / f"group-{group}"
    group_dir.mkdir(exist_ok=True)
    group_file = group_dir / "group.catalog.yaml"
    if not group_file.exists():
        group_file.write_text(_catalog(catalogs.group_personas, (), catalogs.group_teams), encoding="utf-8")
    unit_dir = group_dir / f"unit-{unit}"
    unit_dir.mkdir(exist_ok=True)
    unit_file = unit_dir / "unit.catalog.yaml"
    if not unit_file.exists():
        unit_file.write_text(
            _catalog(catalogs.unit_personas, catalogs.unit_channels, catalogs.unit_teams), encoding="utf-8"
        )
    return unit_dir


def generate_dense_corpus(root: Path, maps: int, touchpoints: int, seed: int = 1, unmentioned: float = 0.3) -> int:
    """Write `maps` dense maps spread over GROUPS x UNITS directories under `root`; return the bytes written."""
    total = 0
    for index in range(maps):
        group, unit = divmod(index % (GROUPS * UNITS), UNITS)
        directory = write_catalogs(root, group, unit)
        text = generate_dense_map(index, touchpoints, seed, _Catalogs(group, unit), unmentioned)
        path = directory / f"dense-{index:05d}.journey.yaml"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def generate_dense_single(root: Path, touchpoints: int, seed: int = 1, unmentioned: float = 0.3) -> Path:
    """Write one large dense map with its catalogs beside it (flattened into `root`); return its path."""
    root.mkdir(parents=True, exist_ok=True)
    catalogs = _Catalogs(0, 0)
    (root / "dense.catalog.yaml").write_text(
        _catalog(catalogs.personas, catalogs.channels, catalogs.teams), encoding="utf-8"
    )
    path = root / f"dense-{touchpoints}.journey.yaml"
    path.write_text(generate_dense_map(0, touchpoints, seed, catalogs, unmentioned), encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a dense benchmark corpus for journeykit.")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--maps", type=int, default=500)
    parser.add_argument("--touchpoints", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--unmentioned", type=float, default=0.3, help="share of touchpoints no experience lists")
    parser.add_argument("--single", action="store_true", help="write one map and its catalog instead of a corpus")
    args = parser.parse_args(argv)
    if args.single:
        path = generate_dense_single(args.outdir, args.touchpoints, args.seed, args.unmentioned)
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    else:
        total = generate_dense_corpus(args.outdir, args.maps, args.touchpoints, args.seed, args.unmentioned)
        print(f"wrote {args.maps} maps, {total:,} bytes, under {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
