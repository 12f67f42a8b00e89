"""Kommunprofil: what one municipality paid, for which services, and what it got back."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries
from streamlit_app.components import DECIMAL, NUMBER, SIGNED_PERCENT, chart, few_years, latest_rows, metric, swedish_axis, table
from streamlit_app.formatting import format_tkr
from streamlit_app.derived import POPULATION_BASIS_LABEL
from streamlit_app.filters import year_range_text
from streamlit_app.guard import run_page
from streamlit_app.labels import FEE_TYPES, MEMBERSHIP
from streamlit_app.profile import MEASURES, profile_against_members
from streamlit_app.warehouse import deferred

DEFAULT_MUNICIPALITY = "Borås"
WIDE_YEARS = 5
CHARTED_MEASURES = [
    "Besök på Navet", "Avgifter totalt (tkr)", "Besök per 1 000 invånare (härlett underlag)",
    "Avgifter per invånare (kr, härlett underlag)",
]
COMPARISON_COLUMNS = {
    "year": "År", "measure": "Mått", "member_average": "Medel, medlemskommuner (oviktat)",
    "members_counted": "Antal kommuner i medelvärdet", "difference_percent": "Skillnad mot medel (%)",
}


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
    profile = queries.municipality_profile(code, list(MEASURES))
    own = profile["own"][profile["own"]["fees_total_tkr"].notna()]
    if own.empty:
        st.info(f"{name} har inga avgifter för de valda åren.")
        return
    comparison = profile_against_members(profile["own"], profile["members"])
    _headline(own)
    _paid(code, name)
    _comparison(comparison, name, queries.profile_sources())
    _outcomes(code, name)


def _headline(own: pd.DataFrame) -> None:
    latest = own.sort_values("year").iloc[-1]
    year = int(latest["year"])
    columns = st.columns(3)
    with columns[0]:
        metric(f"Förbundsbidrag {year}", format_tkr(latest["forbundsbidrag_tkr"]))
    with columns[1]:
        metric(f"Alla avgifter {year}", format_tkr(latest["fees_total_tkr"]))
    with columns[2]:
        metric(f"Besök på Navet {year}", NUMBER(latest["visits"]))


def fees_by_type_and_year(own_fees: pd.DataFrame) -> pd.DataFrame:
    labelled = own_fees.assign(fee_label=own_fees["fee_type"].map(FEE_TYPES))
    wide = labelled.pivot_table(index="fee_label", columns="year", values="amount_tkr", aggfunc="sum").reset_index()
    wide.columns = ["Avgiftstyp", *[f"{year} (tkr)" for year in wide.columns[1:]]]
    return wide


def _paid(code: str, name: str) -> None:
    st.subheader(f"Vad {name} betalade, och för vilka tjänster")
    own_fees = queries.read_query(queries.own_fees(code, queries.selected_range()))
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
    first_shown, last = queries.recent_years(WIDE_YEARS)
    wide = fees_by_type_and_year(own_fees[own_fees["year"] >= first_shown])
    extra = "" if first_shown == queries.selected_range()[0] else (
        f"Tabellen visar de senaste {WIDE_YEARS} åren; alla valda år finns i nedladdningarna")
    complete = deferred(queries.own_fees(code, queries.selected_range()))
    table(wide, f"Avgifter {name}", {column: NUMBER for column in wide.columns[1:]}, own_fees["source_ref"],
          source_extra=extra, key="profile_fees", complete=lambda: fees_by_type_and_year(complete()))


def _comparison(comparison: pd.DataFrame, name: str, sources: list[str]) -> None:
    st.subheader(f"{name} jämfört med medlemskommunerna")
    st.caption(f"Mått märkta ”härlett underlag” bygger på {POPULATION_BASIS_LABEL}; de finns bara för år då avgiften per invånare anges.")
    everything = comparison.dropna(subset=["value", "member_average"], how="all").rename(columns=COMPARISON_COLUMNS | {"value": name})
    table(
        latest_rows(everything, "År"), f"{name} mot medlemsmedel",
        {name: DECIMAL, "Medel, medlemskommuner (oviktat)": DECIMAL, "Antal kommuner i medelvärdet": NUMBER, "Skillnad mot medel (%)": SIGNED_PERCENT},
        sources, source_extra="Medelvärdet räknas över de medlemskommuner som har ett värde för måttet", key="profile_comparison",
        complete=lambda: everything, rows_in_complete=len(everything),
    )
    charted = comparison.dropna(subset=["value"])
    charted = charted[charted["measure"].isin(CHARTED_MEASURES)]
    if not charted.empty:
        _comparison_chart(charted, name, sources)


def _comparison_chart(charted: pd.DataFrame, name: str, sources: list[str]) -> None:
    long = charted.melt(id_vars=["year", "measure"], value_vars=["value", "member_average"], var_name="who", value_name="amount")
    long["who"] = long["who"].map({"value": name, "member_average": "Medel, medlemskommuner"})
    base = alt.Chart(long)
    encoding = {
        "x": alt.X("year:O", title="År"),
        "y": alt.Y("amount:Q", axis=swedish_axis(None)),
        "color": alt.Color("who:N", title=None),
        "tooltip": [alt.Tooltip("measure:N", title="Mått"), alt.Tooltip("who:N", title=" "), alt.Tooltip("year:O", title="År"),
                    alt.Tooltip("amount:Q", title="Värde", format=",.1f")],
    }
    if few_years(long["year"]):
        marked = base.mark_bar().encode(xOffset="who:N", **encoding)
    else:
        marked = base.mark_line(point=True).encode(**encoding)
    figure = (
        marked.encode(column=alt.Column("measure:N", title=None, header=alt.Header(labelLimit=260)))
        .resolve_scale(y="independent")
        .properties(width=180, height=220)
    )
    chart(figure, sources)


def _outcomes(code: str, name: str) -> None:
    own = queries.inferred_outcomes(code)
    if own.empty:
        return
    st.subheader("Medarbetarcentrum: positiva förändringar (slutsats)")
    st.warning(
        f"Kolumnrubrikerna saknas i årsredovisningen; att kolumnen gäller {name} är en **slutsats**, inte en tryckt uppgift. "
        "Se sidan Medarbetarcentrum för underlaget.",
        icon=":material/help:",
    )
    shown = own[["year", "column_no", "value"]].rename(columns={"year": "År", "column_no": "Kolumn", "value": "Personer (trolig kommun)"})
    table(latest_rows(shown, "År"), f"Positiv förändring {name}", {"Personer (trolig kommun)": NUMBER}, own["source_ref"],
          key="profile_outcomes", complete=lambda: shown, rows_in_complete=len(shown))


run_page(render)
