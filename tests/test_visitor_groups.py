"""Navet's conformed visitor groups: every printed label of every year has a group (seed
visitor_groups), and each year's groups add up to the printed total, on the page as in the
mart. That an unmapped label or a lost group fails its dbt test is in tests/test_dbt_data_tests.py.

Bilaga 1 prints 53 013 visits for 2011 (with "Övriga" 21 008 and "Högskolan Borås" 775) and
57 576 for 2012 (with "övrigt" 21 455).
"""

import pytest

from tests.support.app_pages import assert_no_error, open_page, shown_text, table_with

pytestmark = pytest.mark.pipeline

NBSP = "\u00a0"
PRINTED_TOTAL = {"2011": 53013, "2012": 57576}
OTHERS = {"2011": 21008 + 775, "2012": 21455}


def number(text: str) -> int:
    return int(text.replace(NBSP, "").replace("\u2212", "-"))


def test_navet_shows_every_group_of_both_years_adding_up_to_the_printed_totals(published_2012, monkeypatch):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(published_2012))
    app = open_page("navet.py", {"fran": "2011", "till": "2012"})
    assert_no_error(app)
    by_year = table_with(app, "Förändring").set_index("Besöksgrupp")
    for year, total in PRINTED_TOTAL.items():
        assert sum(number(cell) for cell in by_year[year]) == total
        assert number(by_year.loc["Övriga besökare", year]) == OTHERS[year]
    assert by_year.loc["Övriga besökare", "Förändring"].replace(NBSP, " ") == f"\u2212{OTHERS['2011'] - OTHERS['2012']}"
    assert "Högskolan Borås" not in by_year.index and "övrigt" not in by_year.index
    chart_rows = [
        row
        for chart in app.get("vega_lite_chart")
        for dataset in chart.proto.datasets
        for row in _arrow_rows(dataset.data.data)
        if "visitor_group" in row
    ]
    for year, total in PRINTED_TOTAL.items():
        assert sum(row["visits"] for row in chart_rows if str(row["year"]) == year) == total, year
    text = shown_text(app)
    assert "Övriga besökare är ”Högskolan Borås” och ”Övriga” (2011), ”övrigt” (2012)" in text.replace("**", "")


def _arrow_rows(data: bytes) -> list[dict]:
    import pyarrow as pa

    return pa.ipc.open_stream(data).read_all().to_pylist() if data else []
