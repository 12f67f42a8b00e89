"""The report's arithmetic as blocking asset checks on the marts that show it."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

from dagster_project import paths
from dagster_project.duckdb_connection import connect
from dagster_project.defs.quality.outcomes import to_check_result
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


def evaluate(spec: Reconciliation, database: Path) -> CheckOutcome:
    """The reconciliation's outcome on the raw schema of `database`, opened read-only."""
    con = connect(database, read_only=True)
    try:
        acknowledgements = reconciliation.acknowledged(con)
        findings = [reconciliation.classify(d, acknowledgements) for function in spec.functions for d in function(con)]
        layout_problems = spec.layout(con) if spec.layout else []
    finally:
        con.close()
    return _outcome(spec.name, spec.asset, findings, layout_problems)


def differences_table(outcome: CheckOutcome) -> str:
    return "\n".join(
        ["| severity | table | line | column | year | printed | computed | difference |", "|---|---|---|---|---|---|---|---|"]
        + [
            f"| {d['severity']} | {d['table']} | {d['line']} | {d['column']} | {d['year']} | "
            f"{d['printed']:g} | {d['computed']:g} | {d['difference']:g} |"
            for d in outcome.observed["differences"]
        ]
    )


def reconciliation_check(spec: Reconciliation) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(["marts", spec.asset]),
        name=spec.name,
        description=f"{spec.description} {_TOLERANCE_NOTE}",
        blocking=True,
    )
    def _check(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
        outcome = evaluate(spec, paths.build_warehouse())
        return to_check_result(context, outcome, {"differences": dg.MetadataValue.md(differences_table(outcome))})

    return _check


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

RECONCILIATION_CHECKS = [reconciliation_check(spec) for spec in RECONCILIATIONS]
