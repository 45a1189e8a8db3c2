"""Find the first row of a log file whose timestamp the grammar refuses, to name it in the error message.

Only run when an engine has counted bad timestamps: it reads the file in order, in Python, with the same
grammar (journeykit.analytics.timestamps), and stops at the first bad row.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass

from journeykit.analytics.inputs import EventFile, open_text
from journeykit.analytics.timestamps import MAX_EPOCH_SECONDS, parse_instant


@dataclass(frozen=True)
class BadRow:
    row: int
    """1-based, counting data rows (a CSV header is not a row)."""
    line: int | None
    """The line of the file where the row ends, for text formats."""
    value: object


def first_bad_timestamp(event_file: EventFile, column: str) -> BadRow | None:
    """The first row whose `column` is missing or not a timestamp of the grammar, if the file is local."""
    if not event_file.local:
        return None
    for row, line, value in _values(event_file, column):
        if not _valid(value):
            return BadRow(row, line, value)
    return None


def _valid(value: object) -> bool:
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= MAX_EPOCH_SECONDS
    if isinstance(value, float):
        return not math.isnan(value) and 0 <= value <= MAX_EPOCH_SECONDS
    if isinstance(value, str):
        return parse_instant(value) is not None
    return True  # a Parquet timestamp or date


def _values(event_file: EventFile, column: str) -> Iterator[tuple[int, int | None, object]]:
    if event_file.format == "csv":
        with open_text(event_file.path) as text:
            reader = csv.reader(text)
            header = [name.strip().lower() for name in next(reader, [])]
            index = header.index(column.lower())
            for number, fields in enumerate(reader, start=1):
                yield number, reader.line_num, (fields[index] or None) if index < len(fields) else None
    elif event_file.format == "ndjson":
        with open_text(event_file.path) as text:
            number = 0
            for line_number, line in enumerate(text, start=1):
                if not line.strip():
                    continue
                number += 1
                row = json.loads(line)
                match = next((v for k, v in row.items() if k.lower() == column.lower()), None)
                yield number, line_number, _json_text(match)
    else:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(event_file.path)
        name = next(n for n in parquet.schema_arrow.names if n.lower() == column.lower())
        number = 0
        for batch in parquet.iter_batches(columns=[name], batch_size=65536):
            for value in batch.column(0).to_pylist():
                number += 1
                yield number, None, value


def _json_text(value: object) -> object:
    """JSON numbers reach the engines as text: 12 and 12.5 stay numbers here, as epoch seconds."""
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value
