"""Inline suppression comments: `# journeykit: ignore[JK501, JK503]`.

A comment silences the listed codes for findings on its line, or about a node that
opens on its line. Comments that silence nothing, or name codes that do not exist or
cannot be suppressed, are reported (JK090, JK091) so that they cannot rot silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from journeykit.codes.suppression import INVALID_SUPPRESSION, UNUSED_SUPPRESSION
from journeykit.rules.registry import all_rules
from journeykit.source import Location, SourceFile, editor_lines, text_ranges

DIRECTIVE = re.compile(r"(?:^|\s)(#\s*journeykit:\s*ignore\[([^\]]*)\])")


@dataclass
class Directive:
    line: int
    column: int
    codes: tuple[str, ...]
    used: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class Leftover:
    """A suppression comment that does nothing or cannot work, before the rule table grades it."""

    code: str
    location: Location
    message: str
    hint: str


@dataclass
class Suppressions:
    """The directives of one file, by line."""

    source: SourceFile
    by_line: dict[int, Directive]

    @classmethod
    def parse(cls, source: SourceFile) -> Suppressions:
        by_line = {}
        if "ignore[" in source.text:  # most files have none: skip the line-by-line search
            lines = editor_lines(source.text)
            for number, text in enumerate(lines, start=1):
                match = DIRECTIVE.search(text)
                if match:
                    codes = tuple(c.strip() for c in match.group(2).split(",") if c.strip())
                    by_line[number] = Directive(number, match.start(1) + 1, codes)
            if by_line:  # a `#` inside a key or a text value is part of the text, not a YAML comment
                ranges = text_ranges(source, lines)
                by_line = {
                    line: d
                    for line, d in by_line.items()
                    if not any(start <= d.column - 1 < end for start, end in ranges.get(line - 1, ()))
                }
        return cls(source, by_line)

    def suppresses(self, code: str, lines: Iterable[int]) -> bool:
        """Whether a directive on one of `lines` names `code`; marks the directive as used."""
        for line in lines:
            directive = self.by_line.get(line)
            if directive is not None and code in directive.codes:
                directive.used.add(code)
                return True
        return False

    def leftovers(self, enabled: Callable[[str], bool]) -> Iterator[Leftover]:
        """JK091 for codes that cannot work, JK090 for codes that suppressed nothing."""
        rules = all_rules()
        for directive in self.by_line.values():
            location = Location(self.source.display, directive.line, directive.column)
            for code in directive.codes:
                rule = rules.get(code)
                if rule is None:
                    yield Leftover(
                        INVALID_SUPPRESSION.code,
                        location,
                        f"suppression names unknown code '{code}'",
                        "check the spelling: `journeykit rules` lists the codes",
                    )
                elif not rule.configurable:
                    yield Leftover(
                        INVALID_SUPPRESSION.code,
                        location,
                        f"{code} cannot be suppressed: it means the map cannot be read",
                        "fix the problem instead",
                    )
                elif code not in directive.used:
                    state = "" if enabled(code) else f" ({code} is not enabled)"
                    yield Leftover(
                        UNUSED_SUPPRESSION.code,
                        location,
                        f"suppression of {code} suppresses nothing{state}",
                        "remove it from the comment",
                    )
