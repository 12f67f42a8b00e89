"""Every query the app runs. Parameters only; no SQL is built from user input."""

import json

import pandas as pd

from streamlit_app.filters import selected_years
from streamlit_app.warehouse import Query, read, read_batch

MUNICIPALITY_COLUMNS = "m.municipality_name, m.membership"


def available_years() -> list[int]:
    return [int(year) for year in read("select year from marts.dim_year order by year")["year"]]


def _years() -> tuple[int, int]:
    return selected_years()


def publication() -> dict | None:
    found = read(
        "select count(*) as n from information_schema.tables where table_schema = 'meta' and table_name = 'publication'"
    )
    if not found["n"].iloc[0]:
        return None
    rows = read("select record from meta.publication")
    return json.loads(rows["record"].iloc[0]) if len(rows) else None


def check_results() -> pd.DataFrame:
    found = read(
        "select count(*) as n from information_schema.tables where table_schema = 'audit' and table_name = 'check_results'"
    )
    if not found["n"].iloc[0]:
        return pd.DataFrame(
            columns=["run_id", "checked_at", "target", "check_name", "asset", "kind", "severity", "passed", "message", "observed"]
        )
    return read("select * from audit.check_results order by checked_at desc, check_name")


def municipalities() -> pd.DataFrame:
    return read("select * from marts.dim_municipality order by membership desc, municipality_name")


_STATEMENT_SQL = """
    select s.*, r.row_number as print_order
    from marts.{mart} s
    left join raw.statement_lines r
           on r.report_id = s.source_report and r.table_id = s.source_table and r.line_id = s.line_id
    where s.year between ? and ?
    order by r.row_number, s.year
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
        select c.*, m.municipality_name as inferred_municipality_name, i.evidence as inference_evidence
        from marts.fct_cases c
        left join marts.dim_municipality m on m.municipality_code = c.inferred_municipality_code
        left join staging.mc_inferred_columns i
               on i.report_id = c.source_report and i.column_no = c.column_no
              and i.municipality_code = c.inferred_municipality_code
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
    return read("select * from marts.fct_key_figures where year between ? and ? order by year, figure_id", (first, last))


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
            "fees": Query("select year, sum(amount_tkr) as amount_tkr, string_agg(distinct source_ref, '; ') as source_ref "
                          "from marts.fct_fees group by year"),
            "visits": Query("select year, sum(visits) as visits, any_value(source_ref) as source_ref "
                            "from marts.fct_visits group by year"),
            "key_figures": Query(
                "select year, figure_id, label, value, unit, qualifier, source_ref from marts.fct_key_figures "
                "where figure_id in ('mc_medarbetare_hanterade', 'mc_positiv_forandring', 'navet_besokare')"
            ),
            "positive_changes": Query(
                "select year, value, source_ref from marts.fct_cases where case_table = 'positive_changes' "
                "and column_header = 'Totalt' and measure = 'Totalt, kommun'"
            ),
        }
    )


def report_tables() -> pd.DataFrame:
    return read(
        """
        select t.report_id, r.title as report_title, t.table_id, t.table_type, t.title, t.note, t.page,
               t.unit, t.period_year, t.file, t.comment
        from raw.report_tables t left join raw.reports r using (report_id)
        order by t.report_id, t.note nulls last, t.table_id
        """
    )


def restatements() -> pd.DataFrame:
    return read("select * from marts.fct_restatements order by fact, year, grain")


def table_sources() -> pd.DataFrame:
    """The source_ref of every mart row, with how many rows each mart takes from it."""
    marts = [
        "fct_fees", "fct_grants", "fct_visits", "fct_cases", "fct_income_statement", "fct_balance_sheet",
        "fct_note_lines", "fct_navet_goals", "fct_staff", "fct_key_figures",
    ]
    union = " union all ".join(
        f"select '{mart}' as mart, source_report, source_table, source_ref, source_note, source_page, count(*) as rows "
        f"from marts.{mart} group by all"
        for mart in marts
    )
    return read(f"{union} order by mart, source_ref")
