"""Reading maps from git revisions with plumbing, without touching the working tree.

`git ls-tree -r -z -l` lists a revision's files and `git cat-file --batch` reads every blob in one
process, so a revision of 500 maps costs two git runs, not 500. Revision names are resolved with
`git rev-parse --verify --end-of-options`, so a name can never be taken for an option.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from journeykit.errors import ToolMissingError, UsageError

EMPTY = "empty"
"""A revision with no files: the base of a repository whose first commit is not made yet."""


class GitError(UsageError):
    """git cannot give what the diff needs: not a repository, an unknown revision, a path outside it (exit 2)."""


@dataclass(frozen=True, slots=True)
class Blob:
    """A file of a revision: its repository-relative POSIX path, object name and size."""

    path: str
    oid: str
    size: int


@dataclass(frozen=True, slots=True)
class Range:
    """The two sides named on the command line: a revision, or None for the working tree."""

    base: str
    head: str | None
    merge_base: bool = False
    """`A...B`: the base is the merge base of A and B."""


def parse_range(revisions: Sequence[str]) -> Range:
    """`[BASE [HEAD]]`, `A..B` or `A...B` → a Range; a bare diff is HEAD against the working tree."""
    if len(revisions) > 2:
        raise UsageError(f"journeykit diff takes at most two revisions, got {len(revisions)}: {' '.join(revisions)}")
    if not revisions:
        return Range("HEAD", None)
    if len(revisions) == 2:
        for name in revisions:
            if ".." in name:
                raise UsageError(f"give either a range ({name}) or two revisions, not both")
        return Range(revisions[0], revisions[1])
    (only,) = revisions
    for separator, merge_base in (("...", True), ("..", False)):
        if separator in only:
            left, right = only.split(separator, 1)
            if ".." in right or ".." in left:
                raise UsageError(f"not a revision range: {only}")
            return Range(left or "HEAD", right or "HEAD", merge_base)
    return Range(only, None)


class Repository:
    """A git repository found from a directory, and the plumbing commands the diff needs."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @classmethod
    def find(cls, directory: Path) -> Repository:
        """The repository that holds `directory`; GitError when there is none."""
        completed = _run(["rev-parse", "--show-toplevel"], directory)
        if completed.returncode != 0:
            raise GitError(
                f"{directory} is not inside a git repository: name two revisions in a repository, "
                "or two files or directories to compare"
            )
        return cls(Path(os.fsdecode(completed.stdout.rstrip(b"\n"))).resolve())

    def commit(self, revision: str) -> str:
        """The commit a revision names, as a full object name; GitError for a name git does not know."""
        completed = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
        if completed.returncode != 0:
            raise GitError(f"unknown revision '{revision}': not a commit, branch or tag of {self.root}")
        return completed.stdout.decode("ascii").strip()

    def has_commits(self) -> bool:
        return self._git("rev-parse", "--verify", "--quiet", "HEAD^{commit}").returncode == 0

    def merge_base(self, left: str, right: str) -> str:
        """The best common ancestor of two commits, for `A...B`."""
        completed = self._git("merge-base", left, right)
        if completed.returncode != 0:
            raise GitError(f"{left[:12]} and {right[:12]} have no common ancestor")
        return completed.stdout.decode("ascii").strip()

    def blobs(self, commit: str) -> list[Blob]:
        """Every regular file of a commit (symbolic links and submodules left out), in path order."""
        if commit == EMPTY:
            return []
        completed = self._git("ls-tree", "-r", "-z", "-l", "--full-tree", commit)
        if completed.returncode != 0:
            raise GitError(f"cannot list the files of {commit[:12]}: {_first_line(completed.stderr)}")
        found = []
        for entry in completed.stdout.split(b"\0"):
            if not entry:
                continue
            meta, _, raw_path = entry.partition(b"\t")
            mode, object_type, oid, size = meta.split()
            if object_type != b"blob" or mode not in (b"100644", b"100755"):
                continue
            # A name that is not UTF-8 is shown with replacement characters rather than break an output.
            found.append(Blob(raw_path.decode("utf-8", errors="replace"), oid.decode("ascii"), int(size)))
        return found

    def read(self, oids: Sequence[str | None]) -> list[bytes | None]:
        """The contents of blobs, in the order asked, from one `git cat-file --batch` (None: not read)."""
        wanted = [oid for oid in oids if oid is not None]
        if not wanted:
            return [None for _ in oids]
        request = "".join(f"{oid}\n" for oid in wanted).encode("ascii")
        completed = self._git("cat-file", "--batch", stdin=request)
        if completed.returncode != 0:
            raise GitError(f"cannot read objects: {_first_line(completed.stderr)}")
        output = completed.stdout
        read: dict[str, bytes] = {}
        at = 0
        for oid in wanted:
            end = output.index(b"\n", at)
            header = output[at:end].split()
            if len(header) != 3:
                raise GitError(f"cannot read object {oid}: {header[-1].decode(errors='replace') if header else ''}")
            size = int(header[2])
            read[oid] = output[end + 1 : end + 1 + size]
            at = end + 1 + size + 1
        return [read[oid] if oid is not None else None for oid in oids]

    def relative(self, path: Path) -> str:
        """A path as the repository names it (`maps/retail.journey.yaml`; `""` for the root)."""
        absolute = path.resolve()
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            raise GitError(f"{path} is outside the repository {self.root}") from None
        text = relative.as_posix()
        return "" if text == "." else text

    def _git(self, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        return _run(list(args), self.root, stdin)


def under(path: str, prefix: str) -> bool:
    """Whether a repository path is `prefix` or below it (`""` is the whole repository)."""
    return not prefix or path == prefix or path.startswith(prefix.rstrip("/") + "/")


def below(path: str, prefix: str) -> PurePosixPath:
    """The part of `path` below `prefix`."""
    return PurePosixPath(path[len(prefix) :].lstrip("/")) if prefix else PurePosixPath(path)


def _run(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise ToolMissingError("journeykit diff needs git: install it (apt install git, brew install git)")
    # Plumbing output must not depend on the user's locale, pager or replace refs.
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_NO_REPLACE_OBJECTS": "1"}
    try:
        return subprocess.run([git, *args], cwd=cwd, input=stdin, capture_output=True, env=env, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from None


def _first_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", errors="replace").strip()
    return text.splitlines()[0] if text else "git failed"
