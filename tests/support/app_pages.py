"""Helpers for the app tests: run a page of the Streamlit app with AppTest and read what it shows."""

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent.parent / "streamlit_app" / "app.py"
NBSP = "\u00a0"


def open_page(page_file: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """Run the app as a link with `query` opens it (and switch to views/<page_file>)."""
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params.update(query or {})
    app.run()
    if page_file:
        app.switch_page(f"views/{page_file}").run()
    return app


TABLE_TYPES = ("dataframe", "table")
# A static table's cells are Markdown: the app escapes these characters (components.MARKDOWN_SIGNS).
ESCAPED = re.compile(r"\\([\\`*_\[\]<>$#|~])")


def table_elements(app: AppTest) -> list:
    """Every table the app shows, grids (st.dataframe) and static tables (st.table), in page order."""
    return [node for node in app if getattr(node, "type", "") in TABLE_TYPES]


def displayed_tables(app: AppTest) -> list[pd.DataFrame]:
    """The tables as the user sees them (formatted display values of the Styler)."""
    return [shown_frame(element) for element in table_elements(app)]


def shown_frame(element) -> pd.DataFrame:
    """A table's formatted display values (a static table's without the Markdown escapes)."""
    styler = element.proto.arrow_data.styler
    frame = pa.ipc.open_stream(styler.display_values).read_pandas() if styler.display_values else element.value
    if element.type == "table":
        frame = frame.map(lambda cell: ESCAPED.sub(r"\1", cell) if isinstance(cell, str) else cell)
        frame.columns = [ESCAPED.sub(r"\1", str(column)) for column in frame.columns]
    return frame


def shown_text(app: AppTest) -> str:
    """Everything shown as text: markdown, captions, alerts, metrics and the formatted table cells."""
    parts = [element.value for element in (*app.markdown, *app.caption, *app.title, *app.subheader)]
    parts += [element.value for element in (*app.info, *app.warning, *app.error, *app.success)]
    parts += [f"{metric.label} {metric.value} {metric.delta or ''}" for metric in app.metric]
    for table in displayed_tables(app):
        parts.append(" | ".join(map(str, table.columns)))
        parts += [" | ".join(map(str, row)) for row in table.itertuples(index=False)]
    return "\n".join(parts).replace(NBSP, " ")


def assert_no_error(app: AppTest) -> None:
    assert not app.exception, [element.value for element in app.exception]
    assert not app.error, [element.value for element in app.error]


def _element_text(element) -> list[str]:
    kind = getattr(element, "type", "")
    if kind in (
        "markdown",
        "caption",
        "title",
        "subheader",
        "header",
        "warning",
        "info",
        "success",
        "error",
        "exception",
    ):
        return [str(element.value)]
    if kind == "metric":
        return [f"{element.label} {element.value} {element.delta or ''}"]
    if kind in TABLE_TYPES:
        frame = shown_frame(element)
        return [" | ".join(map(str, frame.columns))] + [
            " | ".join(map(str, row)) for row in frame.itertuples(index=False)
        ]
    return []


def text_outside_expanders(app: AppTest) -> str:
    """What a reader sees without opening a collapsed part: every text of the main area and the
    sidebar except what is inside an expander."""
    parts: list[str] = []

    def walk(node) -> None:
        if getattr(node, "type", "") == "expander":
            return
        children = getattr(node, "children", None)
        if children is not None and not hasattr(node, "value"):
            for child in children.values():
                walk(child)
            return
        parts.extend(_element_text(node))

    walk(app.main)
    walk(app.sidebar)
    return "\n".join(parts).replace(NBSP, " ")


def table_with(app: AppTest, column: str) -> pd.DataFrame:
    """The first shown table that has `column` (display values)."""
    return next(table for table in displayed_tables(app) if column in table.columns)


def swedish(value: float, decimals: int = 0) -> str:
    """A figure computed in a test as the app shows it (plain spaces, as in shown_text)."""
    from streamlit_app.formatting import format_number

    return format_number(value, decimals).replace(NBSP, " ")
