"""JK08x: cells of a spreadsheet that `journeykit import csv` cannot turn into a map.

They belong to the file family (JK0xx): like a YAML syntax error, they mean an input file cannot be
read into a map, so they are always errors and cannot be ignored. JK080-JK089 were free, and sit
beside the other file codes. Positions are `file:ROW:COLUMN` of the spreadsheet (row 1 is the
header, column 1 is A), as a spreadsheet shows them.
"""

from __future__ import annotations

from journeykit.codes.base import Family, structural_rule

CSV_UNREADABLE = structural_rule(
    Family.FILE,
    "JK080",
    "csv-unreadable",
    "The spreadsheet is not UTF-8 CSV, or holds no rows.",
    "`journeykit import csv` reads the comma-separated files that `journeykit export --format csv` "
    "writes, in UTF-8 (a byte-order mark, as Excel writes it, is accepted). Save the sheet as CSV UTF-8.",
)
CSV_HEADER = structural_rule(
    Family.FILE,
    "JK081",
    "csv-header",
    "The header row lacks a column the layout needs, or names one it does not have.",
    "The first row names the columns. The experiences file needs map_id, persona and stage, the "
    "touchpoints file map_id, id, name and stage; other columns are optional, and unknown ones are "
    "refused so that a renamed column cannot silently lose its data. docs/export.md lists every column.",
)
CSV_BAD_ID = structural_rule(
    Family.FILE,
    "JK082",
    "csv-invalid-id",
    "A cell that must hold an id does not.",
    "Ids are lower-case kebab-case (`deal-hunter`), in the id columns and in lists of ids (touchpoints, "
    "evidence, next, ...), one per line. The message suggests a valid id.",
)
CSV_BAD_VALUE = structural_rule(
    Family.FILE,
    "JK083",
    "csv-invalid-value",
    "A cell holds a value its column does not allow.",
    "`emotion` is a whole number from -2 to 2, `applicable` is true or false (empty means true), a "
    "channel mode is digital, physical or hybrid, a pain point severity low, medium, high or critical, "
    "and a touchpoint's `personas` is a list of ids or `*` for every persona.",
)
CSV_BAD_ITEM = structural_rule(
    Family.FILE,
    "JK084",
    "csv-invalid-item",
    "A line of a pain point or opportunity cell does not follow the item syntax.",
    "One item per line: a pain point is `id (severity): text`, an opportunity `id (owner) -> pain-a, "
    "pain-b: text`; the parts in brackets and after `->` are optional.",
)
CSV_CONFLICT = structural_rule(
    Family.FILE,
    "JK085",
    "csv-conflict",
    "Rows disagree: two map ids, two names for one id, or the same cell or touchpoint twice.",
    "Every row repeats the map id, and each persona, stage, channel and team row repeats its name, so "
    "that the sheet can be sorted and filtered freely; the values must agree. A persona x stage cell and "
    "a touchpoint id may appear once.",
)
