"""Does the report add up? Every printed total against the sum of its items, and figures
that the report prints twice against each other.

Each function returns the places where the figures differ. What a difference means is
decided in one place, `classify`: a rounding difference within the stated tolerance and a
difference the manifest acknowledges as the report's own are warnings; anything else is an
error, most likely a keying mistake, and blocks publishing.
"""

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from dagster_project.duckdb_connection import connect, table_exists
from dagster_project.quality.results import CheckOutcome
from dagster_project.raw_format.specs import VISIT_CATEGORIES, VISIT_COLUMNS

TKR_TOLERANCE = 1.0
COUNT_TOLERANCE = 0.0
EPSILON = 1e-6


@dataclass(frozen=True)
class Difference:
    check: str
    report_id: str
    table_id: str
    line: str
    column: str
    year: int | None
    printed: float
    computed: float
    tolerance: float

    @property
    def difference(self) -> float:
        return round(self.printed - self.computed, 6)

    def key(self) -> tuple:
        return (self.report_id, self.check, self.table_id, self.line, self.column)


@dataclass(frozen=True)
class Finding:
    difference: Difference
    severity: str  # "error" or "warning"
    reason: str

    @property
    def message(self) -> str:
        d = self.difference
        year = f" {d.year}" if d.year is not None else ""
        return (
            f"{d.report_id} / {d.table_id}: {d.check} at line '{d.line}', column {d.column}{year}: "
            f"printed {_show(d.printed)}, computed {_show(d.computed)}, difference {_show(d.difference)} "
            f"({self.reason})"
        )


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _differences(con: duckdb.DuckDBPyConnection, check: str, sql: str, tolerance: float) -> list[Difference]:
    rows = con.execute(sql).fetchall()
    return [
        Difference(check, report_id, table_id, str(line), str(column), year, float(printed), float(computed), tolerance)
        for report_id, table_id, line, column, year, printed, computed in rows
        if printed is not None and computed is not None and abs(float(printed) - float(computed)) > EPSILON
    ]


_STATEMENT_LONG = """
    select s.report_id, s.table_id, s.line_id, s.line_kind, s.part_of,
           c.column_name, c.year, c.amount
    from raw.statement_lines s
    join raw.reports r using (report_id)
    cross join lateral (
        select 'amount_current' as column_name, r.report_year as year, s.amount_current as amount
        union all
        select 'amount_prior', r.report_year - 1, s.amount_prior
    ) c
"""


def statement_sums(con) -> list[Difference]:
    """A line that other lines are part_of equals the sum of those lines."""
    sql = f"""
        with long as ({_STATEMENT_LONG}),
        sums as (
            select report_id, table_id, part_of as line_id, column_name, year, sum(amount) as computed
            from long where part_of is not null and amount is not null
            group by all
        )
        select p.report_id, p.table_id, p.line_id, p.column_name, p.year, p.amount, s.computed
        from long p join sums s using (report_id, table_id, line_id, column_name, year)
        order by all
    """
    return _differences(con, "statement_sum", sql, TKR_TOLERANCE)


@dataclass(frozen=True)
class LayoutProblem:
    report_id: str
    message: str


def statement_structure(con) -> list[LayoutProblem]:
    """Keying mistakes in the statement layout: always errors."""
    rows = con.execute(
        """
        select report_id, table_id, line_id, 'part_of ' || part_of || ' is not a line of this table'
        from raw.statement_lines s
        where part_of is not null and not exists (
            select 1 from raw.statement_lines p
            where p.report_id = s.report_id and p.table_id = s.table_id and p.line_id = s.part_of)
        union all
        select report_id, table_id, line_id, 'a total line, but no line is part_of it'
        from raw.statement_lines t
        where line_kind = 'total' and not exists (
            select 1 from raw.statement_lines c
            where c.report_id = t.report_id and c.table_id = t.table_id and c.part_of = t.line_id)
        union all
        select report_id, table_id, line_id, 'a ' || line_kind || ' line cannot have part_of'
        from raw.statement_lines where line_kind in ('memo', 'heading') and part_of is not null
        order by all
        """
    ).fetchall()
    return [
        LayoutProblem(report_id, f"{report_id} / {table_id}: line {line_id}: {problem}")
        for report_id, table_id, line_id, problem in rows
    ]


def _visits_long() -> str:
    parts = [
        f"select report_id, table_id, line_kind, coalesce(visitor_group, '(label lost)') as line, "
        f"'{column}' as column_name, {column} as value from raw.navet_visits"
        for column in VISIT_COLUMNS
    ]
    return " union all ".join(parts)


def navet_row_sums(con) -> list[Difference]:
    """Each row's Summa equals the sum of its categories (blank cells count as nothing)."""
    sql = f"""
        select v.report_id, v.table_id, coalesce(v.visitor_group, '(label lost)'), 'summa', t.period_year,
               v.summa, {" + ".join(f"coalesce(v.{c}, 0)" for c in VISIT_CATEGORIES)}
        from raw.navet_visits v join raw.report_tables t using (report_id, table_id)
        order by all
    """
    return _differences(con, "navet_row_sum", sql, COUNT_TOLERANCE)


def navet_column_totals(con) -> list[Difference]:
    """The total row equals the sum of the item rows, column by column."""
    sql = f"""
        with long as ({_visits_long()})
        select t.report_id, t.table_id, t.line, t.column_name, rt.period_year, t.value, i.computed
        from long t
        join (select report_id, table_id, column_name, sum(value) as computed
              from long where line_kind = 'item' group by all) i
          using (report_id, table_id, column_name)
        join raw.report_tables rt using (report_id, table_id)
        where t.line_kind = 'total'
        order by all
    """
    return _differences(con, "navet_column_total", sql, COUNT_TOLERANCE)


def staff_totals(con) -> list[Difference]:
    sql = """
        with long as (
            select report_id, table_id, role, line_kind, 'persons' as column_name, persons as value from raw.staff
            union all
            select report_id, table_id, role, line_kind, 'fte', fte from raw.staff
        )
        select t.report_id, t.table_id, t.role, t.column_name, r.report_year, t.value, round(i.computed, 6)
        from long t
        join (select report_id, table_id, column_name, sum(value) as computed
              from long where line_kind = 'item' group by all) i
          using (report_id, table_id, column_name)
        join raw.reports r using (report_id)
        where t.line_kind = 'total'
        order by all
    """
    return _differences(con, "staff_total", sql, COUNT_TOLERANCE)


def _mc_totals(con, check: str, along: str, kind_column: str) -> list[Difference]:
    """The cells marked total by kind_column against the sum of the item cells that share `along`."""
    sql = f"""
        select t.report_id, t.table_id, t.outcome, t.column_no, r.report_year, t.count, i.computed
        from raw.mc_positive_changes t
        join (select report_id, table_id, {along}, sum(count) as computed
              from raw.mc_positive_changes where {kind_column} = 'item' group by all) i
          using (report_id, table_id, {along})
        join raw.reports r using (report_id)
        where t.{kind_column} = 'total'
        order by all
    """
    return _differences(con, check, sql, COUNT_TOLERANCE)


def mc_row_totals(con) -> list[Difference]:
    """Each outcome's Totalt column equals the sum of its other columns."""
    return _mc_totals(con, "mc_row_total", along="outcome", kind_column="column_kind")


def mc_column_totals(con) -> list[Difference]:
    """The total row equals the sum of the outcome rows, column by column."""
    return _mc_totals(con, "mc_column_total", along="column_no", kind_column="line_kind")


def notes_against_statements(con) -> list[Difference]:
    """A statement line that refers to a note equals that note's total, sign aside (the
    statements print costs as negative, the notes as positive)."""
    sql = f"""
        with long as ({_STATEMENT_LONG}),
        notes as (
            select l.report_id, rt.note, l.column_name, l.year,
                   coalesce(max(case when l.line_kind = 'total' and l.part_of is null then l.amount end),
                            sum(case when l.line_kind = 'item' and l.part_of is null then l.amount end)) as note_total
            from long l join raw.report_tables rt using (report_id, table_id)
            where rt.note is not null
            group by all
        )
        select s.report_id, s.table_id, s.line_id, s.column_name, s.year, abs(s.amount), abs(n.note_total)
        from long s
        join raw.statement_lines sl
          on sl.report_id = s.report_id and sl.table_id = s.table_id and sl.line_id = s.line_id
        join notes n on n.report_id = s.report_id and n.note = sl.note and n.column_name = s.column_name
        order by all
    """
    return _differences(con, "note_against_statement", sql, TKR_TOLERANCE)


def _statement_amount(table_id: str, line_id: str, column: str = "amount_current") -> str:
    return (
        f"(select {column} from raw.statement_lines x "
        f"where x.report_id = r.report_id and x.table_id = '{table_id}' and x.line_id = '{line_id}')"
    )


# Figures the report prints in two places: (check, table_id, line, column, year offset, printed, computed).
# line and table name the figure whose printed value is compared.
_CROSS_RULES = (
    (
        "depreciation",
        "resultatrakning",
        "avskrivningar",
        "amount_current",
        0,
        _statement_amount("resultatrakning", "avskrivningar"),
        _statement_amount("not_maskiner_och_inventarier", "avskrivningar"),
    ),
    (
        "depreciation",
        "resultatrakning",
        "avskrivningar",
        "amount_prior",
        -1,
        _statement_amount("resultatrakning", "avskrivningar", "amount_prior"),
        _statement_amount("not_maskiner_och_inventarier", "avskrivningar", "amount_prior"),
    ),
    (
        "fixed_assets_opening_balance",
        "not_maskiner_och_inventarier",
        "ingaende_balans",
        "amount_current",
        0,
        _statement_amount("not_maskiner_och_inventarier", "ingaende_balans"),
        _statement_amount("not_maskiner_och_inventarier", "utgaende_balans", "amount_prior"),
    ),
    (
        "equity_opening_balance",
        "not_eget_kapital",
        "ingaende_eget_kapital",
        "amount_current",
        0,
        _statement_amount("not_eget_kapital", "ingaende_eget_kapital"),
        _statement_amount("not_eget_kapital", "utgaende_eget_kapital", "amount_prior"),
    ),
    (
        "equity_change",
        "balansrakning",
        "eget_kapital",
        "amount_current",
        0,
        f"{_statement_amount('balansrakning', 'eget_kapital')} - {_statement_amount('balansrakning', 'eget_kapital', 'amount_prior')}",
        _statement_amount("resultatrakning", "arets_resultat"),
    ),
    (
        "equity_change",
        "balansrakning",
        "eget_kapital",
        "amount_prior",
        -1,
        f"{_statement_amount('not_eget_kapital', 'utgaende_eget_kapital', 'amount_prior')} - {_statement_amount('not_eget_kapital', 'ingaende_eget_kapital', 'amount_prior')}",
        _statement_amount("resultatrakning", "arets_resultat", "amount_prior"),
    ),
    (
        "result_in_balance_sheet",
        "balansrakning",
        "darav_arets_resultat",
        "amount_current",
        0,
        _statement_amount("balansrakning", "darav_arets_resultat"),
        _statement_amount("resultatrakning", "arets_resultat"),
    ),
    (
        "result_in_equity_note",
        "not_eget_kapital",
        "arets_resultat",
        "amount_current",
        0,
        _statement_amount("not_eget_kapital", "arets_resultat"),
        _statement_amount("resultatrakning", "arets_resultat"),
    ),
)


def cross_table_rules(con) -> list[Difference]:
    differences = []
    for check, table_id, line, column, year_offset, printed, computed in _CROSS_RULES:
        sql = f"""
            select r.report_id, '{table_id}', '{line}', '{column}', r.report_year + {year_offset},
                   {printed}, {computed}
            from raw.reports r order by all
        """
        differences += _differences(con, check, sql, TKR_TOLERANCE)
    return differences


# Figures stated in the text against the table that prints the same figure.
_TEXT_RULES = (
    (
        "summa_medlemsbidrag",
        "tkr",
        "select amount_current from raw.statement_lines x where x.report_id = k.report_id "
        "and x.table_id = 'not_forbundsbidrag_kansli' and x.line_kind = 'total' and k.year = r.report_year",
    ),
    (
        "arets_resultat_forbundet",
        "tkr",
        "select amount_current from raw.statement_lines x where x.report_id = k.report_id "
        "and x.table_id = 'resultatrakning' and x.line_id = 'arets_resultat' and k.year = r.report_year",
    ),
    (
        "utgaende_eget_kapital",
        "tkr",
        "select amount_current from raw.statement_lines x where x.report_id = k.report_id "
        "and x.table_id = 'balansrakning' and x.line_id = 'eget_kapital' and k.year = r.report_year",
    ),
    (
        "navet_besokare",
        "count",
        "select summa from raw.navet_visits v join raw.report_tables t using (report_id, table_id) "
        "where v.report_id = k.report_id and v.line_kind = 'total' and t.period_year = k.year",
    ),
    (
        "navet_kompetensutveckling_deltagare",
        "count",
        "select kompetensutveckling_larare from raw.navet_visits v join raw.report_tables t using (report_id, table_id) "
        "where v.report_id = k.report_id and v.line_kind = 'total' and t.period_year = k.year",
    ),
    (
        "mc_positiv_forandring",
        "count",
        "select count from raw.mc_positive_changes m where m.report_id = k.report_id "
        "and m.line_kind = 'total' and m.column_kind = 'total' and k.year = r.report_year",
    ),
    (
        "arets_resultat_forbundet",
        "tkr",
        "select sum(value) from raw.key_figures u where u.report_id = k.report_id and u.year = k.year "
        "and u.figure_id in ('resultat_forbundskansliet', 'resultat_navet', 'resultat_medarbetarcentrum') "
        "having count(*) = 3",
    ),
)


def text_against_tables(con) -> list[Difference]:
    differences = []
    for figure_id, kind, table_sql in _TEXT_RULES:
        sql = f"""
            select k.report_id, k.table_id, k.figure_id, 'value', k.year, k.value, ({table_sql})
            from raw.key_figures k join raw.reports r using (report_id)
            where k.figure_id = '{figure_id}'
            order by all
        """
        tolerance = TKR_TOLERANCE if kind == "tkr" else COUNT_TOLERANCE
        differences += _differences(con, "text_against_table", sql, tolerance)
    return differences


def acknowledged(con) -> dict[tuple, tuple[float, float, str]]:
    """Differences the manifest of a report declares as the report's own."""
    if not table_exists(con, "raw", "acknowledged_discrepancies"):
        return {}
    rows = con.execute(
        "select report_id, check_name, table_id, line, column_name, printed, computed, comment "
        "from raw.acknowledged_discrepancies"
    ).fetchall()
    return {tuple(row[:5]): (float(row[5]), float(row[6]), row[7]) for row in rows}


def classify(difference: Difference, acknowledgements: dict) -> Finding:
    known = acknowledgements.get(difference.key())
    if known and abs(known[0] - difference.printed) < EPSILON and abs(known[1] - difference.computed) < EPSILON:
        return Finding(difference, "warning", f"the report itself does not add up: {known[2]}")
    if abs(difference.difference) <= difference.tolerance + EPSILON:
        return Finding(difference, "warning", f"rounding, within the tolerance of {_show(difference.tolerance)} tkr")
    return Finding(difference, "error", "not acknowledged in report.yml; check the keyed figures against the report")


def reconcile(con) -> list[Finding]:
    """Every difference in the raw schema, classified."""
    acknowledgements = acknowledged(con)
    return [
        classify(d, acknowledgements) for spec in RECONCILIATIONS for function in spec.functions for d in function(con)
    ]


@dataclass(frozen=True)
class Reconciliation:
    """A check of the report's arithmetic: the functions that find its differences, on the mart that shows them."""

    name: str
    mart: str
    description: str
    functions: tuple[Callable[[duckdb.DuckDBPyConnection], list[Difference]], ...]
    layout: Callable[[duckdb.DuckDBPyConnection], list[LayoutProblem]] | None = None


RECONCILIATIONS = (
    Reconciliation(
        "printed_totals_add_up",
        "fct_note_lines",
        "In the income statement, the balance sheet and every note, each total equals the sum of the lines that are part of it.",
        (statement_sums,),
        layout=statement_structure,
    ),
    Reconciliation(
        "statement_lines_match_notes",
        "fct_income_statement",
        "Each line of the income statement and the balance sheet that refers to a note equals that note's total.",
        (notes_against_statements,),
    ),
    Reconciliation(
        "balances_carry_over",
        "fct_balance_sheet",
        "Depreciation in the income statement equals the fixed-asset note; opening balances equal last year's "
        "closing balances; the change in equity equals the year's result.",
        (cross_table_rules,),
    ),
    Reconciliation(
        "navet_totals_add_up",
        "fct_visits",
        "Each Navet row's Summa equals the sum of its categories, and the total row equals the sum of the rows.",
        (navet_row_sums, navet_column_totals),
    ),
    Reconciliation(
        "staff_totals_add_up",
        "fct_staff",
        "The staff tables' Summa rows equal the sum of their roles.",
        (staff_totals,),
    ),
    Reconciliation(
        "medarbetarcentrum_totals_add_up",
        "fct_cases",
        "In Medarbetarcentrum's outcome table each Totalt column and the total row equal the sum of their items.",
        (mc_row_totals, mc_column_totals),
    ),
    Reconciliation(
        "text_figures_match_tables",
        "fct_key_figures",
        "Figures stated in the running text equal the same figures in the tables.",
        (text_against_tables,),
    ),
)

TOLERANCE_NOTE = (
    f"Tolerance: {TKR_TOLERANCE:g} tkr for amounts in tkr (rounding in the printed report), "
    f"{COUNT_TOLERANCE:g} for counts."
)


def evaluate(spec: Reconciliation, con) -> CheckOutcome:
    """The reconciliation's outcome on the raw schema behind `con`."""
    acknowledgements = acknowledged(con)
    findings = [classify(d, acknowledgements) for function in spec.functions for d in function(con)]
    layout_problems = spec.layout(con) if spec.layout else []
    return _outcome(spec.name, f"marts/{spec.mart}", findings, layout_problems)


def evaluate_all(database) -> list[CheckOutcome]:
    """Every reconciliation on `database`, opened read-only once."""
    con = connect(database, read_only=True)
    try:
        return [evaluate(spec, con) for spec in RECONCILIATIONS]
    finally:
        con.close()


def _outcome(name: str, asset: str, findings: list[Finding], layout_problems: list[LayoutProblem]) -> CheckOutcome:
    errors = [f.message for f in findings if f.severity == "error"] + [p.message for p in layout_problems]
    warnings = [f.message for f in findings if f.severity == "warning"]
    observed = {
        "errors": errors,
        "warnings": warnings,
        "reports_in_error": sorted(
            {f.difference.report_id for f in findings if f.severity == "error"} | {p.report_id for p in layout_problems}
        ),
        "differences": [
            {
                "report": f.difference.report_id,
                "table": f.difference.table_id,
                "line": f.difference.line,
                "column": f.difference.column,
                "year": f.difference.year,
                "printed": f.difference.printed,
                "computed": f.difference.computed,
                "difference": f.difference.difference,
                "severity": f.severity,
            }
            for f in findings
        ],
    }
    if errors:
        return CheckOutcome(name, asset, "reconciliation", "error", False, "; ".join(errors), observed)
    if warnings:
        return CheckOutcome(name, asset, "reconciliation", "warning", False, "; ".join(warnings), observed)
    return CheckOutcome(name, asset, "reconciliation", "error", True, "every figure adds up", observed)
