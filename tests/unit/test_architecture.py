"""The import graph of journeykit is acyclic and flows downwards through the layers of docs/architecture.md.

Every import counts: at module level, inside functions (lazy imports), and under TYPE_CHECKING.
A new module must be given a layer here, which is the moment to decide where it belongs.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "journeykit"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundation",
        (
            "journeykit",
            "journeykit.errors",
            "journeykit.sanitize",
            "journeykit.resources",
            "journeykit.source",
            "journeykit.findings",
            "journeykit.output",
            "journeykit.files",
            "journeykit.console",
            "journeykit.quoted",
            "journeykit.memory",
            "journeykit.cache",
        ),
    ),
    ("codes", ("journeykit.codes",)),
    (
        "model",
        (
            "journeykit.loader",
            "journeykit.schema",
            "journeykit.discover",
            "journeykit.model",
            "journeykit.build",
            "journeykit.coverage",
            "journeykit.timezones",
            "journeykit.cron",
            "journeykit.durations",
            "journeykit.present",
            "journeykit.result",
            "journeykit.diff.kinds",
            # What an event log measured, as plain figures: computed by analytics, read by the rules and reports.
            "journeykit.figures",
        ),
    ),
    # The plan is the model laid over a calendar (model in, plan out, like the coverage matrix):
    # below the rules, which read it, and the reports, which draw it.
    ("plan", ("journeykit.plan",)),
    ("rules", ("journeykit.rules",)),
    (
        "configuration",
        (
            "journeykit.config",
            "journeykit.lint.table",
            "journeykit.diff.settings",
            "journeykit.analytics.config",
            "journeykit.analytics.settings",
            "journeykit.analytics.timestamps",
        ),
    ),
    (
        "pipeline",
        ("journeykit.analysis", "journeykit.lint", "journeykit.workers", "journeykit.scan", "journeykit.checks"),
    ),
    ("interop", ("journeykit.formatting", "journeykit.export", "journeykit.importing")),
    ("diff", ("journeykit.diff",)),
    ("analytics", ("journeykit.analytics",)),
    (
        "presentation",
        (
            "journeykit.reporters",
            "journeykit.render",
            "journeykit.plan.formats",
            "journeykit.diff.reporters",
            "journeykit.analytics.reporters",
        ),
    ),
    ("commands", ("journeykit.commands", "journeykit.serve")),
    ("cli", ("journeykit.cli", "journeykit.__main__")),
)
"""Lowest first; a module may import its own layer and the layers below it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, best_length = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or (prefix != "journeykit" and module.startswith(prefix + "."))
            if matches and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    return best


def imports_of(module: str) -> Iterator[str]:
    """The journeykit modules that `module` imports, anywhere in its text."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [n if n in MODULES else node.module for n in names]
        else:
            continue
        for name in names:
            if name.startswith("journeykit") and name in MODULES and name != module:
                yield name


GRAPH = {module: sorted(set(imports_of(module))) for module in MODULES}


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if layer_of(m) < 0] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module: str) -> None:
    here = layer_of(module)
    upward = [f"{target} ({LAYERS[layer_of(target)][0]})" for target in GRAPH[module] if layer_of(target) > here]
    assert upward == [], f"{module} ({LAYERS[here][0]}) imports upward: {upward}"


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in GRAPH[module]:
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in GRAPH:
        if module not in state:
            visit(module, [module])
    assert cycles == []
