"""Every Dagster definition of Sjuhärad Insyn."""

import dagster as dg

from dagster_project.defs.automation.jobs import JOBS
from dagster_project.defs.automation.raw_folder_sensor import raw_folder_sensor
from dagster_project.defs.automation.schedules import SCHEDULES
from dagster_project.defs.dbt.assets import dbt_resource, warehouse_dbt_models
from dagster_project.defs.ingest.assets import raw_report_tables
from dagster_project.defs.publish.assets import published_warehouse
from dagster_project.defs.quality.published_recheck import published_quality_checks
from dagster_project.defs.quality.quality_gate import quality_gate

# Drafting a report dropped into the inbox (issue 14): its own job and sensor, outside the pipeline's assets.
from dagster_project.defs.drafting.inbox_sensor import inbox_sensor
from dagster_project.defs.drafting.job import draft_report_job

defs = dg.Definitions(
    assets=[raw_report_tables, warehouse_dbt_models, published_warehouse],
    asset_checks=[quality_gate],
    jobs=[*JOBS, published_quality_checks, draft_report_job],
    schedules=SCHEDULES,
    sensors=[raw_folder_sensor, inbox_sensor],
    resources={"dbt": dbt_resource},
)
