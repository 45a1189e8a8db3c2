"""The benchmark inputs and report: the dense corpus is valid; rewriting the report keeps others' sections."""

from __future__ import annotations

import datetime
from pathlib import Path

from benchmarks.generate_dense import generate_dense_corpus, generate_dense_single
from benchmarks.run import keep_marked_sections
from benchmarks.sections import write_section

from journeykit.analysis import analyze
from journeykit.checks import with_lint
from journeykit.config import Settings


def test_the_dense_corpus_is_valid_and_its_only_findings_are_unlisted_touchpoints(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    generate_dense_corpus(tmp_path / "dense", maps=6, touchpoints=30)
    settings = Settings(root=tmp_path)
    analysis = analyze([str(tmp_path / "dense")], settings)
    assert analysis.result.findings == ()
    assert len(analysis.maps) == 6
    assert all(len(m.journey.catalogs) == 3 for m in analysis.maps)
    lint = with_lint(analysis, settings, datetime.date(2026, 11, 22)).result
    assert {f.code for f in lint.findings} == {"JK304"}


def test_one_dense_map_sees_its_catalog(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = generate_dense_single(tmp_path, 200)
    analysis = analyze([str(path)], Settings(root=tmp_path))
    assert analysis.result.findings == ()


def test_rewriting_the_report_keeps_marked_sections_verbatim() -> None:
    old = (
        "# Benchmarks\n\nold numbers\n\n<!-- render-benchmarks:start -->\n## Render\n\n| a | b |\n"
        "<!-- render-benchmarks:end -->\n\ntrailing\n<!-- x.y-benchmarks:start -->kept<!-- x.y-benchmarks:end -->\n"
    )
    new = keep_marked_sections("# Benchmarks\n\nnew numbers\n", old)
    assert new.startswith("# Benchmarks\n\nnew numbers\n")
    assert "old numbers" not in new
    assert "<!-- render-benchmarks:start -->\n## Render\n\n| a | b |\n<!-- render-benchmarks:end -->" in new
    assert "<!-- x.y-benchmarks:start -->kept<!-- x.y-benchmarks:end -->" in new
    assert keep_marked_sections("# B\n", "no markers") == "# B\n"


def test_a_script_rewrites_only_its_own_section(tmp_path: Path) -> None:
    start, end = "<!-- x:start -->", "<!-- x:end -->"
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nThe rest.\n", encoding="utf-8")
    write_section(docs, f"{start}\none\n{end}\n", start, end)
    write_section(docs, f"{start}\ntwo\n{end}\n", start, end)
    assert docs.read_text(encoding="utf-8") == f"# Benchmarks\n\nThe rest.\n\n{start}\ntwo\n{end}\n"
    docs.write_text(docs.read_text(encoding="utf-8") + "\nAfter.\n", encoding="utf-8")
    write_section(docs, f"{start}\nthree\n{end}", start, end)
    assert docs.read_text(encoding="utf-8") == f"# Benchmarks\n\nThe rest.\n\n{start}\nthree\n{end}\n\nAfter.\n"
