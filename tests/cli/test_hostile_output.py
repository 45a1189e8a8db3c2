"""Hostile file names and map text cannot break, forge or hide anything in any output format."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from journeykit.reporters import DIAGNOSTIC_FORMATS
from tests.helpers import MINIMAL, CliRun, write

Jk = Callable[..., CliRun]
BROKEN = MINIMAL.replace("- id: purchase", "- id: Bad Id")


@pytest.mark.parametrize("name", DIAGNOSTIC_FORMATS.names)
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(name: str, project: Path, jk: Jk) -> None:
    os.write(os.open(os.fsencode(project) + b"/caf\xe9.journey.yaml", os.O_WRONLY | os.O_CREAT), BROKEN.encode())
    run = jk("validate", ".", "-f", name)
    assert run.code == 1, run.stderr
    assert "xe9.journey.yaml" in run.stdout
    if name in ("json", "sarif", "gitlab"):
        json.loads(run.stdout)
    if name == "junit":
        ET.fromstring(run.stdout)


def test_junit_is_well_formed_with_noncharacters_in_keys_and_names(project: Path, jk: Jk) -> None:
    text = BROKEN + "x-\ufffe: 1\nx-\uffff: 2\n"
    write(project, {"a\ufffe.journey.yaml": text.replace("title: Checkout", "title: Checkout\ntitel: typo\ufffe")})
    run = jk("validate", ".", "-f", "junit")
    root = ET.fromstring(run.stdout)
    assert root.get("failures") == "1"
    assert "a\\ufffe.journey.yaml" in run.stdout


@pytest.mark.parametrize("output_format", ["text", "concise", "github"])
def test_a_file_named_like_a_workflow_command_cannot_forge_one(
    output_format: str, project: Path, jk: Jk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    names = ["::error title=Forged::pwned.journey.yaml", "::stop-commands::token.journey.yaml"]
    write(project, {f"maps/{n}": BROKEN for n in names})
    run = jk("validate", *[f"maps/{n}" for n in names], "-f", output_format)
    assert run.code == 1
    lines = (run.stdout + run.stderr).splitlines()
    assert not [line for line in lines if line.lstrip().startswith("::") and not _ours(line)]


def _ours(line: str) -> bool:
    """journeykit's own workflow commands: annotations and groups, with escaped properties."""
    return line.startswith(("::error file=", "::warning file=", "::notice file=", "::group::", "::endgroup::"))


def test_bidi_and_invisible_characters_are_shown_escaped(project: Path, jk: Jk) -> None:
    write(project, {"m.journey.yaml": BROKEN.replace("Bad Id", "Bad\u202eId\u200b")})
    for output_format in ("text", "concise", "github", "junit"):
        run = jk("validate", ".", "-f", output_format)
        assert "\u202e" not in run.stdout and "\u200b" not in run.stdout, output_format
        assert "\\u202e" in run.stdout, output_format


def test_configuration_errors_print_keys_inert(project: Path, jk: Jk) -> None:
    write(project, {"journeykit.toml": '"\\u001b[31mred\\nline::error::x" = 1\n', "m.journey.yaml": MINIMAL})
    run = jk("validate", ".")
    assert run.code == 2
    assert "\x1b" not in run.stderr and "\nline" not in run.stderr
    assert all(line.startswith("journeykit: ") for line in run.stderr.splitlines())


def test_markdown_leaves_no_live_mention_or_markup(project: Path, jk: Jk) -> None:
    text = MINIMAL.replace("title: Checkout", "title: '@octocat <img src=x> **bold** | pipe'")
    text += "personas:\n  - id: p\n    name: '@team'\n"
    write(project, {"m.journey.yaml": text})
    run = jk("coverage", ".", "-f", "markdown")
    html = MarkdownIt("commonmark").enable("table").render(run.stdout)
    assert "<img" not in html and "<strong>bold" not in html
    assert "@octocat" not in run.stdout and "@team" not in run.stdout
    assert "@&#8203;octocat" in run.stdout
