"""The computation of ANALYTICS.md, written once in Ibis and run unchanged by every engine.

The engine computes integers only: counts, and the exact durations at the ranks that the percentiles
need. Ratios and interpolation happen in Python (journeykit.analytics.assemble, .percentiles), so that two
engines give bit-identical results. Persona groups are small integers here: the map's personas by index,
then `unassigned`; `ALL_GROUP` stands for everyone where a figure cannot be summed from the groups.

The steps, for one map:

1. mapped: rows whose event a touchpoint lists, up to as_of, with stage index `k` and touchpoint `tp`;
2. entrants: per actor, t0 = the earliest stage-0 event in [from, to), the persona on that row, mature
   when t0 + W <= as_of;
3. the window: mapped events of mature entrants in [t0, t0 + W];
4. stages: one left join per stage after the first, each finding the earliest event of the stage at or
   after the last stage reached (definition 4), the state carried along as columns;
5. figures: reached and skipped per group; durations ranked per group and stage; touchpoint reach;
   consecutive events (ordered by time, then stage, then touchpoint) for backtracks and transitions.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journeykit.analytics.funnel import FunnelSpec
from journeykit.analytics.percentiles import PERCENTS

if TYPE_CHECKING:
    import ibis.expr.types as ir

    from journeykit.analytics.engine import Engine

ALL_GROUP = -1


@dataclass(frozen=True)
class LogProfile:
    """What the whole log says, whatever the map: rows per event name, bad timestamps, the latest instant."""

    rows: int
    bad_timestamps: int
    latest: int | None
    event_rows: dict[str, int]
    """Rows per event name up to as_of (rows without an event name are left out)."""


@dataclass
class RawFigures:
    """One map's integers, keyed by group index, stage index and touchpoint index."""

    entered_later: dict[int, int] = field(default_factory=dict)
    in_progress: dict[int, int] = field(default_factory=dict)
    entered: dict[int, int] = field(default_factory=dict)
    reached: dict[tuple[int, int], int] = field(default_factory=dict)
    skipped: dict[tuple[int, int], int] = field(default_factory=dict)
    durations: dict[tuple[int, int], tuple[int, dict[int, int]]] = field(default_factory=dict)
    """(group or ALL_GROUP, stage) → (how many durations, {rank: duration in microseconds})."""
    reach: dict[tuple[int, int], int] = field(default_factory=dict)
    backtracks: dict[tuple[int, int, int], tuple[int, int]] = field(default_factory=dict)
    """(group, from stage, to stage) → (steps, actors)."""
    transitions: dict[tuple[int, int, int], tuple[int, int]] = field(default_factory=dict)
    """(group, from touchpoint, to touchpoint) → (steps, actors)."""


def log_profile(log: ir.Table, as_of: int | None) -> LogProfile:
    """One pass over the log: rows and bad timestamps per event name, and the latest timestamp."""
    import ibis

    counted = log.count() if as_of is None else ibis.ifelse(log.t <= as_of, 1, 0).sum()
    per_event = log.group_by(event=log.event).aggregate(
        rows=log.count(),
        counted=counted,
        bad=log.t.isnull().cast("int64").sum(),
        latest=log.t.max(),
    )
    records = _records(per_event)
    latest = [r["latest"] for r in records if r["latest"] is not None]
    return LogProfile(
        rows=sum(r["rows"] for r in records),
        bad_timestamps=sum(r["bad"] or 0 for r in records),
        latest=max(latest) if latest else None,
        event_rows={r["event"]: r["counted"] or 0 for r in records if r["event"] is not None and r["counted"]},
    )


def compute(
    engine: Engine,
    log: ir.Table,
    spec: FunnelSpec,
    window: int,
    start: int | None,
    end: int | None,
    as_of: int,
) -> RawFigures:
    """Every integer of the map's figures; `window` and the instants in microseconds."""
    with _held(engine) as held:
        return _Computation(log, spec, window, start, end, as_of, held).run()


class _Held:
    """Tables the computation materialises (cached results, the event meanings), dropped at the end."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.cached: list[ir.Table] = []
        self.tables: list[str] = []

    def cache(self, table: ir.Table) -> ir.Table:
        cached = table.cache()
        self.cached.append(cached)
        return cached

    def upload(self, data: Any) -> ir.Table:
        name = f"journeykit_meanings_{uuid.uuid4().hex}"
        table = self.engine.upload(name, data)
        self.tables.append(name)
        return table

    def release_one(self, table: ir.Table) -> None:
        self.cached.remove(table)
        table.release()

    def release(self) -> None:
        for table in self.cached:
            table.release()
        for name in self.tables:
            self.engine.drop(name)


@contextmanager
def _held(engine: Engine) -> Iterator[_Held]:
    held = _Held(engine)
    try:
        yield held
    finally:
        held.release()


@dataclass
class _Computation:
    log: ir.Table
    spec: FunnelSpec
    window: int
    start: int | None
    end: int | None
    as_of: int
    held: _Held
    figures: RawFigures = field(default_factory=RawFigures)

    def run(self) -> RawFigures:
        meaning = self._meaning()
        mapped = self.held.cache(self._mapped(meaning))
        entrants = self.held.cache(self._entrants(meaning))
        mature = entrants.filter(entrants.mature).select("actor", "t0", "g", tend=entrants.t0 + self.window)
        window = self.held.cache(self._windowed(mapped, mature))
        # The mapped rows are the largest table: count those who start mid-journey, then let it go.
        self._collect(_records(self._entered_later(mapped, entrants)))
        self.held.release_one(mapped)
        state = self.held.cache(self._stages(mature, window))
        parts = [
            self._in_progress(entrants),
            self._reached(state),
            *self._durations(state),
            self._reach(window),
            *self._steps(window),
        ]
        # One query for every figure: a distributed engine runs one job instead of one per figure.
        self._collect(_records(ibis_union(parts)))
        return self.figures

    def _collect(self, rows: Sequence[dict[str, Any]]) -> None:
        figures = self.figures
        for row in rows:
            kind, g, a, b, c, v, w = (row[k] for k in ("kind", "g", "a", "b", "c", "v", "w"))
            if kind == "later":
                figures.entered_later[a] = v
            elif kind == "pending":
                figures.in_progress[g] = v
            elif kind == "reached":
                figures.reached[(g, a)] = v
                if a == 0:
                    figures.entered[g] = v
                if self.spec.stages[a].optional:
                    figures.skipped[(g, a)] = w or 0
            elif kind == "duration":
                figures.durations.setdefault((g, a), (c, {}))[1][b] = v
            elif kind == "reach":
                figures.reach[(g, a)] = v
            elif kind == "backtrack":
                figures.backtracks[(g, a, b)] = (v, w)
            elif kind == "transition":
                figures.transitions[(g, a, b)] = (v, w)

    # -- the rows that count

    def _meaning(self) -> ir.Table:
        """The map's event names with their stage and touchpoint, as a (small) table of the engine."""
        import pyarrow as pa

        names = list(self.spec.events)
        meanings = [self.spec.events[name] for name in names]
        return self.held.upload(
            pa.table(
                {
                    "m_event": pa.array(names, pa.string()),
                    "m_k": pa.array([m.stage for m in meanings], pa.int16()),
                    "m_tp": pa.array([m.touchpoint for m in meanings], pa.int16()),
                }
            )
        )

    def _rows(self, meaning: ir.Table) -> ir.Table:
        log = self.log
        rows = log.filter(log.actor.notnull(), log.t <= self.as_of)
        return rows.inner_join(meaning, rows.event == meaning.m_event)

    def _mapped(self, meaning: ir.Table) -> ir.Table:
        joined = self._rows(meaning)
        # Narrow integers: this table and the window hold most of the log's mapped rows.
        return joined.select(actor=joined.actor, t=joined.t, k=joined.m_k, tp=joined.m_tp)

    def _in_range(self, t: ir.IntegerValue) -> ir.BooleanValue:
        import ibis

        condition = ibis.literal(True)
        if self.start is not None:
            condition &= t >= self.start
        if self.end is not None:
            condition &= t < self.end
        return condition

    def _entrants(self, meaning: ir.Table) -> ir.Table:
        import ibis

        joined = self._rows(meaning)
        rows = joined.select(actor=joined.actor, t=joined.t, k=joined.m_k, persona=joined.persona)
        first_stage = rows.filter(rows.k == 0, self._in_range(rows.t))
        entry = first_stage.group_by(e_actor=first_stage.actor).aggregate(t0=first_stage.t.min())
        at_entry = first_stage.inner_join(entry, (first_stage.actor == entry.e_actor) & (first_stage.t == entry.t0))
        # Several first-stage rows at t0: the smallest persona value that is not blank (definition 3).
        chosen = at_entry.group_by(actor=at_entry.actor, t0=at_entry.t0).aggregate(raw=at_entry.persona.min())
        persona: ir.StringValue = chosen.raw
        if self.spec.persona_values:
            persona = persona.substitute(dict(self.spec.persona_values), else_=persona)
        codes = {p: i for i, p in enumerate(self.spec.personas)}
        unassigned = len(self.spec.personas)
        group = (persona.substitute(codes, else_=unassigned) if codes else ibis.literal(unassigned)).cast("int16")
        return chosen.select(
            "actor",
            "t0",
            g=ibis.coalesce(group, ibis.literal(unassigned, "int16")),
            mature=chosen.t0 + self.window <= self.as_of,
        )

    def _entered_later(self, mapped: ir.Table, entrants: ir.Table) -> ir.Table:
        first = mapped.group_by(f_actor=mapped.actor).aggregate(tmin=mapped.t.min())
        at_first = mapped.inner_join(first, (mapped.actor == first.f_actor) & (mapped.t == first.tmin))
        first_stage = at_first.group_by(actor=at_first.actor, tmin=at_first.tmin).aggregate(kmin=at_first.k.min())
        later = first_stage.filter(first_stage.kmin >= 1, self._in_range(first_stage.tmin))
        later = later.anti_join(entrants, later.actor == entrants.actor)
        counted = later.group_by("kmin").aggregate(v=later.count())
        return _row(counted, "later", a=counted.kmin, v=counted.v)

    def _in_progress(self, entrants: ir.Table) -> ir.Table:
        pending = entrants.filter(~entrants.mature)
        counted = pending.group_by("g").aggregate(v=pending.count())
        return _row(counted, "pending", g=counted.g, v=counted.v)

    def _windowed(self, mapped: ir.Table, mature: ir.Table) -> ir.Table:
        entrant = mature.select(w_actor=mature.actor, w_t0=mature.t0, w_tend=mature.tend, g=mature.g)
        joined = mapped.inner_join(entrant, mapped.actor == entrant.w_actor)
        inside = joined.filter(joined.t >= joined.w_t0, joined.t <= joined.w_tend)
        return inside.select("actor", "t", "k", "tp", "g")

    # -- definition 4: the stages reached

    def _stages(self, mature: ir.Table, window: ir.Table) -> ir.Table:
        import ibis

        state = mature.select("actor", "t0", "tend", "g", tprev=mature.t0, s0=mature.t0)
        for index in range(1, len(self.spec.stages)):
            events = window.filter(window.k == index).select(s_actor=window.actor, s_t=window.t)
            joined = state.left_join(
                events,
                (state.actor == events.s_actor) & (events.s_t >= state.tprev) & (events.s_t <= state.tend),
            )
            keys = [joined[name] for name in state.columns]
            state = joined.group_by(keys).aggregate(**{f"s{index}": joined.s_t.min()})
            reached = state[f"s{index}"]
            # An optional stage not reached is skipped: the search goes on from the last stage reached.
            tprev = ibis.coalesce(reached, state.tprev) if self.spec.stages[index].optional else reached
            state = state.mutate(tprev=tprev)
        return state

    def _reached(self, state: ir.Table) -> ir.Table:
        import ibis

        count = len(self.spec.stages)
        parts = []
        for index in range(count):
            here = state[f"s{index}"]
            later = [state[f"s{j}"] for j in range(index + 1, count)]
            skipped = here.isnull() & ibis.coalesce(*later).notnull() if later else ibis.literal(False)
            parts.append(
                state.select(
                    g=state.g,
                    a=ibis.literal(index, "int64"),
                    hit=here.notnull().cast("int64"),
                    skip=skipped.cast("int64"),
                )
            )
        stages = ibis_union(parts)
        counted = stages.group_by("g", "a").aggregate(v=stages.hit.sum(), w=stages.skip.sum())
        return _row(counted, "reached", g=counted.g, a=counted.a, v=counted.v, w=counted.w)

    def _durations(self, state: ir.Table) -> list[ir.Table]:
        import ibis

        parts = [
            state.filter(state[f"s{index}"].notnull()).select(
                g=state.g.cast("int64"), k=ibis.literal(index, "int64"), d=state[f"s{index}"] - state.t0
            )
            for index in range(1, len(self.spec.stages))
        ]
        if not parts:
            return []
        durations = ibis_union(parts)
        both = durations.union(durations.mutate(g=ibis.literal(ALL_GROUP, "int64")))
        group = [both.g, both.k]
        ranked = both.mutate(
            rn=ibis.row_number().over(ibis.window(group_by=group, order_by=both.d)),
            n=both.d.count().over(ibis.window(group_by=group)),
        )
        needed = ibis.literal(False)
        for percent in PERCENTS:
            scaled = (ranked.n - 1) * percent
            lower = (ranked.rn * 100 <= scaled) & (scaled < (ranked.rn + 1) * 100)
            upper = ((ranked.rn - 1) * 100 < scaled) & (scaled <= ranked.rn * 100)
            needed |= lower | upper
        kept = ranked.filter(needed)
        return [_row(kept, "duration", g=kept.g, a=kept.k, b=kept.rn, c=kept.n, v=kept.d)]

    # -- definitions 7 and 9, and the transitions between touchpoints

    def _reach(self, window: ir.Table) -> ir.Table:
        counted = window.group_by("g", "tp").aggregate(v=window.actor.nunique())
        return _row(counted, "reach", g=counted.g, a=counted.tp, v=counted.v)

    def _steps(self, window: ir.Table) -> list[ir.Table]:
        import ibis

        order = ibis.window(group_by=window.actor, order_by=[window.t, window.k, window.tp])
        sequence = window.mutate(pk=window.k.lag().over(order), ptp=window.tp.lag().over(order))
        steps = sequence.filter(sequence.pk.notnull() & ((sequence.pk > sequence.k) | (sequence.ptp != sequence.tp)))
        back = steps.filter(steps.pk > steps.k)
        back = back.group_by("g", "pk", "k").aggregate(v=back.count(), w=back.actor.nunique())
        moves = steps.filter(steps.ptp != steps.tp)
        moves = moves.group_by("g", "ptp", "tp").aggregate(v=moves.count(), w=moves.actor.nunique())
        return [
            _row(back, "backtrack", g=back.g, a=back.pk, b=back.k, v=back.v, w=back.w),
            _row(moves, "transition", g=moves.g, a=moves.ptp, b=moves.tp, v=moves.v, w=moves.w),
        ]


def _row(table: ir.Table, kind: str, **values: ir.Value) -> ir.Table:
    """A figure's rows in the one shape of the result query: kind, g, a, b, c, v, w (integers or null)."""
    import ibis

    columns = {name: values.get(name, ibis.null("int64")).cast("int64") for name in ("g", "a", "b", "c", "v", "w")}
    return table.select(kind=ibis.literal(kind, "string"), **columns)


def ibis_union(tables: Sequence[ir.Table]) -> ir.Table:
    """UNION ALL of tables of one schema."""
    import ibis

    return tables[0] if len(tables) == 1 else ibis.union(*tables, distinct=False)


def _records(table: ir.Table) -> Sequence[dict[str, Any]]:
    rows: Sequence[dict[str, Any]] = table.to_pyarrow().to_pylist()
    return rows
