"""`journeykit analytics` through the real entry point: formats, options, configuration, bad logs."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, SHOP, CliRun, at, write, write_log

Jk = Callable[..., CliRun]
ROWS = [
    ("a", at(0), "ad_view", "hunter"),
    ("a", at(1), "checkout_done", ""),
    ("b", at(0), "store_visit", "loyal"),
    ("z", at(60), "app_open", ""),
]


@pytest.fixture
def shop(project: Path) -> Path:
    write(project, {"shop.journey.yaml": SHOP})
    write_log(project / "events.csv", ROWS)
    return project


def test_json_output_has_the_contract_shape(jk: Jk, shop: Path) -> None:
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv", "--format", "json")
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["version"] == 1
    assert document["settings"]["files"] == ["events.csv"]
    assert document["settings"]["engine"] == "duckdb"
    shop_map = document["maps"][0]
    assert set(shop_map) == {"id", "file", "entered_later", "never_seen", "unmapped", "personas"}
    assert set(shop_map["personas"]["all"]) == {"entered", "in_progress", "stages", "touchpoints", "backtracks"}
    assert shop_map["personas"]["all"]["stages"]["purchase"]["reached"] == 1


def test_text_report_marks_the_largest_drop_in_words(jk: Jk, shop: Path) -> None:
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv")
    assert run.code == 0, run.stderr
    assert "-- all: 2 entered (mature), 0 in progress" in run.stdout
    assert "largest drop: 100.0% lost" in run.stdout  # advocacy: nobody
    assert "unmapped events" in run.stdout and "app_open" in run.stdout
    assert "1.0 d" in run.stdout  # a bought a day after entry


def test_markdown_report_escapes_text_from_the_log(jk: Jk, project: Path) -> None:
    write(project, {"shop.journey.yaml": SHOP})
    write_log(project / "events.csv", [*ROWS, ("c", at(0), "evil|<img src=x>", "")])
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv", "--format", "markdown")
    assert run.code == 0, run.stderr
    assert "| evil\\|&lt;img src=x&gt; | 1 |" in run.stdout
    assert "<img" not in run.stdout


def test_output_file_is_written_atomically(jk: Jk, shop: Path) -> None:
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv", "-f", "json", "-o", "out/report.json")
    assert run.code == 0, run.stderr
    assert json.loads((shop / "out" / "report.json").read_text())["version"] == 1
    assert [p.name for p in (shop / "out").iterdir()] == ["report.json"]


def test_configuration_table_and_persona_table(jk: Jk, project: Path) -> None:
    write(
        project,
        {
            "shop.journey.yaml": SHOP,
            "journeykit.toml": '[analytics]\nevents = ["logs/*.csv"]\nwindow = "2d"\nformat = "json"\n'
            'persona-column = "segment"\n[analytics.personas]\n"Bargain hunters" = "hunter"\n',
        },
    )
    (project / "logs").mkdir()
    write_log(
        project / "logs" / "a.csv",
        [("a", at(0), "ad_view", "Bargain hunters"), ("z", at(9), "app_open", "")],
        header=("user_id", "timestamp", "event", "segment"),
    )
    run = jk("analytics", "shop.journey.yaml")
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["settings"]["window_seconds"] == 2 * 86400
    assert document["settings"]["columns"]["persona"] == "segment"
    assert document["maps"][0]["personas"]["hunter"]["entered"] == 1


def test_unknown_configuration_key_suggests_the_right_one(jk: Jk, shop: Path) -> None:
    (shop / "journeykit.toml").write_text('[analytics]\nwindw = "2d"\n', encoding="utf-8")
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv")
    assert run.code == 2
    assert "unknown key 'windw' (did you mean 'window'?)" in run.stderr


def test_maps_with_errors_are_reported_and_skipped(jk: Jk, shop: Path) -> None:
    broken = SHOP.replace("id: shop\n", "id: other\n").replace("events: [checkout_done]", "events: [ad_view]")
    (shop / "other.journey.yaml").write_text(broken, encoding="utf-8")
    run = jk("analytics", "shop.journey.yaml", "other.journey.yaml", "--events", "events.csv", "-f", "json")
    assert run.code == 1
    assert "JK206" in run.stderr
    assert [m["id"] for m in json.loads(run.stdout)["maps"]] == ["shop"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            "user_id,when,event\na,2026-01-01,ad_view\n",
            "events.csv: no column 'timestamp' (the time column) (it has: user_id, when, event); "
            "name it with --time-column",
            id="missing-column",
        ),
        pytest.param(
            "user_id,timestamp,event\na,2026-01-01,ad_view\nb,yesterday,ad_view\nc,2026-02-30,ad_view\n",
            "events.csv: row 2 (line 3): column 'timestamp' has 'yesterday', not an ISO 8601 date or timestamp",
            id="bad-timestamp",
        ),
        pytest.param(
            "user_id,timestamp,event\na,,ad_view\n",
            "events.csv: row 1 (line 2): column 'timestamp' is empty",
            id="blank-timestamp",
        ),
        pytest.param(
            "user_id,timestamp,event\na,1767225600000,ad_view\n",
            "has '1767225600000', not an ISO 8601",
            id="epoch-milliseconds",
        ),
        pytest.param("user_id,timestamp,event\n", "the event log is empty: no rows in events.csv", id="empty"),
        pytest.param("", "events.csv: empty file", id="empty-file"),
    ],
)
def test_bad_logs_exit_2_with_one_clear_line(jk: Jk, project: Path, content: str, expected: str) -> None:
    write(project, {"shop.journey.yaml": SHOP, "events.csv": content})
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv")
    assert run.code == 2
    assert expected in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("events.parquet", b"PAR1 not really", "events.parquet: not a Parquet file"),
        ("events.csv.gz", b"not gzip at all", "events.csv.gz: not a readable CSV file"),
        ("events.ndjson", b'{"user_id": "a"}\nnot json\n', "events.ndjson: line 2 is not JSON"),
        ("events.csv", b"\xff\xfe\x00binary", "events.csv: not a readable CSV file"),
        ("events.log", b"x", "events.log: cannot tell the format from the file name"),
    ],
)
def test_unreadable_or_wrong_format_exit_2(jk: Jk, project: Path, name: str, content: bytes, expected: str) -> None:
    write(project, {"shop.journey.yaml": SHOP, name: content})
    run = jk("analytics", "shop.journey.yaml", "--events", name)
    assert run.code == 2
    assert expected in run.stderr
    assert "Traceback" not in run.stderr


def test_missing_file_and_glob(jk: Jk, shop: Path) -> None:
    assert "nothere.csv: no such file" in jk("analytics", "shop.journey.yaml", "--events", "nothere.csv").stderr
    assert "no file matches logs/*.parquet" in jk("analytics", "shop.journey.yaml", "--events", "logs/*.parquet").stderr


def test_bad_options_exit_2(jk: Jk, shop: Path) -> None:
    cases = {
        ("--window", "30x"): "--window takes a number and a unit h, d or w",
        ("--from", "soon"): "--from takes an ISO date or timestamp",
        ("--engine", "oracle"): "--engine must be one of duckdb, spark",
        ("--from", "2026-02-01", "--to", "2026-01-01"): "--from must be earlier than --to",
    }
    for options, message in cases.items():
        run = jk("analytics", "shop.journey.yaml", "--events", "events.csv", *options)
        assert (run.code, message in run.stderr) == (2, True), (options, run.stderr)
    assert "no event log: give --events PATH" in jk("analytics", "shop.journey.yaml").stderr


def test_a_missing_engine_says_what_to_install(jk: Jk, shop: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyspark" else real(name, *a))
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv", "--engine", "spark")
    assert run.code == 2
    assert "pip install 'journeykit[spark]'" in run.stderr


def test_formats_other_than_csv(jk: Jk, shop: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = [json.dumps({"user_id": a, "timestamp": t, "event": e, "persona": p}) for a, t, e, p in ROWS]
    (shop / "events.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with gzip.open(shop / "events.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write((shop / "events.csv").read_text(encoding="utf-8"))
    columns = list(zip(*ROWS, strict=True))
    pq.write_table(
        pa.table({"user_id": columns[0], "timestamp": columns[1], "event": columns[2], "persona": columns[3]}),
        shop / "events.parquet",
    )
    (shop / "events.txt").write_text((shop / "events.csv").read_text(encoding="utf-8"), encoding="utf-8")
    reference = json.loads(jk("analytics", "shop.journey.yaml", "--events", "events.csv", "-f", "json").stdout)["maps"]
    for options in (["events.jsonl"], ["events.csv.gz"], ["events.parquet"], ["events.txt", "--events-format", "csv"]):
        run = jk("analytics", "shop.journey.yaml", "--events", *options, "-f", "json")
        assert run.code == 0, (options, run.stderr)
        assert json.loads(run.stdout)["maps"] == reference, options


def test_the_example_log_is_lint_clean_and_analysed(jk: Jk) -> None:
    retail = EXAMPLES / "consumer" / "retail"
    run = jk(
        "analytics",
        str(retail / "retail-app-first-year.journey.yaml"),
        "--events",
        str(retail / "events" / "retail-app-events.csv.gz"),
        "-f",
        "json",
    )
    assert run.code == 0, run.stderr
    figures = json.loads(run.stdout)["maps"][0]
    everyone = figures["personas"]["all"]
    assert everyone["entered"] > 500 and everyone["in_progress"] > 100
    assert everyone["backtracks"] and figures["unmapped"] and figures["never_seen"]
    assert figures["entered_later"]["research"] > 0
    assert figures["personas"]["unassigned"]["entered"] > 0
    assert everyone["stages"]["research"]["skipped"] > 0


def test_spark_engine_through_the_command_line(jk: Jk, shop: Path, spark_session: object) -> None:
    duck = json.loads(jk("analytics", "shop.journey.yaml", "--events", "events.csv", "-f", "json").stdout)
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv", "-f", "json", "--engine", "spark")
    assert run.code == 0, run.stderr
    spark = json.loads(run.stdout)
    assert spark["settings"]["engine"] == "spark"
    assert spark["maps"] == duck["maps"]


def test_local_spark_does_not_need_the_machine_name_to_resolve(spark_session: object) -> None:
    # Found on a fresh Debian root: the JVM looks its own address up by the machine's name before it reads
    # any setting, and where the name does not resolve Spark never starts. A local session spares it that.
    assert os.environ.get("SPARK_LOCAL_IP") == "127.0.0.1"


def test_a_bad_timestamp_beside_a_field_too_long_for_python_is_still_one_line(jk: Jk, project: Path) -> None:
    # DuckDB reads the 200 kB field; Python's csv module (which finds the bad row) refuses it: the message
    # then names the value the engine saw instead of the row.
    long_event = "e" * 200_000
    write(project, {"shop.journey.yaml": SHOP, "events.csv": f"user_id,timestamp,event\na,yesterday,{long_event}\n"})
    run = jk("analytics", "shop.journey.yaml", "--events", "events.csv")
    assert run.code == 2
    assert "column 'timestamp': 1 row of the log has a bad timestamp, such as 'yesterday'" in run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
