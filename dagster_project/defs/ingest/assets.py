"""The report folders of raw/: their tables validated, then loaded into schema raw."""

import dagster as dg
from pydantic import Field

from dagster_project.defs.resources import WAREHOUSE_POOL, Warehouse, WriterLock
from dagster_project.publishing import quarantine
from dagster_project.publishing.quarantine import FAILED_RUN_TAG
from dagster_project.publishing.rejections import clear_rejection, write_rejection
from dagster_project.raw_format.folders import draft_folders, report_folders
from dagster_project.raw_format.loader import load_reports
from dagster_project.raw_format.specs import TABLE_SPECS

# Reports validated and then loaded in one transaction: bounds the rows held in memory.
REPORTS_PER_TRANSACTION = 50

_KEPT = {
    "last_published": "its last published figures stay",
    "none": "it was never published, so none of its figures stay",
}

RAW_TABLES = ("reports", "report_tables", *sorted(spec.raw_table for spec in TABLE_SPECS.values()))


def raw_asset_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", table])


class IngestConfig(dg.Config):
    reports: list[str] = Field(
        default=[],
        description="Report folders of raw/ to load (e.g. arsredovisning-2012); empty: every folder, unless quarantine is given.",
    )
    quarantine: list[str] = Field(
        default=[],
        description="Reports to take out of the build: back to their last published figures (dagster_project/quarantine.py).",
    )


def run_config(report_ids: list[str], quarantine: list[str] | None = None) -> dict:
    """The run config that makes raw_report_tables load these reports (and take the quarantined ones out)."""
    config = {"reports": list(report_ids), "quarantine": list(quarantine or [])}
    return {"ops": {"raw_report_tables": {"config": config}}}


def reports_of_run(run: dg.DagsterRun) -> list[str]:
    """The reports a run of the ingest asset loads from their folders, as its run config names them (empty: every folder)."""
    config = run.run_config.get("ops", {}).get("raw_report_tables", {}).get("config", {})
    return list(config.get("reports", []))


@dg.multi_asset(
    name="raw_report_tables",
    specs=[
        dg.AssetSpec(raw_asset_key(table), group_name="raw", kinds={"duckdb"}, description=f"raw.{table}")
        for table in RAW_TABLES
    ],
    pool=WAREHOUSE_POOL,
)
def raw_report_tables(
    context: dg.AssetExecutionContext, config: IngestConfig, warehouse: Warehouse, writer_lock: WriterLock
):
    """Validates every file of each report folder of the run, then replaces the reports' rows, 50 reports a transaction.

    A run covers one report (the sensor) or all of them (`make build`): one process start
    and one set of checks for any number of reports. A rejected report loads nothing. In a
    run over one report that fails the run; in a run over several, the rejected ones are
    quarantined (back to their last published figures) and the others go on to be checked
    and published. A quarantined report whose files have not changed stays out.
    """
    report_ids = config.reports or (
        [] if config.quarantine else [folder.name for folder in report_folders(warehouse.raw())]
    )
    if not report_ids and not config.quarantine:
        raise dg.Failure(description=f"No report folders in {warehouse.raw()}; nothing to load.")
    multi = len(report_ids) > 1
    loaded, rejected = {}, {}
    with warehouse.connect_build() as con:
        for start in range(0, len(report_ids), REPORTS_PER_TRANSACTION):
            batch = report_ids[start : start + REPORTS_PER_TRANSACTION]
            context.log.info(_progress(warehouse, batch, start, len(report_ids)))
            summaries, rejections = load_reports(con, [warehouse.raw() / report_id for report_id in batch])
            loaded |= {summary.report_id: summary for summary in summaries}
            for report_id, rejection in rejections.items():
                # With other reports in the run, quarantine lets them publish without this one.
                record = write_rejection(
                    warehouse.raw() / report_id,
                    rejection.problems,
                    context.run.run_id,
                    warehouse.published(),
                    quarantine=multi,
                )
                rejected[report_id] = (record, rejection)
        if rejected and not (multi and loaded):
            raise _rejection_failure(rejected)
        listed = quarantine.listed(con)
        held = [
            report_id
            for report_id in quarantine.still_quarantined(warehouse.raw(), warehouse.published())
            if report_id not in loaded and report_id not in listed
        ]
        out = sorted({*config.quarantine, *held, *rejected})
        kept = quarantine.take_out(con, warehouse.published(), out, context.run.tags.get(FAILED_RUN_TAG)) if out else {}
        for report_id, figures in kept.items():
            context.log.warning(f"Report {report_id} quarantined: taken out of the build ({_KEPT[figures]})")
        # A draft under review is no report yet: never listed as quarantined or rejected.
        drafts = [folder.name for folder in draft_folders(warehouse.raw())]
        quarantine.release(con, [*loaded, *drafts])
    for report_id in [*loaded, *drafts]:
        clear_rejection(report_id, warehouse.published())
    metadata = {
        **_load_metadata(loaded),
        **({"quarantined": dg.MetadataValue.json(kept)} if kept else {}),
        **(
            {"rejected": dg.MetadataValue.json({r: str(record) for r, (record, _) in rejected.items()})}
            if rejected
            else {}
        ),
    }
    for table in RAW_TABLES:
        yield dg.MaterializeResult(asset_key=raw_asset_key(table), metadata=metadata)


def _progress(warehouse: Warehouse, batch: list[str], start: int, total: int) -> str:
    if total == 1:
        return f"Validating and loading {warehouse.raw() / batch[0]}"
    return (
        f"Validating and loading reports {start + 1} to {start + len(batch)} of {total} "
        f"({batch[0]} .. {batch[-1]}) from {warehouse.raw()}"
    )


def _rejection_failure(rejected: dict) -> dg.Failure:
    described = [
        f"Report {report_id} rejected; nothing was loaded. Listed in {record}.\n{rejection}"
        for report_id, (record, rejection) in rejected.items()
    ]
    return dg.Failure(
        description="\n".join(described),
        metadata={
            "problems": dg.MetadataValue.md(
                "\n".join(
                    f"- {report_id}: {p}" for report_id, (_, rejection) in rejected.items() for p in rejection.problems
                )
            ),
            "rejection_records": dg.MetadataValue.json(
                {report_id: str(record) for report_id, (record, _) in rejected.items()}
            ),
        },
    )


def _load_metadata(loaded: dict) -> dict:
    if not loaded:
        return {"reports": 0}
    if len(loaded) == 1:
        ((report_id, summary),) = loaded.items()
        return {
            "report": report_id,
            "rows_by_table_id": dg.MetadataValue.json(summary.rows_by_table_id),
            "sha256_by_file": dg.MetadataValue.json(summary.sha256_by_file),
        }
    return {
        "reports": len(loaded),
        "first_report": min(loaded),
        "last_report": max(loaded),
        "rows": sum(summary.total_rows for summary in loaded.values()),
    }
