"""The one place where the Great Expectations suites are narrower than synthetic data, widened for benchmarks.

The suites accept the years 1990 to 2100, and 1 000 report-years reach back before 1990.
In a benchmark process, and only there, the earliest year is lowered to the first
synthetic year; every expectation still runs on every row.
"""

import os

EARLIEST_YEAR_VARIABLE = "SJUHARAD_BENCH_EARLIEST_YEAR"


def widen_for_synthetic_data() -> None:
    """Call before the run builds its suites."""
    from dagster_project.quality import suites

    earliest = os.environ.get(EARLIEST_YEAR_VARIABLE)
    if earliest:
        suites.EARLIEST_YEAR = min(suites.EARLIEST_YEAR, int(earliest))
