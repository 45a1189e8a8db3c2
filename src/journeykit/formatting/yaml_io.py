"""ruamel.yaml set up for journeykit maps: YAML 1.1 typing, values kept as written, double quotes.

journeykit reads maps with PyYAML, which types plain scalars by YAML 1.1 (`no` is false, `12:30`
is a number). ruamel.yaml defaults to YAML 1.2, under which it would write such text unquoted and
change what journeykit reads, so its resolver is pinned to 1.1. Numbers, booleans, nulls and dates
are kept as the exact text the author wrote (`010`, `yes`, `1e3` are not rewritten), and text that
needs quotes gets double quotes, the style the docs use.
"""

from __future__ import annotations

import functools
import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml import YAML

_HUGE = 1 << 30
"""ruamel's own line wrapping is switched off: journeykit decides where long text folds."""


class RawScalar(str):
    """A number, boolean, null or date, kept as the text it was written in."""

    __slots__ = ("tag",)
    tag: str


@functools.cache
def _classes() -> tuple[type, type, type, type]:
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.emitter import Emitter
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.resolver import VersionedResolver

    class Resolver11(VersionedResolver):
        # ruamel's scanner in 1.1 mode refuses `[Is it ready?]`, which PyYAML reads: parse as 1.2,
        # type plain scalars as 1.1 (the constructor below), and decide quoting as 1.1 when writing.
        dumping = False

        @property
        def processing_version(self) -> Any:
            return (1, 1) if self.dumping else super().processing_version

    class Constructor(RoundTripConstructor):
        def construct_raw(self, node: Any) -> Any:
            tag = _tag_11(node.value)
            if tag == _STR:
                return self.construct_yaml_str(node)
            raw = RawScalar(node.value)
            raw.tag = tag
            return raw

        def construct_yaml_str(self, node: Any) -> Any:
            if node.style is None and _tag_11(node.value) != _STR:
                return self.construct_raw(node)
            return super().construct_yaml_str(node)

    for tag in ("int", "float", "bool", "null", "timestamp"):
        Constructor.add_constructor(f"tag:yaml.org,2002:{tag}", Constructor.construct_raw)
    Constructor.add_constructor("tag:yaml.org,2002:str", Constructor.construct_yaml_str)

    class Representer(RoundTripRepresenter):
        def represent_raw(self, data: RawScalar) -> Any:
            return self.represent_scalar(data.tag, str(data))

    Representer.add_representer(RawScalar, Representer.represent_raw)

    class DoubleQuoting(Emitter):
        def choose_scalar_style(self) -> Any:
            style = super().choose_scalar_style()
            if style == "'" and '"' not in self.event.value:
                return '"'  # double quotes, as the docs write them, unless the text holds some
            return style

    return Resolver11, Constructor, Representer, DoubleQuoting


def make_yaml() -> YAML:
    """A round-trip YAML instance configured for maps."""
    from ruamel.yaml import YAML

    resolver, constructor, representer, emitter = _classes()
    yaml = YAML(typ="rt")
    yaml.Resolver = resolver
    yaml.Constructor = constructor
    yaml.Representer = representer
    yaml.Emitter = emitter
    yaml.width = _HUGE
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.preserve_quotes = False
    return yaml


@functools.cache
def _analyzer() -> Any:
    from ruamel.yaml.emitter import Emitter

    # The analysis asks the serializer for the YAML version; without a dumper the emitter is its own.
    emitter = Emitter(io.StringIO(), allow_unicode=True)
    emitter.use_version = None  # type: ignore[attr-defined]
    return emitter


@functools.cache
def _resolver() -> Any:
    resolver = _classes()[0]()
    resolver.dumping = True
    return resolver


_STR = "tag:yaml.org,2002:str"


@functools.lru_cache(maxsize=65536)
def _tag_11(text: str) -> str:
    """The type a plain scalar has for journeykit's loader (YAML 1.1)."""
    from ruamel.yaml.nodes import ScalarNode

    tag = _resolver().resolve(ScalarNode, text, (True, False))
    return str(getattr(tag, "value", tag))


def resolves_to_text(text: str) -> bool:
    """Whether `text` written plain is read back as text (YAML 1.1, as journeykit reads it)."""
    return _tag_11(text) == _STR


def dump(yaml: YAML, tree: Any, stream: Any) -> None:
    """Write `tree`, deciding quotes by YAML 1.1 as journeykit's loader reads."""
    yaml.resolver.dumping = True
    try:
        yaml.dump(tree, stream)
    finally:
        yaml.resolver.dumping = False


@functools.lru_cache(maxsize=65536)
def plain_allowed(text: str, in_flow: bool) -> bool:
    """Whether ruamel writes this text plain (unquoted) in block or flow context, as its emitter decides."""
    return resolves_to_text(text) and raw_plain_allowed(text, in_flow)


@functools.lru_cache(maxsize=65536)
def raw_plain_allowed(text: str, in_flow: bool) -> bool:
    """Whether ruamel's emitter may write these characters plain, whatever type they read as (`010`, `yes`)."""
    if not text:
        return False
    analysis = _analyzer().analyze_scalar(text)
    if analysis.multiline:
        return False
    return bool(analysis.allow_flow_plain if in_flow else analysis.allow_block_plain)


@functools.lru_cache(maxsize=4096)
def single_quotes_allowed(text: str) -> bool:
    """Whether ruamel's emitter may write this text between single quotes as it is."""
    return bool(_analyzer().analyze_scalar(text).allow_single_quoted)


def rendered_length(text: str, in_flow: bool) -> int:
    """Characters the text takes on its line: plain, or double-quoted with escapes (an estimate for rare escapes)."""
    if plain_allowed(text, in_flow):
        return len(text)
    import json

    return len(json.dumps(text, ensure_ascii=False))
