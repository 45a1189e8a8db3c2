"""Configuration: journeykit.toml or [tool.journeykit] in pyproject.toml, validated strictly.

An unknown key, rule code or rule option is a ConfigError that names it (exit 2), so
a typo in CI configuration cannot silently switch a check off.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pathspec

from journeykit.discover import display_name
from journeykit.errors import UsageError
from journeykit.findings import Severity
from journeykit.loader import LoadLimits
from journeykit.rules.base import OptionValue, Rule

if TYPE_CHECKING:
    from journeykit.analytics.settings import AnalyticsChoices

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

CONFIG_FILE = "journeykit.toml"
OFF = "off"


class ConfigError(UsageError):
    """The configuration cannot be used; the message says what and where."""


@dataclass(frozen=True)
class Settings:
    """The effective configuration: the file's values with command-line options on top."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rule_options: Mapping[str, Mapping[str, OptionValue]] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR
    fail_under: float | None = None
    exclude: tuple[str, ...] = ()
    max_file_size: int = LoadLimits().max_file_size
    source: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    analytics: AnalyticsChoices | None = None
    """The `[analytics]` table, validated by journeykit.analytics.config."""

    @property
    def limits(self) -> LoadLimits:
        return LoadLimits(max_file_size=self.max_file_size)

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with command-line values applied (None means "not given"), re-validated."""
        given = {k: v for k, v in changes.items() if v is not None}
        settings = replace(self, **given)
        _check_codes(settings)
        return settings

    # -- questions the lint engine asks

    def enabled(self, rule: Rule) -> bool:
        if not rule.configurable:
            return True
        chosen = _longest_match(rule.code, (*self.select, *self.extend_select))
        dropped = _longest_match(rule.code, self.ignore)
        if chosen <= dropped:
            return False
        return self._severity_setting(rule.code) != OFF

    def severity_of(self, rule: Rule) -> Severity:
        setting = self._severity_setting(rule.code) if rule.configurable else None
        return Severity.parse(setting) if setting and setting != OFF else rule.severity

    def options_of(self, rule: Rule) -> dict[str, OptionValue]:
        return {**rule.defaults(), **self.rule_options.get(rule.code, {})}

    def ignored_in_file(self, code: str, path: Path | None, display: str) -> bool:
        """Whether `per-file-ignores` silences `code` in this file."""
        if not self.per_file_ignores:
            return False
        relative = display_name(path.resolve(), self.root) if path else display
        for pattern, codes in self.per_file_ignores.items():
            if _longest_match(code, codes) and _glob(pattern).match_file(relative):
                return True
        return False

    def _severity_setting(self, code: str) -> str | None:
        """The level set for the most specific code or prefix (or ALL) that matches `code`."""
        best, best_length = None, 0
        for prefix, level in self.severity.items():
            length = _longest_match(code, (prefix,))
            if length > best_length:
                best, best_length = level, length
        return best

    def as_dict(self) -> dict[str, Any]:
        """The settings as `--show-settings` prints them."""
        return {
            "config-file": str(self.source) if self.source else None,
            "select": list(self.select),
            "extend-select": list(self.extend_select),
            "ignore": list(self.ignore),
            "severity": dict(self.severity),
            "per-file-ignores": {k: list(v) for k, v in self.per_file_ignores.items()},
            "rules": {k: dict(v) for k, v in self.rule_options.items()},
            "fail-on": self.fail_on.label,
            "fail-under": self.fail_under,
            "exclude": list(self.exclude),
            "max-file-size": self.max_file_size,
        }


def find_config(start: Path) -> Path | None:
    """The closest journeykit.toml, or pyproject.toml with [tool.journeykit], at or above `start`."""
    from journeykit.discover import has_config

    for directory in (start, *start.parents):
        if has_config(directory):
            own = directory / CONFIG_FILE
            return own if own.is_file() else directory / "pyproject.toml"
    return None


def load_settings(explicit: Path | None = None, start: Path | None = None) -> Settings:
    """Settings from `--config`, or from the closest configuration file, or the defaults."""
    path = explicit if explicit is not None else find_config((start or Path.cwd()).resolve())
    if path is None:
        return Settings()
    table = _read_table(path, required=explicit is not None)
    return settings_from_table(table, source=path.resolve(), root=path.resolve().parent)


def _read_table(path: Path, *, required: bool) -> dict[str, Any]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8") from None
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("journeykit")
        if table is None:
            if required:
                raise ConfigError(f"{path} has no [tool.journeykit] table")
            return {}
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.journeykit] must be a table")
        return table
    return dict(document)


_KEYS = (
    "select",
    "extend-select",
    "ignore",
    "severity",
    "per-file-ignores",
    "rules",
    "fail-on",
    "fail-under",
    "exclude",
    "max-file-size",
    "analytics",
)


def settings_from_table(table: Mapping[str, Any], *, source: Path | None = None, root: Path | None = None) -> Settings:
    """Validate a configuration table and turn it into Settings."""
    where = str(source) if source else "configuration"
    for key in table:
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{_suggest(key, _KEYS)}")
    settings = Settings(
        select=_codes(table, "select", where) or ("ALL",),
        extend_select=_codes(table, "extend-select", where),
        ignore=_codes(table, "ignore", where),
        severity=_severity_table(table.get("severity", {}), where),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), where),
        rule_options=_rule_options(table.get("rules", {}), where),
        fail_on=_severity(table.get("fail-on", "error"), f"{where}: fail-on"),
        fail_under=_percent(table.get("fail-under"), where),
        exclude=_strings(table, "exclude", where),
        max_file_size=_positive_int(table.get("max-file-size", LoadLimits().max_file_size), f"{where}: max-file-size"),
        source=source,
        root=root or Path.cwd(),
        analytics=_analytics(table, where, source),
    )
    _check_codes(settings)
    return settings


# --- validation helpers ----------------------------------------------------------------------------


def _analytics(table: Mapping[str, Any], where: str, source: Path | None) -> AnalyticsChoices | None:
    from journeykit.analytics.config import parse_table

    return None if "analytics" not in table else parse_table(table["analytics"], where, source and source.parent)


def _rules() -> Mapping[str, Rule]:
    from journeykit.rules.registry import all_rules

    return all_rules()


def _check_codes(settings: Settings) -> None:
    """Every code or prefix must name at least one configurable rule."""
    groups = {
        "select": settings.select,
        "extend-select": settings.extend_select,
        "ignore": settings.ignore,
        "severity": tuple(settings.severity),
    }
    for pattern, codes in settings.per_file_ignores.items():
        groups[f"per-file-ignores '{pattern}'"] = codes
    for group, codes in groups.items():
        for code in codes:
            check_code(code, group)


def check_code(code: str, where: str) -> None:
    """Raise ConfigError unless `code` (a code or prefix such as JK5, or ALL) names configurable rules."""
    rules = _rules()
    if code == "ALL":
        return
    matching = [r for r in rules.values() if r.code.startswith(code)]
    if not matching:
        raise ConfigError(f"{where}: unknown rule code '{code}'{_suggest(code, list(rules))}")
    if not any(r.configurable for r in matching):
        raise ConfigError(
            f"{where}: '{code}' cannot be selected or ignored: JK0xx-JK2xx findings mean the map cannot be read"
        )


def _codes(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in _strings(table, key, where))


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _severity(value: Any, where: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected error, warning or info, got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None


def _severity_table(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'severity' must be a table such as {{ JK507 = \"error\" }}")
    levels: dict[str, str] = {}
    for code, level in value.items():
        level_text = str(level).lower()
        if level_text != OFF:
            _severity(level, f"{where}: severity.{code}")
        levels[code.upper()] = level_text
    return levels


def _per_file_ignores(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
    return {pattern: _codes(value, pattern, f"{where}: per-file-ignores") for pattern in value}


def _rule_options(value: Any, where: str) -> dict[str, dict[str, OptionValue]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'rules' must be a table of rule tables, such as [rules.JK507]")
    rules = _rules()
    by_name = {r.name: r for r in rules.values()}
    options: dict[str, dict[str, OptionValue]] = {}
    for key, given in value.items():
        rule = rules.get(key.upper()) or by_name.get(key)
        if rule is None:
            raise ConfigError(f"{where}: rules.{key}: unknown rule{_suggest(key, [*rules, *by_name])}")
        if not isinstance(given, dict):
            raise ConfigError(f"{where}: rules.{key} must be a table of options")
        declared = {o.name: o for o in rule.options}
        checked: dict[str, OptionValue] = {}
        for name, option_value in given.items():
            option = declared.get(name)
            if option is None:
                known = f" (it has: {', '.join(declared)})" if declared else " (it has no options)"
                raise ConfigError(
                    f"{where}: rules.{key}: unknown option '{name}'{_suggest(name, list(declared))}{known}"
                )
            try:
                checked[name] = option.validate(option_value)
            except ValueError as error:
                raise ConfigError(f"{where}: rules.{key}.{name} {error}") from None
        options[rule.code] = checked
    return options


def _percent(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ConfigError(f"{where}: 'fail-under' must be a percentage from 0 to 100, got {value!r}")
    return float(value)


def _positive_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ConfigError(f"{where}: expected a positive number of bytes, got {value!r}")
    return value


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _longest_match(code: str, prefixes: Sequence[str]) -> int:
    best = 0
    for prefix in prefixes:
        length = 1 if prefix == "ALL" else len(prefix) + 1
        if (prefix == "ALL" or code.startswith(prefix)) and length > best:
            best = length
    return best


_GLOBS: dict[str, pathspec.GitIgnoreSpec] = {}


def _glob(pattern: str) -> pathspec.GitIgnoreSpec:
    if pattern not in _GLOBS:
        _GLOBS[pattern] = pathspec.GitIgnoreSpec.from_lines([pattern])
    return _GLOBS[pattern]
