"""Command-line paths → the map and catalog files to check, and the catalogs each map sees."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec

from journeykit.errors import UsageError
from journeykit.sanitize import valid_text

MAP_SUFFIXES = (".journey.yaml", ".journey.yml")
CATALOG_SUFFIXES = (".catalog.yaml", ".catalog.yml")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Target:
    """A file to check: `path` is None for standard input and for files held in memory."""

    display: str
    path: Path | None


class PathNotFoundError(UsageError):
    """A path named on the command line does not exist (a usage error, exit 2)."""

    def __init__(self, path: str) -> None:
        super().__init__(f"no such file or directory: {path}")


def is_map_name(name: str) -> bool:
    return name.endswith(MAP_SUFFIXES)


def is_catalog_name(name: str) -> bool:
    return name.endswith(CATALOG_SUFFIXES)


def display_name(path: Path, cwd: Path | None = None) -> str:
    """The path relative to the working directory when it is below it, in POSIX form."""
    cwd = cwd or Path.cwd()
    absolute = path if path.is_absolute() else cwd / path
    try:
        name = absolute.relative_to(cwd).as_posix()
    except ValueError:
        name = absolute.as_posix()
    return valid_text(name)


SpecFor = Callable[[Path], "tuple[Path, pathspec.GitIgnoreSpec] | None"]


class Finder:
    """Map discovery for one run: .gitignore files, project roots and catalog directories are read
    once per run and forgotten with it, so a long-lived process never sees stale answers."""

    def __init__(self, exclude: Sequence[str] = (), exclude_root: Path | None = None) -> None:
        self.cwd = Path.cwd()
        self.excluded = _ExcludePatterns(exclude, exclude_root or self.cwd)
        self._specs: dict[Path, pathspec.GitIgnoreSpec] = {}
        self._roots: dict[Path, Path | None] = {}
        self._catalogs: dict[Path, tuple[Path, ...]] = {}

    def targets(self, paths: Sequence[str], stdin_name: str = "<stdin>") -> list[Target]:
        """Files named explicitly (whatever their name) and maps and catalogs found in directories.

        Directories are searched recursively, skipping dot-directories, what .gitignore files
        ignore and the configuration's `exclude` patterns. Each file appears once, in order.
        """
        found: list[Target] = []
        seen: set[Path] = set()
        # Standard input named after a file stands in for that file (as in ruff), and is read once.
        reads_stdin = STDIN in paths
        stdin_stands_for = Path(stdin_name).resolve() if reads_stdin and stdin_name != "<stdin>" else None
        for raw in paths:
            if raw == STDIN:
                if not any(t.path is None for t in found):
                    found.append(Target(stdin_name, None))
                continue
            path = Path(raw)
            if path.is_dir():
                candidates: Iterable[Path] = self._walk(path)
            elif path.exists() or path.is_symlink():
                candidates = [path]
            else:
                raise PathNotFoundError(raw)
            for candidate in candidates:
                real = resolved(candidate)
                if real == stdin_stands_for:
                    continue
                if real not in seen:
                    seen.add(real)
                    found.append(Target(display_name(candidate, self.cwd), candidate))
        return found

    def _walk(self, top: Path) -> Iterator[Path]:
        ignores = _GitIgnores.above(resolved(top), self._spec_for)
        for directory, dirnames, filenames in os.walk(top):
            here = Path(directory)
            ignores = ignores.entering(resolved(here), self._spec_for)
            dirnames[:] = [
                name for name in sorted(dirnames) if not self._skips_directory(resolved(here / name), ignores)
            ]
            for name in sorted(filenames):
                if not (is_map_name(name) or is_catalog_name(name)):
                    continue
                child = here / name
                if not ignores.ignores(resolved(child), is_dir=False) and not self.excluded.matches(child, False):
                    yield child

    def walk_skips(self, top: Path, path: Path) -> bool:
        """Whether searching `top` for maps would skip the directory `path` below it (a dot-directory,
        git-ignored, excluded)."""
        top, path = top.resolve(), path.resolve()
        ignores = _GitIgnores.above(top, self._spec_for)
        current = top
        for part in path.relative_to(top).parts:
            ignores = ignores.entering(current, self._spec_for)
            current = current / part
            if self._skips_directory(current, ignores):
                return True
        return False

    def is_excluded(self, path: Path, *, is_dir: bool) -> bool:
        """Whether the configuration's `exclude` patterns skip `path` when directories are searched
        (for files that are not on disk, such as those of a git revision)."""
        return self.excluded.matches(path, is_dir)

    def _skips_directory(self, directory: Path, ignores: _GitIgnores) -> bool:
        """The walk skips dot-directories, git-ignored ones and configured exclusions (`directory` is resolved)."""
        return (
            directory.name.startswith(".")
            or ignores.ignores(directory, is_dir=True)
            or self.excluded.matches(directory, True)
        )

    def _spec_for(self, directory: Path) -> tuple[Path, pathspec.GitIgnoreSpec] | None:
        """The .gitignore of `directory`, read once per run."""
        gitignore = directory / ".gitignore"
        if not gitignore.is_file():
            return None
        if gitignore not in self._specs:
            self._specs[gitignore] = _load_spec(gitignore)
        return directory, self._specs[gitignore]

    # -- catalogs

    def visible_catalogs(self, directory: Path) -> list[Path]:
        """Catalog files a map in `directory` sees: its own directory's, then each parent's, up to the root."""
        directory = directory.resolve()
        root = self.project_root(directory)
        chain = [directory]
        if root != directory and root in directory.parents:
            chain.extend(p for p in directory.parents if p == root or root in p.parents)
        return [catalog for d in chain for catalog in self._catalogs_in(d)]

    def project_root(self, directory: Path) -> Path:
        """Where the search for catalogs stops: the nearest directory with a configuration file or
        `.git`; without one, the working directory when it contains `directory`; else `directory`."""
        if directory not in self._roots:
            self._roots[directory] = next(
                (c for c in (directory, *directory.parents) if has_config(c) or (c / ".git").exists()), None
            )
        marked = self._roots[directory]
        if marked is not None:
            return marked
        cwd = self.cwd.resolve()
        if cwd.parent != cwd and (cwd == directory or cwd in directory.parents):
            return cwd
        return directory

    def _catalogs_in(self, directory: Path) -> tuple[Path, ...]:
        if directory not in self._catalogs:
            try:
                children = sorted(directory.iterdir())
            except OSError:
                children = []
            self._catalogs[directory] = tuple(p for p in children if is_catalog_name(p.name) and p.is_file())
        return self._catalogs[directory]


def resolved(path: Path) -> Path:
    """The real path, or the absolute one for a symbolic link loop (reading it then reports JK001)."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.absolute()


def discover(
    paths: Sequence[str],
    *,
    exclude: Sequence[str] = (),
    exclude_root: Path | None = None,
    stdin_name: str = "<stdin>",
) -> list[Target]:
    """The files to check under `paths` (see `Finder.targets`)."""
    return Finder(exclude, exclude_root).targets(paths, stdin_name)


def visible_catalogs(directory: Path) -> list[Path]:
    """Catalog files a map in `directory` sees (see `Finder.visible_catalogs`)."""
    return Finder().visible_catalogs(directory)


@dataclass(frozen=True, slots=True)
class _GitIgnores:
    """The .gitignore files in force for a directory, shallowest first."""

    specs: tuple[tuple[Path, pathspec.GitIgnoreSpec], ...]

    @classmethod
    def above(cls, directory: Path, spec_for: SpecFor) -> _GitIgnores:
        """The .gitignore files of the directories above `directory`, up to the git root."""
        root = git_root(directory)
        if root is None:
            return cls(())
        chain = [root, *reversed([p for p in directory.parents if p != root and root in p.parents])]
        specs = [s for s in (spec_for(d) for d in chain) if s is not None]
        exclude_file = root / ".git" / "info" / "exclude"
        if exclude_file.is_file():
            specs.insert(0, (root, _load_spec(exclude_file)))
        return cls(tuple(specs))

    def entering(self, directory: Path, spec_for: SpecFor) -> _GitIgnores:
        spec = spec_for(directory)
        if spec is None or any(base == directory for base, _ in self.specs):
            return self
        return _GitIgnores((*self.specs, spec))

    def ignores(self, path: Path, *, is_dir: bool) -> bool:
        """Git's answer: the deepest .gitignore with an opinion wins."""
        verdict = False
        for base, spec in self.specs:
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                verdict = result.include
        return verdict


def _load_spec(path: Path) -> pathspec.GitIgnoreSpec:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    return pathspec.GitIgnoreSpec.from_lines(lines)


class _ExcludePatterns:
    """The configuration's `exclude` globs, relative to the configuration's directory."""

    def __init__(self, patterns: Sequence[str], root: Path) -> None:
        self.root = root.resolve()
        self.spec = pathspec.GitIgnoreSpec.from_lines(patterns) if patterns else None

    def matches(self, path: Path, is_dir: bool) -> bool:
        if self.spec is None:
            return False
        try:
            relative = path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return False
        return bool(self.spec.match_file(relative + "/" if is_dir else relative))


# --- project root -------------------------------------------------------------------------------


def git_root(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


def has_config(directory: Path) -> bool:
    """Whether the directory holds journeykit.toml, or a pyproject.toml with [tool.journeykit]."""
    if (directory / "journeykit.toml").is_file():
        return True
    pyproject = directory / "pyproject.toml"
    if not pyproject.is_file():
        return False
    from journeykit.files import journeykit_table, read_toml

    # Parsed, not searched: `[tool]` with `journeykit.fail-on = ...`, an inline table or `[tool."journeykit"]`
    # are configurations too. A pyproject.toml that cannot be read is an error if it may hold one.
    return journeykit_table(read_toml(pyproject)) is not None
