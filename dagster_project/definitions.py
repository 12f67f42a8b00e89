"""Every Dagster definition of Sjuhärad Insyn."""

import dagster as dg

from dagster_project.defs.alerts.sensors import email_on_failure
from dagster_project.defs.automation.jobs import JOBS
from dagster_project.defs.automation.raw_folder_sensor import raw_folder_sensor
from dagster_project.defs.automation.schedules import SCHEDULES
from dagster_project.defs.dbt.assets import dbt_resource, warehouse_dbt_models
from dagster_project.defs.ingest.assets import raw_report_tables
from dagster_project.defs.publish.assets import published_warehouse
from dagster_project.defs.quality.published_recheck import published_quality_checks
from dagster_project.defs.quality.quality_gate import quality_gate
from dagster_project.defs.status.checks import daily_published_status, published_data_is_current, published_status_job

defs = dg.Definitions(
    assets=[raw_report_tables, warehouse_dbt_models, published_warehouse],
    asset_checks=[quality_gate],
    jobs=[*JOBS, published_quality_checks],
    schedules=SCHEDULES,
    sensors=[raw_folder_sensor],
    resources={"dbt": dbt_resource},
)

# Operations (issue 16): an e-mail for every failed run, and whether the published data is current.
defs = dg.Definitions.merge(
    defs,
    dg.Definitions(
        asset_checks=[published_data_is_current],
        jobs=[published_status_job],
        schedules=[daily_published_status],
        sensors=[email_on_failure],
    ),
)
