"""Every Dagster definition of Sjuhärad Insyn."""

import dagster as dg

from dagster_project.defs.automation.jobs import JOBS
from dagster_project.defs.automation.raw_folder_sensor import raw_folder_sensor
from dagster_project.defs.automation.schedules import SCHEDULES
from dagster_project.defs.dbt.assets import dbt_resource, warehouse_dbt_models
from dagster_project.defs.ingest.assets import raw_report_tables
from dagster_project.defs.publish.assets import published_warehouse
from dagster_project.defs.quality.expectation_checks import EXPECTATION_CHECKS
from dagster_project.defs.quality.published_recheck import published_quality_checks
from dagster_project.defs.quality.reconciliation_checks import RECONCILIATION_CHECKS
from dagster_project.defs.quality.year_over_year_checks import YEAR_OVER_YEAR_CHECKS

defs = dg.Definitions(
    assets=[raw_report_tables, warehouse_dbt_models, published_warehouse],
    asset_checks=[*RECONCILIATION_CHECKS, *EXPECTATION_CHECKS, *YEAR_OVER_YEAR_CHECKS],
    jobs=[*JOBS, published_quality_checks],
    schedules=SCHEDULES,
    sensors=[raw_folder_sensor],
    resources={"dbt": dbt_resource},
)
