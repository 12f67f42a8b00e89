"""Navet: visits per municipality and category, per 1 000 inhabitants, fee per visit, and the goals."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries, state
from streamlit_app.components import (
    DECIMAL,
    NUMBER,
    SIGNED,
    chart,
    chart_groups,
    few_years,
    latest_part,
    latest_rows,
    per_municipality_chart,
    row_budget,
    swedish_axis,
    table,
)
from streamlit_app.derived import POPULATION_BASIS_LABEL
from streamlit_app.guard import run_page
from streamlit_app.labels import VISIT_CATEGORIES, merged_groups_text
from streamlit_app.state import year_range_text
from streamlit_app.warehouse import deferred

SHOWN_YEAR_METRICS = 4
WIDE_YEARS = 5
RELATIVE_COLUMNS = {
    "year": "År",
    "municipality_name": "Kommun",
    "visits": "Besök",
    "amount_tkr": "Navetavgift (tkr)",
    "kr_per_visit": "Avgift per besök (kr)",
    "population_basis": "Invånarunderlag (härlett)",
    "visits_per_thousand": "Besök per 1 000 invånare (härlett)",
}


def render() -> None:
    st.title("Navet")
    st.caption(f"Besök på Navet, Sjuhärads science center, {year_range_text()}.")
    totals = queries.visits.visit_totals(state.selected_years())
    if totals.empty:
        st.info("Det finns inga besöksuppgifter för de valda åren.")
    else:
        sources = queries.visits.visit_sources(state.selected_years())
        _visits(totals, sources)
        _relative()
    _goals()


def _visits(totals: pd.DataFrame, sources: list[str]) -> None:
    st.subheader("Besök per kommun och kategori")
    _year_metrics(totals)
    _merged_groups_note()
    if few_years(totals["year"]):
        _visits_per_group_chart(totals, sources)
    else:
        _visits_trend_chart(sources)
    _visits_wide_table(sources)
    _visits_by_year_table(sources)


def _year_metrics(totals: pd.DataFrame) -> None:
    latest = totals.tail(SHOWN_YEAR_METRICS)
    columns = st.columns(len(latest))
    for column, (_, row) in zip(columns, latest.iterrows()):
        column.metric(f"Besök {int(row['year'])}", NUMBER(row["visits"]), border=True)


def _merged_groups_note() -> None:
    """Which printed visitor groups are shown together, so that every year's groups add up to its printed total."""
    merged = merged_groups_text(queries.visits.merged_visitor_groups(*state.selected_years()))
    if merged:
        st.markdown(
            f"Årsredovisningarna trycker inte samma besöksgrupper varje år. Sammanslagna grupper: {merged}. "
            "Så går varje års grupper ihop till årets tryckta summa. Beslutet beskrivs på sidan Om Sjuhärad Insyn."
        )


def _visits_per_group_chart(totals: pd.DataFrame, sources: list[str]) -> None:
    groups = chart_groups(
        "Besöksgrupper i diagrammet",
        queries.visits.groups_ranked_by_visits(state.selected_years()),
        key="navet_chart_groups",
    )
    if not groups:
        return
    visits = queries.visits.visits_by_group_and_category((int(totals["year"].min()), int(totals["year"].max())), groups)
    visits["category_label"] = visits["visit_category"].map(VISIT_CATEGORIES)
    figure = (
        alt.Chart(visits)
        .mark_bar()
        .encode(
            x=alt.X("visits:Q", aggregate="sum", axis=swedish_axis("Besök")),
            y=alt.Y("visitor_group:N", title="Besöksgrupp", sort="-x"),
            color=alt.Color("category_label:N", title="Kategori"),
            row=alt.Row("year:O", title="År"),
            tooltip=[
                alt.Tooltip("visitor_group:N", title="Besöksgrupp"),
                alt.Tooltip("category_label:N", title="Kategori"),
                alt.Tooltip("visits:Q", title="Besök", format=",.0f"),
            ],
        )
        .properties(height=max(220, 18 * len(groups)))
        .resolve_scale(y="independent")
    )
    chart(figure, sources)


def _visits_trend_chart(sources: list[str]) -> None:
    visits = queries.visits.visits_by_year_and_category(state.selected_years())
    visits["category_label"] = visits["visit_category"].map(VISIT_CATEGORIES)
    figure = (
        alt.Chart(visits)
        .mark_area()
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y("visits:Q", stack="zero", axis=swedish_axis("Besök")),
            color=alt.Color("category_label:N", title="Kategori"),
            tooltip=[
                alt.Tooltip("year:O", title="År"),
                alt.Tooltip("category_label:N", title="Kategori"),
                alt.Tooltip("visits:Q", title="Besök", format=",.0f"),
            ],
        )
        .properties(height=300)
    )
    chart(figure, sources, "Alla besöksgrupper per år och kategori; per besöksgrupp i tabellerna")


def _wide_for_display(wide: pd.DataFrame) -> pd.DataFrame:
    present = [label for label in VISIT_CATEGORIES.values() if wide[label].notna().any()]
    return wide[["year", "visitor_group", *present, "total"]].rename(
        columns={"year": "År", "visitor_group": "Besöksgrupp", "total": "Summa"}
    )


def _visits_wide_table(sources: list[str]) -> None:
    part = latest_part(queries.visits.VISITS_WIDE, state.selected_years(), row_budget(len(VISIT_CATEGORIES) + 3))
    wide = _wide_for_display(part.shown)
    table(
        wide,
        "Besök per kommun och kategori",
        {column: NUMBER for column in wide.columns[2:]},
        sources,
        source_extra="Tomma celler i den tryckta tabellen visas som –",
        key="visits_wide",
        complete=lambda: _wide_for_display(part.complete()),
        rows_in_complete=part.rows_in_range,
    )


def by_group_and_year(long: pd.DataFrame) -> pd.DataFrame:
    """One row per visitor group, one column per year, and the change between the last two years."""
    by_group = long.pivot_table(index="visitor_group", columns="year", values="visits", aggfunc="sum")
    if by_group.shape[1] >= 2:
        by_group["Förändring"] = by_group.iloc[:, -1] - by_group.iloc[:, -2]
    by_group = by_group.reset_index()
    by_group.columns = ["Besöksgrupp", *[str(column) for column in by_group.columns[1:]]]
    return by_group


def _visits_by_year_table(sources: list[str]) -> None:
    shown_years = state.recent_years(WIDE_YEARS)
    by_group = by_group_and_year(queries.common.read_query(queries.visits.visits_by_group_and_year(shown_years)))
    complete = deferred(queries.visits.visits_by_group_and_year(state.selected_years()))
    table(
        by_group,
        "Besök per år",
        {column: (SIGNED if column == "Förändring" else NUMBER) for column in by_group.columns[1:]},
        sources,
        source_extra=_recent_years_note(shown_years),
        key="visits_by_year",
        complete=lambda: by_group_and_year(complete()),
    )


def _recent_years_note(shown_years: tuple[int, int]) -> str:
    first, _ = state.selected_years()
    if shown_years[0] == first:
        return ""
    return f"Tabellen visar de senaste {WIDE_YEARS} åren; alla valda år finns i nedladdningarna"


def _relative() -> None:
    st.subheader("Besök per 1 000 invånare och avgift per besök")
    sources = queries.municipalities.relative_sources(state.selected_years())
    ranked = queries.municipalities.municipalities_ranked_by_visits_per_thousand(state.selected_years())
    if not ranked:
        st.info("Besök per 1 000 invånare kan bara räknas för år då årsredovisningen anger avgiften per invånare.")
    else:
        st.markdown(f"**Per 1 000 invånare med härlett underlag:** {POPULATION_BASIS_LABEL}.")
        chosen = chart_groups("Kommuner i diagrammet", ranked, key="navet_relative_municipalities")
        if chosen:
            _relative_chart(queries.municipalities.visits_relative_for(state.selected_years(), chosen), sources)
    _relative_table(sources)


def _relative_chart(relative: pd.DataFrame, sources: list[str]) -> None:
    with_basis = relative[relative["visits_per_thousand"].notna()]
    figure = per_municipality_chart(
        with_basis, "visits_per_thousand", "Besök per 1 000 inv.", "Besök per 1 000 invånare (härlett)", 300
    )
    chart(figure, sources, "Invånarunderlaget är härlett")


def _relative_for_display(relative: pd.DataFrame) -> pd.DataFrame:
    return relative.rename(columns=RELATIVE_COLUMNS)[list(RELATIVE_COLUMNS.values())]


def _relative_table(sources: list[str]) -> None:
    part = latest_part(
        queries.municipalities.VISITS_RELATIVE, state.selected_years(), row_budget(len(RELATIVE_COLUMNS))
    )
    table(
        _relative_for_display(part.shown),
        "Besök per invånare och avgift per besök",
        {
            "Besök": NUMBER,
            "Navetavgift (tkr)": NUMBER,
            "Avgift per besök (kr)": NUMBER,
            "Invånarunderlag (härlett)": NUMBER,
            "Besök per 1 000 invånare (härlett)": DECIMAL,
        },
        sources,
        source_extra="Avgift per besök = kommunens medlemsavgift till Navet delat med kommunens besök",
        key="visits_relative",
        complete=lambda: _relative_for_display(part.complete()),
        rows_in_complete=part.rows_in_range,
    )


def _goals() -> None:
    st.subheader("Navets resultatmål: planerat och uppnått")
    goals = queries.visits.navet_goals(state.selected_years())
    if goals.empty:
        st.info("Inga resultatmål för de valda åren.")
        return
    _goals_chart(goals)
    shown = goals.assign(achieved_share=goals["achieved_value"] / goals["planned_value"] * 100)[
        ["year", "goal_no", "planned", "achieved", "planned_value", "achieved_value", "value_unit", "achieved_share"]
    ].rename(
        columns={
            "year": "År",
            "goal_no": "Mål",
            "planned": "Planerat",
            "achieved": "Uppnått",
            "planned_value": "Planerat antal",
            "achieved_value": "Uppnått antal",
            "value_unit": "Enhet",
            "achieved_share": "Uppfyllt (%)",
        }
    )
    table(
        latest_rows(shown, "År"),
        "Navets resultatmål",
        {"Planerat antal": NUMBER, "Uppnått antal": NUMBER, "Uppfyllt (%)": DECIMAL},
        goals["source_ref"],
        key="navet_goals",
        complete=lambda: shown,
        rows_in_complete=len(shown),
    )


def _goals_chart(goals: pd.DataFrame) -> None:
    """Planned against achieved for the latest year that has goals with both as numbers."""
    numeric = goals[goals["planned_value"].notna() & goals["achieved_value"].notna()].copy()
    if numeric.empty:
        return
    year = int(numeric["year"].max())
    numeric = numeric[numeric["year"] == year]
    numeric["goal"] = "Mål " + numeric["goal_no"].astype(str) + " (" + numeric["value_unit"].fillna("") + ")"
    long = numeric.melt(
        id_vars=["year", "goal"], value_vars=["planned_value", "achieved_value"], var_name="kind", value_name="value"
    )
    long["kind"] = long["kind"].map({"planned_value": "Planerat", "achieved_value": "Uppnått"})
    figure = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("goal:N", title=None),
            x=alt.X("value:Q", axis=swedish_axis("Antal")),
            color=alt.Color("kind:N", title=None, scale=alt.Scale(range=["#9bb7d4", "#1f5f99"])),
            yOffset="kind:N",
            tooltip=[
                alt.Tooltip("goal:N", title="Mål"),
                alt.Tooltip("kind:N", title=" "),
                alt.Tooltip("value:Q", title="Antal", format=",.0f"),
            ],
        )
        .properties(height=40 * len(numeric) + 40, title=f"Resultatmål {year}")
    )
    chart(figure, numeric["source_ref"], "Endast mål med tal både för planerat och uppnått visas i diagrammet")


run_page(render)
