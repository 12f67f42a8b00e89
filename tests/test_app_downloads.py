"""The downloads: the municipality sheet (Excel with one sheet per table, a one-page PDF), and
that no download of any page can run anything, whatever the labels in the warehouse begin with."""

import csv
import io
import re
import shutil
import subprocess
import sys

import duckdb
import openpyxl
import pypdf
import pytest
from streamlit.delta_generator import DeltaGenerator

from streamlit_app import sheet
from streamlit_app.exports import FORMULA_STARTS
from streamlit_app.navigation import PAGES
from streamlit_app.state import Municipality
from tests.support.app_pages import assert_no_error, open_page, table_with

NBSP = "\u00a0"
BORAS = Municipality("1490", "Borås", "member", "Västra Götalands län")
SWEDISH_NUMBER = re.compile(r"^-?\d+(,\d+)?(E-?\d+)?$")


@pytest.fixture
def published(published_2012, monkeypatch):
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(published_2012))
    return published_2012


def test_the_municipality_sheet_workbook_has_a_sheet_per_table_with_the_reports_figures(published):
    workbook = openpyxl.load_workbook(io.BytesIO(sheet.workbook(sheet.gather(BORAS, (2011, 2012)))))
    assert workbook.sheetnames == list(sheet.SHEETS)
    key_figures = {row[0]: row[1] for row in workbook["Nyckeltal"].iter_rows(min_row=2, values_only=True)}
    assert key_figures["Förbundsbidrag (kansliet)"] == 7249
    cells = {row[0].value: row for row in workbook["Nyckeltal"].iter_rows(min_row=2)}
    assert cells["Förbundsbidrag (kansliet)"][1].number_format == "#,##0"
    assert cells["Andel av alla kommuners avgifter"][1].number_format == "0.0%", "a share reads 54,7 %, not 0,547"
    assert cells["Andel av Medarbetarcentrums positiva förändringar"][3].value.startswith("slutsats"), (
        "Bilaga 2's column headers are lost: Borås's column is an inference and the workbook says so"
    )
    assert cells["Förbundsbidrag (kansliet)"][3].value is None
    per_year = {row[0].value: row for row in workbook["Per år"].iter_rows(min_row=2) if row[0].value}
    header = [cell.value for cell in workbook["Per år"][1]]
    assert per_year[2012][header.index("Andel av Navets kommunbesök")].number_format == "0.0%"
    assert per_year[2012][header.index("Positiva förändringar (MC), kolumnens kommun")].value == "slutsats"
    assert key_figures["Avgifter totalt"] == 7249 + 4500 + 1240
    assert key_figures["Andel av alla kommuners avgifter"] == pytest.approx(12989 / (15861 + 5835 + 2045))
    comparison = {row[0]: row for row in workbook["Jämförelse"].iter_rows(min_row=2, values_only=True)}
    assert comparison["Navetavgift per besök"][4] == "plats 6 av 6"
    fees = [row for row in workbook["Avgifter"].iter_rows(min_row=2, values_only=True)]
    assert (2011, "Förbundsbidrag (kansli)", 7198) in [row[:3] for row in fees]
    sources = [row[0] for row in workbook["Källor"].iter_rows(min_row=2, values_only=True)]
    assert "Årsredovisning 2012, Not 3 Förbundsbidrag, kansli" in sources


def test_the_municipality_sheet_pdf_is_one_page_with_the_name_and_the_forbundsbidrag(published):
    document = pypdf.PdfReader(io.BytesIO(sheet.pdf(sheet.gather(BORAS, (2011, 2012)))))
    assert len(document.pages) == 1
    text = document.pages[0].extract_text().replace(NBSP, " ")
    assert "Kommunblad: Borås 2012" in text
    assert re.search(r"Förbundsbidrag \(kansliet\)\s+7 249 tkr", text), text[:600]
    assert "54,7 %" in text and "plats 6 av 6 (1 = lägst)" in text, "fee per visit: the lowest is first"
    assert "plats 1 av 8 (1 = högst)" in text, "Borås's förbundsbidrag is the largest"
    assert "\u2212" in text, "negative differences carry the minus sign U+2212"
    assert "Not 3 Förbundsbidrag, kansli" in text


REGULAR_FONT_FIRST = """
import sys
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from streamlit_app import sheet
from streamlit_app.state import Municipality

pdfmetrics.registerFont(TTFont("Vera", str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")))
borås = Municipality("1490", "Borås", "member", "Västra Götalands län")
sys.stdout.buffer.write(sheet.pdf(sheet.gather(borås, (2011, 2012))))
"""


def test_the_sheet_pdf_is_made_when_the_process_has_registered_the_regular_font_before(published):
    """The test PDFs' typesetter registers Vera alone; the sheet then still needs its bold font (CI failed so)."""
    made = subprocess.run([sys.executable, "-c", REGULAR_FONT_FIRST], capture_output=True, check=False)
    assert made.returncode == 0, made.stderr.decode()[-2000:]
    text = pypdf.PdfReader(io.BytesIO(made.stdout)).pages[0].extract_text()
    assert "Kommunblad: Borås 2012" in text


# Labels that begin with each character a spreadsheet reads as the start of a formula.
POISONED = {
    ("dim_municipality", "municipality_name", "municipality_code = '1443'"): '=HYPERLINK("http://example.invalid")',
    ("fct_visits", "conformed_group", "visitor_group = 'övrigt'"): "+Övriga besökare",
    ("fct_note_lines", "label", "label = 'Personalkostnader'"): "-Personalkostnader",
    ("fct_income_statement", "label", "line_id = 'avskrivningar'"): "@Avskrivningar",
    (
        "fct_key_figures",
        "label",
        "figure_id = 'mc_medarbetare_hanterade'",
    ): "\tUnder året har drygt 500 medarbetare hanterats",
    ("fct_staff", "role", "role = 'Coacher'"): "\rCoacher",
    ("dim_source_table", "title", "table_id = 'not_forbundsbidrag_kansli'"): "=1+1",
}


@pytest.fixture
def poisoned_warehouse(published_2012, tmp_path, monkeypatch):
    warehouse = tmp_path / "sjuharad.duckdb"
    shutil.copyfile(published_2012, warehouse)
    con = duckdb.connect(
        str(warehouse), config={"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    )
    try:
        for (mart, column, where), label in POISONED.items():
            updated = con.execute(f"update marts.{mart} set {column} = ? where {where}", [label]).fetchall()
            assert updated[0][0] >= 1, (mart, where)
        con.execute("checkpoint")
    finally:
        con.close()
    monkeypatch.setenv("SJUHARAD_WAREHOUSE", str(warehouse))
    return warehouse


@pytest.fixture
def recorded_downloads(monkeypatch):
    """Every download button any page shows: its file name and the callable or bytes it offers."""
    recorded: list[tuple[str, object]] = []
    original = DeltaGenerator.download_button

    def recording(self, label, data, file_name=None, *args, **kwargs):
        recorded.append((file_name, data))
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    return recorded


def _fields(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    return [field for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for field in row]


def test_no_download_of_any_page_holds_a_formula(poisoned_warehouse, recorded_downloads):
    for page_file, *_ in PAGES:
        app = open_page(page_file, {"kommun": "1443"})
        assert_no_error(app)
    files = {}
    for file_name, data in recorded_downloads:
        files[file_name] = data() if callable(data) else data
    csv_files = {name: data for name, data in files.items() if name.endswith(".csv")}
    excel_files = {name: data for name, data in files.items() if name.endswith(".xlsx")}
    assert len(csv_files) >= 20 and len(excel_files) >= 21, sorted(files)
    assert any(name.startswith("kommunblad") and name.endswith(".xlsx") for name in excel_files), (
        "the municipality sheet"
    )

    csv_text = []
    for name, data in csv_files.items():
        for field in _fields(data):
            if field.startswith(FORMULA_STARTS):
                assert SWEDISH_NUMBER.match(field), f"{name}: a field that starts like a formula: {field!r}"
            csv_text.append(field)
    excel_text = []
    for name, data in excel_files.items():
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        for worksheet in workbook.worksheets:
            for row in worksheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (
                        f"{name}/{worksheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                    )
                    if isinstance(cell.value, str):
                        excel_text.append(cell.value)
                        if cell.value.startswith(FORMULA_STARTS + ("\n",)):
                            assert cell.quotePrefix, f"{name}/{worksheet.title}!{cell.coordinate}"
    for label in POISONED.values():
        assert "'" + label in csv_text or any(field.startswith("'" + label) for field in csv_text), f"CSV: {label!r}"
        # openpyxl keeps a carriage return where lxml is installed (python-docx brings it); Python's own XML
        # parser reads it as a line feed.
        as_read = (label, label.replace("\r", "\n"))
        assert any(text.startswith(as_read) for text in excel_text), f"Excel: {label!r} as text"


def test_a_label_that_starts_like_a_formula_reads_unchanged_on_screen(poisoned_warehouse):
    app = open_page("finances.py")
    assert_no_error(app)
    costs = table_with(app, "Slag")
    assert "-Personalkostnader" in list(costs["Slag"])


def test_a_pages_excel_download_reads_like_its_table(published, recorded_downloads):
    app = open_page("returns.py", {"kommun": "1490"})
    assert_no_error(app)
    files = {name: data for name, data in recorded_downloads}
    workbook = openpyxl.load_workbook(io.BytesIO(files["betalar_och_far_tillbaka_2012.xlsx"]()))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    boras = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "Borås")
    fees = boras[header.index("Avgifter (tkr)")]
    assert (fees.value, fees.number_format) == (12989, "#,##0")
    share = boras[header.index("Andel av alla avgifter")]
    assert share.value == pytest.approx(12989 / 23741) and share.number_format == "0.0%"
    csv_rows = list(
        csv.reader(io.StringIO(files["betalar_och_far_tillbaka_2012.csv"]().decode("utf-8-sig")), delimiter=";")
    )
    boras_csv = next(row for row in csv_rows if row[0] == "Borås")
    assert boras_csv[csv_rows[0].index("Avgifter (tkr)")] == "12989", "a whole number without ,0"
