"""The diff's output formats: golden files, the pull-request comment through a real Markdown parser,
its size limit on hundreds of changes, and escaping of hostile map text in every format.

Regenerate the golden files with JOURNEYKIT_UPDATE_GOLDEN=1 after reviewing a change.
"""

from __future__ import annotations

import datetime
import io
import json
import re

import pytest
from markdown_it import MarkdownIt

from journeykit import __version__
from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.diff.changes import DiffReport, Side
from journeykit.diff.compare import compare
from journeykit.diff.reporters import DIFF_FORMATS
from journeykit.diff.reporters.markdown import LIMIT, MARKER, comment
from journeykit.diff.sides import Snapshot
from journeykit.reporters import ReportContext
from tests.helpers import FIXTURES, assert_golden

TODAY = datetime.date(2026, 11, 22)
BASE = (FIXTURES / "diff" / "base.journey.yaml").read_text(encoding="utf-8")
HEAD = (FIXTURES / "diff" / "head.journey.yaml").read_text(encoding="utf-8")
HOSTILE = (FIXTURES / "hostile" / "hostile.journey.yaml").read_text(encoding="utf-8")
EVIL = "**bold** _it_ [link](https://evil.example) <b>b</b> @octocat `code` | pipe ![i](x) <!-- c --> &amp; #1"


def snapshot(files: dict[str, str], label: str, commit: str | None = None) -> Snapshot:
    settings = Settings()
    checked = with_lint(analyze_files(files, settings), settings, TODAY)
    return Snapshot(Side(label, commit), checked, {name: name for name in checked.analysis.sources})


def diff_of(before: dict[str, str], after: dict[str, str]) -> DiffReport:
    return compare(snapshot(before, "main", "a" * 40), snapshot(after, "feature", "b" * 40), Settings().diff)


def render(report: DiffReport, name: str) -> str:
    out = io.StringIO()
    DIFF_FORMATS.get(name).report(report, out, ReportContext("diff"))
    return re.sub(rf"(?<![\d.]){re.escape(__version__)}(?![\d.])", "VERSION", out.getvalue())


SHOP = diff_of({"maps/shop.journey.yaml": BASE}, {"maps/shop.journey.yaml": HEAD})


@pytest.mark.parametrize("name", DIFF_FORMATS.names)
def test_diff_format_golden(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert_golden(f"diff/shop.{name}", render(SHOP, name))


@pytest.mark.parametrize("name", DIFF_FORMATS.names)
def test_an_empty_diff_is_valid_output(name: str) -> None:
    same = diff_of({"maps/shop.journey.yaml": BASE}, {"maps/shop.journey.yaml": BASE})
    text = render(same, name)
    checks = {
        "text": lambda: "No journey changes" in text,
        "json": lambda: (
            json.loads(text)["changes"] == [] and json.loads(text)["findings"] == {"added": [], "fixed": []}
        ),
        "markdown": lambda: text.startswith(MARKER) and "No journey changes" in text,
        "github": lambda: "::" not in text and "no changes" in text,
    }
    assert checks[name]()


def test_json_shape() -> None:
    document = json.loads(render(SHOP, "json"))
    assert set(document) == {"version", "tool", "base", "head", "changes", "coverage", "findings", "summary"}
    assert document["base"] == {"label": "main", "commit": "a" * 40}
    keys = {"kind", "level", "map", "subject", "persona", "stage", "field", "before", "after", "message"}
    assert all(set(c) == keys | {"file", "line", "column"} for c in document["changes"])
    levels = [c["level"] for c in document["changes"]]
    order = {"error": 0, "warning": 1, "info": 2}
    assert levels == sorted(levels, key=order.__getitem__), "most severe first"
    assert {"file", "line", "code", "fingerprint"} <= set(document["findings"]["added"][0])


# --- the pull-request comment ---------------------------------------------------------------------


def parse(markdown: str) -> list[object]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def test_the_comment_renders_tables_details_and_grids() -> None:
    markdown = render(SHOP, "markdown")
    assert markdown.startswith(MARKER + "\n")
    tokens = parse(markdown)
    kinds = [t.type for t in tokens]  # type: ignore[attr-defined]
    assert kinds.count("table_open") >= 3  # serious changes, the coverage grid, the info changes
    html_blocks = "".join(t.content for t in tokens if t.type == "html_block")  # type: ignore[attr-defined]
    assert html_blocks.count("<details>") == html_blocks.count("</details>") >= 1
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<th>persona</th>" in html and "🟩 covered → 🟨 partial" in html
    assert "<code>event-removed</code>" in html
    first_row = html.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "error" in first_row, "most severe first"
    summary = markdown.split("\n")[4]
    levels = [c.level.label for c in SHOP.changes]
    expected = f"**1 error**, {levels.count('warning')} warnings and {levels.count('info')} infos in 1 map"
    assert levels.count("error") == 1 and summary.startswith(expected), summary


def test_map_text_cannot_inject_markdown_html_or_mentions() -> None:
    head = HOSTILE.replace(
        "touchpoints:\n",
        f"touchpoints:\n  - id: evil-tp\n    name: {json.dumps(EVIL)}\n    stage: entry\n    channel: web\n"
        "    owner: evil-team\n",
        1,
    )
    report = diff_of({"maps/h.journey.yaml": HOSTILE}, {"maps/h.journey.yaml": head})
    markdown = render(report, "markdown")
    assert "@octocat" not in markdown and "@&#8203;octocat" in markdown
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<a " not in html and "<strong>bold" not in html and "<img" not in html and "<b>" not in html
    assert "<script" not in html and "<em>it" not in html and "<!-- c -->" not in html
    for token in parse(markdown):
        if token.type == "inline":  # type: ignore[attr-defined]
            assert all(child.type != "html_inline" for child in token.children)  # type: ignore[attr-defined]


def many_changes(count: int) -> tuple[str, str]:
    """Maps whose diff has about `count` changes at every level."""
    touchpoints = "".join(
        f"  - id: tp-{i}\n    name: Touchpoint number {i} with a long name to fill the table\n    stage: s\n"
        f"    events: [event_{i}]\n"
        for i in range(count // 3)
    )
    head = "journeykit: 1\nkind: journey\nid: big\ntitle: Big\nstages:\n  - id: s\n    name: S\n"
    before = f"{head}touchpoints:\n{touchpoints}"
    after = before.replace("name: Touchpoint number", "name: Renamed touchpoint number").replace("event_", "evt_")
    return before, after


def test_hundreds_of_changes_stay_under_githubs_limit() -> None:
    before, after = many_changes(3000)
    report = diff_of({"big.journey.yaml": before}, {"big.journey.yaml": after})
    assert len(report.changes) >= 2000
    markdown = render(report, "markdown")
    assert len(markdown) <= LIMIT and len(markdown.encode("utf-8")) <= LIMIT
    assert "**Not shown:**" in markdown and "65,536-character limit" in markdown
    assert markdown.count("<details>") == markdown.count("</details>")
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<table>" in html


def test_a_small_limit_keeps_the_most_severe_rows() -> None:
    text = comment(SHOP, limit=6000)
    assert len(text.encode("utf-8")) <= 6000
    assert "event-removed" in text and "**Not shown:**" in text


# --- github annotations and the terminal --------------------------------------------------------


def test_github_annotations_are_on_head_lines_and_escaped() -> None:
    text = render(SHOP, "github")
    lines = text.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "journeykit diff:")) for line in lines), lines
    removed = next(line for line in lines if "event-removed" in line)
    assert removed.startswith("::error file=maps/shop.journey.yaml,line=49,col=5,")
    assert not [line for line in lines if line.startswith("::notice")], "info changes are not annotated"


def test_no_map_text_starts_a_line_or_sends_escapes() -> None:
    sneaky = "x\n::error::forged\x1b[31m"
    head = BASE.replace("name: Flyer", f"name: {json.dumps(sneaky)}")
    report = diff_of({"m.journey.yaml": head}, {"m.journey.yaml": HEAD})
    for name in DIFF_FORMATS.names:
        text = render(report, name)
        assert "\x1b" not in text, name
        assert not [line for line in text.splitlines() if line.startswith("::error::forged")], name
