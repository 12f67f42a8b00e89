"""Medlemsavgifter: what each municipality pays, per fee type and year, per inhabitant and as a share."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries, state
from streamlit_app.components import (
    DECIMAL,
    MAX_CHART_GROUPS,
    NUMBER,
    SHARE,
    SIGNED,
    chart,
    chart_groups,
    few_years,
    latest_part,
    metric,
    per_municipality_chart,
    row_budget,
    source_note,
    swedish_axis,
    table,
)
from streamlit_app.derived import POPULATION_BASIS_LABEL
from streamlit_app.formatting import format_tkr
from streamlit_app.guard import run_page
from streamlit_app.labels import FEE_TYPES, MEMBERSHIP
from streamlit_app.state import year_range_text
from streamlit_app.warehouse import deferred

ALL_FEES = "Alla avgifter"
WIDE_YEARS = 5
FEE_TYPE_BY_LABEL = {label: code for code, label in FEE_TYPES.items()}
LONG_COLUMNS = {
    "year": "År",
    "municipality_name": "Kommun",
    "membership": "Medlemskap",
    "fee_label": "Avgiftstyp",
    "amount_tkr": "Belopp (tkr)",
    "change_tkr": "Förändring (tkr)",
    "change_percent": "Förändring (%)",
    "share_of_fee_type": "Andel av avgiftstypen",
    "source_ref": "Källa",
}
PER_INHABITANT_COLUMNS = {
    "year": "År",
    "municipality_name": "Kommun",
    "forbundsbidrag_tkr": "Förbundsbidrag (tkr)",
    "kr_per_inhabitant": "Angiven avgift (kr/invånare)",
    "population_basis": "Invånarunderlag (härlett)",
    "rounding_margin": "± (avrundning)",
    "kr_per_inhabitant_navet": "Navet (kr/invånare)",
    "kr_per_inhabitant_medarbetarcentrum": "Medarbetarcentrum (kr/invånare)",
    "kr_per_inhabitant_all": "Alla avgifter (kr/invånare)",
}


def render() -> None:
    st.title("Medlemsavgifter")
    st.caption(f"Förbundsbidrag och medlemsavgifter per kommun, {year_range_text()}. Belopp i tkr.")
    year = queries.fees.latest_fee_year(state.selected_years())
    if year is None:
        st.info("Det finns inga avgifter för de valda åren.")
        return
    _headline(year)
    _fees_per_municipality()
    _shares()
    _per_inhabitant()


def _headline(year: int) -> None:
    figures = queries.fees.fees_headline(year)
    columns = st.columns(3)
    with columns[0]:
        metric(f"Alla avgifter {year}", format_tkr(figures["total"]["amount_tkr"].iloc[0]))
    for column, name, title in (
        (columns[1], "largest_bidrag", "Största förbundsbidrag"),
        (columns[2], "largest_total", "Högsta totala avgift"),
    ):
        with column:
            top = figures[name]
            if not top.empty:
                metric(f"{title} {year}", format_tkr(top["amount_tkr"].iloc[0]), delta=top["municipality_name"].iloc[0])
    source_note(figures["sources"]["source_ref"])


def _fees_per_municipality() -> None:
    st.subheader("Avgifter per kommun och år")
    choice = st.selectbox("Avgiftstyp", [ALL_FEES, *FEE_TYPES.values()], key="fee_type_choice")
    fee_type = FEE_TYPE_BY_LABEL.get(choice)
    sources = queries.fees.fee_sources(state.selected_years(), fee_type)
    chosen = chart_groups(
        "Kommuner i diagrammet",
        queries.fees.municipalities_ranked_by_fees(state.selected_years(), fee_type),
        key="fees_chart_municipalities",
    )
    if chosen:
        _fees_chart(queries.fees.fees_for_municipalities(state.selected_years(), fee_type, chosen), sources)
    _fees_wide_table(fee_type, sources)


def _fees_chart(fees: pd.DataFrame, sources: list[str]) -> None:
    fees = fees.assign(fee_label=fees["fee_type"].map(FEE_TYPES))
    tooltip = [
        alt.Tooltip("municipality_name:N", title="Kommun"),
        alt.Tooltip("year:N", title="År"),
        alt.Tooltip("fee_label:N", title="Avgiftstyp"),
        alt.Tooltip("amount_tkr:Q", title="tkr", format=",.0f"),
    ]
    if few_years(fees["year"]):
        figure = (
            alt.Chart(fees)
            .mark_bar()
            .encode(
                x=alt.X("municipality_name:N", title="Kommun", sort="-y"),
                y=alt.Y("amount_tkr:Q", aggregate="sum", axis=swedish_axis("tkr")),
                color=alt.Color("fee_label:N", title="Avgiftstyp"),
                xOffset=alt.XOffset("year:N", title="År"),
                tooltip=tooltip,
            )
        )
    else:
        totals = fees.groupby(["year", "municipality_name"], as_index=False)["amount_tkr"].sum()
        figure = (
            alt.Chart(totals)
            .mark_line(point=True)
            .encode(
                x=alt.X("year:O", title="År"),
                y=alt.Y("amount_tkr:Q", axis=swedish_axis("tkr")),
                color=alt.Color("municipality_name:N", title="Kommun"),
                tooltip=tooltip[:2] + tooltip[3:],
            )
        )
    chart(figure.properties(height=360), sources)


def fees_wide(long: pd.DataFrame) -> pd.DataFrame:
    """One row per municipality and fee type, one column per year, and the change between the last two years."""
    labelled = long.assign(fee_label=long["fee_type"].map(FEE_TYPES))
    wide = labelled.pivot_table(
        index=["municipality_name", "fee_label"], columns="year", values="amount_tkr", aggfunc="sum"
    ).reset_index()
    wide.columns = ["Kommun", "Avgiftstyp", *[f"{year} (tkr)" for year in wide.columns[2:]]]
    year_columns = [column for column in wide.columns if column.endswith("(tkr)")]
    if len(year_columns) >= 2:
        wide["Förändring (tkr)"] = wide[year_columns[-1]] - wide[year_columns[-2]]
    return wide


def _fees_wide_table(fee_type: str | None, sources: list[str]) -> None:
    shown_years = state.recent_years(WIDE_YEARS)
    wide = fees_wide(queries.common.read_query(queries.fees.fees_by_municipality(shown_years, fee_type)))
    complete = deferred(queries.fees.fees_by_municipality(state.selected_years(), fee_type))
    formats = {column: NUMBER for column in wide.columns if column.endswith("(tkr)")} | {"Förändring (tkr)": SIGNED}
    table(
        wide,
        "Avgifter per kommun",
        formats,
        sources,
        source_extra=_recent_years_note(shown_years),
        key="fees_wide",
        complete=lambda: fees_wide(complete()),
    )


def _recent_years_note(shown_years: tuple[int, int]) -> str:
    if shown_years[0] == state.selected_years()[0]:
        return ""
    return f"Tabellen visar de senaste {WIDE_YEARS} åren; alla valda år finns i nedladdningarna"


def _shares() -> None:
    st.subheader("Varje kommuns andel")
    totals = queries.fees.fee_shares(state.selected_years(), MAX_CHART_GROUPS)
    totals = totals.assign(percent=totals["share"] * 100)
    figure = (
        alt.Chart(totals)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y(
                "share:Q",
                stack="normalize",
                axis=alt.Axis(
                    title="Andel av alla avgifter", labelExpr="format(datum.value * 100, ',.0f') + '\u00a0%'"
                ),
            ),
            color=alt.Color("municipality_name:N", title="Kommun"),
            tooltip=[
                alt.Tooltip("municipality_name:N", title="Kommun"),
                alt.Tooltip("year:O", title="År"),
                alt.Tooltip("amount_tkr:Q", title="tkr", format=",.0f"),
                alt.Tooltip("percent:Q", title="Andel (%)", format=",.1f"),
            ],
        )
        .properties(height=320)
    )
    sources = queries.fees.fee_sources(state.selected_years(), None)
    extra = (
        f"De {MAX_CHART_GROUPS} kommuner som betalar mest det senaste året visas var för sig"
        if (totals["municipality_name"] == "Övriga kommuner").any()
        else ""
    )
    chart(figure, sources, extra)
    part = latest_part(queries.fees.FEES_WITH_CHANGE, state.selected_years(), row_budget(len(LONG_COLUMNS)))
    table(
        _long_for_display(part.shown),
        "Avgifter med andel och förändring",
        {"Belopp (tkr)": NUMBER, "Förändring (tkr)": SIGNED, "Förändring (%)": DECIMAL, "Andel av avgiftstypen": SHARE},
        sources,
        key="fees_long",
        complete=lambda: _long_for_display(part.complete()),
        rows_in_complete=part.rows_in_range,
    )


def _long_for_display(fees: pd.DataFrame) -> pd.DataFrame:
    labelled = fees.assign(membership=fees["membership"].map(MEMBERSHIP), fee_label=fees["fee_type"].map(FEE_TYPES))
    return labelled.rename(columns=LONG_COLUMNS)[list(LONG_COLUMNS.values())]


def _per_inhabitant() -> None:
    st.subheader("Avgift per invånare")
    ranked = queries.municipalities.municipalities_ranked_per_inhabitant(state.selected_years())
    if not ranked:
        st.info(
            "Årsredovisningen anger ingen avgift per invånare för de valda åren, så inget invånarunderlag "
            "kan härledas. (Avgiften för ett år antas aldrig gälla ett annat år.)"
        )
        return
    st.markdown(f"**Invånarunderlaget är härlett, inte tryckt:** {POPULATION_BASIS_LABEL}.")
    sources = queries.fees.basis_sources(state.selected_years())
    chosen = chart_groups("Kommuner i diagrammet", ranked, key="per_inhabitant_municipalities")
    if chosen:
        _per_inhabitant_chart(queries.municipalities.fees_per_inhabitant_for(state.selected_years(), chosen), sources)
    part = latest_part(
        queries.municipalities.PER_INHABITANT, state.selected_years(), row_budget(len(PER_INHABITANT_COLUMNS))
    )
    table(
        _per_inhabitant_for_display(part.shown),
        "Avgift per invånare",
        {
            "Förbundsbidrag (tkr)": NUMBER,
            "Angiven avgift (kr/invånare)": NUMBER,
            "Invånarunderlag (härlett)": NUMBER,
            "± (avrundning)": NUMBER,
            "Navet (kr/invånare)": DECIMAL,
            "Medarbetarcentrum (kr/invånare)": DECIMAL,
            "Alla avgifter (kr/invånare)": DECIMAL,
        },
        sources,
        source_extra=f"Härlett: {POPULATION_BASIS_LABEL}",
        key="fees_per_inhabitant",
        complete=lambda: _per_inhabitant_for_display(part.complete()),
        rows_in_complete=part.rows_in_range,
    )


def _per_inhabitant_chart(per_inhabitant: pd.DataFrame, sources: list[str]) -> None:
    figure = per_municipality_chart(
        per_inhabitant, "kr_per_inhabitant_all", "kr/invånare", "kr per invånare (härlett underlag)", 320
    )
    chart(figure, sources, "Invånarunderlaget är härlett")


def _per_inhabitant_for_display(per_inhabitant: pd.DataFrame) -> pd.DataFrame:
    return per_inhabitant.rename(columns=PER_INHABITANT_COLUMNS)[list(PER_INHABITANT_COLUMNS.values())]


run_page(render)
