"""JK1xx: what schemas/journeymap.schema.json rejects, reported at the node it is about."""

from __future__ import annotations

from journeykit.codes.base import Family, structural_rule

SCHEMA_OTHER = structural_rule(
    Family.SCHEMA,
    "JK100",
    "schema-violation",
    "The schema rejects this value for a reason without a more specific code.",
    "A catch-all for schema checks that have no dedicated code, such as a link longer than 2,048 characters; "
    "the message says what the schema expects.",
)
WRONG_TYPE = structural_rule(
    Family.SCHEMA,
    "JK101",
    "wrong-type",
    "A value has the wrong type (text, number, list, mapping, true/false).",
    "The field expects another kind of value. YAML reads some unquoted words as other types: `no`, `yes`, "
    "`on` and `off` are booleans, `12:30` is a number, an empty value is null. Quote such text.",
)
MISSING_FIELD = structural_rule(
    Family.SCHEMA,
    "JK102",
    "missing-field",
    "A required field is missing.",
    "Every map needs `journeykit`, `kind`, `id`, `title` and `stages`; every persona, stage, team and "
    "channel needs an `id` and a `name`; an experience marked `applicable: false` needs a `reason`.",
)
UNKNOWN_FIELD = structural_rule(
    Family.SCHEMA,
    "JK103",
    "unknown-field",
    "A field that the format does not define.",
    "Only the documented fields are allowed, so a typo such as `touchpionts` cannot silently drop data. "
    "Keys that start with `x-` are kept for your own tools and ignored.",
)
INVALID_ID = structural_rule(
    Family.SCHEMA,
    "JK104",
    "invalid-id",
    "An id is not lower-case kebab-case.",
    "Ids are lower-case letters and digits in words joined by single hyphens (`onboarding-tour`), at most "
    "100 characters, so that they read the same in YAML, URLs, diagrams and analytics.",
)
NOT_ALLOWED_VALUE = structural_rule(
    Family.SCHEMA,
    "JK105",
    "value-not-allowed",
    "A value is not one of the values the field allows.",
    "Fields such as `kind`, a channel's `mode`, a pain point's `severity` or an evidence `type` take one "
    "of a fixed list of values; the message lists them and names the closest.",
)
OUT_OF_RANGE = structural_rule(
    Family.SCHEMA,
    "JK106",
    "out-of-range",
    "A number is outside the allowed range.",
    "`emotion` runs from -2 to +2 and a trigger's `day` is 0 or more.",
)
INVALID_DATE = structural_rule(
    Family.SCHEMA,
    "JK107",
    "invalid-date",
    "A date is not a real calendar date written YYYY-MM-DD.",
    "Dates (`updated`, evidence `date`) are ISO 8601 calendar dates such as `2026-10-15`.",
)
UNSAFE_LINK = structural_rule(
    Family.SCHEMA,
    "JK108",
    "unsafe-link",
    "A link uses a scheme other than http, https or mailto.",
    "Links end up in HTML reports. Only http, https and mailto URLs and relative paths are allowed; "
    "`javascript:`, `data:`, `file:` and anything with spaces or control characters is refused.",
)
EMPTY_VALUE = structural_rule(
    Family.SCHEMA,
    "JK109",
    "empty-value",
    "A text or list that must not be empty is empty.",
    "Text fields need at least one character and a map needs at least one stage.",
)
DUPLICATE_ITEM = structural_rule(
    Family.SCHEMA,
    "JK110",
    "duplicate-item",
    "A list of ids names the same id twice.",
    "Lists such as `personas`, `next` or `evidence` name each id once.",
)
INVALID_FORMAT = structural_rule(
    Family.SCHEMA,
    "JK111",
    "invalid-format",
    "A value does not follow the format its field needs.",
    "Analytics event names use letters, digits and `_ . : / -`; a `within` delay is a number and a unit "
    "(`30m`, `2h`, `3d`, `1w`); a `cron` expression has five fields.",
)
