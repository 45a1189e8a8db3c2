"""Which files a run checks: suffixes, recursion, dot-directories, .gitignore, exclude, explicit names."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeykit.discover import PathNotFoundError, discover, visible_catalogs
from tests.helpers import write


def names(paths: list[str], **kwargs: object) -> list[str]:
    return [t.display for t in discover(paths, **kwargs)]  # type: ignore[arg-type]


def test_finds_maps_and_catalogs_recursively_in_order(project: Path) -> None:
    write(
        project,
        {
            "b/x.journey.yml": "",
            "a.journey.yaml": "",
            "a/shared.catalog.yml": "",
            "notes.yaml": "",
            "readme.md": "",
        },
    )
    assert names(["."]) == ["a.journey.yaml", "a/shared.catalog.yml", "b/x.journey.yml"]


def test_skips_dot_directories(project: Path) -> None:
    write(project, {".drafts/x.journey.yaml": "", "ok.journey.yaml": ""})
    assert names(["."]) == ["ok.journey.yaml"]


def test_honours_gitignore_files_with_nesting_and_negation(project: Path) -> None:
    write(
        project,
        {
            ".gitignore": "build/\n*.tmp.journey.yaml\n",
            "build/out.journey.yaml": "",
            "maps/a.tmp.journey.yaml": "",
            "maps/.gitignore": "!keep.tmp.journey.yaml\nlocal.journey.yaml\n",
            "maps/keep.tmp.journey.yaml": "",
            "maps/local.journey.yaml": "",
            "maps/real.journey.yaml": "",
        },
    )
    assert names(["."]) == ["maps/keep.tmp.journey.yaml", "maps/real.journey.yaml"]


def test_gitignore_above_the_searched_directory_applies(project: Path) -> None:
    write(
        project,
        {".gitignore": "generated/\n", "maps/generated/x.journey.yaml": "", "maps/y.journey.yaml": ""},
    )
    assert names(["maps"]) == ["maps/y.journey.yaml"]


def test_git_info_exclude_applies(project: Path) -> None:
    write(
        project,
        {
            ".git/info/exclude": "private.journey.yaml\n",
            "private.journey.yaml": "",
            "public.journey.yaml": "",
        },
    )
    assert names(["."]) == ["public.journey.yaml"]


def test_configured_exclude_patterns(project: Path) -> None:
    write(project, {"drafts/x.journey.yaml": "", "maps/y.journey.yaml": "", "maps/z.journey.yaml": ""})
    assert names(["."], exclude=["drafts/", "maps/z*"], exclude_root=project) == ["maps/y.journey.yaml"]


def test_explicit_files_are_read_whatever_their_name_and_appear_once(project: Path) -> None:
    write(project, {".gitignore": "*.yaml\n", "odd-name.yaml": "", "a.journey.yaml": ""})
    assert names(["odd-name.yaml", "a.journey.yaml", ".", "a.journey.yaml"]) == [
        "odd-name.yaml",
        "a.journey.yaml",
    ]


def test_stdin_is_a_target_with_the_given_name() -> None:
    (target,) = discover(["-"], stdin_name="maps/new.journey.yaml")
    assert (target.display, target.path) == ("maps/new.journey.yaml", None)


def test_missing_path_is_a_usage_error(project: Path) -> None:
    with pytest.raises(PathNotFoundError, match="no such file or directory: nope"):
        discover(["nope"])


def test_visible_catalogs_nearest_directory_first(project: Path) -> None:
    write(
        project,
        {
            "root.catalog.yaml": "",
            "a/a.catalog.yml": "",
            "a/b/b.catalog.yaml": "",
            "a/b/other.yaml": "",
            "c/c.catalog.yaml": "",
        },
    )
    seen = [p.relative_to(project.resolve()).as_posix() for p in visible_catalogs(project / "a" / "b")]
    assert seen == ["a/b/b.catalog.yaml", "a/a.catalog.yml", "root.catalog.yaml"]
