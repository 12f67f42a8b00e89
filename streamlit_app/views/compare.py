"""Jämför kommuner: one measure, one year, every municipality ranked among the members (as Kolada
does), the difference from the members' unweighted mean, the reader's municipality highlighted."""

import streamlit as st

from streamlit_app import queries, state
from streamlit_app.comparison import COLOUR_NOTE, HIGHER, LOWER, MEASURES, rank_and_compare
from streamlit_app.components import MAX_CHART_GROUPS
from streamlit_app.guard import run_page
from streamlit_app.ranking import comparison_chart, comparison_table, position_text


def render() -> None:
    st.title("Jämför kommuner")
    years = queries.comparison_years()
    if not years:
        st.info("Det finns inga uppgifter per kommun för de valda åren. Välj andra år i menyn till vänster.")
        return
    left, right = st.columns([3, 1])
    column = left.selectbox(
        "Mått", list(MEASURES), format_func=lambda code: MEASURES[code].label, key="compare_measure"
    )
    year = right.selectbox("År", list(reversed(years)), key="compare_year")
    measure = MEASURES[column]
    direction = {HIGHER: "Högre är bättre.", LOWER: "Lägre är bättre."}.get(
        measure.direction, "Ingen riktning är bättre."
    )
    st.caption(f"{direction} {measure.help}")
    st.markdown(f"**Placering:** {measure.first_place}.")
    rows = queries.municipalities_in_year(year)
    ranked = rank_and_compare(rows, measure)
    chosen = state.chosen_municipality()
    if chosen is not None:
        st.markdown(f"**{chosen.name} {year}:** {position_text(ranked, measure, chosen.code)}.")
    sources = queries.sources_of(rows)
    chosen_name = chosen.name if chosen else None
    comparison_chart(ranked, measure, chosen_name, sources, MAX_CHART_GROUPS)
    comparison_table(ranked, measure, chosen_name, f"{measure.label} {year}", "compare_table", sources)
    st.caption(COLOUR_NOTE)


run_page(render)
