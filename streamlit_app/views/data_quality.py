"""Datakvalitet och källor: check results and their history, warnings with figures, sources, restatements."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries
from streamlit_app.components import NUMBER, SIGNED, chart, metric, row_budget, table
from streamlit_app.filters import year_range_text
from streamlit_app.guard import run_page
from streamlit_app.labels import CHECK_KINDS, SEVERITY
from streamlit_app.quality import latest_run_summary, observed_details, warning_rows
from streamlit_app.status import published_at_text

AUDIT_SOURCE = "Sjuhärad Insyn, audit.check_results"
REPORT_TABLE_COLUMNS = {
    "report_title": "Årsredovisning", "title": "Rubrik", "note": "Not", "page": "Sida", "unit": "Enhet",
    "period_year": "Avser år", "table_id": "Tabell-id", "file": "Fil", "comment": "Kommentar",
}


def render() -> None:
    st.title("Datakvalitet och källor")
    record = queries.publication()
    results = queries.check_results()
    summary = latest_run_summary(results, record)
    _latest(results, record, summary)
    _warnings(results, summary["run_id"])
    _history(results)
    _sources()
    _restatements()


def _latest(results: pd.DataFrame, record: dict | None, summary: dict) -> None:
    st.subheader("Senaste kontrollerna")
    columns = st.columns(4)
    with columns[0]:
        metric("Publicerad", published_at_text(record.get("published_at")).split(" ")[0] if record else "okänt")
    with columns[1]:
        metric("Godkända", f"{NUMBER(summary['passed'])} av {NUMBER(summary['checks'])}")
    with columns[2]:
        metric("Varningar", NUMBER(summary["warnings"]))
    with columns[3]:
        metric("Fel", NUMBER(summary["errors"]))
    if record:
        st.caption(f"Version {record.get('version_id', 'okänd')}, körning {summary['run_id'] or 'okänd'}.")
    if results.empty:
        st.info("Inga kontrollresultat är sparade i den publicerade versionen.")
        return
    run = results[results["run_id"] == summary["run_id"]]
    grouped = (
        run.assign(kind=run["kind"].map(lambda k: CHECK_KINDS.get(k, k)), outcome=run["passed"].map({True: "Godkänd", False: "Ej godkänd"}))
        .groupby(["kind", "outcome"], as_index=False)
        .size()
        .rename(columns={"kind": "Typ av kontroll", "outcome": "Utfall", "size": "Antal"})
    )
    table(grouped, "Kontroller per typ", {"Antal": NUMBER}, AUDIT_SOURCE, key="checks_by_kind")


def _warnings(results: pd.DataFrame, run_id: str | None) -> None:
    st.subheader("Varningar och fel med exakta siffror")
    failed = warning_rows(results, run_id)
    if failed.empty:
        st.success("Den senaste körningen gav inga varningar eller fel.", icon=":material/check_circle:")
        return
    rows = []
    for _, check in failed.iterrows():
        details = observed_details(check["observed"]) or [check["message"]]
        for detail in details:
            rows.append(
                {
                    "Allvar": SEVERITY.get(check["severity"], check["severity"]),
                    "Kontroll": check["check_name"],
                    "Tabell": check["asset"],
                    "Avvikelse": detail,
                }
            )
    for row in rows:
        box = st.warning if row["Allvar"] == "Varning" else st.error
        box(f"**{row['Kontroll']}** ({row['Tabell']}): {row['Avvikelse']}")
    table(pd.DataFrame(rows), "Varningar", None, AUDIT_SOURCE, key="warnings")


def _history(results: pd.DataFrame) -> None:
    st.subheader("Historik")
    if results.empty:
        st.info("Ingen historik ännu.")
        return
    runs = results.assign(failed_warning=~results["passed"].astype(bool) & (results["severity"] == "warning"),
                          failed_error=~results["passed"].astype(bool) & (results["severity"] == "error"))
    history = (
        runs.groupby(["run_id", "target"], as_index=False)
        .agg(checked_at=("checked_at", "max"), checks=("passed", "size"), passed=("passed", "sum"),
             warnings=("failed_warning", "sum"), errors=("failed_error", "sum"))
        .sort_values("checked_at", ascending=False)
    )
    history["checked_at"] = [published_at_text(pd.Timestamp(value).isoformat()) for value in history["checked_at"]]
    history["target"] = history["target"].map({"build": "Bygget (före publicering)", "published": "Publicerat (omkontroll)"}).fillna(history["target"])
    if len(history) > 1:
        long = history.melt(id_vars="checked_at", value_vars=["passed", "warnings", "errors"], var_name="outcome", value_name="n")
        long["outcome"] = long["outcome"].map({"passed": "Godkända", "warnings": "Varningar", "errors": "Fel"})
        figure = alt.Chart(long).mark_bar().encode(
            x=alt.X("checked_at:N", title="Kontrollerad"), y=alt.Y("n:Q", title="Antal kontroller"),
            color=alt.Color("outcome:N", title=None, scale=alt.Scale(domain=["Godkända", "Varningar", "Fel"], range=["#2a7f62", "#e0a800", "#c0392b"])),
        ).properties(height=240)
        chart(figure, AUDIT_SOURCE)
    shown = history.rename(columns={"run_id": "Körning", "target": "Kontrollerat", "checked_at": "Kontrollerad",
                                    "checks": "Kontroller", "passed": "Godkända", "warnings": "Varningar", "errors": "Fel"})
    table(shown[["Kontrollerad", "Kontrollerat", "Kontroller", "Godkända", "Varningar", "Fel", "Körning"]], "Kontrollhistorik",
          {"Kontroller": NUMBER, "Godkända": NUMBER, "Varningar": NUMBER, "Fel": NUMBER}, AUDIT_SOURCE, key="check_history")
    with st.expander("Alla kontrollresultat"):
        every = results[["checked_at", "check_name", "asset", "kind", "severity", "passed", "message"]].copy()
        every["checked_at"] = [published_at_text(pd.Timestamp(value).isoformat()) for value in every["checked_at"]]
        every = every.rename(columns={"checked_at": "Kontrollerad", "check_name": "Kontroll", "asset": "Tabell", "kind": "Typ",
                                      "severity": "Allvar", "passed": "Godkänd", "message": "Meddelande"})
        table(every, "Alla kontrollresultat", None, AUDIT_SOURCE, key="all_checks", height=400)


def _sources() -> None:
    st.subheader("Källor")
    st.caption("Varje tabell i årsredovisningen som datalagret bygger på, med not och sida när de är kända.")
    part = queries.report_tables_part(row_budget(len(REPORT_TABLE_COLUMNS)))
    table(_report_tables_for_display(part.shown), "Tabeller i årsredovisningarna", None, "raw.report_tables",
          key="report_tables", complete=lambda: _report_tables_for_display(part.complete()), rows_in_complete=part.rows_in_range)
    sources = queries.table_sources().rename(columns={"mart": "Datamart", "source_ref": "Källa", "source_table": "Tabell-id",
                                                      "source_note": "Not", "source_page": "Sida", "rows": "Rader", "source_report": "Rapport"})
    st.caption(f"Datamarternas rader {year_range_text()} och varifrån de kommer.")
    table(sources[["Datamart", "Källa", "Not", "Sida", "Rader", "Tabell-id"]], "Källa för varje datamart", {"Rader": NUMBER},
          "marts.*.source_ref", key="mart_sources")


def _report_tables_for_display(tables: pd.DataFrame) -> pd.DataFrame:
    return tables.rename(columns=REPORT_TABLE_COLUMNS)[list(REPORT_TABLE_COLUMNS.values())]


def _restatements() -> None:
    st.subheader("Omräkningar mellan årsredovisningar")
    restated = queries.restatements()
    if restated.empty:
        st.info("Inga omräkningar: ingen senare årsredovisning anger en annan siffra för samma år.")
        return
    shown = restated.rename(columns={"fact": "Datamart", "grain": "Post", "year": "År", "earlier_report": "Tidigare rapport",
                                     "earlier_value": "Tidigare värde", "later_report": "Senare rapport", "later_value": "Senare värde",
                                     "difference": "Skillnad"})
    table(shown, "Omräkningar", {"Tidigare värde": NUMBER, "Senare värde": NUMBER, "Skillnad": SIGNED}, "marts.fct_restatements", key="restatements")


run_page(render)
