"""The JSON Schema check: a fast validity gate, then located, readable JK1xx findings.

Valid files, the common case, are checked by a validator that fastjsonschema compiles
from the schema once per run (ten times faster than jsonschema). Only files that fail it
go through jsonschema's `iter_errors`, which reports every error with the path of its
node; each error becomes a finding at that node's line and column, with a message and a
hint written for the person who edits the map.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import re
import sys
import types
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from journeykit import cache
from journeykit.codes import schema as rules
from journeykit.codes.base import Rule
from journeykit.findings import Finding, unique
from journeykit.present import did_you_mean, plural
from journeykit.resources import schema_path
from journeykit.source import SourceFile, YamlPath, format_path, logical_path

if TYPE_CHECKING:
    from jsonschema import ValidationError

_ANNOTATIONS = frozenset({"title", "description", "default", "$comment", "examples"})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_date(value: object) -> bool:
    """A real calendar date written YYYY-MM-DD (non-text values are the type check's business)."""
    if not isinstance(value, str):
        return True
    if not _DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


@functools.cache
def schema_document() -> dict[str, Any]:
    """The schema, as shipped."""
    document: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return document


def schema_text() -> str:
    return schema_path().read_text(encoding="utf-8")


def check(source: SourceFile) -> list[Finding]:
    """Every schema error of a loaded file, as findings at the right line and column."""
    if _is_valid(source.data):
        return []
    # A value can fail two keywords that mean the same thing (a date's pattern and format).
    return unique(_finding(source, error) for error in _full_validator().iter_errors(source.data))


def _is_valid(data: Any) -> bool:
    import fastjsonschema

    try:
        _fast_validator()(data)
    except fastjsonschema.JsonSchemaValueException:
        return False
    return True


def prepare() -> None:
    """Build the validity gate now (before worker processes start, so that they share it)."""
    _fast_validator()


_GATE_VERSION = "1"
"""Part of the gate's cache key: change it when `_gate_source` changes what it generates."""


@functools.cache
def _fast_validator() -> Callable[[Any], Any]:
    """The validity gate: code that fastjsonschema generates from the schema, compiled.

    Generating and compiling it takes about a tenth of a second, most of a one-map run, so the
    compiled code is kept in the user's cache (`journeykit.cache`), keyed by everything that
    shapes it: the schema, fastjsonschema's version and the Python that compiled it.
    """
    import marshal

    import fastjsonschema

    parts = (schema_text(), fastjsonschema.VERSION, sys.implementation.cache_tag or sys.version, _GATE_VERSION)
    key = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    name = f"schema-gate-{key}.marshal"
    code: Any = None
    cached = cache.read(name)
    if cached is not None:
        try:
            code = marshal.loads(cached)
        except (EOFError, ValueError, TypeError):
            code = None
    if not isinstance(code, types.CodeType):
        code = compile(_gate_source(), "<journeykit schema gate>", "exec")
        cache.write(name, marshal.dumps(code))
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    validate: Callable[[Any], Any] = functools.partial(namespace["GATE"], custom_formats={"date": is_date})
    return validate


def _gate_source() -> str:
    """fastjsonschema's code for the schema (it speaks draft-07; the schema keeps to keywords that mean the
    same there), ending with `GATE = <the function that checks a whole file>`."""
    import fastjsonschema

    fast = _strip_annotations(schema_document())
    fast["$schema"] = "http://json-schema.org/draft-07/schema#"
    source: str = fastjsonschema.compile_to_code(fast, formats={"date": is_date}, use_default=False)
    entry = re.search(r"^def (\w+)\(", source, re.MULTILINE)
    assert entry is not None, "fastjsonschema generated no function"
    # The gate only answers "valid or not" (jsonschema explains failures), so the name of a failing
    # node is never read; the generated code still formats it, with `locals()`, for every list item
    # of every valid file. The names are left unformatted instead.
    source = source.replace(".format(**locals())", "")
    return f"{source}\n\nGATE = {entry.group(1)}\n"


@functools.cache
def _full_validator() -> Any:
    import jsonschema

    formats = jsonschema.FormatChecker(formats=())
    formats.checks("date")(is_date)
    return jsonschema.Draft202012Validator(schema_document(), format_checker=formats)


def _strip_annotations(node: Any, *, names: bool = False) -> Any:
    """A copy without titles and descriptions, which only make generated code larger.

    `names` marks mappings whose keys are property names (a property may be called `title`).
    """
    if isinstance(node, dict):
        return {
            key: _strip_annotations(value, names=key in ("properties", "patternProperties", "$defs"))
            for key, value in node.items()
            if names or key not in _ANNOTATIONS
        }
    if isinstance(node, list):
        return [_strip_annotations(item) for item in node]
    return node


# --- translation of jsonschema errors --------------------------------------------------------------

_MAP_FIELDS = frozenset(
    {
        "id",
        "title",
        "owner",
        "updated",
        "tags",
        "defaults",
        "stages",
        "touchpoints",
        "experiences",
        "interactions",
        "evidence",
    }
)
_TYPE_NAMES = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "true or false",
    "array": "list",
    "object": "mapping",
    "null": "empty value",
}


def _finding(source: SourceFile, error: ValidationError) -> Finding:
    path: YamlPath = tuple(error.absolute_path)
    translate = _TRANSLATORS.get(str(error.validator), _other)
    rule, path, message, hint, on_key = translate(source, error, path)
    where = format_path(path)
    subject = logical_path(source.data, path)
    return rule.finding(source.location(path, key=on_key), f"{where}: {message}", hint=hint, subject=subject)


class Translation(NamedTuple):
    """A jsonschema error as journeykit reports it: which code, at which node, saying what."""

    rule: Rule
    path: YamlPath
    message: str
    hint: str | None
    on_key: bool
    """Point at the key rather than the value (an unknown field)."""


def _type(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    expected = _validator_value(error)
    names = [_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)]
    value = error.instance
    message = f"expected {' or '.join(names)}, got {_describe(value)}"
    hint = _type_hint(source, path, expected, value, error.schema)
    return Translation(rules.WRONG_TYPE, path, message, hint, False)


def _type_hint(source: SourceFile, path: YamlPath, expected: Any, value: Any, schema: Any) -> str | None:
    raw = _raw_text(source, path)
    if expected == "string" and _role(schema) == "date" and not isinstance(value, bool):
        corrected = corrected_date(str(value))
        return f"write the date as {corrected}" if corrected else "write the date as YYYY-MM-DD, such as 2026-10-15"
    if value is None and path and isinstance(path[-1], int):
        return "the list item is empty: write a value after the `-`, or remove the line"
    if value is None:
        return "the value is empty: write one after the colon, or remove the key"
    if expected == "string" and isinstance(value, bool):
        return f"YAML reads `{raw}` as {str(value).lower()}: quote it, '{raw}', to keep it as text"
    if expected == "string" and isinstance(value, (int, float)):
        return f"YAML reads `{raw}` as a number: quote it, '{raw}', to keep it as text"
    if expected == "array" and not isinstance(value, (list, dict)):
        return "write a list: `[a, b]`, or one `- item` per line"
    if expected == "object" and isinstance(value, str) and path and isinstance(path[-1], int):
        first, *others = _required_fields(schema) or ["id", "name"]
        below = f" with `{others[0]}: ...` below it" if others else ""
        return f"each item of this list is a mapping of fields, such as `- {first}: ...`{below}"
    return None


def _required_fields(schema: Any) -> list[str]:
    """The fields an item schema requires, following a `$ref` to a shared definition."""
    if isinstance(schema, dict) and "$ref" in schema:
        schema = schema_document()["$defs"].get(str(schema["$ref"]).rsplit("/", 1)[-1], {})
    required = schema.get("required", []) if isinstance(schema, dict) else []
    return [str(name) for name in required]


def _required(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    missing = _quoted_name(error.message)
    if error.schema is schema_document()["$defs"]["experience"].get("then"):
        return Translation(
            rules.MISSING_FIELD,
            path,
            f"`{missing}` is required with `applicable: false`",
            ("say why this cell is out of scope"),
            False,
        )
    hint = f"add `{missing}:`"
    return Translation(rules.MISSING_FIELD, path, f"missing required field `{missing}`", hint, False)


def _additional(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    extras = [k for k in instance if k not in allowed and not any(re.search(p, k) for p in patterns)]
    extra = extras[0] if extras else "?"
    hint = did_you_mean(extra, allowed)
    if hint is None and not path and instance.get("kind") == "catalog" and extra in _MAP_FIELDS:
        hint = f"a catalog holds personas, channels and teams; `{extra}` belongs in a map (`kind: journey`)"
    elif hint is None:
        hint = f"allowed here: {', '.join(allowed)}; or prefix your own keys with `x-`"
    message = f"unknown field `{extra}`"
    if len(extras) > 1:
        message += f" (and {', '.join(f'`{e}`' for e in extras[1:])})"
    return Translation(rules.UNKNOWN_FIELD, (*path, extra), message, hint, True)


def _false_schema(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    # jsonschema reports a `false` subschema at the parent, with the refused value as instance.
    parent = _node(source.data, path)
    refused = _not_applicable_fields()
    candidates = (
        [k for k, v in parent.items() if k in refused and v is error.instance] if isinstance(parent, dict) else []
    )
    key = candidates[0] if candidates else "?"
    message = f"`{key}` has no place in an experience marked `applicable: false`"
    return Translation(rules.UNKNOWN_FIELD, (*path, key), message, "remove it, or remove `applicable: false`", True)


def _enum(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    allowed = [str(v) for v in _validator_value(error)]
    value = error.instance
    hint = did_you_mean(str(value), allowed)
    return Translation(
        rules.NOT_ALLOWED_VALUE, path, f"{_show(value)} is not one of: {', '.join(allowed)}", hint, False
    )


def _const(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    return Translation(
        rules.NOT_ALLOWED_VALUE,
        path,
        f"must be {_show(_validator_value(error))}, not {_show(error.instance)}",
        None,
        False,
    )


def _range(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    bound = _validator_value(error)
    side = "below the minimum" if error.validator == "minimum" else "above the maximum"
    return Translation(rules.OUT_OF_RANGE, path, f"{error.instance} is {side}, {bound}", _field_help(error), False)


def _min_length(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    return Translation(rules.EMPTY_VALUE, path, "must not be empty", "write some text, or remove the key", False)


def _min_items(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    count = _validator_value(error)
    return Translation(rules.EMPTY_VALUE, path, f"needs at least {plural(count, 'item')}", None, False)


def _unique(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    items = error.instance if isinstance(error.instance, list) else []
    seen: list[Any] = []
    for index, item in enumerate(items):
        if item in seen:
            return Translation(
                rules.DUPLICATE_ITEM,
                (*path, index),
                f"lists {_show(item)} twice",
                "remove the second one",
                False,
            )
        seen.append(item)
    return Translation(rules.DUPLICATE_ITEM, path, "lists the same item twice", None, False)


def _pattern(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    value = error.instance
    role = _role(error.schema)
    if role == "id":
        if error.validator == "maxLength":
            return Translation(
                rules.INVALID_ID,
                path,
                f"{_show(value)} is too long for an id (at most 100 characters)",
                None,
                False,
            )
        suggestion = slugify(str(value))
        hint = f"use lower-case kebab-case such as '{suggestion}'" if suggestion else "use lower-case kebab-case"
        return Translation(rules.INVALID_ID, path, f"{_show(value)} is not a valid id: {hint}", None, False)
    if role == "date":
        return _bad_date(value, path)
    if role == "link" and error.validator == "pattern":
        return Translation(
            rules.UNSAFE_LINK,
            path,
            f"{_show(value)} is not an allowed link",
            ("use an http, https or mailto URL, or a relative path, without spaces"),
            False,
        )
    if error.validator == "maxLength":
        limit = _validator_value(error)
        return Translation(
            rules.SCHEMA_OTHER,
            path,
            f"is {len(str(value)):,} characters long, more than {limit:,}",
            None,
            False,
        )
    return Translation(
        rules.INVALID_FORMAT,
        path,
        f"{_show(value)} does not have the expected format",
        _field_help(error),
        False,
    )


def _format(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    return _bad_date(error.instance, path)


def _bad_date(value: Any, path: YamlPath) -> Translation:
    """The one message for a bad date, whichever keyword (pattern or format) caught it."""
    corrected = corrected_date(str(value))
    hint = f"did you mean {corrected}?" if corrected else "write it YYYY-MM-DD, such as 2026-10-15"
    return Translation(rules.INVALID_DATE, path, f"{_show(value)} is not a real date written YYYY-MM-DD", hint, False)


_DATE_SHAPES = (
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), ("y", "m", "d")),
    (re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})"), ("d", "m", "y")),
)


def corrected_date(text: str) -> str | None:
    """The ISO date that `text` (20261120, 2026/11/20, 2026-9-1, 20/11/2026, 20.11.2026) most probably means.

    Day-first is assumed for dd/mm/yyyy unless only month-first makes a date (11/20/2026)."""
    for shape, order in _DATE_SHAPES:
        match = shape.fullmatch(text.strip())
        if not match:
            continue
        parts = dict(zip(order, (int(g) for g in match.groups()), strict=True))
        for day, month in ((parts["d"], parts["m"]), (parts["m"], parts["d"])):
            try:
                return datetime.date(parts["y"], month, day).isoformat()
            except ValueError:
                continue
    return None


def _any_of(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    """`anyOf` alternatives that each require a field (a calendar event's `date` or `dates`): one is missing."""
    alternatives = list(error.context or ())
    if alternatives and all(e.validator == "required" for e in alternatives):
        names = [_quoted_name(e.message) for e in alternatives]
        message = f"needs {' or '.join(f'`{name}`' for name in names)}"
        return Translation(
            rules.MISSING_FIELD, path, message, f"add {' or '.join(f'`{name}:`' for name in names)}", False
        )
    return _other(source, error, path)


def _other(source: SourceFile, error: ValidationError, path: YamlPath) -> Translation:
    return Translation(rules.SCHEMA_OTHER, path, error.message, _field_help(error), False)


_TRANSLATORS: dict[str, Callable[[SourceFile, ValidationError, YamlPath], Translation]] = {
    "type": _type,
    "required": _required,
    "additionalProperties": _additional,
    "None": _false_schema,
    "enum": _enum,
    "const": _const,
    "minimum": _range,
    "maximum": _range,
    "minLength": _min_length,
    "minItems": _min_items,
    "uniqueItems": _unique,
    "pattern": _pattern,
    "maxLength": _pattern,
    "format": _format,
    "anyOf": _any_of,
}


@functools.cache
def _not_applicable_fields() -> frozenset[str]:
    """The experience fields that `applicable: false` refuses (the `then` branch's `false` properties)."""
    branch = schema_document()["$defs"]["experience"]["then"]["properties"]
    return frozenset(name for name, subschema in branch.items() if subschema is False)


def _validator_value(error: ValidationError) -> Any:
    """The schema keyword's value (jsonschema types it as possibly unset; errors always have it)."""
    value: Any = error.validator_value
    return value


def _role(schema: Any) -> str | None:
    """Which shared definition a failing subschema is: `id`, `date` or `link` (by identity)."""
    defs = schema_document()["$defs"]
    for name, role in (("id", "id"), ("idRef", "id"), ("date", "date"), ("link", "link")):
        if schema is defs[name]:
            return role
    return None


def _field_help(error: ValidationError) -> str | None:
    schema = error.schema if isinstance(error.schema, dict) else {}
    description = schema.get("description")
    return str(description) if description else None


# --- small helpers -------------------------------------------------------------------------


def slugify(text: str) -> str:
    """'Research Stage' → 'research-stage': the id a value probably meant."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:100]


def _node(data: Any, path: Iterable[str | int]) -> Any:
    for part in path:
        data = data[part]
    return data


def _raw_text(source: SourceFile, path: YamlPath) -> str:
    line, column, end_line, end_column = source.spans.value_span(path)
    if line != end_line:
        return ""
    return source.line_text(line)[column - 1 : end_column - 1]


def _quoted_name(message: str) -> str:
    match = re.match(r"^'(.*)' is a required property$", message)
    return match.group(1) if match else message


def _show(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def _describe(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {_show(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
