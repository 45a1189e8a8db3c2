"""`journeykit validate` through its entry point: exit codes, formats, stdin, output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from sarif_pydantic import Sarif

from tests.helpers import EXAMPLES, MINIMAL, CliRun, write

Jk = Callable[..., CliRun]
BROKEN = MINIMAL.replace("title: Checkout", "title: [Checkout]")


def test_valid_map_exits_0(project: Path, jk: Jk) -> None:
    write(project, {"ok.journey.yaml": MINIMAL})
    run = jk("validate", ".")
    assert (run.code, run.stdout.strip()) == (0, "All checks passed (1 file checked).")


def test_default_path_is_the_current_directory(project: Path, jk: Jk) -> None:
    write(project, {"maps/bad.journey.yaml": BROKEN})
    assert jk("validate").code == 1


def test_errors_exit_1_with_location_caret_and_hint(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": MINIMAL.replace("title: Checkout", "title: no")})
    run = jk("validate", "bad.journey.yaml")
    assert run.code == 1
    assert run.stdout.splitlines()[:5] == [
        "bad.journey.yaml:4:8: error[JK101] title: expected text, got false",
        "  |",
        "4 | title: no",
        "  |        ^^",
        "    = hint: YAML reads `no` as false: quote it, 'no', to keep it as text",
    ]
    assert "Found 1 error in 1 file (1 file checked)." in run.stdout
    assert "\x1b[" not in run.stdout


def test_missing_path_exits_2(project: Path, jk: Jk) -> None:
    run = jk("validate", "nope")
    assert (run.code, run.stderr.strip()) == (2, "journeykit: error: no such file or directory: nope")


def test_bad_configuration_exits_2_naming_the_key(project: Path, jk: Jk) -> None:
    write(project, {"journeykit.toml": "sellect = []\n", "ok.journey.yaml": MINIMAL})
    run = jk("validate")
    assert run.code == 2
    assert "unknown key 'sellect' (did you mean `select`?)" in run.stderr


def test_unknown_format_exits_2(project: Path, jk: Jk) -> None:
    assert jk("validate", "--format", "yaml").code == 2


def test_nothing_found_is_exit_2_unless_allowed(project: Path, jk: Jk) -> None:
    # Maps named *.yaml, or an `exclude` that is too broad, must not pass a CI gate by checking nothing.
    write(project, {"maps/retail.yaml": MINIMAL, "journeykit.toml": 'exclude = ["maps/"]\n'})
    for command in ("validate", "lint", "coverage"):
        run = jk(command, ".")
        assert run.code == 2, command
        assert "no maps or catalogs found in .: journeykit looks for *.journey.yaml" in run.stderr
        assert "what `exclude` (maps/) names" in run.stderr
    allowed = jk("validate", ".", "--allow-empty")
    assert allowed.code == 0 and "warning: no maps or catalogs found" in allowed.stderr
    write(project, {"journeykit.toml": "allow-empty = true\n"})
    assert jk("lint", ".").code == 0


def test_stdin_with_a_filename_for_catalog_lookup(project: Path, jk: Jk) -> None:
    catalog = "journeykit: 1\nkind: catalog\nteams:\n  - id: web\n    name: Web\n"
    write(project, {"maps/shared.catalog.yaml": catalog})
    ok = jk(
        "validate",
        "-",
        "--stdin-filename",
        "maps/new.journey.yaml",
        stdin=(MINIMAL + "owner: web\n").encode(),
    )
    assert ok.code == 0, ok.stdout
    bad = jk(
        "validate",
        "-",
        "--stdin-filename",
        "elsewhere.journey.yaml",
        stdin=(MINIMAL + "owner: web\n").encode(),
    )
    assert bad.code == 1
    assert "elsewhere.journey.yaml:8:8: error[JK201]" in bad.stdout


def test_output_file_is_written_whole(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": BROKEN})
    run = jk("validate", "-f", "json", "-o", "reports/validate.json")
    assert run.code == 1
    assert run.stdout == ""
    document = json.loads((project / "reports/validate.json").read_text())
    assert document["summary"]["error"] == 1
    assert [p.name for p in (project / "reports").iterdir()] == ["validate.json"]


def test_json_shape(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": BROKEN, "ok.journey.yaml": MINIMAL.replace("checkout", "ok")})
    document = json.loads(jk("validate", "-f", "json").stdout)
    assert document["format_version"] == 1
    assert document["summary"] == {
        "error": 1,
        "warning": 0,
        "info": 0,
        "files_checked": 2,
        "files_with_findings": 1,
        "by_code": {"JK101": 1},
    }
    (diagnostic,) = document["diagnostics"]
    assert {k: diagnostic[k] for k in ("file", "line", "column", "code", "severity", "hint")} == {
        "file": "bad.journey.yaml",
        "line": 4,
        "column": 8,
        "code": "JK101",
        "severity": "error",
        "hint": None,
    }
    assert diagnostic["message"] == "title: expected text, got a list"


def test_github_format_is_chosen_on_github_actions(project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write(project, {"bad.journey.yaml": BROKEN})
    lines = jk("validate").stdout.splitlines()
    assert lines[0] == "::group::bad.journey.yaml"
    assert lines[1].startswith("::error file=bad.journey.yaml,line=4,col=8,")
    assert lines[2] == "::endgroup::"


def test_github_escapes_data_and_properties() -> None:
    from journeykit.findings import Finding, Severity
    from journeykit.reporters.github import annotation
    from journeykit.source import Location

    finding = Finding("JK101", Severity.ERROR, "100% wrong\nreally", Location("a,b:c.yaml", 2, 3), hint="h")
    assert (
        annotation(finding)
        == "::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=journeykit JK101::100%25 wrong\\x0areally%0Ahint: h"
    )


def test_github_prints_past_the_annotation_limit_as_plain_lines(project: Path, jk: Jk) -> None:
    stages = "".join(f"  - id: Stage{i}\n    name: S\n" for i in range(12))
    write(project, {"many.journey.yaml": MINIMAL + stages})
    lines = jk("validate", "-f", "github").stdout.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("many.journey.yaml:") for line in lines) == 2
    assert (
        "journeykit: 2 more errors printed above as plain lines: GitHub shows only 10 error annotations per step."
        in lines
    )


def test_sarif_is_valid_and_fingerprints_ignore_line_moves(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": BROKEN})
    first = json.loads(jk("validate", "-f", "sarif").stdout)
    Sarif.model_validate(first)
    run = first["runs"][0]
    assert first["version"] == "2.1.0"
    result = run["results"][0]
    assert result["ruleId"] == "JK101"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "JK101"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "bad.journey.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    write(project, {"bad.journey.yaml": "# a comment\n\n" + BROKEN})
    moved = json.loads(jk("validate", "-f", "sarif").stdout)["runs"][0]["results"][0]
    assert moved["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert moved["partialFingerprints"] == result["partialFingerprints"]


def test_junit_has_a_suite_per_file(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": BROKEN, "ok.journey.yaml": MINIMAL.replace("checkout", "ok")})
    root = ET.fromstring(jk("validate", "-f", "junit").stdout)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"bad.journey.yaml", "ok.journey.yaml"}
    assert suites["bad.journey.yaml"].get("failures") == "1"
    assert suites["ok.journey.yaml"].get("failures") == "0"
    assert root.get("failures") == "1"


def test_gitlab_code_quality(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": BROKEN})
    (issue,) = json.loads(jk("validate", "-f", "gitlab").stdout)
    assert issue["check_name"] == "JK101"
    assert issue["severity"] == "major"
    assert issue["location"] == {
        "path": "bad.journey.yaml",
        "positions": {"begin": {"line": 4, "column": 8}, "end": {"line": 4, "column": 18}},
    }


def test_concise_is_one_line_per_finding(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": BROKEN})
    assert (
        jk("validate", "-f", "concise").stdout
        == "bad.journey.yaml:4:8: error[JK101] title: expected text, got a list\n"
    )


def test_internal_error_is_exit_2_without_traceback(project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch) -> None:
    write(project, {"ok.journey.yaml": MINIMAL})

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("journeykit.analysis.build_journey", explode)
    run = jk("validate")
    assert run.code == 2
    assert "internal error: RuntimeError: boom" in run.stderr
    assert "Traceback" not in run.stderr


def test_schema_command_prints_the_schema(jk: Jk) -> None:
    from journeykit.schema import schema_document

    assert json.loads(jk("schema").stdout) == schema_document()


def test_version_and_help_through_the_console_script() -> None:
    script = Path(sys.executable).parent / "journeykit"
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=False)
    assert (version.returncode, version.stdout.strip()) == (
        0,
        f"journeykit {__import__('journeykit').__version__}",
    )
    assert "validate" in subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True).stdout


def test_map_text_cannot_forge_lines_or_send_escapes(project: Path, jk: Jk) -> None:
    forged = "Rate\\nshop.journey.yaml:1:1: error[JK001] forged\\u001b]0;pwned\\u0007"
    text = MINIMAL.replace("title: Checkout", f'title: "{forged}"') + "updated: 2020-01-01\n"
    write(project, {"shop.journey.yaml": text.replace("id: checkout", "id: Bad")})
    for output_format in ("text", "concise", "github", "junit"):
        out = jk("validate", "-f", output_format).stdout
        assert "\x1b" not in out and "\x07" not in out, output_format
        assert not any(line.startswith("shop.journey.yaml:1:1: error[JK001]") for line in out.splitlines())
    lint = jk("lint", "-f", "concise", "--as-of", "2026-11-22").stdout
    assert "forged" not in lint or "\\x0a" in lint or "\\x1b" in lint


def test_an_output_path_that_cannot_be_written_is_exit_2(project: Path, jk: Jk) -> None:
    write(project, {"ok.journey.yaml": MINIMAL})
    (project / "a-directory").mkdir()
    run = jk("validate", "-f", "json", "-o", "a-directory")
    assert run.code == 2
    assert "cannot write" in run.stderr and "Traceback" not in run.stderr


def _journeykit(
    *args: str, stdout: object = subprocess.PIPE, env: dict[str, str] | None = None, encoding: str = "utf-8"
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeykit", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        encoding=encoding,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_a_full_disk_behind_standard_output_is_an_output_error() -> None:
    with open("/dev/full", "w") as full:  # noqa: PTH123 - a device, not a path to manage
        run = _journeykit("coverage", str(EXAMPLES), stdout=full)
    assert run.returncode == 2
    assert "cannot write to standard output: No space left on device" in run.stderr
    assert "internal error" not in run.stderr and "Exception ignored" not in run.stderr


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_text_output_on_a_console_that_is_not_utf8(encoding: str) -> None:
    for command in (("lint", str(EXAMPLES), "--as-of", "2026-11-22"), ("coverage", str(EXAMPLES))):
        run = _journeykit(*command, env={"PYTHONIOENCODING": encoding}, encoding=encoding)
        assert run.returncode == 0, run.stderr
        assert "Traceback" not in run.stderr


def test_a_symbolic_link_loop_is_a_finding_and_the_run_goes_on(project: Path, jk: Jk) -> None:
    write(project, {"maps/good.journey.yaml": MINIMAL})
    (project / "maps" / "a.journey.yaml").symlink_to(project / "maps" / "b.journey.yaml")
    (project / "maps" / "b.journey.yaml").symlink_to(project / "maps" / "a.journey.yaml")
    run = jk("validate", "maps", "-f", "concise")
    assert run.code == 1
    assert "maps/a.journey.yaml:1:1: error[JK001]" in run.stdout
    assert "maps/b.journey.yaml:1:1: error[JK001]" in run.stdout
    # With an output file the inputs are resolved first, to refuse writing over one: a loop is no crash there.
    written = jk("validate", "maps", "-f", "concise", "-o", "report.txt")
    assert written.code == 1, written.stderr
    assert "maps/a.journey.yaml:1:1: error[JK001]" in (project / "report.txt").read_text()


def test_output_onto_an_input_map_is_refused(project: Path, jk: Jk) -> None:
    write(project, {"maps/m.journey.yaml": MINIMAL})
    before = (project / "maps" / "m.journey.yaml").read_text()
    for args in (
        ("validate", "maps", "-o", "maps/m.journey.yaml"),
        ("lint", "maps", "--write-baseline", "maps/m.journey.yaml"),
    ):
        run = jk(*args)
        assert run.code == 2 and "is one of the files being checked" in run.stderr
    assert (project / "maps" / "m.journey.yaml").read_text() == before


def test_standard_input_is_read_once_and_stands_in_for_the_file_it_names(project: Path, jk: Jk) -> None:
    write(project, {"maps/m.journey.yaml": MINIMAL.replace("- id: purchase", "- id: Bad Id")})
    run = jk(
        "validate", "-", "-", "maps", "--stdin-filename", "maps/m.journey.yaml", "-f", "concise", stdin=MINIMAL.encode()
    )
    assert run.code == 0, run.stdout
    assert "(1 file checked)" in jk("validate", "-", "-", stdin=MINIMAL.encode()).stdout


def test_github_annotations_go_to_the_files_a_pull_request_changes(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = MINIMAL.replace("- id: purchase", "- id: Bad Id")
    write(project, {f"maps/old{i:02}.journey.yaml": broken.replace("checkout", f"old{i}") for i in range(12)})
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "commit", "-qm", "base"], cwd=project, check=True)
    subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=project, check=True)
    write(project, {"maps/zz-new.journey.yaml": broken.replace("checkout", "new")})
    subprocess.run(["git", "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-qm", "change"], cwd=project, check=True)
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    run = jk("validate", "maps", "-f", "github")
    annotated = [line for line in run.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotated) == 10
    assert any("file=maps/zz-new.journey.yaml" in line for line in annotated)
