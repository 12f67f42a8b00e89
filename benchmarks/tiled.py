"""A published warehouse of 1 000 report-years for the app benchmark, tiled from a smaller one.

Building 1 000 × 290 through the pipeline does not fit the time of `make bench` (see
docs/benchmarks.md), and the app only sees the published marts. So the marts of a
published 50-year warehouse are repeated, each copy shifted 50 years back, until they
cover `years` years: the same rows per year and municipality, 20 times as many years.
The app reads this file like any other published version.
"""

import shutil
from pathlib import Path

import duckdb


def _year_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        name for (name,) in con.execute(
            "select table_name from information_schema.columns "
            "where table_schema = 'marts' and column_name = 'year' order by table_name"
        ).fetchall()
    ]


def tile(published: Path, target: Path, years: int) -> Path:
    """A copy of `published` at `target` whose marts cover `years` years instead of their own span."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(published, target)
    con = duckdb.connect(str(target), config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        first, last = con.execute("select min(year), max(year) from marts.dim_year").fetchone()
        span = last - first + 1
        copies = -(-years // span)
        for table in _year_tables(con):
            con.execute(f"create temp table original as select * from marts.{table}")
            for copy in range(1, copies):
                con.execute(f"insert into marts.{table} select * replace (year - {copy * span} as year) from original")
            con.execute("drop table original")
        con.execute("checkpoint")
    finally:
        con.close()
    return target
