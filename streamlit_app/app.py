"""Sjuhärad Insyn: entry point of the Streamlit app (`streamlit run streamlit_app/app.py`)."""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from streamlit_app.navigation import build_navigation  # noqa: E402
from streamlit_app.sidebar import render_sidebar  # noqa: E402

st.set_page_config(page_title="Sjuhärad Insyn", page_icon=":material/account_balance:", layout="wide")
page = build_navigation()
render_sidebar()
page.run()
