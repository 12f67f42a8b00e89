"""One partition per report folder in raw/: its tables validated, then loaded into schema raw."""

import dagster as dg

from dagster_project import paths
from dagster_project.defs.resources import WAREHOUSE_POOL, report_partitions
from dagster_project.duckdb_connection import connect
from dagster_project.pause_points import pause_point
from dagster_project.raw_format.errors import ReportRejected
from dagster_project.raw_format.loader import load_report
from dagster_project.raw_format.specs import TABLE_SPECS
from dagster_project.rejections import clear_rejection, write_rejection

RAW_TABLES = ("reports", "report_tables", *sorted(spec.raw_table for spec in TABLE_SPECS.values()))


def raw_asset_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", table])


@dg.multi_asset(
    name="raw_report_tables",
    specs=[
        dg.AssetSpec(raw_asset_key(table), group_name="raw", kinds={"duckdb"}, description=f"raw.{table}")
        for table in RAW_TABLES
    ],
    partitions_def=report_partitions,
    pool=WAREHOUSE_POOL,
)
def raw_report_tables(context: dg.AssetExecutionContext):
    """Validates every file of one report folder, then replaces that report's rows in one transaction."""
    report_dir = paths.raw_dir() / context.partition_key
    context.log.info(f"Validating and loading {report_dir}")
    con = connect(paths.build_warehouse())
    try:
        pause_point("ingest")
        summary = load_report(con, report_dir)
    except ReportRejected as rejected:
        record = write_rejection(report_dir, rejected.problems, context.run.run_id)
        raise dg.Failure(
            description=f"Report {context.partition_key} rejected; nothing was loaded. Listed in {record}.\n{rejected}",
            metadata={
                "problems": dg.MetadataValue.md("\n".join(f"- {p}" for p in rejected.problems)),
                "rejection_record": str(record),
            },
        ) from rejected
    finally:
        con.close()
    clear_rejection(context.partition_key)
    for table in RAW_TABLES:
        yield dg.MaterializeResult(
            asset_key=raw_asset_key(table),
            metadata={
                "report": context.partition_key,
                "rows_by_table_id": dg.MetadataValue.json(summary.rows_by_table_id),
                "sha256_by_file": dg.MetadataValue.json(summary.sha256_by_file),
            },
        )
