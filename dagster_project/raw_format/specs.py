"""The fixed column layout of every raw table type, and its DuckDB DDL."""

from dataclasses import dataclass

RAW_SCHEMA = "raw"
COLUMN_TYPES = ("text", "int", "number")
LINE_KINDS_ITEM_TOTAL = ("item", "total")
# A statement line: an item, a printed sum, a "varav" line outside every sum, or a heading.
LINE_KINDS = (*LINE_KINDS_ITEM_TOTAL, "memo", "heading")


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    type: str
    required: bool
    allowed: tuple[str, ...] | None = None
    non_negative: bool = False  # a count or a number of people: never below 0

    def __post_init__(self) -> None:
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r}")


@dataclass(frozen=True)
class TableSpec:
    table_type: str
    raw_table: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    # What the drafter (dagster_project/drafting) knows of the table as printed: the column of its
    # row labels, and the columns its figures fill.
    label_column: str | None = None
    figure_columns: tuple[str, ...] = ()
    # A column that holds a figure as its phrase prints it (text, figure column): it must stand
    # in the phrase, the label column, and any number it writes in digits must be the figure's.
    printed_figure: tuple[str, str] | None = None

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def qualified_table(self) -> str:
        return f"{RAW_SCHEMA}.{self.raw_table}"


def _text(name: str, required: bool = True, allowed: tuple[str, ...] | None = None) -> ColumnSpec:
    return ColumnSpec(name, "text", required, allowed)


def _int(name: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "int", required)


def _number(name: str, required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, "number", required)


def _count(name: str, type_: str = "int", required: bool = True) -> ColumnSpec:
    return ColumnSpec(name, type_, required, non_negative=True)


VISIT_CATEGORIES = (
    "tema_elever",
    "tema_larare",
    "kompetensutveckling_larare",
    "allmanhet_barn",
    "allmanhet_vuxna",
    "konferenser",
)
# Navet's visitor tables: a column per category, then their printed sum.
VISIT_COLUMNS = (*VISIT_CATEGORIES, "summa")

TABLE_SPECS: dict[str, TableSpec] = {
    spec.table_type: spec
    for spec in (
        TableSpec(
            "statement",
            "statement_lines",
            (
                _text("line_id"),
                _text("label"),
                _text("line_kind", allowed=LINE_KINDS),
                _text("part_of", required=False),
                _int("note", required=False),
                _number("amount_current", required=False),
                _number("amount_prior", required=False),
            ),
            key=("line_id",),
            label_column="label",
            figure_columns=("amount_current", "amount_prior"),
        ),
        TableSpec(
            "navet_visits",
            "navet_visits",
            (
                _text("visitor_group", required=False),
                _text("line_kind", allowed=LINE_KINDS_ITEM_TOTAL),
                *(_count(category, required=False) for category in VISIT_COLUMNS),
            ),
            key=("line_kind", "visitor_group"),
            label_column="visitor_group",
            figure_columns=VISIT_COLUMNS,
        ),
        TableSpec(
            "navet_goals",
            "navet_goals",
            (
                _int("goal_no"),
                _text("planned"),
                _text("achieved"),
                _count("planned_value", "number", required=False),
                _count("achieved_value", "number", required=False),
                _text("value_unit", required=False),
            ),
            key=("goal_no",),
            label_column="planned",
            figure_columns=("planned_value", "achieved_value"),
        ),
        TableSpec(
            "staff",
            "staff",
            (
                _text("role"),
                _text("line_kind", allowed=LINE_KINDS_ITEM_TOTAL),
                _count("persons", "number", required=False),
                _count("fte", "number", required=False),
            ),
            key=("role",),
            label_column="role",
            figure_columns=("persons", "fte"),
        ),
        TableSpec(
            "mc_case_statistics",
            "mc_case_statistics",
            (
                _text("measure"),
                _int("column_no"),
                _text("column_header", required=False),
                _count("value"),
            ),
            key=("measure", "column_no"),
            label_column="measure",
            figure_columns=("value",),
        ),
        TableSpec(
            "mc_positive_changes",
            "mc_positive_changes",
            (
                _text("outcome"),
                _text("line_kind", allowed=LINE_KINDS_ITEM_TOTAL),
                _int("column_no"),
                _text("column_header", required=False),
                _text("column_kind", allowed=LINE_KINDS_ITEM_TOTAL),
                _count("count"),
            ),
            key=("outcome", "column_no"),
            label_column="outcome",
            figure_columns=("count",),
        ),
        TableSpec(
            "key_figures",
            "key_figures",
            (
                _text("figure_id"),
                _text("section"),
                _text("label"),
                _int("year"),
                _number("value"),
                _text("unit"),
                _text("qualifier", required=False),
                _text("as_printed"),
            ),
            key=("figure_id", "year"),
            label_column="label",
            figure_columns=("value",),
            printed_figure=("as_printed", "value"),
        ),
    )
}

LINEAGE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("report_id", "VARCHAR"),
    ("table_id", "VARCHAR"),
    ("source_file", "VARCHAR"),
    ("file_sha256", "VARCHAR"),
    ("row_number", "BIGINT"),
    ("loaded_at", "TIMESTAMP"),
)

_DUCKDB_TYPES = {"text": "VARCHAR", "int": "BIGINT", "number": "DOUBLE"}

REPORTS_TABLE = f"{RAW_SCHEMA}.reports"
REPORT_TABLES_TABLE = f"{RAW_SCHEMA}.report_tables"

REPORTS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("report_id", "VARCHAR NOT NULL"),
    ("organisation", "VARCHAR NOT NULL"),
    ("report_year", "BIGINT NOT NULL"),
    ("title", "VARCHAR NOT NULL"),
    ("unit", "VARCHAR NOT NULL"),
    ("source_document", "VARCHAR NOT NULL"),
    ("manifest_sha256", "VARCHAR NOT NULL"),
    ("loaded_at", "TIMESTAMP NOT NULL"),
)

REPORT_TABLES_COLUMNS: tuple[tuple[str, str], ...] = (
    ("report_id", "VARCHAR NOT NULL"),
    ("table_id", "VARCHAR NOT NULL"),
    ("table_type", "VARCHAR NOT NULL"),
    ("file", "VARCHAR NOT NULL"),
    ("title", "VARCHAR NOT NULL"),
    ("note", "BIGINT"),
    ("page", "BIGINT"),
    ("unit", "VARCHAR NOT NULL"),
    ("period_year", "BIGINT"),
    ("file_sha256", "VARCHAR NOT NULL"),
    ("comment", "VARCHAR"),
)


ACKNOWLEDGED_TABLE = f"{RAW_SCHEMA}.acknowledged_discrepancies"

ACKNOWLEDGED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("report_id", "VARCHAR NOT NULL"),
    ("check_name", "VARCHAR NOT NULL"),
    ("table_id", "VARCHAR NOT NULL"),
    ("line", "VARCHAR NOT NULL"),
    ("column_name", "VARCHAR NOT NULL"),
    ("printed", "DOUBLE NOT NULL"),
    ("computed", "DOUBLE NOT NULL"),
    ("comment", "VARCHAR NOT NULL"),
)


def _create_table_sql(qualified_table: str, columns: tuple[tuple[str, str], ...]) -> str:
    column_lines = ",\n    ".join(f'"{name}" {definition}' for name, definition in columns)
    return f"CREATE TABLE IF NOT EXISTS {qualified_table} (\n    {column_lines}\n)"


def raw_table_columns(spec: TableSpec) -> tuple[tuple[str, str], ...]:
    """Column names and DuckDB types of a raw table, lineage columns first."""
    lineage = tuple((name, f"{sql_type} NOT NULL") for name, sql_type in LINEAGE_COLUMNS)
    data = tuple(
        (column.name, _DUCKDB_TYPES[column.type] + (" NOT NULL" if column.required else "")) for column in spec.columns
    )
    return lineage + data


def create_schema_sql() -> str:
    return f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}"


def create_raw_table_sql(spec: TableSpec) -> str:
    return _create_table_sql(spec.qualified_table, raw_table_columns(spec))


def create_reports_sql() -> str:
    return _create_table_sql(REPORTS_TABLE, REPORTS_COLUMNS)


def create_report_tables_sql() -> str:
    return _create_table_sql(REPORT_TABLES_TABLE, REPORT_TABLES_COLUMNS)


def all_create_sql() -> list[str]:
    """Every statement needed to create the raw schema, in order."""
    return [
        create_schema_sql(),
        create_reports_sql(),
        create_report_tables_sql(),
        _create_table_sql(ACKNOWLEDGED_TABLE, ACKNOWLEDGED_COLUMNS),
        *(create_raw_table_sql(spec) for spec in TABLE_SPECS.values()),
    ]
