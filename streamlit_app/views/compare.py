"""Jämför kommuner: one measure, one year, every municipality ranked among the members (as Kolada
does), the difference from the members' unweighted mean, the reader's municipality highlighted."""

import streamlit as st

from streamlit_app import queries, state
from streamlit_app.comparison import COLOUR_NOTE, HIGHER, LOWER, MEASURES, rank_and_compare
from streamlit_app.components import MAX_CHART_GROUPS
from streamlit_app.guard import run_page
from streamlit_app.ranking import comparison_chart, comparison_table, position_text

MEASURE_PARAM, YEAR_PARAM = "matt", "ar"
MEASURE_WIDGET, YEAR_WIDGET = "compare_measure", "compare_year"


def _adopt_linked_choices(years: list[int]) -> None:
    """The measure and year of the link the session started with, once, before the widgets exist."""
    if MEASURE_WIDGET in st.session_state:
        return
    measure = state.linked(MEASURE_PARAM)
    if measure in MEASURES:
        st.session_state[MEASURE_WIDGET] = measure
    elif measure:
        state.report_link_problem(
            MEASURE_PARAM,
            f"Måttet ”{measure}” i länken finns inte. Sidan visar {MEASURES[next(iter(MEASURES))].label}; "
            "välj mått nedan.",
        )
    year = state.linked(YEAR_PARAM)
    if year and year.isdigit() and int(year) in years:
        st.session_state[YEAR_WIDGET] = int(year)


def render() -> None:
    st.title("Jämför kommuner")
    years = queries.municipalities.comparison_years(state.selected_years())
    if not years:
        st.info("Det finns inga uppgifter per kommun för de valda åren. Välj andra år i menyn till vänster.")
        return
    _adopt_linked_choices(years)
    state.show_link_problems(MEASURE_PARAM)
    left, right = st.columns([3, 1])
    column = left.selectbox(
        "Mått",
        list(MEASURES),
        format_func=lambda code: MEASURES[code].label,
        key=MEASURE_WIDGET,
        on_change=state.chosen_again,
        args=(MEASURE_PARAM,),
    )
    year = right.selectbox("År", list(reversed(years)), key=YEAR_WIDGET)
    state.write_page_choice(MEASURE_PARAM, column)
    state.write_page_choice(YEAR_PARAM, str(year))
    measure = MEASURES[column]
    direction = {HIGHER: "Högre är bättre.", LOWER: "Lägre är bättre."}.get(
        measure.direction, "Ingen riktning är bättre."
    )
    st.caption(f"{direction} {measure.help}")
    st.markdown(f"**Placering:** {measure.first_place}.")
    rows = queries.municipalities.municipalities_in_year(year)
    ranked = rank_and_compare(rows, measure)
    chosen = state.chosen_municipality()
    if chosen is not None:
        st.markdown(f"**{chosen.name} {year}:** {position_text(ranked, measure, chosen.code)}.")
    sources = queries.municipalities.sources_of(rows)
    chosen_name = chosen.name if chosen else None
    comparison_chart(ranked, measure, chosen_name, sources, MAX_CHART_GROUPS)
    comparison_table(ranked, measure, chosen_name, f"{measure.label} {year}", "compare_table", sources)
    st.caption(COLOUR_NOTE)


run_page(render)
