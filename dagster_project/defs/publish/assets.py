"""The last step of a run: publish the checked build, or leave the published warehouse alone."""

import dagster as dg

from dagster_project.defs.dbt.assets import warehouse_dbt_models
from dagster_project.defs.resources import WAREHOUSE_POOL, Warehouse, WriterLock
from dagster_project.publishing.publish import publish
from dagster_project.quality.results import run_summary
from dagster_project.raw_format.fingerprint import fingerprint
from dagster_project.raw_format.manifest import MANIFEST_FILE


def _raw_file_hashes(warehouse: Warehouse) -> list[dict]:
    """Every file the published data was built from, the manifests included."""
    with warehouse.connect_build(read_only=True) as con:
        rows = con.execute(
            f"""
            select report_id, file, file_sha256 from raw.report_tables
            union all
            select report_id, '{MANIFEST_FILE}', manifest_sha256 from raw.reports
            order by all
            """
        ).fetchall()
    return [{"report": report, "file": file, "sha256": sha} for report, file, sha in rows]


def _fingerprints(raw_files: list[dict]) -> dict[str, str]:
    by_report: dict[str, list[tuple[str, str]]] = {}
    for entry in raw_files:
        by_report.setdefault(entry["report"], []).append((entry["file"], entry["sha256"]))
    return {report: fingerprint(files) for report, files in by_report.items()}


@dg.asset(
    deps=[warehouse_dbt_models],
    group_name="publish",
    pool=WAREHOUSE_POOL,
    kinds={"duckdb"},
    description="The published warehouse that the app reads. Runs only when no blocking check failed; "
    "a new version only when the content changed.",
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: Warehouse, writer_lock: WriterLock
) -> dg.MaterializeResult:
    summary = run_summary(warehouse.build(), context.run.run_id)
    raw_files = _raw_file_hashes(warehouse)
    context.log.info(f"Publishing {warehouse.build()} to {warehouse.published()}")
    publication = publish(
        warehouse.build(),
        warehouse.published(),
        warehouse.versions(),
        {
            "run_id": context.run.run_id,
            "raw_files": raw_files,
            "fingerprints": _fingerprints(raw_files),
            "checks": summary,
        },
    )
    if publication.new:
        context.log.info(f"Published version {publication.version_id} to {publication.path}")
    else:
        context.log.info(
            f"Nothing changed since version {publication.version_id}: no new version; its check results are refreshed"
        )
    return dg.MaterializeResult(
        metadata={
            "version_id": publication.version_id,
            "new_version": publication.new,
            "path": str(publication.path),
            "checks": dg.MetadataValue.json(summary),
        }
    )
