"""The app without a usable warehouse: a Swedish message that says what to do, never a traceback."""

import pytest

from streamlit_app.navigation import PAGES
from tests.support.app_pages import assert_no_error, open_page, shown_text


@pytest.mark.parametrize("page_file", [page[0] for page in PAGES])
def test_no_warehouse_yet(tmp_path, monkeypatch, page_file):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(tmp_path / "missing" / "sjuharad.duckdb"))
    app = open_page(page_file)
    assert_no_error(app)
    messages = [element.value for element in app.info]
    assert any("Det finns ännu inga granskade uppgifter att visa" in message for message in messages), messages
    assert any("Kontakta den som förvaltar Sjuhärad Insyn" in message for message in messages)
    assert "make" not in shown_text(app), "a decision maker is not told to run a command"


def test_unreadable_warehouse(tmp_path, monkeypatch):
    broken = tmp_path / "sjuharad.duckdb"
    broken.write_bytes(b"not a duckdb file" * 100)
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(broken))
    app = open_page("overview.py")
    assert_no_error(app)
    text = shown_text(app)
    assert "kunde inte läsas" in text and "kontakta den som förvaltar" in text
