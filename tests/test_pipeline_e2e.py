"""The whole asset graph materialized in-process into a temporary directory."""

import dagster as dg

from dagster_project.definitions import defs
from dagster_project.defs.ingest.assets import run_config
from dagster_project.duckdb_connection import connect
from dagster_project.publishing.publish import read_publication
from tests.conftest import copy_report, project_environment


def test_materialize_the_whole_graph_for_the_2012_report(tmp_path):
    raw_dir, warehouse = tmp_path / "raw", tmp_path / "warehouse" / "sjuharad.duckdb"
    copy_report(raw_dir)
    with project_environment(raw_dir, warehouse), dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            [*defs.assets, *defs.asset_checks],
            run_config=run_config(["arsredovisning-2012"]),
            instance=instance,
            resources=defs.resources,
        )
    assert result.success
    materialized = {event.asset_key for event in result.get_asset_materialization_events()}
    assert dg.AssetKey(["published_warehouse"]) in materialized
    assert dg.AssetKey(["marts", "fct_fees"]) in materialized

    record = read_publication(warehouse)
    assert record["checks"]["errors"] == 0
    assert {f["file"] for f in record["raw_files"]} >= {"resultatrakning.csv", "not_forbundsbidrag_kansli.csv"}
    con = connect(warehouse, read_only=True)
    try:
        assert con.execute(
            "select amount_tkr from marts.fct_income_statement where year = 2012 and line_id = 'arets_resultat'"
        ).fetchone() == (912,)
    finally:
        con.close()
    assert not list(warehouse.parent.glob("*.wal")), "publishing leaves no .wal next to the published file"
