"""Each code's failing and passing example, one literal text each, read from `codes/examples/<family>.yaml`.

The same examples are what tests run (with the positions the failing one must report, kept
beside it), what docs/rules.md and `journeykit rules CODE` show, and what SARIF's rule help
carries. The expectations are test data: users never see them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from journeykit.codes.base import Family, Rule

EXAMPLE_MAP = "example.journey.yaml"
"""The file name of an example that is a single map."""


@dataclass(frozen=True, slots=True)
class Expected:
    """Where the failing example must report its code."""

    file: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Example:
    """One example: files (most often a single map), or a note when no file can show it (a permission)."""

    files: Mapping[str, str]
    note: str | None = None
    expect: tuple[Expected, ...] = ()

    @property
    def language(self) -> str:
        """What the example is written in: `yaml` (maps, catalogs) or `csv` (spreadsheets for `import csv`)."""
        return "csv" if any(name.endswith(".csv") for name in self.files) else "yaml"

    @property
    def text(self) -> str:
        """The example as one text: the map, or each file under a `# file:` line, or the note."""
        if not self.files:
            return f"({self.note})" if self.note else ""
        if len(self.files) == 1:
            return next(iter(self.files.values())).rstrip("\n")
        return "\n\n".join(f"# file: {name}\n{text.rstrip()}" for name, text in self.files.items())


@dataclass(frozen=True, slots=True)
class RuleExamples:
    fails: Example
    passes: Example


def examples_of(rule: Rule) -> RuleExamples:
    """The code's examples; KeyError when its family's file has none (a test checks that every code has)."""
    return _family_examples(rule.family)[rule.code]


def family_file(family: Family) -> Path:
    return Path(__file__).resolve().parent / "examples" / f"{family.name.lower()}.yaml"


@functools.cache
def _family_examples(family: Family) -> dict[str, RuleExamples]:
    # Package data written by us, not user input: plain safe loading is right here.
    document: dict[str, Any] = yaml.load(family_file(family).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {code: RuleExamples(_example(entry["fails"]), _example(entry["passes"])) for code, entry in document.items()}


def _example(entry: Mapping[str, Any]) -> Example:
    files = dict(entry["files"]) if "files" in entry else ({EXAMPLE_MAP: entry["map"]} if "map" in entry else {})
    default_file = next(iter(files), EXAMPLE_MAP)
    expect = tuple(
        Expected(str(e.get("file", default_file)), int(e["line"]), int(e["column"])) for e in entry.get("expect", ())
    )
    return Example(files, entry.get("note"), expect)
