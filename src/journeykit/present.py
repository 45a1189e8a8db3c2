"""Wording and number formatting that every output shares, so that outputs cannot disagree.

Reporters, the HTML view models and the diagram say a ratio, a metric, an emotion, a trigger,
a cell state or a "did you mean" the same way because they all ask this module.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeykit.coverage import CellState, Ratio
    from journeykit.model import Metric, Trigger


def plural(count: int, word: str) -> str:
    """`1 file`, `2 files`."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def percent(ratio: float | None, digits: int = 0) -> str:
    """0.725 → '72%' (or '72.5%' with one digit); None → 'n/a'.

    Rounding never claims more or less than is true: 199/200 is '99%', not '100%', and 1/300 is
    '1%', not '0%' (coverage.py's display_covered does the same), so 100% and 0% mean exactly that.
    """
    if ratio is None:
        return "n/a"
    value = ratio * 100
    nearest = 1 / 10**digits
    if 0 < value < nearest:
        value = nearest
    elif 100 - nearest < value < 100:
        value = 100 - nearest
    return f"{value:.{digits}f}%"


def fraction(ratio: Ratio, digits: int = 0) -> str:
    """A coverage ratio with its counts: `72% (5/7)`, or `n/a` when nothing is applicable."""
    text = percent(ratio.coverage, digits)
    return f"{text} ({ratio.covered}/{ratio.applicable})" if ratio.applicable else text


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice that `word` most probably meant, if one is close enough."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """`did you mean `onboarding-tour`?`, or None when nothing is close."""
    match = closest(word, choices)
    return f"did you mean `{match}`?" if match is not None else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """` (did you mean `x`?)` to append to a message, or an empty string."""
    text = did_you_mean(word, choices)
    return f" ({text})" if text else ""


def number(value: float | None, unit: str | None) -> str:
    """A metric value as people read it: ratios and percents as %, seconds with s."""
    if value is None:
        return "?"
    if unit == "ratio":
        return f"{value * 100:.3g}%"
    if unit == "percent":
        return f"{value:.3g}%"
    if unit == "seconds":
        return f"{value:g} s"
    return f"{value:g}"


def metric_text(metric: Metric) -> str:
    """`Install rate: 12% (target 20%, misses)`: words, not only colour, say how it stands."""
    text = f"{metric.name}: {number(metric.value, metric.unit)}"
    if metric.target is None:
        return text
    verdict = "misses" if metric.misses_target else "meets"
    return f"{text} (target {number(metric.target, metric.unit)}, {verdict})"


EMOTION_WORDS = {-2: "very negative", -1: "negative", 0: "neutral", 1: "positive", 2: "very positive"}


def emotion_text(emotion: int | None) -> str:
    """`+1 (positive)`, `0 (neutral)`, `not recorded`."""
    if emotion is None:
        return "not recorded"
    return f"{emotion:+d} ({EMOTION_WORDS[emotion]})" if emotion else f"0 ({EMOTION_WORDS[0]})"


def trigger_text(trigger: Trigger) -> str:
    """A short label: `day 3`, `after cart_abandoned within 2h`, `on store-opening at Berlin`, `cron 0 9 * * 1`."""
    if trigger.type == "day_of_use":
        return f"day {trigger.day}" if trigger.day is not None else "day ?"
    if trigger.type == "behavior":
        after = f"after {trigger.event or '?'}"
        return f"{after} within {trigger.within}" if trigger.within else after
    if trigger.type == "event":
        where = f" at {trigger.location}" if trigger.location else ""
        return f"on {trigger.name or '?'}{where}"
    return f"cron {trigger.cron or '?'}"


STATE_SYMBOLS: dict[CellState, tuple[str, str]] = {
    # state: (symbol, ASCII symbol for terminals that cannot show the first)
    "covered": ("●", "#"),
    "partial": ("◐", "+"),
    "unmapped": ("○", "o"),
    "missing": ("✗", "x"),
    "not-applicable": ("–", "-"),
}


def state_label(state: CellState, lacks: Sequence[str] = ()) -> str:
    """A coverage cell's state in words, as every output says it."""
    if state == "partial":
        return f"partial: lacks {', '.join(lacks)}"
    return {
        "covered": "covered",
        "unmapped": "unmapped: touchpoints but no experience",
        "missing": "missing: no experience, no touchpoint",
        "not-applicable": "not applicable",
    }[state]


def days_ago(days: int) -> str:
    """`today`, `3 days ago`, `2 days in the future`."""
    if days == 0:
        return "today"
    return f"{plural(-days, 'day')} in the future" if days < 0 else f"{plural(days, 'day')} ago"
