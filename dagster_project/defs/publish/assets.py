"""The last step of a run: publish the checked build, or leave the published warehouse alone."""

import dagster as dg

from dagster_project import paths
from dagster_project.defs.dbt.assets import warehouse_dbt_models
from dagster_project.defs.resources import WAREHOUSE_POOL
from dagster_project.duckdb_connection import connect
from dagster_project.publishing import publish
from dagster_project.quality.results import run_summary


def _raw_file_hashes() -> list[dict]:
    con = connect(paths.build_warehouse(), read_only=True)
    try:
        rows = con.execute(
            "select report_id, file, file_sha256 from raw.report_tables order by report_id, file"
        ).fetchall()
    finally:
        con.close()
    return [{"report": report, "file": file, "sha256": sha} for report, file, sha in rows]


@dg.asset(
    deps=[warehouse_dbt_models],
    group_name="publish",
    pool=WAREHOUSE_POOL,
    kinds={"duckdb"},
    description="The published warehouse that the app reads. Runs only when no blocking check failed.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    summary = run_summary(paths.build_warehouse(), context.run_id)
    publication = publish(
        paths.build_warehouse(),
        paths.published_warehouse(),
        paths.versions_dir(),
        {"run_id": context.run_id, "raw_files": _raw_file_hashes(), "checks": summary},
    )
    context.log.info(f"Published version {publication.version_id} to {publication.path}")
    return dg.MaterializeResult(
        metadata={
            "version_id": publication.version_id,
            "path": str(publication.path),
            "checks": dg.MetadataValue.json(summary),
        }
    )
