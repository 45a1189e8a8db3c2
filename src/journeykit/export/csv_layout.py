"""The spreadsheet layout shared by `export --format csv` and `import csv`: columns and cell syntax.

Two files per map: `<map>.experiences.csv`, one row per persona x stage cell (empty cells too, so a
team can fill the grid in), and `<map>.touchpoints.csv`, one row per touchpoint. docs/export.md
documents every column.

In a cell, a list has one item per line (Alt+Enter in a spreadsheet); inside an item a backslash is
written `\\\\` and a line break `\\n`, so an item stays on its line. Pain points are written
`id (severity): text` and opportunities `id (owner) -> pain-a, pain-b: text`, the parts in
brackets and after `->` being optional. A text cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return), or that starts with an apostrophe, gets a
leading apostrophe, which spreadsheets hide and the import removes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

EXPERIENCE_COLUMNS = (
    "map_id",
    "map_title",
    "persona",
    "persona_name",
    "stage",
    "stage_name",
    "applicable",
    "reason",
    "touchpoints",
    "tasks",
    "questions",
    "emotion",
    "thoughts",
    "influences",
    "pain_points",
    "opportunities",
    "evidence",
)
TOUCHPOINT_COLUMNS = (
    "map_id",
    "id",
    "name",
    "description",
    "stage",
    "channel",
    "channel_name",
    "channel_mode",
    "owner",
    "owner_name",
    "personas",
    "next",
    "loops_to",
    "events",
    "frontstage",
    "backstage",
    "support",
)
EXPERIENCES_SUFFIX = ".experiences.csv"
TOUCHPOINTS_SUFFIX = ".touchpoints.csv"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PAIN_POINT = re.compile(rf"^(?P<id>{_ID})(?: \((?P<severity>[a-z]+)\))?: (?P<text>.+)$", re.DOTALL)
OPPORTUNITY = re.compile(
    rf"^(?P<id>{_ID})(?: \((?P<owner>{_ID})\))?(?: -> (?P<addresses>{_ID}(?:, {_ID})*))?: (?P<text>.+)$", re.DOTALL
)


def guard(cell: str) -> str:
    """A text cell that no spreadsheet runs as a formula."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) else cell


def unguard(cell: str) -> str:
    """The text that `guard` protected."""
    return cell[1:] if cell.startswith("'") else cell


def escape_item(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n")


def unescape_item(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r"}.get(m.group(1), m.group(1)), text)


def list_cell(items: Iterable[str]) -> str:
    return "\n".join(escape_item(item) for item in items)


def list_items(cell: str) -> list[str]:
    """Items of a list cell; blank lines are ignored."""
    return [unescape_item(line) for line in cell.replace("\r\n", "\n").split("\n") if line.strip()]


def pain_point_item(identifier: str, severity: str | None, text: str) -> str:
    return f"{identifier}{f' ({severity})' if severity else ''}: {text}"


def opportunity_item(identifier: str, owner: str | None, addresses: Iterable[str], text: str) -> str:
    targets = ", ".join(addresses)
    return f"{identifier}{f' ({owner})' if owner else ''}{f' -> {targets}' if targets else ''}: {text}"
