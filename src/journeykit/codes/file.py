"""JK0xx: the file and its YAML. Emitted by the loader; a file with one of these is not checked further."""

from __future__ import annotations

from journeykit.codes.base import Family, structural_rule

UNREADABLE = structural_rule(
    Family.FILE,
    "JK001",
    "unreadable-file",
    "The file could not be read.",
    "The file disappeared, is a directory, or journeykit has no permission to read it.",
)
NOT_UTF8 = structural_rule(
    Family.FILE,
    "JK002",
    "not-utf8",
    "The file is not UTF-8 text.",
    "Maps are UTF-8 (a byte-order mark is accepted). Files saved as Latin-1, UTF-16 or binary "
    "are refused at the first byte that is not UTF-8; re-save the file as UTF-8.",
)
YAML_SYNTAX = structural_rule(
    Family.FILE,
    "JK003",
    "yaml-syntax",
    "The file is not valid YAML.",
    "The YAML parser stopped here. Common causes: a tab used for indentation, an unclosed quote or "
    "bracket, a `:` inside an unquoted value.",
)
DUPLICATE_KEY = structural_rule(
    Family.FILE,
    "JK004",
    "duplicate-key",
    "A key appears twice in the same mapping.",
    "YAML parsers silently keep the last value of a repeated key, so half of what was written is lost "
    "without a word. journeykit refuses the file and points at the second occurrence.",
)
UNSUPPORTED_TAG = structural_rule(
    Family.FILE,
    "JK005",
    "unsupported-tag",
    "A YAML tag that journeykit does not construct.",
    "Maps hold plain data. Tags such as `!!python/object`, `!!binary` or custom `!tags` are never "
    "constructed (nothing in a map is executed); remove the tag.",
)
UNSAFE_ALIAS = structural_rule(
    Family.FILE,
    "JK006",
    "unsafe-alias",
    "An alias that is undefined, recursive, or expands too far.",
    "Anchors and aliases (`&base`, `*base`, `<<: *base`) are allowed, but an alias must refer to a node "
    "defined before it and outside itself, and aliases may not multiply the document beyond a fixed "
    'budget: this is what stops a "billion laughs" file in milliseconds.',
)
EMPTY_FILE = structural_rule(
    Family.FILE,
    "JK007",
    "empty-file",
    "The file holds no YAML document.",
    "The file is empty or holds only comments. Start it with `journeykit: 1` and a `kind`.",
)
NOT_A_MAPPING = structural_rule(
    Family.FILE,
    "JK008",
    "not-a-mapping",
    "The top level of the file is not a mapping.",
    "A map or catalog is a YAML mapping (`key: value` lines) starting with `journeykit: 1` and `kind`.",
)
UNKNOWN_VERSION = structural_rule(
    Family.FILE,
    "JK009",
    "unknown-version",
    "`journeykit:` is missing or names a format version this journeykit does not read.",
    "Every file starts with `journeykit: 1`, the format version. A file written for a newer format needs a "
    "newer journeykit; the file is not checked further rather than checked against the wrong schema.",
)
FILE_TOO_LARGE = structural_rule(
    Family.FILE,
    "JK010",
    "file-too-large",
    "The file is larger than the configured limit.",
    "Files above `max-file-size` (default 5 MB) are not parsed, which keeps a stray data dump from "
    "stalling CI. Split the map, or raise the limit in the configuration.",
)
MULTIPLE_DOCUMENTS = structural_rule(
    Family.FILE,
    "JK011",
    "multiple-documents",
    "The file holds more than one YAML document.",
    "One file is one map or one catalog. A second document after `---` is refused rather than ignored; "
    "move it to its own file.",
)
COMPLEX_KEY = structural_rule(
    Family.FILE,
    "JK012",
    "complex-key",
    "A mapping key is not a plain scalar.",
    "Keys are field names or ids. YAML allows lists and mappings as keys (`? [a, b]`); journeykit does not.",
)
TOO_DEEP = structural_rule(
    Family.FILE,
    "JK013",
    "too-deeply-nested",
    "Lists and mappings nest deeper than the limit.",
    "Maps nest a handful of levels. Nesting beyond 64 levels is refused before parsing, because deeply "
    "nested flow collections make YAML parsers slow or crash.",
)
INVALID_SCALAR = structural_rule(
    Family.FILE,
    "JK014",
    "invalid-scalar",
    "A value looks like (or is tagged as) a number or boolean but is not one.",
    "YAML reads unquoted values such as `0x1F`, `0b101` or `1_000` as numbers. A value that matches such a "
    "pattern but is not a valid number (`0x_`), or a value tagged `!!int`, `!!float` or `!!bool` that is not "
    "one, cannot be read. Quote it to keep it as text, or write the number correctly.",
)
NUMBER_OUT_OF_RANGE = structural_rule(
    Family.FILE,
    "JK015",
    "number-out-of-range",
    "A number is too large to be used, or is infinite or not a number.",
    "Numbers in a map are counts, ratios, days and scores. Whole numbers beyond ±9,223,372,036,854,775,807, "
    "numbers of hundreds of digits, and `.inf` or `.nan` are refused where they are written, rather than "
    "failing later in a rule or a report.",
)
