"""The year range every page filters by, chosen once in the sidebar."""

import streamlit as st

YEAR_RANGE_KEY = "year_range"
WIDGET_KEY = "year_range_widget"
AVAILABLE_YEARS_KEY = "available_years"


def _valid_range(value: object, years: list[int]) -> tuple[int, int] | None:
    if isinstance(value, (tuple, list)) and len(value) == 2 and value[0] in years and value[1] in years:
        return int(value[0]), int(value[1])
    return None


def year_range_selector(years: list[int]) -> None:
    st.session_state[AVAILABLE_YEARS_KEY] = years
    if len(years) < 2:
        st.session_state.pop(YEAR_RANGE_KEY, None)
        if years:
            st.sidebar.caption(f"År: {years[0]}")
        return
    current = _valid_range(st.session_state.get(WIDGET_KEY), years)
    if current is None:
        st.session_state[WIDGET_KEY] = (years[0], years[-1])
    chosen = st.sidebar.select_slider("År", options=years, key=WIDGET_KEY, help="Alla år är valda från början.")
    st.session_state[YEAR_RANGE_KEY] = _valid_range(chosen, years) or (years[0], years[-1])


def selected_years() -> tuple[int, int]:
    """(first, last) of the chosen range; all years when nothing is chosen."""
    chosen = st.session_state.get(YEAR_RANGE_KEY)
    if chosen:
        return int(chosen[0]), int(chosen[1])
    years = st.session_state.get(AVAILABLE_YEARS_KEY) or [0, 9999]
    return int(years[0]), int(years[-1])


def year_range_text() -> str:
    first, last = selected_years()
    return str(first) if first == last else f"{first}–{last}"
