"""Kommunprofil: what one municipality paid, for which services, and what it got back."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries
from streamlit_app.components import DECIMAL, NUMBER, SIGNED_PERCENT, chart, metric, swedish_axis, table
from streamlit_app.formatting import format_tkr
from streamlit_app.derived import POPULATION_BASIS_LABEL
from streamlit_app.filters import year_range_text
from streamlit_app.guard import run_page
from streamlit_app.labels import FEE_TYPES, MEMBERSHIP
from streamlit_app.profile import municipality_year_figures, profile_against_members

DEFAULT_MUNICIPALITY = "Borås"


def render() -> None:
    st.title("Kommunprofil")
    municipalities = queries.municipalities()
    names = list(municipalities["municipality_name"])
    default = names.index(DEFAULT_MUNICIPALITY) if DEFAULT_MUNICIPALITY in names else 0
    name = st.selectbox("Kommun", names, index=default, key="profile_municipality")
    chosen = municipalities[municipalities["municipality_name"] == name].iloc[0]
    code = chosen["municipality_code"]
    st.caption(
        f"{name} ({MEMBERSHIP.get(chosen['membership'], chosen['membership']).lower()}, {chosen['county_name']}), "
        f"{year_range_text()}. Jämförs med det oviktade medelvärdet för medlemskommunerna."
    )
    fees, visits, basis = queries.fees(), queries.visits(), queries.population_basis()
    own_fees = fees[fees["municipality_code"] == code]
    if own_fees.empty:
        st.info(f"{name} har inga avgifter för de valda åren.")
        return
    members = list(municipalities.loc[municipalities["membership"] == "member", "municipality_code"])
    figures = municipality_year_figures(fees, visits, basis)
    comparison = profile_against_members(figures, code, members)
    _headline(figures, code, name)
    _paid(own_fees, name)
    _comparison(comparison, name, fees, visits, basis)
    _outcomes(code, name)


def _headline(figures: pd.DataFrame, code: str, name: str) -> None:
    own = figures[figures["municipality_code"] == code].sort_values("year")
    latest = own.iloc[-1]
    year = int(latest["year"])
    columns = st.columns(3)
    with columns[0]:
        metric(f"Förbundsbidrag {year}", format_tkr(latest["forbundsbidrag_tkr"]))
    with columns[1]:
        metric(f"Alla avgifter {year}", format_tkr(latest["fees_total_tkr"]))
    with columns[2]:
        metric(f"Besök på Navet {year}", NUMBER(latest["visits"]))


def _paid(own_fees: pd.DataFrame, name: str) -> None:
    st.subheader(f"Vad {name} betalade, och för vilka tjänster")
    shown = own_fees.assign(fee_label=own_fees["fee_type"].map(FEE_TYPES))
    figure = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y("amount_tkr:Q", axis=swedish_axis("tkr")),
            color=alt.Color("fee_label:N", title="Avgiftstyp"),
            tooltip=[alt.Tooltip("fee_label:N", title="Avgiftstyp"), alt.Tooltip("year:O", title="År"), alt.Tooltip("amount_tkr:Q", title="tkr", format=",.0f")],
        )
        .properties(height=260)
    )
    chart(figure, own_fees["source_ref"])
    wide = shown.pivot_table(index="fee_label", columns="year", values="amount_tkr", aggfunc="sum").reset_index()
    wide.columns = ["Avgiftstyp", *[f"{year} (tkr)" for year in wide.columns[1:]]]
    table(wide, f"Avgifter {name}", {column: NUMBER for column in wide.columns[1:]}, own_fees["source_ref"], key="profile_fees")


def _comparison(comparison: pd.DataFrame, name: str, fees: pd.DataFrame, visits: pd.DataFrame, basis: pd.DataFrame) -> None:
    st.subheader(f"{name} jämfört med medlemskommunerna")
    st.caption(f"Mått märkta ”härlett underlag” bygger på {POPULATION_BASIS_LABEL}; de finns bara för år då avgiften per invånare anges.")
    shown = comparison.dropna(subset=["value", "member_average"], how="all").rename(
        columns={
            "year": "År", "measure": "Mått", "value": name, "member_average": "Medel, medlemskommuner (oviktat)",
            "members_counted": "Antal kommuner i medelvärdet", "difference_percent": "Skillnad mot medel (%)",
        }
    )
    sources = list(fees["source_ref"]) + list(visits["source_ref"]) + list(basis["source_ref"]) + list(basis["rate_source_ref"])
    table(
        shown, f"{name} mot medlemsmedel",
        {name: DECIMAL, "Medel, medlemskommuner (oviktat)": DECIMAL, "Antal kommuner i medelvärdet": NUMBER, "Skillnad mot medel (%)": SIGNED_PERCENT},
        sources, source_extra="Medelvärdet räknas över de medlemskommuner som har ett värde för måttet", key="profile_comparison",
    )
    charted = comparison.dropna(subset=["value"])
    charted = charted[charted["measure"].isin(["Besök på Navet", "Avgifter totalt (tkr)", "Besök per 1 000 invånare (härlett underlag)", "Avgifter per invånare (kr, härlett underlag)"])]
    if charted.empty:
        return
    long = charted.melt(id_vars=["year", "measure"], value_vars=["value", "member_average"], var_name="who", value_name="amount")
    long["who"] = long["who"].map({"value": name, "member_average": "Medel, medlemskommuner"})
    figure = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y("amount:Q", axis=swedish_axis(None)),
            xOffset="who:N",
            color=alt.Color("who:N", title=None),
            column=alt.Column("measure:N", title=None, header=alt.Header(labelLimit=260)),
            tooltip=[alt.Tooltip("measure:N", title="Mått"), alt.Tooltip("who:N", title=" "), alt.Tooltip("amount:Q", title="Värde", format=",.1f")],
        )
        .resolve_scale(y="independent")
        .properties(width=180, height=220)
    )
    chart(figure, sources)


def _outcomes(code: str, name: str) -> None:
    cases = queries.cases()
    own = cases[(cases["inferred_municipality_code"] == code) & (cases["measure"] == "Totalt, kommun")]
    if own.empty:
        return
    st.subheader("Medarbetarcentrum: positiva förändringar (slutsats)")
    st.warning(
        f"Kolumnrubrikerna saknas i årsredovisningen; att kolumnen gäller {name} är en **slutsats**, inte en tryckt uppgift. "
        "Se sidan Medarbetarcentrum för underlaget.",
        icon=":material/help:",
    )
    shown = own[["year", "column_no", "value"]].rename(columns={"year": "År", "column_no": "Kolumn", "value": "Personer (trolig kommun)"})
    table(shown, f"Positiv förändring {name}", {"Personer (trolig kommun)": NUMBER}, own["source_ref"], key="profile_outcomes")


run_page(render)
