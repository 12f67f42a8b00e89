"""The dbt command the pipeline runs answers `--version` as dbt does, without importing dbt."""

import re
import subprocess

import pytest

from dagster_project import paths


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


@pytest.mark.pipeline
def test_other_commands_are_dbts_own():
    assert _run(paths.dbt_command(), "parse", "--help") == _run(paths.dbt_executable(), "parse", "--help")
