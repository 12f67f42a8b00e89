"""Navet's visits (fct_visits, by conformed visitor group) and goals (fct_navet_goals)."""

import pandas as pd

from streamlit_app.labels import VISIT_CATEGORIES
from streamlit_app.queries.common import LatestTable
from streamlit_app.warehouse import Query, read


def navet_goals(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read("select * from marts.fct_navet_goals where year between ? and ? order by year, goal_no", (first, last))


def visit_sources(years: tuple[int, int]) -> list[str]:
    first, last = years
    found = read("select distinct source_ref from marts.fct_visits where year between ? and ?", (first, last))
    return list(found["source_ref"].dropna())


def visit_totals(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read(
        "select year, sum(visits) as visits from marts.fct_visits where year between ? and ? group by year order by year",
        (first, last),
    )


_CATEGORY_COLUMNS = ", ".join(
    f"sum(visits) filter (where visit_category = '{code}') as \"{label}\"" for code, label in VISIT_CATEGORIES.items()
)


_VISITS_WIDE_SQL = f"""
    select year, conformed_group as visitor_group, {_CATEGORY_COLUMNS}, sum(visits) as total
    from marts.fct_visits where year between ? and ? group by year, conformed_group
"""


VISITS_WIDE = LatestTable(
    f"select * from ({_VISITS_WIDE_SQL}) order by year, visitor_group",
    "select year, count(distinct conformed_group) as n from marts.fct_visits where year between ? and ? group by year",
)


def visits_by_group_and_year(years: tuple[int, int]) -> Query:
    return Query(
        """select conformed_group as visitor_group, year, sum(visits) as visits from marts.fct_visits
           where year between ? and ? group by conformed_group, year order by conformed_group, year""",
        years,
    )


def visits_by_group_and_category(years: tuple[int, int], groups: list[str]) -> pd.DataFrame:
    return read(
        """select year, conformed_group as visitor_group, visit_category, sum(visits) as visits from marts.fct_visits
           where year between ? and ? and list_contains(?, conformed_group) group by all order by year, visitor_group""",
        (years[0], years[1], groups),
    )


def visits_by_year_and_category(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read(
        """select year, visit_category, sum(visits) as visits from marts.fct_visits
           where year between ? and ? group by all order by year, visit_category""",
        (first, last),
    )


def groups_ranked_by_visits(years: tuple[int, int]) -> list[str]:
    """Conformed visitor groups of the selected years by their visits in the latest year, most first;
    a group with no visits that year follows, so that no year's chart leaves a group out."""
    first, last = years
    found = read(
        """select conformed_group from marts.fct_visits where year between ? and ?
           group by conformed_group
           order by sum(visits) filter (where year = (select max(year) from marts.fct_visits where year between ? and ?))
                    desc nulls last, conformed_group""",
        (first, last, first, last),
    )
    return list(found["conformed_group"])


def merged_visitor_groups(first: int, last: int) -> pd.DataFrame:
    """The printed labels shown as a group of another name in the years: conformed group, year, label."""
    return read(
        """select distinct conformed_group, year, visitor_group from marts.fct_visits
           where year between ? and ? and visitor_group != conformed_group order by conformed_group, year, visitor_group""",
        (first, last),
    )


def unattributed_visitor_groups(year: int) -> list[str]:
    """Navet's visitor groups of the year that are no municipality (as printed)."""
    found = read(
        "select distinct visitor_group from marts.fct_visits where year = ? and municipality_code is null "
        "order by visitor_group",
        (year,),
    )
    return [str(group) for group in found["visitor_group"]]
