"""After a report's run fails its blocking checks: a run that takes the report out and publishes the rest."""

import dagster as dg

from dagster_project import quarantine
from dagster_project.defs.automation.jobs import report_pipeline_job
from dagster_project.defs.ingest.assets import run_config
from dagster_project.defs.resources import FAILED_RUN_TAG, QUARANTINE_TAG, Warehouse


def quarantine_request(failed_run: dg.DagsterRun, warehouse: Warehouse) -> dg.RunRequest | None:
    """The quarantine run for a failed run whose checks named reports; none for a quarantine run itself."""
    if QUARANTINE_TAG in failed_run.tags:
        return None
    reports = quarantine.proposed_by(failed_run.run_id, warehouse.published())
    if not reports:
        return None
    return dg.RunRequest(
        run_key=f"quarantine:{failed_run.run_id}",
        run_config=run_config([], quarantine=reports),
        tags={
            QUARANTINE_TAG: ",".join(reports),
            FAILED_RUN_TAG: failed_run.run_id,
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
        return dg.SkipReason(f"run {context.dagster_run.run_id} named no report to quarantine")
    context.log.info(f"Quarantining {request.tags[QUARANTINE_TAG]} after run {context.dagster_run.run_id}")
    return request
