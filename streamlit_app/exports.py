"""Every file the app lets a reader download is written here: CSV, Excel and the workbook of
the municipality sheet. Swedish Excel opens them as they are (CSV: semicolon, decimal comma,
BOM; .xlsx: raw numbers, text as text).

Text in the warehouse comes from documents, so a label may begin with a character a
spreadsheet reads as the start of a formula (`=`, `+`, `-`, `@`, tab, carriage return).
This module is the one place that keeps such text from ever running: in Excel every text
cell is written as text (never a formula), and one that looks like a formula also gets
Excel's quote prefix, which shows it unchanged; in CSV such a field is prefixed with an
apostrophe, as OWASP's guidance on CSV injection describes. Numbers stay numbers.
"""

import io
import math
from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

UTF8_BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_NEUTRALISER = "'"
MAX_SHEET_NAME = 31


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _csv_text(value: object) -> object:
    if isinstance(value, str) and looks_like_formula(value):
        return CSV_NEUTRALISER + value
    return value


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    safe = table.rename(columns=lambda column: _csv_text(str(column)))
    text_columns = [column for column in safe.columns if not pd.api.types.is_numeric_dtype(safe[column])]
    for column in text_columns:
        safe[column] = safe[column].map(_csv_text)
    text = safe.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return (UTF8_BOM + text).encode("utf-8")


def to_excel_bytes(table: pd.DataFrame, sheet_name: str = "Tabell") -> bytes:
    return workbook_bytes({sheet_name: table})


def workbook_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One sheet per table, in order; the header row in bold."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, table in sheets.items():
        sheet = workbook.create_sheet(_sheet_name(title, used))
        sheet.append([None] * len(table.columns))
        for column_number, column in enumerate(table.columns, start=1):
            _write(sheet.cell(row=1, column=column_number), str(column)).font = Font(bold=True)
        for row_number, row in enumerate(table.itertuples(index=False), start=2):
            for column_number, value in enumerate(row, start=1):
                _write(sheet.cell(row=row_number, column=column_number), value)
        _fit_columns(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write(cell, value: object):
    plain = _plain(value)
    cell.value = plain
    if isinstance(plain, str):
        cell.data_type = "s"  # openpyxl would make a string that starts with "=" a formula
        if looks_like_formula(plain):
            cell.quotePrefix = True
    return cell


def _plain(value: object) -> object:
    """A value openpyxl writes as it is: None for missing, Python numbers, naive datetimes, else text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) or hasattr(value, "item"):
        number = value.item() if hasattr(value, "item") else value
        if isinstance(number, float) and math.isnan(number):
            return None
        if isinstance(number, (int, float, bool)):
            return number
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return str(value)


def _fit_columns(sheet) -> None:
    for column_cells in sheet.columns:
        width = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column_cells)
        sheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 8), 60)


def _sheet_name(name: str, used: set[str]) -> str:
    cleaned = "".join(" " if character in "[]:*?/\\" else character for character in name).strip("'") or "Tabell"
    candidate, number = cleaned[:MAX_SHEET_NAME], 2
    while candidate.lower() in used:
        suffix = f" {number}"
        candidate, number = cleaned[: MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
    used.add(candidate.lower())
    return candidate
