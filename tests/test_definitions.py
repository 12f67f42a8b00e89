"""The whole set of Dagster definitions loads, with the pieces the system relies on."""

import dagster as dg

from dagster_project.definitions import defs


def test_definitions_load_and_validate():
    dg.Definitions.validate_loadable(defs)
    repository = defs.get_repository_def()
    assert {"report_pipeline", "ingest_report", "build_and_publish"} <= set(repository.job_names)


def test_raw_tables_feed_the_dbt_sources():
    graph = defs.resolve_asset_graph()
    staging = dg.AssetKey(["staging", "stg_raw__statement_lines"])
    assert dg.AssetKey(["raw", "statement_lines"]) in graph.get(staging).parent_keys


def test_every_writer_is_in_the_warehouse_pool():
    graph = defs.resolve_asset_graph()
    writers = [dg.AssetKey(["raw", "statement_lines"]), dg.AssetKey(["marts", "fct_fees"]), dg.AssetKey(["published_warehouse"])]
    for key in writers:
        assert graph.get(key).pools == {"warehouse"}, key


def test_raw_folder_sensor_runs_by_default():
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert sensor.job_name == "report_pipeline"
