"""Configuration: discovery, strict validation, and the questions the lint engine asks."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest

from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings, find_config, load_settings, settings_from_table
from journeykit.errors import ConfigError
from journeykit.findings import Severity
from journeykit.lint.table import RuleTable
from journeykit.rules.registry import all_rules
from journeykit.source import Location
from tests.helpers import MINIMAL, write


def test_closest_configuration_wins(project: Path) -> None:
    write(
        project,
        {
            "journeykit.toml": "fail-on = 'warning'\n",
            "sub/pyproject.toml": "[tool.journeykit]\nfail-on = 'info'\n",
        },
    )
    assert load_settings(start=project / "sub").fail_on is Severity.INFO
    assert load_settings(start=project).fail_on is Severity.WARNING


def test_pyproject_without_the_table_is_skipped(project: Path) -> None:
    write(project, {"journeykit.toml": "fail-on = 'warning'\n", "sub/pyproject.toml": "[tool.other]\nx = 1\n"})
    assert find_config(project / "sub") == project / "journeykit.toml"


def test_no_configuration_gives_defaults(project: Path) -> None:
    settings = load_settings()
    assert (settings.source, settings.fail_on, settings.select) == (None, Severity.ERROR, ("ALL",))


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("selct = ['JK5']", "unknown key 'selct' (did you mean `select`?)"),
        ("ignore = ['JK599']", "unknown rule code 'JK599'"),
        ("ignore = ['JK104']", "'JK104' cannot be selected or ignored"),
        ("fail-on = 'fatal'", "unknown severity 'fatal'"),
        ("fail-under = 120", "'fail-under' must be a percentage from 0 to 100"),
        ("max-file-size = -1", "expected a number of bytes from 1 to"),
        ("[rules.JK999]\nx = 1", "rules.JK999: unknown rule"),
        ("select = ['JK5']\n[severity]\nJK5 = 'loud'", "expected error, warning, info or off, got 'loud'"),
        ("fail-on = ", "invalid TOML"),
    ],
)
def test_invalid_configuration_names_the_problem(project: Path, toml: str, message: str) -> None:
    write(project, {"journeykit.toml": toml + "\n"})
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_settings()


def test_explicit_config_must_exist(project: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(project / "missing.toml")


def test_explicit_pyproject_needs_the_table(project: Path) -> None:
    write(project, {"pyproject.toml": "[project]\nname = 'x'\n"})
    with pytest.raises(ConfigError, match=r"has no \[tool.journeykit\] table"):
        load_settings(project / "pyproject.toml")


def test_structural_rules_are_always_enabled_at_error() -> None:
    rule = all_rules()["JK104"]
    settings = Settings(select=("JK5",), ignore=("ALL",))
    assert not rule.configurable and not RuleTable.compile(settings).enabled("JK104")
    text = MINIMAL.replace("- id: purchase", "- id: Purchase")
    checked = with_lint(analyze_files({"a.journey.yaml": text}, settings), settings, datetime.date(2026, 11, 1))
    assert [(f.code, f.severity) for f in checked.result.findings] == [("JK104", Severity.ERROR)]


def test_settings_are_frozen_and_overrides_are_revalidated() -> None:
    settings = Settings()
    assert settings.with_overrides(fail_on=Severity.INFO, select=None).fail_on is Severity.INFO
    with pytest.raises(ConfigError):
        settings.with_overrides(ignore=("JK999",))


def test_table_keys_are_known_to_show_settings() -> None:
    shown = settings_from_table({"fail-on": "warning"}).as_dict()
    assert shown["fail-on"] == "warning"
    assert set(shown) >= {
        "select",
        "ignore",
        "severity",
        "per-file-ignores",
        "rules",
        "fail-under",
        "exclude",
    }


def test_severity_all_applies_to_every_lint_rule_and_specific_codes_win() -> None:
    settings = settings_from_table({"severity": {"ALL": "info", "JK503": "error"}})
    table = RuleTable.compile(settings)
    assert table.stamp("JK501", "m", Location("x")).severity is Severity.INFO
    assert table.stamp("JK503", "m", Location("x")).severity is Severity.ERROR


@pytest.mark.parametrize(
    "pyproject",
    [
        "[tool]\njourneykit.fail-on = 'warning'\n",
        "[tool]\njourneykit = { fail-on = 'warning' }\n",
        '[tool."journeykit"]\nfail-on = "warning"\n',
        "[ tool.journeykit ]\nfail-on = 'warning'\n",
    ],
)
def test_every_spelling_of_tool_journeykit_is_found(pyproject: str, project: Path) -> None:
    write(project, {"pyproject.toml": "[project]\nname = 'x'\n" + pyproject})
    settings = load_settings()
    assert settings.fail_on is Severity.WARNING
    assert settings.source == (project / "pyproject.toml").resolve()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('exclude = ["maps/[z-a]"]', "'maps/[z-a]' is not a valid glob"),
        ('[per-file-ignores]\n"!" = ["JK5"]', "'!' is not a valid glob"),
        ('ignore = "JK508"', """'ignore' must be a list, such as ignore = ["JK508"]"""),
        ('ignore = "JK5,JK4"', """'ignore' must be a list, such as ignore = ["JK5", "JK4"]"""),
        ('[severity]\nJK501 = "loud"', "expected error, warning, info or off, got 'loud'"),
        (f"max-file-size = {2**63 - 1}", "from 1 to 1,073,741,824 (1 GiB)"),
        ("max-file-size = 1000000000000", "from 1 to 1,073,741,824 (1 GiB)"),
    ],
)
def test_configuration_mistakes_are_found_at_load(table: str, message: str, project: Path) -> None:
    write(project, {"journeykit.toml": table + "\n"})
    with pytest.raises(ConfigError) as raised:
        load_settings()
    assert message in str(raised.value)


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_fifo_is_never_read_as_a_configuration(special: str, project: Path) -> None:
    path = Path(special)
    if special == "fifo":
        path = project / "journeykit.toml"
        os.mkfifo(path)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_settings(path)
