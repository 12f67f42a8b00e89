"""Datakvalitet och källor: what was checked and what the checks found, in plain Swedish; the history
of the checks; the report tables the figures come from; restatements. Check names, run ids, table
names and the engineers' messages are in the collapsed "Teknisk information" parts only."""

import json
import re

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import queries, state
from streamlit_app.checks import consequence, failed_checks, sentences
from streamlit_app.components import NUMBER, SIGNED, chart, limited_part, metric, row_budget, table
from streamlit_app.guard import run_page
from streamlit_app.labels import CHECK_KINDS, OTHER_CHECK_KIND, SEVERITY, TARGETS, table_name
from streamlit_app.quality import latest_run_summary, names_for, warning_rows
from streamlit_app.state import year_range_text
from streamlit_app.status import published_at_text

AUDIT_SOURCE = "Sjuhärad Insyn, kontrollresultat"
REPORT_TABLE_COLUMNS = {
    "report_title": "Årsredovisning",
    "title": "Rubrik",
    "note": "Not",
    "page": "Sida",
    "unit": "Enhet",
    "period_year": "Avser år",
}
REPORT_TABLE_TECHNICAL = {
    "report_title": "Årsredovisning",
    "title": "Rubrik",
    "table_id": "Tabell-id",
    "file": "Fil",
    "table_type": "Tabelltyp",
    "comment": "Kommentar vid inmatningen",
}


def render() -> None:
    st.title("Datakvalitet och källor")
    st.caption(
        "Varje siffra kommer ur en tabell i en årsredovisning. Innan en version publiceras kontrolleras att "
        "de tryckta summorna går ihop, att tabellerna följer sina regler och att avgifterna är rimliga jämfört "
        "med året före. Ett fel stoppar publiceringen; en varning publiceras med avvikelsen synlig här."
    )
    record = queries.meta.publication()
    results = queries.meta.check_results()
    summary = latest_run_summary(results, record)
    _quarantine(queries.meta.quarantined_reports())
    _latest(results, record, summary)
    _findings(results, summary["run_id"])
    _history(results)
    _sources()
    _restatements()
    _technical(results, record, summary)


FIGURES_KEPT = {
    "last_published": "Siffrorna från den senast publicerade versionen av årsredovisningen gäller tills vidare.",
    "none": "Inga siffror ur den har publicerats ännu.",
}


def _report_name(report_id: str, title: str) -> str:
    year = re.fullmatch(r"arsredovisning-(\d{4}).*", report_id)
    return title if title != report_id or not year else f"Årsredovisning {year[1]}"


def _quarantine(quarantined: pd.DataFrame) -> None:
    """Reports kept out of the published data because their figures failed the checks."""
    if quarantined.empty:
        return
    st.subheader("Årsredovisningar som väntar på rättelse")
    for row in quarantined.itertuples():
        st.warning(
            f"**{_report_name(row.report_id, row.report_title)}** klarade inte kontrollerna "
            f"({published_at_text(pd.Timestamp(row.quarantined_at).isoformat())}) och har lagts åt sidan: dess siffror "
            f"visas inte. {FIGURES_KEPT.get(row.figures_kept, '')} De övriga årsredovisningarna publiceras som vanligt. "
            "När filerna har rättats publiceras den av sig själv."
        )
    with st.expander("Teknisk information om karantänen"):
        for row in quarantined.itertuples():
            st.markdown(f"**{row.report_id}** ({row.figures_kept})")
            for reason in json.loads(row.reasons or "[]"):
                st.text(reason)


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
    if results.empty:
        st.info("Inga kontrollresultat är sparade i den publicerade versionen.")
        return
    run = results[results["run_id"] == summary["run_id"]]
    grouped = (
        run.assign(
            kind=run["kind"].map(lambda kind: CHECK_KINDS.get(kind, OTHER_CHECK_KIND)),
            outcome=run["passed"].astype(bool).map({True: "Godkänd", False: "Ej godkänd"}),
        )
        .groupby(["kind", "outcome"], as_index=False)
        .size()
        .rename(columns={"kind": "Typ av kontroll", "outcome": "Utfall", "size": "Antal"})
    )
    table(grouped, "Kontroller per typ", {"Antal": NUMBER}, AUDIT_SOURCE, key="checks_by_kind")
    with st.expander("Vad kontrollerna gör"):
        for kind, text in _KIND_HELP.items():
            st.markdown(f"- **{CHECK_KINDS[kind]}:** {text}")


_KIND_HELP = {
    "reconciliation": "varje tryckt summa jämförs med summan av sina delar, och siffror som står på två ställen "
    "i årsredovisningen jämförs med varandra.",
    "great_expectations": "varje tabell har regler för sitt innehåll: de inlästa tabellerna inga dubbletter och "
    "inga saknade värden där ett värde krävs, alla tabeller bara tillåtna koder och rimliga belopp och år.",
    "dbt_test": "att tabellerna hänger ihop, till exempel att varje kommunkod finns i kommunregistret, och att "
    "varje kommun som nämns i en not går att känna igen.",
    "year_over_year": "en kommuns avgift som ändras mycket jämfört med året före, eller börjar eller upphör, "
    "listas så att någon tittar på den.",
}


def _findings(results: pd.DataFrame, run_id: str | None) -> None:
    st.subheader("Varningar och fel med exakta siffror")
    failed = failed_checks(warning_rows(results, run_id))
    if failed.empty:
        st.success("Den senaste kontrollen gav inga varningar eller fel.", icon=":material/check_circle:")
        return
    names = names_for(failed)
    rows = []
    for _, check in failed.iterrows():
        found = sentences(check, names)
        box = st.error if check["severity"] == "error" else st.warning
        box(
            "\n".join(f"- {sentence}" for sentence in found) + f"\n\n{consequence(check)}",
            icon=":material/error:" if check["severity"] == "error" else ":material/warning:",
        )
        rows += [
            {
                "Allvar": SEVERITY.get(check["severity"], "Varning"),
                "Kontroll av": table_name(check["asset"]),
                "Avvikelse": sentence,
            }
            for sentence in found
        ]
    table(pd.DataFrame(rows), "Varningar och fel", None, AUDIT_SOURCE, key="warnings")


def _history(results: pd.DataFrame) -> None:
    st.subheader("Historik")
    if results.empty:
        st.info("Ingen historik ännu.")
        return
    history = _runs(results)
    if len(history) > 1:
        long = history.melt(
            id_vars="checked_at", value_vars=["passed", "warnings", "errors"], var_name="outcome", value_name="n"
        )
        long["outcome"] = long["outcome"].map({"passed": "Godkända", "warnings": "Varningar", "errors": "Fel"})
        figure = (
            alt.Chart(long)
            .mark_bar()
            .encode(
                x=alt.X("checked_at:N", title="Kontrollerad"),
                y=alt.Y("n:Q", title="Antal kontroller"),
                color=alt.Color(
                    "outcome:N",
                    title=None,
                    scale=alt.Scale(domain=["Godkända", "Varningar", "Fel"], range=["#2a7f62", "#e0a800", "#c0392b"]),
                ),
                tooltip=[
                    alt.Tooltip("checked_at:N", title="Kontrollerad"),
                    alt.Tooltip("outcome:N", title=" "),
                    alt.Tooltip("n:Q", title="Antal", format=",.0f"),
                ],
            )
            .properties(height=240)
        )
        chart(figure, AUDIT_SOURCE)
    shown = history.rename(
        columns={
            "target": "Kontrollerat",
            "checked_at": "Kontrollerad",
            "checks": "Kontroller",
            "passed": "Godkända",
            "warnings": "Varningar",
            "errors": "Fel",
        }
    )
    table(
        shown[["Kontrollerad", "Kontrollerat", "Kontroller", "Godkända", "Varningar", "Fel"]],
        "Kontrollhistorik",
        {"Kontroller": NUMBER, "Godkända": NUMBER, "Varningar": NUMBER, "Fel": NUMBER},
        AUDIT_SOURCE,
        key="check_history",
        source_extra="Före publicering: kontrollerna av en ny version. Omkontroll: alla kontroller körs om varje morgon "
        "mot det som är publicerat",
    )


def _runs(results: pd.DataFrame) -> pd.DataFrame:
    passed = results["passed"].astype(bool)
    runs = results.assign(
        passed=passed,
        failed_warning=~passed & (results["severity"] == "warning"),
        failed_error=~passed & (results["severity"] == "error"),
    )
    history = (
        runs.groupby(["run_id", "target"], as_index=False)
        .agg(
            checked_at=("checked_at", "max"),
            checks=("passed", "size"),
            passed=("passed", "sum"),
            warnings=("failed_warning", "sum"),
            errors=("failed_error", "sum"),
        )
        .sort_values("checked_at", ascending=False)
    )
    history["checked_at"] = [published_at_text(pd.Timestamp(value).isoformat()) for value in history["checked_at"]]
    history["target"] = history["target"].map(TARGETS).fillna("Kontroll")
    return history


def _sources() -> None:
    st.subheader("Källor")
    st.caption("Varje tabell i årsredovisningarna som uppgifterna bygger på, med not och sida när de är kända.")
    part = limited_part(queries.meta.report_tables(row_budget(len(REPORT_TABLE_COLUMNS))))
    table(
        _report_tables_for_display(part.shown, REPORT_TABLE_COLUMNS),
        "Tabeller i årsredovisningarna",
        {"Not": NUMBER, "Sida": NUMBER, "Avser år": str},
        "Årsredovisningarnas tabellförteckning",
        key="report_tables",
        complete=lambda: _report_tables_for_display(part.complete(), REPORT_TABLE_COLUMNS | REPORT_TABLE_TECHNICAL),
        rows_in_complete=part.rows_in_range,
    )
    sources = queries.meta.table_sources(state.selected_years())
    shown = sources.assign(mart=sources["mart"].map(lambda mart: table_name(mart).capitalize())).rename(
        columns={
            "mart": "Uppgifter",
            "source_ref": "Källa",
            "source_note": "Not",
            "source_page": "Sida",
            "rows": "Rader",
        }
    )
    st.caption(f"Uppgifterna {year_range_text()} och varifrån de kommer.")
    table(
        shown[["Uppgifter", "Källa", "Not", "Sida", "Rader"]],
        "Källa för uppgifterna",
        {"Rader": NUMBER, "Not": NUMBER, "Sida": NUMBER},
        "Sjuhärad Insyn, varje rads källhänvisning",
        key="mart_sources",
    )


def _report_tables_for_display(tables: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    return tables.rename(columns=columns)[list(dict.fromkeys(columns.values()))]


def _restatements() -> None:
    st.subheader("Omräkningar mellan årsredovisningar")
    restated = queries.meta.restatements()
    if restated.empty:
        st.info("Inga omräkningar: ingen senare årsredovisning anger en annan siffra för samma år.")
        return
    shown = restated.assign(
        fact=restated["fact"].map(lambda fact: table_name(fact).capitalize()),
        grain=restated["grain"].str.replace("|", ", ", regex=False),
    ).rename(
        columns={
            "fact": "Uppgifter",
            "grain": "Post",
            "year": "År",
            "earlier_report": "Tidigare rapport",
            "earlier_value": "Tidigare värde",
            "later_report": "Senare rapport",
            "later_value": "Senare värde",
            "difference": "Skillnad",
        }
    )
    table(
        shown[
            [
                "Uppgifter",
                "Post",
                "År",
                "Tidigare rapport",
                "Tidigare värde",
                "Senare rapport",
                "Senare värde",
                "Skillnad",
            ]
        ],
        "Omräkningar",
        {"Tidigare värde": NUMBER, "Senare värde": NUMBER, "Skillnad": SIGNED},
        "Sjuhärad Insyn, omräkningar",
        key="restatements",
        source_extra="Den senare årsredovisningens siffra gäller",
    )


def _technical(results: pd.DataFrame, record: dict | None, summary: dict) -> None:
    with st.expander("Teknisk information (för den som förvaltar systemet)"):
        st.caption(
            f"Version {record.get('version_id', 'okänd') if record else 'okänd'}, körning {summary['run_id'] or 'okänd'}."
        )
        if results.empty:
            return
        every = results[queries.meta.CHECK_RESULT_COLUMNS].copy()
        every["checked_at"] = [published_at_text(pd.Timestamp(value).isoformat()) for value in every["checked_at"]]
        every["observed"] = every["observed"].astype(str)
        table(every, "Alla kontrollresultat", None, "audit.check_results", key="all_checks", height=400)


run_page(render)
