"""After a run fails its blocking checks: a run that takes the reports they name out and publishes the rest.

The failed run's steps named the reports (their rejection records, `publishing/quarantine.py`).
A quarantine run that fails on a further report adds that report: the reports taken out
only grow, so this ends after at most one run per report.
"""

from collections.abc import Iterable

import dagster as dg

from dagster_project.defs.automation.jobs import report_pipeline_job
from dagster_project.defs.ingest.assets import run_config
from dagster_project.defs.resources import Warehouse
from dagster_project.publishing import quarantine


def step_failures(events: Iterable[dg.DagsterEvent]) -> dict[str, str]:
    """Each failed step's key with what it said: a Failure's description, else the error."""
    failures = {}
    for event in events:
        data = event.step_failure_data
        user = data.user_failure_data
        described = user.description if user is not None else None
        failures[event.step_key] = described or (data.error.message.strip() if data.error else "failed")
    return failures


def quarantined_by(run: dg.DagsterRun) -> list[str]:
    return [report for report in run.tags.get(quarantine.QUARANTINE_TAG, "").split(",") if report]


def reports_to_take_out(run: dg.DagsterRun, published) -> list[str]:
    """Those already out in the failed run and those it named; none when it named no further report."""
    named = set(quarantine.proposed_by(run.run_id, published)) - set(quarantined_by(run))
    return sorted({*quarantined_by(run), *named}) if named else []


def quarantine_request(run: dg.DagsterRun, warehouse: Warehouse) -> dg.RunRequest | None:
    """The quarantine run after a failed run, or None when it named no further report."""
    reports = reports_to_take_out(run, warehouse.published())
    if not reports:
        return None
    return dg.RunRequest(
        run_key=f"quarantine:{run.run_id}",
        run_config=run_config([], quarantine=reports),
        tags={
            quarantine.QUARANTINE_TAG: ",".join(reports),
            quarantine.FAILED_RUN_TAG: run.run_id,
            "sjuharad/reason": "blocking checks failed on these reports: quarantined, the rest published",
        },
    )


@dg.run_failure_sensor(
    monitored_jobs=[report_pipeline_job],
    request_job=report_pipeline_job,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="When a report's blocking checks fail, takes it out of the build (back to its last published "
    "figures) and publishes the other reports; its files stay in raw/ until corrected.",
)
def quarantine_after_failure(context: dg.RunFailureSensorContext, warehouse: Warehouse):
    request = quarantine_request(context.dagster_run, warehouse)
    if request is None:
        return dg.SkipReason(f"run {context.dagster_run.run_id} named no further report to quarantine")
    context.log.info(f"Quarantining {request.tags[quarantine.QUARANTINE_TAG]} after run {context.dagster_run.run_id}")
    return request
