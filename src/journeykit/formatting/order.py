"""The canonical order of keys: the property order of schemas/journeymap.schema.json.

docs/format.md lists fields in the same order (a test checks), so the schema is the one
place the order is written down. Keys the format does not define (`x-...`, or a typo that
validate reports) keep their place after the key they followed.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from journeykit.resources import schema_path

KindPath = tuple[str, ...]


@functools.cache
def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return data


def _definition_name(node: Any) -> str | None:
    """The `$defs` name an object value or list item refers to, looking through items, if/then/else, anyOf."""
    if not isinstance(node, dict):
        return None
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.rsplit("/", 1)[1]
        return name if "properties" in _schema()["$defs"].get(name, {}) else None
    for key in ("items", "then", "else"):
        found = _definition_name(node.get(key))
        if found:
            return found
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, ()):
            found = _definition_name(option)
            if found:
                return found
    return None


@functools.cache
def field_order(definition: str) -> tuple[str, ...]:
    """The fields of a schema definition (`journey`, `touchpoint`, ...) in their canonical order."""
    return tuple(_schema()["$defs"][definition]["properties"])


@functools.cache
def child_definition(definition: str, key: str) -> str | None:
    """The definition of the object (or of the list items) under `key` of `definition`."""
    prop = _schema()["$defs"][definition]["properties"].get(key)
    return _definition_name(prop)


def root_definition(data: Any) -> str | None:
    """`journey` or `catalog` for a map or catalog, None for anything else."""
    if isinstance(data, Mapping):
        kind = data.get("kind")
        if kind in ("journey", "catalog"):
            return str(kind)
    return None


@functools.cache
def _rank(definition: str) -> dict[str, int]:
    return {name: index for index, name in enumerate(field_order(definition))}


def ordered_keys(keys: Sequence[Any], definition: str) -> list[Any]:
    """`keys` in canonical order; undefined keys travel with the defined key they follow."""
    rank = _rank(definition)
    groups: list[tuple[int, list[Any]]] = [(-1, [])]  # keys before any defined key stay first
    for key in keys:
        if key in rank:
            groups.append((rank[key], [key]))
        else:
            groups[-1][1].append(key)
    groups.sort(key=lambda group: group[0])  # stable: equal ranks (duplicates) keep their order
    return [key for _, members in groups for key in members]
