"""The diff on mutated maps: it never crashes, in any format; a map against itself is empty; and
reordering items (anything but stages, whose order means something) changes nothing.
"""

from __future__ import annotations

import copy
import datetime
import io
import random
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeykit.analysis import analyze_files
from journeykit.checks import with_lint
from journeykit.config import Settings
from journeykit.diff.changes import DiffReport, Side
from journeykit.diff.compare import compare
from journeykit.diff.reporters import DIFF_FORMATS
from journeykit.diff.sides import Snapshot
from journeykit.loader import load_text
from journeykit.reporters import ReportContext
from tests.helpers import FIXTURES
from tests.property.mutations import mutate

SETTINGS = Settings()
TODAY = datetime.date(2026, 11, 22)
MAPS = [
    load_text((FIXTURES / name).read_text(encoding="utf-8"), name).source.data
    for name in ("valid/complete.journey.yaml", "diff/base.journey.yaml", "diff/head.journey.yaml")
]
PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LISTS = ("personas", "touchpoints", "experiences", "interactions", "evidence", "channels", "teams")


def snapshot(text: str, label: str) -> Snapshot:
    checked = with_lint(analyze_files({"maps/m.journey.yaml": text}, SETTINGS), SETTINGS, TODAY)
    return Snapshot(Side(label), checked, {name: name for name in checked.analysis.sources})


def diff(before: str, after: str) -> DiffReport:
    return compare(snapshot(before, "a"), snapshot(after, "b"), SETTINGS.diff)


def dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def semantic(data: st.DataObject, document: Any) -> Any:
    """Changes a map author makes: drop an item, rename an id, move a touchpoint, change an emotion."""
    document = copy.deepcopy(document)
    for _ in range(data.draw(st.integers(1, 4))):
        key = data.draw(st.sampled_from([*LISTS, "stages"]))
        items = document.get(key)
        if not isinstance(items, list) or not items:
            continue
        index = data.draw(st.integers(0, len(items) - 1))
        item = items[index]
        operation = data.draw(st.sampled_from(["drop", "rename", "move", "emotion", "text"]))
        if operation == "drop":
            del items[index]
        elif operation == "rename" and isinstance(item, dict) and "id" in item:
            item["id"] = f"{item['id']}-x"
        elif operation == "move" and isinstance(item, dict) and "stage" in item:
            item["stage"] = data.draw(st.sampled_from([s["id"] for s in document["stages"]]))
        elif operation == "emotion" and isinstance(item, dict) and "persona" in item:
            item["emotion"] = data.draw(st.integers(-2, 2))
        elif operation == "text" and isinstance(item, dict) and "name" in item:
            item["name"] = data.draw(st.text(max_size=20)) or "x"
    return document


def report_everywhere(report: DiffReport) -> None:
    for name in DIFF_FORMATS.names:
        out = io.StringIO()
        DIFF_FORMATS.get(name).report(report, out, ReportContext("diff"))
        assert out.getvalue()


@PROPERTY_SETTINGS
@given(st.data())
def test_structural_mutations_never_crash_the_diff(data: st.DataObject) -> None:
    document = data.draw(st.sampled_from(MAPS))
    before = dump(mutate(data, document))
    after = dump(mutate(data, document))
    report_everywhere(diff(before, after))
    same = diff(before, before)
    assert same.empty, same.changes


@PROPERTY_SETTINGS
@given(st.data())
def test_semantic_mutations_never_crash_and_a_map_equals_itself(data: st.DataObject) -> None:
    document = data.draw(st.sampled_from(MAPS))
    before = dump(semantic(data, document))
    after = dump(semantic(data, document))
    report = diff(before, after)
    report_everywhere(report)
    assert all(c.kind and c.message for c in report.changes)
    assert diff(after, after).empty


@PROPERTY_SETTINGS
@given(st.data())
def test_reordering_items_changes_nothing(data: st.DataObject) -> None:
    document = data.draw(st.sampled_from(MAPS))
    shuffled = copy.deepcopy(document)
    seed = data.draw(st.integers(0, 2**16))
    for key in LISTS:
        if isinstance(shuffled.get(key), list):
            random.Random(seed).shuffle(shuffled[key])
    report = diff(dump(document), dump(shuffled))
    assert report.changes == (), [c.message for c in report.changes]
