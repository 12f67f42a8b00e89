"""Names shared by every concern: the report partitions and the warehouse writers' pool."""

import dagster as dg

report_partitions = dg.DynamicPartitionsDefinition(name="reports")

# Every asset that writes the build warehouse runs in this pool (limit 1), because a
# DuckDB file takes one writing process at a time.
WAREHOUSE_POOL = "warehouse"
