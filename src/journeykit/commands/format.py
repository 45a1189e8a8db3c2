"""`journeykit format`: rewrite maps and catalogs in the canonical layout, or check that they are.

Like `ruff format`: exit 0 when every file is (or now is) formatted; 1 with `--check` or `--diff`
when a file would change; 2 when a file could not be formatted (it does not load: its finding is
printed and the file is left untouched), whatever the others did.
"""

from __future__ import annotations

import codecs
import difflib
import functools
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from journeykit.codes import file as file_rules
from journeykit.config import Settings
from journeykit.discover import Target, discover
from journeykit.files import read_bounded
from journeykit.findings import Finding
from journeykit.formatting.engine import format_text
from journeykit.loader import read_raw
from journeykit.output import atomic_bytes
from journeykit.present import plural
from journeykit.reporters.concise import one_line
from journeykit.sanitize import printable
from journeykit.source import Location
from journeykit.workers import chunk_size, in_pool, pool_workers


@dataclass(frozen=True)
class FormatOptions:
    paths: Sequence[str]
    check: bool = False
    diff: bool = False
    line_width: int | None = None
    stdin_filename: str | None = None


@dataclass
class _Tally:
    changed: int = 0
    unchanged: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Formatted:
    """What formatting one file came to, worked out where the file was read (here or in a worker) and
    printed and written here, in file order."""

    target: Target
    problems: tuple[Finding, ...] = ()
    """Why the file cannot be formatted (it is then left as it is); empty when it could be."""
    changed: bool = False
    output: bytes | None = None
    """The bytes to write (the formatted file, its byte-order mark kept) when it changed and is rewritten;
    for standard input, the formatted text, whether it changed or not (unless `--check`)."""
    diff: str = ""
    """`--diff`: the unified diff of what would change."""


def run(options: FormatOptions, settings: Settings, out: TextIO | None = None, stdin: BinaryIO | None = None) -> int:
    """Format or check every map and catalog under the paths; returns the exit code.

    Directories of many files are formatted in worker processes (`--jobs`, as for validate); what is
    printed and written is the same, in the same order, as in one process.
    """
    out = out or sys.stdout
    width = options.line_width or settings.line_width
    targets = discover(
        options.paths, exclude=settings.exclude, exclude_root=settings.root, stdin_name=options.stdin_filename or "-"
    )
    workers = pool_workers(len(targets), settings.jobs, all(t.path is not None for t in targets))
    if workers > 1:
        start = functools.partial(_formatter, options, settings, width, None)
        outcomes: Iterable[Formatted] = in_pool(start, targets, workers, chunk_size(len(targets), workers))
    else:
        format_one = _formatter(options, settings, width, stdin or sys.stdin.buffer)
        outcomes = (format_one(target) for target in targets)
    tally = _Tally()
    for outcome in outcomes:
        _report(outcome, options, tally, out)
    if not targets:
        print(f"journeykit: warning: no maps or catalogs found in {', '.join(options.paths)}", file=sys.stderr)
    if not (len(targets) == 1 and targets[0].path is None):
        print(_summary(tally, options), file=sys.stderr)
    if tally.failed:
        return 2
    return 1 if tally.changed and (options.check or options.diff) else 0


def _formatter(
    options: FormatOptions, settings: Settings, width: int, stdin: BinaryIO | None
) -> Callable[[Target], Formatted]:
    """The function that formats one file (in this process, or once per worker)."""

    def format_one(target: Target) -> Formatted:
        raw, problem = _read(target, settings, stdin)
        if problem is not None:
            return Formatted(target, (problem,))
        bom = raw.startswith(codecs.BOM_UTF8)
        text = raw[len(codecs.BOM_UTF8) :].decode("utf-8") if bom else raw.decode("utf-8")
        result = format_text(text, target.display, width, settings.limits)
        if result.text is None:
            return Formatted(target, tuple(result.findings))
        formatted = result.text
        changed = formatted != text
        if target.path is None:  # standard input: the formatted text goes to standard output
            return Formatted(target, changed=changed, output=None if options.check else formatted.encode("utf-8"))
        if not changed:
            return Formatted(target)
        if options.diff:
            lines = difflib.unified_diff(
                text.splitlines(keepends=True),
                formatted.splitlines(keepends=True),
                fromfile=target.display,
                tofile=target.display,
            )
            return Formatted(target, changed=True, diff="".join(lines))
        if options.check:
            return Formatted(target, changed=True)
        return Formatted(target, changed=True, output=(codecs.BOM_UTF8 if bom else b"") + formatted.encode("utf-8"))

    return format_one


def _report(outcome: Formatted, options: FormatOptions, tally: _Tally, out: TextIO) -> None:
    """Print, write and count one file's outcome."""
    target = outcome.target
    if outcome.problems:
        tally.failed += 1
        for finding in outcome.problems:
            print(one_line(finding), file=sys.stderr)
        return
    tally.changed += outcome.changed
    tally.unchanged += not outcome.changed
    if target.path is None:
        if outcome.output is not None:
            out.write(outcome.output.decode("utf-8"))
    elif outcome.diff:
        out.write(outcome.diff)
    elif outcome.changed and options.check:
        print(f"Would reformat: {printable(target.display)}", file=out)
    elif outcome.output is not None:
        atomic_bytes(target.path, outcome.output)


def _read(target: Target, settings: Settings, stdin: BinaryIO | None) -> tuple[bytes, Finding | None]:
    """The file's bytes, or the finding that says why it cannot be formatted (unreadable, too large, not UTF-8)."""
    if target.path is not None:
        read = read_raw(target.path, target.display, settings.limits)
        if isinstance(read, Finding):
            return b"", read
        raw = read
    else:
        assert stdin is not None, "standard input is formatted in the main process"
        try:
            raw = read_bounded(stdin, settings.max_file_size + 1)
        except OSError as error:
            message = f"cannot read {target.display}: {error.strerror or type(error).__name__}"
            return b"", file_rules.UNREADABLE.finding(Location(target.display), message)
    if len(raw) > settings.max_file_size:
        message = f"the file is larger than the {settings.max_file_size:,}-byte limit"
        return b"", file_rules.FILE_TOO_LARGE.finding(Location(target.display), message)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return b"", file_rules.NOT_UTF8.finding(Location(target.display), "the file is not UTF-8")
    return raw, None


def _summary(tally: _Tally, options: FormatOptions) -> str:
    changed = "would be reformatted" if options.check or options.diff else "reformatted"
    left = "already formatted" if options.check or options.diff else "left unchanged"
    parts = []
    if tally.changed:
        parts.append(f"{plural(tally.changed, 'file')} {changed}")
    if tally.unchanged:
        parts.append(f"{plural(tally.unchanged, 'file')} {left}")
    if tally.failed:
        parts.append(f"{plural(tally.failed, 'file')} could not be formatted")
    return ", ".join(parts) or "no files"
