"""The publication, the years, the reports and their tables, and the checks' results (meta, audit, dim_year, dim_source_table)."""

import json

import pandas as pd

from streamlit_app.warehouse import Query, read


def available_years() -> list[int]:
    return [int(year) for year in read("select year from marts.dim_year order by year")["year"]]


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


def restatements() -> pd.DataFrame:
    return read("select * from marts.fct_restatements order by fact, year, grain")


def table_sources(years: tuple[int, int]) -> pd.DataFrame:
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
    return read(f"{union} order by mart, source_ref", years * len(marts))


REPORT_TABLES_SQL = """
    select report_id, report_title, table_id, table_type, title, note, page, unit, period_year, file, comment{extra}
    from marts.dim_source_table
    order by report_year desc, report_id desc, note nulls last, table_id
"""


def report_tables(limit: int) -> tuple[pd.DataFrame, int, Query]:
    """The tables of the newest reports, at most `limit`; how many there are; the query of all of them."""
    found = read(REPORT_TABLES_SQL.format(extra=", count(*) over () as rows_in_range") + " limit ?", (limit,))
    rows = int(found["rows_in_range"].iloc[0]) if len(found) else 0
    return found.drop(columns="rows_in_range"), rows, Query(REPORT_TABLES_SQL.format(extra=""))


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
