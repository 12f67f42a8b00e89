"""Every query the app runs. Parameters only; no SQL is built from user input."""

import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from streamlit_app.comparison import MEASURES
from streamlit_app.labels import VISIT_CATEGORIES
from streamlit_app.state import Municipality, selected_years
from streamlit_app.warehouse import Query, deferred, read, read_batch

MUNICIPALITY_COLUMNS = "m.municipality_name, m.membership"


def available_years() -> list[int]:
    return [int(year) for year in read("select year from marts.dim_year order by year")["year"]]


def _years() -> tuple[int, int]:
    return selected_years()


def publication() -> dict | None:
    """version_id, published_at and run_id of the published version (None before the first publication)."""
    columns = set(
        read(
            "select column_name from information_schema.columns where table_schema = 'meta' and table_name = 'publication'"
        )["column_name"]
    )
    if not columns:
        return None
    if "published_at_iso" in columns:
        rows = read("select version_id, published_at_iso as published_at, run_id from meta.publication")
        return {key: (None if pd.isna(value) else value) for key, value in rows.iloc[0].items()} if len(rows) else None
    rows = read("select record from meta.publication")  # published before the record had its own columns
    return json.loads(rows["record"].iloc[0]) if len(rows) else None


CHECK_RESULT_COLUMNS = [
    "checked_at",
    "run_id",
    "target",
    "check_name",
    "asset",
    "kind",
    "severity",
    "passed",
    "message",
    "observed",
]


def check_results() -> pd.DataFrame:
    found = read(
        "select count(*) as n from information_schema.tables where table_schema = 'audit' and table_name = 'check_results'"
    )
    if not found["n"].iloc[0]:
        return pd.DataFrame(columns=CHECK_RESULT_COLUMNS)
    return read("select * from audit.check_results order by checked_at desc, check_name")


def quarantined_reports() -> pd.DataFrame:
    """Reports whose figures failed the checks and are kept out of the published data (empty before quarantine existed)."""
    found = read(
        "select count(*) as n from information_schema.tables where table_schema = 'audit' and table_name = 'quarantined_reports'"
    )
    if not found["n"].iloc[0]:
        return pd.DataFrame(columns=["report_id", "report_title", "quarantined_at", "figures_kept", "reasons"])
    return read(
        """
        select q.report_id, coalesce(t.report_title, q.report_id) as report_title, q.quarantined_at, q.figures_kept,
               q.reasons
        from audit.quarantined_reports q
        left join (select distinct report_id, report_title from marts.dim_source_table) t using (report_id)
        order by q.report_id
        """
    )


def municipalities() -> pd.DataFrame:
    return read("select * from marts.dim_municipality order by membership desc, municipality_name")


_STATEMENT_SQL = """
    select * from marts.{mart}
    where year between ? and ?
    order by print_order, year
"""


def income_statement() -> pd.DataFrame:
    first, last = _years()
    return read(_STATEMENT_SQL.format(mart="fct_income_statement"), (first, last))


def balance_sheet() -> pd.DataFrame:
    first, last = _years()
    return read(_STATEMENT_SQL.format(mart="fct_balance_sheet"), (first, last))


def fees() -> pd.DataFrame:
    first, last = _years()
    return read(
        f"""
        select f.*, {MUNICIPALITY_COLUMNS}
        from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
        where f.year between ? and ?
        order by f.year, m.municipality_name, f.fee_type
        """,
        (first, last),
    )


def population_basis() -> pd.DataFrame:
    first, last = _years()
    return read(
        f"""
        select p.*, {MUNICIPALITY_COLUMNS}
        from marts.fct_population_basis p join marts.dim_municipality m using (municipality_code)
        where p.year between ? and ?
        order by p.year, m.municipality_name
        """,
        (first, last),
    )


def visits() -> pd.DataFrame:
    first, last = _years()
    return read(
        """
        select v.*, m.municipality_name, m.membership
        from marts.fct_visits v left join marts.dim_municipality m using (municipality_code)
        where v.year between ? and ?
        order by v.year, v.visitor_group, v.visit_category
        """,
        (first, last),
    )


def navet_goals() -> pd.DataFrame:
    first, last = _years()
    return read("select * from marts.fct_navet_goals where year between ? and ? order by year, goal_no", (first, last))


def cases() -> pd.DataFrame:
    first, last = _years()
    return read(
        """
        select c.*, m.municipality_name as inferred_municipality_name,
               case when c.header_status = 'printed' and c.column_header is not null then c.column_header
                    when m.municipality_name is not null
                        then 'Kolumn ' || c.column_no || ' (trolig: ' || m.municipality_name || ', slutsats)'
                    else 'Kolumn ' || c.column_no || ' (rubrik okänd)'
               end as column_title
        from marts.fct_cases c
        left join marts.dim_municipality m on m.municipality_code = c.inferred_municipality_code
        where c.year between ? and ?
        order by c.year, c.case_table, c.measure, c.column_no
        """,
        (first, last),
    )


def grants() -> pd.DataFrame:
    first, last = _years()
    return read("select * from marts.fct_grants where year between ? and ? order by year, flow, origin", (first, last))


def key_figures() -> pd.DataFrame:
    first, last = _years()
    return read(
        "select * from marts.fct_key_figures where year between ? and ? order by year, figure_id", (first, last)
    )


def staff() -> pd.DataFrame:
    first, last = _years()
    return read("select * from marts.fct_staff where year between ? and ? order by year, unit, role", (first, last))


def overview_figures() -> dict[str, pd.DataFrame]:
    """Everything Översikt needs, for all years (the latest year is compared with the one before)."""
    return read_batch(
        {
            "statement": Query(
                "select year, line_id, label, amount_tkr, source_ref from marts.fct_income_statement "
                "where line_id in ('arets_resultat', 'verksamhetens_intakter', 'verksamhetens_kostnader')"
            ),
            "fees": Query(
                "select year, sum(amount_tkr) as amount_tkr, string_agg(distinct source_ref, '; ') as source_ref "
                "from marts.fct_fees group by year"
            ),
            "visits": Query(
                "select year, sum(visits) as visits, any_value(source_ref) as source_ref "
                "from marts.fct_visits group by year"
            ),
            "key_figures": Query(
                "select year, figure_id, label, value, unit, qualifier, printed_text, source_ref from marts.fct_key_figures "
                "where figure_id in ('mc_medarbetare_hanterade', 'mc_positiv_forandring', 'navet_besokare')"
            ),
            "positive_changes": Query(
                "select year, value, source_ref from marts.fct_cases where case_table = 'positive_changes' "
                "and column_header = 'Totalt' and measure = 'Totalt, kommun'"
            ),
        }
    )


def restatements() -> pd.DataFrame:
    return read("select * from marts.fct_restatements order by fact, year, grain")


def table_sources() -> pd.DataFrame:
    """The source_ref of every mart row in the selected years, with how many rows each mart takes from it."""
    marts = [
        "fct_fees",
        "fct_grants",
        "fct_visits",
        "fct_cases",
        "fct_income_statement",
        "fct_balance_sheet",
        "fct_note_lines",
        "fct_navet_goals",
        "fct_staff",
        "fct_key_figures",
    ]
    union = " union all ".join(
        f"select '{mart}' as mart, source_report, source_table, source_ref, source_note, source_page, count(*) as rows "
        f"from marts.{mart} where year between ? and ? group by all"
        for mart in marts
    )
    return read(f"{union} order by mart, source_ref", _years() * len(marts))


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


@dataclass(frozen=True)
class LatestPart:
    """The most recent whole years of a table that fit in what is shown, and the complete table for downloads."""

    shown: pd.DataFrame
    rows_in_range: int
    complete: Callable[[], pd.DataFrame]


def latest_part(latest_table: LatestTable, row_budget: int) -> LatestPart:
    """The table's latest years within `row_budget` rows (at least one year) in the selected range."""
    first, last = _years()
    per_year = read(latest_table.rows_per_year_sql, (first, last))
    shown_first = first_year_that_fits(per_year, row_budget) or first
    shown = read_query(latest_table.query(shown_first, last))
    return LatestPart(shown, int(per_year["n"].sum()), deferred(latest_table.query(first, last)))


def first_year_that_fits(per_year: pd.DataFrame, row_budget: int) -> int | None:
    """The earliest year from which the later years' rows (`year`, `n`) fit in `row_budget`; the latest year at least."""
    if per_year.empty:
        return None
    latest_first = per_year.sort_values("year", ascending=False)
    fitting = latest_first["year"][latest_first["n"].cumsum() <= row_budget]
    return int(fitting.min()) if len(fitting) else int(latest_first["year"].iloc[0])


_REPORT_TABLES_SQL = """
    select report_id, report_title, table_id, table_type, title, note, page, unit, period_year, file, comment{extra}
    from marts.dim_source_table
    order by report_year desc, report_id desc, note nulls last, table_id
"""


def report_tables_part(row_budget: int) -> LatestPart:
    """The tables of the newest reports that fit in `row_budget` rows, and all of them for downloads."""
    found = read(_REPORT_TABLES_SQL.format(extra=", count(*) over () as rows_in_range") + " limit ?", (row_budget,))
    rows = int(found["rows_in_range"].iloc[0]) if len(found) else 0
    return LatestPart(found.drop(columns="rows_in_range"), rows, deferred(Query(_REPORT_TABLES_SQL.format(extra=""))))


def recent_years(count: int) -> tuple[int, int]:
    """The last `count` years of the selected range."""
    first, last = _years()
    return max(first, last - count + 1), last


def visit_sources() -> list[str]:
    first, last = _years()
    found = read("select distinct source_ref from marts.fct_visits where year between ? and ?", (first, last))
    return list(found["source_ref"].dropna())


def visit_totals() -> pd.DataFrame:
    first, last = _years()
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


def visits_wide_part(row_budget: int) -> LatestPart:
    """Visits per year and visitor group with one column per category and their sum."""
    return latest_part(VISITS_WIDE, row_budget)


def visits_by_group_and_year(first: int, last: int) -> Query:
    return Query(
        """select conformed_group as visitor_group, year, sum(visits) as visits from marts.fct_visits
           where year between ? and ? group by conformed_group, year order by conformed_group, year""",
        (first, last),
    )


def visits_by_group_and_category(years: tuple[int, int], groups: list[str]) -> pd.DataFrame:
    return read(
        """select year, conformed_group as visitor_group, visit_category, sum(visits) as visits from marts.fct_visits
           where year between ? and ? and list_contains(?, conformed_group) group by all order by year, visitor_group""",
        (years[0], years[1], groups),
    )


def visits_by_year_and_category() -> pd.DataFrame:
    first, last = _years()
    return read(
        """select year, visit_category, sum(visits) as visits from marts.fct_visits
           where year between ? and ? group by all order by year, visit_category""",
        (first, last),
    )


def groups_ranked_by_visits() -> list[str]:
    """Conformed visitor groups of the selected years by their visits in the latest year, most first;
    a group with no visits that year follows, so that no year's chart leaves a group out."""
    first, last = _years()
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


def visits_relative_query() -> Query:
    """Per municipality and year: visits, the Navet fee, the derived basis, visits per 1 000 and fee per visit."""
    first, last = _years()
    return Query(_RELATIVE_SQL, (first, last))


def visits_relative_part(row_budget: int) -> LatestPart:
    return latest_part(VISITS_RELATIVE, row_budget)


def _per_municipality(kind: str) -> tuple[str, Query]:
    """The measure column and the query of a per-municipality figure; only these two, so no SQL comes from a caller."""
    measure, build = {
        "visits": ("visits_per_thousand", visits_relative_query),
        "fees_per_inhabitant": ("kr_per_inhabitant_all", fees_per_inhabitant_query),
    }[kind]
    return measure, build()


def _for_municipalities(kind: str, names: list[str]) -> pd.DataFrame:
    """The rows of the figure's query for the named municipalities."""
    _, query = _per_municipality(kind)
    return read(
        f"select * from ({query.sql}) where list_contains(?, municipality_name) order by year, municipality_name",
        (*query.params, names),
    )


def _ranked_in_latest_year(kind: str) -> list[str]:
    """Municipality names by the figure, largest first, in the latest year that has it."""
    measure, query = _per_municipality(kind)
    found = read(
        f"""with rows as ({query.sql})
            select municipality_name from rows
            where year = (select max(year) from rows where {measure} is not null) and {measure} is not null
            order by {measure} desc, municipality_name""",
        query.params,
    )
    return list(found["municipality_name"])


def visits_relative_for(municipality_names: list[str]) -> pd.DataFrame:
    return _for_municipalities("visits", municipality_names)


def municipalities_ranked_by_visits_per_thousand() -> list[str]:
    return _ranked_in_latest_year("visits")


def relative_sources() -> list[str]:
    first, last = _years()
    found = read(
        """select source_ref from marts.fct_visits where year between ? and ?
           union select source_ref from marts.fct_fees where fee_type = 'navet' and year between ? and ?
           union select source_ref from marts.fct_population_basis where year between ? and ?
           union select rate_source_ref from marts.fct_population_basis where year between ? and ?""",
        (first, last) * 4,
    )
    return list(found["source_ref"].dropna())


def read_query(query: Query) -> pd.DataFrame:
    return read(query.sql, query.params)


def selected_range() -> tuple[int, int]:
    return _years()


_FEE_FILTER = "(?::varchar is null or f.fee_type = ?)"


def latest_fee_year() -> int | None:
    first, last = _years()
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


def fees_by_municipality(fee_type: str | None, years: tuple[int, int]) -> Query:
    """Amount per municipality, fee type and year (one fee type, or all when None)."""
    return Query(
        f"""select m.municipality_name, f.fee_type, f.year, sum(f.amount_tkr) as amount_tkr
            from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
            where f.year between ? and ? and {_FEE_FILTER}
            group by all order by m.municipality_name, f.fee_type, f.year""",
        (years[0], years[1], fee_type, fee_type),
    )


def fees_for_municipalities(fee_type: str | None, names: list[str]) -> pd.DataFrame:
    query = fees_by_municipality(fee_type, _years())
    return read(
        f"select * from ({query.sql}) where list_contains(?, municipality_name) order by year, municipality_name",
        (*query.params, names),
    )


def municipalities_ranked_by_fees(fee_type: str | None) -> list[str]:
    """Municipalities by what they paid in the latest selected year (of one fee type, or all), most first."""
    first, last = _years()
    found = read(
        f"""select m.municipality_name from marts.fct_fees f join marts.dim_municipality m using (municipality_code)
            where f.year = (select max(year) from marts.fct_fees where year between ? and ?) and {_FEE_FILTER}
            group by m.municipality_name order by sum(f.amount_tkr) desc, m.municipality_name""",
        (first, last, fee_type, fee_type),
    )
    return list(found["municipality_name"])


def fee_sources(fee_type: str | None) -> list[str]:
    first, last = _years()
    found = read(
        f"select distinct source_ref from marts.fct_fees f where year between ? and ? and {_FEE_FILTER}",
        (first, last, fee_type, fee_type),
    )
    return list(found["source_ref"].dropna())


def fee_shares(top: int) -> pd.DataFrame:
    """Each year's share of all fees for the `top` municipalities of the latest year, the others as one group."""
    first, last = _years()
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


def fees_with_change_and_share_part(row_budget: int) -> LatestPart:
    """Each fee with its change against the year before and its share of the year's fee type."""
    return latest_part(FEES_WITH_CHANGE, row_budget)


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


def fees_per_inhabitant_query() -> Query:
    """Fees per inhabitant of the derived basis, per fee type and all fees, for the years with a basis."""
    return Query(_PER_INHABITANT_SQL, _years())


def fees_per_inhabitant_part(row_budget: int) -> LatestPart:
    return latest_part(PER_INHABITANT, row_budget)


def fees_per_inhabitant_for(names: list[str]) -> pd.DataFrame:
    return _for_municipalities("fees_per_inhabitant", names)


def municipalities_ranked_per_inhabitant() -> list[str]:
    return _ranked_in_latest_year("fees_per_inhabitant")


def basis_sources() -> list[str]:
    first, last = _years()
    found = read(
        """select source_ref from marts.fct_population_basis where year between ? and ?
           union select rate_source_ref from marts.fct_population_basis where year between ? and ?""",
        (first, last, first, last),
    )
    return list(found["source_ref"].dropna())


def own_fees(code: str, years: tuple[int, int]) -> Query:
    return Query(
        "select year, fee_type, amount_tkr, source_ref from marts.fct_fees where municipality_code = ? and year between ? and ? "
        "order by year, fee_type",
        (code, years[0], years[1]),
    )


def inferred_outcomes(code: str) -> pd.DataFrame:
    first, last = _years()
    return read(
        """select year, column_no, value, source_ref from marts.fct_cases
           where inferred_municipality_code = ? and measure = 'Totalt, kommun' and year between ? and ?
           order by year, column_no""",
        (code, first, last),
    )


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
    """The references behind rows of municipalities_in_year or municipality_years."""
    return [reference for column in MUNICIPALITY_YEAR_SOURCES for reference in rows[column].dropna()]


def municipalities_in_year(year: int) -> pd.DataFrame:
    """Every municipality's figures and shares of one year: what the comparisons rank."""
    return read(f"{_MUNICIPALITY_YEAR_SQL} where f.year = ? order by m.municipality_name", (year,))


def municipality_years(code: str) -> pd.DataFrame:
    """One municipality's figures and shares per year, the selected range and the year before it."""
    return municipality_years_between(code, *_years())


def municipality_years_between(code: str, first: int, last: int) -> pd.DataFrame:
    return read(
        f"{_MUNICIPALITY_YEAR_SQL} where f.municipality_code = ? and f.year between ? - 1 and ? order by f.year",
        (code, first, last),
    )


def comparison_years() -> list[int]:
    """The years of the selected range that have per-municipality figures."""
    first, last = _years()
    found = read(
        "select distinct year from marts.fct_municipality_figures where year between ? and ? order by year",
        (first, last),
    )
    return [int(year) for year in found["year"]]


def services(code: str) -> pd.DataFrame:
    """Which services the municipality paid for, per year of the selected range."""
    return services_between(code, *_years())


def services_between(code: str, first: int, last: int) -> pd.DataFrame:
    return read(
        """select year, pays_forbundsbidrag, takes_navet, takes_medarbetarcentrum from marts.dim_municipality_year
           where municipality_code = ? and year between ? and ? order by year""",
        (code, first, last),
    )


def finance_ratios() -> pd.DataFrame:
    first, last = _years()
    return read("select * from marts.fct_finance_ratios where year between ? and ? order by year", (first, last))


_COSTS_NOTE_SQL = """
    select n.year, n.note, n.note_title, n.line_id, n.label, n.line_kind, n.amount_tkr, n.print_order, n.source_ref
    from marts.fct_note_lines n
    join marts.fct_income_statement s
      on s.year = n.year and s.line_id = 'verksamhetens_kostnader' and s.note = n.note
    where n.year between ? and ?
    order by n.print_order, n.year
"""


def cost_breakdown() -> pd.DataFrame:
    """The lines of the note the income statement's Verksamhetens kostnader refers to, per year of the range."""
    first, last = _years()
    return read(_COSTS_NOTE_SQL, (first, last))


def notes_in_range() -> pd.DataFrame:
    """The notes of the selected years: number and title, as the latest year prints them."""
    first, last = _years()
    return read(
        """select note, arg_max(note_title, year) as note_title from marts.fct_note_lines
           where year between ? and ? group by note order by note""",
        (first, last),
    )


def note_lines(note: int, years: tuple[int, int]) -> Query:
    return Query(
        """select year, label, line_kind, amount_tkr, print_order, source_ref from marts.fct_note_lines
           where note = ? and year between ? and ? order by print_order, year""",
        (note, years[0], years[1]),
    )


def line_labels(pairs: list[tuple[str, str]]) -> dict[tuple[str, str, int], str]:
    """The printed label of each (table id, line id or figure id) per year, for sentences about check findings."""
    if not pairs:
        return {}
    keys = sorted({f"{table}|{line}" for table, line in pairs})
    found = read(
        """with lines as (
               select source_table, line_id, label, year from marts.fct_income_statement
               union all select source_table, line_id, label, year from marts.fct_balance_sheet
               union all select source_table, line_id, label, year from marts.fct_note_lines
               union all select source_table, figure_id, label, year from marts.fct_key_figures)
           select source_table, line_id, year, label from lines
           where list_contains(?, source_table || '|' || line_id)""",
        (keys,),
    )
    return {(table, line, int(year)): label for table, line, year, label in found.itertuples(index=False)}


def table_titles() -> dict[str, str]:
    """Each table id with its title as the latest report prints it (with the note number for a note)."""
    found = read(
        """select table_id, arg_max(coalesce('Not ' || note || ' ', '') || title, report_year) as title
           from marts.dim_source_table group by table_id"""
    )
    return dict(found.itertuples(index=False))


def published_years() -> pd.DataFrame:
    """The years with figures and the reports that give them."""
    return read(
        """select min(year) as first_year, max(year) as last_year, count(*) as years,
                  count(*) filter (where is_report_year) as report_years from marts.dim_year"""
    )


def reports() -> pd.DataFrame:
    return read(
        """select report_id, any_value(report_title) as report_title, any_value(report_year) as report_year,
                  any_value(source_document) as source_document, count(*) as tables
           from marts.dim_source_table group by report_id order by report_year desc limit 5"""
    )


def stated_rates() -> pd.DataFrame:
    """The fees per inhabitant the reports state, in the latest year of the range that has them."""
    first, last = _years()
    return read(
        """select year, membership, any_value(kr_per_inhabitant) as kr_per_inhabitant, any_value(rate_source_ref) as rate_source_ref
           from marts.fct_population_basis
           where year = (select max(year) from marts.fct_population_basis where year between ? and ?)
           group by year, membership order by membership desc""",
        (first, last),
    )


def inferred_columns() -> pd.DataFrame:
    """Medarbetarcentrum's columns whose municipality is an inference, in the range, with the evidence."""
    first, last = _years()
    return read(
        """select distinct c.year, c.column_no, m.municipality_name, c.inference_evidence, c.source_ref
           from marts.fct_cases c join marts.dim_municipality m on m.municipality_code = c.inferred_municipality_code
           where c.year between ? and ? order by c.year desc, c.column_no limit 100""",
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


def case_columns_attributed(year: int) -> pd.DataFrame:
    """Per Medarbetarcentrum table of the year: its columns, how many have a printed header, how many an inferred municipality."""
    return read(
        """select case_table, count(distinct column_no) as columns,
                  count(distinct column_no) filter (where header_status = 'printed') as printed,
                  count(distinct column_no) filter (where inferred_municipality_code is not null) as inferred
           from marts.fct_cases where year = ? group by case_table""",
        (year,),
    )


def measure_by_year(code: str, column: str) -> pd.DataFrame:
    """Per year of the range: the municipality's value of a comparison measure and the members' unweighted mean."""
    known = MEASURES[column].column  # the SQL names only a column of the fixed list of measures
    first, last = _years()
    return read(
        f"""with rows as ({_MUNICIPALITY_YEAR_SQL} where f.year between ? and ?)
            select year, max({known}) filter (where municipality_code = ?) as own,
                   avg({known}) filter (where membership = 'member') as member_mean,
                   count({known}) filter (where membership = 'member') as members_counted
            from rows group by year order by year""",
        (first, last, code),
    )
