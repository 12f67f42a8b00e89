"""What every family of queries shares: running a Query and the shape of a table shown by its latest years."""

from dataclasses import dataclass

import pandas as pd

from streamlit_app.warehouse import Query, read

MUNICIPALITY_COLUMNS = "m.municipality_name, m.membership"


@dataclass(frozen=True)
class LatestTable:
    """A table with a `year` column, shown as its latest whole years within a row budget.

    `sql` takes the year range as (first, last) `repeat` times; `rows_per_year_sql`
    (year, n) counts the table's rows per year of a range cheaply, so that the table itself
    is computed only for the years shown (the downloads compute all of them).
    """

    sql: str
    rows_per_year_sql: str
    repeat: int = 1

    def query(self, first: int, last: int) -> Query:
        return Query(self.sql, (first, last) * self.repeat)


def read_query(query: Query) -> pd.DataFrame:
    return read(query.sql, query.params)
