"""Turning a check's outcome into a Dagster result, and keeping it in the audit history."""

import dagster as dg

from dagster_project import paths
from dagster_project.quality.results import CheckOutcome, record


def to_check_result(context: dg.AssetCheckExecutionContext, outcome: CheckOutcome, metadata: dict | None = None) -> dg.AssetCheckResult:
    record(paths.build_warehouse(), context.run.run_id, "build", [outcome])
    severity = dg.AssetCheckSeverity.ERROR if outcome.severity == "error" else dg.AssetCheckSeverity.WARN
    return dg.AssetCheckResult(
        passed=outcome.passed,
        severity=severity,
        description=outcome.message,
        metadata={**(metadata or {}), "observed": dg.MetadataValue.json(outcome.observed)},
    )
