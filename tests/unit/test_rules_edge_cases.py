"""Edge cases of individual rules that their literal examples do not show."""

from __future__ import annotations

from journeykit.rules.interactions import cron_problem


def test_a_cron_of_thousands_of_digits_is_a_problem_not_a_crash() -> None:
    assert cron_problem("1" * 4400 + " * * * *") == f"minute '{'1' * 4400}' is outside 0-59"
    assert cron_problem("*/" + "9" * 5000 + " * * * *") == "the step in '*/" + "9" * 5000 + "' must be from 1 to 9999"
