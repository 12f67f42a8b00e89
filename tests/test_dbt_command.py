"""The dbt command the pipeline runs: `--version` answered as dbt does without importing dbt, and
dbt run in the build file's folder, so that every warehouse reuses one parse."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from dagster_project import paths
from dagster_project.dbt_command import working_folder
from dagster_project.defs.dbt.assets import start_from_the_projects_parse


def _run(executable, *arguments: str) -> str:
    completed = subprocess.run([str(executable), *arguments], capture_output=True, text=True, check=True, timeout=300)
    return completed.stdout


def _versions(text: str) -> dict[str, str]:
    """The installed versions in `dbt --version`'s text, as dagster-dbt reads the first one."""
    return dict(re.findall(r"-\s+(installed|duckdb):\s+(\d+\.\d+\.\d+)", text))


def test_the_quick_version_names_the_installed_dbt_core_and_duckdb_adapter():
    from importlib.metadata import version

    text = _run(paths.dbt_command(), "--version")

    assert _versions(text) == {"installed": version("dbt-core"), "duckdb": version("dbt-duckdb")}
    assert re.search(r"(\d+\.\d+\.\d+)", text).group(1) == version("dbt-core"), "dagster-dbt reads the first version"


@pytest.mark.pipeline
def test_the_quick_version_equals_dbts_own():
    assert _versions(_run(paths.dbt_command(), "--version")) == _versions(_run(paths.dbt_executable(), "--version"))


def test_dbt_runs_in_the_build_files_folder_naming_the_file_alone(tmp_path):
    build_file = tmp_path / "build" / "sjuharad.build.duckdb"
    build_file.parent.mkdir()

    folder, environment = working_folder({paths.BUILD_DB_VARIABLE: str(build_file), "DO_NOT_TRACK": "1"})

    assert folder == build_file.parent
    assert environment == {paths.BUILD_DB_VARIABLE: "sjuharad.build.duckdb", "DO_NOT_TRACK": "1"}


@pytest.mark.parametrize("build_file", ["", "sjuharad.build.duckdb", "/no/such/folder/sjuharad.build.duckdb"])
def test_without_an_absolute_build_file_in_a_folder_dbt_runs_as_called(build_file):
    environment = {paths.BUILD_DB_VARIABLE: build_file} if build_file else {}

    assert working_folder(environment) == (None, environment)


def _parse(dbt, build_file: Path, target: Path) -> str:
    environment = {
        **os.environ,
        paths.BUILD_DB_VARIABLE: str(build_file),
        "DBT_TARGET_PATH": str(target),
        "DBT_PROJECT_DIR": str(paths.dbt_project_dir()),
        "DBT_PROFILES_DIR": str(paths.dbt_project_dir()),
        "DO_NOT_TRACK": "1",
    }
    return subprocess.run(
        [str(dbt), "parse"], env=environment, capture_output=True, text=True, check=True, timeout=300
    ).stdout


@pytest.mark.pipeline
def test_a_new_warehouse_starts_from_the_projects_parse(tmp_path):
    """Other commands are dbt's own, run in the build file's folder. `make install` parsed the
    project; a new warehouse's first run reuses that parse. With the
    build file's whole path in the profile, dbt would say "Unable to do partial parsing because
    profile has changed" and parse everything again (about 4 s of CPU)."""
    build_file = tmp_path / "warehouse" / "build" / "sjuharad.build.duckdb"
    build_file.parent.mkdir(parents=True)
    target = build_file.parent / "dbt_target"
    start_from_the_projects_parse(target)

    output = _parse(paths.dbt_command(), build_file, target)

    assert "Unable to do partial parsing" not in output, output
    performance = json.loads((target / "perf_info.json").read_text(encoding="utf-8"))
    assert performance["parsed_path_count"] < performance["path_count"], "dbt parsed only what changed, if anything"
    assert not build_file.exists(), "parsing opens no warehouse"
