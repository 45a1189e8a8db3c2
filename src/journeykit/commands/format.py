"""`journeykit format`: rewrite maps and catalogs in the canonical layout, or check that they are.

Like `ruff format`: exit 0 when every file is (or now is) formatted; 1 with `--check` or `--diff`
when a file would change; 2 when a file could not be formatted (it does not load: its finding is
printed and the file is left untouched), whatever the others did.
"""

from __future__ import annotations

import codecs
import difflib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO, TextIO

from journeykit.codes import file as file_rules
from journeykit.config import Settings
from journeykit.discover import Target, discover
from journeykit.findings import Finding
from journeykit.formatting.engine import format_text
from journeykit.output import atomic_bytes
from journeykit.present import plural
from journeykit.reporters.concise import one_line
from journeykit.sanitize import printable
from journeykit.source import Location


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


def run(options: FormatOptions, settings: Settings, out: TextIO | None = None, stdin: BinaryIO | None = None) -> int:
    """Format or check every map and catalog under the paths; returns the exit code."""
    out = out or sys.stdout
    width = options.line_width or settings.line_width
    targets = discover(
        options.paths, exclude=settings.exclude, exclude_root=settings.root, stdin_name=options.stdin_filename or "-"
    )
    tally = _Tally()
    for target in targets:
        _one(target, options, settings, width, tally, out, stdin or sys.stdin.buffer)
    if not targets:
        print(f"journeykit: warning: no maps or catalogs found in {', '.join(options.paths)}", file=sys.stderr)
    if not (len(targets) == 1 and targets[0].path is None):
        print(_summary(tally, options), file=sys.stderr)
    if tally.failed:
        return 2
    return 1 if tally.changed and (options.check or options.diff) else 0


def _one(
    target: Target, options: FormatOptions, settings: Settings, width: int, tally: _Tally, out: TextIO, stdin: BinaryIO
) -> None:
    raw, problem = _read(target, settings, stdin)
    if problem is not None:
        tally.failed += 1
        print(one_line(problem), file=sys.stderr)
        return
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw[len(codecs.BOM_UTF8) :].decode("utf-8") if bom else raw.decode("utf-8")
    result = format_text(text, target.display, width, settings.limits)
    if result.text is None:
        tally.failed += 1
        for finding in result.findings:
            print(one_line(finding), file=sys.stderr)
        return
    formatted = result.text
    if target.path is None:  # standard input: the formatted text goes to standard output
        if not options.check:
            out.write(formatted)
        tally.changed += formatted != text
        tally.unchanged += formatted == text
        return
    if formatted == text:
        tally.unchanged += 1
        return
    tally.changed += 1
    if options.diff:
        out.writelines(
            difflib.unified_diff(
                text.splitlines(keepends=True),
                formatted.splitlines(keepends=True),
                fromfile=target.display,
                tofile=target.display,
            )
        )
    elif options.check:
        print(f"Would reformat: {printable(target.display)}", file=out)
    else:
        atomic_bytes(target.path, (codecs.BOM_UTF8 if bom else b"") + formatted.encode("utf-8"))


def _read(target: Target, settings: Settings, stdin: BinaryIO) -> tuple[bytes, Finding | None]:
    """The file's bytes, or the finding that says why it cannot be formatted (unreadable, too large, not UTF-8)."""
    try:
        if target.path is None:
            raw = stdin.read(settings.max_file_size + 1)
        else:
            with target.path.open("rb") as handle:
                raw = handle.read(settings.max_file_size + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return b"", file_rules.UNREADABLE.finding(Location(target.display), f"cannot read {target.display}: {reason}")
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
