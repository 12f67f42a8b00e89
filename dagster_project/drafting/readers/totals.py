"""The printed totals as the judge of a reading: the warehouse's own tolerance, and one search.

Where rows can be read more than one way (digit groups, blank columns, which column a figure
stands in), every combination of their readings is tried against the printed totals; a reading
is taken only where exactly one combination makes the totals add up (the readers say so, or
leave the cells empty). The tolerance is the one the warehouse's reconciliation checks apply
(dagster_project/quality/reconciliation.py): rounding of 1 tkr in amounts, none in counts,
and the same allowance for float sums of decimals ("10,7" + "0,4").

Every reader searches with `fitting`. Its budget is one for all: at most MAX_COMBINATIONS whole
combinations judged by the totals, and, where the reader can tell early that a partial
combination can no longer add up (`step`: column sums of counts already past the printed
total), at most MAX_STEPS partial combinations extended. A search past its budget returns
None, "too many to try": the reader decides nothing by the totals then, never by the part of
the combinations it had time to try.
"""

from collections.abc import Callable, Sequence
from itertools import product
from math import prod
from typing import TypeVar

from dagster_project.quality.reconciliation import COUNT_TOLERANCE, EPSILON, TKR_TOLERANCE

__all__ = ["COUNT_TOLERANCE", "MAX_COMBINATIONS", "MAX_STEPS", "TKR_TOLERANCE", "adds_up", "at_most", "fitting"]

MAX_COMBINATIONS = 4096
MAX_STEPS = 300_000

T = TypeVar("T")
S = TypeVar("S")


def adds_up(computed: float, printed: float, tolerance: float = COUNT_TOLERANCE) -> bool:
    return abs(computed - printed) <= tolerance + EPSILON


def at_most(partial: float, printed: float, tolerance: float = COUNT_TOLERANCE) -> bool:
    """Can a partial sum of figures that are never negative still add up to the printed total?"""
    return partial <= printed + tolerance + EPSILON


class _OverBudget(Exception):
    pass


def fitting(
    options: Sequence[Sequence[T]],
    fits: Callable[[tuple[T, ...]], bool],
    step: Callable[[S, T], S | None] | None = None,
    start: S | None = None,
) -> list[tuple[T, ...]] | None:
    """The combinations (one reading per row) with which the totals add up; None where there are too many to try.

    Without `step` every combination is judged (at most MAX_COMBINATIONS of them). With it, the
    search goes row by row from `start`: `step(state, reading)` is the state with the reading
    added, or None where no combination that begins so can add up; `fits` judges the ones that
    reach the last row."""
    if step is None:
        if prod(len(option) for option in options) > MAX_COMBINATIONS:
            return None
        return [combination for combination in product(*options) if fits(combination)]
    found: list[tuple[T, ...]] = []
    spent = {"steps": 0, "judged": 0}

    def search(row: int, state: S, chosen: tuple[T, ...]) -> None:
        spent["steps"] += 1
        if spent["steps"] > MAX_STEPS:
            raise _OverBudget
        if row == len(options):
            spent["judged"] += 1
            if spent["judged"] > MAX_COMBINATIONS:
                raise _OverBudget
            if fits(chosen):
                found.append(chosen)
            return
        for reading in options[row]:
            following = step(state, reading)
            if following is not None:
                search(row + 1, following, (*chosen, reading))

    try:
        search(0, start, ())
    except _OverBudget:
        return None
    return found
