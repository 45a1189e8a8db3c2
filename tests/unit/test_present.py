"""The shared wording: rounding that never overstates, one "did you mean", numbers people read."""

from __future__ import annotations

import pytest

from journeykit.coverage import Ratio
from journeykit.present import days_ago, did_you_mean, fraction, number, percent, plural, suggestion


@pytest.mark.parametrize(
    ("ratio", "digits", "text"),
    [
        (199 / 200, 0, "99%"),
        (1 / 300, 0, "1%"),
        (1 / 300, 1, "0.3%"),
        (1999 / 2000, 1, "99.9%"),
        (0.0, 0, "0%"),
        (1.0, 0, "100%"),
        (0.725, 1, "72.5%"),
        (2 / 3, 1, "66.7%"),
        (None, 0, "n/a"),
    ],
)
def test_percent_says_100_and_0_only_when_exact(ratio: float | None, digits: int, text: str) -> None:
    assert percent(ratio, digits) == text


def test_fraction_shows_the_counts() -> None:
    assert fraction(Ratio(covered=5, applicable=7)) == "71% (5/7)"
    assert fraction(Ratio()) == "n/a"


def test_one_did_you_mean_with_one_spelling() -> None:
    assert did_you_mean("onbording-tour", ["onboarding-tour", "checkout"]) == "did you mean `onboarding-tour`?"
    assert did_you_mean("id", ["kind", "title"]) is None
    assert suggestion("selct", ["select"]) == " (did you mean `select`?)"
    assert suggestion("zzz", ["select"]) == ""


def test_small_words() -> None:
    assert (plural(1, "file"), plural(2, "file")) == ("1 file", "2 files")
    assert (days_ago(0), days_ago(1), days_ago(-3)) == ("today", "1 day ago", "3 days in the future")
    assert (number(0.12, "ratio"), number(30, "seconds"), number(None, None)) == ("12%", "30 s", "?")
