"""The Great Expectations suites, as code: one per mart and one per raw table.

A suite is plain data (expectation class name and arguments); the runner turns it into
GX objects, so this module never imports great_expectations. Every suite asserts its
grain (unique, not null); the rest are accepted sets and sane ranges. The ranges are
wide on purpose: they catch a sign or a digit keyed wrong (a negative count, a fee ten
times too large), not unusual years.
"""

import csv
import json
from dataclasses import dataclass, field
from functools import cache

from dagster_project import paths
from dagster_project.raw_format.specs import LINE_KINDS_ITEM_TOTAL, TABLE_SPECS

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
MAX_FEE_TKR = 20_000
MAX_AMOUNT_TKR = 1_000_000
MAX_COUNT = 1_000_000
MAX_STAFF = 500
LINE_KINDS = ("item", "total", "memo", "heading")
FEE_TYPES = ("forbundsbidrag", "navet", "medarbetarcentrum")
VISIT_CATEGORIES = (
    "tema_elever", "tema_larare", "kompetensutveckling_larare", "allmanhet_barn", "allmanhet_vuxna", "konferenser",
)


@dataclass(frozen=True)
class Expectation:
    kind: str
    kwargs: dict

    @property
    def columns(self) -> tuple[str, ...]:
        if "column_list" in self.kwargs:
            return tuple(self.kwargs["column_list"])
        return (self.kwargs["column"],) if "column" in self.kwargs else ()

    def describe(self) -> str:
        arguments = {k: v for k, v in self.kwargs.items() if k not in ("column", "column_list", "mostly")}
        if self.kind == "ExpectCompoundColumnsToBeUnique":
            return "unique combinations"
        if self.kind == "ExpectColumnValuesToBeUnique":
            return "unique values"
        if self.kind == "ExpectColumnValuesToNotBeNull":
            return "no nulls"
        if self.kind == "ExpectColumnValuesToBeInSet":
            return f"values in {sorted(arguments['value_set'])}"
        if self.kind == "ExpectColumnValuesToBeBetween":
            return f"values between {arguments.get('min_value')} and {arguments.get('max_value')}"
        return f"{self.kind} {arguments}"


@dataclass(frozen=True)
class Suite:
    table: str
    grain: tuple[str, ...]
    expectations: tuple[Expectation, ...] = field(default=())

    @property
    def asset(self) -> str:
        return self.table.replace(".", "/")

    @property
    def asset_path(self) -> list[str]:
        return self.table.split(".")

    @property
    def check_name(self) -> str:
        return f"gx_{self.table.split('.')[-1]}"


def unique(*columns: str) -> Expectation:
    if len(columns) == 1:
        return Expectation("ExpectColumnValuesToBeUnique", {"column": columns[0]})
    return Expectation("ExpectCompoundColumnsToBeUnique", {"column_list": list(columns)})


def not_null(*columns: str) -> tuple[Expectation, ...]:
    return tuple(Expectation("ExpectColumnValuesToNotBeNull", {"column": column}) for column in columns)


def in_set(column: str, values) -> Expectation:
    return Expectation("ExpectColumnValuesToBeInSet", {"column": column, "value_set": sorted(values)})


def between(column: str, minimum: float | None = None, maximum: float | None = None) -> Expectation:
    return Expectation("ExpectColumnValuesToBeBetween", {"column": column, "min_value": minimum, "max_value": maximum})


def suite(table: str, grain: tuple[str, ...], *expectations: Expectation | tuple[Expectation, ...],
          nullable_grain: tuple[str, ...] = ()) -> Suite:
    flat = [e for item in expectations for e in (item if isinstance(item, tuple) else (item,))]
    grain_checks = (unique(*grain), *not_null(*(c for c in grain if c not in nullable_grain)))
    return Suite(table, grain, (*grain_checks, *flat))


@cache
def municipality_codes() -> frozenset[str]:
    """The accepted municipality codes: the reference data the marts are built with."""
    with open(paths.dbt_project_dir() / "seeds" / "municipalities.csv", encoding="utf-8", newline="") as file:
        return frozenset(row["municipality_code"] for row in csv.DictReader(file))


def _year(column: str = "year") -> Expectation:
    return between(column, EARLIEST_YEAR, LATEST_YEAR)


def _source_columns() -> tuple[Expectation, ...]:
    return not_null("source_report", "source_ref", "source_table")


def _statement_mart(table: str, grain: tuple[str, ...]) -> Suite:
    return suite(
        table, grain, _year(), in_set("line_kind", LINE_KINDS), not_null("label", "line_kind"),
        between("amount_tkr", -MAX_AMOUNT_TKR, MAX_AMOUNT_TKR), _source_columns(),
    )


def mart_suites() -> list[Suite]:
    codes = municipality_codes()
    return [
        suite("marts.dim_municipality", ("municipality_code",), in_set("municipality_code", codes),
              Expectation("ExpectColumnValueLengthsToEqual", {"column": "municipality_code", "value": 4}),
              in_set("county_code", ("13", "14")), in_set("membership", ("member", "adjoined")),
              not_null("municipality_name", "name_in_report")),
        suite("marts.dim_municipality_year", ("municipality_code", "year"), in_set("municipality_code", codes),
              _year(), in_set("membership", ("member", "adjoined")),
              not_null("pays_forbundsbidrag", "takes_navet", "takes_medarbetarcentrum")),
        suite("marts.dim_year", ("year",), _year(), not_null("latest_report", "is_report_year")),
        suite("marts.fct_fees", ("year", "municipality_code", "fee_type"), _year(),
              in_set("municipality_code", codes), in_set("fee_type", FEE_TYPES),
              not_null("amount_tkr"), between("amount_tkr", 0, MAX_FEE_TKR), _source_columns()),
        suite("marts.fct_grants", ("year", "grant_source", "flow", "origin", "figure_id"), _year(),
              in_set("flow", ("received", "paid")), in_set("origin", ("note", "text")),
              in_set("unit_as_printed", ("tkr", "kr", "Mkr")),
              not_null("amount_tkr"), between("amount_tkr", 0, MAX_AMOUNT_TKR), _source_columns()),
        suite("marts.fct_visits", ("year", "visitor_group", "visit_category"), _year(),
              in_set("visit_category", VISIT_CATEGORIES),
              in_set("municipality_code", codes),
              not_null("visits"), between("visits", 0, MAX_COUNT), _source_columns()),
        suite("marts.fct_cases", ("year", "case_table", "measure", "column_no"), _year(),
              in_set("case_table", ("case_statistics", "positive_changes")),
              in_set("header_status", ("printed", "lost")), in_set("inferred_municipality_code", codes),
              between("column_no", 1, 100), not_null("value", "is_total"), between("value", 0, MAX_COUNT),
              _source_columns()),
        _statement_mart("marts.fct_income_statement", ("year", "line_id")),
        _statement_mart("marts.fct_balance_sheet", ("year", "line_id")),
        _statement_mart("marts.fct_note_lines", ("year", "note", "line_id")),
        suite("marts.fct_navet_goals", ("year", "goal_no"), _year(), not_null("planned", "achieved"),
              between("planned_value", 0, MAX_COUNT), between("achieved_value", 0, MAX_COUNT), _source_columns()),
        suite("marts.fct_staff", ("year", "unit", "role"), _year(), in_set("unit", ("navet", "medarbetarcentrum")),
              in_set("line_kind", LINE_KINDS_ITEM_TOTAL), between("persons", 0, MAX_STAFF),
              between("fte", 0, MAX_STAFF), _source_columns()),
        suite("marts.fct_key_figures", ("year", "figure_id"), _year(), not_null("section", "label", "value", "unit"),
              _source_columns()),
        suite("marts.fct_figure_history", ("fact", "grain", "year", "source_report"), _year(),
              not_null("value", "is_latest", "report_year")),
        suite("marts.fct_restatements", ("fact", "grain", "year", "earlier_report"), _year(),
              not_null("earlier_value", "later_report", "later_value", "difference")),
    ]


def _raw_table_suite(table_type: str) -> Suite:
    spec = TABLE_SPECS[table_type]
    required = tuple(c.name for c in spec.columns if c.required)
    allowed = [in_set(c.name, c.allowed) for c in spec.columns if c.allowed]
    counts = [between(c.name, 0, MAX_COUNT) for c in spec.columns if c.non_negative]
    nullable = tuple(c.name for c in spec.columns if c.name in spec.key and not c.required)
    return suite(
        spec.qualified_table, ("report_id", "table_id", *spec.key), not_null("source_file", "file_sha256", "row_number"),
        not_null(*(c for c in required if c not in spec.key)), *allowed, *counts, nullable_grain=nullable,
    )


def raw_suites() -> list[Suite]:
    return [
        suite("raw.reports", ("report_id",), not_null("organisation", "title", "unit"), _year("report_year")),
        suite("raw.report_tables", ("report_id", "table_id"), in_set("table_type", TABLE_SPECS),
              not_null("file", "title", "file_sha256"), unique("report_id", "file")),
        *(_raw_table_suite(table_type) for table_type in sorted(TABLE_SPECS)),
    ]


def _manifest_marts() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every mart of the dbt project: the grain its primary key (or unique_combination_of_columns test) declares, and its columns."""
    manifest_path = paths.dbt_project_dir() / "target" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    marts = {node["name"]: node for node in manifest["nodes"].values()
             if node["resource_type"] == "model" and node["fqn"][1:2] == ["marts"]}
    grains = {
        name: tuple(constraint["columns"])
        for name, node in marts.items()
        for constraint in node.get("constraints", [])
        if constraint["type"] == "primary_key"
    }
    for node in manifest["nodes"].values():
        metadata = node.get("test_metadata") or {}
        model = (node.get("attached_node") or "").split(".")[-1]
        if metadata.get("name") == "unique_combination_of_columns" and model in marts:
            grains[model] = tuple(metadata["kwargs"]["combination_of_columns"])
    return {name: (grains.get(name, ()), tuple(node.get("columns", {}))) for name, node in marts.items()}


def derived_mart_suites(known: set[str]) -> list[Suite]:
    """A grain suite for any mart added without a hand-written suite here, so that no mart goes unchecked."""
    codes = municipality_codes()
    return [
        suite(f"marts.{name}", grain, *(in_set(c, codes) for c in columns if c.endswith("municipality_code")))
        for name, (grain, columns) in sorted(_manifest_marts().items())
        if f"marts.{name}" not in known and grain
    ]


def all_suites() -> list[Suite]:
    marts = mart_suites()
    return [*marts, *derived_mart_suites({s.table for s in marts}), *raw_suites()]
