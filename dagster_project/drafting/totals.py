"""The printed totals as the judge of a reading: the warehouse's own tolerance, and one search.

Where rows can be read more than one way (digit groups, blank columns), every combination of
their readings is tried against the printed totals, up to MAX_COMBINATIONS; a reading is taken
only where exactly one combination makes the totals add up (the readers say so, or leave the
cells empty). The tolerance is the one the warehouse's reconciliation checks apply
(dagster_project/quality/reconciliation.py): rounding of 1 tkr in amounts, none in counts.
"""

from collections.abc import Callable, Sequence
from itertools import product
from math import prod
from typing import TypeVar

from dagster_project.quality.reconciliation import COUNT_TOLERANCE, TKR_TOLERANCE

__all__ = ["COUNT_TOLERANCE", "MAX_COMBINATIONS", "TKR_TOLERANCE", "adds_up", "fitting"]

MAX_COMBINATIONS = 4096
_EPSILON = 1e-9  # float sums of decimals ("10,7" + "0,4")

T = TypeVar("T")


def adds_up(computed: float, printed: float, tolerance: float = COUNT_TOLERANCE) -> bool:
    return abs(computed - printed) <= tolerance + _EPSILON


def fitting(options: Sequence[Sequence[T]], fits: Callable[[tuple[T, ...]], bool]) -> list[tuple[T, ...]] | None:
    """The combinations (one reading per row) with which the totals add up; None where there are too many to try."""
    if prod(len(option) for option in options) > MAX_COMBINATIONS:
        return None
    return [combination for combination in product(*options) if fits(combination)]
