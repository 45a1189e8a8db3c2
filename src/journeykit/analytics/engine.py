"""Engines: what reads the log and runs the computation. DuckDB by default, Spark on request.

Each engine is an Ibis backend plus a reader that turns the log's files into one table with the
columns `actor`, `event`, `persona` (when the log has one) and the time (`time` as text or numbers, or
`time_us` for native timestamps). The computation (journeykit.analytics.compute) is the same for both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from journeykit.analytics.inputs import EventLog, LogError
from journeykit.errors import ToolMissingError

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa
    from ibis.backends import BaseBackend


class Engine(Protocol):
    name: str
    backend: BaseBackend
    errors: tuple[type[BaseException], ...]
    """What the engine raises when it cannot read or compute (a malformed file, a lost session)."""

    def read(self, log: EventLog) -> ir.Table:
        """The log's rows: actor, time or time_us, event and, when the log has one, persona."""

    def upload(self, name: str, data: pa.Table) -> ir.Table:
        """A small table from Python, registered under `name` until drop()."""

    def drop(self, name: str) -> None:
        """Forget a table made by upload()."""

    def close(self) -> None:
        """Free what the engine holds (temporary files, a session it started)."""


class EngineError(ToolMissingError):
    """The engine cannot run: not installed, no Java, a session that would not start."""


def one_format(log: EventLog) -> str:
    """The log's format: one per run, so that every engine reads the time column with one type."""
    formats = log.formats
    if len(formats) > 1:
        raise LogError(f"the event log mixes formats ({' and '.join(formats)}): give files of one format per run")
    return formats[0]
