"""git integration through real git: the external diff driver and textconv, configured as docs/diff.md says."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, MINIMAL, GitRepo

BASE = (FIXTURES / "diff" / "base.journey.yaml").read_text(encoding="utf-8")
HEAD = (FIXTURES / "diff" / "head.journey.yaml").read_text(encoding="utf-8")
JOURNEYKIT = f"{shlex.quote(sys.executable)} -m journeykit"
CATALOG = "journeykit: 1\nkind: catalog\npersonas:\n  - id: shared\n    name: Shared\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.git("config", "diff.journeykit.command", f"{JOURNEYKIT} diff --git-driver")
    repo.git("config", "diff.journeykit.textconv", f"{JOURNEYKIT} diff --textconv")
    repo.commit(
        "attributes",
        {
            ".gitattributes": "*.journey.yaml diff=journeykit\n*.catalog.yaml diff=journeykit\n",
            "shop.journey.yaml": BASE,
        },
    )
    return repo


def test_git_diff_shows_journey_changes(repo: GitRepo) -> None:
    (repo.root / "shop.journey.yaml").write_text(HEAD, encoding="utf-8")
    shown = repo.git("diff")
    assert shown.startswith("journeykit diff a/shop.journey.yaml b/shop.journey.yaml\n")
    assert "event-removed" in shown and "event 'ad_view' is no longer recorded at touchpoint 'ad'" in shown
    assert "touchpoint-moved" in shown and "store-visit" in shown
    assert "emotion-changed" in shown
    assert "@@" not in shown  # not a line diff


def test_git_log_shows_facts_through_textconv(repo: GitRepo) -> None:
    repo.commit("change", {"shop.journey.yaml": HEAD})
    patch = repo.git("log", "-p", "-1", "--format=")
    assert "-touchpoint ad event: ad_view\n" in patch
    assert "+touchpoint ad channel: app\n" in patch
    assert "-experience shopper@discovery emotion: +1 (positive)\n" in patch
    assert "+experience shopper@discovery emotion: -1 (negative)\n" in patch
    assert "+coverage shopper@purchase: partial: lacks tasks\n" in patch


def test_textconv_ignores_layout(repo: GitRepo) -> None:
    """Moving an item in the file is not a change of the journey: textconv output is sorted by id."""
    lines = BASE.splitlines(keepends=True)
    start = lines.index("  - id: checkout\n")
    block = lines[start : start + 7]
    del lines[start : start + 7]
    first = lines.index("  - id: ad\n")
    reordered = "".join(lines[:first] + block + lines[first:])
    repo.commit("reorder", {"shop.journey.yaml": reordered})
    assert repo.git("log", "-p", "-1", "--format=") == ""
    assert repo.git("diff", "HEAD~1", "--ext-diff").endswith("no journey changes\n")


def test_a_broken_file_is_reported_and_git_goes_on(repo: GitRepo) -> None:
    repo.commit("second map", {"other.journey.yaml": MINIMAL})
    (repo.root / "shop.journey.yaml").write_text("journeykit: 1\nkind: journey\nid: shop\ntitle: [oops\n")
    (repo.root / "other.journey.yaml").write_text(MINIMAL.replace("Checkout", "Check-out"))
    shown = repo.git("diff")
    assert "map-broken" in shown and "JK003" in shown
    assert "journeykit diff a/other.journey.yaml" in shown  # git did not stop at the broken file
    repo.commit("broken")
    patch = repo.git("log", "-p", "-1", "--format=", "--", "shop.journey.yaml")
    assert "+journeykit: cannot read this file: JK003" in patch


def test_added_deleted_and_renamed_files(repo: GitRepo) -> None:
    repo.git("mv", "shop.journey.yaml", "store.journey.yaml")
    repo.commit("rename")
    renamed = repo.git("diff", "-M", "HEAD~1", "HEAD")
    assert "journeykit diff a/shop.journey.yaml b/store.journey.yaml" in renamed
    assert "map-moved" in renamed
    repo.commit("add", {"new.journey.yaml": MINIMAL})
    assert "map-added" in repo.git("diff", "HEAD~1", "HEAD")
    repo.commit("delete", remove=["new.journey.yaml"])
    assert "map-removed" in repo.git("diff", "HEAD~1", "HEAD")


def test_a_map_sees_the_working_trees_catalogs(repo: GitRepo) -> None:
    uses = MINIMAL.replace("stages:", "personas: [shared]\nstages:")
    repo.commit("catalog", {"people.catalog.yaml": CATALOG, "uses.journey.yaml": uses})
    (repo.root / "uses.journey.yaml").write_text(uses.replace("personas: [shared]\n", ""), encoding="utf-8")
    shown = repo.git("diff", "--", "uses.journey.yaml")
    assert "persona-removed" in shown and "JK201" not in shown


def test_a_catalog_diff_lists_its_definitions(repo: GitRepo) -> None:
    repo.commit("catalog", {"people.catalog.yaml": CATALOG})
    (repo.root / "people.catalog.yaml").write_text(CATALOG.replace("name: Shared", "name: Everyone"))
    shown = repo.git("diff")
    assert "-persona shared: name: Shared" in shown and "+persona shared: name: Everyone" in shown


def test_driver_arguments_are_checked(tmp_path: Path) -> None:
    import subprocess

    run = subprocess.run(
        [sys.executable, "-m", "journeykit", "diff", "--git-driver", "a", "b"], capture_output=True, text=True
    )
    assert run.returncode == 2 and "7 arguments" not in run.stderr and "path old-file" in run.stderr
    unmerged = subprocess.run(
        [sys.executable, "-m", "journeykit", "diff", "--git-driver", "x.journey.yaml"], capture_output=True, text=True
    )
    assert unmerged.returncode == 0 and "unmerged" in unmerged.stdout
