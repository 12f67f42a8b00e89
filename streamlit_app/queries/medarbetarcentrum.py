"""Medarbetarcentrum's cases and staff (fct_cases, fct_staff), with the inferred columns."""

import pandas as pd

from streamlit_app.warehouse import read


def cases(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
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


def staff(years: tuple[int, int]) -> pd.DataFrame:
    first, last = years
    return read("select * from marts.fct_staff where year between ? and ? order by year, unit, role", (first, last))


def inferred_outcomes(years: tuple[int, int], code: str) -> pd.DataFrame:
    first, last = years
    return read(
        """select year, column_no, value, source_ref from marts.fct_cases
           where inferred_municipality_code = ? and measure = 'Totalt, kommun' and year between ? and ?
           order by year, column_no""",
        (code, first, last),
    )


def inferred_columns(years: tuple[int, int]) -> pd.DataFrame:
    """Medarbetarcentrum's columns whose municipality is an inference, in the range, with the evidence."""
    first, last = years
    return read(
        """select distinct c.year, c.column_no, m.municipality_name, c.inference_evidence, c.source_ref
           from marts.fct_cases c join marts.dim_municipality m on m.municipality_code = c.inferred_municipality_code
           where c.year between ? and ? order by c.year desc, c.column_no limit 100""",
        (first, last),
    )


def case_columns_attributed(year: int) -> pd.DataFrame:
    """Per Medarbetarcentrum table of the year: its columns, how many have a printed header, how many an inferred municipality."""
    return read(
        """select case_table, count(distinct column_no) as columns,
                  count(distinct column_no) filter (where header_status = 'printed') as printed,
                  count(distinct column_no) filter (where inferred_municipality_code is not null) as inferred
           from marts.fct_cases where year = ? group by case_table""",
        (year,),
    )
