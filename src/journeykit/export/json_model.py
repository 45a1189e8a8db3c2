"""`export --format json`: the resolved model of each map, for other tools.

Catalog definitions a map uses are merged in (`from_catalog: true`), every reference is an id of
an object in the same document, and every object says where it was written (`file`, `line`).

Versions of this document (`version`), each change logged here and in docs/export.md:
  1: first version.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from typing import Any

from journeykit.model import Journey, Origin

VERSION = 1
_SKIPPED = frozenset({"origin", "catalogs", "persona_origins"})


def document(journeys: Sequence[Journey]) -> dict[str, Any]:
    """The export of several maps: `{"version": 1, "maps": [...]}`."""
    return {"version": VERSION, "maps": [journey_data(j) for j in journeys]}


def journey_data(journey: Journey) -> dict[str, Any]:
    data: dict[str, Any] = _plain(journey)
    data["file"] = journey.file
    return data


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, Any] = {}
        for field in dataclasses.fields(value):
            if field.name in _SKIPPED:
                continue
            data[field.name] = _plain(getattr(value, field.name))
        origin = getattr(value, "origin", None)
        if isinstance(origin, Origin):
            data["file"] = origin.file
            data["line"] = origin.at().line
        return data
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
