"""`journeykit init`: a starter workspace, a map and a catalog with configuration, pre-commit and CI.

The `retail`, `saas` and `bank` templates are the maps of examples/ (shipped in the wheel, read
through journeykit.resources); `blank` is a small map whose comments teach the format. The map's
`updated:` becomes today and every evidence date moves by the same number of days, so a new
workspace is freshly reviewed and its sample research as recent as in the example: it lints clean
on the day it is written. Nothing is overwritten: when any file exists, nothing is written (exit 2,
naming the files) unless `--force`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from journeykit import __version__
from journeykit.errors import UsageError
from journeykit.output import atomic_bytes
from journeykit.resources import data_dir

_STARTERS = Path(__file__).resolve().parent.parent / "starters"
SCHEMA_FILE = "journeymap.schema.json"
MAPS_DIR = "maps"


@dataclass(frozen=True)
class Template:
    name: str
    summary: str
    map: str
    """`examples/...` for a shipped example, or the name of a starter file."""
    catalog: str


TEMPLATES = {
    t.name: t
    for t in (
        Template(
            "retail",
            "a retail app's first year: app, web shop and stores (the retail example)",
            "examples/consumer/retail/retail-app-first-year.journey.yaml",
            "examples/consumer/consumer.catalog.yaml",
        ),
        Template(
            "saas",
            "a B2B SaaS free trial, from first click to reference customer (the SaaS example)",
            "examples/b2b-saas/saas-trial.journey.yaml",
            "empty.catalog.yaml",
        ),
        Template(
            "bank",
            "a mortgage, from first thought to the first years of repayments (the banking example)",
            "examples/consumer/banking/mortgage-journey.journey.yaml",
            "examples/consumer/consumer.catalog.yaml",
        ),
        Template("blank", "a small map whose comments explain the format", "blank.journey.yaml", "blank.catalog.yaml"),
    )
}


@dataclass(frozen=True)
class InitOptions:
    directory: Path
    template: str = "blank"
    force: bool = False


def list_templates() -> str:
    width = max(len(name) for name in TEMPLATES)
    return "".join(f"{t.name:<{width}}  {t.summary}\n" for t in TEMPLATES.values())


def init(options: InitOptions, today: datetime.date | None = None) -> list[Path]:
    """Write the workspace; returns the files written. Raises UsageError when a file exists."""
    template = TEMPLATES.get(options.template)
    if template is None:
        raise UsageError(f"unknown template {options.template!r}: choose one of {', '.join(TEMPLATES)}")
    if options.directory.exists() and not options.directory.is_dir():
        raise UsageError(f"{options.directory} exists and is not a directory")
    files = workspace(template, today or datetime.date.today())
    targets = {options.directory / name: text for name, text in files.items()}
    existing = [path for path in targets if path.exists() or path.is_symlink()]
    if existing and not options.force:
        names = ", ".join(str(p) for p in existing)
        raise UsageError(f"not overwriting {names} (use --force to replace, or choose another directory)")
    for path, text in targets.items():
        atomic_bytes(path, text.encode("utf-8"))
    return list(targets)


def workspace(template: Template, today: datetime.date) -> dict[str, str]:
    """Relative path → text of every file the template writes."""
    from journeykit.schema import schema_text

    map_text, map_name = _map(template, today)
    catalog_text, catalog_name = _read(template.catalog)
    catalog_text = _formatted(_modeline(catalog_text), catalog_name)
    return {
        "journeykit.toml": _starter("journeykit.toml"),
        ".pre-commit-config.yaml": _starter("pre-commit-config.yaml").replace("{version}", __version__),
        ".github/workflows/journeys.yml": _starter("journeys.yml").replace("{version}", __version__),
        SCHEMA_FILE: schema_text(),
        f"{MAPS_DIR}/{catalog_name.replace('empty.', 'shared.').replace('blank.', 'starter.')}": catalog_text,
        f"{MAPS_DIR}/{map_name.replace('blank.', 'first-journey.')}": map_text,
    }


def _read(source: str) -> tuple[str, str]:
    if source.startswith("examples/"):
        path = data_dir("examples") / source.removeprefix("examples/")
    else:
        path = _STARTERS / source
    return path.read_text(encoding="utf-8"), path.name


def _starter(name: str) -> str:
    return (_STARTERS / name).read_text(encoding="utf-8")


_UPDATED = re.compile(r"^updated: (\d{4}-\d{2}-\d{2})\b", re.MULTILINE)
_EVIDENCE_DATE = re.compile(r"^(\s+date: )(\d{4}-\d{2}-\d{2})\b", re.MULTILINE)
_MODELINE = re.compile(r"\A# yaml-language-server: \$schema=\S*")


def _map(template: Template, today: datetime.date) -> tuple[str, str]:
    """The template's map, reviewed today, its evidence dates moved by as much, in canonical layout."""
    text, name = _read(template.map)
    found = _UPDATED.search(text)
    shift = today - datetime.date.fromisoformat(found.group(1)) if found else datetime.timedelta()
    text = _UPDATED.sub(f"updated: {today.isoformat()}", text, count=1)
    text = _EVIDENCE_DATE.sub(
        lambda m: m.group(1) + (datetime.date.fromisoformat(m.group(2)) + shift).isoformat(), text
    )
    return _formatted(_modeline(text), name), name


def _formatted(text: str, name: str) -> str:
    """The starter in canonical layout, so that `journeykit format --check` passes on a new workspace."""
    from journeykit.formatting.engine import format_text

    formatted = format_text(text, name).text
    if formatted is None:  # pragma: no cover - every shipped template is tested through the CLI
        raise UsageError(f"the starter {name} does not load: this is a bug in journeykit")
    return formatted


def _modeline(text: str) -> str:
    """Point the editor's schema modeline at the schema written beside the maps' directory."""
    return _MODELINE.sub(f"# yaml-language-server: $schema=../{SCHEMA_FILE}", text, count=1)


NEXT_STEPS = (
    "journeykit lint",
    f"journeykit coverage {MAPS_DIR}",
    f"journeykit render {MAPS_DIR} --output build/journeys",
)
"""The three commands to run next, from the workspace."""
