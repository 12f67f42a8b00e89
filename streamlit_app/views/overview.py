"""Översikt: the latest year's key figures against the year before, and the status of the data."""

import pandas as pd
import streamlit as st

from streamlit_app import formatting, queries
from streamlit_app.components import change_text, metric, source_note
from streamlit_app.filters import selected_years
from streamlit_app.guard import run_page
from streamlit_app.quality import latest_run_summary, warning_rows
from streamlit_app.status import published_at_text


def _value(frame: pd.DataFrame, year: int, column: str, **where) -> float | None:
    rows = frame[frame["year"] == year]
    for name, wanted in where.items():
        rows = rows[rows[name] == wanted]
    return None if rows.empty else float(rows[column].iloc[0])


def _sources(frame: pd.DataFrame, year: int, **where) -> list[str]:
    rows = frame[frame["year"].isin([year, year - 1])]
    for name, wanted in where.items():
        rows = rows[rows[name] == wanted]
    return list(rows["source_ref"].dropna())


def _figure(label: str, frame: pd.DataFrame, year: int, column: str, unit: str, **where) -> list[str]:
    current = _value(frame, year, column, **where)
    previous = _value(frame, year - 1, column, **where)
    text = formatting.format_number(current)
    metric(
        label,
        formatting.with_unit(text, unit) if unit else text,
        delta=change_text(current, previous, unit) or "Inget föregående år att jämföra med",
        change=None if current is None or previous is None else current - previous,
    )
    return _sources(frame, year, **where)


def render() -> None:
    st.title("Översikt")
    data = queries.overview_figures()
    first, last = selected_years()
    years_with_figures = sorted(set(data["statement"]["year"]) & set(range(first, last + 1)))
    if not years_with_figures:
        st.info("Det finns inga uppgifter för de valda åren.")
        return
    year = years_with_figures[-1]
    st.subheader(f"Nyckeltal {year}")
    st.caption(f"Jämfört med {year - 1}. Belopp i tusental kronor (tkr).")

    sources: list[str] = []
    row = st.columns(3)
    with row[0]:
        sources += _figure("Årets resultat", data["statement"], year, "amount_tkr", "tkr", line_id="arets_resultat")
    with row[1]:
        sources += _figure("Verksamhetens intäkter", data["statement"], year, "amount_tkr", "tkr", line_id="verksamhetens_intakter")
    with row[2]:
        sources += _figure("Verksamhetens kostnader", data["statement"], year, "amount_tkr", "tkr", line_id="verksamhetens_kostnader")
    row = st.columns(3)
    with row[0]:
        sources += _figure("Medlemsavgifter och förbundsbidrag, totalt", data["fees"], year, "amount_tkr", "tkr")
    with row[1]:
        sources += _figure("Besök på Navet", data["visits"], year, "visits", "")
    with row[2]:
        sources += _medarbetarcentrum_figure(data, year)
    source_note(sources)

    _render_status()


def _medarbetarcentrum_figure(data: dict[str, pd.DataFrame], year: int) -> list[str]:
    figures = data["key_figures"]
    handled = figures[(figures["year"] == year) & (figures["figure_id"] == "mc_medarbetare_hanterade")]
    changes = data["positive_changes"]
    changed = changes[changes["year"] == year]
    if handled.empty and changed.empty:
        metric("Medarbetarcentrum, hanterade medarbetare", formatting.MISSING)
        return []
    value = formatting.MISSING
    if not handled.empty:
        qualifier = handled["qualifier"].iloc[0]
        value = formatting.format_number(handled["value"].iloc[0])
        value = f"{qualifier} {value}" if isinstance(qualifier, str) and qualifier else value
    detail = ""
    if not changed.empty:
        detail = f"varav {formatting.format_number(changed['value'].iloc[0])} till positiv förändring"
    metric(
        "Medarbetarcentrum, hanterade medarbetare",
        value,
        delta=detail or None,
        help="Antalet anges i årsredovisningens text (”drygt 500 medarbetare”); föregående år anges inte.",
    )
    return list(handled["source_ref"]) + list(changed["source_ref"])


def _render_status() -> None:
    st.subheader("Uppgifternas status")
    record = queries.publication()
    results = queries.check_results()
    summary = latest_run_summary(results, record)
    published = published_at_text(record.get("published_at")) if record else "okänt"
    columns = st.columns(4)
    columns[0].metric("Publicerad", published.split(" ")[0], help=f"Publicerad {published} (svensk tid).")
    columns[1].metric("Kontroller godkända", f"{formatting.format_number(summary['passed'])} av {formatting.format_number(summary['checks'])}")
    columns[2].metric("Varningar", formatting.format_number(summary["warnings"]))
    columns[3].metric("Fel", formatting.format_number(summary["errors"]))
    st.caption(f"Publicerad {published} (svensk tid), version {record.get('version_id', 'okänd') if record else 'okänd'}.")
    warnings = warning_rows(results, summary["run_id"])
    if warnings.empty:
        st.success("Alla kontroller gick igenom utan varningar.", icon=":material/check_circle:")
    else:
        st.warning(
            f"{len(warnings)} kontroller gav varningar. Det är avvikelser i själva årsredovisningen som är "
            "kända och dokumenterade; se sidan Datakvalitet och källor för exakta siffror.",
            icon=":material/warning:",
        )
        for message in warnings["message"]:
            st.markdown(f"- {message}")
    source_note(["meta.publication", "audit.check_results"])


run_page(render)
