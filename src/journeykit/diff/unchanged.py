"""Which map files a diff can leave out: the same bytes on both sides, seeing the same catalogs.

Such a map has the same model, coverage and findings on both sides (the pipeline is a function of
the file, the catalogs it sees and the `--as-of` date), so comparing it can only find nothing. A
pull request that edits 3 maps of 500 then costs the analysis of 3 maps per side, not 500.

The one finding that crosses files is a map id used twice (JK205), and map ids are what maps are
matched by: so each left-out map's id is read from its top-level `id:` line, a map without such a
plain line is never left out, and when a left-out id is also the id of a map that was analysed,
the caller compares everything instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from journeykit.diff.sides import Snapshot, Tree
from journeykit.discover import is_catalog_name, is_map_name

_ID_LINE = re.compile(rb"""^id:[ \t]*(["']?)([a-z0-9]+(?:-[a-z0-9]+)*)\1[ \t]*(?:#[^\n]*)?\r?$""", re.MULTILINE)


def unchanged_maps(base: Tree, head: Tree) -> dict[str, str]:
    """Map files both sides check with the same bytes, no catalog above them changed: path → map id."""
    dirty = _changed_catalog_directories(base, head)
    head_targets = set(head.targets)
    found = {}
    for path in base.targets:
        if path not in head_targets or not is_map_name(PurePosixPath(path).name):
            continue
        content = base.files.get(path)
        if content is None or content != head.files.get(path):
            continue
        directory = PurePosixPath(path).parent
        if any(d == directory or d in directory.parents for d in dirty):
            continue
        ids = _ID_LINE.findall(content)
        if len(ids) == 1:
            found[path] = ids[0][1].decode("ascii")
    return found


def collides(left_out: Iterable[str], *sides: Snapshot) -> bool:
    """Whether a left-out map's id is also the id of a map a side analysed (JK205, or a map to match)."""
    ids = set(left_out)
    return any(m.journey.id in ids for side in sides for m in side.checked.maps)


def _changed_catalog_directories(base: Tree, head: Tree) -> set[PurePosixPath]:
    catalogs = {p for p in (*base.files, *head.files) if is_catalog_name(PurePosixPath(p).name)}
    return {PurePosixPath(p).parent for p in catalogs if base.files.get(p) != head.files.get(p)}
