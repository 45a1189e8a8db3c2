"""The format benchmark rewrites only its own section of docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

from benchmarks.format_bench import END, START, write_section


def test_write_section_replaces_only_its_section(tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nother numbers\n\n<!-- plan-benchmarks:start -->\nplan\n", encoding="utf-8")
    write_section(docs, f"{START}\nfirst\n{END}")
    first = docs.read_text(encoding="utf-8")
    assert first.startswith("# Benchmarks\n\nother numbers\n\n<!-- plan-benchmarks:start -->\nplan\n")
    assert first.endswith(f"{START}\nfirst\n{END}\n")
    write_section(docs, f"{START}\nsecond\n{END}")
    assert docs.read_text(encoding="utf-8") == first.replace("first", "second")
