"""The one search the readers share: the printed totals decide a reading only where every combination was tried."""

from itertools import product

from dagster_project.drafting.readers.totals import (
    MAX_COMBINATIONS,
    MAX_STEPS,
    TKR_TOLERANCE,
    adds_up,
    at_most,
    fitting,
)
from dagster_project.quality.reconciliation import TKR_TOLERANCE as RECONCILIATION_TKR_TOLERANCE


def test_the_tolerance_is_the_reconciliations():
    assert TKR_TOLERANCE == RECONCILIATION_TKR_TOLERANCE == 1.0
    assert adds_up(16_071 + 1, 16_071, TKR_TOLERANCE)
    assert not adds_up(16_100, 16_071, TKR_TOLERANCE)
    assert adds_up(10.7 + 0.4, 11.1), "float sums of decimals"
    assert not adds_up(585, 584), "counts: no rounding"


def test_every_combination_is_judged_and_the_one_that_adds_up_is_found():
    # "584 583" one figure or two, in a row whose printed total is 1 167.
    found = fitting([[(584_583,), (584, 583)], [1]], lambda c: sum(c[0]) == 1_167)
    assert found == [((584, 583), 1)]


def test_a_search_past_its_budget_decides_nothing_even_where_a_tried_combination_adds_up():
    rows = [range(2)] * 13  # 8 192 combinations
    assert 2**13 > MAX_COMBINATIONS
    assert fitting(rows, lambda c: sum(c) == 0) is None


def test_a_bounded_search_follows_only_what_can_still_add_up_and_stops_at_its_budget():
    def step(total, value):
        new = total + value
        return new if at_most(new, 3) else None

    found = fitting([range(4)] * 3, lambda c: sum(c) == 3, step, 0)
    assert sorted(found) == sorted(c for c in product(range(4), repeat=3) if sum(c) == 3)
    assert len(found) == 10
    never_pruned = fitting([range(10)] * 7, lambda c: False, lambda total, value: total, 0)
    assert 10**6 > MAX_STEPS and never_pruned is None
