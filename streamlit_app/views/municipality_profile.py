"""Kommunprofil: what the reader's municipality paid, for which services, what it got back, how it
compares with the members and how that developed over the chosen years; and its sheet for board papers."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import formatting, queries, sheet, state
from streamlit_app.comparison import ASSESSMENT_COLOURS, ASSESSMENT_TEXT, MEASURES, position, rank_text
from streamlit_app.components import NUMBER, bar_by_year, chart, few_years, latest_rows, metric, swedish_axis, table
from streamlit_app.guard import run_page
from streamlit_app.labels import FEE_TYPES, MEMBERSHIP
from streamlit_app.ranking import measure_difference, measure_value
from streamlit_app.trends import TREND_COLUMNS, trend, trend_row, trend_values_row
from streamlit_app.warehouse import deferred

WIDE_YEARS = 5


def render() -> None:
    st.title("Kommunprofil")
    municipalities = queries.municipalities.municipality_choices()  # says so when nothing is published
    chosen = state.chosen_municipality()
    if chosen is None or not municipalities:
        st.info("Välj en kommun i menyn till vänster.")
        return
    st.caption(
        f"{chosen.name} ({MEMBERSHIP.get(chosen.membership, chosen.membership).lower()}, {chosen.county_name}), "
        f"{state.year_range_text()}. Byt kommun i menyn till vänster. Jämförelserna gäller medlemskommunernas "
        "oviktade medelvärde."
    )
    history = queries.municipalities.municipality_years(state.selected_years(), chosen.code)
    first, last = state.selected_years()
    in_range = history[(history["year"] >= first) & (history["year"] <= last)]
    if in_range.empty:
        st.info(f"{chosen.name} har inga avgifter eller besök för de valda åren.")
        return
    latest = in_range.sort_values("year").iloc[-1]
    sources = queries.municipalities.sources_of(in_range)
    _headline(latest)
    _sheet_downloads(chosen)
    _services(chosen)
    _paid(chosen)
    _development(history, first, last, sources)
    _comparison(chosen, int(latest["year"]), sources)
    _against_members_over_time(chosen, sources)
    _outcomes(chosen)


def _headline(latest: pd.Series) -> None:
    year = int(latest["year"])
    columns = st.columns(4)
    with columns[0]:
        metric(f"Förbundsbidrag {year}", formatting.format_tkr(latest["forbundsbidrag_tkr"]))
    # Like for like: the share of Navet's fees beside the share of Navet's municipal visits.
    with columns[1]:
        metric(
            f"Medlemsavgift Navet {year}",
            formatting.format_tkr(latest["navet_tkr"]),
            delta=None
            if formatting.is_missing(latest["navet_fee_share"])
            else f"{formatting.format_share(latest['navet_fee_share'])} av avgifterna",
            help="Kommunens andel av alla kommuners medlemsavgifter till Navet.",
        )
    with columns[2]:
        metric(
            f"Besök på Navet {year}",
            NUMBER(latest["visits"]),
            delta=None
            if formatting.is_missing(latest["visit_share"])
            else f"{formatting.format_share(latest['visit_share'])} av kommunbesöken",
            help=MEASURES["visit_share"].help,
        )
    with columns[3]:
        metric(
            f"Navetavgift per besök {year}",
            measure_value(MEASURES["navet_kr_per_visit"], latest["navet_kr_per_visit"]),
            help=MEASURES["navet_kr_per_visit"].help,
        )


def _sheet_downloads(chosen: state.Municipality) -> None:
    years = state.selected_years()
    stem = sheet.file_stem(chosen)
    buttons = st.container(horizontal=True)
    buttons.download_button(
        "Kommunblad (Excel)",
        data=lambda: sheet.workbook(sheet.gather(chosen, years)),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="sheet_xlsx",
        on_click="ignore",
        icon=":material/download:",
        help="En flik per tabell: nyckeltal, jämförelse, år för år, utveckling, avgifter, tjänster, källor.",
    )
    buttons.download_button(
        "Kommunblad (PDF, en sida)",
        data=lambda: sheet.pdf(sheet.gather(chosen, years)),
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        key="sheet_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help="En sida för handlingar: nyckeltal, jämförelse med medlemskommunerna, utveckling och källor.",
    )


def _services(chosen: state.Municipality) -> None:
    services = queries.municipalities.services(state.selected_years(), chosen.code)
    if services.empty:
        return
    st.subheader(f"Tjänster {chosen.name} betalade för")
    shown = sheet.services_for_display(services).sort_values("År", ascending=False)
    table(
        latest_rows(shown, "År"),
        f"Tjänster {chosen.name}",
        None,
        "Noterna om förbundsbidrag och medlemsavgifter",
        source_extra="Ja: avgiften i noten är större än noll det året",
        key="profile_services",
        complete=lambda: shown,
        rows_in_complete=len(shown),
    )


def fees_by_type_and_year(own_fees: pd.DataFrame) -> pd.DataFrame:
    labelled = own_fees.assign(fee_label=own_fees["fee_type"].map(FEE_TYPES))
    wide = labelled.pivot_table(index="fee_label", columns="year", values="amount_tkr", aggfunc="sum").reset_index()
    wide.columns = ["Avgiftstyp", *[f"{year} (tkr)" for year in wide.columns[1:]]]
    return wide


def _paid(chosen: state.Municipality) -> None:
    st.subheader(f"Vad {chosen.name} betalade")
    own_fees = queries.common.read_query(queries.fees.own_fees(state.selected_years(), chosen.code))
    if own_fees.empty:
        st.info("Inga avgifter för de valda åren.")
        return
    shown = own_fees.assign(fee_label=own_fees["fee_type"].map(FEE_TYPES))
    figure = bar_by_year(shown, "amount_tkr", "fee_label", "Avgiftstyp", 260)
    chart(figure, own_fees["source_ref"])
    first_shown, _ = state.recent_years(WIDE_YEARS)
    wide = fees_by_type_and_year(own_fees[own_fees["year"] >= first_shown])
    extra = (
        ""
        if first_shown == state.selected_years()[0]
        else (f"Tabellen visar de senaste {WIDE_YEARS} åren; alla valda år finns i nedladdningarna")
    )
    complete = deferred(queries.fees.own_fees(state.selected_years(), chosen.code))
    table(
        wide,
        f"Avgifter {chosen.name}",
        {column: NUMBER for column in wide.columns[1:]},
        own_fees["source_ref"],
        source_extra=extra,
        key="profile_fees",
        complete=lambda: fees_by_type_and_year(complete()),
    )


def _development(history: pd.DataFrame, first: int, last: int, sources: list[str]) -> None:
    if first == last:
        return
    st.subheader(f"Utveckling {first}–{last}")
    st.caption(
        "Från det första till det sista året i intervallet som har en uppgift, i genomsnitt per år, och mot året före det sista. "
        "Andelar förändras i procentenheter."
    )
    by_year = history.set_index("year")
    shown, raw = [], []
    for measure in MEASURES.values():
        values = by_year[measure.column] * (100 if measure.share else 1)
        found = trend(values, first, last)
        if measure.share:
            shown.append(trend_row(measure.label, found, "%", measure.decimals, change_unit="procentenheter"))
        else:
            shown.append(trend_row(measure.label, found, measure.unit, measure.decimals))
        raw.append(trend_values_row(measure.label, found))
    table(
        pd.DataFrame(shown, columns=TREND_COLUMNS),
        "Utveckling kommunen",
        None,
        sources,
        key="profile_trends",
        complete=lambda: pd.DataFrame(raw, columns=TREND_COLUMNS),
    )


def _comparison(chosen: state.Municipality, year: int, sources: list[str]) -> None:
    st.subheader(f"{chosen.name} jämfört med medlemskommunerna {year}")
    rows = queries.municipalities.municipalities_in_year(year)
    found = []
    for measure in MEASURES.values():
        mine = position(rows, measure, chosen.code)
        found.append(
            {
                "Mått": measure.label,
                chosen.name: measure_value(measure, mine["value"]),
                "Medel, medlemskommuner": measure_value(measure, mine["member_mean"]),
                "Plats": rank_text(mine["rank"], int(mine["ranked_count"])),
                "Ordning": measure.first_place,
                "Skillnad mot medel": measure_difference(measure, mine["difference"]),
                "Bedömning": ASSESSMENT_TEXT.get(mine["assessment"], "Ingen riktning är bättre")
                if measure.direction
                else "Ingen riktning är bättre",
                "_assessment": mine["assessment"],
            }
        )
    comparison = pd.DataFrame(found)
    assessments = list(comparison.pop("_assessment"))

    def backgrounds(frame: pd.DataFrame) -> pd.DataFrame:
        colours = pd.DataFrame("", index=frame.index, columns=frame.columns)
        for index in frame.index:
            if assessments[index] in ASSESSMENT_COLOURS:
                colours.at[index, "Bedömning"] = f"background-color: {ASSESSMENT_COLOURS[assessments[index]]}"
        return colours

    table(
        comparison,
        f"{chosen.name} mot medlemmarna {year}",
        None,
        sources,
        source_extra="Plats bland medlemskommunerna som har ett värde; färg bara för mått där högre eller lägre är bättre "
        "(se hjälptexten på sidan Jämför kommuner)",
        key="profile_comparison",
        backgrounds=backgrounds,
        column_help={"Mått": st.column_config.Column(help=" ".join(f"{m.label}: {m.help}" for m in MEASURES.values()))},
    )


def _against_members_over_time(chosen: state.Municipality, sources: list[str]) -> None:
    column = st.selectbox(
        "Mått över åren",
        list(MEASURES),
        format_func=lambda code: MEASURES[code].label,
        key="profile_measure",
        help="Kommunens värde år för år bredvid medlemskommunernas oviktade medelvärde.",
    )
    measure = MEASURES[column]
    by_year = queries.municipalities.measure_by_year(state.selected_years(), chosen.code, column)
    scale = 100 if measure.share else 1
    long = by_year.melt(id_vars="year", value_vars=["own", "member_mean"], var_name="who", value_name="value").dropna()
    if long.empty:
        st.info(f"{measure.label} finns inte för {chosen.name} under de valda åren.")
        return
    long = long.assign(
        who=long["who"].map({"own": chosen.name, "member_mean": "Medel, medlemskommuner"}),
        plotted=long["value"] * scale,
    )
    unit = "%" if measure.share else measure.unit
    encoding = {
        "x": alt.X("year:O", title="År"),
        "y": alt.Y(
            "plotted:Q", axis=swedish_axis(f"{measure.label} ({unit})", 1 if measure.share else measure.decimals)
        ),
        "color": alt.Color("who:N", title=None),
        "tooltip": [
            alt.Tooltip("who:N", title=" "),
            alt.Tooltip("year:O", title="År"),
            alt.Tooltip("plotted:Q", title=unit, format=f",.{measure.decimals}f"),
        ],
    }
    base = alt.Chart(long)
    marked = (
        base.mark_bar().encode(xOffset="who:N", **encoding)
        if few_years(long["year"])
        else base.mark_line(point=True).encode(**encoding)
    )
    chart(marked.properties(height=260), sources, measure.help)


def _outcomes(chosen: state.Municipality) -> None:
    own = queries.medarbetarcentrum.inferred_outcomes(state.selected_years(), chosen.code)
    if own.empty:
        return
    st.subheader("Medarbetarcentrum: positiva förändringar (slutsats)")
    st.warning(
        f"Kolumnrubrikerna saknas i årsredovisningen; att kolumnen gäller {chosen.name} är en **slutsats**, inte en tryckt uppgift. "
        "Se sidan Medarbetarcentrum för underlaget.",
        icon=":material/help:",
    )
    shown = own[["year", "column_no", "value"]].rename(
        columns={"year": "År", "column_no": "Kolumn", "value": "Personer (trolig kommun)"}
    )
    table(
        latest_rows(shown, "År"),
        f"Positiv förändring {chosen.name}",
        {"Personer (trolig kommun)": NUMBER},
        own["source_ref"],
        key="profile_outcomes",
        complete=lambda: shown,
        rows_in_complete=len(shown),
    )


run_page(render)
