"""`journeykit diff`: what a change does to the journey, between two git revisions, a revision and the
working tree, or two files or directories; also git's external diff driver and textconv.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from journeykit.analysis import Analysis, analyze_files
from journeykit.checks import Checked, with_lint
from journeykit.config import Settings
from journeykit.diff.changes import DiffReport, Side
from journeykit.diff.compare import compare
from journeykit.diff.kinds import GROUPS, KINDS
from journeykit.diff.reporters import DIFF_FORMATS
from journeykit.diff.revisions import EMPTY, Range, Repository, parse_range
from journeykit.diff.sides import (
    WORKING_TREE,
    Scope,
    Snapshot,
    Tree,
    path_snapshot,
    revision_snapshot,
    revision_tree,
    worktree_snapshot,
    worktree_tree,
)
from journeykit.diff.textconv import facts
from journeykit.diff.unchanged import collides, unchanged_maps
from journeykit.discover import Finder, display_name, is_catalog_name
from journeykit.errors import UsageError
from journeykit.findings import Severity
from journeykit.output import open_output, write_json
from journeykit.reporters import ReportContext
from journeykit.sanitize import printable

KIND_FORMATS = ("text", "json", "markdown")
NULL = "/dev/null"


@dataclass(frozen=True)
class DiffOptions:
    revisions: tuple[str, ...] = ()
    """`[BASE [HEAD]]`, `A..B`, `A...B`, or two files or directories."""
    paths: tuple[str, ...] = ()
    """The paths after `--`: only maps under them are compared."""
    output_format: str = "text"
    output: Path | None = None
    fail_on: Severity | None = None
    as_of: datetime.date | None = None
    skip_unchanged: bool = True
    """Leave out maps that are the same on both sides (the result is the same; tests compare both ways)."""


def diff(options: DiffOptions, settings: Settings) -> int:
    """Compare, print the changes, and exit 1 when a change is at or above the failing level."""
    report = build(options, settings)
    reporter = DIFF_FORMATS.get(options.output_format)
    fail_on = options.fail_on or settings.diff.fail_on
    with open_output(options.output) as out:
        reporter.report(report, out, ReportContext("diff", fail_on))
    return report.exit_code(fail_on)


def build(options: DiffOptions, settings: Settings) -> DiffReport:
    """The two sides the options name, run through the pipeline and compared."""
    as_of = options.as_of or datetime.date.today()
    pair = _path_pair(options)
    if pair is not None:
        return compare(path_snapshot(pair[0], settings, as_of), path_snapshot(pair[1], settings, as_of), settings.diff)
    repo = Repository.find(Path.cwd())
    scope = Scope.of(repo, options.paths)
    chosen = parse_range(options.revisions)
    base_side, head_side = _commits(repo, chosen)
    base_tree = revision_tree(scope, base_side.commit or EMPTY, settings)
    if head_side is None:
        head_tree = worktree_tree(scope, settings)

        def head(skip: frozenset[str]) -> Snapshot:
            return worktree_snapshot(scope, head_tree, settings, as_of, skip=skip)

    else:
        head_tree = revision_tree(scope, head_side.commit or EMPTY, settings)

        def head(skip: frozenset[str]) -> Snapshot:
            return revision_snapshot(head_tree, head_side, settings, as_of, skip)

    def base(skip: frozenset[str]) -> Snapshot:
        return revision_snapshot(base_tree, base_side, settings, as_of, skip)

    return _compare(base_tree, head_tree, base, head, settings, skip_unchanged=options.skip_unchanged)


def changes_since(
    revision: str, paths: Sequence[str], checked: Checked, settings: Settings, as_of: datetime.date
) -> DiffReport:
    """What changed from `revision` to the working tree already checked (`render --since`)."""
    repo = Repository.find(Path.cwd())
    scope = Scope.of(repo, [p for p in paths if p != "-"])
    side = Side(revision, repo.commit(revision))
    base_tree = revision_tree(scope, side.commit or EMPTY, settings)
    head_tree = worktree_tree(scope, settings)
    return _compare(
        base_tree,
        head_tree,
        lambda skip: revision_snapshot(base_tree, side, settings, as_of, skip),
        lambda skip: worktree_snapshot(scope, head_tree, settings, as_of, checked, skip),
        settings,
    )


def _compare(
    base_tree: Tree,
    head_tree: Tree,
    base: Callable[[frozenset[str]], Snapshot],
    head: Callable[[frozenset[str]], Snapshot],
    settings: Settings,
    *,
    skip_unchanged: bool = True,
) -> DiffReport:
    """Both sides without the maps that are the same on both (see diff/unchanged.py), then compared;
    everything, when a left-out map's id is one an analysed map has."""
    left_out = unchanged_maps(base_tree, head_tree) if skip_unchanged else {}
    skip = frozenset(left_out)
    base_side, head_side = base(skip), head(skip)
    if skip and collides(left_out.values(), base_side, head_side):
        base_side, head_side = base(frozenset()), head(frozenset())
    return compare(base_side, head_side, settings.diff)


def _commits(repo: Repository, chosen: Range) -> tuple[Side, Side | None]:
    """The base's commit and the head's (None: the working tree), as the range names them."""
    head = Side(chosen.head, repo.commit(chosen.head)) if chosen.head is not None else None
    if chosen.merge_base:
        assert head is not None and head.commit is not None
        return Side(chosen.base, repo.merge_base(repo.commit(chosen.base), head.commit)), head
    if chosen.base == "HEAD" and not repo.has_commits():
        return Side(chosen.base), head  # a repository before its first commit: everything is new
    return Side(chosen.base, repo.commit(chosen.base)), head


def _path_pair(options: DiffOptions) -> tuple[str, str] | None:
    """Two existing files or directories named without `--`: compared outside git."""
    if len(options.revisions) != 2 or options.paths:
        return None
    old, new = (Path(r) for r in options.revisions)
    if not (old.exists() and new.exists()):
        return None
    if old.is_dir() != new.is_dir():
        raise UsageError(f"compare a file with a file or a directory with a directory: {old} and {new}")
    return options.revisions[0], options.revisions[1]


# --- the catalogue -----------------------------------------------------------------------------


def list_kinds(out: TextIO, output_format: str, settings: Settings) -> int:
    """Every change kind with its level (as configured) and what it means."""
    if output_format not in KIND_FORMATS:
        raise UsageError(f"--list-kinds prints {', '.join(KIND_FORMATS)}, not {output_format}")
    ordered = sorted(KINDS.values(), key=lambda k: GROUPS.index(k.group))
    if output_format == "json":
        write_json(out, [{"kind": k.name, "level": k.level_text, "description": k.description} for k in ordered])
    elif output_format == "markdown":
        out.write(kinds_table())
    else:
        width = max(len(k.name) for k in ordered)
        configured = settings.diff.levels
        for kind in ordered:
            shown = kind.level_text
            if kind.name in configured:
                level = configured[kind.name]
                shown = f"{level.label if level else 'off'} (configured; default: {kind.level_text})"
            out.write(f"{kind.name:<{width}}  {shown}\n{'':<{width}}  {kind.description}\n")
    return 0


def kinds_table() -> str:
    """The catalogue as the Markdown table of docs/diff.md."""
    lines = ["| kind | default level | meaning |", "|---|---|---|"]
    for kind in sorted(KINDS.values(), key=lambda k: GROUPS.index(k.group)):
        lines.append(f"| `{kind.name}` | {kind.level_text} | {kind.description} |")
    return "\n".join(lines) + "\n"


# --- git integration ---------------------------------------------------------------------------


def git_driver(arguments: Sequence[str], settings: Settings, out: TextIO) -> int:
    """git's external diff (`diff.journeykit.command`): `path old-file old-hex old-mode new-file new-hex new-mode`.

    Always exit 0, even for a broken file, since git stops at the first failing driver; a broken
    file is reported as such.
    """
    if len(arguments) == 1:
        out.write(f"journeykit diff: {printable(arguments[0])}: unmerged, nothing to compare\n")
        return 0
    if len(arguments) not in (7, 9):
        raise UsageError(
            "--git-driver takes the arguments git gives an external diff: "
            "path old-file old-hex old-mode new-file new-hex new-mode [new-path extra]"
        )
    path, old_file, new_file = arguments[0], arguments[1], arguments[4]
    new_path = arguments[7] if len(arguments) == 9 else path
    old = _read(old_file)
    new = _read(new_file)
    out.write(f"journeykit diff a/{printable(path)} b/{printable(new_path)}\n")
    if is_catalog_name(path) or is_catalog_name(new_path):
        _fact_diff(out, path, old, new_path, new, settings)
        return 0
    catalogs = {**_catalogs_for(path), **_catalogs_for(new_path)}
    base_side, head_side = _blob_side(arguments[2]), _blob_side(arguments[5])
    base = _memory_snapshot({**catalogs, **({path: old} if old is not None else {})}, base_side, settings)
    head = _memory_snapshot({**catalogs, **({new_path: new} if new is not None else {})}, head_side, settings)
    report = compare(base, head, settings.diff)
    if report.empty:
        out.write("no journey changes\n")
        return 0
    DIFF_FORMATS.get("text").report(report, out, ReportContext("diff"))
    return 0


def textconv(path: Path, settings: Settings, out: TextIO) -> int:
    """git's textconv: the map's facts, one per line; a broken file says what is wrong (exit 0)."""
    raw = _read(str(path))
    if raw is None:
        return 0
    name = path.name if path.name.endswith((".yaml", ".yml")) else f"{path.name}.journey.yaml"
    analysis = analyze_files({name: raw}, settings)
    for analyzed in analysis.maps:
        out.write("\n".join(facts(analyzed.journey, analyzed.coverage)) + "\n")
    if not analysis.maps:
        problems = analysis.result.errors or analysis.result.findings
        if not problems and analysis.sources.get(name) is not None:
            out.write(_catalog_lines(analysis, name))
        for finding in problems:
            loc = finding.location
            out.write(
                f"journeykit: cannot read this file: {finding.code} at {loc.line}:{loc.column}: "
                f"{printable(finding.message)}\n"
            )
    return 0


def _read(file: str) -> bytes | None:
    if file == NULL:
        return None
    try:
        return Path(file).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {file}: {error.strerror or error}") from None


def _catalogs_for(path: str) -> dict[str, bytes]:
    """The working tree's catalogs that a map at `path` sees, keyed as the map is (git's paths are relative)."""
    directory = Path(path).parent
    found = {}
    for catalog in Finder().visible_catalogs(directory if str(directory) else Path()):
        try:
            found[display_name(catalog)] = catalog.read_bytes()
        except OSError:
            continue
    return found


def _blob_side(oid: str) -> Side:
    """A side of git's external diff, named by its blob: all zeros is the working tree's file (or none)."""
    return Side(WORKING_TREE if not oid.strip("0.") else oid[:12])


def _memory_snapshot(files: dict[str, bytes], side: Side, settings: Settings) -> Snapshot:
    checked = with_lint(analyze_files(files, settings), settings, datetime.date.today())
    return Snapshot(side, checked, {name: name for name in checked.analysis.sources})


def _fact_diff(
    out: TextIO, old_path: str, old: bytes | None, new_path: str, new: bytes | None, settings: Settings
) -> None:
    before = _catalog_facts(old, old_path, settings).splitlines() if old is not None else []
    after = _catalog_facts(new, new_path, settings).splitlines() if new is not None else []
    lines = list(difflib.unified_diff(before, after, "a/" + old_path, "b/" + new_path, lineterm="", n=1))
    out.write("\n".join(printable(line) for line in lines[2:]) + "\n" if lines else "no changes\n")


def _catalog_facts(raw: bytes, name: str, settings: Settings) -> str:
    """A catalog's definitions, one per line, or what makes it unreadable."""
    return _catalog_lines(analyze_files({name: raw}, settings), name)


def _catalog_lines(analysis: Analysis, name: str) -> str:
    """The definitions of the catalog `name` of an analysis of it, one per line, or what makes it unreadable."""
    errors = analysis.result.errors
    if errors:
        return "".join(f"journeykit: cannot read this file: {f.code}: {printable(f.message)}\n" for f in errors)
    data = analysis.sources[name].data
    lines = []
    for section in ("personas", "channels", "teams"):
        for item in sorted(data.get(section) or [], key=lambda d: str(d.get("id"))):
            details = ", ".join(f"{k}: {v}" for k, v in sorted(item.items()) if k != "id" and isinstance(v, str))
            lines.append(f"{section[:-1]} {item.get('id')}: {' '.join(details.split())}")
    return "".join(printable(line) + "\n" for line in lines)
