"""The report's arithmetic as blocking checks on the marts that show it."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from dagster_project.duckdb_connection import connect
from dagster_project.quality import reconciliation
from dagster_project.quality.results import CheckOutcome

_TOLERANCE_NOTE = (
    f"Tolerance: {reconciliation.TKR_TOLERANCE:g} tkr for amounts in tkr (rounding in the printed report), "
    f"{reconciliation.COUNT_TOLERANCE:g} for counts."
)


def _outcome(name: str, asset: str, findings: list[reconciliation.Finding], layout_problems: list[str]) -> CheckOutcome:
    errors = [f.message for f in findings if f.severity == "error"] + layout_problems
    warnings = [f.message for f in findings if f.severity == "warning"]
    observed = {
        "errors": errors,
        "warnings": warnings,
        "differences": [
            {
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


@dataclass(frozen=True)
class Reconciliation:
    name: str
    asset: str
    description: str
    functions: tuple
    layout: Callable | None = None


def evaluate(spec: Reconciliation, con) -> CheckOutcome:
    """The reconciliation's outcome on the raw schema behind `con`."""
    acknowledgements = reconciliation.acknowledged(con)
    findings = [reconciliation.classify(d, acknowledgements) for function in spec.functions for d in function(con)]
    layout_problems = spec.layout(con) if spec.layout else []
    return _outcome(spec.name, f"marts/{spec.asset}", findings, layout_problems)


def evaluate_all(database: Path) -> list[CheckOutcome]:
    """Every reconciliation on `database`, opened read-only once."""
    con = connect(database, read_only=True)
    try:
        return [evaluate(spec, con) for spec in RECONCILIATIONS]
    finally:
        con.close()


def differences_table(outcome: CheckOutcome) -> str:
    return "\n".join(
        ["| severity | table | line | column | year | printed | computed | difference |", "|---|---|---|---|---|---|---|---|"]
        + [
            f"| {d['severity']} | {d['table']} | {d['line']} | {d['column']} | {d['year']} | "
            f"{d['printed']:g} | {d['computed']:g} | {d['difference']:g} |"
            for d in outcome.observed["differences"]
        ]
    )


def spec(reconciliation_spec: Reconciliation) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        name=reconciliation_spec.name,
        asset=dg.AssetKey(["marts", reconciliation_spec.asset]),
        description=f"{reconciliation_spec.description} {_TOLERANCE_NOTE}",
        blocking=True,
    )


def evaluate_with_metadata(database: Path) -> Iterator[tuple[CheckOutcome, dict]]:
    for outcome in evaluate_all(database):
        yield outcome, {"differences": dg.MetadataValue.md(differences_table(outcome))}


RECONCILIATIONS = [
    Reconciliation(
        "printed_totals_add_up",
        "fct_note_lines",
        "In the income statement, the balance sheet and every note, each total equals the sum of the lines that are part of it.",
        (reconciliation.statement_sums,),
        layout=reconciliation.statement_structure,
    ),
    Reconciliation(
        "statement_lines_match_notes",
        "fct_income_statement",
        "Each line of the income statement and the balance sheet that refers to a note equals that note's total.",
        (reconciliation.notes_against_statements,),
    ),
    Reconciliation(
        "balances_carry_over",
        "fct_balance_sheet",
        "Depreciation in the income statement equals the fixed-asset note; opening balances equal last year's "
        "closing balances; the change in equity equals the year's result.",
        (reconciliation.cross_table_rules,),
    ),
    Reconciliation(
        "navet_totals_add_up",
        "fct_visits",
        "Each Navet row's Summa equals the sum of its categories, and the total row equals the sum of the rows.",
        (reconciliation.navet_row_sums, reconciliation.navet_column_totals),
    ),
    Reconciliation(
        "staff_totals_add_up",
        "fct_staff",
        "The staff tables' Summa rows equal the sum of their roles.",
        (reconciliation.staff_totals,),
    ),
    Reconciliation(
        "medarbetarcentrum_totals_add_up",
        "fct_cases",
        "In Medarbetarcentrum's outcome table each Totalt column and the total row equal the sum of their items.",
        (reconciliation.mc_row_totals, reconciliation.mc_column_totals),
    ),
    Reconciliation(
        "text_figures_match_tables",
        "fct_key_figures",
        "Figures stated in the running text equal the same figures in the tables.",
        (reconciliation.text_against_tables,),
    ),
]

SPECS = [spec(r) for r in RECONCILIATIONS]
