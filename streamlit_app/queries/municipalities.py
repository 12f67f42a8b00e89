"""The municipalities and their figures per year: fees, visits, shares and ranks (dim_municipality,
fct_municipality_figures, fct_municipality_returns, dim_municipality_year)."""

import pandas as pd

from streamlit_app.comparison import MEASURES
from streamlit_app.queries.common import LatestTable
from streamlit_app.state import Municipality
from streamlit_app.warehouse import Query, read

_RELATIVE_SQL = """
    select f.year, m.municipality_name, f.visits, f.navet_tkr as amount_tkr, f.population_basis,
           f.visits_per_thousand, f.navet_kr_per_visit as kr_per_visit
    from marts.fct_municipality_figures f join marts.dim_municipality m using (municipality_code)
    where f.visits is not null and f.year between ? and ?
"""


VISITS_RELATIVE = LatestTable(
    f"select * from ({_RELATIVE_SQL}) order by year, municipality_name",
    "select year, count(*) as n from marts.fct_municipality_figures where visits is not null and year between ? and ? group by year",
)


def visits_relative_query(years: tuple[int, int]) -> Query:
    """Per municipality and year: visits, the Navet fee, the derived basis, visits per 1 000 and fee per visit."""
    return Query(_RELATIVE_SQL, years)


def _per_municipality(years: tuple[int, int], kind: str) -> tuple[str, Query]:
    """The measure column and the query of a per-municipality figure; only these two, so no SQL comes from a caller."""
    measure, build = {
        "visits": ("visits_per_thousand", visits_relative_query),
        "fees_per_inhabitant": ("kr_per_inhabitant_all", fees_per_inhabitant_query),
    }[kind]
    return measure, build(years)


def _for_municipalities(years: tuple[int, int], kind: str, names: list[str]) -> pd.DataFrame:
    """The rows of the figure's query for the named municipalities."""
    _, query = _per_municipality(years, kind)
    return read(
        f"select * from ({query.sql}) where list_contains(?, municipality_name) order by year, municipality_name",
        (*query.params, names),
    )


def _ranked_in_latest_year(years: tuple[int, int], kind: str) -> list[str]:
    """Municipality names by the figure, largest first, in the latest year that has it."""
    measure, query = _per_municipality(years, kind)
    found = read(
        f"""with rows as ({query.sql})
            select municipality_name from rows
            where year = (select max(year) from rows where {measure} is not null) and {measure} is not null
            order by {measure} desc, municipality_name""",
        query.params,
    )
    return list(found["municipality_name"])


def visits_relative_for(years: tuple[int, int], municipality_names: list[str]) -> pd.DataFrame:
    return _for_municipalities(years, "visits", municipality_names)


def municipalities_ranked_by_visits_per_thousand(years: tuple[int, int]) -> list[str]:
    return _ranked_in_latest_year(years, "visits")


def relative_sources(years: tuple[int, int]) -> list[str]:
    first, last = years
    found = read(
        """select source_ref from marts.fct_visits where year between ? and ?
           union select source_ref from marts.fct_fees where fee_type = 'navet' and year between ? and ?
           union select source_ref from marts.fct_population_basis where year between ? and ?
           union select rate_source_ref from marts.fct_population_basis where year between ? and ?""",
        (first, last) * 4,
    )
    return list(found["source_ref"].dropna())


_PER_INHABITANT_SQL = """
    select f.year, m.municipality_name, f.forbundsbidrag_tkr, f.stated_kr_per_inhabitant as kr_per_inhabitant,
           f.population_basis, f.rounding_margin, f.navet_kr_per_inhabitant as kr_per_inhabitant_navet,
           f.medarbetarcentrum_kr_per_inhabitant as kr_per_inhabitant_medarbetarcentrum,
           f.fees_kr_per_inhabitant as kr_per_inhabitant_all
    from marts.fct_municipality_figures f join marts.dim_municipality m using (municipality_code)
    where f.population_basis is not null and f.year between ? and ?
"""


PER_INHABITANT = LatestTable(
    f"select * from ({_PER_INHABITANT_SQL}) order by year, municipality_name",
    "select year, count(*) as n from marts.fct_municipality_figures where population_basis is not null "
    "and year between ? and ? group by year",
)


def fees_per_inhabitant_query(years: tuple[int, int]) -> Query:
    """Fees per inhabitant of the derived basis, per fee type and all fees, for the years with a basis."""
    return Query(_PER_INHABITANT_SQL, years)


def fees_per_inhabitant_for(years: tuple[int, int], names: list[str]) -> pd.DataFrame:
    return _for_municipalities(years, "fees_per_inhabitant", names)


def municipalities_ranked_per_inhabitant(years: tuple[int, int]) -> list[str]:
    return _ranked_in_latest_year(years, "fees_per_inhabitant")


def municipality_choices() -> dict[str, Municipality]:
    """Every municipality, the members first, by name."""
    rows = read(
        "select municipality_code, municipality_name, membership, county_name from marts.dim_municipality "
        "order by membership = 'member' desc, municipality_name"
    )
    columns = [
        rows[column].tolist() for column in ("municipality_code", "municipality_name", "membership", "county_name")
    ]
    return {code: Municipality(code, name, membership, county) for code, name, membership, county in zip(*columns)}


def default_municipality() -> str | None:
    """The member that paid the most in the latest year, for a reader who has chosen none."""
    found = read(
        """select municipality_code from marts.fct_municipality_figures
           where year = (select max(year) from marts.fct_municipality_figures) and membership = 'member'
           order by fees_total_tkr desc nulls last, municipality_code limit 1"""
    )
    return None if found.empty else str(found["municipality_code"].iloc[0])


_MUNICIPALITY_YEAR_SQL = """
    select f.year, m.municipality_code, m.municipality_name, m.membership,
           f.fees_total_tkr, f.forbundsbidrag_tkr, f.navet_tkr, f.medarbetarcentrum_tkr,
           f.fees_kr_per_inhabitant as fees_per_inhabitant_kr, f.visits, f.visits_per_thousand, f.navet_kr_per_visit,
           f.population_basis,
           r.all_fees_tkr, r.fee_share, r.forbundsbidrag_fee_share, r.navet_fee_share, r.medarbetarcentrum_fee_share, r.municipal_visits,
           r.visit_share, r.visits_not_attributed, r.positive_changes, r.attributed_positive_changes,
           r.positive_change_share, r.positive_change_attribution,
           f.fees_source_ref, f.visits_source_ref, f.rate_source_ref, r.positive_changes_source_ref
    from marts.fct_municipality_figures f
    join marts.fct_municipality_returns r using (year, municipality_code)
    join marts.dim_municipality m using (municipality_code)
"""


MUNICIPALITY_YEAR_SOURCES = ["fees_source_ref", "visits_source_ref", "rate_source_ref", "positive_changes_source_ref"]


def sources_of(rows: pd.DataFrame) -> list[str]:
    """The references behind rows of municipalities_in_year or municipality_years_between."""
    return [reference for column in MUNICIPALITY_YEAR_SOURCES for reference in rows[column].dropna()]


def municipalities_in_year(year: int) -> pd.DataFrame:
    """Every municipality's figures and shares of one year: what the comparisons rank."""
    return read(f"{_MUNICIPALITY_YEAR_SQL} where f.year = ? order by m.municipality_name", (year,))


def municipality_years(years: tuple[int, int], code: str) -> pd.DataFrame:
    """One municipality's figures and shares per year, the range and the year before it."""
    return read(
        f"{_MUNICIPALITY_YEAR_SQL} where f.municipality_code = ? and f.year between ? - 1 and ? order by f.year",
        (code, *years),
    )


def comparison_years(years: tuple[int, int]) -> list[int]:
    """The years of the selected range that have per-municipality figures."""
    first, last = years
    found = read(
        "select distinct year from marts.fct_municipality_figures where year between ? and ? order by year",
        (first, last),
    )
    return [int(year) for year in found["year"]]


def services(years: tuple[int, int], code: str) -> pd.DataFrame:
    """Which services the municipality paid for, per year of the range."""
    return read(
        """select year, pays_forbundsbidrag, takes_navet, takes_medarbetarcentrum from marts.dim_municipality_year
           where municipality_code = ? and year between ? and ? order by year""",
        (code, *years),
    )


def measure_by_year(years: tuple[int, int], code: str, column: str) -> pd.DataFrame:
    """Per year of the range: the municipality's value of a comparison measure and the members' unweighted mean."""
    known = MEASURES[column].column  # the SQL names only a column of the fixed list of measures
    first, last = years
    return read(
        f"""with rows as ({_MUNICIPALITY_YEAR_SQL} where f.year between ? and ?)
            select year, max({known}) filter (where municipality_code = ?) as own,
                   avg({known}) filter (where membership = 'member') as member_mean,
                   count({known}) filter (where membership = 'member') as members_counted
            from rows group by year order by year""",
        (first, last, code),
    )
