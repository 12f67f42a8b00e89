"""Validating a whole report folder and loading it into the raw schema in one transaction."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from dagster_project.raw_format.errors import RawFormatError, ReportRejected
from dagster_project.raw_format.manifest import Manifest, TableEntry, check_manifest, expected_report_year, report_years
from dagster_project.raw_format.reader import DEFAULT_MAX_BYTES, ROW_NUMBER, ParsedTable, parse_table
from dagster_project.raw_format.specs import (
    ACKNOWLEDGED_COLUMNS,
    ACKNOWLEDGED_TABLE,
    LINEAGE_COLUMNS,
    REPORT_TABLES_COLUMNS,
    REPORT_TABLES_TABLE,
    REPORTS_COLUMNS,
    REPORTS_TABLE,
    TABLE_SPECS,
    all_create_sql,
)

_ARROW_TYPES = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "TIMESTAMP": pa.timestamp("us")}
_SPEC_COLUMN_TYPES = {"text": "VARCHAR", "int": "BIGINT", "number": "DOUBLE"}


@dataclass(frozen=True)
class ValidatedReport:
    """A manifest and its parsed tables, in manifest order; nothing in it is wrong."""

    manifest: Manifest
    tables: tuple[ParsedTable, ...]
    manifest_sha256: str

    @property
    def report_id(self) -> str:
        return self.manifest.report_id

    def entries_with_tables(self) -> list[tuple[TableEntry, ParsedTable]]:
        return list(zip(self.manifest.tables, self.tables))


@dataclass(frozen=True)
class LoadSummary:
    report_id: str
    rows_by_table_id: dict[str, int]
    sha256_by_file: dict[str, str]

    @property
    def total_rows(self) -> int:
        return sum(self.rows_by_table_id.values())


def validate_report(report_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ValidatedReport:
    """Read and check the manifest and every file; raises ReportRejected listing every problem."""
    check = check_manifest(Path(report_dir))
    problems = list(check.problems)
    tables: list[ParsedTable] = []
    if check.manifest is not None:
        for entry in check.manifest.tables:
            table = parse_table(check.manifest.report_dir / entry.file, entry.spec, max_bytes=max_bytes)
            problems.extend(table.problems)
            problems.extend(_years_outside_report(entry, table, check.manifest.report_year))
            tables.append(table)
    if problems:
        raise ReportRejected(problems)
    manifest_sha256 = hashlib.sha256(check.manifest.manifest_path.read_bytes()).hexdigest()
    return ValidatedReport(check.manifest, tuple(tables), manifest_sha256)


def _years_outside_report(entry: TableEntry, table: ParsedTable, report_year: int) -> list[RawFormatError]:
    """A figure of the running text is for the report year or the year before, like the tables."""
    if entry.table_type != "key_figures":
        return []
    return [
        RawFormatError(table.path, row[ROW_NUMBER], "year", expected_report_year(report_year), str(row["year"]))
        for row in table.rows
        if row["year"] not in report_years(report_year)
    ]


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in all_create_sql():
        con.execute(statement)


def load_report(
    con: duckdb.DuckDBPyConnection,
    report_dir: Path,
    *,
    loaded_at: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LoadSummary:
    """Replace every raw row of the report with the folder's content, all or nothing.

    loaded_at is stored as a UTC timestamp without time zone; default now.
    """
    report = validate_report(report_dir, max_bytes=max_bytes)
    return replace_reports(con, [report], loaded_at=loaded_at)[0]


def load_reports(
    con: duckdb.DuckDBPyConnection,
    report_dirs: list[Path],
    *,
    loaded_at: datetime | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[list[LoadSummary], dict[str, ReportRejected]]:
    """Validate every folder, then replace the rows of the valid ones in one transaction.

    A rejected folder loads nothing and is returned by name with its problems; the
    others load together: one delete and one insert per raw table for all of them.
    """
    reports, rejected = [], {}
    for report_dir in report_dirs:
        try:
            reports.append(validate_report(report_dir, max_bytes=max_bytes))
        except ReportRejected as rejection:
            rejected[Path(report_dir).name] = rejection
    return replace_reports(con, reports, loaded_at=loaded_at), rejected


def replace_reports(
    con: duckdb.DuckDBPyConnection, reports: list[ValidatedReport], *, loaded_at: datetime | None = None
) -> list[LoadSummary]:
    if not reports:
        return []
    loaded_at = _as_utc_naive(loaded_at or datetime.now(UTC))
    con.execute("BEGIN TRANSACTION")
    try:
        create_raw_tables(con)
        _delete_reports(con, [report.report_id for report in reports])
        _insert_reports(con, reports, loaded_at)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return [
        LoadSummary(
            report_id=report.report_id,
            rows_by_table_id={entry.table_id: len(table.rows) for entry, table in report.entries_with_tables()},
            sha256_by_file={entry.file: table.sha256 for entry, table in report.entries_with_tables()},
        )
        for report in reports
    ]


def source_file(report_id: str, file: str) -> str:
    """How lineage names a file: relative to the raw directory, with forward slashes."""
    return f"{report_id}/{file}"


def _as_utc_naive(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _delete_reports(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> None:
    tables = [
        REPORTS_TABLE,
        REPORT_TABLES_TABLE,
        ACKNOWLEDGED_TABLE,
        *(spec.qualified_table for spec in TABLE_SPECS.values()),
    ]
    for table in tables:
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, report_id)", [report_ids])


def _insert_reports(con: duckdb.DuckDBPyConnection, reports: list[ValidatedReport], loaded_at: datetime) -> None:
    report_rows, table_rows, acknowledged_rows = [], [], []
    rows_by_table: dict[str, tuple[list, list]] = {}
    for report in reports:
        manifest = report.manifest
        report_rows.append(
            [
                manifest.report_id,
                manifest.organisation,
                manifest.report_year,
                manifest.title,
                manifest.unit,
                manifest.source_document,
                report.manifest_sha256,
                loaded_at,
            ]
        )
        table_rows.extend(
            [
                manifest.report_id,
                entry.table_id,
                entry.table_type,
                entry.file,
                entry.title,
                entry.note,
                entry.page,
                entry.unit,
                entry.period_year,
                table.sha256,
                entry.comment,
            ]
            for entry, table in report.entries_with_tables()
        )
        acknowledged_rows.extend(
            [manifest.report_id, a.check, a.table_id, a.line, a.column, a.printed, a.computed, a.comment]
            for a in manifest.acknowledged_discrepancies
        )
        for entry, table in report.entries_with_tables():
            lineage = [manifest.report_id, entry.table_id, source_file(manifest.report_id, entry.file), table.sha256]
            data_columns = list(entry.spec.header)
            columns = [
                *LINEAGE_COLUMNS,
                *((column.name, _SPEC_COLUMN_TYPES[column.type]) for column in entry.spec.columns),
            ]
            _, rows = rows_by_table.setdefault(entry.spec.qualified_table, (columns, []))
            rows.extend(
                [*lineage, row[ROW_NUMBER], loaded_at, *(row[name] for name in data_columns)] for row in table.rows
            )
    _insert_rows(con, REPORTS_TABLE, REPORTS_COLUMNS, report_rows)
    _insert_rows(con, REPORT_TABLES_TABLE, REPORT_TABLES_COLUMNS, table_rows)
    _insert_rows(con, ACKNOWLEDGED_TABLE, ACKNOWLEDGED_COLUMNS, acknowledged_rows)
    for qualified_table, (columns, rows) in rows_by_table.items():
        _insert_rows(con, qualified_table, columns, rows)


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns, rows: list[list]) -> None:
    """Insert rows in one statement through an Arrow table typed like the raw table.

    columns: (name, DuckDB type) pairs; the names come from the specs in code and every
    value travels as data, never as SQL text.
    """
    if not rows:
        return
    names = [name for name, _ in columns]
    arrow_types = [_ARROW_TYPES[declared.split()[0]] for _, declared in columns]
    by_column = list(zip(*rows))
    batch = pa.table([pa.array(values, type=kind) for values, kind in zip(by_column, arrow_types)], names=names)
    column_list = ", ".join(f'"{name}"' for name in names)
    con.register("raw_rows_to_insert", batch)
    try:
        con.execute(f"INSERT INTO {table} ({column_list}) SELECT {column_list} FROM raw_rows_to_insert")
    finally:
        con.unregister("raw_rows_to_insert")
