"""The whole set of Dagster definitions loads, with the pieces the system relies on."""

import ast
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
    """The project is one `dg` understands: [tool.dg] in pyproject.toml, definitions loaded from defs/.

    From a shell where the environment is not activated: its bin folder is not on PATH, and none
    of the project's variables is set. The suite's runs set SJUHARAD_BUILD_DB, which dbt's
    profile reads: with it, the parse `dg` starts could not reuse `make install`'s (about 6 s of CPU)."""
    venv_bin = str(Path(sys.executable).parent)
    environment = {
        key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV" and not key.startswith("SJUHARAD_")
    }
    environment["PATH"] = os.pathsep.join(
        part for part in os.environ.get("PATH", "").split(os.pathsep) if part and part != venv_bin
    )
    environment["DAGSTER_HOME"] = str(tmp_path)
    assert shutil.which("dbt", path=environment["PATH"]) is None, "dbt must not be on PATH for this test"
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


LIBRARY_PACKAGES = ("raw_format", "quality", "publishing", "drafting")
LIBRARY_MODULES = ("paths.py", "duckdb_connection.py")


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_library_module_imports_the_dagster_definitions():
    """defs/ builds on the library (raw_format, quality, publishing, drafting), never the other way round."""
    package = REPO / "dagster_project"
    files = [*(package / name for name in LIBRARY_MODULES)]
    files += [path for folder in LIBRARY_PACKAGES for path in (package / folder).rglob("*.py")]
    upward = {
        str(path.relative_to(REPO)): sorted(
            name for name in _imported_modules(path) if name.startswith("dagster_project.defs")
        )
        for path in files
    }
    assert (package / "publishing" / "quarantine.py") in files
    assert {path: names for path, names in upward.items() if names} == {}


def test_drafts_run_in_a_pool_of_their_own_with_a_runtime_limit():
    """A draft never waits for the warehouse's runs, and run monitoring ends one past its limit."""
    import yaml

    job = defs.resolve_job_def("draft_report")
    assert {node.definition.pool for node in job.nodes} == {"drafting"}
    assert int(job.tags["dagster/max_runtime"]) > 0
    instance = yaml.safe_load((REPO / "dagster_project" / "dagster.yaml").read_text(encoding="utf-8"))
    assert instance["run_monitoring"]["enabled"] is True
    assert instance["concurrency"]["runs"]["max_concurrent_runs"] == 2, "a draft beside one warehouse run"
