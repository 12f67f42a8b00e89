"""Helpers for the app tests: run a page of the Streamlit app with AppTest and read what it shows."""

from pathlib import Path

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parent.parent / "streamlit_app" / "app.py"
NBSP = "\u00a0"


def open_page(page_file: str | None = None) -> AppTest:
    """Run the app (and switch to views/<page_file>)."""
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    if page_file:
        app.switch_page(f"views/{page_file}").run()
    return app


def displayed_tables(app: AppTest) -> list[pd.DataFrame]:
    """The tables as the user sees them (formatted display values of the Styler)."""
    tables = []
    for element in app.dataframe:
        styler = element.proto.arrow_data.styler
        if styler.display_values:
            tables.append(pa.ipc.open_stream(styler.display_values).read_pandas())
        else:
            tables.append(element.value)
    return tables


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

