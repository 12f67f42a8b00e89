"""The pages of the app, in menu order."""

from pathlib import Path
from urllib.parse import urlparse

import streamlit as st

VIEWS = Path(__file__).resolve().parent / "views"

PAGES = [
    ("overview.py", "Översikt", "oversikt", ":material/dashboard:"),
    ("returns.py", "Vad betalar vi och vad får vi tillbaka", "betalar-och-far", ":material/compare_arrows:"),
    ("compare.py", "Jämför kommuner", "jamfor-kommuner", ":material/leaderboard:"),
    ("municipality_profile.py", "Kommunprofil", "kommunprofil", ":material/location_city:"),
    ("member_fees.py", "Medlemsavgifter", "medlemsavgifter", ":material/payments:"),
    ("revenue_and_grants.py", "Intäkter och bidrag", "intakter-och-bidrag", ":material/account_balance_wallet:"),
    ("navet.py", "Navet", "navet", ":material/science:"),
    ("medarbetarcentrum.py", "Medarbetarcentrum", "medarbetarcentrum", ":material/groups:"),
    ("finances.py", "Ekonomi", "ekonomi", ":material/balance:"),
    ("data_quality.py", "Datakvalitet och källor", "datakvalitet", ":material/fact_check:"),
    ("about.py", "Om Sjuhärad Insyn", "om", ":material/info:"),
]
# Streamlit cuts a menu entry wider than the menu short with an ellipsis ("Vad betalar vi och vad
# får vi tillb…"); the entry wraps instead, so every page's name reads whole.
MENU_STYLE = """<style>
[data-testid="stSidebarNavLink"] { height: auto !important; }
[data-testid="stSidebarNavLink"] :is(span, div, p) {
  white-space: normal !important; text-overflow: clip !important; overflow: visible !important; }
</style>"""
# A drafted report waiting for review (issue 14); kept out of PAGES, whose pages all read the warehouse.
DRAFT_REVIEW_PAGE = ("draft_review.py", "Utkast att granska", "utkast", ":material/rate_review:")


def build_navigation():
    pages = [
        st.Page(VIEWS / file, title=title, url_path=url_path, icon=icon, default=index == 0)
        for index, (file, title, url_path, icon) in enumerate([*PAGES, DRAFT_REVIEW_PAGE])
    ]
    return st.navigation(pages)


def unknown_page_message() -> str | None:
    """A Swedish message when the link names a page the app does not have (Streamlit then shows
    Översikt). The browser's address is `st.context.url`, in which Streamlit keeps a path that
    names no page as it is."""
    url = st.context.url
    if not url:
        return None
    path = urlparse(url).path.strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(f"{base}/")):
        path = path[len(base) :].strip("/")  # served under a prefix: the prefix is no page
    requested = path.rsplit("/", 1)[-1]
    if not requested or requested in {url_path for _, _, url_path, _ in [*PAGES, DRAFT_REVIEW_PAGE]}:
        return None
    menu = ", ".join(title for _, title, _, _ in PAGES)
    return (
        f"Sidan ”{requested}” finns inte i Sjuhärad Insyn. Du ser Översikt. Sidorna finns i menyn till vänster: {menu}."
    )
