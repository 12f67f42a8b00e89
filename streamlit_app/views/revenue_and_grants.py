"""Intäkter och bidrag: revenue by source, grants paid out, and grant figures stated in the text."""

import pandas as pd
import streamlit as st

from streamlit_app import queries, state
from streamlit_app.components import (
    NUMBER,
    SIGNED,
    bar_by_year,
    change_text,
    chart,
    latest_rows,
    metric,
    source_note,
    table,
)
from streamlit_app.formatting import format_tkr
from streamlit_app.guard import run_page
from streamlit_app.labels import FLOWS, GRANT_SOURCES, label
from streamlit_app.state import year_range_text

WIDE_YEARS = 5


def render() -> None:
    st.title("Intäkter och bidrag")
    st.caption(f"Belopp i tkr, {year_range_text()}.")
    grants = queries.statements.grants(state.selected_years())
    if grants.empty:
        st.info("Det finns inga uppgifter om intäkter och bidrag för de valda åren.")
        return
    grants["source_label"] = [label(GRANT_SOURCES, code) for code in grants["grant_source"]]
    grants["flow_label"] = grants["flow"].map(FLOWS)
    notes = grants[grants["origin"] == "note"]
    _headline(notes)
    _received(notes[notes["flow"] == "received"])
    _paid(notes[notes["flow"] == "paid"])
    _stated_in_text(grants[grants["origin"] == "text"])


def _headline(notes: pd.DataFrame) -> None:
    if notes.empty:
        return
    year = int(notes["year"].max())
    totals = notes.groupby(["year", "flow"])["amount_tkr"].sum()
    columns = st.columns(2)
    for column, flow, title in (
        (columns[0], "received", "Verksamhetens intäkter"),
        (columns[1], "paid", "Utbetalda bidrag"),
    ):
        current, previous = totals.get((year, flow)), totals.get((year - 1, flow))
        with column:
            metric(
                f"{title} {year}",
                format_tkr(current),
                delta=change_text(current, previous, "tkr"),
                change=None if current is None or previous is None else current - previous,
            )
    source_note(notes[notes["year"].isin([year, year - 1])]["source_ref"])


def by_source_and_year(rows: pd.DataFrame, first_column: str) -> pd.DataFrame:
    """One row per source, one column per year, and the change between the last two years."""
    wide = rows.pivot_table(index="source_label", columns="year", values="amount_tkr", aggfunc="sum").reset_index()
    wide.columns = [first_column, *[f"{year} (tkr)" for year in wide.columns[1:]]]
    year_columns = list(wide.columns[1:])
    if len(year_columns) >= 2:
        wide["Förändring (tkr)"] = wide[year_columns[-1]] - wide[year_columns[-2]]
    return wide


def _by_year_table(rows: pd.DataFrame, title: str, key: str) -> None:
    first_column = "Källa för intäkten" if key == "received" else "Post"
    shown_years = sorted(rows["year"].unique())[-WIDE_YEARS:]
    wide = by_source_and_year(rows[rows["year"].isin(shown_years)], first_column)
    year_columns = [column for column in wide.columns if column.endswith("(tkr)")]
    extra = (
        ""
        if len(shown_years) == rows["year"].nunique()
        else (f"Tabellen visar de senaste {WIDE_YEARS} åren; alla valda år finns i nedladdningarna")
    )
    table(
        wide,
        title,
        {column: NUMBER for column in year_columns} | {"Förändring (tkr)": SIGNED},
        rows["source_ref"],
        source_extra=extra,
        key=key,
        complete=lambda: by_source_and_year(rows, first_column),
    )


def _received(rows: pd.DataFrame) -> None:
    st.subheader("Verksamhetens intäkter per källa")
    if rows.empty:
        st.info("Inga intäktsrader för de valda åren.")
        return
    figure = bar_by_year(rows, "amount_tkr", "source_label", "Källa", 340)
    chart(figure, rows["source_ref"])
    _by_year_table(rows, "Intäkter per källa", "received")


def _paid(rows: pd.DataFrame) -> None:
    st.subheader("Utbetalda bidrag")
    if rows.empty:
        st.info("Inga utbetalda bidrag för de valda åren.")
        return
    figure = bar_by_year(rows, "amount_tkr", "source_label", "Källa", 260)
    chart(figure, rows["source_ref"])
    _by_year_table(rows, "Utbetalda bidrag", "paid")


def _stated_in_text(rows: pd.DataFrame) -> None:
    st.subheader("Bidrag som anges i årsredovisningens text")
    if rows.empty:
        st.info("Inga bidrag anges i texten för de valda åren.")
        return
    st.caption("Beloppen står i löptexten, inte i en tabell; ”ca” och liknande anges som i texten.")
    shown = rows[["year", "source_label", "flow_label", "label", "printed_text", "amount_tkr", "source_ref"]].rename(
        columns={
            "year": "År",
            "source_label": "Avser",
            "flow_label": "Riktning",
            "label": "Text i årsredovisningen",
            "printed_text": "Som tryckt",
            "amount_tkr": "Belopp (tkr)",
            "source_ref": "Källa",
        }
    )
    table(
        latest_rows(shown, "År"),
        "Bidrag i texten",
        {"Belopp (tkr)": NUMBER},
        rows["source_ref"],
        key="text_grants",
        complete=lambda: shown,
        rows_in_complete=len(shown),
    )


run_page(render)
