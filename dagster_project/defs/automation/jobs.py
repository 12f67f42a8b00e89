"""The jobs: reports end to end (what the sensor starts for one report, `make build` for all), and its two halves."""

import dagster as dg

from dagster_project.defs.ingest.assets import raw_report_tables

# The job that ingests, builds, checks and publishes; what the sensor and `make build` run.
REPORT_PIPELINE_JOB = "report_pipeline"

_raw = dg.AssetSelection.assets(raw_report_tables).without_checks()

# In one process: the steps share one DuckDB file, which takes a single writing process,
# and a process per step would cost more start-up time than the work itself.
report_pipeline_job = dg.define_asset_job(
    REPORT_PIPELINE_JOB,
    selection=dg.AssetSelection.all(),
    executor_def=dg.in_process_executor,
    description="Ingest one report folder, rebuild the marts, run every check and publish if none blocks.",
)

ingest_report_job = dg.define_asset_job(
    "ingest_report",
    selection=_raw,
    executor_def=dg.in_process_executor,
    description="Validate one report folder and load it into the raw schema.",
)

build_and_publish_job = dg.define_asset_job(
    "build_and_publish",
    selection=dg.AssetSelection.all() - _raw,
    executor_def=dg.in_process_executor,
    description="Rebuild the marts from the raw schema, run every check and publish if none blocks.",
)

JOBS = [report_pipeline_job, ingest_report_job, build_and_publish_job]
