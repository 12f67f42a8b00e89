"""Ekonomi: income statement and balance sheet for all years side by side, with change and key ratios."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries
from streamlit_app.components import NUMBER, PERCENT, SIGNED, chart, few_years, latest_rows, metric, swedish_axis, table
from streamlit_app.filters import year_range_text
from streamlit_app.formatting import format_percent
from streamlit_app.guard import run_page

WIDE_YEARS = 5


def side_by_side(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per line (in printed order), one column per year, and the change between the last two."""
    order = lines.drop_duplicates("line_id").reset_index(drop=True)[["line_id", "label", "line_kind", "note"]]
    wide = lines.pivot_table(index="line_id", columns="year", values="amount_tkr", aggfunc="sum", dropna=False)
    merged = order.merge(wide, left_on="line_id", right_index=True, how="left")
    years = [column for column in merged.columns if isinstance(column, (int,)) or str(column).isdigit()]
    if len(years) >= 2:
        merged["Förändring (tkr)"] = merged[years[-1]] - merged[years[-2]]
    merged = merged.rename(columns={year: f"{year} (tkr)" for year in years})
    merged["note"] = merged["note"].astype("Int64").astype(str).replace("<NA>", "")
    return merged.drop(columns=["line_id", "line_kind"]).rename(columns={"label": "Post", "note": "Not"})


def soliditet(balance: pd.DataFrame) -> pd.DataFrame:
    """Soliditet = eget kapital / summa tillgångar, per year, in percent."""
    pivot = balance.pivot_table(index="year", columns="line_id", values="amount_tkr", aggfunc="sum")
    result = pd.DataFrame(index=pivot.index)
    result["eget_kapital"] = pivot.get("eget_kapital")
    result["summa_tillgangar"] = pivot.get("summa_tillgangar")
    result["soliditet"] = result["eget_kapital"] / result["summa_tillgangar"] * 100
    return result.reset_index()


def _statement(lines: pd.DataFrame, title: str, key: str) -> None:
    st.subheader(title)
    if lines.empty:
        st.info("Inga rader för de valda åren.")
        return
    ordered = lines.sort_values(["print_order", "year"])
    recent = recent_years(ordered)
    wide = side_by_side(recent)
    number_columns = [column for column in wide.columns if column.endswith("(tkr)") and column != "Förändring (tkr)"]
    extra = "" if len(recent) == len(ordered) else f"Tabellen visar de senaste {WIDE_YEARS} åren; alla valda år finns i nedladdningarna"
    table(wide, title, {column: NUMBER for column in number_columns} | {"Förändring (tkr)": SIGNED}, lines["source_ref"],
          source_extra=extra, key=key, complete=lambda: side_by_side(ordered))


def recent_years(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines of the last WIDE_YEARS years (each year one column of the table)."""
    shown = sorted(lines["year"].unique())[-WIDE_YEARS:]
    return lines[lines["year"].isin(shown)]


def render() -> None:
    st.title("Ekonomi")
    st.caption(f"Resultat- och balansräkning, {year_range_text()}. Belopp i tkr, exklusive interna poster.")
    income = queries.income_statement()
    balance = queries.balance_sheet()
    _ratios(income, balance)
    left, right = st.columns(2)
    with left:
        _statement(income, "Resultaträkning", "income_statement")
    with right:
        _statement(balance, "Balansräkning", "balance_sheet")


def _ratios(income: pd.DataFrame, balance: pd.DataFrame) -> None:
    st.subheader("Nyckeltal")
    ratios = soliditet(balance)
    results = income[income["line_id"] == "arets_resultat"][["year", "amount_tkr"]].rename(columns={"amount_tkr": "arets_resultat"})
    ratios = ratios.merge(results, on="year", how="outer").sort_values("year")
    if ratios.empty:
        st.info("Inga nyckeltal för de valda åren.")
        return
    latest = ratios.iloc[-1]
    columns = st.columns(3)
    with columns[0]:
        metric(f"Soliditet {int(latest['year'])}", format_percent(latest["soliditet"]), help="Eget kapital delat med summa tillgångar.")
    with columns[1]:
        metric(f"Eget kapital {int(latest['year'])}", f"{NUMBER(latest['eget_kapital'])}\u00a0tkr")
    with columns[2]:
        metric(f"Årets resultat {int(latest['year'])}", f"{NUMBER(latest['arets_resultat'])}\u00a0tkr")
    long = ratios.melt(id_vars="year", value_vars=["eget_kapital", "summa_tillgangar", "arets_resultat"], var_name="line", value_name="tkr")
    long["line"] = long["line"].map({"eget_kapital": "Eget kapital", "summa_tillgangar": "Summa tillgångar", "arets_resultat": "Årets resultat"})
    chart(_ratios_chart(long.dropna()), list(balance["source_ref"]) + list(income["source_ref"]))
    shown = ratios.rename(
        columns={"year": "År", "eget_kapital": "Eget kapital (tkr)", "summa_tillgangar": "Summa tillgångar (tkr)",
                 "soliditet": "Soliditet (%)", "arets_resultat": "Årets resultat (tkr)"}
    )
    table(
        latest_rows(shown, "År"), "Nyckeltal ekonomi",
        {"Eget kapital (tkr)": NUMBER, "Summa tillgångar (tkr)": NUMBER, "Soliditet (%)": lambda v: PERCENT(v), "Årets resultat (tkr)": NUMBER},
        list(balance["source_ref"]) + list(income["source_ref"]),
        source_extra="Soliditet = eget kapital / summa tillgångar, beräknad av Sjuhärad Insyn",
        key="finance_ratios", complete=lambda: shown, rows_in_complete=len(shown),
    )


def _ratios_chart(long: pd.DataFrame) -> alt.Chart:
    """Bars per line and year for a few years; otherwise each line's trend over the years."""
    tooltip = [alt.Tooltip("line:N", title="Post"), alt.Tooltip("year:N", title="År"), alt.Tooltip("tkr:Q", format=",.0f")]
    if few_years(long["year"]):
        figure = alt.Chart(long).mark_bar().encode(
            x=alt.X("line:N", title=None), y=alt.Y("tkr:Q", axis=swedish_axis("tkr")), xOffset="year:N",
            color=alt.Color("year:N", title="År"), tooltip=tooltip,
        )
    else:
        figure = alt.Chart(long).mark_line(point=True).encode(
            x=alt.X("year:O", title="År"), y=alt.Y("tkr:Q", axis=swedish_axis("tkr")),
            color=alt.Color("line:N", title="Post"), tooltip=tooltip,
        )
    return figure.properties(height=280)


run_page(render)
