"""`journeykit diff` through the real entry point, on real git repositories built in a temporary directory.

One repository holds a `main` branch and a `feature` branch made from it; `main` moves on after
the branch point, so `main...feature` (from the merge base) and `main feature` differ. The feature
changes one rich map in every way the catalogue knows, renames a map file, breaks one map and
repairs another. Each change kind is asserted with its level, ids, before and after and location.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from journeykit.diff.kinds import KINDS
from tests.helpers import EXAMPLES, FIXTURES, MINIMAL, CliRun, GitRepo, line_of, write

AS_OF = "2026-11-22"
BASE = (FIXTURES / "diff" / "base.journey.yaml").read_text(encoding="utf-8")
HEAD = (FIXTURES / "diff" / "head.journey.yaml").read_text(encoding="utf-8")
BROKEN = "journeykit: 1\nkind: journey\nid: breaking\ntitle: [unclosed\n"
LONELY = MINIMAL.replace("id: checkout", "id: moving").replace(
    "stages:", "personas:\n  - id: loner\n    name: Loner\nstages:"
)
"""A map with a finding (JK401: a persona without experiences), to follow across a file move."""


def small(map_id: str, title: str = "A map") -> str:
    return MINIMAL.replace("id: checkout", f"id: {map_id}").replace("title: Checkout", f"title: {title}")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> GitRepo:
    """main: A (base) → C; feature: A → B (every change). Checked out: feature, clean."""
    repo = GitRepo(tmp_path_factory.mktemp("history") / "repo")
    repo.commit(
        "base",
        {
            "maps/shop.journey.yaml": BASE,
            "maps/legacy.journey.yaml": small("legacy"),
            "maps/promo.journey.yaml": small("promo-map", "Promotions"),
            "maps/moving.journey.yaml": LONELY,
            "maps/breaking.journey.yaml": small("breaking"),
            "maps/repaired.journey.yaml": BROKEN.replace("breaking", "repaired"),
            "maps/steady.journey.yaml": LONELY.replace("id: moving", "id: steady"),
        },
    )
    repo.git("checkout", "-q", "-b", "feature")
    (repo.root / "archive").mkdir(exist_ok=True)
    repo.git("mv", "maps/moving.journey.yaml", "archive/moving.journey.yaml")
    repo.commit(
        "feature",
        {
            "maps/shop.journey.yaml": HEAD,
            "maps/promo.journey.yaml": small("promotions-map", "Promotions"),
            "maps/breaking.journey.yaml": BROKEN,
            "maps/repaired.journey.yaml": small("repaired"),
            "maps/new.journey.yaml": small("new-map", "New"),
        },
        remove=["maps/legacy.journey.yaml"],
    )
    repo.git("checkout", "-q", "main")
    repo.commit("main moves on", {"maps/mainline.journey.yaml": small("mainline")})
    repo.git("checkout", "-q", "feature")
    return repo


@pytest.fixture
def in_repo(history: GitRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    monkeypatch.chdir(history.root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return history


def changes_of(run: CliRun) -> list[dict[str, Any]]:
    assert run.stderr == "", run.stderr
    changes: list[dict[str, Any]] = json.loads(run.stdout)["changes"]
    return changes


def one(changes: list[dict[str, Any]], kind: str, subject: str, **fields: Any) -> dict[str, Any]:
    """The only change of this kind and subject (and fields, when given)."""
    found = [
        c
        for c in changes
        if c["kind"] == kind and c["subject"] == subject and all(c[k] == v for k, v in fields.items())
    ]
    assert len(found) == 1, f"{kind} {subject} {fields}: {found or [(c['kind'], c['subject']) for c in changes]}"
    return found[0]


SHOP = "maps/shop.journey.yaml"


def at(change: dict[str, Any], needle: str, occurrence: int = 1, file: str = SHOP) -> None:
    """The change points at the line of HEAD's file that contains `needle`."""
    text = HEAD if file == SHOP else (Path.cwd() / file).read_text(encoding="utf-8")
    assert (change["file"], change["line"]) == (file, line_of(text, needle, occurrence)), change


@pytest.fixture(scope="module")
def feature_changes(history: GitRepo) -> list[dict[str, Any]]:
    import os

    from journeykit.cli import main

    cwd = Path.cwd()
    os.chdir(history.root)
    try:
        import contextlib
        import io

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["diff", "main...feature", "--format", "json", "--as-of", AS_OF])
    finally:
        os.chdir(cwd)
    assert code == 1, err.getvalue()  # event-removed is an error
    return changes_of(CliRun(code, out.getvalue(), err.getvalue()))


# --- every kind, with its level, ids, before, after and location --------------------------------


def test_map_level_changes(feature_changes: list[dict[str, Any]], in_repo: GitRepo) -> None:
    c = feature_changes
    assert one(c, "map-added", "new-map")["level"] == "warning"
    at(one(c, "map-added", "new-map"), "id: new-map", file="maps/new.journey.yaml")
    removed = one(c, "map-removed", "legacy")
    assert (removed["level"], removed["before"], removed["line"]) == ("warning", "legacy", None)
    renamed = one(c, "map-renamed", "promotions-map")
    assert (renamed["level"], renamed["before"], renamed["after"]) == ("info", "promo-map", "promotions-map")
    at(renamed, "id: promotions-map", file="maps/promo.journey.yaml")
    moved = one(c, "map-moved", "moving")
    assert (moved["before"], moved["after"], moved["level"]) == (
        "maps/moving.journey.yaml",
        "archive/moving.journey.yaml",
        "info",
    )
    at(moved, "id: moving", file="archive/moving.journey.yaml")
    broken = one(c, "map-broken", "breaking")
    assert broken["level"] == "error"
    assert (broken["file"], broken["line"]) == ("maps/breaking.journey.yaml", 5)
    assert "JK003" in broken["message"]
    repaired = one(c, "map-repaired", "repaired")
    assert (repaired["level"], repaired["after"]) == ("info", "repaired")
    at(repaired, "id: repaired", file="maps/repaired.journey.yaml")
    assert not [x for x in c if x["kind"] in ("map-removed", "map-added") and x["subject"] in ("breaking", "repaired")]


def test_a_moved_map_keeps_its_findings(feature_changes: list[dict[str, Any]]) -> None:
    """JK401 of the moved map is the same finding in its new file: neither added nor fixed."""
    findings = [x for x in feature_changes if x["kind"].startswith("finding-") and "loner" in x["message"]]
    assert findings == []


def test_persona_and_stage_changes(feature_changes: list[dict[str, Any]]) -> None:
    c = feature_changes
    added = one(c, "persona-added", "newcomer")
    assert (added["level"], added["after"], added["persona"]) == ("warning", "newcomer", "newcomer")
    at(added, "id: newcomer")
    removed = one(c, "persona-removed", "leaver")
    assert (removed["level"], removed["before"]) == ("warning", "leaver")
    at(removed, "personas:")
    renamed = one(c, "persona-renamed", "browsing-shopper")
    assert (renamed["level"], renamed["before"], renamed["after"]) == ("info", "browser", "browsing-shopper")
    at(renamed, "id: browsing-shopper")
    stage = one(c, "stage-added", "loyalty")
    assert (stage["level"], stage["stage"]) == ("warning", "loyalty")
    at(stage, "id: loyalty")
    stage_removed = one(c, "stage-removed", "returns")
    assert (stage_removed["level"], stage_removed["before"]) == ("warning", "returns")
    at(stage_removed, "stages:")
    renamed_stage = one(c, "stage-renamed", "post-purchase")
    assert (renamed_stage["before"], renamed_stage["after"], renamed_stage["level"]) == (
        "after",
        "post-purchase",
        "info",
    )
    reordered = one(c, "stage-reordered", "shop")
    assert reordered["level"] == "warning"
    assert reordered["before"] == ["discovery", "research", "purchase", "post-purchase", "support"]
    assert reordered["after"] == ["discovery", "research", "purchase", "support", "post-purchase"]
    at(reordered, "stages:")


def test_touchpoint_changes(feature_changes: list[dict[str, Any]]) -> None:
    c = feature_changes
    added = one(c, "touchpoint-added", "reviews")
    assert (added["level"], added["stage"], added["after"]) == ("warning", "loyalty", "reviews")
    at(added, "id: reviews")
    removed = one(c, "touchpoint-removed", "old-flyer")
    assert (removed["level"], removed["stage"], removed["before"]) == ("warning", "discovery", "old-flyer")
    at(removed, "touchpoints:")
    moved = one(c, "touchpoint-moved", "store-visit")
    assert (moved["level"], moved["before"], moved["after"]) == ("warning", "research", "purchase")
    at(moved, "stage: purchase")
    channel = one(c, "touchpoint-changed", "ad", field="channel")
    assert (channel["level"], channel["before"], channel["after"]) == ("info", "web", "app")
    at(channel, "channel: app")
    owner = one(c, "touchpoint-changed", "ad", field="owner")
    assert (owner["before"], owner["after"]) == ("cx", "product")
    following = one(c, "touchpoint-changed", "help", field="next")
    assert (following["before"], following["after"]) == (["refund"], [])
    renamed = one(c, "touchpoint-renamed", "feedback-survey")
    assert (renamed["level"], renamed["before"], renamed["after"]) == ("info", "survey-tp", "feedback-survey")
    at(renamed, "id: feedback-survey")
    # The rename and the stage rename are followed: checkout's `next` and survey's stage are unchanged.
    assert not [x for x in c if x["subject"] in ("checkout", "feedback-survey") and x["kind"] == "touchpoint-changed"]
    assert not [x for x in c if x["kind"] == "touchpoint-moved" and x["subject"] == "feedback-survey"]


def test_event_changes(feature_changes: list[dict[str, Any]]) -> None:
    c = feature_changes
    removed = one(c, "event-removed", "ad_view")
    assert (removed["level"], removed["before"], removed["after"]) == ("error", "ad", None)
    at(removed, "events: [ad_click]")
    added = one(c, "event-added", "checkout_completed")
    assert (added["level"], added["after"]) == ("info", "checkout")
    at(added, "events: [checkout_started, checkout_completed]")
    assert added["column"] == HEAD.splitlines()[added["line"] - 1].index("checkout_completed") + 1
    moved = one(c, "event-moved", "search_submitted")
    assert (moved["level"], moved["before"], moved["after"]) == ("warning", "search", "store-visit")
    at(moved, "events: [search_submitted]")


def test_emotion_and_pain_point_changes(feature_changes: list[dict[str, Any]]) -> None:
    c = feature_changes
    negative = one(c, "emotion-changed", "shopper@discovery")
    assert (negative["level"], negative["before"], negative["after"]) == ("warning", 1, -1)
    assert (negative["persona"], negative["stage"]) == ("shopper", "discovery")
    at(negative, "emotion: -1")
    better = one(c, "emotion-changed", "shopper@research")
    assert (better["level"], better["before"], better["after"]) == ("info", 0, 1)
    recorded = one(c, "emotion-changed", "browsing-shopper@research")
    assert (recorded["level"], recorded["before"], recorded["after"]) == ("info", None, 0)
    resolved = one(c, "pain-point-removed", "p-compare")
    assert (resolved["level"], resolved["persona"], resolved["stage"]) == ("info", "shopper", "research")
    assert "resolved" in resolved["message"]
    at(resolved, "pain_points:", 2)
    added = one(c, "pain-point-added", "queue")
    assert (added["level"], added["stage"]) == ("info", "purchase")
    at(added, "id: queue")
    severity = one(c, "pain-point-changed", "slow-ads", field="severity")
    assert (severity["level"], severity["before"], severity["after"]) == ("info", "low", "high")
    at(severity, "id: slow-ads")
    renamed = one(c, "pain-point-renamed", "hidden-fees")
    assert (renamed["before"], renamed["after"], renamed["level"]) == ("fees", "hidden-fees", "info")
    at(renamed, "id: hidden-fees")


def test_opportunity_and_interaction_changes(feature_changes: list[dict[str, Any]]) -> None:
    c = feature_changes
    opportunity = one(c, "opportunity-added", "express-lane")
    assert (opportunity["level"], opportunity["after"], opportunity["stage"]) == ("info", "express-lane", "purchase")
    at(opportunity, "id: express-lane")
    gone = one(c, "opportunity-removed", "compare-table")
    assert (gone["level"], gone["before"], gone["persona"]) == ("info", "compare-table", "shopper")
    at(gone, "opportunities:", 2)
    renamed = one(c, "opportunity-renamed", "show-fees-early")
    assert (renamed["before"], renamed["after"], renamed["level"]) == ("show-fees", "show-fees-early", "info")
    at(renamed, "id: show-fees-early")
    added = one(c, "interaction-added", "welcome")
    assert (added["level"], added["stage"]) == ("info", "discovery")
    at(added, "id: welcome")
    removed = one(c, "interaction-removed", "old-msg")
    assert (removed["level"], removed["before"]) == ("warning", "old-msg")
    at(removed, "interactions:")
    trigger = one(c, "interaction-changed", "day3", field="trigger")
    assert (trigger["before"], trigger["after"], trigger["level"]) == (
        "day 3 after install or sign-up",
        "day 5 after install or sign-up",
        "info",
    )
    at(trigger, "trigger: {type: day_of_use, day: 5}")
    audience = one(c, "interaction-changed", "day3", field="audience")
    assert (audience["before"], audience["after"]) == (["shopper"], ["shopper", "newcomer"])
    stage = one(c, "interaction-changed", "day3", field="stage")
    assert (stage["before"], stage["after"]) == ("purchase", "research")
    channel = one(c, "interaction-changed", "promo-2", field="channel")
    assert (channel["before"], channel["after"]) == ("app", "web")
    assert one(c, "interaction-renamed", "promo-2")["before"] == "promo"


def test_evidence_and_metric_changes(feature_changes: list[dict[str, Any]]) -> None:
    c = feature_changes
    last = one(c, "evidence-removed", "survey-2026", persona="shopper", stage="purchase")
    assert last["level"] == "warning"  # the experience lost its last evidence
    not_last = one(c, "evidence-removed", "survey-2026", persona="shopper", stage="research")
    assert not_last["level"] == "info"
    at(not_last, "evidence: [interviews]")
    item = one(c, "evidence-removed", "old-study", persona=None)
    assert (item["level"], item["before"]) == ("info", "old-study")
    assert (item["file"], item["line"]) == (SHOP, HEAD.splitlines().index("evidence:") + 1)
    research = one(c, "evidence-added", "diary-study", persona=None)
    assert (research["level"], research["after"]) == ("info", "diary-study")
    at(research, "id: diary-study")
    cited = one(c, "evidence-added", "diary-study", persona="shopper")
    assert (cited["level"], cited["stage"], cited["after"]) == ("info", "discovery", "diary-study")
    assert cited["column"] == HEAD.splitlines()[cited["line"] - 1].index("diary-study") + 1
    renamed = one(c, "evidence-renamed", "usability-test-1")
    assert (renamed["before"], renamed["after"], renamed["level"]) == ("usability-1", "usability-test-1", "info")
    at(renamed, "id: usability-test-1")
    lowered = one(c, "metric-changed", "search", field="metrics[Search success].target")
    assert (lowered["level"], lowered["before"], lowered["after"]) == ("warning", 0.6, 0.5)
    at(lowered, "name: Search success")
    value = one(c, "metric-changed", "search", field="metrics[Search success].value")
    assert (value["level"], value["before"], value["after"]) == ("info", 0.5, 0.55)
    metric_gone = one(c, "metric-removed", "search")
    assert (metric_gone["before"], metric_gone["level"]) == ("Time to result", "info")
    at(metric_gone, "metrics:")
    metric_new = one(c, "metric-added", "checkout")
    assert (metric_new["after"], metric_new["level"]) == ("Conversion", "info")
    at(metric_new, "name: Conversion")


def test_coverage_changes_cell_by_cell(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    run = jk("diff", "main...feature", "--format", "json", "--as-of", AS_OF)
    document = json.loads(run.stdout)
    c = document["changes"]
    lost = one(c, "coverage-changed", "shopper@purchase")
    assert (lost["level"], lost["before"], lost["after"]) == ("warning", "covered", "partial")
    gained = one(c, "coverage-changed", "browsing-shopper@research")
    assert (gained["level"], gained["before"], gained["after"]) == ("info", "unmapped", "covered")
    shop = next(entry for entry in document["coverage"] if entry["map"] == "shop")
    assert {(x["persona"], x["stage"], x["before"], x["after"]) for x in shop["cells"]} == {
        ("shopper", "purchase", "covered", "partial"),
        ("browsing-shopper", "research", "unmapped", "covered"),
    }
    assert (shop["before"]["covered"], shop["after"]["covered"]) == (4, 4)
    added = next(entry for entry in document["coverage"] if entry["map"] == "new-map")
    assert added["before"] is None and added["after"] is not None


def test_findings_are_matched_by_fingerprint(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    document = json.loads(jk("diff", "main...feature", "--format", "json", "--as-of", AS_OF).stdout)
    c = document["changes"]
    no_owner = one(c, "finding-added", "JK503", field="touchpoints[reviews]")
    assert no_owner["level"] == "warning"
    at(no_owner, "id: reviews")
    fixed = one(c, "finding-fixed", "JK503", field="touchpoints[old-flyer]")
    assert (fixed["level"], fixed["line"]) == ("info", None)
    assert {d["code"] for d in document["findings"]["added"]} >= {"JK503", "JK003", "JK505"}
    # The shop's unchanged findings (such as JK403 for shopper in support) moved lines: neither added nor fixed.
    assert not [
        x
        for x in c
        if x["kind"].startswith("finding") and "'shopper' meets touchpoints in 'support'" in (x["after"] or x["before"])
    ]


def test_every_kind_is_exercised(feature_changes: list[dict[str, Any]]) -> None:
    assert {c["kind"] for c in feature_changes} == set(KINDS)


def report_json(options: Any) -> dict[str, Any]:
    from journeykit.commands.diff import build
    from journeykit.config import load_settings
    from journeykit.diff.reporters.json_format import document

    result: dict[str, Any] = document(build(options, load_settings()))
    return result


@pytest.mark.parametrize("revisions", [("main...feature",), ("main", "feature"), ("feature~1",)])
def test_leaving_out_unchanged_maps_changes_nothing(in_repo: GitRepo, revisions: tuple[str, ...]) -> None:
    import datetime

    from journeykit.commands.diff import DiffOptions

    (in_repo.root / "maps/untracked.journey.yaml").write_text(small("untracked"), encoding="utf-8")
    try:
        options = DiffOptions(revisions=revisions, as_of=datetime.date(2026, 11, 22))
        fast = report_json(options)
        assert fast == report_json(DiffOptions(revisions=revisions, as_of=options.as_of, skip_unchanged=False))
        assert not [c for c in fast["changes"] if c["map"] == "steady"]
        from journeykit.commands.diff import build
        from journeykit.config import load_settings

        quick = build(options, load_settings())
        full = build(DiffOptions(revisions=revisions, as_of=options.as_of, skip_unchanged=False), load_settings())
        assert quick.files_compared == full.files_compared
        assert "steady" not in quick.maps and "steady" in full.maps
    finally:
        (in_repo.root / "maps/untracked.journey.yaml").unlink()


def test_a_left_out_map_whose_id_is_taken_is_compared_after_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jk: Callable[..., CliRun]
) -> None:
    repo = GitRepo(tmp_path / "taken")
    repo.commit("one", {"a.journey.yaml": small("same", "A"), "b.journey.yaml": small("other", "B")})
    repo.commit("two", {"b.journey.yaml": small("same", "B")})
    monkeypatch.chdir(repo.root)
    changes = changes_of(jk("diff", "HEAD~1", "HEAD", "--format", "json", "--as-of", AS_OF))
    duplicate = one(changes, "finding-added", "JK205")
    assert (duplicate["level"], duplicate["file"]) == ("error", "b.journey.yaml")
    assert one(changes, "map-removed", "other")["level"] == "warning"


# --- revisions --------------------------------------------------------------------------------------


def test_two_dot_and_two_revisions_compare_the_tips(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    tips = changes_of(jk("diff", "main", "feature", "--format", "json", "--as-of", AS_OF))
    assert one(tips, "map-removed", "mainline")["level"] == "warning"
    assert changes_of(jk("diff", "main..feature", "--format", "json", "--as-of", AS_OF)) == tips
    from_merge_base = changes_of(jk("diff", "main...feature", "--format", "json", "--as-of", AS_OF))
    assert not [c for c in from_merge_base if c["subject"] == "mainline"]


def test_json_names_both_sides(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    document = json.loads(jk("diff", "main...feature", "--format", "json", "--as-of", AS_OF).stdout)
    merge_base = in_repo.git("merge-base", "main", "feature").strip()
    assert document["version"] == 1
    assert document["base"] == {"label": "main", "commit": merge_base}
    assert document["head"] == {"label": "feature", "commit": in_repo.git("rev-parse", "feature").strip()}
    assert document["summary"]["changes"] == len(document["changes"])


def test_bare_diff_is_the_working_tree_against_head(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    clean = jk("diff", "--as-of", AS_OF)
    assert (clean.code, "No journey changes" in clean.stdout) == (0, True), clean.stdout
    shop = in_repo.root / SHOP
    try:
        shop.write_text(HEAD.replace("emotion: -1", "emotion: -2"), encoding="utf-8")
        write(in_repo.root, {"maps/untracked.journey.yaml": small("untracked")})
        changes = changes_of(jk("diff", "--format", "json", "--as-of", AS_OF))
        change = one(changes, "emotion-changed", "shopper@discovery")
        assert (change["before"], change["after"], change["level"]) == (-1, -2, "info")
        assert one(changes, "map-added", "untracked")["file"] == "maps/untracked.journey.yaml"
        limited = changes_of(jk("diff", "HEAD", "--format", "json", "--as-of", AS_OF, "--", SHOP))
        assert {c["map"] for c in limited} == {"shop"}
    finally:
        in_repo.git("checkout", "-q", "--", SHOP)
        (in_repo.root / "maps/untracked.journey.yaml").unlink()


def test_paths_after_the_separator_limit_the_diff(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    changes = changes_of(jk("diff", "main...feature", "--format", "json", "--as-of", AS_OF, "--", "archive"))
    assert {c["map"] for c in changes} == {"moving"}
    assert [c["kind"] for c in changes if not c["kind"].startswith("finding-")] == ["map-added"]


def test_a_subdirectory_names_files_as_lint_does(
    in_repo: GitRepo, jk: Callable[..., CliRun], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(in_repo.root / "maps")
    changes = changes_of(jk("diff", "main...feature", "--format", "json", "--as-of", AS_OF))
    assert one(changes, "touchpoint-added", "reviews")["file"] == "shop.journey.yaml"
    assert one(changes, "map-removed", "moving")["file"] == "moving.journey.yaml"  # it left for ../archive


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["no-such-branch"], "unknown revision 'no-such-branch'"),
        (["main", "--", "/"], "is outside the repository"),
        (["main...nowhere"], "unknown revision 'nowhere'"),
        (["a", "b", "c"], "at most two revisions"),
        (["--fail-on", "fatal"], "--fail-on"),
    ],
)
def test_unusable_revisions_are_exit_2(
    in_repo: GitRepo, jk: Callable[..., CliRun], arguments: list[str], message: str
) -> None:
    run = jk("diff", *arguments)
    assert run.code == 2
    assert message in run.stderr and run.stderr.count("\n") == 1, run.stderr
    assert "Traceback" not in run.stderr


def test_outside_git_a_revision_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jk: Any) -> None:
    monkeypatch.chdir(tmp_path)
    run = jk("diff", "main")
    assert run.code == 2 and "not inside a git repository" in run.stderr


def test_no_git_at_all_is_exit_2(in_repo: GitRepo, jk: Callable[..., CliRun], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    run = jk("diff", "main")
    assert run.code == 2 and "needs git" in run.stderr


def test_a_repository_without_commits_diffs_against_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jk: Callable[..., CliRun]
) -> None:
    repo = GitRepo(tmp_path / "fresh")
    write(repo.root, {"m.journey.yaml": small("first")})
    monkeypatch.chdir(repo.root)
    changes = changes_of(jk("diff", "--format", "json", "--as-of", AS_OF))
    assert [(c["kind"], c["subject"]) for c in changes if c["kind"] != "finding-added"] == [("map-added", "first")]


# --- configuration, failing level, output -------------------------------------------------------------


def test_levels_are_configured_per_kind(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    config = in_repo.root / "journeykit.toml"
    try:
        config.write_text(
            '[diff]\nfail-on = "warning"\n[diff.levels]\ncoverage-changed = "error"\nevent-removed = "off"\n'
            'finding-fixed = "off"\n',
            encoding="utf-8",
        )
        run = jk("diff", "main...feature", "--format", "json", "--as-of", AS_OF)
        changes = changes_of(run)
        assert one(changes, "coverage-changed", "browsing-shopper@research")["level"] == "error"
        assert not [c for c in changes if c["kind"] in ("event-removed", "finding-fixed")]
        assert run.code == 1
        listed = jk("diff", "--list-kinds")
        assert "error (configured; default: info; warning when a covered cell is no longer covered)" in listed.stdout
        config.write_text('[diff.levels]\ncoverage-change = "error"\n', encoding="utf-8")
        bad = jk("diff", "main...feature")
        assert (
            bad.code == 2 and "unknown change kind 'coverage-change' (did you mean `coverage-changed`?)" in bad.stderr
        )
        config.write_text('[diff.levels]\ncoverage-changed = "loud"\n', encoding="utf-8")
        assert "use error, warning, info or off" in jk("diff", "main...feature").stderr
        config.write_text('[diff]\nlevel = "error"\n', encoding="utf-8")
        assert "unknown key 'level' (did you mean `levels`?)" in jk("diff").stderr
    finally:
        config.unlink()


def test_fail_on(in_repo: GitRepo, jk: Callable[..., CliRun]) -> None:
    assert jk("diff", "feature~1", "feature", "--as-of", AS_OF, "--", "maps/promo.journey.yaml").code == 0
    assert jk("diff", "feature~1", "feature", "--fail-on", "info", "--", "maps/promo.journey.yaml").code == 1
    assert jk("diff", "main...feature", "--as-of", AS_OF, "--", "maps/new.journey.yaml").code == 0
    assert jk("diff", "main...feature", "--fail-on", "warning", "--", "maps/new.journey.yaml").code == 1


def test_output_is_written_atomically(in_repo: GitRepo, jk: Callable[..., CliRun], tmp_path: Path) -> None:
    target = tmp_path / "diff.json"
    run = jk("diff", "main...feature", "--format", "json", "--output", str(target), "--as-of", AS_OF)
    assert run.stdout == "" and json.loads(target.read_text())["changes"]
    assert [p.name for p in tmp_path.iterdir()] == ["diff.json"]
    unwritable = jk("diff", "main...feature", "--output", str(tmp_path))
    assert unwritable.code == 2 and "it is a directory" in unwritable.stderr


def test_excluded_and_dot_directories_are_skipped_in_revisions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jk: Callable[..., CliRun]
) -> None:
    repo = GitRepo(tmp_path / "excluding")
    repo.commit(
        "one",
        {
            "journeykit.toml": 'exclude = ["drafts/"]\n',
            "drafts/d.journey.yaml": small("draft"),
            ".hidden/h.journey.yaml": small("hidden"),
            "maps/m.journey.yaml": small("kept"),
        },
    )
    repo.commit(
        "two",
        {
            "drafts/d.journey.yaml": small("draft-2"),
            ".hidden/h.journey.yaml": small("hidden-2"),
            "maps/m.journey.yaml": small("kept-2"),
        },
    )
    monkeypatch.chdir(repo.root)
    changes = changes_of(jk("diff", "HEAD~1", "HEAD", "--format", "json", "--as-of", AS_OF))
    assert [(c["kind"], c["before"], c["after"]) for c in changes] == [("map-renamed", "kept", "kept-2")]
    named = changes_of(jk("diff", "HEAD~1", "--format", "json", "--as-of", AS_OF, "--", "drafts/d.journey.yaml"))
    assert [(c["kind"], c["before"], c["after"]) for c in named] == [("map-renamed", "draft", "draft-2")]


def test_a_revision_sees_its_own_catalogs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jk: Callable[..., CliRun]
) -> None:
    catalog = "journeykit: 1\nkind: catalog\npersonas:\n  - id: shared\n    name: Shared\n"
    uses = small("user").replace("stages:", "personas: [shared]\nstages:")
    repo = GitRepo(tmp_path / "catalogs")
    repo.commit("one", {"shared.catalog.yaml": catalog, "maps/u.journey.yaml": uses})
    repo.commit("two", {"shared.catalog.yaml": catalog.replace("id: shared", "id: shared-2")})
    monkeypatch.chdir(repo.root)
    document = json.loads(jk("diff", "HEAD~1", "HEAD", "--format", "json", "--as-of", AS_OF).stdout)
    # In HEAD the catalog no longer defines `shared`: the map's reference is a new error, the persona is gone.
    assert one(document["changes"], "persona-removed", "shared")["level"] == "warning"
    assert one(document["changes"], "finding-added", "JK201")["level"] == "error"
    assert changes_of(jk("diff", "HEAD~1", "HEAD~1", "--format", "json", "--as-of", AS_OF)) == []


# --- outside git ------------------------------------------------------------------------------------


def test_two_files_outside_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jk: Callable[..., CliRun]) -> None:
    write(tmp_path, {"old.journey.yaml": BASE, "new.journey.yaml": HEAD})
    monkeypatch.chdir(tmp_path)
    changes = changes_of(jk("diff", "old.journey.yaml", "new.journey.yaml", "--format", "json", "--as-of", AS_OF))
    assert one(changes, "touchpoint-added", "reviews")["file"] == "new.journey.yaml"
    # The same finding in both files is not new: files are matched as one map.
    assert not [
        c for c in changes if c["kind"] == "finding-added" and "'shopper' meets touchpoints in 'support'" in c["after"]
    ]
    mixed = jk("diff", "old.journey.yaml", ".")
    assert mixed.code == 2 and "a file with a file" in mixed.stderr


def test_the_examples_against_themselves_are_empty(jk: Callable[..., CliRun]) -> None:
    run = jk("diff", str(EXAMPLES), str(EXAMPLES))
    assert run.code == 0 and "No journey changes" in run.stdout, run.stdout


def test_the_examples_committed_and_unchanged_are_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jk: Callable[..., CliRun]
) -> None:
    import shutil

    repo = GitRepo(tmp_path / "examples")
    shutil.copytree(EXAMPLES, repo.root / "examples")
    repo.commit("examples")
    monkeypatch.chdir(repo.root)
    assert changes_of(jk("diff", "--format", "json")) == []
    assert changes_of(jk("diff", "HEAD", "HEAD", "--format", "json")) == []


# --- the kinds --------------------------------------------------------------------------------------


def test_list_kinds_shows_every_kind(jk: Callable[..., CliRun]) -> None:
    text = jk("diff", "--list-kinds").stdout
    assert all(name in text for name in KINDS)
    listed = json.loads(jk("diff", "--list-kinds", "--format", "json").stdout)
    assert [k["kind"] for k in listed] == list(KINDS)
    assert next(k for k in listed if k["kind"] == "event-removed")["level"] == "error"


def test_docs_list_every_kind_as_the_catalogue_says() -> None:
    from journeykit.commands.diff import kinds_table
    from tests.helpers import REPO

    docs = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")
    assert kinds_table() in docs, "docs/diff.md is stale: paste `journeykit diff --list-kinds --format markdown`"
