"""Wording that every diff format shares: how a side is named, the one-line summary."""

from __future__ import annotations

from journeykit.diff.changes import DiffReport, Side
from journeykit.present import plural


def side_name(side: Side) -> str:
    """`main (3f2a1b9c0d1e)`, `working tree`, `old.journey.yaml`."""
    return side.name


def summary(diff: DiffReport) -> str:
    """`2 errors and 3 infos in 2 maps; 1 finding added, 2 fixed`."""
    maps = {c.map or c.file for c in diff.changes}
    text = diff.counts_phrase()
    if diff.changes:
        text += f" in {plural(len(maps), 'map')}"
    if diff.added or diff.fixed:
        text += f"; {plural(len(diff.added), 'finding')} added, {len(diff.fixed)} fixed"
    return text
