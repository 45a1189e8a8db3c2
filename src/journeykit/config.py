"""Configuration: journeykit.toml or [tool.journeykit] in pyproject.toml, validated strictly.

An unknown key, rule code or rule option is a ConfigError that names it (exit 2), so
a typo in CI configuration cannot silently switch a check off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pathspec

from journeykit.codes.base import Rule
from journeykit.diff.settings import DiffSettings, diff_settings
from journeykit.errors import ConfigError
from journeykit.files import journeykit_table, read_toml
from journeykit.findings import Severity
from journeykit.loader import LoadLimits
from journeykit.present import suggestion
from journeykit.rules.base import OptionValue, options_of

if TYPE_CHECKING:
    from journeykit.analytics.settings import AnalyticsChoices

CONFIG_FILE = "journeykit.toml"
MAX_FILE_SIZE_LIMIT = 1024 * 1024 * 1024
"""`max-file-size` may not exceed 1 GiB: beyond that no map is a map, and memory would run out first."""
OFF = "off"


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
    jobs: int | None = None
    """Worker processes for directories with many maps; 1 checks in this process; 0 or None: one per CPU."""
    allow_empty: bool = False
    """`allow-empty`: paths that hold no map or catalog are not an error."""
    line_width: int = 120
    """`[format] line-width`: where `journeykit format` folds long text."""
    diff: DiffSettings = field(default_factory=DiffSettings)
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
            "allow-empty": self.allow_empty,
            "format": {"line-width": self.line_width},
            "diff": self.diff.as_dict(),
            "jobs": self.jobs,
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
    document = read_toml(path)
    if path.name == "pyproject.toml":
        table = journeykit_table(document)
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
    "allow-empty",
    "format",
    "diff",
    "jobs",
    "analytics",
)


def settings_from_table(table: Mapping[str, Any], *, source: Path | None = None, root: Path | None = None) -> Settings:
    """Validate a configuration table and turn it into Settings."""
    where = str(source) if source else "configuration"
    for key in table:
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{suggestion(key, _KEYS)}")
    settings = Settings(
        select=_codes(table, "select", where) or ("ALL",),
        extend_select=_codes(table, "extend-select", where),
        ignore=_codes(table, "ignore", where),
        severity=_severity_table(table.get("severity", {}), where),
        per_file_ignores=_per_file_ignores(table.get("per-file-ignores", {}), where),
        rule_options=_rule_options(table.get("rules", {}), where),
        fail_on=_severity(table.get("fail-on", "error"), f"{where}: fail-on"),
        fail_under=_percent(table.get("fail-under"), where),
        exclude=_globs(_strings(table, "exclude", where), f"{where}: exclude"),
        allow_empty=_boolean(table.get("allow-empty", False), f"{where}: allow-empty"),
        max_file_size=_file_size(table.get("max-file-size", LoadLimits().max_file_size), f"{where}: max-file-size"),
        line_width=_line_width(table.get("format", {}), where),
        diff=diff_settings(table.get("diff", {}), where),
        jobs=_jobs(table.get("jobs"), f"{where}: jobs"),
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
        raise ConfigError(f"{where}: unknown rule code '{code}'{suggestion(code, list(rules))}")
    if not any(r.configurable for r in matching):
        raise ConfigError(
            f"{where}: '{code}' cannot be selected or ignored: JK0xx-JK2xx findings mean the map cannot be read"
        )


def _codes(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    return tuple(code.strip().upper() for code in _strings(table, key, where))


def _strings(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        items = ", ".join(f'"{item.strip()}"' for item in value.split(",") if item.strip()) or '"..."'
        raise ConfigError(f"{where}: '{key}' must be a list, such as {key} = [{items}]")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


def _globs(patterns: Sequence[str], where: str) -> tuple[str, ...]:
    """Patterns that gitignore syntax accepts; a bad one is named now, not when a file is first matched."""
    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except Exception as error:  # pathspec raises its own error types, and ValueError/IndexError on some
            raise ConfigError(f"{where}: {pattern!r} is not a valid glob: {error}") from None
    return tuple(patterns)


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
        if not isinstance(level, str) or level.strip().lower() not in (*(s.label for s in Severity), OFF):
            raise ConfigError(f"{where}: severity.{code}: expected error, warning, info or off, got {level!r}")
        levels[code.upper()] = level.strip().lower()
    return levels


def _per_file_ignores(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
    _globs(list(value), f"{where}: per-file-ignores")
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
            raise ConfigError(f"{where}: rules.{key}: unknown rule{suggestion(key, [*rules, *by_name])}")
        if not isinstance(given, dict):
            raise ConfigError(f"{where}: rules.{key} must be a table of options")
        declared = {o.name: o for o in options_of(rule)}
        checked: dict[str, OptionValue] = {}
        for name, option_value in given.items():
            option = declared.get(name)
            if option is None:
                known = f" (it has: {', '.join(declared)})" if declared else " (it has no options)"
                raise ConfigError(
                    f"{where}: rules.{key}: unknown option '{name}'{suggestion(name, list(declared))}{known}"
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


def _file_size(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_FILE_SIZE_LIMIT:
        raise ConfigError(
            f"{where}: expected a number of bytes from 1 to {MAX_FILE_SIZE_LIMIT:,} (1 GiB), got {value!r}"
        )
    return value


def _line_width(value: Any, where: str) -> int:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'format' must be a table such as [format] line-width = 100")
    for key in value:
        if key != "line-width":
            raise ConfigError(f"{where}: format: unknown key '{key}'{suggestion(key, ['line-width'])}")
    width = value.get("line-width", 120)
    if isinstance(width, bool) or not isinstance(width, int) or not 40 <= width <= 1000:
        raise ConfigError(f"{where}: format.line-width must be a whole number from 40 to 1000, got {width!r}")
    return width


def _boolean(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{where}: expected true or false, got {value!r}")
    return value


MAX_JOBS = 256


def _jobs(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_JOBS:
        raise ConfigError(f"{where}: expected a number of processes from 0 (one per CPU) to {MAX_JOBS}, got {value!r}")
    return value
