"""The two places where the Great Expectations suites are narrower than synthetic data, widened for benchmarks.

The suites accept the municipality codes of the committed seed file and the years 1990 to
2100. Synthetic municipalities live in the seed extension dbt loads (SJUHARAD_DBT_SEEDS),
and 1 000 report-years reach back before 1990. In a benchmark process, and only there,
the accepted codes are read from the seeds dbt actually loads and the earliest year is
lowered to the first synthetic year; every expectation still runs on every row.
"""

import csv
import functools
import os
from pathlib import Path

from benchmarks.synthetic import SEEDS_VARIABLE
from dagster_project import paths

EARLIEST_YEAR_VARIABLE = "SJUHARAD_BENCH_EARLIEST_YEAR"


def _codes_in(seed_dir: Path) -> frozenset[str]:
    with open(seed_dir / "municipalities.csv", encoding="utf-8", newline="") as file:
        return frozenset(row["municipality_code"] for row in csv.DictReader(file))


def widen_for_synthetic_data() -> None:
    """Call before dagster_project.definitions is imported: the suites are built at import."""
    from dagster_project.quality import suites

    seed_dir = os.environ.get(SEEDS_VARIABLE)
    if seed_dir:
        suites.municipality_codes = functools.cache(functools.partial(_codes_in, paths.dbt_project_dir() / seed_dir))
    earliest = os.environ.get(EARLIEST_YEAR_VARIABLE)
    if earliest:
        suites.EARLIEST_YEAR = min(suites.EARLIEST_YEAR, int(earliest))
