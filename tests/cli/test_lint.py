"""`journeykit lint` through its entry point: configuration, suppression, baselines, rules."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, MINIMAL, CliRun, write

Jk = Callable[..., CliRun]
AS_OF = ("--as-of", "2026-11-22")

SHOP = """\
journeykit: 1
kind: journey
id: web-shop
title: Web shop
owner: web-team
updated: 2026-11-01
personas:
  - id: shopper
    name: Shopper
stages:
  - id: purchase
    name: Purchase
teams:
  - id: web-team
    name: Web team
touchpoints:
  - id: checkout
    name: Checkout
    stage: purchase
experiences:
  - persona: shopper
    stage: purchase
    touchpoints: [checkout]
    tasks: [Pay]
    emotion: 1
    evidence: [survey]
evidence:
  - id: survey
    type: survey
    date: 2026-09-01
"""
# The one finding in SHOP: JK503 (touchpoint-without-owner) at 17:5.


def concise(run: CliRun) -> list[str]:
    return [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in run.stdout.splitlines()]


def test_examples_lint_clean(jk: Jk, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES.parent)
    run = jk("lint", "examples", *AS_OF)
    assert run.code == 0, run.stdout
    assert run.stdout.startswith("All checks passed (4 files checked).")


def test_warnings_do_not_fail_by_default_but_fail_on_can(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP})
    run = jk("lint", *AS_OF, "-f", "concise")
    assert (run.code, concise(run)) == (0, ["shop.journey.yaml:17:5: warning[JK503]"])
    assert jk("lint", *AS_OF, "--fail-on", "warning").code == 1


def test_text_summary_counts_per_severity_and_code(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP.replace("updated: 2026-11-01", "updated: 2020-01-01")})
    lines = jk("lint", *AS_OF).stdout.splitlines()
    assert "Found 2 warnings in 1 file (1 file checked)." in lines
    assert "    1  JK503  touchpoint-without-owner" in lines
    assert "    1  JK507  stale-map" in lines


def test_configuration_selects_ignores_and_regrades(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP.replace("updated: 2026-11-01", "updated: 2020-01-01")})
    write(project, {"journeykit.toml": 'ignore = ["JK507"]\n[severity]\nJK503 = "error"\n'})
    run = jk("lint", *AS_OF, "-f", "concise")
    assert (run.code, concise(run)) == (1, ["shop.journey.yaml:17:5: error[JK503]"])
    write(project, {"journeykit.toml": 'select = ["JK5"]\nignore = ["JK503"]\n[severity]\nJK507 = "off"\n'})
    assert jk("lint", *AS_OF, "-f", "concise").stdout == ""


def test_more_specific_selection_wins(project: Path, jk: Jk) -> None:
    write(
        project,
        {"shop.journey.yaml": SHOP, "journeykit.toml": 'ignore = ["JK5"]\nextend-select = ["JK503"]\n'},
    )
    assert concise(jk("lint", *AS_OF, "-f", "concise")) == ["shop.journey.yaml:17:5: warning[JK503]"]


def test_rule_options_from_pyproject(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP.replace("date: 2026-09-01", "date: 2026-03-01")})
    assert "JK506" not in jk("lint", *AS_OF, "-f", "concise").stdout
    write(project, {"pyproject.toml": "[tool.journeykit.rules.stale-evidence]\nmax-age-days = 90\n"})
    assert "shop.journey.yaml:30:11: warning[JK506]" in jk("lint", *AS_OF, "-f", "concise").stdout


def test_per_file_ignores(project: Path, jk: Jk) -> None:
    write(
        project,
        {"legacy/old.journey.yaml": SHOP, "new/shop.journey.yaml": SHOP.replace("web-shop", "new-shop")},
    )
    write(project, {"journeykit.toml": '[per-file-ignores]\n"legacy/**" = ["JK503"]\n'})
    assert concise(jk("lint", *AS_OF, "-f", "concise")) == ["new/shop.journey.yaml:17:5: warning[JK503]"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "[rules.JK506]\nmax-age = 3\n",
            "rules.JK506: unknown option 'max-age' (did you mean `max-age-days`?)",
        ),
        ('[rules.JK506]\nmax-age-days = "soon"\n', "rules.JK506.max-age-days expects a int"),
        ('[severity]\nJK999 = "error"\n', "severity: unknown rule code 'JK999'"),
        (
            '[rules.send-in-quiet-hours]\nquiet-hours = "9pm-8am"\n',
            "rules.send-in-quiet-hours.quiet-hours must be written like '21:00-08:00', got '9pm-8am'",
        ),
    ],
)
def test_bad_configuration_exits_2(project: Path, jk: Jk, toml: str, message: str) -> None:
    write(project, {"shop.journey.yaml": SHOP, "journeykit.toml": toml})
    run = jk("lint")
    assert run.code == 2
    assert message in run.stderr


def test_bad_command_line_codes_exit_2(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP})
    assert jk("lint", "--select", "JK5,JK9").code == 2
    assert jk("lint", "--fail-on", "loud").code == 2
    assert jk("lint", "--as-of", "yesterday").code == 2


def test_show_settings(project: Path, jk: Jk) -> None:
    write(project, {"journeykit.toml": 'ignore = ["JK507"]\n[rules.JK506]\nmax-age-days = 90\n'})
    shown = json.loads(jk("lint", "--show-settings", "--fail-on", "warning").stdout)
    assert shown["ignore"] == ["JK507"]
    assert shown["rules"] == {"JK506": {"max-age-days": 90}}
    assert shown["fail-on"] == "warning"
    assert shown["config-file"].endswith("journeykit.toml")


def test_inline_suppression_on_the_finding_line(project: Path, jk: Jk) -> None:
    write(
        project,
        {"shop.journey.yaml": SHOP.replace("  - id: checkout\n", "  - id: checkout  # journeykit: ignore[JK503]\n")},
    )
    run = jk("lint", *AS_OF, "-f", "concise")
    assert run.stdout == ""


def test_inline_suppression_on_the_line_that_opens_the_node(project: Path, jk: Jk) -> None:
    text = SHOP.replace("    emotion: 1\n", "    emotion: -2\n").replace(
        "  - persona: shopper\n", "  - persona: shopper  # journeykit: ignore[JK504]\n"
    )
    write(project, {"shop.journey.yaml": text})
    assert "JK504" not in jk("lint", *AS_OF, "-f", "concise").stdout


def test_unused_and_invalid_suppressions_are_reported(project: Path, jk: Jk) -> None:
    text = SHOP.replace("title: Web shop\n", "title: Web shop  # journeykit: ignore[JK511, JK5O3, JK104]\n")
    write(project, {"shop.journey.yaml": text})
    lines = jk("lint", *AS_OF, "-f", "concise").stdout.splitlines()
    assert (
        "shop.journey.yaml:4:18: info[JK090] suppression of JK511 suppresses nothing (hint: remove it from the comment)"
        in lines
    )
    assert any(
        line.startswith("shop.journey.yaml:4:18: warning[JK091] suppression names unknown code 'JK5O3'")
        for line in lines
    )
    assert any("JK104 cannot be suppressed" in line for line in lines)


def test_baseline_reports_only_new_findings(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP})
    written = jk("lint", *AS_OF, "--write-baseline", "baseline.json")
    assert written.code == 0
    assert "recorded 1 finding in baseline.json" in written.stderr
    assert json.loads((project / "baseline.json").read_text())["findings"][0]["code"] == "JK503"

    moved = "# a new comment\n\n" + SHOP.replace("updated: 2026-11-01", "updated: 2020-01-01")
    write(project, {"shop.journey.yaml": moved})
    run = jk("lint", *AS_OF, "--baseline", "baseline.json", "-f", "concise")
    assert concise(run) == ["shop.journey.yaml:8:10: warning[JK507]"]
    assert "journeykit: 1 finding in the baseline not shown." in run.stderr

    write(
        project,
        {
            "shop.journey.yaml": SHOP.replace(
                "    stage: purchase\nexperiences", "    stage: purchase\n    owner: web-team\nexperiences"
            )
        },
    )
    fixed = jk("lint", *AS_OF, "--baseline", "baseline.json")
    assert "1 baseline finding no longer found: run --write-baseline to shrink the baseline." in fixed.stdout


def test_baseline_never_hides_errors_that_stop_a_map_being_read(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP.replace("title: Web shop", "title: [x]")})
    jk("lint", "--write-baseline", "baseline.json")
    assert json.loads((project / "baseline.json").read_text())["findings"] == []
    assert jk("lint", "--baseline", "baseline.json").code == 1


def test_broken_baseline_exits_2(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP, "baseline.json": "{not json"})
    run = jk("lint", "--baseline", "baseline.json")
    assert (run.code, "is not valid JSON" in run.stderr) == (2, True)


def test_lint_reports_structural_errors_too(project: Path, jk: Jk) -> None:
    write(
        project,
        {"shop.journey.yaml": SHOP.replace("stage: purchase\nexperiences", "stage: purchse\nexperiences")},
    )
    run = jk("lint", *AS_OF, "-f", "concise")
    assert run.code == 1
    assert "shop.journey.yaml:19:12: error[JK201]" in run.stdout


def test_rules_lists_and_explains(jk: Jk) -> None:
    listing = jk("rules")
    assert listing.code == 0
    assert "JK503" in listing.stdout and "touchpoint-without-owner" in listing.stdout
    explained = jk("rules", "JK506")
    assert "stale-evidence" in explained.stdout
    assert "max-age-days = 365" in explained.stdout
    assert "Fails:" in explained.stdout and "Passes:" in explained.stdout
    assert jk("rules", "stale-evidence").stdout == explained.stdout
    data = json.loads(jk("rules", "--format", "json").stdout)
    assert len(data) == len({r["code"] for r in data}) >= 60


def test_unknown_rule_suggests(jk: Jk) -> None:
    run = jk("rules", "JK5O6")
    assert run.code == 2
    assert "no rule 'JK5O6' (did you mean `JK506`?)" in run.stderr


def test_per_file_ignores_apply_to_suppression_findings_from_a_subdirectory(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SHOP.replace("title: Web shop\n", "title: Web shop  # journeykit: ignore[JK511]\n")
    write(
        project,
        {"sub/shop.journey.yaml": text, "journeykit.toml": '[per-file-ignores]\n"sub/**" = ["JK090", "JK503"]\n'},
    )
    monkeypatch.chdir(project / "sub")
    assert jk("lint", *AS_OF, "-f", "concise").stdout == ""


def test_a_hand_edited_baseline_cannot_hide_a_schema_error(project: Path, jk: Jk) -> None:
    write(project, {"shop.journey.yaml": SHOP.replace("title: Web shop", "title: [x]")})
    fingerprint = json.loads(jk("lint", "-f", "json").stdout)["diagnostics"][0]["fingerprint"]
    baseline = {"journeykit_baseline": 1, "findings": [{"fingerprint": fingerprint, "code": "JK101"}]}
    write(project, {"baseline.json": json.dumps(baseline)})
    assert "JK101" in jk("lint", "--baseline", "baseline.json", "-f", "concise").stdout


def test_fingerprints_survive_items_inserted_above(project: Path, jk: Jk) -> None:
    broken = SHOP.replace(
        "  - id: checkout\n    name: Checkout\n", "  - id: checkout\n    name: Checkout\n    stage: nowhere\n", 1
    )
    write(project, {"shop.journey.yaml": broken.replace("    stage: purchase\nexperiences", "experiences", 1)})
    before = {d["code"]: d["fingerprint"] for d in json.loads(jk("lint", "-f", "json", *AS_OF).stdout)["diagnostics"]}
    extra = "  - id: banner\n    name: Banner\n    stage: purchase\n"
    write(
        project,
        {
            "shop.journey.yaml": (project / "shop.journey.yaml")
            .read_text()
            .replace("touchpoints:\n", "touchpoints:\n" + extra)
        },
    )
    after = {d["code"]: d["fingerprint"] for d in json.loads(jk("lint", "-f", "json", *AS_OF).stdout)["diagnostics"]}
    assert before["JK201"] == after["JK201"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"journeykit_baseline": 1, "findings": [], "n": ' + "1" * 5000 + "}", "is not valid JSON"),
        ('{"journeykit_baseline": true, "findings": []}', "is not a journeykit baseline"),
    ],
)
def test_hostile_baselines_are_exit_2_not_a_crash(content: str, message: str, project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": MINIMAL, "baseline.json": content})
    run = jk("lint", ".", "--baseline", "baseline.json")
    assert run.code == 2
    assert message in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_fifo_is_never_read_as_a_baseline(special: str, project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": MINIMAL})
    if special == "fifo":
        os.mkfifo(project / "fifo")
    run = jk("lint", ".", "--baseline", special)
    assert run.code == 2 and "not a regular file" in run.stderr


def test_a_suppression_inside_quoted_text_is_text_not_a_comment(project: Path, jk: Jk) -> None:
    text = MINIMAL + (
        "updated: 2026-11-01\n"
        "touchpoints:\n"
        '  - id: kiosk\n    name: "Old kiosk # journeykit: ignore[JK503]"\n    stage: purchase\n'
        "  - id: desk  # journeykit: ignore[JK503]\n    name: Desk\n    stage: purchase\n"
    )
    write(project, {"m.journey.yaml": text})
    run = jk("lint", ".", "--as-of", "2026-11-22", "-f", "concise", "--select", "JK503")
    assert run.code == 0
    assert [line.split(": ", 1)[0] for line in run.stdout.splitlines()] == ["m.journey.yaml:10:5"]


def test_a_suppression_after_a_block_scalar_indicator_is_a_comment(project: Path, jk: Jk) -> None:
    # `>-  # ...` is a YAML comment after the indicator; the text starts on the next line (and a `#` in it is text).
    text = MINIMAL + (
        "updated: 2026-11-01\n"
        "touchpoints:\n"
        "  - id: desk\n    name: Desk\n    stage: purchase\n"
        "    description: >-  # journeykit: ignore[JK501]\n      Walk-in # journeykit: ignore[JK502]\n"
    )
    write(project, {"m.journey.yaml": text})
    run = jk("lint", ".", "--as-of", "2026-11-22", "-f", "concise", "--select", "JK090")
    assert [line.split(" ", 2)[:2] for line in run.stdout.splitlines()] == [["m.journey.yaml:13:22:", "info[JK090]"]]
    assert "suppression of JK501 suppresses nothing" in run.stdout


def test_fingerprints_of_age_findings_do_not_change_from_day_to_day(project: Path, jk: Jk) -> None:
    text = MINIMAL + "updated: 2025-01-15\nevidence:\n  - id: survey\n    type: survey\n    date: 2024-03-01\n"
    write(project, {"m.journey.yaml": text})
    prints = []
    for day in ("2026-11-22", "2026-11-23"):
        run = jk("lint", ".", "--as-of", day, "-f", "json", "--select", "JK506,JK507")
        prints.append({d["code"]: d["fingerprint"] for d in json.loads(run.stdout)["diagnostics"]})
    assert set(prints[0]) == {"JK506", "JK507"}
    assert prints[0] == prints[1]


WARNED = MINIMAL + "updated: 2026-11-01\ntouchpoints:\n  - id: pay\n    name: Pay\n    stage: purchase\n"


def test_ruff_conventions_quiet_exit_zero_statistics_color(project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": WARNED})
    normal = jk("lint", ".", "--as-of", "2026-11-22", "--fail-on", "warning")
    assert normal.code == 1 and "Found" in normal.stdout
    quiet = jk("lint", ".", "--as-of", "2026-11-22", "--fail-on", "warning", "--quiet")
    assert quiet.code == 1 and "Found" not in quiet.stdout and "warning[JK503]" in quiet.stdout
    assert jk("lint", ".", "--as-of", "2026-11-22", "--fail-on", "warning", "--exit-zero").code == 0
    statistics = jk("lint", ".", "--as-of", "2026-11-22", "--statistics")
    assert "    1  JK503  touchpoint-without-owner" in statistics.stdout and "m.journey.yaml:" not in statistics.stdout
    as_json = json.loads(jk("lint", ".", "--as-of", "2026-11-22", "--statistics", "-f", "json").stdout)
    assert {"code": "JK503", "name": "touchpoint-without-owner", "count": 1} in as_json
    assert "\x1b[" in jk("lint", ".", "--as-of", "2026-11-22", "--color", "always").stdout
    assert "\x1b[" not in jk("lint", ".", "--as-of", "2026-11-22", "--color", "never").stdout


def test_option_values_get_a_did_you_mean(project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": MINIMAL})
    run = jk("lint", ".", "--format", "jsn")
    assert run.code == 2
    assert "'jsn' is not one of text, concise, json" in run.stderr and "did you mean `json`?" in run.stderr
    assert "Value error" not in run.stderr
    assert "did you mean `warning`?" in jk("lint", ".", "--fail-on", "warnings").stderr
    assert "is not a percentage from 0 to 100" in jk("coverage", ".", "--fail-under", "120").stderr
    assert "Possible options: --extend-select, --help, --select" in jk("lint", ".", "--selct", "JK5").stderr


def test_help_names_values_not_python_types(jk: Jk) -> None:
    for command in ("validate", "lint", "coverage", "render"):
        text = jk(command, "--help").stdout
        assert "<list[str]>" not in text and "<float>" not in text and "<str>" not in text, command


def test_on_github_actions_a_report_written_to_a_file_is_not_workflow_commands(
    project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, {"m.journey.yaml": MINIMAL.replace("- id: purchase", "- id: Bad Id")})
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert jk("validate", ".").stdout.startswith("::group::")
    jk("validate", ".", "-o", str(project.parent / "report.txt"))
    assert "::error" not in (project.parent / "report.txt").read_text()
