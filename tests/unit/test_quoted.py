"""QuotedLines and line excerpts: what reporters keep of a file, and how a long line is shown."""

from __future__ import annotations

import pickle
import random

from journeykit.findings import Finding, Severity
from journeykit.quoted import EXCERPT, QuotedLines, excerpt
from journeykit.source import Location, SourceFile


def finding(file: str, line: int) -> Finding:
    return Finding("JK101", Severity.ERROR, "m", Location(file, line, 1))


def test_quoted_lines_keep_only_the_lines_findings_point_at() -> None:
    source = SourceFile("a.yaml", None, "one\ntwo\nthree\n")
    quoted = QuotedLines.of([finding("a.yaml", 2), finding("b.yaml", 1)], {"a.yaml": source})
    assert (quoted.line("a.yaml", 2), quoted.line("a.yaml", 1), quoted.line("b.yaml", 1)) == ("two", "", "")
    assert len(quoted) == 1
    other = QuotedLines({"a.yaml": {3: "three"}})
    quoted.update(other)
    assert quoted.line("a.yaml", 3) == "three"
    assert len(quoted.only([finding("a.yaml", 3)])) == 1
    assert pickle.loads(pickle.dumps(quoted)).line("a.yaml", 2) == "two"


def test_a_short_line_is_shown_whole() -> None:
    assert excerpt("id: x", 5, 1) == ("id: x", 5, 1)


def test_a_long_line_is_cut_around_the_place_and_the_caret_follows() -> None:
    line = "".join(random.Random(3).choice("abcdef ") for _ in range(100_000))
    for column, width in ((1, 3), (50_000, 10), (99_999, 2), (99_990, 5000)):
        shown, at, marked = excerpt(line, column, width)
        assert len(shown) <= EXCERPT + 2
        assert shown[at - 1 : at - 1 + marked] == line[column - 1 : column - 1 + marked]
        assert shown.startswith("…") == (column > EXCERPT // 4 + 1)
