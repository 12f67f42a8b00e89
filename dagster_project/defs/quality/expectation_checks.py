"""The Great Expectations suites, one check per mart and raw table."""

from collections.abc import Iterator

import dagster as dg

from dagster_project.quality.markdown import markdown_table
from dagster_project.quality.results import CheckOutcome
from dagster_project.quality.suites import Suite, all_suites


def failures_table(outcome: CheckOutcome) -> str:
    failures = outcome.observed["failures"]
    if not failures:
        return "every expectation is met"
    return markdown_table(
        ["column", "expectation", "expected", "observed", "failing rows"],
        (
            [
                f["column"],
                f["expectation"],
                f["expected"],
                f["observed"],
                "; ".join(", ".join(f"{k}={v}" for k, v in row.items()) for row in f["failing_rows"]),
            ]
            for f in failures
        ),
    )


def is_raw(suite: Suite) -> bool:
    return suite.asset_path[0] == "raw"


def spec(suite: Suite) -> dg.AssetCheckSpec:
    # A raw table's suite runs after dbt, in the same step as the marts' suites, so it
    # cannot block dbt; quality_gate fails the step itself when one fails.
    return dg.AssetCheckSpec(
        name=suite.check_name,
        asset=dg.AssetKey(suite.asset_path),
        description=f"Great Expectations suite for {suite.table}: "
        + (
            "grain unique and not null, required cells, accepted sets and sane ranges."
            if is_raw(suite)
            else "accepted sets and sane ranges (its grain and not null are its dbt contract)."
        ),
        blocking=not is_raw(suite),
    )


SPECS = [spec(suite) for suite in all_suites()]


def with_metadata(outcomes: list[CheckOutcome]) -> Iterator[tuple[CheckOutcome, dict]]:
    for outcome in outcomes:
        yield outcome, {"failures": dg.MetadataValue.md(failures_table(outcome))}
