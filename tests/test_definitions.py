"""The whole set of Dagster definitions loads, with the pieces the system relies on."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from dagster_project.definitions import defs
from tests.support.project import REPO


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
    writers = [
        dg.AssetKey(["raw", "statement_lines"]),
        dg.AssetKey(["marts", "fct_fees"]),
        dg.AssetKey(["published_warehouse"]),
    ]
    for key in writers:
        assert graph.get(key).pools == {"warehouse"}, key


def test_raw_folder_sensor_runs_by_default():
    sensor = defs.resolve_sensor_def("raw_folder_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.RUNNING
    assert sensor.job_name == "report_pipeline"


@pytest.mark.pipeline
def test_dg_checks_the_definitions_of_the_defs_folder(tmp_path):
    """The project is one `dg` understands: [tool.dg] in pyproject.toml, definitions loaded from defs/."""
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "VIRTUAL_ENV": str(Path(sys.executable).parent.parent),
        "DAGSTER_HOME": str(tmp_path),
    }
    shutil.copyfile(REPO / "dagster_project" / "dagster.yaml", tmp_path / "dagster.yaml")
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "dg"), "check", "defs"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "All definitions loaded successfully" in completed.stdout + completed.stderr
