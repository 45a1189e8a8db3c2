"""The text reporter writes each line as rich would print it, in every colour mode, at a fixed cost."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from journeykit.reporters.text import _line_writer

LINES = [
    [("a.yaml:3:5: ", "bold"), ("error[JK101]", "bold red"), (" ", ""), ("a message [x]", "")],
    [("  |", "dim")],
    [("3 | ", "dim"), ("title: no  ", "")],
    [("  | ", "dim"), ("       ", ""), ("^^", "bold yellow")],
    [("    = ", "dim"), ("hint: ", "bold"), ("quote it", "")],
    [],
]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"force_terminal": True, "color_system": "standard"},
        {"force_terminal": True, "color_system": "256"},
        {"force_terminal": True, "color_system": "truecolor"},
        {"force_terminal": True, "color_system": "truecolor", "no_color": True},
    ],
    ids=["file", "standard", "256", "truecolor", "no-color"],
)
def test_lines_are_written_as_rich_prints_them(options: dict[str, object]) -> None:
    def console(out: io.StringIO) -> Console:
        return Console(file=out, highlight=False, emoji=False, markup=False, soft_wrap=True, **options)  # type: ignore[arg-type]

    by_rich, by_writer = io.StringIO(), io.StringIO()
    printer = console(by_rich)
    write = _line_writer(console(by_writer))
    for pieces in LINES:
        printer.print(Text.assemble(*pieces))
        write(pieces)
    assert by_writer.getvalue() == by_rich.getvalue()
