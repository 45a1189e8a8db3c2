"""The `[diff]` table of the configuration: per-kind levels and the failing level, validated strictly.

```toml
[diff]
fail-on = "warning"

[diff.levels]
coverage-changed = "warning"
finding-fixed = "off"
```

An unknown key or kind is a ConfigError that names it with the closest valid name, as for rule
severities.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from journeykit.diff.kinds import KINDS, Kind
from journeykit.errors import ConfigError
from journeykit.findings import Severity
from journeykit.present import suggestion

OFF = "off"
_KEYS = ("levels", "fail-on")


@dataclass(frozen=True)
class DiffSettings:
    """Level overrides by kind (None: the kind is not reported) and the level that fails the run."""

    levels: Mapping[str, Severity | None] = field(default_factory=dict)
    fail_on: Severity = Severity.ERROR

    def level(self, kind: Kind, natural: Severity) -> Severity | None:
        """The level a change of `kind` is reported at, or None when the configuration turns it off."""
        if kind.name in self.levels:
            return self.levels[kind.name]
        return natural

    def as_dict(self) -> dict[str, Any]:
        """The settings as `--show-settings` prints them."""
        return {
            "fail-on": self.fail_on.label,
            "levels": {name: level.label if level else OFF for name, level in self.levels.items()},
        }


def diff_settings(value: Any, where: str) -> DiffSettings:
    """Validate the `[diff]` table of a configuration file."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'diff' must be a table such as [diff.levels]")
    for key in value:
        if key not in _KEYS:
            raise ConfigError(f"{where}: diff: unknown key '{key}'{suggestion(key, _KEYS)}")
    fail_on = _level(value.get("fail-on", "error"), f"{where}: diff.fail-on", "error, warning or info")
    levels = value.get("levels", {})
    if not isinstance(levels, dict):
        raise ConfigError(f'{where}: diff.levels must be a table such as {{ coverage-changed = "warning" }}')
    checked: dict[str, Severity | None] = {}
    for name, level in levels.items():
        if name not in KINDS:
            raise ConfigError(f"{where}: diff.levels: unknown change kind '{name}'{suggestion(name, list(KINDS))}")
        off = isinstance(level, str) and level.strip().lower() == OFF
        checked[name] = None if off else _level(level, f"{where}: diff.levels.{name}", "error, warning, info or off")
    return DiffSettings(checked, fail_on)


def _level(value: Any, where: str, choices: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected {choices}, got {value!r}")
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(f"{where}: unknown level {value!r}: use {choices}") from None
