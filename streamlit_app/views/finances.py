"""Ekonomi: the ratios a board reads (from fct_finance_ratios, each with its formula), the cost
breakdown of the note on Verksamhetens kostnader over the years, the income statement and the
balance sheet side by side, and the lines of every note."""

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import formatting, queries, state
from streamlit_app.components import NUMBER, SHARE, SIGNED, bar_by_year, chart, latest_rows, metric, source_note, table
from streamlit_app.derived import FINANCE_RATIOS
from streamlit_app.guard import run_page
from streamlit_app.state import year_range_text

WIDE_YEARS = 5
RATIO_TABLE = {
    "year": "År",
    "arets_resultat_tkr": "Årets resultat (tkr)",
    "total_income_tkr": "Intäkter totalt (tkr)",
    "result_share_of_income": "Resultat i procent av intäkterna",
    "eget_kapital_tkr": "Eget kapital (tkr)",
    "summa_tillgangar_tkr": "Summa tillgångar (tkr)",
    "pension_provisions_tkr": "Avsättningar för pensioner (tkr)",
    "soliditet": "Soliditet",
    "soliditet_pension_as_equity": "Soliditet utan pensionsavsättningen som skuld",
    "omsattningstillgangar_tkr": "Omsättningstillgångar (tkr)",
    "kortfristiga_skulder_tkr": "Kortfristiga skulder (tkr)",
    "kassalikviditet": "Kassalikviditet",
    "equity_target_tkr": "Bedömt behov av eget kapital (tkr)",
    "equity_above_target_tkr": "Eget kapital över behovet (tkr)",
}


def render() -> None:
    st.title("Ekonomi")
    st.caption(
        f"Nyckeltal, kostnader, resultat- och balansräkning och noter, {year_range_text()}. "
        "Belopp i tkr, exklusive interna poster."
    )
    ratios = queries.statements.finance_ratios(state.selected_years())
    _ratios(ratios)
    _equity_target(ratios)
    _costs()
    income = queries.statements.income_statement(state.selected_years())
    balance = queries.statements.balance_sheet(state.selected_years())
    left, right = st.columns(2)
    with left:
        _statement(income, "Resultaträkning", "income_statement")
    with right:
        _statement(balance, "Balansräkning", "balance_sheet")
    _notes()


def _ratios(ratios: pd.DataFrame) -> None:
    st.subheader("Finansiella nyckeltal")
    if ratios.empty:
        st.info("Inga nyckeltal för de valda åren.")
        return
    latest = ratios.iloc[-1]
    year = int(latest["year"])
    previous = ratios[ratios["year"] == year - 1]
    # Two cards a row: the ratios' names and changes are long.
    columns = [column for _ in range(0, len(FINANCE_RATIOS), 2) for column in st.columns(2)]
    for column, (code, (label, formula)) in zip(columns, FINANCE_RATIOS.items()):
        current = latest[code]
        before = None if previous.empty else previous[code].iloc[0]
        delta, change = None, None
        if not formatting.is_missing(current) and before is not None and not formatting.is_missing(before):
            change = (float(current) - float(before)) * 100
            delta = f"{formatting.format_signed(change, 1)}\u00a0procentenheter mot {year - 1}"
        with column:
            metric(f"{label} {year}", formatting.format_share(current), delta=delta, change=change, help=formula)
    shown = ratios[list(RATIO_TABLE)].rename(columns=RATIO_TABLE)
    share_columns = [RATIO_TABLE[code] for code in FINANCE_RATIOS]
    formats = {column: (SHARE if column in share_columns else NUMBER) for column in shown.columns if column != "År"}
    table(
        latest_rows(shown, "År"),
        "Finansiella nyckeltal",
        formats,
        list(ratios["income_source_ref"])
        + list(ratios["balance_source_ref"])
        + list(ratios["equity_target_source_ref"]),
        source_extra="Nyckeltalen är beräknade av Sjuhärad Insyn ur resultat- och balansräkningen; formlerna står i hjälptexterna",
        key="finance_ratios",
        complete=lambda: shown,
        rows_in_complete=len(shown),
        column_help={
            RATIO_TABLE[code]: st.column_config.Column(help=formula) for code, (_, formula) in FINANCE_RATIOS.items()
        },
    )


def _equity_target(ratios: pd.DataFrame) -> None:
    stated = ratios[ratios["equity_target_tkr"].notna()]
    if stated.empty:
        return
    row = stated.iloc[-1]
    year = int(row["year"])
    qualifier = f"{row['equity_target_qualifier']} " if isinstance(row["equity_target_qualifier"], str) else ""
    st.subheader(f"Eget kapital mot det behov årsredovisningen anger, {year}")
    columns = st.columns(3)
    with columns[0]:
        metric(
            "Bedömt behov",
            f"{qualifier}{formatting.format_tkr(row['equity_target_tkr'])}",
            help="Det eget kapital som verksamhetens omslutning och karaktär har bedömts motivera, enligt årsredovisningens text.",
        )
    with columns[1]:
        metric("Eget kapital vid årets slut", formatting.format_tkr(row["eget_kapital_tkr"]))
    with columns[2]:
        above = row["equity_above_target_tkr"]
        metric(
            "Över (+) eller under (−) behovet",
            formatting.with_unit(formatting.format_signed(above), "tkr"),
            help="Eget kapital minus det bedömda behovet.",
        )
    source_note([row["equity_target_source_ref"], row["balance_source_ref"]])


def _costs() -> None:
    lines = queries.statements.cost_breakdown(state.selected_years())
    items = lines[lines["line_kind"] == "item"]
    if items.empty:
        return
    title = lines["note_title"].iloc[-1]
    st.subheader(f"{title} per slag (not {int(lines['note'].iloc[-1])})")
    totals = items.groupby("year")["amount_tkr"].transform("sum")
    items = items.assign(share=items["amount_tkr"] / totals * 100)
    figure = bar_by_year(
        items,
        "amount_tkr",
        "label",
        "Slag",
        280,
        colour_order=list(dict.fromkeys(items["label"])),
        extra_tooltips=(alt.Tooltip("sum(share):Q", title="Andel (%)", format=",.1f"),),
    )
    chart(figure, lines["source_ref"], "Summan av slagen är notens summa; varav-rader ingår inte i diagrammet")
    wide = _cost_table(lines)
    table(
        wide,
        f"{title} per slag",
        {column: (SHARE if column.startswith("Andel") else NUMBER) for column in wide.columns[1:]},
        lines["source_ref"],
        key="cost_breakdown",
        source_extra="Andel av notens summa samma år",
    )


def _cost_table(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per line of the note (printed order), per shown year its amount and, for items, its share of the items."""
    years = sorted(int(year) for year in lines["year"].unique())[-WIDE_YEARS:]
    amounts: dict[tuple[str, int], float] = {}
    items: dict[int, dict[str, float]] = {year: {} for year in years}
    order: list[str] = []
    for label, year, kind, amount in zip(lines["label"], lines["year"], lines["line_kind"], lines["amount_tkr"]):
        if int(year) not in items:
            continue
        if label not in order:
            order.append(label)
        amounts[(label, int(year))] = amount
        if kind == "item":
            items[int(year)][label] = amount
    rows = []
    for label in order:
        row = {"Slag": label}
        for year in years:
            total = sum(items[year].values())
            row[f"{year} (tkr)"] = amounts.get((label, year))
            row[f"Andel {year}"] = items[year][label] / total if label in items[year] and total else None
        rows.append(row)
    return (
        pd.DataFrame(rows).astype({column: "float64" for column in rows[0] if column != "Slag"})
        if rows
        else pd.DataFrame()
    )


def side_by_side(lines: pd.DataFrame) -> pd.DataFrame:
    """One row per line (in printed order), one column per year, and the change between the last two."""
    order = lines.drop_duplicates("line_id").reset_index(drop=True)[["line_id", "label", "line_kind", "note"]]
    wide = lines.pivot(index="line_id", columns="year", values="amount_tkr")  # a heading's blank stays blank
    merged = order.merge(wide, left_on="line_id", right_index=True, how="left")
    years = [column for column in merged.columns if isinstance(column, (int,)) or str(column).isdigit()]
    if len(years) >= 2:
        merged["Förändring (tkr)"] = merged[years[-1]] - merged[years[-2]]
    merged = merged.rename(columns={year: f"{year} (tkr)" for year in years})
    merged["note"] = merged["note"].astype("Int64").astype(str).replace("<NA>", "")
    return merged.drop(columns=["line_id", "line_kind"]).rename(columns={"label": "Post", "note": "Not"})


def _statement(lines: pd.DataFrame, title: str, key: str) -> None:
    st.subheader(title)
    if lines.empty:
        st.info("Inga rader för de valda åren.")
        return
    ordered = lines.sort_values(["print_order", "year"])
    recent = recent_years(ordered)
    wide = side_by_side(recent)
    number_columns = [column for column in wide.columns if column.endswith("(tkr)") and column != "Förändring (tkr)"]
    extra = (
        ""
        if len(recent) == len(ordered)
        else f"Tabellen visar de senaste {WIDE_YEARS} åren; alla valda år finns i nedladdningarna"
    )
    table(
        wide,
        title,
        {column: NUMBER for column in number_columns} | {"Förändring (tkr)": SIGNED},
        lines["source_ref"],
        source_extra=extra,
        key=key,
        complete=lambda: side_by_side(ordered),
    )


def recent_years(lines: pd.DataFrame) -> pd.DataFrame:
    """The lines of the last WIDE_YEARS years (each year one column of the table)."""
    shown = sorted(lines["year"].unique())[-WIDE_YEARS:]
    return lines[lines["year"].isin(shown)]


def _notes() -> None:
    st.subheader("Noterna")
    notes = queries.statements.notes_in_range(state.selected_years())
    if notes.empty:
        st.info("Inga noter för de valda åren.")
        return
    titles = dict(zip(notes["note"], notes["note_title"]))
    note = st.selectbox(
        "Not",
        list(titles),
        format_func=lambda number: f"Not {number}: {titles[number]}",
        key="finance_note",
        help="Notens rader som årsredovisningen trycker dem, med summor och varav-rader.",
    )
    shown_years = state.recent_years(WIDE_YEARS)
    lines = queries.common.read_query(queries.statements.note_lines(shown_years, int(note)))
    wide = _note_table(lines)
    complete = queries.statements.note_lines(state.selected_years(), int(note))
    table(
        wide,
        f"Not {note} {titles[note]}",
        {column: NUMBER for column in wide.columns[1:]},
        lines["source_ref"],
        key="note_lines",
        complete=lambda: _note_table(queries.common.read_query(complete)),
    )


def _note_table(lines: pd.DataFrame) -> pd.DataFrame:
    labels = lines.drop_duplicates("label")["label"]
    wide = lines.drop_duplicates(["label", "year"]).pivot(index="label", columns="year", values="amount_tkr")
    result = pd.DataFrame({"Rad": list(labels)})
    for year in wide.columns:
        result[f"{year} (tkr)"] = result["Rad"].map(wide[year])
    return result


run_page(render)
