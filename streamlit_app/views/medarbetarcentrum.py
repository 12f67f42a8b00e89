"""Medarbetarcentrum: case statistics and positive changes, with the report's caveats about lost headers."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries, state
from streamlit_app.components import DECIMAL, NUMBER, chart, latest_rows, swedish_axis, table
from streamlit_app.guard import run_page
from streamlit_app.quality import findings_about
from streamlit_app.state import year_range_text

LOST_HEADER_CAVEAT = (
    "Kolumnrubrikerna föll bort när årsredovisningens text togs ut ur PDF-filen. "
    "Siffrorna är tryckta, men vilken kolumn som är vilken kommun står inte i årsredovisningen."
)


def render() -> None:
    st.title("Medarbetarcentrum")
    st.caption(f"Ärenden och positiva förändringar, {year_range_text()}.")
    cases = queries.medarbetarcentrum.cases(state.selected_years())
    _text_figures()
    if cases.empty:
        st.info("Det finns inga ärendetabeller för de valda åren.")
    else:
        _positive_changes(cases[cases["case_table"] == "positive_changes"])
        _case_statistics(cases[cases["case_table"] == "case_statistics"])
    _staff()


def _text_figures() -> None:
    figures = queries.statements.key_figures(state.selected_years())
    figures = figures[figures["figure_id"].str.startswith("mc_")]
    if figures.empty:
        return
    st.subheader("Uppgifter ur texten")
    shown = figures.assign(qualifier=figures["qualifier"].fillna(""))[
        ["year", "label", "qualifier", "value", "unit"]
    ].rename(
        columns={
            "year": "År",
            "label": "Text i årsredovisningen",
            "qualifier": "Precision",
            "value": "Värde",
            "unit": "Enhet",
        }
    )
    table(
        latest_rows(shown, "År"),
        "Medarbetarcentrum i texten",
        {"Värde": NUMBER},
        figures["source_ref"],
        key="mc_text",
        complete=lambda: shown,
        rows_in_complete=len(shown),
    )


def _positive_changes(rows: pd.DataFrame) -> None:
    st.subheader("Personer som kommit till positiv förändring")
    if rows.empty:
        st.info("Ingen tabell över positiva förändringar för de valda åren.")
        return
    if (rows["header_status"] == "lost").any():
        st.warning(
            f"{LOST_HEADER_CAVEAT} Kommunnamnen nedan är en **slutsats**, inte tryckta uppgifter: "
            "se underlaget för slutsatsen under tabellen.",
            icon=":material/help:",
        )
    totals = rows[
        (rows["measure"] == "Totalt, kommun")
        & ~((rows["header_status"] == "printed") & rows["is_total"] & (rows["column_header"] == "Totalt"))
    ]
    totals = totals[totals["year"] == totals["year"].max()]
    if not totals.empty:
        figure = (
            alt.Chart(totals)
            .mark_bar(color="#6a4c93")
            .encode(
                x=alt.X("value:Q", axis=swedish_axis("Personer (tryckt totalrad)")),
                y=alt.Y("column_title:N", title="Kolumn", sort=alt.SortField("column_no")),
                tooltip=[alt.Tooltip("column_title:N", title="Kolumn"), alt.Tooltip("value:Q", title="Personer")],
            )
            .properties(height=36 * len(totals) + 40, title=f"Totalrad {int(totals['year'].iloc[0])}")
        )
        chart(figure, rows["source_ref"], "Kommunnamnen är en slutsats, se nedan")
    wide = per_column(rows, "Utfall")
    table(
        latest_rows(wide, "År"),
        "Positiv förändring",
        {column: NUMBER for column in wide.columns[2:]},
        rows["source_ref"],
        key="mc_positive",
        complete=lambda: wide,
        rows_in_complete=len(wide),
    )
    _totals_that_do_not_add_up()
    _inference_evidence(rows)


def _totals_that_do_not_add_up() -> None:
    """What the checks found in these tables (the same findings as on Datakvalitet och källor)."""
    found = findings_about("marts/fct_cases")
    if found:
        st.caption(
            "Årsredovisningens egna summor stämmer inte helt. " + " ".join(found) + " Avvikelserna finns i den "
            "tryckta rapporten; ingenting är rättat, och kontrollerna visar dem på sidan Datakvalitet och källor."
        )


def _inference_evidence(rows: pd.DataFrame) -> None:
    inferred = rows[rows["inferred_municipality_code"].notna()].drop_duplicates(["year", "column_no"])
    if inferred.empty:
        return
    with st.expander("Underlag för slutsatsen om kolumnernas kommuner"):
        shown = inferred[["year", "column_no", "inferred_municipality_name", "inference_evidence"]].rename(
            columns={
                "year": "År",
                "column_no": "Kolumn",
                "inferred_municipality_name": "Trolig kommun (slutsats)",
                "inference_evidence": "Underlag",
            }
        )
        table(
            latest_rows(shown, "År"),
            "Slutsatser om kolumner",
            None,
            "Sjuhärad Insyn, dokumenterad slutsats om kolumnernas kommuner",
            key="mc_inference",
            complete=lambda: shown,
            rows_in_complete=len(shown),
        )


def _case_statistics(rows: pd.DataFrame) -> None:
    st.subheader("Ärendestatistik")
    if rows.empty:
        st.info("Ingen ärendestatistik för de valda åren.")
        return
    if (rows["header_status"] == "lost").any() and rows["inferred_municipality_code"].isna().all():
        st.warning(
            f"{LOST_HEADER_CAVEAT} Ingenting i texten visar vad kolumnerna är, så ärendena kan inte fördelas per kommun "
            "och kolumnerna summeras inte här.",
            icon=":material/help:",
        )
    wide = per_column(rows, "Mått")
    table(
        latest_rows(wide, "År"),
        "Ärendestatistik",
        {column: NUMBER for column in wide.columns[2:]},
        rows["source_ref"],
        key="mc_cases",
        complete=lambda: wide,
        rows_in_complete=len(wide),
    )


def per_column(rows: pd.DataFrame, measure_title: str) -> pd.DataFrame:
    """One row per year and measure, one column per printed column (named by its title)."""
    wide = rows.pivot_table(index=["year", "measure"], columns="column_no", values="value", aggfunc="sum")
    titles = rows.drop_duplicates("column_no").set_index("column_no")["column_title"]
    wide.columns = [titles[number] for number in wide.columns]
    return wide.reset_index().rename(columns={"year": "År", "measure": measure_title})


def _staff() -> None:
    staff = queries.medarbetarcentrum.staff(state.selected_years())
    staff = staff[staff["unit"] == "medarbetarcentrum"]
    if staff.empty:
        return
    st.subheader("Personalresurs")
    shown = staff[["year", "role", "persons", "fte"]].rename(
        columns={"year": "År", "role": "Roll", "persons": "Personer", "fte": "Tjänster"}
    )
    table(
        latest_rows(shown, "År"),
        "Personalresurs Medarbetarcentrum",
        {"Personer": NUMBER, "Tjänster": DECIMAL},
        staff["source_ref"],
        key="mc_staff",
        complete=lambda: shown,
        rows_in_complete=len(shown),
    )
    st.caption(
        "Tjänster: där tabellen saknar tryckt kolumnrubrik tolkas siffrorna som tjänster, i analogi med Navets "
        "personaltabell (se källtabellernas kommentarer under Datakvalitet och källor)."
    )


run_page(render)
