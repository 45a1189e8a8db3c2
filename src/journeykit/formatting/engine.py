"""Format one map's text: load, lay out with ruamel.yaml, put the comments back, prove nothing changed."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from journeykit.codes import file as file_rules
from journeykit.findings import Finding
from journeykit.formatting import comments as comment_lines
from journeykit.formatting.canonical import already_formatted
from journeykit.formatting.layout import Layout, apply
from journeykit.formatting.yaml_io import dump, make_yaml
from journeykit.loader import LoadLimits, load_text
from journeykit.source import Location

DEFAULT_WIDTH = 120


@dataclass(frozen=True)
class Formatted:
    """The canonical text, or None with the findings that explain why the file was left alone."""

    text: str | None
    findings: list[Finding] = field(default_factory=list)


_LIMITS = LoadLimits()


def format_text(
    text: str, display: str, width: int = DEFAULT_WIDTH, limits: LoadLimits = _LIMITS, *, prove: bool = True
) -> Formatted:
    """The canonical layout of a map or catalog; a file journeykit cannot load is not formatted.

    A file shown to be in the layout already (canonical.py) is given back without ruamel.yaml; `prove=False`
    always takes the long way, for tests that compare the two.
    """
    loaded = load_text(text, display, None, limits)
    if not loaded.ok:
        return Formatted(None, loaded.findings)
    source = loaded.source
    reading = comment_lines.read(source)
    if prove and already_formatted(source, reading, width):
        return Formatted(text)
    found = reading.comments
    yaml = make_yaml()
    try:
        tree = yaml.load(text)
    except Exception as error:  # ruamel refuses a file libyaml accepted: report it, never guess
        return Formatted(None, [_unformattable(display, f"ruamel.yaml cannot read it: {error}".splitlines()[0])])
    _drop_comments(tree)
    apply(tree, Layout(width, comment_lines.block_paths(found)))
    stream = io.StringIO()
    dump(yaml, tree, stream)
    laid_out = load_text(stream.getvalue(), display, None, LoadLimits(max_file_size=1 << 62))
    if not laid_out.ok or laid_out.source.data != source.data:
        return Formatted(None, [_unformattable(display, "the layout would change what the file means")])
    result = comment_lines.reinsert(stream.getvalue(), found, laid_out.source)
    final = load_text(result, display, None, LoadLimits(max_file_size=1 << 62))
    if not final.ok or final.source.data != source.data:
        return Formatted(None, [_unformattable(display, "putting the comments back would change what the file means")])
    return Formatted(result)


def _unformattable(display: str, reason: str) -> Finding:
    return file_rules.YAML_SYNTAX.finding(
        Location(display),
        f"journeykit cannot format this file safely: {reason}",
        hint="this is a bug in journeykit's formatter; please report it with the file",
    )


def _drop_comments(node: Any) -> None:
    """Comments are handled by line (comments.py); ruamel's copies would be written twice."""
    stack = [node]
    while stack:
        current = stack.pop()
        attributes = getattr(current, "ca", None)
        if attributes is not None:
            attributes.items.clear()
            attributes.comment = None
            if hasattr(attributes, "end"):
                attributes.end = None
        if isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)
