"""The Great Expectations suites, as code: one per mart and one per raw table.

A suite is plain data (expectation class name and arguments); the runner turns it into
GX objects, so this module never imports great_expectations. Which rule lives where is
docs/quality.md. A raw table's suite audits the loaded table against the raw format
(specs.py): grain, required cells, accepted codes, counts. A mart's suite holds the values
its models derive: accepted sets and sane ranges. Its shape (types, not null, grain) is its
dbt contract; its municipality codes are dbt relationships tests; what it copies from the
reference data (membership, county, fee type, flow) is the seeds' tests'. The ranges are
wide on purpose: they catch a sign or a digit keyed wrong (a negative count, a fee ten
times too large), not unusual years.
"""

from dataclasses import dataclass, field

from dagster_project.raw_format.specs import TABLE_SPECS, VISIT_CATEGORIES

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
# The largest fee of 2012 is 7 249 tkr (Borås, förbundsbidrag): room for growth, not for a digit too many.
MAX_FEE_TKR = 20_000
MAX_AMOUNT_TKR = 1_000_000
MAX_COUNT = 1_000_000
MAX_STAFF = 500
MIN_POPULATION_BASIS, MAX_POPULATION_BASIS = 1_000, 1_000_000
RATE_FIGURES = ("medlemsavgift_per_invanare", "bidrag_per_invanare_adjungerade")
SHARES = (
    "fee_share",
    "forbundsbidrag_fee_share",
    "navet_fee_share",
    "medarbetarcentrum_fee_share",
    "visit_share",
    "positive_change_share",
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
            low, high = arguments.get("min_value"), arguments.get("max_value")
            if high is None:
                return f"values above {low}" if arguments.get("strict_min") else f"values of at least {low}"
            return f"values between {low} and {high}"
        return f"{self.kind} {arguments}"


@dataclass(frozen=True)
class Suite:
    table: str
    grain: tuple[str, ...]  # what names a row in a failure, and splits a large table into parts
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


def above(column: str, minimum: float) -> Expectation:
    return Expectation("ExpectColumnValuesToBeBetween", {"column": column, "min_value": minimum, "strict_min": True})


def _year(column: str = "year") -> Expectation:
    return between(column, EARLIEST_YEAR, LATEST_YEAR)


def _statement_mart(table: str, grain: tuple[str, ...]) -> Suite:
    return Suite(table, grain, (_year(), between("amount_tkr", -MAX_AMOUNT_TKR, MAX_AMOUNT_TKR)))


def mart_suites() -> list[Suite]:
    return [
        Suite("marts.dim_municipality_year", ("municipality_code", "year"), (_year(),)),
        Suite("marts.dim_year", ("year",), (_year(),)),
        Suite(
            "marts.fct_fees",
            ("year", "municipality_code", "fee_type"),
            (_year(), between("amount_tkr", 0, MAX_FEE_TKR)),
        ),
        Suite(
            "marts.fct_grants",
            ("year", "grant_source", "flow", "origin", "figure_id"),
            (
                _year(),
                in_set("origin", ("note", "text")),
                in_set("unit_as_printed", ("tkr", "kr", "Mkr")),
                between("amount_tkr", 0, MAX_AMOUNT_TKR),
            ),
        ),
        Suite(
            "marts.fct_visits",
            ("year", "visitor_group", "visit_category"),
            (_year(), in_set("visit_category", VISIT_CATEGORIES)),
        ),
        Suite(
            "marts.fct_cases",
            ("year", "case_table", "measure", "column_no"),
            (
                _year(),
                in_set("case_table", ("case_statistics", "positive_changes")),
                in_set("header_status", ("printed", "lost")),
                between("column_no", 1, 100),
            ),
        ),
        _statement_mart("marts.fct_income_statement", ("year", "line_id")),
        _statement_mart("marts.fct_balance_sheet", ("year", "line_id")),
        _statement_mart("marts.fct_note_lines", ("year", "note", "line_id")),
        Suite("marts.fct_navet_goals", ("year", "goal_no"), (_year(),)),
        Suite("marts.fct_staff", ("year", "unit", "role"), (_year(), in_set("unit", ("navet", "medarbetarcentrum")))),
        Suite("marts.fct_key_figures", ("year", "figure_id"), (_year(),)),
        Suite("marts.fct_figure_history", ("fact", "grain", "year", "source_report"), (_year(),)),
        Suite("marts.fct_restatements", ("fact", "grain", "year", "earlier_report"), (_year(),)),
        Suite(
            "marts.fct_population_basis",
            ("year", "municipality_code"),
            (
                _year(),
                above("forbundsbidrag_tkr", 0),
                above("kr_per_inhabitant", 0),
                in_set("rate_figure_id", RATE_FIGURES),
                between("population_basis", MIN_POPULATION_BASIS, MAX_POPULATION_BASIS),
            ),
        ),
        Suite(
            "marts.fct_municipality_figures",
            ("year", "municipality_code"),
            (_year(), between("fees_total_tkr", 0, None), between("visits", 0, MAX_COUNT)),
        ),
        Suite("marts.fct_finance_ratios", ("year",), (_year(), between("summa_tillgangar_tkr", 0, None))),
        Suite(
            "marts.fct_municipality_returns",
            ("year", "municipality_code"),
            (
                _year(),
                *(between(share, 0, 1) for share in SHARES),
                in_set("positive_change_attribution", ("printed", "inferred")),
            ),
        ),
    ]


def _raw_table_suite(table_type: str) -> Suite:
    spec = TABLE_SPECS[table_type]
    grain = ("report_id", "table_id", *spec.key)
    required = [c.name for c in spec.columns if c.required]
    nullable = {c.name for c in spec.columns if c.name in spec.key and not c.required}
    return Suite(
        spec.qualified_table,
        grain,
        (
            unique(*grain),
            *not_null("report_id", "table_id", *(c for c in spec.key if c not in nullable)),
            *not_null("source_file", "file_sha256", "row_number"),
            *not_null(*(c for c in required if c not in spec.key)),
            *(in_set(c.name, c.allowed) for c in spec.columns if c.allowed),
            *(
                between(c.name, 0, MAX_STAFF if table_type == "staff" else MAX_COUNT)
                for c in spec.columns
                if c.non_negative
            ),
        ),
    )


def raw_suites() -> list[Suite]:
    return [
        Suite(
            "raw.reports",
            ("report_id",),
            (
                unique("report_id"),
                unique("report_year"),
                *not_null("report_id", "organisation", "title", "unit"),
                _year("report_year"),
            ),
        ),
        Suite(
            "raw.report_tables",
            ("report_id", "table_id"),
            (
                unique("report_id", "table_id"),
                *not_null("report_id", "table_id"),
                in_set("table_type", TABLE_SPECS),
                *not_null("file", "title", "file_sha256"),
                unique("report_id", "file"),
            ),
        ),
        *(_raw_table_suite(table_type) for table_type in sorted(TABLE_SPECS)),
    ]


def all_suites() -> list[Suite]:
    return [*mart_suites(), *raw_suites()]
