"""Pairing items of two sides by id, and what is left over by a key (a rename)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

T = TypeVar("T")


class Matched:
    """Ids on both sides, ids on one side only, and renames (BASE id → HEAD id)."""

    def __init__(self) -> None:
        self.pairs: list[tuple[str, str]] = []
        self.removed: list[str] = []
        self.added: list[str] = []
        self.renames: dict[str, str] = {}


def match(base: Mapping[str, T], head: Mapping[str, T], key: Callable[[T], Hashable]) -> Matched:
    """Pair items by id; pair what is left by `key` when exactly one item on each side has it."""
    matched = Matched()
    removed = [i for i in base if i not in head]
    added = [i for i in head if i not in base]
    by_key_base: dict[Hashable, list[str]] = defaultdict(list)
    by_key_head: dict[Hashable, list[str]] = defaultdict(list)
    for item in removed:
        by_key_base[key(base[item])].append(item)
    for item in added:
        by_key_head[key(head[item])].append(item)
    for shared, olds in by_key_base.items():
        news = by_key_head.get(shared, [])
        if len(olds) == 1 and len(news) == 1:
            matched.renames[olds[0]] = news[0]
    renamed_to = set(matched.renames.values())
    matched.pairs = [(i, i) for i in base if i in head] + list(matched.renames.items())
    matched.removed = [i for i in removed if i not in matched.renames]
    matched.added = [i for i in added if i not in renamed_to]
    return matched
