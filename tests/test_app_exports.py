"""The files a reader downloads, as a board paper needs them: Excel cells carry number formats
(thousands, one decimal for shares, %), CSV writes whole numbers without ",0", and text that
looks like a formula never runs. Small frames with the report's figures; no warehouse."""

import csv
import io

import openpyxl
import pandas as pd

from streamlit_app import components, exports

# Not 4, Medlemsavgifter Navet 2012 (tkr), and Borås's share of them: 4 500 of 5 835.
NAVET_2012 = pd.DataFrame(
    {
        "Kommun": ["Borås", "Mark", "=HYPERLINK(1)"],
        "Belopp (tkr)": [4500.0, 525.0, None],
        "Andel": [4500 / 5835, 525 / 5835, None],
        "Förändring (%)": [0.0, -12.5, None],
        "Förändring (tkr)": [0.0, -75.0, None],
    }
)
FORMATS = {
    "Belopp (tkr)": components.NUMBER,
    "Andel": components.SHARE,
    "Förändring (%)": components.SIGNED_PERCENT,
    "Förändring (tkr)": components.SIGNED,
    "Kommun": lambda name: name,
}


def test_excel_cells_carry_the_tables_number_formats():
    data = exports.to_excel_bytes(NAVET_2012, "Navet 2012", components.excel_formats(FORMATS))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Navet 2012"]
    header = [cell.value for cell in sheet[1]]
    boras = {name: cell for name, cell in zip(header, sheet[2])}
    assert boras["Belopp (tkr)"].value == 4500 and boras["Belopp (tkr)"].number_format == "#,##0"
    assert boras["Andel"].value == 4500 / 5835 and boras["Andel"].number_format == "0.0%"
    mark = {name: cell for name, cell in zip(header, sheet[3])}
    assert mark["Förändring (%)"].number_format == '+0.0" %";"\u2212"0.0" %";0.0" %"'
    assert mark["Förändring (tkr)"].number_format == '+#,##0;"\u2212"#,##0;#,##0'
    assert mark["Kommun"].number_format == "General", "text gets no number format"
    injected = sheet["A4"]
    assert injected.data_type == "s" and injected.quotePrefix, "a formula-like label stays text"


def test_csv_writes_whole_numbers_without_decimals_and_keeps_every_digit_of_the_others():
    rows = list(csv.reader(io.StringIO(exports.to_csv_bytes(NAVET_2012).decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Kommun", "Belopp (tkr)", "Andel", "Förändring (%)", "Förändring (tkr)"]
    assert rows[1] == ["Borås", "4500", repr(4500 / 5835).replace(".", ","), "0", "0"]
    assert rows[2][1:] == ["525", repr(525 / 5835).replace(".", ","), "-12,5", "-75"]
    assert rows[3] == ["'=HYPERLINK(1)", "", "", "", ""], "formula guard; empty stays empty"


def test_numbers_in_a_text_column_are_written_like_numbers():
    mixed = pd.DataFrame({"Värde": ["ca", 4500.0, 17.5]})
    rows = list(csv.reader(io.StringIO(exports.to_csv_bytes(mixed).decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["ca", "4500", "17,5"]
