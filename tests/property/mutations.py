"""Random damage to a map's data: random values put at random places, keys dropped.

Shared by the property tests of the whole pipeline (test_never_crash) and of diff (test_diff_properties).
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)
"""Any YAML-like value: scalars of every type, small lists and mappings of them."""


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in `node`: the keys and indices that lead to it, `node` itself first."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(paths(value, (*prefix, index)))
    return found


def mutate(data: st.DataObject, document: Any, places: list[tuple[Any, ...]] | None = None) -> Any:
    """A copy of `document` with one to three of its `places` (default: all but the root) replaced by a
    random value or, in a mapping, removed."""
    document = copy.deepcopy(document)
    places = places if places is not None else paths(document)[1:]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(places))
        parent = document
        try:
            for part in path[:-1]:
                parent = parent[part]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue
    return document
