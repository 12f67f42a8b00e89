"""Navet: visits per municipality and category, per 1 000 inhabitants, fee per visit, and the goals."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries
from streamlit_app.components import DECIMAL, NUMBER, SIGNED, chart, swedish_axis, table
from streamlit_app.derived import POPULATION_BASIS_LABEL, per_thousand_inhabitants
from streamlit_app.filters import year_range_text
from streamlit_app.guard import run_page
from streamlit_app.labels import VISIT_CATEGORIES


def render() -> None:
    st.title("Navet")
    st.caption(f"Besök på Navet, Sjuhärads science center, {year_range_text()}.")
    visits = queries.visits()
    if visits.empty:
        st.info("Det finns inga besöksuppgifter för de valda åren.")
    else:
        visits["category_label"] = visits["visit_category"].map(VISIT_CATEGORIES)
        _visits(visits)
        _relative(visits)
    _goals()


def _visits(visits: pd.DataFrame) -> None:
    st.subheader("Besök per kommun och kategori")
    totals = visits.groupby("year", as_index=False)["visits"].sum()
    columns = st.columns(max(len(totals), 1))
    for column, (_, row) in zip(columns, totals.iterrows()):
        column.metric(f"Besök {int(row['year'])}", NUMBER(row["visits"]), border=True)
    figure = (
        alt.Chart(visits)
        .mark_bar()
        .encode(
            x=alt.X("sum(visits):Q", axis=swedish_axis("Besök")),
            y=alt.Y("visitor_group:N", title="Besöksgrupp", sort="-x"),
            color=alt.Color("category_label:N", title="Kategori"),
            row=alt.Row("year:O", title="År"),
            tooltip=[
                alt.Tooltip("visitor_group:N", title="Besöksgrupp"),
                alt.Tooltip("category_label:N", title="Kategori"),
                alt.Tooltip("visits:Q", title="Besök", format=",.0f"),
            ],
        )
        .properties(height=220)
        .resolve_scale(y="independent")
    )
    chart(figure, visits["source_ref"])
    wide = visits.pivot_table(index=["year", "visitor_group"], columns="category_label", values="visits", aggfunc="sum")
    wide = wide.reindex(columns=[c for c in VISIT_CATEGORIES.values() if c in wide.columns])
    wide["Summa"] = wide.sum(axis=1)
    wide = wide.reset_index().rename(columns={"year": "År", "visitor_group": "Besöksgrupp"})
    number_columns = [column for column in wide.columns if column not in ("År", "Besöksgrupp")]
    table(
        wide, "Besök per kommun och kategori", {column: NUMBER for column in number_columns}, visits["source_ref"],
        source_extra="Tomma celler i den tryckta tabellen visas som –", key="visits_wide",
    )
    by_group = visits.pivot_table(index="visitor_group", columns="year", values="visits", aggfunc="sum")
    if by_group.shape[1] >= 2:
        by_group["Förändring"] = by_group.iloc[:, -1] - by_group.iloc[:, -2]
    by_group = by_group.reset_index()
    by_group.columns = ["Besöksgrupp", *[str(column) for column in by_group.columns[1:]]]
    table(
        by_group, "Besök per år", {column: (SIGNED if column == "Förändring" else NUMBER) for column in by_group.columns[1:]},
        visits["source_ref"], key="visits_by_year",
    )


def _relative(visits: pd.DataFrame) -> None:
    st.subheader("Besök per 1 000 invånare och avgift per besök")
    municipal = visits[visits["municipality_code"].notna()]
    per_municipality = municipal.groupby(["year", "municipality_code", "municipality_name"], as_index=False)["visits"].sum()
    fees = queries.fees()
    navet_fees = fees[fees["fee_type"] == "navet"][["year", "municipality_code", "amount_tkr", "source_ref"]]
    basis = queries.population_basis()[["year", "municipality_code", "population_basis", "source_ref", "rate_source_ref"]]
    merged = per_municipality.merge(navet_fees, on=["year", "municipality_code"], how="left")
    merged = merged.merge(basis.rename(columns={"source_ref": "basis_ref"}), on=["year", "municipality_code"], how="left")
    merged["visits_per_thousand"] = per_thousand_inhabitants(merged["visits"], merged["population_basis"])
    merged["kr_per_visit"] = (merged["amount_tkr"] * 1000 / merged["visits"]).where(merged["visits"] > 0)
    sources = list(visits["source_ref"]) + list(navet_fees["source_ref"]) + list(basis["source_ref"]) + list(basis["rate_source_ref"])

    with_basis = merged[merged["visits_per_thousand"].notna()]
    if with_basis.empty:
        st.info("Besök per 1 000 invånare kan bara räknas för år då årsredovisningen anger avgiften per invånare.")
    else:
        st.markdown(f"**Per 1 000 invånare med härlett underlag:** {POPULATION_BASIS_LABEL}.")
        figure = (
            alt.Chart(with_basis)
            .mark_bar(color="#2a7f62")
            .encode(
                x=alt.X("municipality_name:N", title="Kommun", sort="-y"),
                y=alt.Y("visits_per_thousand:Q", axis=swedish_axis("Besök per 1 000 invånare (härlett)")),
                xOffset="year:N",
                tooltip=[
                    alt.Tooltip("municipality_name:N", title="Kommun"),
                    alt.Tooltip("year:N", title="År"),
                    alt.Tooltip("visits_per_thousand:Q", title="Besök per 1 000 inv.", format=",.1f"),
                ],
            )
            .properties(height=300)
        )
        chart(figure, sources, "Invånarunderlaget är härlett")
    shown = merged.rename(
        columns={
            "year": "År", "municipality_name": "Kommun", "visits": "Besök", "amount_tkr": "Navetavgift (tkr)",
            "kr_per_visit": "Avgift per besök (kr)", "population_basis": "Invånarunderlag (härlett)",
            "visits_per_thousand": "Besök per 1 000 invånare (härlett)",
        }
    )[["År", "Kommun", "Besök", "Navetavgift (tkr)", "Avgift per besök (kr)", "Invånarunderlag (härlett)", "Besök per 1 000 invånare (härlett)"]]
    table(
        shown, "Besök per invånare och avgift per besök",
        {"Besök": NUMBER, "Navetavgift (tkr)": NUMBER, "Avgift per besök (kr)": NUMBER,
         "Invånarunderlag (härlett)": NUMBER, "Besök per 1 000 invånare (härlett)": DECIMAL},
        sources,
        source_extra="Avgift per besök = kommunens medlemsavgift till Navet delat med kommunens besök",
        key="visits_relative",
    )


def _goals() -> None:
    st.subheader("Navets resultatmål: planerat och uppnått")
    goals = queries.navet_goals()
    if goals.empty:
        st.info("Inga resultatmål för de valda åren.")
        return
    numeric = goals[goals["planned_value"].notna() & goals["achieved_value"].notna()].copy()
    if not numeric.empty:
        numeric["goal"] = "Mål " + numeric["goal_no"].astype(str) + " (" + numeric["value_unit"].fillna("") + ")"
        numeric["achieved_share"] = numeric["achieved_value"] / numeric["planned_value"]
        long = numeric.melt(id_vars=["year", "goal"], value_vars=["planned_value", "achieved_value"], var_name="kind", value_name="value")
        long["kind"] = long["kind"].map({"planned_value": "Planerat", "achieved_value": "Uppnått"})
        figure = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                y=alt.Y("goal:N", title=None),
                x=alt.X("value:Q", axis=swedish_axis("Antal")),
                color=alt.Color("kind:N", title=None, scale=alt.Scale(range=["#9bb7d4", "#1f5f99"])),
                yOffset="kind:N",
                tooltip=[alt.Tooltip("goal:N", title="Mål"), alt.Tooltip("kind:N", title=" "), alt.Tooltip("value:Q", title="Antal", format=",.0f")],
            )
            .properties(height=40 * len(numeric) + 40)
        )
        chart(figure, goals["source_ref"], "Endast mål med tal både för planerat och uppnått visas i diagrammet")
    shown = goals.assign(achieved_share=goals["achieved_value"] / goals["planned_value"] * 100)[
        ["year", "goal_no", "planned", "achieved", "planned_value", "achieved_value", "value_unit", "achieved_share"]
    ].rename(
        columns={
            "year": "År", "goal_no": "Mål", "planned": "Planerat", "achieved": "Uppnått", "planned_value": "Planerat antal",
            "achieved_value": "Uppnått antal", "value_unit": "Enhet", "achieved_share": "Uppfyllt (%)",
        }
    )
    table(
        shown, "Navets resultatmål",
        {"Planerat antal": NUMBER, "Uppnått antal": NUMBER, "Uppfyllt (%)": DECIMAL},
        goals["source_ref"], key="navet_goals",
    )


run_page(render)
