"""Map text and file names made inert for the outputs they reach: terminals, CI logs, XML, Markdown.

Maps and file names may contain any character. In plain-text outputs, control characters (line
breaks and tabs included), Unicode line separators, bidirectional and invisible formatting
characters, noncharacters and lone surrogates are shown as `\\xNN` or `\\uNNNN`: a map can neither
forge an output line, send escape sequences to a terminal, reorder what a reviewer reads, nor make
XML ill-formed. Text never starts a line with `::`, so it cannot be read as a GitHub workflow command.
"""

from __future__ import annotations

import html
import re

_UNSAFE = re.compile(
    "["
    "\x00-\x1f\x7f-\x9f"  # C0 and C1 controls (NEL included), DEL
    "\u00ad"  # soft hyphen: invisible
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional controls
    "\u200b-\u200d\u2060-\u2064\ufeff"  # zero-width and invisible operators
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates (file names that are not UTF-8)
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters
    "]"
)
_WORKFLOW_COMMAND = re.compile(r"^(\s*):(?=:)")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that could hide, forge or break output escaped, never starting with `::`."""
    return _WORKFLOW_COMMAND.sub(r"\1\\x3a", _UNSAFE.sub(_escape, text))


def valid_text(text: str) -> str:
    """`text` as valid Unicode: lone surrogates (from file names that are not UTF-8) become `\\xNN`."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_MARKDOWN = re.compile(r"([\\`*_\[\]#!~|])")


def markdown_inline(text: str) -> str:
    """User text made inert inside Markdown: one line, HTML escaped, markup escaped, @mentions not live."""
    one_line = " ".join(printable(text).split())
    escaped = _MARKDOWN.sub(r"\\\1", html.escape(one_line, quote=False))
    return escaped.replace("@", "@&#8203;")
