"""Quarantine: one bad report never holds the others back.

A report whose figures fail a blocking check is taken out of the build: its raw rows go
back to its last published figures (or out, if it was never published), a new run builds,
checks and publishes the rest, and the report is listed with why in its rejection record
and in `audit.quarantined_reports`, which is published with the data. Its files stay in
raw/; correcting them starts a new run that loads it again, and a clean publication lifts
the quarantine.

The step that finds a failure names the reports and records them (`culprits` and
`propose`: the quality gate from its check results, each report with only its own
reasons; the dbt step for the one report of its run); nothing there writes the build
file. The sensor `quarantine_after_failure` (or `make build`) then starts the run that
takes them out and publishes the rest. Every later run keeps a quarantined report out
while its files are unchanged (`still_quarantined`), so that a run queued behind the
failed one is not held back.
"""

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from dagster_project.publishing.rejections import (
    read_all_rejections,
    read_rejection,
    read_rejections_of_run,
    write_rejection,
)
from dagster_project.quality.results import CheckOutcome
from dagster_project.raw_format.fingerprint import fingerprint
from dagster_project.raw_format.folders import folder_state, is_pending_draft
from dagster_project.raw_format.loader import create_raw_tables
from dagster_project.raw_format.specs import ACKNOWLEDGED_TABLE, REPORT_TABLES_TABLE, REPORTS_TABLE, TABLE_SPECS

QUARANTINE_TABLE = "audit.quarantined_reports"
# Tags of a run that quarantines reports: which, and after which failed run.
QUARANTINE_TAG = "sjuharad/quarantine"
FAILED_RUN_TAG = "sjuharad/after_failed_run"
RAW_TABLES = (
    REPORTS_TABLE,
    REPORT_TABLES_TABLE,
    ACKNOWLEDGED_TABLE,
    *(spec.qualified_table for spec in TABLE_SPECS.values()),
)

_CREATE = f"""
create schema if not exists audit;
create table if not exists {QUARANTINE_TABLE} (
    report_id varchar primary key,
    quarantined_at timestamptz not null,
    failed_run_id varchar,
    figures_kept varchar not null,   -- 'last_published' or 'none' (never published)
    reasons json not null
)
"""


def _reports_in(outcome: CheckOutcome) -> set[str]:
    """The reports a failed check's observed values name."""
    observed = outcome.observed or {}
    named = set(observed.get("reports_in_error", []))
    for failure in observed.get("failures", []):
        for row in failure.get("failing_rows", []):
            named.add(_report_of_row(row))
    return named - {None}


def _report_of_row(row: dict) -> str | None:
    return row.get("report_id") or row.get("source_report")


def _show_row(row: dict) -> str:
    return ", ".join(f"{key}={value}" for key, value in row.items())


def reasons_for(outcome: CheckOutcome, report_id: str) -> list[str]:
    """What the failed check found in this report only: its own differences and failing rows."""
    observed = outcome.observed or {}
    own = [
        f"{outcome.check_name}: {error}" for error in observed.get("errors", []) if error.startswith(f"{report_id} / ")
    ]
    for failure in observed.get("failures", []):
        rows = [row for row in failure.get("failing_rows", []) if _report_of_row(row) == report_id]
        if rows:
            own.append(
                f"{outcome.asset.replace('/', '.')}: {failure['column']}: expected {failure['expected']}, "
                f"found in rows of {report_id}: " + "; ".join(_show_row(row) for row in rows)
            )
    return own


def culprits(outcomes: Iterable[CheckOutcome], loaded: list[str]) -> dict[str, list[str]]:
    """The reports to take out, each with only its own reasons.

    A failed blocking check names the reports of its failing rows or differences. A failure
    that names no report is put on the report the run loaded when it loaded one only; with
    more, it names no culprit.
    """
    found: dict[str, list[str]] = {}
    for outcome in outcomes:
        if outcome.passed or outcome.severity != "error":
            continue
        named = _reports_in(outcome) or (set(loaded) if len(loaded) == 1 else set())
        for report_id in named:
            found.setdefault(report_id, []).extend(
                reasons_for(outcome, report_id) or [f"{outcome.check_name}: {outcome.message}"]
            )
    return found


def propose(found: dict[str, list[str]], run_id: str, raw_dir: Path, published: Path) -> list[Path]:
    """Record, per report, that this run's blocking checks name it; the quarantine run reads these records."""
    return [
        write_rejection(raw_dir / report_id, reasons, run_id, published, quarantine=True)
        for report_id, reasons in sorted(found.items())
    ]


def proposed_by(run_id: str, published: Path | None = None) -> list[str]:
    """The reports the failed run `run_id` named for quarantine."""
    return sorted(record["report"] for record in read_rejections_of_run(run_id, published) if record.get("quarantine"))


def still_quarantined(raw_dir: Path, published: Path | None = None) -> list[str]:
    """Quarantined reports whose files are still those that failed: no run loads them again by itself."""
    held = []
    for record in read_all_rejections(published):
        folder = raw_dir / record["report"]
        recorded = fingerprint((entry["file"], entry["sha256"]) for entry in record.get("files", []))
        if (
            record.get("quarantine")
            and folder.is_dir()
            and not is_pending_draft(folder)
            and folder_state(folder).fingerprint == recorded
        ):
            held.append(record["report"])
    return sorted(held)


def take_out(con: duckdb.DuckDBPyConnection, published: Path, report_ids: list[str], failed_run_id: str | None) -> dict:
    """Give the reports their last published raw rows (none if never published), in one transaction.

    Returns, per report, which figures it keeps: 'last_published' or 'none'.
    """
    kept = {report_id: "none" for report_id in report_ids}
    con.execute("begin transaction")
    try:
        create_raw_tables(con)
        if published.exists():
            con.execute(f"attach '{_sql_string(published)}' as published_file (read_only)")
        for table in RAW_TABLES:
            con.execute(f"delete from {table} where list_contains(?, report_id)", [report_ids])
            if published.exists() and _published_has(con, table):
                con.execute(
                    f"insert into {table} select * from published_file.{table} where list_contains(?, report_id)",
                    [report_ids],
                )
        if published.exists() and _published_has(con, REPORTS_TABLE):
            for (report_id,) in con.execute(
                f"select report_id from published_file.{REPORTS_TABLE} where list_contains(?, report_id)", [report_ids]
            ).fetchall():
                kept[report_id] = "last_published"
        _record(con, kept, failed_run_id, published)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        if published.exists():
            con.execute("detach database if exists published_file")
    return kept


def listed(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The reports the build file lists as quarantined."""
    con.execute(_CREATE)
    return {report_id for (report_id,) in con.execute(f"select report_id from {QUARANTINE_TABLE}").fetchall()}


def release(con: duckdb.DuckDBPyConnection, report_ids: list[str]) -> None:
    """Lift the quarantine of reports loaded again from their files."""
    con.execute(_CREATE)
    con.execute(f"delete from {QUARANTINE_TABLE} where list_contains(?, report_id)", [report_ids])


def _record(con: duckdb.DuckDBPyConnection, kept: dict, failed_run_id: str | None, published: Path) -> None:
    con.execute(_CREATE)
    now = datetime.now(UTC)
    for report_id, figures in kept.items():
        reasons = [problem["message"] for problem in _rejection_problems(report_id, published)]
        con.execute(f"delete from {QUARANTINE_TABLE} where report_id = ?", [report_id])
        con.execute(
            f"insert into {QUARANTINE_TABLE} values (?, ?, ?, ?, ?)",
            [report_id, now, failed_run_id, figures, json.dumps(reasons, ensure_ascii=False)],
        )


def _rejection_problems(report_id: str, published: Path) -> list[dict]:
    return (read_rejection(report_id, published) or {}).get("problems", [])


def _published_has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    schema, name = table.split(".")
    return (
        con.execute(
            "select count(*) from duckdb_tables() where database_name = 'published_file' and schema_name = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
        > 0
    )


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")
