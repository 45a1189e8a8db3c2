"""Map text made inert for plain-text outputs: terminals, CI logs, XML.

Maps and file names may contain any character. Control characters (line breaks and tabs
included) are shown as `\\xNN`, so a map can neither forge an output line nor send escape
sequences to a terminal, and XML stays well-formed.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with every control character escaped as `\\xNN`."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
