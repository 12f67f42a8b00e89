"""Utkast att granska: a drafted report's review, for the person who confirms it (issue 14).

Reads only the review files the drafter writes next to a draft (draft_review/ in a report
folder whose manifest is still report.yml.draft); never the warehouse.
"""

import streamlit as st

from streamlit_app.components import table
from streamlit_app.drafts import DRAFT_MANIFEST, REVIEW_CSV, REVIEW_DIR, REVIEW_MD, pending_drafts, review
from streamlit_app.guard import run_page

DOUBTS = {
    "empty": "Tomma celler (kunde inte läsas)",
    "not_found": "Rader eller tabeller som inte hittades",
    "ambiguous": "Tvetydiga siffror (lämnade tomma)",
    "not_adding": "Summor som inte stämmer",
    "approximate": "Rubriker som bara liknar förra årets",
    "added": "Nya rader",
    "restated": "Ändrade siffror för föregående år",
    "layout": "Siffror placerade efter tabellens utseende",
}
COLUMNS = {
    "table_id": "Tabell",
    "row": "Rad",
    "column": "Kolumn",
    "page": "Sida",
    "line": "Rad i texten",
    "detail": "Beskrivning",
}


def render() -> None:
    st.title("Utkast att granska")
    drafts = pending_drafts()
    if not drafts:
        st.info(
            "Inga utkast väntar på granskning. Ett utkast skapas när en ny årsredovisning läggs i inkorgen.",
            icon=":material/info:",
        )
        return
    st.write(
        "Ett utkast är en ny årsredovisning som har lästs in automatiskt men ännu inte är godkänd. "
        "Kontrollera varje punkt nedan mot den tryckta årsredovisningen innan utkastet godkänns. "
        "Inget i utkastet visas i appens övriga sidor förrän det är godkänt."
    )
    folder = (
        drafts[0]
        if len(drafts) == 1
        else next(d for d in drafts if d.name == st.selectbox("Utkast", [d.name for d in drafts]))
    )
    _draft(folder)


def _draft(folder) -> None:
    rows = review(folder)
    doubts = rows[rows["status"].isin(list(DOUBTS))]
    read = rows[rows["status"] == "read"]
    st.subheader(f"Utkast: {folder.name}")
    columns = st.columns(3)
    columns[0].metric("Inlästa celler", f"{len(read):,}".replace(",", "\u00a0"))
    columns[1].metric("Punkter att kontrollera", f"{len(doubts):,}".replace(",", "\u00a0"))
    columns[2].metric(
        "Tabeller",
        str(rows.loc[rows["status"].isin(["table", "not_found"]) & (rows["row"] == ""), "table_id"].nunique()),
    )
    if doubts.empty:
        st.success("Alla celler lästes utan tvekan och alla tryckta summor stämmer.", icon=":material/check_circle:")
    for status, heading in DOUBTS.items():
        of_kind = doubts[doubts["status"] == status]
        if of_kind.empty:
            continue
        st.markdown(f"**{heading}** ({len(of_kind)})")
        table(
            of_kind[list(COLUMNS)].rename(columns=COLUMNS),
            heading,
            sources=f"granskningen av utkastet {folder.name}",
            key=f"draft_{status}",
        )
    with st.expander("Teknisk information"):
        st.markdown(
            f"- Mapp: `{folder}`\n- Granskning: `{folder / REVIEW_DIR / REVIEW_MD}` och `{REVIEW_CSV}`\n"
            f"- Kontrollera utkastet: `make check-draft YEAR={folder.name.split('-')[1]}`\n"
            f"- Godkänn: byt namn på `{DRAFT_MANIFEST}` till `report.yml`"
        )
        table(
            read[["table_id", "row", "column", "value", "page", "line", "detail"]],
            "Inlästa celler",
            sources=f"{folder / REVIEW_DIR / REVIEW_CSV}",
            key="draft_read",
        )


run_page(render)
