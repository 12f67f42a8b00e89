"""The dbt command the pipeline's `DbtCliResource` runs (its documented `dbt_executable`).

It is this environment's dbt, except for `dbt --version`. dagster-dbt asks that once per run
to choose how it talks to dbt; dbt answers it by importing its whole CLI and asking PyPI for
the latest release, about 4 s per run here (docs/benchmarks.md). The installed packages'
metadata holds the same numbers, in the same format dbt prints.
"""

import os
import sys
from importlib.metadata import version

from dagster_project import paths


def version_text() -> str:
    return f"Core:\n  - installed: {version('dbt-core')}\n\nPlugins:\n  - duckdb: {version('dbt-duckdb')}\n"


def main() -> None:
    arguments = sys.argv[1:]
    if arguments == ["--version"]:
        sys.stdout.write(version_text())
        return
    dbt = str(paths.dbt_executable())
    os.execv(dbt, [dbt, *arguments])
