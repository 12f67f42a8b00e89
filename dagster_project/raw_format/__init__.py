"""The hand-keyed raw report format: specs, parsing, validation and loading."""

from dagster_project.raw_format.errors import RawFormatError, ReportRejected
from dagster_project.raw_format.loader import LoadSummary, ValidatedReport, load_report, validate_report
from dagster_project.raw_format.manifest import Manifest, TableEntry, check_manifest, read_manifest
from dagster_project.raw_format.numbers import parse_number
from dagster_project.raw_format.reader import parse_table, read_table
from dagster_project.raw_format.specs import TABLE_SPECS, ColumnSpec, TableSpec

__all__ = [
    "ColumnSpec",
    "LoadSummary",
    "Manifest",
    "RawFormatError",
    "ReportRejected",
    "TABLE_SPECS",
    "TableEntry",
    "TableSpec",
    "ValidatedReport",
    "check_manifest",
    "load_report",
    "parse_number",
    "parse_table",
    "read_manifest",
    "read_table",
    "validate_report",
]
