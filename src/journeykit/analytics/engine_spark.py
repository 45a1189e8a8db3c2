"""The Spark engine, through PySpark: local mode by default, a cluster with --spark-master, Spark Connect
when SPARK_REMOTE is set. The computation is the same Ibis expression as DuckDB's, compiled to Spark SQL.

A session that is already active in the process (a notebook's, a test's) is used and left running;
a session this engine starts is stopped by close().
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeykit.analytics.engine import EngineError, one_format
from journeykit.analytics.inputs import EventLog, LogError, first_line
from journeykit.analytics.normalise import TIME_AS_MICROS
from journeykit.analytics.settings import AnalyticsSettings

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa
    from ibis.backends.pyspark import Backend

LOG_CONFIG = Path(__file__).resolve().parent / "log4j2.properties"


def start_session(master: str) -> tuple[Any, bool]:
    """The active session, or a new one (Spark Connect when SPARK_REMOTE is set); and whether it is new."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    remote = os.environ.get("SPARK_REMOTE")
    if remote:
        return SparkSession.builder.remote(remote).appName("journeykit analytics").getOrCreate(), True
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise EngineError(
            "the Spark engine needs Java 17 or later: install it (Debian: apt-get install openjdk-17-jre-headless) "
            "or set JAVA_HOME"
        )
    builder = SparkSession.builder.master(master).appName("journeykit analytics")
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.session.timeZone": "UTC",
        # Spark's own logging at WARN and above would drown the report: errors only.
        "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile=file:{LOG_CONFIG}",
    }
    if master.startswith("local"):
        # One machine: a few shuffle partitions, not 200; no network name lookups. The JVM looks its own
        # address up by the machine's name before it reads any setting, and stops where that name does not
        # resolve (containers, chroots, some CI runners): SPARK_LOCAL_IP spares it the lookup.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        settings |= {
            "spark.sql.shuffle.partitions": str(max(2, (os.cpu_count() or 2) * 2)),
            "spark.driver.host": "127.0.0.1",
            "spark.driver.bindAddress": "127.0.0.1",
        }
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # Py4J and the JVM raise many kinds; each means "Spark did not start"
        raise EngineError(f"Spark did not start: {first_line(error)}") from None
    session.sparkContext.setLogLevel("FATAL")
    return session, True


def quiet_python_loggers() -> None:
    """PySpark logs every failed query as JSON on standard error; journeykit reports it once, as one line."""
    import logging

    from pyspark.logger import PySparkLogger

    for name in ("SQLQueryContextLogger", "DataFrameQueryContextLogger"):
        PySparkLogger.getLogger(name).setLevel(logging.CRITICAL + 1)


class SparkEngine:
    name = "spark"

    def __init__(self, settings: AnalyticsSettings) -> None:
        import ibis
        from py4j.protocol import Py4JError  # type: ignore[import-untyped]
        from pyspark.errors import PySparkException

        self.errors: tuple[type[BaseException], ...] = (PySparkException, Py4JError)
        quiet_python_loggers()
        self._session, self._owned = start_session(settings.spark_master)
        self._session.conf.set("spark.sql.session.timeZone", "UTC")
        self.backend: Backend = ibis.pyspark.connect(self._session)
        self._views: list[str] = []

    def read(self, log: EventLog) -> ir.Table:
        from pyspark.errors import PySparkException
        from pyspark.sql import functions as f
        from pyspark.sql import types as t

        kind = one_format(log)
        paths = [file.path for file in log.files]
        columns = log.columns
        reader = self._session.read
        try:
            if kind == "csv":
                frame = reader.csv(paths, header=True, inferSchema=False, quote='"', escape='"', encoding="UTF-8")
            elif kind == "parquet":
                frame = reader.option("mergeSchema", "true").parquet(*paths)
            else:
                names = [columns.actor, columns.time, columns.event, *([columns.persona] if log.has_persona else [])]
                schema = t.StructType([t.StructField(name, t.StringType()) for name in names])
                frame = reader.schema(schema).json(paths)
            time_type = frame.schema[_field(frame, columns.time)].dataType
        except (PySparkException, KeyError) as error:
            raise LogError(f"cannot read the event log ({kind}): {first_line(error)}") from None
        time = f.col(_quote(columns.time))
        if isinstance(time_type, (t.TimestampType, t.TimestampNTZType, t.DateType)):
            time_column = f.unix_micros(time.cast("timestamp")).alias(TIME_AS_MICROS)
        elif isinstance(time_type, (t.StringType, t.IntegralType, t.FractionalType)):
            time_column = time.alias("time")
        else:
            raise LogError(
                f"the time column '{columns.time}' has the type {time_type.simpleString()}: expected text, "
                "numbers or timestamps"
            )
        selected = [
            f.col(_quote(columns.actor)).alias("actor"),
            time_column,
            f.col(_quote(columns.event)).alias("event"),
        ]
        if log.has_persona:
            selected.append(f.col(_quote(columns.persona)).alias("persona"))
        name = f"journeykit_events_{uuid.uuid4().hex}"
        frame.select(*selected).createOrReplaceTempView(name)
        self._views.append(name)
        return self.backend.table(name)

    def upload(self, name: str, data: pa.Table) -> ir.Table:
        self._session.createDataFrame(data.to_pandas()).createOrReplaceTempView(name)
        return self.backend.table(name)

    def drop(self, name: str) -> None:
        self._session.catalog.dropTempView(name)

    def close(self) -> None:
        for name in self._views:
            self._session.catalog.dropTempView(name)
        if self._owned:
            self._session.stop()


def _field(frame: Any, name: str) -> str:
    """The frame's own spelling of a column (Spark matches names case-insensitively)."""
    return str(next(n for n in frame.columns if n.lower() == name.lower()))


def _quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"
