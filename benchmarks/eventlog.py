"""A seeded simulator of the retail app's event log (examples/consumer/retail/retail-app-first-year.journey.yaml).

Customers arrive over four months through ads, the web or the app store, sign up, research (or not: repeat
buyers skip it), buy, wait for the parcel, review, and some leave. Along the way they open the app, view
screens and receive pushes that no touchpoint lists (noise), come back to buy again (backtracks), and the
latest arrivals are still mid-journey when the log ends. Some customers are already known when the log
starts and begin mid-journey; a few rows have no persona, or one that is no persona of the map.

    python benchmarks/eventlog.py --events 30000 --output examples/consumer/retail/events/retail-app-events.csv.gz
    python benchmarks/eventlog.py --events 10000000 --output /tmp/events.parquet

The same seed and size give the same log, byte for byte (CSV) or row for row (Parquet).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import gzip
import io
import random
from collections.abc import Iterator
from pathlib import Path

START = datetime.datetime(2026, 8, 1, tzinfo=datetime.timezone.utc)
DAYS = 122
END = int((START + datetime.timedelta(days=DAYS)).timestamp())
"""The log ends on 2026-12-01: later events have not happened yet (the latest customers are mid-journey)."""
PERSONAS = (("deal-hunter", 0.45), ("busy-parent", 0.38), ("screen-reader-user", 0.09), ("", 0.05), ("staff", 0.03))
NOISE = ("app_open", "screen_view", "screen_view", "push_received", "app_background", "session_start")
Row = tuple[str, int, str, str]


def customers(rng: random.Random) -> Iterator[list[Row]]:
    """One customer's events after another, each list ordered by time."""
    number = 0
    while True:
        number += 1
        yield _journey(rng, f"u{number:07d}")


def _persona(rng: random.Random) -> str:
    pick, total = rng.random(), 0.0
    for persona, share in PERSONAS:
        total += share
        if pick < total:
            return persona
    return ""


def _journey(rng: random.Random, actor: str) -> list[Row]:
    persona = _persona(rng)
    now = int((START + datetime.timedelta(days=rng.random() * DAYS)).timestamp())
    rows: list[Row] = []

    def emit(event: str, gap: float, *, tagged: bool = False) -> None:
        nonlocal now
        now += int(rng.expovariate(1 / gap)) if gap else 0
        rows.append((actor, now, event, persona if tagged or rng.random() < 0.3 else ""))
        for _ in range(rng.choice((0, 0, 1, 2))):  # app opens and screen views around each step
            rows.append((actor, now + rng.randint(1, 90), rng.choice(NOISE), ""))

    known = rng.random() < 0.08  # an existing customer: the log starts in the middle of their journey
    if not known:
        entry = rng.choice(("social_ad_click", "landing_page_view", "store_listing_view"))
        emit(entry, 0, tagged=True)
        if entry == "landing_page_view" and rng.random() < 0.5:
            emit("app_banner_click", 40)
        emit("store_listing_view" if entry != "store_listing_view" else "app_install", 600)
        emit("app_install", 120)
        emit("sign_up_started", 300)
        if rng.random() < 0.22:
            return rows  # gave up signing up
        emit("sign_up_completed", 240)
        if rng.random() < 0.5:
            emit("preferences_saved", 60)
    orders = 1 + (rng.random() < 0.35) + (rng.random() < 0.15)
    for order in range(orders):
        repeat = order > 0 or known
        if rng.random() < (0.4 if repeat else 0.88):  # repeat buyers often skip research, some first-timers too
            emit("search_submitted", 3600 * (6 if order else 2))
            for _ in range(rng.randint(1, 4)):
                emit(rng.choice(("product_viewed", "product_viewed", "category_viewed", "filter_applied")), 400)
            if persona == "deal-hunter" and rng.random() < 0.4:
                emit("price_alert_set", 120)
        elif repeat:
            emit("product_viewed", 86400 * 5)
        if rng.random() < (0.38 if not repeat else 0.6):
            return rows  # browsed, did not buy
        emit("checkout_started", 3600 * 4)
        if rng.random() < 0.18:
            emit("product_viewed", 300)  # went back to compare: a backtrack
            emit("checkout_started", 600)
        if rng.random() < 0.12:
            return rows  # abandoned the basket
        emit("order_placed", 200)
        emit("order_tracking_viewed", 3600 * 20)
        emit(rng.choice(("parcel_delivered", "order_collected")), 86400 * 1.5)
        if rng.random() < 0.45:
            emit("review_email_opened", 86400 * 2)
            if rng.random() < 0.5:
                emit("review_submitted", 3600)
        if rng.random() < 0.3:
            emit("rewards_viewed", 86400 * 3)
    if rng.random() < 0.12:
        emit(rng.choice(("push_opt_out", "marketing_unsubscribed", "winback_email_opened")), 86400 * 10)
    return rows


def generate(events: int, seed: int = 2026) -> Iterator[Row]:
    """About `events` rows (whole customers), each customer's rows in time order, customers interleaved by start."""
    rng = random.Random(seed)
    produced = 0
    for journey in customers(rng):
        kept = [row for row in journey if row[1] < END]
        yield from kept
        produced += len(kept)
        if produced >= events:
            return


def _iso(epoch: int) -> str:
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_csv(path: Path, events: int, seed: int) -> None:
    """CSV (gzip-compressed when the name ends in .gz); timestamps as ISO 8601 in UTC."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = gzip.GzipFile(path, "wb", mtime=0) if path.suffix == ".gz" else path.open("wb")
    with raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(("user_id", "timestamp", "event", "persona"))
        for actor, epoch, event, persona in generate(events, seed):
            writer.writerow((actor, _iso(epoch), event, persona))


def write_parquet(path: Path, events: int, seed: int, chunk: int = 1_000_000) -> None:
    """Parquet with a native timestamp column, written in row groups of `chunk` rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("user_id", pa.string()),
            ("timestamp", pa.timestamp("us", tz="UTC")),
            ("event", pa.string()),
            ("persona", pa.string()),
        ]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[Row] = []
        for row in generate(events, seed):
            batch.append(row)
            if len(batch) >= chunk:
                writer.write_table(_table(batch, schema))
                batch = []
        if batch:
            writer.write_table(_table(batch, schema))


def _table(rows: list[Row], schema: object) -> object:
    import pyarrow as pa

    actors, times, events, personas = zip(*rows, strict=True)
    return pa.table(
        [
            pa.array(actors, pa.string()),
            pa.array([t * 1_000_000 for t in times], pa.int64()).cast(pa.timestamp("us", tz="UTC")),
            pa.array(events, pa.string()),
            pa.array([p or None for p in personas], pa.string()),
        ],
        schema=schema,  # type: ignore[arg-type]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=30_000, help="about how many rows (default 30,000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--output", type=Path, required=True, help=".csv, .csv.gz or .parquet")
    args = parser.parse_args()
    if args.output.suffix == ".parquet":
        write_parquet(args.output, args.events, args.seed)
    else:
        write_csv(args.output, args.events, args.seed)


if __name__ == "__main__":
    main()
