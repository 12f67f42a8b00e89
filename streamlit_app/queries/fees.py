"""Fees per municipality and fee type (fct_fees) and the stated fees per inhabitant (fct_population_basis)."""

import pandas as pd

from streamlit_app.queries.common import MUNICIPALITY_COLUMNS, LatestTable
from streamlit_app.warehouse import Query, read, read_batch

_FEE_FILTER = "(?::varchar is null or f.fee_type = ?)"


def latest_fee_year(years: tuple[int, int]) -> int | None:
    first, last = years
    found = read("select max(year) as year from marts.fct_fees where year between ? and ?", (first, last))
    year = found["year"].iloc[0]
    return None if pd.isna(year) else int(year)


def fees_headline(year: int) -> dict[str, pd.DataFrame]:
    """The year's total, its largest förbundsbidrag and its largest total per municipality, with their sources."""
    return read_batch(
        {
            "total": Query("select sum(amount_tkr) as amount_tkr from marts.fct_fees where year = ?", (year,)),
            "largest_bidrag": Query(
                f"""select {MUNICIPALITY_COLUMNS}, f.amount_tkr from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
                    where f.year = ? and f.fee_type = 'forbundsbidrag' order by f.amount_tkr desc, m.municipality_name limit 1""",
                (year,),
            ),
            "largest_total": Query(
                """select m.municipality_name, sum(f.amount_tkr) as amount_tkr
                   from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
                   where f.year = ? group by m.municipality_name order by amount_tkr desc, m.municipality_name limit 1""",
                (year,),
            ),
            "sources": Query("select distinct source_ref from marts.fct_fees where year = ?", (year,)),
        }
    )


def fees_by_municipality(years: tuple[int, int], fee_type: str | None) -> Query:
    """Amount per municipality, fee type and year (one fee type, or all when None)."""
    return Query(
        f"""select m.municipality_name, f.fee_type, f.year, sum(f.amount_tkr) as amount_tkr
            from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
            where f.year between ? and ? and {_FEE_FILTER}
            group by all order by m.municipality_name, f.fee_type, f.year""",
        (years[0], years[1], fee_type, fee_type),
    )


def fees_for_municipalities(years: tuple[int, int], fee_type: str | None, names: list[str]) -> pd.DataFrame:
    query = fees_by_municipality(years, fee_type)
    return read(
        f"select * from ({query.sql}) where list_contains(?, municipality_name) order by year, municipality_name",
        (*query.params, names),
    )


def municipalities_ranked_by_fees(years: tuple[int, int], fee_type: str | None) -> list[str]:
    """Municipalities by what they paid in the latest selected year (of one fee type, or all), most first."""
    first, last = years
    found = read(
        f"""select m.municipality_name from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
            where f.year = (select max(year) from marts.fct_fees where year between ? and ?) and {_FEE_FILTER}
            group by m.municipality_name order by sum(f.amount_tkr) desc, m.municipality_name""",
        (first, last, fee_type, fee_type),
    )
    return list(found["municipality_name"])


def fee_sources(years: tuple[int, int], fee_type: str | None) -> list[str]:
    first, last = years
    found = read(
        f"select distinct source_ref from marts.fct_fees f where year between ? and ? and {_FEE_FILTER}",
        (first, last, fee_type, fee_type),
    )
    return list(found["source_ref"].dropna())


def fee_shares(years: tuple[int, int], top: int) -> pd.DataFrame:
    """Each year's share of all fees for the `top` municipalities of the latest year, the others as one group."""
    first, last = years
    return read(
        """with totals as (
               select f.year, m.municipality_name, sum(f.amount_tkr) as amount_tkr
               from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
               where f.year between ? and ? group by all),
           ranked as (
               select municipality_name, row_number() over (order by amount_tkr desc, municipality_name) as rank
               from totals where year = (select max(year) from totals))
           select t.year, case when r.rank <= ? then t.municipality_name else 'Övriga kommuner' end as municipality_name,
                  sum(t.amount_tkr) as amount_tkr
           from totals t left join ranked r using (municipality_name)
           group by all
           order by t.year, municipality_name""",
        (first, last, top),
    ).assign(share=lambda frame: frame["amount_tkr"] / frame.groupby("year")["amount_tkr"].transform("sum"))


# The change is against the year before, also when that year is outside the selected range.
_FEES_WITH_CHANGE_SQL = """
    with fees as (select * from marts.fct_fees where year between ? - 1 and ?),
    type_totals as (select year, fee_type, sum(amount_tkr) as type_total from fees group by all)
    select f.year, m.municipality_name, m.membership, f.fee_type, f.amount_tkr,
           f.amount_tkr - p.amount_tkr as change_tkr,
           case when p.amount_tkr != 0 then (f.amount_tkr - p.amount_tkr) / abs(p.amount_tkr) * 100 end as change_percent,
           case when t.type_total != 0 then f.amount_tkr / t.type_total end as share_of_fee_type,
           f.source_ref
    from fees f
    join marts.dim_municipality m using (municipality_code)
    join type_totals t using (year, fee_type)
    left join fees p on p.municipality_code = f.municipality_code and p.fee_type = f.fee_type and p.year = f.year - 1
    where f.year between ? and ?
"""


FEES_WITH_CHANGE = LatestTable(
    f"select * from ({_FEES_WITH_CHANGE_SQL}) order by year, fee_type, municipality_name",
    "select year, count(*) as n from marts.fct_fees where year between ? and ? group by year",
    repeat=2,
)


def basis_sources(years: tuple[int, int]) -> list[str]:
    first, last = years
    found = read(
        """select source_ref from marts.fct_population_basis where year between ? and ?
           union select rate_source_ref from marts.fct_population_basis where year between ? and ?""",
        (first, last, first, last),
    )
    return list(found["source_ref"].dropna())


def own_fees(years: tuple[int, int], code: str) -> Query:
    return Query(
        "select year, fee_type, amount_tkr, source_ref from marts.fct_fees where municipality_code = ? and year between ? and ? "
        "order by year, fee_type",
        (code, years[0], years[1]),
    )


def stated_rates(years: tuple[int, int]) -> pd.DataFrame:
    """The fees per inhabitant the reports state, in the latest year of the range that has them."""
    first, last = years
    return read(
        """select year, membership, any_value(kr_per_inhabitant) as kr_per_inhabitant, any_value(rate_source_ref) as rate_source_ref
           from marts.fct_population_basis
           where year = (select max(year) from marts.fct_population_basis where year between ? and ?)
           group by year, membership order by membership desc""",
        (first, last),
    )
