"""The year range every page filters by, chosen once in the sidebar."""

import streamlit as st

# What a page shows first: the latest years, which is what is asked about most; a longer
# range is one drag away. It also keeps the first render of every page short however many
# years the warehouse holds.
DEFAULT_YEARS = 20
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
        st.session_state[WIDGET_KEY] = default_range(years)
    chosen = st.sidebar.select_slider(
        "År", options=years, key=WIDGET_KEY,
        help=f"Från början visas de senaste {DEFAULT_YEARS} åren (alla, om det finns färre). Dra för att välja andra år.",
    )
    st.session_state[YEAR_RANGE_KEY] = _valid_range(chosen, years) or default_range(years)


def default_range(years: list[int]) -> tuple[int, int]:
    """The latest DEFAULT_YEARS of the available years (all of them when there are fewer)."""
    return years[max(0, len(years) - DEFAULT_YEARS)], years[-1]


def selected_years() -> tuple[int, int]:
    """(first, last) of the chosen range; the default range when nothing is chosen."""
    chosen = st.session_state.get(YEAR_RANGE_KEY)
    if chosen:
        return int(chosen[0]), int(chosen[1])
    years = st.session_state.get(AVAILABLE_YEARS_KEY)
    return default_range(years) if years else (0, 9999)


def year_range_text() -> str:
    first, last = selected_years()
    return str(first) if first == last else f"{first}–{last}"
