"""Turning a check's outcome into a Dagster result."""

import dagster as dg

from dagster_project.quality.results import CheckOutcome


def to_check_result(outcome: CheckOutcome, metadata: dict | None = None) -> dg.AssetCheckResult:
    severity = dg.AssetCheckSeverity.ERROR if outcome.severity == "error" else dg.AssetCheckSeverity.WARN
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(outcome.asset.split("/")),
        check_name=outcome.check_name,
        passed=outcome.passed,
        severity=severity,
        description=outcome.message,
        metadata={**(metadata or {}), "observed": dg.MetadataValue.json(outcome.observed)},
    )
