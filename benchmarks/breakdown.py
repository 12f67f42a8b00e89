"""Where a build's time goes, from the Dagster event log of its run and dbt's run_results.json."""

import json
from collections import defaultdict
from pathlib import Path


def _category(step_key: str) -> str:
    if step_key == "raw_report_tables":
        return "ingest (validate + load)"
    if step_key == "warehouse_dbt_models":
        return "dbt (start, parse, build with tests)"
    if step_key == "quality_gate":
        return "checks (Great Expectations, reconciliation, year over year)"
    if step_key == "published_warehouse":
        return "publish"
    if step_key.endswith("published_data_is_current"):
        return "status check (is every report folder published?)"
    return f"other step {step_key}"


def run_breakdown(dagster_home: Path) -> dict[str, float]:
    """Seconds per part of the latest run in dagster_home, plus the run's wall time."""
    import dagster as dg
    from dagster import DagsterEventType

    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        run = instance.get_runs(limit=1)[0]
        events = instance.all_logs(run.run_id)
    starts, parts = {}, defaultdict(float)
    run_start = run_end = None
    for event in events:
        kind = event.dagster_event_type
        if kind == DagsterEventType.RUN_START:
            run_start = event.timestamp
        elif kind in (DagsterEventType.RUN_SUCCESS, DagsterEventType.RUN_FAILURE):
            run_end = event.timestamp
        elif kind == DagsterEventType.STEP_START:
            starts[event.step_key] = event.timestamp
        elif kind in (DagsterEventType.STEP_SUCCESS, DagsterEventType.STEP_FAILURE) and event.step_key in starts:
            parts[_category(event.step_key)] += event.timestamp - starts[event.step_key]
    parts["run wall time"] = (run_end or 0) - (run_start or 0)
    return dict(parts)


def dbt_execution_seconds(dbt_target: Path) -> float:
    """dbt's own elapsed time for executing the nodes (without process start and parsing)."""
    return float(json.loads((dbt_target / "run_results.json").read_text())["elapsed_time"])
