"""Percentiles by linear interpolation between the closest ranks, in exact integer arithmetic.

The engines sort the durations and return only the values at the ranks needed; this module says which
ranks those are and interpolates, so that every engine's integers give the same float. It is numpy's
default method (and DuckDB's `quantile_cont`, Spark's `percentile`): for n sorted values and the
quantile q = p / 100, h = (n - 1) q; the result is x[floor(h)] + (h - floor(h)) (x[ceil(h)] - x[floor(h)]),
ranks counted from 0.
"""

from __future__ import annotations

from collections.abc import Mapping

PERCENTS = (50, 75, 95)


def ranks(count: int, percent: int) -> tuple[int, int, int]:
    """The lower and upper 0-based ranks for `percent` of `count` values, and the remainder (0-99) of h."""
    scaled = (count - 1) * percent
    lower, remainder = divmod(scaled, 100)
    return lower, lower + (1 if remainder else 0), remainder


def interpolate(values: Mapping[int, int], count: int, percent: int) -> float:
    """The percentile from the values at its ranks (`values` maps rank → value)."""
    lower, upper, remainder = ranks(count, percent)
    low, high = values[lower], values[upper]
    return low + (high - low) * remainder / 100
