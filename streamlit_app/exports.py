"""Every file the app lets a reader download is written here: CSV, Excel and the workbook of
the municipality sheet. Swedish Excel opens them as they are (CSV: semicolon, decimal comma,
BOM, whole numbers without decimals; .xlsx: raw numbers carrying number formats, text as text).

Text in the warehouse comes from documents, so a label may begin with a character a
spreadsheet reads as the start of a formula (`=`, `+`, `-`, `@`, tab, carriage return).
This module is the one place that keeps such text from ever running: in Excel every text
cell is written as text (never a formula), and one that looks like a formula also gets
Excel's quote prefix, which shows it unchanged; in CSV such a field is prefixed with an
apostrophe, as OWASP's guidance on CSV injection describes. Numbers stay numbers.
"""

import io
import math
from collections.abc import Callable, Mapping
from datetime import date, datetime
from numbers import Real

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
    if isinstance(value, Real) and not isinstance(value, bool):
        return _csv_number(value)
    return value


def _csv_number(value: object) -> str:
    """`4500.0` → `4500`, `0.5471` → `0,5471` (every digit kept), missing → empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number).replace(".", ",")


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    safe = table.rename(columns=lambda column: _csv_text(str(column)))
    for column in safe.columns:
        numeric = pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_bool_dtype(safe[column])
        safe[column] = safe[column].map(_csv_number if numeric else _csv_text)
    text = safe.to_csv(sep=";", index=False, lineterminator="\r\n")
    return (UTF8_BOM + text).encode("utf-8")


# Excel number formats; Excel shows the reader's own separators (`7 249`, `54,7 %` in Swedish Excel).
WHOLE = "#,##0"
ONE_DECIMAL = "#,##0.0"
SHARE = "0.0%"  # the cell holds the fraction: 0.547 reads 54,7 %
PERCENT = '0.0" %"'  # the cell holds percent units: 10.7 reads 10,7 %


def signed(number_format: str) -> str:
    """`+51`, `−12` (U+2212), `0` in `number_format`."""
    return f'+{number_format};"\u2212"{number_format};{number_format}'


# A column's Excel number format, or a function of its row (a column whose unit varies by row).
NumberFormat = str | Callable[[Mapping[str, object]], str | None]


def to_excel_bytes(
    table: pd.DataFrame, sheet_name: str = "Tabell", formats: Mapping[str, NumberFormat] | None = None
) -> bytes:
    return workbook_bytes({sheet_name: table}, {sheet_name: formats or {}})


def workbook_bytes(
    sheets: Mapping[str, pd.DataFrame], formats: Mapping[str, Mapping[str, NumberFormat]] | None = None
) -> bytes:
    """One sheet per table, in order; the header row in bold; `formats[sheet][column]` the number
    format of a column's numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for title, table in sheets.items():
        sheet = workbook.create_sheet(_sheet_name(title, used))
        sheet.append([None] * len(table.columns))
        column_formats = (formats or {}).get(title, {})
        for column_number, column in enumerate(table.columns, start=1):
            _write(sheet.cell(row=1, column=column_number), str(column)).font = Font(bold=True)
        for row_number, row in enumerate(table.to_dict("records"), start=2):
            for column_number, (column, value) in enumerate(row.items(), start=1):
                cell = _write(sheet.cell(row=row_number, column=column_number), value)
                number_format = column_formats.get(column)
                if callable(number_format):
                    number_format = number_format(row)
                if number_format and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = number_format
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
