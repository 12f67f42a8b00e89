"""Sjuhärad Insyn: entry point of the Streamlit app (`streamlit run streamlit_app/app.py`).

`streamlit_app` is imported as the installed package (`make install` installs the project
into .venv), so the app runs from any working directory without touching sys.path.
"""

import streamlit as st

from streamlit_app.fitting import STYLE
from streamlit_app.navigation import MENU_STYLE, build_navigation, unknown_page_message
from streamlit_app.sidebar import render_sidebar

st.set_page_config(page_title="Sjuhärad Insyn", page_icon=":material/account_balance:", layout="wide")
st.html(STYLE)  # each table shows the layout that fits its room (fitting.py)
st.html(MENU_STYLE)
page = build_navigation()
render_sidebar()
if message := unknown_page_message():
    st.warning(message, icon=":material/link_off:")
page.run()
