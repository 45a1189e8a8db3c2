"""The loader: data, positions, and every JK0xx problem as a finding at the right place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeykit.loader import LoadLimits, load_bytes, load_text, read_path
from tests.helpers import MINIMAL, assert_finding, findings_in


def test_plain_data_and_spans_for_values_and_keys() -> None:
    loaded = load_text(MINIMAL + "tags: [mobile, retail]\n", "m.journey.yaml")
    assert loaded.ok
    assert loaded.source.data["stages"] == [{"id": "purchase", "name": "Purchase"}]
    assert loaded.source.location(("stages", 0, "name")).line == 7
    assert loaded.source.location(("stages", 0, "name")).column == 11
    assert loaded.source.location(("stages", 0, "name"), key=True).column == 5
    tag = loaded.source.location(("tags", 1))
    assert (tag.line, tag.column, tag.end_column) == (8, 16, 22)


def test_yaml_scalars_follow_yaml_1_1_but_dates_stay_text() -> None:
    loaded = load_text("a: 2026-10-15\nb: no\nc: 0x10\nd: 1_000\ne: ~\nf: '2026-10-15'\ng: 1.5\n", "t.yaml")
    assert loaded.source.data == {
        "a": "2026-10-15",
        "b": False,
        "c": 16,
        "d": 1000,
        "e": None,
        "f": "2026-10-15",
        "g": 1.5,
    }


def test_merge_keys_and_aliases_are_expanded() -> None:
    loaded = load_text("base: &b {owner: web, stage: s}\nitem:\n  <<: *b\n  stage: t\n", "t.yaml")
    assert loaded.source.data["item"] == {"stage": "t", "owner": "web"}


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    loaded = load_text('"<<": 1\n', "t.yaml")
    assert loaded.source.data == {"<<": 1}


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\nb: !!python/name:os.system\n'
    loaded = load_text(text, "t.yaml")
    assert [f.code for f in loaded.findings] == ["JK005", "JK005"]
    assert not marker.exists()


def test_billion_laughs_is_rejected_with_a_finding() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    loaded = load_text("\n".join(lines) + "\n", "lol.yaml")
    assert [f.code for f in loaded.findings] == ["JK006"]
    assert loaded.source.data is None


def test_alias_budget_is_a_limit_not_a_ban() -> None:
    text = "a: &a [1, 2, 3]\nb: *a\nc: *a\n"
    assert load_text(text, "t.yaml", limits=LoadLimits(alias_budget=8)).source.data is not None
    assert [f.code for f in load_text(text, "t.yaml", limits=LoadLimits(alias_budget=7)).findings] == ["JK006"]


def test_recursive_alias_is_a_finding() -> None:
    loaded = load_text("a: &a [1, *a]\n", "t.yaml")
    assert_finding(loaded.findings, "JK006", line=1, column=11, contains="contains it")


@pytest.mark.parametrize("depth", [65, 100_000, 2_000_000])
def test_deep_flow_nesting_is_refused_before_parsing(depth: int) -> None:
    loaded = load_text("a: " + "[" * depth + "]" * depth + "\n", "deep.yaml")
    assert_finding(loaded.findings, "JK013", line=1, column=3 + 65)


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(80))
    assert [f.code for f in load_text(text, "deep.yaml").findings] == ["JK013"]


def test_not_utf8_points_at_the_bad_byte() -> None:
    loaded = load_bytes(b"journeykit: 1\nkind: journey\ntitle: Caf\xe9\n", "latin1.journey.yaml")
    assert_finding(loaded.findings, "JK002", line=3, column=11, contains="0xe9")


def test_utf16_is_named_as_such() -> None:
    loaded = load_bytes("journeykit: 1\n".encode("utf-16"), "u16.journey.yaml")
    assert_finding(loaded.findings, "JK002", line=1, column=1, contains="UTF-16")


def test_utf8_byte_order_mark_is_accepted() -> None:
    loaded = load_bytes(b"\xef\xbb\xbf" + MINIMAL.encode(), "bom.journey.yaml")
    assert loaded.ok
    assert loaded.source.location(("id",)).line == 3


def test_control_character_is_a_syntax_finding() -> None:
    loaded = load_text("journeykit: 1\ntitle: a\x07b\n", "bell.yaml")
    assert_finding(loaded.findings, "JK003", line=2, column=9, contains="#x0007")


def test_file_above_the_size_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.journey.yaml"
    path.write_text(MINIMAL + "x-padding: " + "a" * 2000 + "\n")
    loaded = read_path(path, "big.journey.yaml", LoadLimits(max_file_size=1000))
    assert_finding(loaded.findings, "JK010", line=1, column=1, contains="1,000-byte limit")


def test_unreadable_file_is_a_finding(project: Path) -> None:
    (project / "broken.journey.yaml").symlink_to(project / "gone.journey.yaml")
    findings = findings_in(["broken.journey.yaml"])
    assert_finding(findings, "JK001", line=1, column=1, file="broken.journey.yaml", contains="No such file")


def test_directory_named_like_a_map_is_searched_not_read(project: Path) -> None:
    (project / "odd.journey.yaml").mkdir()
    (project / "odd.journey.yaml" / "inner.journey.yaml").write_text(MINIMAL)
    assert findings_in(["."]) == []


def test_syntax_error_does_not_stop_other_files(project: Path) -> None:
    (project / "bad.journey.yaml").write_text('journeykit: 1\ntitle: "open\n')
    (project / "good.journey.yaml").write_text(
        MINIMAL.replace("id: checkout", "id: good").replace("title: Checkout", "title: [x]")
    )
    findings = findings_in(["."])
    assert {(f.location.file, f.code) for f in findings} == {
        ("bad.journey.yaml", "JK003"),
        ("good.journey.yaml", "JK101"),
    }


def test_control_character_after_non_ascii_text_is_located_in_characters() -> None:
    loaded = load_text("journeykit: 1\nkind: journey\ntitle: ééééééééé\x01\n", "t.yaml")
    assert_finding(loaded.findings, "JK003", line=3, column=17)


def test_devices_and_fifos_are_refused_not_read(project: Path) -> None:
    os.mkfifo(project / "pipe.journey.yaml")
    findings = findings_in(["pipe.journey.yaml", "/dev/zero"])
    assert [(f.code, f.location.file) for f in findings] == [("JK001", "/dev/zero"), ("JK001", "pipe.journey.yaml")]
    assert all("not a regular file" in f.message for f in findings)


def test_nesting_through_aliases_counts_towards_the_depth_limit() -> None:
    # 17 anchored lists, each 60 deep with the previous alias at its bottom: every definition
    # stays below the limit as written, but together they nest 1,000 deep (2.4 KB of text)
    # and used to exhaust the stack.
    lines = ["x-a0: &a0 " + "[" * 60 + "]" * 60]
    lines += [f"x-a{n}: &a{n} " + "[" * 59 + f"*a{n - 1}" + "]" * 59 for n in range(1, 17)]
    loaded = load_text(MINIMAL + "\n".join(lines) + "\n", "m.journey.yaml")
    (finding,) = loaded.findings
    assert (finding.code, finding.location.line, finding.location.column) == ("JK013", 9, 70)
    assert "through this alias" in finding.message


def test_a_shallow_alias_is_still_fine() -> None:
    loaded = load_text(MINIMAL + "x-a: &a [[1, 2]]\nx-b: [*a, *a]\n", "m.journey.yaml")
    assert loaded.ok and loaded.source.data["x-b"] == [[[1, 2]], [[1, 2]]]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_do_not_shift_line_numbers(separator: str) -> None:
    # libyaml counts NEL, LS and PS as line breaks; editors and GitHub do not.
    text = MINIMAL.replace("title: Checkout", f"title: Checkout  # a comment that ends with a separator{separator}")
    text += "  - id: Bad Id\n    name: Bad\n"
    findings = findings_of_text(text)
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [("JK104", 8, 9)]


def findings_of_text(text: str) -> list:  # type: ignore[type-arg]
    from journeykit.analysis import analyze_files
    from journeykit.config import Settings

    return list(analyze_files({"m.journey.yaml": text}, Settings()).result.findings)


def test_without_libyaml_the_loader_refuses_to_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    from journeykit import loader
    from journeykit.errors import ToolMissingError

    monkeypatch.setattr(loader, "_Parser", None)
    with pytest.raises(ToolMissingError, match="without libyaml"):
        load_text(MINIMAL, "m.journey.yaml")


def test_the_size_limit_message_states_the_real_size(tmp_path: Path) -> None:
    big = tmp_path / "big.journey.yaml"
    big.write_bytes(b"#" * (20 * 1024 * 1024))
    (finding,) = read_path(big, "big.journey.yaml").findings
    assert finding.code == "JK010"
    assert "20,971,520 bytes" in finding.message


def test_bounded_reads_never_allocate_the_limit(tmp_path: Path) -> None:
    from journeykit.files import read_bounded

    small = tmp_path / "small"
    small.write_bytes(b"abc")
    with small.open("rb") as handle:
        assert read_bounded(handle, 10**12) == b"abc"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("stages:\n  - id: s\n      name: S\n", "`name` is indented more than `id` above it: line them up"),
        ("stages:\n  -\tid: s\n    name: S\n", "a tab (shown as →)"),
    ],
)
def test_syntax_hints_say_what_to_fix(text: str, hint: str) -> None:
    (found,) = findings_of_text("journeykit: 1\nkind: journey\nid: x\ntitle: X\n" + text)
    assert found.code == "JK003" and hint in (found.hint or "")


@pytest.mark.parametrize(
    ("raw", "where"), [(b"a: [", (1, 5)), (b"?\r.", (2, 2)), (b"?\n.", (2, 2)), (b"a: [\n", (2, 1))]
)
def test_an_error_at_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line(
    raw: bytes, where: tuple[int, int]
) -> None:
    # libyaml puts the end of such a stream on a line the file does not have (found by the fuzz test).
    (finding,) = load_bytes(raw, "m.journey.yaml").findings
    assert finding.code == "JK003" and (finding.location.line, finding.location.column) == where
