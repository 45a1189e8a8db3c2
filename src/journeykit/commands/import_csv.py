"""`journeykit import csv`: a map from the spreadsheets that `export --format csv` writes.

The map is written atomically, in the canonical layout, with a header comment that says where it
came from. Personas, channels and teams that a catalog visible from the new map already defines
are referred to, not defined again (that would be JK203). An existing file is replaced only with
`--force`. Exit 0 when the map was written, 1 when a cell could not be used (each is reported at
file:row:column and nothing is written), 2 when the command could not run.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journeykit.config import Settings
from journeykit.errors import UsageError
from journeykit.output import atomic_bytes
from journeykit.reporters.concise import one_line


@dataclass(frozen=True)
class ImportOptions:
    files: Sequence[Path]
    output: Path
    force: bool = False


def import_csv(options: ImportOptions, settings: Settings, today: datetime.date | None = None) -> int:
    from journeykit.importing.csv_map import read_sheets

    if options.output.exists() and not options.force:
        raise UsageError(f"{options.output} exists: use --force to replace it")
    if options.output.is_dir():
        raise UsageError(f"{options.output} is a directory: give the path of the map to write")
    sheets = []
    for path in options.files:
        try:
            sheets.append((str(path), path.read_bytes()))
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
    imported = read_sheets(sheets)
    if imported.data is None:
        for finding in sorted(imported.findings, key=lambda f: f.sort_key()):
            print(one_line(finding), file=sys.stderr)
        print(f"journeykit: {options.output} not written: fix the cells above and import again", file=sys.stderr)
        return 1
    data = _without_catalog_definitions(imported.data, options.output, settings)
    text = _map_text(data, [path.name for path in options.files], today or datetime.date.today(), settings)
    atomic_bytes(options.output, text.encode("utf-8"))
    print(f"journeykit: wrote {options.output}", file=sys.stderr)
    return 0


def _without_catalog_definitions(data: dict[str, Any], output: Path, settings: Settings) -> dict[str, Any]:
    """Drop definitions the catalogs visible from `output` already hold."""
    from journeykit.analysis import analyze
    from journeykit.discover import visible_catalogs

    catalogs = [str(p) for p in visible_catalogs(output.resolve().parent)]
    if not catalogs:
        return data
    defined: dict[str, set[str]] = {"personas": set(), "channels": set(), "teams": set()}
    for source in analyze(catalogs, settings).sources.values():
        if source.kind == "catalog" and isinstance(source.data, dict):
            for key, ids in defined.items():
                ids.update(str(item.get("id")) for item in source.data.get(key) or () if isinstance(item, dict))
    out = dict(data)
    for key, ids in defined.items():
        if key == "personas":  # a catalog persona is listed by id, which keeps the order of the rows
            kept = [item["id"] if item["id"] in ids else item for item in data.get(key, ())]
        else:
            kept = [item for item in data.get(key, ()) if item["id"] not in ids]
        if kept:
            out[key] = kept
        else:
            out.pop(key, None)
    return out


def _map_text(data: dict[str, Any], names: list[str], today: datetime.date, settings: Settings) -> str:
    import yaml

    from journeykit.formatting.engine import format_text

    header = f"# Imported by `journeykit import csv` from {', '.join(names)} on {today.isoformat()}.\n"
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1 << 30)
    formatted = format_text(header + body, "imported map", settings.line_width)
    return formatted.text if formatted.text is not None else header + body
