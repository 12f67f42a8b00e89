"""The sidebar: the reader's municipality and year range (shared by every page) and the published version."""

import logging

import streamlit as st

from streamlit_app import queries, state
from streamlit_app.labels import MEMBERSHIP
from streamlit_app.status import published_at_text
from streamlit_app.warehouse import WarehouseUnavailable

logger = logging.getLogger("sjuharad_insyn.app")


def render_sidebar() -> None:
    try:
        years = queries.meta.available_years()
        municipalities = queries.municipalities.municipality_choices()
        record = queries.meta.publication()
    except WarehouseUnavailable:
        state.remember([], None)
        return
    except Exception:
        logger.exception("sidebar failed")
        state.remember([], None)
        return
    if years:
        state.adopt_url(years, municipalities)
    chosen = _municipality_selector(municipalities)
    _year_range_selector(years)
    state.remember(years, chosen)
    state.show_link_problems(state.MUNICIPALITY_PARAM, state.YEARS_WIDGET)
    if record:
        st.sidebar.caption(f"Publicerad version: {published_at_text(record.get('published_at'))}")


def _municipality_selector(municipalities: dict[str, state.Municipality]) -> state.Municipality | None:
    if not municipalities:
        return None
    codes = list(municipalities)
    if st.session_state.get(state.MUNICIPALITY_WIDGET) not in municipalities:
        st.session_state[state.MUNICIPALITY_WIDGET] = queries.municipalities.default_municipality() or codes[0]

    def name(code: str) -> str:
        municipality = municipalities[code]
        return (
            municipality.name if municipality.is_member else f"{municipality.name} ({MEMBERSHIP['adjoined'].lower()})"
        )

    code = st.sidebar.selectbox(
        "Min kommun",
        codes,
        format_func=name,
        key=state.MUNICIPALITY_WIDGET,
        on_change=state.chosen_again,
        args=(state.MUNICIPALITY_PARAM,),
        help="Gäller på alla sidor: kommunprofilen, jämförelserna och vad kommunen betalar och får tillbaka. "
        "Valet och åren står i adressen, så en kopierad länk öppnar samma vy.",
    )
    return municipalities.get(code)


def _year_range_selector(years: list[int]) -> None:
    if len(years) < 2:
        if years:
            st.sidebar.caption(f"År: {years[0]}")
        return
    # A range select_slider needs its range as `value`: the widget keeps the reader's choice after the first run.
    st.sidebar.select_slider(
        "År",
        options=years,
        value=state.initial_range(years),
        key=state.YEARS_WIDGET,
        on_change=state.chosen_again,
        args=(state.YEARS_WIDGET,),
        help=f"Från början visas de senaste {state.DEFAULT_YEARS} åren (alla, om det finns färre). Dra för att välja andra år.",
    )
