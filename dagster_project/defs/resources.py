"""Names shared by every concern: the report partitions and the warehouse writers' pool."""

import dagster as dg

report_partitions = dg.DynamicPartitionsDefinition(name="reports")

# Every asset that writes the build warehouse runs in this pool (limit 1), because a
# DuckDB file takes one writing process at a time.
WAREHOUSE_POOL = "warehouse"

# The job that ingests, builds, checks and publishes; what the sensor and `make build` run.
REPORT_PIPELINE_JOB = "report_pipeline"
