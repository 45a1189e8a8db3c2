"""The plan as CSV, one row per send, for campaign tools and spreadsheets.

Map text is data: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
would be run as a formula by a spreadsheet, so it gets a leading `'` (OWASP's advice).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any, TextIO

from journeykit.plan.formats.records import SEND_FIELDS, SendRecords, sorted_sends
from journeykit.plan.result import JourneyPlan

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write(plans: Sequence[JourneyPlan], out: TextIO) -> None:
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(SEND_FIELDS)
    for plan in plans:
        records = SendRecords(plan)
        for send in sorted_sends(plan):
            record = records.record(send)
            rows.writerow([cell(record[name]) for name in SEND_FIELDS])


def cell(value: Any) -> str:
    """A value as a safe CSV cell: empty for None, `true`/`false`, text defused against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
