"""The app's Swedish number formatting and table exports (pure functions)."""

import io

import openpyxl
import pandas as pd
import pytest

from streamlit_app import formatting
from streamlit_app.exports import to_csv_bytes, to_excel_bytes

NBSP = "\u00a0"
MINUS = "\u2212"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (7249, 0, f"7{NBSP}249"),
        (912, 0, "912"),
        (-63300, 0, f"{MINUS}63{NBSP}300"),
        (1250000, 0, f"1{NBSP}250{NBSP}000"),
        (10.66, 1, "10,7"),
        (-0.04, 1, "0,0"),
        (0, 0, "0"),
        (None, 0, "–"),
        (float("nan"), 0, "–"),
    ],
)
def test_format_number(value, decimals, expected):
    assert formatting.format_number(value, decimals) == expected


def test_units_and_percent():
    assert formatting.format_tkr(7249) == f"7{NBSP}249{NBSP}tkr"
    assert formatting.format_percent(10.66) == f"10,7{NBSP}%"
    assert formatting.format_share(0.1372) == f"13,7{NBSP}%"
    assert formatting.format_kr(-70) == f"{MINUS}70{NBSP}kr"
    assert formatting.format_tkr(None) == "–"


def test_signed_change():
    assert formatting.format_signed(4563) == f"+4{NBSP}563"
    assert formatting.format_signed(-970) == f"{MINUS}970"
    assert formatting.format_signed(0) == "0"
    assert formatting.format_signed_percent(8.6) == f"+8,6{NBSP}%"


def test_percent_change():
    assert formatting.percent_change(912, 1882) == pytest.approx(-51.54, abs=0.01)
    assert formatting.percent_change(-63300, -62651) == pytest.approx(-1.036, abs=0.001)
    assert formatting.percent_change(5, 0) is None
    assert formatting.percent_change(None, 3) is None


def test_csv_is_semicolon_separated_with_decimal_comma_and_bom():
    table = pd.DataFrame({"Kommun": ["Borås", "Mark"], "Belopp (tkr)": [7249.0, -2374.5]})
    data = to_csv_bytes(table)
    assert data.startswith("\ufeff".encode("utf-8"))
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["Kommun;Belopp (tkr)", "Borås;7249", "Mark;-2374,5"], "a whole number without ,0"


def test_excel_keeps_raw_numbers():
    table = pd.DataFrame({"Kommun": ["Borås"], "Belopp (tkr)": [7249.0]})
    workbook = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(table, "Avgifter: per kommun")))
    sheet = workbook.active
    assert sheet.title == "Avgifter  per kommun"
    assert [cell.value for cell in sheet[2]] == ["Borås", 7249]
