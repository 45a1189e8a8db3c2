"""Where the schema and templates are: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`schemas` or `templates`: packaged in the wheel, or beside `src/` in an editable checkout."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"journeykit's {name} directory is missing from the installation")


def schema_path() -> Path:
    return data_dir("schemas") / "journeymap.schema.json"
