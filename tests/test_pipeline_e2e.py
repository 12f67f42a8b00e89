"""The pipeline's two ends: the ingest asset materialized on its own, and what the whole
graph published for the 2012 report (the session's `published_2012`, built as `make build` builds)."""

import dagster as dg

from dagster_project.defs.ingest.assets import raw_report_tables, run_config
from dagster_project.defs.resources import Warehouse, WriterLock
from dagster_project.duckdb_connection import connect
from dagster_project.publishing.publish import read_publication
from tests.support.project import copy_report


def test_the_ingest_asset_alone_loads_the_report_into_the_build_file(tmp_path):
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    copy_report(raw_dir)
    files = Warehouse(raw_dir=str(raw_dir), published_path=str(warehouse))

    result = dg.materialize(
        [raw_report_tables],
        run_config=run_config(["arsredovisning-2012"]),
        resources={"warehouse": files, "writer_lock": WriterLock(warehouse=files)},
    )

    assert result.success
    assert dg.AssetKey(["raw", "statement_lines"]) in {e.asset_key for e in result.get_asset_materialization_events()}
    con = connect(files.build(), read_only=True)
    try:
        assert con.execute(
            "select amount_current from raw.statement_lines "
            "where table_id = 'not_forbundsbidrag_kansli' and line_id = 'boras'"
        ).fetchone() == (7249,)
    finally:
        con.close()
    assert not warehouse.exists(), "ingesting publishes nothing"


def test_the_whole_graph_published_the_checked_marts_of_2012(published_2012):
    record = read_publication(published_2012)
    assert record["checks"]["errors"] == 0
    assert {f["file"] for f in record["raw_files"]} >= {"resultatrakning.csv", "not_forbundsbidrag_kansli.csv"}
    con = connect(published_2012, read_only=True)
    try:
        assert con.execute(
            "select amount_tkr from marts.fct_income_statement where year = 2012 and line_id = 'arets_resultat'"
        ).fetchone() == (912,)
    finally:
        con.close()
    assert not list(published_2012.parent.glob("*.wal")), "publishing leaves no .wal next to the published file"
