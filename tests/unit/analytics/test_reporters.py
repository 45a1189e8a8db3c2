"""The report helpers: human units (journeykit.present), Markdown escaping, percentiles' ranks."""

from __future__ import annotations

import numpy
import pytest

from journeykit.analytics.config import REPORT_FORMATS
from journeykit.analytics.percentiles import PERCENTS, interpolate, ranks
from journeykit.analytics.reporters import ANALYTICS_FORMATS
from journeykit.present import duration, percent, window, window_words


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (45, "45 s"), (720, "12 min"), (3600 * 3.5, "3.5 h"), (86400 * 2.3, "2.3 d"), (None, "n/a")],
)
def test_durations_in_human_units(seconds: float | None, text: str) -> None:
    assert duration(seconds) == text


def test_percent_and_window() -> None:
    assert (percent(0.6158, 1), percent(None, 1), percent(1.0, 1), percent(0.9999, 1)) == (
        "61.6%",
        "n/a",
        "100.0%",
        "99.9%",
    )
    assert (window(2592000), window(7200), window(1209600), window(90)) == ("30d", "2h", "2w", "90s")
    assert (window_words(2592000), window_words(3600), window_words(1209600)) == ("30 days", "1 hour", "2 weeks")


def test_the_configuration_knows_every_format_of_the_registry() -> None:
    assert ANALYTICS_FORMATS.names == REPORT_FORMATS


@pytest.mark.parametrize("count", [1, 2, 3, 5, 20, 21, 101, 997])
def test_interpolation_matches_numpy(count: int) -> None:
    values = sorted((i * 7919) % 1000 for i in range(count))
    for percent_ in PERCENTS:
        lower, upper, _ = ranks(count, percent_)
        assert upper - lower in (0, 1)
        ours = interpolate(dict(enumerate(values)), count, percent_)
        assert ours == pytest.approx(float(numpy.percentile(values, percent_)), abs=1e-9)
