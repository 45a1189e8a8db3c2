"""`journeykit diff`: what a change does to the journey, between two git revisions, a revision and the
working tree, or two files or directories; also git's external diff driver and textconv.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from journeykit.analysis import analyze_files
from journeykit.checks import Checked, with_lint
from journeykit.config import Settings
from journeykit.diff.changes import DiffReport, Side
from journeykit.diff.compare import compare
from journeykit.diff.kinds import GROUPS, KINDS
from journeykit.diff.reporters import DIFF_FORMATS
from journeykit.diff.revisions import EMPTY, Range, Repository, parse_range
from journeykit.diff.sides import Scope, Snapshot, path_snapshot, revision_snapshot, worktree_snapshot
from journeykit.diff.textconv import facts
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
    base, head = _sides(repo, scope, parse_range(options.revisions), settings, as_of)
    return compare(base, head, settings.diff)


def changes_since(
    revision: str, paths: Sequence[str], checked: Checked, settings: Settings, as_of: datetime.date
) -> DiffReport:
    """What changed from `revision` to the working tree already checked (`render --since`)."""
    repo = Repository.find(Path.cwd())
    scope = Scope.of(repo, [p for p in paths if p != "-"])
    commit = repo.commit(revision)
    base = revision_snapshot(scope, commit, revision, settings, as_of)
    return compare(base, worktree_snapshot(scope, settings, as_of, checked), settings.diff)


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


def _sides(
    repo: Repository, scope: Scope, chosen: Range, settings: Settings, as_of: datetime.date
) -> tuple[Snapshot, Snapshot]:
    head_commit = repo.commit(chosen.head) if chosen.head is not None else None
    if chosen.merge_base:
        assert head_commit is not None
        base_commit = repo.merge_base(repo.commit(chosen.base), head_commit)
    elif chosen.base == "HEAD" and not repo.has_commits():
        base_commit = EMPTY  # a repository before its first commit: everything is new
    else:
        base_commit = repo.commit(chosen.base)
    base = revision_snapshot(scope, base_commit, chosen.base, settings, as_of)
    if head_commit is None or chosen.head is None:
        return base, worktree_snapshot(scope, settings, as_of)
    return base, revision_snapshot(scope, head_commit, chosen.head, settings, as_of)


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
    base = _memory_snapshot({**catalogs, **({path: old} if old is not None else {})}, "old", settings)
    head = _memory_snapshot({**catalogs, **({new_path: new} if new is not None else {})}, "new", settings)
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
        if not problems and analysis.result.sources.get(name) is not None:
            out.write(_catalog_facts(raw, name, settings))
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


def _memory_snapshot(files: dict[str, bytes], label: str, settings: Settings) -> Snapshot:
    checked = with_lint(analyze_files(files, settings), settings, datetime.date.today())
    return Snapshot(Side(label), checked, {name: name for name in checked.result.sources})


def _fact_diff(
    out: TextIO, old_path: str, old: bytes | None, new_path: str, new: bytes | None, settings: Settings
) -> None:
    before = _catalog_facts(old, old_path, settings).splitlines() if old is not None else []
    after = _catalog_facts(new, new_path, settings).splitlines() if new is not None else []
    lines = list(difflib.unified_diff(before, after, "a/" + old_path, "b/" + new_path, lineterm="", n=1))
    out.write("\n".join(printable(line) for line in lines[2:]) + "\n" if lines else "no changes\n")


def _catalog_facts(raw: bytes, name: str, settings: Settings) -> str:
    """A catalog's definitions, one per line, or what makes it unreadable."""
    analysis = analyze_files({name: raw}, settings)
    errors = analysis.result.errors
    if errors:
        return "".join(f"journeykit: cannot read this file: {f.code}: {printable(f.message)}\n" for f in errors)
    data = analysis.result.sources[name].data
    lines = []
    for section in ("personas", "channels", "teams"):
        for item in sorted(data.get(section) or [], key=lambda d: str(d.get("id"))):
            details = ", ".join(f"{k}: {v}" for k, v in sorted(item.items()) if k != "id" and isinstance(v, str))
            lines.append(f"{section[:-1]} {item.get('id')}: {' '.join(details.split())}")
    return "".join(printable(line) + "\n" for line in lines)
