"""Vad betalar vi och vad får vi tillbaka: the chosen municipality's share of all fees next to its
share of what the federation delivers that can be attributed to a municipality, and the same
for all municipalities side by side."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import formatting, queries, state
from streamlit_app.comparison import MEASURES, position
from streamlit_app.components import MAX_CHART_GROUPS, NUMBER, SHARE, chart, metric, source_note, table
from streamlit_app.guard import run_page
from streamlit_app.labels import MEMBERSHIP
from streamlit_app.ranking import highlight, measure_value

SIDE_BY_SIDE = {
    "municipality_name": "Kommun",
    "membership": "Medlemskap",
    "fees_total_tkr": "Avgifter (tkr)",
    "fee_share": "Andel av alla avgifter",
    "visits": "Besök på Navet",
    "visit_share": "Andel av Navets kommunbesök",
    "positive_changes": "Positiva förändringar (MC)",
    "positive_change_share": "Andel av positiva förändringar",
    "attribution": "Kolumnens kommun",
    "navet_kr_per_visit": "Navetavgift per besök (kr)",
}
ATTRIBUTION = {"printed": "tryckt", "inferred": "slutsats"}
SHARES_CHART = {
    "fee_share": "Andel av alla avgifter",
    "visit_share": "Andel av Navets kommunbesök",
    "positive_change_share": "Andel av Medarbetarcentrums positiva förändringar",
}


def render() -> None:
    st.title("Vad betalar vi och vad får vi tillbaka")
    chosen = state.chosen_municipality()
    years = queries.municipalities.comparison_years(state.selected_years())
    if chosen is None or not years:
        st.info("Det finns inga avgifter eller besök för de valda åren. Välj andra år i menyn till vänster.")
        return
    year = st.selectbox(
        "År",
        list(reversed(years)),
        key="returns_year",
        help="Åren i det valda intervallet som har uppgifter per kommun.",
    )
    rows = queries.municipalities.municipalities_in_year(year)
    own = rows[rows["municipality_code"] == chosen.code]
    st.caption(
        f"{chosen.name} {year}: kommunens andel av det som alla kommuner betalar, bredvid kommunens andel av det "
        "förbundet levererar som kan föras till en kommun. Andelarna räknas över de kommuner som har en uppgift."
    )
    if own.empty:
        st.info(f"{chosen.name} betalade inga avgifter och har inga besök på Navet {year}.")
    else:
        _headline(own.iloc[0], rows, chosen, year)
        _per_service(own.iloc[0], chosen)
    _not_attributed(rows, year)
    _side_by_side(rows, chosen, year)


def _headline(own: pd.Series, rows: pd.DataFrame, chosen: state.Municipality, year: int) -> None:
    """Like for like: the share of a service's fees beside the share of what that service delivers.
    Medarbetarcentrum gets cards only where its column's municipality is printed; an inferred
    figure is shown, marked, below."""
    visits = None
    if not formatting.is_missing(own["visits"]):
        visits = f"{NUMBER(own['visits'])} av {NUMBER(own['municipal_visits'])} besök"
    navet = [
        (
            "Andel av Navets avgifter",
            own["navet_fee_share"],
            _of_total(own["navet_tkr"], rows["navet_tkr"], "tkr"),
            "Kommunens medlemsavgift till Navet delat med alla kommuners medlemsavgifter till Navet samma år.",
        ),
        ("Andel av Navets kommunbesök", own["visit_share"], visits, MEASURES["visit_share"].help),
    ]
    columns = st.columns(3)
    for column, card in zip(columns, navet):
        _share_card(column, *card)
    with columns[2]:
        _fee_per_visit(own, rows, chosen)
    if own["positive_change_attribution"] == "printed":
        medarbetarcentrum = [
            (
                "Andel av Medarbetarcentrums avgifter",
                own["medarbetarcentrum_fee_share"],
                _of_total(own["medarbetarcentrum_tkr"], rows["medarbetarcentrum_tkr"], "tkr"),
                "Kommunens medlemsavgift till Medarbetarcentrum delat med alla kommuners.",
            ),
            (
                "Andel av Medarbetarcentrums positiva förändringar",
                own["positive_change_share"],
                _of_total(own["positive_changes"], rows["positive_changes"], "personer"),
                MEASURES["positive_change_share"].help,
            ),
        ]
        for column, card in zip(st.columns(3), medarbetarcentrum):
            _share_card(column, *card)
    else:
        _medarbetarcentrum_below(own, rows, chosen)
    st.markdown(
        f"Av alla avgifter till förbundet (förbundsbidrag och medlemsavgifter) betalade {chosen.name} "
        f"{_of_total(own['fees_total_tkr'], rows['fees_total_tkr'], 'tkr')} "
        f"({formatting.format_share(own['fee_share'])}). Förbundsbidraget betalar kansliet, vars arbete inte "
        "redovisas per kommun."
    )
    source_note([own["fees_source_ref"], own["visits_source_ref"], own["positive_changes_source_ref"]])


def _share_card(column, label: str, share: object, of_total: str | None, help_text: str) -> None:
    with column:
        metric(label, formatting.format_share(share), delta=of_total, help=help_text)


def _of_total(value: object, all_values: pd.Series, unit: str) -> str | None:
    """`4 500 av 5 835 tkr`, or None without a value."""
    if formatting.is_missing(value):
        return None
    total = pd.to_numeric(all_values, errors="coerce").sum()
    return f"{NUMBER(value)} av {formatting.with_unit(NUMBER(total), unit)}"


def _medarbetarcentrum_below(own: pd.Series, rows: pd.DataFrame, chosen: state.Municipality) -> None:
    fees = _of_total(own["medarbetarcentrum_tkr"], rows["medarbetarcentrum_tkr"], "tkr")
    if fees is None:
        return
    text = (
        f"**Medarbetarcentrum:** {chosen.name} betalade {fees} av medlemsavgifterna "
        f"({formatting.format_share(own['medarbetarcentrum_fee_share'])})."
    )
    if not formatting.is_missing(own["positive_changes"]):
        text += (
            f" Andelen av de positiva förändringarna, {formatting.format_share(own['positive_change_share'])} "
            f"({_of_total(own['positive_changes'], rows['positive_changes'], 'personer')}), är en **slutsats**: "
            "kolumnrubrikerna saknas i årsredovisningen, så vilken kolumn som är kommunens är härlett (se sidan "
            "Medarbetarcentrum). Därför är den ingen huvudsiffra här."
        )
    st.markdown(text)


def _fee_per_visit(own: pd.Series, rows: pd.DataFrame, chosen: state.Municipality) -> None:
    measure = MEASURES["navet_kr_per_visit"]
    mine = position(rows, measure, chosen.code)
    delta, change = None, None
    if not formatting.is_missing(mine["value"]) and not formatting.is_missing(mine["member_mean"]):
        delta = (
            f"{formatting.format_signed(mine['difference'])}\u00a0kr mot medlemmarnas medel "
            f"{measure_value(measure, mine['member_mean'])}"
        )
        change = mine["difference"]
    metric(
        "Navetavgift per besök",
        measure_value(measure, mine["value"]),
        delta=delta,
        change=change,
        lower_is_better=True,
        help=measure.help,
    )


def _per_service(own: pd.Series, chosen: state.Municipality) -> None:
    st.subheader(f"Per tjänst: vad {chosen.name} betalar och vad som kan föras till kommunen")
    rows = [
        {
            "Tjänst": "Navet",
            "Betalat (tkr)": own["navet_tkr"],
            "Andel av tjänstens avgifter": own["navet_fee_share"],
            "Det som kan föras till kommunen": _amount(own["visits"], "besök av kommunens besöksgrupper"),
            "Kommunens andel": own["visit_share"],
        },
        {
            "Tjänst": "Medarbetarcentrum",
            "Betalat (tkr)": own["medarbetarcentrum_tkr"],
            "Andel av tjänstens avgifter": own["medarbetarcentrum_fee_share"],
            "Det som kan föras till kommunen": _amount(
                own["positive_changes"],
                "personer till positiv förändring"
                + (" (kolumnens kommun är en slutsats)" if own["positive_change_attribution"] == "inferred" else ""),
            ),
            "Kommunens andel": own["positive_change_share"],
        },
        {
            "Tjänst": "Förbundsbidrag (kansliet)",
            "Betalat (tkr)": own["forbundsbidrag_tkr"],
            "Andel av tjänstens avgifter": own["forbundsbidrag_fee_share"],
            "Det som kan föras till kommunen": "Kansliets arbete redovisas inte per kommun",
            "Kommunens andel": None,
        },
    ]
    service_table = pd.DataFrame(rows)
    numbers = ["Betalat (tkr)", "Andel av tjänstens avgifter", "Kommunens andel"]
    service_table[numbers] = service_table[numbers].apply(pd.to_numeric).astype("float64")  # None → NaN, shown as –
    table(
        service_table,
        f"Per tjänst {chosen.name}",
        {"Betalat (tkr)": NUMBER, "Andel av tjänstens avgifter": SHARE, "Kommunens andel": SHARE},
        [own["fees_source_ref"], own["visits_source_ref"], own["positive_changes_source_ref"]],
        key="returns_services",
    )


def _amount(value: object, what: str) -> str:
    if formatting.is_missing(value):
        return "Ingen uppgift för kommunen"
    return f"{NUMBER(value)} {what}"


def _not_attributed(rows: pd.DataFrame, year: int) -> None:
    st.subheader("Det som inte kan fördelas per kommun")
    lines = []
    unattributed = rows["visits_not_attributed"].dropna()
    municipal = rows["municipal_visits"].dropna()
    if len(unattributed) and len(municipal):
        not_given, given = float(unattributed.iloc[0]), float(municipal.iloc[0])
        groups = queries.visits.unattributed_visitor_groups(year)
        named = f" ({', '.join(f'”{group}”' for group in groups)})" if groups else ""
        lines.append(
            f"{NUMBER(not_given)} av Navets {NUMBER(not_given + given)} besök {year} "
            f"({formatting.format_share(not_given / (not_given + given))}) gjordes av besöksgrupper som inte är en kommun"
            f"{named}. De ingår inte i någon kommuns andel."
        )
    for _, found in queries.medarbetarcentrum.case_columns_attributed(year).iterrows():
        unknown = int(found["columns"]) - int(found["printed"]) - int(found["inferred"])
        if found["case_table"] == "case_statistics" and unknown > 0:
            lines.append(
                f"Medarbetarcentrums ärendestatistik {year} kan inte fördelas per kommun: {NUMBER(unknown)} av "
                f"{NUMBER(found['columns'])} kolumner saknar tryckt rubrik, och inget i årsredovisningen visar vilken kommun de gäller."
            )
        if found["case_table"] == "positive_changes" and int(found["inferred"]) > 0:
            lines.append(
                f"I tabellen över positiva förändringar {year} är {NUMBER(found['inferred'])} kolumners kommun en slutsats, "
                "inte tryckt: rubrikerna saknas (underlaget finns på sidorna Medarbetarcentrum och Om Sjuhärad Insyn)."
            )
    lines.append("Förbundsbidraget betalar kansliet, vars arbete årsredovisningen inte redovisar per kommun.")
    st.markdown("\n".join(f"- {line}" for line in lines))


def _side_by_side(rows: pd.DataFrame, chosen: state.Municipality, year: int) -> None:
    st.subheader(f"Alla kommuner {year}")
    sources = (
        list(rows["fees_source_ref"]) + list(rows["visits_source_ref"]) + list(rows["positive_changes_source_ref"])
    )
    _shares_chart(rows, chosen, sources)
    shown = (
        rows.assign(
            membership=rows["membership"].map(MEMBERSHIP),
            attribution=rows["positive_change_attribution"].map(ATTRIBUTION).fillna(""),
        )
        .sort_values("fee_share", ascending=False, na_position="last")[list(SIDE_BY_SIDE)]
        .rename(columns=SIDE_BY_SIDE)
    )

    def backgrounds(frame: pd.DataFrame) -> pd.DataFrame:
        return highlight(pd.DataFrame("", index=frame.index, columns=frame.columns), frame, chosen.name)

    table(
        shown,
        f"Betalar och får tillbaka {year}",
        {
            "Avgifter (tkr)": NUMBER,
            "Andel av alla avgifter": SHARE,
            "Besök på Navet": NUMBER,
            "Andel av Navets kommunbesök": SHARE,
            "Positiva förändringar (MC)": NUMBER,
            "Andel av positiva förändringar": SHARE,
            "Navetavgift per besök (kr)": NUMBER,
        },
        sources,
        source_extra=f"{chosen.name} är markerad. Tomt (–): ingen uppgift för kommunen",
        key="returns_all",
        backgrounds=backgrounds,
    )


def _shares_chart(rows: pd.DataFrame, chosen: state.Municipality, sources: list[str]) -> None:
    largest = rows.sort_values("fee_share", ascending=False).head(MAX_CHART_GROUPS)
    if chosen.code not in set(largest["municipality_code"]):
        largest = pd.concat([largest, rows[rows["municipality_code"] == chosen.code]])
    long = largest.melt(
        id_vars=["municipality_name"], value_vars=list(SHARES_CHART), var_name="share", value_name="value"
    )
    long = long.dropna(subset=["value"]).assign(
        share=lambda frame: frame["share"].map(SHARES_CHART), percent=lambda frame: frame["value"] * 100
    )
    if long.empty:
        return
    order = list(largest["municipality_name"])
    figure = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("municipality_name:N", title=None, sort=order),
            yOffset=alt.YOffset("share:N", sort=list(SHARES_CHART.values())),
            x=alt.X("percent:Q", axis=alt.Axis(title="Andel (%)", format=",.0f")),
            color=alt.Color(
                "share:N",
                title=None,
                sort=list(SHARES_CHART.values()),
                scale=alt.Scale(range=["#1f5f99", "#2a7f62", "#6a4c93"]),
            ),
            tooltip=[
                alt.Tooltip("municipality_name:N", title="Kommun"),
                alt.Tooltip("share:N", title=" "),
                alt.Tooltip("percent:Q", title="Andel (%)", format=",.1f"),
            ],
        )
        .properties(height=max(200, 60 * len(order)))
    )
    extra = "Andelarna av besöken och de positiva förändringarna räknas bara över det som kan föras till en kommun"
    if len(rows) > len(largest):
        extra += f"; diagrammet visar de {MAX_CHART_GROUPS} som betalar mest och din kommun, tabellen alla"
    chart(figure, sources, extra)


run_page(render)
