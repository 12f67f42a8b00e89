"""The sidebar: the year range and which published version the app shows."""

import logging

import streamlit as st

from streamlit_app import queries
from streamlit_app.filters import year_range_selector
from streamlit_app.status import published_at_text
from streamlit_app.warehouse import WarehouseUnavailable

logger = logging.getLogger("sjuharad_insyn.app")


def render_sidebar() -> None:
    try:
        years = queries.available_years()
        record = queries.publication()
    except WarehouseUnavailable:
        year_range_selector([])
        return
    except Exception:
        logger.exception("sidebar failed")
        year_range_selector([])
        return
    year_range_selector(years)
    if record:
        st.sidebar.caption(f"Publicerad version: {published_at_text(record.get('published_at'))}")
