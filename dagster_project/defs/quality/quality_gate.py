"""Every check of a build in one step after dbt: the Great Expectations suites of the raw
tables and the marts, the reconciliations and the year-over-year warnings.

One step instead of one per check: one read-only connection per kind, one write of the
results, and a handful of step events instead of dozens. The Great Expectations suites run
in the worker processes of the `expectations` resource, which imported GX while dbt ran;
this process does the reconciliations meanwhile.

The gate checks and records: the results, the fingerprint of the file it checked, and
the reports a failed blocking check names (their rejection records). It takes nothing
out of the build; the quarantine run does (`quarantine_after_failure`, defs/automation).
"""

import dagster as dg

from dagster_project.defs.ingest.assets import reports_of_run
from dagster_project.defs.quality import expectation_checks, reconciliation_checks, year_over_year_checks
from dagster_project.defs.quality.expectation_validator import ExpectationValidator
from dagster_project.defs.quality.outcomes import to_check_result
from dagster_project.defs.resources import WAREHOUSE_POOL, Warehouse, WriterLock
from dagster_project.publishing import quarantine
from dagster_project.publishing.publish import record_checked
from dagster_project.quality.results import CheckOutcome, record
from dagster_project.quality.suites import all_suites

STEP_NAME = "quality_gate"
RAW_SUITES_FAILED = "Raw tables failed their Great Expectations suites; nothing is published"


def raw_failures(outcomes: list[CheckOutcome]) -> list[CheckOutcome]:
    return [o for o in outcomes if o.kind == "great_expectations" and o.asset.startswith("raw/") and not o.passed]


@dg.multi_asset_check(
    specs=[*expectation_checks.SPECS, *reconciliation_checks.SPECS, *year_over_year_checks.SPECS],
    name=STEP_NAME,
    pool=WAREHOUSE_POOL,
    description="The Great Expectations suites, the report's arithmetic and the fee changes, run on the build "
    "file read-only. A failed error-level check stops publishing.",
)
def quality_gate(
    context: dg.AssetCheckExecutionContext,
    warehouse: Warehouse,
    expectations: ExpectationValidator,
    writer_lock: WriterLock,
):
    database = warehouse.build()
    validation = expectations.submit(all_suites(), database)
    arithmetic = [*reconciliation_checks.evaluate_with_metadata(database), *year_over_year_checks.evaluate(database)]
    checked = [*expectation_checks.with_metadata(validation.outcomes()), *arithmetic]
    outcomes = []
    for outcome, metadata in checked:
        outcomes.append(outcome)
        context.log.debug(f"{outcome.check_name}: {'passed' if outcome.passed else outcome.severity}")
        yield to_check_result(outcome, metadata)
    record(database, context.run.run_id, "build", outcomes)
    # What publish_warehouse publishes must be exactly this file, as checked here.
    record_checked(database, context.run.run_id)
    found = quarantine.culprits(outcomes, reports_of_run(context.run))
    if found:
        quarantine.propose(found, context.run.run_id, warehouse.raw(), warehouse.published())
        context.log.warning(f"Blocking checks fail on {', '.join(sorted(found))}: named for quarantine")
    failed_raw = raw_failures(outcomes)
    if failed_raw:
        raise dg.Failure(description=f"{RAW_SUITES_FAILED}:\n" + "\n".join(o.message for o in failed_raw))
