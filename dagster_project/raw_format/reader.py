"""Reading one hand-keyed CSV table against its spec, collecting every problem."""

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from dagster_project.raw_format.errors import RawFormatError, ReportRejected
from dagster_project.raw_format.numbers import numbers_in, parse_number
from dagster_project.raw_format.specs import ColumnSpec, TableSpec

DEFAULT_MAX_BYTES = 10_000_000
DELIMITER = ";"
ROW_NUMBER = "row_number"

_EXPECTED_NUMBER = "a number in Swedish format such as 15 861, -63 300 or 10,7"
_EXPECTED_WHOLE_NUMBER = "a whole number such as 3, 2012 or 15 861"
_EXPECTED_COUNT = "a whole number of 0 or more such as 0, 3 or 15 861"
_EXPECTED_NON_NEGATIVE = "a number of 0 or more in Swedish format such as 0, 12 or 10,7"
_INVALID = object()
_SIZE_LIMIT_REASON = (
    f"a raw table may be at most {DEFAULT_MAX_BYTES // 1_000_000} MB (raw/README.md); "
    "a printed table is a few kilobytes, so check that this is the right file"
)


@dataclass
class ParsedTable:
    """The rows of one file (each with its 1-based row_number) and every problem in it.

    sha256 is the hash of the exact bytes that were parsed; None if the file
    could not be read.
    """

    path: Path
    spec: TableSpec
    rows: list[dict] = field(default_factory=list)
    sha256: str | None = None
    problems: list[RawFormatError] = field(default_factory=list)


def read_table(path: Path, spec: TableSpec, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[dict]:
    """The validated rows of a file; raises ReportRejected listing all its problems."""
    table = parse_table(path, spec, max_bytes=max_bytes)
    if table.problems:
        raise ReportRejected(table.problems)
    return table.rows


def parse_table(path: Path, spec: TableSpec, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedTable:
    path = Path(path)
    table = ParsedTable(path, spec)
    content = _read_bytes(table, max_bytes)
    if content is None:
        return table
    table.sha256 = hashlib.sha256(content).hexdigest()
    text = _decode(table, content)
    if text is None:
        return table
    records = _split_records(table, text)
    if records is None:
        return table
    if not records:
        _problem(table, None, None, f"the header {DELIMITER.join(spec.header)}", "an empty file")
        return table
    if not _check_header(table, records[0]):
        return table
    if len(records) == 1:
        _problem(table, None, None, "at least one data row below the header", "only the header")
        return table
    parsed_rows = [
        row
        for row_number, record in enumerate(records[1:], start=1)
        if (row := _parse_row(table, row_number, record)) is not None
    ]
    _check_unique_keys(table, parsed_rows)
    _check_printed_figures(table, parsed_rows)
    table.rows = [row for row in parsed_rows if _INVALID not in row.values()]
    return table


def _problem(
    table: ParsedTable, row: int | None, column: str | None, expected: str, found: str, reason: str | None = None
) -> None:
    table.problems.append(RawFormatError(table.path, row, column, expected, found, reason))


def _read_bytes(table: ParsedTable, max_bytes: int) -> bytes | None:
    if not table.path.is_file():
        _problem(table, None, None, "a CSV file", "no such file")
        return None
    size = table.path.stat().st_size
    if size > max_bytes:
        _problem(table, None, None, f"a file of at most {max_bytes} bytes", f"{size} bytes", _SIZE_LIMIT_REASON)
        return None
    with table.path.open("rb") as file:
        content = file.read(max_bytes + 1)
    if len(content) > max_bytes:
        _problem(
            table,
            None,
            None,
            f"a file of at most {max_bytes} bytes",
            "a file that grew while being read",
            _SIZE_LIMIT_REASON,
        )
        return None
    return content


def _decode(table: ParsedTable, content: bytes) -> str | None:
    offset = len(codecs.BOM_UTF8) if content.startswith(codecs.BOM_UTF8) else 0
    try:
        return content[offset:].decode("utf-8")
    except UnicodeDecodeError as error:
        position = offset + error.start
        _problem(
            table,
            content[:position].count(b"\n"),
            None,
            "UTF-8 text (save the file as UTF-8)",
            f"byte 0x{content[position]:02x} at byte offset {position}, which is not UTF-8 (Latin-1 or Windows-1252?)",
        )
        return None


def _split_records(table: ParsedTable, text: str) -> list[list[str]] | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as error:
        _problem(table, len(records), None, "well-formed CSV (check the double quotes)", str(error))
        return None
    while records and not records[-1]:
        records.pop()
    return records


def _check_header(table: ParsedTable, record: list[str]) -> bool:
    expected = list(table.spec.header)
    found = [cell.strip() for cell in record]
    if found == expected:
        return True
    missing = [name for name in expected if name not in found]
    extra = [name for name in found if name not in expected]
    differences = []
    if missing:
        differences.append(f"missing {', '.join(missing)}")
    if extra:
        differences.append(f"unexpected {', '.join(repr(name) for name in extra)}")
    if not differences:
        differences.append("columns in another order or repeated")
    _problem(
        table,
        0,
        None,
        f"the {table.spec.table_type} header {DELIMITER.join(expected)}",
        DELIMITER.join(found),
        "; ".join(differences),
    )
    return False


def _parse_row(table: ParsedTable, row_number: int, record: list[str]) -> dict | None:
    """The row's values, _INVALID where a cell is wrong; None if the row cannot be split."""
    columns = table.spec.columns
    if len(record) != len(columns):
        found = "an empty line" if not record else f"{len(record)} cells"
        _problem(table, row_number, None, f"{len(columns)} cells separated by '{DELIMITER}', as in the header", found)
        return None
    row: dict = {ROW_NUMBER: row_number}
    for column, cell in zip(columns, record):
        row[column.name] = _parse_cell(table, row_number, column, cell.strip())
    return row


def _parse_cell(table: ParsedTable, row_number: int, column: ColumnSpec, cell: str) -> object:
    if not cell:
        if column.required:
            _problem(
                table, row_number, column.name, _expected_value(column), "an empty cell", "this column is required"
            )
            return _INVALID
        return None
    if column.type == "text":
        if column.allowed is not None and cell not in column.allowed:
            _problem(table, row_number, column.name, _expected_value(column), repr(cell))
            return _INVALID
        return cell
    try:
        value = parse_number(cell)
    except ValueError as error:
        _problem(table, row_number, column.name, _expected_value(column), repr(cell), str(error))
        return _INVALID
    if column.type == "int" and isinstance(value, float):
        _problem(
            table,
            row_number,
            column.name,
            _expected_value(column),
            repr(cell),
            "decimals are not allowed in this column",
        )
        return _INVALID
    if column.non_negative and value < 0:
        _problem(table, row_number, column.name, _expected_value(column), repr(cell), "a count cannot be negative")
        return _INVALID
    return value


def _expected_value(column: ColumnSpec) -> str:
    if column.allowed is not None:
        return f"one of {', '.join(column.allowed)}"
    if column.non_negative:
        return _EXPECTED_COUNT if column.type == "int" else _EXPECTED_NON_NEGATIVE
    if column.type == "int":
        return _EXPECTED_WHOLE_NUMBER
    if column.type == "number":
        return _EXPECTED_NUMBER
    return "text"


def _check_unique_keys(table: ParsedTable, rows: list[dict]) -> None:
    """Like SQL UNIQUE, a key with an empty cell (e.g. a lost label) never clashes."""
    key = table.spec.key
    first_row_by_key: dict[tuple, int] = {}
    for row in rows:
        values = tuple(row[name] for name in key)
        if any(value is None or value is _INVALID for value in values):
            continue
        if values in first_row_by_key:
            _problem(
                table,
                row[ROW_NUMBER],
                ", ".join(key),
                f"each ({', '.join(key)}) once in the file",
                f"{_show_key(values)} again, first on row {first_row_by_key[values]}",
            )
        else:
            first_row_by_key[values] = row[ROW_NUMBER]


def _check_printed_figures(table: ParsedTable, rows: list[dict]) -> None:
    """A figure as printed is part of its phrase, and a number it writes in digits is the figure."""
    if table.spec.printed_figure is None:
        return
    printed_column, figure_column = table.spec.printed_figure
    phrase_column = table.spec.label_column
    for row in rows:
        printed, phrase, figure = row[printed_column], row[phrase_column], row[figure_column]
        if any(value is None or value is _INVALID for value in (printed, phrase, figure)):
            continue
        if printed not in phrase:
            _problem(
                table,
                row[ROW_NUMBER],
                printed_column,
                f"the figure as it stands in the {phrase_column}, character for character: {phrase!r}",
                repr(printed),
            )
            continue
        written = numbers_in(printed)
        if written and abs(figure) not in written:
            _problem(
                table,
                row[ROW_NUMBER],
                printed_column,
                f"the {figure_column} {abs(figure):g} written in it (its sign may be told in words)",
                repr(printed),
            )


def _show_key(values: tuple) -> str:
    return ", ".join(repr(value) for value in values)
