"""The dbt command the pipeline's `DbtCliResource` runs (its documented `dbt_executable`).

It is this environment's dbt, with two differences:
- `dbt --version`: dagster-dbt asks it once per run to choose how it talks to dbt; dbt answers
  by importing its whole CLI and asking PyPI for the latest release, about 4 s per run here
  (docs/benchmarks.md). The installed packages' metadata holds the same numbers, in the same
  format dbt prints.
- dbt runs in the build file's folder, and the profile names the file by its name alone.
  dbt parses the whole project again whenever the profile it renders changes (about 4 s of
  CPU more than a partial parse); with the folder out of the profile, every warehouse renders
  the same one, so a copied or new warehouse reuses a parse made for another.
"""

import os
import sys
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

from dagster_project import paths


def version_text() -> str:
    return f"Core:\n  - installed: {version('dbt-core')}\n\nPlugins:\n  - duckdb: {version('dbt-duckdb')}\n"


def working_folder(environment: Mapping[str, str]) -> tuple[Path | None, dict[str, str]]:
    """The folder dbt runs in, and its environment: for an absolute build file that exists or
    can exist (its folder does), the folder and the file's name; otherwise neither changes."""
    build_file = environment.get(paths.BUILD_DB_VARIABLE, "")
    path = Path(build_file)
    if not path.is_absolute() or not path.parent.is_dir():
        return None, dict(environment)
    return path.parent, {**environment, paths.BUILD_DB_VARIABLE: path.name}


def main() -> None:
    arguments = sys.argv[1:]
    if arguments == ["--version"]:
        sys.stdout.write(version_text())
        return
    dbt = str(paths.dbt_executable())
    folder, environment = working_folder(os.environ)
    if folder is not None:
        os.chdir(folder)
    os.execve(dbt, [dbt, *arguments], environment)
