"""The speed section of docs/benchmarks.md says what Dagster's run history costs the build, from what was measured."""

from benchmarks.measure import Series
from benchmarks.report import _bookkeeping


def test_the_run_history_cost_is_the_difference_of_the_medians_of_both_storages():
    measured = {
        "SQLite": {"wall": Series([21.0, 20.0, 25.0]), "cpu": Series([9.0, 9.5, 8.0])},
        "in memory": {"wall": Series([15.5, 16.0, 14.0]), "cpu": Series([4.0, 4.5, 3.0])},
    }
    text = "\n".join(_bookkeeping(measured))
    assert "| SQLite (as `make build`) | 21.0 s | 20.0 to 25.0 (3 runs) | 9.0 s |" in text
    assert "| in memory (no history) | 15.5 s | 14.0 to 16.0 (3 runs) | 4.0 s |" in text
    assert "costs 5.5 s of each build, spread over its steps above (5.0 s of CPU)" in text


def test_a_run_without_the_comparison_writes_no_paragraph_for_it():
    assert _bookkeeping(None) == []
