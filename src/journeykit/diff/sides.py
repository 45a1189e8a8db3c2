"""The two sides of a diff, each run through the same pipeline as every other command.

A side is a git revision (files read with plumbing, analysed in memory with that revision's
catalogs), the working tree (`analyze()` on the paths), or a file or directory outside git.
Each side also names every file canonically (repository-relative, or relative to the directory
compared), so findings can be matched across sides whatever the working directory.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journeykit.analysis import analyze, analyze_files
from journeykit.checks import Checked, with_lint
from journeykit.config import Settings
from journeykit.diff.changes import Side
from journeykit.diff.revisions import Blob, GitError, Repository, below, under
from journeykit.discover import Finder, PathNotFoundError, display_name, is_catalog_name, is_map_name

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Snapshot:
    """One side: its label, its checked maps (lint included) and the canonical name of each file."""

    side: Side
    checked: Checked
    names: Mapping[str, str]
    """Display name → canonical name, for every file loaded."""

    def canonical(self, display: str) -> str:
        return self.names.get(display, display)


@dataclass(frozen=True)
class Scope:
    """What to compare inside a repository: the paths named after `--` (default: the working directory)."""

    repo: Repository
    paths: tuple[str, ...]
    """As given, relative to the working directory."""
    prefixes: tuple[str, ...]
    """The same, repository-relative (`""` is the whole repository)."""
    tree: str
    """The project root (the closest configuration or .git above the working directory), repository-relative:
    a revision's catalogs are looked up to there, as discovery does on disk."""

    @classmethod
    def of(cls, repo: Repository, paths: Sequence[str]) -> Scope:
        chosen = tuple(paths) or (".",)
        prefixes = tuple(repo.relative(Path(p)) for p in chosen)
        tree = repo.relative(Finder().project_root(Path.cwd().resolve()))
        for prefix in prefixes:  # a path named above the project root widens the tree to it
            tree = _common(tree, prefix)
        return cls(repo, chosen, prefixes, tree)


def revision_snapshot(
    scope: Scope, commit: str, label: str, settings: Settings, as_of: datetime.date, blobs: Sequence[Blob] | None = None
) -> Snapshot:
    """A git revision of the scope's files, read with `git ls-tree` and `git cat-file --batch`."""
    repo = scope.repo
    listed = repo.blobs(commit) if blobs is None else blobs
    finder = Finder(settings.exclude, settings.root)
    wanted = [b for b in listed if under(b.path, scope.tree) and _map_or_catalog(b.path)]
    targets = [b.path for b in wanted if _selected(b.path, scope.prefixes, repo, finder if settings.exclude else None)]
    explicit = [b for b in listed if b.path in scope.prefixes and b.path not in targets]
    targets.extend(b.path for b in explicit)
    chosen = [*wanted, *explicit]
    contents = repo.read([b.oid for b in chosen])
    files = {b.path: data for b, data in zip(chosen, contents, strict=True)}
    cwd = Path.cwd()
    names = {path: display_name(repo.root / path, cwd) for path in files}
    analysis = analyze_files(files, settings, targets, display=names.__getitem__)
    checked = with_lint(analysis, settings, as_of)
    return Snapshot(Side(label, commit), checked, {display: path for path, display in names.items()})


def worktree_snapshot(
    scope: Scope, settings: Settings, as_of: datetime.date, checked: Checked | None = None
) -> Snapshot:
    """The working tree (untracked files included, git-ignored ones not), through `analyze()`; or the
    working tree already checked by the command (`render --since`)."""
    if checked is None:
        present = [p for p in scope.paths if Path(p).exists()]
        analysis = analyze(present, settings) if present else analyze_files({}, settings)
        checked = with_lint(analysis, settings, as_of)
    names = {}
    for display in checked.result.sources:
        try:
            names[display] = scope.repo.relative(Path(display))
        except GitError:
            names[display] = display
    return Snapshot(Side(WORKING_TREE), checked, names)


def path_snapshot(path: str, settings: Settings, as_of: datetime.date) -> Snapshot:
    """A file or a directory outside git; files are named relative to it, so two trees line up."""
    target = Path(path)
    if not target.exists():
        raise PathNotFoundError(path)
    checked = with_lint(analyze([path], settings), settings, as_of)
    top = target.resolve()
    names = {}
    for display in checked.result.sources:
        resolved = Path(display).resolve()
        if resolved == top and target.is_file():
            names[display] = "(the map)"
            continue
        base = top if target.is_dir() else top.parent
        try:
            names[display] = resolved.relative_to(base).as_posix()
        except ValueError:
            names[display] = resolved.as_posix()
    return Snapshot(Side(path), checked, names)


def _map_or_catalog(path: str) -> bool:
    name = PurePosixPath(path).name
    return is_map_name(name) or is_catalog_name(name)


def _common(left: str, right: str) -> str:
    """The deepest directory that holds both repository paths."""
    common = []
    for a, b in zip(PurePosixPath(left).parts, PurePosixPath(right).parts, strict=False):
        if a != b:
            break
        common.append(a)
    return "/".join(common)


def _selected(path: str, prefixes: Sequence[str], repo: Repository, finder: Finder | None) -> bool:
    """Whether searching one of the prefixes finds `path`: not in a dot-directory, not excluded."""
    for prefix in prefixes:
        if path == prefix:
            return True
        if not under(path, prefix) or not _map_or_catalog(path):
            continue
        relative = below(path, prefix)
        if any(part.startswith(".") for part in relative.parts[:-1]):
            continue
        if finder is not None and _excluded(repo.root / path, relative, finder):
            continue
        return True
    return False


def _excluded(absolute: Path, relative: PurePosixPath, finder: Finder) -> bool:
    if finder.is_excluded(absolute, is_dir=False):
        return True
    directory = absolute.parent
    for _ in relative.parts[:-1]:
        if finder.is_excluded(directory, is_dir=True):
            return True
        directory = directory.parent
    return False
