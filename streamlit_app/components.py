"""Building blocks every page uses: tables with downloads, charts and source notes."""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from streamlit_app import exports, fitting, formatting
from streamlit_app.exports import to_csv_bytes, to_excel_bytes
from streamlit_app.queries.common import LatestTable, read_query
from streamlit_app.warehouse import Query, deferred, read

Formatter = Callable[[object], str]

NUMBER = formatting.format_number
DECIMAL = lambda value: formatting.format_number(value, 1)  # noqa: E731
PERCENT = formatting.format_percent
SHARE = formatting.format_share
SIGNED = formatting.format_signed
SIGNED_PERCENT = formatting.format_signed_percent

# The Excel number format of each display formatter, so that a download reads like the table.
EXCEL_FORMATS = {
    NUMBER: exports.WHOLE,
    DECIMAL: exports.ONE_DECIMAL,
    PERCENT: exports.PERCENT,
    SHARE: exports.SHARE,
    SIGNED: exports.signed(exports.WHOLE),
    SIGNED_PERCENT: exports.signed(exports.PERCENT),
}

MAX_SHOWN_CELLS = 600
FEW_YEARS = 3
MAX_CHART_GROUPS = 12


def source_note(references: Iterable[str] | str | None, extra: str = "") -> None:
    """`Källa: Årsredovisning 2012, Not 3 …` under a chart or table."""
    if references is None:
        references = []
    elif isinstance(references, str):
        references = [references]
    unique = sorted(
        {
            part.strip()
            for reference in list(references)
            if isinstance(reference, str)
            for part in reference.split("; ")
            if part.strip()
        }
    )
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
    complete: Callable[[], pd.DataFrame] | None = None,
    rows_in_complete: int | None = None,
    backgrounds: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    column_help: dict | None = None,
) -> None:
    """The one way a page shows a table: every cell formatted for the reader, its source and
    CSV/Excel downloads of the raw numbers.

    `data` has the display column names already; `formats` maps a column to its formatter, and
    every other column gets `plain_cell` (so no cell reads `None` or `nan`: empty is `–`). At most
    MAX_SHOWN_CELLS cells are shown; the downloads hold `complete()` (all selected years) when given,
    else all of `data`. `rows_in_complete` is how many rows the complete table has, for the caption.
    `backgrounds(shown)` gives CSS per cell (`background-color: ...`, same index and columns) where
    colour means something; `column_help` is st.dataframe's column_config (help texts).
    """
    everything = data.reset_index(drop=True)
    shown = everything.head(rows_that_fit(everything))
    shown_table(shown, cell_formats(shown, formats), key or _file_stem(title), height, backgrounds, column_help)
    _shown_part_note(len(shown), max(rows_in_complete or 0, len(everything)))
    source_note(sources, source_extra)
    downloads(complete or (lambda: everything), title, key, excel_formats(formats))


def shown_table(
    shown: pd.DataFrame,
    formats: dict[str, Formatter],
    key: str,
    height: int | str = "auto",
    backgrounds: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    column_help: dict | None = None,
) -> None:
    """`shown` laid out for a wide and a narrow room (fitting.py): in each, the columns that fit side
    by side, and the rest in further parts under "Fler kolumner", each led by the label columns."""
    display = {column: [formats[column](value) for value in shown[column]] for column in shown.columns}
    widths = {column: fitting.column_width(str(column), cells) for column, cells in display.items()}
    labels = [column for column in shown.columns if formats[column] is plain_cell]
    with st.container(key=f"fit-{key}"):
        for layout, room in fitting.ROOMS.items():
            first, *more = fitting.parts(widths, labels, room)
            with st.container(key=f"{layout}-{key}"):
                _part(shown, formats, first, widths, f"{layout}_{key}", height, backgrounds, column_help)
                if not more:
                    continue
                further = [column for part in more for column in part.columns if column not in first.columns]
                with st.expander(f"Fler kolumner: {', '.join(map(str, further))}"):
                    for index, part in enumerate(more, start=1):
                        _part(shown, formats, part, widths, f"{layout}_{key}_{index}", height, backgrounds, column_help)


def _part(
    shown: pd.DataFrame,
    formats: dict[str, Formatter],
    part: fitting.Part,
    widths: dict[str, int],
    key: str,
    height: int | str,
    backgrounds: Callable[[pd.DataFrame], pd.DataFrame] | None,
    column_help: dict | None,
) -> None:
    """One part of a table: a grid of its columns, each as wide as its longest cell (the grid holds
    every column, so a copied table is whole), or, where a column holds sentences or the part is
    wider than its room, a static table whose text wraps (its cells are Markdown: escaped)."""
    columns = list(part.columns)
    data = shown[columns] if part.wraps else shown
    if part.wraps:
        column_formats = {column: _markdown_safe(formats[column]) for column in columns}
    else:
        column_formats = dict(formats)
    styler = data.style.format(column_formats, na_rep=formatting.MISSING)
    if backgrounds:
        colours = backgrounds(shown).reindex(index=data.index, columns=data.columns).fillna("")
        styler = styler.apply(lambda _: colours, axis=None)
    if part.wraps:
        st.table(styler, hide_index=True)
        return
    given = column_help or {}
    config = {column: {**given.get(column, {}), "width": widths[column]} for column in columns}
    # An empty cell is drawn with the grid's placeholder ("None" by default), not the Styler's display value.
    st.dataframe(
        styler,
        hide_index=True,
        height=height,
        key=f"table_{key}",
        column_order=columns,
        column_config=config,
        placeholder=formatting.MISSING,
    )


# Characters that Markdown (and Streamlit's LaTeX) would read in a static table's cell.
MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]<>$#|~])")


def _markdown_safe(formatter: Formatter) -> Formatter:
    return lambda value: MARKDOWN_SIGNS.sub(r"\\\1", formatter(value))


def cell_formats(data: pd.DataFrame, formats: dict[str, Formatter] | None = None) -> dict[str, Formatter]:
    """A formatter for every column of `data`: the given one, else `plain_cell`."""
    given = formats or {}
    return {column: given.get(column, plain_cell) for column in data.columns}


def excel_formats(formats: dict[str, Formatter] | None) -> dict[str, str]:
    """The Excel number format of each column whose display formatter has one."""
    return {
        column: EXCEL_FORMATS[formatter] for column, formatter in (formats or {}).items() if formatter in EXCEL_FORMATS
    }


def plain_cell(value: object) -> str:
    """A cell with no formatter of its own: `–` when empty, Ja/Nej, a whole number without grouping
    (years, ids), other numbers with a decimal comma, text as it is."""
    if formatting.is_missing(value):
        return formatting.MISSING
    if isinstance(value, (bool, np.bool_)):
        return "Ja" if value else "Nej"
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        digits = str(abs(int(number))) if number.is_integer() else str(abs(number)).replace(".", ",")
        return f"{formatting.MINUS_SIGN}{digits}" if number < 0 else digits
    return str(value)


@dataclass(frozen=True)
class LatestPart:
    """The most recent whole years of a table that fit in what is shown, and the complete table for downloads."""

    shown: pd.DataFrame
    rows_in_range: int
    complete: Callable[[], pd.DataFrame]


def latest_part(latest_table: LatestTable, years: tuple[int, int], budget: int) -> LatestPart:
    """The table's latest years within `budget` rows (at least one year) of the range; the whole range
    is read only when a download asks for it."""
    first, last = years
    per_year = read(latest_table.rows_per_year_sql, years)
    shown_first = first_year_that_fits(per_year, budget) or first
    shown = read_query(latest_table.query(shown_first, last))
    return LatestPart(shown, int(per_year["n"].sum()), deferred(latest_table.query(first, last)))


def first_year_that_fits(per_year: pd.DataFrame, budget: int) -> int | None:
    """The earliest year from which the later years' rows (`year`, `n`) fit in `budget`; the latest year at least."""
    if per_year.empty:
        return None
    latest_first = per_year.sort_values("year", ascending=False)
    fitting = latest_first["year"][latest_first["n"].cumsum() <= budget]
    return int(fitting.min()) if len(fitting) else int(latest_first["year"].iloc[0])


def limited_part(found: tuple[pd.DataFrame, int, Query]) -> LatestPart:
    """A part read with a row limit (`shown`, how many rows there are, the query of all of them)."""
    shown, rows, everything = found
    return LatestPart(shown, rows, deferred(everything))


def rows_that_fit(data: pd.DataFrame) -> int:
    return row_budget(len(data.columns))


def row_budget(column_count: int) -> int:
    """How many rows of `column_count` columns a shown table may have."""
    return max(1, MAX_SHOWN_CELLS // max(column_count, 1))


def _shown_part_note(shown_rows: int, all_rows: int) -> None:
    if shown_rows < all_rows:
        st.caption(
            f"Tabellen visar {NUMBER(shown_rows)} av {NUMBER(all_rows)} rader. "
            "Hela tabellen för de valda åren finns i nedladdningarna."
        )


def downloads(
    load: Callable[[], pd.DataFrame], title: str, key: str | None = None, formats: dict[str, str] | None = None
) -> None:
    """CSV and Excel buttons; the file is made from `load()` only when a button is clicked.
    `formats` are the Excel number formats of columns (exports.workbook_bytes)."""
    stem = _file_stem(title)
    widget_key = key or stem
    # Side by side as wide as their labels, wrapping onto a new line where the room is narrow.
    buttons = st.container(horizontal=True)
    buttons.download_button(
        "Ladda ner CSV",
        data=lambda: to_csv_bytes(load()),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"csv_{widget_key}",
        on_click="ignore",
        icon=":material/download:",
    )
    buttons.download_button(
        "Ladda ner Excel",
        data=lambda: to_excel_bytes(load(), title, formats),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{widget_key}",
        on_click="ignore",
        icon=":material/download:",
    )


def latest_rows(data: pd.DataFrame, year_column: str) -> pd.DataFrame:
    """The latest whole years of `data` that fit in a shown table (at least the latest year)."""
    if data.empty:
        return data
    rows_per_year = data.groupby(year_column).size().sort_index(ascending=False)
    fitting = rows_per_year.index[rows_per_year.cumsum() <= row_budget(len(data.columns))]
    kept = fitting if len(fitting) else rows_per_year.index[:1]
    return data[data[year_column].isin(kept)]


def few_years(years: Iterable[int]) -> bool:
    """Whether a chart can show one bar or facet per year and still be read."""
    return len(set(years)) <= FEW_YEARS


def chart_groups(label: str, ranked: list[str], key: str) -> list[str]:
    """All groups when they are few; otherwise a selector, the top MAX_CHART_GROUPS chosen from the start."""
    if len(ranked) <= MAX_CHART_GROUPS:
        return ranked
    return st.multiselect(
        label,
        ranked,
        default=ranked[:MAX_CHART_GROUPS],
        key=key,
        help=f"Från början visas de {MAX_CHART_GROUPS} största. Alla finns i tabellen och nedladdningarna.",
    )


# Vega formats the charts' numbers (axes and tooltips) with this locale, so that they read like
# the tables: no-break space between thousands, decimal comma, minus sign.
SWEDISH_NUMBERS = alt.Locale(
    number=alt.NumberLocale(decimal=",", thousands="\u00a0", grouping=[3], currency=["", "\u00a0kr"], minus="\u2212")
)


def chart(figure: alt.Chart, sources: Iterable[str] | str | None = None, source_extra: str = "") -> None:
    st.altair_chart(figure.configure(locale=SWEDISH_NUMBERS), width="stretch")
    source_note(sources, source_extra)


def bar_by_year(
    rows: pd.DataFrame,
    value: str,
    colour: str,
    colour_title: str,
    height: int,
    axis_title: str = "tkr",
    colour_order: list[str] | None = None,
    extra_tooltips: tuple[alt.Tooltip, ...] = (),
) -> alt.Chart:
    """Stacked bars of `value` per year, one colour per `colour`; tooltips in Swedish numbers."""
    return (
        alt.Chart(rows)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="År"),
            y=alt.Y(f"sum({value}):Q", axis=swedish_axis(axis_title)),
            color=alt.Color(f"{colour}:N", title=colour_title, sort=colour_order),
            tooltip=[
                alt.Tooltip(f"{colour}:N", title=colour_title),
                alt.Tooltip("year:O", title="År"),
                alt.Tooltip(f"sum({value}):Q", title=axis_title, format=",.0f"),
                *extra_tooltips,
            ],
        )
        .properties(height=height)
    )


def per_municipality_chart(
    rows: pd.DataFrame, measure: str, measure_title: str, axis_title: str, height: int
) -> alt.Chart:
    """`measure` per municipality: bars side by side per year when the years are few, else a line per municipality."""
    tooltip = [
        alt.Tooltip("municipality_name:N", title="Kommun"),
        alt.Tooltip("year:N", title="År"),
        alt.Tooltip(f"{measure}:Q", title=measure_title, format=",.1f"),
    ]
    axis = swedish_axis(axis_title)
    if few_years(rows["year"]):
        figure = (
            alt.Chart(rows)
            .mark_bar()
            .encode(
                x=alt.X("municipality_name:N", title="Kommun", sort="-y"),
                y=alt.Y(f"{measure}:Q", axis=axis),
                color=alt.Color("year:N", title="År"),
                xOffset="year:N",
                tooltip=tooltip,
            )
        )
    else:
        figure = (
            alt.Chart(rows)
            .mark_line(point=True)
            .encode(
                x=alt.X("year:O", title="År"),
                y=alt.Y(f"{measure}:Q", axis=axis),
                color=alt.Color("municipality_name:N", title="Kommun"),
                tooltip=tooltip,
            )
        )
    return figure.properties(height=height)


def swedish_axis(title: str, decimals: int = 0) -> alt.Axis:
    """An axis with thousands grouped and `decimals` decimals, in the charts' Swedish locale (chart())."""
    return alt.Axis(title=title, format=f",.{decimals}f")


def metric(
    label: str,
    value: str,
    delta: str | None = None,
    help: str | None = None,
    delta_color: str = "gray",
    change: float | None = None,
    lower_is_better: bool = False,
) -> None:
    """A bordered metric. The arrow follows `change` (the raw difference), since the formatted delta
    starts with U+2212, which Streamlit does not read as negative; green is the better direction."""
    arrow = "off"
    if change is not None and not formatting.is_missing(change) and change != 0:
        arrow = "up" if change > 0 else "down"
        delta_color = "green" if (change > 0) != lower_is_better else "red"
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
