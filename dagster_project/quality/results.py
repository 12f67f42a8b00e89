"""The history of every check result, kept in the warehouse so the app can show it."""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from dagster_project.duckdb_connection import connect, table_exists

RESULTS_TABLE = "audit.check_results"

_CREATE = f"""
create schema if not exists audit;
create table if not exists {RESULTS_TABLE} (
    run_id varchar,
    checked_at timestamptz,
    target varchar,          -- 'build' (before publishing) or 'published' (scheduled re-check)
    check_name varchar,
    asset varchar,
    kind varchar,            -- 'reconciliation', 'great_expectations', 'dbt_test', ...
    severity varchar,        -- 'error' or 'warning': what a failure of this check means
    passed boolean,
    message varchar,
    observed json
)
"""


@dataclass(frozen=True)
class CheckOutcome:
    check_name: str
    asset: str
    kind: str
    severity: str
    passed: bool
    message: str
    observed: dict = field(default_factory=dict)


def record(database: Path, run_id: str, target: str, outcomes: list[CheckOutcome]) -> None:
    con = connect(database)
    try:
        con.execute(_CREATE)
        now = datetime.now(UTC)
        con.executemany(
            f"insert into {RESULTS_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [
                    run_id,
                    now,
                    target,
                    o.check_name,
                    o.asset,
                    o.kind,
                    o.severity,
                    o.passed,
                    o.message,
                    json.dumps(o.observed, ensure_ascii=False, default=str),
                ]
                for o in outcomes
            ],
        )
    finally:
        con.close()


def read_outcomes(database: Path, run_id: str) -> list[CheckOutcome]:
    """Every result a run recorded in this file, in the order recorded."""
    con = connect(database, read_only=True)
    try:
        if not table_exists(con, "audit", "check_results"):
            return []
        rows = con.execute(
            f"select check_name, asset, kind, severity, passed, message, observed from {RESULTS_TABLE} where run_id = ?",
            [run_id],
        ).fetchall()
    finally:
        con.close()
    return [
        CheckOutcome(name, asset, kind, severity, passed, message, json.loads(observed) if observed else {})
        for name, asset, kind, severity, passed, message, observed in rows
    ]


def run_summary(database: Path, run_id: str) -> dict:
    """Counts of the run's results: passed, warnings (failed, warning severity), errors."""
    con = connect(database, read_only=True)
    try:
        if not table_exists(con, "audit", "check_results"):
            return {"checks": 0, "passed": 0, "warnings": 0, "errors": 0}
        checks, passed, warnings, errors = con.execute(
            f"""
            select count(*),
                   count(*) filter (where passed),
                   count(*) filter (where not passed and severity = 'warning'),
                   count(*) filter (where not passed and severity = 'error')
            from {RESULTS_TABLE} where run_id = ?
            """,
            [run_id],
        ).fetchone()
    finally:
        con.close()
    return {"checks": checks, "passed": passed, "warnings": warnings, "errors": errors}
