"""YAML bytes → plain data plus the position of every node, with safety limits.

The composer works on libyaml's event stream rather than on `yaml.load`: it builds plain
dicts, lists and scalars in one pass, records a span for every key and value, refuses
duplicate keys and unknown tags (nothing is ever constructed from a tag), caps alias
expansion and nesting depth, and never recurses, so no input can exhaust the stack.
Problems become JK0xx findings; only bugs raise.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from journeykit.codes import file as rules
from journeykit.codes.base import Rule
from journeykit.errors import ToolMissingError
from journeykit.files import read_bounded
from journeykit.findings import Finding
from journeykit.memory import paused_gc
from journeykit.source import Location, SourceFile, Span, YamlPath, editor_lines, format_path

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - exercised by a test that removes it
    _Parser = None  # type: ignore[assignment,misc]
LIBYAML_MISSING = (
    "PyYAML was built without libyaml, whose parser journeykit needs: the pure-Python parser reads some maps "
    "differently (such as `goals: [Is it cheap?, Fast]`), so results would depend on the install. Reinstall PyYAML "
    "from a wheel (`pip install --force-reinstall --only-binary=:all: pyyaml`), or install libyaml's headers "
    "(`apt-get install libyaml-dev`) and then PyYAML"
)

SUPPORTED_VERSIONS = (1,)


@dataclass(frozen=True, slots=True)
class LoadLimits:
    """Safety limits; the defaults suit maps written by people."""

    max_file_size: int = 5 * 1024 * 1024
    max_depth: int = 64
    alias_budget: int = 100_000


@dataclass(slots=True)
class Loaded:
    """A file as loaded: `source.data` is usable only when `ok` is true."""

    source: SourceFile
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings


def read_path(path: Path, display: str, limits: LoadLimits = LoadLimits()) -> Loaded:
    """Read and load a file from disk; unreadable and oversized files become findings."""
    raw = read_raw(path, display, limits)
    if isinstance(raw, Finding):
        loaded = Loaded(SourceFile(display=display, path=path, text=""))
        loaded.findings.append(raw)
        return loaded
    return load_bytes(raw, display, path, limits)


def read_raw(path: Path, display: str, limits: LoadLimits = LoadLimits()) -> bytes | Finding:
    """A file's bytes, never more than the size limit, or the finding that says why it cannot be read:
    a directory, a device or FIFO (which would block), a symbolic link loop, an unreadable or oversized file."""
    at = Location(display, 1, 1)
    try:
        if path.exists() and not path.is_file():
            reason = "it is a directory" if path.is_dir() else "it is not a regular file (use - for standard input)"
            return rules.UNREADABLE.finding(at, f"cannot read {display}: {reason}")
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_size:
                return rules.FILE_TOO_LARGE.finding(at, _too_large(size, limits))
            return read_bounded(handle, limits.max_file_size + 1)  # never more, whatever stat() said
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return rules.UNREADABLE.finding(at, f"cannot read {display}: {reason}")
    except RuntimeError:  # pathlib on a symbolic link loop
        return rules.UNREADABLE.finding(at, f"cannot read {display}: a symbolic link loop")


def load_bytes(raw: bytes, display: str, path: Path | None = None, limits: LoadLimits = LoadLimits()) -> Loaded:
    """Decode UTF-8 bytes and load them."""
    if len(raw) > limits.max_file_size:
        # Reading stopped one byte past the limit: the true size is unknown (standard input).
        message = f"the file is larger than the {limits.max_file_size:,}-byte limit"
        return _fail(display, path, "", rules.FILE_TOO_LARGE, message, 1, 1)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _fail(
            display,
            path,
            "",
            rules.NOT_UTF8,
            "the file is UTF-16, not UTF-8",
            1,
            1,
            hint="re-save the file as UTF-8",
        )
    body = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        line = body.count(b"\n", 0, error.start) + 1
        line_start = body.rfind(b"\n", 0, error.start) + 1
        column = len(body[line_start : error.start].decode("utf-8", "replace")) + 1
        message = f"byte 0x{body[error.start]:02x} is not valid UTF-8"
        return _fail(display, path, "", rules.NOT_UTF8, message, line, column, hint="re-save the file as UTF-8")
    return load_text(text, display, path, limits)


def load_text(text: str, display: str, path: Path | None = None, limits: LoadLimits = LoadLimits()) -> Loaded:
    """Parse YAML text into data and spans; check the format version."""
    if _Parser is None:
        raise ToolMissingError(LIBYAML_MISSING)
    source = SourceFile(display=display, path=path, text=text)
    loaded = Loaded(source)
    deep_at = _flow_nesting_exceeds(text, limits.max_depth)
    if deep_at is not None:
        line, column = _line_column(text, deep_at)
        loaded.findings.append(_too_deep(display, line, column, limits))
        return loaded
    _Composer(source, limits, loaded.findings).run()
    if _EXTRA_BREAKS.search(text):
        loaded.findings[:] = _remap_breaks(source, loaded.findings)
    if loaded.ok:
        _check_top_level(source, loaded.findings)
    return loaded


def _check_top_level(source: SourceFile, findings: list[Finding]) -> None:
    data = source.data
    if data is None:
        findings.append(
            rules.EMPTY_FILE.finding(
                Location(source.display),
                "the file holds no YAML document",
                hint="start the file with `journeykit: 1` and `kind: journey` (or `kind: catalog`)",
            )
        )
        return
    if not isinstance(data, dict):
        findings.append(
            rules.NOT_A_MAPPING.finding(
                source.location(()),
                f"the top level is a {_yaml_type(data)}, not a mapping",
                hint="a map or catalog is a mapping that starts with `journeykit: 1` and `kind`",
            )
        )
        return
    if "journeykit" not in data:
        findings.append(
            rules.UNKNOWN_VERSION.finding(
                source.location(()),
                "the file does not say its format version",
                hint="add `journeykit: 1` as the first line",
                subject="journeykit",
            )
        )
        return
    version = data["journeykit"]
    if type(version) is not int or version not in SUPPORTED_VERSIONS:
        hint = (
            "write the number unquoted: `journeykit: 1`" if version == "1" else "this journeykit reads `journeykit: 1`"
        )
        if type(version) is int and version > max(SUPPORTED_VERSIONS):
            hint = "the file was written for a newer journeykit: upgrade journeykit"
        findings.append(
            rules.UNKNOWN_VERSION.finding(
                source.location(("journeykit",)),
                f"unknown format version {version!r}",
                hint=hint,
                subject="journeykit",
            )
        )


# --- the composer -------------------------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP_TAGS = (None, "!", "tag:yaml.org,2002:map")
_SEQ_TAGS = (None, "!", "tag:yaml.org,2002:seq")
_IMPLICIT = Resolver.yaml_implicit_resolvers
_LETTER_WORDS = frozenset(
    word
    for spelled in ("yes", "no", "true", "false", "on", "off", "null")
    for word in (spelled, spelled.title(), spelled.upper())
)
"""The plain scalars starting with a letter that resolve to something other than text (booleans,
null): the YAML 1.1 resolvers for a first letter match nothing else."""
_INT_MAX = 2**63 - 1
_INT_MIN = -(2**63)
_MAX_DIGITS = 400
"""Longer digit strings are out of range whatever they say, and are never converted (Python's
int() refuses more than 4,300 digits, and a float of 400 digits is infinite)."""
_SAFE = SafeConstructor()


_START_EVENTS = frozenset({MappingStartEvent, SequenceStartEvent})
_END_EVENTS = frozenset({MappingEndEvent, SequenceEndEvent})


class _Stop(Exception):
    """Raised inside the composer to abandon a file after a fatal finding."""


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = (
        "anchor",
        "is_map",
        "key",
        "key_path",
        "merge",
        "merges",
        "path",
        "size",
        "skip",
        "start",
        "value",
    )

    def __init__(self, is_map: bool, path: YamlPath, start: tuple[int, int], anchor: str | None) -> None:
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.path = path
        self.start = start
        self.anchor = anchor
        self.size = 1
        self.key: str | None = None  # mapping: the key waiting for its value
        self.key_path: YamlPath = ()  # mapping: the path of the value that key introduces
        self.skip = False  # mapping: the pending key is a duplicate; drop its value
        self.merge = False  # mapping: the pending key is a plain `<<` merge key
        self.merges: list[tuple[dict[str, Any], Span]] = []


class _TextReader:
    """The text as a stream that libyaml reads in chunks: given a whole string, the parser first
    makes a UTF-8 copy of it, which for a large file is that much more memory at the peak."""

    __slots__ = ("position", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def read(self, size: int = -1) -> str:
        start = self.position
        end = len(self.text) if size < 0 else start + size
        self.position = min(end, len(self.text))
        return self.text[start:end]


class _LineNumbers(dict[int, int]):
    """0-based line → the 1-based line number, one int object each, made on first use."""

    def __missing__(self, line: int) -> int:
        number = self[line] = line + 1
        return number


class _Composer:
    def __init__(self, source: SourceFile, limits: LoadLimits, findings: list[Finding]) -> None:
        self.source = source
        self.limits = limits
        self.findings = findings
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.alias_added = 0
        self.documents = 0
        self.lines = _LineNumbers()
        """Spans share one int per line number: a large file has hundreds of thousands of spans."""

    def run(self) -> None:
        parser = _Parser(_TextReader(self.source.text))
        # The composer builds plain dicts and lists that never form cycles, so a collector pass
        # over them finds nothing; on a large file those passes cost more than the parse itself.
        try:
            with paused_gc():
                self._compose(parser.get_event)
        except yaml.MarkedYAMLError as error:
            self.source.data = None
            self.findings.append(self._syntax_finding(error))
        except yaml.reader.ReaderError as error:
            self.source.data = None
            line, column = _line_column(self.source.text, _character_offset(self.source.text, error.position))
            char = f"#x{error.character:04x}" if isinstance(error.character, int) else repr(error.character)
            self.findings.append(
                rules.YAML_SYNTAX.finding(
                    Location(self.source.display, line, column),
                    f"character {char} is not allowed in YAML",
                    hint="remove control characters from the file",
                )
            )
        except _Stop:
            self.source.data = None
        finally:
            parser.dispose()

    def _compose(self, next_event: Callable[[], Event | None]) -> None:
        """The event loop, in one function: scalars are most of any map, so their whole path (plain
        text, span, attaching to the open collection) runs here with its state in local variables."""
        stack = self.stack
        anchors = self.anchors
        value_spans = self.source.spans.values
        lines = self.lines
        implicit = _IMPLICIT
        letter_words = _LETTER_WORDS
        scalar_event, start_events, end_events = ScalarEvent, _START_EVENTS, _END_EVENTS
        top: _Frame | None = None
        while True:
            event = next_event()
            if event is None:
                return
            if type(event) is not scalar_event:
                kind = type(event)
                if kind in start_events:
                    self._start(event, kind is MappingStartEvent)  # type: ignore[arg-type]
                elif kind in end_events:
                    self._end(event)
                else:
                    self._structure(event)
                top = stack[-1] if stack else None
                continue
            start, end = event.start_mark, event.end_mark
            span = (lines[start.line], start.column + 1, lines[end.line], end.column + 1)  # type: ignore[union-attr]
            if top is not None and top.is_map and top.key is None:
                self._key(top, event, span)
                continue
            value: Any = event.value
            # Quoted text, and plain text that no implicit type (a number, a boolean, null, a date)
            # can match by its first character, is text: `_construct` would return it unchanged.
            if event.tag is not None or (
                event.implicit[0]
                and (not value or (value[0] in implicit and (not value[0].isalpha() or value in letter_words)))
            ):
                value = self._construct(event, span)
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            if top is None:
                self._attach(value, span, 1)
                continue
            top.size += 1
            if not top.is_map:
                item_path = (*top.path, len(top.value))
                value_spans[item_path] = span
                top.value.append(value)
                continue
            key = top.key
            top.key = None
            if top.merge:
                top.merge = False
                self._merge_source(top, value, span)
            elif not top.skip:
                value_spans[top.key_path] = span
                top.value[key] = value

    def _structure(self, event: Event) -> None:
        """Every event but a scalar: collections, aliases, documents."""
        kind = type(event)
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            self._start(event, kind is MappingStartEvent)  # type: ignore[arg-type]
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            self._end(event)
        elif kind is AliasEvent:
            self._alias(event)  # type: ignore[arg-type]
        elif kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._fatal(
                    rules.MULTIPLE_DOCUMENTS,
                    event,
                    "the file holds a second YAML document",
                    "one file is one map or catalog: move this document to its own file",
                )

    # -- nodes

    def _key(self, frame: _Frame, event: yaml.ScalarEvent, span: Span) -> None:
        key = event.value
        if event.tag not in (None, "!", _STR):
            self._error(
                rules.UNSUPPORTED_TAG,
                span,
                f"tag {_short_tag(event.tag)} is not supported on a key",
                "remove the tag",
            )
        if key == "<<" and event.implicit[0] and event.tag is None:
            frame.key, frame.key_path, frame.skip, frame.merge = "<<", (*frame.path, "<<"), False, True
            return
        frame.merge = False
        path = (*frame.path, key)
        if key in frame.value:
            first = self.source.spans.keys.get(path)
            where = f"the first is on line {first[0]}; " if first else ""
            self._error(
                rules.DUPLICATE_KEY,
                span,
                f"duplicate key {key!r}",
                f"{where}YAML would silently keep only the last one: remove or rename one of them",
                subject=format_path(path),
            )
            frame.skip = True
        else:
            self.source.spans.keys[path] = span
            frame.skip = False
        frame.key, frame.key_path = key, path

    def _construct(self, event: yaml.ScalarEvent, span: Span) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return value
            tag = _resolve_plain(value)
        if tag == _STR:
            return value
        if tag in (_INT, _FLOAT):
            return self._number(tag, value, span, explicit=event.tag not in (None, "!"))
        if tag == _BOOL:
            if value.lower() not in _SAFE.bool_values:
                return self._bad_scalar(value, span, "boolean (true or false)", explicit=True)
            return _SAFE.bool_values[value.lower()]
        if tag == _NULL:
            return None
        if tag == _TIMESTAMP:
            return value  # dates stay text: the schema checks their format
        self._error(
            rules.UNSUPPORTED_TAG,
            span,
            f"tag {_short_tag(tag)} is not supported",
            "maps hold plain data: remove the tag (nothing in a map is ever constructed or executed)",
        )
        return value

    def _number(self, tag: str, value: str, span: Span, *, explicit: bool) -> Any:
        """An int or float, or a finding: text that only looks like a number, or a number out of range."""
        kind = "whole number" if tag == _INT else "number"
        digits = sum(ch.isdigit() for ch in value)
        if digits > _MAX_DIGITS:
            return self._out_of_range(value, span)
        try:
            number = (
                _SAFE.construct_yaml_int(ScalarNode(tag, value))
                if tag == _INT
                else _SAFE.construct_yaml_float(ScalarNode(tag, value))
            )
        except (ValueError, TypeError, IndexError, OverflowError):  # PyYAML's constructors raise all of these
            return self._bad_scalar(value, span, kind, explicit=explicit)
        if isinstance(number, int) and not _INT_MIN <= number <= _INT_MAX:
            return self._out_of_range(value, span)
        if isinstance(number, float) and not math.isfinite(number):
            return self._out_of_range(value, span)
        return number

    def _bad_scalar(self, value: str, span: Span, kind: str, *, explicit: bool) -> str:
        shown = _show_scalar(value)
        if explicit:
            message = f"{shown} is tagged as a {kind} but is not one"
            hint = "remove the tag, or write the value as the tag says"
        else:
            message = f"YAML reads {shown} as a {kind}, but it is not a valid one"
            hint = f"quote it, '{value[:40]}', to keep it as text, or write a valid {kind}"
        self._error(rules.INVALID_SCALAR, span, message, hint)
        return value

    def _out_of_range(self, value: str, span: Span) -> str:
        self._error(
            rules.NUMBER_OUT_OF_RANGE,
            span,
            f"number out of range: {_show_scalar(value)}",
            "numbers in a map are whole numbers within ±9,223,372,036,854,775,807 or finite decimals; "
            "quote the value to keep it as text",
        )
        return value

    def _start(self, event: yaml.CollectionStartEvent, is_map: bool) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and top.is_map and top.key is None:
            self._fatal(
                rules.COMPLEX_KEY,
                event,
                "a mapping key must be a plain value, not a list or mapping",
                "use a text key",
            )
        if len(self.stack) >= self.limits.max_depth:
            raise self._stop_with(_too_deep(self.source.display, *_span(event)[:2], self.limits))
        allowed = _MAP_TAGS if is_map else _SEQ_TAGS
        if event.tag not in allowed:
            self._error(
                rules.UNSUPPORTED_TAG,
                _span(event),
                f"tag {_short_tag(event.tag)} is not supported",
                "remove the tag",
            )
        mark = event.start_mark
        assert mark is not None
        self.stack.append(_Frame(is_map, self._child_path(), (self.lines[mark.line], mark.column + 1), event.anchor))

    def _end(self, event: Event) -> None:
        frame = self.stack.pop()
        if frame.merges:
            self._apply_merges(frame)
        mark = event.end_mark
        assert mark is not None
        span = (*frame.start, self.lines[mark.line], mark.column + 1)
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, frame.size)
        self._attach(frame.value, span, frame.size, path=frame.path)

    def _alias(self, event: yaml.AliasEvent) -> None:
        span = _span(event)
        anchor = event.anchor
        top = self.stack[-1] if self.stack else None
        if top is not None and top.is_map and top.key is None:
            self._fatal(rules.COMPLEX_KEY, event, "an alias cannot be a mapping key", "use a text key")
        if anchor not in self.anchors:
            if any(f.anchor == anchor for f in self.stack):
                message = f"alias *{anchor} refers to the node that contains it"
            else:
                message = f"alias *{anchor} refers to no anchor defined before it"
            raise self._stop_with(
                rules.UNSAFE_ALIAS.finding(self._loc(span), message, hint="define `&name` before `*name`")
            )
        value, size = self.anchors[anchor]
        if len(self.stack) + _height(value, self.limits.max_depth) > self.limits.max_depth:
            raise self._stop_with(_too_deep(self.source.display, span[0], span[1], self.limits, through_alias=True))
        self.alias_added += size
        if self.alias_added > self.limits.alias_budget:
            raise self._stop_with(
                rules.UNSAFE_ALIAS.finding(
                    self._loc(span),
                    f"aliases expand the document by more than {self.limits.alias_budget:,} nodes",
                    hint="this looks like a 'billion laughs' file: aliases nested in aliases",
                )
            )
        self._attach(value, span, size)

    # -- plumbing

    def _child_path(self) -> YamlPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        return top.key_path if top.is_map else (*top.path, len(top.value))

    def _attach(self, value: Any, span: Span, size: int, path: YamlPath | None = None) -> None:
        if not self.stack:
            self.source.data = value
            self.source.spans.values[()] = span
            return
        top = self.stack[-1]
        top.size += size
        if path is None:
            path = self._child_path()
        if not top.is_map:
            self.source.spans.values[path] = span
            top.value.append(value)
            return
        key = top.key
        assert key is not None
        top.key = None
        if top.merge:
            top.merge = False
            self._merge_source(top, value, span)
        elif not top.skip:
            self.source.spans.values[path] = span
            top.value[key] = value

    def _merge_source(self, frame: _Frame, value: Any, span: Span) -> None:
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, dict) for item in items):
            self._error(
                rules.YAML_SYNTAX,
                span,
                "`<<` merges a mapping or a list of mappings",
                "merge an alias such as `<<: *defaults`",
            )
            return
        frame.merges.extend((item, span) for item in items)

    def _apply_merges(self, frame: _Frame) -> None:
        spans = self.source.spans
        for merged, span in frame.merges:
            for key, value in merged.items():
                if key not in frame.value:
                    frame.value[key] = value
                    path = (*frame.path, key)
                    spans.values[path] = span
                    spans.keys[path] = span

    def _loc(self, span: Span) -> Location:
        return Location(self.source.display, span[0], span[1], span[2], span[3])

    def _error(self, rule: Rule, span: Span, message: str, hint: str, subject: str = "") -> None:
        self.findings.append(rule.finding(self._loc(span), message, hint=hint, subject=subject))

    def _fatal(self, rule: Rule, event: Event, message: str, hint: str) -> None:
        raise self._stop_with(rule.finding(self._loc(_span(event)), message, hint=hint))

    def _stop_with(self, finding: Finding) -> _Stop:
        self.findings.append(finding)
        return _Stop()

    def _syntax_finding(self, error: yaml.MarkedYAMLError) -> Finding:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "end of stream" in (error.problem or ""):
            mark = error.context_mark  # an unclosed quote or bracket: point where it opens
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # libyaml puts the end of a stream that lacks a final line break on the line after it, which the
        # file does not have: point at the end of the last line instead.
        text = self.source.text
        lines = editor_lines(text)
        if text and not text.endswith(("\n", "\r")) and line > len(lines):
            line, column = len(lines), len(lines[-1]) + 1
        problem = (error.problem or "invalid YAML").strip()
        context = (error.context or "").strip()
        message = f"{problem} ({context})" if context else problem
        previous = next(
            (self.source.line_text(n) for n in range(line - 1, 0, -1) if self.source.line_text(n).strip()), ""
        )
        hint = _syntax_hint(problem, self.source.line_text(line), column, previous)
        return rules.YAML_SYNTAX.finding(Location(self.source.display, line, column), message, hint=hint)


def _resolve_plain(value: str) -> str:
    candidates = _IMPLICIT.get(value[0] if value else "", ())
    for tag, regexp in candidates:
        if regexp.match(value):
            return str(tag)
    return _STR


def _short_tag(tag: str | None) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag and tag.startswith("tag:yaml.org,2002:") else str(tag)


class _Mark(Protocol):
    line: int
    column: int


def _position(mark: _Mark | None) -> tuple[int, int]:
    """1-based (line, column) of a mark; libyaml gives every event both marks."""
    assert mark is not None
    return mark.line + 1, mark.column + 1


def _span(event: Event) -> Span:
    return (*_position(event.start_mark), *_position(event.end_mark))


# --- helpers -------------------------------------------------------------------------------

_EXTRA_BREAKS = re.compile("[\x85\u2028\u2029]")
_ALL_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAKS = re.compile("\r\n|[\r\n]")


def _remap_breaks(source: SourceFile, findings: list[Finding]) -> list[Finding]:
    """libyaml counts NEL, LS and PS as line breaks; editors, GitHub and every other tool do not.
    Move every span and finding to the line and column an editor shows (rare: only files with them)."""
    yaml_starts = [0, *(m.end() for m in _ALL_BREAKS.finditer(source.text))]
    editor_starts = [0, *(m.end() for m in _EDITOR_BREAKS.finditer(source.text))]

    def move(line: int, column: int) -> tuple[int, int]:
        offset = yaml_starts[min(line, len(yaml_starts)) - 1] + column - 1
        editor_line = bisect.bisect_right(editor_starts, offset)
        return editor_line, offset - editor_starts[editor_line - 1] + 1

    def move_span(span: Span) -> Span:
        return (*move(span[0], span[1]), *move(span[2], span[3]))

    spans = source.spans
    spans.values = {path: move_span(span) for path, span in spans.values.items()}
    spans.keys = {path: move_span(span) for path, span in spans.keys.items()}
    moved = []
    for finding in findings:
        loc = finding.location
        line, column = move(loc.line, loc.column)
        end = move(loc.end_line, loc.end_column) if loc.end_line and loc.end_column else (None, None)
        moved.append(dataclasses.replace(finding, location=Location(loc.file, line, column, *end)))
    return moved


_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_nesting_exceeds(text: str, limit: int) -> int | None:
    """Offset where `[`/`{` nesting first exceeds `limit`, or None.

    libyaml takes quadratic time on deeply nested flow collections (40,000 levels: two
    seconds), so this runs before it. Brackets inside quoted text are counted too; a map
    would need dozens of unbalanced brackets in its text to trip it.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif depth:
            depth -= 1
    return None


def _character_offset(text: str, position: int) -> int:
    """A reader error's position (libyaml gives a UTF-8 byte offset) as a character offset into `text`."""
    return len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _too_deep(display: str, line: int, column: int, limits: LoadLimits, *, through_alias: bool = False) -> Finding:
    how = " through this alias" if through_alias else ""
    return rules.TOO_DEEP.finding(
        Location(display, line, column),
        f"lists and mappings nest deeper than {limits.max_depth} levels{how}",
        hint="flatten the structure; maps need only a few levels",
    )


def _height(value: Any, limit: int) -> int:
    """How many levels of lists and mappings `value` holds (0 for a scalar), counted up to `limit` + 1."""
    height = 0
    level: list[Any] = [value]
    while level and height <= limit:
        children: list[Any] = []
        for node in level:
            if isinstance(node, dict):
                children.extend(node.values())
            elif isinstance(node, list):
                children.extend(node)
        if not any(isinstance(node, (dict, list)) for node in level):
            break
        height += 1
        level = children
    return height


def _show_scalar(value: str, limit: int = 40) -> str:
    """A scalar for a message: quoted, shortened, never thousands of digits."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


def _too_large(size: int, limits: LoadLimits) -> str:
    return f"the file is {size:,} bytes, above the {limits.max_file_size:,}-byte limit"


def _fail(
    display: str,
    path: Path | None,
    text: str,
    rule: Rule,
    message: str,
    line: int,
    column: int,
    hint: str | None = None,
) -> Loaded:
    loaded = Loaded(SourceFile(display=display, path=path, text=text))
    loaded.findings.append(rule.finding(Location(display, line, column), message, hint=hint))
    return loaded


def _yaml_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "text"


_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)([^\s#:][^:]*):(\s|$)")


def _syntax_hint(problem: str, current: str, column: int = 0, previous: str = "") -> str | None:
    if "\t" in current[: len(current) - len(current.lstrip())] or "found character '\\t'" in problem:
        return "YAML does not allow tabs for indentation: use spaces"
    if 0 < column <= len(current) and current[column - 1] == "\t":
        return "a tab (shown as →) where YAML allows only spaces: replace it with a space"
    if "mapping values are not allowed" in problem:
        this_key, above = _KEY_LINE.match(current), _KEY_LINE.match(previous)
        if this_key and above and len(this_key.group(1)) > len(above.group(1)):
            return (
                f"`{this_key.group(2).strip()}` is indented more than `{above.group(2).strip()}` above it: line them up"
            )
        return "a value that contains `: ` must be quoted"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in problem:
        return "a quote is not closed"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "a bracket is not closed, or a comma is missing"
    return None
