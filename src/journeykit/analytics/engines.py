"""Choosing and starting the engine a run names: DuckDB (the default extra) or Spark; each imported only
when chosen, and a missing one named with the exact `pip install`."""

from __future__ import annotations

import importlib.util

from journeykit.analytics.engine import Engine, EngineError
from journeykit.analytics.settings import AnalyticsSettings

INSTALL = {
    "duckdb": "pip install 'journeykit[analytics]'",
    "spark": "pip install 'journeykit[spark]'",
}
_MODULES = {
    "duckdb": ("ibis", "duckdb", "pyarrow", "pandas"),
    "spark": ("ibis", "duckdb", "pyarrow", "pandas", "pyspark"),
}


def check_installed(engine: str) -> None:
    """Raise EngineError with the exact `pip install` when a module the engine needs is missing."""
    missing = [name for name in _MODULES[engine] if importlib.util.find_spec(name) is None]
    if missing:
        label = "DuckDB" if engine == "duckdb" else "Spark"
        raise EngineError(
            f"the {label} engine of journeykit analytics is not installed (missing: {', '.join(missing)}): "
            f"{INSTALL[engine]}"
        )


def open_engine(settings: AnalyticsSettings) -> Engine:
    """The engine the settings name, started."""
    check_installed(settings.engine)
    if settings.engine == "spark":
        from journeykit.analytics.engine_spark import SparkEngine

        return SparkEngine(settings)
    from journeykit.analytics.engine_duckdb import DuckDBEngine

    return DuckDBEngine(settings)
