"""The Great Expectations suites as blocking asset checks, one per mart and raw table."""

import dagster as dg

from dagster_project import paths
from dagster_project.defs.quality.outcomes import to_check_result
from dagster_project.quality import great_expectations_runner
from dagster_project.quality.results import CheckOutcome
from dagster_project.quality.suites import Suite, all_suites


def failures_table(outcome: CheckOutcome) -> str:
    failures = outcome.observed["failures"]
    if not failures:
        return "every expectation is met"
    return "\n".join(
        ["| column | expectation | expected | observed | failing rows |", "|---|---|---|---|---|"]
        + [
            f"| {f['column']} | {f['expectation']} | {f['expected']} | {f['observed']} | "
            f"{'; '.join(', '.join(f'{k}={v}' for k, v in row.items()) for row in f['failing_rows'])} |"
            for f in failures
        ]
    )


def expectation_check(suite: Suite) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(suite.asset_path),
        name=suite.check_name,
        description=f"Great Expectations suite for {suite.table}: grain {', '.join(suite.grain)} unique and not null, "
        "accepted sets and sane ranges.",
        blocking=True,
    )
    def _check(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
        outcome = great_expectations_runner.run_suite(suite, paths.build_warehouse())
        return to_check_result(context, outcome, {"failures": dg.MetadataValue.md(failures_table(outcome))})

    return _check


EXPECTATION_CHECKS = [expectation_check(suite) for suite in all_suites()]
