"""The income statement, balance sheet, notes, finance ratios, key figures and grants."""

import pandas as pd

from streamlit_app.warehouse import Query, read, read_batch

_STATEMENT_SQL = """
    select * from marts.{mart}
    where year between ? and ?
    order by print_order, year
"""


def income_statement(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read(_STATEMENT_SQL.format(mart="fct_income_statement"), (first, last))


def balance_sheet(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read(_STATEMENT_SQL.format(mart="fct_balance_sheet"), (first, last))


def grants(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read("select * from marts.fct_grants where year between ? and ? order by year, flow, origin", (first, last))


def key_figures(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read(
        "select * from marts.fct_key_figures where year between ? and ? order by year, figure_id", (first, last)
    )


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
                "select year, figure_id, label, value, unit, qualifier, source_ref from marts.fct_key_figures "
                "where figure_id in ('mc_medarbetare_hanterade', 'mc_positiv_forandring', 'navet_besokare')"
            ),
            "positive_changes": Query(
                "select year, value, source_ref from marts.fct_cases where case_table = 'positive_changes' "
                "and column_header = 'Totalt' and measure = 'Totalt, kommun'"
            ),
        }
    )


def finance_ratios(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read("select * from marts.fct_finance_ratios where year between ? and ? order by year", (first, last))


_COSTS_NOTE_SQL = """
    select n.year, n.note, n.note_title, n.line_id, n.label, n.line_kind, n.amount_tkr, n.print_order, n.source_ref
    from marts.fct_note_lines n
    join marts.fct_income_statement s
      on s.year = n.year and s.line_id = 'verksamhetens_kostnader' and s.note = n.note
    where n.year between ? and ?
    order by n.print_order, n.year
"""


def cost_breakdown(years: tuple[int, int]) -> pd.DataFrame:
    """The lines of the note the income statement's Verksamhetens kostnader refers to, per year of the range."""
    first, last = years
    return read(_COSTS_NOTE_SQL, (first, last))


def notes_in_range(years: tuple[int, int]) -> pd.DataFrame:
    """The notes of the selected years: number and title, as the latest year prints them."""
    first, last = years
    return read(
        """select note, arg_max(note_title, year) as note_title from marts.fct_note_lines
           where year between ? and ? group by note order by note""",
        (first, last),
    )


def note_lines(years: tuple[int, int], note: int) -> Query:
    return Query(
        """select year, label, line_kind, amount_tkr, print_order, source_ref from marts.fct_note_lines
           where note = ? and year between ? and ? order by print_order, year""",
        (note, years[0], years[1]),
    )
