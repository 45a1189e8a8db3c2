"""The report helpers: human units, Markdown escaping, percentiles' ranks."""

from __future__ import annotations

import numpy
import pytest

from journeykit.analytics.percentiles import PERCENTS, interpolate, ranks
from journeykit.analytics.reporters.markdown import escape
from journeykit.analytics.reporters.units import duration, percent, window


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (45, "45 s"), (720, "12 min"), (3600 * 3.5, "3.5 h"), (86400 * 2.3, "2.3 d"), (None, "–")],
)
def test_durations_in_human_units(seconds: float | None, text: str) -> None:
    assert duration(seconds) == text


def test_percent_and_window() -> None:
    assert (percent(0.6158), percent(None), percent(1.0)) == ("61.6%", "–", "100.0%")
    assert (window(2592000), window(7200), window(1209600)) == ("30d", "2h", "2w")


def test_markdown_escape_neutralises_markup() -> None:
    assert escape("a|b *c* <img> [x](y) `z` &amp;\nnext") == (
        "a\\|b \\*c\\* &lt;img&gt; \\[x\\](y) \\`z\\` &amp;amp; next"
    )


@pytest.mark.parametrize("count", [1, 2, 3, 5, 20, 21, 101, 997])
def test_interpolation_matches_numpy(count: int) -> None:
    values = sorted((i * 7919) % 1000 for i in range(count))
    for percent_ in PERCENTS:
        lower, upper, _ = ranks(count, percent_)
        assert upper - lower in (0, 1)
        ours = interpolate(dict(enumerate(values)), count, percent_)
        assert ours == pytest.approx(float(numpy.percentile(values, percent_)), abs=1e-9)
