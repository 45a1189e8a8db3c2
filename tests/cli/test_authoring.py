"""init, format, export, import csv and shell completion through the real entry point."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from journeykit import __version__
from journeykit.analysis import analyze
from journeykit.codes.examples import examples_of
from journeykit.config import Settings
from journeykit.model import Journey
from journeykit.rules.registry import all_rules
from tests.helpers import EXAMPLES, FIXTURES, REPO, CliRun, write

Jk = Callable[..., CliRun]
TEMPLATES = ["retail", "saas", "bank", "blank"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_init_writes_a_workspace_that_validates_lints_and_formats_clean(template: str, project: Path, jk: Jk) -> None:
    run = jk("init", "ws", "--template", template)
    assert run.code == 0, run.stderr
    assert run.stdout.rstrip().splitlines()[-3:] == [
        "  journeykit lint",
        "  journeykit coverage maps",
        "  journeykit render maps --output build/journeys",
    ]
    ws = project / "ws"
    assert {p.relative_to(ws).as_posix() for p in ws.rglob("*") if p.is_file()} >= {
        "journeykit.toml",
        ".pre-commit-config.yaml",
        ".github/workflows/journeys.yml",
        "journeymap.schema.json",
    }
    maps = sorted((ws / "maps").glob("*.journey.yaml"))
    assert len(maps) == 1 and list((ws / "maps").glob("*.catalog.yaml"))
    # A new workspace is reviewed today: JK507 (stale map) and JK506 (stale evidence) stay quiet.
    assert f"updated: {datetime.date.today().isoformat()}" in maps[0].read_text(encoding="utf-8")
    for command in (["validate", "ws"], ["lint", "ws", "-f", "concise"], ["format", "--check", "ws"]):
        checked = jk(*command)
        assert checked.code == 0, (command, checked.stdout, checked.stderr)
        assert "error" not in checked.stdout and "warning" not in checked.stdout


def test_init_pre_commit_config_pins_a_real_release_and_real_hook_ids(project: Path, jk: Jk) -> None:
    assert jk("init").code == 0
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["rev"] == f"v{__version__}"
    hook_ids = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {hook["id"] for hook in repo["hooks"]} <= hook_ids
    workflow = yaml.safe_load((project / ".github/workflows/journeys.yml").read_text(encoding="utf-8"))
    steps = " ".join(
        str(step.get("run", "")) + str(step.get("uses", "")) for step in workflow["jobs"]["journeys"]["steps"]
    )
    assert "--format github" in steps and "GITHUB_STEP_SUMMARY" in steps and "upload-artifact" in steps


def test_init_never_overwrites_and_writes_nothing_when_one_file_exists(project: Path, jk: Jk) -> None:
    write(project, {"ws/journeykit.toml": "# mine\n"})
    run = jk("init", "ws")
    assert run.code == 2 and "ws/journeykit.toml" in run.stderr
    assert (project / "ws/journeykit.toml").read_text() == "# mine\n"
    assert not (project / "ws/maps").exists()
    assert jk("init", "ws", "--force").code == 0
    assert (project / "ws/journeykit.toml").read_text() != "# mine\n"


def test_init_lists_templates_and_refuses_unknown_ones(project: Path, jk: Jk) -> None:
    listed = jk("init", "--list")
    assert [line.split()[0] for line in listed.stdout.splitlines()] == TEMPLATES
    assert jk("init", "--template", "nope").code == 2


MESSY = (
    "# yaml-language-server: $schema=journeymap.schema.json\n"
    "title: 'Checkout'   # shown in reports\n"
    "kind: journey\njourneykit: 1\nid: checkout\n"
    "stages:\n- name: Purchase  # journeykit: ignore[JK402]\n  id: purchase\n"
)


def test_format_check_diff_and_write(project: Path, jk: Jk) -> None:
    write(project, {"a.journey.yaml": MESSY})
    check = jk("format", "--check", ".")
    assert check.code == 1 and "Would reformat: a.journey.yaml" in check.stdout
    diff = jk("format", "--diff", ".")
    assert diff.code == 1 and diff.stdout.startswith("--- a.journey.yaml\n+++ a.journey.yaml\n")
    assert (project / "a.journey.yaml").read_text() == MESSY
    assert jk("format", ".").code == 0
    formatted = (project / "a.journey.yaml").read_text()
    assert formatted.startswith(
        "# yaml-language-server: $schema=journeymap.schema.json\njourneykit: 1\nkind: journey\n"
    )
    assert "  - id: purchase  # journeykit: ignore[JK402]\n" in formatted
    assert jk("format", "--check", ".").code == 0


def test_the_examples_are_formatted(jk: Jk) -> None:
    run = jk("format", "--check", str(EXAMPLES))
    assert run.code == 0, run.stdout + run.stderr
    assert "4 files already formatted" in run.stderr


def test_format_leaves_a_broken_file_alone_and_exits_2(project: Path, jk: Jk) -> None:
    write(project, {"bad.journey.yaml": "journeykit: 1\ntitle: 'open\n", "a.journey.yaml": MESSY})
    run = jk("format", ".")
    assert run.code == 2
    assert "bad.journey.yaml:2:8: error[JK003]" in run.stderr
    assert (project / "bad.journey.yaml").read_text() == "journeykit: 1\ntitle: 'open\n"
    assert (project / "a.journey.yaml").read_text() != MESSY  # the others are still formatted


def test_format_reports_a_fifo_and_a_symlink_loop_instead_of_waiting_on_them(project: Path, jk: Jk) -> None:
    # A named pipe used to block `format --check` for ever (it was opened and read); a loop, like validate, is JK001.
    write(project, {"a.journey.yaml": MESSY})
    os.mkfifo(project / "pipe.journey.yaml")
    (project / "loop.journey.yaml").symlink_to("loop.journey.yaml")
    run = jk("format", "--check", ".")
    assert run.code == 2
    assert "pipe.journey.yaml:1:1: error[JK001] cannot read pipe.journey.yaml: it is not a regular file" in run.stderr
    assert "loop.journey.yaml:1:1: error[JK001]" in run.stderr
    assert "Would reformat: a.journey.yaml" in run.stdout


def test_format_line_width_from_configuration(project: Path, jk: Jk) -> None:
    text = MESSY + "description: " + " ".join(["word"] * 20) + "\n"
    write(project, {"a.journey.yaml": text, "journeykit.toml": "[format]\nline-width = 50\n"})
    assert jk("format", ".").code == 0
    assert "description: >-\n" in (project / "a.journey.yaml").read_text()
    write(project, {"journeykit.toml": "[format]\nline-wdth = 50\n"})
    assert jk("format", ".").code == 2


def _models(path: Path) -> list[Journey]:
    analysis = analyze([str(path)], Settings())
    return analysis.journeys


def test_export_json_is_versioned_and_resolves_catalogs(project: Path, jk: Jk) -> None:
    shutil.copytree(EXAMPLES, project / "maps")
    run = jk("export", "maps", "--format", "json")
    assert run.code == 0, run.stderr
    document = json.loads(run.stdout)
    assert document["version"] == 1
    retail = next(m for m in document["maps"] if m["id"] == "retail-app-first-year")
    reader = next(p for p in retail["personas"] if p["id"] == "screen-reader-user")
    assert reader["from_catalog"] is True and reader["file"].endswith("consumer.catalog.yaml")


def test_export_mermaid_has_a_journey_per_persona_and_a_flowchart(project: Path, jk: Jk) -> None:
    shutil.copytree(EXAMPLES, project / "maps")
    assert jk("export", "maps", "-f", "mermaid", "-o", "out.md").code == 0
    text = (project / "out.md").read_text(encoding="utf-8")
    journeys = _models(project / "maps")
    assert text.count("```mermaid\njourney\n") == sum(len(j.personas) for j in journeys)
    assert text.count("```mermaid\nflowchart LR\n") == len(journeys)


def test_mermaid_text_cannot_inject_syntax() -> None:
    from journeykit.export.mermaid import journey_text, label

    hostile = 'a: b; #c %%{init} \n click x call alert() --> "q" <b>'
    assert not set(journey_text(hostile)) & set(":;#%\n<>")
    assert label(hostile).count('"') == 2 and "-->" not in label(hostile) and "\n" not in label(hostile)


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("example", ["retail-app-first-year", "saas-trial", "mortgage-journey"])
def test_csv_round_trip_keeps_the_fields_the_layout_carries(example: str, project: Path, jk: Jk) -> None:
    shutil.copytree(EXAMPLES, project / "maps")
    assert jk("export", "maps", "-f", "csv", "-o", "sheets", "--bom").code == 0
    sheets = [project / "sheets" / f"{example}.experiences.csv", project / "sheets" / f"{example}.touchpoints.csv"]
    assert sheets[0].read_bytes().startswith(b"\xef\xbb\xbf")
    original = next(j for j in _models(project / "maps") if j.id == example)
    target = project / "maps" / "imported" / "copy.journey.yaml"
    target.parent.mkdir()
    run = jk("import", "csv", *map(str, sheets), "-o", str(target))
    assert run.code == 0, run.stderr
    assert target.read_text(encoding="utf-8").startswith("# Imported by `journeykit import csv` from ")
    (copy,) = _models(target)
    assert _carried(copy) == _carried(original)
    assert jk("import", "csv", *map(str, sheets), "-o", str(target)).code == 2  # refuses to overwrite


def _carried(journey: Journey) -> dict[str, Any]:
    return {
        "personas": [p.id for p in journey.personas],
        "stages": [(s.id, s.name) for s in journey.stages],
        "experiences": [
            (
                e.persona,
                e.stage,
                e.applicable,
                e.reason,
                e.touchpoints,
                e.tasks,
                e.questions,
                e.emotion,
                e.thoughts,
                e.influences,
                [(p.id, p.text, p.severity) for p in e.pain_points],
                [(o.id, o.text, o.addresses, o.owner) for o in e.opportunities],
                e.evidence,
            )
            for e in journey.experiences
        ],
        "touchpoints": [
            (
                t.id,
                t.name,
                t.description,
                t.stage,
                t.channel,
                t.owner,
                t.personas,
                t.next,
                t.loops_to,
                t.events,
                t.frontstage,
                t.backstage,
                t.support,
            )
            for t in journey.touchpoints
        ],
    }


def test_csv_guards_against_formulas(project: Path, jk: Jk) -> None:
    write(
        project,
        {
            "m.journey.yaml": 'journeykit: 1\nkind: journey\nid: m\ntitle: "=HYPERLINK(1)"\n'
            'personas: [{id: p, name: "@me"}]\nstages: [{id: s, name: "+1"}]\n'
        },
    )
    assert jk("export", ".", "-f", "csv").code == 0
    (row,) = _rows(project / "m.experiences.csv")
    assert (row["map_title"], row["persona_name"], row["stage_name"]) == ("'=HYPERLINK(1)", "'@me", "'+1")


CSV_RULES = [r for r in all_rules().values() if examples_of(r).fails.language == "csv"]


@pytest.mark.parametrize("rule", CSV_RULES, ids=[r.code for r in CSV_RULES])
def test_csv_rule_examples(rule: Any, project: Path, jk: Jk) -> None:
    examples = examples_of(rule)
    (project / "bad.csv").write_text(examples.fails.files["sheet.csv"], encoding="utf-8")
    failed = jk("import", "csv", "bad.csv", "-o", "bad.journey.yaml")
    assert failed.code == 1 and f"error[{rule.code}]" in failed.stderr
    assert not (project / "bad.journey.yaml").exists()
    (project / "good.csv").write_text(examples.passes.files["sheet.csv"], encoding="utf-8")
    passed = jk("import", "csv", "good.csv", "-o", "good.journey.yaml")
    assert passed.code == 0, passed.stderr


def test_import_reports_every_bad_cell_at_row_and_column(project: Path, jk: Jk) -> None:
    header = ",".join(__import__("journeykit.export.csv_layout", fromlist=["x"]).EXPERIENCE_COLUMNS)
    write(project, {"s.csv": header + "\nm,M,Bad Id,P,s,S,,,,,,9,,,,,\n"})
    run = jk("import", "csv", "s.csv", "-o", "m.journey.yaml")
    assert "s.csv:2:3: error[JK082]" in run.stderr and "s.csv:2:12: error[JK083]" in run.stderr


def test_show_completion_prints_a_script(project: Path) -> None:
    env = {"PATH": str(Path(sys.executable).parent), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    run = subprocess.run(
        [str(Path(sys.executable).parent / "journeykit"), "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "complete" in run.stdout and "_JOURNEYKIT_COMPLETE" in run.stdout


def test_help_stays_clean(jk: Jk) -> None:
    run = jk("--help")
    assert run.code == 0 and "--install-completion" in run.stdout and "Traceback" not in run.stderr


def test_hostile_map_exports(project: Path, jk: Jk) -> None:
    shutil.copy(FIXTURES / "hostile" / "hostile.journey.yaml", project)
    for fmt in ("mermaid", "json"):
        assert jk("export", ".", "-f", fmt).code == 0
    assert jk("export", ".", "-f", "csv").code == 0
