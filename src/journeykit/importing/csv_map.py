"""Spreadsheets in the layout `export --format csv` writes → the data of one map, or located JK08x findings.

Every cell that cannot be used is reported at `file:ROW:COLUMN` (row 1 is the header, column 1 is
A) and the import goes on with the other cells, so one run lists every problem.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from journeykit.codes import csv_import as rules
from journeykit.codes.base import Rule
from journeykit.export import csv_layout as layout
from journeykit.findings import Finding
from journeykit.source import Location

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SEVERITIES = ("low", "medium", "high", "critical")
_MODES = ("digital", "physical", "hybrid")
_REQUIRED = {"experiences": ("map_id", "persona", "stage"), "touchpoints": ("map_id", "id", "name", "stage")}
_COLUMNS = {"experiences": layout.EXPERIENCE_COLUMNS, "touchpoints": layout.TOUCHPOINT_COLUMNS}


@dataclass
class _Row:
    file: str
    number: int
    cells: dict[str, str]
    columns: dict[str, int]

    def at(self, column: str) -> Location:
        return Location(self.file, self.number, self.columns.get(column, 0) + 1)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class Imported:
    """The map's data (None when a cell could not be used) and the findings."""

    data: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)


def read_sheets(sheets: Sequence[tuple[str, bytes]]) -> Imported:
    """Build one map from experiences and touchpoints sheets, given as (display name, bytes)."""
    builder = _Builder()
    for display, raw in sheets:
        builder.sheet(display, raw)
    return builder.result()


def suggest_id(text: str) -> str:
    """A kebab-case id made from text: `Deal Hunter` → `deal-hunter`."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())) or "item"


class _Builder:
    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.map_id: tuple[str, _Row] | None = None
        self.title: str | None = None
        self.names: dict[str, dict[str, tuple[str, _Row]]] = {"persona": {}, "stage": {}, "channel": {}, "team": {}}
        self.modes: dict[str, str] = {}
        self.experiences: dict[tuple[str, str], dict[str, Any]] = {}
        self.touchpoints: dict[str, dict[str, Any]] = {}

    # -- reading

    def sheet(self, display: str, raw: bytes) -> None:
        body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
        try:
            rows = list(csv.reader(body.decode("utf-8").splitlines(keepends=True)))
        except (UnicodeDecodeError, csv.Error) as error:
            reason = "it is not UTF-8" if isinstance(error, UnicodeDecodeError) else f"it is not CSV ({error})"
            self._error(rules.CSV_UNREADABLE, Location(display), f"cannot read {display}: {reason}")
            return
        if len(rows) < 2:
            self._error(rules.CSV_UNREADABLE, Location(display), f"{display} has a header but no rows")
            return
        header = [name.strip().lower() for name in rows[0]]
        kind = "experiences" if "persona" in header else "touchpoints"
        columns = {name: index for index, name in enumerate(header) if name}
        missing = [name for name in _REQUIRED[kind] if name not in columns]
        unknown = [name for name in header if name and name not in _COLUMNS[kind]]
        for name in unknown:
            self._error(
                rules.CSV_HEADER,
                Location(display, 1, header.index(name) + 1),
                f"unknown column '{name}' in a {kind} sheet",
                hint=f"the columns are: {', '.join(_COLUMNS[kind])}",
            )
        if missing:
            self._error(
                rules.CSV_HEADER,
                Location(display, 1, 1),
                f"the {kind} sheet lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
            )
        if missing or unknown:
            return
        for number, cells in enumerate(rows[1:], start=2):
            if not any(cell.strip() for cell in cells):
                continue
            row = _Row(display, number, {n: (cells[i] if i < len(cells) else "") for n, i in columns.items()}, columns)
            self._map_id(row)
            if kind == "experiences":
                self._experience(row)
            else:
                self._touchpoint(row)

    def _map_id(self, row: _Row) -> None:
        value = self._id(row, "map_id")
        if value is None:
            return
        if self.map_id is None:
            self.map_id = (value, row)
        elif self.map_id[0] != value:
            first = self.map_id[1]
            self._error(
                rules.CSV_CONFLICT,
                row.at("map_id"),
                f"map id '{value}' differs from '{self.map_id[0]}' ({first.file} row {first.number})",
                hint="one import builds one map: import each map's sheets separately",
            )
        title = layout.unguard(row.get("map_title")).strip()
        if title and self.title is None:
            self.title = title

    def _experience(self, row: _Row) -> None:
        persona = self._defined(row, "persona", "persona_name")
        stage = self._defined(row, "stage", "stage_name")
        if persona is None or stage is None:
            persona, stage = persona or "", stage or ""  # check the other cells all the same
        content = {c: row.get(c) for c in layout.EXPERIENCE_COLUMNS[6:]}
        if not any(value.strip() for value in content.values()):
            return
        if (persona, stage) in self.experiences:
            self._error(rules.CSV_CONFLICT, row.at("persona"), f"a second row for {persona} in {stage}")
            return
        cell: dict[str, Any] = {"persona": persona, "stage": stage}
        applicable = row.get("applicable").strip().lower()
        if applicable not in ("", "true", "false"):
            self._error(rules.CSV_BAD_VALUE, row.at("applicable"), f"applicable is true or false, not {applicable!r}")
        if applicable == "false":
            cell["applicable"] = False
            reason = layout.unguard(row.get("reason")).strip()
            if not reason:
                self._error(rules.CSV_BAD_VALUE, row.at("reason"), "a cell marked applicable false needs a reason")
            cell["reason"] = reason
            self.experiences[(persona, stage)] = cell
            return
        self._ids(row, "touchpoints", cell)
        self._texts(row, "tasks", cell)
        self._texts(row, "questions", cell)
        emotion = row.get("emotion").strip()
        if emotion:
            if re.fullmatch(r"[+-]?[0-2]", emotion):
                cell["emotion"] = int(emotion)
            else:
                self._error(
                    rules.CSV_BAD_VALUE, row.at("emotion"), f"emotion is a whole number from -2 to 2, not {emotion!r}"
                )
        thoughts = layout.unguard(row.get("thoughts"))
        if thoughts.strip():
            cell["thoughts"] = thoughts
        self._texts(row, "influences", cell)
        self._items(row, "pain_points", cell, self._pain_point)
        self._items(row, "opportunities", cell, self._opportunity)
        self._ids(row, "evidence", cell)
        self.experiences[(persona, stage)] = cell

    def _touchpoint(self, row: _Row) -> None:
        identifier = self._id(row, "id")
        name = layout.unguard(row.get("name")).strip()
        if not name:
            self._error(rules.CSV_BAD_VALUE, row.at("name"), "a touchpoint needs a name")
        stage = self._id(row, "stage")
        if identifier is None or stage is None:
            return
        if identifier in self.touchpoints:
            self._error(rules.CSV_CONFLICT, row.at("id"), f"touchpoint '{identifier}' appears twice")
            return
        self._name("stage", stage, "", row, "stage")
        point: dict[str, Any] = {"id": identifier, "name": name}
        description = layout.unguard(row.get("description")).strip()
        if description:
            point["description"] = description
        point["stage"] = stage
        channel = self._optional_id(row, "channel")
        if channel:
            point["channel"] = channel
            self._name("channel", channel, layout.unguard(row.get("channel_name")).strip(), row, "channel_name")
            mode = row.get("channel_mode").strip().lower()
            if mode and mode not in _MODES:
                self._error(
                    rules.CSV_BAD_VALUE,
                    row.at("channel_mode"),
                    f"a channel mode is one of {', '.join(_MODES)}, not {mode!r}",
                )
            elif mode:
                self.modes.setdefault(channel, mode)
        owner = self._optional_id(row, "owner")
        if owner:
            point["owner"] = owner
            self._name("team", owner, layout.unguard(row.get("owner_name")).strip(), row, "owner_name")
        if row.get("personas").strip() not in ("", "*"):  # empty or * means every persona of the map
            self._ids(row, "personas", point)
        for column in ("next", "loops_to", "events"):
            (self._ids if column != "events" else self._texts)(row, column, point)
        for column in ("frontstage", "backstage", "support"):
            self._texts(row, column, point)
        self.touchpoints[identifier] = point

    # -- cells

    def _id(self, row: _Row, column: str) -> str | None:
        value = row.get(column).strip()
        if not _ID.match(value):
            found = f"'{value}'" if value else "an empty cell"
            self._error(
                rules.CSV_BAD_ID,
                row.at(column),
                f"{column}: {found} is not a valid id",
                hint=f"use lower-case kebab-case such as '{suggest_id(value)}'",
            )
            return None
        return value

    def _optional_id(self, row: _Row, column: str) -> str | None:
        return self._id(row, column) if row.get(column).strip() else None

    def _defined(self, row: _Row, column: str, name_column: str) -> str | None:
        value = self._id(row, column)
        if value is not None:
            self._name(column, value, layout.unguard(row.get(name_column)).strip(), row, name_column)
        return value

    def _name(self, kind: str, identifier: str, name: str, row: _Row, column: str) -> None:
        known = self.names[kind].get(identifier)
        if known is None or (not known[0] and name):
            self.names[kind][identifier] = (name, row)
        elif name and known[0] != name:
            self._error(
                rules.CSV_CONFLICT,
                row.at(column),
                f"{kind} '{identifier}' is named {name!r} here and {known[0]!r} in "
                f"{known[1].file} row {known[1].number}",
            )

    def _ids(self, row: _Row, column: str, into: dict[str, Any]) -> None:
        items = layout.list_items(row.get(column))
        good = []
        for item in items:
            item = item.strip()
            if _ID.match(item):
                good.append(item)
            else:
                self._error(
                    rules.CSV_BAD_ID,
                    row.at(column),
                    f"{column}: '{item}' is not a valid id",
                    hint=f"one id per line, such as '{suggest_id(item)}'",
                )
        if good:
            into[column] = good

    def _texts(self, row: _Row, column: str, into: dict[str, Any]) -> None:
        items = layout.list_items(layout.unguard(row.get(column)))
        if items:
            into[column] = items

    def _items(self, row: _Row, column: str, into: dict[str, Any], parse: Callable[[_Row, str, str], Any]) -> None:
        parsed = [parse(row, column, item) for item in layout.list_items(layout.unguard(row.get(column)))]
        if parsed and all(p is not None for p in parsed):
            into[column] = parsed

    def _pain_point(self, row: _Row, column: str, item: str) -> dict[str, Any] | None:
        match = layout.PAIN_POINT.match(item)
        if match is None:
            self._error(
                rules.CSV_BAD_ITEM,
                row.at(column),
                f"pain point {item!r} is not `id (severity): text`",
                hint=f"such as '{suggest_id(item)[:40]} (high): {item}'",
            )
            return None
        point: dict[str, Any] = {"id": match["id"], "text": match["text"]}
        if match["severity"]:
            if match["severity"] not in _SEVERITIES:
                self._error(
                    rules.CSV_BAD_VALUE,
                    row.at(column),
                    f"severity is one of {', '.join(_SEVERITIES)}, not {match['severity']!r}",
                )
            point["severity"] = match["severity"]
        return point

    def _opportunity(self, row: _Row, column: str, item: str) -> dict[str, Any] | None:
        match = layout.OPPORTUNITY.match(item)
        if match is None:
            self._error(
                rules.CSV_BAD_ITEM,
                row.at(column),
                f"opportunity {item!r} is not `id (owner) -> pain-points: text`",
                hint=f"such as '{suggest_id(item)[:40]}: {item}'",
            )
            return None
        opportunity: dict[str, Any] = {"id": match["id"], "text": match["text"]}
        if match["addresses"]:
            opportunity["addresses"] = match["addresses"].split(", ")
        if match["owner"]:
            opportunity["owner"] = match["owner"]
        return opportunity

    def _error(self, rule: Rule, location: Location, message: str, hint: str | None = None) -> None:
        self.findings.append(rule.finding(location, message, hint=hint))

    # -- the map

    def result(self) -> Imported:
        if self.findings:
            return Imported(None, self.findings)
        if self.map_id is None:
            return Imported(None, [rules.CSV_UNREADABLE.finding(Location("-"), "the sheets hold no rows")])
        data: dict[str, Any] = {"journeykit": 1, "kind": "journey", "id": self.map_id[0]}
        data["title"] = self.title or self.map_id[0]
        for kind, key in (("persona", "personas"), ("stage", "stages"), ("channel", "channels"), ("team", "teams")):
            definitions = []
            for identifier, (name, _) in self.names[kind].items():
                item: dict[str, Any] = {"id": identifier, "name": name or identifier.replace("-", " ").capitalize()}
                if kind == "channel":
                    item["mode"] = self.modes.get(identifier, "digital")
                definitions.append(item)
            if definitions:
                data[key] = definitions
        if self.touchpoints:
            data["touchpoints"] = list(self.touchpoints.values())
        if self.experiences:
            data["experiences"] = list(self.experiences.values())
        cited = dict.fromkeys(e for cell in self.experiences.values() for e in cell.get("evidence", ()))
        if cited:  # the sheets carry evidence ids only: each cited item is defined, to be described later
            data["evidence"] = [{"id": identifier, "type": "other"} for identifier in cited]
        return Imported(data)
