"""Building blocks every page uses: tables with downloads, charts and source notes."""

import re
from collections.abc import Callable, Iterable

import altair as alt
import pandas as pd
import streamlit as st

from streamlit_app import formatting
from streamlit_app.exports import to_csv_bytes, to_excel_bytes

Formatter = Callable[[object], str]

NUMBER = formatting.format_number
DECIMAL = lambda value: formatting.format_number(value, 1)  # noqa: E731
PERCENT = formatting.format_percent
SHARE = formatting.format_share
SIGNED = formatting.format_signed
SIGNED_PERCENT = formatting.format_signed_percent


def source_note(references: Iterable[str] | str | None, extra: str = "") -> None:
    """`Källa: Årsredovisning 2012, Not 3 …` under a chart or table."""
    if references is None:
        references = []
    elif isinstance(references, str):
        references = [references]
    unique = sorted({str(reference) for reference in list(references) if isinstance(reference, str) and reference})
    text = "; ".join(unique) if unique else "Sjuhärad Insyn, publicerat datalager"
    st.caption(f"Källa: {text}{'. ' + extra if extra else ''}")


def _file_stem(title: str) -> str:
    stem = title.lower()
    for swedish, plain in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e")):
        stem = stem.replace(swedish, plain)
    return re.sub(r"[^a-z0-9]+", "_", stem).strip("_") or "tabell"


def table(
    data: pd.DataFrame,
    title: str,
    formats: dict[str, Formatter] | None = None,
    sources: Iterable[str] | str | None = None,
    source_extra: str = "",
    key: str | None = None,
    height: int | str = "auto",
) -> None:
    """A table with Swedish number display, its source and CSV/Excel downloads of the raw numbers.

    `data` has the display column names already; `formats` maps a column to its formatter.
    """
    formats = {column: formatter for column, formatter in (formats or {}).items() if column in data.columns}
    shown = data.reset_index(drop=True)
    styler = shown.style.format(formats, na_rep=formatting.MISSING) if formats else shown
    st.dataframe(styler, hide_index=True, height=height, key=f"table_{key or _file_stem(title)}")
    source_note(sources, source_extra)
    downloads(shown, title, key)


def downloads(data: pd.DataFrame, title: str, key: str | None = None) -> None:
    stem = _file_stem(title)
    widget_key = key or stem
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Ladda ner CSV",
        data=to_csv_bytes(data),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"csv_{widget_key}",
        on_click="ignore",
        icon=":material/download:",
    )
    right.download_button(
        "Ladda ner Excel",
        data=to_excel_bytes(data, title),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{widget_key}",
        on_click="ignore",
        icon=":material/download:",
    )


def chart(figure: alt.Chart, sources: Iterable[str] | str | None = None, source_extra: str = "") -> None:
    st.altair_chart(figure, width="stretch")
    source_note(sources, source_extra)


def swedish_axis(title: str, decimals: int = 0) -> alt.Axis:
    """An axis labelled like the tables: no-break space between thousands, decimal comma, minus sign."""
    grouped = f"format(datum.value, ',.{decimals}f')"
    expression = f"replace(replace(replace({grouped}, regexp(',', 'g'), '\u00a0'), '.', ','), '-', '\u2212')"
    return alt.Axis(title=title, labelExpr=expression)


def metric(label: str, value: str, delta: str | None = None, help: str | None = None,
           delta_color: str = "gray", change: float | None = None) -> None:
    """A bordered metric. The arrow and colour follow `change` (the raw difference), since the
    formatted delta starts with U+2212, which Streamlit does not read as negative."""
    arrow = "off"
    if change is not None and not formatting.is_missing(change) and change != 0:
        arrow = "up" if change > 0 else "down"
        delta_color = "green" if change > 0 else "red"
    st.metric(label, value, delta=delta, help=help, delta_color=delta_color, delta_arrow=arrow, border=True)


def change_text(current: float | None, previous: float | None, unit: str = "", decimals: int = 0) -> str | None:
    """`+152 tkr (+1,0 %) mot föregående år`, or None when there is nothing to compare with."""
    if formatting.is_missing(current) or formatting.is_missing(previous):
        return None
    difference = formatting.format_signed(float(current) - float(previous), decimals)
    if unit:
        difference = formatting.with_unit(difference, unit)
    percent = formatting.percent_change(current, previous)
    suffix = f" ({formatting.format_signed_percent(percent)})" if percent is not None else ""
    return f"{difference}{suffix} mot föregående år"
