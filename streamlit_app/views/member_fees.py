"""Medlemsavgifter: what each municipality pays, per fee type and year, per inhabitant and as a share."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries
from streamlit_app.components import DECIMAL, NUMBER, SHARE, SIGNED, chart, metric, source_note, swedish_axis, table
from streamlit_app.formatting import format_tkr
from streamlit_app.derived import POPULATION_BASIS_LABEL, fees_per_inhabitant, with_change_and_share
from streamlit_app.filters import year_range_text
from streamlit_app.guard import run_page
from streamlit_app.labels import FEE_TYPES, MEMBERSHIP


def render() -> None:
    st.title("Medlemsavgifter")
    st.caption(f"Förbundsbidrag och medlemsavgifter per kommun, {year_range_text()}. Belopp i tkr.")
    fees = queries.fees()
    if fees.empty:
        st.info("Det finns inga avgifter för de valda åren.")
        return
    fees["fee_label"] = fees["fee_type"].map(FEE_TYPES)
    _headline(fees)
    _fees_per_municipality(fees)
    _shares(fees)
    _per_inhabitant(fees)


def _headline(fees: pd.DataFrame) -> None:
    year = int(fees["year"].max())
    latest = fees[fees["year"] == year]
    by_municipality = latest.groupby("municipality_name")["amount_tkr"].sum().sort_values(ascending=False)
    bidrag = latest[latest["fee_type"] == "forbundsbidrag"].sort_values("amount_tkr", ascending=False)
    columns = st.columns(3)
    with columns[0]:
        metric(f"Alla avgifter {year}", format_tkr(by_municipality.sum()))
    with columns[1]:
        top = bidrag.iloc[0]
        metric(f"Största förbundsbidrag {year}", format_tkr(top["amount_tkr"]), delta=top["municipality_name"])
    with columns[2]:
        metric(f"Högsta totala avgift {year}", format_tkr(by_municipality.iloc[0]), delta=by_municipality.index[0])
    source_note(latest["source_ref"])


def _fees_per_municipality(fees: pd.DataFrame) -> None:
    st.subheader("Avgifter per kommun och år")
    choice = st.selectbox("Avgiftstyp", ["Alla avgifter", *FEE_TYPES.values()], key="fee_type_choice")
    chosen = fees if choice == "Alla avgifter" else fees[fees["fee_label"] == choice]
    figure = (
        alt.Chart(chosen)
        .mark_bar()
        .encode(
            x=alt.X("municipality_name:N", title="Kommun", sort="-y"),
            y=alt.Y("sum(amount_tkr):Q", axis=swedish_axis("tkr")),
            color=alt.Color("fee_label:N", title="Avgiftstyp"),
            xOffset=alt.XOffset("year:N", title="År"),
            tooltip=[
                alt.Tooltip("municipality_name:N", title="Kommun"),
                alt.Tooltip("year:N", title="År"),
                alt.Tooltip("fee_label:N", title="Avgiftstyp"),
                alt.Tooltip("amount_tkr:Q", title="tkr", format=",.0f"),
            ],
        )
        .properties(height=360)
    )
    chart(figure, chosen["source_ref"])

    wide = chosen.pivot_table(
        index=["municipality_name", "fee_label"], columns="year", values="amount_tkr", aggfunc="sum"
    ).reset_index()
    wide.columns = ["Kommun", "Avgiftstyp", *[f"{year} (tkr)" for year in wide.columns[2:]]]
    year_columns = [column for column in wide.columns if column.endswith("(tkr)")]
    if len(year_columns) >= 2:
        wide["Förändring (tkr)"] = wide[year_columns[-1]] - wide[year_columns[-2]]
    formats = {column: NUMBER for column in year_columns} | {"Förändring (tkr)": SIGNED}
    table(wide, "Avgifter per kommun", formats, chosen["source_ref"], key="fees_wide")


def _shares(fees: pd.DataFrame) -> None:
    st.subheader("Varje kommuns andel")
    detailed = with_change_and_share(fees)
    totals = (
        detailed.groupby(["year", "municipality_name", "membership"], as_index=False)["amount_tkr"].sum()
    )
    totals["share"] = totals["amount_tkr"] / totals.groupby("year")["amount_tkr"].transform("sum")
    figure = (
        alt.Chart(totals)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y("share:Q", stack="normalize", axis=alt.Axis(title="Andel av alla avgifter", format="%")),
            color=alt.Color("municipality_name:N", title="Kommun"),
            tooltip=[
                alt.Tooltip("municipality_name:N", title="Kommun"),
                alt.Tooltip("year:O", title="År"),
                alt.Tooltip("amount_tkr:Q", title="tkr", format=",.0f"),
                alt.Tooltip("share:Q", title="Andel", format=".1%"),
            ],
        )
        .properties(height=320)
    )
    chart(figure, fees["source_ref"])
    shown = detailed.assign(membership=detailed["membership"].map(MEMBERSHIP))[
        ["year", "municipality_name", "membership", "fee_label", "amount_tkr", "change_tkr", "change_percent", "share_of_fee_type", "source_ref"]
    ].rename(
        columns={
            "year": "År", "municipality_name": "Kommun", "membership": "Medlemskap", "fee_label": "Avgiftstyp",
            "amount_tkr": "Belopp (tkr)", "change_tkr": "Förändring (tkr)", "change_percent": "Förändring (%)",
            "share_of_fee_type": "Andel av avgiftstypen", "source_ref": "Källa",
        }
    )
    table(
        shown,
        "Avgifter med andel och förändring",
        {"Belopp (tkr)": NUMBER, "Förändring (tkr)": SIGNED, "Förändring (%)": DECIMAL, "Andel av avgiftstypen": SHARE},
        fees["source_ref"],
        key="fees_long",
    )


def _per_inhabitant(fees: pd.DataFrame) -> None:
    st.subheader("Avgift per invånare")
    basis = queries.population_basis()
    if basis.empty:
        st.info(
            "Årsredovisningen anger ingen avgift per invånare för de valda åren, så inget invånarunderlag "
            "kan härledas. (Avgiften för ett år antas aldrig gälla ett annat år.)"
        )
        return
    st.markdown(f"**Invånarunderlaget är härlett, inte tryckt:** {POPULATION_BASIS_LABEL}.")
    per_inhabitant = fees_per_inhabitant(fees, basis)
    figure = (
        alt.Chart(per_inhabitant)
        .mark_bar()
        .encode(
            x=alt.X("municipality_name:N", title="Kommun", sort="-y"),
            y=alt.Y("kr_per_inhabitant_all:Q", axis=swedish_axis("kr per invånare (härlett underlag)")),
            color=alt.Color("year:N", title="År"),
            xOffset="year:N",
            tooltip=[
                alt.Tooltip("municipality_name:N", title="Kommun"),
                alt.Tooltip("year:N", title="År"),
                alt.Tooltip("kr_per_inhabitant_all:Q", title="kr/invånare", format=",.1f"),
            ],
        )
        .properties(height=320)
    )
    chart(figure, list(basis["source_ref"]) + list(basis["rate_source_ref"]), "Invånarunderlaget är härlett")
    shown = per_inhabitant.rename(
        columns={
            "year": "År", "municipality_name": "Kommun", "forbundsbidrag_tkr": "Förbundsbidrag (tkr)",
            "kr_per_inhabitant": "Angiven avgift (kr/invånare)", "population_basis": "Invånarunderlag (härlett)",
            "rounding_margin": "± (avrundning)", "kr_per_inhabitant_navet": "Navet (kr/invånare)",
            "kr_per_inhabitant_medarbetarcentrum": "Medarbetarcentrum (kr/invånare)",
            "kr_per_inhabitant_all": "Alla avgifter (kr/invånare)",
        }
    )[
        ["År", "Kommun", "Förbundsbidrag (tkr)", "Angiven avgift (kr/invånare)", "Invånarunderlag (härlett)",
         "± (avrundning)", "Navet (kr/invånare)", "Medarbetarcentrum (kr/invånare)", "Alla avgifter (kr/invånare)"]
    ]
    table(
        shown,
        "Avgift per invånare",
        {
            "Förbundsbidrag (tkr)": NUMBER, "Angiven avgift (kr/invånare)": NUMBER, "Invånarunderlag (härlett)": NUMBER,
            "± (avrundning)": NUMBER, "Navet (kr/invånare)": DECIMAL, "Medarbetarcentrum (kr/invånare)": DECIMAL,
            "Alla avgifter (kr/invånare)": DECIMAL,
        },
        list(basis["source_ref"]) + list(basis["rate_source_ref"]),
        source_extra=f"Härlett: {POPULATION_BASIS_LABEL}",
        key="fees_per_inhabitant",
    )


run_page(render)
