"""The definitions of ANALYTICS.md written the way an analyst would, with pandas: load, sort, group.

A separate, readable implementation, used as the benchmark's peer for `journeykit analytics` and as a third
check that the numbers agree (tests/property/test_analytics_engines.py compares it with the engines).
It reads the whole log into memory, as pandas does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from journeykit.analytics.funnel import FunnelSpec

MICROS = 1_000_000


def load(paths: list[str]) -> pd.DataFrame:
    """The log's rows: user_id, timestamp (microseconds, UTC), event, persona."""
    frames = []
    for path in paths:
        if path.endswith(".parquet"):
            frame = pd.read_parquet(path)
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frames.append(frame)
    log = pd.concat(frames, ignore_index=True)
    if "persona" not in log:
        log["persona"] = ""
    times = log["timestamp"]
    if not pd.api.types.is_datetime64_any_dtype(times):
        times = pd.to_datetime(times, utc=True, format="ISO8601")
    log["t"] = times.dt.tz_convert("UTC").astype("datetime64[us, UTC]").astype("int64")
    log["persona"] = log["persona"].fillna("").astype(str).str.strip()
    return log[["user_id", "t", "event", "persona"]]


def analyse(
    log: pd.DataFrame,
    spec: FunnelSpec,
    window_seconds: int,
    start: int | None = None,
    end: int | None = None,
    as_of: int | None = None,
) -> dict[str, Any]:
    """One map's figures in the JSON shape of ANALYTICS.md (`maps[i]` without id and file)."""
    window = window_seconds * MICROS
    as_of = int(log["t"].max()) if as_of is None else as_of
    log = log[log["t"] <= as_of]
    counts = log["event"].value_counts()

    # The events the map lists, with their stage and touchpoint.
    stage_of = {name: m.stage for name, m in spec.events.items()}
    touchpoint_of = {name: m.touchpoint for name, m in spec.events.items()}
    mapped = log[log["event"].isin(list(spec.events))].copy()
    mapped["k"] = mapped["event"].map(stage_of)
    mapped["tp"] = mapped["event"].map(touchpoint_of)
    in_range = pd.Series(True, index=mapped.index)
    if start is not None:
        in_range &= mapped["t"] >= start
    if end is not None:
        in_range &= mapped["t"] < end

    # Entry: the earliest first-stage event in range; the persona on that row.
    first_stage = mapped[(mapped["k"] == 0) & in_range]
    entry = first_stage.groupby("user_id")["t"].min().rename("t0").reset_index().astype({"t0": "int64"})
    at_entry = first_stage.merge(entry, left_on=["user_id", "t"], right_on=["user_id", "t0"])
    personas = at_entry[at_entry["persona"] != ""].groupby("user_id")["persona"].min()
    entry["raw"] = entry["user_id"].map(personas).astype(object).fillna("")
    entry["group"] = entry["raw"].map(lambda v: spec.persona_values.get(v, v))
    entry.loc[~entry["group"].isin(spec.personas), "group"] = "unassigned"
    entry["mature"] = entry["t0"] + window <= as_of

    # Actors whose journey starts after the first stage.
    firsts = mapped.sort_values(["user_id", "t", "k"]).groupby("user_id").head(1)
    starts_in_range = firsts["t"].between(
        start if start is not None else -(2**62), (end - 1) if end is not None else 2**62
    )
    later = firsts[(firsts["k"] >= 1) & starts_in_range & ~firsts["user_id"].isin(entry["user_id"])]
    later_counts = later["k"].value_counts()

    mature = entry[entry["mature"]].copy()
    mature["tend"] = mature["t0"] + window
    inside = mapped.merge(mature[["user_id", "t0", "tend", "group"]], on="user_id")
    inside = inside[(inside["t"] >= inside["t0"]) & (inside["t"] <= inside["tend"])]

    # The stages reached, one after the other.
    state = mature[["user_id", "t0", "tend", "group"]].copy()
    state["tprev"] = state["t0"].astype("float64")  # NaN once a required stage is missed
    state["s0"] = state["t0"].astype("float64")
    for index in range(1, len(spec.stages)):
        events = inside[inside["k"] == index][["user_id", "t"]]
        candidates = state[["user_id", "tprev", "tend"]].merge(events, on="user_id")
        candidates = candidates[(candidates["t"] >= candidates["tprev"]) & (candidates["t"] <= candidates["tend"])]
        state[f"s{index}"] = state["user_id"].map(candidates.groupby("user_id")["t"].min()).astype("float64")
        if spec.stages[index].optional:
            state["tprev"] = state[f"s{index}"].fillna(state["tprev"])
        else:
            state["tprev"] = state[f"s{index}"]

    ordered = inside.sort_values(["user_id", "t", "k", "tp"])
    previous = ordered.groupby("user_id")["k"].shift()
    back = ordered[previous > ordered["k"]].assign(pk=previous[previous > ordered["k"]])

    groups: dict[str, Any] = {}
    for group in [*spec.personas, "unassigned", "all"]:
        members = state if group == "all" else state[state["group"] == group]
        groups[group] = _group(spec, members, inside, back, entry, group)
    return {
        "entered_later": {stage.id: int(later_counts.get(i, 0)) for i, stage in enumerate(spec.stages) if i},
        "never_seen": [e for e in spec.events if e not in counts.index],
        "unmapped": [
            {"event": str(e), "rows": int(n)}
            for e, n in sorted(
                ((e, n) for e, n in counts.items() if e not in spec.events and e != ""), key=lambda x: (-x[1], x[0])
            )
        ],
        "personas": groups,
    }


def _group(
    spec: FunnelSpec, members: pd.DataFrame, inside: pd.DataFrame, back: pd.DataFrame, entry: pd.DataFrame, group: str
) -> dict[str, Any]:
    actors = set(members["user_id"])
    entrants = entry if group == "all" else entry[entry["group"] == group]
    reached = [int(members[f"s{i}"].notna().sum()) for i in range(len(spec.stages))]
    stages: dict[str, Any] = {}
    for index, stage in enumerate(spec.stages):
        base = spec.step_base(index)
        later = members[[f"s{j}" for j in range(index + 1, len(spec.stages))]].notna().any(axis=1)
        durations = ((members[f"s{index}"] - members["t0"]) / MICROS).dropna()
        stages[stage.id] = {
            "reached": reached[index],
            "conversion": _ratio(reached[index], reached[0]),
            "step": None if base is None else _ratio(reached[index], reached[base]),
            "skipped": int((members[f"s{index}"].isna() & later).sum()) if stage.optional else None,
            "time_to_stage": None
            if durations.empty
            else {name: float(durations.quantile(q)) for name, q in (("median", 0.5), ("p75", 0.75), ("p95", 0.95))},
        }
    mine = inside[inside["user_id"].isin(actors)]
    reach = mine.groupby("tp")["user_id"].nunique()
    steps = back[back["user_id"].isin(actors)]
    counted = steps.groupby(["pk", "k"]).agg(steps=("user_id", "size"), actors=("user_id", "nunique")).reset_index()
    counted = counted.sort_values(["steps", "actors", "pk", "k"], ascending=[False, False, True, True])
    return {
        "entered": len(members),
        "in_progress": int((~entrants["mature"]).sum()),
        "stages": stages,
        "touchpoints": {tp: int(reach.get(i, 0)) for i, tp in enumerate(spec.touchpoints)},
        "backtracks": [
            {
                "from": spec.stages[int(r.pk)].id,
                "to": spec.stages[int(r.k)].id,
                "steps": int(r.steps),
                "actors": int(r.actors),
            }
            for r in counted.itertuples()
        ],
    }


def _ratio(numerator: int, denominator: int) -> float | None:
    return None if denominator == 0 else numerator / denominator


def same_figures(ours: Mapping[str, Any], theirs: Mapping[str, Any], tolerance: float = 1e-6) -> list[str]:
    """Where two maps' figures differ (times compared within `tolerance` seconds): empty when they agree."""
    problems: list[str] = []

    def walk(a: Any, b: Any, where: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            if set(a) != set(b):
                problems.append(f"{where}: keys {sorted(a)} != {sorted(b)}")
                return
            for key in a:
                walk(a[key], b[key], f"{where}.{key}")
        elif isinstance(a, list) and isinstance(b, list):
            if len(a) != len(b):
                problems.append(f"{where}: {a} != {b}")
                return
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{where}[{i}]")
        elif isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
            if abs(a - b) > tolerance * max(1.0, abs(a)):
                problems.append(f"{where}: {a} != {b}")
        elif a != b:
            problems.append(f"{where}: {a!r} != {b!r}")

    walk(dict(ours), dict(theirs), "map")
    return problems


def main() -> None:
    """`python benchmarks/analytics_pandas.py MAP LOG... --window-seconds N --output FILE`: the peer as a command."""
    import argparse
    import json
    from pathlib import Path

    from journeykit.analysis import analyze
    from journeykit.analytics.funnel import funnel_spec
    from journeykit.config import Settings

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("map")
    parser.add_argument("logs", nargs="+")
    parser.add_argument("--window-seconds", type=int, default=30 * 86400)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args()
    journey = analyze([args.map], Settings()).journeys[0]
    figures = analyse(load(args.logs), funnel_spec(journey), args.window_seconds)
    args.output.write_text(json.dumps(figures), encoding="utf-8")


if __name__ == "__main__":
    main()
