"""Channel colours shared by the diagram and the HTML report.

Light fills carry dark text (contrast well above WCAG AA's 4.5:1); the strong border colour
marks the channel where a fill would be too faint. Colour is never the only signal: the
channel's name is always written beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journeykit.model import Channel

TEXT = "#1a202c"


@dataclass(frozen=True, slots=True)
class ChannelColour:
    fill: str
    border: str


PALETTE = (
    ChannelColour("#dbeafe", "#1d4ed8"),
    ChannelColour("#ffedd5", "#c2410c"),
    ChannelColour("#dcfce7", "#15803d"),
    ChannelColour("#ede9fe", "#6d28d9"),
    ChannelColour("#fce7f3", "#be185d"),
    ChannelColour("#ccfbf1", "#0f766e"),
    ChannelColour("#fef9c3", "#a16207"),
    ChannelColour("#e5e7eb", "#374151"),
    ChannelColour("#fee2e2", "#b91c1c"),
    ChannelColour("#cffafe", "#0e7490"),
    ChannelColour("#ecfccb", "#4d7c0f"),
    ChannelColour("#e0e7ff", "#4338ca"),
)


def channel_colours(channels: Sequence[Channel]) -> dict[str, ChannelColour]:
    """A colour per channel, in the order the map (then its catalogs) defines them."""
    return {channel.id: PALETTE[index % len(PALETTE)] for index, channel in enumerate(channels)}
