"""Every check again, against the published warehouse, for the history the app shows.

The published file is only read. The results are recorded in the build file's
audit.check_results (target 'published') and then copied into the published file by
publishing.refresh_audit, which swaps in a new copy like publish() does. An error-level
check that fails then fails the run, so that the alert sensor (defs/alerts) sends its e-mail.
"""

from collections import Counter

import dagster as dg

from dagster_project.defs.quality.expectation_validator import ExpectationValidator
from dagster_project.defs.resources import WAREHOUSE_POOL, Warehouse, WriterLock
from dagster_project.publishing.publish import refresh_audit
from dagster_project.quality import dbt_tests, reconciliation, year_over_year
from dagster_project.quality.markdown import markdown_table
from dagster_project.quality.results import CheckOutcome, record
from dagster_project.quality.suites import all_suites

PUBLISHED_TARGET = "published"
CHECKS_FAILED = "Error-level checks failed against the published warehouse"


def check_warehouse(database, expectations: ExpectationValidator) -> list[CheckOutcome]:
    """Every check of the build, run against `database` opened read-only."""
    validation = expectations.submit(all_suites(), database)
    return [
        *validation.outcomes(),
        *reconciliation.evaluate_all(database),
        year_over_year.run_fee_changes(database),
        *dbt_tests.run_data_tests(database),
    ]


def status(outcome: CheckOutcome) -> str:
    if outcome.passed:
        return "passed"
    return "ERROR" if outcome.severity == "error" else "warning"


def _not_passed_table(outcomes: list[CheckOutcome]) -> str:
    rows = [o for o in outcomes if not o.passed]
    if not rows:
        return "every check passed"
    return markdown_table(
        ["status", "kind", "check", "asset", "message"],
        ([status(o), o.kind, o.check_name, o.asset, o.message[:300]] for o in rows),
    )


@dg.op(
    pool=WAREHOUSE_POOL,
    description="Runs every check against the published warehouse (read-only) and records the results; "
    "fails when an error-level check fails.",
)
def recheck_published_warehouse(
    context: dg.OpExecutionContext, warehouse: Warehouse, expectations: ExpectationValidator, writer_lock: WriterLock
) -> dg.Output:
    published = warehouse.published()
    if not published.exists():
        context.log.info(f"Nothing is published at {published}; nothing to check.")
        return dg.Output(None, metadata={"checks": 0})
    outcomes = check_warehouse(published, expectations)
    record(warehouse.build(), context.run_id, PUBLISHED_TARGET, outcomes)
    refresh_audit(warehouse.build(), published)
    counts = Counter(status(o) for o in outcomes)
    context.log.info(f"Checked {published}: {dict(counts)}")
    metadata = {
        "checks": len(outcomes),
        "passed": counts["passed"],
        "warnings": counts["warning"],
        "errors": counts["ERROR"],
        "not_passed": dg.MetadataValue.md(_not_passed_table(outcomes)),
    }
    errors = [o for o in outcomes if status(o) == "ERROR"]
    if errors:
        # The results are recorded; failing the run is what makes it red in the UI and sends the alert.
        raise dg.Failure(
            description=f"{CHECKS_FAILED} ({published}):\n"
            + "\n".join(f"- {o.check_name} ({o.asset}): {o.message[:500]}" for o in errors),
            metadata=metadata,
        )
    return dg.Output(None, metadata=metadata)


@dg.job(description="Re-runs every check against the published warehouse and stores the results with it.")
def published_quality_checks():
    recheck_published_warehouse()
