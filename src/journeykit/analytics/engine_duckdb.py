"""The DuckDB engine: embedded, reads CSV, Parquet and JSON lines from disk as it goes, spills to disk.

DuckDB is given a memory limit and a temporary directory: in-memory databases spill to it too, so a log
larger than memory is processed in bounded memory instead of failing (and no database file is written
and synced for the small working tables).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from typing import TYPE_CHECKING

from journeykit.analytics.engine import EngineError, one_format
from journeykit.analytics.inputs import EventLog, LogError, first_line
from journeykit.analytics.normalise import TIME_AS_MICROS
from journeykit.analytics.settings import AnalyticsSettings

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa
    from ibis.backends.duckdb import Backend

_NATIVE_TIMES = ("TIMESTAMP", "DATE")


class DuckDBEngine:
    name = "duckdb"

    def __init__(self, settings: AnalyticsSettings) -> None:
        import duckdb
        import ibis

        self.errors: tuple[type[BaseException], ...] = (duckdb.Error,)
        self._directory = tempfile.mkdtemp(prefix="journeykit-analytics-")
        try:
            self.backend: Backend = ibis.duckdb.connect(
                database=":memory:",
                memory_limit=settings.memory_limit,
                temp_directory=f"{self._directory}/spill",
                preserve_insertion_order=False,
            )
            self.backend.raw_sql("SET TimeZone = 'UTC'")
        except duckdb.Error as error:
            self.close()
            raise EngineError(f"DuckDB could not start: {first_line(error, None)}") from None

    def read(self, log: EventLog) -> ir.Table:
        import duckdb

        kind = one_format(log)
        columns = log.columns
        source = _source(kind, [f.path for f in log.files], log)
        try:
            described = self.backend.raw_sql(f"DESCRIBE SELECT * FROM {source}").fetchall()
        except duckdb.Error as error:
            raise LogError(f"cannot read the event log ({kind}): {first_line(error, None)}") from None
        types = {row[0].lower(): str(row[1]).upper() for row in described}
        time_type = types.get(columns.time.lower(), "VARCHAR")
        time = _quote(columns.time)
        if time_type.startswith("TIMESTAMP WITH TIME ZONE"):
            time_sql = f"epoch_us({time}) AS {TIME_AS_MICROS}"
        elif time_type.startswith(_NATIVE_TIMES):
            time_sql = f"epoch_us(CAST({time} AS TIMESTAMP)) AS {TIME_AS_MICROS}"
        elif time_type.startswith(
            (
                "VARCHAR",
                "BIGINT",
                "INTEGER",
                "SMALLINT",
                "TINYINT",
                "UBIGINT",
                "UINTEGER",
                "USMALLINT",
                "UTINYINT",
                "HUGEINT",
                "DOUBLE",
                "FLOAT",
                "DECIMAL",
            )
        ):
            time_sql = f"{time} AS time"
        else:
            raise LogError(
                f"the time column '{columns.time}' has the type {time_type}: expected text, numbers or timestamps"
            )
        persona = f", {_quote(columns.persona)} AS persona" if log.has_persona else ""
        query = (
            f"SELECT {_quote(columns.actor)} AS actor, {time_sql}, {_quote(columns.event)} AS event{persona} "
            f"FROM {source}"
        )
        return self.backend.sql(query)

    def upload(self, name: str, data: pa.Table) -> ir.Table:
        return self.backend.create_table(name, data, temp=True)

    def drop(self, name: str) -> None:
        self.backend.drop_table(name, force=True)

    def close(self) -> None:
        backend = getattr(self, "backend", None)
        if backend is not None:
            backend.disconnect()
        shutil.rmtree(self._directory, ignore_errors=True)


def _source(kind: str, paths: Sequence[str], log: EventLog) -> str:
    files = "[" + ", ".join(_literal(p) for p in paths) + "]"
    if kind == "csv":
        return (
            f"read_csv({files}, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', "
            "union_by_name = true)"
        )
    if kind == "parquet":
        return f"read_parquet({files}, union_by_name = true)"
    wanted = [log.columns.actor, log.columns.time, log.columns.event]
    if log.has_persona:
        wanted.append(log.columns.persona)
    struct = "{" + ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in wanted) + "}"
    return f"read_json({files}, format = 'newline_delimited', columns = {struct})"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
