"""The two sides of a diff, each run through the same pipeline as every other command.

A side is a git revision (files read with plumbing, analysed in memory with that revision's
catalogs), the working tree (`analyze()` on the paths), or a file or directory outside git.
Each side also names every file canonically (repository-relative, or relative to the directory
compared), so findings can be matched across sides whatever the working directory.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journeykit.analysis import analyze, analyze_files
from journeykit.checks import Checked, with_lint
from journeykit.config import Settings
from journeykit.diff.changes import Side
from journeykit.diff.revisions import GitError, Repository, below, under
from journeykit.discover import Finder, PathNotFoundError, display_name, is_catalog_name, is_map_name

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Snapshot:
    """One side: its label, its checked maps (lint included) and the canonical name of each file."""

    side: Side
    checked: Checked
    names: Mapping[str, str]
    """Display name → canonical name, for every file loaded."""
    skipped: frozenset[str] = frozenset()
    """Map files (canonical names) left out because they are the same on both sides (see `unchanged`)."""

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


@dataclass(frozen=True)
class Tree:
    """One side's files before analysis, by canonical (repository-relative) path."""

    files: Mapping[str, bytes]
    """The files to check and the catalogs they see."""
    targets: tuple[str, ...]
    """The files to check, in discovery order."""
    displays: Mapping[str, str]
    """Canonical path → display name (relative to the working directory, as `lint` names files)."""


def revision_tree(scope: Scope, commit: str, settings: Settings) -> Tree:
    """A revision's maps and catalogs under the scope, read with `git ls-tree` and one `git cat-file --batch`."""
    repo = scope.repo
    listed = repo.blobs(commit)
    finder = Finder(settings.exclude, settings.root) if settings.exclude else None
    wanted = [b for b in listed if under(b.path, scope.tree) and _map_or_catalog(b.path)]
    targets = [b.path for b in wanted if _selected(b.path, scope.prefixes, repo, finder)]
    explicit = [b for b in listed if b.path in scope.prefixes and b.path not in targets]
    targets.extend(b.path for b in explicit)
    chosen = [*wanted, *explicit]
    contents = repo.read([b.oid if b.size <= settings.max_file_size else None for b in chosen])
    files = {
        b.path: data if data is not None else _oversized(settings) for b, data in zip(chosen, contents, strict=True)
    }
    cwd = Path.cwd()
    return Tree(files, tuple(targets), {path: display_name(repo.root / path, cwd) for path in files})


def worktree_tree(scope: Scope, settings: Settings) -> Tree:
    """The working tree's maps and catalogs under the scope (untracked files included, git-ignored ones not),
    found as `analyze()` finds them, with the catalogs the maps see."""
    finder = Finder(settings.exclude, settings.root)
    present = [p for p in scope.paths if Path(p).exists()]
    found = finder.targets(present)
    catalogs = {
        catalog
        for target in found
        if target.path is not None and is_map_name(target.path.name)
        for catalog in finder.visible_catalogs(target.path.parent)
    }
    files: dict[str, bytes] = {}
    displays: dict[str, str] = {}
    targets: list[str] = []
    for target in found:
        if target.path is None:
            continue
        name = _repository_name(scope.repo, target.path, target.display)
        if name not in displays:
            displays[name] = target.display
            files[name] = _read(target.path, settings)
            targets.append(name)
    for catalog in sorted(catalogs):
        display = display_name(catalog)
        name = _repository_name(scope.repo, catalog, display)
        if name not in files:
            displays[name] = display
            files[name] = _read(catalog, settings)
    return Tree(files, tuple(targets), displays)


def revision_snapshot(
    tree: Tree, side: Side, settings: Settings, as_of: datetime.date, skip: frozenset[str] = frozenset()
) -> Snapshot:
    """A revision's tree through the pipeline: analysed in memory with that revision's catalogs, then linted."""
    targets = [t for t in tree.targets if t not in skip]
    analysis = analyze_files(tree.files, settings, targets, display=tree.displays.__getitem__)
    checked = with_lint(analysis, settings, as_of)
    canonical = {tree.displays[path]: path for path in tree.files}
    names = {display: canonical.get(display, display) for display in checked.analysis.sources}
    return Snapshot(side, checked, names, skip)


def worktree_snapshot(
    scope: Scope,
    tree: Tree,
    settings: Settings,
    as_of: datetime.date,
    checked: Checked | None = None,
    skip: frozenset[str] = frozenset(),
) -> Snapshot:
    """The working tree through `analyze()`, or the working tree the command already checked (`render
    --since`); either way without the maps in `skip`."""
    if checked is None:
        paths = [tree.displays[t] for t in tree.targets if t not in skip]
        analysis = analyze(paths, settings) if paths else analyze_files({}, settings)
        checked = with_lint(analysis, settings, as_of)
    names = {}
    for display in checked.analysis.sources:
        names[display] = _repository_name(scope.repo, Path(display), display)
    if skip:
        checked = _without(checked, lambda display: names.get(display, display) in skip)
    if skip:
        names = {display: name for display, name in names.items() if name not in skip}
    return Snapshot(Side(WORKING_TREE), checked, names, skip)


def _without(checked: Checked, left_out: Callable[[str], bool]) -> Checked:
    """The checked maps without some files' maps and findings."""
    maps = tuple(m for m in checked.maps if not left_out(m.journey.file))
    result = checked.result.with_findings(f for f in checked.result.findings if not left_out(f.location.file))
    return Checked(dataclasses.replace(checked.analysis, maps=maps, result=result), result)


def _repository_name(repo: Repository, path: Path, display: str) -> str:
    try:
        return repo.relative(path)
    except GitError:
        return display


def _read(path: Path, settings: Settings) -> bytes:
    """A file's bytes, only to tell whether it changed (the pipeline reads it again, with its checks)."""
    try:
        with path.open("rb") as handle:
            return handle.read(settings.max_file_size + 1)
    except OSError:
        return b""


def _oversized(settings: Settings) -> bytes:
    """A stand-in for a blob above the size limit, which is refused (JK010) without being read, as on disk."""
    return b"\0" * (settings.max_file_size + 1)


def path_snapshot(path: str, settings: Settings, as_of: datetime.date) -> Snapshot:
    """A file or a directory outside git; files are named relative to it, so two trees line up."""
    target = Path(path)
    if not target.exists():
        raise PathNotFoundError(path)
    checked = with_lint(analyze([path], settings), settings, as_of)
    top = target.resolve()
    names = {}
    for display in checked.analysis.sources:
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
