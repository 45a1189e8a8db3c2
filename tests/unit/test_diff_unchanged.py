"""Which maps a diff leaves out: identical bytes, identical catalogs above, one plain top-level id."""

from __future__ import annotations

from journeykit.diff.sides import Tree
from journeykit.diff.unchanged import unchanged_maps
from tests.helpers import MINIMAL

CATALOG = b"journeykit: 1\nkind: catalog\n"


def tree(files: dict[str, bytes]) -> Tree:
    return Tree(files, tuple(files), {name: name for name in files})


def test_identical_maps_are_left_out_with_their_ids() -> None:
    same = MINIMAL.encode()
    base = tree({"a/m.journey.yaml": same, "a/n.journey.yaml": same.replace(b"Checkout", b"Check")})
    head = tree({"a/m.journey.yaml": same, "a/n.journey.yaml": same})
    assert unchanged_maps(base, head) == {"a/m.journey.yaml": "checkout"}


def test_a_changed_catalog_keeps_the_maps_below_it() -> None:
    same = MINIMAL.encode()
    files = {"x.catalog.yaml": CATALOG, "a/m.journey.yaml": same, "b/m.journey.yaml": same}
    changed = {**files, "a/c.catalog.yaml": CATALOG + b"description: new\n"}
    assert unchanged_maps(tree(files), tree(changed)) == {"b/m.journey.yaml": "checkout"}
    assert unchanged_maps(tree(files), tree({**files, "x.catalog.yaml": CATALOG + b"# edited\n"})) == {}


def test_a_map_without_one_plain_id_line_is_never_left_out() -> None:
    flow = b"{journeykit: 1, kind: journey, id: x, title: X, stages: [{id: s, name: S}]}\n"
    quoted = MINIMAL.replace("id: checkout", 'id: "checkout"  # the map').encode()
    twice = MINIMAL.replace("title: Checkout", "id: again\ntitle: Checkout").encode()
    files = {"flow.journey.yaml": flow, "quoted.journey.yaml": quoted, "twice.journey.yaml": twice}
    assert unchanged_maps(tree(files), tree(files)) == {"quoted.journey.yaml": "checkout"}


def test_only_files_both_sides_check() -> None:
    same = MINIMAL.encode()
    base = Tree({"m.journey.yaml": same}, ("m.journey.yaml",), {"m.journey.yaml": "m.journey.yaml"})
    head = Tree({"m.journey.yaml": same}, (), {"m.journey.yaml": "m.journey.yaml"})
    assert unchanged_maps(base, head) == {}
