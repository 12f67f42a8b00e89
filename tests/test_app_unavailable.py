"""The app without a usable warehouse: a Swedish message, never a traceback."""

import pytest

from tests.test_app_helpers import assert_no_error, open_page, shown_text
from streamlit_app.navigation import PAGES


@pytest.mark.parametrize("page_file", [page[0] for page in PAGES])
def test_no_warehouse_yet(tmp_path, monkeypatch, page_file):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(tmp_path / "missing" / "sjuharad.duckdb"))
    app = open_page(page_file)
    assert_no_error(app)
    assert any("Det finns ännu inget publicerat datalager" in element.value for element in app.info)


def test_unreadable_warehouse(tmp_path, monkeypatch):
    broken = tmp_path / "sjuharad.duckdb"
    broken.write_bytes(b"not a duckdb file" * 100)
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(broken))
    app = open_page("overview.py")
    assert_no_error(app)
    assert "kunde inte läsas" in shown_text(app)
