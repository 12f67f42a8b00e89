"""Table downloads that Swedish Excel opens as they are: CSV (semicolon, decimal comma, BOM) and .xlsx."""

import io

import pandas as pd

UTF8_BOM = "\ufeff"


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    text = table.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return (UTF8_BOM + text).encode("utf-8")


def to_excel_bytes(table: pd.DataFrame, sheet_name: str = "Tabell") -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=_excel_sheet_name(sheet_name), index=False)
        sheet = writer.sheets[_excel_sheet_name(sheet_name)]
        for column_cells in sheet.columns:
            width = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column_cells)
            sheet.column_dimensions[column_cells[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def _excel_sheet_name(name: str) -> str:
    cleaned = "".join(" " if character in "[]:*?/\\" else character for character in name)
    return cleaned[:31] or "Tabell"
