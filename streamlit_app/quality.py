"""Summaries of audit.check_results for display."""

import pandas as pd

from streamlit_app import queries
from streamlit_app.checks import Names, failed_checks, referenced_lines, sentences


def latest_run_id(results: pd.DataFrame, record: dict | None) -> str | None:
    if record and record.get("run_id") and not results.empty and (results["run_id"] == record["run_id"]).any():
        return record["run_id"]
    if results.empty:
        return None
    return results.sort_values("checked_at")["run_id"].iloc[-1]


def latest_run_summary(results: pd.DataFrame, record: dict | None) -> dict:
    run_id = latest_run_id(results, record)
    run = results[results["run_id"] == run_id] if run_id else results.iloc[0:0]
    failed = run[~run["passed"].astype(bool)]
    return {
        "run_id": run_id,
        "checks": len(run),
        "passed": int(run["passed"].astype(bool).sum()),
        "warnings": int((failed["severity"] == "warning").sum()),
        "errors": int((failed["severity"] == "error").sum()),
    }


def warning_rows(results: pd.DataFrame, run_id: str | None) -> pd.DataFrame:
    if run_id is None:
        return results.iloc[0:0]
    run = results[results["run_id"] == run_id]
    return run[~run["passed"].astype(bool)]


def names_for(checks: pd.DataFrame) -> Names:
    """The report's names of the tables and lines the checks' findings refer to."""
    pairs = referenced_lines(checks)
    if not pairs:
        return Names()
    return Names(queries.meta.table_titles(), queries.meta.line_labels(pairs))


def findings_about(asset: str) -> list[str]:
    """The Swedish sentences of what the latest published checks of `asset` found (none when all passed)."""
    results = queries.meta.check_results()
    failed = failed_checks(warning_rows(results, latest_run_id(results, queries.meta.publication())))
    failed = failed[failed["asset"] == asset]
    names = names_for(failed)
    return [sentence for _, check in failed.iterrows() for sentence in sentences(check, names)]
