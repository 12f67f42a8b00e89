"""Översikt: the latest year's key figures against the year before, their development over the
chosen years, the reader's municipality in brief, and the status of the data."""

import pandas as pd
import streamlit as st

from streamlit_app import formatting, queries, state
from streamlit_app.checks import failed_checks, sentences
from streamlit_app.comparison import FEDERATION_MEASURES, Measure, change_in_words
from streamlit_app.components import metric, source_note, table
from streamlit_app.guard import run_page
from streamlit_app.quality import latest_run_summary, names_for, warning_rows
from streamlit_app.status import published_at_text
from streamlit_app.trends import TREND_COLUMNS, trend, trend_row, trend_values_row

SHOWN_WARNINGS = 5


def _series(frame: pd.DataFrame, column: str, **where) -> pd.Series:
    rows = frame
    for name, wanted in where.items():
        rows = rows[rows[name] == wanted]
    return rows.set_index("year")[column]


def _value(series: pd.Series, year: int) -> float | None:
    return float(series[year]) if year in series.index and not formatting.is_missing(series[year]) else None


def _sources(frame: pd.DataFrame, years: list[int], **where) -> list[str]:
    rows = frame[frame["year"].isin(years)]
    for name, wanted in where.items():
        rows = rows[rows[name] == wanted]
    return list(rows["source_ref"].dropna())


# (measure, frame of overview_figures, value column, row filter)
FIGURES = [
    (FEDERATION_MEASURES["arets_resultat"], "statement", "amount_tkr", {"line_id": "arets_resultat"}),
    (FEDERATION_MEASURES["verksamhetens_intakter"], "statement", "amount_tkr", {"line_id": "verksamhetens_intakter"}),
    (FEDERATION_MEASURES["verksamhetens_kostnader"], "statement", "amount_tkr", {"line_id": "verksamhetens_kostnader"}),
    (FEDERATION_MEASURES["fees_total"], "fees", "amount_tkr", {}),
    (FEDERATION_MEASURES["visits_total"], "visits", "visits", {}),
]


def render() -> None:
    st.title("Översikt")
    data = queries.statements.overview_figures()
    first, last = state.selected_years()
    years_with_figures = sorted(set(data["statement"]["year"]) & set(range(first, last + 1)))
    if not years_with_figures:
        st.info("Det finns inga uppgifter för de valda åren. Välj andra år i menyn till vänster.")
        _render_status()
        return
    year = years_with_figures[-1]
    st.subheader(f"Nyckeltal {year}")
    st.caption(f"Jämfört med {year - 1}. Belopp i tusental kronor (tkr).")

    sources: list[str] = []
    for row_start in (0, 3):
        columns = st.columns(3)
        for column, (measure, frame, value_column, where) in zip(columns, FIGURES[row_start : row_start + 3]):
            with column:
                series = _series(data[frame], value_column, **where)
                _figure(measure, series, year)
                sources += _sources(data[frame], [year, year - 1], **where)
        if row_start == 3:
            with columns[2]:
                sources += _medarbetarcentrum_figure(data, year)
    source_note(sources)
    _trends(data, first, last)
    _my_municipality()
    _render_status()


def _figure(measure: Measure, series: pd.Series, year: int) -> None:
    current, previous = _value(series, year), _value(series, year - 1)
    text = formatting.format_number(current)
    value = formatting.with_unit(text, measure.unit) if measure.unit else text
    change = change_in_words(measure, current, previous, year - 1)
    if change is None:
        st.metric(measure.label, value, delta="Inget föregående år att jämföra med", delta_arrow="off", border=True)
        return
    st.metric(
        measure.label,
        value,
        delta=change.short,
        delta_color=change.colour,
        delta_arrow=change.arrow,
        border=True,
        help=f"{change.sentence}. {measure.meaning}",
    )


def _trends(data: dict[str, pd.DataFrame], first: int, last: int) -> None:
    if first == last:
        return
    st.subheader(f"Utveckling {first}–{last}")
    st.caption(
        "Förändringen från det första till det sista året i det valda intervallet som har en uppgift, "
        "den genomsnittliga förändringen per år och förändringen mot året före det sista."
    )
    shown, raw, sources = [], [], []
    for measure, frame, value_column, where in FIGURES:
        found = trend(_series(data[frame], value_column, **where), first, last)
        shown.append(trend_row(measure.label, found, measure.unit))
        raw.append(trend_values_row(measure.label, found))
        sources += _sources(data[frame], list(range(first - 1, last + 1)), **where)
    table(
        pd.DataFrame(shown, columns=TREND_COLUMNS),
        f"Utveckling {first}–{last}",
        None,
        sources,
        source_extra=_TREND_NOTE,
        key="overview_trends",
        complete=lambda: pd.DataFrame(raw, columns=TREND_COLUMNS),
    )


_TREND_NOTE = (
    "Genomsnitt per år (%) är den årliga förändringstakten (geometriskt medelvärde) och visas bara när "
    "både första och sista värdet är positiva"
)


def _medarbetarcentrum_figure(data: dict[str, pd.DataFrame], year: int) -> list[str]:
    figures = data["key_figures"]
    handled = figures[(figures["year"] == year) & (figures["figure_id"] == "mc_medarbetare_hanterade")]
    earlier = figures[(figures["year"] == year - 1) & (figures["figure_id"] == "mc_medarbetare_hanterade")]
    changes = data["positive_changes"]
    changed = changes[changes["year"] == year]
    label = "Medarbetare hos Medarbetarcentrum"
    if handled.empty and changed.empty:
        metric(label, formatting.MISSING, help="Årsredovisningen anger inget antal för året.")
        return []
    value = formatting.MISSING
    help_text = None
    if not handled.empty:
        qualifier = handled["qualifier"].iloc[0]
        value = formatting.format_number(handled["value"].iloc[0])
        value = f"{qualifier} {value}" if isinstance(qualifier, str) and qualifier else value
        help_text = f"Antalet står i årsredovisningens text: ”{handled['label'].iloc[0]}”."
        if earlier.empty:
            help_text += f" Något antal för {year - 1} anges inte."
    detail = None
    if not changed.empty:
        detail = f"varav {formatting.format_number(changed['value'].iloc[0])} till positiv förändring"
    metric(label, value, delta=detail, help=help_text)
    return list(handled["source_ref"]) + list(changed["source_ref"])


def _my_municipality() -> None:
    chosen = state.chosen_municipality()
    years = queries.municipalities.comparison_years(state.selected_years())
    if chosen is None or not years:
        return
    own = queries.municipalities.municipalities_in_year(years[-1])
    own = own[own["municipality_code"] == chosen.code]
    st.subheader(f"{chosen.name} {years[-1]}")
    if own.empty:
        st.info(f"{chosen.name} har inga avgifter eller besök {years[-1]}.")
        return
    row = own.iloc[0]
    columns = st.columns(3)
    with columns[0]:
        metric(
            "Betalade",
            formatting.format_tkr(row["fees_total_tkr"]),
            help="Förbundsbidrag och medlemsavgifter till Navet och Medarbetarcentrum, summerade.",
        )
    with columns[1]:
        metric(
            "Andel av Navets avgifter",
            formatting.format_share(row["navet_fee_share"]),
            help="Kommunens medlemsavgift till Navet delat med alla kommuners; bredvid står andelen av besöken.",
        )
    with columns[2]:
        metric(
            "Andel av Navets kommunbesök",
            formatting.format_share(row["visit_share"]),
            help="Kommunens besök delat med besöken av alla besöksgrupper som är en kommun.",
        )
    st.page_link(
        "views/returns.py",
        label=f"Vad betalar {chosen.name} och vad får kommunen tillbaka?",
        icon=":material/arrow_forward:",
    )
    source_note([row["fees_source_ref"], row["visits_source_ref"]])


def _render_status() -> None:
    st.subheader("Uppgifternas status")
    record = queries.meta.publication()
    results = queries.meta.check_results()
    summary = latest_run_summary(results, record)
    published = published_at_text(record.get("published_at")) if record else "okänt"
    columns = st.columns(4)
    columns[0].metric("Publicerad", published.split(" ")[0], help=f"Publicerad {published} (svensk tid).")
    columns[1].metric(
        "Kontroller godkända",
        f"{formatting.format_number(summary['passed'])} av {formatting.format_number(summary['checks'])}",
    )
    columns[2].metric("Varningar", formatting.format_number(summary["warnings"]))
    columns[3].metric("Fel", formatting.format_number(summary["errors"]))
    st.caption(f"Publicerad {published} (svensk tid).")
    failed = failed_checks(warning_rows(results, summary["run_id"]))
    if failed.empty:
        st.success("Alla kontroller gick igenom utan varningar.", icon=":material/check_circle:")
    else:
        st.warning(
            f"{formatting.format_number(len(failed))} kontroller gav varningar. Det är kända avvikelser, till exempel "
            "avrundningar och siffror som inte går ihop i den tryckta årsredovisningen; inget har rättats i tysthet. "
            "Sidan Datakvalitet och källor visar dem med exakta siffror.",
            icon=":material/warning:",
        )
        names = names_for(failed.head(SHOWN_WARNINGS))
        for _, check in failed.head(SHOWN_WARNINGS).iterrows():
            st.markdown(f"- {sentences(check, names)[0]}")
    source_note("Sjuhärad Insyn, kontrollresultat och publiceringsuppgifter")
    with st.expander("Teknisk information"):
        st.caption(
            f"Version {record.get('version_id', 'okänd') if record else 'okänd'}, körning {summary['run_id'] or 'okänd'}."
        )


run_page(render)
