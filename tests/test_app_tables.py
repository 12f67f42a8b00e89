"""What a reader sees in the tables: every cell of every table on every page, as the display
values Streamlit sends to the browser (the Styler's formatted cells), for 2011–2012.

Empty is "–": no cell reads None, nan, <NA> or NaT, on any page.
"""

import re

import pytest

from streamlit_app.navigation import PAGES
from tests.support.app_pages import assert_no_error, displayed_tables, open_page, table_elements

pytestmark = pytest.mark.pipeline

LEAKED = re.compile(r"\b(None|nan|NaN|<NA>|NaT)\b")


@pytest.fixture(autouse=True)
def published_warehouse(published_2012, monkeypatch):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(published_2012))


@pytest.mark.parametrize("page_file", [file for file, *_ in PAGES])
def test_no_table_cell_shows_a_missing_value_as_anything_but_a_dash(page_file):
    app = open_page(page_file, {"fran": "2011", "till": "2012"})
    assert_no_error(app)
    elements = table_elements(app)
    assert elements, f"{page_file} shows no table"
    for element, shown in zip(elements, displayed_tables(app)):
        assert element.proto.arrow_data.styler.display_values, f"{page_file}: a table without formatted cells"
        leaked = [
            (row, column, cell)
            for row, values in shown.iterrows()
            for column, cell in values.items()
            if LEAKED.search(str(cell))
        ]
        assert not leaked, f"{page_file}, table {list(shown.columns)}: {leaked[:5]}"
        assert not [column for column in shown.columns if LEAKED.search(str(column))]


def test_an_empty_cell_reads_as_a_dash_where_the_report_prints_nothing():
    app = open_page("navet.py", {"fran": "2011", "till": "2012"})
    assert_no_error(app)
    by_category = next(table for table in displayed_tables(app) if "Konferenser" in table.columns)
    bollebygd_2012 = by_category[(by_category["År"] == "2012") & (by_category["Besöksgrupp"] == "Bollebygd")]
    assert bollebygd_2012["Konferenser"].tolist() == ["–"], "Bilaga 1 prints no conference visits for Bollebygd"
